//! Transliteration and name matching for China–Russia news in English,
//! Russian and Chinese.
//!
//! Place in the pipeline: used wherever names found in articles are matched
//! against the reference tables, to bring the names of one person or place,
//! as three languages and machine translation write them, to comparable
//! forms:
//!
//! - [`ru_to_latin`]: Russian Cyrillic → English-media romanisation;
//! - [`palladius_to_pinyin`] / [`pinyin_to_palladius`]: Chinese names in
//!   Russian (Palladius) ↔ pinyin, over the full syllable table;
//! - [`pinyin_syllables`], [`is_pinyin_word`], [`is_palladius_word`]: is this
//!   word a Chinese name, and how does it split;
//! - [`han_to_pinyin_name`] / [`han_to_pinyin`]: Han characters → pinyin,
//!   with surname readings from `data/lexicon/zh_surnames.tsv`;
//! - [`is_chinese_surname`]: the same table, in any of the three scripts;
//! - [`zh_transcription_to_latin`] / [`transcribed_run`]: foreign names
//!   transcribed into Chinese characters, back to Latin letters;
//! - [`phonetic_key`] / [`name_similarity`]: fuzzy matching of names damaged
//!   by machine translation through Chinese.
//!
//! No crate covers Palladius or Russian news romanisation, so those rules
//! live here; per-character Han readings come from the `pinyin` crate.
//! Every function accepts any string without panicking.
//!
//! ```
//! use amur_translit::*;
//! assert_eq!(ru_to_latin("Олег Кожемяко"), "Oleg Kozhemyako");
//! assert_eq!(palladius_to_pinyin("Хуан Шивэй").as_deref(), Some("Huang Shiwei"));
//! assert_eq!(pinyin_to_palladius("Xi Jinping").as_deref(), Some("Си Цзиньпин"));
//! assert_eq!(han_to_pinyin_name("黄世伟").as_deref(), Some("Huang Shiwei"));
//! assert_eq!(han_to_pinyin("绥芬河"), "Suifenhe");
//! assert!(is_chinese_surname("Хуан") && is_pinyin_word("Shiwei"));
//! assert!(name_similarity("Shelbina", "Щербина") >= 0.85);
//! ```
#![warn(missing_docs)]

mod foreign;
mod han;
mod palladius;
mod phonetic;
mod russian;
mod segment;
mod surnames;
mod syllables;

pub use foreign::{transcribed_run, zh_transcription_to_latin};
pub use han::{han_to_pinyin, han_to_pinyin_name};
pub use palladius::{is_palladius_word, palladius_to_pinyin, pinyin_to_palladius};
pub use phonetic::{name_similarity, phonetic_key};
pub use russian::ru_to_latin;
pub use surnames::{is_chinese_surname, surname_problems};
pub use syllables::{is_pinyin_word, pinyin_syllables};

#[cfg(test)]
mod tests {
    use super::*;

    /// Odd strings through every public function: nothing may panic, and
    /// the results must stay within their documented ranges.
    #[test]
    fn odd_input_never_panics() {
        let (long_latin, long_cyrillic, long_han) =
            ("x".repeat(500), "ля".repeat(300), "黄".repeat(10));
        let inputs = [
            "",
            " ",
            "\t\n",
            "🙂",
            "👨‍👩‍👧‍👦 family",
            "Путин🙂Putin习近平",
            "ЪЬЪЬ",
            "ь",
            "Й",
            "'",
            "’’’",
            "-",
            "Xi'",
            "'an",
            "ü",
            "ǖǘǚǜ",
            "\u{0}",
            "\u{200B}",
            "a\u{301}",
            "İstanbul",
            "ﬃ",
            "𠀀𠀁",
            "〇",
            "Ωμέγα",
            "١٢٣",
            "Си  Цзиньпин",
            "ХУАН-ШИВЭЙ",
            long_latin.as_str(),
            long_cyrillic.as_str(),
            long_han.as_str(),
        ];
        for s in inputs {
            let _ = ru_to_latin(s);
            let _ = palladius_to_pinyin(s);
            let _ = pinyin_to_palladius(s);
            let _ = is_pinyin_word(s);
            let _ = pinyin_syllables(s);
            let _ = is_palladius_word(s);
            let _ = han_to_pinyin_name(s);
            let _ = han_to_pinyin(s);
            let _ = is_chinese_surname(s);
            let _ = phonetic_key(s);
            for t in inputs {
                let sim = name_similarity(s, t);
                assert!((0.0..=1.0).contains(&sim), "{s:?} {t:?} {sim}");
            }
        }
    }

    /// A Chinese name survives Han → pinyin → Palladius → pinyin.
    #[test]
    fn scripts_agree_on_names() {
        for han in [
            "黄世伟",
            "郝鹏",
            "习近平",
            "欧阳修",
            "单霁翔",
            "胡春华",
            "丁薛祥",
        ] {
            let Some(pinyin) = han_to_pinyin_name(han) else {
                panic!("{han}");
            };
            let palladius = pinyin_to_palladius(&pinyin);
            assert!(palladius.is_some(), "{han}");
            let back = palladius.as_deref().and_then(palladius_to_pinyin);
            assert_eq!(back.as_deref(), Some(pinyin.as_str()), "{han}");
            let surname = pinyin.split(' ').next().unwrap_or_default();
            assert!(is_chinese_surname(surname), "{surname}");
        }
    }
}
