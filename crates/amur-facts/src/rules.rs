//! Rule lexicons (`data/rules/*.tsv`, embedded): sector terms, event triggers
//! and sentence markers in three languages, matched in one pass.
//!
//! English and Russian terms are word prefixes, multi-word terms prefixes of
//! consecutive words (`железн дорог` matches "железной дороги"); Chinese
//! terms are substrings.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use amur_recognise::text::{norm_str, Normalised};
use std::collections::HashMap;

const SECTORS: &str = include_str!("../../../data/rules/sectors.tsv");
const TRIGGERS: &str = include_str!("../../../data/rules/event_triggers.tsv");
const MARKERS: &str = include_str!("../../../data/rules/markers.tsv");

/// One lexicon term: its class (a sector, an event type, a marker kind), an
/// extra value (an event trigger's mode) and the words after its first.
#[derive(Debug, Clone)]
struct Term {
    class: String,
    extra: Option<String>,
    zh: bool,
    /// The first word must end where the term's does (`намерен$`).
    whole: bool,
    rest: Vec<String>,
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
    /// Terms by automaton pattern (a first word, or a whole Chinese term).
    by_pattern: Vec<Vec<Term>>,
}

impl Lexicon {
    fn parse(text: &str, extra_col: bool) -> Self {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut by_pattern: Vec<Vec<Term>> = Vec::new();
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
            let zh = *lang == "zh";
            let mut words: Vec<String> = if zh {
                vec![p.clone()]
            } else {
                p.split(' ').map(str::to_string).collect()
            };
            let mut first = words.remove(0);
            let whole = first.ends_with('$');
            if whole {
                first.pop();
            }
            let extra = if extra_col {
                cells
                    .get(3)
                    .filter(|m| !m.is_empty() && **m != "-")
                    .map(|m| m.to_string())
            } else {
                None
            };
            let i = *index.entry(first.clone()).or_insert_with(|| {
                patterns.push(first.clone());
                by_pattern.push(Vec::new());
                patterns.len() - 1
            });
            by_pattern[i].push(Term {
                class: class.to_string(),
                extra,
                zh,
                whole,
                rest: words,
            });
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
        Lexicon { ac, by_pattern }
    }

    /// Every term in `text`, overlapping ones included.
    pub fn find(&self, norm: &Normalised) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let nt = norm.text.as_str();
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(nt) {
            let at_word_start = !nt[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
            for t in &self.by_pattern[m.pattern().as_usize()] {
                if !t.zh && !at_word_start {
                    continue;
                }
                if t.whole
                    && nt[m.end()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphanumeric())
                {
                    continue;
                }
                let Some(end) = rest_matches(nt, m.end(), &t.rest) else {
                    continue;
                };
                let (s, e) = norm.orig(m.start(), end);
                out.push(Hit {
                    start: s,
                    end: e,
                    class: t.class.clone(),
                    extra: t.extra.clone(),
                });
            }
        }
        out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        out
    }
}

/// Where a multi-word term ends: each further word must be a prefix of the
/// next word of the text.
fn rest_matches(text: &str, mut at: usize, rest: &[String]) -> Option<usize> {
    for w in rest {
        // Finish the current word, then cross one run of spaces or hyphens.
        at += text[at..]
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(text.len() - at);
        let sep = text[at..]
            .find(|c: char| !(c == ' ' || c == '-'))
            .unwrap_or(text.len() - at);
        if sep == 0 || sep > 3 {
            return None;
        }
        at += sep;
        if !text[at..].starts_with(w.as_str()) {
            return None;
        }
        at += w.len();
    }
    Some(at)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_across_words() {
        let lx = Lexicon::parse(
            "#\nkind\tlang\tterm\nrail\tru\tжелезн дорог\ntalks\ten\theld talks\nzh\tzh\t铁路\n",
            false,
        );
        let t = "Модернизация железной дороги; they held talks; 铁路";
        let hits: Vec<String> = lx
            .find(&Normalised::new(t))
            .into_iter()
            .map(|h| h.class)
            .collect();
        assert_eq!(hits, ["rail", "talks", "zh"]);
        assert!(lx.find(&Normalised::new("железная руда")).is_empty());
    }
}
