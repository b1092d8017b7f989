//! Spans and offset conversion.
//!
//! Inside the process every span is a pair of byte offsets into the document text
//! (start inclusive, end exclusive), so slicing is free and always on a char boundary.
//! Everything that leaves the process (JSON, SQLite, annotation files) also carries
//! Unicode code-point offsets, the convention of Python string indices and of the W3C
//! Web Annotation `TextPositionSelector`. [`OffsetIndex`] converts once per document.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The span `start..end` of `text`, when it is one: in order, inside the text, on
    /// character boundaries (offsets read from outside, as an analysed record's, may be
    /// none of these).
    pub fn of_text(text: &str, start: usize, end: usize) -> Option<Span> {
        (start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end))
        .then_some(Span { start, end })
    }

    /// True when `other` lies entirely within `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text this span covers. Returns "" for a span that does not fit `text`
    /// or does not fall on char boundaries, instead of panicking.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Shrinks the span so that it neither starts nor ends with white space.
    pub fn trim(&self, text: &str) -> Span {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        Span::new(self.start + lead, self.start + lead + trimmed.len())
    }
}

/// The largest char boundary of `text` at or before byte `at` (`at` past the end is the
/// end): where to cut a text to at most `at` bytes.
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// Code-point offsets of a span, as they leave the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharSpan {
    pub start: usize,
    pub end: usize,
}

/// Converts between byte offsets and code-point offsets of one text.
///
/// Built once per document in O(n) with n/4 bytes of memory (a bit per byte marking
/// the char starts, and the count of char starts before each 64-byte word): a
/// code-point offset is O(1), a byte offset O(log n). ASCII text needs neither.
#[derive(Debug, Clone)]
pub struct OffsetIndex {
    /// Bit `i % 64` of word `i / 64` is set when byte `i` starts a char; empty when
    /// the text is ASCII and offsets coincide.
    starts: Vec<u64>,
    /// The number of char starts before each word of `starts`.
    rank: Vec<usize>,
    len: usize,
    chars: usize,
}

impl OffsetIndex {
    pub fn new(text: &str) -> OffsetIndex {
        if text.is_ascii() {
            return OffsetIndex {
                starts: Vec::new(),
                rank: Vec::new(),
                len: text.len(),
                chars: text.len(),
            };
        }
        let mut starts = Vec::with_capacity(text.len().div_ceil(64));
        let mut rank = Vec::with_capacity(text.len().div_ceil(64));
        let mut chars = 0;
        for word in text.as_bytes().chunks(64) {
            let mut bits = 0u64;
            for (k, &b) in word.iter().enumerate() {
                // Every byte but a UTF-8 continuation byte starts a char.
                bits |= u64::from((b & 0xC0) != 0x80) << k;
            }
            rank.push(chars);
            starts.push(bits);
            chars += bits.count_ones() as usize;
        }
        OffsetIndex {
            starts,
            rank,
            len: text.len(),
            chars,
        }
    }

    /// The number of char starts before byte `byte` (at most the text length).
    fn starts_before(&self, byte: usize) -> usize {
        let (w, k) = (byte / 64, byte % 64);
        match (self.starts.get(w), self.rank.get(w)) {
            (Some(bits), Some(r)) => r + (bits & ((1u64 << k) - 1)).count_ones() as usize,
            _ => self.chars,
        }
    }

    fn is_start(&self, byte: usize) -> bool {
        byte >= self.len
            || self
                .starts
                .get(byte / 64)
                .is_none_or(|bits| bits >> (byte % 64) & 1 == 1)
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// Code-point offset of a byte offset. A byte offset inside a char maps to that char.
    pub fn to_char(&self, byte: usize) -> usize {
        if self.starts.is_empty() {
            return byte.min(self.len);
        }
        let byte = byte.min(self.len);
        let before = self.starts_before(byte);
        if self.is_start(byte) {
            before
        } else {
            before.saturating_sub(1)
        }
    }

    /// Byte offset of a code-point offset, or `None` past the end of the text.
    pub fn to_byte(&self, ch: usize) -> Option<usize> {
        if self.starts.is_empty() {
            return (ch <= self.len).then_some(ch);
        }
        if ch >= self.chars {
            return (ch == self.chars).then_some(self.len);
        }
        // The word holding the char: the last one with fewer char starts before it.
        let w = self.rank.partition_point(|&r| r <= ch).checked_sub(1)?;
        let mut bits = *self.starts.get(w)?;
        for _ in 0..ch - self.rank.get(w)? {
            bits &= bits - 1;
        }
        Some(w * 64 + bits.trailing_zeros() as usize)
    }

    pub fn char_span(&self, span: Span) -> CharSpan {
        CharSpan {
            start: self.to_char(span.start),
            end: self.to_char(span.end),
        }
    }

    /// The byte span of a code-point span, or `None` when it does not fit the text.
    pub fn byte_span(&self, span: CharSpan) -> Option<Span> {
        if span.start > span.end {
            return None;
        }
        Some(Span::new(
            self.to_byte(span.start)?,
            self.to_byte(span.end)?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_inside_a_character_or_past_the_end_are_no_span_of_the_text() {
        let text = "Erdoğan said";
        assert_eq!(Span::of_text(text, 0, 5), None); // inside "ğ"
        assert_eq!(Span::of_text(text, 0, 8), Some(Span::new(0, 8)));
        assert_eq!(Span::of_text(text, 9, 13), Some(Span::new(9, 13)));
        assert_eq!(Span::of_text(text, 9, 14), None);
        assert_eq!(Span::of_text(text, 5, 4), None);
    }

    #[test]
    fn erdogan_cut_inside_its_g_breve_falls_back_to_the_char_start() {
        let text = "Erdoğan said";
        assert_eq!(floor_char_boundary(text, 5), 4); // inside "ğ"
        assert_eq!(floor_char_boundary(text, 6), 6);
        assert_eq!(floor_char_boundary(text, 99), text.len());
    }

    #[test]
    fn curly_apostrophe_in_bakus_shifts_code_points() {
        let text = "Baku’s unwillingness";
        let idx = OffsetIndex::new(text);
        let b = text.find("unwillingness").unwrap();
        let c = idx.to_char(b);
        assert_eq!(c, 7);
        assert_eq!(idx.to_byte(c), Some(b));
        let cs = idx.char_span(Span::new(b, text.len()));
        let chars: Vec<char> = text.chars().collect();
        let s: String = chars[cs.start..cs.end].iter().collect();
        assert_eq!(s, "unwillingness");
    }

    proptest::proptest! {
        /// Every byte offset of "naïve Baku’s “Sadovod” – 600,000" and the like maps to
        /// the char that holds it, and back to the char's start.
        #[test]
        fn offsets_convert_as_char_indices_count_them(text in "[a-z ïé’“”–€😀]{0,200}") {
            let idx = OffsetIndex::new(&text);
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            proptest::prop_assert_eq!(idx.char_len(), starts.len());
            for b in 0..=text.len() + 2 {
                let want = match starts.binary_search(&b) {
                    Ok(i) => i,
                    Err(i) if b >= text.len() => i,
                    Err(i) => i - 1,
                };
                proptest::prop_assert_eq!(idx.to_char(b), want, "byte {}", b);
            }
            for (c, &b) in starts.iter().enumerate() {
                proptest::prop_assert_eq!(idx.to_byte(c), Some(b));
            }
            proptest::prop_assert_eq!(idx.to_byte(starts.len()), Some(text.len()));
            proptest::prop_assert_eq!(idx.to_byte(starts.len() + 1), None);
        }
    }

    #[test]
    fn ascii_fast_path_is_identity() {
        let idx = OffsetIndex::new("600,000 Azerbaijanis");
        assert_eq!(idx.to_char(3), 3);
        assert_eq!(idx.to_byte(20), Some(20));
        assert_eq!(idx.to_byte(21), None);
    }

    #[test]
    fn slice_out_of_range_is_empty_not_panic() {
        assert_eq!(Span::new(3, 99).slice("abc"), "");
        assert_eq!(Span::new(1, 2).slice("é"), "");
    }

    #[test]
    fn trim_drops_surrounding_white_space() {
        let t = "  about 600,000 ";
        assert_eq!(Span::new(0, t.len()).trim(t).slice(t), "about 600,000");
    }
}
