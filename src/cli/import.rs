//! `claimtrace import`: load annotation files back into the database.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;

use claimtrace::document::Walk;

use super::DbArgs;

/// Import annotation files (.json, directories recursively). Each file is checked
/// first; a file with an error is refused with its line and reason and nothing of it
/// is imported. Articles must be ingested before their annotations.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  claimtrace ingest corpus/ && claimtrace import annotations/\n  \
    claimtrace import annotations/000_dcccab2e6cf52972.json"
)]
pub struct ImportArgs {
    /// Annotation files or directories
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
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
