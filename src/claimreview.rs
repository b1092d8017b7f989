//! Reading schema.org `ClaimReview` JSON-LD: fact-checks published elsewhere, as
//! external verified claims.
//!
//! Accepted shapes (<https://schema.org/ClaimReview>, Google's "Fact Check" structured
//! data and the Fact Check Tools API): one `ClaimReview` object; an array of them; a
//! `DataFeed` whose `dataFeedElement`s are the reviews or `DataFeedItem`s holding them
//! in `item` (the public fact-check data feeds); an `@graph` (other node types in it, a
//! page's `Organization` say, are skipped); and the API's `claims[]`, each a claim
//! (`text`, `claimant`, `claimDate`) with its `claimReview[]` (`publisher.name`, `url`,
//! `title`, `reviewDate`, `textualRating`). Each review found is an item, numbered from 1
//! in the order of the file; a bad or partial item is refused with its reason and the
//! others are kept.
//!
//! Pure functions: no I/O, no database ([`crate::store`] keeps what this reads).

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::document::{Document, Metadata};
use crate::matching::{self, QuantityKey};
use crate::pipeline;

/// The longest claim text accepted, in characters: a fact-check reviews a sentence or
/// two, not an article.
pub const MAX_CLAIM_CHARS: usize = 10_000;

/// A fact-check published elsewhere: the claim it reviewed and its verdict.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct FactCheck {
    /// The claim as the fact-checker worded it (`claimReviewed`).
    pub claim: String,
    /// The textual rating (`alternateName`, else `name`; the API's `textualRating`).
    pub rating: Option<String>,
    pub rating_value: Option<f64>,
    pub best_rating: Option<f64>,
    pub worst_rating: Option<f64>,
    /// Who published the review (`author`, the API's `publisher`).
    pub publisher: Option<String>,
    pub publisher_url: Option<String>,
    /// The review itself.
    pub url: Option<String>,
    /// The review's title (`headline`, the API's `title`).
    pub headline: Option<String>,
    /// When the review was published, `YYYY-MM-DD`.
    pub review_date: Option<String>,
    /// When the claim was made (`itemReviewed.datePublished`, the API's `claimDate`).
    pub claim_date: Option<String>,
    /// Who made the claim (`itemReviewed.author`, the API's `claimant`).
    pub claimant: Option<String>,
}

impl FactCheck {
    /// The date its claim's figures refer to when the claim names none: the day the
    /// claim was made, else the day of the review.
    pub fn date(&self) -> Option<&str> {
        self.claim_date.as_deref().or(self.review_date.as_deref())
    }

    /// The verdict in words: the textual rating, else the value on its scale
    /// ("2 of 1..5").
    pub fn verdict(&self) -> String {
        match (&self.rating, self.rating_value) {
            (Some(r), _) => r.clone(),
            (None, Some(v)) => match (self.worst_rating, self.best_rating) {
                (Some(w), Some(b)) => format!("{v} of {w}..{b}"),
                _ => format!("{v}"),
            },
            (None, None) => "unrated".into(),
        }
    }
}

/// The quantity keys of a fact-check's claim, as those of a stored claim: the claim is
/// analysed as a one-sentence article published on the day the claim was made (else
/// the day of the review), and the keys of every claim found in it are kept.
pub fn keys(claim: &str, date: Option<&str>) -> Vec<QuantityKey> {
    let published = date.and_then(|d| d.parse::<NaiveDate>().ok());
    let meta = Metadata {
        published,
        ..Metadata::default()
    };
    let doc = Document::from_text("fact-check", claim.to_string(), meta);
    let a = pipeline::analyse(&doc);
    matching::document_keys(&doc.text, &a.claims, &a.mentions, published)
        .into_iter()
        .flatten()
        .collect()
}

/// One item of a file: a fact-check, or why it was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// 1-based, in the order of the file.
    pub number: usize,
    pub read: Result<FactCheck, String>,
}

/// The items of a parsed ClaimReview document, whatever its shape.
pub fn items(doc: &Value) -> Vec<Item> {
    let mut out = Vec::new();
    collect(doc, &mut out, false);
    out
}

/// The `@type`s of a node, without their vocabulary prefix (`schema:ClaimReview`,
/// `http://schema.org/ClaimReview`).
fn types(node: &Map<String, Value>) -> Vec<&str> {
    let bare = |s: &str| -> usize { s.rfind(['/', ':', '#']).map_or(0, |i| i + 1) };
    match node.get("@type") {
        Some(Value::String(s)) => vec![&s[bare(s)..]],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(|s| &s[bare(s)..])
            .collect(),
        _ => Vec::new(),
    }
}

fn push(out: &mut Vec<Item>, read: Result<FactCheck, String>) {
    let number = out.len() + 1;
    out.push(Item { number, read });
}

/// Walks a node: `in_graph` nodes that are not reviews are skipped (a page's graph holds
/// its publisher, its web page...); elsewhere they are items refused.
fn collect(v: &Value, out: &mut Vec<Item>, in_graph: bool) {
    match v {
        Value::Array(a) => {
            for x in a {
                collect(x, out, in_graph);
            }
        }
        Value::Object(o) => {
            let t = types(o);
            if t.contains(&"ClaimReview") {
                push(out, claim_review(o));
            } else if let Some(g) = o.get("@graph") {
                collect(g, out, true);
            } else if let Some(e) = o.get("dataFeedElement") {
                collect(e, out, false);
            } else if t.contains(&"DataFeedItem") {
                match o.get("item") {
                    Some(item) => collect(item, out, false),
                    None => push(out, Err("a DataFeedItem without item".into())),
                }
            } else if let Some(Value::Array(claims)) = o.get("claims") {
                for c in claims {
                    api_claim(c, out);
                }
            } else if !in_graph {
                let why = match t.first() {
                    Some(other) => format!("not a ClaimReview (@type {other})"),
                    None if o.contains_key("claimReview") => {
                        // One claim of the Fact Check Tools API on its own.
                        api_claim(v, out);
                        return;
                    }
                    None => "not a ClaimReview (no @type)".to_string(),
                };
                push(out, Err(why));
            }
        }
        _ if in_graph => {}
        other => push(
            out,
            Err(format!("not a ClaimReview (a JSON {})", json_kind(other))),
        ),
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A claim of the Fact Check Tools API (`claims[]` of `claims:search`): one item per
/// review of it.
fn api_claim(c: &Value, out: &mut Vec<Item>) {
    let Some(c) = c.as_object() else {
        push(
            out,
            Err(format!(
                "a claim that is a JSON {}, not an object",
                json_kind(c)
            )),
        );
        return;
    };
    let reviews = match c.get("claimReview") {
        Some(Value::Array(a)) if !a.is_empty() => a.as_slice(),
        Some(Value::Object(_)) => std::slice::from_ref(&c["claimReview"]),
        _ => {
            push(out, Err("a claim without claimReview".into()));
            return;
        }
    };
    for r in reviews {
        push(out, api_review(c, r));
    }
}

fn api_review(claim: &Map<String, Value>, r: &Value) -> Result<FactCheck, String> {
    let r = r
        .as_object()
        .ok_or_else(|| "a claimReview that is not an object".to_string())?;
    let publisher = r.get("publisher");
    let f = FactCheck {
        claim: claim_text(claim.get("text"), "text")?,
        rating: text(r.get("textualRating")),
        publisher: publisher.and_then(name),
        publisher_url: publisher
            .and_then(|p| p.get("site").or_else(|| p.get("url")))
            .and_then(|u| text(Some(u))),
        url: url(r.get("url"), "url")?,
        headline: text(r.get("title")),
        review_date: date(r.get("reviewDate"), "reviewDate")?,
        claim_date: date(claim.get("claimDate"), "claimDate")?,
        claimant: claim.get("claimant").and_then(name),
        ..FactCheck::default()
    };
    finish(f)
}

/// A schema.org `ClaimReview`.
fn claim_review(o: &Map<String, Value>) -> Result<FactCheck, String> {
    let claim = claim_text(o.get("claimReviewed"), "claimReviewed")?;
    let rating = o
        .get("reviewRating")
        .map(|r| match r {
            Value::Array(a) => a.first().cloned().unwrap_or(Value::Null),
            other => other.clone(),
        })
        .ok_or_else(|| "no reviewRating".to_string())?;
    let Some(rating) = rating.as_object() else {
        return Err("reviewRating is not an object".into());
    };
    let author = o.get("author").or_else(|| o.get("publisher"));
    let item = o.get("itemReviewed").and_then(Value::as_object);
    let f = FactCheck {
        claim,
        rating: text(rating.get("alternateName")).or_else(|| text(rating.get("name"))),
        rating_value: number(rating.get("ratingValue"), "reviewRating.ratingValue")?,
        best_rating: number(rating.get("bestRating"), "reviewRating.bestRating")?,
        worst_rating: number(rating.get("worstRating"), "reviewRating.worstRating")?,
        publisher: author.and_then(name),
        publisher_url: author
            .and_then(first)
            .and_then(|a| a.get("url"))
            .and_then(|u| text(Some(u))),
        url: url(o.get("url"), "url")?,
        headline: text(o.get("headline")).or_else(|| text(o.get("name"))),
        review_date: date(o.get("datePublished"), "datePublished")?,
        claim_date: date(
            item.and_then(|i| i.get("datePublished")),
            "itemReviewed.datePublished",
        )?,
        claimant: item.and_then(|i| i.get("author")).and_then(name),
    };
    if f.rating.is_none() && f.rating_value.is_none() {
        return Err("reviewRating has neither alternateName nor ratingValue".into());
    }
    finish(f)
}

/// The checks every item passes, whatever its shape.
fn finish(f: FactCheck) -> Result<FactCheck, String> {
    if f.rating.is_none() && f.rating_value.is_none() {
        return Err("no rating (textualRating)".into());
    }
    if let (Some(v), Some(w), Some(b)) = (f.rating_value, f.worst_rating, f.best_rating) {
        if v < w.min(b) || v > w.max(b) {
            return Err(format!(
                "reviewRating.ratingValue {v} is outside worstRating {w} .. bestRating {b}"
            ));
        }
    }
    if f.url.is_none() && f.publisher.is_none() {
        return Err(
            "no url and no author: give the review's url or its publisher (author.name)".into(),
        );
    }
    Ok(f)
}

fn claim_text(v: Option<&Value>, field: &str) -> Result<String, String> {
    let s = text(v).ok_or_else(|| format!("no {field}"))?;
    if s.chars().count() > MAX_CLAIM_CHARS {
        return Err(format!(
            "{field} is longer than {MAX_CLAIM_CHARS} characters (a claim, not an article)"
        ));
    }
    Ok(s)
}

/// A non-empty string, trimmed, with its runs of white space made one space.
fn text(v: Option<&Value>) -> Option<String> {
    let s = v?.as_str()?;
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// The first of a value that may be one object or an array of them.
fn first(v: &Value) -> Option<&Map<String, Value>> {
    match v {
        Value::Array(a) => a.iter().find_map(Value::as_object),
        other => other.as_object(),
    }
}

/// The name of a person or organisation: a string, an object's `name`, or the first
/// of an array of them.
fn name(v: &Value) -> Option<String> {
    match v {
        Value::String(_) => text(Some(v)),
        Value::Array(a) => a.iter().find_map(name),
        Value::Object(o) => text(o.get("name")),
        _ => None,
    }
}

/// A number, or a string that holds one ("4").
fn number(v: Option<&Value>, field: &str) -> Result<Option<f64>, String> {
    let Some(v) = v else { return Ok(None) };
    let parsed = match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        Value::Null => return Ok(None),
        _ => None,
    };
    match parsed {
        Some(x) if x.is_finite() => Ok(Some(x)),
        _ => Err(format!("{field} {v} is not a number")),
    }
}

/// An http(s) URL.
fn url(v: Option<&Value>, field: &str) -> Result<Option<String>, String> {
    let Some(s) = text(v) else { return Ok(None) };
    let lower = s.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://")) && !s.contains(' ') {
        Ok(Some(s))
    } else {
        Err(format!("{field} {s:?} is not an http(s) URL"))
    }
}

/// A date or a time (ISO 8601, as schema.org's `Date` and `DateTime`), kept as its day.
fn date(v: Option<&Value>, field: &str) -> Result<Option<String>, String> {
    let Some(s) = text(v) else { return Ok(None) };
    let day = s.get(..10).unwrap_or(&s);
    match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        Ok(d) if (1000..=9999).contains(&chrono::Datelike::year(&d)) => {
            Ok(Some(d.format("%Y-%m-%d").to_string()))
        }
        _ => Err(format!("{field} {s:?} is not a date (YYYY-MM-DD)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn review(claim: &str) -> Value {
        json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": "https://checks.example.org/2024/bridge-toll",
            "claimReviewed": claim,
            "datePublished": "2024-03-05",
            "author": {"@type": "Organization", "name": "Harbour Checks", "url": "https://checks.example.org"},
            "reviewRating": {"@type": "Rating", "ratingValue": "2", "bestRating": 5,
                             "worstRating": 1, "alternateName": "Mostly false"},
            "itemReviewed": {"@type": "Claim", "datePublished": "2024-02-28",
                             "author": {"@type": "Person", "name": "Mayor Ilse Vand"}}
        })
    }

    fn read(v: &Value) -> Vec<Result<FactCheck, String>> {
        items(v).into_iter().map(|i| i.read).collect()
    }

    #[test]
    fn the_bridge_toll_tripled_last_year_reads_every_field() {
        let got = read(&review("The bridge toll tripled last year."));
        let f = got[0].as_ref().unwrap();
        assert_eq!(f.claim, "The bridge toll tripled last year.");
        assert_eq!(f.rating.as_deref(), Some("Mostly false"));
        assert_eq!(f.rating_value, Some(2.0));
        assert_eq!((f.worst_rating, f.best_rating), (Some(1.0), Some(5.0)));
        assert_eq!(f.publisher.as_deref(), Some("Harbour Checks"));
        assert_eq!(
            f.publisher_url.as_deref(),
            Some("https://checks.example.org")
        );
        assert_eq!(f.review_date.as_deref(), Some("2024-03-05"));
        assert_eq!(f.claim_date.as_deref(), Some("2024-02-28"));
        assert_eq!(f.claimant.as_deref(), Some("Mayor Ilse Vand"));
        assert_eq!(
            f.url.as_deref(),
            Some("https://checks.example.org/2024/bridge-toll")
        );
    }

    #[test]
    fn an_array_a_data_feed_and_a_graph_give_each_review() {
        let a = review("Ferry fares rose 40% in 2023.");
        let b = review("The port handled 2 million containers.");
        assert_eq!(read(&json!([a, b])).len(), 2);
        let feed = json!({"@context": "https://schema.org", "@type": "DataFeed",
            "dataFeedElement": [{"@type": "DataFeedItem", "item": [a]}, b]});
        assert!(read(&feed).iter().all(Result::is_ok));
        assert_eq!(read(&feed).len(), 2);
        let graph = json!({"@context": "https://schema.org", "@graph": [
            {"@type": "Organization", "name": "Harbour Checks"}, a]});
        assert_eq!(read(&graph).len(), 1);
    }

    #[test]
    fn fact_check_tools_api_claims_with_their_reviews() {
        let api = json!({"claims": [{
            "text": "Ferry fares rose 40% in 2023.",
            "claimant": "Port authority",
            "claimDate": "2024-01-10T00:00:00Z",
            "claimReview": [{
                "publisher": {"name": "Harbour Checks", "site": "checks.example.org"},
                "url": "https://checks.example.org/ferry",
                "title": "Did ferry fares rise 40%?",
                "reviewDate": "2024-01-15T08:00:00Z",
                "textualRating": "Exaggerated",
                "languageCode": "en"
            }]
        }]});
        let got = read(&api);
        let f = got[0].as_ref().unwrap();
        assert_eq!(f.claim, "Ferry fares rose 40% in 2023.");
        assert_eq!(f.rating.as_deref(), Some("Exaggerated"));
        assert_eq!(f.claimant.as_deref(), Some("Port authority"));
        assert_eq!(f.claim_date.as_deref(), Some("2024-01-10"));
        assert_eq!(f.review_date.as_deref(), Some("2024-01-15"));
        assert_eq!(f.headline.as_deref(), Some("Did ferry fares rise 40%?"));
    }

    #[test]
    fn each_refusal_names_its_reason() {
        let mut no_claim = review("x");
        no_claim.as_object_mut().unwrap().remove("claimReviewed");
        let mut no_rating = review("Ferry fares rose 40%.");
        no_rating.as_object_mut().unwrap().remove("reviewRating");
        let mut empty_rating = review("Ferry fares rose 40%.");
        empty_rating["reviewRating"] = json!({"@type": "Rating"});
        let mut bad_value = review("Ferry fares rose 40%.");
        bad_value["reviewRating"]["ratingValue"] = json!("two");
        let mut outside = review("Ferry fares rose 40%.");
        outside["reviewRating"]["ratingValue"] = json!(7);
        let mut bad_date = review("Ferry fares rose 40%.");
        bad_date["datePublished"] = json!("last Tuesday");
        let mut bad_url = review("Ferry fares rose 40%.");
        bad_url["url"] = json!("javascript:alert(1)");
        let mut anonymous = review("Ferry fares rose 40%.");
        anonymous.as_object_mut().unwrap().remove("url");
        anonymous.as_object_mut().unwrap().remove("author");
        let cases = json!([no_claim, no_rating, empty_rating, bad_value, outside, bad_date,
            bad_url, anonymous, {"@type": "NewsArticle"}, 42]);
        let reasons: Vec<String> = read(&cases).into_iter().map(|r| r.unwrap_err()).collect();
        assert_eq!(
            reasons,
            [
                "no claimReviewed",
                "no reviewRating",
                "reviewRating has neither alternateName nor ratingValue",
                "reviewRating.ratingValue \"two\" is not a number",
                "reviewRating.ratingValue 7 is outside worstRating 1 .. bestRating 5",
                "datePublished \"last Tuesday\" is not a date (YYYY-MM-DD)",
                "url \"javascript:alert(1)\" is not an http(s) URL",
                "no url and no author: give the review's url or its publisher (author.name)",
                "not a ClaimReview (@type NewsArticle)",
                "not a ClaimReview (a JSON number)",
            ]
        );
    }

    #[test]
    fn items_are_numbered_in_file_order_good_and_bad() {
        let got = items(&json!([review("A."), {"@type": "ClaimReview"}, review("B.")]));
        let numbers: Vec<(usize, bool)> = got.iter().map(|i| (i.number, i.read.is_ok())).collect();
        assert_eq!(numbers, [(1, true), (2, false), (3, true)]);
    }

    #[test]
    fn a_rating_value_alone_is_a_verdict_on_its_scale() {
        let f = FactCheck {
            rating_value: Some(1.0),
            worst_rating: Some(1.0),
            best_rating: Some(5.0),
            ..FactCheck::default()
        };
        assert_eq!(f.verdict(), "1 of 1..5");
    }
}
