//! HTML cleaning (depth check, main text, metadata) on arbitrary markup.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = amur_sources::RawPage {
        source: "fuzz.html".into(),
        kind: amur_sources::PageKind::Html,
        content: String::from_utf8_lossy(data).into_owned(),
        encoding: "UTF-8",
        declared: Default::default(),
    };
    let cleaner = amur_clean::Cleaner {
        extractor: Default::default(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap_or_default(),
    };
    let _ = cleaner.clean(&page);
});
