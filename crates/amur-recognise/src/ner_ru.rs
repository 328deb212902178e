//! Open-class Russian names that neither the reference data nor the domain
//! patterns cover, found by general shape rules:
//!
//! - people: a given name alone or with a patronymic ("Надежда Николаевна"),
//!   initials and a surname ("Н. Н. Вертинской"), a capitalised word with a
//!   surname ending inside a sentence ("Сталина");
//! - organisations: names in «quotes», all-capital acronyms (НКВД) other
//!   than common nouns (СМИ, ВВП);
//! - places: a capitalised word after a locative preposition ("в Берлине").

use crate::lexicon::Lexicon;
use crate::text::{capitalised, has_cyrillic, Token};

/// Kind of an open-class name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// A person.
    Person,
    /// An organisation.
    Org,
    /// A place.
    Place,
}

/// An open-class name: its byte span and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenName {
    /// Byte offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// Kind.
    pub kind: Open,
}

/// Acronyms that are common nouns, not organisations.
const NOT_ORG: &[&str] = &[
    "СМИ",
    "ВВП",
    "НДС",
    "ИТ",
    "СЭЗ",
    "ОЭЗ",
    "ТОР",
    "ТОСЭР",
    "МАПП",
    "ДАПП",
    "ЖДПП",
    "ПП",
    "ГЭС",
    "АЭС",
    "ТЭЦ",
    "ДТП",
    "РФ",
    "КНР",
    "США",
    "ВТО",
    "ЖКХ",
    "ЧП",
    "ИП",
    "ВУЗ",
    "ВИЧ",
    "СПИД",
    "ЕГЭ",
    "ОГЭ",
    "НКО",
    "ИИ",
    "МРОТ",
    "ТВ",
    "ЦФО",
    "ДФО",
    "СФО",
    "ПФО",
    "УФО",
    "ЮФО",
    "СКФО",
    "СЗФО",
    "ЕАО",
    "ГК",
    "ООО",
    "АО",
    "ПАО",
    "ЗАО",
    "ОАО",
    "НАО",
];

const PREPOSITIONS: &[&str] = &[
    "в",
    "во",
    "из",
    "на",
    "под",
    "над",
    "до",
    "через",
    "около",
    "близ",
    "у",
];

fn surname_like(w: &str) -> bool {
    let w = w.to_lowercase();
    // Adjective-like endings (-ский) are left out: alone they are mostly adjectives.
    const MORE: &[&str] = &[
        "ыну",
        "ыным",
        "ыной",
        "ове",
        "еве",
        "ине",
        "енко",
        "енка",
        "ович",
        "евич",
        "овича",
        "евича",
    ];
    w.chars().count() >= 5
        && crate::persons::RU_SURNAME_ENDINGS
            .iter()
            .chain(MORE)
            .any(|e| w.ends_with(e))
}

fn adjective_shape(w: &str) -> bool {
    let w = w.to_lowercase();
    [
        "ая", "ый", "ий", "ой", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
        "ую", "юю", "ых", "их", "ской", "ская",
    ]
    .iter()
    .any(|e| w.ends_with(e))
}

fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty()
        || before.ends_with(['.', '!', '?', '…', ':', '"', '«', '—', '\n'])
        || text[..at].ends_with("\n")
}

/// Finds open-class names in Russian text; `taken` spans are skipped.
pub fn find(text: &str, toks: &[Token], taken: &[(usize, usize)], lex: &Lexicon) -> Vec<OpenName> {
    let mut out = Vec::new();
    let is_taken = |s: usize, e: usize| crate::text::overlaps_any(taken, s, e);
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if is_taken(t.start, t.end) {
            i += 1;
            continue;
        }
        // Latin-script names inside Russian text are brands and firms ("Microsoft", "Tele2").
        if !has_cyrillic(t.text) {
            if t.text
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase())
            {
                let mut j = i;
                while j + 1 < toks.len()
                    && !has_cyrillic(toks[j + 1].text)
                    && toks[j + 1]
                        .text
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                    && matches!(&text[toks[j].end..toks[j + 1].start], " " | "." | "-")
                    && !is_taken(toks[j + 1].start, toks[j + 1].end)
                {
                    j += 1;
                }
                out.push(OpenName {
                    start: t.start,
                    end: toks[j].end,
                    kind: Open::Org,
                });
                i = j + 1;
            } else {
                i += 1;
            }
            continue;
        }
        let caps = t.text.chars().filter(|c| c.is_uppercase()).count();
        let len = t.text.chars().count();
        // Initials + surname: "Н. Н. Вертинской", "Б. Андржеевского".
        if len == 1 && capitalised(t.text) && text[t.end..].starts_with('.') {
            let mut j = i + 1;
            if toks.get(j).is_some_and(|x| {
                x.text.chars().count() == 1 && capitalised(x.text) && text[x.end..].starts_with('.')
            }) {
                j += 1;
            }
            if let Some(s) = toks.get(j).filter(|s| {
                capitalised(s.text) && s.text.chars().count() >= 3 && !is_taken(s.start, s.end)
            }) {
                out.push(OpenName {
                    start: t.start,
                    end: s.end,
                    kind: Open::Person,
                });
                i = j + 1;
                continue;
            }
        }
        // Acronyms of states that are no longer (or not recognised) are places.
        if matches!(t.text, "СССР" | "ДНР" | "ЛНР" | "РСФСР" | "ГДР" | "ФРГ") {
            out.push(OpenName {
                start: t.start,
                end: t.end,
                kind: Open::Place,
            });
            i += 1;
            continue;
        }
        // Acronyms.
        if (2..=6).contains(&len) && caps == len && !NOT_ORG.contains(&t.text) {
            out.push(OpenName {
                start: t.start,
                end: t.end,
                kind: Open::Org,
            });
            i += 1;
            continue;
        }
        if !capitalised(t.text) || caps > 1 {
            i += 1;
            continue;
        }
        let lw = t.text.to_lowercase().replace('ё', "е");
        // A given name (any case), with a patronymic if one follows.
        let given =
            crate::persons::given_ru_pub(lex, t.text).is_some() || lex.given_ru.contains_key(&lw);
        if given {
            let mut end = t.end;
            let mut j = i + 1;
            if let Some(p) = toks
                .get(j)
                .filter(|p| crate::persons::is_patronymic_pub(p.text))
            {
                end = p.end;
                j += 1;
            }
            out.push(OpenName {
                start: t.start,
                end,
                kind: Open::Person,
            });
            i = j;
            continue;
        }
        let start_of_sentence = sentence_start(text, t.start);
        // Two capitalised words that are not adjectives: a (foreign) first name and surname.
        if let Some(n) = toks.get(i + 1) {
            if &text[t.end..n.start] == " "
                && capitalised(n.text)
                && has_cyrillic(n.text)
                && n.text.chars().filter(|c| c.is_uppercase()).count() == 1
                && !is_taken(n.start, n.end)
                && !adjective_shape(t.text)
                && !adjective_shape(n.text)
                && len >= 3
                && n.text.chars().count() >= 3
            {
                out.push(OpenName {
                    start: t.start,
                    end: n.end,
                    kind: Open::Person,
                });
                i += 2;
                continue;
            }
        }
        // A word after a locative preposition, with the capitalised parts of
        // a hyphenated name ("в Нью-Йорке", "в Ново-Огарево").
        if i > 0
            && PREPOSITIONS.contains(&toks[i - 1].text.to_lowercase().as_str())
            && &text[toks[i - 1].end..t.start] == " "
            && (len >= 3 || text[t.end..].starts_with('-'))
            // "в Нью-йоркском офисе": the first half of a compound word.
            && !toks.get(i + 1).is_some_and(|n| {
                &text[t.end..n.start] == "-" && !capitalised(n.text)
            })
        {
            let mut j = i;
            while toks.get(j + 1).is_some_and(|n| {
                &text[toks[j].end..n.start] == "-"
                    && capitalised(n.text)
                    && !is_taken(n.start, n.end)
            }) {
                j += 1;
            }
            out.push(OpenName {
                start: t.start,
                end: toks[j].end,
                kind: Open::Place,
            });
            i = j + 1;
            continue;
        }
        if !start_of_sentence && surname_like(t.text) {
            out.push(OpenName {
                start: t.start,
                end: t.end,
                kind: Open::Person,
            });
        }
        i += 1;
    }
    // «Quoted» names.
    let mut from = 0;
    while let Some(at) = text[from..].find('«') {
        let s = from + at;
        from = s + '«'.len_utf8();
        let Some(close) = text[from..].find('»') else {
            break;
        };
        let inner = &text[from..from + close];
        let words = inner.split_whitespace().count();
        if (1..=5).contains(&words)
            && inner
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && !is_taken(from, from + close)
        {
            out.push(OpenName {
                start: from,
                end: from + close,
                kind: Open::Org,
            });
        }
    }
    // Longer names first, so a quoted name wins over an acronym inside it.
    out.sort_by_key(|o| (o.start, std::cmp::Reverse(o.end)));
    out.dedup_by(|a, b| a.start < b.end && b.start < a.end);
    out
}
