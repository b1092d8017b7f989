//! Exact decimal numbers for normalised values.
//!
//! "3.6 billion" must come out as 3600000000, not 3599999999.9999995, and a 400-digit
//! number must neither overflow nor panic. A [`Decimal`] is a sign, a string of digits and
//! a power-of-ten exponent; it prints canonically (no exponent, no leading zeros, no
//! trailing fractional zeros), which is also valid JSON number syntax.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// Printing a value with more digits than this is refused (the figure keeps no value):
/// nothing a news article says needs it, and it bounds the work on hostile input.
pub const MAX_DIGITS: usize = 1200;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    negative: bool,
    /// Significant digits, most significant first, no leading zeros; empty means zero.
    digits: Vec<u8>,
    /// The value is digits × 10^exp.
    exp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a decimal number: {0:?}")]
pub struct ParseDecimalError(pub String);

impl Decimal {
    pub fn zero() -> Decimal {
        Decimal {
            negative: false,
            digits: Vec::new(),
            exp: 0,
        }
    }

    pub fn from_u64(n: u64) -> Decimal {
        let mut digits = Vec::with_capacity(20);
        let mut m = n;
        while m > 0 {
            digits.push((m % 10) as u8);
            m /= 10;
        }
        digits.reverse();
        Decimal::from_parts(false, digits, 0)
    }

    pub fn from_i64(n: i64) -> Decimal {
        let mut d = Decimal::from_u64(n.unsigned_abs());
        d.negative = n < 0 && !d.is_zero();
        d
    }

    fn from_parts(negative: bool, mut digits: Vec<u8>, mut exp: i64) -> Decimal {
        let lead = digits.iter().take_while(|&&d| d == 0).count();
        digits.drain(..lead);
        while digits.last() == Some(&0) {
            digits.pop();
            exp += 1;
        }
        if digits.is_empty() {
            return Decimal::zero();
        }
        Decimal {
            negative,
            digits,
            exp,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// True when the value has no fractional part.
    pub fn is_integer(&self) -> bool {
        self.exp >= 0
    }

    /// Number of digits the canonical form prints (before the sign), a bound on its size.
    pub fn printed_digits(&self) -> usize {
        let n = self.digits.len() as i64;
        if self.exp >= 0 {
            (n + self.exp) as usize
        } else {
            (n.max(-self.exp) + 1) as usize
        }
    }

    pub fn negated(mut self) -> Decimal {
        if !self.is_zero() {
            self.negative = !self.negative;
        }
        self
    }

    /// Multiplies by 10^k exactly.
    pub fn scale10(mut self, k: i64) -> Decimal {
        if !self.is_zero() {
            self.exp = self.exp.saturating_add(k);
        }
        self
    }

    /// Exact product.
    pub fn mul(&self, other: &Decimal) -> Decimal {
        if self.is_zero() || other.is_zero() {
            return Decimal::zero();
        }
        let a = &self.digits;
        let b = &other.digits;
        let mut out = vec![0u32; a.len() + b.len()];
        for (i, &x) in a.iter().enumerate().rev() {
            for (j, &y) in b.iter().enumerate().rev() {
                out[i + j + 1] += u32::from(x) * u32::from(y);
            }
        }
        for k in (1..out.len()).rev() {
            let carry = out[k] / 10;
            out[k] %= 10;
            out[k - 1] += carry;
        }
        let digits = out.into_iter().map(|d| d as u8).collect();
        Decimal::from_parts(
            self.negative != other.negative,
            digits,
            self.exp.saturating_add(other.exp),
        )
    }

    /// Exact sum.
    pub fn add(&self, other: &Decimal) -> Decimal {
        if self.is_zero() {
            return other.clone();
        }
        if other.is_zero() {
            return self.clone();
        }
        let exp = self.exp.min(other.exp);
        let (a, b) = (self.aligned(exp), other.aligned(exp));
        if self.negative == other.negative {
            return Decimal::from_parts(self.negative, add_digits(&a, &b), exp);
        }
        match cmp_digits(&a, &b) {
            Ordering::Equal => Decimal::zero(),
            Ordering::Greater => Decimal::from_parts(self.negative, sub_digits(&a, &b), exp),
            Ordering::Less => Decimal::from_parts(other.negative, sub_digits(&b, &a), exp),
        }
    }

    /// Quotient rounded to `places` fractional digits (for fractions such as "two thirds").
    pub fn div_round(&self, divisor: u64, places: usize) -> Decimal {
        if divisor == 0 || self.is_zero() {
            return Decimal::zero();
        }
        let scaled = self.clone().scale10(places as i64 + 1);
        let int = scaled.aligned(0);
        let mut rem: u128 = 0;
        let mut q = Vec::with_capacity(int.len());
        for d in int {
            rem = rem * 10 + u128::from(d);
            q.push((rem / u128::from(divisor)) as u8);
            rem %= u128::from(divisor);
        }
        // Round half up on the extra digit.
        let last = q.pop().unwrap_or(0);
        let mut out = Decimal::from_parts(self.negative, q, -(places as i64));
        if last >= 5 {
            let unit = Decimal::from_parts(self.negative, vec![1], -(places as i64));
            out = out.add(&unit);
        }
        out
    }

    /// `self` raised to an integer power (|p| <= 99), exact for positive powers and
    /// rounded to 20 fractional digits for negative ones; `None` for 0^-p or when the
    /// result would exceed [`MAX_DIGITS`].
    pub fn powi(&self, p: i64) -> Option<Decimal> {
        if p.abs() > 99 || self.digits.len().saturating_mul(p.unsigned_abs() as usize) > MAX_DIGITS
        {
            return None;
        }
        let mut out = Decimal::from_u64(1);
        for _ in 0..p.abs() {
            out = out.mul(self);
        }
        if p >= 0 {
            return Some(out);
        }
        if out.is_zero() {
            return None;
        }
        // 1 / (m × 10^e) = (1 / m) × 10^-e, with m an integer that fits a u64.
        let m = Decimal::from_parts(false, out.digits.clone(), 0).to_u64()?;
        let q = Decimal::from_u64(1).div_round(m, 20).scale10(-out.exp);
        Some(if out.negative { q.negated() } else { q })
    }

    /// Digits of |self| as an integer scaled so that its exponent is `exp` (exp <= self.exp);
    /// digits below 10^exp are dropped.
    fn aligned(&self, exp: i64) -> Vec<u8> {
        let mut v = self.digits.clone();
        if self.exp >= exp {
            v.extend(std::iter::repeat_n(0, (self.exp - exp) as usize));
        } else {
            let drop = ((exp - self.exp) as usize).min(v.len());
            v.truncate(v.len() - drop);
        }
        v
    }

    /// The value as u64 when it is a non-negative integer that fits.
    pub fn to_u64(&self) -> Option<u64> {
        if self.negative || self.exp < 0 || self.printed_digits() > 20 {
            return None;
        }
        let mut n: u64 = 0;
        for &d in &self.digits {
            n = n.checked_mul(10)?.checked_add(u64::from(d))?;
        }
        for _ in 0..self.exp {
            n = n.checked_mul(10)?;
        }
        Some(n)
    }

    /// Compares with a small non-negative integer without allocating.
    pub fn cmp_u64(&self, n: u64) -> Ordering {
        match self.to_u64() {
            Some(v) => v.cmp(&n),
            None if self.negative => Ordering::Less,
            None if self.exp < 0 => {
                // A non-integer: compare its integer part, then it is just above it.
                let int = Decimal::from_parts(false, self.aligned(0), 0);
                match int.to_u64() {
                    Some(v) if v >= n => Ordering::Greater,
                    Some(_) => Ordering::Less,
                    None => Ordering::Greater,
                }
            }
            None => Ordering::Greater,
        }
    }
}

fn add_digits(a: &[u8], b: &[u8]) -> Vec<u8> {
    let n = a.len().max(b.len());
    let mut out = vec![0u8; n + 1];
    let mut carry = 0;
    for k in 0..n {
        let x = if k < a.len() { a[a.len() - 1 - k] } else { 0 };
        let y = if k < b.len() { b[b.len() - 1 - k] } else { 0 };
        let s = x + y + carry;
        out[n - k] = s % 10;
        carry = s / 10;
    }
    out[0] = carry;
    out
}

fn strip(a: &[u8]) -> &[u8] {
    let lead = a.iter().take_while(|&&d| d == 0).count();
    &a[lead..]
}

fn cmp_digits(a: &[u8], b: &[u8]) -> Ordering {
    let (a, b) = (strip(a), strip(b));
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// a - b for a >= b.
fn sub_digits(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = a.to_vec();
    let mut borrow = 0i16;
    for k in 0..out.len() {
        let i = out.len() - 1 - k;
        let y = if k < b.len() {
            i16::from(b[b.len() - 1 - k])
        } else {
            0
        };
        let mut d = i16::from(out[i]) - y - borrow;
        borrow = 0;
        if d < 0 {
            d += 10;
            borrow = 1;
        }
        out[i] = d as u8;
    }
    out
}

impl FromStr for Decimal {
    type Err = ParseDecimalError;

    /// Parses `-?digits[.digits]` or `-?.digits`, with an optional `e±N` exponent.
    fn from_str(s: &str) -> Result<Decimal, ParseDecimalError> {
        let err = || ParseDecimalError(s.chars().take(40).collect());
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (mantissa, exp_part) = match body.find(['e', 'E']) {
            Some(i) => (&body[..i], Some(&body[i + 1..])),
            None => (body, None),
        };
        let (int, frac) = match mantissa.split_once('.') {
            Some((i, f)) => (i, f),
            None => (mantissa, ""),
        };
        if int.is_empty() && frac.is_empty()
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(err());
        }
        let mut exp: i64 = -(frac.len() as i64);
        if let Some(e) = exp_part {
            let e: i64 = e.parse().map_err(|_| err())?;
            if e.abs() > 100_000 {
                return Err(err());
            }
            exp += e;
        }
        let digits = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        Ok(Decimal::from_parts(negative, digits, exp))
    }
}

impl Decimal {
    /// Appends the canonical form (what `Display` prints) to `out` as ASCII bytes.
    pub fn write_canonical(&self, out: &mut Vec<u8>) {
        if self.is_zero() {
            out.push(b'0');
            return;
        }
        out.reserve(self.printed_digits() + 2);
        if self.negative {
            out.push(b'-');
        }
        let digit = |d: &u8| b'0' + d;
        if self.exp >= 0 {
            out.extend(self.digits.iter().map(digit));
            out.extend(std::iter::repeat_n(b'0', self.exp as usize));
        } else {
            let frac = (-self.exp) as usize;
            if frac >= self.digits.len() {
                out.extend_from_slice(b"0.");
                out.extend(std::iter::repeat_n(b'0', frac - self.digits.len()));
                out.extend(self.digits.iter().map(digit));
            } else {
                let cut = self.digits.len() - frac;
                out.extend(self.digits[..cut].iter().map(digit));
                out.push(b'.');
                out.extend(self.digits[cut..].iter().map(digit));
            }
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = Vec::new();
        self.write_canonical(&mut s);
        f.write_str(std::str::from_utf8(&s).map_err(|_| fmt::Error)?)
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        let sign = |d: &Decimal| {
            if d.is_zero() {
                0
            } else if d.negative {
                -1
            } else {
                1
            }
        };
        match sign(self).cmp(&sign(other)) {
            Ordering::Equal if sign(self) == 0 => return Ordering::Equal,
            Ordering::Equal => {}
            o => return o,
        }
        // Same sign, both non-zero: compare magnitudes by the position of the leading
        // digit, then digit by digit (canonical forms have no leading or trailing zeros).
        let top = |d: &Decimal| d.digits.len() as i64 + d.exp;
        let magnitude = top(self).cmp(&top(other)).then_with(|| {
            let n = self.digits.len().max(other.digits.len());
            (0..n)
                .map(|i| {
                    let a = self.digits.get(i).copied().unwrap_or(0);
                    let b = other.digits.get(i).copied().unwrap_or(0);
                    a.cmp(&b)
                })
                .find(|o| *o != Ordering::Equal)
                .unwrap_or(Ordering::Equal)
        });
        if self.negative {
            magnitude.reverse()
        } else {
            magnitude
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn three_point_six_billion_is_exact() {
        assert_eq!(d("3.6").scale10(9).to_string(), "3600000000");
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(d("0032.10").to_string(), "32.1");
        assert_eq!(d(".08").to_string(), "0.08");
        assert_eq!(d("-4").to_string(), "-4");
        assert_eq!(d("-0").to_string(), "0");
        assert_eq!(d("1e3").to_string(), "1000");
    }

    #[test]
    fn arithmetic_is_exact() {
        assert_eq!(d("322").mul(&d("100")).to_string(), "32200");
        assert_eq!(d("0.1").add(&d("0.2")).to_string(), "0.3");
        assert_eq!(d("5").add(&d("-7")).to_string(), "-2");
        assert_eq!(d("2").div_round(3, 15).to_string(), "0.666666666666667");
        assert!(d("90") < d("95"));
    }

    #[test]
    fn ordering_without_subtraction() {
        assert!(d("0.5") < d("2"));
        assert!(d("-3") < d("-2.5"));
        assert!(d("1000") > d("999.99"));
        assert_eq!(d("2.50").cmp(&d("2.5")), Ordering::Equal);
        assert!(d("-1") < d("0"));
        assert_eq!(d("3.6").scale10(9).to_u64(), Some(3_600_000_000));
        assert_eq!(d("2.5").cmp_u64(2), Ordering::Greater);
        assert_eq!(d("99").cmp_u64(100), Ordering::Less);
    }

    #[test]
    fn four_hundred_digits_do_not_overflow() {
        let big = "9".repeat(400);
        let x = d(&big);
        assert_eq!(x.to_string(), big);
        assert_eq!(x.to_u64(), None);
        assert!(d("1e400").printed_digits() == 401);
    }

    #[test]
    fn rejects_garbage() {
        for bad in ["", ".", "1.2.3", "abc", "1e", "1e999999999"] {
            assert!(bad.parse::<Decimal>().is_err(), "{bad}");
        }
    }
}
