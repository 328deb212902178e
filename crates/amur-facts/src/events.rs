//! Events: visits, meetings (with their mode), signings, forums and launches.
//!
//! A trigger word opens an event in its clause; participants are the
//! entities of that clause (or its neighbours), the place is the town or
//! region a visit goes to or a meeting is held in, the date is the clause's
//! own date or the date of the story so far, the status is "planned" when
//! the sentence speaks of the future. One event per happening: a repeated
//! or anaphoric mention ("after the talks", "в ходе презентации") joins the
//! event it refers to.

use crate::{Ctx, M};
use amur_dates::words::is_word_match;
use amur_record::chars::ToLower;
use amur_record::{EntityId, EntityType, Event, EventType, Mode, Participant, Role, Status};
use amur_refdata::MarkerKind;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone)]
struct Draft {
    kind: EventType,
    mode: Option<Mode>,
    status: Status,
    date: Option<String>,
    /// The date was written in the event's own sentence.
    dated: bool,
    /// What the sentence opens or links (bridge, rail, air…): transport
    /// words in it.
    objects: Vec<MarkerKind>,
    location: Option<EntityId>,
    participants: Vec<(EntityId, Role)>,
    sentence: usize,
    evidence: (usize, usize),
}

static MODE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(video|видео|视频)|(phone|telephone|телефон|电话)|(online|онлайн|线上|网上|云)",
    )
    .expect("static regex")
});
static ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)((?-u:\b)(the|this|that|these|after|during|at)\s+(\w+\s+){0,2}$)|((в ходе|по итогам|после|на|во время|в рамках)\s+(\w+\s+){0,2}$)|(会上|期间|会后)|(参加|出席|陪同|参与)$").expect("static regex")
});
/// A Chinese trigger opening a sentence and followed by a word of time
/// within it ("会谈中，", "会后，") refers to the event being told ("在会见X时"
/// introduces a new one).
static POST_ANAPHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(中|时|期间|之后|后|上)[,，\s]").expect("static regex"));
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(was|were|been)\s+(\w+\s+)?visited(?-u:\b)").expect("static regex")
});

fn mode_in(text: &str) -> Option<Mode> {
    let c = MODE_RE.captures(text)?;
    if c.get(1).is_some() {
        Some(Mode::Video)
    } else if c.get(2).is_some() {
        Some(Mode::Phone)
    } else {
        Some(Mode::Online)
    }
}

fn place_rank(k: EntityType) -> u8 {
    match k {
        EntityType::City => 0,
        EntityType::Facility => 1,
        EntityType::Region => 2,
        EntityType::MacroRegion => 3,
        EntityType::Country => 4,
        _ => 9,
    }
}

fn is_placeish(k: EntityType) -> bool {
    place_rank(k) < 9
}

/// Where the event happens: the place right after a locative word.
fn location(
    cx: &Ctx,
    ms: &[&M],
    trigger: (usize, usize),
    kind: EventType,
    span: (usize, usize),
) -> Option<EntityId> {
    let text = cx.doc.text;
    let preceded = |m: &M, words: &[&str]| {
        let b = text[span.0.min(m.start)..m.start].trim_end().to_lower();
        words.iter().any(|w| b.ends_with(w))
    };
    const TO: &[&str] = &[
        "to", "in", "at", "into", "visited", "visit", "в", "во", "на", "к", "赴", "到", "抵达",
        "访问", "在", "于",
    ];
    const IN: &[&str] = &["in", "at", "в", "во", "на", "在", "于"];
    let places: Vec<&&M> = ms
        .iter()
        .filter(|m| is_placeish(cx.entity(m).kind))
        .collect();
    let chosen: Option<M> = if kind == EventType::Visit {
        if PASSIVE.is_match(&text[span.0..span.1]) {
            places.iter().find(|m| m.end <= trigger.0).map(|m| ***m)
        } else {
            // "对阿穆尔州进行友好访问": the place after 对 before the verb.
            let before = places
                .iter()
                .filter(|m| m.end <= trigger.0 && preceded(m, &["对"]))
                .min_by_key(|m| m.start);
            let after = places
                .iter()
                .filter(|m| m.start >= trigger.0 && preceded(m, TO))
                .min_by_key(|m| (m.start, place_rank(cx.entity(m).kind)));
            before
                .or(after)
                .or_else(|| places.iter().find(|m| m.start >= trigger.1))
                .map(|m| ***m)
        }
    } else {
        places
            .iter()
            .filter(|m| preceded(m, IN))
            .min_by_key(|m| place_rank(cx.entity(m).kind))
            .map(|m| ***m)
    };
    chosen.map(|m| narrower_place(cx, &places, &m))
}

/// A country named right before one of its own regions or towns ("俄滨海边疆区",
/// "Russia's Primorsky Krai") only locates it: the narrower place is meant.
fn narrower_place(cx: &Ctx, places: &[&&M], m: &M) -> EntityId {
    let e = cx.entity(m);
    if e.kind != EntityType::Country {
        return e.id.clone();
    }
    let text = cx.doc.text;
    let country = cx.country(e);
    places
        .iter()
        .find(|n| {
            n.start >= m.end
                && matches!(text[m.end..n.start].trim(), "" | "'s" | "’s" | ",")
                && cx.entity(n).kind != EntityType::Country
                && cx.country(cx.entity(n)) == country
        })
        .map_or_else(|| e.id.clone(), |n| cx.entity(n).id.clone())
}

/// Finds the events of an article.
pub fn find(cx: &Ctx) -> Vec<Event> {
    let text = cx.doc.text;
    let title_mode = cx.doc.title.and_then(mode_in);
    let mut drafts: Vec<Draft> = Vec::new();
    // Longest trigger wins where triggers overlap ("video conference" over "conference").
    let mut triggers: Vec<&crate::rules::Hit<EventType>> = Vec::new();
    // Hits come by start, longest first, and the kept ones do not overlap, so
    // only the last kept one can overlap the next hit.
    for h in &cx.triggers {
        if triggers.last().is_some_and(|t| h.start < t.end) {
            continue;
        }
        triggers.push(h);
    }
    let mut last_date: Option<(usize, String)> = None;
    // The dateline's town: where a meeting is held unless the text says otherwise.
    let home = dateline_city(cx);
    // The last sentence that reported (or repeated) an event.
    let mut last_event_sentence: Option<usize> = None;
    // The day the story is at: the last explicit day of an event.
    let mut story_date: Option<(usize, String)> = None;
    let mut date_idx = 0;
    for (si, &sent) in cx.sentences.iter().enumerate() {
        if cx.has_marker(sent, MarkerKind::Wish) {
            continue;
        }
        let clauses = crate::sentences::clauses(text, sent);
        let mut seen: Vec<(EventType, usize)> = Vec::new();
        let made_before = last_event_sentence.is_some_and(|s| si - s <= 1);
        // Triggers are in text order: only those from the sentence's start on.
        let from = triggers.partition_point(|t| t.start < sent.0);
        for t in triggers[from..]
            .iter()
            .take_while(|t| t.start < sent.1)
            .filter(|t| t.end <= sent.1)
        {
            let Some(kind) = trigger_kind(cx, sent, t, made_before || !seen.is_empty()) else {
                continue;
            };
            let (ci, clause, span, ms) = participant_mentions(cx, sent, &clauses, t, kind);
            // "The two sides signed …": the parties of the event being told.
            let sides_word = is_word_match(&SIDES, &text[sent.0..sent.1]);
            // "The air route is scheduled to begin service on June 27": an
            // opening or signing told again right after, naming nobody, is
            // the one just reported.
            let told_again = drafts.last().filter(|d| {
                d.kind == kind
                    && matches!(kind, EventType::Launch | EventType::Signing)
                    && si - d.sentence <= 2
            });
            // "She plans to attend the talks": a pronoun opening a sentence
            // that names nobody stands for the people just told of.
            let pronoun = cx
                .markers_in(sent)
                .take_while(|h| h.start <= sent.0 + 3)
                .any(|h| h.class == MarkerKind::Pronoun)
                && drafts.last().is_some_and(|d| si - d.sentence <= 1);
            let inherited: Vec<(EntityId, Role)> = if ms.is_empty() && (sides_word || pronoun) {
                drafts
                    .last()
                    .map(|d| d.participants.clone())
                    .unwrap_or_default()
            } else if ms.is_empty() {
                told_again
                    .map(|d| d.participants.clone())
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            if ms.is_empty() && inherited.is_empty() {
                continue;
            }
            let anaphoric = ANAPHOR.is_match(&text[clause.0.min(t.start)..t.start])
                || ANAPHOR.is_match(&text[sent.0..t.start])
                || (text[sent.0..t.start].trim().is_empty()
                    && POST_ANAPHOR.is_match(&text[t.end..]));
            if seen.contains(&(kind, ci)) {
                continue;
            }
            seen.push((kind, ci));
            // Date: the clause's own, the sentence's, else the story's.
            while date_idx < cx.dates.len() && cx.dates[date_idx].end <= sent.0 {
                if let Some(v) = &cx.dates[date_idx].value {
                    last_date = Some((si, v.clone()));
                }
                date_idx += 1;
            }
            // A dateline ("VLADIVOSTOK, June 14 --") dates the report, not the event.
            let dateline = |d: &amur_dates::DateExpr| {
                d.start < sent.0 + 40 && dateline_end(text, sent).is_some_and(|e| d.end <= e)
            };
            // What a sentence plans happens after publication: "announced on
            // Saturday, the route opens on June 27" dates the opening by the
            // later day.
            let future = |d: &amur_dates::DateExpr| {
                d.value
                    .as_deref()
                    .and_then(|v| v.get(..10))
                    .and_then(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
                    .zip(cx.doc.published)
                    .is_some_and(|(d, p)| d > p)
            };
            let plans = cx.has_marker(sent, MarkerKind::Planned);
            let in_span = |s: (usize, usize)| {
                // Dates are in text order: from the span's start only.
                let from = cx.dates.partition_point(|d| d.start < s.0);
                let mut found = cx.dates[from..]
                    .iter()
                    .take_while(|d| d.start < s.1)
                    .filter(|d| d.end <= s.1 && !dateline(d) && !attribution(cx, d));
                let first = found.clone().next();
                if plans {
                    found.find(|d| future(d)).or(first)
                } else {
                    first
                }
            };
            let own = in_span(span).or_else(|| in_span(sent));
            let explicit = own.is_some();
            let date = match own {
                Some(d) => d.value.clone(),
                None => story_date
                    .as_ref()
                    .filter(|(i, _)| si - i <= 40)
                    .map(|(_, v)| v.clone())
                    .or_else(|| {
                        last_date
                            .as_ref()
                            .filter(|(i, v)| si - i <= 2 && v.len() >= 10)
                            .map(|(_, v)| v.clone())
                    }),
            };
            if explicit {
                if let Some(v) = date.as_ref().filter(|v| v.len() >= 10) {
                    story_date = Some((si, v.clone()));
                }
            }
            // A completed form of the trigger ("has been signed") outweighs a
            // "will" elsewhere in the sentence.
            let planned = (cx.has_marker(sent, MarkerKind::Planned)
                && !cx.tense.completed(text, t.start, t.end))
                || (explicit
                    && date
                        .as_deref()
                        .and_then(|d| d.get(..10))
                        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                        .zip(cx.doc.published)
                        .is_some_and(|(d, p)| d > p));
            let status = if planned {
                Status::Planned
            } else {
                Status::Occurred
            };
            // "The first flight is scheduled for 2 July": a planned day
            // written without its year is the next such day, not the last.
            let date = match (own, planned) {
                (Some(o), true) if !has_year(&text[o.start..o.end]) => {
                    date.map(|v| next_after(&v, cx.doc.published))
                }
                _ => date,
            };
            let mut mode = t.mode;
            if mode.is_none() && matches!(kind, EventType::Meeting | EventType::Forum) {
                mode = mode_in(&text[sent.0..sent.1]).or(if kind == EventType::Meeting {
                    title_mode
                } else {
                    None
                });
            }
            let mut loc = location(cx, &ms, (t.start, t.end), kind, span);
            if loc.is_none() && kind != EventType::Visit && kind != EventType::Launch {
                loc = drafts
                    .iter()
                    .rev()
                    .find(|d| si - d.sentence <= 3 && d.location.is_some())
                    .and_then(|d| d.location.clone())
                    .or_else(|| home.clone());
            }
            let mut participants: Vec<(EntityId, Role)> = inherited;
            let byline = dateline_end(text, sent);
            for m in &ms {
                let e = cx.entity(m);
                // News agencies report events; they take no part in them.
                if is_media(cx, &e.id) {
                    continue;
                }
                // The agency credited in a dateline ("(Xinhua) --") takes no part.
                if byline.is_some_and(|b| m.end <= b) && e.kind != EntityType::City {
                    continue;
                }
                if e.kind == EntityType::Facility
                    && !matches!(
                        kind,
                        EventType::Launch | EventType::Forum | EventType::Visit
                    )
                {
                    continue;
                }
                let role = match kind {
                    EventType::Visit if Some(&e.id) == loc.as_ref() || m.start >= t.end => {
                        Role::Host
                    }
                    EventType::Visit => Role::Guest,
                    EventType::Meeting if m.start >= t.end => Role::Host,
                    EventType::Meeting => Role::Guest,
                    EventType::Forum if e.kind == EntityType::Organization => Role::Organizer,
                    _ => Role::Party,
                };
                if !participants.iter().any(|(id, _)| *id == e.id) {
                    participants.push((e.id.clone(), role));
                }
            }
            let d = Draft {
                kind,
                mode,
                status,
                date,
                dated: explicit,
                objects: cx
                    .markers_in(sent)
                    .filter(|h| is_object(h.class))
                    .map(|h| h.class)
                    .collect(),
                location: loc,
                participants,
                sentence: si,
                evidence: sent,
            };
            let separately = cx
                .markers_in((sent.0, t.start))
                .any(|h| h.class == MarkerKind::Separately && t.start - h.end <= 12);
            // A repeated or anaphoric mention joins the event it refers to
            // (meetings held one by one are new ones).
            if let Some(prev) = drafts
                .iter_mut()
                .rev()
                .filter(|_| !separately)
                .find(|p| same_happening(p, &d, anaphoric, explicit))
            {
                for p in d.participants {
                    if !prev.participants.iter().any(|(id, _)| *id == p.0) {
                        prev.participants.push(p);
                    }
                }
                if prev.location.is_none() {
                    prev.location = d.location;
                }
                // "The route, scheduled to begin service on June 27, …": the
                // first day written for the happening dates it.
                if !prev.dated && d.dated {
                    prev.date = d.date;
                    prev.dated = true;
                }
                if prev.mode.is_none() {
                    prev.mode = d.mode;
                }
                last_event_sentence = Some(si);
                continue;
            }
            // Told again but not the same happening after all: nobody named.
            if ms.is_empty() && !sides_word && !pronoun {
                continue;
            }
            last_event_sentence = Some(si);
            for d in split_visit(cx, d) {
                drafts.extend(split_separately(d, separately));
            }
        }
    }
    drafts.retain(|d| has_domain_actor(cx, d));
    drafts
        .into_iter()
        .map(|d| Event {
            kind: d.kind,
            mode: d.mode,
            status: d.status,
            date_approximate: d.date.is_none() && cx.doc.published.is_some(),
            date: d.date.or_else(|| report_window(cx.doc.published, d.status)),
            location: d.location,
            participants: d
                .participants
                .into_iter()
                .map(|(entity, role)| Participant { entity, role })
                .collect(),
            evidence: cx.span(d.evidence),
        })
        .collect()
}

/// Pass 1 of [`find`]: the kind of event a trigger reports, or `None` when
/// it reports none (a generic plural, a weak "discussed" beside another
/// event, a vehicle arriving, an opening of nothing or only discussed, a
/// forum's name nobody takes part in). `reported_nearby`: an event was told
/// in this sentence or the one before.
pub(crate) fn trigger_kind(
    cx: &Ctx,
    sent: (usize, usize),
    t: &crate::rules::Hit<EventType>,
    reported_nearby: bool,
) -> Option<EventType> {
    let text = cx.doc.text;
    let mut kind = t.class;
    let written = word_at(text, t.start);
    // "the 18th Meeting of the Council of Heads of State": a capitalised
    // meeting inside a name is a summit.
    if kind == EventType::Meeting
        && written.chars().next().is_some_and(char::is_uppercase)
        && t.start > sent.0
        && text[t.end..].trim_start().starts_with("of ")
    {
        kind = EventType::Forum;
    }
    // "заседание форума", "session of the Boao Forum": a meeting word
    // right before a forum's name is the forum.
    if kind == EventType::Meeting && forum_follows(cx, t.end) {
        return None;
    }
    let word = written.to_lower();
    // Generic plurals ("organizing visits to China") are not happenings.
    if matches!(
        word.as_str(),
        "visits" | "meetings" | "exchanges" | "forums" | "fairs" | "exhibitions"
    ) {
        return None;
    }
    // "Discussed" only makes an event when nothing else reports one nearby.
    let trig_text = text[t.start..t.end].to_lower();
    let weak = [
        "discuss",
        "обсуд",
        "讨论",
        "探讨",
        "формат",
        "format",
        "в режиме",
    ]
    .iter()
    .any(|w| word.starts_with(w) || trig_text.contains(w));
    if weak && reported_nearby {
        return None;
    }
    // A train, flight or truck that arrives is a service, not a visit:
    // a transport word before the trigger with nobody named there.
    if kind == EventType::Visit && vehicle_arrives(cx, sent, t.start) {
        return None;
    }
    // A launch needs something to open: a facility, a route or a transport word.
    if kind == EventType::Launch && !launch_object(cx, sent) {
        return None;
    }
    // An opening that was only discussed has not happened.
    if kind == EventType::Launch && is_word_match(&DISCUSSED, &text[sent.0..sent.1]) {
        return None;
    }
    // A trigger inside an organisation's name ("Eurasian Economic Forum")
    // is an event only when someone takes part in it.
    let in_name = cx.mentions[..cx.mentions.partition_point(|m| m.start <= t.start)]
        .iter()
        .rev()
        .take_while(|m| t.start - m.start <= MAX_NAME_BYTES)
        .any(|m| t.end <= m.end);
    if in_name && !PARTICIPATE.is_match(&text[sent.0..sent.1]) {
        return None;
    }
    Some(kind)
}

/// Pass 2 of [`find`]: where a trigger's participants are named. The
/// clause holding it (mentions inside an entity's name still count), else the
/// nearest clause before with someone in it other than the event's place,
/// else the whole sentence when the clause names only countries ("marking
/// the resumption of service between China and Russia"). Returns the
/// clause's index, the clause, the span read and its mentions.
pub(crate) fn participant_mentions<'c>(
    cx: &'c Ctx,
    sent: (usize, usize),
    clauses: &[(usize, usize)],
    t: &crate::rules::Hit<EventType>,
    kind: EventType,
) -> (usize, (usize, usize), (usize, usize), Vec<&'c M>) {
    let ci = clauses
        .iter()
        .position(|c| c.0 <= t.start && t.start < c.1.max(c.0 + 1))
        .unwrap_or(0);
    let clause = clauses.get(ci).copied().unwrap_or(sent);
    let mut span = clause;
    let mut ms: Vec<&M> = cx.mentions_in(clause).collect();
    let mut k = ci;
    while ms.iter().all(|m| {
        is_placeish(cx.entity(m).kind)
            && location(cx, &ms, (t.start, t.end), kind, span).is_some_and(|l| l == cx.entity(m).id)
    }) && k > 0
    {
        k -= 1;
        span = (clauses[k].0, span.1);
        ms = cx.mentions_in(span).collect();
    }
    if ms.is_empty() || !ms.iter().any(|m| is_actor_kind(cx.entity(m).kind)) {
        ms = cx.mentions_in(sent).collect();
        span = sent;
    }
    (ci, clause, span, ms)
}

/// Longest entity mention, in bytes, that can hold a trigger (a long
/// organisation name in Cyrillic or Chinese); bounds a backward scan.
const MAX_NAME_BYTES: usize = 400;

static DISCUSSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(discuss\w*|обсуд\w*|обсужд\w*)|讨论|探讨|商讨").expect("static regex")
});
static SIDES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(sides|parties|стороны|сторонами|双方)|双方").expect("static regex")
});
static PARTICIPATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(attend|participat|took part|take part|held|hold|opened|hosted|участ|прош[её]л|прошла|прошло|состоял|состоится|пройд|出席|参加|举办|举行|开幕)").expect("static regex")
});
static LAUNCH_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    // Words start at a word boundary ("порт" is not in "спорта"), checked
    // by `is_word_match`.
    Regex::new(r"(?i)(flight|route|crossing|checkpoint|bridge|railway|train|line|port|airport|airline|project|plant|terminal|corridor|service|рейс|авиа|маршрут|пункт пропуска|мост|железн|поезд|лини|порт|аэропорт|морпорт|проект|завод|терминал|коридор|сообщени)|(航线|航班|口岸|大桥|铁路|班列|项目|通道)").expect("static regex")
});

static ATTRIBUTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(报道|电|讯|消息|reported|сообщ)").expect("static regex"));

/// A date that dates a report ("据卫星网5月22日报道", "May 22 reported") is
/// not the date of the event the report tells of.
fn attribution(cx: &Ctx, d: &amur_dates::DateExpr) -> bool {
    let text = cx.doc.text;
    text.get(d.end..)
        .is_some_and(|rest| ATTRIBUTION.is_match(rest))
        || said_on(cx, d.start)
}

/// Whether a date dates a statement ("said Saturday", "told TASS on Friday",
/// "заявил в пятницу"): a speech word right before it, with at most a name
/// and a short preposition between ("said that in March" reports content).
fn said_on(cx: &Ctx, at: usize) -> bool {
    let text = cx.doc.text;
    cx.markers_in((at.saturating_sub(64), at)).any(|h| {
        if h.class != MarkerKind::Speech || at - h.end > 24 {
            return false;
        }
        // The rest of the speech word, then what stands before the date.
        let gap = &text[h.end..at];
        let gap = gap.trim_start_matches(amur_record::chars::is_alphanumeric);
        let words: Vec<&str> = gap.split_whitespace().collect();
        words.len() <= 2
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || (w.chars().count() <= 2 && w.chars().all(amur_record::chars::is_alphabetic))
            })
    })
}

/// Where a dateline ("HARBIN, May 16 (Xinhua) --") ends, if the sentence opens with one.
fn dateline_end(text: &str, sent: (usize, usize)) -> Option<usize> {
    let head_end = (sent.0 + 80).min(sent.1);
    let head_end = (head_end..=sent.1)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(sent.1);
    let head = &text[sent.0..head_end];
    // "HARBIN, May 16 (Xinhua) --", "KHABAROVSK, August 15. /TASS/.",
    // "新华社哈尔滨5月16日电".
    ["--", " — ", " – ", "/. ", "日电", "日電"]
        .iter()
        .filter_map(|m| {
            let i = head.find(m)?;
            let rest = &head[i + m.len()..];
            // "日电视台" (a TV station) is no dateline: 电 ends one only
            // before a space or a bracket.
            let closes = !m.ends_with(['电', '電'])
                || rest.starts_with(|c: char| c.is_whitespace() || c == '(' || c == '（');
            closes.then_some(sent.0 + i + m.len())
        })
        .min()
}

/// The town a dateline names (the first city mentioned in it).
fn dateline_city(cx: &Ctx) -> Option<EntityId> {
    let sent = *cx.sentences.first()?;
    let end = dateline_end(cx.doc.text, sent)?;
    cx.mentions_in((sent.0, end))
        .find(|m| cx.entity(m).kind == EntityType::City)
        .map(|m| cx.entity(m).id.clone())
}

/// Whether a sentence names something a launch opens.
fn launch_object(cx: &Ctx, sent: (usize, usize)) -> bool {
    is_word_match(&LAUNCH_OBJECT, &cx.doc.text[sent.0..sent.1])
        || cx
            .mentions_in(sent)
            .any(|m| cx.entity(m).kind == EntityType::Facility)
}

/// The whole word a byte offset falls in.
fn word_at(text: &str, at: usize) -> &str {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| !amur_record::chars::is_alphanumeric(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .find(|c: char| !amur_record::chars::is_alphanumeric(c))
        .map_or(text.len(), |i| at + i);
    &text[start.min(at)..end]
}

fn dates_compatible(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => {
            let lo = |s: &str| s.split('/').next().unwrap_or(s).to_string();
            let hi = |s: &str| s.split('/').next_back().unwrap_or(s).to_string();
            // Prefix comparison works for ISO forms of different precision.
            let (xl, xh, yl, yh) = (lo(x), hi(x), lo(y), hi(y));
            let le = |a: &str, b: &str| a[..a.len().min(b.len())] <= b[..a.len().min(b.len())];
            le(&xl, &yh) && le(&yl, &xh)
        }
        _ => true,
    }
}

/// Whether a new draft is another mention of an earlier event.
fn same_happening(prev: &Draft, d: &Draft, anaphoric: bool, explicit: bool) -> bool {
    if prev.kind != d.kind || prev.status != d.status {
        return false;
    }
    // "After the talks", "в ходе презентации": the latest event of that type.
    if anaphoric && !explicit && d.sentence - prev.sentence <= 40 {
        return true;
    }
    if !dates_compatible(&prev.date, &d.date) {
        return false;
    }
    let guests = |x: &Draft| -> Vec<EntityId> {
        x.participants
            .iter()
            .filter(|(id, _)| {
                Some(id) != x.location.as_ref() && !id.as_str().starts_with("country:")
            })
            .map(|(id, _)| id.clone())
            .collect()
    };
    let (a, b) = (guests(prev), guests(d));
    let overlap = a.iter().any(|x| b.contains(x));
    if overlap {
        return true;
    }
    // A ceremony (a signing, an opening) told again nearby, or at the same
    // place or with the same party, is the same ceremony: one article rarely
    // reports two openings of one kind in a row.
    if matches!(d.kind, EventType::Signing | EventType::Launch) {
        let ents = |x: &Draft| -> Vec<EntityId> {
            x.participants
                .iter()
                .map(|(id, _)| id.clone())
                .chain(x.location.clone())
                .filter(|id| !id.as_str().starts_with("country:"))
                .collect()
        };
        let (a, b) = (ents(prev), ents(d));
        if a.iter().any(|x| b.contains(x)) || d.sentence - prev.sentence <= 3 {
            return true;
        }
        // "В Благовещенске открыли мост … Мост был открыт при участии …":
        // an opening of the same kind of thing, told again.
        if d.kind == EventType::Launch && prev.objects.iter().any(|o| d.objects.contains(o)) {
            return true;
        }
    }
    // "The delegation will also visit the Avangard park": a visit naming
    // only the firm or site visited (no visitor, no town or region) is a
    // stop of the trip just told.
    if d.kind == EventType::Visit
        && !d.participants.is_empty()
        && d.participants.iter().all(|(id, r)| {
            *r == Role::Host
                && !["country:", "region:", "city:", "macro_region:"]
                    .iter()
                    .any(|p| id.as_str().starts_with(p))
        })
        && d.sentence - prev.sentence <= 5
    {
        return true;
    }
    // "Встреча прошла в Хабаровске": a mention naming only where the previous
    // event happened describes that event.
    if b.is_empty() && d.sentence - prev.sentence <= 1 {
        return true;
    }
    // "The forum was held in Urumqi. The chairman attended the forum": who
    // took part in an event that only had a place is told right after.
    if a.is_empty() && d.sentence - prev.sentence <= 1 {
        return true;
    }
    // A signing or meeting told over consecutive sentences is one ceremony.
    matches!(d.kind, EventType::Signing) && !explicit && d.sentence - prev.sentence <= 1
}

/// Delegations of several regions visiting one place are separate visits.
fn split_visit(cx: &Ctx, d: Draft) -> Vec<Draft> {
    if d.kind != EventType::Visit {
        return vec![d];
    }
    let region = |id: &EntityId| {
        cx.entity_by_id(id)
            .is_some_and(|e| e.kind == EntityType::Region)
    };
    let guests: Vec<EntityId> = d
        .participants
        .iter()
        .filter(|(id, r)| *r == Role::Guest && region(id))
        .map(|(id, _)| id.clone())
        .collect();
    if guests.len() < 2 {
        return vec![d];
    }
    guests
        .iter()
        .map(|g| {
            let mut x = d.clone();
            x.participants
                .retain(|(id, _)| id == g || !guests.contains(id));
            x
        })
        .collect()
}

/// "分别会见了A和B", "separately met A and B": one meeting per host, each
/// with every guest.
fn split_separately(d: Draft, separately: bool) -> Vec<Draft> {
    let hosts: Vec<EntityId> = d
        .participants
        .iter()
        .filter(|(id, r)| *r == Role::Host && !id.as_str().starts_with("country:"))
        .map(|(id, _)| id.clone())
        .collect();
    if !separately || d.kind != EventType::Meeting || hosts.len() < 2 {
        return vec![d];
    }
    hosts
        .iter()
        .map(|h| {
            let mut x = d.clone();
            x.participants
                .retain(|(id, _)| id == h || !hosts.contains(id));
            x
        })
        .collect()
}

/// Reporting days around an undated happening: an article that tells of an
/// event without a date reports something recent (or imminent, when planned).
const REPORT_WINDOW_DAYS: i64 = 30;

/// The window an undated event falls in, from the publication date: the 30
/// days up to it for what happened, the 30 days from it for what is planned.
pub fn report_window(published: Option<chrono::NaiveDate>, status: Status) -> Option<String> {
    let p = published?;
    let span = chrono::Duration::days(REPORT_WINDOW_DAYS);
    let (a, b) = match status {
        Status::Occurred => (p - span, p),
        Status::Planned => (p, p + span),
    };
    Some(format!("{}/{}", a.format("%Y-%m-%d"), b.format("%Y-%m-%d")))
}

/// Whether a forum trigger starts within two words after `at` (two
/// characters in Chinese).
fn forum_follows(cx: &Ctx, at: usize) -> bool {
    let text = cx.doc.text;
    cx.triggers_in((at, (at + 80).min(text.len()))).any(|h| {
        let gap = text.get(at..h.start).unwrap_or("");
        h.class == EventType::Forum
            && h.start - at <= 40
            && !gap.contains([',', '.', ';', '，', '。', '、'])
            && if gap.chars().any(amur_recognise::text::is_han) {
                gap.chars().count() <= 2
            } else {
                gap.split_whitespace().count() <= 2
            }
    })
}

/// Whether a date as written names its year (four digits in a row).
fn has_year(written: &str) -> bool {
    let mut run = 0;
    for c in written.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// A day (`YYYY-MM-DD`, or the start of an interval) moved a year on when
/// it falls before publication.
fn next_after(value: &str, published: Option<chrono::NaiveDate>) -> String {
    use chrono::Datelike;
    let day = value
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    match (day, published) {
        (Some(d), Some(p)) if d < p && !value.contains('/') => d
            .with_year(d.year() + 1)
            .map_or_else(|| value.to_string(), |n| n.format("%Y-%m-%d").to_string()),
        _ => value.to_string(),
    }
}

/// Marker kinds that name what an opening opens.
fn is_object(k: MarkerKind) -> bool {
    matches!(
        k,
        MarkerKind::Bridge
            | MarkerKind::Rail
            | MarkerKind::Air
            | MarkerKind::Road
            | MarkerKind::Sea
            | MarkerKind::Pipeline
    )
}

/// Kinds of entity that can act in an event (countries and macro-regions
/// are its background).
fn is_actor_kind(k: EntityType) -> bool {
    matches!(
        k,
        EntityType::Person
            | EntityType::Organization
            | EntityType::Region
            | EntityType::City
            | EntityType::Facility
    )
}

/// Whether the subject before a visit trigger is a vehicle ("a freight train
/// arrived at Hunchun"): a transport word between the clause's start and the
/// trigger, and no person or organisation there.
fn vehicle_arrives(cx: &Ctx, sent: (usize, usize), at: usize) -> bool {
    let text = cx.doc.text;
    let from = text[sent.0..at]
        .rfind([',', ';', '，', '；', '。'])
        .map_or(sent.0, |i| sent.0 + i + 1);
    let vehicle = cx.markers_in((from, at)).any(|h| {
        matches!(
            h.class,
            MarkerKind::Air | MarkerKind::Rail | MarkerKind::Road | MarkerKind::Sea
        )
    });
    vehicle
        && !cx.mentions_in((from, at)).any(|m| {
            matches!(
                cx.entity(m).kind,
                EntityType::Person | EntityType::Organization
            )
        })
}

/// Whether an entity is a news outlet (it reports events, takes no part).
pub(crate) fn is_media(cx: &Ctx, id: &EntityId) -> bool {
    cx.data
        .get(id.as_str())
        .and_then(|e| e.org_kind)
        .is_some_and(|k| k == amur_refdata::OrgKind::Media)
}

/// An event needs someone who acts in the domain: a person, an organisation,
/// a region or a town (a facility for what opens); countries or macro-regions
/// alone ("Russia and China will meet") are background, not a reported happening.
fn has_domain_actor(cx: &Ctx, d: &Draft) -> bool {
    d.participants.iter().any(|(id, _)| {
        cx.entity_by_id(id).is_some_and(|e| match e.kind {
            EntityType::Person
            | EntityType::Organization
            | EntityType::Region
            | EntityType::City => true,
            EntityType::Facility => matches!(d.kind, EventType::Launch | EventType::Forum),
            _ => false,
        })
    })
}
