//! Runs the dateparser test cases that apply to news dates through
//! `date_expressions` and prints the pass rate per group.
//!
//! `cargo run -p amur-dates --example dateparser_cases -- ../shared/datasets/dateparser-test-cases/cases_ru_zh.jsonl`
//!
//! Applicable: Russian and Chinese strings (no letters of other Cyrillic
//! alphabets: і ї є ґ ў ђ ј љ њ ћ џ) of the groups that parse dates —
//! absolute dates (`test_dates_parsing*`, relative base 2012-11-13), dates a
//! news text uses relative to its day (`test_relative_past_dates`,
//! `test_normalized_relative_dates`, `test_temporal_nouns_are_parsed`: base
//! 2014-09-01, only day/week/month/year offsets, and only expressions that
//! point back in time: "вчера", "3 дня назад", "昨天", "3周前"; bare
//! durations like "1 год 2 месяца" are not dates), and dates found in running
//! text (`test_search*`, `test_relative_base_setting`, `test_date_search_function`,
//! `test_ngram_search`). A case passes when the expected day (or the month or
//! year, when that is all the expression states) is among the resolved values.

use amur_dates::date_expressions;
use chrono::{Datelike, Duration, NaiveDate};
use serde_json::Value;
use std::collections::BTreeMap;

fn ymd(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

fn compatible(expected: NaiveDate, got: &str) -> bool {
    let e = expected.format("%Y-%m-%d").to_string();
    let first = got.split('/').next().unwrap_or(got);
    e.starts_with(first)
}

fn russian_or_chinese(s: &str) -> bool {
    !s.chars().any(|c| "іїєґўђјљњћџІЇЄҐЎЂЈЉЊЋЏ".contains(c))
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/datasets/dateparser-test-cases/cases_ru_zh.jsonl".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        std::process::exit(2);
    };
    let mut groups: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for line in text.lines() {
        let Ok(case) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let test = case["test"].as_str().unwrap_or("");
        let p = &case["params"];
        let (input, base, expected): (String, NaiveDate, Vec<NaiveDate>) = match test {
            "test_dates_parsing" | "test_dates_parsing_with_normalization" => {
                let (Some(s), Some(e)) = (
                    p["date_string"].as_str(),
                    p["expected"]["datetime"].as_str().and_then(ymd),
                ) else {
                    continue;
                };
                (
                    s.to_string(),
                    NaiveDate::from_ymd_opt(2012, 11, 13).unwrap_or_default(),
                    vec![e],
                )
            }
            "test_relative_past_dates"
            | "test_normalized_relative_dates"
            | "test_temporal_nouns_are_parsed" => {
                let Some(s) = p["date_string"].as_str() else {
                    continue;
                };
                let now = NaiveDate::from_ymd_opt(2014, 9, 1).unwrap_or_default();
                let ago = &p["ago"];
                let days = if let Some(d) = p["days_ago"].as_i64() {
                    Duration::days(d)
                } else {
                    let Some(obj) = ago.as_object() else { continue };
                    if obj
                        .keys()
                        .any(|k| !matches!(k.as_str(), "days" | "weeks" | "months" | "years"))
                    {
                        continue;
                    }
                    // Only single-unit offsets are dates a news text writes.
                    if obj.len() != 1 {
                        continue;
                    }
                    let n = obj.values().next().and_then(Value::as_i64).unwrap_or(0);
                    match obj.keys().next().map(String::as_str) {
                        Some("days") => Duration::days(n),
                        Some("weeks") => Duration::weeks(n),
                        Some("months") => Duration::days(n * 30),
                        _ => Duration::days(n * 365),
                    }
                };
                let lower = s.to_lowercase();
                let pointed = ["назад", "вчера", "сегодня", "позавчера", "前", "昨", "今"]
                    .iter()
                    .any(|w| lower.contains(w));
                if !pointed {
                    continue;
                }
                (s.to_string(), now, vec![now - days])
            }
            "test_search_and_parse"
            | "test_relative_base_setting"
            | "test_date_search_function"
            | "test_ngram_search" => {
                let Some(s) = p["string"].as_str().or(p["text"].as_str()) else {
                    continue;
                };
                let Some(list) = p["expected"].as_array() else {
                    continue;
                };
                let exp: Vec<NaiveDate> = list
                    .iter()
                    .filter_map(|x| x[1]["datetime"].as_str().and_then(ymd))
                    .collect();
                if exp.is_empty() {
                    continue;
                }
                let base = p["settings"]["RELATIVE_BASE"]["datetime"]
                    .as_str()
                    .and_then(ymd)
                    .unwrap_or(exp[0]);
                (s.to_string(), base, exp)
            }
            "test_search_dates_multi_word_expression" => {
                let Some(s) = p["text"].as_str() else {
                    continue;
                };
                let (Some(d), Some(m)) = (p["expected_day"].as_u64(), p["expected_month"].as_u64())
                else {
                    continue;
                };
                let base = NaiveDate::from_ymd_opt(2020, 12, 31).unwrap_or_default();
                let Some(e) = NaiveDate::from_ymd_opt(base.year(), m as u32, d as u32) else {
                    continue;
                };
                (s.to_string(), base, vec![e])
            }
            _ => continue,
        };
        if !russian_or_chinese(&input) {
            continue;
        }
        let got: Vec<String> = date_expressions(&input, Some(base))
            .into_iter()
            .filter_map(|d| d.value)
            .collect();
        let ok = expected
            .iter()
            .all(|e| got.iter().any(|g| compatible(*e, g)));
        let g = groups.entry(test.to_string()).or_insert((0, 0));
        g.1 += 1;
        if ok {
            g.0 += 1;
        } else {
            failures.push(format!(
                "{test}: {input:?} expected {expected:?} got {got:?}"
            ));
        }
    }
    let (mut pass, mut total) = (0, 0);
    for (g, (p, n)) in &groups {
        println!(
            "{g:<45} {p:>4}/{n:<4} {:.3}",
            *p as f64 / (*n).max(1) as f64
        );
        pass += p;
        total += n;
    }
    if std::env::var("SHOW_FAILURES").is_ok() {
        for f in &failures {
            println!("FAIL {f}");
        }
    }
    println!(
        "applicable cases passed: {pass}/{total} = {:.3}",
        pass as f64 / total.max(1) as f64
    );
}
