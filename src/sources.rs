//! The source registry of one document: canonical sources, their aliases, and the
//! coreference that links attributions ("he said", "the minister added") to them.
//!
//! Named sources merge when [`same_source`] says so: equal after titles and articles
//! are dropped, or a surname alone against a full name ("Aliyev" and "Ilham Aliyev");
//! two full names with different first names never merge ("Nurlan Aliyev" is not
//! "Ilham Aliyev"). A pronoun ("he", "they") or a definite description ("the
//! minister") resolves to the nearest compatible named source in the same or the
//! previous paragraph, and otherwise stays unresolved (`source_id` None): it is never
//! guessed across a longer distance.

use strsim::jaro_winkler;

use crate::recognize::attribution::PERSON_TITLES;
use crate::recognize::{Mention, Payload, SourceKind};
use crate::segment::Segmentation;
use crate::span::Span;

/// One source as the document names it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocSource {
    /// Canonical name: the longest name form seen ("Ilham Aliyev").
    pub name: String,
    pub kind: SourceKind,
    /// A title or role seen with the name ("President").
    pub role: Option<String>,
    /// Every distinct form used in the document, canonical name first. Pronouns and
    /// descriptions ("he", "the minister") resolve to a source but are not its aliases.
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocSources {
    pub sources: Vec<DocSource>,
}

/// How a source span refers to its source.
enum Reference {
    /// "he", "she": a person.
    Personal,
    /// "they", "it": anything but a single person for "it".
    Impersonal { plural: bool },
    /// "the minister": a role word to find among earlier sources' roles.
    Description(String),
    /// "the computer maker", "The Wilmington, Del., company": an organisation described
    /// by what it is, to find among the organisations the article has named.
    Organisation,
    /// A name or a noun phrase that stands on its own.
    Named(String),
}

/// What may lead a name besides [`PERSON_TITLES`]: articles and honorifics.
const NAME_LEADS: &[&str] = &["prof", "the", "a", "an", "sir", "lord", "lady"];

/// Whether a lower-case word is a title or a leading word of a name.
fn is_title(w: &str) -> bool {
    PERSON_TITLES.contains(&w) || NAME_LEADS.contains(&w)
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
}

/// Lower-cased words of a name without leading titles and articles, and without a
/// possessive ending.
fn name_words(s: &str) -> Vec<String> {
    // `words` splits at every '.', so a word never ends with one; leading titles are
    // skipped before any word is copied.
    let mut out = Vec::new();
    let mut lead = true;
    for w in words(s) {
        let w = w
            .strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .unwrap_or(w);
        if w.is_ascii() {
            if lead && is_title(&w.to_ascii_lowercase()) {
                continue;
            }
            out.push(w.to_ascii_lowercase());
        } else {
            let lower = w.to_lowercase();
            if lead && is_title(&lower) {
                continue;
            }
            out.push(lower);
        }
        lead = false;
    }
    out
}

fn same_word(a: &str, b: &str) -> bool {
    a == b || (a.chars().count() >= 5 && jaro_winkler(a, b) >= 0.94)
}

/// Whether two canonical names denote the same source across documents.
pub fn same_source(a: &str, b: &str) -> bool {
    same_words(&name_words(a), &name_words(b))
}

/// The corpus-wide registry in memory: canonical names with their normalised words,
/// blocked by the first letter of the last word (every merge rule of [`same_source`]
/// compares last words, and a surname spelled alike starts alike), so that finding a
/// name compares it with a few entries instead of all of them.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// (id, name words, is a person).
    entries: Vec<(i64, Vec<String>, bool)>,
    blocks: std::collections::HashMap<char, Vec<usize>>,
    /// The largest id added, so a caller can load only newer entries.
    pub max_id: i64,
}

impl Registry {
    fn block(words: &[String]) -> Option<char> {
        words.last().and_then(|w| w.chars().next())
    }

    /// Adds an entry. A generic name ([`is_generic`]) is remembered as the largest id
    /// but never matched.
    pub fn add(&mut self, id: i64, name: &str, kind: SourceKind) {
        self.max_id = self.max_id.max(id);
        if is_generic(name) {
            return;
        }
        let words = name_words(name);
        if let Some(b) = Self::block(&words) {
            self.blocks.entry(b).or_default().push(self.entries.len());
        }
        self.entries.push((id, words, kind == SourceKind::Person));
    }

    /// The id of the first entry that denotes the same source as `name`: equal words,
    /// or, between two persons, the rules of [`same_source`] (a surname alone against a
    /// full name). Organisations that share a head noun ("ABC poll", "Ipsos poll") and
    /// generic names never match.
    pub fn find(&self, name: &str, kind: SourceKind) -> Option<i64> {
        if is_generic(name) {
            return None;
        }
        let words = name_words(name);
        let person = kind == SourceKind::Person;
        let block = self.blocks.get(&Self::block(&words)?)?;
        block
            .iter()
            .map(|&i| &self.entries[i])
            .find(|(_, w, p)| {
                if person && *p {
                    same_words(w, &words)
                } else {
                    *w == words
                }
            })
            .map(|(id, _, _)| *id)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Heads that name a class of speakers or a kind of document, not one entity.
const GENERIC_HEADS: &[&str] = &[
    "poll",
    "polls",
    "survey",
    "surveys",
    "study",
    "studies",
    "report",
    "reports",
    "researchers",
    "officials",
    "official",
    "analysts",
    "analyst",
    "experts",
    "critics",
    "police",
    "authorities",
    "sources",
    "source",
    "data",
    "figures",
    "statistics",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aides",
    "advocates",
    "democrats",
    "republicans",
    "lawmakers",
    "economists",
    "investigators",
    "prosecutors",
    "residents",
    "witnesses",
    "protesters",
    "organizers",
    "organisers",
    "observers",
    "diplomats",
    "scientists",
    "people",
    "others",
    "many",
    "some",
    "documents",
    "records",
    "court",
    "government",
    "administration",
    "campaign",
    "company",
    "ministry",
    "department",
];

/// Whether a source name is generic: after leading titles and articles it has no
/// capitalised word ("the researchers", "a senior official"), or it is one generic head
/// ("Poll", "Officials", "Democrats").
pub fn is_generic(name: &str) -> bool {
    let mut rest = words(name)
        .skip_while(|w| is_title(&w.to_lowercase()))
        .peekable();
    let Some(&first) = rest.peek() else {
        return true;
    };
    let rest: Vec<&str> = rest.collect();
    if rest.len() == 1 {
        let head = first.trim_end_matches(['\'', '’']).to_lowercase();
        let head = head.strip_suffix("'s").unwrap_or(&head);
        if GENERIC_HEADS.contains(&head) {
            return true;
        }
    }
    !rest.iter().any(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    })
}

/// A name without its possessive ending: "Donald Trump's" → "Donald Trump".
fn strip_possessive(name: &str) -> &str {
    name.strip_suffix("'s")
        .or_else(|| name.strip_suffix("’s"))
        .or_else(|| name.strip_suffix("s'").map(|n| &name[..n.len() + 1]))
        .map(str::trim_end)
        .unwrap_or(name)
}

/// Words that end a company's full name and that the article drops on second mention
/// ("America West Airlines" … "America West", "Du Pont Co." … "Du Pont").
const COMPANY_TAILS: &[&str] = &[
    "airlines",
    "airline",
    "air",
    "lines",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "cos",
    "companies",
    "group",
    "holdings",
    "ltd",
    "plc",
    "llc",
    "ag",
    "sa",
    "nv",
];

/// Head nouns that describe a company or an institution ("the computer maker", "the
/// savings bank", "the Atlanta-based airline").
const ORGANISATION_HEADS: &[&str] = &[
    "company",
    "firm",
    "maker",
    "automaker",
    "carmaker",
    "airline",
    "carrier",
    "bank",
    "thrift",
    "insurer",
    "retailer",
    "lender",
    "concern",
    "utility",
    "chain",
    "manufacturer",
    "producer",
    "publisher",
    "brokerage",
    "conglomerate",
    "supplier",
    "agency",
    "bureau",
];

/// Last words that make a name an organisation's ("Columbia Savings amp Loan
/// Association", "Crossland Savings Bank"), beside the company designators.
const ORGANISATION_TAILS: &[&str] = &[
    "association",
    "bank",
    "bancorp",
    "trust",
    "exchange",
    "bureau",
    "agency",
    "institute",
    "university",
    "commission",
    "board",
    "fund",
];

/// Whether normalised name words end like an organisation's name.
fn organisation_name(words: &[String]) -> bool {
    words.len() >= 2
        && words.last().is_some_and(|w| {
            COMPANY_TAILS.contains(&w.as_str()) || ORGANISATION_TAILS.contains(&w.as_str())
        })
}

/// Whether `short` is the first words of the organisation name `long` ("Columbia" for
/// "Columbia Savings amp Loan Association", "Compaq" for "Compaq Computer Corp."): how
/// an article names a company after its first mention.
fn organisation_short_name(short: &[String], long: &[String]) -> bool {
    !short.is_empty()
        && short.len() < long.len()
        && long.starts_with(short)
        && organisation_name(long)
}

/// Whether one organisation name is the other without its company designator: one is
/// a word prefix of the other and every remaining word is a [`COMPANY_TAILS`] word.
fn short_form(wa: &[String], wb: &[String]) -> bool {
    let (short, long) = if wa.len() < wb.len() {
        (wa, wb)
    } else {
        (wb, wa)
    };
    !short.is_empty()
        && short.len() < long.len()
        && long.starts_with(short)
        && long[short.len()..]
            .iter()
            .all(|w| COMPANY_TAILS.contains(&w.as_str()))
}

/// A company's name without its trailing designators ("America West Airlines" →
/// "America West", "Du Pont Co." → "Du Pont"); other names as they are.
pub fn without_company_tail(name: &str) -> &str {
    let mut rest = name.trim_end_matches(['.', ',', ' ']);
    while let Some((head, last)) = rest.rsplit_once(' ') {
        let last = last.trim_end_matches('.').to_ascii_lowercase();
        if !COMPANY_TAILS.contains(&last.as_str()) {
            break;
        }
        rest = head.trim_end_matches([',', ' ']);
    }
    rest
}

fn same_words(wa: &[String], wb: &[String]) -> bool {
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    if wa == wb {
        return true;
    }
    match (wa.len(), wb.len()) {
        // A surname alone against a full name.
        (1, n) if n >= 2 => same_word(&wa[0], &wb[n - 1]),
        (n, 1) if n >= 2 => same_word(&wb[0], &wa[n - 1]),
        (1, 1) => same_word(&wa[0], &wb[0]),
        (na, nb) if na == nb => {
            // Same first name (or its initial), then every other word alike.
            let first_ok = wa[0] == wb[0]
                || (wa[0].chars().count() == 1 && wb[0].starts_with(wa[0].as_str()))
                || (wb[0].chars().count() == 1 && wa[0].starts_with(wb[0].as_str()));
            first_ok && wa[1..].iter().zip(&wb[1..]).all(|(x, y)| same_word(x, y))
        }
        _ => false,
    }
}

fn classify(text: &str, source: Span, name: Option<Span>) -> Reference {
    let s = source.slice(text).trim();
    // No char outside ASCII lower-cases to a pronoun's letters, so an ASCII comparison
    // decides these without lower-casing the whole phrase.
    let is = |list: &[&str]| list.iter().any(|p| p.eq_ignore_ascii_case(s));
    if is(&["he", "she", "him", "her"]) {
        return Reference::Personal;
    }
    if is(&["they", "them", "we"]) {
        return Reference::Impersonal { plural: true };
    }
    if is(&["it"]) {
        return Reference::Impersonal { plural: false };
    }
    if let Some(n) = name {
        return Reference::Named(n.slice(text).to_string());
    }
    let lower = s.to_lowercase();
    // The first and the last word and the count, without collecting the words.
    let (mut first, mut head, mut count) = (None, "", 0usize);
    for w in words(&lower) {
        first.get_or_insert(w);
        head = w;
        count += 1;
    }
    let determiner = matches!(first, Some("the" | "this" | "that"));
    let capitalised = words(s)
        .skip(1)
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    if determiner && count <= 4 && is_title(head) && !capitalised
        || determiner && count <= 3 && is_title(head)
    {
        return Reference::Description(head.to_string());
    }
    // "the computer maker", "The Wilmington, Del., company": a description whose other
    // words are modifiers (a place may be capitalised), not a name ("the Bank of
    // England" ends in a name; "the World Bank" has no lower-case modifier).
    if (determiner || count == 1)
        && count <= 6
        && ORGANISATION_HEADS.contains(&head)
        && (!capitalised || s.contains(','))
    {
        return Reference::Organisation;
    }
    Reference::Named(s.to_string())
}

/// The sources cited in the paragraph `para` or the one before it, the most recent
/// first.
fn near(recent: &[(usize, usize)], para: usize) -> impl Iterator<Item = usize> + '_ {
    recent
        .iter()
        .rev()
        .take_while(move |(p, _)| *p == para || p.checked_add(1) == Some(para))
        .map(|&(_, id)| id)
}

/// Groups the sources of the attributions in `mentions` and sets each attribution's
/// `source_id`.
pub fn resolve(text: &str, segments: &Segmentation, mentions: &mut [Mention]) -> DocSources {
    // Every list below holds at most one entry per attribution with a source.
    let cited = mentions
        .iter()
        .filter(
            |m| matches!(&m.payload, Payload::Attribution(a) if a.source.is_some() && !a.by_model),
        )
        .count();
    let mut out = DocSources {
        sources: Vec::with_capacity(cited),
    };
    // (paragraph, source id) of each resolved source mention, in document order.
    let mut recent: Vec<(usize, usize)> = Vec::with_capacity(cited);
    // What resolution knows of each source, by id, and the sources by last citation.
    let mut known: Vec<Known> = Vec::with_capacity(cited);
    let mut by_recency: Vec<usize> = Vec::with_capacity(cited);
    let paragraph_of = |at: usize| -> usize {
        segments
            .sentence_at(at)
            .and_then(|i| segments.sentences.get(i))
            .map_or(usize::MAX, |s| s.paragraph)
    };
    for m in mentions.iter_mut() {
        let Payload::Attribution(a) = &mut m.payload else {
            continue;
        };
        if a.by_model {
            continue;
        }
        let Some(source) = a.source else { continue };
        let para = paragraph_of(source.start);
        let form = source.slice(text).trim();
        let id = match classify(text, source, a.source_name) {
            Reference::Personal => near(&recent, para)
                .find(|&id| out.sources[id].kind == SourceKind::Person && known[id].named),
            Reference::Impersonal { plural } => near(&recent, para).find(|&id| {
                let k = out.sources[id].kind;
                if plural {
                    k != SourceKind::Person || out.sources[id].name.ends_with('s')
                } else {
                    k != SourceKind::Person
                }
            }),
            Reference::Description(head) => near(&recent, para).find(|&id| {
                let s = &out.sources[id];
                s.role
                    .as_deref()
                    .is_some_and(|r| words(&r.to_lowercase()).any(|w| w == head))
            }),
            // The organisation the article named most recently, else the description
            // stands for itself.
            Reference::Organisation => by_recency
                .iter()
                .rev()
                .copied()
                .find(|&id| {
                    out.sources[id].kind == SourceKind::Organisation
                        || organisation_name(&known[id].key)
                })
                .or_else(|| {
                    let entry = Known {
                        key: name_words(form),
                        named: false,
                        name_span: source.trim(text),
                    };
                    Some(add_source(
                        &mut out,
                        &mut known,
                        form.to_string(),
                        a.source_kind,
                        None,
                        entry,
                    ))
                }),
            Reference::Named(name) => {
                let name = strip_possessive(&name).to_string();
                // The most recently cited source with a compatible name, else a new one.
                let words = name_words(&name);
                let is_name = a.source_name.is_some();
                // Surname and first-name rules hold between personal names only; other
                // phrases merge when their words are equal ("Azerbaijan" is not "the
                // foreign ministers of Armenia and Azerbaijan").
                let found = by_recency.iter().rev().copied().find(|&id| {
                    let k = &known[id];
                    short_form(&k.key, &words)
                        || organisation_short_name(&k.key, &words)
                        || organisation_short_name(&words, &k.key)
                        || if is_name && k.named {
                            same_words(&k.key, &words)
                        } else {
                            k.key == words
                        }
                });
                let role = || a.source_role.map(|r| r.slice(text).to_string());
                let name_span = name_span(text, a.source_name.unwrap_or(source));
                Some(match found {
                    Some(id) => {
                        let s = &mut out.sources[id];
                        if words.len() > known[id].key.len() {
                            known[id].key = words;
                            known[id].name_span = name_span;
                            if let Some(i) = s.aliases.iter().position(|x| *x == name) {
                                s.aliases.remove(i);
                            }
                            s.aliases.insert(0, name.clone());
                            s.name = name;
                        }
                        if s.role.is_none() {
                            s.role = role();
                        }
                        if s.kind == SourceKind::Unknown {
                            s.kind = a.source_kind;
                        }
                        id
                    }
                    None => {
                        let entry = Known {
                            key: words,
                            named: is_name,
                            name_span,
                        };
                        add_source(&mut out, &mut known, name, a.source_kind, role(), entry)
                    }
                })
            }
        };
        if let Some(id) = id {
            let s = &mut out.sources[id];
            let names = !matches!(
                classify(text, source, a.source_name),
                Reference::Personal
                    | Reference::Impersonal { .. }
                    | Reference::Description(_)
                    | Reference::Organisation
            );
            let form = strip_possessive(form);
            if names && !s.aliases.iter().any(|x| x == form) {
                s.aliases.push(form.to_string());
            }
            if a.source_kind != SourceKind::Unknown && s.kind == SourceKind::Unknown {
                s.kind = a.source_kind;
            }
            recent.push((para, id));
            // Each source once, the most recently cited last.
            if let Some(p) = by_recency.iter().position(|&x| x == id) {
                by_recency.remove(p);
            }
            by_recency.push(id);
        }
        a.source_id = id;
    }
    // A company's short name ("Columbia reported earnings …") is the full name the
    // article's lead gives it ("Columbia Savings amp Loan Association, reeling from …"),
    // even when the full name is cited as no source.
    for (id, source) in out.sources.iter_mut().enumerate() {
        if source.kind == SourceKind::Person || known[id].key.len() != 1 {
            continue;
        }
        if let Some(full) = full_organisation_name(text, &source.name) {
            let name = full.slice(text).to_string();
            known[id].key = name_words(&name);
            known[id].name_span = full;
            source.aliases.insert(0, name.clone());
            source.name = name;
        }
    }
    // A pronoun, a description or a short form names its source where the article
    // writes the canonical name (CLAIMS.md: "the fullest name the article gives").
    for m in mentions.iter_mut() {
        let Payload::Attribution(a) = &mut m.payload else {
            continue;
        };
        let (Some(id), Some(source)) = (a.source_id, a.source) else {
            continue;
        };
        let own = name_span(text, a.source_name.unwrap_or(source));
        if own.slice(text) != out.sources[id].name {
            a.source_name = Some(known[id].name_span);
        }
    }
    out
}

/// What resolution knows of a source beside its [`DocSource`].
struct Known {
    /// Normalised words of its canonical name.
    key: Vec<String>,
    /// Named by a personal name rather than a phrase.
    named: bool,
    /// Where the canonical name is written.
    name_span: Span,
}

/// Adds a new source named `name`, and what resolution knows of it; returns its id.
fn add_source(
    out: &mut DocSources,
    known: &mut Vec<Known>,
    name: String,
    kind: SourceKind,
    role: Option<String>,
    entry: Known,
) -> usize {
    known.push(entry);
    out.sources.push(DocSource {
        aliases: vec![name.clone()],
        name,
        kind,
        role,
    });
    out.sources.len() - 1
}

/// How far into an article its lead introduces companies by their full names.
const LEAD_BYTES: usize = 2048;

/// Where the article's lead writes `short` (one capitalised word) as the first word of an
/// organisation's name: up to five more capitalised words (or "amp", "and", "of", "&")
/// ending in a company designator or an organisation word ("Crossland Savings Bank").
fn full_organisation_name(text: &str, short: &str) -> Option<Span> {
    if !short.starts_with(char::is_uppercase) || short.contains(' ') {
        return None;
    }
    let lead = &text[..crate::span::floor_char_boundary(text, LEAD_BYTES)];
    lead.match_indices(short).find_map(|(at, _)| {
        let boundary = lead[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if !boundary {
            return None;
        }
        let mut end = at + short.len();
        let mut best = None;
        let mut rest = &lead[end..];
        for _ in 0..6 {
            let Some(after) = rest.strip_prefix(' ') else {
                break;
            };
            let len = after
                .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '&' || c == '-'))
                .unwrap_or(after.len());
            let word = &after[..len];
            let bare = word.trim_end_matches('.').to_ascii_lowercase();
            let joins = ["amp", "and", "of", "&"].contains(&bare.as_str());
            if word.is_empty() || !(word.starts_with(char::is_uppercase) || joins) {
                break;
            }
            end += 1 + len;
            rest = &lead[end..];
            if COMPANY_TAILS.contains(&bare.as_str()) || ORGANISATION_TAILS.contains(&bare.as_str())
            {
                // "Corp." keeps its abbreviation's stop; "Bank." ends a sentence.
                let abbreviation = ["corp", "co", "inc", "ltd", "cos"].contains(&bare.as_str());
                let stops = if abbreviation {
                    0
                } else {
                    word.len() - word.trim_end_matches('.').len()
                };
                best = Some(Span::new(at, end - stops));
            }
        }
        best
    })
}

/// A name's span without surrounding spaces and its possessive ending ("Donald
/// Trump's" → "Donald Trump").
fn name_span(text: &str, span: Span) -> Span {
    let span = span.trim(text);
    let name = span.slice(text);
    Span::new(span.start, span.start + strip_possessive(name).len())
}

#[cfg(test)]
mod registry_tests {
    use super::*;

    const P: SourceKind = SourceKind::Person;
    const O: SourceKind = SourceKind::Organisation;

    #[test]
    fn registry_finds_what_same_source_merges() {
        let mut r = Registry::default();
        r.add(1, "Ilham Aliyev", P);
        r.add(2, "Dmitry Peskov", P);
        r.add(3, "Azerbaijani customs data", SourceKind::Dataset);
        assert_eq!(r.find("Aliyev", P), Some(1));
        assert_eq!(r.find("President Ilham Aliyev", P), Some(1));
        assert_eq!(r.find("Nurlan Aliyev", P), None);
        assert_eq!(r.find("Peskov", P), Some(2));
        assert_eq!(
            r.find("Azerbaijani customs data", SourceKind::Dataset),
            Some(3)
        );
        assert_eq!(r.find("Human Rights Watch", O), None);
        assert_eq!(r.max_id, 3);
        for a in [
            "Ilham Aliyev",
            "Aliyev",
            "Nurlan Aliyev",
            "Peskov",
            "Human Rights Watch",
        ] {
            for (id, b) in [(1, "Ilham Aliyev"), (2, "Dmitry Peskov")] {
                if same_source(a, b) {
                    assert_eq!(r.find(a, P), Some(id), "{a} ~ {b}");
                }
            }
        }
    }

    #[test]
    fn bloomberg_ipsos_and_abc_polls_stay_three_sources() {
        let mut r = Registry::default();
        r.add(1, "Bloomberg poll", O);
        assert_eq!(r.find("Ipsos poll", O), None);
        assert_eq!(r.find("ABC poll", O), None);
        assert_eq!(r.find("Poll", O), None, "a generic head matches nothing");
        assert_eq!(r.find("Bloomberg poll", O), Some(1));
    }

    #[test]
    fn the_researchers_never_match_another_articles_researchers() {
        let mut r = Registry::default();
        r.add(1, "the researchers", SourceKind::Unknown);
        r.add(2, "officials", SourceKind::Unknown);
        assert_eq!(r.find("the researchers", SourceKind::Unknown), None);
        assert_eq!(r.find("officials", SourceKind::Unknown), None);
        assert_eq!(r.max_id, 2);
    }

    #[test]
    fn a_surname_alone_matches_a_person_but_not_an_organisation() {
        let mut r = Registry::default();
        r.add(1, "Pew Research Center", O);
        r.add(2, "Hillary Clinton", P);
        assert_eq!(r.find("Center", O), None);
        assert_eq!(r.find("Clinton", P), Some(2));
    }

    #[test]
    fn america_west_is_america_west_airlines_without_its_designator() {
        let w = |s: &str| name_words(s);
        assert!(short_form(&w("America West Airlines"), &w("America West")));
        assert!(short_form(&w("Du Pont"), &w("Du Pont Co.")));
        // Only designators may be dropped: a city is not its newspaper.
        assert!(!short_form(&w("New York Times"), &w("New York")));
        assert!(!short_form(&w("America West"), &w("America West")));
        assert_eq!(
            without_company_tail("America West Airlines"),
            "America West"
        );
        assert_eq!(without_company_tail("Du Pont Co."), "Du Pont");
        assert_eq!(without_company_tail("Delta Air Lines"), "Delta");
        assert_eq!(
            without_company_tail("Pew Research Center"),
            "Pew Research Center"
        );
    }

    #[test]
    fn generic_names_are_classes_of_speakers() {
        for g in [
            "the researchers",
            "Poll",
            "Officials",
            "a senior official",
            "he",
            "Democrats",
        ] {
            assert!(is_generic(g), "{g}");
        }
        for n in [
            "Donald Trump",
            "the Pew Research Center",
            "ABC poll",
            "the 2010 census",
        ] {
            assert!(!is_generic(n), "{n}");
        }
    }

    #[test]
    fn donald_trumps_possessive_is_stripped() {
        assert_eq!(strip_possessive("Donald Trump's"), "Donald Trump");
        assert_eq!(strip_possessive("Donald Trump’s"), "Donald Trump");
        assert_eq!(strip_possessive("the senators'"), "the senators");
        assert_eq!(strip_possessive("Paris"), "Paris");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::{self, Context};
    use crate::segment;

    fn analyse(text: &str) -> (Vec<Mention>, DocSources) {
        let segs = segment::segment(text);
        let ctx = Context {
            text,
            segments: &segs,
            published: None,
        };
        let mut mentions = recognize::attribution::recognise(&ctx);
        let sources = resolve(text, &segs, &mut mentions);
        (mentions, sources)
    }

    fn source_ids(mentions: &[Mention]) -> Vec<Option<usize>> {
        mentions
            .iter()
            .filter_map(|m| m.reporting())
            .map(|a| a.source_id)
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn source_ids_point_into_the_registry(text in "\\PC{0,300}") {
            let (m, s) = analyse(&text);
            for a in m.iter().filter_map(|m| m.reporting()) {
                if let Some(id) = a.source_id {
                    proptest::prop_assert!(id < s.sources.len());
                }
            }
        }

        #[test]
        fn same_source_is_symmetric(a in "[A-Z][a-z]{0,6}( [A-Z][a-z]{0,6}){0,2}",
                                    b in "[A-Z][a-z]{0,6}( [A-Z][a-z]{0,6}){0,2}") {
            proptest::prop_assert_eq!(same_source(&a, &b), same_source(&b, &a));
        }
    }

    #[test]
    fn nurlan_aliyev_is_not_ilham_aliyev() {
        assert!(!same_source("Nurlan Aliyev", "Ilham Aliyev"));
        assert!(same_source("President Ilham Aliyev", "Ilham Aliyev"));
        assert!(same_source("Aliyev", "Ilham Aliyev"));
        assert!(same_source("The Jerusalem Post", "Jerusalem Post"));
        assert!(!same_source("Kremlin", "Moscow"));
    }

    #[test]
    fn president_ilham_aliyev_then_aliyev_urged_is_one_source() {
        let t = "Last week, President Ilham Aliyev announced that Azerbaijan would file a \
                 lawsuit against Russia. Aliyev urged Ukrainians 'not to resign themselves' to \
                 occupation.";
        let (m, s) = analyse(t);
        assert_eq!(source_ids(&m), vec![Some(0), Some(0)]);
        assert_eq!(s.sources[0].name, "Ilham Aliyev");
        assert_eq!(s.sources[0].role.as_deref(), Some("President"));
        assert!(s.sources[0].aliases.contains(&"Aliyev".to_string()));
    }

    #[test]
    fn he_said_resolves_within_the_paragraph_but_not_two_paragraphs_on() {
        let t = "Eric Jacobs, an adviser, arrived in Baku on Monday. Eric Jacobs said that \
                 talks went well.\n\nNothing happened.\n\nLater he said that the deal was close.";
        let (m, _) = analyse(t);
        assert_eq!(source_ids(&m), vec![Some(0), None]);
        let t2 = "Eric Jacobs said that talks went well. He said that the deal was close.";
        let (m2, _) = analyse(t2);
        assert_eq!(source_ids(&m2), vec![Some(0), Some(0)]);
    }

    #[test]
    fn the_spokesman_added_resolves_to_kremlin_spokesman_dmitry_peskov() {
        let t = "Kremlin spokesman Dmitry Peskov said that Moscow hopes for calm. The \
                 spokesman added that talks would go on.";
        let (m, s) = analyse(t);
        let by_cue = |cue: &str| {
            m.iter()
                .filter_map(|m| m.reporting())
                .find(|a| a.cue.map(|c| c.slice(t)) == Some(cue))
                .and_then(|a| a.source_id)
        };
        assert_eq!(by_cue("said"), Some(0));
        assert_eq!(by_cue("added"), Some(0));
        assert_eq!(s.sources[0].name, "Dmitry Peskov");
    }

    #[test]
    fn nurlan_aliyev_notes_stays_apart_from_president_aliyev() {
        let t = "President Ilham Aliyev announced that Azerbaijan would sue. Political \
                 scientist Nurlan Aliyev notes that the diaspora could return.";
        let (m, s) = analyse(t);
        assert_eq!(source_ids(&m), vec![Some(0), Some(1)]);
        assert_eq!(s.sources[1].name, "Nurlan Aliyev");
    }
}

#[cfg(test)]
mod organisation_tests {
    use super::*;

    fn sources_of(text: &str) -> (Vec<Mention>, DocSources) {
        let doc = crate::document::Document::from_text(
            "t",
            text.to_string(),
            crate::document::Metadata::default(),
        );
        let a = crate::pipeline::analyse(&doc);
        (a.mentions, a.sources)
    }

    /// (source as written, canonical name of its source, text of its `source_name`).
    fn cited(text: &str) -> Vec<(String, String, String)> {
        let (mentions, sources) = sources_of(text);
        mentions
            .iter()
            .filter_map(|m| m.reporting())
            .filter_map(|a| {
                let id = a.source_id?;
                Some((
                    a.source?.slice(text).to_string(),
                    sources.sources[id].name.clone(),
                    a.source_name?.slice(text).to_string(),
                ))
            })
            .collect()
    }

    #[test]
    fn the_computer_maker_said_is_compaq_computer_corp() {
        let t = "Compaq Computer Corp. said that its net income rose 51% in the third quarter.\n\n\
                 The computer maker said net jumped to $87 million from $58 million.";
        let c = cited(t);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[1].0, "The computer maker");
        assert_eq!(c[1].1, "Compaq Computer Corp");
        assert_eq!(
            c[1].2, "Compaq Computer Corp",
            "named where the article names it"
        );
    }

    #[test]
    fn columbia_reported_is_the_association_the_lead_names() {
        let t = "Columbia Savings amp Loan Association, reeling from accounting changes, posted \
                 a loss for the third quarter of $226.3 million.\n\n\
                 For the quarter a year ago, Columbia reported earnings of $16.3 million.";
        let c = cited(t);
        let columbia = c
            .iter()
            .find(|x| x.0 == "Columbia")
            .expect("Columbia cited");
        assert_eq!(columbia.1, "Columbia Savings amp Loan Association");
        // A person's surname is never stretched into a company's name.
        let t = "Smith Barney Inc. advised on the deal.\n\nSmith said the fee was $5 million.";
        let c = cited(t);
        assert!(
            !c.is_empty() && c.iter().all(|x| x.1 != "Smith Barney Inc."),
            "{c:?}"
        );
    }

    #[test]
    fn the_company_without_a_named_company_stays_itself() {
        let (_, sources) = sources_of("The company said sales rose 5% in May.");
        let names: Vec<&str> = sources.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["The company"]);
    }
}
