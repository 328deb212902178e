//! WARC archives: every `response` (or `resource`) record whose payload is
//! HTML or text becomes a page; its `WARC-Target-URI` is the page source.

use crate::input::{page_from_bytes, read_limited};
use crate::{Declared, Error, Limits, PageKind, RawPage, Result};
use flate2::read::{GzDecoder, ZlibDecoder};
use std::io::BufRead;
use warc::{RecordType, WarcHeader, WarcReader};

pub(crate) fn read<R: BufRead>(name: &str, r: R, limits: &Limits) -> Result<Vec<Result<RawPage>>> {
    let mut out = Vec::new();
    for (n, rec) in WarcReader::new(r).iter_records().enumerate() {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                // The parser cannot resynchronise after a broken record.
                out.push(Err(Error::Warc {
                    path: name.to_string(),
                    reason: format!("record {}: {e}", n + 1),
                }));
                break;
            }
        };
        let is_response = *rec.warc_type() == RecordType::Response;
        if !is_response && *rec.warc_type() != RecordType::Resource {
            continue;
        }
        let uri = rec
            .header(WarcHeader::TargetURI)
            .map(|u| u.trim_matches(['<', '>']).to_string())
            .unwrap_or_else(|| format!("{name}#{}", n + 1));
        let body = rec.body();
        let (content_type, payload) = if is_response {
            match split_http(body) {
                Some(x) => x,
                None => continue,
            }
        } else {
            let ct = rec
                .header(WarcHeader::ContentType)
                .map(|c| c.to_string())
                .unwrap_or_default();
            (
                HttpPayload {
                    content_type: ct,
                    encoding: None,
                    chunked: false,
                },
                body.to_vec(),
            )
        };
        let ct = payload_type(&content_type.content_type);
        let Some(kind) = ct else { continue };
        let bytes = match decode_transfer(&content_type, payload, limits) {
            Ok(b) => b,
            Err(reason) => {
                out.push(Err(Error::Warc { path: uri, reason }));
                continue;
            }
        };
        if bytes.len() > limits.max_page_bytes {
            out.push(Err(Error::TooLarge {
                path: uri,
                size: bytes.len(),
                limit: limits.max_page_bytes,
            }));
            continue;
        }
        let charset = charset_of(&content_type.content_type);
        out.push(
            page_from_bytes(&uri, &bytes, kind, charset.as_deref(), limits).map(|mut p| {
                p.declared = Declared {
                    url: Some(uri.clone()),
                    ..Default::default()
                };
                p
            }),
        );
    }
    Ok(out)
}

struct HttpPayload {
    content_type: String,
    encoding: Option<String>,
    chunked: bool,
}

/// Splits an HTTP response into its relevant headers and body.
fn split_http(body: &[u8]) -> Option<(HttpPayload, Vec<u8>)> {
    let (head_end, sep) = find(body, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| find(body, b"\n\n").map(|i| (i, 2)))?;
    let head = String::from_utf8_lossy(&body[..head_end]);
    let mut p = HttpPayload {
        content_type: String::new(),
        encoding: None,
        chunked: false,
    };
    for line in head.lines().skip(1) {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_string());
        match k.as_str() {
            "content-type" => p.content_type = v,
            "content-encoding" => p.encoding = Some(v.to_ascii_lowercase()),
            "transfer-encoding" => p.chunked = v.to_ascii_lowercase().contains("chunked"),
            _ => {}
        }
    }
    Some((p, body[head_end + sep..].to_vec()))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// HTML or text kind of a MIME type; `None` for anything else. An absent
/// type is sniffed as HTML later by the cleaner's tolerance.
fn payload_type(ct: &str) -> Option<PageKind> {
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" | "" => Some(PageKind::Html),
        "text/plain" => Some(PageKind::Text),
        _ => None,
    }
}

fn charset_of(ct: &str) -> Option<String> {
    let lower = ct.to_ascii_lowercase();
    let at = lower.find("charset=")?;
    Some(
        lower[at + 8..]
            .trim_matches(['"', '\'', ' ', ';'])
            .to_string(),
    )
}

fn decode_transfer(
    p: &HttpPayload,
    body: Vec<u8>,
    limits: &Limits,
) -> std::result::Result<Vec<u8>, String> {
    let body = if p.chunked {
        dechunk(&body).unwrap_or(body)
    } else {
        body
    };
    let limit = limits.max_page_bytes;
    let inflate = |r: Box<dyn std::io::Read + '_>| match read_limited(r, limit) {
        Ok(Ok(b)) => Ok(b),
        Ok(Err(n)) => Ok(vec![0; n.min(limit + 1)]),
        Err(e) => Err(format!("cannot decompress body ({e})")),
    };
    match p.encoding.as_deref() {
        Some("gzip") | Some("x-gzip") => inflate(Box::new(GzDecoder::new(&body[..]))),
        Some("deflate") => inflate(Box::new(ZlibDecoder::new(&body[..]))),
        Some("identity") | None => Ok(body),
        Some(other) => Err(format!("unsupported content encoding {other}")),
    }
}

/// Removes HTTP chunked transfer framing; `None` if the framing is broken.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let nl = find(rest, b"\r\n")?;
        let size_str = std::str::from_utf8(&rest[..nl]).ok()?;
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[nl + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..).unwrap_or(&[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warc_record(uri: &str, ct: &str, body: &str) -> Vec<u8> {
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\n\r\n{body}");
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{}>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            uri.len(),
            http.len()
        )
        .into_bytes()
    }

    #[test]
    fn reads_html_responses_and_skips_others() {
        let mut w = warc_record(
            "http://a.example/1",
            "text/html; charset=utf-8",
            "<html><p>Один</p></html>",
        );
        w.extend(warc_record("http://a.example/img", "image/png", "PNG"));
        w.extend(warc_record("http://a.example/2", "text/plain", "Two"));
        let pages = read("x.warc", &w[..], &Limits::default()).unwrap();
        let pages: Vec<_> = pages.into_iter().map(|p| p.unwrap()).collect();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].source, "http://a.example/1");
        assert_eq!(pages[0].kind, PageKind::Html);
        assert!(pages[0].content.contains("Один"));
        assert_eq!(pages[1].kind, PageKind::Text);
    }

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
    }
}
