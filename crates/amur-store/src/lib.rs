//! Store: the knowledge base — one data directory with SQLite as the system of
//! record and a tantivy full-text index beside it.
//!
//! Place in the pipeline: records → **[`Store`]** → queries (search, events,
//! entity profiles, stats), curation, exports.
//!
//! - [`ingest`]: idempotent, transactional batches (content hash = doc id),
//!   near-duplicate links (MinHash), cross-article events (one event, several
//!   sources), the index updated after each committed batch.
//! - [`query`]: the read side shared by the CLI (and later the HTTP API):
//!   search, events, agreements, figures, profiles, `show`, statistics.
//! - [`filters`]: validation of every filter value (typed errors, the
//!   accepted values in the message).
//! - [`curate`]: an analyst's corrections, stored apart and re-applied after
//!   every ingest and reindex.
//! - [`export`]: JSON Lines, CSV and GEXF.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let store = amur_store::Store::create(dir.path()).unwrap();
//! assert_eq!(store.stats().unwrap().documents, 0);
//! ```
#![warn(missing_docs)]

pub mod curate;
pub mod export;
pub mod filters;
pub mod ingest;
pub mod minhash;
pub mod query;
pub mod schema;
pub mod search;
#[cfg(test)]
mod testing;

use rusqlite::config::DbConfig;
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

pub use ingest::region_resolver;
pub use query::Stats;
pub use search::{FacetCount, Facets, Filters};

/// Prepared statements kept per connection (ingest and the queries use
/// about 25 between them; the default keeps 16).
const STATEMENT_CACHE: usize = 64;
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
    /// The store was written by an older Amur and must be upgraded by a writer.
    #[error("store version {found} is older than this Amur (version {supported}); run `amur reindex` to upgrade it")]
    TooOld {
        /// Version in the store.
        found: u32,
        /// Version this build writes.
        supported: u32,
    },
    /// There is no store in the data directory (only `ingest` creates one).
    #[error(
        "no knowledge base in {path} (run `amur ingest PATH...` to create one, or pass --data DIR)"
    )]
    Missing {
        /// The data directory.
        path: String,
    },
    /// Another process is writing to the store.
    #[error("another amur is writing to {path}; try again when it has finished")]
    Busy {
        /// The data directory.
        path: String,
    },
    /// A filter or argument value is not one the store understands.
    #[error("invalid {what} {value:?}: expected {accepted}")]
    Invalid {
        /// Which flag or argument.
        what: &'static str,
        /// The value given.
        value: String,
        /// The accepted values or shape.
        accepted: String,
    },
    /// A query could not be parsed.
    #[error("bad query {query:?}: {reason}")]
    BadQuery {
        /// The query.
        query: String,
        /// Why.
        reason: String,
    },
    /// A request named something the store does not have.
    #[error("no {what} {key:?}{}", suggestion.as_ref().map(|s| format!("; did you mean {s}?")).unwrap_or_default())]
    NotFound {
        /// What was looked for (entity, event, correction, …).
        what: &'static str,
        /// The key given.
        key: String,
        /// The closest known key.
        suggestion: Option<String>,
    },
    /// A curation action cannot be applied.
    #[error("{0}")]
    Refused(String),
    /// An export writer failed.
    #[error("export: {0}")]
    Export(String),
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
    // Held while this process writes; released on drop.
    _lock: Option<std::fs::File>,
    kept: std::sync::Mutex<Kept>,
}

/// What a reader keeps while the database is unchanged: totals of listings
/// already counted ("240 events"; counting every match is the one part of a
/// page of results that grows with the store) and entity names (every page
/// of events or facts names its participants).
#[derive(Default)]
struct Kept {
    /// SQLite's data version and this connection's change count when filled.
    version: (i64, u64),
    /// Count query and its arguments → total.
    totals: std::collections::HashMap<String, usize>,
    /// Entity id → canonical name.
    names: std::collections::HashMap<String, String>,
}

/// Bytes of the database a connection maps into memory (SQLite caps it at its
/// compile-time limit, 2 GB by default); beyond it pages are read as usual.
const MMAP_BYTES: i64 = 1 << 31;
/// Pages the write-ahead log may hold before a writer copies it into the
/// database (8,192 pages of 4 KB; SQLite's default is 1,000).
const WAL_CHECKPOINT_PAGES: i64 = 8192;

/// Totals kept per connection before that cache starts afresh.
const COUNTS_KEPT: usize = 4096;
/// Entity names kept per connection before that cache starts afresh.
const NAMES_KEPT: usize = 65_536;

/// How a writer waits for another writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Block until the other writer finishes; `on_wait` is called once first.
    Block,
    /// Fail at once with [`Error::Busy`].
    Fail,
}

fn io_err(path: &Path, e: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source: e,
    }
}

impl Store {
    /// SQLite's data version with this connection's own change count: equal
    /// values mean nothing was written in between, by anyone.
    fn version(&self) -> Result<(i64, u64)> {
        let v: i64 = self
            .conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        Ok((v, self.conn.total_changes()))
    }

    /// What is kept for `version`, emptied first if the database changed.
    fn kept(&self, version: (i64, u64)) -> std::sync::MutexGuard<'_, Kept> {
        let mut k = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if k.version != version {
            k.version = version;
            k.totals.clear();
            k.names.clear();
        }
        k
    }

    /// `SELECT COUNT(*) FROM ({sql})` with `args`, answered from the cache
    /// when the database has not changed since it was last counted.
    pub(crate) fn count_of(&self, sql: &str, args: &[String]) -> Result<usize> {
        let version = self.version()?;
        let key = format!("{sql}\u{1f}{}", args.join("\u{1f}"));
        {
            let mut k = self.kept(version);
            if k.totals.len() > COUNTS_KEPT {
                k.totals.clear();
            }
            if let Some(&n) = k.totals.get(&key) {
                return Ok(n);
            }
        }
        let n: i64 = self
            .conn
            .prepare_cached(&format!("SELECT COUNT(*) FROM ({sql})"))?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        let n = n as usize;
        // Kept only if nothing was written meanwhile (the guard is not reset).
        let mut k = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if k.version == version {
            k.totals.insert(key, n);
        }
        Ok(n)
    }

    /// The canonical names of entity ids (those the store has), answered
    /// from the kept names where the database has not changed.
    pub(crate) fn names_of(
        &self,
        ids: &[&String],
    ) -> Result<std::collections::HashMap<String, String>> {
        let version = self.version()?;
        let mut out = std::collections::HashMap::with_capacity(ids.len());
        let mut missing: Vec<&String> = Vec::new();
        {
            let k = self.kept(version);
            for &id in ids {
                match k.names.get(id) {
                    Some(n) => {
                        out.insert(id.clone(), n.clone());
                    }
                    None => missing.push(id),
                }
            }
        }
        if missing.is_empty() {
            return Ok(out);
        }
        let mut found: Vec<(String, String)> = Vec::new();
        let none = String::new();
        for group in missing.chunks(512) {
            // Padded to a few list lengths so the statements stay cached.
            let (marks, padded) = query::padded_list(group, &none);
            let sql = format!("SELECT id, name FROM entities WHERE id IN ({marks})");
            found.extend(query::pairs::<String, String, _>(
                &self.conn, &sql, &padded,
            )?);
        }
        let mut k = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        let keep = k.version == version;
        if keep && k.names.len() + found.len() > NAMES_KEPT {
            k.names.clear();
        }
        for (id, name) in found {
            if keep {
                k.names.insert(id.clone(), name.clone());
            }
            out.insert(id, name);
        }
        Ok(out)
    }

    /// Opens an existing store for reading; a missing store is an error
    /// ([`Error::Missing`]). Never writes, so it never waits for a writer.
    pub fn open(dir: &Path) -> Result<Self> {
        let db = dir.join("amur.sqlite");
        if !db.is_file() {
            return Err(Error::Missing {
                path: dir.display().to_string(),
            });
        }
        let conn = Connection::open_with_flags(
            &db,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // One plan per statement: without the stability guarantee SQLite
        // re-prepares a statement whenever `LIMIT ?` or a range bound is
        // rebound, which undoes the statement cache.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        // Readers map the database instead of copying pages into a private
        // cache: a server's many handles share the operating system's pages,
        // so a fresh handle is warm at once.
        conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        match check_version(&conn)? {
            Some(v) if v < schema::STORE_VERSION => {
                return Err(Error::TooOld {
                    found: v,
                    supported: schema::STORE_VERSION,
                })
            }
            None => {
                return Err(Error::Missing {
                    path: dir.display().to_string(),
                })
            }
            _ => {}
        }
        let index = search::SearchIndex::open(&dir.join("index"))?;
        Ok(Store {
            conn,
            index,
            dir: dir.to_path_buf(),
            _lock: None,
            kept: Default::default(),
        })
    }

    /// Opens (or creates) the store in `dir` for writing. One writer at a
    /// time: with [`Wait::Block`], `on_wait` is called once and the call
    /// waits for the other writer; with [`Wait::Fail`] it returns
    /// [`Error::Busy`]. Repairs an index left behind by an interrupted ingest.
    pub fn open_writer(dir: &Path, wait: Wait, on_wait: &mut dyn FnMut()) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
        let lock_path = dir.join("writer.lock");
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| io_err(&lock_path, e))?;
        match fs4::fs_std::FileExt::try_lock_exclusive(&lock) {
            Ok(true) => {}
            Ok(false) => {
                if wait == Wait::Fail {
                    return Err(Error::Busy {
                        path: dir.display().to_string(),
                    });
                }
                on_wait();
                fs4::fs_std::FileExt::lock_exclusive(&lock).map_err(|e| io_err(&lock_path, e))?;
            }
            Err(e) => return Err(io_err(&lock_path, e)),
        }
        let conn = Connection::open(dir.join("amur.sqlite"))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // Ingest runs a few dozen distinct statements per article; the default
        // cache of 16 would evict and re-prepare them all the time.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // One plan per statement: without the stability guarantee SQLite
        // re-prepares a statement whenever `LIMIT ?` or a range bound is
        // rebound, which undoes the statement cache.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // 64 MB of page cache: ingest reads indexes it has just written.
        conn.pragma_update(None, "cache_size", -65536)?;
        // Pages it only reads are mapped rather than copied, as readers do.
        conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        // Copy the WAL into the database every 32 MB instead of every 4 MB:
        // an ingest rewrites the same index pages batch after batch, and each
        // checkpoint copied them again (a tenth of storing time at 100k).
        conn.pragma_update(None, "wal_autocheckpoint", WAL_CHECKPOINT_PAGES)?;
        conn.execute_batch(schema::SCHEMA)?;
        let old = check_version(&conn)?;
        schema::migrate(&conn, old)?;
        conn.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES('store_version', ?1), ('record_schema', ?2)",
            params![schema::STORE_VERSION.to_string(), amur_record::SCHEMA_VERSION.to_string()],
        )?;
        let index = search::SearchIndex::open(&dir.join("index"))?;
        let index = if index.current() {
            index
        } else {
            // An index of an older layout (no facet columns): emptied here,
            // refilled from the records by `repair_index` below.
            drop(index);
            conn.execute("UPDATE documents SET indexed=0", [])?;
            search::SearchIndex::rebuild(&dir.join("index"))?
        };
        let mut store = Store {
            conn,
            index,
            dir: dir.to_path_buf(),
            _lock: Some(lock),
            kept: Default::default(),
        };
        if old.is_some_and(|v| v < 3) {
            // Version 3 hashes MinHash shingles with a fixed function and
            // keeps the region pairs of events.
            store.resign_minhash()?;
            let tx = store.conn.transaction()?;
            ingest::refresh_event_regions(&tx, None)?;
            tx.commit()?;
        }
        if old.is_some_and(|v| v < 2) {
            // Fill the new columns, and re-index (Chinese is now folded).
            store.rebuild_from_records(None)?;
            store.conn.execute("UPDATE documents SET indexed=0", [])?;
            let w = store.index.writer()?;
            store.index.clear(&w)?;
            store.index.commit(w)?;
        }
        store.repair_index()?;
        Ok(store)
    }

    /// Creates (or opens) a store for writing without waiting: for tests and tools.
    pub fn create(dir: &Path) -> Result<Self> {
        Self::open_writer(dir, Wait::Fail, &mut || {})
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

/// The store version recorded in `meta` (None for a new store); refuses newer ones.
fn check_version(conn: &Connection) -> Result<Option<u32>> {
    let has_meta: bool = conn.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='meta'",
        [],
        |r| r.get::<_, i64>(0).map(|n| n > 0),
    )?;
    if !has_meta {
        return Ok(None);
    }
    let found: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key='store_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let v = found.and_then(|v| v.parse::<u32>().ok());
    match v {
        Some(v) if v > schema::STORE_VERSION => Err(Error::TooNew {
            found: v,
            supported: schema::STORE_VERSION,
        }),
        _ => Ok(v),
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
