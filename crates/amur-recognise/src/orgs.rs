//! Organisations not in the reference data, found by the shape of their names:
//! capitalised words ending in a head word ("Dalian Foreign Studies
//! University", "Noribo Company", "… Co., Ltd."), Russian company names in
//! quotes (ООО «Норибо»), Chinese names ending in a head word after a known
//! place (黑河市人民政府).

use crate::lexicon::Lexicon;
use crate::text::{capitalised, is_han, Token};
use amur_record::chars::ToLower;
use amur_refdata::OrgKind;
use amur_translit as tr;

/// An organisation name found by pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgCand {
    /// Byte span.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// Canonical English name.
    pub name: String,
    /// Name as written when not English.
    pub native: Option<String>,
    /// Kind from the head word (company, university, government…).
    pub kind: OrgKind,
    /// Other usual spellings of the canonical name.
    pub aliases: Vec<String>,
}

/// "First", "3rd", "11th": an edition number before a fair's or forum's name
/// is not part of the name.
fn is_ordinal(w: &str) -> bool {
    let lw = w.to_lower();
    matches!(
        lw.as_str(),
        "first"
            | "second"
            | "third"
            | "fourth"
            | "fifth"
            | "sixth"
            | "seventh"
            | "eighth"
            | "ninth"
            | "tenth"
    ) || ["st", "nd", "rd", "th"].iter().any(|s| {
        lw.strip_suffix(s)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    })
}

/// Finds English organisation names.
pub fn find_en(
    text: &str,
    toks: &[Token],
    taken: &[(usize, usize)],
    lex: &Lexicon,
    is_title: impl Fn(&str) -> bool,
) -> Vec<OrgCand> {
    let mut out = Vec::new();
    let max_head = 3;
    let mut i = 0;
    while i < toks.len() {
        // A name starts with a capitalised word that is not a title or stop word.
        // Most words are not capitalised: tested first, before any allocation.
        if !capitalised(toks[i].text)
            || is_ordinal(toks[i].text)
            || is_title(toks[i].text)
            || lex.office_words.contains(toks[i].text.to_lower().as_str())
            || matches!(
                toks[i].text,
                "The" | "A" | "An" | "In" | "On" | "At" | "After" | "Our" | "Mr" | "Ms"
            )
        {
            i += 1;
            continue;
        }
        // Extend over capitalised words (and "of"/"and"/"&" between them) looking for a head.
        let mut j = i;
        let mut best: Option<(usize, String, OrgKind)> = None; // (end token, canonical head, kind)
        while j < toks.len() && j < i + 12 {
            let w = toks[j].text;
            let sep_ok = j == i || {
                let between = &text[toks[j - 1].end..toks[j].start];
                matches!(between, " " | "-" | " & ")
            };
            if !sep_ok {
                break;
            }
            let lower_ok =
                matches!(w, "of" | "for") || (w == "the" && j > i && toks[j - 1].text == "of");
            if !capitalised(w) && !lower_ok && !w.chars().all(|c| c.is_ascii_digit()) {
                break;
            }
            for n in (1..=max_head).rev() {
                if j + 1 < n {
                    continue;
                }
                let lo = j + 1 - n;
                if lo < i {
                    continue;
                }
                let phrase = text[toks[lo].start..toks[j].end].to_lower();
                if let Some(h) = lex.org_heads.get(&("en".to_string(), phrase.clone())) {
                    if lo > i {
                        best = Some((j, h.canonical.clone(), h.kind));
                    }
                    break;
                }
            }
            j += 1;
        }
        let Some((end_tok, _head, kind)) = best else {
            i += 1;
            continue;
        };
        let mut end = toks[end_tok].end;
        // "Co., Ltd." and similar tails.
        let tail = &text[end..];
        for suffix in [
            "., Ltd.",
            ". Ltd.",
            ".,Ltd.",
            ", Ltd.",
            " Co., Ltd.",
            " Co. Ltd.",
            " Ltd.",
            " LLC",
            " Inc.",
            ".",
        ] {
            if tail.starts_with(suffix)
                && (suffix != "." || matches!(toks[end_tok].text, "Co" | "Corp" | "Inc" | "Ltd"))
            {
                end += suffix.len();
                break;
            }
        }
        let span = &text[toks[i].start..end];
        // A name needs one word that is not generic ("Standing Committee" is not a name).
        let words: Vec<&str> = span.split_whitespace().collect();
        let distinctive = words.iter().any(|w| {
            let lw = w.to_lower();
            let lw =
                lw.trim_matches(|c: char| !amur_record::chars::is_alphanumeric(c) && c != '\'');
            !lex.org_generic.contains(lw)
                && !lex
                    .org_heads
                    .contains_key(&("en".to_string(), lw.to_string()))
                && capitalised(w)
        });
        let exact_taken = taken.iter().any(|&(s, e)| s <= toks[i].start && end <= e);
        if distinctive && !exact_taken {
            let name = span.trim_end_matches(',').to_string();
            out.push(OrgCand {
                start: toks[i].start,
                end,
                name,
                native: None,
                kind,
                aliases: Vec::new(),
            });
            i = end_tok + 1;
            continue;
        }
        i += 1;
    }
    out
}

/// Finds Russian company names in quotes after a legal form or "компания".
pub fn find_ru(text: &str, lex: &Lexicon) -> Vec<OrgCand> {
    let mut out = Vec::new();
    for form in &lex.ru_legal_forms {
        let mut from = 0;
        while let Some(at) = text[from..].find(form) {
            let s = from + at;
            from = s + form.len();
            let before_ok = text[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !amur_record::chars::is_alphanumeric(c));
            let rest = &text[from..];
            let Some(inner) = rest
                .strip_prefix(" «")
                .or_else(|| rest.strip_prefix("«"))
                .or_else(|| rest.strip_prefix(" \""))
            else {
                continue;
            };
            let Some(close) = inner.find(['»', '"']) else {
                continue;
            };
            let name = &inner[..close];
            if !before_ok || name.is_empty() || name.chars().count() > 60 {
                continue;
            }
            let end = from
                + (rest.len() - inner.len())
                + close
                + inner[close..].chars().next().map_or(0, char::len_utf8);
            let latin = if name.chars().any(|c| c.is_ascii_alphabetic()) {
                name.to_string()
            } else {
                tr::ru_to_latin(name)
            };
            out.push(OrgCand {
                start: s,
                end,
                name: latin,
                native: Some(text[s..end].to_string()),
                kind: OrgKind::Company,
                aliases: Vec::new(),
            });
        }
    }
    out.sort_by_key(|o| o.start);
    out.dedup_by(|a, b| a.start < b.end && b.start < a.end);
    out
}

/// Finds Chinese Communist Party city and provincial committees named in
/// Russian ("горкома КПК Суйфэньхэ"); `places` are byte spans with English names.
pub fn find_ru_committees(text: &str, places: &[(usize, usize, String)]) -> Vec<OrgCand> {
    use regex::Regex;
    use std::sync::LazyLock;
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(горком|партком|обком|райком|провинциальн\w* комитет|городск\w* комитет)\w*(\s+(?:КПК|партии))?\s+").expect("static regex")
    });
    // The committee is the CPC's only when the text says so near it; a
    // горком or обком alone may be a Soviet-era or another party's committee.
    const CPC: &[&str] = &["КПК", "Коммунистической партии Китая", "Компартии Китая"];
    let says_cpc = |at: usize| {
        let mut a = at.saturating_sub(300);
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (at + 300).min(text.len());
        while !text.is_char_boundary(b) {
            b += 1;
        }
        CPC.iter().any(|w| text[a..b].contains(w))
    };
    let mut out = Vec::new();
    let found = amur_dates::words::bounded_captures(&RE, text, amur_dates::words::Edges::LEAD);
    for m in found.filter_map(|c| c.get(0)) {
        let Some((_, pe, place)) = places.iter().find(|(ps, _, _)| *ps == m.end()) else {
            continue;
        };
        if !says_cpc(m.start()) {
            continue;
        }
        let level = if m.as_str().to_lower().starts_with("горком")
            || m.as_str().to_lower().starts_with("городск")
        {
            "Municipal"
        } else {
            "Provincial"
        };
        out.push(OrgCand {
            start: m.start(),
            end: *pe,
            name: format!("{place} {level} Committee of the Communist Party of China"),
            native: Some(text[m.start()..*pe].to_string()),
            kind: OrgKind::Party,
            aliases: Vec::new(),
        });
    }
    out
}

/// Finds Chinese organisation names: a known place right before a head word
/// (黑河市人民政府, 吉林省商务厅). `places` are byte spans with English names.
pub fn find_zh(text: &str, places: &[(usize, usize, String)], lex: &Lexicon) -> Vec<OrgCand> {
    let mut heads: Vec<(&str, &str, OrgKind)> = lex
        .org_heads
        .iter()
        .filter(|((l, _), _)| l == "zh")
        .map(|((_, h), o)| (h.as_str(), o.canonical.as_str(), o.kind))
        .collect();
    heads.sort_by_key(|(h, _, _)| std::cmp::Reverse(h.len()));
    let mut out = Vec::new();
    for (ps, pe, place_en) in places {
        let rest = &text[*pe..];
        // Administrative level words between place and head (市, 省) are part of the name.
        let level: String = rest
            .chars()
            .take_while(|c| "市省县区州".contains(*c))
            .take(1)
            .collect();
        let after = &rest[level.len()..];
        // Allow a short descriptor before the head (人民, 商务, 外事).
        for skip in 0..=4usize {
            let mid: String = after.chars().take(skip).collect();
            if mid.chars().any(|c| !is_han(c)) {
                break;
            }
            let tail = &after[mid.len()..];
            if let Some((h, canon, kind)) = heads.iter().find(|(h, _, _)| tail.starts_with(*h)) {
                let end = pe + level.len() + mid.len() + h.len();
                let native = text[*ps..end].to_string();
                // A known field of work makes a provincial or city department.
                if let Some(topic) = lex.body_topic("zh", &mid) {
                    let place = crate::bodies::PlaceSpan {
                        start: *ps,
                        end: *pe,
                        name: place_en.clone(),
                        province: level == "省",
                    };
                    let (name, aliases) = crate::bodies::body_names(canon, topic, &place);
                    out.push(OrgCand {
                        start: *ps,
                        end,
                        name,
                        native: Some(native),
                        kind: *kind,
                        aliases,
                    });
                    break;
                }
                // Between a place and a department word stands a field of work;
                // anything else ("有关部门" relevant departments, "联检部门"
                // joint inspection bodies) is a description, not a name.
                if *kind == OrgKind::Department && !mid.is_empty() {
                    break;
                }
                let mid_en = match mid.as_str() {
                    "" => String::new(),
                    "人民" => "People's ".into(),
                    m => format!("{} ", tr::han_to_pinyin(m)),
                };
                out.push(OrgCand {
                    start: *ps,
                    end,
                    name: format!("{place_en} {mid_en}{canon}"),
                    native: Some(native),
                    kind: *kind,
                    aliases: Vec::new(),
                });
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod ordinal_tests {
    use super::{find_ru_committees, is_ordinal};

    #[test]
    fn department_names_need_a_known_field_of_work() {
        let lex = crate::lexicon::Lexicon::new(
            &amur_refdata::RefData::embedded().expect("embedded data"),
        );
        let place = |t: &str| {
            let s = t.find("黑河").unwrap_or(0);
            vec![(s, s + "黑河".len(), "Heihe".to_string())]
        };
        let t = "黑河市商务局局长出席。";
        assert_eq!(super::find_zh(t, &place(t), &lex).len(), 1);
        // Must not fire: "relevant departments" of Heihe are no named body.
        let t = "黑河有关部门负责人参加。";
        assert!(super::find_zh(t, &place(t), &lex).is_empty());
    }

    #[test]
    fn party_committees_only_when_the_cpc_is_named() {
        let places = |t: &str, w: &str| {
            let s = t.find(w).unwrap_or(0);
            vec![(s, s + w.len(), "Suifenhe".to_string())]
        };
        let t = "Секретарь горкома КПК Суйфэньхэ прибыл.";
        assert_eq!(find_ru_committees(t, &places(t, "Суйфэньхэ")).len(), 1);
        // Must not fire: no word of the CPC near the committee.
        let t = "Бывший секретарь горкома Суйфэньхэ вспоминал.";
        assert!(find_ru_committees(t, &places(t, "Суйфэньхэ")).is_empty());
    }

    #[test]
    fn edition_numbers_are_not_names() {
        for w in ["First", "3rd", "11th", "Sixth"] {
            assert!(is_ordinal(w), "{w}");
        }
        // Must not fire: ordinary words and numbers.
        for w in ["Firstly", "Fourteen", "2024", "North", "People’s"] {
            assert!(!is_ordinal(w), "{w}");
        }
    }
}
