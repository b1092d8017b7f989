//! Cost linear in the input: output and spans bounded by the sentence, whatever the
//! document, and `--max-document-size` refusing what is larger. Sizes, never timings
//! (those are in `benches/large_documents.rs`).

mod common;

use common::bin;
use predicates::prelude::*;

use claimtrace::document::{Document, Metadata};
use claimtrace::pipeline;
use claimtrace::segment::MAX_SENTENCE_BYTES;

/// `extract --format jsonl` output bytes for one document.
fn output_bytes(text: &str) -> usize {
    let line = serde_json::json!({"id": "d", "text": text, "date": null}).to_string();
    let out = bin()
        .args(["extract", "--format", "jsonl"])
        .write_stdin(line + "\n")
        .assert()
        .success();
    out.get_output().stdout.len()
}

/// "he said, she said. " repeated is one sentence (a lower-case word follows every
/// period) with two relations every 19 bytes: its output used to grow with the square
/// of its length (19 KB gave 39 MB of JSON).
#[test]
fn he_said_she_said_output_grows_linearly_with_the_text() {
    let small = "he said, she said. ".repeat(500);
    let large = "he said, she said. ".repeat(2000);
    let (a, b) = (output_bytes(&small), output_bytes(&large));
    assert!(a > small.len(), "some relations found: {a} bytes");
    // Four times the text, four times the output (within 10%), at most 50× the input.
    assert!(b * 10 <= a * 44 && b * 10 >= a * 36, "{a} → {b}");
    assert!(
        b <= 50 * large.len(),
        "{b} bytes for {} of text",
        large.len()
    );
}

fn analyse(text: &str) -> (Document, pipeline::Analysis) {
    let doc = Document::from_text("d", text.to_string(), Metadata::default());
    let analysis = pipeline::analyse(&doc);
    (doc, analysis)
}

/// Every sentence is at most `MAX_SENTENCE_BYTES`, every figure, date, source and cue
/// lies inside one sentence, and reported content inside its cue's sentence (a
/// quotation may run on in its paragraph).
#[test]
fn spans_stay_within_their_sentence_on_run_on_text() {
    let texts = [
        "he said, she said. ".repeat(600),
        "Officials said that 3 percent rose, and analysts said 4 percent fell, ".repeat(80),
        format!(
            "{}“{}",
            "He said ".repeat(10),
            "we rose 5% in May and ".repeat(400)
        ),
        "The ministry reported 12,000 cases on 3 May 2024 and ".repeat(100),
    ];
    for text in &texts {
        let (_, a) = analyse(text);
        assert!(a.segments.sentences.len() > 1, "the run-on text was cut");
        let within = |span: claimtrace::span::Span| {
            let s = a.segments.sentences_overlapping(span);
            s.len() == 1
        };
        for s in &a.segments.sentences {
            assert!(s.span.len() <= MAX_SENTENCE_BYTES);
        }
        let mut attributions = 0;
        for m in &a.mentions {
            match m.attribution() {
                None => assert!(within(m.span), "{:?}", m.span.slice(text)),
                Some(x) => {
                    attributions += 1;
                    let cue = x.cue.expect("a cue");
                    assert!(within(cue));
                    if let Some(src) = x.source {
                        assert!(within(src), "{:?}", src.slice(text));
                    }
                    if let Some(content) = x.content.filter(|_| !x.direct) {
                        let sentence = a.segments.sentence_at(cue.start).expect("cue sentence");
                        let sentence = a.segments.sentences[sentence].span;
                        assert!(
                            sentence.contains(content),
                            "content {:?} outside {:?}",
                            content.slice(text),
                            sentence.slice(text)
                        );
                    }
                }
            }
        }
        assert!(attributions > 0);
    }
}

#[test]
fn a_file_over_max_document_size_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "Prices rose 3 percent in May. ".repeat(100)).unwrap();
    let small = dir.path().join("small.txt");
    std::fs::write(&small, "Prices rose 3 percent in May.").unwrap();
    bin()
        .args(["extract", "--max-document-size", "1KB"])
        .arg(&big)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "big.txt: 3000 bytes is larger than --max-document-size",
        ));
    bin()
        .args(["extract", "--max-document-size", "1KB"])
        .arg(&small)
        .assert()
        .success();
    bin()
        .args(["extract", "--max-document-size", "1KB", "-"])
        .write_stdin("Prices rose 3 percent in May. ".repeat(100))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("<stdin>: 1001 bytes is larger"));
    let db = dir.path().join("t.db");
    bin()
        .arg("--db")
        .arg(&db)
        .args(["ingest", "--quiet", "--max-document-size", "1KB"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("big.txt: 3000 bytes is larger"))
        .stderr(predicate::str::contains("ingested 1 of 2"));
    bin()
        .args(["extract", "--max-document-size", "lots"])
        .arg(&small)
        .assert()
        .code(2);
}

/// A run-on "sentence" is cut, and the tools say so on stderr, naming the line or the
/// file; an article of news sentences has nothing said of it.
#[test]
fn he_said_she_said_cut_into_sentences_is_said_on_stderr() {
    let run = "he said, she said. ".repeat(500);
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "news", "text": "Prices rose 3% in May.", "date": null}),
        serde_json::json!({"id": "run", "text": run, "date": null})
    );
    bin()
        .args(["extract", "--format", "jsonl"])
        .write_stdin(lines)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "claimtrace: line 2 (id \"run\"): note: 1 run of text without a sentence break",
        ))
        .stderr(predicate::str::contains("line 1").not());
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("run.txt");
    std::fs::write(&article, &run).unwrap();
    let db = dir.path().join("t.db");
    bin()
        .args(["--db", db.to_str().unwrap(), "ingest"])
        .arg(&article)
        .assert()
        .success()
        .stderr(predicate::str::contains("run.txt: note: 1 run of text"));
}
