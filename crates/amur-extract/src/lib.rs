//! Extract: one page in, one [`Record`] out — the stages composed.
//!
//! Place in the pipeline: **[`RawPage`] → clean → recognise → resolve → [`Record`]**.
//! The CLI's `extract` and `ingest` and the store's `reindex` all call
//! [`Pipeline::extract`], so a record means the same thing everywhere.
//!
//! ```
//! use amur_extract::Pipeline;
//! use amur_sources::{PageKind, RawPage};
//! let page = RawPage {
//!     source: "a.txt".into(), kind: PageKind::Text, encoding: "UTF-8", declared: Default::default(),
//!     content: "Governor meets the delegation\n\nThe governor met the delegation.".into(),
//! };
//! let rec = Pipeline::embedded().unwrap().extract(&page).unwrap();
//! assert_eq!(rec.title.as_deref(), Some("Governor meets the delegation"));
//! assert_eq!(rec.text, "The governor met the delegation.");
//! ```
#![warn(missing_docs)]

use amur_clean::Cleaner;
use amur_facts::{Doc, FactFinder};
use amur_recognise::Recogniser;
use amur_record::Record;
use amur_refdata::RefData;
use amur_sources::RawPage;
use std::sync::Arc;

/// Version of the extractor, stored with every record it produces.
pub const EXTRACTOR_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why a page produced no record.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The cleaning stage found no article.
    #[error(transparent)]
    Clean(#[from] amur_clean::Error),
    /// The page took longer than its time budget; it is skipped.
    #[error(
        "{page}: extraction took longer than {secs:.1} s (the --input-timeout budget); skipped"
    )]
    TimedOut {
        /// The page's source.
        page: String,
        /// The budget, in seconds.
        secs: f64,
    },
    /// A bug inside a stage (a panic), caught so the batch goes on.
    #[error("{page}: internal error while extracting (please report): {why}")]
    Internal {
        /// The page's source.
        page: String,
        /// The panic's message.
        why: String,
    },
}

/// The configured stages.
#[derive(Clone)]
pub struct Pipeline {
    /// The cleaning stage.
    pub cleaner: Cleaner,
    /// The recognition stage (reference data and matchers).
    pub recogniser: Arc<Recogniser>,
    /// The fact stage (rule lexicons).
    pub facts: Arc<FactFinder>,
}

impl Pipeline {
    /// A pipeline over the given reference data.
    pub fn new(data: &RefData) -> Self {
        Pipeline {
            cleaner: Cleaner::default(),
            recogniser: Arc::new(Recogniser::new(data)),
            facts: Arc::new(FactFinder::new(data)),
        }
    }

    /// A pipeline over the reference data embedded in the binary.
    pub fn embedded() -> Result<Self, amur_refdata::Error> {
        Ok(Self::new(&RefData::embedded()?))
    }

    /// [`Pipeline::extract`] within a time budget: the page is extracted on a
    /// thread of its own and given up after `budget` (the thread finishes in
    /// the background and its record is dropped), so one hostile page cannot
    /// hold a batch. A panic inside a stage becomes [`Error::Internal`].
    pub fn extract_within(
        &self,
        page: &RawPage,
        budget: std::time::Duration,
    ) -> Result<Record, Error> {
        let (tx, rx) = std::sync::mpsc::channel();
        let (me, own) = (self.clone(), page.clone());
        std::thread::spawn(move || {
            // After a timeout nobody waits: the record is dropped on purpose.
            if tx.send(me.extract_caught(&own)).is_err() {}
        });
        rx.recv_timeout(budget).unwrap_or_else(|_| {
            Err(Error::TimedOut {
                page: page.source.clone(),
                secs: budget.as_secs_f64(),
            })
        })
    }

    /// [`Pipeline::extract`] with a panic inside a stage (a bug) caught as
    /// [`Error::Internal`], so that one page cannot take a batch down.
    pub fn extract_caught(&self, page: &RawPage) -> Result<Record, Error> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.extract(page)))
            .unwrap_or_else(|panic| {
                Err(Error::Internal {
                    page: page.source.clone(),
                    why: panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown cause".into()),
                })
            })
    }

    /// Runs every stage on one page.
    pub fn extract(&self, page: &RawPage) -> Result<Record, Error> {
        let doc = self.cleaner.clean(page)?;
        let mut rec = Record::new(doc.source, doc.text, doc.language);
        rec.title = doc.title;
        rec.published = doc.published;
        rec.outlet = doc.outlet;
        rec.authors = doc.authors;
        let year = rec
            .published
            .as_deref()
            .and_then(|p| p.get(..4))
            .and_then(|y| y.parse().ok());
        // Chinese in either script is read on its simplified view; the view has
        // the same characters at the same offsets, so spans point into `text`.
        let view = simplified_view(&rec.text);
        let read: &str = view.as_deref().unwrap_or(&rec.text);
        let norm = amur_recognise::text::Normalised::new(read);
        rec.entities = self.recogniser.recognise_in(read, &norm, year);
        if view.is_some() {
            restore_mention_text(&mut rec.entities, &rec.text);
        }
        let published = rec
            .published
            .as_deref()
            .and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
        let title_view = rec.title.as_deref().and_then(simplified_view);
        let doc = Doc {
            text: read,
            title: title_view.as_deref().or(rec.title.as_deref()),
            published,
            entities: &rec.entities,
            norm: Some(&norm),
        };
        let facts = self.facts.find(&doc, self.recogniser.data());
        rec.sectors = facts.sectors;
        rec.events = facts.events;
        rec.agreements = facts.agreements;
        rec.figures = facts.figures;
        rec.relations = facts.relations;
        Ok(rec)
    }
}

/// The text with traditional Chinese characters replaced by simplified ones,
/// when it has any. The conversion is character for character (`fast2s`), so
/// character offsets into the view are offsets into the original; a view whose
/// byte length differs (a 3-byte character mapped to another width) is refused
/// so byte offsets stay shared as well.
pub fn simplified_view(text: &str) -> Option<String> {
    if !text.chars().any(amur_clean::boilerplate::is_han) {
        return None;
    }
    let view = fast2s::convert(text);
    (view != text && view.len() == text.len()).then_some(view)
}

/// Mention texts as written in the original script.
fn restore_mention_text(entities: &mut [amur_record::Entity], text: &str) {
    let chars: Vec<char> = text.chars().collect();
    for e in entities {
        for m in &mut e.mentions {
            if let Some(s) = chars.get(m.start..m.end) {
                m.text = s.iter().collect();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_page_over_its_time_budget_fails_clearly() {
        let p = Pipeline::embedded().unwrap();
        let page = RawPage {
            source: "slow.txt".into(),
            kind: amur_sources::PageKind::Text,
            encoding: "UTF-8",
            declared: Default::default(),
            content: "Governor meets the delegation\n\nThe governor met the delegation in Harbin."
                .repeat(200),
        };
        let err = p
            .extract_within(&page, std::time::Duration::from_nanos(1))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("slow.txt: extraction took longer than"),
            "{err}"
        );
        // Must not fire: within a generous budget the record is the same.
        let rec = p
            .extract_within(&page, std::time::Duration::from_secs(60))
            .unwrap();
        assert_eq!(rec.text, p.extract(&page).unwrap().text);
    }

    use super::*;

    #[test]
    fn traditional_chinese_is_read_on_a_simplified_view() {
        let v = simplified_view("黑龍江省與濱海邊區簽署協議").unwrap();
        assert_eq!(v, "黑龙江省与滨海边区签署协议");
        assert_eq!(v.chars().count(), 13);
    }

    #[test]
    fn simplified_and_latin_text_need_no_view() {
        assert!(simplified_view("黑龙江省与滨海边疆区签署协议").is_none());
        assert!(simplified_view("The governor met the delegation.").is_none());
    }
}
