//! `claimtrace serve`: the review desk in a browser (see `claimtrace::serve`).

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use claimtrace::review::default_reviewer;
use claimtrace::serve::{Config, ServeError, Server};

use super::DbArgs;

/// Serve a review desk on the database: articles with their claims marked, review, reports.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  claimtrace serve                                   # http://127.0.0.1:8080, this machine only\n  \
    claimtrace serve --bind 0.0.0.0:8080 --token-file desk.token   # a shared desk: log in with the token\n\n\
    On loopback without a token, reviews are logged under $CLAIMTRACE_REVIEWER (else $USER);\n\
    with a token, under the name given at login. Keys on a claim: v f m c u i (statuses), n note, s next, q close."
)]
pub struct ServeArgs {
    /// Address to listen on; anything but loopback needs --token or --token-file
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// A secret every request must carry (through the login form); at least 16 characters
    #[arg(
        long,
        env = "CLAIMTRACE_TOKEN",
        hide_env_values = true,
        conflicts_with = "token_file"
    )]
    pub token: Option<String>,
    /// Read the token from this file (its first line)
    #[arg(long)]
    pub token_file: Option<PathBuf>,
    /// Worker threads, each with its own database connection
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: u16,
}

pub fn run(args: ServeArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let token = match &args.token_file {
        Some(p) => Some(
            std::fs::read_to_string(p)
                .with_context(|| format!("reading the token file {}", p.display()))?
                .lines()
                .next()
                .unwrap_or("")
                .to_string(),
        ),
        None => args.token.clone(),
    };
    let server = match Server::bind(Config {
        db: db.db.clone(),
        bind: args.bind,
        token,
        reviewer: default_reviewer(None),
        threads: args.threads as usize,
    }) {
        Ok(s) => s,
        Err(e @ (ServeError::NeedsToken(_) | ServeError::ShortToken)) => {
            say!("claimtrace: error: {e}");
            return Ok(2);
        }
        Err(e) => return Err(e).with_context(|| format!("serving {}", db.db.display())),
    };
    say!(
        "claimtrace: serving {} on http://{}/ (Ctrl-C to stop)",
        db.db.display(),
        server.addr()
    );
    server.run()?;
    Ok(0)
}
