//! Command-line conventions, through the real binary: exit codes (0 success, 1 failure,
//! 2 usage error) for every subcommand, formats, refusals, standard input framing, and
//! text from an article that must not drive the terminal.

mod common;

use common::{bin, json, seed};
use predicates::prelude::*;
use serde_json::Value;

fn ingested() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(seed())
        .assert()
        .success();
    (dir, db)
}

/// The id of the seed article's census claim ("about 600,000 Azerbaijanis").
fn census_claim(db: &std::path::Path) -> i64 {
    let found = json(db, &["claims", "--search", "600,000", "--format", "json"]);
    found[0]["id"].as_i64().expect("the census claim")
}

/// Every subcommand's usage errors exit 2 with a message, and create no database;
/// failures exit 1.
#[test]
fn usage_errors_exit_2_for_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("never-created.db");
    let article = seed().join("000_dcccab2e6cf52972.txt");
    let article = article.to_str().unwrap();
    let table: &[(&[&str], &str)] = &[
        (
            &["extract", "--format", "csv", article],
            "extract prints json, jsonl or table",
        ),
        (
            &["extract", "--format", "markdown", article],
            "extract prints",
        ),
        (&["extract", "--format", "xml"], "unknown format"),
        (
            &["extract", "--input", "jsonl", article],
            "--input describes standard input",
        ),
        (&["extract", "--input", "csv"], "invalid value"),
        (&["ingest"], "required"),
        (
            &["ingest", "--date", "2025-13-01", article],
            "not a YYYY-MM-DD date",
        ),
        (&["ingest", "--format", "xml", article], "unknown format"),
        (
            &["claims", "--from", "2016-13-45"],
            "use YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            &["claims", "--to", "June"],
            "use YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            &["claims", "--from", "2025-01-01", "--to", "2024-01-01"],
            "--from 2025-01-01 is after --to 2024-01-01",
        ),
        (&["claims", "--kind", "sentence"], "unknown component kind"),
        (&["claims", "--kind", "attribution"], "valid: figure, date"),
        (&["claims", "--status", "true"], "valid statuses"),
        (&["claims", "--type", "rumour"], "rumour"),
        (&["claims", "--sort", "random"], "unknown sort"),
        (&["claims", "--limit", "-3"], "'-3'"),
        (&["claims", "--format", "xml"], "unknown format"),
        (&["show"], "required"),
        (&["show", "twelve"], "invalid value"),
        (&["show", "1", "--format", "xml"], "unknown format"),
        (&["export", "--format", "brat"], "give --out DIR"),
        (
            &["export", "--format", "annotations"],
            "give --annotations DIR or --out DIR",
        ),
        (&["export", "--format", "xml"], "unknown export format"),
        (&["import"], "required"),
        (&["eval"], "--gold"),
        (
            &["eval", "--gold", "annotations", "--kinds", "opinion"],
            "unknown mention kind",
        ),
        (
            &["eval", "--gold", "annotations", "--format", "xml"],
            "unknown format",
        ),
        (&["review", "22"], "give --status S"),
        (
            &["review", "22", "--evidence", "https://example.org"],
            "--evidence goes with",
        ),
        (&["review"], "required"),
        (&["review", "22", "--status", "true"], "valid statuses"),
        (&["review", "--next", "--from", "2016-13-45"], "use YYYY"),
        (
            &["review", "--next", "--kind", "quote"],
            "unknown component kind",
        ),
        (&["history"], "required"),
        (&["history", "1", "--format", "xml"], "unknown format"),
        (&["flag", "1"], "--reason"),
        (
            &["flag", "1", "--reason", "x", "--against", "nine"],
            "invalid value",
        ),
        (&["unflag", "1"], "--note"),
        (&["report"], "Usage"),
        (&["report", "everything"], "unrecognized subcommand"),
        (
            &["report", "unsourced", "--format", "xml"],
            "unknown format",
        ),
        (&["documents", "--format", "xml"], "unknown format"),
        (&["sources", "--format", "xml"], "unknown format"),
        (&["completions", "powershell-ise"], "invalid value"),
        (&["man", "extra"], "unexpected argument"),
        (&["frobnicate"], "unrecognized subcommand"),
    ];
    for (args, message) in table {
        bin()
            .args(["--db", fresh.to_str().unwrap()])
            .args(*args)
            .write_stdin("")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*message));
        assert!(!fresh.exists(), "{args:?} created a database");
    }
}

#[test]
fn completions_and_the_manual_are_generated() {
    for (shell, marker) in [
        ("bash", "complete -F _claimtrace"),
        ("zsh", "#compdef claimtrace"),
        ("fish", "complete -c claimtrace"),
    ] {
        bin()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker))
            .stdout(predicate::str::contains("ingest"));
    }
    bin()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(".ie"))
        .stdout(predicate::str::contains(".TH claimtrace 1"))
        .stdout(predicate::str::contains("CLAIMTRACE_DB"));
    let dir = tempfile::tempdir().unwrap();
    bin()
        .args(["man", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let review = std::fs::read_to_string(dir.path().join("claimtrace-review.1")).unwrap();
    assert!(review.contains("\\-\\-if\\-status"), "{review}");
}

#[test]
fn failures_exit_1_and_say_each_cause_once() {
    let (dir, db) = ingested();
    let d = db.to_str().unwrap();
    let missing = dir.path().join("missing.txt");
    let out = bin()
        .args(["--db", d, "ingest"])
        .arg(&missing)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("missing.txt: cannot read"), "{stderr}");
    let cause = "No such file or directory";
    assert_eq!(stderr.matches(cause).count(), 1, "{stderr}");
    for args in [
        &["show", "99999"][..],
        &["history", "99999"],
        &["review", "99999", "--status", "verified"],
        &["flag", "1", "--reason", "x", "--against", "99999"],
        &["unflag", "1", "--note", "was never flagged"],
    ] {
        bin().args(["--db", d]).args(args).assert().code(1);
    }
    bin()
        .args(["--db", d, "extract"])
        .arg(&missing)
        .assert()
        .code(1);
}

#[test]
fn show_prints_every_format_it_accepts() {
    let (_dir, db) = ingested();
    let d = db.to_str().unwrap();
    let id = census_claim(&db);
    let line = |format: &str| {
        let out = bin()
            .args(["--db", d, "show", &id.to_string(), "--format", format])
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let jsonl = line("jsonl");
    assert_eq!(jsonl.lines().count(), 1);
    let record: Value = serde_json::from_str(&jsonl).unwrap();
    assert_eq!(record["id"], id);
    assert!(record["sentence"].as_str().unwrap().contains("600,000"));
    let pretty: Value = serde_json::from_str(&line("json")).unwrap();
    assert_eq!(pretty, record);
    let csv = line("csv");
    assert!(csv.starts_with("id,doc,type,status"), "{csv}");
    assert!(
        csv.lines().nth(1).unwrap().starts_with(&format!("{id},1,")),
        "{csv}"
    );
    let markdown = line("markdown");
    assert!(markdown.starts_with("| id | doc |"), "{markdown}");
    assert!(markdown.contains(&format!("| {id} | 1 |")), "{markdown}");
    let table = line("table");
    assert!(
        table.starts_with(&format!("claim {id}  [statistic]")),
        "{table}"
    );
    assert!(table.contains("[[According to the 2010 and 2020 censuses"));
}

#[test]
fn a_review_that_changes_nothing_is_refused_and_not_logged() {
    let (_dir, db) = ingested();
    let d = db.to_str().unwrap();
    let id = census_claim(&db).to_string();
    bin()
        .args(["--db", d, "review", &id, "--status", "unverified"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "claim {id} is already unverified; nothing to change"
        )));
    assert_eq!(
        json(&db, &["history", &id, "--format", "json"]),
        Value::Array(vec![])
    );
    // The same status with a note says something: it is logged.
    bin()
        .args(["--db", d, "review", &id, "--status", "unverified"])
        .args(["--note", "nobody has the census tables yet"])
        .assert()
        .success();
    let log = json(&db, &["history", &id, "--format", "json"]);
    assert_eq!(log.as_array().unwrap().len(), 1);
}

#[test]
fn an_article_piped_to_extract_is_one_article() {
    let text = "Exports rose 12% in 2024.\nImports fell by $3 billion.\n";
    for args in [&["extract"][..], &["extract", "--format", "jsonl"]] {
        let out = bin().args(args).write_stdin(text).assert().success();
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let v: Value = serde_json::from_str(stdout.trim()).expect("one JSON document");
        assert_eq!(v["id"], "-");
        let figures = v["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["kind"] == "figure")
            .count();
        assert_eq!(figures, 2, "{stdout}");
    }
    // JSON Lines: detected from a first `{`, or chosen with --input.
    let jsonl = "{\"id\":\"a\",\"text\":\"Exports rose 12% in 2024.\",\"date\":null}\n\
                 {\"id\":\"b\",\"text\":\"Imports fell by $3 billion.\",\"date\":null}\n";
    for args in [
        &["extract"][..],
        &["extract", "--input", "jsonl", "--format", "jsonl"],
    ] {
        let out = bin().args(args).write_stdin(jsonl).assert().success();
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert_eq!(stdout.lines().count(), 2, "{stdout}");
    }
    // Empty input to the filter is an empty stream.
    bin()
        .args(["extract", "--format", "jsonl"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("");
    // A text that starts with `{` can still be read as an article.
    bin()
        .args(["extract", "--input", "text"])
        .write_stdin("{Draft} Exports rose 12% in 2024.")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"id\": \"-\""));
}

#[test]
fn extract_table_names_each_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Exports rose 12% in 2024.").unwrap();
    std::fs::write(dir.path().join("b.txt"), "Imports fell by $3 billion.").unwrap();
    let out = bin()
        .args(["extract", "--format", "table"])
        .arg(dir.path())
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let a = stdout.find("a.txt (").expect("names a.txt");
    let b = stdout.find("b.txt (").expect("names b.txt");
    assert!(a < b);
    assert!(stdout[a..b].contains("12%") && stdout[b..].contains("$3 billion"));
}

/// A crafted article: ESC sequences that clear the screen, set the window title, plant an
/// OSC 8 hyperlink and reset attributes, and BEL.
const HOSTILE: &str = "Exports rose 12% in 2024 \u{1b}[2J\u{1b}]0;owned\u{7} to \
    \u{1b}]8;;https://evil.example\u{1b}\\$3 billion\u{1b}]8;;\u{1b}\\ \u{1b}[0m said the \
    ministry\u{9b}31m.\n";

fn no_escape_reaches(out: &[u8], what: &str) {
    let s = String::from_utf8_lossy(out);
    assert!(
        !s.contains(['\u{1b}', '\u{7}', '\u{9b}']),
        "{what} passes control characters: {s:?}"
    );
}

#[test]
fn control_characters_from_an_article_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("hostile.txt");
    std::fs::write(&article, HOSTILE).unwrap();
    std::fs::write(
        dir.path().join("hostile.meta.json"),
        r#"{"title": "Title \u001b]0;pwned\u0007 here"}"#,
    )
    .unwrap();
    let db = dir.path().join("h.db");
    let d = db.to_str().unwrap();
    bin()
        .args(["--db", d, "ingest", "--quiet"])
        .arg(&article)
        .assert()
        .success();
    let claims = json(&db, &["claims", "--format", "json"]);
    let id = claims[0]["id"].as_i64().unwrap().to_string();
    bin()
        .args(["--db", d, "review", &id, "--status", "in_review"])
        .args([
            "--reviewer",
            "eve\u{1b}[2J",
            "--note",
            "see \u{1b}]0;x\u{7}",
        ])
        .assert()
        .success();
    for args in [
        &["claims"][..],
        &["show", &id],
        &["documents"],
        &["history", &id],
        &["report", "unsourced"],
        &["sources"],
    ] {
        let out = bin().args(["--db", d]).args(args).assert().success();
        no_escape_reaches(&out.get_output().stdout, &args.join(" "));
        no_escape_reaches(&out.get_output().stderr, &args.join(" "));
    }
    let out = bin()
        .args(["extract", "--format", "table"])
        .arg(&article)
        .assert()
        .success();
    no_escape_reaches(&out.get_output().stdout, "extract --format table");
    // Shown as visible escapes, not dropped.
    let out = bin().args(["--db", d, "show", &id]).assert().success();
    let shown = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(shown.contains("2024 \\x1b[2J\\x1b]0;"), "{shown}");
    assert!(
        shown.contains("owned\\x07 to \\x1b]8;;https://evil.example"),
        "{shown}"
    );
    assert!(shown.contains("Title \\x1b]0;pwned\\x07 here"), "{shown}");
    // Data formats keep the text exactly as stored.
    let claims = json(&db, &["claims", "--format", "json"]);
    assert!(claims[0]["text"].as_str().unwrap().contains('\u{1b}'));
}

/// A crawled corpus names its own files: `a\e[31m.txt` that is not UTF-8 and a sidecar
/// that is not an object are reported on stderr by ingest, extract and their summary
/// lines with the names escaped, never as a colour or a window title.
#[cfg(unix)]
#[test]
fn a_file_named_with_esc_31m_is_reported_without_colouring_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a\u{1b}[31m.txt"), b"Exports rose 5%.\xff\n").unwrap();
    std::fs::write(corpus.join("b\u{1b}]0;x\u{7}.txt"), "Exports rose 5%.\n").unwrap();
    std::fs::write(corpus.join("b\u{1b}]0;x\u{7}.meta.json"), "[1]").unwrap();
    let db = dir.path().join("h.db");
    let runs = [
        vec!["--db", db.to_str().unwrap(), "ingest", "--quiet"],
        vec!["extract", "--format", "jsonl"],
    ];
    for args in runs {
        let out = bin().args(&args).arg(&corpus).assert().code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        no_escape_reaches(stderr.as_bytes(), &args.join(" "));
        assert!(stderr.contains("a\\x1b[31m.txt"), "{stderr}");
        assert!(stderr.contains("b\\x1b]0;x\\x07.meta.json"), "{stderr}");
    }
}

#[test]
fn tables_fit_80_columns_and_piped_tables_keep_every_word() {
    let (_dir, db) = ingested();
    let d = db.to_str().unwrap();
    let out = bin()
        .env("COLUMNS", "80")
        .args(["--db", d, "claims", "--sort", "worthiness", "--limit", "5"])
        .assert()
        .success();
    let narrow = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(narrow.lines().all(|l| l.chars().count() <= 80), "{narrow}");
    assert!(
        narrow.contains("much as for the entire year of 2020."),
        "{narrow}"
    );
    let out = bin()
        .args(["--db", d, "claims", "--sort", "worthiness", "--limit", "5"])
        .assert()
        .success();
    let piped = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!piped.contains('…'));
    assert!(piped.contains(
        "In the first half of 2025 alone, exports almost reached $2 billion, which is as \
         much as for the entire year of 2020."
    ));
    assert_eq!(
        piped.lines().count(),
        6,
        "one line per claim when piped: {piped}"
    );
}

#[test]
fn the_csv_export_carries_each_claims_id() {
    let (_dir, db) = ingested();
    let out = bin()
        .args(["--db", db.to_str().unwrap(), "export", "--format", "csv"])
        .assert()
        .success();
    let csv = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("document,id,key,"));
    let ids: Vec<i64> = lines
        .map(|l| l.split(',').nth(1).unwrap().parse().unwrap())
        .collect();
    let claims = json(&db, &["claims", "--format", "json"]);
    let listed: Vec<i64> = claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, listed);
}

#[test]
fn annotation_files_keep_non_ascii_as_utf8() {
    let (dir, db) = ingested();
    let out = dir.path().join("ann");
    bin()
        .args(["--db", db.to_str().unwrap(), "export", "--annotations"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(out.join("000_dcccab2e6cf52972.json")).unwrap();
    assert!(
        text.contains("Armenia–Azerbaijan"),
        "the title's en dash as UTF-8"
    );
    assert!(text.contains("Moscow’s involvement"));
    assert!(!text.contains("\\u20"), "no \\u escapes for non-ASCII");
}

#[test]
fn ingest_quiet_prints_only_the_summary_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "Exports rose 12% in 2024.").unwrap();
    std::fs::write(corpus.join("b.txt"), b"caf\xe9 prices rose 3%").unwrap();
    let out = bin()
        .args(["--db", db.to_str().unwrap(), "ingest", "--quiet"])
        .arg(&corpus)
        .assert()
        .code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(out.get_output().stdout.is_empty());
    assert!(!stderr.contains("stored as document"), "{stderr}");
    assert!(stderr.contains("b.txt: not valid UTF-8"), "{stderr}");
    assert!(
        stderr.contains("ingested 1 of 2 file(s); 1 failed"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
}

/// Interactive review: `?` lists the keys, and a competing claim id that is not one is
/// asked for again, never dropped.
#[test]
fn interactive_review_explains_its_keys_and_asks_again_for_a_bad_claim_id() {
    let (_dir, db) = ingested();
    let exe = assert_cmd::cargo::cargo_bin("claimtrace");
    let cmd = format!(
        "{} --db {} review --next --reviewer tty-tester",
        exe.display(),
        db.display()
    );
    let mut p = rexpect::spawn(&cmd, Some(20_000)).expect("spawn under a pty");
    p.exp_string("[1/").expect("first claim shown");
    p.exp_string("[?]").expect("keys shown");
    p.send("?").unwrap();
    p.flush().unwrap();
    p.exp_string("v  verified: checked and true")
        .expect("? explains the keys");
    p.exp_string("press any key").unwrap();
    p.send("x").unwrap();
    p.flush().unwrap();
    p.exp_string("[1/").expect("the same claim again");
    p.exp_string("[?]").unwrap();
    p.send("c").unwrap();
    p.flush().unwrap();
    p.exp_string("reason: ").unwrap();
    p.send_line("two figures disagree").unwrap();
    p.exp_string("against claim id").unwrap();
    p.send_line("fifty").unwrap();
    p.exp_string("\"fifty\" is not a claim id")
        .expect("a word is refused");
    p.exp_string("against claim id").expect("and asked again");
    p.send_line("99999").unwrap();
    p.exp_string("no claim with id 99999")
        .expect("a missing claim is refused");
    p.exp_string("against claim id").expect("and asked again");
    p.send_line("51").unwrap();
    p.exp_string("[2/").expect("flagged; next claim");
    p.send("q").unwrap();
    p.flush().unwrap();
    p.exp_string("reviewed 1 of").unwrap();
    p.exp_eof().unwrap();
    let contested = json(
        &db,
        &["claims", "--status", "contested", "--format", "json"],
    );
    let contested = contested.as_array().unwrap();
    assert_eq!(contested.len(), 1);
    let id = contested[0]["id"].as_i64().unwrap().to_string();
    let log = json(&db, &["history", &id, "--format", "json"]);
    assert_eq!(log[0]["against"], 51);
}
