//! `amur refdata check`: validate reference data; loading helper for other commands.

use crate::args::RefdataCommand;
use crate::messages::Status;
use amur_refdata::{Error, RefData};
use anyhow::Context;
use std::path::Path;

/// Loads reference data from a folder, or the embedded copy.
pub fn load(dir: Option<&Path>) -> anyhow::Result<RefData> {
    match dir {
        Some(d) => RefData::load(d).with_context(|| format!("reference data in {}", d.display())),
        None => RefData::embedded().context("embedded reference data"),
    }
}

pub fn run(c: RefdataCommand) -> anyhow::Result<Status> {
    let RefdataCommand::Check { refdata, warnings } = c;
    let data = match refdata.as_deref() {
        Some(d) => RefData::load(d),
        None => RefData::embedded(),
    };
    let data = match data {
        Ok(d) => d,
        Err(Error::Invalid(problems)) => {
            for p in &problems {
                eprintln!("{p}");
            }
            anyhow::bail!("{} error(s) in reference data", problems.len());
        }
        Err(e) => return Err(e.into()),
    };
    let problems = data.check();
    let warn = problems.iter().filter(|p| !p.fatal).count();
    if warnings {
        for p in problems.iter().filter(|p| !p.fatal) {
            println!("{p}");
        }
    }
    let mut counts = std::collections::BTreeMap::new();
    for e in data.entities() {
        *counts.entry(e.kind.as_str()).or_insert(0usize) += 1;
    }
    let summary: Vec<String> = counts.iter().map(|(k, v)| format!("{v} {k}")).collect();
    println!(
        "reference data {} (hash {}): {}, {} offices; 0 errors, {warn} warnings",
        data.origin,
        data.hash,
        summary.join(", "),
        data.offices().len()
    );
    Ok(Status::Ok)
}
