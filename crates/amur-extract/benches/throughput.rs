//! Extraction throughput, articles per second on one core, for plain text and
//! for HTML. Run with `cargo bench -p amur-extract`.
//!
//! Corpus: the repository's `examples/` (always), plus every file under the
//! folders named in `AMUR_BENCH_CORPUS` (colon-separated), e.g. the seeds and
//! the article-extraction benchmark pages in `../shared`. `AMUR_BENCH_ONLY=text`
//! or `html` measures one kind; `AMUR_BENCH_PASSES=N` runs N timed passes.
//!
//! For HTML it also times single third-party steps on the same pages: the
//! HTML parse alone and each main-text extractor alone. No pipeline that uses
//! such a step can be faster than it, so these lines are the ceilings.

use amur_clean::html::{main_text, Extractor};
use amur_extract::Pipeline;
use amur_record::Lang;
use amur_sources::{expand_inputs, read_input, Limits, PageKind, RawPage};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn corpus() -> Vec<RawPage> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut dirs = vec![root.join("examples")];
    if let Ok(extra) = std::env::var("AMUR_BENCH_CORPUS") {
        dirs.extend(
            extra
                .split(':')
                .filter(|s| !s.is_empty())
                .map(PathBuf::from),
        );
    }
    let limits = Limits::default();
    expand_inputs(&dirs)
        .into_iter()
        .flatten()
        .filter_map(|i| read_input(&i, &limits).ok())
        .flatten()
        .flatten()
        .collect()
}

fn measure(label: &str, pages: &[&RawPage], step: impl Fn(&RawPage) -> usize) {
    if pages.is_empty() {
        return;
    }
    let bytes: usize = pages.iter().map(|p| p.content.len()).sum();
    // Warm-up pass, then as many passes as fit in ~3 s.
    for p in pages {
        std::hint::black_box(step(p));
    }
    let start = Instant::now();
    let mut n = 0usize;
    let mut passes = 0usize;
    // AMUR_BENCH_PASSES fixes the number of passes (for instruction counts
    // under callgrind, where wall-clock time means nothing).
    let fixed: Option<usize> = std::env::var("AMUR_BENCH_PASSES")
        .ok()
        .and_then(|p| p.parse().ok());
    while fixed.map_or(
        start.elapsed() < Duration::from_secs(3) || passes == 0,
        |f| passes < f,
    ) {
        for p in pages {
            std::hint::black_box(step(p));
            n += 1;
        }
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{label:<16} {:>5} pages x {passes:>3} passes: {:>8.1} articles/s/core  {:>6.2} MB/s  ({:.0} KB avg)",
        pages.len(),
        n as f64 / secs,
        (bytes * passes) as f64 / secs / 1e6,
        bytes as f64 / pages.len() as f64 / 1024.0
    );
}

fn main() {
    // One core: the figure is per core.
    let pages = corpus();
    let pipeline = Pipeline::embedded().expect("embedded reference data");
    let text: Vec<&RawPage> = pages.iter().filter(|p| p.kind == PageKind::Text).collect();
    let html: Vec<&RawPage> = pages.iter().filter(|p| p.kind == PageKind::Html).collect();
    // AMUR_BENCH_ONLY=text|html measures one kind (for profiling).
    let only = std::env::var("AMUR_BENCH_ONLY").unwrap_or_default();
    let all_stages = |p: &RawPage| pipeline.extract(p).map_or(0, |r| r.text.len());
    if only != "html" {
        measure("text", &text, all_stages);
    }
    if only != "text" {
        measure("html", &html, all_stages);
    }
    // AMUR_BENCH_CEILINGS=0 skips the single-step lines.
    if only != "text" && std::env::var("AMUR_BENCH_CEILINGS").as_deref() != Ok("0") {
        measure("  parse alone", &html, |p| {
            dom_query::Document::from(p.content.as_str())
                .select("p")
                .length()
        });
        for (label, ex) in [
            ("  trafilatura", Extractor::Trafilatura),
            ("  readability", Extractor::Readability),
        ] {
            measure(label, &html, |p| main_text(&p.content, &Lang::En, ex).len());
        }
    }
}
