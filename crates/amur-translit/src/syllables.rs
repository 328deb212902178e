//! Splitting Latin words into pinyin syllables.

use crate::palladius::SYLLABLES;
use crate::segment::segment;
use foldhash::HashMap;
use std::sync::LazyLock;

/// Other spellings of the ü syllables seen in names: "yu" (GB/T 28039
/// passport style, "Lyu") and plain "u" where that is not already another
/// syllable ("nue"). "v" needs no entry: it is folded to "ü" on input.
static PINYIN_VARIANTS: &[(&str, &str)] = &[
    ("lyu", "lü"),
    ("nyu", "nü"),
    ("lyue", "lüe"),
    ("nyue", "nüe"),
    ("lue", "lüe"),
    ("nue", "nüe"),
];

/// Accepted spelling → canonical syllable.
static LOOKUP: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, &'static str> = SYLLABLES
        .iter()
        .map(|&(pinyin, _)| (pinyin, pinyin))
        .collect();
    for &(variant, canonical) in PINYIN_VARIANTS {
        map.entry(variant).or_insert(canonical);
    }
    map
});

/// Longest accepted spelling in characters ("zhuang"), bounding the search.
static MAX_CHARS: LazyLock<usize> =
    LazyLock::new(|| LOOKUP.keys().map(|k| k.chars().count()).max().unwrap_or(0));

/// Lower-case letter of pinyin with tone marks removed and "v" read as "ü";
/// `None` for anything that cannot be part of a pinyin syllable.
fn fold(c: char) -> Option<char> {
    Some(match c {
        'a'..='u' | 'w'..='z' => c,
        'v' | 'ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'ü',
        'ā' | 'á' | 'ǎ' | 'à' => 'a',
        'ē' | 'é' | 'ě' | 'è' => 'e',
        'ī' | 'í' | 'ǐ' | 'ì' => 'i',
        'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
        'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
        _ => return None,
    })
}

/// The syllables of a pinyin word, if it is one: "jinping" → `["jin",
/// "ping"]`.
///
/// Case-insensitive and tone-less (tone marks are ignored); ü may be
/// written "ü", "v", "yu" after l/n, or "u" where unambiguous. Syllables
/// come back in lower case, ü written "ü" ("Lv" → `["lü"]`).
///
/// The split a reader of Chinese names expects is chosen: fewest
/// syllables, then no vowel-initial syllable after the first (pinyin
/// would have written an apostrophe), so "xian" → `["xian"]`, "yanan" →
/// `["ya", "nan"]`. An apostrophe or hyphen forces a boundary: "Xi'an" →
/// `["xi", "an"]`. `None` for empty input, whitespace, digits, or any
/// leftover letters ("Harbin").
///
/// ```
/// use amur_translit::pinyin_syllables;
/// assert_eq!(pinyin_syllables("Jinping"), Some(vec!["jin".to_string(), "ping".to_string()]));
/// assert_eq!(pinyin_syllables("Xi'an").map(|s| s.len()), Some(2));
/// ```
pub fn pinyin_syllables(w: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for part in w.split(['\'', '’', '‘', '-']) {
        let mut chars = Vec::new();
        for c in part.chars().flat_map(char::to_lowercase) {
            chars.push(fold(c)?);
        }
        let syllables = segment(
            &chars,
            *MAX_CHARS,
            |piece| LOOKUP.get(piece).copied(),
            |piece, _| usize::from(piece.starts_with(['a', 'o', 'e'])),
        )?;
        out.extend(syllables.into_iter().map(String::from));
    }
    Some(out)
}

/// Whether a single Latin word splits into valid pinyin syllables
/// ("Jinping", "Xiaoyang": true; "Harbin", "Oleg": false). Same rules as
/// [`pinyin_syllables`].
///
/// ```
/// use amur_translit::is_pinyin_word;
/// assert!(is_pinyin_word("Shiwei"));
/// assert!(!is_pinyin_word("Harbin"));
/// ```
pub fn is_pinyin_word(w: &str) -> bool {
    pinyin_syllables(w).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syl(w: &str) -> Option<Vec<String>> {
        pinyin_syllables(w)
    }

    fn v(items: &[&str]) -> Option<Vec<String>> {
        Some(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn words_from_the_brief() {
        for w in [
            "Jinping",
            "Shiwei",
            "Peng",
            "Xiaoyang",
            "Heilongjiang",
            "Zhuang",
            "Qiqihaer",
        ] {
            assert!(is_pinyin_word(w), "{w}");
        }
        for w in [
            "Harbin",
            "Oleg",
            "Vladimir",
            "Moscow",
            "",
            "Xi Jinping",
            "Li2",
        ] {
            assert!(!is_pinyin_word(w), "{w}");
        }
    }

    #[test]
    fn preferred_splits() {
        assert_eq!(syl("jinping"), v(&["jin", "ping"]));
        assert_eq!(syl("xian"), v(&["xian"]));
        assert_eq!(syl("Xi'an"), v(&["xi", "an"]));
        assert_eq!(syl("Xi’an"), v(&["xi", "an"]));
        assert_eq!(syl("Yanan"), v(&["ya", "nan"]));
        assert_eq!(syl("Xingan"), v(&["xin", "gan"]));
        assert_eq!(syl("Haerbin"), v(&["ha", "er", "bin"]));
        assert_eq!(syl("Tiananmen"), v(&["tian", "an", "men"]));
        assert_eq!(syl("Dongning"), v(&["dong", "ning"]));
        assert_eq!(syl("Ouyang"), v(&["ou", "yang"]));
        assert_eq!(syl("Xiao-yang"), v(&["xiao", "yang"]));
    }

    #[test]
    fn u_umlaut_spellings() {
        for w in ["lü", "lv", "Lyu", "LÜ"] {
            assert_eq!(syl(w), v(&["lü"]), "{w}");
        }
        assert_eq!(syl("nüe"), v(&["nüe"]));
        assert_eq!(syl("nue"), v(&["nüe"]));
        assert_eq!(syl("lu"), v(&["lu"]));
    }

    #[test]
    fn tone_marks_are_ignored() {
        assert_eq!(syl("Xí Jìnpíng"), None);
        assert_eq!(syl("Jìnpíng"), v(&["jin", "ping"]));
        assert_eq!(syl("Lǚ"), v(&["lü"]));
    }

    #[test]
    fn boundaries_must_separate_real_syllables() {
        assert_eq!(syl("'"), None);
        assert_eq!(syl("xi'"), None);
        assert_eq!(syl("-"), None);
    }
}
