//! `amur bench-store`: a scale benchmark of the knowledge base on a synthetic
//! corpus — ingest throughput, search and event-query latency, size on disk.
//!
//! Articles are generated from the reference data (real regions, towns and
//! officials, in the article's language) and a pool of neutral sentences, so
//! their size and density of names resemble real news (2–4 KB).

use crate::messages::Status;
use amur_extract::Pipeline;
use amur_record::{EntityType, EventType};
use amur_sources::{PageKind, RawPage};
use amur_store::query::EventQuery;
use amur_store::Filters;
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

/// A small deterministic random generator (xorshift), so runs are repeatable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
}

const FILLER_EN: &[&str] = &[
    "The sides noted the steady growth of cross-border cargo traffic over the past months.",
    "Officials agreed to simplify customs procedures for agricultural products.",
    "Participants discussed joint projects in logistics, tourism and education.",
    "Both regions plan to expand student exchanges and cultural festivals next year.",
    "Business representatives presented proposals on processing soybeans and timber.",
];
const FILLER_RU: &[&str] = &[
    "Стороны отметили устойчивый рост грузопотока через пункты пропуска за последние месяцы.",
    "Участники обсудили совместные проекты в сфере логистики, туризма и образования.",
    "Представители бизнеса представили предложения по переработке сои и древесины.",
    "Регионы планируют расширить студенческие обмены и культурные фестивали.",
    "Было решено упростить таможенные процедуры для сельскохозяйственной продукции.",
];
const FILLER_ZH: &[&str] = &[
    "双方表示，近几个月来跨境货运量持续增长。",
    "与会人员就物流、旅游和教育领域的合作项目进行了讨论。",
    "企业代表就大豆和木材加工提出了合作建议。",
    "两地计划明年扩大学生交流和文化节活动。",
    "双方同意简化农产品通关手续。",
];

fn article(
    rng: &mut Rng,
    i: usize,
    places: &[(String, String, String)],
    people: &[(String, String, String)],
) -> RawPage {
    let lang = i % 3;
    let (a, b) = (rng.pick(places), rng.pick(places));
    let p = rng.pick(people);
    let (y, m, d) = (
        2019 + rng.next() % 7,
        1 + rng.next() % 12,
        1 + rng.next() % 28,
    );
    let value = 1 + rng.next() % 90;
    let pct = rng.next() % 40;
    let mut s = match lang {
        0 => format!(
            "{} and {} discuss cooperation (report {i})\n{y}-{m:02}-{d:02} 10:00\n\n{} met a delegation from {} in {} on {y}-{m:02}-{d:02}. \
             The sides signed an agreement on trade and logistics. Trade between the regions reached {value} million US dollars in {}, up {pct}%.",
            a.0, b.0, p.0, a.0, b.0, y - 1
        ),
        1 => format!(
            "{} и {}: переговоры (выпуск {i})\n{d:02}.{m:02}.{y}\n\n{} встретился с делегацией {} {d} числа в городе {}. \
             Стороны подписали соглашение о сотрудничестве. Товарооборот составил {value} млн долларов, увеличившись на {pct}%.",
            a.1, b.1, p.1, a.1, b.1
        ),
        _ => format!(
            "{}与{}举行会谈（第{i}期）\n{y}年{m}月{d}日\n\n{m}月{d}日，{}在{}会见了{}代表团。双方签署了合作协议。贸易额达{value}亿元，同比增长{pct}%。",
            a.2, b.2, p.2, b.2, a.2
        ),
    };
    let filler = [FILLER_EN, FILLER_RU, FILLER_ZH][lang];
    let target = 2000 + (rng.next() % 2000) as usize;
    while s.len() < target {
        s.push_str("\n\n");
        let line: &&str = rng.pick(filler);
        s.push_str(line);
    }
    RawPage {
        source: format!("synthetic/{i:07}.txt"),
        kind: PageKind::Text,
        content: s,
        encoding: "UTF-8",
        declared: Default::default(),
    }
}

fn percentile(xs: &mut [f64], p: f64) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs.get(((xs.len() as f64 - 1.0) * p).round() as usize)
        .copied()
        .unwrap_or(0.0)
}

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() {
                        dir_size(&path)
                    } else {
                        e.metadata().map(|m| m.len()).unwrap_or(0)
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

pub fn run(data_dir: &Path, articles: usize) -> anyhow::Result<Status> {
    let _ = std::fs::remove_dir_all(data_dir);
    let pipeline = Pipeline::embedded()?;
    let data = pipeline.recogniser.data();
    let names = |kinds: &[EntityType]| -> Vec<(String, String, String)> {
        data.entities()
            .iter()
            .filter(|e| {
                kinds.contains(&e.kind)
                    && e.names.en.is_some()
                    && e.names.ru.is_some()
                    && e.names.zh.is_some()
            })
            .filter(|e| {
                e.code
                    .as_deref()
                    .is_none_or(|c| c.starts_with("CN-") || c.starts_with("RU-"))
            })
            .map(|e| {
                (
                    e.names.en.clone().unwrap_or_default(),
                    e.names.ru.clone().unwrap_or_default(),
                    e.names.zh.clone().unwrap_or_default(),
                )
            })
            .collect()
    };
    let places = names(&[EntityType::Region, EntityType::City]);
    let people = names(&[EntityType::Person]);
    let mut store = super::store::open_writer(data_dir, false)?;
    let mut out = std::io::stdout().lock();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let start = Instant::now();
    // As `amur ingest` does: batch k + 1 is extracted while batch k is stored.
    let pipeline = &pipeline;
    let (mut stored, mut storing) = (0, 0.0);
    super::read::overlapped(
        move |send| {
            let mut done = 0;
            while done < articles {
                let n = 512.min(articles - done);
                let pages: Vec<RawPage> = (done..done + n)
                    .map(|i| article(&mut rng, i, &places, &people))
                    .collect();
                // A synthetic article that fails to extract is counted below.
                let batch: Vec<(RawPage, amur_record::Record)> = pages
                    .into_par_iter()
                    .filter_map(|p| pipeline.extract(&p).ok().map(|r| (p, r)))
                    .collect();
                // As `amur ingest` does: signatures made here, in parallel.
                let signed = super::store::sign_batch(&batch);
                if !send((batch, signed)) {
                    break;
                }
                done += n;
            }
        },
        |(batch, signed)| {
            let t = Instant::now();
            stored += batch.len();
            store.ingest_signed(&batch, &signed?, data)?;
            storing += t.elapsed().as_secs_f64();
            Ok(())
        },
    )?;
    let secs = start.elapsed().as_secs_f64();
    writeln!(
        out,
        "extracted {stored} of {articles}; storing took {storing:.1} s of {secs:.1} s"
    )?;
    writeln!(
        out,
        "ingest: {articles} articles in {secs:.1} s = {:.0} articles/s ({} threads)",
        articles as f64 / secs,
        rayon::current_num_threads()
    )?;
    let size = dir_size(data_dir);
    writeln!(
        out,
        "store size: {:.1} MB = {:.2} MB per 1,000 articles",
        size as f64 / 1e6,
        size as f64 / 1e6 / (articles as f64 / 1000.0)
    )?;
    let queries = [
        "delegation",
        "Приморский край",
        "соглашение",
        "黑龙江",
        "trade logistics",
        "Хабаровск",
        "合作协议",
        "agreement",
    ];
    let mut lat = Vec::new();
    for i in 0..200 {
        let q = queries[i % queries.len()];
        let t = Instant::now();
        let _ = store.search(q, &Filters::default(), 20)?;
        lat.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    writeln!(
        out,
        "search: p50 {:.1} ms, p95 {:.1} ms (200 queries, top 20)",
        percentile(&mut lat.clone(), 0.5),
        percentile(&mut lat, 0.95)
    )?;
    let pairs = [
        ("CN-HL", "RU-PRI"),
        ("CN-JL", "RU-KHA"),
        ("CN-LN", "RU-AMU"),
        ("CN-NM", "RU-ZAB"),
    ];
    let mut lat = Vec::new();
    for i in 0..200 {
        let (a, b) = pairs[i % pairs.len()];
        let q = EventQuery {
            kind: Some([EventType::Meeting, EventType::Signing, EventType::Visit][i % 3]),
            pair: Some((a.to_string(), b.to_string())),
            from: Some("2021-01-01".into()),
            limit: 50,
            ..Default::default()
        };
        let t = Instant::now();
        let _ = store.events(&q)?;
        lat.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    writeln!(
        out,
        "events: p50 {:.1} ms, p95 {:.1} ms (200 queries: type + region pair + date, top 50)",
        percentile(&mut lat.clone(), 0.5),
        percentile(&mut lat, 0.95)
    )?;
    let s = store.stats()?;
    writeln!(
        out,
        "stored: {} articles, {} near-duplicates, events {:?}",
        s.documents, s.near_duplicates, s.events_by_type
    )?;
    Ok(Status::Ok)
}
