//! The error type of the sources stage: every variant names what failed.

/// Why a file or a record in it could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Gzip data is corrupt or truncated.
    #[error("{path}: broken gzip data ({source})")]
    Gzip {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The content is not text (an image, an archive, an executable…).
    #[error("{path}: binary file{}, not a text or HTML page", what.map(|w| format!(" ({w})")).unwrap_or_default())]
    Binary {
        /// The file.
        path: String,
        /// The kind of binary, when its signature is known.
        what: Option<&'static str>,
    },
    /// The file is empty or only whitespace.
    #[error("{path}: empty file")]
    Empty {
        /// The file.
        path: String,
    },
    /// A page is larger than the limit.
    #[error("{path}: page too large ({size} bytes > limit {limit}; raise --max-size to read it)")]
    TooLarge {
        /// The file.
        path: String,
        /// Bytes read so far (at least).
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The bytes are not valid in any supported encoding.
    #[error("{path}: cannot decode text ({reason})")]
    Encoding {
        /// The file.
        path: String,
        /// What was wrong.
        reason: String,
    },
    /// A JSON Lines record is not a JSON object with text or html.
    #[error("{path}:{line}: {reason}")]
    Json {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        reason: String,
    },
    /// A WARC record is malformed.
    #[error("{path}: bad WARC record ({reason})")]
    Warc {
        /// The file.
        path: String,
        /// What was wrong.
        reason: String,
    },
}

/// Result of the sources stage.
pub type Result<T> = std::result::Result<T, Error>;
