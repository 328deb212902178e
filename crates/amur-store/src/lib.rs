//! Store: the knowledge base — one data directory with SQLite as the system of
//! record and a tantivy full-text index beside it.
//!
//! Place in the pipeline: records → **[`Store`]** → queries (search, events,
//! entity profiles, stats), curation, exports.
//!
//! - [`ingest`]: idempotent, transactional batches (content hash = doc id),
//!   near-duplicate links (MinHash), cross-article events (one event, several
//!   sources), the index updated after each committed batch.
//! - [`query`]: the read side shared by the CLI (and later the HTTP API).
//! - [`curate`]: an analyst's corrections, stored apart and re-applied after
//!   every ingest and reindex.
//! - [`export`]: JSON Lines, CSV and GEXF.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let store = amur_store::Store::open(dir.path()).unwrap();
//! assert_eq!(store.stats().unwrap().documents, 0);
//! ```
#![warn(missing_docs)]

pub mod curate;
pub mod export;
pub mod ingest;
pub mod minhash;
pub mod query;
pub mod schema;
pub mod search;

use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

pub use query::Stats;
pub use search::Filters;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be used.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// SQLite failed.
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    /// The full-text index failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// A stored record could not be read.
    #[error("stored record: {0}")]
    Json(#[from] serde_json::Error),
    /// The store was written by a newer Amur.
    #[error("store version {found} is newer than this Amur (version {supported}); upgrade Amur")]
    TooNew {
        /// Version in the store.
        found: u32,
        /// Version this build writes.
        supported: u32,
    },
    /// A request named something the store does not have.
    #[error("{0}")]
    NotFound(String),
}

impl From<tantivy::query::QueryParserError> for Error {
    fn from(e: tantivy::query::QueryParserError) -> Self {
        Error::NotFound(format!("bad query: {e}"))
    }
}

/// Result of store operations.
pub type Result<T> = std::result::Result<T, Error>;

/// An open data directory.
pub struct Store {
    /// The SQLite connection.
    pub conn: Connection,
    /// The full-text index.
    pub index: search::SearchIndex,
    dir: PathBuf,
}

impl Store {
    /// Opens (or creates) the store in `dir`; repairs an index left behind by
    /// an interrupted ingest.
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| Error::Io {
            path: dir.display().to_string(),
            source: e,
        })?;
        let conn = Connection::open(dir.join("amur.sqlite"))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // 64 MB of page cache: ingest reads indexes it has just written.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.execute_batch(schema::SCHEMA)?;
        let found: Option<String> = conn
            .query_row(
                "SELECT value FROM meta WHERE key='store_version'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        match found.and_then(|v| v.parse::<u32>().ok()) {
            Some(v) if v > schema::STORE_VERSION => {
                return Err(Error::TooNew {
                    found: v,
                    supported: schema::STORE_VERSION,
                })
            }
            _ => {
                conn.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES('store_version', ?1), ('record_schema', ?2)",
                    params![schema::STORE_VERSION.to_string(), amur_record::SCHEMA_VERSION.to_string()],
                )?;
            }
        }
        let index = search::SearchIndex::open(&dir.join("index"))?;
        let store = Store {
            conn,
            index,
            dir: dir.to_path_buf(),
        };
        store.repair_index()?;
        Ok(store)
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A meta value.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key=?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Sets a meta value.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)",
            params![key, value],
        )?;
        Ok(())
    }
}

/// `yyyymmdd` of an ISO date (0 when unknown; month or year precision → first day).
pub fn day_number(iso: Option<&str>) -> u64 {
    let Some(s) = iso else { return 0 };
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).take(8).collect();
    match digits.len() {
        8 => digits.parse().unwrap_or(0),
        6 => format!("{digits}01").parse().unwrap_or(0),
        4 => format!("{digits}0101").parse().unwrap_or(0),
        _ => 0,
    }
}

/// First and last day (ISO) an ISO day, month, year or `A/B` interval covers.
pub fn day_span(s: &str) -> Option<(String, String)> {
    if let Some((a, b)) = s.split_once('/') {
        return Some((day_span(a)?.0, day_span(b)?.1));
    }
    let parts: Vec<&str> = s.split('-').collect();
    let y: i32 = parts.first()?.parse().ok()?;
    match parts.len() {
        1 => Some((format!("{y:04}-01-01"), format!("{y:04}-12-31"))),
        2 => {
            let m: u32 = parts[1].parse().ok()?;
            let last = [
                31,
                if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) {
                    29
                } else {
                    28
                },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ]
            .get(m.checked_sub(1)? as usize)
            .copied()?;
            Some((
                format!("{y:04}-{m:02}-01"),
                format!("{y:04}-{m:02}-{last:02}"),
            ))
        }
        _ => Some((s.to_string(), s.to_string())),
    }
}
