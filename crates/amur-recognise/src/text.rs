//! Text views for matching: a normalised copy with a byte map back to the
//! original, and word tokens with offsets.

/// A normalised copy of a text (lower-case, one dash, one apostrophe, one
/// space) with, for each of its bytes, the original byte offset.
pub struct Normalised {
    /// The normalised text.
    pub text: String,
    map: Vec<usize>,
    orig_len: usize,
}

/// Normalises one character for matching.
pub fn norm_char(c: char) -> char {
    match c {
        '–' | '—' | '‑' | '‒' | '−' | '―' => '-',
        '’' | '‘' | '`' | 'ʼ' | '´' => '\'',
        '«' | '»' | '“' | '”' | '„' => '"',
        'ё' | 'Ё' => 'е',
        '\u{00A0}' | '\t' | '\n' | '\r' => ' ',
        c => amur_record::chars::lower_char(c),
    }
}

impl Normalised {
    /// Builds the normalised view of `text`.
    pub fn new(text: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            let n = norm_char(c);
            let before = out.len();
            out.push(n);
            map.extend(std::iter::repeat_n(i, out.len() - before));
        }
        Normalised {
            text: out,
            map,
            orig_len: text.len(),
        }
    }

    /// Original byte range of a normalised byte range.
    pub fn orig(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map.get(start).copied().unwrap_or(self.orig_len);
        let e = self.map.get(end).copied().unwrap_or(self.orig_len);
        (s, e)
    }
}

/// Normalises a pattern the same way as text, collapsing spaces.
pub fn norm_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().map(norm_char) {
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

/// A word of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// The word as written.
    pub text: &'a str,
}

/// Words: runs of letters and digits (apostrophes inside a word kept). Dashes
/// and all other punctuation separate words.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_apostrophe = (c == '\'' || c == '’')
            && start.is_some()
            && chars
                .peek()
                .is_some_and(|(_, n)| amur_record::chars::is_alphabetic(*n));
        if amur_record::chars::is_alphanumeric(c) || inner_apostrophe {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Token {
                start: s,
                end: i,
                text: &text[s..i],
            });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
            text: &text[s..],
        });
    }
    out
}

/// The word just before the end of `before`, lower-cased ("" when none).
pub fn word_before(before: &str) -> String {
    before
        .trim_end()
        .rsplit(|c: char| !amur_record::chars::is_alphanumeric(c))
        .next()
        .unwrap_or("")
        .to_lower()
}

pub use amur_dates::words::is_han;
use amur_record::chars::ToLower;

/// Whether a string contains Cyrillic letters.
pub fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// Whether a string contains Han characters.
pub fn has_han(s: &str) -> bool {
    s.chars().any(is_han)
}

/// Whether the first character is upper-case.
pub fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_maps_back() {
        let t = "Суйфэньхэ—Гродеково Ёлка";
        let n = Normalised::new(t);
        let at = n.text.find("гродеково").unwrap();
        let (s, e) = n.orig(at, at + "гродеково".len());
        assert_eq!(&t[s..e], "Гродеково");
        assert!(n.text.contains("елка"));
    }

    #[test]
    fn token_offsets() {
        let t = tokens("China's Far-East, 黑龙江 ok");
        let words: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(words, ["China's", "Far", "East", "黑龙江", "ok"]);
    }
}

/// Whether `[s, e)` overlaps one of `spans`, which are in text order and do
/// not overlap one another (as gazetteer matches are): a binary search, so
/// a long page costs no more per word than a short one.
pub fn overlaps_any(spans: &[(usize, usize)], s: usize, e: usize) -> bool {
    let k = spans.partition_point(|&(_, end)| end <= s);
    spans.get(k).is_some_and(|&(start, _)| start < e)
}

/// Spans sorted and with overlapping ones merged, ready for [`overlaps_any`].
pub fn merge_spans(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

#[cfg(test)]
mod overlap_tests {
    use super::{merge_spans, overlaps_any};

    #[test]
    fn merged_spans_keep_every_position() {
        assert_eq!(
            merge_spans(vec![(10, 20), (0, 5), (12, 30)]),
            vec![(0, 5), (10, 30)]
        );
    }

    #[test]
    fn sorted_spans_by_binary_search() {
        let spans = [(0, 5), (10, 15), (20, 25)];
        assert!(overlaps_any(&spans, 12, 13));
        assert!(overlaps_any(&spans, 4, 11));
        assert!(overlaps_any(&spans, 24, 30));
        // Must not fire in the gaps.
        assert!(!overlaps_any(&spans, 5, 10));
        assert!(!overlaps_any(&spans, 25, 40));
        assert!(!overlaps_any(&[], 0, 10));
    }
}
