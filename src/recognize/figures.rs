//! Figures: quantities that could be checked against data.

use std::sync::OnceLock;

use regex::Regex;

use super::{Context, Figure, Mention, Payload};
use crate::span::Span;

fn number_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b").expect("valid regex"))
}

/// Finds the figures in a document.
pub fn recognise(ctx: &Context) -> Vec<Mention> {
    number_re()
        .find_iter(ctx.text)
        .filter_map(|m| {
            let value = m.as_str().replace(',', "").parse().ok()?;
            Some(Mention {
                span: Span::new(m.start(), m.end()),
                payload: Payload::Figure(Figure {
                    value: Some(value),
                    ..Figure::default()
                }),
            })
        })
        .collect()
}
