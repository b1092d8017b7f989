//! Recognisers: figures, dates and attributions found in segmented text.
//!
//! Each recogniser is a pure function of the document text, its sentences and its
//! metadata; none touches the database. They share the [`Mention`] type: a byte
//! [`Span`] plus a kind-specific payload with normalised values.

pub mod attribution;
pub mod dates;
pub mod figures;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::decimal::Decimal;
use crate::segment::Segmentation;
use crate::span::Span;

/// What a recogniser sees of a document.
/// The longest piece of a document a recogniser tokenises at once. A news article is
/// one piece; a longer document is cut at sentence starts (see
/// [`Segmentation::pieces`]), so a recogniser's token buffers stay the size of a piece
/// whatever the size of the document.
pub const PIECE_BYTES: usize = 1 << 18;

#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub text: &'a str,
    pub segments: &'a Segmentation,
    /// The document's published date, when known (the TIMEX3 document creation time).
    pub published: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MentionKind {
    Figure,
    Date,
    Attribution,
}

impl MentionKind {
    pub const ALL: [MentionKind; 3] = [
        MentionKind::Figure,
        MentionKind::Date,
        MentionKind::Attribution,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            MentionKind::Figure => "figure",
            MentionKind::Date => "date",
            MentionKind::Attribution => "attribution",
        }
    }
}

impl fmt::Display for MentionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MentionKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        MentionKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!("unknown mention kind {s:?} (expected figure, date or attribution)")
            })
    }
}

/// One recognised expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub payload: Payload,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    Figure(Figure),
    Date(Timex),
    Attribution(Attribution),
}

impl Mention {
    pub fn kind(&self) -> MentionKind {
        match self.payload {
            Payload::Figure(_) => MentionKind::Figure,
            Payload::Date(_) => MentionKind::Date,
            Payload::Attribution(_) => MentionKind::Attribution,
        }
    }

    pub fn figure(&self) -> Option<&Figure> {
        match &self.payload {
            Payload::Figure(f) => Some(f),
            _ => None,
        }
    }

    pub fn date(&self) -> Option<&Timex> {
        match &self.payload {
            Payload::Date(t) => Some(t),
            _ => None,
        }
    }

    /// The mention found in a piece of text that starts `by` bytes into the document,
    /// with its offsets moved to the document's.
    pub fn shifted(mut self, by: usize) -> Mention {
        if by == 0 {
            return self;
        }
        let shift = |s: &mut Span| *s = Span::new(s.start + by, s.end + by);
        shift(&mut self.span);
        match &mut self.payload {
            Payload::Figure(f) => f.subject.iter_mut().for_each(shift),
            Payload::Date(_) => {}
            Payload::Attribution(a) => {
                for s in [
                    &mut a.source,
                    &mut a.cue,
                    &mut a.content,
                    &mut a.source_name,
                    &mut a.source_role,
                ] {
                    s.iter_mut().for_each(shift);
                }
            }
        }
        self
    }

    pub fn attribution(&self) -> Option<&Attribution> {
        match &self.payload {
            Payload::Attribution(a) => Some(a),
            _ => None,
        }
    }

    /// The attribution that reports words a claim can be sourced to: one the rules
    /// found, not one the fallback model read ([`Attribution::by_model`]).
    pub fn reporting(&self) -> Option<&Attribution> {
        self.attribution().filter(|a| !a.by_model)
    }
}

/// A hedge or bound on a figure ("about", "more than", "up to"), or its vagueness
/// ("thousands of").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureMod {
    Approx,
    MoreThan,
    EqualOrMore,
    LessThan,
    EqualOrLess,
    Vague,
}

impl FigureMod {
    pub const ALL: [FigureMod; 6] = [
        FigureMod::Approx,
        FigureMod::MoreThan,
        FigureMod::EqualOrMore,
        FigureMod::LessThan,
        FigureMod::EqualOrLess,
        FigureMod::Vague,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            FigureMod::Approx => "APPROX",
            FigureMod::MoreThan => "MORE_THAN",
            FigureMod::EqualOrMore => "EQUAL_OR_MORE",
            FigureMod::LessThan => "LESS_THAN",
            FigureMod::EqualOrLess => "EQUAL_OR_LESS",
            FigureMod::Vague => "VAGUE",
        }
    }
}

impl FromStr for FigureMod {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        FigureMod::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown figure mod {s:?}"))
    }
}

/// A quantity that could be checked against data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figure {
    /// The exact value; `None` for ranges and vague quantities.
    pub value: Option<Decimal>,
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
    /// ISO 4217 code for money, "percent", "percentage point", another unit word, or none.
    pub unit: Option<String>,
    pub modifier: Option<FigureMod>,
    /// What the figure counts ("600,000 Azerbaijanis" → "Azerbaijanis").
    pub subject: Option<Span>,
    /// Why a desk would not check this figure ("small count", "margin of error"), or
    /// `None` when it is checkable (CLAIMS.md, "Figures").
    pub not_checkable: Option<&'static str>,
}

impl Figure {
    /// True when a desk would check this figure against a record: `report unsourced`
    /// lists only these.
    pub fn is_checkable(&self) -> bool {
        self.not_checkable.is_none()
    }
}

/// TIMEX3 `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub const ALL: [TimexType; 4] = [
        TimexType::Date,
        TimexType::Time,
        TimexType::Duration,
        TimexType::Set,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

impl FromStr for TimexType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        TimexType::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown TIMEX3 type {s:?}"))
    }
}

/// A temporal expression normalised as a TimeML 1.2.1 TIMEX3.
#[derive(Debug, Clone, PartialEq)]
pub struct Timex {
    pub timex_type: TimexType,
    /// The TIMEX3 `value` ("2025-06-27", "P44D", "PRESENT_REF", "XXXX-12-25" when unanchored).
    pub value: String,
    /// The TIMEX3 `mod` ("START", "APPROX", ...).
    pub modifier: Option<String>,
    /// For SET: the TIMEX3 `quant` ("EACH", "EVERY").
    pub quant: Option<String>,
    /// For SET: the TIMEX3 `freq` ("2X").
    pub freq: Option<String>,
}

/// Which reference date anchored the relative dates of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorKind {
    Published,
    Inferred,
    None,
}

impl AnchorKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            AnchorKind::Published => "published",
            AnchorKind::Inferred => "inferred",
            AnchorKind::None => "none",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub kind: AnchorKind,
    pub date: Option<NaiveDate>,
}

/// What kind of thing a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    Person,
    Organisation,
    Outlet,
    Document,
    Dataset,
    Unknown,
}

impl SourceKind {
    pub const ALL: [SourceKind; 6] = [
        SourceKind::Person,
        SourceKind::Organisation,
        SourceKind::Outlet,
        SourceKind::Document,
        SourceKind::Dataset,
        SourceKind::Unknown,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Organisation => "organisation",
            SourceKind::Outlet => "outlet",
            SourceKind::Document => "document",
            SourceKind::Dataset => "dataset",
            SourceKind::Unknown => "unknown",
        }
    }
}

impl FromStr for SourceKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        SourceKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown source kind {s:?}"))
    }
}

/// An attribution relation (PARC 3.0 / PolNeAR): who or what is cited (source), the
/// word that signals it (cue) and what is attributed (content).
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    pub source: Option<Span>,
    pub cue: Option<Span>,
    pub content: Option<Span>,
    /// Direct speech (a quotation).
    pub direct: bool,
    /// The name of the source without title or role: inside the source span ("Dmitry
    /// Peskov"), or, for a pronoun, a description or a short form, where the article
    /// writes the canonical name of the source it refers to ("Compaq Computer Corp." for
    /// "The computer maker").
    pub source_name: Option<Span>,
    /// The title or role inside the source span ("Kremlin spokesperson").
    pub source_role: Option<Span>,
    pub source_kind: SourceKind,
    /// Index into the document's [`crate::sources::DocSources`] after coreference.
    pub source_id: Option<usize>,
    /// Read by the fallback model from a cue the sentence-shape rules refused ("Trump
    /// attacked Clinton for …"): a relation in PolNeAR's broad sense, often a stance or
    /// an act rather than words, so it sources no claim and is not resolved to one of
    /// the document's sources.
    pub by_model: bool,
}

/// Everything recognised in one document.
#[derive(Debug, Clone, Default)]
pub struct Recognised {
    /// Mentions in document order (by start, then longer first).
    pub mentions: Vec<Mention>,
    pub anchor: Option<Anchor>,
}

/// A test of whether a span lies inside one of `spans`, in O(log n) a query: the spans
/// sorted by start with the running maximum of their ends (a span inside one of them is
/// inside the one that reaches furthest among those starting at or before it).
fn covering_spans(mut spans: Vec<Span>) -> impl Fn(Span) -> bool {
    spans.sort_unstable_by_key(|s| s.start);
    let mut reach = 0;
    let ends: Vec<usize> = spans
        .iter()
        .map(|s| {
            reach = reach.max(s.end);
            reach
        })
        .collect();
    move |span: Span| {
        let before = spans.partition_point(|s| s.start <= span.start);
        before > 0 && ends[before - 1] >= span.end
    }
}

/// Runs every recogniser and resolves conflicts between them.
pub fn recognise(ctx: &Context) -> Recognised {
    let (dates, anchor) = dates::recognise(ctx);
    let figures = figures::recognise(ctx);
    let attributions = attribution::recognise(ctx);
    let mut mentions: Vec<Mention> =
        Vec::with_capacity(dates.len() + figures.len() + attributions.len());
    // A figure inside a temporal expression is part of the date ("the 44-day war",
    // "27 June 2025"), not a quantity of its own.
    let inside_a_date = covering_spans(dates.iter().map(|d| d.span).collect());
    mentions.extend(figures.into_iter().filter(|f| !inside_a_date(f.span)));
    mentions.extend(dates);
    mentions.extend(attributions);
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end), m.kind()));
    Recognised {
        mentions,
        anchor: Some(anchor),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long document read in pieces gives what it gives read whole: the seed article
    /// repeated into a document of many pieces, dated and undated.
    #[test]
    fn a_document_read_in_pieces_gives_the_mentions_it_gives_whole() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("corpus folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        let seed = std::fs::read_to_string(&paths[0]).expect("seed article");
        let text = seed.repeat(3);
        let segments = crate::segment::segment(&text);
        for published in [None, NaiveDate::from_ymd_opt(2025, 7, 1)] {
            let ctx = Context {
                text: &text,
                segments: &segments,
                published,
            };
            assert!(segments.pieces(text.len(), 4096).len() > 10);
            let (whole, anchor) = dates::recognise_in_pieces(&ctx, usize::MAX);
            let (pieces, piece_anchor) = dates::recognise_in_pieces(&ctx, 4096);
            assert!(whole.len() > 30);
            assert_eq!(whole, pieces);
            assert_eq!(anchor, piece_anchor);
            let whole = figures::recognise_in_pieces(&ctx, usize::MAX);
            assert!(whole.len() > 30);
            assert_eq!(whole, figures::recognise_in_pieces(&ctx, 4096));
        }
    }

    /// "the 44-day war ended on 27 June 2025 with 600,000 displaced": the figures
    /// inside a date ("44", "27", "2025") are the date's, "600,000" is not.
    #[test]
    fn figures_inside_the_44_day_war_and_27_june_2025_are_the_dates() {
        let inside = covering_spans(vec![Span::new(24, 36), Span::new(4, 14), Span::new(4, 8)]);
        assert!(inside(Span::new(4, 6)));
        assert!(inside(Span::new(24, 26)));
        assert!(inside(Span::new(32, 36)));
        assert!(!inside(Span::new(42, 49)));
        assert!(!inside(Span::new(12, 26)));
        assert!(!inside(Span::new(0, 2)));
        let none = covering_spans(Vec::new());
        assert!(!none(Span::new(0, 1)));
    }
}
