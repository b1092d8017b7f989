//! `claimtrace export`: annotation files and standard formats.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use clap::Args;

use claimtrace::annotations::{self, AnnotationFile};
use claimtrace::export::{self, Options};
use claimtrace::store::Database;

use super::{emit, DbArgs};

/// What to export as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Annotations,
    W3c,
    ClaimReview,
    Brat,
    Csv,
}

fn parse_export_format(s: &str) -> Result<ExportFormat, String> {
    match s {
        "annotations" => Ok(ExportFormat::Annotations),
        "w3c" => Ok(ExportFormat::W3c),
        "claimreview" => Ok(ExportFormat::ClaimReview),
        "brat" => Ok(ExportFormat::Brat),
        "csv" => Ok(ExportFormat::Csv),
        _ => Err(format!(
            "unknown export format {s:?}; valid: annotations, w3c, claimreview, brat, csv"
        )),
    }
}

/// Export claims and their reviews: annotation files to keep in git, or W3C Web
/// Annotation, schema.org ClaimReview, brat standoff or CSV for other tools.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  claimtrace export --annotations annotations/\n  \
    claimtrace export --format w3c > claims.jsonld\n  \
    claimtrace export --format claimreview --base-url https://desk.example.org --publisher 'The Desk'\n  \
    claimtrace export --format brat --out brat/\n  \
    claimtrace export --format csv --out claims.csv"
)]
pub struct ExportArgs {
    /// Write one annotation file per document into DIR (--format annotations --out DIR)
    #[arg(long, value_name = "DIR")]
    pub annotations: Option<PathBuf>,
    /// annotations, w3c, claimreview, brat or csv
    #[arg(long, default_value = "annotations", value_parser = parse_export_format)]
    pub format: ExportFormat,
    /// Output directory (annotations, brat) or file (w3c, claimreview, csv; default stdout)
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Only the document with this id
    #[arg(long)]
    pub document: Option<i64>,
    /// Base URL under which reviews are published (annotation ids, ClaimReview url)
    #[arg(long, env = "CLAIMTRACE_BASE_URL")]
    pub base_url: Option<String>,
    /// Organisation publishing the reviews (ClaimReview author)
    #[arg(long, env = "CLAIMTRACE_PUBLISHER")]
    pub publisher: Option<String>,
}

pub fn run(args: ExportArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let db = db.open()?;
    let (format, out) = match &args.annotations {
        Some(dir) => (ExportFormat::Annotations, Some(dir.clone())),
        None => (args.format, args.out.clone()),
    };
    let ids = match args.document {
        Some(id) => vec![id],
        None => db.current_documents()?,
    };
    let files: Vec<AnnotationFile> = ids
        .iter()
        .map(|&id| db.annotation_file(id))
        .collect::<Result<_, _>>()?;
    let opts = Options {
        base_url: args.base_url.clone(),
        publisher: args.publisher.clone(),
    };
    match format {
        ExportFormat::Annotations => {
            let Some(dir) = out else {
                bail!("annotation files go to a directory: give --annotations DIR or --out DIR");
            };
            write_annotations(&dir, &files)?;
        }
        ExportFormat::Brat => {
            let Some(dir) = out else {
                bail!("brat writes .txt and .ann files: give --out DIR");
            };
            write_brat(&db, &dir, &ids, &files)?;
        }
        ExportFormat::W3c | ExportFormat::ClaimReview | ExportFormat::Csv => {
            if format == ExportFormat::ClaimReview {
                let missing: Vec<&str> = [
                    (&opts.base_url, "--base-url (each review's url)"),
                    (&opts.publisher, "--publisher (the reviews' author)"),
                ]
                .into_iter()
                .filter(|(given, _)| given.is_none())
                .map(|(_, flag)| flag)
                .collect();
                if !missing.is_empty() {
                    eprintln!(
                        "claimtrace: warning: ClaimReview without {}; fact-check readers need them \
                         (or set CLAIMTRACE_BASE_URL / CLAIMTRACE_PUBLISHER)",
                        missing.join(" and ")
                    );
                }
            }
            let rechecks = export::rechecks(&files);
            if rechecks > 0 && format != ExportFormat::Csv {
                eprintln!(
                    "claimtrace: skipped {rechecks} claim(s) that need a re-check: their text or \
                     values changed since their verdict (list them with \
                     `claimtrace claims --status needs_recheck`)"
                );
            }
            let text = match format {
                ExportFormat::W3c => pretty(&export::w3c(&files, &opts))?,
                ExportFormat::ClaimReview => pretty(&export::claim_reviews(&files, &opts))?,
                _ => export::csv(&files),
            };
            match out {
                Some(path) => {
                    fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?
                }
                None => emit(&text)?,
            }
        }
    }
    Ok(0)
}

fn pretty(v: &serde_json::Value) -> anyhow::Result<String> {
    Ok(format!("{}\n", serde_json::to_string_pretty(v)?))
}

fn create_dir(dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("creating directory {}", dir.display()))
}

/// Writes the files, leaving a file untouched when its content is unchanged.
fn write_annotations(dir: &Path, files: &[AnnotationFile]) -> anyhow::Result<()> {
    create_dir(dir)?;
    let mut taken = HashSet::new();
    let mut changed = 0;
    for f in files {
        let name = annotations::file_name(&f.document, &taken);
        taken.insert(name.clone());
        let path = dir.join(&name);
        let text = annotations::render(f);
        if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            fs::write(&path, &text).with_context(|| format!("writing {}", path.display()))?;
            changed += 1;
        }
    }
    eprintln!(
        "wrote {} annotation file(s) to {} ({changed} changed)",
        files.len(),
        dir.display()
    );
    Ok(())
}

fn write_brat(
    db: &Database,
    dir: &Path,
    ids: &[i64],
    files: &[AnnotationFile],
) -> anyhow::Result<()> {
    create_dir(dir)?;
    fs::write(dir.join("annotation.conf"), export::BRAT_CONF)
        .with_context(|| format!("writing {}", dir.join("annotation.conf").display()))?;
    let mut taken = HashSet::new();
    for (&id, f) in ids.iter().zip(files) {
        let name = annotations::file_name(&f.document, &taken);
        taken.insert(name.clone());
        let stem = name.trim_end_matches(".json");
        let text = db.document_text(id)?;
        let ann = export::brat(&text, &db.document_mentions(id)?, &f.claims);
        for (ext, body) in [("txt", &text), ("ann", &ann)] {
            let path = dir.join(format!("{stem}.{ext}"));
            fs::write(&path, body).with_context(|| format!("writing {}", path.display()))?;
        }
    }
    eprintln!(
        "wrote {} document(s) as brat standoff to {}",
        files.len(),
        dir.display()
    );
    Ok(())
}
