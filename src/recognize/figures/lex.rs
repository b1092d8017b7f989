//! One byte-level pass that cuts a text into the tokens the figure grammar reads:
//! numeric literals (with their grouping, decimals and exponents already resolved),
//! words (classified once when they can start or continue a number) and single
//! punctuation characters. URLs are one opaque token so that nothing inside them
//! ("q=30%25") becomes a figure.
//!
//! Numeric literals follow the forms news text uses: `1,234,567`, Indian `12,34,567.89`,
//! space-grouped `816 000` and `1 414 021 100` (also with no-break and thin spaces),
//! European `1.111,11`, `.08`, `1e10`, `1.3x10^6`. Dotted chains (`192.168.1.2`),
//! clock times (`10:30`), slash dates (`5/17/2018`), phone-like hyphen chains
//! (`+1-222-2222`) and powers (`1.1^23`) are marked as identifiers, never as values; so
//! is a markup tag (`<tweet tweet-id="…">`).

use crate::decimal::Decimal;

use super::words::{self, WClass};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A numeric literal; `lit` indexes [`Lexed::lits`].
    Num,
    Word,
    /// One non-space, non-letter, non-digit character.
    Punct,
    /// A URL or a digit string that is an identifier, a date or a time.
    Opaque,
}

/// A token: byte offsets as u32 keep it at 16 bytes (texts of 4 GiB and more are not
/// lexed at all).
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    start: u32,
    end: u32,
    pub kind: Kind,
    pub class: WClass,
    pub lit: u32,
}

impl Tok {
    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }
}

#[derive(Debug, Clone)]
pub struct NumLit {
    pub value: Option<Decimal>,
    /// The integer value when the literal is plain digits (no separator, decimal or
    /// exponent) that fit a u64: the form years, days and identifiers take.
    pub plain: Option<u64>,
    pub int_digits: usize,
    /// Written with a thousands separator.
    pub grouped: bool,
}

#[derive(Debug, Default)]
pub struct Lexed {
    pub toks: Vec<Tok>,
    pub lits: Vec<NumLit>,
    /// Indices of the tokens a figure may start at, ascending: numbers, number words,
    /// currency signs, signs, and the word before a number or a dollar sign (a currency
    /// prefix such as "USD 200" or "HK$"). The parser visits only these.
    pub starts: Vec<u32>,
    int_buf: String,
    frac_buf: String,
}

impl Lexed {
    fn mark(&mut self, i: usize) {
        let i = i as u32;
        if self.starts.last().is_none_or(|&l| l < i) {
            self.starts.push(i);
        }
    }

    /// Marks the word before the token about to be pushed.
    fn mark_prev_word(&mut self, max_len: usize) {
        if let Some(t) = self.toks.last() {
            if t.kind == Kind::Word && t.end() - t.start() <= max_len {
                self.mark(self.toks.len() - 1);
            }
        }
    }
}

fn is_digit_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|c| c.is_ascii_digit())
}

fn digits_from(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
}

/// Width of a space that may group digits ("816 000", "40\u{202f}000") at `i`.
fn group_space(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b' ') => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xAF) => 3,
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x89) => 3,
        _ => 0,
    }
}

/// True when exactly three digits start at `i` and no digit follows them.
fn three_digits(b: &[u8], i: usize) -> bool {
    digits_from(b, i) == 3
}

pub fn lex(text: &str) -> Lexed {
    let mut out = Lexed::default();
    lex_into(text, &mut out);
    out
}

/// Lexes `text` into `out`, reusing its buffers.
pub fn lex_into(text: &str, out: &mut Lexed) {
    out.toks.clear();
    out.lits.clear();
    out.starts.clear();
    let b = text.as_bytes();
    let n = b.len();
    if n >= u32::MAX as usize {
        return;
    }
    out.toks.reserve(n / 4 + 4);
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c.is_ascii_alphabetic() {
            let start = i;
            i = crate::bytescan::alpha_end(b, i);
            // A word that continues with non-ASCII letters ("Erdoğan") is one word.
            let mut ascii = true;
            while i < n && b[i] >= 0x80 {
                match text.get(i..).and_then(|s| s.chars().next()) {
                    Some(ch) if ch.is_alphabetic() && ch != '元' => {
                        ascii = false;
                        i += ch.len_utf8();
                        while i < n && b[i].is_ascii_alphabetic() {
                            i += 1;
                        }
                    }
                    _ => break,
                }
            }
            if ascii && matches!(b.get(i), Some(b':') | Some(b'.')) && is_url_start(b, start, i) {
                while i < n && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                // A URL ends before trailing sentence punctuation.
                while i > start && matches!(b[i - 1], b'.' | b',' | b')' | b';' | b':') {
                    i -= 1;
                }
                push(out, b, start, i, Kind::Opaque, WClass::None);
                continue;
            }
            let class = if ascii && i - start <= 12 {
                words::classify(&b[start..i])
            } else {
                WClass::None
            };
            push(out, b, start, i, Kind::Word, class);
            continue;
        }
        if c.is_ascii_digit()
            || (c == b'.' && is_digit_at(b, i + 1) && (i == 0 || !b[i - 1].is_ascii_alphanumeric()))
        {
            i = lex_number(text, i, out);
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'<' {
            if let Some(end) = markup_tag_end(b, i) {
                push(out, b, i, end, Kind::Opaque, WClass::None);
                i = end;
                continue;
            }
        }
        if c < 0x80 {
            push(out, b, i, i + 1, Kind::Punct, WClass::None);
            i += 1;
            continue;
        }
        let Some(ch) = text.get(i..).and_then(|s| s.chars().next()) else {
            i += 1;
            continue;
        };
        let w = ch.len_utf8();
        if ch.is_whitespace() {
            i += w;
        } else if ch.is_alphabetic() && ch != '元' {
            let start = i;
            i += w;
            while i < n {
                if b[i].is_ascii_alphabetic() {
                    i += 1;
                    continue;
                }
                match text.get(i..).and_then(|s| s.chars().next()) {
                    Some(ch) if b[i] >= 0x80 && ch.is_alphabetic() && ch != '元' => {
                        i += ch.len_utf8()
                    }
                    _ => break,
                }
            }
            push(out, b, start, i, Kind::Word, WClass::None);
        } else {
            push(out, b, i, i + w, Kind::Punct, WClass::None);
            i += w;
        }
    }
}

#[inline(always)]
fn push(out: &mut Lexed, b: &[u8], start: usize, end: usize, kind: Kind, class: WClass) {
    match kind {
        // Words that never start a figure ("and", "point", ordinals) are not marked.
        Kind::Word
            if !matches!(
                class,
                WClass::None
                    | WClass::And
                    | WClass::Point
                    | WClass::Ordinal(..)
                    | WClass::OrdinalScale(..)
                    | WClass::Halves
                    | WClass::Quarters
            ) =>
        {
            out.mark(out.toks.len())
        }
        Kind::Word => {
            // "per cent of twenty-two"
            let w = b.get(start..end).unwrap_or(b"");
            // One integer test for the common case, so that the branch is taken only
            // by the few words that are four or five letters long and start with c.
            let first = w.first().map_or(0, |c| c | 0x20);
            let shape = ((w.len() | 1) ^ 5) | usize::from(first ^ b'c');
            if shape == 0 && (w.eq_ignore_ascii_case(b"cent") || w.eq_ignore_ascii_case(b"cents")) {
                out.mark_prev_word(3);
            }
        }
        Kind::Punct => match b.get(start).copied().unwrap_or(0) {
            b'$' => {
                out.mark_prev_word(usize::MAX);
                out.mark(out.toks.len());
            }
            b'.' => out.mark_prev_word(2),
            // A minus sign: "-4", "- 1 4/5" (a hyphen between words starts nothing).
            b'-' => {
                let next = b
                    .get(end..)
                    .and_then(|r| r.iter().find(|c| **c != b' '))
                    .copied();
                if next.is_some_and(|c| c.is_ascii_digit()) {
                    out.mark(out.toks.len());
                }
            }
            c if c >= 0x80 => {
                let ch = std::str::from_utf8(b.get(start..end).unwrap_or(b""))
                    .ok()
                    .and_then(|s| s.chars().next());
                if ch.is_some_and(super::starts_figure) {
                    out.mark(out.toks.len());
                }
            }
            _ => {}
        },
        Kind::Num | Kind::Opaque => {}
    }
    out.toks.push(Tok {
        start: start as u32,
        end: end as u32,
        kind,
        class,
        lit: 0,
    });
}

/// The end of a markup tag starting at `i` (`<tweet tweet-id="783499116076687360">`,
/// `</p>`): a `<` before a letter or `/`, up to the `>` on the same line. Its ids and
/// timestamps are not figures.
fn markup_tag_end(b: &[u8], i: usize) -> Option<usize> {
    const MAX: usize = 1000;
    let first = *b.get(i + 1)?;
    if !(first.is_ascii_alphabetic() || first == b'/') {
        return None;
    }
    let rest = b.get(i + 1..b.len().min(i + MAX))?;
    let close = rest
        .iter()
        .position(|&c| matches!(c, b'>' | b'<' | b'\n'))?;
    (rest.get(close) == Some(&b'>')).then_some(i + close + 2)
}

fn is_url_start(b: &[u8], start: usize, end: usize) -> bool {
    let word = &b[start..end];
    let rest = &b[end..];
    ((word.eq_ignore_ascii_case(b"http") || word.eq_ignore_ascii_case(b"https"))
        && rest.starts_with(b"://"))
        || (word.eq_ignore_ascii_case(b"www") && rest.first() == Some(&b'.'))
}

/// Lexes the numeric literal starting at `start`; returns the offset after it.
fn lex_number(text: &str, start: usize, out: &mut Lexed) -> usize {
    let b = text.as_bytes();
    let n = b.len();
    // Scratch buffers kept in `out` so that a number costs no allocation to read.
    let mut int = std::mem::take(&mut out.int_buf);
    let mut frac = std::mem::take(&mut out.frac_buf);
    int.clear();
    frac.clear();
    let mut i = start;
    let lead = digits_from(b, i);
    int.push_str(&text[i..i + lead]);
    i += lead;
    let mut grouped = false;
    let mut opaque = false;
    let prev_is_list_comma = start >= 2 && b[start - 1] == b',' && b[start - 2].is_ascii_digit();
    if (1..=3).contains(&lead) {
        if b.get(i) == Some(&b',') && three_digits(b, i + 1) {
            // Western grouping: 1,234,567
            while b.get(i) == Some(&b',') && three_digits(b, i + 1) {
                int.push_str(&text[i + 1..i + 4]);
                i += 4;
                grouped = true;
            }
        } else if lead <= 2 && b.get(i) == Some(&b',') && indian_groups(b, i) {
            // Indian grouping: 12,34,567
            while b.get(i) == Some(&b',') && is_digit_at(b, i + 1) {
                let d = digits_from(b, i + 1);
                int.push_str(&text[i + 1..i + 1 + d]);
                i += 1 + d;
            }
            grouped = true;
        } else if b.get(i) == Some(&b'.') && three_digits(b, i + 1) && european(b, i) {
            // European grouping: 1.111,11 or 1.234.567
            while b.get(i) == Some(&b'.') && three_digits(b, i + 1) {
                int.push_str(&text[i + 1..i + 4]);
                i += 4;
            }
            grouped = true;
            if b.get(i) == Some(&b',') && is_digit_at(b, i + 1) {
                let d = digits_from(b, i + 1);
                frac.push_str(&text[i + 1..i + 1 + d]);
                i += 1 + d;
            }
        } else {
            let w = group_space(b, i);
            let prev_plus = start > 0 && b[start - 1] == b'+';
            if w > 0 && three_digits(b, i + w) && !prev_plus {
                while group_space(b, i) > 0 && three_digits(b, i + group_space(b, i)) {
                    let w = group_space(b, i);
                    int.push_str(&text[i + w..i + w + 3]);
                    i += w + 3;
                    grouped = true;
                }
            }
        }
    }
    if frac.is_empty() && b.get(i) == Some(&b'.') && is_digit_at(b, i + 1) {
        let d = digits_from(b, i + 1);
        frac.push_str(&text[i + 1..i + 1 + d]);
        i += 1 + d;
        // 192.168.1.2, 1.2.3: dotted identifiers
        while b.get(i) == Some(&b'.') && is_digit_at(b, i + 1) {
            opaque = true;
            i += 1 + digits_from(b, i + 1);
        }
    } else if frac.is_empty()
        && !grouped
        && lead > 0
        && b.get(i) == Some(&b',')
        && (1..=2).contains(&digits_from(b, i + 1))
        && !prev_is_list_comma
    {
        // Decimal comma ("5,00", "1,3"), unless it continues a list ("22,24,26").
        let d = digits_from(b, i + 1);
        let after = i + 1 + d;
        let list = b.get(after) == Some(&b',') && is_digit_at(b, after + 1);
        if !list {
            frac.push_str(&text[i + 1..after]);
            i = after;
        }
    }
    let mut exp: i64 = 0;
    let mut has_exp = false;
    // 1e10, 12.32e+14, -12e-1
    if matches!(b.get(i), Some(b'e') | Some(b'E')) {
        let mut j = i + 1;
        let neg = b.get(j) == Some(&b'-');
        if matches!(b.get(j), Some(b'-') | Some(b'+')) {
            j += 1;
        }
        let d = digits_from(b, j);
        if d > 0 && d <= 6 && !b.get(j + d).is_some_and(|c| c.is_ascii_alphabetic()) {
            let e: i64 = text[j..j + d].parse().unwrap_or(0);
            exp = if neg { -e } else { e };
            has_exp = true;
            i = j + d;
        }
    }
    // 1.3x10^6, 6.23×10^-4
    let times_len = if b.get(i) == Some(&b'x') {
        1
    } else if text.get(i..).is_some_and(|s| s.starts_with('×')) {
        2
    } else {
        0
    };
    if times_len > 0 && b.get(i + times_len..i + times_len + 3) == Some(b"10^") {
        let mut j = i + times_len + 3;
        let neg = b.get(j) == Some(&b'-');
        if matches!(b.get(j), Some(b'-') | Some(b'+')) {
            j += 1;
        }
        let d = digits_from(b, j);
        if d > 0 && d <= 6 {
            let e: i64 = text[j..j + d].parse().unwrap_or(0);
            exp += if neg { -e } else { e };
            has_exp = true;
            i = j + d;
        }
    }
    // Powers: "1.1^23", "2.5^-1".
    let mut power: Option<i64> = None;
    if b.get(i) == Some(&b'^') {
        let mut j = i + 1;
        let neg = b.get(j) == Some(&b'-');
        if matches!(b.get(j), Some(b'-') | Some(b'+')) {
            j += 1;
        }
        let d = digits_from(b, j);
        let p: i64 = text.get(j..j + d).and_then(|x| x.parse().ok()).unwrap_or(0);
        if d > 0 && d <= 2 && b.get(j + d) != Some(&b'.') {
            power = Some(if neg { -p } else { p });
            i = j + d;
        } else {
            opaque = true;
            i += 1;
            while i < n && (b[i].is_ascii_digit() || matches!(b[i], b'-' | b'+' | b'.')) {
                i += 1;
            }
        }
    }
    if !grouped && frac.is_empty() && !has_exp {
        let plus = start > 0 && b[start - 1] == b'+';
        // Clock times (10:30), slash dates (5/17/2018), hyphen chains (+1-222-2222).
        if let Some(end) = phone_end(b, start, i, plus) {
            opaque = true;
            i = end;
        } else if b.get(i) == Some(&b':') && digits_from(b, i + 1) == 2 {
            opaque = true;
            while b.get(i) == Some(&b':') && digits_from(b, i + 1) == 2 {
                i += 3;
            }
        } else if b.get(i) == Some(&b'/') && is_digit_at(b, i + 1) {
            let d = digits_from(b, i + 1);
            let chained = b.get(i + 1 + d) == Some(&b'/') && is_digit_at(b, i + 2 + d);
            if chained {
                opaque = true;
                while b.get(i) == Some(&b'/') && is_digit_at(b, i + 1) {
                    i += 1 + digits_from(b, i + 1);
                }
            }
        } else if b.get(i) == Some(&b'-') && is_digit_at(b, i + 1) {
            let d = digits_from(b, i + 1);
            let chained = b.get(i + 1 + d) == Some(&b'-') && is_digit_at(b, i + 2 + d);
            let phone = lead == 3 && d == 4;
            // "1-800-CALL-FBI"
            let vanity = lead == 1 && d == 3 && b.get(i + 1 + d) == Some(&b'-');
            if chained || phone || plus || vanity {
                opaque = true;
                while matches!(b.get(i), Some(b'-') | Some(b'/')) && is_digit_at(b, i + 1) {
                    i += 1 + digits_from(b, i + 1);
                }
            }
        }
    }
    if opaque {
        out.int_buf = int;
        out.frac_buf = frac;
        push(out, b, start, i, Kind::Opaque, WClass::None);
        return i;
    }
    let int_digits = int.len();
    let plain = if !grouped
        && frac.is_empty()
        && !has_exp
        && power.is_none()
        && int_digits <= 18
        && int_digits > 0
    {
        int.parse::<u64>().ok()
    } else {
        None
    };
    let value = if int.len() + frac.len() > crate::decimal::MAX_DIGITS {
        None
    } else {
        if !frac.is_empty() {
            int.push('.');
            int.push_str(&frac);
        }
        let base = int.parse::<Decimal>().ok().map(|d| d.scale10(exp));
        match power {
            Some(p) => base.and_then(|x| x.powi(p)),
            None => base,
        }
    };
    let fraction = !frac.is_empty();
    out.int_buf = int;
    out.frac_buf = frac;
    let _ = fraction;
    out.mark_prev_word(usize::MAX);
    out.mark(out.toks.len());
    let lit = out.lits.len() as u32;
    out.lits.push(NumLit {
        value,
        plain,
        int_digits,
        grouped,
    });
    out.toks.push(Tok {
        start: start as u32,
        end: i as u32,
        kind: Kind::Num,
        class: WClass::None,
        lit,
    });
    i
}

/// The end of a phone number written with spaces or dots whose first digits run from
/// `start` to `i`: an international one after `+` ("+44 20 7946 0958", "+1 202 555
/// 0100", two groups or more) or "(202) 555 0100"; a number of four digits or more
/// padded with a leading zero ("0100"), which no quantity is, is one too ("0000" is
/// zero).
fn phone_end(b: &[u8], start: usize, i: usize, plus: bool) -> Option<usize> {
    if plus {
        let mut j = i;
        let mut groups = 0;
        while matches!(b.get(j), Some(b' ') | Some(b'.')) && is_digit_at(b, j + 1) {
            j += 1 + digits_from(b, j + 1);
            groups += 1;
        }
        if groups >= 2 {
            return Some(j);
        }
    }
    let lead = i - start;
    if lead == 3
        && start > 0
        && b[start - 1] == b'('
        && b.get(i..i + 2) == Some(b") ")
        && digits_from(b, i + 2) == 3
        && matches!(b.get(i + 5), Some(b' ') | Some(b'-') | Some(b'.'))
        && digits_from(b, i + 6) == 4
    {
        return Some(i + 10);
    }
    let padded = b[start] == b'0'
        && b.get(start..i)
            .is_some_and(|d| d.iter().any(|&c| c != b'0'));
    (lead >= 4 && padded).then_some(i)
}

/// `,dd` groups ending in one `,ddd` group: the Indian lakh/crore grouping.
fn indian_groups(b: &[u8], mut i: usize) -> bool {
    let mut pairs = 0;
    while b.get(i) == Some(&b',') {
        match digits_from(b, i + 1) {
            2 => {
                pairs += 1;
                i += 3;
            }
            3 => return pairs > 0,
            _ => return false,
        }
    }
    false
}

/// After `d.ddd`: European grouping when a decimal comma or another `.ddd` group follows.
fn european(b: &[u8], i: usize) -> bool {
    let j = i + 4;
    (b.get(j) == Some(&b',') && is_digit_at(b, j + 1) && digits_from(b, j + 1) <= 2)
        || (b.get(j) == Some(&b'.') && three_digits(b, j + 1))
}
