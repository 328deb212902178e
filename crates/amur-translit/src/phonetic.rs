//! Coarse phonetic keys and similarity for names damaged by machine
//! translation through Chinese (Shcherbina → "Shelbina", Mariinsky →
//! "Malinsky").

use crate::han::{han_readings, is_han};
use crate::russian::ru_to_latin;

/// Latin letters with diacritics → plain ASCII; Czech/ISO-9 style š, č, ž
/// become the English digraphs so they meet the English spelling.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'a'..='z' => return None,
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => "a",
        'ç' | 'ć' => "c",
        'č' => "ch",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ǐ' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ǒ' => "o",
        'ř' => "r",
        'ś' | 'ş' => "s",
        'š' => "sh",
        'ť' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => "u",
        'ý' | 'ÿ' => "y",
        'ž' => "zh",
        'ź' | 'ż' => "z",
        'ß' => "ss",
        _ => return None,
    })
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Folds one lower-case ASCII word into its key. The order matters: long
/// spellings are folded before their parts.
fn fold_word(word: &str) -> String {
    let mut w = word.to_string();
    for (from, to) in [
        // Russian щ in its English, German and sloppy spellings.
        ("shch", "s"),
        ("sch", "s"),
        ("shh", "s"),
        // ж ш ч and the pinyin zh/sh/ch: one sibilant class.
        ("zh", "s"),
        ("sh", "s"),
        ("ch", "s"),
        ("kh", "h"),
        ("ph", "f"),
        ("ck", "k"),
        ("ts", "c"),
        ("tz", "c"),
        ("x", "ks"),
    ] {
        w = w.replace(from, to);
    }
    let bytes = w.as_bytes();
    let mut folded: Vec<u8> = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let out = match b {
            // A "c" left over is English spelling: "k" unless before e/i/y
            // (Victoria = Viktoria), else the ts class.
            b'c' if !matches!(next, Some(b'e' | b'i' | b'y')) => b'k',
            b'y' | b'j' => b'i',
            b'w' => b'v',
            // Chinese has no r/l contrast in transcription (Malinsky).
            b'l' => b'r',
            b'z' => b's',
            other => other,
        };
        folded.push(out);
    }
    // A glide "i" between vowels is spelled or not at will (Nikolayev /
    // Nikolaev, Kiriyenko / Kirienko); so is the "y" of a word-initial
    // "ye" (Yelena / Elena).
    let mut key: Vec<u8> = Vec::with_capacity(folded.len());
    for (i, &b) in folded.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| folded.get(p)).copied();
        let next = folded.get(i + 1).copied();
        if b == b'i' {
            let between_vowels = prev.is_some_and(is_vowel)
                && next.is_some_and(|n| matches!(n, b'a' | b'e' | b'o' | b'u'));
            let initial_ye = i == 0 && next == Some(b'e');
            if between_vowels || initial_ye {
                continue;
            }
        }
        // Double letters count once.
        if key.last() == Some(&b) {
            continue;
        }
        key.push(b);
    }
    String::from_utf8_lossy(&key).into_owned()
}

/// A coarse phonetic key of a romanised, Cyrillic or Han name, for matching
/// names damaged by machine translation.
///
/// Steps: Han characters become pinyin, Cyrillic is romanised with
/// [`ru_to_latin`](crate::ru_to_latin), everything is lower-cased and Latin
/// diacritics are dropped; then per word: shch/sch/shh → s, zh/sh/ch → s,
/// kh → h, ph → f, ts/tz → c, c → k unless before e/i/y, x → ks,
/// y/j → i, w → v, l → r (Chinese MT), z → s, an "i" glide between vowels
/// and the "y" of a word-initial "ye" dropped, double letters single.
/// Non-letters are dropped and the words joined, so "Puli Morsky" and
/// "Primorsky" differ by one letter. Vowels are not merged: e and a stay
/// apart.
///
/// ```
/// use amur_translit::phonetic_key;
/// assert_eq!(phonetic_key("Shcherbina"), phonetic_key("Shelbina"));
/// assert_eq!(phonetic_key("Кожемяко"), phonetic_key("Kozhemyako"));
/// ```
pub fn phonetic_key(s: &str) -> String {
    let mut text = String::with_capacity(s.len());
    let mut han = String::new();
    for c in s.chars() {
        if is_han(c) {
            han.push(c);
            continue;
        }
        if !han.is_empty() {
            text.push(' ');
            text.push_str(&han_readings(&han).concat());
            text.push(' ');
            han.clear();
        }
        text.push(c);
    }
    if !han.is_empty() {
        text.push(' ');
        text.push_str(&han_readings(&han).concat());
    }
    let latin = ru_to_latin(&text).to_lowercase();
    let mut key = String::new();
    let mut word = String::new();
    for c in latin.chars() {
        if c.is_ascii_lowercase() {
            word.push(c);
        } else if let Some(plain) = fold_latin(c) {
            word.push_str(plain);
        } else if !word.is_empty() {
            key.push_str(&fold_word(&word));
            word.clear();
        }
    }
    key.push_str(&fold_word(&word));
    key
}

/// Levenshtein distance over bytes (keys are ASCII).
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// Similarity 0..=1 of two names on their [`phonetic_key`]s.
///
/// The measure is normalised Levenshtein distance, `1 − distance /
/// longer key length`. It was chosen over Jaro–Winkler because
/// Jaro–Winkler rewards a shared first letter and scattered common letters
/// too much for short Chinese names ("Hao Peng" vs "Huang Shiwei" scores
/// about 0.7 there, 0.3 here). Word order counts. 0.0 when either key is
/// empty (nothing to compare), 1.0 when the keys are equal.
///
/// ```
/// use amur_translit::name_similarity;
/// assert!(name_similarity("Malinsky", "Mariinsky") >= 0.85);
/// assert!(name_similarity("Putin", "Denisov") < 0.5);
/// ```
pub fn name_similarity(a: &str, b: &str) -> f64 {
    let (ka, kb) = (phonetic_key(a), phonetic_key(b));
    let longest = ka.len().max(kb.len());
    if ka.is_empty() || kb.is_empty() {
        return 0.0;
    }
    let distance = edit_distance(ka.as_bytes(), kb.as_bytes());
    // Lengths of real names are far below 2^52, so the casts are exact.
    1.0 - distance as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_from_the_brief() {
        assert!(name_similarity("Shelbina", "Shcherbina") >= 0.85);
        assert!(name_similarity("Malinsky", "Mariinsky") >= 0.85);
        assert_eq!(name_similarity("Kozhemyako", "Кожемяко"), 1.0);
        assert!(name_similarity("Oshchepkov", "Oshepkov") >= 0.9);
        assert!(name_similarity("Putin", "Denisov") < 0.5);
        assert!(name_similarity("Hao Peng", "Huang Shiwei") < 0.6);
    }

    #[test]
    fn spelling_variants_match() {
        let same = [
            ("Nikolaev", "Nikolayev"),
            ("Kirienko", "Kiriyenko"),
            ("Elena", "Yelena"),
            ("Dmitry", "Dmitriy"),
            ("Dmitri", "Дмитрий"),
            ("Sergei", "Sergey"),
            ("Victoria", "Viktoria"),
            ("Mikhail", "Mihail"),
            ("Khabarovsk", "Habarovsk"),
            ("Tatiana", "Tatyana"),
            ("Yuri", "Jurij"),
            ("Matviyenko", "Matvienko"),
            ("Šoigu", "Shoigu"),
            ("Chernyshenko", "Černyšenko"),
            ("Хао Пэн", "Khao Pen"),
            ("黄世伟", "Huang Shiwei"),
        ];
        for (a, b) in same {
            assert_eq!(phonetic_key(a), phonetic_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn mt_damage_scores_high() {
        assert!(name_similarity("Puli Morsky", "Primorsky") >= 0.85);
        assert!(name_similarity("Alexander", "Aleksandr") >= 0.85);
        assert!(name_similarity("Shoigu", "Shoygu") >= 0.85);
    }

    #[test]
    fn different_names_score_low() {
        let pairs = [
            ("Lavrov", "Shoigu"),
            ("Trutnev", "Kozhemyako"),
            ("Xi Jinping", "Li Qiang"),
            ("Khabarovsk", "Vladivostok"),
        ];
        for (a, b) in pairs {
            assert!(name_similarity(a, b) < 0.5, "{a} / {b}");
        }
    }

    #[test]
    fn keys() {
        assert_eq!(phonetic_key("Shcherbina"), "serbina");
        assert_eq!(phonetic_key("Mariinsky"), "marinski");
        assert_eq!(phonetic_key("Puli Morsky"), "purimorski");
        assert_eq!(phonetic_key("Oshchepkov"), "osepkov");
        assert_eq!(phonetic_key(""), "");
        assert_eq!(phonetic_key("🙂 42 ---"), "");
    }

    #[test]
    fn degenerate_inputs() {
        assert_eq!(name_similarity("", ""), 0.0);
        assert_eq!(name_similarity("Putin", ""), 0.0);
        assert_eq!(name_similarity("🙂", "🙂"), 0.0);
        assert_eq!(name_similarity("Putin", "PUTIN"), 1.0);
        let s = name_similarity("Путин", "Putin");
        assert!((0.0..=1.0).contains(&s));
    }

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance(b"", b"abc"), 3);
        assert_eq!(edit_distance(b"kitten", b"sitting"), 3);
        assert_eq!(edit_distance(b"same", b"same"), 0);
    }
}
