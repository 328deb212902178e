//! Headline selection for plain scraped text: the page head holds menus,
//! breadcrumbs, banners and widgets before the headline, so each short line
//! before the first body paragraph is scored and the best one wins, or none
//! when no line looks like a headline (the page starts with its body).
//!
//! A headline reads like a phrase (not a menu item, a list entry or a
//! sentence ending in a full stop), is echoed by the body's vocabulary, is in
//! the body's script and sits near the dateline.

use crate::boilerplate::is_han;
use foldhash::HashSet;

/// Lowest score a line needs to be taken as the headline.
const THRESHOLD: f32 = 1.6;
/// How many body characters are read for the echo vocabulary.
const ECHO_SAMPLE: usize = 6000;

/// Writing system of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Chinese characters.
    Han,
    /// Cyrillic letters.
    Cyrillic,
    /// Latin letters.
    Latin,
}

/// The script most letters of `s` are written in.
pub fn script(s: &str) -> Option<Script> {
    let (mut han, mut cyr, mut lat) = (0usize, 0usize, 0usize);
    for c in s.chars() {
        if is_han(c) {
            han += 2; // one character carries about a word's worth
        } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyr += 1;
        } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            lat += 1;
        }
    }
    let best = han.max(cyr).max(lat);
    if best == 0 {
        None
    } else if best == han {
        Some(Script::Han)
    } else if best == cyr {
        Some(Script::Cyrillic)
    } else {
        Some(Script::Latin)
    }
}

/// Whether a line carries letters but none of `main`'s script.
pub fn foreign_script(line: &str, main: Script) -> bool {
    let letters = line
        .chars()
        .filter(|c| amur_record::chars::is_alphabetic(*c))
        .count();
    letters >= 3
        && !line.chars().any(|c| match main {
            Script::Han => is_han(c),
            Script::Cyrillic => ('\u{0400}'..='\u{04FF}').contains(&c),
            Script::Latin => c.is_ascii_alphabetic(),
        })
}

/// Tokens used for the echo test: the first five letters of words of four
/// letters and more, or pairs of Chinese characters, each packed into one
/// number (21 bits a character) so that no token is allocated.
fn tokens(s: &str) -> Vec<u128> {
    const PAIR: u128 = 1 << 127;
    let mut out = Vec::new();
    let (mut key, mut taken, mut len) = (0u128, 0usize, 0usize);
    let mut prev_han: Option<char> = None;
    let flush = |key: &mut u128, taken: &mut usize, len: &mut usize, out: &mut Vec<u128>| {
        if *len >= 4 {
            out.push(*key);
        }
        (*key, *taken, *len) = (0, 0, 0);
    };
    for c in s.chars() {
        if is_han(c) {
            flush(&mut key, &mut taken, &mut len, &mut out);
            if let Some(p) = prev_han {
                out.push(PAIR | (u128::from(u32::from(p)) << 21) | u128::from(u32::from(c)));
            }
            prev_han = Some(c);
        } else {
            prev_han = None;
            if amur_record::chars::is_alphanumeric(c) {
                amur_record::chars::each_lower(c, |l| {
                    if taken < 5 {
                        key = (key << 21) | u128::from(u32::from(l));
                        taken += 1;
                    }
                    len += 1;
                });
            } else {
                flush(&mut key, &mut taken, &mut len, &mut out);
            }
        }
    }
    flush(&mut key, &mut taken, &mut len, &mut out);
    out
}

/// A line the scorer may consider.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    /// Index of the line in the page.
    pub index: usize,
    /// The line.
    pub text: &'a str,
}

/// The head of a page as the scorer sees it.
#[derive(Debug, Clone)]
pub struct Head<'a> {
    /// Candidate lines, in page order, all before `body_start`.
    pub candidates: Vec<Candidate<'a>>,
    /// Indices of dateline lines.
    pub datelines: Vec<usize>,
    /// Index of the first body paragraph.
    pub body_start: usize,
    /// Which page lines are blank (for adjacency of candidates).
    pub blank: Vec<bool>,
    /// Body text after the head (only the first [`ECHO_SAMPLE`] characters are read).
    pub body: &'a str,
}

impl Head<'_> {
    /// Whether only blank lines lie strictly between lines `a` and `b`.
    fn lines_between_blank(&self, a: usize, b: usize) -> bool {
        (a + 1..b).all(|i| self.blank.get(i).copied().unwrap_or(false))
    }
}

/// A trailing " |" separator is not part of the headline.
pub fn trim_title(line: &str) -> &str {
    line.trim_end_matches(['|', ' ', '｜'])
}

/// Hard rules: what can never be a headline.
fn eligible(line: &str) -> bool {
    let n = line.chars().count();
    let han = line.chars().filter(|c| is_han(*c)).count();
    let words = line.split_whitespace().count();
    let short = if han > 0 { han < 5 } else { words < 2 };
    let dangling = line.ends_with([
        '.', '。', ':', '：', ',', '，', '-', '–', '—', '>', '»', '/', ';', '；', '…',
    ]) && !line.ends_with("...");
    let quoted = (line.starts_with(['\'', '"', '«', '“', '‘', '「'])
        && line.ends_with(['\'', '"', '»', '”', '’', '」']))
        && !line[1..].contains(['\'', '"', '»', '”', '’', '」']);
    let listed = line.split_once(['.', ')']).is_some_and(|(a, _)| {
        !a.is_empty() && a.len() <= 2 && a.chars().all(|c| c.is_ascii_digit())
    });
    let menu =
        line.contains(" | ") || line.contains('>') || line.contains('»') || line.contains("•");
    let long = if han > 0 { han > 60 } else { n > 160 };
    (4..=200).contains(&n) && !long && !short && !dangling && !quoted && !listed && !menu
}

/// Picks the headline among the candidates: its index, or None.
pub fn pick(head: &Head<'_>) -> Option<usize> {
    let sample = amur_record::chars::head(head.body, ECHO_SAMPLE);
    let vocab: HashSet<u128> = tokens(sample).into_iter().collect();
    let main = script(sample);
    let mut scored: Vec<(f32, f32, usize)> = Vec::new();
    for c in &head.candidates {
        let text = trim_title(c.text);
        if !eligible(text) {
            continue;
        }
        let toks = tokens(text);
        let echo = if toks.is_empty() {
            0.0
        } else {
            toks.iter().filter(|t| vocab.contains(*t)).count() as f32 / toks.len() as f32
        };
        let mut score = 3.0 * echo;
        // Headlines sit on top of their dateline, or just below it.
        let nearest_above = |d: usize| {
            d > c.index
                && d - c.index <= 3
                && !head
                    .candidates
                    .iter()
                    .any(|o| o.index > c.index && o.index < d)
        };
        if head.datelines.iter().any(|d| nearest_above(*d)) {
            score += 1.5;
        } else if head
            .datelines
            .iter()
            .any(|d| *d < c.index && c.index - d <= 2)
        {
            score += 1.0;
        }
        if c.index == 0 {
            score += 0.5;
        }
        let repeated = head
            .candidates
            .iter()
            .any(|o| o.index != c.index && trim_title(o.text).starts_with(text))
            || sample.contains(text);
        if repeated {
            score += 1.0;
        }
        let gap = head.body_start.saturating_sub(c.index) as f32;
        score += 0.5 * (1.0 - (gap / 10.0).min(1.0));
        if main.is_some() && script(text) != main {
            score -= 2.0;
        }
        scored.push((score, echo, c.index));
    }
    let best = scored
        .iter()
        .copied()
        .filter(|(score, _, _)| *score >= THRESHOLD)
        .map(|(score, _, i)| (score, i))
        .reduce(|b, x| if x.0 >= b.0 { x } else { b })?;
    let text_of = |i: usize| {
        head.candidates
            .iter()
            .find(|c| c.index == i)
            .map(|c| trim_title(c.text))
            .unwrap_or("")
    };
    // A headline stands above its standfirst: when the line just above the
    // winner (blank lines aside) shares the body's words and nearly
    // qualifies, it is the headline.
    let above = head
        .candidates
        .iter()
        .rev()
        .find(|c| c.index < best.1)
        .filter(|c| head.lines_between_blank(c.index, best.1))
        .map(|c| c.index);
    let pick = match above {
        Some(a)
            if scored
                .iter()
                .any(|(s, e, i)| *i == a && *e > 0.0 && *s >= THRESHOLD - 1.0) =>
        {
            a
        }
        _ => best.1,
    };
    // A repeated headline: its first occurrence is the headline.
    let text = text_of(pick);
    head.candidates
        .iter()
        .find(|c| trim_title(c.text) == text)
        .map(|c| c.index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head<'a>(lines: &'a [&'a str], dateline: Option<usize>, body: &'a str) -> Head<'a> {
        Head {
            candidates: lines
                .iter()
                .enumerate()
                .map(|(index, text)| Candidate { index, text })
                .collect(),
            datelines: dateline.into_iter().collect(),
            blank: vec![false; lines.len() + 2],
            body_start: lines.len() + 1,
            body,
        }
    }

    #[test]
    fn headline_after_menu_and_banner() {
        let lines = [
            "Welcome to the Northern Herald",
            "World Business Sports",
            "Harbin and Khabarovsk open a new freight route",
        ];
        let body =
            "A freight route between Harbin and Khabarovsk opened on Monday, officials said.";
        assert_eq!(pick(&head(&lines, Some(3), body)), Some(2));
    }

    #[test]
    fn site_name_above_headline_is_not_taken() {
        let lines = [
            "Northern Herald",
            "Harbin and Khabarovsk open a new freight route",
        ];
        let body =
            "A freight route between Harbin and Khabarovsk opened on Monday, officials said.";
        assert_eq!(pick(&head(&lines, None, body)), Some(1));
    }

    #[test]
    fn headline_above_its_standfirst() {
        let lines = [
            "Bridge traffic grows",
            "Trucks cross the bridge every hour as trade with China grows",
        ];
        let body = "Trade across the bridge grew by a third in May; trucks now cross every hour.";
        assert_eq!(pick(&head(&lines, None, body)), Some(0));
    }

    #[test]
    fn chinese_headline_after_breadcrumb() {
        let lines = ["当前位置：首页 > 新闻", "黑河口岸货运量持续增长"];
        let body = "今年以来，黑河口岸货运量持续增长，同比增长三成。";
        assert_eq!(pick(&head(&lines, None, body)), Some(1));
    }

    #[test]
    fn no_headline_when_page_starts_with_a_sentence() {
        let lines = ["Delegates from Jilin attended the forum in Vladivostok."];
        let body = "Delegates from Jilin attended the forum and signed two agreements.";
        assert_eq!(pick(&head(&lines, None, body)), None);
    }

    #[test]
    fn unrelated_widget_is_not_chosen() {
        let lines = ["Weather in Moscow today"];
        let body = "Провинция Хэйлунцзян и Амурская область подписали соглашение.";
        assert_eq!(pick(&head(&lines, None, body)), None);
    }

    #[test]
    fn scripts() {
        assert_eq!(script("Мост открыт"), Some(Script::Cyrillic));
        assert_eq!(script("大桥开通 Bridge"), Some(Script::Han));
        assert!(foreign_script("西伯利亚论坛", Script::Cyrillic));
        assert!(!foreign_script("Форум APEC в городе", Script::Cyrillic));
    }
}
