//! The dashboard in real headless Chromium: pages render from the API, an
//! article's markup stays text, the heatmap links to a pair's events; then,
//! through chromedriver, an analyst's path typed and clicked (search → entity
//! → article with its evidence marked, heatmap cell → that pair's events),
//! with a screenshot of each page under `target/browser/`. Each test skips,
//! saying so, where its browser pieces are not installed (`CHROMIUM` and
//! `CHROMEDRIVER` name other binaries).

use crate::util::*;
use serde_json::Value;
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

/// Chromium's flags for every headless run here (with a fresh profile each).
const HEADLESS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,900",
];

/// The DOM after the page's scripts ran.
fn dom(browser: &PathBuf, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args(HEADLESS)
        .args(["--virtual-time-budget=10000", "--timeout=30000"])
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
}

/// Where chromedriver is (`CHROMEDRIVER` names another binary).
fn chromedriver() -> Option<PathBuf> {
    std::env::var_os("CHROMEDRIVER")
        .map(PathBuf::from)
        .into_iter()
        .chain(["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].map(PathBuf::from))
        .find(|p| p.is_file())
}

/// A W3C WebDriver session in headless Chromium, driven over loopback
/// through the harness's HTTP client: pages are typed into and clicked as a
/// user would.
struct Driver {
    addr: std::net::SocketAddr,
    session: String,
    child: std::process::Child,
    _profile: tempfile::TempDir,
}

/// The key WebDriver names an element reference by.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Driver {
    fn start(driver: &PathBuf, browser: &PathBuf) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("run chromedriver");
        let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let ready = (0..100).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(100));
            std::net::TcpStream::connect(addr).is_ok()
        });
        assert!(ready, "chromedriver did not listen on {addr}");
        let profile = tempfile::tempdir().unwrap();
        let mut args: Vec<String> = HEADLESS.iter().map(|f| f.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let caps = serde_json::json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": browser, "args": args }
        }}});
        let r = Self::call(addr, "POST", "/session", &caps);
        let session = r["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {r}"))
            .to_string();
        Driver {
            addr,
            session,
            child,
            _profile: profile,
        }
    }

    fn call(addr: std::net::SocketAddr, method: &str, path: &str, body: &Value) -> Value {
        let body = if method == "GET" || method == "DELETE" {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        let r = request(
            addr,
            method,
            path,
            &[("Content-Type", "application/json")],
            &body,
        );
        let v = r.json();
        assert_eq!(r.status, 200, "{method} {path}: {v}");
        v["value"].clone()
    }

    fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        Self::call(
            self.addr,
            method,
            &format!("/session/{}{path}", self.session),
            &body,
        )
    }

    fn go(&self, url: &str) {
        self.cmd("POST", "/url", serde_json::json!({ "url": url }));
    }

    fn run(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            serde_json::json!({"script": script, "args": []}),
        )
    }

    /// The first element matching `css`, waiting up to 15 s for the page's
    /// scripts to put it there.
    fn find(&self, css: &str) -> String {
        for _ in 0..150 {
            let found = self.cmd(
                "POST",
                "/elements",
                serde_json::json!({"using": "css selector", "value": css}),
            );
            if let Some(id) = found[0][ELEMENT].as_str() {
                return id.to_string();
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("no {css} in {}", self.source());
    }

    fn click(&self, css: &str) {
        let id = self.find(css);
        self.cmd(
            "POST",
            &format!("/element/{id}/click"),
            serde_json::json!({}),
        );
    }

    fn type_in(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            serde_json::json!({ "text": text }),
        );
    }

    fn source(&self) -> String {
        self.cmd("GET", "/source", Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn hash(&self) -> String {
        self.run("return location.hash;")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// A screenshot of the page for review, under `target/browser/NAME.png`.
    fn screenshot(&self, name: &str) {
        use base64::Engine;
        let png = self.cmd("GET", "/screenshot", Value::Null);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap())
            .unwrap();
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/browser");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), bytes).unwrap();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let path = format!("/session/{}", self.session);
        let _ = request(self.addr, "DELETE", &path, &[], b"");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn an_analyst_types_and_clicks_through_the_dashboard() {
    let (Some(browser), Some(driver)) = (chromium(), chromedriver()) else {
        eprintln!(
            "interactive browser test skipped: needs Chromium and chromedriver \
             (Debian: chromium, chromium-driver; or set CHROMIUM and CHROMEDRIVER)"
        );
        return;
    };
    let s = shared();
    let base = format!("http://{}/", s.addr);
    let d = Driver::start(&driver, &browser);

    // Type a search from the navigation bar; a name offers its entity's page.
    d.go(&base);
    d.click("nav a[href='#/search']");
    d.type_in("form input[name=q]", "Heilongjiang\u{E007}");
    d.find(".facet");
    assert!(
        d.hash().starts_with("#/search?q=Heilongjiang"),
        "{}",
        d.hash()
    );
    d.screenshot("search");
    d.click(".entity-hit a");
    d.find("main .row .evidence a");
    assert_eq!(d.hash(), "#/entity/region%3ACN-HL");
    assert!(d.source().contains("Names"));
    d.screenshot("entity");

    // From one of its events to the article reporting it: the evidence of
    // its facts is marked.
    d.click("main .row .evidence a");
    d.find(".article-text");
    assert!(d.hash().starts_with("#/article/"), "{}", d.hash());
    let marks = d.run("return document.querySelectorAll('.article-text mark').length;");
    assert!(
        marks.as_u64().unwrap_or(0) > 0,
        "no evidence marked: {}",
        d.source()
    );
    d.screenshot("article");

    // The heatmap: a click on a cell lists that pair's events.
    d.click("nav a[href='#/map']");
    let cell = d.find("table.heat td.n a");
    let href = d.cmd(
        "GET",
        &format!("/element/{cell}/attribute/href"),
        Value::Null,
    );
    d.screenshot("map");
    d.click("table.heat td.n a");
    d.find("main .row");
    let pair = href
        .as_str()
        .unwrap()
        .split("pair=")
        .nth(1)
        .unwrap()
        .to_string();
    assert!(
        d.hash().contains(&format!("pair={pair}")),
        "{} vs {href}",
        d.hash()
    );
    let pair = pair.replace("%3A", ":");
    let shown = get(s.addr, &format!("/api/events?pair={pair}&limit=50")).json();
    let rows = d.run("return document.querySelectorAll('main .row').length;");
    assert_eq!(
        rows.as_u64(),
        Some(shown["rows"].as_array().unwrap().len() as u64)
    );
    d.screenshot("pair-events");

    // An article made of markup renders inert: no element, no dialog.
    let hits = get(s.addr, "/api/search?q=Zyxwvut").json();
    let doc = hits["hits"][0]["doc_id"].as_str().unwrap();
    d.go(&format!("{base}#/article/{doc}"));
    d.find(".article-text");
    let text = d.run("return document.querySelector('.article-text').textContent;");
    assert!(
        text.as_str().unwrap().contains("<script>alert(1)</script>"),
        "{text}"
    );
    let live = d.run("return document.querySelectorAll('main script, main img').length;");
    assert_eq!(live.as_u64(), Some(0));
    let alert = request(
        d.addr,
        "GET",
        &format!("/session/{}/alert/text", d.session),
        &[],
        b"",
    );
    assert_eq!(alert.status, 404, "a dialog opened: {}", alert.text());
    d.screenshot("hostile-article");

    // A phone's width: nothing wider than the screen but the heatmap's own
    // scrolling box.
    d.cmd(
        "POST",
        "/window/rect",
        serde_json::json!({"width": 390, "height": 844}),
    );
    for (name, page) in [("phone-timeline", "#/events"), ("phone-map", "#/map")] {
        d.go(&format!("{base}{page}"));
        d.find("main h1");
        let wide = d.run(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
        );
        assert_eq!(wide.as_i64(), Some(0), "{page} scrolls sideways on a phone");
        d.screenshot(name);
    }
}
