//! One word list per sentence: its words with their byte offsets and word-class bits,
//! built once and read by every stage that looks at words (assertion analysis, the
//! claim word lists, check-worthiness).
//!
//! A word is a maximal run of alphanumeric characters, as [`crate::bytescan::words`]
//! finds them. The words of any part of a sentence are read off its list: the words
//! inside the part, with a word the part's edge cuts reduced to its piece inside (a piece
//! of such a run is a run of the part), so no stage tokenises a clause again. The class
//! bits are [`crate::assertion`]'s, looked up once per word.

use std::borrow::Cow;

use crate::span::Span;

/// A word of a document: its byte offsets in the document's text and its classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// [`crate::assertion::word_class`] of the word.
    pub class: u64,
}

impl Word {
    fn new(text: &str, start: usize, end: usize) -> Word {
        Word {
            start,
            end,
            class: crate::assertion::word_class(text.get(start..end).unwrap_or("")),
        }
    }

    /// The word's text in the document's `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// The words of `span` of `text`, with offsets into `text`: the words
/// [`crate::bytescan::words`] finds in the span's text.
pub fn words(text: &str, span: Span) -> Vec<Word> {
    let end = span.end.min(text.len());
    // A start inside a character skips to the next one, as a scan over bytes would.
    let mut start = span.start;
    while start < end && !text.is_char_boundary(start) {
        start += 1;
    }
    let body = text.get(start..end).unwrap_or("");
    let mut out = Vec::with_capacity(span.len() / 6 + 1);
    out.extend(crate::bytescan::words(body).map(|w| {
        // A word is a slice of `body`: its offset is where it starts in it.
        let at = start + (w.as_ptr() as usize - body.as_ptr() as usize);
        Word::new(text, at, at + w.len())
    }));
    out
}

/// The words of `span`, given the words of a span of `text` that holds it: borrowed
/// from `words` when no word crosses an edge of `span`, else with the crossing words
/// cut to their piece inside it.
pub fn within<'w>(text: &str, words: &'w [Word], span: Span) -> Cow<'w, [Word]> {
    if span.is_empty() {
        return Cow::Borrowed(&[]);
    }
    let first = words.partition_point(|w| w.end <= span.start);
    let last = first + words[first..].partition_point(|w| w.start < span.end);
    let inside = &words[first..last];
    let cut = |w: &Word| w.start < span.start || w.end > span.end;
    if !inside.first().is_some_and(cut) && !inside.last().is_some_and(cut) {
        return Cow::Borrowed(inside);
    }
    Cow::Owned(
        inside
            .iter()
            .map(|w| {
                if cut(w) {
                    Word::new(text, w.start.max(span.start), w.end.min(span.end))
                } else {
                    *w
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of a part read off the sentence's list are those of the part itself.
    fn agrees(text: &str) {
        let all = words(text, Span::new(0, text.len()));
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (i, &a) in bounds.iter().enumerate() {
            for &b in &bounds[i..] {
                let span = Span::new(a, b);
                assert_eq!(
                    within(text, &all, span).into_owned(),
                    words(text, span),
                    "{:?}",
                    span.slice(text)
                );
            }
        }
    }

    #[test]
    fn the_words_of_a_clause_cut_mid_word_are_those_of_the_clause() {
        agrees("Revenue rose 21% to $243.4 million; Erdoğan’s profits fell.");
        agrees("He said: we were there, but you weren't");
    }

    #[test]
    fn a_clause_between_words_borrows_the_sentence_list() {
        let text = "Prices rose; wages fell.";
        let all = words(text, Span::new(0, text.len()));
        let clause = within(text, &all, Span::new(13, 24));
        assert!(matches!(clause, Cow::Borrowed(_)));
        let got: Vec<&str> = clause.iter().map(|w| w.slice(text)).collect();
        assert_eq!(got, ["wages", "fell"]);
    }

    /// The words as [`crate::bytescan::words`] splits the span's text.
    fn split(text: &str, span: Span) -> Vec<(usize, usize)> {
        let body = span.slice(text);
        crate::bytescan::words(body)
            .map(|w| {
                let start = span.start + (w.as_ptr() as usize - body.as_ptr() as usize);
                (start, start + w.len())
            })
            .collect()
    }

    #[test]
    fn naive_cafe_and_tokyo_are_words_as_the_splitter_finds_them() {
        let text = "all-time high, 32.1% of ½ the Ⅻ; naïve café 東京 ٣٤ e\u{301} ’quoted’ — dash…";
        let got: Vec<(usize, usize)> = words(text, Span::new(0, text.len()))
            .iter()
            .map(|w| (w.start, w.end))
            .collect();
        assert_eq!(got, split(text, Span::new(0, text.len())));
        assert!(got.len() > 10);
    }

    proptest::proptest! {
        #[test]
        fn words_are_those_of_the_splitter_on_any_text(t in "\\PC{0,64}", a in 0usize..70) {
            let a = crate::span::floor_char_boundary(&t, a);
            let span = Span::new(a, t.len());
            let got: Vec<(usize, usize)> = words(&t, span).iter().map(|w| (w.start, w.end)).collect();
            proptest::prop_assert_eq!(got, split(&t, span));
        }

        #[test]
        fn words_within_any_span_match_the_words_of_that_span(
            t in "[a-zA-Z0-9 ,;'’é-]{0,24}",
            a in 0usize..30,
            b in 0usize..30,
        ) {
            let (a, b) = (a.min(b), a.max(b));
            let a = crate::span::floor_char_boundary(&t, a);
            let b = crate::span::floor_char_boundary(&t, b);
            let all = words(&t, Span::new(0, t.len()));
            let span = Span::new(a, b.max(a));
            proptest::prop_assert_eq!(within(&t, &all, span).into_owned(), words(&t, span));
        }
    }
}
