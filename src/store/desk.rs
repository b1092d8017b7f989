//! Read-only queries for the review desk (`claimtrace serve` and the HTML report): a
//! page of documents with their claim counts, a claim's worthiness features and its
//! source, and the source spans of a document's claims.
//!
//! Offsets are code points, as everywhere the store answers.

use rusqlite::OptionalExtension;

use super::{document_row, Database, DocumentRow, Result, StoreError, DOCUMENT_COLS};

/// A document's claims counted by status, and its figures nobody is quoted for.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct DocumentCounts {
    /// (status, count), statuses with no claim left out.
    pub by_status: Vec<(String, i64)>,
    /// Checkable figures in claims without a source (as `report unsourced` lists them).
    pub unsourced_figures: i64,
}

/// The source a claim is attributed to: the span in the text and its registry entry.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ClaimSource {
    pub claim_id: i64,
    /// The source span, code points.
    pub start: i64,
    pub end: i64,
    pub text: String,
    /// The registry's canonical name, kind and role (none for an unregistered source).
    pub name: Option<String>,
    pub kind: Option<String>,
    pub role: Option<String>,
}

impl Database {
    /// One stored document version by id (as `list_documents` gives it, without reading
    /// every document).
    pub fn document(&self, id: i64) -> Result<DocumentRow> {
        self.conn
            .query_row(
                &format!("SELECT {DOCUMENT_COLS} FROM documents d WHERE d.id = ?1"),
                [id],
                document_row,
            )
            .optional()?
            .ok_or(StoreError::NoDocument(id))
    }

    /// Claim counts of the anchored claims of documents `ids`, in the order given.
    pub fn document_counts(&self, ids: &[i64]) -> Result<Vec<DocumentCounts>> {
        let list = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let pos: std::collections::HashMap<i64, usize> =
            ids.iter().enumerate().map(|(i, &d)| (d, i)).collect();
        let mut out = vec![DocumentCounts::default(); ids.len()];
        let mut stmt = self.conn.prepare_cached(
            "SELECT document_id, status, count(*) FROM claims
             WHERE document_id IN (SELECT value FROM json_each(?1)) AND anchor_state = 'anchored'
             GROUP BY document_id, status ORDER BY document_id, status",
        )?;
        let rows = stmt.query_map([&list], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?))
        })?;
        for row in rows {
            let (doc, status, n) = row?;
            if let Some(&i) = pos.get(&doc) {
                out[i].by_status.push((status, n));
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.document_id, count(*) FROM claims c
             JOIN claim_components cc ON cc.claim_id = c.id
             JOIN mentions m ON m.id = cc.mention_id AND m.kind = 'figure'
               AND coalesce(json_extract(m.attrs, '$.x'), 1) <> 0
             WHERE c.document_id IN (SELECT value FROM json_each(?1))
               AND c.sourced = 0 AND c.has_figure = 1 AND c.anchor_state = 'anchored'
             GROUP BY c.document_id",
        )?;
        let rows = stmt.query_map([&list], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))?;
        for row in rows {
            let (doc, n) = row?;
            if let Some(&i) = pos.get(&doc) {
                out[i].unsourced_figures = n;
            }
        }
        Ok(out)
    }

    /// The sources of a document's claims (or of one claim), with their spans, in
    /// document order.
    pub fn claim_sources(&self, document_id: i64, claim: Option<i64>) -> Result<Vec<ClaimSource>> {
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT cs.claim_id, ",
            source_start!(),
            ", ",
            source_end!(),
            ", ",
            source_span_text!(),
            ", s.name, s.kind, s.role
             FROM claims c JOIN claim_sources cs ON cs.claim_id = c.id
             JOIN mentions m ON m.id = cs.attribution_mention_id
             JOIN documents sd ON sd.id = m.document_id
             LEFT JOIN sources s ON s.id = cs.source_id
             WHERE c.document_id = ?1 AND (?2 IS NULL OR c.id = ?2)
               AND ",
            source_start!(),
            " IS NOT NULL
             ORDER BY 2, cs.claim_id",
        ))?;
        let rows = stmt.query_map(rusqlite::params![document_id, claim], |r| {
            Ok(ClaimSource {
                claim_id: r.get(0)?,
                start: r.get(1)?,
                end: r.get(2)?,
                text: r.get(3)?,
                name: r.get(4)?,
                kind: r.get(5)?,
                role: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Metadata};
    use crate::pipeline::analyse;
    use crate::store::Database;

    #[test]
    fn according_to_the_census_counts_as_sourced_and_a_bare_figure_as_unsourced() {
        let mut db = Database::in_memory().unwrap();
        let text = "Exports reached $2 billion in 2025. \
                    According to the 2010 census, there were about 600,000 Azerbaijanis.";
        let doc = Document::from_text("a.txt", text.to_string(), Metadata::default());
        db.ingest(&doc, &analyse(&doc)).unwrap();
        let counts = db.document_counts(&[1, 99]).unwrap();
        assert_eq!(counts.len(), 2);
        assert_eq!(counts[0].by_status, vec![("unverified".to_string(), 2)]);
        assert_eq!(counts[0].unsourced_figures, 1);
        assert_eq!(counts[1], Default::default());
        assert_eq!(db.document(1).unwrap(), db.list_documents(true).unwrap()[0]);
        assert!(db.document(2).is_err());
        let sources = db.claim_sources(1, None).unwrap();
        assert_eq!(sources.len(), 1, "{sources:?}");
        let chars: Vec<char> = text.chars().collect();
        let span: String = chars[sources[0].start as usize..sources[0].end as usize]
            .iter()
            .collect();
        assert_eq!(span, sources[0].text);
        assert!(sources[0].text.contains("census"), "{sources:?}");
    }
}
