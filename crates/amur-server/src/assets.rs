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

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
