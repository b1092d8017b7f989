//! Assertion analysis: whether a clause asserts something a record could confirm.
//!
//! A fact-checker checks statements of fact, not questions, exclamations, headlines,
//! opinions, predictions or what someone feels (the claim guide the claim-level gold is
//! annotated to: "Not claims"). This module reads the words of a clause once and reports what kind of
//! utterance it is: its mood (question, exclamation), whether it is a headline or a
//! fragment, its modality (future, conditional, intention), who speaks (first or second
//! person), whether it judges or believes rather than reports, and whether it narrates a
//! past event. [`Assertion::verdict`] turns that into "a claim" or the reason it is not
//! one. It knows nothing of figures or dates: the caller says whether the clause has a
//! checkable one.
//!
//! The word classes are those of English grammar (modal auxiliaries, first- and
//! second-person pronouns, irregular past forms) plus short lists of evaluative
//! adjectives and belief verbs, the markers of opinion in news text.

use std::sync::OnceLock;

use crate::tokens::Word;

/// Word-class bits of a lower-case word (see [`class_table`]).
const MODAL: u32 = 1; // will, would, could, might, may, should, must, shall
const INTENT: u32 = 1 << 1; // expected / plans / wants ... (a modal only before "to")
const FIRST: u32 = 1 << 2; // we, my, our, me, ours ("I" and "us" are checked by case)
const SECOND: u32 = 1 << 3; // you, your
const OPINION: u32 = 1 << 4; // perhaps, maybe, obviously, seems ...
const EVALUATIVE: u32 = 1 << 5; // disgraceful, outrageous, phony ...
const BELIEF: u32 = 1 << 6; // believes, thinks, feels, hopes, fears ...
const PAST: u32 = 1 << 7; // irregular past forms and participles
const PRESENT: u32 = 1 << 8; // is, are, remains, includes, requires, holds, has ...
const NEGATED_MODAL: u32 = 1 << 9; // won, wouldn, couldn, shouldn (before "t")
const SUPERLATIVE: u32 = 1 << 10; // largest, highest ...
const COMPARATIVE: u32 = 1 << 11; // more, fewer, less (a comparison only before "than")
const RULE: u32 = 1 << 12; // requires, prohibits, allows ...
const LINKING: u32 = 1 << 13; // was, were, been, became, seemed: a state, not an action
const CHARACTERISE: u32 = 1 << 14; // described, compared, expressed: a view of something
const SUBORDINATOR: u32 = 1 << 15; // who, which, whether, since …
const BE_FORM: u32 = 1 << 16; // is, was, be, been …
const ORDINAL: u32 = 1 << 17; // first, second … tenth
const RANKED: u32 = 1 << 18; // consecutive, straight, successive, time (after an ordinal)
const NEWSROOM: u32 = 1 << 19; // reporter, writer, correspondent (after "this")

const MODALS: &[&str] = &[
    "will", "would", "could", "might", "may", "should", "must", "shall", "ll", "gonna", "unlikely",
];
const NEGATED_MODALS: &[&str] = &["won", "wouldn", "couldn", "shouldn", "mustn", "shan"];
const INTENTS: &[&str] = &[
    "expected",
    "expects",
    "expect",
    "plans",
    "plan",
    "planning",
    "planned",
    "hopes",
    "hoping",
    "wants",
    "want",
    "intends",
    "intend",
    "intended",
    "set",
    "likely",
    "aims",
    "aim",
    "seeks",
    "seek",
    "going",
    "due",
    "willing",
    "potential",
    "poised",
    "vows",
    "pledges",
    "promises",
    "threatens",
];
/// Words that open a subordinate clause. After the main clause's verb, a modal behind
/// one of them belongs to what is reported or described, not to the sentence's own
/// assertion: "Trump has had kinder words for Chris Wallace, who will moderate the third
/// debate", "the move took place despite warnings that he would assert his rights".
///
/// Not "that": after a verb of saying or knowing it opens what is reported ("they were
/// told that orders would be delayed"), and the modal is the report's own.
const SUBORDINATORS: &[&str] = &[
    "who", "whom", "whose", "which", "whether", "if", "since", "because", "what", "when", "where",
    "while", "until",
];
/// Words that may stand between a subject pronoun and its verb: "we have never voted",
/// "I've also said". "got" is among them: "we've got" is mostly "we have".
const BEFORE_VERB: &[&str] = &[
    "have",
    "had",
    "ve",
    "d",
    "never",
    "also",
    "just",
    "already",
    "even",
    "actually",
    "got",
    "gotten",
    "then",
    "personally",
];
const FIRST_PERSON: &[&str] = &["we", "my", "our", "ours", "me", "myself", "ourselves"];
const SECOND_PERSON: &[&str] = &["you", "your", "yours", "yourself"];
const OPINION_WORDS: &[&str] = &[
    "perhaps",
    "maybe",
    "frankly",
    "obviously",
    "clearly",
    "seems",
    "seem",
    "seemed",
    "arguably",
    "evidently",
    "apparently",
    "presumably",
    "hopefully",
    "unfortunately",
    "fortunately",
];
const EVALUATIVE_WORDS: &[&str] = &[
    "disgrace",
    "disgraceful",
    "terrible",
    "shocking",
    "outrageous",
    "ridiculous",
    "phony",
    "unfair",
    "wonderful",
    "horrible",
    "awful",
    "disastrous",
    "pathetic",
    "absurd",
    "incredible",
    "amazing",
    "tremendous",
    "savage",
    "savagery",
    "ploy",
    "apocalyptic",
    "shameful",
    "unacceptable",
    "despicable",
    "deplorable",
    "hypocritical",
    "hypocrisy",
];
/// Ordinals that rank a time or a run: "the third consecutive month".
const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
];
/// What an ordinal ranks: "the third consecutive month", "for the first time".
const RANKED_WORDS: &[&str] = &["consecutive", "straight", "successive", "time"];
/// The writer named in the third person: "this reporter was on the scene".
const NEWSROOM_WORDS: &[&str] = &["reporter", "writer", "correspondent"];
/// Forms of "be": "was described in the filing as" is a passive, not a view.
const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];
const BELIEF_WORDS: &[&str] = &[
    "insist",
    "insists",
    "insisted",
    "believe",
    "believes",
    "believed",
    "think",
    "thinks",
    "feel",
    "feels",
    "hope",
    "hoped",
    "wish",
    "wishes",
    "wished",
    "worried",
    "worries",
    "fear",
    "fears",
    "feared",
    "suspect",
    "suspects",
    "doubt",
    "doubts",
    // Feelings: "he told a crowd that he was troubled by the situation".
    "troubled",
    "saddened",
    "disappointed",
    "pleased",
    "proud",
    "upset",
    "delighted",
    "thrilled",
    "heartbroken",
];
/// Verbs that report how someone sees a thing, not a fact about it: "Pepper described
/// the decision as a huge win", "Kall compared Trump to a coach", "advocates have
/// expressed deep concern", "Trump has also commented on the death". Not before "with":
/// "45%, compared with 40% a year earlier" is a comparison of figures.
const CHARACTERISE_WORDS: &[&str] = &[
    "describe",
    "describes",
    "described",
    "compares",
    "compared",
    "expresses",
    "expressed",
    "commented",
];
/// Irregular past forms and participles, and the auxiliaries of the past and perfect.
const PAST_WORDS: &[&str] = &[
    "had",
    "did",
    "said",
    "told",
    "made",
    "took",
    "taken",
    "found",
    "gave",
    "given",
    "got",
    "gotten",
    "went",
    "gone",
    "came",
    "saw",
    "seen",
    "knew",
    "known",
    "thought",
    "began",
    "begun",
    "brought",
    "bought",
    "built",
    "held",
    "kept",
    "left",
    "lost",
    "met",
    "paid",
    "ran",
    "sent",
    "sold",
    "spent",
    "stood",
    "won",
    "wrote",
    "written",
    "rose",
    "risen",
    "fell",
    "fallen",
    "grew",
    "grown",
    "drove",
    "driven",
    "led",
    "fled",
    "struck",
    "shot",
    "caught",
    "chose",
    "chosen",
    "fought",
    "froze",
    "hid",
    "hung",
    "laid",
    "meant",
    "rode",
    "rang",
    "sank",
    "shook",
    "sought",
    "spoke",
    "spoken",
    "spread",
    "stole",
    "stolen",
    "swore",
    "sworn",
    "taught",
    "threw",
    "thrown",
    "understood",
    "woke",
    "wore",
    "broke",
    "broken",
    "done",
    "shown",
    "withdrew",
    "withdrawn",
    "ate",
    "eaten",
    "drew",
    "drawn",
    "flew",
    "flown",
    "forgot",
    "forgotten",
    "slid",
    "split",
    "bore",
    "borne",
    "overtook",
    "overseen",
    "oversaw",
    "undertook",
    "beat",
    "beaten",
    "bid",
    "used",
];
/// Past forms of linking verbs: a past state or a characterisation ("the response was
/// sharp", "it became a pretext"), not by itself an action.
const LINKING_WORDS: &[&str] = &[
    "was", "were", "been", "became", "become", "proved", "proven", "appeared", "remained",
    "turned", "looked", "sounded", "felt",
];
const PRESENT_WORDS: &[&str] = &[
    "is",
    "are",
    "remains",
    "remain",
    "includes",
    "include",
    "requires",
    "require",
    "owns",
    "holds",
    "has",
    "have",
    "contains",
    "represents",
    "accounts",
    "ranks",
    "employs",
    "controls",
    "costs",
    "totals",
    "equals",
    "exceeds",
];

const SUPERLATIVE_WORDS: &[&str] = &[
    "largest",
    "biggest",
    "highest",
    "lowest",
    "smallest",
    "fastest",
    "slowest",
    "oldest",
    "youngest",
    "richest",
    "poorest",
    "deadliest",
    "longest",
    "shortest",
    "busiest",
    "wealthiest",
];
const COMPARATIVE_WORDS: &[&str] = &["more", "fewer", "less", "greater", "higher", "lower"];
const RULE_WORDS: &[&str] = &[
    "requires",
    "require",
    "prohibits",
    "prohibit",
    "forbids",
    "allows",
    "permits",
    "bans",
    "mandates",
    "obliges",
    "authorizes",
    "authorises",
    "entitles",
    "exempts",
    "governs",
];

/// The word classes, behind a filter: for each word length, which first letters occur.
/// Most words of a clause fail the filter and cost no lower-casing and no lookup.
///
/// Every listed word is ASCII and at most 16 bytes: packed into a `u128`, it is found
/// in an open-addressing table with one multiplication to hash and one comparison.
struct ClassTable {
    /// Packed lower-case words, linear probing in a power-of-two table at most half
    /// full; key 0 is empty. The keys alone (16 KB) stay in the first-level cache.
    keys: Vec<u128>,
    /// The classes (low 32 bits) and flags ([`word_class`]) of the word in each slot.
    classes: Vec<u64>,
    /// Bit `c - b'a'` of `first[len]`: some listed word of that length starts with `c`;
    /// of `last[len]`: some listed word of that length ends with `c`.
    first: [u32; 17],
    last: [u32; 17],
}

impl ClassTable {
    fn may_hold(&self, word: &[u8]) -> bool {
        let (Some(&f), Some(&l)) = (word.first(), word.last()) else {
            return false;
        };
        let (f, l) = (f.to_ascii_lowercase(), l.to_ascii_lowercase());
        word.len() < self.first.len()
            && f.is_ascii_lowercase()
            && l.is_ascii_lowercase()
            && self.first[word.len()] & (1 << (f - b'a')) != 0
            && self.last[word.len()] & (1 << (l - b'a')) != 0
    }

    /// A word of 1 to 16 ASCII bytes, lower-cased and packed little-endian (no word
    /// has a zero byte, so distinct words pack apart and none packs to 0).
    fn pack(word: &[u8]) -> Option<u128> {
        if word.is_empty() || word.len() > 16 {
            return None;
        }
        let mut key = 0u128;
        for (i, &c) in word.iter().enumerate() {
            if !c.is_ascii() {
                return None;
            }
            key |= u128::from(c.to_ascii_lowercase()) << (8 * i);
        }
        Some(key)
    }

    fn home(&self, key: u128) -> usize {
        // Fibonacci hashing of the two halves folded together.
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        let bits = self.keys.len().trailing_zeros();
        (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    fn slot(&self, key: u128) -> usize {
        let mask = self.keys.len() - 1;
        let mut i = self.home(key);
        while self.keys[i] != key && self.keys[i] != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    /// The classes and flags of a word in any case; 0 when it is not listed.
    fn get(&self, word: &[u8]) -> u64 {
        match Self::pack(word) {
            Some(key) => self.classes[self.slot(key)],
            None => 0,
        }
    }
}

fn class_table() -> &'static ClassTable {
    static TABLE: OnceLock<ClassTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = ClassTable {
            // Some 350 words, half full at most.
            keys: vec![0; 1024],
            classes: vec![0; 1024],
            first: [0; 17],
            last: [0; 17],
        };
        let lists: [(&[&str], u32); 20] = [
            (SUBORDINATORS, SUBORDINATOR),
            (BE, BE_FORM),
            (ORDINALS, ORDINAL),
            (RANKED_WORDS, RANKED),
            (NEWSROOM_WORDS, NEWSROOM),
            (CHARACTERISE_WORDS, CHARACTERISE),
            (LINKING_WORDS, LINKING),
            (SUPERLATIVE_WORDS, SUPERLATIVE),
            (COMPARATIVE_WORDS, COMPARATIVE),
            (RULE_WORDS, RULE),
            (MODALS, MODAL),
            (NEGATED_MODALS, NEGATED_MODAL),
            (INTENTS, INTENT),
            (FIRST_PERSON, FIRST),
            (SECOND_PERSON, SECOND),
            (OPINION_WORDS, OPINION),
            (EVALUATIVE_WORDS, EVALUATIVE),
            (BELIEF_WORDS, BELIEF),
            (PAST_WORDS, PAST),
            (PRESENT_WORDS, PRESENT),
        ];
        let flags: [(&[&str], u64); 9] = [
            (&["me", "my", "mine", "myself"], SINGULAR),
            (BEFORE_VERB, BETWEEN),
            (&["we", "you"], SUBJECT),
            (&["but"], BUT),
            (&["to"], TO),
            (&["t"], T),
            (&["than"], THAN),
            (&["with"], WITH),
            (&["this"], THIS),
        ];
        let lists = lists
            .into_iter()
            .map(|(list, bit)| (list, u64::from(bit)))
            .chain(flags);
        for (list, bit) in lists {
            for w in list {
                let b = w.as_bytes();
                debug_assert!(b.len() < 17 && b[0].is_ascii_lowercase(), "{w}");
                t.first[b.len()] |= 1 << (b[0] - b'a');
                t.last[b.len()] |= 1 << (b[b.len() - 1] - b'a');
                if let Some(key) = ClassTable::pack(b) {
                    let i = t.slot(key);
                    t.keys[i] = key;
                    t.classes[i] |= bit;
                }
            }
        }
        debug_assert!(t.keys.iter().filter(|&&k| k != 0).count() * 2 <= t.keys.len());
        t
    })
}

/// What kind of utterance a clause (or the content of a report inside it) is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Assertion {
    /// Words that begin with a letter.
    pub words: usize,
    pub question: bool,
    pub exclamation: bool,
    /// Ends with a colon: it introduces a quotation or a list.
    pub lead_in: bool,
    /// Most words capitalised, as in a headline or a title.
    pub title_case: bool,
    /// Future, conditional or intended: "will", "would", "plans to", "is expected to".
    pub modal: bool,
    /// The speaker speaks of themselves: "I", "we", "my", "us".
    pub first_person: bool,
    /// The speaker speaks of themselves alone: "I", "me", "my" (not "we", "our": in a
    /// speech the speaker's country, party or company).
    pub singular: bool,
    /// Addressed to someone: "you".
    pub second_person: bool,
    /// "I", "we" or "you" right before a past action ("You said it's the finest deal",
    /// "we voted for it", "I have never supported it"): an act on the record, not a
    /// view or a feeling.
    pub own_act: bool,
    /// Opinion adverbs and hedges of belief: "perhaps", "obviously", "seems".
    pub opinion: bool,
    /// Judging words: "disgraceful", "phony", "outrageous".
    pub evaluative: bool,
    /// A belief or feeling rather than a fact: "believes", "fears", "insists".
    pub belief: bool,
    /// A verb in the past tense or perfect.
    pub past: bool,
    /// A past action, not only a linking verb: something happened ("was arrested",
    /// "detained", "fled"), not only something was ("the response was sharp").
    pub action: bool,
    /// A present-tense state: "is", "remains", "requires".
    pub present: bool,
    /// A superlative or an explicit comparison ("the largest source", "more than").
    pub compares: bool,
    /// A rule or a permission: "requires", "prohibits", "allows".
    pub rule: bool,
    /// Embedded markup (`<tweet …>`, HTML tags) or a live-blog label ("The Latest:").
    pub markup: bool,
}

impl Assertion {
    /// Whether the text has a finite verb form this analysis knows: a past or present
    /// form, a modal, a rule verb, or an "-ed" form.
    pub fn has_verb(&self) -> bool {
        self.past || self.present || self.modal || self.rule || self.action
    }
}

/// Flags of a word beside its classes (see [`word_class`]): its shape and the few words
/// the analysis reads one by one.
const DIGIT_INITIAL: u64 = 1 << 32; // opens with an ASCII digit: a number, not a word
const UPPER_INITIAL: u64 = 1 << 33; // opens with an upper-case letter
const I_OR_US: u64 = 1 << 34; // "I", "us", "Us" (not "US", the country)
const SUBJECT: u64 = 1 << 35; // "I", "we", "you"
const BETWEEN: u64 = 1 << 36; // one of BEFORE_VERB
const BUT: u64 = 1 << 37;
const TO: u64 = 1 << 38;
const T: u64 = 1 << 39;
const THAN: u64 = 1 << 40;
const WITH: u64 = 1 << 41;
const THIS: u64 = 1 << 42;
const ED: u64 = 1 << 43; // an "-ed" ending (not "-eed") on a word of five letters or more
const SINGULAR: u64 = 1 << 44; // "I", "me", "my", "mine", "myself": the speaker alone

/// The classes of a word (its lower-case form's bits in the word lists) and its flags,
/// as [`analyse_words`] reads them: computed once per word of a sentence
/// ([`crate::tokens`]).
pub fn word_class(w: &str) -> u64 {
    let b = w.as_bytes();
    let Some(&first) = b.first() else {
        return 0;
    };
    if !first.is_ascii_alphabetic() && first.is_ascii() {
        return DIGIT_INITIAL;
    }
    let mut class = 0;
    let table = class_table();
    // One lookup, behind a filter most words fail; the listed words and the flagged
    // words that case does not change ("we", "but", "than") are all in the table.
    if table.may_hold(b) {
        class |= table.get(b);
    }
    if first.is_ascii_uppercase()
        || (!first.is_ascii() && w.chars().next().is_some_and(char::is_uppercase))
    {
        class |= UPPER_INITIAL;
    }
    // The words whose case matters.
    if w == "I" {
        class |= I_OR_US | SUBJECT | SINGULAR;
    }
    if w == "us" || w == "Us" {
        class |= I_OR_US;
    }
    if b.len() > 4
        && b[b.len() - 2..].eq_ignore_ascii_case(b"ed")
        && !b[b.len() - 3..].eq_ignore_ascii_case(b"eed")
    {
        class |= ED;
    }
    class
}

/// Reads the words of `text` once.
pub fn analyse(text: &str) -> Assertion {
    let span = crate::span::Span::new(0, text.len());
    analyse_words(text, span, &crate::tokens::words(text, span))
}

/// Reads the words of `span` of `text`, given as `words` (exactly the words of the span,
/// as [`crate::tokens::within`] gives them).
pub fn analyse_words(text: &str, span: crate::span::Span, words: &[Word]) -> Assertion {
    let body = span.slice(text);
    let mut a = Assertion::default();
    let end = body.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '`' | ')' | ']' | '»')
    });
    a.question = end.ends_with('?');
    a.markup = has_tag(body) || body.trim_start().starts_with("The Latest:");
    a.exclamation = end.ends_with('!');
    a.lead_in = end.ends_with(':');
    // "It was clear Clinton is attempting to reach out": the writer's inference.
    a.opinion = opens_with_inference(text, words);
    // The loop keeps its state in locals and ORs the classes that count wherever they
    // occur into one word, `any`: a clause's words are read at a few instructions each.
    let mut n = 0;
    let mut long = 0;
    let mut capitalised = 0;
    let mut any: u64 = 0;
    let (mut modal, mut compares, mut evaluative, mut action, mut own_act, mut newsroom) =
        (false, false, false, false, false, false);
    let mut prev: u32 = 0;
    // The last words were a subject pronoun and the words that may stand between it and
    // its verb ("we have never").
    let mut after_subject = false;
    // A finite verb has been read, then a word that opens a subordinate clause.
    let mut verb_seen = false;
    let mut subordinate = false;
    // The last word was "this" ("this reporter was on the scene": the writer).
    let mut after_this = false;
    // The last word characterises in the active voice ("described", not "was
    // described": "Mr. Angelo was described in the filing as a consultant" is a fact).
    let mut characterising = false;
    let mut after_be = false;
    let mut after_ordinal = false;
    // Where the last word ended: a comma since then closes a subordinate clause ("The
    // stock split, which is subject to approval, would be paid in January").
    let mut last_end = span.start;
    for w in words {
        if subordinate
            && text
                .get(last_end..w.start)
                .is_some_and(|gap| gap.contains(','))
        {
            subordinate = false;
        }
        last_end = w.end;
        let flags = w.class;
        if flags & DIGIT_INITIAL != 0 {
            prev = 0;
            continue;
        }
        n += 1;
        any |= flags;
        // Title case: after the first word, most words of two letters or more are
        // capitalised ("Gennifer Flowers Won't Be at Debate"), verbs and function
        // words included, as no sentence has them.
        if n > 1 && w.end - w.start >= 2 {
            long += 1;
            capitalised += usize::from(flags & UPPER_INITIAL != 0);
        }
        // Most words are in no class and have no flag: they only end what the words
        // before them began (the steps below, with every bit clear).
        if flags & !UPPER_INITIAL == 0 {
            evaluative |= characterising && !subordinate;
            after_subject = false;
            after_ordinal = false;
            after_this = false;
            after_be = false;
            characterising = false;
            prev = 0;
            continue;
        }
        let subject = flags & SUBJECT != 0;
        let between = after_subject && flags & BETWEEN != 0;
        // This word is the verb of a subject pronoun.
        let acting = after_subject && !subject && !between;
        after_subject = subject || between;
        // "…, but would not be part of it": "but" opens a clause of the sentence's own.
        if subordinate && flags & BUT != 0 {
            subordinate = false;
        }
        // The word's classes, looked up once for the sentence (0 for unlisted words).
        let bits = flags as u32;
        subordinate |= verb_seen && bits & SUBORDINATOR != 0;
        // Two-word constructions decided by the second word.
        if (prev & INTENT != 0 && flags & TO != 0) || (prev & NEGATED_MODAL != 0 && flags & T != 0)
        {
            modal |= !subordinate;
        }
        compares |= prev & COMPARATIVE != 0 && flags & THAN != 0;
        evaluative |= characterising && !subordinate && flags & WITH == 0;
        // "the third consecutive month", "for the first time": a rank.
        compares |= after_ordinal && bits & RANKED != 0;
        after_ordinal = bits & ORDINAL != 0;
        // "This reporter": the writer, alone.
        newsroom |= after_this && bits & NEWSROOM != 0;
        after_this = flags & THIS != 0;
        let was_after_be = after_be;
        after_be = bits & BE_FORM != 0;
        // "-ed" endings count whether or not the word is listed: most past forms are not.
        let ed = flags & ED != 0;
        modal |= bits & MODAL != 0 && !subordinate;
        verb_seen |= ed || bits & (PAST | LINKING | PRESENT) != 0;
        // Something happened, not only something was.
        let act = (ed || bits & PAST != 0) && bits & LINKING == 0;
        action |= act;
        own_act |= acting && act;
        characterising = bits & CHARACTERISE != 0 && !was_after_be;
        prev = bits;
    }
    let has = |bits: u64| any & bits != 0;
    a.words = n;
    a.modal = modal;
    a.compares = compares || has(u64::from(SUPERLATIVE));
    a.evaluative = evaluative || (characterising && !subordinate) || has(u64::from(EVALUATIVE));
    a.action = action;
    a.own_act = own_act;
    a.first_person = newsroom || has(I_OR_US | u64::from(FIRST));
    a.singular = newsroom || has(SINGULAR);
    a.second_person = has(u64::from(SECOND));
    a.opinion |= has(u64::from(OPINION));
    a.belief = has(u64::from(BELIEF));
    a.past = has(ED | u64::from(PAST | LINKING));
    a.present = has(u64::from(PRESENT));
    a.rule = has(u64::from(RULE));
    a.title_case = n >= 3 && long > 0 && capitalised * 5 >= long * 3;
    a
}

/// Whether a clause opens with "It is clear", "It was obvious", "It appears that" and the
/// like: what the writer infers, not what a record shows.
fn opens_with_inference(text: &str, words: &[Word]) -> bool {
    let [it, verb, adj, ..] = words else {
        return false;
    };
    let (it, verb, adj) = (it.slice(text), verb.slice(text), adj.slice(text));
    let seems = ["appears", "appeared", "seems", "seemed"]
        .iter()
        .any(|v| verb.eq_ignore_ascii_case(v))
        && adj.eq_ignore_ascii_case("that");
    it.eq_ignore_ascii_case("it")
        && (seems
            || ["is", "was", "s", "seems", "seemed"]
                .iter()
                .any(|v| verb.eq_ignore_ascii_case(v))
                && ["clear", "obvious", "evident", "apparent"]
                    .iter()
                    .any(|w| adj.eq_ignore_ascii_case(w)))
}

/// Whether a text holds a markup tag: `<` then a letter or `/`, and a `>` after it.
fn has_tag(text: &str) -> bool {
    if !text.contains('<') {
        return false;
    }
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b'<'
            && b.get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/')
            && b[i + 1..].contains(&b'>')
    })
}

/// What a clause has that could be checked against a record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Anchors {
    /// A checkable figure.
    pub figure: bool,
    /// A date on the calendar.
    pub date: bool,
    /// The clause is (part of) a direct quotation.
    pub direct_quote: bool,
    /// The clause opens the article as its headline (see the caller).
    pub headline: bool,
}

/// Why a clause is not a claim.
pub type NotClaim = &'static str;

impl Assertion {
    /// Whether a clause is a claim, given its own analysis (`self`), that of the content
    /// of the report it carries (`content`, the clause itself when it reports nothing)
    /// and its anchors; else the reason it is not.
    ///
    /// A figure makes a statement checkable even in a quote or a forecast's clause ("GM
    /// Hughes net fell 6.6%"), unless the speaker only speaks of themselves. Without a
    /// figure the clause must report, in the third person and without opinion or
    /// modality, something that happened (a past event) or, with a date, a state.
    pub fn verdict(&self, content: &Assertion, anchors: Anchors) -> Result<(), NotClaim> {
        if self.question {
            return Err("a question");
        }
        if self.exclamation {
            return Err("an exclamation");
        }
        if self.markup {
            return Err("markup or a label");
        }
        // Short lines without a figure are labels, kickers and quips ("Full panic
        // mode,"); with a figure, only a bare phrase is ("Atlanta nineteen ninety-six.").
        // A short clause with a verb is a statement ("He hired workers from Poland.",
        // "Banks remained closed."), unless it only leads in to what follows ("The
        // governor added:").
        if self.words < 3
            || (self.words < 6 && !anchors.figure && (!self.has_verb() || self.lead_in))
            || (self.words < 5 && !self.has_verb() && !anchors.headline)
        {
            return Err("a fragment");
        }
        if anchors.headline || (self.title_case && !anchors.figure) {
            return Err("a headline or title");
        }
        if anchors.figure {
            // "We have a $505 billion trade deficit", "our debt is up to $20 trillion":
            // the speaker's "we" is a country, a party or a company, and its figures are
            // on the record; "I'm 100 percent sure" is the speaker's own view.
            if content.first_person && content.singular && !content.past {
                return Err("the speaker's own view");
            }
            // "A 4-4 ruling would leave the regulations in place": a figure in a
            // hypothetical or a forecast is not yet a fact.
            if (self.modal || content.modal) && !content.past {
                return Err("a prediction or intention");
            }
            return Ok(());
        }
        // The speaker's own act and a comparison ("We have the highest taxes in the
        // world") can be checked; the rest is the speaker's view.
        let checkable_person = content.own_act || content.compares;
        if (content.first_person || content.second_person) && !checkable_person {
            return Err("first or second person: the speaker's own view");
        }
        if self.opinion || content.opinion {
            return Err("an opinion");
        }
        if self.modal || content.modal {
            return Err("a prediction or intention");
        }
        if anchors.direct_quote && !anchors.date {
            return Err("a quotation with nothing to check");
        }
        if self.evaluative || self.belief {
            return Err("a judgement or belief");
        }
        if anchors.date && (content.past || content.present) {
            return Ok(());
        }
        if content.action {
            return Ok(());
        }
        // "Power plants are the largest source of U.S. carbon emissions", "The resolution
        // requires approval by the full House": a comparison or a rule, stated as fact.
        if (content.compares && (content.present || content.past)) || content.rule {
            return Ok(());
        }
        Err("nothing that happened or can be counted")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfortunately_described_and_we_are_found_in_any_case_and_sentence_words_are_not() {
        let class = |w: &str| word_class(w) as u32;
        assert_ne!(class("Unfortunately") & OPINION, 0);
        assert_ne!(class("DESCRIBED") & CHARACTERISE, 0);
        assert_ne!(class("won") & NEGATED_MODAL, 0);
        assert_ne!(class("won") & PAST, 0);
        assert_ne!(word_class("We") & SUBJECT, 0);
        assert_ne!(word_class("I") & SUBJECT, 0);
        assert_eq!(word_class("i") & SUBJECT, 0);
        assert_eq!(word_class("US") & I_OR_US, 0);
        assert_ne!(word_class("published") & ED, 0);
        assert_eq!(word_class("agreed") & ED, 0);
        assert_eq!(word_class("12th"), DIGIT_INITIAL);
        for w in ["the", "Parliament", "naïve", "disgracefulnesses", "wills"] {
            assert_eq!(class(w), 0, "{w}");
        }
    }

    fn verdict(text: &str, anchors: Anchors) -> Result<(), NotClaim> {
        let a = analyse(text);
        a.verdict(&a, anchors)
    }

    const NONE: Anchors = Anchors {
        figure: false,
        date: false,
        direct_quote: false,
        headline: false,
    };
    const FIGURE: Anchors = Anchors {
        figure: true,
        ..NONE
    };

    #[test]
    fn thousands_of_shootings_without_a_verb_is_a_fragment() {
        assert_eq!(
            verdict("Thousands of shootings.", FIGURE),
            Err("a fragment")
        );
        assert_eq!(verdict("Prices rose by 5%.", FIGURE), Ok(()));
        assert_eq!(
            verdict("Thousands of shootings in Chicago this year.", FIGURE),
            Ok(())
        );
    }

    #[test]
    fn pol_pot_was_arrested_is_an_event() {
        assert_eq!(
            verdict("The Khmer Rouge leader Pol Pot was arrested.", NONE),
            Ok(())
        );
    }

    #[test]
    fn why_would_trump_do_that_is_a_question() {
        assert_eq!(
            verdict("Two questions: Why would Trump do that?", FIGURE),
            Err("a question")
        );
    }

    #[test]
    fn a_question_inside_quotes_is_still_a_question() {
        let a = analyse("\"Do you really see those two as equivalent?\"");
        assert!(a.question);
    }

    #[test]
    fn headline_in_title_case_is_not_a_claim() {
        assert_eq!(
            verdict(
                "Pence: Gennifer Flowers Won't Be at Debate, Trump Was 'Mocking' Clinton Camp.",
                NONE
            ),
            Err("a headline or title")
        );
    }

    #[test]
    fn it_is_destroying_this_committee_is_a_fragment_of_opinion() {
        assert!(verdict("It's destroying this committee.", NONE).is_err());
    }

    #[test]
    fn gennifer_flowers_will_not_be_attending_is_a_prediction() {
        assert_eq!(
            verdict(
                "Gennifer Flowers will not be attending the debate tomorrow night.",
                NONE
            ),
            Err("a prediction or intention")
        );
    }

    #[test]
    fn won_t_is_a_modal_but_won_is_a_past_verb() {
        assert!(analyse("He won't say which entity paid.").modal);
        let won = analyse("She won the primary in March.");
        assert!(!won.modal && won.past);
    }

    #[test]
    fn plans_to_is_an_intention_but_plans_alone_is_not() {
        assert!(analyse("The company plans to cut 500 jobs.").modal);
        assert!(!analyse("The plans were approved by the board.").modal);
    }

    #[test]
    fn i_dont_think_it_should_be_done_is_the_speakers_view() {
        assert!(verdict(
            "\"I don't think it should be done behind closed doors,\" Chaffetz said.",
            NONE
        )
        .is_err());
    }

    #[test]
    fn we_have_a_505_billion_trade_deficit_is_a_claim_but_i_am_100_percent_sure_is_not() {
        for text in [
            "And we have a $505 billion trade deficit right now.",
            "We lose 33,000 people a year to gun violence.",
            "Our national debt is now almost $20 trillion.",
        ] {
            assert_eq!(verdict(text, FIGURE), Ok(()), "{text}");
        }
        for text in [
            "I'm 100 percent sure of it.",
            "My campaign gets 3 percent of its money from them.",
            "This reporter is 100 percent sure of it.",
        ] {
            assert_eq!(
                verdict(text, FIGURE),
                Err("the speaker's own view"),
                "{text}"
            );
        }
        // Without a figure, "we" is still the speaker's view.
        assert!(verdict("We are the greatest country.", NONE).is_err());
    }

    #[test]
    fn us_the_country_is_not_first_person() {
        let a = analyse("US forces withdrew from the base last year.");
        assert!(!a.first_person);
        assert!(analyse("They told us the vote was delayed.").first_person);
    }

    #[test]
    fn you_called_it_the_gold_standard_is_an_act_on_the_record() {
        for text in [
            "You called it the gold standard.",
            "Senator Sanders voted for that, and that's exactly what we did.",
            "I have never supported the ban on exports.",
            "In the days after the debate, you sent out a series of tweets.",
        ] {
            assert!(analyse(text).own_act, "{text}");
            assert_eq!(verdict(text, NONE), Ok(()), "{text}");
        }
    }

    #[test]
    fn we_have_the_highest_taxes_in_the_world_is_a_comparison() {
        assert_eq!(
            verdict("We have the highest taxes in the world.", NONE),
            Ok(())
        );
        assert_eq!(
            verdict("We have a very good plan for the taxes.", NONE),
            Err("first or second person: the speaker's own view")
        );
    }

    #[test]
    fn he_hired_workers_from_poland_is_short_but_a_statement() {
        for text in ["He hired workers from Poland.", "Banks remained closed."] {
            assert_eq!(verdict(text, NONE), Ok(()), "{text}");
        }
        for text in ["The governor added:", "Full panic mode,", "Bill Clinton."] {
            assert_eq!(verdict(text, NONE), Err("a fragment"), "{text}");
        }
    }

    #[test]
    fn we_have_got_a_lovely_economy_is_still_the_speakers_view() {
        for text in [
            "The bottom line is that we've got a lovely economy.",
            "I've been told she is following the thing very closely.",
            "We haven't benefited the shareholder as much as we need to.",
            "I felt that the talks were over by then.",
            "You walk down the street, you get shot.",
        ] {
            assert!(verdict(text, NONE).is_err(), "{text}");
        }
        // An act of the speaker's that is a belief stays a belief.
        assert_eq!(
            verdict("We believed the plan was wrong.", NONE),
            Err("a judgement or belief")
        );
    }

    #[test]
    fn a_figure_in_a_forecast_clause_is_still_checkable() {
        assert_eq!(
            verdict(
                "GM Hughes net fell 6.6% and revenue will be disclosed later.",
                FIGURE
            ),
            Ok(())
        );
    }

    #[test]
    fn a_phony_system_is_a_judgement() {
        assert_eq!(
            verdict(
                "Trump told reporters the debate was a phony system run by insiders.",
                NONE
            ),
            Err("a judgement or belief")
        );
    }

    #[test]
    fn wines_believes_the_campaign_took_voters_for_granted_is_a_belief() {
        assert_eq!(
            verdict(
                "Wines believes that the Clinton campaign took black voters for granted.",
                NONE
            ),
            Err("a judgement or belief")
        );
    }

    #[test]
    fn a_quote_without_anything_to_check_is_not_a_claim() {
        let anchors = Anchors {
            direct_quote: true,
            ..NONE
        };
        assert_eq!(
            verdict(
                "\"The economy has been running on the fumes of the strength,\" McCulley said.",
                anchors
            ),
            Err("a quotation with nothing to check")
        );
    }

    #[test]
    fn a_4_4_ruling_would_leave_is_a_hypothetical() {
        assert_eq!(
            verdict(
                "A 4-4 ruling by the high court would leave in place the appeals court ruling.",
                FIGURE
            ),
            Err("a prediction or intention")
        );
    }

    #[test]
    fn power_plants_are_the_largest_source_is_a_comparison() {
        assert_eq!(
            verdict(
                "Power plants are the largest source of U.S. carbon emissions.",
                NONE
            ),
            Ok(())
        );
        assert!(analyse("They spent more than the rival campaign").compares);
        assert!(!analyse("They spent more time in Ohio").compares);
    }

    #[test]
    fn the_resolution_requires_approval_is_a_rule() {
        assert_eq!(
            verdict(
                "The contempt resolution requires approval by the full House.",
                NONE
            ),
            Ok(())
        );
    }

    #[test]
    fn an_embedded_tweet_is_markup() {
        assert_eq!(
            verdict(
                "<tweet id=\"781201382542426112\"> Trump said 20 million people watched on 26 September.",
                FIGURE
            ),
            Err("markup or a label")
        );
        assert!(!analyse("Shares rose 5% as 3 < 4 in the model").markup);
    }

    #[test]
    fn the_latest_label_is_not_a_claim() {
        assert_eq!(
            verdict(
                "The Latest: Trump campaign raised $90 million in August",
                FIGURE
            ),
            Err("markup or a label")
        );
    }

    #[test]
    fn azerbaijans_response_was_sharp_is_a_characterisation() {
        assert_eq!(
            verdict(
                "However, Azerbaijan's response was both sharp and confident.",
                NONE
            ),
            Err("nothing that happened or can be counted")
        );
        assert_eq!(
            verdict("Shykhlinski was arrested in Yekaterinburg on Monday.", NONE),
            Ok(())
        );
    }

    #[test]
    fn needed_and_indeed_are_not_past_tense_markers() {
        assert!(!analyse("Indeed the proceeds exceed what analysts need").past);
        assert!(analyse("Police arrested two men near the border").past);
    }

    #[test]
    fn who_will_moderate_the_third_debate_leaves_the_sentence_a_fact() {
        let fact = "Trump has had kinder words for Chris Wallace of Fox News, who will moderate \
                    the third debate.";
        assert!(!analyse(fact).modal);
        assert_eq!(verdict(fact, NONE), Ok(()));
        // The modal of the main clause still makes a prediction, before or after a
        // relative clause closed by a comma.
        assert!(analyse("The opponents will face off in court against the EPA.").modal);
        assert!(
            analyse("The stock split, which is subject to approval, would be paid in January.")
                .modal
        );
        // "that" opens what is reported: its modal is the report's own.
        assert!(analyse("Subcontractors said they were told that orders would be delayed.").modal);
    }

    #[test]
    fn wondered_whether_the_moderators_will_be_fair_is_a_past_act() {
        let a = analyse("The nominee has repeatedly wondered whether the moderators will be fair.");
        assert!(!a.modal);
    }

    #[test]
    fn an_attorney_said_he_was_ready_but_would_not_appear_is_a_prediction() {
        assert!(analyse(
            "An attorney stressed that his client was ready to appear in private, but would not be \
             part of a public spectacle."
        )
        .modal);
    }

    #[test]
    fn clinton_pledged_to_push_for_an_amendment_is_a_past_act() {
        let a = analyse("Clinton pledged to push for a constitutional amendment.");
        assert!(!a.modal && a.action);
        assert!(analyse("The company promises to cut prices.").modal);
    }

    #[test]
    fn a_ruling_is_unlikely_before_the_end_of_the_year_is_a_prediction() {
        assert!(analyse("A ruling is unlikely before the end of the year.").modal);
        assert!(analyse("Their presence has the potential to give donors influence.").modal);
    }

    #[test]
    fn described_the_decision_as_a_huge_win_is_a_view() {
        for view in [
            "Formicola described Trump's approach in terms of lowering expectations.",
            "Kall compared Trump to a coach at a basketball game.",
            "Voting rights advocates have expressed deep concern about the policy.",
            "Trump has also commented on the death.",
        ] {
            assert_eq!(verdict(view, NONE), Err("a judgement or belief"), "{view}");
        }
        // A passive description is what a record says; "compared with" compares figures.
        assert_eq!(
            verdict(
                "Mr. Angelo was described in the filing as a consultant to Oasis.",
                NONE
            ),
            Ok(())
        );
        assert!(
            !analyse("Revenue was 45% of the total, compared with 40% a year earlier.").evaluative
        );
    }

    #[test]
    fn he_told_a_crowd_he_was_troubled_is_a_feeling() {
        assert_eq!(
            verdict(
                "On Wednesday, he told a crowd in Cleveland that he was troubled by it.",
                NONE
            ),
            Err("a judgement or belief")
        );
    }

    #[test]
    fn this_reporter_was_on_the_scene_is_the_writer_speaking() {
        assert!(analyse("This reporter was on the scene Tuesday for a protest.").first_person);
        assert!(!analyse("The reporter was on the scene Tuesday.").first_person);
    }

    #[test]
    fn it_was_clear_clinton_is_attempting_is_an_inference() {
        assert!(analyse("It was clear Clinton is attempting to reach out to voters.").opinion);
        assert!(analyse("It's obvious the plan failed.").opinion);
        assert!(analyse("It appears that the Kremlin has underestimated Trump.").opinion);
        assert!(!analyse("It appeared on the list in May.").opinion);
        assert!(!analyse("It was cleared by the Senate on Tuesday.").opinion);
    }

    #[test]
    fn they_argue_that_the_epa_overstepped_reports_a_past_act() {
        let text = "They argue that the EPA overstepped its authority when it issued the rules.";
        assert_eq!(verdict(text, NONE), Ok(()));
        // Insisting stays a stance.
        assert!(analyse("Chaffetz insisted he has different questions.").belief);
    }

    #[test]
    fn has_not_been_used_in_about_a_century_is_a_past_act() {
        assert!(analyse("The power hasn't been used in a century.").action);
    }

    #[test]
    fn it_was_the_third_consecutive_month_is_a_rank() {
        let text = "It was the third consecutive month that job generation has been strong.";
        assert!(analyse(text).compares);
        assert_eq!(verdict(text, NONE), Ok(()));
        assert!(!analyse("The third man was seen leaving.").compares);
    }
}
