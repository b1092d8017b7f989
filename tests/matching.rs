//! The matcher on article pairs a desk sees (`tests/data/matching/pairs.jsonl`): each
//! pair is run through the real pipeline (extract, claims, quantity keys) and the
//! strongest relation between the two articles' claims is compared with the expected
//! one. Prints every miss and precision/recall over the relations found; asserts
//! precision ≥ 0.90 and recall ≥ 0.80.

use claimtrace::document::{Document, Metadata};
use claimtrace::matching::{self, Match, Relation, Side};
use claimtrace::pipeline;

struct Article {
    text: String,
    keys: Vec<Vec<matching::QuantityKey>>,
    claims: Vec<String>,
}

fn article(v: &serde_json::Value, key: &str) -> Article {
    let text = v["text"].as_str().expect("text").to_string();
    let published = v["date"]
        .as_str()
        .map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date"));
    let doc = Document::from_text(
        key,
        text.clone(),
        Metadata {
            published,
            ..Metadata::default()
        },
    );
    let a = pipeline::analyse(&doc);
    let keys = matching::document_keys(&doc.text, &a.claims, &a.mentions, published);
    let claims = a
        .claims
        .iter()
        .map(|c| c.span.slice(&doc.text).to_string())
        .collect();
    Article { text, keys, claims }
}

/// The strongest relation between any claim of `a` and any of `b`.
fn relate(a: &Article, b: &Article) -> Option<Match> {
    let mut best: Option<Match> = None;
    for (ta, ka) in a.claims.iter().zip(&a.keys) {
        for (tb, kb) in b.claims.iter().zip(&b.keys) {
            let found =
                matching::classify(Side { text: ta, keys: ka }, Side { text: tb, keys: kb });
            if let Some(m) = found {
                if best
                    .as_ref()
                    .is_none_or(|cur| (m.relation, m.score) > (cur.relation, cur.score))
                {
                    best = Some(m);
                }
            }
        }
    }
    best
}

#[test]
fn matching_article_pairs_precision_and_recall() {
    let data = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/matching/pairs.jsonl"
    ))
    .expect("pairs.jsonl");
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut lines = Vec::new();
    let mut total = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let pair: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let id = pair["id"].as_str().unwrap_or("?");
        let expected = match pair["expected"].as_str().expect("expected") {
            "none" => None,
            r => Some(r.parse::<Relation>().expect("a relation")),
        };
        let a = article(&pair["a"], "a.txt");
        let b = article(&pair["b"], "b.txt");
        let found = relate(&a, &b);
        let got = found.as_ref().map(|m| m.relation);
        total += 1;
        match (expected, got) {
            (Some(e), Some(g)) if e == g => tp += 1,
            (e, g) => {
                if g.is_some() {
                    fp += 1;
                }
                if e.is_some() {
                    fn_ += 1;
                }
                if e != g {
                    lines.push(format!(
                        "{id}: expected {}, got {}{}\n  a: {}\n  b: {}",
                        e.map_or("none", |r| r.as_str()),
                        g.map_or("none", |r| r.as_str()),
                        found
                            .map(|m| format!(" ({})", m.reason))
                            .unwrap_or_default(),
                        a.text,
                        b.text
                    ));
                }
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    for l in &lines {
        println!("{l}");
    }
    println!(
        "matching {total} article pairs: precision {precision:.3} ({tp}/{}), recall {recall:.3} ({tp}/{})",
        tp + fp,
        tp + fn_
    );
    assert!(total >= 40, "the corpus has {total} pairs");
    assert!(precision >= 0.90, "precision {precision:.3}");
    assert!(recall >= 0.80, "recall {recall:.3}");
}
