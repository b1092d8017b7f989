//! `claimtrace import`: load annotation files back into the database.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;

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
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let meta = fs::metadata(path).with_context(|| format!("reading {}", path.display()))?;
    if !meta.is_dir() {
        out.push(path.to_owned());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = fs::read_dir(path)
        .with_context(|| format!("reading directory {}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for e in entries {
        let hidden = e
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if e.is_dir() {
            collect(&e, out)?;
        } else if e.extension().is_some_and(|x| x == "json") {
            out.push(e);
        }
    }
    Ok(())
}

pub fn run(args: ImportArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let mut paths = Vec::new();
    for p in &args.paths {
        collect(p, &mut paths)?;
    }
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
        eprintln!(
            "{}: imported into document {} ({} claims, {} new; {} review entries added)",
            f.file, f.document_id, f.claims, f.new_claims, f.entries
        );
    }
    for e in &report.refused {
        eprintln!("claimtrace: error: {e}; nothing was imported from this file");
    }
    eprintln!(
        "imported {} of {} file(s)",
        report.imported.len(),
        inputs.len()
    );
    Ok(if report.refused.is_empty() { 0 } else { 1 })
}
