//! Claims: checkable assertions assembled from recognised mentions.
//!
//! A claim is the smallest span that asserts something checkable: a sentence, or a
//! clause of one when a sentence joins independent assertions with a semicolon. It has
//! components (figures and dates), the attribution that covers it (or none), a type and
//! a check-worthiness score in [0, 1] from explainable features ([`crate::worthiness`]).

use std::sync::OnceLock;

use std::collections::HashMap;

use crate::assertion;
use crate::fnv::FnvBuild;
use crate::recognize::{Mention, MentionKind, SourceKind, TimexType};
use crate::segment::Segmentation;
use crate::span::Span;
use crate::tokens::{self, Word};
use crate::worthiness::{self, Cues, Feature};

string_enum! {
    /// What kind of assertion a claim makes.
    pub enum ClaimType ("claim type", "types") {
        /// A figure about the world.
        Statistic => "statistic",
        /// Direct speech.
        Quote => "quote",
        /// Reported speech or a cited document.
        Attribution => "attribution",
        /// Something dated that happened.
        Event => "event",
        /// More, less, largest, twice.
        Comparison => "comparison",
        /// Something said about the future.
        Prediction => "prediction",
    }
}

/// One claim of a document. Indices point into the document's mention list.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub span: Span,
    /// Index of the sentence holding the claim.
    pub sentence: usize,
    pub claim_type: ClaimType,
    /// The probability that a fact-checker would check the claim ([`worthiness`]).
    pub worthiness: f64,
    /// The features that fired and their weights, the largest effect first.
    pub features: Vec<Feature>,
    /// The figures a desk would check and the dates inside the claim.
    pub components: Vec<usize>,
    /// Figures inside the claim that no desk would check ("two tracks", a margin of
    /// error): kept with the claim, never listed as unsourced.
    pub uncheckable: Vec<usize>,
    /// The attribution mention that sources the claim.
    pub attribution: Option<usize>,
    /// The source carries over from the claim before ("He added…", "Among
    /// independents, …"): the attribution lies outside this claim.
    pub carried: bool,
}

impl Claim {
    pub fn is_sourced(&self) -> bool {
        self.attribution.is_some()
    }
}

/// Assembles the claims of a document from its sentences and mentions.
///
/// Mentions must be in document order (as [`crate::recognize::recognise`] returns them).
/// Each sentence is split into clauses at semicolons; a clause with figures or dates is a
/// claim, and so is reported speech without them (the content of an attribution). The
/// attribution of a claim is the one whose content holds its components, else one that
/// sources the whole sentence ("according to X, ...").
pub fn assemble(text: &str, segments: &Segmentation, mentions: &[Mention]) -> Vec<Claim> {
    let attributions: Vec<usize> = (0..mentions.len())
        .filter(|&i| mentions[i].reporting().is_some())
        .collect();
    let mut claims = Vec::new();
    let headline_sentences = headline_sentences(text, segments);
    let last_paragraph = segments.sentences.last().map(|s| s.paragraph);
    let mut next = 0; // sweep pointer into `mentions`
                      // Attributions that may overlap the current sentence: those started before its end
                      // and not ended before its start (a sweep, so a document costs linear time).
    let mut next_attribution = 0;
    let mut open_attributions: Vec<usize> = Vec::new();
    let mut reporting = Reporting::new(text, mentions);
    for (si, sentence) in segments.sentences.iter().enumerate() {
        while next < mentions.len() && mentions[next].span.start < sentence.span.start {
            next += 1;
        }
        let mut in_sentence = Vec::new();
        let mut k = next;
        while k < mentions.len() && mentions[k].span.start < sentence.span.end {
            if matches!(mentions[k].kind(), MentionKind::Figure | MentionKind::Date)
                && sentence.span.contains(mentions[k].span)
            {
                in_sentence.push(k);
            }
            k += 1;
        }
        while let Some(&a) = attributions.get(next_attribution) {
            if mentions[a].span.start >= sentence.span.end {
                break;
            }
            open_attributions.push(a);
            next_attribution += 1;
        }
        open_attributions.retain(|&a| mentions[a].span.end > sentence.span.start);
        let overlapping: Vec<usize> = open_attributions
            .iter()
            .copied()
            .filter(|&a| mentions[a].span.overlaps(sentence.span))
            .collect();
        let clauses = clauses(text, sentence.span);
        let sentence_words = tokens::words(text, sentence.span);
        for clause in clauses {
            let (components, uncheckable): (Vec<usize>, Vec<usize>) = in_sentence
                .iter()
                .copied()
                .filter(|&c| clause.contains(mentions[c].span))
                .partition(|&c| mentions[c].figure().is_none_or(|f| f.is_checkable()));
            let choice = choose_attribution(
                &mut reporting,
                &overlapping,
                clause,
                &components,
                (sentence.span, &sentence_words),
            );
            let attribution = choice.attribution;
            let headline = si < headline_sentences;
            if Some(sentence.paragraph) == last_paragraph && is_author_note(clause.slice(text)) {
                continue;
            }
            let words = tokens::within(text, &sentence_words, clause);
            let verdict = assertion_verdict(
                &mut reporting,
                (clause, &words),
                &components,
                choice,
                headline,
            );
            if verdict.is_err() {
                continue;
            }
            let clause_text = clause.slice(text);
            let mask = lexicon_mask(words.iter().map(|w| w.slice(text)));
            let claim_type = classify(mask, &components, attribution, mentions);
            let (worthiness, features) = worthiness::score(&worthiness::ClaimInput {
                clause: clause_text,
                words: Some((text, &words)),
                cues: cues(mask),
                components: &components,
                attribution,
                mentions,
            });
            claims.push(Claim {
                span: clause,
                sentence: si,
                claim_type,
                worthiness,
                features,
                components,
                uncheckable,
                attribution,
                carried: false,
            });
        }
    }
    carry_sources(text, mentions, &mut claims);
    carry_quoted_turns(&mut reporting, segments, &mut claims);
    claims
}

/// What each attribution of a document says of itself, decided once per document and
/// read for every clause it overlaps: whether it reports something ([`reports`]) and
/// whether its content is a prepositional phrase ([`prepositional`]).
struct Reporting<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    reports: Vec<Option<bool>>,
    prepositional: Vec<Option<bool>>,
}

impl<'a> Reporting<'a> {
    fn new(text: &'a str, mentions: &'a [Mention]) -> Reporting<'a> {
        Reporting {
            text,
            mentions,
            reports: vec![None; mentions.len()],
            prepositional: vec![None; mentions.len()],
        }
    }

    /// [`prepositional`] of attribution mention `a` (false for other mentions).
    fn prepositional(&mut self, a: usize) -> bool {
        let (text, mentions) = (self.text, self.mentions);
        *self.prepositional[a].get_or_insert_with(|| {
            mentions[a]
                .reporting()
                .is_some_and(|att| prepositional(text, att))
        })
    }

    /// [`reports`] of attribution mention `a` (false for other mentions), given the
    /// sentence being read with its words.
    fn reports(&mut self, a: usize, sentence: Option<(Span, &[Word])>) -> bool {
        if let Some(known) = self.reports[a] {
            return known;
        }
        let Some(att) = self.mentions[a].reporting() else {
            return false;
        };
        let prepositional = self.prepositional(a);
        let known = reports(self.text, att, prepositional, sentence);
        self.reports[a] = Some(known);
        known
    }
}

/// Whether a clause is a claim (see [`crate::assertion`]): its own words, the words of
/// the report it carries, and whether it has a checkable figure or a calendar date.
/// `clause` comes with its words.
fn assertion_verdict(
    reporting: &mut Reporting<'_>,
    (clause, words): (Span, &[Word]),
    components: &[usize],
    choice: Choice,
    headline: bool,
) -> Result<(), assertion::NotClaim> {
    let (text, mentions) = (reporting.text, reporting.mentions);
    let whole = assertion::analyse_words(text, clause, words);
    let att = choice.attribution.and_then(|a| mentions[a].reporting());
    // The report's content is the clause's, unless the report is an aside or its
    // content a prepositional phrase; both known from choosing it when they were read.
    let own = choice.attribution.is_some_and(|a| {
        choice
            .aside
            .unwrap_or_else(|| att.is_some_and(|x| reported_aside(text, clause, x)))
            || reporting.prepositional(a)
    });
    let content = att
        .filter(|_| !own)
        .and_then(|a| a.content)
        .filter(|c| c.overlaps(clause))
        .map_or(whole, |c| {
            let inside = Span::new(c.start.max(clause.start), c.end.min(clause.end));
            let inside_words = tokens::within(text, words, inside);
            let mut content = assertion::analyse_words(text, inside, &inside_words);
            // "An analysis … shows Democratic groups outpacing Republicans": what a
            // document or a data set shows, without a verb of its own, takes its tense
            // from the verb that reports it.
            if !content.has_verb() && att.is_some_and(is_data_source) {
                content.present |= whole.present;
                content.past |= whole.past;
                return content;
            }
            // A short prepositional phrase without a verb is no clause ("For the moment,
            // the sources said, he has decided …" read as reporting "For the moment",
            // "Farkas said on state TV's morning talk show"): the clause is judged by its
            // own words.
            let opens_with_preposition = inside_words.first().is_some_and(|w| {
                ["in", "on", "for", "at", "during", "after", "before"]
                    .iter()
                    .any(|p| w.slice(text).eq_ignore_ascii_case(p))
            });
            if !content.has_verb() && opens_with_preposition && inside_words.len() <= 6 {
                return whole;
            }
            content
        });
    let anchors = assertion::Anchors {
        // Components hold only checkable figures (see `assemble`).
        figure: components.iter().any(|&c| mentions[c].figure().is_some()),
        date: components
            .iter()
            .any(|&c| mentions[c].date().is_some() && is_checkable(&mentions[c])),
        direct_quote: att.is_some_and(|a| a.direct),
        headline,
    };
    whole.verdict(&content, anchors)
}

/// Whether a report's content, right after its cue, is a prepositional phrase, not a
/// clause ("Trump responded by using the example of Chicago …", "Riot police responded
/// with a volley of plastic bullets"): the sentence's own verb is what it asserts. A
/// content before its cue is a clause of its own ("With more people working, the rate
/// fell, the bureau said").
fn prepositional(text: &str, att: &crate::recognize::Attribution) -> bool {
    let (Some(cue), Some(content)) = (att.cue, att.content) else {
        return false;
    };
    // "by" or "with" may follow a time ("responded on Sunday with …").
    let words: Vec<&str> = crate::bytescan::words(content.slice(text))
        .take(3)
        .collect();
    let is = |i: usize, list: &[&str]| {
        words
            .get(i)
            .is_some_and(|w| list.iter().any(|p| w.eq_ignore_ascii_case(p)))
    };
    const BY_WITH: &[&str] = &["by", "with"];
    cue.end <= content.start && (is(0, BY_WITH) || (is(0, &["on", "in", "at"]) && is(2, BY_WITH)))
}

/// Whether a report is an aside to the clause's own assertion: in a relative clause
/// ("Members protested the state funding system, which advocates say disadvantages
/// needy schools") or a participle after the subject's act ("Bush sent troops to Saudi
/// Arabia, saying Iraqi troops massed nearby"). What the clause asserts is its main
/// verb's, told in the article's voice.
fn reported_aside(text: &str, clause: Span, att: &crate::recognize::Attribution) -> bool {
    let Some(source) = att.source else {
        return false;
    };
    // "The Times filed a motion to unseal the records, arguing the move was needed": a
    // participle after the subject's own act.
    if let Some(cue) = att.cue {
        let participle = cue.slice(text).ends_with("ing")
            && source.end <= cue.start
            && cue.start <= clause.end
            && text[..cue.start].trim_end().ends_with(',')
            && assertion::analyse(&text[source.end..cue.start]).action;
        if participle {
            return true;
        }
    }
    if source.start <= clause.start || source.start > clause.end {
        return false;
    }
    let before = text[clause.start..source.start].trim_end();
    let relative = crate::bytescan::words(before)
        .last()
        .is_some_and(|w| ["which", "who"].iter().any(|r| w.eq_ignore_ascii_case(r)));
    relative && assertion::analyse(before).action
}

/// How many sentences at the start of the article are its headline and deck: the whole
/// first paragraph when more paragraphs follow and it is at most three short lines —
/// each at most 15 words, or at most 25 without a closing full stop ("Super PAC haul
/// surges past $1B; ¶ Small group of rich donors pushes tally beyond total for 2012.",
/// "Politifact: Donald Trump Is Right, ‘Thousands of Shootings’ in Chicago this
/// Year."). A lead sentence runs longer ("Delta Air Lines earnings soared 33% to a
/// record in the fiscal first quarter, bucking the industry trend toward declining
/// profits."), and a short first sentence ending in a full stop is a headline only
/// before a longer body paragraph.
fn headline_sentences(text: &str, segments: &Segmentation) -> usize {
    let sentences = &segments.sentences;
    let Some(first) = sentences.first() else {
        return 0;
    };
    if let Some(n) = before_dateline(text, sentences) {
        return n;
    }
    let n = sentences.partition_point(|s| s.paragraph == first.paragraph);
    if n == sentences.len() || n > 3 {
        return 0;
    }
    let stop = |body: &str| body.ends_with(['.', '"', '”', '\'', '’']);
    let mut words = 0;
    // A first line without a closing stop is a title, and what follows it in its
    // paragraph its deck.
    let closed = stop(sentences[0].span.slice(text).trim_end());
    for s in &sentences[..n] {
        let body = s.span.slice(text).trim_end();
        let w = crate::bytescan::words(body).count();
        if w > 25 || (w > 15 && stop(body)) {
            return 0;
        }
        words += w;
    }
    // A short first paragraph that closes like a sentence is a headline only before a
    // body paragraph at least twice its length ("Fed raises rates." before a 40-word
    // lead), not among paragraphs of one short sentence each.
    let next = sentences[n].paragraph;
    let next_words: usize = sentences[n..]
        .iter()
        .take_while(|s| s.paragraph == next)
        .map(|s| crate::bytescan::words(s.span.slice(text)).count())
        .sum();
    if closed && (next_words < 20 || next_words < 2 * words) {
        return 0;
    }
    n
}

/// The sentences before the paragraph that opens with the article's dateline
/// ("CHARLOTTE - Nearly a week after …", "WASHINGTON (AP) — …"), when it is the second
/// or third paragraph and every sentence before it is a short line: the headline and its
/// deck ("Charlotte struggles to return to normal after shooting. ¶ Curfew lifted, but
/// city still in limbo as Guard occupies quiet streets.").
fn before_dateline(text: &str, sentences: &[crate::segment::Sentence]) -> Option<usize> {
    let n = sentences
        .iter()
        .take(4)
        .position(|s| s.paragraph > 0 && opens_with_dateline(s.span.slice(text)))?;
    let first_of_paragraph = sentences
        .get(n.checked_sub(1)?)
        .is_some_and(|before| before.paragraph < sentences[n].paragraph);
    let short = sentences[..n]
        .iter()
        .all(|s| crate::bytescan::words(s.span.slice(text)).count() <= 25);
    (first_of_paragraph && sentences[n].paragraph <= 2 && short).then_some(n)
}

/// Whether a paragraph opens with a dateline: a place in capitals ("CHARLOTTE", "ST.
/// LOUIS", "WASHINGTON, March 22"), then a dash, or an agency's name in parentheses,
/// within its first 60 bytes.
fn opens_with_dateline(paragraph: &str) -> bool {
    let head = &paragraph[..crate::span::floor_char_boundary(paragraph, 60)];
    let Some(at) = [" - ", " \u{2014}", "\u{2014} ", " \u{2013} ", " ("]
        .iter()
        .filter_map(|sep| head.find(sep))
        .min()
    else {
        return false;
    };
    let first = head[..at].split([' ', ',']).next().unwrap_or("");
    let agency = || {
        [
            "(AP)",
            "(Reuters)",
            "(AFP)",
            "(CNN)",
            "(UPI)",
            "(Bloomberg)",
        ]
        .iter()
        .any(|a| head[at + 1..].starts_with(a))
    };
    first.len() >= 3
        && first.bytes().all(|b| b.is_ascii_uppercase() || b == b'.')
        && (!head[at..].starts_with(" (") || agency())
}

/// Whether a sentence of the article's last paragraph is a note on its author ("AWR
/// Hawkins is the Second Amendment columnist for Breitbart News"): a short name, "is
/// a/an/the", and a newsroom role within the next eight words.
fn is_author_note(sentence: &str) -> bool {
    const ROLES: &[&str] = &[
        "columnist",
        "reporter",
        "correspondent",
        "writer",
        "editor",
        "contributor",
        "journalist",
    ];
    let words: Vec<&str> = crate::bytescan::words(sentence).take(16).collect();
    let Some(is) = words.iter().position(|w| *w == "is") else {
        return false;
    };
    let name = &words[..is];
    (1..=4).contains(&name.len())
        && name.iter().all(|w| w.starts_with(char::is_uppercase))
        && words
            .get(is + 1)
            .is_some_and(|w| ["a", "an", "the"].contains(w))
        && words[is + 1..]
            .iter()
            .take(8)
            .any(|w| ROLES.iter().any(|r| w.eq_ignore_ascii_case(r)))
}

/// Words that open a sentence continuing the report before it (CLAIMS.md, "carries
/// over"): "He added", "Also", "Among independents", "In all".
fn continues_report(clause: &str) -> bool {
    let mut words = crate::bytescan::words(clause).map(str::to_ascii_lowercase);
    let (Some(first), second) = (words.next(), words.next()) else {
        return false;
    };
    let second = second.unwrap_or_default();
    match first.as_str() {
        "also" | "additionally" | "among" | "together" => true,
        "in" => matches!(second.as_str(), "all" | "addition" | "total"),
        "of" => matches!(second.as_str(), "those" | "them" | "these"),
        "he" | "she" | "they" | "it" => matches!(
            second.as_str(),
            "added" | "adds" | "continued" | "noted" | "went" | "also"
        ),
        // "That surpasses the $846.8 million…", "That brings his commitment to $20
        // million": a sum or comparison built on the figure before.
        "that" | "this" => matches!(
            second.as_str(),
            "brings"
                | "brought"
                | "surpasses"
                | "surpassed"
                | "exceeds"
                | "exceeded"
                | "tops"
                | "topped"
                | "compares"
                | "compared"
                | "raises"
                | "raised"
                | "pushes"
                | "pushed"
                | "puts"
                | "takes"
                | "took"
        ),
        _ => false,
    }
}

/// Measures a data release reports, at the head of a sentence that goes on with its
/// figures ("Revenue rose 21% to $243.4 million", "The rate for adult women rose").
const RELEASE_MEASURES: &[&str] = &[
    "revenue",
    "revenues",
    "sales",
    "net",
    "profit",
    "profits",
    "earnings",
    "income",
    "loss",
    "losses",
    "results",
    "rate",
    "turnover",
    "margin",
    "assets",
    "equity",
    "reserves",
    "share",
    "dividend",
    "output",
    "production",
    "exports",
    "imports",
];

/// Whether one of the first six words of a clause names a measure of a data release.
fn opens_with_measure(clause: &str) -> bool {
    crate::bytescan::words(clause)
        .take(6)
        .any(|w| RELEASE_MEASURES.iter().any(|m| m.eq_ignore_ascii_case(w)))
}

/// Carries a source to the claim right after a sourced one when that claim continues the
/// report (CLAIMS.md, "carries over"): it opens as a continuation ([`continues_report`]),
/// or the report gave figures and this claim goes on with figures of a measure such a
/// release reports ([`opens_with_measure`]). Only white space may lie between the two,
/// so a sentence of the article's own, claim or not, ends the run; so does a new source.
fn carry_sources(text: &str, mentions: &[Mention], claims: &mut [Claim]) {
    // The attribution of the run, whether its report gave figures, and whether its source
    // is a data set or a document (a poll, an analysis, a census).
    let mut run: Option<(usize, bool, bool)> = None;
    for i in 0..claims.len() {
        if let Some(a) = claims[i].attribution {
            let data = mentions[a]
                .reporting()
                .and_then(|x| x.content)
                .is_some_and(|content| {
                    claims[i].components.iter().any(|&c| {
                        mentions[c].figure().is_some() && content.contains(mentions[c].span)
                    })
                });
            let dataset = mentions[a].reporting().is_some_and(is_data_source);
            run = Some((a, data, dataset));
            continue;
        }
        let Some((a, data, dataset)) = run else {
            continue;
        };
        let claim = &claims[i];
        let adjacent = i > 0
            && gap_continues(
                text,
                mentions,
                Span::new(claims[i - 1].span.end, claim.span.start),
                a,
            );
        let clause = claim.span.slice(text);
        let has_figure = claim
            .components
            .iter()
            .any(|&c| mentions[c].figure().is_some());
        // A poll's or an analysis's breakdown goes on with figures even when the
        // sentence that names it gives none ("A USA TODAY analysis … shows Democratic
        // groups outpacing Republicans. In August, Democratic-aligned super PACs raised
        // $64.8 million …").
        // A data release's run also goes on through a rank it reports without a figure
        // ("It was the third consecutive month that job generation has been
        // exceptionally strong") or a finding it adds ("The demand for workers also led
        // employers to raise wages"), unless the clause names another actor ("For the
        // first time, the Labor Department broke out …").
        let ranks = dataset
            && !has_figure
            && (assertion::analyse(clause).compares
                || crate::bytescan::words(clause)
                    .take(6)
                    .any(|w| w.eq_ignore_ascii_case("also")))
            && !crate::bytescan::words(clause)
                .skip(1)
                .any(|w| w.starts_with(|c: char| c.is_uppercase()));
        if adjacent
            && (continues_report(clause)
                || ranks
                || (has_figure
                    && (dataset
                        || (data
                            && (opens_with_measure(clause)
                                || names_source_again(text, &mentions[a], clause))))))
        {
            claims[i].attribution = Some(a);
            claims[i].carried = true;
        } else {
            run = None;
        }
    }
}

/// Whether a clause names the source of a data report again, by its full name or
/// without its company designator ("For the nine months, America West posted earnings
/// of $18.9 million" after "America West Airlines … reported …"): the company goes on
/// giving its own figures.
fn names_source_again(text: &str, att: &Mention, clause: &str) -> bool {
    let Some(a) = att.reporting() else {
        return false;
    };
    // The source as written there, and its canonical name.
    [a.source, a.source_name]
        .into_iter()
        .flatten()
        .any(|s| names_again(s.slice(text).trim(), clause))
}

/// Whether `clause` names `name` again as the subject of a verb of account.
fn names_again(name: &str, clause: &str) -> bool {
    // A proper name, or a description by its head noun ("The Wilmington, Del., company
    // reported …" … "the company earned $461 million").
    let last = name.rsplit_once(' ').map_or(name, |(_, last)| last);
    let head;
    let short = if last.starts_with(|c: char| c.is_lowercase())
        || !name.starts_with(|c: char| c.is_uppercase())
    {
        head = format!("the {last}");
        head.as_str()
    } else {
        crate::sources::without_company_tail(name)
    };
    if short.len() < 3 || !short.starts_with(|c: char| c.is_uppercase() || c == 't') {
        return false;
    }
    // The name is the subject of a verb of account ("America West posted earnings"), not
    // of an act ("Du Pont also raised its dividend") or a possessive ("Du Pont's stock").
    clause.match_indices(short).any(|(at, _)| {
        let mut after = crate::bytescan::words(&clause[at + short.len()..]);
        let mut verb = after.next();
        if verb.is_some_and(|w| w.eq_ignore_ascii_case("also")) {
            verb = after.next();
        }
        verb.is_some_and(|w| {
            [
                "posted", "reported", "earned", "recorded", "booked", "had", "said",
            ]
            .contains(&w)
        }) && !clause[at + short.len()..].starts_with(['\'', '’'])
    })
}

/// Carries the speaker of a quotation that runs over several paragraphs to the claims
/// of its later paragraphs (CLAIMS.md, "carries over"). By the convention of news copy
/// and transcripts, a paragraph that opens with a quotation mark while the paragraph
/// before left its quotation open goes on with the same speaker ("PENCE: Well, look …
/// ¶ "But the truth is …"), and so does a quotation opening the paragraph after an
/// introducer that ends in a colon ("He said: ¶ "In Chicago, they've had thousands of
/// shootings …""). A paragraph that names its own speaker starts a new turn.
fn carry_quoted_turns(
    reporting: &mut Reporting<'_>,
    segments: &Segmentation,
    claims: &mut [Claim],
) {
    let (text, mentions) = (reporting.text, reporting.mentions);
    let paragraphs = &segments.paragraphs;
    if paragraphs.len() < 2 || claims.iter().all(|c| c.attribution.is_some()) {
        return;
    }
    // Attributions by paragraph, in document order (mentions are sorted by start).
    let mut by_paragraph: Vec<Vec<usize>> = vec![Vec::new(); paragraphs.len()];
    let mut p = 0;
    for (i, m) in mentions.iter().enumerate() {
        if m.reporting().is_none() {
            continue;
        }
        while p < paragraphs.len() && paragraphs[p].end <= m.span.start {
            p += 1;
        }
        if p == paragraphs.len() {
            break;
        }
        if paragraphs[p].contains(m.span) {
            by_paragraph[p].push(i);
        }
    }
    let opens_quote = |s: &str| s.trim_start().starts_with(['"', '“']);
    // A quotation or a transcript's "NAME:" label names the speaker of its paragraph.
    let names_speaker = |a: usize| {
        mentions[a]
            .reporting()
            .is_some_and(|x| x.direct || x.cue.is_some_and(|c| c.slice(text) == ":"))
    };
    let mut speaker: Vec<Option<usize>> = vec![None; paragraphs.len()];
    for p in 1..paragraphs.len() {
        let body = paragraphs[p].slice(text);
        if !opens_quote(body) || by_paragraph[p].iter().any(|&a| names_speaker(a)) {
            continue;
        }
        let prev = paragraphs[p - 1];
        let prev_body = prev.slice(text).trim_end();
        // "He said:" — the attribution ends right before the colon that closes its
        // paragraph and has no content of its own.
        let introducer = prev_body
            .ends_with(':')
            .then(|| by_paragraph[p - 1].last().copied())
            .flatten()
            .filter(|&a| {
                let end = mentions[a].span.end.min(prev.start + prev_body.len());
                text[end..prev.start + prev_body.len()]
                    .trim_matches(|c: char| c == ':' || c.is_whitespace())
                    .is_empty()
                    && mentions[a].reporting().is_some_and(|x| x.content.is_none())
            });
        speaker[p] = introducer.or_else(|| {
            if !inside_quote(prev_body) {
                return None;
            }
            // The paragraph before quoted its speaker directly (or by a transcript's
            // "NAME:" label), or went on with a speaker carried into it.
            by_paragraph[p - 1]
                .iter()
                .rev()
                .copied()
                .find(|&a| names_speaker(a))
                .or(speaker[p - 1])
        });
    }
    for claim in claims.iter_mut().filter(|c| c.attribution.is_none()) {
        let p = segments.sentences[claim.sentence].paragraph;
        if let Some(a) = speaker.get(p).copied().flatten() {
            if reporting.reports(a, None) {
                claim.attribution = Some(a);
                claim.carried = true;
            }
        }
    }
}

/// Whether the text between two claims keeps a report's run going: nothing but white
/// space, or sentences that are not claims but in which the same source speaks again
/// ("America West wouldn't identify the entity, but said the payment was for …").
fn gap_continues(text: &str, mentions: &[Mention], gap: Span, run: usize) -> bool {
    let body = gap.slice(text);
    if body.trim().is_empty() {
        return true;
    }
    let Some(source) = mentions[run].reporting().and_then(|a| a.source_id) else {
        return false;
    };
    // The gap must be whole sentences, each with an attribution of the run's source.
    let first = mentions.partition_point(|m| m.span.start < gap.start);
    let same_source: Vec<Span> = mentions[first..]
        .iter()
        .take_while(|m| m.span.start < gap.end)
        .filter(|m| m.reporting().is_some_and(|x| x.source_id == Some(source)))
        .map(|m| m.span)
        .collect();
    !same_source.is_empty()
        && sentence_pieces(body).all(|(at, piece)| {
            let piece = Span::new(gap.start + at, gap.start + at + piece.len());
            same_source.iter().any(|s| s.overlaps(piece))
        })
}

/// The non-blank pieces of a gap between claims, cut after sentence-final punctuation
/// followed by white space, with their byte offsets.
fn sentence_pieces(body: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut cuts = vec![0];
    let bytes = body.as_bytes();
    for (i, w) in bytes.windows(2).enumerate() {
        if matches!(w[0], b'.' | b'!' | b'?') && w[1].is_ascii_whitespace() {
            cuts.push(i + 1);
        }
    }
    cuts.push(body.len());
    cuts.dedup();
    cuts.windows(2)
        .map(move |w| (w[0], &body[w[0]..w[1]]))
        .filter(|(_, p)| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .into_iter()
}

/// Whether a component makes its clause checkable on its own: a figure, or a date or
/// time on the calendar ("27 June 2025", "2020", "the mid-2000s"), not a vague reference
/// ("now", "recently") or a duration ("a week").
fn is_checkable(m: &Mention) -> bool {
    match (m.figure(), m.date()) {
        (Some(f), _) => f.is_checkable(),
        (_, Some(t)) => {
            matches!(t.timex_type, TimexType::Date | TimexType::Time)
                && t.value.starts_with(|c: char| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Splits a sentence at semicolons that join independent clauses (each side at least
/// three words), outside quotations.
fn clauses(text: &str, sentence: Span) -> Vec<Span> {
    let body = sentence.slice(text);
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in body.match_indices(';') {
        let left = &body[start..i];
        let right = &body[i + 1..];
        let words = |s: &str| s.split_whitespace().count();
        if words(left) >= 3 && words(right) >= 3 && !inside_quote(&body[..i]) {
            out.push(Span::new(sentence.start + start, sentence.start + i + 1).trim(text));
            start = i + 1;
        }
    }
    out.push(Span::new(sentence.start + start, sentence.end).trim(text));
    out.retain(|s| !s.is_empty());
    if out.iter().all(|c| !c.slice(text).contains(", ")) {
        return out;
    }
    out.into_iter().flat_map(|c| coordinated(text, c)).collect()
}

/// Words that open a verb phrase, not a clause with its own subject ("…, and said
/// that …", "…, but also …").
const NO_SUBJECT: &[&str] = &[
    "said", "says", "say", "added", "adds", "told", "has", "had", "have", "was", "were", "is",
    "are", "will", "would", "could", "should", "may", "might", "can", "also", "then", "to", "not",
    "never", "still", "later", "now", "so", "only", "instead", "even",
];

/// Splits a clause at ", and" and ", but" where both sides are clauses with their own
/// verb and the right side opens with its own subject ("… was overturned by an appeals
/// court, and the Supreme Court declined to step into the fray."): two assertions,
/// each checked on its own (CLAIMS.md).
fn coordinated(text: &str, clause: Span) -> Vec<Span> {
    let body = clause.slice(text);
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in body.match_indices(',') {
        // The conjunction between spaces of any kind: wire copy often has no-break
        // spaces around words ("he was shot, but\u{a0}Shelby said").
        let after = &body[i + 1..];
        let rest = after.trim_start();
        let Some(conj) = ["and", "but"]
            .into_iter()
            .find(|c| rest.starts_with(c) && rest[c.len()..].starts_with(char::is_whitespace))
        else {
            continue;
        };
        if rest.len() == after.len() {
            continue;
        }
        let conj_end = body.len() - rest.len() + conj.len();
        let right_at = conj_end + (body[conj_end..].len() - body[conj_end..].trim_start().len());
        let left = &body[start..i];
        let right = &body[right_at..];
        let first = crate::bytescan::words(right).next().unwrap_or("");
        let words = |s: &str| crate::bytescan::words(s).count();
        let subject_first = !first.is_empty()
            && !first.ends_with("ed")
            && !first.ends_with("ing")
            && !first.ends_with("ly")
            && !NO_SUBJECT.iter().any(|w| w.eq_ignore_ascii_case(first));
        if words(left) >= 4
            && words(right) >= 4
            && subject_first
            && !inside_quote(&body[..i])
            && assertion::analyse(left).has_verb()
            && finite_verb(clause_head(right))
        {
            out.push(Span::new(clause.start + start, clause.start + i).trim(text));
            start = right_at;
        }
    }
    out.push(Span::new(clause.start + start, clause.end).trim(text));
    out.retain(|s| !s.is_empty());
    out
}

/// Whether a clause head has a finite verb, not only a participle after a noun ("a
/// small parcel owned by …" is a noun phrase in a list).
fn finite_verb(head: &str) -> bool {
    const AUX: &[&str] = &[
        "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "did",
        "does", "do", "may", "might", "must", "should",
    ];
    let words: Vec<&str> = crate::bytescan::words(head).collect();
    if words
        .iter()
        .any(|w| AUX.iter().any(|a| a.eq_ignore_ascii_case(w)))
    {
        return true;
    }
    assertion::analyse(head).has_verb()
        && !words
            .windows(2)
            .any(|p| p[0].ends_with("ed") && p[1].eq_ignore_ascii_case("by"))
}

/// The text of a clause up to its next comma: the verb of a coordinated clause comes
/// before any comma of its own.
fn clause_head(s: &str) -> &str {
    s.split(", ").next().unwrap_or(s)
}

/// Whether a double quotation is open at the end of `prefix`.
fn inside_quote(prefix: &str) -> bool {
    let straight = prefix.matches('"').count() % 2 == 1;
    let curly = prefix.matches('“').count() > prefix.matches('”').count();
    straight || curly
}

/// Cues that source everything in their sentence, not only a content span.
fn is_document_cue(cue: &str) -> bool {
    let c = cue.trim().to_lowercase();
    [
        "according to",
        "as noted",
        "as reported",
        "citing",
        "cited",
        "as stated",
        "data from",
        "figures from",
        "per ",
    ]
    .iter()
    .any(|p| c.starts_with(p))
}

/// Verbs that report data or words with a noun phrase as their object ("Du Pont reported
/// net of $547 million", "the poll shows a 4-point lead").
const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "reported",
    "reports",
    "report",
    "announced",
    "announces",
    "posted",
    "posts",
    "disclosed",
    "estimated",
    "estimates",
    "showed",
    "shows",
    "show",
    "projected",
    "forecast",
    "cited",
    "quoted",
    "according",
    "put",
    "puts",
    "counted",
    "recorded",
    "listed",
    "published",
];

/// Whether an attribution's source is a data set or a document (a poll, an analysis, a
/// census) rather than a person or an organisation.
fn is_data_source(att: &crate::recognize::Attribution) -> bool {
    matches!(att.source_kind, SourceKind::Dataset | SourceKind::Document)
}

/// Whether an attribution reports something: a quotation, a poll's or a document's
/// finding, a content that is a clause ("that 46 percent back Clinton", "300 people were
/// detained"), or a noun phrase after a verb that reports data ("reported net of $547
/// million"). "Police found more than 1,300 pounds of explosives" and "Iraq boasts an
/// army of 1 million" report nothing: the figure is the article's own.
///
/// `prepositional` is [`prepositional`] of the attribution; `sentence`, a sentence with
/// its words, lends them when it holds the content.
fn reports(
    text: &str,
    att: &crate::recognize::Attribution,
    prepositional: bool,
    sentence: Option<(Span, &[Word])>,
) -> bool {
    let Some(content) = att.content else {
        return true;
    };
    let body = content.slice(text);
    // "MGM Grand Inc. has agreed to pay $93 million", "promised to cut taxes": an
    // infinitive is the subject's commitment or intention, an act the article itself
    // reports, not a statement whose figures come from the subject.
    let infinitive = crate::bytescan::words(body)
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("to"));
    if infinitive && !att.direct {
        return false;
    }
    // "Riot police responded with a volley of plastic bullets": an act, not a report.
    if prepositional && !att.direct {
        return false;
    }
    let opens_clause = crate::bytescan::words(body).next().is_some_and(|w| {
        ["that", "whether", "how", "what", "why"]
            .iter()
            .any(|c| c.eq_ignore_ascii_case(w))
    });
    // "A federal appeals court ruled Friday against Ohio's procedure", "Justice Nervo
    // rejected that argument": a ruling on an object is the act the article reports;
    // only what a court ruled that … is its statement.
    let ruling = att.cue.is_some_and(|cue| {
        crate::bytescan::words(cue.slice(text)).any(|w| {
            [
                "ruled",
                "rules",
                "rule",
                "rejected",
                "rejects",
                "upheld",
                "upholds",
                "overturned",
            ]
            .iter()
            .any(|v| v.eq_ignore_ascii_case(w))
        })
    });
    if ruling && !opens_clause && !att.direct {
        return false;
    }
    // A poll, a study or a data set reports whatever it "found" or "shows".
    let has_verb = || match sentence.filter(|(s, _)| s.contains(content)) {
        Some((_, words)) => {
            assertion::analyse_words(text, content, &tokens::within(text, words, content))
                .has_verb()
        }
        None => assertion::analyse(body).has_verb(),
    };
    if att.direct || is_data_source(att) || opens_clause || has_verb() {
        return true;
    }
    att.cue.is_none_or(|cue| {
        crate::bytescan::words(cue.slice(text))
            .any(|w| REPORTING_VERBS.iter().any(|v| v.eq_ignore_ascii_case(w)))
    })
}

/// The attribution a clause takes, and whether it is an aside to the clause
/// ([`reported_aside`]) when choosing it told.
#[derive(Debug, Clone, Copy)]
struct Choice {
    attribution: Option<usize>,
    aside: Option<bool>,
}

fn choose_attribution(
    reporting: &mut Reporting<'_>,
    overlapping: &[usize],
    clause: Span,
    components: &[usize],
    sentence: (Span, &[Word]),
) -> Choice {
    let (text, mentions) = (reporting.text, reporting.mentions);
    let mut best: Option<(usize, usize)> = None; // (covered components, index)
    for &a in overlapping {
        let Some(att) = mentions[a].reporting() else {
            continue;
        };
        let covered = match att.content {
            Some(content) => components
                .iter()
                .filter(|&&c| content.contains(mentions[c].span))
                .count(),
            None => 0,
        };
        if covered > 0
            && best.is_none_or(|(n, _)| covered > n)
            && reporting.reports(a, Some(sentence))
        {
            best = Some((covered, a));
        }
    }
    if let Some((_, a)) = best {
        return Choice {
            attribution: Some(a),
            aside: None,
        };
    }
    let fallback = overlapping.iter().copied().find(|&a| {
        mentions[a].reporting().is_some_and(|att| {
            let cue_sources_sentence = att.cue.is_some_and(|c| is_document_cue(c.slice(text)));
            (cue_sources_sentence
                || att.content.is_some_and(|c| c.contains(clause))
                // Components inside the source phrase describe the source ("An analysis
                // of contracts signed since Jan. 1, 2015, shows …").
                || (components
                    .iter()
                    .all(|&c| att.source.is_some_and(|s| s.contains(mentions[c].span)))
                    && att.content.is_some_and(|c| c.overlaps(clause))))
                && reporting.reports(a, Some(sentence))
                // An aside with none of the clause's figures leaves the clause the
                // article's own.
                && !reported_aside(text, clause, att)
        })
    });
    Choice {
        attribution: fallback,
        aside: fallback.map(|_| false),
    }
}
fn classify(
    mask: u8,
    components: &[usize],
    attribution: Option<usize>,
    mentions: &[Mention],
) -> ClaimType {
    let has_figure = components
        .iter()
        .any(|&i| mentions[i].kind() == MentionKind::Figure);
    if let Some(a) = attribution.and_then(|i| mentions[i].reporting()) {
        if a.direct {
            return ClaimType::Quote;
        }
    }
    if has_figure && mask & COMPARISON != 0 {
        return ClaimType::Comparison;
    }
    if mask & FUTURE != 0 && !has_figure {
        return ClaimType::Prediction;
    }
    if has_figure {
        return ClaimType::Statistic;
    }
    if attribution.is_some() {
        return ClaimType::Attribution;
    }
    ClaimType::Event
}

/// Words that make a comparison ("twice", "more than", "the largest").
const COMPARISON_WORDS: &[&str] = &[
    "more than",
    "less than",
    "fewer than",
    "larger",
    "smaller",
    "higher",
    "lower",
    "largest",
    "smallest",
    "highest",
    "lowest",
    "twice",
    "times",
    "double",
    "doubled",
    "tripled",
    "half",
    "compared",
    "biggest",
    "greater",
    "greatest",
    "most",
    "least",
    "rose",
    "fell",
    "increased",
    "decreased",
    "grew",
    "dropped",
    "declined",
    "up from",
    "down from",
];

/// Superlatives and records: the claims desks check first.
const SUPERLATIVE_WORDS: &[&str] = &[
    "largest",
    "biggest",
    "highest",
    "lowest",
    "smallest",
    "most",
    "least",
    "record",
    "first",
    "only",
    "never",
    "ever",
    "unprecedented",
    "all-time",
];

/// Hedges: the figure is approximate or bounded.
const HEDGE_WORDS: &[&str] = &[
    "about",
    "around",
    "roughly",
    "approximately",
    "nearly",
    "almost",
    "some",
    "up to",
    "at least",
    "more than",
    "over",
    "estimated",
    "closer to",
];

/// Opinion markers: the clause states a view rather than a fact.
const OPINION_WORDS: &[&str] = &[
    "i think",
    "we think",
    "i believe",
    "should",
    "must",
    "perhaps",
    "arguably",
    "seems",
    "appears",
    "apparently",
    "likely",
    "unlikely",
    "may",
    "might",
    "could",
    "probably",
    "in my view",
    "in our view",
    "it appears",
];

/// Future markers: a prediction can't be checked yet.
const FUTURE_WORDS: &[&str] = &[
    "will",
    "would",
    "is expected to",
    "are expected to",
    "plans to",
    "is set to",
    "are set to",
    "forecast",
    "forecasts",
    "projected",
    "intends to",
    "going to",
];

/// Bits of the word lists a clause matches (see [`lexicon_mask`]).
const COMPARISON: u8 = 1;
const SUPERLATIVE: u8 = 2;
const HEDGE: u8 = 4;
const OPINION: u8 = 8;
const FUTURE: u8 = 16;

/// Every phrase of the word lists, by the bytes of its first word: (the other words,
/// list bits).
type PhraseMap = HashMap<Vec<u8>, Vec<(Vec<String>, u8)>, FnvBuild>;

/// The phrases by first word, behind a filter: for each word length, which first and
/// which last letters occur among first words. Most words of a clause fail the filter and
/// cost no hash lookup.
#[derive(Default)]
struct PhraseIndex {
    map: PhraseMap,
    first: [u32; 25],
    last: [u32; 25],
}

impl PhraseIndex {
    fn letter_bit(b: u8) -> u32 {
        if b.is_ascii_lowercase() {
            1 << (b - b'a')
        } else {
            1 << 26
        }
    }

    /// Whether a word (in any case) has the length and the first and last letters of
    /// some first word.
    fn may_hold(&self, word: &[u8]) -> bool {
        let (Some(&f), Some(&l)) = (word.first(), word.last()) else {
            return false;
        };
        let n = word.len().min(24);
        self.first[n] & Self::letter_bit(f.to_ascii_lowercase()) != 0
            && self.last[n] & Self::letter_bit(l.to_ascii_lowercase()) != 0
    }
}

/// The word lists and their bits.
const WORD_LISTS: [(&[&str], u8); 5] = [
    (COMPARISON_WORDS, COMPARISON),
    (SUPERLATIVE_WORDS, SUPERLATIVE),
    (HEDGE_WORDS, HEDGE),
    (OPINION_WORDS, OPINION),
    (FUTURE_WORDS, FUTURE),
];

/// Every word of the comparison, superlative, hedge, opinion and future lists, for the
/// check-worthiness model (a listed word speaks through its list's feature, not alone).
pub fn cue_words() -> impl Iterator<Item = &'static str> {
    WORD_LISTS
        .into_iter()
        .flat_map(|(list, _)| list.iter())
        .flat_map(|phrase| phrase.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

fn phrase_index() -> &'static PhraseIndex {
    static INDEX: OnceLock<PhraseIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = PhraseIndex::default();
        for (list, bit) in WORD_LISTS {
            for phrase in list {
                let mut words = lower_words(phrase);
                if words.is_empty() {
                    continue;
                }
                let first = words.remove(0);
                debug_assert!(first.is_ascii() && first.len() <= 24, "{first}");
                let n = first.len().min(24);
                let b = first.as_bytes();
                index.first[n] |= PhraseIndex::letter_bit(b[0]);
                index.last[n] |= PhraseIndex::letter_bit(b[b.len() - 1]);
                let entries = index.map.entry(first.into_bytes()).or_default();
                match entries.iter_mut().find(|(rest, _)| *rest == words) {
                    Some((_, bits)) => *bits |= bit,
                    None => entries.push((words, bit)),
                }
            }
        }
        index
    })
}

/// Which word lists a clause matches, as whole words or phrases, case-insensitively:
/// one pass over its words (in order), no allocation. Every listed word is ASCII and
/// short: other words, and words whose length, first and last letters no first word
/// has, are skipped before they are lower-cased (in a stack buffer) and looked up.
fn lexicon_mask<'a>(mut words: impl Iterator<Item = &'a str> + Clone) -> u8 {
    let index = phrase_index();
    let mut buf = [0u8; 24];
    let mut mask = 0;
    while let Some(w) = words.next() {
        let b = w.as_bytes();
        if b.len() > buf.len() || !index.may_hold(b) || !b.is_ascii() {
            continue;
        }
        let key = &mut buf[..b.len()];
        for (k, &c) in key.iter_mut().zip(b) {
            *k = c.to_ascii_lowercase();
        }
        let Some(entries) = index.map.get(&key[..]) else {
            continue;
        };
        for (rest, bits) in entries {
            let mut following = words.clone();
            if rest
                .iter()
                .all(|r| following.next().is_some_and(|f| r.eq_ignore_ascii_case(f)))
            {
                mask |= bits;
            }
        }
    }
    mask
}

/// What the check-worthiness model reads of a span of `text` with these components and
/// attribution (indices into `mentions`): a claim, or any sentence when training it.
pub fn worthiness_input<'a>(
    text: &'a str,
    span: Span,
    components: &'a [usize],
    attribution: Option<usize>,
    mentions: &'a [Mention],
) -> worthiness::ClaimInput<'a> {
    let clause = span.slice(text);
    worthiness::ClaimInput {
        clause,
        words: None,
        cues: cues(lexicon_mask(crate::bytescan::words(clause))),
        components,
        attribution,
        mentions,
    }
}

/// The word-list cues of a clause, for the check-worthiness model.
fn cues(mask: u8) -> Cues {
    Cues {
        comparison: mask & COMPARISON != 0,
        superlative: mask & SUPERLATIVE != 0,
        hedge: mask & HEDGE != 0,
        opinion: mask & OPINION != 0,
        future: mask & FUTURE != 0,
    }
}

/// The lower-case words of a text: runs of letters and digits ("all-time" → all, time).
fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decimal::Decimal;
    use crate::recognize::{Attribution, Figure, Payload, SourceKind};
    use crate::segment::segment;

    fn figure(text: &str, needle: &str, unit: Option<&str>) -> Mention {
        let start = text.find(needle).unwrap();
        Mention {
            span: Span::new(start, start + needle.len()),
            payload: Payload::Figure(Figure {
                value: Some(Decimal::from_u64(1)),
                unit: unit.map(str::to_string),
                ..Figure::default()
            }),
        }
    }

    fn attribution(text: &str, source: &str, cue: &str, content: &str) -> Mention {
        let at = |n: &str| {
            let s = text.find(n).unwrap();
            Span::new(s, s + n.len())
        };
        let (s, c, x) = (at(source), at(cue), at(content));
        Mention {
            span: s.cover(c).cover(x),
            payload: Payload::Attribution(Attribution {
                source: Some(s),
                cue: Some(c),
                content: Some(x),
                direct: false,
                source_name: Some(s),
                source_role: None,
                source_kind: SourceKind::Person,
                source_id: None,
                by_model: false,
            }),
        }
    }

    #[test]
    fn putin_claimed_closer_to_2_million_is_sourced() {
        let t = "Vladimir Putin claimed in 2020 that the actual figure was closer to 2 million.";
        let mut m = vec![
            attribution(
                t,
                "Vladimir Putin",
                "claimed",
                "that the actual figure was closer to 2 million",
            ),
            figure(t, "2 million", None),
        ];
        m.sort_by_key(|m| m.span.start);
        let claims = assemble(t, &segment(t), &m);
        assert_eq!(claims.len(), 1);
        assert!(claims[0].is_sourced());
        assert!(claims[0].features.iter().any(|f| f.name == "named_source"));
    }

    #[test]
    fn according_to_customs_data_sources_the_sentence() {
        let t = "According to Azerbaijani customs data, exports to Russia reached $1.1 billion.";
        let m = vec![
            attribution(
                t,
                "Azerbaijani customs data",
                "According to",
                "exports to Russia reached $1.1 billion",
            ),
            figure(t, "$1.1 billion", Some("USD")),
        ];
        let claims = assemble(t, &segment(t), &m);
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].attribution, Some(0));
        assert_eq!(claims[0].claim_type, ClaimType::Statistic);
    }

    #[test]
    fn census_figure_without_source_is_unsourced() {
        let t = "About 600,000 Azerbaijanis live in Russia. Aliyev said that the ministry closed the office.";
        let m = vec![
            figure(t, "600,000", None),
            attribution(t, "Aliyev", "said", "that the ministry closed the office"),
        ];
        let claims = assemble(t, &segment(t), &m);
        assert_eq!(claims.len(), 2);
        assert!(!claims[0].is_sourced());
        assert_eq!(claims[1].claim_type, ClaimType::Attribution);
        assert!(claims[1].components.is_empty());
    }

    fn date(text: &str, needle: &str, value: &str) -> Mention {
        let start = text.find(needle).unwrap();
        Mention {
            span: Span::new(start, start + needle.len()),
            payload: Payload::Date(crate::recognize::Timex {
                timex_type: TimexType::Date,
                value: value.into(),
                modifier: None,
                quant: None,
                freq: None,
            }),
        }
    }

    #[test]
    fn may_now_be_assumed_is_not_a_claim_but_27_june_2025_is() {
        let t = "The role may now be assumed by the United States. The raid on 27 June 2025 shocked Baku.";
        let m = vec![
            date(t, "now", "PRESENT_REF"),
            date(t, "27 June 2025", "2025-06-27"),
        ];
        let claims = assemble(t, &segment(t), &m);
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].components, vec![1]);
        assert_eq!(claims[0].claim_type, ClaimType::Event);
    }

    #[test]
    fn semicolon_clauses_are_separate_claims() {
        let t =
            "Exports rose by 12 percent last year; imports fell by 3 percent in the same period.";
        let m = vec![
            figure(t, "12 percent", Some("percent")),
            figure(t, "3 percent", Some("percent")),
        ];
        let claims = assemble(t, &segment(t), &m);
        assert_eq!(claims.len(), 2);
        assert!(claims[0].span.slice(t).ends_with(';'));
        assert_eq!(claims[1].components, vec![1]);
    }

    /// Every phrase of every list against every run of words, the obvious way.
    fn lexicon_mask_by_windows(clause: &str) -> u8 {
        let words: Vec<&str> = crate::bytescan::words(clause).collect();
        let mut mask = 0;
        for (list, bit) in WORD_LISTS {
            for phrase in list {
                let p = lower_words(phrase);
                if words
                    .windows(p.len())
                    .any(|w| w.iter().zip(&p).all(|(a, b)| a.eq_ignore_ascii_case(b)))
                {
                    mask |= bit;
                }
            }
        }
        mask
    }

    #[test]
    fn word_lists_match_more_than_twice_and_is_expected_to_in_any_case() {
        for (clause, mask) in [
            (
                "Exports rose to MORE THAN twice the 2019 level",
                COMPARISON | HEDGE,
            ),
            ("The record-high All-Time figure", SUPERLATIVE),
            ("Output Is Expected To fall, perhaps", FUTURE | OPINION),
            (
                "naïve estimates; Erdoğan’s “largest” rally",
                COMPARISON | SUPERLATIVE,
            ),
            ("more", 0),
            ("", 0),
        ] {
            assert_eq!(
                lexicon_mask(crate::bytescan::words(clause)),
                mask,
                "{clause:?}"
            );
            assert_eq!(lexicon_mask_by_windows(clause), mask, "{clause:?}");
        }
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        #[test]
        fn word_lists_match_as_every_window_would(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(
                        [COMPARISON_WORDS, SUPERLATIVE_WORDS, HEDGE_WORDS, OPINION_WORDS, FUTURE_WORDS]
                            .concat()
                    )
                    .prop_map(str::to_string),
                    "[a-zA-Z]{1,8}",
                    proptest::sample::select(vec!["MORE", "Than", "naïve", "x-y", "…", ";", "12"])
                        .prop_map(str::to_string),
                ],
                0..20,
            ),
            upper in proptest::bool::ANY,
        ) {
            let mut clause = words.join(" ");
            if upper {
                clause = clause.to_uppercase();
            }
            proptest::prop_assert_eq!(lexicon_mask(crate::bytescan::words(&clause)), lexicon_mask_by_windows(&clause));
        }
    }

    #[test]
    fn comparisons_rank_above_opinions() {
        let t =
            "Trade with Russia rose to 4 times the level of 2019. Perhaps 4 people in the ministry decided it.";
        let m = vec![figure(t, "4 times", None), figure(t, "4 people", None)];
        let claims = assemble(t, &segment(t), &m);
        assert_eq!(claims[0].claim_type, ClaimType::Comparison);
        assert!(claims[0].worthiness > claims[1].worthiness);
        assert!(claims[1].features.iter().any(|f| f.name == "opinion"));
    }

    #[test]
    fn mgm_grand_has_agreed_to_pay_93_million_is_the_articles_own_figure() {
        let t = "MGM Grand Inc. has agreed to pay $93 million for the land. The company said it paid $50 million in cash.";
        let m = vec![
            attribution(
                t,
                "MGM Grand Inc",
                "agreed",
                "to pay $93 million for the land",
            ),
            figure(t, "$93 million", Some("USD")),
            attribution(t, "The company", "said", "it paid $50 million in cash"),
            figure(t, "$50 million", Some("USD")),
        ];
        let claims = assemble(t, &segment(t), &m);
        assert!(!claims[0].is_sourced(), "{:?}", claims[0]);
        assert_eq!(claims[1].attribution, Some(2));
    }

    #[test]
    fn revenue_rose_after_an_earnings_report_carries_its_source() {
        let t = "America West said profit jumped 45% to $5.8 million. Revenue rose 21% to $243.4 million. Analysts expect a loss.";
        let m = vec![
            attribution(
                t,
                "America West",
                "said",
                "profit jumped 45% to $5.8 million",
            ),
            figure(t, "45%", Some("percent")),
            figure(t, "$5.8 million", Some("USD")),
            figure(t, "21%", Some("percent")),
            figure(t, "$243.4 million", Some("USD")),
        ];
        let claims = assemble(t, &segment(t), &m);
        assert_eq!(claims.len(), 2, "{claims:?}");
        assert_eq!(claims[1].attribution, Some(0));
        assert!(claims[1].carried);
    }

    #[test]
    fn he_added_carries_but_a_sentence_between_ends_the_run() {
        let t = "Aliyev said that 300 people were detained on 3 July. He added that 40 were released on 5 July. The raids began in June. He also said 12 had fled in 2024.";
        let m = vec![
            attribution(
                t,
                "Aliyev",
                "said",
                "that 300 people were detained on 3 July",
            ),
            figure(t, "300", None),
            figure(t, "40", None),
            figure(t, "12", None),
        ];
        let claims = assemble(t, &segment(t), &m);
        let added = claims
            .iter()
            .find(|c| c.span.slice(t).starts_with("He added"))
            .unwrap();
        assert_eq!((added.attribution, added.carried), (Some(0), true));
        let later = claims
            .iter()
            .find(|c| c.span.slice(t).starts_with("He also"))
            .unwrap();
        assert!(!later.carried && later.attribution.is_none());
    }

    #[test]
    fn super_pac_haul_surges_past_1b_is_a_headline() {
        let t = "Super PAC haul surges past $1B;\n\nSuper PAC donations passed $1 billion in August, a USA TODAY analysis shows.";
        let m = vec![
            figure(t, "$1B", Some("USD")),
            figure(t, "$1 billion", Some("USD")),
        ];
        let claims = assemble(t, &segment(t), &m);
        assert_eq!(claims.len(), 1, "{claims:?}");
        assert!(claims[0].span.slice(t).starts_with("Super PAC donations"));
    }

    #[test]
    fn a_headline_with_its_deck_and_a_closing_stop_is_no_claim() {
        let t = "Pledge haul surges past $2B;\nSmall group of donors pushes tally beyond 2012.\n\nDonations passed $2 billion in August, an analysis shows.";
        let m = vec![
            figure(t, "$2B", Some("USD")),
            figure(t, "$2 billion", Some("USD")),
        ];
        let claims = assemble(t, &segment(t), &m);
        assert_eq!(claims.len(), 1, "{claims:?}");
        assert!(claims[0].span.slice(t).starts_with("Donations"));
        let t = "Fact-Checkers Say Mayor Is Right About 300 Burglaries.\n\nThe mayor said on Monday that 300 burglaries were reported in the city since January, and the police department's own records, released last week, agree with him.";
        let m = vec![figure(t, "300", None), figure(t, "300 burglaries", None)];
        let claims = assemble(t, &segment(t), &m);
        assert_eq!(claims.len(), 1, "{claims:?}");
    }

    #[test]
    fn overturned_by_an_appeals_court_and_the_supreme_court_declined_are_two_claims() {
        let t = "A judge found the law unconstitutional, his decision was overturned by an appeals court, and the Supreme Court declined to step into the fray.";
        let parts: Vec<&str> = clauses(t, Span::new(0, t.len()))
            .iter()
            .map(|c| c.slice(t))
            .collect();
        assert_eq!(
            parts,
            [
                "A judge found the law unconstitutional, his decision was overturned by an appeals court",
                "the Supreme Court declined to step into the fray."
            ]
        );
    }

    #[test]
    fn a_court_ruled_friday_against_a_procedure_is_the_articles_own_report() {
        let claims = pipeline_claims(
            "A federal appeals court ruled Friday against Ohio's procedure for removing 40,000 voters. \
             Justice Frank Nervo rejected the appeal of 12 voters on Thursday. \
             The court ruled that the state had removed 40,000 eligible voters.",
        );
        assert_eq!(
            source_of(&claims, "A federal appeals court"),
            None,
            "{claims:?}"
        );
        assert_eq!(
            source_of(&claims, "Justice Frank Nervo"),
            None,
            "{claims:?}"
        );
        assert_eq!(
            source_of(&claims, "The court ruled that").as_deref(),
            Some("The court"),
            "{claims:?}"
        );
    }

    #[test]
    fn a_list_and_a_shared_subject_are_not_split() {
        for t in [
            "The sites are a club owned by Ramada Inc., of Phoenix, and a small parcel owned by a director.",
            "He said he received the information, and recently ordered 10 of his men to search.",
            "He visited the plant in Ohio, and said that 300 jobs were safe.",
            "\"We will win, and they know it,\" she said.",
        ] {
            assert_eq!(clauses(t, Span::new(0, t.len())).len(), 1, "{t}");
        }
    }

    #[test]
    fn paragraphs_of_one_short_sentence_each_are_no_headline() {
        let t = "GDP grew 3% in 2024.\n\nExports rose 5% to $2 billion in 2023, officials said.";
        let m = vec![
            figure(t, "3%", Some("percent")),
            figure(t, "5%", Some("percent")),
            figure(t, "$2 billion", Some("USD")),
        ];
        let claims = assemble(t, &segment(t), &m);
        assert_eq!(claims.len(), 2, "{claims:?}");
    }

    #[test]
    fn a_lead_sentence_of_21_words_is_not_a_headline() {
        let t = "Delta Air Lines earnings soared 33% to a record in the fiscal first quarter, bucking the industry trend toward declining profits.\n\nRevenue rose 15% in the quarter, the airline said.";
        let m = vec![
            figure(t, "33%", Some("percent")),
            figure(t, "15%", Some("percent")),
        ];
        let claims = assemble(t, &segment(t), &m);
        assert_eq!(claims.len(), 2, "{claims:?}");
    }

    #[test]
    fn a_polls_breakdown_carries_the_poll_as_source() {
        let t = "A Quinnipiac poll found that 46 percent of voters back Clinton. Independents split 40 percent to 38 percent between them. The candidates meet on Monday.";
        let mut poll = attribution(
            t,
            "A Quinnipiac poll",
            "found",
            "that 46 percent of voters back Clinton",
        );
        if let Payload::Attribution(a) = &mut poll.payload {
            a.source_kind = SourceKind::Dataset;
        }
        let m = vec![
            poll,
            figure(t, "46 percent", Some("percent")),
            figure(t, "40 percent", Some("percent")),
            figure(t, "38 percent", Some("percent")),
        ];
        let claims = assemble(t, &segment(t), &m);
        let split = claims
            .iter()
            .find(|c| c.span.slice(t).starts_with("Independents"))
            .expect("the breakdown is a claim");
        assert_eq!((split.attribution, split.carried), (Some(0), true));
    }

    #[test]
    fn police_found_1300_pounds_of_explosives_is_the_articles_own_figure() {
        let t = "Police found more than 1,300 pounds of explosives on Sunday in a shed near the border.";
        let m = vec![
            attribution(
                t,
                "Police",
                "found",
                "more than 1,300 pounds of explosives on Sunday in a shed near the border",
            ),
            figure(t, "more than 1,300 pounds", None),
        ];
        let claims = assemble(t, &segment(t), &m);
        assert_eq!(claims.len(), 1);
        assert!(!claims[0].is_sourced());
    }

    #[test]
    fn du_pont_reported_net_of_547_million_is_sourced() {
        let t = "Du Pont Co. reported third-quarter net of $547 million on Tuesday.";
        let m = vec![
            attribution(
                t,
                "Du Pont Co.",
                "reported",
                "third-quarter net of $547 million on Tuesday",
            ),
            figure(t, "$547 million", Some("USD")),
        ];
        let claims = assemble(t, &segment(t), &m);
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].attribution, Some(0));
    }

    /// Each claim of `text` through the whole pipeline: (claim text, source text of its
    /// attribution, carried).
    fn pipeline_claims(text: &str) -> Vec<(String, Option<String>, bool)> {
        let doc = crate::document::Document::from_text(
            "t",
            text.to_string(),
            crate::document::Metadata::default(),
        );
        let a = crate::pipeline::analyse(&doc);
        a.claims
            .iter()
            .map(|c| {
                let source = c
                    .attribution
                    .and_then(|i| a.mentions[i].reporting())
                    .and_then(|x| x.source)
                    .map(|s| s.slice(text).to_string());
                (c.span.slice(text).to_string(), source, c.carried)
            })
            .collect()
    }

    fn source_of(claims: &[(String, Option<String>, bool)], start: &str) -> Option<String> {
        claims
            .iter()
            .find(|(t, _, _)| t.starts_with(start))
            .unwrap_or_else(|| panic!("no claim starting {start:?} in {claims:?}"))
            .1
            .clone()
    }

    #[test]
    fn a_transcript_turn_goes_on_in_the_paragraphs_its_quotation_leaves_open() {
        let t = "The senator spoke on Sunday.\n\n\
                 \"HOST: Let me ask about the rally.\n\n\
                 \"JONES: Well, look, the rally was a success.\n\n\
                 \"We drew a crowd of 4,000 people in the rain in Dayton.\n\n\
                 \"HOST: Thank you, senator.\"";
        let claims = pipeline_claims(t);
        assert_eq!(
            source_of(&claims, "\"We drew a crowd").as_deref(),
            Some("JONES"),
            "{claims:?}"
        );
    }

    #[test]
    fn he_said_colon_introduces_the_quotation_of_the_next_paragraph() {
        let t = "The mayor answered the critics on Monday.\n\n\
                 He said:\n\n\
                 \"In our city, we have had 300 burglaries since January 1st. We have to stop it.\"\n\n\
                 The council meets again next week.";
        let claims = pipeline_claims(t);
        assert_eq!(
            source_of(&claims, "\"In our city").as_deref(),
            Some("He"),
            "{claims:?}"
        );
    }

    #[test]
    fn a_closed_quotation_does_not_lend_its_speaker_to_the_next_quoted_paragraph() {
        let t = "\"We drew 4,000 people,\" Jones said.\n\n\
                 \"Turnout was 12 percent higher than in 2012.\"";
        let claims = pipeline_claims(t);
        assert_eq!(source_of(&claims, "\"Turnout"), None, "{claims:?}");
    }

    #[test]
    fn an_analysis_breakdown_carries_the_analysis_without_a_figure_of_its_own() {
        let t = "A Brennan Center analysis of state contracts that were signed since Jan. 1, 2015, shows urban counties outpacing rural ones in recent weeks. \
                 In June, urban counties received $64.8 million to $45.1 million for rural ones.\n\n\
                 The governor will visit on Friday.";
        let claims = pipeline_claims(t);
        let (_, source, carried) = claims
            .iter()
            .find(|(t, _, _)| t.starts_with("In June"))
            .expect("the breakdown is a claim");
        assert!(
            source
                .as_deref()
                .is_some_and(|s| s.starts_with("A Brennan Center analysis of state contracts")),
            "{claims:?}"
        );
        assert!(carried);
    }

    #[test]
    fn that_brings_his_commitment_carries_the_source_of_the_sum_before() {
        let t = "Kerr announced plans this week to give an additional $15 million to Our Kids, a group she formed. \
                 That brings her commitment to the group to $20 million.";
        let claims = pipeline_claims(t);
        assert_eq!(
            source_of(&claims, "That brings").as_deref(),
            Some("Kerr"),
            "{claims:?}"
        );
    }

    #[test]
    fn a_sentence_where_the_same_company_speaks_again_keeps_the_earnings_run() {
        let t = "Separately, Pacific Crest Airlines reported third-quarter profit jumped 45% to $5.8 million. \
                 Pacific Crest wouldn't identify the buyer, but said the payment was for tax benefits. \
                 Revenue rose 21% to $243.4 million from $201.2 million.";
        let claims = pipeline_claims(t);
        assert_eq!(
            source_of(&claims, "Revenue rose").as_deref(),
            Some("Pacific Crest Airlines"),
            "{claims:?}"
        );
    }

    #[test]
    fn america_west_posted_earnings_continues_the_companys_own_report() {
        let t = "Pacific Crest Airlines reported third-quarter profit jumped 45% to $5.8 million. \
                 For the nine months, Pacific Crest posted earnings of $18.9 million. \
                 Pacific Crest also opened a route to Denver with 12 flights a day.";
        let claims = pipeline_claims(t);
        assert_eq!(
            source_of(&claims, "For the nine months").as_deref(),
            Some("Pacific Crest Airlines"),
            "{claims:?}"
        );
        // An act of the company is the article's own report.
        assert_eq!(source_of(&claims, "Pacific Crest also"), None, "{claims:?}");
    }

    #[test]
    fn the_company_earned_continues_the_report_of_the_company() {
        let t = "The Wilmington, Del., company reported net of $547 million. \
                 In the year-earlier period, the company earned $461 million. \
                 The stock rose $2.50 a share.";
        let claims = pipeline_claims(t);
        assert!(
            source_of(&claims, "In the year-earlier").is_some(),
            "{claims:?}"
        );
        assert_eq!(source_of(&claims, "The stock rose"), None, "{claims:?}");
    }

    #[test]
    fn a_deck_before_the_dateline_is_part_of_the_headline() {
        let t = "Charlotte struggles to return to normal after shooting.\n\n\
                 Curfew lifted, but city still in limbo as Guard occupies quiet streets.\n\n\
                 CHARLOTTE - Nearly a week after the police shooting of a black man here sparked \
                 protests, the city lifted its curfew on Sunday.\n\n\
                 About 300 National Guard members remained in the city on Monday, the governor said.";
        let claims = pipeline_claims(t);
        assert!(
            claims.iter().all(|(c, _, _)| !c.starts_with("Curfew")),
            "{claims:?}"
        );
        assert!(
            claims.iter().any(|(c, _, _)| c.starts_with("CHARLOTTE")),
            "{claims:?}"
        );
    }

    #[test]
    fn washington_ap_opens_the_body_not_a_headline() {
        assert!(opens_with_dateline(
            "WASHINGTON (AP) — The Senate passed the bill 52-48 on Tuesday."
        ));
        assert!(opens_with_dateline("ST. LOUIS - Prices rose 5% in May."));
        assert!(!opens_with_dateline(
            "The Senate passed the bill - narrowly."
        ));
        assert!(!opens_with_dateline("NATO (the alliance) met on Tuesday."));
    }

    #[test]
    fn awr_hawkins_is_the_columnist_closes_the_article_and_is_no_claim() {
        let t =
            "Police reported 3,210 shootings in Chicago this year, up from 2,300 last year.\n\n\
                 AWR Hawkins is the Second Amendment columnist for Breitbart News. Follow him on \
                 Twitter.";
        let claims = pipeline_claims(t);
        assert_eq!(claims.len(), 1, "{claims:?}");
        assert!(is_author_note("Jane Doe is a staff writer for The Post."));
        assert!(!is_author_note(
            "Smith is the chief executive of Acme Corp."
        ));
    }

    #[test]
    fn he_was_shot_but_no_break_space_shelby_said_is_two_claims() {
        let t = "Video of the incident shows him with his hands in the air before he was \
                 shot on Friday, but\u{a0}Shelby said\u{a0}he refused to follow her commands.";
        let claims = pipeline_claims(t);
        assert_eq!(claims.len(), 2, "{claims:?}");
        assert_eq!(source_of(&claims, "Shelby").as_deref(), Some("Shelby"));
    }

    #[test]
    fn protested_the_system_which_advocates_say_is_unfair_is_the_articles_own() {
        let t = "On Thursday, parents and teachers protested the state funding system, which \
                 advocates say disadvantages needy schools.";
        let claims = pipeline_claims(t);
        assert_eq!(source_of(&claims, "On Thursday"), None, "{claims:?}");
    }

    #[test]
    fn bush_sent_troops_saying_troops_massed_nearby_is_the_articles_own() {
        let t = "Bush sent troops and planes to Saudi Arabia on Aug. 7, saying Iraqi troops \
                 massed nearby threatened the kingdom.";
        let claims = pipeline_claims(t);
        assert_eq!(source_of(&claims, "Bush sent"), None, "{claims:?}");
        // A figure in what is said stays the speaker's.
        let t = "Bush sent troops and planes to Saudi Arabia on Aug. 7, saying 100,000 Iraqi \
                 troops massed nearby.";
        let claims = pipeline_claims(t);
        assert!(source_of(&claims, "Bush sent").is_some(), "{claims:?}");
    }

    #[test]
    fn trump_responded_by_using_the_example_of_chicago_is_a_claim() {
        let t = "Trump responded on Monday by using the example of Chicago to prove that gun \
                 control is not the solution.";
        assert_eq!(pipeline_claims(t).len(), 1);
    }

    #[test]
    fn riot_police_responded_with_a_volley_is_the_articles_own() {
        let t = "Riot police responded on Sunday with a volley of plastic bullets that scattered \
                 a 50-strong mob.";
        let claims = pipeline_claims(t);
        assert_eq!(source_of(&claims, "Riot police"), None, "{claims:?}");
        // Content before its cue is a clause, whatever its first word.
        let t = "In addition, vehicle production fell 8.4% from a year ago, a company spokesman \
                 said.";
        let claims = pipeline_claims(t);
        assert!(source_of(&claims, "In addition").is_some(), "{claims:?}");
    }

    #[test]
    fn the_third_consecutive_month_carries_the_bureaus_report() {
        let t = "The Bureau of Labor Statistics said the economy added 358,000 jobs last month. \
                 It was the third consecutive month that job generation has been strong. With \
                 more people looking for work, the unemployment rate remained at 4.7 percent. \
                 The demand for workers also led employers to raise wages again last month. \
                 For the first time, the Labor Department broke out unemployment by education.";
        let claims = pipeline_claims(t);
        for start in [
            "It was the third",
            "With more people",
            "The demand for workers",
        ] {
            assert_eq!(
                source_of(&claims, start).as_deref(),
                Some("The Bureau of Labor Statistics"),
                "{start}: {claims:?}"
            );
        }
        assert_eq!(source_of(&claims, "For the first time"), None, "{claims:?}");
    }

    #[test]
    fn for_the_moment_the_sources_said_is_judged_by_what_they_said() {
        let t = "For the moment, the sources said, he has decided against seeking a white knight.";
        assert_eq!(pipeline_claims(t).len(), 1);
    }
}
