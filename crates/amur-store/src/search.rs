//! The full-text index (tantivy): English and Russian bodies with Snowball
//! stemming, so "Приморский край" finds "Приморского края"; Chinese as
//! overlapping character bigrams, the usual segmentation-free approach for
//! CJK search, with traditional characters folded to simplified at index and
//! query time (`character_converter`'s bundled tables), so 大桥 finds 大橋.
//! Each Chinese word of a query is a phrase; all of them must match.
//! Filters: language, entity, region, publication date.

use crate::{Error, Result};
use std::ops::Bound;
use std::path::Path;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggContextParams, AggregationCollector};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    WhitespaceTokenizer,
};
use tantivy::Order;
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Fields of the index.
#[derive(Clone, Copy)]
struct Fields {
    doc_id: Field,
    en: Field,
    ru: Field,
    zh: Field,
    lang: Field,
    published: Field,
    entity: Field,
    region: Field,
    etype: Field,
}

/// What to index of one document.
pub struct IndexDoc<'a> {
    /// Document id.
    pub doc_id: &'a str,
    /// Language code.
    pub language: &'a str,
    /// Headline and body.
    pub text: String,
    /// Publication day as `yyyymmdd` (0 when unknown).
    pub published: u64,
    /// Entity ids named.
    pub entities: Vec<String>,
    /// Region codes named or implied.
    pub regions: Vec<String>,
}

/// Search filters.
#[derive(Debug, Default, Clone)]
pub struct Filters {
    /// Language code.
    pub language: Option<String>,
    /// An entity id the document must name (or one of `entity_aliases`).
    pub entity: Option<String>,
    /// Ids merged into `entity` by curation: the index keeps the ids the
    /// articles were indexed with, so a merged entity is found under either.
    pub entity_aliases: Vec<String>,
    /// A region code (`CN-HL`) the document must concern.
    pub region: Option<String>,
    /// Earliest publication day `yyyymmdd`.
    pub from: Option<u64>,
    /// Latest publication day `yyyymmdd`.
    pub to: Option<u64>,
}

/// Document ids with their relevance, best first.
pub type Ranked = Vec<(f32, String)>;

/// One value of a facet and how many matching documents have it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FacetCount {
    /// The value (a language code, a year, a region code, an entity type).
    pub value: String,
    /// Matching documents with that value.
    pub count: u64,
}

/// Counts of the matching documents by language, publication year, region
/// concerned and type of entity named; most frequent first (years newest
/// first).
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facets {
    /// By language code.
    pub language: Vec<FacetCount>,
    /// By year of publication (undated documents are not counted).
    pub year: Vec<FacetCount>,
    /// By region code concerned.
    pub region: Vec<FacetCount>,
    /// By type of entity named (`person`, `region`, …).
    pub entity_type: Vec<FacetCount>,
}

impl Facets {
    /// Reads tantivy's aggregation results (in their JSON form).
    fn from_results(v: &serde_json::Value) -> Self {
        let buckets = |name: &str| -> Vec<(serde_json::Value, u64)> {
            v.get(name)
                .and_then(|a| a.get("buckets"))
                .and_then(|b| b.as_array())
                .map(|b| {
                    b.iter()
                        .map(|e| {
                            let n = e.get("doc_count").and_then(|c| c.as_u64()).unwrap_or(0);
                            (e.get("key").cloned().unwrap_or_default(), n)
                        })
                        .filter(|(_, n)| *n > 0)
                        .collect()
                })
                .unwrap_or_default()
        };
        let terms = |name: &str| -> Vec<FacetCount> {
            let mut t: Vec<FacetCount> = buckets(name)
                .into_iter()
                .filter_map(|(k, count)| {
                    Some(FacetCount {
                        value: k.as_str()?.to_string(),
                        count,
                    })
                })
                .collect();
            t.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            t
        };
        // Publication days are yyyymmdd numbers; 0 is "unknown".
        let mut year: Vec<FacetCount> = buckets("year")
            .into_iter()
            .filter_map(|(k, count)| {
                let y = (k.as_f64()? / 10_000.0).floor() as u64;
                (y > 0).then(|| FacetCount {
                    value: y.to_string(),
                    count,
                })
            })
            .collect();
        year.sort_by(|a, b| b.value.cmp(&a.value));
        Facets {
            language: terms("language"),
            year,
            region: terms("region"),
            entity_type: terms("entity_type"),
        }
    }
}

/// Segments an index may have before a commit waits for merges.
const MERGE_AT: usize = 8;

/// The index and its reader.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    f: Fields,
    // Whether the layout on disk is this build's, decided once at open.
    current: bool,
}

fn text_field(sb: &mut tantivy::schema::SchemaBuilder, name: &str, tokenizer: &str) -> Field {
    let idx = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    sb.add_text_field(name, TextOptions::default().set_indexing_options(idx))
}

fn schema() -> (Schema, Fields) {
    let mut sb = Schema::builder();
    let doc_id = sb.add_text_field("doc_id", STRING | STORED);
    let en = text_field(&mut sb, "body_en", "en_stem");
    let ru = text_field(&mut sb, "body_ru", "ru_stem");
    let zh = text_field(&mut sb, "body_zh", "zh_bigram");
    // Fast columns: the facets of a search are counted over every match.
    let lang = sb.add_text_field("lang", STRING | FAST);
    let published = sb.add_u64_field("published", INDEXED | FAST);
    let entity = sb.add_text_field("entity", STRING);
    let region = sb.add_text_field("region", STRING | FAST);
    let etype = sb.add_text_field("etype", STRING | FAST);
    (
        sb.build(),
        Fields {
            doc_id,
            en,
            ru,
            zh,
            lang,
            published,
            entity,
            region,
            etype,
        },
    )
}

fn register(index: &Index) {
    let stem = |l| {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(l))
            .build()
    };
    index
        .tokenizers()
        .register("en_stem", stem(Language::English));
    index
        .tokenizers()
        .register("ru_stem", stem(Language::Russian));
    index.tokenizers().register(
        "zh_bigram",
        TextAnalyzer::builder(WhitespaceTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Traditional Chinese folded to simplified (other text unchanged).
pub fn fold(text: &str) -> String {
    if !text.chars().any(is_han) {
        return text.to_string();
    }
    character_converter::traditional_to_simplified(text).into_owned()
}

/// Chinese text as overlapping bigrams (other words kept).
pub fn bigrams(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut Vec<String>| {
        if run.len() == 1 {
            out.push(run[0].to_string());
        }
        for w in run.windows(2) {
            out.push(w.iter().collect());
        }
        run.clear();
    };
    for word in text.split(|c: char| !(c.is_alphanumeric())) {
        for c in word.chars() {
            if is_han(c) {
                run.push(c);
            } else {
                flush(&mut run, &mut out);
            }
        }
        flush(&mut run, &mut out);
        let latin: String = word.chars().filter(|c| !is_han(*c)).collect();
        if !latin.is_empty() && !word.chars().any(is_han) {
            out.push(latin.to_lowercase());
        }
    }
    out
}

impl SearchIndex {
    /// Opens (or creates) the index in `dir`.
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| Error::Io {
            path: dir.display().to_string(),
            source: e,
        })?;
        let (schema, f) = schema();
        let index = match Index::open_in_dir(dir) {
            // An index of an older layout is left for `rebuild` (by a writer).
            Ok(i) => i,
            Err(_) => Index::create_in_dir(dir, schema.clone())?,
        };
        register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let current = index.schema() == schema;
        Ok(SearchIndex {
            index,
            reader,
            f,
            current,
        })
    }

    /// Whether the index on disk has this build's layout (fields and their
    /// options); an older one must be rebuilt with [`SearchIndex::rebuild`].
    pub fn current(&self) -> bool {
        self.current
    }

    /// Replaces the index in `dir` by an empty one of this build's layout.
    pub fn rebuild(dir: &Path) -> Result<Self> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| Error::Io {
                path: dir.display().to_string(),
                source: e,
            })?;
        }
        Self::open(dir)
    }

    /// A writer (one per batch).
    pub fn writer(&self) -> Result<IndexWriter> {
        Ok(self.index.writer(64_000_000)?)
    }

    /// Adds (or replaces) one document.
    pub fn add(&self, w: &IndexWriter, d: &IndexDoc) -> Result<()> {
        let f = self.f;
        w.delete_term(Term::from_field_text(f.doc_id, d.doc_id));
        let mut doc = doc!(f.doc_id => d.doc_id, f.lang => d.language, f.published => d.published);
        match d.language {
            "ru" => doc.add_text(f.ru, &d.text),
            "zh" => doc.add_text(f.zh, bigrams(&fold(&d.text)).join(" ")),
            _ => doc.add_text(f.en, &d.text),
        }
        for e in &d.entities {
            doc.add_text(f.entity, e);
        }
        for r in &d.regions {
            doc.add_text(f.region, r);
        }
        let mut types: Vec<&str> = d
            .entities
            .iter()
            .filter_map(|e| e.split_once(':').map(|(t, _)| t))
            .collect();
        types.sort_unstable();
        types.dedup();
        for t in types {
            doc.add_text(f.etype, t);
        }
        w.add_document(doc)?;
        Ok(())
    }

    /// Commits a writer's changes. Once the index has more than a few
    /// segments it also waits for the merges the commit starts: a writer
    /// dropped while merging leaves one segment per batch, and every search
    /// (and facet count) pays for each segment. Below that, a batch is not
    /// held up by merging.
    pub fn commit(&self, mut w: IndexWriter) -> Result<()> {
        w.commit()?;
        if self.index.searchable_segment_ids()?.len() > MERGE_AT {
            w.wait_merging_threads()?;
        }
        Ok(())
    }

    /// Removes every document.
    pub fn clear(&self, w: &IndexWriter) -> Result<()> {
        w.delete_all_documents()?;
        Ok(())
    }

    /// Makes committed changes visible.
    pub fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        Ok(())
    }

    /// Document ids matching `query` and `filters`, best first.
    pub fn search(
        &self,
        query: &str,
        filters: &Filters,
        limit: usize,
    ) -> Result<Vec<(f32, String)>> {
        let Some(q) = self.query(query, filters)? else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        let top = searcher.search(&q, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        self.doc_ids(&searcher, top)
    }

    /// Document ids matching `query` and `filters`, newest publication
    /// first (for watch feeds); undated documents come last.
    pub fn newest(&self, query: &str, filters: &Filters, limit: usize) -> Result<Vec<String>> {
        let Some(q) = self.query(query, filters)? else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        let top = searcher.search(
            &q,
            &TopDocs::with_limit(limit.max(1)).order_by_u64_field("published", Order::Desc),
        )?;
        let ranked = top.into_iter().map(|(_, addr)| (0.0, addr)).collect();
        Ok(self
            .doc_ids(&searcher, ranked)?
            .into_iter()
            .map(|(_, id)| id)
            .collect())
    }

    /// [`SearchIndex::search`], with the number of matches and the facets
    /// counted over all of them (not only the hits returned).
    pub fn search_faceted(
        &self,
        query: &str,
        filters: &Filters,
        limit: usize,
    ) -> Result<(Ranked, usize, Facets)> {
        let Some(q) = self.query(query, filters)? else {
            return Ok((Vec::new(), 0, Facets::default()));
        };
        let searcher = self.reader.searcher();
        let aggs: Aggregations = serde_json::from_value(serde_json::json!({
            "language": {"terms": {"field": "lang", "size": 50}},
            "region": {"terms": {"field": "region", "size": 200}},
            "entity_type": {"terms": {"field": "etype", "size": 20}},
            "year": {"histogram": {"field": "published", "interval": 10000, "min_doc_count": 1}},
        }))
        .map_err(|e| Error::BadQuery {
            query: query.to_string(),
            reason: format!("facet request: {e}"),
        })?;
        let agg = AggregationCollector::from_aggs(
            aggs,
            AggContextParams::new(Default::default(), self.index.tokenizers().clone()),
        );
        let (top, count, facets) = searcher.search(
            &q,
            &(
                TopDocs::with_limit(limit.max(1)).order_by_score(),
                Count,
                agg,
            ),
        )?;
        let facets =
            Facets::from_results(&serde_json::to_value(facets).map_err(|e| Error::BadQuery {
                query: query.to_string(),
                reason: format!("facet result: {e}"),
            })?);
        Ok((self.doc_ids(&searcher, top)?, count, facets))
    }

    fn doc_ids(
        &self,
        searcher: &tantivy::Searcher,
        top: Vec<(f32, tantivy::DocAddress)>,
    ) -> Result<Vec<(f32, String)>> {
        let mut out = Vec::new();
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr)?;
            if let Some(id) = d.get_first(self.f.doc_id).and_then(|v| v.as_str()) {
                out.push((score, id.to_string()));
            }
        }
        Ok(out)
    }

    /// The query for a search string and filters (`None` when both are empty).
    fn query(&self, query: &str, filters: &Filters) -> Result<Option<BooleanQuery>> {
        let f = self.f;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !query.trim().is_empty() {
            let parser = QueryParser::for_index(&self.index, vec![f.en, f.ru]);
            let latin_cyr: String = query
                .chars()
                .map(|c| if is_han(c) { ' ' } else { c })
                .collect();
            let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            if !latin_cyr.trim().is_empty() {
                let q = parser
                    .parse_query(&latin_cyr)
                    .map_err(|e| Error::BadQuery {
                        query: query.to_string(),
                        reason: e.to_string(),
                    })?;
                any.push((Occur::Should, q));
            }
            // Each Chinese word (split on spaces and punctuation) is a phrase
            // of its bigrams; every word must match.
            let folded = fold(query);
            let mut words: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for word in folded.split(|c: char| !is_han(c)).filter(|w| !w.is_empty()) {
                let han: Vec<Term> = bigrams(word)
                    .iter()
                    .map(|g| Term::from_field_text(f.zh, g))
                    .collect();
                match han.len() {
                    0 => {}
                    1 => words.push((
                        Occur::Must,
                        Box::new(TermQuery::new(han[0].clone(), IndexRecordOption::WithFreqs)),
                    )),
                    _ => words.push((Occur::Must, Box::new(PhraseQuery::new(han)))),
                }
            }
            if !words.is_empty() {
                any.push((Occur::Should, Box::new(BooleanQuery::new(words))));
            }
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let term = |field: Field, v: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            ))
        };
        if let Some(l) = &filters.language {
            must.push((Occur::Must, term(f.lang, l)));
        }
        if let Some(e) = &filters.entity {
            let any: Vec<(Occur, Box<dyn Query>)> = std::iter::once(e)
                .chain(&filters.entity_aliases)
                .map(|id| (Occur::Should, term(f.entity, id)))
                .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        if let Some(r) = &filters.region {
            must.push((Occur::Must, term(f.region, r)));
        }
        if filters.from.is_some() || filters.to.is_some() {
            let lo = filters.from.map_or(Bound::Unbounded, |x| {
                Bound::Included(Term::from_field_u64(f.published, x))
            });
            let hi = filters.to.map_or(Bound::Unbounded, |x| {
                Bound::Included(Term::from_field_u64(f.published, x))
            });
            must.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        if must.is_empty() {
            return Ok(None);
        }
        Ok(Some(BooleanQuery::new(must)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflection_and_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let ix = SearchIndex::open(dir.path()).unwrap();
        let mut w = ix.writer().unwrap();
        let d = |id: &'static str, lang: &'static str, text: &str| IndexDoc {
            doc_id: id,
            language: lang,
            text: text.into(),
            published: 20240613,
            entities: vec!["region:RU-PRI".into()],
            regions: vec!["RU-PRI".into()],
        };
        ix.add(
            &w,
            &d("a", "ru", "Делегация Приморского края прибыла в Харбин."),
        )
        .unwrap();
        ix.add(&w, &d("b", "zh", "黑龙江省代表团访问滨海边疆区。"))
            .unwrap();
        ix.add(
            &w,
            &d(
                "c",
                "en",
                "The Primorsky Krai governor met the delegations.",
            ),
        )
        .unwrap();
        w.commit().unwrap();
        ix.reload().unwrap();
        let ids = |q: &str| {
            ix.search(q, &Filters::default(), 10)
                .unwrap()
                .into_iter()
                .map(|x| x.1)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("Приморский край"), ["a"]);
        assert_eq!(ids("滨海边疆区"), ["b"]);
        // Two words, each a phrase (issue 11), and traditional characters folded.
        assert_eq!(ids("黑龙江 代表团"), ["b"]);
        assert_eq!(ids("黑龍江省"), ["b"]);
        assert!(ids("黑龙江 大桥").is_empty());
        assert_eq!(ids("delegation"), ["c"]);
        let only_zh = Filters {
            language: Some("zh".into()),
            ..Default::default()
        };
        assert!(ix.search("delegation", &only_zh, 10).unwrap().is_empty());
        let dated = Filters {
            from: Some(20240101),
            to: Some(20241231),
            region: Some("RU-PRI".into()),
            ..Default::default()
        };
        assert_eq!(ix.search("", &dated, 10).unwrap().len(), 3);
    }

    #[test]
    fn facets_count_every_match_not_only_the_page() {
        let dir = tempfile::tempdir().unwrap();
        let ix = SearchIndex::open(dir.path()).unwrap();
        assert!(ix.current());
        let mut w = ix.writer().unwrap();
        let docs = [
            (
                "a",
                "en",
                20230105,
                vec!["region:CN-HL", "person:li-si"],
                vec!["CN-HL"],
            ),
            (
                "b",
                "en",
                20240301,
                vec!["region:CN-HL"],
                vec!["CN-HL", "RU-AMU"],
            ),
            ("c", "ru", 20240302, vec!["city:heihe"], vec!["CN-HL"]),
            ("d", "ru", 0, vec!["region:RU-AMU"], vec!["RU-AMU"]),
        ];
        for (id, lang, day, ents, regs) in &docs {
            let doc = IndexDoc {
                doc_id: id,
                language: lang,
                text: "bridge opening".into(),
                published: *day,
                entities: ents.iter().map(|e| e.to_string()).collect(),
                regions: regs.iter().map(|r| r.to_string()).collect(),
            };
            ix.add(&w, &doc).unwrap();
        }
        w.commit().unwrap();
        ix.reload().unwrap();
        let (hits, total, f) = ix.search_faceted("bridge", &Filters::default(), 1).unwrap();
        assert_eq!((hits.len(), total), (1, 4));
        let pairs = |v: &[FacetCount]| -> Vec<(String, u64)> {
            v.iter().map(|c| (c.value.clone(), c.count)).collect()
        };
        let p = |a: &str, n: u64| (a.to_string(), n);
        assert_eq!(pairs(&f.language), [p("en", 2), p("ru", 2)]);
        // Newest year first; the undated article counts in no year.
        assert_eq!(pairs(&f.year), [p("2024", 2), p("2023", 1)]);
        assert_eq!(pairs(&f.region), [p("CN-HL", 3), p("RU-AMU", 2)]);
        assert_eq!(
            pairs(&f.entity_type),
            [p("region", 3), p("city", 1), p("person", 1)]
        );
        // Filters narrow the counts too; no match gives no counts.
        let ru = Filters {
            language: Some("ru".into()),
            ..Default::default()
        };
        let (_, total, f) = ix.search_faceted("bridge", &ru, 10).unwrap();
        assert_eq!(total, 2);
        assert_eq!(pairs(&f.language), [p("ru", 2)]);
        // Newest first, the undated one last.
        assert_eq!(
            ix.newest("bridge", &Filters::default(), 10).unwrap(),
            ["c", "b", "a", "d"]
        );
        let (hits, total, f) = ix.search_faceted("tunnel", &ru, 10).unwrap();
        assert_eq!((hits.len(), total), (0, 0));
        assert_eq!(f, Facets::default());
    }
}
