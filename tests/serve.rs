//! `claimtrace serve` over HTTP: every route, every refusal, and reviews from several
//! reviewers at once.

mod serve_support;

use std::sync::{Arc, Barrier};

use serve_support::{claim_with, cli, seed_db, Desk};

const TWO_MILLION: &str = "closer to 2 million";

#[test]
fn documents_page_lists_the_seed_article_with_its_claim_counts_and_headers() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::start(&seed_db(dir.path()), &[]);
    let r = desk.client().get("/");
    assert_eq!(r.status, 200);
    assert!(
        r.body
            .contains("Moscow, Baku and the Armenia–Azerbaijan peace deal"),
        "{}",
        r.body
    );
    assert!(r.body.contains("unsourced figures"));
    assert!(r.body.contains("reviewing as <strong>ana</strong>"));
    let csp = r.header("Content-Security-Policy").expect("CSP");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'sha256-"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(r.header("X-Content-Type-Options"), Some("nosniff"));
    assert!(r
        .header("Set-Cookie")
        .is_some_and(|c| c.contains("HttpOnly") && c.contains("SameSite=Strict")));
    // Nothing is loaded from elsewhere.
    assert!(!r.body.contains("src=\"http") && !r.body.contains("href=\"//"));
}

#[test]
fn article_page_marks_each_claim_and_the_panel_shows_components_and_source() {
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let id = claim_with(&db, TWO_MILLION);
    let desk = Desk::start(&db, &[]);
    let mut c = desk.client();
    let r = c.get("/doc/1");
    assert_eq!(r.status, 200);
    assert!(r.body.contains(&format!("id=\"c{id}\"")));
    assert!(r.body.contains("class=\"fig\""), "figures underlined");
    assert!(r.body.contains("class=\"date\""), "dates underlined");
    assert!(r.body.contains("class=\"src\""), "sources underlined");
    assert!(
        !r.body.contains("id=\"panel\""),
        "no panel until a claim is chosen"
    );
    let r = c.get(&format!("/doc/1?claim={id}"));
    assert_eq!(r.status, 200);
    assert!(r.body.contains(&format!("Claim {id} ")), "{}", r.body);
    assert!(r.body.contains("2000000"), "normalised value of 2 million");
    assert!(r.body.contains("Vladimir Putin"), "source");
    assert!(
        r.body.contains("data-key=\"f\""),
        "status keys as in review --next"
    );
    // The census figure it contradicts is offered, with the reason, and nothing more.
    assert!(r.body.contains("Related claims"), "{}", r.body);
    assert!(r.body.contains("rel-conflict"), "{}", r.body);
    assert!(
        r.body.contains("600,000 APPROX") && r.body.contains("ratio 3.3"),
        "{}",
        r.body
    );
    assert!(r.body.contains("badge st-unverified"));
    // /claim/ID finds the claim's document.
    let r = c.get(&format!("/claim/{id}"));
    assert_eq!(r.status, 303);
    assert_eq!(
        r.header("Location"),
        Some(format!("/doc/1?claim={id}#c{id}").as_str())
    );
}

#[test]
fn a_review_from_the_desk_is_in_the_cli_history_under_the_reviewer() {
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let id = claim_with(&db, TWO_MILLION);
    let desk = Desk::start(&db, &[]);
    let mut c = desk.client();
    let page = c.get(&format!("/doc/1?claim={id}"));
    let r = c.post(
        &format!("/claim/{id}/review"),
        &[
            ("csrf", &page.csrf()),
            ("if_status", "unverified"),
            ("status", "false"),
            ("note", "census: about 600,000 <b>not</b> 2 million"),
            ("evidence", "https://rosstat.gov.ru/vpn_popul"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let r = c.get(r.header("Location").unwrap());
    assert!(r.body.contains("<h2>Claim") && r.body.contains("badge st-false"));
    assert!(r
        .body
        .contains("census: about 600,000 &lt;b&gt;not&lt;/b&gt; 2 million"));
    assert!(r.body.contains("href=\"https://rosstat.gov.ru/vpn_popul\""));
    let (code, out, _) = cli(&db, &["history", &id.to_string(), "--format", "json"]);
    assert_eq!(code, 0);
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(log[0]["reviewer"], "ana");
    assert_eq!(log[0]["to_status"], "false");
    assert_eq!(log[0]["evidence"][0], "https://rosstat.gov.ru/vpn_popul");
    // A note alone; then contested with a reason and a competing claim.
    let page = c.get(&format!("/doc/1?claim={id}"));
    let r = c.post(
        &format!("/claim/{id}/review"),
        &[
            ("csrf", &page.csrf()),
            ("if_status", "false"),
            ("note", "asked Rosstat"),
        ],
    );
    assert_eq!(r.status, 303);
    let other = claim_with(&db, "about 600,000");
    let r = c.post(
        &format!("/claim/{id}/review"),
        &[
            ("csrf", &page.csrf()),
            ("if_status", "false"),
            ("status", "contested"),
            ("note", "census differs"),
            ("against", &other.to_string()),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let (_, out, _) = cli(&db, &["report", "contested", "--format", "json"]);
    assert!(out.contains("census differs"), "{out}");
}

#[test]
fn an_edit_based_on_a_stale_status_is_refused_with_the_current_state() {
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let id = claim_with(&db, TWO_MILLION);
    let desk = Desk::start(&db, &[]);
    let mut c = desk.client();
    let page = c.get(&format!("/doc/1?claim={id}"));
    // Someone else reviews it meanwhile, from the CLI.
    let (code, _, err) = cli(&db, &["review", &id.to_string(), "--status", "in_review"]);
    assert_eq!(code, 0, "{err}");
    for form in [vec![("status", "verified")], vec![("note", "looks fine")]] {
        let mut f = vec![
            ("csrf", page.csrf()),
            ("if_status", "unverified".to_string()),
        ];
        f.extend(form.iter().map(|(k, v)| (*k, v.to_string())));
        let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = c.post(&format!("/claim/{id}/review"), &f);
        assert_eq!(r.status, 409, "{}", r.body);
        assert!(
            r.body
                .contains("is now <span class=\"badge st-in_review\">in_review</span>"),
            "{}",
            r.body
        );
        assert!(r.body.contains("Nothing was changed"));
    }
    let (_, out, _) = cli(&db, &["history", &id.to_string(), "--format", "json"]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn two_reviewers_at_once_never_lose_an_update() {
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let id = claim_with(&db, TWO_MILLION);
    let desk = Arc::new(Desk::start(&db, &[]));
    // Eight reviewers send a verdict for the status they all saw: one wins, the rest
    // are told it changed.
    let barrier = Arc::new(Barrier::new(8));
    let statuses = [
        "verified",
        "false",
        "misleading",
        "unverifiable",
        "in_review",
        "verified",
        "false",
        "misleading",
    ];
    let handles: Vec<_> = statuses
        .iter()
        .map(|&status| {
            let (desk, barrier) = (Arc::clone(&desk), Arc::clone(&barrier));
            std::thread::spawn(move || {
                let mut c = desk.client();
                let csrf = c.get("/doc/1?claim=1").csrf();
                barrier.wait();
                c.post(
                    &format!("/claim/{id}/review"),
                    &[
                        ("csrf", &csrf),
                        ("if_status", "unverified"),
                        ("status", status),
                    ],
                )
                .status
            })
        })
        .collect();
    let codes: Vec<u16> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(codes.iter().filter(|&&c| c == 303).count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|&&c| c == 409).count(), 7, "{codes:?}");
    // Two reviewers taking turns on the same claims, each retrying on refusal: every
    // accepted edit is in the log, in order, and the claim ends at the last one.
    let claims = [claim_with(&db, "about 600,000"), id];
    let handles: Vec<_> = (0..2)
        .map(|who| {
            let desk = Arc::clone(&desk);
            std::thread::spawn(move || {
                let mut c = desk.client();
                let csrf = c.get("/doc/1?claim=1").csrf();
                let mut accepted = 0;
                for round in 0..10 {
                    for claim in claims {
                        let status = if (round + who) % 2 == 0 {
                            "verified"
                        } else {
                            "false"
                        };
                        loop {
                            let page = c.get(&format!("/doc/1?claim={claim}"));
                            let seen = serve_support::field(&page.body, "if_status").unwrap();
                            let r = c.post(
                                &format!("/claim/{claim}/review"),
                                &[
                                    ("csrf", &csrf),
                                    ("if_status", &seen),
                                    ("status", status),
                                    ("note", &format!("r{who}-{round}")),
                                ],
                            );
                            match r.status {
                                303 => {
                                    accepted += 1;
                                    break;
                                }
                                409 => continue,
                                s => panic!("unexpected {s}: {}", r.body),
                            }
                        }
                    }
                }
                accepted
            })
        })
        .collect();
    let accepted: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(accepted, 40);
    let mut logged = 0;
    for claim in claims {
        let (_, out, _) = cli(&db, &["history", &claim.to_string(), "--format", "json"]);
        let log: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
        let notes = log
            .iter()
            .filter(|e| e["note"].as_str().is_some_and(|n| n.starts_with('r')))
            .count();
        logged += notes;
        // Each entry starts from the status the previous one left.
        for w in log.windows(2) {
            assert_eq!(w[0]["to_status"], w[1]["from_status"], "{w:?}");
        }
        let (_, out, _) = cli(&db, &["show", &claim.to_string()]);
        let last = log.last().unwrap()["to_status"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(out.contains(&format!("status: {last}")), "{out}");
    }
    assert_eq!(logged, 40);
}

#[test]
fn posts_without_a_valid_csrf_token_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let id = claim_with(&db, TWO_MILLION);
    let desk = Desk::start(&db, &[]);
    let mut c = desk.client();
    c.get("/");
    let path = format!("/claim/{id}/review");
    let r = c.post(
        &path,
        &[
            ("csrf", "0123456789abcdef0123456789abcdef"),
            ("if_status", "unverified"),
            ("status", "false"),
        ],
    );
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.body.contains("CSRF"));
    let r = c.post(&path, &[("if_status", "unverified"), ("status", "false")]);
    assert_eq!(r.status, 403);
    // A token from another session does not fit this one.
    let other = desk.client().get("/doc/1?claim=1").csrf();
    let r = c.post(
        &path,
        &[
            ("csrf", &other),
            ("if_status", "unverified"),
            ("status", "false"),
        ],
    );
    assert_eq!(r.status, 403);
    // No cookie at all (a cross-site request with cookies blocked).
    let mut bare = desk.client();
    let r = bare.post(
        &path,
        &[
            ("csrf", &other),
            ("if_status", "unverified"),
            ("status", "false"),
        ],
    );
    assert_eq!(r.status, 403);
    let (_, out, _) = cli(&db, &["history", &id.to_string(), "--format", "json"]);
    assert_eq!(out.trim(), "[]");
}

#[test]
fn unknown_ids_and_pages_get_a_404_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let desk = Desk::start(&db, &[]);
    let mut c = desk.client();
    let csrf = c.get("/doc/1?claim=1").csrf();
    for path in [
        "/doc/999",
        "/claim/99999",
        "/doc/1?claim=99999",
        "/nowhere",
        "/report/nothing",
    ] {
        let r = c.get(path);
        assert_eq!(r.status, 404, "{path}: {}", r.body);
        assert!(r.body.contains("<h1>Not found</h1>"), "{path}");
    }
    let r = c.post(
        "/claim/99999/review",
        &[
            ("csrf", &csrf),
            ("if_status", "unverified"),
            ("status", "false"),
        ],
    );
    assert_eq!(r.status, 404);
    assert!(r.body.contains("no claim with id 99999"), "{}", r.body);
}

#[test]
fn bad_input_gets_a_400_page_that_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let id = claim_with(&db, TWO_MILLION);
    let desk = Desk::start(&db, &[]);
    let mut c = desk.client();
    let csrf = c.get("/doc/1?claim=1").csrf();
    for (path, says) in [
        ("/doc/abc", "is not a document id"),
        ("/doc/-1", "is not a document id"),
        ("/doc/1?claim=x", "is not a claim id"),
        ("/doc/1?status=true", "valid statuses: unverified"),
        ("/claims?type=rumour", "valid types"),
        ("/?page=0", "is not a page number"),
    ] {
        let r = c.get(path);
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        assert!(r.body.contains(says), "{path}: {}", r.body);
    }
    let path = format!("/claim/{id}/review");
    for (form, says) in [
        (
            vec![("status", "true"), ("if_status", "unverified")],
            "valid statuses",
        ),
        (vec![("status", "false")], "if_status"),
        (
            vec![
                ("status", "false"),
                ("if_status", "unverified"),
                ("evidence", "javascript:alert(1)"),
            ],
            "is not an http(s) URL",
        ),
        (
            vec![("status", "contested"), ("if_status", "unverified")],
            "needs a reason",
        ),
        (
            vec![
                ("status", "contested"),
                ("if_status", "unverified"),
                ("note", "x"),
                ("against", "abc"),
            ],
            "is not a claim id",
        ),
        (
            vec![("if_status", "unverified")],
            "choose a status, or write a note",
        ),
    ] {
        let mut f = vec![("csrf", csrf.as_str())];
        f.extend(form);
        let r = c.post(&path, &f);
        assert_eq!(r.status, 400, "{f:?}: {}", r.body);
        assert!(r.body.contains(says), "{f:?}: {}", r.body);
    }
    let (_, out, _) = cli(&db, &["history", &id.to_string(), "--format", "json"]);
    assert_eq!(out.trim(), "[]");
}

#[test]
fn a_token_protected_desk_needs_a_login_and_logs_reviews_under_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let id = claim_with(&db, TWO_MILLION);
    let token = "correct-horse-battery-staple";
    let file = dir.path().join("desk.token");
    std::fs::write(&file, format!("{token}\n")).unwrap();
    let desk = Desk::start(&db, &["--token-file", file.to_str().unwrap()]);
    let mut c = desk.client();
    let r = c.get(&format!("/doc/1?claim={id}"));
    assert_eq!(r.status, 303);
    assert_eq!(r.header("Location"), Some("/login?next=%2Fdoc%2F1"));
    let r = c.post(
        &format!("/claim/{id}/review"),
        &[("if_status", "unverified"), ("status", "false")],
    );
    assert_eq!(r.status, 401);
    let login = c.get("/login");
    assert_eq!(login.status, 200);
    let r = c.post(
        "/login",
        &[
            ("csrf", &login.csrf()),
            ("name", "berta"),
            ("token", "wrong-token-wrong-token"),
        ],
    );
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("not this desk&apos;s token") || r.body.contains("not this desk's token"),
        "{}",
        r.body
    );
    let before = c.cookie.clone();
    let r = c.post(
        "/login",
        &[
            ("csrf", &login.csrf()),
            ("name", "berta"),
            ("token", token),
            ("next", "/doc/1"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("Location"), Some("/doc/1"));
    assert_ne!(c.cookie, before, "a new session id at login");
    let page = c.get(&format!("/doc/1?claim={id}"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("reviewing as <strong>berta</strong>"));
    let r = c.post(
        &format!("/claim/{id}/review"),
        &[
            ("csrf", &page.csrf()),
            ("if_status", "unverified"),
            ("status", "false"),
        ],
    );
    assert_eq!(r.status, 303);
    let (_, out, _) = cli(&db, &["history", &id.to_string(), "--format", "json"]);
    assert!(out.contains("\"reviewer\": \"berta\""), "{out}");
    // Scripts may send the token as a bearer token instead.
    let mut script = desk.client();
    script
        .headers
        .push(("Authorization".into(), format!("Bearer {token}")));
    assert_eq!(script.get("/report/status").status, 200);
    script.headers[0].1 = "Bearer nope".into();
    assert_eq!(script.get("/report/status").status, 303);
    // Logging out ends the session.
    let r = c.post("/logout", &[("csrf", &page.csrf())]);
    assert_eq!(r.status, 303);
    assert_eq!(c.get("/").status, 303);
}

#[test]
fn binding_beyond_loopback_without_a_token_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let (code, _, err) = cli(&db, &["serve", "--bind", "0.0.0.0:0"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("give --token (or --token-file)"), "{err}");
    let (code, _, err) = cli(&db, &["serve", "--token", "short"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("at least 16 characters"), "{err}");
}

#[test]
fn scripts_markup_and_javascript_urls_in_an_article_show_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("xss.txt");
    std::fs::write(
        &article,
        "Officials said <script>alert('x')</script> exports rose 12% in 2024.\n\n\
         The ministry reported \"><img src=x onerror=alert(1)> 600,000 visitors in 2023.\n\n\
         See javascript:alert(document.cookie) for the 3 figures.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("xss.meta.json"),
        r#"{"title": "<script>alert('title')</script>", "outlet": "\"><b>Outlet</b>", "url": "javascript:alert(2)"}"#,
    )
    .unwrap();
    let db = dir.path().join("xss.db");
    let (code, _, err) = cli(&db, &["ingest", article.to_str().unwrap(), "--quiet"]);
    assert_eq!(code, 0, "{err}");
    // The claim that quotes the javascript: URL carries the note and the evidence.
    let id = claim_with(&db, "javascript:");
    let (code, _, err) = cli(
        &db,
        &[
            "review",
            &id.to_string(),
            "--status",
            "false",
            "--note",
            "<img src=x onerror=alert(3)>",
            "--evidence",
            "javascript:alert(4)",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let desk = Desk::start(&db, &[]);
    let mut c = desk.client();
    for path in [
        "/".to_string(),
        format!("/doc/1?claim={id}"),
        "/claims".into(),
        "/report/unsourced".into(),
        "/report/status".into(),
    ] {
        let r = c.get(&path);
        assert_eq!(r.status, 200, "{path}");
        let body = &r.body;
        assert!(!body.contains("<script>alert"), "{path}: {body}");
        assert!(!body.contains("<img"), "{path}: {body}");
        assert!(!body.contains("<b>Outlet"), "{path}: {body}");
        assert!(!body.contains("href=\"javascript:"), "{path}: {body}");
        // Exactly one script element: the embedded, hashed one.
        assert_eq!(body.matches("<script").count(), 1, "{path}");
    }
    let r = c.get(&format!("/doc/1?claim={id}"));
    assert!(
        r.body
            .contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;")
            || r.body.contains("&lt;script&gt;alert('x')&lt;/script&gt;"),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        "{}",
        r.body
    );
    assert!(r.body.contains("javascript:alert(document.cookie)"));
    assert!(
        r.body.contains("<code>javascript:alert(4)</code>"),
        "evidence shown as text"
    );
    assert!(
        r.body.contains("&lt;img src=x onerror=alert(3)&gt;"),
        "note shown as text"
    );
}

#[test]
fn claim_filters_and_report_pages_list_what_the_cli_reports() {
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let id = claim_with(&db, TWO_MILLION);
    let other = claim_with(&db, "about 600,000");
    let (code, _, err) = cli(
        &db,
        &[
            "flag",
            &id.to_string(),
            "--reason",
            "census says 600,000",
            "--against",
            &other.to_string(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let desk = Desk::start(&db, &[]);
    let mut c = desk.client();
    let r = c.get("/claims?status=contested");
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains(&format!("?claim={id}#c{id}")) && r.body.contains("1 claim(s)"),
        "{}",
        r.body
    );
    // The unsourced comparisons are those the CLI lists.
    let (_, out, _) = cli(
        &db,
        &[
            "claims",
            "--unsourced",
            "--type",
            "comparison",
            "--format",
            "json",
        ],
    );
    let expected: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(!expected.is_empty());
    let r = c.get("/claims?unsourced=1&type=comparison");
    assert!(
        r.body.contains(&format!("{} claim(s)", expected.len())),
        "{}",
        r.body
    );
    for e in &expected {
        assert!(r.body.contains(&format!("?claim={}#", e["id"])), "{e}");
    }
    let r = c.get("/claims?source=Putin");
    assert!(r.body.contains(&format!("#{id}")), "{}", r.body);
    let r = c.get("/doc/1?status=contested");
    assert_eq!(r.body.matches("class=\"claim ").count(), 1);
    let r = c.get("/report/contested");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("census says 600,000") && r.body.contains(&format!("/claim/{other}")));
    let (_, out, _) = cli(&db, &["report", "unsourced", "--format", "json"]);
    let figures: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let r = c.get("/report/unsourced");
    assert!(
        r.body.contains(&format!("{} figure(s)", figures.len())),
        "{}",
        r.body
    );
    for f in &figures {
        assert!(
            r.body.contains(&format!("/claim/{}\"", f["claim_id"])),
            "{f}"
        );
    }
    let r = c.get("/report/status");
    assert!(r.body.contains("badge st-contested") && r.body.contains("By document"));
}

#[test]
fn a_desk_without_a_token_refuses_requests_for_another_host_name() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::start(&seed_db(dir.path()), &[]);
    let mut c = desk.client();
    c.headers
        .push(("Host".into(), "rebound.example:8080".into()));
    let r = c.get("/");
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("answers only requests for localhost"),
        "{}",
        r.body
    );
    c.headers[0].1 = "localhost:8080".into();
    assert_eq!(c.get("/").status, 200);
}
