//! Report queries: unsourced figures, contested claims, status counts.
//!
//! Each report hands its rows one at a time to a callback as SQLite produces them, so a
//! report of any corpus takes the memory of one row (and of SQLite's page cache). The
//! callback's error type is the caller's: an error it returns (a closed pipe) ends the
//! query.

use rusqlite::OptionalExtension;

use super::{Database, DocTexts, Result, StoreError, TextAt};

/// A figure nobody is quoted for.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct UnsourcedFigure {
    pub document_id: i64,
    pub document: String,
    pub claim_id: i64,
    pub worthiness: f64,
    pub sentence: String,
    pub figure: String,
    pub start: i64,
    pub end: i64,
    pub value: Option<String>,
    pub low: Option<String>,
    pub high: Option<String>,
    pub unit: Option<String>,
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// Whether a desk would check the figure (false: "small count", "margin of error"...).
    pub checkable: bool,
    /// Why a desk would not, when `checkable` is false.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkable_reason: Option<String>,
}

/// A contested claim with what contests it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ContestedClaim {
    pub claim_id: i64,
    pub document_id: i64,
    pub text: String,
    pub source: Option<String>,
    pub reason: Option<String>,
    pub flagged_by: Option<String>,
    pub flagged_at: Option<String>,
    pub competing: Vec<CompetingClaim>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CompetingClaim {
    pub claim_id: i64,
    pub text: String,
    pub status: String,
    pub source: Option<String>,
}

/// Claims counted by document, status and type.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StatusCount {
    pub document_id: i64,
    pub document: String,
    pub status: String,
    pub claim_type: String,
    pub count: i64,
}

/// The source of claim `c` as its document names it (see `source_in_document!`).
const SOURCE_OF_CLAIM: &str = concat!(
    "(SELECT ",
    source_in_document!(),
    " FROM claim_sources cs JOIN mentions m ON m.id = cs.attribution_mention_id
     JOIN documents sd ON sd.id = m.document_id
     LEFT JOIN sources s ON s.id = cs.source_id WHERE cs.claim_id = c.id LIMIT 1)"
);

/// A contested claim from its row, with its competing claims and its latest flag.
fn contested_row(
    r: &rusqlite::Row,
    others: &mut rusqlite::Statement,
    flag: &mut rusqlite::Statement,
) -> rusqlite::Result<ContestedClaim> {
    let mut c = ContestedClaim {
        claim_id: r.get(0)?,
        document_id: r.get(1)?,
        text: r.get(2)?,
        source: r.get(3)?,
        reason: None,
        flagged_by: None,
        flagged_at: None,
        competing: Vec::new(),
    };
    c.competing = others
        .query_map([c.claim_id], |r| {
            Ok(CompetingClaim {
                claim_id: r.get(0)?,
                text: r.get(1)?,
                status: r.get(2)?,
                source: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    if let Some((note, who, at)) = flag
        .query_row([c.claim_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
    {
        c.reason = note;
        c.flagged_by = Some(who);
        c.flagged_at = Some(at);
    }
    Ok(c)
}

impl Database {
    /// Every figure in an unsourced claim of a current document, grouped by document and
    /// ranked by the claim's check-worthiness.
    /// Every checkable figure in an unsourced claim of a current document (with `all`,
    /// the figures no desk would check as well), grouped by document and ranked by the
    /// claim's check-worthiness.
    pub fn each_unsourced_figure<E: From<StoreError>>(
        &self,
        document: Option<i64>,
        all: bool,
        mut each: impl FnMut(UnsourcedFigure) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        // A figure stored before the flag existed has no `checkable` key: checkable.
        let sql = format!(
            "SELECT d.id, coalesce(d.title, d.source_key), c.id, c.worthiness,
                    coalesce(s.byte_start, 0),
                    m.text, m.start, m.end, m.value, m.unit, m.mod,
                    json_extract(m.attrs, '$.l'), json_extract(m.attrs, '$.h'),
                    coalesce(json_extract(m.attrs, '$.x'), 1),
                    json_extract(m.attrs, '$.y'), m.document_id, m.byte_start,
                    m.byte_end, coalesce(s.byte_end, 0)
             FROM claims c
             JOIN documents d ON d.id = c.document_id
             JOIN claim_components cc ON cc.claim_id = c.id
             JOIN mentions m ON m.id = cc.mention_id AND m.kind = 'figure'
             LEFT JOIN sentences s ON s.id = c.sentence_id
             WHERE c.sourced = 0 AND c.anchor_state = 'anchored'
               AND d.is_current = 1 AND d.id = ?1 {}
             ORDER BY c.worthiness DESC, c.start, m.start",
            if all {
                ""
            } else {
                "AND c.has_figure = 1 AND coalesce(json_extract(m.attrs, '$.x'), 1)"
            }
        );
        let mut stmt = self.conn.prepare(&sql).map_err(StoreError::from)?;
        // Texts are sliced here from one read of each document (a claim with no sentence
        // has the empty one).
        let mut texts = DocTexts::default();
        // One document at a time: each query sorts one document's figures, never the
        // corpus's (SQLite's sorter would hold them all).
        for id in self.report_documents(document)? {
            let mut rows = stmt.query([id]).map_err(StoreError::from)?;
            let row = |r: &rusqlite::Row| -> rusqlite::Result<UnsourcedFigure> {
                let num = |i: usize| -> rusqlite::Result<Option<String>> {
                    let v: Option<rusqlite::types::Value> = r.get(i)?;
                    Ok(match v {
                        Some(rusqlite::types::Value::Text(t)) => Some(t),
                        Some(rusqlite::types::Value::Integer(n)) => Some(n.to_string()),
                        Some(rusqlite::types::Value::Real(x)) => Some(x.to_string()),
                        _ => None,
                    })
                };
                Ok(UnsourcedFigure {
                    document_id: r.get(0)?,
                    document: r.get(1)?,
                    claim_id: r.get(2)?,
                    worthiness: r.get(3)?,
                    sentence: String::new(),
                    figure: String::new(),
                    start: r.get(6)?,
                    end: r.get(7)?,
                    value: r.get(8)?,
                    unit: r.get(9)?,
                    modifier: r.get(10)?,
                    low: num(11)?,
                    high: num(12)?,
                    checkable: r.get::<_, i64>(13)? != 0,
                    checkable_reason: r.get(14)?,
                })
            };
            while let Some(r) = rows.next().map_err(StoreError::from)? {
                let mut figure = row(r).map_err(StoreError::from)?;
                let sentence = TextAt::in_document(r, [0, 4, 18]).map_err(StoreError::from)?;
                figure.sentence = texts.text(&self.conn, sentence)?;
                let at = TextAt::of(r, 5, [15, 16, 17]).map_err(StoreError::from)?;
                figure.figure = texts.text(&self.conn, at)?;
                each(figure)?;
            }
        }
        Ok(())
    }

    /// The current documents a report covers, in id order: `only`, else all of them.
    fn report_documents(&self, only: Option<i64>) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare(
            "SELECT id FROM documents WHERE is_current = 1 AND (?1 IS NULL OR id = ?1)
             ORDER BY id",
        )?;
        let ids = stmt.query_map([only], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Contested claims with their competing claims, sources and the flag's reason.
    pub fn each_contested<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(ContestedClaim) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let sql = format!(
            "SELECT c.id, c.document_id, {}, {SOURCE_OF_CLAIM} FROM claims c
             WHERE c.status = 'contested' AND c.status <> 'unverified'
             ORDER BY c.document_id, c.start",
            stored_text!("c")
        );
        let mut stmt = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let other_sql = format!(
            "SELECT c.id, {}, c.status, {SOURCE_OF_CLAIM} FROM claims c WHERE c.id IN
               (SELECT other_id FROM claim_links WHERE claim_id = ?1 AND active = 1
                UNION SELECT claim_id FROM claim_links WHERE other_id = ?1 AND active = 1)
             ORDER BY c.id",
            stored_text!("c")
        );
        let mut others = self.conn.prepare(&other_sql).map_err(StoreError::from)?;
        let mut flag = self
            .conn
            .prepare(
                "SELECT note, reviewer, at FROM review_log WHERE claim_id = ?1 AND action = 'flag'
                 ORDER BY id DESC LIMIT 1",
            )
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let c = contested_row(r, &mut others, &mut flag).map_err(StoreError::from)?;
            each(c)?;
        }
        Ok(())
    }

    /// Claim counts by document, status and type (current documents).
    pub fn each_status_count<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(StatusCount) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.id, coalesce(d.title, d.source_key), c.status, c.claim_type, count(*)
                 FROM claims c JOIN documents d ON d.id = c.document_id
                 WHERE d.id = ?1 AND c.anchor_state = 'anchored'
                 GROUP BY c.status, c.claim_type ORDER BY c.status, c.claim_type",
            )
            .map_err(StoreError::from)?;
        // One document at a time, so that grouping never sorts the whole corpus.
        for id in self.report_documents(None)? {
            let mut rows = stmt.query([id]).map_err(StoreError::from)?;
            while let Some(r) = rows.next().map_err(StoreError::from)? {
                let count = (|| {
                    Ok::<_, rusqlite::Error>(StatusCount {
                        document_id: r.get(0)?,
                        document: r.get(1)?,
                        status: r.get(2)?,
                        claim_type: r.get(3)?,
                        count: r.get(4)?,
                    })
                })()
                .map_err(StoreError::from)?;
                each(count)?;
            }
        }
        Ok(())
    }

    /// Registry ids of sources like `query`: its canonical name contains the query
    /// (case-insensitive), or the name or an alias is the query itself or close to it
    /// (Jaro-Winkler at least 0.88). Aliases are not searched for substrings, since an
    /// alias such as "Putin's aide Yuri Ushakov" names someone else too.
    pub fn find_sources(&self, query: &str) -> Result<Vec<i64>> {
        let q = query.trim().to_lowercase();
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.name, 1 FROM sources s
             UNION ALL SELECT a.source_id, a.alias, 0 FROM source_aliases a",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
            ))
        })?;
        let mut ids = Vec::new();
        for row in rows {
            let (id, name, canonical) = row?;
            let name = name.to_lowercase();
            if (canonical && name.contains(&q))
                || name == q
                || strsim::jaro_winkler(&name, &q) >= 0.88
            {
                ids.push(id);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }
}
