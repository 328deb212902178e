//! Absolute date expressions found in text.

use crate::{expand_year, month_from_word, PartialDate};
use regex::Regex;
use std::sync::LazyLock;

/// A date expression found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// Byte offset where the expression starts.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// What it states.
    pub date: PartialDate,
    /// Whether a time of day follows it (a dateline, a timestamp).
    pub has_time: bool,
}

const D: &str = r"[0-9０-９]";
const MONTH: &str = r"([A-Za-zА-Яа-яЁёÀ-ÿіїєґІЇЄҐ]{3,10}\.?)";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[^0-9])({D}{{4}})\s?([-/.])\s?({D}{{1,2}})\s?[-/.]\s?({D}{{1,2}})(?:[^0-9]|$)"
    ))
    .expect("static regex")
});
static ZH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:({D}{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*)?({D}{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月(?:\s*({D}{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[日号])?"
    ))
    .expect("static regex")
});
static ZH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"({D}{{4}})\s*年(?:度)?")).expect("static regex"));
static DMY_NUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9.])([0-9]{1,2})([./])([0-9]{1,2})[./]([0-9]{4}|[0-9]{2})(?:[^0-9]|$)")
        .expect("static regex")
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[^0-9\w])([0-9]{{1,2}})(?:st|nd|rd|th|-?го|-?е)?\.?\s+(?:of\s+)?{MONTH},?(?:\s+([0-9]{{4}}))?"
    ))
    .expect("static regex")
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[^\w]){MONTH}\s+([0-9]{{1,2}})(?:st|nd|rd|th)?(?:,?\s+([0-9]{{4}}))?(?:[^0-9]|$)"
    ))
    .expect("static regex")
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[^\w]){MONTH},?\s+([0-9]{{4}})(?:[^0-9]|$)"
    ))
    .expect("static regex")
});
static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:,|\s|T|г\.|года|年)*(?:в\s+)?[0-9]{1,2}[:：][0-9]{2}").expect("static regex")
});

/// Digits, ASCII or full-width, or Chinese numerals up to 99, as a number.
fn number(s: &str) -> Option<i32> {
    if s.chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        let ascii: String = s
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    c
                } else {
                    char::from(b'0' + (c as u32 - '０' as u32) as u8)
                }
            })
            .collect();
        return ascii.parse().ok();
    }
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or_else(|| (c == '零').then_some(0))
    };
    if s.chars().count() == 4 {
        return s
            .chars()
            .try_fold(0i32, |acc, c| digit(c).map(|d| acc * 10 + d as i32));
    }
    // 十, 十二, 二十, 二十三
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c).map(|d| d as i32),
        ['十', u] => digit(*u).map(|d| 10 + d as i32),
        [t, '十'] => digit(*t).map(|d| d as i32 * 10),
        [t, '十', u] => Some(digit(*t)? as i32 * 10 + digit(*u)? as i32),
        _ => None,
    }
}

fn plausible_year(y: i32) -> bool {
    (1900..=2100).contains(&y)
}

/// Every absolute date expression in `text`, left to right, non-overlapping.
/// Numeric `a/b/yyyy` is read month-first unless that is impossible; `a.b.yyyy`
/// is read day-first.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let mut found: Vec<FoundDate> = Vec::new();
    let push = |start: usize, end: usize, date: PartialDate, found: &mut Vec<FoundDate>| {
        if !date.is_valid() || date.year.is_some_and(|y| !plausible_year(y)) {
            return;
        }
        if found.iter().any(|f| f.start < end && start < f.end) {
            return;
        }
        let has_time = TIME_AFTER.is_match(&text[end..]);
        found.push(FoundDate {
            start,
            end,
            date,
            has_time,
        });
    };
    // Each pattern needs a character the text may not hold at all (most
    // lines have no digit); those checks are far cheaper than a search.
    let ascii_digit = text.bytes().any(|b| b.is_ascii_digit());
    let any_digit = ascii_digit || text.chars().any(|c| ('０'..='９').contains(&c));
    let run = |re: &'static LazyLock<Regex>, needed: bool| {
        needed.then(|| re.captures_iter(text)).into_iter().flatten()
    };
    for c in run(&ISO, any_digit) {
        let (Some(y), Some(m), Some(d)) = (number(&c[1]), number(&c[3]), number(&c[4])) else {
            continue;
        };
        let g = c.get(1).map(|m| m.start()).unwrap_or(0);
        let e = c.get(4).map(|m| m.end()).unwrap_or(g);
        push(g, e, PartialDate::ymd(y, m as u32, d as u32), &mut found);
    }
    for c in run(&ZH, text.contains('月')) {
        let year = c.get(1).and_then(|m| number(m.as_str()));
        let Some(month) = c.get(2).and_then(|m| number(m.as_str())) else {
            continue;
        };
        let day = c.get(3).and_then(|m| number(m.as_str()));
        let whole = c.get(0).map(|m| (m.start(), m.end())).unwrap_or((0, 0));
        // A bare "3月" with neither year nor day is too weak (e.g. "3个月" is excluded by the regex).
        if year.is_none() && day.is_none() {
            continue;
        }
        let date = PartialDate {
            year,
            month: Some(month as u32),
            day: day.map(|d| d as u32),
        };
        push(whole.0, whole.1, date, &mut found);
    }
    for c in run(&DMY_NUM, ascii_digit) {
        let (Some(a), Some(b), Some(y)) = (number(&c[1]), number(&c[3]), number(&c[4])) else {
            continue;
        };
        let y = if c[4].len() == 2 { expand_year(y) } else { y };
        let slash = &c[2] == "/";
        // Slashes are month-first unless the first part cannot be a month.
        let (d, m) = if slash && a <= 12 { (b, a) } else { (a, b) };
        let s = c.get(1).map(|m| m.start()).unwrap_or(0);
        let e = c.get(4).map(|m| m.end()).unwrap_or(s);
        push(s, e, PartialDate::ymd(y, m as u32, d as u32), &mut found);
    }
    for c in run(&DAY_MONTH, ascii_digit) {
        let Some(month) = month_from_word(&c[2]) else {
            continue;
        };
        let Some(day) = number(&c[1]) else { continue };
        let year = c.get(3).and_then(|m| number(m.as_str()));
        let s = c.get(1).map(|m| m.start()).unwrap_or(0);
        let e = c.get(3).or(c.get(2)).map(|m| m.end()).unwrap_or(s);
        let date = PartialDate {
            year,
            month: Some(month),
            day: Some(day as u32),
        };
        push(s, e, date, &mut found);
    }
    for c in run(&MONTH_DAY, ascii_digit) {
        let Some(month) = month_from_word(&c[1]) else {
            continue;
        };
        let Some(day) = number(&c[2]) else { continue };
        let year = c.get(3).and_then(|m| number(m.as_str()));
        let s = c.get(1).map(|m| m.start()).unwrap_or(0);
        let e = c.get(3).or(c.get(2)).map(|m| m.end()).unwrap_or(s);
        let date = PartialDate {
            year,
            month: Some(month),
            day: Some(day as u32),
        };
        push(s, e, date, &mut found);
    }
    for c in run(&MONTH_YEAR, ascii_digit) {
        let Some(month) = month_from_word(&c[1]) else {
            continue;
        };
        let Some(year) = number(&c[2]) else { continue };
        let s = c.get(1).map(|m| m.start()).unwrap_or(0);
        let e = c.get(2).map(|m| m.end()).unwrap_or(s);
        push(s, e, PartialDate::ym(year, month), &mut found);
    }
    for c in run(&ZH_YEAR, text.contains('年')) {
        let Some(year) = number(&c[1]) else { continue };
        let m = c.get(0).map(|m| (m.start(), m.end())).unwrap_or((0, 0));
        push(m.0, m.1, PartialDate::y(year), &mut found);
    }
    found.sort_by_key(|f| f.start);
    found
}

/// The first complete-enough date in a short string such as a meta tag's
/// content (`2023-10-20T13:51:00+08:00`, `Fri, 20 Oct 2023 13:51 GMT`,
/// `20.10.2023`, `October 20, 2023`, `2023年10月20日`).
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if s.len() >= 8 && s.len() <= 14 && s.bytes().all(|b| b.is_ascii_digit()) {
        // 20231020 or 20231020T… compact forms.
        let y = s[..4].parse().ok()?;
        let m = s[4..6].parse().ok()?;
        let d = s[6..8].parse().ok()?;
        let date = PartialDate::ymd(y, m, d);
        return (date.is_valid() && plausible_year(y)).then_some(date);
    }
    find_dates(s)
        .into_iter()
        .map(|f| f.date)
        .find(|d| d.year.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(s: &str) -> PartialDate {
        find_dates(s).first().map(|f| f.date).unwrap_or_default()
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(first("2023-10-20 13:51"), PartialDate::ymd(2023, 10, 20));
        assert!(find_dates("2023-10-20 13:51")[0].has_time);
        assert_eq!(first("Biang.ru 06.08.21 211"), PartialDate::ymd(2021, 8, 6));
        assert_eq!(first("29.09.22"), PartialDate::ymd(2022, 9, 29));
        assert_eq!(first("12.01.2023"), PartialDate::ymd(2023, 1, 12));
        assert_eq!(first("10/20/2023"), PartialDate::ymd(2023, 10, 20));
        assert_eq!(
            first("2021-04-16 20:41:19 admin"),
            PartialDate::ymd(2021, 4, 16)
        );
    }

    #[test]
    fn russian_forms() {
        assert_eq!(first("12 января 2023 г."), PartialDate::ymd(2023, 1, 12));
        assert_eq!(
            first("прошла 5 августа."),
            PartialDate {
                year: None,
                month: Some(8),
                day: Some(5)
            }
        );
        assert_eq!(first("в сентябре 2022 года"), PartialDate::ym(2022, 9));
    }

    #[test]
    fn chinese_forms() {
        assert_eq!(first("2023年1月12日 09:15"), PartialDate::ymd(2023, 1, 12));
        assert_eq!(first("二〇二三年一月十二日"), PartialDate::ymd(2023, 1, 12));
        // Full-width digits only (no ASCII digit in the text).
        assert_eq!(first("２０２３-１０-２０"), PartialDate::ymd(2023, 10, 20));
        assert_eq!(
            first("１０月１８日"),
            PartialDate {
                year: None,
                month: Some(10),
                day: Some(18)
            }
        );
        assert_eq!(first("2022年"), PartialDate::y(2022));
        assert_eq!(first("2023年5月"), PartialDate::ym(2023, 5));
    }

    #[test]
    fn english_forms() {
        assert_eq!(
            first("On April 9, Liu"),
            PartialDate {
                year: None,
                month: Some(4),
                day: Some(9)
            }
        );
        assert_eq!(first("January 12, 2023"), PartialDate::ymd(2023, 1, 12));
        assert_eq!(first("12th of March 2019"), PartialDate::ymd(2019, 3, 12));
        assert_eq!(first("Posted 3. März 2019"), PartialDate::ymd(2019, 3, 3));
        assert_eq!(first("in March 2023 the"), PartialDate::ym(2023, 3));
        assert!(find_dates("May I have 5 apples").is_empty());
    }

    #[test]
    fn meta_strings() {
        assert_eq!(
            parse_date("2023-10-20T13:51:00+08:00"),
            Some(PartialDate::ymd(2023, 10, 20))
        );
        assert_eq!(
            parse_date("Fri, 20 Oct 2023 13:51:00 GMT"),
            Some(PartialDate::ymd(2023, 10, 20))
        );
        assert_eq!(parse_date("20231020"), Some(PartialDate::ymd(2023, 10, 20)));
        assert_eq!(parse_date("nonsense"), None);
    }
}
