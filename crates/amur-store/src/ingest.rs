//! Ingest: records into the store, one transaction per batch.
//!
//! The same article twice is stored once (its id is the hash of its text);
//! a kill in the middle leaves the last committed batch and nothing of the
//! next, and the index catches up on the next open. Entities merge by id; an
//! event reported by several articles (same type and status, overlapping
//! dates, a shared participant other than a country) becomes one event with
//! several sources; near-duplicate articles are linked.

use crate::minhash;
use crate::search::IndexDoc;
use crate::{day_number, day_span, Result, Store};
use amur_record::{Entity, Record};
use amur_sources::{PageKind, RawPage};
use rusqlite::{params, OptionalExtension, Transaction};

/// Counts of one ingest.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Articles stored.
    pub new: usize,
    /// Articles already in the store.
    pub duplicate: usize,
    /// New articles that are near-duplicates of stored ones.
    pub near_duplicate: usize,
    /// Events that joined an event already known from another article.
    pub merged_events: usize,
}

/// Region codes of an entity id (`city:harbin` → `["CN-HL"]`), from reference data.
pub type RegionOf<'a> = &'a dyn Fn(&str) -> Vec<String>;

fn now() -> String {
    // Seconds since the epoch keeps the store free of a clock library.
    let s = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    s.to_string()
}

fn declared_json(p: &RawPage) -> String {
    serde_json::json!({"url": p.declared.url, "title": p.declared.title, "date": p.declared.date})
        .to_string()
}

/// The page as stored, for reindexing.
pub fn page_from_row(source: String, kind: &str, content: String, declared: &str) -> RawPage {
    let d: serde_json::Value = serde_json::from_str(declared).unwrap_or_default();
    let s = |k: &str| d.get(k).and_then(|v| v.as_str()).map(str::to_string);
    RawPage {
        source,
        kind: if kind == "html" {
            PageKind::Html
        } else {
            PageKind::Text
        },
        content,
        encoding: "UTF-8",
        declared: amur_sources::Declared {
            url: s("url"),
            title: s("title"),
            date: s("date"),
        },
    }
}

impl Store {
    /// Stores a batch of extracted articles in one transaction and indexes them.
    pub fn ingest_batch(
        &mut self,
        items: &[(RawPage, Record)],
        region_of: RegionOf,
    ) -> Result<Summary> {
        let mut sum = Summary::default();
        let mut added: Vec<&Record> = Vec::new();
        let tx = self.conn.transaction()?;
        for (page, rec) in items {
            let exists: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM documents WHERE doc_id=?1",
                    [&rec.doc_id],
                    |r| r.get(0),
                )
                .optional()?;
            if exists.is_some() || added.iter().any(|r| r.doc_id == rec.doc_id) {
                sum.duplicate += 1;
                continue;
            }
            let kind = if page.kind == PageKind::Html {
                "html"
            } else {
                "text"
            };
            tx.execute(
                "INSERT INTO pages(doc_id, source, kind, content, declared) VALUES(?1, ?2, ?3, ?4, ?5)",
                params![rec.doc_id, page.source, kind, page.content, declared_json(page)],
            )?;
            let sig = minhash::signature(&rec.text);
            let near = near_duplicate(&tx, &sig)?;
            if near.is_some() {
                sum.near_duplicate += 1;
            }
            tx.execute(
                "INSERT INTO documents(doc_id, source, title, published, language, outlet, record, minhash, near_dup_of, indexed, ingested_at)
                 VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10)",
                params![
                    rec.doc_id, rec.source, rec.title, rec.published, rec.language.code(), rec.outlet,
                    serde_json::to_string(rec)?, minhash::to_bytes(&sig), near, now()
                ],
            )?;
            for (i, b) in minhash::bands(&sig).iter().enumerate() {
                tx.execute(
                    "INSERT INTO minhash_bands(band, key, doc_id) VALUES(?1, ?2, ?3)",
                    params![i as i64, *b as i64, rec.doc_id],
                )?;
            }
            sum.merged_events += insert_extracted(&tx, rec, region_of)?;
            sum.new += 1;
            added.push(rec);
        }
        tx.commit()?;
        self.index_records(&added, region_of)?;
        Ok(sum)
    }

    /// Adds records to the full-text index and marks them indexed.
    fn index_records(&self, recs: &[&Record], region_of: RegionOf) -> Result<()> {
        if recs.is_empty() {
            return Ok(());
        }
        let mut w = self.index.writer()?;
        for r in recs {
            self.index.add(&w, &index_doc(r, region_of))?;
        }
        w.commit()?;
        self.index.reload()?;
        let tx = self.conn.unchecked_transaction()?;
        for r in recs {
            tx.execute(
                "UPDATE documents SET indexed=1 WHERE doc_id=?1",
                [&r.doc_id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Indexes documents an interrupted ingest stored but did not index.
    pub fn repair_index(&self) -> Result<usize> {
        let recs = self.records_where("indexed=0")?;
        let refs: Vec<&Record> = recs.iter().collect();
        // Regions were recorded with the entities at ingest time.
        let region_of = |id: &str| -> Vec<String> {
            self.conn
                .query_row("SELECT regions FROM entities WHERE id=?1", [id], |r| {
                    r.get::<_, String>(0)
                })
                .map(|s| s.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default()
        };
        self.index_records(&refs, &region_of)?;
        Ok(recs.len())
    }

    /// Stored records matching an SQL condition on `documents`.
    pub fn records_where(&self, cond: &str) -> Result<Vec<Record>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT record FROM documents WHERE {cond} ORDER BY rowid"
        ))?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(serde_json::from_str(&row?)?);
        }
        Ok(out)
    }

    /// Re-extracts every stored page with `extract` (a newer extractor),
    /// replacing all extracted data, rebuilding the index and re-applying
    /// curation. Returns the number of articles re-extracted.
    pub fn reindex_with(
        &mut self,
        extract: &dyn Fn(&RawPage) -> Option<Record>,
        region_of: RegionOf,
    ) -> Result<usize> {
        let pages: Vec<(String, RawPage)> = {
            let mut st = self.conn.prepare(
                "SELECT doc_id, source, kind, content, declared FROM pages ORDER BY rowid",
            )?;
            let rows = st.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    page_from_row(
                        r.get(1)?,
                        &r.get::<_, String>(2)?,
                        r.get(3)?,
                        &r.get::<_, String>(4)?,
                    ),
                ))
            })?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        let tx = self.conn.transaction()?;
        for t in [
            "entities",
            "mentions",
            "events",
            "event_sources",
            "event_participants",
            "agreements",
            "figures",
            "relations",
        ] {
            tx.execute(&format!("DELETE FROM {t}"), [])?;
        }
        let mut recs = Vec::new();
        for (old_id, page) in &pages {
            let Some(mut rec) = extract(page) else {
                continue;
            };
            // The article keeps its identity even if cleaning changed its text.
            rec.doc_id = old_id.clone();
            tx.execute(
                "UPDATE documents SET title=?2, published=?3, language=?4, outlet=?5, record=?6, indexed=0 WHERE doc_id=?1",
                params![rec.doc_id, rec.title, rec.published, rec.language.code(), rec.outlet, serde_json::to_string(&rec)?],
            )?;
            insert_extracted(&tx, &rec, region_of)?;
            recs.push(rec);
        }
        tx.commit()?;
        {
            let mut w = self.index.writer()?;
            self.index.clear(&w)?;
            w.commit()?;
        }
        let refs: Vec<&Record> = recs.iter().collect();
        self.index_records(&refs, region_of)?;
        self.apply_curation()?;
        Ok(recs.len())
    }
}

fn index_doc<'a>(r: &'a Record, region_of: RegionOf) -> IndexDoc<'a> {
    let mut regions: Vec<String> = Vec::new();
    for e in &r.entities {
        for reg in entity_regions(e, region_of) {
            if !regions.contains(&reg) {
                regions.push(reg);
            }
        }
    }
    IndexDoc {
        doc_id: &r.doc_id,
        language: r.language.code(),
        text: format!("{}\n{}", r.title.as_deref().unwrap_or(""), r.text),
        published: day_number(r.published.as_deref()),
        entities: r.entities.iter().map(|e| e.id.to_string()).collect(),
        regions,
    }
}

/// Region codes of an entity: its own code for a region, else from reference data.
fn entity_regions(e: &Entity, region_of: RegionOf) -> Vec<String> {
    match &e.code {
        Some(c) if c.contains('-') => vec![c.clone()],
        _ => region_of(e.id.as_str()),
    }
}

/// Recomputes the regions an event concerns (its participants' and place's);
/// all events when `event_id` is `None`.
pub(crate) fn refresh_event_regions(
    tx: &rusqlite::Connection,
    event_id: Option<i64>,
) -> Result<()> {
    let rows: Vec<(i64, String)> = match event_id {
        Some(id) => {
            tx.execute("DELETE FROM event_regions WHERE event_id=?1", [id])?;
            let mut st = tx.prepare_cached(
                "SELECT ?1, n.regions FROM event_participants p JOIN entities n ON n.id=p.entity_id WHERE p.event_id=?1
                 UNION ALL SELECT ?1, n.regions FROM events e JOIN entities n ON n.id=e.location WHERE e.event_id=?1",
            )?;
            let rows = st
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<std::result::Result<_, _>>()?;
            rows
        }
        None => {
            tx.execute("DELETE FROM event_regions", [])?;
            let mut st = tx.prepare(
                "SELECT p.event_id, n.regions FROM event_participants p JOIN entities n ON n.id=p.entity_id
                 UNION ALL SELECT e.event_id, n.regions FROM events e JOIN entities n ON n.id=e.location",
            )?;
            let rows = st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<std::result::Result<_, _>>()?;
            rows
        }
    };
    let mut ins =
        tx.prepare_cached("INSERT OR IGNORE INTO event_regions(event_id, region) VALUES(?1, ?2)")?;
    for (e, regs) in rows {
        for r in regs.split_whitespace() {
            ins.execute(params![e, r])?;
        }
    }
    Ok(())
}

fn near_duplicate(tx: &Transaction, sig: &[u64]) -> Result<Option<String>> {
    if sig.is_empty() {
        return Ok(None);
    }
    // Candidates sharing a band, each compared once; a capped number keeps
    // ingest linear even when many articles share boilerplate.
    let mut candidates: Vec<String> = Vec::new();
    let mut st =
        tx.prepare_cached("SELECT doc_id FROM minhash_bands WHERE band=?1 AND key=?2 LIMIT 64")?;
    for (i, key) in minhash::bands(sig).iter().enumerate() {
        for id in st.query_map(params![i as i64, *key as i64], |r| r.get::<_, String>(0))? {
            let id = id?;
            if !candidates.contains(&id) {
                candidates.push(id);
            }
        }
        if candidates.len() >= 64 {
            break;
        }
    }
    let mut best: Option<(f64, String)> = None;
    let mut get = tx.prepare_cached("SELECT minhash FROM documents WHERE doc_id=?1")?;
    for id in candidates {
        let bytes: Vec<u8> = get.query_row([&id], |r| r.get(0))?;
        let s = minhash::similarity(sig, &minhash::from_bytes(&bytes));
        if s >= 0.8 && best.as_ref().is_none_or(|b| s > b.0) {
            best = Some((s, id));
        }
    }
    Ok(best.map(|b| b.1))
}

/// Inserts a record's entities and facts; returns how many of its events
/// joined an event known from another article.
fn insert_extracted(tx: &Transaction, rec: &Record, region_of: RegionOf) -> Result<usize> {
    let chars: Vec<char> = rec.text.chars().collect();
    let slice = |s: usize, e: usize| -> String {
        chars
            .get(s..e.min(chars.len()))
            .map(|c| c.iter().collect())
            .unwrap_or_default()
    };
    for e in &rec.entities {
        tx.prepare_cached("INSERT INTO entities(id, type, name, code, name_en, name_ru, name_zh, regions) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(id) DO UPDATE SET name_en=COALESCE(name_en, excluded.name_en), name_ru=COALESCE(name_ru, excluded.name_ru),
             name_zh=COALESCE(name_zh, excluded.name_zh)")?.execute(params![e.id.as_str(), e.kind.as_str(), e.name, e.code, e.names.en, e.names.ru, e.names.zh, entity_regions(e, region_of).join(" ")],
        )?;
        for m in &e.mentions {
            tx.prepare_cached("INSERT INTO mentions(doc_id, entity_id, start, end, text, office) VALUES(?1, ?2, ?3, ?4, ?5, ?6)")?.execute(params![rec.doc_id, e.id.as_str(), m.start as i64, m.end as i64, m.text, e.office],
            )?;
        }
    }
    let mut merged = 0;
    for ev in &rec.events {
        let span = ev.date.as_deref().and_then(day_span);
        let ids: Vec<&str> = ev
            .participants
            .iter()
            .map(|p| p.entity.as_str())
            .filter(|id| !id.starts_with("country:") && !id.starts_with("macro_region:"))
            .collect();
        let mut existing: Option<i64> = None;
        if let (Some((a, b)), false) = (&span, ids.is_empty()) {
            let placeholders = vec!["?"; ids.len()].join(",");
            // Driven by the date index (events rarely last over a month), then
            // the participants: cost stays flat as the store grows.
            let sql = format!(
                "SELECT e.event_id FROM events e CROSS JOIN event_participants p ON p.event_id=e.event_id
                 WHERE e.type=? AND e.date_start BETWEEN date(?, '-31 day') AND ? AND e.date_end>=? AND e.status=?
                 AND p.entity_id IN ({placeholders})
                 AND e.event_id NOT IN (SELECT event_id FROM event_sources WHERE doc_id=?)
                 GROUP BY e.event_id ORDER BY COUNT(*) DESC LIMIT 1"
            );
            let mut args: Vec<&dyn rusqlite::ToSql> = Vec::new();
            let kind = ev.kind.as_str();
            let status = ev.status.as_str();
            args.push(&kind);
            args.push(a);
            args.push(b);
            args.push(a);
            args.push(&status);
            for id in &ids {
                args.push(id);
            }
            args.push(&rec.doc_id);
            existing = tx
                .query_row(&sql, args.as_slice(), |r| r.get(0))
                .optional()?;
        }
        let event_id = match existing {
            Some(id) => {
                merged += 1;
                id
            }
            None => {
                tx.prepare_cached("INSERT INTO events(type, mode, status, date, date_start, date_end, location) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(params![
                        ev.kind.as_str(), ev.mode.map(|m| m.as_str()), ev.status.as_str(), ev.date,
                        span.as_ref().map(|s| s.0.clone()), span.as_ref().map(|s| s.1.clone()), ev.location.as_ref().map(|l| l.as_str())
                    ],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.prepare_cached("INSERT INTO event_sources(event_id, doc_id, start, end, evidence) VALUES(?1, ?2, ?3, ?4, ?5)")?.execute(params![event_id, rec.doc_id, ev.evidence.start as i64, ev.evidence.end as i64, slice(ev.evidence.start, ev.evidence.end)],
        )?;
        for p in &ev.participants {
            tx.prepare_cached("INSERT OR IGNORE INTO event_participants(event_id, entity_id, role) VALUES(?1, ?2, ?3)")?.execute(params![event_id, p.entity.as_str(), p.role.as_str()],
            )?;
        }
        if existing.is_some() {
            tx.prepare_cached("UPDATE events SET location=COALESCE(location, ?2), mode=COALESCE(mode, ?3) WHERE event_id=?1")?.execute(params![event_id, ev.location.as_ref().map(|l| l.as_str()), ev.mode.map(|m| m.as_str())],
            )?;
        }
        refresh_event_regions(tx, Some(event_id))?;
    }
    for a in &rec.agreements {
        let parties: Vec<&str> = a.parties.iter().map(|p| p.as_str()).collect();
        tx.prepare_cached("INSERT INTO agreements(doc_id, kind, sector, date, parties, start, end) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(params![rec.doc_id, a.kind.as_str(), a.sector.map(|s| s.as_str()), a.date, parties.join(" "), a.evidence.start as i64, a.evidence.end as i64],
        )?;
    }
    for f in &rec.figures {
        tx.prepare_cached("INSERT INTO figures(doc_id, kind, flow, value, unit, change_pct, period, target, reporter, partner, start, end)
             VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")?.execute(params![
                rec.doc_id, f.kind.as_str(), f.flow.map(|x| x.as_str()), f.value, f.unit, f.change_pct, f.period, f.target as i64,
                f.reporter.as_ref().map(|x| x.as_str()), f.partner.as_ref().map(|x| x.as_str()), f.evidence.start as i64, f.evidence.end as i64
            ],
        )?;
    }
    for r in &rec.relations {
        tx.prepare_cached("INSERT INTO relations(doc_id, type, mode, a, b, start, end) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(params![rec.doc_id, r.kind.as_str(), r.mode.map(|m| m.as_str()), r.a.as_str(), r.b.as_str(), r.evidence.start as i64, r.evidence.end as i64],
        )?;
    }
    Ok(merged)
}
