//! `claimtrace documents` and `claimtrace sources`: what is stored, and corrections to
//! it (`documents set`, `documents rm`).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use clap::{Args, Subcommand};
use serde_json::json;

use claimtrace::annotations;
use claimtrace::pipeline;
use claimtrace::store::{Database, DocumentMatch, DocumentRows, IngestOptions, Matched};
use claimtrace::table::{Format, Table};

use super::{parse_format, DbArgs, MetaArgs};

/// List stored documents (the current version of each, or all versions), correct their
/// metadata, or remove them.
#[derive(Args, Debug)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  claimtrace documents\n  claimtrace documents --all-versions --format json\n  \
    claimtrace documents set 3 --date 2025-07-10\n  claimtrace documents rm 3 --yes"
)]
pub struct DocumentsArgs {
    #[command(subcommand)]
    pub action: Option<DocumentsAction>,
    /// Include earlier versions of changed documents
    #[arg(long)]
    pub all_versions: bool,
    /// Output format: table, json, jsonl, csv, markdown
    #[arg(long, default_value = "table", value_parser = parse_format)]
    pub format: Format,
}

#[derive(Subcommand, Debug)]
pub enum DocumentsAction {
    Set(SetArgs),
    Rm(RmArgs),
}

/// Correct a document's metadata: a new publication date re-anchors its dates, and every
/// affected claim is analysed again with its reviews carried over (a verdict whose values
/// changed needs a re-check).
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  claimtrace documents set 3 --date 2025-07-10\n  \
    claimtrace documents set 3 --title 'Moscow, Baku and the peace deal' --url https://example.org/a"
)]
pub struct SetArgs {
    /// Document id (see `claimtrace documents`)
    pub id: i64,
    #[command(flatten)]
    pub meta: MetaArgs,
}

/// Remove a document (every version) and its claims, after saying what goes; its review
/// history is kept in an annotation file unless --discard-reviews.
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  claimtrace documents rm 3\n  \
    claimtrace documents rm 3 --yes --keep-reviews removed/article.json\n  \
    claimtrace documents rm 3 --yes --discard-reviews")]
pub struct RmArgs {
    /// Document id (see `claimtrace documents`)
    pub id: i64,
    /// Remove without asking
    #[arg(long, short)]
    pub yes: bool,
    /// Where to keep the review history [default: removed-DOCUMENT.json]
    #[arg(long, value_name = "FILE", conflicts_with = "discard_reviews")]
    pub keep_reviews: Option<PathBuf>,
    /// Do not keep the review history
    #[arg(long)]
    pub discard_reviews: bool,
}

pub fn run(args: DocumentsArgs, db: &DbArgs) -> anyhow::Result<i32> {
    match args.action {
        Some(DocumentsAction::Set(a)) => return set(a, db),
        Some(DocumentsAction::Rm(a)) => return rm(a, db),
        None => {}
    }
    let db = db.open_read()?;
    let t = Table::new(vec![
        "id",
        "version",
        "claims",
        "published",
        "anchor",
        "title",
        "source",
    ]);
    // One row at a time: memory stays flat however many documents the database holds.
    super::stream_rows(args.format, &t, |sink| {
        db.each_document(args.all_versions, |r| {
            let cells = [
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
            ];
            sink(&cells, &|| json!(r))
        })
    })?;
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
    let db = db.open_read()?;
    let t = Table::new(vec!["id", "claims", "kind", "name", "role", "aliases"]);
    super::stream_rows(args.format, &t, |sink| {
        db.each_source(|r| {
            let cells = [
                r.id.to_string(),
                r.claims.to_string(),
                r.kind.clone(),
                r.name.clone(),
                r.role.clone().unwrap_or_default(),
                r.aliases.join("; "),
            ];
            sink(&cells, &|| json!(r))
        })
    })?;
    Ok(0)
}

fn set(args: SetArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let given = args.meta.metadata();
    if given == Default::default() {
        say!("claimtrace: error: give the metadata to set: --date, --title, --url or --outlet");
        return Ok(2);
    }
    let mut db = db.open()?;
    let mut doc = db.stored_document(args.id)?;
    let merged = doc.meta.clone().overridden_by(&given);
    if merged == doc.meta {
        say!(
            "document {}: the metadata is already so; nothing to do",
            args.id
        );
        return Ok(0);
    }
    doc.meta = merged;
    if let Some(url) = &doc.meta.url {
        // A URL is the document's identity.
        doc.key = url.clone();
    }
    let analysis = pipeline::analyse(&doc);
    let rows = DocumentRows::new(&doc, &analysis);
    let outcome = db.ingest_with(
        &doc,
        &rows,
        IngestOptions {
            matched: Matched::Known(Some(&DocumentMatch::of(args.id))),
            reanalyse: false,
        },
    )?;
    say!(
        "document {}: {}",
        args.id,
        super::reanalyse::describe_version(&outcome)
    );
    Ok(0)
}

fn rm(args: RmArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let mut db = db.open()?;
    let plan = db.removal(args.id)?;
    let versions: Vec<String> = plan.versions.iter().map(|v| v.to_string()).collect();
    say!(
        "remove {}{}: document id(s) {} with {} claim(s), {} of them reviewed ({} review entries)",
        plan.source_key,
        plan.title
            .as_deref()
            .map(|t| format!(" ({t})"))
            .unwrap_or_default(),
        versions.join(", "),
        plan.claims,
        plan.reviewed_claims,
        plan.review_entries
    );
    for (claim, doc) in &plan.referring {
        say!("  claim {claim} of document {doc} refers to one of these claims and loses the link");
    }
    let keep = if args.discard_reviews {
        say!("  the review history is discarded (--discard-reviews)");
        None
    } else {
        let path = match &args.keep_reviews {
            Some(p) => p.clone(),
            None => free_name(&format!("removed-{}", safe_stem(&db, args.id)?)),
        };
        say!("  the review history is kept in {}", path.display());
        Some(path)
    };
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            say!("claimtrace: error: nothing removed; add --yes to remove without asking");
            return Ok(2);
        }
        say_inline!("remove? [y/N] ");
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            say!("nothing removed");
            return Ok(0);
        }
    }
    if let Some(path) = &keep {
        let current = *plan.versions.last().unwrap_or(&args.id);
        let file = db.annotation_file(current)?;
        write_new(path, &annotations::render(&file))?;
    }
    db.remove_document(args.id)?;
    say!(
        "removed {} ({} claim(s)){}",
        plan.source_key,
        plan.claims,
        keep.map(|p| format!("; reviews kept in {}", p.display()))
            .unwrap_or_default()
    );
    Ok(0)
}

/// The file stem of a document's annotation file.
fn safe_stem(db: &Database, id: i64) -> anyhow::Result<String> {
    let file = db.annotation_file(id)?;
    let name = annotations::file_name(&file.document, &Default::default());
    Ok(name.trim_end_matches(".json").to_string())
}

/// `STEM.json` in the current directory, or `STEM-2.json`, ... when it exists.
fn free_name(stem: &str) -> PathBuf {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.json")
        } else {
            format!("{stem}-{n}.json")
        };
        if !Path::new(&name).exists() {
            return PathBuf::from(name);
        }
        n += 1;
    }
}

/// Writes a file that must not exist yet, creating its directory.
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    if path.exists() {
        bail!(
            "{} exists; nothing removed: give another file with --keep-reviews",
            path.display()
        );
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating directory {}", dir.display()))?;
    }
    std::fs::write(path, text).with_context(|| {
        format!(
            "writing {}; nothing removed (--discard-reviews to remove without keeping them)",
            path.display()
        )
    })
}
