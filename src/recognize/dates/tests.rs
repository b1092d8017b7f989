use chrono::NaiveDate;

use super::*;
use crate::segment;

/// (text, type, value, mod) of every date found in `text` with the given anchor.
fn run(text: &str, published: Option<&str>) -> Vec<(String, String, String, Option<String>)> {
    let segments = segment::segment(text);
    let ctx = Context {
        text,
        segments: &segments,
        published: published.and_then(|d| d.parse::<NaiveDate>().ok()),
    };
    recognise(&ctx)
        .0
        .into_iter()
        .filter_map(|m| {
            let t = m.date()?.clone();
            Some((
                m.span.slice(text).to_string(),
                t.timex_type.as_str().to_string(),
                t.value,
                t.modifier,
            ))
        })
        .collect()
}

#[test]
fn on_9_july_2025() {
    let r = run("The talks began on 9 July 2025.", None);
    assert_eq!(r[0].0, "9 July 2025");
    assert_eq!(r[0].2, "2025-07-09");
}
