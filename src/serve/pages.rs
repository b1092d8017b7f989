//! The desk's pages, built with maud (every `(value)` is escaped).

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::highlight::{self, ClaimLink};
use super::http::{query, Response};
use super::{is_web_url, Fail, Request, Session, SCRIPT, STYLE};
use crate::claims::ClaimType;
use crate::review::{ClaimStatus, ReviewEntry};
use crate::store::{ClaimFilter, ClaimRow, ClaimSort, Database};

/// Documents per page of the documents list.
const DOCUMENTS_PER_PAGE: usize = 100;
/// Rows of a listing or report page.
const ROWS_PER_PAGE: usize = 200;

/// The key of a status on the desk: the key `claimtrace review --next` uses for it.
pub fn status_key(s: ClaimStatus) -> Option<char> {
    match s {
        ClaimStatus::Verified => Some('v'),
        ClaimStatus::False => Some('f'),
        ClaimStatus::Misleading => Some('m'),
        ClaimStatus::Contested => Some('c'),
        ClaimStatus::Unverifiable => Some('u'),
        ClaimStatus::InReview => Some('i'),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

fn page(title: &str, session: &Session, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · claimtrace" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header.top {
                    a.brand href="/" { "claimtrace" }
                    a href="/" { "Documents" }
                    a href="/claims" { "Claims" }
                    a href="/claims?unsourced=1" { "Unsourced" }
                    a href="/report/unsourced" { "Unsourced figures" }
                    a href="/report/contested" { "Contested" }
                    a href="/report/status" { "Status" }
                    @if let Some(r) = &session.reviewer {
                        span.who { "reviewing as " strong { (r) } }
                        @if session.logged_in {
                            form method="post" action="/logout" {
                                input type="hidden" name="csrf" value=(session.csrf);
                                button type="submit" { "log out" }
                            }
                        }
                    }
                }
                main { (body) }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
    .into_string()
}

pub(super) fn fail(f: &Fail, session: &Session) -> Response {
    let (status, title, message): (u16, &str, Markup) = match f {
        Fail::BadRequest(m) => (400, "Bad request", html! { (m) }),
        Fail::NotFound(m) => (404, "Not found", html! { (m) }),
        Fail::Forbidden(m) => (403, "Refused", html! { (m) }),
        Fail::Unauthorized => (
            401,
            "Log in first",
            html! { "This desk needs a token. " a href="/login" { "Log in" } },
        ),
        Fail::Internal(m) => (500, "Server error", html! { (m) }),
        Fail::Stale {
            claim,
            expected,
            found,
        } => (
            409,
            "Changed meanwhile",
            html! {
                "Claim " (claim) " is now " span class={ "badge st-" (found) } { (found) }
                ", not " span class={ "badge st-" (expected) } { (expected) }
                " as your edit assumed. Nothing was changed. "
                a href={ "/claim/" (claim) } { "Look at it again" } " and decide anew."
            },
        ),
    };
    let body = html! {
        h1 { (title) }
        div.notice.error role="alert" { (message) }
        p { a href="/" { "Back to the documents" } }
    };
    Response::html(status, page(title, session, body))
}

pub(super) fn login(req: &Request, error: Option<&str>) -> Response {
    let next = req
        .query
        .get("next")
        .or(req.form.get("next"))
        .unwrap_or("/");
    let body = html! {
        h1 { "Log in to the review desk" }
        @if let Some(e) = error { div.notice.error role="alert" { (e) } }
        form.login method="post" action="/login" {
            input type="hidden" name="csrf" value=(req.session.csrf);
            input type="hidden" name="next" value=(next);
            label { "Your name (reviews are logged under it)" input type="text" name="name" autocomplete="name" required; }
            label { "Desk token" input type="password" name="token" required; }
            button type="submit" { "Log in" }
        }
    };
    Response::html(
        if error.is_some() { 400 } else { 200 },
        page("Log in", &req.session, body),
    )
}

fn num(n: i64) -> Markup {
    html! { td.num.zero[n == 0] { (n) } }
}

pub(super) fn documents(db: &Database, req: &Request) -> Result<Response, Fail> {
    let page_no: usize = match req.query.get("page") {
        None => 1,
        Some(p) => p.parse().ok().filter(|&n| n >= 1).ok_or_else(|| {
            Fail::BadRequest(format!("page {p:?} is not a page number (1, 2, …)"))
        })?,
    };
    // Ids of all, rows of one page only: a corpus has thousands of documents.
    let all = db.current_documents()?;
    let total = all.len();
    let ids: Vec<i64> = all
        .into_iter()
        .skip((page_no - 1) * DOCUMENTS_PER_PAGE)
        .take(DOCUMENTS_PER_PAGE)
        .collect();
    let docs = ids
        .iter()
        .map(|&id| db.document(id))
        .collect::<Result<Vec<_>, _>>()?;
    let counts = db.document_counts(&ids)?;
    let body = html! {
        h1 { "Documents" }
        p.meta { (total) " document(s). Claims by status; “unsourced” counts the figures nobody is quoted for." }
        table.grid {
            thead { tr {
                th { "id" } th { "title" } th { "outlet" } th { "published" }
                @for s in ClaimStatus::ALL { th.num { span class={ "badge st-" (s.as_str()) } { (s.as_str()) } } }
                th.num { "claims" } th.num { "unsourced figures" }
            } }
            tbody {
                @for (d, c) in docs.iter().zip(&counts) {
                    tr {
                        td { (d.id) }
                        td { a href={ "/doc/" (d.id) } { (d.title.clone().unwrap_or_else(|| d.source_key.clone())) } }
                        td { (d.outlet.as_deref().unwrap_or("")) }
                        td { (d.published.as_deref().unwrap_or("")) }
                        @for s in ClaimStatus::ALL {
                            (num(c.by_status.iter().find(|(st, _)| st == s.as_str()).map_or(0, |x| x.1)))
                        }
                        (num(c.by_status.iter().map(|x| x.1).sum()))
                        (num(c.unsourced_figures))
                    }
                }
            }
        }
        (pager(page_no, total, DOCUMENTS_PER_PAGE, |p| format!("/?page={p}")))
    };
    Ok(Response::html(200, page("Documents", &req.session, body)))
}

fn pager(page_no: usize, total: usize, per: usize, href: impl Fn(usize) -> String) -> Markup {
    let pages = total.div_ceil(per).max(1);
    html! {
        @if pages > 1 {
            nav.pager {
                @if page_no > 1 { a href=(href(page_no - 1)) rel="prev" { "← previous" } }
                span { "page " (page_no) " of " (pages) }
                @if page_no < pages { a href=(href(page_no + 1)) rel="next" { "next →" } }
            }
        }
    }
}

/// The claim filters of a query string (`status`, `type`, `unsourced`, `source`).
struct Filters {
    status: Option<String>,
    claim_type: Option<String>,
    unsourced: bool,
    source: Option<String>,
}

impl Filters {
    fn parse(req: &Request) -> Result<Filters, Fail> {
        let status = req
            .query
            .get("status")
            .map(|s| {
                s.parse::<ClaimStatus>()
                    .map(|s| s.as_str().to_string())
                    .map_err(Fail::BadRequest)
            })
            .transpose()?;
        let claim_type = req
            .query
            .get("type")
            .map(|s| {
                s.parse::<ClaimType>()
                    .map(|t| t.as_str().to_string())
                    .map_err(Fail::BadRequest)
            })
            .transpose()?;
        Ok(Filters {
            status,
            claim_type,
            unsourced: req.query.get("unsourced").is_some_and(|v| v != "0"),
            source: req.query.get("source").map(str::to_string),
        })
    }

    fn any(&self) -> bool {
        self.status.is_some()
            || self.claim_type.is_some()
            || self.unsourced
            || self.source.is_some()
    }

    fn to_filter(&self, db: &Database) -> Result<ClaimFilter, Fail> {
        Ok(ClaimFilter {
            status: self.status.clone(),
            claim_type: self.claim_type.clone(),
            unsourced: self.unsourced,
            source_ids: self
                .source
                .as_deref()
                .map(|s| db.find_sources(s))
                .transpose()?,
            ..ClaimFilter::default()
        })
    }

    fn pairs(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("status", self.status.clone()),
            ("type", self.claim_type.clone()),
            ("unsourced", self.unsourced.then(|| "1".to_string())),
            ("source", self.source.clone()),
        ]
    }

    fn form(&self, action: &str) -> Markup {
        html! {
            form.filters method="get" action=(action) {
                label { "status" select name="status" {
                    option value="" { "any" }
                    @for s in ClaimStatus::ALL { option value=(s.as_str()) selected[self.status.as_deref() == Some(s.as_str())] { (s.as_str()) } }
                } }
                label { "type" select name="type" {
                    option value="" { "any" }
                    @for t in ClaimType::ALL { option value=(t.as_str()) selected[self.claim_type.as_deref() == Some(t.as_str())] { (t.as_str()) } }
                } }
                label { "source" input type="text" name="source" value=(self.source.as_deref().unwrap_or("")) placeholder="name or alias"; }
                label { "unsourced figures" input type="checkbox" name="unsourced" value="1" checked[self.unsourced]; }
                button type="submit" { "filter" }
                @if self.any() { a href=(action) { "clear" } }
            }
        }
    }
}

pub(super) fn claims(db: &Database, req: &Request) -> Result<Response, Fail> {
    let filters = Filters::parse(req)?;
    let mut f = filters.to_filter(db)?;
    f.sort = ClaimSort::Worthiness;
    f.limit = Some(ROWS_PER_PAGE + 1);
    let mut rows = db.list_claims(&f)?;
    let more = rows.len() > ROWS_PER_PAGE;
    rows.truncate(ROWS_PER_PAGE);
    let body = html! {
        h1 { "Claims" }
        (filters.form("/claims"))
        p.meta { (rows.len()) @if more { "+" } " claim(s), most check-worthy first" @if more { " (the first " (ROWS_PER_PAGE) " shown)" } }
        (claim_table(&rows))
    };
    Ok(Response::html(200, page("Claims", &req.session, body)))
}

fn claim_table(rows: &[ClaimRow]) -> Markup {
    html! {
        table.grid {
            thead { tr { th { "claim" } th { "document" } th { "type" } th { "status" } th.num { "worth" } th { "source" } th { "text" } } }
            tbody { @for c in rows { tr {
                td { a href={ "/doc/" (c.document_id) "?claim=" (c.id) "#c" (c.id) } { "#" (c.id) } }
                td { (c.document) }
                td { (c.claim_type) }
                td { span class={ "badge st-" (c.status) } { (c.status) } }
                td.num { (format!("{:.2}", c.worthiness)) }
                td { (c.source.as_deref().unwrap_or("—")) }
                td { (c.text) }
            } } }
        }
    }
}

pub(super) fn article(db: &Database, req: &Request, doc_id: i64) -> Result<Response, Fail> {
    let filters = Filters::parse(req)?;
    let selected = req
        .query
        .get("claim")
        .map(|c| {
            c.parse::<i64>()
                .map_err(|_| Fail::BadRequest(format!("claim {c:?} is not a claim id")))
        })
        .transpose()?;
    let doc = db.document(doc_id)?;
    let text = db.document_text(doc_id)?;
    let mut f = filters.to_filter(db)?;
    f.document = Some(doc_id);
    let shown = db.list_claims(&f)?;
    let sources = db.claim_sources(doc_id, None)?;
    let base = format!("/doc/{doc_id}");
    let href = |id: i64| {
        let mut pairs = filters.pairs();
        pairs.push(("claim", Some(id.to_string())));
        format!("{base}{}#c{id}", query(&pairs))
    };
    let panel = match selected {
        None => None,
        Some(id) => {
            let c = db.claim(id)?;
            if c.document_id != doc_id {
                return Err(Fail::NotFound(format!(
                    "claim {id} is not in document {doc_id}; it is in document {}",
                    c.document_id
                )));
            }
            Some(claim_panel(
                db,
                req,
                &c,
                &shown,
                &href,
                &format!("{base}{}", query(&filters.pairs())),
            )?)
        }
    };
    let title = doc.title.clone().unwrap_or_else(|| doc.source_key.clone());
    let body = html! {
        h1 { (title) }
        p.meta {
            @if let Some(o) = &doc.outlet { (o) " · " }
            @if let Some(p) = &doc.published { (p) " · " }
            @if let Some(u) = &doc.url { @if is_web_url(u) { a href=(u) rel="noreferrer noopener" { (u) } } @else { (u) } " · " }
            (shown.len()) " claim(s) shown"
        }
        (filters.form(&base))
        p.legend.small {
            span { span.fig { "figure" } } span { span.date { "date" } } span { span.src { "source" } }
            @for s in ClaimStatus::ALL { span class={ "badge st-" (s.as_str()) } { (s.as_str()) } }
            span { "marks: " @for t in ClaimType::ALL { (highlight::type_mark(t.as_str())) " " (t.as_str()) "  " } }
        }
        div.desk.open[panel.is_some()] {
            article.article { (highlight::article(&text, &shown, &sources, ClaimLink::Href(&href, selected))) }
            @if let Some(p) = panel { (p) }
        }
    };
    Ok(Response::html(200, page(&title, &req.session, body)))
}

/// A claim's check-worthiness features with their weights, largest effect first.
fn feature_list(features: &[(String, Option<f64>)]) -> String {
    features
        .iter()
        .map(|(name, weight)| match weight {
            Some(w) => format!("{name} {w:+.2}"),
            None => name.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn claim_panel(
    db: &Database,
    req: &Request,
    c: &ClaimRow,
    shown: &[ClaimRow],
    href: &dyn Fn(i64) -> String,
    close: &str,
) -> Result<Markup, Fail> {
    let (sentence, _) = db.claim_sentence(c.id)?;
    let features = db.claim_features(c.id)?;
    let sources = db.claim_sources(c.document_id, Some(c.id))?;
    let log = db.history(c.id)?;
    let links = db.links(c.id)?;
    let related = db.matches(c.id)?;
    let checks = db.fact_check_matches(c.id)?;
    let at = shown.iter().position(|s| s.id == c.id);
    let prev = at.and_then(|i| i.checked_sub(1)).and_then(|i| shown.get(i));
    let next = match at {
        Some(i) => shown.get(i + 1),
        None => shown.iter().find(|s| s.start > c.start),
    };
    let current = c.status.parse::<ClaimStatus>().ok();
    Ok(html! {
        aside.panel id="panel" aria-label="claim" {
            h2 { "Claim " (c.id) " " span class={ "badge st-" (c.status) } { (c.status) } }
            p.small {
                @if let Some(p) = prev { a id="prev-claim" href=(href(p.id)) { "← previous [k]" } " · " }
                @if let Some(n) = next { a id="next-claim" href=(href(n.id)) { "next [s] →" } " · " }
                a id="close-panel" href=(close) { "close [q]" }
            }
            div.sentence { (sentence) }
            dl {
                dt { "type" } dd { (c.claim_type) " (" (highlight::type_mark(&c.claim_type)) ")" }
                dt { "claim" } dd { (c.text) }
                dt { "worthiness" } dd { (format!("{:.2}", c.worthiness)) @if !features.is_empty() { " — " (feature_list(&features)) } }
                dt { "source" } dd {
                    @if sources.is_empty() { @if c.sourced { (c.source.as_deref().unwrap_or("sourced")) } @else { "none (unsourced)" } }
                    @for s in &sources {
                        "“" (s.text) "”"
                        @if let Some(n) = &s.name { " → " strong { (n) } }
                        @if let Some(k) = &s.kind { " (" (k) @if let Some(r) = &s.role { ", " (r) } ")" }
                        br;
                    }
                }
            }
            @if !c.components.is_empty() {
                table.grid { thead { tr { th { "kind" } th { "text" } th { "value" } th { "unit" } th { "mod" } } }
                    tbody { @for m in &c.components { tr {
                        td { (m.kind) } td { (m.text) } td { (m.value.as_deref().unwrap_or("—")) } td { (m.unit.as_deref().unwrap_or("")) } td { (m.modifier.as_deref().unwrap_or("")) }
                    } } } }
            }
            @if !links.is_empty() {
                h2 { "Competing claims" }
                ul { @for l in &links {
                    @let other = if l.claim_id == c.id { l.other_id } else { l.claim_id };
                    li { a href={ "/claim/" (other) } { "#" (other) } @if let Some(r) = &l.reason { " — " (r) } }
                } }
            }
            @if !related.is_empty() {
                h2 { "Related claims" }
                p.small { "Found by matching; nothing is flagged or rated until you do it." }
                ul.related { @for r in &related {
                    li {
                        span class={ "rel rel-" (r.relation) } { (r.relation) } " "
                        a href={ "/claim/" (r.other_id) } { "#" (r.other_id) }
                        " " span class={ "badge st-" (r.other_status) } { (r.other_status) }
                        " — " (r.reason)
                        br; span.small { (r.other_text) }
                    }
                } }
            }
            @if !checks.is_empty() {
                h2 { "Fact-checks from elsewhere" }
                p.small { "Imported ClaimReview found by matching; their verdict is theirs, not this desk's." }
                ul.related { @for m in &checks {
                    li {
                        span class={ "rel rel-" (m.relation) } { (m.relation) } " "
                        strong { (m.fact_check.verdict) }
                        @if let Some(p) = &m.fact_check.publisher { " by " (p) }
                        @if let Some(u) = &m.fact_check.url { " — " a href=(u) rel="noopener noreferrer" { "review" } }
                        " — " (m.reason)
                        br; span.small { (m.fact_check.claim) }
                    }
                } }
            }
            h2 { "Review" }
            form.review method="post" action={ "/claim/" (c.id) "/review" } {
                input type="hidden" name="csrf" value=(req.session.csrf);
                input type="hidden" name="if_status" value=(c.status);
                input type="hidden" name="back" value=(href(c.id));
                label for="note" { "note (the reason, for contested)" }
                textarea id="note" name="note" {}
                label for="evidence" { "evidence URL" }
                input type="url" id="evidence" name="evidence" placeholder="https://…";
                label for="against" { "against claim (for contested)" }
                input type="text" id="against" name="against" inputmode="numeric" placeholder="claim id";
                div.buttons {
                    @for s in ClaimStatus::ALL {
                        @if Some(*s) != current {
                            @let key = status_key(*s);
                            button type="submit" name="status" value=(s.as_str()) class={ "st-" (s.as_str()) }
                                data-key=[key.map(|k| k.to_string())] data-needs-note[*s == ClaimStatus::Contested] {
                                (s.as_str()) @if let Some(k) = key { " " kbd { "[" (k) "]" } }
                            }
                        }
                    }
                    button type="submit" name="status" value="" { "add note " kbd { "[n]" } }
                }
            }
            h2 { "History" }
            (history(&log))
        }
    })
}

fn history(log: &[ReviewEntry]) -> Markup {
    html! {
        @if log.is_empty() { p.small { "No review yet." } }
        @else {
            table.grid { thead { tr { th { "at" } th { "who" } th { "action" } th { "from → to" } th { "note, evidence" } } }
                tbody { @for e in log { tr {
                    td.small { (e.at) } td { (e.reviewer) } td { (e.action) }
                    td { (e.from_status.as_deref().unwrap_or("")) " → " (e.to_status.as_deref().unwrap_or("")) }
                    td {
                        @if let Some(n) = &e.note { (n) }
                        @if let Some(a) = e.against { " (against " a href={ "/claim/" (a) } { "#" (a) } ")" }
                        @for u in &e.evidence { br; @if is_web_url(u) { a href=(u) rel="noreferrer noopener" { (u) } } @else { code { (u) } } }
                    }
                } } } }
        }
    }
}

pub(super) fn report_unsourced(db: &Database, req: &Request) -> Result<Response, Fail> {
    let rows = super::report::unsourced_rows(db, None)?;
    let body = html! {
        h1 { "Unsourced figures" }
        p.meta { (rows.len()) " figure(s) nobody is quoted for, by document, most check-worthy claim first" @if rows.len() > ROWS_PER_PAGE * 5 { " (the first " (ROWS_PER_PAGE * 5) " shown)" } }
        (super::report::unsourced_table(&rows[..rows.len().min(ROWS_PER_PAGE * 5)], true))
    };
    Ok(Response::html(
        200,
        page("Unsourced figures", &req.session, body),
    ))
}

pub(super) fn report_contested(db: &Database, req: &Request) -> Result<Response, Fail> {
    let rows = super::report::contested_rows(db)?;
    let body = html! {
        h1 { "Contested claims" }
        (super::report::contested_table(&rows, true))
    };
    Ok(Response::html(
        200,
        page("Contested claims", &req.session, body),
    ))
}

pub(super) fn report_status(db: &Database, req: &Request) -> Result<Response, Fail> {
    let rows = super::report::status_rows(db)?;
    let body = html! {
        h1 { "Claims by status" }
        (super::report::status_table(&rows))
    };
    Ok(Response::html(200, page("Status", &req.session, body)))
}
