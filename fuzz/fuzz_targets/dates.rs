//! Absolute and relative date parsing on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = amur_dates::parse_date(text);
    for found in amur_dates::find_dates(text) {
        assert!(found.start <= found.end && text.is_char_boundary(found.start));
        assert!(text.is_char_boundary(found.end));
    }
    let published = chrono::NaiveDate::from_ymd_opt(2024, 5, 17);
    let _ = amur_dates::date_expressions(text, published);
    let _ = amur_dates::date_expressions(text, None);
});
