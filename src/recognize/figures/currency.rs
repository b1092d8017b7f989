//! Currencies and measurement units as news text writes them, normalised to ISO 4217
//! codes (money) or a short unit name (measures).
//!
//! A bare "$" is the US dollar, "cents" are US cents and "pence" British pence unless
//! the text names another currency; sub-units are returned with their divisor so that
//! "50 cents" comes out as 0.50 USD.

use std::sync::OnceLock;

/// Currency signs, with the ISO code each stands for.
pub fn symbol(ch: char) -> Option<&'static str> {
    Some(match ch {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        '₽' => "RUB",
        '₹' => "INR",
        '₩' => "KRW",
        '₺' => "TRY",
        '₴' => "UAH",
        '₦' => "NGN",
        '₱' => "PHP",
        '₪' => "ILS",
        '₫' => "VND",
        '₡' => "CRC",
        '₾' => "GEL",
        '₭' => "LAK",
        '₿' => "BTC",
        '₸' => "KZT",
        '₼' => "AZN",
        '֏' => "AMD",
        '฿' => "THB",
        '元' => "CNY",
        _ => return None,
    })
}

/// Prefixes written before a dollar sign: "US$", "HK$", "C$", "Mex$".
pub fn dollar_prefix(word: &str) -> Option<&'static str> {
    const P: &[(&str, &str)] = &[
        ("us", "USD"),
        ("usd", "USD"),
        ("hk", "HKD"),
        ("hkd", "HKD"),
        ("c", "CAD"),
        ("ca", "CAD"),
        ("cad", "CAD"),
        ("a", "AUD"),
        ("au", "AUD"),
        ("aud", "AUD"),
        ("nz", "NZD"),
        ("nzd", "NZD"),
        ("s", "SGD"),
        ("sg", "SGD"),
        ("r", "BRL"),
        ("mex", "MXN"),
        ("mxn", "MXN"),
        ("nt", "TWD"),
    ];
    P.iter()
        .find(|(p, _)| p.eq_ignore_ascii_case(word))
        .map(|&(_, c)| c)
}

/// ISO 4217 codes recognised next to a number. Upper case always; lower case only
/// where the code is not also an English word ("try", "pen", "all", "mad").
pub fn iso_code(word: &str) -> Option<&'static str> {
    if word.len() != 3 {
        return if word.eq_ignore_ascii_case("rmb") {
            Some("CNY")
        } else {
            None
        };
    }
    if word.bytes().all(|b| b.is_ascii_uppercase()) {
        return CODES
            .iter()
            .find(|c| **c == word)
            .copied()
            .or(if word == "RMB" { Some("CNY") } else { None });
    }
    if word.eq_ignore_ascii_case("rmb") {
        return Some("CNY");
    }
    LOWER_OK
        .iter()
        .position(|c| c.eq_ignore_ascii_case(word))
        .map(|i| CODES.iter().find(|c| c.eq_ignore_ascii_case(LOWER_OK[i])))
        .and_then(|c| c.copied())
}

/// A currency name after a number ("dollars", "euros", "roubles"): its code and the
/// divisor of a sub-unit ("cents" → 100).
pub fn name(word: &str) -> Option<(&'static str, u32)> {
    N.iter()
        .find(|(w, _, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, c, d)| (c, d))
}

/// A nationality before a currency name ("Swiss francs", "Australian dollars"): the
/// code of that pair.
pub fn qualified(adjective: &str, name: &str) -> Option<&'static str> {
    let singular = name
        .strip_suffix("es")
        .filter(|s| s.ends_with("ss"))
        .or_else(|| name.strip_suffix('s'))
        .unwrap_or(name);
    Q.iter()
        .find(|(a, n, _)| {
            a.eq_ignore_ascii_case(adjective)
                && (n.eq_ignore_ascii_case(name) || n.eq_ignore_ascii_case(singular))
        })
        .map(|&(_, _, c)| c)
}

/// Measurement units after a number ("180 km", "5 kg"): the normalised unit.
pub fn measure(word: &str) -> Option<&'static str> {
    U.iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, u)| u)
}

/// Scale abbreviations after digits ("3.6bn", "$5m", "10k", "1MM"): the power of ten.
/// `attached` is true when no space separates them from the digits.
pub fn scale_abbrev(word: &str, attached: bool) -> Option<u8> {
    Some(match word {
        "k" | "K" => 3,
        "m" if attached => 6,
        "M" => 6,
        "MM" | "mn" | "mln" | "mil" | "Mn" => 6,
        "bn" | "Bn" | "bln" | "BN" => 9,
        "b" | "B" if attached => 9,
        "tn" | "tln" | "trn" => 12,
        _ => return None,
    })
}

const CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "RUB", "UAH", "AZN", "CHF", "CAD", "AUD", "NZD", "HKD",
    "INR", "MXN", "BRL", "TRY", "KRW", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "ILS", "ZAR",
    "SGD", "GEL", "AMD", "KZT", "BYN", "MDL", "RON", "SAR", "AED", "IRR", "EGP", "NGN", "BTC",
    "TWD", "THB", "IDR", "MYR", "PHP", "VND", "PKR", "LKR", "QAR", "KWD", "UZS", "TMT",
];

const LOWER_OK: &[&str] = &[
    "usd", "eur", "gbp", "jpy", "cny", "rub", "uah", "azn", "chf", "cad", "aud", "nzd", "hkd",
    "inr", "mxn", "btc", "sek", "nok", "dkk", "pln", "czk", "huf", "zar", "sgd", "kzt", "byn",
    "aed", "twd", "idr", "myr", "vnd", "pkr", "lkr", "krw", "brl", "ngn", "thb", "uzs",
];

const N: &[(&str, &str, u32)] = &[
    ("dollar", "USD", 1),
    ("dollars", "USD", 1),
    ("dlrs", "USD", 1),
    ("euro", "EUR", 1),
    ("euros", "EUR", 1),
    ("pound", "GBP", 1),
    ("pounds", "GBP", 1),
    ("sterling", "GBP", 1),
    ("yen", "JPY", 1),
    ("yuan", "CNY", 1),
    ("renminbi", "CNY", 1),
    ("rmb", "CNY", 1),
    ("kuai", "CNY", 1),
    ("rouble", "RUB", 1),
    ("roubles", "RUB", 1),
    ("ruble", "RUB", 1),
    ("rubles", "RUB", 1),
    ("manat", "AZN", 1),
    ("manats", "AZN", 1),
    ("hryvnia", "UAH", 1),
    ("hryvnias", "UAH", 1),
    ("hryvnas", "UAH", 1),
    ("hryvnia", "UAH", 1),
    ("lari", "GEL", 1),
    ("dram", "AMD", 1),
    ("drams", "AMD", 1),
    ("tenge", "KZT", 1),
    ("franc", "CHF", 1),
    ("francs", "CHF", 1),
    ("rupee", "INR", 1),
    ("rupees", "INR", 1),
    ("peso", "MXN", 1),
    ("pesos", "MXN", 1),
    ("pesetas", "ESP", 1),
    ("peseta", "ESP", 1),
    ("markka", "FIM", 1),
    ("markkaa", "FIM", 1),
    ("guilder", "NLG", 1),
    ("guilders", "NLG", 1),
    ("deutschmarks", "DEM", 1),
    ("lira", "TRY", 1),
    ("liras", "TRY", 1),
    ("lire", "ITL", 1),
    ("shekel", "ILS", 1),
    ("shekels", "ILS", 1),
    ("riyal", "SAR", 1),
    ("riyals", "SAR", 1),
    ("rial", "IRR", 1),
    ("rials", "IRR", 1),
    ("dirham", "AED", 1),
    ("dirhams", "AED", 1),
    ("reais", "BRL", 1),
    ("zloty", "PLN", 1),
    ("zlotys", "PLN", 1),
    ("zlotych", "PLN", 1),
    ("forint", "HUF", 1),
    ("forints", "HUF", 1),
    ("koruna", "CZK", 1),
    ("korunas", "CZK", 1),
    ("kronor", "SEK", 1),
    ("kroner", "NOK", 1),
    ("krona", "SEK", 1),
    ("krone", "NOK", 1),
    ("lei", "RON", 1),
    ("leu", "MDL", 1),
    ("somoni", "TJS", 1),
    ("rupiah", "IDR", 1),
    ("ringgit", "MYR", 1),
    ("baht", "THB", 1),
    ("naira", "NGN", 1),
    ("bitcoin", "BTC", 1),
    ("bitcoins", "BTC", 1),
    ("btc", "BTC", 1),
    ("satoshi", "BTC", 100_000_000),
    ("satoshis", "BTC", 100_000_000),
    ("cent", "USD", 100),
    ("cents", "USD", 100),
    ("penny", "GBP", 100),
    ("pennies", "GBP", 100),
    ("pence", "GBP", 100),
    ("kopecks", "RUB", 100),
    ("kopeks", "RUB", 100),
    ("mao", "CNY", 10),
    ("jiao", "CNY", 10),
];

const Q: &[(&str, &str, &str)] = &[
    ("us", "dollar", "USD"),
    ("american", "dollar", "USD"),
    ("australian", "dollar", "AUD"),
    ("canadian", "dollar", "CAD"),
    ("singapore", "dollar", "SGD"),
    ("taiwan", "dollar", "TWD"),
    ("zimbabwean", "dollar", "ZWL"),
    ("swiss", "franc", "CHF"),
    ("french", "franc", "FRF"),
    ("belgian", "franc", "BEF"),
    ("cfa", "franc", "XOF"),
    ("finnish", "markka", "FIM"),
    ("finnish", "markkaa", "FIM"),
    ("dutch", "guilder", "NLG"),
    ("chinese", "yuan", "CNY"),
    ("turkish", "lira", "TRY"),
    ("italian", "lire", "ITL"),
    ("japanese", "yen", "JPY"),
    ("russian", "rouble", "RUB"),
    ("russian", "ruble", "RUB"),
    ("belarusian", "rouble", "BYN"),
    ("belarusian", "ruble", "BYN"),
    ("azerbaijani", "manat", "AZN"),
    ("turkmen", "manat", "TMT"),
    ("ukrainian", "hryvnia", "UAH"),
    ("indian", "rupee", "INR"),
    ("pakistani", "rupee", "PKR"),
    ("lankan", "rupee", "LKR"),
    ("nepalese", "rupee", "NPR"),
    ("mexican", "peso", "MXN"),
    ("argentine", "peso", "ARS"),
    ("philippine", "peso", "PHP"),
    ("chilean", "peso", "CLP"),
    ("colombian", "peso", "COP"),
    ("african", "rand", "ZAR"),
    ("korean", "won", "KRW"),
    ("brazilian", "reais", "BRL"),
    ("brazilian", "real", "BRL"),
    ("saudi", "riyal", "SAR"),
    ("qatari", "riyal", "QAR"),
    ("iranian", "rial", "IRR"),
    ("israeli", "shekel", "ILS"),
    ("polish", "zloty", "PLN"),
    ("danish", "krone", "DKK"),
    ("danish", "kroner", "DKK"),
    ("norwegian", "krone", "NOK"),
    ("norwegian", "kroner", "NOK"),
    ("swedish", "krona", "SEK"),
    ("swedish", "kronor", "SEK"),
    ("moldovan", "lei", "MDL"),
    ("moldovan", "leu", "MDL"),
    ("romanian", "lei", "RON"),
    ("georgian", "lari", "GEL"),
    ("armenian", "dram", "AMD"),
    ("kazakh", "tenge", "KZT"),
    ("egyptian", "pound", "EGP"),
    ("lebanese", "pound", "LBP"),
    ("syrian", "pound", "SYP"),
    ("british", "pound", "GBP"),
    ("hungarian", "forint", "HUF"),
    ("czech", "koruna", "CZK"),
    ("kuwaiti", "dinar", "KWD"),
    ("iraqi", "dinar", "IQD"),
    ("jordanian", "dinar", "JOD"),
    ("serbian", "dinar", "RSD"),
    ("uzbek", "som", "UZS"),
    ("kyrgyz", "som", "KGS"),
    ("euro", "cent", "EUR"),
    ("deutsche", "mark", "DEM"),
];

const U: &[(&str, &str)] = &[
    ("km", "km"),
    ("kms", "km"),
    ("kilometre", "km"),
    ("kilometres", "km"),
    ("kilometer", "km"),
    ("kilometers", "km"),
    ("metre", "m"),
    ("metres", "m"),
    ("meter", "m"),
    ("meters", "m"),
    ("cm", "cm"),
    ("centimetres", "cm"),
    ("centimeters", "cm"),
    ("millimetres", "mm"),
    ("millimeters", "mm"),
    ("mile", "mile"),
    ("miles", "mile"),
    ("feet", "ft"),
    ("foot", "ft"),
    ("ft", "ft"),
    ("inch", "inch"),
    ("inches", "inch"),
    ("kg", "kg"),
    ("kgs", "kg"),
    ("kilogram", "kg"),
    ("kilograms", "kg"),
    ("kilogrammes", "kg"),
    ("kilos", "kg"),
    ("gram", "g"),
    ("grams", "g"),
    ("tonne", "tonne"),
    ("tonnes", "tonne"),
    ("ton", "ton"),
    ("tons", "ton"),
    ("ml", "ml"),
    ("litre", "l"),
    ("litres", "l"),
    ("liter", "l"),
    ("liters", "l"),
    ("barrel", "barrel"),
    ("barrels", "barrel"),
    ("bpd", "barrels per day"),
    ("mph", "mph"),
    ("kph", "km/h"),
    ("hectare", "ha"),
    ("hectares", "ha"),
    ("acre", "acre"),
    ("acres", "acre"),
    ("kw", "kW"),
    ("mw", "MW"),
    ("gw", "GW"),
    ("kwh", "kWh"),
    ("mwh", "MWh"),
    ("gwh", "GWh"),
    ("twh", "TWh"),
    ("bcm", "bcm"),
    ("degrees", "degree"),
    ("pound", "lb"),
    ("pounds", "lb"),
    ("lb", "lb"),
    ("lbs", "lb"),
    ("points", "point"),
    ("times", "times"),
];

/// True when `w` may be a currency, currency qualifier or unit word: one hashed lookup
/// that spares the table scans for the words that follow most numbers ("people", "of").
pub fn maybe_unit_word(w: &str) -> bool {
    static SET: OnceLock<(Vec<String>, [u32; 16 * 26])> = OnceLock::new();
    let (set, shapes) = SET.get_or_init(|| {
        let mut set: Vec<String> = Vec::new();
        set.extend(CODES.iter().map(|c| c.to_ascii_lowercase()));
        set.extend(N.iter().map(|n| n.0.to_string()));
        set.extend(Q.iter().map(|q| q.0.to_string()));
        set.extend(U.iter().map(|u| u.0.to_string()));
        set.extend(
            [
                "rmb", "p", "hong", "new", "sri", "south", "euro", "cents", "cent",
            ]
            .iter()
            .map(|w| w.to_string()),
        );
        set.sort();
        set.dedup();
        let mut shapes = [0u32; 16 * 26];
        for w in &set {
            let b = w.as_bytes();
            if (1..16).contains(&b.len())
                && b[0].is_ascii_lowercase()
                && b[b.len() - 1].is_ascii_lowercase()
            {
                shapes[b.len() * 26 + usize::from(b[0] - b'a')] |= 1 << (b[b.len() - 1] - b'a');
            }
        }
        (set, shapes)
    });
    if w.len() == 4 && w.starts_with('M') {
        return true;
    }
    let b = w.as_bytes();
    if !(1..16).contains(&b.len()) || !w.is_ascii() {
        return false;
    }
    let (first, last) = (
        b[0].to_ascii_lowercase(),
        b[b.len() - 1].to_ascii_lowercase(),
    );
    if !first.is_ascii_lowercase()
        || !last.is_ascii_lowercase()
        || shapes[b.len() * 26 + usize::from(first - b'a')] & (1 << (last - b'a')) == 0
    {
        return false;
    }
    let mut buf = [0u8; 16];
    let out = &mut buf[..b.len()];
    for (d, s) in out.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(out).is_ok_and(|l| set.binary_search_by(|x| x.as_str().cmp(l)).is_ok())
}
