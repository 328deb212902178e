//! Regression tests for issue 11: a knowledge base an analyst can cite —
//! refused mistakes, curation that cannot lose data, traceable output,
//! output contracts, quiet broken pipes and one writer at a time.

use crate::util::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A store of the examples, built once per test.
fn kb() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("kb");
    let out = amur(
        &examples(),
        &["--data", data.to_str().unwrap(), "ingest", "-q", "."],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    (tmp, data)
}

fn run(data: &Path, args: &[&str]) -> std::process::Output {
    let mut a = vec!["--data", data.to_str().unwrap()];
    a.extend(args);
    amur(&examples(), &a)
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(data: &Path, args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let out = run(data, &a);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn read_commands_refuse_a_missing_store() {
    let tmp = tempfile::tempdir().unwrap();
    let typo = tmp.path().join("typo");
    for args in [
        &["stats"][..],
        &["events"],
        &["search", "bridge"],
        &["entity", "Harbin"],
        &["export", "--format", "jsonl"],
        &["curate", "list"],
        &["curate", "reject", "city:harbin"],
        &["reindex"],
        &["show", "event:x#0"],
        &["agreements"],
    ] {
        let out = run(&typo, args);
        eqnice!(Some(2), out.status.code(), format!("{args:?}"));
        assert!(
            stderr(&out).contains("no knowledge base"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert!(!typo.exists(), "a read command created a store");
}

#[test]
fn bad_filter_values_are_refused_with_the_accepted_values() {
    let (_tmp, data) = kb();
    for (args, expect) in [
        (&["events", "--type", "meetings"][..], "meeting, signing"),
        (&["events", "--status", "future"], "occurred"),
        (&["events", "--from", "2024/01/01"], "YYYY-MM-DD"),
        (&["events", "--pair", "CN-XX:RU-YY"], "ISO 3166-2"),
        (&["events", "--pair", "CN-HL"], "colon"),
        (&["agreements", "--kind", "treaty"], "memorandum"),
        (&["figures", "--flow", "sideways"], "turnover"),
        (&["search", "x", "--lang", "de"], "en, ru, zh"),
        (&["events", "--entity", "Nobody Here At All"], "no entity"),
        (&["search", "\"unclosed"], "bad query"),
        (&["show", "figure:nothing#0"], "no fact or article"),
        (&["curate", "undo", "3"], "no correction"),
    ] {
        let out = run(&data, args);
        eqnice!(Some(2), out.status.code(), format!("{args:?}"));
        assert!(stderr(&out).contains(expect), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?} printed a table");
    }
}

/// Runs amur with its stdout closed by the reader before it writes.
fn closed_pipe(args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_amur"))
        .args(args)
        .current_dir(examples())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn broken_pipe_is_a_quiet_exit_in_every_command() {
    let (_tmp, data) = kb();
    let d = data.to_str().unwrap();
    for args in [
        &["extract", "."][..],
        &["--data", d, "events", "--format", "json"],
        &["--data", d, "events"],
        &["--data", d, "export", "--format", "jsonl"],
        &["--data", d, "export", "--format", "gexf"],
        &["--data", d, "stats", "--format", "json"],
        &["--data", d, "entity", "Kozhemyako"],
        &["--data", d, "figures"],
        &["--data", d, "agreements", "--format", "csv"],
    ] {
        let out = closed_pipe(args);
        eqnice!(
            Some(0),
            out.status.code(),
            format!("{args:?}: {}", stderr(&out))
        );
        assert!(
            !stderr(&out).to_lowercase().contains("broken pipe"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn curation_resolves_or_refuses_says_what_changed_and_undoes() {
    let (_tmp, data) = kb();
    let before = json(&data, &["entity", "Oleg Kozhemyako"]);
    // An unknown name is refused (it used to merge into nothing and lose B).
    let out = run(
        &data,
        &["curate", "merge", "Nobody Here", "Oleg Kozhemyako"],
    );
    eqnice!(Some(2), out.status.code(), stderr(&out));
    assert!(
        stderr(&out).contains("no entity \"Nobody Here\""),
        "{}",
        stderr(&out)
    );
    let out = run(&data, &["curate", "merge", "Oleg Kozhemyak", "Harbin"]);
    assert!(stderr(&out).contains("did you mean"), "{}", stderr(&out));
    let out = run(&data, &["curate", "reject", "person:doesnotexist"]);
    eqnice!(Some(2), out.status.code(), stderr(&out));
    let out = run(&data, &["curate", "split", "event:nope#0"]);
    eqnice!(Some(2), out.status.code(), stderr(&out));
    eqnice!(
        before,
        json(&data, &["entity", "Oleg Kozhemyako"]),
        "nothing changed"
    );

    // Each command says what it changed; list is numbered; undo reverts one.
    let out = run(
        &data,
        &["curate", "rename", "Oleg Kozhemyako", "O. Kozhemyako"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("correction 1: renamed person:oleg-kozhemyako"),
        "{}",
        stdout(&out)
    );
    let out = run(&data, &["curate", "merge", "Primorsky Krai", "Vladivostok"]);
    assert!(
        stdout(&out).contains("correction 2: merged city:vladivostok"),
        "{}",
        stdout(&out)
    );
    let list = stdout(&run(&data, &["curate", "list", "--format", "csv"]));
    assert!(list.starts_with("n,action,a,b,value\n"), "{list}");
    assert!(
        list.contains("\n1,rename,person:oleg-kozhemyako,,O. Kozhemyako\n"),
        "{list}"
    );
    assert!(
        list.contains("\n2,merge,region:RU-PRI,city:vladivostok,\n"),
        "{list}"
    );
    let table = stdout(&run(&data, &["curate", "list"]));
    assert!(
        table.lines().nth(1).unwrap().starts_with("1  rename"),
        "{table}"
    );
    assert!(!run(&data, &["curate", "undo", "7"]).status.success());
    for n in ["2", "1"] {
        let out = run(&data, &["curate", "undo", n]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains(&format!("undid correction {n}")));
    }
    eqnice!(
        before,
        json(&data, &["entity", "Oleg Kozhemyako"]),
        "undo gives the profile back"
    );
    assert!(run(&data, &["entity", "Vladivostok"]).status.success());
}

#[test]
fn events_can_be_merged_and_split() {
    let (_tmp, data) = kb();
    let events = json(&data, &["events"]);
    let ids: Vec<String> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.len() >= 2);
    let n = ids.len();
    let out = run(&data, &["curate", "merge", &ids[0], &ids[1]]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("merged event"), "{}", stdout(&out));
    eqnice!(
        n - 1,
        json(&data, &["events"]).as_array().unwrap().len(),
        "one fewer"
    );
    // The merged report is split off again by its key.
    let out = run(&data, &["curate", "split", &ids[1]]);
    assert!(out.status.success(), "{}", stderr(&out));
    eqnice!(
        n,
        json(&data, &["events"]).as_array().unwrap().len(),
        "back to n"
    );
}

#[test]
fn facts_are_traceable_and_show_marks_the_evidence() {
    let (_tmp, data) = kb();
    let events = json(&data, &["events"]);
    let e = &events[0];
    let id = e["id"].as_str().unwrap();
    assert!(id.starts_with("event:"), "{e:#}");
    let src = &e["sources"][0];
    assert!(src["source"].as_str().unwrap().contains('.'), "{e:#}");
    assert!(!src["evidence"].as_str().unwrap().is_empty());
    // The table has the id and the source too.
    let table = stdout(&run(&data, &["events"]));
    assert!(table.lines().next().unwrap().starts_with("id "), "{table}");
    assert!(table.contains(id), "{table}");
    // show: the evidence sentence marked (plain brackets when piped).
    let out = run(&data, &["show", id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let ev = src["evidence"].as_str().unwrap();
    assert!(text.contains(&format!("[[{ev}]]")), "{text}");
    assert!(!text.contains('\x1b'), "no escapes when piped");
    let out = run(&data, &["show", "event:nothing#3"]);
    eqnice!(Some(2), out.status.code(), stderr(&out));
    // An article id shows the article.
    let doc = src["doc_id"].as_str().unwrap();
    assert!(stdout(&run(&data, &["show", doc])).contains("[["));
    // The profile lists articles with their path.
    let p = json(&data, &["entity", "Oleg Kozhemyako"]);
    assert!(
        p["articles"][0]["source"].as_str().unwrap().contains('.'),
        "{p:#}"
    );
}

#[test]
fn agreements_and_figures_views_have_ids_sources_and_filters() {
    let (_tmp, data) = kb();
    let ag = json(&data, &["agreements"]);
    for a in ag.as_array().unwrap() {
        assert!(a["id"].as_str().unwrap().starts_with("agreement:"));
        assert!(!a["source"]["evidence"].as_str().unwrap().is_empty());
    }
    let figs = json(&data, &["figures"]);
    let figs = figs.as_array().unwrap();
    assert!(!figs.is_empty(), "the examples state trade figures");
    let f = &figs[0];
    assert!(f["id"].as_str().unwrap().starts_with("figure:"));
    let out = run(&data, &["show", f["id"].as_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = stdout(&run(&data, &["figures", "--format", "csv"]));
    assert!(csv.starts_with("id,period,kind,flow,value"), "{csv}");
    // Filters narrow; a date far in the future gives nothing.
    let none = json(&data, &["figures", "--from", "2090"]);
    assert!(none.as_array().unwrap().is_empty());
    let trade = json(&data, &["figures", "--kind", "trade"]);
    assert!(trade
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["kind"] == "trade"));
}

#[test]
fn truncation_is_announced_and_missing_values_are_empty() {
    let (_tmp, data) = kb();
    let all = json(&data, &["events"]).as_array().unwrap().len();
    let out = run(&data, &["events", "--limit", "1"]);
    assert!(
        stderr(&out).contains(&format!("1 of {all} shown; use --limit")),
        "{}",
        stderr(&out)
    );
    let csv = stdout(&run(&data, &["events", "--format", "csv"]));
    assert!(!csv.contains(",?,"), "{csv}");
}

#[test]
fn export_writes_streams_to_stdout_and_refuses_folders_without_output() {
    let (tmp, data) = kb();
    let out = Command::new(env!("CARGO_BIN_EXE_amur"))
        .args([
            "--data",
            data.to_str().unwrap(),
            "export",
            "--format",
            "jsonl",
        ])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(records(&out).len() >= 7);
    assert!(!tmp.path().join("amur-export").exists());
    // Figures and agreements carry their id and evidence sentence, not only offsets.
    let dir = tmp.path().join("csv");
    let out = run(
        &data,
        &[
            "export",
            "--format",
            "csv",
            "--output",
            dir.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let figures = std::fs::read_to_string(dir.join("figures.csv")).unwrap();
    let header = figures.lines().next().unwrap();
    assert!(
        header.starts_with("id,") && header.ends_with(",evidence"),
        "{header}"
    );
    assert!(
        figures.lines().nth(1).unwrap().contains("figure:"),
        "{figures}"
    );
    for f in ["csv", "parquet"] {
        let out = run(&data, &["export", "--format", f]);
        eqnice!(Some(2), out.status.code(), f);
        assert!(stderr(&out).contains("--output"), "{}", stderr(&out));
    }
}

#[test]
fn entity_by_code_csv_and_terms_of_office() {
    let (_tmp, data) = kb();
    let p = json(&data, &["entity", "RU-PRI"]);
    eqnice!("region:RU-PRI", p["id"], "found by ISO code");
    let out = run(&data, &["entity", "Kozhemyako", "--format", "csv"]);
    let csv = stdout(&out);
    assert!(csv.starts_with("section,date,value,id,source\n"), "{csv}");
    let p = json(&data, &["entity", "Oleg Kozhemyako"]);
    let terms = p["terms"].as_array().unwrap();
    assert!(
        terms.iter().any(|t| t["of"] == "Primorsky Krai"),
        "offices from the reference terms: {p:#}"
    );
}

#[test]
fn chinese_phrase_queries_and_traditional_characters() {
    let (_tmp, data) = kb();
    let one = json(&data, &["search", "黑龙江"]).as_array().unwrap().len();
    assert!(one > 0);
    let two = json(&data, &["search", "黑龙江 合作"]);
    assert!(
        !two.as_array().unwrap().is_empty(),
        "two words each matching"
    );
    let trad = json(&data, &["search", "黑龍江"]);
    eqnice!(
        one,
        trad.as_array().unwrap().len(),
        "traditional folds to simplified"
    );
}

#[test]
fn a_second_writer_waits_or_is_refused_and_readers_never_block() {
    let (_tmp, data) = kb();
    // This test process is the first writer.
    let writer = amur_store::Store::create(&data).unwrap();
    let out = run(
        &data,
        &["--no-wait", "curate", "rename", "Harbin", "Harbin City"],
    );
    eqnice!(Some(2), out.status.code(), stderr(&out));
    assert!(
        stderr(&out).contains("another amur is writing"),
        "{}",
        stderr(&out)
    );
    // Readers go on while the writer holds the store.
    assert!(run(&data, &["stats"]).status.success());
    // A waiting writer says so, then proceeds once the first is done.
    let child = Command::new(env!("CARGO_BIN_EXE_amur"))
        .args(["--data", data.to_str().unwrap(), "ingest", "-q", "."])
        .current_dir(examples())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    drop(writer);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("waiting"), "{}", stderr(&out));
}
