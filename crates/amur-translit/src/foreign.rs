//! Foreign (chiefly Russian) personal names transcribed into Chinese
//! characters (舍斯塔科夫) back into Latin letters (Shestakov), and where such
//! a name ends in running text: the transcription uses a closed set of
//! characters (`data/lexicon/zh_transcription.tsv`), so the first character
//! outside it ends the name (卡扎琴科递给… → 卡扎琴科).

use foldhash::{HashMap, HashMapExt};
use std::sync::LazyLock;

/// The file's path under `data/`.
const FILE: &str = "lexicon/zh_transcription.tsv";

/// Readings by character sequence: (anywhere, at the end only).
struct Table {
    any: HashMap<String, String>,
    end: HashMap<String, String>,
    longest: usize,
}

/// Read through `amur-refdata`'s reader; `amur refdata check` reports any
/// malformed row of the file with its line.
static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut problems = Vec::new();
    let text = amur_refdata::embedded_text(FILE).unwrap_or("");
    let tsv = amur_refdata::tsv::parse(FILE, text, &mut problems);
    let mut t = Table {
        any: HashMap::new(),
        end: HashMap::new(),
        longest: 1,
    };
    for row in tsv.rows() {
        let (Some(han), Some(latin)) = (tsv.get(row, "han"), tsv.get(row, "latin")) else {
            continue;
        };
        t.longest = t.longest.max(han.chars().count());
        let map = if tsv.raw(row, "at") == "end" {
            &mut t.end
        } else {
            &mut t.any
        };
        map.insert(han.to_string(), latin.to_string());
    }
    t
});

/// Reads the longest transcribed prefix of `chars`, longest sequence first
/// (an `end` reading only where the prefix reaches the end of `chars`):
/// how many characters it covers, and their sounds.
fn read(chars: &[char]) -> (usize, String) {
    let t = &*TABLE;
    let mut out = String::new();
    let mut i = 0;
    'outer: while i < chars.len() {
        for n in (1..=t.longest.min(chars.len() - i)).rev() {
            let s: String = chars[i..i + n].iter().collect();
            let at_end = i + n == chars.len();
            let reading = at_end
                .then(|| t.end.get(&s))
                .flatten()
                .or_else(|| t.any.get(&s));
            if let Some(r) = reading {
                out.push_str(r);
                i += n;
                continue 'outer;
            }
        }
        break;
    }
    (i, out)
}

/// How many leading characters of `chars` can belong to a transcribed name.
pub fn transcribed_run(chars: &[char]) -> usize {
    read(chars).0
}

/// A transcribed foreign name in Latin letters, capitalised; `None` when a
/// character is not one of the transcription's.
pub fn zh_transcription_to_latin(name: &str) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    let (read_to, out) = read(&chars);
    if read_to < chars.len() {
        return None;
    }
    let mut cs = out.chars();
    let first = cs.next()?;
    Some(first.to_uppercase().chain(cs).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_surnames_back_to_latin() {
        assert_eq!(
            zh_transcription_to_latin("舍斯塔科夫").as_deref(),
            Some("Shestakov")
        );
        assert_eq!(
            zh_transcription_to_latin("扎哈罗夫").as_deref(),
            Some("Zakharov")
        );
        assert_eq!(
            zh_transcription_to_latin("卡扎琴科").as_deref(),
            Some("Kazachenko")
        );
        assert_eq!(
            zh_transcription_to_latin("马金斯基").as_deref(),
            Some("Makinsky")
        );
        // Must not fire: ordinary Chinese words.
        assert_eq!(zh_transcription_to_latin("递给记者"), None);
    }

    #[test]
    fn a_name_ends_at_the_first_other_character() {
        let c: Vec<char> = "卡扎琴科递给记者".chars().collect();
        assert_eq!(transcribed_run(&c), 4);
        let c: Vec<char> = "会见了".chars().collect();
        assert_eq!(transcribed_run(&c), 0);
    }
}
