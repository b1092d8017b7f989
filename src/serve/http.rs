//! The small pieces of HTTP the desk needs on top of `tiny_http`: query strings and
//! `application/x-www-form-urlencoded` bodies (percent-decoding, as the WHATWG URL
//! standard's form parser), cookies, and responses with the security headers.

use std::collections::HashMap;

/// Decoded `name=value` pairs of a query string or form body, first value of a name wins.
#[derive(Debug, Default, Clone)]
pub struct Params(HashMap<String, String>);

impl Params {
    pub fn parse(s: &str) -> Params {
        let mut map = HashMap::new();
        for pair in s.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            map.entry(decode(k)).or_insert_with(|| decode(v));
        }
        Params(map)
    }

    /// The value of `name`, trimmed; `None` when absent or blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|v| v.trim()).filter(|v| !v.is_empty())
    }
}

/// Percent-decodes `s`, with `+` as a space; invalid UTF-8 becomes U+FFFD.
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encodes `s` for a query string value.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A query string of the non-empty pairs, `?` first, or nothing.
pub fn query(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", encode(v))))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|c| {
        let (k, v) = c.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

/// Lower-case hex of `bytes`.
pub fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Standard base64 with padding (RFC 4648), for CSP hashes.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A response before it is sent.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub body: String,
    pub content_type: &'static str,
    pub headers: Vec<(String, String)>,
}

impl Response {
    pub fn html(status: u16, body: String) -> Response {
        Response {
            status,
            body,
            content_type: "text/html; charset=utf-8",
            headers: Vec::new(),
        }
    }

    /// A 303 See Other: after a POST, the browser GETs `location`.
    pub fn redirect(location: &str) -> Response {
        Response {
            status: 303,
            body: String::new(),
            content_type: "text/plain; charset=utf-8",
            headers: vec![("Location".into(), location.into())],
        }
    }

    pub fn with_header(mut self, name: &str, value: String) -> Response {
        self.headers.push((name.into(), value));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_body_with_plus_and_percent_escapes_decodes() {
        let p =
            Params::parse("note=census+table+3.1%3A+%E2%80%9Cabout%E2%80%9D&status=false&x=%ZZ%4");
        assert_eq!(p.get("note"), Some("census table 3.1: “about”"));
        assert_eq!(p.get("status"), Some("false"));
        assert_eq!(p.get("x"), Some("%ZZ%4"));
        assert_eq!(p.get("missing"), None);
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("a%2"), "a%2");
    }

    #[test]
    fn query_values_with_ampersands_round_trip() {
        let q = query(&[("source", Some("Smith & Co".into())), ("type", None)]);
        assert_eq!(q, "?source=Smith%20%26%20Co");
        assert_eq!(Params::parse(&q[1..]).get("source"), Some("Smith & Co"));
    }

    #[test]
    fn base64_of_rfc_4648_test_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn session_cookie_is_found_among_others() {
        assert_eq!(
            cookie("a=1; ct_session=abc; b=2", "ct_session"),
            Some("abc")
        );
        assert_eq!(cookie("a=1", "ct_session"), None);
    }
}
