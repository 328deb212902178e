//! Test harness: a server on a free loopback port over a fresh store, and a
//! minimal HTTP/1.1 client (one request per connection, bounded by timeouts).

#![allow(dead_code)]

use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

pub const TOKEN: &str = "test-token";

pub fn bearer() -> String {
    format!("Bearer {TOKEN}")
}

pub struct Server {
    pub addr: SocketAddr,
    pub dir: tempfile::TempDir,
}

/// A server over an empty store; it runs until the test binary exits.
pub fn start(token: Option<&str>, max_body: usize) -> Server {
    let dir = tempfile::tempdir().unwrap();
    drop(amur_store::Store::create(dir.path()).unwrap());
    let mut config = amur_server::Config::new(dir.path().to_path_buf());
    config.token = token.map(str::to_string);
    config.max_body = max_body;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let r = amur_server::serve(&config, "127.0.0.1:0".parse().unwrap(), |a| {
            tx.send(a).unwrap()
        });
        panic!("server stopped: {r:?}");
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the server starts");
    Server { addr, dir }
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Uploads one file from the repository.
pub fn ingest_file(s: &Server, rel: &Path) {
    let path = repo().join(rel);
    let bytes = std::fs::read(&path).unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    let r = request(
        s.addr,
        "POST",
        &format!("/api/ingest?name={name}"),
        &[("Authorization", &bearer())],
        &bytes,
    );
    assert_eq!(r.status, 200, "{name}: {}", r.text());
}

/// Uploads every file of examples/.
pub fn ingest_examples(s: &Server) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        ingest_file(s, &Path::new("examples").join(f.file_name().unwrap()));
    }
}

/// The examples plus an article full of markup, shared by the read-only tests.
pub fn shared() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| {
        let s = start(Some(TOKEN), 16 << 20);
        ingest_examples(&s);
        let hostile = "Zyxwvut report. Heilongjiang officials met Amur Oblast officials in Harbin on 12 May 2024. \
            <script>alert(1)</script> <img src=x onerror=alert(2)> & more.\n";
        let r = request(
            s.addr,
            "POST",
            "/api/ingest?name=hostile.txt",
            &[("Authorization", &bearer())],
            hostile.as_bytes(),
        );
        assert_eq!(r.status, 200, "{}", r.text());
        s
    })
}

pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
}

pub fn get(addr: SocketAddr, path: &str) -> Resp {
    request(addr, "GET", path, &[], b"")
}

pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~:".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Resp {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) before reading the whole body.
    let _ = s.write_all(body);
    // Read to the end of the body: its length when the server gives one (not
    // every server closes at once on `Connection: close`), else to EOF.
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        let n = s.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_lowercase();
            let length = head
                .lines()
                .filter_map(|l| l.strip_prefix("content-length:"))
                .find_map(|v| v.trim().parse::<usize>().ok());
            if length.is_some_and(|l| raw.len() >= end + 4 + l) {
                break;
            }
        }
    }
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end: {}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Resp {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
}

/// Checks `v` against an OpenAPI schema: types, nullability, required
/// properties, array items, `$ref`s into `doc`.
pub fn validate(doc: &Value, schema: &Value, v: &Value, at: &str) {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap();
        let target = &doc["components"]["schemas"][name];
        assert!(target.is_object(), "{at}: no schema {name}");
        return validate(doc, target, v, at);
    }
    if v.is_null() {
        assert!(
            schema["nullable"] == true,
            "{at}: null where the schema has no nullable"
        );
        return;
    }
    match schema["type"].as_str() {
        Some("object") => {
            let o = v
                .as_object()
                .unwrap_or_else(|| panic!("{at}: not an object: {v}"));
            for req in schema["required"].as_array().into_iter().flatten() {
                let k = req.as_str().unwrap();
                assert!(o.contains_key(k), "{at}: missing {k}");
            }
            if let Some(props) = schema["properties"].as_object() {
                for (k, sub) in props {
                    if let Some(x) = o.get(k) {
                        validate(doc, sub, x, &format!("{at}.{k}"));
                    }
                }
            }
        }
        Some("array") => {
            let a = v
                .as_array()
                .unwrap_or_else(|| panic!("{at}: not an array: {v}"));
            for (i, x) in a.iter().enumerate() {
                validate(doc, &schema["items"], x, &format!("{at}[{i}]"));
            }
        }
        Some("string") => assert!(v.is_string(), "{at}: not a string: {v}"),
        Some("integer") => assert!(v.is_i64() || v.is_u64(), "{at}: not an integer: {v}"),
        Some("number") => assert!(v.is_number(), "{at}: not a number: {v}"),
        Some("boolean") => assert!(v.is_boolean(), "{at}: not a boolean: {v}"),
        _ => {}
    }
}
