//! Dynamic-programming split of a word into syllables, shared by the pinyin
//! and the Palladius readers.

/// Cost of a partial segmentation; compared lexicographically, lower is better.
///
/// Fewer syllables come first (so "xian" is one syllable, not "xi" + "an"),
/// then the summed penalties of the syllables after the first. Callers
/// penalise vowel-initial syllables: both pinyin and Palladius mark those
/// with an apostrophe or "ъ", so an unmarked "…nan…" is read as "…+nan",
/// never "…n+an…".
type Cost = (usize, usize);

/// One DP cell: the cost to reach this position, where the last piece began,
/// and the canonical syllable that piece stands for.
type Cell = (Cost, usize, &'static str);

/// Splits `chars` into pieces of at most `max_len` characters that `lookup`
/// accepts, choosing the cheapest split (see [`Cost`]). `penalty` weighs a
/// non-initial piece given its spelling and the syllable it stands for.
/// Returns the canonical syllables `lookup` gave, or `None` when no full
/// split exists.
pub(crate) fn segment<F, P>(
    chars: &[char],
    max_len: usize,
    lookup: F,
    penalty: P,
) -> Option<Vec<&'static str>>
where
    F: Fn(&str) -> Option<&'static str>,
    P: Fn(&str, &str) -> usize,
{
    let n = chars.len();
    if n == 0 {
        return None;
    }
    let mut best: Vec<Option<Cell>> = vec![None; n + 1];
    // Position 0 is reached for free; its "last piece" fields are never read.
    best[0] = Some(((0, 0), 0, ""));
    let mut piece = String::new();
    for start in 0..n {
        let Some(((count, paid), _, _)) = best[start] else {
            continue;
        };
        piece.clear();
        for end in (start + 1)..=n.min(start + max_len) {
            piece.push(chars[end - 1]);
            let Some(syllable) = lookup(&piece) else {
                continue;
            };
            let extra = if start > 0 {
                penalty(&piece, syllable)
            } else {
                0
            };
            let cost = (count + 1, paid + extra);
            // Strictly better only: on ties the first split found (longest
            // earlier pieces are tried last, so shorter-first wins) is kept,
            // which keeps the result deterministic.
            if best[end].is_none_or(|(old, _, _)| cost < old) {
                best[end] = Some((cost, start, syllable));
            }
        }
    }
    let mut out = Vec::new();
    let mut pos = n;
    while pos > 0 {
        let (_, start, syllable) = best[pos]?;
        out.push(syllable);
        pos = start;
    }
    out.reverse();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy(piece: &str) -> Option<&'static str> {
        ["a", "b", "ab", "ba", "nan", "an", "na"]
            .into_iter()
            .find(|s| *s == piece)
    }

    fn vowel(piece: &str, _syllable: &str) -> usize {
        usize::from(piece.starts_with('a'))
    }

    fn seg(s: &str) -> Option<Vec<&'static str>> {
        let chars: Vec<char> = s.chars().collect();
        segment(&chars, 3, toy, vowel)
    }

    #[test]
    fn prefers_fewer_pieces() {
        assert_eq!(seg("ab"), Some(vec!["ab"]));
        assert_eq!(seg("aba"), Some(vec!["a", "ba"]));
    }

    #[test]
    fn prefers_consonant_initial_pieces_on_ties() {
        // "a"+"nan" and "an"+"an" both have two pieces; the second has a
        // vowel-initial piece after the first.
        assert_eq!(seg("anan"), Some(vec!["a", "nan"]));
    }

    #[test]
    fn rejects_unsplittable_and_empty() {
        assert_eq!(seg("abc"), None);
        assert_eq!(seg(""), None);
    }
}
