//! The team's example articles extract into complete records.

use crate::util::*;

#[test]
fn examples_have_clean_metadata_and_text() {
    let out = amur(&examples(), &["extract", "."]);
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert!(recs.len() >= 7, "{} records", recs.len());
    for r in &recs {
        let src = r["source"].as_str().unwrap();
        let text = r["text"].as_str().unwrap();
        assert!(r["title"].is_string(), "{src}: title");
        assert!(
            r["published"].as_str().is_some_and(|d| d.len() == 10),
            "{src}: published {}",
            r["published"]
        );
        for junk in [
            "Read also",
            "Related news",
            "Читайте также",
            "相关新闻",
            "相关阅读",
            "Share:",
            "Поделиться",
            "分享到",
            "Editor:",
            "责任编辑",
            "Автор:",
            "Все права защищены",
            "版权所有",
        ] {
            assert!(!text.contains(junk), "{src}: kept {junk:?}");
        }
        let lang = r["language"].as_str().unwrap();
        let expected = src.rsplit('/').next().unwrap().split('_').next().unwrap();
        eqnice!(expected, lang, src);
    }
}

fn record<'a>(recs: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    recs.iter()
        .find(|r| r["source"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name}"))
}

fn ids(v: &serde_json::Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["entity"]
                .as_str()
                .unwrap_or_else(|| p.as_str().unwrap())
                .to_string()
        })
        .collect()
}

#[test]
fn examples_produce_whole_records() {
    let out = amur(&examples(), &["extract", "."]);
    let recs = records(&out);
    for name in [
        "en_primorye_heilongjiang_talks.txt",
        "ru_primorye_heilongjiang_talks.txt",
    ] {
        let r = record(&recs, name);
        let ents: Vec<&str> = r["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        for id in [
            "person:oleg-kozhemyako",
            "person:liang-huiling",
            "region:RU-PRI",
            "region:CN-HL",
            "city:vladivostok",
        ] {
            assert!(ents.contains(&id), "{name}: {id} in {ents:?}");
        }
        let meeting = r["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["type"] == "meeting")
            .unwrap_or_else(|| panic!("{name}: meeting"));
        eqnice!("2024-06-13", meeting["date"], name);
        eqnice!("city:vladivostok", meeting["location"], name);
        assert!(
            ids(meeting, "participants").contains(&"person:oleg-kozhemyako".to_string()),
            "{name}"
        );
        let memo = r["agreements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["kind"] == "memorandum")
            .unwrap_or_else(|| panic!("{name}: memorandum"));
        let parties = ids(memo, "parties");
        assert!(
            parties.contains(&"organization:fefu".to_string())
                && parties.contains(&"organization:harbin-institute-of-technology".to_string()),
            "{name}: {parties:?}"
        );
        let fig = r["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["kind"] == "trade")
            .unwrap_or_else(|| panic!("{name}: figure"));
        eqnice!(3.2e9, fig["value"].as_f64().unwrap(), name);
        eqnice!("2023", fig["period"], name);
        let air = r["relations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["mode"] == "air")
            .unwrap_or_else(|| panic!("{name}: flight"));
        let pair = [air["a"].as_str().unwrap(), air["b"].as_str().unwrap()];
        assert!(
            pair.contains(&"city:harbin") && pair.contains(&"city:vladivostok"),
            "{name}: {pair:?}"
        );
        assert!(
            r["sectors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s == "agriculture"),
            "{name}"
        );
        // Every evidence span lies inside the text.
        let len = r["text"].as_str().unwrap().chars().count() as u64;
        for kind in ["events", "agreements", "figures", "relations"] {
            for f in r[kind].as_array().unwrap() {
                assert!(
                    f["evidence"]["end"].as_u64().unwrap() <= len,
                    "{name}: {kind}"
                );
            }
        }
    }
}
