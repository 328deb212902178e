//! Facts: what happened, what was signed, how trade moved, what links places.
//!
//! Place in the pipeline: text + resolved entities → **[`FactFinder::find`]** →
//! events, agreements, figures, relations and sectors of the record.
//!
//! Everything is found by rules over the language, in English, Russian and
//! Chinese: trigger words and markers from `data/rules/` ([`rules`]),
//! sentences and clauses ([`sentences`]), dates resolved against the
//! publication date (`amur-dates`), participants and places from the
//! article's entities. Every fact carries the sentence it came from.
#![warn(missing_docs)]

pub mod agreements;
pub mod events;
pub mod figures;
pub mod relations;
pub mod rules;
pub mod sectors;
pub mod sentences;

use amur_dates::{date_expressions, DateExpr};
use amur_recognise::text::Normalised;
use amur_record::{
    Agreement, Entity, EntityId, EntityType, Event, EventType, Figure, Relation, Sector, Span,
};
use amur_refdata::{MarkerKind, RefData};
use chrono::NaiveDate;
use rules::{Hit, Rules};

/// What the fact finder needs about one article.
pub struct Doc<'a> {
    /// Body text.
    pub text: &'a str,
    /// Headline (context for a meeting's mode).
    pub title: Option<&'a str>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Entities recognised in `text`.
    pub entities: &'a [Entity],
    /// `text`'s normalised view when the caller already has it (built here
    /// otherwise).
    pub norm: Option<&'a Normalised>,
}

/// The facts of one article.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Facts {
    /// Sectors discussed.
    pub sectors: Vec<Sector>,
    /// Events.
    pub events: Vec<Event>,
    /// Agreements.
    pub agreements: Vec<Agreement>,
    /// Figures.
    pub figures: Vec<Figure>,
    /// Relations.
    pub relations: Vec<Relation>,
}

/// The fact finder: compiled rule lexicons.
pub struct FactFinder {
    rules: Rules,
}

impl FactFinder {
    /// A fact finder with the rules of a reference data set (`--refdata`).
    pub fn new(data: &RefData) -> Self {
        FactFinder {
            rules: Rules::new(data),
        }
    }
}

impl Default for FactFinder {
    /// The embedded rules. Panics only if the embedded data is invalid, a
    /// build bug that `amur-refdata`'s tests catch.
    fn default() -> Self {
        Self::new(&RefData::embedded().expect("embedded reference data is valid"))
    }
}

/// A mention of an entity, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct M {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Index into the entities.
    pub entity: usize,
}

/// Shared view of an article for the fact modules.
pub struct Ctx<'a> {
    /// The article.
    pub doc: &'a Doc<'a>,
    /// Reference data.
    pub data: &'a RefData,
    /// Sentence spans.
    pub sentences: Vec<(usize, usize)>,
    /// Entity mentions in text order.
    pub mentions: Vec<M>,
    /// Resolved date expressions.
    pub dates: Vec<DateExpr>,
    /// Event triggers.
    pub triggers: Vec<Hit<EventType>>,
    /// Markers.
    pub markers: Vec<Hit<MarkerKind>>,
    /// Sector terms.
    pub sector_hits: Vec<Hit<Sector>>,
    /// Words that join places into links.
    pub links: &'a rules::LinkWords,
    /// Forms that make a trigger a completed act.
    pub tense: &'a rules::Tense,
    char_starts: Vec<usize>,
}

impl<'a> Ctx<'a> {
    fn new(doc: &'a Doc<'a>, data: &'a RefData, rules: &'a Rules) -> Self {
        let text = doc.text;
        let char_starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let byte = |c: usize| char_starts.get(c).copied().unwrap_or(text.len());
        let mut mentions: Vec<M> = doc
            .entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |m| (i, m.start, m.end)))
            .map(|(i, s, e)| M {
                start: byte(s),
                end: byte(e),
                entity: i,
            })
            .collect();
        mentions.sort_by_key(|m| m.start);
        let built;
        let norm = match doc.norm {
            Some(n) => n,
            None => {
                built = Normalised::new(text);
                &built
            }
        };
        let found = rules.find(norm);
        Ctx {
            doc,
            data,
            sentences: sentences::sentences(text),
            mentions,
            dates: date_expressions(text, doc.published),
            triggers: found.triggers,
            markers: found.markers,
            sector_hits: found.sectors,
            links: &rules.links,
            tense: &rules.tense,
            char_starts,
        }
    }

    /// Character span of a byte span (the record's evidence).
    pub fn span(&self, (s, e): (usize, usize)) -> Span {
        let at = |b: usize| self.char_starts.partition_point(|&x| x < b);
        Span::new(at(s), at(e))
    }

    /// Entity mentions inside a byte span.
    pub fn mentions_in(&self, (s, e): (usize, usize)) -> impl Iterator<Item = &M> + '_ {
        // Mentions are in text order: start at the first one at or after `s`.
        let first = self.mentions.partition_point(|m| m.start < s);
        self.mentions[first..]
            .iter()
            .take_while(move |m| m.start < e)
            .filter(move |m| m.end <= e)
    }

    /// Markers of a kind inside a byte span.
    pub fn has_marker(&self, span: (usize, usize), kind: MarkerKind) -> bool {
        self.markers_in(span).any(|h| h.class == kind)
    }

    /// Whether a byte offset falls strictly inside an entity mention (a cut
    /// there would split a name). Mentions are in text order and no longer
    /// than a long name, so only those starting shortly before are looked at.
    pub fn inside_mention(&self, at: usize) -> bool {
        const LONGEST_NAME: usize = 400;
        let upto = self.mentions.partition_point(|m| m.start < at);
        self.mentions[..upto]
            .iter()
            .rev()
            .take_while(|m| at - m.start <= LONGEST_NAME)
            .any(|m| at < m.end)
    }

    /// Markers inside a byte span, found by binary search (markers are in
    /// text order), so that looking around every sentence stays linear.
    pub fn markers_in(
        &self,
        (s, e): (usize, usize),
    ) -> impl Iterator<Item = &Hit<MarkerKind>> + '_ {
        let first = self.markers.partition_point(|h| h.start < s);
        self.markers[first..]
            .iter()
            .take_while(move |h| h.start < e)
            .filter(move |h| h.end <= e)
    }

    /// Event triggers inside a byte span, as [`Ctx::markers_in`].
    pub fn triggers_in(
        &self,
        (s, e): (usize, usize),
    ) -> impl Iterator<Item = &Hit<EventType>> + '_ {
        let first = self.triggers.partition_point(|h| h.start < s);
        self.triggers[first..]
            .iter()
            .take_while(move |h| h.start < e)
            .filter(move |h| h.end <= e)
    }

    /// The article's entity with this id.
    pub fn entity_by_id(&self, id: &EntityId) -> Option<&Entity> {
        self.doc.entities.iter().find(|e| &e.id == id)
    }

    /// The entity of a mention.
    pub fn entity(&self, m: &M) -> &Entity {
        &self.doc.entities[m.entity]
    }

    /// The country side (`CN`, `RU`, …) of an entity, when known.
    pub fn country(&self, e: &Entity) -> Option<String> {
        if let Some(code) = &e.code {
            return Some(code.split('-').next().unwrap_or(code).to_string());
        }
        self.data
            .country_of(&e.id)
            .map(|c| c.as_str().trim_start_matches("country:").to_string())
    }

    /// Whether an entity is a place (country, region, macro-region, city).
    pub fn is_place(e: &Entity) -> bool {
        matches!(
            e.kind,
            EntityType::Country | EntityType::Region | EntityType::City | EntityType::MacroRegion
        )
    }

    /// The article's most-mentioned region of a country (`"CN"` → its main province).
    pub fn main_region(&self, country: &str) -> Option<EntityId> {
        self.doc
            .entities
            .iter()
            .filter(|e| {
                e.kind == EntityType::Region
                    && e.code
                        .as_deref()
                        .is_some_and(|c| c.starts_with(&format!("{country}-")))
            })
            .max_by_key(|e| e.mentions.len())
            .map(|e| e.id.clone())
    }

    /// Id of the country entity in the article, if it names it.
    pub fn country_entity(&self, code: &str) -> Option<EntityId> {
        self.doc
            .entities
            .iter()
            .find(|e| e.kind == EntityType::Country && e.code.as_deref() == Some(code))
            .map(|e| e.id.clone())
    }
}

impl FactFinder {
    /// Finds every fact in one article.
    pub fn find(&self, doc: &Doc, data: &RefData) -> Facts {
        let cx = Ctx::new(doc, data, &self.rules);
        let events = events::find(&cx);
        let agreements = agreements::find(&cx, &events);
        Facts {
            sectors: sectors::find(&cx),
            figures: figures::find(&cx),
            relations: relations::find(&cx),
            agreements,
            events,
        }
    }
}

#[cfg(test)]
mod tests;
