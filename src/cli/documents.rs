//! `claimtrace documents` and `claimtrace sources`: what is stored.

use clap::Args;
use serde_json::json;

use claimtrace::table::{self, Format, Table};

use super::{emit, parse_format, DbArgs};

/// List stored documents (the current version of each, or all versions).
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  claimtrace documents\n  claimtrace documents --all-versions --format json"
)]
pub struct DocumentsArgs {
    /// Include earlier versions of changed documents
    #[arg(long)]
    pub all_versions: bool,
    /// Output format: table, json, jsonl, csv, markdown
    #[arg(long, default_value = "table", value_parser = parse_format)]
    pub format: Format,
}

pub fn run(args: DocumentsArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let db = db.open()?;
    let rows = db.list_documents(args.all_versions)?;
    let mut t = Table::new(vec![
        "id",
        "version",
        "claims",
        "published",
        "anchor",
        "title",
        "source",
    ]);
    for r in &rows {
        t.push(vec![
            r.id.to_string(),
            format!("{}{}", r.version, if r.is_current { "" } else { " (old)" }),
            r.claims.to_string(),
            r.published.clone().unwrap_or_else(|| "-".into()),
            match (&r.anchor_kind, &r.anchor_date) {
                (Some(k), Some(d)) => format!("{k} {d}"),
                (Some(k), None) => k.clone(),
                _ => "-".into(),
            },
            r.title.clone().unwrap_or_default(),
            r.source_key.clone(),
        ]);
    }
    let records: Vec<_> = rows.iter().map(|r| json!(r)).collect();
    emit(&table::print(args.format, &t, &records))?;
    Ok(0)
}

/// List the source registry: canonical sources, their aliases and claim counts.
#[derive(Args, Debug)]
#[command(after_help = "Example:\n  claimtrace sources --format json")]
pub struct SourcesArgs {
    /// Output format: table, json, jsonl, csv, markdown
    #[arg(long, default_value = "table", value_parser = parse_format)]
    pub format: Format,
}

pub fn sources(args: SourcesArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let db = db.open()?;
    let rows = db.list_sources()?;
    let mut t = Table::new(vec!["id", "claims", "kind", "name", "role", "aliases"]);
    for r in &rows {
        t.push(vec![
            r.id.to_string(),
            r.claims.to_string(),
            r.kind.clone(),
            r.name.clone(),
            r.role.clone().unwrap_or_default(),
            r.aliases.join("; "),
        ]);
    }
    let records: Vec<_> = rows.iter().map(|r| json!(r)).collect();
    emit(&table::print(args.format, &t, &records))?;
    Ok(0)
}

/// "; N verdicts need a re-check" after a new version, or nothing.
pub fn rechecks_note(rechecks: usize) -> String {
    match rechecks {
        0 => String::new(),
        1 => "; 1 verdict needs a re-check: claimtrace claims --status needs_recheck".into(),
        n => format!("; {n} verdicts need a re-check: claimtrace claims --status needs_recheck"),
    }
}
