//! `claimtrace extract`: the pipeline without a database.
//!
//! With `--format jsonl` and standard input it is a streaming batch filter: one JSON
//! document a line in (`{"id", "text", "date"}`), one result a line out, flushed per
//! record, so a large archive can be piped through any engine that pipes records.

use std::io::{BufRead, BufWriter, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use serde_json::Value;

use claimtrace::analysed;
use claimtrace::document::{self, Document, Metadata};
use claimtrace::output;
use claimtrace::parallel;
use claimtrace::pipeline::{self, Analysis};
use claimtrace::recognize::Payload;
use claimtrace::span::OffsetIndex;
use claimtrace::table::{self, Format, Table};

use super::limits::SizeLimit;
use super::lines::{InputLine, InputLines};
use super::{emit, parse_format, usage, JobsArgs, MetaArgs};

/// Extract claims from files or standard input without storing them.
#[derive(Args, Debug)]
#[command(
    after_help = "Standard input is one article, unless it is JSON Lines: chosen by --input jsonl, \
    or detected when its first byte is `{`. JSON Lines input gives one result line per input line.\n\n\
    Examples:\n  claimtrace extract corpus/article.txt --format table\n  \
    cat article.txt | claimtrace extract --date 2025-07-01\n  \
    claimtrace extract --format jsonl < docs.jsonl > results.jsonl   # {\"id\",\"text\",\"date\"} per line"
)]
pub struct ExtractArgs {
    /// Article files (.txt/.md) or directories; none or "-" reads standard input
    pub paths: Vec<PathBuf>,
    /// Output format: json (one pretty document), jsonl (one line per document), table
    #[arg(long, default_value = "json", value_parser = extract_format)]
    pub format: Format,
    /// What standard input holds: text (one article) or jsonl ({"id","text","date"} per
    /// line) [default: jsonl when the first byte is `{`, else text]
    #[arg(long, value_parser = ["text", "jsonl"])]
    pub input: Option<String>,
    #[command(flatten)]
    pub meta: MetaArgs,
    /// Follow links to directories inside the given directories (each directory is
    /// still read once, so a link loop ends)
    #[arg(long)]
    pub follow_links: bool,
    #[command(flatten)]
    pub limit: SizeLimit,
    #[command(flatten)]
    pub jobs: JobsArgs,
    /// With --format jsonl: make each record an analysed record, which carries the
    /// article's text, metadata and content hash, the claimtrace version and the rows
    /// to store, for `claimtrace ingest --analysed` on another machine
    #[arg(long)]
    pub with_text: bool,
}

/// The formats extract prints; any other is a usage error (exit 2).
fn extract_format(s: &str) -> Result<Format, String> {
    match parse_format(s)? {
        f @ (Format::Json | Format::Jsonl | Format::Table) => Ok(f),
        _ => Err(format!(
            "extract prints json, jsonl or table, not {s}; for CSV or Markdown, ingest the \
             articles and use `claimtrace claims --format {s}`"
        )),
    }
}

pub fn run(args: ExtractArgs) -> anyhow::Result<i32> {
    let from_stdin = args.paths.is_empty() || args.paths.iter().all(|p| p.as_os_str() == "-");
    let overrides = args.meta.metadata();
    if args.with_text && args.format != Format::Jsonl {
        return Err(usage(
            "--with-text makes analysed records, one JSON line each: use --format jsonl",
        ));
    }
    if !from_stdin {
        if args.input.is_some() {
            return Err(usage(
                "--input describes standard input; it does not go with file arguments",
            ));
        }
        return extract_files(
            &args.paths,
            args.follow_links,
            args.limit,
            &overrides,
            args.format,
            args.jobs.jobs(),
            args.with_text,
        );
    }
    let mut stdin = std::io::BufReader::with_capacity(1 << 18, std::io::stdin());
    let jsonl = match args.input.as_deref() {
        Some(framing) => framing == "jsonl",
        // Empty input to the JSON Lines filter is an empty stream (a batch engine may
        // pipe an empty chunk), not an empty article.
        None => match stdin.fill_buf().context("reading standard input")?.first() {
            Some(&first) => first == b'{',
            None => args.format == Format::Jsonl,
        },
    };
    if jsonl {
        if args.format == Format::Table {
            return Err(usage(
                "JSON Lines input gives one JSON result per line: use --format jsonl",
            ));
        }
        return stream_jsonl(
            stdin,
            std::io::stdout().lock(),
            args.limit,
            args.jobs.jobs(),
            args.with_text,
        );
    }
    let mut bytes = Vec::new();
    stdin
        .take(args.limit.read_cap())
        .read_to_end(&mut bytes)
        .context("reading standard input")?;
    args.limit.check("<stdin>", bytes.len() as u64)?;
    let text = document::decode(std::path::Path::new("<stdin>"), bytes)?;
    let key = overrides.url.clone().unwrap_or_else(|| "-".into());
    let doc = Document::from_text(key, text, overrides);
    let analysis = pipeline::analyse(&doc);
    let note = analysis.segments.cut_note();
    match args.format {
        Format::Table => emit(&render_table(&doc, &analysis))?,
        Format::Jsonl if args.with_text => {
            emit(&analysed_line(&Value::from("-"), &doc, &analysis)?)?
        }
        format => write_out(|out| write_json(out, format, false, &doc, &analysis))?,
    }
    if let Some(note) = note {
        say!("claimtrace: <stdin>: {note}");
    }
    Ok(0)
}

/// Writes to standard output through a buffer, as `f` renders; a closed pipe ends the
/// output quietly, as [`emit`] does.
fn write_out(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> anyhow::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match f(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to stdout"),
    }
}

/// A document's extract record as `format` prints it, with its newline: one line of
/// JSON (`jsonl`), or pretty-printed JSON (`json`; `in_array`: indented as an element
/// of the array of several files, without the newline), written as it is rendered.
fn write_json(
    out: &mut dyn Write,
    format: Format,
    in_array: bool,
    doc: &Document,
    analysis: &Analysis,
) -> std::io::Result<()> {
    let id = Value::from(doc.key.clone());
    match format {
        Format::Jsonl => {
            output::write_analysis(out, &id, &doc.text, analysis)?;
            out.write_all(b"\n")
        }
        _ if in_array => {
            output::write_analysis_pretty(&mut Indented(out), &id, &doc.text, analysis)
        }
        _ => {
            output::write_analysis_pretty(&mut *out, &id, &doc.text, analysis)?;
            out.write_all(b"\n")
        }
    }
}

/// A writer that indents every line after the first by two spaces, as serde_json
/// indents the elements of an array.
struct Indented<'w>(&'w mut dyn Write);

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(at) = rest.iter().position(|&b| b == b'\n') {
            self.0.write_all(&rest[..=at])?;
            self.0.write_all(b"  ")?;
            rest = &rest[at + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// One analysed record and its newline.
fn analysed_line(id: &Value, doc: &Document, analysis: &Analysis) -> std::io::Result<String> {
    let mut out = Vec::with_capacity(doc.text.len() * ANALYSED_PER_TEXT_BYTE);
    analysed::render_record(&mut out, id, doc, analysis)?;
    out.push(b'\n');
    String::from_utf8(out).map_err(std::io::Error::other)
}

/// One file's output as the analysis threads hand it over: printed, or, for a large
/// document in JSON, what it is made from, written as it is rendered.
enum FileOut {
    Text(String),
    Large(Box<(Document, Analysis)>),
}

/// Extracts the files on `jobs` threads and prints each result in the order of the
/// files, as soon as it and those before it are done, so memory stays that of a few
/// articles. A file that cannot be read is reported and the others go on; the exit code
/// is 1 at the end.
fn extract_files(
    paths: &[PathBuf],
    follow_links: bool,
    limit: SizeLimit,
    overrides: &Metadata,
    format: Format,
    jobs: usize,
    with_text: bool,
) -> anyhow::Result<i32> {
    let files = document::collect_articles(paths, follow_links)?;
    let count = files.len();
    // One file gives one JSON document; several give a JSON array of them.
    let array = format == Format::Json && count > 1;
    let overrides = overrides.clone();
    let results =
        parallel::ordered_map(jobs, parallel::file_chunks(&files), move |path: PathBuf| {
            let doc = limit
                .check_file(&path)
                .and_then(|()| Ok(Document::load(&path, &overrides)?))?;
            // As for a JSON Lines stream: a panic is one failed document, not the end.
            let analysis =
                catch_unwind(AssertUnwindSafe(|| pipeline::analyse(&doc))).map_err(|_| {
                    anyhow::anyhow!(
                        "{}: internal error while analysing this article; please report it",
                        path.display()
                    )
                })?;
            let note = analysis
                .segments
                .cut_note()
                .map(|note| format!("{}: {note}", path.display()));
            let out = match format {
                Format::Table => format!(
                    "{} ({} mentions)\n{}",
                    table::escape_controls(&path.display().to_string()),
                    analysis.mentions.len(),
                    render_table(&doc, &analysis)
                ),
                Format::Jsonl if with_text => {
                    analysed_line(&Value::from(doc.key.clone()), &doc, &analysis)?
                }
                _ if doc.text.len() >= RENDERED_HERE_BELOW => {
                    return anyhow::Ok((FileOut::Large(Box::new((doc, analysis))), note));
                }
                Format::Jsonl => {
                    let mut out = Vec::with_capacity(doc.text.len() * RECORD_PER_TEXT_BYTE);
                    write_json(&mut out, format, false, &doc, &analysis)?;
                    String::from_utf8(out)?
                }
                _ => {
                    let id = Value::from(doc.key.clone());
                    let mut out = Vec::with_capacity(doc.text.len() * 6);
                    output::write_analysis_pretty(&mut out, &id, &doc.text, &analysis)?;
                    String::from_utf8(out)?
                }
            };
            anyhow::Ok((FileOut::Text(out), note))
        })
        .context("starting the analysis threads")?;
    let mut failed = 0usize;
    let mut first = true;
    if array {
        emit("[\n")?;
    }
    let mut results = results;
    for result in results.by_ref() {
        let (out, note) = match result {
            Ok(done) => done,
            Err(e) => {
                say!("claimtrace: error: {e}");
                failed += 1;
                continue;
            }
        };
        let body = match out {
            FileOut::Text(body) => body,
            FileOut::Large(large) => {
                let (doc, analysis) = &*large;
                write_out(|out| {
                    if array {
                        out.write_all(if first { b"  " } else { b",\n  " })?;
                    }
                    write_json(out, format, array, doc, analysis)
                })?;
                first = false;
                if let Some(note) = note {
                    say!("claimtrace: {note}");
                }
                continue;
            }
        };
        let out = match format {
            Format::Table if !first => format!("\n{body}"),
            Format::Table | Format::Jsonl => body,
            // Indented as serde_json indents the elements of an array.
            _ if array => format!(
                "{}  {}",
                if first { "" } else { ",\n" },
                body.replace('\n', "\n  ")
            ),
            _ => format!("{body}\n"),
        };
        emit(&out)?;
        first = false;
        if let Some(note) = note {
            say!("claimtrace: {note}");
        }
    }
    if results.finished_early() {
        anyhow::bail!("internal error while analysing the articles; please report it");
    }
    if array {
        emit("\n]\n")?;
    }
    if failed > 0 {
        say!(
            "claimtrace: {failed} of {count} file(s) could not be read; the others were extracted"
        );
        return Ok(1);
    }
    Ok(0)
}

/// The batch filter: lines are analysed on `jobs` threads and their records written in
/// input order. Malformed lines are reported on stderr (in order too) and skipped; the
/// exit code is 1 at the end when any line failed.
pub fn stream_jsonl(
    input: impl Read + Send + 'static,
    output: impl Write,
    limit: SizeLimit,
    jobs: usize,
    with_text: bool,
) -> anyhow::Result<i32> {
    let lines = InputLines::new(input);
    let mut records = parallel::ordered_map(jobs, lines, move |line: InputLine| {
        let (line_no, bytes) = line;
        let record = bytes.map(|bytes| {
            process_line(bytes, limit, with_text).map(|(id, doc, analysis)| {
                let note = analysis
                    .segments
                    .cut_note()
                    .map(|note| format!("line {line_no} (id {id}): {note}"));
                if !with_text && doc.text.len() >= RENDERED_HERE_BELOW {
                    return (Record::Large(Box::new((id, doc, analysis))), note);
                }
                let per_byte = if with_text {
                    ANALYSED_PER_TEXT_BYTE
                } else {
                    RECORD_PER_TEXT_BYTE
                };
                let mut record = Vec::with_capacity(doc.text.len() * per_byte);
                // Writing into a Vec cannot fail.
                let _ = if with_text {
                    analysed::render_record(&mut record, &id, &doc, &analysis)
                } else {
                    output::render_analysis(&mut record, &id, &doc.text, &analysis)
                };
                record.push(b'\n');
                (Record::Rendered(record), note)
            })
        });
        (line_no, record)
    })
    .context("starting the analysis threads")?;
    // Records collect in `out` while more are ready, and are flushed before waiting for
    // the next: a pipeline downstream gets every record before this filter waits for
    // the next line, without a write per record.
    let mut out = BufWriter::with_capacity(1 << 18, output);
    let mut failed = 0usize;
    let mut flushed = Ok(());
    let ended = |failed: usize| Ok(if failed > 0 { 1 } else { 0 });
    while let Some((line_no, record)) = records.next_or_idle(|| flushed = out.flush()) {
        match std::mem::replace(&mut flushed, Ok(())) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return ended(failed),
            Err(e) => return Err(e).context("writing to stdout"),
            Ok(()) => {}
        }
        match record.context("reading standard input")? {
            Ok((record, note)) => {
                match record.write_to(&mut out) {
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return ended(failed),
                    Err(e) => return Err(e).context("writing to stdout"),
                    Ok(()) => {}
                }
                if let Some(note) = note {
                    say!("claimtrace: {note}");
                }
            }
            Err((id, msg)) => {
                failed += 1;
                match id {
                    Some(id) => say!("claimtrace: line {line_no} (id {id}): {msg}"),
                    None => say!("claimtrace: line {line_no}: {msg}"),
                }
            }
        }
    }
    if records.finished_early() {
        anyhow::bail!("internal error while analysing the input; please report it");
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(e).context("writing to stdout")
        }
        _ => {}
    }
    if failed > 0 {
        say!("claimtrace: {failed} input line(s) failed; the others were processed");
        return Ok(1);
    }
    Ok(0)
}

/// Documents of at least this many bytes have their extract record rendered by the
/// thread that writes the output, straight into it ([`output::write_analysis`]), and
/// never held whole: a record is five to ten times its text. Smaller ones are rendered
/// on the analysis threads, in parallel.
const RENDERED_HERE_BELOW: usize = 1 << 20;

/// Bytes reserved for a one-line extract record per byte of its text. The median record
/// of the bench corpus, TimeBank and PolNeAR dev is 5 to 7 times its text, nine in ten
/// below 10: a buffer of four times the text grew, and copied what it held, for nine
/// records in ten.
const RECORD_PER_TEXT_BYTE: usize = 10;

/// The same for an analysed record (`--with-text`), which carries the text and the
/// rows to store as well: 14 times its text at the median on TimeBank, 20 at nine in ten.
const ANALYSED_PER_TEXT_BYTE: usize = 24;

/// One line's result as the analysis threads hand it to the output.
enum Record {
    /// The record's bytes and newline.
    Rendered(Vec<u8>),
    /// A large document's id, document and analysis, rendered as it is written.
    Large(Box<(Value, Document, Analysis)>),
}

impl Record {
    fn write_to(&self, out: &mut impl Write) -> std::io::Result<()> {
        match self {
            Record::Rendered(bytes) => out.write_all(bytes),
            Record::Large(large) => {
                let (id, doc, analysis) = &**large;
                output::write_analysis(out, id, &doc.text, analysis)?;
                out.write_all(b"\n")
            }
        }
    }
}

type LineError = (Option<String>, String);

/// One input line's document and analysis. With `with_text` (analysed records) the line
/// may carry a `meta` object (the fields of a sidecar file; `date` still sets
/// `published`), and the document's key is its URL, else the id (a string id as it is).
/// The line is dropped once it is parsed: the analysis holds the text, not the line too.
fn process_line(
    bytes: Vec<u8>,
    limit: SizeLimit,
    with_text: bool,
) -> Result<(Value, Document, Analysis), LineError> {
    let record: Value = {
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            (
                None,
                format!("not valid UTF-8 at byte {} of the line", e.valid_up_to()),
            )
        })?;
        serde_json::from_str(text).map_err(|e| {
            (
                None,
                format!("not a JSON object: {e} (column {})", e.column()),
            )
        })?
    };
    drop(bytes);
    let Value::Object(mut obj) = record else {
        return Err((None, "not a JSON object".into()));
    };
    let id = obj.get("id").cloned().unwrap_or(Value::Null);
    let shown = Some(id.to_string());
    // The text moves into the document (the record is dropped after this function).
    let Some(Value::String(doc_text)) = obj.get_mut("text").map(std::mem::take) else {
        return Err((shown, "missing \"text\" string".into()));
    };
    if let Some(msg) = limit.refusal(doc_text.len() as u64) {
        return Err((shown, format!("text of {msg}")));
    }
    let published = match obj.get("date") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(parse_published(s).map_err(|e| (shown.clone(), e))?),
        Some(other) => {
            return Err((
                shown,
                format!("\"date\" must be YYYY-MM-DD or null, not {other}"),
            ))
        }
    };
    let doc = if with_text {
        let mut meta: Metadata = match obj.get_mut("meta").map(std::mem::take) {
            None | Some(Value::Null) => Metadata::default(),
            Some(m) => {
                serde_json::from_value(m).map_err(|e| (shown.clone(), format!("\"meta\": {e}")))?
            }
        };
        if let Some(date) = meta.published {
            claimtrace::document::check_published(date)
                .map_err(|e| (shown.clone(), format!("\"meta\": {e}")))?;
        }
        meta.published = published.or(meta.published);
        let key = match (&meta.url, &id) {
            (Some(url), _) => url.clone(),
            (None, Value::String(s)) => s.clone(),
            (None, other) => other.to_string(),
        };
        Document::from_text(key, doc_text, meta)
    } else {
        Document::from_text(
            id.to_string(),
            doc_text,
            Metadata {
                published,
                ..Metadata::default()
            },
        )
    };
    // The recognisers are fuzzed and must not panic; if one ever does, that document
    // is reported and the stream goes on.
    let analysis = catch_unwind(AssertUnwindSafe(|| pipeline::analyse(&doc))).map_err(|_| {
        (
            shown.clone(),
            "internal error while analysing this document; please report it".to_string(),
        )
    })?;
    Ok((id, doc, analysis))
}

/// The `date` of an input line: a valid `YYYY-MM-DD` (years 1000-9999) is read
/// directly; anything else goes through [`super::parse_date`] and its error message.
fn parse_published(s: &str) -> Result<chrono::NaiveDate, String> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let digits = b.get(r)?;
        digits.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) {
            if y >= 1000 {
                if let Some(date) = chrono::NaiveDate::from_ymd_opt(y as i32, m, d) {
                    return Ok(date);
                }
            }
        }
    }
    super::parse_date(s)
}

fn render_table(doc: &Document, a: &Analysis) -> String {
    let idx = OffsetIndex::new(&doc.text);
    let mut t = Table::new(vec!["kind", "start", "end", "text", "normalised"]);
    for m in &a.mentions {
        let c = idx.char_span(m.span);
        let detail = match &m.payload {
            Payload::Figure(f) => {
                let mut parts = Vec::new();
                if let Some(v) = &f.value {
                    parts.push(v.to_string());
                }
                if let (Some(l), Some(h)) = (&f.low, &f.high) {
                    parts.push(format!("{l}..{h}"));
                } else if let Some(l) = &f.low {
                    parts.push(format!(">={l}"));
                }
                if let Some(u) = &f.unit {
                    parts.push(u.clone());
                }
                if let Some(md) = f.modifier {
                    parts.push(md.as_str().to_string());
                }
                parts.join(" ")
            }
            Payload::Date(t) => {
                let mut s = format!("{} {}", t.timex_type.as_str(), t.value);
                if let Some(md) = &t.modifier {
                    s.push(' ');
                    s.push_str(md);
                }
                s
            }
            Payload::Attribution(x) => {
                let src = x.source.map(|s| s.slice(&doc.text)).unwrap_or("?");
                format!("source: {src}{}", if x.direct { " (direct)" } else { "" })
            }
        };
        t.push(vec![
            m.kind().to_string(),
            c.start.to_string(),
            c.end.to_string(),
            m.span.slice(&doc.text).to_string(),
            detail,
        ]);
    }
    table::print(Format::Table, &t, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_LIMIT: SizeLimit = SizeLimit {
        max_document_size: 0,
    };

    #[test]
    fn a_jsonl_text_over_the_limit_is_refused_and_the_stream_goes_on() {
        let input: &[u8] = b"{\"id\":\"big\",\"text\":\"Prices rose 3 percent in May.\"}\n\
            {\"id\":\"small\",\"text\":\"Up 3%.\"}\n";
        let mut out = Vec::new();
        let limit = SizeLimit {
            max_document_size: 10,
        };
        assert_eq!(stream_jsonl(input, &mut out, limit, 2, false).unwrap(), 1);
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out.lines().count(), 1);
        assert!(out.contains("\"small\""));
    }

    /// A document of more than a megabyte has its record written by the output thread as
    /// it is rendered; the stream is the records of the analysis threads, byte for byte.
    #[test]
    fn a_megabyte_of_exports_rose_5_percent_streams_the_record_the_threads_render() {
        let sentence = "Exports rose 5% to $2 billion in 2023, officials said on 3 May. ";
        let text = sentence.repeat(RENDERED_HERE_BELOW / sentence.len() + 1);
        let line = serde_json::json!({"id": "big", "text": text, "date": "2025-07-10"});
        let small = serde_json::json!({"id": "small", "text": sentence, "date": null});
        let input = format!("{small}\n{line}\n{small}\n").into_bytes();
        let mut out = Vec::new();
        assert_eq!(
            stream_jsonl(std::io::Cursor::new(input), &mut out, NO_LIMIT, 2, false).unwrap(),
            0
        );
        let mut expected = Vec::new();
        for record in [&small, &line, &small] {
            let bytes = serde_json::to_vec(record).unwrap();
            let (id, doc, analysis) = process_line(bytes, NO_LIMIT, false).unwrap();
            output::render_analysis(&mut expected, &id, &doc.text, &analysis).unwrap();
            expected.push(b'\n');
        }
        assert!(expected.len() > 4 * RENDERED_HERE_BELOW);
        assert!(out == expected, "the streamed records differ");
    }

    /// Several files print one JSON array: each record written as it is rendered, as an
    /// element indented as serde_json indents it.
    #[test]
    fn records_written_into_an_array_are_indented_as_serde_json_indents_them() {
        let docs: Vec<Document> = [
            "Exports rose 5% to $2 billion in 2023, officials said.\n\nOn 3 May it fell.",
            "\"Prices fell 3 percent,\" he said.",
        ]
        .iter()
        .map(|t| Document::from_text(*t, t.to_string(), Metadata::default()))
        .collect();
        let analyses: Vec<Analysis> = docs.iter().map(pipeline::analyse).collect();
        let mut out = b"[\n".to_vec();
        for (i, (doc, analysis)) in docs.iter().zip(&analyses).enumerate() {
            out.extend_from_slice(if i == 0 { b"  " } else { b",\n  " });
            write_json(&mut out, Format::Json, true, doc, analysis).unwrap();
        }
        out.extend_from_slice(b"\n]");
        let values: Vec<Value> = docs
            .iter()
            .zip(&analyses)
            .map(|(d, a)| output::analysis_json(Value::from(d.key.clone()), &d.text, a))
            .collect();
        let expected = serde_json::to_string_pretty(&values).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    /// Lines as `BufRead::split(b'\n')` gives them: CRLF, blank and white-space lines,
    /// a malformed line counted in the line numbers, and a last line without a newline.
    #[test]
    fn jsonl_lines_split_at_newlines_with_blank_lines_skipped() {
        let input: &[u8] = b"{\"id\":1,\"text\":\"Prices rose 3 percent.\"}\r\n\n   \n[1]\n\
            {\"id\":2,\"text\":\"On 27 June 2025 it fell.\"}";
        let mut out = Vec::new();
        assert_eq!(
            stream_jsonl(input, &mut out, NO_LIMIT, 3, false).unwrap(),
            1
        );
        let out = String::from_utf8(out).unwrap();
        let ids: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].clone())
            .collect();
        assert_eq!(ids, vec![Value::from(1), Value::from(2)]);
        let mut out = Vec::new();
        assert_eq!(
            stream_jsonl(&b""[..], &mut out, NO_LIMIT, 1, false).unwrap(),
            0
        );
        assert!(out.is_empty());
    }

    #[test]
    fn published_dates_parse_as_chrono_parses_them() {
        let mut inputs: Vec<String> = [
            "2025-07-10",
            "2024-02-29",
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-06-31",
            "0999-01-01",
            "0000-01-01",
            "9999-12-31",
            "2025-7-10",
            "2025-07-10 ",
            "+2025-07-10",
            "2025/07/10",
            "20250710",
            "２０２５-07-10",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for y in [1000, 1999, 2000, 2024, 2025, 2100, 9999] {
            for m in 0..=13 {
                for d in [0, 1, 28, 29, 30, 31, 32] {
                    inputs.push(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
        for s in inputs {
            assert_eq!(parse_published(&s), super::super::parse_date(&s), "{s:?}");
        }
    }
}
