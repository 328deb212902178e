//! Where a page names its outlet besides credit labels: agency markers in
//! the opening line ("(Xinhua) --", "/TASS/", "新华社哈尔滨5月1日电"), the
//! browser-title line ("Headline - Outlet, 01.02.2023"), "Make X your
//! homepage" widgets, "ИА X" attributions and known web hosts.
//!
//! Each finding has a strength so that a stated credit outranks a guess.

use crate::boilerplate::is_han;
use crate::lexicon::OUTLET_TABLE;
use regex::Regex;
use std::sync::LazyLock;

fn re(s: &str) -> Regex {
    Regex::new(s).expect("static regex")
}

/// How strongly a finding names the outlet (higher wins; ties: first found).
pub type Rank = u8;
/// A credit label ("Source: …", "来源：…").
pub const CREDIT: Rank = 4;
/// An agency marker in the dateline or opening line.
pub const AGENCY: Rank = 3;
/// The browser-title line.
pub const TITLE_TAG: Rank = 2;
/// A widget or attribution naming the site.
pub const MENTION: Rank = 1;
/// A web host in the page furniture.
pub const HOST: Rank = 0;

static PAREN_DASH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"[(（]([\p{Lu}][\p{L}.'-]*(?:\s[\p{Lu}][\p{L}.'-]*){0,2})[)）]\s*(?:--|—|–|-)")
});
static SLASHED: LazyLock<Regex> = LazyLock::new(|| re(r"\s/([\p{Lu}][\p{Lu}\p{L} -]{1,24})/\.\s"));
static RU_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[\p{Lu}][\p{Lu} -]{2,30}(?:\s/[^/]{1,30}/)?,\s\d{1,2}\s\p{L}{3,9}\.?\s[-–—]\s([^.,]{2,40})\.\s",
    )
});
static PAREN_LEAD: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[(（]([^()（）]{2,12}?[网網社报報台])[)）]"));
static BYLINE_PAREN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:By|BY)\s+[^()]{2,60}\(([^()]{2,40})\)$"));
static DOMAIN_LIKE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:[a-z\d-]+\.)+[a-z]{2,6}$"));
static HOMEPAGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^make (.{2,40}?) (?:your|my) home ?page$"));
static IA: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|\s)(?:ИА|информационное агентство)\s+«?([\p{Lu}][\p{L}\d.-]*(?:\s[\p{Lu}][\p{L}\d.-]*)?)»?",
    )
});
static REPORTS_HOST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:сообщает|сообщил|передает|передаёт|пишет|reports|reported)\s+((?:[a-z\d-]+\.)+(?:ru|com|cn|net|org|info|today|news|рф))(?:[^\w]|$)",
    )
});
static HOST_RE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:https?://)?((?:[a-z\d-]+\.)+[a-z]{2,6})(?-u:\b)"));
static FOOTER_LATIN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:©|copyright\s*©?|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:by\s+)?([^.,|©\d][^,|©]{1,40}?)\s*[.,|]?\s*(?:all rights reserved.*|все права защищены.*)?$",
    )
});
static FOOTER_HAN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:©\s*)?(\p{Han}{2,10}[网網报報社台])\s*(?:版权所有|版權所有)"));
static TITLE_TAG_RE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(.{4,}?)\s[-–—|]\s([^,|]{2,40}?)(?:,\s(?:[\d.,:\s]+))?$"));

/// An agency named by the opening line of the body.
pub fn opener_agency(line: &str) -> Option<String> {
    let head: String = line.chars().take(80).collect();
    // "新华社哈尔滨5月1日电": a known agency, a place and a date, then 电.
    for a in &OUTLET_TABLE.agencies {
        if let Some(rest) = head.strip_prefix(a.as_str()) {
            let near: String = rest.chars().take(25).collect();
            if near.contains(['电', '電']) {
                return Some(a.clone());
            }
        }
    }
    if let Some(c) = PAREN_LEAD.captures(&head) {
        return Some(c[1].to_string());
    }
    if let Some(c) = PAREN_DASH.captures(&head) {
        return Some(c[1].to_string());
    }
    if let Some(c) = SLASHED.captures(&head) {
        return Some(c[1].trim().to_string());
    }
    if let Some(c) = RU_DATELINE.captures(&head) {
        return Some(c[1].trim().to_string());
    }
    // "Moscow, May 3, Xinhua —": a known agency closing the dateline. Only
    // the text before each dash is compared with the agencies.
    [" —", " –", " --"].iter().find_map(|d| {
        head.match_indices(d).find_map(|(i, _)| {
            let before = &head[..i];
            OUTLET_TABLE
                .agencies
                .iter()
                .filter(|a| a.chars().next().is_some_and(|c| !is_han(c)))
                .find(|a| {
                    before
                        .strip_suffix(a.as_str())
                        .is_some_and(|rest| rest.ends_with(' '))
                })
                .cloned()
        })
    })
}

/// The browser-title line: the headline (or a caption) followed by the
/// outlet and maybe a date. Returns the outlet. Without a date the left part
/// must be the headline itself.
pub fn title_tag(line: &str, title: Option<&str>) -> Option<String> {
    if line.chars().count() > 250 {
        return None;
    }
    let c = TITLE_TAG_RE.captures(line)?;
    let outlet = c[2].trim();
    let dated = c
        .get(0)
        .is_some_and(|m| m.as_str().len() > c[2].len() + c[1].len() + 4);
    let same_title = title.is_some_and(|t| t.trim_end_matches(['|', ' ']) == c[1].trim());
    let known = OUTLET_TABLE
        .agencies
        .iter()
        .any(|a| outlet.starts_with(a.as_str()));
    let words = outlet.split_whitespace().count();
    (words <= 4 && (same_title || (dated && known)) && !outlet.ends_with(['.', '。']))
        .then(|| outlet.to_string())
}

/// A "Make X your homepage" widget: the site's name.
pub fn homepage(line: &str) -> Option<String> {
    HOMEPAGE
        .captures(line)
        .map(|c| c[1].trim().trim_matches(['\'', '"']).to_string())
}

/// A byline crediting the outlet in brackets: "By Jane Doe (example.com)".
pub fn byline_outlet(line: &str) -> Option<String> {
    let c = BYLINE_PAREN.captures(line)?;
    let inner = c[1].trim();
    let known = OUTLET_TABLE.agencies.iter().any(|a| a == inner);
    (known || DOMAIN_LIKE.is_match(inner)).then(|| inner.to_string())
}

/// A site named by an agency attribution ("сообщает ИА X", "reports x.ru").
pub fn mention(line: &str) -> Option<String> {
    if let Some(c) = IA.captures(line) {
        return Some(c[1].trim_end_matches('.').to_string());
    }
    REPORTS_HOST.captures(line).map(|c| c[1].to_string())
}

/// A known web host named in a furniture line.
pub fn host_outlet(line: &str) -> Option<String> {
    HOST_RE
        .captures_iter(line)
        .find_map(|c| OUTLET_TABLE.by_host(&c[1]).map(str::to_string))
}

/// The site named by a copyright footer: "© 2024 Harbin Daily. All rights
/// reserved.", "Copyright 2001-2024 By example.com", "某某网 版权所有".
pub fn footer_name(line: &str) -> Option<String> {
    if line.chars().count() > 120 {
        return None;
    }
    let name = if let Some(c) = FOOTER_LATIN.captures(line) {
        c[1].trim().to_string()
    } else {
        FOOTER_HAN.captures(line)?[1].to_string()
    };
    let host = HOST_RE
        .captures(&name)
        .filter(|c| c[0].len() == name.len())
        .map(|c| c[1].to_string());
    match host {
        Some(h) => Some(OUTLET_TABLE.by_host(&h).map(str::to_string).unwrap_or(h)),
        None if name.split_whitespace().count() <= 5
            && name.chars().any(amur_record::chars::is_alphabetic) =>
        {
            Some(name)
        }
        None => None,
    }
}

/// A line that is only a known outlet's name ("Sputnik").
pub fn lone_outlet(line: &str) -> Option<String> {
    OUTLET_TABLE
        .agencies
        .iter()
        .find(|a| a.as_str() == line.trim())
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_openers() {
        assert_eq!(
            opener_agency("BEIJING, May 3 (Xinhua) -- Trade between the two cities grew.")
                .as_deref(),
            Some("Xinhua")
        );
        assert_eq!(
            opener_agency("VLADIVOSTOK, May 3. /TASS/. The port handled more cargo.").as_deref(),
            Some("TASS")
        );
        assert_eq!(
            opener_agency("新华社哈尔滨5月3日电 黑龙江省与阿穆尔州举行会谈。").as_deref(),
            Some("新华社")
        );
        assert_eq!(
            opener_agency("新華網長春5月3日電 吉林省代表團抵達符拉迪沃斯托克。").as_deref(),
            Some("新華網")
        );
        assert_eq!(
            opener_agency("ХАБАРОВСК, 3 мая - Амур Инфо. Делегация провинции прибыла в город.")
                .as_deref(),
            Some("Амур Инфо")
        );
        assert_eq!(
            opener_agency("Harbin, China, May 3, Xinhua — The fair opened on Friday.").as_deref(),
            Some("Xinhua")
        );
        assert_eq!(
            opener_agency("（东方网）两地企业在论坛上签署了合作协议。").as_deref(),
            Some("东方网")
        );
        // A bracketed remark in a body sentence is not a credit.
        assert_eq!(
            opener_agency("The governor (Oleg Ivanov) said the bridge would open in May."),
            None
        );
        assert_eq!(opener_agency("新华社的记者在现场采访了多位商人。"), None);
    }

    #[test]
    fn title_tags() {
        assert_eq!(
            title_tag("Bridge opens on the Amur - Amur News, 10.06.2022", None),
            None,
            "unknown outlet without the headline"
        );
        assert_eq!(
            title_tag(
                "Bridge opens on the Amur - РИА Новости Приморье, 10.06.2022",
                None
            )
            .as_deref(),
            Some("РИА Новости Приморье")
        );
        assert_eq!(
            title_tag(
                "Bridge opens on the Amur - Amur News",
                Some("Bridge opens on the Amur")
            )
            .as_deref(),
            Some("Amur News")
        );
        assert_eq!(
            title_tag(
                "Trade rose by 5 percent - officials expect more growth next year.",
                None
            ),
            None
        );
    }

    #[test]
    fn mentions_and_hosts() {
        assert_eq!(
            homepage("Make Harbin Weekly your homepage").as_deref(),
            Some("Harbin Weekly")
        );
        assert_eq!(
            mention("Делегация прибыла в город, сообщает ИА Амур Инфо.").as_deref(),
            Some("Амур Инфо")
        );
        assert_eq!(mention("Эксперт сообщает, что рынок растёт."), None);
        assert_eq!(
            host_outlet("Copyright 2001-2024 www.chinadaily.com.cn").as_deref(),
            Some("China Daily")
        );
        assert_eq!(host_outlet("Write to us at news@example.org"), None);
        assert_eq!(lone_outlet("Sputnik").as_deref(), Some("Sputnik"));
        assert_eq!(
            footer_name("© 2024 Harbin Daily. All rights reserved.").as_deref(),
            Some("Harbin Daily")
        );
        assert_eq!(
            footer_name("Copyright 2001-2024 By www.chinadaily.com.cn").as_deref(),
            Some("China Daily")
        );
        assert_eq!(
            footer_name("某某新闻网 版权所有").as_deref(),
            Some("某某新闻网")
        );
        assert_eq!(
            footer_name("The copyright of the photos belongs to the authors, the organisers said on Monday."),
            None
        );
        assert_eq!(footer_name("© 2024"), None);
        assert_eq!(
            byline_outlet("By Li Ming (example.com.cn)").as_deref(),
            Some("example.com.cn")
        );
        assert_eq!(
            byline_outlet("By Li Ming (Xinhua)").as_deref(),
            Some("Xinhua")
        );
        assert_eq!(byline_outlet("By the river (near the port)"), None);
        assert_eq!(byline_outlet("Written by Li Ming (staff)"), None);
        assert_eq!(lone_outlet("Sputnik launched a new satellite"), None);
    }
}
