//! Recognise and resolve: which real things does the article name?
//!
//! Place in the pipeline: clean text → **[`Recogniser::recognise`]** → `Vec<Entity>`.
//!
//! Three sources of names, in order of trust:
//! 1. the gazetteer ([`gazetteer`]): every name and alias of the reference
//!    data, matched through Russian inflection and in Chinese text without spaces;
//! 2. patterns for people ([`persons`]) and organisations ([`orgs`]) that are
//!    not in the data, in all three languages;
//! 3. resolution: a surname or a title alone joins the full name in the same
//!    article, or a known office holder; a name damaged by machine translation
//!    joins a known person by phonetic similarity; every entity gets its
//!    canonical English name whatever the article's language.
//!
//! ```
//! use amur_recognise::Recogniser;
//! let data = amur_refdata::RefData::embedded().unwrap();
//! let r = Recogniser::new(&data);
//! let ents = r.recognise("Губернатор Приморья Олег Кожемяко встретился с Хуан Шивэем (黄世伟) в Харбине.", None);
//! let names: Vec<&str> = ents.iter().map(|e| e.name.as_str()).collect();
//! assert!(names.contains(&"Primorsky Krai"));
//! assert!(names.contains(&"Oleg Kozhemyako"));
//! assert!(names.contains(&"Harbin"));
//! ```
#![warn(missing_docs)]

pub mod bodies;
pub mod crossings;
pub mod gazetteer;
pub mod lexicon;
pub mod ner_ru;
pub mod orgs;
pub mod persons;
pub mod text;

use amur_record::chars::ToLower;
use amur_record::{slug, Entity, EntityId, EntityType, Mention, Names};
use amur_refdata::{OrgKind, RefData};
use amur_translit as tr;
use foldhash::{HashMap, HashMapExt};
use gazetteer::{GazMatch, Gazetteer};
use lexicon::Lexicon;
use persons::PersonCand;
use text::{capitalised, has_cyrillic, tokens};

/// The recogniser: reference data, gazetteer automata and word lists, built once.
pub struct Recogniser {
    data: RefData,
    gaz: Gazetteer,
    lex: Lexicon,
    stemmer: rust_stemmers::Stemmer,
    /// Known people by family name (lower-case Latin).
    families: HashMap<String, Vec<usize>>,
    /// Known people by order-blind name key.
    person_keys: HashMap<String, usize>,
    /// Phonetic keys of known family names, as characters.
    family_keys: Vec<(Vec<char>, Vec<usize>)>,
    /// Phonetic keys of known full English names, as characters.
    name_keys: Vec<(Vec<char>, usize)>,
}

/// Order-, case- and punctuation-blind key of a name.
pub fn name_key(name: &str) -> String {
    let lower: String = name.chars().map(text::norm_char).collect();
    let mut words: Vec<&str> = lower
        .split(|c: char| !amur_record::chars::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.join(" ")
}

/// The family name of a known person's English name.
fn family_of(data: &RefData, idx: usize) -> Option<String> {
    let e = &data.entities()[idx];
    let en = e.names.en.as_deref()?;
    let chinese = e.parent.as_ref().is_some_and(|c| {
        matches!(
            c.as_str(),
            "country:CN" | "country:TW" | "country:HK" | "country:MO"
        )
    });
    let words: Vec<&str> = en.split_whitespace().collect();
    let fam = if chinese { words.first() } else { words.last() };
    fam.map(|f| f.to_lower())
}

/// Whether a match is the second half of a hyphenated name whose first
/// half is no known place ("Кани-Курган"; but "Russia-China" names both).
fn hyphen_compound(text: &str, (s, _): (usize, usize), spans: &[(usize, usize)]) -> bool {
    let Some(before) = text[..s].strip_suffix('-') else {
        return false;
    };
    let Some(last) = before.chars().next_back() else {
        return false;
    };
    if !amur_record::chars::is_alphabetic(last) {
        return false;
    }
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !amur_record::chars::is_alphabetic(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    // Matches do not overlap and come in text order: only the last one that
    // starts at or before the word can cover it.
    let k = spans.partition_point(|&(a, _)| a <= word_start);
    k.checked_sub(1)
        .and_then(|i| spans.get(i))
        .is_none_or(|&(_, b)| b < before.len())
}

/// A cluster of mentions that is one entity.
struct Cluster {
    id: EntityId,
    kind: EntityType,
    name: String,
    code: Option<String>,
    names: Names,
    aliases: Vec<String>,
    office: Option<String>,
    family: Option<String>,
    mentions: Vec<(usize, usize)>,
}

impl Recogniser {
    /// Builds the recogniser over `data` (copied; building takes a few milliseconds).
    pub fn new(data: &RefData) -> Self {
        let mut families: HashMap<String, Vec<usize>> = HashMap::new();
        let mut person_keys = HashMap::new();
        for (i, e) in data.entities().iter().enumerate() {
            if e.kind != EntityType::Person {
                continue;
            }
            if let Some(f) = family_of(data, i) {
                families.entry(f).or_default().push(i);
            }
            for form in e.surface_forms() {
                person_keys.entry(name_key(form)).or_insert(i);
                if has_cyrillic(form) {
                    person_keys
                        .entry(name_key(&tr::ru_to_latin(form)))
                        .or_insert(i);
                }
            }
        }
        let family_keys = families
            .iter()
            .filter(|(f, _)| f.chars().count() >= 4)
            .map(|(f, idx)| (tr::phonetic_key(f).chars().collect(), idx.clone()))
            .collect();
        let name_keys = data
            .entities()
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityType::Person)
            .filter_map(|(i, e)| {
                Some((
                    tr::phonetic_key(e.names.en.as_deref()?).chars().collect(),
                    i,
                ))
            })
            .collect();
        Recogniser {
            family_keys,
            name_keys,
            data: data.clone(),
            gaz: Gazetteer::new(data),
            lex: Lexicon::new(data),
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Russian),
            families,
            person_keys,
        }
    }

    /// The reference data in use.
    pub fn data(&self) -> &RefData {
        &self.data
    }

    /// Every entity `text` names, once per real thing, mentions in character offsets.
    /// `year` (of publication) picks office holders of the right term.
    pub fn recognise(&self, text: &str, year: Option<i32>) -> Vec<Entity> {
        self.recognise_in(text, &text::Normalised::new(text), year)
    }

    /// [`Recogniser::recognise`] with `text`'s normalised view already built
    /// (the fact finder reads the same view).
    pub fn recognise_in(
        &self,
        text: &str,
        norm: &text::Normalised,
        year: Option<i32>,
    ) -> Vec<Entity> {
        let ents = self.data.entities();
        let toks = tokens(text);
        let stems = gazetteer::stems_of(&self.stemmer, text, &toks);
        let raw = self.gaz.find_all_in(text, norm, &toks, &stems);
        let mut gaz = gazetteer::resolve_overlaps(raw.clone());
        // "US dollars", "Beijing time": a currency or a clock, not the place.
        gaz.retain(|m| {
            let after: String = text[m.end..].chars().take(12).collect();
            let before_start = text[..m.start]
                .char_indices()
                .rev()
                .nth(11)
                .map_or(0, |(i, _)| i);
            !self.lex.not_a_place(&after, &text[before_start..m.start])
        });
        // "Кани-Курган", "Nizhne-Kamchatsk": a name hyphenated to a word that
        // names no place is another place's name, not this one.
        let spans: Vec<(usize, usize)> = gaz.iter().map(|m| (m.start, m.end)).collect();
        gaz.retain(|m| !hyphen_compound(text, (m.start, m.end), &spans));
        // A one-word place that is also a given name or a Chinese name syllable
        // ("Владимир", "Шивэй") yields to a person pattern around it.
        let yields = |m: &GazMatch| {
            let w = &text[m.start..m.end];
            let prev_word = text[..m.start]
                .strip_suffix(' ')
                .and_then(|b| {
                    b.split(|c: char| !amur_record::chars::is_alphanumeric(c))
                        .next_back()
                })
                .unwrap_or("");
            let after_surname = capitalised(prev_word) && tr::is_chinese_surname(prev_word);
            !w.contains(' ')
                && (persons::given_ru_pub(&self.lex, w).is_some()
                    || self.lex.given_en.contains_key(&w.to_lower())
                    || (has_cyrillic(w) && tr::is_palladius_word(w))
                    || (after_surname && (tr::is_pinyin_word(w) || tr::is_palladius_word(w))))
        };
        let taken: Vec<(usize, usize)> = gaz
            .iter()
            .filter(|m| !yields(m))
            .map(|m| (m.start, m.end))
            .collect();
        let cx = persons::Ctx {
            text,
            toks: &toks,
            stems: &stems,
            taken: &taken,
            lex: &self.lex,
            stemmer: &self.stemmer,
        };
        let (cyr, han) = (has_cyrillic(text), text::has_han(text));
        let mut people = persons::find_en(&cx);
        if cyr {
            people.extend(persons::find_ru(&cx));
        }
        if han {
            people.extend(persons::find_zh(&cx));
        }
        let is_title = |w: &str| self.lex.is_title_word("en", w);
        let mut orgs = orgs::find_en(text, &toks, &taken, &self.lex, is_title);
        if cyr {
            orgs.extend(orgs::find_ru(text, &self.lex));
        }
        let places: Vec<(usize, usize, String)> = gaz
            .iter()
            .filter(|m| text::has_han(&text[m.start..m.end]))
            .filter_map(|m| {
                let e = &ents[*m.candidates.first()?];
                matches!(e.kind, EntityType::City | EntityType::Region)
                    .then(|| (m.start, m.end, e.name().to_string()))
            })
            .collect();
        orgs.extend(orgs::find_zh(text, &places, &self.lex));
        let ru_places: Vec<(usize, usize, String)> = gaz
            .iter()
            .filter(|m| has_cyrillic(&text[m.start..m.end]))
            .filter_map(|m| {
                let e = &ents[*m.candidates.first()?];
                matches!(e.kind, EntityType::City | EntityType::Region)
                    .then(|| (m.start, m.end, e.name().to_string()))
            })
            .collect();
        orgs.extend(orgs::find_ru_committees(text, &ru_places));
        // Towns, regions and countries the gazetteer found: the anchors of
        // government bodies (a country has ministries too: "Ministry of
        // Industry and Trade of the Russian Federation") and, towns alone, of
        // facilities named by two towns.
        let anchors: Vec<(EntityType, bodies::PlaceSpan)> = gaz
            .iter()
            .filter_map(|m| {
                let e = &ents[*m.candidates.first()?];
                matches!(
                    e.kind,
                    EntityType::City | EntityType::Region | EntityType::Country
                )
                .then(|| {
                    let span = bodies::PlaceSpan {
                        start: m.start,
                        end: m.end,
                        name: e.name().to_string(),
                        province: e.subtype.as_deref() == Some("province"),
                    };
                    (e.kind, span)
                })
            })
            .collect();
        let place_spans: Vec<bodies::PlaceSpan> = anchors.iter().map(|(_, p)| p.clone()).collect();
        let found_bodies = bodies::find(text, &place_spans, &self.lex);
        let towns: Vec<bodies::PlaceSpan> = anchors
            .into_iter()
            .filter(|(k, _)| *k == EntityType::City)
            .map(|(_, p)| p)
            .collect();
        let crossings = crossings::find(text, &towns, &self.lex);
        // A body found by its field of work is more precise than a bare head-word name over it.
        orgs.retain(|o| {
            !found_bodies
                .iter()
                .any(|b| b.start < o.end && o.start < b.end)
        });
        orgs.extend(found_bodies);
        // A known organisation inside a longer organisation name is part of it ("CPC Qingdao Committee").
        gaz.retain(|m| {
            !(m.candidates
                .first()
                .is_some_and(|&i| ents[i].kind == EntityType::Organization)
                && orgs.iter().any(|o| {
                    o.start <= m.start && m.end <= o.end && (o.end - o.start) > (m.end - m.start)
                }))
        });
        // People inside organisation names are part of the name.
        people.retain(|p| !orgs.iter().any(|o| o.start <= p.start && p.end <= o.end));
        gaz.retain(|m| !people.iter().any(|p| m.start < p.end && p.start < m.end));
        // Places named inside a longer name (a railway between two towns, a
        // region's government) are mentions of those places too.
        let nested: Vec<GazMatch> = gazetteer::resolve_overlaps(
            raw.into_iter()
                .filter(|r| {
                    r.candidates.iter().any(|&i| {
                        matches!(
                            ents[i].kind,
                            EntityType::City | EntityType::Region | EntityType::Country
                        )
                    }) && {
                        // Matches are in text order and apart: only the one
                        // reaching past r's start can hold it.
                        let k = gaz.partition_point(|g| g.end <= r.start);
                        gaz.get(k).is_some_and(|g| {
                            g.start <= r.start
                                && r.end <= g.end
                                && (g.end - g.start) > (r.end - r.start)
                                && self.names_places(g)
                        })
                    }
                })
                .collect(),
        );
        let mut gaz = self.disambiguate(gaz);
        gaz.extend(self.disambiguate(nested));
        gaz.sort_by_key(|(m, _)| m.start);
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut by_id: HashMap<EntityId, usize> = HashMap::new();
        // Places named inside a firm's or a university's name are not mentions of the place.
        let inside_firm = |s: usize, e: usize| {
            orgs.iter().any(|o| {
                o.start <= s
                    && e <= o.end
                    && (o.start, o.end) != (s, e)
                    && matches!(
                        o.kind,
                        OrgKind::Company
                            | OrgKind::University
                            | OrgKind::Bank
                            | OrgKind::Culture
                            | OrgKind::Media
                    )
            })
        };
        for (m, idx) in &gaz {
            if inside_firm(m.start, m.end) {
                continue;
            }
            let c = self.ref_cluster(*idx);
            add_cluster(&mut clusters, &mut by_id, c, (m.start, m.end));
        }
        for o in &orgs {
            if gaz
                .iter()
                .any(|(m, _)| m.start <= o.start && o.end <= m.end)
            {
                continue;
            }
            let key = if o.name.is_ascii() {
                slug(&o.name)
            } else {
                format!("zh-{}", slug(&tr::han_to_pinyin(&o.name)))
            };
            let c = Cluster {
                id: EntityId::new("organization", &key),
                kind: EntityType::Organization,
                name: o.name.clone(),
                code: None,
                names: Names {
                    en: o.name.is_ascii().then(|| o.name.clone()),
                    ru: o.native.clone().filter(|n| has_cyrillic(n)),
                    zh: o.native.clone().filter(|n| text::has_han(n)),
                },
                aliases: o.aliases.clone(),
                office: None,
                family: None,
                mentions: Vec::new(),
            };
            add_cluster(&mut clusters, &mut by_id, c, (o.start, o.end));
        }
        for f in &crossings {
            // A facility the reference data knows under this name wins.
            if gaz.iter().any(|(m, i)| {
                ents[*i].kind == EntityType::Facility && m.start < f.end && f.start < m.end
            }) {
                continue;
            }
            add_cluster(
                &mut clusters,
                &mut by_id,
                facility_cluster(f),
                (f.start, f.end),
            );
        }
        // Full names first, so that surnames can join them.
        people.sort_by_key(|p| (p.given.is_none(), p.start));
        for p in &people {
            if let Some((c, span)) = self.person_cluster(p, &clusters, year) {
                add_cluster(&mut clusters, &mut by_id, c, span);
            }
        }
        if has_cyrillic(text) {
            self.open_names_ru(text, &toks, &mut clusters, &mut by_id);
        }
        self.bare_surnames(text, &toks, &gaz, &mut clusters, &mut by_id);
        repeated_han_names(text, &mut clusters);
        clusters.sort_by_key(|c| c.mentions.iter().map(|m| m.0).min().unwrap_or(0));
        let chars = CharIndex::new(text);
        clusters
            .into_iter()
            .map(|mut c| {
                c.mentions.sort();
                c.mentions.dedup();
                Entity {
                    id: c.id,
                    kind: c.kind,
                    name: c.name,
                    code: c.code,
                    names: c.names,
                    aliases: c.aliases,
                    office: c.office,
                    mentions: c
                        .mentions
                        .iter()
                        .map(|&(s, e)| Mention {
                            start: chars.at(s),
                            end: chars.at(e),
                            text: text[s..e].to_string(),
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// Whether places named inside this match are mentions of those places:
    /// facilities, macro-regions, and organisations that are not firms.
    fn names_places(&self, m: &GazMatch) -> bool {
        m.candidates.first().is_some_and(|&i| {
            matches!(
                self.data.entities()[i].kind,
                EntityType::Facility | EntityType::MacroRegion | EntityType::Organization
            )
        }) && !self.is_firm(m)
    }

    /// Whether a match is a firm, university or cultural body, whose names
    /// mention places without referring to them.
    fn is_firm(&self, m: &GazMatch) -> bool {
        m.candidates.first().is_some_and(|&i| {
            let e = &self.data.entities()[i];
            e.kind == EntityType::Organization
                && e.org_kind.is_some_and(|k| {
                    matches!(
                        k,
                        OrgKind::Company
                            | OrgKind::University
                            | OrgKind::Bank
                            | OrgKind::Theatre
                            | OrgKind::Media
                            | OrgKind::Culture
                    )
                })
        })
    }

    fn ref_cluster(&self, idx: usize) -> Cluster {
        let e = &self.data.entities()[idx];
        Cluster {
            id: e.id.clone(),
            kind: e.kind,
            name: e.name().to_string(),
            code: e.code.clone(),
            names: e.names.clone(),
            aliases: e.aliases.clone(),
            office: None,
            family: (e.kind == EntityType::Person)
                .then(|| family_of(&self.data, idx))
                .flatten(),
            mentions: Vec::new(),
        }
    }

    /// Picks one candidate per gazetteer match, preferring places in the
    /// regions the article otherwise names.
    fn disambiguate(&self, gaz: Vec<GazMatch>) -> Vec<(GazMatch, usize)> {
        let ents = self.data.entities();
        let mut regions: Vec<&EntityId> = Vec::new();
        for m in gaz.iter().filter(|m| m.candidates.len() == 1) {
            let id = &ents[m.candidates[0]].id;
            if let Some(r) = self.data.region_of(id) {
                regions.push(r);
            }
        }
        let rank = |k: EntityType| match k {
            EntityType::Region => 0,
            EntityType::Country => 1,
            EntityType::MacroRegion => 2,
            EntityType::City => 3,
            EntityType::Facility => 4,
            EntityType::Organization => 5,
            EntityType::Person => 6,
        };
        gaz.into_iter()
            .filter_map(|m| {
                let best = *m.candidates.iter().min_by_key(|&&i| {
                    let e = &ents[i];
                    let in_ctx = self
                        .data
                        .region_of(&e.id)
                        .is_some_and(|r| regions.contains(&r));
                    (!in_ctx, rank(e.kind), i)
                })?;
                Some((m, best))
            })
            .collect()
    }

    /// The cluster a pattern-found person belongs to.
    fn person_cluster(
        &self,
        p: &PersonCand,
        clusters: &[Cluster],
        year: Option<i32>,
    ) -> Option<(Cluster, (usize, usize))> {
        let span = (p.start, p.end);
        let ents = self.data.entities();
        let known = |idx: usize, office: Option<String>| {
            let mut c = self.ref_cluster(idx);
            c.office = office;
            Some((c, span))
        };
        if p.given.is_some() {
            let full = p.full_name();
            if let Some(&idx) = self.person_keys.get(&name_key(&full)) {
                return known(idx, p.office.clone());
            }
            if let Some(idx) = self
                .phonetic_person(&full, None)
                .filter(|&idx| !p.chinese || self.in_office_near(idx, year))
            {
                return known(idx, p.office.clone());
            }
            let names = Names {
                en: Some(full.clone()),
                ru: p.names.ru.clone(),
                zh: p.names.zh.clone(),
            };
            return Some((
                Cluster {
                    id: EntityId::new("person", &person_slug(&full)),
                    kind: EntityType::Person,
                    name: full,
                    code: None,
                    names,
                    aliases: Vec::new(),
                    office: p.office.clone(),
                    family: Some(p.family.to_lower()),
                    mentions: Vec::new(),
                },
                span,
            ));
        }
        // A surname or title alone: a person already named in full in this article…
        let fam = p.family.to_lower();
        if let Some(c) = clusters
            .iter()
            .find(|c| c.kind == EntityType::Person && c.family.as_deref() == Some(fam.as_str()))
        {
            return Some((
                Cluster {
                    id: c.id.clone(),
                    kind: c.kind,
                    name: c.name.clone(),
                    code: None,
                    names: c.names.clone(),
                    aliases: c.aliases.clone(),
                    office: p.office.clone(),
                    family: c.family.clone(),
                    mentions: Vec::new(),
                },
                span,
            ));
        }
        // …or a known office holder whose office fits the title…
        if let Some(cands) = self.families.get(&fam) {
            let fitting: Vec<usize> = cands
                .iter()
                .copied()
                .filter(|&i| match &p.title {
                    Some(t) if !t.is_empty() => self.data.offices_of(&ents[i].id).any(|o| {
                        o.title
                            .en
                            .as_deref()
                            .is_some_and(|x| x.to_lower().contains(&t.to_lower()))
                            && year.is_none_or(|y| o.covers_year(y))
                    }),
                    _ => true,
                })
                .collect();
            let pick = if fitting.len() == 1 {
                Some(fitting[0])
            } else if cands.len() == 1 {
                Some(cands[0])
            } else {
                None
            };
            if let Some(idx) = pick {
                return known(idx, p.office.clone());
            }
        }
        // …or a known person whose name machine translation garbled ("Shelbina").
        if p.office.is_some() || p.title.is_some() {
            if let Some(idx) = self.phonetic_person(&p.family, Some(&fam)) {
                return known(idx, p.office.clone());
            }
        }
        let name = p.family.clone();
        Some((
            Cluster {
                id: EntityId::new("person", &person_slug(&name)),
                kind: EntityType::Person,
                name: name.clone(),
                code: None,
                names: Names {
                    en: Some(name),
                    ru: p.names.ru.clone(),
                    zh: p.names.zh.clone(),
                },
                aliases: Vec::new(),
                office: p.office.clone(),
                family: Some(fam),
                mentions: Vec::new(),
            },
            span,
        ))
    }

    /// Whether a known person held an office within a year of `year` (true
    /// when either is unknown). A Chinese name read exactly from its
    /// characters or Palladius that only sounds like a known person's ("Yang
    /// Jin", "Yang Jing") is that person only while they are in the news for
    /// an office.
    fn in_office_near(&self, idx: usize, year: Option<i32>) -> bool {
        let id = &self.data.entities()[idx].id;
        let mut offices = self.data.offices_of(id).peekable();
        let Some(y) = year else { return true };
        offices.peek().is_none()
            || offices.any(|o| o.covers_year(y) || o.covers_year(y - 1) || o.covers_year(y + 1))
    }

    /// The one known person whose (family) name sounds like `name`.
    fn phonetic_person(&self, name: &str, family_only: Option<&str>) -> Option<usize> {
        let threshold = if family_only.is_some() { 0.85 } else { 0.92 };
        let mut best: Vec<(f64, usize)> = Vec::new();
        if let Some(f) = family_only {
            if f.chars().count() < 4 {
                return None;
            }
            let k: Vec<char> = tr::phonetic_key(f).chars().collect();
            // Zakharov is not Zakharova: a Russian family name's feminine
            // "-a" tells two people apart.
            let lower = f.to_lower();
            let other_gender = |i: usize| {
                family_of(&self.data, i).is_some_and(|g| {
                    let g = g.to_lower();
                    g == format!("{lower}a") || lower == format!("{g}a")
                })
            };
            let mut rows = Rows::default();
            for (fk, idxs) in &self.family_keys {
                let s = key_similarity(&k, fk, threshold, &mut rows);
                if s >= threshold {
                    best.extend(idxs.iter().filter(|&&i| !other_gender(i)).map(|&i| (s, i)));
                }
            }
        } else {
            let k: Vec<char> = tr::phonetic_key(name).chars().collect();
            let mut rows = Rows::default();
            for (nk, i) in &self.name_keys {
                let s = key_similarity(&k, nk, threshold, &mut rows);
                if s >= threshold {
                    best.push((s, *i));
                }
            }
        }
        best.sort_by(|a, b| b.0.total_cmp(&a.0));
        match best.as_slice() {
            [(_, i)] => Some(*i),
            [(a, i), (b, _), ..] if a - b > 0.05 => Some(*i),
            _ => None,
        }
    }

    /// Russian names that neither the data nor the domain patterns know
    /// ([`ner_ru`]: open-class shape rules), each a cluster of its own
    /// outside the spans already claimed.
    fn open_names_ru(
        &self,
        text: &str,
        toks: &[text::Token],
        clusters: &mut Vec<Cluster>,
        by_id: &mut HashMap<EntityId, usize>,
    ) {
        let claimed = text::merge_spans(
            clusters
                .iter()
                .flat_map(|c| c.mentions.iter().copied())
                .collect(),
        );
        for o in ner_ru::find(text, toks, &claimed, &self.lex) {
            let surface = &text[o.start..o.end];
            let (prefix, kind) = match o.kind {
                ner_ru::Open::Person => ("person", EntityType::Person),
                ner_ru::Open::Org => ("organization", EntityType::Organization),
                ner_ru::Open::Place => ("city", EntityType::City),
            };
            let latin = tr::ru_to_latin(surface);
            let c = Cluster {
                id: EntityId::new(prefix, &slug(&latin)),
                kind,
                name: latin,
                code: None,
                names: Names {
                    en: None,
                    ru: Some(surface.to_string()),
                    zh: None,
                },
                aliases: Vec::new(),
                office: None,
                family: (kind == EntityType::Person)
                    .then(|| {
                        surface.split_whitespace().last().map(|w| {
                            tr::ru_to_latin(&persons::surname_lemma(w, false, false)).to_lower()
                        })
                    })
                    .flatten(),
                mentions: Vec::new(),
            };
            add_cluster(clusters, by_id, c, (o.start, o.end));
        }
    }

    /// Surnames standing alone ("Kozhemyako said", "Кожемяко заявил") of people
    /// named in this article, or of a known person with a distinctive surname.
    fn bare_surnames(
        &self,
        text: &str,
        toks: &[text::Token],
        gaz: &[(GazMatch, usize)],
        clusters: &mut Vec<Cluster>,
        by_id: &mut HashMap<EntityId, usize>,
    ) {
        // Mentions added below are each at the word being read, so the spans
        // taken before the loop answer for every later word.
        let spans = text::merge_spans(
            clusters
                .iter()
                .flat_map(|c| c.mentions.iter().copied())
                .chain(gaz.iter().map(|(m, _)| (m.start, m.end)))
                .collect(),
        );
        let covered = |s: usize, e: usize, _: &Vec<Cluster>| text::overlaps_any(&spans, s, e);
        for t in toks {
            if !capitalised(t.text) || t.text.chars().count() < 2 {
                continue;
            }
            let word = t.text.trim_end_matches("'s");
            let latin = if has_cyrillic(word) {
                tr::ru_to_latin(&persons::surname_lemma(word, false, false))
            } else {
                word.to_string()
            };
            let key = latin.to_lower();
            if covered(t.start, t.end, clusters) {
                continue;
            }
            if let Some(i) = clusters.iter().position(|c| {
                c.kind == EntityType::Person
                    && c.family.as_deref() == Some(key.as_str())
                    && c.name.contains(' ')
            }) {
                clusters[i].mentions.push((t.start, t.start + word.len()));
                continue;
            }
            // A distinctive surname of exactly one known person.
            if key.chars().count() >= 5 && !text[..t.start].trim_end().ends_with(['.', '!', '?']) {
                if let Some([idx]) = self.families.get(&key).map(Vec::as_slice) {
                    let c = self.ref_cluster(*idx);
                    if let Some(&ci) = by_id.get(&c.id) {
                        clusters[ci].mentions.push((t.start, t.start + word.len()));
                    } else {
                        by_id.insert(c.id.clone(), clusters.len());
                        let mut c = c;
                        c.mentions.push((t.start, t.start + word.len()));
                        clusters.push(c);
                    }
                }
            }
        }
    }
}

/// The cluster of a facility named by two towns and a facility word.
fn facility_cluster(f: &crossings::FacilityCand) -> Cluster {
    Cluster {
        id: EntityId::new("facility", &slug(&f.name)),
        kind: EntityType::Facility,
        name: f.name.clone(),
        code: None,
        names: Names {
            en: Some(f.name.clone()),
            ru: f.native.clone().filter(|n| has_cyrillic(n)),
            zh: f.native.clone().filter(|n| text::has_han(n)),
        },
        aliases: f.aliases.clone(),
        office: None,
        family: None,
        mentions: Vec::new(),
    }
}

/// A Chinese name found once (after a title: "市长孙成坤") is the same person
/// wherever it is written again ("访问期间，孙成坤会见了…"): every other
/// occurrence of a person's characters that no other name covers.
fn repeated_han_names(text: &str, clusters: &mut [Cluster]) {
    let names: Vec<(usize, String)> = clusters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == EntityType::Person)
        .filter_map(|(i, c)| c.names.zh.clone().map(|z| (i, z)))
        .filter(|(_, z)| (2..=4).contains(&z.chars().count()) && z.chars().all(text::is_han))
        .collect();
    if names.is_empty() || !text::has_han(text) {
        return;
    }
    // An automaton for one page: the plain NFA builds fastest, and with a
    // few names it searches as fast as any.
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
        .build(names.iter().map(|(_, z)| z.as_str()))
    else {
        return;
    };
    let taken = text::merge_spans(
        clusters
            .iter()
            .flat_map(|c| c.mentions.iter().copied())
            .collect(),
    );
    for m in ac.find_iter(text) {
        // "王海" is not in "王海燕": a two-character name must end where a
        // name can (a longer one is rarely the start of another).
        let short = text[m.start()..m.end()].chars().count() == 2;
        let ends = !short
            || text[m.end()..]
                .chars()
                .next()
                .is_none_or(|c| !text::is_han(c) || persons::STOP.contains(c));
        if ends && !text::overlaps_any(&taken, m.start(), m.end()) {
            let i = names[m.pattern().as_usize()].0;
            clusters[i].mentions.push((m.start(), m.end()));
        }
    }
}

/// Two rows of the edit-distance table, kept between comparisons.
#[derive(Default)]
struct Rows {
    prev: Vec<usize>,
    cur: Vec<usize>,
}

/// 1 − normalised edit distance of two phonetic keys (as `name_similarity`
/// does), or 0 when it is certainly below `at_least`: the length difference
/// alone, or a row of the table, already costs more than allowed. Every
/// known name is compared with each unknown one, so the early exits matter.
fn key_similarity(a: &[char], b: &[char], at_least: f64, rows: &mut Rows) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 || a.len().abs_diff(b.len()) * 4 > longest {
        return 0.0;
    }
    // The largest distance that still reaches `at_least`.
    let allowed = ((1.0 - at_least) * longest as f64 + 1e-9).floor() as usize;
    if a.len().abs_diff(b.len()) > allowed {
        return 0.0;
    }
    let Rows { prev, cur } = rows;
    prev.clear();
    prev.extend(0..=b.len());
    cur.clear();
    cur.resize(b.len() + 1, 0);
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        // Distances never shrink down the table.
        if cur.iter().min().is_some_and(|&m| m > allowed) {
            return 0.0;
        }
        std::mem::swap(prev, cur);
    }
    1.0 - prev[b.len()] as f64 / longest as f64
}

/// Adds a mention to the cluster with the same id, or starts a new cluster.
fn add_cluster(
    clusters: &mut Vec<Cluster>,
    by_id: &mut HashMap<EntityId, usize>,
    c: Cluster,
    span: (usize, usize),
) {
    if let Some(&i) = by_id.get(&c.id) {
        let cl = &mut clusters[i];
        cl.mentions.push(span);
        if cl.office.is_none() {
            cl.office = c.office;
        }
    } else {
        by_id.insert(c.id.clone(), clusters.len());
        let mut c = c;
        c.mentions = vec![span];
        clusters.push(c);
    }
}

fn person_slug(name: &str) -> String {
    let s = slug(name);
    if s.is_empty() {
        slug(&tr::han_to_pinyin(name))
    } else {
        s
    }
}

/// Byte offset → character offset.
struct CharIndex {
    starts: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> Self {
        CharIndex {
            starts: text.char_indices().map(|(i, _)| i).collect(),
        }
    }
    fn at(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s < byte)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn key_similarity_exits_early_only_below_the_bar() {
        let k = |s: &str| s.chars().collect::<Vec<char>>();
        let mut rows = Rows::default();
        // One edit in 12: 0.917, above 0.9 and below 0.92.
        let s = key_similarity(&k("hwangshihwei"), &k("hwangshihwai"), 0.9, &mut rows);
        assert!((s - (1.0 - 1.0 / 12.0)).abs() < 1e-12);
        assert_eq!(
            key_similarity(&k("hwangshihwei"), &k("hwangshihwai"), 0.92, &mut rows),
            0.0
        );
        // Two edits in 25 is exactly 0.92: still reached.
        let a = "abcdefghijklmnopqrstuvwxy";
        let b = "abcdefghijklmnopqrstuvwzz";
        assert!(key_similarity(&k(a), &k(b), 0.92, &mut rows) >= 0.92);
        // Far apart: cut short, never a false 1.0.
        assert_eq!(
            key_similarity(&k("zhang"), &k("ivanov"), 0.85, &mut rows),
            0.0
        );
        assert_eq!(key_similarity(&k(""), &k(""), 0.85, &mut rows), 0.0);
    }
    use super::*;
    use std::sync::LazyLock;

    static R: LazyLock<Recogniser> =
        LazyLock::new(|| Recogniser::new(&RefData::embedded().unwrap()));

    fn find<'a>(ents: &'a [Entity], id: &str) -> Option<&'a Entity> {
        ents.iter().find(|e| e.id.as_str() == id)
    }

    #[test]
    fn a_plural_of_office_does_not_start_a_name() {
        let ents = R.recognise(
            "Representatives of the Ministry of Economic Development of the Russian Federation attended.",
            None,
        );
        assert!(
            ents.iter().all(|e| !e.name.starts_with("Representatives")),
            "{ents:?}"
        );
        // Must still find the ministry and a body of a region.
        let ents = R.recognise(
            "Officials of the Ministry of Agriculture of Amur Oblast came.",
            None,
        );
        assert!(
            ents.iter()
                .any(|e| e.name == "Ministry of Agriculture of Amur Oblast"),
            "{ents:?}"
        );
    }

    #[test]
    fn hyphenated_names_are_not_their_halves() {
        let ents = R.recognise("Пункт пропуска Кани-Курган открыт.", None);
        assert!(find(&ents, "city:kurgan").is_none(), "{ents:?}");
        // Must not fire: two places joined by a hyphen are both named.
        let ents = R.recognise("The Russia-China Expo opened in Harbin.", None);
        assert!(find(&ents, "country:CN").is_some(), "{ents:?}");
    }

    #[test]
    fn a_country_side_is_the_country() {
        for text in [
            "The Chinese side insisted on a faster schedule.",
            "Китайскую сторону представлял мэр города.",
            "中方表示愿意合作。",
        ] {
            let ents = R.recognise(text, None);
            assert!(find(&ents, "country:CN").is_some(), "{text}: {ents:?}");
        }
        // Must not fire: "side" and "Chinese" apart.
        let ents = R.recognise("On the side of the road stood Chinese lanterns.", None);
        assert!(find(&ents, "country:CN").is_none(), "{ents:?}");
    }

    #[test]
    fn currencies_and_clocks_are_not_places() {
        for text in [
            "The deal is worth 5 million US dollars.",
            "The ceremony began at 10:00 Beijing time.",
            "Сделка стоит 5 млн долларов США.",
            "仪式于北京时间10点开始。",
        ] {
            let ents = R.recognise(text, None);
            assert!(
                !ents.iter().any(|e| matches!(
                    e.id.as_str(),
                    "country:US" | "city:beijing" | "region:CN-BJ"
                )),
                "{text}: {ents:?}"
            );
        }
        // Must not fire: the place itself, and a time word further away.
        for (text, ids) in [
            (
                "The delegation arrived in Beijing on time.",
                &["city:beijing", "region:CN-BJ"][..],
            ),
            ("Делегация из США прибыла в Хабаровск.", &["country:US"][..]),
        ] {
            let ents = R.recognise(text, None);
            assert!(
                ids.iter().any(|id| find(&ents, id).is_some()),
                "{text}: {ents:?}"
            );
        }
    }

    #[test]
    fn one_official_from_three_languages() {
        for text in [
            "Governor Oleg Kozhemyako met the delegation. Kozhemyako said the checkpoint will reopen.",
            "Встреча прошла с губернатором Приморского края Олегом Кожемяко во Владивостоке.",
            "滨海边疆区州长科热米亚科会见了代表团。",
        ] {
            let ents = R.recognise(text, Some(2024));
            let k = find(&ents, "person:oleg-kozhemyako").unwrap_or_else(|| panic!("{text}: {ents:?}"));
            assert_eq!(k.name, "Oleg Kozhemyako");
        }
    }

    #[test]
    fn unknown_chinese_official_gets_pinyin_name_in_every_script() {
        let ru = R.recognise("Выступил секретарь горкома Хуан Шивэй (黄世伟).", None);
        let en = R.recognise(
            "The city party secretary Huang Shiwei spoke at the meeting.",
            None,
        );
        let zh = R.recognise("市委书记黄世伟在会上讲话。", None);
        for ents in [&ru, &en, &zh] {
            assert!(
                ents.iter()
                    .any(|e| e.kind == EntityType::Person && e.name == "Huang Shiwei"),
                "{ents:?}"
            );
        }
        let p = ru.iter().find(|e| e.name == "Huang Shiwei").unwrap();
        assert_eq!(p.names.zh.as_deref(), Some("黄世伟"));
        assert_eq!(p.id.as_str(), "person:huang-shiwei");
    }

    #[test]
    fn a_chinese_name_that_only_sounds_known_needs_the_office_years() {
        let ids = |text: &str, year| -> Vec<String> {
            R.recognise(text, Some(year))
                .into_iter()
                .filter(|e| e.kind == EntityType::Person)
                .map(|e| e.id.to_string())
                .collect()
        };
        // In office that year: a one-letter slip is still the governor.
        let found = ids(
            "Губернатор провинции Хэйлунцзян Хуа Чаншэн открыл мост.",
            2022,
        );
        assert!(
            found.contains(&"person:hu-changsheng".to_string()),
            "{found:?}"
        );
        // Must not fire: "Ян Цзинь" (Yang Jin) years after Yang Jing's term.
        let found = ids("Заместитель председателя Ян Цзинь подписал протокол.", 2021);
        assert!(
            !found.contains(&"person:yang-jing".to_string()),
            "{found:?}"
        );
        assert!(found.contains(&"person:yang-jin".to_string()), "{found:?}");
    }

    #[test]
    fn other_romanisations_of_region_names() {
        for text in [
            "The governor of Khabarovskiy Kray met the delegation.",
            "Primorsky Territory signed the plan.",
        ] {
            let ents = R.recognise(text, None);
            assert!(
                ents.iter().any(|e| e.kind == EntityType::Region),
                "{text}: {ents:?}"
            );
        }
        // Must not fire: "Region" alone after a town is not a region's name.
        let ents = R.recognise("The Harbin region grew.", None);
        assert!(
            !ents.iter().any(|e| e.kind == EntityType::Region),
            "{ents:?}"
        );
    }

    #[test]
    fn countries_abbreviated_in_runs() {
        let ids = |text: &str| -> Vec<String> {
            R.recognise(text, None)
                .into_iter()
                .map(|e| e.id.to_string())
                .collect()
        };
        let found = ids("珲春地处中俄朝三国交界地带。");
        for c in ["country:CN", "country:RU", "country:KP"] {
            assert!(found.contains(&c.to_string()), "{found:?}");
        }
        // Must not fire: 中 ends "会谈中", 日 after a digit is a day, a
        // lone 中 is no country.
        let found = ids("会谈中俄方表示同意。");
        assert!(!found.contains(&"country:CN".to_string()), "{found:?}");
        let found = ids("10日中午双方会见。");
        assert!(!found.contains(&"country:JP".to_string()), "{found:?}");
        let found = ids("中心城市发展很快。");
        assert!(!found.contains(&"country:CN".to_string()), "{found:?}");
    }

    #[test]
    fn a_declined_palladius_name() {
        let ents = R.recognise(
            "Заместителю мэра Харбина Чжану Ваньпину Хабаровск понравился.",
            None,
        );
        assert!(ents.iter().any(|e| e.name == "Zhang Wanping"), "{ents:?}");
        // Must not fire: an undeclined name keeps its last syllable.
        let ents = R.recognise("Мэр Харбина Чжан Ванпину выступил.", None);
        assert!(!ents.iter().any(|e| e.name == "Zhang Wanping"), "{ents:?}");
    }

    #[test]
    fn a_family_name_of_the_other_gender_is_another_person() {
        let ents = R.recognise("奥伊米亚康区区长扎哈罗夫出席了仪式。", Some(2017));
        assert!(
            !ents
                .iter()
                .any(|e| e.id.as_str() == "person:maria-zakharova"),
            "{ents:?}"
        );
        // Must not fire: the same family name still matches.
        let ents = R.recognise("外交部发言人扎哈罗娃表示。", Some(2017));
        assert!(
            ents.iter()
                .any(|e| e.id.as_str() == "person:maria-zakharova"),
            "{ents:?}"
        );
    }

    #[test]
    fn customs_offices_and_border_stations_by_head_word() {
        for text in [
            "Exports rose 12 percent, Heihe Customs said.",
            "黑龙江省同江市边防检查站30日发布消息。",
        ] {
            let ents = R.recognise(text, None);
            assert!(
                ents.iter().any(|e| e.kind == EntityType::Organization),
                "{text}: {ents:?}"
            );
        }
        // Must not fire: customs as a common noun.
        let ents = R.recognise("Local customs statistics showed growth in Heihe.", None);
        assert!(
            !ents.iter().any(|e| e.kind == EntityType::Organization),
            "{ents:?}"
        );
    }

    #[test]
    fn a_hyphenated_place_after_a_preposition_is_one_name() {
        let ents = R.recognise("Встреча прошла в Нью-Йорке на прошлой неделе.", None);
        assert!(
            ents.iter()
                .any(|e| e.mentions.iter().any(|m| m.text == "Нью-Йорке")),
            "{ents:?}"
        );
        // Must not fire: a lower-case word after the hyphen is not part of it.
        let ents = R.recognise("Встреча прошла в Нью-йоркском офисе.", None);
        assert!(
            !ents
                .iter()
                .any(|e| e.mentions.iter().any(|m| m.text == "Нью")),
            "{ents:?}"
        );
    }

    #[test]
    fn a_conjunction_after_a_title_starts_no_name() {
        let ents = R.recognise("孙成坤会见纳霍德卡市市长和符拉迪沃斯托克市市长。", None);
        assert!(
            !ents
                .iter()
                .any(|e| e.kind == EntityType::Person && e.name.starts_with("He ")),
            "{ents:?}"
        );
        assert!(
            ents.iter().any(|e| e.id.as_str() == "city:vladivostok"),
            "{ents:?}"
        );
        // Must not fire: a name right after a title is still found.
        let ents = R.recognise("市长孙成坤出席。", None);
        assert!(
            ents.iter().any(|e| e.id.as_str() == "person:sun-chengkun"),
            "{ents:?}"
        );
    }

    #[test]
    fn a_chinese_name_found_once_is_found_again() {
        let ents = R.recognise(
            "鸡西市市长孙成坤率团访问。访问期间，孙成坤会见了副主席。",
            None,
        );
        let p = ents
            .iter()
            .find(|e| e.id.as_str() == "person:sun-chengkun")
            .expect("person");
        assert_eq!(p.mentions.len(), 2, "{p:?}");
        // A verb right after the name does not hide it.
        let ents = R.recognise("市长孙成坤出席。孙成坤依次会见了副主席。", None);
        let p = ents
            .iter()
            .find(|e| e.id.as_str() == "person:sun-chengkun")
            .expect("person");
        assert_eq!(p.mentions.len(), 2, "{p:?}");
        // Must not fire: a two-character name at the start of a longer one.
        let ents = R.recognise("市长王海出席。王海燕表示欢迎。", None);
        let p = ents
            .iter()
            .find(|e| e.kind == EntityType::Person && e.name == "Wang Hai")
            .expect("person");
        assert_eq!(p.mentions.len(), 1, "{p:?}");
    }

    #[test]
    fn russian_names_in_oblique_cases() {
        let ents = R.recognise(
            "Встреча с Генеральным консулом Владимиром Ощепковым прошла в Харбине.",
            None,
        );
        assert!(
            ents.iter().any(|e| e.name == "Vladimir Oshchepkov"),
            "{ents:?}"
        );
        assert!(find(&ents, "city:harbin").is_some());
        assert!(
            find(&ents, "city:vladimir").is_none(),
            "a given name is not the city"
        );
    }

    #[test]
    fn surnames_and_titles_join_the_full_name() {
        let ents = R.recognise(
            "President Xi Jinping met President Putin. Xi said the talks went well.",
            Some(2023),
        );
        let xi = find(&ents, "person:xi-jinping").unwrap();
        assert_eq!(xi.mentions.len(), 2, "{xi:?}");
        assert!(find(&ents, "person:vladimir-putin").is_some(), "{ents:?}");
    }

    #[test]
    fn garbled_surname_joins_a_known_official_by_sound() {
        // Machine translation spelled the surname with w for v.
        let ents = R.recognise(
            "Orlow, the governor of Amur Oblast, welcomed the delegation.",
            Some(2024),
        );
        assert!(find(&ents, "person:vasily-orlov").is_some(), "{ents:?}");
    }

    #[test]
    fn organisations_by_shape() {
        let ents = R.recognise("Harbin Fresh Grain Trading Co., Ltd. signed a contract with ООО «Амурагро» and the Suifenhe Customs Office.", None);
        let names: Vec<&str> = ents
            .iter()
            .filter(|e| e.kind == EntityType::Organization)
            .map(|e| e.name.as_str())
            .collect();
        assert!(
            names.contains(&"Harbin Fresh Grain Trading Co., Ltd."),
            "{names:?}"
        );
        assert!(names.contains(&"Amuragro"), "{names:?}");
        assert!(
            names.iter().any(|n| n.contains("Suifenhe Customs")),
            "{names:?}"
        );
        assert!(
            find(&ents, "city:harbin").is_none(),
            "a city inside a firm's name is not a mention"
        );
    }

    #[test]
    fn mentions_are_character_offsets() {
        let text = "黑龙江省代表团访问了哈巴罗夫斯克边疆区。";
        let ents = R.recognise(text, None);
        for e in &ents {
            for m in &e.mentions {
                let s: String = text.chars().skip(m.start).take(m.end - m.start).collect();
                assert_eq!(s, m.text);
            }
        }
        assert!(find(&ents, "region:RU-KHA").is_some(), "{ents:?}");
    }
}
