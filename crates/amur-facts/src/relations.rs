//! Relations between two named places: sister cities, and transport links
//! (air, rail, road, bridge, sea, pipeline).

use crate::Ctx;
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
    let text = cx.doc.text;
    let mut out: Vec<Relation> = Vec::new();
    let push = |r: Relation, out: &mut Vec<Relation>| {
        let same = |x: &Relation| {
            x.kind == r.kind
                && x.mode == r.mode
                && ((x.a == r.a && x.b == r.b) || (x.a == r.b && x.b == r.a))
        };
        if r.a != r.b && !out.iter().any(same) {
            out.push(r);
        }
    };
    for &sent in &cx.sentences {
        let places = linkable_places(cx, sent);
        let mut unique: Vec<EntityId> = Vec::new();
        for (_, _, id) in &places {
            if !unique.contains(id) {
                unique.push(id.clone());
            }
        }
        if cx.has_marker(sent, MarkerKind::SisterCities) {
            for (a, b) in twin_pairs(cx, &unique) {
                push(
                    Relation {
                        kind: RelationType::SisterCities,
                        mode: None,
                        a,
                        b,
                        evidence: cx.span(sent),
                    },
                    &mut out,
                );
            }
        }
        // Transport: two towns joined by "from … to", a dash or "and", near a mode word.
        let modes: Vec<(usize, TransportMode)> = cx
            .markers
            .iter()
            .filter(|h| sent.0 <= h.start && h.end <= sent.1)
            .filter_map(|h| {
                MODES
                    .iter()
                    .find(|(k, _)| *k == h.class)
                    .map(|(_, m)| (h.start, *m))
            })
            .collect();
        if modes.is_empty() {
            continue;
        }
        for w in places.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.2 == b.2 {
                continue;
            }
            let between = text[a.1..b.0].trim().to_lowercase();
            let joined = matches!(
                between.as_str(),
                "-" | "–"
                    | "—"
                    | "to"
                    | "and"
                    | "with"
                    | "и"
                    | "с"
                    | "со"
                    | "до"
                    | "至"
                    | "到"
                    | "和"
                    | "与"
            ) || between.ends_with(" to")
                || between.is_empty();
            if !joined {
                continue;
            }
            // The mode word nearest to the pair.
            let Some(&(_, mode)) = modes.iter().min_by_key(|(at, _)| at.abs_diff(a.0)) else {
                continue;
            };
            push(
                Relation {
                    kind: RelationType::TransportLink,
                    mode: Some(mode),
                    a: a.2.clone(),
                    b: b.2.clone(),
                    evidence: cx.span(sent),
                },
                &mut out,
            );
        }
    }
    out
}

/// Towns and regions named in a sentence, in text order; a region named
/// right beside one of its own towns ("Harbin, Heilongjiang") only locates it.
fn linkable_places(cx: &Ctx, sent: (usize, usize)) -> Vec<(usize, usize, EntityId)> {
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
