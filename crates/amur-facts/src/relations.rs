//! Relations between two named places: sister cities, and transport links
//! (air, rail, road, bridge, sea, pipeline).

use crate::Ctx;
use amur_recognise::text::is_han;
use amur_record::chars::ToLower;
use amur_record::{EntityId, EntityType, Relation, RelationType, TransportMode};
use amur_refdata::MarkerKind;

const MODES: &[(MarkerKind, TransportMode)] = &[
    (MarkerKind::Air, TransportMode::Air),
    (MarkerKind::Rail, TransportMode::Rail),
    (MarkerKind::Road, TransportMode::Road),
    (MarkerKind::Bridge, TransportMode::Bridge),
    (MarkerKind::Sea, TransportMode::Sea),
    (MarkerKind::Pipeline, TransportMode::Pipeline),
];

/// Every relation the article states.
pub fn find(cx: &Ctx) -> Vec<Relation> {
    let mut out: Vec<Relation> = Vec::new();
    let mut prev: Option<(usize, usize)> = None;
    for &sent in &cx.sentences {
        for r in sister_cities(cx, sent, prev)
            .into_iter()
            .chain(transport_links(cx, sent))
        {
            let same = |x: &Relation| {
                x.kind == r.kind
                    && x.mode == r.mode
                    && ((x.a == r.a && x.b == r.b) || (x.a == r.b && x.b == r.a))
            };
            if r.a != r.b && !out.iter().any(same) {
                out.push(r);
            }
        }
        prev = Some(sent);
    }
    out
}

/// Twinned places of a sentence with a sister-city marker. When the sentence
/// names fewer than two ("the 25th anniversary of twinning with this city"),
/// the sentence before it in the same paragraph supplies them, if together
/// they make exactly one pair.
fn sister_cities(cx: &Ctx, sent: (usize, usize), prev: Option<(usize, usize)>) -> Vec<Relation> {
    if !cx.has_marker(sent, MarkerKind::SisterCities) {
        return Vec::new();
    }
    let mut pairs = twin_pairs(cx, &unique_places(cx, sent));
    if pairs.is_empty() {
        if let Some(p) = prev.filter(|p| !cx.doc.text[p.1..sent.0].contains('\n')) {
            let mut places = unique_places(cx, p);
            for id in unique_places(cx, sent) {
                if !places.contains(&id) {
                    places.push(id);
                }
            }
            let joint = twin_pairs(cx, &places);
            if joint.len() == 1 {
                pairs = joint;
            }
        }
    }
    pairs
        .into_iter()
        .map(|(a, b)| Relation {
            kind: RelationType::SisterCities,
            mode: None,
            a,
            b,
            evidence: cx.span(sent),
        })
        .collect()
}

/// The linkable places of a sentence, each once, in text order.
fn unique_places(cx: &Ctx, sent: (usize, usize)) -> Vec<EntityId> {
    let mut unique: Vec<EntityId> = Vec::new();
    for (_, _, id) in linkable_places(cx, sent) {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    unique
}

/// A place mention: start, end, entity.
type Place = (usize, usize, EntityId);

/// How two neighbouring places of a sentence are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// Not as a link.
    No,
    /// As a pair ("from Heihe to Blagoveshchensk", "Urumqi and Irkutsk").
    Pair,
    /// By a dash, which a list may carry on ("Vladivostok–Harbin, Beijing").
    Dash,
    /// By a list separator after a dashed pair.
    List,
}

/// Transport links of a sentence: two places joined by a dash, "to", "and"
/// and the like (see `rules/link_words.tsv`), in a sentence with a mode word.
fn transport_links(cx: &Ctx, sent: (usize, usize)) -> Vec<Relation> {
    // The mode words of the sentence, by position.
    let modes: Vec<(usize, TransportMode)> = cx
        .markers_in(sent)
        .filter_map(|h| {
            MODES
                .iter()
                .find(|(k, _)| *k == h.class)
                .map(|(_, m)| (h.start, *m))
        })
        .collect();
    if modes.is_empty() {
        return Vec::new();
    }
    let places = linkable_places(cx, sent);
    let joins: Vec<Join> = places
        .windows(2)
        .map(|w| join(cx, sent, &w[0], &w[1]))
        .collect();
    let country = |id: &EntityId| cx.entity_by_id(id).and_then(|e| cx.country(e));
    let mut out = Vec::new();
    // The dashed pair a list carries on, while it does.
    let mut head: Option<(&Place, &Place)> = None;
    for (i, w) in places.windows(2).enumerate() {
        let (a, b) = (&w[0], &w[1]);
        let first = match (joins[i], head) {
            // A list item is one more place on the second side, not the
            // start of the next pair ("A – B, C – D").
            (Join::List, Some((h, second)))
                if joins.get(i + 1) != Some(&Join::Dash) && country(&b.2) == country(&second.2) =>
            {
                h
            }
            (Join::Pair | Join::Dash, _) => a,
            _ => {
                head = None;
                continue;
            }
        };
        head = (joins[i] == Join::Dash).then_some((a, b)).or(head);
        if joins[i] == Join::Pair {
            head = None;
        }
        if first.2 == b.2 {
            continue;
        }
        // The mode word nearest to the pair.
        let Some(&(_, mode)) = modes.iter().min_by_key(|(at, _)| at.abs_diff(first.0)) else {
            continue;
        };
        out.push(Relation {
            kind: RelationType::TransportLink,
            mode: Some(mode),
            a: first.2.clone(),
            b: b.2.clone(),
            evidence: cx.span(sent),
        });
    }
    out
}

/// How the text between two neighbouring places joins them. Asides in
/// brackets, other names (countries, a town's own region) and fillers ("the
/// city of", "города", "市") are set aside first; what is left must be a
/// joiner, or end with one when a cue ("linking", "между", "从") comes just
/// before the first place.
fn join(cx: &Ctx, sent: (usize, usize), a: &Place, b: &Place) -> Join {
    let text = cx.doc.text;
    let lw = cx.links;
    let mut between = String::new();
    let mut at = a.1;
    for m in cx.mentions_in((a.1, b.0)) {
        between.push_str(&text[at..m.start.max(at)]);
        between.push(' ');
        at = at.max(m.end);
    }
    between.push_str(&text[at..b.0]);
    let between = one_dash(&between.to_lower());
    let between = strip_fillers(&drop_asides(&between), &lw.fillers);
    let b = between.as_str();
    if lw.joiners.iter().any(|j| j == b) {
        return if b.chars().all(|c| !amur_record::chars::is_alphanumeric(c)) {
            Join::Dash
        } else {
            Join::Pair
        };
    }
    if lw.lists.iter().any(|j| j == b) {
        return Join::List;
    }
    let ends_with_joiner = lw.joiners.iter().any(|j| {
        if j.chars().all(is_han) {
            b.ends_with(j.as_str())
        } else {
            j.chars().all(amur_record::chars::is_alphanumeric) && b.ends_with(&format!(" {j}"))
        }
    });
    if ends_with_joiner && cue_before(cx, sent, a.0) {
        Join::Pair
    } else {
        Join::No
    }
}

/// The text with every run of dashes and hyphens ("-", "—", "——") as one
/// en dash, the form the data file lists.
fn one_dash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '-' | '–' | '—' | '‒' | '―') {
            if !out.ends_with('–') {
                out.push('–');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The text without asides in brackets, trimmed.
fn drop_asides(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text without fillers at either end (as whole words in en/ru).
fn strip_fillers(s: &str, fillers: &[String]) -> String {
    let mut s = s.trim();
    loop {
        let before = s;
        for f in fillers {
            let word = f.chars().any(amur_record::chars::is_alphanumeric) && !f.chars().any(is_han);
            if let Some(rest) = s.strip_prefix(f.as_str()) {
                if !word || rest.is_empty() || rest.starts_with(' ') {
                    s = rest.trim();
                }
            }
            if let Some(rest) = s.strip_suffix(f.as_str()) {
                if !word || rest.is_empty() || rest.ends_with(' ') {
                    s = rest.trim();
                }
            }
        }
        if s == before {
            return s.to_string();
        }
    }
}

/// Whether a cue word ("linking", "между", "从") stands within a few words
/// before `at` in the sentence.
fn cue_before(cx: &Ctx, sent: (usize, usize), at: usize) -> bool {
    let text = cx.doc.text;
    let mut from = at.saturating_sub(40).max(sent.0);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = text[from..at].to_lower();
    cx.links.cues.iter().any(|c| {
        if c.chars().any(is_han) {
            return window.contains(c.as_str());
        }
        // Short cues ("от", "from") are whole words, longer ones stems.
        let whole = c.chars().count() <= 4;
        window.match_indices(c.as_str()).any(|(i, _)| {
            let starts = !window[..i]
                .chars()
                .next_back()
                .is_some_and(amur_record::chars::is_alphanumeric);
            let ends = !window[i + c.len()..]
                .chars()
                .next()
                .is_some_and(amur_record::chars::is_alphanumeric);
            starts && (ends || !whole)
        })
    })
}

/// Towns and regions named in a sentence, in text order; a region named
/// right beside one of its own towns ("Harbin, Heilongjiang") only locates it.
fn linkable_places(cx: &Ctx, sent: (usize, usize)) -> Vec<Place> {
    let all: Vec<(usize, usize, EntityId, EntityType)> = cx
        .mentions_in(sent)
        .filter(|m| matches!(cx.entity(m).kind, EntityType::City | EntityType::Region))
        .map(|m| (m.start, m.end, cx.entity(m).id.clone(), cx.entity(m).kind))
        .collect();
    let towns: Vec<&EntityId> = all
        .iter()
        .filter(|p| p.3 == EntityType::City)
        .map(|p| &p.2)
        .collect();
    all.iter()
        .filter(|p| {
            p.3 == EntityType::City || !towns.iter().any(|t| cx.data.region_of(t) == Some(&p.2))
        })
        .map(|p| (p.0, p.1, p.2.clone()))
        .collect()
}

/// Sister-city pairs among the places of a sentence: twins lie in different
/// countries ("Suifenhe will twin with Nakhodka and Partizansk" pairs Suifenhe
/// with each, not the two Russian towns); towns pair with towns, regions with
/// regions.
fn twin_pairs(cx: &Ctx, places: &[EntityId]) -> Vec<(EntityId, EntityId)> {
    let kind = |id: &EntityId| {
        cx.entity_by_id(id).map(|e| {
            // A city-level region (Beijing, Shanghai) twins as a town.
            let municipal = cx
                .data
                .get(e.id.as_str())
                .and_then(|r| r.subtype.as_deref())
                == Some("municipality");
            let k = if municipal { EntityType::City } else { e.kind };
            (k, cx.country(e))
        })
    };
    let mut out = Vec::new();
    for (i, a) in places.iter().enumerate().take(4) {
        for b in places.iter().skip(i + 1).take(4) {
            let (Some((ka, ca)), Some((kb, cb))) = (kind(a), kind(b)) else {
                continue;
            };
            let same_country = ca.is_some() && ca == cb;
            if ka == kb && !same_country {
                out.push((a.clone(), b.clone()));
            }
        }
    }
    out
}
