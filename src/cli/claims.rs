//! `claimtrace claims` and `claimtrace show`.

use clap::Args;
use serde_json::{json, Value};

use claimtrace::claims::ClaimType;
use claimtrace::recognize::MentionKind;
use claimtrace::review::ClaimStatus;
use claimtrace::store::{ClaimFilter, ClaimRow, ClaimSort, Database, FactCheckMatch, RelatedClaim};
use claimtrace::table::{self, Format, Table};

use super::{emit, parse_format, stream_rows, DbArgs};

/// Filters shared by `claims`, `review --next` and the reports.
#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Only claims of this document id
    #[arg(long)]
    pub document: Option<i64>,
    /// Only claims of this type (statistic, quote, attribution, event, comparison, prediction)
    #[arg(long = "type", value_parser = type_arg)]
    pub claim_type: Option<String>,
    /// Only claims with a component of this kind (figure, date)
    #[arg(long, value_parser = kind_arg)]
    pub kind: Option<String>,
    /// Only claims with a figure and no source
    #[arg(long)]
    pub unsourced: bool,
    /// Only claims attributed to this source (fuzzy match on names and aliases)
    #[arg(long)]
    pub source: Option<String>,
    /// Only claims whose text contains this (case-insensitive)
    #[arg(long)]
    pub search: Option<String>,
    /// Only claims dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_parser = date_prefix_arg)]
    pub from: Option<String>,
    /// Only claims dated on or before this (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_parser = date_prefix_arg)]
    pub to: Option<String>,
    /// Only claims whose check-worthiness (0..1) is at least this
    #[arg(long, value_parser = worthiness_arg)]
    pub min_worthiness: Option<f64>,
    /// Sort: position, worthiness, updated
    #[arg(long, value_parser = parse_sort)]
    pub sort: Option<ClaimSort>,
    /// At most this many claims
    #[arg(long)]
    pub limit: Option<usize>,
}

impl FilterArgs {
    /// Refuses filters that cannot hold together, before any database is opened: a
    /// `--from` after `--to`.
    pub fn check(&self) -> anyhow::Result<()> {
        // Dates are zero-padded prefixes, so their strings order as the dates do.
        if let (Some(from), Some(to)) = (&self.from, &self.to) {
            if from.as_str() > to.as_str() && !from.starts_with(to.as_str()) {
                return Err(super::usage(format!(
                    "--from {from} is after --to {to}: no claim can lie between them; \
                     swap them"
                )));
            }
        }
        Ok(())
    }

    /// The store filter; checks types and statuses, resolves the source name.
    pub fn to_filter(
        &self,
        status: Option<&str>,
        db: Option<&Database>,
    ) -> anyhow::Result<ClaimFilter> {
        if let Some(t) = &self.claim_type {
            t.parse::<ClaimType>().map_err(anyhow::Error::msg)?;
        }
        let status = status
            .map(|st| st.parse::<ClaimStatus>().map_err(anyhow::Error::msg))
            .transpose()?;
        self.check()?;
        let source_ids = match (&self.source, db) {
            (Some(q), Some(db)) => Some(db.find_sources(q)?),
            _ => None,
        };
        Ok(ClaimFilter {
            document: self.document,
            claim_type: self.claim_type.clone(),
            status: status.map(|s| s.as_str().to_string()),
            unsourced: self.unsourced,
            kind: self.kind.clone(),
            text: self.search.clone(),
            date_from: self.from.clone(),
            // "2025" as an upper bound includes every date in 2025.
            date_to: self.to.as_ref().map(|t| format!("{t}\u{10FFFF}")),
            source_ids,
            min_worthiness: self.min_worthiness,
            sort: self.sort.unwrap_or_default(),
            limit: self.limit,
            ..ClaimFilter::default()
        })
    }
}

fn worthiness_arg(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(w) if (0.0..=1.0).contains(&w) => Ok(w),
        _ => Err(format!(
            "{s:?} is not a check-worthiness; use a number from 0 to 1, such as 0.2"
        )),
    }
}

fn type_arg(s: &str) -> Result<String, String> {
    s.parse::<ClaimType>().map(|t| t.as_str().to_string())
}

/// A component kind a claim can have; checked at parse time (a usage error, exit 2).
fn kind_arg(s: &str) -> Result<String, String> {
    match s.parse::<MentionKind>() {
        Ok(k @ (MentionKind::Figure | MentionKind::Date)) => Ok(k.as_str().to_string()),
        _ => Err(format!("unknown component kind {s:?}; valid: figure, date")),
    }
}

/// A date bound, checked at parse time (a usage error, exit 2).
fn date_prefix_arg(s: &str) -> Result<String, String> {
    if is_date_prefix(s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    }
}

fn is_date_prefix(s: &str) -> bool {
    let ok = |fmt: &str, v: &str| chrono::NaiveDate::parse_from_str(v, fmt).is_ok();
    match s.len() {
        4 => s.bytes().all(|b| b.is_ascii_digit()),
        7 => ok("%Y-%m-%d", &format!("{s}-01")),
        10 => ok("%Y-%m-%d", s),
        _ => false,
    }
}

/// List stored claims.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  claimtrace claims\n  claimtrace claims --unsourced --sort worthiness --limit 20\n  \
    claimtrace claims --source putin --from 2020 --to 2025\n  \
    claimtrace claims --status contested --format csv > contested.csv"
)]
pub struct ClaimsArgs {
    /// Only claims with this status
    #[arg(long, value_parser = super::review::status_arg)]
    pub status: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format: table, json, jsonl, csv, markdown
    #[arg(long, default_value = "table", value_parser = parse_format)]
    pub format: Format,
}

fn parse_sort(s: &str) -> Result<ClaimSort, String> {
    match s {
        "position" => Ok(ClaimSort::Position),
        "worthiness" => Ok(ClaimSort::Worthiness),
        "updated" => Ok(ClaimSort::Updated),
        _ => Err(format!(
            "unknown sort {s:?}; valid: position, worthiness, updated"
        )),
    }
}

pub fn run(args: ClaimsArgs, db: &DbArgs) -> anyhow::Result<i32> {
    args.filter.check()?;
    let db = db.open_read()?;
    let filter = args.filter.to_filter(args.status.as_deref(), Some(&db))?;
    stream_rows(args.format, &claims_table(), |sink| {
        db.each_claim(&filter, |r| sink(&claim_cells(&r), &|| claim_record(&r)))
    })?;
    Ok(0)
}

/// A claim as JSON.
pub fn claim_record(r: &ClaimRow) -> Value {
    json!({
        "id": r.id,
        "document_id": r.document_id,
        "document": r.document,
        "start": r.start,
        "end": r.end,
        "byte_start": r.byte_start,
        "byte_end": r.byte_end,
        "text": r.text,
        "type": r.claim_type,
        "worthiness": r.worthiness,
        "sourced": r.sourced,
        "source": r.source,
        "source_canonical": r.source_canonical,
        "status": r.status,
        "anchor_state": r.anchor_state,
        "components": r.components,
    })
}

fn components_summary(r: &ClaimRow) -> String {
    r.components
        .iter()
        .map(|c| match (&c.value, &c.unit) {
            (Some(v), Some(u)) => format!("{}={v} {u}", c.text),
            (Some(v), None) => format!("{}={v}", c.text),
            _ => c.text.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The claims table; at 80 columns the components, then the source, then the document
/// id give way to the text.
fn claims_table() -> Table {
    Table::new(vec![
        "id",
        "doc",
        "type",
        "status",
        "worth",
        "source",
        "components",
        "text",
    ])
    .optional(&["components", "source", "doc"])
}

fn claim_cells(r: &ClaimRow) -> Vec<String> {
    vec![
        r.id.to_string(),
        r.document_id.to_string(),
        r.claim_type.clone(),
        r.status.clone(),
        format!("{:.2}", r.worthiness),
        r.source.clone().unwrap_or_else(|| "-".into()),
        components_summary(r),
        r.text.clone(),
    ]
}

/// Claims in `format`, as `claims` prints them.
pub fn render(rows: &[ClaimRow], format: Format) -> String {
    let mut t = claims_table();
    for r in rows {
        t.push(claim_cells(r));
    }
    let records: Vec<Value> = rows.iter().map(claim_record).collect();
    table::print(format, &t, &records)
}

/// Show one claim with its sentence and the claim marked.
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  claimtrace show 12\n  claimtrace show 12 --format json")]
pub struct ShowArgs {
    /// Claim id
    pub id: i64,
    /// Output format: table (the claim in its sentence), json (with the sentence), jsonl
    /// (the same on one line), csv or markdown (the claim's row as `claims` prints it)
    #[arg(long, default_value = "table", value_parser = parse_format)]
    pub format: Format,
}

pub fn show(args: ShowArgs, db: &DbArgs) -> anyhow::Result<i32> {
    let db = db.open_read()?;
    let claim = db.claim(args.id)?;
    let (sentence, sentence_start) = db.claim_sentence(args.id)?;
    let features = db.claim_features(args.id)?;
    let related = db.matches(args.id)?;
    let checks = db.fact_check_matches(args.id)?;
    let out = match args.format {
        Format::Json | Format::Jsonl => {
            let mut rec = claim_record(&claim);
            rec["sentence"] = Value::from(sentence);
            rec["related"] = related
                .iter()
                .map(|r| {
                    json!({"relation": r.relation, "claim": r.other_id,
                           "status": r.other_status, "reason": r.reason, "score": r.score})
                })
                .collect();
            if !checks.is_empty() {
                rec["fact_checks"] = checks
                    .iter()
                    .map(|m| {
                        json!({"relation": m.relation, "fact_check": m.fact_check.id,
                               "verdict": m.fact_check.verdict,
                               "publisher": m.fact_check.publisher,
                               "url": m.fact_check.url, "reason": m.reason,
                               "score": m.score})
                    })
                    .collect();
            }
            rec["features"] = features
                .iter()
                .map(|(name, weight)| json!({"name": name, "weight": weight}))
                .collect();
            if args.format == Format::Json {
                format!("{}\n", serde_json::to_string_pretty(&rec)?)
            } else {
                format!("{rec}\n")
            }
        }
        Format::Csv | Format::Markdown => render(std::slice::from_ref(&claim), args.format),
        Format::Table => show_text(
            &claim,
            &sentence,
            sentence_start,
            &features,
            (&related, &checks),
        ),
    };
    emit(&out)?;
    Ok(0)
}

/// The human view of a claim: its header, its sentence with the claim marked, its source
/// and components, and what its check-worthiness comes from. Text from the article is
/// escaped (no control character reaches the terminal).
fn show_text(
    claim: &ClaimRow,
    sentence: &str,
    sentence_start: i64,
    features: &[(String, Option<f64>)],
    (related, checks): (&[RelatedClaim], &[FactCheckMatch]),
) -> String {
    let esc = table::escape_controls;
    let marked = mark(
        sentence,
        (claim.start - sentence_start) as usize,
        (claim.end - sentence_start) as usize,
        table::use_colour(),
    );
    let mut out = format!(
        "claim {}  [{}]  status: {}  worthiness: {:.2}\ndocument {}: {}\nspan: {}..{} (code points)\n\n{}\n",
        claim.id,
        claim.claim_type,
        claim.status,
        claim.worthiness,
        claim.document_id,
        esc(&claim.document),
        claim.start,
        claim.end,
        marked
    );
    out.push_str(&format!(
        "\nsource: {}\n",
        esc(claim.source.as_deref().unwrap_or("none (unsourced)"))
    ));
    if let Some(canonical) = claim
        .source_canonical
        .as_deref()
        .filter(|c| Some(*c) != claim.source.as_deref())
    {
        out.push_str(&format!("  registry: {}\n", esc(canonical)));
    }
    for c in &claim.components {
        out.push_str(&format!(
            "  {} \"{}\" [{}..{}] value={} unit={} mod={}{}\n",
            c.kind,
            esc(&c.text),
            c.start,
            c.end,
            c.value.as_deref().unwrap_or("-"),
            esc(c.unit.as_deref().unwrap_or("-")),
            c.modifier.as_deref().unwrap_or("-"),
            c.not_checkable
                .as_deref()
                .map(|why| format!("  not checkable: {why}"))
                .unwrap_or_default()
        ));
    }
    // What matching found: suggestions for the reviewer (`matches ID` lists them all).
    if !related.is_empty() {
        out.push_str("\nrelated claims (found by matching; nothing is flagged until you do):\n");
    }
    for r in related {
        out.push_str(&format!(
            "  {} claim {} ({}): {}\n",
            r.relation,
            r.other_id,
            r.other_status,
            esc(&r.reason)
        ));
    }
    if !checks.is_empty() {
        out.push_str(
            "\nfact-checks from elsewhere (found by matching; nothing is rated until you do):\n",
        );
    }
    for m in checks {
        let f = &m.fact_check;
        out.push_str(&format!(
            "  {} fc{} {}: {}\n    {}\n",
            m.relation,
            f.id,
            esc(&f.verdict_by()),
            esc(&m.reason),
            esc(&f.link())
        ));
    }
    out.push_str(&explain(features));
    out
}

/// Why a claim has its check-worthiness: each feature and its weight (log-odds), the
/// largest effect first, then the base.
fn explain(features: &[(String, Option<f64>)]) -> String {
    if features.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "\nworthiness: the chance a fact-checker checks it, from these features (log-odds):\n",
    );
    for (name, weight) in features {
        match weight {
            Some(w) => out.push_str(&format!("  {w:+.3}  {name}\n")),
            None => out.push_str(&format!("  {:>6}  {name}\n", "?")),
        }
    }
    out
}

/// Marks the code-point range `[start, end)` of `sentence`: bold-reverse on a terminal,
/// `[[...]]` elsewhere.
pub fn mark(sentence: &str, start: usize, end: usize, colour: bool) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    let start = start.min(chars.len());
    let end = end.clamp(start, chars.len());
    // Each part is escaped on its own, so the article's own `ESC[0m` cannot end the
    // highlight early, nor any sequence of it reach the terminal.
    let part = |p: &[char]| table::escape_controls_in(&p.iter().collect::<String>(), true);
    let (before, inside, after) = (
        part(&chars[..start]),
        part(&chars[start..end]),
        part(&chars[end..]),
    );
    if colour {
        format!("{before}\x1b[1;7m{inside}\x1b[0m{after}")
    } else {
        format!("{before}[[{inside}]]{after}")
    }
}
