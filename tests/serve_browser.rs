//! The desk in a real browser: headless Chromium driven through chromedriver's W3C
//! WebDriver protocol (a handful of JSON commands over HTTP, spoken directly).
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); without
//! them each test says so and passes without running (and fails when `$CI` is set). Screenshots go to
//! `target/screenshots/`.

mod serve_support;

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use serve_support::{claim_with, cli, seed_db, Client, Desk};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// A headless Chromium session, ended when dropped.
struct Browser {
    /// One browser at a time: several Chromiums at once on a two-core machine make
    /// chromedriver drop connections.
    _turn: std::sync::MutexGuard<'static, ()>,
    driver: Child,
    client: Client,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// `None` (with a message) when Chromium or chromedriver is not installed.
    fn start() -> Option<Browser> {
        let (Some(chromium), Some(driver)) = (
            find_program(&["chromium", "chromium-browser"]),
            find_program(&["chromedriver"]),
        ) else {
            let why = "browser test needs chromium and chromedriver (Debian: apt-get install chromium chromium-driver; .ci/run installs them)";
            // CI installs them, so there a missing browser is a failure, not a skip.
            assert!(std::env::var_os("CI").is_none(), "{why}");
            eprintln!("SKIPPED: {why}");
            return None;
        };
        static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let turn = TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("address");
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not start listening"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().expect("profile dir");
        let mut client = Client::to(addr);
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", "--window-size=1400,1000",
                         format!("--user-data-dir={}", profile.path().display())]
            }
        }}});
        let r = client.json("POST", "/session", Some(caps));
        let session = r["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {r}"))
            .to_string();
        Some(Browser {
            _turn: turn,
            driver,
            client,
            session,
            _profile: profile,
        })
    }

    fn cmd(&mut self, method: &str, path: &str, body: Option<Value>) -> Value {
        if std::env::var_os("WEBDRIVER_TRACE").is_some() {
            eprintln!("webdriver: {method} {path}");
        }
        let r = self
            .client
            .json(method, &format!("/session/{}{path}", self.session), body);
        r["value"].clone()
    }

    fn ok(&mut self, method: &str, path: &str, body: Option<Value>) -> Value {
        let v = self.cmd(method, path, body);
        assert!(v.get("error").is_none(), "{method} {path}: {v}");
        v
    }

    fn open(&mut self, url: &str) {
        self.ok("POST", "/url", Some(json!({ "url": url })));
    }

    fn url(&mut self) -> String {
        self.ok("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn source(&mut self) -> String {
        self.ok("GET", "/source", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn find(&mut self, css: &str) -> String {
        let v = self.ok(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {v}"))
            .to_string()
    }

    fn click(&mut self, css: &str) {
        let e = self.find(css);
        self.ok("POST", &format!("/element/{e}/click"), Some(json!({})));
    }

    fn type_into(&mut self, css: &str, text: &str) {
        let e = self.find(css);
        self.ok(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn text(&mut self, css: &str) -> String {
        let e = self.find(css);
        self.ok("GET", &format!("/element/{e}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Presses a key on the page (not in a field).
    fn key(&mut self, k: &str) {
        self.ok(
            "POST",
            "/actions",
            Some(
                json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": k}, {"type": "keyUp", "value": k}]}]}),
            ),
        );
    }

    /// Waits until the page source satisfies `ok` (a page load after a key press).
    fn wait_for(&mut self, what: &str, ok: impl Fn(&str, &str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let (url, source) = (self.url(), self.source());
            if ok(&url, &source) {
                return source;
            }
            assert!(
                Instant::now() < deadline,
                "waited in vain for {what}; at {url}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn screenshot(&mut self, name: &str) -> PathBuf {
        let png = decode_base64(
            self.ok("GET", "/screenshot", None)
                .as_str()
                .unwrap_or_default(),
        );
        assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        let path = dir.join(name);
        std::fs::write(&path, png).expect("write screenshot");
        path
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self
            .client
            .json("DELETE", &format!("/session/{}", self.session), None);
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn decode_base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = s.bytes().filter_map(val).collect();
    digits
        .chunks(4)
        .flat_map(|c| {
            let n = c
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &d)| n | (d as u32) << (18 - 6 * i));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(c.len().saturating_sub(1))
        })
        .collect()
}

#[test]
fn mark_the_two_million_claim_false_in_the_browser_and_find_it_in_the_history() {
    let Some(mut b) = Browser::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let id = claim_with(&db, "closer to 2 million");
    let desk = Desk::start(&db, &[]);
    b.open(&desk.url("/"));
    assert!(b.text("h1").contains("Documents"));
    b.screenshot("documents.png");
    b.click("a[href='/doc/1']");
    b.click(&format!("#c{id}"));
    let page = b.wait_for("the claim panel", |url, s| {
        url.contains(&format!("claim={id}")) && s.contains("id=\"panel\"")
    });
    assert!(
        page.contains("2000000"),
        "normalised 2 million in the panel"
    );
    b.type_into("#note", "census: about 600,000");
    b.click("button[value='false']");
    b.wait_for("the review to land", |_, s| s.contains("badge st-false"));
    b.ok("POST", "/refresh", Some(json!({})));
    let page = b.source();
    assert!(
        page.contains(&format!(
            "Claim {id} <span class=\"badge st-false\">false</span>"
        )),
        "{page}"
    );
    assert!(b
        .text("#panel table.grid:last-of-type")
        .contains("census: about 600,000"));
    b.screenshot("article-panel.png");
    let (code, out, _) = cli(&db, &["history", &id.to_string(), "--format", "json"]);
    assert_eq!(code, 0);
    let log: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(log[0]["to_status"], "false");
    assert_eq!(log[0]["note"], "census: about 600,000");
    assert_eq!(log[0]["reviewer"], "ana");
}

#[test]
fn three_claims_reviewed_with_the_keyboard() {
    let Some(mut b) = Browser::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let desk = Desk::start(&db, &[]);
    b.open(&desk.url("/doc/1?unsourced=1"));
    b.click("a.claim");
    let mut reviewed = Vec::new();
    for _ in 0..3 {
        let url = b.wait_for("a claim panel", |_, s| {
            s.contains("id=\"panel\"") && s.contains("badge st-unverified")
        });
        let _ = url;
        let at = b.url();
        let claim: i64 = at
            .split("claim=")
            .nth(1)
            .and_then(|s| s.split(['&', '#']).next())
            .and_then(|s| s.parse().ok())
            .expect("claim id in the URL");
        b.key("v");
        b.wait_for("the verdict", |_, s| {
            s.contains(&format!("Claim {claim} <span class=\"badge st-verified\">"))
        });
        reviewed.push(claim);
        b.key("s");
        b.wait_for("the next claim", |url, _| {
            !url.contains(&format!("claim={claim}&"))
                && !url.ends_with(&format!("claim={claim}"))
                && !url.contains(&format!("claim={claim}#"))
        });
    }
    let (_, out, _) = cli(&db, &["claims", "--status", "verified", "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    let mut got: Vec<i64> = rows.iter().filter_map(|r| r["id"].as_i64()).collect();
    got.sort_unstable();
    reviewed.sort_unstable();
    assert_eq!(got, reviewed);
}

#[test]
fn an_article_with_scripts_renders_as_text_and_runs_nothing() {
    let Some(mut b) = Browser::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("xss.txt");
    std::fs::write(&article, "Officials said <script>alert('x')</script> exports rose 12% in 2024.\n\nThe ministry reported \"><img src=x onerror=alert(1)> 600,000 visitors in 2023, see javascript:alert(2).\n").unwrap();
    let db = dir.path().join("xss.db");
    assert_eq!(
        cli(&db, &["ingest", article.to_str().unwrap(), "--quiet"]).0,
        0
    );
    let desk = Desk::start(&db, &[]);
    b.open(&desk.url("/doc/1"));
    let text = b.text("article.article");
    assert!(text.contains("<script>alert('x')</script>"), "{text}");
    assert!(text.contains("\"><img src=x onerror=alert(1)>"), "{text}");
    assert!(text.contains("javascript:alert(2)"), "{text}");
    // No dialog opened, and the page holds no image the text could have made.
    let alert = b.cmd("GET", "/alert/text", None);
    assert_eq!(alert["error"], "no such alert", "{alert}");
    let images = b.ok(
        "POST",
        "/elements",
        Some(json!({"using": "css selector", "value": "img"})),
    );
    assert_eq!(images.as_array().map(Vec::len), Some(0));
}

#[test]
fn html_report_screenshot() {
    let Some(mut b) = Browser::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let id = claim_with(&db, "closer to 2 million");
    let other = claim_with(&db, "about 600,000");
    assert_eq!(
        cli(
            &db,
            &[
                "flag",
                &id.to_string(),
                "--reason",
                "census says 600,000",
                "--against",
                &other.to_string()
            ]
        )
        .0,
        0
    );
    assert_eq!(
        cli(&db, &["review", &other.to_string(), "--status", "verified"]).0,
        0
    );
    let (code, html, err) = cli(&db, &["report", "article", "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let file = out.join("report.html");
    std::fs::write(&file, html).unwrap();
    b.open(&format!("file://{}", file.display()));
    assert!(b.text("h1").starts_with("Claims:"));
    b.screenshot("report.png");
}
