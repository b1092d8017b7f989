//! The words temporal expressions are built from, and the one-pass tokeniser that tags
//! them.
//!
//! Every word of the text is looked up once, case-insensitively, while it is scanned:
//! its lower-cased bytes are packed into one integer key, a 512-byte bit filter turns
//! away almost every word that is not in the lexicon, and an open-addressing table
//! answers the rest. The grammar in the parent module then only compares small enum
//! values. Words longer than fifteen bytes are never looked up.

use std::sync::OnceLock;

/// A unit of calendar time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
}

impl Unit {
    /// The TIMEX3 duration letter and how many of it one unit makes ("decade" is ten
    /// years: "two decades" is P20Y).
    pub fn duration(self) -> (&'static str, u32, bool) {
        // (letter, multiplier, is a time unit written after "T")
        match self {
            Unit::Second => ("S", 1, true),
            Unit::Minute => ("M", 1, true),
            Unit::Hour => ("H", 1, true),
            Unit::Day => ("D", 1, false),
            Unit::Week => ("W", 1, false),
            Unit::Fortnight => ("W", 2, false),
            Unit::Month => ("M", 1, false),
            Unit::Quarter => ("Q", 1, false),
            Unit::Year => ("Y", 1, false),
            Unit::Decade => ("Y", 10, false),
            Unit::Century => ("Y", 100, false),
            Unit::Millennium => ("Y", 1000, false),
        }
    }

    /// The letter for an unknown count ("centuries" is PXC, "decades" PXE).
    pub fn vague_letter(self) -> &'static str {
        match self {
            Unit::Decade => "E",
            Unit::Century => "C",
            Unit::Millennium => "L",
            Unit::Fortnight => "W",
            other => other.duration().0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// A month inside the season, to order it against the anchor.
    pub fn month(self) -> u32 {
        match self {
            Season::Spring => 4,
            Season::Summer => 7,
            Season::Fall => 10,
            Season::Winter => 1,
        }
    }
}

/// A holiday or named day whose date a year fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    NewYearsDay,
    NewYearsEve,
    ValentinesDay,
    Easter,
    MemorialDay,
    IndependenceDay,
    LaborDay,
    Halloween,
    ElectionDay,
    VeteransDay,
    Thanksgiving,
    ChristmasEve,
    Christmas,
    BoxingDay,
    StPatricksDay,
    GoodFriday,
    MothersDay,
    FathersDay,
    PresidentsDay,
    ColumbusDay,
    BlackFriday,
    CyberMonday,
}

impl Holiday {
    /// The month it falls in.
    pub fn month(self) -> u32 {
        match self {
            Holiday::NewYearsDay => 1,
            Holiday::ValentinesDay | Holiday::PresidentsDay => 2,
            Holiday::StPatricksDay => 3,
            Holiday::Easter | Holiday::GoodFriday => 4,
            Holiday::MemorialDay | Holiday::MothersDay => 5,
            Holiday::FathersDay => 6,
            Holiday::IndependenceDay => 7,
            Holiday::LaborDay => 9,
            Holiday::Halloween | Holiday::ColumbusDay => 10,
            Holiday::ElectionDay
            | Holiday::VeteransDay
            | Holiday::Thanksgiving
            | Holiday::BlackFriday
            | Holiday::CyberMonday => 11,
            Holiday::NewYearsEve
            | Holiday::ChristmasEve
            | Holiday::Christmas
            | Holiday::BoxingDay => 12,
        }
    }

    /// The day of the month of a holiday on a fixed date.
    pub fn fixed_day(self) -> Option<u32> {
        Some(match self {
            Holiday::NewYearsDay => 1,
            Holiday::ValentinesDay => 14,
            Holiday::IndependenceDay => 4,
            Holiday::Halloween => 31,
            Holiday::VeteransDay => 11,
            Holiday::NewYearsEve => 31,
            Holiday::ChristmasEve => 24,
            Holiday::Christmas => 25,
            Holiday::BoxingDay => 26,
            Holiday::StPatricksDay => 17,
            Holiday::Easter
            | Holiday::MemorialDay
            | Holiday::LaborDay
            | Holiday::ElectionDay
            | Holiday::Thanksgiving
            | Holiday::GoodFriday
            | Holiday::MothersDay
            | Holiday::FathersDay
            | Holiday::PresidentsDay
            | Holiday::ColumbusDay
            | Holiday::BlackFriday
            | Holiday::CyberMonday => return None,
        })
    }

    /// The holiday named by a capitalised word and "Day" ("Labor Day", "Election Day").
    pub fn before_day(word: &[u8]) -> Option<Holiday> {
        let mut buf = [0u8; 12];
        if word.len() > buf.len() {
            return None;
        }
        for (b, c) in buf.iter_mut().zip(word) {
            *b = c.to_ascii_lowercase();
        }
        Some(match &buf[..word.len()] {
            b"election" => Holiday::ElectionDay,
            b"independence" => Holiday::IndependenceDay,
            b"memorial" => Holiday::MemorialDay,
            b"labor" | b"labour" => Holiday::LaborDay,
            b"veterans" => Holiday::VeteransDay,
            b"christmas" => Holiday::Christmas,
            b"thanksgiving" => Holiday::Thanksgiving,
            b"valentine" => Holiday::ValentinesDay,
            b"boxing" => Holiday::BoxingDay,
            b"patrick" => Holiday::StPatricksDay,
            b"mother" | b"mothers" => Holiday::MothersDay,
            b"father" | b"fathers" => Holiday::FathersDay,
            b"presidents" => Holiday::PresidentsDay,
            b"columbus" => Holiday::ColumbusDay,
            _ => return None,
        })
    }
}

/// A part of the day, as TIMEX3 writes it after "T".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl PartOfDay {
    pub fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "MO",
            PartOfDay::Afternoon => "AF",
            PartOfDay::Evening => "EV",
            PartOfDay::Night => "NI",
        }
    }
}

/// Keywords of the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kw {
    The,
    A,
    An,
    This,
    That,
    These,
    Last,
    Next,
    Past,
    Coming,
    Upcoming,
    Previous,
    Following,
    Latest,
    Ago,
    Earlier,
    Later,
    Early,
    Mid,
    Middle,
    Late,
    End,
    Beginning,
    Start,
    Of,
    And,
    Or,
    So,
    To,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Now,
    Currently,
    Current,
    Recently,
    Recent,
    Future,
    Soon,
    Presently,
    Nowadays,
    Lately,
    Previously,
    Formerly,
    Right,
    About,
    Around,
    Roughly,
    Approximately,
    Some,
    Nearly,
    Almost,
    More,
    Less,
    Fewer,
    Than,
    Over,
    Under,
    At,
    Least,
    Most,
    Up,
    No,
    Few,
    Several,
    Couple,
    Fiscal,
    Half,
    Every,
    Each,
    Per,
    Daily,
    Weekly,
    Monthly,
    Annually,
    Yearly,
    Hourly,
    Quarterly,
    Noon,
    Midnight,
    Weekend,
    Hundred,
    Thousand,
    Period,
    Term,
    Near,
    Short,
    Long,
    Moment,
    Old,
    Overnight,
    Twice,
    Once,
    Times,
    Ended,
    Present,
    Corresponding,
    As,
    Same,
    Full,
    Whole,
    Entire,
    Other,
}

/// What a word is to the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lex {
    None,
    /// A full month name, 1-12.
    Month(u32),
    /// An abbreviated month name ("Sept", "Jan"), 1-12; may be followed by a period.
    MonthAbbr(u32),
    /// A weekday, 1 (Monday) to 7.
    Weekday(u32),
    /// A plural weekday ("Mondays"), a set.
    Weekdays(u32),
    Unit(Unit),
    Units(Unit),
    /// A cardinal number word.
    Num(u32),
    /// An ordinal number word ("first", "third", "eighth").
    Ord(u32),
    /// A decade word ("twenties", "nineties") as its first year within a century.
    DecadeWord(u32),
    Season(Season),
    PartOfDay(PartOfDay),
    /// A holiday named by one word ("Christmas", "Thanksgiving", "Easter").
    Holiday(Holiday),
    Kw(Kw),
}

/// The lexicon, as (lower-case word, meaning).
fn entries() -> Vec<(&'static [u8], Lex)> {
    use Kw::*;
    use Lex::{Kw as K, Month as Mo, MonthAbbr as Ma, Num as N, Ord as O, Unit as U, Units as Us};
    vec![
        (b"january", Mo(1)),
        (b"february", Mo(2)),
        (b"march", Mo(3)),
        (b"april", Mo(4)),
        (b"may", Mo(5)),
        (b"june", Mo(6)),
        (b"july", Mo(7)),
        (b"august", Mo(8)),
        (b"september", Mo(9)),
        (b"october", Mo(10)),
        (b"november", Mo(11)),
        (b"december", Mo(12)),
        (b"jan", Ma(1)),
        (b"feb", Ma(2)),
        (b"mar", Ma(3)),
        (b"apr", Ma(4)),
        (b"jun", Ma(6)),
        (b"jul", Ma(7)),
        (b"aug", Ma(8)),
        (b"sep", Ma(9)),
        (b"sept", Ma(9)),
        (b"oct", Ma(10)),
        (b"nov", Ma(11)),
        (b"dec", Ma(12)),
        (b"monday", Lex::Weekday(1)),
        (b"tuesday", Lex::Weekday(2)),
        (b"wednesday", Lex::Weekday(3)),
        (b"thursday", Lex::Weekday(4)),
        (b"friday", Lex::Weekday(5)),
        (b"saturday", Lex::Weekday(6)),
        (b"sunday", Lex::Weekday(7)),
        (b"mondays", Lex::Weekdays(1)),
        (b"tuesdays", Lex::Weekdays(2)),
        (b"wednesdays", Lex::Weekdays(3)),
        (b"thursdays", Lex::Weekdays(4)),
        (b"fridays", Lex::Weekdays(5)),
        (b"saturdays", Lex::Weekdays(6)),
        (b"sundays", Lex::Weekdays(7)),
        (b"second", U(Unit::Second)),
        (b"seconds", Us(Unit::Second)),
        (b"minute", U(Unit::Minute)),
        (b"minutes", Us(Unit::Minute)),
        (b"hour", U(Unit::Hour)),
        (b"hours", Us(Unit::Hour)),
        (b"day", U(Unit::Day)),
        (b"days", Us(Unit::Day)),
        (b"week", U(Unit::Week)),
        (b"weeks", Us(Unit::Week)),
        (b"fortnight", U(Unit::Fortnight)),
        (b"fortnights", Us(Unit::Fortnight)),
        (b"month", U(Unit::Month)),
        (b"months", Us(Unit::Month)),
        (b"quarter", U(Unit::Quarter)),
        (b"quarters", Us(Unit::Quarter)),
        (b"year", U(Unit::Year)),
        (b"years", Us(Unit::Year)),
        (b"decade", U(Unit::Decade)),
        (b"decades", Us(Unit::Decade)),
        (b"century", U(Unit::Century)),
        (b"centuries", Us(Unit::Century)),
        (b"millennium", U(Unit::Millennium)),
        (b"millennia", Us(Unit::Millennium)),
        (b"zero", N(0)),
        (b"one", N(1)),
        (b"two", N(2)),
        (b"three", N(3)),
        (b"four", N(4)),
        (b"five", N(5)),
        (b"six", N(6)),
        (b"seven", N(7)),
        (b"eight", N(8)),
        (b"nine", N(9)),
        (b"ten", N(10)),
        (b"eleven", N(11)),
        (b"twelve", N(12)),
        (b"thirteen", N(13)),
        (b"fourteen", N(14)),
        (b"fifteen", N(15)),
        (b"sixteen", N(16)),
        (b"seventeen", N(17)),
        (b"eighteen", N(18)),
        (b"nineteen", N(19)),
        (b"twenty", N(20)),
        (b"thirty", N(30)),
        (b"forty", N(40)),
        (b"fifty", N(50)),
        (b"sixty", N(60)),
        (b"seventy", N(70)),
        (b"eighty", N(80)),
        (b"ninety", N(90)),
        (b"dozen", N(12)),
        (b"first", O(1)),
        (b"third", O(3)),
        (b"fourth", O(4)),
        (b"fifth", O(5)),
        (b"sixth", O(6)),
        (b"seventh", O(7)),
        (b"eighth", O(8)),
        (b"ninth", O(9)),
        (b"tenth", O(10)),
        (b"eleventh", O(11)),
        (b"twelfth", O(12)),
        (b"thirteenth", O(13)),
        (b"fourteenth", O(14)),
        (b"fifteenth", O(15)),
        (b"sixteenth", O(16)),
        (b"seventeenth", O(17)),
        (b"eighteenth", O(18)),
        (b"nineteenth", O(19)),
        (b"twentieth", O(20)),
        (b"thirtieth", O(30)),
        (b"twenties", Lex::DecadeWord(20)),
        (b"thirties", Lex::DecadeWord(30)),
        (b"forties", Lex::DecadeWord(40)),
        (b"fifties", Lex::DecadeWord(50)),
        (b"sixties", Lex::DecadeWord(60)),
        (b"seventies", Lex::DecadeWord(70)),
        (b"eighties", Lex::DecadeWord(80)),
        (b"nineties", Lex::DecadeWord(90)),
        (b"spring", Lex::Season(Season::Spring)),
        (b"summer", Lex::Season(Season::Summer)),
        (b"autumn", Lex::Season(Season::Fall)),
        (b"fall", Lex::Season(Season::Fall)),
        (b"winter", Lex::Season(Season::Winter)),
        (b"christmas", Lex::Holiday(Holiday::Christmas)),
        (b"thanksgiving", Lex::Holiday(Holiday::Thanksgiving)),
        (b"easter", Lex::Holiday(Holiday::Easter)),
        (b"halloween", Lex::Holiday(Holiday::Halloween)),
        (b"morning", Lex::PartOfDay(PartOfDay::Morning)),
        (b"afternoon", Lex::PartOfDay(PartOfDay::Afternoon)),
        (b"evening", Lex::PartOfDay(PartOfDay::Evening)),
        (b"night", Lex::PartOfDay(PartOfDay::Night)),
        (b"the", K(The)),
        (b"a", K(A)),
        (b"an", K(An)),
        (b"this", K(This)),
        (b"that", K(That)),
        (b"these", K(These)),
        (b"last", K(Last)),
        (b"next", K(Next)),
        (b"past", K(Past)),
        (b"coming", K(Coming)),
        (b"upcoming", K(Upcoming)),
        (b"previous", K(Previous)),
        (b"prior", K(Previous)),
        (b"preceding", K(Previous)),
        (b"following", K(Following)),
        (b"subsequent", K(Following)),
        (b"latest", K(Latest)),
        (b"most-recent", K(Latest)),
        (b"ago", K(Ago)),
        (b"earlier", K(Earlier)),
        (b"later", K(Later)),
        (b"early", K(Early)),
        (b"mid", K(Mid)),
        (b"middle", K(Middle)),
        (b"late", K(Late)),
        (b"end", K(End)),
        (b"beginning", K(Beginning)),
        (b"start", K(Start)),
        (b"of", K(Of)),
        (b"and", K(And)),
        (b"or", K(Or)),
        (b"so", K(So)),
        (b"to", K(To)),
        (b"today", K(Today)),
        (b"yesterday", K(Yesterday)),
        (b"tomorrow", K(Tomorrow)),
        (b"tonight", K(Tonight)),
        (b"now", K(Now)),
        (b"currently", K(Currently)),
        (b"current", K(Current)),
        (b"recently", K(Recently)),
        (b"recent", K(Recent)),
        (b"future", K(Future)),
        (b"soon", K(Soon)),
        (b"presently", K(Presently)),
        (b"nowadays", K(Nowadays)),
        (b"lately", K(Lately)),
        (b"previously", K(Previously)),
        (b"formerly", K(Formerly)),
        (b"right", K(Right)),
        (b"about", K(About)),
        (b"around", K(Around)),
        (b"roughly", K(Roughly)),
        (b"approximately", K(Approximately)),
        (b"some", K(Some)),
        (b"nearly", K(Nearly)),
        (b"almost", K(Almost)),
        (b"more", K(More)),
        (b"less", K(Less)),
        (b"fewer", K(Fewer)),
        (b"than", K(Than)),
        (b"over", K(Over)),
        (b"under", K(Under)),
        (b"at", K(At)),
        (b"least", K(Least)),
        (b"most", K(Most)),
        (b"up", K(Up)),
        (b"no", K(No)),
        (b"few", K(Few)),
        (b"several", K(Several)),
        (b"couple", K(Couple)),
        (b"fiscal", K(Fiscal)),
        (b"half", K(Half)),
        (b"every", K(Every)),
        (b"each", K(Each)),
        (b"per", K(Per)),
        (b"daily", K(Daily)),
        (b"weekly", K(Weekly)),
        (b"monthly", K(Monthly)),
        (b"annually", K(Annually)),
        (b"yearly", K(Yearly)),
        (b"hourly", K(Hourly)),
        (b"quarterly", K(Quarterly)),
        (b"noon", K(Noon)),
        (b"midday", K(Noon)),
        (b"midnight", K(Midnight)),
        (b"weekend", K(Weekend)),
        (b"hundred", K(Hundred)),
        (b"thousand", K(Thousand)),
        (b"period", K(Period)),
        (b"term", K(Term)),
        (b"near", K(Near)),
        (b"short", K(Short)),
        (b"long", K(Long)),
        (b"moment", K(Moment)),
        (b"old", K(Old)),
        (b"overnight", K(Overnight)),
        (b"twice", K(Twice)),
        (b"once", K(Once)),
        (b"times", K(Times)),
        (b"ended", K(Ended)),
        (b"ending", K(Ended)),
        (b"ends", K(Ended)),
        (b"present", K(Present)),
        (b"corresponding", K(Corresponding)),
        (b"comparable", K(Corresponding)),
        (b"same", K(Same)),
        (b"full", K(Full)),
        (b"whole", K(Whole)),
        (b"entire", K(Entire)),
        (b"other", K(Other)),
        (b"as", K(As)),
    ]
}

/// Packs a word of up to 15 ASCII letters and digits, lower-cased, into one integer key:
/// the bytes little-endian, the length in the top byte.
fn key(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() > 15 || !word.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..word.len()].copy_from_slice(word);
    Some(finish_key(u128::from_le_bytes(buf), word.len()))
}

/// Lower-cases the first `len` bytes of `raw` (letters and digits only: setting bit 5
/// lower-cases a letter and leaves a digit as it is), clears the rest and stores the
/// length in the top byte.
fn finish_key(raw: u128, len: usize) -> u128 {
    let mask = (1u128 << (8 * len)) - 1;
    ((raw | 0x2020_2020_2020_2020_2020_2020_2020_2020) & mask) | ((len as u128) << 120)
}

const TABLE_BITS: u32 = 11;

fn slot(k: u128) -> usize {
    let h =
        ((k as u64) ^ ((k >> 64) as u64) ^ ((k >> 29) as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - TABLE_BITS)) as usize
}

/// The lexicon as an open-addressing table over the packed keys, and a 4096-bit filter
/// in front of it: most words of a text are not in the lexicon, and the filter (512
/// bytes, always in cache) turns them away before the table is touched.
struct Table {
    filter: [u64; 64],
    /// (key, meaning, whether the word carries time by itself: see [`is_temporal`]).
    slots: Vec<(u128, Lex, bool)>,
}

fn filter_bit(k: u128) -> usize {
    let h = ((k as u64) ^ ((k >> 64) as u64)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    (h >> 52) as usize
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table {
            filter: [0; 64],
            slots: vec![(0u128, Lex::None, false); 1 << TABLE_BITS],
        };
        for (w, lex) in entries() {
            let Some(k) = key(w) else { continue };
            let f = filter_bit(k);
            t.filter[f / 64] |= 1 << (f % 64);
            let mut i = slot(k);
            while t.slots[i].0 != 0 && t.slots[i].0 != k {
                i = (i + 1) & ((1 << TABLE_BITS) - 1);
            }
            t.slots[i] = (k, lex, is_temporal(TokKind::Word, lex, w));
        }
        t
    })
}

/// Looks a word up, ignoring ASCII case.
#[cfg(test)]
pub fn lookup(word: &[u8]) -> Lex {
    match key(word) {
        Some(k) => lookup_key(k),
        None => Lex::None,
    }
}

/// Looks up a word already packed by [`key`].
#[cfg(test)]
fn lookup_key(k: u128) -> Lex {
    lookup_entry(k).0
}

/// The meaning of a word packed by [`key`] and whether, being in the lexicon, it carries
/// time by itself.
#[inline]
fn lookup_entry(k: u128) -> (Lex, bool) {
    let t = table();
    let f = filter_bit(k);
    if t.filter[f / 64] & (1 << (f % 64)) == 0 {
        return (Lex::None, false);
    }
    let mut i = slot(k);
    loop {
        let (tk, lex, temporal) = t.slots[i];
        if tk == k {
            return (lex, temporal);
        }
        if tk == 0 {
            return (Lex::None, false);
        }
        i = (i + 1) & ((1 << TABLE_BITS) - 1);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters only.
    Word,
    /// Digits, possibly with digit groups or a decimal part ("2,300", "3.6").
    Num,
    /// Digits followed by letters ("27th", "1990s", "A320" is a word).
    NumSuffix,
    /// One ASCII punctuation character (a curly apostrophe is reported as `'`).
    Punct(u8),
    /// Anything else (other scripts, symbols).
    Other,
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    start: u32,
    end: u32,
    pub kind: TokKind,
    pub lex: Lex,
    /// The value of a digit token without separators, when it fits (`None` for "2,300"
    /// style groups and decimals, which are never dates).
    pub value: Option<u32>,
    /// Number of digits of a plain digit token.
    pub digits: u8,
    /// The token starts with an upper-case letter.
    pub capital: bool,
    /// White space separates the token from the previous one.
    pub space_before: bool,
    /// The token carries time by itself (a month, a unit, a number, "today"): every
    /// temporal expression holds at least one such token.
    pub temporal: bool,
}

impl Tok {
    /// Byte offset of the token's first byte.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset just past the token.
    pub fn end(&self) -> usize {
        self.end as usize
    }
}

/// Whether a token of this kind and meaning carries time by itself.
fn is_temporal(kind: TokKind, lex: Lex, word: &[u8]) -> bool {
    match kind {
        TokKind::Num | TokKind::NumSuffix => true,
        TokKind::Word => match lex {
            Lex::None => {
                word.len() == 2
                    && (word[0] == b'Q' || word[0] == b'H')
                    && (b'1'..=b'4').contains(&word[1])
            }
            Lex::Kw(k) => matches!(
                k,
                Kw::Today
                    | Kw::Yesterday
                    | Kw::Tomorrow
                    | Kw::Tonight
                    | Kw::Now
                    | Kw::Currently
                    | Kw::Current
                    | Kw::Recently
                    | Kw::Recent
                    | Kw::Lately
                    | Kw::Future
                    | Kw::Soon
                    | Kw::Presently
                    | Kw::Nowadays
                    | Kw::Present
                    | Kw::Past
                    | Kw::Daily
                    | Kw::Weekly
                    | Kw::Monthly
                    | Kw::Yearly
                    | Kw::Annually
                    | Kw::Hourly
                    | Kw::Quarterly
                    | Kw::Noon
                    | Kw::Midnight
                    | Kw::Weekend
                    | Kw::Half
                    | Kw::Period
                    | Kw::Term
            ),
            _ => true,
        },
        _ => false,
    }
}

/// Splits a text into tokens in one byte scan. Token boundaries are always ASCII bytes
/// or the ends of multi-byte characters, so every span is on char boundaries.
pub fn tokenise(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let b = text.as_bytes();
    // Offsets are 32-bit: a text beyond 4 GiB is read up to there.
    let n = b.len().min(u32::MAX as usize);
    let mut i = 0;
    let mut space = true;
    while i < n {
        let c = b[i];
        if c.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        let mut tok = Tok {
            start: start as u32,
            end: start as u32,
            kind: TokKind::Other,
            lex: Lex::None,
            value: None,
            digits: 0,
            capital: false,
            space_before: space,
            temporal: false,
        };
        if c.is_ascii_alphabetic() {
            i = crate::bytescan::alnum_end(&b[..n], i + 1);
            let len = i - start;
            tok.kind = TokKind::Word;
            tok.capital = c.is_ascii_uppercase();
            if len <= 15 {
                // One 16-byte load where the text allows it (see `key`).
                let raw = match b.get(start..start + 16) {
                    Some(w) => {
                        let mut buf = [0u8; 16];
                        buf.copy_from_slice(w);
                        u128::from_le_bytes(buf)
                    }
                    None => {
                        let mut buf = [0u8; 16];
                        buf[..len].copy_from_slice(&b[start..i]);
                        u128::from_le_bytes(buf)
                    }
                };
                (tok.lex, tok.temporal) = lookup_entry(finish_key(raw, len));
            }
            if tok.lex == Lex::None {
                tok.temporal = is_temporal(TokKind::Word, Lex::None, &b[start..i]);
            }
        } else if c.is_ascii_digit() {
            while i < n && b[i].is_ascii_digit() {
                i += 1;
            }
            let mut grouped = false;
            // Digit groups and decimals stay one token: "2,300", "3.6".
            while i + 1 < n
                && (b[i] == b',' || b[i] == b'.')
                && b[i + 1].is_ascii_digit()
                && !(b[i] == b','
                    && b[i + 1..].iter().take_while(|x| x.is_ascii_digit()).count() != 3)
            {
                grouped = true;
                i += 1;
                while i < n && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
            if i < n && b[i].is_ascii_alphabetic() && !grouped {
                let digits_end = i;
                while i < n && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                tok.kind = TokKind::NumSuffix;
                tok.temporal = true;
                tok.digits = (digits_end - start).min(255) as u8;
                tok.value = parse_digits(&b[start..digits_end]);
            } else {
                tok.kind = TokKind::Num;
                tok.temporal = true;
                if !grouped {
                    tok.digits = (i - start).min(255) as u8;
                    tok.value = parse_digits(&b[start..i]);
                }
            }
        } else if c.is_ascii() {
            i += 1;
            tok.kind = TokKind::Punct(c);
        } else {
            // A multi-byte character: a curly apostrophe or dash is punctuation, anything
            // else is one opaque token.
            let len = utf8_len(c);
            let end = (i + len).min(n);
            tok.kind = match &b[i..end] {
                [0xE2, 0x80, 0x99] | [0xE2, 0x80, 0x98] => TokKind::Punct(b'\''),
                [0xE2, 0x80, 0x93] | [0xE2, 0x80, 0x94] => TokKind::Punct(b'~'),
                _ => TokKind::Other,
            };
            i = end;
        }
        tok.end = i as u32;
        debug_assert_eq!(tok.temporal, is_temporal(tok.kind, tok.lex, &b[start..i]));
        out.push(tok);
        space = false;
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn parse_digits(d: &[u8]) -> Option<u32> {
    if d.is_empty() || d.len() > 9 {
        return None;
    }
    let mut v: u32 = 0;
    for &c in d {
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_ignores_case_and_rejects_unknown_words() {
        assert_eq!(lookup(b"SEPTEMBER"), Lex::Month(9));
        assert_eq!(lookup(b"Yesterday"), Lex::Kw(Kw::Yesterday));
        assert_eq!(lookup(b"soldiers"), Lex::None);
        assert_eq!(lookup(b"extraordinarilylongword"), Lex::None);
    }

    #[test]
    fn sept_30_is_an_abbreviated_month_and_a_number() {
        let mut toks = Vec::new();
        tokenise("Sept. 30", &mut toks);
        assert_eq!(toks.len(), 3);
        assert_eq!(toks[0].lex, Lex::MonthAbbr(9));
        assert_eq!(toks[1].kind, TokKind::Punct(b'.'));
        assert_eq!(toks[2].value, Some(30));
    }

    #[test]
    fn figures_2_300_and_3_6_are_not_plain_numbers() {
        let mut toks = Vec::new();
        tokenise("2,300 and 3.6 billion and 1990s", &mut toks);
        assert_eq!(toks[0].kind, TokKind::Num);
        assert_eq!(toks[0].value, None);
        assert_eq!(toks[2].value, None);
        assert_eq!(toks[5].kind, TokKind::NumSuffix);
        assert_eq!(toks[5].value, Some(1990));
    }
}
