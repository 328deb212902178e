//! The dashboard in real headless Chromium: pages render from the API, an
//! article's markup stays text, the heatmap links to a pair's events. Skips,
//! saying so, where no Chromium is installed (`CHROMIUM` names another binary).

use crate::util::*;
use std::path::PathBuf;
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    let named = std::env::var_os("CHROMIUM").map(PathBuf::from);
    named
        .into_iter()
        .chain(
            [
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome",
            ]
            .map(PathBuf::from),
        )
        .find(|p| p.is_file())
}

/// Chromium's flags for one headless run.
fn run(browser: &PathBuf, what: &str, url: &str) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=10000",
            "--timeout=30000",
            "--window-size=1200,900",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(what)
        .arg(url)
        .output()
        .expect("run chromium")
}

/// A screenshot of the page for review, under `target/browser/NAME.png`.
fn screenshot(browser: &PathBuf, url: &str, name: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/browser");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.png"));
    let out = run(browser, &format!("--screenshot={}", file.display()), url);
    assert!(out.status.success() && file.is_file(), "screenshot {name}");
}

/// The DOM after the page's scripts ran.
fn dom(browser: &PathBuf, url: &str) -> String {
    let out = run(browser, "--dump-dom", url);
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn dashboard_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        eprintln!("browser tests skipped: no Chromium at /usr/bin/chromium (set CHROMIUM=PATH)");
        return;
    };
    let s = shared();
    let base = format!("http://{}/", s.addr);

    let timeline = dom(&browser, &format!("{base}#/events"));
    assert!(
        timeline.contains("class=\"row\""),
        "no events rendered: {timeline}"
    );
    assert!(timeline.contains("Timeline"), "{timeline}");

    let map = dom(&browser, &format!("{base}#/map"));
    assert!(map.contains("class=\"heat\""), "no heatmap: {map}");
    assert!(
        map.contains("#/events?pair="),
        "cells link to a pair's events: {map}"
    );
    // Where a cell leads: that pair's events.
    let at = map.find("#/events?pair=").unwrap();
    let href: String = map[at..].chars().take_while(|c| *c != '"').collect();
    let pair_page = dom(&browser, &format!("{base}{}", href.replace("&amp;", "&")));
    assert!(pair_page.contains("class=\"row\""), "{href}: {pair_page}");

    // A search shows facets counted over every match and a watch feed.
    let search = dom(&browser, &format!("{base}#/search?q=Heilongjiang"));
    assert!(search.contains("class=\"facet\""), "{search}");
    assert!(
        search.contains("/feeds/search.atom?q=Heilongjiang"),
        "{search}"
    );

    let hits = get(s.addr, "/api/search?q=Zyxwvut").json();
    let doc = hits["hits"][0]["doc_id"].as_str().unwrap().to_string();
    let article = dom(&browser, &format!("{base}#/article/{doc}"));
    assert!(article.contains("article-text"), "{article}");
    // The article's markup is text in the page, never elements.
    assert!(article.contains("&lt;script&gt;alert(1)"), "{article}");
    assert!(
        !article.contains("<script>alert") && !article.contains("<img src=\"x\""),
        "{article}"
    );

    // An example article: evidence marked, names linked to their pages.
    let ex = get(
        s.addr,
        "/api/search?q=Heilongjiang%20Primorye&lang=en&limit=1",
    )
    .json();
    let ex_doc = ex["hits"][0]["doc_id"].as_str().unwrap().to_string();
    let marked = dom(&browser, &format!("{base}#/article/{ex_doc}"));
    assert!(marked.contains("<mark>"), "evidence marked: {marked}");
    assert!(
        marked.contains("class=\"mention region\"")
            && marked.contains("href=\"#/entity/region%3ACN-HL\""),
        "names linked: {marked}"
    );

    let entity = dom(&browser, &format!("{base}#/entity/Heilongjiang"));
    assert!(
        entity.contains("Names") && entity.contains("Events ("),
        "{entity}"
    );

    for (name, page) in [
        ("timeline", "#/events".to_string()),
        ("map", "#/map".to_string()),
        ("search", "#/search?q=Heilongjiang".to_string()),
        ("article", format!("#/article/{ex_doc}")),
        ("entity", "#/entity/Heilongjiang".to_string()),
    ] {
        screenshot(&browser, &format!("{base}{page}"), name);
    }
}
