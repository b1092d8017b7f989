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

/// Code-point offsets of a span, as they leave the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharSpan {
    pub start: usize,
    pub end: usize,
}

/// Converts between byte offsets and code-point offsets of one text.
///
/// Built once per document in O(n); each conversion is O(log n) (O(1) for ASCII text).
#[derive(Debug, Clone)]
pub struct OffsetIndex {
    /// Byte offset of every char, plus the text length at the end; empty when the
    /// text is ASCII and offsets coincide.
    starts: Vec<usize>,
    len: usize,
    chars: usize,
}

impl OffsetIndex {
    pub fn new(text: &str) -> OffsetIndex {
        if text.is_ascii() {
            return OffsetIndex {
                starts: Vec::new(),
                len: text.len(),
                chars: text.len(),
            };
        }
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let chars = starts.len();
        starts.push(text.len());
        OffsetIndex {
            starts,
            len: text.len(),
            chars,
        }
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
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of a code-point offset, or `None` past the end of the text.
    pub fn to_byte(&self, ch: usize) -> Option<usize> {
        if self.starts.is_empty() {
            return (ch <= self.len).then_some(ch);
        }
        self.starts.get(ch).copied()
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
