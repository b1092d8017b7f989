//! `claimtrace report … --format html`: one self-contained file, no script, every text
//! escaped.

mod serve_support;

use serve_support::{claim_with, cli, seed_db};

/// Nothing in the page loads from elsewhere or runs.
fn assert_self_contained(html: &str) {
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "{}",
        &html[..80.min(html.len())]
    );
    assert!(html.contains("<style>"), "inline CSS");
    assert!(!html.contains("<script"), "no script");
    assert!(!html.contains("<link"), "no external stylesheet");
    assert!(!html.contains(" src=\""), "no external resource");
}

#[test]
fn article_report_marks_the_claims_and_lists_unsourced_and_contested_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let id = claim_with(&db, "closer to 2 million");
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
    let (code, html, err) = cli(&db, &["report", "article", "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    assert_self_contained(&html);
    assert!(html.contains("Moscow, Baku and the Armenia–Azerbaijan peace deal"));
    assert!(
        html.contains("<span class=\"claim st-contested ty-"),
        "contested claim marked"
    );
    assert!(html.contains(&format!("id=\"c{id}\"")));
    assert!(html.contains("<h2>Unsourced figures</h2>"));
    let (_, out, _) = cli(&db, &["report", "unsourced", "--format", "json"]);
    let figures: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(!figures.is_empty());
    for f in &figures {
        assert!(
            html.contains(&format!("href=\"#c{}\"", f["claim_id"])),
            "{f}"
        );
    }
    assert!(html.contains("<h2>Contested claims</h2>") && html.contains("census says 600,000"));
    let (code, one, _) = cli(
        &db,
        &["report", "article", "--document", "1", "--format", "html"],
    );
    assert_eq!(code, 0);
    assert!(one.contains("<title>Moscow, Baku"));
}

#[test]
fn unsourced_contested_and_status_reports_have_an_html_form() {
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    for (report, has) in [
        ("unsourced", "figure(s) nobody is quoted for"),
        ("contested", "No contested claim."),
        ("status", "By document"),
    ] {
        let (code, html, err) = cli(&db, &["report", report, "--format", "html"]);
        assert_eq!(code, 0, "{report}: {err}");
        assert_self_contained(&html);
        assert!(html.contains(has), "{report}: {html}");
    }
}

#[test]
fn html_report_refusals_name_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let db = seed_db(dir.path());
    let (code, _, err) = cli(&db, &["report", "article"]);
    assert_eq!(code, 2);
    assert!(err.contains("add --format html"), "{err}");
    let (code, _, err) = cli(
        &db,
        &["report", "article", "--document", "42", "--format", "html"],
    );
    assert_eq!(code, 1);
    assert!(err.contains("no document with id 42"), "{err}");
    let (code, _, err) = cli(&db, &["report", "orphans", "--format", "html"]);
    assert_eq!(code, 1);
    assert!(err.contains("no HTML form"), "{err}");
    let (code, _, err) = cli(&db, &["report", "status", "--format", "pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("or html"), "{err}");
}

#[test]
fn an_article_with_script_tags_is_text_in_the_html_report() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("xss.txt");
    std::fs::write(&article, "Officials said <script>alert(1)</script> exports rose 12% in 2024, \"><img src=x onerror=alert(2)>.\n").unwrap();
    std::fs::write(
        dir.path().join("xss.meta.json"),
        r#"{"title": "</title><script>alert(3)</script>", "url": "javascript:alert(4)"}"#,
    )
    .unwrap();
    let db = dir.path().join("x.db");
    assert_eq!(
        cli(&db, &["ingest", article.to_str().unwrap(), "--quiet"]).0,
        0
    );
    for report in ["article", "unsourced", "status"] {
        let (code, html, err) = cli(&db, &["report", report, "--format", "html"]);
        assert_eq!(code, 0, "{err}");
        assert_self_contained(&html);
        assert!(
            !html.contains("<img") && !html.contains("href=\"javascript"),
            "{html}"
        );
    }
    let (_, html, _) = cli(&db, &["report", "article", "--format", "html"]);
    // (The "1" inside is a figure, marked on its own.)
    assert!(html.contains("said &lt;script&gt;alert("), "{html}");
    assert!(html.contains(")&lt;/script&gt; exports"), "{html}");
    assert!(
        html.contains("&lt;/title&gt;&lt;script&gt;alert(3)"),
        "{html}"
    );
}
