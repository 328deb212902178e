//! The HTTP API end to end: a real server on 127.0.0.1:0 over a store built
//! from the repository's examples (uploaded through `POST /api/ingest`), a
//! plain HTTP/1.1 client, answers checked against the OpenAPI document.

mod util;

mod browser;

use serde_json::Value;
use std::path::Path;
use util::*;

#[test]
fn every_read_endpoint_answers_as_the_openapi_document_says() {
    let s = shared();
    let doc: Value = serde_json::from_str(amur_server::assets::OPENAPI).unwrap();
    for (path, schema) in [
        ("/api/health", "Health"),
        ("/api/stats", "Stats"),
        ("/api/search?q=Heilongjiang", "SearchResult"),
        ("/api/events", "EventPage"),
        ("/api/events?type=meeting&limit=2&offset=1", "EventPage"),
        ("/api/agreements", "AgreementPage"),
        ("/api/figures", "FigurePage"),
        ("/api/entities/Heilongjiang", "Profile"),
    ] {
        let r = get(s.addr, path);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        assert_eq!(r.header("content-type"), Some("application/json"), "{path}");
        let route = path.split('?').next().unwrap();
        let route = if route.starts_with("/api/entities/") {
            "/api/entities/{key}"
        } else {
            route
        };
        assert!(
            doc["paths"][route]["get"].is_object(),
            "{route} not in openapi.json"
        );
        let v = r.json();
        validate(
            &doc,
            &serde_json::json!({"$ref": format!("#/components/schemas/{schema}")}),
            &v,
            path,
        );
    }
    // A name in any language looks up its entity; an unknown one finds none.
    let lookup = &doc["paths"]["/api/entities"]["get"]["responses"]["200"]["content"]
        ["application/json"]["schema"];
    for (name, want) in [
        ("Heilongjiang", Some("region:CN-HL")),
        (enc("Приморский край").as_str(), Some("region:RU-PRI")),
        ("Atlantis", None),
    ] {
        let r = get(s.addr, &format!("/api/entities?name={name}"));
        assert_eq!(r.status, 200, "{name}: {}", r.text());
        let v = r.json();
        validate(&doc, lookup, &v, name);
        assert_eq!(v["matches"][0]["id"].as_str(), want, "{name}: {v}");
    }
    assert_eq!(get(s.addr, "/api/entities").status, 400);
    // Each fact id from a listing opens with /api/show, each article with /api/documents.
    let events = get(s.addr, "/api/events?limit=5").json();
    let first = &events["rows"][0];
    let id = first["id"].as_str().expect("an event in the examples");
    let shown = get(s.addr, &format!("/api/show/{}", enc(id)));
    assert_eq!(shown.status, 200, "{}", shown.text());
    validate(
        &doc,
        &serde_json::json!({"$ref": "#/components/schemas/Shown"}),
        &shown.json(),
        "show",
    );
    let doc_id = first["sources"][0]["doc_id"].as_str().unwrap();
    let article = get(s.addr, &format!("/api/documents/{doc_id}"));
    assert_eq!(article.status, 200, "{}", article.text());
    assert_eq!(article.json()["kind"], "article");
    assert_eq!(get(s.addr, "/api/curations").status, 200);
    // The served document names every region code the filters accept.
    let served = get(s.addr, "/api/openapi.json").json();
    let codes = served["components"]["schemas"]["RegionCode"]["enum"]
        .as_array()
        .unwrap();
    assert!(codes.len() > 100, "{}", codes.len());
    assert!(codes.iter().any(|c| c == "RU-PRI") && codes.iter().any(|c| c == "CN-HL"));
    // Every route the server has is in the document.
    for route in [
        "/api/documents/{doc}",
        "/api/show/{id}",
        "/api/curations",
        "/api/curate",
        "/api/ingest",
        "/feeds/events.atom",
        "/feeds/search.atom",
        "/api/openapi.json",
    ] {
        assert!(
            doc["paths"][route].is_object(),
            "{route} not in openapi.json"
        );
    }
}

#[test]
fn many_requests_at_once_all_answer() {
    // Store calls are bounded (a few per core); the rest wait their turn.
    let s = shared();
    let addr = s.addr;
    let threads: Vec<_> = (0..32)
        .map(|i| {
            std::thread::spawn(move || {
                let path = [
                    "/api/events?limit=5",
                    "/api/search?q=Heilongjiang",
                    "/api/stats",
                ][i % 3];
                get(addr, path).status
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 200);
    }
}

#[test]
fn paging_walks_the_timeline() {
    let s = shared();
    let all = get(s.addr, "/api/events?limit=1000").json();
    let total = all["total"].as_u64().unwrap() as usize;
    assert!(total >= 2, "examples have several events");
    let second = get(s.addr, "/api/events?limit=1&offset=1").json();
    assert_eq!(second["rows"][0]["id"], all["rows"][1]["id"]);
    assert_eq!(second["total"].as_u64().unwrap() as usize, total);
}

#[test]
fn bad_input_is_a_json_error_with_the_right_status() {
    let s = shared();
    for (path, status) in [
        ("/api/events?type=picnic", 400),
        ("/api/events?limit=abc", 400),
        ("/api/events?limit=0", 400),
        ("/api/events?from=yesterday", 400),
        ("/api/events?pair=CN-HL", 400),
        ("/api/search", 400),
        ("/api/figures?flow=sideways", 400),
        ("/api/entities/Atlantis%20Province", 404),
        ("/api/show/event:nothing%231", 404),
        ("/api/documents/0000", 404),
        ("/api/nothing", 404),
        ("/assets/missing.js", 404),
    ] {
        let r = get(s.addr, path);
        assert_eq!(r.status, status, "{path}: {}", r.text());
        assert_eq!(r.header("content-type"), Some("application/json"), "{path}");
        assert!(
            r.json()["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{path}"
        );
    }
}

#[test]
fn etag_answers_304_when_unchanged() {
    let s = shared();
    let r = get(s.addr, "/api/stats");
    let tag = r.header("etag").expect("an ETag").to_string();
    let again = request(s.addr, "GET", "/api/stats", &[("If-None-Match", &tag)], b"");
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let other = request(
        s.addr,
        "GET",
        "/api/stats",
        &[("If-None-Match", "\"x\"")],
        b"",
    );
    assert_eq!(other.status, 200);
}

#[test]
fn article_markup_comes_back_escaped_and_pages_run_no_inline_script() {
    let s = shared();
    let hits = get(s.addr, "/api/search?q=Zyxwvut").json();
    let doc_id = hits["hits"][0]["doc_id"]
        .as_str()
        .expect("the hostile article is found");
    let r = get(s.addr, &format!("/api/documents/{doc_id}"));
    assert_eq!(r.status, 200);
    let raw = r.text();
    assert!(!raw.contains("<script>") && !raw.contains("<img"), "{raw}");
    let text = r.json()["text"]["text"].as_str().unwrap().to_string();
    assert!(
        text.contains("<script>") && text.contains("onerror="),
        "{text}"
    );

    let page = get(s.addr, "/");
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let csp = page.header("content-security-policy").expect("a CSP");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    for html in [page.text(), get(s.addr, "/assets/api.html").text()] {
        for (i, _) in html.match_indices("<script") {
            assert!(
                html[i..].starts_with("<script src="),
                "inline script: {html}"
            );
        }
        assert!(
            !html.contains(" onclick=") && !html.contains(" onload="),
            "{html}"
        );
    }
    let js = get(s.addr, "/assets/app.js");
    assert!(js
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
    assert!(
        !js.text().contains("innerHTML"),
        "the dashboard builds no HTML from strings"
    );
    let css = get(s.addr, "/assets/app.css");
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
}

#[test]
fn feeds_are_well_formed_atom() {
    let s = shared();
    for path in [
        "/feeds/events.atom",
        "/feeds/events.atom?type=meeting",
        "/feeds/events.atom?entity=Heilongjiang&pair=CN-HL:RU-PRI",
        "/feeds/search.atom?q=Heilongjiang",
        "/feeds/search.atom?q=Zyxwvut&lang=en",
    ] {
        let r = get(s.addr, path);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        assert!(r
            .header("content-type")
            .unwrap()
            .starts_with("application/atom+xml"));
        let text = r.text();
        let xml =
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}\n{text}"));
        let feed = xml.root_element();
        assert_eq!(feed.tag_name().name(), "feed");
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        let child = |n: roxmltree::Node, name: &str| {
            n.children()
                .find(|c| c.tag_name().name() == name)
                .and_then(|c| c.text().map(str::to_string))
        };
        for name in ["id", "title", "updated"] {
            assert!(
                child(feed, name).is_some_and(|t| !t.is_empty()),
                "{path}: feed/{name}"
            );
        }
        for entry in feed.children().filter(|c| c.tag_name().name() == "entry") {
            for name in ["id", "title", "updated"] {
                assert!(
                    child(entry, name).is_some_and(|t| !t.is_empty()),
                    "{path}: entry/{name}"
                );
            }
            let updated = child(entry, "updated").unwrap();
            assert!(updated.ends_with('Z') && updated.contains('T'), "{updated}");
        }
    }
    let all = get(s.addr, "/feeds/events.atom").text();
    assert!(all.contains("<entry>"), "the examples give entries");
    assert_eq!(get(s.addr, "/feeds/events.atom?type=picnic").status, 400);
    // A search watch: one entry per matching article, newest first; the
    // hostile article's markup is escaped text.
    let found = get(s.addr, "/feeds/search.atom?q=Zyxwvut").text();
    assert_eq!(found.matches("<entry>").count(), 1, "{found}");
    assert!(!found.contains("<script"), "{found}");
    let many = get(s.addr, "/feeds/search.atom?q=Heilongjiang").text();
    let xml = roxmltree::Document::parse(&many).unwrap();
    let days: Vec<String> = xml
        .descendants()
        .filter(|n| n.tag_name().name() == "entry")
        .filter_map(|e| {
            e.children()
                .find(|c| c.tag_name().name() == "published")
                .and_then(|c| c.text().map(str::to_string))
        })
        .collect();
    assert!(many.matches("<entry>").count() >= 2, "{many}");
    assert!(!days.is_empty(), "{many}");
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "{days:?}");
    assert_eq!(get(s.addr, "/feeds/search.atom").status, 400);
    assert_eq!(get(s.addr, "/feeds/search.atom?q=x&lang=xx").status, 400);
}

#[test]
fn writes_need_the_token() {
    let s = shared();
    let body = br#"{"action":"rename","id":"Heilongjiang","name":"X"}"#;
    let none = request(
        s.addr,
        "POST",
        "/api/curate",
        &[("Content-Type", "application/json")],
        body,
    );
    assert_eq!(none.status, 401, "{}", none.text());
    assert!(none.json()["error"].is_string());
    let wrong = request(
        s.addr,
        "POST",
        "/api/curate",
        &[
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer nope"),
        ],
        body,
    );
    assert_eq!(wrong.status, 401);
    let ingest = request(s.addr, "POST", "/api/ingest?name=a.txt", &[], b"text");
    assert_eq!(ingest.status, 401);

    // A server started without a token refuses every write.
    let ro = start(None, 1 << 20);
    let r = request(
        ro.addr,
        "POST",
        "/api/curate",
        &[
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer x"),
        ],
        body,
    );
    assert_eq!(r.status, 403, "{}", r.text());
    assert_eq!(get(ro.addr, "/api/health").json()["writes"], false);
}

#[test]
fn uploads_over_the_limit_are_refused() {
    let s = start(Some(TOKEN), 1024);
    let big = vec![b'a'; 4096];
    let r = request(
        s.addr,
        "POST",
        "/api/ingest?name=big.txt",
        &[("Authorization", &bearer())],
        &big,
    );
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.json()["error"].is_string());
}

#[test]
fn curation_through_the_api_is_recorded_and_undone() {
    let s = start(Some(TOKEN), 1 << 20);
    ingest_examples(&s);
    let auth = bearer();
    let h = [
        ("Content-Type", "application/json"),
        ("Authorization", auth.as_str()),
    ];
    let r = request(
        s.addr,
        "POST",
        "/api/curate",
        &h,
        br#"{"action":"rename","id":"region:CN-HL","name":"Heilongjiang Province"}"#,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let n = r.json()["correction"].as_i64().unwrap();
    assert_eq!(
        get(s.addr, "/api/entities/region:CN-HL").json()["name"],
        "Heilongjiang Province"
    );
    let bad = request(
        s.addr,
        "POST",
        "/api/curate",
        &h,
        br#"{"action":"explode"}"#,
    );
    assert_eq!(bad.status, 400, "{}", bad.text());
    let unknown = request(
        s.addr,
        "POST",
        "/api/curate",
        &h,
        br#"{"action":"reject","id":"Atlantis Province"}"#,
    );
    assert_eq!(unknown.status, 404, "{}", unknown.text());
    let undo = request(
        s.addr,
        "POST",
        "/api/curate",
        &h,
        format!(r#"{{"action":"undo","n":{n}}}"#).as_bytes(),
    );
    assert_eq!(undo.status, 200, "{}", undo.text());
    assert_ne!(
        get(s.addr, "/api/entities/region:CN-HL").json()["name"],
        "Heilongjiang Province"
    );
}

/// The server keeps no writer: a CLI `amur ingest` goes ahead while it runs,
/// and a server write during a CLI write is refused with 409 rather than waiting.
#[test]
fn a_cli_writer_and_the_server_share_the_writer_lock() {
    let s = start(Some(TOKEN), 1 << 20);
    // What `amur ingest` does first: take the writer lock (without waiting).
    let cli = amur_store::Store::open_writer(s.dir.path(), amur_store::Wait::Fail, &mut || {})
        .expect("the server holds no writer lock while idle");
    let auth = bearer();
    let r = request(
        s.addr,
        "POST",
        "/api/ingest?name=a.txt",
        &[("Authorization", auth.as_str())],
        b"Heilongjiang and Amur Oblast signed an agreement in Harbin.",
    );
    assert_eq!(r.status, 409, "{}", r.text());
    assert!(r.json()["error"].as_str().unwrap().contains("writing"));
    // Reads go on while the CLI writes.
    assert_eq!(get(s.addr, "/api/stats").status, 200);
    drop(cli);
    ingest_file(&s, Path::new("examples/en_primorye_heilongjiang_talks.txt"));
    assert!(
        get(s.addr, "/api/stats").json()["documents"]
            .as_u64()
            .unwrap()
            >= 1
    );
}

#[test]
fn search_facets_count_the_whole_result_not_the_page() {
    let s = shared();
    let all = get(s.addr, "/api/search?q=Heilongjiang&limit=1000").json();
    let one = get(s.addr, "/api/search?q=Heilongjiang&limit=1").json();
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 2, "{all}");
    assert_eq!(one["hits"].as_array().unwrap().len(), 1);
    assert_eq!(one["total"].as_u64(), Some(total));
    // The same counts whatever the page size, and they add up to the total.
    assert_eq!(one["facets"], all["facets"]);
    let langs: u64 = all["facets"]["language"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    assert_eq!(langs, total);
    // A facet value refines the search to exactly its count.
    let first = &all["facets"]["language"][0];
    let lang = first["value"].as_str().unwrap();
    let narrowed = get(s.addr, &format!("/api/search?q=Heilongjiang&lang={lang}")).json();
    assert_eq!(narrowed["total"], first["count"]);
}
