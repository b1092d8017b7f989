//! The pipeline of one document: segment, recognise, resolve sources, assemble claims.
//!
//! Holds one document at a time; callers stream documents through it.

use crate::claims::{self, Claim};
use crate::document::Document;
use crate::recognize::{self, Anchor, Context, Mention};
use crate::segment::{self, Segmentation};
use crate::sources::{self, DocSources};

/// Everything the pipeline found in one document.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub segments: Segmentation,
    pub mentions: Vec<Mention>,
    pub anchor: Option<Anchor>,
    pub sources: DocSources,
    pub claims: Vec<Claim>,
}

pub fn analyse(doc: &Document) -> Analysis {
    let segments = segment::segment(&doc.text);
    let ctx = Context {
        text: &doc.text,
        segments: &segments,
        published: doc.meta.published,
    };
    let recognised = recognize::recognise(&ctx);
    let mut mentions = recognised.mentions;
    let sources = sources::resolve(&doc.text, &segments, &mut mentions);
    let claims = claims::assemble(&doc.text, &segments, &mentions);
    Analysis {
        segments,
        mentions,
        anchor: recognised.anchor,
        sources,
        claims,
    }
}
