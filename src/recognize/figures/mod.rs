//! Figures: quantities a fact-checker could check against data.
//!
//! A figure is a number with what makes it checkable: its currency sign or code, its
//! scale word and its percent sign or unit are inside the span (`$410 million`,
//! `32.1 percent`, `180 km`); a hedge stays outside and becomes the `mod`
//! (`about 600,000` → `APPROX`). Values are exact decimals; money is in ISO 4217 main
//! units (cents and pence scaled), ranges carry `low`/`high` with no `value`, vague
//! quantities ("thousands of") keep `value` null with the `low` bound the word implies.
//!
//! Not figures: years and other parts of dates ("in 2020", "27 June"), durations and
//! ages ("two weeks", "the 44-day war", "a 45-year-old", left to the dates recogniser),
//! ordinals ("9th", "first"), numbers inside names, codes and identifiers ("Su-24",
//! "COVID-19", "G7", "Boeing 737", "a 911 caller", "529 plans", phone numbers, IP
//! addresses, URLs, ids in markup), list markers, the days of a date range ("September
//! 16-19"), ages ("turned 9") and "one" as a pronoun ("the one you mentioned", "one of
//! his relatives").
//!
//! Every figure carries a `checkable` flag ([`checkable`]): a desk checks "600,000
//! Azerbaijanis", not "all three attacks" or a margin of error.
//!
//! The text is lexed once ([`lex`]); the grammar then reads tokens left to right, so
//! the cost is linear in the text and independent of how many figures it holds.

pub mod checkable;
mod context;
mod currency;
mod lex;
mod words;

use std::collections::HashSet;

use std::sync::OnceLock;

use super::{Context, Figure, FigureMod, Mention, Payload};
use crate::decimal::Decimal;
use crate::fnv::FnvBuild;
use crate::span::Span;
use lex::{Kind, NumLit, Tok};
use words::WClass;

/// The value of a cardinal written as one word ("seven": 7, "twenty": 20).
pub(crate) fn cardinal_word(w: &str) -> Option<u8> {
    match words::classify(w.as_bytes()) {
        WClass::Card(n) => Some(n),
        _ => None,
    }
}

/// Whether `w` is a count written as a word, as before a plural noun: a cardinal above
/// one ("two", "Twenty-seven"), a scale ("hundred", "million") or a vague quantity
/// ("dozens", "thousands", "several").
pub(crate) fn is_count_word(w: &str) -> bool {
    w.split('-').all(|part| {
        matches!(
            words::classify(part.as_bytes()),
            WClass::Card(2..)
                | WClass::Hundred
                | WClass::Scale(_)
                | WClass::VagueScale(_)
                | WClass::Dozens
                | WClass::Tens
                | WClass::Several
        )
    })
}

/// Finds the figures in a document, a piece at a time (see [`super::PIECE_BYTES`]).
pub fn recognise(ctx: &Context) -> Vec<Mention> {
    recognise_in_pieces(ctx, super::PIECE_BYTES)
}

/// [`recognise`], reading the document in pieces of at most about `piece_bytes`.
pub(crate) fn recognise_in_pieces(ctx: &Context, piece_bytes: usize) -> Vec<Mention> {
    let mut out = Vec::new();
    for piece in ctx.segments.pieces(ctx.text.len(), piece_bytes) {
        let Some(text) = ctx.text.get(piece.clone()) else {
            continue;
        };
        let found = recognise_text(text);
        if piece.start == 0 {
            // The first piece (all of a news article): its offsets are the document's.
            out = found;
        } else {
            out.extend(found.into_iter().map(|m| m.shifted(piece.start)));
        }
    }
    out
}

/// Finds the figures in a text.
pub fn recognise_text(text: &str) -> Vec<Mention> {
    thread_local! {
        // The token buffers of the last text, reused so that a stream of documents
        // does not allocate them again for each one.
        static SCRATCH: std::cell::RefCell<lex::Lexed> = std::cell::RefCell::default();
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut lexed) => {
            lex::lex_into(text, &mut lexed);
            recognise_lexed(text, &lexed)
        }
        Err(_) => recognise_lexed(text, &lex::lex(text)),
    })
}

fn recognise_lexed(text: &str, lexed: &lex::Lexed) -> Vec<Mention> {
    let p = Parser {
        text,
        toks: &lexed.toks,
        lits: &lexed.lits,
    };
    let mut out = Vec::new();
    // Tokens before `resume` belong to a figure or a skipped expression already.
    let mut resume = 0;
    for &i in &lexed.starts {
        let i = i as usize;
        if i < resume {
            continue;
        }
        match p.figure_at(i) {
            Outcome::Figure(q) => {
                resume = q.end.max(i + 1);
                out.push(p.mention(q));
            }
            Outcome::Skip(end) => resume = end.max(i + 1),
            Outcome::None => {}
        }
    }
    out
}

/// Denominators a slash fraction ("3/4") may have; other slash pairs are dates or
/// ratios of another kind ("5/17", "24/7", "9/11").
/// The unit of a tally ("voted 19-15", "a 5-4 decision"): its counts are in its text.
pub const TALLY: &str = "tally";

const SLASH_DENOMINATORS: &[u64] = &[2, 3, 4, 5, 6, 8, 10, 16, 32, 64, 100];

/// Words that precede a number without making it part of a name ("In 2020",
/// "About 600"), so a capitalised word before a number is not always a name.
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "for",
    "by",
    "with",
    "from",
    "to",
    "and",
    "but",
    "or",
    "nor",
    "some",
    "about",
    "around",
    "over",
    "under",
    "only",
    "just",
    "nearly",
    "almost",
    "all",
    "another",
    "roughly",
    "approximately",
    "more",
    "less",
    "fewer",
    "than",
    "up",
    "least",
    "those",
    "these",
    "its",
    "their",
    "his",
    "her",
    "our",
    "my",
    "your",
    "since",
    "after",
    "before",
    "between",
    "among",
    "total",
    "exactly",
    "every",
    "each",
    "now",
    "then",
    "last",
    "first",
    "next",
    "when",
    "while",
    "until",
    "also",
    "yet",
    "so",
    "as",
    "if",
    "although",
    "though",
    "because",
    "where",
    "why",
    "how",
    "what",
    "which",
    "who",
    "whose",
    "whom",
    "that",
    "this",
    "there",
    "here",
    "still",
    "even",
    "perhaps",
    "like",
    "unlike",
    "across",
    "during",
    "within",
    "without",
    "including",
    "per",
    "many",
    "most",
    "few",
    "both",
    "either",
    "neither",
    "no",
    "not",
    "never",
    "above",
    "below",
    "down",
    "out",
    "into",
    "onto",
    "upon",
    "against",
    "toward",
    "towards",
    "through",
    "throughout",
    "some",
    "whereas",
    "however",
    "meanwhile",
    "thus",
    "today",
    "yesterday",
    "overall",
    "altogether",
    "combined",
    "estimated",
    "another",
    "killing",
    "killed",
    "almost",
    "nearly",
    "are",
    "were",
    "was",
    "is",
    "be",
    "has",
    "have",
    "had",
    "says",
    "said",
    "reported",
    "reports",
    "according",
    "just",
    "see",
    "than",
];

/// Words before a 4-digit number that make it a year ("in 2020", "the 2010 census").
const YEAR_CONTEXT: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "of",
    "during",
    "before",
    "after",
    "the",
    "and",
    "or",
    "to",
    "through",
    "early",
    "late",
    "mid",
    "fiscal",
    "year",
    "this",
    "that",
    "its",
    "his",
    "her",
    "their",
    "our",
    "for",
    "on",
    "at",
    "between",
    "circa",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
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
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "than",
    "s",
];

/// Nouns that a year modifies rather than counts ("2020 elections", "1988 sales").
const YEAR_NOUNS: &[&str] = &[
    "elections",
    "censuses",
    "census",
    "sales",
    "budgets",
    "games",
    "olympics",
    "results",
    "figures",
    "levels",
    "prices",
    "earnings",
    "profits",
    "revenues",
    "losses",
    "protests",
    "talks",
    "accords",
    "agreements",
    "events",
    "polls",
    "standards",
    "rules",
    "reforms",
    "models",
    "agreement",
    "election",
    "budget",
    "season",
    "campaign",
    "war",
    "crisis",
    "levels",
    "values",
    "dollars",
    "terms",
    "estimates",
    "data",
    "statistics",
    "numbers",
];

/// Words after "one" that show it is a pronoun, not a count ("one of", "one you").
const ONE_STOP: &[&str] = &[
    "of", "who", "which", "that", "is", "was", "you", "i", "he", "she", "it", "we", "they", "do",
    "does", "did", "can", "could", "would", "will", "should", "may", "might", "must", "has",
    "have", "had", "another", "and", "or", "but", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "than", "else", "way", "thing", "side", "hand", "after", "by", "too", "way",
    "here", "there", "more", "less", "such", "also", "day", "time", "point", "stage", "part",
    "where", "whose", "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "if",
    "when", "while", "not", "no", "so", "just", "only", "over", "into",
];

/// Words that, in the same clause before "from"/"to", make "from X to Y" a change between
/// two figures rather than a range ("rose from $2.3 billion in 2021 to $3.6 billion").
const CHANGE_VERBS: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "risen",
    "rising",
    "increased",
    "increase",
    "increases",
    "increasing",
    "fell",
    "fall",
    "falls",
    "fallen",
    "falling",
    "dropped",
    "drop",
    "drops",
    "dropping",
    "declined",
    "decline",
    "declines",
    "declining",
    "grew",
    "grow",
    "grows",
    "grown",
    "growing",
    "jumped",
    "jump",
    "jumps",
    "climbed",
    "climb",
    "climbs",
    "slid",
    "slide",
    "sank",
    "sink",
    "surged",
    "surge",
    "soared",
    "soar",
    "plunged",
    "plunge",
    "cut",
    "cuts",
    "reduced",
    "reduce",
    "raised",
    "raise",
    "went",
    "go",
    "goes",
    "gone",
    "shrank",
    "shrink",
    "shrunk",
    "slumped",
    "slump",
    "tumbled",
    "tumble",
    "doubled",
    "tripled",
    "halved",
    "changed",
    "moved",
    "expanded",
    "contracted",
    "lowered",
    "lifted",
    "boosted",
    "widened",
    "narrowed",
    "slipped",
    "edged",
    "dipped",
    "leapt",
    "leaped",
    "spiked",
    "skyrocketed",
    "rebounded",
    "recovered",
    "improved",
    "worsened",
    "upgraded",
    "downgraded",
    "revised",
    "hiked",
    "slashed",
    "up",
    "down",
];

/// Words before a number that name what it identifies ("article 5", "No. 10").
const IDENT_NOUNS: &[&str] = &[
    "article",
    "articles",
    "paragraph",
    "chapter",
    "section",
    "page",
    "pages",
    "clause",
    "resolution",
    "flight",
    "route",
    "room",
    "no",
    "nos",
    "gate",
    "platform",
    "episode",
    "amendment",
    "vol",
    "volume",
    "item",
    "annex",
    "appendix",
    "figure",
    "table",
    "line",
    "highway",
    "bus",
    "channel",
    "tier",
    "grade",
    "phase",
    "stage",
    "level",
    "model",
];

/// Stop words that end a subject noun phrase after a figure.
const SUBJECT_STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
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
    "than",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "when",
    "while",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "not",
    "no",
    "more",
    "less",
    "per",
    "each",
    "every",
    "this",
    "these",
    "those",
    "it",
    "its",
    "their",
    "his",
    "her",
    "also",
    "only",
    "just",
    "still",
    "even",
    "again",
    "already",
    "about",
    "around",
    "over",
    "under",
    "into",
    "onto",
    "then",
    "so",
    "such",
    "very",
    "too",
    "up",
    "down",
    "out",
    "off",
    "against",
    "between",
    "among",
    "during",
    "before",
    "after",
    "since",
    "until",
    "because",
    "if",
    "though",
    "although",
    "whether",
    "said",
    "says",
    "according",
    "including",
    "there",
    "here",
    "now",
    "ago",
    "later",
    "earlier",
    "year",
    "years",
    "times",
    "percent",
    "cent",
    "last",
    "next",
    "both",
    "all",
    "we",
    "they",
    "he",
    "she",
    "i",
    "you",
    "them",
    "us",
    "him",
    "me",
    "left",
    "went",
    "came",
    "died",
    "were",
];

#[derive(Debug, Clone)]
struct Quant {
    /// Token range [start, end).
    start: usize,
    end: usize,
    value: Option<Decimal>,
    low: Option<Decimal>,
    high: Option<Decimal>,
    unit: Option<&'static str>,
    modifier: Option<FigureMod>,
    /// Power of ten of the scale word or abbreviation applied, if any.
    scale: Option<u8>,
    /// A lone cardinal: no unit, currency, percent, scale, fraction or vagueness.
    bare: bool,
    /// The single plain digit literal this figure is, if it is one.
    plain: Option<u64>,
    /// Only words, no digits.
    words: bool,
    /// A fraction or multiplier ("two thirds", "twice").
    ratio: bool,
    vague: bool,
    subject: Option<Span>,
    /// A margin ("plus or minus 4 points", "±3%"): its value is the margin's size.
    margin: bool,
}

impl Quant {
    /// A fraction in words ("a quarter", "two thirds of a million"): a ratio unless a
    /// scale follows it.
    fn word_fraction(start: usize, end: usize, value: Decimal, scale: Option<u8>) -> Quant {
        Quant {
            words: true,
            bare: false,
            ratio: scale.is_none(),
            scale,
            ..Quant::new(start, end, value)
        }
    }

    fn new(start: usize, end: usize, value: Decimal) -> Quant {
        Quant {
            start,
            end,
            value: Some(value),
            low: None,
            high: None,
            unit: None,
            modifier: None,
            scale: None,
            bare: true,
            plain: None,
            words: false,
            ratio: false,
            vague: false,
            subject: None,
            margin: false,
        }
    }
}

enum Outcome {
    Figure(Quant),
    /// Not a figure, and nothing up to this token is ("5/17", "2020-2022").
    Skip(usize),
    None,
}

/// A cardinal read from words and digits ("twenty-one", "3 hundred and 21").
#[derive(Debug, Clone)]
struct Card {
    end: usize,
    value: Decimal,
    words: bool,
    digits: bool,
    /// Largest scale applied, as a power of ten (2 for "hundred").
    scale: Option<u8>,
    /// The phrase ended right after a scale of at least a thousand: its power.
    ends_in_scale: Option<u8>,
    /// Power of ten of the last scale of at least a thousand.
    big: Option<u8>,
    /// The last chunk came after "and": (value before it, chunk value, the scale the
    /// value before it ended in).
    last_and: Option<(Decimal, Decimal, Option<u8>)>,
    /// The last element was a tens word not after "and": (value before it, tens).
    last_tens: Option<(Decimal, u8)>,
    single_lit: Option<usize>,
}

#[derive(Clone, Debug)]
struct CardState {
    k: usize,
    total: Decimal,
    seg: Decimal,
    /// `seg` before the current chunk ("three hundred and [two dozens]").
    chunk_base: Decimal,
    last: Last,
    hundred_used: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Last {
    Unit,
    Teen,
    Tens,
    Digits,
    Hundred,
    Scale,
}

impl Last {
    fn of(v: u8) -> Last {
        if v >= 20 {
            Last::Tens
        } else if v >= 10 {
            Last::Teen
        } else {
            Last::Unit
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    toks: &'a [Tok],
    lits: &'a [NumLit],
}

fn dec(n: u64) -> Decimal {
    Decimal::from_u64(n)
}

fn pow10(e: u8) -> Decimal {
    dec(1).scale10(i64::from(e))
}

/// `num / den`, exact when `den` is a power of ten.
fn divide(num: &Decimal, den: u64) -> Decimal {
    if den == 0 {
        return Decimal::zero();
    }
    let mut d = den;
    let mut k = 0;
    while d % 10 == 0 {
        d /= 10;
        k += 1;
    }
    if d == 1 {
        return num.clone().scale10(-k);
    }
    num.div_round(den, 15)
}

fn unicode_fraction(ch: char) -> Option<(u64, u64)> {
    Some(match ch {
        '½' => (1, 2),
        '⅓' => (1, 3),
        '⅔' => (2, 3),
        '¼' => (1, 4),
        '¾' => (3, 4),
        '⅕' => (1, 5),
        '⅖' => (2, 5),
        '⅗' => (3, 5),
        '⅘' => (4, 5),
        '⅙' => (1, 6),
        '⅚' => (5, 6),
        '⅐' => (1, 7),
        '⅛' => (1, 8),
        '⅜' => (3, 8),
        '⅝' => (5, 8),
        '⅞' => (7, 8),
        '⅑' => (1, 9),
        '⅒' => (1, 10),
        _ => return None,
    })
}

/// Non-ASCII characters a figure may start with: currency signs, vulgar fractions and
/// the minus sign.
fn starts_figure(ch: char) -> bool {
    ch == '−' || ch == '±' || currency::symbol(ch).is_some() || unicode_fraction(ch).is_some()
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// A word list consulted for every figure, hashed once (lists are lower case).
struct WordSet {
    list: &'static [&'static str],
    set: OnceLock<HashSet<&'static str, FnvBuild>>,
}

impl WordSet {
    const fn new(list: &'static [&'static str]) -> WordSet {
        WordSet {
            list,
            set: OnceLock::new(),
        }
    }

    fn contains(&self, w: &str) -> bool {
        let mut buf = [0u8; 24];
        if w.len() > buf.len() || !w.is_ascii() {
            return false;
        }
        let out = &mut buf[..w.len()];
        for (d, s) in out.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        let Ok(lower) = std::str::from_utf8(out) else {
            return false;
        };
        self.set
            .get_or_init(|| self.list.iter().copied().collect())
            .contains(lower)
    }
}

static SUBJECT_STOP_SET: WordSet = WordSet::new(SUBJECT_STOP);
static FUNCTION_WORDS_SET: WordSet = WordSet::new(FUNCTION_WORDS);

impl<'a> Parser<'a> {
    // ---- token access -------------------------------------------------------------

    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    fn class(&self, i: usize) -> WClass {
        self.tok(i).map_or(WClass::None, |t| t.class)
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.toks.get(i)?;
        (t.kind == Kind::Word).then(|| self.text.get(t.start()..t.end()).unwrap_or(""))
    }

    /// Token `i` in lower case, when it is a short ASCII word.
    fn lower_word<'b>(&self, i: usize, buf: &'b mut [u8; 16]) -> Option<&'b str> {
        let w = self.word(i)?;
        if w.len() > buf.len() || !w.is_ascii() {
            return None;
        }
        let out = &mut buf[..w.len()];
        for (d, s) in out.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        std::str::from_utf8(out).ok()
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i).is_some_and(|x| x.eq_ignore_ascii_case(w))
    }

    fn word_in(&self, i: usize, list: &[&str]) -> bool {
        self.word(i).is_some_and(|x| in_list(list, x))
    }

    fn punct(&self, i: usize) -> Option<char> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Punct {
            return None;
        }
        self.text.get(t.start()..t.end())?.chars().next()
    }

    fn lit(&self, i: usize) -> Option<&'a NumLit> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Num {
            return None;
        }
        self.lits.get(t.lit as usize)
    }

    /// True when token `i` touches the token before it.
    fn adjacent(&self, i: usize) -> bool {
        i > 0
            && match (self.toks.get(i - 1), self.toks.get(i)) {
                (Some(a), Some(b)) => a.end() == b.start(),
                _ => false,
            }
    }

    /// True when a line break separates token `i` from the one before.
    fn line_break_before(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        match (self.toks.get(i - 1), self.toks.get(i)) {
            (Some(a), Some(b)) => self
                .text
                .get(a.end()..b.start())
                .is_some_and(|g| g.contains('\n')),
            _ => true,
        }
    }

    fn is_dash(&self, i: usize) -> bool {
        matches!(self.punct(i), Some('-') | Some('–') | Some('—') | Some('‒'))
    }

    fn span(&self, start: usize, end: usize) -> Span {
        let s = self.toks.get(start).map_or(0, |t| t.start());
        let e = end
            .checked_sub(1)
            .and_then(|k| self.toks.get(k))
            .map_or(s, |t| t.end());
        Span::new(s, e.max(s))
    }

    fn mention(&self, q: Quant) -> Mention {
        let not_checkable = self.not_checkable(&q);
        Mention {
            span: self.span(q.start, q.end),
            payload: Payload::Figure(Figure {
                value: q.value,
                low: q.low,
                high: q.high,
                unit: q.unit.map(str::to_string),
                modifier: q.modifier,
                subject: q.subject,
                not_checkable,
            }),
        }
    }

    // ---- the figure at a token ----------------------------------------------------

    fn figure_at(&self, i: usize) -> Outcome {
        let Some(t) = self.tok(i) else {
            return Outcome::None;
        };
        if t.kind == Kind::Opaque {
            return Outcome::Skip(i + 1);
        }
        if !self.may_start(i, t) {
            return Outcome::None;
        }
        // A word that is no number word (most often the word before a number, marked as
        // a possible currency prefix) starts a figure only as a currency prefix ("USD
        // 200", "HK$ 5") or as "per cent of": the number, vague and sign rules all
        // want a number word or a literal first. Turned away here, it costs no parse.
        if t.kind == Kind::Word
            && t.class == WClass::None
            && !self.is_word(i, "per")
            && self.currency_prefix(i).is_none()
        {
            return Outcome::None;
        }
        if let Some(q) = self.vague_at(i) {
            return self.finish(q, i);
        }
        // "percent of 10"
        if let Some(q) = self.percent_of(i) {
            return self.finish(q, i);
        }
        let Some(mut q) = self.core(i) else {
            return self.slash_skip(i);
        };
        // "between 10 and 20", "90–95%", "18 to 25 percent"
        let between = i > 0 && self.is_word(i - 1, "between");
        let k = q.end;
        // "rose from $2.3 billion to $3.6 billion" and "shares rose 6 pence to 388 pence"
        // are a change between two figures, not a range.
        let from_change = || {
            i > 0
                && ((self.is_word(i - 1, "from") && self.change_before(i - 1))
                    || self.word_in(i - 1, CHANGE_VERBS)
                    || (i > 1 && self.is_word(i - 1, "by") && self.word_in(i - 2, CHANGE_VERBS)))
        };
        let connects = (self.is_dash(k) && !q.words)
            || (self.is_word(k, "to") && !from_change())
            || (between && self.is_word(k, "and"));
        let connector = connects.then_some(k + 1);
        if let Some(j) = connector {
            if let Some(q2) = self.core(j) {
                let dash = self.is_dash(k);
                let year =
                    |q: &Quant| q.bare && q.plain.is_some_and(|v| (1000..=2099).contains(&v));
                if dash && year(&q) && (year(&q2) || q2.plain.is_some_and(|v| v < 100)) {
                    return Outcome::Skip(q2.end);
                }
                // "voted 19-15", "a 5-4 decision", "a 4-4 tie": two counts glued by a dash,
                // the first not below the second, are a tally (a vote, a score), one figure
                // and no range.
                let descending = matches!((&q.value, &q2.value), (Some(a), Some(b)) if a >= b);
                if dash
                    && descending
                    && q.bare
                    && q2.bare
                    && self.adjacent(k)
                    && self.adjacent(k + 1)
                {
                    let tally = Quant {
                        start: q.start,
                        end: q2.end,
                        value: None,
                        low: None,
                        high: None,
                        unit: Some(TALLY),
                        modifier: None,
                        scale: None,
                        bare: false,
                        plain: None,
                        words: false,
                        ratio: false,
                        vague: false,
                        subject: None,
                        margin: false,
                    };
                    return self.finish(tally, i);
                }
                // "5 to $10" is not a range written with one unit; "$5 to $10" is.
                let prefix_only = q.unit.is_none()
                    && q2.unit.is_some()
                    && self
                        .punct(q2.start)
                        .is_some_and(|c| currency::symbol(c).is_some());
                // A range never has its low end above its high end: "49 percent to 47
                // percent" compares two figures.
                let ordered = match (&q.value, &q2.value) {
                    (Some(a), Some(b)) => a <= b,
                    _ => false,
                };
                let compatible = ordered
                    && (q.unit.is_none() || q.unit == q2.unit)
                    && !prefix_only
                    && !year(&q)
                    && !year(&q2)
                    && !q.vague
                    && !q2.vague
                    && !(dash && (q.words || q2.words))
                    && q.value.is_some()
                    && q2.value.is_some();
                if compatible {
                    let mut low = q.value.clone().unwrap_or_else(Decimal::zero);
                    if let (None, Some(s)) = (q.scale, q2.scale) {
                        let scaled = low.clone().scale10(i64::from(s));
                        if q2.value.as_ref().is_some_and(|h| scaled <= *h) {
                            low = scaled;
                        }
                    }
                    let end = q2.end;
                    q = Quant {
                        start: q.start,
                        end,
                        value: None,
                        low: Some(low),
                        high: q2.value.clone(),
                        unit: q2.unit.or(q.unit),
                        modifier: None,
                        scale: q2.scale,
                        bare: false,
                        plain: None,
                        words: q.words && q2.words,
                        ratio: q2.ratio,
                        vague: false,
                        subject: None,
                        margin: false,
                    };
                }
            }
        }
        self.finish(q, i)
    }

    /// A cheap test that a figure may start at token `i`: most tokens are ordinary
    /// words and punctuation and are rejected here without any parsing.
    fn may_start(&self, i: usize, t: &Tok) -> bool {
        match t.kind {
            Kind::Num => true,
            Kind::Opaque => false,
            Kind::Word => match t.class {
                WClass::A => {
                    matches!(
                        self.class(i + 1),
                        WClass::Hundred
                            | WClass::Scale(_)
                            | WClass::Dozen
                            | WClass::Half
                            | WClass::Quarter
                            | WClass::Ordinal(..)
                            | WClass::OrdinalScale(..)
                            | WClass::Card(_)
                    ) || self.is_word(i + 1, "few")
                }
                WClass::And
                | WClass::Point
                | WClass::Ordinal(..)
                | WClass::OrdinalScale(..)
                | WClass::Halves
                | WClass::Quarters => false,
                WClass::Minus => self.number_starts(i + 1),
                WClass::Percent => self.is_word(i + 1, "of"),
                WClass::None => match self.tok(i + 1) {
                    Some(n) if n.kind == Kind::Num => true,
                    Some(n) if n.kind == Kind::Punct => match self.punct(i + 1) {
                        Some('$') => true,
                        Some('.') => t.end() - t.start() <= 2,
                        _ => false,
                    },
                    Some(_) => {
                        t.end() - t.start() == 3
                            && self.is_word(i, "per")
                            && self.is_word(i + 1, "cent")
                    }
                    None => false,
                },
                _ => true,
            },
            Kind::Punct => match self.text.as_bytes().get(t.start()) {
                Some(b'-') | Some(b'$') => true,
                Some(c) if c.is_ascii() => false,
                _ => self.punct(i).is_some_and(starts_figure),
            },
        }
    }

    /// Applies the context rules, the hedge and the subject to a parsed figure.
    fn finish(&self, mut q: Quant, i: usize) -> Outcome {
        if let Some(end) = self.not_a_figure(&q) {
            return Outcome::Skip(end);
        }
        let hedge_at = if q.start > 0 && self.is_word(q.start - 1, "between") && q.low.is_some() {
            q.start - 1
        } else {
            q.start
        };
        if let Some(m) = self.hedge_before(hedge_at) {
            q.modifier = Some(m);
            if m == FigureMod::EqualOrLess && q.value.is_some() {
                q.high = q.value.take();
            }
        }
        if q.vague {
            q.modifier = Some(FigureMod::Vague);
        }
        q.subject = self.subject_after(&q);
        let _ = i;
        Outcome::Figure(q)
    }

    /// "5/17", "24/7": slash pairs that are not fractions are skipped whole.
    fn slash_skip(&self, i: usize) -> Outcome {
        if self.lit(i).is_some()
            && self.punct(i + 1) == Some('/')
            && self.adjacent(i + 1)
            && self.lit(i + 2).is_some()
            && self.adjacent(i + 2)
        {
            return Outcome::Skip(i + 3);
        }
        Outcome::None
    }

    // ---- core: currency, sign, number, suffixes -----------------------------------

    fn core(&self, i: usize) -> Option<Quant> {
        let (prefix, j, prefix_scale) = match self.currency_prefix(i) {
            Some((c, j, s)) => (Some(c), j, s),
            None => (None, i, None),
        };
        // A margin: "plus or minus 4", "±3%", "+/- 2".
        let margin = if prefix.is_none() {
            self.margin_sign(j)
        } else {
            None
        };
        // Sign: "-4", "- 1 4/5", "minus five", "negative one".
        let (negative, k) = match self.punct(j) {
            _ if margin.is_some() => (false, margin.map_or(j, |m| m.1)),
            Some('-') | Some('−')
                if self.lit(j + 1).is_some()
                    && (j == 0
                        || !self.adjacent(j)
                        || prefix.is_some()
                        || matches!(self.punct(j - 1), Some('(') | Some('[')))
                    && !(j > 0 && self.lit(j - 1).is_some()) =>
            {
                (true, j + 1)
            }
            _ if self.class(j) == WClass::Minus && self.number_starts(j + 1) => (true, j + 1),
            _ => (false, j),
        };
        if negative && j != i && prefix.is_none() {
            return None;
        }
        let mut q = self.number(k, prefix.is_some())?;
        q.start = i;
        if let Some((start, _)) = margin {
            q.start = start;
            q.margin = true;
            q.bare = false;
        }
        if negative {
            q.value = q.value.map(Decimal::negated);
            q.bare = false;
        }
        let mut unit = prefix;
        if let Some(s) = prefix_scale {
            q.value = q.value.map(|v| v.scale10(i64::from(s)));
            q.scale = Some(s);
        }
        let mut e = q.end;
        // Scale abbreviations after digits: "3.6bn", "5m", "10k", "1MM".
        if !q.words && q.scale.is_none() {
            if let Some(w) = self.word(e) {
                if let Some(s) = currency::scale_abbrev(w, self.adjacent(e)) {
                    let next_is_letter = self
                        .tok(e + 1)
                        .is_some_and(|t| t.kind == Kind::Word && self.adjacent(e + 1));
                    if !next_is_letter {
                        q.value = q.value.map(|v| v.scale10(i64::from(s)));
                        q.scale = Some(s);
                        e += 1;
                        // "$5 bn" written "bn." is fine; "75 USD million" handled below.
                    }
                }
            }
        }
        // Percent.
        if let Some((u, after)) = self.percent_suffix(e) {
            q.unit = Some(u);
            q.end = after;
            q.bare = false;
            return Some(q);
        }
        // Currency after the number.
        if unit.is_none() {
            if let Some((code, exp10, scale, after)) = self.currency_suffix(e) {
                unit = Some(code);
                q.value = q
                    .value
                    .map(|v| v.scale10(i64::from(scale) - i64::from(exp10)));
                if scale > 0 {
                    q.scale = Some(scale);
                }
                e = after;
            }
        } else if self
            .word(e)
            .is_some_and(|w| w.eq_ignore_ascii_case("dollars") || w.eq_ignore_ascii_case("dollar"))
            && prefix == Some("USD")
        {
            // "$ 10 dollars"
            e += 1;
        }
        if let Some(code) = unit {
            q.unit = Some(code);
            q.bare = false;
            q.end = e;
            self.money_tail(&mut q);
            return Some(q);
        }
        // Temperatures: "1.5°C", "-4 °C", "90°F"
        if self.punct(e) == Some('°') {
            let (u, after) = match self.word(e + 1) {
                Some("C") if self.adjacent(e + 1) => ("°C", e + 2),
                Some("F") if self.adjacent(e + 1) => ("°F", e + 2),
                _ => ("degree", e + 1),
            };
            q.unit = Some(u);
            q.bare = false;
            q.end = after;
            return Some(q);
        }
        // Measurement units and "times".
        if let Some(w) = self.word(e) {
            // The unit table is searched only for a word that can be in it.
            let candidate = !self.is_dash(e) && currency::maybe_unit_word(w);
            if let Some(u) = candidate.then(|| currency::measure(w)).flatten() {
                // "arrested three times": "times" counts occasions, the noun of the
                // count; "three times larger" is a multiplier.
                let occasions = u == "times" && !self.multiplier_after(i, e + 1);
                if (u != "ft" || self.adjacent(e) || w.len() > 2) && !occasions {
                    q.unit = Some(u);
                    q.bare = false;
                    e += 1;
                    if u == "times" {
                        q.ratio = true;
                    }
                }
            }
        }
        q.end = e;
        Some(q)
    }

    /// True when "N times" (its number at `i`, the word after "times" at `k`) multiplies
    /// ("three times larger", "four times as many", "rose five times") rather than
    /// counting occasions ("was arrested three times").
    fn multiplier_after(&self, i: usize, k: usize) -> bool {
        const AFTER: &[&str] = &[
            "more", "less", "fewer", "as", "the", "that", "what", "over", "his", "her", "its",
            "their", "our", "this", "those", "these", "higher", "lower", "greater", "bigger",
            "larger", "smaller",
        ];
        // "1.65 times Deseret's earnings", "three times $10 million": a multiplier of
        // the quantity named after it.
        let comparative = self.word(k).is_some_and(|w| {
            in_list(AFTER, w)
                || w.as_bytes()[0].is_ascii_uppercase()
                || (w.len() >= 5 && w.ends_with("er") && w.as_bytes()[0].is_ascii_lowercase())
        }) || self.number_starts(k)
            || self.punct(k).is_some_and(|c| currency::symbol(c).is_some());
        let change = (i.saturating_sub(3)..i).any(|j| self.word_in(j, CHANGE_VERBS));
        comparative || change
    }

    /// A plus-or-minus sign at `j` ("plus or minus", "±", "+/-"): the token it starts
    /// at and the token its number starts at.
    fn margin_sign(&self, j: usize) -> Option<(usize, usize)> {
        if self.class(j) == WClass::Minus
            && j >= 2
            && self.is_word(j - 1, "or")
            && self.is_word(j - 2, "plus")
            && self.number_starts(j + 1)
        {
            return Some((j - 2, j + 1));
        }
        if self.punct(j) == Some('±') && self.number_starts(j + 1) {
            return Some((j, j + 1));
        }
        if self.punct(j) == Some('-')
            && j >= 2
            && self.punct(j - 1) == Some('/')
            && self.punct(j - 2) == Some('+')
            && self.adjacent(j)
            && self.adjacent(j - 1)
            && self.lit(j + 1).is_some()
        {
            return Some((j - 2, j + 1));
        }
        None
    }

    /// True when a number (digits or a number word) starts at `i`.
    fn number_starts(&self, i: usize) -> bool {
        self.lit(i).is_some()
            || matches!(
                self.class(i),
                WClass::Card(_) | WClass::Hundred | WClass::Scale(_) | WClass::Half
            )
    }

    /// A currency written before the number: its code, the token where the number
    /// starts and a scale the prefix carries ("MAUD 60" = 60 million AUD).
    fn currency_prefix(&self, i: usize) -> Option<(&'static str, usize, Option<u8>)> {
        let t = self.tok(i)?;
        let starts_number = |k: usize| {
            self.lit(k).is_some()
                || (matches!(self.punct(k), Some('-') | Some('−')) && self.lit(k + 1).is_some())
                || matches!(
                    self.class(k),
                    WClass::Card(_) | WClass::Half | WClass::Quarter | WClass::A
                )
        };
        match t.kind {
            Kind::Punct => {
                let ch = self.punct(i)?;
                let code = currency::symbol(ch)?;
                // "$10" or "$ 10"; the sign must not close a previous number ("10 $").
                if self.lit(i + 1).is_some()
                    || (self.number_starts(i + 1) && self.adjacent(i + 1))
                    || (self.class(i + 1) == WClass::Card(0))
                {
                    return Some((code, i + 1, None));
                }
                None
            }
            Kind::Word => {
                let w = self.word(i)?;
                // US$, HK$, C$, A$, Mex$, usd$ (and "us $", "c $", "hk $" spaced).
                if self.punct(i + 1) == Some('$') {
                    let attached = self.adjacent(i + 1);
                    let spaced_ok = matches!(
                        w.to_ascii_lowercase().as_str(),
                        "us" | "hk" | "c" | "nz" | "usd" | "mex"
                    );
                    let upper_only = matches!(w, "a" | "s" | "r");
                    if let Some(code) = currency::dollar_prefix(w) {
                        if (attached || spaced_ok) && !upper_only && starts_number(i + 2) {
                            return Some((code, i + 2, None));
                        }
                    }
                }
                // U.S. $ / u.s $
                if w.eq_ignore_ascii_case("u")
                    && self.punct(i + 1) == Some('.')
                    && self.is_word(i + 2, "s")
                {
                    let mut k = i + 3;
                    if self.punct(k) == Some('.') {
                        k += 1;
                    }
                    if self.punct(k) == Some('$') && starts_number(k + 1) {
                        return Some(("USD", k + 1, None));
                    }
                }
                // USD 200, rmb 10, USD115
                if let Some(code) = currency::iso_code(w) {
                    if self.lit(i + 1).is_some() {
                        return Some((code, i + 1, None));
                    }
                }
                // MAUD 60: millions of the currency
                if w.len() == 4 && w.starts_with('M') {
                    if let Some(code) = w.get(1..).and_then(currency::iso_code) {
                        if w.bytes().all(|b| b.is_ascii_uppercase()) && self.lit(i + 1).is_some() {
                            return Some((code, i + 1, Some(6)));
                        }
                    }
                }
                // dollar 22.5 million, dlrs 2 million, Rs 500
                let dollar_word = ["dollar", "dollars", "dlrs"]
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(w));
                if dollar_word && self.lit(i + 1).is_some() {
                    return Some(("USD", i + 1, None));
                }
                if w == "Rs" {
                    let k = if self.punct(i + 1) == Some('.') {
                        i + 2
                    } else {
                        i + 1
                    };
                    if self.lit(k).is_some() {
                        return Some(("INR", k, None));
                    }
                }
                None
            }
            _ => None,
        }
    }

    /// A percent sign or word after the number: the unit and the token after it.
    fn percent_suffix(&self, e: usize) -> Option<(&'static str, usize)> {
        if self.punct(e) == Some('%') {
            return Some(("percent", e + 1));
        }
        let w = self.word(e)?;
        if self.class(e) == WClass::Percent {
            if w.eq_ignore_ascii_case("percentage")
                && (self.is_word(e + 1, "point") || self.is_word(e + 1, "points"))
            {
                return Some(("percentage point", e + 2));
            }
            return Some(("percent", e + 1));
        }
        if w.eq_ignore_ascii_case("per") && self.is_word(e + 1, "cent") {
            return Some(("percent", e + 2));
        }
        if w.eq_ignore_ascii_case("basis")
            && (self.is_word(e + 1, "points") || self.is_word(e + 1, "point"))
        {
            return Some(("basis point", e + 2));
        }
        None
    }

    /// A currency after the number: its code, the sub-unit power of ten ("cents": 2),
    /// a scale it carries ("75 USD million", "30 MUSD") and the token after it.
    fn currency_suffix(&self, e: usize) -> Option<(&'static str, u8, u8, usize)> {
        let t = self.tok(e)?;
        if t.kind == Kind::Punct {
            let ch = self.punct(e)?;
            if ch == '¢' {
                return Some(("USD", 2, 0, e + 1));
            }
            if let Some(code) = currency::symbol(ch) {
                // "10 $ 30 $" is two amounts, "1 $10" is not "1 $".
                if self.lit(e + 1).is_some() && self.adjacent(e + 1) {
                    return None;
                }
                return Some((code, 0, 0, e + 1));
            }
        }
        // "12-cent", "one-yen"
        let (e, hyphen) = if self.is_dash(e) && self.adjacent(e) && self.adjacent(e + 1) {
            (e + 1, true)
        } else {
            (e, false)
        };
        let w = self.word(e)?;
        if !currency::maybe_unit_word(w) {
            return None;
        }
        if !hyphen {
            if let Some(code) = currency::iso_code(w) {
                // "3 USD50 cards": the code belongs to the number after it.
                if self.lit(e + 1).is_some() && self.adjacent(e + 1) {
                    return None;
                }
                if let WClass::Scale(s) = self.class(e + 1) {
                    return Some((code, 0, s, e + 2));
                }
                return Some((code, 0, 0, e + 1));
            }
            if w.len() == 4 && w.starts_with('M') && w.bytes().all(|b| b.is_ascii_uppercase()) {
                if let Some(code) = w.get(1..).and_then(currency::iso_code) {
                    return Some((code, 0, 6, e + 1));
                }
            }
            if w == "p" && self.adjacent(e) {
                return Some(("GBP", 2, 0, e + 1));
            }
            // Qualified names: "Swiss francs", "Hong Kong dollars", "US dollars".
            if let Some(next) = self.word(e + 1) {
                // "37.5 Canadian cents"
                if next.eq_ignore_ascii_case("cents") || next.eq_ignore_ascii_case("cent") {
                    let code = if w.eq_ignore_ascii_case("euro") {
                        Some("EUR")
                    } else {
                        currency::qualified(w, "dollar")
                    };
                    if let Some(code) = code {
                        return Some((code, 2, 0, e + 2));
                    }
                }
                if let Some(code) = currency::qualified(w, next) {
                    return Some((code, 0, 0, e + 2));
                }
                if let Some(third) = self.word(e + 2) {
                    const THREE: &[(&str, &str, &str, &str)] = &[
                        ("hong", "kong", "dollar", "HKD"),
                        ("new", "zealand", "dollar", "NZD"),
                        ("new", "taiwan", "dollar", "TWD"),
                        ("sri", "lankan", "rupee", "LKR"),
                        ("south", "african", "rand", "ZAR"),
                        ("south", "korean", "won", "KRW"),
                    ];
                    let singular = third.strip_suffix(['s', 'S']).unwrap_or(third);
                    let code = THREE
                        .iter()
                        .find(|(a, b, c, _)| {
                            a.eq_ignore_ascii_case(w)
                                && b.eq_ignore_ascii_case(next)
                                && c.eq_ignore_ascii_case(singular)
                        })
                        .map(|t| t.3);
                    if let Some(code) = code {
                        return Some((code, 0, 0, e + 3));
                    }
                }
            }
        }
        let (code, div) = currency::name(w)?;
        // "1,300 pounds (600 kgs) of explosives": a weight, not sterling.
        if w.to_ascii_lowercase().starts_with("pound")
            && !matches!(self.class(e.wrapping_sub(1)), WClass::Scale(_))
            && (self.is_word(e + 1, "of") || self.punct(e + 1) == Some('(') || self.weighs(e))
        {
            return None;
        }
        let exp10 = match div {
            100 => 2,
            10 => 1,
            100_000_000 => 8,
            _ => 0,
        };
        Some((code, exp10, 0, e + 1))
    }

    /// True when "pounds" at `e` is a weight: a word of weighing shortly before its
    /// number ("weighed 40 pounds", "lost 20 pounds") or a comparison of weight after
    /// it ("10 pounds heavier").
    fn weighs(&self, e: usize) -> bool {
        const WEIGHT: &[&str] = &[
            "weigh", "weighs", "weighed", "weighing", "weight", "weights", "heavy", "lost", "lose",
            "loses", "losing", "gained", "gain", "gains", "gaining", "shed", "sheds", "shedding",
        ];
        let before = (e.saturating_sub(5)..e).any(|k| self.word_in(k, WEIGHT));
        let after = self.word_in(e + 1, &["heavier", "lighter", "overweight", "underweight"]);
        before || after
    }

    /// "3 dollars 50 cents", "thirteen dollars and forty-five cents", "c $ 100 and fifty".
    fn money_tail(&self, q: &mut Quant) {
        let Some(v) = q.value.clone() else { return };
        if !v.is_integer() || q.scale.is_some() {
            return;
        }
        let mut k = q.end;
        if self.punct(k).is_some() && self.punct(k) != Some('¢') {
            return;
        }
        if self.is_word(k, "and") {
            k += 1;
        }
        let Some(c) = self.cardinal(k) else { return };
        if c.scale.is_some()
            || !c.value.is_integer()
            || c.value.cmp_u64(100).is_ge()
            || c.value.is_zero()
        {
            return;
        }
        let mut end = c.end;
        let cents_word = self.word(end).is_some_and(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "cent" | "cents" | "pence" | "penny"
            )
        });
        if cents_word {
            end += 1;
        } else {
            // "15 dollars 50." but not "50 dollar 40 rmb" or "3 dollars 50 people".
            let ok_next = match self.tok(end) {
                None => true,
                Some(t) if t.kind == Kind::Punct => {
                    let ch = self.punct(end).unwrap_or(' ');
                    matches!(ch, '.' | ',' | ';' | '!' | '?' | ')')
                        && currency::symbol(ch).is_none()
                }
                Some(_) => self.is_word(end, "and") || self.is_word(end, "or"),
            };
            if !ok_next || self.punct(end) == Some('$') {
                return;
            }
        }
        q.value = Some(v.add(&c.value.scale10(-2)));
        q.end = end;
    }

    // ---- numbers ------------------------------------------------------------------

    /// A number at `i`: digits or words with scales, fractions and multipliers.
    fn number(&self, i: usize, money: bool) -> Option<Quant> {
        // Unicode vulgar fractions: "½", "2½"
        if let Some((n, d)) = self.punct(i).and_then(unicode_fraction) {
            let mut q = Quant::new(i, i + 1, divide(&dec(n), d));
            q.bare = false;
            q.ratio = true;
            return Some(q);
        }
        match self.class(i) {
            WClass::Twice | WClass::Thrice => {
                let v = if self.class(i) == WClass::Twice { 2 } else { 3 };
                let mut q = Quant::new(i, i + 1, dec(v));
                q.unit = Some("times");
                q.words = true;
                q.bare = false;
                q.ratio = true;
                return Some(q);
            }
            WClass::A => return self.a_number(i),
            WClass::Half | WClass::Quarter => return self.fraction_word(i),
            // "nearly dozen", "Dozen hurt in crash": "dozen" without "a" is twelve.
            WClass::Dozen if !(i > 0 && self.number_starts(i - 1)) => {
                let mut q = Quant::new(i, i + 1, dec(12));
                q.words = true;
                q.bare = false;
                return Some(q);
            }
            _ => {}
        }
        let c = self.cardinal(i)?;
        let mut q = Quant::new(i, c.end, c.value.clone());
        q.words = !c.digits;
        q.scale = c.scale.filter(|&s| s >= 2);
        q.bare = c.scale.is_none();
        if let Some(k) = c.single_lit {
            q.plain = self.lit(k).and_then(|l| l.plain);
        }
        // Slash fractions: "3/4", "-4/5", "2  1/4"
        if let Some(l) = c.single_lit.and_then(|k| self.lit(k)) {
            let k = c.end;
            if self.punct(k) == Some('/') && self.adjacent(k) && self.adjacent(k + 1) {
                let (Some(n), Some(d)) = (l.plain, self.lit(k + 1).and_then(|x| x.plain)) else {
                    return None;
                };
                if n >= d || !SLASH_DENOMINATORS.contains(&d) {
                    return None;
                }
                q.value = Some(divide(&dec(n), d));
                q.end = k + 2;
                q.bare = false;
                q.ratio = true;
                q.plain = None;
                return Some(q);
            }
            // mixed number "2 1/4"
            if let (Some(whole), Some(n)) = (l.plain, self.lit(k).and_then(|x| x.plain)) {
                if self.punct(k + 1) == Some('/')
                    && self.adjacent(k + 1)
                    && self.adjacent(k + 2)
                    && !self.adjacent(k)
                {
                    if let Some(d) = self.lit(k + 2).and_then(|x| x.plain) {
                        if n < d && SLASH_DENOMINATORS.contains(&d) {
                            q.value = Some(dec(whole).add(&divide(&dec(n), d)));
                            q.end = k + 3;
                            q.bare = false;
                            q.plain = None;
                            return Some(q);
                        }
                    }
                }
            }
            // "2½"
            if let Some((n, d)) = self.punct(k).and_then(unicode_fraction) {
                if self.adjacent(k) {
                    if let Some(whole) = l.plain {
                        q.value = Some(dec(whole).add(&divide(&dec(n), d)));
                        q.end = k + 1;
                        q.bare = false;
                        q.plain = None;
                        return Some(q);
                    }
                }
            }
        }
        // "two hundred point zero three"
        if c.words && !c.digits && self.class(c.end) == WClass::Point {
            if let Some((frac, end)) = self.point_digits(c.end + 1) {
                let mut v = c.value.add(&frac);
                let mut end = end;
                if let WClass::Scale(s) = self.class(end) {
                    v = v.scale10(i64::from(s));
                    q.scale = Some(s);
                    end += 1;
                }
                q.value = Some(v);
                q.end = end;
                q.bare = q.scale.is_none();
                return Some(q);
            }
        }
        // "one one hundred fifth" = 1/105: a cardinal before a unit ordinal compounds it.
        if c.words && !c.digits && c.value.cmp_u64(1).is_eq() && c.end == i + 1 {
            if let Some(d) = self.cardinal(c.end).filter(|d| d.words && !d.digits) {
                let m = if self.class(d.end) == WClass::And {
                    d.end + 1
                } else {
                    d.end
                };
                if let (WClass::Ordinal(u, false), Some(dv)) = (self.class(m), d.value.to_u64()) {
                    if (1..=9).contains(&u) && dv >= 100 && self.fraction_end_ok(m + 1) {
                        let mut q = Quant::new(i, m + 1, divide(&dec(1), dv + u64::from(u)));
                        q.words = true;
                        q.bare = false;
                        q.ratio = true;
                        return Some(q);
                    }
                }
            }
        }
        // Fractions with an ordinal denominator: "two thirds", "one hundred thirty fifths".
        if let Some(fq) = self.ordinal_fraction(&c, i) {
            return Some(fq);
        }
        // Mixed numbers: "one and a half", "3 million and a quarter", "five and a half million"
        if self.class(c.end) == WClass::And {
            if let Some((fnum, fden, end)) = self.and_fraction(c.end + 1) {
                let frac = divide(&fnum, fden);
                let (mut v, mut end) = match c.ends_in_scale {
                    Some(s) if s >= 6 => (c.value.add(&frac.scale10(i64::from(s))), end),
                    _ => (c.value.add(&frac), end),
                };
                if let WClass::Scale(s) = self.class(end) {
                    let big = c.ends_in_scale.is_some_and(|b| b > s);
                    v = if big {
                        c.value.add(&divide(&fnum.mul(&pow10(s)), fden))
                    } else {
                        v.scale10(i64::from(s))
                    };
                    end += 1;
                    q.scale = Some(s);
                }
                q.value = Some(v);
                q.end = end;
                q.bare = false;
                q.plain = None;
                return Some(q);
            }
        }
        // Ratios: "one over three", "one out of three", "1 in twenty-one".
        if !money && c.value.is_integer() {
            if let Some(fq) = self.ratio_after(&c, i) {
                return Some(fq);
            }
        }
        // Dozens after a digit or word cardinal: "3 dozens".
        Some(q)
    }

    /// Digit words after "point": "zero three" → 0.03, "seventy-one" → 0.71.
    fn point_digits(&self, mut k: usize) -> Option<(Decimal, usize)> {
        let mut s = String::from("0.");
        while let WClass::Card(v) = self.class(k) {
            if v >= 20 && v % 10 == 0 {
                let mut m = k + 1;
                if self.is_dash(m) {
                    m += 1;
                }
                if let WClass::Card(u) = self.class(m) {
                    if (1..=9).contains(&u) {
                        s.push_str(&(v + u).to_string());
                        k = m + 1;
                        continue;
                    }
                }
            }
            s.push_str(&v.to_string());
            k += 1;
        }
        if s.len() == 2 {
            return None;
        }
        Some((s.parse().ok()?, k))
    }

    /// The denominator at `k`: an ordinal, optionally compound ("twenty-first",
    /// "thirty fifths"). Returns (denominator, plural, next token).
    fn denominator(&self, k: usize) -> Option<(u64, bool, usize)> {
        let k = if self.is_dash(k) { k + 1 } else { k };
        match self.class(k) {
            WClass::Ordinal(d, p) if d >= 3 => Some((u64::from(d), p, k + 1)),
            WClass::OrdinalScale(e, p) => Some((10u64.pow(u32::from(e)), p, k + 1)),
            WClass::Half => Some((2, false, k + 1)),
            WClass::Halves => Some((2, true, k + 1)),
            WClass::Quarter => Some((4, false, k + 1)),
            WClass::Quarters => Some((4, true, k + 1)),
            WClass::Card(t) if t >= 20 && t % 10 == 0 => {
                let m = if self.is_dash(k + 1) { k + 2 } else { k + 1 };
                match self.class(m) {
                    WClass::Ordinal(u, p) if (1..=9).contains(&u) => {
                        Some((u64::from(t + u), p, m + 1))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// True when a singular fraction ("a third", "one fifth") ends at `k`: what follows
    /// is not a noun it would be an ordinal of ("a third term").
    fn fraction_end_ok(&self, k: usize) -> bool {
        // "a third-quarter loss", "the fourth-largest": an ordinal in a compound.
        if self.is_dash(k) && self.adjacent(k) {
            return false;
        }
        match self.tok(k) {
            None => true,
            Some(t) if t.kind != Kind::Word => true,
            _ => {
                self.word_in(k, &["of", "and", "or", "than", "in", "to"])
                    || matches!(
                        self.class(k),
                        WClass::Scale(_) | WClass::Hundred | WClass::Dozen
                    )
            }
        }
    }

    fn ordinal_fraction(&self, c: &Card, i: usize) -> Option<Quant> {
        if c.digits || !c.words {
            return None;
        }
        let (den, plural, end) = self.denominator(c.end)?;
        let ord_at = if self.is_dash(c.end) {
            c.end + 1
        } else {
            c.end
        };
        // "one hundred thirty fifths" = 100/35: a bare tens word joins the ordinal.
        if let (Some((base, t)), WClass::Ordinal(u, _)) = (&c.last_tens, self.class(ord_at)) {
            if !base.is_zero() && (1..=9).contains(&u) {
                let den = u64::from(*t) + u64::from(u);
                return self.fraction_tail(
                    i,
                    end,
                    divide(base, den),
                    base.clone(),
                    plural,
                    den,
                    true,
                );
            }
        }
        // "one hundred and three quarters" = 100.75, "two million and one half" = 2.5
        // million, but "one hundred and thirty-two fifths" = 132/5.
        if let Some((base, chunk, base_scale)) = &c.last_and {
            if chunk.cmp_u64(den).is_lt() {
                if (chunk.cmp_u64(1).is_eq()) == plural {
                    return None;
                }
                let frac = divide(chunk, den);
                let mut end = end;
                let v = match (base_scale, self.class(end)) {
                    (Some(b), WClass::Scale(s)) if *b > s => {
                        end += 1;
                        base.add(&frac.scale10(i64::from(s)))
                    }
                    (_, WClass::Scale(s)) => {
                        end += 1;
                        base.add(&frac).scale10(i64::from(s))
                    }
                    (Some(b), _) if *b >= 6 => base.add(&frac.scale10(i64::from(*b))),
                    _ => base.add(&frac),
                };
                let mut q = Quant::new(i, end, v);
                q.words = true;
                q.bare = false;
                return Some(q);
            }
        }
        let v = divide(&c.value, den);
        self.fraction_tail(i, end, v, c.value.clone(), plural, den, true)
    }

    /// Checks agreement ("two thirds", not "two third"), then applies a following scale
    /// ("two thirds of a million"). `num`: the numerator, for agreement.
    #[allow(clippy::too_many_arguments)]
    fn fraction_tail(
        &self,
        i: usize,
        end: usize,
        v: Decimal,
        num: Decimal,
        plural: bool,
        den: u64,
        whole: bool,
    ) -> Option<Quant> {
        let one = num.cmp_u64(1).is_eq();
        if whole && one == plural {
            return None;
        }
        if !plural && !self.fraction_end_ok(end) {
            return None;
        }
        // "two quarters" of a year are time, not a fraction.
        if plural && den == 4 && !self.fraction_end_ok(end) {
            return None;
        }
        let (v, end, scale) = self.scale_after_fraction(v, end);
        Some(Quant::word_fraction(i, end, v, scale))
    }

    /// "of a million", "a million", "million", "a dozen" after a fraction.
    fn scale_after_fraction(&self, v: Decimal, end: usize) -> (Decimal, usize, Option<u8>) {
        let mut k = end;
        if self.is_word(k, "of") && self.class(k + 1) == WClass::A {
            k += 2;
        } else if self.class(k) == WClass::A {
            k += 1;
        }
        match self.class(k) {
            WClass::Scale(s) => (v.scale10(i64::from(s)), k + 1, Some(s)),
            WClass::Hundred => (v.scale10(2), k + 1, Some(2)),
            WClass::Dozen => (v.mul(&dec(12)), k + 1, None),
            _ => (v, end, None),
        }
    }

    /// After "and": "a half", "one half", "three quarters", "two thirds" as (num, den, end).
    fn and_fraction(&self, k: usize) -> Option<(Decimal, u64, usize)> {
        if self.class(k) == WClass::A {
            let (den, plural, end) = self.denominator(k + 1)?;
            let half_or_quarter = matches!(self.class(k + 1), WClass::Half | WClass::Quarter);
            if plural || !(half_or_quarter || self.fraction_end_ok(end)) {
                return None;
            }
            return Some((dec(1), den, end));
        }
        let c = self.cardinal(k)?;
        if c.digits || c.scale.is_some() {
            return None;
        }
        let (den, plural, end) = self.denominator(c.end)?;
        if (c.value.cmp_u64(1).is_eq()) == plural || c.value.cmp_u64(den).is_ge() {
            return None;
        }
        let half_or_quarter = den == 2 || den == 4;
        if !plural && !half_or_quarter && !self.fraction_end_ok(end) {
            return None;
        }
        Some((c.value, den, end))
    }

    /// "a dozen", "a hundred", "a million", "a half", "a quarter", "a fifth", "a trillionth".
    fn a_number(&self, i: usize) -> Option<Quant> {
        match self.class(i + 1) {
            WClass::Hundred | WClass::Scale(_) => {
                let c = self.cardinal(i)?;
                let mut q = self.number_from_card(i, &c)?;
                q.start = i;
                Some(q)
            }
            WClass::Dozen => {
                let mut q = Quant::new(i, i + 2, dec(12));
                q.words = true;
                q.bare = false;
                Some(q)
            }
            WClass::Quarter | WClass::Half => {
                let (den, _, end) = self.denominator(i + 1)?;
                let (v, end2, scale) = self.scale_after_fraction(divide(&dec(1), den), end);
                if scale.is_none() && !self.fraction_end_ok(end) {
                    return None;
                }
                Some(Quant::word_fraction(i, end2, v, scale))
            }
            WClass::Ordinal(..) | WClass::OrdinalScale(..) | WClass::Card(_) => {
                let (den, plural, end) = self.denominator(i + 1)?;
                self.fraction_tail(i, end, divide(&dec(1), den), dec(1), plural, den, true)
            }
            _ => None,
        }
    }

    /// Re-reads a cardinal starting at "a" ("a hundred thousand trillionths").
    fn number_from_card(&self, i: usize, c: &Card) -> Option<Quant> {
        if let Some(fq) = self.ordinal_fraction(c, i) {
            return Some(fq);
        }
        let mut q = Quant::new(i, c.end, c.value.clone());
        q.words = true;
        q.scale = c.scale;
        q.bare = false;
        Some(q)
    }

    /// "half", "half a million", "half a dozen", "quarter million".
    fn fraction_word(&self, i: usize) -> Option<Quant> {
        let den = if self.class(i) == WClass::Half { 2 } else { 4 };
        // "the first half of 2025", "half-brother", "the second quarter"
        if i > 0
            && self.word_in(
                i - 1,
                &[
                    "first", "second", "third", "fourth", "last", "latter", "other", "final",
                    "next", "previous", "past", "this", "that", "each", "the", "every", "one",
                ],
            )
        {
            return None;
        }
        if self.is_dash(i + 1) && self.adjacent(i + 1) {
            return None;
        }
        let (v, end, scale) = self.scale_after_fraction(divide(&dec(1), den), i + 1);
        if den == 4 && scale.is_none() {
            return None;
        }
        Some(Quant::word_fraction(i, end, v, scale))
    }

    /// "one over three", "two out of five hundred", "1 in twenty-one".
    fn ratio_after(&self, c: &Card, i: usize) -> Option<Quant> {
        let k = c.end;
        let every = |j: usize| usize::from(self.is_word(j, "every"));
        let (den_at, kind) = if self.is_word(k, "over") {
            (k + 1, 0)
        } else if self.is_word(k, "out") && self.is_word(k + 1, "of") {
            (k + 2 + every(k + 2), 1)
        } else if self.is_word(k, "in") {
            (k + 1 + every(k + 1), 2)
        } else if self.is_word(k, "of") {
            // "one of every nine voters", "2 of 5 said": a proportion, not two counts.
            (k + 1 + every(k + 1), 3)
        } else {
            return None;
        };
        let d = self.cardinal(den_at)?;
        let den = d.value.to_u64().filter(|&d| d > 0)?;
        let num = &c.value;
        let next_word = self.word(d.end);
        let ok = match kind {
            0 => next_word.is_none() && self.punct(d.end) != Some('%'),
            1 => *num < d.value && self.punct(d.end) != Some('%'),
            // "one of three executives" counts the executives; "one of every three" and
            // "two of three" are shares.
            3 => {
                (num.cmp_u64(1).is_gt() || every(k + 1) == 1)
                    && *num <= d.value
                    && !num.is_zero()
                    && d.scale.is_none()
                    && !(1000..=2099).contains(&den)
                    && !matches!(self.punct(d.end), Some('%') | Some('\'') | Some('’'))
                    && !matches!(self.class(d.end), WClass::Percent)
                    && !next_word.is_some_and(|w| {
                        words::is_time_unit(w) || words::is_month(w) || in_list(&["of"], w)
                    })
            }
            _ => {
                // "one in five Americans", "7 in 10 voters"
                *num < d.value
                    && !num.is_zero()
                    && den <= 1000
                    && !(1000..=2099).contains(&den)
                    && self.punct(d.end) != Some('%')
                    && !next_word.is_some_and(|w| words::is_time_unit(w) || words::is_month(w))
            }
        };
        if !ok {
            return None;
        }
        let mut q = Quant::new(i, d.end, divide(num, den));
        q.words = c.words && d.words;
        q.bare = false;
        q.ratio = true;
        Some(q)
    }

    /// A cardinal: words and digits with "hundred", scales and "and" ("two hundred and
    /// two thousand", "4 thousand 3 hundred and 21", "twenty-one trillion").
    fn cardinal(&self, i: usize) -> Option<Card> {
        // Most numbers are one literal with nothing after it that could extend it.
        if let Some(l) = self.lit(i) {
            if !matches!(
                self.class(i + 1),
                WClass::Hundred
                    | WClass::Scale(_)
                    | WClass::Dozen
                    | WClass::Dozens
                    | WClass::VagueScale(2)
            ) {
                return Some(Card {
                    end: i + 1,
                    value: l.value.clone()?,
                    words: false,
                    digits: true,
                    scale: None,
                    big: None,
                    ends_in_scale: None,
                    last_and: None,
                    last_tens: None,
                    single_lit: Some(i),
                });
            }
        }
        let mut c = Card {
            end: i,
            value: Decimal::zero(),
            words: false,
            digits: false,
            scale: None,
            big: None,
            ends_in_scale: None,
            last_and: None,
            last_tens: None,
            single_lit: None,
        };
        let mut st = CardState {
            k: i,
            total: Decimal::zero(),
            seg: Decimal::zero(),
            chunk_base: Decimal::zero(),
            last: Last::Unit,
            hundred_used: false,
        };
        // First atom.
        match self.class(st.k) {
            WClass::A if matches!(self.class(st.k + 1), WClass::Hundred | WClass::Scale(_)) => {
                st.seg = dec(1);
                c.words = true;
                st.k += 1;
            }
            WClass::Hundred | WClass::Scale(_) => {
                // "hundred thousand dollars", but not "billion-dollar industry"
                if st.k > 0 && self.number_starts(st.k - 1)
                    || (self.is_dash(st.k + 1) && self.adjacent(st.k + 1))
                {
                    return None;
                }
                st.seg = dec(1);
                c.words = true;
            }
            WClass::Card(v) => {
                st.seg = dec(u64::from(v));
                st.last = Last::of(v);
                if v >= 20 {
                    c.last_tens = Some((Decimal::zero(), v));
                }
                c.words = true;
                st.k += 1;
            }
            _ => {
                let l = self.lit(st.k)?;
                st.seg = l.value.clone()?;
                st.last = Last::Digits;
                c.digits = true;
                c.single_lit = Some(st.k);
                st.k += 1;
            }
        }
        // The state before the current "and"/scale chunk, restored when the chunk does
        // not fit ("3 hundred and 2 hundred" is two numbers).
        let mut saved: Option<(CardState, Card)> = None;
        loop {
            let k = st.k;
            // tens + unit: "twenty-one", "fifty - two", "fifty two"
            if st.last == Last::Tens {
                let m = if self.is_dash(k) { k + 1 } else { k };
                if let WClass::Card(u) = self.class(m) {
                    if (1..=9).contains(&u) {
                        st.seg = st.seg.add(&dec(u64::from(u)));
                        st.last = Last::Unit;
                        c.last_tens = None;
                        if let Some((_, ch, _)) = c.last_and.as_mut() {
                            *ch = ch.add(&dec(u64::from(u)));
                        }
                        st.k = m + 1;
                        continue;
                    }
                }
            }
            let after_atom = matches!(st.last, Last::Unit | Last::Teen | Last::Tens | Last::Digits);
            match self.class(k) {
                WClass::Hundred | WClass::VagueScale(2) if after_atom => {
                    if st.hundred_used {
                        if let Some((s, sc)) = saved.take() {
                            st = s;
                            c = sc;
                        }
                        break;
                    }
                    // "2.12 hundred", "322 hundred", "one thousand two hundred"
                    let chunk = st.seg.add(&st.chunk_base.clone().negated());
                    st.seg = st.chunk_base.add(&chunk.mul(&dec(100)));
                    st.hundred_used = true;
                    st.last = Last::Hundred;
                    c.words = true;
                    c.scale = c.scale.max(Some(2));
                    c.last_tens = None;
                    c.last_and = None;
                    c.single_lit = None;
                    c.ends_in_scale = None;
                    st.k += 1;
                    continue;
                }
                WClass::Dozen | WClass::Dozens if after_atom => {
                    // "three hundred and two dozens" = 324
                    let chunk = st.seg.add(&st.chunk_base.clone().negated());
                    st.seg = st.chunk_base.add(&chunk.mul(&dec(12)));
                    c.words = true;
                    c.single_lit = None;
                    c.last_tens = None;
                    c.last_and = None;
                    c.scale = c.scale.max(Some(1));
                    st.k += 1;
                    break;
                }
                WClass::Scale(s) if after_atom || st.last == Last::Hundred => {
                    if c.big.is_some_and(|b| s >= b) {
                        if let Some((s, sc)) = saved.take() {
                            st = s;
                            c = sc;
                        }
                        break;
                    }
                    st.total = st.total.add(&st.seg.scale10(i64::from(s)));
                    st.seg = Decimal::zero();
                    st.chunk_base = Decimal::zero();
                    c.big = Some(s);
                    st.hundred_used = false;
                    st.last = Last::Scale;
                    c.words = true;
                    c.scale = c.scale.max(Some(s));
                    c.ends_in_scale = Some(s);
                    c.last_tens = None;
                    c.last_and = None;
                    c.single_lit = None;
                    saved = None;
                    st.k += 1;
                    continue;
                }
                // "three lakh crore"
                WClass::Scale(s)
                    if st.last == Last::Scale
                        && st.seg.is_zero()
                        && c.big.is_some_and(|b| s > b) =>
                {
                    st.total = st.total.scale10(i64::from(s));
                    c.big = Some(s);
                    c.scale = c.scale.max(Some(s));
                    c.ends_in_scale = Some(s);
                    st.k += 1;
                    continue;
                }
                _ => {}
            }
            // Chunks after a hundred or a scale: "two hundred [and] six", "one million two
            // thousand", "4 thousand 3 hundred and 21".
            if matches!(st.last, Last::Hundred | Last::Scale) {
                let and = self.class(k) == WClass::And;
                let m = if and { k + 1 } else { k };
                let atom = match self.class(m) {
                    WClass::Card(v) if v > 0 => Some((dec(u64::from(v)), v, false)),
                    _ => self
                        .lit(m)
                        .filter(|l| l.plain.is_some() && !l.grouped)
                        .and_then(|l| l.value.clone())
                        .filter(|v| !v.is_zero())
                        .map(|v| (v, 0, true)),
                };
                if let Some((v, wv, is_digits)) = atom {
                    let limit = if st.last == Last::Hundred {
                        dec(100)
                    } else {
                        pow10(c.big.unwrap_or(3))
                    };
                    // Digits after a scale only with "and" or before another scale word.
                    let digits_ok = !is_digits
                        || and
                        || matches!(self.class(m + 1), WClass::Hundred | WClass::Scale(_));
                    if v < limit && digits_ok {
                        saved = Some((st.clone(), c.clone()));
                        let base = st.total.add(&st.seg);
                        let base_scale = if st.last == Last::Scale { c.big } else { None };
                        c.last_and = and.then(|| (base.clone(), v.clone(), base_scale));
                        c.last_tens = None;
                        st.chunk_base = st.seg.clone();
                        st.seg = st.seg.add(&v);
                        c.ends_in_scale = None;
                        if is_digits {
                            c.digits = true;
                            st.last = Last::Digits;
                        } else {
                            st.last = Last::of(wv);
                            if wv >= 20 && !and {
                                c.last_tens = Some((base, wv));
                            }
                        }
                        st.k = m + 1;
                        continue;
                    }
                }
            }
            break;
        }
        c.end = st.k;
        c.value = st.total.add(&st.seg);
        if c.end == i {
            return None;
        }
        Some(c)
    }

    // ---- vague quantities -----------------------------------------------------------

    /// "thousands of", "hundreds of thousands", "tens of millions", "dozens", "several".
    fn vague_at(&self, i: usize) -> Option<Quant> {
        let (low, mut end, scale) = match self.class(i) {
            WClass::VagueScale(e) => {
                if i > 0 && self.number_starts(i - 1) {
                    return None;
                }
                let mut e_total = e;
                let mut end = i + 1;
                if self.is_word(i + 1, "of") {
                    if let WClass::VagueScale(e2) = self.class(i + 2) {
                        if e2 > e {
                            e_total = e + e2;
                            end = i + 3;
                        }
                    }
                }
                (dec(2).scale10(i64::from(e_total)), end, e_total)
            }
            WClass::Tens => {
                if !self.is_word(i + 1, "of") {
                    return None;
                }
                let WClass::VagueScale(e2) = self.class(i + 2) else {
                    return None;
                };
                (dec(2).scale10(i64::from(e2) + 1), i + 3, e2 + 1)
            }
            WClass::Dozens => {
                if i > 0 && self.number_starts(i - 1) {
                    return None;
                }
                (dec(24), i + 1, 1)
            }
            // "a few hundred", "a few thousand"
            WClass::A if self.is_word(i + 1, "few") => match self.class(i + 2) {
                WClass::Scale(s) => (dec(2).scale10(i64::from(s)), i + 3, s),
                WClass::Hundred => (dec(200), i + 3, 2),
                WClass::Dozen => (dec(24), i + 3, 1),
                _ => return None,
            },
            WClass::Several => match self.class(i + 1) {
                WClass::Scale(s) => (dec(2).scale10(i64::from(s)), i + 2, s),
                WClass::Hundred => (dec(200), i + 2, 2),
                WClass::Dozen => (dec(24), i + 2, 1),
                _ => {
                    let mut q = Quant::new(i, i + 1, Decimal::zero());
                    q.value = None;
                    q.vague = true;
                    q.bare = false;
                    q.words = true;
                    return Some(q);
                }
            },
            _ => return None,
        };
        let _ = scale;
        let mut q = Quant::new(i, end, Decimal::zero());
        q.value = None;
        q.low = Some(low);
        q.vague = true;
        q.bare = false;
        q.words = true;
        // "millions of dollars"
        if self.is_word(end, "of") {
            if let Some((code, 1)) = self.word(end + 1).and_then(currency::name) {
                q.unit = Some(code);
                end += 2;
            }
        }
        q.end = end;
        Some(q)
    }

    /// "percent of 10", "per cent of twenty-two": a percentage written before its number.
    fn percent_of(&self, i: usize) -> Option<Quant> {
        let k = if self.class(i) == WClass::Percent {
            i + 1
        } else if self.is_word(i, "per") && self.is_word(i + 1, "cent") {
            i + 2
        } else {
            return None;
        };
        if !self.is_word(k, "of") {
            return None;
        }
        if i > 0 && (self.lit(i - 1).is_some() || matches!(self.class(i - 1), WClass::Card(_))) {
            return None;
        }
        let c = self.cardinal(k + 1)?;
        // "percent of 10 million people" is a share of a count, not a percentage.
        if c.scale.is_some() || self.word(c.end).is_some() {
            return None;
        }
        let mut q = Quant::new(i, c.end, c.value);
        q.unit = Some("percent");
        q.bare = false;
        q.words = !c.digits;
        Some(q)
    }

    // ---- context --------------------------------------------------------------------

    /// When the parsed number is not a figure in its context, the token to resume at.
    fn not_a_figure(&self, q: &Quant) -> Option<usize> {
        let s = q.start;
        let e = q.end;
        let first = self.tok(s)?;
        let skip = Some(e);
        // A number word glued by a hyphen to a word before it is part of a compound
        // ("high-five", "Fantastic-Four"), except after a bound or a rank ("mid-", "top-").
        if first.kind == Kind::Word
            && s > 1
            && self.is_dash(s - 1)
            && self.adjacent(s)
            && self.adjacent(s - 1)
            && self.word(s - 2).is_some_and(|w| {
                matches!(self.class(s - 2), WClass::None)
                    && ![
                        "mid", "top", "over", "under", "about", "some", "nearly", "only",
                    ]
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(w))
            })
        {
            return skip;
        }
        // Glued to letters on the left: "Su-24", "COVID-19", "G7", "mid-2000s", "A320".
        if first.kind == Kind::Num && s > 0 && self.adjacent(s) {
            if self.word(s - 1).is_some() {
                return skip;
            }
            if self.is_dash(s - 1) && s > 1 && self.adjacent(s - 1) && self.word(s - 2).is_some() {
                return skip;
            }
            // "'90s", "’16", "#5"; but a number after an ASCII double quote written as two
            // apostrophes ("''50 people came''") is a figure.
            let ascii_quote = s >= 2
                && self.punct(s - 1) == Some('\'')
                && self.punct(s - 2) == Some('\'')
                && self.adjacent(s - 1);
            if matches!(
                self.punct(s - 1),
                Some('\'') | Some('’') | Some('#') | Some('@') | Some('№') | Some('=')
            ) && !ascii_quote
            {
                return skip;
            }
            // An attribute value outside a whole tag: `tweet_id="778257943577919488"`.
            if s >= 2
                && matches!(self.punct(s - 1), Some('"') | Some('\''))
                && self.punct(s - 2) == Some('=')
                && self.adjacent(s - 1)
            {
                return skip;
            }
            if matches!(
                self.punct(s - 1),
                Some('.') | Some('/') | Some('_') | Some('\\')
            ) && q.unit.is_none()
            {
                return skip;
            }
        }
        // Glued to letters on the right: "9th", "2000s", "11a", "3D", "10pm".
        if let Some(t) = self.tok(e) {
            if t.kind == Kind::Word && self.adjacent(e) {
                if let Some(last) = self.tok(e - 1) {
                    if last.kind == Kind::Num {
                        return Some(e + 1);
                    }
                }
            }
        }
        // Durations and ages: "two weeks", "the 44-day war", "a 45-year-old", "half an hour".
        if !matches!(q.unit, Some(u) if u != "times") || q.unit.is_none() {
            let mut k = e;
            if self.is_dash(k) {
                k += 1;
            }
            if self.class(k) == WClass::A && q.ratio {
                k += 1;
            }
            if q.unit.is_none() && self.word(k).is_some_and(words::is_time_unit) {
                return Some(k + 1);
            }
        }
        // Spoken years: "nineteen ninety-four", "in two thousand".
        if q.words && q.unit.is_none() {
            if let (WClass::Card(a), WClass::Card(b)) = (self.class(s), self.class(e)) {
                if (10..=20).contains(&a) && b >= 20 && b % 10 == 0 && e == s + 1 {
                    let mut k = e + 1;
                    if self.is_dash(k) {
                        k += 1;
                    }
                    if matches!(self.class(k), WClass::Card(u) if (1..=9).contains(&u)) {
                        k += 1;
                    }
                    return Some(k);
                }
            }
            let year_value = q.value.as_ref().and_then(Decimal::to_u64);
            if year_value.is_some_and(|v| (1900..=2099).contains(&v))
                && s > 0
                && self.word_in(s - 1, &["in", "since", "until", "by", "of", "year"])
            {
                return skip;
            }
        }
        // Compound adjectives from number words: "one-time", "two-state solution".
        if q.words
            && q.bare
            && self.is_dash(e)
            && self.adjacent(e)
            && self.word(e + 1).is_some()
            && !self.number_starts(e + 1)
        {
            return Some(e + 2);
        }
        let prev = if s > 0 { self.word(s - 1) } else { None };
        let next = self.word(e);
        // Names and models: "Boeing 737", "Channel One", "Formula 1", "Article 5".
        if let Some(p) = prev.filter(|_| !q.ratio) {
            let cap = p.as_bytes()[0].is_ascii_uppercase()
                || !p.is_ascii() && p.chars().next().is_some_and(char::is_uppercase);
            // "debated Barack Obama four times": a count of occasions after a name.
            let plain_or_word = (q.plain.is_some() || q.words)
                && q.unit.is_none()
                && !q.vague
                && !self.is_word(e, "times");
            if cap
                && plain_or_word
                && !FUNCTION_WORDS_SET.contains(p)
                && !words::is_month(p)
                && !self.line_break_before(s)
                && !(q.words
                    && !self
                        .word(s)
                        .is_some_and(|w| w.as_bytes()[0].is_ascii_uppercase())
                    && s >= 1
                    && self.sentence_initial(s - 1))
            {
                return skip;
            }
        }
        // "No. 10", "article 5", "page 3", "flight eight hundred"; ages: "aged 45"
        if let Some(p) = prev {
            if in_list(IDENT_NOUNS, p) && (q.plain.is_some() || q.words) {
                return skip;
            }
            if q.unit.is_none() && in_list(&["aged", "age", "ages"], p) {
                return skip;
            }
        }
        if self.day_range(q) {
            return skip;
        }
        if let Some(end) = self.age_in_clause(q) {
            return Some(end);
        }
        if self.phone_area_code(q) || self.label_before_noun(q) {
            return skip;
        }
        if !q.bare {
            return None;
        }
        // Years: a bare 4-digit number in 1900-2099 is a year unless a hedge or a counted
        // noun says otherwise ("about 2000", "2000 soldiers").
        if let Some(v) = q.plain {
            let year_digits = self.lit(s).is_some_and(|l| l.int_digits == 4);
            if year_digits && (1000..=2099).contains(&v) {
                let hedged = self.hedge_before(s).is_some();
                let counted = next.is_some_and(|w| {
                    w.len() > 2
                        && w.ends_with('s')
                        && w.as_bytes()[0].is_ascii_lowercase()
                        && !in_list(YEAR_NOUNS, w)
                        && !SUBJECT_STOP_SET.contains(w)
                        && !in_list(&["was", "is", "has", "its", "this", "thus", "as"], w)
                }) && !prev.is_some_and(|p| in_list(YEAR_CONTEXT, p))
                    && !(s > 0 && matches!(self.punct(s - 1), Some('’') | Some('\'')));
                // "32 percent below 2005 levels": a year that a noun such as "levels"
                // follows is a year even after a bound.
                let year_noun = next.is_some_and(|w| in_list(YEAR_NOUNS, w));
                let year = if (1900..=2099).contains(&v) {
                    year_noun || !(hedged || counted)
                } else {
                    prev.is_some_and(|p| in_list(YEAR_CONTEXT, p)) && !counted && !hedged
                };
                if year {
                    return skip;
                }
            }
            // Days of a date: "27 June", "June 27", "25th of December".
            if (1..=31).contains(&v) {
                let month_next = next.is_some_and(words::is_month)
                    || (next.is_some_and(|w| w.eq_ignore_ascii_case("of"))
                        && self.word(e + 1).is_some_and(words::is_month));
                let month_prev = prev.is_some_and(words::is_month)
                    || prev.is_some_and(words::is_weekday)
                    || (s >= 2
                        && self.punct(s - 1) == Some('.')
                        && self.word(s - 2).is_some_and(words::is_month));
                if month_next || month_prev {
                    return skip;
                }
            }
            // Street numbers: "405 Williams Ave", "10 Downing Street".
            if (1..=3).any(|d| {
                self.word_in(
                    e + d,
                    &[
                        "St",
                        "Street",
                        "Ave",
                        "Avenue",
                        "Road",
                        "Rd",
                        "Blvd",
                        "Boulevard",
                        "Lane",
                        "Drive",
                        "Square",
                        "Place",
                        "Way",
                    ],
                ) && (e..e + d).all(|k| {
                    self.word(k)
                        .is_some_and(|w| w.as_bytes()[0].is_ascii_uppercase())
                })
            }) {
                return skip;
            }
            // Ages in apposition: "Prakash Shah, 58, a former ambassador".
            if v <= 120
                && s >= 2
                && self.punct(s - 1) == Some(',')
                && self
                    .word(s - 2)
                    .is_some_and(|w| w.as_bytes()[0].is_ascii_uppercase())
                && matches!(self.punct(e), Some(',') | Some('.') | Some(';'))
            {
                return skip;
            }
            // Clock times: "at 5 pm", "10 a.m.", "3 o'clock".
            if let Some(w) = next {
                let lw = w.to_ascii_lowercase();
                if matches!(lw.as_str(), "am" | "pm" | "gmt" | "utc" | "o")
                    || (matches!(lw.as_str(), "a" | "p")
                        && self.punct(e + 1) == Some('.')
                        && self.is_word(e + 2, "m"))
                {
                    return skip;
                }
            }
            // List markers: "1." or "2)" at the start of a line.
            if self.line_break_before(s)
                && matches!(self.punct(e), Some('.') | Some(')'))
                && self.adjacent(e)
                && self.tok(e + 1).is_some()
                && !self.line_break_before(e + 1)
                && !self.adjacent(e + 1)
            {
                return skip;
            }

            if s >= 2 && self.punct(s - 1) == Some('.') && self.word_in(s - 2, &["no", "nos"]) {
                return skip;
            }
        }
        // "one" as a pronoun: "the one you mentioned", "one of his relatives".
        if q.words && q.value.as_ref().is_some_and(|v| v.cmp_u64(1).is_eq()) && e == s + 1 {
            let det = prev.is_some_and(|p| {
                in_list(
                    &[
                        "the", "this", "that", "which", "each", "every", "any", "no", "some",
                        "another", "one", "such", "someone", "anyone", "everyone", "no-one", "at",
                    ],
                    p,
                )
            });
            let counted = next.is_some_and(|w| !in_list(ONE_STOP, w) && !w.ends_with("ly"));
            if det || !counted {
                return skip;
            }
        }
        None
    }

    /// True when token `i` is the first of its sentence.
    fn sentence_initial(&self, i: usize) -> bool {
        i == 0
            || self.line_break_before(i)
            || matches!(
                self.punct(i - 1),
                Some('.') | Some('!') | Some('?') | Some('"') | Some('“')
            )
    }

    /// A change verb shortly before token `i` (or before "from" right before it).
    fn change_before(&self, i: usize) -> bool {
        let lo = i.saturating_sub(4);
        (lo..i).any(|k| self.word_in(k, CHANGE_VERBS))
    }

    /// The hedge or bound written right before token `s`.
    fn hedge_before(&self, s: usize) -> Option<FigureMod> {
        let mut k = s;
        if k > 0 && self.word_in(k - 1, &["another", "further", "additional"]) {
            k -= 1;
            if k > 0 && self.class(k - 1) == WClass::A {
                k -= 1;
            }
        }
        if self.punct(k.saturating_sub(1)) == Some('~') {
            return Some(FigureMod::Approx);
        }
        let (mut b1, mut b2, mut b3) = ([0u8; 16], [0u8; 16], [0u8; 16]);
        let w1 = self.lower_word(k.checked_sub(1)?, &mut b1)?;
        // A `match` on the word: a switch on its length and a few comparisons.
        let last = matches!(
            w1,
            "than"
                | "least"
                | "most"
                | "to"
                | "over"
                | "above"
                | "under"
                | "below"
                | "of"
                | "estimated"
                | "about"
                | "around"
                | "roughly"
                | "approximately"
                | "approx"
                | "some"
                | "almost"
                | "nearly"
                | "circa"
                | "exceeding"
                | "nigh"
                | "as"
        );
        if !last {
            return None;
        }
        let w2 = k
            .checked_sub(2)
            .and_then(|j| self.lower_word(j, &mut b2))
            .unwrap_or("");
        let w3 = k
            .checked_sub(3)
            .and_then(|j| self.lower_word(j, &mut b3))
            .unwrap_or("");
        let m = match (w3, w2, w1) {
            ("in", "excess", "of") => FigureMod::MoreThan,
            ("no", "more", "than") | ("no", "fewer", "than") if w2 == "more" => {
                FigureMod::EqualOrLess
            }
            ("no", "less", "than") | ("no", "fewer", "than") => FigureMod::EqualOrMore,
            ("as", "many", "as") | ("as", "much", "as") => FigureMod::EqualOrLess,
            (_, "more" | "greater" | "higher", "than") => FigureMod::MoreThan,
            (_, "less" | "fewer" | "lower", "than") => FigureMod::LessThan,
            (_, "at", "least") => FigureMod::EqualOrMore,
            (_, "at", "most") => FigureMod::EqualOrLess,
            (_, "up", "to") => FigureMod::EqualOrLess,
            (_, "close" | "closer", "to") => FigureMod::Approx,
            (_, "just" | "well" | "slightly", "over" | "above") => FigureMod::MoreThan,
            (_, "just" | "well" | "slightly", "under" | "below") => FigureMod::LessThan,
            (_, "upwards", "of") => FigureMod::MoreThan,
            (_, "an", "estimated") => FigureMod::Approx,
            (
                _,
                _,
                "about" | "around" | "roughly" | "approximately" | "approx" | "some" | "almost"
                | "nearly" | "circa" | "estimated" | "nigh",
            ) => FigureMod::Approx,
            (_, _, "over" | "above" | "exceeding") => FigureMod::MoreThan,
            (_, _, "under" | "below") => FigureMod::LessThan,
            _ => return None,
        };
        Some(m)
    }

    /// What the figure counts: "600,000 Azerbaijanis", "2,300 of them", "29 heads of state".
    fn subject_after(&self, q: &Quant) -> Option<Span> {
        if q.ratio && q.unit == Some("times") {
            return None;
        }
        if q.unit.is_none() && self.is_word(q.end, "times") {
            return Some(self.span(q.end, q.end + 1));
        }
        let mut k = q.end;
        let counts = q.unit.is_none() || q.vague;
        if self.is_word(k, "of") {
            k += 1;
            if self.word_in(k, &["them", "us", "whom", "which", "those", "these", "you"]) {
                return Some(self.span(k, k + 1));
            }
            if self.word_in(k, &["the", "its", "their", "his", "her", "our", "a", "an"]) {
                k += 1;
            }
        } else if !counts {
            return None;
        }
        let start = k;
        let mut end = k;
        let mut used_of = false;
        while end < start + 5 {
            let Some(w) = self.word(end) else { break };
            if end > start && !self.adjacent(end) && self.punct(end - 1).is_some() {
                break;
            }
            if SUBJECT_STOP_SET.contains(w) || w.ends_with("ly") && w.len() > 4 {
                if w.eq_ignore_ascii_case("of")
                    && !used_of
                    && end > start
                    && self.word(end + 1).is_some_and(|n| {
                        !SUBJECT_STOP_SET.contains(n) && n.as_bytes()[0].is_ascii_lowercase()
                    })
                {
                    used_of = true;
                    end += 2;
                    continue;
                }
                break;
            }
            if end > start && (w.ends_with("ing") || w.ends_with("ed")) && w.len() > 5 {
                break;
            }
            // A plural head noun ends the phrase ("two complexes belong"), unless "of"
            // continues it ("29 heads of state").
            let prev_plural = end > start
                && self
                    .word(end - 1)
                    .is_some_and(|p| p.len() > 3 && p.ends_with('s') && !p.ends_with("ss"));
            if prev_plural && w.as_bytes()[0].is_ascii_lowercase() {
                break;
            }
            if self.number_starts(end)
                || self.class(end) == WClass::Percent
                || words::is_weekday(w)
                || words::is_month(w)
            {
                break;
            }
            end += 1;
            // Possessive "Azerbaijan’s current population" continues the phrase.
            if matches!(self.punct(end), Some('’') | Some('\''))
                && self.adjacent(end)
                && self.is_word(end + 1, "s")
            {
                end += 2;
            }
        }
        (end > start).then(|| self.span(start, end))
    }
}

#[cfg(test)]
mod tests;
