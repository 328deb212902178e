//! A store written by an earlier Amur (version 1: `tests/compat/v1`, the
//! repository's examples ingested by commit 730c657) opens after a writer
//! migrates it: readers are refused until then, and every view answers after.

use amur_store::query::EventQuery;
use amur_store::{Error, Filters, Store};
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_version_1_store_is_migrated_by_the_first_writer() {
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("kb");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compat/v1"),
        &kb,
    );
    match Store::open(&kb) {
        Err(Error::TooOld { found: 1, .. }) => {}
        Err(e) => panic!("expected TooOld, got {e}"),
        Ok(_) => panic!("a version 1 store opened for reading"),
    }
    drop(Store::create(&kb).unwrap());

    let s = Store::open(&kb).unwrap();
    assert_eq!(s.meta("store_version").unwrap().as_deref(), Some("3"));
    let all = s
        .events(&EventQuery {
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert!(all.total >= 5, "{}", all.total);
    // Region pairs are filled by the migration.
    let pair = s
        .events(&EventQuery {
            pair: Some(("RU-PRI".into(), "CN-HL".into())),
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert!(pair.total >= 1 && pair.total < all.total, "{}", pair.total);
    // The search index is rebuilt with the facet columns.
    let page = s
        .search_faceted("Heilongjiang", &Filters::default(), 5)
        .unwrap();
    assert!(page.total >= 1);
    assert!(!page.facets.language.is_empty() && !page.facets.region.is_empty());
    // Every fact id still opens.
    let first = &all.rows[0];
    assert!(s.show(&first.id).is_ok(), "{}", first.id);
}
