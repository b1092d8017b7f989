//! The check-worthiness features of claims (version 7): each `[name, weight]` pair is
//! a row of `features`, once, and a claim lists the ids of its features, the largest
//! effect first, as text (`"12 3 1"`). A model has about fifty features and a claim
//! fires five or so, which the JSON list of each claim spelled out in full (about 100
//! bytes a claim). Distinct lists are too many to share (1,895 for 2,918 claims of
//! TimeBank and PolNeAR), distinct features are not.

use rusqlite::{Connection, OptionalExtension};

use super::Result;

/// A feature as a claim lists it: its name and weight (none for the names-only lists
/// stored before the weights were kept).
pub(super) type Feature = (String, Option<f64>);

/// The features of a stored list (a JSON array, of any version: `[name, weight]` pairs,
/// `{"name", "weight"}` objects, or names); items of another shape are left out.
pub(super) fn parse(json: &str) -> Vec<Feature> {
    use serde_json::Value;
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(json) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|v| match v {
            Value::String(name) => Some((name.clone(), None)),
            Value::Array(pair) => Some((
                pair.first()?.as_str()?.to_string(),
                pair.get(1).and_then(Value::as_f64),
            )),
            _ => Some((
                v.get("name")?.as_str()?.to_string(),
                v.get("weight").and_then(Value::as_f64),
            )),
        })
        .collect()
}

/// A list as [`crate::store::rows::stored_features`] writes it: `[name, weight]` pairs,
/// a name alone where the weight is not known.
pub(super) fn to_json(features: &[Feature]) -> String {
    let items: Vec<serde_json::Value> = features
        .iter()
        .map(|(name, weight)| match weight {
            Some(w) => serde_json::json!([name, w]),
            None => serde_json::json!(name),
        })
        .collect();
    serde_json::to_string(&items).unwrap_or_else(|_| "[]".into())
}

/// Feature ids already looked up by the writer of one document: its claims share most
/// of their features.
#[derive(Default)]
pub(super) struct Ids {
    known: Vec<(String, Option<u64>, i64)>,
}

impl Ids {
    /// The stored form of a list (a JSON array, as `parse` reads): the ids of its
    /// features separated by spaces, each feature added to `features` when new; `None`
    /// for an empty list.
    pub(super) fn list(&mut self, tx: &Connection, json: &str) -> Result<Option<String>> {
        let mut ids = String::new();
        for (name, weight) in parse(json) {
            let bits = weight.map(f64::to_bits);
            let id = match self.known.iter().find(|k| k.0 == name && k.1 == bits) {
                Some(k) => k.2,
                None => {
                    let id = id_of(tx, &name, weight)?;
                    self.known.push((name, bits, id));
                    id
                }
            };
            if !ids.is_empty() {
                ids.push(' ');
            }
            ids.push_str(&id.to_string());
        }
        Ok((!ids.is_empty()).then_some(ids))
    }
}

/// The id of a feature in `features`, added when new.
fn id_of(tx: &Connection, name: &str, weight: Option<f64>) -> Result<i64> {
    let found: Option<i64> = tx
        .prepare_cached("SELECT id FROM features WHERE name = ?1 AND weight IS ?2")?
        .query_row(rusqlite::params![name, weight], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    tx.prepare_cached("INSERT INTO features (name, weight) VALUES (?1, ?2)")?
        .execute(rusqlite::params![name, weight])?;
    Ok(tx.last_insert_rowid())
}

/// The features a claim lists (`ids` as [`Ids::list`] writes them), in order; an id
/// that is not a stored feature is left out.
pub(super) fn read(conn: &Connection, ids: Option<&str>) -> Result<Vec<Feature>> {
    let mut stmt = conn.prepare_cached("SELECT name, weight FROM features WHERE id = ?1")?;
    let mut out = Vec::new();
    for id in ids.unwrap_or_default().split(' ') {
        let Ok(id) = id.parse::<i64>() else {
            continue;
        };
        if let Some(f) = stmt
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
        {
            out.push(f);
        }
    }
    Ok(out)
}

/// Migration 6 → 7: the features of every claim go to `features` (created by the step
/// before), numbered in the order the claims list them, as a new ingest numbers them;
/// each claim keeps their ids.
pub(super) fn move_to_table(conn: &Connection) -> Result<()> {
    let mut ids = Ids::default();
    let mut update = conn.prepare("UPDATE claims SET features = ?2 WHERE id = ?1")?;
    let mut select =
        conn.prepare("SELECT id, features FROM claims WHERE id > ?1 ORDER BY id LIMIT 10000")?;
    let mut after = i64::MIN;
    loop {
        let batch: Vec<(i64, Option<String>)> = select
            .query_map([after], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(&(last, _)) = batch.last() else {
            return Ok(());
        };
        after = last;
        for (id, json) in batch {
            let list = ids.list(conn, json.as_deref().unwrap_or("[]"))?;
            update.execute(rusqlite::params![id, list])?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_and_and_the_base_are_stored_once_for_every_claim_that_fires_them() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE features (id INTEGER PRIMARY KEY, name TEXT NOT NULL, weight REAL,
                 UNIQUE (name, weight));",
        )
        .unwrap();
        let mut ids = Ids::default();
        let a = r#"[["word:and",-0.187],["base",-3.023]]"#;
        let b = r#"[["percent",0.755],["word:and",-0.187],["base",-3.023]]"#;
        assert_eq!(ids.list(&conn, a).unwrap().as_deref(), Some("1 2"));
        // Another document's writer finds them stored.
        let mut other = Ids::default();
        assert_eq!(other.list(&conn, b).unwrap().as_deref(), Some("3 1 2"));
        assert_eq!(ids.list(&conn, "[]").unwrap(), None);
        // Read back as written, to the last digit of each weight.
        let listed = read(&conn, Some("3 1 2")).unwrap();
        assert_eq!(to_json(&listed), b);
        // Another model's weight for a name is another feature.
        let c = r#"[["word:and",-0.2]]"#;
        assert_eq!(ids.list(&conn, c).unwrap().as_deref(), Some("4"));
        // Lists of before version 5 read the same.
        let old = r#"[{"name":"word:and","weight":-0.187},"figure"]"#;
        let stored = ids.list(&conn, old).unwrap();
        assert_eq!(stored.as_deref(), Some("1 5"));
        assert_eq!(
            to_json(&read(&conn, stored.as_deref()).unwrap()),
            r#"[["word:and",-0.187],"figure"]"#
        );
    }
}
