//! Temporal expressions, normalised as TimeML 1.2.1 TIMEX3 values (the TempEval-3
//! conventions of the TimeBank corpus).
//!
//! One byte scan tokenises the text and tags every word from a fixed lexicon
//! (`lexicon`); the grammar then runs only near tokens that carry time by themselves
//! (a month, a unit, a number, "today") and takes, at each token, the longest temporal
//! phrase: calendar dates ("27 June 2025", "Sept. 30", "2025-06-27"), years, decades
//! and centuries, quarters and halves, seasons, weekdays, relative expressions ("last
//! week", "a year ago", "the past three months"), durations ("the 44-day war", "for 100
//! years"), times of day ("5 p.m. EST, Nov. 6"), sets ("every month", "daily", "$33
//! million a year"), holidays and named days ("Thanksgiving", "New Year's Eve", "Black
//! Friday") and expressions anchored on the narrative ("that day", "later that year",
//! "the next morning", "the day before Thanksgiving", "minutes before the blast").
//! Ages ("a 7-year-old girl", "children ages 6 months and older") and time words inside
//! names and titles ("USA Today", "Good Morning America", "Orion 1980", the programme
//! "Today") are not temporal expressions.
//! Spans follow TimeBank: a leading "the" belongs to the expression ("the third
//! quarter") unless it introduces a compound adjective ("the \[third-quarter\] loss"),
//! prepositions do not ("in \[2020\]", "by \[May\]"), quantity modifiers do ("\[more
//! than four hours\]").
//!
//! Values are resolved in a second pass against the document anchor: the published date
//! when known, else the date of a dateline ("WASHINGTON, March 22, 2013 (AP) —"), else
//! the latest fully specified date the text reports as news: not one that starts a
//! period ("since Jan. 1, 2015", "from", "as of"), not one in a clause that looks ahead,
//! and never earlier than a period the text says already happened (HeidelTime's news
//! and narrative strategies). With a published date, an underspecified date leans by
//! the tense of the verb that governs it: "said on 9 May" is the latest May on or
//! before the anchor, "will meet on 9 May" the next one, a deadline ("until", "by",
//! "to run through June", "extended to Nov. 16") looks ahead unless its own clause is
//! past ("lasted until Tuesday"); a reporting verb
//! governs only the expression beside it, "next to" is a place, and a participle after
//! a determiner is an adjective, an infinitive ("expected the merger to close in May")
//! looks ahead of the report around it, and a past verb met before a "would" or a
//! future cue ("On Feb. 28, the bank released a note saying growth would slow") keeps
//! the date from leaning ahead. Under an inferred anchor everything leans back, and a
//! date without a year first takes the year its paragraph has named ("In 1998, ... On
//! 9 May"). In a report about a quarter, "a year ago" is that quarter a year earlier.
//!
//! What it does not do: date an event ("two days after the vote" has no value), or
//! read years out of figures ("2,300", "$2000", "2000 soldiers"). Hyphenated measure
//! adjectives other than ages ("a 10-hour tour", "a four-week closure") stay
//! durations, as TimeBank and the TempEval-3 test set write them. Impossible dates ("29 February 2015") are consumed and never emitted.

mod calendar;
mod lexicon;

use std::cell::RefCell;

use chrono::{Datelike, NaiveDate};

use self::calendar::{
    fmt_day, fmt_month, fmt_year, holiday_date, holiday_near, quarter_of, relative, valid_day,
    weekday_near, year_for, Lean,
};
use self::lexicon::{tokenise, Holiday, Kw, Lex, PartOfDay, Season, Tok, TokKind, Unit};
use super::{Anchor, AnchorKind, Context, Mention, Payload, Timex, TimexType};
use crate::span::Span;

/// How a relative expression picks its occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    /// By the tense of the sentence.
    Lean,
    /// "this": the occurrence in the anchor's own period.
    This,
    /// "last": strictly before the anchor.
    Last,
    /// "next", "this coming": strictly after the anchor.
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clock {
    Hm(u32, u32),
    Pod(PartOfDay),
}

/// The meaning of an expression before it is anchored.
#[derive(Debug, Clone, PartialEq)]
enum Sem {
    /// A value that needs no anchor ("P3M", "PRESENT_REF", "199").
    Lit(String),
    /// A calendar date or month; a missing year is resolved from the anchor.
    Cal {
        y: Option<i32>,
        m: u32,
        d: Option<u32>,
    },
    Year(i32),
    /// `n` units from the anchor ("last week" is -1 week).
    Rel {
        unit: Unit,
        n: i32,
    },
    /// `n` units from the date the narrative last mentioned ("the following year").
    NarrRel {
        unit: Unit,
        n: i32,
    },
    Weekday {
        wd: u32,
        dir: Dir,
    },
    Month {
        m: u32,
        dir: Dir,
    },
    Season {
        s: Season,
        y: Option<i32>,
        dir: Dir,
    },
    /// A quarter (or half, when `half`) of a year, given or leaning from the anchor;
    /// `rel_year` for "this year's" (0) or "last year's" (-1).
    Quarter {
        q: u32,
        y: Option<i32>,
        half: bool,
        rel_year: Option<i32>,
    },
    Weekend {
        dir: Dir,
    },
    Time {
        day: Box<Sem>,
        clock: Clock,
    },
    /// A month of the anchor's year shifted by `n` years ("July last year").
    MonthRelYear {
        m: u32,
        n: i32,
    },
    /// "a year ago", "the year-ago quarter": the same period one year before; in a
    /// report about a quarter, that quarter a year earlier. `period` when the phrase
    /// names a period ("quarter", "period") rather than a year.
    YearAgo {
        period: bool,
    },
    /// "the 1988 period": the reported quarter of that year when a quarter is in focus.
    YearPeriod(i32),
    /// "year-end": 31 December of the anchor's year, or of the year before when the
    /// sentence looks back ("since year-end").
    YearEnd,
    /// `n` days from a day ("the day before Thanksgiving").
    DayShift {
        day: Box<Sem>,
        n: i32,
    },
    /// The week a day falls in ("the week of March 5").
    WeekOf(Box<Sem>),
    /// A month and day with a direction ("last Oct. 23").
    DayDir {
        m: u32,
        d: u32,
        dir: Dir,
    },
    /// A holiday, in the year given or the occurrence nearest the anchor that the
    /// sentence's tense allows ("Christmas", "Labor Day 2013").
    Holiday {
        h: Holiday,
        y: Option<i32>,
    },
}

/// One recognised expression, as a token range.
#[derive(Debug, Clone, PartialEq)]
struct Hit {
    s: usize,
    e: usize,
    sem: Sem,
    ty: TimexType,
    modifier: Option<&'static str>,
    quant: Option<&'static str>,
    freq: Option<String>,
}

impl Hit {
    fn new(s: usize, e: usize, ty: TimexType, sem: Sem) -> Hit {
        Hit {
            s,
            e,
            sem,
            ty,
            modifier: None,
            quant: None,
            freq: None,
        }
    }

    fn date(s: usize, e: usize, sem: Sem) -> Hit {
        Hit::new(s, e, TimexType::Date, sem)
    }

    /// A calendar day with its year, or none when the day does not exist (2015-02-29).
    fn day(s: usize, e: usize, y: i32, m: u32, d: u32) -> Option<Hit> {
        valid_day(Some(y), m, d).then(|| {
            Hit::date(
                s,
                e,
                Sem::Cal {
                    y: Some(y),
                    m,
                    d: Some(d),
                },
            )
        })
    }

    fn lit(s: usize, e: usize, ty: TimexType, value: &str) -> Hit {
        Hit::new(s, e, ty, Sem::Lit(value.to_string()))
    }

    fn with_mod(mut self, m: &'static str) -> Hit {
        self.modifier = Some(m);
        self
    }
}

/// A counted quantity of units ("three", "a", "a few").
#[derive(Debug, Clone, Copy)]
struct Count {
    /// `None` for vague counts ("several", "a few").
    n: Option<u32>,
    /// "2 1/2 years".
    half: bool,
    /// "a couple of" is approximate.
    approx: bool,
    /// "a" / "an" / "one": a single unit.
    single: bool,
}

/// Finds the temporal expressions of a document and the anchor used to resolve them.
pub fn recognise(ctx: &Context) -> (Vec<Mention>, Anchor) {
    thread_local! {
        // The token buffer is reused across documents: a stream of articles allocates
        // it once.
        static TOKENS: RefCell<Vec<Tok>> = const { RefCell::new(Vec::new()) };
    }
    TOKENS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut toks) => recognise_with(ctx, super::PIECE_BYTES, &mut toks),
        Err(_) => recognise_with(ctx, super::PIECE_BYTES, &mut Vec::new()),
    })
}

/// [`recognise`], reading the document in pieces of at most about `piece_bytes`.
#[cfg(test)]
pub(crate) fn recognise_in_pieces(ctx: &Context, piece_bytes: usize) -> (Vec<Mention>, Anchor) {
    recognise_with(ctx, piece_bytes, &mut Vec::new())
}

fn recognise_with(
    ctx: &Context,
    piece_bytes: usize,
    toks: &mut Vec<Tok>,
) -> (Vec<Mention>, Anchor) {
    let pieces = ctx.segments.pieces(ctx.text.len(), piece_bytes);
    // The hits of the first piece when the anchor pass leaves its tokens in `toks`.
    let mut first_hits = None;
    let anchor = match ctx.published {
        Some(d) => Anchor {
            kind: AnchorKind::Published,
            date: Some(d),
        },
        None => {
            // An undated document's anchor rests on every date it names, so all pieces
            // are read before any is resolved. The last piece read is the first, whose
            // tokens the resolving pass below then reuses: a document of one piece is
            // tokenised once.
            let mut evidence = AnchorEvidence::default();
            let mut dated = None;
            for (k, piece) in pieces.iter().enumerate().rev() {
                tokenise_piece(ctx.text, piece, toks);
                let p = Parser::over(ctx.text, piece, toks);
                let hits = p.scan();
                evidence.add(&p, ctx, &hits);
                if k == 0 {
                    dated = dateline(&p, &hits)
                        .and_then(|i| hits.get(i))
                        .and_then(|h| full_date(&h.sem));
                    first_hits = Some(hits);
                }
            }
            match dated.or(evidence.date()) {
                Some(d) => Anchor {
                    kind: AnchorKind::Inferred,
                    date: Some(d),
                },
                None => Anchor {
                    kind: AnchorKind::None,
                    date: None,
                },
            }
        }
    };
    let mut memory = Memory::default();
    let mut mentions = Vec::new();
    for (k, piece) in pieces.iter().enumerate() {
        let hits = match first_hits.take() {
            Some(hits) if k == 0 => hits,
            _ => {
                tokenise_piece(ctx.text, piece, toks);
                Parser::over(ctx.text, piece, toks).scan()
            }
        };
        let p = Parser::over(ctx.text, piece, toks);
        // The dateline dates the document: it is not a mention.
        let dateline = if k == 0 { dateline(&p, &hits) } else { None };
        let mut r = Resolver {
            p: &p,
            ctx,
            anchor: anchor.date,
            narrative: ctx.published.is_none(),
            memory,
        };
        mentions.reserve(hits.len());
        for (i, h) in hits.iter().enumerate() {
            if dateline == Some(i) {
                continue;
            }
            let borrowed = borrowed_year(&p, &hits, i);
            let Some(value) = r.value(h, borrowed).filter(|v| !v.is_empty()) else {
                continue;
            };
            let (Some(first), Some(last)) = (p.t.get(h.s), p.t.get(h.e.saturating_sub(1))) else {
                continue;
            };
            mentions.push(Mention {
                span: Span::new(p.base + first.start(), p.base + last.end()),
                payload: Payload::Date(Timex {
                    timex_type: h.ty,
                    value,
                    modifier: h.modifier.map(str::to_string),
                    quant: h.quant.map(str::to_string),
                    freq: h.freq.clone(),
                }),
            });
        }
        memory = r.memory;
    }
    (mentions, anchor)
}

/// Tokenises one piece of the text into `toks`, with the names in it masked.
fn tokenise_piece(text: &str, piece: &std::ops::Range<usize>, toks: &mut Vec<Tok>) {
    let piece = text.get(piece.clone()).unwrap_or_default();
    tokenise(piece, toks);
    mask_names(piece.as_bytes(), toks);
}

/// A word that English writes in lower case unless it begins a sentence or belongs to
/// a name: "today", "week", "morning", "spring", "daily".
fn lower_case_word(lex: Lex) -> bool {
    match lex {
        Lex::Unit(_) | Lex::Units(_) | Lex::PartOfDay(_) | Lex::Season(_) => true,
        Lex::Kw(k) => matches!(
            k,
            Kw::Today
                | Kw::Tomorrow
                | Kw::Tonight
                | Kw::Yesterday
                | Kw::Now
                | Kw::Weekend
                | Kw::Daily
                | Kw::Weekly
                | Kw::Monthly
                | Kw::Yearly
                | Kw::Hourly
                | Kw::Annually
                | Kw::Noon
                | Kw::Midnight
                | Kw::Future
                | Kw::Present
        ),
        _ => false,
    }
}

/// Whether token `j` opens a sentence or a line, where any word is capitalised.
fn opens_sentence(text: &[u8], toks: &[Tok], j: usize) -> bool {
    let Some(prev) = j.checked_sub(1).and_then(|p| toks.get(p)) else {
        return true;
    };
    let Some(t) = toks.get(j) else {
        return true;
    };
    let gap = text.get(prev.end()..t.start()).unwrap_or(&[]);
    gap.contains(&b'\n')
        || matches!(
            prev.kind,
            TokKind::Punct(b'.' | b'!' | b'?' | b':' | b'"' | b'\'' | b'(' | b'[' | b'~' | b'-')
        )
}

/// Whether the line around token `j` is written in title case (a headline), where
/// capitals say nothing about names: none of its content words is in lower case.
fn title_case_line(text: &[u8], toks: &[Tok], j: usize) -> bool {
    const REACH: usize = 24;
    let mut lower = 0;
    let mut count = |k: usize| {
        if let Some(t) = toks.get(k) {
            let w = text.get(t.start()..t.end()).unwrap_or(&[]);
            if t.kind == TokKind::Word && !t.capital && w.len() >= 4 && !title_function_word(w) {
                lower += 1;
            }
        }
    };
    let newline_before = |k: usize| {
        k == 0
            || toks.get(k - 1).zip(toks.get(k)).is_none_or(|(a, b)| {
                text.get(a.end()..b.start())
                    .is_none_or(|g| g.contains(&b'\n'))
            })
    };
    let mut k = j;
    while k + REACH > j && !newline_before(k) {
        k -= 1;
        count(k);
    }
    let mut k = j + 1;
    while k < toks.len() && k < j + REACH && !newline_before(k) {
        count(k);
        k += 1;
    }
    lower == 0
}

/// Longer function words that title case leaves in lower case.
fn title_function_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"with"
            | b"from"
            | b"into"
            | b"over"
            | b"after"
            | b"than"
            | b"that"
            | b"this"
            | b"about"
            | b"under"
            | b"upon"
            | b"onto"
            | b"amid"
            | b"says"
            | b"said"
    )
}

/// Time words inside names and titles ("USA Today", "Russia Today", "Good Morning
/// America", "the Arab Spring", "Day of Action", "The Daily Show") are written with a
/// capital where running text writes them in lower case: such a word, capitalised
/// inside a sentence that is not itself a headline, is part of a proper-noun run and
/// carries no time. Holidays ("Christmas Day", "New Year's Eve") and "Fiscal Year
/// 2014" keep theirs.
fn mask_names(text: &[u8], toks: &mut [Tok]) {
    for j in 0..toks.len() {
        let t = toks[j];
        if !t.capital || t.kind != TokKind::Word || !lower_case_word(t.lex) {
            continue;
        }
        // An all-capitals word ("TODAY") is shouting or a headline, not a name.
        let word = text.get(t.start()..t.end()).unwrap_or(&[]);
        if word.len() > 1 && word.iter().all(u8::is_ascii_uppercase) {
            continue;
        }
        // A time word that is all a quotation holds is a title: the programme "Today",
        // the film "Yesterday".
        if quoted_alone(text, t.start(), t.end()) {
            toks[j].lex = Lex::None;
            toks[j].temporal = false;
            continue;
        }
        if opens_sentence(text, toks, j) || title_case_line(text, toks, j) {
            continue;
        }
        let prev = j.checked_sub(1).and_then(|p| toks.get(p)).map(|p| p.lex);
        let next_is_year = toks
            .get(j + 1)
            .is_some_and(|n| n.kind == TokKind::Num && n.digits == 4);
        // "the 20th Century", "the Third Quarter": a counted unit keeps its time.
        let counted = j.checked_sub(1).and_then(|p| toks.get(p)).is_some_and(|p| {
            matches!(p.kind, TokKind::Num | TokKind::NumSuffix)
                || matches!(p.lex, Lex::Ord(_) | Lex::Num(_))
        });
        let keeps = match t.lex {
            Lex::Unit(Unit::Year) => counted || next_is_year || prev == Some(Lex::Kw(Kw::Fiscal)),
            Lex::Unit(_) | Lex::Units(_) => counted,
            // "Spring 2013", the term a year names.
            Lex::Season(_) => next_is_year,
            _ => false,
        };
        if !keeps && !holiday_part(text, toks, j) {
            toks[j].lex = Lex::None;
            toks[j].temporal = false;
        }
    }
}

/// Whether the bytes `start..end` are all that a pair of quotation marks holds
/// (straight or curly).
fn quoted_alone(text: &[u8], start: usize, end: usize) -> bool {
    let before = text.get(..start).unwrap_or(&[]);
    let after = text.get(end..).unwrap_or(&[]);
    let opens = before.ends_with(b"\"") || before.ends_with("\u{201c}".as_bytes());
    let closes = after.starts_with(b"\"") || after.starts_with("\u{201d}".as_bytes());
    opens && closes
}

/// Whether token `j` ("Day", "Eve", "Year") belongs to a holiday's name: "Labor Day",
/// "Christmas Day", "New Year's Day", "Valentine's Day", "Veterans' Day".
fn holiday_part(text: &[u8], toks: &[Tok], j: usize) -> bool {
    let word = |k: usize| -> &[u8] {
        match toks.get(k) {
            Some(t) if t.kind == TokKind::Word => text.get(t.start()..t.end()).unwrap_or(&[]),
            _ => &[],
        }
    };
    let punct = |k: usize, c: u8| toks.get(k).is_some_and(|t| t.kind == TokKind::Punct(c));
    let head = |w: &[u8]| {
        Holiday::before_day(w).is_some()
            || w.eq_ignore_ascii_case(b"year")
            || w.eq_ignore_ascii_case(b"easter")
    };
    let Some(p) = j.checked_sub(1) else {
        return false;
    };
    if word(j).eq_ignore_ascii_case(b"year") {
        return word(p) == b"New";
    }
    if head(word(p)) {
        return true;
    }
    // "Valentine's Day", "New Year's Day": the name, an apostrophe, "s".
    if p >= 2 && word(p).eq_ignore_ascii_case(b"s") && punct(p - 1, b'\'') && head(word(p - 2)) {
        return true;
    }
    p >= 1 && punct(p, b'\'') && head(word(p - 1))
}

/// The hit that dates the article in its dateline, if any: "WASHINGTON, March 22 (AP)
/// —", "LONDON, Oct. 5, 2013 (Reuters) -" at the start of a line near the head of the
/// article. It is the document's date, not a mention.
fn dateline(p: &Parser, hits: &[Hit]) -> Option<usize> {
    const HEAD_BYTES: usize = 400;
    let (i, h) = hits.iter().enumerate().next()?;
    if !matches!(h.sem, Sem::Cal { d: Some(_), .. }) {
        return None;
    }
    // The place: capitals, then a comma ("WASHINGTON,", "NEWARK, N.J.,").
    let comma = h.s.checked_sub(1)?;
    if !p.punct(comma, b',') || comma == 0 {
        return None;
    }
    // The place opens its line.
    let mut start = comma;
    while start > 0 && comma - start < 8 {
        let gap = p.text.get(p.t[start - 1].end()..p.t[start].start());
        if gap.is_none_or(|g| g.contains(&b'\n')) {
            break;
        }
        start -= 1;
    }
    let line_start = start == 0
        || p.text
            .get(p.t[start - 1].end()..p.t[start].start())
            .is_none_or(|g| g.contains(&b'\n'));
    let head = &p.t[start..comma];
    let first_line = line_start && p.t[start].start() < HEAD_BYTES;
    let place = head.iter().any(|t| {
        t.kind == TokKind::Word
            && t.end() - t.start() >= 2
            && p.text
                .get(t.start()..t.end())
                .is_some_and(|w| w.iter().all(u8::is_ascii_uppercase))
    });
    let after = p.t.get(h.e)?;
    let agency_or_dash = matches!(after.kind, TokKind::Punct(b'(' | b'-' | b'~' | b'_' | b':'));
    (first_line && place && agency_or_dash).then_some(i)
}

/// Whether a preposition makes the expression at token `s` the start of a period
/// rather than the time of the news: "since Jan. 1, 2015", "from May 5", "as of
/// June 30", "starting March 1".
fn governed_start(p: &Parser, s: usize) -> bool {
    let Some(b) = s.checked_sub(1) else {
        return false;
    };
    ["since", "from", "starting", "beginning"]
        .iter()
        .any(|w| p.word_is(b, w))
        || (p.kw(b, Kw::Of) && b > 0 && p.kw(b - 1, Kw::As))
}

/// The first day of the period an expression names with its year, if any.
fn period_start(sem: &Sem) -> Option<NaiveDate> {
    match sem {
        Sem::Year(y) => NaiveDate::from_ymd_opt(*y, 1, 1),
        Sem::Cal { y: Some(y), m, d } => NaiveDate::from_ymd_opt(*y, *m, d.unwrap_or(1)),
        Sem::Time { day, .. } => period_start(day),
        _ => None,
    }
}

/// What the anchor of an undated article rests on (issue: a 2016 article anchored on
/// "since Jan. 1, 2015"): its dateline when it names the year (the caller's), else the
/// latest fully specified date it reports as news, that is, not the start of a period
/// ("since", "from", "as of") and not in a clause that looks ahead; and never earlier
/// than the start of any period the article says already happened ("In 2016, prices
/// rose"). Gathered piece by piece, in any order.
#[derive(Debug, Default)]
struct AnchorEvidence {
    news: Option<NaiveDate>,
    happened: Option<NaiveDate>,
}

impl AnchorEvidence {
    fn add(&mut self, p: &Parser, ctx: &Context, hits: &[Hit]) {
        for h in hits {
            let full = full_date(&h.sem);
            let start = period_start(&h.sem);
            if full.is_none() && start.is_none() {
                continue;
            }
            let lean = p.lean(h.s, h.e, sentence_bounds(p, ctx, h));
            if lean == Lean::Past {
                self.happened = self.happened.max(start);
            }
            if lean != Lean::Future && !governed_start(p, h.s) {
                self.news = self.news.max(full);
            }
        }
    }

    fn date(&self) -> Option<NaiveDate> {
        self.news.map(|d| d.max(self.happened.unwrap_or(d)))
    }
}

/// The token range of the sentence that holds `h`, or a window around it.
fn sentence_bounds(p: &Parser, ctx: &Context, h: &Hit) -> (usize, usize) {
    let Some(first) = p.t.get(h.s) else {
        return (h.s, h.e);
    };
    match ctx.segments.sentence_at(p.base + first.start()) {
        Some(si) => {
            let sp = ctx.segments.sentences[si].span;
            let lo = p.t.partition_point(|t| p.base + t.start() < sp.start);
            let hi = p.t.partition_point(|t| p.base + t.start() < sp.end);
            (lo, hi)
        }
        None => (h.s.saturating_sub(12), (h.e + 12).min(p.t.len())),
    }
}

/// The fully specified date an expression names, if any (for the inferred anchor).
fn full_date(sem: &Sem) -> Option<NaiveDate> {
    match sem {
        Sem::Cal {
            y: Some(y),
            m,
            d: Some(d),
        } => NaiveDate::from_ymd_opt(*y, *m, *d),
        Sem::Time { day, .. } => full_date(day),
        _ => None,
    }
}

/// "October and November 2006": a month without a year takes the year of the month that
/// follows it in a coordination.
fn borrowed_year(p: &Parser, hits: &[Hit], i: usize) -> Option<i32> {
    let h = &hits[i];
    if !matches!(h.sem, Sem::Cal { y: None, .. }) {
        return None;
    }
    let next = hits.get(i + 1)?;
    let Sem::Cal { y: Some(y), .. } = next.sem else {
        return None;
    };
    let gap = next.s.checked_sub(h.e)?;
    let joined = (gap == 1
        && (p.kw(h.e, Kw::And) || p.kw(h.e, Kw::Or) || p.kw(h.e, Kw::To) || p.punct(h.e, b'-')))
        || (gap == 2 && p.punct(h.e, b',') && (p.kw(h.e + 1, Kw::And) || p.kw(h.e + 1, Kw::Or)));
    joined.then_some(y)
}

/// Keeps `h` in `best` when it starts at token `i` and ends after the hit kept so far.
/// Inlined: it runs for every rule tried at every candidate token, and most rules find
/// nothing.
#[inline(always)]
fn keep_longest(best: &mut Option<Hit>, h: Option<Hit>, i: usize) {
    if let Some(h) = h {
        if h.s == i && best.as_ref().is_none_or(|b| h.e > b.e) {
            *best = Some(h);
        }
    }
}

/// How many tokens an expression may begin before its first temporal token ("no more
/// than a couple of years").
const LEAD: usize = 7;

/// How many tokens either side of an expression are searched for a tense cue.
const TENSE_REACH: usize = 40;

/// The rules over the tokens of one piece of a document (all of a news article).
/// Token offsets are relative to the piece; `base` is where it starts in the document.
struct Parser<'a> {
    t: &'a [Tok],
    text: &'a [u8],
    base: usize,
}

/// The TIMEX3 duration for `n` units.
fn duration_value(u: Unit, c: Count) -> String {
    let (letter, mult, time) = u.duration();
    let t = if time { "T" } else { "" };
    match c.n {
        None => format!("P{t}X{}", u.vague_letter()),
        Some(n) => {
            let n = u64::from(n) * u64::from(mult);
            if c.half && u == Unit::Year {
                format!("P{n}Y6M")
            } else if c.half && u == Unit::Hour {
                format!("PT{n}H30M")
            } else if c.half && u == Unit::Minute {
                format!("PT{n}M30S")
            } else {
                format!("P{t}{n}{letter}")
            }
        }
    }
}

impl<'a> Parser<'a> {
    fn over(text: &'a str, piece: &std::ops::Range<usize>, t: &'a [Tok]) -> Parser<'a> {
        Parser {
            t,
            text: text.as_bytes().get(piece.clone()).unwrap_or_default(),
            base: piece.start,
        }
    }

    fn lx(&self, j: usize) -> Lex {
        self.t.get(j).map_or(Lex::None, |t| t.lex)
    }

    fn kw(&self, j: usize, k: Kw) -> bool {
        self.lx(j) == Lex::Kw(k)
    }

    fn punct(&self, j: usize, c: u8) -> bool {
        self.t.get(j).is_some_and(|t| t.kind == TokKind::Punct(c))
    }

    /// Token `j` exists and touches the previous token.
    fn glued(&self, j: usize) -> bool {
        self.t.get(j).is_some_and(|t| !t.space_before)
    }

    fn bytes(&self, j: usize) -> &'a [u8] {
        match self.t.get(j) {
            Some(t) => self.text.get(t.start()..t.end()).unwrap_or(&[]),
            None => &[],
        }
    }

    fn word_is(&self, j: usize, w: &str) -> bool {
        self.t.get(j).is_some_and(|t| {
            t.kind == TokKind::Word && self.bytes(j).eq_ignore_ascii_case(w.as_bytes())
        })
    }

    fn num(&self, j: usize) -> Option<u32> {
        let t = self.t.get(j)?;
        if t.kind == TokKind::Num {
            t.value
        } else {
            None
        }
    }

    /// A plain four-digit year token, 1000-2199.
    fn year_num(&self, j: usize) -> Option<i32> {
        let t = self.t.get(j)?;
        if t.kind == TokKind::Num && t.digits == 4 {
            let v = t.value?;
            if (1000..=2199).contains(&v) {
                return Some(v as i32);
            }
        }
        None
    }

    fn unit(&self, j: usize) -> Option<(Unit, bool)> {
        match self.lx(j) {
            Lex::Unit(u) => Some((u, false)),
            Lex::Units(u) => Some((u, true)),
            _ => None,
        }
    }

    /// A lower-case plural noun ("soldiers"), which a number before it counts.
    fn plural_noun(&self, j: usize) -> bool {
        let Some(t) = self.t.get(j) else {
            return false;
        };
        if t.kind != TokKind::Word || t.capital || t.lex != Lex::None {
            return false;
        }
        let w = self.bytes(j);
        const NOT_PLURAL: &[&[u8]] = &[
            b"has",
            b"was",
            b"does",
            b"says",
            b"its",
            b"his",
            b"hers",
            b"yes",
            b"thus",
            b"plus",
            b"perhaps",
            b"sometimes",
            b"whereas",
            b"besides",
            b"always",
            b"goes",
            b"makes",
            b"seems",
        ];
        w.len() >= 3
            && w.ends_with(b"s")
            && !w.ends_with(b"ss")
            && !w.ends_with(b"us")
            && !w.ends_with(b"is")
            && !NOT_PLURAL.iter().any(|x| w.eq_ignore_ascii_case(x))
    }

    // ----- the scan -----

    fn temporal(&self, j: usize) -> bool {
        self.t.get(j).is_some_and(|t| t.temporal)
    }

    fn scan(&self) -> Vec<Hit> {
        let mut out: Vec<Hit> = Vec::new();
        let n = self.t.len();
        let mut i = 0;
        let mut next = 0; // the first temporal token at or after `i`
        while i < n {
            if next < i {
                next = i;
            }
            while next < n && !self.temporal(next) {
                next += 1;
            }
            if next >= n {
                break;
            }
            if next > i + LEAD {
                i = next - LEAD;
            }
            let t = &self.t[i];
            let may_start = match t.kind {
                // A word outside the lexicon starts an expression only as a quarter or
                // half code ("Q3", "H1"), which is temporal: every rule of `at` asks
                // the lexicon about its first word, and turns such a word away. The
                // function words below are in the lexicon only for what follows or
                // precedes an expression ("more than", "a year or so", "as of"): no
                // rule starts at one, and they are the words most often met within
                // `LEAD` tokens of a number.
                TokKind::Word => match t.lex {
                    _ if t.temporal => true,
                    // "Labor Day", "New Year's Eve": a name before a capitalised day.
                    Lex::None => t.capital && self.holiday_head(i),
                    Lex::Kw(Kw::Of | Kw::To | Kw::And | Kw::Or | Kw::As | Kw::Than | Kw::Over) => {
                        false
                    }
                    // "that day", "that morning"
                    Lex::Kw(Kw::That) => {
                        matches!(self.lx(i + 1), Lex::Unit(_) | Lex::PartOfDay(_))
                    }
                    // After "the" every rule reads a number, an apostrophe, a lexicon
                    // or temporal word, or "new" ("the new year 2025").
                    Lex::Kw(Kw::The) => self.t.get(i + 1).is_some_and(|n| match n.kind {
                        TokKind::Num | TokKind::NumSuffix | TokKind::Punct(b'\'') => true,
                        TokKind::Word => {
                            n.lex != Lex::None || n.temporal || self.word_is(i + 1, "new")
                        }
                        _ => false,
                    }),
                    _ => true,
                },
                TokKind::Num | TokKind::NumSuffix => true,
                // An apostrophe starts only a decade ("'90s"), two digits glued to it.
                TokKind::Punct(b'\'') => self.t.get(i + 1).is_some_and(|n| {
                    n.kind == TokKind::NumSuffix && n.digits == 2 && !n.space_before
                }),
                _ => false,
            };
            if may_start {
                if let Some(h) = self.at(i) {
                    if h.e > i {
                        i = h.e;
                        out.push(h);
                        continue;
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// The longest expression starting at token `i`.
    fn at(&self, i: usize) -> Option<Hit> {
        if let Some((k, m)) = self.quant_mod(i) {
            let approx = m == "APPROX";
            let hit = self
                .duration(k)
                .filter(|h| h.s == k && h.modifier.is_none())
                .or_else(|| self.time(k).filter(|h| h.s == k))
                .or_else(|| {
                    self.calendar(k).filter(|h| {
                        approx && h.s == k && matches!(h.sem, Sem::Cal { d: Some(_), .. })
                    })
                });
            if let Some(mut h) = hit {
                h.s = i;
                h.modifier = Some(m);
                return Some(h);
            }
        }
        // "for a mere 24 hours": the belittling article is part of the expression, as
        // "more than" is, but states no bound.
        if self.kw(i, Kw::A) && self.word_is(i + 1, "mere") {
            if let Some(mut h) = self.duration(i + 2).filter(|h| h.s == i + 2) {
                h.s = i;
                return Some(h);
            }
        }
        let mut best: Option<Hit> = None;
        let mut consider = |h: Option<Hit>| keep_longest(&mut best, h, i);
        consider(self.edge(i));
        consider(self.core(i));
        consider(self.duration(i));
        consider(self.set(i));
        best
    }

    /// A quantity modifier before a duration ("more than", "about", "at least").
    fn quant_mod(&self, i: usize) -> Option<(usize, &'static str)> {
        let (k, m) = match self.lx(i) {
            Lex::Kw(Kw::About | Kw::Around | Kw::Roughly | Kw::Approximately) => (i + 1, "APPROX"),
            Lex::Kw(Kw::Nearly) => (i + 1, "APPROX"),
            Lex::Kw(Kw::Almost) => (i + 1, "LESS_THAN"),
            Lex::Kw(Kw::Some) if self.t.get(i + 1).is_some_and(|t| t.kind == TokKind::Num) => {
                (i + 1, "APPROX")
            }
            Lex::Kw(Kw::More) if self.kw(i + 1, Kw::Than) => (i + 2, "MORE_THAN"),
            Lex::Kw(Kw::Less | Kw::Fewer) if self.kw(i + 1, Kw::Than) => (i + 2, "LESS_THAN"),
            Lex::Kw(Kw::Under) => (i + 1, "LESS_THAN"),
            Lex::Kw(Kw::At) if self.kw(i + 1, Kw::Least) => (i + 2, "EQUAL_OR_MORE"),
            Lex::Kw(Kw::At) if self.kw(i + 1, Kw::Most) => (i + 2, "EQUAL_OR_LESS"),
            Lex::Kw(Kw::Up) if self.kw(i + 1, Kw::To) => (i + 2, "EQUAL_OR_LESS"),
            Lex::Kw(Kw::No) if self.kw(i + 1, Kw::More) && self.kw(i + 2, Kw::Than) => {
                (i + 3, "EQUAL_OR_LESS")
            }
            Lex::Kw(Kw::No) if self.kw(i + 1, Kw::Less) && self.kw(i + 2, Kw::Than) => {
                (i + 3, "EQUAL_OR_MORE")
            }
            _ => return None,
        };
        Some((k, m))
    }

    // ----- counts and durations -----

    /// An integer written with digit groups ("1,000").
    fn grouped_int(&self, j: usize) -> Option<u32> {
        let b = self.bytes(j);
        if b.contains(&b'.') {
            return None;
        }
        let mut v: u64 = 0;
        for &c in b {
            if c.is_ascii_digit() {
                v = v * 10 + u64::from(c - b'0');
                if v > u64::from(u32::MAX) {
                    return None;
                }
            }
        }
        u32::try_from(v).ok()
    }

    fn count(&self, j: usize) -> Option<(usize, Count)> {
        let t = self.t.get(j)?;
        let one = |e: usize, n: Option<u32>| {
            Some((
                e,
                Count {
                    n,
                    half: false,
                    approx: false,
                    single: false,
                },
            ))
        };
        match t.kind {
            TokKind::Num => {
                let v = match t.value {
                    Some(v) => v,
                    None => self.grouped_int(j)?,
                };
                // "2 1/2 years"
                if self.num(j + 1) == Some(1)
                    && self.punct(j + 2, b'/')
                    && self.glued(j + 2)
                    && self.num(j + 3) == Some(2)
                    && self.glued(j + 3)
                {
                    return Some((
                        j + 4,
                        Count {
                            n: Some(v),
                            half: true,
                            approx: false,
                            single: false,
                        },
                    ));
                }
                return one(j + 1, Some(v));
            }
            TokKind::Word => {}
            _ => return None,
        }
        match t.lex {
            Lex::Kw(Kw::A | Kw::An) => match self.lx(j + 1) {
                Lex::Kw(Kw::Few) => one(j + 2, None),
                Lex::Kw(Kw::Couple) => {
                    let e = if self.kw(j + 2, Kw::Of) { j + 3 } else { j + 2 };
                    Some((
                        e,
                        Count {
                            n: Some(2),
                            half: false,
                            approx: true,
                            single: false,
                        },
                    ))
                }
                Lex::Kw(Kw::Hundred) => one(j + 2, Some(100)),
                Lex::Kw(Kw::Thousand) => one(j + 2, Some(1000)),
                _ => Some((
                    j + 1,
                    Count {
                        n: Some(1),
                        half: false,
                        approx: false,
                        single: true,
                    },
                )),
            },
            Lex::Kw(Kw::Few | Kw::Several) => one(j + 1, None),
            // "the next couple of years"
            Lex::Kw(Kw::Couple) if self.kw(j + 1, Kw::Of) => Some((
                j + 2,
                Count {
                    n: Some(2),
                    half: false,
                    approx: true,
                    single: false,
                },
            )),
            Lex::Num(x) => {
                let (mut e, mut v) = (j + 1, x);
                if x >= 20 && x % 10 == 0 && x < 100 {
                    if self.punct(e, b'-') && self.glued(e) && self.glued(e + 1) {
                        if let Lex::Num(u) = self.lx(e + 1) {
                            if u < 10 {
                                v += u;
                                e += 2;
                            }
                        }
                    } else if let Lex::Num(u) = self.lx(e) {
                        if (1..10).contains(&u) {
                            v += u;
                            e += 1;
                        }
                    }
                }
                if self.kw(e, Kw::Hundred) {
                    v *= 100;
                    e += 1;
                } else if self.kw(e, Kw::Thousand) {
                    v *= 1000;
                    e += 1;
                }
                Some((
                    e,
                    Count {
                        n: Some(v),
                        half: false,
                        approx: false,
                        single: x == 1 && e == j + 1,
                    },
                ))
            }
            _ => None,
        }
    }

    /// The word before `s` makes "a year" a rate ("$33 million a year", "four flights a
    /// week"): not a date or a duration.
    fn rate_context(&self, s: usize) -> bool {
        let Some(p) = s.checked_sub(1) else {
            return false;
        };
        let Some(t) = self.t.get(p) else {
            return false;
        };
        match t.kind {
            TokKind::Num | TokKind::NumSuffix | TokKind::Punct(b'%') => true,
            TokKind::Word => {
                self.plural_noun(p)
                    || [
                        "million", "billion", "trillion", "percent", "thousand", "hundred",
                    ]
                    .iter()
                    .any(|w| self.word_is(p, w))
            }
            _ => false,
        }
    }

    /// A percentage ends right before `j` ("8.5%", "20 percent"): a rate of growth
    /// ("rose 8.5% annually", "4% a year") measures change, it does not recur.
    fn percent_before(&self, j: usize) -> bool {
        j.checked_sub(1)
            .is_some_and(|p| self.punct(p, b'%') || self.word_is(p, "percent"))
    }

    /// Durations and the relative dates built on them: "the past three months", "two
    /// years", "the 44-day war", "a year ago", "recent years".
    fn duration(&self, j: usize) -> Option<Hit> {
        let s = j;
        let mut k = j;
        let the = self.kw(k, Kw::The);
        if the {
            k += 1;
        }
        #[derive(PartialEq, Clone, Copy)]
        enum D {
            Back,
            Ahead,
            First,
            Recent,
        }
        let dir = match self.lx(k) {
            Lex::Kw(Kw::Past | Kw::Last | Kw::Latest) => Some(D::Back),
            Lex::Kw(Kw::Next | Kw::Coming | Kw::Upcoming) => Some(D::Ahead),
            Lex::Ord(1) if the => Some(D::First),
            Lex::Kw(Kw::Recent) => Some(D::Recent),
            _ => None,
        };
        if dir.is_some() {
            k += 1;
        }
        let cnt = self.count(k);
        // "44-day", "two-week", "8-month-old": an adjective compound.
        if let Some((ce, c)) = cnt {
            // "several-year" counts vaguely.
            if self.punct(ce, b'-') && self.glued(ce) && self.glued(ce + 1) {
                if let Some((u, false)) = self.unit(ce + 1) {
                    let e = ce + 2;
                    // An age ("a 7-year-old girl", "a 40-year-old treaty", "7-year-olds")
                    // is neither a date nor a duration: consumed, never emitted.
                    if self.punct(e, b'-')
                        && self.glued(e)
                        && (self.kw(e + 1, Kw::Old) || self.word_is(e + 1, "olds"))
                    {
                        return Some(Hit::lit(k, e + 2, TimexType::Duration, ""));
                    }
                    if u == Unit::Second {
                        return None;
                    }
                    let value = duration_value(u, c);
                    return Some(Hit::lit(k, e, TimexType::Duration, &value));
                }
            }
            // "several-year"
        }
        let (mut e0, mut c) = match cnt {
            Some((e, c)) => (e, Some(c)),
            None => (k, None),
        };
        // "eight trading days", "20 more years", "an additional year": a word between
        // the count and its unit that says which units are counted.
        if c.is_some()
            && self.unit(e0).is_none()
            && self.unit(e0 + 1).is_some()
            && [
                "more",
                "additional",
                "extra",
                "further",
                "trading",
                "business",
                "working",
                "calendar",
                "consecutive",
                "straight",
                "full",
            ]
            .iter()
            .any(|w| self.word_is(e0, w))
        {
            e0 += 1;
        }
        // A range "two to three weeks", "12 to 18 months", "a year or two": one expression
        // counted from its lower bound.
        if let Some(c0) = c {
            if (self.kw(e0, Kw::To)
                || (self.punct(e0, b'-') && self.glued(e0) && self.glued(e0 + 1)))
                && c0.n.is_some()
                && !c0.single
            {
                if let Some((e2, _)) = self.count(e0 + 1) {
                    if self.unit(e2).is_some() {
                        e0 = e2;
                    }
                }
            }
        }
        // "between 12 and 18 months", "between two and six days": the lower bound is an
        // expression of its own in the upper bound's unit.
        if let Some(c0) = c {
            if c0.n.is_some()
                && !c0.single
                && self.kw(e0, Kw::And)
                && s.checked_sub(1).is_some_and(|p| self.word_is(p, "between"))
                && self.unit(e0).is_none()
            {
                if let Some((e2, _)) = self.count(e0 + 1) {
                    if let Some((u, true)) = self.unit(e2) {
                        if u != Unit::Second {
                            return Some(Hit::lit(
                                s,
                                e0,
                                TimexType::Duration,
                                &duration_value(u, c0),
                            ));
                        }
                    }
                }
            }
        }
        let (u, plural) = self.unit(e0)?;
        // A quarter as a fraction: "three quarters of the vote", "five and a quarter",
        // "three quarters billion".
        if u == Unit::Quarter
            && (self.kw(e0 + 1, Kw::Of)
                || s.checked_sub(1).is_some_and(|p| self.kw(p, Kw::And))
                || ["million", "billion", "trillion"]
                    .iter()
                    .any(|w| self.word_is(e0 + 1, w))
                || matches!(self.lx(e0 + 1), Lex::Kw(Kw::Hundred | Kw::Thousand)))
        {
            return None;
        }
        let mut e = e0 + 1;
        // "year-end", "year-earlier", "quarter-to-quarter" are compounds of their own.
        if self.punct(e, b'-') && self.glued(e) && self.glued(e + 1) {
            return None;
        }
        if let Some(c0) = c.as_mut() {
            // "a minute and a half"
            if self.kw(e, Kw::And)
                && self.kw(e + 1, Kw::A)
                && self.kw(e + 2, Kw::Half)
                && c0.n.is_some()
            {
                c0.half = true;
                e += 3;
            }
            if !plural {
                // "the 1988 second quarter": a year, not 1988 seconds.
                let long = self.t.get(k).is_some_and(|t| t.digits >= 4);
                if long
                    || (c0.n.unwrap_or(1) > 1
                        && matches!(self.lx(e), Lex::Unit(_) | Lex::Kw(Kw::Half)))
                {
                    return None;
                }
                // "a quarter of the market"
                if u == Unit::Quarter && self.kw(e, Kw::Of) {
                    return None;
                }
            } else if self.kw(e, Kw::Old) {
                // Ages ("52 years old") are not temporal expressions in TimeBank.
                return None;
            }
        }
        let c = c;
        match c {
            None => {
                match dir {
                    None => {
                        // Bare plural units: "for [years]", "over [the years]".
                        if !plural || u == Unit::Second {
                            return None;
                        }
                        let prep = s.checked_sub(1).is_some_and(|p| {
                            ["for", "within", "in", "after", "over", "during"]
                                .iter()
                                .any(|w| self.word_is(p, w))
                        });
                        // "minutes before the plane left", "set days before his
                        // surgery", "weeks later": an uncounted stretch before or
                        // after an event.
                        let offset = !the
                            && ["before", "after", "later", "earlier"]
                                .iter()
                                .any(|w| self.word_is(e, w));
                        // "the days before the vote", "the weeks after the storm": a
                        // stretch of time anchored on an event.
                        let around = ["before", "after", "leading", "following", "since"]
                            .iter()
                            .any(|w| self.word_is(e, w));
                        if the && around && matches!(u, Unit::Day | Unit::Week | Unit::Month) {
                            // falls through to the vague duration below
                        } else if the {
                            if !matches!(u, Unit::Year | Unit::Decade | Unit::Century)
                                || self.kw(e, Kw::Of)
                            {
                                return None;
                            }
                        } else if !(prep || offset) || self.kw(e, Kw::Of) || self.kw(e, Kw::Ago) {
                            if self.kw(e, Kw::Ago) {
                                return Some(Hit::lit(s, e + 1, TimexType::Date, "PAST_REF"));
                            }
                            return None;
                        }
                        Some(Hit::lit(
                            s,
                            e,
                            TimexType::Duration,
                            &duration_value(
                                u,
                                Count {
                                    n: None,
                                    half: false,
                                    approx: false,
                                    single: false,
                                },
                            ),
                        ))
                    }
                    Some(d) => {
                        if plural {
                            // "in recent weeks", "recent months": a stretch of time up
                            // to now of unknown length (TimeML's "PXM"), as "the first
                            // months" is one from a start. "recent years" and longer
                            // name an era, the recent past, and "coming months", "past
                            // years" are vague references too, as TimeBank writes them.
                            let stretch = d == D::Recent
                                && matches!(
                                    u,
                                    Unit::Day
                                        | Unit::Week
                                        | Unit::Fortnight
                                        | Unit::Month
                                        | Unit::Quarter
                                );
                            if d == D::First || stretch {
                                let vague = Count {
                                    n: None,
                                    half: false,
                                    approx: false,
                                    single: false,
                                };
                                return Some(Hit::lit(
                                    s,
                                    e,
                                    TimexType::Duration,
                                    &duration_value(u, vague),
                                ));
                            }
                            let v = if d == D::Ahead {
                                "FUTURE_REF"
                            } else {
                                "PAST_REF"
                            };
                            return Some(Hit::lit(s, e, TimexType::Date, v));
                        }
                        if d == D::Recent || d == D::First || u == Unit::Second {
                            return None;
                        }
                        let n = if d == D::Back { -1 } else { 1 };
                        // "in the last week", "over the past month", "the last decade":
                        // the unit before the anchor's, as "the past year" is; "for the
                        // past week" measures a stretch, "the last week of March" is the
                        // end of another period, and "the past century" is the last
                        // hundred years more often than the century before this one.
                        let previous = d == D::Back
                            && matches!(u, Unit::Week | Unit::Month | Unit::Decade)
                            && !self.kw(e, Kw::Of)
                            && !s.checked_sub(1).is_some_and(|p| self.word_is(p, "for"));
                        if the && u != Unit::Year && u != Unit::Quarter && !previous {
                            let one = Count {
                                n: Some(1),
                                half: false,
                                approx: false,
                                single: true,
                            };
                            return Some(Hit::lit(
                                s,
                                e,
                                TimexType::Duration,
                                &duration_value(u, one),
                            ));
                        }
                        if self.kw(k - 1, Kw::Latest) {
                            return Some(Hit::date(s, e, Sem::Rel { unit: u, n: -1 }));
                        }
                        if matches!(u, Unit::Hour | Unit::Minute) {
                            return None;
                        }
                        let mut h = Hit::date(s, e, Sem::Rel { unit: u, n });
                        if self.kw(e, Kw::Or) && self.kw(e + 1, Kw::So) {
                            h.e = e + 2;
                            h.modifier = Some("APPROX");
                        }
                        Some(h)
                    }
                }
            }
            Some(c) => {
                if u == Unit::Second && (c.single || c.n.is_none()) {
                    return None;
                }
                if dir == Some(D::Recent) {
                    return None;
                }
                // An age given after "age", "ages" or "aged" ("children ages 6 months
                // and older", "patients aged 3 years", "the age of 18 years") is
                // neither a date nor a duration: consumed, never emitted.
                let after_age =
                    |p: usize| ["age", "ages", "aged"].iter().any(|w| self.word_is(p, w));
                if c.n.is_some()
                    && dir.is_none()
                    && s.checked_sub(1).is_some_and(|p| {
                        after_age(p)
                            || (self.kw(p, Kw::Of) && p.checked_sub(1).is_some_and(after_age))
                    })
                {
                    return Some(Hit::lit(s, e, TimexType::Duration, ""));
                }
                // "the last few months", "the past several quarters"
                if c.n.is_none() && dir == Some(D::Back) && plural {
                    return Some(Hit::lit(s, e, TimexType::Date, "PAST_REF"));
                }
                let mut modifier = if c.approx { Some("APPROX") } else { None };
                // A rate of a figure, "$33 million a year", "4% a year", recurs every
                // unit (TimeML's SET, as "twice a week"); a count of things ("four
                // flights a week") is a frequency of those things, not a time.
                if c.single
                    && !plural
                    && !the
                    && dir.is_none()
                    && !self.kw(e, Kw::Ago)
                    && !self.kw(e, Kw::Earlier)
                    && self.rate_context(s)
                {
                    if !(self.kw(s, Kw::A) || self.kw(s, Kw::An))
                        || s.checked_sub(1)
                            .is_some_and(|p| self.plural_noun(p) || self.percent_before(p + 1))
                    {
                        return None;
                    }
                    let mut h = Hit::lit(s, e, TimexType::Set, &duration_value(u, c));
                    h.quant = Some("EACH");
                    return Some(h);
                }
                // "a month earlier than usual", "two days later than planned": a
                // difference between two times, not a date.
                if matches!(self.lx(e), Lex::Kw(Kw::Earlier | Kw::Later))
                    && self.kw(e + 1, Kw::Than)
                    && !the
                    && dir.is_none()
                {
                    let mut h = Hit::lit(s, e, TimexType::Duration, &duration_value(u, c));
                    h.modifier = modifier;
                    return Some(h);
                }
                // "a year ago", "two weeks earlier"
                // "a week or so ago"
                if self.kw(e, Kw::Or) && self.kw(e + 1, Kw::So) && self.kw(e + 2, Kw::Ago) {
                    modifier = Some("APPROX");
                    e += 2;
                }
                let ago = self.kw(e, Kw::Ago) || (self.kw(e, Kw::Earlier) && !the && dir.is_none());
                if ago && !the && dir.is_none() {
                    let mut h = match c.n {
                        Some(n) if !c.half => {
                            let (unit, n) = match u {
                                Unit::Decade => (Unit::Year, n.saturating_mul(10)),
                                Unit::Century => (Unit::Year, n.saturating_mul(100)),
                                Unit::Fortnight => (Unit::Week, n.saturating_mul(2)),
                                Unit::Hour | Unit::Minute | Unit::Second => (Unit::Day, 0),
                                u => (u, n),
                            };
                            let n = i32::try_from(n).unwrap_or(i32::MAX);
                            if unit == Unit::Year && n == 1 {
                                Hit::date(s, e + 1, Sem::YearAgo { period: false })
                            } else {
                                Hit::date(s, e + 1, Sem::Rel { unit, n: -n })
                            }
                        }
                        _ => Hit::lit(s, e + 1, TimexType::Date, "PAST_REF"),
                    };
                    h.modifier = modifier;
                    return Some(h);
                }
                if self.kw(e, Kw::Or) {
                    match self.lx(e + 1) {
                        Lex::Kw(Kw::So) => {
                            modifier = Some("APPROX");
                            e += 2;
                        }
                        Lex::Kw(Kw::More) => {
                            modifier = Some("EQUAL_OR_MORE");
                            e += 2;
                        }
                        Lex::Kw(Kw::Less) => {
                            modifier = Some("EQUAL_OR_LESS");
                            e += 2;
                        }
                        _ => {}
                    }
                }
                let mut h = Hit::lit(s, e, TimexType::Duration, &duration_value(u, c));
                h.modifier = modifier;
                Some(h)
            }
        }
    }

    // ----- sets -----

    fn set(&self, i: usize) -> Option<Hit> {
        let each = |q: &'static str, k: usize| -> Option<Hit> {
            let (mut k, mut every) = (k, 1);
            if self.kw(k, Kw::Other) {
                every = 2;
                k += 1;
            }
            let mut h = match self.lx(k) {
                Lex::Unit(u) => {
                    let c = Count {
                        n: Some(every),
                        half: false,
                        approx: false,
                        single: every == 1,
                    };
                    Hit::lit(i, k + 1, TimexType::Set, &duration_value(u, c))
                }
                Lex::Weekday(wd) => Hit::lit(i, k + 1, TimexType::Set, &format!("XXXX-WXX-{wd}")),
                Lex::Month(m) => Hit::lit(i, k + 1, TimexType::Set, &format!("XXXX-{m:02}")),
                Lex::Season(se) => {
                    Hit::lit(i, k + 1, TimexType::Set, &format!("XXXX-{}", se.code()))
                }
                Lex::Kw(Kw::Weekend) => Hit::lit(i, k + 1, TimexType::Set, "XXXX-WXX-WE"),
                Lex::PartOfDay(pd) => Hit::lit(
                    i,
                    k + 1,
                    TimexType::Set,
                    &format!("XXXX-XX-XXT{}", pd.code()),
                ),
                _ => return None,
            };
            h.quant = Some(q);
            Some(h)
        };
        // "twice a year", "once a week", "three times a month"
        let freq = match self.lx(i) {
            Lex::Kw(Kw::Twice) => Some((2, i + 1)),
            Lex::Kw(Kw::Once) => Some((1, i + 1)),
            _ => self
                .count(i)
                .filter(|(ce, _)| self.kw(*ce, Kw::Times))
                .and_then(|(ce, c)| c.n.map(|n| (n, ce + 1))),
        };
        if let Some((n, k)) = freq {
            // "three times daily"
            let every = match self.lx(k) {
                Lex::Kw(Kw::Daily) => Some("P1D"),
                Lex::Kw(Kw::Weekly) => Some("P1W"),
                Lex::Kw(Kw::Monthly) => Some("P1M"),
                Lex::Kw(Kw::Yearly | Kw::Annually) => Some("P1Y"),
                _ => None,
            };
            if let Some(v) = every {
                let mut h = Hit::lit(i, k + 1, TimexType::Set, v);
                h.freq = Some(format!("{n}X"));
                return Some(h);
            }
            if matches!(
                self.lx(k),
                Lex::Kw(Kw::A | Kw::An | Kw::Per | Kw::Every | Kw::Each)
            ) {
                if let Lex::Unit(u) = self.lx(k + 1) {
                    let one = Count {
                        n: Some(1),
                        half: false,
                        approx: false,
                        single: true,
                    };
                    let mut h = Hit::lit(i, k + 2, TimexType::Set, &duration_value(u, one));
                    h.freq = Some(format!("{n}X"));
                    return Some(h);
                }
            }
        }
        match self.lx(i) {
            Lex::Kw(Kw::Every) => each("EVERY", i + 1),
            Lex::Kw(Kw::Each) => each("EACH", i + 1),
            Lex::Kw(Kw::Per) => match self.lx(i + 1) {
                Lex::Unit(u) => {
                    let c = Count {
                        n: Some(1),
                        half: false,
                        approx: false,
                        single: true,
                    };
                    Some(Hit::lit(i, i + 2, TimexType::Set, &duration_value(u, c)))
                }
                _ => None,
            },
            // "its quarterly dividend", "quarterly results": a reporting period of
            // accounts, not a recurrence.
            Lex::Kw(Kw::Quarterly)
                if self
                    .t
                    .get(i + 1)
                    .is_some_and(|t| t.kind == TokKind::Word && !t.capital) =>
            {
                None
            }
            // "average daily volume": part of a statistic's name; "rose 8% annually":
            // a growth rate.
            Lex::Kw(Kw::Daily | Kw::Weekly | Kw::Monthly | Kw::Yearly | Kw::Annually)
                if i.checked_sub(1).is_some_and(|p| self.word_is(p, "average"))
                    || self.percent_before(i) =>
            {
                None
            }
            // "daily flights", "a weekly briefing", "paid annually": every day, week,
            // year, as adjective or adverb.
            Lex::Kw(Kw::Daily) => Some(Hit::lit(i, i + 1, TimexType::Set, "P1D")),
            Lex::Kw(Kw::Weekly) => Some(Hit::lit(i, i + 1, TimexType::Set, "P1W")),
            Lex::Kw(Kw::Monthly) => Some(Hit::lit(i, i + 1, TimexType::Set, "P1M")),
            Lex::Kw(Kw::Yearly | Kw::Annually) => Some(Hit::lit(i, i + 1, TimexType::Set, "P1Y")),
            Lex::Kw(Kw::Hourly) => Some(Hit::lit(i, i + 1, TimexType::Set, "PT1H")),
            Lex::Kw(Kw::Quarterly) => Some(Hit::lit(i, i + 1, TimexType::Set, "P3M")),
            Lex::Weekdays(wd) if self.t.get(i).is_some_and(|t| t.capital) => Some(Hit::lit(
                i,
                i + 1,
                TimexType::Set,
                &format!("XXXX-WXX-{wd}"),
            )),
            _ => None,
        }
    }

    // ----- edges: early, mid, late, the end of -----

    fn edge(&self, i: usize) -> Option<Hit> {
        let mut k = i;
        let the = self.kw(k, Kw::The);
        if the {
            k += 1;
        }
        let (m, next) = match self.lx(k) {
            Lex::Kw(Kw::Early) => ("START", k + 1),
            Lex::Kw(Kw::Earlier) if !the => ("START", k + 1),
            Lex::Kw(Kw::Mid) => ("MID", k + 1),
            Lex::Kw(Kw::Late) => ("END", k + 1),
            Lex::Kw(Kw::Later) if !the => ("END", k + 1),
            Lex::Kw(Kw::End) if the && self.kw(k + 1, Kw::Of) => ("END", k + 2),
            Lex::Kw(Kw::Beginning | Kw::Start) if the && self.kw(k + 1, Kw::Of) => ("START", k + 2),
            Lex::Kw(Kw::Middle) if the && self.kw(k + 1, Kw::Of) => ("MID", k + 2),
            _ => return None,
        };
        let mut next = next;
        // "mid-May", "mid-1990s"
        if self.punct(next, b'-') && self.glued(next) && self.glued(next + 1) {
            next += 1;
        }
        // "mid afternoon", "mid-afternoon yesterday"
        if let Lex::PartOfDay(pd) = self.lx(next) {
            let mut e = next + 1;
            let day = match self.lx(e) {
                Lex::Kw(Kw::Yesterday) => {
                    e += 1;
                    Sem::Rel {
                        unit: Unit::Day,
                        n: -1,
                    }
                }
                Lex::Kw(Kw::Today) => {
                    e += 1;
                    Sem::Rel {
                        unit: Unit::Day,
                        n: 0,
                    }
                }
                _ => Sem::Rel {
                    unit: Unit::Day,
                    n: 0,
                },
            };
            let h = Hit::new(
                i,
                e,
                TimexType::Time,
                Sem::Time {
                    day: Box::new(day),
                    clock: Clock::Pod(pd),
                },
            );
            return Some(h.with_mod(m));
        }
        // "earlier/later" only bind a period of the anchor: "earlier this month".
        let relative_only = matches!(self.lx(k), Lex::Kw(Kw::Earlier | Kw::Later));
        if relative_only
            && !matches!(
                self.lx(next),
                Lex::Kw(
                    Kw::This
                        | Kw::That
                        | Kw::Today
                        | Kw::Yesterday
                        | Kw::Tomorrow
                        | Kw::Next
                        | Kw::Last
                ) | Lex::Weekday(_)
            )
        {
            return None;
        }
        let core = self.core(next).filter(|h| h.s == next)?;
        if matches!(core.sem, Sem::Lit(_)) && core.ty != TimexType::Date {
            return None;
        }
        let mut h = core;
        h.s = i;
        if h.modifier.is_none() {
            h.modifier = Some(m);
        }
        Some(h)
    }

    // ----- the core: dates, years, relative words -----

    fn core(&self, i: usize) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        let mut consider = |h: Option<Hit>| keep_longest(&mut best, h, i);
        let t = self.t.get(i)?;
        match t.kind {
            TokKind::Num | TokKind::NumSuffix | TokKind::Punct(b'\'') => {
                consider(self.calendar(i));
                consider(self.yearish(i));
                consider(self.quarter(i));
                consider(self.time(i));
            }
            TokKind::Word => {
                if t.lex == Lex::None {
                    consider(self.quarter(i));
                    consider(self.holiday(i));
                } else {
                    consider(self.holiday(i));
                    consider(self.calendar(i));
                    consider(self.yearish(i));
                    consider(self.quarter(i));
                    consider(self.weekday(i));
                    consider(self.relword(i));
                    consider(self.reldir(i));
                    consider(self.time(i));
                }
            }
            _ => {}
        }
        best
    }

    /// Whether the number at `j` can be a year: not money, not a count of things, not a
    /// percentage.
    fn year_ok(&self, j: usize) -> bool {
        if j > 0 {
            let p = j - 1;
            if let Some(pt) = self.t.get(p) {
                if self.glued(j)
                    && matches!(
                        pt.kind,
                        TokKind::Punct(b'$' | b'#' | b'.' | b',') | TokKind::Other
                    )
                {
                    return false;
                }
                if [
                    "no", "number", "flight", "route", "page", "room", "usd", "dlrs", "eur",
                ]
                .iter()
                .any(|w| self.word_is(p, w))
                {
                    return false;
                }
            }
        }
        let n = j + 1;
        if self.punct(n, b'%') || self.word_is(n, "percent") || self.word_is(n, "per") {
            return false;
        }
        if self.punct(n, b':') && self.glued(n) {
            return false;
        }
        if self.punct(n, b'-') && self.glued(n) && !self.glued(n + 1) {
            return true;
        }
        if self.plural_noun(n)
            || ["km", "kg", "m", "ft", "mph", "mw", "lb", "sq"]
                .iter()
                .any(|w| self.word_is(n, w))
        {
            let strong = j > 0
                && [
                    "in", "since", "by", "until", "till", "before", "after", "during", "from",
                    "through", "the", "fiscal", "of",
                ]
                .iter()
                .any(|w| self.word_is(j - 1, w));
            // "fiscal 1989 sales", "the 2000 elections" stay years.
            let year_word = ["the", "fiscal", "year"]
                .iter()
                .any(|w| self.word_is(j - 1, w));
            // "the 2010 and 2020 censuses": the second of two years the first one's
            // article or "fiscal" governs.
            let coordinated = j >= 3
                && (self.kw(j - 1, Kw::And) || self.kw(j - 1, Kw::Or))
                && self.t.get(j - 2).is_some_and(|t| t.digits == 4)
                && ["the", "fiscal"].iter().any(|w| self.word_is(j - 3, w));
            return coordinated || (strong && (!self.plural_noun(n) || year_word));
        }
        true
    }

    fn yearish(&self, i: usize) -> Option<Hit> {
        let mut k = i;
        let the = self.kw(k, Kw::The);
        if the {
            k += 1;
        }
        let t = self.t.get(k)?;
        // Decades: "the 1990s", "the '90s", "1990's", "the nineties".
        if t.kind == TokKind::NumSuffix
            && self.bytes(k).ends_with(b"s")
            && self.bytes(k).len() == t.digits as usize + 1
        {
            let v = t.value?;
            let apostrophe = k > 0 && self.punct(k - 1, b'\'') && self.glued(k);
            let decade = match t.digits {
                4 if v % 10 == 0 && (1000..=2190).contains(&v) => v / 10,
                2 if v % 10 == 0 => {
                    if v >= 30 {
                        190 + v / 10
                    } else {
                        200 + v / 10
                    }
                }
                _ => return None,
            };
            let s = if apostrophe && !the { k - 1 } else { i };
            if t.digits == 2 && !apostrophe {
                return None;
            }
            return Some(Hit::lit(s, k + 1, TimexType::Date, &format!("{decade:03}")));
        }
        if t.kind == TokKind::Punct(b'\'') {
            // "the '90s"
            if let Some(n) = self.t.get(k + 1) {
                if n.kind == TokKind::NumSuffix && n.digits == 2 && !n.space_before {
                    let v = n.value?;
                    if v % 10 == 0
                        && self.bytes(k + 1).len() == 3
                        && self.bytes(k + 1).ends_with(b"s")
                    {
                        let decade = if v >= 30 { 190 + v / 10 } else { 200 + v / 10 };
                        return Some(Hit::lit(i, k + 2, TimexType::Date, &format!("{decade:03}")));
                    }
                }
            }
            return None;
        }
        // "the expedition of 1957-58", "the 1998-99 season": the second year of a
        // range, written in two digits, is a year of its own.
        if !the && t.kind == TokKind::Num && t.digits == 2 && k >= 2 {
            if let (Some(v), Some(first)) = (t.value, self.year_num(k - 2)) {
                let y = first - first.rem_euclid(100) + i32::try_from(v).ok()?;
                if self.punct(k - 1, b'-')
                    && self.glued(k - 1)
                    && self.glued(k)
                    && self.t.get(k - 2).is_some_and(|p| p.digits == 4)
                    && y > first
                    && !self.unit_follows(k + 1)
                {
                    return Some(Hit::date(k, k + 1, Sem::Year(y)));
                }
            }
        }
        if let Some(y) = self.year_num(k) {
            if self.punct(k + 1, b'\'')
                && self.glued(k + 1)
                && self.word_is(k + 2, "s")
                && y % 10 == 0
                && !self.unit_follows(k + 3)
            {
                return Some(Hit::lit(
                    i,
                    k + 3,
                    TimexType::Date,
                    &format!("{:03}", y / 10),
                ));
            }
        }
        if let Lex::DecadeWord(d) = t.lex {
            if the {
                return Some(Hit::lit(
                    i,
                    k + 1,
                    TimexType::Date,
                    &format!("19{}", d / 10),
                ));
            }
            return None;
        }
        // Centuries: "the 11th century", "the twentieth century".
        let ord = match t.kind {
            TokKind::NumSuffix if t.digits <= 2 && self.ordinal_suffix(k) => t.value,
            _ => match t.lex {
                Lex::Ord(n) => Some(n),
                _ => None,
            },
        };
        if let Some(n) = ord {
            if self.lx(k + 1) == Lex::Unit(Unit::Century) && n >= 1 {
                return Some(Hit::lit(
                    i,
                    k + 2,
                    TimexType::Date,
                    &format!("{:02}", n - 1),
                ));
            }
        }
        // "the year 2000", "the year two thousand", "the new year 2025", "the entire year
        // of 2020"
        let mut yk = k;
        if the
            && (self.word_is(yk, "new")
                || matches!(self.lx(yk), Lex::Kw(Kw::Full | Kw::Whole | Kw::Entire)))
        {
            yk += 1;
        }
        if the && self.lx(yk) == Lex::Unit(Unit::Year) {
            let mut n = yk + 1;
            if self.kw(n, Kw::Of) {
                n += 1;
            }
            if let Some(y) = self.year_num(n) {
                return Some(Hit::date(i, n + 1, Sem::Year(y)));
            }
            if let Some((e, y)) = self.spelled_year(n) {
                return Some(Hit::date(i, e, Sem::Year(y)));
            }
            return None;
        }
        // "fiscal 1989"
        let mut s = i;
        if self.kw(k, Kw::Fiscal) {
            if the {
                return None;
            }
            k += 1;
            if self.lx(k) == Lex::Unit(Unit::Year) {
                k += 1;
            }
            s = i;
        } else if the {
            // "the 1988 period"
            let y = self.year_num(k)?;
            if self.kw(k + 1, Kw::Period) {
                return Some(Hit::date(i, k + 2, Sem::Year(y)));
            }
            s = k;
        }
        if let Some(y) = self.year_num(k) {
            if !self.year_ok(k) || (k == i && self.in_name(k)) {
                return None;
            }
            let mut h = Hit::date(s, k + 1, Sem::Year(y));
            if self.kw(k + 1, Kw::Or) {
                if self.kw(k + 2, Kw::Later) {
                    h.e = k + 3;
                    h.modifier = Some("ON_OR_AFTER");
                } else if self.kw(k + 2, Kw::Earlier) {
                    h.e = k + 3;
                    h.modifier = Some("ON_OR_BEFORE");
                }
            } else if self.kw(k + 1, Kw::And) && self.word_is(k + 2, "beyond") {
                // "1990 and beyond"
                h.e = k + 3;
                h.modifier = Some("ON_OR_AFTER");
            }
            return Some(h);
        }
        let (e, y) = self.spelled_year(k)?;
        Some(Hit::date(s, e, Sem::Year(y)))
    }

    /// A year that ends a name inside a sentence ("a venture called Orion 1980",
    /// "Windows 2000", "Euro 2012"): after a capitalised word that is no time word,
    /// not the sentence's first and not an abbreviation in capitals ("FY 1990").
    fn in_name(&self, j: usize) -> bool {
        let Some(p) = j.checked_sub(1) else {
            return false;
        };
        let Some(t) = self.t.get(p) else {
            return false;
        };
        t.kind == TokKind::Word
            && t.capital
            && t.lex == Lex::None
            && !self.bytes(p).iter().all(u8::is_ascii_uppercase)
            && !opens_sentence(self.text, self.t, p)
    }

    /// "year-ago" / "year-earlier" at `j` (three tokens).
    fn year_ago(&self, j: usize) -> bool {
        self.lx(j) == Lex::Unit(Unit::Year)
            && self.punct(j + 1, b'-')
            && self.glued(j + 1)
            && self.glued(j + 2)
            && matches!(self.lx(j + 2), Lex::Kw(Kw::Earlier | Kw::Ago))
    }

    fn unit_follows(&self, j: usize) -> bool {
        self.unit(j).is_some()
    }

    fn ordinal_suffix(&self, j: usize) -> bool {
        let b = self.bytes(j);
        let suffix = &b[b.len().min(self.t.get(j).map_or(0, |t| t.digits as usize))..];
        ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| suffix.eq_ignore_ascii_case(s.as_bytes()))
    }

    /// "nineteen ninety-six", "two thousand", "two thousand and eight".
    fn spelled_year(&self, j: usize) -> Option<(usize, i32)> {
        // "two thousand" and "twenty twenty" are numbers as often as years: only a year
        // after "the year" or a preposition of time ("in two thousand").
        // Only worked out for a number word that can begin a year.
        let year_context = || {
            j > 0
                && (self.lx(j - 1) == Lex::Unit(Unit::Year)
                    || [
                        "in", "since", "by", "until", "till", "before", "after", "from", "of",
                        "to", "around", "early", "late", "mid",
                    ]
                    .iter()
                    .any(|w| self.word_is(j - 1, w)))
        };
        let (e, y) = match self.lx(j) {
            Lex::Num(19) | Lex::Num(18) | Lex::Num(20) => {
                let century = match self.lx(j) {
                    Lex::Num(c) => c,
                    _ => return None,
                };
                if century == 20 && !year_context() {
                    return None;
                }
                let (e, rest) = self.count(j + 1)?;
                let r = rest.n?;
                if e == j + 1 && !matches!(self.lx(j + 1), Lex::Num(10..=19)) {
                    // "nineteen ninety" needs the tens word at least
                    if !matches!(self.lx(j + 1), Lex::Num(20..=90)) {
                        return None;
                    }
                }
                if !(10..100).contains(&r)
                    || self.t.get(j + 1).is_some_and(|t| t.kind != TokKind::Word)
                {
                    return None;
                }
                (e, (century * 100 + r) as i32)
            }
            Lex::Num(2) if self.kw(j + 1, Kw::Thousand) && year_context() => {
                let mut e = j + 2;
                let mut y = 2000;
                let k = if self.kw(e, Kw::And) { e + 1 } else { e };
                if let Some((ce, c)) = self.count(k) {
                    if let Some(n) = c.n {
                        if n < 100
                            && self.t.get(k).is_some_and(|t| t.kind == TokKind::Word)
                            && !c.single
                        {
                            y += n;
                            e = ce;
                        }
                    }
                }
                (e, y as i32)
            }
            _ => return None,
        };
        // Not "nineteen ninety-six years", "twenty twenty fifths", "two thousand and two
        // hundred".
        let numberish = matches!(
            self.lx(e),
            Lex::Num(_)
                | Lex::Ord(_)
                | Lex::Unit(_)
                | Lex::Units(_)
                | Lex::Kw(Kw::Hundred | Kw::Thousand)
        ) || self.plural_noun(e)
            || ["million", "billion", "trillion"]
                .iter()
                .any(|w| self.word_is(e, w))
            || (self.kw(e, Kw::And) && matches!(self.lx(e + 1), Lex::Num(_)));
        (!numberish).then_some((e, y))
    }

    // ----- calendar dates -----

    /// A month name at `j`: (month, end, abbreviated).
    fn month(&self, j: usize) -> Option<(u32, usize, bool)> {
        let t = self.t.get(j)?;
        if !t.capital {
            return None;
        }
        match t.lex {
            Lex::Month(m) => Some((m, j + 1, false)),
            Lex::MonthAbbr(m) => {
                let e = if self.punct(j + 1, b'.') && self.glued(j + 1) {
                    j + 2
                } else {
                    j + 1
                };
                Some((m, e, true))
            }
            _ => None,
        }
    }

    /// A day of the month at `j`: "30", "27th", "eighth", "twenty-first".
    fn day(&self, j: usize) -> Option<(u32, usize)> {
        let t = self.t.get(j)?;
        let d = match t.kind {
            TokKind::Num if t.digits <= 2 => (t.value?, j + 1),
            TokKind::NumSuffix if t.digits <= 2 && self.ordinal_suffix(j) => (t.value?, j + 1),
            TokKind::Word => match t.lex {
                Lex::Ord(n) => (n, j + 1),
                Lex::Num(n @ (20 | 30)) if self.punct(j + 1, b'-') && self.glued(j + 1) => {
                    match self.lx(j + 2) {
                        Lex::Ord(u) if u < 10 => (n + u, j + 3),
                        _ => return None,
                    }
                }
                _ => return None,
            },
            _ => return None,
        };
        (1..=31).contains(&d.0).then_some(d)
    }

    /// ", 2025" or " 2025" after a month or day.
    fn year_after(&self, j: usize) -> Option<(i32, usize)> {
        let k = if self.punct(j, b',') { j + 1 } else { j };
        if let Some((e, y)) = self.spelled_year(k) {
            return Some((y, e));
        }
        let y = self.year_num(k)?;
        if self.punct(k + 1, b'%') || self.word_is(k + 1, "percent") || self.plural_noun(k + 1) {
            return None;
        }
        Some((y, k + 1))
    }

    fn month_context(&self, j: usize, e: usize) -> bool {
        if self.num(e).is_some() || self.year_after(e).is_some() {
            return true;
        }
        j > 0
            && ([
                "in", "since", "by", "until", "till", "from", "through", "during", "before",
                "after", "of", "last", "next", "this", "early", "late", "mid", "between", "and",
                "or", "to",
            ]
            .iter()
            .any(|w| self.word_is(j - 1, w))
                || (self.punct(j - 1, b'-') && self.kw(j.wrapping_sub(2), Kw::Mid)))
    }

    fn calendar(&self, i: usize) -> Option<Hit> {
        let t = self.t.get(i)?;
        // ISO "2025-06-27"
        if t.kind == TokKind::Num && t.digits == 4 {
            let iso =
                self.punct(i + 1, b'-')
                    && self.glued(i + 1)
                    && self.t.get(i + 2).is_some_and(|x| {
                        x.digits == 2 && !x.space_before && x.kind == TokKind::Num
                    })
                    && self.punct(i + 3, b'-')
                    && self.glued(i + 3)
                    && self.t.get(i + 4).is_some_and(|x| {
                        x.digits == 2 && !x.space_before && x.kind == TokKind::Num
                    });
            if iso {
                let y = t.value? as i32;
                let m = self.num(i + 2)?;
                let d = self.num(i + 4)?;
                return Hit::day(i, i + 5, y, m, d);
            }
        }
        // US numeric "6/27/2025"
        if t.kind == TokKind::Num && t.digits <= 2 && self.punct(i + 1, b'/') && self.glued(i + 1) {
            if let (Some(m), Some(d)) = (t.value, self.num(i + 2)) {
                if self.punct(i + 3, b'/')
                    && self.glued(i + 3)
                    && self.glued(i + 4)
                    && self.glued(i + 2)
                {
                    let y = self.year_num(i + 4)?;
                    return Hit::day(i, i + 5, y, m, d);
                }
            }
            return None;
        }
        let mut s = i;
        let mut k = i;
        if self.kw(k, Kw::The) {
            k += 1;
        }
        // Day first: "27 June 2025", "the 27th of June", "20-Feb".
        if let Some((d, de)) = self.day(k) {
            let mut me = de;
            let dashed = self.punct(de, b'-') && self.glued(de) && self.glued(de + 1);
            if dashed || self.kw(de, Kw::Of) {
                me = de + 1;
            }
            if let Some((m, e, _)) = self.month(me) {
                if k > i && !self.kw(de, Kw::Of) {
                    s = k;
                }
                let mut e = e;
                let mut y = None;
                if dashed && self.punct(e, b'-') && self.glued(e) {
                    if let Some(yy) = self.year_num(e + 1) {
                        y = Some(yy);
                        e += 2;
                    }
                } else if let Some((yy, ye)) = self.year_after(e) {
                    y = Some(yy);
                    e = ye;
                }
                if !valid_day(y, m, d) {
                    // "29 February 2015": consumed, never emitted.
                    return Some(Hit::lit(s, e, TimexType::Date, ""));
                }
                return Some(Hit::date(s, e, Sem::Cal { y, m, d: Some(d) }));
            }
        }
        if k != i {
            return None;
        }
        // Month first: "June 27, 2025", "Sept. 30", "February 1947", "June".
        let (m, me, abbr) = self.month(i)?;
        if let Some((d, de)) = self.day(me) {
            // Not "June 30 percent" or a time "March 3:15"
            let dt = self.t.get(me)?;
            if !(self.punct(de, b':') || self.punct(de, b'%') || self.word_is(de, "percent"))
                && dt.kind != TokKind::Num
                || dt.digits <= 2
            {
                let mut e = de;
                let mut y = None;
                if let Some((yy, ye)) = self.year_after(de) {
                    y = Some(yy);
                    e = ye;
                }
                if !valid_day(y, m, d) {
                    return Some(Hit::lit(i, e, TimexType::Date, ""));
                }
                return Some(Hit::date(i, e, Sem::Cal { y, m, d: Some(d) }));
            }
        }
        if let Lex::Kw(w @ (Kw::This | Kw::Last | Kw::Next)) = self.lx(me) {
            if self.lx(me + 1) == Lex::Unit(Unit::Year) && !self.punct(me + 2, b'\'') {
                let n = match w {
                    Kw::This => 0,
                    Kw::Last => -1,
                    _ => 1,
                };
                return Some(Hit::date(i, me + 2, Sem::MonthRelYear { m, n }));
            }
        }
        let (y, e) = if let Some((y, e)) = self.year_after(me) {
            (Some(y), e)
        } else if self.kw(me, Kw::Of) {
            match self.year_num(me + 1) {
                Some(y) => (Some(y), me + 2),
                None => (None, me),
            }
        } else {
            (None, me)
        };
        if y.is_none() && (abbr || (m == 5 && !self.month_context(i, me))) {
            return None;
        }
        Some(Hit::date(i, e, Sem::Cal { y, m, d: None }))
    }

    // ----- holidays -----

    /// Whether the capitalised word at `j` may begin a holiday's name of two or more
    /// words: the next word, or the one after a possessive, is "Day", "Eve" or "Year".
    fn holiday_head(&self, j: usize) -> bool {
        let named = |k: usize| {
            self.t.get(k).is_some_and(|t| t.capital)
                && (self.word_is(k, "Day") || self.word_is(k, "Year") || self.word_is(k, "Eve"))
        };
        // Most capitalised words are followed by none of these: look at one byte first.
        let first = self.bytes(j + 1).first().copied().unwrap_or(0);
        if matches!(first, b'F' | b'M') {
            return self.shopping_day(j).is_some();
        }
        if !matches!(first, b'D' | b'Y' | b'E') && !self.punct(j + 1, b'\'') {
            return false;
        }
        named(j + 1) || (self.punct(j + 1, b'\'') && (named(j + 2) || named(j + 3)))
    }

    /// A named day written as a word and a weekday at `j`: "Black Friday", "Good
    /// Friday", "Cyber Monday".
    fn shopping_day(&self, j: usize) -> Option<Holiday> {
        let cap =
            |k: usize, w: &str| self.word_is(k, w) && self.t.get(k).is_some_and(|t| t.capital);
        if cap(j + 1, "Friday") {
            if cap(j, "Black") {
                return Some(Holiday::BlackFriday);
            }
            if cap(j, "Good") {
                return Some(Holiday::GoodFriday);
            }
        }
        (cap(j, "Cyber") && cap(j + 1, "Monday")).then_some(Holiday::CyberMonday)
    }

    /// Holidays and named days: "Christmas", "Christmas Eve", "New Year's Day",
    /// "Thanksgiving", "Easter Sunday", "Election Day", "Labor Day 2013", "Black
    /// Friday", "St. Patrick's Day".
    fn holiday(&self, i: usize) -> Option<Hit> {
        let t = self.t.get(i)?;
        if !t.capital || t.kind != TokKind::Word || !matches!(t.lex, Lex::Holiday(_) | Lex::None) {
            return None;
        }
        let cap =
            |k: usize, w: &str| self.word_is(k, w) && self.t.get(k).is_some_and(|t| t.capital);
        // A possessive "'s" or "'" after a name ("Valentine's Day", "Veterans' Day").
        let after_possessive = |k: usize| {
            if self.punct(k, b'\'') && self.word_is(k + 1, "s") && self.glued(k + 1) {
                k + 2
            } else if self.punct(k, b'\'') {
                k + 1
            } else {
                k
            }
        };
        let (h, e) = match t.lex {
            Lex::Holiday(h) => match h {
                Holiday::Christmas if cap(i + 1, "Eve") => (Holiday::ChristmasEve, i + 2),
                Holiday::Christmas | Holiday::Thanksgiving if cap(i + 1, "Day") => (h, i + 2),
                Holiday::Easter if cap(i + 1, "Sunday") => (h, i + 2),
                _ => (h, i + 1),
            },
            _ if cap(i, "New") && cap(i + 1, "Year") => {
                // Not "Lunar New Year", "Chinese New Year", on other calendars.
                let p = i.checked_sub(1);
                if p.is_some_and(|p| {
                    self.t
                        .get(p)
                        .is_some_and(|t| t.capital && t.kind == TokKind::Word)
                        && !self.word_is(p, "On")
                        && !self.word_is(p, "By")
                        && !self.word_is(p, "Since")
                        && !self.word_is(p, "After")
                        && !self.word_is(p, "Before")
                }) {
                    return None;
                }
                let k = after_possessive(i + 2);
                if cap(k, "Eve") {
                    (Holiday::NewYearsEve, k + 1)
                } else if cap(k, "Day") {
                    (Holiday::NewYearsDay, k + 1)
                } else {
                    (Holiday::NewYearsDay, k)
                }
            }
            _ if self.shopping_day(i).is_some() => (self.shopping_day(i)?, i + 2),
            _ => {
                let h = Holiday::before_day(self.bytes(i))?;
                let k = after_possessive(i + 1);
                if !cap(k, "Day") {
                    return None;
                }
                (h, k + 1)
            }
        };
        if let Some((y, ye)) = self.year_after(e) {
            return Some(Hit::date(i, ye, Sem::Holiday { h, y: Some(y) }));
        }
        Some(Hit::date(i, e, Sem::Holiday { h, y: None }))
    }

    // ----- weekdays -----

    fn weekday(&self, i: usize) -> Option<Hit> {
        let mut k = i;
        let mut dir = Dir::Lean;
        match self.lx(k) {
            Lex::Kw(Kw::Last) => {
                dir = Dir::Last;
                k += 1;
            }
            Lex::Kw(Kw::Next) => {
                dir = Dir::Next;
                k += 1;
            }
            Lex::Kw(Kw::This) => {
                k += 1;
                if self.kw(k, Kw::Coming) {
                    dir = Dir::Next;
                    k += 1;
                } else if self.kw(k, Kw::Past) {
                    dir = Dir::Last;
                    k += 1;
                } else {
                    dir = Dir::This;
                }
            }
            Lex::Kw(Kw::The) => {
                match self.lx(k + 1) {
                    Lex::Kw(Kw::Previous) => dir = Dir::Last,
                    Lex::Kw(Kw::Following) => dir = Dir::Next,
                    _ => return None,
                }
                k += 2;
            }
            _ => {}
        }
        let t = self.t.get(k)?;
        let Lex::Weekday(wd) = t.lex else {
            return None;
        };
        if !t.capital {
            return None;
        }
        // "The Sunday Times" is a newspaper.
        if [
            "Times",
            "Telegraph",
            "Express",
            "Mirror",
            "Herald",
            "Post",
            "Mail",
            "Tribune",
            "Independent",
        ]
        .iter()
        .any(|w| self.bytes(k + 1) == w.as_bytes())
        {
            return None;
        }
        let mut e = k + 1;
        // "Sunday, March eighth", "Monday, June 30, 2025"
        let c = if self.punct(e, b',') { e + 1 } else { e };
        if let Some(cal) = self.calendar(c).filter(|h| h.s == c) {
            if matches!(cal.sem, Sem::Cal { d: Some(_), .. }) {
                let mut h = cal;
                h.s = i;
                return Some(h);
            }
        }
        let sem = Sem::Weekday { wd, dir };
        if let Lex::PartOfDay(pd) = self.lx(e) {
            e += 1;
            return Some(Hit::new(
                i,
                e,
                TimexType::Time,
                Sem::Time {
                    day: Box::new(sem),
                    clock: Clock::Pod(pd),
                },
            ));
        }
        Some(Hit::date(i, e, sem))
    }

    // ----- relative words -----

    fn relword(&self, i: usize) -> Option<Hit> {
        let lit = |e: usize, v: &str| Some(Hit::lit(i, e, TimexType::Date, v));
        let day_with_pod = |n: i32| -> Option<Hit> {
            let sem = Sem::Rel { unit: Unit::Day, n };
            if let Lex::PartOfDay(pd) = self.lx(i + 1) {
                return Some(Hit::new(
                    i,
                    i + 2,
                    TimexType::Time,
                    Sem::Time {
                        day: Box::new(sem),
                        clock: Clock::Pod(pd),
                    },
                ));
            }
            Some(Hit::date(i, i + 1, sem))
        };
        match self.lx(i) {
            Lex::Kw(Kw::Today) => day_with_pod(0),
            Lex::Kw(Kw::Yesterday) => day_with_pod(-1),
            Lex::Kw(Kw::Tomorrow) => day_with_pod(1),
            Lex::Kw(Kw::Tonight) => Some(Hit::new(
                i,
                i + 1,
                TimexType::Time,
                Sem::Time {
                    day: Box::new(Sem::Rel {
                        unit: Unit::Day,
                        n: 0,
                    }),
                    clock: Clock::Pod(PartOfDay::Night),
                },
            )),
            Lex::Kw(Kw::Now) => lit(i + 1, "PRESENT_REF"),
            Lex::Kw(Kw::Right) if self.kw(i + 1, Kw::Now) => lit(i + 2, "PRESENT_REF"),
            Lex::Kw(Kw::Currently | Kw::Presently | Kw::Nowadays) => lit(i + 1, "PRESENT_REF"),
            Lex::Kw(Kw::These) if self.lx(i + 1) == Lex::Units(Unit::Day) => {
                lit(i + 2, "PRESENT_REF")
            }
            Lex::Kw(Kw::Present) if i > 0 && self.kw(i - 1, Kw::At) => lit(i + 1, "PRESENT_REF"),
            Lex::Kw(Kw::Current) if self.unit(i + 1).is_none() && !self.kw(i + 1, Kw::Period) => {
                lit(i + 1, "PRESENT_REF")
            }
            Lex::Kw(Kw::Recently | Kw::Lately) => lit(i + 1, "PAST_REF"),
            Lex::Kw(Kw::Recent) if self.unit(i + 1).is_none() && !self.kw(i + 1, Kw::Past) => {
                lit(i + 1, "PAST_REF")
            }
            Lex::Kw(Kw::Soon)
                if !(self.word_is(i + 1, "after") || i > 0 && self.kw(i - 1, Kw::As)) =>
            {
                lit(i + 1, "FUTURE_REF")
            }
            Lex::Kw(Kw::The) => match self.lx(i + 1) {
                Lex::Kw(Kw::Past) if self.count(i + 2).is_none() && self.unit(i + 2).is_none() => {
                    lit(i + 2, "PAST_REF")
                }
                Lex::Kw(Kw::Present) => lit(i + 2, "PRESENT_REF"),
                Lex::Kw(Kw::Future) => lit(i + 2, "FUTURE_REF"),
                Lex::Kw(Kw::Near) if self.kw(i + 2, Kw::Future) || self.kw(i + 2, Kw::Term) => {
                    lit(i + 3, "FUTURE_REF")
                }
                Lex::Kw(Kw::Short | Kw::Long) if self.kw(i + 2, Kw::Term) => {
                    lit(i + 3, "FUTURE_REF")
                }
                Lex::Kw(Kw::Weekend) => Some(Hit::date(i, i + 2, Sem::Weekend { dir: Dir::Lean })),
                // "the year-ago quarter", "the comparable year-earlier period"
                _ => {
                    let k = if self.kw(i + 1, Kw::Corresponding) {
                        i + 2
                    } else {
                        i + 1
                    };
                    if self.year_ago(k)
                        && matches!(
                            self.lx(k + 3),
                            Lex::Unit(Unit::Quarter) | Lex::Kw(Kw::Period)
                        )
                    {
                        Some(Hit::date(i, k + 4, Sem::YearAgo { period: true }))
                    } else {
                        None
                    }
                }
            },
            Lex::Unit(Unit::Year)
                if self.punct(i + 1, b'-') && self.glued(i + 1) && self.glued(i + 2) =>
            {
                match self.lx(i + 2) {
                    Lex::Kw(Kw::Earlier | Kw::Ago) => {
                        Some(Hit::date(i, i + 3, Sem::YearAgo { period: false }))
                    }
                    Lex::Kw(Kw::End) => Some(Hit::date(i, i + 3, Sem::YearEnd).with_mod("END")),
                    _ => None,
                }
            }
            // "by year end", "by year's end"
            Lex::Unit(Unit::Year) if self.kw(i + 1, Kw::End) && !self.kw(i + 2, Kw::Of) => {
                Some(Hit::date(i, i + 2, Sem::YearEnd).with_mod("END"))
            }
            Lex::Unit(Unit::Year)
                if self.punct(i + 1, b'\'')
                    && self.word_is(i + 2, "s")
                    && self.kw(i + 3, Kw::End) =>
            {
                Some(Hit::date(i, i + 4, Sem::YearEnd).with_mod("END"))
            }
            _ => None,
        }
    }

    /// "this year", "last week", "next month", "the current quarter", "the year",
    /// "last May", "this summer", "last night", "the previous year".
    fn reldir(&self, i: usize) -> Option<Hit> {
        // "summer 2024"
        if let Lex::Season(s) = self.lx(i) {
            if let Some((y, e)) = self.year_after(i + 1) {
                return Some(Hit::date(
                    i,
                    e,
                    Sem::Season {
                        s,
                        y: Some(y),
                        dir: Dir::Lean,
                    },
                ));
            }
        }
        let mut k = i;
        let the = self.kw(k, Kw::The);
        if the {
            k += 1;
        }
        #[derive(PartialEq, Clone, Copy)]
        enum R {
            This,
            Last,
            Next,
            Latest,
            Narr(i32),
            Plain,
            Full,
        }
        let r = match self.lx(k) {
            Lex::Kw(Kw::This) if !the => {
                if self.kw(k + 1, Kw::Past) {
                    k += 1;
                    R::Last
                } else if self.kw(k + 1, Kw::Coming) {
                    k += 1;
                    R::Next
                } else {
                    R::This
                }
            }
            Lex::Kw(Kw::Current) if the => R::This,
            Lex::Kw(Kw::Last) if !the => R::Last,
            Lex::Kw(Kw::Next) if !the => R::Next,
            Lex::Kw(Kw::Latest) if the => R::Latest,
            Lex::Kw(Kw::Previous) if the => R::Narr(-1),
            Lex::Kw(Kw::Following) if the => R::Narr(1),
            // "the next day", "the next morning": the day after the narrative's.
            Lex::Kw(Kw::Next)
                if the
                    && (self.lx(k + 1) == Lex::Unit(Unit::Day)
                        || matches!(self.lx(k + 1), Lex::PartOfDay(_))) =>
            {
                R::Narr(1)
            }
            // "that day", "that year", "that morning": the narrative's own.
            Lex::Kw(Kw::That)
                if !the && matches!(self.lx(k + 1), Lex::Unit(_) | Lex::PartOfDay(_)) =>
            {
                R::Narr(0)
            }
            Lex::Kw(Kw::Full | Kw::Whole | Kw::Entire) if the => R::Full,
            Lex::Kw(Kw::Fiscal) if the && self.lx(k + 1) == Lex::Unit(Unit::Year) => {
                return Some(Hit::lit(i, k + 2, TimexType::Duration, "P1Y"));
            }
            _ if the => R::Plain,
            _ => return None,
        };
        if r != R::Plain {
            k += 1;
        }
        if matches!(r, R::This | R::Last | R::Next)
            && self.kw(k, Kw::Fiscal)
            && self.lx(k + 1) == Lex::Unit(Unit::Year)
        {
            k += 1;
        }
        // "the year-ago results": the compound is recognised on its own.
        if self.punct(k + 1, b'-') && self.glued(k + 1) && self.glued(k + 2) {
            return None;
        }
        // "This Week" is a programme's name.
        if self.lx(k) != Lex::None
            && self.t.get(k).is_some_and(|t| t.capital)
            && matches!(self.lx(k), Lex::Unit(_))
        {
            return None;
        }
        let dir = match r {
            R::This | R::Full => Dir::This,
            R::Last => Dir::Last,
            R::Next => Dir::Next,
            _ => Dir::Lean,
        };
        let e = k + 1;
        match self.lx(k) {
            Lex::Unit(u) => {
                if matches!(u, Unit::Second | Unit::Minute | Unit::Hour) {
                    return None;
                }
                // "over the following decade", "for the following year": a stretch of
                // one unit, however the narrative places it.
                if r == R::Narr(1)
                    && self.kw(k - 1, Kw::Following)
                    && i.checked_sub(1).is_some_and(|p| {
                        ["over", "for", "throughout"]
                            .iter()
                            .any(|w| self.word_is(p, w))
                    })
                {
                    let one = Count {
                        n: Some(1),
                        half: false,
                        approx: false,
                        single: true,
                    };
                    return Some(Hit::lit(i, e, TimexType::Duration, &duration_value(u, one)));
                }
                let sem = match r {
                    R::This | R::Full => Sem::Rel { unit: u, n: 0 },
                    R::Last => Sem::Rel { unit: u, n: -1 },
                    R::Next => Sem::Rel { unit: u, n: 1 },
                    R::Latest => Sem::Rel {
                        unit: u,
                        n: if u == Unit::Quarter { -1 } else { 0 },
                    },
                    R::Narr(n) => Sem::NarrRel { unit: u, n },
                    R::Plain => {
                        // "the year", "the quarter", "the week"
                        match u {
                            Unit::Year if self.kw(e, Kw::Ended) => {
                                return Some(Hit::lit(i, e, TimexType::Duration, "P1Y"));
                            }
                            Unit::Year
                            | Unit::Month
                            | Unit::Week
                            | Unit::Decade
                            | Unit::Century => Sem::Rel { unit: u, n: 0 },
                            Unit::Quarter => Sem::Rel { unit: u, n: -1 },
                            // "the day before the plunge", "the day after Easter".
                            Unit::Day => return self.day_around(i, e),
                            _ => return None,
                        }
                    }
                };
                if u == Unit::Day && !matches!(r, R::Narr(_)) {
                    return None;
                }
                // "the week of March 5"
                if u == Unit::Week && r == R::Plain && self.kw(e, Kw::Of) {
                    if let Some(d) = self.day_hit(e + 1) {
                        return Some(Hit::date(i, d.e, Sem::WeekOf(Box::new(d.sem))));
                    }
                }
                Some(Hit::date(i, e, sem))
            }
            Lex::Kw(Kw::Period) if r == R::Latest => Some(Hit::date(
                i,
                e,
                Sem::Rel {
                    unit: Unit::Quarter,
                    n: -1,
                },
            )),
            Lex::Kw(Kw::Period) => None,
            Lex::Month(m) | Lex::MonthAbbr(m)
                if !the && self.t.get(k).is_some_and(|t| t.capital) =>
            {
                // "last Oct. 23": that day's latest occurrence.
                if let Some((_, me, _)) = self.month(k) {
                    if let Some((d, de)) = self.day(me) {
                        if valid_day(None, m, d) && !self.punct(de, b':') {
                            return Some(Hit::date(i, de, Sem::DayDir { m, d, dir }));
                        }
                    }
                }
                Some(Hit::date(i, e, Sem::Month { m, dir }))
            }
            Lex::Season(s) if r != R::Latest => {
                let (y, e) = match self.year_after(e) {
                    Some((y, ye)) => (Some(y), ye),
                    None if self.kw(e, Kw::Of) => match self.year_num(e + 1) {
                        Some(y) => (Some(y), e + 2),
                        // "the winter of nineteen ninety-four"
                        None => match self.spelled_year(e + 1) {
                            Some((ye, y)) => (Some(y), ye),
                            None => (None, e),
                        },
                    },
                    None => (None, e),
                };
                if r == R::Plain && y.is_none() && !the {
                    return None;
                }
                Some(Hit::date(i, e, Sem::Season { s, y, dir }))
            }
            Lex::Kw(Kw::Weekend) if matches!(r, R::This | R::Last | R::Next) => {
                Some(Hit::date(i, e, Sem::Weekend { dir }))
            }
            Lex::PartOfDay(pd) if matches!(r, R::This | R::Last) => {
                let n = if r == R::Last { -1 } else { 0 };
                if r == R::Last && pd != PartOfDay::Night {
                    return None;
                }
                Some(Hit::new(
                    i,
                    e,
                    TimexType::Time,
                    Sem::Time {
                        day: Box::new(Sem::Rel { unit: Unit::Day, n }),
                        clock: Clock::Pod(pd),
                    },
                ))
            }
            // "that morning", "the next morning", "the following night"
            Lex::PartOfDay(pd) if matches!(r, R::Narr(_)) => {
                let n = if let R::Narr(n) = r { n } else { 0 };
                Some(Hit::new(
                    i,
                    e,
                    TimexType::Time,
                    Sem::Time {
                        day: Box::new(Sem::NarrRel { unit: Unit::Day, n }),
                        clock: Clock::Pod(pd),
                    },
                ))
            }
            _ => None,
        }
    }

    /// A day that a date names exactly at `j`: a calendar day, a holiday, a weekday.
    fn day_hit(&self, j: usize) -> Option<Hit> {
        let h = self
            .calendar(j)
            .filter(|h| matches!(h.sem, Sem::Cal { d: Some(_), .. }));
        let h = h.or_else(|| self.holiday(j));
        let h = h.or_else(|| self.weekday(j).filter(|h| h.ty == TimexType::Date));
        h.filter(|h| h.s == j)
    }

    /// "the day before Thanksgiving", "the day after March 5": one expression, a day
    /// from that date. Before an event ("the day before the plunge") the expression is
    /// "the day", dated where the event is (TimeBank), unknown here.
    fn day_around(&self, i: usize, e: usize) -> Option<Hit> {
        let n = match self.t.get(e).map(|_| self.bytes(e)) {
            Some(w) if w.eq_ignore_ascii_case(b"before") => -1,
            Some(w) if w.eq_ignore_ascii_case(b"after") => 1,
            _ => return None,
        };
        if let Some(d) = self.day_hit(e + 1) {
            return Some(Hit::date(
                i,
                d.e,
                Sem::DayShift {
                    day: Box::new(d.sem),
                    n,
                },
            ));
        }
        Some(Hit::lit(i, e, TimexType::Date, "XXXX-XX-XX"))
    }

    // ----- quarters and halves -----

    fn quarter(&self, i: usize) -> Option<Hit> {
        let mut k = i;
        let mut y = None;
        let mut rel_year = None;
        let the = self.kw(k, Kw::The);
        if the {
            k += 1;
            if self.year_ago(k) {
                // "the year-ago third quarter"
                rel_year = Some(-1);
                k += 3;
            } else if let Some(yy) = self.year_num(k) {
                // "the 1988 second quarter", "the 1988 period"
                if matches!(
                    self.lx(k + 1),
                    Lex::Unit(Unit::Quarter) | Lex::Kw(Kw::Period)
                ) {
                    return Some(Hit::date(i, k + 2, Sem::YearPeriod(yy)));
                }
                y = Some(yy);
                k += 1;
            }
        } else if let Lex::Kw(w @ (Kw::This | Kw::Last | Kw::Next)) = self.lx(k) {
            // "this year's third quarter"
            if self.lx(k + 1) == Lex::Unit(Unit::Year)
                && self.punct(k + 2, b'\'')
                && self.word_is(k + 3, "s")
            {
                rel_year = Some(match w {
                    Kw::This => 0,
                    Kw::Last => -1,
                    _ => 1,
                });
                k += 4;
                if self.kw(k, Kw::The) {
                    return None;
                }
            } else {
                return None;
            }
        } else if let Some(yy) = self.year_num(k) {
            if self.punct(k + 1, b'\'') && self.word_is(k + 2, "s") {
                y = Some(yy);
                k += 3;
            }
        }
        if self.kw(k, Kw::Fiscal) {
            k += 1;
        }
        // "Q3", "Q3 2025", "H1 2025"
        let t = self.t.get(k)?;
        let b = self.bytes(k);
        let quarter_code = b.len() == 2 && b[0] == b'Q' && (b'1'..=b'4').contains(&b[1]);
        let half_code = b.len() == 2 && b[0] == b'H' && (b'1'..=b'2').contains(&b[1]);
        if t.kind == TokKind::Word && (quarter_code || half_code) {
            let q = u32::from(b[1] - b'0');
            let mut e = k + 1;
            if let Some((yy, ye)) = self.year_after(e) {
                y = Some(yy);
                e = ye;
            }
            return Some(Hit::date(
                i,
                e,
                Sem::Quarter {
                    q,
                    y,
                    half: half_code,
                    rel_year,
                },
            ));
        }
        let q = match t.lex {
            Lex::Ord(n @ 1..=4) => n,
            Lex::Unit(Unit::Second) => 2,
            _ if t.kind == TokKind::NumSuffix && t.digits == 1 && self.ordinal_suffix(k) => {
                t.value?
            }
            _ => return None,
        };
        let mut e = k + 1;
        if self.punct(e, b'-') && self.glued(e) && self.glued(e + 1) {
            // "the third-quarter loss": the article belongs to the noun.
            if the && y.is_none() && rel_year.is_none() {
                return None;
            }
            e += 1;
        }
        let half = match self.lx(e) {
            Lex::Unit(Unit::Quarter) if (1..=4).contains(&q) => false,
            Lex::Kw(Kw::Half) if (1..=2).contains(&q) => true,
            _ => return None,
        };
        e += 1;
        // "of 2025", "2025", "of this year", "of the year"
        if y.is_none() && rel_year.is_none() {
            if let Some((yy, ye)) = self.year_after(e) {
                y = Some(yy);
                e = ye;
            } else if self.kw(e, Kw::Of) {
                if let Some(yy) = self.year_num(e + 1) {
                    y = Some(yy);
                    e += 2;
                } else if self.kw(e + 1, Kw::Fiscal) && self.year_num(e + 2).is_some() {
                    y = self.year_num(e + 2);
                    e += 3;
                } else if self.lx(e + 2) == Lex::Unit(Unit::Year) {
                    match self.lx(e + 1) {
                        Lex::Kw(Kw::This | Kw::The) => {
                            rel_year = Some(0);
                            e += 3;
                        }
                        Lex::Kw(Kw::Last) => {
                            rel_year = Some(-1);
                            e += 3;
                        }
                        Lex::Kw(Kw::Next) => {
                            rel_year = Some(1);
                            e += 3;
                        }
                        _ => {}
                    }
                }
            }
        }
        Some(Hit::date(
            i,
            e,
            Sem::Quarter {
                q,
                y,
                half,
                rel_year,
            },
        ))
    }

    // ----- times of day -----

    fn time(&self, i: usize) -> Option<Hit> {
        let (clock, mut e) = match self.lx(i) {
            Lex::Kw(Kw::Noon) => (Clock::Hm(12, 0), i + 1),
            Lex::Kw(Kw::Midnight) => (Clock::Hm(24, 0), i + 1),
            _ => {
                // "3pm" is one token
                let (h, mut inline) = match self.suffix_meridiem(i) {
                    Some((v, pm)) => (v, Some(pm)),
                    None => (self.num(i)?, None),
                };
                let (m, e) = if inline.is_none()
                    && self.punct(i + 1, b':')
                    && self.glued(i + 1)
                    && self.glued(i + 2)
                {
                    let t = self.t.get(i + 2)?;
                    if t.digits != 2 {
                        return None;
                    }
                    // "3:30pm"
                    match self.suffix_meridiem(i + 2) {
                        Some((v, pm)) => {
                            inline = Some(pm);
                            (v, i + 3)
                        }
                        None => (self.num(i + 2)?, i + 3),
                    }
                } else {
                    (0, i + 1)
                };
                if m > 59 {
                    return None;
                }
                // "p.m.", "pm", "a.m."
                let (pm, e) = if let Some(pm) = inline {
                    (Some(pm), e)
                } else if let Some((pm, ae)) = self.meridiem(e) {
                    (Some(pm), ae)
                } else {
                    (None, e)
                };
                match pm {
                    Some(pm) => {
                        if !(1..=12).contains(&h) {
                            return None;
                        }
                        let hh = match (h, pm) {
                            (12, false) => 0,
                            (12, true) => 12,
                            (h, true) => h + 12,
                            (h, false) => h,
                        };
                        (Clock::Hm(hh, m), e)
                    }
                    None => {
                        // 24-hour clock only with a zone: "15:30 GMT"
                        if e == i + 1 || h > 23 || !self.zone(e) {
                            return None;
                        }
                        (Clock::Hm(h, m), e)
                    }
                }
            }
        };
        if self.zone(e) {
            e += 1;
        }
        // The day the time is on: "5 p.m. EST, Nov. 6", "noon Thursday", "10 p.m. yesterday",
        // "9:30 a.m. on Wednesday".
        let c = if self.punct(e, b',') || self.word_is(e, "on") {
            e + 1
        } else {
            e
        };
        let day_hit = self
            .weekday(c)
            .filter(|h| h.s == c && h.ty == TimexType::Date)
            .or_else(|| {
                self.calendar(c)
                    .filter(|h| h.s == c && matches!(h.sem, Sem::Cal { d: Some(_), .. }))
            })
            .or_else(|| {
                self.relword(c)
                    .filter(|h| h.s == c && matches!(h.sem, Sem::Rel { .. }))
            });
        let day = match day_hit {
            Some(h) => {
                e = h.e;
                h.sem
            }
            None => Sem::Rel {
                unit: Unit::Day,
                n: 0,
            },
        };
        Some(Hit::new(
            i,
            e,
            TimexType::Time,
            Sem::Time {
                day: Box::new(day),
                clock,
            },
        ))
    }

    /// "3pm", "30am": digits glued to a meridiem, as (number, afternoon).
    fn suffix_meridiem(&self, j: usize) -> Option<(u32, bool)> {
        let t = self.t.get(j)?;
        if t.kind != TokKind::NumSuffix {
            return None;
        }
        let b = self.bytes(j);
        let suffix = b.get(t.digits as usize..)?;
        if suffix.eq_ignore_ascii_case(b"am") {
            Some((t.value?, false))
        } else if suffix.eq_ignore_ascii_case(b"pm") {
            Some((t.value?, true))
        } else {
            None
        }
    }

    fn meridiem(&self, j: usize) -> Option<(bool, usize)> {
        let t = self.t.get(j)?;
        if t.kind != TokKind::Word {
            return None;
        }
        let b = self.bytes(j);
        if b.eq_ignore_ascii_case(b"am") || b.eq_ignore_ascii_case(b"pm") {
            return Some((b[0] == b'p' || b[0] == b'P', j + 1));
        }
        if (b.eq_ignore_ascii_case(b"a") || b.eq_ignore_ascii_case(b"p"))
            && self.punct(j + 1, b'.')
            && self.glued(j + 1)
            && self.word_is(j + 2, "m")
            && self.glued(j + 2)
        {
            let e = if self.punct(j + 3, b'.') && self.glued(j + 3) {
                j + 4
            } else {
                j + 3
            };
            return Some((b[0] == b'p' || b[0] == b'P', e));
        }
        None
    }

    fn zone(&self, j: usize) -> bool {
        [
            "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet",
            "cest", "et", "pt", "ct", "msk",
        ]
        .iter()
        .any(|z| self.word_is(j, z) && self.t.get(j).is_some_and(|t| t.capital))
    }

    // ----- tense -----

    /// Past or future by the nearest tense cue in the sentence around tokens `s..e`.
    fn lean(&self, s: usize, e: usize, bounds: (usize, usize)) -> Lean {
        // The nearest cue within a clause's reach; a bounded window also keeps a
        // pathological "sentence" of thousands of dates linear.
        let lo = bounds.0.max(s.saturating_sub(TENSE_REACH));
        let hi = bounds.1.min(e.saturating_add(TENSE_REACH));
        // A deadline looks ahead ("until mid-November", "payable by Jan. 2"), but
        // after a past verb of its own clause it ends a past state or was met ("the
        // curfew lasted until Tuesday", "had filed reports by Wednesday"); a deadline
        // given in the past still looks ahead ("gave them until May").
        let deadline = s > lo
            && [
                "until",
                "till",
                "by",
                "effective",
                "expire",
                "expires",
                "payable",
            ]
            .iter()
            .any(|w| self.word_is(s - 1, w))
            // "to run through June" is a deadline too, but "this year through August"
            // and "from March through June" close a period that leans as it would.
            // "was extended to Nov. 16", "postponed to March": the new deadline.
            || (s > lo + 1 && self.kw(s - 1, Kw::To) && self.moves_deadline(s - 2))
            || (s > lo + 1
                && (self.word_is(s - 1, "through") || self.word_is(s - 1, "thru"))
                && self.lx(s - 2) == Lex::None
                && self.t.get(s - 2).is_some_and(|t| t.kind == TokKind::Word));
        if deadline {
            let mut j = s - 1;
            while j > lo && j + 6 > s {
                j -= 1;
                // Punctuation ends the clause, but not the comma of "481,000".
                if matches!(self.t.get(j).map(|t| t.kind), Some(TokKind::Punct(_)))
                    && !(self.glued(j) && self.glued(j + 1))
                {
                    break;
                }
                // A verb that sets or moves the deadline owns it ("was postponed
                // until Saturday").
                if ["gave", "given", "set"].iter().any(|w| self.word_is(j, w))
                    || self.moves_deadline(j)
                {
                    break;
                }
                // A verb, not "last" or "earlier".
                if self.tense_of(j, true) == Some(Lean::Past) && self.lx(j) == Lex::None {
                    return Lean::Past;
                }
            }
            return Lean::Future;
        }
        // The verb that governs the expression outranks a reporting verb further off
        // ("will meet on Tuesday, he said"), and "would" in past narrative is the
        // future of a past time, not of the anchor ("talks that would last until May
        // began in March").
        let mut reported = None;
        let mut would = false;
        // A past form further off than `tense_of` trusts ("On Feb. 28, the bank
        // released a note saying growth would slow over the next decade"): too weak to
        // decide on its own, it still outranks a future cue beyond it, which belongs
        // to the verb's own clause.
        let mut past_first = false;
        // An infinitive that governs the expression ("said it expected the merger to
        // close in May", "is to run through June") is still to happen when the report
        // around it was made: it outranks the reporting verb's past.
        let infinitive = self.infinitive_before(s);
        let decide = |x: Lean, would: bool| match (x, would) {
            (Lean::Past, true) => Lean::Either,
            (Lean::Past, false) => Lean::Past,
            _ => Lean::Future,
        };
        // Beyond a reporting verb lie the reporter's clause or another quotation
        // ("'we're going to stop,' she said as they marched early Sunday"): the search
        // stops there on that side, unless the verb is parenthetical (", officials
        // said, will").
        let (mut lo, mut hi) = (lo, hi);
        let mut l = s;
        let mut r = e;
        loop {
            let mut moved = false;
            if l > lo {
                l -= 1;
                moved = true;
                if let Some(x) = self.tense_of(l, s - l <= 3) {
                    if self.reporting(l) && s - l > 2 {
                        reported = reported.or(Some(x));
                        if !self.punct(l + 1, b',') {
                            lo = l;
                        }
                    } else if self.word_is(l, "would") {
                        would = true;
                    } else {
                        return decide(x, would);
                    }
                }
            }
            if r < hi {
                moved = true;
                if let Some(x) = self.tense_of(r, r - e < 2) {
                    if self.reporting(r) && r - e > 1 {
                        reported = reported.or(Some(x));
                        if !self.punct(r + 1, b',') {
                            hi = r;
                        }
                    } else if self.word_is(r, "would") {
                        would = true;
                    } else if past_first && x == Lean::Future {
                        return Lean::Either;
                    } else {
                        return decide(x, would);
                    }
                } else if !would && self.past_form(r) {
                    past_first = true;
                }
                r += 1;
            }
            if !moved {
                return match (would, reported) {
                    (true, _) if past_first => Lean::Either,
                    (true, _) => Lean::Future,
                    (false, _) if infinitive => Lean::Future,
                    (false, Some(x)) => x,
                    (false, None) => Lean::Either,
                };
            }
        }
    }

    /// A verb that moves a deadline at `j`: "extended", "postponed", "delayed".
    fn moves_deadline(&self, j: usize) -> bool {
        [
            "extended",
            "postponed",
            "delayed",
            "deferred",
            "adjourned",
            "rescheduled",
            "moved",
            "extend",
            "postpone",
            "delay",
            "defer",
            "adjourn",
            "reschedule",
        ]
        .iter()
        .any(|w| self.word_is(j, w))
    }

    /// Whether an infinitive governs the expression that starts at token `s`: "to" and
    /// a verb right before it, or before one of its prepositions ("to close in May",
    /// "to resume Monday", "to respond by Oct. 31"). Not "to Paris", "to the board".
    fn infinitive_before(&self, s: usize) -> bool {
        let Some(mut v) = s.checked_sub(1) else {
            return false;
        };
        if [
            "in", "on", "by", "until", "through", "before", "after", "at",
        ]
        .iter()
        .any(|w| self.word_is(v, w))
        {
            let Some(p) = v.checked_sub(1) else {
                return false;
            };
            v = p;
        }
        v > 0
            && self.kw(v - 1, Kw::To)
            && self
                .t
                .get(v)
                .is_some_and(|t| t.kind == TokKind::Word && t.lex == Lex::None && !t.capital)
    }

    /// A simple past at `j` read from its form alone: "-ed", and not an adjective or a
    /// passive participle after a determiner or "be" ("the injured man", "is expected").
    fn past_form(&self, j: usize) -> bool {
        let Some(t) = self.t.get(j) else {
            return false;
        };
        let w = self.bytes(j);
        t.kind == TokKind::Word
            && t.lex == Lex::None
            && w.len() >= 5
            && w.ends_with(b"ed")
            && !w.ends_with(b"eed")
            && !(j > 0
                && [
                    "be", "is", "are", "am", "was", "were", "been", "being", "a", "an", "the",
                    "its", "his", "her", "their", "our",
                ]
                .iter()
                .any(|x| self.word_is(j - 1, x)))
    }

    /// A verb of reporting at `j` ("said", "told"): it dates the report, and governs an
    /// expression only right beside it ("said Tuesday", "said on Tuesday").
    fn reporting(&self, j: usize) -> bool {
        [
            "said",
            "told",
            "says",
            "added",
            "announced",
            "reported",
            "stated",
            "noted",
        ]
        .iter()
        .any(|w| self.word_is(j, w))
    }

    /// The tense a word signals. A verb in "-ed" counts only `near` the expression
    /// ("issued July 1", "ended Jan. 31"): further away it is as often an adjective or a
    /// passive ("will be completed").
    fn tense_of(&self, j: usize, near: bool) -> Option<Lean> {
        let t = self.t.get(j)?;
        if t.kind != TokKind::Word
            || t.lex != Lex::None
                && !matches!(
                    t.lex,
                    Lex::Kw(
                        Kw::Last
                            | Kw::Next
                            | Kw::Coming
                            | Kw::Upcoming
                            | Kw::Soon
                            | Kw::Tomorrow
                            | Kw::Yesterday
                            | Kw::Ago
                            | Kw::Earlier
                            | Kw::Ended
                    )
                )
        {
            return None;
        }
        let w = self.bytes(j);
        if w.len() > 12 {
            return None;
        }
        let mut buf = [0u8; 12];
        for (b, c) in buf.iter_mut().zip(w) {
            *b = c.to_ascii_lowercase();
        }
        let w = &buf[..w.len()];
        // "Next to" is a place.
        if w == b"next" && self.kw(j + 1, Kw::To) {
            return None;
        }
        // Each list is a `match` on the word, which compiles to a switch on its length
        // and a few comparisons, rather than a scan of every entry.
        let future = matches!(
            w,
            b"will"
                | b"shall"
                | b"would"
                | b"tomorrow"
                | b"next"
                | b"coming"
                | b"upcoming"
                | b"soon"
                | b"ll"
        );
        if future {
            return Some(Lean::Future);
        }
        let future_to = matches!(
            w,
            b"scheduled"
                | b"expected"
                | b"plans"
                | b"planned"
                | b"plan"
                | b"set"
                | b"slated"
                | b"likely"
                | b"going"
                | b"intends"
                | b"due"
                | b"aims"
                | b"hopes"
                | b"supposed"
        );
        if future_to && self.kw(j + 1, Kw::To) {
            return Some(Lean::Future);
        }
        // A present tense that a timetable uses ("the law takes effect Jan. 1",
        // "voters go to the polls on Nov. 5", "the season opens in April"): the
        // forms chosen are rarely nouns or habits in news.
        let scheduled = matches!(
            w,
            b"begins"
                | b"starts"
                | b"opens"
                | b"expires"
                | b"resumes"
                | b"convenes"
                | b"goes"
                | b"go"
                | b"takes"
                | b"arrives"
                | b"visits"
                | b"premieres"
        );
        if scheduled {
            return Some(Lean::Future);
        }
        // A participle after "be" ("would be published", "are planned for") or a
        // determiner ("the injured man", "a scheduled flight") carries no tense of its
        // own.
        let passive = j > 0
            && [
                "be", "is", "are", "am", "being", "a", "an", "the", "its", "his", "her", "their",
                "our",
            ]
            .iter()
            .any(|x| self.word_is(j - 1, x));
        // Simple past forms that are rarely participles.
        let past = matches!(
            w,
            b"met"
                | b"told"
                | b"said"
                | b"was"
                | b"were"
                | b"had"
                | b"did"
                | b"took"
                | b"rose"
                | b"fell"
                | b"came"
                | b"went"
                | b"began"
                | b"gave"
                | b"got"
                | b"saw"
                | b"won"
                | b"became"
                | b"knew"
                | b"wrote"
                | b"spoke"
                | b"ran"
                | b"fled"
                | b"struck"
                | b"ago"
                | b"yesterday"
                | b"last"
                | b"earlier"
                | b"previously"
                | b"ended"
        );
        if past || (near && !passive && w.len() >= 5 && w.ends_with(b"ed") && !w.ends_with(b"eed"))
        {
            return Some(Lean::Past);
        }
        None
    }
}

/// Resolves hits to TIMEX3 values against the anchor, in document order.
struct Resolver<'a, 'c> {
    p: &'a Parser<'a>,
    ctx: &'a Context<'c>,
    anchor: Option<NaiveDate>,
    /// Undated document: dates without a year take the narrative's last year.
    narrative: bool,
    /// What the text named so far, carried from piece to piece.
    memory: Memory,
}

/// What the resolver remembers of the dates a text named so far.
#[derive(Debug, Clone, Copy, Default)]
struct Memory {
    last_year: Option<i32>,
    last_date: Option<NaiveDate>,
    /// The quarter a report last named, as (year, quarter): "a year ago" then means
    /// that quarter a year earlier.
    last_quarter: Option<(i32, u32)>,
    /// The last year named, with the paragraph that named it.
    para_year: Option<(usize, i32)>,
}

impl Resolver<'_, '_> {
    fn lean(&self, h: &Hit) -> Lean {
        // An inferred anchor is the latest date the text names: what it leaves
        // underspecified lies before it.
        if self.narrative {
            return Lean::Past;
        }
        self.p.lean(h.s, h.e, sentence_bounds(self.p, self.ctx, h))
    }

    fn paragraph(&self, h: &Hit) -> usize {
        let at = self.p.base + self.p.t.get(h.s).map_or(0, |t| t.start());
        self.ctx
            .segments
            .paragraphs
            .partition_point(|p| p.end <= at)
    }

    /// In an undated text, the year the current paragraph has already named ("In 1998,
    /// ... On 9 May, ..." keeps 1998).
    fn paragraph_year(&self, h: &Hit) -> Option<i32> {
        if !self.narrative {
            return None;
        }
        let (p, y) = self.memory.para_year?;
        (p == self.paragraph(h)).then_some(y)
    }

    fn value(&mut self, h: &Hit, borrowed: Option<i32>) -> Option<String> {
        let v = self.resolve(&h.sem, h, borrowed)?;
        let named_year = match h.sem {
            Sem::Year(y) | Sem::Cal { y: Some(y), .. } => Some(y),
            Sem::Cal { y: None, .. } => borrowed,
            _ => None,
        };
        if let Some(y) = named_year {
            self.memory.para_year = Some((self.paragraph(h), y));
        }
        let named = !matches!(h.sem, Sem::YearAgo { .. } | Sem::YearPeriod(_));
        if let Some((y, q)) = v.split_once("-Q").filter(|_| named) {
            if let (Ok(y), Ok(q)) = (y.parse::<i32>(), q.parse::<u32>()) {
                self.memory.last_quarter = Some((y, q));
            }
        }
        Some(v)
    }

    fn resolve(&mut self, sem: &Sem, h: &Hit, borrowed: Option<i32>) -> Option<String> {
        Some(match sem {
            Sem::Lit(v) => v.clone(),
            Sem::Year(y) => {
                self.memory.last_year = Some(*y);
                self.memory.last_date = None;
                fmt_year(*y)
            }
            Sem::Cal { y, m, d } => {
                let y = match (y, borrowed) {
                    (Some(y), _) => {
                        self.memory.last_year = Some(*y);
                        Some(*y)
                    }
                    (None, Some(b)) => Some(b),
                    (None, None) => match self.paragraph_year(h) {
                        Some(y) => Some(y),
                        None => self.anchor.map(|r| year_for(r, *m, self.lean(h))),
                    },
                };
                match (y, d) {
                    (Some(y), Some(d)) => {
                        let date = NaiveDate::from_ymd_opt(y, *m, *d)?;
                        self.memory.last_date = Some(date);
                        self.memory.last_year = Some(y);
                        fmt_day(date)
                    }
                    (Some(y), None) => fmt_month(y, *m),
                    (None, Some(d)) => {
                        if !valid_day(None, *m, *d) {
                            return None;
                        }
                        format!("XXXX-{m:02}-{d:02}")
                    }
                    (None, None) => format!("XXXX-{m:02}"),
                }
            }
            Sem::Rel { unit, n } => match self.anchor {
                Some(a) => relative(a, *unit, *n)?,
                None => match n.signum() {
                    -1 => "PAST_REF".into(),
                    1 => "FUTURE_REF".into(),
                    _ => "PRESENT_REF".into(),
                },
            },
            // "that quarter", "the following quarter": from the quarter last named.
            Sem::NarrRel {
                unit: Unit::Quarter,
                n,
            } if self.memory.last_quarter.is_some() => {
                let (y, q) = self.memory.last_quarter?;
                let idx = i64::from(y) * 4 + i64::from(q) - 1 + i64::from(*n);
                format!(
                    "{}-Q{}",
                    fmt_year(i32::try_from(idx.div_euclid(4)).ok()?),
                    idx.rem_euclid(4) + 1
                )
            }
            Sem::NarrRel { unit, n } => {
                let base = match (self.memory.last_date, self.memory.last_year) {
                    (Some(d), _) => Some(d),
                    (None, Some(y)) => NaiveDate::from_ymd_opt(y, 7, 1),
                    _ => self.anchor,
                };
                match base {
                    Some(b) => relative(b, *unit, *n)?,
                    None => return None,
                }
            }
            Sem::Weekday { wd, dir } => match self.anchor {
                Some(a) => {
                    let step = match dir {
                        Dir::Last => -1,
                        Dir::Next => 1,
                        _ => 0,
                    };
                    let lean = match dir {
                        Dir::Lean => self.lean(h),
                        _ => Lean::Either,
                    };
                    let d = weekday_near(a, *wd, step, lean)?;
                    fmt_day(d)
                }
                None => format!("XXXX-WXX-{wd}"),
            },
            Sem::Month { m, dir } => match self.anchor {
                Some(a) => {
                    let (ay, am) = (a.year(), a.month());
                    let y = match dir {
                        Dir::Last => {
                            if *m < am {
                                ay
                            } else {
                                ay - 1
                            }
                        }
                        Dir::Next => {
                            if *m > am {
                                ay
                            } else {
                                ay + 1
                            }
                        }
                        Dir::This => ay,
                        Dir::Lean => year_for(a, *m, self.lean(h)),
                    };
                    fmt_month(y, *m)
                }
                None => format!("XXXX-{m:02}"),
            },
            Sem::Season { s, y, dir } => {
                let y = match (y, self.anchor) {
                    (Some(y), _) => *y,
                    (None, Some(a)) => {
                        let (ay, am) = (a.year(), a.month());
                        let sm = s.month();
                        match dir {
                            Dir::Last => {
                                if sm + 2 < am {
                                    ay
                                } else {
                                    ay - 1
                                }
                            }
                            Dir::Next => {
                                if sm > am {
                                    ay
                                } else {
                                    ay + 1
                                }
                            }
                            Dir::This => ay,
                            Dir::Lean => year_for(a, sm, self.lean(h)),
                        }
                    }
                    (None, None) => return Some(format!("XXXX-{}", s.code())),
                };
                format!("{}-{}", fmt_year(y), s.code())
            }
            Sem::Quarter {
                q,
                y,
                half,
                rel_year,
            } => {
                let letter = if *half { "H" } else { "Q" };
                let y = match (y, rel_year, self.anchor) {
                    (Some(y), _, _) => *y,
                    (None, Some(r), Some(a)) => a.year() + r,
                    (None, None, Some(a)) => {
                        // A quarter up to the current one is this year's, even when results
                        // are still to be reported; a later one is last year's unless the
                        // sentence looks ahead.
                        let cur = if *half {
                            (a.month() - 1) / 6 + 1
                        } else {
                            quarter_of(a.month())
                        };
                        if *q <= cur || self.lean(h) == Lean::Future {
                            a.year()
                        } else {
                            a.year() - 1
                        }
                    }
                    _ => return Some(format!("XXXX-{letter}{q}")),
                };
                format!("{}-{letter}{q}", fmt_year(y))
            }
            Sem::MonthRelYear { m, n } => match self.anchor {
                Some(a) => fmt_month(a.year() + n, *m),
                None => format!("XXXX-{m:02}"),
            },
            Sem::YearAgo { period } => match (self.memory.last_quarter, self.anchor) {
                (Some((y, q)), _) => format!("{}-Q{q}", fmt_year(y - 1)),
                (None, Some(a)) if *period => relative(a, Unit::Quarter, -5)?,
                (None, Some(a)) => relative(a, Unit::Year, -1)?,
                (None, None) => "PAST_REF".into(),
            },
            Sem::YearEnd => match self.anchor {
                Some(a) => {
                    let back = self.lean(h) == Lean::Past && !(a.month() == 12 && a.day() == 31);
                    let y = if back { a.year() - 1 } else { a.year() };
                    format!("{}-12-31", fmt_year(y))
                }
                None => "XXXX-12-31".into(),
            },
            Sem::DayShift { day, n } => {
                let v = self.resolve(day, h, None)?;
                match v.parse::<NaiveDate>() {
                    Ok(d) => fmt_day(calendar::add_days(d, i64::from(*n))?),
                    Err(_) => "XXXX-XX-XX".into(),
                }
            }
            Sem::WeekOf(day) => {
                let v = self.resolve(day, h, None)?;
                match v.parse::<NaiveDate>() {
                    Ok(d) => {
                        let w = d.iso_week();
                        format!("{}-W{:02}", fmt_year(w.year()), w.week())
                    }
                    Err(_) => "XXXX-WXX".into(),
                }
            }
            Sem::DayDir { m, d, dir } => match self.anchor {
                Some(a) => {
                    let near = |y: i32| NaiveDate::from_ymd_opt(y, *m, *d);
                    let ay = a.year();
                    let date = match dir {
                        Dir::Last => [ay, ay - 1].into_iter().filter_map(near).find(|x| *x < a),
                        Dir::Next => [ay, ay + 1].into_iter().filter_map(near).find(|x| *x > a),
                        Dir::This => near(ay),
                        Dir::Lean => near(year_for(a, *m, self.lean(h))),
                    }?;
                    self.memory.last_date = Some(date);
                    fmt_day(date)
                }
                None => format!("XXXX-{m:02}-{d:02}"),
            },
            Sem::Holiday { h: hol, y } => {
                let date = match (y, self.anchor) {
                    (Some(y), _) => holiday_date(*hol, *y),
                    (None, Some(a)) => holiday_near(a, *hol, self.lean(h)),
                    (None, None) => {
                        let m = hol.month();
                        return Some(match hol.fixed_day() {
                            Some(d) => format!("XXXX-{m:02}-{d:02}"),
                            None => format!("XXXX-{m:02}"),
                        });
                    }
                }?;
                self.memory.last_date = Some(date);
                self.memory.last_year = Some(date.year());
                fmt_day(date)
            }
            Sem::YearPeriod(y) => match self.memory.last_quarter {
                Some((_, q)) => format!("{}-Q{q}", fmt_year(*y)),
                None => fmt_year(*y),
            },
            Sem::Weekend { dir } => match self.anchor {
                Some(a) => {
                    let step = match dir {
                        Dir::Last => -1,
                        Dir::Next => 1,
                        _ => 0,
                    };
                    let lean = match dir {
                        Dir::Lean => self.lean(h),
                        _ => Lean::Either,
                    };
                    let sat = weekday_near(a, 6, step, lean)?;
                    let w = sat.iso_week();
                    format!("{}-W{:02}-WE", fmt_year(w.year()), w.week())
                }
                None => "XXXX-WXX-WE".into(),
            },
            Sem::Time { day, clock } => {
                let d = self.resolve(day, h, None)?;
                let d = if d.len() == 10 {
                    d
                } else {
                    self.anchor.map_or_else(|| "XXXX-XX-XX".into(), fmt_day)
                };
                match clock {
                    Clock::Hm(hh, mm) => format!("{d}T{hh:02}:{mm:02}"),
                    Clock::Pod(p) => format!("{d}T{}", p.code()),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests;
