//! The reading half shared by commands that take articles: expand inputs, read
//! and extract them in parallel, hand back records in input order.

use crate::args::{ExtractorArg, InputArgs};
use crate::messages;
use amur_extract::Pipeline;
use amur_record::Record;
use amur_sources::{expand_inputs, read_input, Input, Limits, RawPage};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;

/// Inputs processed per parallel chunk; output stays in input order.
const CHUNK: usize = 256;

/// Counts of a batch.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    /// Records produced.
    pub records: usize,
    /// Inputs or records that failed.
    pub failed: usize,
}

/// The pipeline configured from flags.
pub fn pipeline(a: &InputArgs) -> anyhow::Result<Pipeline> {
    let data = super::refdata::load(a.refdata.as_deref())?;
    let mut p = Pipeline::new(&data);
    p.cleaner.extractor = match a.extractor {
        ExtractorArg::Auto => amur_clean::Extractor::Auto,
        ExtractorArg::Trafilatura => amur_clean::Extractor::Trafilatura,
        ExtractorArg::Readability => amur_clean::Extractor::Readability,
    };
    if let Some(t) = a.today {
        p.cleaner.today = t;
    }
    Ok(p)
}

/// Reads every input, calling `sink` with each record in input order.
/// Failures are reported on stderr and counted.
pub fn for_each_record(
    a: &InputArgs,
    pipeline: &Pipeline,
    mut sink: impl FnMut(Record) -> anyhow::Result<()>,
) -> anyhow::Result<Tally> {
    for_each_batch(
        a,
        pipeline,
        |_| (),
        |batch, ()| {
            for (_, rec) in batch {
                sink(rec)?;
            }
            Ok(())
        },
    )
}

/// Reads every input in parallel chunks, calling `sink` once per chunk with
/// its pages and records in input order (the unit of an ingest transaction)
/// and what `prepare` made of them on the reading thread.
pub fn for_each_batch<P: Send>(
    a: &InputArgs,
    pipeline: &Pipeline,
    prepare: impl Fn(&[(RawPage, Record)]) -> P + Send,
    mut sink: impl FnMut(Vec<(RawPage, Record)>, P) -> anyhow::Result<()>,
) -> anyhow::Result<Tally> {
    if let Some(n) = a.jobs {
        // Ignored if a pool already exists (a second command in one process).
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let limits = Limits {
        max_page_bytes: a.max_size,
        lossy: a.lossy,
    };
    // A budget that is not a positive number of seconds means none.
    let budget = (a.input_timeout.is_finite() && a.input_timeout > 0.0)
        .then(|| std::time::Duration::from_secs_f64(a.input_timeout));
    let inputs = expand_inputs(&a.paths);
    let bar = progress(inputs.len());
    // Chunk k + 1 is read and extracted while `sink` stores or prints chunk
    // k: the sink (one SQLite writer) no longer leaves the cores idle.
    let progress = bar.clone();
    let tally = overlapped(
        move |send| {
            let mut tally = Tally::default();
            for chunk in inputs.chunks(CHUNK) {
                let results: Vec<Vec<Result<(RawPage, Record), String>>> = chunk
                    .par_iter()
                    .map(|input| process(input, &limits, pipeline, budget))
                    .collect();
                let mut batch = Vec::new();
                for per_input in results {
                    progress.inc(1);
                    for r in per_input {
                        match r {
                            Ok(pair) => {
                                tally.records += 1;
                                batch.push(pair);
                            }
                            Err(msg) => {
                                tally.failed += 1;
                                progress.suspend(|| messages::input_error(a.quiet, &msg));
                            }
                        }
                    }
                }
                let prepared = prepare(&batch);
                if !send((batch, prepared)) {
                    break;
                }
            }
            tally
        },
        |(batch, prepared)| sink(batch, prepared),
    )?;
    bar.finish_and_clear();
    Ok(tally)
}

/// Runs `produce` on a thread of its own and hands each batch it sends to
/// `consume` on this one, one batch ahead: the next batch is made while this
/// one is consumed. When `consume` fails, `send` returns false so `produce`
/// stops, and the failure is the answer; otherwise `produce`'s result is.
pub fn overlapped<B: Send, T: Send>(
    produce: impl FnOnce(&dyn Fn(B) -> bool) -> T + Send,
    mut consume: impl FnMut(B) -> anyhow::Result<()>,
) -> anyhow::Result<T> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<B>(1);
    std::thread::scope(|scope| {
        let producer = scope.spawn(move || produce(&|batch| tx.send(batch).is_ok()));
        let mut consumed = Ok(());
        for batch in rx.iter() {
            if let Err(e) = consume(batch) {
                consumed = Err(e);
                break;
            }
        }
        // Dropped before the join: a producer blocked on a full channel
        // sees it closed and ends.
        drop(rx);
        let made = producer
            .join()
            .map_err(|_| anyhow::anyhow!("the reading thread panicked"))?;
        consumed.map(|()| made)
    })
}

fn process(
    input: &amur_sources::Result<Input>,
    limits: &Limits,
    pipeline: &Pipeline,
    budget: Option<std::time::Duration>,
) -> Vec<Result<(RawPage, Record), String>> {
    let input = match input {
        Ok(i) => i,
        Err(e) => return vec![Err(e.to_string())],
    };
    let pages = match read_input(input, limits) {
        Ok(p) => p,
        Err(e) => return vec![Err(e.to_string())],
    };
    pages
        .into_iter()
        .map(|page| {
            let page = page.map_err(|e| e.to_string())?;
            // A bug on one page, or a page over its time budget, must not take
            // the batch down: it becomes that page's error line and the run
            // goes on (exit status 1).
            let rec = match budget {
                Some(budget) => pipeline.extract_within(&page, budget),
                None => pipeline.extract_caught(&page),
            }
            .map_err(|e| e.to_string())?;
            Ok((page, rec))
        })
        .collect()
}

fn progress(n: usize) -> ProgressBar {
    if n <= 3 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(n as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {bar:40} {pos}/{len} files {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}
