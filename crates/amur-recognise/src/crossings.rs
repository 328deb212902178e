//! Facilities named by the two towns they join: "Heihe–Blagoveshchensk
//! bridge", "мост Благовещенск — Хэйхэ", "同江—下列宁斯阔耶铁路大桥". Two towns
//! the gazetteer knows, a dash between them and a facility word after them
//! (English, Chinese) or before them (Russian) from
//! `data/lexicon/facility_kinds.tsv` make one facility, named in English
//! from the towns' canonical names.

use crate::bodies::PlaceSpan;
use crate::lexicon::Lexicon;
use amur_record::chars::ToLower;

/// A facility found by its shape.
#[derive(Debug, Clone, PartialEq)]
pub struct FacilityCand {
    /// Byte span of the whole name.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// Canonical English name ("Heihe–Blagoveshchensk bridge").
    pub name: String,
    /// Other usual spellings (hyphen, the towns in the other order).
    pub aliases: Vec<String>,
    /// The name as written, when not English.
    pub native: Option<String>,
}

/// Bytes around the towns that can hold a facility word (and a river name).
const WINDOW: usize = 80;

/// The largest char boundary at or before `at` (clamped to the text).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or after `at`.
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

const DASHES: &[&str] = &["-", "–", "—", "——", "至"];

/// Finds facilities between consecutive towns (`towns` in text order).
pub fn find(text: &str, towns: &[PlaceSpan], lex: &Lexicon) -> Vec<FacilityCand> {
    let mut out = Vec::new();
    for w in towns.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.name == b.name || a.end > b.start {
            continue;
        }
        if !DASHES.contains(&text[a.end..b.start].trim()) {
            continue;
        }
        let found = after(text, b.end, lex)
            .map(|(end, kind)| (a.start, end, kind))
            .or_else(|| before(text, a.start, lex).map(|(start, kind)| (start, b.end, kind)));
        let Some((start, end, kind)) = found else {
            continue;
        };
        let native = text[start..end].to_string();
        out.push(FacilityCand {
            start,
            end,
            name: format!("{}–{} {kind}", a.name, b.name),
            aliases: vec![
                format!("{}-{} {kind}", a.name, b.name),
                format!("{}–{} {kind}", b.name, a.name),
                format!("{}-{} {kind}", b.name, a.name),
            ],
            native: (!native.is_ascii()).then_some(native),
        });
    }
    out
}

/// An English or Chinese facility word right after the second town: (end, English).
fn after(text: &str, from: usize, lex: &Lexicon) -> Option<(usize, String)> {
    // Facility words are short: look at a bounded stretch, so a long page
    // costs no more per town pair than a short one.
    let rest = &text[from..floor_boundary(text, from + WINDOW)];
    let spaced = rest.strip_prefix(' ').unwrap_or(rest);
    let lower = spaced.to_lower();
    // "黑河——布拉戈维申斯克黑龙江界河大桥": a river's name may stand between.
    let river = river_prefix(rest);
    for (lang, form, en) in &lex.facility_kinds {
        let hay = match lang.as_str() {
            "en" if lower.len() == spaced.len() => &lower,
            "zh" => &rest[river..],
            _ => continue,
        };
        if let Some(tail) = hay.strip_prefix(form.as_str()) {
            if tail
                .chars()
                .next()
                .is_some_and(amur_record::chars::is_alphanumeric)
                && lang == "en"
            {
                continue;
            }
            let skip = if lang == "zh" {
                river
            } else {
                rest.len() - spaced.len()
            };
            return Some((from + skip + form.len(), en.clone()));
        }
    }
    None
}

/// Bytes of a Chinese river name at the start of `s` (up to four characters
/// ending in 江 or 河, with 界河 "boundary river" after it), or 0.
fn river_prefix(s: &str) -> usize {
    let chars: Vec<(usize, char)> = s.char_indices().take(4).collect();
    for (i, c) in chars.iter().rev() {
        if matches!(c, '江' | '河')
            && chars
                .iter()
                .take_while(|(j, _)| j <= i)
                .all(|(_, c)| crate::text::is_han(*c))
        {
            let end = i + c.len_utf8();
            return end
                + if s[end..].starts_with("界河") {
                    "界河".len()
                } else {
                    0
                };
        }
    }
    0
}

/// A Russian facility word right before the first town ("моста", "пункт
/// пропуска «…"): (start, English).
fn before(text: &str, to: usize, lex: &Lexicon) -> Option<(usize, String)> {
    let base = ceil_boundary(text, to.saturating_sub(WINDOW));
    let head = text[base..to].trim_end_matches([' ', '«', '"']);
    let words: Vec<(usize, &str)> = head
        .split(' ')
        .scan(base, |at, w| {
            let s = *at;
            *at += w.len() + 1;
            Some((s, w))
        })
        // The first word of a cut window may be the tail of a longer one.
        .skip(usize::from(base > 0))
        .collect();
    for (lang, form, en) in &lex.facility_kinds {
        if lang != "ru" {
            continue;
        }
        let parts: Vec<&str> = form.split(' ').collect();
        if words.len() < parts.len() {
            continue;
        }
        let tail = &words[words.len() - parts.len()..];
        let fits = tail
            .iter()
            .zip(&parts)
            .all(|((_, w), p)| w.to_lower().starts_with(p));
        if fits {
            return tail.first().map(|(s, _)| (*s, en.clone()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use amur_refdata::RefData;

    fn town(text: &str, written: &str, name: &str) -> PlaceSpan {
        let start = text.find(written).unwrap_or(0);
        PlaceSpan {
            start,
            end: start + written.len(),
            name: name.into(),
            province: false,
        }
    }

    fn names(text: &str, towns: &[(&str, &str)]) -> Vec<String> {
        let lex = Lexicon::new(&RefData::embedded().expect("embedded data"));
        let spans: Vec<PlaceSpan> = towns.iter().map(|(w, n)| town(text, w, n)).collect();
        find(text, &spans, &lex)
            .into_iter()
            .map(|f| f.name)
            .collect()
    }

    #[test]
    fn towns_and_a_facility_word_in_three_languages() {
        let t = "The Heihe-Blagoveshchensk bridge opened.";
        assert_eq!(
            names(
                t,
                &[("Heihe", "Heihe"), ("Blagoveshchensk", "Blagoveshchensk")]
            ),
            ["Heihe–Blagoveshchensk bridge"]
        );
        let t = "строительство моста Благовещенск - Хэйхэ идет";
        assert_eq!(
            names(
                t,
                &[("Благовещенск", "Blagoveshchensk"), ("Хэйхэ", "Heihe")]
            ),
            ["Blagoveshchensk–Heihe bridge"]
        );
        let t = "推进黑河——布拉戈维申斯克黑龙江界河大桥建设";
        assert_eq!(
            names(
                t,
                &[("黑河", "Heihe"), ("布拉戈维申斯克", "Blagoveshchensk")]
            ),
            ["Heihe–Blagoveshchensk bridge"]
        );
        let t = "黑河—布拉戈维申斯克大桥通车";
        assert_eq!(
            names(
                t,
                &[("黑河", "Heihe"), ("布拉戈维申斯克", "Blagoveshchensk")]
            ),
            ["Heihe–Blagoveshchensk bridge"]
        );
    }

    #[test]
    fn no_facility_without_a_dash_or_a_word() {
        // Towns joined by "and", or a dash with no facility word.
        let t = "The Heihe and Blagoveshchensk bridge talks.";
        assert!(names(
            t,
            &[("Heihe", "Heihe"), ("Blagoveshchensk", "Blagoveshchensk")]
        )
        .is_empty());
        let t = "Flights Heihe-Blagoveshchensk resumed.";
        assert!(names(
            t,
            &[("Heihe", "Heihe"), ("Blagoveshchensk", "Blagoveshchensk")]
        )
        .is_empty());
    }
}
