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
//! let rec = Pipeline::default().extract(&page).unwrap();
//! assert_eq!(rec.text, "The governor met the delegation.");
//! ```
#![warn(missing_docs)]

use amur_clean::Cleaner;
use amur_record::Record;
use amur_sources::RawPage;

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
#[derive(Debug, Clone, Default)]
pub struct Pipeline {
    /// The cleaning stage.
    pub cleaner: Cleaner,
}

impl Pipeline {
    /// Runs every stage on one page.
    pub fn extract(&self, page: &RawPage) -> Result<Record, Error> {
        let doc = self.cleaner.clean(page)?;
        let mut rec = Record::new(doc.source, doc.text, doc.language);
        rec.title = doc.title;
        rec.published = doc.published;
        rec.outlet = doc.outlet;
        rec.authors = doc.authors;
        Ok(rec)
    }
}
