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
use amur_refdata::RefData;
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

/// Counts of one reindex.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReindexSummary {
    /// Articles re-extracted.
    pub reextracted: usize,
    /// Articles that no longer extract: `(doc_id, source, reason)`. Their
    /// previous record is kept, so nothing is lost.
    pub failed: Vec<(String, String, String)>,
}

/// Region codes of an entity from reference data (`city:harbin` → CN-HL).
pub fn region_resolver(data: &RefData) -> impl Fn(&str) -> Vec<String> + '_ {
    move |id: &str| {
        let eid = amur_record::EntityId::from(id);
        data.region_of(&eid)
            .and_then(|r| data.get(r.as_str()))
            .and_then(|r| r.code.clone())
            .into_iter()
            .collect()
    }
}

/// What storing an article computes from its record alone: the MinHash
/// signature of its text and the record as JSON. Made by [`Signed::of`] on
/// any thread, so a caller can keep this work off the single writer.
#[derive(Debug, Clone)]
pub struct Signed {
    sig: Vec<u64>,
    json: String,
}

impl Signed {
    /// The signature and JSON of `rec`.
    pub fn of(rec: &Record) -> Result<Self> {
        Ok(Signed {
            sig: minhash::signature(&rec.text),
            json: serde_json::to_string(rec)?,
        })
    }
}

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
pub fn page_from_row(
    source: String,
    kind: &str,
    content: String,
    declared: &str,
) -> serde_json::Result<RawPage> {
    let d: serde_json::Value = serde_json::from_str(declared)?;
    let s = |k: &str| d.get(k).and_then(|v| v.as_str()).map(str::to_string);
    Ok(RawPage {
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
    })
}

impl Store {
    /// Stores a batch of extracted articles (one transaction), with regions
    /// looked up in `refdata`, and indexes them. Call [`Store::finish_ingest`]
    /// after the last batch.
    pub fn ingest(&mut self, items: &[(RawPage, Record)], refdata: &RefData) -> Result<Summary> {
        let region_of = region_resolver(refdata);
        self.ingest_batch(items, &region_of)
    }

    /// [`Store::ingest`] with each item's [`Signed`] already made (in the
    /// same order), so the single writer thread does not compute them.
    pub fn ingest_signed(
        &mut self,
        items: &[(RawPage, Record)],
        signed: &[Signed],
        refdata: &RefData,
    ) -> Result<Summary> {
        let region_of = region_resolver(refdata);
        if signed.len() != items.len() {
            return self.ingest_batch(items, &region_of);
        }
        self.ingest_batch_signed(items, signed, &region_of)
    }

    /// Ends an ingest: re-applies curation and records the extractor version
    /// and the reference-data hash the store was built with.
    pub fn finish_ingest(&mut self, refdata: &RefData, extractor_version: &str) -> Result<()> {
        self.apply_curation()?;
        self.set_meta("extractor_version", extractor_version)?;
        self.set_meta("refdata_hash", &refdata.hash)
    }

    /// Re-extracts every stored page with `extract` (this version's
    /// extractor) and `refdata`, then re-applies curation. Pages that no
    /// longer extract keep their previous record and are listed.
    pub fn reindex(
        &mut self,
        refdata: &RefData,
        extractor_version: &str,
        extract: &dyn Fn(&RawPage) -> std::result::Result<Record, String>,
    ) -> Result<ReindexSummary> {
        let region_of = region_resolver(refdata);
        let sum = self.reindex_with(extract, &region_of)?;
        self.set_meta("extractor_version", extractor_version)?;
        self.set_meta("refdata_hash", &refdata.hash)?;
        Ok(sum)
    }

    /// Stores a batch of extracted articles in one transaction and indexes them
    /// (regions from `region_of`).
    pub fn ingest_batch(
        &mut self,
        items: &[(RawPage, Record)],
        region_of: RegionOf,
    ) -> Result<Summary> {
        let signed = items
            .iter()
            .map(|(_, rec)| Signed::of(rec))
            .collect::<Result<Vec<_>>>()?;
        self.ingest_batch_signed(items, &signed, region_of)
    }

    fn ingest_batch_signed(
        &mut self,
        items: &[(RawPage, Record)],
        signed: &[Signed],
        region_of: RegionOf,
    ) -> Result<Summary> {
        let mut sum = Summary::default();
        let mut added: Vec<&Record> = Vec::new();
        let tx = self.conn.transaction()?;
        for ((page, rec), Signed { sig, json }) in items.iter().zip(signed) {
            let exists: Option<i64> = tx
                .prepare_cached("SELECT 1 FROM documents WHERE doc_id=?1")?
                .query_row([&rec.doc_id], |r| r.get(0))
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
            tx.prepare_cached(
                "INSERT INTO pages(doc_id, source, kind, content, declared) VALUES(?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![rec.doc_id, page.source, kind, page.content, declared_json(page)])?;
            let near = near_duplicate(&tx, sig)?;
            if near.is_some() {
                sum.near_duplicate += 1;
            }
            tx.prepare_cached(
                "INSERT INTO documents(doc_id, source, title, published, language, outlet, record, minhash, near_dup_of, indexed, ingested_at)
                 VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10)",
            )?
            .execute(params![
                rec.doc_id, rec.source, rec.title, rec.published, rec.language.code(), rec.outlet,
                json, minhash::to_bytes(sig), near, now()
            ])?;
            insert_bands(&tx, &rec.doc_id, sig)?;
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
        let w = self.index.writer()?;
        for r in recs {
            self.index.add(&w, &index_doc(r, region_of))?;
        }
        self.index.commit(w)?;
        self.index.reload()?;
        let tx = self.conn.unchecked_transaction()?;
        {
            let mut st = tx.prepare_cached("UPDATE documents SET indexed=1 WHERE doc_id=?1")?;
            for r in recs {
                st.execute([&r.doc_id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Indexes documents an interrupted ingest stored but did not index.
    pub fn repair_index(&self) -> Result<usize> {
        let recs = self.records_where("indexed=0")?;
        if recs.is_empty() {
            return Ok(0);
        }
        let refs: Vec<&Record> = recs.iter().collect();
        // Regions were recorded with the entities at ingest time; read them
        // up front so a database error is reported, not taken for "none".
        let recorded: std::collections::HashMap<String, String> = {
            let mut st = self.conn.prepare("SELECT id, regions FROM entities")?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        let region_of = |id: &str| -> Vec<String> {
            recorded
                .get(id)
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

    /// Re-extracts every stored page with `extract`, replacing the extracted
    /// data and the index and re-applying curation. A page that no longer
    /// extracts keeps its stored record (and is reported in the summary).
    pub fn reindex_with(
        &mut self,
        extract: &dyn Fn(&RawPage) -> std::result::Result<Record, String>,
        region_of: RegionOf,
    ) -> Result<ReindexSummary> {
        let rows: Vec<(String, String, String, String, String)> = {
            let mut st = self.conn.prepare(
                "SELECT doc_id, source, kind, content, declared FROM pages ORDER BY rowid",
            )?;
            let rows = st.query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        let mut pages: Vec<(String, RawPage)> = Vec::with_capacity(rows.len());
        for (doc, source, kind, content, declared) in rows {
            pages.push((doc, page_from_row(source, &kind, content, &declared)?));
        }
        // Extract first: the tables are replaced only once every page has an answer.
        let mut sum = ReindexSummary::default();
        let mut recs = Vec::new();
        for (old_id, page) in &pages {
            match extract(page) {
                Ok(mut rec) => {
                    // The article keeps its identity even if cleaning changed its text.
                    rec.doc_id = old_id.clone();
                    recs.push((rec, true));
                }
                Err(reason) => {
                    sum.failed
                        .push((old_id.clone(), page.source.clone(), reason));
                    let old: Option<String> = self
                        .conn
                        .query_row(
                            "SELECT record FROM documents WHERE doc_id=?1",
                            [old_id],
                            |r| r.get(0),
                        )
                        .optional()?;
                    if let Some(json) = old {
                        recs.push((serde_json::from_str(&json)?, false));
                    }
                }
            }
        }
        let tx = self.conn.transaction()?;
        clear_extracted(&tx)?;
        for (rec, fresh) in &recs {
            if *fresh {
                tx.execute(
                    "UPDATE documents SET title=?2, published=?3, language=?4, outlet=?5, record=?6, indexed=0 WHERE doc_id=?1",
                    params![rec.doc_id, rec.title, rec.published, rec.language.code(), rec.outlet, serde_json::to_string(rec)?],
                )?;
                sum.reextracted += 1;
            }
            insert_extracted(&tx, rec, region_of)?;
        }
        tx.commit()?;
        {
            let w = self.index.writer()?;
            self.index.clear(&w)?;
            self.index.commit(w)?;
        }
        let refs: Vec<&Record> = recs.iter().map(|r| &r.0).collect();
        self.index_records(&refs, region_of)?;
        self.apply_curation()?;
        Ok(sum)
    }

    /// Recomputes every document's MinHash signature and LSH bands from its
    /// stored record (after the signature scheme changed: store version 3).
    pub fn resign_minhash(&mut self) -> Result<()> {
        let recs = self.records_where("1=1")?;
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM minhash_bands", [])?;
        for rec in &recs {
            let sig = minhash::signature(&rec.text);
            tx.execute(
                "UPDATE documents SET minhash=?1 WHERE doc_id=?2",
                params![minhash::to_bytes(&sig), rec.doc_id],
            )?;
            insert_bands(&tx, &rec.doc_id, &sig)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Rebuilds the extracted tables from the stored records (no
    /// re-extraction) and re-applies curation: how `curate undo` and a store
    /// upgrade start again from what the articles say. Regions come from
    /// `region_of`, or from those recorded with the entities.
    pub fn rebuild_from_records(&mut self, region_of: Option<RegionOf>) -> Result<()> {
        let recs = self.records_where("1=1")?;
        let recorded: std::collections::HashMap<String, String> = {
            let mut st = self.conn.prepare("SELECT id, regions FROM entities")?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        let from_table = |id: &str| -> Vec<String> {
            recorded
                .get(id)
                .map(|s| s.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default()
        };
        let region_of: RegionOf = region_of.unwrap_or(&from_table);
        let tx = self.conn.transaction()?;
        clear_extracted(&tx)?;
        for rec in &recs {
            insert_extracted(&tx, rec, region_of)?;
        }
        tx.commit()?;
        self.apply_curation()
    }
}

/// The LSH band keys of a document's signature.
fn insert_bands(tx: &Transaction, doc_id: &str, sig: &[u64]) -> Result<()> {
    let mut st =
        tx.prepare_cached("INSERT INTO minhash_bands(band, key, doc_id) VALUES(?1, ?2, ?3)")?;
    for (i, b) in minhash::bands(sig).iter().enumerate() {
        // Keys are stored as SQLite's signed integers, bit for bit.
        st.execute(params![i as i64, *b as i64, doc_id])?;
    }
    Ok(())
}

/// Empties every table derived from the records.
fn clear_extracted(tx: &Transaction) -> Result<()> {
    for t in [
        "entities",
        "mentions",
        "events",
        "event_sources",
        "event_participants",
        "event_regions",
        "event_pairs",
        "agreements",
        "figures",
        "relations",
    ] {
        tx.execute(&format!("DELETE FROM {t}"), [])?;
    }
    Ok(())
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
            tx.prepare_cached("DELETE FROM event_regions WHERE event_id=?1")?
                .execute([id])?;
            tx.prepare_cached("DELETE FROM event_pairs WHERE event_id=?1")?
                .execute([id])?;
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
            tx.execute("DELETE FROM event_pairs", [])?;
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
    let mut by_event: std::collections::BTreeMap<i64, std::collections::BTreeSet<&str>> =
        std::collections::BTreeMap::new();
    for (e, regs) in &rows {
        by_event
            .entry(*e)
            .or_default()
            .extend(regs.split_whitespace());
    }
    // Each event's type and first day are kept beside its regions, so that a
    // region or pair query walks an index in date order and stops at the page.
    // Two statements, not `?1 IS NULL OR event_id=?1`: SQLite plans that
    // one as a scan of every event, which made each event's refresh grow
    // with the store.
    let heads: std::collections::HashMap<i64, (String, Option<String>)> = {
        let head = |r: &rusqlite::Row| Ok((r.get(0)?, (r.get(1)?, r.get(2)?)));
        match event_id {
            Some(id) => tx
                .prepare_cached("SELECT event_id, type, date_start FROM events WHERE event_id=?1")?
                .query_map([id], head)?
                .collect::<std::result::Result<_, _>>()?,
            None => tx
                .prepare_cached("SELECT event_id, type, date_start FROM events")?
                .query_map([], head)?
                .collect::<std::result::Result<_, _>>()?,
        }
    };
    let mut ins = tx.prepare_cached(
        "INSERT OR IGNORE INTO event_regions(event_id, region, type, date_start) VALUES(?1, ?2, ?3, ?4)",
    )?;
    // Every two regions of an event, in order: a pair query reads only the
    // events of that pair, not all of one region's.
    let mut pair = tx.prepare_cached(
        "INSERT OR IGNORE INTO event_pairs(a, b, event_id, type, date_start) VALUES(?1, ?2, ?3, ?4, ?5)",
    )?;
    for (e, regs) in &by_event {
        let Some((kind, day)) = heads.get(e) else {
            continue;
        };
        for (i, a) in regs.iter().enumerate() {
            ins.execute(params![e, a, kind, day])?;
            for b in regs.iter().skip(i + 1) {
                pair.execute(params![a, b, e, kind, day])?;
            }
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

/// A dated event of the same type and status, overlapping dates and a shared
/// participant (other than a country), from another article.
fn dated_match(
    tx: &Transaction,
    ev: &amur_record::Event,
    a: &str,
    b: &str,
    ids: &[&str],
    doc_id: &str,
) -> Result<Option<i64>> {
    let sql = dated_match_sql(ids.len());
    let mut args: Vec<&dyn rusqlite::ToSql> = Vec::new();
    let kind = ev.kind.as_str();
    let status = ev.status.as_str();
    args.push(&kind);
    args.push(&a);
    args.push(&b);
    args.push(&a);
    args.push(&status);
    for id in ids {
        args.push(id);
    }
    args.push(&doc_id);
    Ok(tx
        .prepare_cached(&sql)?
        .query_row(args.as_slice(), |r| r.get(0))
        .optional()?)
}

/// The query of [`dated_match`] for `n` participant ids: driven by the
/// `events_match` index (events rarely last over a month), then the
/// participants.
///
/// Each candidate event's participants are read with one seek on its id and
/// checked against the list (`+` keeps SQLite from seeking once per listed
/// entity: reports name five to a dozen, and a month holds hundreds of
/// candidates).
fn dated_match_sql(n: usize) -> String {
    let placeholders = vec!["?"; n].join(",");
    format!(
        "SELECT e.event_id FROM events e CROSS JOIN event_participants p ON p.event_id=e.event_id
         WHERE e.type=? AND e.date_start BETWEEN date(?, '-31 day') AND ? AND e.date_end>=? AND e.status=?
         AND +p.entity_id IN ({placeholders})
         AND e.event_id NOT IN (SELECT event_id FROM event_sources WHERE doc_id=?)
         GROUP BY e.event_id ORDER BY COUNT(*) DESC LIMIT 1"
    )
}

/// An event whose date is missing on one side: with `dated`, an undated event
/// reported by an article published within `a..b` (a month before to a month
/// after); otherwise a dated event within a month before `b` (the
/// publication) and `a`. Same type and status, a shared specific entity.
fn loose_match(
    tx: &Transaction,
    ev: &amur_record::Event,
    a: &str,
    b: &str,
    dated: bool,
    specific: &[&str],
    doc_id: &str,
) -> Result<Option<i64>> {
    // Numbered parameters: the ids are ?6.. in both lists.
    let placeholders = (0..specific.len())
        .map(|i| format!("?{}", i + 6))
        .collect::<Vec<_>>()
        .join(",");
    let date_cond = if dated {
        "e.date_start IS NULL AND e.reported BETWEEN date(?1, '-31 day') AND date(?2, '+31 day')"
    } else {
        "e.date_start BETWEEN date(?1, '-31 day') AND ?2"
    };
    let sql = format!(
        "SELECT e.event_id FROM events e WHERE e.type=?3 AND e.status=?4 AND {date_cond}
         AND (e.location IN ({placeholders}) OR EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id=e.event_id AND +p.entity_id IN ({placeholders})))
         AND e.event_id NOT IN (SELECT event_id FROM event_sources WHERE doc_id=?5)
         ORDER BY e.event_id LIMIT 1"
    );
    let mut args: Vec<&dyn rusqlite::ToSql> = Vec::new();
    let kind = ev.kind.as_str();
    let status = ev.status.as_str();
    args.push(&a);
    args.push(&b);
    args.push(&kind);
    args.push(&status);
    args.push(&doc_id);
    for id in specific {
        args.push(id);
    }
    Ok(tx
        .prepare_cached(&sql)?
        .query_row(args.as_slice(), |r| r.get(0))
        .optional()?)
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
    for (idx, ev) in rec.events.iter().enumerate() {
        let span = ev.date.as_deref().and_then(day_span);
        let ids: Vec<&str> = ev
            .participants
            .iter()
            .map(|p| p.entity.as_str())
            .filter(|id| !id.starts_with("country:") && !id.starts_with("macro_region:"))
            .collect();
        let mut existing: Option<i64> = None;
        if let (Some((a, b)), false) = (&span, ids.is_empty()) {
            existing = dated_match(tx, ev, a, b, &ids, &rec.doc_id)?;
        }
        // Partial or missing dates: a report without a date joins a dated
        // event near the publication day, and a dated report joins an undated
        // event reported near its day, when they share something specific (a
        // facility, person, organisation or town, never only a region).
        let specific: Vec<&str> = ids
            .iter()
            .copied()
            .chain(ev.location.as_ref().map(|l| l.as_str()))
            .filter(|id| {
                !id.starts_with("region:")
                    && !id.starts_with("country:")
                    && !id.starts_with("macro_region:")
            })
            .collect();
        if existing.is_none() && !specific.is_empty() {
            let window = match &span {
                Some((a, b)) => Some((a.clone(), b.clone(), true)),
                None => rec
                    .published
                    .as_deref()
                    .and_then(day_span)
                    .map(|(a, b)| (a, b, false)),
            };
            if let Some((a, b, dated)) = window {
                existing = loose_match(tx, ev, &a, &b, dated, &specific, &rec.doc_id)?;
            }
        }
        let event_id = match existing {
            Some(id) => {
                merged += 1;
                id
            }
            None => {
                let reported = rec.published.as_deref().and_then(day_span).map(|s| s.0);
                tx.prepare_cached("INSERT INTO events(type, mode, status, date, date_start, date_end, location, reported) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?.execute(params![
                        ev.kind.as_str(), ev.mode.map(|m| m.as_str()), ev.status.as_str(), ev.date,
                        span.as_ref().map(|s| s.0.clone()), span.as_ref().map(|s| s.1.clone()), ev.location.as_ref().map(|l| l.as_str()),
                        reported
                    ],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.prepare_cached("INSERT INTO event_sources(event_id, doc_id, start, end, evidence, idx) VALUES(?1, ?2, ?3, ?4, ?5, ?6)")?.execute(params![event_id, rec.doc_id, ev.evidence.start as i64, ev.evidence.end as i64, slice(ev.evidence.start, ev.evidence.end), idx as i64],
        )?;
        for p in &ev.participants {
            tx.prepare_cached("INSERT OR IGNORE INTO event_participants(event_id, entity_id, role) VALUES(?1, ?2, ?3)")?.execute(params![event_id, p.entity.as_str(), p.role.as_str()],
            )?;
        }
        if existing.is_some() {
            tx.prepare_cached("UPDATE events SET location=COALESCE(location, ?2), mode=COALESCE(mode, ?3) WHERE event_id=?1")?.execute(params![event_id, ev.location.as_ref().map(|l| l.as_str()), ev.mode.map(|m| m.as_str())],
            )?;
            // The event takes the most precise date its reports give, so a
            // month-dated report cannot later join two different days.
            if let Some((a, b)) = &span {
                tx.prepare_cached(
                    "UPDATE events SET date=?2, date_start=?3, date_end=?4 WHERE event_id=?1
                     AND (date_start IS NULL OR (?3>=date_start AND ?4<=date_end AND (?3>date_start OR ?4<date_end)))",
                )?
                .execute(params![event_id, ev.date, a, b])?;
            }
        }
        refresh_event_regions(tx, Some(event_id))?;
    }
    for (idx, a) in rec.agreements.iter().enumerate() {
        let parties: Vec<&str> = a.parties.iter().map(|p| p.as_str()).collect();
        tx.prepare_cached("INSERT INTO agreements(doc_id, kind, sector, date, parties, start, end, idx) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?.execute(params![rec.doc_id, a.kind.as_str(), a.sector.map(|s| s.as_str()), a.date, parties.join(" "), a.evidence.start as i64, a.evidence.end as i64, idx as i64],
        )?;
    }
    for (idx, f) in rec.figures.iter().enumerate() {
        tx.prepare_cached("INSERT INTO figures(doc_id, kind, flow, value, unit, change_pct, period, target, reporter, partner, start, end, idx)
             VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")?.execute(params![
                rec.doc_id, f.kind.as_str(), f.flow.map(|x| x.as_str()), f.value, f.unit, f.change_pct, f.period, f.target as i64,
                f.reporter.as_ref().map(|x| x.as_str()), f.partner.as_ref().map(|x| x.as_str()), f.evidence.start as i64, f.evidence.end as i64,
                idx as i64
            ],
        )?;
    }
    for r in &rec.relations {
        tx.prepare_cached("INSERT INTO relations(doc_id, type, mode, a, b, start, end) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(params![rec.doc_id, r.kind.as_str(), r.mode.map(|m| m.as_str()), r.a.as_str(), r.b.as_str(), r.evidence.start as i64, r.evidence.end as i64],
        )?;
    }
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use crate::query::EventQuery;
    use crate::testing::{event_total, no_regions, stored};
    use crate::Store;
    use amur_record::Record;
    use amur_sources::{PageKind, RawPage};
    use serde_json::json;

    fn rec(i: usize, published: &str, date: Option<&str>) -> (RawPage, Record) {
        let text = format!("The Heihe bridge opened to traffic. Report {i}.");
        let r: Record = serde_json::from_value(json!({
            "doc_id": format!("d{i}"), "source": format!("r{i}.txt"), "published": published,
            "language": "en", "authors": [], "text": text, "sectors": [],
            "entities": [{"id": "facility:heihe-bridge", "type": "facility", "name": "Heihe bridge",
                          "names": {"en": "Heihe bridge"}, "mentions": [{"start": 4, "end": 16, "text": "Heihe bridge"}]},
                         {"id": "region:CN-HL", "type": "region", "name": "Heilongjiang", "code": "CN-HL",
                          "names": {"en": "Heilongjiang"}, "mentions": []}],
            "events": [{"type": "launch", "status": "occurred", "date": date,
                        "location": "facility:heihe-bridge",
                        "participants": [{"entity": "region:CN-HL", "role": "party"}],
                        "evidence": {"start": 0, "end": 35}}],
            "agreements": [], "figures": [], "relations": []
        }))
        .unwrap();
        (page_of(&r), r)
    }

    fn events(items: &[(RawPage, Record)]) -> Vec<(Option<String>, usize)> {
        let (_dir, s) = stored(items);
        s.events(&EventQuery {
            limit: 50,
            ..Default::default()
        })
        .unwrap()
        .rows
        .into_iter()
        .map(|e| (e.date, e.sources.len()))
        .collect()
    }

    #[test]
    fn one_opening_reported_with_partial_or_missing_dates_is_one_event() {
        // Issue 11: a day, a month and no date at all, published that week.
        let got = events(&[
            rec(1, "2022-06-10", Some("2022-06-10")),
            rec(2, "2022-06-12", Some("2022-06")),
            rec(3, "2022-06-11", None),
        ]);
        assert_eq!(got, [(Some("2022-06-10".to_string()), 3)]);
        // The undated report first: the dated ones still join it.
        let got = events(&[
            rec(3, "2022-06-11", None),
            rec(1, "2022-06-10", Some("2022-06-10")),
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn signed_on_another_thread_stores_what_ingest_stores() {
        let items = [
            rec(1, "2022-06-10", Some("2022-06-10")),
            rec(2, "2022-06-11", Some("2022-06-10")),
            rec(3, "2022-08-10", None),
        ];
        let rows = |s: &Store| -> Vec<(String, Vec<u8>, String, Option<String>)> {
            s.conn
                .prepare(
                    "SELECT doc_id, minhash, record, near_dup_of FROM documents ORDER BY doc_id",
                )
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        let (_a, plain) = stored(&items);
        let signed = std::thread::scope(|t| {
            t.spawn(|| {
                items
                    .iter()
                    .map(|(_, r)| super::Signed::of(r).unwrap())
                    .collect::<Vec<_>>()
            })
            .join()
            .unwrap()
        });
        let dir = tempfile::tempdir().unwrap();
        let mut pre = Store::create(dir.path()).unwrap();
        let sum = pre
            .ingest_batch_signed(&items, &signed, &no_regions)
            .unwrap();
        assert_eq!(sum.new, 3);
        assert_eq!(rows(&pre), rows(&plain));
        assert_eq!(
            event_total(&pre, 10, EventQuery::default()),
            event_total(&plain, 10, EventQuery::default())
        );
        // Signatures that do not match the batch are not trusted: computed again.
        let dir = tempfile::tempdir().unwrap();
        let mut short = Store::create(dir.path()).unwrap();
        let data = amur_refdata::RefData::embedded().unwrap();
        short.ingest_signed(&items, &signed[..1], &data).unwrap();
        assert_eq!(rows(&short).len(), 3);
    }

    #[test]
    fn reindex_keeps_the_record_of_a_page_that_no_longer_extracts() {
        // Issue 11: reindex used to wipe the tables, then skip such pages silently.
        let items = [
            rec(1, "2022-06-10", Some("2022-06-10")),
            rec(2, "2022-08-10", Some("2022-08-10")),
        ];
        let (_dir, mut s) = stored(&items);
        let by_source: std::collections::HashMap<String, Record> = items
            .iter()
            .map(|(p, r)| (p.source.clone(), r.clone()))
            .collect();
        let extract = |p: &RawPage| -> Result<Record, String> {
            if p.source == "r2.txt" {
                return Err("no article text found".into());
            }
            Ok(by_source[&p.source].clone())
        };
        let sum = s.reindex_with(&extract, &no_regions).unwrap();
        assert_eq!(sum.reextracted, 1);
        assert_eq!(sum.failed.len(), 1);
        assert_eq!(sum.failed[0].1, "r2.txt");
        let n = event_total(&s, 10, EventQuery::default());
        assert_eq!(n, 2, "the failed page's event is kept");
        assert_eq!(
            s.search("bridge", &Default::default(), 10).unwrap().len(),
            2
        );
    }

    /// The plain-text page a record was read from.
    fn page_of(r: &Record) -> RawPage {
        RawPage {
            source: r.source.clone(),
            kind: PageKind::Text,
            content: r.text.clone(),
            encoding: "UTF-8",
            declared: Default::default(),
        }
    }

    /// A meeting of the given regions (ISO codes), reported on `day`.
    fn meeting(i: usize, day: &str, codes: &[&str]) -> (RawPage, Record) {
        let text = format!("The governors met on {day}. Report {i}.");
        let entities: Vec<serde_json::Value> = codes
            .iter()
            .map(|c| {
                json!({"id": format!("region:{c}"), "type": "region", "name": c, "code": c,
                            "names": {"en": c}, "mentions": []})
            })
            .collect();
        let participants: Vec<serde_json::Value> = codes
            .iter()
            .map(|c| json!({"entity": format!("region:{c}"), "role": "party"}))
            .collect();
        let r: Record = serde_json::from_value(json!({
            "doc_id": format!("m{i}"), "source": format!("m{i}.txt"), "published": day,
            "language": "en", "authors": [], "text": text, "sectors": [], "entities": entities,
            "events": [{"type": "meeting", "status": "occurred", "date": day,
                        "participants": participants, "evidence": {"start": 0, "end": 20}}],
            "agreements": [], "figures": [], "relations": []
        }))
        .unwrap();
        (page_of(&r), r)
    }

    #[test]
    fn a_pair_query_reads_the_pair_in_either_order() {
        let (_dir, s) = stored(&[
            meeting(1, "2023-03-01", &["CN-HL", "RU-PRI"]),
            meeting(2, "2023-03-02", &["CN-HL"]),
            meeting(3, "2023-03-03", &["RU-PRI", "RU-AMU", "CN-HL"]),
            meeting(4, "2023-03-04", &["RU-PRI", "RU-AMU"]),
        ]);
        let dates = |q: EventQuery| -> Vec<String> {
            s.events(&EventQuery { limit: 10, ..q })
                .unwrap()
                .rows
                .into_iter()
                .filter_map(|e| e.date)
                .collect()
        };
        let pair = |a: &str, b: &str| EventQuery {
            pair: Some((a.into(), b.into())),
            ..Default::default()
        };
        assert_eq!(dates(pair("CN-HL", "RU-PRI")), ["2023-03-01", "2023-03-03"]);
        assert_eq!(dates(pair("RU-PRI", "CN-HL")), ["2023-03-01", "2023-03-03"]);
        assert_eq!(dates(pair("RU-AMU", "CN-HL")), ["2023-03-03"]);
        // One region twice is that region's events; a third region narrows.
        assert_eq!(dates(pair("CN-HL", "CN-HL")).len(), 3);
        let narrowed = EventQuery {
            region: Some("RU-AMU".into()),
            ..pair("CN-HL", "RU-PRI")
        };
        assert_eq!(dates(narrowed), ["2023-03-03"]);
        // No such pair: nothing.
        assert!(dates(pair("CN-JL", "RU-PRI")).is_empty());
    }

    #[test]
    fn kept_totals_follow_writes_from_other_connections() {
        let (dir, mut w) = stored(&[
            meeting(1, "2023-03-01", &["CN-HL"]),
            meeting(2, "2023-04-01", &["CN-HL"]),
        ]);
        let r = Store::open(dir.path()).unwrap();
        let total = |s: &Store| event_total(s, 1, EventQuery::default());
        assert_eq!(total(&r), 2);
        assert_eq!(total(&r), 2, "answered again from the kept total");
        w.ingest_batch(&[meeting(3, "2023-05-01", &["CN-HL"])], &no_regions)
            .unwrap();
        assert_eq!(total(&r), 3, "another connection wrote");
        assert_eq!(total(&w), 3, "this connection wrote");
    }

    #[test]
    fn kept_names_follow_renames_from_any_connection() {
        let (dir, mut w) = stored(&[meeting(1, "2023-03-01", &["CN-HL"])]);
        let r = Store::open(dir.path()).unwrap();
        let names = |s: &Store| {
            s.events(&EventQuery {
                limit: 5,
                ..Default::default()
            })
            .unwrap()
            .rows[0]
                .participants
                .clone()
        };
        assert_eq!(names(&r), ["CN-HL"]);
        assert_eq!(names(&r), names(&r), "answered again from the kept names");
        w.curate_rename("region:CN-HL", "Heilongjiang Province")
            .unwrap();
        for (who, s) in [("another connection", &r), ("the writer", &w)] {
            let now = names(s);
            assert!(
                now.contains(&"Heilongjiang Province".to_string()),
                "{who}: {now:?}"
            );
        }
    }

    #[test]
    fn curation_reapplied_after_an_ingest_moves_the_new_events_regions() {
        let (_dir, mut s) = stored(&[meeting(1, "2023-03-01", &["CN-HL", "RU-PRI"])]);
        s.ingest_batch(
            &[meeting(2, "2023-04-01", &["CN-HL", "RU-AMU"])],
            &no_regions,
        )
        .unwrap();
        s.curate_merge("region:RU-PRI", "region:RU-AMU").unwrap();
        // A later article names the merged-away region again.
        s.ingest_batch(
            &[meeting(3, "2023-05-01", &["CN-HL", "RU-AMU"])],
            &no_regions,
        )
        .unwrap();
        s.apply_curation().unwrap();
        let pair = |s: &Store, a: &str, b: &str| {
            let q = EventQuery {
                pair: Some((a.into(), b.into())),
                ..Default::default()
            };
            event_total(s, 10, q)
        };
        assert_eq!(pair(&s, "CN-HL", "RU-PRI"), 3);
        assert_eq!(pair(&s, "CN-HL", "RU-AMU"), 0);
        // Applying it again changes nothing and keeps the answer.
        s.apply_curation().unwrap();
        assert_eq!(pair(&s, "CN-HL", "RU-PRI"), 3);
    }

    #[test]
    fn a_search_by_entity_finds_what_curation_merged_into_it() {
        // Issue 11: the index keeps the ids articles were indexed with.
        let (_dir, mut s) = stored(&[
            meeting(1, "2023-03-01", &["CN-HL", "RU-PRI"]),
            meeting(2, "2023-03-02", &["CN-HL"]),
            meeting(4, "2023-03-04", &["RU-PRI", "RU-AMU"]),
        ]);
        let docs = |s: &Store| -> Vec<String> {
            let f = crate::Filters {
                entity: Some("region:CN-HL".into()),
                ..Default::default()
            };
            let mut d: Vec<String> = s
                .search_faceted("governors", &f, 10)
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.doc_id)
                .collect();
            d.sort();
            d
        };
        assert_eq!(docs(&s), ["m1", "m2"]);
        let change = s.curate_merge("region:CN-HL", "region:RU-AMU").unwrap();
        assert_eq!(docs(&s), ["m1", "m2", "m4"]);
        s.curate_undo(change.correction, &no_regions).unwrap();
        assert_eq!(docs(&s), ["m1", "m2"]);
    }

    #[test]
    fn a_version_2_store_is_resigned_on_open() {
        // Store version 3 changed the MinHash hash function: a writer opening
        // an older store recomputes every signature and band from the records.
        let dir = tempfile::tempdir().unwrap();
        {
            let mut s = Store::create(dir.path()).unwrap();
            s.ingest_batch(&[rec(1, "2022-06-10", None)], &no_regions)
                .unwrap();
            s.conn
                .execute_batch(
                    "UPDATE meta SET value='2' WHERE key='store_version';
                     UPDATE documents SET minhash=zeroblob(512);
                     DELETE FROM minhash_bands;
                     DELETE FROM event_pairs;",
                )
                .unwrap();
        }
        assert!(matches!(
            Store::open(dir.path()),
            Err(crate::Error::TooOld { found: 2, .. })
        ));
        let s = Store::create(dir.path()).unwrap();
        let (text, stored): (String, Vec<u8>) = s
            .conn
            .query_row(
                "SELECT json_extract(record, '$.text'), minhash FROM documents",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            crate::minhash::from_bytes(&stored),
            crate::minhash::signature(&text)
        );
        let bands: i64 = s
            .conn
            .query_row("SELECT COUNT(*) FROM minhash_bands", [], |r| r.get(0))
            .unwrap();
        assert_eq!(bands as usize, crate::minhash::PERM / crate::minhash::ROWS);
    }

    #[test]
    fn two_dated_happenings_on_different_days_never_merge() {
        let got = events(&[
            rec(1, "2022-06-10", Some("2022-06-10")),
            rec(2, "2022-06-20", Some("2022-06")),
            rec(3, "2022-06-20", Some("2022-06-20")),
        ]);
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn a_name_in_an_article_looks_up_its_entity() {
        let (_dir, s) = stored(&[rec(1, "2022-06-10", None)]);
        for key in ["Heihe bridge", "heihe bridge", "facility:heihe-bridge"] {
            let e = s.lookup_entity(key).unwrap().expect(key);
            assert_eq!(
                (e.id.as_str(), e.kind.as_str()),
                ("facility:heihe-bridge", "facility")
            );
        }
        let region = s.lookup_entity("cn-hl").unwrap().unwrap();
        assert_eq!(
            (region.name.as_str(), region.code.as_deref()),
            ("Heilongjiang", Some("CN-HL"))
        );
        // A word of the text that names nothing finds nothing.
        assert!(s.lookup_entity("traffic").unwrap().is_none());
    }

    #[test]
    fn matching_a_dated_report_reads_only_the_match_index() {
        // The events of a type within a month are candidates; reading each
        // one's row made ingest slower as the store grew.
        let dir = tempfile::tempdir().unwrap();
        let s = Store::create(dir.path()).unwrap();
        let plan: Vec<String> = s
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", super::dated_match_sql(2)))
            .unwrap()
            .query_map(
                rusqlite::params![
                    "meeting",
                    "2024-01-01",
                    "2024-01-01",
                    "2024-01-01",
                    "occurred",
                    "a",
                    "b",
                    "d"
                ],
                |r| r.get::<_, String>(3),
            )
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert!(
            plan.iter()
                .any(|l| l.contains("COVERING INDEX events_match")),
            "{plan:?}"
        );
        // One seek per candidate for its participants, not one per entity.
        assert!(
            plan.iter()
                .any(|l| l.contains("event_participants_1 (event_id=?)")),
            "{plan:?}"
        );
    }
}
