//! The knowledge base: ingest, cross-article events, profiles, curation that
//! survives reindex, exports that parse back, and an interrupted ingest.

use crate::util::*;
use std::path::Path;

fn ingest(dir: &Path, data: &Path, paths: &[&str]) -> std::process::Output {
    let mut args = vec!["--data", data.to_str().unwrap(), "ingest", "-q"];
    args.extend(paths);
    amur(dir, &args)
}

fn json(dir: &Path, data: &Path, args: &[&str]) -> serde_json::Value {
    let mut a = vec!["--data", data.to_str().unwrap()];
    a.extend(args);
    a.extend(["--format", "json"]);
    let out = amur(dir, &a);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn ingest_is_idempotent_and_merges_reports_across_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("kb");
    let ex = examples();
    let out = ingest(&ex, &data, &["."]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stats = json(&ex, &data, &["stats"]);
    let n = stats["documents"].as_u64().unwrap();
    assert!(n >= 7);
    // The same articles again are stored once.
    let out = ingest(&ex, &data, &["."]);
    assert!(out.status.success());
    eqnice!(
        n,
        json(&ex, &data, &["stats"])["documents"].as_u64().unwrap(),
        "documents after a second ingest"
    );

    // The Primorye–Heilongjiang talks, reported in English and in Russian, are one meeting.
    let events = json(
        &ex,
        &data,
        &[
            "events",
            "--type",
            "meeting",
            "--entity",
            "Oleg Kozhemyako",
            "--from",
            "2024-06-13",
            "--to",
            "2024-06-13",
        ],
    );
    let meeting = events
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["sources"].as_array().map(Vec::len) == Some(2))
        .unwrap_or_else(|| panic!("{events:#}"));
    eqnice!(
        serde_json::json!(["en", "ru"]),
        meeting["languages"],
        "sources in two languages"
    );
    // Region pairs select it too.
    let pair = json(&ex, &data, &["events", "--pair", "CN-HL:RU-PRI"]);
    assert!(!pair.as_array().unwrap().is_empty());
    // The region's events drive that query: still a subset of all events, in
    // date order.
    let all = json(&ex, &data, &["events", "--limit", "1000"]);
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let every = ids(&all);
    assert!(ids(&pair).iter().all(|i| every.contains(i)), "{pair:#}");
    let dates: Vec<String> = pair
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["date"].as_str().map(str::to_string))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);

    // An entity profile gathers mentions from all three languages.
    let p = json(&ex, &data, &["entity", "Кожемяко"]);
    eqnice!("person:oleg-kozhemyako", p["id"], "found by a Russian name");
    for l in ["en", "ru", "zh"] {
        assert!(
            p["mentions_by_language"][l].as_u64().unwrap_or(0) > 0,
            "{l}: {p:#}"
        );
    }
    assert!(!p["events"].as_array().unwrap().is_empty());

    // Full-text search through Russian inflection and in Chinese.
    let hits = json(&ex, &data, &["search", "Приморский край"]);
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|h| h["language"] == "ru"),
        "{hits:#}"
    );
    let hits = json(&ex, &data, &["search", "符拉迪沃斯托克", "--lang", "zh"]);
    assert!(!hits.as_array().unwrap().is_empty());
}

#[test]
fn curation_survives_reindex_and_exports_parse() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("kb");
    let ex = examples();
    assert!(ingest(&ex, &data, &["."]).status.success());
    let d = data.to_str().unwrap();
    assert!(amur(
        &ex,
        &[
            "--data",
            d,
            "curate",
            "rename",
            "city:harbin",
            "Harbin (Haerbin)"
        ]
    )
    .status
    .success());
    assert!(amur(
        &ex,
        &[
            "--data",
            d,
            "curate",
            "merge",
            "region:RU-PRI",
            "city:vladivostok"
        ]
    )
    .status
    .success());
    let out = amur(&ex, &["--data", d, "reindex"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let p = json(&ex, &data, &["entity", "city:harbin"]);
    eqnice!("Harbin (Haerbin)", p["name"], "rename after reindex");
    let out = amur(&ex, &["--data", d, "entity", "city:vladivostok"]);
    eqnice!(
        Some(2),
        out.status.code(),
        "merged entity is gone after reindex"
    );
    let list = amur(&ex, &["--data", d, "curate", "list"]);
    // A header and the two corrections.
    assert_eq!(String::from_utf8_lossy(&list.stdout).lines().count(), 3);

    // CSV with headers.
    let csv_dir = tmp.path().join("csv");
    assert!(amur(
        &ex,
        &[
            "--data",
            d,
            "export",
            "--format",
            "csv",
            "--output",
            csv_dir.to_str().unwrap()
        ]
    )
    .status
    .success());
    let events = std::fs::read_to_string(csv_dir.join("events.csv")).unwrap();
    assert!(
        events.starts_with("id,event_id,type,status,mode,date,location,participants,sources\n"),
        "{events}"
    );
    assert!(events.lines().count() > 1);
    for t in [
        "documents",
        "entities",
        "event_sources",
        "agreements",
        "figures",
        "relations",
    ] {
        assert!(csv_dir.join(format!("{t}.csv")).exists(), "{t}");
    }
    // GEXF is well-formed XML.
    let gexf = tmp.path().join("g.gexf");
    assert!(amur(
        &ex,
        &[
            "--data",
            d,
            "export",
            "--format",
            "gexf",
            "--output",
            gexf.to_str().unwrap()
        ]
    )
    .status
    .success());
    let xml = std::fs::read_to_string(&gexf).unwrap();
    assert!(
        xml.contains("<node ") && xml.contains("<edge "),
        "graph has nodes and edges"
    );
    well_formed(&xml);
    // Parquet, one file per table (read back in amur-store's tests).
    let pq = tmp.path().join("pq");
    let out = amur(
        &ex,
        &[
            "--data",
            d,
            "export",
            "--format",
            "parquet",
            "--output",
            pq.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(pq.join("events.parquet"))
        .unwrap()
        .starts_with(b"PAR1"));
    // JSON Lines parse back as records.
    let jl = tmp.path().join("r.jsonl");
    assert!(amur(
        &ex,
        &[
            "--data",
            d,
            "export",
            "--format",
            "jsonl",
            "--output",
            jl.to_str().unwrap()
        ]
    )
    .status
    .success());
    for line in std::fs::read_to_string(&jl).unwrap().lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(r["doc_id"].is_string() && r["entities"].is_array());
    }
}

/// Tags balance and attributes are quoted: a small XML well-formedness check.
fn well_formed(xml: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("unclosed tag");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in <{tag}>"
        );
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.trim()),
                "mismatched </{name}>"
            );
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap_or("").to_string());
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
}

#[test]
fn an_interrupted_ingest_resumes_consistently() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    // Many small distinct articles, so ingest spans several batches.
    for i in 0..700 {
        let text = format!(
            "Primorye and Heilongjiang report {i}\n2024-06-14 10:22\n\nGovernor Oleg Kozhemyako met delegation number {i} from Heilongjiang Province \
             in Vladivostok on Thursday to discuss the Pogranichny checkpoint, grain exports and a new flight from Harbin to Vladivostok. \
             The sides signed an agreement on agricultural cooperation and noted that trade reached {i} million US dollars in 2023.\n\n\
             The governor said that the checkpoint modernisation would double the number of trucks crossing the border every day, \
             that the new flight would bring tourists from Harbin to the Pacific coast, and that both regions would hold a joint \
             agricultural forum in the autumn to review the first results of the agreement signed during the talks."
        );
        std::fs::write(corpus.join(format!("a{i:04}.txt")), text).unwrap();
    }
    let data = tmp.path().join("kb");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_amur"))
        .args([
            "--data",
            data.to_str().unwrap(),
            "ingest",
            "-q",
            "--jobs",
            "1",
            corpus.to_str().unwrap(),
        ])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    // SIGKILL: no cleanup runs.
    let _ = child.kill();
    let _ = child.wait();
    let out = ingest(tmp.path(), &data, &[corpus.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stats = json(tmp.path(), &data, &["stats"]);
    eqnice!(
        700,
        stats["documents"].as_u64().unwrap(),
        "every article stored once after resuming"
    );
    // Every stored article is searchable.
    let hits = json(
        tmp.path(),
        &data,
        &["search", "Kozhemyako", "--limit", "1000"],
    );
    eqnice!(
        700,
        hits.as_array().unwrap().len(),
        "index complete after resuming"
    );
    // Near-duplicates are linked.
    assert!(
        stats["near_duplicates"].as_u64().unwrap() > 600,
        "{stats:#}"
    );
}
