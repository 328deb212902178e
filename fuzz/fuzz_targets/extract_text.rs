//! Recognition and facts on arbitrary plain text (the whole pipeline after
//! cleaning), checking that every evidence offset cuts the text on a char
//! boundary.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn pipeline() -> &'static amur_extract::Pipeline {
    static P: OnceLock<amur_extract::Pipeline> = OnceLock::new();
    P.get_or_init(|| amur_extract::Pipeline::embedded().expect("embedded reference data loads"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let page = amur_sources::RawPage {
        source: "fuzz.txt".into(),
        kind: amur_sources::PageKind::Text,
        content: text.to_owned(),
        encoding: "UTF-8",
        declared: Default::default(),
    };
    if let Ok(rec) = pipeline().extract(&page) {
        // Offsets are in characters of `text`; every span must lie inside it.
        let chars = rec.text.chars().count();
        let spans = rec
            .entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
            .chain(
                rec.events
                    .iter()
                    .map(|e| (e.evidence.start, e.evidence.end)),
            )
            .chain(
                rec.agreements
                    .iter()
                    .map(|a| (a.evidence.start, a.evidence.end)),
            )
            .chain(
                rec.figures
                    .iter()
                    .map(|f| (f.evidence.start, f.evidence.end)),
            )
            .chain(
                rec.relations
                    .iter()
                    .map(|r| (r.evidence.start, r.evidence.end)),
            );
        for (start, end) in spans {
            assert!(
                start <= end && end <= chars,
                "span {start}..{end} of {chars}"
            );
        }
        assert!(serde_json::to_string(&rec).is_ok());
    }
});
