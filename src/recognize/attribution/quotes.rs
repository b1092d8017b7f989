//! Quotation marks: telling an opening or closing quote from an apostrophe, and
//! finding the other end of a quotation.
//!
//! A mark is a quote only at a word edge: an opening mark has white space, an opening
//! bracket, a dash or the start of the text before it and a non-space after it; a
//! closing mark has a non-space before it and white space, punctuation or the end after
//! it. A mark between two letters (`Baku’s`, `Russia’s`) is an apostrophe and never
//! reaches this module: the tokeniser keeps it inside the word.

/// Which pair of marks a quotation uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `“ ”` and straight `"`.
    Double,
    /// `‘ ’` and straight `'`.
    Single,
    /// `« »`.
    Guillemet,
}

/// The family of a quotation mark, if `c` is one.
pub fn family(c: char) -> Option<Family> {
    match c {
        '"' | '“' | '”' | '„' => Some(Family::Double),
        '\'' | '‘' | '’' => Some(Family::Single),
        '«' | '»' => Some(Family::Guillemet),
        _ => None,
    }
}

fn is_opening_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | ':' | '/'),
    }
}

fn is_closing_context(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(n) => n.is_whitespace() || (!n.is_alphanumeric() && family(n).is_none()) || n == '’',
    }
}

/// Whether the mark `c` at byte `at` of `text` opens a quotation.
pub fn opens(text: &str, at: usize, c: char) -> bool {
    if matches!(c, '”' | '»') {
        return false;
    }
    let prev = text.get(..at).and_then(|s| s.chars().next_back());
    let next = text.get(at + c.len_utf8()..).and_then(|s| s.chars().next());
    is_opening_context(prev) && next.is_some_and(|n| !n.is_whitespace())
}

/// Whether the mark `c` at byte `at` of `text` closes a quotation.
pub fn closes(text: &str, at: usize, c: char) -> bool {
    if matches!(c, '“' | '‘' | '«' | '„') {
        return false;
    }
    let prev = text.get(..at).and_then(|s| s.chars().next_back());
    let next = text.get(at + c.len_utf8()..).and_then(|s| s.chars().next());
    prev.is_some_and(|p| !p.is_whitespace()) && is_closing_context(next)
}

/// The byte just past the mark that closes the quotation opened at `open` (a mark of
/// `fam`), searching no further than `limit`.
pub fn find_close(text: &str, open: usize, fam: Family, limit: usize) -> Option<usize> {
    let start = open + text.get(open..)?.chars().next()?.len_utf8();
    let hay = text.get(start..limit.min(text.len()))?;
    marks(hay, hay.as_bytes().iter().enumerate())
        .find(|&(i, c)| {
            family(c) == Some(fam) && closes(text, start + i, c) && !opens(text, start + i, c)
        })
        .map(|(i, c)| start + i + c.len_utf8())
}

/// The byte of the mark that opens the quotation closed by the mark at `close` (of
/// `fam`), searching back no further than `floor`.
pub fn find_open(text: &str, close: usize, fam: Family, floor: usize) -> Option<usize> {
    let hay = text.get(floor..close)?;
    marks(hay, hay.as_bytes().iter().enumerate().rev())
        .find(|&(i, c)| family(c) == Some(fam) && opens(text, floor + i, c))
        .map(|(i, _)| floor + i)
}

/// The chars of `hay` at the byte offsets `bytes` yields that may be quotation marks.
/// Every mark is `"`, `'`, or starts with the byte C2 (`« »`) or E2 (the curly quotes
/// and `„`), so other bytes are passed over without decoding a char; those two are
/// lead bytes, so each offset kept is a char boundary.
fn marks<'a>(
    hay: &'a str,
    bytes: impl Iterator<Item = (usize, &'a u8)> + 'a,
) -> impl Iterator<Item = (usize, char)> + 'a {
    bytes
        .filter(|(_, &b)| matches!(b, b'"' | b'\'' | 0xC2 | 0xE2))
        .filter_map(move |(i, _)| Some((i, hay.get(i..)?.chars().next()?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urged_ukrainians_not_to_resign_themselves_opens_and_closes() {
        let t = "Aliyev urged Ukrainians 'not to resign themselves' to occupation";
        let open = t.find('\'').unwrap_or(0);
        assert!(opens(t, open, '\''));
        let end = find_close(t, open, Family::Single, t.len()).unwrap_or(0);
        assert_eq!(&t[open..end], "'not to resign themselves'");
    }

    #[test]
    fn tsargrads_possessive_inside_a_quote_is_not_its_end() {
        let t = "blocked 'Tsargrad’s' website";
        let open = t.find('\'').unwrap_or(0);
        let end = find_close(t, open, Family::Single, t.len()).unwrap_or(0);
        assert_eq!(&t[open..end], "'Tsargrad’s'");
    }

    #[test]
    fn curly_double_quote_spans_sentences() {
        let t = "He said: “We will win. We always do.” Then he left.";
        let open = t.find('“').unwrap_or(0);
        let end = find_close(t, open, Family::Double, t.len()).unwrap_or(0);
        assert_eq!(&t[open..end], "“We will win. We always do.”");
        assert_eq!(
            find_open(t, end - '”'.len_utf8(), Family::Double, 0),
            Some(open)
        );
    }
}
