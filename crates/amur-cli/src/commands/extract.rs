//! `amur extract`: records as JSON Lines (or pretty JSON) on stdout or a file.

use super::read::{for_each_record, pipeline};
use crate::args::{ExtractArgs, RecordFormat};
use crate::messages::Status;
use anyhow::Context;
use std::fs::File;
use std::io::{BufWriter, Write};

pub fn run(a: ExtractArgs) -> anyhow::Result<Status> {
    let out: Box<dyn Write> = match &a.output {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let pipeline = pipeline(&a.input)?;
    let tally = for_each_record(&a.input, &pipeline, |rec| {
        match a.format {
            RecordFormat::Jsonl => serde_json::to_writer(&mut out, &rec),
            RecordFormat::Pretty => serde_json::to_writer_pretty(&mut out, &rec),
        }
        .context("cannot write record")?;
        out.write_all(b"\n").context("cannot write record")?;
        Ok(())
    })?;
    out.flush().context("cannot write records")?;
    if tally.failed > 0 {
        if !a.input.quiet {
            eprintln!(
                "amur: extracted {}, failed {} (errors above)",
                tally.records, tally.failed
            );
        }
        return Ok(Status::SomeFailed);
    }
    Ok(Status::Ok)
}
