//! Word lists for recognising names that are not in the reference data:
//! Russian given names, office titles, organisation head words
//! (`data/lexicon/*.tsv`, read and checked by `amur-refdata`).

use amur_record::chars::ToLower;
use amur_refdata::{OrgKind, RefData};
use foldhash::{HashMap, HashSet};

/// A Russian given name.
#[derive(Debug, Clone)]
pub struct GivenName {
    /// Nominative Russian form.
    pub ru: String,
    /// Male or female.
    pub female: bool,
    /// Usual English form.
    pub en: String,
}

/// An office title or honorific.
#[derive(Debug, Clone)]
pub struct Title {
    /// Canonical English office word ("Governor"); empty for honorifics.
    pub canonical: String,
}

/// An organisation head word.
#[derive(Debug, Clone)]
pub struct OrgHead {
    /// English rendering.
    pub canonical: String,
    /// Kind of organisation.
    pub kind: OrgKind,
}

/// The word lists.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Russian given names by lower-case nominative.
    pub given_ru: HashMap<String, GivenName>,
    /// English spellings of Russian given names (lower-case) → the name.
    pub given_en: HashMap<String, GivenName>,
    /// Titles by language then lower-case form.
    pub titles: HashMap<(String, String), Title>,
    /// Longest title in words, per language.
    pub title_words: HashMap<String, usize>,
    /// Organisation head words by language then form (lower-case for en/ru).
    pub org_heads: HashMap<(String, String), OrgHead>,
    /// Russian titles by their word stems joined with spaces → canonical English word.
    pub ru_title_stems: HashMap<String, String>,
    /// Russian organisation head words (lower-case), for "is this an institution" checks.
    pub ru_heads: Vec<String>,
    /// Words after a place name that make it no mention of the place ("US dollars", "Beijing time").
    pub not_place_after: Vec<String>,
    /// Words before a place name that make it no mention of the place ("долларов США").
    pub not_place_before: Vec<String>,
    /// Head words of government bodies: (language, form, English).
    body_heads: Vec<(String, String, String)>,
    /// Fields of work of government bodies: (language, form) → English.
    body_topics: HashMap<(String, String), String>,
    /// Facility words between or before two dashed towns: (language, form, English), longest first.
    pub facility_kinds: Vec<(String, String, String)>,
    /// English words that alone do not make an organisation's name distinctive.
    pub org_generic: HashSet<String>,
    /// English words of office titles, which never start an organisation's name.
    pub office_words: HashSet<String>,
    /// Russian legal forms before a quoted company name, in match order.
    pub ru_legal_forms: Vec<String>,
    /// English words that start sentences and look like names.
    en_stop: HashSet<String>,
    /// Russian all-capital abbreviations that are common nouns (СМИ, ВВП).
    pub ru_not_org: HashSet<String>,
    /// Russian prepositions of place (в, из, около).
    pub ru_locative: HashSet<String>,
    /// Abbreviations of former or unrecognised states, read as places (СССР).
    pub ru_former_states: HashSet<String>,
    /// Chinese office titles (not honorifics), found in one pass.
    pub zh_titles: ZhTitles,
}

/// Chinese office titles with one automaton over all of them: a name follows
/// a title, so every title's occurrences are needed, and one pass finds them.
#[derive(Debug, Default)]
pub struct ZhTitles {
    /// (title, canonical English office), longest title first, then by text.
    pub list: Vec<(String, String)>,
    /// Automaton whose pattern `i` is `list[i].0`.
    ac: Option<aho_corasick::AhoCorasick>,
}

impl ZhTitles {
    fn new(titles: &HashMap<(String, String), Title>) -> Self {
        let mut list: Vec<(String, String)> = titles
            .iter()
            .filter(|((l, _), t)| l == "zh" && !t.canonical.is_empty())
            .map(|((_, w), t)| (w.clone(), t.canonical.clone()))
            .collect();
        list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        // Built from checked reference rows; an automaton that cannot be
        // built (none can here) leaves no titles to find.
        let ac = aho_corasick::AhoCorasick::new(list.iter().map(|(w, _)| w)).ok();
        ZhTitles { list, ac }
    }

    /// Every title occurrence as (index into [`ZhTitles::list`], end of the
    /// title), ordered by title then position. Each title's occurrences do
    /// not overlap one another (leftmost first), as repeated `find` gives.
    pub fn occurrences(&self, text: &str) -> Vec<(usize, usize)> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut all: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        all.sort_unstable();
        let mut out = Vec::with_capacity(all.len());
        let mut last: Option<(usize, usize)> = None;
        for (i, start, end) in all {
            if last.is_some_and(|(li, le)| li == i && start < le) {
                continue;
            }
            last = Some((i, end));
            out.push((i, end));
        }
        out
    }
}

impl Lexicon {
    /// The word lists of a reference data set. Its rows were checked at
    /// load, so every required cell is present.
    pub fn new(data: &RefData) -> Self {
        let mut lx = Lexicon::default();
        let t = data.table("lexicon/ru_given_names.tsv");
        for row in t.rows() {
            let (Some(ru), Some(g), Some(en)) = (
                t.get(row, "name_ru"),
                t.get(row, "gender"),
                t.get(row, "name_en"),
            ) else {
                continue;
            };
            let name = GivenName {
                ru: ru.to_string(),
                female: g == "f",
                en: en.to_string(),
            };
            let variants = t
                .get(row, "variants_en")
                .into_iter()
                .flat_map(|v| v.split('|'));
            for v in std::iter::once(en).chain(variants) {
                lx.given_en.insert(v.trim().to_lower(), name.clone());
            }
            lx.given_ru.insert(ru.to_lower().replace('ё', "е"), name);
        }
        let t = data.table("lexicon/titles.tsv");
        for row in t.rows() {
            let (Some(lang), Some(title)) = (t.get(row, "lang"), t.get(row, "title")) else {
                continue;
            };
            let canonical = t.get(row, "canonical_en").unwrap_or("").to_string();
            let words = title.split_whitespace().count();
            let e = lx.title_words.entry(lang.to_string()).or_insert(0);
            *e = (*e).max(words);
            lx.titles
                .insert((lang.to_string(), title.to_lower()), Title { canonical });
        }
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Russian);
        for ((lang, title), t) in &lx.titles {
            if lang == "ru" && !t.canonical.is_empty() {
                let stems: Vec<String> = title
                    .split_whitespace()
                    .map(|w| crate::gazetteer::stem_ru(&stemmer, w))
                    .collect();
                lx.ru_title_stems
                    .insert(stems.join(" "), t.canonical.clone());
            }
        }
        let t = data.table("lexicon/org_heads.tsv");
        for row in t.rows() {
            let (Some(lang), Some(h)) = (t.get(row, "lang"), t.get(row, "head")) else {
                continue;
            };
            // Token spans end before a final dot ("Co., Ltd" for "Co., Ltd.").
            let key = if lang == "zh" {
                h.to_string()
            } else {
                h.to_lower().trim_end_matches('.').to_string()
            };
            lx.org_heads.insert(
                (lang.to_string(), key),
                OrgHead {
                    canonical: t.get(row, "canonical_en").unwrap_or(h).to_string(),
                    kind: t
                        .get(row, "kind")
                        .and_then(OrgKind::parse)
                        .unwrap_or(OrgKind::Other),
                },
            );
        }
        let t = data.table("lexicon/place_contexts.tsv");
        for row in t.rows() {
            let (Some(side), Some(w)) = (t.get(row, "side"), t.get(row, "word")) else {
                continue;
            };
            let list = if side == "before" {
                &mut lx.not_place_before
            } else {
                &mut lx.not_place_after
            };
            list.push(w.to_lower());
        }
        let t = data.table("lexicon/bodies.tsv");
        for row in t.rows() {
            let (Some(part), Some(lang), Some(form), Some(en)) = (
                t.get(row, "part"),
                t.get(row, "lang"),
                t.get(row, "form"),
                t.get(row, "en"),
            ) else {
                continue;
            };
            if part == "head" {
                lx.body_heads
                    .push((lang.to_string(), form.to_string(), en.to_string()));
            } else {
                lx.body_topics
                    .insert((lang.to_string(), form.to_string()), en.to_string());
            }
        }
        let t = data.table("lexicon/facility_kinds.tsv");
        for row in t.rows() {
            let (Some(lang), Some(form), Some(en)) =
                (t.get(row, "lang"), t.get(row, "form"), t.get(row, "en"))
            else {
                continue;
            };
            lx.facility_kinds
                .push((lang.to_string(), form.to_lower(), en.to_string()));
        }
        lx.facility_kinds
            .sort_by_key(|(_, f, _)| std::cmp::Reverse(f.chars().count()));
        let t = data.table("lexicon/word_lists.tsv");
        for row in t.rows() {
            let (Some(list), Some(word)) = (t.get(row, "list"), t.get(row, "word")) else {
                continue;
            };
            let word = word.to_string();
            match list {
                "generic" => {
                    lx.org_generic.insert(word);
                }
                "office" => {
                    lx.office_words.insert(word);
                }
                "ru_legal_form" => lx.ru_legal_forms.push(word),
                "en_stop" => {
                    lx.en_stop.insert(word);
                }
                "ru_not_org" => {
                    lx.ru_not_org.insert(word);
                }
                "ru_locative" => {
                    lx.ru_locative.insert(word);
                }
                "ru_former_state" => {
                    lx.ru_former_states.insert(word);
                }
                // amur-refdata checked the list names at load.
                _ => {}
            }
        }
        lx.ru_heads = lx
            .org_heads
            .keys()
            .filter(|(l, h)| l == "ru" && h.chars().count() >= 4)
            .map(|(_, h)| h.clone())
            .collect();
        lx.zh_titles = ZhTitles::new(&lx.titles);
        lx
    }

    /// Whether an English word (any case, a final "'s" ignored) starts
    /// sentences rather than names.
    pub fn is_en_stop(&self, w: &str) -> bool {
        self.en_stop.contains(w.to_lower().trim_end_matches("'s"))
    }

    /// Head words of government bodies in a language: (form, English).
    pub fn body_heads<'a>(
        &'a self,
        lang: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.body_heads
            .iter()
            .filter(move |(l, _, _)| l == lang)
            .map(|(_, f, e)| (f.as_str(), e.as_str()))
    }

    /// The English rendering of a government body's field of work.
    pub fn body_topic(&self, lang: &str, form: &str) -> Option<&str> {
        self.body_topics
            .get(&(lang.to_string(), form.to_string()))
            .map(String::as_str)
    }

    /// Whether the words around a place name show it names a currency, a
    /// clock or a title rather than the place (`after`/`before`: the text
    /// right after and right before the name).
    pub fn not_a_place(&self, after: &str, before: &str) -> bool {
        let after = after.trim_start().to_lower();
        let before = before.trim_end().to_lower();
        self.not_place_after
            .iter()
            .any(|w| after.starts_with(w.as_str()))
            || self
                .not_place_before
                .iter()
                .any(|w| before.ends_with(w.as_str()))
    }

    /// The title among `words` (lower-case) that ends at the last word, longest first.
    pub fn title_ending(&self, lang: &str, words: &[&str]) -> Option<(usize, &Title)> {
        let max = self
            .title_words
            .get(lang)
            .copied()
            .unwrap_or(0)
            .min(words.len());
        (1..=max).rev().find_map(|n| {
            let phrase = words[words.len() - n..].join(" ").to_lower();
            self.titles.get(&(lang.to_string(), phrase)).map(|t| (n, t))
        })
    }

    /// Whether a lower-case word is (part of) a title in this language.
    pub fn is_title_word(&self, lang: &str, word: &str) -> bool {
        self.titles
            .contains_key(&(lang.to_string(), word.to_lower()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(rows: &[(&str, &str, &str)]) -> ZhTitles {
        let map: HashMap<(String, String), Title> = rows
            .iter()
            .map(|(l, w, c)| {
                (
                    (l.to_string(), w.to_string()),
                    Title {
                        canonical: c.to_string(),
                    },
                )
            })
            .collect();
        ZhTitles::new(&map)
    }

    #[test]
    fn chinese_titles_longest_first_each_without_self_overlap() {
        let t = titles(&[
            ("zh", "省长", "Governor"),
            ("zh", "副省长", "Vice Governor"),
            ("zh", "长长", "Test"),
            ("zh", "先生", ""),
            ("en", "省长", "Governor"),
        ]);
        // Honorifics and other languages are not office titles here.
        let words: Vec<&str> = t.list.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, ["副省长", "省长", "长长"]);
        let text = "副省长王一会见省长李二。长长长";
        let found: Vec<(&str, &str)> = t
            .occurrences(text)
            .into_iter()
            .map(|(i, end)| (t.list[i].0.as_str(), &text[end..]))
            .collect();
        assert_eq!(
            found,
            [
                ("副省长", "王一会见省长李二。长长长"),
                ("省长", "王一会见省长李二。长长长"),
                ("省长", "李二。长长长"),
                // "长长长" holds one "长长", not two overlapping ones.
                ("长长", "长"),
            ]
        );
        assert!(t.occurrences("市委书记会见代表团").is_empty());
    }
}
