//! Helpers shared by the store's unit tests.

use crate::query::EventQuery;
use crate::Store;
use amur_record::Record;
use amur_sources::RawPage;

/// No reference data: an entity's regions are only its own code.
pub fn no_regions(_: &str) -> Vec<String> {
    Vec::new()
}

/// A new store in a temporary folder holding `items`.
pub fn stored(items: &[(RawPage, Record)]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::create(dir.path()).unwrap();
    s.ingest_batch(items, &no_regions).unwrap();
    (dir, s)
}

/// How many events match `q` (one page of `limit` asked for).
pub fn event_total(s: &Store, limit: usize, q: EventQuery) -> usize {
    s.events(&EventQuery { limit, ..q }).unwrap().total
}
