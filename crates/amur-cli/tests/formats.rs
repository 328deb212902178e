//! Every input format and character encoding reads and decodes correctly.

use crate::util::*;

fn one(path: &str) -> serde_json::Value {
    let dir = fixtures();
    let out = amur(&dir, &["extract", path]);
    assert!(out.status.success(), "{path}: {}", stderr(&out));
    let mut recs = records(&out);
    assert_eq!(recs.len(), 1, "{path}");
    recs.remove(0)
}

#[test]
fn encodings_decode_to_the_same_text() {
    let ru = "Губернатор Приморского края провёл переговоры с делегацией провинции Хэйлунцзян во Владивостоке.";
    for f in [
        "utf8.txt",
        "utf8-bom.txt",
        "utf16le-bom.txt",
        "windows-1251.txt",
        "koi8-r.txt",
    ] {
        let r = one(&format!("encodings/{f}"));
        assert!(
            r["text"].as_str().unwrap().starts_with(ru),
            "{f}: {}",
            r["text"]
        );
        eqnice!("ru", r["language"], f);
        eqnice!("2024-06-14", r["published"], f);
    }
    let zh = "黑龙江省代表团在符拉迪沃斯托克与滨海边疆区政府举行会谈";
    for f in ["gbk.txt", "utf16be-bom.txt", "gb18030.html"] {
        let r = one(&format!("encodings/{f}"));
        assert!(
            r["text"].as_str().unwrap().starts_with(zh),
            "{f}: {}",
            r["text"]
        );
        eqnice!("zh", r["language"], f);
    }
    let r = one("encodings/big5.txt");
    assert!(
        r["text"]
            .as_str()
            .unwrap()
            .starts_with("黑龍江省代表團在海參崴"),
        "{}",
        r["text"]
    );
    let r = one("encodings/windows-1251.html");
    eqnice!(
        "Губернатор встретился с делегацией",
        r["title"],
        "declared windows-1251 title"
    );
    assert!(r["text"].as_str().unwrap().starts_with(ru));
}

#[test]
fn gzip_html_and_text() {
    let r = one("formats/page.html.gz");
    eqnice!(
        "Heilongjiang delegation visits Vladivostok",
        r["title"],
        "html title"
    );
    let text = r["text"].as_str().unwrap();
    assert!(text.starts_with("A delegation from Heilongjiang"), "{text}");
    assert!(!text.contains("Footer") && !text.contains("Menu"), "{text}");
    let r = one("formats/article.txt.gz");
    eqnice!("2024-06-14", r["published"], "gzipped text dateline");
}

#[test]
fn warc_plain_and_gzipped() {
    for f in ["formats/crawl.warc", "formats/crawl.warc.gz"] {
        let out = amur(&fixtures(), &["extract", f]);
        assert!(out.status.success(), "{f}: {}", stderr(&out));
        let recs = records(&out);
        let sources: Vec<&str> = recs.iter().map(|r| r["source"].as_str().unwrap()).collect();
        eqnice!(
            vec![
                "https://news.example/warc/en",
                "https://news.example/warc/ru"
            ],
            sources,
            f
        );
        assert!(
            recs[1]["text"].as_str().unwrap().contains("Владивостоке"),
            "windows-1251 payload"
        );
    }
}

#[test]
fn json_lines_with_a_bad_line() {
    let out = amur(&fixtures(), &["extract", "formats/articles.jsonl"]);
    eqnice!(Some(1), out.status.code(), "a bad line fails the run");
    let recs = records(&out);
    eqnice!(2, recs.len(), "good lines still extracted");
    eqnice!(
        "https://news.example/a1",
        recs[0]["source"],
        "url becomes source"
    );
    eqnice!(
        "Jilin delegation in Primorye",
        recs[0]["title"],
        "declared title"
    );
    eqnice!("2024-09-18", recs[1]["published"], "declared date");
    let err = stderr(&out);
    assert!(err.contains("articles.jsonl:3: invalid JSON"), "{err}");
}

#[test]
fn stdin_and_pretty_output() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_amur"))
        .args(["extract", "--format", "pretty", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Headline\n12 января 2023\n\nТекст статьи о встрече.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    eqnice!("-", v["source"], "stdin source");
    eqnice!("2023-01-12", v["published"], "russian dateline");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("\n  \"doc_id\""),
        "pretty layout"
    );
}

#[test]
fn output_order_is_deterministic_in_parallel() {
    let dir = fixtures();
    let a = amur(
        &dir,
        &["extract", "--jobs", "1", "encodings", "formats/crawl.warc"],
    );
    let b = amur(
        &dir,
        &["extract", "--jobs", "4", "encodings", "formats/crawl.warc"],
    );
    eqnice!(a.stdout, b.stdout, "same bytes with 1 and 4 jobs");
}

/// Issue 11: a wire brief of two sentences in JSON Lines is an article.
#[test]
fn a_two_sentence_brief_in_json_lines_is_extracted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("briefs.jsonl");
    std::fs::write(
        &path,
        concat!(
            r#"{"url":"https://example.org/a","text":"Trade between Heihe and Blagoveshchensk grew by 20 percent in May. The governor of Amur Oblast welcomed the figure."}"#,
            "\n",
            r#"{"url":"https://example.org/b","title":"Bridge talks","text":"The two mayors met in Heihe. They discussed the bridge."}"#,
            "\n"
        ),
    )
    .expect("write");
    let out = amur(dir.path(), &["extract", "briefs.jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert!(recs[0]["text"]
        .as_str()
        .unwrap_or("")
        .starts_with("Trade between Heihe"));
    eqnice!("Bridge talks", recs[1]["title"], "title");
}

/// More inputs than one parallel chunk: chunks are extracted while the
/// previous one is written, and the order stays the input order; a reader
/// that goes away stops the reading too (no thread left waiting).
#[test]
fn many_inputs_stream_in_order_and_a_closed_pipe_stops_the_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..600 {
        std::fs::write(
            dir.path().join(format!("n{i:04}.txt")),
            format!("Report {i}. The mayor of Heihe met the mayor of Blagoveshchensk.\n"),
        )
        .expect("write");
    }
    let out = amur(dir.path(), &["extract", "-q", "--jobs", "2", "."]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sources: Vec<String> = records(&out)
        .iter()
        .map(|r| r["source"].as_str().unwrap_or_default().to_string())
        .collect();
    eqnice!(600, sources.len(), "one record per file");
    let mut sorted = sources.clone();
    sorted.sort();
    eqnice!(sorted, sources, "input order");

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_amur"))
        .args(["extract", "-q", "--jobs", "2", "."])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run amur");
    drop(child.stdout.take());
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("extract kept running after its reader went away");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    eqnice!(Some(0), status.code(), "a closed stdout is a quiet exit");
}
