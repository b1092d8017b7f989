//! `claimtrace report`: unsourced figures, contested claims, status counts.

use clap::{Args, Subcommand};
use serde_json::json;

use std::collections::BTreeMap;

use claimtrace::matching::Relation;
use claimtrace::store::Database;
use claimtrace::table::{Format, Table};

use super::{parse_format, stream_rows, DbArgs};

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
        /// Also the figures no desk would check ("two tracks", a margin of error), with
        /// the reason
        #[arg(long)]
        all: bool,
    },
    /// Contested claims with their competing claims, sources and notes
    Contested,
    /// Claim counts by status and type, per document and overall
    Status,
    /// Claims that found no place in a new version of their document, with their history
    Orphans,
    /// Claims of different articles that state different values for the same quantity
    /// and time, newest first
    Conflicts {
        #[command(flatten)]
        filter: RelationFilter,
    },
    /// Claims that repeat a claim of another article, with the other claim's status
    /// (a verdict to reuse with `review ID --like OTHER`), newest first
    Repeats {
        #[command(flatten)]
        filter: RelationFilter,
    },
    /// The fact-checks imported from elsewhere (`import --claimreview`), with their
    /// verdict, publisher, date and link
    FactChecks,
    /// One article (or every current one) with its claims marked, its unsourced figures
    /// and contested claims: HTML only (--format html), for sharing by mail
    Article {
        /// Only this document id [default: every current document]
        #[arg(long)]
        document: Option<i64>,
    },
}

/// Which relations a report lists.
#[derive(Args, Debug)]
pub struct RelationFilter {
    /// Only relations with a claim of this document id
    #[arg(long)]
    document: Option<i64>,
    /// Only relations found on or after this date (YYYY-MM-DD)
    #[arg(long, value_parser = super::parse_date)]
    since: Option<chrono::NaiveDate>,
}

pub fn run(args: ReportArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let db = db.open_read()?;
    let format = match args.format {
        ReportFormat::Html => {
            super::emit(&html(&db, &args.report)?)?;
            return Ok(0);
        }
        ReportFormat::Data(f) => f,
    };
    match args.report {
        Report::Unsourced { document, all } => unsourced(&db, document, all, format)?,
        Report::Contested => contested(&db, format)?,
        Report::Status => status(&db, format)?,
        Report::Orphans => orphans(&db, format)?,
        Report::Conflicts { filter } => relations(&db, Relation::Conflict, &filter, format)?,
        Report::Repeats { filter } => relations(&db, Relation::Repeat, &filter, format)?,
        Report::FactChecks => fact_checks(&db, format)?,
        Report::Article { .. } => {
            return Err(super::usage(
                "`report article` is an HTML page; add --format html",
            ))
        }
    }
    Ok(0)
}

fn html(db: &Database, report: &Report) -> anyhow::Result<String> {
    use claimtrace::serve::report;
    Ok(match report {
        Report::Unsourced { document, .. } => report::unsourced(db, *document)?,
        Report::Contested => report::contested(db)?,
        Report::Status => report::status(db)?,
        Report::Article { document } => report::articles(db, *document)?,
        Report::Orphans
        | Report::Conflicts { .. }
        | Report::Repeats { .. }
        | Report::FactChecks => anyhow::bail!(
            "this report has no HTML form; use --format table, json, jsonl, csv or markdown"
        ),
    })
}

fn unsourced(
    db: &Database,
    document: Option<i64>,
    all: bool,
    format: Format,
) -> anyhow::Result<()> {
    let mut headers = vec!["doc", "claim", "worth", "figure", "value", "unit", "mod"];
    if all {
        headers.push("checkable");
    }
    headers.push("sentence");
    let t = Table::new(headers).optional(&["mod", "unit", "doc"]);
    stream_rows(format, &t, |sink| {
        db.each_unsourced_figure(document, all, |r| {
            let value = match (&r.value, &r.low, &r.high) {
                (Some(v), _, _) => v.clone(),
                (None, Some(l), Some(h)) => format!("{l}..{h}"),
                (None, Some(l), None) => format!(">={l}"),
                _ => String::new(),
            };
            let mut cells = vec![
                r.document_id.to_string(),
                r.claim_id.to_string(),
                format!("{:.2}", r.worthiness),
                r.figure.clone(),
                value,
                r.unit.clone().unwrap_or_default(),
                r.modifier.clone().unwrap_or_default(),
            ];
            if all {
                cells.push(match (r.checkable, &r.checkable_reason) {
                    (true, _) => "yes".into(),
                    (false, Some(why)) => format!("no: {why}"),
                    (false, None) => "no".into(),
                });
            }
            cells.push(r.sentence.clone());
            sink(&cells, &|| json!(r))
        })
    })
}

fn contested(db: &Database, format: Format) -> anyhow::Result<()> {
    let t = Table::new(vec!["claim", "doc", "source", "against", "reason", "text"])
        .optional(&["doc", "source", "against"]);
    stream_rows(format, &t, |sink| {
        db.each_contested(|r| {
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
            let cells = [
                r.claim_id.to_string(),
                r.document_id.to_string(),
                r.source.clone().unwrap_or_else(|| "-".into()),
                against,
                r.reason.clone().unwrap_or_default(),
                r.text.clone(),
            ];
            sink(&cells, &|| json!(r))
        })
    })
}

/// Counts per document as they come, then the overall counts (a few dozen rows at most:
/// statuses × types).
fn status(db: &Database, format: Format) -> anyhow::Result<()> {
    let t = Table::new(vec!["doc", "status", "type", "count"]);
    stream_rows(format, &t, |sink| {
        let mut overall: BTreeMap<(String, String), i64> = BTreeMap::new();
        db.each_status_count(|r| {
            *overall
                .entry((r.status.clone(), r.claim_type.clone()))
                .or_default() += r.count;
            let cells = [
                r.document_id.to_string(),
                r.status.clone(),
                r.claim_type.clone(),
                r.count.to_string(),
            ];
            sink(&cells, &|| json!(r))
        })?;
        for ((status, ty), n) in &overall {
            let cells = ["all".to_string(), status.clone(), ty.clone(), n.to_string()];
            sink(
                &cells,
                &|| json!({"document_id": null, "document": "all", "status": status, "claim_type": ty, "count": n}),
            )?;
        }
        Ok(())
    })
}

fn orphans(db: &Database, format: Format) -> anyhow::Result<()> {
    let t = Table::new(vec!["claim", "doc", "status", "since", "why", "text"])
        .optional(&["since", "doc"]);
    let rows = db.orphans()?;
    stream_rows(format, &t, |sink| {
        for r in &rows {
            let cells = [
                r.id.to_string(),
                r.document_id.to_string(),
                r.status.clone(),
                r.since.clone().unwrap_or_default(),
                r.note.clone().unwrap_or_default(),
                r.text.clone(),
            ];
            sink(&cells, &|| json!(r))?;
        }
        Ok(())
    })
}

fn relations(
    db: &Database,
    relation: Relation,
    filter: &RelationFilter,
    format: Format,
) -> anyhow::Result<()> {
    let since = filter.since.map(|d| d.to_string());
    let t = Table::new(vec![
        "claim",
        "doc",
        "status",
        "other",
        "other doc",
        "other status",
        "reason",
        "text",
        "other text",
    ])
    .optional(&["doc", "other doc", "other text"]);
    stream_rows(format, &t, |sink| {
        db.each_relation(relation, filter.document, since.as_deref(), |r| {
            let cells = [
                r.claim_id.to_string(),
                r.document_id.to_string(),
                r.status.clone(),
                match (&r.fact_check, r.other_id) {
                    (Some(f), _) => super::matches::fact_check_id(f.id),
                    (None, Some(id)) => id.to_string(),
                    (None, None) => String::new(),
                },
                match &r.fact_check {
                    Some(f) => f.link(),
                    None => r
                        .other_document_id
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                },
                r.other_status.clone(),
                r.reason.clone(),
                r.text.clone(),
                r.other_text.clone(),
            ];
            sink(&cells, &|| json!(r))
        })
    })
}

fn fact_checks(db: &Database, format: Format) -> anyhow::Result<()> {
    let t = Table::new(vec![
        "id",
        "verdict",
        "publisher",
        "reviewed",
        "claimant",
        "claim",
        "url",
    ])
    .optional(&["claimant", "reviewed", "url"]);
    stream_rows(format, &t, |sink| {
        db.each_fact_check(|f| {
            let cells = [
                super::matches::fact_check_id(f.id),
                f.verdict.clone(),
                f.publisher.clone().unwrap_or_default(),
                f.review_date.clone().unwrap_or_default(),
                f.claimant.clone().unwrap_or_default(),
                f.claim.clone(),
                f.url.clone().unwrap_or_default(),
            ];
            sink(&cells, &|| json!(f))
        })
    })
}
