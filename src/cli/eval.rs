//! `claimtrace eval`: measure extraction against a desk's own reviewed annotations.
//!
//! Gold is a directory (or file) of annotation files (`*.json`) and/or gold JSONL
//! (`*.jsonl`, the shape of `../shared/eval`: `{"id","text","date","mentions"}`). From an
//! annotation file the gold mentions are the components and attributions of the claims
//! a person reviewed, and only system mentions that overlap those claims are scored, so
//! unreviewed parts of an article count neither way. Matching follows TempEval-3: a
//! one-to-one greedy matching by largest overlap; strict counts matches with equal
//! spans; value accuracy is measured over overlapping matches whose gold has a value
//! (figures compare as exact decimals, dates as TIMEX3 values, attributions by
//! overlapping source).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use clap::Args;
use serde_json::{json, Value};

use claimtrace::annotations::{self, AnchorState, AnnotationFile};
use claimtrace::decimal::Decimal;
use claimtrace::document::{content_hash, Document, Metadata};
use claimtrace::output;
use claimtrace::pipeline;
use claimtrace::span::OffsetIndex;
use claimtrace::store::Database;
use claimtrace::table::{self, Format, Table};

use super::{emit, parse_format, DbArgs};

/// Compare extraction with reviewed annotations or gold JSONL: strict and overlap
/// precision, recall and F1 per kind, and value accuracy.
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  claimtrace eval --gold annotations/\n  \
    claimtrace eval --gold timebank.jsonl --kinds date --format json")]
pub struct EvalArgs {
    /// Directory or file of annotation files (.json) and gold JSONL (.jsonl)
    #[arg(long, required = true)]
    pub gold: PathBuf,
    /// Only these kinds, comma-separated (figure, date, attribution)
    #[arg(long, value_parser = kinds_arg)]
    pub kinds: Option<String>,
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = parse_format)]
    pub format: Format,
}

/// A comma-separated list of mention kinds, checked at parse time (a usage error).
fn kinds_arg(s: &str) -> Result<String, String> {
    for k in s.split(',') {
        k.trim().parse::<claimtrace::recognize::MentionKind>()?;
    }
    Ok(s.to_string())
}

/// One document to score: its text, anchor date, gold mentions and the regions scored.
struct GoldDoc {
    name: String,
    text: String,
    published: Option<chrono::NaiveDate>,
    mentions: Vec<Value>,
    /// Code-point regions in which system mentions count; `None` for the whole text.
    regions: Option<Vec<(usize, usize)>>,
}

fn files_under(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    let mut out: Vec<PathBuf> = fs::read_dir(path)
        .with_context(|| format!("reading {}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "jsonl"))
        .collect();
    out.sort();
    Ok(out)
}

/// Finds the text an annotation file was made on: its path as written, relative to the
/// current directory or to the gold directory and its parent; else the database.
fn find_text(file: &AnnotationFile, gold_dir: &Path, db: Option<&Database>) -> Option<String> {
    let doc = &file.document;
    if let Some(p) = &doc.path {
        for base in [
            Path::new(""),
            gold_dir,
            gold_dir.parent().unwrap_or(gold_dir),
        ] {
            if let Ok(t) = fs::read_to_string(base.join(p)) {
                let t = t.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(t);
                if content_hash(&t) == doc.content_hash {
                    return Some(t);
                }
            }
        }
    }
    let db = db?;
    let id: i64 = db.document_with_hash(&doc.content_hash).ok()??;
    db.document_text(id).ok()
}

fn span_value(s: &annotations::SpanRecord) -> Value {
    json!({"start": s.start, "end": s.end, "text": s.text})
}

fn gold_from_annotations(name: &str, file: &AnnotationFile, text: String) -> Option<GoldDoc> {
    let mut mentions = Vec::new();
    let mut regions = Vec::new();
    for c in &file.claims {
        if !c.is_reviewed() || c.anchor_state != AnchorState::Anchored {
            continue;
        }
        regions.push((c.start, c.end));
        for m in &c.components {
            let mut v =
                json!({"kind": m.kind.as_str(), "start": m.start, "end": m.end, "text": m.text});
            if let Some(x) = &m.value {
                v["value"] = x.clone().into();
            }
            mentions.push(v);
        }
        if let Some(a) = &c.attribution {
            let mut v =
                json!({"kind": "attribution", "start": a.start, "end": a.end, "text": a.text});
            if let Some(s) = &a.source {
                v["source"] = span_value(s);
            }
            mentions.push(v);
        }
    }
    if regions.is_empty() {
        return None;
    }
    mentions.sort_by_key(|m| (m["start"].as_u64(), m["end"].as_u64()));
    mentions.dedup();
    Some(GoldDoc {
        name: name.to_string(),
        published: file
            .document
            .published
            .as_deref()
            .and_then(|d| d.parse().ok()),
        text,
        mentions,
        regions: Some(regions),
    })
}

fn load_gold(path: &Path, db: Option<&Database>) -> anyhow::Result<Vec<GoldDoc>> {
    let gold_dir = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(Path::new(""))
    };
    let mut docs = Vec::new();
    for f in files_under(path)? {
        let raw = fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
        let name = f.display().to_string();
        if f.extension().is_some_and(|x| x == "jsonl") {
            for (n, line) in raw.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let v: Value = serde_json::from_str(line)
                    .with_context(|| format!("{name}:{}: not JSON", n + 1))?;
                let Some(text) = v["text"].as_str() else {
                    bail!("{name}:{}: no \"text\"", n + 1);
                };
                docs.push(GoldDoc {
                    name: format!("{name}:{}", n + 1),
                    text: text.to_string(),
                    published: v["date"].as_str().and_then(|d| d.parse().ok()),
                    mentions: v["mentions"].as_array().cloned().unwrap_or_default(),
                    regions: None,
                });
            }
            continue;
        }
        let file = annotations::parse(&name, &raw)?;
        let Some(text) = find_text(&file, gold_dir, db) else {
            bail!(
                "{name}: cannot find the text with hash {}: put the article at {} or ingest it \
                 into the database (--db)",
                file.document.content_hash,
                file.document.path.as_deref().unwrap_or("its path")
            );
        };
        match gold_from_annotations(&name, &file, text) {
            Some(d) => docs.push(d),
            None => say!("{name}: no reviewed claims; skipped"),
        }
    }
    Ok(docs)
}

fn span(v: &Value) -> Option<(usize, usize)> {
    Some((v["start"].as_u64()? as usize, v["end"].as_u64()? as usize))
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// One-to-one greedy matching by largest overlap; returns (gold, system) index pairs.
fn matching(gold: &[(usize, usize)], sys: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        for (j, s) in sys.iter().enumerate() {
            let o = overlap(*g, *s);
            if o > 0 {
                pairs.push((o, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.cmp(a));
    let (mut used_g, mut used_s) = (vec![false; gold.len()], vec![false; sys.len()]);
    let mut out = Vec::new();
    for (_, i, j) in pairs {
        if !used_g[i] && !used_s[j] {
            used_g[i] = true;
            used_s[j] = true;
            out.push((i, j));
        }
    }
    out
}

fn same_value(kind: &str, g: &Value, s: &Value) -> Option<bool> {
    match kind {
        "attribution" => {
            let gs = span(&g["source"])?;
            Some(span(&s["source"]).is_some_and(|ss| overlap(gs, ss) > 0))
        }
        _ => {
            let gv = match &g["value"] {
                Value::Null => return None,
                Value::String(x) => x.clone(),
                other => other.to_string(),
            };
            let sv = match &s["value"] {
                Value::Null => return Some(false),
                Value::String(x) => x.clone(),
                other => other.to_string(),
            };
            if kind == "figure" {
                let d = |x: &str| {
                    x.replace(',', "")
                        .parse::<Decimal>()
                        .ok()
                        .map(|d| d.to_string())
                };
                Some(d(&gv).is_some() && d(&gv) == d(&sv))
            } else {
                Some(gv == sv)
            }
        }
    }
}

#[derive(Debug, Default, Clone, PartialEq)]
struct Tally {
    gold: usize,
    system: usize,
    strict: usize,
    overlap: usize,
    value_ok: usize,
    value_n: usize,
}

fn prf(tp: usize, sys: usize, gold: usize) -> (f64, f64, f64) {
    let p = if sys > 0 { tp as f64 / sys as f64 } else { 0.0 };
    let r = if gold > 0 {
        tp as f64 / gold as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn score(docs: &[GoldDoc], kinds: Option<&[String]>) -> BTreeMap<String, Tally> {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for d in docs {
        let doc = Document::from_text(
            d.name.clone(),
            d.text.clone(),
            Metadata {
                published: d.published,
                ..Metadata::default()
            },
        );
        let analysis = pipeline::analyse(&doc);
        let idx = OffsetIndex::new(&doc.text);
        let system: Vec<Value> = analysis
            .mentions
            .iter()
            .map(|m| Value::Object(output::mention_json(m, &doc.text, &idx)))
            .filter(|m| match (&d.regions, span(m)) {
                (Some(regions), Some(s)) => regions.iter().any(|r| overlap(*r, s) > 0),
                (None, _) => true,
                (Some(_), None) => false,
            })
            .collect();
        let mut all_kinds: Vec<String> = d
            .mentions
            .iter()
            .chain(&system)
            .filter_map(|m| m["kind"].as_str().map(str::to_string))
            .collect();
        all_kinds.sort();
        all_kinds.dedup();
        for kind in all_kinds {
            if kinds.is_some_and(|k| !k.contains(&kind)) {
                continue;
            }
            let of_kind = |ms: &[Value]| -> Vec<Value> {
                ms.iter()
                    .filter(|m| m["kind"] == kind.as_str() && span(m).is_some())
                    .cloned()
                    .collect()
            };
            let g = of_kind(&d.mentions);
            let s = of_kind(&system);
            let gs: Vec<_> = g.iter().filter_map(span).collect();
            let ss: Vec<_> = s.iter().filter_map(span).collect();
            let t = tallies.entry(kind.clone()).or_default();
            t.gold += g.len();
            t.system += s.len();
            for (i, j) in matching(&gs, &ss) {
                t.overlap += 1;
                if gs[i] == ss[j] {
                    t.strict += 1;
                }
                if let Some(ok) = same_value(&kind, &g[i], &s[j]) {
                    t.value_n += 1;
                    t.value_ok += usize::from(ok);
                }
            }
        }
    }
    tallies
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

fn report_json(docs: usize, t: &BTreeMap<String, Tally>) -> Value {
    let mut kinds = serde_json::Map::new();
    for (k, t) in t {
        let (sp, sr, sf) = prf(t.strict, t.system, t.gold);
        let (op, or, of) = prf(t.overlap, t.system, t.gold);
        let acc = if t.value_n > 0 {
            t.value_ok as f64 / t.value_n as f64
        } else {
            0.0
        };
        kinds.insert(
            k.clone(),
            json!({
                "gold": t.gold, "system": t.system,
                "strict": {"p": round4(sp), "r": round4(sr), "f1": round4(sf)},
                "overlap": {"p": round4(op), "r": round4(or), "f1": round4(of)},
                "value": {"correct": t.value_ok, "compared": t.value_n, "accuracy": round4(acc)},
            }),
        );
    }
    json!({"documents": docs, "kinds": kinds})
}

pub fn run(args: EvalArgs, db: &DbArgs) -> anyhow::Result<i32> {
    // The database is only a fallback for finding texts; never create one here.
    let database = if db.db.exists() {
        Some(db.open_read()?)
    } else {
        None
    };
    let docs = load_gold(&args.gold, database.as_ref())?;
    if docs.is_empty() {
        bail!(
            "{}: no gold documents (annotation files with reviewed claims, or gold JSONL)",
            args.gold.display()
        );
    }
    let kinds: Option<Vec<String>> = args
        .kinds
        .as_ref()
        .map(|k| k.split(',').map(|s| s.trim().to_string()).collect());
    let tallies = score(&docs, kinds.as_deref());
    let report = report_json(docs.len(), &tallies);
    if matches!(args.format, Format::Json | Format::Jsonl) {
        emit(&format!("{report}\n"))?;
        return Ok(0);
    }
    let mut t = Table::new(vec![
        "kind",
        "gold",
        "system",
        "strict P",
        "strict R",
        "strict F1",
        "overlap P",
        "overlap R",
        "overlap F1",
        "value acc",
    ]);
    let f = |x: &Value| format!("{:.3}", x.as_f64().unwrap_or(0.0));
    if let Some(kinds) = report["kinds"].as_object() {
        for (k, v) in kinds {
            t.push(vec![
                k.clone(),
                v["gold"].to_string(),
                v["system"].to_string(),
                f(&v["strict"]["p"]),
                f(&v["strict"]["r"]),
                f(&v["strict"]["f1"]),
                f(&v["overlap"]["p"]),
                f(&v["overlap"]["r"]),
                f(&v["overlap"]["f1"]),
                format!(
                    "{} ({}/{})",
                    f(&v["value"]["accuracy"]),
                    v["value"]["correct"],
                    v["value"]["compared"]
                ),
            ]);
        }
    }
    let rendered = table::print(args.format, &t, std::slice::from_ref(&report));
    if args.format == Format::Table {
        emit(&format!("{} document(s)\n{rendered}", docs.len()))?;
    } else {
        // CSV and Markdown stay one table; the count goes with the messages.
        say!("{} document(s)", docs.len());
        emit(&rendered)?;
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(kind: &str, s: usize, e: usize, value: Value) -> Value {
        json!({"kind": kind, "start": s, "end": e, "text": "", "value": value})
    }

    #[test]
    fn greedy_matching_pairs_600_000_with_the_longer_overlap() {
        // gold "600,000 Azerbaijanis" 10..30; system "600,000" 10..17 and "Azerbaijanis" 18..30.
        let pairs = matching(&[(10, 30)], &[(10, 17), (18, 30)]);
        assert_eq!(pairs, vec![(0, 1)]);
    }

    #[test]
    fn two_million_equals_2000000_as_a_decimal_value() {
        let g = m("figure", 0, 9, json!("2000000"));
        assert_eq!(
            same_value("figure", &g, &m("figure", 0, 9, json!(2000000))),
            Some(true)
        );
        assert_eq!(
            same_value("figure", &g, &m("figure", 0, 9, json!(2))),
            Some(false)
        );
        assert_eq!(
            same_value(
                "date",
                &m("date", 0, 4, json!("2020")),
                &m("date", 0, 4, json!("2022"))
            ),
            Some(false)
        );
        assert_eq!(
            same_value("figure", &m("figure", 0, 1, Value::Null), &g),
            None
        );
    }

    #[test]
    fn precision_and_recall_of_one_hit_in_two() {
        let (p, r, f) = prf(1, 2, 1);
        assert_eq!((p, r), (0.5, 1.0));
        assert!((f - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(prf(0, 0, 0), (0.0, 0.0, 0.0));
    }
}
