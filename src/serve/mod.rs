//! `claimtrace serve`: a review desk in the browser, on the same database and the same
//! rules as the CLI.
//!
//! A small synchronous HTTP server (`tiny_http`) with a pool of worker threads, each with
//! its own connection to the database (SQLite in WAL mode: reads never wait, writes take
//! turns). Every write goes through the store's review functions with the status the
//! reviewer saw, so a stale edit is refused exactly as `--if-status` refuses it.
//!
//! Security: loopback by default; any other address needs a token, and then every request
//! needs a session from the login form (or `Authorization: Bearer TOKEN`). Every POST
//! carries a CSRF token derived from the session; every page is built with maud, which
//! escapes all text; the Content-Security-Policy allows only the page's own hashed style
//! and script, and nothing is loaded from elsewhere.

pub mod highlight;
mod http;
mod pages;
pub mod report;

use std::collections::HashMap;
use std::io::Read as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use sha2::{Digest, Sha256};

use crate::review::ClaimStatus;
use crate::store::{Database, FlagRequest, ReviewRequest, StoreError};

use http::{Params, Response};

/// The desk's stylesheet and keyboard script, embedded in the binary.
pub const STYLE: &str = include_str!("assets/style.css");
pub const SCRIPT: &str = include_str!("assets/app.js");

/// Largest request body accepted (a review form is far smaller).
const MAX_BODY: u64 = 64 * 1024;
const SESSION_COOKIE: &str = "ct_session";

/// How to run the desk.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub bind: SocketAddr,
    /// Required of every request when set (and required to bind beyond loopback).
    pub token: Option<String>,
    /// The reviewer of edits on loopback without a login.
    pub reviewer: String,
    /// Worker threads, each with its own database connection.
    pub threads: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("binding {0} would open the desk beyond this machine; give --token (or --token-file) so that every request must carry it, or bind 127.0.0.1")]
    NeedsToken(SocketAddr),
    #[error("the token is empty; give a token of at least 16 characters")]
    ShortToken,
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: SocketAddr, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What every worker shares.
struct State {
    token: Option<String>,
    reviewer: String,
    /// Secret for CSRF tokens, new at each start.
    secret: [u8; 32],
    /// Logged-in sessions: session id → reviewer name.
    sessions: Mutex<HashMap<String, String>>,
}

/// A bound server, ready to run.
pub struct Server {
    first: Database,
    http: Arc<tiny_http::Server>,
    state: Arc<State>,
    threads: usize,
    addr: SocketAddr,
}

impl Server {
    /// Checks the configuration, opens (and migrates) the database once and binds.
    pub fn bind(config: Config) -> Result<Server, ServeError> {
        if let Some(t) = &config.token {
            if t.trim().len() < 16 {
                return Err(ServeError::ShortToken);
            }
        } else if !config.bind.ip().is_loopback() {
            return Err(ServeError::NeedsToken(config.bind));
        }
        // The one `Database::open` of the process: the workers' connections are opened
        // from it (see `Database::open_again`).
        let first = Database::open(&config.db)?;
        let http = tiny_http::Server::http(config.bind).map_err(|e| ServeError::Bind {
            addr: config.bind,
            reason: e.to_string(),
        })?;
        let addr = http.server_addr().to_ip().unwrap_or(config.bind);
        Ok(Server {
            first,
            http: Arc::new(http),
            state: Arc::new(State {
                token: config.token.map(|t| t.trim().to_string()),
                reviewer: config.reviewer,
                secret: random_bytes(),
                sessions: Mutex::new(HashMap::new()),
            }),
            threads: config.threads.max(1),
            addr,
        })
    }

    /// The address actually bound (a port of 0 becomes the one chosen).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until the process ends.
    pub fn run(self) -> Result<(), ServeError> {
        let mut workers = Vec::new();
        let mut connections = Vec::new();
        for _ in 1..self.threads {
            connections.push(self.first.open_again()?);
        }
        connections.push(self.first);
        for db in connections {
            let http = Arc::clone(&self.http);
            let state = Arc::clone(&self.state);
            workers.push(std::thread::spawn(move || worker(&http, &state, db)));
        }
        for w in workers {
            let _ = w.join();
        }
        Ok(())
    }
}

fn worker(http: &tiny_http::Server, state: &State, mut db: Database) {
    while let Ok(mut req) = http.recv() {
        let resp = handle(state, &mut db, &mut req);
        let _ = req.respond(to_tiny(resp));
    }
}

/// The security headers every response carries. The policy allows no script or style
/// but the embedded ones, by hash, and forms that post only to this server.
fn security_headers() -> &'static [(String, String)] {
    static HEADERS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    HEADERS.get_or_init(|| {
        let hash = |s: &str| format!("'sha256-{}'", http::base64(&Sha256::digest(s.as_bytes())));
        vec![
            (
                "Content-Security-Policy".into(),
                format!(
                    "default-src 'none'; script-src {}; style-src {}; img-src 'self'; \
                     form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
                    hash(SCRIPT),
                    hash(STYLE)
                ),
            ),
            ("X-Content-Type-Options".into(), "nosniff".into()),
            ("Referrer-Policy".into(), "no-referrer".into()),
            ("X-Frame-Options".into(), "DENY".into()),
            ("Cache-Control".into(), "no-store".into()),
        ]
    })
}

fn to_tiny(r: Response) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let mut resp = tiny_http::Response::from_data(r.body.into_bytes()).with_status_code(r.status);
    let mut add = |k: &str, v: &str| {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            resp.add_header(h);
        }
    };
    add("Content-Type", r.content_type);
    for (k, v) in security_headers().iter().chain(r.headers.iter()) {
        add(k, v);
    }
    resp
}

/// Who is asking, once the request is authenticated.
pub(crate) struct Session {
    /// The session id of the cookie (`None` for a bearer token).
    pub id: Option<String>,
    /// The cookie to set when this request started the session.
    pub new_cookie: bool,
    /// The name edits are logged under (`None` on a token-protected desk before login).
    pub reviewer: Option<String>,
    /// The CSRF token forms must return.
    pub csrf: String,
    /// Logged in through the form (a token desk), so logging out means something.
    pub logged_in: bool,
}

/// Errors a handler returns, each its own page.
pub(crate) enum Fail {
    BadRequest(String),
    NotFound(String),
    Forbidden(String),
    Unauthorized,
    Stale {
        claim: i64,
        expected: String,
        found: String,
    },
    Internal(String),
}

impl From<StoreError> for Fail {
    fn from(e: StoreError) -> Fail {
        match e {
            StoreError::NoClaim(_) | StoreError::NoDocument(_) => Fail::NotFound(e.to_string()),
            StoreError::Stale {
                claim,
                expected,
                found,
            } => Fail::Stale {
                claim,
                expected,
                found,
            },
            StoreError::Invalid(m) => Fail::BadRequest(m),
            other => Fail::Internal(other.to_string()),
        }
    }
}

/// One request, as handlers see it.
pub(crate) struct Request {
    pub method: tiny_http::Method,
    pub path: String,
    pub query: Params,
    pub form: Params,
    pub session: Session,
}

fn handle(state: &State, db: &mut Database, req: &mut tiny_http::Request) -> Response {
    let url = req.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let header = |name: &'static str| {
        req.headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_string())
    };
    let cookie_sid = header("Cookie")
        .and_then(|c| http::cookie(&c, SESSION_COOKIE).map(str::to_string))
        .filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()));
    let bearer =
        header("Authorization").and_then(|h| h.strip_prefix("Bearer ").map(str::to_string));
    let session = authenticate(state, cookie_sid, bearer, header("X-Reviewer"));
    if state.token.is_none() && !header("Host").is_some_and(|h| local_host(&h)) {
        // A page elsewhere can point its own name at 127.0.0.1 (DNS rebinding) and then
        // read a desk that has no token; such requests carry that name as Host.
        return finish(
            pages::fail(
                &Fail::BadRequest(
                    "this desk answers only requests for localhost or 127.0.0.1 (the Host header \
                     names another machine); to share it, serve it with --token"
                        .into(),
                ),
                &session,
            ),
            &session,
        );
    }
    let method = req.method().clone();
    let mut body = String::new();
    if method == tiny_http::Method::Post {
        let mut limited = req.as_reader().take(MAX_BODY + 1);
        if limited.read_to_string(&mut body).is_err() || body.len() as u64 > MAX_BODY {
            return finish(
                pages::fail(
                    &Fail::BadRequest(format!(
                    "the request body is not UTF-8 form data or is larger than {MAX_BODY} bytes"
                )),
                    &session,
                ),
                &session,
            );
        }
    }
    let req = Request {
        method,
        path: path.to_string(),
        query: Params::parse(query),
        form: Params::parse(&body),
        session,
    };
    let resp = match route(state, db, &req) {
        Ok(r) => r,
        Err(f) => pages::fail(&f, &req.session),
    };
    finish(resp, &req.session)
}

fn finish(resp: Response, session: &Session) -> Response {
    match (&session.id, session.new_cookie) {
        (Some(id), true) => resp.with_header(
            "Set-Cookie",
            format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict"),
        ),
        _ => resp,
    }
}

fn authenticate(
    state: &State,
    cookie: Option<String>,
    bearer: Option<String>,
    named: Option<String>,
) -> Session {
    if let (Some(token), Some(given)) = (&state.token, &bearer) {
        if same(token, given) {
            let reviewer = named
                .map(|n| n.trim().to_string())
                .filter(|n| valid_name(n))
                .unwrap_or_else(|| state.reviewer.clone());
            return Session {
                id: None,
                new_cookie: false,
                reviewer: Some(reviewer),
                csrf: String::new(),
                logged_in: false,
            };
        }
    }
    let (id, new_cookie) = match cookie {
        Some(id) => (id, false),
        None => (http::hex_string(&random_bytes()), true),
    };
    let reviewer = match &state.token {
        None => Some(state.reviewer.clone()),
        Some(_) => state.sessions.lock().ok().and_then(|s| s.get(&id).cloned()),
    };
    let csrf = csrf_token(state, &id);
    Session {
        logged_in: state.token.is_some() && reviewer.is_some(),
        id: Some(id),
        new_cookie,
        reviewer,
        csrf,
    }
}

/// The CSRF token of a session: a keyed hash of its id, so nothing is stored for it and a
/// page from another site, which cannot read the cookie, cannot compute it.
fn csrf_token(state: &State, session: &str) -> String {
    let mut h = Sha256::new();
    h.update(state.secret);
    h.update(b"csrf:");
    h.update(session.as_bytes());
    http::hex_string(&h.finalize()[..16])
}

/// Compares secrets through their hashes, so the time taken says nothing of the prefix.
fn same(a: &str, b: &str) -> bool {
    Sha256::digest(a.as_bytes()) == Sha256::digest(b.as_bytes())
}

fn valid_name(n: &str) -> bool {
    !n.is_empty() && n.chars().count() <= 80 && !n.chars().any(char::is_control)
}

/// 32 bytes from the operating system's generator (falling back to hashed clock,
/// process and address noise where `/dev/urandom` is missing).
fn random_bytes() -> [u8; 32] {
    let mut buf = [0u8; 32];
    if std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .is_ok()
    {
        return buf;
    }
    use std::hash::{BuildHasher, Hasher};
    let mut h = Sha256::new();
    for _ in 0..4 {
        let mut s = std::collections::hash_map::RandomState::new().build_hasher();
        s.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        );
        h.update(s.finish().to_le_bytes());
    }
    h.update(std::process::id().to_le_bytes());
    h.finalize().into()
}

fn route(state: &State, db: &mut Database, req: &Request) -> Result<Response, Fail> {
    use tiny_http::Method::{Get, Head, Post};
    let parts: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let is_get = matches!(req.method, Get | Head);
    // The login page is the only one open to everyone on a token-protected desk.
    if parts == ["login"] {
        return match req.method {
            Get | Head => Ok(pages::login(req, None)),
            Post => login(state, req),
            _ => Err(Fail::BadRequest("use GET or POST for /login".into())),
        };
    }
    let Some(reviewer) = req.session.reviewer.clone() else {
        return if is_get {
            Ok(Response::redirect(&format!(
                "/login{}",
                http::query(&[("next", Some(req.path.clone()))])
            )))
        } else {
            Err(Fail::Unauthorized)
        };
    };
    if req.method == Post {
        check_csrf(req)?;
    }
    match (is_get, parts.as_slice()) {
        (true, [""]) => pages::documents(db, req),
        (true, ["doc", id]) => pages::article(db, req, parse_id(id, "document")?),
        (true, ["claims"]) => pages::claims(db, req),
        (true, ["claim", id]) => {
            let c = db.claim(parse_id(id, "claim")?)?;
            Ok(Response::redirect(&format!(
                "/doc/{}?claim={}#c{}",
                c.document_id, c.id, c.id
            )))
        }
        (true, ["report", "unsourced"]) => pages::report_unsourced(db, req),
        (true, ["report", "contested"]) => pages::report_contested(db, req),
        (true, ["report", "status"]) => pages::report_status(db, req),
        (false, ["claim", id, "review"]) if req.method == Post => {
            review(db, req, parse_id(id, "claim")?, &reviewer)
        }
        (false, ["logout"]) if req.method == Post => {
            if let (Some(id), Ok(mut s)) = (&req.session.id, state.sessions.lock()) {
                s.remove(id);
            }
            Ok(Response::redirect("/login"))
        }
        _ => Err(Fail::NotFound(format!("there is no page {}", req.path))),
    }
}

fn parse_id(s: &str, what: &str) -> Result<i64, Fail> {
    s.parse::<i64>().ok().filter(|&n| n > 0).ok_or_else(|| {
        Fail::BadRequest(format!(
            "{s:?} is not a {what} id; ids are positive whole numbers"
        ))
    })
}

fn check_csrf(req: &Request) -> Result<(), Fail> {
    // A bearer token is never sent by a browser on its own, so it needs no CSRF token.
    if req.session.id.is_none() {
        return Ok(());
    }
    match req.form.get("csrf") {
        Some(t) if same(t, &req.session.csrf) && !req.session.new_cookie => Ok(()),
        _ => Err(Fail::Forbidden(
            "this form has no valid CSRF token (it may come from another site, or from before \
             the server restarted); reload the page and send it again"
                .into(),
        )),
    }
}

fn login(state: &State, req: &Request) -> Result<Response, Fail> {
    check_csrf(req)?;
    let Some(token) = &state.token else {
        return Ok(Response::redirect("/"));
    };
    let name = req.form.get("name").unwrap_or("");
    if !valid_name(name) {
        return Ok(pages::login(
            req,
            Some("give your name (up to 80 characters): reviews are logged under it"),
        ));
    }
    if !req.form.get("token").is_some_and(|t| same(t, token)) {
        return Ok(pages::login(
            req,
            Some("that token is not this desk's token"),
        ));
    }
    // A new session id at login, so that a session id planted before login is worthless.
    let id = http::hex_string(&random_bytes());
    if let Ok(mut s) = state.sessions.lock() {
        s.insert(id.clone(), name.to_string());
    }
    let next = req
        .form
        .get("next")
        .filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or("/");
    Ok(Response::redirect(next).with_header(
        "Set-Cookie",
        format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict"),
    ))
}

/// A review from the claim panel: a new status (a flag for `contested`), or a note alone.
fn review(db: &mut Database, req: &Request, id: i64, reviewer: &str) -> Result<Response, Fail> {
    let f = &req.form;
    let expected = f
        .get("if_status")
        .map(|s| s.parse::<ClaimStatus>().map_err(Fail::BadRequest))
        .transpose()?
        .ok_or_else(|| {
            Fail::BadRequest(
                "the form lacks the status it was based on (if_status); reload the page".into(),
            )
        })?;
    let note = f.get("note").map(str::to_string);
    if note.as_ref().is_some_and(|n| n.chars().count() > 10_000) {
        return Err(Fail::BadRequest(
            "the note is longer than 10,000 characters".into(),
        ));
    }
    let evidence: Vec<String> = f.get("evidence").map(str::to_string).into_iter().collect();
    if let Some(e) = evidence.first() {
        if !is_web_url(e) {
            return Err(Fail::BadRequest(format!(
                "evidence {e:?} is not an http(s) URL; give the address of the page that shows it"
            )));
        }
    }
    let against = f
        .get("against")
        .map(|s| parse_id(s.trim_start_matches('#'), "claim"))
        .transpose()?;
    let status = f
        .get("status")
        .map(|s| s.parse::<ClaimStatus>().map_err(Fail::BadRequest))
        .transpose()?;
    match status {
        Some(ClaimStatus::Contested) => {
            let Some(reason) = note else {
                return Err(Fail::BadRequest(
                    "marking a claim contested needs a reason: write it in the note".into(),
                ));
            };
            db.flag(
                id,
                &FlagRequest {
                    reason,
                    against,
                    reviewer: reviewer.into(),
                    expected: Some(expected),
                },
            )?;
        }
        Some(status) => {
            db.review(
                id,
                &ReviewRequest {
                    status,
                    note,
                    evidence,
                    reviewer: reviewer.into(),
                    expected: Some(expected),
                },
            )?;
        }
        None => match note {
            Some(n) if evidence.is_empty() => {
                // A note changes no status, but one written about a claim that has
                // changed meanwhile may no longer fit it.
                let now = db.claim(id)?.status;
                if now != expected.as_str() {
                    return Err(Fail::Stale {
                        claim: id,
                        expected: expected.as_str().into(),
                        found: now,
                    });
                }
                db.note(id, &n, reviewer)?;
            }
            _ => {
                return Err(Fail::BadRequest(
                    "choose a status, or write a note (evidence goes with a status)".into(),
                ))
            }
        },
    }
    let c = db.claim(id)?;
    let back = f
        .get("back")
        .filter(|b| b.starts_with("/doc/"))
        .map(str::to_string);
    Ok(Response::redirect(&back.unwrap_or_else(|| {
        format!("/doc/{}?claim={}#c{}", c.document_id, c.id, c.id)
    })))
}

/// Whether a Host header names this machine by a loopback name or address.
fn local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Whether `s` is an absolute http or https URL (the only links the desk renders).
pub fn is_web_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && s.len() > 8
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_headers_of_a_rebound_name_are_not_local() {
        for h in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST",
            "[::1]:8080",
            "127.0.0.2",
        ] {
            assert!(local_host(h), "{h}");
        }
        for h in [
            "evil.example:8080",
            "localhost.evil.example",
            "10.0.0.1:8080",
            "[::2]:80",
            "",
        ] {
            assert!(!local_host(h), "{h}");
        }
    }

    #[test]
    fn javascript_and_data_urls_are_not_evidence_links() {
        assert!(is_web_url("https://rosstat.gov.ru/vpn_popul"));
        assert!(is_web_url("HTTP://example.org/a"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url(" javascript:alert(1)"));
        assert!(!is_web_url("data:text/html,<script>"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("https://a.org/x y"));
    }

    #[test]
    fn csp_names_the_hash_of_the_embedded_script_and_no_unsafe_inline() {
        let csp = &security_headers()[0].1;
        assert!(csp.contains("script-src 'sha256-"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        let h = http::base64(&Sha256::digest(SCRIPT.as_bytes()));
        assert!(csp.contains(&h), "{csp}");
    }
}
