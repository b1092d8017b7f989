//! Calendar arithmetic and TIMEX3 value formatting.
//!
//! Values follow TimeML 1.2.1: `2025-06-27`, `2025-06`, `2025`, `2025-W27`, `2025-Q1`,
//! `2025-H1`, `2025-SU`, decades `199`, centuries `19`. Impossible dates are never
//! formed: every day is checked against its month (and leap years) before printing.

use chrono::{Datelike, Duration, NaiveDate};

use super::lexicon::{Holiday, Unit};

/// Which way an underspecified expression leans from the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lean {
    /// The latest occurrence on or before the anchor ("said on 9 May").
    Past,
    /// The earliest occurrence on or after the anchor ("will meet on 9 May").
    Future,
    /// No tense cue: the occurrence closest to the anchor.
    Either,
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: Option<i32>, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match y {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

pub fn valid_day(y: Option<i32>, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

// Values are written digit by digit: a document holds hundreds of dates and the
// formatting machinery of `format!` cost more than the date arithmetic.

/// Appends a year as four digits, or "XXXX" outside 0-9999.
fn push_year(s: &mut String, y: i32) {
    match u32::try_from(y) {
        Ok(y) if y <= 9999 => {
            for d in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
                s.push(digit(d));
            }
        }
        _ => s.push_str("XXXX"),
    }
}

/// Appends a number with at least two digits, as `{:02}` writes it.
fn push_02(s: &mut String, v: u32) {
    if v < 100 {
        s.push(digit(v / 10));
        s.push(digit(v % 10));
    } else {
        s.push_str(&v.to_string());
    }
}

fn digit(d: u32) -> char {
    char::from_digit(d, 10).unwrap_or('0')
}

pub fn fmt_year(y: i32) -> String {
    let mut s = String::with_capacity(4);
    push_year(&mut s, y);
    s
}

pub fn fmt_day(d: NaiveDate) -> String {
    let mut s = String::with_capacity(10);
    push_year(&mut s, d.year());
    s.push('-');
    push_02(&mut s, d.month());
    s.push('-');
    push_02(&mut s, d.day());
    s
}

pub fn fmt_month(y: i32, m: u32) -> String {
    let mut s = String::with_capacity(7);
    push_year(&mut s, y);
    s.push('-');
    push_02(&mut s, m);
    s
}

/// Adds `n` months to a (year, month).
pub fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(n);
    let y = idx.div_euclid(12);
    (y.clamp(-9999, 9999) as i32, (idx.rem_euclid(12) + 1) as u32)
}

pub fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

pub fn quarter_of(m: u32) -> u32 {
    (m.saturating_sub(1)) / 3 + 1
}

/// The value of the calendar unit that lies `n` units from the anchor ("last week" is
/// `n = -1` weeks).
pub fn relative(anchor: NaiveDate, unit: Unit, n: i32) -> Option<String> {
    let (y, m) = (anchor.year(), anchor.month());
    Some(match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => {
            fmt_day(add_days(anchor, i64::from(n))?)
        }
        Unit::Week | Unit::Fortnight => {
            let k = if unit == Unit::Fortnight { 2 } else { 1 };
            let d = add_days(anchor, 7 * i64::from(n) * k)?;
            let w = d.iso_week();
            format!("{}-W{:02}", fmt_year(w.year()), w.week())
        }
        Unit::Month => {
            let (y, m) = add_months(y, m, n);
            fmt_month(y, m)
        }
        Unit::Quarter => {
            let idx = i64::from(y) * 4 + i64::from(quarter_of(m)) - 1 + i64::from(n);
            format!(
                "{}-Q{}",
                fmt_year(idx.div_euclid(4) as i32),
                idx.rem_euclid(4) + 1
            )
        }
        Unit::Year => fmt_year(y.checked_add(n)?),
        Unit::Decade => {
            let dec = y.div_euclid(10).checked_add(n)?;
            format!("{dec:03}")
        }
        Unit::Century => {
            let c = y.div_euclid(100).checked_add(n)?;
            format!("{c:02}")
        }
        Unit::Millennium => format!("{}", y.div_euclid(1000).checked_add(n)?),
    })
}

/// The year of a month (and day) given without one, leaning from the reference date.
/// Months are compared as HeidelTime does for news: a past-tense "in September" seen
/// from November is this year's, from August last year's; the reference month itself
/// is always the reference year. Without a tense cue, news looks back more often than
/// ahead: a month more than a quarter ahead of the reference is last year's, and only
/// one more than eight months behind it is next year's.
pub fn year_for(reference: NaiveDate, m: u32, lean: Lean) -> i32 {
    let (y, rm) = (reference.year(), reference.month());
    match lean {
        Lean::Past => {
            if m <= rm {
                y
            } else {
                y - 1
            }
        }
        Lean::Future => {
            if m >= rm {
                y
            } else {
                y + 1
            }
        }
        Lean::Either => {
            let diff = m as i32 - rm as i32;
            if diff > 3 {
                y - 1
            } else if diff < -8 {
                y + 1
            } else {
                y
            }
        }
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian computus).
fn easter(y: i32) -> Option<NaiveDate> {
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The `n`th (1-based) weekday `wd` (1 = Monday) of a month.
fn nth_weekday(y: i32, m: u32, wd: u32, n: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let cur = first.weekday().number_from_monday();
    let offset = (wd + 7 - cur) % 7 + 7 * (n - 1);
    NaiveDate::from_ymd_opt(y, m, 1 + offset)
}

/// The date of a holiday in year `y` (United States holidays where countries differ).
pub fn holiday_date(h: Holiday, y: i32) -> Option<NaiveDate> {
    if let Some(d) = h.fixed_day() {
        return NaiveDate::from_ymd_opt(y, h.month(), d);
    }
    match h {
        Holiday::Easter => easter(y),
        // The last Monday of May.
        Holiday::MemorialDay => nth_weekday(y, 5, 1, 5).or_else(|| nth_weekday(y, 5, 1, 4)),
        Holiday::LaborDay => nth_weekday(y, 9, 1, 1),
        // The Tuesday after the first Monday of November.
        Holiday::ElectionDay => nth_weekday(y, 11, 1, 1).and_then(|d| add_days(d, 1)),
        Holiday::Thanksgiving => nth_weekday(y, 11, 4, 4),
        Holiday::BlackFriday => nth_weekday(y, 11, 4, 4).and_then(|d| add_days(d, 1)),
        Holiday::CyberMonday => nth_weekday(y, 11, 4, 4).and_then(|d| add_days(d, 4)),
        Holiday::GoodFriday => easter(y).and_then(|d| add_days(d, -2)),
        // The second Sunday of May, the third Sunday of June (United States).
        Holiday::MothersDay => nth_weekday(y, 5, 7, 2),
        Holiday::FathersDay => nth_weekday(y, 6, 7, 3),
        // The third Monday of February, the second Monday of October.
        Holiday::PresidentsDay => nth_weekday(y, 2, 1, 3),
        Holiday::ColumbusDay => nth_weekday(y, 10, 1, 2),
        _ => None,
    }
}

/// The occurrence of a holiday near the anchor: the latest on or before it when the
/// sentence looks back, the first on or after it when it looks ahead, else the
/// closest.
pub fn holiday_near(anchor: NaiveDate, h: Holiday, lean: Lean) -> Option<NaiveDate> {
    let y = anchor.year();
    let all: Vec<NaiveDate> = [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|y| holiday_date(h, y))
        .collect();
    match lean {
        Lean::Past => all.into_iter().filter(|d| *d <= anchor).max(),
        Lean::Future => all.into_iter().filter(|d| *d >= anchor).min(),
        Lean::Either => all
            .into_iter()
            .min_by_key(|d| (d.signed_duration_since(anchor).num_days().abs(), *d)),
    }
}

/// The date of a weekday (1 = Monday) near the anchor. `step` -1 for "last Friday"
/// (strictly before), 1 for "next Friday" (strictly after), 0 to follow the lean.
pub fn weekday_near(anchor: NaiveDate, wd: u32, step: i32, lean: Lean) -> Option<NaiveDate> {
    let cur = anchor.weekday().number_from_monday() as i64;
    let wd = i64::from(wd);
    let back = (cur - wd).rem_euclid(7); // days back to the latest such weekday
    let fwd = (wd - cur).rem_euclid(7);
    let offset = match (step, lean) {
        (s, _) if s < 0 => -(if back == 0 { 7 } else { back }),
        (s, _) if s > 0 => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        (_, Lean::Future) => fwd,
        _ => -back,
    };
    add_days(anchor, offset)
}

#[cfg(test)]
mod tests {
    #[test]
    fn written_values_match_format() {
        use super::*;
        for y in [
            -10_000,
            -1,
            0,
            7,
            42,
            999,
            1000,
            1998,
            2024,
            9999,
            10_000,
            i32::MAX,
        ] {
            let want = if (0..=9999).contains(&y) {
                format!("{y:04}")
            } else {
                "XXXX".to_string()
            };
            assert_eq!(fmt_year(y), want);
            for m in [0, 1, 9, 10, 12, 99, 100, 1234] {
                assert_eq!(fmt_month(y, m), format!("{want}-{m:02}"));
            }
        }
        for (y, m, d) in [(1998, 1, 9), (2024, 2, 29), (0, 12, 31), (9999, 10, 1)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(fmt_day(date), format!("{y:04}-{m:02}-{d:02}"));
        }
    }

    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("valid test date")
    }

    #[test]
    fn last_week_on_1998_03_01_is_week_8() {
        assert_eq!(
            relative(d(1998, 3, 1), Unit::Week, -1).as_deref(),
            Some("1998-W08")
        );
    }

    #[test]
    fn the_fourth_quarter_seen_from_january_1998_is_1997_q4() {
        assert_eq!(
            relative(d(1998, 1, 26), Unit::Quarter, -1).as_deref(),
            Some("1997-Q4")
        );
    }

    #[test]
    fn said_on_9_may_seen_from_march_2025_is_2024() {
        assert_eq!(year_for(d(2025, 3, 1), 5, Lean::Past), 2024);
        assert_eq!(year_for(d(2025, 3, 1), 5, Lean::Future), 2025);
        // Without tense, December seen from August is last year's.
        assert_eq!(year_for(d(1990, 8, 16), 12, Lean::Either), 1989);
    }

    #[test]
    fn holidays_of_2013() {
        assert_eq!(holiday_date(Holiday::Easter, 2013), Some(d(2013, 3, 31)));
        assert_eq!(holiday_date(Holiday::Easter, 2025), Some(d(2025, 4, 20)));
        assert_eq!(
            holiday_date(Holiday::Thanksgiving, 2013),
            Some(d(2013, 11, 28))
        );
        assert_eq!(
            holiday_date(Holiday::MemorialDay, 2013),
            Some(d(2013, 5, 27))
        );
        assert_eq!(holiday_date(Holiday::LaborDay, 2013), Some(d(2013, 9, 2)));
        assert_eq!(
            holiday_date(Holiday::BlackFriday, 2013),
            Some(d(2013, 11, 29))
        );
        assert_eq!(
            holiday_date(Holiday::CyberMonday, 2013),
            Some(d(2013, 12, 2))
        );
        assert_eq!(
            holiday_date(Holiday::GoodFriday, 2013),
            Some(d(2013, 3, 29))
        );
        assert_eq!(
            holiday_date(Holiday::MothersDay, 2013),
            Some(d(2013, 5, 12))
        );
        assert_eq!(
            holiday_date(Holiday::FathersDay, 2013),
            Some(d(2013, 6, 16))
        );
        assert_eq!(
            holiday_date(Holiday::PresidentsDay, 2013),
            Some(d(2013, 2, 18))
        );
        assert_eq!(
            holiday_date(Holiday::ColumbusDay, 2013),
            Some(d(2013, 10, 14))
        );
        assert_eq!(
            holiday_date(Holiday::ElectionDay, 2012),
            Some(d(2012, 11, 6))
        );
        assert_eq!(
            holiday_date(Holiday::ElectionDay, 2016),
            Some(d(2016, 11, 8))
        );
        assert_eq!(
            holiday_date(Holiday::Christmas, 2013),
            Some(d(2013, 12, 25))
        );
    }

    #[test]
    fn christmas_seen_from_january_looks_back_unless_the_verb_looks_ahead() {
        let jan = d(2014, 1, 10);
        assert_eq!(
            holiday_near(jan, Holiday::Christmas, Lean::Past),
            Some(d(2013, 12, 25))
        );
        assert_eq!(
            holiday_near(jan, Holiday::Christmas, Lean::Either),
            Some(d(2013, 12, 25))
        );
        assert_eq!(
            holiday_near(jan, Holiday::Christmas, Lean::Future),
            Some(d(2014, 12, 25))
        );
    }

    #[test]
    fn no_29_february_2015() {
        assert!(!valid_day(Some(2015), 2, 29));
        assert!(valid_day(Some(2016), 2, 29));
        assert!(!valid_day(None, 13, 1));
    }

    #[test]
    fn last_friday_seen_from_monday_30_october_1989_is_the_27th() {
        assert_eq!(
            weekday_near(d(1989, 10, 30), 5, -1, Lean::Past),
            Some(d(1989, 10, 27))
        );
        assert_eq!(
            weekday_near(d(1998, 3, 1), 7, 0, Lean::Past),
            Some(d(1998, 3, 1))
        );
    }
}
