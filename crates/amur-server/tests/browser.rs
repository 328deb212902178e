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

/// The DOM after the page's scripts ran.
fn dom(browser: &PathBuf, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-extensions",
            "--virtual-time-budget=10000",
            "--timeout=30000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
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

    let entity = dom(&browser, &format!("{base}#/entity/Heilongjiang"));
    assert!(
        entity.contains("Names") && entity.contains("Events ("),
        "{entity}"
    );
}
