//! `amur refdata check`: validate every data file under `data/`; loading helper for other commands.

use crate::args::RefdataCommand;
use crate::messages::Status;
use amur_refdata::{Error, RefData};
use anyhow::Context;
use std::io::Write;
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
    let mut problems = data.check();
    // Surname spellings are checked by the transliterator, which owns the rules.
    problems.extend(amur_translit::surname_problems(
        data.table("lexicon/zh_surnames.tsv"),
    ));
    let errors: Vec<_> = problems.iter().filter(|p| p.fatal).collect();
    for p in &errors {
        eprintln!("{p}");
    }
    // A closed stdout (`| head`) ends the command quietly, through main.
    let mut out = std::io::stdout().lock();
    if warnings {
        for p in problems.iter().filter(|p| !p.fatal) {
            writeln!(out, "{p}")?;
        }
    }
    let warn = problems.len() - errors.len();
    writeln!(out, "data {} (hash {})", data.origin, data.hash)?;
    let mut counts = std::collections::BTreeMap::new();
    for e in data.entities() {
        *counts.entry(e.kind.as_str()).or_insert(0usize) += 1;
    }
    let summary: Vec<String> = counts.iter().map(|(k, v)| format!("{v} {k}")).collect();
    writeln!(
        out,
        "reference: {}, {} offices",
        summary.join(", "),
        data.offices().len()
    )?;
    for folder in ["lexicon", "rules"] {
        let tables: Vec<_> = data
            .tables()
            .iter()
            .filter(|t| t.file().starts_with(&format!("{folder}/")))
            .collect();
        let rows: usize = tables.iter().map(|t| t.rows().len()).sum();
        writeln!(out, "{folder}: {} files, {rows} rows", tables.len())?;
    }
    writeln!(out, "{} errors, {warn} warnings", errors.len())?;
    if !errors.is_empty() {
        anyhow::bail!("{} error(s) in data files", errors.len());
    }
    Ok(Status::Ok)
}
