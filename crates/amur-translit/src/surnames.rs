//! The table of common Chinese family names (`data/lexicon/zh_surnames.tsv`),
//! read through `amur-refdata`'s reader from the embedded copy and parsed
//! once. Rows that break the spelling rules are `file:line` problems
//! ([`surname_problems`]), reported by `amur refdata check`.

use crate::han::is_han;
use crate::palladius::palladius_word_syllables;
use crate::syllables::pinyin_syllables;
use amur_refdata::{Problem, Row, Table as Tsv};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::LazyLock;

/// The file's path under `data/`.
const FILE: &str = "lexicon/zh_surnames.tsv";

/// One surname row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Surname {
    /// Simplified characters.
    pub(crate) han: String,
    /// Pinyin as written in the table ("Huang", "Lü", "Ouyang").
    pub(crate) pinyin: String,
    /// Palladius spelling ("Хуан").
    pub(crate) palladius: String,
    /// Traditional characters, when they differ.
    pub(crate) traditional: Option<String>,
}

/// The parsed table with its lookup indexes.
pub(crate) struct Table {
    pub(crate) rows: Vec<Surname>,
    /// Rows that could not be read and were left out, as `file:line` problems.
    pub(crate) problems: Vec<Problem>,
    /// Simplified or traditional characters → row index.
    by_han: HashMap<String, usize>,
    /// Canonical lower-case pinyin ("lü", "ouyang").
    pinyin: HashSet<String>,
    /// Lower-case Palladius.
    palladius: HashSet<String>,
}

pub(crate) static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut problems = Vec::new();
    let text = amur_refdata::embedded_text(FILE).unwrap_or("");
    let tsv = amur_refdata::tsv::parse(FILE, text, &mut problems);
    let mut table = parse(&tsv);
    problems.append(&mut table.problems);
    table.problems = problems;
    table
});

fn all_han(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_han)
}

/// Canonical form of a pinyin word: its syllables joined, lower case.
fn canonical_pinyin(word: &str) -> Option<String> {
    pinyin_syllables(word).map(|s| s.concat())
}

/// Reads one data row. The pinyin must have one syllable per character and
/// agree with the Palladius column, so a typo cannot slip in unnoticed.
fn parse_row(t: &Tsv, row: &Row) -> Result<Surname, String> {
    let (han, pinyin, palladius, traditional) = (
        t.raw(row, "han"),
        t.raw(row, "pinyin"),
        t.raw(row, "palladius"),
        t.raw(row, "traditional"),
    );
    if !all_han(han) {
        return Err(format!("{han:?} is not Han characters"));
    }
    let chars = han.chars().count();
    let syllables = pinyin_syllables(pinyin).ok_or_else(|| format!("{pinyin:?} is not pinyin"))?;
    if !(1..=2).contains(&chars) || syllables.len() != chars {
        return Err(format!("{han}: one or two characters, one syllable each"));
    }
    // The Russian column must spell the same syllables.
    if palladius_word_syllables(palladius).is_none_or(|p| p != syllables) {
        return Err(format!(
            "{palladius:?} does not spell {pinyin:?} in Palladius"
        ));
    }
    let traditional = match traditional {
        "-" => None,
        t if all_han(t) && t.chars().count() == chars => Some(t.to_string()),
        t => return Err(format!("traditional {t:?} does not match {han}")),
    };
    Ok(Surname {
        han: han.to_string(),
        pinyin: pinyin.to_string(),
        palladius: palladius.to_string(),
        traditional,
    })
}

fn parse(tsv: &Tsv) -> Table {
    let mut table = Table {
        rows: Vec::new(),
        problems: Vec::new(),
        by_han: HashMap::new(),
        pinyin: HashSet::new(),
        palladius: HashSet::new(),
    };
    for r in tsv.rows() {
        let row = match parse_row(tsv, r) {
            Ok(row) => row,
            Err(message) => {
                table.problems.push(tsv.problem(r, message));
                continue;
            }
        };
        let index = table.rows.len();
        table.by_han.entry(row.han.clone()).or_insert(index);
        if let Some(t) = &row.traditional {
            table.by_han.entry(t.clone()).or_insert(index);
        }
        if let Some(p) = canonical_pinyin(&row.pinyin) {
            table.pinyin.insert(p);
        }
        table.palladius.insert(row.palladius.to_lowercase());
        table.rows.push(row);
    }
    table
}

/// The problems in a surname table (`lexicon/zh_surnames.tsv`, as read by
/// `amur-refdata`): rows whose characters, pinyin and Palladius disagree.
pub fn surname_problems(tsv: &Tsv) -> Vec<Problem> {
    parse(tsv).problems
}

/// The surname row for these characters (simplified or traditional).
pub(crate) fn lookup_han(han: &str) -> Option<&'static Surname> {
    let table = &*TABLE;
    table.by_han.get(han).and_then(|&i| table.rows.get(i))
}

/// Whether `w` (a word, pinyin/Latin or Palladius/Cyrillic or Han) is a
/// common Chinese family name per `zh_surnames.tsv`.
///
/// Han is matched in simplified or traditional characters; Latin words as
/// pinyin (any case, ü as v or yu: "Lv", "Lyu"); Cyrillic words in
/// Palladius, older "е" spellings included ("Чжен"). Single or compound
/// surnames ("Ouyang", "欧阳"); anything else, including empty input, is
/// `false`.
///
/// ```
/// use amur_translit::is_chinese_surname;
/// assert!(is_chinese_surname("Huang"));
/// assert!(is_chinese_surname("Хао"));
/// assert!(is_chinese_surname("郝"));
/// assert!(!is_chinese_surname("Putin"));
/// ```
pub fn is_chinese_surname(w: &str) -> bool {
    let w = w.trim();
    if w.is_empty() {
        return false;
    }
    let table = &*TABLE;
    if all_han(w) {
        return table.by_han.contains_key(w);
    }
    if table.palladius.contains(&w.to_lowercase()) {
        return true;
    }
    let pinyin = if w
        .chars()
        .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
    {
        palladius_word_syllables(w).map(|s| s.concat())
    } else {
        canonical_pinyin(w)
    };
    pinyin.is_some_and(|p| table.pinyin.contains(&p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_parses_cleanly() {
        let table = &*TABLE;
        assert!(table.problems.is_empty(), "{:?}", table.problems);
        assert!(table.rows.len() >= 300, "{}", table.rows.len());
        let compound = table.rows.iter().filter(|r| r.han.chars().count() == 2);
        assert!(compound.count() >= 20);
    }

    #[test]
    fn han_characters_are_unique() {
        let table = &*TABLE;
        let mut seen = HashSet::new();
        for row in &table.rows {
            assert!(seen.insert(&row.han), "duplicate {}", row.han);
        }
    }

    #[test]
    fn palladius_column_matches_the_pinyin() {
        for row in &TABLE.rows {
            assert_eq!(
                crate::pinyin_to_palladius(&row.pinyin).as_deref(),
                Some(row.palladius.as_str()),
                "{}",
                row.han
            );
        }
    }

    #[test]
    fn surname_readings() {
        let cases = [
            ("单", "Shan"),
            ("曾", "Zeng"),
            ("解", "Xie"),
            ("仇", "Qiu"),
            ("区", "Ou"),
            ("朴", "Piao"),
            ("查", "Zha"),
            ("乐", "Yue"),
            ("盖", "Ge"),
            ("缪", "Miao"),
            ("覃", "Qin"),
            ("尉迟", "Yuchi"),
            ("黃", "Huang"),
            ("歐陽", "Ouyang"),
        ];
        for (han, pinyin) in cases {
            assert_eq!(
                lookup_han(han).map(|r| r.pinyin.as_str()),
                Some(pinyin),
                "{han}"
            );
        }
    }

    #[test]
    fn surnames_in_every_script() {
        for w in [
            "Huang", "huang", "LI", "Ouyang", "Lü", "Lv", "Lyu", "Хуан", "Чжэн", "Чжен", "Оуян",
            "黄", "黃", "欧阳", "Zhuge", " Wang ",
        ] {
            assert!(is_chinese_surname(w), "{w}");
        }
        for w in [
            "Putin",
            "Путин",
            "Jinping",
            "",
            "普京",
            "黄世伟",
            "Huang Shiwei",
            "🙂",
            "Хабаровск",
        ] {
            assert!(!is_chinese_surname(w), "{w}");
        }
    }

    #[test]
    fn bad_rows_are_problems_with_lines() {
        let raw = "# c\nhan\tpinyin\tpalladius\ttraditional\n黄\tHuang\tХуан\t黃\n\
                   bad row\n李\tLi\n王\tWang\tВан\t-\textra\n张\tZhong\tЧжан\t-\n郝\tHao\tХао\t-\n";
        let mut problems = Vec::new();
        let tsv = amur_refdata::tsv::parse(FILE, raw, &mut problems);
        let table = parse(&tsv);
        assert_eq!(table.rows.len(), 2);
        problems.extend(table.problems);
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [4, 5, 6, 7]);
        assert!(problems[3]
            .to_string()
            .starts_with("lexicon/zh_surnames.tsv:7:"));
    }
}
