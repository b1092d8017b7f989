//! Context rules that turn a parsed number away as no figure at all: the days of a date
//! range, ages said in a clause, the area code of a phone number, numbers that label
//! a thing rather than count it. Each returns true (or the token to resume at) when
//! its construct is found; [`Parser::not_a_figure`] calls them in turn.

use super::lex::Kind;
use super::words;
use super::{Parser, Quant, SUBJECT_STOP_SET};

/// Personal pronouns that an age follows in "when he was 5".
const PERSONS: &[&str] = &["i", "he", "she", "you", "we", "they"];

/// Conjunctions that open a clause whose subject may be a name ("when Smith was 5").
const CLAUSE_OPENERS: &[&str] = &["when", "since", "until", "while", "before", "after", "as"];

/// Numbered names whose number comes before a common noun, so that no capital shows
/// them ("529 plans", the US college savings plans named for the tax code's section).
const NUMBERED_NAMES: &[(u64, &str)] = &[(529, "plan")];

impl Parser<'_> {
    /// "September 16-19", "Sept. 19 to 22", "16-19 June": a range of days next to a month
    /// is a date range.
    pub(super) fn day_range(&self, q: &Quant) -> bool {
        let day = |d: &Option<crate::decimal::Decimal>| {
            d.as_ref()
                .and_then(|v| v.to_u64())
                .is_some_and(|v| (1..=31).contains(&v))
        };
        if q.unit.is_some() || !day(&q.low) || !day(&q.high) {
            return false;
        }
        let s = q.start;
        let month_before = s >= 1
            && (self.word(s - 1).is_some_and(words::is_month)
                || (s >= 2
                    && self.punct(s - 1) == Some('.')
                    && self.word(s - 2).is_some_and(words::is_month)));
        let month_after = self.word(q.end).is_some_and(words::is_month)
            || (self.is_word(q.end, "of") && self.word(q.end + 1).is_some_and(words::is_month));
        month_before || month_after
    }

    /// Ages said in a clause: "she turned 9", "when he was 5", "Sarah and Timothy Rogers,
    /// 27 and 29 years old". The token to resume at.
    pub(super) fn age_in_clause(&self, q: &Quant) -> Option<usize> {
        let (s, e) = (q.start, q.end);
        let age = q.bare
            && q.value
                .as_ref()
                .and_then(|v| v.to_u64())
                .is_some_and(|v| (1..=120).contains(&v));
        if !age || s == 0 {
            return None;
        }
        // Nothing counted after it: the clause ends or goes on without a noun.
        let ends = match self.word(e) {
            None => true,
            Some(w) => SUBJECT_STOP_SET.contains(w) || words::is_time_unit(w),
        };
        if self.word_in(s - 1, &["turned", "turns", "turning"]) && ends {
            return Some(e);
        }
        if self.word_in(s - 1, &["was", "is", "were", "are"]) && s >= 2 && ends {
            let person = self.word_in(s - 2, PERSONS)
                || (s >= 3
                    && self
                        .word(s - 2)
                        .is_some_and(|w| w.as_bytes()[0].is_ascii_uppercase())
                    && self.word_in(s - 3, CLAUSE_OPENERS));
            if person && !self.is_word(e, "percent") {
                return Some(e);
            }
        }
        // "27 and 29 years old", "27 and 29-year-old": the first age of a pair.
        if self.word_in(e, &["and", "or", "to"]) || self.punct(e) == Some(',') {
            let n = e + 1;
            let number = self.lit(n).is_some() || matches!(self.class(n), words::WClass::Card(_));
            let dash = usize::from(self.is_dash(n + 1));
            let year = self.word_in(n + 1 + dash, &["years", "year"]);
            let old = self.is_word(n + 2 + dash, "old")
                || (self.is_dash(n + 2 + dash) && self.word_in(n + 3 + dash, &["old", "olds"]));
            if number && year && old {
                return Some(e);
            }
        }
        None
    }

    /// "(212) 555-0100": the area code before a phone number (which the lexer keeps
    /// whole as an identifier).
    pub(super) fn phone_area_code(&self, q: &Quant) -> bool {
        let s = q.start;
        s >= 1
            && self.punct(s - 1) == Some('(')
            && self
                .lit(s)
                .is_some_and(|l| l.int_digits == 3 && l.plain.is_some())
            && q.end == s + 1
            && self.punct(q.end) == Some(')')
            && self.tok(q.end + 1).is_some_and(|t| t.kind == Kind::Opaque)
    }

    /// "a 911 caller", "a 737 jet", "529 plans": a number that labels the noun after it
    /// rather than counting it. A count above one takes a plural noun; a singular noun
    /// after "a" and a number shows a label.
    pub(super) fn label_before_noun(&self, q: &Quant) -> bool {
        let Some(v) = q.plain.filter(|_| q.bare) else {
            return false;
        };
        let s = q.start;
        // "401(k)", "501(c)": a section of a code.
        if self.punct(q.end) == Some('(')
            && self.adjacent(q.end)
            && self.word(q.end + 1).is_some_and(|w| w.len() == 1)
            && self.punct(q.end + 2) == Some(')')
        {
            return true;
        }
        let Some(next) = self.word(q.end) else {
            return false;
        };
        if NUMBERED_NAMES.iter().any(|&(n, noun)| {
            n == v
                && next
                    .get(..noun.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(noun))
        }) {
            return true;
        }
        let singular_noun = next.len() >= 3
            && next.as_bytes()[0].is_ascii_lowercase()
            && !next.ends_with('s')
            && !SUBJECT_STOP_SET.contains(next)
            && !next.ends_with("ly")
            && !words::is_time_unit(next)
            && self.class(q.end) == words::WClass::None
            && !self.word_in(q.end, &["point", "percentage", "to", "or", "and"]);
        v >= 2 && s >= 1 && self.word_in(s - 1, &["a", "an"]) && singular_noun
    }
}
