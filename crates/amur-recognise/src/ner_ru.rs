//! Open-class Russian names that neither the reference data nor the domain
//! patterns cover, found by general shape rules:
//!
//! - people: a given name alone or with a patronymic ("Надежда Николаевна"),
//!   initials and a surname ("Н. Н. Вертинской"), a capitalised word with a
//!   surname ending inside a sentence ("Сталина");
//! - organisations: names in «quotes», all-capital acronyms (НКВД) other
//!   than common nouns (СМИ, ВВП);
//! - places: a capitalised word after a locative preposition ("в Берлине").

use crate::lexicon::Lexicon;
use crate::text::{capitalised, has_cyrillic, Token};
use amur_record::chars::ToLower;

/// Kind of an open-class name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// A person.
    Person,
    /// An organisation.
    Org,
    /// A place.
    Place,
}

/// An open-class name: its byte span and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenName {
    /// Byte offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// Kind.
    pub kind: Open,
}

fn surname_like(w: &str) -> bool {
    let w = w.to_lower();
    // Adjective-like endings (-ский) are left out: alone they are mostly adjectives.
    const MORE: &[&str] = &[
        "ыну",
        "ыным",
        "ыной",
        "ове",
        "еве",
        "ине",
        "енко",
        "енка",
        "ович",
        "евич",
        "овича",
        "евича",
    ];
    w.chars().count() >= 5
        && crate::persons::RU_SURNAME_ENDINGS
            .iter()
            .chain(MORE)
            .any(|e| w.ends_with(e))
}

fn adjective_shape(w: &str) -> bool {
    let w = w.to_lower();
    [
        "ая", "ый", "ий", "ой", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
        "ую", "юю", "ых", "их", "ской", "ская",
    ]
    .iter()
    .any(|e| w.ends_with(e))
}

fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty()
        || before.ends_with(['.', '!', '?', '…', ':', '"', '«', '—', '\n'])
        || text[..at].ends_with("\n")
}

/// What the passes read: the text, its tokens, the spans other names
/// hold, and the word lists.
struct Scan<'a> {
    text: &'a str,
    toks: &'a [Token<'a>],
    taken: &'a [(usize, usize)],
    lex: &'a Lexicon,
}

impl Scan<'_> {
    fn is_taken(&self, s: usize, e: usize) -> bool {
        crate::text::overlaps_any(self.taken, s, e)
    }

    fn name(&self, from: usize, to: usize, kind: Open) -> OpenName {
        OpenName {
            start: self.toks[from].start,
            end: self.toks[to].end,
            kind,
        }
    }
}

/// A pass's answer at token `i`: the name found and the token to go on
/// from, or `None` when the pass does not apply.
type Found = Option<(OpenName, usize)>;

/// Latin-script names inside Russian text are brands and firms ("Microsoft",
/// "Tele2 Россия" keeps only "Tele2").
fn latin_brand(sc: &Scan, i: usize) -> Found {
    let (toks, text) = (sc.toks, sc.text);
    if !toks[i]
        .text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_uppercase())
    {
        return None;
    }
    let mut j = i;
    while j + 1 < toks.len()
        && !has_cyrillic(toks[j + 1].text)
        && toks[j + 1]
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && matches!(&text[toks[j].end..toks[j + 1].start], " " | "." | "-")
        && !sc.is_taken(toks[j + 1].start, toks[j + 1].end)
    {
        j += 1;
    }
    Some((sc.name(i, j, Open::Org), j + 1))
}

/// Initials and a surname: "Н. Н. Вертинской", "Б. Андржеевского".
fn initials(sc: &Scan, i: usize) -> Found {
    let (toks, text) = (sc.toks, sc.text);
    let t = &toks[i];
    let initial = |x: &Token| {
        x.text.chars().count() == 1 && capitalised(x.text) && text[x.end..].starts_with('.')
    };
    if !initial(t) {
        return None;
    }
    let j = if toks.get(i + 1).is_some_and(initial) {
        i + 2
    } else {
        i + 1
    };
    toks.get(j)
        .filter(|s| {
            capitalised(s.text) && s.text.chars().count() >= 3 && !sc.is_taken(s.start, s.end)
        })
        .map(|_| (sc.name(i, j, Open::Person), j + 1))
}

/// All-capital abbreviations: a former or unrecognised state is a place
/// (СССР), a common noun (СМИ) nothing, anything else an organisation.
fn abbreviation(sc: &Scan, i: usize) -> Found {
    let w = sc.toks[i].text;
    let len = w.chars().count();
    if sc.lex.ru_former_states.contains(w) {
        return Some((sc.name(i, i, Open::Place), i + 1));
    }
    let all_caps = w.chars().all(char::is_uppercase);
    ((2..=6).contains(&len) && all_caps && !sc.lex.ru_not_org.contains(w))
        .then(|| (sc.name(i, i, Open::Org), i + 1))
}

/// A given name (any case), with a patronymic if one follows.
fn given_name(sc: &Scan, i: usize) -> Found {
    let t = &sc.toks[i];
    let lw = t.text.to_lower().replace('ё', "е");
    let given =
        crate::persons::given_ru_pub(sc.lex, t.text).is_some() || sc.lex.given_ru.contains_key(&lw);
    if !given {
        return None;
    }
    let end = if sc
        .toks
        .get(i + 1)
        .is_some_and(|p| crate::persons::is_patronymic_pub(p.text))
    {
        i + 1
    } else {
        i
    };
    Some((sc.name(i, end, Open::Person), end + 1))
}

/// Two capitalised words that are not adjectives: a (foreign) first name
/// and surname.
fn name_pair(sc: &Scan, i: usize) -> Found {
    let (t, n) = (&sc.toks[i], sc.toks.get(i + 1)?);
    let ok = &sc.text[t.end..n.start] == " "
        && capitalised(n.text)
        && has_cyrillic(n.text)
        && n.text.chars().filter(|c| c.is_uppercase()).count() == 1
        && !sc.is_taken(n.start, n.end)
        && !adjective_shape(t.text)
        && !adjective_shape(n.text)
        && t.text.chars().count() >= 3
        && n.text.chars().count() >= 3;
    ok.then(|| (sc.name(i, i + 1, Open::Person), i + 2))
}

/// A word after a preposition of place, with the capitalised parts of a
/// hyphenated name ("в Нью-Йорке", "в Ново-Огарево"); not the first half
/// of a compound word ("в Нью-йоркском офисе").
fn after_locative(sc: &Scan, i: usize) -> Found {
    let (toks, text) = (sc.toks, sc.text);
    let t = &toks[i];
    let prev = toks.get(i.checked_sub(1)?)?;
    let hyphen_next = toks.get(i + 1).filter(|n| &text[t.end..n.start] == "-");
    let ok = sc.lex.ru_locative.contains(&prev.text.to_lower())
        && &text[prev.end..t.start] == " "
        && (t.text.chars().count() >= 3 || hyphen_next.is_some())
        && hyphen_next.is_none_or(|n| capitalised(n.text));
    if !ok {
        return None;
    }
    let mut j = i;
    while toks.get(j + 1).is_some_and(|n| {
        &text[toks[j].end..n.start] == "-" && capitalised(n.text) && !sc.is_taken(n.start, n.end)
    }) {
        j += 1;
    }
    Some((sc.name(i, j, Open::Place), j + 1))
}

/// A capitalised word with a surname ending inside a sentence ("Сталина").
fn surname_alone(sc: &Scan, i: usize) -> Found {
    let t = &sc.toks[i];
    (!sentence_start(sc.text, t.start) && surname_like(t.text))
        .then(|| (sc.name(i, i, Open::Person), i + 1))
}

/// «Quoted» names of one to five words that start with a capital or digit.
fn quoted(sc: &Scan, out: &mut Vec<OpenName>) {
    let text = sc.text;
    let mut from = 0;
    while let Some(at) = text[from..].find('«') {
        let s = from + at;
        from = s + '«'.len_utf8();
        let Some(close) = text[from..].find('»') else {
            break;
        };
        let inner = &text[from..from + close];
        let words = inner.split_whitespace().count();
        if (1..=5).contains(&words)
            && inner
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && !sc.is_taken(from, from + close)
        {
            out.push(OpenName {
                start: from,
                end: from + close,
                kind: Open::Org,
            });
        }
    }
}

/// Finds open-class names in Russian text; `taken` spans are skipped. The
/// passes are tried in order at each token; the first that applies names it.
pub fn find(text: &str, toks: &[Token], taken: &[(usize, usize)], lex: &Lexicon) -> Vec<OpenName> {
    let sc = Scan {
        text,
        toks,
        taken,
        lex,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if sc.is_taken(t.start, t.end) {
            i += 1;
            continue;
        }
        let found = if !has_cyrillic(t.text) {
            latin_brand(&sc, i)
        } else {
            let caps = t.text.chars().filter(|c| c.is_uppercase()).count();
            initials(&sc, i)
                .or_else(|| abbreviation(&sc, i))
                .or_else(|| {
                    (capitalised(t.text) && caps <= 1)
                        .then(|| {
                            given_name(&sc, i)
                                .or_else(|| name_pair(&sc, i))
                                .or_else(|| after_locative(&sc, i))
                                .or_else(|| surname_alone(&sc, i))
                        })
                        .flatten()
                })
        };
        match found {
            Some((name, next)) => {
                out.push(name);
                i = next;
            }
            None => i += 1,
        }
    }
    quoted(&sc, &mut out);
    // Longer names first, so a quoted name wins over an acronym inside it.
    out.sort_by_key(|o| (o.start, std::cmp::Reverse(o.end)));
    out.dedup_by(|a, b| a.start < b.end && b.start < a.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use amur_refdata::RefData;

    /// The open names of a text, as (surface, kind).
    fn names(text: &str) -> Vec<(String, Open)> {
        let data = RefData::embedded().unwrap();
        let lex = Lexicon::new(&data);
        let toks = crate::text::tokens(text);
        find(text, &toks, &[], &lex)
            .into_iter()
            .map(|o| (text[o.start..o.end].to_string(), o.kind))
            .collect()
    }

    fn has(text: &str, surface: &str, kind: Open) -> bool {
        names(text).iter().any(|(s, k)| s == surface && *k == kind)
    }

    #[test]
    fn latin_brands_are_organisations() {
        assert!(has("Компания Tele2 запустила сеть.", "Tele2", Open::Org));
        // Must not fire: a lower-case Latin word.
        assert!(names("Формат online прижился.").is_empty());
    }

    #[test]
    fn initials_and_a_surname_are_a_person() {
        assert!(has(
            "Роль сыграла Н. Н. Вертинская вчера.",
            "Н. Н. Вертинская",
            Open::Person
        ));
        // Must not fire: an initial with no capitalised word after it.
        assert!(!names("пункт А. и пункт Б.")
            .iter()
            .any(|(_, k)| *k == Open::Person));
    }

    #[test]
    fn abbreviations() {
        assert!(has("Сотрудники НКВД пришли.", "НКВД", Open::Org));
        assert!(has("Распад СССР изменил всё.", "СССР", Open::Place));
        // Must not fire: common nouns written in capitals.
        assert!(names("Рост ВВП и СМИ.").is_empty());
    }

    #[test]
    fn given_names_and_name_pairs() {
        assert!(has(
            "а потом Надежда Николаевна пришла.",
            "Надежда Николаевна",
            Open::Person
        ));
        assert!(has(
            "вчера выступил Харуки Мураками.",
            "Харуки Мураками",
            Open::Person
        ));
        // Must not fire: an adjective and a noun.
        assert!(!names("вчера Новая Газета вышла.")
            .iter()
            .any(|(_, k)| *k == Open::Person));
    }

    #[test]
    fn places_after_a_preposition_of_place() {
        assert!(has("Встреча прошла в Берлине.", "Берлине", Open::Place));
        assert!(has("Встреча прошла в Нью-Йорке.", "Нью-Йорке", Open::Place));
        // Must not fire: the first half of a compound word; a word after "с".
        assert!(!names("Встреча в Нью-йоркском офисе.")
            .iter()
            .any(|(_, k)| *k == Open::Place));
        assert!(!names("Разговор с Берлином.")
            .iter()
            .any(|(_, k)| *k == Open::Place));
    }

    #[test]
    fn a_surname_alone_inside_a_sentence() {
        assert!(has(
            "Книга о том, как жил Сталина сын.",
            "Сталина",
            Open::Person
        ));
        // Must not fire: at the start of a sentence.
        assert!(!has("Иванова нет.", "Иванова", Open::Person));
    }

    #[test]
    fn quoted_names_are_organisations() {
        assert!(has("Завод «Прогресс» вырос.", "Прогресс", Open::Org));
        // Must not fire: a quoted phrase in lower case.
        assert!(!has("Он сказал «да».", "да", Open::Org));
    }
}
