//! The dashboard and the OpenAPI document, embedded in the binary: nothing
//! to install, no CDN, no build step.

use crate::error::{ApiError, ApiResult};
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// The OpenAPI 3 description of every endpoint.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Embedded files: name, content type, bytes.
const FILES: &[(&str, &str, &str)] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("../assets/app.css"),
    ),
    (
        "api.html",
        "text/html; charset=utf-8",
        include_str!("../assets/api.html"),
    ),
    (
        "api.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/api.js"),
    ),
];

/// `GET /`: the dashboard page (one script file, no inline script).
pub async fn index() -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        include_str!("../assets/index.html"),
    )
        .into_response()
}

/// `GET /assets/{file}`.
pub async fn file(Path(name): Path<String>) -> ApiResult<Response> {
    let (_, kind, body) = FILES
        .iter()
        .find(|(n, _, _)| *n == name)
        .ok_or(ApiError::NoRoute)?;
    Ok(([(header::CONTENT_TYPE, *kind)], *body).into_response())
}

/// The OpenAPI document as served: [`OPENAPI`] with the region codes the
/// filters accept filled in from the reference data the server runs with.
pub fn openapi_document(refdata: &amur_refdata::RefData) -> Result<String, serde_json::Error> {
    let mut doc: serde_json::Value = serde_json::from_str(OPENAPI)?;
    let mut codes: Vec<&str> = refdata
        .entities()
        .iter()
        .filter(|e| e.kind == amur_record::EntityType::Region)
        .filter_map(|e| e.code.as_deref())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    doc["components"]["schemas"]["RegionCode"]["enum"] = codes.into();
    serde_json::to_string(&doc)
}

/// `GET /api/openapi.json`.
pub async fn openapi(
    axum::extract::State(s): axum::extract::State<std::sync::Arc<crate::state::AppState>>,
) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        s.openapi.clone(),
    )
        .into_response()
}
