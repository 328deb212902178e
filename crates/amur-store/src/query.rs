//! The read side: full-text search, event timelines, entity profiles and
//! statistics. Results are plain rows that the CLI prints as tables, JSON or CSV.

use crate::search::{Facets, Filters};
use crate::{Error, Result, Store};
use amur_refdata::RefData;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::collections::BTreeMap;
use std::collections::HashMap;

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

/// One page of search results, with what the whole result set holds.
#[derive(Debug, Clone, Serialize)]
pub struct SearchPage {
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// Articles matching in all.
    pub total: usize,
    /// Counts over every matching article.
    pub facets: Facets,
}

/// Event filters (validated values: see [`crate::filters`]).
#[derive(Debug, Default, Clone)]
pub struct EventQuery {
    /// Event type.
    pub kind: Option<amur_record::EventType>,
    /// `occurred` or `planned`.
    pub status: Option<amur_record::Status>,
    /// An entity id that takes part (or is the location).
    pub entity: Option<String>,
    /// A region code one participant or the location belongs to.
    pub region: Option<String>,
    /// Two region codes, each naming a participant or the location (`CN-HL`, `RU-AMU`).
    pub pair: Option<(String, String)>,
    /// Earliest day (ISO).
    pub from: Option<String>,
    /// Latest day (ISO).
    pub to: Option<String>,
    /// Most rows.
    pub limit: usize,
}

/// Agreement and figure filters (validated values: see [`crate::filters`]).
#[derive(Debug, Default, Clone)]
pub struct FactQuery {
    /// Agreement kind or figure kind.
    pub kind: Option<String>,
    /// Figure flow (`turnover`, `export`, `import`).
    pub flow: Option<String>,
    /// An entity id: a party, the reporter or the partner.
    pub entity: Option<String>,
    /// A region code a party (reporter, partner) belongs to.
    pub region: Option<String>,
    /// Two region codes, each a party's (or the reporter's and partner's).
    pub pair: Option<(String, String)>,
    /// Earliest day (ISO), of the fact's date or else the article's.
    pub from: Option<String>,
    /// Latest day (ISO).
    pub to: Option<String>,
    /// Most rows.
    pub limit: usize,
}

/// Rows of a query and how many matched in all.
#[derive(Debug, Clone, Serialize)]
pub struct Listing<T> {
    /// The rows shown (at most the limit).
    pub rows: Vec<T>,
    /// Every matching row; larger than `rows.len()` when the limit cut the list.
    pub total: usize,
}

impl<T> Listing<T> {
    /// Whether the limit cut the list.
    pub fn truncated(&self) -> bool {
        self.total > self.rows.len()
    }
}

/// Where a fact was read: the article and the sentence that states it.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The report key (`DOC#N`: the N-th fact of its kind in article DOC).
    pub key: String,
    /// Article id.
    pub doc_id: String,
    /// The article's path or URL.
    pub source: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Language.
    pub language: String,
    /// The evidence sentence.
    pub evidence: String,
    /// Evidence start (characters into the article text).
    pub start: i64,
    /// Evidence end.
    pub end: i64,
}

/// An event on the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    /// Stable id: `event:` and the key of its first-ingested report.
    pub id: String,
    /// Row id (changes on reindex; use `id`).
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
    /// Participant ids, in the order of `participants`.
    pub participant_ids: Vec<String>,
    /// The articles that report it, first-ingested first.
    pub sources: Vec<Source>,
    /// Languages of the sources.
    pub languages: Vec<String>,
}

/// A signed document.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementRow {
    /// Stable id: `agreement:DOC#N`.
    pub id: String,
    /// Kind.
    pub kind: String,
    /// Sector.
    pub sector: Option<String>,
    /// Signing date as stated.
    pub date: Option<String>,
    /// Party names.
    pub parties: Vec<String>,
    /// Party ids.
    pub party_ids: Vec<String>,
    /// Where it was read.
    pub source: Source,
}

/// A trade or investment figure.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRow {
    /// Stable id: `figure:DOC#N`.
    pub id: String,
    /// Kind.
    pub kind: String,
    /// Flow.
    pub flow: Option<String>,
    /// Value in base units.
    pub value: Option<f64>,
    /// Currency or unit.
    pub unit: Option<String>,
    /// Change in percent.
    pub change_pct: Option<f64>,
    /// Period.
    pub period: Option<String>,
    /// Whether it is a goal.
    pub target: bool,
    /// Reporter name.
    pub reporter: Option<String>,
    /// Partner name.
    pub partner: Option<String>,
    /// Where it was read.
    pub source: Source,
}

/// An entity found by name: enough to link to its profile.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRef {
    /// Id.
    pub id: String,
    /// Type (`person`, `region`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// ISO code (countries, regions).
    pub code: Option<String>,
}

/// An article that names an entity.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRef {
    /// Article id.
    pub doc_id: String,
    /// Path or URL.
    pub source: String,
    /// Publication date.
    pub published: Option<String>,
    /// Language.
    pub language: String,
    /// Headline.
    pub title: Option<String>,
}

/// A term of office from the reference data.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    /// The office (English, else Russian, else Chinese).
    pub title: String,
    /// What it is an office of (name).
    pub of: String,
    /// First year (`YYYY` or `YYYY-MM`).
    pub from: Option<String>,
    /// Last year, `None` while in office.
    pub to: Option<String>,
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
    /// ISO code (countries, regions).
    pub code: Option<String>,
    /// Names in English, Russian and Chinese.
    pub names: BTreeMap<String, String>,
    /// Terms of office from the reference data, oldest first.
    pub terms: Vec<Term>,
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
    /// Agreements it is a party to.
    pub agreements: Vec<AgreementRow>,
    /// Articles that name it.
    pub articles: Vec<ArticleRef>,
}

/// Text with spans to highlight (character offsets), for `amur show`.
#[derive(Debug, Clone, Serialize)]
pub struct Marked {
    /// The text.
    pub text: String,
    /// Spans to mark, in order.
    pub spans: Vec<(usize, usize)>,
}

/// One place an article names an entity.
#[derive(Debug, Clone, Serialize)]
pub struct MentionMark {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The entity's id.
    pub entity_id: String,
    /// Its canonical name.
    pub name: String,
    /// Its type (`person`, `region`, …).
    #[serde(rename = "type")]
    pub kind: String,
}

/// What `amur show ID` prints.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Shown {
    /// An article with the evidence of every fact marked.
    Article {
        /// The article.
        article: ArticleRef,
        /// Its text with evidence spans.
        text: Marked,
        /// The entities it names, where it names them.
        mentions: Vec<MentionMark>,
    },
    /// An event with each report's paragraph, evidence marked.
    Event {
        /// The event.
        event: EventRow,
        /// One passage per source.
        passages: Vec<Marked>,
    },
    /// An agreement.
    Agreement {
        /// The agreement.
        agreement: AgreementRow,
        /// Its passage.
        passages: Vec<Marked>,
    },
    /// A figure.
    Figure {
        /// The figure.
        figure: FigureRow,
        /// Its passage.
        passages: Vec<Marked>,
    },
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
        let filters = self.with_aliases(filters)?;
        self.hits(self.index.search(query, &filters, limit)?)
    }

    /// `filters` with the ids curation merged into its entity, followed
    /// through chains of merges.
    fn with_aliases(&self, filters: &Filters) -> Result<Filters> {
        let mut out = filters.clone();
        let Some(e) = &filters.entity else {
            return Ok(out);
        };
        let mut st = self.conn.prepare_cached(
            "SELECT b FROM curation WHERE action='merge' AND a=?1 AND b IS NOT NULL",
        )?;
        let mut todo = vec![e.clone()];
        while let Some(id) = todo.pop() {
            let gone: Vec<String> = st
                .query_map([&id], |r| r.get(0))?
                .collect::<std::result::Result<_, _>>()?;
            for g in gone {
                if g != *e && !out.entity_aliases.contains(&g) {
                    out.entity_aliases.push(g.clone());
                    todo.push(g);
                }
            }
        }
        Ok(out)
    }

    /// [`Store::search`] with the number of matching articles and facets
    /// counted over all of them. A store whose index predates the facet
    /// columns (until a writer rebuilds it) answers with empty facets.
    pub fn search_faceted(
        &self,
        query: &str,
        filters: &Filters,
        limit: usize,
    ) -> Result<SearchPage> {
        let filters = &self.with_aliases(filters)?;
        let (found, total, facets) = if self.index.current() {
            self.index.search_faceted(query, filters, limit)?
        } else {
            let found = self.index.search(query, filters, limit)?;
            let n = found.len();
            (found, n, Facets::default())
        };
        Ok(SearchPage {
            hits: self.hits(found)?,
            total,
            facets,
        })
    }

    /// The newest articles matching `query` and `filters` (for watch feeds).
    pub fn search_newest(&self, query: &str, filters: &Filters, limit: usize) -> Result<Vec<Hit>> {
        let ids = self
            .index
            .newest(query, &self.with_aliases(filters)?, limit)?;
        self.hits(ids.into_iter().map(|id| (0.0, id)).collect())
    }

    fn hits(&self, found: Vec<(f32, String)>) -> Result<Vec<Hit>> {
        let mut out = Vec::new();
        for (score, id) in found {
            let row = self
                .conn
                .prepare_cached(
                    "SELECT published, language, title, source FROM documents WHERE doc_id=?1",
                )?
                .query_row([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?;
            // An indexed document missing from SQLite is a store fault, not a miss.
            let (published, language, title, source) = row.ok_or_else(|| Error::NotFound {
                what: "indexed article in the database (run `amur reindex`)",
                key: id.clone(),
                suggestion: None,
            })?;
            out.push(Hit {
                score,
                doc_id: id,
                published,
                language,
                title,
                source,
            });
        }
        Ok(out)
    }

    fn name_of(&self, id: &str) -> Result<String> {
        let id = id.to_string();
        Ok(self.names_of(&[&id])?.remove(&id).unwrap_or(id))
    }

    fn source_of(&self, table: &str, doc_id: &str, idx: i64) -> Result<Source> {
        let (source, title, published, language, record): (
            String,
            Option<String>,
            Option<String>,
            String,
            String,
        ) = self
            .conn
            .prepare_cached(
                "SELECT source, title, published, language, record FROM documents WHERE doc_id=?1",
            )?
            .query_row([doc_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
        let (start, end): (i64, i64) = self
            .conn
            .prepare_cached(&format!(
                "SELECT start, end FROM {table} WHERE doc_id=?1 AND idx=?2 LIMIT 1"
            ))?
            .query_row(params![doc_id, idx], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let rec: amur_record::Record = serde_json::from_str(&record)?;
        Ok(Source {
            key: format!("{doc_id}#{idx}"),
            doc_id: doc_id.to_string(),
            source,
            title,
            published,
            language,
            evidence: slice_chars(&rec.text, start as usize, end as usize),
            start,
            end,
        })
    }

    /// Events by row id, in the order given: four queries for the whole
    /// page (events, participants, sources, names) instead of several per
    /// event. Ids that name no event are skipped.
    pub fn event_rows(&self, ids: &[i64]) -> Result<Vec<EventRow>> {
        type Head = (
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let mut out = Vec::with_capacity(ids.len());
        // SQLite bounds the number of parameters of one statement.
        for chunk in ids.chunks(512) {
            // Padded to a few list lengths with an id no event has, so the
            // statements are prepared once and then served from the cache.
            let (marks, padded) = padded_list(chunk, -1);
            let params = rusqlite::params_from_iter(padded.iter());
            let mut heads: HashMap<i64, Head> = HashMap::new();
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT event_id, type, status, mode, date, location FROM events WHERE event_id IN ({marks})"
            ))?;
            let rows = st.query_map(params, |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?),
                ))
            })?;
            for row in rows {
                let (id, head) = row?;
                heads.insert(id, head);
            }
            let mut parts: HashMap<i64, Vec<String>> = HashMap::new();
            let sql = format!(
                "SELECT event_id, entity_id FROM event_participants WHERE event_id IN ({marks}) ORDER BY event_id, entity_id"
            );
            for (id, entity) in pairs::<i64, String, _>(&self.conn, &sql, &padded)? {
                parts.entry(id).or_default().push(entity);
            }
            // Each event's sources in the order their articles were stored,
            // by (article row, fact index); sorted here, as an ORDER BY would
            // build a temporary b-tree.
            type Ordered = ((i64, i64), Source);
            let mut sources: HashMap<i64, Vec<Ordered>> = HashMap::new();
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT s.event_id, s.doc_id, s.idx, d.source, d.title, d.published, d.language, s.evidence, s.start, s.end, d.rowid
                 FROM event_sources s JOIN documents d ON d.doc_id=s.doc_id WHERE s.event_id IN ({marks})"
            ))?;
            let rows = st.query_map(rusqlite::params_from_iter(padded.iter()), |r| {
                let doc: String = r.get(1)?;
                let idx: i64 = r.get(2)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    (r.get::<_, i64>(10)?, idx),
                    Source {
                        key: format!("{doc}#{idx}"),
                        doc_id: doc,
                        source: r.get(3)?,
                        title: r.get(4)?,
                        published: r.get(5)?,
                        language: r.get(6)?,
                        evidence: r.get(7)?,
                        start: r.get(8)?,
                        end: r.get(9)?,
                    },
                ))
            })?;
            for row in rows {
                let (id, doc_row, src) = row?;
                sources.entry(id).or_default().push((doc_row, src));
            }
            // Every name the page shows, in one lookup.
            let mut wanted: Vec<&String> = parts.values().flatten().collect();
            wanted.extend(heads.values().filter_map(|h| h.4.as_ref()));
            wanted.sort();
            wanted.dedup();
            let names = self.names_of(&wanted)?;
            let name = |id: &String| names.get(id).cloned().unwrap_or_else(|| id.clone());
            for &event_id in chunk {
                let Some((kind, status, mode, date, location)) = heads.remove(&event_id) else {
                    continue;
                };
                let participant_ids = parts.remove(&event_id).unwrap_or_default();
                let mut sources = sources.remove(&event_id).unwrap_or_default();
                sources.sort_by_key(|(order, _)| *order);
                let sources: Vec<Source> = sources.into_iter().map(|(_, s)| s).collect();
                let mut languages: Vec<String> =
                    sources.iter().map(|s| s.language.clone()).collect();
                languages.sort();
                languages.dedup();
                let id = sources
                    .first()
                    .map(|s| format!("event:{}", s.key))
                    .unwrap_or_else(|| format!("event:row{event_id}"));
                out.push(EventRow {
                    id,
                    event_id,
                    date,
                    kind,
                    status,
                    mode,
                    location: location.as_ref().map(name),
                    participants: participant_ids.iter().map(name).collect(),
                    participant_ids,
                    sources,
                    languages,
                });
            }
        }
        Ok(out)
    }

    /// One event by row id.
    pub fn event_row(&self, event_id: i64) -> Result<EventRow> {
        self.event_rows(&[event_id])?
            .pop()
            .ok_or(Error::Sql(rusqlite::Error::QueryReturnedNoRows))
    }

    /// Events matching the filters, as a timeline (oldest first; undated last).
    pub fn events(&self, q: &EventQuery) -> Result<Listing<EventRow>> {
        // Two different regions: the pair's own events drive the query.
        let pair = q
            .pair
            .as_ref()
            .map(|(a, b)| if a <= b { (a, b) } else { (b, a) })
            .filter(|(a, b)| a != b);
        let mut regions: Vec<&String> = Vec::new();
        if let Some(r) = &q.region {
            regions.push(r);
        }
        if let (Some((a, _)), None) = (&q.pair, pair) {
            regions.push(a);
        }
        let mut args: Vec<String> = Vec::new();
        // With a pair or a region, its events (an index range) drive the
        // query and the few that match are sorted; without, the date index
        // is walked.
        let mut sql = match (pair, regions.first()) {
            (Some((a, b)), _) => {
                args.push(a.clone());
                args.push(b.clone());
                regions.insert(0, a);
                String::from(
                    "SELECT e.event_id FROM event_pairs r0 CROSS JOIN events e ON e.event_id=r0.event_id WHERE r0.a=? AND r0.b=?",
                )
            }
            (None, Some(first)) => {
                args.push((*first).clone());
                String::from(
                    "SELECT e.event_id FROM event_regions r0 CROSS JOIN events e ON e.event_id=r0.event_id WHERE r0.region=?",
                )
            }
            (None, None) => String::from("SELECT e.event_id FROM events e WHERE 1=1"),
        };
        // A region or pair row carries its event's type and first day: the
        // query walks its (region, type, day) index and stops at the page.
        let d = if pair.is_some() || !regions.is_empty() {
            "r0"
        } else {
            "e"
        };
        if let Some(k) = &q.kind {
            sql.push_str(&format!(" AND {d}.type=?"));
            args.push(k.as_str().to_string());
        }
        if let Some(s) = &q.status {
            sql.push_str(" AND e.status=?");
            args.push(s.as_str().to_string());
        }
        if let Some(e) = &q.entity {
            sql.push_str(" AND (e.location=? OR e.event_id IN (SELECT event_id FROM event_participants WHERE entity_id=?))");
            args.push(e.clone());
            args.push(e.clone());
        }
        for code in regions.iter().skip(1) {
            sql.push_str(
                // Correlated lookups on the (region, event) key: cheap per row,
                // so the date-ordered scan stops after `limit` matches.
                " AND EXISTS (SELECT 1 FROM event_regions r WHERE r.region=? AND r.event_id=e.event_id)",
            );
            args.push((*code).clone());
        }
        if let Some(f) = &q.from {
            // The start bound lets the date index skip earlier years (events
            // last less than a year).
            sql.push_str(&format!(
                " AND e.date_end>=? AND {d}.date_start>=date(?, '-366 day')"
            ));
            args.push(f.clone());
            args.push(f.clone());
        }
        if let Some(t) = &q.to {
            sql.push_str(&format!(" AND {d}.date_start<=?"));
            args.push(t.clone());
        }
        let dated_only = q.from.is_some() || q.to.is_some();
        // Dated events in date order (an index walk that stops at the limit),
        // then undated ones; one more than the limit tells whether it cut.
        let run = |tail: &str, limit: usize| -> Result<Vec<i64>> {
            let mut a = args.clone();
            a.push(limit.to_string());
            let mut st = self.conn.prepare_cached(&format!("{sql} {tail} LIMIT ?"))?;
            let rows = st.query_map(rusqlite::params_from_iter(a.iter()), |r| r.get(0))?;
            Ok(rows.collect::<std::result::Result<_, _>>()?)
        };
        let limit = q.limit.max(1);
        let mut ids = run(
            &format!("AND {d}.date_start IS NOT NULL ORDER BY {d}.date_start, {d}.event_id"),
            limit + 1,
        )?;
        if ids.len() <= limit && !dated_only {
            ids.extend(run(
                &format!("AND {d}.date_start IS NULL ORDER BY {d}.event_id"),
                limit + 1 - ids.len(),
            )?);
        }
        let total = if ids.len() > limit {
            let tail = if dated_only {
                format!(" AND {d}.date_start IS NOT NULL")
            } else {
                String::new()
            };
            ids.truncate(limit);
            self.count_of(&format!("{sql}{tail}"), &args)?
        } else {
            ids.len()
        };
        let rows = self.event_rows(&ids)?;
        Ok(Listing { rows, total })
    }

    fn agreement_row(&self, doc_id: &str, idx: i64) -> Result<AgreementRow> {
        let (kind, sector, date, parties): (String, Option<String>, Option<String>, String) = self
            .conn
            .prepare_cached(
                "SELECT kind, sector, date, parties FROM agreements WHERE doc_id=?1 AND idx=?2",
            )?
            .query_row(params![doc_id, idx], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
        let party_ids: Vec<String> = parties.split_whitespace().map(str::to_string).collect();
        Ok(AgreementRow {
            id: format!("agreement:{doc_id}#{idx}"),
            kind,
            sector,
            date,
            parties: party_ids
                .iter()
                .map(|p| self.name_of(p))
                .collect::<Result<_>>()?,
            party_ids,
            source: self.source_of("agreements", doc_id, idx)?,
        })
    }

    fn figure_row(&self, doc_id: &str, idx: i64) -> Result<FigureRow> {
        type Cols = (
            String,
            Option<String>,
            Option<f64>,
            Option<String>,
            Option<f64>,
            Option<String>,
            i64,
            Option<String>,
            Option<String>,
        );
        let c: Cols = self
            .conn
            .prepare_cached(
                "SELECT kind, flow, value, unit, change_pct, period, target, reporter, partner FROM figures WHERE doc_id=?1 AND idx=?2",
            )?
            .query_row(params![doc_id, idx], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            })?;
        Ok(FigureRow {
            id: format!("figure:{doc_id}#{idx}"),
            kind: c.0,
            flow: c.1,
            value: c.2,
            unit: c.3,
            change_pct: c.4,
            period: c.5,
            target: c.6 != 0,
            reporter: c.7.map(|x| self.name_of(&x)).transpose()?,
            partner: c.8.map(|x| self.name_of(&x)).transpose()?,
            source: self.source_of("figures", doc_id, idx)?,
        })
    }

    /// The (doc, idx) keys of agreements or figures matching `q`.
    fn fact_keys(&self, table: &str, q: &FactQuery) -> Result<(Vec<(String, i64)>, usize)> {
        let figures = table == "figures";
        let mut sql = format!(
            "SELECT t.doc_id, t.idx FROM {table} t JOIN documents d ON d.doc_id=t.doc_id WHERE 1=1"
        );
        let mut args: Vec<String> = Vec::new();
        if let Some(k) = &q.kind {
            sql.push_str(" AND t.kind=?");
            args.push(k.clone());
        }
        if let Some(f) = &q.flow {
            sql.push_str(" AND t.flow=?");
            args.push(f.clone());
        }
        // An entity "is in" a fact as a party (agreements) or reporter/partner (figures).
        let has = |cond: &str| -> String {
            if figures {
                format!("(t.reporter IN ({cond}) OR t.partner IN ({cond}))")
            } else {
                format!("EXISTS (SELECT 1 FROM ({cond}) x WHERE (' ' || t.parties || ' ') LIKE '% ' || x.id || ' %')")
            }
        };
        if let Some(e) = &q.entity {
            sql.push_str(" AND ");
            sql.push_str(&has("SELECT ? AS id"));
            args.push(e.clone());
            if figures {
                args.push(e.clone());
            }
        }
        let mut regions: Vec<&String> = Vec::new();
        if let Some(r) = &q.region {
            regions.push(r);
        }
        if let Some((a, b)) = &q.pair {
            regions.push(a);
            regions.push(b);
        }
        for code in regions {
            sql.push_str(" AND ");
            sql.push_str(&has(
                "SELECT id FROM entities WHERE (' ' || regions || ' ') LIKE '% ' || ? || ' %'",
            ));
            args.push(code.clone());
            if figures {
                args.push(code.clone());
            }
        }
        let day = if figures {
            "d.published"
        } else {
            "COALESCE(t.date, d.published)"
        };
        if let Some(f) = &q.from {
            sql.push_str(&format!(" AND {day}>=?"));
            args.push(f.clone());
        }
        if let Some(t) = &q.to {
            // A day, month or year before or on the bound.
            sql.push_str(&format!(" AND substr({day}, 1, 10)<=?"));
            args.push(t.clone());
        }
        let limit = q.limit.max(1);
        let mut st = self.conn.prepare(&format!(
            "{sql} ORDER BY {day} IS NULL, {day}, d.rowid, t.idx LIMIT {}",
            limit + 1
        ))?;
        let mut keys: Vec<(String, i64)> = st
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<std::result::Result<_, _>>()?;
        let total = if keys.len() > limit {
            keys.truncate(limit);
            self.count_of(&sql, &args)?
        } else {
            keys.len()
        };
        Ok((keys, total))
    }

    /// Agreements matching the filters, oldest first.
    pub fn agreements(&self, q: &FactQuery) -> Result<Listing<AgreementRow>> {
        let (keys, total) = self.fact_keys("agreements", q)?;
        let rows = keys
            .iter()
            .map(|(d, i)| self.agreement_row(d, *i))
            .collect::<Result<_>>()?;
        Ok(Listing { rows, total })
    }

    /// Figures matching the filters, oldest article first.
    pub fn figures(&self, q: &FactQuery) -> Result<Listing<FigureRow>> {
        let (keys, total) = self.fact_keys("figures", q)?;
        let rows = keys
            .iter()
            .map(|(d, i)| self.figure_row(d, *i))
            .collect::<Result<_>>()?;
        Ok(Listing { rows, total })
    }

    /// Resolves an entity id, ISO code or (any-language) name to an id.
    pub fn find_entity(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM (
                   SELECT id, 0 AS rank FROM entities WHERE id=?1 OR upper(code)=upper(?1) OR lower(name)=lower(?1) OR lower(name_en)=lower(?1) OR name_ru=?1 OR name_zh=?1
                   UNION SELECT entity_id, 1 FROM mentions WHERE text=?1
                   UNION SELECT id, 2 FROM entities WHERE name LIKE '% ' || ?1 OR name_en LIKE '% ' || ?1 OR name_ru LIKE '% ' || ?1
                 ) ORDER BY rank LIMIT 1",
                [key],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The entity a name, id or code stands for (as [`Store::find_entity`]
    /// finds it), with its type and canonical name; `None` when none does.
    pub fn lookup_entity(&self, key: &str) -> Result<Option<EntityRef>> {
        let Some(id) = self.find_entity(key)? else {
            return Ok(None);
        };
        Ok(self
            .conn
            .prepare_cached("SELECT type, name, code FROM entities WHERE id=?1")?
            .query_row([&id], |r| {
                Ok(EntityRef {
                    id: id.clone(),
                    kind: r.get(0)?,
                    name: r.get(1)?,
                    code: r.get(2)?,
                })
            })
            .optional()?)
    }

    /// Like [`Store::find_entity`], but an unknown key is an error with the
    /// closest known name.
    pub fn resolve_entity(&self, key: &str) -> Result<String> {
        if let Some(id) = self.find_entity(key)? {
            return Ok(id);
        }
        let mut st = self
            .conn
            .prepare("SELECT id, name, name_en, name_ru, name_zh, code FROM entities")?;
        let rows = st.query_map([], |r| {
            Ok([
                r.get::<_, Option<String>>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ])
        })?;
        let lower = key.to_lowercase();
        let mut best: Option<(f64, String, String)> = None;
        for row in rows {
            let row = row?;
            let id = row[0].clone().unwrap_or_default();
            for cand in row.iter().flatten() {
                let s = strsim::normalized_levenshtein(&cand.to_lowercase(), &lower);
                if best.as_ref().is_none_or(|b| s > b.0) {
                    best = Some((s, cand.clone(), id.clone()));
                }
            }
        }
        Err(Error::NotFound {
            what: "entity",
            key: key.to_string(),
            suggestion: best.filter(|b| b.0 >= 0.4).map(|b| {
                if b.1 == b.2 {
                    b.1
                } else {
                    format!("{} ({})", b.1, b.2)
                }
            }),
        })
    }

    /// The profile of one entity (an id, ISO code or any name); terms of
    /// office come from `refdata`.
    pub fn entity(&self, key: &str, refdata: Option<&RefData>) -> Result<Profile> {
        let id = self.resolve_entity(key)?;
        let (kind, name, code, en, ru, zh): (
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        ) = self.conn.query_row(
            "SELECT type, name, code, name_en, name_ru, name_zh FROM entities WHERE id=?1",
            [&id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )?;
        let mut names = BTreeMap::new();
        for (l, n) in [("en", en), ("ru", ru), ("zh", zh)] {
            if let Some(n) = n {
                names.insert(l.to_string(), n);
            }
        }
        let mut terms = Vec::new();
        if let Some(data) = refdata {
            let eid = amur_record::EntityId::from(id.as_str());
            let ym = |x: &(i32, Option<u32>)| match x.1 {
                Some(m) => format!("{:04}-{m:02}", x.0),
                None => format!("{:04}", x.0),
            };
            for o in data.offices_of(&eid) {
                let title = o
                    .title
                    .en
                    .clone()
                    .or(o.title.ru.clone())
                    .or(o.title.zh.clone())
                    .unwrap_or_default();
                let of = data
                    .get(o.of.as_str())
                    .map(|e| e.name().to_string())
                    .unwrap_or_else(|| o.of.as_str().to_string());
                terms.push(Term {
                    title,
                    of,
                    from: o.from.as_ref().map(ym),
                    to: o.to.as_ref().map(ym),
                });
            }
            terms.sort_by(|a, b| a.from.cmp(&b.from));
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
            .collect::<std::result::Result<_, _>>()?;
        let mut st = self.conn.prepare(
            "SELECT e.event_id FROM events e WHERE e.location=?1 OR e.event_id IN (SELECT event_id FROM event_participants WHERE entity_id=?1) ORDER BY e.date_start IS NULL, e.date_start",
        )?;
        let ids: Vec<i64> = st
            .query_map([&id], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let events = self.event_rows(&ids)?;
        let mut st = self.conn.prepare(
            "SELECT p2.entity_id, COUNT(*) FROM event_participants p1 JOIN event_participants p2 ON p1.event_id=p2.event_id AND p2.entity_id<>p1.entity_id
             WHERE p1.entity_id=?1 GROUP BY p2.entity_id ORDER BY COUNT(*) DESC, p2.entity_id LIMIT 20",
        )?;
        let co: Vec<(String, i64)> = st
            .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let co_participants = co
            .into_iter()
            .map(|(e, n)| Ok((self.name_of(&e)?, n as usize)))
            .collect::<Result<_>>()?;
        let agreements = self
            .agreements(&FactQuery {
                entity: Some(id.clone()),
                limit: 1000,
                ..Default::default()
            })?
            .rows;
        let mut st = self.conn.prepare(
            "SELECT d.doc_id, d.source, d.published, d.language, d.title FROM documents d WHERE d.doc_id IN (SELECT doc_id FROM mentions WHERE entity_id=?1) ORDER BY d.published, d.rowid",
        )?;
        let articles = st
            .query_map([&id], |r| {
                Ok(ArticleRef {
                    doc_id: r.get(0)?,
                    source: r.get(1)?,
                    published: r.get(2)?,
                    language: r.get(3)?,
                    title: r.get(4)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        Ok(Profile {
            id,
            kind,
            name,
            code,
            names,
            terms,
            offices,
            mentions_by_language,
            forms,
            events,
            co_participants,
            agreements,
            articles,
        })
    }

    fn article(&self, doc_id: &str) -> Result<Option<(ArticleRef, amur_record::Record)>> {
        let row: Option<(ArticleRef, String)> = self
            .conn
            .query_row(
                "SELECT doc_id, source, published, language, title, record FROM documents WHERE doc_id=?1",
                [doc_id],
                |r| {
                    Ok((
                        ArticleRef {
                            doc_id: r.get(0)?,
                            source: r.get(1)?,
                            published: r.get(2)?,
                            language: r.get(3)?,
                            title: r.get(4)?,
                        },
                        r.get(5)?,
                    ))
                },
            )
            .optional()?;
        row.map(|(a, json)| Ok((a, serde_json::from_str(&json)?)))
            .transpose()
    }

    /// The paragraph around a source's evidence, the evidence marked.
    fn passage(&self, s: &Source) -> Result<Marked> {
        let Some((_, rec)) = self.article(&s.doc_id)? else {
            return Ok(Marked {
                text: s.evidence.clone(),
                spans: vec![(0, s.evidence.chars().count())],
            });
        };
        Ok(paragraph(&rec.text, s.start as usize, s.end as usize))
    }

    /// A fact (`event:…`, `agreement:…`, `figure:…`) or an article (its doc
    /// id, or `article:DOC`) with its evidence.
    pub fn show(&self, id: &str) -> Result<Shown> {
        let not_found = || {
            Error::NotFound {
            what: "fact or article",
            key: id.to_string(),
            suggestion: Some(
                "an id from `amur events`, `agreements`, `figures` (event:DOC#N, …) or an article id"
                    .into(),
            ),
        }
        };
        if id.starts_with("event:") {
            let (_, event_id) = self.resolve_event(id)?;
            let event = self.event_row(event_id)?;
            let passages = event
                .sources
                .iter()
                .map(|s| self.passage(s))
                .collect::<Result<_>>()?;
            return Ok(Shown::Event { event, passages });
        }
        for (prefix, table) in [("agreement:", "agreements"), ("figure:", "figures")] {
            let Some(key) = id.strip_prefix(prefix) else {
                continue;
            };
            let (doc, idx) = key
                .rsplit_once('#')
                .and_then(|(d, n)| Some((d, n.parse::<i64>().ok()?)))
                .ok_or_else(not_found)?;
            let n: i64 = self.conn.query_row(
                &format!("SELECT COUNT(*) FROM {table} WHERE doc_id=?1 AND idx=?2"),
                params![doc, idx],
                |r| r.get(0),
            )?;
            if n == 0 {
                return Err(not_found());
            }
            return if table == "agreements" {
                let agreement = self.agreement_row(doc, idx)?;
                let passages = vec![self.passage(&agreement.source)?];
                Ok(Shown::Agreement {
                    agreement,
                    passages,
                })
            } else {
                let figure = self.figure_row(doc, idx)?;
                let passages = vec![self.passage(&figure.source)?];
                Ok(Shown::Figure { figure, passages })
            };
        }
        let doc = id.strip_prefix("article:").unwrap_or(id);
        let Some((article, rec)) = self.article(doc)? else {
            return Err(not_found());
        };
        let mut spans: Vec<(usize, usize)> = rec
            .events
            .iter()
            .map(|e| e.evidence)
            .chain(rec.agreements.iter().map(|a| a.evidence))
            .chain(rec.figures.iter().map(|f| f.evidence))
            .map(|s| (s.start, s.end))
            .collect();
        spans.sort();
        spans.dedup();
        let mentions = self.mention_marks(doc)?;
        Ok(Shown::Article {
            article,
            text: Marked {
                text: rec.text,
                spans,
            },
            mentions,
        })
    }

    /// Where an article names each entity (character offsets), with the
    /// entity's id and name after curation, in text order.
    fn mention_marks(&self, doc: &str) -> Result<Vec<MentionMark>> {
        let mut st = self.conn.prepare_cached(
            "SELECT m.start, m.end, m.entity_id, COALESCE(n.name, m.entity_id), COALESCE(n.type, '')
             FROM mentions m LEFT JOIN entities n ON n.id=m.entity_id
             WHERE m.doc_id=?1 ORDER BY m.start, m.end DESC",
        )?;
        let rows = st.query_map([doc], |r| {
            Ok(MentionMark {
                start: r.get::<_, i64>(0)? as usize,
                end: r.get::<_, i64>(1)? as usize,
                entity_id: r.get(2)?,
                name: r.get(3)?,
                kind: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
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

/// Characters `start..end` of `text`.
fn slice_chars(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// The paragraph of `text` holding `start..end`, the span re-based on it.
fn paragraph(text: &str, start: usize, end: usize) -> Marked {
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = (start.min(chars.len()), end.min(chars.len()));
    let mut a = start;
    while a > 0 && chars[a - 1] != '\n' {
        a -= 1;
    }
    let mut b = end;
    while b < chars.len() && chars[b] != '\n' {
        b += 1;
    }
    Marked {
        text: chars[a..b].iter().collect(),
        spans: vec![(start - a, end - a)],
    }
}

/// `?` marks for an `IN (...)` list of `n` values, and the count they stand
/// for: `n` rounded up to a power of two (at least 8, at most 512), so that a
/// handful of statement texts serve every page size from the statement
/// cache. The caller pads its values to that count with one that matches
/// nothing.
fn in_list(n: usize) -> (String, usize) {
    let len = n.clamp(8, 512).next_power_of_two();
    (vec!["?"; len].join(","), len)
}

/// The two columns of every row of `sql` with `args` bound.
pub(crate) fn pairs<
    A: rusqlite::types::FromSql,
    B: rusqlite::types::FromSql,
    T: rusqlite::ToSql,
>(
    conn: &rusqlite::Connection,
    sql: &str,
    args: &[T],
) -> Result<Vec<(A, B)>> {
    let mut st = conn.prepare_cached(sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The placeholders of [`in_list`] for `values`, and the values padded to
/// their count with `filler` (a value that matches nothing).
pub(crate) fn padded_list<T: Clone>(values: &[T], filler: T) -> (String, Vec<T>) {
    let (marks, n) = in_list(values.len());
    let mut padded = values.to_vec();
    padded.resize(n, filler);
    (marks, padded)
}

#[cfg(test)]
mod tests {
    use super::in_list;

    #[test]
    fn in_lists_come_in_a_few_lengths() {
        assert_eq!(in_list(1).1, 8);
        assert_eq!(in_list(20).1, 32);
        assert_eq!(in_list(512).1, 512);
        assert_eq!(in_list(3).0, "?,?,?,?,?,?,?,?");
    }
}
