//! Word lists of page furniture and the outlet table, read from the TSV files
//! under `data/` (embedded at build time).
//!
//! Parsing lives in one function, [`parse_tsv`], so that a shared loader can
//! take over later; a malformed row is an error naming `file:line`.

use std::collections::HashMap;
use std::sync::LazyLock;

const FURNITURE_FILE: &str = "data/lexicon/page_furniture.tsv";
const FURNITURE: &str = include_str!("../../../data/lexicon/page_furniture.tsv");
const OUTLETS_FILE: &str = "data/reference/outlets.tsv";
const OUTLETS: &str = include_str!("../../../data/reference/outlets.tsv");

/// A malformed row in a data file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DataError {
    /// The data file.
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Rows of a tab-separated file with exactly `columns` non-empty fields;
/// blank lines and `#` comments are skipped.
pub fn parse_tsv(
    file: &'static str,
    text: &str,
    columns: usize,
) -> Result<Vec<Vec<String>>, DataError> {
    let mut rows = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<String> = line.split('\t').map(|f| f.trim().to_string()).collect();
        if fields.len() != columns || fields.iter().any(|f| f.is_empty()) {
            return Err(DataError {
                file,
                line: i + 1,
                message: format!("expected {columns} non-empty tab-separated fields"),
            });
        }
        rows.push(fields);
    }
    Ok(rows)
}

/// The kind of a furniture phrase (see the header of `page_furniture.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A whole line of furniture.
    Widget,
    /// A "follow us" line opener.
    Follow,
    /// Opens a block of links.
    Block,
    /// End-of-article marker.
    End,
    /// Credit label naming the outlet.
    Source,
    /// Credit label naming people.
    Credit,
    /// Label before a date.
    Date,
    /// Link marker closing a teaser of another story.
    Teaser,
    /// Opens a site banner ("Welcome to …").
    Banner,
    /// Opens a breadcrumb ("当前位置：…").
    Crumb,
}

/// Furniture phrases by kind, lower case.
#[derive(Debug, Default)]
pub struct Furniture {
    by_kind: HashMap<Kind, Vec<String>>,
}

impl Furniture {
    /// Phrases of one kind.
    pub fn phrases(&self, kind: Kind) -> &[String] {
        self.by_kind.get(&kind).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether a whole line is one of the phrases of `kind`.
    pub fn whole_line(&self, kind: Kind, line: &str) -> bool {
        let key = line_key(line);
        !key.is_empty() && self.phrases(kind).contains(&key)
    }
}

/// A line reduced for whole-line lookups: lower case, trailing punctuation
/// and arrows dropped.
pub fn line_key(line: &str) -> String {
    line.trim()
        .trim_end_matches(|c: char| ":：!！.。…>»|".contains(c) || c.is_whitespace())
        .to_lowercase()
}

fn parse_furniture(text: &str) -> Result<Furniture, DataError> {
    let mut f = Furniture::default();
    for (n, row) in parse_tsv(FURNITURE_FILE, text, 2)?.into_iter().enumerate() {
        let kind = match row[0].as_str() {
            "widget" => Kind::Widget,
            "follow" => Kind::Follow,
            "block" => Kind::Block,
            "end" => Kind::End,
            "source" => Kind::Source,
            "credit" => Kind::Credit,
            "date" => Kind::Date,
            "teaser" => Kind::Teaser,
            "banner" => Kind::Banner,
            "crumb" => Kind::Crumb,
            other => {
                return Err(DataError {
                    file: FURNITURE_FILE,
                    line: data_line(text, n),
                    message: format!("unknown kind {other:?}"),
                })
            }
        };
        f.by_kind
            .entry(kind)
            .or_default()
            .push(row[1].to_lowercase());
    }
    Ok(f)
}

/// Outlet names and web hosts.
#[derive(Debug, Default)]
pub struct Outlets {
    /// Names used in credits and datelines, longest first.
    pub agencies: Vec<String>,
    hosts: HashMap<String, String>,
}

impl Outlets {
    /// The outlet publishing on `host` (a subdomain matches its parent).
    pub fn by_host(&self, host: &str) -> Option<&str> {
        let mut h = host.trim_start_matches("www.").to_lowercase();
        loop {
            if let Some(o) = self.hosts.get(&h) {
                return Some(o);
            }
            let (_, rest) = h.split_once('.')?;
            if !rest.contains('.') {
                return None;
            }
            h = rest.to_string();
        }
    }
}

fn parse_outlets(text: &str) -> Result<Outlets, DataError> {
    let mut o = Outlets::default();
    for (n, row) in parse_tsv(OUTLETS_FILE, text, 3)?.into_iter().enumerate() {
        match row[0].as_str() {
            "agency" => o.agencies.push(row[2].clone()),
            "host" => {
                o.hosts.insert(row[1].to_lowercase(), row[2].clone());
            }
            other => {
                return Err(DataError {
                    file: OUTLETS_FILE,
                    line: data_line(text, n),
                    message: format!("unknown kind {other:?}"),
                })
            }
        }
    }
    o.agencies
        .sort_by_key(|a| std::cmp::Reverse(a.chars().count()));
    Ok(o)
}

/// The file line of the `n`-th data row (for error messages).
fn data_line(text: &str, n: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .nth(n)
        .map(|(i, _)| i + 1)
        .unwrap_or(0)
}

/// The furniture lexicon. The file is part of the build, so a malformed row
/// is a build defect, caught by this module's tests.
pub static FURNITURE_LEXICON: LazyLock<Furniture> =
    LazyLock::new(|| parse_furniture(FURNITURE).unwrap_or_else(|e| panic!("{e}")));

/// The outlet table (see [`FURNITURE_LEXICON`] on errors).
pub static OUTLET_TABLE: LazyLock<Outlets> =
    LazyLock::new(|| parse_outlets(OUTLETS).unwrap_or_else(|e| panic!("{e}")));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_parse() {
        assert!(parse_furniture(FURNITURE).is_ok());
        assert!(parse_outlets(OUTLETS).is_ok());
        assert!(FURNITURE_LEXICON.whole_line(Kind::Widget, "Adjust font size:"));
        assert!(FURNITURE_LEXICON.whole_line(Kind::Credit, "責任編輯"));
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = parse_tsv("x.tsv", "# head\nwidget\tok\nbroken\n", 2).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.tsv:3: expected 2 non-empty tab-separated fields"
        );
        let e = parse_furniture("# h\n\nnope\tx\n").unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn hosts_match_subdomains() {
        let t = &*OUTLET_TABLE;
        assert_eq!(t.by_host("www.tass.ru"), Some("ТАСС"));
        assert_eq!(t.by_host("nm.people.com.cn"), Some("人民网"));
        assert_eq!(t.by_host("example.org"), None);
    }
}
