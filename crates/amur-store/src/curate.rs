//! Curation: an analyst's corrections, kept in their own table and re-applied
//! after every ingest and reindex, so re-extraction never loses them.
//!
//! - `merge A B`: entity B is the same thing as A (B's mentions, events and
//!   facts move to A); with two events (`event:DOC#N`), B's reports join A;
//! - `rename ID NAME`: the entity's canonical name;
//! - `reject ID`: an entity, or an event, is wrong and is removed;
//! - `split event:DOC#N`: that report is a different happening from the rest
//!   of its event;
//! - `undo N`: forget correction N; the tables are rebuilt from the stored
//!   records and the remaining corrections re-applied, so nothing is lost.
//!
//! Every id or name is resolved before anything is recorded; what cannot be
//! resolved is refused with the closest known key. Events are named by one of
//! their reports (`event:DOC#N`, the N-th event of article DOC) because row ids
//! change when the store is re-extracted.

use crate::ingest::RegionOf;
use crate::{Error, Result, Store};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// A recorded correction.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Correction {
    /// Its number (for `curate undo N`).
    pub id: i64,
    /// `merge`, `rename`, `reject` or `split`.
    pub action: String,
    /// First argument (an entity id or an event key).
    pub a: String,
    /// Second argument.
    pub b: Option<String>,
    /// Value (new name).
    pub value: Option<String>,
}

/// What a curation command changed, for the analyst to read.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// The number of the recorded correction (`curate undo` takes it).
    pub correction: i64,
    /// One sentence on what changed.
    pub summary: String,
}

/// A resolved curation target.
enum Target {
    Entity { id: String, name: String },
    Event { key: String, event_id: i64 },
}

impl Store {
    /// Entity B is entity A, or event B is event A. Both are resolved first;
    /// anything unknown is refused.
    pub fn curate_merge(&mut self, a: &str, b: &str) -> Result<Change> {
        match (self.target(a)?, self.target(b)?) {
            (Target::Entity { id: keep, name: kn }, Target::Entity { id: gone, name: gn }) => {
                if keep == gone {
                    return Err(Error::Refused(format!(
                        "{a:?} and {b:?} are the same entity ({keep})"
                    )));
                }
                let mentions =
                    self.count("SELECT COUNT(*) FROM mentions WHERE entity_id=?1", &gone)?;
                let events = self.count(
                    "SELECT COUNT(*) FROM events WHERE location=?1 OR event_id IN (SELECT event_id FROM event_participants WHERE entity_id=?1)",
                    &gone,
                )?;
                let n = self.record("merge", &keep, Some(&gone), None)?;
                Ok(Change {
                    correction: n,
                    summary: format!(
                        "merged {gone} ({gn}) into {keep} ({kn}): {mentions} mentions and {events} events now name {kn}"
                    ),
                })
            }
            (
                Target::Event {
                    key: ka,
                    event_id: ea,
                },
                Target::Event {
                    key: kb,
                    event_id: eb,
                },
            ) => {
                if ea == eb {
                    return Err(Error::Refused(format!("{a} and {b} are already one event")));
                }
                let moved =
                    self.count_i("SELECT COUNT(*) FROM event_sources WHERE event_id=?1", eb)?;
                let n = self.record(
                    "merge",
                    &format!("event:{ka}"),
                    Some(&format!("event:{kb}")),
                    None,
                )?;
                Ok(Change {
                    correction: n,
                    summary: format!(
                        "merged event event:{kb} into event:{ka}: {moved} report(s) moved"
                    ),
                })
            }
            _ => Err(Error::Refused(format!(
                "cannot merge {a:?} with {b:?}: one is an entity, the other an event"
            ))),
        }
    }

    /// Gives an entity a new canonical name.
    pub fn curate_rename(&mut self, key: &str, name: &str) -> Result<Change> {
        if name.trim().is_empty() {
            return Err(Error::Refused("a new name cannot be empty".into()));
        }
        match self.target(key)? {
            Target::Entity { id, name: old } => {
                let n = self.record("rename", &id, None, Some(name))?;
                Ok(Change {
                    correction: n,
                    summary: format!("renamed {id} from {old:?} to {name:?}"),
                })
            }
            Target::Event { .. } => Err(Error::Refused(format!(
                "{key} is an event; only entities can be renamed"
            ))),
        }
    }

    /// Removes a wrong entity or event.
    pub fn curate_reject(&mut self, key: &str) -> Result<Change> {
        match self.target(key)? {
            Target::Entity { id, name } => {
                let mentions =
                    self.count("SELECT COUNT(*) FROM mentions WHERE entity_id=?1", &id)?;
                let n = self.record("reject", &id, None, None)?;
                Ok(Change {
                    correction: n,
                    summary: format!("rejected {id} ({name}): {mentions} mentions removed"),
                })
            }
            Target::Event { key, event_id } => {
                let reports = self.count_i(
                    "SELECT COUNT(*) FROM event_sources WHERE event_id=?1",
                    event_id,
                )?;
                let n = self.record("reject", &format!("event:{key}"), None, None)?;
                Ok(Change {
                    correction: n,
                    summary: format!("rejected event event:{key} and its {reports} report(s)"),
                })
            }
        }
    }

    /// Separates one report from the event it was merged into.
    pub fn curate_split(&mut self, key: &str) -> Result<Change> {
        match self.target(key)? {
            Target::Event { key, event_id } => {
                let reports = self.count_i(
                    "SELECT COUNT(*) FROM event_sources WHERE event_id=?1",
                    event_id,
                )?;
                if reports < 2 {
                    return Err(Error::Refused(format!(
                        "event:{key} has a single report; there is nothing to split"
                    )));
                }
                let n = self.record("split", &format!("event:{key}"), None, None)?;
                Ok(Change {
                    correction: n,
                    summary: format!(
                        "split report event:{key} from its event ({} report(s) left there)",
                        reports - 1
                    ),
                })
            }
            Target::Entity { id, .. } => Err(Error::Refused(format!(
                "{id} is an entity; split takes an event report (event:DOC#N)"
            ))),
        }
    }

    /// Forgets correction `n`: the extracted tables are rebuilt from the stored
    /// records (regions from `region_of`) and the other corrections re-applied.
    pub fn curate_undo(&mut self, n: i64, region_of: RegionOf) -> Result<Correction> {
        let Some(c) = self.corrections()?.into_iter().find(|c| c.id == n) else {
            let last = self.corrections()?.last().map(|c| c.id);
            return Err(Error::NotFound {
                what: "correction",
                key: n.to_string(),
                suggestion: last.map(|l| format!("one of 1..{l} (see `amur curate list`)")),
            });
        };
        self.conn.execute("DELETE FROM curation WHERE id=?1", [n])?;
        self.rebuild_from_records(Some(region_of))?;
        Ok(c)
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

    fn record(
        &mut self,
        action: &str,
        a: &str,
        b: Option<&str>,
        value: Option<&str>,
    ) -> Result<i64> {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        self.conn.execute(
            "INSERT INTO curation(action, a, b, value, created) VALUES(?1, ?2, ?3, ?4, ?5)",
            params![action, a, b, value, secs.to_string()],
        )?;
        let id = self.conn.last_insert_rowid();
        self.apply_curation()?;
        Ok(id)
    }

    fn count(&self, sql: &str, arg: &str) -> Result<i64> {
        Ok(self.conn.query_row(sql, [arg], |r| r.get(0))?)
    }

    fn count_i(&self, sql: &str, arg: i64) -> Result<i64> {
        Ok(self.conn.query_row(sql, [arg], |r| r.get(0))?)
    }

    fn target(&self, key: &str) -> Result<Target> {
        if key.starts_with("event:") {
            let (key, event_id) = self.resolve_event(key)?;
            return Ok(Target::Event { key, event_id });
        }
        let id = self.resolve_entity(key)?;
        let name: String =
            self.conn
                .query_row("SELECT name FROM entities WHERE id=?1", [&id], |r| r.get(0))?;
        Ok(Target::Entity { id, name })
    }

    /// The event a key names (`event:DOC#N`, or the older `event:DOC@START`),
    /// as its canonical report key `DOC#N` and row id; unknown keys are refused.
    pub fn resolve_event(&self, key: &str) -> Result<(String, i64)> {
        let bare = key.strip_prefix("event:").unwrap_or(key);
        let found = event_of_source(&self.conn, bare)?;
        found.ok_or_else(|| Error::NotFound {
            what: "event",
            key: key.to_string(),
            suggestion: Some("an event id as listed by `amur events` (event:DOC#N)".to_string()),
        })
    }

    /// Re-applies every correction in order (idempotent). A correction whose
    /// target is gone (after a reindex) is skipped rather than applied to the
    /// wrong thing.
    pub fn apply_curation(&mut self) -> Result<()> {
        let all = self.corrections()?;
        let tx = self.conn.transaction()?;
        let before = tx.total_changes();
        let exists = |id: &str| -> Result<bool> {
            Ok(tx
                .query_row("SELECT 1 FROM entities WHERE id=?1", [id], |r| {
                    r.get::<_, i64>(0)
                })
                .optional()?
                .is_some())
        };
        for c in &all {
            match c.action.as_str() {
                "merge" if c.a.starts_with("event:") => {
                    let (Some((_, keep)), Some((_, gone))) = (
                        event_of_source(&tx, &c.a["event:".len()..])?,
                        event_of_source(
                            &tx,
                            c.b.as_deref().unwrap_or("").trim_start_matches("event:"),
                        )?,
                    ) else {
                        continue;
                    };
                    if keep == gone {
                        continue;
                    }
                    tx.execute(
                        "UPDATE event_sources SET event_id=?1 WHERE event_id=?2",
                        params![keep, gone],
                    )?;
                    tx.execute(
                        "INSERT OR IGNORE INTO event_participants(event_id, entity_id, role) SELECT ?1, entity_id, role FROM event_participants WHERE event_id=?2",
                        params![keep, gone],
                    )?;
                    tx.execute(
                        "UPDATE events SET location=COALESCE(location, (SELECT location FROM events WHERE event_id=?2)), mode=COALESCE(mode, (SELECT mode FROM events WHERE event_id=?2)) WHERE event_id=?1",
                        params![keep, gone],
                    )?;
                    tx.execute("DELETE FROM event_participants WHERE event_id=?1", [gone])?;
                    tx.execute("DELETE FROM events WHERE event_id=?1", [gone])?;
                }
                "merge" => {
                    let (keep, gone) = (c.a.as_str(), c.b.as_deref().unwrap_or(""));
                    if gone.is_empty() || keep == gone || !exists(keep)? || !exists(gone)? {
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
                    // Names the kept entity lacks come from the merged one.
                    tx.execute(
                        "UPDATE entities SET name_en=COALESCE(name_en, (SELECT name_en FROM entities WHERE id=?2)),
                         name_ru=COALESCE(name_ru, (SELECT name_ru FROM entities WHERE id=?2)),
                         name_zh=COALESCE(name_zh, (SELECT name_zh FROM entities WHERE id=?2)) WHERE id=?1",
                        params![keep, gone],
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
                        if let Some((_, ev)) = event_of_source(&tx, key)? {
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
                    let Some((_, ev)) = event_of_source(&tx, key)? else {
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
                    let Some((doc, sel, v)) = parse_key(key) else {
                        continue;
                    };
                    tx.execute(
                        &format!("UPDATE event_sources SET event_id=?1 WHERE rowid=(SELECT rowid FROM event_sources WHERE event_id=?2 AND doc_id=?3 AND {sel}=?4 ORDER BY idx LIMIT 1)"),
                        params![new, ev, doc, v],
                    )?;
                    tx.execute("INSERT INTO event_participants(event_id, entity_id, role) SELECT ?1, entity_id, role FROM event_participants WHERE event_id=?2", params![new, ev])?;
                }
                _ => {}
            }
        }
        // Regions follow participants; with nothing changed (no corrections,
        // or none that touch the new rows) the whole-store pass is skipped,
        // so an ingest's finish does not grow with the store.
        if tx.total_changes() != before {
            crate::ingest::refresh_event_regions(&tx, None)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The report keys (`DOC#N`) of an event, first-ingested first.
    pub fn event_keys(&self, event_id: i64) -> Result<Vec<String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT s.doc_id, s.idx FROM event_sources s JOIN documents d ON d.doc_id=s.doc_id WHERE s.event_id=?1 ORDER BY d.rowid, s.idx",
        )?;
        let rows = st.query_map([event_id], |r| {
            Ok(format!(
                "{}#{}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// `DOC#N` → (doc, "idx", N); `DOC@START` → (doc, "start", START).
fn parse_key(key: &str) -> Option<(String, &'static str, i64)> {
    if let Some((doc, n)) = key.rsplit_once('#') {
        return Some((doc.to_string(), "idx", n.parse().ok()?));
    }
    let (doc, start) = key.rsplit_once('@')?;
    Some((doc.to_string(), "start", start.parse().ok()?))
}

/// The canonical key (`DOC#N`) and event row of a report key.
fn event_of_source(conn: &rusqlite::Connection, key: &str) -> Result<Option<(String, i64)>> {
    let Some((doc, sel, v)) = parse_key(key) else {
        return Ok(None);
    };
    Ok(conn
        .query_row(
            &format!("SELECT idx, event_id FROM event_sources WHERE doc_id=?1 AND {sel}=?2 ORDER BY idx LIMIT 1"),
            params![doc, v],
            |r| Ok((format!("{doc}#{}", r.get::<_, i64>(0)?), r.get(1)?)),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use crate::query::{EventQuery, FactQuery};
    use crate::testing::{event_total, no_regions};
    use crate::Store;
    use amur_record::Record;
    use amur_sources::RawPage;
    use serde_json::json;

    const TEXT: &str = "Governor Alpha met Beta in Xtown. They signed a memorandum. Trade grew to 5 billion. Alpha and Gamma visited Ytown.";

    fn ent(id: &str, kind: &str, name: &str) -> serde_json::Value {
        json!({"id": id, "type": kind, "name": name, "names": {"en": name},
               "mentions": [{"start": 0, "end": 5, "text": name}]})
    }

    /// Four articles: two report the same meeting, one a second meeting, one a visit.
    fn records() -> Vec<Record> {
        let people = [
            ent("person:alpha", "person", "Alpha"),
            ent("person:beta", "person", "Beta"),
            ent("person:gamma", "person", "Gamma"),
            ent("city:xtown", "city", "Xtown"),
            ent("city:ytown", "city", "Ytown"),
        ];
        let ev = |kind: &str, date: &str, who: &[&str], loc: &str, s: usize, e: usize| {
            json!({"type": kind, "status": "occurred", "date": date, "location": loc,
                   "participants": who.iter().map(|w| json!({"entity": w, "role": "party"})).collect::<Vec<_>>(),
                   "evidence": {"start": s, "end": e}})
        };
        let lang = ["en", "ru", "zh", "en"];
        (0..4)
            .map(|i| {
                let events = match i {
                    0 | 1 => vec![ev("meeting", "2024-06-13", &["person:alpha", "person:beta"], "city:xtown", 0, 33)],
                    2 => vec![
                        ev("meeting", "2024-07-01", &["person:beta", "person:gamma"], "city:xtown", 0, 33),
                        ev("visit", "2024-07-02", &["person:alpha", "person:gamma"], "city:ytown", 87, 115),
                    ],
                    _ => vec![ev("visit", "2024-08-02", &["person:gamma"], "city:ytown", 87, 115)],
                };
                serde_json::from_value(json!({
                    "doc_id": format!("doc{i}"), "source": format!("a{i}.txt"), "title": format!("T{i}"),
                    "published": format!("2024-0{}-20", 6 + i), "language": lang[i],
                    "authors": [], "text": format!("{TEXT} {i}"), "sectors": [],
                    "entities": people, "events": events,
                    "agreements": [{"parties": ["person:alpha", "person:beta"], "kind": "memorandum",
                                    "date": "2024-06-13", "evidence": {"start": 34, "end": 59}}],
                    "figures": [{"kind": "trade", "flow": "turnover", "value": 5e9, "unit": "USD",
                                 "period": "2024", "target": false, "reporter": "city:xtown",
                                 "evidence": {"start": 60, "end": 86}}],
                    "relations": []
                }))
                .unwrap()
            })
            .collect()
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::create(&dir.path().join("kb")).unwrap();
        let items: Vec<(RawPage, Record)> = records()
            .into_iter()
            .map(|r| {
                let page = RawPage {
                    source: r.source.clone(),
                    kind: amur_sources::PageKind::Text,
                    content: r.text.clone(),
                    encoding: "UTF-8",
                    declared: Default::default(),
                };
                (page, r)
            })
            .collect();
        s.ingest_batch(&items, &no_regions).unwrap();
        s.apply_curation().unwrap();
        (dir, s)
    }

    #[test]
    fn a_page_of_events_is_the_events_one_by_one() {
        let (_dir, s) = store();
        let page = s
            .events(&EventQuery {
                limit: 100,
                ..Default::default()
            })
            .unwrap();
        assert!(page.rows.len() >= 2, "{}", page.rows.len());
        let ids: Vec<i64> = page.rows.iter().map(|r| r.event_id).collect();
        let one_by_one: Vec<String> = ids
            .iter()
            .map(|&id| serde_json::to_string(&s.event_row(id).unwrap()).unwrap())
            .collect();
        let batched: Vec<String> = s
            .event_rows(&ids)
            .unwrap()
            .iter()
            .map(|r| serde_json::to_string(r).unwrap())
            .collect();
        assert_eq!(batched, one_by_one);
        // An id that names no event is skipped, the order kept.
        let mut with_gap = vec![i64::MAX];
        with_gap.extend(ids.iter().rev());
        let rows = s.event_rows(&with_gap).unwrap();
        assert_eq!(
            rows.iter().map(|r| r.event_id).collect::<Vec<_>>(),
            ids.iter().rev().copied().collect::<Vec<_>>()
        );
    }

    /// Everything a reader can ask, as JSON.
    fn answers(s: &Store) -> String {
        let ev = s
            .events(&EventQuery {
                limit: 100,
                ..Default::default()
            })
            .unwrap();
        let ag = s
            .agreements(&FactQuery {
                limit: 100,
                ..Default::default()
            })
            .unwrap();
        let fi = s
            .figures(&FactQuery {
                limit: 100,
                ..Default::default()
            })
            .unwrap();
        let profiles: Vec<String> = [
            "person:alpha",
            "person:beta",
            "person:gamma",
            "city:xtown",
            "city:ytown",
        ]
        .iter()
        .map(|id| match s.entity(id, None) {
            Ok(p) => serde_json::to_string(&p).unwrap(),
            Err(e) => e.to_string(),
        })
        .collect();
        serde_json::to_string_pretty(&json!({
            "stats": s.stats().unwrap(), "events": ev, "agreements": ag, "figures": fi,
            "profiles": profiles,
        }))
        .unwrap()
    }

    struct Rng(u64);
    impl Rng {
        fn next(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    #[test]
    fn curation_then_undoing_everything_gives_the_original_answers() {
        let (_dir, mut s) = store();
        let original = answers(&s);
        let ents = [
            "person:alpha",
            "person:beta",
            "person:gamma",
            "city:xtown",
            "city:ytown",
            "Alpha",
            "nobody",
        ];
        let events = [
            "event:doc0#0",
            "event:doc1#0",
            "event:doc2#0",
            "event:doc2#1",
            "event:doc3#0",
            "event:doc9#0",
        ];
        let mut applied = 0;
        for seed in 1..=40u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let mut done = Vec::new();
            for _ in 0..1 + rng.next(6) {
                let r = match rng.next(6) {
                    0 => s.curate_merge(ents[rng.next(ents.len())], ents[rng.next(ents.len())]),
                    1 => s.curate_rename(ents[rng.next(ents.len())], "Renamed"),
                    2 => s.curate_reject(ents[rng.next(ents.len())]),
                    3 => s.curate_reject(events[rng.next(events.len())]),
                    4 => s.curate_split(events[rng.next(events.len())]),
                    _ => s.curate_merge(
                        events[rng.next(events.len())],
                        events[rng.next(events.len())],
                    ),
                };
                // Refusals change nothing; successes are undone below.
                if let Ok(c) = r {
                    done.push(c.correction);
                    applied += 1;
                }
            }
            // Undo in a random order, not only the reverse.
            while !done.is_empty() {
                let n = done.remove(rng.next(done.len()));
                s.curate_undo(n, &no_regions).unwrap();
            }
            assert_eq!(original, answers(&s), "seed {seed}");
        }
        assert!(applied > 30, "only {applied} corrections applied");
    }

    #[test]
    fn unknown_targets_are_refused_and_nothing_is_lost() {
        let (_dir, mut s) = store();
        let before = answers(&s);
        let e = s
            .curate_merge("Nobody Here", "Beta")
            .unwrap_err()
            .to_string();
        assert!(e.contains("no entity \"Nobody Here\""), "{e}");
        let e = s.curate_merge("Alpah", "Beta").unwrap_err().to_string();
        assert!(e.contains("did you mean Alpha"), "{e}");
        assert!(s.curate_reject("person:doesnotexist").is_err());
        assert!(s.curate_split("event:doc3#0").is_err(), "a single report");
        assert!(
            s.curate_merge("Alpha", "person:alpha").is_err(),
            "the same entity"
        );
        assert!(s.curate_undo(99, &no_regions).is_err());
        assert_eq!(before, answers(&s));
        assert!(s.corrections().unwrap().is_empty());
    }

    #[test]
    fn merged_events_and_split_reports() {
        let (_dir, mut s) = store();
        let n = |s: &Store| event_total(s, 100, EventQuery::default());
        assert_eq!(n(&s), 4, "doc0 and doc1 report one meeting");
        let c = s.curate_merge("event:doc2#0", "event:doc3#0").unwrap();
        assert!(c.summary.contains("1 report(s) moved"), "{}", c.summary);
        assert_eq!(n(&s), 3);
        s.curate_split("event:doc1#0").unwrap();
        assert_eq!(n(&s), 4);
    }
}
