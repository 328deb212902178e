//! Romanisation of Russian Cyrillic the way English-language media write
//! Russian names (BGN/PCGN without diacritics or apostrophes, plus the
//! press habits listed on [`ru_to_latin`]).

/// Russian (and the few Ukrainian) vowel letters, lower case.
fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'і' | 'ї' | 'є'
    )
}

/// Lower-case Cyrillic letters this module romanises.
fn is_cyrillic(c: char) -> bool {
    matches!(c, 'а'..='я' | 'ё' | 'і' | 'ї' | 'є' | 'ґ' | 'ў')
}

/// A consonant letter (Cyrillic, or any other alphabetic that is not a
/// Cyrillic vowel or sign), used to decide how "й" is written.
fn is_consonant(c: char) -> bool {
    c.is_alphabetic() && !is_vowel(c) && !matches!(c, 'ь' | 'ъ' | 'й')
}

/// Letters whose spelling does not depend on their neighbours.
fn plain(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'ё' => "yo",
        'і' => "i",
        'ї' => "yi",
        'є' => "ye",
        'ґ' => "g",
        'ў' => "u",
        _ => "",
    }
}

/// Romanises the lower-case letter at `i` of `word` (lower-cased letters of
/// one word); returns the Latin spelling and how many letters it used.
fn letter(word: &[char], i: usize) -> (&'static str, usize) {
    let c = word[i];
    let prev = i.checked_sub(1).and_then(|p| word.get(p)).copied();
    let next = word.get(i + 1).copied();
    let after_next = word.get(i + 2).copied();
    match c {
        // -ий/-ый at the end of a word: one "y" (Dmitry, Yury, Grozny).
        'и' | 'ы' if next == Some('й') && after_next.is_none() => ("y", 2),
        // -ия at the end of a word: "ia" (Maria, Yakutia), as news writes it.
        'и' if next == Some('я') && after_next.is_none() => ("ia", 2),
        // е is "ye" at the start of a word and after ь/ъ (Yelena,
        // Savelyev), "e" elsewhere, also after vowels (Nikolaev).
        'е' => match prev {
            None | Some('ь' | 'ъ') => ("ye", 1),
            Some(_) => ("e", 1),
        },
        // й closing a diphthong before a consonant is "i" after а/о/е
        // (Aisen, Shoigu, Starovoit; so also Maikop, where media are split),
        // as is a word-final "ай" (Nikolai, Altai); elsewhere "y" (Sergey,
        // Tolstoy, Kaspiysk).
        'й' => match (prev, next) {
            (Some('а'), None) => ("i", 1),
            (Some('а' | 'о' | 'е'), Some(n)) if is_consonant(n) => ("i", 1),
            _ => ("y", 1),
        },
        // The soft sign is silent except as a glide before и/о (Ilyin).
        'ь' => match next {
            Some('и' | 'о') => ("y", 1),
            _ => ("", 1),
        },
        'ъ' => ("", 1),
        _ => (plain(c), 1),
    }
}

/// Russian Cyrillic → the usual English romanisation of names, as English
/// media write them (BGN/PCGN-like, no diacritics or apostrophes).
///
/// Letters: а a, б b, в v, г g, д d, ё yo, ж zh, з z, и i, к k, л l, м m,
/// н n, о o, п p, р r, с s, т t, у u, ф f, х kh, ц ts, ч ch, ш sh,
/// щ shch, ы y, э e, ю yu, я ya; ь and ъ are dropped. Context rules:
/// - е: "ye" at the start of a word and after ь/ъ (Yelena, Yevgeny,
///   Savelyev), "e" after consonants and vowels (Nikolaev, Dmitriev);
/// - -ий / -ый at word end: "y" (Dmitry, Yury, Vasily, Grozny);
/// - -ия at word end: "ia" (Maria, Viktoria, Yakutia);
/// - й: "i" in ай/ой/ей before a consonant and in a final ай (Aisen,
///   Shoigu, Nikolai, Altai), otherwise "y" (Sergey, Andrey, Tolstoy);
/// - ь before и/о: "y" (Ilyin).
///
/// Ukrainian і ї є ґ ў are read as i yi ye g u. Other characters pass
/// through unchanged. Case follows each letter, and a word written all in
/// capitals stays in capitals ("ЩЕРБИНА" → "SHCHERBINA"). Conventional
/// English given names (Alexander for Aleksandr) are not special-cased.
///
/// ```
/// use amur_translit::ru_to_latin;
/// assert_eq!(ru_to_latin("Владимир Ощепков"), "Vladimir Oshchepkov");
/// assert_eq!(ru_to_latin("Юрий Трутнев"), "Yury Trutnev");
/// ```
pub fn ru_to_latin(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    let mut word: Vec<char> = Vec::new();
    for c in s.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush_word(&word, &mut out);
            word.clear();
            out.push(c);
        }
    }
    flush_word(&word, &mut out);
    out
}

/// Romanises one run of letters into `out`.
fn flush_word(word: &[char], out: &mut String) {
    if word.is_empty() {
        return;
    }
    let lower: Vec<char> = word.iter().map(|&c| to_lower(c)).collect();
    // Two or more letters, none lower case: keep the whole word in capitals.
    let all_caps = word.len() > 1 && !word.iter().any(|c| c.is_lowercase());
    let mut i = 0;
    while i < word.len() {
        let c = lower[i];
        if !is_cyrillic(c) && !matches!(c, 'ь' | 'ъ') {
            out.push(word[i]);
            i += 1;
            continue;
        }
        let (latin, used) = letter(&lower, i);
        if word[i].is_uppercase() {
            if all_caps {
                out.push_str(&latin.to_uppercase());
            } else {
                let mut chars = latin.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            }
        } else {
            out.push_str(latin);
        }
        i += used.max(1);
    }
}

/// Single-character lower case (Cyrillic never expands when lowered).
fn to_lower(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_the_brief() {
        let cases = [
            ("Владимир Ощепков", "Vladimir Oshchepkov"),
            ("Олег Кожемяко", "Oleg Kozhemyako"),
            ("Андрей Денисов", "Andrey Denisov"),
            ("Юрий Трутнев", "Yury Trutnev"),
            ("Дмитрий Демешин", "Dmitry Demeshin"),
            ("Айсен Николаев", "Aisen Nikolaev"),
            ("Сергей", "Sergey"),
            ("Наталья", "Natalya"),
            ("Хабаровск", "Khabarovsk"),
            ("Щербина", "Shcherbina"),
            ("Ощепков", "Oshchepkov"),
            ("Благовещенск", "Blagoveshchensk"),
            ("Василий", "Vasily"),
        ];
        for (ru, en) in cases {
            assert_eq!(ru_to_latin(ru), en, "{ru}");
        }
    }

    /// Real names with the spelling English media (and the Amur reference
    /// tables) use, one per rule.
    #[test]
    fn rule_table_from_real_names() {
        let cases = [
            // е at the start of a word and after ь
            ("Елена", "Yelena"),
            ("Евгений", "Yevgeny"),
            ("Егор Борисов", "Yegor Borisov"),
            ("Екатеринбург", "Yekaterinburg"),
            ("Ельцин", "Yeltsin"),
            ("Савельев", "Savelyev"),
            ("Григорьев", "Grigoryev"),
            // е after a vowel
            ("Виктор Ишаев", "Viktor Ishaev"),
            ("Кирилл Дмитриев", "Kirill Dmitriev"),
            ("Алексей Улюкаев", "Aleksey Ulyukaev"),
            // -ий, -ый
            ("Георгий Полтавченко", "Georgy Poltavchenko"),
            ("Виталий Мутко", "Vitaly Mutko"),
            ("Аркадий Дворкович", "Arkady Dvorkovich"),
            ("Грозный", "Grozny"),
            ("Великий Новгород", "Veliky Novgorod"),
            ("Приморский край", "Primorsky krai"),
            ("Миклушевский", "Miklushevsky"),
            ("Кузьмицкий", "Kuzmitsky"),
            // й
            ("Николай Патрушев", "Nikolai Patrushev"),
            ("Сергей Шойгу", "Sergey Shoigu"),
            ("Роман Старовойт", "Roman Starovoit"),
            ("Антон Вайно", "Anton Vaino"),
            ("Алтай", "Altai"),
            ("Каспийск", "Kaspiysk"),
            ("Евгений Куйвашев", "Yevgeny Kuyvashev"),
            ("Лев Толстой", "Lev Tolstoy"),
            ("Йошкар-Ола", "Yoshkar-Ola"),
            // -ия, ья, ё, ь
            ("Мария Захарова", "Maria Zakharova"),
            ("Виктория", "Viktoria"),
            ("Якутия", "Yakutia"),
            ("Татьяна Голикова", "Tatyana Golikova"),
            ("Ольга Любимова", "Olga Lyubimova"),
            ("Королёв", "Korolyov"),
            ("Пётр", "Pyotr"),
            ("Орёл", "Oryol"),
            ("Ильин", "Ilyin"),
            ("Ярославль", "Yaroslavl"),
            ("Подъезд", "Podyezd"),
            // the rest of the alphabet
            ("Хуснуллин", "Khusnullin"),
            ("Цыденов", "Tsydenov"),
            ("Чернышенко", "Chernyshenko"),
            ("Жданова", "Zhdanova"),
            ("Электросталь", "Elektrostal"),
            ("Юрченко", "Yurchenko"),
            ("Вячеслав Володин", "Vyacheslav Volodin"),
            ("Ханты-Мансийск", "Khanty-Mansiysk"),
            ("Набережные Челны", "Naberezhnye Chelny"),
        ];
        for (ru, en) in cases {
            assert_eq!(ru_to_latin(ru), en, "{ru}");
        }
    }

    #[test]
    fn case_is_kept_per_word() {
        assert_eq!(ru_to_latin("ЩЕРБИНА"), "SHCHERBINA");
        assert_eq!(ru_to_latin("ЮРИЙ Трутнев"), "YURY Trutnev");
        assert_eq!(ru_to_latin("щербина"), "shcherbina");
        assert_eq!(ru_to_latin("Щ"), "Shch");
        assert_eq!(ru_to_latin("МакДональд"), "MakDonald");
        assert_eq!(ru_to_latin("ОБЪЕМ"), "OBYEM");
    }

    #[test]
    fn other_characters_pass_through() {
        assert_eq!(ru_to_latin("Путин (Putin), 2024!"), "Putin (Putin), 2024!");
        assert_eq!(ru_to_latin("黑河 и Благовещенск"), "黑河 i Blagoveshchensk");
        assert_eq!(ru_to_latin("ґ є"), "g ye");
        assert_eq!(ru_to_latin(""), "");
        assert_eq!(ru_to_latin("🙂 ь ъ Ь"), "🙂   ");
    }
}
