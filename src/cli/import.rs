//! `claimtrace import`: load annotation files back into the database, and fact-checks
//! published elsewhere (schema.org ClaimReview) into it.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;

use claimtrace::claimreview;
use claimtrace::document::Walk;

use super::DbArgs;

/// Import annotation files (.json, directories recursively), or fact-checks published
/// elsewhere (--claimreview). Each annotation file is checked first; a file with an
/// error is refused with its line and reason and nothing of it is imported. Articles
/// must be ingested before their annotations.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  claimtrace ingest corpus/ && claimtrace import annotations/\n  \
    claimtrace import annotations/000_dcccab2e6cf52972.json\n  \
    claimtrace import --claimreview factchecks.json\n  \
    curl -s https://checks.example.org/feed.json | claimtrace import --claimreview -\n\n\
    ClaimReview: schema.org ClaimReview JSON-LD, one object, an array, a DataFeed, an\n\
    @graph, or the Fact Check Tools API's claims[].claimReview[]. Each review is stored as\n\
    an external verified claim (its claim, rating, publisher, dates and URL) and matched\n\
    against the stored claims; importing it again updates it (same url and claim, or same\n\
    publisher and claim). A bad or partial review is refused with its item number and\n\
    reason, the others are stored (in one transaction); the exit code is then 1."
)]
pub struct ImportArgs {
    /// Annotation files or directories
    #[arg(required_unless_present = "claimreview")]
    pub paths: Vec<PathBuf>,
    /// schema.org ClaimReview JSON-LD files to import as fact-checks from elsewhere
    /// (`-`: standard input); may be repeated
    #[arg(long, value_name = "FILE")]
    pub claimreview: Vec<PathBuf>,
    /// Follow links to directories inside the given directories (each directory is
    /// still read once, so a link loop ends)
    #[arg(long)]
    pub follow_links: bool,
}

/// Whether a name is hidden (`.git`, an editor's `.x.json.swp`).
fn hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// The annotation files under `inputs`: walked as `ingest` walks articles (each file
/// once, links to directories only with `--follow-links`, no loops), `.json` files
/// outside hidden directories; a file named explicitly is taken whatever its name.
fn collect(inputs: &[PathBuf], follow_links: bool) -> anyhow::Result<Vec<PathBuf>> {
    let mut walk = Walk::new(follow_links);
    let mut out = Vec::new();
    let wanted = |p: &Path| !hidden(p) && p.extension().is_some_and(|x| x == "json");
    let enter = |p: &Path| !hidden(p);
    for input in inputs {
        walk.input(input, &mut out, &wanted, &enter)?;
    }
    Ok(out)
}

pub fn run(args: ImportArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let mut code = 0;
    if !args.claimreview.is_empty() {
        code = claim_reviews(&args.claimreview, db)?;
    }
    if !args.paths.is_empty() {
        code = code.max(annotations(&args, db)?);
    }
    Ok(code)
}

/// Reads ClaimReview files: every good item is stored (all files in one transaction),
/// every bad one is reported with its file, number and reason.
fn claim_reviews(files: &[PathBuf], db: &DbArgs) -> anyhow::Result<i32> {
    let mut good = Vec::new();
    let mut refused = 0usize;
    for path in files {
        let (name, raw) = if path.as_os_str() == "-" {
            let mut raw = String::new();
            std::io::stdin()
                .read_to_string(&mut raw)
                .context("reading ClaimReview from standard input")?;
            ("<stdin>".to_string(), raw)
        } else {
            let raw = fs::read_to_string(path)
                .with_context(|| format!("reading {} (ClaimReview JSON-LD)", path.display()))?;
            (path.display().to_string(), raw)
        };
        let doc: serde_json::Value = serde_json::from_str(raw.trim_start_matches('\u{feff}'))
            .map_err(|e| {
                anyhow::anyhow!(
                    "{name}: line {}, column {}: not JSON ({e}); nothing was imported",
                    e.line(),
                    e.column()
                )
            })?;
        let items = claimreview::items(&doc);
        if items.is_empty() {
            anyhow::bail!("{name}: no ClaimReview in it; nothing was imported");
        }
        for item in items {
            match item.read {
                Ok(f) => {
                    let keys = claimreview::keys(&f.claim, f.date());
                    good.push((f, keys));
                }
                Err(why) => {
                    refused += 1;
                    eprintln!(
                        "claimtrace: error: {name}: item {}: {why}; this item was not imported",
                        item.number
                    );
                }
            }
        }
    }
    let mut db = db.open()?;
    let done = db.import_fact_checks(&good)?;
    eprintln!(
        "imported {} of {} fact-check(s) ({} new, {} updated, {} refused); {} relation(s) to stored claims",
        good.len(),
        good.len() + refused,
        done.new,
        done.updated,
        refused,
        done.relations
    );
    Ok(if refused == 0 { 0 } else { 1 })
}

fn annotations(args: &ImportArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let paths = collect(&args.paths, args.follow_links)?;
    if paths.is_empty() {
        anyhow::bail!("no .json annotation files in the given paths");
    }
    let mut inputs = Vec::with_capacity(paths.len());
    for p in &paths {
        let raw = fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
        inputs.push((p.display().to_string(), raw));
    }
    let mut db = db.open()?;
    let report = db.import_annotations(&inputs)?;
    for f in &report.imported {
        say!(
            "{}: imported into document {} ({} claims, {} new; {} review entries added)",
            f.file,
            f.document_id,
            f.claims,
            f.new_claims,
            f.entries
        );
    }
    for e in &report.refused {
        say!("claimtrace: error: {e}; nothing was imported from this file");
    }
    say!(
        "imported {} of {} file(s)",
        report.imported.len(),
        inputs.len()
    );
    Ok(if report.refused.is_empty() { 0 } else { 1 })
}
