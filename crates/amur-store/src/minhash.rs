//! Near-duplicate detection: MinHash signatures over word 5-shingles and a
//! banded lookup (LSH). Reprints and lightly edited copies share most
//! shingles, so their signatures agree in most positions.

/// Hash functions per signature.
pub const PERM: usize = 64;
/// Rows per LSH band (PERM / ROWS bands).
pub const ROWS: usize = 4;

/// The splitmix64 finaliser: a fixed, well-mixed 64-bit permutation. The
/// hashes here are stored in the knowledge base, so they must not depend on
/// the compiler's `DefaultHasher`, which may change between releases.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a over a word's lower-case characters, then mixed.
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |c: char| {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    // The standard library's lower-case characters, through the fast path:
    // stored hashes hold.
    for c in word.chars() {
        amur_record::chars::each_lower(c, &mut add);
    }
    mix(h)
}

/// The MinHash signature of a text (empty for texts under five words).
/// Each shingle is hashed once from its words' hashes; the 64 hash functions
/// are that value mixed with 64 fixed seeds.
pub fn signature(text: &str) -> Vec<u64> {
    let words: Vec<u64> = text
        .split(|c: char| !amur_record::chars::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
    // Chinese has no spaces: shingle characters instead.
    let units: Vec<u64> = if words.len() < 20 && text.chars().count() > 40 {
        let mut buf = [0u8; 4];
        text.chars()
            .filter(|c| amur_record::chars::is_alphanumeric(*c))
            .map(|c| word_hash(c.encode_utf8(&mut buf)))
            .collect()
    } else {
        words
    };
    if units.len() < 5 {
        return Vec::new();
    }
    let seeds: [u64; PERM] = std::array::from_fn(|i| mix(i as u64 + 1));
    let mut sig = vec![u64::MAX; PERM];
    for w in units.windows(5) {
        let sh = w.iter().fold(0u64, |h, &x| mix(h ^ x));
        for (slot, seed) in sig.iter_mut().zip(&seeds) {
            let h = mix(sh ^ seed);
            if h < *slot {
                *slot = h;
            }
        }
    }
    sig
}

/// Estimated Jaccard similarity of two signatures.
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// LSH band keys of a signature.
pub fn bands(sig: &[u64]) -> Vec<u64> {
    sig.chunks(ROWS)
        .enumerate()
        .map(|(i, c)| c.iter().fold(mix(i as u64), |h, &x| mix(h ^ x)))
        .collect()
}

/// Signature as bytes for storage.
pub fn to_bytes(sig: &[u64]) -> Vec<u8> {
    sig.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// Signature from stored bytes.
pub fn from_bytes(b: &[u8]) -> Vec<u64> {
    b.chunks_exact(8)
        .map(|c| {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            u64::from_le_bytes(a)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STABLE_0: u64 = 4_505_823_242_724_522_661;
    const STABLE_1: u64 = 1_146_776_360_796_929_828;
    const STABLE_BAND_0: u64 = 8_122_098_507_044_601_188;

    #[test]
    fn reprints_are_similar() {
        let a = "The governor of Primorsky Krai met a delegation from Heilongjiang in Vladivostok on Thursday and discussed the checkpoint at Pogranichny and new flights to Harbin.";
        let b = "The governor of Primorsky Krai met a delegation from Heilongjiang in Vladivostok on Thursday and discussed the checkpoint at Pogranichny and new flights to Harbin, officials said.";
        let c = "Trade between Jilin and Russia grew by a fifth in the first four months of the year, the provincial commerce department reported on Monday.";
        assert!(similarity(&signature(a), &signature(b)) > 0.7);
        assert!(similarity(&signature(a), &signature(c)) < 0.2);
        assert_eq!(from_bytes(&to_bytes(&signature(a))), signature(a));
    }

    #[test]
    fn word_hashes_equal_the_standard_library_lower_casing() {
        // The hash as first defined: the standard library's lower case.
        fn reference(word: &str) -> u64 {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for c in word.chars().flat_map(char::to_lowercase) {
                let mut buf = [0u8; 4];
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
                }
            }
            mix(h)
        }
        for w in [
            "Приморья",
            "ЁЛКА",
            "Ѐ",
            "İstanbul",
            "ΣΑΣ",
            "黑龙江",
            "Harbin",
            "ǅ",
        ] {
            assert_eq!(word_hash(w), reference(w), "{w}");
        }
    }

    #[test]
    fn signatures_are_stable_across_builds() {
        // Stored signatures are compared with new ones: these values must
        // never change without a store migration (schema::STORE_VERSION).
        let sig = signature("one two three four five six");
        assert_eq!(sig.len(), PERM);
        assert_eq!(&sig[..2], &[STABLE_0, STABLE_1]);
        assert_eq!(bands(&sig).len(), PERM / ROWS);
        assert_eq!(bands(&sig)[0], STABLE_BAND_0);
        assert_eq!(signature("Один ДВА"), Vec::<u64>::new());
        // Letter case does not matter.
        assert_eq!(signature("ONE two Three four five six"), sig);
    }
}
