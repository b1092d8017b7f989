//! Temporal expressions, normalised as TimeML 1.2.1 TIMEX3.

use super::{Anchor, AnchorKind, Context, Mention};

/// Finds the temporal expressions of a document and the anchor used to resolve them.
pub fn recognise(ctx: &Context) -> (Vec<Mention>, Anchor) {
    let anchor = match ctx.published {
        Some(d) => Anchor {
            kind: AnchorKind::Published,
            date: Some(d),
        },
        None => Anchor {
            kind: AnchorKind::None,
            date: None,
        },
    };
    (Vec::new(), anchor)
}
