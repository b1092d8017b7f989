use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::segment;

/// One recognised date: (text, type, value, mod).
type Found = (String, &'static str, String, Option<String>);

/// Every date found in `text`, anchored on `published` when given.
fn run(text: &str, published: Option<&str>) -> (Vec<Found>, Anchor) {
    let segments = segment::segment(text);
    let ctx = Context {
        text,
        segments: &segments,
        published: published.and_then(|d| d.parse::<NaiveDate>().ok()),
    };
    let (mentions, anchor) = recognise(&ctx);
    let found = mentions
        .into_iter()
        .filter_map(|m| {
            let t = m.date()?.clone();
            Some((
                m.span.slice(text).to_string(),
                t.timex_type.as_str(),
                t.value,
                t.modifier,
            ))
        })
        .collect();
    (found, anchor)
}

/// The single date in `text`, with the anchor date `published`.
fn one(text: &str, published: &str) -> Found {
    let (found, _) = run(text, Some(published));
    assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
    found.into_iter().next().expect("one date")
}

fn check(text: &str, published: &str, span: &str, ty: &str, value: &str, modifier: Option<&str>) {
    let f = one(text, published);
    assert_eq!(
        (f.0.as_str(), f.1, f.2.as_str(), f.3.as_deref()),
        (span, ty, value, modifier),
        "{text:?} anchored on {published}"
    );
}

// ----- absolute and partial dates (anchor 2025-07-20) -----

#[test]
fn the_raid_on_27_june_2025() {
    check(
        "The raid on 27 June 2025 was brutal.",
        "2025-07-20",
        "27 June 2025",
        "DATE",
        "2025-06-27",
        None,
    );
}

#[test]
fn signed_june_27_2025() {
    check(
        "It was signed June 27, 2025, in Baku.",
        "2025-07-20",
        "June 27, 2025",
        "DATE",
        "2025-06-27",
        None,
    );
}

#[test]
fn became_known_on_9_july_2025() {
    check(
        "On 9 July 2025, it became known.",
        "2025-07-20",
        "9 July 2025",
        "DATE",
        "2025-07-09",
        None,
    );
}

#[test]
fn attacked_on_25_december_takes_the_year_before_a_july_anchor() {
    check(
        "The plane was attacked on 25 December.",
        "2025-07-20",
        "25 December",
        "DATE",
        "2024-12-25",
        None,
    );
}

#[test]
fn will_meet_on_9_may_looks_ahead_from_march() {
    check(
        "The leaders will meet on 9 May.",
        "2025-03-01",
        "9 May",
        "DATE",
        "2025-05-09",
        None,
    );
}

#[test]
fn met_on_9_may_looks_back_from_march() {
    check(
        "The leaders met on 9 May.",
        "2025-03-01",
        "9 May",
        "DATE",
        "2024-05-09",
        None,
    );
}

#[test]
fn in_early_february() {
    check(
        "In early February, the office closed.",
        "2025-07-20",
        "early February",
        "DATE",
        "2025-02",
        Some("START"),
    );
}

#[test]
fn mid_may() {
    check(
        "In mid-May, the campaign began.",
        "2025-07-20",
        "mid-May",
        "DATE",
        "2025-05",
        Some("MID"),
    );
}

#[test]
fn in_2020_without_the_preposition() {
    check(
        "The war broke out in 2020.",
        "2025-07-20",
        "2020",
        "DATE",
        "2020",
        None,
    );
}

#[test]
fn by_2014_without_the_preposition() {
    check(
        "By 2014 the embargo had widened.",
        "2025-07-20",
        "2014",
        "DATE",
        "2014",
        None,
    );
}

#[test]
fn the_mid_2000s() {
    check(
        "the campaign of the mid-2000s",
        "2025-07-20",
        "the mid-2000s",
        "DATE",
        "200",
        Some("MID"),
    );
}

#[test]
fn the_1990s_and_the_nineties() {
    check(
        "growth throughout the 1990s",
        "1998-01-01",
        "the 1990s",
        "DATE",
        "199",
        None,
    );
    check(
        "since the nineties",
        "1998-01-01",
        "the nineties",
        "DATE",
        "199",
        None,
    );
}

#[test]
fn the_11th_century_is_century_10() {
    check(
        "the fabled 11th century temple",
        "1998-02-19",
        "11th century",
        "DATE",
        "10",
        None,
    );
}

#[test]
fn october_and_november_2006_share_the_year() {
    let (found, _) = run(
        "In October and November 2006, thousands were deported.",
        Some("2025-07-20"),
    );
    let values: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
    assert_eq!(values, ["2006-10", "2006-11"]);
}

#[test]
fn the_first_half_of_2025() {
    check(
        "In the first half of 2025 alone, exports rose.",
        "2025-07-20",
        "the first half of 2025",
        "DATE",
        "2025-H1",
        None,
    );
}

#[test]
fn the_new_year_2025() {
    check(
        "in the days of the new year 2025",
        "2025-07-20",
        "the new year 2025",
        "DATE",
        "2025",
        None,
    );
}

#[test]
fn the_entire_year_of_2020() {
    check(
        "as much as for the entire year of 2020",
        "2025-07-20",
        "the entire year of 2020",
        "DATE",
        "2020",
        None,
    );
}

#[test]
fn iso_date_2025_06_27() {
    check(
        "Filed 2025-06-27 in Baku.",
        "2025-07-20",
        "2025-06-27",
        "DATE",
        "2025-06-27",
        None,
    );
}

#[test]
fn day_month_20_feb() {
    check(
        "Deadline: 20-Feb, then talks.",
        "2025-07-20",
        "20-Feb",
        "DATE",
        "2025-02-20",
        None,
    );
}

#[test]
fn sept_30_keeps_the_abbreviation_period() {
    check(
        "for its year ended Sept. 30",
        "1989-11-01",
        "Sept. 30",
        "DATE",
        "1989-09-30",
        None,
    );
}

#[test]
fn no_29_february_2015() {
    let (found, _) = run("on 29 February 2015 and in month 13", Some("2025-07-20"));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn may_the_modal_is_not_a_month() {
    let (found, _) = run(
        "The role may now be assumed by the United States.",
        Some("2025-07-20"),
    );
    assert!(found.iter().all(|f| f.0 != "may"), "{found:?}");
}

// ----- weekdays (anchor Wednesday 1990-08-15) -----

#[test]
fn said_on_tuesday_is_the_day_before() {
    check(
        "Bush said on Tuesday that the blockade held.",
        "1990-08-15",
        "Tuesday",
        "DATE",
        "1990-08-14",
        None,
    );
}

#[test]
fn last_friday_from_monday_30_october_1989() {
    check(
        "the circular it mailed last Friday",
        "1989-10-30",
        "last Friday",
        "DATE",
        "1989-10-27",
        None,
    );
}

#[test]
fn thursday_evening() {
    check(
        "He was killed Thursday evening.",
        "1998-02-12",
        "Thursday evening",
        "TIME",
        "1998-02-12TEV",
        None,
    );
}

// ----- relative expressions -----

#[test]
fn last_week_on_sunday_1_march_1998() {
    check(
        "Last week, fighters attacked.",
        "1998-03-01",
        "Last week",
        "DATE",
        "1998-W08",
        None,
    );
}

#[test]
fn yesterday_and_today() {
    check(
        "Shares rose yesterday.",
        "1989-11-02",
        "yesterday",
        "DATE",
        "1989-11-01",
        None,
    );
    check(
        "The bank said today it would cut rates.",
        "1990-08-15",
        "today",
        "DATE",
        "1990-08-15",
        None,
    );
}

#[test]
fn a_year_ago_and_last_year() {
    check(
        "Sales were lower a year ago.",
        "1998-02-06",
        "a year ago",
        "DATE",
        "1997",
        None,
    );
    check(
        "The groups grew rapidly last year.",
        "1998-02-06",
        "last year",
        "DATE",
        "1997",
        None,
    );
}

#[test]
fn six_weeks_ago_is_a_week() {
    check(
        "in a speech six weeks ago",
        "1998-03-01",
        "six weeks ago",
        "DATE",
        "1998-W03",
        None,
    );
}

#[test]
fn nearly_four_years_ago_is_approximate() {
    check(
        "killed nearly four years ago",
        "1998-02-27",
        "nearly four years ago",
        "DATE",
        "1994",
        Some("APPROX"),
    );
}

#[test]
fn the_past_seven_months() {
    check(
        "grievances over the past seven months",
        "2025-07-20",
        "the past seven months",
        "DURATION",
        "P7M",
        None,
    );
}

#[test]
fn three_weeks_later_is_a_duration() {
    check(
        "However, three weeks later, they agreed.",
        "2025-07-20",
        "three weeks",
        "DURATION",
        "P3W",
        None,
    );
}

#[test]
fn a_week_before_the_celebrations() {
    check(
        "a week before the celebrations",
        "2025-07-20",
        "a week",
        "DURATION",
        "P1W",
        None,
    );
}

#[test]
fn in_recent_months_is_a_stretch_up_to_now() {
    check(
        "talks have intensified in recent months",
        "2025-07-20",
        "recent months",
        "DURATION",
        "PXM",
        None,
    );
    check(
        "The ferry has run late in recent weeks.",
        "2025-07-20",
        "recent weeks",
        "DURATION",
        "PXW",
        None,
    );
}

#[test]
fn in_recent_years_is_the_recent_past() {
    check(
        "Rents have doubled in recent years.",
        "2025-07-20",
        "recent years",
        "DATE",
        "PAST_REF",
        None,
    );
}

#[test]
fn now_and_currently_are_the_present() {
    check(
        "The corridor is now open.",
        "2025-07-20",
        "now",
        "DATE",
        "PRESENT_REF",
        None,
    );
    check(
        "It currently appears stuck.",
        "2025-07-20",
        "currently",
        "DATE",
        "PRESENT_REF",
        None,
    );
}

#[test]
fn the_fourth_quarter_seen_from_january() {
    check(
        "profits for the fourth quarter fell",
        "1998-01-26",
        "the fourth quarter",
        "DATE",
        "1997-Q4",
        None,
    );
}

#[test]
fn third_quarter_compound_leaves_the_article() {
    check(
        "reported a third-quarter loss",
        "1989-11-01",
        "third-quarter",
        "DATE",
        "1989-Q3",
        None,
    );
    check(
        "the third-quarter loss widened",
        "1989-11-01",
        "third-quarter",
        "DATE",
        "1989-Q3",
        None,
    );
}

#[test]
fn a_year_earlier_in_a_quarterly_report_is_that_quarter() {
    let (found, _) = run(
        "Profit rose in the third quarter. It was $5 million a year earlier.",
        Some("1989-11-01"),
    );
    assert_eq!(found[1].0, "a year earlier");
    assert_eq!(found[1].2, "1988-Q3");
}

#[test]
fn this_summer_and_last_fall() {
    check(
        "The stock began trading this summer.",
        "1989-11-01",
        "this summer",
        "DATE",
        "1989-SU",
        None,
    );
    check(
        "gains that began last fall",
        "1998-02-06",
        "last fall",
        "DATE",
        "1997-FA",
        None,
    );
}

#[test]
fn early_next_year() {
    check(
        "to complete the deal early next year",
        "1989-11-01",
        "early next year",
        "DATE",
        "1990",
        Some("START"),
    );
}

#[test]
fn the_end_of_1990() {
    check(
        "by the end of 1990",
        "1989-11-01",
        "the end of 1990",
        "DATE",
        "1990",
        Some("END"),
    );
}

#[test]
fn nineteen_ninety_six_spelled_out() {
    check(
        "Atlanta, nineteen ninety-six.",
        "1998-02-27",
        "nineteen ninety-six",
        "DATE",
        "1996",
        None,
    );
}

// ----- durations -----

#[test]
fn the_44_day_war() {
    check(
        "the 44-day war between them",
        "2025-07-20",
        "44-day",
        "DURATION",
        "P44D",
        None,
    );
}

#[test]
fn five_hour_direct_talks() {
    check(
        "the five-hour direct talks",
        "2025-07-20",
        "five-hour",
        "DURATION",
        "PT5H",
        None,
    );
}

#[test]
fn for_100_years() {
    check(
        "to manage the corridor for 100 years",
        "2025-07-20",
        "100 years",
        "DURATION",
        "P100Y",
        None,
    );
}

#[test]
fn more_than_four_hours() {
    check(
        "She testified for more than four hours.",
        "1998-02-27",
        "more than four hours",
        "DURATION",
        "PT4H",
        Some("MORE_THAN"),
    );
}

#[test]
fn two_and_a_half_years() {
    check(
        "in camps for 2 1/2 years",
        "1998-02-27",
        "2 1/2 years",
        "DURATION",
        "P2Y6M",
        None,
    );
}

#[test]
fn a_minute_and_a_half() {
    check(
        "But a minute and a half later, a pilot saw it.",
        "1998-01-14",
        "a minute and a half",
        "DURATION",
        "PT1M30S",
        None,
    );
}

// ----- times and sets -----

#[test]
fn five_pm_est_nov_6() {
    check(
        "until 5 p.m. EST, Nov. 6.",
        "1989-10-30",
        "5 p.m. EST, Nov. 6",
        "TIME",
        "1989-11-06T17:00",
        None,
    );
}

#[test]
fn noon_thursday() {
    check(
        "Talks broke off at noon Thursday.",
        "1998-02-13",
        "noon Thursday",
        "TIME",
        "1998-02-12T12:00",
        None,
    );
}

#[test]
fn every_month_is_a_set() {
    let (found, _) = run("It had net sales every month.", Some("1989-10-27"));
    assert_eq!(found[0].0, "every month");
    assert_eq!(found[0].1, "SET");
    assert_eq!(found[0].2, "P1M");
}

// ----- figures are not dates -----

#[test]
fn deported_over_2_300_is_not_a_year() {
    let (found, _) = run("They deported over 2,300 of them.", Some("2025-07-20"));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn two_thousand_soldiers_and_2000_dollars_are_not_years() {
    let (found, _) = run(
        "It sent 2000 soldiers and paid $2000 for 3.6 billion barrels.",
        Some("2025-07-20"),
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn rose_from_2_3_billion_in_2021_to_3_6_billion_in_2024() {
    let (found, _) = run(
        "Exports rose from $2.3 billion in 2021 to $3.6 billion in 2024.",
        Some("2025-07-20"),
    );
    let values: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
    assert_eq!(values, ["2021", "2024"]);
}

#[test]
fn a_dividend_of_1_76_a_year_is_a_rate_a_set_not_a_date() {
    let (found, _) = run("a dividend rate of $1.76 a year", Some("1989-11-01"));
    let got: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.1)).collect();
    assert_eq!(got, [("a year", "SET")]);
}

// ----- anchoring -----

#[test]
fn published_date_anchors() {
    let (_, anchor) = run("Prices fell yesterday.", Some("2025-07-20"));
    assert_eq!(anchor.kind, AnchorKind::Published);
}

#[test]
fn undated_text_infers_the_latest_full_date() {
    let text = "The raid on 27 June 2025 shocked Baku.\nOn 10 July 2025, talks began.\nLast week, on 2 May, more.";
    let (found, anchor) = run(text, None);
    assert_eq!(anchor.kind, AnchorKind::Inferred);
    assert_eq!(anchor.date, NaiveDate::from_ymd_opt(2025, 7, 10));
    let may = found.iter().find(|f| f.0 == "2 May").expect("2 May found");
    assert_eq!(may.2, "2025-05-02");
    let week = found
        .iter()
        .find(|f| f.0 == "Last week")
        .expect("last week found");
    assert_eq!(week.2, "2025-W27");
}

#[test]
fn an_undated_narrative_keeps_the_year_it_named() {
    let text = "In 1998, the crisis deepened. On 9 May, the talks failed.";
    let (found, anchor) = run(text, None);
    assert_eq!(anchor.kind, AnchorKind::None);
    assert_eq!(found[1].2, "1998-05-09");
}

#[test]
fn without_any_anchor_relative_dates_stay_references() {
    let (found, anchor) = run("It happened yesterday.", None);
    assert_eq!(anchor.kind, AnchorKind::None);
    assert_eq!(found[0].2, "PAST_REF");
}

proptest! {
    #[test]
    fn spans_stay_on_char_boundaries(text in "\\PC{0,300}") {
        let (found, _) = run(&text, Some("2025-07-20"));
        let segments = segment::segment(&text);
        let ctx = Context { text: &text, segments: &segments, published: None };
        for m in recognise(&ctx).0 {
            prop_assert!(m.span.start <= m.span.end && m.span.end <= text.len());
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        }
        prop_assert!(found.len() <= text.len());
    }

    #[test]
    fn holiday_and_name_noise_never_panics(text in "(Christmas|Easter|New|Year|Day|Eve|Labor|Election|That|that|day|the|before|after|week|of|until|was|would|said|USA|Today|daily|a|year|\\$5|[0-9]{1,4}|[A-Z]{2,6}|'|s|\\(|—|,|\\.|\n| ){0,40}") {
        for anchor in [Some("2025-02-28"), None] {
            let (found, _) = run(&text, anchor);
            for f in found {
                prop_assert!(!f.2.is_empty());
            }
        }
    }

    #[test]
    fn date_like_noise_never_panics(text in "([0-9]{1,5}|[A-Z][a-z]{2,8}|the|last|next|ago|-|,|\\.|'|/|:| ){0,40}") {
        let (found, _) = run(&text, Some("2025-02-28"));
        for f in found {
            prop_assert!(!f.2.is_empty());
        }
    }
}

#[test]
fn at_3pm_and_3_30pm() {
    check(
        "The vote is at 3pm.",
        "2025-07-20",
        "3pm",
        "TIME",
        "2025-07-20T15:00",
        None,
    );
    check(
        "It closed at 3:30pm.",
        "2025-07-20",
        "3:30pm",
        "TIME",
        "2025-07-20T15:30",
        None,
    );
}

#[test]
fn h1_2025_and_q3_2025() {
    check(
        "Exports grew in H1 2025.",
        "2025-07-20",
        "H1 2025",
        "DATE",
        "2025-H1",
        None,
    );
    check(
        "Results for Q3 2025 are due.",
        "2025-07-20",
        "Q3 2025",
        "DATE",
        "2025-Q3",
        None,
    );
}

#[test]
fn summer_2024() {
    check(
        "Talks stalled in summer 2024.",
        "2025-07-20",
        "summer 2024",
        "DATE",
        "2024-SU",
        None,
    );
}

#[test]
fn a_week_or_so_ago() {
    check(
        "Then, a week or so ago, the general chose.",
        "1991-02-25",
        "a week or so ago",
        "DATE",
        "1991-W08",
        Some("APPROX"),
    );
}

#[test]
fn the_end_of_the_decade() {
    check(
        "It expires at the end of the decade.",
        "2025-07-02",
        "the end of the decade",
        "DATE",
        "202",
        Some("END"),
    );
}

#[test]
fn nine_thirty_am_et_on_wednesday() {
    check(
        "Talks resumed at 9:30 a.m. ET on Wednesday.",
        "2025-07-02",
        "9:30 a.m. ET on Wednesday",
        "TIME",
        "2025-07-02T09:30",
        None,
    );
}

#[test]
fn the_sunday_times_is_a_newspaper() {
    let (found, _) = run("The Sunday Times reported it.", Some("2025-07-02"));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn will_vote_on_tuesday_is_next_tuesday() {
    check(
        "The Senate will vote on Tuesday.",
        "2025-07-02",
        "Tuesday",
        "DATE",
        "2025-07-08",
        None,
    );
}

#[test]
fn absurd_counts_never_overflow() {
    for text in [
        "4294967295 decades ago",
        "2147483647 years ago and 999999999 days ago",
        "999,999,999 centuries later, 99999 quarters ago",
        "the year 2199 and 31/12/2199, 1000 millennia ago",
    ] {
        let (found, _) = run(text, Some("2025-07-20"));
        assert!(found.iter().all(|f| !f.2.is_empty()), "{text:?}: {found:?}");
        let (found, _) = run(text, None);
        assert!(found.iter().all(|f| !f.2.is_empty()), "{text:?}: {found:?}");
    }
}

#[test]
fn twice_a_year_is_a_set_with_a_frequency() {
    let text = "Twice a year, inspectors visit.";
    let segments = segment::segment(text);
    let ctx = Context {
        text,
        segments: &segments,
        published: NaiveDate::from_ymd_opt(2025, 7, 5),
    };
    let (mentions, _) = recognise(&ctx);
    let t = mentions[0].date().expect("a date");
    assert_eq!(mentions[0].span.slice(text), "Twice a year");
    assert_eq!((t.timex_type, t.value.as_str()), (TimexType::Set, "P1Y"));
    assert_eq!(t.freq.as_deref(), Some("2X"));
}

#[test]
fn would_be_published_on_24_october_looks_ahead() {
    check(
        "Revenue would be published on 24 October.",
        "2025-07-05",
        "24 October",
        "DATE",
        "2025-10-24",
        None,
    );
}

#[test]
fn three_quarters_of_the_vote_and_five_and_a_quarter_are_fractions() {
    for text in [
        "He won three quarters of the vote.",
        "It rose five and a quarter points.",
        "It cost three quarters billion dollars.",
    ] {
        let (found, _) = run(text, Some("2025-07-20"));
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }
}

#[test]
fn two_hundred_and_two_thousand_is_a_number_but_in_two_thousand_is_a_year() {
    let (found, _) = run(
        "They counted two hundred and two thousand ballots.",
        Some("2025-07-20"),
    );
    assert!(found.is_empty(), "{found:?}");
    check(
        "It was built in two thousand and eight.",
        "2025-07-20",
        "two thousand and eight",
        "DATE",
        "2008",
        None,
    );
}

// ----- ages, names and holidays -----

/// The texts of the dates found in `text` (anchored on 2013-03-22).
fn texts(text: &str) -> Vec<String> {
    run(text, Some("2013-03-22"))
        .0
        .into_iter()
        .map(|f| f.0)
        .collect()
}

#[test]
fn a_7_year_old_girl_and_a_40_year_old_treaty_are_ages() {
    assert!(texts("A 7-year-old girl was hurt.").is_empty());
    assert!(texts("They scrapped a 40-year-old treaty.").is_empty());
    assert!(texts("the IRA's 8-month-old truce").is_empty());
    assert!(texts("a class of seven-year-olds").is_empty());
    // A duration still reads as one.
    assert_eq!(texts("a 10-hour tour of three sites"), ["10-hour"]);
}

#[test]
fn usa_today_and_russia_today_are_names() {
    assert!(texts("The poll was taken for USA Today by Gallup.").is_empty());
    assert!(texts("He told Russia Today that the talks failed.").is_empty());
    assert!(texts("She appeared on Good Morning America and The Daily Show.").is_empty());
    assert!(texts("the protests of the Arab Spring").is_empty());
    assert!(texts("Unions called a national Day of Action.").is_empty());
    // Running text and a sentence's first word keep their time.
    assert_eq!(texts("Today, hundreds marched."), ["Today"]);
    assert_eq!(texts("Hundreds marched today."), ["today"]);
    // A headline capitalises every word.
    assert_eq!(texts("Flu Season Winding Down Today"), ["Today"]);
    // A season with its year is a term, not a name.
    assert_eq!(
        texts("The course opens in Spring 2014 for students."),
        ["Spring 2014"]
    );
}

#[test]
fn christmas_thanksgiving_and_labor_day_take_the_anchor_year() {
    let (found, _) = run(
        "Sales slowed after Christmas, and stores will open on Thanksgiving and Labor Day.",
        Some("2013-03-22"),
    );
    let got: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
    assert_eq!(
        got,
        [
            ("Christmas", "2012-12-25"),
            ("Thanksgiving", "2013-11-28"),
            ("Labor Day", "2013-09-02")
        ]
    );
}

#[test]
fn new_years_eve_christmas_eve_and_election_day_2012() {
    let (found, _) = run(
        "He spoke on New Year's Eve, on Christmas Eve and before Election Day 2012.",
        Some("2013-03-22"),
    );
    let got: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
    assert_eq!(
        got,
        [
            ("New Year's Eve", "2012-12-31"),
            ("Christmas Eve", "2012-12-24"),
            ("Election Day 2012", "2012-11-06")
        ]
    );
}

#[test]
fn easter_independence_day_and_memorial_day() {
    check(
        "They met at Easter.",
        "2013-05-01",
        "Easter",
        "DATE",
        "2013-03-31",
        None,
    );
    check(
        "Fireworks are planned for Independence Day.",
        "2013-05-01",
        "Independence Day",
        "DATE",
        "2013-07-04",
        None,
    );
    check(
        "The pool opened on Memorial Day.",
        "2013-06-10",
        "Memorial Day",
        "DATE",
        "2013-05-27",
        None,
    );
    // Another calendar's new year is not 1 January.
    assert!(texts("Crowds gathered for Chinese New Year.").is_empty());
}

// ----- tense: the verb that governs the expression (anchor Wednesday 2013-03-20) -----

#[test]
fn arrested_next_to_the_embassy_on_friday_is_last_friday() {
    check(
        "A man was arrested next to the embassy on Friday.",
        "2013-03-20",
        "Friday",
        "DATE",
        "2013-03-15",
        None,
    );
}

#[test]
fn a_delayed_vote_in_may_is_the_coming_may() {
    check(
        "Parliament faces a delayed vote in May.",
        "2013-03-20",
        "May",
        "DATE",
        "2013-05",
        None,
    );
}

#[test]
fn the_talks_on_tuesday_officials_said_will_focus_on_trade() {
    check(
        "The talks on Tuesday, officials said, will focus on trade.",
        "2013-03-20",
        "Tuesday",
        "DATE",
        "2013-03-26",
        None,
    );
    // Right beside the date, the reporting verb dates it.
    check(
        "Officials said Tuesday that the talks will focus on trade.",
        "2013-03-20",
        "Tuesday",
        "DATE",
        "2013-03-19",
        None,
    );
}

#[test]
fn the_curfew_lasted_until_tuesday() {
    check(
        "The curfew lasted until Tuesday.",
        "2013-03-20",
        "Tuesday",
        "DATE",
        "2013-03-19",
        None,
    );
    check(
        "The curfew will last until Tuesday.",
        "2013-03-20",
        "Tuesday",
        "DATE",
        "2013-03-26",
        None,
    );
    // A deadline set in the past still looks ahead.
    check(
        "The court gave them until Tuesday.",
        "2013-03-20",
        "Tuesday",
        "DATE",
        "2013-03-26",
        None,
    );
}

#[test]
fn the_plant_which_would_open_in_july_was_built_in_2011() {
    let (found, _) = run(
        "The plant, which would open in July, was built in 2011.",
        Some("2013-08-20"),
    );
    assert_eq!(found[0].2, "2013-07", "{found:?}");
}

// ----- the anchor of an undated article, and datelines -----

#[test]
fn since_jan_1_2015_is_not_the_anchor_of_a_2016_article() {
    let (found, anchor) = run(
        "Prices have doubled since Jan. 1, 2015. On March 3, 2016, the board met. \
         Sales fell last month.",
        None,
    );
    assert_eq!(anchor.kind, AnchorKind::Inferred);
    assert_eq!(anchor.date, NaiveDate::from_ymd_opt(2016, 3, 3));
    let last_month = found
        .iter()
        .find(|f| f.0 == "last month")
        .expect("last month");
    assert_eq!(last_month.2, "2016-02");
}

#[test]
fn the_anchor_is_never_before_what_already_happened() {
    // "In June 2016 prices rose": the article was written after June 2016, whatever
    // its other dates say.
    let (_, anchor) = run(
        "The plan was signed on Jan. 5, 2015. In June 2016, prices rose again.",
        None,
    );
    assert_eq!(anchor.date, NaiveDate::from_ymd_opt(2016, 6, 1));
}

#[test]
fn a_vote_that_will_be_held_on_nov_8_2016_is_not_the_news_date() {
    let (_, anchor) = run(
        "The rally took place on Oct. 2, 2016. The vote will be held on Nov. 8, 2016.",
        None,
    );
    assert_eq!(anchor.date, NaiveDate::from_ymd_opt(2016, 10, 2));
}

#[test]
fn washington_march_22_2013_ap_is_a_dateline() {
    let (found, anchor) = run(
        "WASHINGTON, March 22, 2013 (AP) — The Senate voted on Thursday.",
        None,
    );
    assert_eq!(anchor.date, NaiveDate::from_ymd_opt(2013, 3, 22));
    let got: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
    assert_eq!(got, [("Thursday", "2013-03-21")]);
    // The same date inside a sentence stays a mention.
    assert_eq!(
        texts("The Senate voted in Washington, March 22 (after a debate)."),
        ["March 22"]
    );
}

// ----- expressions anchored on an event or on the narrative -----

#[test]
fn that_day_and_later_that_year_follow_the_narrative() {
    let (found, _) = run(
        "The plant opened on June 3, 2010. That day, workers marched. Later that year it closed.",
        Some("2013-03-22"),
    );
    let got: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1, f.2.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("June 3, 2010", "DATE", "2010-06-03"),
            ("That day", "DATE", "2010-06-03"),
            ("Later that year", "DATE", "2010")
        ]
    );
}

#[test]
fn the_next_morning_is_the_day_after() {
    let (found, _) = run(
        "The storm hit on Oct. 29, 2012. The next morning, crews arrived.",
        Some("2013-03-22"),
    );
    assert_eq!(found[1].0, "The next morning");
    assert_eq!(found[1].1, "TIME");
    assert_eq!(found[1].2, "2012-10-30TMO");
}

#[test]
fn the_days_before_the_vote_is_a_duration() {
    let f = one("Tension grew in the days before the vote.", "2013-03-22");
    assert_eq!(
        (f.0.as_str(), f.1, f.2.as_str()),
        ("the days", "DURATION", "PXD")
    );
}

#[test]
fn the_day_before_thanksgiving_and_the_week_of_march_4() {
    check(
        "Travel will peak the day before Thanksgiving.",
        "2013-03-22",
        "the day before Thanksgiving",
        "DATE",
        "2013-11-27",
        None,
    );
    check(
        "He was in court the week of March 4, 2013.",
        "2013-03-22",
        "the week of March 4, 2013",
        "DATE",
        "2013-W10",
        None,
    );
    // Before an event, "the day" is the expression.
    let f = one("It was the day before the plunge.", "2013-03-22");
    assert_eq!((f.0.as_str(), f.1), ("the day", "DATE"));
}

#[test]
fn last_oct_23_is_a_day_not_a_month() {
    check(
        "The deal was signed last Oct. 23.",
        "2013-03-22",
        "last Oct. 23",
        "DATE",
        "2012-10-23",
        None,
    );
}

#[test]
fn annually_daily_and_dollars_a_year_are_sets() {
    let (found, _) = run(
        "It pays $33 million a year, holds daily briefings, reports annually and \
         takes the pill three times daily.",
        Some("2013-03-22"),
    );
    let got: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1, f.2.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("a year", "SET", "P1Y"),
            ("daily", "SET", "P1D"),
            ("annually", "SET", "P1Y"),
            ("three times daily", "SET", "P1D")
        ]
    );
    // A count of things is not a rate of time; a quarterly dividend is an account.
    assert!(texts("four flights a week and its quarterly dividend").is_empty());
}

#[test]
fn eight_trading_days_and_20_more_years_count_their_units() {
    let (found, _) = run(
        "Eight trading days later, the lease ran for 20 more years, then an additional \
         year, after a several-year tenure.",
        Some("2013-03-22"),
    );
    let got: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
    assert_eq!(
        got,
        [
            ("Eight trading days", "P8D"),
            ("20 more years", "P20Y"),
            ("an additional year", "P1Y"),
            ("several-year", "PXY")
        ]
    );
}

#[test]
fn a_venture_called_orion_1980_is_a_name_but_the_20th_century_is_a_date() {
    assert!(texts("a joint venture called Orion 1980, which makes parts").is_empty());
    assert_eq!(texts("In 1980 the venture began."), ["1980"]);
    assert_eq!(
        texts("two explorations of the 20th Century were his."),
        ["the 20th Century"]
    );
}

#[test]
fn postponed_until_saturday_looks_ahead() {
    check(
        "The match was postponed until Saturday.",
        "2013-03-20",
        "Saturday",
        "DATE",
        "2013-03-23",
        None,
    );
}

#[test]
fn average_daily_volume_and_rose_8_5_percent_annually_are_not_sets() {
    assert!(texts("half of the average daily volume").is_empty());
    assert!(texts("sales will rise 8.5% annually").is_empty());
    assert!(texts("costs grew 4% a year").is_empty());
}

#[test]
fn results_for_that_quarter_are_the_quarter_last_named() {
    let (found, _) = run(
        "In the second quarter of 2012, it lost money. Results for that quarter included a charge.",
        Some("2013-03-22"),
    );
    let got: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
    assert_eq!(
        got,
        [
            ("the second quarter of 2012", "2012-Q2"),
            ("that quarter", "2012-Q2")
        ]
    );
}

#[test]
fn new_years_day_with_a_curly_apostrophe() {
    check(
        "Shops reopened after New Year\u{2019}s Day.",
        "2013-03-22",
        "New Year\u{2019}s Day",
        "DATE",
        "2013-01-01",
        None,
    );
}

#[test]
fn she_said_as_they_moved_through_the_city_early_sunday_morning() {
    let (found, _) = run(
        "\"We're going to win,\" Quina Jones said as hundreds of marchers moved through \
         the city early Sunday morning.",
        Some("2016-09-26"),
    );
    assert_eq!(found[0].0, "early Sunday morning");
    assert_eq!(found[0].2, "2016-09-25TMO");
}

#[test]
fn the_2010_and_2020_censuses_are_two_years() {
    let (found, _) = run(
        "According to the 2010 and 2020 censuses, about 600,000 Azerbaijanis lived in Russia.",
        Some("2025-07-01"),
    );
    let years: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
    assert_eq!(years, ["2010", "2020"]);
    // Without the article the second number is a count: "2010 and 2020 censuses".
    let (found, _) = run("Officials ran 2010 and 2020 censuses.", Some("2025-07-01"));
    assert!(found.iter().all(|f| f.0 != "2020"), "{found:?}");
}

// ----- tense of the governing verb -----

#[test]
fn on_march_2_the_agency_published_a_report_saying_prices_would_rise() {
    let (found, _) = run(
        "On March 2, the agency published a report saying prices would rise over the next decade.",
        Some("2013-03-22"),
    );
    assert_eq!(found[0].0, "March 2", "{found:?}");
    assert_eq!(found[0].2, "2013-03-02", "{found:?}");
}

#[test]
fn on_nov_30_the_union_ratified_a_deal_that_would_end_the_strike() {
    // The fronted date belongs to the past verb of its clause, not to the "would" of
    // the relative clause nor to the "next" beyond it.
    let (found, _) = run(
        "On Nov. 30, the union ratified a deal that would end the strike next month.",
        Some("2013-01-10"),
    );
    assert_eq!(found[0].0, "Nov. 30", "{found:?}");
    assert_eq!(found[0].2, "2012-11-30", "{found:?}");
}

#[test]
fn the_exhibition_is_set_to_run_through_june() {
    check(
        "The museum said the exhibition is to run through June.",
        "2013-03-18",
        "June",
        "DATE",
        "2013-06",
        None,
    );
}

#[test]
fn the_fund_had_bought_481_000_shares_through_sept_29() {
    // A deadline met in the past: the comma inside "481,000" does not end the clause.
    check(
        "The fund had bought 481,000 shares through Sept. 29.",
        "2013-11-02",
        "Sept. 29",
        "DATE",
        "2013-09-29",
        None,
    );
}

#[test]
fn sales_this_year_through_august_close_a_period() {
    let (found, _) = run(
        "Sales rose 4% in the year through August, the firm said.",
        Some("2013-10-15"),
    );
    assert!(
        found.iter().any(|f| f.0 == "August" && f.2 == "2013-08"),
        "{found:?}"
    );
}

// ----- spans -----

#[test]
fn repairs_could_take_between_nine_and_15_months() {
    let (found, _) = run(
        "Repairs could take between nine and 15 months.",
        Some("2013-03-22"),
    );
    let got: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1, f.2.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("nine", "DURATION", "P9M"),
            ("15 months", "DURATION", "P15M")
        ]
    );
}

#[test]
fn the_two_to_three_weeks_range_stays_one_expression() {
    assert_eq!(
        texts("Shipments resume within two to three weeks."),
        ["two to three weeks"]
    );
}

#[test]
fn the_campaign_of_1941_42() {
    let (found, _) = run("the campaign of 1941-42 and the 2003-04 season", None);
    let got: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
    assert_eq!(
        got,
        [
            ("1941", "1941"),
            ("42", "1942"),
            ("2003", "2003"),
            ("04", "2004")
        ]
    );
    // Not a range of years: a score, a later year before an earlier one, a count.
    assert_eq!(texts("The final ended 1998-12 in their favour."), ["1998"]);
    assert_eq!(texts("Their 2012-11 record."), ["2012"]);
}

#[test]
fn the_ceasefire_held_for_a_mere_36_hours() {
    check(
        "The ceasefire held for a mere 36 hours.",
        "2013-03-22",
        "a mere 36 hours",
        "DURATION",
        "PT36H",
        None,
    );
}

#[test]
fn the_warning_came_minutes_before_the_blast_and_weeks_later() {
    let (found, _) = run(
        "The warning came minutes before the blast; weeks later the inquiry opened.",
        Some("2013-03-22"),
    );
    let got: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1, f.2.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("minutes", "DURATION", "PTXM"),
            ("weeks", "DURATION", "PXW")
        ]
    );
    // Without an event to count from, a bare plural unit is no expression.
    assert!(texts("It takes hours of practice and months of work.").is_empty());
}

#[test]
fn over_the_following_decade_is_a_stretch_of_ten_years() {
    check(
        "Over the following decade the port doubled in size.",
        "2013-03-22",
        "the following decade",
        "DURATION",
        "P10Y",
        None,
    );
}

#[test]
fn the_following_year_in_a_narrative_is_a_date() {
    let (found, _) = run(
        "The mill closed in 1998. The following year the town lost its school.",
        Some("2013-03-22"),
    );
    assert_eq!(found[1].0, "The following year", "{found:?}");
    assert_eq!(found[1].1, "DATE", "{found:?}");
}

// ----- ages -----

#[test]
fn children_ages_6_months_and_older_and_patients_aged_3_years_are_ages() {
    assert!(texts("The vaccine is for children ages 6 months and older.").is_empty());
    assert!(texts("Patients aged 3 years or more were excluded.").is_empty());
    assert!(texts("No one under the age of 18 years may enter.").is_empty());
    // A duration after another noun is still one.
    assert_eq!(texts("Wages lagged for 3 years."), ["3 years"]);
}

#[test]
fn the_company_said_it_expected_the_merger_to_close_in_may() {
    check(
        "The company said it expected the merger to close in May.",
        "2013-03-22",
        "May",
        "DATE",
        "2013-05",
        None,
    );
    // A past verb of its own clause still rules the infinitive.
    check(
        "The plant was forced to close in May.",
        "2013-03-22",
        "May",
        "DATE",
        "2012-05",
        None,
    );
}

// ----- named days and titles -----

#[test]
fn black_friday_good_friday_and_cyber_monday() {
    let (found, _) = run(
        "Shops opened early on Black Friday, closed on Good Friday and sold online on Cyber Monday.",
        Some("2013-12-20"),
    );
    let got: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
    assert_eq!(
        got,
        [
            ("Black Friday", "2013-11-29"),
            ("Good Friday", "2013-03-29"),
            ("Cyber Monday", "2013-12-02")
        ]
    );
}

#[test]
fn boxing_day_mothers_day_and_columbus_day() {
    let (found, _) = run(
        "Sales peaked on Boxing Day; florists were busy on Mother's Day; banks shut on Columbus Day.",
        Some("2014-01-10"),
    );
    let got: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
    assert_eq!(
        got,
        [
            ("Boxing Day", "2013-12-26"),
            ("Mother's Day", "2013-05-12"),
            ("Columbus Day", "2013-10-14")
        ]
    );
}

#[test]
fn the_programme_today_in_quotation_marks_is_a_title() {
    assert!(texts("She told the programme \"Today\" that talks had failed.").is_empty());
    assert!(texts("He sang \u{201c}Yesterday\u{201d} to the crowd.").is_empty());
    // A quotation that starts with the word is speech.
    assert_eq!(texts("\"Today we won,\" he said."), ["Today"]);
}

#[test]
fn three_ferries_sank_in_the_last_week_and_the_last_decade_was_the_warmest() {
    check(
        "Three ferries sank in the last week.",
        "2013-03-22",
        "the last week",
        "DATE",
        "2013-W11",
        None,
    );
    check(
        "The last decade was the warmest.",
        "2013-03-22",
        "The last decade",
        "DATE",
        "200",
        None,
    );
    // A stretch measured with "for" stays a duration.
    check(
        "It has rained for the past week.",
        "2013-03-22",
        "the past week",
        "DURATION",
        "P1W",
        None,
    );
}

#[test]
fn the_harvest_began_a_month_earlier_than_usual() {
    check(
        "The harvest began a month earlier than usual.",
        "2013-03-22",
        "a month",
        "DURATION",
        "P1M",
        None,
    );
    check(
        "The report came out two days later than planned.",
        "2013-03-22",
        "two days",
        "DURATION",
        "P2D",
        None,
    );
}

#[test]
fn the_offer_was_extended_to_nov_16() {
    check(
        "The offer, which had been due to lapse, was extended to Nov. 16.",
        "2013-10-30",
        "Nov. 16",
        "DATE",
        "2013-11-16",
        None,
    );
    check(
        "The trial was postponed to March.",
        "2013-10-30",
        "March",
        "DATE",
        "2014-03",
        None,
    );
}

#[test]
fn voters_go_to_the_polls_on_nov_5() {
    check(
        "Voters go to the polls on Nov. 5.",
        "2013-03-22",
        "Nov. 5",
        "DATE",
        "2013-11-05",
        None,
    );
    check(
        "The new rule takes effect in October.",
        "2013-03-22",
        "October",
        "DATE",
        "2013-10",
        None,
    );
    // Without a timetable verb, a month far ahead is still last year's.
    check(
        "Turnout in November was low.",
        "2013-03-22",
        "November",
        "DATE",
        "2012-11",
        None,
    );
}
