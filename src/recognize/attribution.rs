//! Attribution relations: source, cue and content, as in PARC 3.0 and PolNeAR.
//!
//! The recogniser is cue-driven: it looks every word of a sentence up in the cue
//! lexicon (the `cues` module), keeps a verb only where the words around it make it a verb of a
//! clause (a subject before it, not a determiner: "the states", "his plans" are nouns),
//! then reads the source and the content off the shape of the clause:
//!
//! - forward: `SOURCE [aux/adverbs] CUE [that|:] CONTENT` ("Vladimir Putin claimed in
//!   2020 that ..."), the content running to the end of the sentence, or to the end of
//!   a quotation that opens after the cue, across sentences;
//! - inverted: `CONTENT, SOURCE CUE.` and `CONTENT, CUE SOURCE.` ("..., sources said",
//!   "“...,” said Smith"), the content reaching back to the opening quotation mark;
//! - `according to SOURCE, CONTENT` and `CONTENT, according to SOURCE`; `..., as noted
//!   in a report by SOURCE`;
//! - passive `CONTENT was CUE by SOURCE`; nominal `SOURCE’s statement that CONTENT` and
//!   `the accusations by SOURCE`;
//! - a verb list or a participle that shares the sentence's source (`declared that ...
//!   and demanded ...`, `..., citing ...`);
//! - transcript and headline labels (`PENCE: ...`, `Poll: ...`) and quotations signed
//!   with a dash (`“...” ― Name`).
//!
//! A belief inside a quotation (`“I think ...,” she said`) is the quoted speaker's own
//! stance and is not a relation of its own. What is left out: content that is only
//! implied by a paragraph of free indirect speech, relations whose cue is a preposition
//! (`in his eyes`), and sources named only in an earlier sentence of a `he said` (those
//! are for [`crate::sources`] to resolve).
//!
//! A quotation alone attributes nothing: scare quotes (`a 'friendly' dictatorship`) and
//! names in quotes (`the 'Russian House'`) have no cue, so they never become relations.
//! PolNeAR's conventions are kept: content keeps `that` and its quotation marks, and a
//! source keeps its title. Spans are byte offsets on char boundaries.

mod cues;
mod fallback;
mod fallback_model;
mod learned;
mod quotes;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use super::{Attribution, Context, Mention, Payload, SourceKind};
use crate::fnv::FnvBuild;
use crate::span::Span;
use cues::{Cue, CueClass, Form};

/// One token of a sentence: a word (letters and digits, with inner apostrophes,
/// hyphens and dots) or a single punctuation character.
#[derive(Debug, Clone, Copy)]
struct Tok {
    span: Span,
    /// The punctuation character, or `None` for a word.
    punct: Option<char>,
}

/// Byte classes for the scanners below, one table load a byte.
const ALNUM: u8 = 1;
/// `"`, `'`, and the lead bytes of `“ ‘ „` (E2) and `«` (C2).
const QUOTE_LEAD: u8 = 2;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        if b.is_ascii_alphanumeric() {
            t[i] = ALNUM;
        }
        if matches!(b, b'"' | b'\'' | 0xC2 | 0xE2) {
            t[i] = QUOTE_LEAD;
        }
        i += 1;
    }
    t
};

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | ',' | '&' | '‐')
}

/// Splits `span` of `text` into tokens, appending them to `out`.
///
/// Works on bytes: ASCII is classified by table, and a non-ASCII char is decoded only
/// where one starts, so the common case costs one branch per byte.
fn tokenize(text: &str, span: Span, out: &mut Vec<Tok>) {
    out.clear();
    let body = span.slice(text);
    let bytes = body.as_bytes();
    let base = span.start;
    let char_at = |i: usize| -> Option<char> { body.get(i..).and_then(|s| s.chars().next()) };
    let alnum_at = |i: usize| -> bool {
        match bytes.get(i) {
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            Some(_) => char_at(i).is_some_and(char::is_alphanumeric),
            None => false,
        }
    };
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Fast paths for the common ASCII bytes: a run of letters and digits, and a
        // space, which ends a word and is never a token.
        if BYTE_CLASS[usize::from(b)] == ALNUM {
            if word_start.is_none() {
                word_start = Some(i);
            }
            i = crate::bytescan::alnum_end(bytes, i + 1);
            continue;
        }
        if b == b' ' {
            if let Some(ws) = word_start.take() {
                out.push(Tok {
                    span: Span::new(base + ws, base + i),
                    punct: None,
                });
            }
            i += 1;
            continue;
        }
        let (c, len) = if b.is_ascii() {
            (b as char, 1)
        } else {
            match char_at(i) {
                Some(c) => (c, c.len_utf8()),
                None => {
                    i += 1;
                    continue;
                }
            }
        };
        let alnum = if b.is_ascii() {
            b.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if alnum {
            if word_start.is_none() {
                word_start = Some(i);
            }
            i += len;
            continue;
        }
        // An open word always ends in a letter or digit here: a joiner is taken only
        // before one.
        if word_start.is_some() && is_joiner(c) && alnum_at(i + len) {
            // A comma joins only digits ("2,300"); a dot, an apostrophe or a hyphen
            // joins letters too ("U.S", "Baku’s", "thieves-in-law").
            if c != ',' || (i > 0 && bytes[i - 1].is_ascii_digit()) {
                i += len;
                continue;
            }
        }
        if let Some(ws) = word_start.take() {
            out.push(Tok {
                span: Span::new(base + ws, base + i),
                punct: None,
            });
        }
        if !c.is_whitespace() {
            out.push(Tok {
                span: Span::new(base + i, base + i + len),
                punct: Some(c),
            });
        }
        i += len;
    }
    if let Some(ws) = word_start {
        out.push(Tok {
            span: Span::new(base + ws, base + body.len()),
            punct: None,
        });
    }
}

/// Determiners, prepositions and quantifiers: a word after one of these is a noun
/// ("the states", "of claims", "many reports").
const NOUN_CONTEXT: &[&str] = &[
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "this",
    "these",
    "those",
    "of",
    "in",
    "on",
    "for",
    "with",
    "by",
    "to",
    "from",
    "at",
    "into",
    "about",
    "over",
    "under",
    "than",
    "no",
    "any",
    "some",
    "many",
    "much",
    "several",
    "few",
    "all",
    "both",
    "each",
    "every",
    "more",
    "most",
    "other",
    "such",
    "what",
    "whose",
    "new",
    "own",
    "first",
    "last",
    "next",
    "and",
    "or",
    "nor",
    "upon",
    "against",
    "without",
    "between",
    "among",
    "through",
    "during",
    "per",
    "via",
    "whether",
    "very",
    "same",
    "united",
    "two",
    "three",
    "four",
    "five",
    "one",
    "further",
    "recent",
    "public",
    "political",
    "official",
    "federal",
    "national",
    "local",
    "annual",
    "tv",
    "were",
    "was",
    "be",
    "being",
    "is",
    "are",
];

/// Auxiliaries and adverbs that may stand between a subject and its cue.
const SKIPPABLE: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "previously",
    "repeatedly",
    "recently",
    "later",
    "then",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "must",
    "should",
    "did",
    "does",
    "do",
    "not",
    "never",
    "publicly",
    "officially",
    "unexpectedly",
    "immediately",
    "already",
    "once",
    "again",
    "still",
    "just",
    "now",
    "often",
    "always",
    "reportedly",
    "actually",
    "really",
    "even",
    "initially",
    "finally",
    "simply",
    "clearly",
    "strongly",
    "openly",
    "privately",
    "quickly",
    "widely",
    "didn't",
    "doesn't",
    "don't",
    "won't",
    "wouldn't",
    "hasn't",
    "haven't",
    "can't",
    "cannot",
    "is",
    "was",
    "are",
    "were",
    "been",
    "being",
    "long",
    "firmly",
    "flatly",
    "angrily",
    "bluntly",
    "explicitly",
    "specifically",
    "frankly",
    "sharply",
    "further",
    "herself",
    "himself",
    "themselves",
    "itself",
    "first",
    "ever",
    "only",
    "both",
    "all",
    "subsequently",
    "separately",
    "similarly",
    "likewise",
    "too",
    "personally",
    "apparently",
    "allegedly",
    "correctly",
    "rightly",
    "wrongly",
    "falsely",
];

const MODALS: &[&str] = &[
    "will", "would", "could", "can", "may", "might", "must", "should", "did", "does", "do",
    "didn't", "doesn't", "don't", "won't", "wouldn't", "can't", "cannot",
];

const BE: &[&str] = &["is", "was", "are", "were", "been", "being"];

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "He", "She", "They", "It",
    "We", "I", "You",
];

/// Words that end a noun phrase when walking back from a cue to its subject.
const CLAUSE_STOP: &[&str] = &[
    "that", "which", "who", "whom", "and", "but", "or", "because", "when", "while", "if",
    "although", "though", "since", "after", "before", "as", "where", "than", "so", "then",
    "however", "yet", "whereas", "unless", "until", "once", "said", "says", "told", "is", "was",
    "are", "were", "has", "have", "had", "will", "would", "not", "also", "did",
];

/// Words that follow a plural noun but not a verb of saying.
const NOUN_FOLLOWERS: &[&str] = &[
    "about", "of", "for", "from", "with", "at", "on", "in", "by", "as", "around", "against",
    "over", "and", "or", "were", "are", "have", "had", "into", "among", "across", "within",
];

/// Third-person forms that are as often plural nouns ("Republican claims").
const PLURAL_NOUNS: &[&str] = &[
    "claims",
    "states",
    "questions",
    "comments",
    "plans",
    "reports",
    "calls",
    "points",
    "charges",
    "supports",
    "demands",
    "promises",
    "remarks",
    "tweets",
    "estimates",
    "hopes",
    "fears",
    "doubts",
    "wishes",
    "shows",
    "counters",
    "disputes",
    "notes",
    "pledges",
    "vows",
    "answers",
    "replies",
    "attacks",
    "questions",
    "proposals",
    "findings",
];

/// Titles written with a period before a name.
const ABBREVIATED_TITLES: &[&str] = &[
    "Rep", "Sen", "Gov", "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Capt", "Sgt", "Prof", "Rev",
    "Hon", "Pres", "Adm", "Maj", "St", "Jr", "Sr",
];

/// Words a subject phrase does not reach back over: an agent ("made ... by the US
/// ambassador") or a place or time adjunct ("on 14 July").
const NP_BACK_STOP: &[&str] = &[
    "by", "during", "since", "from", "with", "after", "before", "into", "amid", "despite",
    "without", "like",
];

/// Time words that may follow a cue at the end of an inverted attribution ("..., he said
/// Monday").
const TAIL_OK: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "last",
    "this",
    "a",
    "an",
    "the",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "recently",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "statement",
    "interview",
    "with",
    "to",
    "by",
    "of",
    "news",
    "conference",
    "email",
    "phone",
    "told",
    "reporters",
    "then",
    "previously",
    "also",
    "told",
];

fn lower_ascii_eq(a: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(a))
}

/// A year or a weekday: the head of a time phrase between a subject and its verb.
fn is_time_word(w: &str) -> bool {
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        || lower_ascii_eq(
            w,
            &[
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
                "week",
                "month",
                "year",
                "night",
                "morning",
            ],
        )
}

/// Nouns and adjectives in -ly that are not manner adverbs ("the family said").
const LY_NOT_ADVERBS: &[&str] = &[
    "family",
    "ally",
    "rally",
    "supply",
    "assembly",
    "anomaly",
    "monopoly",
    "reply",
    "belly",
    "bully",
    "italy",
    "july",
    "fly",
    "only",
    "early",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "holy",
    "ugly",
    "silly",
    "jolly",
    "elderly",
    "friendly",
    "likely",
    "unlikely",
    "lonely",
    "lovely",
    "costly",
    "deadly",
    "orderly",
    "lowly",
    "homily",
    "comply",
    "apply",
    "imply",
    "rely",
    "multiply",
    "firefly",
    "melancholy",
];

/// Whether `w` is a lower-case manner or degree adverb ("generally praised", "barely
/// mentioned", "largely agreed"): English forms them with -ly, so the suffix names
/// the class without a list of every adverb.
fn is_ly_adverb(w: &str) -> bool {
    w.len() >= 5
        && w.ends_with("ly")
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && !cues::contains(&SETS.ly_not_adverbs, w)
}

/// Approximators: "they had practically agreed on the text" says an act was nearly
/// done, not that anything was said, so they are not stepped over before a cue.
const APPROXIMATORS: &[&str] = &[
    "practically",
    "virtually",
    "nearly",
    "effectively",
    "essentially",
    "basically",
    "partly",
    "partially",
];

/// "U.S", "F.B.I", "U.N": capital letters joined by periods (the tokeniser keeps the
/// inner periods in the word and leaves the last one out).
fn is_dotted_acronym(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 3
        && b.iter().enumerate().all(|(k, &c)| {
            if k % 2 == 0 {
                c.is_ascii_uppercase()
            } else {
                c == b'.'
            }
        })
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_possessive(w: &str) -> bool {
    (w.ends_with("’s") || w.ends_with("'s"))
        && !lower_ascii_eq(
            w,
            &[
                "it's", "it’s", "he's", "he’s", "she's", "she’s", "that's", "that’s",
            ],
        )
}

/// Words this long or longer are never cues.
const FILTER_LEN: usize = 32;

/// A bitmap over the lexicon's forms and the nominal cues, keyed by length, first,
/// second and last letter, each letter by its low five bits (so that ASCII case does
/// not matter). A word whose bit is clear is neither a verb cue nor a noun cue, so
/// most words of a sentence are passed over with one table load and no hash lookup.
struct CueFilter {
    bits: Vec<u64>,
    /// Set when some cue word has no key (shorter than two bytes, or too long):
    /// everything passes.
    all: bool,
}

/// The filter key of a word of at least two bytes and under [`FILTER_LEN`].
#[inline]
fn filter_key(w: &[u8]) -> Option<usize> {
    let n = w.len();
    if !(2..FILTER_LEN).contains(&n) {
        return None;
    }
    let five = |b: u8| usize::from(b & 31);
    Some(n << 15 | five(w[0]) << 10 | five(w[1]) << 5 | five(w[n - 1]))
}

impl CueFilter {
    fn new<'w>(words: impl Iterator<Item = &'w str>) -> CueFilter {
        let mut f = CueFilter {
            bits: vec![0; (FILTER_LEN << 15) / 64],
            all: false,
        };
        for w in words {
            match filter_key(w.as_bytes()).and_then(|k| f.bits.get_mut(k / 64).map(|m| (k, m))) {
                Some((k, m)) => *m |= 1u64 << (k % 64),
                None => f.all = true,
            }
        }
        f
    }

    /// Whether the word `w` may be a cue, ignoring ASCII case (a headline's "cLAIMS"
    /// is still a noun cue).
    #[inline]
    fn may_hold(&self, w: &[u8]) -> bool {
        if self.all {
            return true;
        }
        filter_key(w).is_some_and(|k| {
            self.bits
                .get(k / 64)
                .is_some_and(|m| m & (1u64 << (k % 64)) != 0)
        })
    }
}

/// The lists that tell a source's kind, as bits of [`Sets::kind_words`].
const DATASET: u8 = 1;
const DOCUMENT: u8 = 2;
const OUTLET: u8 = 4;
const ORG: u8 = 8;
const PEOPLE: u8 = 16;
const TITLE: u8 = 32;

/// Each lower-case word of the kind lists with the bits of the lists it is on.
fn kind_words() -> HashMap<Box<[u8]>, u8, FnvBuild> {
    let mut table: HashMap<Box<[u8]>, u8, FnvBuild> = HashMap::default();
    for (list, bit) in [
        (DATASET_WORDS, DATASET),
        (DOCUMENT_WORDS, DOCUMENT),
        (OUTLET_WORDS, OUTLET),
        (ORG_WORDS, ORG),
        (PEOPLE_WORDS, PEOPLE),
        (PERSON_TITLES, TITLE),
        (ROLE_WORDS, TITLE),
    ] {
        for w in list {
            *table
                .entry(w.to_ascii_lowercase().into_bytes().into_boxed_slice())
                .or_default() |= bit;
        }
    }
    table
}

/// The cue shapes a word is on: bits of [`CueWord::shapes`].
const NOMINAL: u8 = 1;
const QUOTATION_FRAME: u8 = 1 << 1;
const TOPIC: u8 = 1 << 2;
const LABELLING: u8 = 1 << 3;

/// Everything a word that may open a relation is, found by one lookup: the cue the
/// rules read it as, the cue only the fallback model reads it as, and the lists of
/// the other cue shapes (noun, quotation frame, topic, labelling verb) it is on.
#[derive(Debug, Clone, Copy, Default)]
struct CueWord {
    rules: Option<Cue>,
    model_only: Option<Cue>,
    shapes: u8,
}

impl CueWord {
    /// The entry of `w`, whose first letter is lower case: the cues are those of its
    /// exact form, the shapes those of the word in any case ("cLAIMS" in a headline
    /// is still a noun cue).
    fn of(w: &str) -> CueWord {
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return SETS.cue_words.get(w).copied().unwrap_or_default();
        }
        let shapes = SETS
            .cue_words
            .get(w.to_ascii_lowercase().as_str())
            .map_or(0, |e| e.shapes);
        CueWord {
            shapes,
            ..CueWord::default()
        }
    }

    fn is(&self, shape: u8) -> bool {
        self.shapes & shape != 0
    }

    /// Every form of the cue lexicon and of the shape lists, as
    /// [`cues::lookup`], [`cues::lookup_model_only`] and the lists read them.
    fn table() -> HashMap<Box<str>, CueWord, FnvBuild> {
        let mut table: HashMap<Box<str>, CueWord, FnvBuild> = HashMap::default();
        for form in cues::forms() {
            let entry = table.entry(form.into()).or_default();
            entry.rules = cues::lookup(form);
            entry.model_only = cues::lookup_model_only(form);
        }
        for (list, shape) in [
            (NOMINALS, NOMINAL),
            (QUOTATION_FRAME_VERBS, QUOTATION_FRAME),
            (TOPIC_VERBS, TOPIC),
            (LABELLING_VERBS, LABELLING),
        ] {
            for w in list {
                table
                    .entry(w.to_ascii_lowercase().into())
                    .or_default()
                    .shapes |= shape;
            }
        }
        table
    }
}

/// The word lists above as hash sets, built once.
struct Sets {
    cue_filter: CueFilter,
    /// What each word that passes `cue_filter` and opens a relation is.
    cue_words: HashMap<Box<str>, CueWord, FnvBuild>,
    /// The same filter over the lists that tell a source's kind.
    kind_filter: CueFilter,
    kind_words: HashMap<Box<[u8]>, u8, FnvBuild>,
    nominals: cues::WordSet,
    plural_nouns: cues::WordSet,
    noun_followers: cues::WordSet,
    outlet_words: cues::WordSet,
    noun_context: cues::WordSet,
    skippable: cues::WordSet,
    ly_not_adverbs: cues::WordSet,
    modals: cues::WordSet,
    be: cues::WordSet,
    pronouns: cues::WordSet,
    clause_stop: cues::WordSet,
    tail_ok: cues::WordSet,
    np_back_stop: cues::WordSet,
    abbreviated_titles: cues::WordSet,
    people_words: cues::WordSet,
    document_words: cues::WordSet,
    dataset_words: cues::WordSet,
    org_words: cues::WordSet,
    fronted: cues::WordSet,
}

static SETS: LazyLock<Sets> = LazyLock::new(|| Sets {
    kind_words: kind_words(),
    cue_words: CueWord::table(),
    cue_filter: CueFilter::new(
        cues::forms()
            .chain(NOMINALS.iter().copied())
            .chain(QUOTATION_FRAME_VERBS.iter().copied())
            .chain(TOPIC_VERBS.iter().copied())
            .chain(LABELLING_VERBS.iter().copied()),
    ),
    kind_filter: CueFilter::new(
        [
            DATASET_WORDS,
            DOCUMENT_WORDS,
            OUTLET_WORDS,
            ORG_WORDS,
            PEOPLE_WORDS,
            PERSON_TITLES,
            ROLE_WORDS,
        ]
        .into_iter()
        .flatten()
        .copied(),
    ),
    nominals: cues::word_set(NOMINALS),
    plural_nouns: cues::word_set(PLURAL_NOUNS),
    noun_followers: cues::word_set(NOUN_FOLLOWERS),
    outlet_words: cues::word_set(OUTLET_WORDS),
    noun_context: cues::word_set(NOUN_CONTEXT),
    skippable: cues::word_set(SKIPPABLE),
    ly_not_adverbs: cues::word_set(LY_NOT_ADVERBS),
    modals: cues::word_set(MODALS),
    be: cues::word_set(BE),
    pronouns: cues::word_set(PRONOUNS),
    clause_stop: cues::word_set(CLAUSE_STOP),
    tail_ok: cues::word_set(TAIL_OK),
    np_back_stop: cues::word_set(NP_BACK_STOP),
    abbreviated_titles: cues::word_set(ABBREVIATED_TITLES),
    people_words: cues::word_set(PEOPLE_WORDS),
    document_words: cues::word_set(DOCUMENT_WORDS),
    dataset_words: cues::word_set(DATASET_WORDS),
    org_words: cues::word_set(ORG_WORDS),
    fronted: cues::word_set(FRONTED),
});

/// A sentence with its tokens, and what the recogniser needs around it.
struct Clause<'a> {
    text: &'a str,
    toks: &'a [Tok],
    sentence: Span,
    paragraph: Span,
}

impl<'a> Clause<'a> {
    fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.toks.get(i)?;
        if t.punct.is_some() {
            return None;
        }
        // Not `Span::slice`: this is called for every token, and inlined here.
        Some(self.text.get(t.span.start..t.span.end).unwrap_or(""))
    }

    /// Whether the period at token `i` ends an abbreviation inside a phrase rather than
    /// a sentence: an initial ("Laurence H. Tribe"), a title ("Rep. Gwen Moore"), a
    /// dotted acronym ("U.S.", "the S.E.C."), a company suffix ("Compaq Computer Corp.")
    /// "No." before a number ("the No. 2 Republican"), or any period a comma or a
    /// lower-case word follows.
    fn abbreviation_dot(&self, i: usize) -> bool {
        let Some(w) = i.checked_sub(1).and_then(|k| self.word(k)) else {
            return false;
        };
        // A period before a comma or a lower-case word ends no sentence: "Phoenix,
        // Ariz., reported", "Calif. officials".
        let continues = self.punct(i + 1) == Some(',')
            || self
                .word(i + 1)
                .is_some_and(|n| n.bytes().next().is_some_and(|b| b.is_ascii_lowercase()));
        continues
            || (w.len() == 1 && is_capitalised(w))
            || cues::contains(&SETS.abbreviated_titles, w)
            || is_dotted_acronym(w)
            || lower_ascii_eq(w, &["corp", "co", "inc", "ltd", "bros", "cos", "dept"])
            || (w == "No"
                && self
                    .word(i + 1)
                    .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit())))
    }

    fn punct(&self, i: usize) -> Option<char> {
        self.toks.get(i).and_then(|t| t.punct)
    }

    fn is_quote(&self, i: usize) -> bool {
        self.punct(i).is_some_and(|c| quotes::family(c).is_some())
    }

    fn closes_quote(&self, i: usize) -> bool {
        match (self.toks.get(i), self.punct(i)) {
            (Some(t), Some(c)) => {
                quotes::family(c).is_some() && quotes::closes(self.text, t.span.start, c)
            }
            _ => false,
        }
    }

    fn opens_quote(&self, i: usize) -> bool {
        match (self.toks.get(i), self.punct(i)) {
            (Some(t), Some(c)) => {
                quotes::family(c).is_some() && quotes::opens(self.text, t.span.start, c)
            }
            _ => false,
        }
    }

    /// The index of the first token before `i` that is not an auxiliary or adverb, and
    /// which kinds of auxiliary were passed. With `ly_adverbs`, any manner adverb in -ly
    /// is stepped over too ("The experts generally praised"); a belief verb keeps the
    /// short list, since "readily assumed the role" is an act, not a belief.
    fn subject_end(&self, i: usize, ly_adverbs: bool) -> (Option<usize>, bool, bool) {
        let (mut modal, mut be) = (false, false);
        let mut j = i;
        while j > 0 {
            j -= 1;
            match self.word(j) {
                Some(w) if cues::contains(&SETS.skippable, w) => {
                    modal |= cues::contains(&SETS.modals, w);
                    be |= cues::contains(&SETS.be, w);
                }
                Some(w) if ly_adverbs && is_ly_adverb(w) && !lower_ascii_eq(w, APPROXIMATORS) => {}
                // "an arbitration panel in 2001 found", "Trump on Monday said".
                Some(w)
                    if is_time_word(w)
                        && j.checked_sub(1)
                            .and_then(|k| self.word(k))
                            .is_some_and(|p| {
                                lower_ascii_eq(p, &["in", "on", "last", "this", "earlier"])
                            }) =>
                {
                    j -= 1;
                }
                // "Compaq Computer Corp. said", "The S.E.C. said": the period belongs to
                // the subject's last word.
                None if self.punct(j) == Some('.') && self.abbreviation_dot(j) => {
                    return (j.checked_sub(1), modal, be);
                }
                // "Gov. Mike Pence (R-IN) said": step over a short parenthesis.
                None if self.punct(j) == Some(')') => {
                    let open = (j.saturating_sub(8)..j)
                        .rev()
                        .find(|&k| self.punct(k) == Some('('));
                    match open {
                        Some(k) if k > 0 => j = k,
                        _ => return (Some(j), modal, be),
                    }
                }
                _ => return (Some(j), modal, be),
            }
        }
        (None, modal, be)
    }

    /// Walks back from token `end` (inclusive) over a noun phrase; returns its first
    /// token. Stops at clause words and at punctuation other than quotes and hyphens.
    fn np_back(&self, end: usize, max: usize) -> Option<usize> {
        let mut start = None;
        let mut j = end + 1;
        let mut n = 0;
        while j > 0 && n < max {
            j -= 1;
            match self.punct(j) {
                Some(c) if quotes::family(c).is_some() || c == '-' => {
                    // A quoted word inside a noun phrase ("The 'war correspondent' Dmitry").
                    start?;
                    continue;
                }
                // "Mr. Podesta", "Sen. Claire McCaskill", "Lawrence B. Cummings".
                Some('.') if start.is_some() && self.abbreviation_dot(j) => {
                    continue;
                }
                Some(_) => break,
                None => {}
            }
            let w = self.word(j).unwrap_or("");
            // "Armenia and Azerbaijan": a coordination of names is one source.
            let names_joined = w == "and"
                && start.is_some()
                && j.checked_sub(1)
                    .and_then(|k| self.word(k))
                    .is_some_and(is_capitalised);
            // "experts surveyed by Vedomosti": an agent inside a reduced relative.
            // "a 2014 study by Loyola Law School professor Justin Levitt found": the
            // author of a document is part of the document's name.
            let agent = w == "by"
                && start.is_some()
                && j.checked_sub(1)
                    .and_then(|k| self.word(k))
                    .is_some_and(|p| {
                        (p.ends_with("ed") && !is_capitalised(p))
                            || cues::contains(&SETS.document_words, p)
                            || cues::contains(&SETS.dataset_words, p)
                    });
            if !names_joined
                && !agent
                && (cues::contains(&SETS.clause_stop, w)
                    || cues::contains(&SETS.np_back_stop, w)
                    || cues::lookup(w).is_some_and(|c| c.form == Form::Past)
                    || (w.ends_with("ing") && !is_capitalised(w) && w.len() > 5))
            {
                break;
            }
            start = Some(j);
            n += 1;
        }
        // Do not start a phrase on a quotation mark or a lone preposition.
        let mut s = start?;
        while s <= end
            && (self.is_quote(s)
                || self.word(s).is_some_and(|w| {
                    lower_ascii_eq(
                        w,
                        &["of", "by", "on", "in", "for", "to", "with", "at", "from"],
                    )
                }))
        {
            s += 1;
        }
        (s <= end).then_some(s)
    }

    /// Walks forward from token `start` over a noun phrase; returns its last token.
    fn np_forward(&self, start: usize, max: usize) -> Option<usize> {
        let mut last = None;
        let mut j = start;
        let mut n = 0;
        while j < self.toks.len() && n < max {
            match self.punct(j) {
                Some(c) if c == '-' || c == '&' => {}
                Some(c) if quotes::family(c).is_some() && last.is_some() => {}
                // "Rep. G.K. Butterfield", "J. Smith".
                Some('.')
                    if last.and_then(|k| self.word(k)).is_some_and(|w| {
                        cues::contains(&SETS.abbreviated_titles, w) || w.chars().count() == 1
                    }) && self.word(j + 1).is_some_and(is_capitalised) => {}
                Some(_) => break,
                None => {
                    let w = self.word(j).unwrap_or("");
                    // "the 2010 and 2020 censuses", "Trump and Clinton".
                    let joined = w == "and"
                        && last.and_then(|k| self.word(k)).is_some_and(|p| {
                            is_capitalised(p) || p.bytes().all(|b| b.is_ascii_digit())
                        });
                    // After a name, a lower-case word other than a linking one is the
                    // verb that follows the phrase ("Ramid Namazov followed").
                    let after_name = last.and_then(|k| self.word(k)).is_some_and(is_capitalised)
                        && !is_capitalised(w)
                        && (w.ends_with("ed") || cues::lookup(w).is_some())
                        && !lower_ascii_eq(
                            w,
                            &[
                                "of", "for", "on", "to", "and", "the", "de", "van", "von", "al",
                                "bin", "in", "at",
                            ],
                        );
                    if last.is_some()
                        && !joined
                        && (after_name
                            || cues::contains(&SETS.clause_stop, w)
                            || lower_ascii_eq(w, &["said", "says"]))
                    {
                        break;
                    }
                    last = Some(j);
                    n += 1;
                }
            }
            j += 1;
        }
        last
    }

    /// How far a quotation opened at byte `at` may run: to the end of the paragraph,
    /// at most [`MAX_QUOTATION_BYTES`].
    fn reach(&self, at: usize) -> usize {
        reach(self.text, at, self.paragraph.end)
    }

    /// How far back the opening mark of a quotation closed at byte `at` may lie.
    fn reach_back(&self, at: usize) -> usize {
        let mut floor = at
            .saturating_sub(MAX_QUOTATION_BYTES)
            .max(self.paragraph.start);
        while !self.text.is_char_boundary(floor) {
            floor += 1;
        }
        floor
    }

    /// The quotation that ends the sentence before this one in its paragraph, when it
    /// ends with its own stop ("“… 14 million votes?” Trump said"): the segmenter ends
    /// a sentence there, and the source that follows still reports it.
    fn quotation_before(&self) -> Option<Span> {
        let before = self.text.get(self.paragraph.start..self.sentence.start)?;
        let trimmed = before.trim_end();
        let mut chars = trimmed.chars().rev();
        let close = chars.next()?;
        if !matches!(chars.next(), Some('?' | '!' | '.' | ',')) {
            return None;
        }
        let fam = quotes::family(close)?;
        let at = self.paragraph.start + trimmed.len() - close.len_utf8();
        if !quotes::closes(self.text, at, close) {
            return None;
        }
        let open = quotes::find_open(self.text, at, fam, self.reach_back(at))?;
        Some(Span::new(open, at + close.len_utf8()))
    }

    fn span(&self, a: usize, b: usize) -> Span {
        let s = self
            .toks
            .get(a)
            .map_or(self.sentence.start, |t| t.span.start);
        let e = self.toks.get(b).map_or(self.sentence.end, |t| t.span.end);
        Span::new(s.min(e), e)
    }

    /// The content from token `from` to the end of the sentence, or to the end of a
    /// quotation that opens at `from` (which may close in a later sentence).
    fn content_forward(&self, from: usize) -> Option<(Span, bool)> {
        let first = self.toks.get(from)?;
        let mut end = self.next_relation(from).unwrap_or(self.sentence.end);
        let mut direct = false;
        if self.opens_quote(from) {
            if let Some(c) = self.punct(from).and_then(quotes::family) {
                if let Some(close) =
                    quotes::find_close(self.text, first.span.start, c, self.reach(first.span.start))
                {
                    direct = true;
                    // The quotation may end the sentence or run on past it.
                    end = close.max(self.sentence.end);
                }
            }
        }
        let span = trim_end_punct(
            self.text,
            Span::new(first.span.start, end.max(first.span.start)),
        );
        (!span.is_empty()).then_some((span, direct))
    }

    /// The byte where a coordinated second relation starts after token `from`: ",
    /// citing ...", "and demanded ...". The content of the first ends there.
    fn next_relation(&self, from: usize) -> Option<usize> {
        (from + 1..self.toks.len().saturating_sub(1)).find_map(|k| {
            // Only a comma, "while", "before", "after" or "and" opens one: the next
            // word is looked up only after them.
            let opens = match (self.punct(k), self.word(k)) {
                (Some(','), _) => true,
                (None, Some(w)) => w == "and" || lower_ascii_eq(w, &["while", "before", "after"]),
                _ => false,
            };
            if !opens {
                return None;
            }
            let next = self
                .word(k + 1)
                .filter(|w| SETS.cue_filter.may_hold(w.as_bytes()))
                .and_then(cues::lookup)?;
            let starts = match (self.punct(k), self.word(k)) {
                (Some(','), _) => next.form == Form::Gerund && next.class == CueClass::Speech,
                // ", while stressing that ...".
                (None, Some(w)) if lower_ascii_eq(w, &["while", "before", "after"]) => {
                    next.form == Form::Gerund
                        && next.class == CueClass::Speech
                        && k > 0
                        && self.punct(k - 1) == Some(',')
                }
                (None, Some("and")) => {
                    next.class == CueClass::Speech
                        && matches!(next.form, Form::Past | Form::ThirdPerson)
                }
                _ => false,
            };
            starts
                .then(|| self.toks.get(k).map(|t| t.span.start))
                .flatten()
        })
    }

    /// A quotation that goes on in the next sentence after its attribution ("“A,” said
    /// X. “B.”") extends the content to the end of the continuation.
    fn continued(&self, content: Span, direct: bool) -> Span {
        if !direct {
            return content;
        }
        let Some(rest) = self.text.get(self.sentence.end..self.paragraph.end) else {
            return content;
        };
        let lead = rest.len() - rest.trim_start().len();
        let at = self.sentence.end + lead;
        let Some(c) = rest.trim_start().chars().next() else {
            return content;
        };
        let (Some(fam), Some(open)) = (
            quotes::family(c),
            self.text
                .get(content.start..)
                .and_then(|s| s.chars().next()),
        ) else {
            return content;
        };
        if quotes::family(open) != Some(fam) || !quotes::opens(self.text, at, c) {
            return content;
        }
        match quotes::find_close(self.text, at, fam, self.reach(at)) {
            Some(close) => content.cover(Span::new(at, close)),
            None => content,
        }
    }

    /// The content before token `i` (exclusive; `i` is the comma or closing quote that
    /// ends it): from the sentence start, or from the quotation mark that opens it.
    fn content_backward(&self, i: usize) -> Option<(Span, bool)> {
        let mut end_tok = i;
        // Skip the comma and the closing quote ("...,” he said").
        let mut close_quote = None;
        while end_tok > 0 {
            let k = end_tok - 1;
            if self.closes_quote(k) && close_quote.is_none() {
                close_quote = Some(k);
                end_tok = k;
            } else if matches!(self.punct(k), Some(',' | '—' | '–')) {
                end_tok = k;
            } else {
                break;
            }
        }
        if let Some(q) = close_quote {
            let t = self.toks.get(q)?;
            let c = t.punct.and_then(quotes::family)?;
            if let Some(open) =
                quotes::find_open(self.text, t.span.start, c, self.reach_back(t.span.start))
            {
                let span = Span::new(open, t.span.end);
                return Some((span, true));
            }
        }
        if end_tok == 0 {
            return None;
        }
        let start = self.toks.first()?.span.start;
        let end = self.toks.get(end_tok - 1)?.span.end;
        let span = Span::new(start, end.max(start));
        (!span.is_empty()).then_some((span, false))
    }
}

/// The longest quotation followed, in bytes. A quotation may run over several sentences
/// of its paragraph (a quoted paragraph of news copy); a mark left open in a paragraph
/// of megabytes must not make every relation's content reach its end.
const MAX_QUOTATION_BYTES: usize = 4 * crate::segment::MAX_SENTENCE_BYTES;

/// The end of the quotation search from byte `at`: `end`, or [`MAX_QUOTATION_BYTES`]
/// further, on a char boundary.
fn reach(text: &str, at: usize, end: usize) -> usize {
    let mut limit = end.min(at.saturating_add(MAX_QUOTATION_BYTES));
    while limit > at && !text.is_char_boundary(limit) {
        limit -= 1;
    }
    limit
}

/// Drops a final period, comma or semicolon (but keeps a closing quotation mark).
fn trim_end_punct(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'));
    Span::new(span.start, span.start + t.len())
}

/// A relation before it becomes a mention.
struct Found {
    source: Option<Span>,
    cue: Span,
    content: Option<Span>,
    direct: bool,
}

/// Finds the attribution relations of a document.
pub fn recognise(ctx: &Context) -> Vec<Mention> {
    recognise_with(ctx, None)
}

/// A cue word the sentence-shape rules refused, read as a relation, with the named
/// features the fallback model weighs.
#[doc(hidden)]
pub struct TrainingCandidate {
    pub mention: Mention,
    pub features: Vec<String>,
}

/// The relations the rules find, and every refused cue as a candidate for the fallback
/// model, none of them accepted: what `examples/train_attribution.rs` learns from.
#[doc(hidden)]
pub fn training_candidates(ctx: &Context) -> (Vec<Mention>, Vec<TrainingCandidate>) {
    let mut candidates = Vec::new();
    let mentions = recognise_with(ctx, Some(&mut candidates));
    (mentions, candidates)
}

/// The relations of a document. With `training`, refused cues are collected there as
/// candidates and none is accepted; without, the fallback model decides each.
fn recognise_with(
    ctx: &Context,
    mut training: Option<&mut Vec<TrainingCandidate>>,
) -> Vec<Mention> {
    let text = ctx.text;
    let mut out = Vec::new();
    let mut toks = Vec::with_capacity(64);
    let mut quoted = ParagraphQuotations::default();
    let mut found_here: Vec<Found> = Vec::new();
    let mut refused_here: Vec<(usize, Cue)> = Vec::new();
    let mut features = if training.is_some() {
        fallback::Features::named()
    } else {
        fallback::Features::scored()
    };
    let mut model_here: Vec<Found> = Vec::new();
    let cue_filter = &SETS.cue_filter;
    for sentence in &ctx.segments.sentences {
        let body = sentence.span.slice(text);
        if !may_hold_cue(body) {
            continue;
        }
        tokenize(text, sentence.span, &mut toks);
        let paragraph = ctx
            .segments
            .paragraphs
            .get(sentence.paragraph)
            .copied()
            .unwrap_or(sentence.span);
        let clause = Clause {
            text,
            toks: &toks,
            sentence: sentence.span,
            paragraph,
        };
        let mut last_source: Option<Span> = None;
        found_here.clear();
        // "Pence: Gennifer Flowers won't be at the debate", "PENCE: Well, look, ...".
        if sentence.span.start == paragraph.start {
            if let Some(f) = speaker_label(&clause) {
                last_source = f.source;
                found_here.push(f);
            }
        }
        for (i, tok) in toks.iter().enumerate() {
            if let Some(p) = tok.punct {
                if matches!(p, '―' | '—') {
                    if let Some(f) = dash_signature(&clause, i) {
                        found_here.push(f);
                    }
                }
                continue;
            }
            // A span off char boundaries reads as "", which is no cue.
            let w = text.get(tok.span.start..tok.span.end).unwrap_or("");
            let mut refused: Option<Cue> = None;
            let found = if w.eq_ignore_ascii_case("according") {
                according_to(&clause, i)
            } else if cue_filter.may_hold(w.as_bytes())
                && (w.bytes().all(|b| b.is_ascii_lowercase()) || headline_cue(&clause, i, w))
            {
                let lower;
                let w = if w.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
                    lower = w.to_ascii_lowercase();
                    lower.as_str()
                } else {
                    w
                };
                let entry = CueWord::of(w);
                let rules_cue = entry.rules;
                refused = rules_cue.or(entry.model_only);
                rules_cue
                    .and_then(|cue| {
                        if cue.learned && !learned_cue_reads_as_one(&clause, i, cue) {
                            return None;
                        }
                        let found = verb_cue(&clause, i, cue, last_source)?;
                        // "which seemed to be a major success": a belief needs a
                        // believer, and "which" stands for a thing.
                        if cue.class == CueClass::Cognition
                            && i.checked_sub(1)
                                .and_then(|k| clause.word(k))
                                .is_some_and(|w| w.eq_ignore_ascii_case("which"))
                        {
                            return None;
                        }
                        // A belief inside a quotation is the quoted speaker's own stance
                        // ("“I think ...,” she said"), which PolNeAR leaves unannotated.
                        // The paragraph's quotations are found only for a relation.
                        if cue.class == CueClass::Cognition {
                            let at = toks.get(i).map_or(Span::new(0, 0), |t| t.span);
                            if quoted.hold(text, sentence.paragraph, paragraph, at) {
                                return None;
                            }
                        }
                        Some(found)
                    })
                    .or_else(|| entry.is(NOMINAL).then(|| nominal_cue(&clause, i, w))?)
                    .or_else(|| {
                        entry
                            .is(QUOTATION_FRAME)
                            .then(|| quotation_frame_cue(&clause, i, w, last_source))?
                    })
                    .or_else(|| entry.is(TOPIC).then(|| topic_cue(&clause, i, w))?)
                    .or_else(|| entry.is(LABELLING).then(|| labelling_cue(&clause, i, w))?)
            } else {
                None
            };
            if let Some(f) = found {
                if f.source.is_some() {
                    last_source = f.source;
                }
                found_here.push(f);
            } else if let Some(cue) = refused {
                refused_here.push((i, cue));
            }
        }
        // Refused cues are read once the sentence's relations are known: a cue inside
        // another relation's content is rarely a relation of its own.
        let rules_found = found_here.len();
        for (i, cue) in refused_here.drain(..) {
            let at = toks.get(i).map_or(Span::new(0, 0), |t| t.span);
            // The paragraph's quotations are found only for a candidate.
            let in_quotation = || quoted.hold(text, sentence.paragraph, paragraph, at);
            features.reset();
            let found = &found_here[..rules_found];
            let Some(f) = fallback::candidate(&clause, i, cue, in_quotation, found, &mut features)
            else {
                continue;
            };
            match training.as_deref_mut() {
                Some(list) => list.push(TrainingCandidate {
                    mention: to_mention(text, f, true),
                    features: features.take_names(),
                }),
                None if features.accepted() => model_here.push(f),
                None => {}
            }
        }
        drop_nested_beliefs(text, &mut found_here);
        bound_contents(text, &mut found_here);
        out.extend(found_here.drain(..).map(|f| to_mention(text, f, false)));
        out.extend(model_here.drain(..).map(|f| to_mention(text, f, true)));
    }
    out
}

/// Drops a belief or intention inside the reported content of a speech relation of
/// the same sentence: in "Officials said they expect the deal to fail", "expect" is
/// part of what the officials said, not a relation of its own.
fn drop_nested_beliefs(text: &str, found: &mut Vec<Found>) {
    if found.len() < 2 {
        return;
    }
    let class = |f: &Found| {
        let word = f.cue.slice(text).split(' ').next().unwrap_or("");
        cues::lookup(&word.to_ascii_lowercase()).map(|c| c.class)
    };
    let speech: Vec<Span> = found
        .iter()
        .filter(|f| class(f) == Some(CueClass::Speech))
        .filter_map(|f| f.content)
        .collect();
    if speech.is_empty() {
        return;
    }
    // A parenthesis inside the content is the writer's aside, not the speaker's words:
    // "(all three countries consider Iran the main factor of regional instability)".
    let in_aside = |content: Span, cue: Span| {
        text.get(content.start..cue.start)
            .and_then(|before| before.rfind(['(', ')']))
            .is_some_and(|k| text.as_bytes().get(content.start + k) == Some(&b'('))
    };
    found.retain(|f| {
        class(f) != Some(CueClass::Cognition)
            || !speech
                .iter()
                .any(|&c| c.contains(f.cue) && !in_aside(c, f.cue))
    });
}

/// Stops each relation's reported (not quoted) content at the next relation of its
/// sentence: "X said A, and Y said B" gives X the content "A", and "“...”, X said
/// A, Y said." gives Y the content "A". One relation may open the content ("X said
/// that Y claimed Z" keeps "that Y claimed Z" for X); the one after it ends it. So no
/// content holds more than two relations, and the output grows with the text, not
/// with the number of relations times the sentence.
fn bound_contents(text: &str, found: &mut [Found]) {
    if found.len() < 2 {
        return;
    }
    // Where each relation begins (its source when that comes first) and where its cue
    // ends, in the order of the cues.
    let mut heads: Vec<(usize, usize, usize)> = found
        .iter()
        .map(|f| {
            let head = f
                .source
                .filter(|s| s.start < f.cue.start)
                .map_or(f.cue.start, |s| s.start);
            (f.cue.start, head, f.cue.end)
        })
        .collect();
    heads.sort_unstable();
    for f in found.iter_mut() {
        let Some(content) = f.content.filter(|_| !f.direct) else {
            continue;
        };
        let bounded = if content.start >= f.cue.end {
            forward_bound(text, &heads, content)
        } else if content.end <= f.cue.start {
            backward_bound(text, &heads, content)
        } else {
            content
        };
        f.content = (!bounded.is_empty()).then_some(bounded);
    }
}

/// A forward content cut before the second relation whose cue lies inside it, or
/// before the first when that one does not open the content.
fn forward_bound(text: &str, heads: &[(usize, usize, usize)], content: Span) -> Span {
    let first = heads.partition_point(|&(cue, _, _)| cue <= content.start);
    let mut inside = heads
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&(cue, _, _)| cue < content.end);
    let opens = |head: usize| {
        let lead = text.get(content.start..head).unwrap_or("x").trim();
        lead.is_empty() || lead.eq_ignore_ascii_case("that")
    };
    let cut = match inside.next() {
        Some(&(_, head, _)) if opens(head) => inside.next().map(|&(_, head, _)| head),
        Some(&(_, head, _)) => Some(head),
        None => None,
    };
    match cut {
        Some(end) if end > content.start => trim_content(text, Span::new(content.start, end)),
        Some(_) => Span::new(content.start, content.start),
        None => content,
    }
}

/// A backward content started after the cue of the last relation inside it.
fn backward_bound(text: &str, heads: &[(usize, usize, usize)], content: Span) -> Span {
    let before = heads.partition_point(|&(cue, _, _)| cue < content.end);
    let last_end = heads
        .get(..before)
        .unwrap_or_default()
        .iter()
        .rev()
        .map(|&(_, _, end)| end)
        .find(|&end| end > content.start && end <= content.end);
    match last_end {
        Some(start) => trim_content(text, Span::new(start, content.end)),
        None => content,
    }
}

/// Drops the punctuation, white space and conjunction left at either edge of a content
/// cut at another relation (", and", "; but").
fn trim_content(text: &str, span: Span) -> Span {
    let edge = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '—' | '–');
    let s = span.slice(text);
    let lead = s.len() - s.trim_start_matches(edge).len();
    let mut t = s.trim_start_matches(edge).trim_end_matches(edge);
    while let Some((rest, last)) = t.rsplit_once(char::is_whitespace) {
        if !lower_ascii_eq(last, &["and", "but", "or", "while", "as"]) {
            break;
        }
        t = rest.trim_end_matches(edge);
    }
    let start = span.start + lead;
    Span::new(start, start + t.len())
}

/// "It was reported that ...", "it is widely believed that ...": a passive without an
/// agent reports content whose source the sentence does not name, a relation with a
/// null source (PolNeAR annotates it so).
fn agentless_passive(
    c: &Clause,
    i: usize,
    cue: Cue,
    prev_word: Option<&str>,
    be: bool,
) -> Option<Found> {
    if !(be && cue.form == Form::Past && prev_word.is_some_and(|w| w.eq_ignore_ascii_case("it"))) {
        return None;
    }
    if c.word(i + 1) != Some("that") {
        return None;
    }
    let (content, direct) = c.content_forward(i + 1)?;
    Some(Found {
        source: None,
        cue: c.span(i, i),
        content: Some(content),
        direct,
    })
}

/// An evaluation reported without its author: "has been criticized as too soft",
/// "is widely seen as a failure", "was accused of fraud", "were praised for their
/// courage". The passive cue with "as" (any cue verb), or "of" / "for" (a speech verb)
/// is a relation with no source; what follows is its content.
fn evaluative_passive(c: &Clause, i: usize, cue: Cue, be: bool, after: usize) -> Option<Found> {
    if !be || cue.form != Form::Past {
        return None;
    }
    let next = c.word(after)?;
    // "was called for": the particle makes a different verb.
    if cue.particle == Some(next) {
        return None;
    }
    let reads = next == "as" || (cue.class == CueClass::Speech && (next == "of" || next == "for"));
    if !reads {
        return None;
    }
    let (content, direct) = c.content_forward(after + 1)?;
    // "was described as such": a phrase of some length, not a pronoun alone.
    let words = c.toks[after + 1..]
        .iter()
        .filter(|t| t.punct.is_none())
        .count();
    if words < 2 {
        return None;
    }
    Some(Found {
        source: None,
        cue: c.span(i, after),
        content: Some(content),
        direct,
    })
}

/// A belief held by the subject, told with a participle: "residents were worried that
/// the plant would close", "we are convinced that ...". A cognition verb after a form
/// of "be" and before "that", with a subject other than "it" ("it was feared that" is
/// the agentless passive).
#[allow(clippy::too_many_arguments)]
fn held_belief(
    c: &Clause,
    i: usize,
    cue: Cue,
    subj: Option<usize>,
    prev_word: Option<&str>,
    be: bool,
    modal: bool,
    after: usize,
) -> Option<Found> {
    if !be || modal || cue.class != CueClass::Cognition || cue.form != Form::Past {
        return None;
    }
    if c.word(after) != Some("that") || prev_word.is_some_and(|w| w.eq_ignore_ascii_case("it")) {
        return None;
    }
    let (src_start, src_end) = subject_np(c, subj?)?;
    let source = c.span(src_start, src_end);
    if !source.slice(c.text).chars().any(char::is_alphabetic) {
        return None;
    }
    let (content, direct) = c.content_forward(after)?;
    Some(Found {
        source: Some(source),
        cue: c.span(i, i),
        content: Some(content),
        direct,
    })
}

/// Whether a verb of the learned lexicon is a cue where it stands: a cognition verb
/// needs a complement after it ([`complement_follows`]); a past form followed by a
/// preposition is a participle modifying a noun ("the agreements previously
/// concluded in 2020"), not a report.
fn learned_cue_reads_as_one(c: &Clause, i: usize, cue: Cue) -> bool {
    if cue.class == CueClass::Cognition {
        return complement_follows(c, i) || named_holder_with_object(c, i, cue);
    }
    let preposition = c.word(i + 1).is_some_and(|w| {
        lower_ascii_eq(
            w,
            &[
                "in", "on", "at", "by", "during", "for", "from", "with", "under", "between",
            ],
        )
    });
    !(cue.form == Form::Past && preposition)
}

/// "Christie endorsed Trump", "He mocked the complaint", "Clinton supports the deal": a
/// learned stance verb in a finite form, right after a name or a personal pronoun, with
/// a noun phrase after it (a name or a determiner) reports the holder's stance toward
/// that phrase, as PolNeAR annotates it. A common noun before it ("the signs echo the
/// Georgian scenario") is no holder.
fn named_holder_with_object(c: &Clause, i: usize, cue: Cue) -> bool {
    if !matches!(cue.form, Form::Past | Form::ThirdPerson) {
        return false;
    }
    let (subj, modal, be) = c.subject_end(i, false);
    if modal || be {
        return false;
    }
    let holder = subj.and_then(|k| c.word(k)).is_some_and(|p| {
        lower_ascii_eq(p, &["he", "she", "they"])
            || (is_capitalised(p)
                && !is_possessive(p)
                && !lower_ascii_eq(p, &["the", "a", "an", "it", "this", "that", "i"]))
    });
    let object = c.word(i + 1).is_some_and(|n| {
        (is_capitalised(n) && !lower_ascii_eq(n, &["I"]))
            || lower_ascii_eq(
                n,
                &[
                    "the", "a", "an", "his", "her", "their", "its", "him", "them",
                ],
            )
    });
    holder && object
}

/// Whether a clause, an infinitive or a quotation follows the cue at token `i`
/// ("found that", "seemed to", "urged: “...”", "questioned whether"). A learned
/// cognition verb is a cue only then: with a noun phrase after it it reports no
/// content ("the signs echo the Georgian scenario", "agreements concluded in 2020").
fn complement_follows(c: &Clause, i: usize) -> bool {
    let mut k = i + 1;
    // "said repeatedly that", "concluded last week that".
    while c
        .word(k)
        .is_some_and(|w| w.ends_with("ly") || is_time_word(w))
    {
        k += 1;
    }
    match c.word(k) {
        Some(w) => lower_ascii_eq(
            w,
            &[
                "that", "to", "whether", "if", "how", "what", "why", "who", "when",
            ],
        ),
        None => c.punct(k) == Some(':') || c.opens_quote(k) || c.punct(k) == Some(','),
    }
}

/// Labels that head a paragraph with a colon but name no source.
const NOT_SPEAKERS: &[&str] = &[
    "Note",
    "Update",
    "Updated",
    "Photo",
    "Photos",
    "Image",
    "Related",
    "Read",
    "Watch",
    "Video",
    "Warning",
    "Breaking",
    "Correction",
    "Editor",
    "Disclaimer",
    "Q",
    "A",
    "Subscribe",
    "Follow",
    "Contact",
    "Email",
    "Tags",
    "Topics",
    "Share",
    "Listen",
    "See",
    "Also",
    "More",
    "Previously",
    "Background",
    "Caption",
    "Credit",
    "Source",
    "Sources",
    "Getty",
];

/// A speaker label at the start of a paragraph: one to three capitalised words and a
/// colon, as in transcripts and in headlines ("Poll: Clinton and Trump in dead heat").
fn speaker_label(c: &Clause) -> Option<Found> {
    let mut j = 0;
    while c.opens_quote(j) {
        j += 1;
    }
    let first = j;
    while j < first + 3 && c.word(j).is_some_and(is_capitalised) {
        j += 1;
    }
    if j == first || c.punct(j) != Some(':') {
        return None;
    }
    let label = c.span(first, j - 1);
    if lower_ascii_eq(label.slice(c.text), NOT_SPEAKERS) {
        return None;
    }
    let (content, direct) = c.content_forward(j + 1)?;
    // A label speaks for the whole paragraph of a transcript.
    let end = c.reach(content.start);
    let content = if end > content.end && c.paragraph.start == c.sentence.start {
        trim_end_punct(c.text, Span::new(content.start, end))
    } else {
        content
    };
    Some(Found {
        source: Some(label),
        cue: c.span(j, j),
        content: Some(content),
        direct,
    })
}

/// `“...” ― Name`: a quotation signed with a dash and a name. The quotation may end
/// the previous sentence.
fn dash_signature(c: &Clause, i: usize) -> Option<Found> {
    if !c.word(i + 1).is_some_and(is_capitalised) {
        return None;
    }
    let dash = c.toks.get(i)?.span;
    let floor = c.reach_back(dash.start);
    let before = c.text.get(floor..dash.start)?.trim_end();
    let q = before.chars().next_back()?;
    let fam = quotes::family(q)?;
    let q_at = floor + before.len() - q.len_utf8();
    if !quotes::closes(c.text, q_at, q) {
        return None;
    }
    let open = quotes::find_open(c.text, q_at, fam, c.reach_back(q_at))?;
    let src_end = c.np_forward(i + 1, 5)?;
    Some(Found {
        source: Some(c.span(i + 1, src_end)),
        cue: dash,
        content: Some(Span::new(open, q_at + q.len_utf8())),
        direct: true,
    })
}

/// The quotations of the paragraph last asked about, found once per paragraph and only
/// when a relation or a candidate needs them.
#[derive(Default)]
struct ParagraphQuotations {
    spans: Vec<Span>,
    paragraph: Option<usize>,
}

impl ParagraphQuotations {
    /// Whether `at` lies inside a quotation of paragraph number `index`, whose span is
    /// `paragraph`.
    fn hold(&mut self, text: &str, index: usize, paragraph: Span, at: Span) -> bool {
        if self.paragraph != Some(index) {
            quotations(text, paragraph, &mut self.spans);
            self.paragraph = Some(index);
        }
        self.spans
            .iter()
            .any(|q| q.start < at.start && at.end <= q.end)
    }
}

/// The quotations of a paragraph: double quotes and guillemets, and single quotes
/// longer than a few words (shorter ones are names and scare quotes). A double quote
/// left open runs to the end of the paragraph, as a quoted paragraph does in news copy.
fn quotations(text: &str, paragraph: Span, out: &mut Vec<Span>) {
    out.clear();
    let body = paragraph.slice(text);
    let mut from = 0;
    while let Some(rel) = body.get(from..).and_then(next_opening_mark) {
        let (i, c) = rel;
        let at = paragraph.start + from + i;
        from += i + c.len_utf8();
        let Some(fam) = quotes::family(c) else {
            continue;
        };
        if !quotes::opens(text, at, c) {
            continue;
        }
        let limit = reach(text, at, paragraph.end);
        match quotes::find_close(text, at, fam, limit) {
            Some(close) => {
                if fam != quotes::Family::Single || close - at >= 40 {
                    out.push(Span::new(at, close));
                }
                from = close - paragraph.start;
            }
            None if fam != quotes::Family::Single => {
                out.push(Span::new(at, limit));
                if limit == paragraph.end {
                    break;
                }
                from = limit - paragraph.start;
            }
            None => {}
        }
    }
}

/// The first mark in `s` that may open a quotation, with its byte offset: a byte scan
/// for `"`, `'` and the lead bytes of `“ ‘ „` (E2) and `«` (C2), decoding only there.
fn next_opening_mark(s: &str) -> Option<(usize, char)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    // Eight bytes at a time while none of them can start a mark.
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        if has_mark_byte(u64::from_le_bytes(word)) {
            break;
        }
        i += 8;
    }
    while i < bytes.len() {
        if BYTE_CLASS[usize::from(bytes[i])] == QUOTE_LEAD {
            if let Some(c) = s.get(i..).and_then(|r| r.chars().next()) {
                if matches!(c, '"' | '“' | '«' | '\'' | '‘' | '„') {
                    return Some((i, c));
                }
            }
        }
        i += 1;
    }
    None
}

/// `b` in every byte of a word.
const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// Whether some byte of `x` is zero (exact as a whole; the classic bit trick).
fn has_zero_byte(x: u64) -> bool {
    x.wrapping_sub(splat(1)) & !x & splat(0x80) != 0
}

/// Whether some byte of `x` is a [`QUOTE_LEAD`] byte.
fn has_mark_byte(x: u64) -> bool {
    has_zero_byte(x ^ splat(b'"'))
        || has_zero_byte(x ^ splat(b'\''))
        || has_zero_byte(x ^ splat(0xC2))
        || has_zero_byte(x ^ splat(0xE2))
}

/// A speech verb in a title-case headline after a name: "..., Lindsey Graham Says."
fn headline_cue(c: &Clause, i: usize, w: &str) -> bool {
    i > 0
        && c.word(i + 1).is_none()
        && c.word(i - 1).is_some_and(is_capitalised)
        && lower_ascii_eq(
            w,
            &[
                "says", "said", "say", "warns", "tells", "told", "claims", "admits",
            ],
        )
}

/// A sentence shorter than "He said." holds no relation.
fn may_hold_cue(s: &str) -> bool {
    s.len() >= 8
}

fn to_mention(text: &str, f: Found, by_model: bool) -> Mention {
    let mut span = f.cue;
    for s in [f.source, f.content].into_iter().flatten() {
        span = span.cover(s);
    }
    let (source_name, source_role, source_kind) = match f.source {
        Some(s) => analyse_source(text, s),
        None => (None, None, SourceKind::Unknown),
    };
    Mention {
        span,
        payload: Payload::Attribution(Attribution {
            source: f.source,
            cue: Some(f.cue),
            content: f.content,
            direct: f.direct,
            source_name,
            source_role,
            source_kind,
            source_id: None,
            by_model,
        }),
    }
}

/// `according to SOURCE, CONTENT` or `CONTENT, according to SOURCE`.
fn according_to(c: &Clause, i: usize) -> Option<Found> {
    if !c.word(i + 1)?.eq_ignore_ascii_case("to") {
        return None;
    }
    let cue = c.span(i, i + 1);
    let src_end = c.np_forward(i + 2, 12)?;
    let source = c.span(i + 2, src_end);
    // Content before: "..., according to X."
    let before_comma = i > 0 && matches!(c.punct(i - 1), Some(',' | '(' | '—' | '–'));
    let leading = (0..i).filter(|&k| c.word(k).is_some()).count();
    if before_comma && leading >= 3 {
        let (content, direct) = c.content_backward(i)?;
        return Some(Found {
            source: Some(source),
            cue,
            content: Some(content),
            direct,
        });
    }
    // Content after: "According to X, ...".
    let mut k = src_end + 1;
    while c.punct(k).is_some_and(|p| p == ',') {
        k += 1;
    }
    let content = c.content_forward(k).map(|(s, _)| s);
    content.map(|content| Found {
        source: Some(source),
        cue,
        content: Some(content),
        direct: false,
    })
}

/// Nouns of saying that cite their source: "Peskov’s statement that ...", "the
/// accusations by Ramid Namazov", "a warning from the Kremlin".
const NOMINALS: &[&str] = &[
    "statement",
    "statements",
    "remarks",
    "comments",
    "claim",
    "claims",
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "warning",
    "warnings",
    "announcement",
    "assertion",
    "assertions",
    "version",
    "apology",
    "threats",
    "demand",
    "demands",
    "promise",
    "pledge",
    "proposal",
    "criticism",
    "denial",
    "admission",
    "insistence",
    "assurances",
    "testimony",
    "prediction",
    "estimate",
    "estimates",
    "announcements",
    "criticisms",
    "decision",
    "decisions",
    "request",
    "requests",
    "message",
    "doubts",
    "complaint",
    "complaints",
    "threat",
    "denials",
    "refusal",
];

/// Nouns of intention whose content may be an infinitive: "his decision to withdraw",
/// "her promise to cut taxes". ("his comments to reporters": a recipient, not content.)
const INTENTION_NOMINALS: &[&str] = &[
    "decision",
    "decisions",
    "promise",
    "pledge",
    "demand",
    "request",
    "threat",
    "refusal",
    "proposal",
];

/// Nouns of evaluation whose source may follow "from": "criticism from Democrats",
/// "warnings from economists". ("a proposal from the United States" is a thing.)
const FROM_NOMINALS: &[&str] = &[
    "criticism",
    "criticisms",
    "warning",
    "warnings",
    "complaint",
    "complaints",
    "doubts",
];

/// A noun cue at token `i` with a named source: a capitalised possessive before it or
/// `by`/`from` and a phrase after it. Its content is a following that-clause, if any.
fn nominal_cue(c: &Clause, i: usize, w: &str) -> Option<Found> {
    if !cues::contains(&SETS.nominals, w) {
        return None;
    }
    let cue = c.span(i, i);
    let (source, next) = match (i.checked_sub(1).and_then(|k| c.word(k)), c.word(i + 1)) {
        (Some(p), _) if is_possessive(p) && is_capitalised(p) => {
            let mut s = i - 1;
            while s > 0
                && c.word(s - 1)
                    .is_some_and(|w| is_capitalised(w) && !is_possessive(w))
                && i - s < 4
            {
                s -= 1;
            }
            // "The Azerbaijani president’s" is a description; keep only names.
            if c.word(s)
                .is_some_and(|w| lower_ascii_eq(w, &["the", "a", "an"]))
            {
                return None;
            }
            (c.span(s, i - 1), i + 1)
        }
        // "his announcement that ...", "their decision to ...": a possessive pronoun
        // is the source when a content follows (checked below).
        (Some(p), _) if lower_ascii_eq(p, &["his", "her", "their", "its", "our", "my"]) => {
            (c.span(i - 1, i - 1), i + 1)
        }
        (_, Some(by @ ("by" | "from" | "of"))) => {
            // "the decision of the court", "criticism from Democrats": "of" names the
            // holder of a decision or a request only, "from" of an evaluation.
            if by == "of" && !lower_ascii_eq(w, INTENTION_NOMINALS)
                || by == "from"
                    && !lower_ascii_eq(w, FROM_NOMINALS)
                    && !lower_ascii_eq(w, &["statement", "statements"])
            {
                return None;
            }
            let first = c.word(i + 2)?;
            if !(is_capitalised(first) || lower_ascii_eq(first, &["the"])) {
                return None;
            }
            let mut end = c.np_forward(i + 2, 8)?;
            // "the decision of the court to hear the case": the infinitive is the content.
            if lower_ascii_eq(w, INTENTION_NOMINALS) {
                if let Some(to) = (i + 3..=end).find(|&k| c.word(k) == Some("to")) {
                    end = to - 1;
                }
            }
            (c.span(i + 2, end), end + 1)
        }
        _ => return None,
    };
    let pronoun =
        i > 0 && c.span(i - 1, i - 1) == source && !c.word(i - 1).is_some_and(is_possessive);
    let content = (c.word(next) == Some("that")
        || c.word(next) == Some("to") && lower_ascii_eq(w, INTENTION_NOMINALS))
    .then(|| c.content_forward(next))
    .flatten();
    // Without a that-clause only an agent names a relation ("the accusations by X",
    // "criticism from Democrats"); "Baku’s demand", "a proposal from the United
    // States", "his statement" are things, not speech.
    if content.is_none()
        && (pronoun
            || !(c.word(i + 1) == Some("by")
                || c.word(i + 1) == Some("from") && lower_ascii_eq(w, FROM_NOMINALS)))
    {
        return None;
    }
    Some(Found {
        source: Some(source),
        cue,
        content: content.map(|(s, _)| s),
        direct: content.is_some_and(|(_, d)| d),
    })
}

/// Verbs that report speech only with the topic after them: "spoke of the legacy of
/// racism", "talked about bringing communities together". Alone they report nothing
/// ("he spoke at a rally", "the talks resumed").
const TOPIC_VERBS: &[&str] = &[
    "speak", "speaks", "spoke", "spoken", "speaking", "talk", "talks", "talked", "talking",
];

/// A topic verb at token `i` with its subject: "Mr. Obama spoke emotionally of his
/// flights", "She has spoken out about the need for reform". The cue runs to "about"
/// or "of"; the content is the phrase after it.
fn topic_cue(c: &Clause, i: usize, w: &str) -> Option<Found> {
    if !lower_ascii_eq(w, TOPIC_VERBS) {
        return None;
    }
    let mut k = i + 1;
    while k < i + 3 && c.word(k).is_some_and(|x| is_ly_adverb(x) || x == "out") {
        k += 1;
    }
    if !c.word(k).is_some_and(|x| x == "about" || x == "of") {
        return None;
    }
    let (subj, _, be) = c.subject_end(i, true);
    let subj = subj?;
    let prev = c.word(subj)?;
    // "the peace talks about", "was talked about": a noun or a passive.
    let holder = cues::contains(&SETS.pronouns, prev)
        || cues::contains(&SETS.people_words, prev)
        || is_capitalised(prev) && !lower_ascii_eq(prev, &["the", "these", "those", "a", "an"]);
    if be || !holder || lower_ascii_eq(prev, &["it"]) {
        return None;
    }
    let (src_start, src_end) = subject_np(c, subj)?;
    let (content, direct) = c.content_forward(k + 1)?;
    Some(Found {
        source: Some(c.span(src_start, src_end)),
        cue: c.span(i, k),
        content: Some(content),
        direct,
    })
}

/// Verbs that label something "as" something: "cast him as an outsider", "viewed
/// communists as terrorists", "referred to King as ...". Alone most of them report
/// nothing ("the film was cast", "the view from the hill").
const LABELLING_VERBS: &[&str] = &[
    "cast",
    "casts",
    "casting",
    "paint",
    "paints",
    "painted",
    "painting",
    "depict",
    "depicts",
    "depicted",
    "depicting",
    "characterize",
    "characterizes",
    "characterized",
    "characterizing",
    "characterise",
    "characterises",
    "characterised",
    "characterising",
    "brand",
    "brands",
    "branded",
    "branding",
    "label",
    "labels",
    "labeled",
    "labelled",
    "labeling",
    "labelling",
    "view",
    "views",
    "viewed",
    "viewing",
    "regard",
    "regards",
    "regarded",
    "regarding",
    "refer",
    "refers",
    "referred",
    "referring",
    "describe",
    "describes",
    "described",
    "describing",
    "portray",
    "portrays",
    "portrayed",
    "portraying",
    "see",
    "sees",
    "saw",
    "dismiss",
    "dismisses",
    "dismissed",
    "dismissing",
];

/// A labelling verb at token `i`, its object and "as" within a few words, after a
/// subject that can hold it: "Trump further described the incident as a “terrible
/// situation”", "Birchers viewed communists as terrorists". The content runs from the
/// object to the end of the clause.
fn labelling_cue(c: &Clause, i: usize, w: &str) -> Option<Found> {
    if !lower_ascii_eq(w, LABELLING_VERBS) {
        return None;
    }
    let mut from = i + 1;
    // "referred to King as": the particle belongs to the cue.
    if lower_ascii_eq(w, &["refer", "refers", "referred", "referring"]) {
        if c.word(from) != Some("to") {
            return None;
        }
        from += 1;
    }
    // The object: a few words with no punctuation or clause word, then "as".
    let mut k = from;
    loop {
        let x = c.word(k)?;
        if x == "as" {
            break;
        }
        if k >= from + 6 || cues::contains(&SETS.clause_stop, x) || cues::lookup(x).is_some() {
            return None;
        }
        k += 1;
    }
    if k == from {
        return None;
    }
    let (subj, modal, be) = c.subject_end(i, true);
    let subj = subj?;
    let prev = c.word(subj)?;
    let holder = cues::contains(&SETS.pronouns, prev)
        || cues::contains(&SETS.people_words, prev)
        || cues::contains(&SETS.org_words, prev)
        || cues::contains(&SETS.outlet_words, prev)
        || is_capitalised(prev) && !lower_ascii_eq(prev, &["the", "these", "those", "a", "an"]);
    if be || modal || !holder || lower_ascii_eq(prev, &["it", "i", "we", "you"]) {
        return None;
    }
    let (src_start, src_end) = subject_np(c, subj)?;
    let (content, direct) = c.content_forward(from)?;
    Some(Found {
        source: Some(c.span(src_start, src_end)),
        cue: c.span(i, from - 1),
        content: Some(content),
        direct,
    })
}

/// Verbs that introduce speech only around a quotation: "“...,” Carson continued.",
/// "He continued, “...”". Elsewhere they report nothing ("The fighting continued").
const QUOTATION_FRAME_VERBS: &[&str] = &["continued", "continues"];

/// A verb of [`QUOTATION_FRAME_VERBS`] at token `i`, read as a speech verb and kept
/// only when its content is a quotation.
fn quotation_frame_cue(c: &Clause, i: usize, w: &str, last_source: Option<Span>) -> Option<Found> {
    if !lower_ascii_eq(w, QUOTATION_FRAME_VERBS) {
        return None;
    }
    let form = if w.ends_with('s') {
        Form::ThirdPerson
    } else {
        Form::Past
    };
    let cue = Cue {
        class: CueClass::Speech,
        form,
        particle: None,
        learned: false,
    };
    verb_cue(c, i, cue, last_source).filter(|f| f.direct)
}

/// A verb cue at token `i`, if the clause around it makes it one.
fn verb_cue(c: &Clause, i: usize, cue: Cue, last_source: Option<Span>) -> Option<Found> {
    let (subj, modal, be) = c.subject_end(i, cue.class == CueClass::Speech);
    let prev_word = subj.and_then(|j| c.word(j));
    let prev_punct = subj.and_then(|j| c.punct(j));
    // "... declared that ... and demanded full transparency": a second verb of the
    // same subject.
    if prev_word.is_some_and(|w| w == "and" || w == "but")
        && cue.class == CueClass::Speech
        && matches!(cue.form, Form::Past | Form::ThirdPerson)
        && !modal
        && !be
    {
        // With no relation before it in the sentence, the second verb shares the
        // sentence's subject ("Cruz exhorted Republicans to ... and said he was ...",
        // "Zimmerman shot Martin, but claimed self-defense") when it reports something:
        // a clause, a quotation, or a verb of saying proper. "was arrested and charged
        // with murder" reports nothing.
        let says = c
            .word(i)
            .is_some_and(|w| lower_ascii_eq(w, &["said", "says", "told", "tells"]));
        let source = match last_source {
            Some(s) => s,
            None if says || complement_follows(c, i) => leading_subject(c)?,
            None => return None,
        };
        let (content, direct) = c.content_forward(i + 1)?;
        return Some(Found {
            source: Some(source),
            cue: c.span(i, i),
            content: Some(content),
            direct,
        });
    }
    // A noun or an adjective, not a verb: "the states", "his plans", "Trump's claims".
    if let Some(w) = prev_word {
        // "An official said", "a Homeland Security Department official said": a word
        // for people is the subject of a past form, not an adjective ("official
        // reports").
        let person_said = cue.form == Form::Past && cues::contains(&SETS.people_words, w);
        if cues::contains(&SETS.noun_context, w) && !(be && cue.form == Form::Past) && !person_said
        {
            return None;
        }
        if is_possessive(w) || w.bytes().all(|b| b.is_ascii_digit() || b == b',') {
            return None;
        }
    }
    // The cue span, with its particle ("called for", "pointed out").
    let mut cue_end = i;
    if let (Some(p), Some(next)) = (cue.particle, c.word(i + 1)) {
        if next == p {
            cue_end = i + 1;
        }
    }
    let after = cue_end + 1;
    let cue_span = c.span(i, cue_end);
    // A plural noun, not a verb: "Republican claims as inaccurate", "battleground
    // states in", "raises questions about".
    if cue.form == Form::ThirdPerson
        && c.word(i)
            .is_some_and(|w| cues::contains(&SETS.plural_nouns, w))
        && !named_after_comma(c, subj)
        && !document_head(c, subj)
        && (matches!(c.punct(after), Some('.' | ')' | ']' | '–' | '—'))
            || c.word(after)
                .is_some_and(|w| cues::contains(&SETS.noun_followers, w))
            || prev_word.is_some_and(|w| {
                !is_capitalised(w) && w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")
            }))
    {
        return None;
    }
    // A plural noun is the subject of the verb after it: "claims were", "campaign-finance
    // reports shows" (a third-person verb cannot take a finite verb as its object).
    if cue.form == Form::ThirdPerson
        && c.word(after).is_some_and(|w| {
            cues::contains(&SETS.modals, w)
                || cues::contains(&SETS.be, w)
                || lower_ascii_eq(w, &["has", "have", "had"])
                || cues::lookup(w).is_some_and(|next| next.form == Form::ThirdPerson)
        })
    {
        return None;
    }
    // "Twenty-seven states led by …", "three reports", "27 claims": after a count, a
    // third-person form is a plural noun.
    if cue.form == Form::ThirdPerson
        && subj.is_some_and(|j| {
            c.word(j).is_some_and(|w| {
                w.bytes().next().is_some_and(|b| b.is_ascii_digit())
                    || crate::recognize::figures::is_count_word(w)
                    || lower_ascii_eq(w, &["many", "few"])
            })
        })
    {
        return None;
    }
    if let Some(found) = agentless_passive(c, i, cue, prev_word, be) {
        return Some(found);
    }
    if let Some(found) = evaluative_passive(c, i, cue, be, after) {
        return Some(found);
    }
    if let Some(found) = held_belief(c, i, cue, subj, prev_word, be, modal, after) {
        return Some(found);
    }
    let subject_like = prev_word.is_some_and(|w| {
        cues::contains(&SETS.pronouns, w)
            || is_capitalised(w)
            || (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("ed"))
            || !w.ends_with("ed") && !w.ends_with("ing") && !is_ly_adverb(w)
    });
    // "A USA TODAY analysis of super PACs that have raised …, shows": a document
    // opening the sentence with its relative clause is the subject, not a content.
    let opening = prev_punct == Some(',') && subj.is_some_and(|j| opening_document(c, j).is_some());
    match (cue.class, cue.form) {
        (_, Form::Base) => {
            // "Many people believe", "police say": plural nouns without an "s".
            let plural_word = |w: &str| {
                lower_ascii_eq(
                    w,
                    &[
                        "i", "we", "you", "they", "who", "people", "police", "men", "women",
                        "children",
                    ],
                ) || (w.ends_with('s') && !w.ends_with("ss") && !is_possessive(w))
            };
            // "experts surveyed by Vedomosti believe": a plural head a few words back.
            // A name right before a base form is a plural or coordinated subject
            // ("Police say", "Mr. Grassley and Mr. Leahy say"); so is a phrase with a
            // plural word in it ("Those close to him say", "advisers to Mr. Obama say").
            let plural = prev_word.is_some_and(|w| {
                plural_word(w) || (is_capitalised(w) && !lower_ascii_eq(w, &["I"]))
            }) || prev_word
                .is_some_and(|w| lower_ascii_eq(w, &["him", "her", "them", "us", "it"]))
                && subj.is_some_and(|j| {
                    (j.saturating_sub(5)..j)
                        .rev()
                        .map_while(|k| c.word(k))
                        .any(|w| {
                            (!is_capitalised(w) && plural_word(w) && w.len() > 3)
                                || lower_ascii_eq(w, &["those", "these", "many", "others", "both"])
                        })
                });
            if !(modal || plural) || be {
                return None;
            }
            // "I think", "you know", "I must tell you": the speaker's own words inside
            // speech.
            if prev_word.is_some_and(|w| lower_ascii_eq(w, &["i", "we", "you"])) {
                return None;
            }
        }
        (CueClass::Cognition, Form::ThirdPerson | Form::Past) => {
            let holder = prev_word.is_some_and(|w| {
                lower_ascii_eq(w, &["he", "she", "it", "who", "which", "that", "they"])
                    || is_capitalised(w) && !lower_ascii_eq(w, &["I", "We", "You"])
                    || cues::contains(&SETS.people_words, w)
                    || cues::contains(&SETS.document_words, w)
                    || cues::contains(&SETS.dataset_words, w)
                    || cues::contains(&SETS.org_words, w)
            });
            // "Video shows that ...": a clause after the verb makes any subject a holder.
            let clause_follows = c.word(after) == Some("that")
                && (cue.form == Form::ThirdPerson
                    || c.word(i)
                        .is_some_and(|w| lower_ascii_eq(w, &["found", "showed"])));
            if be
                || modal
                || !(holder || clause_follows && subject_like || document_head(c, subj) || opening)
            {
                return None;
            }
        }
        (CueClass::Speech, Form::ThirdPerson | Form::Past) => {
            if prev_word.is_some() && !subject_like {
                return None;
            }
            // "are called failing", "was asked to": a passive without an agent names or
            // reports an act done to the subject, not the subject's words.
            if be && c.word(after) != Some("by") {
                return None;
            }
            // ", accused of injuring ...": a participle clause about someone else.
            if prev_punct == Some(',')
                && cue.form == Form::Past
                && c.word(after)
                    .is_some_and(|w| lower_ascii_eq(w, &["of", "by", "as", "with", "in"]))
            {
                return None;
            }
        }
        (CueClass::Cognition, Form::Gerund) => return None,
        (CueClass::Speech, Form::Gerund) if be => {}
        (CueClass::Speech, Form::Gerund) => {
            // ", saying that ...", ", adding that ...", ", while stressing that ...".
            let after_comma = prev_punct == Some(',')
                || (prev_word.is_some_and(|w| lower_ascii_eq(w, &["while", "before", "after"]))
                    && subj.is_some_and(|j| j > 0 && c.punct(j - 1) == Some(',')));
            if !after_comma {
                return None;
            }
            let content = c.content_forward(after)?;
            let source = last_source.or_else(|| leading_subject(c));
            return Some(Found {
                source,
                cue: cue_span,
                content: Some(content.0),
                direct: content.1,
            });
        }
    }
    // Passive with an agent: "it was announced by X".
    if be && cue.form == Form::Past {
        if c.word(after) == Some("by") {
            let src_end = c.np_forward(after + 1, 10)?;
            let source = c.span(after + 1, src_end);
            let content = subj
                .and_then(|j| c.np_back(j, 10))
                .map(|s| c.span(s, subj.unwrap_or(s)));
            return Some(Found {
                source: Some(source),
                cue: cue_span,
                content,
                direct: false,
            });
        }
        if cue.class == CueClass::Cognition {
            return None;
        }
    }
    // Inverted: "..., said Smith." / "“...,” said Smith, a lawyer."
    if prev_word.is_none() && !modal && !be && !opening {
        if let Some(f) = inverted_after(c, subj, after, cue_span) {
            return Some(f);
        }
    }
    // "..., as noted in a report by Human Rights Watch"; "as X said".
    if prev_word.is_some_and(|w| w.eq_ignore_ascii_case("as"))
        && c.word(after).is_some_and(|w| w == "in" || w == "by")
    {
        let j = subj?;
        let src_end = c.np_forward(after + 1, 12)?;
        let source = c.span(after + 1, src_end);
        let (content, direct) = c.content_backward(j)?;
        return Some(Found {
            source: Some(source),
            cue: c.span(j, after),
            content: Some(content),
            direct,
        });
    }
    // "Azerbaijan demanded an investigation ..., accused Moscow of murder": a list of
    // verbs of one subject.
    if prev_punct == Some(',')
        && !modal
        && !be
        && cue.class == CueClass::Speech
        && matches!(cue.form, Form::Past | Form::ThirdPerson)
    {
        if let Some(source) = last_source {
            let (content, direct) = c.content_forward(after)?;
            return Some(Found {
                source: Some(source),
                cue: cue_span,
                content: Some(content),
                direct,
            });
        }
    }
    let subj = subj?;
    // The subject noun phrase, or the head before ", who" / ", which".
    let (src_start, src_end) = subject_np(c, subj)?;
    // Inverted: "..., sources said." / "“...,” he said."
    let before_src = src_start.checked_sub(1);
    let after_boundary = before_src
        .is_some_and(|k| matches!(c.punct(k), Some(',' | '—' | '–')) || c.closes_quote(k));
    // After a quotation the source may carry a long apposition ("“...,” Mr. Regalado,
    // the Republican mayor of Miami, said"): the closing mark already shows where the
    // content ends, so the phrase between it and the cue is the source.
    let after_quote = before_src.is_some_and(|k| {
        c.closes_quote(k) || (c.punct(k) == Some(',') && k > 0 && c.closes_quote(k - 1))
    });
    let longest = if after_quote { 24 } else { 10 };
    // "It does not say whether he had a gun, as police have said.": an "as" clause
    // after a comma reports the clause before it.
    if let Some(k) = before_src.filter(|&k| {
        k > 0
            && c.punct(k - 1) == Some(',')
            && c.word(k).is_some_and(|w| w.eq_ignore_ascii_case("as"))
    }) {
        if cue.class == CueClass::Speech
            && !be
            && ends_clause(c, after)
            && src_end + 1 - src_start <= 6
        {
            let (content, direct) = c.content_backward(k)?;
            return Some(Found {
                source: Some(c.span(src_start, src_end)),
                cue: cue_span,
                content: Some(content),
                direct,
            });
        }
    }
    // Where a forward content starts: after the cue and any colon or comma.
    let mut forward = after;
    while matches!(c.punct(forward), Some(':' | ',')) {
        forward += 1;
    }
    // "Asked about the device, O'Neill said, “Not going to go into that.”": a quotation
    // right after the cue is what was said, whatever stands before the source.
    let quote_follows = c.opens_quote(forward);
    // "“…,” Melanie said to the Republican nominee", "“…,” she said at a news
    // conference": after a quotation closed right before the source, a phrase of place or
    // addressee after the cue leaves the quotation as the content.
    // The quotation ends with its own stop or comma, not as a scare quote inside the
    // subject ("the 'charged' spokesperson said").
    let quoted_speech = after_quote
        && before_src.is_some_and(|k| {
            c.punct(k) == Some(',')
                || (k > 0 && matches!(c.punct(k - 1), Some(',' | '?' | '!' | '.')))
        });
    let backward = after_boundary
        && (ends_clause(c, after) || (quoted_speech && adjunct_follows(c, after)))
        && (quoted_speech || !quote_follows);
    if backward && src_end + 1 - src_start <= longest {
        let (content, direct) = c.content_backward(src_start)?;
        let content = c.continued(content, direct);
        return Some(Found {
            source: Some(c.span(src_start, src_end)),
            cue: cue_span,
            content: Some(content),
            direct,
        });
    }
    // "“… 14 million votes?” Trump said, looking out on the crowd": the source opens the
    // sentence after a quotation and nothing after the cue is reported.
    if before_src.is_none()
        && cue.class == CueClass::Speech
        && !be
        && !quote_follows
        && (ends_clause(c, after) || adjunct_follows(c, after))
        && src_end + 1 - src_start <= 10
    {
        if let Some(quotation) = c.quotation_before() {
            return Some(Found {
                source: Some(c.span(src_start, src_end)),
                cue: cue_span,
                content: Some(quotation),
                direct: true,
            });
        }
    }
    // "The economy added 200,000 jobs", "The state had added the additional week":
    // "add" with an object is an increase, not speech; it reports only a clause, a
    // colon or a quotation ("He added that ...", "He added: “...”").
    if c.word(i)
        .is_some_and(|w| lower_ascii_eq(w, &["add", "adds", "added", "adding"]))
        && !(c.word(after) == Some("that")
            || matches!(c.punct(after), Some(':' | ','))
            || c.opens_quote(after))
    {
        return None;
    }
    // Forward: "X said (that) ...", "X said: “...”".
    let k = forward;
    let (content, direct) = match c.content_forward(k) {
        Some(x) => x,
        None if cue.class == CueClass::Speech && before_src.is_none() => {
            // "He said." after a quotation in the previous sentence: no content here.
            (Span::new(cue_span.end, cue_span.end), false)
        }
        None => return None,
    };
    if cue.class == CueClass::Cognition {
        // A belief or a finding needs a clause or a phrase of some length.
        let words = c.toks[k..].iter().filter(|t| t.punct.is_none()).count();
        // "Christie endorsed Trump.": a name alone is a phrase of its own.
        let name = words == 1 && c.word(k).is_some_and(is_capitalised);
        if words < 2 && !name {
            return None;
        }
    }
    let content = (!content.is_empty()).then_some(content);
    let source = c.span(src_start, src_end);
    if !source.slice(c.text).chars().any(char::is_alphabetic) {
        return None;
    }
    Some(Found {
        source: Some(source),
        cue: cue_span,
        content,
        direct,
    })
}

/// Whether the subject phrase ending at token `end` is headed by a document or data
/// word a few words back: "a USA TODAY analysis of newly filed campaign-finance reports
/// shows", "the 2010 census of the republic found". The head is the last such word
/// before an "of"; the walk stops at punctuation or a clause word.
fn document_head(c: &Clause, end: Option<usize>) -> bool {
    let Some(end) = end else {
        return false;
    };
    let mut k = end + 1;
    while k > 0 && end + 1 - k < 8 {
        k -= 1;
        let Some(w) = c.word(k) else {
            return false;
        };
        if cues::contains(&SETS.document_words, w) || cues::contains(&SETS.dataset_words, w) {
            return k == end || c.word(k + 1) == Some("of");
        }
        if cues::contains(&SETS.clause_stop, w) {
            return false;
        }
    }
    false
}

/// `CONTENT, CUE SOURCE.`: the cue right after a comma or a closing quotation mark
/// at `subj`, a named source after it, and the sentence ending there.
/// Whether the words ending at token `subj` are a capitalised name right after a
/// comma: "..., The Wall Street Journal reports." reads "reports" as the verb of an
/// inverted attribution, not as a plural noun.
fn named_after_comma(c: &Clause, subj: Option<usize>) -> bool {
    let Some(mut k) = subj else {
        return false;
    };
    let mut names = 0;
    while c.word(k).is_some_and(is_capitalised) && names < 8 {
        names += 1;
        match k.checked_sub(1) {
            Some(p) => k = p,
            None => return false,
        }
    }
    names > 0 && c.punct(k) == Some(',')
}

/// Whether an apposition starting at token `k` ends the sentence: "..., said John
/// Smith, a spokesman." The source is the name before it.
/// ", said a spokesman, who by custom was not identified.": a relative clause about the
/// source that runs to the end of the sentence.
fn relative_ends(c: &Clause, k: usize) -> bool {
    if !c
        .word(k)
        .is_some_and(|w| lower_ascii_eq(w, &["who", "whose", "which"]))
    {
        return false;
    }
    let end = (k + 1..c.toks.len().min(k + 25))
        .find(|&j| matches!(c.punct(j), Some('.' | '!' | '?' | ';' | '"' | '“' | '”')));
    match end {
        Some(j) => matches!(c.punct(j), Some('.' | '!' | '?')) && j + 1 >= c.toks.len(),
        None => k + 25 > c.toks.len(),
    }
}

fn apposition_ends(c: &Clause, k: usize) -> bool {
    let Some(first) = c.word(k) else {
        return false;
    };
    if !lower_ascii_eq(first, &["a", "an", "the", "his", "her", "its", "their"]) {
        return false;
    }
    c.np_forward(k, 8)
        .is_some_and(|end| match c.punct(end + 1) {
            None => end + 1 >= c.toks.len(),
            Some(p) => matches!(p, '.' | '!' | '?'),
        })
}

fn inverted_after(c: &Clause, subj: Option<usize>, after: usize, cue: Span) -> Option<Found> {
    let j = subj?;
    let quoted = c.closes_quote(j) || (c.punct(j) == Some(',') && j > 0 && c.closes_quote(j - 1));
    if !(quoted || c.punct(j) == Some(',')) {
        return None;
    }
    // "Donna Rawlings, 59, of Ashton, who watched, said the event ...": the name that
    // opens the sentence is the subject, and what follows the cue its content.
    if !quoted && opening_name(c, j).is_some() {
        return None;
    }
    // The source is named: "said Smith", "said the minister", not "accused Moscow of".
    let first = c.word(after)?;
    if !(is_capitalised(first)
        || lower_ascii_eq(
            first,
            &[
                "the", "a", "an", "his", "her", "their", "its", "our", "another", "one", "two",
                "three", "several", "some", "many", "both", "former",
            ],
        ))
    {
        return None;
    }
    let src_end = c.np_forward(after, 10)?;
    let closes = match c.punct(src_end + 1) {
        None => src_end + 1 >= c.toks.len(),
        Some('.' | '!' | '?' | ';') => true,
        Some(',') => quoted || apposition_ends(c, src_end + 2) || relative_ends(c, src_end + 2),
        Some(_) => false,
    };
    if !closes {
        return None;
    }
    let (content, direct) = c.content_backward(j + 1)?;
    let content = c.continued(content, direct);
    Some(Found {
        source: Some(c.span(after, src_end)),
        cue,
        content: Some(content),
        direct,
    })
}

/// Whether a phrase of place, occasion or addressee follows the cue at token `k` ("said
/// to the crowd", "said at a news conference", "said during the debate"): no content.
fn adjunct_follows(c: &Clause, k: usize) -> bool {
    c.word(k)
        .is_some_and(|w| lower_ascii_eq(w, &["to", "at", "in", "on", "during", "from", "with"]))
}

/// Whether the clause ends at token `k`: the sentence ends, or only a time phrase or a
/// closing mark follows.
fn ends_clause(c: &Clause, k: usize) -> bool {
    let mut j = k;
    let mut words = 0;
    while j < c.toks.len() {
        match c.punct(j) {
            Some('.' | '!' | '?' | ';' | ',') => return true,
            Some(p) if quotes::family(p).is_some() => {}
            Some(_) => return words == 0,
            None => {
                let w = c.word(j).unwrap_or("");
                if !(cues::contains(&SETS.tail_ok, w)
                    || is_capitalised(w)
                    || w.bytes().all(|b| b.is_ascii_digit()))
                    || words >= 8
                {
                    return false;
                }
                words += 1;
            }
        }
        j += 1;
    }
    true
}

/// The noun phrase that ends at token `end`; for a relative pronoun (", who said"), the
/// phrase before its comma. A parenthetical between subject and cue (", speaking at a
/// forum,") is stepped over.
fn subject_np(c: &Clause, end: usize) -> Option<(usize, usize)> {
    let w = c.word(end);
    if let Some(w) = w {
        if lower_ascii_eq(w, &["who", "which", "that"]) {
            // "the Chicago Police Department which reported ...": a restrictive relative
            // right after a name; the name is the antecedent.
            if let Some(head) = end.checked_sub(1).filter(|&h| {
                c.word(h)
                    .is_some_and(|p| is_capitalised(p) && !is_possessive(p))
            }) {
                let mut s = head;
                while s > 0 && c.word(s - 1).is_some_and(is_capitalised) && head - s < 6 {
                    s -= 1;
                }
                if s > 0
                    && c.word(s - 1)
                        .is_some_and(|d| lower_ascii_eq(d, &["the", "a", "an"]))
                {
                    s -= 1;
                }
                return Some((s, head));
            }
            if end > 0 && c.punct(end - 1) == Some(',') && end >= 2 {
                let head = end - 2;
                let s = c.np_back(head, 10)?;
                // The antecedent is the nearest phrase: "a phone call between President
                // Aliyev and Volodymyr Zelensky, who" → "Volodymyr Zelensky".
                let s = (s..head)
                    .rev()
                    .find(|&k| {
                        c.word(k).is_some_and(|w| {
                            lower_ascii_eq(w, &["and", "of", "between", "with", "for", "to"])
                        })
                    })
                    .map_or(s, |k| k + 1);
                return Some((s, head));
            }
            return None;
        }
        if cues::contains(&SETS.pronouns, w) {
            return Some((end, end));
        }
        let s = c.np_back(end, 12)?;
        return Some((s, end));
    }
    match c.punct(end) {
        Some(',') => {
            return opening_name(c, end)
                .or_else(|| opening_document(c, end))
                .or_else(|| parenthetical_subject(c, end))
        }
        Some(d @ ('–' | '—')) => return parenthetical_subject_with(c, end, d),
        _ => {}
    }
    None
}

/// "Kremlin spokesperson Dmitry Peskov, in a conciliatory tone, stated": the subject
/// before a parenthetical between two commas (`end` is the second comma).
fn parenthetical_subject(c: &Clause, end: usize) -> Option<(usize, usize)> {
    parenthetical_subject_with(c, end, ',')
}

/// As [`parenthetical_subject`], for a parenthetical set off by `mark` (a comma, or a
/// dash: "The transcript of the debate–published by The Washington Post–shows").
fn parenthetical_subject_with(c: &Clause, end: usize, mark: char) -> Option<(usize, usize)> {
    let mut j = end;
    let mut n = 0;
    while j > 0 && n < 16 {
        j -= 1;
        n += 1;
        if c.punct(j) == Some(mark) {
            let head_end = j.checked_sub(1)?;
            c.word(head_end)?;
            let s = c.np_back(head_end, 8)?;
            // An appositive role ("Sergei Mironov, leader of the party,") belongs to
            // the source; a participle or prepositional phrase does not.
            let first = c.word(j + 1).unwrap_or("");
            let role = !first.ends_with("ing")
                && !lower_ascii_eq(
                    first,
                    &[
                        "in",
                        "on",
                        "at",
                        "for",
                        "with",
                        "after",
                        "during",
                        "according",
                        "however",
                        "though",
                        "meanwhile",
                        "speaking",
                        "by",
                        "from",
                        "as",
                        "like",
                    ],
                );
            let e = if role { end - 1 } else { head_end };
            return Some((s, e));
        }
        if matches!(c.punct(j), Some(';' | ':'))
            || c.punct(j) == Some('.') && !c.abbreviation_dot(j)
        {
            return None;
        }
    }
    None
}

/// "Donna Sampson Rawlings, 59, of Ashton, Md., who watched the ceremony, said ...": a
/// name opening the sentence, then a comma and its appositions and relative clauses up
/// to the comma `end` before the cue. The name is the subject when no other cue stands
/// between.
fn opening_name(c: &Clause, end: usize) -> Option<(usize, usize)> {
    let mut s = 0;
    while c.is_quote(s) {
        s += 1;
    }
    // "Separately, America West Airlines, Phoenix, Ariz., reported": a sentence adverb
    // and its comma come before the name.
    if c.word(s)
        .is_some_and(|w| is_ly_adverb(&w.to_ascii_lowercase()))
        && c.punct(s + 1) == Some(',')
    {
        s += 2;
    }
    let first = c.word(s)?;
    if !is_capitalised(first) || cues::contains(&SETS.fronted, first) || end > s + 40 {
        return None;
    }
    let e = c.np_forward(s, 6)?;
    let names_only = (s..=e).all(|k| c.word(k).is_some_and(is_capitalised) || c.punct(k).is_some());
    if !names_only || c.punct(e + 1) != Some(',') || e + 1 >= end {
        return None;
    }
    let cue_between = (e + 2..end).any(|k| {
        c.word(k)
            .and_then(cues::lookup)
            .is_some_and(|cue| cue.class == CueClass::Speech)
    });
    (!cue_between).then_some((s, e))
}

/// "A USA TODAY analysis of super PACs that have raised $1 million or more since Jan.
/// 1, 2015, shows …": a document or data set opening the sentence ("analysis of",
/// "survey by"), its restrictive relative clause, and the comma `end` that closes the
/// clause before the cue. The whole phrase is the subject when no verb of speech stands
/// in it.
fn opening_document(c: &Clause, end: usize) -> Option<(usize, usize)> {
    let mut s = 0;
    while c.is_quote(s) {
        s += 1;
    }
    if end > s + 40 || end < s + 4 {
        return None;
    }
    let head = (s..(s + 6).min(end)).find(|&k| {
        c.word(k).is_some_and(|w| {
            cues::contains(&SETS.document_words, w) || cues::contains(&SETS.dataset_words, w)
        })
    })?;
    if !c
        .word(head + 1)
        .is_some_and(|w| lower_ascii_eq(w, &["of", "by", "from", "for"]))
    {
        return None;
    }
    // Everything before the head is its modifiers: no verb, no punctuation.
    if (s..head).any(|k| c.word(k).is_none_or(|w| cues::lookup(w).is_some())) {
        return None;
    }
    let relative = (head + 2..end).find(|&k| {
        c.word(k)
            .is_some_and(|w| lower_ascii_eq(w, &["that", "which", "who"]))
    })?;
    let speech_between = (relative..end).any(|k| {
        c.word(k)
            .and_then(cues::lookup)
            .is_some_and(|cue| cue.class == CueClass::Speech)
    });
    (!speech_between && relative > head + 1).then_some((s, relative - 1))
}

/// The subject at the start of the sentence, for a participial cue with no earlier
/// source in the sentence.
fn leading_subject(c: &Clause) -> Option<Span> {
    // Step over fronted adjuncts: "In 2006, for example, Moscow imposed ...".
    let mut j = 0;
    for _ in 0..3 {
        let first = c.word(j).unwrap_or("");
        if !cues::contains(&SETS.fronted, first) {
            break;
        }
        let comma = (j..c.toks.len().min(j + 12)).find(|&k| c.punct(k) == Some(','))?;
        j = comma + 1;
    }
    while c.punct(j).is_some() {
        j += 1;
    }
    let mut last = None;
    let mut k = j;
    while let Some(w) = c.word(k) {
        let stop = cues::contains(&SETS.skippable, w)
            || cues::contains(&SETS.clause_stop, w)
            || (!is_capitalised(w)
                && (w.ends_with("ed") || w.ends_with("ly") || cues::lookup(w).is_some()));
        if k > j && stop {
            break;
        }
        last = Some(k);
        k += 1;
        if k - j >= 6 {
            break;
        }
    }
    last.map(|e| c.span(j, e))
}

/// Sentence openers that front an adjunct before the subject.
const FRONTED: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "last",
    "however",
    "meanwhile",
    "finally",
    "thus",
    "since",
    "for",
    "by",
    "despite",
    "although",
    "when",
    "while",
    "earlier",
    "later",
    "moreover",
    "instead",
    "still",
    "yet",
    "then",
    "today",
    "yesterday",
    "now",
    "also",
];

/// Titles that precede a person's name ("President", "spokesperson"); the source
/// registry reads them too.
pub(crate) const PERSON_TITLES: &[&str] = &[
    "president",
    "prime",
    "minister",
    "secretary",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "chairman",
    "chairwoman",
    "chair",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "deputy",
    "mr",
    "mrs",
    "ms",
    "dr",
    "judge",
    "general",
    "gen",
    "king",
    "queen",
    "mayor",
    "chancellor",
    "director",
    "ambassador",
    "speaker",
    "leader",
    "candidate",
    "nominee",
    "adviser",
    "aide",
    "professor",
    "chief",
    "vice",
    "former",
];

/// Roles and the words of office names that precede a name, beyond [`PERSON_TITLES`]
/// ("CEO", "White House", "campaign manager").
const ROLE_WORDS: &[&str] = &[
    "pope",
    "ceo",
    "head",
    "advisor",
    "representative",
    "congressman",
    "congresswoman",
    "attorney",
    "lawyer",
    "analyst",
    "scientist",
    "blogger",
    "correspondent",
    "editor",
    "official",
    "founder",
    "state",
    "foreign",
    "defense",
    "defence",
    "white",
    "house",
    "kremlin",
    "political",
    "democratic",
    "republican",
    "senior",
    "campaign",
    "manager",
    "commissioner",
    "officer",
    "economist",
    "expert",
    "author",
    "writer",
    "journalist",
    "activist",
    "reporter",
];

const DATASET_WORDS: &[&str] = &[
    "data",
    "census",
    "censuses",
    "statistics",
    "figures",
    "survey",
    "poll",
    "polls",
    "polling",
    "estimates",
    "numbers",
    "records",
];
const DOCUMENT_WORDS: &[&str] = &[
    "report",
    "study",
    "statement",
    "letter",
    "document",
    "documents",
    "article",
    "memo",
    "analysis",
    "filing",
    "complaint",
    "ruling",
    "book",
    "headlines",
    "research",
    "paper",
    "tweet",
    "post",
    "release",
    "transcript",
    "indictment",
    "email",
    "emails",
    "logic",
    "studies",
    "reports",
    "analyses",
    "surveys",
    "video",
    "footage",
    "recording",
    "audio",
];
const OUTLET_WORDS: &[&str] = &[
    "post",
    "times",
    "news",
    "journal",
    "tv",
    "channel",
    "newspaper",
    "outlet",
    "outlets",
    "agency",
    "reuters",
    "cnn",
    "fox",
    "bbc",
    "guardian",
    "politico",
    "tribune",
    "herald",
    "media",
    "press",
    "magazine",
    "network",
    "telegraph",
    "gazette",
    "axios",
    "breitbart",
    "msnbc",
    "abc",
    "nbc",
    "cbs",
    "ap",
    "bloomberg",
    "radio",
    "website",
    "blog",
];
const ORG_WORDS: &[&str] = &[
    "ministry",
    "department",
    "office",
    "commission",
    "committee",
    "party",
    "authorities",
    "government",
    "kremlin",
    "council",
    "institute",
    "university",
    "bank",
    "watch",
    "service",
    "services",
    "administration",
    "agency",
    "court",
    "congress",
    "senate",
    "parliament",
    "company",
    "corporation",
    "group",
    "union",
    "association",
    "foundation",
    "organisation",
    "organization",
    "campaign",
    "police",
    "army",
    "military",
    "board",
    "cabinet",
    "embassy",
    "fund",
    "center",
    "centre",
    "inc",
    "corp",
    "ltd",
];
const PERSON_PRONOUNS: &[&str] = &["he", "she", "i", "we", "you", "him", "her"];
const PEOPLE_WORDS: &[&str] = &[
    "experts",
    "analysts",
    "officials",
    "sources",
    "source",
    "activists",
    "residents",
    "critics",
    "people",
    "voters",
    "supporters",
    "observers",
    "diplomats",
    "economists",
    "scientists",
    "researchers",
    "lawmakers",
    "legislators",
    "aides",
    "advisers",
    "bloggers",
    "witnesses",
    "organizers",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "official",
];

/// Buffers of [`analyse_source`], kept across calls: a document has a source for each
/// relation.
#[derive(Default)]
struct SourceScratch {
    toks: Vec<Tok>,
    in_lists: Vec<u8>,
    runs: Vec<(usize, usize)>,
}

/// Splits a source span into name and role and guesses its kind.
fn analyse_source(text: &str, span: Span) -> (Option<Span>, Option<Span>, SourceKind) {
    thread_local! {
        static SCRATCH: RefCell<SourceScratch> = RefCell::new(SourceScratch::default());
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => analyse_source_with(text, span, &mut scratch),
        Err(_) => analyse_source_with(text, span, &mut SourceScratch::default()),
    })
}

fn analyse_source_with(
    text: &str,
    span: Span,
    scratch: &mut SourceScratch,
) -> (Option<Span>, Option<Span>, SourceKind) {
    let SourceScratch {
        toks,
        in_lists,
        runs,
    } = scratch;
    tokenize(text, span, toks);
    let toks: &[Tok] = toks;
    let words: Vec<(usize, &str)> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.punct.is_none())
        .map(|(i, t)| (i, t.span.slice(text)))
        .collect();
    // Which of the kind lists each word is in, looked up once.
    in_lists.clear();
    in_lists.extend(words.iter().map(|(_, w)| {
        if !SETS.kind_filter.may_hold(w.as_bytes()) {
            return 0;
        }
        let mut buf = [0u8; 24];
        cues::lowered(w.as_bytes(), &mut buf)
            .and_then(|b| SETS.kind_words.get(b).copied())
            .unwrap_or(0)
    }));
    let in_lists: &[u8] = in_lists;
    let has = |bit: u8| in_lists.iter().any(|&k| k & bit != 0);
    let is_title = |wi: usize| in_lists.get(wi).is_some_and(|&k| k & TITLE != 0);
    if words.len() == 1 && lower_ascii_eq(words[0].1, PERSON_PRONOUNS) {
        return (None, None, SourceKind::Person);
    }
    // The name: a run of capitalised words that are not titles. After a comma the
    // appositive may come first ("Ramid Namazov, Chairman of ...").
    runs.clear();
    let mut cur: Option<(usize, usize)> = None;
    for (wi, &(ti, w)) in words.iter().enumerate() {
        let name_word = is_capitalised(w)
            && !is_title(wi)
            && !lower_ascii_eq(w, &["the", "a", "an"])
            && !is_possessive(w);
        // Punctuation ends a name, except the period of an initial ("G.K. Butterfield").
        let gap = wi > 0 && {
            let prev = words[wi - 1].0;
            ti > prev + 1 && !(ti == prev + 2 && toks[prev + 1].punct == Some('.'))
        };
        if gap {
            if let Some(r) = cur.take() {
                runs.push(r);
            }
        }
        match (name_word, cur) {
            (true, Some((s, _))) => cur = Some((s, wi)),
            (true, None) => cur = Some((wi, wi)),
            (false, Some(r)) => {
                runs.push(r);
                cur = None;
            }
            (false, None) => {}
        }
    }
    runs.extend(cur);
    let kind = if has(DATASET) {
        SourceKind::Dataset
    } else if has(DOCUMENT) && !has(OUTLET) {
        SourceKind::Document
    } else if has(OUTLET) {
        SourceKind::Outlet
    } else if has(ORG) {
        SourceKind::Organisation
    } else if has(PEOPLE) || has(TITLE) {
        SourceKind::Person
    } else {
        SourceKind::Unknown
    };
    // A titled name is a person ("Kremlin spokesperson Dmitry Peskov"), unless the
    // phrase is headed by a document or data set that the person wrote ("A 2014 study
    // by Loyola Law School professor Justin Levitt"): its head comes before the first
    // "by", "of" or "from".
    let head_end = words
        .iter()
        .position(|(_, w)| lower_ascii_eq(w, &["by", "of", "from"]))
        .unwrap_or(words.len());
    let document_head = in_lists[..head_end]
        .iter()
        .any(|&k| k & (DOCUMENT | DATASET) != 0);
    let kind = match runs.last() {
        Some(&(s, e)) if e > s && has(TITLE) && !document_head => SourceKind::Person,
        _ => kind,
    };
    // A person's name is the last run of two or more capitalised words (or one after a
    // title); other sources have no separate name.
    // The name closes the phrase or an appositive ("Ramid Namazov, Chairman of ..."):
    // "talks between Nikol Pashinyan and Ilham Aliyev" names no source.
    let closes = |e: usize| {
        e + 1 == words.len() || toks.get(words[e].0 + 1).and_then(|t| t.punct) == Some(',')
    };
    // A name inside a prepositional phrase ("talks between Nikol Pashinyan and Ilham
    // Aliyev", "the US ambassador to Turkey") is not the source's own name.
    let governed = |s: usize| {
        s > 0
            && toks
                .get(words[s].0.wrapping_sub(1))
                .is_some_and(|t| t.punct.is_none())
            && lower_ascii_eq(
                words[s - 1].1,
                &[
                    "between", "of", "with", "and", "for", "by", "to", "from", "at", "in", "on",
                ],
            )
    };
    let person = kind == SourceKind::Person || kind == SourceKind::Unknown;
    let pick = runs
        .iter()
        .rev()
        .find(|&&(s, e)| {
            let titled = s > 0 && is_title(s - 1);
            (e > s || (person && titled)) && closes(e) && !governed(s)
        })
        .or_else(|| (words.len() == 1).then(|| runs.first()).flatten())
        .copied();
    let Some((s, e)) = pick else {
        return (None, None, kind);
    };
    let name = Span::new(toks[words[s].0].span.start, toks[words[e].0].span.end);
    let kind = if kind == SourceKind::Unknown && e > s {
        SourceKind::Person
    } else {
        kind
    };
    let role = if name == span {
        None
    } else {
        let before = Span::new(span.start, name.start);
        let after = Span::new(name.end, span.end);
        let pick = if before
            .slice(text)
            .trim_matches(|c: char| !c.is_alphanumeric())
            .is_empty()
        {
            after
        } else {
            before
        };
        let s = pick.slice(text);
        let edge = |c: char| c.is_whitespace() || c == ',';
        let lead = s.len() - s.trim_start_matches(edge).len();
        let trimmed = s.trim_matches(edge);
        let r = Span::new(pick.start + lead, pick.start + lead + trimmed.len());
        (!r.is_empty() && !lower_ascii_eq(trimmed, &["the", "a", "an"])).then_some(r)
    };
    (Some(name), role, kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment;
    use proptest::prelude::*;

    #[test]
    fn said_and_statements_pass_the_cue_filter_and_the_and_of_do_not() {
        let f = &SETS.cue_filter;
        for w in cues::forms().chain(NOMINALS.iter().copied()) {
            assert!(f.may_hold(w.as_bytes()), "{w}");
            assert!(f.may_hold(w.to_ascii_uppercase().as_bytes()), "{w}");
        }
        for w in ["the", "of", "and", "a", "in", "to", "is", "2020"] {
            assert!(!f.may_hold(w.as_bytes()), "{w}");
        }
    }

    /// The one lookup of a cue word says what the lexicon's lookups and the shape lists
    /// say of it: "said" a rule cue, "championed" a cue of the model only, "criticism" a
    /// noun, "continued" a quotation frame, "spoke" a topic verb, "portrayed" a label;
    /// in a headline's capitals only the lists match.
    #[test]
    fn said_championed_criticism_and_portrayed_are_found_by_one_lookup() {
        let listed = [
            (NOMINALS, NOMINAL),
            (QUOTATION_FRAME_VERBS, QUOTATION_FRAME),
            (TOPIC_VERBS, TOPIC),
            (LABELLING_VERBS, LABELLING),
        ];
        let words = cues::forms().chain(listed.iter().flat_map(|(l, _)| l.iter().copied()));
        for w in words.chain(["the", "statement", "Statement", "cLAIMS", "SAID"]) {
            let lower = format!(
                "{}{}",
                w.get(..1).unwrap_or("").to_ascii_lowercase(),
                &w[1..]
            );
            let entry = CueWord::of(&lower);
            assert_eq!(
                entry.rules.map(|c| c.form),
                cues::lookup(&lower).map(|c| c.form),
                "{w}"
            );
            assert_eq!(entry.rules.is_some(), cues::lookup(&lower).is_some(), "{w}");
            assert_eq!(
                entry.model_only.is_some(),
                cues::lookup_model_only(&lower).is_some(),
                "{w}"
            );
            for (list, shape) in listed {
                assert_eq!(entry.is(shape), lower_ascii_eq(w, list), "{w}");
            }
        }
        assert!(CueWord::of("said").rules.is_some());
        assert!(CueWord::of("championed").model_only.is_some());
        assert!(CueWord::of("criticism").is(NOMINAL));
        assert!(CueWord::of("cLAIMS").is(NOMINAL) && CueWord::of("cLAIMS").rules.is_none());
        assert!(CueWord::of("portrayed").is(LABELLING));
    }

    #[test]
    fn a_long_paragraph_finds_its_first_opening_mark() {
        let plain = "He said the talks were over and the matter closed";
        assert_eq!(next_opening_mark(plain), None);
        for (mark, text) in [
            ('“', format!("{plain} “We will win”")),
            ('«', format!("{plain} «Nous»")),
            ('\'', format!("{plain} 'not to resign'")),
            ('"', format!("{plain}\"x\"")),
        ] {
            let at = text.find(mark).unwrap_or(0);
            assert_eq!(next_opening_mark(&text), Some((at, mark)), "{text}");
        }
        // A closing mark (”) is not an opening one; the scan goes on past it.
        let t = format!("{plain} ” and “yes”");
        assert_eq!(next_opening_mark(&t), t.find('“').map(|i| (i, '“')));
    }

    #[test]
    fn spokesperson_and_ministry_pass_the_kind_filter() {
        let lists = [
            DATASET_WORDS,
            DOCUMENT_WORDS,
            OUTLET_WORDS,
            ORG_WORDS,
            PEOPLE_WORDS,
            PERSON_TITLES,
            ROLE_WORDS,
        ];
        for w in lists.into_iter().flatten() {
            assert!(SETS.kind_filter.may_hold(w.as_bytes()), "{w}");
            assert!(
                SETS.kind_filter.may_hold(w.to_ascii_uppercase().as_bytes()),
                "{w}"
            );
        }
    }

    /// (source, cue, content) texts of every relation the rules find in `text` (the
    /// fallback model's are [`model_relations`]).
    fn relations(text: &str) -> Vec<(Option<String>, String, Option<String>, bool)> {
        let segs = segment::segment(text);
        let ctx = Context {
            text,
            segments: &segs,
            published: None,
        };
        recognise(&ctx)
            .iter()
            .filter_map(|m| m.reporting())
            .map(|a| {
                (
                    a.source.map(|s| s.slice(text).to_string()),
                    a.cue.map(|s| s.slice(text).to_string()).unwrap_or_default(),
                    a.content.map(|s| s.slice(text).to_string()),
                    a.direct,
                )
            })
            .collect()
    }

    /// The rules' relations and the fallback model's candidates in `text`.
    fn candidates_of(text: &str) -> (Vec<Mention>, Vec<TrainingCandidate>) {
        let segs = segment::segment(text);
        let ctx = Context {
            text,
            segments: &segs,
            published: None,
        };
        training_candidates(&ctx)
    }

    /// (source, cue) texts of the relations the fallback model reads in `text`.
    fn model_relations(text: &str) -> Vec<(String, String)> {
        let segs = segment::segment(text);
        let ctx = Context {
            text,
            segments: &segs,
            published: None,
        };
        recognise(&ctx)
            .iter()
            .filter_map(|m| m.attribution())
            .filter(|a| a.by_model)
            .map(|a| {
                (
                    a.source
                        .map(|s| s.slice(text).to_string())
                        .unwrap_or_default(),
                    a.cue.map(|s| s.slice(text).to_string()).unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn cruz_exhorted_republicans_and_praised_the_crowd_is_read_by_the_model() {
        let text = "Cruz exhorted Republicans to vote their conscience and praised the crowd.";
        assert_eq!(
            model_relations(text),
            vec![("Cruz".to_string(), "praised".to_string())]
        );
        // The rules do not find it: it is the model's.
        assert!(relations(text).iter().all(|r| r.1 != "praised"));
    }

    #[test]
    fn it_should_be_noted_and_a_hint_are_no_candidates() {
        for text in [
            "It should be noted that Azerbaijan took symmetrical measures.",
            "A hint of what it might look like came this time on the airwaves.",
        ] {
            let (mentions, candidates) = candidates_of(text);
            assert!(mentions.is_empty(), "{text}");
            assert!(candidates.is_empty(), "{text}");
        }
    }

    #[test]
    fn nouns_passives_raising_verbs_and_reduced_relatives_are_no_candidates() {
        for text in [
            "The TV shows were popular.",
            "The man was arrested and charged with murder.",
            "The papers printed his comments to reporters.",
            "The campaign appears harsh but still serves as a warning.",
            "Given the overall decline in export revenues, the window matters.",
            "It revises the agreements previously concluded in 2020 and 2022.",
            "After the Association Agreement talks, the ban followed.",
        ] {
            let (_, candidates) = candidates_of(text);
            assert!(candidates.is_empty(), "{text}: {:?}", candidates.len());
        }
    }

    #[test]
    fn local_leaders_championed_the_plan_is_read_by_the_model_only() {
        let text = "Local leaders in the county championed the plan to rebuild the bridge.";
        // "champion" is a cue in under half its PolNeAR uses: the rules never read it.
        assert!(relations(text).is_empty());
        let (_, candidates) = candidates_of(text);
        let c = candidates
            .iter()
            .find(|c| c.features.iter().any(|f| f == "word=championed"))
            .expect("a candidate for championed");
        assert!(
            c.features.iter().any(|f| f == "model-only"),
            "{:?}",
            c.features
        );
        let a = c.mention.attribution().expect("an attribution");
        assert_eq!(
            a.source.map(|s| s.slice(text)),
            Some("Local leaders in the county")
        );
    }

    #[test]
    fn a_refused_cue_after_and_is_a_candidate_of_the_sentence_subject() {
        let text = "Cruz exhorted Republicans to vote their conscience and praised the crowd.";
        let (_, candidates) = candidates_of(text);
        let c = candidates
            .iter()
            .find(|c| c.features.iter().any(|f| f == "word=praised"))
            .expect("a candidate for praised");
        assert!(
            c.features.iter().any(|f| f == "head=coordinated"),
            "{:?}",
            c.features
        );
        let a = c.mention.attribution().expect("an attribution");
        assert_eq!(a.source.map(|s| s.slice(text)), Some("Cruz"));
        assert!(a.by_model);
    }

    #[test]
    fn who_would_have_believed_trump_said_looking_out_reports_the_quotation() {
        let r = relations(
            "“Who would have believed that we would get 14 million votes?” Trump said, \
             looking out on the crowd.",
        );
        let (source, _, content, direct) = one(&r, "said");
        assert_eq!(source.as_deref(), Some("Trump"));
        assert_eq!(
            content.as_deref(),
            Some("“Who would have believed that we would get 14 million votes?”")
        );
        assert!(direct);
    }

    #[test]
    fn thats_right_melanie_said_to_the_nominee_reports_the_quotation() {
        let r = relations("“That’s right, Donald,” Melanie said to the Republican nominee.");
        let (source, _, content, _) = one(&r, "said");
        assert_eq!(source.as_deref(), Some("Melanie"));
        assert_eq!(content.as_deref(), Some("“That’s right, Donald,”"));
    }

    #[test]
    fn asked_about_the_device_oneill_said_reports_the_quotation_after_it() {
        let r =
            relations("Asked to describe the device, O'Neill said, \"Not going to go into that.\"");
        let (source, _, content, direct) = one(&r, "said");
        assert_eq!(source.as_deref(), Some("O'Neill"));
        assert_eq!(content.as_deref(), Some("\"Not going to go into that.\""));
        assert!(direct);
    }

    fn one<'a>(
        rels: &'a [(Option<String>, String, Option<String>, bool)],
        cue: &str,
    ) -> &'a (Option<String>, String, Option<String>, bool) {
        rels.iter()
            .find(|r| r.1 == cue)
            .unwrap_or_else(|| panic!("no relation with cue {cue:?} in {rels:?}"))
    }

    #[test]
    fn the_experts_generally_praised_steps_over_a_manner_adverb() {
        let r = relations(
            "The experts generally praised Mrs. Clinton's proposals to benefit small businesses.",
        );
        let (source, _, content, _) = one(&r, "praised");
        assert_eq!(source.as_deref(), Some("The experts"));
        assert_eq!(
            content.as_deref(),
            Some("Mrs. Clinton's proposals to benefit small businesses")
        );
        let r = relations("He barely mentioned climate change in the speech.");
        assert_eq!(one(&r, "mentioned").0.as_deref(), Some("He"));
    }

    #[test]
    fn they_had_practically_agreed_on_the_text_is_no_report() {
        let r = relations("By then they had practically agreed on the text of a peace treaty.");
        assert!(r.is_empty(), "{r:?}");
        let r = relations("Anderson largely agreed with McLenny on the budget.");
        assert_eq!(one(&r, "agreed").0.as_deref(), Some("Anderson"));
    }

    #[test]
    fn the_family_has_called_on_police_reads_family_as_a_subject() {
        let r = relations("Scott's family has called on police to release the videos.");
        assert_eq!(one(&r, "called").0.as_deref(), Some("Scott's family"));
    }

    #[test]
    fn trump_readily_assumed_the_role_is_an_act_not_a_belief() {
        let r = relations("Trump readily assumed the role of mediator and sponsor of the process.");
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn another_critic_laurence_h_tribe_likened_keeps_the_initial_inside_the_source() {
        let r = relations(
            "Another critic, Laurence H. Tribe, likened the rules to \"burning the Constitution\".",
        );
        assert_eq!(
            one(&r, "likened").0.as_deref(),
            Some("Another critic, Laurence H. Tribe")
        );
        let r = relations(
            "Senator John Cornyn of Texas, the No. 2 Republican in the Senate, said the chamber will vote.",
        );
        let (source, _, content, _) = one(&r, "said");
        assert_eq!(
            source.as_deref(),
            Some("Senator John Cornyn of Texas, the No. 2 Republican in the Senate")
        );
        assert_eq!(content.as_deref(), Some("the chamber will vote"));
    }

    #[test]
    fn a_quote_then_mr_regalado_the_republican_mayor_of_miami_said() {
        let r = relations(
            "“I would have been all in,” Mr. Regalado, the Republican mayor of Miami, said.",
        );
        let (source, _, content, direct) = one(&r, "said");
        assert_eq!(
            source.as_deref(),
            Some("Mr. Regalado, the Republican mayor of Miami")
        );
        assert_eq!(content.as_deref(), Some("“I would have been all in,”"));
        assert!(direct);
    }

    #[test]
    fn a_quote_said_another_leading_advocate_names_the_source_after_the_cue() {
        let r = relations(
            "“The odds are more likely than not,” said another leading Supreme Court advocate, Andrew J. Pincus.",
        );
        let (source, _, content, _) = one(&r, "said");
        assert_eq!(
            source.as_deref(),
            Some("another leading Supreme Court advocate")
        );
        assert_eq!(
            content.as_deref(),
            Some("“The odds are more likely than not,”")
        );
    }

    #[test]
    fn a_usa_today_analysis_of_campaign_finance_reports_shows_after_the_figures() {
        let r = relations(
            "Donations to super PACs hit nearly $1.1 billion through the end of August, a USA TODAY analysis of newly filed campaign-finance reports shows.",
        );
        assert_eq!(r.len(), 1, "{r:?}");
        let (source, _, content, _) = one(&r, "shows");
        assert_eq!(
            source.as_deref(),
            Some("a USA TODAY analysis of newly filed campaign-finance reports")
        );
        assert_eq!(
            content.as_deref(),
            Some("Donations to super PACs hit nearly $1.1 billion through the end of August")
        );
    }

    #[test]
    fn large_sections_are_divided_other_studies_have_shown() {
        let r = relations(
            "Large sections of the city are divided by race and income, other studies have shown.",
        );
        let (source, _, content, _) = one(&r, "shown");
        assert_eq!(source.as_deref(), Some("other studies"));
        assert_eq!(
            content.as_deref(),
            Some("Large sections of the city are divided by race and income")
        );
    }

    #[test]
    fn a_2014_study_by_a_law_professor_found_keeps_the_author_in_the_source() {
        let r = relations("A 2014 study by Loyola Law School professor Justin Levitt found 31 incidents of voter impersonation.");
        assert_eq!(
            one(&r, "found").0.as_deref(),
            Some("A 2014 study by Loyola Law School professor Justin Levitt")
        );
    }

    #[test]
    fn a_2014_study_by_a_law_professor_is_a_document_not_a_person() {
        let r = recognise_one(
            "A 2014 study by Loyola Law School professor Justin Levitt found 31 incidents.",
        );
        assert_eq!(r, Some(SourceKind::Document));
        assert_eq!(
            recognise_one("Loyola Law School professor Justin Levitt said it was rare."),
            Some(SourceKind::Person)
        );
    }

    /// The source kind of the only attribution of `text`.
    fn recognise_one(text: &str) -> Option<SourceKind> {
        let segs = segment::segment(text);
        let ctx = Context {
            text,
            segments: &segs,
            published: None,
        };
        match recognise(&ctx).as_slice() {
            [m] => m.attribution().map(|a| a.source_kind),
            _ => None,
        }
    }

    #[test]
    fn an_analysis_of_super_pacs_that_have_raised_shows_is_the_subject_not_a_content() {
        let r = relations(
            "A USA TODAY analysis of super PACs that have raised $1 million or more since \
             Jan. 1, 2015, shows Democratic groups outpacing Republicans.",
        );
        let (source, _, content, _) = one(&r, "shows");
        // The relative clause picks the PACs; the source is the analysis.
        assert_eq!(
            source.as_deref(),
            Some("A USA TODAY analysis of super PACs"),
            "{r:?}"
        );
        assert_eq!(
            content.as_deref(),
            Some("Democratic groups outpacing Republicans")
        );
        // Without a relative clause the comma still marks an inverted report.
        let r = relations("Turnout rose to 61 percent, shows the count.");
        assert!(
            r.iter().all(|(s, ..)| s.as_deref() != Some("Turnout")),
            "{r:?}"
        );
    }

    #[test]
    fn a_2014_study_by_harvard_and_the_university_of_california_at_berkeley_found() {
        let r = relations(
            "Yet, a 2014 study by Harvard and the University of California at Berkeley found \
             that poor children in Charlotte have the worst odds.",
        );
        assert_eq!(
            one(&r, "found").0.as_deref(),
            Some("a 2014 study by Harvard and the University of California at Berkeley")
        );
    }

    #[test]
    fn said_a_spokesman_who_by_custom_was_not_identified_is_inverted() {
        let r = relations(
            "Food and gasoline were still available, said a spokesman, who by custom was \
             not identified.",
        );
        let (source, _, content, _) = one(&r, "said");
        assert_eq!(source.as_deref(), Some("a spokesman"));
        assert_eq!(
            content.as_deref(),
            Some("Food and gasoline were still available")
        );
        // A relative clause that goes on to another clause is not the sentence's end.
        let r = relations("Prices rose, said a spokesman, who added that \"we will see\" more.");
        assert!(
            r.iter()
                .all(|(s, c, ..)| !(c == "said" && s.as_deref() == Some("a spokesman"))),
            "{r:?}"
        );
    }

    #[test]
    fn twenty_seven_states_led_by_is_a_count_of_states_not_a_verb() {
        for t in [
            "Twenty-seven states led by West Virginia are challenging the rules.",
            "27 states filed suit against the agency.",
            "Three reports were published on Monday.",
        ] {
            let r = relations(t);
            assert!(
                r.iter()
                    .all(|(_, cue, ..)| cue != "states" && cue != "reports"),
                "{r:?}"
            );
        }
        assert_eq!(
            one(
                &relations("The minister states that 27 states agreed."),
                "states"
            )
            .0
            .as_deref(),
            Some("The minister")
        );
    }

    #[test]
    fn video_of_the_incident_shows_him_is_a_document_holding_content() {
        let r = relations("Video of the incident shows him with his hands in the air.");
        assert_eq!(one(&r, "shows").0.as_deref(), Some("Video of the incident"));
        assert!(relations("The TV shows were popular.").is_empty());
    }

    #[test]
    fn the_chicago_police_department_which_reported_is_the_source() {
        let r = relations(
            "They turned to the Chicago Police Department which reported “2,521 shooting incidents” in the city.",
        );
        assert_eq!(
            one(&r, "reported").0.as_deref(),
            Some("the Chicago Police Department")
        );
    }

    #[test]
    fn politifact_then_ruled_that_and_the_new_rules_take_effect() {
        let r = relations("Politifact then ruled that Trump’s statement about Chicago is “true.”");
        let (source, _, content, _) = one(&r, "ruled");
        assert_eq!(source.as_deref(), Some("Politifact"));
        assert_eq!(
            content.as_deref(),
            Some("that Trump’s statement about Chicago is “true.”")
        );
        assert!(relations("The new rules take effect today.").is_empty());
    }

    #[test]
    fn compaq_computer_corp_said_and_the_sec_said_keep_the_dotted_subject() {
        let r = relations(
            "Compaq Computer Corp. said that its net income rose 51% in the third quarter.",
        );
        assert_eq!(one(&r, "said").0.as_deref(), Some("Compaq Computer Corp"));
        let r = relations("The S.E.C. said it would increase oversight as well.");
        let (source, _, content, _) = one(&r, "said");
        assert_eq!(source.as_deref(), Some("The S.E.C"));
        assert_eq!(
            content.as_deref(),
            Some("it would increase oversight as well")
        );
    }

    #[test]
    fn the_economy_added_200000_jobs_is_an_increase_not_speech() {
        let r = relations("The economy added 200,000 jobs in May, the Labor Department said.");
        assert_eq!(r.len(), 1, "{r:?}");
        let (source, _, content, _) = one(&r, "said");
        assert_eq!(source.as_deref(), Some("the Labor Department"));
        assert_eq!(
            content.as_deref(),
            Some("The economy added 200,000 jobs in May")
        );
        let r = relations("He added that the talks would go on.");
        assert_eq!(
            one(&r, "added").2.as_deref(),
            Some("that the talks would go on")
        );
        let r = relations("He added: “We will win.”");
        assert_eq!(one(&r, "added").2.as_deref(), Some("“We will win.”"));
    }

    #[test]
    fn separately_america_west_airlines_phoenix_ariz_reported_names_the_airline() {
        let r = relations(
            "Separately, America West Airlines, Phoenix, Ariz., reported third-quarter profit jumped 45% to $5.8 million.",
        );
        let (source, _, content, _) = one(&r, "reported");
        assert_eq!(source.as_deref(), Some("America West Airlines"));
        assert_eq!(
            content.as_deref(),
            Some("third-quarter profit jumped 45% to $5.8 million")
        );
    }

    #[test]
    fn cruz_exhorted_republicans_and_said_shares_the_sentences_subject() {
        let r = relations("Cruz exhorted Republicans to vote their conscience and said he was standing on principle.");
        let (source, _, content, _) = one(&r, "said");
        assert_eq!(source.as_deref(), Some("Cruz"));
        assert_eq!(content.as_deref(), Some("he was standing on principle"));
        assert!(relations("The man was arrested and charged with murder.").is_empty());
    }

    #[test]
    fn carson_continued_after_a_quotation_but_the_fighting_continued_for_days() {
        let r =
            relations("“Cyber security remains one of the biggest challenges,” Carson continued.");
        let (source, _, content, direct) = one(&r, "continued");
        assert_eq!(source.as_deref(), Some("Carson"));
        assert_eq!(
            content.as_deref(),
            Some("“Cyber security remains one of the biggest challenges,”")
        );
        assert!(direct);
        let r = relations("He continued, “I believe it is not about turning out voters.”");
        assert_eq!(one(&r, "continued").0.as_deref(), Some("He"));
        assert!(relations("The fighting continued for days.").is_empty());
    }

    #[test]
    fn christie_endorsed_trump_and_clinton_had_mocked_the_complaint() {
        let r = relations("Christie endorsed Trump.");
        let (source, _, content, _) = one(&r, "endorsed");
        assert_eq!(source.as_deref(), Some("Christie"));
        assert_eq!(content.as_deref(), Some("Trump"));
        let r = relations("Rival Hillary Clinton had mocked the complaint.");
        assert_eq!(one(&r, "mocked").2.as_deref(), Some("the complaint"));
        // A common noun is no holder of a stance.
        assert!(relations("The early signs echo the Georgian scenario.").is_empty());
    }

    #[test]
    fn officials_said_a_and_analysts_said_b_each_keep_their_own_content() {
        let r = relations(
            "Officials said exports rose 3 percent, and analysts said imports fell 4 percent.",
        );
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(r[0].0.as_deref(), Some("Officials"));
        assert_eq!(r[0].2.as_deref(), Some("exports rose 3 percent"));
        assert_eq!(r[1].0.as_deref(), Some("analysts"));
        assert_eq!(r[1].2.as_deref(), Some("imports fell 4 percent"));
    }

    #[test]
    fn he_said_that_she_claimed_keeps_the_nested_relation_in_the_content() {
        let r = relations("He said that she claimed the vote was rigged.");
        let (_, _, content, _) = one(&r, "said");
        assert_eq!(
            content.as_deref(),
            Some("that she claimed the vote was rigged")
        );
    }

    #[test]
    fn he_said_she_said_run_on_gives_each_relation_a_short_content() {
        let text = "he said, she said. ".repeat(300);
        let r = relations(&text);
        assert!(r.len() >= 300, "{}", r.len());
        for (_, _, content, _) in &r {
            let len = content.as_ref().map_or(0, String::len);
            assert!(len <= "she said. he said".len(), "{content:?}");
        }
    }

    #[test]
    fn a_quotation_closing_a_megabyte_later_is_not_followed_past_the_limit() {
        let text = format!(
            "He said: “{}” It ended.",
            "We rose in May and fell in June. ".repeat(2000)
        );
        let r = relations(&text);
        let (_, _, content, _) = one(&r, "said");
        let len = content.as_ref().map_or(0, String::len);
        assert!(len > 0 && len <= MAX_QUOTATION_BYTES, "{len}");
    }

    #[test]
    fn trump_defended_and_clinton_dismissed_are_learned_speech_cues() {
        let r = relations("Donald Trump defended his early-morning tweets on Friday.");
        let (source, _, _, _) = one(&r, "defended");
        assert_eq!(source.as_deref(), Some("Donald Trump"));
        let r = relations("Rival Hillary Clinton had dismissed the complaint.");
        assert_eq!(r.len(), 1, "{r:?}");
    }

    #[test]
    fn the_agreements_previously_concluded_in_2020_report_nothing() {
        let r =
            relations("The treaty revises the agreements previously concluded in 2020 and 2022.");
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn the_early_signs_echo_the_georgian_scenario_but_officials_echoed_that() {
        assert!(relations("The early signs of pressure echo the Georgian scenario.").is_empty());
        let r = relations("Officials echoed that the talks had stalled.");
        assert_eq!(r.len(), 1, "{r:?}");
    }

    #[test]
    fn which_seemed_to_be_a_major_success_has_no_believer() {
        let r = relations("It was the deal of August 2024, which seemed to be a major success.");
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn an_official_said_and_a_homeland_security_department_official_said_friday() {
        let r = relations("An official said that 40 people were killed.");
        assert_eq!(one(&r, "said").0.as_deref(), Some("An official"));
        let r = relations(
            "Separately, a Homeland Security Department official said Friday that hackers \
             have targeted more than 20 states.",
        );
        assert_eq!(
            one(&r, "said").0.as_deref(),
            Some("a Homeland Security Department official")
        );
    }

    #[test]
    fn the_wall_street_journal_reports_after_the_content() {
        let r =
            relations("The company lost $3 billion last year, The Wall Street Journal reports.");
        let (source, _, content, _) = one(&r, "reports");
        assert_eq!(source.as_deref(), Some("The Wall Street Journal"));
        assert_eq!(
            content.as_deref(),
            Some("The company lost $3 billion last year")
        );
    }

    #[test]
    fn said_john_smith_a_spokesman_names_the_source_before_the_apposition() {
        let r = relations("The plant will close in May, said John Smith, a spokesman.");
        let (source, _, content, _) = one(&r, "said");
        assert_eq!(source.as_deref(), Some("John Smith"));
        assert_eq!(content.as_deref(), Some("The plant will close in May"));
    }

    #[test]
    fn donna_rawlings_59_of_ashton_who_watched_said_the_event() {
        let r = relations(
            "Donna Sampson Rawlings, 59, of Ashton, Md., who watched the ceremony on a \
             screen on the Mall, said the event brought back memories.",
        );
        let (source, _, content, _) = one(&r, "said");
        assert_eq!(source.as_deref(), Some("Donna Sampson Rawlings"));
        assert_eq!(content.as_deref(), Some("the event brought back memories"));
        // A quotation before the comma keeps the inverted reading.
        let r = relations("“We rose,” said the minister.");
        assert_eq!(one(&r, "said").0.as_deref(), Some("the minister"));
    }

    #[test]
    fn it_was_reported_that_has_a_null_source() {
        let r = relations("It was reported that 300 people attended.");
        let (source, _, content, _) = one(&r, "reported");
        assert_eq!(source.as_deref(), None);
        assert_eq!(content.as_deref(), Some("that 300 people attended"));
        assert!(relations("It was expected to rain.").is_empty());
    }

    #[test]
    fn has_been_criticized_as_too_soft_has_a_null_source() {
        let r = relations("The senator has been criticized as too soft on crime.");
        let (source, _, content, _) = one(&r, "criticized as");
        assert_eq!(source.as_deref(), None);
        assert_eq!(content.as_deref(), Some("too soft on crime"));
        let r = relations("The plan is widely seen as a costly failure.");
        assert_eq!(one(&r, "seen as").2.as_deref(), Some("a costly failure"));
        let r = relations("The mayor was accused of hiding the report.");
        assert_eq!(one(&r, "accused of").0.as_deref(), None);
        // The particle of "call for" makes another verb; a pronoun alone is no content.
        assert!(relations("Troops were called for the parade.").is_empty());
        assert!(relations("It was described as such.").is_empty());
    }

    #[test]
    fn residents_were_worried_that_the_plant_would_close() {
        let r = relations("Residents were worried that the plant would close.");
        let (source, _, content, _) = one(&r, "worried");
        assert_eq!(source.as_deref(), Some("Residents"));
        assert_eq!(content.as_deref(), Some("that the plant would close"));
        // "it was feared that" stays the agentless passive.
        let r = relations("It was feared that the dam would break.");
        assert_eq!(one(&r, "feared").0.as_deref(), None);
    }

    #[test]
    fn many_people_believe_that_the_vote_was_rigged() {
        let r = relations("Many people believe that the vote was rigged.");
        let (source, _, content, _) = one(&r, "believe");
        assert_eq!(source.as_deref(), Some("Many people"));
        assert_eq!(content.as_deref(), Some("that the vote was rigged"));
        let r = relations("Police say the driver fled.");
        assert_eq!(one(&r, "say").0.as_deref(), Some("Police"));
    }

    #[test]
    fn his_announcement_that_he_would_resign() {
        let r = relations("His announcement that he would resign surprised the party.");
        let (source, _, content, _) = one(&r, "announcement");
        assert_eq!(source.as_deref(), Some("His"));
        assert!(content
            .as_deref()
            .is_some_and(|c| c.starts_with("that he would resign")));
        let r = relations("The voters welcomed their decision to cut taxes.");
        assert_eq!(one(&r, "decision").0.as_deref(), Some("their"));
        // A recipient is not a content; a pronoun's noun alone names no relation.
        assert!(relations("The papers printed his comments to reporters.").is_empty());
        assert!(relations("We read her statement.").is_empty());
    }

    #[test]
    fn criticism_from_democrats_and_the_decision_of_the_court() {
        let r = relations("The bill drew criticism from Senate Democrats.");
        assert_eq!(one(&r, "criticism").0.as_deref(), Some("Senate Democrats"));
        let r = relations("The decision of the Supreme Court to hear the case came late.");
        assert_eq!(one(&r, "decision").0.as_deref(), Some("the Supreme Court"));
        // "a proposal from X" is a thing, not speech.
        assert!(relations("They studied a proposal from the United States.").is_empty());
    }

    #[test]
    fn mr_obama_spoke_emotionally_of_his_flights() {
        let r = relations("Mr. Obama spoke emotionally of his flights across the Mall.");
        let (source, _, content, _) = one(&r, "spoke emotionally of");
        assert_eq!(source.as_deref(), Some("Mr. Obama"));
        assert_eq!(content.as_deref(), Some("his flights across the Mall"));
        let r = relations("Clinton talked about bringing communities together.");
        assert_eq!(one(&r, "talked about").0.as_deref(), Some("Clinton"));
        // Without "about" or "of", or as a noun, no relation.
        assert!(relations("He spoke at a rally in Ohio.").is_empty());
        assert!(relations("The peace talks about the border resumed.").is_empty());
    }

    #[test]
    fn birchers_viewed_communists_as_terrorists() {
        let r = relations("Birchers viewed communists as terrorists.");
        let (source, _, content, _) = one(&r, "viewed");
        assert_eq!(source.as_deref(), Some("Birchers"));
        assert_eq!(content.as_deref(), Some("communists as terrorists"));
        let r = relations("Trump referred to the senator as a traitor.");
        assert_eq!(one(&r, "referred to").0.as_deref(), Some("Trump"));
        let r = relations("The campaign cast Clinton as a creature of Washington.");
        assert_eq!(one(&r, "cast").0.as_deref(), Some("The campaign"));
        // No "as", or a passive: no label.
        assert!(relations("The actors were cast in June.").is_empty());
        assert!(relations("Voters viewed the debate on television.").is_empty());
    }

    #[test]
    fn whether_he_had_a_gun_as_police_have_said() {
        let r = relations("Nobody knows whether he had a gun, as police have said.");
        let (source, _, content, _) = one(&r, "said");
        assert_eq!(source.as_deref(), Some("police"));
        assert_eq!(
            content.as_deref(),
            Some("Nobody knows whether he had a gun")
        );
    }

    #[test]
    fn officials_said_they_expect_the_deal_to_fail_is_one_relation() {
        let r = relations("Officials said they expect the deal to fail next year.");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].1, "said");
        // An aside in parentheses is the writer's, and its belief stands.
        let r = relations(
            "According to The Jerusalem Post, talks centred on a partnership (all three \
             countries consider Iran the main threat) and sanctions.",
        );
        assert_eq!(r.len(), 2, "{r:?}");
    }

    #[test]
    fn vladimir_putin_claimed_in_2020_that_the_actual_figure_was_closer_to_2_million() {
        let r = relations(
            "However, Vladimir Putin claimed in 2020 that the actual figure was closer to 2 \
             million, equivalent to 20% of Azerbaijan’s current population.",
        );
        let (source, _, content, direct) = one(&r, "claimed");
        assert_eq!(source.as_deref(), Some("Vladimir Putin"));
        assert_eq!(
            content.as_deref(),
            Some(
                "in 2020 that the actual figure was closer to 2 million, equivalent to 20% of \
                 Azerbaijan’s current population"
            )
        );
        assert!(!direct);
    }

    #[test]
    fn according_to_the_2010_and_2020_censuses() {
        let r = relations(
            "According to the 2010 and 2020 censuses, there were about 600,000 Azerbaijanis \
             living in Russia.",
        );
        let (source, _, content, _) = one(&r, "According to");
        assert_eq!(source.as_deref(), Some("the 2010 and 2020 censuses"));
        assert_eq!(
            content.as_deref(),
            Some("there were about 600,000 Azerbaijanis living in Russia")
        );
    }

    #[test]
    fn rose_to_3_6_billion_in_2024_according_to_azerbaijani_customs_data() {
        let r = relations(
            "During the war, Russian exports to Azerbaijan rose from $2.3 billion in 2021 to \
             $3.6 billion in 2024, according to Azerbaijani customs data.",
        );
        let (source, _, content, _) = one(&r, "according to");
        assert_eq!(source.as_deref(), Some("Azerbaijani customs data"));
        assert_eq!(
            content.as_deref(),
            Some(
                "During the war, Russian exports to Azerbaijan rose from $2.3 billion in 2021 \
                 to $3.6 billion in 2024"
            )
        );
    }

    #[test]
    fn kremlin_spokesperson_dmitry_peskov_in_a_conciliatory_tone_stated() {
        let t = "Kremlin spokesperson Dmitry Peskov, in a conciliatory tone, stated that Moscow \
                 hopes for an end to the difficult period in bilateral relations.";
        let r = relations(t);
        let (source, _, content, _) = one(&r, "stated");
        assert_eq!(
            source.as_deref(),
            Some("Kremlin spokesperson Dmitry Peskov")
        );
        assert!(content
            .as_deref()
            .is_some_and(|c| c.starts_with("that Moscow hopes")));
        let segs = segment::segment(t);
        let ctx = Context {
            text: t,
            segments: &segs,
            published: None,
        };
        let m = recognise(&ctx);
        let a = m
            .iter()
            .filter_map(|m| m.attribution())
            .find(|a| a.cue.map(|c| c.slice(t)) == Some("stated"));
        assert_eq!(
            a.and_then(|a| a.source_name).map(|s| s.slice(t)),
            Some("Dmitry Peskov")
        );
        assert_eq!(
            a.and_then(|a| a.source_role).map(|s| s.slice(t)),
            Some("Kremlin spokesperson")
        );
        assert_eq!(a.map(|a| a.source_kind), Some(SourceKind::Person));
    }

    #[test]
    fn experts_surveyed_by_vedomosti_believe_that() {
        let r = relations(
            "Although experts surveyed by Vedomosti believe that Azerbaijan would suffer more \
             from a trade war, Russia could also incur tangible costs.",
        );
        let (source, _, content, _) = one(&r, "believe");
        assert!(source.as_deref().is_some_and(|s| s.contains("Vedomosti")));
        assert!(content
            .as_deref()
            .is_some_and(|c| c.starts_with("that Azerbaijan would suffer")));
    }

    #[test]
    fn aliyev_urged_ukrainians_not_to_resign_themselves() {
        let r = relations(
            "Aliyev urged Ukrainians 'not to resign themselves' to occupation, citing his own \
             experience of reclaiming Karabakh.",
        );
        let (source, _, content, _) = one(&r, "urged");
        assert_eq!(source.as_deref(), Some("Aliyev"));
        assert!(content
            .as_deref()
            .is_some_and(|c| c.contains("'not to resign themselves'")));
        let (gsource, _, _, _) = one(&r, "citing");
        assert_eq!(gsource.as_deref(), Some("Aliyev"));
    }

    #[test]
    fn as_noted_in_a_report_by_human_rights_watch() {
        let r = relations(
            "In October and November 2006, Russian authorities deported over 2,300 of them, as \
             noted in a report by Human Rights Watch on those events.",
        );
        let (source, _, content, _) = one(&r, "as noted in");
        assert!(source
            .as_deref()
            .is_some_and(|s| s.starts_with("a report by Human Rights Watch")));
        assert!(content
            .as_deref()
            .is_some_and(|c| c.ends_with("deported over 2,300 of them")));
    }

    #[test]
    fn quote_then_said_the_minister_is_direct_and_spans_sentences() {
        let r = relations("“We will not resign. We will win,” said the minister.");
        let (source, _, content, direct) = one(&r, "said");
        assert_eq!(source.as_deref(), Some("the minister"));
        assert_eq!(
            content.as_deref(),
            Some("“We will not resign. We will win,”")
        );
        assert!(direct);
    }

    #[test]
    fn he_said_after_a_quote_and_sources_said_after_a_clause() {
        let r = relations("“It is over,” he said. The talks failed, sources said.");
        let (s1, _, c1, d1) = &r[0];
        assert_eq!(s1.as_deref(), Some("he"));
        assert_eq!(c1.as_deref(), Some("“It is over,”"));
        assert!(d1);
        let (s2, _, c2, _) = &r[1];
        assert_eq!(s2.as_deref(), Some("sources"));
        assert_eq!(c2.as_deref(), Some("The talks failed"));
    }

    #[test]
    fn scare_quotes_and_names_in_quotes_attribute_nothing() {
        let r = relations(
            "Moscow perhaps lost Azerbaijan as a 'friendly' dictatorship after the closure of \
             the 'Russian House' and Baku’s 'unfriendly' steps against two \
             'thieves-in-law'.",
        );
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn the_united_states_and_his_plans_are_nouns_not_cues() {
        let r = relations(
            "The United States will unveil his plans, and the states that voted reported no \
             change in the plans.",
        );
        assert!(r.iter().all(|x| x.1 != "States" && x.1 != "plans"), "{r:?}");
    }

    #[test]
    fn i_think_inside_a_quotation_is_not_a_separate_source() {
        let r = relations("“I think NATO may be obsolete,” Trump said.");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0.as_deref(), Some("Trump"));
    }

    #[test]
    fn minval_politika_cited_headlines_from_tsargrad() {
        let r = relations(
            "In an article devoted to this campaign, the Azerbaijani outlet Minval Politika \
             cited headlines from 'Tsargrad' published during just one week in May.",
        );
        let (source, _, _, _) = one(&r, "cited");
        assert_eq!(
            source.as_deref(),
            Some("the Azerbaijani outlet Minval Politika")
        );
    }

    #[test]
    fn it_will_be_first_order_business_mr_podesta_said() {
        let r = relations("\"It will be first-order business,\" Mr. Podesta said.");
        let (source, _, content, direct) = one(&r, "said");
        assert_eq!(source.as_deref(), Some("Mr. Podesta"));
        assert_eq!(
            content.as_deref(),
            Some("\"It will be first-order business,\"")
        );
        assert!(direct);
    }

    #[test]
    fn a_quote_signed_with_a_dash_and_a_name() {
        let r = relations("“Donald Trump scares me.” ― Krystal Correa");
        let (source, _, content, _) = one(&r, "―");
        assert_eq!(source.as_deref(), Some("Krystal Correa"));
        assert_eq!(content.as_deref(), Some("“Donald Trump scares me.”"));
    }

    #[test]
    fn pence_colon_headline_names_its_speaker() {
        let r = relations("Pence: Gennifer Flowers Won’t Be at Debate.");
        let (source, _, content, _) = one(&r, ":");
        assert_eq!(source.as_deref(), Some("Pence"));
        assert_eq!(
            content.as_deref(),
            Some("Gennifer Flowers Won’t Be at Debate")
        );
    }

    #[test]
    fn the_azerbaijani_president_declared_and_demanded() {
        let r = relations(
            "In the first days of 2025, the Azerbaijani president declared that 'the \
             responsibility lies with representatives of the Russian Federation' and demanded \
             full transparency in the investigation.",
        );
        let (s1, _, c1, _) = one(&r, "declared");
        assert_eq!(s1.as_deref(), Some("the Azerbaijani president"));
        assert!(c1
            .as_deref()
            .is_some_and(|c| c.ends_with("Russian Federation'")));
        let (s2, _, c2, _) = one(&r, "demanded");
        assert_eq!(s2.as_deref(), Some("the Azerbaijani president"));
        assert_eq!(
            c2.as_deref(),
            Some("full transparency in the investigation")
        );
    }

    #[test]
    fn republican_claims_and_battleground_states_are_nouns() {
        let r = relations(
            "PolitiFact rates Republican claims as false, and voters in battleground states \
             in the Midwest raise questions about the count.",
        );
        assert!(
            r.iter()
                .all(|x| !matches!(x.1.as_str(), "claims" | "states" | "questions")),
            "{r:?}"
        );
    }

    #[test]
    fn police_say_and_those_close_to_him_say_have_plural_subjects() {
        let r = relations(
            "Police say he posed a deadly threat. Those close to him say that he \
                           would consider it.",
        );
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(r[0].0.as_deref(), Some("Police"));
        assert!(r[1].0.as_deref().is_some_and(|s| s.starts_with("Those")));
        let none = relations("On 1 July, news broke of a phone call between two leaders.");
        assert!(none.is_empty(), "{none:?}");
    }

    #[test]
    fn an_arbitration_panel_in_2001_found_that() {
        let r = relations(
            "An arbitration panel in 2001 found that the United States was in breach of the \
             agreement.",
        );
        let (source, _, content, _) = one(&r, "found");
        assert_eq!(source.as_deref(), Some("An arbitration panel"));
        assert!(content
            .as_deref()
            .is_some_and(|c| c.starts_with("that the United")));
    }

    #[test]
    fn a_phone_call_between_president_aliyev_and_volodymyr_zelensky_who_expressed() {
        let r = relations(
            "On 1 July, news broke of a phone call between President Aliyev and Volodymyr \
             Zelensky, who expressed his support for his Azerbaijani counterpart.",
        );
        let (source, _, _, _) = one(&r, "expressed");
        assert_eq!(source.as_deref(), Some("Volodymyr Zelensky"));
    }

    #[test]
    fn russias_foreign_ministry_is_an_organisation_without_a_personal_name() {
        let t = "On 1 July, Russia’s Foreign Ministry officially accused the West of \
                 attempting to push the Russian Federation out of the process.";
        let segs = segment::segment(t);
        let ctx = Context {
            text: t,
            segments: &segs,
            published: None,
        };
        let m = recognise(&ctx);
        let a = m.iter().find_map(|m| m.attribution());
        assert_eq!(
            a.and_then(|a| a.source).map(|s| s.slice(t)),
            Some("Russia’s Foreign Ministry")
        );
        assert_eq!(a.map(|a| a.source_kind), Some(SourceKind::Organisation));
        assert_eq!(a.and_then(|a| a.source_name), None);
    }

    #[test]
    fn peskovs_statement_that_and_the_accusations_by_ramid_namazov() {
        let r = relations(
            "Peskov’s statement that Moscow hopes for calm surprised Baku. The accusations by \
             Ramid Namazov followed.",
        );
        let (s1, _, c1, _) = one(&r, "statement");
        assert_eq!(s1.as_deref(), Some("Peskov’s"));
        assert!(c1
            .as_deref()
            .is_some_and(|c| c.starts_with("that Moscow hopes")));
        let (s2, _, c2, _) = one(&r, "accusations");
        assert_eq!(s2.as_deref(), Some("Ramid Namazov"));
        assert_eq!(c2.as_deref(), None);
        let none = relations("Yerevan has now agreed to Baku’s demand.");
        assert!(none.iter().all(|x| x.1 != "demand"), "{none:?}");
    }

    #[test]
    fn it_was_announced_by_the_ministry() {
        let r = relations("The closure was announced by the Azerbaijani foreign ministry.");
        let (source, _, content, _) = one(&r, "announced");
        assert_eq!(source.as_deref(), Some("the Azerbaijani foreign ministry"));
        assert_eq!(content.as_deref(), Some("The closure"));
    }

    #[test]
    fn foreign_ministry_accused_the_west_while_stressing_that_russia_supports() {
        let r = relations(
            "On 1 July, Russia’s Foreign Ministry officially accused the West of attempting to \
             push the Russian Federation out of the process, while stressing that Russia \
             supports the negotiations 'on the basis of bilateral agreements in 2020 and 2022.'",
        );
        let (_, _, c1, _) = one(&r, "accused");
        assert_eq!(
            c1.as_deref(),
            Some("the West of attempting to push the Russian Federation out of the process")
        );
        let (s2, _, c2, _) = one(&r, "stressing");
        assert_eq!(s2.as_deref(), Some("Russia’s Foreign Ministry"));
        assert!(c2
            .as_deref()
            .is_some_and(|c| c.starts_with("that Russia supports")));
    }

    proptest! {
        #[test]
        fn spans_lie_on_char_boundaries(text in "\\PC{0,300}") {
            let segs = segment::segment(&text);
            let ctx = Context { text: &text, segments: &segs, published: None };
            for m in recognise(&ctx) {
                let a = m.attribution().cloned();
                prop_assert!(m.span.end <= text.len());
                prop_assert!(text.get(m.span.start..m.span.end).is_some());
                if let Some(a) = a {
                    for s in [a.source, a.cue, a.content, a.source_name, a.source_role]
                        .into_iter()
                        .flatten()
                    {
                        prop_assert!(s.start <= s.end && s.end <= text.len());
                        prop_assert!(text.get(s.start..s.end).is_some());
                        prop_assert!(m.span.contains(s) || a.source_name == Some(s) || a.source_role == Some(s));
                    }
                }
            }
        }

        #[test]
        fn speech_like_text_never_panics(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("said"), Just("according"), Just("to"), Just(","), Just("“"),
                    Just("”"), Just("'"), Just("’"), Just("he"), Just("Smith"), Just("that"),
                    Just("."), Just(":"), Just("as"), Just("noted"), Just("in"), Just("by"),
                    Just("was"), Just("called"), Just("for"), Just("é"), Just("\n"),
                ],
                0..40,
            )
        ) {
            let text = words.join(" ");
            let segs = segment::segment(&text);
            let ctx = Context { text: &text, segments: &segs, published: None };
            for m in recognise(&ctx) {
                prop_assert!(text.get(m.span.start..m.span.end).is_some());
            }
        }
    }
}
