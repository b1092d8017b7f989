use super::*;

use proptest::prelude::*;

/// One recognised figure, flattened for assertions.
#[derive(Debug)]
struct F {
    text: String,
    value: Option<String>,
    low: Option<String>,
    high: Option<String>,
    unit: Option<String>,
    modifier: Option<FigureMod>,
    subject: Option<String>,
}

fn figs(text: &str) -> Vec<F> {
    recognise_text(text)
        .into_iter()
        .map(|m| {
            let f = m.figure().cloned().unwrap_or_default();
            F {
                text: m.span.slice(text).to_string(),
                value: f.value.map(|d| d.to_string()),
                low: f.low.map(|d| d.to_string()),
                high: f.high.map(|d| d.to_string()),
                unit: f.unit,
                modifier: f.modifier,
                subject: f.subject.map(|s| s.slice(text).to_string()),
            }
        })
        .collect()
}

/// The single figure of `text`.
fn one(text: &str) -> F {
    let mut v = figs(text);
    assert_eq!(v.len(), 1, "{text:?} gave {v:?}");
    v.remove(0)
}

fn texts(text: &str) -> Vec<String> {
    figs(text).into_iter().map(|f| f.text).collect()
}

fn value(text: &str) -> String {
    one(text).value.unwrap_or_default()
}

#[test]
fn about_600_000_azerbaijanis_living_in_russia() {
    let f = one("there were about 600,000 Azerbaijanis living in Russia.");
    assert_eq!(f.text, "600,000");
    assert_eq!(f.value.as_deref(), Some("600000"));
    assert_eq!(f.modifier, Some(FigureMod::Approx));
    assert_eq!(f.subject.as_deref(), Some("Azerbaijanis"));
}

#[test]
fn deported_over_2_300_of_them() {
    let f = one("Russian authorities deported over 2,300 of them, including those");
    assert_eq!(f.text, "2,300");
    assert_eq!(f.modifier, Some(FigureMod::MoreThan));
    assert_eq!(f.subject.as_deref(), Some("them"));
}

#[test]
fn among_the_29_heads_of_state_expected_to_attend() {
    let f = one("he had mentioned him among the 29 heads of state expected to attend.");
    assert_eq!(f.value.as_deref(), Some("29"));
    assert_eq!(f.subject.as_deref(), Some("heads of state"));
}

#[test]
fn punish_baku_by_410_million_dollars() {
    let f = one("Russians Can Punish Baku by $410 Million Right Now");
    assert_eq!(f.text, "$410 Million");
    assert_eq!(f.value.as_deref(), Some("410000000"));
    assert_eq!(f.unit.as_deref(), Some("USD"));
}

#[test]
fn rose_from_2_3_billion_in_2021_to_3_6_billion_in_2024() {
    let v = figs("exports rose from $2.3 billion in 2021 to $3.6 billion in 2024, data show.");
    let got: Vec<_> = v
        .iter()
        .map(|f| (f.text.as_str(), f.value.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("$2.3 billion", Some("2300000000")),
            ("$3.6 billion", Some("3600000000"))
        ]
    );
}

#[test]
fn ninety_to_ninety_five_percent_of_tomato_exports() {
    let f = one("including 90–95% of tomato and persimmon exports");
    assert_eq!(f.text, "90–95%");
    assert_eq!(
        (f.low.as_deref(), f.high.as_deref()),
        (Some("90"), Some("95"))
    );
    assert_eq!(f.value, None);
    assert_eq!(f.unit.as_deref(), Some("percent"));
}

#[test]
fn eighteen_to_25_percent_shares_one_unit() {
    let f = one("a rise of 18 to 25 percent");
    assert_eq!(f.text, "18 to 25 percent");
    assert_eq!(
        (f.low.as_deref(), f.high.as_deref()),
        (Some("18"), Some("25"))
    );
    assert_eq!(f.unit.as_deref(), Some("percent"));
}

#[test]
fn between_10_and_20_is_a_range() {
    let f = one("between 10 and 20 people were hurt");
    assert_eq!(
        (f.low.as_deref(), f.high.as_deref()),
        (Some("10"), Some("20"))
    );
}

#[test]
fn between_2_and_3_million_scales_both_ends() {
    let f = one("between 2 and 3 million people");
    assert_eq!(
        (f.low.as_deref(), f.high.as_deref()),
        (Some("2000000"), Some("3000000"))
    );
}

#[test]
fn four_to_five_times_larger_than_imports() {
    let f = one("Russian exports are four to five times larger than imports");
    assert_eq!(f.text, "four to five times");
    assert_eq!(
        (f.low.as_deref(), f.high.as_deref()),
        (Some("4"), Some("5"))
    );
    assert_eq!(f.unit.as_deref(), Some("times"));
}

#[test]
fn up_to_85_percent_of_moldovan_wine_exports() {
    let f = one("Russia accounted for up to 85% of Moldovan wine exports");
    assert_eq!(f.text, "85%");
    assert_eq!(f.value, None);
    assert_eq!(f.high.as_deref(), Some("85"));
    assert_eq!(f.modifier, Some(FigureMod::EqualOrLess));
}

#[test]
fn five_and_6_kg_respectively_are_two_figures() {
    let v = figs("they weighed 5 and 6 kg respectively");
    assert_eq!(v.len(), 2, "{v:?}");
    assert_eq!(v[1].unit.as_deref(), Some("kg"));
}

#[test]
fn a_32_1_percent_drop_in_trade_turnover() {
    assert_eq!(value("resulting in a 32.1% drop in turnover"), "32.1");
    let f = one("turnover fell 32.1 percent");
    assert_eq!(
        (f.text.as_str(), f.unit.as_deref()),
        ("32.1 percent", Some("percent"))
    );
    assert_eq!(
        one("rates rose 5 per cent").unit.as_deref(),
        Some("percent")
    );
}

#[test]
fn rose_1_5_percentage_points() {
    let f = one("unemployment rose 1.5 percentage points");
    assert_eq!(f.unit.as_deref(), Some("percentage point"));
    assert_eq!(f.value.as_deref(), Some("1.5"));
}

#[test]
fn thousands_of_georgian_citizens_is_vague() {
    let f = one("authorities detained thousands of Georgian citizens");
    assert_eq!(f.text, "thousands");
    assert_eq!(f.value, None);
    assert_eq!(f.low.as_deref(), Some("2000"));
    assert_eq!(f.modifier, Some(FigureMod::Vague));
    assert_eq!(f.subject.as_deref(), Some("Georgian citizens"));
}

#[test]
fn hundreds_of_thousands_or_even_millions() {
    let v = figs("jobs for hundreds of thousands or even millions of returning Azerbaijanis");
    let got: Vec<_> = v
        .iter()
        .map(|f| (f.text.as_str(), f.low.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("hundreds of thousands", Some("200000")),
            ("millions", Some("2000000"))
        ]
    );
}

#[test]
fn dozens_and_several_stay_vague() {
    assert_eq!(one("dozens of people").low.as_deref(), Some("24"));
    assert_eq!(one("several hostages").modifier, Some(FigureMod::Vague));
    assert_eq!(one("a few hundred protesters").low.as_deref(), Some("200"));
}

#[test]
fn shares_rose_6_pence_to_388_pence_is_a_change_not_a_range() {
    assert_eq!(
        texts("shares rose 6 pence to 388 pence"),
        ["6 pence", "388 pence"]
    );
    assert_eq!(texts("POP plunged $4 to $14.75."), ["$4", "$14.75"]);
}

#[test]
fn a_third_quarter_loss_is_not_a_fraction() {
    assert!(figs("Savin reported a third-quarter net loss").is_empty());
    assert_eq!(value("a third of voters"), "0.333333333333333");
}

#[test]
fn a_quarter_of_the_russian_market() {
    let f = one("Moldovan wine accounted for a quarter of the Russian market");
    assert_eq!(f.text, "a quarter");
    assert_eq!(f.value.as_deref(), Some("0.25"));
}

#[test]
fn two_thirds_half_and_one_half_as_fractions() {
    assert_eq!(value("two thirds"), "0.666666666666667");
    assert_eq!(value("1/2"), "0.5");
    assert_eq!(value("more than half of voters"), "0.5");
    assert_eq!(value("two thirds of a million"), "666666.666666667");
}

#[test]
fn twice_as_many() {
    let f = one("twice as many");
    assert_eq!(
        (f.value.as_deref(), f.unit.as_deref()),
        (Some("2"), Some("times"))
    );
}

#[test]
fn a_dozen_and_half_a_dozen() {
    assert_eq!(value("a dozen eggs"), "12");
    assert_eq!(value("half a dozen"), "6");
    assert_eq!(value("3 dozens"), "36");
}

#[test]
fn one_hundred_and_six_and_twenty_nine_in_words() {
    assert_eq!(value("one hundred and six"), "106");
    assert_eq!(value("twenty-nine"), "29");
    assert_eq!(value("two hundred and two thousand"), "202000");
    assert_eq!(value("twenty-one trillion three hundred"), "21000000000300");
}

#[test]
fn three_hundred_and_two_hundred_are_two_numbers() {
    assert_eq!(texts("3 hundred and 2 hundred"), ["3 hundred", "2 hundred"]);
}

#[test]
fn digit_forms_816_000_and_08_and_minus_4() {
    assert_eq!(value("816 000"), "816000");
    assert_eq!(value(".08"), "0.08");
    assert_eq!(value("temperatures of -4"), "-4");
    assert_eq!(value("1,234,567"), "1234567");
    assert_eq!(value("12,34,567.89"), "1234567.89");
    assert_eq!(value("1.111,11"), "1111.11");
    assert_eq!(value("1.3e6"), "1300000");
}

#[test]
fn mixed_forms_3_6bn_5m_10k_322_hundred() {
    assert_eq!(value("3.6bn"), "3600000000");
    assert_eq!(value("£5m"), "5000000");
    assert_eq!(value("10k"), "10000");
    assert_eq!(value("322 hundred"), "32200");
    assert_eq!(value("2 million"), "2000000");
    assert_eq!(value("1.2b"), "1200000000");
}

#[test]
fn currencies_normalise_to_iso_codes() {
    let unit = |t: &str| one(t).unit.unwrap_or_default();
    assert_eq!(unit("€5 million"), "EUR");
    assert_eq!(unit("£8.10 million"), "GBP");
    assert_eq!(unit("₽100"), "RUB");
    assert_eq!(unit("¥500"), "JPY");
    assert_eq!(unit("USD 200"), "USD");
    assert_eq!(unit("5 euros"), "EUR");
    assert_eq!(unit("100 roubles"), "RUB");
    assert_eq!(unit("100 rubles"), "RUB");
    assert_eq!(unit("50 manat"), "AZN");
    assert_eq!(unit("10 billion hryvnia"), "UAH");
    assert_eq!(unit("100 billion yuan"), "CNY");
    assert_eq!(unit("HK$10.05 billion"), "HKD");
    assert_eq!(unit("C$300 million"), "CAD");
    assert_eq!(unit("10,000 Swiss francs"), "CHF");
    assert_eq!(unit("420 million dollars"), "USD");
}

#[test]
fn fifty_cents_and_20_pence_are_scaled() {
    let f = one("pay 50 cents more per barrel");
    assert_eq!(
        (f.value.as_deref(), f.unit.as_deref()),
        (Some("0.5"), Some("USD"))
    );
    let f = one("at 20 pence a share");
    assert_eq!(
        (f.value.as_deref(), f.unit.as_deref()),
        (Some("0.2"), Some("GBP"))
    );
    assert_eq!(value("it only cost 3 dollars 50 cents."), "3.5");
}

#[test]
fn all_70_of_us_is_not_albanian_lek() {
    assert_eq!(one("All 70 of us.").unit, None);
    // Occasions: "times" is what the count counts.
    let f = one("He lost his pen 7 times");
    assert_eq!((f.unit, f.subject.as_deref()), (None, Some("times")));
}

#[test]
fn years_in_date_context_are_not_figures() {
    for t in [
        "agreements concluded in 2020 and 2022",
        "on June 27, 2025, it rained",
        "the raid on 27 June 2025 was brutal",
        "According to the 2010 and 2020 censuses",
        "during 2020-2022",
        "Aug. 6 ordered",
        "in the mid-2000s",
    ] {
        assert!(figs(t).is_empty(), "{t:?} gave {:?}", figs(t));
    }
}

#[test]
fn two_thousand_soldiers_is_a_count_not_a_year() {
    assert_eq!(value("2000 soldiers were sent"), "2000");
    assert_eq!(value("about 2000 people"), "2000");
}

#[test]
fn ordinals_identifiers_and_phone_numbers_are_not_figures() {
    for t in [
        "for the first time",
        "on the 9th floor",
        "shooting down a Russian Su-24 over Syria",
        "the COVID-19 pandemic",
        "the G7 summit",
        "a Boeing 737 crashed",
        "call +1-222-555-0100 now",
        "leader of the A Just Russia party",
        "192.168.1.2",
        "see https://example.com/q=30%25 for 20% more",
    ] {
        let v = figs(t);
        let bad: Vec<_> = v
            .iter()
            .filter(|f| f.unit.as_deref() != Some("percent"))
            .collect();
        assert!(bad.is_empty(), "{t:?} gave {v:?}");
    }
    assert_eq!(
        texts("see https://example.com/q=30%25 for 20% more"),
        ["20%"]
    );
}

#[test]
fn ages_and_durations_are_left_to_dates() {
    for t in [
        "a 45-year-old man",
        "for two weeks",
        "the 44-day war",
        "the five-hour talks",
        "over the past seven months",
        "Prakash Shah, 58, a former ambassador",
    ] {
        assert!(figs(t).is_empty(), "{t:?} gave {:?}", figs(t));
    }
}

#[test]
fn one_as_pronoun_is_not_a_figure_but_only_one_correspondent_is() {
    for t in [
        "The one you mentioned is invalid",
        "his son was accused of injuring one of the officers",
        "Which one do you prefer?",
    ] {
        assert!(figs(t).is_empty(), "{t:?} gave {:?}", figs(t));
    }
    let f = one("allowing the agency to accredit only one correspondent");
    assert_eq!(f.subject.as_deref(), Some("correspondent"));
}

#[test]
fn nineteen_ninety_four_spoken_is_a_year() {
    assert!(figs("since nineteen ninety-four").is_empty());
}

#[test]
fn one_and_a_half_and_five_and_a_half_million() {
    assert_eq!(value("one and a half"), "1.5");
    assert_eq!(value("five and a half million fishes"), "5500000");
    assert_eq!(value("one million and a half"), "1500000");
    assert_eq!(value("one hundred and three quarters"), "100.75");
}

#[test]
fn one_over_three_and_one_in_five() {
    assert_eq!(value("one over three"), "0.333333333333333");
    assert_eq!(value("one in five Americans"), "0.2");
    assert_eq!(value("two out of five hundred"), "0.004");
}

#[test]
fn seven_in_10_voters_and_1_5_degrees_celsius() {
    assert_eq!(value("7 in 10 voters"), "0.7");
    let f = one("warming of 1.5°C");
    assert_eq!((f.text.as_str(), f.unit.as_deref()), ("1.5°C", Some("°C")));
    assert!(figs("a man aged 45 was arrested").is_empty());
    assert!(figs("the billion-dollar industry").is_empty());
}

#[test]
fn extremes_do_not_panic_or_overflow() {
    let big = "9".repeat(400);
    assert_eq!(value(&big), big);
    assert_eq!(one("1e400").value, Some(format!("1{}", "0".repeat(400))));
    let commas = format!("1{}", ",000".repeat(200_000));
    // Too long to print exactly: no value rather than a rounded one.
    assert!(figs(&commas).iter().all(|f| f.value.is_none()));
    assert!(figs("").is_empty());
    assert!(figs("-").is_empty());
    assert!(figs("$").is_empty());
    let _ = figs(&"1/".repeat(1000));
    let _ = figs(&"- ".repeat(1000));
}

proptest! {
    #[test]
    fn spans_lie_on_char_boundaries(text in "\\PC{0,80}") {
        for m in recognise_text(&text) {
            prop_assert!(m.span.start <= m.span.end && m.span.end <= text.len());
            prop_assert!(text.is_char_boundary(m.span.start));
            prop_assert!(text.is_char_boundary(m.span.end));
            if let Some(s) = m.figure().and_then(|f| f.subject) {
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
        }
    }

    #[test]
    fn number_heavy_text_never_panics(text in "[0-9 ,.$%€a-z/^e+-]{0,60}") {
        for m in recognise_text(&text) {
            prop_assert!(text.get(m.span.start..m.span.end).is_some());
        }
    }
}

/// Each figure of `text` with the reason it is not checkable (`None`: checkable).
fn flags(text: &str) -> Vec<(String, Option<&'static str>)> {
    recognise_text(text)
        .into_iter()
        .filter_map(|m| {
            let f = m.figure()?;
            Some((m.span.slice(text).to_string(), f.not_checkable))
        })
        .collect()
}

#[test]
fn plus_or_minus_4_percentage_points_is_a_margin_not_minus_4() {
    let f = one("The margin of error is plus or minus 4 percentage points.");
    assert_eq!(f.text, "plus or minus 4 percentage points");
    assert_eq!(f.value.as_deref(), Some("4"));
    assert_eq!(f.unit.as_deref(), Some("percentage point"));
    assert_eq!(
        flags("The margin of error is plus or minus 4 percentage points."),
        [(f.text, Some(checkable::MARGIN_OF_ERROR))]
    );
    assert_eq!(value("a sampling error of ±3.5%"), "3.5");
    assert_eq!(value("results are accurate to +/-2 points"), "2");
    assert_eq!(
        flags("a margin of error of 3 percentage points"),
        [(
            "3 percentage points".to_string(),
            Some(checkable::MARGIN_OF_ERROR)
        )]
    );
    // A minus alone is still a sign.
    assert_eq!(value("temperatures of minus 4"), "-4");
}

#[test]
fn all_three_attacks_and_the_nations_two_largest_unions_are_small_counts() {
    for t in [
        "Rudolph is linked to all three attacks.",
        "The nation's two largest teachers unions joined.",
        "the state's three largest counties",
        "a war between two autocracies",
        "the chronology of events along two tracks: the grievances and the raids",
    ] {
        let f = flags(t);
        assert_eq!(f.len(), 1, "{t:?} gave {f:?}");
        assert_eq!(f[0].1, Some(checkable::SMALL_COUNT), "{t:?}");
    }
}

#[test]
fn police_arrested_two_men_is_a_checkable_count() {
    for t in [
        "Police arrested two men in connection with the bomb.",
        "Congress has three ways to seek enforcement of a subpoena.",
        "the first of three presidential debates",
        "Two segments posted lower earnings.",
        "about 600,000 Azerbaijanis",
    ] {
        let f = flags(t);
        assert_eq!(f.len(), 1, "{t:?} gave {f:?}");
        assert_eq!(f[0].1, None, "{t:?}");
    }
}

#[test]
fn one_his_temperament_and_two_his_language_are_list_markers() {
    assert_eq!(
        flags("people's concern is, one, his temperament, and two, his language"),
        [("two".to_string(), Some(checkable::LIST_MARKER))]
    );
}

#[test]
fn september_16_19_and_sept_19_to_22_are_date_ranges_not_figures() {
    for t in [
        "The survey was conducted September 16-19 among likely voters.",
        "The poll was conducted from Sept. 19 to 22 by telephone.",
        "talks on 16-19 June",
    ] {
        assert!(figs(t).is_empty(), "{t:?} gave {:?}", figs(t));
    }
    assert_eq!(one("between 16 and 19 percent").low.as_deref(), Some("16"));
}

#[test]
fn forty_nine_percent_to_47_percent_is_two_figures_not_a_range() {
    let v = figs("She leads Trump by 49 percent to 47 percent among likely voters.");
    let got: Vec<_> = v
        .iter()
        .map(|f| (f.text.as_str(), f.value.as_deref(), f.low.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("49 percent", Some("49"), None),
            ("47 percent", Some("47"), None)
        ]
    );
    // A range keeps its order.
    assert_eq!(one("18 to 25 percent").high.as_deref(), Some("25"));
}

#[test]
fn about_one_of_every_nine_voters_is_one_ninth() {
    let f = one("About one of every nine voters this fall is Latino.");
    assert_eq!(f.text, "one of every nine");
    assert_eq!(f.value.as_deref(), Some("0.111111111111111"));
    assert_eq!(f.modifier, Some(FigureMod::Approx));
    assert_eq!(value("Nearly eight of 10 voters say so"), "0.8");
    assert_eq!(
        value("177 out of every 100,000 were hospitalized"),
        "0.00177"
    );
    // "one of three executives" counts the executives.
    assert_eq!(value("Mr. Reupke was one of three executives"), "3");
}

#[test]
fn a_phone_number_is_not_split_into_figures() {
    for t in [
        "For more information call (212) 555-0100 or 555-123-4567.",
        "Call 1-800-555-0199 today.",
        "Call +44 20 7946 0958 or +1 202 555 0100.",
        "Call (202) 555 0100 or 1-800-CALL-FBI.",
    ] {
        assert!(figs(t).is_empty(), "{t:?} gave {:?}", figs(t));
    }
}

#[test]
fn four_hundred_twenty_three_0000_is_two_numbers_but_0100_is_a_code() {
    assert_eq!(texts("423 0000 will be read apart"), ["423", "0000"]);
    assert!(figs("extension 0100").is_empty());
}

#[test]
fn ages_in_clause_form_turned_9_and_when_he_was_5_are_not_figures() {
    for t in [
        "She turned 9 last week.",
        "when he was 5, he moved to Ohio",
        "When Smith was 12, he left.",
        "the child turns 18.",
        "Sarah and Timothy Rogers, 27 and 29 years old, respectively, rode.",
    ] {
        assert!(figs(t).is_empty(), "{t:?} gave {:?}", figs(t));
    }
    assert_eq!(one("He was 5 points behind.").text, "5 points");
}

#[test]
fn weighs_236_pounds_is_a_weight_not_sterling() {
    for t in [
        "Trump weighs 236 pounds.",
        "he lost 30 pounds",
        "the bag is 10 pounds heavier",
    ] {
        assert_eq!(one(t).unit.as_deref(), Some("lb"), "{t:?}");
    }
    assert_eq!(
        one("profit improved to 361 million pounds").unit.as_deref(),
        Some("GBP")
    );
    assert_eq!(one("It cost 20 pounds.").unit.as_deref(), Some("GBP"));
}

#[test]
fn a_number_after_an_ascii_double_quote_is_found() {
    assert_eq!(
        texts("this finding: ''27 companies reported losses''"),
        ["27"]
    );
    assert!(figs("in the '90s").is_empty());
}

#[test]
fn a_couple_dozen_and_bare_dozen_are_twelve() {
    assert_eq!(value("a couple dozen investment bankers"), "12");
    assert_eq!(value("Dozen hurt in crash"), "12");
    assert_eq!(value("a dozen"), "12");
    assert_eq!(value("three dozens"), "36");
}

#[test]
fn arrested_three_times_counts_occasions_without_the_noun_in_the_span() {
    let f = one("He was shot at 41 times by the officers.");
    assert_eq!((f.text.as_str(), f.unit.as_deref()), ("41", None));
    assert_eq!(f.subject.as_deref(), Some("times"));
    assert_eq!(
        texts("Clinton debated Barack Obama four times in 2008"),
        ["four"]
    );
    for t in [
        "three times larger than imports",
        "four times as many",
        "about 1.65 times Deseret's revenue",
        "sales rose three times",
    ] {
        assert_eq!(one(t).unit.as_deref(), Some("times"), "{t:?}");
    }
}

#[test]
fn ids_and_timestamps_in_markup_are_not_figures() {
    let t = r#"<tweet author="x" timestamp="1474387200" tweet_id="778257943577919488">The best</tweet>"#;
    assert!(figs(t).is_empty(), "{:?}", figs(t));
    assert_eq!(texts("<p>It cost $5.</p>"), ["$5"]);
    assert!(figs(r#"tweet_id="778257943577919488" and id=1474387200"#).is_empty());
    assert_eq!(texts("if x < 5 then"), ["5"]);
}

#[test]
fn thirty_two_percent_below_2005_levels_gives_no_figure_2005() {
    assert_eq!(
        texts("cut emissions to 32 percent below 2005 levels by 2030"),
        ["32 percent"]
    );
}

#[test]
fn numbers_inside_names_529_plans_a_911_caller_and_401_k_are_not_figures() {
    for t in [
        "to learn more about 529 plans",
        "something a 911 caller also told a dispatcher",
        "converts it from a 80386 machine",
        "save in a 401(k) plan",
        "a Fortune 500 company",
        "Catch-22 is a novel",
        "Apollo 11 landed",
        "It made the Top 10 list",
    ] {
        assert!(figs(t).is_empty(), "{t:?} gave {:?}", figs(t));
    }
    assert_eq!(texts("a 5 point lead"), ["5"]);
}

#[test]
fn super_pacs_that_have_raised_1_million_or_more_is_a_threshold() {
    assert_eq!(
        flags("super PACs that have raised $1million or more since Jan. 1"),
        [("$1million".to_string(), Some(checkable::THRESHOLD))]
    );
    assert_eq!(
        flags("Unemployment rose to 10 percent or more in five states"),
        [("10 percent".to_string(), None), ("five".to_string(), None)]
    );
}

#[test]
fn two_democrats_named_in_apposition_is_a_small_count() {
    assert_eq!(
        flags("Two Democrats, billionaire Tom Steyer and Fred Eychaner, gave most."),
        [("Two".to_string(), Some(checkable::SMALL_COUNT))]
    );
    assert_eq!(
        flags("Two people, including a child, died in the fire."),
        [("Two".to_string(), None)]
    );
}

#[test]
fn high_five_is_a_gesture_not_a_figure() {
    assert!(texts("The newlyweds took time to high-five passersby.").is_empty());
    assert!(texts("The Fab-Four played on.").is_empty());
    // A bound or a number word before the hyphen keeps the figure.
    assert_eq!(texts("It ranks in the top-five states."), vec!["five"]);
    assert_eq!(texts("Twenty-five people came."), vec!["Twenty-five"]);
}

#[test]
fn a_father_of_seven_and_has_four_children_are_small_counts() {
    assert_eq!(
        flags("Scott, a father of seven, was shot."),
        vec![("seven".to_string(), Some(checkable::SMALL_COUNT))]
    );
    assert_eq!(
        flags("Joseph, who has four children, spoke."),
        vec![("four".to_string(), Some(checkable::SMALL_COUNT))]
    );
    // Children hurt in an attack are news.
    assert_eq!(
        flags("Four children were hurt in the attack."),
        vec![("Four".to_string(), None)]
    );
}

#[test]
fn the_committee_voted_19_15_is_one_tally() {
    for (text, tally) in [
        ("The committee voted 19-15 along party lines.", "19-15"),
        ("The court made a surprise 5-4 decision.", "5-4"),
        ("A 4-4 tie would leave the ruling in place.", "4-4"),
    ] {
        let f = one(text);
        assert_eq!(f.text, tally);
        assert_eq!(f.unit.as_deref(), Some(TALLY));
        assert_eq!((f.value, f.low, f.high), (None, None, None));
    }
    // An ascending pair is a range.
    let range = one("Prices rose 3-5% in May.");
    assert_eq!(
        (range.low.as_deref(), range.high.as_deref()),
        (Some("3"), Some("5"))
    );
}
