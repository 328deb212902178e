//! Rule lexicons (`data/rules/*.tsv`, read and checked by `amur-refdata`):
//! sector terms, event triggers and sentence markers in three languages,
//! matched in one pass. Each term's class is typed: a [`Sector`], an
//! [`EventType`] or a [`MarkerKind`].
//!
//! English and Russian terms are word prefixes, multi-word terms prefixes of
//! consecutive words (`железн дорог` matches "железной дороги"); Chinese
//! terms are substrings.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use amur_recognise::text::{norm_str, Normalised};
use amur_record::chars::ToLower;
use amur_record::{EventType, Mode, Sector};
use amur_refdata::{MarkerKind, RefData, Table};
use std::collections::HashMap;

/// One lexicon term: its class (a sector, an event type, a marker kind), a
/// mode (an event trigger's) and the words after its first.
#[derive(Debug, Clone)]
struct Term<C> {
    class: C,
    mode: Option<Mode>,
    zh: bool,
    /// The first word must end where the term's does (`намерен$`).
    whole: bool,
    rest: Vec<String>,
}

/// A term found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<C> {
    /// Byte offset in the original text.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The term's class.
    pub class: C,
    /// The term's mode (a trigger's: video, phone, online).
    pub mode: Option<Mode>,
}

/// A compiled lexicon whose terms have classes of type `C`.
pub struct Lexicon<C> {
    /// First words (or whole Chinese terms), one per automaton pattern.
    patterns: Vec<String>,
    /// Terms by pattern.
    by_pattern: Vec<Vec<Term<C>>>,
}

/// A full DFA: every page runs an overlapping search over these patterns,
/// and the DFA searches several times faster than the default NFA. `None`
/// if the patterns cannot be compiled (they come from checked tables).
fn automaton<S: AsRef<str>>(patterns: &[S]) -> Option<AhoCorasick> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(patterns.iter().map(AsRef::as_ref))
        .ok()
}

impl<C: Copy> Lexicon<C> {
    /// Compiles a rules table: the class from `class_col` read by `parse`,
    /// `lang`, `term` and an optional `mode`. `amur-refdata` checked every
    /// row at load, so a class always parses.
    fn new(t: &Table, class_col: &str, parse: fn(&str) -> Option<C>) -> Self {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut by_pattern: Vec<Vec<Term<C>>> = Vec::new();
        for row in t.rows() {
            let (Some(class), Some(lang), Some(term)) = (
                t.get(row, class_col).and_then(parse),
                t.get(row, "lang"),
                t.get(row, "term"),
            ) else {
                continue;
            };
            let p = norm_str(term);
            if p.is_empty() {
                continue;
            }
            let zh = lang == "zh";
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
            let mode = t.get(row, "mode").and_then(Mode::parse);
            let i = *index.entry(first.clone()).or_insert_with(|| {
                patterns.push(first.clone());
                by_pattern.push(Vec::new());
                patterns.len() - 1
            });
            by_pattern[i].push(Term {
                class,
                mode,
                zh,
                whole,
                rest: words,
            });
        }
        Lexicon {
            patterns,
            by_pattern,
        }
    }

    /// Every term in `text`, overlapping ones included. Builds this
    /// lexicon's automaton for the one call (a lexicon read alone); pages
    /// go through [`Rules::find`], which searches all three in one pass.
    pub fn find(&self, norm: &Normalised) -> Vec<Hit<C>> {
        let Some(ac) = automaton(&self.patterns) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(norm.text.as_str()) {
            self.terms_at(norm, m.pattern().as_usize(), (m.start(), m.end()), &mut out);
        }
        sort_hits(&mut out);
        out
    }

    /// The terms of pattern `p`, found in the normalised text at `span`.
    fn terms_at(
        &self,
        norm: &Normalised,
        p: usize,
        (start, end): (usize, usize),
        out: &mut Vec<Hit<C>>,
    ) {
        let nt = norm.text.as_str();
        let at_word_start = !nt[..start]
            .chars()
            .next_back()
            .is_some_and(amur_record::chars::is_alphanumeric);
        for t in &self.by_pattern[p] {
            if !t.zh && !at_word_start {
                continue;
            }
            if t.whole
                && nt[end..]
                    .chars()
                    .next()
                    .is_some_and(amur_record::chars::is_alphanumeric)
            {
                continue;
            }
            let Some(term_end) = rest_matches(nt, end, &t.rest) else {
                continue;
            };
            let (s, e) = norm.orig(start, term_end);
            out.push(Hit {
                start: s,
                end: e,
                class: t.class,
                mode: t.mode,
            });
        }
    }
}

/// Hits in text order, the longer of two at one place first.
fn sort_hits<C>(hits: &mut [Hit<C>]) {
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
}

/// Where a multi-word term ends: each further word must be a prefix of the
/// next word of the text.
fn rest_matches(text: &str, mut at: usize, rest: &[String]) -> Option<usize> {
    for w in rest {
        // Finish the current word, then cross one run of spaces or hyphens.
        at += text[at..]
            .find(|c: char| !amur_record::chars::is_alphanumeric(c))
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
    /// Sector terms.
    pub sectors: Lexicon<Sector>,
    /// Event triggers, with their modes.
    pub triggers: Lexicon<EventType>,
    /// Sentence markers.
    pub markers: Lexicon<MarkerKind>,
    /// Words that join two places into a link.
    pub links: LinkWords,
    /// Forms that make a trigger a completed act.
    pub tense: Tense,
    /// The first words of all three lexicons in one automaton, so that a
    /// page is scanned once, and which lexicon patterns each one is.
    joint: Option<AhoCorasick>,
    owners: Vec<Vec<(Which, usize)>>,
}

/// One of the three lexicons.
#[derive(Debug, Clone, Copy)]
enum Which {
    Triggers,
    Markers,
    Sectors,
}

/// What the rule lexicons find in a text.
#[derive(Debug, Default)]
pub struct RuleHits {
    /// Event triggers.
    pub triggers: Vec<Hit<EventType>>,
    /// Sentence markers.
    pub markers: Vec<Hit<MarkerKind>>,
    /// Sector terms.
    pub sectors: Vec<Hit<Sector>>,
}

/// The forms of `rules/tense.tsv`, lower case.
#[derive(Debug, Default, Clone)]
pub struct Tense {
    /// Endings of a past form (en, ru).
    pub past_endings: Vec<String>,
    /// Irregular past forms, whole words (en).
    pub past_words: Vec<String>,
    /// Words right before a trigger that make it future or unreal.
    pub future_aux: Vec<String>,
    /// Chinese words right before a trigger that mark it done.
    pub done_before: Vec<String>,
    /// Chinese words right after a trigger that mark it done.
    pub done_after: Vec<String>,
}

impl Tense {
    fn new(t: &Table) -> Self {
        let mut tn = Tense::default();
        for row in t.rows() {
            let (Some(role), Some(form)) = (t.get(row, "role"), t.get(row, "form")) else {
                continue;
            };
            let list = match role {
                "past_ending" => &mut tn.past_endings,
                "past_word" => &mut tn.past_words,
                "future_aux" => &mut tn.future_aux,
                "done_before" => &mut tn.done_before,
                // amur-refdata checked the roles at load.
                _ => &mut tn.done_after,
            };
            list.push(form.to_lower());
        }
        tn
    }

    /// Whether the trigger at `start..end` of `text` reports a completed
    /// act: a past form ("signed", "подписали") not after a future
    /// auxiliary ("will be signed"), or 已/了 around a Chinese trigger.
    pub fn completed(&self, text: &str, start: usize, end: usize) -> bool {
        let before = &text[..start];
        let after = &text[end..];
        if self
            .done_after
            .iter()
            .any(|w| after.starts_with(w.as_str()))
            || self
                .done_before
                .iter()
                .any(|w| before.ends_with(w.as_str()))
        {
            return true;
        }
        let word: String = text[start..]
            .chars()
            .take_while(|c| amur_record::chars::is_alphanumeric(*c))
            .collect::<String>()
            .to_lower();
        if word.is_empty() || word.chars().any(amur_recognise::text::is_han) {
            return false;
        }
        let past = self.past_words.contains(&word)
            || self
                .past_endings
                .iter()
                .any(|e| word.len() > e.len() + 2 && word.ends_with(e.as_str()));
        past && !self
            .future_aux
            .contains(&amur_recognise::text::word_before(before))
    }
}

/// The words of `rules/link_words.tsv`, lower case, longest first.
#[derive(Debug, Default, Clone)]
pub struct LinkWords {
    /// The whole text between two linked places ("–", "to", "и", "至").
    pub joiners: Vec<String>,
    /// Words dropped from the ends of that text ("the city of", "города", "市").
    pub fillers: Vec<String>,
    /// Words just before the first place that announce a pair ("linking", "между").
    pub cues: Vec<String>,
    /// Separators that carry a dashed pair on to one more place ("、", ",").
    pub lists: Vec<String>,
}

impl LinkWords {
    fn new(t: &Table) -> Self {
        let mut lw = LinkWords::default();
        for row in t.rows() {
            let (Some(role), Some(word)) = (t.get(row, "role"), t.get(row, "word")) else {
                continue;
            };
            let list = match role {
                "joiner" => &mut lw.joiners,
                "filler" => &mut lw.fillers,
                "cue" => &mut lw.cues,
                // amur-refdata checked the roles at load.
                _ => &mut lw.lists,
            };
            list.push(word.to_lower());
        }
        for l in [
            &mut lw.joiners,
            &mut lw.fillers,
            &mut lw.cues,
            &mut lw.lists,
        ] {
            l.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        }
        lw
    }
}

impl Rules {
    /// The rules of a reference data set.
    pub fn new(data: &RefData) -> Self {
        let sectors = Lexicon::new(data.table("rules/sectors.tsv"), "sector", Sector::parse);
        let triggers = Lexicon::new(
            data.table("rules/event_triggers.tsv"),
            "type",
            EventType::parse,
        );
        let markers = Lexicon::new(data.table("rules/markers.tsv"), "kind", MarkerKind::parse);
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut patterns: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<(Which, usize)>> = Vec::new();
        for (which, list) in [
            (Which::Triggers, &triggers.patterns),
            (Which::Markers, &markers.patterns),
            (Which::Sectors, &sectors.patterns),
        ] {
            for (p, first) in list.iter().enumerate() {
                let i = *index.entry(first.as_str()).or_insert_with(|| {
                    patterns.push(first.as_str());
                    owners.push(Vec::new());
                    patterns.len() - 1
                });
                owners[i].push((which, p));
            }
        }
        let joint = automaton(&patterns);
        Rules {
            sectors,
            triggers,
            markers,
            links: LinkWords::new(data.table("rules/link_words.tsv")),
            tense: Tense::new(data.table("rules/tense.tsv")),
            joint,
            owners,
        }
    }

    /// Every term of the three lexicons in a text, overlapping ones
    /// included: the same as each lexicon's [`Lexicon::find`], in one scan.
    pub fn find(&self, norm: &Normalised) -> RuleHits {
        let mut hits = RuleHits::default();
        let Some(ac) = &self.joint else {
            return hits;
        };
        for m in ac.find_overlapping_iter(norm.text.as_str()) {
            let span = (m.start(), m.end());
            for &(which, p) in &self.owners[m.pattern().as_usize()] {
                match which {
                    Which::Triggers => self.triggers.terms_at(norm, p, span, &mut hits.triggers),
                    Which::Markers => self.markers.terms_at(norm, p, span, &mut hits.markers),
                    Which::Sectors => self.sectors.terms_at(norm, p, span, &mut hits.sectors),
                }
            }
        }
        sort_hits(&mut hits.triggers);
        sort_hits(&mut hits.markers);
        sort_hits(&mut hits.sectors);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_across_words() {
        let mut problems = Vec::new();
        let t = amur_refdata::tsv::parse(
            "rules/markers.tsv",
            "#\nkind\tlang\tterm\nrail\tru\tжелезн дорог\ntrade\ten\theld talks\nsea\tzh\t铁路\n",
            &mut problems,
        );
        assert!(problems.is_empty());
        let lx = Lexicon::new(&t, "kind", MarkerKind::parse);
        let t = "Модернизация железной дороги; they held talks; 铁路";
        let hits: Vec<MarkerKind> = lx
            .find(&Normalised::new(t))
            .into_iter()
            .map(|h| h.class)
            .collect();
        assert_eq!(hits, [MarkerKind::Rail, MarkerKind::Trade, MarkerKind::Sea]);
        assert!(lx.find(&Normalised::new("железная руда")).is_empty());
    }

    #[test]
    fn one_scan_finds_what_each_lexicon_finds() {
        let data = RefData::embedded().expect("embedded data");
        let rules = Rules::new(&data);
        for text in [
            "The governors met in Harbin and signed an agreement on agriculture, rail freight and a new bridge.",
            "Губернатор провёл переговоры и подписал соглашение о железной дороге и сельском хозяйстве.",
            "黑龙江省代表团会见阿穆尔州州长，双方签署了农业和铁路合作协议。",
        ] {
            let norm = Normalised::new(text);
            let hits = rules.find(&norm);
            assert!(!hits.triggers.is_empty() && !hits.sectors.is_empty(), "{text}");
            assert_eq!(hits.triggers, rules.triggers.find(&norm), "{text}");
            assert_eq!(hits.markers, rules.markers.find(&norm), "{text}");
            assert_eq!(hits.sectors, rules.sectors.find(&norm), "{text}");
        }
        let none = rules.find(&Normalised::new("Weather: sunny, 12 degrees."));
        assert!(none.triggers.is_empty() && none.sectors.is_empty());
    }
}
