//! Sectors of cooperation an article discusses, by multilingual lexicon.

use crate::Ctx;
use amur_record::Sector;
use std::collections::HashMap;

/// Sectors with at least one term in the text, most-mentioned first.
pub fn find(cx: &Ctx) -> Vec<Sector> {
    let mut counts: HashMap<Sector, usize> = HashMap::new();
    let mut last_end = 0;
    for h in &cx.sector_hits {
        // Overlapping terms of one word count once.
        if h.start < last_end {
            continue;
        }
        last_end = h.end;
        *counts.entry(h.class).or_insert(0) += 1;
    }
    let mut v: Vec<(Sector, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter().map(|(s, _)| s).collect()
}
