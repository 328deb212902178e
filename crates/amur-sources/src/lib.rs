//! Sources: turn files, folders, standard input, WARC archives and JSON Lines
//! into decoded pages.
//!
//! Place in the pipeline: **paths → [`RawPage`]** → clean → recognise → …
//!
//! Everything that touches bytes lives here: gzip, format sniffing
//! ([`Format`]), character-set detection ([`decode`]) and the container formats
//! (WARC, JSON Lines). A file yields zero or more pages; a bad file or a bad
//! record is an [`Error`] naming it, never a panic.
//!
//! ```
//! use amur_sources::{read_bytes, Limits, PageKind};
//! let pages = read_bytes("a.html", b"<html><title>Hi</title><p>Hello</p></html>", &Limits::default()).unwrap();
//! assert_eq!(pages[0].as_ref().unwrap().kind, PageKind::Html);
//! ```
#![warn(missing_docs)]

pub mod decode;
mod error;
mod input;
mod jsonl;
mod sniff;
mod warc;

pub use error::{Error, Result};
pub use input::{expand_inputs, read_input, Input};
pub use sniff::Format;

/// Whether a page is markup or plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// An HTML page.
    Html,
    /// Plain text as scraped.
    Text,
}

/// Metadata a container states about a page (JSON Lines fields, WARC headers).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Declared {
    /// The page's URL.
    pub url: Option<String>,
    /// The headline, when a scraper already found it.
    pub title: Option<String>,
    /// The publication date as given.
    pub date: Option<String>,
}

/// One decoded page, ready for cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPage {
    /// The path or URL it was read from.
    pub source: String,
    /// Markup or text.
    pub kind: PageKind,
    /// The decoded content.
    pub content: String,
    /// Name of the character encoding it was decoded from.
    pub encoding: &'static str,
    /// Metadata stated by the container.
    pub declared: Declared,
}

/// Size limits that protect a batch from pathological inputs.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest single page, in bytes after decompression.
    pub max_page_bytes: usize,
    /// Replace malformed byte sequences with U+FFFD instead of failing.
    pub lossy: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_page_bytes: 16 * 1024 * 1024,
            lossy: false,
        }
    }
}

/// Reads a page or container from bytes already in memory; `name` is used for
/// format hints (extension) and as the page source.
pub fn read_bytes(name: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<Result<RawPage>>> {
    input::read_reader(name, std::io::Cursor::new(bytes), limits)
}
