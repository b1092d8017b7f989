//! `claimtrace export`: annotation files and standard formats.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;

use claimtrace::annotations;
use claimtrace::export::{self, Options};
use claimtrace::store::Database;
use claimtrace::table::{Format, RowWriter, Table};

use super::{usage, DbArgs};

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
    let (format, out) = match &args.annotations {
        Some(dir) => (ExportFormat::Annotations, Some(dir.clone())),
        None => (args.format, args.out.clone()),
    };
    match (format, &out) {
        (ExportFormat::Annotations, None) => {
            return Err(usage(
                "annotation files go to a directory: give --annotations DIR or --out DIR",
            ))
        }
        (ExportFormat::Brat, None) => {
            return Err(usage("brat writes .txt and .ann files: give --out DIR"))
        }
        _ => {}
    }
    let db = db.open_read()?;
    let ids = match args.document {
        Some(id) => vec![id],
        None => db.current_documents()?,
    };
    let opts = Options {
        base_url: args.base_url.clone(),
        publisher: args.publisher.clone(),
    };
    // Every format is written a document at a time; memory stays that of the largest
    // document.
    match (format, out) {
        (ExportFormat::Annotations, Some(dir)) => write_annotations(&db, &dir, &ids)?,
        (ExportFormat::Brat, Some(dir)) => write_brat(&db, &dir, &ids)?,
        (ExportFormat::Csv, out) => write_csv(&db, &ids, out.as_deref())?,
        (ExportFormat::W3c, out) => report_rechecks(write_w3c(&db, &ids, &opts, out.as_deref())?),
        (ExportFormat::ClaimReview, out) => {
            warn_missing_claimreview_options(&opts);
            report_rechecks(write_claim_reviews(&db, &ids, &opts, out.as_deref())?)
        }
        (ExportFormat::Annotations | ExportFormat::Brat, None) => {
            return Err(usage("give --out DIR"))
        }
    }
    Ok(0)
}

/// ClaimReview readers need each review's URL and its author: says which is missing.
fn warn_missing_claimreview_options(opts: &Options) {
    let missing: Vec<&str> = [
        (&opts.base_url, "--base-url (each review's url)"),
        (&opts.publisher, "--publisher (the reviews' author)"),
    ]
    .into_iter()
    .filter(|(given, _)| given.is_none())
    .map(|(_, flag)| flag)
    .collect();
    if !missing.is_empty() {
        say!(
            "claimtrace: warning: ClaimReview without {}; fact-check readers need them \
             (or set CLAIMTRACE_BASE_URL / CLAIMTRACE_PUBLISHER)",
            missing.join(" and ")
        );
    }
}

/// Says how many claims a verdict export skipped because they need a re-check.
fn report_rechecks(rechecks: usize) {
    if rechecks > 0 {
        say!(
            "claimtrace: skipped {rechecks} claim(s) that need a re-check: their text or \
             values changed since their verdict (list them with \
             `claimtrace claims --status needs_recheck`)"
        );
    }
}

/// Where an export goes: the file `out`, else stdout (buffered either way), and its
/// name for messages.
fn output(out: Option<&Path>) -> anyhow::Result<(std::io::BufWriter<Box<dyn Write>>, String)> {
    let (sink, name): (Box<dyn Write>, String) = match out {
        Some(path) => (
            Box::new(
                fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
            ),
            path.display().to_string(),
        ),
        None => (Box::new(std::io::stdout().lock()), "stdout".to_string()),
    };
    Ok((std::io::BufWriter::with_capacity(1 << 16, sink), name))
}

/// The end of a streamed export: a closed stdout pipe (`| head`) is no error; a write
/// error names where it went.
fn finish_output(result: anyhow::Result<()>, out: Option<&Path>, name: &str) -> anyhow::Result<()> {
    let io_kind = |e: &anyhow::Error| e.downcast_ref::<std::io::Error>().map(|io| io.kind());
    match result {
        Err(e) if out.is_none() && io_kind(&e) == Some(std::io::ErrorKind::BrokenPipe) => Ok(()),
        Err(e) if io_kind(&e).is_some() => Err(e.context(format!("writing {name}"))),
        other => other,
    }
}

/// The CSV export, one document's rows at a time, to a file or stdout.
fn write_csv(db: &Database, ids: &[i64], out: Option<&Path>) -> anyhow::Result<()> {
    let (mut sink, name) = output(out)?;
    let result = (|| -> anyhow::Result<()> {
        sink.write_all(export::csv_header().as_bytes())?;
        for &id in ids {
            let (file, claim_ids) = db.annotation_file_with_ids(id)?;
            sink.write_all(export::csv_rows(&file, &claim_ids).as_bytes())?;
        }
        sink.flush()?;
        Ok(())
    })();
    finish_output(result, out, &name)
}

/// The ClaimReview array, one document's reviews at a time, to a file or stdout.
fn write_claim_reviews(
    db: &Database,
    ids: &[i64],
    opts: &Options,
    out: Option<&Path>,
) -> anyhow::Result<usize> {
    let (sink, name) = output(out)?;
    let mut rechecks = 0;
    let result = (|| -> anyhow::Result<()> {
        // A JSON array written element by element, as serde_json pretty-prints it.
        let mut writer = RowWriter::new(Format::Json, &Table::new(Vec::new()), None, sink)?;
        for &id in ids {
            let file = db.annotation_file(id)?;
            rechecks += export::rechecks(std::slice::from_ref(&file));
            if let serde_json::Value::Array(reviews) =
                export::claim_reviews(std::slice::from_ref(&file), opts)
            {
                for r in &reviews {
                    writer.row::<&str>(&[], r)?;
                }
            }
        }
        writer.finish()?;
        Ok(())
    })();
    finish_output(result, out, &name)?;
    Ok(rechecks)
}

/// The W3C collection, one document's annotations at a time, to a file or stdout. The
/// collection states its total before its items, so a first pass counts them.
/// Returns how many claims it skipped because they need a re-check.
fn write_w3c(
    db: &Database,
    ids: &[i64],
    opts: &Options,
    out: Option<&Path>,
) -> anyhow::Result<usize> {
    let items_of = |id: i64| -> anyhow::Result<(Vec<serde_json::Value>, usize)> {
        let file = db.annotation_file(id)?;
        let mut page = export::w3c(std::slice::from_ref(&file), opts);
        let items = match page["first"]["items"].take() {
            serde_json::Value::Array(items) => items,
            _ => Vec::new(),
        };
        Ok((items, export::rechecks(std::slice::from_ref(&file))))
    };
    let (mut total, mut rechecks) = (0, 0);
    for &id in ids {
        let (items, skipped) = items_of(id)?;
        total += items.len();
        rechecks += skipped;
    }
    // The collection without items, pretty-printed and cut where its items go.
    const MARK: &str = "\u{0}items\u{0}";
    let mut collection = export::w3c(&[], opts);
    collection["total"] = total.into();
    collection["first"]["items"] = serde_json::json!([MARK]);
    let shell = pretty(&collection)?;
    let quoted = serde_json::to_string(MARK)?;
    let Some(at) = shell.find(&quoted) else {
        anyhow::bail!("internal error: the W3C collection has no items; please report it");
    };
    let line_start = shell[..at].rfind('\n').map_or(0, |i| i + 1);
    let indent = &shell[line_start..at];
    let (head, tail) = (&shell[..line_start], &shell[at + quoted.len()..]);
    let (mut sink, name) = output(out)?;
    let result = (|| -> anyhow::Result<()> {
        sink.write_all(head.as_bytes())?;
        let mut first = true;
        for &id in ids {
            for item in items_of(id)?.0 {
                if !first {
                    sink.write_all(b",\n")?;
                }
                first = false;
                let text = serde_json::to_string_pretty(&item)?;
                sink.write_all(indent.as_bytes())?;
                sink.write_all(text.replace('\n', &format!("\n{indent}")).as_bytes())?;
            }
        }
        sink.write_all(tail.as_bytes())?;
        sink.flush()?;
        Ok(())
    })();
    finish_output(result, out, &name)?;
    Ok(rechecks)
}

fn pretty(v: &serde_json::Value) -> anyhow::Result<String> {
    Ok(format!("{}\n", serde_json::to_string_pretty(v)?))
}

fn create_dir(dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("creating directory {}", dir.display()))
}

/// Writes the files, leaving a file untouched when its content is unchanged.
fn write_annotations(db: &Database, dir: &Path, ids: &[i64]) -> anyhow::Result<()> {
    create_dir(dir)?;
    let mut taken = HashSet::new();
    let mut changed = 0;
    for &id in ids {
        let f = db.annotation_file(id)?;
        let name = annotations::file_name(&f.document, &taken);
        taken.insert(name.clone());
        let path = dir.join(&name);
        let text = annotations::render(&f);
        if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            fs::write(&path, &text).with_context(|| format!("writing {}", path.display()))?;
            changed += 1;
        }
    }
    say!(
        "wrote {} annotation file(s) to {} ({changed} changed)",
        ids.len(),
        dir.display()
    );
    Ok(())
}

fn write_brat(db: &Database, dir: &Path, ids: &[i64]) -> anyhow::Result<()> {
    create_dir(dir)?;
    fs::write(dir.join("annotation.conf"), export::BRAT_CONF)
        .with_context(|| format!("writing {}", dir.join("annotation.conf").display()))?;
    let mut taken = HashSet::new();
    for &id in ids {
        let f = db.annotation_file(id)?;
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
    say!(
        "wrote {} document(s) as brat standoff to {}",
        ids.len(),
        dir.display()
    );
    Ok(())
}
