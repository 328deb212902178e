//! Rule lexicons (`data/rules/*.tsv`, embedded): sector terms, event triggers
//! and sentence markers in three languages, matched in one pass.
//!
//! English and Russian terms are word prefixes (`переговор` matches
//! переговоры and переговорах); Chinese terms are substrings.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use amur_recognise::text::{norm_str, Normalised};

const SECTORS: &str = include_str!("../../../data/rules/sectors.tsv");
const TRIGGERS: &str = include_str!("../../../data/rules/event_triggers.tsv");
const MARKERS: &str = include_str!("../../../data/rules/markers.tsv");

/// One lexicon term: its class (a sector, an event type, a marker kind) and
/// an extra value (an event trigger's mode).
#[derive(Debug, Clone)]
struct Term {
    class: String,
    extra: Option<String>,
    zh: bool,
}

/// A term found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset in the original text.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The term's class.
    pub class: String,
    /// The term's extra value (a trigger's mode).
    pub extra: Option<String>,
}

/// A compiled lexicon.
pub struct Lexicon {
    ac: Option<AhoCorasick>,
    terms: Vec<Term>,
}

impl Lexicon {
    fn parse(text: &str, extra_col: bool) -> Self {
        let mut patterns = Vec::new();
        let mut terms = Vec::new();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
        {
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            let (Some(class), Some(lang), Some(term)) = (cells.first(), cells.get(1), cells.get(2))
            else {
                continue;
            };
            let p = norm_str(term);
            if p.is_empty() {
                continue;
            }
            let extra = if extra_col {
                cells
                    .get(3)
                    .filter(|m| !m.is_empty() && **m != "-")
                    .map(|m| m.to_string())
            } else {
                None
            };
            patterns.push(p);
            terms.push(Term {
                class: class.to_string(),
                extra,
                zh: *lang == "zh",
            });
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
        Lexicon { ac, terms }
    }

    /// Every term in `text`, overlapping ones included.
    pub fn find(&self, text: &str, norm: &Normalised) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let nt = &norm.text;
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(nt.as_str()) {
            let t = &self.terms[m.pattern().as_usize()];
            if !t.zh
                && nt[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric())
            {
                continue;
            }
            let (s, e) = norm.orig(m.start(), m.end());
            let _ = text;
            out.push(Hit {
                start: s,
                end: e,
                class: t.class.clone(),
                extra: t.extra.clone(),
            });
        }
        out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        out
    }
}

/// All rule lexicons.
pub struct Rules {
    /// Sector terms (class = sector id).
    pub sectors: Lexicon,
    /// Event triggers (class = event type, extra = mode).
    pub triggers: Lexicon,
    /// Markers (class = marker kind).
    pub markers: Lexicon,
}

impl Rules {
    /// The embedded rules.
    pub fn embedded() -> Self {
        Rules {
            sectors: Lexicon::parse(SECTORS, false),
            triggers: Lexicon::parse(TRIGGERS, true),
            markers: Lexicon::parse(MARKERS, false),
        }
    }
}
