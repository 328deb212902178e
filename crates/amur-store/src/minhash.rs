//! Near-duplicate detection: MinHash signatures over word 5-shingles and a
//! banded lookup (LSH). Reprints and lightly edited copies share most
//! shingles, so their signatures agree in most positions.

use std::hash::{Hash, Hasher};

/// Hash functions per signature.
pub const PERM: usize = 64;
/// Rows per LSH band (PERM / ROWS bands).
pub const ROWS: usize = 4;

fn hash_with(seed: u64, s: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    seed.hash(&mut h);
    s.hash(&mut h);
    h.finish()
}

/// The MinHash signature of a text (empty for texts under five words).
pub fn signature(text: &str) -> Vec<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // Chinese has no spaces: shingle characters instead.
    let units: Vec<String> = if words.len() < 20 && text.chars().count() > 40 {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .map(String::from)
            .collect()
    } else {
        words
    };
    if units.len() < 5 {
        return Vec::new();
    }
    let mut sig = vec![u64::MAX; PERM];
    for w in units.windows(5) {
        let sh = w.join(" ");
        for (i, slot) in sig.iter_mut().enumerate() {
            let h = hash_with(i as u64, &sh);
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
        .map(|(i, c)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            i.hash(&mut h);
            c.hash(&mut h);
            h.finish()
        })
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

    #[test]
    fn reprints_are_similar() {
        let a = "The governor of Primorsky Krai met a delegation from Heilongjiang in Vladivostok on Thursday and discussed the checkpoint at Pogranichny and new flights to Harbin.";
        let b = "The governor of Primorsky Krai met a delegation from Heilongjiang in Vladivostok on Thursday and discussed the checkpoint at Pogranichny and new flights to Harbin, officials said.";
        let c = "Trade between Jilin and Russia grew by a fifth in the first four months of the year, the provincial commerce department reported on Monday.";
        assert!(similarity(&signature(a), &signature(b)) > 0.7);
        assert!(similarity(&signature(a), &signature(c)) < 0.2);
        assert_eq!(from_bytes(&to_bytes(&signature(a))), signature(a));
    }
}
