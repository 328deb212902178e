//! Agreements: each signed document with its parties, kind, sector and date.
//! Several documents signed at one ceremony ("A signed contracts with B, C
//! and D, E and F") are several agreements.

use crate::{Ctx, M};
use amur_dates::words::{bounded_captures, is_word_match, Edges};
use amur_record::chars::ToLower;
use amur_record::{Agreement, AgreementKind, EntityId, EntityType, Event, EventType, Sector, Span};
use amur_refdata::MarkerKind;
use regex::Regex;
use std::sync::LazyLock;

static KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(joint statement|joint declaration|совместн\w+ заявлени\w*|联合声明)|(memorand\w*|меморандум\w*|备忘录)|(contract\w*|контракт\w*|договор(?:а|у|ом|е|ы|ов|ам|ами|ах)?|合同)|(protocol\w*|протокол\w*|纪要|议定书)|(agreement\w*|соглашени\w*|协议|协定)")
        .expect("static regex")
});
static ATTEND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(attended|witnessed|присутствовал\w*)|出席|见证").expect("static regex")
});

fn kind_in(t: &str) -> AgreementKind {
    // A kind word ends a word ("договорились" is no contract).
    match bounded_captures(&KIND, t, Edges::TRAIL).next() {
        Some(c) if c.get(1).is_some() => AgreementKind::JointStatement,
        Some(c) if c.get(2).is_some() => AgreementKind::Memorandum,
        Some(c) if c.get(3).is_some() => AgreementKind::Contract,
        Some(c) if c.get(4).is_some() => AgreementKind::Protocol,
        _ => AgreementKind::Agreement,
    }
}

/// Whether a mention names a gathering ("Northeast Asia Tourism Forum"): a
/// forum trigger inside the name. A forum hosts a signing; it signs nothing.
fn is_gathering(cx: &Ctx, m: &M) -> bool {
    cx.entity(m).kind == EntityType::Organization
        && cx
            .triggers_in((m.start, m.end))
            .any(|t| t.class == EventType::Forum)
}

/// Whether a place mention is where something happens ("signed in
/// Khabarovsk", "在哈尔滨签署"): a venue word right before it.
fn is_venue(cx: &Ctx, m: &M) -> bool {
    let text = cx.doc.text;
    Ctx::is_place(cx.entity(m))
        && cx
            .markers_in((m.start.saturating_sub(16), m.start))
            .any(|h| {
                h.class == MarkerKind::Venue
                    && h.end <= m.start
                    && m.start - h.end <= 4
                    && text[h.end..m.start].trim().is_empty()
            })
}

/// Parties of a text segment: people, organisations and the places they sign for.
fn parties(cx: &Ctx, ms: &[&M]) -> Vec<EntityId> {
    let mut actors: Vec<EntityId> = Vec::new();
    let mut places: Vec<EntityId> = Vec::new();
    // Gatherings, and the names inside theirs ("Northeast Asia" in "Northeast
    // Asia Tourism Forum").
    let gatherings: Vec<(usize, usize)> = ms
        .iter()
        .filter(|m| is_gathering(cx, m))
        .map(|m| (m.start, m.end))
        .collect();
    for m in ms {
        let e = cx.entity(m);
        let in_gathering = gatherings.iter().any(|g| g.0 <= m.start && m.end <= g.1);
        // "俄中边境" names the border, not a signatory: a country written as
        // one character is an attribute.
        let abbreviated =
            e.kind == EntityType::Country && cx.doc.text[m.start..m.end].chars().count() == 1;
        if crate::events::is_media(cx, &e.id) || in_gathering || is_venue(cx, m) || abbreviated {
            continue;
        }
        let list = match e.kind {
            EntityType::Person | EntityType::Organization => &mut actors,
            EntityType::Region
            | EntityType::City
            | EntityType::Country
            | EntityType::MacroRegion => &mut places,
            _ => continue,
        };
        if !list.contains(&e.id) {
            list.push(e.id.clone());
        }
    }
    // The signatories and the places they sign for ("the governments of
    // Heilongjiang and Amur Oblast", "Manzhouli and Chita").
    let all: Vec<EntityId> = actors.into_iter().chain(places).collect();
    without_located_regions(cx, without_covered_countries(cx, all))
}

/// A region named beside one of its own towns ("Manzhouli, Inner Mongolia")
/// locates the town: the town is the party.
fn without_located_regions(cx: &Ctx, parties: Vec<EntityId>) -> Vec<EntityId> {
    let located: Vec<EntityId> = parties
        .iter()
        .filter(|id| id.as_str().starts_with("city:"))
        .filter_map(|id| cx.data.region_of(id).cloned())
        .collect();
    parties
        .into_iter()
        .filter(|id| !located.contains(id))
        .collect()
}

/// A country named beside one of its own regions, towns or bodies is context
/// ("China's Heilongjiang"), not a signatory: the more specific party signs.
fn without_covered_countries(cx: &Ctx, parties: Vec<EntityId>) -> Vec<EntityId> {
    let sides: Vec<(bool, Option<String>)> = parties
        .iter()
        .map(|id| (id.as_str().starts_with("country:"), side_of(cx, id)))
        .collect();
    parties
        .iter()
        .zip(&sides)
        .filter(|(_, (is_country, c))| {
            !*is_country || !sides.iter().any(|(other, oc)| !*other && oc == c)
        })
        .map(|(id, _)| id.clone())
        .collect()
}

/// The events ordered by where their evidence starts, so that each signing
/// sentence finds its date in log time (a long page has thousands of both).
struct EventIndex {
    /// (evidence start, position in the event list), by start.
    by_start: Vec<(usize, usize)>,
    /// For each entry of `by_start`, the largest list position up to it.
    latest: Vec<usize>,
    /// The longest evidence span of a signing event.
    longest_signing: usize,
}

impl EventIndex {
    /// The index of the events that pass `keep`.
    fn new(events: &[Event], keep: impl Fn(&Event) -> bool) -> Self {
        let mut by_start: Vec<(usize, usize)> = events
            .iter()
            .enumerate()
            .filter(|(_, e)| keep(e))
            .map(|(i, e)| (e.evidence.start, i))
            .collect();
        by_start.sort_unstable();
        let latest = by_start
            .iter()
            .scan(0, |m, &(_, i)| {
                *m = (*m).max(i);
                Some(*m)
            })
            .collect();
        let longest_signing = events
            .iter()
            .filter(|e| e.kind == EventType::Signing)
            .map(|e| e.evidence.end.saturating_sub(e.evidence.start))
            .max()
            .unwrap_or(0);
        EventIndex {
            by_start,
            latest,
            longest_signing,
        }
    }

    /// The date of the first signing event (in list order) whose evidence
    /// overlaps `evidence`, else of the last event (in list order) that
    /// starts at or before it.
    fn signing_at(&self, events: &[Event], evidence: &Span) -> Option<String> {
        let upto = self.by_start.partition_point(|&(s, _)| s < evidence.end);
        // Only events starting at most the longest signing span earlier can overlap.
        let from = self
            .by_start
            .partition_point(|&(s, _)| s + self.longest_signing < evidence.start);
        let signing = self.by_start[from.min(upto)..upto]
            .iter()
            .map(|&(_, i)| i)
            .filter(|&i| {
                events[i].kind == EventType::Signing && events[i].evidence.overlaps(evidence)
            })
            .min();
        if let Some(d) = signing.and_then(|i| events[i].date.clone()) {
            return Some(d);
        }
        events[self.latest_at(evidence.start)?].date.clone()
    }

    /// The last event (in list order) whose evidence starts at or before `at`.
    fn latest_at(&self, at: usize) -> Option<usize> {
        let before = self.by_start.partition_point(|&(s, _)| s <= at);
        self.latest.get(before.checked_sub(1)?).copied()
    }
}

/// Agreements signed in the article; `events` gives signing dates.
pub fn find(cx: &Ctx, events: &[Event]) -> Vec<Agreement> {
    let text = cx.doc.text;
    let mut out: Vec<Agreement> = Vec::new();
    let dates = EventIndex::new(events, |_| true);
    // The meetings, visits and signings a "the sides signed" sentence can report.
    let told = EventIndex::new(events, |e| {
        matches!(
            e.kind,
            EventType::Meeting | EventType::Visit | EventType::Signing
        )
    });
    let mut told_parties: std::collections::HashMap<usize, Vec<EntityId>> =
        std::collections::HashMap::new();
    for &sent in &cx.sentences {
        // Triggers are in text order: look from the sentence's start only.
        let from = cx.triggers.partition_point(|h| h.start < sent.0);
        let Some(trig) = cx.triggers[from..]
            .iter()
            .take_while(|h| h.start < sent.1)
            .find(|h| h.class == EventType::Signing && h.end <= sent.1)
        else {
            continue;
        };
        if is_word_match(&ATTEND, &text[sent.0..sent.1]) {
            continue;
        }
        let evidence = cx.span(sent);
        let date = dates.signing_at(events, &evidence);
        // Segments: comma-separated parts of the sentence, never cutting a name;
        // reported speech starts after "said that".
        let inside = |at: usize| cx.inside_mention(at);
        let head = &text[sent.0..trig.start];
        let speech = [
            " said that ",
            " noted that ",
            " stressed that ",
            "заявил, что",
            "отметил, что",
            "表示，",
            "表示,",
        ]
        .iter()
        .filter_map(|w| head.rfind(w).map(|i| sent.0 + i + w.len()))
        .max()
        .unwrap_or(sent.0);
        let mut cuts = vec![speech];
        for (i, c) in text[sent.0..sent.1].char_indices() {
            let at = sent.0 + i;
            if matches!(c, ',' | ';' | '，' | '；') && at > trig.end && !inside(at) {
                cuts.push(at + c.len_utf8());
            }
        }
        cuts.push(sent.1);
        let kind = kind_in(&text[sent.0..sent.1]);
        // "The document was signed by …" (the document before the verb): the
        // signatories of a document already named join it.
        let anaphor = cx
            .markers_in((sent.0, trig.start))
            .any(|h| h.class == MarkerKind::DocumentAnaphor);
        if let Some(last) = out.last_mut().filter(|_| anaphor) {
            let ms: Vec<&M> = cx.mentions_in(sent).collect();
            for id in parties(cx, &ms) {
                let actor = cx.entity_by_id(&id).is_some_and(|e| {
                    matches!(e.kind, EntityType::Person | EntityType::Organization)
                });
                if actor && !last.parties.contains(&id) {
                    last.parties.push(id);
                }
            }
            continue;
        }
        let mut found = false;
        for w in cuts.windows(2) {
            for seg in pairs_of(cx, (w[0], w[1])) {
                let ms: Vec<&M> = cx.mentions_in(seg).collect();
                let p = parties(cx, &ms);
                if p.len() < 2 {
                    continue;
                }
                found = true;
                out.push(Agreement {
                    parties: p,
                    kind,
                    sector: sector_in(cx, seg),
                    date: date.clone(),
                    evidence,
                });
            }
        }
        // "The sides signed …": the parties are those of the event being reported
        // (only for a signing that happened, not "they sign documents").
        let word = text[trig.start..]
            .split(|c: char| !amur_record::chars::is_alphanumeric(c))
            .next()
            .unwrap_or("")
            .to_lower();
        let past = text[trig.start..trig.end]
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            || ["ed", "ли", "ла", "но", "ан", "ны"]
                .iter()
                .any(|e| word.ends_with(e));
        if !found && past {
            // "The sides signed …": the parties are those of the event being reported.
            // Each event's parties are worked out once: a long page tells
            // many signings of the same few events.
            let p: Vec<EntityId> = told
                .latest_at(evidence.start)
                .map(|i| {
                    told_parties
                        .entry(i)
                        .or_insert_with(|| {
                            let ids: Vec<&EntityId> =
                                events[i].participants.iter().map(|p| &p.entity).collect();
                            let ms: Vec<&M> = cx
                                .mentions
                                .iter()
                                .filter(|m| ids.contains(&&cx.entity(m).id))
                                .collect();
                            parties(cx, &ms)
                        })
                        .clone()
                })
                .unwrap_or_default();
            if p.len() >= 2 {
                out.push(Agreement {
                    parties: p,
                    kind,
                    sector: sector_in(cx, sent),
                    date: date.clone(),
                    evidence,
                });
            }
        }
    }
    out.retain(|a| two_sides(cx, &a.parties));
    one_per_document(cx, out)
}

/// The country side of a party, when known.
fn side_of(cx: &Ctx, id: &EntityId) -> Option<String> {
    cx.entity_by_id(id).and_then(|e| cx.country(e))
}

/// A document is signed between two sides: parties that are all of one
/// country ("Manzhouli, Inner Mongolia") are a place and its locator, and
/// countries alone ("under the agreement between Russia and China") are the
/// background of a regional story, not a signing it reports.
fn two_sides(cx: &Ctx, parties: &[EntityId]) -> bool {
    if parties.iter().all(|id| id.as_str().starts_with("country:")) {
        return false;
    }
    let sides: Vec<Option<String>> = parties.iter().map(|id| side_of(cx, id)).collect();
    // A party whose country is unknown counts as a side of its own.
    sides.iter().any(Option::is_none) || sides.iter().any(|s| *s != sides[0])
}

/// The same document told again ("the memorandum signed in Heihe … the
/// memorandum provides …") is one agreement: mentions of one kind that share
/// a party other than a country are merged into the first.
fn one_per_document(cx: &Ctx, found: Vec<Agreement>) -> Vec<Agreement> {
    let mut out: Vec<Agreement> = Vec::new();
    for a in found {
        let shares = |b: &Agreement| {
            b.kind == a.kind
                && a.parties
                    .iter()
                    .any(|p| !p.as_str().starts_with("country:") && b.parties.contains(p))
        };
        match out.iter_mut().find(|b| shares(b)) {
            Some(b) => {
                for p in a.parties {
                    if !b.parties.contains(&p) {
                        b.parties.push(p);
                    }
                }
                b.parties = without_covered_countries(cx, std::mem::take(&mut b.parties));
                if b.sector.is_none() {
                    b.sector = a.sector;
                }
            }
            None => out.push(a),
        }
    }
    out
}

/// A segment naming several pairs ("A与B、C与D签署了…", "A and B; C and D signed")
/// is split at its list separators when each part still names two parties.
fn pairs_of(cx: &Ctx, seg: (usize, usize)) -> Vec<(usize, usize)> {
    let text = cx.doc.text;
    let inside = |at: usize| cx.inside_mention(at);
    let mut cuts = vec![seg.0];
    for (i, c) in text[seg.0..seg.1].char_indices() {
        let at = seg.0 + i;
        if matches!(c, '、' | ';' | '；') && !inside(at) {
            cuts.push(at + c.len_utf8());
        }
    }
    cuts.push(seg.1);
    let parts: Vec<(usize, usize)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
    let two_each = parts.len() > 1
        && parts.iter().all(|&p| {
            let ms: Vec<&M> = cx.mentions_in(p).collect();
            parties(cx, &ms).len() >= 2
        });
    if two_each {
        parts
    } else {
        vec![seg]
    }
}

fn sector_in(cx: &Ctx, (s, e): (usize, usize)) -> Option<Sector> {
    // Hits are in text order: start at the span, not at the text's start.
    let first = cx.sector_hits.partition_point(|h| h.start < s);
    cx.sector_hits[first..]
        .iter()
        .take_while(|h| h.start < e)
        .filter(|h| h.end <= e)
        .map(|h| h.class)
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use amur_record::Status;

    fn event(kind: EventType, start: usize, end: usize, date: Option<&str>) -> Event {
        Event {
            kind,
            mode: None,
            status: Status::Occurred,
            date: date.map(str::to_string),
            date_approximate: false,
            location: None,
            participants: Vec::new(),
            evidence: Span::new(start, end),
        }
    }

    /// What the index answers, found by walking every event.
    fn walk(events: &[Event], evidence: &Span) -> Option<String> {
        events
            .iter()
            .find(|e| e.kind == EventType::Signing && e.evidence.overlaps(evidence))
            .and_then(|e| e.date.clone())
            .or_else(|| {
                events
                    .iter()
                    .rev()
                    .find(|e| e.evidence.start <= evidence.start)
                    .and_then(|e| e.date.clone())
            })
    }

    #[test]
    fn the_event_index_answers_as_a_walk_does() {
        let events = vec![
            event(EventType::Meeting, 0, 50, Some("2024-05-01")),
            event(EventType::Signing, 60, 120, None),
            event(EventType::Signing, 100, 300, Some("2024-05-02")),
            event(EventType::Visit, 40, 70, Some("2024-05-03")),
            event(EventType::Signing, 400, 420, Some("2024-05-04")),
        ];
        let index = EventIndex::new(&events, |_| true);
        for start in (0..450).step_by(5) {
            for len in [1, 10, 40, 200] {
                let ev = Span::new(start, start + len);
                assert_eq!(
                    index.signing_at(&events, &ev),
                    walk(&events, &ev),
                    "{start}+{len}"
                );
            }
        }
        // No events at all: no date.
        assert_eq!(
            EventIndex::new(&[], |_| true).signing_at(&[], &Span::new(0, 5)),
            None
        );
        // Restricted to meetings: the last meeting starting before the point.
        let meetings = EventIndex::new(&events, |e| e.kind == EventType::Meeting);
        assert_eq!(meetings.latest_at(10), Some(0));
        assert_eq!(
            EventIndex::new(&events, |e| e.kind == EventType::Visit).latest_at(10),
            None
        );
    }
}
