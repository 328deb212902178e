//! Facts from the team's own sentences, per language and per fact kind.

use crate::{Ctx, Doc, FactFinder, Facts, M};
use amur_recognise::Recogniser;
use amur_record::{
    AgreementKind, EventType, Flow, Mode, RelationType, Sector, Status, TransportMode,
};
use amur_refdata::RefData;
use chrono::NaiveDate;
use std::sync::LazyLock;

static SETUP: LazyLock<(RefData, Recogniser, FactFinder)> = LazyLock::new(|| {
    let d = RefData::embedded().unwrap();
    let r = Recogniser::new(&d);
    (d, r, FactFinder::default())
});

fn facts(text: &str, published: &str) -> Facts {
    let (data, rec, ff) = &*SETUP;
    let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
    let ents = rec.recognise(text, p.map(|d| chrono::Datelike::year(&d)));
    ff.find(
        &Doc {
            text,
            title: None,
            published: p,
            entities: &ents,
            norm: None,
        },
        data,
    )
}

/// How many events of a kind a record has.
fn count(f: &Facts, kind: EventType) -> usize {
    f.events.iter().filter(|e| e.kind == kind).count()
}

/// The first event of a kind, which the test expects to be there.
fn first(f: &Facts, kind: EventType) -> &amur_record::Event {
    f.events
        .iter()
        .find(|e| e.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} in {:?}", f.events))
}

fn has(f: &Facts, kind: EventType, id: &str) -> bool {
    f.events
        .iter()
        .any(|e| e.kind == kind && e.participants.iter().any(|p| p.entity.as_str() == id))
}

#[test]
fn english_events() {
    let f = facts(
        "On Tuesday, Governor Oleg Kozhemyako held talks with a delegation of Jilin Province in Vladivostok. \
         The two sides signed an agreement on fisheries. The delegation will visit Khabarovsk next week. \
         The Harbin trade fair opened on June 15.",
        "2024-06-20",
    );
    let meeting = first(&f, EventType::Meeting);
    assert_eq!(meeting.date.as_deref(), Some("2024-06-18"));
    assert_eq!(
        meeting.location.as_ref().map(|l| l.as_str()),
        Some("city:vladivostok")
    );
    assert!(
        has(&f, EventType::Signing, "region:CN-JL")
            || f.events.iter().any(|e| e.kind == EventType::Signing)
    );
    let visit = first(&f, EventType::Visit);
    assert_eq!(visit.status, Status::Planned);
    assert_eq!(
        visit.location.as_ref().map(|l| l.as_str()),
        Some("city:khabarovsk")
    );
    assert!(f
        .events
        .iter()
        .any(|e| e.kind == EventType::Forum && e.date.as_deref() == Some("2024-06-15")));
    assert!(f.sectors.contains(&Sector::Agriculture));
}

#[test]
fn russian_events_and_modes() {
    let f = facts(
        "Губернатор Амурской области Василий Орлов 5 августа провел переговоры в режиме видеоконференции с губернатором провинции Хэйлунцзян. \
         По итогам переговоров стороны подписали меморандум о сотрудничестве в сфере туризма. \
         В следующем месяце в Благовещенске пройдет российско-китайская ярмарка.",
        "2024-08-06",
    );
    let m = first(&f, EventType::Meeting);
    assert_eq!(m.mode, Some(Mode::Video));
    assert_eq!(m.date.as_deref(), Some("2024-08-05"));
    assert!(has(&f, EventType::Meeting, "person:vasily-orlov"));
    assert_eq!(
        f.events
            .iter()
            .filter(|e| e.kind == EventType::Meeting)
            .count(),
        1,
        "the talks told twice are one meeting"
    );
    let ag = f.agreements.first().expect("agreement");
    assert_eq!(ag.kind, AgreementKind::Memorandum);
    let fair = first(&f, EventType::Forum);
    assert_eq!(fair.status, Status::Planned);
    assert_eq!(
        fair.location.as_ref().map(|l| l.as_str()),
        Some("city:blagoveshchensk")
    );
}

#[test]
fn chinese_events() {
    let f = facts("5月19日，吉林省代表团在符拉迪沃斯托克与滨海边疆区政府举行会谈，双方签署了合作协议。双方商定，明年论坛将在珲春举办。", "2025-05-20");
    let m = first(&f, EventType::Meeting);
    assert_eq!(m.date.as_deref(), Some("2025-05-19"));
    assert!(f.events.iter().any(|e| e.kind == EventType::Signing));
    let forum = first(&f, EventType::Forum);
    assert_eq!(forum.status, Status::Planned);
    assert_eq!(
        forum.location.as_ref().map(|l| l.as_str()),
        Some("city:hunchun")
    );
}

#[test]
fn figures_in_three_languages() {
    let f = facts("In the first quarter of 2024, trade between Heilongjiang and Russia rose by 12.5% to 3.2 billion US dollars.", "2024-05-01");
    let x = f.figures.first().expect("figure");
    assert_eq!(
        (
            x.value,
            x.unit.as_deref(),
            x.change_pct,
            x.period.as_deref()
        ),
        (Some(3.2e9), Some("USD"), Some(12.5), Some("2024-Q1"))
    );
    assert_eq!(x.flow, Some(Flow::Turnover));
    assert_eq!(
        x.reporter.as_ref().map(|r| r.as_str()),
        Some("region:CN-HL")
    );
    assert_eq!(x.partner.as_ref().map(|r| r.as_str()), Some("country:RU"));

    let f = facts("Товарооборот Приморского края с Китаем за январь–ноябрь 2023 года составил 9,5 млрд долларов, снизившись на 3,4%.", "2024-01-10");
    let x = f.figures.first().expect("figure");
    assert_eq!(
        (x.value, x.change_pct, x.period.as_deref()),
        (Some(9.5e9), Some(-3.4), Some("2023-01/2023-11"))
    );
    assert_eq!(
        x.reporter.as_ref().map(|r| r.as_str()),
        Some("region:RU-PRI")
    );

    let f = facts(
        "2024年1-9月，黑龙江省对俄出口额达120.5亿元，同比增长8.1%。",
        "2024-10-20",
    );
    let x = f.figures.first().expect("figure");
    assert_eq!(
        (x.value, x.unit.as_deref(), x.change_pct, x.flow),
        (
            Some(12_050_000_000.0),
            Some("CNY"),
            Some(8.1),
            Some(Flow::Export)
        )
    );
    assert_eq!(x.period.as_deref(), Some("2024-01/2024-09"));

    let f = facts(
        "The two countries aim to raise bilateral trade to 300 billion US dollars by 2030.",
        "2025-01-01",
    );
    assert!(f.figures.first().expect("target").target);
}

#[test]
fn relations() {
    let f = facts("Blagoveshchensk and Heihe are sister cities. A new direct flight from Harbin to Khabarovsk opened in May.", "2024-06-01");
    assert!(f
        .relations
        .iter()
        .any(|r| r.kind == RelationType::SisterCities));
    let air = f
        .relations
        .iter()
        .find(|r| r.kind == RelationType::TransportLink)
        .expect("link");
    assert_eq!(air.mode, Some(TransportMode::Air));
    assert!(f.events.iter().any(|e| e.kind == EventType::Launch));
}

#[test]
fn wishes_and_generic_plurals_are_not_events() {
    let f = facts(
        "Both sides hope to hold more meetings. The consulate helps organize visits to China.",
        "2024-06-01",
    );
    assert!(f.events.is_empty(), "{:?}", f.events);
}

#[test]
fn evidence_points_at_the_sentence() {
    let text =
        "Вступление. Губернатор Приморья Олег Кожемяко 13 июня провел переговоры во Владивостоке.";
    let f = facts(text, "2024-06-14");
    let e = f.events.first().expect("event");
    let s: String = text
        .chars()
        .skip(e.evidence.start)
        .take(e.evidence.end - e.evidence.start)
        .collect();
    assert!(
        s.starts_with("Губернатор") && s.ends_with("Владивостоке."),
        "{s}"
    );
}

#[test]
fn chinese_ceremony_pairs_and_day_of_month() {
    let f = facts(
        "10月17日，代表团抵达哈尔滨。18日，哈尔滨工业大学与远东联邦大学、黑龙江大学与太平洋国立大学签署了合作协议。",
        "2023-10-20",
    );
    assert_eq!(f.agreements.len(), 2, "{:?}", f.agreements);
    let s = first(&f, EventType::Signing);
    assert_eq!(s.date.as_deref(), Some("2023-10-18"));
}

#[test]
fn sister_cities_lie_in_two_countries() {
    let f = facts(
        "Suifenhe will sign sister-city agreements with Nakhodka and Partizansk.",
        "2024-06-20",
    );
    let pairs: Vec<(String, String)> = f
        .relations
        .iter()
        .filter(|r| r.kind == RelationType::SisterCities)
        .map(|r| (r.a.to_string(), r.b.to_string()))
        .collect();
    assert!(
        pairs.contains(&("city:suifenhe".into(), "city:nakhodka".into())),
        "{pairs:?}"
    );
    // Must not fire: the two Russian towns are not twins of each other.
    assert!(
        !pairs
            .iter()
            .any(|(a, b)| a.contains("nakhodka") && b.contains("partizansk")),
        "{pairs:?}"
    );
}

#[test]
fn transport_links_with_and_between() {
    for text in [
        "The road bridge links Blagoveshchensk with Heihe.",
        "Мост между Благовещенском и Хэйхэ открыли.",
    ] {
        let f = facts(text, "2024-06-20");
        assert!(
            f.relations
                .iter()
                .any(|r| r.kind == RelationType::TransportLink
                    && r.mode == Some(TransportMode::Bridge)),
            "{text}: {:?}",
            f.relations
        );
    }
    // Must not fire: two towns in one sentence that nothing joins.
    let f = facts(
        "The governor flew to Moscow with the mayor of Blagoveshchensk.",
        "2024-06-20",
    );
    assert!(f.relations.is_empty(), "{:?}", f.relations);
}

/// The pairs of a kind of relation, as "a b" id strings.
fn pairs(f: &Facts, kind: RelationType) -> Vec<String> {
    f.relations
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| format!("{} {}", r.a, r.b))
        .collect()
}

#[test]
fn links_across_asides_fillers_and_lists() {
    for (text, want) in [
        // An apposition between the towns, after a cue.
        (
            "An air route linking the city of Urumqi, capital of China's Xinjiang Uygur Autonomous Region, and Irkutsk in Russia will open.",
            "city:urumqi city:irkutsk",
        ),
        // "the city of" between the joiner and the second town.
        (
            "Время полета от Хабаровска до города Харбин составит два часа.",
            "city:khabarovsk city:harbin",
        ),
        // A country between the joiner and the second town.
        ("中国同江至俄罗斯下列宁斯阔耶冰上通道开通。", "city:tongjiang city:nizhneleninskoye"),
        // An aside in brackets and 市 after a town.
        ("这座桥将连接布拉戈维申斯克(Blagoveshchensk)市和黑河市。", "city:blagoveshchensk city:heihe"),
        // A dashed pair carried on by a list.
        ("符拉迪沃斯托克—哈尔滨、北京、大连航线已开通。", "city:vladivostok city:dalian"),
        ("黑河——布拉戈维申斯克界河大桥", "city:heihe city:blagoveshchensk"),
    ] {
        let f = facts(text, "2024-06-20");
        let got = pairs(&f, RelationType::TransportLink);
        assert!(got.iter().any(|p| p == want), "{text}: {got:?}");
    }
    // Must not fire: "and" after an aside with no cue before the first town.
    let f = facts(
        "Flights land in Harbin, the capital of Heilongjiang, and Vladivostok hosts the forum.",
        "2024-06-20",
    );
    assert!(
        pairs(&f, RelationType::TransportLink).is_empty(),
        "{:?}",
        f.relations
    );
    // Must not fire: a list of dashed pairs does not chain one pair to the next.
    let f = facts(
        "Пункты пропуска Пограничный – Суйфэньхэ, Полтавка – Дуннин будут работать дольше на автомобильном транспорте.",
        "2024-06-20",
    );
    let got = pairs(&f, RelationType::TransportLink);
    assert!(
        got.iter().all(|p| !p.contains("pogranichny city:poltavka")),
        "{got:?}"
    );
    // Must not fire: a list with no dashed pair before it.
    let f = facts("哈尔滨、北京、大连的航班增加。", "2024-06-20");
    assert!(
        pairs(&f, RelationType::TransportLink).is_empty(),
        "{:?}",
        f.relations
    );
}

#[test]
fn twins_named_in_the_sentence_before() {
    let f = facts(
        "В Хабаровске находится делегация из Харбина. Визит посвящен юбилею побратимских связей с этим городом.",
        "2024-06-20",
    );
    let got = pairs(&f, RelationType::SisterCities);
    assert!(
        got.iter()
            .any(|p| p.contains("khabarovsk") && p.contains("harbin")),
        "{got:?}"
    );
    // Must not fire: the sentence before names two towns of one country.
    let f = facts(
        "The delegation went from Harbin to Heihe. It marked the anniversary of twinning with this city.",
        "2024-06-20",
    );
    assert!(
        pairs(&f, RelationType::SisterCities).is_empty(),
        "{:?}",
        f.relations
    );
    // Must not fire: the sentence before is in another paragraph.
    let f = facts(
        "В Хабаровске находится делегация из Харбина.\nВизит посвящен юбилею побратимских связей.",
        "2024-06-20",
    );
    assert!(
        pairs(&f, RelationType::SisterCities).is_empty(),
        "{:?}",
        f.relations
    );
}

#[test]
fn undated_events_fall_in_the_report_window() {
    let f = facts(
        "Governor Oleg Kozhemyako held talks with a delegation of Jilin Province. \
         The Jilin delegation will visit Khabarovsk.",
        "2024-06-20",
    );
    let meeting = first(&f, EventType::Meeting);
    assert_eq!(meeting.date.as_deref(), Some("2024-05-21/2024-06-20"));
    assert!(meeting.date_approximate);
    let visit = first(&f, EventType::Visit);
    assert_eq!(visit.date.as_deref(), Some("2024-06-20/2024-07-20"));
    // Must not fire: a stated date stays, and no publication date means no window.
    let f = facts(
        "On June 18, Governor Oleg Kozhemyako held talks with a delegation of Jilin Province.",
        "2024-06-20",
    );
    let meeting = first(&f, EventType::Meeting);
    assert_eq!(meeting.date.as_deref(), Some("2024-06-18"));
    assert!(!meeting.date_approximate);
    let f = facts(
        "Governor Oleg Kozhemyako held talks with a delegation of Jilin Province.",
        "",
    );
    assert!(f.events.iter().all(|e| e.date.is_none()));
}

#[test]
fn events_need_a_domain_actor() {
    // Countries alone are background.
    let f = facts("Russia and China will hold talks on trade.", "2024-06-20");
    assert!(f.events.is_empty(), "{:?}", f.events);
    // Must fire: a region's delegation acts.
    let f = facts(
        "The Heilongjiang delegation held talks in Vladivostok.",
        "2024-06-20",
    );
    assert!(
        has(&f, EventType::Meeting, "region:CN-HL"),
        "{:?}",
        f.events
    );
    // A news agency reports the meeting; it does not take part.
    let f = facts(
        "Governor Oleg Kozhemyako met the Heilongjiang delegation, TASS reports.",
        "2024-06-20",
    );
    assert!(
        !has(&f, EventType::Meeting, "organization:tass"),
        "{:?}",
        f.events
    );
}

#[test]
fn agreements_between_two_sides_once_per_document() {
    let f = facts(
        "Manzhouli of Inner Mongolia and Chita signed an agreement on trade. \
         The agreement between Manzhouli and Chita covers logistics.",
        "2024-06-20",
    );
    assert_eq!(f.agreements.len(), 1, "{:?}", f.agreements);
    let parties: Vec<&str> = f.agreements[0].parties.iter().map(|p| p.as_str()).collect();
    assert!(
        parties.contains(&"city:manzhouli") && parties.contains(&"city:chita"),
        "{parties:?}"
    );
    // The region only locates its town.
    assert!(!parties.contains(&"region:CN-NM"), "{parties:?}");
    // Must not fire: one side only, or countries only.
    for text in [
        "Manzhouli and Inner Mongolia signed an agreement on roads.",
        "Under the agreement signed by Russia and China, trade grew.",
    ] {
        let f = facts(text, "2024-06-20");
        assert!(f.agreements.is_empty(), "{text}: {:?}", f.agreements);
    }
}

/// The parties of each agreement, as id strings.
fn parties(f: &Facts) -> Vec<Vec<String>> {
    f.agreements
        .iter()
        .map(|a| a.parties.iter().map(|p| p.to_string()).collect())
        .collect()
}

#[test]
fn venues_and_gatherings_do_not_sign() {
    // The town after "signed in" is where, not who.
    let f = facts(
        "Heilongjiang and Khabarovsk Krai signed a memorandum in Khabarovsk.",
        "2024-06-20",
    );
    let got = parties(&f);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].contains(&"region:RU-KHA".to_string()), "{got:?}");
    assert!(!got[0].contains(&"city:khabarovsk".to_string()), "{got:?}");
    // A forum hosts the signing; neither it nor the places in its name sign.
    let f = facts(
        "Jilin and Kamchatka signed an agreement at the Northeast Asia Tourism Forum.",
        "2024-06-20",
    );
    let got = parties(&f);
    assert!(
        got.iter()
            .flatten()
            .all(|p| !p.contains("forum") && !p.contains("northeast-asia")),
        "{got:?}"
    );
    // Must not fire: a town that is a party stays one.
    let f = facts("Heihe and Blagoveshchensk signed a protocol.", "2024-06-20");
    assert!(
        parties(&f).iter().flatten().any(|p| p == "city:heihe"),
        "{:?}",
        f.agreements
    );
}

#[test]
fn the_document_told_again_takes_its_signatories() {
    let f = facts(
        "A memorandum between Heilongjiang and Khabarovsk Krai was signed on Monday. \
         The document was signed by Sergey Skaly and Li Wei.",
        "2024-06-20",
    );
    assert_eq!(f.agreements.len(), 1, "{:?}", f.agreements);
    let got = parties(&f);
    assert!(
        got[0].contains(&"person:sergey-skaly".to_string()),
        "{got:?}"
    );
    // Must not fire: "the agreement" after the verb is a new document.
    let f = facts(
        "Heihe and Blagoveshchensk signed a protocol. \
         Harbin and Vladivostok signed the agreement on tourism.",
        "2024-06-20",
    );
    assert_eq!(f.agreements.len(), 2, "{:?}", f.agreements);
}

#[test]
fn agreeing_is_not_signing() {
    let f = facts(
        "Авиаторы Сахалина и Китая договорились об открытии линии Южно-Сахалинск - Далянь.",
        "2024-06-20",
    );
    assert!(f.agreements.is_empty(), "{:?}", f.agreements);
    // Must not fire the other way: a signed договор is a contract.
    let f = facts(
        "Благовещенск и Хэйхэ подписали договор о сотрудничестве.",
        "2024-06-20",
    );
    assert_eq!(
        f.agreements.first().map(|a| a.kind),
        Some(AgreementKind::Contract),
        "{:?}",
        f.agreements
    );
}

#[test]
fn a_completed_trigger_is_not_planned() {
    use amur_record::Status;
    for text in [
        "Heilongjiang and Khabarovsk Krai will expand cooperation as a memorandum has been signed in Khabarovsk.",
        "Благовещенск и Хэйхэ будут развивать торговлю: соглашение подписали губернатор Амурской области и мэр Хэйхэ.",
        "黑龙江省与哈巴罗夫斯克边疆区已签署合作备忘录，双方将扩大合作。",
    ] {
        let f = facts(text, "2024-06-20");
        let s = first(&f, EventType::Signing);
        assert_eq!(s.status, Status::Occurred, "{text}");
    }
    // Must not fire: a past participle after a future auxiliary.
    let f = facts(
        "A memorandum between Heilongjiang and Khabarovsk Krai will be signed in Khabarovsk.",
        "2024-06-20",
    );
    assert_eq!(first(&f, EventType::Signing).status, Status::Planned);
}

#[test]
fn a_vehicle_that_arrives_is_a_service_not_a_visit() {
    let f = facts(
        "A Russian coal freight train arrived at the border city of Hunchun on Friday, marking the resumption of freight railway service between China and Russia.",
        "2024-06-20",
    );
    assert!(
        !f.events.iter().any(|e| e.kind == EventType::Visit),
        "{:?}",
        f.events
    );
    // The clause names only countries: the launch takes the sentence's town.
    let l = first(&f, EventType::Launch);
    assert!(
        l.participants
            .iter()
            .any(|p| p.entity.as_str() == "city:hunchun"),
        "{l:?}"
    );
    // Must not fire: a person who travels by train still visits.
    let f = facts(
        "Governor Oleg Kozhemyako arrived in Harbin by train on Friday.",
        "2024-06-20",
    );
    assert!(
        f.events.iter().any(|e| e.kind == EventType::Visit),
        "{:?}",
        f.events
    );
}

#[test]
fn the_day_of_a_statement_is_not_the_day_of_the_event() {
    let f = facts(
        "A direct air route linking Urumqi and Irkutsk will be launched, the airline said Saturday. \
         The air route is scheduled to begin service on June 27.",
        "2018-06-03",
    );
    assert_eq!(
        first(&f, EventType::Launch).date.as_deref(),
        Some("2018-06-27")
    );
    // Must not fire: "said that in March" reports when the visit was.
    let f = facts(
        "Hao Peng said that in March this year Governor Oleg Kozhemyako visited Harbin.",
        "2023-10-18",
    );
    assert_eq!(first(&f, EventType::Visit).date.as_deref(), Some("2023-03"));
    // Must not fire: a later opening naming nobody is not a second event.
    let f = facts(
        "The bridge between Heihe and Blagoveshchensk opened on June 10. \
         A second crossing will be opened in 2030.",
        "2022-06-11",
    );
    let launches = count(&f, EventType::Launch);
    assert_eq!(launches, 1, "{:?}", f.events);
}

#[test]
fn who_attended_an_event_with_only_a_place_is_told_next() {
    let f = facts(
        "20日下午，国际论坛在乌鲁木齐举行。新疆维吾尔自治区主席艾尔肯·吐尼亚孜出席论坛并作主旨演讲。",
        "2022-09-21",
    );
    let forums = count(&f, EventType::Forum);
    assert_eq!(forums, 1, "{:?}", f.events);
    // Must not fire: two events that each name their own actors stay two.
    let f = facts(
        "Governor Oleg Kozhemyako attended the forum in Harbin on June 5. \
         Governor Vasily Orlov attended a trade fair in Heihe on June 5.",
        "2024-06-06",
    );
    let forums = count(&f, EventType::Forum);
    assert_eq!(forums, 2, "{:?}", f.events);
}

#[test]
fn separately_met_is_one_meeting_each() {
    let meetings = |text: &str| {
        let f = facts(text, "2024-10-12");
        f.events
            .iter()
            .filter(|e| e.kind == EventType::Meeting)
            .map(|e| e.participants.len())
            .collect::<Vec<_>>()
    };
    let got = meetings("代区长夏林茂分别会见了满洲里市和赤塔市代表团一行。");
    assert_eq!(got, [2, 2], "{got:?}");
    // Must not fire: met together, one meeting.
    let got = meetings("代区长夏林茂会见了满洲里市和赤塔市代表团一行。");
    assert_eq!(got, [3], "{got:?}");
    // Met in turn after a first meeting: new meetings, not the first told again.
    let got = meetings(
        "访问期间，市长孙成坤会见了滨海边疆区副主席。访问期间，孙成坤依次会见纳霍德卡市市长和符拉迪沃斯托克市市长。",
    );
    assert_eq!(got.len(), 3, "{got:?}");
}

#[test]
fn a_pronoun_stands_for_the_people_just_told_of() {
    let f = facts(
        "Mayor Cong Li of Jiamusi will visit Khabarovsk in late March. She plans to attend intergovernmental talks.",
        "2023-03-01",
    );
    let m = first(&f, EventType::Meeting);
    assert!(
        m.participants
            .iter()
            .any(|p| p.entity.as_str() == "city:khabarovsk"),
        "{m:?}"
    );
    // Must not fire: the event told of is three sentences back.
    let f = facts(
        "Mayor Cong Li of Jiamusi will visit Khabarovsk in late March. Trade grew. Prices fell. She plans to attend intergovernmental talks.",
        "2023-03-01",
    );
    assert!(
        !f.events.iter().any(|e| e.kind == EventType::Meeting),
        "{:?}",
        f.events
    );
}

#[test]
fn the_meeting_told_again_in_chinese() {
    let count = |text: &str| count(&facts(text, "2013-10-11"), EventType::Meeting);
    // "During the talks …", "… attended the meeting": the meeting just told.
    assert_eq!(
        count("9日，省长陆昊在哈尔滨会见了阿穆尔州州长科热米亚科。会谈中，陆昊指出合作很重要。"),
        1
    );
    assert_eq!(
        count(
            "9日，省长陆昊在哈尔滨会见了阿穆尔州州长科热米亚科。黑河市有关部门负责同志参加会见。"
        ),
        1
    );
    // Must not fire: "when meeting X" opens a new meeting.
    assert_eq!(
        count("9日，省长陆昊在哈尔滨会见了阿穆尔州州长科热米亚科。在与符拉迪沃斯托克市市长会谈时，双方交流了意见。"),
        2
    );
}

#[test]
fn a_session_of_a_forum_is_the_forum() {
    let f = facts(
        "Российская делегация во главе с Дмитрием Медведевым примет участие в заседании Азиатского форума Боао.",
        "2011-04-13",
    );
    assert!(
        !f.events.iter().any(|e| e.kind == EventType::Meeting),
        "{:?}",
        f.events
    );
    let forum = first(&f, EventType::Forum);
    // The country's delegation stands for the country.
    assert!(
        forum
            .participants
            .iter()
            .any(|p| p.entity.as_str() == "country:RU"),
        "{forum:?}"
    );
    // Must not fire: a meeting followed by other words is a meeting.
    let f = facts(
        "Губернатор Олег Кожемяко провел встречу с губернатором провинции Хэйлунцзян перед открытием форума.",
        "2011-04-13",
    );
    assert!(
        f.events.iter().any(|e| e.kind == EventType::Meeting),
        "{:?}",
        f.events
    );
}

#[test]
fn an_opening_of_the_same_thing_told_again_is_one() {
    let launches = |text: &str| count(&facts(text, "2022-06-10"), EventType::Launch);
    let gap = "Грузовики пошли. Их восемь. Они везут технику. Погода была хорошей. ";
    let one = format!(
        "В Благовещенске открыли первый мост между Россией и Китаем. {gap}Мост был открыт при участии главы Амурской области Василия Орлова."
    );
    assert_eq!(launches(&one), 1);
    // Must not fire: a bridge and a flight are two openings.
    let two = format!(
        "В Благовещенске открыли первый мост между Россией и Китаем. {gap}Авиарейс из Хабаровска в Харбин открыт при участии Василия Орлова."
    );
    assert_eq!(launches(&two), 2);
}

#[test]
fn a_planned_day_without_its_year_is_the_next_one() {
    use amur_record::Status;
    let f = facts(
        "Авиаторы Сахалина и Китая договорились об открытии воздушной линии Южно-Сахалинск - Далянь. Первый рейс запланирован на 2 июля.",
        "2007-03-28",
    );
    let l = first(&f, EventType::Launch);
    assert_eq!(l.status, Status::Planned);
    assert_eq!(l.date.as_deref(), Some("2007-07-02"));
    // Must not fire: a day that happened keeps its year.
    let f = facts(
        "Первый рейс по линии Южно-Сахалинск - Далянь выполнен 2 февраля.",
        "2007-03-28",
    );
    assert_eq!(
        first(&f, EventType::Launch).date.as_deref(),
        Some("2007-02-02")
    );
}

#[test]
fn an_opening_needs_a_whole_object_word() {
    // "спорта" holds "порт" but opens nothing.
    let f = facts(
        "Благодаря этому документу открываются новые возможности в сферах культуры и спорта, – отметил мэр Харбина.",
        "2024-06-20",
    );
    assert!(
        !f.events.iter().any(|e| e.kind == EventType::Launch),
        "{:?}",
        f.events
    );
    // Must not fire the other way: a port opens.
    let f = facts("В Хабаровске открыли новый речной порт.", "2024-06-20");
    assert!(
        f.events.iter().any(|e| e.kind == EventType::Launch),
        "{:?}",
        f.events
    );
}

#[test]
fn a_stop_at_a_firm_is_part_of_the_trip() {
    let visits = |text: &str| count(&facts(text, "2024-06-20"), EventType::Visit);
    assert_eq!(
        visits("Делегация Харбина прибыла в Хабаровск. Также делегация посетила индустриальный парк «Авангард»."),
        1
    );
    // Must not fire: a firm visited long after the trip was told is told
    // as a visit of its own.
    assert_eq!(
        visits("Делегация Харбина прибыла в Хабаровск. Торговля растет. Цены падают. Курс стабилен. Спрос высок. Урожай собран. Делегация посетила индустриальный парк «Авангард»."),
        2
    );
}

#[test]
fn where_an_event_happens() {
    let loc = |text: &str, kind: EventType| {
        first(&facts(text, "2025-04-26"), kind)
            .location
            .as_ref()
            .map(|l| l.to_string())
    };
    // A country right before its own region only locates it.
    assert_eq!(
        loc(
            "4月21日至25日，鸡西市长孙成坤率团访问俄滨海边疆区。",
            EventType::Visit
        )
        .as_deref(),
        Some("region:RU-PRI")
    );
    // "对X进行访问": the place after 对 is where the visit goes, not the visitor's province.
    assert_eq!(
        loc(
            "率团对俄罗斯阿穆尔州进行友好访问的黑龙江省省长王宪魁会见了州长。",
            EventType::Visit
        )
        .as_deref(),
        Some("region:RU-AMU")
    );
    // A Chinese dateline's town is where a meeting with no place of its own is held.
    assert_eq!(
        loc(
            "新华社哈尔滨5月16日电 黑龙江省省长与阿穆尔州州长举行会谈。",
            EventType::Meeting
        )
        .as_deref(),
        Some("city:harbin")
    );
    // Must not fire: "日电视台" is a TV station, not a dateline.
    let f = facts(
        "黑龙江省16日电视台报道，黑龙江省省长与阿穆尔州州长举行会谈。",
        "2025-04-26",
    );
    assert!(
        f.events.iter().all(|e| e.location.is_none()),
        "{:?}",
        f.events
    );
    // Must not fire: a country standing alone stays the place.
    assert_eq!(
        loc(
            "Governor Oleg Kozhemyako visited China last week.",
            EventType::Visit
        )
        .as_deref(),
        Some("country:CN")
    );
}

#[test]
fn report_dates_are_not_event_dates() {
    let f = facts(
        "据俄罗斯卫星网5月22日报道，黑河市与奥伊米亚康区友好城市意向签约仪式于北京时间20日在黑河市举行。",
        "2017-05-22",
    );
    let s = first(&f, EventType::Signing);
    assert_eq!(s.date.as_deref(), Some("2017-05-20"));
    // Must not fire: a date followed by other words dates the event.
    let f = facts(
        "5月20日，黑河市与布拉戈维申斯克市签署合作协议。",
        "2017-05-22",
    );
    let s = first(&f, EventType::Signing);
    assert_eq!(s.date.as_deref(), Some("2017-05-20"));
}

#[test]
fn a_change_in_the_next_sentence_joins_its_amount() {
    let f = facts(
        "Trade between Heihe and Russia reached 12.53 billion yuan in 2022. \
         The trade volume grew by 131.9 percent year on year.",
        "2023-01-20",
    );
    assert_eq!(f.figures.len(), 1, "{:?}", f.figures);
    assert_eq!(f.figures[0].change_pct, Some(131.9));
    // Must not fire: a change two sentences later, after other talk, stands alone.
    let f = facts(
        "Trade between Heihe and Russia reached 12.53 billion yuan in 2022. \
         The governor visited the port. Exports grew by 20 percent.",
        "2023-01-20",
    );
    assert!(
        f.figures
            .iter()
            .any(|x| x.value.is_some() && x.change_pct.is_none()),
        "{:?}",
        f.figures
    );
}

#[test]
fn a_yearless_period_is_the_latest_completed() {
    let f = facts(
        "Trade between Suifenhe and Russia reached 2.49 billion US dollars in the first half of the year.",
        "2012-07-20",
    );
    assert_eq!(f.figures[0].period.as_deref(), Some("2012-01/2012-06"));
    // Reported before the half is over: last year's half.
    let f = facts(
        "Trade between Suifenhe and Russia reached 2.49 billion US dollars in the first half of the year.",
        "2013-03-01",
    );
    assert_eq!(f.figures[0].period.as_deref(), Some("2012-01/2012-06"));
    // Must not fire: a stated year stays, and no publication date keeps the year unknown.
    let f = facts(
        "Trade between Suifenhe and Russia reached 2.49 billion US dollars in the first half of 2010.",
        "2012-07-20",
    );
    assert_eq!(f.figures[0].period.as_deref(), Some("2010-01/2010-06"));
    let f = facts(
        "Trade between Suifenhe and Russia reached 2.49 billion US dollars in the first half of the year.",
        "",
    );
    assert_eq!(f.figures[0].period.as_deref(), Some("01/06"));
}

#[test]
fn a_planned_event_takes_the_day_ahead() {
    let f = facts(
        "The Urumqi-Irkutsk air route, announced on Saturday, is scheduled to begin service on June 27.",
        "2018-06-03",
    );
    let l = first(&f, EventType::Launch);
    assert_eq!(l.date.as_deref(), Some("2018-06-27"));
    // Must not fire: a reported happening keeps the first day named.
    let f = facts(
        "On Saturday the Urumqi-Irkutsk air route began service, a month after June 1.",
        "2018-06-03",
    );
    let l = first(&f, EventType::Launch);
    assert_eq!(l.date.as_deref(), Some("2018-06-02"));
}

/// Runs `f` on the fact context of a text (the passes' own tests).
fn with_ctx(text: &str, f: impl FnOnce(&crate::Ctx)) {
    let (data, rec, ff) = &*SETUP;
    let ents = rec.recognise(text, None);
    let doc = Doc {
        text,
        title: None,
        published: None,
        entities: &ents,
        norm: None,
    };
    f(&crate::Ctx::new(&doc, data, &ff.rules));
}

#[test]
fn pass_trigger_kind() {
    let kinds = |text: &str| {
        let mut out = Vec::new();
        with_ctx(text, |cx| {
            let sent = (0, text.len());
            for t in &cx.triggers {
                out.push(crate::events::trigger_kind(cx, sent, t, false));
            }
        });
        out
    };
    // A meeting word before a forum's name is the forum, not a meeting.
    let got = kinds("The delegation took part in the session of the Boao Forum.");
    assert!(!got.contains(&Some(EventType::Meeting)), "{got:?}");
    assert!(got.contains(&Some(EventType::Forum)), "{got:?}");
    // Must not fire: a generic plural reports no event.
    let got = kinds("The consulate helps organize visits.");
    assert!(got.iter().all(Option::is_none), "{got:?}");
}

#[test]
fn pass_participant_mentions() {
    // `participant_mentions` for the first trigger of `kind` in a one-sentence
    // text; `check` sees the clause, the span read and the mentions found.
    fn mentions_for(
        text: &str,
        kind: EventType,
        check: impl FnOnce(&Ctx, (usize, usize), (usize, usize), Vec<&M>),
    ) {
        with_ctx(text, |cx| {
            let sent = (0, text.len());
            let clauses = crate::sentences::clauses(text, sent);
            let t = cx
                .triggers
                .iter()
                .find(|t| t.class == kind)
                .expect("a trigger of that kind");
            let (_, clause, span, ms) =
                crate::events::participant_mentions(cx, sent, &clauses, t, kind);
            check(cx, clause, span, ms);
        });
    }
    let text = "A coal train arrived in Hunchun, marking the resumption of service between China and Russia.";
    mentions_for(text, EventType::Launch, |cx, clause, span, ms| {
        // The clause names only countries: the sentence is read.
        assert!(clause != span, "{clause:?} {span:?}");
        assert!(ms
            .iter()
            .any(|m| cx.entity(m).id.as_str() == "city:hunchun"));
    });
    // Must not fire: a clause with its own actor keeps to itself.
    let text =
        "Governor Oleg Kozhemyako held talks with the mayor of Harbin, and trade grew in Heihe.";
    mentions_for(text, EventType::Meeting, |cx, _, _, ms| {
        assert!(!ms.iter().any(|m| cx.entity(m).id.as_str() == "city:heihe"));
    });
}
