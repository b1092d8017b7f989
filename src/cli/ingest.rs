//! `claimtrace ingest`: run the pipeline on articles and store the results.

use std::io::{IsTerminal, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use claimtrace::analysed;
use claimtrace::document::{self, Document, Metadata};
use claimtrace::parallel::{self, Ordered};
use claimtrace::pipeline;
use claimtrace::store::{ClaimFilter, DocumentRows, IngestOutcome, MatchSummary};
use claimtrace::table::Format;

use super::limits::SizeLimit;
use super::lines::{InputLine, InputLines};
use super::{claims, emit, parse_format, usage, DbArgs, JobsArgs, MetaArgs};

/// Ingest article files and directories (.txt/.md, recursively) into the database.
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  claimtrace ingest corpus/\n  \
    claimtrace ingest article.txt --date 2025-07-01 --url https://example.org/a\n  \
    claimtrace --db desk.db ingest today/ --quiet\n  \
    claimtrace extract corpus/ --format jsonl --with-text > records.jsonl   # anywhere\n  \
    claimtrace ingest --analysed records.jsonl                              # at the desk")]
pub struct IngestArgs {
    /// Files or directories to ingest (with --analysed: files of analysed records, "-"
    /// for standard input)
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The files hold analysed records (`claimtrace extract --format jsonl --with-text`,
    /// one per line), stored as they are after checking them against their texts
    #[arg(long)]
    pub analysed: bool,
    #[command(flatten)]
    pub meta: MetaArgs,
    /// Print only the final summary and errors: no per-file lines, no claims
    #[arg(long, short)]
    pub quiet: bool,
    /// Format of the claims printed after ingesting
    #[arg(long, default_value = "table", value_parser = parse_format)]
    pub format: Format,
    /// Follow links to directories inside the given directories (each directory is
    /// still read once, so a link loop ends)
    #[arg(long)]
    pub follow_links: bool,
    #[command(flatten)]
    pub limit: SizeLimit,
    #[command(flatten)]
    pub jobs: JobsArgs,
}

/// What the writer gets for each article or record, in input order: its name in
/// messages, and its document and rows, or why it cannot be stored.
/// A file, what the analysis says of it (see [`claimtrace::segment::Segmentation::cut_note`]),
/// and its document and rows to store.
type Analysed = (
    PathBuf,
    Option<String>,
    anyhow::Result<(Document, DocumentRows)>,
);

pub fn run(args: IngestArgs, db: &DbArgs) -> anyhow::Result<i32> {
    // Articles are identified by their path under the database's directory.
    let root = document::corpus_root(&db.db);
    let overrides = args.meta.metadata();
    let jobs = args.jobs.jobs();
    let (mut analysed, total, unit) = if args.analysed {
        if overrides != Metadata::default() {
            return Err(usage(
                "an analysed record carries its own metadata: --date, --title, --url and \
                 --outlet go with article files, or with `claimtrace extract --with-text`",
            ));
        }
        (records(&args.paths, jobs, args.limit)?, None, "record(s)")
    } else {
        let paths = document::collect_articles(&args.paths, args.follow_links)?;
        let total = paths.len();
        let analysed = articles(paths, jobs, args.limit, overrides, root.clone())?;
        (analysed, Some(total), "file(s)")
    };
    let mut db = db.open()?;
    let mut failed = Vec::new();
    let mut stored = Vec::new();
    let mut seen = 0usize;
    // Progress on stderr only for a terminal and a corpus worth waiting for.
    let progress = if std::io::stderr().is_terminal() && total.is_some_and(|n| n > 20) {
        let bar = indicatif::ProgressBar::new(total.unwrap_or(0) as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} files  {elapsed} elapsed, about {eta} left {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    // Errors are always said (above the progress bar); per-file lines only without
    // --quiet and without a bar, which reports the progress itself and must not be
    // scrolled away by thousands of lines.
    let say = |line: String| match &progress {
        Some(bar) => bar.suspend(|| say!("{line}")),
        None => say!("{line}"),
    };
    let per_file = !args.quiet && progress.is_none();
    // Documents are written in batches: one commit for up to BATCH_DOCS documents or
    // BATCH_TIME, each document in a savepoint of its own. Messages for a batch are
    // printed once it is committed, so "stored" is never said of uncommitted data.
    const BATCH_DOCS: usize = 256;
    const BATCH_TIME: std::time::Duration = std::time::Duration::from_millis(500);
    let mut pending: Vec<(PathBuf, Option<i64>, String, bool)> = Vec::new();
    // Documents stored or changed by this ingest, whose claims were matched.
    let mut matched: Vec<i64> = Vec::new();
    let mut batch_started = std::time::Instant::now();
    let mut in_batch = false;
    let mut upcoming = analysed.next();
    // Copying the write-ahead log into the database happens beside the writer.
    let checkpoints = db.background_checkpoints();
    while let Some((path, note, analysed_doc)) = upcoming.take() {
        seen += 1;
        if let (Some(note), false) = (note, args.quiet) {
            say(format!("claimtrace: {}: {note}", path.display()));
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        if !in_batch {
            db.begin_batch()?;
            in_batch = true;
            batch_started = std::time::Instant::now();
        }
        let outcome = analysed_doc
            .and_then(|analysed| super::reanalyse::store(&mut db, analysed, root.as_deref()));
        match outcome {
            Ok(o) => {
                let (id, message) = describe(&path, &o);
                let new = matches!(
                    o,
                    IngestOutcome::Added { .. } | IngestOutcome::NewVersion { .. }
                );
                pending.push((path, id, message, new));
            }
            Err(e) => {
                let message = super::error_message(&e);
                say(format!(
                    "claimtrace: error: {}",
                    claimtrace::table::escape_controls_in(&message, true)
                ));
                failed.push(path);
            }
        }
        upcoming = analysed.next();
        if pending.len() >= BATCH_DOCS
            || batch_started.elapsed() >= BATCH_TIME
            || upcoming.is_none()
        {
            in_batch = false;
            match db.commit_batch() {
                Ok(()) => {
                    if let Some(c) = &checkpoints {
                        c.committed();
                    }
                    // One write for the batch's lines (stderr is unbuffered).
                    let mut lines = String::new();
                    for (_, id, message, new) in pending.drain(..) {
                        lines.push_str(&message);
                        lines.push('\n');
                        if new {
                            matched.extend(id);
                        }
                        stored.extend(id);
                    }
                    if per_file && !lines.is_empty() {
                        say(lines.trim_end().to_string());
                    }
                }
                Err(e) => {
                    for (path, ..) in pending.drain(..) {
                        say(format!(
                            "claimtrace: error: {}: not stored: {e}",
                            path.display()
                        ));
                        failed.push(path);
                    }
                }
            }
        }
    }
    db.commit_batch()?;
    if let Some(c) = checkpoints {
        db.end_background_checkpoints(c)?;
    }
    db.compact_if_created();
    // Every worker catches its panics, so none ends early; if one did, the files after
    // it were not stored and the summary must not say otherwise.
    if analysed.finished_early() {
        anyhow::bail!("internal error while analysing the articles; please report it");
    }
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    say!(
        "ingested {} of {seen} {unit}{}",
        seen - failed.len(),
        if failed.is_empty() {
            String::new()
        } else {
            format!(
                "; {} failed: {}",
                failed.len(),
                failed
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    );
    if let Some(line) = summary_line(&db.match_summary(&matched)?) {
        say!("{line}");
    }
    if !args.quiet {
        for id in &stored {
            let rows = db.list_claims(&ClaimFilter {
                document: Some(*id),
                ..ClaimFilter::default()
            })?;
            emit(&claims::render(&rows, args.format))?;
        }
    }
    Ok(if failed.is_empty() { 0 } else { 1 })
}

/// Reads and analyses the article files on `jobs` threads: the analysed documents come
/// back in the order of the files, a few at a time (bounded queues), so memory stays
/// that of a few articles and the database is written as by one thread.
fn articles(
    paths: Vec<PathBuf>,
    jobs: usize,
    limit: SizeLimit,
    overrides: Metadata,
    root: Option<PathBuf>,
) -> anyhow::Result<Ordered<Analysed>> {
    parallel::ordered_map(jobs, parallel::file_chunks(&paths), move |path: PathBuf| {
        // Everything but the writes happens here, off the writer's thread: the
        // analysis, the content hash and the rows to insert.
        let mut note = None;
        let analysed = limit
            .check_file(&path)
            .and_then(|()| {
                Document::load_in(&path, &overrides, root.as_deref()).map_err(anyhow::Error::from)
            })
            .and_then(|doc| {
                doc.hash();
                // The recognisers are fuzzed and must not panic; if one ever does, that
                // document is reported and the others go on.
                catch_unwind(AssertUnwindSafe(|| {
                    let analysis = pipeline::analyse(&doc);
                    note = analysis.segments.cut_note();
                    DocumentRows::new(&doc, &analysis)
                }))
                .map(|rows| (doc, rows))
                .map_err(|_| {
                    anyhow::anyhow!(
                        "{}: internal error while analysing this article; please report it",
                        path.display()
                    )
                })
            });
        (path, note, analysed)
    })
    .context("starting the analysis threads")
}

/// Reads the analysed records of `files` ("-": standard input) one line each, checked
/// on `jobs` threads, in the order of the files and lines. A record is named
/// `FILE:LINE` in messages; one that cannot be stored is refused with the reason and
/// the others go on.
fn records(files: &[PathBuf], jobs: usize, limit: SizeLimit) -> anyhow::Result<Ordered<Analysed>> {
    type Line = (std::sync::Arc<str>, InputLine);
    type Chunks = Box<dyn Iterator<Item = Vec<Line>> + Send>;
    // Owned: the files are read on the dispatcher thread.
    let files = files.to_vec();
    let chunks = files.into_iter().flat_map(|file| -> Chunks {
        let stdin = file.as_os_str() == "-";
        let name: std::sync::Arc<str> = match stdin {
            true => "<stdin>".into(),
            false => file.display().to_string().into(),
        };
        let input: std::io::Result<Box<dyn Read + Send>> = match stdin {
            true => Ok(Box::new(std::io::stdin())),
            false => std::fs::File::open(&file).map(|f| Box::new(f) as Box<dyn Read + Send>),
        };
        match input {
            // Line 0: the file itself.
            Err(e) => Box::new(std::iter::once(vec![(name, (0, Err(e)))])),
            Ok(input) => Box::new(
                InputLines::new(input)
                    .map(move |chunk| chunk.into_iter().map(|line| (name.clone(), line)).collect()),
            ),
        }
    });
    parallel::ordered_map(jobs, chunks, move |(name, (line_no, bytes)): Line| {
        let label = PathBuf::from(format!("{name}:{line_no}"));
        let record = match bytes {
            Err(e) if line_no == 0 => Err(anyhow::anyhow!("{name}: cannot be read: {e}")),
            Err(e) => Err(anyhow::anyhow!(
                "{label}: cannot be read: {e}",
                label = label.display()
            )),
            Ok(bytes) => catch_unwind(AssertUnwindSafe(|| analysed::read_record(&bytes)))
                .unwrap_or_else(|_| {
                    Err("internal error while reading this record; please report it".into())
                })
                // --max-document-size is of the article, as for a file.
                .and_then(|(doc, rows)| match limit.refusal(doc.text.len() as u64) {
                    Some(msg) => Err(format!("text of {msg}")),
                    None => Ok((doc, rows)),
                })
                .map_err(|e| anyhow::anyhow!("{}: {e}", label.display())),
        };
        (label, None, record)
    })
    .context("starting the analysis threads")
}

/// The summary line of one document, and its id, whose claims are printed after.
fn describe(path: &std::path::Path, outcome: &IngestOutcome) -> (Option<i64>, String) {
    let (id, line) = describe_unescaped(path, outcome);
    (id, claimtrace::table::escape_controls(&line))
}

fn describe_unescaped(path: &std::path::Path, outcome: &IngestOutcome) -> (Option<i64>, String) {
    match *outcome {
        IngestOutcome::Added {
            document_id,
            claims,
        } => (
            Some(document_id),
            format!(
                "{}: stored as document {document_id} ({claims} claims)",
                path.display()
            ),
        ),
        IngestOutcome::NewVersion { document_id, .. } => (
            Some(document_id),
            format!(
                "{}: {}",
                path.display(),
                super::reanalyse::describe_version(outcome)
            ),
        ),
        IngestOutcome::Moved {
            document_id,
            ref from,
        } => (
            Some(document_id),
            format!(
                "{}: moved from {from} (document {document_id}, same text); nothing else to do",
                path.display()
            ),
        ),
        IngestOutcome::Unchanged { document_id } => (
            Some(document_id),
            format!(
                "{}: unchanged (already stored as document {document_id}); nothing to do",
                path.display()
            ),
        ),
    }
}

/// What the new claims repeat or contradict among stored claims, in one line; `None`
/// when they do neither.
fn summary_line(s: &MatchSummary) -> Option<String> {
    let mut parts = Vec::new();
    if s.repeat_reviewed > 0 {
        let rated = if s.repeat_false > 0 {
            format!(" ({} rated false or misleading)", s.repeat_false)
        } else {
            String::new()
        };
        parts.push(format!(
            "{} {} reviewed claims{rated}",
            claims(s.repeat_reviewed),
            verb(s.repeat_reviewed, "repeats", "repeat")
        ));
    }
    if s.repeat_other > 0 {
        parts.push(format!(
            "{} {} stored claims",
            claims(s.repeat_other),
            verb(s.repeat_other, "repeats", "repeat")
        ));
    }
    if s.repeat_fact_checked > 0 {
        // The three most frequent verdicts, with who gave them.
        let rated: Vec<String> = s
            .fact_check_verdicts
            .iter()
            .take(3)
            .map(|(verdict, publisher, n)| {
                if publisher.is_empty() {
                    format!("{n} rated {verdict}")
                } else {
                    format!("{n} rated {verdict} by {publisher}")
                }
            })
            .collect();
        let more = if s.fact_check_verdicts.len() > 3 {
            ", ..."
        } else {
            ""
        };
        parts.push(format!(
            "{} {} fact-checked claims ({}{more})",
            claims(s.repeat_fact_checked),
            verb(s.repeat_fact_checked, "repeats", "repeat"),
            rated.join(", ")
        ));
    }
    if s.conflicts > 0 {
        parts.push(format!(
            "{} with a stored claim",
            if s.conflicts == 1 {
                "1 conflicts".to_string()
            } else {
                format!("{} conflict", s.conflicts)
            }
        ));
    }
    if s.fact_check_conflicts > 0 {
        parts.push(format!(
            "{} with a fact-checked claim",
            if s.fact_check_conflicts == 1 {
                "1 conflicts".to_string()
            } else {
                format!("{} conflict", s.fact_check_conflicts)
            }
        ));
    }
    (!parts.is_empty()).then(|| {
        format!(
            "{} (see `claimtrace report repeats` and `claimtrace report conflicts`)",
            parts.join(", ")
        )
    })
}

fn claims(n: usize) -> String {
    if n == 1 {
        "1 claim".into()
    } else {
        format!("{n} claims")
    }
}

fn verb(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_claims_repeat_reviewed_claims_two_rated_false_one_conflicts() {
        let s = MatchSummary {
            repeat_reviewed: 3,
            repeat_false: 2,
            repeat_other: 0,
            conflicts: 1,
            ..MatchSummary::default()
        };
        assert_eq!(
            summary_line(&s).unwrap(),
            "3 claims repeat reviewed claims (2 rated false or misleading), 1 conflicts with a \
             stored claim (see `claimtrace report repeats` and `claimtrace report conflicts`)"
        );
        assert_eq!(summary_line(&MatchSummary::default()), None);
        let one = MatchSummary {
            repeat_other: 1,
            ..MatchSummary::default()
        };
        assert!(summary_line(&one)
            .unwrap()
            .starts_with("1 claim repeats stored claims"));
    }

    #[test]
    fn two_claims_repeat_fact_checked_claims_one_rated_false_by_politifact() {
        let s = MatchSummary {
            repeat_fact_checked: 2,
            fact_check_verdicts: vec![
                ("False".into(), "PolitiFact".into(), 1),
                ("Mostly true".into(), String::new(), 1),
            ],
            fact_check_conflicts: 1,
            ..MatchSummary::default()
        };
        assert_eq!(
            summary_line(&s).unwrap(),
            "2 claims repeat fact-checked claims (1 rated False by PolitiFact, 1 rated Mostly \
             true), 1 conflicts with a fact-checked claim (see `claimtrace report repeats` and \
             `claimtrace report conflicts`)"
        );
    }
}
