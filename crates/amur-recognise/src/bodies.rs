//! Government bodies of a named region or town, found by shape: a head word
//! and a field of work next to a place the gazetteer knows ("Ministry of
//! Agriculture of Amur Oblast", "министерство сельского хозяйства Амурской
//! области", "Heilongjiang Provincial Department of Commerce"). The words
//! live in `data/lexicon/bodies.tsv`; the canonical English name is built
//! from the English head, field and place, with the usual variants as aliases.

use crate::lexicon::Lexicon;
use crate::orgs::OrgCand;
use amur_record::chars::ToLower;

/// A place mention a body can belong to.
#[derive(Debug, Clone)]
pub struct PlaceSpan {
    /// Byte span.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// Canonical English name of the place.
    pub name: String,
    /// A Chinese province ("… of Jilin Province", "Jilin Provincial …").
    pub province: bool,
}

/// The canonical name and aliases of a body: head, field and place in English.
pub fn body_names(head: &str, topic: &str, place: &PlaceSpan) -> (String, Vec<String>) {
    let p = &place.name;
    let full = if place.province {
        format!("{p} Province")
    } else {
        p.clone()
    };
    let name = format!("{head} of {topic} of {full}");
    let mut aliases = vec![
        format!("{p} {head} of {topic}"),
        format!("{topic} {head} of {p}"),
    ];
    if place.province {
        aliases.push(format!("{p} Provincial {head} of {topic}"));
        aliases.push(format!("{head} of {topic} of {p}"));
    }
    (name, aliases)
}

/// Longest stretch before a place that can hold a head and a field of work.
const WINDOW: usize = 120;

/// Finds bodies in English and Russian around the given place mentions.
pub fn find(text: &str, places: &[PlaceSpan], lex: &Lexicon) -> Vec<OrgCand> {
    let mut out = Vec::new();
    for p in places {
        let mut from = p.start.saturating_sub(WINDOW);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let window = &text[from..p.start];
        let found = before_en(window, lex)
            .or_else(|| before_ru(window, lex))
            .map(|(at, head, topic)| (from + at, p.end, head, topic))
            .or_else(|| after_en(text, p.end, lex).map(|(end, h, t)| (p.start, end, h, t)));
        if let Some((start, end, head, topic)) = found {
            let (name, aliases) = body_names(&head, &topic, p);
            let native = text[start..end].to_string();
            out.push(OrgCand {
                start,
                end,
                name,
                native: (!native.is_ascii()).then_some(native),
                kind: amur_refdata::OrgKind::Government,
                aliases,
            });
        }
    }
    out
}

/// "Ministry of Agriculture of " right before the place: (offset, head, field).
fn before_en(window: &str, lex: &Lexicon) -> Option<(usize, String, String)> {
    let tail = window
        .strip_suffix(" of the ")
        .or_else(|| window.strip_suffix(" of "))
        .or_else(|| window.strip_suffix(" in the "))
        .or_else(|| window.strip_suffix(" in "))?;
    for (form, en) in lex.body_heads("en") {
        for (i, _) in tail.match_indices(form) {
            let Some(topic) = tail[i + form.len()..].strip_prefix(" of ") else {
                continue;
            };
            if field_words(topic) {
                return Some((i, en.to_string(), topic.to_string()));
            }
        }
    }
    None
}

/// "Heilongjiang Provincial Department of Commerce": (end, head, field).
fn after_en(text: &str, place_end: usize, lex: &Lexicon) -> Option<(usize, String, String)> {
    let rest = &text[place_end..];
    let rest = [
        "Provincial ",
        "Regional ",
        "Municipal ",
        "City ",
        "Krai ",
        "Oblast ",
    ]
    .iter()
    .find_map(|l| rest.strip_prefix(' ').and_then(|r| r.strip_prefix(l)))
    .or_else(|| rest.strip_prefix(' '))?;
    let (form, en) = lex.body_heads("en").find(|(f, _)| rest.starts_with(f))?;
    let topic_start = rest[form.len()..].strip_prefix(" of ")?;
    // The field runs over capitalised words and "and".
    let mut len = 0;
    for w in topic_start.split(' ') {
        let clean = w.trim_end_matches([',', '.', ';', ':', ')']);
        let ok =
            clean == "and" || clean == "&" || clean.chars().next().is_some_and(char::is_uppercase);
        if !ok || clean.is_empty() {
            break;
        }
        len += clean.len();
        if clean.len() != w.len() {
            break;
        }
        len += 1;
    }
    let topic = topic_start[..len.min(topic_start.len())].trim_end();
    let topic = topic.trim_end_matches(" and").trim_end_matches(" &");
    if topic.is_empty() || !field_words(topic) {
        return None;
    }
    let end = text.len() - topic_start.len() + topic.len();
    Some((end, en.to_string(), topic.to_string()))
}

/// A field of work in English: one to seven words, capitalised but for "and".
fn field_words(topic: &str) -> bool {
    let words: Vec<&str> = topic.split(' ').collect();
    (1..=7).contains(&words.len())
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words
            .iter()
            .all(|w| matches!(*w, "and" | "&") || w.chars().next().is_some_and(char::is_uppercase))
        && !words.last().is_some_and(|w| matches!(*w, "and" | "&"))
}

/// "министерства сельского хозяйства " right before the place.
fn before_ru(window: &str, lex: &Lexicon) -> Option<(usize, String, String)> {
    let lower = window.to_lower();
    // Lower-casing Cyrillic keeps byte lengths, so offsets carry over.
    if lower.len() != window.len() {
        return None;
    }
    for (stem, en) in lex.body_heads("ru") {
        for (i, _) in lower.match_indices(stem) {
            let word_start = lower[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !amur_record::chars::is_alphanumeric(c));
            if !word_start {
                continue;
            }
            let after = &lower[i..];
            let word_end = after
                .find(|c: char| !amur_record::chars::is_alphanumeric(c))
                .unwrap_or(after.len());
            let topic = after[word_end..].trim();
            if let Some(t) = lex.body_topic("ru", topic) {
                return Some((i, en.to_string(), t.to_string()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str, name: &str, province: bool) -> PlaceSpan {
        let start = text.find(name.split(' ').next().unwrap_or(name)).unwrap();
        let written = text[start..]
            .split([',', '.', ' '])
            .take(name.split(' ').count())
            .collect::<Vec<_>>()
            .join(" ");
        PlaceSpan {
            start,
            end: start + written.len(),
            name: name.into(),
            province,
        }
    }

    fn names(text: &str, p: PlaceSpan) -> Vec<String> {
        let lex = Lexicon::new(&amur_refdata::RefData::embedded().unwrap());
        find(text, &[p], &lex).into_iter().map(|o| o.name).collect()
    }

    #[test]
    fn english_bodies_before_and_after_the_place() {
        let t = "The Ministry of Agriculture of Amur Oblast signed it.";
        assert_eq!(
            names(t, place(t, "Amur Oblast", false)),
            ["Ministry of Agriculture of Amur Oblast"]
        );
        let t = "Officials of the Heilongjiang Provincial Department of Commerce came.";
        assert_eq!(
            names(t, place(t, "Heilongjiang", true)),
            ["Department of Commerce of Heilongjiang Province"]
        );
    }

    /// "Амурской области" in `t` as the place Amur Oblast.
    fn amur_oblast_ru(t: &str) -> PlaceSpan {
        let start = t.find("Амурской").unwrap_or(0);
        PlaceSpan {
            start,
            end: start + "Амурской области".len(),
            name: "Amur Oblast".into(),
            province: false,
        }
    }

    #[test]
    fn russian_bodies_in_any_case() {
        let t = "Делегацию министерства сельского хозяйства Амурской области приняли.";
        let p = amur_oblast_ru(t);
        assert_eq!(names(t, p), ["Ministry of Agriculture of Amur Oblast"]);
    }

    #[test]
    fn no_body_without_a_known_field_or_head() {
        // A ministry named far from the place, an unknown field, a lower-case phrase.
        for (t, name) in [
            (
                "The ministry said that farmers of Amur Oblast are ready.",
                "Amur Oblast",
            ),
            (
                "The Department of Something Vague and Odd works in Harbin.",
                "Harbin",
            ),
            ("a department of the city of Harbin", "Harbin"),
        ] {
            assert!(names(t, place(t, name, false)).is_empty(), "{t}");
        }
        let t = "министерство заявило, что фермеры Амурской области готовы.";
        let p = amur_oblast_ru(t);
        assert!(names(t, p).is_empty());
    }
}
