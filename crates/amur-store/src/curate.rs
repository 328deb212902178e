//! Curation: an analyst's corrections, kept in their own table and re-applied
//! after every ingest and reindex, so re-extraction never loses them.
//!
//! - `merge A B`: entity B is the same thing as A (B's mentions, events and
//!   facts move to A);
//! - `rename ID NAME`: the entity's canonical name;
//! - `reject ID`: an entity, or an event (`event:DOC@START`, the key of one of
//!   its sources), is wrong and is removed;
//! - `split event:DOC@START`: that source is a different happening from the
//!   rest of its event.
//!
//! Events are named by a source key rather than a row id because row ids
//! change when the store is re-extracted.

use crate::{Error, Result, Store};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// A recorded correction.
#[derive(Debug, Clone, Serialize)]
pub struct Correction {
    /// Order of recording.
    pub id: i64,
    /// `merge`, `rename`, `reject` or `split`.
    pub action: String,
    /// First argument.
    pub a: String,
    /// Second argument.
    pub b: Option<String>,
    /// Value (new name).
    pub value: Option<String>,
}

impl Store {
    /// Records a correction and applies it.
    pub fn curate(
        &mut self,
        action: &str,
        a: &str,
        b: Option<&str>,
        value: Option<&str>,
    ) -> Result<()> {
        match action {
            "merge" | "rename" | "reject" | "split" => {}
            other => return Err(Error::NotFound(format!("unknown curation action {other}"))),
        }
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        self.conn.execute(
            "INSERT INTO curation(action, a, b, value, created) VALUES(?1, ?2, ?3, ?4, ?5)",
            params![action, a, b, value, secs.to_string()],
        )?;
        self.apply_curation()
    }

    /// Every recorded correction, oldest first.
    pub fn corrections(&self) -> Result<Vec<Correction>> {
        let mut st = self
            .conn
            .prepare("SELECT id, action, a, b, value FROM curation ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok(Correction {
                id: r.get(0)?,
                action: r.get(1)?,
                a: r.get(2)?,
                b: r.get(3)?,
                value: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Re-applies every correction in order (idempotent).
    pub fn apply_curation(&mut self) -> Result<()> {
        let all = self.corrections()?;
        let tx = self.conn.transaction()?;
        for c in &all {
            match c.action.as_str() {
                "merge" => {
                    let (keep, gone) = (c.a.as_str(), c.b.as_deref().unwrap_or(""));
                    if gone.is_empty() || keep == gone {
                        continue;
                    }
                    tx.execute(
                        "UPDATE mentions SET entity_id=?1 WHERE entity_id=?2",
                        params![keep, gone],
                    )?;
                    tx.execute(
                        "UPDATE OR IGNORE event_participants SET entity_id=?1 WHERE entity_id=?2",
                        params![keep, gone],
                    )?;
                    tx.execute("DELETE FROM event_participants WHERE entity_id=?1", [gone])?;
                    tx.execute(
                        "UPDATE events SET location=?1 WHERE location=?2",
                        params![keep, gone],
                    )?;
                    tx.execute(
                        "UPDATE figures SET reporter=?1 WHERE reporter=?2",
                        params![keep, gone],
                    )?;
                    tx.execute(
                        "UPDATE figures SET partner=?1 WHERE partner=?2",
                        params![keep, gone],
                    )?;
                    tx.execute("UPDATE relations SET a=?1 WHERE a=?2", params![keep, gone])?;
                    tx.execute("UPDATE relations SET b=?1 WHERE b=?2", params![keep, gone])?;
                    tx.execute(
                        "UPDATE agreements SET parties=trim(replace(' ' || parties || ' ', ' ' || ?2 || ' ', ' ' || ?1 || ' ')) WHERE (' ' || parties || ' ') LIKE ?3",
                        params![keep, gone, format!("% {gone} %")],
                    )?;
                    tx.execute("DELETE FROM entities WHERE id=?1", [gone])?;
                }
                "rename" => {
                    tx.execute(
                        "UPDATE entities SET name=?2 WHERE id=?1",
                        params![c.a, c.value],
                    )?;
                }
                "reject" => {
                    if let Some(key) = c.a.strip_prefix("event:") {
                        if let Some(ev) = event_of_source(&tx, key)? {
                            for t in ["event_sources", "event_participants", "events"] {
                                tx.execute(&format!("DELETE FROM {t} WHERE event_id=?1"), [ev])?;
                            }
                        }
                    } else {
                        for (t, col) in [
                            ("mentions", "entity_id"),
                            ("event_participants", "entity_id"),
                            ("entities", "id"),
                        ] {
                            tx.execute(&format!("DELETE FROM {t} WHERE {col}=?1"), [&c.a])?;
                        }
                        tx.execute("UPDATE events SET location=NULL WHERE location=?1", [&c.a])?;
                    }
                }
                "split" => {
                    let Some(key) = c.a.strip_prefix("event:") else {
                        continue;
                    };
                    let Some(ev) = event_of_source(&tx, key)? else {
                        continue;
                    };
                    let n: i64 = tx.query_row(
                        "SELECT COUNT(*) FROM event_sources WHERE event_id=?1",
                        [ev],
                        |r| r.get(0),
                    )?;
                    if n < 2 {
                        continue;
                    }
                    tx.execute(
                        "INSERT INTO events(type, mode, status, date, date_start, date_end, location) SELECT type, mode, status, date, date_start, date_end, location FROM events WHERE event_id=?1",
                        [ev],
                    )?;
                    let new = tx.last_insert_rowid();
                    let (doc, start) = parse_key(key);
                    tx.execute("UPDATE event_sources SET event_id=?1 WHERE event_id=?2 AND doc_id=?3 AND start=?4", params![new, ev, doc, start])?;
                    tx.execute("INSERT INTO event_participants(event_id, entity_id, role) SELECT ?1, entity_id, role FROM event_participants WHERE event_id=?2", params![new, ev])?;
                }
                _ => {}
            }
        }
        crate::ingest::refresh_event_regions(&tx, None)?;
        tx.commit()?;
        Ok(())
    }

    /// The source key (`DOC@START`) of every event, for curation commands.
    pub fn event_keys(&self, event_id: i64) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare("SELECT doc_id, start FROM event_sources WHERE event_id=?1")?;
        let rows = st.query_map([event_id], |r| {
            Ok(format!(
                "{}@{}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

fn parse_key(key: &str) -> (String, i64) {
    let (doc, start) = key.rsplit_once('@').unwrap_or((key, "0"));
    (doc.to_string(), start.parse().unwrap_or(0))
}

fn event_of_source(tx: &rusqlite::Transaction, key: &str) -> Result<Option<i64>> {
    let (doc, start) = parse_key(key);
    Ok(tx
        .query_row(
            "SELECT event_id FROM event_sources WHERE doc_id=?1 AND start=?2",
            params![doc, start],
            |r| r.get(0),
        )
        .optional()?)
}
