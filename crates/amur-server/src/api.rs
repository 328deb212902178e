//! JSON handlers. Each one validates its parameters with the same
//! `amur_store::filters` functions the CLI uses, makes one store call and
//! returns the store's own rows as JSON; no query logic lives here.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use amur_store::filters::{self, End};
use amur_store::query::{EventQuery, FactQuery, Shown};
use amur_store::{Filters, Store};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, FailedToBufferBody, JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::sync::Arc;

/// Default rows per page.
pub const DEFAULT_LIMIT: usize = 50;
/// Most rows one request may ask for.
pub const MAX_LIMIT: usize = 1000;
/// Deepest row (offset + limit) a page may reach; deeper pages need filters.
pub const MAX_DEPTH: usize = 10_000;

type Shared = State<Arc<AppState>>;

/// JSON text with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`,
/// so an article's markup never appears literally in an answer. Those
/// characters occur only inside JSON strings, where the escapes mean the same.
pub fn safe_json<T: Serialize>(value: &T) -> ApiResult<Vec<u8>> {
    let mut out = Vec::with_capacity(4096);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, MarkupEscaping);
    value
        .serialize(&mut ser)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(out)
}

/// serde_json's compact output, with the markup characters of string
/// contents escaped as they are written (one pass, no second copy).
struct MarkupEscaping;

impl serde_json::ser::Formatter for MarkupEscaping {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let bytes = fragment.as_bytes();
        let mut from = 0;
        for (i, b) in bytes.iter().enumerate() {
            let escaped: &[u8] = match b {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                b'&' => b"\\u0026",
                _ => continue,
            };
            w.write_all(&bytes[from..i])?;
            w.write_all(escaped)?;
            from = i + 1;
        }
        w.write_all(&bytes[from..])
    }
}

/// A JSON answer written with [`safe_json`].
pub struct Json<T>(pub T);

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match safe_json(&self.0) {
            Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
            Err(e) => e.into_response(),
        }
    }
}

/// Turns a rejected query string into a 400 with the parser's message.
fn query<T>(q: Result<Query<T>, QueryRejection>) -> ApiResult<T> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError::BadRequest(e.body_text()))
}

fn limit(v: Option<usize>) -> ApiResult<usize> {
    match v.unwrap_or(DEFAULT_LIMIT) {
        0 => Err(ApiError::BadRequest("limit must be at least 1".into())),
        n if n > MAX_LIMIT => Err(ApiError::BadRequest(format!(
            "limit must be at most {MAX_LIMIT}"
        ))),
        n => Ok(n),
    }
}

fn date(what: &'static str, v: &Option<String>, end: End) -> ApiResult<Option<String>> {
    Ok(v.as_deref()
        .map(|d| filters::date(what, d, end))
        .transpose()?)
}

fn entity(store: &Store, v: &Option<String>) -> ApiResult<Option<String>> {
    Ok(v.as_deref().map(|e| store.resolve_entity(e)).transpose()?)
}

/// `GET /api/health`: the store opens; whether writes are enabled.
pub async fn health(State(s): Shared) -> ApiResult<Json<Value>> {
    let writes = s.writable();
    s.read(move |store, _| {
        // Cheap on any store size: proves a handle opens and reads.
        let version = store.meta("store_version")?;
        Ok(Json(
            json!({"status": "ok", "store_version": version, "writes": writes}),
        ))
    })
    .await
}

/// `GET /api/stats`: counts and the province × region matrix.
pub async fn stats(State(s): Shared) -> ApiResult<Json<amur_store::Stats>> {
    s.read(|store, _| Ok(Json(store.stats()?))).await
}

/// Search parameters (the flags of `amur search`).
#[derive(Debug, Deserialize)]
pub struct SearchParams {
    /// Query text.
    pub q: Option<String>,
    /// Language code.
    pub lang: Option<String>,
    /// Entity id, code or name.
    pub entity: Option<String>,
    /// Region code or name.
    pub region: Option<String>,
    /// Earliest publication day.
    pub from: Option<String>,
    /// Latest publication day.
    pub to: Option<String>,
    /// Hits per page.
    pub limit: Option<usize>,
}

impl SearchParams {
    /// The query text, required and not blank.
    pub fn text(&self) -> ApiResult<String> {
        self.q
            .clone()
            .filter(|q| !q.trim().is_empty())
            .ok_or_else(|| ApiError::BadRequest("missing query parameter q".into()))
    }

    /// The filters, each value validated (as `amur search` does).
    pub fn filters(&self, store: &Store, st: &AppState) -> ApiResult<Filters> {
        let from = date("from", &self.from, End::First)?;
        let to = date("to", &self.to, End::Last)?;
        let day = |d: Option<String>| d.map(|d| amur_store::day_number(Some(&d)));
        Ok(Filters {
            language: self.lang.as_deref().map(filters::language).transpose()?,
            entity: entity(store, &self.entity)?,
            region: self
                .region
                .as_deref()
                .map(|r| filters::region(r, &st.refdata))
                .transpose()?,
            from: day(from),
            to: day(to),
            ..Default::default()
        })
    }
}

/// `GET /api/search`.
pub async fn search(
    State(s): Shared,
    p: Result<Query<SearchParams>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let p = query(p)?;
    let q = p.text()?;
    let limit = limit(p.limit)?;
    s.read(move |store, st| {
        let filters = p.filters(store, st)?;
        let page = store.search_faceted(&q, &filters, limit)?;
        Ok(Json(json!({
            "query": q,
            "limit": limit,
            "total": page.total,
            "facets": page.facets,
            "hits": page.hits,
        })))
    })
    .await
}

/// Event parameters (the flags of `amur events`, plus `offset`).
#[derive(Debug, Deserialize)]
pub struct EventParams {
    /// Event type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// `occurred` or `planned`.
    pub status: Option<String>,
    /// Entity id, code or name.
    pub entity: Option<String>,
    /// Region code or name.
    pub region: Option<String>,
    /// Two regions, `CN-XX:RU-YY`.
    pub pair: Option<String>,
    /// Earliest day.
    pub from: Option<String>,
    /// Latest day.
    pub to: Option<String>,
    /// Rows per page.
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: Option<usize>,
}

impl EventParams {
    /// The validated store query, asking for `rows` rows.
    pub fn to_query(&self, store: &Store, st: &AppState, rows: usize) -> ApiResult<EventQuery> {
        Ok(EventQuery {
            kind: self.kind.as_deref().map(filters::event_type).transpose()?,
            status: self.status.as_deref().map(filters::status).transpose()?,
            entity: entity(store, &self.entity)?,
            region: self
                .region
                .as_deref()
                .map(|r| filters::region(r, &st.refdata))
                .transpose()?,
            pair: self
                .pair
                .as_deref()
                .map(|r| filters::pair(r, &st.refdata))
                .transpose()?,
            from: date("from", &self.from, End::First)?,
            to: date("to", &self.to, End::Last)?,
            limit: rows,
        })
    }
}

/// One page of rows.
#[derive(Debug, Serialize)]
pub struct Page<T> {
    /// Rows matching the filters, in all.
    pub total: usize,
    /// Rows skipped.
    pub offset: usize,
    /// Rows asked for.
    pub limit: usize,
    /// This page.
    pub rows: Vec<T>,
}

impl<T> Page<T> {
    /// The page `offset..offset + limit` of a store listing that was asked
    /// for its first `offset + limit` rows (the store has no offset).
    fn of(list: amur_store::query::Listing<T>, offset: usize, limit: usize) -> Self {
        Page {
            total: list.total,
            offset,
            limit,
            rows: list.rows.into_iter().skip(offset).collect(),
        }
    }
}

fn page_bounds(limit_v: Option<usize>, offset: Option<usize>) -> ApiResult<(usize, usize)> {
    let limit = limit(limit_v)?;
    let offset = offset.unwrap_or(0);
    if offset.saturating_add(limit) > MAX_DEPTH {
        return Err(ApiError::BadRequest(format!(
            "offset + limit must be at most {MAX_DEPTH}; narrow the filters (from, to) instead"
        )));
    }
    Ok((limit, offset))
}

/// `GET /api/events`: a timeline page, oldest first, each with sources and evidence.
pub async fn events(
    State(s): Shared,
    p: Result<Query<EventParams>, QueryRejection>,
) -> ApiResult<Json<Page<amur_store::query::EventRow>>> {
    let p = query(p)?;
    let (limit, offset) = page_bounds(p.limit, p.offset)?;
    s.read(move |store, st| {
        // The store pages by limit; a later page is the tail of a longer one.
        let list = store.events(&p.to_query(store, st, offset + limit)?)?;
        let rows = list.rows.into_iter().skip(offset).collect();
        Ok(Json(Page {
            total: list.total,
            offset,
            limit,
            rows,
        }))
    })
    .await
}

/// Agreement and figure parameters (the flags of `amur agreements` / `figures`).
#[derive(Debug, Deserialize)]
pub struct FactParams {
    kind: Option<String>,
    flow: Option<String>,
    entity: Option<String>,
    region: Option<String>,
    pair: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

impl FactParams {
    fn to_query(
        &self,
        store: &Store,
        st: &AppState,
        figures: bool,
        rows: usize,
    ) -> ApiResult<FactQuery> {
        let kind = match &self.kind {
            Some(k) if figures => Some(filters::figure_kind(k)?.as_str().to_string()),
            Some(k) => Some(filters::agreement_kind(k)?.as_str().to_string()),
            None => None,
        };
        if self.flow.is_some() && !figures {
            return Err(ApiError::BadRequest("flow applies to figures only".into()));
        }
        Ok(FactQuery {
            kind,
            flow: self
                .flow
                .as_deref()
                .map(|f| filters::flow(f).map(|f| f.as_str().to_string()))
                .transpose()?,
            entity: entity(store, &self.entity)?,
            region: self
                .region
                .as_deref()
                .map(|r| filters::region(r, &st.refdata))
                .transpose()?,
            pair: self
                .pair
                .as_deref()
                .map(|r| filters::pair(r, &st.refdata))
                .transpose()?,
            from: date("from", &self.from, End::First)?,
            to: date("to", &self.to, End::Last)?,
            limit: rows,
        })
    }
}

/// `GET /api/agreements`.
pub async fn agreements(
    State(s): Shared,
    p: Result<Query<FactParams>, QueryRejection>,
) -> ApiResult<Json<Page<amur_store::query::AgreementRow>>> {
    let p = query(p)?;
    let (limit, offset) = page_bounds(p.limit, p.offset)?;
    s.read(move |store, st| {
        let list = store.agreements(&p.to_query(store, st, false, offset + limit)?)?;
        Ok(Json(Page::of(list, offset, limit)))
    })
    .await
}

/// `GET /api/figures`: figures in period order, a time series when filtered
/// by region or pair, flow and kind.
pub async fn figures(
    State(s): Shared,
    p: Result<Query<FactParams>, QueryRejection>,
) -> ApiResult<Json<Page<amur_store::query::FigureRow>>> {
    let p = query(p)?;
    let (limit, offset) = page_bounds(p.limit, p.offset)?;
    s.read(move |store, st| {
        let list = store.figures(&p.to_query(store, st, true, offset + limit)?)?;
        Ok(Json(Page::of(list, offset, limit)))
    })
    .await
}

/// `GET /api/entities/{key}`: a profile by id, code or name in any language.
pub async fn entity_profile(
    State(s): Shared,
    Path(key): Path<String>,
) -> ApiResult<Json<amur_store::query::Profile>> {
    s.read(move |store, st| Ok(Json(store.entity(&key, Some(&st.refdata))?)))
        .await
}

/// `GET /api/entities?name=N` parameters.
#[derive(Debug, Deserialize)]
pub struct LookupParams {
    /// A name in any of three languages, an id or an ISO code.
    pub name: String,
}

/// `GET /api/entities?name=N`: the entity a name stands for, as a list of
/// none or one, so an unknown name is an empty answer rather than an error.
pub async fn entity_lookup(
    State(s): Shared,
    p: Result<Query<LookupParams>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let p = query(p)?;
    s.read(move |store, _| {
        let found = store.lookup_entity(p.name.trim())?;
        Ok(Json(
            json!({ "name": p.name, "matches": found.into_iter().collect::<Vec<_>>() }),
        ))
    })
    .await
}

/// `GET /api/documents/{doc_id}`: the article, its clean text and evidence spans.
pub async fn document(State(s): Shared, Path(doc): Path<String>) -> ApiResult<Json<Shown>> {
    s.read(move |store, _| {
        // Only an article id here; fact ids go to /api/show.
        let id = format!("article:{}", doc.strip_prefix("article:").unwrap_or(&doc));
        Ok(Json(store.show(&id)?))
    })
    .await
}

/// `GET /api/show/{id}`: a fact or an article with its evidence.
pub async fn show(State(s): Shared, Path(id): Path<String>) -> ApiResult<Json<Shown>> {
    s.read(move |store, _| Ok(Json(store.show(&id)?))).await
}

/// `GET /api/curations`: the recorded corrections, numbered.
pub async fn curations(State(s): Shared) -> ApiResult<Json<Vec<amur_store::curate::Correction>>> {
    s.read(|store, _| Ok(Json(store.corrections()?))).await
}

/// A correction, as `amur curate` takes it.
#[derive(Debug, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum CurateRequest {
    /// B is the same as A.
    Merge {
        /// Kept.
        a: String,
        /// Merged into A.
        b: String,
    },
    /// Separate one report from its event.
    Split {
        /// `event:DOC#N`.
        event: String,
    },
    /// A new canonical name.
    Rename {
        /// Entity.
        id: String,
        /// New name.
        name: String,
    },
    /// Remove an entity or event.
    Reject {
        /// Entity or event.
        id: String,
    },
    /// Revert correction N.
    Undo {
        /// Correction number.
        n: i64,
    },
}

/// `POST /api/curate` (token required).
pub async fn curate(
    State(s): Shared,
    body: Result<axum::Json<CurateRequest>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let axum::Json(req) = body.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    s.write(move |store, st| {
        let change = match req {
            CurateRequest::Merge { a, b } => store.curate_merge(&a, &b)?,
            CurateRequest::Split { event } => store.curate_split(&event)?,
            CurateRequest::Rename { id, name } => store.curate_rename(&id, &name)?,
            CurateRequest::Reject { id } => store.curate_reject(&id)?,
            CurateRequest::Undo { n } => {
                let region_of = amur_store::region_resolver(&st.refdata);
                let c = store.curate_undo(n, &region_of)?;
                return Ok(Json(json!({"undone": c})));
            }
        };
        Ok(Json(
            json!({"correction": change.correction, "summary": change.summary}),
        ))
    })
    .await
}

/// Ingest parameters.
#[derive(Debug, Deserialize)]
pub struct IngestParams {
    /// A name for the body (its extension picks the format, as a file name
    /// does for the CLI); default `upload`.
    name: Option<String>,
}

/// `POST /api/ingest` (token required): the body is one file in any format
/// `amur ingest` reads (text, HTML, WARC, JSON Lines, gzipped or not).
pub async fn ingest(
    State(s): Shared,
    p: Result<Query<IngestParams>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<Value>> {
    let p = query(p)?;
    let max = s.max_body;
    let body = body.map_err(|e| match e {
        BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
            ApiError::TooLarge(max)
        }
        other => ApiError::BadRequest(other.body_text()),
    })?;
    if body.is_empty() {
        return Err(ApiError::BadRequest(
            "empty body: send the pages to ingest".into(),
        ));
    }
    let name = p.name.unwrap_or_else(|| "upload".into());
    s.write(move |store, st| {
        let limits = amur_sources::Limits {
            max_page_bytes: max,
            lossy: true,
        };
        let pages = amur_sources::read_bytes(&name, &body, &limits)
            .map_err(|e| ApiError::BadRequest(e.to_string()))?;
        let pipeline = st.pipeline();
        let mut batch = Vec::new();
        let mut failed = Vec::new();
        for page in pages {
            match page.map_err(|e| e.to_string()).and_then(|pg| {
                pipeline
                    .extract(&pg)
                    .map(|r| (pg, r))
                    .map_err(|e| e.to_string())
            }) {
                Ok(pair) => batch.push(pair),
                Err(msg) => failed.push(msg),
            }
        }
        let sum = store.ingest(&batch, &st.refdata)?;
        store.finish_ingest(&st.refdata, amur_extract::EXTRACTOR_VERSION)?;
        Ok(Json(json!({
            "new": sum.new,
            "duplicate": sum.duplicate,
            "near_duplicate": sum.near_duplicate,
            "merged_events": sum.merged_events,
            "failed": failed,
        })))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::safe_json;

    #[test]
    fn markup_characters_are_escaped_inside_strings_only() {
        let v = serde_json::json!({"a<b": ["x&y>", 1, "plain \"quoted\" é"]});
        let text = String::from_utf8(safe_json(&v).unwrap()).unwrap();
        assert_eq!(
            text,
            r#"{"a\u003cb":["x\u0026y\u003e",1,"plain \"quoted\" é"]}"#
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
