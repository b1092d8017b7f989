//! The cue lexicon: verbs that introduce reported speech, documents, beliefs and
//! intentions, with the inflected form each surface word is.
//!
//! The classes follow the PARC 3.0 / PolNeAR cue types: *speech* verbs report an
//! utterance or a text ("said", "wrote", "announced") and are cues in almost every
//! finite use; *cognition* verbs report a belief, a finding or an intention ("believe",
//! "found", "wants") and are cues only with a subject in front of them, since their
//! surface forms double as nouns and adjectives ("plans", "found", "the thought").
//!
//! The hand lists below are extended by the verbs counted as cues on PolNeAR's train
//! split (the generated `learned` table), each with the class its cue rate gives.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::fnv::FnvBuild;

type FnvMap<K, V> = HashMap<K, V, FnvBuild>;

/// A set of lower-case words, matched case-insensitively by [`contains`], with a
/// (length, first letter, second letter) bitmap that rejects most words unhashed.
pub struct WordSet {
    words: std::collections::HashSet<Box<[u8]>, FnvBuild>,
    shapes: Vec<u64>,
}

/// The bit of a word's shape, if it has one (two ASCII letters, under 24 bytes).
fn shape_bit(b: &[u8]) -> Option<usize> {
    let (b0, b1) = (
        b.first()?.to_ascii_lowercase(),
        b.get(1)?.to_ascii_lowercase(),
    );
    let (l0, l1) = (b0.wrapping_sub(b'a'), b1.wrapping_sub(b'a'));
    (b.len() < 24 && l0 < 26 && l1 < 26)
        .then(|| b.len() * 676 + usize::from(l0) * 26 + usize::from(l1))
}

pub fn word_set(list: &[&str]) -> WordSet {
    let words: std::collections::HashSet<Box<[u8]>, FnvBuild> = list
        .iter()
        .map(|w| w.to_ascii_lowercase().into_bytes().into_boxed_slice())
        .collect();
    let shapes = shapes_of(words.iter().map(|w| &w[..]));
    WordSet { words, shapes }
}

/// Whether `set` holds `word`, ignoring ASCII case, without allocating.
#[inline]
pub fn contains(set: &WordSet, word: &str) -> bool {
    let bytes = word.as_bytes();
    match shape_bit(bytes) {
        Some(bit) if set.shapes[bit / 64] & (1u64 << (bit % 64)) == 0 => return false,
        Some(_) => {}
        // One-letter words and words that do not start with two letters ("I", "2020").
        None if bytes.len() >= 24 => return false,
        None => {}
    }
    let mut buf = [0u8; 24];
    lowered(bytes, &mut buf).is_some_and(|b| set.words.contains(b))
}

/// `word` in ASCII lower case, written into `buf` without allocating; `None` for a word
/// of more than 24 bytes, longer than any listed word.
#[inline]
pub fn lowered<'b>(word: &[u8], buf: &'b mut [u8; 24]) -> Option<&'b [u8]> {
    let b = buf.get_mut(..word.len())?;
    b.copy_from_slice(word);
    b.make_ascii_lowercase();
    Some(b)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    Speech,
    Cognition,
}

/// The inflection of a surface form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// "say", "believe": needs a plural or pronoun subject or an auxiliary.
    Base,
    /// "says", "believes".
    ThirdPerson,
    /// "said", "believed".
    Past,
    /// "saying", "adding": a participial clause after the main one.
    Gerund,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub class: CueClass,
    pub form: Form,
    /// A particle that belongs to the cue when it follows ("called for", "pointed out").
    pub particle: Option<&'static str>,
    /// Learned from PolNeAR train counts rather than listed by hand.
    pub learned: bool,
}

/// Speech and text verbs (lemma, particle that may follow).
const SPEECH: &[(&str, Option<&str>)] = &[
    ("say", None),
    ("tell", None),
    ("add", None),
    ("note", None),
    ("write", None),
    ("report", None),
    ("announce", None),
    ("cite", None),
    ("ask", None),
    ("warn", None),
    ("claim", None),
    ("argue", None),
    ("insist", Some("on")),
    ("state", None),
    ("declare", None),
    ("explain", None),
    ("acknowledge", None),
    ("suggest", None),
    ("recall", None),
    ("mention", None),
    ("emphasize", None),
    ("emphasise", None),
    ("stress", None),
    ("urge", None),
    ("tweet", None),
    ("respond", None),
    ("reply", None),
    ("agree", None),
    ("describe", None),
    ("accuse", None),
    ("criticize", None),
    ("criticise", None),
    ("call", Some("for")),
    ("deny", None),
    ("confirm", None),
    ("admit", None),
    ("promise", None),
    ("pledge", None),
    ("vow", None),
    ("demand", None),
    ("propose", None),
    ("recommend", None),
    ("complain", None),
    ("allege", None),
    ("assert", None),
    ("contend", None),
    ("testify", None),
    ("comment", None),
    ("concede", None),
    ("point", Some("out")),
    ("praise", None),
    ("blast", None),
    ("condemn", None),
    ("slam", None),
    ("reject", None),
    ("dispute", None),
    ("threaten", None),
    ("predict", None),
    ("estimate", None),
    ("disclose", None),
    ("reveal", None),
    ("indicate", None),
    ("question", None),
    ("charge", None),
    ("decry", None),
    ("liken", None),
    ("announce", None),
    ("inform", None),
    ("notify", None),
    ("maintain", None),
    ("observe", None),
    ("remark", None),
    ("shout", None),
    ("joke", None),
    ("quip", None),
    ("boast", None),
    ("brag", None),
    ("concur", None),
    ("caution", None),
    ("advise", None),
    ("assure", None),
    ("counter", None),
    ("retort", None),
    ("lament", None),
    ("acknowledge", None),
    ("express", None),
];

/// Belief, perception, finding and intention verbs.
const COGNITION: &[(&str, Option<&str>)] = &[
    ("believe", None),
    ("think", None),
    ("know", None),
    ("show", None),
    ("find", None),
    ("expect", None),
    ("hope", None),
    ("want", None),
    ("plan", None),
    ("fear", None),
    ("worry", None),
    ("doubt", None),
    ("feel", None),
    ("see", None),
    ("consider", None),
    ("understand", None),
    ("assume", None),
    ("suspect", None),
    ("intend", None),
    ("wish", None),
    ("seek", None),
    ("support", None),
    ("oppose", None),
    ("decide", None),
    ("agree", None),
    ("refuse", None),
    ("portray", None),
    // A court's or a fact-checker's finding: "Politifact then ruled that ...".
    ("rule", None),
];

/// Irregular forms: (lemma, third person, past, past participle, gerund).
const IRREGULAR: &[(&str, &str, &str, &str, &str)] = &[
    ("say", "says", "said", "said", "saying"),
    ("tell", "tells", "told", "told", "telling"),
    ("write", "writes", "wrote", "written", "writing"),
    ("think", "thinks", "thought", "thought", "thinking"),
    ("know", "knows", "knew", "known", "knowing"),
    ("find", "finds", "found", "found", "finding"),
    ("feel", "feels", "felt", "felt", "feeling"),
    ("see", "sees", "saw", "seen", "seeing"),
    (
        "understand",
        "understands",
        "understood",
        "understood",
        "understanding",
    ),
    ("seek", "seeks", "sought", "sought", "seeking"),
    ("show", "shows", "showed", "shown", "showing"),
    ("plan", "plans", "planned", "planned", "planning"),
    ("admit", "admits", "admitted", "admitted", "admitting"),
    ("slam", "slams", "slammed", "slammed", "slamming"),
    ("brag", "brags", "bragged", "bragged", "bragging"),
    ("concur", "concurs", "concurred", "concurred", "concurring"),
    ("quip", "quips", "quipped", "quipped", "quipping"),
];

fn regular_forms(lemma: &str) -> [(String, Form); 4] {
    let b = lemma.as_bytes();
    let last = b.last().copied().unwrap_or(b'a');
    let before = if b.len() >= 2 { b[b.len() - 2] } else { b'a' };
    let stem = &lemma[..lemma.len().saturating_sub(1)];
    if last == b'e' {
        [
            (lemma.to_string(), Form::Base),
            (format!("{lemma}s"), Form::ThirdPerson),
            (format!("{lemma}d"), Form::Past),
            (format!("{stem}ing"), Form::Gerund),
        ]
    } else if last == b'y' && !b"aeiou".contains(&before) {
        [
            (lemma.to_string(), Form::Base),
            (format!("{stem}ies"), Form::ThirdPerson),
            (format!("{stem}ied"), Form::Past),
            (format!("{lemma}ing"), Form::Gerund),
        ]
    } else if lemma.ends_with("ss") || lemma.ends_with("sh") || lemma.ends_with("ch") {
        [
            (lemma.to_string(), Form::Base),
            (format!("{lemma}es"), Form::ThirdPerson),
            (format!("{lemma}ed"), Form::Past),
            (format!("{lemma}ing"), Form::Gerund),
        ]
    } else {
        [
            (lemma.to_string(), Form::Base),
            (format!("{lemma}s"), Form::ThirdPerson),
            (format!("{lemma}ed"), Form::Past),
            (format!("{lemma}ing"), Form::Gerund),
        ]
    }
}

static LEXICON: LazyLock<FnvMap<String, Cue>> = LazyLock::new(|| {
    let mut map = FnvMap::default();
    // Cognition first so that a verb in both lists ("agree") keeps the speech class.
    for (class, list) in [(CueClass::Cognition, COGNITION), (CueClass::Speech, SPEECH)] {
        for &(lemma, particle) in list {
            let forms: Vec<(String, Form)> = match IRREGULAR.iter().find(|(l, ..)| *l == lemma) {
                Some(&(l, s, past, part, ing)) => vec![
                    (l.to_string(), Form::Base),
                    (s.to_string(), Form::ThirdPerson),
                    (past.to_string(), Form::Past),
                    (part.to_string(), Form::Past),
                    (ing.to_string(), Form::Gerund),
                ],
                None => regular_forms(lemma).into_iter().collect(),
            };
            for (word, form) in forms {
                map.insert(
                    word,
                    Cue {
                        class,
                        form,
                        particle,
                        learned: false,
                    },
                );
            }
        }
    }
    // The verbs PolNeAR's train split uses as cues, where the lists above do not
    // already say how to read them.
    for &(lemma, speech) in super::learned::LEARNED {
        let class = if speech {
            CueClass::Speech
        } else {
            CueClass::Cognition
        };
        insert_learned(&mut map, lemma, class, |_| true);
    }
    map
});

/// Adds the regular inflections of a learned `lemma` to `map` as cues of `class`, each
/// where `keep` allows it and `map` does not already hold it.
fn insert_learned(
    map: &mut FnvMap<String, Cue>,
    lemma: &str,
    class: CueClass,
    keep: impl Fn(&str) -> bool,
) {
    for (word, form) in regular_forms(lemma) {
        if keep(&word) {
            map.entry(word).or_insert(Cue {
                class,
                form,
                particle: None,
                learned: true,
            });
        }
    }
}

/// A bit for each (length, first letter, second letter) that some lexicon form has.
static SHAPES: LazyLock<Vec<u64>> =
    LazyLock::new(|| shapes_of(LEXICON.keys().map(String::as_bytes)));

/// The (length, first letter, second letter) bitmap of a set of forms.
fn shapes_of<'a>(forms: impl Iterator<Item = &'a [u8]>) -> Vec<u64> {
    let mut shapes = vec![0u64; (24 * 676usize).div_ceil(64)];
    for w in forms {
        if let Some(bit) = shape_bit(w) {
            shapes[bit / 64] |= 1u64 << (bit % 64);
        }
    }
    shapes
}

/// Whether a shape bitmap may hold `word`.
#[inline]
fn may_be_in(shapes: &[u64], word: &str) -> bool {
    word.len() < 16
        && shape_bit(word.as_bytes())
            .is_some_and(|bit| shapes[bit / 64] & (1u64 << (bit % 64)) != 0)
}

/// Every surface form in the lexicon.
pub fn forms() -> impl Iterator<Item = &'static str> {
    LEXICON
        .keys()
        .map(String::as_str)
        .chain(MODEL_ONLY.keys().map(String::as_str))
}

/// The inflections of the verbs only the fallback model reads ([`super::learned::MODEL_ONLY`]),
/// as learned cognition cues.
static MODEL_ONLY: LazyLock<FnvMap<String, Cue>> = LazyLock::new(|| {
    let mut map = FnvMap::default();
    for &lemma in super::learned::MODEL_ONLY {
        insert_learned(&mut map, lemma, CueClass::Cognition, |w| {
            !LEXICON.contains_key(w)
        });
    }
    map
});

/// The cue a lower-case word is for the fallback model only ("supported", "opposes"):
/// one the sentence-shape rules never read.
pub fn lookup_model_only(word: &str) -> Option<Cue> {
    if !may_be_in(&MODEL_SHAPES, word) {
        return None;
    }
    MODEL_ONLY.get(word).copied()
}

static MODEL_SHAPES: LazyLock<Vec<u64>> =
    LazyLock::new(|| shapes_of(MODEL_ONLY.keys().map(String::as_bytes)));

/// The cue a lower-case word is, if any.
#[inline]
pub fn lookup(word: &str) -> Option<Cue> {
    // A bitmap of (length, first two letters) rejects most words before hashing.
    if !may_be_in(&SHAPES, word) {
        return None;
    }
    LEXICON.get(word).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn said_says_saying_are_speech_cues() {
        assert_eq!(lookup("said").map(|c| c.form), Some(Form::Past));
        assert_eq!(lookup("says").map(|c| c.form), Some(Form::ThirdPerson));
        assert_eq!(lookup("saying").map(|c| c.form), Some(Form::Gerund));
        assert_eq!(lookup("said").map(|c| c.class), Some(CueClass::Speech));
    }

    #[test]
    fn believe_and_emphasising_inflect_regularly() {
        assert_eq!(
            lookup("believes").map(|c| c.class),
            Some(CueClass::Cognition)
        );
        assert_eq!(lookup("emphasising").map(|c| c.form), Some(Form::Gerund));
        assert_eq!(lookup("denied").map(|c| c.form), Some(Form::Past));
        assert_eq!(lookup("stresses").map(|c| c.form), Some(Form::ThirdPerson));
    }

    #[test]
    fn called_for_carries_its_particle() {
        assert_eq!(lookup("called").and_then(|c| c.particle), Some("for"));
        assert_eq!(lookup("the"), None);
    }
}
