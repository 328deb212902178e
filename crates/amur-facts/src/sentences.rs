//! Sentences and clauses with byte spans, for English, Russian and Chinese.

use amur_record::chars::ToLower;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREV: &[&str] = &[
    "mr", "ms", "mrs", "dr", "co", "ltd", "inc", "corp", "st", "no", "vs", "etc", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "gen", "gov",
    "sen", "rep", "dept", "г", "гг", "им", "ул", "т.д", "т.п", "др", "пр", "млн", "млрд", "тыс",
    "руб", "долл", "см", "д", "с", "в", "н", "э",
];

/// Sentence spans of `text` (bytes, trimmed).
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let end_here = match c {
            '\n' => true,
            '。' | '！' | '？' | '；' => true,
            '.' | '!' | '?' => {
                let next = chars.get(i + 1).map(|x| x.1);
                let after_space =
                    next.is_none_or(|n| n.is_whitespace() || n == '"' || n == '”' || n == '»');
                let word: String = text[start..pos]
                    .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                    .next()
                    .unwrap_or("")
                    .to_lower();
                let abbrev = c == '.'
                    && (ABBREV.contains(&word.as_str())
                        || (word.chars().count() == 1
                            && word.chars().all(amur_record::chars::is_alphabetic)));
                // A decimal point, an initial, or a full stop followed by a
                // lower-case word is not a sentence end.
                let next_word_lower = text[pos + c.len_utf8()..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase);
                after_space && !abbrev && !next_word_lower
            }
            _ => false,
        };
        if end_here {
            let mut end = pos + c.len_utf8();
            // Keep a closing quote with its sentence.
            while let Some(&(p2, q)) = chars.get(i + 1) {
                if matches!(q, '"' | '”' | '»' | '」' | '）' | ')') {
                    end = p2 + q.len_utf8();
                    i += 1;
                } else {
                    break;
                }
            }
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let slice = &text[s..e];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push((s + lead, e - trail));
    }
}

/// Clause spans of a sentence: split at semicolons, commas and Chinese commas.
pub fn clauses(text: &str, (s, e): (usize, usize)) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = s;
    for (i, c) in text[s..e].char_indices() {
        if matches!(c, ',' | ';' | '，' | '；' | '、') && c != '、' {
            // Commas inside numbers ("1,234") do not split.
            let before = text[..s + i].chars().next_back();
            let after = text[s + i + c.len_utf8()..].chars().next();
            if before.is_some_and(|b| b.is_ascii_digit())
                && after.is_some_and(|a| a.is_ascii_digit())
            {
                continue;
            }
            push_trimmed(text, start, s + i, &mut out);
            start = s + i + c.len_utf8();
        }
    }
    push_trimmed(text, start, e, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn splits_three_languages() {
        assert_eq!(
            texts("Mr. Denisov spoke. Trade rose 38.7% to $5.3 bn. Done!"),
            [
                "Mr. Denisov spoke.",
                "Trade rose 38.7% to $5.3 bn.",
                "Done!"
            ]
        );
        assert_eq!(
            texts("Встреча прошла 5 авг. в Харбине. Стороны подписали соглашение."),
            [
                "Встреча прошла 5 авг. в Харбине.",
                "Стороны подписали соглашение."
            ]
        );
        assert_eq!(
            texts("双方举行会谈。签署了协议！"),
            ["双方举行会谈。", "签署了协议！"]
        );
        assert_eq!(
            texts("Dalian Port Co., Ltd. and Noribo signed."),
            ["Dalian Port Co., Ltd. and Noribo signed."]
        );
    }
}
