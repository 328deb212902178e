//! Word lists of page furniture and the outlet table
//! (`data/lexicon/page_furniture.tsv`, `data/lexicon/outlets.tsv`), read
//! through `amur-refdata`'s reader from the embedded copy. The reader reports
//! malformed rows as `file:line` problems and `amur refdata check` checks
//! every kind against its closed set, so the embedded files that reach a
//! build are valid.

use amur_record::chars::ToLower;
use amur_refdata::{Problem, Table};
use std::collections::HashMap;
use std::sync::LazyLock;

const FURNITURE_FILE: &str = "lexicon/page_furniture.tsv";
const OUTLETS_FILE: &str = "lexicon/outlets.tsv";

/// A malformed row in a data file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct DataError(pub String);

impl From<Problem> for DataError {
    fn from(p: Problem) -> Self {
        DataError(p.to_string())
    }
}

/// Parses one embedded-format file with the shared reader; the first problem
/// is the error.
fn read(file: &str, text: &str) -> Result<Table, DataError> {
    let mut problems = Vec::new();
    let t = amur_refdata::tsv::parse(file, text, &mut problems);
    match problems.into_iter().next() {
        Some(p) => Err(p.into()),
        None => Ok(t),
    }
}

fn embedded(file: &str) -> &'static str {
    amur_refdata::embedded_text(file).unwrap_or("")
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
        .to_lower()
}

fn parse_furniture(text: &str) -> Result<Furniture, DataError> {
    let t = read(FURNITURE_FILE, text)?;
    let mut f = Furniture::default();
    for row in t.rows() {
        let kind = match t.raw(row, "kind") {
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
            other => return Err(t.problem(row, format!("unknown kind {other:?}")).into()),
        };
        let phrase = t
            .get(row, "phrase")
            .ok_or_else(|| DataError::from(t.problem(row, "empty phrase".into())))?;
        f.by_kind.entry(kind).or_default().push(phrase.to_lower());
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
        let mut h = host.trim_start_matches("www.").to_lower();
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
    let t = read(OUTLETS_FILE, text)?;
    let mut o = Outlets::default();
    for row in t.rows() {
        let (Some(key), Some(outlet)) = (t.get(row, "key"), t.get(row, "outlet")) else {
            return Err(t.problem(row, "empty key or outlet".into()).into());
        };
        match t.raw(row, "kind") {
            "agency" => o.agencies.push(outlet.to_string()),
            "host" => {
                o.hosts.insert(key.to_lower(), outlet.to_string());
            }
            other => return Err(t.problem(row, format!("unknown kind {other:?}")).into()),
        }
    }
    o.agencies
        .sort_by_key(|a| std::cmp::Reverse(a.chars().count()));
    Ok(o)
}

/// The furniture lexicon. The file is part of the build, so a malformed row
/// is a build defect, caught by this module's tests.
pub static FURNITURE_LEXICON: LazyLock<Furniture> =
    LazyLock::new(|| parse_furniture(embedded(FURNITURE_FILE)).unwrap_or_else(|e| panic!("{e}")));

/// The outlet table (see [`FURNITURE_LEXICON`] on errors).
pub static OUTLET_TABLE: LazyLock<Outlets> =
    LazyLock::new(|| parse_outlets(embedded(OUTLETS_FILE)).unwrap_or_else(|e| panic!("{e}")));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_parse() {
        assert!(parse_furniture(embedded(FURNITURE_FILE)).is_ok());
        assert!(parse_outlets(embedded(OUTLETS_FILE)).is_ok());
        assert!(FURNITURE_LEXICON.whole_line(Kind::Widget, "Adjust font size:"));
        assert!(FURNITURE_LEXICON.whole_line(Kind::Credit, "責任編輯"));
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = parse_furniture("# head\nkind\tphrase\nwidget\tok\nbroken\n").unwrap_err();
        assert!(
            e.to_string().starts_with("lexicon/page_furniture.tsv:4:"),
            "{e}"
        );
        let e = parse_furniture("# h\nkind\tphrase\n\nnope\tx\n").unwrap_err();
        assert!(
            e.to_string().starts_with("lexicon/page_furniture.tsv:4:"),
            "{e}"
        );
    }

    #[test]
    fn hosts_match_subdomains() {
        let t = &*OUTLET_TABLE;
        assert_eq!(t.by_host("www.tass.ru"), Some("ТАСС"));
        assert_eq!(t.by_host("nm.people.com.cn"), Some("人民网"));
        assert_eq!(t.by_host("example.org"), None);
    }
}
