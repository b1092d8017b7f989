//! Re-anchoring: where a claim of an old version of an article is in the new version.
//!
//! A claim is remembered by its code-point span and a W3C Web Annotation
//! `TextQuoteSelector` (<https://www.w3.org/TR/annotation-model/#text-quote-selector>):
//! the exact quote and up to [`CONTEXT_CHARS`] characters of context on each side. On a
//! new text the claim is placed, in this order:
//!
//! 1. **position**: the quote is still at the same code-point span;
//! 2. **exact quote**: the quote occurs elsewhere; between repeats the one whose prefix and
//!    suffix agree best with the remembered context wins, then the one nearest the old
//!    position;
//! 3. **fuzzy**: the most similar sentence or clause of the new text (normalised
//!    Levenshtein similarity, `strsim`), accepted only at [`MIN_FUZZY_SCORE`] or above;
//! 4. otherwise the claim is an **orphan**: it keeps its history and waits for a person.
//!
//! The module is pure: it reads texts and returns spans; the store applies the result.
//! Nothing is placed on text that only looks alike: a rewritten sentence that falls below
//! the minimum is an orphan rather than a guess.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::segment;
use crate::span::{CharSpan, OffsetIndex, Span};

/// Characters of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// The least normalised Levenshtein similarity (0–1) at which a changed sentence still
/// counts as the claim. 0.8 accepts a changed word or figure in a sentence of some
/// length ("600,000" → "650,000" in a 60-character sentence scores about 0.97) and
/// refuses sentences that only share a frame ("The census counted 600,000 Azerbaijanis"
/// against "The survey counted 2 million Armenians" scores about 0.6).
pub const MIN_FUZZY_SCORE: f64 = 0.8;

/// A W3C `TextQuoteSelector`: the quote and its context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteSelector {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

impl QuoteSelector {
    /// The selector of the code-point span `span` of `text`, or `None` when the span does
    /// not fit the text.
    pub fn of(text: &str, idx: &OffsetIndex, span: CharSpan) -> Option<QuoteSelector> {
        let bytes = idx.byte_span(span)?;
        let exact = text.get(bytes.start..bytes.end)?.to_string();
        let pre_start = idx.to_byte(span.start.saturating_sub(CONTEXT_CHARS))?;
        let post_end = idx.to_byte(span.end.saturating_add(CONTEXT_CHARS).min(idx.char_len()))?;
        Some(QuoteSelector {
            exact,
            prefix: text.get(pre_start..bytes.start)?.to_string(),
            suffix: text.get(bytes.end..post_end)?.to_string(),
        })
    }
}

/// How a claim was placed on the new text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Position,
    ExactQuote,
    Fuzzy,
}

impl Method {
    pub fn as_str(&self) -> &'static str {
        match self {
            Method::Position => "position",
            Method::ExactQuote => "exact quote",
            Method::Fuzzy => "fuzzy",
        }
    }
}

/// The outcome of re-anchoring one claim.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Placement {
    /// The claim's new code-point span; `score` is 1 for position and exact matches and
    /// the similarity for fuzzy ones.
    Placed {
        span: CharSpan,
        method: Method,
        score: f64,
    },
    /// No place good enough; `best_score` is the best similarity seen (0 when none).
    Orphan { best_score: f64 },
}

/// A new text prepared for placing many claims: offsets and fuzzy candidates are
/// computed once, not per claim.
pub struct Target<'t> {
    text: &'t str,
    idx: OffsetIndex,
    /// Sentences and their clauses (split at semicolons), the units a claim spans.
    candidates: Vec<Span>,
}

impl<'t> Target<'t> {
    pub fn new(text: &'t str) -> Target<'t> {
        let seg = segment::segment(text);
        let mut candidates = Vec::with_capacity(seg.sentences.len());
        for s in &seg.sentences {
            candidates.push(s.span);
            let body = s.span.slice(text);
            if body.contains(';') {
                let mut from = 0;
                for (i, _) in body.match_indices(';') {
                    let clause = Span::new(s.span.start + from, s.span.start + i + 1).trim(text);
                    if !clause.is_empty() {
                        candidates.push(clause);
                    }
                    from = i + 1;
                }
                let rest = Span::new(s.span.start + from, s.span.end).trim(text);
                if !rest.is_empty() {
                    candidates.push(rest);
                }
            }
        }
        Target {
            text,
            idx: OffsetIndex::new(text),
            candidates,
        }
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    pub fn index(&self) -> &OffsetIndex {
        &self.idx
    }

    /// Places a claim last seen at code-point span `old` with selector `sel`.
    pub fn place(&self, old: CharSpan, sel: &QuoteSelector) -> Placement {
        self.place_excluding(old, sel, &HashSet::new())
    }

    /// Whether the quote is still at its old position (the first, cheapest test).
    pub fn at_position(&self, old: CharSpan, sel: &QuoteSelector) -> bool {
        !sel.exact.is_empty()
            && self
                .idx
                .byte_span(old)
                .is_some_and(|b| b.slice(self.text) == sel.exact)
    }

    /// [`Target::place`], never on a span in `taken` (code-point start, end): when two
    /// claims of the old text compete for one place in the new one (a repeated paragraph
    /// lost a copy), the first keeps it and the other looks elsewhere or is an orphan.
    pub fn place_excluding(
        &self,
        old: CharSpan,
        sel: &QuoteSelector,
        taken: &HashSet<(usize, usize)>,
    ) -> Placement {
        if sel.exact.is_empty() {
            return Placement::Orphan { best_score: 0.0 };
        }
        let free = |c: CharSpan| !taken.contains(&(c.start, c.end));
        if self.at_position(old, sel) && free(old) {
            return Placement::Placed {
                span: old,
                method: Method::Position,
                score: 1.0,
            };
        }
        let hits: Vec<Span> = self
            .text
            .match_indices(sel.exact.as_str())
            .map(|(i, m)| Span::new(i, i + m.len()))
            .filter(|&s| free(self.idx.char_span(s)))
            .collect();
        if let Some(best) = self.best_by_context(&hits, old, sel) {
            return Placement::Placed {
                span: self.idx.char_span(best),
                method: Method::ExactQuote,
                score: 1.0,
            };
        }
        self.fuzzy(old, sel, &free)
    }

    /// Among spans, the one whose context agrees most with `sel`, then nearest to `old`.
    fn best_by_context(&self, spans: &[Span], old: CharSpan, sel: &QuoteSelector) -> Option<Span> {
        spans.iter().copied().max_by_key(|&s| {
            let c = self.idx.char_span(s);
            (
                self.context_agreement(s, sel),
                std::cmp::Reverse(c.start.abs_diff(old.start)),
            )
        })
    }

    /// Characters of remembered context that the text around `s` repeats: the common
    /// tail of the prefixes plus the common head of the suffixes.
    fn context_agreement(&self, s: Span, sel: &QuoteSelector) -> usize {
        let before = self.text.get(..s.start).unwrap_or("");
        let after = self.text.get(s.end..).unwrap_or("");
        let tail = before
            .chars()
            .rev()
            .zip(sel.prefix.chars().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let head = after
            .chars()
            .zip(sel.suffix.chars())
            .take_while(|(a, b)| a == b)
            .count();
        tail + head
    }

    fn fuzzy(
        &self,
        old: CharSpan,
        sel: &QuoteSelector,
        free: &dyn Fn(CharSpan) -> bool,
    ) -> Placement {
        let want = sel.exact.chars().count();
        let mut best: Option<(f64, usize, std::cmp::Reverse<usize>, Span)> = None;
        let mut best_score = 0.0f64;
        for &cand in &self.candidates {
            let body = cand.slice(self.text);
            let len = body.chars().count();
            // Similarity can reach the minimum only when the lengths are close enough.
            if (len.min(want) as f64) < MIN_FUZZY_SCORE * len.max(want) as f64 {
                continue;
            }
            if !free(self.idx.char_span(cand)) {
                continue;
            }
            let score = strsim::normalized_levenshtein(&sel.exact, body);
            best_score = best_score.max(score);
            if score < MIN_FUZZY_SCORE {
                continue;
            }
            let c = self.idx.char_span(cand);
            let key = (
                score,
                self.context_agreement(cand, sel),
                std::cmp::Reverse(c.start.abs_diff(old.start)),
                cand,
            );
            let better = match &best {
                None => true,
                Some(b) => (key.0, key.1, key.2) > (b.0, b.1, b.2),
            };
            if better {
                best = Some(key);
            }
        }
        match best {
            Some((score, _, _, span)) => Placement::Placed {
                span: self.idx.char_span(span),
                method: Method::Fuzzy,
                score,
            },
            None => Placement::Orphan { best_score },
        }
    }
}

/// Re-anchors one claim: `span` is its code-point span in `old_text`.
pub fn reanchor(old_text: &str, span: CharSpan, new_text: &str) -> Placement {
    let idx = OffsetIndex::new(old_text);
    match QuoteSelector::of(old_text, &idx, span) {
        Some(sel) => Target::new(new_text).place(span, &sel),
        None => Placement::Orphan { best_score: 0.0 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const OLD: &str = "Moscow and Baku traded accusations.\n\
        The census counted 600,000 Azerbaijanis in Russia. Putin claimed the number was closer to 2 million.\n\
        Talks resumed in Washington.";

    fn span_of(text: &str, needle: &str) -> CharSpan {
        let b = text.find(needle).expect("needle in text");
        OffsetIndex::new(text).char_span(Span::new(b, b + needle.len()))
    }

    fn slice(text: &str, c: CharSpan) -> String {
        text.chars().skip(c.start).take(c.end - c.start).collect()
    }

    const CLAIM: &str = "The census counted 600,000 Azerbaijanis in Russia.";

    #[test]
    fn unchanged_census_sentence_stays_by_position() {
        let old = span_of(OLD, CLAIM);
        let p = reanchor(OLD, old, &format!("{OLD}\nA new closing line."));
        assert_eq!(
            p,
            Placement::Placed {
                span: old,
                method: Method::Position,
                score: 1.0
            }
        );
    }

    #[test]
    fn paragraph_inserted_before_census_moves_by_exact_quote() {
        let new = OLD.replacen(
            '\n',
            "\nAn editor’s note was added here, with a “curly” quote.\n",
            1,
        );
        let p = reanchor(OLD, span_of(OLD, CLAIM), &new);
        let Placement::Placed { span, method, .. } = p else {
            panic!("not placed: {p:?}")
        };
        assert_eq!(method, Method::ExactQuote);
        assert_eq!(slice(&new, span), CLAIM);
    }

    #[test]
    fn census_figure_corrected_to_650_000_moves_by_fuzzy_match() {
        let new = OLD.replace("600,000", "650,000");
        let p = reanchor(OLD, span_of(OLD, CLAIM), &new);
        let Placement::Placed {
            span,
            method,
            score,
        } = p
        else {
            panic!("not placed: {p:?}")
        };
        assert_eq!(method, Method::Fuzzy);
        assert!((MIN_FUZZY_SCORE..1.0).contains(&score), "{score}");
        assert_eq!(
            slice(&new, span),
            "The census counted 650,000 Azerbaijanis in Russia."
        );
    }

    #[test]
    fn deleted_census_sentence_is_an_orphan_not_a_look_alike() {
        let new = OLD.replace(CLAIM, "The survey counted 2 million Armenians in Russia.");
        let p = reanchor(OLD, span_of(OLD, CLAIM), &new);
        assert!(matches!(p, Placement::Orphan { .. }), "{p:?}");
    }

    #[test]
    fn duplicated_paragraph_keeps_the_first_copy_by_context() {
        let para = OLD.lines().nth(1).expect("second line");
        let new = OLD.replace(para, &format!("{para}\n{para}"));
        let old = span_of(OLD, CLAIM);
        let p = reanchor(OLD, old, &new);
        let Placement::Placed { span, method, .. } = p else {
            panic!("not placed: {p:?}")
        };
        assert_eq!(method, Method::Position);
        assert_eq!(span, old);
        // When the first copy is edited away the claim follows the remaining copy.
        let moved = new.replacen(CLAIM, "Figures vary.", 1);
        let p = reanchor(OLD, old, &moved);
        let Placement::Placed { span, method, .. } = p else {
            panic!("not placed: {p:?}")
        };
        assert_eq!(method, Method::ExactQuote);
        assert_eq!(slice(&moved, span), CLAIM);
    }

    #[test]
    fn repeated_quote_goes_to_the_copy_whose_context_matches() {
        let old = "Intro. He said 5%. Middle text here. Outro said 5%. End.";
        let claim = span_of(old, "Outro said 5%.");
        // "said 5%." repeats; the selector context picks the second.
        let sel_span = CharSpan {
            start: claim.start + 6,
            end: claim.end,
        };
        let new = format!("Preface. {old}");
        let p = reanchor(old, sel_span, &new);
        let Placement::Placed { span, .. } = p else {
            panic!("not placed: {p:?}")
        };
        assert_eq!(span.start, sel_span.start + "Preface. ".len());
    }

    #[test]
    fn census_line_repeated_then_cut_once_does_not_carry_two_claims() {
        let old = format!("{CLAIM}\n{CLAIM}\nTalks resumed.");
        let new = format!("{CLAIM}\nTalks resumed.");
        let idx = OffsetIndex::new(&old);
        let len = CLAIM.chars().count();
        let first = CharSpan { start: 0, end: len };
        let second = CharSpan {
            start: len + 1,
            end: 2 * len + 1,
        };
        let target = Target::new(&new);
        let sel = |c| QuoteSelector::of(&old, &idx, c).expect("fits");
        assert!(target.at_position(first, &sel(first)));
        let taken = HashSet::from([(first.start, first.end)]);
        let p = target.place_excluding(second, &sel(second), &taken);
        assert!(matches!(p, Placement::Orphan { .. }), "{p:?}");
        // Alone, the second copy's claim would have been placed on the survivor.
        assert!(matches!(
            target.place(second, &sel(second)),
            Placement::Placed { .. }
        ));
    }

    #[test]
    fn span_outside_old_text_is_an_orphan() {
        let p = reanchor("short", CharSpan { start: 2, end: 99 }, "short");
        assert!(matches!(p, Placement::Orphan { .. }));
    }

    #[test]
    fn selector_keeps_32_characters_of_context_in_code_points() {
        let text =
            "Baku’s unwillingness ".repeat(4) + "to let the incident slide" + &"é".repeat(40);
        let idx = OffsetIndex::new(&text);
        let sel = QuoteSelector::of(&text, &idx, span_of(&text, "to let the incident slide"))
            .expect("fits");
        assert_eq!(sel.prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(sel.suffix, "é".repeat(CONTEXT_CHARS));
    }

    proptest! {
        #[test]
        fn placements_are_on_char_boundaries_inside_the_new_text(
            old in "\\PC{0,120}", new in "\\PC{0,120}", a in 0usize..130, len in 0usize..40,
        ) {
            let span = CharSpan { start: a, end: a + len };
            if let Placement::Placed { span, .. } = reanchor(&old, span, &new) {
                let idx = OffsetIndex::new(&new);
                let b = idx.byte_span(span).expect("placed span fits");
                prop_assert!(new.is_char_boundary(b.start) && new.is_char_boundary(b.end));
                prop_assert!(b.end <= new.len());
            }
        }
    }
}
