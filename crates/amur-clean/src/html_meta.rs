//! Metadata of an HTML page: title, publication date, outlet, authors and the
//! declared language, from meta tags, JSON-LD, `<time>` and the visible page.
//!
//! Publication dates follow the order a careful reader would trust: the
//! article's own structured data, then meta tags, then `<time>` and date-like
//! elements, then a date in the canonical URL, and the modification date only
//! as a last resort.

use amur_dates::{find_dates, parse_date, PartialDate};
use amur_record::chars::ToLower;
use chrono::NaiveDate;
use dom_query::{Document, Selection};
use serde_json::Value;

/// Metadata read from markup.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlMeta {
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<PartialDate>,
    /// Site or publication name.
    pub outlet: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// The `lang` attribute of `<html>` (or `og:locale`).
    pub lang: Option<String>,
    /// The canonical URL, when stated.
    pub url: Option<String>,
}

const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "date_published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "published-date",
    "published_date",
    "publication_date",
    "publicationdate",
    "dc.date.issued",
    "dc.date.created",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "prism.publicationdate",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "article_date_original",
    "article:post_date",
    "originalpublicationdate",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
    "rnews:datepublished",
    "shareaholic:article_published_time",
    "pub_date",
    "pubdate_iso",
    "release_date",
    "displaydate",
    "date",
    "created",
    "creation_date",
    "bt:pubdate",
    "analyticsattributes.articledate",
    "news_keywords_date",
    "pdate",
    "firstpublishedtime",
    "publishedat",
    "page.date",
    "og:pubdate",
    "vr:published_time",
    "weibo: article:create_at",
    "mediator_published_time",
    "og:release_date",
];

const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "lastmod",
    "last-modified",
    "modified",
    "updated",
    "article:modified",
];

/// Reads the metadata of a parsed page. `today` bounds plausible dates.
pub fn html_meta(doc: &Document, today: NaiveDate) -> HtmlMeta {
    let metas = meta_pairs(doc);
    let ld = json_ld(doc);
    let find_meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(n, v)| n == k && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        })
    };
    let plausible = |d: PartialDate| {
        d.year.is_some_and(|y| y >= 1995)
            && d.to_naive().is_none_or(|n| n <= today)
            && d.month.is_some()
    };
    let mut m = HtmlMeta {
        lang: doc
            .select("html")
            .attr("lang")
            .map(|l| l.to_string())
            .or_else(|| find_meta(&["og:locale", "content-language", "language", "dc.language"])),
        ..Default::default()
    };
    m.url = find_meta(&["og:url"]).or_else(|| {
        doc.select("link[rel=canonical]")
            .attr("href")
            .map(|s| s.to_string())
    });

    // Title: og:title or the first <h1> when <title> contains it, else <title>
    // without its site suffix.
    let title_tag = text_of(&doc.select("head title"));
    let h1 = text_of(&doc.select("h1"));
    let og = find_meta(&["og:title", "twitter:title"]).or_else(|| ld_str(&ld, "headline"));
    m.title = pick_title(title_tag.as_deref(), h1.as_deref(), og.as_deref());

    // Publication date.
    // Sources from the most trusted. A full date from any source beats a
    // month from a more trusted one, so the sources are read in order until
    // one gives a full date: the later ones (the visible text above all)
    // cost the most and are seldom needed.
    let sources: [&dyn Fn() -> Option<PartialDate>; 8] = [
        &|| {
            ["datePublished", "dateCreated", "uploadDate"]
                .iter()
                .find_map(|k| ld_str(&ld, k))
                .and_then(|s| parse_date(&s))
        },
        &|| {
            PUBLISHED_META
                .iter()
                .filter_map(|k| find_meta(&[k]))
                .filter_map(|s| parse_date(&s))
                .find(|d| plausible(*d))
        },
        &|| {
            doc.select("[itemprop=datePublished], [itemprop=dateCreated]")
                .iter()
                .find_map(|s| {
                    s.attr("content")
                        .or_else(|| s.attr("datetime"))
                        .map(|a| a.to_string())
                        .or_else(|| text_of(&s))
                        .and_then(|v| parse_date(&v))
                })
        },
        &|| time_elements(doc).into_iter().find(|d| plausible(*d)),
        &|| m.url.as_deref().and_then(date_in_url),
        &|| date_like_elements(doc).into_iter().find(|d| plausible(*d)),
        &|| visible_text_dates(doc).into_iter().find(|d| plausible(*d)),
        &|| {
            find_meta(MODIFIED_META)
                .or_else(|| ld_str(&ld, "dateModified"))
                .and_then(|s| parse_date(&s))
        },
    ];
    let mut first_partial = None;
    for source in sources {
        let Some(d) = source().filter(|d| plausible(*d)) else {
            continue;
        };
        if d.day.is_some() {
            m.published = Some(d);
            break;
        }
        first_partial = first_partial.or(Some(d));
    }
    m.published = m.published.or(first_partial);

    // Outlet.
    m.outlet = find_meta(&[
        "og:site_name",
        "application-name",
        "al:android:app_name",
        "al:ios:app_name",
    ])
    .or_else(|| ld_publisher(&ld))
    .filter(|s| s.chars().count() <= 80);

    // Authors.
    let mut authors = ld_authors(&ld);
    if authors.is_empty() {
        if let Some(a) = find_meta(&[
            "author",
            "article:author",
            "dc.creator",
            "sailthru.author",
            "parsely-author",
            "byl",
        ]) {
            if !a.starts_with("http") {
                authors.extend(crate::boilerplate::split_names(
                    a.trim_start_matches("By ").trim_start_matches("by "),
                ));
            }
        }
    }
    if authors.is_empty() {
        for sel in [
            "[rel=author]",
            "[itemprop=author] [itemprop=name]",
            "[itemprop=author]",
            ".author-name",
            ".byline__name",
            ".author",
        ] {
            if let Some(t) = text_of(&doc.select(sel)).filter(|t| t.chars().count() <= 60) {
                authors.extend(crate::boilerplate::split_names(
                    t.trim_start_matches("By ").trim_start_matches("Автор:"),
                ));
                if !authors.is_empty() {
                    break;
                }
            }
        }
    }
    authors.dedup();
    m.authors = authors;
    m
}

/// (name, content) of every `<meta>`, names lower-cased.
fn meta_pairs(doc: &Document) -> Vec<(String, String)> {
    doc.select("meta")
        .iter()
        .filter_map(|s| {
            let name = s
                .attr("property")
                .or_else(|| s.attr("name"))
                .or_else(|| s.attr("itemprop"))
                .or_else(|| s.attr("http-equiv"))?;
            let content = s.attr("content").or_else(|| s.attr("datetime"))?;
            Some((name.trim().to_lower(), content.to_string()))
        })
        .collect()
}

fn text_of(sel: &Selection) -> Option<String> {
    let first = sel.first();
    if !first.exists() {
        return None;
    }
    let t = crate::normalise::normalise_line(&first.text());
    (!t.is_empty()).then_some(t)
}

fn pick_title(title_tag: Option<&str>, h1: Option<&str>, og: Option<&str>) -> Option<String> {
    if let (Some(t), Some(h)) = (title_tag, h1) {
        if h.chars().count() >= 10 && t.contains(h) {
            return Some(h.to_string());
        }
    }
    if let Some(o) = og.filter(|o| o.chars().count() >= 5) {
        return Some(strip_site_suffix(o));
    }
    if let Some(h) = h1.filter(|h| h.chars().count() >= 10) {
        if title_tag.is_none() {
            return Some(h.to_string());
        }
    }
    title_tag
        .map(strip_site_suffix)
        .or_else(|| h1.map(str::to_string))
}

/// "Headline | Site" → "Headline": keeps the longest part when a separator splits it.
fn strip_site_suffix(t: &str) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: ", " _ ", "_", " · ", " « "] {
        if t.contains(sep) {
            let parts: Vec<&str> = t.split(sep).map(str::trim).collect();
            if let Some(best) = parts.iter().max_by_key(|p| p.chars().count()) {
                if best.chars().count() * 2 >= t.chars().count() / 2 && best.chars().count() >= 10 {
                    return best.to_string();
                }
            }
        }
    }
    t.trim().to_string()
}

/// Every JSON-LD object on the page (graphs and arrays flattened).
fn json_ld(doc: &Document) -> Vec<Value> {
    let mut out = Vec::new();
    for s in doc.select("script[type=\"application/ld+json\"]").iter() {
        let raw = s.text();
        let Ok(v) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        flatten_ld(v, &mut out);
    }
    // Article-like objects first so their dates win over WebPage/WebSite ones.
    out.sort_by_key(|o| {
        let t = o
            .get("@type")
            .map(|t| t.to_string().to_lower())
            .unwrap_or_default();
        !(t.contains("article") || t.contains("posting") || t.contains("report"))
    });
    out
}

fn flatten_ld(v: Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(a) => a.into_iter().for_each(|x| flatten_ld(x, out)),
        Value::Object(mut o) => {
            if let Some(g) = o.remove("@graph") {
                flatten_ld(g, out);
            }
            out.push(Value::Object(o));
        }
        _ => {}
    }
}

fn ld_str(ld: &[Value], key: &str) -> Option<String> {
    ld.iter().find_map(|o| match o.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    })
}

fn ld_publisher(ld: &[Value]) -> Option<String> {
    ld.iter().find_map(|o| match o.get("publisher")? {
        Value::Object(p) => p.get("name")?.as_str().map(str::to_string),
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.first()?.get("name")?.as_str().map(str::to_string),
        _ => None,
    })
}

fn ld_authors(ld: &[Value]) -> Vec<String> {
    let mut out = Vec::new();
    for o in ld {
        let Some(a) = o.get("author") else { continue };
        let items = match a {
            Value::Array(xs) => xs.clone(),
            x => vec![x.clone()],
        };
        for it in items {
            let name = match &it {
                Value::String(s) => Some(s.clone()),
                Value::Object(p)
                    if p.get("@type").and_then(Value::as_str) != Some("Organization") =>
                {
                    p.get("name").and_then(Value::as_str).map(str::to_string)
                }
                _ => None,
            };
            if let Some(n) = name {
                out.extend(crate::boilerplate::split_names(&n));
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

fn time_elements(doc: &Document) -> Vec<PartialDate> {
    let mut preferred = Vec::new();
    let mut others = Vec::new();
    for t in doc.select("time").iter() {
        let attrs = format!(
            "{} {} {}",
            t.attr("class").unwrap_or_default(),
            t.attr("itemprop").unwrap_or_default(),
            t.attr("pubdate").map(|_| "pubdate").unwrap_or_default()
        )
        .to_lower();
        let parsed = t
            .attr("datetime")
            .and_then(|d| parse_date(&d))
            .or_else(|| parse_date(&t.text()));
        let Some(d) = parsed else { continue };
        if attrs.contains("updated") || attrs.contains("modified") {
            continue;
        }
        if attrs.contains("publish")
            || attrs.contains("pubdate")
            || attrs.contains("entry-date")
            || attrs.contains("created")
        {
            preferred.push(d);
        } else {
            others.push(d);
        }
    }
    preferred.extend(others);
    preferred
}

/// Dates in elements whose class or id says they hold a date.
fn date_like_elements(doc: &Document) -> Vec<PartialDate> {
    let sel = "[class*=date], [id*=date], [class*=time], [class*=publish], [class*=posted], [class*=byline], [class*=meta], [class*=Date], [class*=info], [class*=source], [class*=dateline]";
    let mut out = Vec::new();
    for s in doc.select(sel).iter().take(60) {
        let cls = s.attr("class").unwrap_or_default().to_lower();
        if cls.contains("update") || cls.contains("modif") || cls.contains("comment") {
            continue;
        }
        let text = s.text();
        if text.len() > 300 {
            continue;
        }
        if let Some(d) = find_dates(&text)
            .into_iter()
            .map(|f| f.date)
            .find(|d| d.year.is_some() && d.day.is_some())
        {
            out.push(d);
        }
    }
    out
}

/// Full dates in the page's visible text, in document order.
fn visible_text_dates(doc: &Document) -> Vec<PartialDate> {
    let body = doc.select("body");
    let mut text = String::new();
    for node in body.select("h1, h2, h3, h4, p, span, div, li, td, time, a, small, em, strong, b, i, header, footer").iter() {
        // Only text directly inside the element, so nested blocks are not repeated.
        let own = node.immediate_text();
        if !own.trim().is_empty() {
            text.push_str(own.trim());
            text.push('\n');
        }
        if text.len() > 200_000 {
            break;
        }
    }
    find_dates(&text)
        .into_iter()
        .map(|f| f.date)
        .filter(|d| d.year.is_some() && d.day.is_some())
        .collect()
}

/// A date in a URL path: `/2023/10/20/`, `/2023-10-20-`, `/20231020/`, `/2023/10/`.
pub fn date_in_url(url: &str) -> Option<PartialDate> {
    use regex::Regex;
    use std::sync::LazyLock;
    static FULL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"[/_-]((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)",
        )
        .expect("static regex")
    });
    static MONTH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/").expect("static regex"));
    if let Some(c) = FULL.captures(url) {
        let d = PartialDate::ymd(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        return d.is_valid().then_some(d);
    }
    let c = MONTH.captures(url)?;
    Some(PartialDate::ym(c[1].parse().ok()?, c[2].parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
    }

    #[test]
    fn structured_metadata() {
        let html = r#"<html lang="ru"><head><title>Мост открыт | Амур.инфо</title>
        <meta property="og:site_name" content="Амур.инфо">
        <meta property="article:modified_time" content="2024-03-02T10:00:00+09:00">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2024-03-01T08:00:00+09:00","author":{"@type":"Person","name":"Ирина Соколова"}}</script>
        </head><body><h1>Мост открыт</h1><p>Текст.</p></body></html>"#;
        let m = html_meta(&Document::from(html), today());
        assert_eq!(m.title.as_deref(), Some("Мост открыт"));
        assert_eq!(m.published, Some(PartialDate::ymd(2024, 3, 1)));
        assert_eq!(m.outlet.as_deref(), Some("Амур.инфо"));
        assert_eq!(m.authors, ["Ирина Соколова"]);
        assert_eq!(m.lang.as_deref(), Some("ru"));
    }

    #[test]
    fn time_and_url_fallbacks() {
        let html = r#"<html><head><title>A headline that is long enough</title><link rel="canonical" href="https://x.example/2019/05/17/story"></head>
        <body><p>x</p></body></html>"#;
        assert_eq!(
            html_meta(&Document::from(html), today()).published,
            Some(PartialDate::ymd(2019, 5, 17))
        );
        let html = r#"<html><body><time class="entry-date published" datetime="2020-02-03T01:00">Feb 3</time></body></html>"#;
        assert_eq!(
            html_meta(&Document::from(html), today()).published,
            Some(PartialDate::ymd(2020, 2, 3))
        );
    }

    #[test]
    fn a_full_date_beats_a_month_from_a_more_trusted_source() {
        let published = |html: &str| html_meta(&Document::from(html), today()).published;
        // The metadata gives only a month; the visible text a full date.
        let html = r#"<html><head><meta name="date" content="June 2021"></head>
        <body><p>Posted 14 June 2021 by the press office.</p></body></html>"#;
        assert_eq!(published(html), Some(PartialDate::ymd(2021, 6, 14)));
        // Must not fall through: a full date in the metadata is kept even
        // though the text holds another one.
        let html = r#"<html><head><meta property="article:published_time" content="2021-06-10"></head>
        <body><p>Posted 14 June 2021 by the press office.</p></body></html>"#;
        assert_eq!(published(html), Some(PartialDate::ymd(2021, 6, 10)));
        // Only months anywhere: the most trusted one (the metadata's, not
        // the address's).
        let html = r#"<html><head><meta name="date" content="June 2021">
        <link rel="canonical" href="https://x.example/2021/07/story"></head>
        <body><p>Report for July 2021.</p></body></html>"#;
        assert_eq!(published(html), Some(PartialDate::ym(2021, 6)));
    }

    #[test]
    fn future_dates_are_refused() {
        let html =
            r#"<html><head><meta name="date" content="2030-01-01"></head><body></body></html>"#;
        assert_eq!(html_meta(&Document::from(html), today()).published, None);
    }
}
