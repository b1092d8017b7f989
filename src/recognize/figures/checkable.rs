//! Which figures a desk would check: the `checkable` flag of every figure.
//!
//! CLAIMS.md ("Figures") is the definition: a figure is not checkable when it is a small
//! count of a set the text itself names or ranks ("all three attacks", "the nation's
//! two largest unions", "along two tracks: …"), a list marker ("one, his temperament,
//! and two, his language") or a margin of error ("plus or minus 4 percentage points").
//! What is not a figure at all (years, ages, phone numbers, numbers inside names and
//! identifiers) is never emitted, so it needs no flag; the rules here only mark figures
//! that are real quantities but that nobody would look up.

use super::lex::Kind;
use super::{Parser, Quant};

/// A small count of things the sentence names, ranks or has named before.
pub const SMALL_COUNT: &str = "small count";
/// A number that numbers the items of a list rather than counting anything.
pub const LIST_MARKER: &str = "list marker";
/// The margin of error of a poll or a measurement, meaningless without its estimate.
pub const MARGIN_OF_ERROR: &str = "margin of error";

/// Every reason a figure can be not checkable.
pub const REASONS: [&str; 3] = [SMALL_COUNT, LIST_MARKER, MARGIN_OF_ERROR];

/// Words before a count that make it refer to a set already named ("all three
/// attacks", "the two men"). Possessives are not among them: "his six corporate
/// bankruptcies" is news.
const DEFINITE: &[&str] = &["all", "both", "the", "these", "those"];

/// The largest count written in words that the small-count rules consider (news style
/// writes one to nine in words).
const SMALL: u64 = 9;

impl Parser<'_> {
    /// Why a desk would not check the figure `q`, or `None` when it would.
    pub(super) fn not_checkable(&self, q: &Quant) -> Option<&'static str> {
        if q.margin || self.after_margin_of_error(q.start) {
            return Some(MARGIN_OF_ERROR);
        }
        let small = q.words
            && q.bare
            && q.value
                .as_ref()
                .and_then(|v| v.to_u64())
                .is_some_and(|v| (1..=SMALL).contains(&v));
        if !small {
            return None;
        }
        if self.list_marker(q) {
            return Some(LIST_MARKER);
        }
        if self.definite_or_ranked(q) || self.announces_a_list(q) {
            return Some(SMALL_COUNT);
        }
        None
    }

    /// "a margin of error of 3 points", "the margin of sampling error is 4.5 percentage
    /// points", "an error margin of 2 percent": the figure follows "margin" and "error"
    /// within its clause (an operating margin is news).
    fn after_margin_of_error(&self, s: usize) -> bool {
        let lo = s.saturating_sub(7);
        let (mut margin, mut error) = (false, false);
        for k in (lo..s).rev() {
            if matches!(self.punct(k), Some('.') | Some(',') | Some(';') | Some(':')) {
                break;
            }
            margin |= self.is_word(k, "margin") || self.is_word(k, "margins");
            error |= self.is_word(k, "error") || self.is_word(k, "errors");
        }
        margin && error
    }

    /// "is, one, his temperament, and two, his language": a number word between a
    /// comma (or "and", "or", a colon) and a comma or colon counts nothing.
    fn list_marker(&self, q: &Quant) -> bool {
        let before = q.start == 0
            || matches!(self.punct(q.start - 1), Some(',') | Some(':') | Some('('))
            || self.is_word(q.start - 1, "and")
            || self.is_word(q.start - 1, "or");
        let after = matches!(self.punct(q.end), Some(',') | Some(':') | Some(')'));
        before && after
    }

    /// "all three attacks", "the nation's two largest teachers unions", "between two
    /// autocracies": the count picks out or pairs things the text names; it is not news.
    fn definite_or_ranked(&self, q: &Quant) -> bool {
        let s = q.start;
        if s > 0 && (self.word_in(s - 1, DEFINITE) || self.is_word(s - 1, "between")) {
            return true;
        }
        // A count before a superlative ranks ("three largest counties", "two most
        // populous states").
        self.word(q.end).is_some_and(|w| {
            let lower = w.as_bytes().first().is_some_and(u8::is_ascii_lowercase);
            lower && ((w.len() >= 5 && w.ends_with("est")) || w.eq_ignore_ascii_case("most"))
        })
    }

    /// "along two tracks: the series of … and the …": the count announces the list
    /// that follows it, which is its own check.
    fn announces_a_list(&self, q: &Quant) -> bool {
        let Some(subject) = q.subject else {
            return false;
        };
        let mut k = q.end;
        while self
            .tok(k)
            .is_some_and(|t| t.kind == Kind::Word && t.end() <= subject.end)
        {
            k += 1;
        }
        k > q.end && matches!(self.punct(k), Some(':') | Some('—'))
    }
}
