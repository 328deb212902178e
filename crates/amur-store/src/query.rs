//! The read side: full-text search, event timelines, entity profiles and
//! statistics. Results are plain rows that the CLI prints as tables, JSON or CSV.

use crate::search::Filters;
use crate::{Result, Store};
use rusqlite::OptionalExtension;
use serde::Serialize;
use std::collections::BTreeMap;

/// A search hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Relevance.
    pub score: f32,
    /// Document id.
    pub doc_id: String,
    /// Publication date.
    pub published: Option<String>,
    /// Language.
    pub language: String,
    /// Headline.
    pub title: Option<String>,
    /// Where it was read from.
    pub source: String,
}

/// Event filters.
#[derive(Debug, Default, Clone)]
pub struct EventQuery {
    /// Event type.
    pub kind: Option<String>,
    /// `occurred` or `planned`.
    pub status: Option<String>,
    /// An entity that takes part (or is the location).
    pub entity: Option<String>,
    /// Two region codes, each naming a participant or the location (`CN-HL`, `RU-AMU`).
    pub pair: Option<(String, String)>,
    /// Earliest day (ISO).
    pub from: Option<String>,
    /// Latest day (ISO).
    pub to: Option<String>,
    /// Most rows.
    pub limit: usize,
}

/// An event on the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    /// Store id.
    pub event_id: i64,
    /// Date as stated.
    pub date: Option<String>,
    /// Type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Status.
    pub status: String,
    /// Mode.
    pub mode: Option<String>,
    /// Location name.
    pub location: Option<String>,
    /// Participant names.
    pub participants: Vec<String>,
    /// Number of articles reporting it.
    pub sources: usize,
    /// Evidence sentences, one per source.
    pub evidence: Vec<String>,
    /// Languages of the sources.
    pub languages: Vec<String>,
}

/// An entity profile.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    /// Id.
    pub id: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Names in English, Russian and Chinese.
    pub names: BTreeMap<String, String>,
    /// Offices as articles gave them, with the date of the article.
    pub offices: Vec<(Option<String>, String)>,
    /// Mentions per language.
    pub mentions_by_language: BTreeMap<String, usize>,
    /// Surface forms seen.
    pub forms: Vec<String>,
    /// Events it took part in.
    pub events: Vec<EventRow>,
    /// Co-participants and how often.
    pub co_participants: Vec<(String, usize)>,
    /// Agreements it is a party to (kind, date, parties).
    pub agreements: Vec<(String, Option<String>, String)>,
    /// Articles that name it (published, language, title).
    pub articles: Vec<(Option<String>, String, Option<String>)>,
}

/// Store statistics.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Articles.
    pub documents: usize,
    /// Articles per language.
    pub by_language: BTreeMap<String, usize>,
    /// Articles per publication year.
    pub by_year: BTreeMap<String, usize>,
    /// Events per type.
    pub events_by_type: BTreeMap<String, usize>,
    /// Entities per type.
    pub entities_by_type: BTreeMap<String, usize>,
    /// Events linking a Chinese province (row) and a Russian region (column).
    pub matrix: BTreeMap<String, BTreeMap<String, usize>>,
    /// Near-duplicate articles.
    pub near_duplicates: usize,
}

impl Store {
    /// Full-text search with filters.
    pub fn search(&self, query: &str, filters: &Filters, limit: usize) -> Result<Vec<Hit>> {
        let mut out = Vec::new();
        for (score, id) in self.index.search(query, filters, limit)? {
            let row = self
                .conn
                .query_row(
                    "SELECT published, language, title, source FROM documents WHERE doc_id=?1",
                    [&id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            if let Some((published, language, title, source)) = row {
                out.push(Hit {
                    score,
                    doc_id: id,
                    published,
                    language,
                    title,
                    source,
                });
            }
        }
        Ok(out)
    }

    fn name_of(&self, id: &str) -> String {
        self.conn
            .query_row("SELECT name FROM entities WHERE id=?1", [id], |r| r.get(0))
            .unwrap_or_else(|_| id.to_string())
    }

    fn event_row(&self, event_id: i64) -> Result<EventRow> {
        let (kind, status, mode, date, location): (
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        ) = self.conn.query_row(
            "SELECT type, status, mode, date, location FROM events WHERE event_id=?1",
            [event_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let mut st = self
            .conn
            .prepare_cached("SELECT entity_id FROM event_participants WHERE event_id=?1")?;
        let participants: Vec<String> = st
            .query_map([event_id], |r| r.get::<_, String>(0))?
            .filter_map(|x| x.ok())
            .map(|id| self.name_of(&id))
            .collect();
        let mut st = self.conn.prepare_cached(
            "SELECT s.evidence, d.language FROM event_sources s JOIN documents d ON d.doc_id=s.doc_id WHERE s.event_id=?1 ORDER BY d.published",
        )?;
        let src: Vec<(String, String)> = st
            .query_map([event_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .filter_map(|x| x.ok())
            .collect();
        let mut languages: Vec<String> = src.iter().map(|s| s.1.clone()).collect();
        languages.sort();
        languages.dedup();
        Ok(EventRow {
            event_id,
            date,
            kind,
            status,
            mode,
            location: location.map(|l| self.name_of(&l)),
            participants,
            sources: src.len(),
            evidence: src.into_iter().map(|s| s.0).collect(),
            languages,
        })
    }

    /// Events matching the filters, as a timeline (oldest first; undated last).
    pub fn events(&self, q: &EventQuery) -> Result<Vec<EventRow>> {
        let mut sql = String::from("SELECT e.event_id FROM events e WHERE 1=1");
        let mut args: Vec<String> = Vec::new();
        if let Some(k) = &q.kind {
            sql.push_str(" AND e.type=?");
            args.push(k.clone());
        }
        if let Some(s) = &q.status {
            sql.push_str(" AND e.status=?");
            args.push(s.clone());
        }
        if let Some(e) = &q.entity {
            sql.push_str(" AND (e.location=? OR e.event_id IN (SELECT event_id FROM event_participants WHERE entity_id=?))");
            args.push(e.clone());
            args.push(e.clone());
        }
        if let Some((a, b)) = &q.pair {
            for code in [a, b] {
                sql.push_str(
                    // Correlated lookups on the (region, event) key: cheap per row,
                    // so the date-ordered scan stops after `limit` matches.
                    " AND EXISTS (SELECT 1 FROM event_regions r WHERE r.region=? AND r.event_id=e.event_id)",
                );
                args.push(code.clone());
            }
        }
        if let Some(f) = &q.from {
            // The start bound lets the date index skip earlier years (events
            // last less than a year).
            sql.push_str(" AND e.date_end>=? AND e.date_start>=date(?, '-366 day')");
            args.push(f.clone());
            args.push(f.clone());
        }
        if let Some(t) = &q.to {
            sql.push_str(" AND e.date_start<=?");
            args.push(t.clone());
        }
        // Dated events in date order (an index walk that stops at the limit),
        // then undated ones.
        let run = |tail: &str, limit: usize| -> Result<Vec<i64>> {
            let mut a = args.clone();
            a.push(limit.to_string());
            let mut st = self.conn.prepare(&format!("{sql} {tail} LIMIT ?"))?;
            let rows = st.query_map(rusqlite::params_from_iter(a.iter()), |r| r.get(0))?;
            Ok(rows.collect::<std::result::Result<_, _>>()?)
        };
        let limit = q.limit.max(1);
        let mut ids = run(
            "AND e.date_start IS NOT NULL ORDER BY e.date_start, e.event_id",
            limit,
        )?;
        if ids.len() < limit && q.from.is_none() && q.to.is_none() {
            ids.extend(run(
                "AND e.date_start IS NULL ORDER BY e.event_id",
                limit - ids.len(),
            )?);
        }
        ids.into_iter().map(|id| self.event_row(id)).collect()
    }

    /// Resolves an entity id or (any-language) name to an id.
    pub fn find_entity(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM (
                   SELECT id, 0 AS rank FROM entities WHERE id=?1 OR lower(name)=lower(?1) OR lower(name_en)=lower(?1) OR name_ru=?1 OR name_zh=?1
                   UNION SELECT entity_id, 1 FROM mentions WHERE text=?1
                   UNION SELECT id, 2 FROM entities WHERE name LIKE '% ' || ?1 OR name_en LIKE '% ' || ?1 OR name_ru LIKE '% ' || ?1
                 ) ORDER BY rank LIMIT 1",
                [key],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The profile of one entity.
    pub fn entity(&self, key: &str) -> Result<Option<Profile>> {
        let Some(id) = self.find_entity(key)? else {
            return Ok(None);
        };
        let (kind, name, en, ru, zh): (
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        ) = self.conn.query_row(
            "SELECT type, name, name_en, name_ru, name_zh FROM entities WHERE id=?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let mut names = BTreeMap::new();
        for (l, n) in [("en", en), ("ru", ru), ("zh", zh)] {
            if let Some(n) = n {
                names.insert(l.to_string(), n);
            }
        }
        let mut offices = Vec::new();
        let mut st = self.conn.prepare(
            "SELECT DISTINCT d.published, m.office FROM mentions m JOIN documents d ON d.doc_id=m.doc_id WHERE m.entity_id=?1 AND m.office IS NOT NULL ORDER BY d.published",
        )?;
        for row in st.query_map([&id], |r| Ok((r.get(0)?, r.get(1)?)))? {
            offices.push(row?);
        }
        let mut mentions_by_language = BTreeMap::new();
        let mut st = self.conn.prepare("SELECT d.language, COUNT(*) FROM mentions m JOIN documents d ON d.doc_id=m.doc_id WHERE m.entity_id=?1 GROUP BY d.language")?;
        for row in st.query_map([&id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (l, n) = row?;
            mentions_by_language.insert(l, n as usize);
        }
        let mut st = self.conn.prepare(
            "SELECT DISTINCT text FROM mentions WHERE entity_id=?1 ORDER BY text LIMIT 50",
        )?;
        let forms: Vec<String> = st
            .query_map([&id], |r| r.get(0))?
            .filter_map(|x| x.ok())
            .collect();
        let mut st = self.conn.prepare(
            "SELECT e.event_id FROM events e WHERE e.location=?1 OR e.event_id IN (SELECT event_id FROM event_participants WHERE entity_id=?1) ORDER BY e.date_start IS NULL, e.date_start",
        )?;
        let ids: Vec<i64> = st
            .query_map([&id], |r| r.get(0))?
            .filter_map(|x| x.ok())
            .collect();
        let events = ids
            .iter()
            .map(|e| self.event_row(*e))
            .collect::<Result<Vec<_>>>()?;
        let mut st = self.conn.prepare(
            "SELECT p2.entity_id, COUNT(*) FROM event_participants p1 JOIN event_participants p2 ON p1.event_id=p2.event_id AND p2.entity_id<>p1.entity_id
             WHERE p1.entity_id=?1 GROUP BY p2.entity_id ORDER BY COUNT(*) DESC LIMIT 20",
        )?;
        let co: Vec<(String, i64)> = st
            .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .filter_map(|x| x.ok())
            .collect();
        let co_participants = co
            .into_iter()
            .map(|(e, n)| (self.name_of(&e), n as usize))
            .collect();
        let mut st = self.conn.prepare(
            "SELECT kind, date, parties FROM agreements WHERE (' ' || parties || ' ') LIKE ?1",
        )?;
        let agreements = st
            .query_map([format!("% {id} %")], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?))
            })?
            .filter_map(|x| x.ok())
            .map(|(k, d, p): (String, Option<String>, String)| {
                (
                    k,
                    d,
                    p.split(' ')
                        .map(|x| self.name_of(x))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })
            .collect();
        let mut st = self.conn.prepare(
            "SELECT d.published, d.language, d.title FROM documents d WHERE d.doc_id IN (SELECT doc_id FROM mentions WHERE entity_id=?1) ORDER BY d.published",
        )?;
        let articles = st
            .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .filter_map(|x| x.ok())
            .collect();
        Ok(Some(Profile {
            id,
            kind,
            name,
            names,
            offices,
            mentions_by_language,
            forms,
            events,
            co_participants,
            agreements,
            articles,
        }))
    }

    /// Counts over the whole store.
    pub fn stats(&self) -> Result<Stats> {
        let mut s = Stats::default();
        let count = |sql: &str| -> Result<BTreeMap<String, usize>> {
            let mut st = self.conn.prepare(sql)?;
            let rows = st.query_map([], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?
                        .unwrap_or_else(|| "unknown".into()),
                    r.get::<_, i64>(1)?,
                ))
            })?;
            let mut m = BTreeMap::new();
            for row in rows {
                let (k, v) = row?;
                m.insert(k, v as usize);
            }
            Ok(m)
        };
        s.documents = self
            .conn
            .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get::<_, i64>(0))?
            as usize;
        s.near_duplicates = self.conn.query_row(
            "SELECT COUNT(*) FROM documents WHERE near_dup_of IS NOT NULL",
            [],
            |r| r.get::<_, i64>(0),
        )? as usize;
        s.by_language = count("SELECT language, COUNT(*) FROM documents GROUP BY language")?;
        s.by_year = count("SELECT substr(published, 1, 4), COUNT(*) FROM documents GROUP BY substr(published, 1, 4)")?;
        s.events_by_type = count("SELECT type, COUNT(*) FROM events GROUP BY type")?;
        s.entities_by_type = count("SELECT type, COUNT(*) FROM entities GROUP BY type")?;
        // Each event counts once per (Chinese province, Russian region) pair it links.
        let mut st = self.conn.prepare(
            "SELECT DISTINCT x.event_id, n.regions FROM (SELECT event_id, entity_id FROM event_participants UNION SELECT event_id, location FROM events WHERE location IS NOT NULL) x
             JOIN entities n ON n.id=x.entity_id WHERE n.regions<>''",
        )?;
        let mut per_event: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        for row in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (e, regs) = row?;
            per_event
                .entry(e)
                .or_default()
                .extend(regs.split_whitespace().map(str::to_string));
        }
        for regs in per_event.values_mut() {
            regs.sort();
            regs.dedup();
            for cn in regs.iter().filter(|r| r.starts_with("CN-")) {
                for ru in regs.iter().filter(|r| r.starts_with("RU-")) {
                    *s.matrix
                        .entry(cn.clone())
                        .or_default()
                        .entry(ru.clone())
                        .or_insert(0) += 1;
                }
            }
        }
        Ok(s)
    }
}
