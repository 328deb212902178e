//! Date expressions of a whole text, resolved: absolute dates with a missing
//! year filled from the reference date, ranges ("From October 17 to 19",
//! "17–19 октября", "10月17日至19日"), and relative expressions ("on Monday",
//! "on the 18th", "just today", "last year", "5 августа", "в прошлом году",
//! "上周", "本月").
//!
//! The reference is the publication date; "today" and "on the 18th" in a text
//! that already named a day refer to that day (the narrative date), so a
//! speech reported on the 18th saying "just today" means the 18th. Without a
//! publication date, a year is never guessed.

use crate::words::{bounded_captures, Edges};
use crate::{find_dates, month_from_word, PartialDate};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use std::sync::LazyLock;

/// A resolved date expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// ISO day, month, year, or `A/B` interval; `None` when the year cannot be known.
    pub value: Option<String>,
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("static regex")
}

static RANGE_EN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:from\s+)?([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*(?:to|-|–|—|until|till|through)\s*(?:([A-Z][a-z]{2,8})\.?\s+)?(\d{1,2})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(\d{4}))?",
    )
});
static RANGE_DM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(\d{1,2})\s*(?:-|–|—|по|to)\s*(\d{1,2})\s+([A-Za-zА-Яа-яё]{3,10})(?:\s+(\d{4}))?",
    )
});
static RANGE_ZH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日?\s*(?:至|到|-|—|～|~)\s*(?:(\d{1,2})月)?(\d{1,2})日")
});
static DAY_OF_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:on|by|since|until|from)\s+the\s+(\d{1,2})(?:st|nd|rd|th)(?-u:\b)(?:\s*[,.;]|\s+[a-z])",
    )
});
static ZH_DAY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^月\d０-９])(\d{1,2})[日号](?:[，,、起至在于晚上下早中]|$)"));
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:(last|next|this)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?-u:\b)|(?:в|во)\s+(прошл\w+\s+|следующ\w+\s+)?(понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)|(上|下|本)?(?:周|星期|礼拜)([一二三四五六日天])",
    )
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(позавчера|послезавтра|前天|后天)|(?-u:\b)(just\s+today|today|yesterday|tomorrow|this\s+year|last\s+year|next\s+year|this\s+month|last\s+month|next\s+month|this\s+week|last\s+week|next\s+week)(?-u:\b)|(сегодня|вчера|завтра|в\s+этом\s+году|в\s+текущем\s+году|в\s+прошлом\s+году|в\s+следующем\s+году|в\s+этом\s+месяце|в\s+прошлом\s+месяце|в\s+следующем\s+месяце|на\s+этой\s+неделе|на\s+прошлой\s+неделе|на\s+следующей\s+неделе)|(今天|今日|昨天|昨日|明天|今年|去年|明年|本月|上月|上个月|下月|下个月|本周|上周|下周)",
    )
});
static AGO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(\d{1,4}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month|year)s?\s+ago(?-u:\b)|(?:(\d{1,4}|один|одну|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\s+)?(день|дня|дней|неделю|недели|недель|месяц|месяца|месяцев|год|года|лет)\s+назад|(\d{1,4}|[一两二三四五六七八九十]{1,3})\s*(天|日|周|星期|个月|個月|年)前",
    )
});
static ORDINAL_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:(двадцать|тридцать)\s+)?(перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|тридцат)(?:ое|ье|его|ого|ьего|ому|ем|ом)\s+([а-яё]{3,9})(?:\s+(\d{4}))?",
    )
});
static LATER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)in\s+(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month|year)s?(?-u:\b)|через\s+(?:(\d{1,3}|один|одну|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\s+)?(день|дня|дней|неделю|недели|недель|месяц|месяца|месяцев|год|года|лет)|(\d{1,3}|[一两二三四五六七八九十]{1,3})\s*(天|周|个月|個月|年)后",
    )
});
static MONTH_THIS_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:in\s+|at\s+the\s+(?:end|beginning|start)\s+of\s+)?([A-Z][a-z]{2,8})\s+(this|last|next)\s+year(?-u:\b)|в\s+([а-яё]{3,9})\s+(этого|прошлого|следующего)\s+года",
    )
});
static MONTH_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)(?:[Ii]n|[Ii]n early|[Ii]n late|[Bb]y|[Ss]ince|[Uu]ntil)\s+(January|February|March|April|May|June|July|August|September|October|November|December)(?-u:\b)(?:\s+(\d{4}))?|[вВ]\s+(январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)(?:\s+(\d{4}))?",
    )
});

/// Words and characters without which a paragraph holds no date expression.
static ANCHORS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let words: &[&str] = &[
        "0",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "today",
        "yesterday",
        "tomorrow",
        "ago",
        "week",
        "month",
        "year",
        "day",
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
        "сегодня",
        "вчера",
        "завтра",
        "назад",
        "через",
        "недел",
        "месяц",
        "году",
        "года",
        "понедельник",
        "вторник",
        "сред",
        "четверг",
        "пятниц",
        "суббот",
        "воскресен",
        "январ",
        "феврал",
        "март",
        "апрел",
        "мая",
        "май",
        "мае",
        "июн",
        "июл",
        "август",
        "сентябр",
        "октябр",
        "ноябр",
        "декабр",
        "年",
        "月",
        "日",
        "天",
        "周",
        "星期",
        "礼拜",
        "今",
        "昨",
        "明",
        "前",
        "后",
    ];
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("static automaton")
});

/// Resolves every date expression in `text` against the publication date.
pub fn date_expressions(text: &str, published: Option<NaiveDate>) -> Vec<DateExpr> {
    let mut raw: Vec<(usize, usize, Kind)> = Vec::new();
    // Only paragraphs with a date anchor are scanned: most text holds no date.
    let mut at = 0;
    for para in text.split_inclusive('\n') {
        if ANCHORS.is_match(&para.to_lowercase()) {
            scan(para, at, &mut raw);
        }
        at += para.len();
    }
    resolve_all(raw, published)
}

/// Which patterns can match a paragraph at all, from the words and
/// characters each one needs (cheap substring tests).
struct Guards {
    zh_range: bool,
    digit: bool,
    this_year: bool,
    letters: bool,
    cyrillic: bool,
    later: bool,
    ago: bool,
    relative: bool,
    weekday: bool,
    day_of_month: bool,
    zh_day: bool,
}

impl Guards {
    fn new(text: &str) -> Self {
        let lower = text.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
        let digit = text.bytes().any(|b| b.is_ascii_digit());
        let cyrillic = text.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c));
        Guards {
            zh_range: text.contains('月') && text.contains('日'),
            digit,
            this_year: has(&["year", "года"]),
            letters: cyrillic || text.bytes().any(|b| b.is_ascii_alphabetic()),
            cyrillic,
            later: has(&["in ", "in\u{a0}", "in\t", "через", "后"]),
            ago: has(&["ago", "назад", "前"]),
            relative: has(&[
                "позавчера",
                "послезавтра",
                "前天",
                "后天",
                "today",
                "yesterday",
                "tomorrow",
                "year",
                "month",
                "week",
                "сегодня",
                "вчера",
                "завтра",
                "году",
                "месяце",
                "неделе",
                "今天",
                "今日",
                "昨天",
                "昨日",
                "明天",
                "今年",
                "去年",
                "明年",
                "本月",
                "上月",
                "上个月",
                "下月",
                "下个月",
                "本周",
                "上周",
                "下周",
            ]),
            weekday: has(&[
                "day",
                "понедельник",
                "вторник",
                "среду",
                "четверг",
                "пятницу",
                "субботу",
                "воскресенье",
                "周",
                "星期",
                "礼拜",
            ]),
            day_of_month: digit && lower.contains("the"),
            zh_day: text.contains('日') || text.contains('号'),
        }
    }
}

fn scan(text: &str, base: usize, raw: &mut Vec<(usize, usize, Kind)>) {
    // A pattern is run only when the paragraph holds words it needs: most
    // of the scan's time is in these regexes.
    let g = Guards::new(text);
    // The first pattern to claim a span keeps it.
    let mut claimed = std::collections::BTreeMap::new();
    let mut taken = |s: usize, e: usize, k: Kind, raw: &mut Vec<(usize, usize, Kind)>| {
        if claim(&mut claimed, s, e) {
            raw.push((s + base, e + base, k));
        }
    };
    for c in g
        .zh_range
        .then(|| RANGE_ZH.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).map(|m| (m.start(), m.end())).unwrap_or_default();
        let num = |i: usize| c.get(i).and_then(|x| x.as_str().parse::<u32>().ok());
        let (Some(m1), Some(d1), Some(d2)) = (num(2), num(3), num(5)) else {
            continue;
        };
        let y = num(1).map(|y| y as i32);
        let m2 = num(4).unwrap_or(m1);
        taken(m.0, m.1, range(y, (m1, d1), (m2, d2)), raw);
    }
    for c in g
        .digit
        .then(|| RANGE_EN.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let Some(m1) = month_from_word(&c[1]) else {
            continue;
        };
        let m2 = c
            .get(3)
            .and_then(|x| month_from_word(x.as_str()))
            .unwrap_or(m1);
        let (Ok(d1), Ok(d2)) = (c[2].parse::<u32>(), c[4].parse::<u32>()) else {
            continue;
        };
        let y = c.get(5).and_then(|x| x.as_str().parse().ok());
        let m = c.get(0).map(|m| (m.start(), m.end())).unwrap_or_default();
        taken(m.0, m.1, range(y, (m1, d1), (m2, d2)), raw);
    }
    for c in g
        .digit
        .then(|| RANGE_DM.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let Some(mo) = month_from_word(&c[3]) else {
            continue;
        };
        let (Ok(d1), Ok(d2)) = (c[1].parse::<u32>(), c[2].parse::<u32>()) else {
            continue;
        };
        if d1 >= d2 {
            continue;
        }
        let y = c.get(4).and_then(|x| x.as_str().parse().ok());
        let m = c.get(0).map(|m| (m.start(), m.end())).unwrap_or_default();
        taken(m.0, m.1, range(y, (mo, d1), (mo, d2)), raw);
    }
    for c in g
        .this_year
        .then(|| bounded_captures(&MONTH_THIS_YEAR, text, Edges::LEAD))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).map(|m| (m.start(), m.end())).unwrap_or_default();
        let (word, rel) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
            (Some(w), Some(r), _, _) => (w.as_str(), r.as_str().to_lowercase()),
            (_, _, Some(w), Some(r)) => (w.as_str(), r.as_str().to_lowercase()),
            _ => continue,
        };
        let Some(month) = month_from_word(word) else {
            continue;
        };
        let shift = if rel.starts_with("last") || rel.starts_with("прошл") {
            -1
        } else if rel.starts_with("next") || rel.starts_with("следующ") {
            1
        } else {
            0
        };
        taken(m.0, m.1, Kind::MonthOfYear(month, shift), raw);
    }
    for f in find_dates(text) {
        taken(f.start, f.end, Kind::Absolute(f.date), raw);
    }
    for c in g
        .letters
        .then(|| bounded_captures(&MONTH_ALONE, text, Edges::LEAD))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).map(|m| (m.start(), m.end())).unwrap_or_default();
        let word = c.get(1).or(c.get(3)).map(|x| x.as_str()).unwrap_or("");
        let Some(month) = month_from_word(word) else {
            continue;
        };
        let year = c.get(2).or(c.get(4)).and_then(|x| x.as_str().parse().ok());
        taken(
            m.0,
            m.1,
            Kind::Absolute(PartialDate {
                year,
                month: Some(month),
                day: None,
            }),
            raw,
        );
    }
    for c in g
        .cyrillic
        .then(|| bounded_captures(&ORDINAL_DAY, text, Edges::LEAD))
        .into_iter()
        .flatten()
    {
        let Some(month) = month_from_word(&c[3]) else {
            continue;
        };
        const UNITS: &[&str] = &[
            "перв",
            "втор",
            "трет",
            "четв",
            "пят",
            "шест",
            "седьм",
            "восьм",
            "девят",
            "десят",
            "одиннадцат",
            "двенадцат",
            "тринадцат",
            "четырнадцат",
            "пятнадцат",
            "шестнадцат",
            "семнадцат",
            "восемнадцат",
            "девятнадцат",
            "двадцат",
            "тридцат",
        ];
        let stem = c[2].to_lowercase();
        let Some(i) = UNITS.iter().position(|u| {
            stem.starts_with(u)
                && (stem.len() == u.len() || u.len() > 6 || stem.starts_with("четв"))
        }) else {
            continue;
        };
        let unit = if i == 19 {
            20
        } else if i == 20 {
            30
        } else {
            i as u32 + 1
        };
        let tens = match c.get(1).map(|x| x.as_str().to_lowercase()) {
            Some(t) if t.starts_with("двадцать") => 20,
            Some(t) if t.starts_with("тридцать") => 30,
            _ => 0,
        };
        let year = c.get(4).and_then(|x| x.as_str().parse().ok());
        let m = c.get(0).map(|m| (m.start(), m.end())).unwrap_or_default();
        taken(
            m.0,
            m.1,
            Kind::Absolute(PartialDate {
                year,
                month: Some(month),
                day: Some(tens + unit),
            }),
            raw,
        );
    }
    for c in g
        .later
        .then(|| bounded_captures(&LATER, text, Edges::BOTH))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).map(|m| (m.start(), m.end())).unwrap_or_default();
        if let Some(k) = offset(&c, -1) {
            taken(m.0, m.1, k, raw);
        }
    }
    for c in g
        .ago
        .then(|| bounded_captures(&AGO, text, Edges::LEAD))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).map(|m| (m.start(), m.end())).unwrap_or_default();
        if let Some(k) = offset(&c, 1) {
            taken(m.0, m.1, k, raw);
        }
    }
    for c in g
        .relative
        .then(|| RELATIVE.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).map(|m| (m.start(), m.end())).unwrap_or_default();
        let w = c
            .get(0)
            .map(|x| x.as_str().to_lowercase())
            .unwrap_or_default();
        taken(m.0, m.1, Kind::Relative(relative_kind(&w)), raw);
    }
    for c in g
        .weekday
        .then(|| bounded_captures(&WEEKDAY, text, Edges::BOTH))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).map(|m| (m.start(), m.end())).unwrap_or_default();
        let w = c
            .get(0)
            .map(|x| x.as_str().to_lowercase())
            .unwrap_or_default();
        let Some(wd) = weekday(&w) else { continue };
        let shift = if w.contains("next") || w.contains("следующ") || w.starts_with('下') {
            1
        } else if w.contains("last") || w.contains("прошл") || w.starts_with('上') {
            -1
        } else {
            0
        };
        taken(m.0, m.1, Kind::Weekday(wd, shift), raw);
    }
    for c in g
        .day_of_month
        .then(|| DAY_OF_MONTH.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let m = c.get(0).map(|m| (m.start(), m.end())).unwrap_or_default();
        let Ok(d) = c[1].parse::<u32>() else { continue };
        taken(m.0, m.1, Kind::DayOfMonth(d), raw);
    }
    // "18日，代表团抵达…": a day of the month the story is in.
    for c in g
        .zh_day
        .then(|| ZH_DAY.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let Some(g) = c.get(1) else { continue };
        let Ok(d) = g.as_str().parse::<u32>() else {
            continue;
        };
        taken(
            g.start(),
            c.get(0).map_or(g.end(), |m| m.end()),
            Kind::DayOfMonth(d),
            raw,
        );
    }
}

/// Claims `s..e` in `claimed` (non-overlapping spans by start) unless it
/// overlaps one claimed before. Only the span starting last before `e` can
/// overlap, so the test is one lookup, not a walk of every span.
fn claim(claimed: &mut std::collections::BTreeMap<usize, usize>, s: usize, e: usize) -> bool {
    if claimed
        .range(..e)
        .next_back()
        .is_some_and(|(_, &end)| end > s)
    {
        return false;
    }
    claimed.insert(s, e);
    true
}

fn resolve_all(mut raw: Vec<(usize, usize, Kind)>, published: Option<NaiveDate>) -> Vec<DateExpr> {
    raw.sort_by_key(|r| r.0);
    // Walk in order, keeping the last day named as the narrative date.
    let mut narrative: Option<NaiveDate> = None;
    let mut out = Vec::new();
    for (s, e, k) in raw {
        let value = resolve(&k, published, narrative);
        // Only days the text names outright move the story's day.
        let absolute = matches!(k, Kind::Absolute(_) | Kind::Range(..) | Kind::DayOfMonth(_));
        if let Some(d) = value
            .as_deref()
            .filter(|_| absolute)
            .and_then(|v| v.split('/').next())
            .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
        {
            narrative = Some(d);
        }
        out.push(DateExpr {
            start: s,
            end: e,
            value,
        });
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Rel {
    DaysFrom(i64),
    Today,
    Yesterday,
    Tomorrow,
    Year(i32),
    Month(i32),
    Week(i32),
}

#[derive(Debug, Clone, Copy)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// A day range within one year (the year may be unknown).
fn range(year: Option<i32>, (m1, d1): (u32, u32), (m2, d2): (u32, u32)) -> Kind {
    Kind::Range(
        PartialDate {
            year,
            month: Some(m1),
            day: Some(d1),
        },
        PartialDate {
            year,
            month: Some(m2),
            day: Some(d2),
        },
    )
}

/// "3 days ago" / "через 3 дня" / "3天前": the count, the unit, and the sign.
fn offset(c: &regex::Captures, sign: i64) -> Option<Kind> {
    let (n, unit) = match (c.get(1), c.get(2), c.get(4), c.get(5), c.get(6)) {
        (Some(n), Some(u), ..) => (count(n.as_str()), u.as_str().to_lowercase()),
        (_, _, Some(u), ..) => (
            c.get(3).map_or(Some(1), |n| count(n.as_str())),
            u.as_str().to_lowercase(),
        ),
        (.., Some(n), Some(u)) => (count(n.as_str()), u.as_str().to_string()),
        _ => return None,
    };
    let unit = match unit.as_str() {
        u if u.starts_with("day")
            || u.starts_with("дн")
            || u.starts_with("ден")
            || u == "天"
            || u == "日" =>
        {
            Unit::Day
        }
        u if u.starts_with("week") || u.starts_with("недел") || u == "周" || u == "星期" => {
            Unit::Week
        }
        u if u.starts_with("month") || u.starts_with("месяц") || u.contains('月') => {
            Unit::Month
        }
        _ => Unit::Year,
    };
    Some(Kind::Ago(sign * n?, unit))
}

/// A small count in digits or words (English, Russian, Chinese).
fn count(s: &str) -> Option<i64> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let w = s.to_lowercase();
    const WORDS: &[(&[&str], i64)] = &[
        (&["a", "an", "one", "один", "одну", "одна", "一"], 1),
        (&["two", "два", "две", "二", "两"], 2),
        (&["three", "три", "三"], 3),
        (&["four", "четыре", "四"], 4),
        (&["five", "пять", "五"], 5),
        (&["six", "шесть", "六"], 6),
        (&["seven", "семь", "七"], 7),
        (&["eight", "восемь", "八"], 8),
        (&["nine", "девять", "九"], 9),
        (&["ten", "десять", "十"], 10),
    ];
    WORDS
        .iter()
        .find(|(ws, _)| ws.contains(&w.as_str()))
        .map(|(_, n)| *n)
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Ago(i64, Unit),
    Absolute(PartialDate),
    Range(PartialDate, PartialDate),
    MonthOfYear(u32, i32),
    Relative(Rel),
    Weekday(Weekday, i32),
    DayOfMonth(u32),
}

fn relative_kind(w: &str) -> Rel {
    let has = |xs: &[&str]| xs.iter().any(|x| w.contains(x));
    if has(&["позавчера", "前天"]) {
        Rel::DaysFrom(-2)
    } else if has(&["послезавтра", "后天"]) {
        Rel::DaysFrom(2)
    } else if has(&["yesterday", "вчера", "昨"]) {
        Rel::Yesterday
    } else if has(&["tomorrow", "завтра", "明天"]) {
        Rel::Tomorrow
    } else if has(&["today", "сегодня", "今天", "今日"]) {
        Rel::Today
    } else {
        let shift = if has(&["last", "прошл", "去年", "上"]) {
            -1
        } else if has(&["next", "следующ", "明年", "下"]) {
            1
        } else {
            0
        };
        if has(&["year", "году", "年"]) {
            Rel::Year(shift)
        } else if has(&["month", "месяце", "月"]) {
            Rel::Month(shift)
        } else {
            Rel::Week(shift)
        }
    }
}

fn weekday(w: &str) -> Option<Weekday> {
    const T: &[(&str, Weekday)] = &[
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
        ("понедельник", Weekday::Mon),
        ("вторник", Weekday::Tue),
        ("среду", Weekday::Wed),
        ("четверг", Weekday::Thu),
        ("пятницу", Weekday::Fri),
        ("субботу", Weekday::Sat),
        ("воскресенье", Weekday::Sun),
        ("一", Weekday::Mon),
        ("二", Weekday::Tue),
        ("三", Weekday::Wed),
        ("四", Weekday::Thu),
        ("五", Weekday::Fri),
        ("六", Weekday::Sat),
        ("日", Weekday::Sun),
        ("天", Weekday::Sun),
    ];
    let tail: String = w.chars().rev().take(1).collect();
    T.iter()
        .find(|(k, _)| w.contains(k) && (k.len() > 3 || tail == *k))
        .map(|(_, d)| *d)
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Fills a missing year: the reference's year, or the one before when that
/// would put the date well after the reference.
fn fill_year(d: PartialDate, reference: Option<NaiveDate>) -> PartialDate {
    if d.year.is_some() {
        return d;
    }
    let Some(r) = reference else { return d };
    let mut out = d;
    out.year = Some(r.year());
    if let Some(n) = out
        .to_naive()
        .or_else(|| NaiveDate::from_ymd_opt(r.year(), out.month.unwrap_or(1), 1))
    {
        if n > r + Duration::days(90) {
            out.year = Some(r.year() - 1);
        }
    }
    out
}

fn resolve(k: &Kind, published: Option<NaiveDate>, narrative: Option<NaiveDate>) -> Option<String> {
    let reference = narrative.or(published);
    match *k {
        Kind::Absolute(d) => fill_year(d, published).iso(),
        Kind::Range(a, b) => {
            let a = fill_year(a, published);
            let b = PartialDate {
                year: b.year.or(a.year),
                ..b
            };
            Some(format!("{}/{}", a.iso()?, b.iso()?))
        }
        Kind::MonthOfYear(m, shift) => {
            let y = published?.year() + shift;
            PartialDate::ym(y, m).iso()
        }
        Kind::Relative(r) => {
            let p = published?;
            match r {
                Rel::Today => Some(iso(reference?)),
                Rel::DaysFrom(n) => Some(iso(reference? + Duration::days(n))),
                Rel::Yesterday => Some(iso(reference? - Duration::days(1))),
                Rel::Tomorrow => Some(iso(reference? + Duration::days(1))),
                Rel::Year(s) => Some(format!("{:04}", p.year() + s)),
                Rel::Month(s) => {
                    let total = p.year() * 12 + p.month0() as i32 + s;
                    Some(format!(
                        "{:04}-{:02}",
                        total.div_euclid(12),
                        total.rem_euclid(12) + 1
                    ))
                }
                Rel::Week(s) => {
                    let monday = p - Duration::days(p.weekday().num_days_from_monday() as i64)
                        + Duration::weeks(s as i64);
                    Some(format!(
                        "{}/{}",
                        iso(monday),
                        iso(monday + Duration::days(6))
                    ))
                }
            }
        }
        Kind::Ago(n, unit) => {
            let p = published?;
            match unit {
                Unit::Day => Some(iso(p - Duration::days(n))),
                Unit::Week => Some(iso(p - Duration::weeks(n))),
                Unit::Month => {
                    let total = p.year() as i64 * 12 + p.month0() as i64 - n;
                    Some(format!(
                        "{:04}-{:02}",
                        total.div_euclid(12),
                        total.rem_euclid(12) + 1
                    ))
                }
                Unit::Year => Some(format!("{:04}", p.year() as i64 - n)),
            }
        }
        Kind::Weekday(wd, shift) => {
            let p = published?;
            let back = (p.weekday().num_days_from_monday() as i64
                - wd.num_days_from_monday() as i64)
                .rem_euclid(7);
            let d = match shift {
                1 => p + Duration::days((7 - back) % 7 + if back == 0 { 7 } else { 0 }),
                -1 => p - Duration::days(back + 7),
                _ => p - Duration::days(back),
            };
            Some(iso(d))
        }
        Kind::DayOfMonth(day) => {
            let r = reference?;
            let mut d = NaiveDate::from_ymd_opt(r.year(), r.month(), day)?;
            if d > r + Duration::days(3) {
                let prev = r.with_day(1)? - Duration::days(1);
                d = NaiveDate::from_ymd_opt(prev.year(), prev.month(), day)?;
            }
            Some(iso(d))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn guards_skip_only_patterns_that_cannot_match() {
        let g = Guards::new("Он приехал в среду, а через два дня уехал.");
        assert!(g.weekday && g.later && g.cyrillic);
        // Must not fire: no digit, no "ago", no Chinese day.
        assert!(!g.digit && !g.ago && !g.zh_day && !g.zh_range);
        let g = Guards::new("10月17日至19日，代表团访问了哈尔滨。");
        assert!(g.zh_range && g.zh_day && g.digit);
        assert!(!g.cyrillic && !g.this_year);
        // The dates found are the same as without guards.
        let d = chrono::NaiveDate::from_ymd_opt(2023, 10, 20);
        let found = date_expressions("Three days ago, on Monday, Harbin and Heihe met.", d);
        assert_eq!(found.len(), 2, "{found:?}");
    }

    use super::*;

    fn values(text: &str, published: Option<(i32, u32, u32)>) -> Vec<Option<String>> {
        let p = published.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
        date_expressions(text, p)
            .into_iter()
            .map(|d| d.value)
            .collect()
    }

    #[test]
    fn chinese_day_of_month_before_time_and_place_words() {
        // "20日在黑河举行", "9日晚": the month and year come from the publication.
        assert_eq!(
            values("仪式于北京时间20日在黑河市举行。", Some((2017, 5, 22))),
            vec![s("2017-05-20")]
        );
        assert_eq!(
            values("9日晚，双方举行会谈。", Some((2013, 10, 11))),
            vec![s("2013-10-09")]
        );
        // Must not fire: "日本" (Japan) after a number, and a full date stays whole.
        assert!(values("20日本企业参加。", Some((2017, 5, 22))).is_empty());
        assert_eq!(
            values("5月20日在黑河举行。", Some((2017, 5, 22))),
            vec![s("2017-05-20")]
        );
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn english_news_dates() {
        let v = values(
            "From October 17 to 19, the delegation toured. On the 18th, it arrived. Just today, the leaders met. In March this year, a visit took place.",
            Some((2023, 10, 20)),
        );
        assert_eq!(
            v,
            [
                s("2023-10-17/2023-10-19"),
                s("2023-10-18"),
                s("2023-10-18"),
                s("2023-03")
            ]
        );
        assert_eq!(
            values("The delegation on Monday set off.", Some((2023, 1, 12))),
            [s("2023-01-09")]
        );
        assert_eq!(
            values("last year and next month", Some((2023, 1, 12))),
            [s("2022"), s("2023-02")]
        );
    }

    #[test]
    fn russian_news_dates() {
        assert_eq!(
            values("Презентация прошла 5 августа.", Some((2021, 8, 6))),
            [s("2021-08-05")]
        );
        assert_eq!(
            values("Форум пройдет 17-19 октября.", Some((2023, 10, 1))),
            [s("2023-10-17/2023-10-19")]
        );
        assert_eq!(
            values("в прошлом году товарооборот вырос", Some((2024, 3, 1))),
            [s("2023")]
        );
        assert_eq!(values("В декабре 2022 года", None), [s("2022-12")]);
        assert_eq!(values("сегодня", None), [None]);
    }

    #[test]
    fn chinese_news_dates() {
        assert_eq!(
            values("5月19日，代表团出席论坛。", Some((2025, 5, 20))),
            [s("2025-05-19")]
        );
        assert_eq!(
            values("10月17日至19日", Some((2023, 10, 20))),
            [s("2023-10-17/2023-10-19")]
        );
        assert_eq!(
            values("上周双方举行会谈", Some((2024, 6, 14))),
            [s("2024-06-03/2024-06-09")]
        );
        assert_eq!(values("今年", Some((2024, 6, 14))), [s("2024")]);
    }

    #[test]
    fn no_year_without_a_reference() {
        assert_eq!(values("in April the delegation visited", None), [None]);
        assert_eq!(values("At the end of March this year", None), [None]);
    }

    #[test]
    fn a_claimed_span_refuses_only_overlaps() {
        let mut c = std::collections::BTreeMap::new();
        assert!(claim(&mut c, 10, 20));
        assert!(claim(&mut c, 30, 40));
        assert!(!claim(&mut c, 15, 25));
        assert!(!claim(&mut c, 5, 11));
        assert!(!claim(&mut c, 19, 31));
        assert!(claim(&mut c, 20, 30));
        assert!(claim(&mut c, 0, 10));
        assert!(claim(&mut c, 40, 41));
    }
}
