//! Number words: cardinals ("twenty-nine"), scales ("million", "lakh"), ordinals used
//! as denominators ("two thirds", "a hundredth"), vague quantities ("thousands") and
//! the few function words the number grammar reads ("and", "point", "a").
//!
//! Every word of a text is classified once by [`classify`], from a table bucketed by
//! length and first letter, which keeps the lexer fast.

use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WClass {
    None,
    /// zero..nineteen, twenty..ninety (by value).
    Card(u8),
    Hundred,
    /// thousand (3), million (6), billion (9), trillion (12), lakh (5), crore (7).
    Scale(u8),
    Dozen,
    /// An ordinal that can be a denominator: value and whether it is plural.
    Ordinal(u8, bool),
    /// hundredth (2), thousandth (3), millionth (6), ...: denominator 10^k.
    OrdinalScale(u8, bool),
    Half,
    Halves,
    Quarter,
    Quarters,
    /// hundreds (2), thousands (3), millions (6), billions (9), trillions (12).
    VagueScale(u8),
    Dozens,
    Tens,
    Several,
    Twice,
    Thrice,
    A,
    And,
    Point,
    Minus,
    Percent,
}

const WORDS: &[(&str, WClass)] = &[
    ("zero", WClass::Card(0)),
    ("nought", WClass::Card(0)),
    ("naught", WClass::Card(0)),
    ("one", WClass::Card(1)),
    ("two", WClass::Card(2)),
    ("three", WClass::Card(3)),
    ("four", WClass::Card(4)),
    ("five", WClass::Card(5)),
    ("six", WClass::Card(6)),
    ("seven", WClass::Card(7)),
    ("eight", WClass::Card(8)),
    ("nine", WClass::Card(9)),
    ("ten", WClass::Card(10)),
    ("eleven", WClass::Card(11)),
    ("twelve", WClass::Card(12)),
    ("thirteen", WClass::Card(13)),
    ("fourteen", WClass::Card(14)),
    ("fifteen", WClass::Card(15)),
    ("sixteen", WClass::Card(16)),
    ("seventeen", WClass::Card(17)),
    ("eighteen", WClass::Card(18)),
    ("nineteen", WClass::Card(19)),
    ("twenty", WClass::Card(20)),
    ("thirty", WClass::Card(30)),
    ("forty", WClass::Card(40)),
    ("fourty", WClass::Card(40)),
    ("fifty", WClass::Card(50)),
    ("sixty", WClass::Card(60)),
    ("seventy", WClass::Card(70)),
    ("eighty", WClass::Card(80)),
    ("ninety", WClass::Card(90)),
    ("hundred", WClass::Hundred),
    ("thousand", WClass::Scale(3)),
    ("million", WClass::Scale(6)),
    ("billion", WClass::Scale(9)),
    ("trillion", WClass::Scale(12)),
    ("lakh", WClass::Scale(5)),
    ("lakhs", WClass::Scale(5)),
    ("lac", WClass::Scale(5)),
    ("crore", WClass::Scale(7)),
    ("crores", WClass::Scale(7)),
    ("dozen", WClass::Dozen),
    ("dz", WClass::Dozen),
    ("dzs", WClass::Dozen),
    ("doz", WClass::Dozen),
    ("dozs", WClass::Dozen),
    ("first", WClass::Ordinal(1, false)),
    ("firsts", WClass::Ordinal(1, true)),
    ("second", WClass::Ordinal(2, false)),
    ("seconds", WClass::Ordinal(2, true)),
    ("third", WClass::Ordinal(3, false)),
    ("thirds", WClass::Ordinal(3, true)),
    ("fourth", WClass::Ordinal(4, false)),
    ("fourths", WClass::Ordinal(4, true)),
    ("fifth", WClass::Ordinal(5, false)),
    ("fifths", WClass::Ordinal(5, true)),
    ("sixth", WClass::Ordinal(6, false)),
    ("sixths", WClass::Ordinal(6, true)),
    ("seventh", WClass::Ordinal(7, false)),
    ("sevenths", WClass::Ordinal(7, true)),
    ("eighth", WClass::Ordinal(8, false)),
    ("eighths", WClass::Ordinal(8, true)),
    ("ninth", WClass::Ordinal(9, false)),
    ("ninths", WClass::Ordinal(9, true)),
    ("tenth", WClass::Ordinal(10, false)),
    ("tenths", WClass::Ordinal(10, true)),
    ("eleventh", WClass::Ordinal(11, false)),
    ("elevenths", WClass::Ordinal(11, true)),
    ("twelfth", WClass::Ordinal(12, false)),
    ("twelfths", WClass::Ordinal(12, true)),
    ("thirteenth", WClass::Ordinal(13, false)),
    ("thirteenths", WClass::Ordinal(13, true)),
    ("fourteenth", WClass::Ordinal(14, false)),
    ("fourteenths", WClass::Ordinal(14, true)),
    ("fifteenth", WClass::Ordinal(15, false)),
    ("fifteenths", WClass::Ordinal(15, true)),
    ("sixteenth", WClass::Ordinal(16, false)),
    ("sixteenths", WClass::Ordinal(16, true)),
    ("seventeenth", WClass::Ordinal(17, false)),
    ("seventeenths", WClass::Ordinal(17, true)),
    ("eighteenth", WClass::Ordinal(18, false)),
    ("eighteenths", WClass::Ordinal(18, true)),
    ("nineteenth", WClass::Ordinal(19, false)),
    ("nineteenths", WClass::Ordinal(19, true)),
    ("twentieth", WClass::Ordinal(20, false)),
    ("twentieths", WClass::Ordinal(20, true)),
    ("thirtieth", WClass::Ordinal(30, false)),
    ("thirtieths", WClass::Ordinal(30, true)),
    ("fortieth", WClass::Ordinal(40, false)),
    ("fortieths", WClass::Ordinal(40, true)),
    ("fiftieth", WClass::Ordinal(50, false)),
    ("fiftieths", WClass::Ordinal(50, true)),
    ("sixtieth", WClass::Ordinal(60, false)),
    ("sixtieths", WClass::Ordinal(60, true)),
    ("seventieth", WClass::Ordinal(70, false)),
    ("seventieths", WClass::Ordinal(70, true)),
    ("eightieth", WClass::Ordinal(80, false)),
    ("eightieths", WClass::Ordinal(80, true)),
    ("ninetieth", WClass::Ordinal(90, false)),
    ("ninetieths", WClass::Ordinal(90, true)),
    ("hundredth", WClass::OrdinalScale(2, false)),
    ("hundredths", WClass::OrdinalScale(2, true)),
    ("thousandth", WClass::OrdinalScale(3, false)),
    ("thousandths", WClass::OrdinalScale(3, true)),
    ("millionth", WClass::OrdinalScale(6, false)),
    ("millionths", WClass::OrdinalScale(6, true)),
    ("billionth", WClass::OrdinalScale(9, false)),
    ("billionths", WClass::OrdinalScale(9, true)),
    ("trillionth", WClass::OrdinalScale(12, false)),
    ("trillionths", WClass::OrdinalScale(12, true)),
    ("half", WClass::Half),
    ("halves", WClass::Halves),
    ("quarter", WClass::Quarter),
    ("quarters", WClass::Quarters),
    ("hundreds", WClass::VagueScale(2)),
    ("thousands", WClass::VagueScale(3)),
    ("millions", WClass::VagueScale(6)),
    ("billions", WClass::VagueScale(9)),
    ("trillions", WClass::VagueScale(12)),
    ("dozens", WClass::Dozens),
    ("tens", WClass::Tens),
    ("several", WClass::Several),
    ("twice", WClass::Twice),
    ("thrice", WClass::Thrice),
    ("a", WClass::A),
    ("an", WClass::A),
    ("and", WClass::And),
    ("point", WClass::Point),
    ("minus", WClass::Minus),
    ("negative", WClass::Minus),
    ("percent", WClass::Percent),
    ("percents", WClass::Percent),
    ("percentage", WClass::Percent),
    ("pct", WClass::Percent),
];

/// Words bucketed by (length, first letter): a bucket holds a handful of words, so a
/// lookup is one index and a few byte comparisons, and most words find their bucket empty.
struct Table {
    buckets: Vec<Vec<(&'static [u8], WClass)>>,
}

const MAX_LEN: usize = 16;

/// For each (length, first letter), the set of last letters of the words of that shape:
/// the lexer rejects almost every ordinary word with one load.
static SHAPES: [u32; MAX_LEN * 26] = shapes();

const fn shapes() -> [u32; MAX_LEN * 26] {
    let mut out = [0u32; MAX_LEN * 26];
    let mut i = 0;
    while i < WORDS.len() {
        let w = WORDS[i].0.as_bytes();
        if w.len() < MAX_LEN {
            let first = (w[0] - b'a') as usize;
            let last = w[w.len() - 1] - b'a';
            out[w.len() * 26 + first] |= 1 << last;
        }
        i += 1;
    }
    out
}

fn bucket(len: usize, first: u8) -> usize {
    len * 26 + usize::from(first - b'a')
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut buckets = vec![Vec::new(); MAX_LEN * 26];
        for &(w, c) in WORDS {
            if w.len() < MAX_LEN {
                buckets[bucket(w.len(), w.as_bytes()[0])].push((w.as_bytes(), c));
            }
        }
        Table { buckets }
    })
}

/// The class of an ASCII word (any case).
#[inline]
pub fn classify(word: &[u8]) -> WClass {
    let len = word.len();
    if len == 0 || len >= MAX_LEN {
        return WClass::None;
    }
    let first = word[0].to_ascii_lowercase();
    let last = word[len - 1].to_ascii_lowercase();
    if !first.is_ascii_lowercase() || !last.is_ascii_lowercase() {
        return WClass::None;
    }
    if SHAPES[len * 26 + usize::from(first - b'a')] & (1 << (last - b'a')) == 0 {
        return WClass::None;
    }
    lookup(word, len, first)
}

#[inline(never)]
fn lookup(word: &[u8], len: usize, first: u8) -> WClass {
    let Some(candidates) = table().buckets.get(bucket(len, first)) else {
        return WClass::None;
    };
    candidates
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map_or(WClass::None, |&(_, c)| c)
}

/// Time units: a number counting them is a duration or an age, left to the dates
/// recogniser ("two weeks", "the 44-day war", "a 45-year-old").
pub fn is_time_unit(w: &str) -> bool {
    const UNITS: &[&str] = &[
        "second",
        "seconds",
        "minute",
        "minutes",
        "min",
        "mins",
        "hour",
        "hours",
        "hr",
        "hrs",
        "day",
        "days",
        "week",
        "weeks",
        "fortnight",
        "fortnights",
        "month",
        "months",
        "year",
        "years",
        "yr",
        "yrs",
        "decade",
        "decades",
        "century",
        "centuries",
        "night",
        "nights",
        "weekend",
        "weekends",
        "morning",
        "mornings",
        "evening",
        "evenings",
        "afternoon",
        "afternoons",
        "summer",
        "summers",
        "winter",
        "winters",
        "millennium",
        "millennia",
        "semester",
        "semesters",
        "term",
        "terms",
    ];
    UNITS.iter().any(|u| u.eq_ignore_ascii_case(w))
}

/// Month names as dates write them next to a day number.
pub fn is_month(w: &str) -> bool {
    const MONTHS: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
    ];
    // "May" only capitalised: "may" is a verb.
    w == "May"
        || w == "MAY"
        || MONTHS
            .iter()
            .any(|m| m.eq_ignore_ascii_case(w) && w.as_bytes()[0].is_ascii_uppercase())
}

pub fn is_weekday(w: &str) -> bool {
    const DAYS: &[&str] = &[
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    DAYS.iter().any(|d| d.eq_ignore_ascii_case(w))
}
