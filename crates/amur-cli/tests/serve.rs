//! `amur serve` (issue 10): binds loopback and says so, answers the API, and a
//! CLI `amur ingest` on the same data directory goes ahead while it runs (the
//! server takes the writer lock only for the length of one write).

use crate::util::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Kills the server when the test ends, pass or fail.
struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let status = raw.split(' ').nth(1).unwrap().parse().unwrap();
    let body = raw.split_once("\r\n\r\n").unwrap().1.to_string();
    (status, body)
}

#[test]
fn serve_answers_while_a_cli_ingest_writes_the_same_store() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("kb");
    let ex = examples();
    let out = amur(
        &ex,
        &[
            "--data",
            data.to_str().unwrap(),
            "ingest",
            "-q",
            "en_primorye_heilongjiang_talks.txt",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mut child = Command::new(env!("CARGO_BIN_EXE_amur"))
        .args([
            "--data",
            data.to_str().unwrap(),
            "serve",
            "--addr",
            "127.0.0.1:0",
        ])
        .env_remove("AMUR_TOKEN")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let server = Serving(child);
    assert!(
        line.contains("loopback only") && line.contains("read-only"),
        "{line}"
    );
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let (status, body) = get(&addr, "/api/health");
    assert_eq!(status, 200, "{body}");
    let health: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(health["writes"], false);
    let (_, body) = get(&addr, "/api/stats");
    let before: serde_json::Value = serde_json::from_str(&body).unwrap();

    // The CLI writer does not wait on the idle server.
    let out = amur(
        &ex,
        &[
            "--data",
            data.to_str().unwrap(),
            "--no-wait",
            "ingest",
            "-q",
            ".",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, body) = get(&addr, "/api/stats");
    let after: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(
        after["documents"].as_u64() > before["documents"].as_u64(),
        "{before} → {after}"
    );
    drop(server);
}
