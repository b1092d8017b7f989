//! `claimtrace extract`: the stateless stdin → stdout contract the scorers and batch
//! engines use.

mod common;

use common::bin;
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn jsonl_stream_answers_one_line_per_document_in_order() {
    let input = concat!(
        r#"{"id": "a", "text": "Exports rose 12% to 3,400 tonnes.", "date": "2025-01-02"}"#,
        "\n",
        r#"{"id": 7, "text": "No numbers here.", "date": null}"#,
        "\n"
    );
    let out = bin()
        .args(["extract", "--format", "jsonl"])
        .write_stdin(input)
        .assert()
        .success();
    let lines: Vec<Value> = String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[1]["id"], 7);
    let m = lines[0]["mentions"].as_array().unwrap();
    assert!(m
        .iter()
        .any(|m| m["kind"] == "figure" && m["text"].as_str().unwrap().contains("3,400")));
    for m in m {
        for key in ["kind", "start", "end", "byte_start", "byte_end", "text"] {
            assert!(!m[key].is_null(), "{key} missing in {m}");
        }
    }
    assert!(lines[1]["claims"].as_array().unwrap().is_empty());
}

#[test]
fn malformed_lines_are_reported_and_the_stream_goes_on() {
    let input = concat!(
        "not json\n",
        r#"{"id": "x", "date": null}"#,
        "\n",
        r#"{"id": "y", "text": "ok", "date": "2025-13-40"}"#,
        "\n",
        r#"{"id": "z", "text": "Prices rose 5%.", "date": null}"#,
        "\n"
    );
    let out = bin()
        .args(["extract", "--input", "jsonl", "--format", "jsonl"])
        .write_stdin(input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 1"))
        .stderr(predicate::str::contains("line 2 (id \"x\")"))
        .stderr(predicate::str::contains("missing \"text\""))
        .stderr(predicate::str::contains("line 3 (id \"y\")"));
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.contains("\"id\":\"z\""));
}

#[test]
fn plain_text_on_stdin_gives_one_pretty_document() {
    let out = bin()
        .args(["extract"])
        .write_stdin("The deal was worth $410 million.")
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["id"], "-");
    assert!(!v["mentions"].as_array().unwrap().is_empty());
}

#[test]
fn table_format_lists_mentions_of_a_file() {
    bin()
        .args(["extract", "--format", "table"])
        .arg(common::seed())
        .assert()
        .success()
        .stdout(predicate::str::contains("000_dcccab2e6cf52972.txt ("))
        .stdout(predicate::str::contains("\nkind"))
        .stdout(predicate::str::contains("figure"));
}

#[test]
fn non_utf8_stdin_is_refused() {
    bin()
        .args(["extract"])
        .write_stdin(b"caf\xe9".to_vec())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("<stdin>"))
        .stderr(predicate::str::contains("byte offset 3"));
}

/// A filter in a pipeline: each record comes out before the next line goes in, so a
/// caller that writes a line and waits for its answer never deadlocks.
#[test]
fn jsonl_stream_answers_each_line_before_the_next_arrives() {
    answers_each_line_before_the_next(&[]);
}

/// The same on several threads: a record still comes out while its worker's queue and
/// the others' are empty.
#[test]
fn jsonl_stream_on_three_jobs_answers_each_line_before_the_next_arrives() {
    answers_each_line_before_the_next(&["--jobs", "3"]);
}

fn answers_each_line_before_the_next(jobs: &[&str]) {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};

    let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(["extract", "--format", "jsonl"])
        .args(jobs)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let (tx, answers) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in stdout.lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    for (id, text) in [
        ("a", "Exports rose 12% in 2024."),
        ("b", "Imports fell by $3 billion."),
        ("c", "Output grew 4% on 3 May 2025."),
        ("d", "Sales fell 2%, the minister said."),
    ] {
        let line = serde_json::json!({"id": id, "text": text, "date": null});
        // A blank line after it: skipped, and not waited past.
        write!(stdin, "{line}\n\n").unwrap();
        stdin.flush().unwrap();
        // The input stays open: the answer must come anyway.
        let answer = answers
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("the record of a line comes before the next line is written");
        let record: serde_json::Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(record["id"], id);
        assert!(!record["mentions"].as_array().unwrap().is_empty());
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

/// Many documents on several threads print exactly what one thread prints, in the
/// order of the input: files (each format) and a JSON Lines stream with bad lines,
/// whose errors keep their order on stderr too.
#[test]
fn extract_on_four_jobs_prints_byte_for_byte_what_one_job_prints() {
    let dir = tempfile::tempdir().unwrap();
    let texts = common::articles(&dir.path().join("corpus"), 40);
    let run = |args: &[&str], stdin: Vec<u8>| {
        let out = bin().args(args).write_stdin(stdin).assert();
        let out = out.get_output();
        (out.status.code(), out.stdout.clone(), out.stderr.clone())
    };
    let corpus = dir.path().join("corpus");
    let corpus = corpus.to_str().unwrap();
    for format in ["jsonl", "json", "table"] {
        let one = run(
            &["extract", corpus, "--format", format, "--jobs", "1"],
            vec![],
        );
        let four = run(
            &["extract", corpus, "--format", format, "--jobs", "4"],
            vec![],
        );
        assert_eq!(one.0, Some(0));
        assert!(one.1.len() > 10_000, "{format}");
        assert!(
            one == four,
            "--format {format}: --jobs 4 differs from --jobs 1"
        );
    }
    let mut lines = String::new();
    for (i, text) in texts.iter().enumerate() {
        let date = if i % 2 == 0 {
            "2025-06-01"
        } else {
            "2025-13-01"
        };
        lines.push_str(&serde_json::json!({"id": i, "text": text, "date": date}).to_string());
        lines.push('\n');
        if i % 9 == 4 {
            lines.push_str("{not json\n\n");
        }
    }
    let one = run(
        &["extract", "--format", "jsonl", "--jobs", "1"],
        lines.clone().into(),
    );
    let four = run(
        &["extract", "--format", "jsonl", "--jobs", "4"],
        lines.into(),
    );
    assert_eq!(one.0, Some(1));
    assert_eq!(String::from_utf8_lossy(&one.1).lines().count(), 20);
    assert!(String::from_utf8_lossy(&one.2).contains("line 6: not a JSON object"));
    assert!(one == four, "JSON Lines: --jobs 4 differs from --jobs 1");
}

#[test]
fn zero_jobs_is_a_usage_error() {
    bin()
        .args(["extract", "--jobs", "0"])
        .write_stdin("Prices rose 3%.")
        .assert()
        .code(2);
}
