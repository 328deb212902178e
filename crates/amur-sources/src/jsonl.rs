//! JSON Lines of already-scraped articles: `{"url","title","text"|"html","date"}`
//! per line. A `.json` file holding one object or an array of them is read too.

use crate::{Declared, Error, Limits, PageKind, RawPage, Result};
use serde::Deserialize;
use std::io::BufRead;

#[derive(Deserialize)]
struct Line {
    url: Option<String>,
    title: Option<String>,
    text: Option<String>,
    html: Option<String>,
    #[serde(alias = "published", alias = "date_published")]
    date: Option<serde_json::Value>,
}

pub(crate) fn read<R: BufRead>(name: &str, r: R, limits: &Limits) -> Result<Vec<Result<RawPage>>> {
    let mut out = Vec::new();
    // A pretty-printed .json document is one value spread over lines.
    let mut whole: Option<String> = None;
    for (i, line) in r.lines().enumerate() {
        let line = line.map_err(|source| Error::Io {
            path: name.to_string(),
            source,
        })?;
        if let Some(buf) = whole.as_mut() {
            buf.push_str(&line);
            buf.push('\n');
            continue;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if i == 0
            && (trimmed == "{" || trimmed.starts_with('['))
            && serde_json::from_str::<serde_json::Value>(trimmed).is_err()
        {
            whole = Some(format!("{line}\n"));
            continue;
        }
        if line.len() > limits.max_page_bytes {
            out.push(Err(Error::Json {
                path: name.to_string(),
                line: i + 1,
                reason: format!("record too large ({} bytes)", line.len()),
            }));
            continue;
        }
        out.extend(parse_value(name, i + 1, trimmed));
    }
    if let Some(doc) = whole {
        out.extend(parse_value(name, 1, &doc));
    }
    if out.is_empty() {
        return Err(Error::Empty {
            path: name.to_string(),
        });
    }
    Ok(out)
}

fn parse_value(name: &str, line_no: usize, text: &str) -> Vec<Result<RawPage>> {
    let err = |reason: String| Error::Json {
        path: name.to_string(),
        line: line_no,
        reason,
    };
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return vec![Err(err(format!("invalid JSON ({e})")))],
    };
    let items = match value {
        serde_json::Value::Array(a) => a,
        v => vec![v],
    };
    items
        .into_iter()
        .enumerate()
        .map(|(k, v)| {
            let line: Line = serde_json::from_value(v)
                .map_err(|e| err(format!("not an article object ({e})")))?;
            let (kind, content) = match (line.html, line.text) {
                (Some(h), _) if !h.trim().is_empty() => (PageKind::Html, h),
                (_, Some(t)) if !t.trim().is_empty() => (PageKind::Text, t),
                _ => return Err(err("no \"text\" or \"html\" field".into())),
            };
            let source = line.url.clone().unwrap_or_else(|| {
                if k == 0 {
                    format!("{name}:{line_no}")
                } else {
                    format!("{name}:{line_no}:{k}")
                }
            });
            let date = line.date.and_then(|d| match d {
                serde_json::Value::String(s) => Some(s),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            });
            Ok(RawPage {
                source,
                kind,
                content,
                encoding: "UTF-8",
                declared: Declared {
                    url: line.url,
                    title: line.title,
                    date,
                },
            })
        })
        .collect()
}
