//! Knowledge-base commands: ingest, reindex, search, events, entity, stats,
//! curate, export. Each opens the data directory (`--data`, `AMUR_DATA`).

use super::read::{for_each_batch, pipeline};
use crate::args::{CurateCommand, EventsArgs, ExportFormat, IngestArgs, SearchArgs, TableFormat};
use crate::messages::Status;
use amur_refdata::RefData;
use amur_store::query::{EventQuery, EventRow};
use amur_store::{Filters, Store};
use anyhow::{bail, Context};
use std::io::Write;
use std::path::Path;

fn open(data: &Path) -> anyhow::Result<Store> {
    Store::open(data)
        .with_context(|| format!("cannot open the knowledge base in {}", data.display()))
}

/// Region codes of an entity from reference data (`city:harbin` → CN-HL).
pub fn region_resolver(data: &RefData) -> impl Fn(&str) -> Vec<String> + '_ {
    move |id: &str| {
        let eid = amur_record::EntityId::from(id);
        data.region_of(&eid)
            .and_then(|r| data.get(r.as_str()))
            .and_then(|r| r.code.clone())
            .into_iter()
            .collect()
    }
}

pub fn ingest(data_dir: &Path, a: IngestArgs) -> anyhow::Result<Status> {
    let mut store = open(data_dir)?;
    let pipeline = pipeline(&a.input)?;
    let refdata = pipeline.recogniser.data();
    let region_of = region_resolver(refdata);
    let mut total = amur_store::ingest::Summary::default();
    let tally = for_each_batch(&a.input, &pipeline, |batch| {
        let s = store
            .ingest_batch(&batch, &region_of)
            .context("cannot store a batch")?;
        total.new += s.new;
        total.duplicate += s.duplicate;
        total.near_duplicate += s.near_duplicate;
        total.merged_events += s.merged_events;
        Ok(())
    })?;
    store.apply_curation().context("cannot re-apply curation")?;
    store.set_meta("extractor_version", amur_extract::EXTRACTOR_VERSION)?;
    store.set_meta("refdata_hash", &refdata.hash)?;
    if !a.input.quiet {
        eprintln!(
            "amur: ingested {} new, {} duplicate ({} near-duplicate), {} failed; {} events joined reports from other articles",
            total.new, total.duplicate, total.near_duplicate, tally.failed, total.merged_events
        );
    }
    Ok(if tally.failed > 0 {
        Status::SomeFailed
    } else {
        Status::Ok
    })
}

pub fn reindex(data_dir: &Path, refdata: Option<&Path>) -> anyhow::Result<Status> {
    let mut store = open(data_dir)?;
    let data = super::refdata::load(refdata)?;
    let pipeline = amur_extract::Pipeline::new(&data);
    let region_of = region_resolver(&data);
    let n = store
        .reindex_with(&|page| pipeline.extract(page).ok(), &region_of)
        .context("reindex failed")?;
    store.set_meta("extractor_version", amur_extract::EXTRACTOR_VERSION)?;
    store.set_meta("refdata_hash", &data.hash)?;
    eprintln!("amur: re-extracted {n} articles");
    Ok(Status::Ok)
}

fn day(s: &Option<String>) -> Option<u64> {
    s.as_deref()
        .map(|d| amur_store::day_number(Some(d)))
        .filter(|d| *d > 0)
}

/// The id of an entity named in a filter (`--entity`), or an error naming it.
fn entity_filter(store: &Store, key: Option<&str>) -> anyhow::Result<Option<String>> {
    key.map(|e| {
        store
            .find_entity(e)?
            .with_context(|| format!("no entity {e}"))
    })
    .transpose()
}

pub fn search(data_dir: &Path, a: SearchArgs) -> anyhow::Result<Status> {
    let store = open(data_dir)?;
    let entity = entity_filter(&store, a.entity.as_deref())?;
    let filters = Filters {
        language: a.lang.clone(),
        entity,
        region: a.region.clone(),
        from: day(&a.from),
        to: day(&a.to),
    };
    let hits = store.search(&a.query, &filters, a.limit)?;
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| {
            vec![
                format!("{:.2}", h.score),
                h.published.clone().unwrap_or_default(),
                h.language.clone(),
                h.title.clone().unwrap_or_default(),
                h.source.clone(),
            ]
        })
        .collect();
    print_rows(
        a.format,
        &["score", "published", "language", "title", "source"],
        &rows,
        &hits,
    )?;
    Ok(if hits.is_empty() {
        Status::SomeFailed
    } else {
        Status::Ok
    })
}

pub fn events(data_dir: &Path, a: EventsArgs) -> anyhow::Result<Status> {
    let store = open(data_dir)?;
    let entity = entity_filter(&store, a.entity.as_deref())?;
    let pair = match &a.pair {
        Some(p) => {
            let Some((x, y)) = p.split_once(':') else {
                bail!("--pair takes two region codes like CN-HL:RU-AMU")
            };
            Some((x.to_string(), y.to_string()))
        }
        None => None,
    };
    let q = EventQuery {
        kind: a.kind,
        status: a.status,
        entity,
        pair,
        from: a.from,
        to: a.to,
        limit: a.limit,
    };
    let rows = store.events(&q)?;
    print_events(a.format, &store, &rows)?;
    Ok(Status::Ok)
}

fn print_events(format: TableFormat, store: &Store, rows: &[EventRow]) -> anyhow::Result<()> {
    if format == TableFormat::Json {
        let with_keys: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                let mut v = serde_json::to_value(r).unwrap_or_default();
                v["keys"] = serde_json::json!(store.event_keys(r.event_id).unwrap_or_default());
                v
            })
            .collect();
        let mut out = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, &with_keys)?;
        writeln!(out)?;
        return Ok(());
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.date.clone().unwrap_or_else(|| "?".into()),
                r.kind.clone(),
                r.status.clone(),
                r.location.clone().unwrap_or_default(),
                r.participants.join("; "),
                format!("{} ({})", r.sources, r.languages.join(",")),
            ]
        })
        .collect();
    print_rows(
        format,
        &[
            "date",
            "type",
            "status",
            "location",
            "participants",
            "sources",
        ],
        &table,
        rows,
    )
}

pub fn entity(data_dir: &Path, key: &str, format: TableFormat) -> anyhow::Result<Status> {
    let store = open(data_dir)?;
    let Some(p) = store.entity(key)? else {
        eprintln!("amur: no entity matches {key:?}");
        return Ok(Status::SomeFailed);
    };
    if format == TableFormat::Json {
        println!("{}", serde_json::to_string_pretty(&p)?);
        return Ok(Status::Ok);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} [{}] {}", p.name, p.kind, p.id)?;
    for (l, n) in &p.names {
        writeln!(out, "  name {l}: {n}")?;
    }
    writeln!(
        out,
        "  mentions by language: {}",
        p.mentions_by_language
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    writeln!(out, "  forms: {}", p.forms.join(", "))?;
    for (d, o) in &p.offices {
        writeln!(out, "  office {}: {o}", d.as_deref().unwrap_or("?"))?;
    }
    writeln!(out, "  events:")?;
    for e in &p.events {
        writeln!(
            out,
            "    {} {} {} — {}",
            e.date.as_deref().unwrap_or("?"),
            e.kind,
            e.status,
            e.participants.join("; ")
        )?;
    }
    writeln!(
        out,
        "  co-participants: {}",
        p.co_participants
            .iter()
            .map(|(n, c)| format!("{n} ({c})"))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    for (k, d, parties) in &p.agreements {
        writeln!(
            out,
            "  agreement {k} {}: {parties}",
            d.as_deref().unwrap_or("?")
        )?;
    }
    writeln!(out, "  articles:")?;
    for (d, l, t) in &p.articles {
        writeln!(
            out,
            "    {} [{l}] {}",
            d.as_deref().unwrap_or("?"),
            t.as_deref().unwrap_or("")
        )?;
    }
    Ok(Status::Ok)
}

pub fn stats(data_dir: &Path, format: TableFormat) -> anyhow::Result<Status> {
    let store = open(data_dir)?;
    let s = store.stats()?;
    if format == TableFormat::Json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(Status::Ok);
    }
    let mut out = std::io::stdout().lock();
    if format == TableFormat::Csv {
        writeln!(out, "group,key,count")?;
        for (g, m) in [
            ("language", &s.by_language),
            ("year", &s.by_year),
            ("event_type", &s.events_by_type),
            ("entity_type", &s.entities_by_type),
        ] {
            for (k, v) in m {
                writeln!(out, "{g},{k},{v}")?;
            }
        }
        for (cn, row) in &s.matrix {
            for (ru, v) in row {
                writeln!(out, "pair,{cn}:{ru},{v}")?;
            }
        }
        return Ok(Status::Ok);
    }
    writeln!(
        out,
        "articles: {} ({} near-duplicates)",
        s.documents, s.near_duplicates
    )?;
    let line = |m: &std::collections::BTreeMap<String, usize>| {
        m.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "by language: {}", line(&s.by_language))?;
    writeln!(out, "by year: {}", line(&s.by_year))?;
    writeln!(out, "events: {}", line(&s.events_by_type))?;
    writeln!(out, "entities: {}", line(&s.entities_by_type))?;
    let cols: Vec<&String> = {
        let mut c: Vec<&String> = s.matrix.values().flat_map(|r| r.keys()).collect();
        c.sort();
        c.dedup();
        c
    };
    if !cols.is_empty() {
        writeln!(
            out,
            "\nevents linking a Chinese province (rows) and a Russian region (columns):"
        )?;
        write!(out, "{:<8}", "")?;
        for c in &cols {
            write!(out, "{c:>8}")?;
        }
        writeln!(out)?;
        for (cn, row) in &s.matrix {
            write!(out, "{cn:<8}")?;
            for c in &cols {
                write!(out, "{:>8}", row.get(*c).copied().unwrap_or(0))?;
            }
            writeln!(out)?;
        }
    }
    Ok(Status::Ok)
}

pub fn curate(data_dir: &Path, c: CurateCommand) -> anyhow::Result<Status> {
    let mut store = open(data_dir)?;
    match c {
        CurateCommand::Merge { a, b } => store.curate(
            "merge",
            &resolve(&store, &a)?,
            Some(&resolve(&store, &b)?),
            None,
        )?,
        CurateCommand::Split { event } => store.curate("split", &event, None, None)?,
        CurateCommand::Rename { id, name } => {
            store.curate("rename", &resolve(&store, &id)?, None, Some(&name))?
        }
        CurateCommand::Reject { id } => {
            let id = if id.starts_with("event:") {
                id
            } else {
                resolve(&store, &id)?
            };
            store.curate("reject", &id, None, None)?
        }
        CurateCommand::List => {
            for c in store.corrections()? {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    c.id,
                    c.action,
                    c.a,
                    c.b.unwrap_or_default(),
                    c.value.unwrap_or_default()
                );
            }
        }
    }
    Ok(Status::Ok)
}

fn resolve(store: &Store, key: &str) -> anyhow::Result<String> {
    Ok(store.find_entity(key)?.unwrap_or_else(|| key.to_string()))
}

pub fn export(
    data_dir: &Path,
    format: ExportFormat,
    output: Option<&Path>,
) -> anyhow::Result<Status> {
    let store = open(data_dir)?;
    let mut sink: Box<dyn Write> = match (format, output) {
        (ExportFormat::Csv, _) | (ExportFormat::Parquet, _) => Box::new(std::io::sink()),
        (_, Some(p)) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        (_, None) => Box::new(std::io::stdout().lock()),
    };
    match format {
        ExportFormat::Jsonl => {
            let n = store.export_jsonl(&mut sink)?;
            eprintln!("amur: exported {n} records");
        }
        ExportFormat::Gexf => {
            let (n, e) = store.export_gexf(&mut sink)?;
            eprintln!("amur: exported a graph of {n} entities and {e} edges");
        }
        ExportFormat::Csv => {
            let dir = output.unwrap_or(Path::new("amur-export"));
            let files = store.export_csv(dir)?;
            eprintln!("amur: wrote {}", files.join(", "));
        }
        ExportFormat::Parquet => {
            export_parquet(&store, output.unwrap_or(Path::new("amur-export")))?
        }
    }
    sink.flush()?;
    Ok(Status::Ok)
}

#[cfg(feature = "parquet")]
fn export_parquet(store: &Store, dir: &Path) -> anyhow::Result<()> {
    let files = store.export_parquet(dir)?;
    eprintln!("amur: wrote {}", files.join(", "));
    Ok(())
}

#[cfg(not(feature = "parquet"))]
fn export_parquet(_: &Store, _: &Path) -> anyhow::Result<()> {
    bail!("this amur was built without Parquet support; rebuild with --features parquet or use --format csv")
}

/// Prints rows as an aligned table, JSON (of `items`) or CSV.
fn print_rows<T: serde::Serialize>(
    format: TableFormat,
    header: &[&str],
    rows: &[Vec<String>],
    items: &[T],
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut out, items)?;
            writeln!(out)?;
        }
        TableFormat::Csv => {
            writeln!(out, "{}", header.join(","))?;
            for r in rows {
                let cells: Vec<String> = r
                    .iter()
                    .map(|c| {
                        if c.contains([',', '"', '\n']) {
                            format!("\"{}\"", c.replace('"', "\"\""))
                        } else {
                            c.clone()
                        }
                    })
                    .collect();
                writeln!(out, "{}", cells.join(","))?;
            }
        }
        TableFormat::Table => {
            let widths: Vec<usize> = (0..header.len())
                .map(|i| {
                    rows.iter()
                        .map(|r| r[i].chars().count())
                        .chain([header[i].len()])
                        .max()
                        .unwrap_or(0)
                        .min(60)
                })
                .collect();
            let line = |cells: Vec<String>| -> String {
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| {
                        let t: String = c.chars().take(*w).collect();
                        format!("{t:<w$}")
                    })
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            };
            writeln!(
                out,
                "{}",
                line(header.iter().map(|h| h.to_string()).collect())
            )?;
            for r in rows {
                writeln!(out, "{}", line(r.clone()))?;
            }
        }
    }
    Ok(())
}
