//! Bad input never crashes the batch: one clear line per bad file, the rest
//! is extracted, the exit status says something failed.

use crate::util::*;
use std::io::Write;

#[test]
fn a_batch_of_bad_files_completes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("good.txt"),
        "Headline\n2024-01-02\n\nA good article body sentence.",
    )
    .unwrap();
    std::fs::write(
        p.join("binary.dat"),
        [0u8, 1, 2, 3, 0, 255, 254, 0, 7, 8, 9, 0, 0, 1],
    )
    .unwrap();
    std::fs::write(p.join("image.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(p.join("empty.txt"), "").unwrap();
    let mut bad_utf8 =
        "Заголовок статьи о сотрудничестве регионов\n\nТекст статьи о встрече губернатора."
            .as_bytes()
            .to_vec();
    bad_utf8[20] = 0xFF;
    std::fs::write(p.join("invalid-utf8.txt"), bad_utf8).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(
        "Headline\n\nBody of a compressed article. "
            .repeat(200)
            .as_bytes(),
    )
    .unwrap();
    let full = gz.finish().unwrap();
    std::fs::write(p.join("truncated.txt.gz"), &full[..full.len() / 2]).unwrap();
    let big = format!(
        "<html><body>{}</body></html>",
        "<div><p>padding text</p></div>".repeat(700_000)
    );
    assert!(big.len() > 20 * 1024 * 1024);
    std::fs::write(p.join("huge.html"), big).unwrap();
    std::fs::write(p.join("broken.jsonl"), "{\"url\": \"u\", \"text\": \n").unwrap();
    std::fs::write(p.join("malformed.html"), "<html><body><div><p>Unclosed <b>markup <i>everywhere<p>Text of the malformed page about the Heihe bridge.</td></table>").unwrap();

    let out = amur(p, &["extract", "."]);
    eqnice!(Some(1), out.status.code(), "exit status reports failures");
    let recs = records(&out);
    let sources: Vec<String> = recs
        .iter()
        .map(|r| r["source"].as_str().unwrap().to_string())
        .collect();
    assert!(
        sources.iter().any(|s| s.ends_with("good.txt")),
        "{sources:?}"
    );
    assert!(
        sources.iter().any(|s| s.ends_with("malformed.html")),
        "malformed HTML is still read: {sources:?}"
    );
    let err = stderr(&out);
    for (file, why) in [
        ("binary.dat", "binary file"),
        ("image.png", "PNG image"),
        ("empty.txt", "empty file"),
        ("invalid-utf8.txt", "invalid UTF-8"),
        ("truncated.txt.gz", "gzip"),
        ("huge.html", "too large"),
        ("broken.jsonl", "invalid JSON"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no error line for {file}:\n{err}"));
        assert!(line.contains(why), "{file}: {line}");
        assert!(line.starts_with("amur: "), "{line}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn lossy_reads_damaged_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let mut bad = "Заголовок статьи\n\nТекст статьи о встрече губернатора с делегацией."
        .as_bytes()
        .to_vec();
    bad[40] = 0xFF;
    std::fs::write(dir.path().join("a.txt"), bad).unwrap();
    let out = amur(dir.path(), &["extract", "--lossy", "a.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn missing_path_is_reported_and_others_continue() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Title\n\nBody text of the article.",
    )
    .unwrap();
    let out = amur(dir.path(), &["extract", "nope.txt", "a.txt"]);
    eqnice!(Some(1), out.status.code(), "missing file");
    eqnice!(1, records(&out).len(), "the existing file is read");
    assert!(
        stderr(&out).contains("nope.txt: no such file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_flags_exit_2() {
    let out = amur(
        std::path::Path::new("."),
        &["extract", "--format", "xml", "a"],
    );
    eqnice!(Some(2), out.status.code(), "clap usage error");
}

/// Issue 9: a page nested 100,000 elements deep fails at once with one clear
/// line; the rest of the batch is extracted.
#[test]
fn a_page_nested_100000_deep_fails_fast_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    let deep = format!(
        "<html><body>{}<p>The governor met the delegation in Harbin.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(p.join("deep.html"), deep).expect("write");
    std::fs::write(
        p.join("good.txt"),
        "Headline of the story\n\nThe governor of Amur Oblast met the delegation from Heihe.",
    )
    .expect("write");
    one_page_fails_quickly(
        p,
        &["extract", "deep.html", "good.txt"],
        "deep.html: HTML nested more than 1000",
    );
}

/// Runs `args` over one bad page and one good one: within 20 s, exit 1,
/// `error` on stderr, the good page's record on stdout.
fn one_page_fails_quickly(p: &std::path::Path, args: &[&str], error: &str) {
    let started = std::time::Instant::now();
    let out = amur(p, args);
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(error), "{}", stderr(&out));
    assert_eq!(records(&out).len(), 1);
}

#[test]
fn a_page_over_the_time_budget_is_skipped_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    let big = "The governor of Amur Oblast visited Harbin on Monday. ".repeat(60_000);
    std::fs::write(p.join("big.txt"), format!("A long story\n\n{big}")).expect("write");
    std::fs::write(
        p.join("good.txt"),
        "Headline of the story\n\nThe governor of Amur Oblast met the delegation from Heihe.",
    )
    .expect("write");
    one_page_fails_quickly(
        p,
        &["extract", "--input-timeout", "0.3", "big.txt", "good.txt"],
        "big.txt: extraction took longer than 0.3 s",
    );
    // Must not fire: a budget of 0 is none, and a page within its budget is read.
    let out = amur(p, &["extract", "--input-timeout", "0", "good.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = amur(p, &["extract", "--input-timeout", "30", "good.txt"]);
    assert_eq!(records(&out).len(), 1, "{}", stderr(&out));
}
