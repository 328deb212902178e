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
//!     content: "Headline\n\nThe governor met the delegation.".into(),
//! };
//! let rec = Pipeline::embedded().unwrap().extract(&page).unwrap();
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
            facts: Arc::new(FactFinder::default()),
        }
    }

    /// A pipeline over the reference data embedded in the binary.
    pub fn embedded() -> Result<Self, amur_refdata::Error> {
        Ok(Self::new(&RefData::embedded()?))
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
        rec.entities = self.recogniser.recognise(&rec.text, year);
        let published = rec
            .published
            .as_deref()
            .and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
        let doc = Doc {
            text: &rec.text,
            title: rec.title.as_deref(),
            published,
            entities: &rec.entities,
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
