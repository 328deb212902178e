//! The Amur document record: the one contract between extraction and everything
//! downstream (store, API, exports, scorers).
//!
//! The types mirror `shared/spec/RECORD.md`: a [`Record`] per article with its
//! cleaned text, metadata and the facts recognised in it. Every fact carries a
//! [`Span`] into `text` measured in Unicode scalar values, end exclusive.
//!
//! ```
//! use amur_record::{Record, Lang};
//! let rec = Record::new("example.txt", "Body text.".into(), Lang::En);
//! let line = serde_json::to_string(&rec).unwrap();
//! assert!(line.contains("\"language\":\"en\""));
//! ```
#![warn(missing_docs)]

pub mod chars;
mod ids;
mod vocab;

pub use ids::{doc_id, slug, EntityId};
pub use vocab::{
    AgreementKind, EntityType, EventType, FigureKind, Flow, Lang, Mode, RelationType, Role, Sector,
    Status, TransportMode,
};

use serde::{Deserialize, Serialize};

/// Version of the record layout written into stores and exports.
pub const SCHEMA_VERSION: u32 = 1;

/// A character range of `text`, in Unicode scalar values, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share a character.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// One place an entity is named in `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The text as written.
    pub text: String,
}

impl Mention {
    /// The mention's span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Names of an entity in the three working languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    /// English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Russian.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ru: Option<String>,
    /// Chinese (simplified).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
}

/// A named person, place, organisation or facility, once per real thing per article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id: a reference-data id (`region:RU-PRI`) or a derived one (`person:hao-peng`).
    pub id: EntityId,
    /// What kind of thing it is.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Canonical English name.
    pub name: String,
    /// ISO 3166 code for countries and first-level regions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Names in English, Russian and Chinese, where known.
    pub names: Names,
    /// Other known names of the entity (reference-data aliases).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// For a person, the office the article gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// Every place the article names it.
    pub mentions: Vec<Mention>,
}

/// A participant of an event and its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Entity id from the record's `entities`.
    pub entity: EntityId,
    /// Role in the event.
    pub role: Role,
}

/// A visit, meeting, signing, forum or launch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Kind of event.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// How a meeting was held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// Occurred or planned.
    pub status: Status,
    /// ISO day, month, year or interval, or null.
    pub date: Option<String>,
    /// True when the article states no date for the event and `date` is the
    /// window around the publication date in which it was reported (the 30
    /// days before it for a reported happening, after it for a planned one).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_approximate: bool,
    /// Where it happened (an entity id).
    pub location: Option<EntityId>,
    /// Who took part.
    pub participants: Vec<Participant>,
    /// The sentence that states it.
    pub evidence: Span,
}

/// A signed document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// Entity ids of the parties.
    pub parties: Vec<EntityId>,
    /// Kind of document.
    pub kind: AgreementKind,
    /// Cooperation sector, when the article says.
    pub sector: Option<Sector>,
    /// When it was signed.
    pub date: Option<String>,
    /// The sentence that states it.
    pub evidence: Span,
}

/// A trade or investment figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Trade or investment.
    pub kind: FigureKind,
    /// Turnover, export or import (for trade).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flow: Option<Flow>,
    /// Value in base units, or null when only a change is given.
    pub value: Option<f64>,
    /// Currency code (`USD`, `CNY`, `RUB`, `EUR`).
    pub unit: Option<String>,
    /// Change in percent.
    pub change_pct: Option<f64>,
    /// `2023`, `2023-Q1`, `2023-03`, `2022-01/2022-11`, or a yearless part like `Q1`.
    pub period: Option<String>,
    /// Whether this is a goal rather than an outcome.
    pub target: bool,
    /// Who reports the flow (an entity id).
    pub reporter: Option<EntityId>,
    /// The partner (an entity id).
    pub partner: Option<EntityId>,
    /// The sentence that states it.
    pub evidence: Span,
}

/// A sister-city pair or a transport link between two places.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// Kind of relation.
    #[serde(rename = "type")]
    pub kind: RelationType,
    /// Transport mode, for transport links.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<TransportMode>,
    /// One side (an entity id).
    pub a: EntityId,
    /// The other side (an entity id).
    pub b: EntityId,
    /// The sentence that states it.
    pub evidence: Span,
}

/// The record of one article, as `amur extract` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Stable id of the article (content hash).
    pub doc_id: String,
    /// The path or URL it was read from.
    pub source: String,
    /// Headline as printed.
    pub title: Option<String>,
    /// Publication date the article states: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub published: Option<String>,
    /// ISO 639-1 code of the article's language.
    pub language: Lang,
    /// Publication named in the article.
    pub outlet: Option<String>,
    /// Authors and editors named in the article.
    pub authors: Vec<String>,
    /// Article body, boilerplate removed; paragraphs separated by a blank line.
    pub text: String,
    /// Cooperation sectors the article discusses.
    pub sectors: Vec<Sector>,
    /// Named things.
    pub entities: Vec<Entity>,
    /// Events.
    pub events: Vec<Event>,
    /// Signed documents.
    pub agreements: Vec<Agreement>,
    /// Trade and investment figures.
    pub figures: Vec<Figure>,
    /// Sister cities and transport links.
    pub relations: Vec<Relation>,
}

impl Record {
    /// An empty record for `text` read from `source`.
    pub fn new(source: impl Into<String>, text: String, language: Lang) -> Self {
        Record {
            doc_id: doc_id(&text),
            source: source.into(),
            title: None,
            published: None,
            language,
            outlet: None,
            authors: Vec::new(),
            text,
            sectors: Vec::new(),
            entities: Vec::new(),
            events: Vec::new(),
            agreements: Vec::new(),
            figures: Vec::new(),
            relations: Vec::new(),
        }
    }

    /// The text of a span (empty if out of range).
    pub fn span_text(&self, span: Span) -> String {
        self.text
            .chars()
            .skip(span.start)
            .take(span.end.saturating_sub(span.start))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_serialises_in_contract_order() {
        let rec = Record::new("a.txt", "Hello.".into(), Lang::Ru);
        let json = serde_json::to_string(&rec).unwrap();
        let keys = [
            "doc_id",
            "source",
            "title",
            "published",
            "language",
            "outlet",
            "authors",
            "text",
            "sectors",
            "entities",
            "events",
            "agreements",
            "figures",
            "relations",
        ];
        let mut last = 0;
        for k in keys {
            let at = json.find(&format!("\"{k}\"")).unwrap();
            assert!(at >= last, "{k} out of order");
            last = at;
        }
        let back: Record = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rec);
    }

    #[test]
    fn span_text_counts_scalar_values() {
        let rec = Record::new("a.txt", "黑龙江 Heilongjiang".into(), Lang::Zh);
        assert_eq!(rec.span_text(Span::new(0, 3)), "黑龙江");
        assert_eq!(rec.span_text(Span::new(4, 16)), "Heilongjiang");
    }
}
