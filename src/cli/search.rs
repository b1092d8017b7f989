//! `claimtrace search`: the checked claims a text that is not in the database (a tweet,
//! a quote a reader sends in) repeats — fact-checks from elsewhere and the desk's own
//! claims — ranked by [`claimtrace::retrieval`].

use std::io::{BufRead as _, Read as _, Write as _};

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use serde_json::{json, Value};

use claimtrace::retrieval::{Entry, Index};
use claimtrace::table::{Format, Table};

use super::{parse_format, stream_rows, DbArgs};

/// Rank the fact-checks and stored claims a text may repeat, best first. Nothing is
/// stored: the text is only searched for.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  claimtrace search \"Obama released 122 Guantanamo detainees who went back to terrorism\"\n  \
    pbpaste | claimtrace search --limit 3\n  \
    claimtrace search --input jsonl --only fact-checks < tweets.jsonl > ranked.jsonl\n\n\
    JSON Lines in: {\"id\": ..., \"text\": ...} per line (read when --input jsonl is given or the\n\
    input starts with `{`); out: one line per query, {\"id\", \"results\": [...]}, each result\n\
    with rank, score, kind (fact-check or claim), id, verdict or status, publisher or\n\
    document, url and text. Scores rank the results of one text; they are not\n\
    probabilities and do not compare across texts."
)]
pub struct SearchArgs {
    /// The text to search for (default: standard input)
    pub text: Option<String>,
    /// Results per text
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Only fact-checks from elsewhere, or only the desk's claims
    #[arg(long, value_enum)]
    pub only: Option<Only>,
    /// How to read standard input: one text, or JSON Lines of {"id","text"}
    #[arg(long, value_enum)]
    pub input: Option<Input>,
    /// Output format for one text: table, json, jsonl, csv, markdown (JSON Lines input
    /// always writes JSON Lines)
    #[arg(long, default_value = "table", value_parser = parse_format)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Only {
    FactChecks,
    Claims,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Input {
    Text,
    Jsonl,
}

/// What a result shows of the entry it found.
struct Found {
    kind: &'static str,
    id: String,
    verdict: String,
    by: String,
    url: String,
    text: String,
    record: Value,
}

pub fn run(args: SearchArgs, db: &DbArgs) -> anyhow::Result<i32> {
    if args.limit == 0 {
        return Err(super::usage("--limit must be at least 1"));
    }
    let db = db.open_read()?;
    let mut entries = Vec::new();
    let mut found = Vec::new();
    if args.only != Some(Only::Claims) {
        db.each_fact_check(|f| -> anyhow::Result<()> {
            entries.push(Entry {
                claim: f.claim.clone(),
                title: f.headline.clone().unwrap_or_default(),
            });
            found.push(Found {
                kind: "fact-check",
                id: super::matches::fact_check_id(f.id),
                verdict: f.verdict.clone(),
                by: f.publisher.clone().unwrap_or_default(),
                url: f.link(),
                text: f.claim.clone(),
                record: json!(f),
            });
            Ok(())
        })?;
    }
    if args.only != Some(Only::FactChecks) {
        db.each_current_claim(|c| -> anyhow::Result<()> {
            entries.push(Entry {
                claim: c.text.clone(),
                title: String::new(),
            });
            found.push(Found {
                kind: "claim",
                id: c.id.to_string(),
                verdict: c.status.clone(),
                by: format!("document {}", c.document_id),
                url: String::new(),
                text: c.text.clone(),
                record: json!(c),
            });
            Ok(())
        })?;
    }
    let index = Index::new(&entries);
    let result = |rank: usize, score: f64, f: &Found| {
        json!({"rank": rank, "score": (score * 1000.0).round() / 1000.0, "kind": f.kind,
               "id": f.id, "verdict": f.verdict, "by": f.by, "url": f.url, "text": f.text,
               "entry": f.record})
    };
    let text = match args.text {
        Some(t) => t,
        None => {
            let mut raw = String::new();
            std::io::stdin()
                .lock()
                .read_to_string(&mut raw)
                .context("reading standard input")?;
            let jsonl = match args.input {
                Some(Input::Jsonl) => true,
                Some(Input::Text) => false,
                None => raw.trim_start().starts_with('{'),
            };
            if jsonl {
                return queries(&raw, &index, &found, args.limit, result);
            }
            raw
        }
    };
    if text.trim().is_empty() {
        return Err(super::usage(
            "nothing to search for: give a text or pipe one in",
        ));
    }
    let hits = index.rank(&text, args.limit);
    let t = Table::new(vec![
        "rank", "score", "kind", "id", "verdict", "by", "text", "url",
    ])
    .optional(&["score", "url", "by"]);
    stream_rows(args.format, &t, |sink| {
        for (i, h) in hits.iter().enumerate() {
            let Some(f) = found.get(h.entry) else {
                continue;
            };
            let cells = [
                (i + 1).to_string(),
                format!("{:.3}", h.score),
                f.kind.to_string(),
                f.id.clone(),
                f.verdict.clone(),
                f.by.clone(),
                f.text.clone(),
                f.url.clone(),
            ];
            sink(&cells, &|| result(i + 1, h.score, f))?;
        }
        Ok(())
    })?;
    if hits.is_empty() && args.format == Format::Table {
        eprintln!("no fact-check or stored claim shares a word with this text");
    }
    Ok(0)
}

/// JSON Lines of queries: one line of results per query line; a bad line is reported
/// with its number and the others go on (exit 1 at the end).
fn queries(
    raw: &str,
    index: &Index,
    found: &[Found],
    limit: usize,
    result: impl Fn(usize, f64, &Found) -> Value,
) -> anyhow::Result<i32> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0;
    for (n, line) in raw.as_bytes().lines().enumerate() {
        let line = line.context("reading standard input")?;
        if line.trim().is_empty() {
            continue;
        }
        let q: Value = match serde_json::from_str(&line) {
            Ok(q) => q,
            Err(e) => {
                failed += 1;
                eprintln!("claimtrace: error: line {}: not JSON ({e})", n + 1);
                continue;
            }
        };
        let Some(text) = q.get("text").and_then(Value::as_str) else {
            failed += 1;
            eprintln!(
                "claimtrace: error: line {}: no \"text\" string to search for",
                n + 1
            );
            continue;
        };
        let results: Vec<Value> = index
            .rank(text, limit)
            .iter()
            .enumerate()
            .filter_map(|(i, h)| found.get(h.entry).map(|f| result(i + 1, h.score, f)))
            .collect();
        let id = q.get("id").cloned().unwrap_or(Value::Null);
        let written = writeln!(out, "{}", json!({"id": id, "results": results}));
        if let Err(e) = written {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(0);
            }
            return Err(e).context("writing to stdout");
        }
    }
    out.flush().context("writing to stdout")?;
    Ok(if failed == 0 { 0 } else { 1 })
}
