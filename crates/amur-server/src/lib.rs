//! Server: `amur serve` — the knowledge base over HTTP, a JSON API, Atom
//! watchlists and a dashboard, all from one process and the binary.
//!
//! Place in the pipeline: **[`amur_store::Store`]** → HTTP. Every handler
//! calls the same store functions as the CLI (`api.rs`); errors become JSON
//! in one place (`error.rs`); store calls run on the blocking pool with
//! pooled read-only handles (`state.rs`); writes (curation, ingest) take the
//! store's writer lock for one request and need the bearer token.
//!
//! - [`router`]: every route and layer (body limit, time limit, security
//!   headers, ETag), for tests and embedding.
//! - [`serve`]: binds and runs until the process is stopped.
#![warn(missing_docs)]

pub mod api;
pub mod assets;
pub mod error;
pub mod feeds;
pub mod state;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use error::ApiError;
use sha2::{Digest, Sha256};
use state::AppState;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// The Content-Security-Policy of every response: scripts, styles and data
/// from this server only, no inline script, no framing.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Largest JSON answer the ETag layer buffers (bigger ones are sent without one).
const ETAG_MAX: usize = 64 * 1024 * 1024;

/// Settings of one server.
#[derive(Debug, Clone)]
pub struct Config {
    /// The data directory (a store must be there).
    pub data: std::path::PathBuf,
    /// Bearer token that allows writes; None: read-only.
    pub token: Option<String>,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Time limit per request.
    pub timeout: Duration,
}

impl Config {
    /// Defaults: read-only, 16 MiB bodies, 30 s per request.
    pub fn new(data: std::path::PathBuf) -> Self {
        Config {
            data,
            token: None,
            max_body: 16 * 1024 * 1024,
            timeout: Duration::from_secs(30),
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] amur_store::Error),
    /// Reference data failed to load.
    #[error("reference data: {0}")]
    Refdata(String),
    /// The embedded OpenAPI document could not be completed.
    #[error("OpenAPI document: {0}")]
    OpenApi(#[from] serde_json::Error),
    /// The address could not be bound, or the server failed.
    #[error("{addr}: {source}")]
    Io {
        /// The address.
        addr: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// The application: routes and layers over a loaded state.
pub fn router(config: &Config) -> Result<Router, Error> {
    let refdata = amur_refdata::RefData::embedded().map_err(|e| Error::Refdata(e.to_string()))?;
    let openapi = assets::openapi_document(&refdata)?;
    let state = Arc::new(AppState::new(
        config.data.clone(),
        config.token.clone(),
        refdata,
        config.max_body,
        openapi,
    )?);
    let writes = Router::new()
        .route("/api/curate", post(api::curate))
        .route("/api/ingest", post(api::ingest))
        .route_layer(middleware::from_fn_with_state(state.clone(), require_token));
    let reads = Router::new()
        .route("/api/health", get(api::health))
        .route("/api/stats", get(api::stats))
        .route("/api/search", get(api::search))
        .route("/api/events", get(api::events))
        .route("/api/agreements", get(api::agreements))
        .route("/api/figures", get(api::figures))
        .route("/api/entities", get(api::entity_lookup))
        .route("/api/entities/{key}", get(api::entity_profile))
        .route("/api/documents/{doc}", get(api::document))
        .route("/api/show/{id}", get(api::show))
        .route("/api/curations", get(api::curations))
        .route("/api/openapi.json", get(assets::openapi))
        .route("/feeds/events.atom", get(feeds::events))
        .route("/feeds/search.atom", get(feeds::search))
        .route("/", get(assets::index))
        .route("/assets/{file}", get(assets::file))
        .layer(middleware::from_fn(etag));
    Ok(Router::new()
        .merge(reads)
        .merge(writes)
        .fallback(|| async { ApiError::NoRoute })
        .layer(axum::extract::DefaultBodyLimit::max(config.max_body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.timeout,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .with_state(state))
}

/// Refuses a write without the server's bearer token (403 when it has none).
async fn require_token(State(s): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let Some(token) = &s.token else {
        return ApiError::ReadOnly.into_response();
    };
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match given {
        Some(g) if same(g.as_bytes(), token.as_bytes()) => next.run(req).await,
        _ => ApiError::Unauthorized.into_response(),
    }
}

/// Compares without stopping at the first difference (no timing hint).
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Adds a strong ETag (hash of the body) to successful GETs and answers 304
/// when `If-None-Match` already has it.
async fn etag(req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return next.run(req).await;
    }
    let inm = req.headers().get(header::IF_NONE_MATCH).cloned();
    let resp = next.run(req).await;
    if resp.status() != StatusCode::OK {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let bytes = match axum::body::to_bytes(body, ETAG_MAX).await {
        Ok(b) => b,
        Err(e) => return ApiError::Internal(e.to_string()).into_response(),
    };
    let hash = Sha256::digest(&bytes);
    let tag: String = hash[..16].iter().map(|b| format!("{b:02x}")).collect();
    let tag = format!("\"{tag}\"");
    let matches = inm
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    if let Ok(v) = HeaderValue::from_str(&tag) {
        parts.headers.insert(header::ETAG, v);
    }
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if matches {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Binds `addr` and serves until the process is stopped; `on_ready` gets the
/// bound address (port 0 picks a free one).
pub fn serve(
    config: &Config,
    addr: SocketAddr,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), Error> {
    let app = router(config)?;
    let io = |source| Error::Io {
        addr: addr.to_string(),
        source,
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(io)?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(io)?;
        on_ready(listener.local_addr().map_err(io)?);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                // No signal handler: run until killed rather than stop at once.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
            .map_err(io)
    })
}
