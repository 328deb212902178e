//! Clean: which text is the article, and what does the page say about it?
//!
//! Place in the pipeline: **[`RawPage`] → [`CleanDoc`]** → recognise.
//!
//! HTML pages go through a main-text extractor ([`html`]) and a metadata
//! reader ([`html_meta`]); plain scraped text goes through line rules
//! ([`boilerplate`], [`text`]) that drop furniture in English, Russian and
//! Chinese and read the headline, dateline and bylines. Both end with the same
//! line rules, so a caption or "Read also" block that an HTML extractor lets
//! through is still removed.
//!
//! ```
//! use amur_clean::Cleaner;
//! use amur_sources::{PageKind, RawPage};
//! let page = RawPage {
//!     source: "a.txt".into(), kind: PageKind::Text, encoding: "UTF-8", declared: Default::default(),
//!     content: "Headline here\n2023-10-20 13:51\n\nBody sentence.\n\nPowered by X ©2023".into(),
//! };
//! let doc = Cleaner::default().clean(&page).unwrap();
//! assert_eq!(doc.title.as_deref(), Some("Headline here"));
//! assert_eq!(doc.published.as_deref(), Some("2023-10-20"));
//! assert_eq!(doc.text, "Body sentence.");
//! ```
#![warn(missing_docs)]

pub mod boilerplate;
pub mod headline;
pub mod html;
pub mod html_meta;
pub mod language;
pub mod lexicon;
pub mod normalise;
pub mod outlet;
pub mod text;

pub use html::Extractor;

use amur_dates::{find_dates, parse_date, PartialDate};
use amur_record::Lang;
use amur_sources::{PageKind, RawPage};
use chrono::NaiveDate;

/// A cleaned article: body text and the metadata the page states.
#[derive(Debug, Clone, PartialEq)]
pub struct CleanDoc {
    /// Where it was read from.
    pub source: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub published: Option<String>,
    /// Language.
    pub language: Lang,
    /// Publication named by the page.
    pub outlet: Option<String>,
    /// Authors and editors.
    pub authors: Vec<String>,
    /// Body text, paragraphs separated by blank lines.
    pub text: String,
}

/// Why a page yields no article.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Nothing but furniture was found.
    #[error("{path}: no article text found")]
    NoText {
        /// The page.
        path: String,
    },
    /// The markup nests deeper than any article page; parsing it would take
    /// time that grows with the square of the depth.
    #[error("{path}: HTML nested more than {limit} elements deep ({depth} reached); not an article page")]
    TooDeep {
        /// The page.
        path: String,
        /// Depth reached.
        depth: usize,
        /// The limit.
        limit: usize,
    },
}

/// Deepest element nesting an HTML page may have. Real article pages stay
/// well under 100; the extractors' time grows with the square of the depth.
pub const MAX_HTML_DEPTH: usize = 1_000;

/// Elements that never have a closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "command",
];

/// Elements whose end tag may be left out: an unclosed one does not nest.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body",
];

/// The deepest element nesting of an HTML text, by a linear scan of its tags
/// (comments, void and self-closed elements do not nest). It stops counting
/// once `stop` is reached.
pub fn html_depth(html: &str, stop: usize) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off + 1;
        let rest = &bytes[i..];
        if rest.starts_with(b"!--") {
            i += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let name_at = rest.iter().take_while(|&&b| b == b'/').count();
        let close = name_at > 0;
        let name_len = rest[name_at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = &rest[name_at..name_at + name_len];
        let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        let self_closed = rest[..end].ends_with(b"/");
        let listed = |list: &[&str]| list.iter().any(|n| n.as_bytes().eq_ignore_ascii_case(name));
        let counted = !listed(VOID) && !listed(OPTIONAL_END);
        if counted && close {
            depth = depth.saturating_sub(1);
        } else if counted && !self_closed {
            depth += 1;
            max = max.max(depth);
            if max >= stop {
                return max;
            }
        }
        i += end;
    }
    max
}

/// Settings of the cleaning stage.
#[derive(Debug, Clone)]
pub struct Cleaner {
    /// Main-text extractor for HTML.
    pub extractor: Extractor,
    /// Latest plausible publication date (dates after it are refused).
    pub today: NaiveDate,
}

impl Default for Cleaner {
    fn default() -> Self {
        Cleaner {
            extractor: Extractor::Auto,
            today: chrono::Local::now().date_naive(),
        }
    }
}

impl Cleaner {
    /// Cleans one page.
    pub fn clean(&self, page: &RawPage) -> Result<CleanDoc, Error> {
        let doc = match page.kind {
            PageKind::Text => self.clean_text_page(page),
            PageKind::Html => {
                let depth = html_depth(&page.content, MAX_HTML_DEPTH + 1);
                if depth > MAX_HTML_DEPTH {
                    return Err(Error::TooDeep {
                        path: page.source.clone(),
                        depth,
                        limit: MAX_HTML_DEPTH,
                    });
                }
                self.clean_html_page(page)
            }
        };
        if doc.text.trim().is_empty() {
            return Err(Error::NoText {
                path: page.source.clone(),
            });
        }
        Ok(doc)
    }

    fn clean_text_page(&self, page: &RawPage) -> CleanDoc {
        let mut parts = text::clean_text(&page.content, page.declared.title.is_none());
        if let Some(t) = &page.declared.title {
            parts.title = Some(normalise::normalise_line(t));
            strip_leading_title(&mut parts.body, t);
        }
        // A page of one line is a body without a headline.
        if parts.body.is_empty() && page.declared.title.is_none() {
            if let Some(t) = parts.title.take() {
                parts.body = t;
            }
        }
        let published = self
            .declared_date(page)
            .or(parts.published.filter(|d| self.plausible(d)));
        let language = language::detect(&parts.body, None);
        CleanDoc {
            source: page.source.clone(),
            title: parts.title,
            published: published.and_then(|d| d.iso()),
            language,
            outlet: parts.outlet,
            authors: parts.authors,
            text: parts.body,
        }
    }

    fn clean_html_page(&self, page: &RawPage) -> CleanDoc {
        let dom = dom_query::Document::from(page.content.as_str());
        let meta = html_meta::html_meta(&dom, self.today);
        let hint_sample = format!(
            "{} {}",
            meta.title.as_deref().unwrap_or(""),
            dom.select("p")
                .iter()
                .take(20)
                .map(|p| p.text().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        );
        let lang_hint = language::detect(&hint_sample, meta.lang.as_deref());
        let raw = html::main_text_of(&page.content, Some(dom), &lang_hint, self.extractor);
        let mut parts = text::clean_extracted(&raw);
        let title = page.declared.title.clone().or(meta.title.clone());
        if let Some(t) = &title {
            strip_leading_title(&mut parts.body, t);
        }
        let published = self
            .declared_date(page)
            .or(meta.published)
            .or(parts.published)
            .filter(|d| self.plausible(d))
            .or_else(|| self.early_body_date(&parts.body));
        let language = language::detect(&parts.body, meta.lang.as_deref());
        let authors = if meta.authors.is_empty() {
            parts.authors
        } else {
            meta.authors
        };
        CleanDoc {
            source: page.source.clone(),
            title: title.map(|t| normalise::normalise_line(&t)),
            published: published.and_then(|d| d.iso()),
            language,
            outlet: meta.outlet.or(parts.outlet),
            authors,
            text: parts.body,
        }
    }

    fn declared_date(&self, page: &RawPage) -> Option<PartialDate> {
        page.declared
            .date
            .as_deref()
            .and_then(parse_date)
            .filter(|d| self.plausible(d))
    }

    fn plausible(&self, d: &PartialDate) -> bool {
        d.year.is_some_and(|y| y >= 1990) && d.to_naive().is_none_or(|n| n <= self.today)
    }

    /// A full date at the very start of the body (a dateline the extractor kept).
    fn early_body_date(&self, body: &str) -> Option<PartialDate> {
        let head: String = body.chars().take(300).collect();
        find_dates(&head)
            .into_iter()
            .map(|f| f.date)
            .find(|d| d.day.is_some() && self.plausible(d))
    }
}

/// Drops a first paragraph that repeats the headline.
fn strip_leading_title(body: &mut String, title: &str) {
    let t = normalise::normalise_line(title);
    if t.is_empty() {
        return;
    }
    let first_end = body.find("\n\n").unwrap_or(body.len());
    if normalise::normalise_line(&body[..first_end]) == t {
        *body = body[first_end..].trim_start().to_string();
    } else if let Some(rest) = body.strip_prefix(t.as_str()) {
        // Extractors sometimes run the <h1> into the first paragraph.
        if rest.starts_with([' ', '\n']) {
            *body = rest.trim_start().to_string();
        }
    }
}

#[cfg(test)]
mod depth_tests {
    use super::html_depth;

    #[test]
    fn depth_counts_open_elements_only() {
        assert_eq!(
            html_depth(
                "<html><body><div><span>x</span><br><img src=a /></div></body></html>",
                100
            ),
            2
        );
        assert_eq!(html_depth("<!-- <div><div> --><div>x</div>", 100), 1);
        // Tag names in any case; void elements in capitals do not nest either.
        assert_eq!(
            html_depth("<DIV><Section><BR><IMG SRC=a>x</SECTION>", 100),
            2
        );
        assert_eq!(html_depth("<div><div>x<//div></div><div>", 100), 2);
        // Unclosed paragraphs and list items do not nest.
        assert_eq!(html_depth(&"<ul><li>x".repeat(3), 100), 3);
        let deep = format!("{}x{}", "<div>".repeat(5000), "</div>".repeat(5000));
        // Stops counting at the limit asked for.
        assert_eq!(html_depth(&deep, 1001), 1001);
        // Must not fire on a long flat page.
        let flat = "<div>x</div>".repeat(100_000);
        assert_eq!(html_depth(&flat, 1001), 1);
    }
}
