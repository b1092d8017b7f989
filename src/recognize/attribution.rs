//! Attribution relations: source, cue and content.

use super::{Context, Mention};

/// Finds the attribution relations of a document.
pub fn recognise(_ctx: &Context) -> Vec<Mention> {
    Vec::new()
}
