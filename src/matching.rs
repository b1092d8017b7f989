//! Matching claims across articles: what a figure measures, and how two claims relate.
//!
//! A claim with figures gets one [`QuantityKey`] per checkable figure: the measured
//! thing (the words of the noun phrase that the figure counts or that it is the value
//! of, with the places and populations it is about), its unit, whether it is a level or
//! a change, the time it refers to (the nearest date of the claim, else the year before
//! the article's publication) and its value as an interval that respects the figure's
//! mod and stated precision. [`classify`] compares two claims: `repeat` (the same
//! quantity at the same time with compatible values, or the same wording), `conflict`
//! (the same quantity and time, values that cannot both be true) or `related` (the same
//! quantity at another time), each with its reason in words.
//!
//! Pure functions: no I/O, no database. The store keeps keys and relations
//! ([`crate::store`]); nothing here flags or rates a claim.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::claims::Claim;
use crate::decimal::Decimal;
use crate::recognize::{FigureMod, Mention, TimexType};

/// How two claims relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The same quantity at another time.
    Related,
    /// The same claim again: the same quantity, time and a compatible value, or the same
    /// wording.
    Repeat,
    /// The same quantity and time, values that cannot both be true.
    Conflict,
}

impl Relation {
    pub const ALL: [Relation; 3] = [Relation::Repeat, Relation::Conflict, Relation::Related];

    pub fn as_str(&self) -> &'static str {
        match self {
            Relation::Repeat => "repeat",
            Relation::Conflict => "conflict",
            Relation::Related => "related",
        }
    }
}

impl std::fmt::Display for Relation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Relation {
    type Err = String;
    fn from_str(s: &str) -> Result<Relation, String> {
        Relation::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown relation {s:?} (expected repeat, conflict or related)"))
    }
}

/// A relation found between two claims, with its reason and a score in (0, 1]: how sure
/// the match is (how alike the two subjects or wordings are).
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub relation: Relation,
    pub reason: String,
    pub score: f64,
}

/// A figure of a claim, as matching needs it: offsets are bytes of the claim's text.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureFact {
    pub at: Range<usize>,
    pub value: Option<Decimal>,
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
    pub unit: Option<String>,
    pub modifier: Option<FigureMod>,
    /// What the figure counts, as the figure recogniser found it.
    pub subject: Option<Range<usize>>,
}

/// A date of a claim (a TIMEX3 `DATE` value); offsets are bytes of the claim's text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateFact {
    pub at: Range<usize>,
    pub value: String,
}

/// Everything matching reads of one claim.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClaimFacts {
    pub text: String,
    pub figures: Vec<FigureFact>,
    pub dates: Vec<DateFact>,
    pub published: Option<NaiveDate>,
    /// The subject of the figure in the sentence before, for a claim that refers back
    /// to it ("the actual figure was closer to 2 million").
    pub previous: Option<Subject>,
}

/// What a figure measures.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Subject {
    /// The phrase as the claim words it ("Azerbaijanis living in Russia").
    pub phrase: String,
    /// Lemmas of its content words, the head (nearest the figure) first.
    pub terms: Vec<String>,
    /// Places and populations it is about, lower case ("russia", "women").
    pub qualifiers: Vec<String>,
}

/// Whether a figure states a level ("to $3.6 billion") or a change ("rose 12%").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Level,
    Rise,
    Fall,
}

/// The time a figure refers to, as days since the common era, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub first: i32,
    pub last: i32,
    /// From a date in the claim (not the publication).
    pub stated: bool,
}

/// The value of a figure as an interval (bounds may be open) and as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// The lowest and highest value the figure allows, given its mod and precision.
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// A representative value (the point, the middle of a range, the bound).
    pub middle: f64,
    /// The figure's value as the store prints it ("600000", "3..5").
    pub shown: String,
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
}

/// The quantity a figure states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuantityKey {
    pub subject: Subject,
    /// ISO 4217 code, `percent`, `percentage point`, a unit word, or `count`.
    pub unit: String,
    pub role: Role,
    pub period: Option<Period>,
    pub amount: Amount,
}

/// The facts of claim `claim` of a document, for [`keys`].
pub fn facts_of(
    text: &str,
    claim: &Claim,
    mentions: &[Mention],
    published: Option<NaiveDate>,
    previous: Option<Subject>,
) -> ClaimFacts {
    let base = claim.span.start;
    let local = |s: crate::span::Span| -> Option<Range<usize>> {
        (s.start >= claim.span.start && s.end <= claim.span.end)
            .then(|| s.start - base..s.end - base)
    };
    let mut facts = ClaimFacts {
        text: claim.span.slice(text).to_string(),
        published,
        previous,
        ..ClaimFacts::default()
    };
    for &i in &claim.components {
        let Some(m) = mentions.get(i) else { continue };
        let Some(at) = local(m.span) else { continue };
        if let Some(f) = m.figure() {
            facts.figures.push(FigureFact {
                at,
                value: f.value.clone(),
                low: f.low.clone(),
                high: f.high.clone(),
                unit: f.unit.clone(),
                modifier: f.modifier,
                subject: f.subject.and_then(local),
            });
        } else if let Some(d) = m.date() {
            if d.timex_type == TimexType::Date {
                facts.dates.push(DateFact {
                    at,
                    value: d.value.clone(),
                });
            }
        }
    }
    facts
}

/// The quantity keys of a claim's analysed document: one list per claim, in claim order.
/// A claim that refers back ("the actual figure") takes the subject of the last figure
/// of the claim before it in the same or the previous sentence.
pub fn document_keys(
    text: &str,
    claims: &[Claim],
    mentions: &[Mention],
    published: Option<NaiveDate>,
) -> Vec<Vec<QuantityKey>> {
    let mut out: Vec<Vec<QuantityKey>> = Vec::with_capacity(claims.len());
    for (i, claim) in claims.iter().enumerate() {
        let previous = i
            .checked_sub(1)
            .filter(|&p| claims[p].sentence + 1 >= claim.sentence)
            .and_then(|p| out[p].last())
            .map(|k| k.subject.clone());
        let facts = facts_of(text, claim, mentions, published, previous);
        out.push(keys(&facts));
    }
    out
}

/// One word of a claim.
#[derive(Debug, Clone, Copy)]
struct Word<'t> {
    text: &'t str,
    at: usize,
    end: usize,
    /// Punctuation (other than a hyphen or apostrophe inside a word) right before it.
    after_break: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut pending_break = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner = (c == '\'' || c == '’' || c == '-' || c == '.' || c == ',')
            && start.is_some()
            && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || c == '%' || c == '$' || c == '€' || c == '£' || inner {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(s) = start.take() {
                out.push(Word {
                    text: &text[s..i],
                    at: s,
                    end: i,
                    after_break: pending_break,
                });
                pending_break = false;
            }
            if !c.is_whitespace() {
                pending_break = true;
            }
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..],
            at: s,
            end: text.len(),
            after_break: pending_break,
        });
    }
    out
}

/// Words between a figure and the noun phrase it measures ("unemployment *was* 4.1%",
/// "exports *rose by about* 12%"): skipped when looking for the phrase.
const LINKS: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "almost",
    "already",
    "amounted",
    "an",
    "approximately",
    "around",
    "at",
    "be",
    "been",
    "below",
    "between",
    "by",
    "came",
    "climbed",
    "close",
    "closer",
    "dropped",
    "edged",
    "estimated",
    "fell",
    "gained",
    "grew",
    "had",
    "has",
    "have",
    "hit",
    "increased",
    "is",
    "jumped",
    "just",
    "less",
    "more",
    "nearly",
    "now",
    "numbered",
    "of",
    "only",
    "over",
    "plunged",
    "reached",
    "remained",
    "roughly",
    "rose",
    "slipped",
    "soared",
    "some",
    "stands",
    "stood",
    "still",
    "surged",
    "than",
    "the",
    "to",
    "topped",
    "totaled",
    "totalled",
    "under",
    "up",
    "down",
    "was",
    "were",
    "are",
    "declined",
    "decreased",
    "fallen",
    "risen",
    "grown",
    "increase",
    "upwards",
    "well",
    "nearly",
    "exceeded",
    "exceeds",
    "tops",
    "reaches",
    "rises",
    "falls",
    "grows",
    "totals",
    "equal",
    "equivalent",
    "stand",
    "last",
    "this",
    "year",
    "years",
    "its",
    "their",
    "his",
    "her",
    "another",
    "further",
    "again",
    "averaged",
    "average",
    "averages",
    "put",
    "puts",
    "closed",
    "opened",
    "ended",
    "finished",
    "traded",
];

/// Words that end the search for a noun phrase: clause openers, speech verbs.
const BARRIERS: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "while",
    "whereas",
    "when",
    "said",
    "says",
    "say",
    "claimed",
    "claims",
    "told",
    "reported",
    "reports",
    "announced",
    "noted",
    "showed",
    "show",
    "shows",
    "found",
    "finds",
    "estimates",
    "but",
    "because",
    "since",
    "after",
    "before",
    "although",
    "though",
    "if",
    "and",
    "or",
    "as",
    "with",
    "where",
    "there",
    "it",
    "they",
    "he",
    "she",
    "we",
    "i",
    "you",
    "this",
    "these",
    "those",
];

/// Function words that are never part of what a figure measures.
const STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "as",
    "and",
    "or",
    "its",
    "their",
    "his",
    "her",
    "our",
    "this",
    "that",
    "these",
    "those",
    "some",
    "about",
    "around",
    "nearly",
    "almost",
    "more",
    "than",
    "less",
    "over",
    "under",
    "up",
    "down",
    "roughly",
    "approximately",
    "just",
    "only",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "who",
    "which",
    "there",
    "it",
    "they",
    "across",
    "among",
    "per",
    "each",
    "all",
    "total",
    "current",
    "currently",
    "now",
    "new",
    "last",
    "year",
    "years",
    "month",
    "months",
    "week",
    "annual",
    "annually",
    "estimated",
    "actual",
    "official",
    "officially",
    "reported",
    "some",
    "other",
    "same",
];

/// Auxiliaries and light words of a predicate that say nothing of what is counted.
const PREDICATE_STOP: &[&str] = &[
    "have", "had", "has", "been", "being", "were", "was", "are", "is", "be", "will", "would",
    "could", "can", "may", "might", "still", "also", "now", "then", "not", "no", "all", "both",
    "so", "far", "least",
];

/// A verb without its ending, so that its forms compare ("live", "lives", "living",
/// "lived" → "liv").
fn verb_stem(w: &str) -> String {
    for suffix in ["ing", "ed", "es", "e", "s"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            if stem.len() >= 3 {
                return stem.to_string();
            }
        }
    }
    w.to_string()
}

/// Prepositions that attach a place or population to a noun phrase ("unemployment *in*
/// Ohio", "Azerbaijanis living *in* Russia", "turnout *among* women").
const PLACE_PREPS: &[&str] = &["in", "across", "among", "from", "of", "for", "on", "at"];

/// Nouns that refer back to a quantity named before ("the actual *figure*").
const ANAPHORS: &[&str] = &[
    "figure", "number", "total", "amount", "tally", "count", "estimate", "them", "it", "that",
    "those", "this", "these", "sum",
];

/// Populations a figure may be about: a figure for women is not one for everyone.
const POPULATIONS: &[&str] = &[
    "women",
    "woman",
    "men",
    "man",
    "children",
    "child",
    "adults",
    "adult",
    "teenagers",
    "teens",
    "youth",
    "young",
    "seniors",
    "elderly",
    "older",
    "veterans",
    "immigrants",
    "migrants",
    "students",
    "workers",
    "households",
    "families",
    "girls",
    "boys",
    "black",
    "white",
    "hispanic",
    "latino",
    "asian",
    "rural",
    "urban",
    "men's",
    "women's",
    "voters",
    "republicans",
    "democrats",
    "independents",
    "retirees",
    "farmers",
    "nurses",
    "teachers",
    "doctors",
    "patients",
    "residents",
    "citizens",
    "refugees",
    "infants",
    "babies",
    "smokers",
    "drivers",
    "renters",
    "homeowners",
];

/// Words after a figure that make it a change, not a level ("a 12% *rise*").
const RISE_NOUNS: &[&str] = &[
    "rise", "increase", "jump", "gain", "growth", "surge", "hike", "climb", "boost",
];
const FALL_NOUNS: &[&str] = &[
    "drop",
    "decline",
    "fall",
    "decrease",
    "cut",
    "reduction",
    "loss",
    "slump",
    "dip",
    "plunge",
];
/// Verbs before a figure that make it a change ("rose 12%", "fell by 3%"), unless "to"
/// follows them ("rose to 4.1%": a level).
const RISE_VERBS: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "risen",
    "grew",
    "grow",
    "grows",
    "grown",
    "increased",
    "increase",
    "increases",
    "climbed",
    "jumped",
    "surged",
    "gained",
    "up",
    "soared",
    "expanded",
    "raised",
    "boosted",
    "added",
];
const FALL_VERBS: &[&str] = &[
    "fell",
    "fall",
    "falls",
    "fallen",
    "dropped",
    "declined",
    "decreased",
    "down",
    "slipped",
    "shrank",
    "plunged",
    "lost",
    "cut",
    "slid",
    "tumbled",
    "contracted",
    "reduced",
];

/// Speech and reporting verbs are where a claim's source ends, never what it measures.
fn is_barrier(w: &str) -> bool {
    BARRIERS.contains(&w)
}

fn lower(w: &str) -> String {
    w.to_lowercase()
}

/// A word without its possessive ("city's" → "city").
fn bare(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix('\''))
        .or_else(|| w.strip_suffix('’'))
        .unwrap_or(w)
}

/// The lemma of a content word: lower case, singular, verbs of spending to their noun
/// ("repairs" → "repair", "economies" → "economy", "spent" → "spend").
pub fn lemma(w: &str) -> String {
    let w = lower(bare(w));
    match w.as_str() {
        "spent" | "spending" | "spends" => return "spend".into(),
        "people" | "persons" | "individuals" => return "people".into(),
        "tons" | "tonnes" | "ton" => return "tonne".into(),
        _ => {}
    }
    if let Some(stem) = w.strip_suffix("ies") {
        if w.len() > 4 {
            return format!("{stem}y");
        }
    }
    if w.ends_with("sses") || w.ends_with("ches") || w.ends_with("shes") || w.ends_with("xes") {
        return w[..w.len() - 2].to_string();
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return w[..w.len() - 1].to_string();
    }
    w
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_number_word(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
        || matches!(
            w.to_ascii_lowercase().as_str(),
            "million"
                | "billion"
                | "trillion"
                | "thousand"
                | "hundred"
                | "percent"
                | "per"
                | "cent"
                | "percentage"
                | "point"
                | "points"
                | "dollars"
                | "euros"
                | "pounds"
        )
}

/// The names of the months, January first, then of the weekdays: words of a date, never a
/// subject's name.
pub(crate) const CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A word that names a place, a group or an organisation the figure is about: a
/// capitalised word inside the sentence (or a possessive at its start), or a population.
fn qualifier(words: &[Word], i: usize) -> Option<String> {
    let w = words[i].text;
    let l = lower(bare(w));
    if POPULATIONS.contains(&l.as_str()) {
        return Some(lemma(&l));
    }
    if !is_capitalised(w) || CALENDAR_WORDS.contains(&l.as_str()) || is_number_word(w) {
        return None;
    }
    let possessive = bare(w).len() < w.len();
    let sentence_start = i == 0 || words[i].after_break && words[i - 1].text.ends_with('.');
    let next_capitalised = words.get(i + 1).is_some_and(|n| is_capitalised(n.text));
    if sentence_start && !possessive && !next_capitalised {
        return None;
    }
    Some(place_stem(&l))
}

/// Whether a word looks like the adjective of a place or a people ("German", "Chinese",
/// "British", "Israeli").
fn is_demonym(w: &str) -> bool {
    let l = lower(bare(w));
    ["an", "ese", "ish", "i", "ch"]
        .iter()
        .any(|s| l.ends_with(s))
        && l.len() > 4
}

/// Places and their adjectives compare by stem ("Russia", "Russian"; "Canada",
/// "Canadian"; "Azerbaijan", "Azerbaijanis").
fn place_stem(w: &str) -> String {
    let mut w = bare(w).to_lowercase();
    'strip: for _ in 0..3 {
        for suffix in [
            "ians", "ian", "ans", "an", "ia", "is", "ese", "ish", "a", "s", "i", "y",
        ] {
            if let Some(stem) = w.strip_suffix(suffix) {
                if stem.chars().count() >= 4 {
                    w = stem.to_string();
                    continue 'strip;
                }
            }
        }
        break;
    }
    w
}

/// The indices of the words a figure covers.
fn covered(words: &[Word], at: &Range<usize>) -> Range<usize> {
    let first = words.partition_point(|w| w.end <= at.start);
    let last = words.partition_point(|w| w.at < at.end);
    first..last.max(first)
}

/// What figure `f` of a claim measures.
fn subject_of(facts: &ClaimFacts, words: &[Word], f: &FigureFact) -> Subject {
    let text = facts.text.as_str();
    let inside = covered(words, &f.at);
    let in_other_figure = |i: usize| {
        facts
            .figures
            .iter()
            .any(|g| g.at.start <= words[i].at && words[i].end <= g.at.end)
            || facts
                .dates
                .iter()
                .any(|d| d.at.start <= words[i].at && words[i].end <= d.at.end)
    };
    let mut terms: Vec<String> = Vec::new();
    let mut qualifiers: Vec<String> = Vec::new();
    // The phrases that say what the figure measures, and the end of the part of each
    // that names the measured thing itself (the rest names its place: "living in Russia").
    let mut spans: Vec<(Range<usize>, usize)> = Vec::new();
    let mut predicate: Vec<String> = Vec::new();
    let push_term = |terms: &mut Vec<String>, w: &str| {
        let l = lemma(w);
        if !STOP.contains(&l.as_str()) && !is_number_word(w) && !terms.contains(&l) {
            terms.push(l);
        }
    };
    // What the figure counts, after it ("600,000 Azerbaijanis living in Russia").
    let mut counted = f.subject.clone().filter(|s| {
        let w = lower(&text[s.clone()]);
        !ANAPHORS.contains(&w.as_str())
    });
    // A money or unit figure measures what follows "in", "of", "on" or "for" ("$916
    // million on road repairs", "20% of the population"), when nothing comes before it.
    if counted.is_none() && inside.end < words.len() {
        let next = lower(words[inside.end].text);
        if matches!(next.as_str(), "of" | "on" | "for" | "in") {
            let from = inside.end + 1;
            let mut to = from;
            while to < words.len()
                && to < from + 4
                && !words[to].after_break
                && !is_barrier(&lower(words[to].text))
                && !is_number_word(words[to].text)
                && !CALENDAR_WORDS.contains(&lower(words[to].text).as_str())
            {
                to += 1;
            }
            let content = (from..to).any(|k| !STOP.contains(&lower(words[k].text).as_str()));
            if to > from && content {
                counted = Some(words[from].at..words[to - 1].end);
            }
        }
    }
    if let Some(s) = &counted {
        let mut end = s.end;
        // A participle or preposition carries its place: "living in Russia", "in Ohio".
        let mut k = words.partition_point(|w| w.at < s.end);
        if k < words.len() && !words[k].after_break {
            let w = lower(words[k].text);
            if w.ends_with("ing")
                || matches!(
                    w.as_str(),
                    "based"
                        | "born"
                        | "employed"
                        | "live"
                        | "lives"
                        | "lived"
                        | "reside"
                        | "resides"
                        | "work"
                        | "works"
                        | "worked"
                        | "were"
                        | "are"
                        | "was"
                        | "is"
                        | "remain"
                        | "remained"
                )
            {
                k += 1;
            }
            if k < words.len()
                && !words[k].after_break
                && PLACE_PREPS.contains(&lower(words[k].text).as_str())
            {
                let mut j = k + 1;
                if j < words.len() && lower(words[j].text) == "the" {
                    j += 1;
                }
                let from = j;
                while j < words.len()
                    && j < from + 3
                    && !words[j].after_break
                    && (is_capitalised(words[j].text)
                        || POPULATIONS.contains(&lower(words[j].text).as_str()))
                {
                    j += 1;
                }
                if j > from {
                    end = words[j - 1].end;
                }
            }
        }
        spans.push((s.start..end, s.end));
        // What the counted ones did or had done to them is part of what is counted
        // ("3,000 Americans *caught* in Iraq", "234 Americans *have flown in space*").
        let mut j = words.partition_point(|w| w.at < end);
        while j < words.len() && predicate.len() < 3 && !words[j].after_break {
            let l = lower(words[j].text);
            if is_barrier(&l)
                || is_number_word(words[j].text)
                || CALENDAR_WORDS.contains(&l.as_str())
            {
                break;
            }
            if !STOP.contains(&l.as_str()) && !PREDICATE_STOP.contains(&l.as_str()) {
                if let Some(q) = qualifier(words, j) {
                    if !qualifiers.contains(&q) {
                        qualifiers.push(q);
                    }
                } else {
                    predicate.push(verb_stem(&lemma(&l)));
                }
            }
            j += 1;
        }
    }
    // The noun phrase before the figure ("the city's road repair budget rose to"),
    // with the phrases its prepositions attach ("unemployment in Ohio was", "revenue at
    // the company reached"): groups of words, right to left.
    let mut before: Vec<Vec<usize>> = Vec::new();
    if counted.is_none() || f.unit.is_some() {
        let mut k = inside.start;
        let mut group: Vec<usize> = Vec::new();
        let mut taken = 0;
        let started =
            |before: &Vec<Vec<usize>>, group: &Vec<usize>| !group.is_empty() || !before.is_empty();
        while k > 0 && taken < 7 {
            let w = words[k - 1];
            let l = lower(w.text);
            let hit_break = words[k].after_break;
            if hit_break && (started(&before, &group) || k < inside.start) {
                break;
            }
            if is_barrier(&l) {
                break;
            }
            if !started(&before, &group) && (in_other_figure(k - 1) || LINKS.contains(&l.as_str()))
            {
                k -= 1;
                continue;
            }
            if l == "the" || l == "a" || l == "an" {
                // "revenue at the company": go on through the preposition.
                let prep = k >= 2 && PLACE_PREPS.contains(&lower(words[k - 2].text).as_str());
                if !prep || group.is_empty() {
                    break;
                }
                k -= 1;
                continue;
            }
            if PLACE_PREPS.contains(&l.as_str()) {
                if group.is_empty() {
                    break;
                }
                before.push(std::mem::take(&mut group));
                k -= 1;
                continue;
            }
            if in_other_figure(k - 1) {
                break;
            }
            group.push(k - 1);
            taken += 1;
            k -= 1;
        }
        if !group.is_empty() {
            before.push(group);
        }
        // A phrase after a preposition with nothing before it is no subject.
        if let Some(w) = before.last().and_then(|g| g.last()) {
            if *w > 0 && PLACE_PREPS.contains(&lower(words[w - 1].text).as_str()) {
                before.clear();
            }
        }
        if let (Some(s), Some(e)) = (
            before.last().and_then(|g| g.last()),
            before.first().and_then(|g| g.first()),
        ) {
            spans.push((words[*s].at..words[*e].end, words[*e].end));
        }
    }
    // A place the claim puts anything in ("killed in the blast in Kano", "the rally in
    // Belgrade") is where its figures are.
    for j in 1..words.len() {
        let prep = words[j - 1].text;
        if is_capitalised(words[j].text)
            && ["in", "across", "at", "from"]
                .iter()
                .any(|p| prep.eq_ignore_ascii_case(p))
            && !words[j].after_break
            && !CALENDAR_WORDS.contains(&lower(words[j].text).as_str())
            && !is_number_word(words[j].text)
            && !facts
                .dates
                .iter()
                .any(|d| d.at.start <= words[j].at && words[j].end <= d.at.end)
        {
            let q = place_stem(words[j].text);
            if !qualifiers.contains(&q) {
                qualifiers.push(q);
            }
        }
    }
    // A claim that opens on a place ("In Ohio, unemployment ...") is about it.
    if words.len() > 2 && lower(words[0].text) == "in" && is_capitalised(words[1].text) {
        let mut j = 1;
        while j < words.len() && is_capitalised(words[j].text) && !words[j].after_break {
            if let Some(q) = qualifier(words, j) {
                if !qualifiers.contains(&q) {
                    qualifiers.push(q);
                }
            }
            j += 1;
        }
    }
    // Terms nearest the figure first: the counted thing, else the head of the phrase
    // before the figure (the last word of its leftmost group), then the rest.
    // (word, whether it names the counted thing itself)
    let mut ordered: Vec<(usize, bool)> = Vec::new();
    // The head of a counted phrase is its last word before "of" ("American
    // *presidents*", "*heads* of state").
    for (s, thing_end) in spans.iter().filter(|(s, _)| s.start >= f.at.end) {
        let r: Vec<usize> = covered(words, &(s.start..*thing_end)).collect();
        let of = r
            .iter()
            .position(|&i| lower(words[i].text) == "of")
            .unwrap_or(r.len());
        ordered.extend(r[..of].iter().rev().map(|&i| (i, true)));
        ordered.extend(r[of..].iter().map(|&i| (i, true)));
        ordered.extend(covered(words, &(*thing_end..s.end)).map(|i| (i, false)));
    }
    for g in before.iter().rev() {
        ordered.extend(g.iter().map(|&i| (i, false)));
    }
    let head_group: Vec<usize> = before.last().cloned().unwrap_or_default();
    for &(i, counted_thing) in &ordered {
        let in_thing_or_before = counted_thing || words[i].end <= f.at.start;
        // A proper adjective modifying the head is a place even at the start of the
        // sentence ("German exports").
        let modifier = head_group.first().is_some_and(|&h| h != i) && head_group.contains(&i);
        let q = qualifier(words, i).or_else(|| {
            (modifier && is_capitalised(words[i].text) && is_demonym(words[i].text))
                .then(|| place_stem(words[i].text))
        });
        if let Some(q) = q {
            if !qualifiers.contains(&q) {
                qualifiers.push(q);
            }
            if !counted_thing && !POPULATIONS.contains(&lower(bare(words[i].text)).as_str()) {
                continue;
            }
        }
        if !in_thing_or_before
            || in_other_figure(i)
            || CALENDAR_WORDS.contains(&lower(words[i].text).as_str())
        {
            continue;
        }
        push_term(&mut terms, words[i].text);
    }
    for p in predicate {
        if !terms.contains(&p) {
            terms.push(p);
        }
    }
    let phrase = spans
        .iter()
        .map(|(s, _)| text[s.clone()].trim())
        .collect::<Vec<_>>()
        .join(" … ");
    let refers_back = terms.is_empty()
        || terms
            .iter()
            .all(|t| ANAPHORS.contains(&t.as_str()) || t == "actual");
    if refers_back {
        if let Some(prev) = &facts.previous {
            let mut s = prev.clone();
            for q in qualifiers {
                if !s.qualifiers.contains(&q) {
                    s.qualifiers.push(q);
                }
            }
            return s;
        }
    }
    qualifiers.sort();
    Subject {
        phrase,
        terms,
        qualifiers,
    }
}

/// Whether figure `f` states a change, and which way, or a level.
fn role_of(words: &[Word], f: &FigureFact) -> Role {
    let inside = covered(words, &f.at);
    if let Some(next) = words.get(inside.end) {
        let n = lower(next.text);
        if RISE_NOUNS.contains(&n.as_str()) {
            return Role::Rise;
        }
        if FALL_NOUNS.contains(&n.as_str()) {
            return Role::Fall;
        }
    }
    // "rose 12%", "rose by 12%", "fell by about 3%"; not "rose to 4.1%".
    let mut k = inside.start;
    let mut steps = 0;
    while k > 0 && steps < 3 {
        let l = lower(words[k - 1].text);
        if l == "to" || l == "from" || words[k].after_break {
            return Role::Level;
        }
        if RISE_VERBS.contains(&l.as_str()) {
            return Role::Rise;
        }
        if FALL_VERBS.contains(&l.as_str()) {
            return Role::Fall;
        }
        if !matches!(
            l.as_str(),
            "by" | "about"
                | "around"
                | "nearly"
                | "almost"
                | "some"
                | "roughly"
                | "more"
                | "than"
                | "over"
                | "just"
                | "an"
                | "a"
                | "estimated"
                | "approximately"
        ) {
            return Role::Level;
        }
        k -= 1;
        steps += 1;
    }
    Role::Level
}

/// The unit of a figure as keys compare it.
fn unit_of(f: &FigureFact) -> String {
    match f.unit.as_deref() {
        None => "count".into(),
        Some(u) => lemma(u),
    }
}

fn days(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// The days a TIMEX3 date value covers ("2020", "2020-06", "2020-06-27", "2020-Q1",
/// "202" for the 2020s, "2020-SU"); `None` for what is not a calendar date.
pub fn timex_period(value: &str) -> Option<(i32, i32)> {
    let digits = |s: &str| s.len() >= 3 && s.bytes().all(|b| b.is_ascii_digit());
    let mut parts = value.split('-');
    let y = parts.next()?;
    if !digits(y) {
        return None;
    }
    if y.len() == 3 {
        let decade: i32 = y.parse().ok()?;
        let first = NaiveDate::from_ymd_opt(decade * 10, 1, 1)?;
        let last = NaiveDate::from_ymd_opt(decade * 10 + 9, 12, 31)?;
        return Some((days(first), days(last)));
    }
    if y.len() != 4 {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let whole = |y: i32| -> Option<(i32, i32)> {
        Some((
            days(NaiveDate::from_ymd_opt(y, 1, 1)?),
            days(NaiveDate::from_ymd_opt(y, 12, 31)?),
        ))
    };
    let Some(second) = parts.next() else {
        return whole(year);
    };
    let months = |a: u32, b: u32| -> Option<(i32, i32)> {
        let first = NaiveDate::from_ymd_opt(year, a, 1)?;
        let next = if b == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, b + 1, 1)?
        };
        Some((days(first), days(next) - 1))
    };
    match second {
        "Q1" => months(1, 3),
        "Q2" => months(4, 6),
        "Q3" => months(7, 9),
        "Q4" => months(10, 12),
        "H1" => months(1, 6),
        "H2" => months(7, 12),
        "SP" => months(3, 5),
        "SU" => months(6, 8),
        "FA" => months(9, 11),
        "WI" => months(12, 12),
        m if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
            let month: u32 = m.parse().ok()?;
            match parts.next() {
                Some(d) if d.len() >= 2 && d[..2].bytes().all(|b| b.is_ascii_digit()) => {
                    let day: u32 = d[..2].parse().ok()?;
                    let date = NaiveDate::from_ymd_opt(year, month, day)?;
                    Some((days(date), days(date)))
                }
                _ => months(month, month),
            }
        }
        _ => whole(year),
    }
}

/// The time figure `f` refers to: the date nearest to it in the claim (a date after
/// "from"/"since" counts like any other), else the year up to the publication.
fn period_of(facts: &ClaimFacts, f: &FigureFact) -> Option<Period> {
    let nearest = facts
        .dates
        .iter()
        .filter_map(|d| timex_period(&d.value).map(|p| (d, p)))
        .min_by_key(|(d, _)| {
            if d.at.start >= f.at.end {
                d.at.start - f.at.end
            } else {
                // A date before the figure is a little further than one after it at
                // the same distance ("rose to $3.6 billion in 2024").
                f.at.start.saturating_sub(d.at.end) + 2
            }
        });
    if let Some((_, (first, last))) = nearest {
        return Some(Period {
            first,
            last,
            stated: true,
        });
    }
    let p = facts.published?;
    Some(Period {
        first: days(p) - 365,
        last: days(p),
        stated: false,
    })
}

/// How many units a figure's last written digit stands for: half of it is the
/// figure's precision ("610,000": 10,000; "4.1": 0.1).
fn last_digit_unit(v: &Decimal) -> f64 {
    let s = v.to_string();
    let s = s.trim_start_matches('-');
    if let Some((_, frac)) = s.split_once('.') {
        return 10f64.powi(-(frac.len() as i32));
    }
    let zeros = s.bytes().rev().take_while(|&b| b == b'0').count();
    if zeros == s.len() {
        return 1.0;
    }
    10f64.powi(zeros as i32)
}

fn to_f64(v: &Decimal) -> Option<f64> {
    v.to_string().parse::<f64>().ok().filter(|x| x.is_finite())
}

/// The interval a figure allows. Its precision is half its last written digit, at most
/// 2% of it ("600,000" is 588,000 to 612,000); "about" widens it by 10%; bounds ("more
/// than", "up to") leave one side open; a vague figure ("thousands") allows anything.
fn amount_of(f: &FigureFact, role: Role) -> Option<Amount> {
    let modifier = f.modifier.map(|m| m.as_str().to_string());
    let sign = if role == Role::Fall { -1.0 } else { 1.0 };
    let (lo, hi, shown) = match (&f.value, &f.low, &f.high) {
        (Some(v), _, _) => (v, v, v.to_string()),
        (None, Some(l), Some(h)) => (l, h, format!("{l}..{h}")),
        (None, Some(l), None) => (l, l, format!(">={l}")),
        (None, None, Some(h)) => (h, h, format!("<={h}")),
        (None, None, None) => return None,
    };
    let (lo_v, hi_v) = (to_f64(lo)?, to_f64(hi)?);
    let tol = |x: f64, d: &Decimal| (last_digit_unit(d) / 2.0).min(x.abs() * 0.02);
    let mut low = lo_v - tol(lo_v, lo);
    let mut high = hi_v + tol(hi_v, hi);
    let middle = (lo_v + hi_v) / 2.0;
    let (mut open_low, mut open_high) = (false, false);
    match f.modifier {
        Some(FigureMod::Approx) => {
            low -= lo_v.abs() * 0.1;
            high += hi_v.abs() * 0.1;
        }
        Some(FigureMod::MoreThan | FigureMod::EqualOrMore) => open_high = true,
        Some(FigureMod::LessThan | FigureMod::EqualOrLess) => open_low = true,
        Some(FigureMod::Vague) => {
            open_low = true;
            open_high = true;
        }
        None => {}
    }
    if f.value.is_none() && f.low.is_some() && f.high.is_none() {
        open_high = true;
    }
    if f.value.is_none() && f.low.is_none() && f.high.is_some() {
        open_low = true;
    }
    let (low, high) = if sign < 0.0 {
        ((!open_high).then_some(-high), (!open_low).then_some(-low))
    } else {
        ((!open_low).then_some(low), (!open_high).then_some(high))
    };
    Some(Amount {
        low,
        high,
        middle: sign * middle,
        shown: if sign < 0.0 {
            format!("-{shown}")
        } else {
            shown
        },
        modifier,
    })
}

/// The quantity keys of a claim: one for each figure with a value.
pub fn keys(facts: &ClaimFacts) -> Vec<QuantityKey> {
    let words = words(&facts.text);
    facts
        .figures
        .iter()
        .filter_map(|f| {
            let role = role_of(&words, f);
            let amount = amount_of(f, role)?;
            Some(QuantityKey {
                subject: subject_of(facts, &words, f),
                unit: unit_of(f),
                role,
                period: period_of(facts, f),
                amount,
            })
        })
        .collect()
}

/// How alike two subjects are, 0 to 1: the share of the shorter one's terms that the
/// other has, with the heads (the words nearest the figures) counting double.
fn subject_similarity(a: &Subject, b: &Subject) -> f64 {
    if a.terms.is_empty() || b.terms.is_empty() {
        return 0.0;
    }
    let weight = |_: &Subject, i: usize| if i == 0 { 2.0 } else { 1.0 };
    let shared = |x: &Subject, y: &Subject| -> f64 {
        x.terms
            .iter()
            .enumerate()
            .filter(|(_, t)| y.terms.contains(t))
            .map(|(i, _)| weight(x, i))
            .sum()
    };
    let total = |x: &Subject| -> f64 { (0..x.terms.len()).map(|i| weight(x, i)).sum() };
    let ab = shared(a, b) / total(a);
    let ba = shared(b, a) / total(b);
    ab.max(ba).min(1.0) * 0.5 + ab.min(ba) * 0.5
}

/// The share of its terms that each subject finds in the other, the lower of the two
/// (heads count double).
fn coverage(a: &Subject, b: &Subject) -> f64 {
    let weight = |i: usize| if i == 0 { 2.0 } else { 1.0 };
    let part = |x: &Subject, y: &Subject| -> f64 {
        let total: f64 = (0..x.terms.len()).map(weight).sum();
        let shared: f64 = x
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| y.terms.contains(t))
            .map(|(i, _)| weight(i))
            .sum();
        if total > 0.0 {
            shared / total
        } else {
            0.0
        }
    };
    part(a, b).min(part(b, a))
}

/// Whether the places and populations of two subjects agree: `Some(true)` when they
/// name the same ones, `Some(false)` when each names one the other lacks (Ohio and
/// Michigan, women and men), `None` when one names some the other does not mention.
fn qualifiers_agree(a: &Subject, b: &Subject) -> Option<bool> {
    let only_a = a.qualifiers.iter().any(|q| !b.qualifiers.contains(q));
    let only_b = b.qualifiers.iter().any(|q| !a.qualifiers.contains(q));
    match (only_a, only_b) {
        (false, false) => Some(true),
        (true, true) => Some(false),
        _ => None,
    }
}

fn overlaps(a: &Amount, b: &Amount) -> bool {
    let below = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(hi), Some(lo)) => hi < lo,
        _ => false,
    };
    !below(a.high, b.low) && !below(b.high, a.low)
}

fn bounded(a: &Amount) -> bool {
    a.low.is_some() && a.high.is_some()
}

/// A value as a desk reads it: "600,000 APPROX", "3.6 billion", "3..5".
fn shown(a: &Amount) -> String {
    let mut s = group_thousands(&a.shown);
    if let Some(m) = &a.modifier {
        s.push(' ');
        s.push_str(m);
    }
    s
}

fn group_thousands(s: &str) -> String {
    let grouped = |n: &str| -> String {
        let (sign, digits) = n.strip_prefix('-').map_or(("", n), |d| ("-", d));
        let (int, frac) = digits
            .split_once('.')
            .map_or((digits, None), |(i, f)| (i, Some(f)));
        if !int.bytes().all(|b| b.is_ascii_digit()) {
            return n.to_string();
        }
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        match frac {
            Some(f) => format!("{sign}{out}.{f}"),
            None => format!("{sign}{out}"),
        }
    };
    let (prefix, rest) = if let Some(r) = s.strip_prefix(">=") {
        (">=", r)
    } else if let Some(r) = s.strip_prefix("<=") {
        ("<=", r)
    } else {
        ("", s)
    };
    let body = rest.split("..").map(grouped).collect::<Vec<_>>().join("..");
    format!("{prefix}{body}")
}

fn year_of(day: i32) -> i32 {
    NaiveDate::from_num_days_from_ce_opt(day).map_or(0, |d| d.year())
}

fn period_words(p: &Period) -> String {
    let day = |d: i32| NaiveDate::from_num_days_from_ce_opt(d);
    if p.stated && p.last - p.first < 31 {
        if let (Some(a), Some(b)) = (day(p.first), day(p.last)) {
            return if a == b {
                a.to_string()
            } else if a.day() == 1 && a.month() == b.month() && a.year() == b.year() {
                a.format("%Y-%m").to_string()
            } else {
                format!("{a}–{b}")
            };
        }
    }
    let (a, b) = (year_of(p.first), year_of(p.last));
    let span = if a == b {
        a.to_string()
    } else {
        format!("{a}–{b}")
    };
    if p.stated {
        span
    } else {
        format!("published {}", year_of(p.last))
    }
}

/// How a pair of keys relates, if they measure the same thing.
fn compare_keys(a: &QuantityKey, b: &QuantityKey) -> Option<Match> {
    // A rise and a fall of one quantity are compared (their values have signs); a
    // change and a level are different quantities.
    if a.unit != b.unit || (a.role == Role::Level) != (b.role == Role::Level) {
        return None;
    }
    let similarity = subject_similarity(&a.subject, &b.subject);
    // The head (the word nearest each figure) must be shared, or most of the words.
    let head_shared = a
        .subject
        .terms
        .first()
        .is_some_and(|h| b.subject.terms.contains(h))
        || b.subject
            .terms
            .first()
            .is_some_and(|h| a.subject.terms.contains(h));
    if !(head_shared && similarity >= 0.5 || similarity >= 0.75) {
        return None;
    }
    let places = qualifiers_agree(&a.subject, &b.subject);
    if places == Some(false) {
        return None;
    }
    // "The company" or "the city" of one article is not that of another: only a place,
    // group or organisation both name makes two figures one quantity for sure.
    let named = a
        .subject
        .qualifiers
        .iter()
        .any(|q| b.subject.qualifiers.contains(q));
    let same_time = match (a.period, b.period) {
        (Some(x), Some(y)) => {
            // A day named relative to the publication ("on Saturday") may be a day
            // off between two reports of one event.
            let slack = |p: Period| if p.last - p.first < 7 { 1 } else { 0 };
            let (sx, sy) = (slack(x), slack(y));
            x.first - sx <= y.last + sy && y.first - sy <= x.last + sx
        }
        _ => true,
    };
    let subject = if a.subject.phrase.len() >= b.subject.phrase.len() {
        &a.subject.phrase
    } else {
        &b.subject.phrase
    };
    let role = match a.role {
        Role::Level => "",
        Role::Rise | Role::Fall => " (change)",
    };
    // The reason's words are made only for a relation found.
    let head = || format!("same subject '{subject}', unit {}{role}", a.unit);
    let values = || format!("{} vs {}", shown(&a.amount), shown(&b.amount));
    if !same_time {
        // Another time of the same quantity: only when the subjects are clearly one.
        let (Some(x), Some(y)) = (a.period, b.period) else {
            return None;
        };
        if similarity < 0.75 || !(named || a.subject.terms == b.subject.terms) {
            return None;
        }
        return Some(Match {
            relation: Relation::Related,
            reason: format!(
                "{}, different time ({} vs {}): {}",
                head(),
                period_words(&x),
                period_words(&y),
                values()
            ),
            score: similarity * 0.8,
        });
    }
    // Values that differ are a conflict only for one moment: a time the claims state, or,
    // for a figure without one, the month before publication (this week's share price
    // and last quarter's are both "now" in their articles).
    // Without any time (no date in the claim, no publication date) there is no moment.
    let same_moment = match (a.period, b.period) {
        (Some(x), Some(y)) => {
            let narrow = |p: Period| {
                if p.stated {
                    p
                } else {
                    Period {
                        first: p.last - 31,
                        ..p
                    }
                }
            };
            let (x, y) = (narrow(x), narrow(y));
            let slack = |p: Period| if p.last - p.first < 7 { 1 } else { 0 };
            let (sx, sy) = (slack(x), slack(y));
            x.first - sx <= y.last + sy && y.first - sy <= x.last + sx
        }
        _ => false,
    };
    if overlaps(&a.amount, &b.amount) {
        let exact = a.amount.shown == b.amount.shown && a.amount.modifier == b.amount.modifier;
        if !(bounded(&a.amount) && bounded(&b.amount) || exact) {
            // Bounds ("more than", "thousands") agree with much: no repeat.
            return None;
        }
        let how = if exact {
            "same value"
        } else {
            "compatible values"
        };
        return Some(Match {
            relation: Relation::Repeat,
            reason: format!("{}, {}: {how}", head(), values()),
            score: similarity * if places == Some(true) { 1.0 } else { 0.8 },
        });
    }
    // Values apart: a conflict only when both are about the same places and groups, at
    // one moment, and each subject is mostly the other's ("doctors who signed the
    // letter" are not a region's doctors).
    if places != Some(true) || !named || !same_moment || coverage(&a.subject, &b.subject) < 0.6 {
        return None;
    }
    let (x, y) = (a.amount.middle.abs(), b.amount.middle.abs());
    let ratio = if x.min(y) > 0.0 {
        format!("ratio {:.1}", x.max(y) / x.min(y))
    } else {
        "one is zero".into()
    };
    let direction = if a.amount.middle.signum() != b.amount.middle.signum() {
        "opposite directions".to_string()
    } else {
        ratio
    };
    Some(Match {
        relation: Relation::Conflict,
        reason: format!("{}, {}: {direction}", head(), values()),
        score: similarity,
    })
}

/// One side of a comparison: a claim's text and its quantity keys.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub text: &'a str,
    pub keys: &'a [QuantityKey],
}

/// The similarity of wording at or above which two claims repeat each other (Sørensen–
/// Dice on character bigrams of the lower-cased texts, 0 to 1).
pub const SAME_WORDING: f64 = 0.8;

/// The numbers written in a text, in order: claims worded alike but with other numbers
/// are not the same claim.
fn numbers(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_digit()))
        .filter(|w| !w.is_empty())
        .collect()
}

/// How two claims relate, if at all: the strongest relation between any two of their
/// figures (a conflict before a repeat before a related figure), else a repeat by
/// wording.
pub fn classify(a: Side, b: Side) -> Option<Match> {
    let mut best: Option<Match> = None;
    for ka in a.keys {
        for kb in b.keys {
            let Some(m) = compare_keys(ka, kb) else {
                continue;
            };
            let better = best.as_ref().is_none_or(|cur| {
                (m.relation, m.score) > (cur.relation, cur.score)
                    && (m.relation != cur.relation || m.score > cur.score)
            });
            if better {
                best = Some(m);
            }
        }
    }
    if best
        .as_ref()
        .is_some_and(|m| m.relation != Relation::Related)
    {
        return best;
    }
    // Texts whose lengths differ by more than this cannot reach the threshold (their
    // bigram counts alone bound the Sørensen–Dice coefficient): no need to compare.
    let (la, lb) = (a.text.len() as f64, b.text.len() as f64);
    if la.min(lb) < la.max(lb) * SAME_WORDING / (2.0 - SAME_WORDING) * 0.95 {
        return best;
    }
    let (x, y) = (a.text.trim().to_lowercase(), b.text.trim().to_lowercase());
    if numbers(&x) == numbers(&y) {
        let similarity = strsim::sorensen_dice(&x, &y);
        if similarity >= SAME_WORDING {
            return Some(Match {
                relation: Relation::Repeat,
                reason: format!("same wording (similarity {similarity:.2})"),
                score: similarity,
            });
        }
    }
    best
}

/// The words of a claim worth indexing for a full-text search of its repeats: lower
/// case, no function words, at most `limit`, longest first.
pub fn search_terms(text: &str, limit: usize) -> Vec<String> {
    let mut out: Vec<String> = words(text)
        .into_iter()
        .map(|w| w.text.to_lowercase())
        .filter(|w| {
            w.len() > 2
                && w.chars().all(char::is_alphanumeric)
                && !STOP.contains(&w.as_str())
                && !BARRIERS.contains(&w.as_str())
        })
        .collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    out.dedup();
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(
        text: &str,
        figure: &str,
        value: &str,
        unit: Option<&str>,
        m: Option<FigureMod>,
    ) -> FigureFact {
        let at = text.find(figure).expect("figure in text");
        FigureFact {
            at: at..at + figure.len(),
            value: Some(value.parse().expect("decimal")),
            low: None,
            high: None,
            unit: unit.map(str::to_string),
            modifier: m,
            subject: None,
        }
    }

    fn date(text: &str, date: &str, value: &str) -> DateFact {
        let at = text.find(date).expect("date in text");
        DateFact {
            at: at..at + date.len(),
            value: value.into(),
        }
    }

    fn with_subject(mut f: FigureFact, text: &str, subject: &str) -> FigureFact {
        let at = text.find(subject).expect("subject in text");
        f.subject = Some(at..at + subject.len());
        f
    }

    fn facts(text: &str, figures: Vec<FigureFact>, dates: Vec<DateFact>) -> ClaimFacts {
        ClaimFacts {
            text: text.into(),
            figures,
            dates,
            published: NaiveDate::from_ymd_opt(2025, 7, 10),
            previous: None,
        }
    }

    fn relate(a: &ClaimFacts, b: &ClaimFacts) -> Option<Match> {
        let (ka, kb) = (keys(a), keys(b));
        classify(
            Side {
                text: &a.text,
                keys: &ka,
            },
            Side {
                text: &b.text,
                keys: &kb,
            },
        )
    }

    fn census() -> ClaimFacts {
        let t = "According to the 2010 and 2020 censuses, there were about 600,000 Azerbaijanis living in Russia.";
        facts(
            t,
            vec![with_subject(
                fig(t, "600,000", "600000", None, Some(FigureMod::Approx)),
                t,
                "Azerbaijanis",
            )],
            vec![date(t, "2020", "2020")],
        )
    }

    #[test]
    fn about_600_000_azerbaijanis_living_in_russia_is_the_subject() {
        let k = keys(&census());
        assert_eq!(k.len(), 1);
        assert_eq!(k[0].subject.phrase, "Azerbaijanis living in Russia");
        assert_eq!(k[0].subject.terms[0], "azerbaijani");
        assert!(k[0].subject.qualifiers.contains(&place_stem("Russian")));
        assert_eq!(place_stem("Azerbaijan"), place_stem("Azerbaijanis"));
        assert_eq!(place_stem("Germany"), place_stem("German"));
        assert_eq!(k[0].unit, "count");
    }

    #[test]
    fn the_actual_figure_was_closer_to_2_million_conflicts_with_the_census() {
        let census = census();
        let prev = keys(&census)[0].subject.clone();
        let t = "Vladimir Putin claimed in 2020 that the actual figure was closer to 2 million.";
        let putin = ClaimFacts {
            previous: Some(prev),
            ..facts(
                t,
                vec![fig(
                    t,
                    "2 million",
                    "2000000",
                    None,
                    Some(FigureMod::Approx),
                )],
                vec![date(t, "2020", "2020")],
            )
        };
        let m = relate(&census, &putin).expect("a relation");
        assert_eq!(m.relation, Relation::Conflict);
        assert_eq!(
            m.reason,
            "same subject 'Azerbaijanis living in Russia', unit count, 600,000 APPROX vs 2,000,000 APPROX: ratio 3.3"
        );
    }

    #[test]
    fn about_600_000_and_nearly_610_000_are_compatible() {
        let t = "Nearly 610,000 Azerbaijanis live in Russia, the 2020 census found.";
        let other = facts(
            t,
            vec![with_subject(
                fig(t, "610,000", "610000", None, Some(FigureMod::Approx)),
                t,
                "Azerbaijanis",
            )],
            vec![date(t, "2020", "2020")],
        );
        let m = relate(&census(), &other).expect("a relation");
        assert_eq!(m.relation, Relation::Repeat, "{}", m.reason);
    }

    #[test]
    fn unemployment_in_ohio_and_in_michigan_are_different_places() {
        let a = "Unemployment in Ohio was 4.1% in March.";
        let b = "Unemployment in Michigan was 4.6% in March.";
        let fa = facts(
            a,
            vec![fig(a, "4.1%", "4.1", Some("percent"), None)],
            vec![date(a, "March", "2025-03")],
        );
        let fb = facts(
            b,
            vec![fig(b, "4.6%", "4.6", Some("percent"), None)],
            vec![date(b, "March", "2025-03")],
        );
        assert_eq!(relate(&fa, &fb), None);
    }

    #[test]
    fn unemployment_rose_2_points_is_not_2_percent() {
        let a = "Unemployment rose 2 percentage points in 2024.";
        let b = "Unemployment rose 2% in 2024.";
        let fa = facts(
            a,
            vec![fig(
                a,
                "2 percentage points",
                "2",
                Some("percentage point"),
                None,
            )],
            vec![date(a, "2024", "2024")],
        );
        let fb = facts(
            b,
            vec![fig(b, "2%", "2", Some("percent"), None)],
            vec![date(b, "2024", "2024")],
        );
        assert_eq!(relate(&fa, &fb), None);
    }

    #[test]
    fn exports_rose_12_percent_and_fell_12_percent_conflict() {
        let a = "German exports rose 12% in 2024.";
        let b = "German exports fell 12% in 2024.";
        let fa = facts(
            a,
            vec![fig(a, "12%", "12", Some("percent"), None)],
            vec![date(a, "2024", "2024")],
        );
        let fb = facts(
            b,
            vec![fig(b, "12%", "12", Some("percent"), None)],
            vec![date(b, "2024", "2024")],
        );
        let m = relate(&fa, &fb).expect("a conflict");
        assert_eq!(m.relation, Relation::Conflict);
        assert!(
            m.reason.ends_with("12 vs -12: opposite directions"),
            "{}",
            m.reason
        );
    }

    #[test]
    fn the_road_budget_in_2023_and_in_2024_are_related() {
        let a = "The city's road repair budget was $916 million in 2023.";
        let b = "The city's road repair budget was $1.1 billion in 2024.";
        let fa = facts(
            a,
            vec![fig(a, "$916 million", "916000000", Some("USD"), None)],
            vec![date(a, "2023", "2023")],
        );
        let fb = facts(
            b,
            vec![fig(b, "$1.1 billion", "1100000000", Some("USD"), None)],
            vec![date(b, "2024", "2024")],
        );
        let m = relate(&fa, &fb).expect("related");
        assert_eq!(m.relation, Relation::Related, "{}", m.reason);
    }

    #[test]
    fn timex_periods_of_a_year_a_month_a_quarter_and_a_decade() {
        let (a, b) = timex_period("2020").unwrap();
        assert_eq!(b - a, 365);
        let (a, b) = timex_period("2025-02").unwrap();
        assert_eq!(b - a, 27);
        let (a, b) = timex_period("2025-Q1").unwrap();
        assert_eq!(b - a, 89);
        assert!(timex_period("202").is_some());
        assert_eq!(timex_period("PRESENT_REF"), None);
        assert_eq!(timex_period("XXXX-12-25"), None);
    }

    #[test]
    fn same_wording_with_other_numbers_is_no_repeat() {
        let a = Side {
            text: "The ministry said 41 schools were closed on Monday.",
            keys: &[],
        };
        let b = Side {
            text: "The ministry said 14 schools were closed on Monday.",
            keys: &[],
        };
        assert_eq!(classify(a, b), None);
        let c = Side {
            text: "The ministry said that 41 schools were closed on Monday.",
            keys: &[],
        };
        assert_eq!(classify(a, c).map(|m| m.relation), Some(Relation::Repeat));
    }
}
