//! Format sniffing, decoding, gzip, WARC and JSON Lines on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = amur_sources::Limits {
        max_page_bytes: 1 << 20,
        lossy: data.first().is_some_and(|b| b & 1 == 1),
    };
    // The name steers sniffing by extension; try the containers the CLI reads.
    for name in [
        "page",
        "page.html",
        "a.jsonl",
        "a.warc",
        "a.warc.gz",
        "a.txt",
    ] {
        if let Ok(pages) = amur_sources::read_bytes(name, data, &limits) {
            for page in pages.into_iter().flatten() {
                assert!(page.content.len() <= limits.max_page_bytes);
            }
        }
    }
});
