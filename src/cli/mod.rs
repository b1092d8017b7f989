//! Command-line interface: one file per subcommand, as xsv has `src/cmd/<name>.rs`.
//!
//! Exit codes: 0 success, 1 runtime failure, 2 usage error. Errors go to stderr, data to
//! stdout.

mod claims;
mod documents;
mod eval;
mod export;
mod extract;
mod import;
mod ingest;
mod report;
mod review;
mod serve;

use std::path::PathBuf;

use anyhow::Context as _;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use claimtrace::document::Metadata;
use claimtrace::store::Database;
use claimtrace::table::Format;

#[derive(Parser)]
#[command(
    name = "claimtrace",
    version,
    about = "Find, store and review the checkable claims in news articles",
    long_about = "Find, store and review the checkable claims in news articles: figures, \
                  dates and attributions, with exact spans, normalised values and sources.",
    after_help = "Examples:\n  claimtrace ingest corpus/\n  claimtrace claims --unsourced --sort worthiness\n  \
                  echo '{\"id\":\"1\",\"text\":\"GDP grew 3.2% in 2024.\",\"date\":null}' | claimtrace extract --format jsonl"
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
    Serve(serve::ServeArgs),
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
    pub fn open(&self) -> anyhow::Result<Database> {
        Database::open(&self.db).with_context(|| {
            format!(
                "opening database {} (set --db or CLAIMTRACE_DB to use another)",
                self.db.display()
            )
        })
    }
}

/// Metadata overrides for ingest and extract.
#[derive(Args, Debug, Clone, Default)]
pub struct MetaArgs {
    /// Published date (YYYY-MM-DD): anchors relative dates
    #[arg(long, value_parser = parse_date)]
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

pub fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
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
        Command::Serve(a) => serve::run(a, &cli.db),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("claimtrace: error: {e:#}");
            1
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
}
