//! Whole-word matching that keeps regexes on the regex crate's fast engines.
//!
//! A Unicode `\b` makes the lazy DFA give up on any non-ASCII text, so a
//! pattern with one runs on the slow backtracking engines over Russian and
//! Chinese pages (10–40× slower here). Patterns therefore use the ASCII
//! `(?-u:\b)` next to ASCII words, carry no boundary next to Cyrillic ones,
//! and [`bounded_captures`] checks the Unicode boundary at the match's edges.

use regex::{Captures, Regex};

/// Whether `c` is part of a word for boundary checks: letters and digits of
/// alphabetic scripts. Chinese characters are not, as Chinese writes no
/// spaces between words.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

/// Whether `c` is a CJK ideograph (the main, extension A, compatibility and
/// extension B blocks). The one test of "Chinese character" the pipeline uses.
pub fn is_han(c: char) -> bool {
    matches!(
        c,
        '\u{4e00}'..='\u{9fff}'
            | '\u{3400}'..='\u{4dbf}'
            | '\u{f900}'..='\u{faff}'
            | '\u{20000}'..='\u{2a6df}'
    )
}

/// Which edges of a match must fall on a word boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edges {
    /// The match may not continue a word on its left.
    pub lead: bool,
    /// The match may not be continued by a word on its right.
    pub trail: bool,
}

impl Edges {
    /// Boundaries on the left only.
    pub const LEAD: Edges = Edges {
        lead: true,
        trail: false,
    };
    /// Boundaries on the right only.
    pub const TRAIL: Edges = Edges {
        lead: false,
        trail: true,
    };
    /// Boundaries on both sides.
    pub const BOTH: Edges = Edges {
        lead: true,
        trail: true,
    };
}

/// Whether `text[start..end]` respects `edges`: an edge inside a word (a word
/// character on both sides of it) breaks it.
pub fn on_boundaries(text: &str, start: usize, end: usize, edges: Edges) -> bool {
    let inside = |at: usize| {
        let before = text.get(..at).and_then(|s| s.chars().next_back());
        let after = text.get(at..).and_then(|s| s.chars().next());
        before.is_some_and(is_word_char) && after.is_some_and(is_word_char)
    };
    !((edges.lead && inside(start)) || (edges.trail && inside(end)))
}

/// Non-overlapping captures of `re` in `text` whose edges lie on word
/// boundaries. A match that fails the check is dropped and the search goes on
/// from its second character, so a shorter match inside it is still found.
pub fn bounded_captures<'r, 't>(
    re: &'r Regex,
    text: &'t str,
    edges: Edges,
) -> impl Iterator<Item = Captures<'t>> + use<'r, 't> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at <= text.len() {
            let c = re.captures_at(text, at)?;
            let m = c.get(0)?;
            let step = text[m.start()..].chars().next().map_or(1, char::len_utf8);
            if on_boundaries(text, m.start(), m.end(), edges) {
                at = if m.end() > m.start() {
                    m.end()
                } else {
                    m.end() + step
                };
                return Some(c);
            }
            at = m.start() + step;
        }
        None
    })
}

/// The first match of `re` in `text` that starts on a word boundary: a
/// Unicode `\b` at the pattern's start, checked outside the regex.
pub fn first_word_captures<'t>(re: &Regex, text: &'t str) -> Option<Captures<'t>> {
    bounded_captures(re, text, Edges::LEAD).next()
}

/// Whether `re` matches in `text` starting on a word boundary.
pub fn is_word_match(re: &Regex, text: &str) -> bool {
    let mut at = 0;
    while let Some(m) = re.find_at(text, at) {
        if on_boundaries(text, m.start(), m.end(), Edges::LEAD) {
            return true;
        }
        at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(re: &str, text: &str, edges: Edges) -> Vec<String> {
        let re = Regex::new(re).expect("test regex");
        bounded_captures(&re, text, edges)
            .map(|c| c[0].to_string())
            .collect()
    }

    #[test]
    fn cyrillic_words_match_whole() {
        let re = r"в\s+пятницу";
        assert_eq!(found(re, "Встреча в пятницу.", Edges::BOTH), ["в пятницу"]);
        // "нов пятницу" ends a word with "в": not a preposition.
        assert!(found(re, "нов пятницу", Edges::BOTH).is_empty());
        // Continued on the right: another word.
        assert!(found(r"в\s+мае", "в маечке", Edges::BOTH).is_empty());
        assert_eq!(found(r"в\s+мае", "в маечке", Edges::LEAD), ["в мае"]);
    }

    #[test]
    fn a_rejected_match_does_not_hide_a_later_one() {
        // The first candidate starts inside "нов"; the next "в" is whole.
        assert_eq!(found(r"в\s+\S+", "нов в марте", Edges::LEAD), ["в марте"]);
    }

    #[test]
    fn chinese_needs_no_spaces() {
        assert_eq!(found(r"上周", "他上周访问", Edges::BOTH), ["上周"]);
    }

    #[test]
    fn ascii_words_in_mixed_text() {
        let re = r"(?i)(?-u:\b)today(?-u:\b)";
        assert_eq!(found(re, "сказал today.", Edges::BOTH), ["today"]);
        assert!(found(re, "todayшний", Edges::BOTH).is_empty());
    }

    #[test]
    fn word_match_starts_a_word() {
        let re = Regex::new(r"(?i)(порт|port)").expect("test regex");
        assert!(is_word_match(&re, "открыт новый порт"));
        assert!(is_word_match(&re, "a new port opened"));
        // Inside a word: no match, however often it occurs.
        assert!(!is_word_match(&re, "министр спорта и спорта"));
        assert!(!is_word_match(&re, "the airport and the passport"));
        let first = first_word_captures(&re, "спорта, порт").map(|c| c.get(0).map(|m| m.start()));
        assert_eq!(first, Some(Some("спорта, ".len())));
    }
}
