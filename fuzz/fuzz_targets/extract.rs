//! Fuzz target: the whole `extract` pipeline on arbitrary text. No input may panic,
//! and every printed span slices back to its text by code points and by bytes.
//!
//!     cargo +nightly fuzz run extract -- -max_len=65536 -max_total_time=3600
#![no_main]

use claimtrace::document::{Document, Metadata};
use claimtrace::output::analysis_json;
use claimtrace::pipeline::analyse;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// Panics when the span object `v` (and the spans nested in it) does not slice back.
fn check_span(text: &str, chars: &[char], v: &Value) {
    let (Some(s), Some(e)) = (v["start"].as_u64(), v["end"].as_u64()) else {
        panic!("no code-point span in {v}");
    };
    let (s, e) = (s as usize, e as usize);
    assert!(s <= e && e <= chars.len(), "span {s}..{e} outside the text");
    let want = v["text"].as_str().unwrap_or_default();
    assert_eq!(chars[s..e].iter().collect::<String>(), want);
    let bs = v["byte_start"].as_u64().unwrap_or(u64::MAX) as usize;
    let be = v["byte_end"].as_u64().unwrap_or(u64::MAX) as usize;
    assert_eq!(text.get(bs..be), Some(want), "bytes {bs}..{be}");
    for key in [
        "source",
        "cue",
        "content",
        "subject",
        "source_name",
        "source_role",
    ] {
        if v[key].is_object() {
            check_span(text, chars, &v[key]);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = Document::from_text("fuzz", text.to_string(), Metadata::default());
    let analysis = analyse(&doc);
    let json = analysis_json(Value::from("fuzz"), text, &analysis);
    let chars: Vec<char> = text.chars().collect();
    for key in ["mentions", "claims"] {
        for m in json[key].as_array().into_iter().flatten() {
            check_span(text, &chars, m);
        }
    }
});
