//! People not (necessarily) in the reference data, found by the shape of
//! their names and the titles around them:
//!
//! - English: Chinese names in pinyin ("Hao Peng": a family name from the
//!   surname list + a one- or two-syllable given name), Russian names
//!   ("Andrei Denisov": a known given name + a capitalised word), a title
//!   before a name ("Governor Kozhemyako"), a name before an appositive office
//!   ("Shelbina, the first deputy governor").
//! - Russian: Chinese names in Palladius ("Хуан Шивэй (黄世伟)"), Russian names
//!   in any case ("Владимира Ощепкова" → Владимир Ощепков), a title before a
//!   surname ("губернатором Кожемяко").
//! - Chinese: a title before a name ("省长梁惠玲", "州长科热米亚科").

use crate::lexicon::Lexicon;
use crate::text::{capitalised, has_cyrillic, is_han, Token};
use amur_record::chars::ToLower;
use amur_record::Names;
use amur_translit as tr;

/// A person name found by pattern.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonCand {
    /// Byte span of the name.
    pub start: usize,
    /// End of the name.
    pub end: usize,
    /// Canonical given name, when stated.
    pub given: Option<String>,
    /// Canonical family name.
    pub family: String,
    /// Chinese order (family name first).
    pub chinese: bool,
    /// Office stated around the name.
    pub office: Option<String>,
    /// Canonical office word of a title right before the name ("Governor").
    pub title: Option<String>,
    /// Native-script forms.
    pub names: Names,
}

impl PersonCand {
    /// The canonical full name, or the family name alone.
    pub fn full_name(&self) -> String {
        match (&self.given, self.chinese) {
            (Some(g), true) => format!("{} {g}", self.family),
            (Some(g), false) => format!("{g} {}", self.family),
            (None, _) => self.family.clone(),
        }
    }
}

/// What the person finder needs to know about the text.
pub struct Ctx<'a> {
    /// The text.
    pub text: &'a str,
    /// Its words.
    pub toks: &'a [Token<'a>],
    /// Their Russian stems ([`crate::gazetteer::stems_of`]; empty if the
    /// text has no Cyrillic).
    pub stems: &'a [String],
    /// Byte spans already claimed by known names.
    pub taken: &'a [(usize, usize)],
    /// Word lists.
    pub lex: &'a Lexicon,
    /// Russian stemmer, for inflected titles.
    pub stemmer: &'a rust_stemmers::Stemmer,
}

impl Ctx<'_> {
    fn taken(&self, t: &Token) -> bool {
        crate::text::overlaps_any(self.taken, t.start, t.end)
    }
    /// Whether tokens i and i+1 are separated by exactly one space.
    fn adjacent(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => &self.text[a.end..b.start] == " ",
            _ => false,
        }
    }
    fn between(&self, i: usize) -> &str {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => &self.text[a.end..b.start],
            _ => "",
        }
    }
}

/// Endings typical of Russian (and other post-Soviet) surnames in Latin script.
fn russian_surname_shape(w: &str) -> bool {
    let w = w.to_lower();
    const ENDS: &[&str] = &[
        "ov", "ev", "yev", "in", "yn", "ova", "eva", "ina", "yna", "sky", "skiy", "ski", "skaya",
        "ko", "enko", "uk", "yuk", "ich", "vich", "dze", "yan", "ian", "ets", "ak", "yak", "ykh",
        "ikh", "ago", "ov's", "ow", "ew",
    ];
    w.len() >= 4 && ENDS.iter().any(|e| w.ends_with(e))
}

/// Finds English person names.
pub fn find_en(cx: &Ctx) -> Vec<PersonCand> {
    let mut out: Vec<PersonCand> = Vec::new();
    let t = cx.toks;
    let mut i = 0;
    while i < t.len() {
        let tok = &t[i];
        if cx.taken(tok) || !capitalised(tok.text) || has_cyrillic(tok.text) {
            i += 1;
            continue;
        }
        // Chinese name in pinyin: family name + one- or two-syllable given name.
        if tr::is_chinese_surname(tok.text)
            && cx.adjacent(i)
            && t.get(i + 1).is_some_and(|n| {
                capitalised(n.text)
                    && !cx.taken(n)
                    && !cx.lex.is_en_stop(n.text)
                    && tr::pinyin_syllables(n.text).is_some_and(|s| (1..=2).contains(&s.len()))
            })
        {
            let n = &t[i + 1];
            // A third capitalised pinyin word means a place or firm name ("Dalian Port Yidu").
            let longer = cx.adjacent(i + 1)
                && t.get(i + 2)
                    .is_some_and(|x| capitalised(x.text) && !cx.lex.is_en_stop(x.text));
            let prev_cap = i > 0
                && cx.adjacent(i - 1)
                && capitalised(t[i - 1].text)
                && !cx.taken(&t[i - 1])
                && !is_title_en(cx, i);
            if !longer && !prev_cap {
                out.push(PersonCand {
                    start: tok.start,
                    end: n.end,
                    given: Some(cap(n.text)),
                    family: cap(tok.text),
                    chinese: true,
                    title: title_before_en(cx, i).map(|(_, c)| c),
                    ..Default::default()
                });
                i += 2;
                continue;
            }
        }
        // Russian given name + surname (an optional patronymic between).
        if cx.lex.given_en.contains_key(&tok.text.to_lower()) {
            let mut j = i + 1;
            if t.get(j).is_some_and(|p| {
                p.text.ends_with("vich") || p.text.ends_with("vna") || p.text.ends_with("ichna")
            }) && cx.adjacent(i)
            {
                j += 1;
            }
            if cx.adjacent(j - 1)
                && t.get(j).is_some_and(|s| {
                    capitalised(s.text)
                        && !cx.taken(s)
                        && !cx.lex.is_en_stop(s.text)
                        && s.text.len() >= 3
                })
            {
                let s = &t[j];
                out.push(PersonCand {
                    start: tok.start,
                    end: s.end,
                    // The article's own spelling (Andrei/Andrey) is kept.
                    given: Some(tok.text.to_string()),
                    family: s.text.trim_end_matches("'s").to_string(),
                    title: title_before_en(cx, i).map(|(_, c)| c),
                    ..Default::default()
                });
                i = j + 1;
                continue;
            }
        }
        // A title, then a name of one to three capitalised words ("Consul
        // General": the second word continues the title, it is not a name).
        let continues_title = title_before_en(cx, i + 1).is_some_and(|(s, _)| s < i);
        if let Some((tstart, canon)) = title_before_en(cx, i)
            .filter(|_| !continues_title && !cx.lex.is_title_word("en", tok.text))
        {
            let j = name_run(cx, i);
            if j > i {
                let words: Vec<&str> = t[i..j]
                    .iter()
                    .map(|x| x.text.trim_end_matches("'s"))
                    .collect();
                let (given, family) = split_name(&words);
                let office = office_before_en(cx, tstart, &canon);
                out.push(PersonCand {
                    start: t[i].start,
                    end: t[j - 1].end,
                    given,
                    family,
                    chinese: words.len() == 2 && tr::is_chinese_surname(words[0]),
                    office,
                    title: Some(canon),
                    ..Default::default()
                });
                i = j;
                continue;
            }
        }
        // A name followed by an appositive office: "Shelbina, the first deputy governor".
        if i + 1 < t.len()
            && !cx.lex.is_en_stop(tok.text)
            && (i == 0 || !capitalised(t[i - 1].text) || cx.between(i - 1).contains(','))
        {
            let j = name_run(cx, i);
            let sep = cx.between(j - 1);
            if sep.trim() == "," {
                if let Some(office) = appositive_en(cx, j) {
                    let words: Vec<&str> = t[i..j].iter().map(|x| x.text).collect();
                    let namey = words.len() >= 2
                        || russian_surname_shape(words[0])
                        || tr::is_pinyin_word(words[0]);
                    if namey {
                        let (given, family) = split_name(&words);
                        out.push(PersonCand {
                            start: t[i].start,
                            end: t[j - 1].end,
                            given,
                            family,
                            office: Some(office),
                            ..Default::default()
                        });
                        i = j;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// End of a run of up to three adjacent capitalised words from token `i`
/// (a name after a title or before an appositive).
fn name_run(cx: &Ctx, i: usize) -> usize {
    let t = cx.toks;
    let mut j = i;
    while j < t.len()
        && j < i + 3
        && capitalised(t[j].text)
        && !cx.taken(&t[j])
        && !cx.lex.is_en_stop(t[j].text)
        && (j == i || cx.adjacent(j - 1))
    {
        j += 1;
    }
    j
}

fn is_title_en(cx: &Ctx, i: usize) -> bool {
    title_before_en(cx, i).is_some()
}

fn cap(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c.flat_map(|x| x.to_lowercase()))
            .collect(),
        None => String::new(),
    }
}

/// Given and family name of a Western-order or Chinese-order name.
fn split_name(words: &[&str]) -> (Option<String>, String) {
    match words {
        [one] => (None, one.to_string()),
        [first, rest @ ..] => (Some(first.to_string()), rest.join(" ")),
        [] => (None, String::new()),
    }
}

/// A title that ends right before token `i` (its first token index, canonical word).
fn title_before_en(cx: &Ctx, i: usize) -> Option<(usize, String)> {
    if i == 0 || !cx.adjacent(i - 1) {
        return None;
    }
    let lo = i.saturating_sub(4);
    let words: Vec<&str> = cx.toks[lo..i].iter().map(|t| t.text).collect();
    let (n, title) = cx.lex.title_ending("en", &words)?;
    // "Mr." tokenises as "Mr".
    Some((
        i - n,
        if title.canonical.is_empty() {
            String::new()
        } else {
            title.canonical.clone()
        },
    ))
    .filter(|_| cx.toks[i - 1].text != "of")
}

/// "Primorsky Krai Governor" → "Governor of Primorsky Krai"; "Russian Ambassador to China" stays as written.
fn office_before_en(cx: &Ctx, title_start: usize, canon: &str) -> Option<String> {
    if canon.is_empty() {
        return None;
    }
    let t = cx.toks;
    // Capitalised words right before the title form its "of" part.
    let mut k = title_start;
    while k > 0
        && cx.adjacent(k - 1)
        && capitalised(t[k - 1].text)
        && !cx.lex.is_en_stop(t[k - 1].text)
    {
        k -= 1;
    }
    if k < title_start {
        let place = &cx.text[t[k].start..t[title_start - 1].end];
        return Some(format!("{canon} of {}", place.trim_end_matches("'s")));
    }
    Some(canon.to_string())
}

/// The office phrase after "Name, ": up to the next comma or clause verb.
fn appositive_en(cx: &Ctx, j: usize) -> Option<String> {
    let t = cx.toks;
    let mut k = j;
    while k < t.len()
        && matches!(
            t[k].text.to_lower().as_str(),
            "the" | "former" | "then" | "acting" | "a"
        )
    {
        k += 1;
    }
    let first = t.get(k)?;
    let w2: Vec<&str> = t[k..(k + 3).min(t.len())].iter().map(|x| x.text).collect();
    let titled = (1..=w2.len()).any(|n| {
        cx.lex
            .titles
            .contains_key(&("en".to_string(), w2[..n].join(" ").to_lower()))
    }) || matches!(
        first.text.to_lower().as_str(),
        "member" | "head" | "chief" | "senior" | "deputy" | "first" | "vice"
    );
    if !titled {
        return None;
    }
    let start = t[j].start;
    let rest = &cx.text[start..];
    let end = rest
        .find([',', ';', '.', '('])
        .unwrap_or(rest.len())
        .min(200);
    let phrase = rest[..end].trim();
    (!phrase.is_empty()).then(|| phrase.to_string())
}

/// Finds Russian person names.
pub fn find_ru(cx: &Ctx) -> Vec<PersonCand> {
    let mut out = Vec::new();
    let t = cx.toks;
    let mut i = 0;
    while i < t.len() {
        let tok = &t[i];
        if cx.taken(tok) || !capitalised(tok.text) || !has_cyrillic(tok.text) {
            i += 1;
            continue;
        }
        // Chinese name in Palladius, possibly with its characters in brackets.
        let surname = chinese_surname_lemma(tok.text);
        if let Some(surname) = surname.filter(|_| cx.adjacent(i)) {
            if let Some(n) = t.get(i + 1).filter(|n| capitalised(n.text) && !cx.taken(n)) {
                // A declined family name ("Чжану") declines the given name too
                // ("Ванпину" → "Ванпин"), even where the form also spells syllables.
                let declined = surname != tok.text;
                let lemma = if declined {
                    palladius_declined(n.text).or_else(|| palladius_lemma(n.text))
                } else {
                    palladius_lemma(n.text)
                };
                if let Some(given) = lemma {
                    let family_py = tr::palladius_to_pinyin(&surname);
                    let given_py = tr::palladius_to_pinyin(&given);
                    if let (Some(f), Some(g)) = (family_py, given_py) {
                        let mut end = n.end;
                        let mut zh = None;
                        let rest = &cx.text[n.end..];
                        let trimmed = rest.trim_start();
                        if let Some(inner) = trimmed
                            .strip_prefix('(')
                            .or_else(|| trimmed.strip_prefix('（'))
                        {
                            let han: String = inner.chars().take_while(|c| is_han(*c)).collect();
                            let after = &inner[han.len()..];
                            if (2..=4).contains(&han.chars().count())
                                && after.starts_with([')', '）'])
                            {
                                end = n.end
                                    + (rest.len() - trimmed.len())
                                    + 1
                                    + han.len()
                                    + after.chars().next().map_or(0, char::len_utf8);
                                zh = Some(han);
                            }
                        }
                        out.push(PersonCand {
                            start: tok.start,
                            end,
                            given: Some(g.to_string()),
                            family: f.to_string(),
                            chinese: true,
                            title: title_before_ru(cx, i),
                            names: Names {
                                en: None,
                                ru: Some(format!("{surname} {given}")),
                                zh,
                            },
                            ..Default::default()
                        });
                        i += 2;
                        continue;
                    }
                }
            }
        }
        // Russian given name (any case) + surname.
        if let Some((g, nominative)) = given_ru(cx.lex, tok.text) {
            let mut j = i + 1;
            if t.get(j).is_some_and(|p| is_patronymic(p.text)) && cx.adjacent(i) {
                j += 1;
            }
            if cx.adjacent(j - 1) {
                if let Some(s) = t.get(j).filter(|s| {
                    capitalised(s.text)
                        && has_cyrillic(s.text)
                        && !cx.taken(s)
                        && s.text.chars().count() >= 3
                }) {
                    let family_ru = surname_lemma(s.text, g.female, nominative);
                    out.push(PersonCand {
                        start: tok.start,
                        end: s.end,
                        given: Some(g.en.clone()),
                        family: tr::ru_to_latin(&family_ru),
                        title: title_before_ru(cx, i),
                        names: Names {
                            en: None,
                            ru: Some(format!("{} {family_ru}", g.ru)),
                            zh: None,
                        },
                        ..Default::default()
                    });
                    i = j + 1;
                    continue;
                }
            }
        }
        // A title, then a surname: "губернатор Кожемяко".
        if let Some(title) = title_before_ru(cx, i) {
            let lower = tok.text.to_lower();
            let institution = cx
                .lex
                .ru_heads
                .iter()
                .any(|h| lower.starts_with(h.as_str()));
            if !institution
                && russian_surname_shape_ru(tok.text)
                && (!tr::is_chinese_surname(tok.text)
                    || t.get(i + 1).is_none_or(|n| !capitalised(n.text)))
            {
                let lemma = surname_lemma(tok.text, false, false);
                out.push(PersonCand {
                    start: tok.start,
                    end: tok.end,
                    family: tr::ru_to_latin(&lemma),
                    title: Some(title),
                    names: Names {
                        en: None,
                        ru: Some(lemma),
                        zh: None,
                    },
                    ..Default::default()
                });
            }
        }
        i += 1;
    }
    out
}

/// Endings of Russian surnames in -ов/-ев/-ин/-ын, in the cases news use most.
pub(crate) const RU_SURNAME_ENDINGS: &[&str] = &[
    "ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ина", "ына", "ову", "еву", "ину", "овым", "евым",
    "иным", "овой", "евой", "иной",
];

/// Endings of Russian surnames in Cyrillic, any case, plus indeclinable ones.
fn russian_surname_shape_ru(w: &str) -> bool {
    let w = w.to_lower();
    const MORE: &[&str] = &[
        "ский",
        "ского",
        "скому",
        "ским",
        "цкий",
        "цкого",
        "ская",
        "ской",
        "ко",
        "ук",
        "юк",
        "ич",
        "ича",
        "ичу",
        "ых",
        "их",
        "ян",
        "дзе",
        "енко",
        "ец",
        "ца",
        "цу",
    ];
    w.chars().count() >= 4
        && RU_SURNAME_ENDINGS
            .iter()
            .chain(MORE)
            .any(|e| w.ends_with(e))
}

/// Whether a word is a patronymic (any case).
pub fn is_patronymic_pub(w: &str) -> bool {
    is_patronymic(w)
}

/// A Russian given name in any case.
pub fn given_ru_pub<'l>(lex: &'l Lexicon, w: &str) -> Option<&'l crate::lexicon::GivenName> {
    given_ru(lex, w).map(|(g, _)| g)
}

fn is_patronymic(w: &str) -> bool {
    let w = w.to_lower();
    ["ович", "евич", "овна", "евна", "ична", "инична"]
        .iter()
        .any(|e| w.contains(e))
        && w.len() > 8
}

/// A Russian title (any case) right before token `i`, as its canonical English word.
fn title_before_ru(cx: &Ctx, i: usize) -> Option<String> {
    if i == 0 {
        return None;
    }
    let lo = i.saturating_sub(3);
    for k in lo..i {
        let words: Vec<String> = (k..i)
            .map(|j| {
                cx.stems
                    .get(j)
                    .cloned()
                    .unwrap_or_else(|| crate::gazetteer::stem_ru(cx.stemmer, cx.toks[j].text))
            })
            .collect();
        if let Some(c) = cx.lex.ru_title_stems.get(&words.join(" ")) {
            return Some(c.clone());
        }
    }
    None
}

/// A Chinese family name in Palladius in any case ("Чжану" → "Чжан"): the
/// word, or the word without a case ending, that is a known family name.
fn chinese_surname_lemma(w: &str) -> Option<String> {
    if tr::is_chinese_surname(w) {
        return Some(w.to_string());
    }
    PALLADIUS_ENDINGS.iter().find_map(|end| {
        w.strip_suffix(end)
            .filter(|b| b.chars().count() >= 2 && tr::is_chinese_surname(b))
            .map(str::to_string)
    })
}

/// Russian case endings a Palladius name takes ("Яном", "Чжану").
const PALLADIUS_ENDINGS: &[&str] = &["ом", "ем", "ым", "ю", "у", "а", "я", "е", "ой"];

/// The nominative of a Palladius given name known to be declined: the word
/// without its case ending, when that is Palladius.
fn palladius_declined(w: &str) -> Option<String> {
    PALLADIUS_ENDINGS.iter().find_map(|end| {
        let base = w.strip_suffix(end)?;
        if base.chars().count() >= 2 && tr::is_palladius_word(base) {
            return Some(base.to_string());
        }
        let soft = format!("{base}ь");
        tr::is_palladius_word(&soft).then_some(soft)
    })
}

/// The nominative of a Palladius given name in any case ("Яном" → "Ян").
fn palladius_lemma(w: &str) -> Option<String> {
    if tr::is_palladius_word(w) {
        return Some(w.to_string());
    }
    palladius_declined(w)
}

/// A Russian given name in any case, and whether it was in the nominative.
fn given_ru<'l>(lex: &'l Lexicon, w: &str) -> Option<(&'l crate::lexicon::GivenName, bool)> {
    let lw: String = w.to_lower().replace('ё', "е");
    if let Some(g) = lex
        .given_ru
        .get(&lw)
        .or_else(|| lex.given_ru.get(&w.to_lower()))
    {
        return Some((g, true));
    }
    const ENDS: &[(&str, &[&str])] = &[
        ("ом", &["", "ь"]),
        ("ем", &["й", "ь", ""]),
        ("ой", &["а"]),
        ("ей", &["я", "ь"]),
        ("ою", &["а"]),
        ("ию", &["ия"]),
        ("ии", &["ия", "ий"]),
        ("ия", &["ий"]),
        ("ию", &["ий"]),
        ("а", &["", "ь"]),
        ("я", &["й", "ь"]),
        ("у", &["", "а"]),
        ("ю", &["й", "ь", "я"]),
        ("е", &["", "й", "а", "я", "ь"]),
        ("ы", &["а"]),
        ("и", &["я", "ь"]),
    ];
    for (end, repl) in ENDS {
        if let Some(base) = lw.strip_suffix(end) {
            for r in *repl {
                if let Some(g) = lex.given_ru.get(&format!("{base}{r}")) {
                    return Some((g, false));
                }
            }
        }
    }
    None
}

/// The nominative of a Russian surname in any case, by gender.
pub fn surname_lemma(w: &str, female: bool, nominative: bool) -> String {
    if nominative {
        return w.to_string();
    }
    let rules: &[(&str, &str)] = if female {
        &[
            ("ской", "ская"),
            ("ую", "ая"),
            ("овой", "ова"),
            ("евой", "ева"),
            ("иной", "ина"),
            ("ыной", "ына"),
            ("ой", "а"),
            ("у", "а"),
            ("е", "а"),
            ("ы", "а"),
        ]
    } else {
        &[
            ("ского", "ский"),
            ("скому", "ский"),
            ("ским", "ский"),
            ("ском", "ский"),
            ("ова", "ов"),
            ("ову", "ов"),
            ("овым", "ов"),
            ("ове", "ов"),
            ("ева", "ев"),
            ("еву", "ев"),
            ("евым", "ев"),
            ("еве", "ев"),
            ("ина", "ин"),
            ("ину", "ин"),
            ("иным", "ин"),
            ("ине", "ин"),
            ("ына", "ын"),
            ("ыну", "ын"),
            ("ыным", "ын"),
            ("ного", "ный"),
            ("ному", "ный"),
            ("ным", "ный"),
            ("ем", "ь"),
            ("ом", ""),
            ("а", ""),
            ("у", ""),
            ("е", ""),
        ]
    };
    for (end, repl) in rules {
        if let Some(base) = w.strip_suffix(end) {
            if base.chars().count() >= 2 {
                // Words ending in -а/-о that do not decline (Кожемяко) are left alone.
                if !female
                    && *end == "а"
                    && !base.ends_with(|c: char| "бвгдзклмнпрстфхцчшщж".contains(c))
                {
                    continue;
                }
                return format!("{base}{repl}");
            }
        }
    }
    w.to_string()
}

/// Characters that end a Chinese name: conjunctions, prepositions, common
/// verbs after a name, punctuation.
pub(crate) const STOP: &str =
    "在与和及等率一行会见表示说指出称介绍出席参加同共对向就将已于是的、，。；：（）()“”\"率领";

/// Finds Chinese person names after titles ("省长梁惠玲", "州长科热米亚科").
pub fn find_zh(cx: &Ctx) -> Vec<PersonCand> {
    let text = cx.text;
    let mut out = Vec::new();
    if !crate::text::has_han(text) {
        return out;
    }
    let titles = &cx.lex.zh_titles;
    // Longest titles first: of two names starting where two titles end
    // ("副省长", "省长"), the longer title's is kept.
    for (i, s) in titles.occurrences(text) {
        let canon = titles.list[i].1.as_str();
        if crate::text::overlaps_any(cx.taken, s, s + 1) {
            continue;
        }
        let rest: Vec<char> = text[s..].chars().take(8).collect();
        let Some(first) = rest.first() else { continue };
        // "市长和符拉迪沃斯托克…": a conjunction or preposition after a
        // title starts no name.
        if !is_han(*first) || STOP.contains(*first) {
            continue;
        }
        let surname2: String = rest.iter().take(2).collect();
        // Characters of transliterated foreign names (谢尔比娜, 科热米亚科): a
        // name using them is not a Chinese name even if it starts like one.
        const TRANSLIT: &str = "尔娃娜斯夫基耶科维奇洛诺克特德伊亚巴罗姆托利什谢热米琴柯茨卡列涅佐";
        // Two such characters among the next three (one alone also occurs
        // in Chinese given names: 郭世科), or a long run of transcription
        // characters (米哈廖夫).
        let translit = |k: usize| {
            rest.iter()
                .skip(1)
                .take(k)
                .filter(|c| TRANSLIT.contains(**c))
                .count()
        };
        let stop_run = rest
            .iter()
            .take_while(|c| is_han(**c) && !STOP.contains(**c))
            .count();
        let run = tr::transcribed_run(&rest[..stop_run]);
        // A middle dot joins the parts of foreign names only.
        let dotted = run >= 2
            && rest
                .get(run)
                .is_some_and(|c| matches!(c, '·' | '•' | '・' | '∙'));
        let foreign = translit(3) >= 2 || run >= 4 || (run == 3 && translit(2) >= 1) || dotted;
        let chinese_name = !foreign
            && (tr::is_chinese_surname(&first.to_string()) || tr::is_chinese_surname(&surname2));
        let n = if chinese_name {
            // Chinese name: two or three characters.
            if rest
                .get(2)
                .is_some_and(|c| is_han(*c) && !STOP.contains(*c))
            {
                3
            } else {
                2
            }
        } else {
            // A transcribed foreign name: the run of transcription characters
            // (a verb or particle after it is not part of the name), and a
            // family name after a middle dot (拉维尔·格尼亚图林).
            let dot = rest
                .get(run)
                .is_some_and(|c| matches!(c, '·' | '•' | '・' | '∙'));
            let after: Vec<char> = text[s..].chars().skip(run + 1).take(8).collect();
            let second = if dot { tr::transcribed_run(&after) } else { 0 };
            if second >= 2 {
                run + 1 + second
            } else {
                run
            }
        };
        if n < 2 {
            continue;
        }
        let name: String = text[s..].chars().take(n).collect();
        let end = s + name.len();
        // A known name (a place, a person) is not part of a new one.
        if crate::text::overlaps_any(cx.taken, s, end) {
            continue;
        }
        let py = tr::han_to_pinyin_name(&name);
        let (family, given, chinese) = match py.as_deref().and_then(|p| p.split_once(' ')) {
            Some((f, g)) if chinese_name => (f.to_string(), Some(g.to_string()), true),
            _ => {
                // The family name is the part after the dot, if any.
                let fam = name.rsplit(['·', '•', '・']).next().unwrap_or(&name);
                (
                    tr::zh_transcription_to_latin(fam).unwrap_or_else(|| name.clone()),
                    None,
                    false,
                )
            }
        };
        out.push(PersonCand {
            start: s,
            end,
            given,
            family,
            chinese,
            title: Some(canon.to_string()),
            office: Some(canon.to_string()),
            names: Names {
                en: None,
                ru: None,
                zh: Some(name),
            },
        });
    }
    out.sort_by_key(|p| p.start);
    out.dedup_by(|a, b| a.start < b.end && b.start < a.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_transcribed_foreign_names_after_titles() {
        let lex = Lexicon::new(&amur_refdata::RefData::embedded().expect("embedded data"));
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Russian);
        let find = |text: &str| {
            let toks = crate::text::tokens(text);
            let cx = Ctx {
                text,
                toks: &toks,
                stems: &[],
                taken: &[],
                lex: &lex,
                stemmer: &stemmer,
            };
            find_zh(&cx)
        };
        // A Chinese given name may hold one character common in transcriptions.
        let p = find("佳木斯市长郭世科率领代表团。");
        assert!(p.iter().any(|p| p.chinese && p.family == "Guo"), "{p:?}");
        // Must not fire as Chinese: a transcribed Russian surname.
        let p = find("副主席谢尔比娜表示。");
        assert!(p.iter().all(|p| !p.chinese), "{p:?}");
        // A transcribed name ends before the verb and is written in Latin letters.
        let p = find("副主席舍斯塔科夫递给记者一份文件。");
        assert!(p.iter().any(|p| p.family == "Shestakov"), "{p:?}");
        let p = find("副主席谢尔盖·扎哈罗夫表示。");
        assert!(
            p.iter().any(|p| p.family == "Zakharov" && !p.chinese),
            "{p:?}"
        );
    }

    #[test]
    fn surname_lemmas() {
        assert_eq!(surname_lemma("Ощепкова", false, false), "Ощепков");
        assert_eq!(surname_lemma("Кожемяко", false, false), "Кожемяко");
        assert_eq!(surname_lemma("Щербиной", true, false), "Щербина");
        assert_eq!(surname_lemma("Орловым", false, false), "Орлов");
        assert_eq!(surname_lemma("Ощепков", false, true), "Ощепков");
    }
}
