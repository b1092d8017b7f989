//! Which figures a desk would check: the `checkable` flag of every figure.
//!
//! CLAIMS.md ("Figures") is the definition: a figure is not checkable when it is a small
//! count of a set the text itself names or ranks ("all three attacks", "the nation's
//! two largest unions", "along two tracks: …"), a list marker ("one, his temperament,
//! and two, his language"), a margin of error ("plus or minus 4 percentage points") or
//! a bound that selects a group ("super PACs that have raised $1 million or more").
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

/// A bound that picks out a group ("super PACs that have raised $1 million or more"):
/// a criterion of the sentence, not a quantity it reports.
pub const THRESHOLD: &str = "selection threshold";

/// Every reason a figure can be not checkable.
pub const REASONS: [&str; 4] = [SMALL_COUNT, LIST_MARKER, MARGIN_OF_ERROR, THRESHOLD];

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
        if self.selection_threshold(q) {
            return Some(THRESHOLD);
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
        if self.definite_or_ranked(q) || self.announces_a_list(q) || self.family_size(q) {
            return Some(SMALL_COUNT);
        }
        None
    }

    /// "a father of seven", "who has four children": the size of someone's family is a
    /// detail of a portrait, not a figure a desk would look up.
    fn family_size(&self, q: &Quant) -> bool {
        const KIN: &[&str] = &[
            "children",
            "kids",
            "grandchildren",
            "sons",
            "daughters",
            "siblings",
            "brothers",
            "sisters",
        ];
        const PARENTS: &[&str] = &["father", "mother", "parent", "grandmother", "grandfather"];
        // "has four children", not "four children were hurt".
        let kin_after = self.word_in(q.end, KIN)
            && q.start >= 1
            && self.word_in(
                q.start - 1,
                &["has", "had", "have", "having", "raising", "raised"],
            );
        let parent_of =
            q.start >= 2 && self.is_word(q.start - 1, "of") && self.word_in(q.start - 2, PARENTS);
        kin_after || parent_of
    }

    /// "a margin of error of 3 points", "the margin of sampling error is 4.5 percentage
    /// points", "an error margin of 2 percent": the figure follows "margin" and "error"
    /// within its clause (an operating margin is news).
    fn after_margin_of_error(&self, s: usize) -> bool {
        let lo = s.saturating_sub(7);
        let (mut margin, mut error) = (false, false);
        for k in (lo..s).rev() {
            let Some(w) = self.word(k) else {
                if matches!(self.punct(k), Some('.') | Some(',') | Some(';') | Some(':')) {
                    break;
                }
                continue;
            };
            // Most words are neither: one length test turns them away.
            if !(5..=7).contains(&w.len()) {
                continue;
            }
            let w = w.strip_suffix('s').unwrap_or(w);
            margin |= w.eq_ignore_ascii_case("margin");
            error |= w.eq_ignore_ascii_case("error");
        }
        margin && error
    }

    /// "super PACs that have raised $1 million or more", "households with incomes of
    /// $200,000 or more": an open bound inside a relative or "with" phrase defines the
    /// group the sentence is about.
    fn selection_threshold(&self, q: &Quant) -> bool {
        const OPEN: &[&str] = &[
            "more", "less", "fewer", "higher", "lower", "above", "below", "greater", "over",
            "older", "younger", "longer",
        ];
        let open = (self.is_word(q.end, "or") && self.word_in(q.end + 1, OPEN))
            || (self.is_word(q.end, "and") && self.word_in(q.end + 1, &["up", "above", "over"]));
        if !open {
            return false;
        }
        let lo = q.start.saturating_sub(6);
        for k in (lo..q.start).rev() {
            if self.punct(k).is_some() {
                return false;
            }
            if self.word_in(k, &["that", "who", "which", "whose", "with"]) {
                return true;
            }
        }
        false
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

    /// "along two tracks: the series of … and the …", "Two Democrats, billionaire Tom
    /// Steyer and Fred Eychaner, gave …": the count announces the list that follows
    /// it, which is its own check.
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
        if k == q.end {
            return false;
        }
        match self.punct(k) {
            Some(':') | Some('—') => true,
            // Named members in apposition: "Name … and … Name" before the next comma.
            Some(',') => {
                let capital = |j: &usize| {
                    self.word(*j)
                        .is_some_and(|w| w.as_bytes()[0].is_ascii_uppercase())
                };
                let end = (k + 1..k + 18)
                    .find(|&j| self.punct(j) == Some(',') || self.tok(j).is_none())
                    .unwrap_or(k + 1);
                (k + 2..end).any(|a| {
                    self.is_word(a, "and")
                        && (k + 1..a).any(|j| capital(&j))
                        && (a + 1..end).any(|j| capital(&j))
                })
            }
            _ => false,
        }
    }
}
