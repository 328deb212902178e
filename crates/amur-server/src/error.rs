//! Every failure of a request becomes one JSON answer here: `{"error": "…"}`
//! with a status that says whose fault it was (400 bad input, 401/403 auth,
//! 404 unknown id, 409 another writer or a refused correction, 413 too large,
//! 500 the server's own).

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The store refused or failed.
    #[error(transparent)]
    Store(#[from] amur_store::Error),
    /// A query parameter or body could not be read.
    #[error("{0}")]
    BadRequest(String),
    /// No valid bearer token.
    #[error("this action needs `Authorization: Bearer TOKEN` with the server's token")]
    Unauthorized,
    /// The server was started without a token: writes are off.
    #[error("the server is read-only: start it with --token or AMUR_TOKEN to allow writes")]
    ReadOnly,
    /// The request body is over the limit.
    #[error("request body too large (limit {0} bytes)")]
    TooLarge(usize),
    /// Nothing at this path.
    #[error("no such endpoint")]
    NoRoute,
    /// A background task failed (a bug, or a panic in a store call).
    #[error("internal error: {0}")]
    Internal(String),
}

/// Result of a handler.
pub type ApiResult<T> = std::result::Result<T, ApiError>;

impl ApiError {
    /// The HTTP status for this error.
    pub fn status(&self) -> StatusCode {
        use amur_store::Error as S;
        match self {
            ApiError::Store(e) => match e {
                S::Invalid { .. } | S::BadQuery { .. } => StatusCode::BAD_REQUEST,
                S::NotFound { .. } => StatusCode::NOT_FOUND,
                S::Busy { .. } | S::Refused(_) => StatusCode::CONFLICT,
                S::Missing { .. } => StatusCode::SERVICE_UNAVAILABLE,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            },
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::ReadOnly => StatusCode::FORBIDDEN,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::NoRoute => StatusCode::NOT_FOUND,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = crate::api::safe_json(&serde_json::json!({ "error": self.to_string() }))
            .unwrap_or_else(|_| b"{\"error\": \"internal error\"}".to_vec());
        let mut resp = (status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
        if status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        resp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_map_to_statuses() {
        let nf = ApiError::from(amur_store::Error::NotFound {
            what: "entity",
            key: "x".into(),
            suggestion: None,
        });
        assert_eq!(nf.status(), StatusCode::NOT_FOUND);
        let busy = ApiError::from(amur_store::Error::Busy { path: "d".into() });
        assert_eq!(busy.status(), StatusCode::CONFLICT);
        let bad = ApiError::from(amur_store::Error::Invalid {
            what: "--type",
            value: "x".into(),
            accepted: "meeting".into(),
        });
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        assert_eq!(ApiError::Unauthorized.status(), StatusCode::UNAUTHORIZED);
    }
}
