//! Command-line interface: one file per subcommand, as xsv has `src/cmd/<name>.rs`.
//!
//! Exit codes: 0 success, 1 runtime failure, 2 usage error. Errors go to stderr, data to
//! stdout.

/// `eprintln!` for every line claimtrace says on standard error: messages quote file
/// names, ids, titles and input, and no control character of theirs (ESC, BEL, C1)
/// reaches the terminal; they are shown as escapes (`\x1b`), tabs and newlines kept.
macro_rules! say {
    ($($arg:tt)*) => {
        eprintln!("{}", claimtrace::table::escape_controls_in(&format!($($arg)*), true))
    };
}

/// `eprint!` with [`say!`]'s escapes, for a prompt.
macro_rules! say_inline {
    ($($arg:tt)*) => {
        eprint!("{}", claimtrace::table::escape_controls_in(&format!($($arg)*), true))
    };
}

mod claims;
mod documents;
mod eval;
mod export;
mod extract;
mod import;
mod ingest;
mod limits;
mod lines;
mod matches;
mod reanalyse;
mod report;
mod review;
mod search;
mod serve;

use std::path::PathBuf;

use anyhow::Context as _;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use claimtrace::document::Metadata;
use claimtrace::store::Database;
use claimtrace::table::{Format, RowWriter, Table, Widths};

#[derive(Parser)]
#[command(
    name = "claimtrace",
    version,
    about = "Find, store and review the checkable claims in news articles",
    long_about = "Find, store and review the checkable claims in news articles: figures, \
                  dates and attributions, with exact spans, normalised values and sources.",
    after_help = "Examples:\n  claimtrace ingest corpus/\n  claimtrace claims --unsourced --sort worthiness\n  \
                  echo '{\"id\":\"1\",\"text\":\"GDP grew 3.2% in 2024.\",\"date\":null}' | claimtrace extract --format jsonl\n\n\
                  Environment:\n  \
                  CLAIMTRACE_DB         the database when --db is not given [default: claimtrace.db]\n  \
                  CLAIMTRACE_REVIEWER   the reviewer named in the review log [default: $USER]\n  \
                  CLAIMTRACE_BASE_URL   where published reviews live (export --base-url)\n  \
                  CLAIMTRACE_PUBLISHER  who publishes the reviews (export --publisher)\n  \
                  NO_COLOR              no colour even on a terminal\n  \
                  COLUMNS               the width tables fit (default: the terminal's; piped output is not cut)\n\n\
                  Exit codes: 0 success, 1 failure, 2 usage error."
)]
pub struct Cli {
    #[command(flatten)]
    db: DbArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Extract(extract::ExtractArgs),
    Ingest(ingest::IngestArgs),
    Claims(claims::ClaimsArgs),
    Show(claims::ShowArgs),
    Export(export::ExportArgs),
    Import(import::ImportArgs),
    Eval(eval::EvalArgs),
    Review(review::ReviewArgs),
    History(review::HistoryArgs),
    Flag(review::FlagArgs),
    Unflag(review::UnflagArgs),
    Report(report::ReportArgs),
    Documents(documents::DocumentsArgs),
    Sources(documents::SourcesArgs),
    Completions(CompletionsArgs),
    Serve(serve::ServeArgs),
    Man(ManArgs),
    Reanalyse(reanalyse::ReanalyseArgs),
    Matches(matches::MatchesArgs),
    Index(matches::IndexArgs),
    Search(search::SearchArgs),
}

/// Print a shell completion script.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  claimtrace completions bash > ~/.local/share/bash-completion/completions/claimtrace\n  \
    claimtrace completions zsh > ~/.zfunc/_claimtrace\n  \
    claimtrace completions fish > ~/.config/fish/completions/claimtrace.fish"
)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell
    pub shell: clap_complete::Shell,
}

/// Print the manual page (roff), or write one page per command into a directory.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  claimtrace man | man -l -\n  claimtrace man --out /usr/local/share/man/man1"
)]
pub struct ManArgs {
    /// Write claimtrace.1 and claimtrace-COMMAND.1 for every command into this directory
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

fn completions(args: CompletionsArgs) -> anyhow::Result<i32> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "claimtrace", &mut out);
    emit(&String::from_utf8_lossy(&out))?;
    Ok(0)
}

fn man(args: ManArgs) -> anyhow::Result<i32> {
    use clap::CommandFactory;
    let cmd = Cli::command();
    let Some(dir) = args.out else {
        let mut out = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut out)?;
        emit(&String::from_utf8_lossy(&out))?;
        return Ok(0);
    };
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("creating directory {}", dir.display()))?;
    let mut pages = vec![("claimtrace".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands() {
        let name = format!("claimtrace-{}", sub.get_name());
        pages.push((name, sub.clone()));
    }
    for (name, page) in pages {
        let path = dir.join(format!("{name}.1"));
        let mut out = Vec::new();
        clap_mangen::Man::new(page)
            .title(name.clone())
            .render(&mut out)?;
        std::fs::write(&path, out).with_context(|| format!("writing {}", path.display()))?;
    }
    say!("wrote the manual pages to {}", dir.display());
    Ok(0)
}

/// The database option every stored-data command takes.
#[derive(Args, Debug, Clone)]
pub struct DbArgs {
    /// SQLite database path
    #[arg(
        long,
        global = true,
        env = "CLAIMTRACE_DB",
        default_value = "claimtrace.db"
    )]
    pub db: PathBuf,
}

impl DbArgs {
    /// Opens the database for writing, creating it when missing.
    pub fn open(&self) -> anyhow::Result<Database> {
        Database::open(&self.db).with_context(|| self.context())
    }

    /// Opens an existing database read-only (read commands never create one).
    pub fn open_read(&self) -> anyhow::Result<Database> {
        Database::open_read(&self.db).with_context(|| self.context())
    }

    fn context(&self) -> String {
        format!(
            "opening database {} (set --db or CLAIMTRACE_DB to use another)",
            self.db.display()
        )
    }
}

/// How many documents ingest and extract analyse at once.
#[derive(Args, Debug, Clone, Copy, Default)]
pub struct JobsArgs {
    /// Documents analysed at once, on as many threads; output keeps the input order
    /// [default: the number of cores]
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub jobs: Option<u32>,
}

impl JobsArgs {
    pub fn jobs(&self) -> usize {
        self.jobs
            .map_or_else(claimtrace::parallel::default_jobs, |n| n as usize)
    }
}

/// Metadata overrides for ingest and extract.
#[derive(Args, Debug, Clone, Default)]
pub struct MetaArgs {
    /// Published date (YYYY-MM-DD): anchors relative dates
    #[arg(long, value_parser = parse_published)]
    pub date: Option<NaiveDate>,
    /// Article title
    #[arg(long)]
    pub title: Option<String>,
    /// Article URL (identifies the document across versions)
    #[arg(long)]
    pub url: Option<String>,
    /// Outlet that published the article
    #[arg(long)]
    pub outlet: Option<String>,
}

impl MetaArgs {
    pub fn metadata(&self) -> Metadata {
        Metadata {
            title: self.title.clone(),
            outlet: self.outlet.clone(),
            url: self.url.clone(),
            published: self.date,
            ..Metadata::default()
        }
    }
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("{s:?} is not a YYYY-MM-DD date: {e}"))
}

/// A publication date (`--date`): a date, and one an article can have.
pub fn parse_published(s: &str) -> Result<NaiveDate, String> {
    claimtrace::document::check_published(parse_date(s)?)
}

pub fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

/// A mistake in the command line that clap's parser cannot see (two options that only
/// make sense together, an option missing for one format): exit code 2, as clap's own.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// A usage error (exit code 2) with `message`.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// The exit code for an error: 2 for a usage error, 1 for any other failure.
pub fn exit_code(e: &anyhow::Error) -> i32 {
    if e.downcast_ref::<UsageError>().is_some() {
        2
    } else {
        1
    }
}

/// An error and its causes, each said once: a cause whose text an outer message already
/// includes (as `thiserror`'s `{source}` does) is not repeated.
pub fn error_message(e: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if text.is_empty() || message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

/// Writes to stdout, treating a closed pipe (`| head`) as success.
pub fn emit(s: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to stdout"),
    }
}

/// A sink for rows: the table's cells, and the row's JSON record, made only when needed.
pub type RowSink<'a> =
    dyn FnMut(&[String], &dyn Fn() -> serde_json::Value) -> anyhow::Result<()> + 'a;

/// Prints rows in `format` to stdout as `rows` produces them, keeping none: memory is
/// that of one row, whatever the corpus. `rows` hands each row to the sink it is given;
/// for a text table it runs twice, first to measure the columns. A closed pipe
/// (`| head`) ends the output quietly.
pub fn stream_rows(
    format: Format,
    table: &Table,
    mut rows: impl FnMut(&mut RowSink) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let widths = if format == Format::Table {
        let mut widths = Widths::new(&table.headers);
        rows(&mut |cells, _| {
            widths.add(cells);
            Ok(())
        })?;
        Some(widths)
    } else {
        None
    };
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let result = RowWriter::new(format, table, widths, out)
        .context("writing to stdout")
        .and_then(|mut writer| {
            rows(&mut |cells, record| writer.row(cells, &record()).context("writing to stdout"))?;
            writer.finish().context("writing to stdout")
        });
    match result {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        other => other,
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Ingest(a) => ingest::run(a, &cli.db),
        Command::Claims(a) => claims::run(a, &cli.db),
        Command::Show(a) => claims::show(a, &cli.db),
        Command::Export(a) => export::run(a, &cli.db),
        Command::Import(a) => import::run(a, &cli.db),
        Command::Eval(a) => eval::run(a, &cli.db),
        Command::Review(a) => review::run(a, &cli.db),
        Command::History(a) => review::history(a, &cli.db),
        Command::Flag(a) => review::flag(a, &cli.db),
        Command::Unflag(a) => review::unflag(a, &cli.db),
        Command::Report(a) => report::run(a, &cli.db),
        Command::Documents(a) => documents::run(a, &cli.db),
        Command::Sources(a) => documents::sources(a, &cli.db),
        Command::Completions(a) => completions(a),
        Command::Man(a) => man(a),
        Command::Reanalyse(a) => reanalyse::run(a, &cli.db),
        Command::Serve(a) => serve::run(a, &cli.db),
        Command::Matches(a) => matches::run(a, &cli.db),
        Command::Index(a) => matches::index(a, &cli.db),
        Command::Search(a) => search::run(a, &cli.db),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Messages quote file names and stored text: `say!` escapes their controls.
            say!("claimtrace: error: {}", error_message(&e));
            exit_code(&e)
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn every_subcommand_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }

    #[test]
    fn cannot_read_no_such_file_is_said_once() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory");
        let e = anyhow::Error::from(claimtrace::document::DocumentError::Read {
            path: "a.txt".into(),
            source: io,
        })
        .context("ingesting");
        assert_eq!(
            super::error_message(&e),
            "ingesting: a.txt: cannot read: No such file or directory"
        );
    }

    #[test]
    fn usage_errors_exit_2_and_failures_exit_1() {
        assert_eq!(super::exit_code(&super::usage("give --out DIR")), 2);
        let wrapped = super::usage("give --out DIR").context("exporting");
        assert_eq!(super::exit_code(&wrapped), 2);
        assert_eq!(super::exit_code(&anyhow::anyhow!("disk full")), 1);
    }
}
