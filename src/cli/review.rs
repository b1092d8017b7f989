//! `claimtrace review`, `history`, `flag`, `unflag`: the review workflow.

use std::io::IsTerminal;

use anyhow::bail;
use clap::Args;
use serde_json::json;

use claimtrace::review::{default_reviewer, ClaimStatus, ReviewEntry};
use claimtrace::store::{ClaimSort, Database, FlagRequest, ReviewRequest};
use claimtrace::table::{self, Format, Table};

use super::claims::{mark, FilterArgs};
use super::{emit, parse_format, usage, DbArgs};

/// Set a claim's status, add a note, or step through claims interactively.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  claimtrace review 12 --status verified --evidence https://stat.gov.az/census\n  \
    claimtrace review 12 --note 'census table 3.1 checked'\n  \
    claimtrace review 12 --status false --if-status in_review   # refused if someone changed it\n  \
    claimtrace review --next --unsourced                         # interactive, in a terminal\n\n\
    claimtrace review --next --status needs_recheck               # verdicts whose text changed\n\
    claimtrace review 31 --like 12                               # the verdict of claim 12, which 31 repeats\n\n\
    Statuses: unverified, in_review, verified, false, misleading, contested, unverifiable, needs_recheck"
)]
pub struct ReviewArgs {
    /// Claim id (omit with --next)
    #[arg(required_unless_present = "next", conflicts_with = "next")]
    pub id: Option<i64>,
    /// New status (with --next: step through claims with this status [default: unverified])
    #[arg(long, value_parser = status_arg)]
    pub status: Option<String>,
    /// A note for the log
    #[arg(long)]
    pub note: Option<String>,
    /// Give the claim the verdict of this claim (one it repeats: see `claimtrace
    /// matches ID`); logged with that claim's id and evidence
    #[arg(long, value_name = "OTHER", conflicts_with_all = ["status", "evidence", "next"])]
    pub like: Option<i64>,
    /// Evidence URL (repeatable)
    #[arg(long)]
    pub evidence: Vec<String>,
    /// Reviewer name [default: $CLAIMTRACE_REVIEWER, else $USER]
    #[arg(long)]
    pub reviewer: Option<String>,
    /// Refuse the change unless the claim's status is still this one
    #[arg(long, value_parser = status_arg)]
    pub if_status: Option<String>,
    /// Step through claims in a terminal, one key per action
    #[arg(long)]
    pub next: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// Checks a status at parse time, so that a bad one is a usage error (exit 2).
pub fn status_arg(s: &str) -> Result<String, String> {
    s.parse::<ClaimStatus>().map(|st| st.as_str().to_string())
}

fn parse_status(s: &str) -> anyhow::Result<ClaimStatus> {
    s.parse::<ClaimStatus>().map_err(anyhow::Error::msg)
}

pub fn run(args: ReviewArgs, db: &DbArgs) -> anyhow::Result<i32> {
    if args.next {
        return interactive(&args, db);
    }
    let Some(id) = args.id else {
        return Err(usage("give a claim id, or --next to step through claims"));
    };
    let status = args.status.as_deref().map(parse_status).transpose()?;
    let expected = args.if_status.as_deref().map(parse_status).transpose()?;
    let reviewer = default_reviewer(args.reviewer.as_deref());
    if let Some(other) = args.like {
        let mut db = db.open()?;
        let e = db.review_like(id, other, args.note.as_deref(), &reviewer, expected)?;
        say!(
            "claim {id}: {} → {} (verdict of claim {other}, by {})",
            e.from_status.as_deref().unwrap_or("-"),
            e.to_status.as_deref().unwrap_or("-"),
            table::escape_controls(&e.reviewer)
        );
        return Ok(0);
    }
    if status.is_none() && !args.evidence.is_empty() {
        return Err(usage(
            "--evidence goes with a status change: give --status S as well",
        ));
    }
    if status.is_none() && args.note.is_none() {
        return Err(usage(format!(
            "give --status S (one of: {}) or --note TEXT",
            ClaimStatus::valid_list()
        )));
    }
    let mut db = db.open()?;
    let entry = match status {
        Some(status) => {
            if args.note.is_none() && args.evidence.is_empty() {
                refuse_no_change(&db, id, status)?;
            }
            db.review(
                id,
                &ReviewRequest {
                    status,
                    note: args.note.clone(),
                    evidence: args.evidence.clone(),
                    reviewer,
                    expected,
                },
            )?
        }
        None => {
            let note = args.note.as_deref().unwrap_or_default();
            db.note(id, note, &reviewer)?
        }
    };
    let by = table::escape_controls(&entry.reviewer);
    if entry.action == "note" {
        say!("claim {id}: note added (by {by})");
    } else {
        say!(
            "claim {id}: {} → {} (by {by})",
            entry.from_status.as_deref().unwrap_or("-"),
            entry.to_status.as_deref().unwrap_or("-"),
        );
    }
    Ok(0)
}

/// Refuses a review that would log a status the claim already has, with nothing added:
/// the log is append-only, so such an entry would stay there forever saying nothing.
fn refuse_no_change(db: &Database, id: i64, status: ClaimStatus) -> anyhow::Result<()> {
    let current = db.claim(id)?.status;
    if current == status.as_str() {
        bail!(
            "claim {id} is already {current}; nothing to change (add --note TEXT to record \
             why it stays {current})"
        );
    }
    Ok(())
}

/// Show a claim's review log.
#[derive(Args, Debug)]
#[command(after_help = "Example:\n  claimtrace history 12 --format json")]
pub struct HistoryArgs {
    /// Claim id
    pub id: i64,
    /// Output format: table, json, jsonl, csv, markdown
    #[arg(long, default_value = "table", value_parser = parse_format)]
    pub format: Format,
}

pub fn history(args: HistoryArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let db = db.open_read()?;
    let log = db.history(args.id)?;
    emit(&render_history(&log, args.format))?;
    Ok(0)
}

pub fn render_history(log: &[ReviewEntry], format: Format) -> String {
    let mut t = Table::new(vec![
        "at", "reviewer", "action", "from", "to", "against", "note", "evidence",
    ])
    .optional(&["evidence", "against"]);
    for e in log {
        t.push(vec![
            e.at.clone(),
            e.reviewer.clone(),
            e.action.clone(),
            e.from_status.clone().unwrap_or_default(),
            e.to_status.clone().unwrap_or_default(),
            e.against.map(|a| a.to_string()).unwrap_or_default(),
            e.note.clone().unwrap_or_default(),
            e.evidence.join(" "),
        ]);
    }
    let records: Vec<_> = log.iter().map(|e| json!(e)).collect();
    table::print(format, &t, &records)
}

/// Mark a claim contested, optionally against a competing claim.
#[derive(Args, Debug)]
#[command(
    after_help = "Example:\n  claimtrace flag 7 --reason 'census says 600,000; Putin said 2 million' --against 9"
)]
pub struct FlagArgs {
    /// Claim id
    pub id: i64,
    /// Why the claim is contested
    #[arg(long)]
    pub reason: String,
    /// The competing claim's id
    #[arg(long)]
    pub against: Option<i64>,
    /// Reviewer name [default: $CLAIMTRACE_REVIEWER, else $USER]
    #[arg(long)]
    pub reviewer: Option<String>,
    /// Refuse unless the claim's status is still this one
    #[arg(long, value_parser = status_arg)]
    pub if_status: Option<String>,
}

pub fn flag(args: FlagArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let expected = args.if_status.as_deref().map(parse_status).transpose()?;
    let mut db = db.open()?;
    let e = db.flag(
        args.id,
        &FlagRequest {
            reason: args.reason,
            against: args.against,
            reviewer: default_reviewer(args.reviewer.as_deref()),
            expected,
        },
    )?;
    say!(
        "claim {}: {} → contested{}",
        args.id,
        e.from_status.as_deref().unwrap_or("-"),
        e.against
            .map(|a| format!(" (against claim {a})"))
            .unwrap_or_default()
    );
    Ok(0)
}

/// Withdraw a contest; the claim returns to its status before the flag.
#[derive(Args, Debug)]
#[command(
    after_help = "Example:\n  claimtrace unflag 7 --note 'both figures refer to different years'"
)]
pub struct UnflagArgs {
    /// Claim id
    pub id: i64,
    /// Why the contest is withdrawn
    #[arg(long)]
    pub note: String,
    /// Reviewer name [default: $CLAIMTRACE_REVIEWER, else $USER]
    #[arg(long)]
    pub reviewer: Option<String>,
}

pub fn unflag(args: UnflagArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let mut db = db.open()?;
    let e = db.unflag(
        args.id,
        &args.note,
        &default_reviewer(args.reviewer.as_deref()),
    )?;
    say!(
        "claim {}: contested → {}",
        args.id,
        e.to_status.as_deref().unwrap_or("-")
    );
    Ok(0)
}

/// The keys of interactive review.
const KEYS: &str =
    "[v]erified [f]alse [m]isleading [c]ontested [u]nverifiable [i]n review [n]ote [s]kip [q]uit [?]";

/// What each key does, shown by `?`.
const HELP: &str = "v  verified: checked and true\r\n\
    f  false: checked and false\r\n\
    m  misleading: true in letter, misleading in effect\r\n\
    c  contested: credible sources disagree (asks for a reason and a competing claim)\r\n\
    u  unverifiable: cannot be checked with the evidence available\r\n\
    i  in review: someone is checking it\r\n\
    n  note: add a note without changing the status\r\n\
    s  skip to the next claim\r\n\
    q  quit (also Esc, Ctrl-C)\r\n\
    ?  this help";

/// The status a key sets.
fn status_of_key(key: char) -> Option<ClaimStatus> {
    Some(match key {
        'v' => ClaimStatus::Verified,
        'f' => ClaimStatus::False,
        'm' => ClaimStatus::Misleading,
        'u' => ClaimStatus::Unverifiable,
        'i' => ClaimStatus::InReview,
        'c' => ClaimStatus::Contested,
        _ => return None,
    })
}

/// Shows `message` until a key is pressed.
fn pause(message: &str) -> anyhow::Result<()> {
    println!("\r\n{message}\r\npress any key");
    read_key()?;
    Ok(())
}

/// Asks for the competing claim until the answer is empty (none), an existing other
/// claim, or `q` (give up the flag: `None`).
fn read_against(db: &Database, id: i64) -> anyhow::Result<Option<Option<i64>>> {
    loop {
        let answer = read_line("against claim id (empty for none, q to cancel): ")?;
        let answer = answer.trim();
        if answer.is_empty() {
            return Ok(Some(None));
        }
        if answer == "q" {
            return Ok(None);
        }
        match answer.parse::<i64>() {
            Ok(other) if other == id => {
                print!("\r\na claim cannot contest itself; give another id");
            }
            Ok(other) => match db.claim(other) {
                Ok(_) => return Ok(Some(Some(other))),
                Err(e) => print!("\r\n{e}"),
            },
            Err(_) => print!("\r\n{answer:?} is not a claim id; type a number"),
        }
    }
}

fn interactive(args: &ReviewArgs, db: &DbArgs) -> anyhow::Result<i32> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "interactive review needs a terminal; in scripts use \
             `claimtrace review ID --status S` or `claimtrace flag ID --reason TEXT`"
        );
    }
    args.filter.check()?;
    let mut db = db.open()?;
    let status = args
        .status
        .as_deref()
        .unwrap_or(ClaimStatus::Unverified.as_str());
    let mut filter = args.filter.to_filter(Some(status), Some(&db))?;
    if args.filter.sort.is_none() {
        filter.sort = ClaimSort::Worthiness;
    }
    let reviewer = default_reviewer(args.reviewer.as_deref());
    let ids: Vec<i64> = db.list_claims(&filter)?.iter().map(|c| c.id).collect();
    let total = ids.len();
    let mut done = 0;
    let mut i = 0;
    while i < ids.len() {
        let id = ids[i];
        let claim = db.claim(id)?;
        let seen = parse_status(&claim.status)?;
        print!("{}", screen(&db, id, i + 1, total)?);
        match read_key()? {
            'q' => break,
            's' => i += 1,
            '?' => pause(HELP)?,
            'n' => {
                let note = read_line("note: ")?;
                if !note.trim().is_empty() {
                    db.note(id, note.trim(), &reviewer)?;
                }
            }
            key => {
                let Some(status) = status_of_key(key) else {
                    pause(&format!("no action on {key:?}; press ? for the keys"))?;
                    continue;
                };
                if status == seen {
                    pause(&format!(
                        "claim {id} is already {}; nothing to change",
                        seen.as_str()
                    ))?;
                    continue;
                }
                let result = if status == ClaimStatus::Contested {
                    let reason = read_line("reason: ")?;
                    let Some(against) = read_against(&db, id)? else {
                        continue;
                    };
                    db.flag(
                        id,
                        &FlagRequest {
                            reason: reason.trim().to_string(),
                            against,
                            reviewer: reviewer.clone(),
                            expected: Some(seen),
                        },
                    )
                } else {
                    db.review(
                        id,
                        &ReviewRequest {
                            status,
                            note: None,
                            evidence: Vec::new(),
                            reviewer: reviewer.clone(),
                            expected: Some(seen),
                        },
                    )
                };
                match result {
                    Ok(_) => {
                        done += 1;
                        i += 1;
                    }
                    // A stale status: show the claim again as it is now.
                    Err(e) => pause(&e.to_string())?,
                }
            }
        }
    }
    println!("\r\nreviewed {done} of {total} claim(s)\r");
    Ok(0)
}

fn screen(db: &Database, id: i64, n: usize, total: usize) -> anyhow::Result<String> {
    let esc = table::escape_controls;
    let c = db.claim(id)?;
    let (sentence, start) = db.claim_sentence(id)?;
    let marked = mark(
        &sentence,
        (c.start - start) as usize,
        (c.end - start) as usize,
        table::use_colour(),
    )
    .replace('\n', "\r\n");
    let mut s = format!(
        "\x1b[2J\x1b[H[{n}/{total}] claim {id}  {}  status: {}  worthiness: {:.2}\r\ndocument {}: {}\r\n\r\n{marked}\r\n\r\nsource: {}\r\n",
        c.claim_type,
        c.status,
        c.worthiness,
        c.document_id,
        esc(&c.document),
        esc(c.source.as_deref().unwrap_or("none (unsourced)"))
    );
    for comp in &c.components {
        s.push_str(&format!(
            "  {} \"{}\" = {} {}\r\n",
            comp.kind,
            esc(&comp.text),
            comp.value.as_deref().unwrap_or("-"),
            esc(comp.unit.as_deref().unwrap_or(""))
        ));
    }
    let log = db.history(id)?;
    for line in claimtrace::review::recheck_lines(&log) {
        s.push_str(&format!("{line}\r\n"));
    }
    if !log.is_empty() {
        s.push_str("history:\r\n");
        for e in log {
            s.push_str(&format!(
                "  {} {} {} → {} {}\r\n",
                e.at,
                esc(&e.reviewer),
                e.from_status.unwrap_or_default(),
                e.to_status.unwrap_or_default(),
                esc(&e.note.unwrap_or_default())
            ));
        }
    }
    s.push_str(&format!("\r\n{KEYS}\r\n"));
    Ok(s)
}

/// Reads one key press with the terminal in raw mode.
fn read_key() -> anyhow::Result<char> {
    use crossterm::event::{read, Event, KeyCode, KeyEventKind, KeyModifiers};
    use std::io::Write;
    std::io::stdout().flush()?;
    crossterm::terminal::enable_raw_mode()?;
    let key = loop {
        match read() {
            Ok(Event::Key(k)) if k.kind == KeyEventKind::Press => {
                if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c') {
                    break Ok('q');
                }
                match k.code {
                    KeyCode::Char(c) => break Ok(c.to_ascii_lowercase()),
                    KeyCode::Esc => break Ok('q'),
                    _ => continue,
                }
            }
            Ok(_) => continue,
            Err(e) => break Err(e),
        }
    };
    crossterm::terminal::disable_raw_mode()?;
    Ok(key?)
}

fn read_line(prompt: &str) -> anyhow::Result<String> {
    use std::io::Write;
    print!("\r\n{prompt}");
    std::io::stdout().flush()?;
    let mut s = String::new();
    std::io::stdin().read_line(&mut s)?;
    Ok(s)
}
