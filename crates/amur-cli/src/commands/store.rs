//! Knowledge-base commands: ingest, reindex, search, events, agreements,
//! figures, show, entity, stats, curate, export. Each parses its flags, calls
//! one `amur-store` function and prints the answer; the store does the work.

use super::read::{for_each_batch, pipeline};
use crate::args::{
    CurateCommand, EventsArgs, ExportFormat, FactArgs, IngestArgs, SearchArgs, TableFormat,
};
use crate::messages::Status;
use crate::output::{csv_field, marked, print_rows, truncation_notice};
use amur_record::Record;
use amur_sources::RawPage;
use amur_store::filters::{self, End};
use amur_store::ingest::Signed;
use amur_store::query::{EventQuery, EventRow, FactQuery, Shown};
use amur_store::{Filters, Store, Wait};
use anyhow::{bail, Context};
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;

/// Opens the store for reading; a missing store is an error.
fn open(data: &Path) -> anyhow::Result<Store> {
    Ok(Store::open(data)?)
}

/// Opens (or creates) the store for writing, waiting for another writer
/// unless `--no-wait`.
pub fn open_writer(data: &Path, no_wait: bool) -> anyhow::Result<Store> {
    let wait = if no_wait { Wait::Fail } else { Wait::Block };
    let store = Store::open_writer(data, wait, &mut || {
        eprintln!(
            "amur: another amur is writing to {}; waiting for it to finish (--no-wait to fail instead)",
            data.display()
        )
    })
    .with_context(|| format!("cannot open the knowledge base in {}", data.display()))?;
    Ok(store)
}

/// Each article's signature and record JSON, made in parallel on the reading
/// thread so that the single writer only writes.
pub fn sign_batch(batch: &[(RawPage, Record)]) -> amur_store::Result<Vec<Signed>> {
    batch.par_iter().map(|(_, rec)| Signed::of(rec)).collect()
}

pub fn ingest(data_dir: &Path, no_wait: bool, a: IngestArgs) -> anyhow::Result<Status> {
    let mut store = open_writer(data_dir, no_wait)?;
    let pipeline = pipeline(&a.input)?;
    let refdata = pipeline.recogniser.data();
    let mut total = amur_store::ingest::Summary::default();
    let tally = for_each_batch(&a.input, &pipeline, sign_batch, |batch, signed| {
        let signed = signed.context("cannot store a batch")?;
        let s = store
            .ingest_signed(&batch, &signed, refdata)
            .context("cannot store a batch")?;
        total.new += s.new;
        total.duplicate += s.duplicate;
        total.near_duplicate += s.near_duplicate;
        total.merged_events += s.merged_events;
        Ok(())
    })?;
    store
        .finish_ingest(refdata, amur_extract::EXTRACTOR_VERSION)
        .context("cannot finish the ingest")?;
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

pub fn reindex(data_dir: &Path, no_wait: bool, refdata: Option<&Path>) -> anyhow::Result<Status> {
    // Only ingest creates a store. An older store is upgraded here, so only
    // a missing one is refused.
    if let Err(e @ amur_store::Error::Missing { .. }) = Store::open(data_dir) {
        return Err(e.into());
    }
    let mut store = open_writer(data_dir, no_wait)?;
    let data = super::refdata::load(refdata)?;
    let pipeline = amur_extract::Pipeline::new(&data);
    let sum = store
        .reindex(&data, amur_extract::EXTRACTOR_VERSION, &|page| {
            pipeline.extract(page).map_err(|e| e.to_string())
        })
        .context("reindex failed")?;
    for (doc, source, reason) in &sum.failed {
        eprintln!("amur: {source} ({doc}): no longer extracts, previous record kept: {reason}");
    }
    eprintln!(
        "amur: re-extracted {} articles, {} kept as they were (errors above)",
        sum.reextracted,
        sum.failed.len()
    );
    Ok(if sum.failed.is_empty() {
        Status::Ok
    } else {
        Status::SomeFailed
    })
}

/// The embedded reference data (region codes, terms of office).
fn refdata() -> anyhow::Result<amur_refdata::RefData> {
    super::refdata::load(None)
}

fn date(what: &'static str, v: &Option<String>, end: End) -> anyhow::Result<Option<String>> {
    Ok(v.as_deref()
        .map(|d| filters::date(what, d, end))
        .transpose()?)
}

pub fn search(data_dir: &Path, a: SearchArgs) -> anyhow::Result<Status> {
    let from = date("--from", &a.from, End::First)?;
    let to = date("--to", &a.to, End::Last)?;
    let language = a.lang.as_deref().map(filters::language).transpose()?;
    let region = match &a.region {
        Some(r) => Some(filters::region(r, &refdata()?)?),
        None => None,
    };
    let store = open(data_dir)?;
    let entity = a
        .entity
        .as_deref()
        .map(|e| store.resolve_entity(e))
        .transpose()?;
    let day = |d: Option<String>| d.map(|d| amur_store::day_number(Some(&d)));
    let filters = Filters {
        language,
        entity,
        region,
        from: day(from),
        to: day(to),
        ..Default::default()
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
                h.doc_id.clone(),
            ]
        })
        .collect();
    print_rows(
        a.format,
        &["score", "published", "language", "title", "source", "id"],
        &rows,
        &hits,
    )?;
    if hits.len() >= a.limit.max(1) {
        eprintln!(
            "amur: the {} best matches shown; use --limit for more",
            hits.len()
        );
    }
    Ok(if hits.is_empty() {
        Status::SomeFailed
    } else {
        Status::Ok
    })
}

pub fn events(data_dir: &Path, a: EventsArgs) -> anyhow::Result<Status> {
    let kind = a.kind.as_deref().map(filters::event_type).transpose()?;
    let status = a.status.as_deref().map(filters::status).transpose()?;
    let from = date("--from", &a.from, End::First)?;
    let to = date("--to", &a.to, End::Last)?;
    let (region, pair) = if a.region.is_some() || a.pair.is_some() {
        let r = refdata()?;
        (
            a.region
                .as_deref()
                .map(|x| filters::region(x, &r))
                .transpose()?,
            a.pair
                .as_deref()
                .map(|x| filters::pair(x, &r))
                .transpose()?,
        )
    } else {
        (None, None)
    };
    let store = open(data_dir)?;
    let entity = a
        .entity
        .as_deref()
        .map(|e| store.resolve_entity(e))
        .transpose()?;
    let q = EventQuery {
        kind,
        status,
        entity,
        region,
        pair,
        from,
        to,
        limit: a.limit,
    };
    let list = store.events(&q)?;
    print_events(a.format, &list.rows)?;
    truncation_notice(list.rows.len(), list.total);
    Ok(Status::Ok)
}

fn first_source(r: &EventRow) -> String {
    r.sources
        .first()
        .map(|s| s.source.clone())
        .unwrap_or_default()
}

fn print_events(format: TableFormat, rows: &[EventRow]) -> anyhow::Result<()> {
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.date.clone().unwrap_or_default(),
                r.kind.clone(),
                r.status.clone(),
                r.location.clone().unwrap_or_default(),
                r.participants.join("; "),
                format!("{} ({})", r.sources.len(), r.languages.join(",")),
                first_source(r),
            ]
        })
        .collect();
    print_rows(
        format,
        &[
            "id",
            "date",
            "type",
            "status",
            "location",
            "participants",
            "sources",
            "source",
        ],
        &table,
        rows,
    )
}

fn fact_query(store: &Store, a: &FactArgs, figures: bool) -> anyhow::Result<FactQuery> {
    let kind = match &a.kind {
        Some(k) if figures => Some(filters::figure_kind(k)?.as_str().to_string()),
        Some(k) => Some(filters::agreement_kind(k)?.as_str().to_string()),
        None => None,
    };
    if a.flow.is_some() && !figures {
        bail!("--flow applies to figures only");
    }
    let flow = a
        .flow
        .as_deref()
        .map(|f| filters::flow(f).map(|f| f.as_str().to_string()))
        .transpose()?;
    let (region, pair) = if a.region.is_some() || a.pair.is_some() {
        let r = refdata()?;
        (
            a.region
                .as_deref()
                .map(|x| filters::region(x, &r))
                .transpose()?,
            a.pair
                .as_deref()
                .map(|x| filters::pair(x, &r))
                .transpose()?,
        )
    } else {
        (None, None)
    };
    Ok(FactQuery {
        kind,
        flow,
        entity: a
            .entity
            .as_deref()
            .map(|e| store.resolve_entity(e))
            .transpose()?,
        region,
        pair,
        from: date("--from", &a.from, End::First)?,
        to: date("--to", &a.to, End::Last)?,
        limit: a.limit,
    })
}

pub fn agreements(data_dir: &Path, a: FactArgs) -> anyhow::Result<Status> {
    // Validate flag values before touching the store.
    let _ = date("--from", &a.from, End::First)?;
    let _ = date("--to", &a.to, End::Last)?;
    let store = open(data_dir)?;
    let q = fact_query(&store, &a, false)?;
    let list = store.agreements(&q)?;
    let rows: Vec<Vec<String>> = list
        .rows
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.date.clone().unwrap_or_default(),
                r.kind.clone(),
                r.sector.clone().unwrap_or_default(),
                r.parties.join("; "),
                r.source.source.clone(),
                r.source.evidence.clone(),
            ]
        })
        .collect();
    print_rows(
        a.format,
        &[
            "id", "date", "kind", "sector", "parties", "source", "evidence",
        ],
        &rows,
        &list.rows,
    )?;
    truncation_notice(list.rows.len(), list.total);
    Ok(Status::Ok)
}

pub fn figures(data_dir: &Path, a: FactArgs) -> anyhow::Result<Status> {
    let _ = date("--from", &a.from, End::First)?;
    let _ = date("--to", &a.to, End::Last)?;
    let store = open(data_dir)?;
    let q = fact_query(&store, &a, true)?;
    let list = store.figures(&q)?;
    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> = list
        .rows
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.period.clone().unwrap_or_default(),
                r.kind.clone(),
                r.flow.clone().unwrap_or_default(),
                num(r.value),
                r.unit.clone().unwrap_or_default(),
                num(r.change_pct),
                if r.target {
                    "yes".into()
                } else {
                    String::new()
                },
                r.reporter.clone().unwrap_or_default(),
                r.partner.clone().unwrap_or_default(),
                r.source.source.clone(),
                r.source.evidence.clone(),
            ]
        })
        .collect();
    print_rows(
        a.format,
        &[
            "id",
            "period",
            "kind",
            "flow",
            "value",
            "unit",
            "change_pct",
            "target",
            "reporter",
            "partner",
            "source",
            "evidence",
        ],
        &rows,
        &list.rows,
    )?;
    truncation_notice(list.rows.len(), list.total);
    Ok(Status::Ok)
}

pub fn show(data_dir: &Path, id: &str, format: TableFormat) -> anyhow::Result<Status> {
    let store = open(data_dir)?;
    let shown = store.show(id)?;
    let mut out = std::io::stdout().lock();
    if format == TableFormat::Json {
        serde_json::to_writer_pretty(&mut out, &shown)?;
        writeln!(out)?;
        return Ok(Status::Ok);
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut passages = Vec::new();
    let mut sources = Vec::new();
    match &shown {
        Shown::Article { article, text, .. } => {
            fields.push(("id".into(), article.doc_id.clone()));
            fields.push(("source".into(), article.source.clone()));
            fields.push(("title".into(), article.title.clone().unwrap_or_default()));
            fields.push((
                "published".into(),
                article.published.clone().unwrap_or_default(),
            ));
            fields.push(("language".into(), article.language.clone()));
            passages.push(text.clone());
        }
        Shown::Event {
            event: e,
            passages: p,
        } => {
            fields.push(("id".into(), e.id.clone()));
            fields.push(("type".into(), e.kind.clone()));
            fields.push(("status".into(), e.status.clone()));
            fields.push(("date".into(), e.date.clone().unwrap_or_default()));
            fields.push(("location".into(), e.location.clone().unwrap_or_default()));
            fields.push(("participants".into(), e.participants.join("; ")));
            sources.extend(e.sources.iter().cloned());
            passages.extend(p.iter().cloned());
        }
        Shown::Agreement {
            agreement: a,
            passages: p,
        } => {
            fields.push(("id".into(), a.id.clone()));
            fields.push(("kind".into(), a.kind.clone()));
            fields.push(("sector".into(), a.sector.clone().unwrap_or_default()));
            fields.push(("date".into(), a.date.clone().unwrap_or_default()));
            fields.push(("parties".into(), a.parties.join("; ")));
            sources.push(a.source.clone());
            passages.extend(p.iter().cloned());
        }
        Shown::Figure {
            figure: f,
            passages: p,
        } => {
            let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
            fields.push(("id".into(), f.id.clone()));
            fields.push(("kind".into(), f.kind.clone()));
            fields.push(("flow".into(), f.flow.clone().unwrap_or_default()));
            fields.push(("value".into(), num(f.value)));
            fields.push(("unit".into(), f.unit.clone().unwrap_or_default()));
            fields.push(("change_pct".into(), num(f.change_pct)));
            fields.push(("period".into(), f.period.clone().unwrap_or_default()));
            fields.push(("reporter".into(), f.reporter.clone().unwrap_or_default()));
            fields.push(("partner".into(), f.partner.clone().unwrap_or_default()));
            sources.push(f.source.clone());
            passages.extend(p.iter().cloned());
        }
    }
    if format == TableFormat::Csv {
        writeln!(out, "field,value")?;
        for (k, v) in &fields {
            writeln!(out, "{},{}", csv_field(k), csv_field(v))?;
        }
        for s in &sources {
            writeln!(out, "source,{}", csv_field(&s.source))?;
            writeln!(out, "evidence,{}", csv_field(&s.evidence))?;
        }
        return Ok(Status::Ok);
    }
    for (k, v) in &fields {
        writeln!(out, "{k:<13}{v}")?;
    }
    for (i, p) in passages.iter().enumerate() {
        writeln!(out)?;
        if let Some(s) = sources.get(i) {
            writeln!(
                out,
                "[{}] {} {} ({}, {})",
                i + 1,
                s.published.as_deref().unwrap_or(""),
                s.title.as_deref().unwrap_or(""),
                s.source,
                s.key
            )?;
        }
        writeln!(out, "{}", marked(&p.text, &p.spans))?;
    }
    out.flush()?;
    Ok(Status::Ok)
}

pub fn entity(data_dir: &Path, key: &str, format: TableFormat) -> anyhow::Result<Status> {
    let store = open(data_dir)?;
    let data = refdata()?;
    let p = store.entity(key, Some(&data))?;
    let mut out = std::io::stdout().lock();
    match format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &p)?;
            writeln!(out)?;
        }
        TableFormat::Csv => {
            // One row per fact about the entity: section, date, what, source.
            writeln!(out, "section,date,value,id,source")?;
            let mut row =
                |sec: &str, d: &str, v: &str, id: &str, src: &str| -> std::io::Result<()> {
                    writeln!(
                        out,
                        "{},{},{},{},{}",
                        sec,
                        csv_field(d),
                        csv_field(v),
                        csv_field(id),
                        csv_field(src)
                    )
                };
            row("entity", "", &p.name, &p.id, "")?;
            for (l, n) in &p.names {
                row(&format!("name_{l}"), "", n, &p.id, "")?;
            }
            for t in &p.terms {
                row(
                    "term",
                    &format!(
                        "{}/{}",
                        t.from.as_deref().unwrap_or(""),
                        t.to.as_deref().unwrap_or("")
                    ),
                    &format!("{}, {}", t.title, t.of),
                    "",
                    "",
                )?;
            }
            for e in &p.events {
                row(
                    "event",
                    e.date.as_deref().unwrap_or(""),
                    &format!("{} {}: {}", e.kind, e.status, e.participants.join("; ")),
                    &e.id,
                    &first_source(e),
                )?;
            }
            for a in &p.agreements {
                row(
                    "agreement",
                    a.date.as_deref().unwrap_or(""),
                    &format!("{}: {}", a.kind, a.parties.join("; ")),
                    &a.id,
                    &a.source.source,
                )?;
            }
            for a in &p.articles {
                row(
                    "article",
                    a.published.as_deref().unwrap_or(""),
                    a.title.as_deref().unwrap_or(""),
                    &a.doc_id,
                    &a.source,
                )?;
            }
        }
        TableFormat::Table => {
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
            for t in &p.terms {
                writeln!(
                    out,
                    "  office {}–{}: {}, {}",
                    t.from.as_deref().unwrap_or("?"),
                    t.to.as_deref().unwrap_or("now"),
                    t.title,
                    t.of
                )?;
            }
            for (d, o) in &p.offices {
                writeln!(
                    out,
                    "  office as reported {}: {o}",
                    d.as_deref().unwrap_or("(undated)")
                )?;
            }
            writeln!(out, "  events:")?;
            for e in &p.events {
                writeln!(
                    out,
                    "    {} {} {} {} — {} ({})",
                    e.id,
                    e.date.as_deref().unwrap_or("(undated)"),
                    e.kind,
                    e.status,
                    e.participants.join("; "),
                    first_source(e)
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
            for a in &p.agreements {
                writeln!(
                    out,
                    "  agreement {} {} {}: {} ({})",
                    a.id,
                    a.kind,
                    a.date.as_deref().unwrap_or("(undated)"),
                    a.parties.join("; "),
                    a.source.source
                )?;
            }
            writeln!(out, "  articles:")?;
            for a in &p.articles {
                writeln!(
                    out,
                    "    {} [{}] {} — {} ({})",
                    a.published.as_deref().unwrap_or("(undated)"),
                    a.language,
                    a.title.as_deref().unwrap_or(""),
                    a.source,
                    a.doc_id
                )?;
            }
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}

pub fn stats(data_dir: &Path, format: TableFormat) -> anyhow::Result<Status> {
    let store = open(data_dir)?;
    let s = store.stats()?;
    let mut out = std::io::stdout().lock();
    if format == TableFormat::Json {
        serde_json::to_writer_pretty(&mut out, &s)?;
        writeln!(out)?;
        return Ok(Status::Ok);
    }
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
    out.flush()?;
    Ok(Status::Ok)
}

pub fn curate(data_dir: &Path, no_wait: bool, c: CurateCommand) -> anyhow::Result<Status> {
    if let CurateCommand::List { format } = c {
        let store = open(data_dir)?;
        let list = store.corrections()?;
        if list.is_empty() {
            eprintln!("amur: no corrections recorded");
        }
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|c| {
                vec![
                    c.id.to_string(),
                    c.action.clone(),
                    c.a.clone(),
                    c.b.clone().unwrap_or_default(),
                    c.value.clone().unwrap_or_default(),
                ]
            })
            .collect();
        print_rows(format, &["n", "action", "a", "b", "value"], &rows, &list)?;
        return Ok(Status::Ok);
    }
    // Refuse a missing store before creating one.
    if let Err(e @ amur_store::Error::Missing { .. }) = Store::open(data_dir) {
        return Err(e.into());
    }
    let mut store = open_writer(data_dir, no_wait)?;
    let summary = match c {
        CurateCommand::Merge { a, b } => store.curate_merge(&a, &b)?,
        CurateCommand::Split { event } => store.curate_split(&event)?,
        CurateCommand::Rename { id, name } => store.curate_rename(&id, &name)?,
        CurateCommand::Reject { id } => store.curate_reject(&id)?,
        CurateCommand::Undo { n } => {
            let data = refdata()?;
            let region_of = amur_store::region_resolver(&data);
            let undone = store.curate_undo(n, &region_of)?;
            println_safe(&format!(
                "undid correction {}: {} {}{}",
                undone.id,
                undone.action,
                undone.a,
                undone.b.map(|b| format!(" {b}")).unwrap_or_default()
            ))?;
            return Ok(Status::Ok);
        }
        CurateCommand::List { .. } => unreachable!("handled above"),
    };
    println_safe(&format!(
        "correction {}: {}",
        summary.correction, summary.summary
    ))?;
    Ok(Status::Ok)
}

fn println_safe(s: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{s}")?;
    out.flush()?;
    Ok(())
}

pub fn export(
    data_dir: &Path,
    format: ExportFormat,
    output: Option<&Path>,
) -> anyhow::Result<Status> {
    let multi = matches!(format, ExportFormat::Csv | ExportFormat::Parquet);
    if multi && output.is_none() {
        bail!("--format csv and parquet write one file per table: give a folder with --output DIR");
    }
    let store = open(data_dir)?;
    match (format, output) {
        (ExportFormat::Csv, Some(dir)) => {
            let files = store.export_csv(dir)?;
            eprintln!("amur: wrote {}", files.join(", "));
        }
        (ExportFormat::Parquet, Some(dir)) => export_parquet(&store, dir)?,
        _ => {
            let mut sink: Box<dyn Write> = match output {
                Some(p) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(p)
                        .with_context(|| format!("cannot create {}", p.display()))?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            if format == ExportFormat::Jsonl {
                let n = store.export_jsonl(&mut sink)?;
                sink.flush()?;
                eprintln!("amur: exported {n} records");
            } else {
                let (n, e) = store.export_gexf(&mut sink)?;
                sink.flush()?;
                eprintln!("amur: exported a graph of {n} entities and {e} edges");
            }
        }
    }
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
