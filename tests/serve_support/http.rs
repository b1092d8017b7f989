//! A minimal HTTP/1.1 client over a plain socket, one request per connection, so the
//! tests and the load bench see exactly the bytes a browser gets.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};

/// A response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The value of the first hidden `csrf` field.
    pub fn csrf(&self) -> String {
        field(&self.body, "csrf").unwrap_or_else(|| panic!("no csrf field in {}", self.body))
    }
}

/// The value of the first `<input … name="NAME" value="…">` in `html`.
pub fn field(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[at + name.len() + 15..];
    Some(rest[..rest.find('"')?].to_string())
}

/// A browser-like client: keeps the session cookie it is given.
pub struct Client {
    addr: SocketAddr,
    pub cookie: Option<String>,
    /// Extra headers sent with every request.
    pub headers: Vec<(String, String)>,
}

impl Client {
    /// A client of any HTTP server on this machine.
    pub fn to(addr: SocketAddr) -> Client {
        Client {
            addr,
            cookie: None,
            headers: Vec::new(),
        }
    }

    pub fn get(&mut self, path: &str) -> Resp {
        self.send("GET", path, None)
    }

    /// POSTs a form (`application/x-www-form-urlencoded`).
    pub fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Resp {
        let body: Vec<String> = form
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect();
        self.send("POST", path, Some(body.join("&")))
    }

    pub fn send(&mut self, method: &str, path: &str, body: Option<String>) -> Resp {
        self.send_typed(method, path, body, "application/x-www-form-urlencoded")
    }

    /// Sends a JSON body (or none) and parses the JSON answer (WebDriver's protocol).
    pub fn json(
        &mut self,
        method: &str,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> serde_json::Value {
        let r = self.send_typed(
            method,
            path,
            body.map(|b| b.to_string()),
            "application/json",
        );
        serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{method} {path}: {e}: {}", r.body))
    }

    fn send_typed(
        &mut self,
        method: &str,
        path: &str,
        body: Option<String>,
        content_type: &str,
    ) -> Resp {
        // As a browser does, the fragment stays on the client.
        let path = path.split('#').next().unwrap_or(path);
        let mut s = TcpStream::connect(self.addr).expect("connect to the desk");
        let host = self
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("Host"))
            .map_or_else(|| self.addr.to_string(), |(_, v)| v.clone());
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
        if let Some(c) = &self.cookie {
            req.push_str(&format!("Cookie: ct_session={c}\r\n"));
        }
        for (k, v) in self
            .headers
            .iter()
            .filter(|(k, _)| !k.eq_ignore_ascii_case("Host"))
        {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        let body = body.unwrap_or_default();
        if method == "POST" {
            req.push_str(&format!(
                "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        req.push_str("\r\n");
        req.push_str(&body);
        s.write_all(req.as_bytes()).expect("send");
        let resp = parse(&read_response(&mut s));
        if let Some(c) = resp.header("Set-Cookie") {
            if let Some(v) = c
                .strip_prefix("ct_session=")
                .and_then(|v| v.split(';').next())
            {
                self.cookie = Some(v.to_string());
            }
        }
        resp
    }
}

/// Reads one response: the head, then `Content-Length` bytes, or the chunks, or (with
/// neither) to the end of the stream. Some servers keep the connection open even when
/// asked to close it.
fn read_response(s: &mut TcpStream) -> Vec<u8> {
    let mut r = BufReader::new(s);
    let mut raw = Vec::new();
    let mut length = None;
    let mut chunked = false;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).expect("read the response head") == 0 {
            return raw;
        }
        raw.extend_from_slice(line.as_bytes());
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse::<usize>().ok();
        }
        chunked |= lower.starts_with("transfer-encoding:") && lower.contains("chunked");
        if line == "\r\n" {
            break;
        }
    }
    if let Some(n) = length {
        let mut body = vec![0; n];
        r.read_exact(&mut body).expect("read the response body");
        raw.extend(body);
    } else if chunked {
        loop {
            let mut size = String::new();
            r.read_line(&mut size).expect("chunk size");
            raw.extend_from_slice(size.as_bytes());
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            let mut chunk = vec![0; n + 2];
            r.read_exact(&mut chunk).expect("chunk");
            raw.extend(chunk);
            if n == 0 {
                break;
            }
        }
    } else {
        r.read_to_end(&mut raw).expect("read the response");
    }
    raw
}

fn parse(raw: &[u8]) -> Resp {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response");
    let head = String::from_utf8_lossy(&raw[..split]);
    let body = &raw[split + 4..];
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("Transfer-Encoding") && v.contains("chunked"));
    // Chunks may end inside a character: join the bytes first, then decode.
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_vec()
    };
    Resp {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn dechunk(mut s: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = s.windows(2).position(|w| w == b"\r\n") {
        let size = String::from_utf8_lossy(&s[..eol]);
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        let rest = &s[eol + 2..];
        if n == 0 || rest.len() < n {
            break;
        }
        out.extend_from_slice(&rest[..n]);
        s = rest[n..].strip_prefix(b"\r\n").unwrap_or(&rest[n..]);
    }
    out
}

pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
