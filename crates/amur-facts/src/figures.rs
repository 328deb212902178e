//! Trade and investment figures: values with scale words and currencies,
//! changes in percent, periods, flows, targets, reporter and partner.

use crate::Ctx;
use amur_dates::words::first_word_captures;
use amur_record::chars::ToLower;
use amur_record::{EntityId, Figure, FigureKind, Flow};
use amur_refdata::MarkerKind;
use chrono::Datelike;
use regex::Regex;
use std::sync::LazyLock;

fn re(s: &str) -> Regex {
    Regex::new(s).expect("static regex")
}

static MONEY_EN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(US\$|\$|USD\s?|RMB\s?|¥|€)?\s?(\d[\d,]*(?:\.\d+)?)\s*(trillion|billion|bn|million|mln|mn|thousand|трлн|млрд|млн|тыс)?\s*(US dollars|U\.S\. dollars|dollars|USD|yuan|RMB|rubles|roubles|euros?)?",
    )
});
static MONEY_RU: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(\d[\d\u{a0} ]*(?:,\d+)?)\s*(трлн|триллион\w*|млрд|миллиард\w*|млн|миллион\w*|тыс)?\.?\s*((?:\d[\d\u{a0} ]*(?:,\d+)?\s*(?:млрд|млн|тыс)\.?\s*){0,2})(?:американск\w*\s+)?(долл\w*\.?(?:\s*США)?|\$|руб\w*\.?|юан\w*|евро)",
    )
});
static MONEY_ZH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\d+(?:\.\d+)?)\s*(万亿|千亿|亿|千万|万)?\s*((?:\d+(?:\.\d+)?\s*(?:千万|万)\s*)?)(美元|元|人民币|卢布|欧元)",
    )
});
/// One smaller part of a compound amount ("341 млн", "5000万").
static PART: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\d[\d\u{a0} ]*(?:,\d+)?)\s*(млрд|млн|тыс|千万|万)"));
static BY_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(?:by|к)\s+(\d{4})"));
static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(\d+(?:[.,]\d+)?)\s*(%|％|percent|per cent|процент\w*)"));

/// A money amount found in text.
#[derive(Debug, Clone, PartialEq)]
struct Amount {
    start: usize,
    end: usize,
    value: f64,
    unit: &'static str,
}

fn number(s: &str) -> Option<f64> {
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    // "1,234" is thousands, "1,1" and "38,7" are decimals.
    let cleaned = if s.contains('.') {
        s.replace(',', "")
    } else if let Some((a, b)) = s.rsplit_once(',') {
        if b.len() == 3 && !a.is_empty() {
            s.replace(',', "")
        } else {
            format!("{}.{b}", a.replace(',', ""))
        }
    } else {
        s
    };
    cleaned.parse().ok()
}

fn scale(w: &str) -> f64 {
    let w = w.to_lower();
    match w.as_str() {
        "trillion" | "трлн" | "万亿" => 1e12,
        "千亿" => 1e11,
        "billion" | "bn" | "млрд" => 1e9,
        "亿" => 1e8,
        "千万" => 1e7,
        "million" | "mln" | "mn" | "млн" => 1e6,
        "万" => 1e4,
        "thousand" | "тыс" => 1e3,
        w if w.starts_with("триллион") => 1e12,
        w if w.starts_with("миллиард") => 1e9,
        w if w.starts_with("миллион") => 1e6,
        _ => 1.0,
    }
}

fn currency(w: &str) -> &'static str {
    let w = w.to_lower();
    if w.contains("dollar")
        || w.contains("usd")
        || w.contains('$')
        || w.starts_with("долл")
        || w.contains("美元")
    {
        "USD"
    } else if w.contains("yuan")
        || w.contains("rmb")
        || w.contains('¥')
        || w.starts_with("юан")
        || w.contains("元")
        || w.contains("人民币")
    {
        "CNY"
    } else if w.contains("rub") || w.contains("roub") || w.starts_with("руб") || w.contains("卢布")
    {
        "RUB"
    } else if w.contains("euro") || w.contains('€') || w.contains("евро") || w.contains("欧元")
    {
        "EUR"
    } else {
        ""
    }
}

fn amounts(text: &str, (s, e): (usize, usize)) -> Vec<Amount> {
    let t = &text[s..e];
    let mut out: Vec<Amount> = Vec::new();
    let push = |a: Amount, out: &mut Vec<Amount>| {
        if out.iter().all(|b| a.end <= b.start || b.end <= a.start) {
            out.push(a);
        }
    };
    // Chinese and Russian amounts: number, optional scale word, currency.
    for re in [&*MONEY_ZH, &*MONEY_RU] {
        for c in re.captures_iter(t) {
            let (Some(n), Some(m)) = (number(&c[1]), c.get(0)) else {
                continue;
            };
            let sc = c.get(2).map_or(1.0, |x| scale(x.as_str()));
            // "360 млн 279,7 тыс долл", "3亿5000万美元": a second, smaller part.
            let rest: f64 = c.get(3).map_or(0.0, |x| {
                PART.captures_iter(x.as_str())
                    .filter_map(|p| Some(number(p.get(1)?.as_str())? * scale(p.get(2)?.as_str())))
                    .sum()
            });
            push(
                Amount {
                    start: s + m.start(),
                    end: s + m.end(),
                    value: n * sc + rest,
                    unit: currency(&c[4]),
                },
                &mut out,
            );
        }
    }
    for c in MONEY_EN.captures_iter(t) {
        let prefix = c.get(1).map(|x| x.as_str()).unwrap_or("");
        let suffix = c.get(4).map(|x| x.as_str()).unwrap_or("");
        if prefix.is_empty() && suffix.is_empty() {
            continue;
        }
        let (Some(n), Some(m)) = (number(&c[2]), c.get(0)) else {
            continue;
        };
        let sc = c.get(3).map_or(1.0, |x| scale(x.as_str()));
        let unit = currency(if suffix.is_empty() { prefix } else { suffix });
        let start = c.get(1).or(c.get(2)).map_or(m.start(), |x| x.start());
        push(
            Amount {
                start: s + start,
                end: s + m.end(),
                value: n * sc,
                unit,
            },
            &mut out,
        );
    }
    out.sort_by_key(|a| a.start);
    out
}

/// Percentages with their sign, in a byte span.
fn percents(cx: &Ctx, (s, e): (usize, usize)) -> Vec<(usize, f64)> {
    let text = cx.doc.text;
    let mut out = Vec::new();
    for c in PERCENT.captures_iter(&text[s..e]) {
        let (Some(m), Some(v)) = (c.get(0), number(&c[1])) else {
            continue;
        };
        let at = s + m.start();
        let before = &text[s..at];
        let window_start = before
            .char_indices()
            .rev()
            .nth(60)
            .map_or(s, |(i, _)| s + i);
        let lower = text[window_start..at].to_lower();
        // A share ("accounts for 30%") is not a change.
        if ["share", "account", "доля", "долю", "占", "比重"]
            .iter()
            .any(|w| lower.contains(w))
        {
            continue;
        }
        let inc = cx
            .markers_in((window_start, at))
            .filter(|h| h.class == MarkerKind::Increase)
            .map(|h| h.start)
            .max();
        let dec = cx
            .markers_in((window_start, at))
            .filter(|h| h.class == MarkerKind::Decrease)
            .map(|h| h.start)
            .max();
        // "на 15% больше": a comparative right after the number.
        let after_end = (s + m.end() + 24).min(e);
        let after_end = (after_end..=e)
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(e);
        let after = |class: MarkerKind| {
            cx.markers_in((s + m.end(), after_end))
                .any(|h| h.class == class)
        };
        let (inc, dec) = match (inc, dec) {
            (None, None) if after(MarkerKind::Increase) => (Some(at), None),
            (None, None) if after(MarkerKind::Decrease) => (None, Some(at)),
            x => x,
        };
        let sign = match (inc, dec) {
            (Some(i), Some(d)) if d > i => -1.0,
            (None, Some(_)) => -1.0,
            (None, None) => continue,
            _ => 1.0,
        };
        out.push((at, sign * v));
    }
    out
}

static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(\d{4}))?|Q([1-4])\s*(\d{4})?|(перв|втор|трет|четв[её]рт)\w*\s+квартал\w*(?:\s+(\d{4}))?|(第?[一二三四1-4])季度",
    )
});
static HALF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(first|second)\s+half(?:\s+of)?(?:\s+(\d{4}))?|(перв|втор)\w*\s+полугоди\w*(?:\s+(\d{4}))?|(?:(\d{4})年)?(上|下)半年",
    )
});
static FIRST_MONTHS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)first\s+(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months(?:\s+of\s+(\d{4}))?|за\s+(\d{1,2}|два|три|четыре|пять|шесть|семь|восемь|девять|десять|одиннадцать)\s+месяц\w*(?:\s+(\d{4}))?|前(\d{1,2}|[一二三四五六七八九十]{1,2})个月",
    )
});
static MONTH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(январ\w*|january|jan)\s*(?:[-–—]|to|through|по)\s*([a-zа-яё]{3,9})(?:\s+(\d{4}))?|(?:(\d{4})年)?\s*(\d{1,2})\s*[-—–至到~]\s*(\d{1,2})\s*月",
    )
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:in|for|by|of|during)\s+(\d{4})(?-u:\b)|(?:в|за|к|по итогам)\s+(\d{4})\s+г|(\d{4})\s*年",
    )
});

fn word_num(w: &str) -> Option<u32> {
    let w = w.to_lower();
    if let Ok(n) = w.parse() {
        return Some(n);
    }
    const EN: &[&str] = &[
        "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    ];
    const RU: &[&str] = &[
        "",
        "один",
        "два",
        "три",
        "четыре",
        "пять",
        "шесть",
        "семь",
        "восемь",
        "девять",
        "десять",
        "одиннадцать",
    ];
    const ZH: &[&str] = &[
        "", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一",
    ];
    EN.iter()
        .position(|x| *x == w)
        .or_else(|| RU.iter().position(|x| *x == w))
        .or_else(|| ZH.iter().position(|x| *x == w))
        .map(|n| n as u32)
}

/// The reporting period stated in a span, with "this year" resolved.
fn period(cx: &Ctx, (s, e): (usize, usize)) -> Option<String> {
    let t = &cx.doc.text[s..e];
    let lower = t.to_lower();
    let this_year = [
        "this year",
        "этого года",
        "текущего года",
        "этом году",
        "今年",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let last_year = ["last year", "прошлого года", "прошлом году", "去年"]
        .iter()
        .any(|w| lower.contains(w));
    let ref_year = |stated: Option<&str>| -> Option<i32> {
        stated.and_then(|y| y.parse().ok()).or_else(|| {
            let p = cx.doc.published?;
            if this_year {
                Some(p.year())
            } else if last_year
                && !lower.contains("same period")
                && !lower.contains("аналогичн")
                && !lower.contains("同比")
            {
                Some(p.year() - 1)
            } else {
                None
            }
        })
    };
    // A part of a year with no year stated is the latest one completed by
    // publication ("in the first half", reported in July: this year's).
    let latest = |end_month: u32| -> Option<i32> {
        let p = cx.doc.published?;
        Some(if end_month <= p.month() {
            p.year()
        } else {
            p.year() - 1
        })
    };
    if let Some(c) = first_word_captures(&QUARTER, t) {
        let q = c
            .get(1)
            .or(c.get(3))
            .or(c.get(5))
            .or(c.get(7))
            .map(|x| x.as_str().to_lower())
            .unwrap_or_default();
        let n = match q.trim_start_matches('第') {
            x if x.starts_with("first")
                || x.starts_with("1")
                || x.starts_with("перв")
                || x == "一" =>
            {
                1
            }
            x if x.starts_with("second")
                || x.starts_with("2")
                || x.starts_with("втор")
                || x == "二" =>
            {
                2
            }
            x if x.starts_with("third")
                || x.starts_with("3")
                || x.starts_with("трет")
                || x == "三" =>
            {
                3
            }
            _ => 4,
        };
        let y = ref_year(c.get(2).or(c.get(4)).or(c.get(6)).map(|x| x.as_str()))
            .or_else(|| latest(3 * n));
        return Some(match y {
            Some(y) => format!("{y:04}-Q{n}"),
            None => format!("Q{n}"),
        });
    }
    if let Some(c) = first_word_captures(&HALF, t) {
        let which = c
            .get(1)
            .or(c.get(3))
            .or(c.get(6))
            .map(|x| x.as_str().to_lower())
            .unwrap_or_default();
        let (m1, m2) = if which.starts_with("first") || which.starts_with("перв") || which == "上"
        {
            (1, 6)
        } else {
            (7, 12)
        };
        let y =
            ref_year(c.get(2).or(c.get(4)).or(c.get(5)).map(|x| x.as_str())).or_else(|| latest(m2));
        return Some(match y {
            Some(y) => format!("{y:04}-{m1:02}/{y:04}-{m2:02}"),
            None => format!("{m1:02}/{m2:02}"),
        });
    }
    if let Some(c) = first_word_captures(&FIRST_MONTHS, t) {
        let n = c
            .get(1)
            .or(c.get(3))
            .or(c.get(5))
            .and_then(|x| word_num(x.as_str()))?;
        let y = ref_year(c.get(2).or(c.get(4)).map(|x| x.as_str())).or_else(|| latest(n));
        return Some(match y {
            Some(y) => format!("{y:04}-01/{y:04}-{n:02}"),
            None => format!("01/{n:02}"),
        });
    }
    if let Some(c) = first_word_captures(&MONTH_RANGE, t) {
        let (m1, m2, stated) = if let Some(a) = c.get(1) {
            (
                amur_dates::month_from_word(a.as_str())?,
                amur_dates::month_from_word(&c[2])?,
                c.get(3).map(|x| x.as_str()),
            )
        } else {
            (
                c[5].parse().ok()?,
                c[6].parse().ok()?,
                c.get(4).map(|x| x.as_str()),
            )
        };
        let y = ref_year(stated).or_else(|| cx.doc.published.map(|p| p.year()));
        return Some(match y {
            Some(y) => format!("{y:04}-{m1:02}/{y:04}-{m2:02}"),
            None => format!("{m1:02}/{m2:02}"),
        });
    }
    if let Some(c) = first_word_captures(&YEAR, t) {
        let y = c
            .get(1)
            .or(c.get(2))
            .or(c.get(3))
            .map(|x| x.as_str().to_string());
        if let Some(y) = y.filter(|y| y.parse::<i32>().is_ok_and(|v| (1990..=2100).contains(&v))) {
            return Some(y);
        }
    }
    if this_year || last_year {
        return ref_year(None).map(|y| format!("{y:04}"));
    }
    None
}

/// Reporter and partner of a figure in a sentence.
fn sides(
    cx: &Ctx,
    sent: (usize, usize),
    seg: (usize, usize),
    flow: Option<Flow>,
) -> (Option<EntityId>, Option<EntityId>) {
    let text = cx.doc.text;
    // The amount's own segment first ("… and imports from Russia — 30 billion").
    let scope = if cx
        .mentions_in(seg)
        .any(|m| crate::Ctx::is_place(cx.entity(m)))
    {
        seg
    } else {
        sent
    };
    let places: Vec<(usize, EntityId, String)> = cx
        .mentions_in(scope)
        .filter_map(|m| {
            let e = cx.entity(m);
            if !crate::Ctx::is_place(e) || e.kind == amur_record::EntityType::MacroRegion {
                return None;
            }
            Some((m.start, e.id.clone(), cx.country(e)?))
        })
        .collect();
    let before = |at: usize, words: &[&str]| {
        let b = text[sent.0..at].trim_end().to_lower();
        words.iter().any(|w| b.ends_with(w))
    };
    // "exports from X to Y", "imports from Y".
    let from = places
        .iter()
        .find(|(at, _, _)| before(*at, &["from", "из", "从", "с"]));
    let to = places
        .iter()
        .find(|(at, _, _)| before(*at, &["to", "в", "на", "对", "向"]));
    let other_side = |side: &str| -> Option<EntityId> {
        let want = if side == "RU" { "CN" } else { "RU" };
        places
            .iter()
            .find(|(_, _, c)| c == want)
            .map(|(_, id, _)| id.clone())
            .or_else(|| anaphor(cx, sent, want))
            .or_else(|| cx.country_entity(want))
    };
    match (flow, from, to) {
        (Some(Flow::Export), Some(f), t) => {
            let partner = t.map(|x| x.1.clone()).or_else(|| other_side(&f.2));
            return (Some(f.1.clone()), partner);
        }
        (Some(Flow::Import), Some(f), _) => return (other_side(&f.2), Some(f.1.clone())),
        _ => {}
    }
    let cn = places.iter().find(|(_, _, c)| c == "CN");
    let ru = places.iter().find(|(_, _, c)| c == "RU");
    match (cn, ru) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                (Some(a.1.clone()), Some(b.1.clone()))
            } else {
                (Some(b.1.clone()), Some(a.1.clone()))
            }
        }
        (Some(a), None) => (Some(a.1.clone()), other_side("CN")),
        (None, Some(b)) => {
            let reporter = anaphor(cx, sent, "CN").or_else(|| cx.country_entity("CN"));
            match reporter {
                Some(r) => (Some(r), Some(b.1.clone())),
                None => (Some(b.1.clone()), None),
            }
        }
        (None, None) => (cx.country_entity("CN"), cx.country_entity("RU")),
    }
}

/// "the province", "провинция", "该省" → the article's main region of that country.
fn anaphor(cx: &Ctx, (s, e): (usize, usize), country: &str) -> Option<EntityId> {
    let t = cx.doc.text[s..e].to_lower();
    let raw = &cx.doc.text[s..e];
    let (phrases, ru_stems): (&[&str], &[&str]) = if country == "CN" {
        (&["the province", "该省", "全省", "本省"], &["провинци"])
    } else {
        (
            &[
                "the region",
                "the krai",
                "the territory",
                "该州",
                "全州",
                "本州",
                "该边疆区",
            ],
            &["кра", "област", "регион"],
        )
    };
    let said =
        phrases.iter().any(|w| t.contains(w)) || ru_stems.iter().any(|stem| ru_anaphor(raw, stem));
    if said {
        cx.main_region(country)
    } else {
        None
    }
}

/// A Russian word for "the region" standing alone ("экспорт края вырос"):
/// a whole word on the stem, not part of a name ("Приморского края",
/// "Амурская область") and not another word ("крайне").
fn ru_anaphor(text: &str, stem: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "", "й", "я", "ю", "ем", "е", "ь", "и", "ью", "ям", "ях", "а", "у", "ом", "ов", "ы",
    ];
    let words: Vec<&str> = text
        .split(|c: char| !amur_record::chars::is_alphanumeric(c) && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        let lw = w.to_lower();
        let whole = lw
            .strip_prefix(stem)
            .is_some_and(|rest| ENDINGS.contains(&rest) && !(stem == "кра" && rest.is_empty()));
        // A capitalised adjective before it makes it part of a region's name.
        let named = i > 0 && {
            let prev = words[i - 1];
            let lp = prev.to_lower();
            prev.chars().next().is_some_and(char::is_uppercase)
                && [
                    "ого", "ой", "ий", "ая", "ый", "ом", "ую", "ие", "их", "ым", "ей",
                ]
                .iter()
                .any(|e| lp.ends_with(e))
        };
        whole && !named
    })
}

/// Every trade and investment figure.
pub fn find(cx: &Ctx) -> Vec<Figure> {
    let text = cx.doc.text;
    let mut out: Vec<Figure> = Vec::new();
    let mut last_period: Option<(usize, String)> = None;
    // The sentence of the last figure with a value.
    let mut last_value_sentence: Option<usize> = None;
    for (si, &sent) in cx.sentences.iter().enumerate() {
        let trade = cx.has_marker(sent, MarkerKind::Trade)
            || cx.has_marker(sent, MarkerKind::Turnover)
            || cx.has_marker(sent, MarkerKind::Export)
            || cx.has_marker(sent, MarkerKind::Import);
        let invest = cx.has_marker(sent, MarkerKind::Investment);
        if !trade && !invest {
            continue;
        }
        let own_period = period(cx, sent);
        if let Some(p) = &own_period {
            last_period = Some((si, p.clone()));
        }
        let kind = if trade {
            FigureKind::Trade
        } else {
            FigureKind::Investment
        };
        let amts = amounts(text, sent);
        // "218.9 billion yuan (about 30.8 billion U.S. dollars)": the second is a conversion.
        let amts: Vec<Amount> = amts
            .iter()
            .enumerate()
            .filter(|(k, a)| {
                *k == 0
                    || !text[amts[k - 1].end..a.start]
                        .trim_start()
                        .starts_with(['(', '（'])
            })
            .map(|(_, a)| a.clone())
            .collect();
        let pcts = percents(cx, sent);
        let inherited = last_period
            .as_ref()
            .filter(|(i, _)| si - i <= 2)
            .map(|(_, p)| p.clone());
        let flow_at = |at: usize, lo: usize| -> Option<Flow> {
            let best = cx
                .markers_in((lo, at))
                .filter(|h| {
                    matches!(
                        h.class,
                        MarkerKind::Export | MarkerKind::Import | MarkerKind::Turnover
                    )
                })
                .max_by_key(|h| (h.end, h.end - h.start))?;
            Some(match best.class {
                MarkerKind::Export => Flow::Export,
                MarkerKind::Import => Flow::Import,
                _ => Flow::Turnover,
            })
        };
        let target_in = |span: (usize, usize)| {
            cx.has_marker(span, MarkerKind::Target) || {
                let t = &text[span.0..span.1];
                cx.doc.published.is_some_and(|p| {
                    first_word_captures(&BY_YEAR, t)
                        .and_then(|c| c[1].parse::<i32>().ok())
                        .is_some_and(|y| y >= p.year())
                })
            }
        };
        let mut used = vec![false; pcts.len()];
        let bounds: Vec<usize> = amts
            .iter()
            .map(|a| a.start)
            .chain(std::iter::once(sent.1))
            .collect();
        for (k, a) in amts.iter().enumerate() {
            if a.unit.is_empty() {
                continue;
            }

            let lo = if k == 0 { sent.0 } else { amts[k - 1].end };
            let hi = bounds[k + 1];
            // The change that belongs to this amount: in its segment, nearest to it.
            let pick = pcts
                .iter()
                .enumerate()
                .filter(|(i, (at, _))| !used[*i] && *at >= lo && *at < hi)
                .min_by_key(|(_, (at, _))| at.abs_diff(a.start))
                .map(|(i, (_, v))| (i, *v));
            if let Some((i, _)) = pick {
                used[i] = true;
            }
            let flow = if kind == FigureKind::Trade {
                flow_at(a.start, lo)
                    .or_else(|| flow_at(hi, a.end))
                    .or(Some(Flow::Turnover))
            } else {
                None
            };
            let target = target_in((lo, hi.max(a.end)));
            let (reporter, partner) = sides(cx, sent, (lo, hi.max(a.end)), flow);
            last_value_sentence = Some(si);
            out.push(Figure {
                kind,
                flow,
                value: Some(a.value),
                unit: Some(a.unit.to_string()),
                change_pct: pick.map(|(_, v)| v),
                period: own_period.clone().or_else(|| inherited.clone()),
                target,
                reporter,
                partner,
                evidence: cx.span(sent),
            });
        }
        // A change without a value ("an increase of 74 percent").
        for (i, (_, v)) in pcts.iter().enumerate() {
            if used[i] || !amts.is_empty() {
                continue;
            }
            let flow = if kind == FigureKind::Trade {
                flow_at(sent.1, sent.0).or(Some(Flow::Turnover))
            } else {
                None
            };
            // "… reached $12.5 billion. This is 131.9 % more than a year ago.": the
            // change of the amount told in the sentence before.
            if let Some(prev) = out.last_mut().filter(|f| {
                f.change_pct.is_none()
                    && f.kind == kind
                    && (f.flow == flow || flow == Some(Flow::Turnover))
                    && last_value_sentence == Some(si.wrapping_sub(1))
            }) {
                prev.change_pct = Some(*v);
                break;
            }
            let (reporter, partner) = sides(cx, sent, sent, flow);
            out.push(Figure {
                kind,
                flow,
                value: None,
                unit: None,
                change_pct: Some(*v),
                period: own_period.clone().or_else(|| inherited.clone()),
                target: false,
                reporter,
                partner,
                evidence: cx.span(sent),
            });
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_anaphors_are_whole_words() {
        assert!(ru_anaphor("Экспорт края вырос на 10%.", "кра"));
        assert!(ru_anaphor("Товарооборот региона составил", "регион"));
        // Must not fire: part of a name, or another word.
        assert!(!ru_anaphor("Товарооборот Приморского края вырос.", "кра"));
        assert!(!ru_anaphor("Ситуация крайне сложная.", "кра"));
    }

    #[test]
    fn compound_amounts_and_foreign_scales() {
        let v = |t: &str| amounts(t, (0, t.len())).first().map(|a| (a.value, a.unit));
        assert_eq!(
            v("составил 360 млн 279,7 тыс долл. США"),
            Some((360_279_700.0, "USD"))
        );
        assert_eq!(v("达到3亿5000万美元"), Some((350_000_000.0, "USD")));
        assert_eq!(
            v("составил 1 млрд 341 млн 718,7 тыс американских долларов"),
            Some((1_341_718_700.0, "USD"))
        );
        assert_eq!(v("товарооборот $7,5 млрд"), Some((7_500_000_000.0, "USD")));
        // Must not fire: a bare number and a count of things are not money.
        assert_eq!(v("360 млн человек"), None);
        assert_eq!(v("in 2024 there were 15 flights"), None);
    }

    #[test]
    fn numbers_and_scales() {
        assert_eq!(number("53.845"), Some(53.845));
        assert_eq!(number("1,1"), Some(1.1));
        assert_eq!(number("1,234"), Some(1234.0));
        assert_eq!(number("38,7"), Some(38.7));
        let t = "reaching 53.845 billion US dollars; 1,1 млрд долларов; 61.8亿元; $5 million";
        let a = amounts(t, (0, t.len()));
        let v: Vec<(f64, &str)> = a.iter().map(|a| (a.value, a.unit)).collect();
        assert_eq!(
            v,
            [
                (53_845_000_000.0, "USD"),
                (1_100_000_000.0, "USD"),
                (6_180_000_000.0, "CNY"),
                (5_000_000.0, "USD")
            ]
        );
    }
}
