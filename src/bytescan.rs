//! Byte scans eight bytes at a time, for the hot loops of the segmenter, the lexers and
//! the claims word lists.
//!
//! Text is mostly long runs of letters between rare stop bytes; a byte-by-byte test
//! mispredicts at every other character, while these tests look at a whole `u64` and
//! branch once per eight bytes. Each function has a byte-by-byte twin in its tests.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The offset of the first byte at or after `i` for which `stop` holds, or `b.len()`.
/// `stop_mask` gives, for eight bytes read little-endian, a word whose lowest set bit is
/// the high bit of the first stop byte (bits after it may be inexact).
#[inline]
fn scan(
    b: &[u8],
    mut i: usize,
    stop_mask: impl Fn(u64) -> u64,
    stop: impl Fn(u8) -> bool,
) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let hits = stop_mask(u64::from_le_bytes(word));
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !stop(b[i]) {
        i += 1;
    }
    i
}

/// The high bit of each byte of `y` (bytes already cut to seven bits) in `lo..=hi`: the
/// two additions set a byte's high bit from `lo` and from past `hi`, and never carry into
/// the next byte.
#[inline]
fn in_range(y: u64, lo: u8, hi: u8) -> u64 {
    (y + (0x80 - u64::from(lo)) * LO) & !(y + (0x80 - u64::from(hi) - 1) * LO)
}

/// The high bit of each byte of `x` that is an ASCII letter.
#[inline]
fn alpha_mask(x: u64) -> u64 {
    // With bit 5 set, upper-case letters fall in `a..=z`; bytes >= 0x80 are masked out.
    let folded = (x | (0x20 * LO)) & (0x7f * LO);
    in_range(folded, b'a', b'z') & !x & HI
}

/// The high bit of each byte of `x` that is an ASCII letter or digit.
#[inline]
fn alnum_mask(x: u64) -> u64 {
    let folded = (x | (0x20 * LO)) & (0x7f * LO);
    let digits = in_range(x & (0x7f * LO), b'0', b'9');
    (in_range(folded, b'a', b'z') | digits) & !x & HI
}

/// The high bit of each byte of `x` equal to `c`, exact up to the first such byte (the
/// borrow of the subtraction can only mark bytes after a match).
#[inline]
fn bytes_equal(x: u64, c: u8) -> u64 {
    let v = x ^ (LO * u64::from(c));
    v.wrapping_sub(LO) & !v & HI
}

/// The high bit of each byte of `x` below `n` (at most 0x80), exact up to the first such
/// byte (as in [`bytes_equal`], the borrow can only mark bytes after one).
#[inline]
fn below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(LO * u64::from(n)) & !x & HI
}

/// The offset of the first byte at or after `i` that is not an ASCII letter.
#[inline]
pub fn alpha_end(b: &[u8], i: usize) -> usize {
    scan(b, i, |x| !alpha_mask(x) & HI, |c| !c.is_ascii_alphabetic())
}

/// The offset of the first byte at or after `i` that is not an ASCII letter or digit.
#[inline]
pub fn alnum_end(b: &[u8], i: usize) -> usize {
    scan(
        b,
        i,
        |x| !alnum_mask(x) & HI,
        |c| !c.is_ascii_alphanumeric(),
    )
}

/// The offset of the first byte at or after `i` that is one of `set` (at most a few
/// bytes, all ASCII), or `b.len()`.
#[inline]
pub fn find_any(b: &[u8], i: usize, set: &[u8]) -> usize {
    scan(
        b,
        i,
        |x| set.iter().fold(0, |acc, &c| acc | bytes_equal(x, c)),
        |c| set.contains(&c),
    )
}

/// The offset of the first byte at or after `i` that is not ASCII, or `b.len()`.
#[inline]
pub fn non_ascii(b: &[u8], i: usize) -> usize {
    scan(b, i, |x| x & HI, |c| c >= 0x80)
}

/// The offset of the first byte at or after `i` that a JSON string must escape: a
/// control byte below 0x20, a quotation mark or a backslash (RFC 8259, section 7).
#[inline]
pub fn json_escape_end(b: &[u8], i: usize) -> usize {
    scan(
        b,
        i,
        |x| below(x, 0x20) | bytes_equal(x, b'"') | bytes_equal(x, b'\\'),
        |c| c < 0x20 || c == b'"' || c == b'\\',
    )
}

/// The words of a text: maximal runs of alphanumeric characters, exactly the non-empty
/// pieces of `text.split(|c: char| !c.is_alphanumeric())`. ASCII runs are scanned eight
/// bytes at a time; only non-ASCII characters are decoded.
pub fn words(text: &str) -> Words<'_> {
    Words { text, i: 0 }
}

/// The iterator of [`words`].
#[derive(Clone)]
pub struct Words<'a> {
    text: &'a str,
    i: usize,
}

impl<'a> Words<'a> {
    /// Whether the character at byte `i` (a char boundary) is alphanumeric, and its length.
    fn char_at(&self, i: usize) -> (bool, usize) {
        match self.text.get(i..).and_then(|s| s.chars().next()) {
            Some(c) => (c.is_alphanumeric(), c.len_utf8()),
            None => (false, 1),
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let b = self.text.as_bytes();
        // Skip separators, ASCII ones without decoding.
        loop {
            let &c = b.get(self.i)?;
            if c < 0x80 {
                if c.is_ascii_alphanumeric() {
                    break;
                }
                self.i += 1;
                continue;
            }
            let (alnum, len) = self.char_at(self.i);
            if alnum {
                break;
            }
            self.i += len;
        }
        let start = self.i;
        loop {
            self.i = alnum_end(b, self.i);
            match b.get(self.i) {
                Some(&c) if c >= 0x80 => {
                    let (alnum, len) = self.char_at(self.i);
                    if !alnum {
                        break;
                    }
                    self.i += len;
                }
                // The end, or an ASCII byte that is not a letter or digit.
                _ => break,
            }
        }
        self.text.get(start..self.i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts with runs longer and shorter than eight bytes, non-ASCII and every edge.
    const TEXTS: [&str; 5] = [
        "Sept30 2019, the year@[`{/:09AZaz",
        "Erdoğan’s 12abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!",
        "He said so. Then?! left\r\nagain",
        "abcdefgh",
        "",
    ];

    /// `fast` agrees with a byte-by-byte scan for `stop` at every start of every text,
    /// and with every byte value placed inside and at the end of an eight-byte word.
    fn agrees(fast: impl Fn(&[u8], usize) -> usize, stop: impl Fn(u8) -> bool) {
        let slow = |b: &[u8], i: usize| i + b[i..].iter().take_while(|&&c| !stop(c)).count();
        for t in TEXTS {
            let b = t.as_bytes();
            for i in 0..=b.len() {
                assert_eq!(fast(b, i), slow(b, i), "at {i} of {t:?}");
            }
        }
        for c in 0..=255u8 {
            let b = [b'a', c, b'a', b'a', b'a', b'a', b'a', b'a', b'a', c];
            assert_eq!(fast(&b, 1), slow(&b, 1), "byte {c}");
            assert_eq!(fast(&b, 2), slow(&b, 2), "byte {c} at the end");
        }
    }

    #[test]
    fn alpha_end_matches_a_byte_by_byte_scan() {
        agrees(alpha_end, |c| !c.is_ascii_alphabetic());
    }

    #[test]
    fn alnum_end_matches_a_byte_by_byte_scan() {
        agrees(alnum_end, |c| !c.is_ascii_alphanumeric());
    }

    #[test]
    fn words_match_splitting_at_non_alphanumeric_characters() {
        let more = [
            "all-time high, 32.1% of ½ the Ⅻ; naïve café 東京 ٣٤ e\u{301}",
            "  leading and trailing  ",
            "’quoted’ — dash…",
            "x",
        ];
        for t in TEXTS.iter().chain(more.iter()) {
            let slow: Vec<&str> = t
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words(t).collect::<Vec<_>>(), slow, "{t:?}");
            for (i, _) in t.char_indices() {
                let slow: Vec<&str> = t[i..]
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                assert_eq!(words(&t[i..]).collect::<Vec<_>>(), slow, "{:?}", &t[i..]);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn words_match_splitting_on_any_text(t in "\\PC{0,64}") {
            let slow: Vec<&str> = t
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            proptest::prop_assert_eq!(words(&t).collect::<Vec<_>>(), slow);
        }
    }

    #[test]
    fn non_ascii_matches_a_byte_by_byte_scan() {
        agrees(non_ascii, |c| c >= 0x80);
    }

    #[test]
    fn json_escape_end_matches_a_byte_by_byte_scan() {
        agrees(json_escape_end, |c| c < 0x20 || c == b'"' || c == b'\\');
    }

    #[test]
    fn find_any_matches_a_byte_by_byte_scan() {
        let set = b".?!\n\r";
        agrees(|b, i| find_any(b, i, set), |c| set.contains(&c));
    }
}
