//! Han characters → pinyin, per character with the `pinyin` crate, plus
//! surname readings from `zh_surnames.tsv` and a few fixed words whose
//! characters have a less common reading.

use crate::palladius::{ascii_pinyin, capitalise};
use crate::surnames::lookup_han;
use pinyin::ToPinyin;

/// Whether `c` is a Han character (CJK unified ideographs and their
/// extensions, compatibility ideographs, and 〇).
pub(crate) fn is_han(c: char) -> bool {
    matches!(
        c,
        '\u{3007}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2EBEF}'
            | '\u{30000}'..='\u{3134F}'
    )
}

/// Words whose characters are read otherwise than the per-character default
/// (重 zhong, 厦 sha, 珲 hui, 什 shen, 藏 cang, 行 xing): mostly places in the
/// China–Russia border news, plus a few frequent words.
static WORDS: &[(&str, &[&str])] = &[
    ("重庆", &["chong", "qing"]),
    ("厦门", &["xia", "men"]),
    ("珲春", &["hun", "chun"]),
    ("喀什", &["ka", "shi"]),
    ("穆棱", &["mu", "ling"]),
    ("西藏", &["xi", "zang"]),
    ("银行", &["yin", "hang"]),
    ("蚌埠", &["beng", "bu"]),
    ("六安", &["lu", "an"]),
    ("乐清", &["yue", "qing"]),
];

/// Characters whose default reading is wrong in names and place names far
/// more often than right: 长 is "chang" in 长春 and 韩长赋, 都 "du" in
/// 成都, 佛 "fo" in 佛山, 勒 "le" in 库尔勒 and 锡林郭勒.
fn char_override(c: char) -> Option<&'static str> {
    match c {
        '长' | '長' => Some("chang"),
        '都' => Some("du"),
        '佛' => Some("fo"),
        '勒' => Some("le"),
        _ => None,
    }
}

/// Readings that hold in given names only (栅 is "zha" in 栅栏 but "shan"
/// in 郑栅洁).
fn given_name_override(c: char) -> Option<&'static str> {
    match c {
        '栅' | '柵' => Some("shan"),
        _ => None,
    }
}

/// The default tone-less reading of one character.
fn char_pinyin(c: char) -> Option<&'static str> {
    char_override(c).or_else(|| c.to_pinyin().map(|p| p.plain()))
}

/// The readings of a run of Han characters, fixed words first.
fn run_pinyin(chars: &[char]) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut i = 0;
    'outer: while i < chars.len() {
        for &(word, readings) in WORDS {
            let len = word.chars().count();
            if chars.len() - i >= len && word.chars().eq(chars[i..i + len].iter().copied()) {
                out.extend_from_slice(readings);
                i += len;
                continue 'outer;
            }
        }
        if let Some(reading) = char_pinyin(chars[i]) {
            out.push(reading);
        }
        i += 1;
    }
    out
}

/// Chinese characters of a person's name → pinyin, family name first and
/// the given name joined: "黄世伟" → "Huang Shiwei".
///
/// The family name is the first character, or the first two when they are a
/// compound surname ("欧阳修" → "Ouyang Xiu") and a given name follows. Its
/// reading comes from `zh_surnames.tsv` when listed, so surname readings win
/// over the everyday ones ("单霁翔" → "Shan Jixiang", not "Dan"). Given
/// names use the per-character reading, with a few name readings fixed
/// (长 "chang", 栅 "shan": "郑栅洁" → "Zheng Shanjie"). ü is written "yu"
/// ("吕" → "Lyu"). `None` unless the trimmed input is 2–4 Han characters
/// that all have a reading.
///
/// ```
/// use amur_translit::han_to_pinyin_name;
/// assert_eq!(han_to_pinyin_name("习近平").as_deref(), Some("Xi Jinping"));
/// assert_eq!(han_to_pinyin_name("欧阳修").as_deref(), Some("Ouyang Xiu"));
/// ```
pub fn han_to_pinyin_name(s: &str) -> Option<String> {
    let chars: Vec<char> = s.trim().chars().collect();
    if !(2..=4).contains(&chars.len()) || !chars.iter().all(|&c| is_han(c)) {
        return None;
    }
    let compound: String = chars.iter().take(2).collect();
    let surname_len = match lookup_han(&compound) {
        Some(_) if chars.len() >= 3 => 2,
        _ => 1,
    };
    let surname_chars: String = chars.iter().take(surname_len).collect();
    let surname = match lookup_han(&surname_chars) {
        Some(row) => row.pinyin.to_lowercase(),
        None => {
            let mut reading = String::new();
            for &c in chars.iter().take(surname_len) {
                reading.push_str(char_pinyin(c)?);
            }
            reading
        }
    };
    let mut given = String::new();
    for &c in chars.iter().skip(surname_len) {
        given.push_str(given_name_override(c).or_else(|| char_pinyin(c))?);
    }
    Some(format!(
        "{} {}",
        capitalise(&ascii_pinyin(&surname)),
        capitalise(&ascii_pinyin(&given))
    ))
}

/// Chinese characters of a place or word → pinyin syllables joined, first
/// letter capitalised, no apostrophes: "绥芬河" → "Suifenhe", "哈尔滨" →
/// "Haerbin". Non-Han characters are dropped; characters without a reading
/// are skipped. A few words with a non-default reading are fixed ("重庆" →
/// "Chongqing", "珲春" → "Hunchun", 长 read "chang"). Empty output when there
/// is no Han at all.
///
/// ```
/// use amur_translit::han_to_pinyin;
/// assert_eq!(han_to_pinyin("黑河"), "Heihe");
/// assert_eq!(han_to_pinyin("哈尔滨"), "Haerbin");
/// ```
pub fn han_to_pinyin(s: &str) -> String {
    let mut out = String::new();
    let mut run: Vec<char> = Vec::new();
    for c in s.chars().filter(|&c| is_han(c)) {
        run.push(c);
    }
    for reading in run_pinyin(&run) {
        out.push_str(reading);
    }
    capitalise(&ascii_pinyin(&out))
}

/// The pinyin readings of the Han characters in `s`, one per character, for
/// building phonetic keys.
pub(crate) fn han_readings(s: &str) -> Vec<&'static str> {
    let run: Vec<char> = s.chars().filter(|&c| is_han(c)).collect();
    run_pinyin(&run)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_names() {
        let cases = [
            ("黄世伟", "Huang Shiwei"),
            ("郝鹏", "Hao Peng"),
            ("习近平", "Xi Jinping"),
            ("欧阳修", "Ouyang Xiu"),
            ("单霁翔", "Shan Jixiang"),
            ("曾庆红", "Zeng Qinghong"),
            ("解振华", "Xie Zhenhua"),
            ("查良镛", "Zha Liangyong"),
            ("乐嘉", "Yue Jia"),
            ("胡锦涛", "Hu Jintao"),
            ("胡錦濤", "Hu Jintao"),
            ("温家宝", "Wen Jiabao"),
            ("李克强", "Li Keqiang"),
            ("王毅", "Wang Yi"),
            ("杨洁篪", "Yang Jiechi"),
            ("丁薛祥", "Ding Xuexiang"),
            ("张国清", "Zhang Guoqing"),
            ("王岐山", "Wang Qishan"),
            ("韩正", "Han Zheng"),
            ("栗战书", "Li Zhanshu"),
            ("赵乐际", "Zhao Leji"),
            ("王沪宁", "Wang Huning"),
            ("何立峰", "He Lifeng"),
            ("韩长赋", "Han Changfu"),
            ("郑栅洁", "Zheng Shanjie"),
            ("薄熙来", "Bo Xilai"),
            ("吕大林", "Lyu Dalin"),
            ("诸葛亮", "Zhuge Liang"),
            ("司马光", "Sima Guang"),
            ("尉迟恭", "Yuchi Gong"),
            ("欧阳", "Ou Yang"),
            ("李", ""),
        ];
        for (han, expected) in cases {
            let expected = (!expected.is_empty()).then_some(expected);
            assert_eq!(han_to_pinyin_name(han).as_deref(), expected, "{han}");
        }
    }

    #[test]
    fn person_names_reject_non_names() {
        for s in [
            "",
            "李",
            "弗拉基米尔·普京",
            "Xi Jinping",
            "习近平主席说",
            "習近平🙂",
            "黄 世伟",
        ] {
            assert_eq!(han_to_pinyin_name(s), None, "{s}");
        }
        assert_eq!(han_to_pinyin_name(" 郝鹏 ").as_deref(), Some("Hao Peng"));
    }

    #[test]
    fn places() {
        let cases = [
            ("绥芬河", "Suifenhe"),
            ("黑河", "Heihe"),
            ("哈尔滨", "Haerbin"),
            ("黑龙江", "Heilongjiang"),
            ("满洲里", "Manzhouli"),
            ("二连浩特", "Erlianhaote"),
            ("抚远", "Fuyuan"),
            ("同江", "Tongjiang"),
            ("珲春", "Hunchun"),
            ("东宁", "Dongning"),
            ("大连", "Dalian"),
            ("沈阳", "Shenyang"),
            ("长春", "Changchun"),
            ("牡丹江", "Mudanjiang"),
            ("佳木斯", "Jiamusi"),
            ("齐齐哈尔", "Qiqihaer"),
            ("重庆", "Chongqing"),
            ("成都", "Chengdu"),
            ("厦门", "Xiamen"),
            ("西藏", "Xizang"),
            ("佛山", "Foshan"),
            ("喀什", "Kashi"),
            ("库尔勒", "Kuerle"),
            ("穆棱", "Muling"),
            ("吉林省", "Jilinsheng"),
            ("中国银行", "Zhongguoyinhang"),
            ("漠河 (Mohe)", "Mohe"),
            ("Moscow", ""),
            ("", ""),
        ];
        for (han, expected) in cases {
            assert_eq!(han_to_pinyin(han), expected, "{han}");
        }
    }

    #[test]
    fn han_detection() {
        assert!(is_han('黄'));
        assert!(is_han('〇'));
        assert!(!is_han('a'));
        assert!(!is_han('·'));
        assert!(!is_han('。'));
    }
}
