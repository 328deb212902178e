//! Relations between two named places: sister cities, and transport links
//! (air, rail, road, bridge, sea, pipeline).

use crate::Ctx;
use amur_record::{EntityId, EntityType, Relation, RelationType, TransportMode};

const MODES: &[(&str, TransportMode)] = &[
    ("air", TransportMode::Air),
    ("rail", TransportMode::Rail),
    ("road", TransportMode::Road),
    ("bridge", TransportMode::Bridge),
    ("sea", TransportMode::Sea),
    ("pipeline", TransportMode::Pipeline),
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
        let cities: Vec<(usize, usize, EntityId)> = cx
            .mentions_in(sent)
            .filter(|m| cx.entity(m).kind == EntityType::City)
            .map(|m| (m.start, m.end, cx.entity(m).id.clone()))
            .collect();
        let mut unique: Vec<EntityId> = Vec::new();
        for (_, _, id) in &cities {
            if !unique.contains(id) {
                unique.push(id.clone());
            }
        }
        if cx.has_marker(sent, "sister_cities") {
            let mut group = unique.clone();
            if group.len() < 2 {
                group = cx
                    .mentions_in(sent)
                    .filter(|m| cx.entity(m).kind == EntityType::Region)
                    .map(|m| cx.entity(m).id.clone())
                    .fold(Vec::new(), |mut v, id| {
                        if !v.contains(&id) {
                            v.push(id);
                        }
                        v
                    });
            }
            for i in 0..group.len() {
                for j in i + 1..group.len().min(4) {
                    push(
                        Relation {
                            kind: RelationType::SisterCities,
                            mode: None,
                            a: group[i].clone(),
                            b: group[j].clone(),
                            evidence: cx.span(sent),
                        },
                        &mut out,
                    );
                }
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
        for w in cities.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.2 == b.2 {
                continue;
            }
            let between = text[a.1..b.0].trim().to_lowercase();
            let joined = matches!(
                between.as_str(),
                "-" | "–" | "—" | "to" | "and" | "и" | "до" | "至" | "到" | "和" | "与"
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
