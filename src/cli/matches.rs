//! `claimtrace matches`: the claims of other articles that repeat, contradict or update
//! a claim, strongest first, with the reason for each.

use clap::Args;
use serde_json::json;

use claimtrace::table::{Format, Table};

use super::{parse_format, stream_rows, DbArgs};

/// Show the claims of other articles and the fact-checks from elsewhere related to a
/// claim: conflicts, repeats, the same quantity at another time.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  claimtrace matches 58\n  claimtrace matches 58 --format json\n\n\
    Relations: conflict (the same quantity and time, values that cannot both be true),\n\
    repeat (the same quantity, time and a compatible value, or the same wording),\n\
    related (the same quantity at another time). They are suggestions: act on them with\n\
    `claimtrace flag ID --against OTHER` or `claimtrace review ID --like OTHER`.\n\
    A fact-check imported with `import --claimreview` is listed as fcN, with its verdict\n\
    and publisher as status and its link as doc."
)]
pub struct MatchesArgs {
    /// Claim id
    pub id: i64,
    /// Output format: table, json, jsonl, csv, markdown
    #[arg(long, default_value = "table", value_parser = parse_format)]
    pub format: Format,
}

pub fn run(args: MatchesArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let db = db.open_read()?;
    let rows = db.matches(args.id)?;
    let checks = db.fact_check_matches(args.id)?;
    let t = Table::new(vec![
        "relation", "score", "claim", "doc", "status", "reason", "text",
    ])
    .optional(&["doc", "score"]);
    // Claims and fact-checks in one ranking: conflicts, repeats, related, each by score.
    let rank = |relation: &str| match relation {
        "conflict" => 0,
        "repeat" => 1,
        _ => 2,
    };
    let mut tagged: Vec<(usize, f64, Cells)> = rows
        .iter()
        .map(|r| (rank(&r.relation), r.score, Cells::Claim(r)))
        .chain(
            checks
                .iter()
                .map(|c| (rank(&c.relation), c.score, Cells::FactCheck(c))),
        )
        .collect();
    tagged.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal))
    });
    stream_rows(args.format, &t, |sink| {
        for (_, _, c) in &tagged {
            match c {
                Cells::Claim(r) => {
                    let cells = [
                        r.relation.clone(),
                        format!("{:.2}", r.score),
                        r.other_id.to_string(),
                        r.other_document_id.to_string(),
                        r.other_status.clone(),
                        r.reason.clone(),
                        r.other_text.clone(),
                    ];
                    sink(&cells, &|| json!(r))?;
                }
                Cells::FactCheck(m) => {
                    let f = &m.fact_check;
                    let cells = [
                        m.relation.clone(),
                        format!("{:.2}", m.score),
                        fact_check_id(f.id),
                        f.link(),
                        f.verdict_by(),
                        m.reason.clone(),
                        f.claim.clone(),
                    ];
                    sink(&cells, &|| json!(m))?;
                }
            }
        }
        Ok(())
    })?;
    if tagged.is_empty() && args.format == Format::Table {
        say!(
            "claim {}: no related claim in other articles or fact-checks",
            args.id
        );
    }
    Ok(0)
}

/// A row of `matches`: a claim of another article, or a fact-check from elsewhere.
enum Cells<'a> {
    Claim(&'a claimtrace::store::RelatedClaim),
    FactCheck(&'a claimtrace::store::FactCheckMatch),
}

/// How tables name a fact-check: `fc` and its id, apart from claim ids.
pub fn fact_check_id(id: i64) -> String {
    format!("fc{id}")
}

/// Build the claim index (full text, quantity keys) and the relations between claims
/// again from the stored documents.
#[derive(Args, Debug)]
#[command(after_help = "Example:\n  claimtrace index rebuild")]
pub struct IndexArgs {
    #[command(subcommand)]
    pub action: IndexAction,
}

#[derive(clap::Subcommand, Debug)]
pub enum IndexAction {
    /// Analyse every current document again for the keys of its claims and match them
    /// all (after an upgrade of the matching rules, say)
    Rebuild,
}

pub fn index(args: IndexArgs, db: &DbArgs) -> anyhow::Result<i32> {
    match args.action {
        IndexAction::Rebuild => {
            let mut db = db.open()?;
            let (documents, relations) = db.rebuild_index()?;
            say!(
                "indexed the claims of {documents} document(s); {relations} relation(s) between claims"
            );
        }
    }
    Ok(0)
}
