//! Gazetteer matching: every name and alias of the reference data, found in
//! English (case rules on a lower-cased view), Russian (on word stems, so
//! inflected forms match: "Приморского края" = "Приморский край") and Chinese
//! (on characters, no spaces needed).

use crate::text::{capitalised, has_cyrillic, has_han, norm_str, tokens, Normalised, Token};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use amur_record::chars::ToLower;
use amur_refdata::RefData;
use foldhash::{HashMap, HashMapExt};
use rust_stemmers::{Algorithm, Stemmer};

/// A name of a known entity found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazMatch {
    /// Original byte offset of the start.
    pub start: usize,
    /// Original byte offset one past the end.
    pub end: usize,
    /// Indexes (into `RefData::entities`) of the entities with this name.
    pub candidates: Vec<usize>,
}

#[derive(Debug, Default)]
struct Pattern {
    entities: Vec<usize>,
    /// Acronyms must match letter case exactly (SCO vs "sco").
    exact: Option<String>,
    /// A name that starts upper-case must be capitalised in text.
    needs_capital: bool,
    /// The name itself is an adjective ("хэйлунцзянский").
    adjective: bool,
    /// Some form of the name ends in "ь". Stems drop the soft sign, but in
    /// a Chinese name it tells syllables apart ("Цзинь" jin, "Цзин" jing).
    soft_end: bool,
    /// Forms whose stem is too short to stand for them ("Иу" stems to "и"):
    /// the text must spell one of them (any letter case).
    whole_forms: Vec<String>,
}

impl Pattern {
    /// Whether the text as written fits the name's letter case.
    fn accepts(&self, surface: &str) -> bool {
        if !self.whole_forms.is_empty()
            && !self.whole_forms.iter().any(|f| *f == surface.to_lower())
        {
            return false;
        }
        if !self.soft_end && has_cyrillic(surface) && surface.ends_with(['ь', 'Ь']) {
            return false;
        }
        match &self.exact {
            Some(exact) => surface == exact,
            None => !self.needs_capital || capitalised(surface),
        }
    }
}

/// Whether a Russian word has an adjective ending.
fn adjectival(w: &str) -> bool {
    let w = w.to_lower();
    [
        "ский",
        "ского",
        "скому",
        "ским",
        "ском",
        "ская",
        "ской",
        "скую",
        "ские",
        "ских",
        "скими",
        "цкий",
        "цкого",
        "цкой",
    ]
    .iter()
    .any(|e| w.ends_with(e))
}

/// One script's automaton and its patterns.
struct Index {
    ac: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

impl Index {
    fn build(map: HashMap<String, Pattern>) -> Self {
        let mut keys: Vec<(String, Pattern)> = map.into_iter().collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        let (strings, patterns): (Vec<String>, Vec<Pattern>) = keys.into_iter().unzip();
        // A full DFA: every page runs overlapping searches over every name,
        // and the DFA's table (a few MB here) searches several times faster
        // than the default NFA.
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&strings)
            .ok();
        Index { ac, patterns }
    }
}

/// The matcher over all reference names.
pub struct Gazetteer {
    latin: Index,
    cyrillic: Index,
    han: Index,
    stemmer: Stemmer,
    /// One-character country abbreviations (中 → China) and the entity each
    /// stands for, read only in runs ("中俄朝").
    abbr: HashMap<char, usize>,
    /// Characters after which 中 ends a word ("会谈中").
    not_after: Vec<char>,
}

/// Stems a Russian word (lower-case, ё folded).
pub fn stem_ru(stemmer: &Stemmer, word: &str) -> String {
    let w: String = word.chars().map(crate::text::norm_char).collect();
    if has_cyrillic(&w) {
        stemmer.stem(&w).into_owned()
    } else {
        w
    }
}

/// Every token's [`stem_ru`], in token order: empty when the text has no
/// Cyrillic (no Russian name or title can match it). A word that recurs is
/// stemmed once.
pub fn stems_of(stemmer: &Stemmer, text: &str, toks: &[Token]) -> Vec<String> {
    if !has_cyrillic(text) {
        return Vec::new();
    }
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(toks.len());
    let mut out: Vec<String> = Vec::with_capacity(toks.len());
    for t in toks {
        let stem = match seen.get(t.text) {
            Some(&k) => out[k].clone(),
            None => {
                seen.insert(t.text, out.len());
                stem_ru(stemmer, t.text)
            }
        };
        out.push(stem);
    }
    out
}

/// A Latin name and the spellings other romanisations give it: "-sky" as
/// "-skiy"/"-skii", "Krai" as "Kray"/"Territory", "Oblast" as "Region"
/// ("Khabarovskiy Kray" = "Khabarovsky Krai"). Other names are returned as
/// they are.
fn latin_variants(form: &str) -> Vec<String> {
    let mut out = vec![form.to_string()];
    if !form.is_ascii() {
        return out;
    }
    let words: Vec<&str> = form.split(' ').collect();
    let alternatives = |w: &str| -> Vec<String> {
        match w {
            "Krai" => vec!["Kray".into(), "Territory".into()],
            "Oblast" => vec!["Region".into()],
            _ if w.len() > 5 && w.ends_with("sky") => {
                let stem = &w[..w.len() - 1];
                vec![format!("{stem}iy"), format!("{stem}ii")]
            }
            _ => Vec::new(),
        }
    };
    for (i, w) in words.iter().enumerate() {
        let alts = alternatives(w);
        let so_far = out.clone();
        for v in so_far {
            let vw: Vec<&str> = v.split(' ').collect();
            for a in &alts {
                let mut nw: Vec<&str> = vw.clone();
                nw[i] = a;
                out.push(nw.join(" "));
            }
        }
    }
    out
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s
        .chars()
        .filter(|c| amur_record::chars::is_alphabetic(*c))
        .collect();
    !letters.is_empty()
        && letters.len() <= 8
        && letters.iter().all(|c| c.is_uppercase())
        && !s.contains(' ')
}

impl Gazetteer {
    /// Builds the automata over every surface form of `data`.
    pub fn new(data: &RefData) -> Self {
        let stemmer = Stemmer::create(Algorithm::Russian);
        let mut latin: HashMap<String, Pattern> = HashMap::new();
        let mut cyr: HashMap<String, Pattern> = HashMap::new();
        let mut han: HashMap<String, Pattern> = HashMap::new();
        for (i, e) in data.entities().iter().enumerate() {
            let forms: Vec<String> = e.surface_forms().flat_map(latin_variants).collect();
            for form in &forms {
                let form = form.trim();
                let form = form.strip_prefix("the ").unwrap_or(form);
                if form
                    .chars()
                    .filter(|c| amur_record::chars::is_alphanumeric(*c))
                    .count()
                    < 2
                    && !has_han(form)
                {
                    continue;
                }
                let mut short_stem = false;
                let (map, key) = if has_cyrillic(form) {
                    let stems: Vec<String> = tokens(form)
                        .iter()
                        .map(|t| stem_ru(&stemmer, t.text))
                        .collect();
                    if stems.is_empty() {
                        continue;
                    }
                    short_stem = stems.iter().map(|s| s.chars().count()).sum::<usize>() < 3;
                    (&mut cyr, format!(" {} ", stems.join(" ")))
                } else if has_han(form) && !form.chars().any(|c| c.is_ascii_alphabetic()) {
                    (&mut han, norm_str(form))
                } else {
                    (&mut latin, norm_str(form))
                };
                let p = map.entry(key).or_default();
                if !p.entities.contains(&i) {
                    p.entities.push(i);
                }
                if is_acronym(form) {
                    p.exact = Some(form.to_string());
                }
                if form.ends_with(['ь', 'Ь']) {
                    p.soft_end = true;
                }
                if short_stem {
                    p.whole_forms.push(form.to_lower());
                }
                if has_cyrillic(form) && !form.contains(' ') && adjectival(form) {
                    p.adjective = true;
                }
                // Single words must be capitalised ("Amur" not "amur"); multi-word
                // Latin names may appear in lower case ("northeast of China").
                if capitalised(form) && (!form.contains(' ') || has_cyrillic(form)) {
                    p.needs_capital = true;
                }
            }
        }
        let t = data.table("lexicon/zh_country_abbreviations.tsv");
        let mut abbr = HashMap::new();
        let mut not_after = Vec::new();
        for row in t.rows() {
            let c = t.get(row, "char").and_then(|v| v.chars().next());
            match (t.get(row, "role"), c) {
                (Some("abbr"), Some(c)) => {
                    let country = t.get(row, "country").unwrap_or("-");
                    if let Some(i) = data
                        .entities()
                        .iter()
                        .position(|e| e.id.as_str() == country)
                    {
                        abbr.insert(c, i);
                    }
                }
                (Some("not_after"), Some(c)) => not_after.push(c),
                _ => {}
            }
        }
        Gazetteer {
            latin: Index::build(latin),
            cyrillic: Index::build(cyr),
            han: Index::build(han),
            stemmer,
            abbr,
            not_after,
        }
    }

    /// Every non-overlapping known name in `text` (longest first), left to right.
    pub fn find(&self, text: &str) -> Vec<GazMatch> {
        resolve_overlaps(self.find_all(text))
    }

    /// Every known name in `text`, overlapping ones included.
    pub fn find_all(&self, text: &str) -> Vec<GazMatch> {
        let toks = tokens(text);
        let stems = stems_of(&self.stemmer, text, &toks);
        self.find_all_in(text, &Normalised::new(text), &toks, &stems)
    }

    /// [`Gazetteer::find_all`] with `text`'s normalised view, words and
    /// their [`stems_of`] already built.
    pub fn find_all_in(
        &self,
        text: &str,
        norm: &Normalised,
        toks: &[Token],
        stems: &[String],
    ) -> Vec<GazMatch> {
        let mut all = Vec::new();
        self.find_latin(text, norm, &mut all);
        self.find_han(norm, &mut all);
        self.find_abbreviations(norm, &mut all);
        self.find_cyrillic(text, toks, stems, &mut all);
        all
    }

    fn find_latin(&self, text: &str, norm: &Normalised, out: &mut Vec<GazMatch>) {
        let Some(ac) = &self.latin.ac else { return };
        let nt = &norm.text;
        for m in ac.find_overlapping_iter(nt.as_str()) {
            let (s, e) = (m.start(), m.end());
            let before = nt[..s].chars().next_back();
            let after = nt[e..].chars().next();
            if before.is_some_and(amur_record::chars::is_alphanumeric)
                || after.is_some_and(amur_record::chars::is_alphanumeric)
            {
                continue;
            }
            let p = &self.latin.patterns[m.pattern().as_usize()];
            let (os, oe) = norm.orig(s, e);
            let surface = &text[os..oe];
            if p.accepts(surface) {
                out.push(GazMatch {
                    start: os,
                    end: oe,
                    candidates: p.entities.clone(),
                });
            }
        }
    }

    /// Countries abbreviated to one character in runs of two or more
    /// ("中俄边境", "中俄朝三国"). A day's 日 after a digit and 中 ending a word
    /// ("会谈中俄方…") do not count.
    fn find_abbreviations(&self, norm: &Normalised, out: &mut Vec<GazMatch>) {
        if self.abbr.is_empty() || !has_han(&norm.text) {
            return;
        }
        let chars: Vec<(usize, char)> = norm.text.char_indices().collect();
        let counts = |k: usize| {
            let (_, c) = chars[k];
            let prev = k.checked_sub(1).map(|p| chars[p].1);
            self.abbr.contains_key(&c) && !(c == '日' && prev.is_some_and(|p| p.is_ascii_digit()))
        };
        let mut k = 0;
        while k < chars.len() {
            if !counts(k) {
                k += 1;
                continue;
            }
            let mut end = k;
            while end < chars.len() && counts(end) {
                end += 1;
            }
            let mut start = k;
            // "会谈中俄方": 中 closes the word before it.
            if chars[start].1 == '中'
                && start
                    .checked_sub(1)
                    .is_some_and(|p| self.not_after.contains(&chars[p].1))
            {
                start += 1;
            }
            if end - start >= 2 {
                for &(at, c) in &chars[start..end] {
                    let (os, oe) = norm.orig(at, at + c.len_utf8());
                    out.push(GazMatch {
                        start: os,
                        end: oe,
                        candidates: vec![self.abbr[&c]],
                    });
                }
            }
            k = end;
        }
    }

    fn find_han(&self, norm: &Normalised, out: &mut Vec<GazMatch>) {
        let Some(ac) = &self.han.ac else { return };
        if !has_han(&norm.text) {
            return;
        }
        for m in ac.find_overlapping_iter(norm.text.as_str()) {
            // A short name whose last character starts a domain word ("…口" + "岸") is not a name.
            let next2: String = norm.text[m.end()..].chars().take(1).collect();
            let last: String = norm.text[..m.end()]
                .chars()
                .next_back()
                .map(String::from)
                .unwrap_or_default();
            if m.end() - m.start() <= 6
                && matches!(format!("{last}{next2}").as_str(), "口岸" | "港口" | "海关")
            {
                continue;
            }
            let p = &self.han.patterns[m.pattern().as_usize()];
            let (os, oe) = norm.orig(m.start(), m.end());
            out.push(GazMatch {
                start: os,
                end: oe,
                candidates: p.entities.clone(),
            });
        }
    }

    fn find_cyrillic(&self, text: &str, toks: &[Token], stems: &[String], out: &mut Vec<GazMatch>) {
        let Some(ac) = &self.cyrillic.ac else { return };
        if stems.len() != toks.len() {
            return;
        }
        let mut stem_text = String::from(" ");
        let mut starts = Vec::with_capacity(toks.len());
        for stem in stems {
            starts.push(stem_text.len());
            stem_text.push_str(stem);
            stem_text.push(' ');
        }
        for m in ac.find_overlapping_iter(stem_text.as_str()) {
            let first = starts.partition_point(|&s| s < m.start() + 1);
            let last = starts
                .partition_point(|&s| s < m.end() - 1)
                .saturating_sub(1);
            if first >= toks.len() || last < first {
                continue;
            }
            let p = &self.cyrillic.patterns[m.pattern().as_usize()];
            let (os, oe) = (toks[first].start, toks[last].end);
            let surface = &text[os..oe];
            // An adjective ("Уссурийский", "хабаровский") shares its stem with a
            // town in -ск; it is not a mention of the town.
            if first == last
                && adjectival(surface)
                && !p.adjective
                && !instrumental_town(&text[..os], surface)
            {
                continue;
            }
            if p.accepts(surface) {
                out.push(GazMatch {
                    start: os,
                    end: oe,
                    candidates: p.entities.clone(),
                });
            }
        }
    }
}

/// Prepositions that govern the instrumental case: after them "-ском" is a
/// town in -ск ("между Благовещенском и Хэйхэ"), never the prepositional of an
/// adjective (which follows в, на, о, при).
const INSTRUMENTAL_PREPOSITIONS: &[&str] = &["с", "со", "между", "перед", "над", "под", "за"];

/// Whether a word in "-ском"/"-цком" is the instrumental of a town, from the
/// word before it: a preposition that governs the instrumental, or a plural
/// noun in the instrumental ("городами-побратимами Якутском и Харбином"),
/// which an adjective would follow in "-скими", never "-ском".
fn instrumental_town(before: &str, word: &str) -> bool {
    let w = word.to_lower();
    if !(w.ends_with("ском") || w.ends_with("цком")) {
        return false;
    }
    let prev = crate::text::word_before(before);
    INSTRUMENTAL_PREPOSITIONS.contains(&prev.as_str())
        || (prev.chars().count() > 4 && (prev.ends_with("ами") || prev.ends_with("ями")))
}

/// Keeps the longest of overlapping matches (ties: the earlier one).
pub fn resolve_overlaps(mut all: Vec<GazMatch>) -> Vec<GazMatch> {
    all.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    // Kept spans do not overlap, so the one starting last before `m` ends is
    // the only one that can overlap it.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut kept: Vec<GazMatch> = Vec::new();
    for m in all {
        let free = taken
            .range(..m.end)
            .next_back()
            .is_none_or(|(_, &end)| end <= m.start);
        if free {
            taken.insert(m.start, m.end);
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(data: &RefData, g: &Gazetteer, text: &str) -> Vec<(String, String)> {
        g.find(text)
            .into_iter()
            .map(|m| {
                (
                    text[m.start..m.end].to_string(),
                    data.entities()[m.candidates[0]].id.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn stems_are_each_words_stem_and_none_without_cyrillic() {
        let st = Stemmer::create(Algorithm::Russian);
        let text = "Губернатора Приморья встретили губернатора Хэйлунцзяна, Harbin";
        let toks = tokens(text);
        let stems = stems_of(&st, text, &toks);
        let one_by_one: Vec<String> = toks.iter().map(|t| stem_ru(&st, t.text)).collect();
        assert_eq!(stems, one_by_one);
        assert_eq!(stems[0], stems[3], "a recurring word has one stem");
        let latin = "The governor of Primorsky Krai";
        assert!(stems_of(&st, latin, &tokens(latin)).is_empty());
    }

    #[test]
    fn russian_inflection() {
        let d = RefData::embedded().unwrap();
        let g = Gazetteer::new(&d);
        let found = names(&d, &g, "Делегация Приморского края и правительство Приморья прибыли в Харбин из Хабаровском крае, Амурской области.");
        let ids: Vec<&str> = found.iter().map(|(_, id)| id.as_str()).collect();
        assert!(ids.contains(&"region:RU-PRI"), "{found:?}");
        assert_eq!(
            ids.iter().filter(|i| **i == "region:RU-PRI").count(),
            1 + found.iter().filter(|(s, _)| s == "Приморья").count()
        );
        assert!(ids.contains(&"city:harbin"), "{found:?}");
        assert!(ids.contains(&"region:RU-KHA"), "{found:?}");
        assert!(ids.contains(&"region:RU-AMU"), "{found:?}");
    }

    #[test]
    fn a_name_whose_stem_is_too_short_is_matched_whole() {
        let d = RefData::embedded().unwrap();
        let g = Gazetteer::new(&d);
        // "Иу" (Yiwu) stems to "и": the conjunction is not the town.
        let found = names(&d, &g, "И снова товары из Иу пришли в Россию.");
        let yiwu: Vec<&(String, String)> =
            found.iter().filter(|(_, id)| id == "city:yiwu").collect();
        assert_eq!(yiwu.len(), 1, "{found:?}");
    }

    #[test]
    fn towns_in_the_instrumental_after_a_preposition() {
        let d = RefData::embedded().unwrap();
        let g = Gazetteer::new(&d);
        let found = names(
            &d,
            &g,
            "Мост между Благовещенском и Хэйхэ; встреча с Хабаровском.",
        );
        let ids: Vec<&str> = found.iter().map(|(_, id)| id.as_str()).collect();
        assert!(ids.contains(&"city:blagoveshchensk"), "{found:?}");
        assert!(ids.contains(&"city:khabarovsk"), "{found:?}");
        let found = names(&d, &g, "Между городами-побратимами Благовещенском и Хэйхэ.");
        assert!(
            found.iter().any(|(_, id)| id == "city:blagoveshchensk"),
            "{found:?}"
        );
        // Must not fire: the prepositional of an adjective ("в Благовещенском районе").
        let found = names(&d, &g, "в Благовещенском районе");
        assert!(
            !found.iter().any(|(_, id)| id == "city:blagoveshchensk"),
            "{found:?}"
        );
    }

    #[test]
    fn chinese_without_spaces_and_english_case() {
        let d = RefData::embedded().unwrap();
        let g = Gazetteer::new(&d);
        let found = names(&d, &g, "黑龙江省代表团访问滨海边疆区。The Primorsky Krai delegation met in the northeast of China.");
        let ids: Vec<&str> = found.iter().map(|(_, id)| id.as_str()).collect();
        for want in [
            "region:CN-HL",
            "region:RU-PRI",
            "macro_region:northeast-china",
        ] {
            assert!(ids.contains(&want), "{want}: {found:?}");
        }
    }
}
