//! Character classes and case folding with fast paths for the scripts Amur
//! reads. `char::is_alphabetic` and `char::to_lowercase` search Unicode
//! tables for every non-ASCII character; Cyrillic and CJK letters, most of
//! the characters of Russian and Chinese pages, are answered here from their
//! block ranges instead. Results equal the standard library's for every
//! character (tested exhaustively).

/// Cyrillic capitals А–Я.
const CYR_UPPER: std::ops::RangeInclusive<char> = '\u{0410}'..='\u{042F}';
/// Cyrillic small letters а–я.
const CYR_LOWER: std::ops::RangeInclusive<char> = '\u{0430}'..='\u{044F}';
/// Cyrillic capitals Ѐ–Џ (Ё among them).
const CYR_UPPER_EXT: std::ops::RangeInclusive<char> = '\u{0400}'..='\u{040F}';
/// Cyrillic small letters ѐ–џ (ё among them).
const CYR_LOWER_EXT: std::ops::RangeInclusive<char> = '\u{0450}'..='\u{045F}';
/// CJK Unified Ideographs, all letters without case.
const CJK: std::ops::RangeInclusive<char> = '\u{4E00}'..='\u{9FFF}';

/// `c.is_alphabetic()`, fast for ASCII, basic Cyrillic and CJK ideographs.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if ('\u{0400}'..='\u{045F}').contains(&c) || CJK.contains(&c) {
        return true;
    }
    c.is_alphabetic()
}

/// `c.is_alphanumeric()`, with the same fast paths.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_alphabetic(c) || c.is_numeric()
}

/// The first character of `c.to_lowercase()` (all there is for every
/// character but 'İ'), fast for ASCII and basic Cyrillic.
#[inline]
pub fn lower_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if CYR_UPPER.contains(&c) {
        return shift(c, 0x20);
    }
    if CYR_LOWER.contains(&c) || CYR_LOWER_EXT.contains(&c) || CJK.contains(&c) {
        return c;
    }
    if CYR_UPPER_EXT.contains(&c) {
        return shift(c, 0x50);
    }
    c.to_lowercase().next().unwrap_or(c)
}

/// Calls `f` with each character of `c.to_lowercase()`: one for every
/// character but 'İ' (two), fast for ASCII and basic Cyrillic.
#[inline]
pub fn each_lower(c: char, mut f: impl FnMut(char)) {
    if c == '\u{130}' {
        c.to_lowercase().for_each(f);
    } else {
        f(lower_char(c));
    }
}

/// `s.to_lowercase()`, fast for ASCII and basic Cyrillic.
pub fn to_lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == 'Σ' {
            // Final sigma depends on context: the standard library decides.
            return s.to_lowercase();
        }
        each_lower(c, |l| out.push(l));
    }
    out
}

/// `to_lower()` on strings: [`to_lowercase`] as a method, so call sites
/// read as they did with the standard library's.
pub trait ToLower {
    /// The lower-case form, as `str::to_lowercase` gives it.
    fn to_lower(&self) -> String;
}

impl ToLower for str {
    #[inline]
    fn to_lower(&self) -> String {
        to_lowercase(self)
    }
}

/// The first `n` characters of `s`, as a slice of it.
pub fn head(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

fn shift(c: char, by: u32) -> char {
    char::from_u32(c as u32 + by).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    #[test]
    fn classes_equal_the_standard_library_for_every_character() {
        for c in all_chars() {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn lower_char_equals_the_first_lower_case_character() {
        for c in all_chars() {
            assert_eq!(lower_char(c), c.to_lowercase().next().unwrap(), "{c:?}");
        }
    }

    #[test]
    fn each_lower_gives_every_lower_case_character() {
        for c in all_chars() {
            let mut got = Vec::new();
            each_lower(c, |l| got.push(l));
            assert_eq!(got, c.to_lowercase().collect::<Vec<_>>(), "{c:?}");
        }
    }

    #[test]
    fn head_is_the_first_characters() {
        assert_eq!(head("Хэйлунцзян 黑龙江", 3), "Хэй");
        assert_eq!(head("黑龙江", 2), "黑龙");
        assert_eq!(head("ab", 5), "ab");
        assert_eq!(head("", 1), "");
    }

    #[test]
    fn to_lowercase_equals_the_standard_library() {
        for s in [
            "Губернатор ПРИМОРЬЯ Олег Кожемяко",
            "ЁЛКИ и Ѐ, Ђ, Џ",
            "Heilongjiang Province",
            "黑龙江省 Harbin",
            "ὈΔΥΣΣΕΎΣ and ΣΑΣ",
            "İstanbul ǅ ß",
            "",
        ] {
            assert_eq!(to_lowercase(s), s.to_lowercase(), "{s}");
        }
        let every: String = all_chars().collect();
        assert_eq!(to_lowercase(&every), every.to_lowercase());
    }
}
