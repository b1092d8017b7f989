//! An article's text with its claims marked: each claim a span (a link on the desk)
//! coloured by status with a mark for its type, and inside it the figures, dates and
//! sources underlined. Shared by the desk and the HTML report.
//!
//! Spans are code points, as the store gives them; they are converted to byte offsets
//! once per document. Every piece of text goes through maud, which escapes it.

use maud::{html, Markup, PreEscaped};

use crate::store::{ClaimRow, ClaimSource};

/// How a claim is shown.
pub enum ClaimLink<'a> {
    /// A plain span (the HTML report).
    None,
    /// A link to `href(claim_id)`, with `selected` outlined.
    Href(&'a dyn Fn(i64) -> String, Option<i64>),
}

/// The one-letter mark of a claim type (`statistic` → `S`).
pub fn type_mark(claim_type: &str) -> String {
    claim_type
        .chars()
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
}

/// Byte offset of every code point of `text`, and its length at the end.
fn char_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

/// The text between code points `a` and `b` (clamped to the text, never panicking).
fn slice<'t>(text: &'t str, offsets: &[usize], a: i64, b: i64) -> &'t str {
    let at = |i: i64| offsets[(i.max(0) as usize).min(offsets.len() - 1)];
    let (a, b) = (at(a), at(b));
    text.get(a..b.max(a)).unwrap_or("")
}

/// `text` with `claims` (in any order) marked; a claim overlapping an earlier one is
/// left unmarked, as are inner marks overlapping each other.
pub fn article(
    text: &str,
    claims: &[ClaimRow],
    sources: &[ClaimSource],
    link: ClaimLink,
) -> Markup {
    let offsets = char_offsets(text);
    let len = (offsets.len() - 1) as i64;
    let mut order: Vec<&ClaimRow> = claims.iter().collect();
    order.sort_by_key(|c| (c.start, c.end));
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0i64;
    for c in order {
        let (start, end) = (c.start.clamp(0, len), c.end.clamp(0, len));
        if start < at || end <= start {
            continue;
        }
        out.push_str(&html! { (slice(text, &offsets, at, start)) }.0);
        // Inner marks: components and the claim's source, clipped to the claim.
        let mut inner: Vec<(i64, i64, &str, String)> = c
            .components
            .iter()
            .map(|m| {
                let kind = if m.kind == "figure" { "fig" } else { "date" };
                let title = match (&m.value, &m.unit) {
                    (Some(v), Some(u)) => format!("{}: {v} {u}", m.kind),
                    (Some(v), None) => format!("{}: {v}", m.kind),
                    _ => m.kind.clone(),
                };
                (m.start, m.end, kind, title)
            })
            .chain(sources.iter().filter(|s| s.claim_id == c.id).map(|s| {
                let title = match &s.name {
                    Some(n) => format!("source: {n}"),
                    None => "source".to_string(),
                };
                (s.start, s.end, "src", title)
            }))
            .map(|(a, b, k, t)| (a.max(start), b.min(end), k, t))
            .filter(|(a, b, _, _)| a < b)
            .collect();
        inner.sort_by_key(|m| (m.0, m.1));
        let mut body = String::new();
        let mut pos = start;
        for (a, b, kind, title) in inner {
            if a < pos {
                continue;
            }
            body.push_str(&html! { (slice(text, &offsets, pos, a)) }.0);
            body.push_str(
                &html! { span class=(kind) title=(title) { (slice(text, &offsets, a, b)) } }.0,
            );
            pos = b;
        }
        body.push_str(&html! { (slice(text, &offsets, pos, end)) }.0);
        let title = format!(
            "claim {} · {} · {} · worthiness {:.2}",
            c.id, c.claim_type, c.status, c.worthiness
        );
        let class = format!("claim st-{} ty-{}", c.status, c.claim_type);
        let mark = html! { span.mark aria-hidden="true" { (type_mark(&c.claim_type)) } };
        let piece = match &link {
            ClaimLink::None => html! {
                span class=(class) id={ "c" (c.id) } title=(title) { (mark) (PreEscaped(body)) }
            },
            ClaimLink::Href(href, selected) => {
                let class = if *selected == Some(c.id) {
                    format!("{class} selected")
                } else {
                    class
                };
                html! {
                    a class=(class) id={ "c" (c.id) } href=(href(c.id)) title=(title) data-status=(c.status) {
                        (mark) (PreEscaped(body))
                    }
                }
            }
        };
        out.push_str(&piece.0);
        at = end;
    }
    out.push_str(&html! { (slice(text, &offsets, at, len)) }.0);
    PreEscaped(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ComponentRow;

    fn claim(id: i64, start: i64, end: i64, text: &str) -> ClaimRow {
        ClaimRow {
            id,
            document_id: 1,
            document: "d".into(),
            start,
            end,
            byte_start: 0,
            byte_end: 0,
            text: text.into(),
            claim_type: "statistic".into(),
            worthiness: 0.5,
            sourced: false,
            status: "unverified".into(),
            anchor_state: "anchored".into(),
            source: None,
            source_canonical: None,
            components: Vec::new(),
        }
    }

    #[test]
    fn script_tags_and_attribute_breakouts_in_the_article_show_as_text() {
        let text =
            "Intro <script>alert(1)</script>. Exports were \"><img src=x onerror=alert(2)> 5%.";
        let mut c = claim(7, 33, text.chars().count() as i64, "");
        c.components.push(ComponentRow {
            mention_id: 1,
            kind: "figure".into(),
            text: "5%".into(),
            start: text.chars().count() as i64 - 3,
            end: text.chars().count() as i64 - 1,
            value: Some("5".into()),
            unit: Some("percent".into()),
            modifier: None,
            not_checkable: None,
        });
        let html = article(text, &[c], &[], ClaimLink::None).0;
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"),
            "{html}"
        );
        assert!(
            html.contains(r#"<span class="fig" title="figure: 5 percent">5%</span>"#),
            "{html}"
        );
    }

    #[test]
    fn claims_in_a_text_with_accents_and_dashes_keep_their_code_point_spans() {
        // "Armenia–Azerbaijan" has a multi-byte dash before the claim.
        let text = "Armenia–Azerbaijan talks. Trade rose 12% in 2024.";
        let start = text.chars().position(|c| c == 'T').unwrap() as i64;
        let c = claim(1, start, text.chars().count() as i64, "");
        let href = |id: i64| format!("?claim={id}");
        let html = article(text, &[c], &[], ClaimLink::Href(&href, Some(1))).0;
        assert!(
            html.starts_with(
                "Armenia–Azerbaijan talks. <a class=\"claim st-unverified ty-statistic selected\""
            ),
            "{html}"
        );
        assert!(html.ends_with("Trade rose 12% in 2024.</a>"), "{html}");
    }

    #[test]
    fn spans_beyond_the_text_or_overlapping_are_skipped_without_panicking() {
        let text = "Short.";
        let claims = [
            claim(1, 0, 3, ""),
            claim(2, 2, 5, ""),
            claim(3, 4, 99, ""),
            claim(4, -5, -1, ""),
        ];
        let html = article(text, &claims, &[], ClaimLink::None).0;
        assert!(html.contains("id=\"c1\""));
        assert!(!html.contains("id=\"c2\""));
        assert!(html.contains("id=\"c3\""));
        assert!(html.ends_with("</span>t.</span>"), "{html}");
        assert!(html.contains("Sho</span>r<span"), "{html}");
    }
}
