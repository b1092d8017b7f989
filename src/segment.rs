//! Paragraphs and sentences.
//!
//! Paragraphs: when a text has blank lines, they separate paragraphs and single line
//! breaks inside a block are soft wraps; when it has none (one paragraph a line, as in
//! the bundled corpus), every non-blank line is a paragraph. Sentences never cross a
//! paragraph.
//!
//! Sentences start from UAX #29 sentence boundaries (unicode-segmentation) and then a
//! correction layer joins the boundaries UAX #29 gets wrong in news text: after
//! abbreviations and titles ("Mr.", "St.", "U.S.", "Jan.", "No."), after initials
//! ("J. R. Smith"), and before a lower-case continuation ("... and then"). Decimals
//! ("32.1%") never break under UAX #29. Sentence spans exclude surrounding white space.
//!
//! A sentence is at most [`MAX_SENTENCE_BYTES`] long: a longer run of text without a
//! sentence break is cut into pieces at the safest boundary near the limit (a
//! terminator, a semicolon, a comma, white space), and each piece is a sentence.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use crate::fnv::FnvBuild;

use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index of the paragraph holding the sentence.
    pub paragraph: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    /// Runs of text longer than [`MAX_SENTENCE_BYTES`] without a sentence break, each
    /// cut into sentences at its safest boundaries: the tools say so.
    pub cut: usize,
}

impl Segmentation {
    /// What the tools say of a document whose over-long runs of text were cut (none
    /// when nothing was cut).
    pub fn cut_note(&self) -> Option<String> {
        (self.cut > 0).then(|| {
            format!(
                "note: {} run{} of text without a sentence break longer than {MAX_SENTENCE_BYTES} \
                 bytes cut into sentences at punctuation or spaces",
                self.cut,
                if self.cut == 1 { "" } else { "s" }
            )
        })
    }

    /// Index of the sentence containing byte offset `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        (i < self.sentences.len() && self.sentences[i].span.start <= at).then_some(i)
    }

    /// Indices of the sentences that overlap `span`.
    pub fn sentences_overlapping(&self, span: Span) -> std::ops::Range<usize> {
        let first = self.sentences.partition_point(|s| s.span.end <= span.start);
        let last = self
            .sentences
            .partition_point(|s| s.span.start < span.end.max(span.start + 1));
        first..last.max(first)
    }

    /// Cuts a text of `len` bytes into consecutive byte ranges of at most about `max`
    /// bytes each, at sentence starts, at a paragraph start where one lies in the second
    /// half of the range. The ranges cover the whole text in order. A text of at most
    /// `max` bytes is one range.
    ///
    /// Recognisers that keep a token vector take a long document piece by piece, so their
    /// memory follows the piece, not the document. A range is longer than `max` only
    /// where no sentence starts inside it.
    pub fn pieces(&self, len: usize, max: usize) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        if len <= max {
            out.push(0..len);
            return out;
        }
        let mut start = 0;
        // The last sentence start and the last paragraph start seen inside the current
        // range.
        let mut sentence = 0;
        let mut paragraph = 0;
        let mut last_paragraph = usize::MAX;
        for s in &self.sentences {
            let at = s.span.start.min(len);
            if at - start > max {
                let cut = if paragraph > start + max / 2 {
                    paragraph
                } else if sentence > start {
                    sentence
                } else {
                    at
                };
                if cut > start {
                    out.push(start..cut);
                    start = cut;
                }
            }
            sentence = at;
            if s.paragraph != last_paragraph {
                paragraph = at;
                last_paragraph = s.paragraph;
            }
        }
        if len - start > max && sentence > start {
            out.push(start..sentence);
            start = sentence;
        }
        out.push(start..len);
        out
    }
}

/// Abbreviations after which a period does not end a sentence (compared case-sensitively,
/// without the final period).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Mt", "Ft", "Jr", "Sr", "Gen", "Lt", "Col", "Capt",
    "Sgt", "Maj", "Adm", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Supt", "Insp", "Cmdr", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue",
    "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "No", "Nos", "Vol", "vol", "pp",
    "p", "para", "art", "Art", "fig", "Fig", "approx", "est", "etc", "vs", "v", "cf", "al", "Inc",
    "Ltd", "Co", "Corp", "Bros", "Dept", "Univ", "Ave", "Blvd", "Rd", "Sq", "U.S", "U.K", "U.N",
    "E.U", "U.S.A", "D.C", "a.m", "p.m", "e.g", "i.e", "ca", "c",
];

/// Abbreviations that usually end a sentence when they end a clause ("... in the U.S. The
/// next"), so a following capitalised word still starts a new sentence unless it is a
/// title-cased name continuation. Only the titles never end a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Mt", "Gen", "Lt", "Col", "Capt", "Sgt", "Maj", "Adm",
    "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "No", "Nos", "Vol", "vol", "pp", "p", "fig", "Fig",
    "Art", "art", "vs", "v", "cf", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "e.g", "i.e", "ca", "c", "approx",
];

/// Splits a text into paragraphs and sentences.
pub fn segment(text: &str) -> Segmentation {
    let paragraphs = paragraphs(text);
    let mut sentences = Vec::new();
    let mut cut = 0;
    for (p, &para) in paragraphs.iter().enumerate() {
        for span in sentences_in(text, para, &mut cut) {
            sentences.push(Sentence { span, paragraph: p });
        }
    }
    Segmentation {
        paragraphs,
        sentences,
        cut,
    }
}

fn line_spans(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |line| {
        let span = Span::new(start, start + line.len());
        start += line.len();
        span
    })
}

fn paragraphs(text: &str) -> Vec<Span> {
    let blank = |s: Span| s.slice(text).trim().is_empty();
    let has_blank_lines = {
        let mut seen_text = false;
        let mut blank_between = false;
        for l in line_spans(text) {
            if blank(l) {
                blank_between |= seen_text;
            } else if blank_between {
                break;
            } else {
                seen_text = true;
            }
        }
        blank_between && line_spans(text).filter(|&l| !blank(l)).count() > 1
    };
    let mut out = Vec::new();
    let mut current: Option<Span> = None;
    for line in line_spans(text) {
        if blank(line) {
            if let Some(p) = current.take() {
                out.push(p.trim(text));
            }
            continue;
        }
        if has_blank_lines {
            current = Some(match current {
                Some(p) => p.cover(line),
                None => line,
            });
        } else {
            out.push(line.trim(text));
        }
    }
    if let Some(p) = current {
        out.push(p.trim(text));
    }
    out.retain(|p| !p.is_empty());
    out
}

/// The sentences of paragraph `para`; `cut` counts the over-long runs cut.
fn sentences_in(text: &str, para: Span, cut: &mut usize) -> Vec<Span> {
    let body = para.slice(text);
    let mut raw: Vec<Span> = Vec::new();
    let mut prev = 0;
    for b in uax29_boundaries(body) {
        raw.push(Span::new(para.start + prev, para.start + b));
        prev = b;
    }
    raw.push(Span::new(para.start + prev, para.end));
    // Correction layer: join a fragment to the previous one when the boundary is false.
    let mut out: Vec<Span> = Vec::with_capacity(raw.len());
    for span in raw.drain(..) {
        match out.last_mut() {
            Some(prev) if false_boundary(prev.slice(text), span.slice(text)) => {
                *prev = prev.cover(span);
            }
            _ => out.push(span),
        }
    }
    let mut sentences = Vec::with_capacity(out.len());
    for span in out {
        *cut += usize::from(split_long(text, span.trim(text), &mut sentences));
    }
    sentences
}

/// The longest sentence, in bytes. Real news sentences stay far below it (the longest
/// of the 84 PolNeAR dev articles has about 500 bytes); a longer "sentence" is text
/// without sentence breaks (a run-on transcript, a table flattened to one line, a
/// pasted list), and every recogniser's spans are bounded by their sentence, so this
/// bounds the cost and the output of one sentence whatever the document.
pub const MAX_SENTENCE_BYTES: usize = 2048;

/// Pushes `span`, cut into pieces of at most [`MAX_SENTENCE_BYTES`] when it is longer,
/// each cut at the safest boundary in the second half of the piece: after a sentence
/// terminator ("... said. she said"), else after a semicolon, else after a comma, else
/// at white space, else at a char boundary. Empty pieces are dropped. True when it
/// cut `span`.
fn split_long(text: &str, span: Span, out: &mut Vec<Span>) -> bool {
    let long = span.len() > MAX_SENTENCE_BYTES;
    let mut rest = span;
    while rest.len() > MAX_SENTENCE_BYTES {
        let cut = safe_cut(text, rest);
        let piece = Span::new(rest.start, cut).trim(text);
        if !piece.is_empty() {
            out.push(piece);
        }
        rest = Span::new(cut, rest.end).trim(text);
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    long
}

/// Where to cut an over-long sentence: a byte offset in the second half of its first
/// [`MAX_SENTENCE_BYTES`], on a char boundary and after the start.
fn safe_cut(text: &str, span: Span) -> usize {
    let bytes = text.as_bytes();
    let hi = span.start + MAX_SENTENCE_BYTES;
    let lo = span.start + MAX_SENTENCE_BYTES / 2;
    let window = bytes.get(lo..hi).unwrap_or_default();
    // A boundary is the byte after the mark followed by white space.
    let after = |marks: &[u8]| {
        window
            .windows(2)
            .rposition(|w| marks.contains(&w[0]) && w[1].is_ascii_whitespace())
            .map(|k| lo + k + 1)
    };
    after(b".?!")
        .or_else(|| after(b";"))
        .or_else(|| after(b","))
        .or_else(|| {
            window
                .iter()
                .rposition(u8::is_ascii_whitespace)
                .map(|k| lo + k)
        })
        .unwrap_or_else(|| {
            // No white space in a kilobyte: the last char boundary before the limit.
            (lo..=hi)
                .rev()
                .find(|&b| text.is_char_boundary(b))
                .unwrap_or(hi)
        })
        .max(span.start + 1)
}

/// Non-ASCII characters that can end a sentence under UAX #29 (STerm / ATerm) or separate
/// paragraphs. A paragraph holding one is segmented by UAX #29 as a whole.
const OTHER_TERMINATORS: &[char] = &[
    '\u{85}', '\u{2028}', '\u{2029}', '。', '．', '｡', '！', '？', '‼', '⁇', '⁈', '⁉', '؟', '۔',
    '։', '।', '॥', '܀', '܁', '܂', '፧', '፨', '᙮', '᠃', '᠉', '\u{2024}', '\u{FE52}', '\u{FE56}',
    '\u{FE57}', '꓿', '꘎', '꘏',
];

/// Whether a text holds one of [`OTHER_TERMINATORS`]: ASCII runs are skipped eight
/// bytes at a time and only non-ASCII characters are decoded.
fn has_other_terminator(body: &str) -> bool {
    let b = body.as_bytes();
    let mut i = crate::bytescan::non_ascii(b, 0);
    while let Some(c) = body.get(i..).and_then(|s| s.chars().next()) {
        if OTHER_TERMINATORS.contains(&c) {
            return true;
        }
        i = crate::bytescan::non_ascii(b, i + c.len_utf8());
    }
    false
}

/// Sentence boundaries of a paragraph (byte offsets, excluding 0 and the end), as
/// UAX #29 defines them.
///
/// UAX #29 only breaks after a terminator ('.', '?', '!') or a paragraph separator, and
/// decides from the characters around it: the one before and the run after up to the
/// next letter (rules SB6–SB11). So instead of running the segmenter over the whole
/// paragraph, it runs over a small window around each candidate; this gives the same
/// boundaries several times faster. Paragraphs with other terminators take the full path.
pub fn uax29_boundaries(body: &str) -> Vec<usize> {
    let full = |body: &str| -> Vec<usize> {
        body.split_sentence_bound_indices()
            .map(|(i, _)| i)
            .filter(|&i| i > 0)
            .collect()
    };
    if has_other_terminator(body) {
        return full(body);
    }
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        i = next_candidate(bytes, i);
        if i >= bytes.len() {
            break;
        }
        // The two commonest cases need no window. A terminator that ends the paragraph
        // has nothing after it to break before. A terminator, one space and an ASCII
        // capital always break before the capital: no rule keeps a terminator and its
        // spaces with a following upper-case letter (SB7 needs no space between, SB8 a
        // lower-case letter, SB8a a terminator or SContinue), and SB9-SB11 break
        // after the spaces.
        if matches!(bytes[i], b'.' | b'?' | b'!') {
            match bytes.get(i + 1..i + 3) {
                None if i + 1 == bytes.len() => break,
                Some(&[b' ', c]) if c.is_ascii_uppercase() => {
                    out.push(i + 2);
                    i += 2;
                    continue;
                }
                _ => {}
            }
        }
        // A period before a digit ("3.6 billion") never breaks (SB6), and nothing after
        // it can until the next terminator: when the next ASCII letter (or the end)
        // comes first, the window would find nothing.
        if bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            let mut j = i + 1;
            while j < bytes.len()
                && j - i <= 256
                && bytes[j] < 0x80
                && !bytes[j].is_ascii_alphabetic()
                && !matches!(bytes[j], b'.' | b'?' | b'!' | b'\n' | b'\r')
            {
                j += 1;
            }
            if j - i <= 256 {
                match bytes.get(j) {
                    None => break,
                    Some(c) if c.is_ascii_alphabetic() => {
                        i = j;
                        continue;
                    }
                    _ => {}
                }
            }
        }
        // Window start: the start of the token holding the terminator.
        let lo = body[..i].rfind(|c: char| c.is_whitespace()).map_or(0, |w| {
            w + body[w..].chars().next().map_or(1, char::len_utf8)
        });
        // Window end: just past the first letter after the terminator run (or the end).
        let mut hi = i;
        loop {
            match body[hi..].chars().next() {
                None => break,
                Some(c) => {
                    hi += c.len_utf8();
                    if c.is_alphabetic() {
                        break;
                    }
                }
            }
            if hi - i > 256 {
                return full(body);
            }
        }
        let window = &body[lo..hi];
        for (b, _) in window.split_sentence_bound_indices() {
            if b > 0 && lo + b > i {
                out.push(lo + b);
            }
        }
        // Continue after the last terminator inside the window: later candidates in it
        // were judged with their full context already.
        let last_letter_start = body[..hi].char_indices().next_back().map_or(hi, |(k, _)| k);
        i = last_letter_start.max(i + 1);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The offset of the first byte at or after `i` where UAX #29 may break (a terminator or
/// a line break), or `b.len()`.
fn next_candidate(b: &[u8], i: usize) -> usize {
    crate::bytescan::find_any(b, i, b".?!\n\r")
}

const IS_TITLE: u8 = 1;
const IS_ABBREVIATION: u8 = 2;

/// Whether a word is in [`TITLES`] and in [`ABBREVIATIONS`], as bits: one hash lookup
/// for the last word of every sentence instead of two scans of the lists.
fn abbreviation_kind(word: &str) -> u8 {
    static KINDS: OnceLock<HashMap<&'static str, u8, FnvBuild>> = OnceLock::new();
    let kinds = KINDS.get_or_init(|| {
        let mut kinds = HashMap::default();
        for &t in TITLES {
            *kinds.entry(t).or_insert(0) |= IS_TITLE;
        }
        for &a in ABBREVIATIONS {
            *kinds.entry(a).or_insert(0) |= IS_ABBREVIATION;
        }
        kinds
    });
    kinds.get(word).copied().unwrap_or(0)
}

/// Is the boundary between `before` and `after` a false sentence break?
fn false_boundary(before: &str, after: &str) -> bool {
    let before = before.trim_end();
    let after = after.trim_start();
    let Some(first) = after.chars().next() else {
        return true;
    };
    // A continuation in lower case, or a number, after an ellipsis or an abbreviation.
    if first.is_lowercase() {
        return true;
    }
    if !before.ends_with('.') || before.ends_with("...") || before.ends_with('…') {
        return false;
    }
    let word = last_word(&before[..before.len() - 1]);
    if word.is_empty() {
        return false;
    }
    // An initial: "J. R. Smith".
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    let kind = abbreviation_kind(word);
    if kind & IS_TITLE != 0 {
        return true;
    }
    if kind & IS_ABBREVIATION != 0 {
        // "in the U.S. The talks" ends a sentence; "the U.S. Senate" does not. A following
        // function word that starts sentences decides it.
        let next = after
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        return !SENTENCE_STARTERS.contains(&next);
    }
    // Dotted acronyms that UAX #29 cut inside ("U.S." gives "U." + "S.").
    false
}

const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "In",
    "On",
    "At",
    "But",
    "And",
    "However",
    "Meanwhile",
    "Moreover",
    "Thus",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "After",
    "Before",
    "When",
    "While",
    "As",
    "If",
    "Yet",
    "So",
];

/// The word before the final period, including inner periods ("U.S" of "U.S.").
fn last_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &s[start..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn windowed_boundaries_match_uax29(t in "([A-Za-z]{1,6}|[.?!'\"’”)( ]|\\n|[0-9]|é|A\\.|[.?!] [A-Z]|\\.[0-9]{1,3}[ ,%]?){0,60}") {
            let want: Vec<usize> = t
                .split_sentence_bound_indices()
                .map(|(i, _)| i)
                .filter(|&i| i > 0)
                .collect();
            prop_assert_eq!(uax29_boundaries(&t), want);
        }
    }

    #[test]
    fn other_terminators_are_found_among_curly_quotes() {
        for t in [
            "“Yes,” he said。 Then",
            "ascii only. Really!",
            "naïve ‘Sadovod’ — ok",
            "end\u{2029}",
            "",
        ] {
            assert_eq!(
                has_other_terminator(t),
                t.contains(OTHER_TERMINATORS),
                "{t:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn other_terminators_are_found_as_contains_finds_them(t in "\\PC{0,40}") {
            prop_assert_eq!(has_other_terminator(&t), t.contains(OTHER_TERMINATORS));
        }
    }

    #[test]
    fn titles_and_abbreviations_are_looked_up_as_the_lists_say() {
        for w in TITLES
            .iter()
            .chain(ABBREVIATIONS)
            .chain(&["Smith", "", "US", "u.s"])
        {
            let kind = abbreviation_kind(w);
            assert_eq!(kind & IS_TITLE != 0, TITLES.contains(w), "{w}");
            assert_eq!(
                kind & IS_ABBREVIATION != 0,
                ABBREVIATIONS.contains(w),
                "{w}"
            );
        }
    }

    fn sents(text: &str) -> Vec<&str> {
        segment(text)
            .sentences
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    #[test]
    fn st_petersburg_and_sadovod_stay_in_one_sentence() {
        let t = "Azerbaijanis in St Petersburg run the ‘Sadovod’ market. Police raided it.";
        assert_eq!(
            sents(t),
            vec![
                "Azerbaijanis in St Petersburg run the ‘Sadovod’ market.",
                "Police raided it."
            ]
        );
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        let t = "Mr. Aliyev met Dr. J. R. Smith in St. Petersburg. They talked.";
        assert_eq!(
            sents(t),
            vec![
                "Mr. Aliyev met Dr. J. R. Smith in St. Petersburg.",
                "They talked."
            ]
        );
    }

    #[test]
    fn us_before_a_name_continues_but_before_the_ends() {
        let t = "The U.S. Senate voted. Talks moved to the U.S. The Kremlin objected.";
        assert_eq!(
            sents(t),
            vec![
                "The U.S. Senate voted.",
                "Talks moved to the U.S.",
                "The Kremlin objected."
            ]
        );
    }

    #[test]
    fn decimals_and_months_do_not_split() {
        let t = "Turnout was 32.1% on Jan. 5 in No. 3 district. Next came results.";
        assert_eq!(
            sents(t),
            vec![
                "Turnout was 32.1% on Jan. 5 in No. 3 district.",
                "Next came results."
            ]
        );
    }

    #[test]
    fn quote_ending_a_sentence_and_ellipsis() {
        let t = "He said: 'We will not resign.' Then he left... and nobody followed.";
        assert_eq!(
            sents(t),
            vec![
                "He said: 'We will not resign.'",
                "Then he left... and nobody followed."
            ]
        );
    }

    #[test]
    fn one_paragraph_per_line_without_blank_lines() {
        let t = "First line. Two.\nSecond paragraph.\n";
        let s = segment(t);
        assert_eq!(s.paragraphs.len(), 2);
        assert_eq!(s.sentences.len(), 3);
        assert_eq!(s.sentences[2].paragraph, 1);
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_wraps_join() {
        let t = "A wrapped\nsentence here.\n\nNext para.";
        let s = segment(t);
        assert_eq!(s.paragraphs.len(), 2);
        assert_eq!(s.sentences[0].span.slice(t), "A wrapped\nsentence here.");
    }

    #[test]
    fn windowed_boundaries_match_uax29_on_news_text() {
        let texts = [
            "He said: 'We will not resign.' Then he left... and nobody followed. OK?! Yes.",
            "The U.S. Senate voted. Prices rose 3.2%. \"It is over.\" The end (really). 12 left.",
            "Wait... what? No. e.g. this one. x.Y. 1.5. A. B. C. St. Petersburg.\nNew line. ",
            "‘Sadovod’ closed. ‘Why?’ he asked. «Non.» Fin.",
        ];
        for t in texts {
            let want: Vec<usize> = t
                .split_sentence_bound_indices()
                .map(|(i, _)| i)
                .filter(|&i| i > 0)
                .collect();
            assert_eq!(uax29_boundaries(t), want, "{t}");
        }
    }

    /// Checks that `pieces` cover `len` bytes in order, each cut at a sentence start.
    fn assert_pieces_tile(s: &Segmentation, pieces: &[std::ops::Range<usize>], len: usize) {
        assert_eq!(pieces.first().map(|p| p.start), Some(0));
        assert_eq!(pieces.last().map(|p| p.end), Some(len));
        for w in pieces.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert!(w[0].start < w[0].end);
            assert!(s.sentences.iter().any(|x| x.span.start == w[1].start));
        }
    }

    #[test]
    fn a_news_article_is_one_piece() {
        let t = "First line. Two.\nSecond paragraph.\n";
        assert_eq!(segment(t).pieces(t.len(), 1 << 18), vec![0..t.len()]);
    }

    #[test]
    fn a_long_document_is_cut_at_paragraph_starts_within_the_limit() {
        let para = "The council met on Monday. It approved 12 projects worth $3 million.\n";
        let t = para.repeat(200);
        let s = segment(&t);
        let pieces = s.pieces(t.len(), 1000);
        assert_pieces_tile(&s, &pieces, t.len());
        assert!(pieces.len() >= t.len() / 1000);
        for (i, p) in pieces.iter().enumerate() {
            assert!(p.len() <= 1000, "{p:?}");
            // Only the rest at the end may be short.
            assert!(p.len() > 500 || i + 1 == pieces.len(), "{p:?}");
            // Every piece starts a paragraph: each is whole paragraphs.
            assert!(t[p.clone()].starts_with("The council"), "{p:?}");
        }
    }

    #[test]
    fn one_long_line_is_cut_at_sentence_starts() {
        let t = "Prices rose 3.2% in May. Sales fell. ".repeat(300);
        let s = segment(&t);
        let pieces = s.pieces(t.len(), 700);
        assert_pieces_tile(&s, &pieces, t.len());
        assert!(pieces.iter().all(|p| p.len() <= 700));
        assert!(pieces.len() > 1);
    }

    /// Two paragraphs of run-on "he said, she said." are two runs cut; news sentences
    /// are none, and nothing is said of them.
    #[test]
    fn two_paragraphs_of_he_said_she_said_are_two_runs_cut_and_said_so() {
        let run = "he said, she said. ".repeat(300);
        let s = segment(&format!("Prices rose 3% in May.\n\n{run}\n\n{run}"));
        assert_eq!(s.cut, 2);
        let note = s.cut_note().unwrap();
        assert!(note.starts_with("note: 2 runs of text"), "{note}");
        let news = segment(&"Prices rose 3% in May. Sales fell.\n\n".repeat(300));
        assert_eq!((news.cut, news.cut_note()), (0, None));
    }

    #[test]
    fn he_said_she_said_run_on_is_cut_after_a_period_within_the_limit() {
        // A lower-case word after each period joins the whole text into one sentence.
        let t = "he said, she said. ".repeat(1000);
        let s = sents(&t);
        assert!(s.len() > 1);
        for piece in &s {
            assert!(piece.len() <= MAX_SENTENCE_BYTES, "{}", piece.len());
            assert!(piece.ends_with("said."), "{piece:?}");
        }
        assert_eq!(s.concat().len() + s.len() - 1, t.trim_end().len());
    }

    #[test]
    fn a_line_without_spaces_or_marks_is_cut_on_char_boundaries() {
        let t = "é".repeat(3000);
        let s = segment(&t);
        assert_eq!(s.sentences.len(), 3);
        for sentence in &s.sentences {
            assert!(sentence.span.len() <= MAX_SENTENCE_BYTES);
            assert!(t.is_char_boundary(sentence.span.start));
            assert!(t.is_char_boundary(sentence.span.end));
        }
        assert_eq!(s.sentences[2].span.end, t.len());
    }

    #[test]
    fn a_long_list_is_cut_after_a_semicolon_before_a_comma() {
        let t = "Items: ".to_string() + &"apples, pears; ".repeat(200);
        for piece in sents(&t) {
            assert!(piece.len() <= MAX_SENTENCE_BYTES);
            assert!(
                piece.ends_with(';') || piece.ends_with("pears;"),
                "{piece:?}"
            );
        }
    }

    #[test]
    fn sentence_lookup() {
        let t = "One. Two three.";
        let s = segment(t);
        assert_eq!(s.sentence_at(6), Some(1));
        assert_eq!(s.sentence_at(4), None);
        assert_eq!(s.sentences_overlapping(Span::new(2, 7)), 0..2);
    }
}
