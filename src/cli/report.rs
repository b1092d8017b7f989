//! `claimtrace report`: unsourced figures, contested claims, status counts.

use clap::{Args, Subcommand};
use serde_json::json;

use claimtrace::table::{self, Format, Table};

use super::{emit, parse_format, DbArgs};

/// Reports for the desk.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  claimtrace report unsourced\n  claimtrace report contested --format markdown\n  \
    claimtrace report status --format csv"
)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub report: Report,
    /// Output format: table, json, jsonl, csv, markdown, html (one self-contained file)
    #[arg(long, global = true, default_value = "table", value_parser = parse_report_format)]
    pub format: ReportFormat,
}

/// A data format, or a self-contained HTML page.
#[derive(Debug, Clone, Copy)]
pub enum ReportFormat {
    Data(Format),
    Html,
}

fn parse_report_format(s: &str) -> Result<ReportFormat, String> {
    if s.eq_ignore_ascii_case("html") {
        return Ok(ReportFormat::Html);
    }
    parse_format(s)
        .map(ReportFormat::Data)
        .map_err(|e| format!("{e}, or html"))
}

#[derive(Subcommand, Debug)]
pub enum Report {
    /// Every figure nobody is quoted for, by document, most check-worthy first
    Unsourced {
        /// Only this document id
        #[arg(long)]
        document: Option<i64>,
    },
    /// Contested claims with their competing claims, sources and notes
    Contested,
    /// Claim counts by status and type, per document and overall
    Status,
    /// Claims that found no place in a new version of their document, with their history
    Orphans,
    /// One article (or every current one) with its claims marked, its unsourced figures
    /// and contested claims: HTML only (--format html), for sharing by mail
    Article {
        /// Only this document id [default: every current document]
        #[arg(long)]
        document: Option<i64>,
    },
}

pub fn run(args: ReportArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let db = db.open()?;
    let format = match args.format {
        ReportFormat::Html => {
            emit(&html(&db, &args.report)?)?;
            return Ok(0);
        }
        ReportFormat::Data(f) => f,
    };
    let out = match args.report {
        Report::Unsourced { document } => {
            let rows = db.unsourced_figures(document)?;
            let mut t = Table::new(vec![
                "doc", "claim", "worth", "figure", "value", "unit", "mod", "sentence",
            ]);
            for r in &rows {
                let value = match (&r.value, &r.low, &r.high) {
                    (Some(v), _, _) => v.clone(),
                    (None, Some(l), Some(h)) => format!("{l}..{h}"),
                    (None, Some(l), None) => format!(">={l}"),
                    _ => String::new(),
                };
                t.push(vec![
                    r.document_id.to_string(),
                    r.claim_id.to_string(),
                    format!("{:.2}", r.worthiness),
                    r.figure.clone(),
                    value,
                    r.unit.clone().unwrap_or_default(),
                    r.modifier.clone().unwrap_or_default(),
                    r.sentence.clone(),
                ]);
            }
            let records: Vec<_> = rows.iter().map(|r| json!(r)).collect();
            table::print(format, &t, &records)
        }
        Report::Contested => {
            let rows = db.contested()?;
            let mut t = Table::new(vec!["claim", "doc", "source", "against", "reason", "text"]);
            for r in &rows {
                let against = r
                    .competing
                    .iter()
                    .map(|c| {
                        format!(
                            "#{} ({}{})",
                            c.claim_id,
                            c.status,
                            c.source
                                .as_deref()
                                .map(|s| format!(", {s}"))
                                .unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                t.push(vec![
                    r.claim_id.to_string(),
                    r.document_id.to_string(),
                    r.source.clone().unwrap_or_else(|| "-".into()),
                    against,
                    r.reason.clone().unwrap_or_default(),
                    r.text.clone(),
                ]);
            }
            let records: Vec<_> = rows.iter().map(|r| json!(r)).collect();
            table::print(format, &t, &records)
        }
        Report::Status => {
            let rows = db.status_counts()?;
            let mut t = Table::new(vec!["doc", "status", "type", "count"]);
            let mut overall: std::collections::BTreeMap<(String, String), i64> = Default::default();
            for r in &rows {
                t.push(vec![
                    r.document_id.to_string(),
                    r.status.clone(),
                    r.claim_type.clone(),
                    r.count.to_string(),
                ]);
                *overall
                    .entry((r.status.clone(), r.claim_type.clone()))
                    .or_default() += r.count;
            }
            let mut records: Vec<_> = rows.iter().map(|r| json!(r)).collect();
            for ((status, ty), n) in &overall {
                t.push(vec![
                    "all".into(),
                    status.clone(),
                    ty.clone(),
                    n.to_string(),
                ]);
                records.push(json!({"document_id": null, "document": "all", "status": status, "claim_type": ty, "count": n}));
            }
            table::print(format, &t, &records)
        }
        Report::Orphans => {
            let rows = db.orphans()?;
            let mut t = Table::new(vec!["claim", "doc", "status", "since", "why", "text"]);
            for r in &rows {
                t.push(vec![
                    r.id.to_string(),
                    r.document_id.to_string(),
                    r.status.clone(),
                    r.since.clone().unwrap_or_default(),
                    r.note.clone().unwrap_or_default(),
                    r.text.clone(),
                ]);
            }
            let records: Vec<_> = rows.iter().map(|r| json!(r)).collect();
            table::print(format, &t, &records)
        }
        Report::Article { .. } => {
            eprintln!("claimtrace: error: `report article` is an HTML page; add --format html");
            return Ok(2);
        }
    };
    emit(&out)?;
    Ok(0)
}

fn html(db: &claimtrace::store::Database, report: &Report) -> anyhow::Result<String> {
    use claimtrace::serve::report;
    Ok(match report {
        Report::Unsourced { document } => report::unsourced(db, *document)?,
        Report::Contested => report::contested(db)?,
        Report::Status => report::status(db)?,
        Report::Article { document } => report::articles(db, *document)?,
        Report::Orphans => anyhow::bail!(
            "`report orphans` has no HTML form; use --format table, json, jsonl, csv or markdown"
        ),
    })
}
