//! The Palladius system: Russian spelling of Mandarin syllables, and the
//! conversions between Palladius and pinyin.
//!
//! The table covers every standard tone-less pinyin syllable (412 rows,
//! interjections such as "hm" or "ng" left out). Reading Palladius back also
//! accepts the older "е" for "э" after a consonant ("Хейлунцзян",
//! "Шеньян") where that spelling cannot be mistaken for another syllable.

use crate::segment::segment;
use crate::syllables::pinyin_syllables;
use foldhash::{HashMap, HashMapExt};
use std::sync::LazyLock;

/// Every pinyin syllable (ü written "ü") with its Palladius spelling,
/// grouped by initial. One pair is not reversible: "lo" and "luo" are both
/// "ло"; reading "ло" gives "luo", the common one.
pub(crate) static SYLLABLES: &[(&str, &str)] = &[
    ("a", "а"),
    ("ai", "ай"),
    ("an", "ань"),
    ("ang", "ан"),
    ("ao", "ао"),
    ("e", "э"),
    ("ei", "эй"),
    ("en", "энь"),
    ("eng", "эн"),
    ("er", "эр"),
    ("o", "о"),
    ("ou", "оу"),
    ("yi", "и"),
    ("ya", "я"),
    ("yao", "яо"),
    ("ye", "е"),
    ("you", "ю"),
    ("yan", "янь"),
    ("yin", "инь"),
    ("yang", "ян"),
    ("ying", "ин"),
    ("yong", "юн"),
    ("yu", "юй"),
    ("yue", "юэ"),
    ("yuan", "юань"),
    ("yun", "юнь"),
    ("yo", "ё"),
    ("wu", "у"),
    ("wa", "ва"),
    ("wo", "во"),
    ("wai", "вай"),
    ("wei", "вэй"),
    ("wan", "вань"),
    ("wen", "вэнь"),
    ("wang", "ван"),
    ("weng", "вэн"),
    ("ba", "ба"),
    ("bo", "бо"),
    ("bai", "бай"),
    ("bei", "бэй"),
    ("bao", "бао"),
    ("ban", "бань"),
    ("ben", "бэнь"),
    ("bang", "бан"),
    ("beng", "бэн"),
    ("bi", "би"),
    ("bie", "бе"),
    ("biao", "бяо"),
    ("bian", "бянь"),
    ("bin", "бинь"),
    ("bing", "бин"),
    ("bu", "бу"),
    ("pa", "па"),
    ("po", "по"),
    ("pai", "пай"),
    ("pei", "пэй"),
    ("pao", "пао"),
    ("pou", "поу"),
    ("pan", "пань"),
    ("pen", "пэнь"),
    ("pang", "пан"),
    ("peng", "пэн"),
    ("pi", "пи"),
    ("pie", "пе"),
    ("piao", "пяо"),
    ("pian", "пянь"),
    ("pin", "пинь"),
    ("ping", "пин"),
    ("pu", "пу"),
    ("ma", "ма"),
    ("mo", "мо"),
    ("me", "мэ"),
    ("mai", "май"),
    ("mei", "мэй"),
    ("mao", "мао"),
    ("mou", "моу"),
    ("man", "мань"),
    ("men", "мэнь"),
    ("mang", "ман"),
    ("meng", "мэн"),
    ("mi", "ми"),
    ("mie", "ме"),
    ("miao", "мяо"),
    ("miu", "мю"),
    ("mian", "мянь"),
    ("min", "минь"),
    ("ming", "мин"),
    ("mu", "му"),
    ("fa", "фа"),
    ("fo", "фо"),
    ("fei", "фэй"),
    ("fou", "фоу"),
    ("fan", "фань"),
    ("fen", "фэнь"),
    ("fang", "фан"),
    ("feng", "фэн"),
    ("fu", "фу"),
    ("da", "да"),
    ("de", "дэ"),
    ("dai", "дай"),
    ("dei", "дэй"),
    ("dao", "дао"),
    ("dou", "доу"),
    ("dan", "дань"),
    ("den", "дэнь"),
    ("dang", "дан"),
    ("deng", "дэн"),
    ("dong", "дун"),
    ("di", "ди"),
    ("dia", "дя"),
    ("die", "де"),
    ("diao", "дяо"),
    ("diu", "дю"),
    ("dian", "дянь"),
    ("ding", "дин"),
    ("du", "ду"),
    ("duo", "до"),
    ("dui", "дуй"),
    ("duan", "дуань"),
    ("dun", "дунь"),
    ("ta", "та"),
    ("te", "тэ"),
    ("tai", "тай"),
    ("tei", "тэй"),
    ("tao", "тао"),
    ("tou", "тоу"),
    ("tan", "тань"),
    ("tang", "тан"),
    ("teng", "тэн"),
    ("tong", "тун"),
    ("ti", "ти"),
    ("tie", "те"),
    ("tiao", "тяо"),
    ("tian", "тянь"),
    ("ting", "тин"),
    ("tu", "ту"),
    ("tuo", "то"),
    ("tui", "туй"),
    ("tuan", "туань"),
    ("tun", "тунь"),
    ("na", "на"),
    ("ne", "нэ"),
    ("nai", "най"),
    ("nei", "нэй"),
    ("nao", "нао"),
    ("nou", "ноу"),
    ("nan", "нань"),
    ("nen", "нэнь"),
    ("nang", "нан"),
    ("neng", "нэн"),
    ("nong", "нун"),
    ("ni", "ни"),
    ("nie", "не"),
    ("niao", "няо"),
    ("niu", "ню"),
    ("nian", "нянь"),
    ("nin", "нинь"),
    ("niang", "нян"),
    ("ning", "нин"),
    ("nu", "ну"),
    ("nuo", "но"),
    ("nuan", "нуань"),
    ("nun", "нунь"),
    ("nü", "нюй"),
    ("nüe", "нюэ"),
    ("la", "ла"),
    ("le", "лэ"),
    ("lo", "ло"),
    ("lai", "лай"),
    ("lei", "лэй"),
    ("lao", "лао"),
    ("lou", "лоу"),
    ("lan", "лань"),
    ("lang", "лан"),
    ("leng", "лэн"),
    ("long", "лун"),
    ("li", "ли"),
    ("lia", "ля"),
    ("lie", "ле"),
    ("liao", "ляо"),
    ("liu", "лю"),
    ("lian", "лянь"),
    ("lin", "линь"),
    ("liang", "лян"),
    ("ling", "лин"),
    ("lu", "лу"),
    ("luo", "ло"),
    ("luan", "луань"),
    ("lun", "лунь"),
    ("lü", "люй"),
    ("lüe", "люэ"),
    ("ga", "га"),
    ("ge", "гэ"),
    ("gai", "гай"),
    ("gei", "гэй"),
    ("gao", "гао"),
    ("gou", "гоу"),
    ("gan", "гань"),
    ("gen", "гэнь"),
    ("gang", "ган"),
    ("geng", "гэн"),
    ("gong", "гун"),
    ("gu", "гу"),
    ("gua", "гуа"),
    ("guo", "го"),
    ("guai", "гуай"),
    ("gui", "гуй"),
    ("guan", "гуань"),
    ("gun", "гунь"),
    ("guang", "гуан"),
    ("ka", "ка"),
    ("ke", "кэ"),
    ("kai", "кай"),
    ("kei", "кэй"),
    ("kao", "као"),
    ("kou", "коу"),
    ("kan", "кань"),
    ("ken", "кэнь"),
    ("kang", "кан"),
    ("keng", "кэн"),
    ("kong", "кун"),
    ("ku", "ку"),
    ("kua", "куа"),
    ("kuo", "ко"),
    ("kuai", "куай"),
    ("kui", "куй"),
    ("kuan", "куань"),
    ("kun", "кунь"),
    ("kuang", "куан"),
    ("ha", "ха"),
    ("he", "хэ"),
    ("hai", "хай"),
    ("hei", "хэй"),
    ("hao", "хао"),
    ("hou", "хоу"),
    ("han", "хань"),
    ("hen", "хэнь"),
    ("hang", "хан"),
    ("heng", "хэн"),
    ("hong", "хун"),
    ("hu", "ху"),
    ("hua", "хуа"),
    ("huo", "хо"),
    ("huai", "хуай"),
    ("hui", "хуэй"),
    ("huan", "хуань"),
    ("hun", "хунь"),
    ("huang", "хуан"),
    ("ji", "цзи"),
    ("jia", "цзя"),
    ("jie", "цзе"),
    ("jiao", "цзяо"),
    ("jiu", "цзю"),
    ("jian", "цзянь"),
    ("jin", "цзинь"),
    ("jiang", "цзян"),
    ("jing", "цзин"),
    ("jiong", "цзюн"),
    ("ju", "цзюй"),
    ("jue", "цзюэ"),
    ("juan", "цзюань"),
    ("jun", "цзюнь"),
    ("qi", "ци"),
    ("qia", "ця"),
    ("qie", "це"),
    ("qiao", "цяо"),
    ("qiu", "цю"),
    ("qian", "цянь"),
    ("qin", "цинь"),
    ("qiang", "цян"),
    ("qing", "цин"),
    ("qiong", "цюн"),
    ("qu", "цюй"),
    ("que", "цюэ"),
    ("quan", "цюань"),
    ("qun", "цюнь"),
    ("xi", "си"),
    ("xia", "ся"),
    ("xie", "се"),
    ("xiao", "сяо"),
    ("xiu", "сю"),
    ("xian", "сянь"),
    ("xin", "синь"),
    ("xiang", "сян"),
    ("xing", "син"),
    ("xiong", "сюн"),
    ("xu", "сюй"),
    ("xue", "сюэ"),
    ("xuan", "сюань"),
    ("xun", "сюнь"),
    ("zha", "чжа"),
    ("zhe", "чжэ"),
    ("zhi", "чжи"),
    ("zhai", "чжай"),
    ("zhei", "чжэй"),
    ("zhao", "чжао"),
    ("zhou", "чжоу"),
    ("zhan", "чжань"),
    ("zhen", "чжэнь"),
    ("zhang", "чжан"),
    ("zheng", "чжэн"),
    ("zhong", "чжун"),
    ("zhu", "чжу"),
    ("zhua", "чжуа"),
    ("zhuo", "чжо"),
    ("zhuai", "чжуай"),
    ("zhui", "чжуй"),
    ("zhuan", "чжуань"),
    ("zhun", "чжунь"),
    ("zhuang", "чжуан"),
    ("cha", "ча"),
    ("che", "чэ"),
    ("chi", "чи"),
    ("chai", "чай"),
    ("chao", "чао"),
    ("chou", "чоу"),
    ("chan", "чань"),
    ("chen", "чэнь"),
    ("chang", "чан"),
    ("cheng", "чэн"),
    ("chong", "чун"),
    ("chu", "чу"),
    ("chua", "чуа"),
    ("chuo", "чо"),
    ("chuai", "чуай"),
    ("chui", "чуй"),
    ("chuan", "чуань"),
    ("chun", "чунь"),
    ("chuang", "чуан"),
    ("sha", "ша"),
    ("she", "шэ"),
    ("shi", "ши"),
    ("shai", "шай"),
    ("shei", "шэй"),
    ("shao", "шао"),
    ("shou", "шоу"),
    ("shan", "шань"),
    ("shen", "шэнь"),
    ("shang", "шан"),
    ("sheng", "шэн"),
    ("shu", "шу"),
    ("shua", "шуа"),
    ("shuo", "шо"),
    ("shuai", "шуай"),
    ("shui", "шуй"),
    ("shuan", "шуань"),
    ("shun", "шунь"),
    ("shuang", "шуан"),
    ("re", "жэ"),
    ("ri", "жи"),
    ("rao", "жао"),
    ("rou", "жоу"),
    ("ran", "жань"),
    ("ren", "жэнь"),
    ("rang", "жан"),
    ("reng", "жэн"),
    ("rong", "жун"),
    ("ru", "жу"),
    ("rua", "жуа"),
    ("ruo", "жо"),
    ("rui", "жуй"),
    ("ruan", "жуань"),
    ("run", "жунь"),
    ("za", "цза"),
    ("ze", "цзэ"),
    ("zi", "цзы"),
    ("zai", "цзай"),
    ("zei", "цзэй"),
    ("zao", "цзао"),
    ("zou", "цзоу"),
    ("zan", "цзань"),
    ("zen", "цзэнь"),
    ("zang", "цзан"),
    ("zeng", "цзэн"),
    ("zong", "цзун"),
    ("zu", "цзу"),
    ("zuo", "цзо"),
    ("zui", "цзуй"),
    ("zuan", "цзуань"),
    ("zun", "цзунь"),
    ("ca", "ца"),
    ("ce", "цэ"),
    ("ci", "цы"),
    ("cai", "цай"),
    ("cao", "цао"),
    ("cou", "цоу"),
    ("can", "цань"),
    ("cen", "цэнь"),
    ("cang", "цан"),
    ("ceng", "цэн"),
    ("cong", "цун"),
    ("cu", "цу"),
    ("cuo", "цо"),
    ("cui", "цуй"),
    ("cuan", "цуань"),
    ("cun", "цунь"),
    ("sa", "са"),
    ("se", "сэ"),
    ("si", "сы"),
    ("sai", "сай"),
    ("sao", "сао"),
    ("sou", "соу"),
    ("san", "сань"),
    ("sen", "сэнь"),
    ("sang", "сан"),
    ("seng", "сэн"),
    ("song", "сун"),
    ("su", "су"),
    ("suo", "со"),
    ("sui", "суй"),
    ("suan", "суань"),
    ("sun", "сунь"),
];

/// Extra Palladius spellings read back into pinyin: "е" for "э" after a
/// consonant, as in pre-1990s and careless modern texts. Only spellings
/// that are not themselves a standard syllable are listed ("де" stays
/// "die", never "de").
pub(crate) static CYRILLIC_VARIANTS: &[(&str, &str)] = &[
    ("вей", "wei"),
    ("вень", "wen"),
    ("вен", "weng"),
    ("бей", "bei"),
    ("бень", "ben"),
    ("бен", "beng"),
    ("пей", "pei"),
    ("пень", "pen"),
    ("пен", "peng"),
    ("мей", "mei"),
    ("мень", "men"),
    ("мен", "meng"),
    ("фей", "fei"),
    ("фень", "fen"),
    ("фен", "feng"),
    ("дей", "dei"),
    ("день", "den"),
    ("ден", "deng"),
    ("тей", "tei"),
    ("тен", "teng"),
    ("ней", "nei"),
    ("нень", "nen"),
    ("нен", "neng"),
    ("лей", "lei"),
    ("лен", "leng"),
    ("ге", "ge"),
    ("гей", "gei"),
    ("гень", "gen"),
    ("ген", "geng"),
    ("ке", "ke"),
    ("кей", "kei"),
    ("кень", "ken"),
    ("кен", "keng"),
    ("хе", "he"),
    ("хей", "hei"),
    ("хень", "hen"),
    ("хен", "heng"),
    ("чже", "zhe"),
    ("чжей", "zhei"),
    ("чжень", "zhen"),
    ("чжен", "zheng"),
    ("че", "che"),
    ("чень", "chen"),
    ("чен", "cheng"),
    ("ше", "she"),
    ("шей", "shei"),
    ("шень", "shen"),
    ("шен", "sheng"),
    ("же", "re"),
    ("жень", "ren"),
    ("жен", "reng"),
    ("цзей", "zei"),
    ("цзень", "zen"),
    ("цзен", "zeng"),
    ("цень", "cen"),
    ("цен", "ceng"),
    ("сень", "sen"),
    ("сен", "seng"),
];

/// Pinyin syllable → Palladius.
static TO_CYRILLIC: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| SYLLABLES.iter().copied().collect());

/// Palladius spelling (standard or variant) → pinyin syllable.
static TO_PINYIN: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for &(pinyin, cyrillic) in SYLLABLES {
        // "ло" must read back as the common "luo", not the interjection "lo".
        if pinyin != "lo" {
            map.insert(cyrillic, pinyin);
        }
    }
    for &(cyrillic, pinyin) in CYRILLIC_VARIANTS {
        map.entry(cyrillic).or_insert(pinyin);
    }
    map
});

/// Longest Palladius spelling in characters, to bound the segmentation.
static MAX_CYRILLIC_CHARS: LazyLock<usize> = LazyLock::new(|| {
    TO_PINYIN
        .keys()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0)
});

fn is_cyrillic_vowel(c: char) -> bool {
    matches!(c, 'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я')
}

/// How unlikely a syllable is after another. A Cyrillic vowel-initial
/// syllable weighs 2 (a lone "н" before a vowel starts the next syllable:
/// "Синин" = xi+ning, not xing+ying); one that is also a/o/e-initial in
/// pinyin weighs 1 more ("Баоу" = bao+wu, not ba+ou), as pinyin would have
/// needed an apostrophe there.
fn boundary_penalty(piece: &str, syllable: &str) -> usize {
    2 * usize::from(piece.starts_with(is_cyrillic_vowel))
        + usize::from(syllable.starts_with(['a', 'o', 'e']))
}

/// The pinyin syllables of one Palladius word. "ъ", hyphens and apostrophes
/// are syllable boundaries; every part must split completely.
pub(crate) fn palladius_word_syllables(word: &str) -> Option<Vec<&'static str>> {
    let lower = word.to_lowercase();
    let mut out = Vec::new();
    for part in lower.split(['ъ', '-', '\'', '’']) {
        let chars: Vec<char> = part.chars().collect();
        let syllables = segment(
            &chars,
            *MAX_CYRILLIC_CHARS,
            |piece| TO_PINYIN.get(piece).copied(),
            boundary_penalty,
        )?;
        out.extend(syllables);
    }
    Some(out)
}

/// The Palladius spelling of one canonical pinyin syllable.
pub(crate) fn palladius_of_syllable(pinyin: &str) -> Option<&'static str> {
    TO_CYRILLIC.get(pinyin).copied()
}

/// Chinese name or word written in Russian Palladius → pinyin, syllables of
/// a word joined, each word capitalised.
///
/// Input is case-insensitive; words are separated by whitespace. A word is
/// split into Palladius syllables by dynamic programming over the full
/// syllable table, preferring fewer syllables and then consonant-initial
/// ones, so "нь" is a final -n ("Цзиньпин" = jin+ping) and a lone "н"
/// before a vowel begins the next syllable ("Цзинань" = ji+nan). "ъ" and
/// hyphens split syllables explicitly ("Чанъань" = chang+an). Older "е" for
/// "э" after consonants is accepted ("Хейлунцзян"). ü is written "yu"
/// ("Люй" → "Lyu"), the ASCII form used in passports and by Xinhua.
///
/// Returns `None` when the string has no words or any word does not split
/// fully into syllables ("Владимир"); Russian exonyms such as "Цицикар" or
/// "Маньчжурия" are not Palladius and also give `None`.
///
/// ```
/// use amur_translit::palladius_to_pinyin;
/// assert_eq!(palladius_to_pinyin("Си Цзиньпин").as_deref(), Some("Xi Jinping"));
/// assert_eq!(palladius_to_pinyin("Владимир"), None);
/// ```
pub fn palladius_to_pinyin(s: &str) -> Option<String> {
    let mut words = Vec::new();
    for word in s.split_whitespace() {
        let syllables = palladius_word_syllables(word)?;
        words.push(capitalise(&ascii_pinyin(&syllables.concat())));
    }
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

/// Pinyin → Palladius, the inverse of [`palladius_to_pinyin`], for
/// generating the Russian form of a Chinese name; each word capitalised.
///
/// Words are split with [`pinyin_syllables`](crate::pinyin_syllables), so
/// apostrophes and tone marks are understood. "ъ" is written after a final
/// "н" (-ng) before a vowel, as Russian usage does ("Chang'an" → "Чанъань").
/// Returns `None` if any word is not pinyin or the string is empty.
///
/// ```
/// use amur_translit::pinyin_to_palladius;
/// assert_eq!(pinyin_to_palladius("Huang Shiwei").as_deref(), Some("Хуан Шивэй"));
/// ```
pub fn pinyin_to_palladius(s: &str) -> Option<String> {
    let mut words = Vec::new();
    for word in s.split_whitespace() {
        let mut cyrillic = String::new();
        for syllable in pinyin_syllables(word)? {
            let piece = palladius_of_syllable(&syllable)?;
            if cyrillic.ends_with('н') && piece.starts_with(is_cyrillic_vowel) {
                cyrillic.push('ъ');
            }
            cyrillic.push_str(piece);
        }
        words.push(capitalise(&cyrillic));
    }
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

/// Whether a single Cyrillic word splits fully into Palladius syllables
/// (case-insensitive; standard and older "е" spellings).
///
/// ```
/// use amur_translit::is_palladius_word;
/// assert!(is_palladius_word("Хэйлунцзян"));
/// assert!(!is_palladius_word("Хабаровск"));
/// ```
pub fn is_palladius_word(w: &str) -> bool {
    !w.chars().any(char::is_whitespace) && palladius_word_syllables(w).is_some()
}

/// Writes ü as "yu" (GB/T 28039 style, as in "Lyu"), keeping names ASCII.
pub(crate) fn ascii_pinyin(s: &str) -> String {
    s.replace('ü', "yu")
}

/// Upper-cases the first character only.
pub(crate) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn table_has_every_syllable_once() {
        assert_eq!(SYLLABLES.len(), 412);
        let pinyin: HashSet<_> = SYLLABLES.iter().map(|(p, _)| *p).collect();
        assert_eq!(pinyin.len(), SYLLABLES.len());
        // Only "lo"/"luo" share a Palladius spelling.
        let cyrillic: HashSet<_> = SYLLABLES.iter().map(|(_, c)| *c).collect();
        assert_eq!(cyrillic.len(), SYLLABLES.len() - 1);
    }

    #[test]
    fn table_spot_checks() {
        let expect = [
            ("a", "а"),
            ("ai", "ай"),
            ("an", "ань"),
            ("ang", "ан"),
            ("zhi", "чжи"),
            ("zi", "цзы"),
            ("ci", "цы"),
            ("si", "сы"),
            ("ri", "жи"),
            ("xi", "си"),
            ("qi", "ци"),
            ("ji", "цзи"),
            ("zhong", "чжун"),
            ("jiang", "цзян"),
            ("xiong", "сюн"),
            ("yu", "юй"),
            ("yue", "юэ"),
            ("yuan", "юань"),
            ("yun", "юнь"),
            ("you", "ю"),
            ("ye", "е"),
            ("e", "э"),
            ("er", "эр"),
            ("wei", "вэй"),
            ("wen", "вэнь"),
            ("weng", "вэн"),
            ("ou", "оу"),
            ("hui", "хуэй"),
            ("gui", "гуй"),
            ("guo", "го"),
            ("lü", "люй"),
            ("nüe", "нюэ"),
            ("ju", "цзюй"),
            ("xuan", "сюань"),
        ];
        for (pinyin, cyrillic) in expect {
            assert_eq!(palladius_of_syllable(pinyin), Some(cyrillic), "{pinyin}");
        }
    }

    #[test]
    fn variants_never_shadow_standard_spellings() {
        let standard: HashSet<_> = SYLLABLES.iter().map(|(_, c)| *c).collect();
        for (cyrillic, pinyin) in CYRILLIC_VARIANTS {
            assert!(!standard.contains(cyrillic), "{cyrillic}");
            assert!(TO_CYRILLIC.contains_key(pinyin), "{pinyin}");
        }
    }

    #[test]
    fn every_syllable_round_trips() {
        for &(pinyin, cyrillic) in SYLLABLES {
            let back = palladius_word_syllables(cyrillic);
            let expected = if pinyin == "lo" { "luo" } else { pinyin };
            assert_eq!(back, Some(vec![expected]), "{pinyin}");
        }
    }

    #[test]
    fn palladius_to_pinyin_names_and_places() {
        let cases = [
            ("Хуан Шивэй", "Huang Shiwei"),
            ("Си Цзиньпин", "Xi Jinping"),
            ("Хэйлунцзян", "Heilongjiang"),
            ("Суйфэньхэ", "Suifenhe"),
            ("Лян Хуэйлин", "Liang Huiling"),
            ("Хао Пэн", "Hao Peng"),
            ("Ли Цян", "Li Qiang"),
            ("Хейлунцзян", "Heilongjiang"),
            ("Цзилинь", "Jilin"),
            ("Ляонин", "Liaoning"),
            ("Хэйхэ", "Heihe"),
            ("Фуюань", "Fuyuan"),
            ("Тунцзян", "Tongjiang"),
            ("Хуньчунь", "Hunchun"),
            ("Дуннин", "Dongning"),
            ("Эрлянь", "Erlian"),
            ("Далянь", "Dalian"),
            ("Шэньян", "Shenyang"),
            ("Шеньян", "Shenyang"),
            ("Чанчунь", "Changchun"),
            ("Муданьцзян", "Mudanjiang"),
            ("Цзямусы", "Jiamusi"),
            ("Хаэрбинь", "Haerbin"),
            ("Ван И", "Wang Yi"),
            ("Чжан Ханьхуэй", "Zhang Hanhui"),
            ("Ли Хуэй", "Li Hui"),
            ("Ху Чуньхуа", "Hu Chunhua"),
            ("Дин Сюэсян", "Ding Xuexiang"),
            ("Цзян Сяоян", "Jiang Xiaoyang"),
            ("Ху Цзиньтао", "Hu Jintao"),
            ("Вэнь Цзябао", "Wen Jiabao"),
            ("Ли Кэцян", "Li Keqiang"),
            ("Цинь Ган", "Qin Gang"),
            ("Ян Цзечи", "Yang Jiechi"),
            ("Ли Чжаосин", "Li Zhaoxing"),
            ("Чжан Гоцин", "Zhang Guoqing"),
            ("Ван Цишань", "Wang Qishan"),
            ("Хань Чжэн", "Han Zheng"),
            ("Чжао Лэцзи", "Zhao Leji"),
            ("Ван Хунин", "Wang Huning"),
            ("Лю Гочжун", "Liu Guozhong"),
            ("Хэ Лифэн", "He Lifeng"),
            ("Чжэн Шаньцзе", "Zheng Shanjie"),
            ("Гао Хучэн", "Gao Hucheng"),
            ("Чэнь Дэмин", "Chen Deming"),
            ("Люй Синь", "Lyu Xin"),
            ("Синин", "Xining"),
            ("Цзинань", "Jinan"),
            ("Чанъань", "Changan"),
            ("Сиань", "Xian"),
            ("Баоу", "Baowu"),
            ("ОУЯН СЮ", "Ouyang Xiu"),
        ];
        for (cyrillic, pinyin) in cases {
            assert_eq!(
                palladius_to_pinyin(cyrillic).as_deref(),
                Some(pinyin),
                "{cyrillic}"
            );
        }
    }

    #[test]
    fn palladius_to_pinyin_rejects_russian_words() {
        for s in [
            "Владимир",
            "Маньчжурия",
            "Цицикар",
            "Хабаровск",
            "Харбин",
            "Ощепков",
            "Ху Jintao",
            "",
            "   ",
            "Си-",
            "ъ",
        ] {
            assert_eq!(palladius_to_pinyin(s), None, "{s}");
        }
    }

    #[test]
    fn short_russian_words_can_look_like_palladius() {
        // Syllable shape alone cannot tell these apart; callers need context.
        assert_eq!(palladius_to_pinyin("Путин").as_deref(), Some("Puting"));
        assert_eq!(palladius_to_pinyin("Лена").as_deref(), Some("Liena"));
    }

    #[test]
    fn pinyin_to_palladius_names_and_places() {
        let cases = [
            ("Huang Shiwei", "Хуан Шивэй"),
            ("Xi Jinping", "Си Цзиньпин"),
            ("Heilongjiang", "Хэйлунцзян"),
            ("Suifenhe", "Суйфэньхэ"),
            ("Liang Huiling", "Лян Хуэйлин"),
            ("Hao Peng", "Хао Пэн"),
            ("Li Qiang", "Ли Цян"),
            ("Jilin", "Цзилинь"),
            ("Liaoning", "Ляонин"),
            ("Heihe", "Хэйхэ"),
            ("Fuyuan", "Фуюань"),
            ("Tongjiang", "Тунцзян"),
            ("Hunchun", "Хуньчунь"),
            ("Dongning", "Дуннин"),
            ("Erlian", "Эрлянь"),
            ("Dalian", "Далянь"),
            ("Shenyang", "Шэньян"),
            ("Changchun", "Чанчунь"),
            ("Mudanjiang", "Муданьцзян"),
            ("Jiamusi", "Цзямусы"),
            ("Manzhouli", "Маньчжоули"),
            ("Wang Yi", "Ван И"),
            ("Zhang Hanhui", "Чжан Ханьхуэй"),
            ("Li Hui", "Ли Хуэй"),
            ("Hu Chunhua", "Ху Чуньхуа"),
            ("Ding Xuexiang", "Дин Сюэсян"),
            ("Jiang Xiaoyang", "Цзян Сяоян"),
            ("Wen Jiabao", "Вэнь Цзябао"),
            ("Zhao Leji", "Чжао Лэцзи"),
            ("Han Zheng", "Хань Чжэн"),
            ("Wang Huning", "Ван Хунин"),
            ("Zhong Shan", "Чжун Шань"),
            ("Ouyang Xiu", "Оуян Сю"),
            ("Lü Xin", "Люй Синь"),
            ("Lyu Xin", "Люй Синь"),
            ("Xi'an", "Сиань"),
            ("Chang'an", "Чанъань"),
            ("Tiananmen", "Тяньаньмэнь"),
            ("Qiqihaer", "Цицихаэр"),
            ("Yu Zhengsheng", "Юй Чжэншэн"),
        ];
        for (pinyin, cyrillic) in cases {
            assert_eq!(
                pinyin_to_palladius(pinyin).as_deref(),
                Some(cyrillic),
                "{pinyin}"
            );
        }
    }

    #[test]
    fn pinyin_to_palladius_rejects_non_pinyin() {
        for s in ["Vladimir Putin", "Harbin", "", "Xi Jinping!", "习近平"] {
            assert_eq!(pinyin_to_palladius(s), None, "{s}");
        }
    }

    #[test]
    fn palladius_words() {
        assert!(is_palladius_word("Цзиньпин"));
        assert!(is_palladius_word("хуэй"));
        assert!(!is_palladius_word("Си Цзиньпин"));
        assert!(!is_palladius_word("Oleg"));
        assert!(!is_palladius_word(""));
    }

    #[test]
    fn helpers() {
        assert_eq!(capitalise("цзян"), "Цзян");
        assert_eq!(capitalise(""), "");
        assert_eq!(ascii_pinyin("lüe"), "lyue");
    }
}
