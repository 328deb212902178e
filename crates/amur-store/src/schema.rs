//! The SQLite schema: the system of record. `STORE_VERSION` is stored in
//! `meta`; a store from a newer version is refused, an older one migrated by
//! a writer (readers ask for a writer to run first).

use rusqlite::Connection;

/// Version of the store layout (2: facts carry their index in the record,
/// `idx`; 3: MinHash signatures from a fixed hash function, region pairs of
/// events in `event_pairs`).
pub const STORE_VERSION: u32 = 3;

/// Tables and indexes, created if missing.
pub const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages(
  doc_id TEXT PRIMARY KEY, source TEXT NOT NULL, kind TEXT NOT NULL, content TEXT NOT NULL,
  declared TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
  doc_id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, published TEXT, language TEXT NOT NULL,
  outlet TEXT, record TEXT NOT NULL, minhash BLOB, near_dup_of TEXT, indexed INTEGER NOT NULL DEFAULT 0,
  ingested_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities(
  id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, code TEXT,
  name_en TEXT, name_ru TEXT, name_zh TEXT, regions TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS mentions(
  doc_id TEXT NOT NULL, entity_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  text TEXT NOT NULL, office TEXT);
CREATE TABLE IF NOT EXISTS events(
  event_id INTEGER PRIMARY KEY, type TEXT NOT NULL, mode TEXT, status TEXT NOT NULL, date TEXT,
  date_start TEXT, date_end TEXT, location TEXT, reported TEXT);
CREATE TABLE IF NOT EXISTS event_sources(
  event_id INTEGER NOT NULL, doc_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  evidence TEXT NOT NULL, idx INTEGER NOT NULL DEFAULT -1);
CREATE TABLE IF NOT EXISTS event_participants(
  event_id INTEGER NOT NULL, entity_id TEXT NOT NULL, role TEXT NOT NULL,
  PRIMARY KEY(event_id, entity_id));
CREATE TABLE IF NOT EXISTS agreements(
  doc_id TEXT NOT NULL, kind TEXT NOT NULL, sector TEXT, date TEXT, parties TEXT NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL, idx INTEGER NOT NULL DEFAULT -1);
CREATE TABLE IF NOT EXISTS figures(
  doc_id TEXT NOT NULL, kind TEXT NOT NULL, flow TEXT, value REAL, unit TEXT, change_pct REAL,
  period TEXT, target INTEGER NOT NULL, reporter TEXT, partner TEXT, start INTEGER NOT NULL,
  end INTEGER NOT NULL, idx INTEGER NOT NULL DEFAULT -1);
CREATE TABLE IF NOT EXISTS relations(
  doc_id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, a TEXT NOT NULL, b TEXT NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS event_regions(event_id INTEGER NOT NULL, region TEXT NOT NULL, type TEXT, date_start TEXT, PRIMARY KEY(region, event_id));
CREATE TABLE IF NOT EXISTS event_pairs(a TEXT NOT NULL, b TEXT NOT NULL, event_id INTEGER NOT NULL, type TEXT, date_start TEXT, PRIMARY KEY(a, b, event_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS minhash_bands(band INTEGER NOT NULL, key INTEGER NOT NULL, doc_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS curation(
  id INTEGER PRIMARY KEY, action TEXT NOT NULL, a TEXT NOT NULL, b TEXT, value TEXT,
  created TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS minhash_key ON minhash_bands(band, key);
CREATE INDEX IF NOT EXISTS event_regions_event ON event_regions(event_id);
CREATE INDEX IF NOT EXISTS event_pairs_event ON event_pairs(event_id);
CREATE INDEX IF NOT EXISTS event_pairs_order ON event_pairs(a, b, type, date_start, event_id);
CREATE INDEX IF NOT EXISTS documents_unindexed ON documents(indexed) WHERE indexed=0;
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE INDEX IF NOT EXISTS participants_entity ON event_participants(entity_id);
CREATE INDEX IF NOT EXISTS events_date ON events(date_start);
CREATE INDEX IF NOT EXISTS events_type ON events(type, date_start);
-- Matching a new report against the events of its type within a month reads
-- this index alone (5x faster at 100k articles than reading each event row).
CREATE INDEX IF NOT EXISTS events_match ON events(type, status, date_start, date_end);
CREATE INDEX IF NOT EXISTS sources_doc ON event_sources(doc_id);
CREATE INDEX IF NOT EXISTS sources_event ON event_sources(event_id);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
CREATE INDEX IF NOT EXISTS agreements_doc ON agreements(doc_id);
CREATE INDEX IF NOT EXISTS figures_doc ON figures(doc_id);
CREATE INDEX IF NOT EXISTS relations_doc ON relations(doc_id);
"#;

/// Brings a store of version `from` to [`STORE_VERSION`] (columns and
/// indexes; the caller rebuilds the extracted tables so new columns are filled).
pub fn migrate(conn: &Connection, from: Option<u32>) -> rusqlite::Result<()> {
    if from.is_some_and(|v| v < 2) {
        for (t, col, decl) in [
            ("event_sources", "idx", "INTEGER NOT NULL DEFAULT -1"),
            ("agreements", "idx", "INTEGER NOT NULL DEFAULT -1"),
            ("figures", "idx", "INTEGER NOT NULL DEFAULT -1"),
            ("events", "reported", "TEXT"),
        ] {
            let has: i64 = conn.query_row(
                &format!("SELECT COUNT(*) FROM pragma_table_info('{t}') WHERE name='{col}'"),
                [],
                |r| r.get(0),
            )?;
            if has == 0 {
                conn.execute_batch(&format!("ALTER TABLE {t} ADD COLUMN {col} {decl}"))?;
            }
        }
    }
    if from.is_some_and(|v| v < 3) {
        for col in ["type", "date_start"] {
            let has: i64 = conn.query_row(
                &format!(
                    "SELECT COUNT(*) FROM pragma_table_info('event_regions') WHERE name='{col}'"
                ),
                [],
                |r| r.get(0),
            )?;
            if has == 0 {
                conn.execute_batch(&format!("ALTER TABLE event_regions ADD COLUMN {col} TEXT"))?;
            }
        }
    }
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS event_regions_order ON event_regions(region, type, date_start, event_id)",
    )?;
    // Undated events by the day they were first reported: how a dated report
    // finds them without scanning every undated event.
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS events_undated ON events(type, reported) WHERE date_start IS NULL",
    )
}
