//! The source registry of one document: canonical sources, their aliases, and the
//! coreference that links attributions ("he said", "the minister added") to them.

use crate::recognize::{Mention, SourceKind};
use crate::segment::Segmentation;

/// One source as the document names it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocSource {
    /// Canonical name: the longest name form seen ("Ilham Aliyev").
    pub name: String,
    pub kind: SourceKind,
    /// A title or role seen with the name ("President").
    pub role: Option<String>,
    /// Every distinct form used in the document, canonical name first.
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocSources {
    pub sources: Vec<DocSource>,
}

/// Groups the sources of the attributions in `mentions` and sets each attribution's
/// `source_id`.
pub fn resolve(_text: &str, _segments: &Segmentation, _mentions: &mut [Mention]) -> DocSources {
    DocSources::default()
}

/// Whether two canonical names denote the same source across documents.
pub fn same_source(a: &str, b: &str) -> bool {
    a == b
}
