//! Time against input size: one page of plain text from 0.3 to 10 MB (and
//! 16 MB, the default `--max-size`), and HTML nested 1,000 to 100,000 deep.
//! Each doubling of the input should at most about double the time (the
//! issue's bar is 2.3×). Run with `cargo bench -p amur-extract --bench scaling`.
//!
//! The inputs are generated here: varied sentences about officials, places,
//! agreements and trade, so that every stage has work to do on every line.

use amur_extract::Pipeline;
use amur_sources::{PageKind, RawPage};
use std::time::Instant;

const PLACES: &[&str] = &[
    "Harbin",
    "Vladivostok",
    "Khabarovsk",
    "Blagoveshchensk",
    "Heihe",
    "Suifenhe",
    "Manzhouli",
    "Zabaykalsk",
    "Changchun",
    "Hunchun",
];
const REGIONS: &[&str] = &[
    "Heilongjiang Province",
    "Primorsky Krai",
    "Jilin Province",
    "Amur Oblast",
    "Khabarovsk Krai",
    "Inner Mongolia",
    "Zabaykalsky Krai",
    "Liaoning Province",
];

/// About `bytes` of plain text: a headline, then paragraphs of sentences
/// that name regions, places, days, agreements and figures.
fn text_of(bytes: usize) -> String {
    let mut out = String::from("Regional cooperation report\n\n");
    let mut i = 0usize;
    while out.len() < bytes {
        let (a, b) = (
            REGIONS[i % REGIONS.len()],
            REGIONS[(i * 3 + 1) % REGIONS.len()],
        );
        let (p, q) = (PLACES[i % PLACES.len()], PLACES[(i * 7 + 3) % PLACES.len()]);
        let day = 1 + i % 28;
        let sentence = match i % 5 {
            0 => {
                format!("The governor of {a} met a delegation from {b} in {p} on May {day}, 2024. ")
            }
            1 => format!(
                "The two sides signed an agreement on a new freight route between {p} and {q}. "
            ),
            2 => format!(
                "Trade between {a} and {b} grew by {}% to ${}.{} billion last year. ",
                i % 40,
                i % 9 + 1,
                i % 10
            ),
            3 => format!(
                "A border crossing near {p} will open in {} after the bridge is finished. ",
                2025 + i % 3
            ),
            _ => format!(
                "Officials from {q} attended the forum and discussed energy and agriculture. "
            ),
        };
        out.push_str(&sentence);
        if i % 6 == 5 {
            out.push_str("\n\n");
        }
        i += 1;
    }
    out
}

/// A page whose paragraph sits `depth` `<div>`s deep.
fn nested_html(depth: usize) -> String {
    let mut out = String::with_capacity(depth * 11 + 200);
    out.push_str("<html><head><title>Nested</title></head><body>");
    for _ in 0..depth {
        out.push_str("<div>");
    }
    out.push_str(
        "<p>The governor of Amur Oblast met officials from Heilongjiang Province in Heihe.</p>",
    );
    for _ in 0..depth {
        out.push_str("</div>");
    }
    out.push_str("</body></html>");
    out
}

fn page(kind: PageKind, content: String) -> RawPage {
    RawPage {
        source: "generated".into(),
        kind,
        content,
        encoding: "UTF-8",
        declared: Default::default(),
    }
}

/// Times one extraction; prints size, seconds, outcome and the ratio to the
/// previous (half as large) input.
fn time(label: &str, size: String, pipeline: &Pipeline, p: &RawPage, prev: &mut Option<f64>) {
    let start = Instant::now();
    let outcome = match pipeline.extract(p) {
        Ok(r) => format!("{} entities, {} events", r.entities.len(), r.events.len()),
        Err(e) => format!("refused: {e}"),
    };
    let secs = start.elapsed().as_secs_f64();
    let ratio = prev.map_or(String::new(), |p| format!("  ×{:.2}", secs / p.max(1e-6)));
    println!("{label:<5} {size:>10}  {secs:>7.3} s{ratio:<8}  {outcome}");
    *prev = Some(secs);
}

fn main() {
    let pipeline = Pipeline::embedded().expect("embedded reference data");
    // Warm the lazily built matchers so the first size is not charged for them.
    let _ = pipeline.extract(&page(PageKind::Text, text_of(2_000)));
    let mut prev = None;
    for kb in [300usize, 600, 1_200, 2_500, 5_000, 10_000] {
        let p = page(PageKind::Text, text_of(kb * 1000));
        time(
            "text",
            format!("{:.1} MB", kb as f64 / 1000.0),
            &pipeline,
            &p,
            &mut prev,
        );
    }
    let mut none = None;
    let p = page(PageKind::Text, text_of(16 * 1024 * 1024));
    time("text", "16 MiB".into(), &pipeline, &p, &mut none);
    let mut prev = None;
    for depth in [
        1_000usize, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 100_000,
    ] {
        let p = page(PageKind::Html, nested_html(depth));
        time("html", format!("{depth} deep"), &pipeline, &p, &mut prev);
    }
    // The same page under the CLI's default budget (`--input-timeout 5`):
    // finished or refused, the batch has its answer within the budget.
    let start = Instant::now();
    let outcome = match pipeline.extract_within(&p, std::time::Duration::from_secs(5)) {
        Ok(_) => "finished".to_string(),
        Err(e) => format!("refused: {e}"),
    };
    println!(
        "text  16 MiB, 5 s budget  {:>7.3} s  {outcome}",
        start.elapsed().as_secs_f64()
    );
}
