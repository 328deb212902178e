//! Plain scraped text: split into lines, classify each (see `boilerplate`),
//! take the headline, dateline and bylines from the head of the page, drop
//! furniture and "Read also" blocks, keep every body paragraph.

use crate::boilerplate::{classify, is_han, LineClass, MetaLine};
use crate::headline::{self, foreign_script, script, trim_title, Candidate, Head};
use crate::normalise::{join_paragraphs, lines};
use crate::outlet;
use amur_dates::PartialDate;
use regex::Regex;
use std::sync::LazyLock;

/// What the text pipeline finds in a page of scraped text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextParts {
    /// The headline.
    pub title: Option<String>,
    /// The publication date from a dateline.
    pub published: Option<PartialDate>,
    /// The outlet named in a dateline or source line.
    pub outlet: Option<String>,
    /// Authors and editors from bylines.
    pub authors: Vec<String>,
    /// The body, paragraphs separated by blank lines.
    pub body: String,
}

/// Longest line that can still be a "Read also" headline rather than body.
const LINK_LINE: usize = 140;
/// How many lines of page head the headline is sought in.
const HEAD_LINES: usize = 80;
/// Longest line of a trailing block of menu or ad lines.
const TAIL_LINE: usize = 40;
/// How many body lines may carry the agency credit that opens the lead.
const OPENER_LINES: usize = 3;
/// Longest line in a foreign script that is taken for furniture.
const FOREIGN_LINE: usize = 120;

static DATE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^date\s+(\d{4}-\d{2}-\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s+(.+)$")
        .expect("static regex")
});
static END_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:(?-u:\b)enditem|(?-u:\b)end item|/end/|[(（【]完[)）】])\s*$")
        .expect("static regex")
});

/// Splits a scraper's "date 2022-06-10 <headline or URL>" header into a
/// dateline and the rest.
fn split_date_headers(lines: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        match DATE_HEADER.captures(&l) {
            Some(c) => {
                out.push(format!("Date: {}", &c[1]));
                out.push(c[2].trim().to_string());
            }
            None => out.push(l),
        }
    }
    out
}

/// Index of the first body paragraph: a long line, or a full sentence; in a
/// short item (a wire brief) with neither, the first sentence after the top line.
fn first_paragraph(lines: &[String], classes: &[LineClass]) -> usize {
    let sentence = |l: &str| l.ends_with(['.', '。', '!', '！', '?', '？', '"', '”', '»']);
    lines
        .iter()
        .zip(classes)
        .position(|(l, c)| {
            let n = l.chars().count();
            let han = l.chars().filter(|c| is_han(*c)).count();
            *c == LineClass::Body
                && (n >= 250 || han >= 80 || (sentence(l) && (n >= 60 || han >= 25)))
        })
        .or_else(|| {
            lines
                .iter()
                .zip(classes)
                .skip(1)
                .position(|(l, c)| *c == LineClass::Body && sentence(l) && l.chars().count() >= 12)
                .map(|i| i + 1)
        })
        .unwrap_or(lines.len())
}

/// The outlet found so far and how strongly it is stated.
#[derive(Default)]
struct OutletPick(Option<(outlet::Rank, String)>);

impl OutletPick {
    fn offer(&mut self, rank: outlet::Rank, name: Option<String>) {
        let Some(name) = name.filter(|n| !n.trim().is_empty()) else {
            return;
        };
        if self.0.as_ref().is_none_or(|(r, _)| rank > *r) {
            self.0 = Some((rank, name));
        }
    }
}

/// Cleans scraped text. `with_title`: the headline is sought among the
/// page's first lines and everything above it is page header; false when the
/// title is known from elsewhere.
pub fn clean_text(text: &str, with_title: bool) -> TextParts {
    clean(text, with_title, true)
}

/// Cleans the main text an HTML extractor returned: line rules only, since
/// the extractor has already cut the page's header, footer and link lists.
pub fn clean_extracted(text: &str) -> TextParts {
    clean(text, false, false)
}

/// `page`: the text is a whole scraped page, so browser-title lines, lines
/// in a foreign script, lone outlet names and a trailing menu are furniture.
fn clean(text: &str, with_title: bool, page: bool) -> TextParts {
    let lines = split_date_headers(lines(text));
    let mut parts = TextParts::default();
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    let mut seen_body = false;
    // Inside a "Read also" block: short link lines are dropped until body resumes.
    let mut in_links = false;
    let classes: Vec<LineClass> = lines.iter().map(|l| classify(l)).collect();
    let body_start = first_paragraph(&lines, &classes);
    let mut sample = String::new();
    for l in lines.iter().skip(body_start) {
        if sample.len() >= 4 * ECHO_CHARS {
            break;
        }
        sample.push_str(l);
        sample.push('\n');
    }
    let title_at = if with_title {
        pick_title(&lines, &classes, body_start, &sample)
    } else {
        None
    };
    let title = title_at.map(|i| trim_title(&lines[i]).to_string());
    let main_script = script(&sample);
    let mut outlets = OutletPick::default();
    let mut header_date: Option<PartialDate> = None;
    let mut body_lines = 0usize;
    for (i, line) in lines.iter().enumerate() {
        let class = &classes[i];
        if line.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
            continue;
        }
        if let Some(o) = outlet::title_tag(line, title.as_deref()).filter(|_| page) {
            outlets.offer(outlet::TITLE_TAG, Some(o));
            if !seen_body {
                header_date = header_date.or_else(|| full_date(line));
            }
            in_links = in_links || seen_body;
            continue;
        }
        // Above the headline: page header. Only its credits are read.
        if title_at.is_some_and(|t| i < t) {
            if let LineClass::Meta(m) = class {
                header_date = header_date.or(m.date.filter(|d| d.year.is_some()));
                outlets.offer(outlet::CREDIT, m.outlet.clone());
            }
            outlets.offer(outlet::MENTION, outlet::mention(line));
            outlets.offer(outlet::MENTION, outlet::homepage(line));
            outlets.offer(outlet::HOST, outlet::host_outlet(line));
            continue;
        }
        if title_at == Some(i) {
            parts.title = title.clone();
            continue;
        }
        if title.as_deref() == Some(trim_title(line)) {
            continue;
        }
        outlets.offer(outlet::AGENCY, outlet::byline_outlet(line));
        if in_links {
            if *class == LineClass::Body
                && line.chars().count() <= LINK_LINE
                && !is_long_sentence(line)
            {
                continue;
            }
            if matches!(class, LineClass::Body) {
                in_links = false;
            }
        }
        match class {
            LineClass::ReadAlso { inline } => {
                in_links = !inline;
                continue;
            }
            LineClass::Clutter(rule) => {
                if *rule == "comment form" && seen_body && page {
                    // Comments and the links under them close the article.
                    in_links = true;
                }
                if *rule == "footer" {
                    let name = outlet::footer_name(line);
                    outlets.offer(outlet::HOST, name.or_else(|| outlet::host_outlet(line)));
                }
                outlets.offer(outlet::MENTION, outlet::mention(line));
                continue;
            }
            LineClass::Meta(m) => {
                outlets.offer(outlet::CREDIT, m.outlet.clone());
                absorb(&mut parts, m, seen_body);
                // A signature that states the author's office is part of the
                // article ("Author: Consul General of China in Khabarovsk …").
                if m.authors.len() == 1 && crate::boilerplate::states_office(line) {
                    if let Some(p) = paragraphs.last_mut() {
                        p.push(line.clone());
                    }
                }
                continue;
            }
            LineClass::Body => {}
        }
        // Whole pages only: an extractor has already cut these.
        if page {
            if let Some(o) = outlet::homepage(line).or_else(|| outlet::lone_outlet(line)) {
                outlets.offer(outlet::MENTION, Some(o));
                continue;
            }
            if line.chars().count() <= FOREIGN_LINE
                && main_script.is_some_and(|m| foreign_script(line, m))
            {
                continue;
            }
        }
        // The agency credit opens the lead, which may follow a standfirst.
        if body_lines < OPENER_LINES {
            outlets.offer(outlet::AGENCY, outlet::opener_agency(line));
        }
        outlets.offer(outlet::MENTION, outlet::mention(line));
        seen_body = true;
        body_lines += 1;
        // Only a line ending like an end mark is searched (the search is slow
        // on long paragraphs).
        let line = if line.trim_end().ends_with(['m', 'M', '/', ')', '）', '】']) {
            END_MARK.replace(line, "")
        } else {
            std::borrow::Cow::Borrowed(line.as_str())
        };
        if line.is_empty() {
            continue;
        }
        if let Some(p) = paragraphs.last_mut() {
            p.push(line.into_owned());
        }
    }
    if page {
        drop_menu_tail(&mut paragraphs);
    }
    if parts.published.is_none() {
        parts.published = header_date;
    }
    parts.outlet = outlets.0.map(|(_, o)| o);
    parts.body = join_paragraphs(&paragraphs);
    parts
}

/// Characters of body read for the headline's echo test.
const ECHO_CHARS: usize = 4000;

fn pick_title(
    lines: &[String],
    classes: &[LineClass],
    body_start: usize,
    sample: &str,
) -> Option<usize> {
    let end = body_start.min(HEAD_LINES).min(lines.len());
    let candidates = (0..end)
        .filter(|&i| {
            classes[i] == LineClass::Body
                && !lines[i].is_empty()
                && outlet::title_tag(&lines[i], None).is_none()
        })
        .map(|i| Candidate {
            index: i,
            text: lines[i].as_str(),
        })
        .collect();
    let datelines = (0..(end + 3).min(lines.len()))
        .filter(|&i| matches!(&classes[i], LineClass::Meta(m) if m.date.is_some()))
        .collect();
    headline::pick(&Head {
        candidates,
        datelines,
        blank: lines.iter().map(|l| l.is_empty()).collect(),
        body_start,
        body: sample,
    })
}

/// Drops trailing paragraphs made only of short lines without sentence
/// punctuation: menus, ads and link lists below the article.
fn drop_menu_tail(paragraphs: &mut Vec<Vec<String>>) {
    while paragraphs.len() > 1 {
        let Some(last) = paragraphs.last_mut() else {
            break;
        };
        while last.last().is_some_and(|l| menu_line(l)) && last.len() > 1 {
            last.pop();
        }
        if last.is_empty() || last.iter().all(|l| menu_line(l)) {
            paragraphs.pop();
        } else {
            break;
        }
    }
}

/// A full date stated in a line.
fn full_date(line: &str) -> Option<PartialDate> {
    amur_dates::find_dates(line)
        .into_iter()
        .map(|f| f.date)
        .find(|d| d.year.is_some() && d.day.is_some())
}

fn menu_line(l: &str) -> bool {
    // A Chinese character carries about two letters' worth of text.
    let width: usize = l.chars().map(|c| if is_han(c) { 2 } else { 1 }).sum();
    width <= TAIL_LINE && !l.ends_with(['.', '。', '!', '！', '?', '？', '"', '”', '»', ')', '）'])
}

fn is_long_sentence(line: &str) -> bool {
    line.chars().count() > 80 && line.ends_with(['.', '。', '!', '?', '！', '？', '»', '"', '”'])
}

fn absorb(parts: &mut TextParts, m: &MetaLine, seen_body: bool) {
    // A date in the page head is the publication date; late in the page only
    // a dateline without competition counts.
    if parts.published.is_none() && (!seen_body || m.outlet.is_some() || m.authors.is_empty()) {
        if let Some(d) = m.date.filter(|d| d.year.is_some()) {
            parts.published = Some(d);
        }
    }
    if parts.outlet.is_none() {
        parts.outlet = m.outlet.clone();
    }
    for a in &m.authors {
        if !parts.authors.contains(a) {
            parts.authors.push(a.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RU: &str = "Заголовок новости о сотрудничестве\n\nAmurinfo 14.03.25 1537\n\nПервый абзац текста о встрече губернатора с делегацией.\n\nФото: пресс-служба\n\nВторой абзац.\n\nЧитайте также\n\nДругая новость про мост\nЕщё одна новость\n\nАвтор: Ирина Соколова";

    #[test]
    fn russian_page() {
        let p = clean_text(RU, true);
        assert_eq!(
            p.title.as_deref(),
            Some("Заголовок новости о сотрудничестве")
        );
        assert_eq!(p.published, Some(PartialDate::ymd(2025, 3, 14)));
        assert_eq!(p.outlet.as_deref(), Some("Amurinfo"));
        assert_eq!(p.authors, ["Ирина Соколова"]);
        assert_eq!(
            p.body,
            "Первый абзац текста о встрече губернатора с делегацией.\n\nВторой абзац."
        );
    }

    #[test]
    fn leading_widget_is_not_the_title() {
        let p = clean_text("Coming soon!\nJilin delegation visits Primorye\n   2023-01-12 14:33   \n\nBody sentence here.", true);
        assert_eq!(p.title.as_deref(), Some("Jilin delegation visits Primorye"));
        assert_eq!(p.published, Some(PartialDate::ymd(2023, 1, 12)));
        assert_eq!(p.body, "Body sentence here.");
    }

    #[test]
    fn chinese_page() {
        let t = "吉林省代表团出席符拉迪沃斯托克经贸论坛\n2025年5月20日 09:15  来源：吉林日报\n\n5月19日，吉林省代表团出席论坛。\n\n分享到：\n相关新闻\n珲春口岸客流增长\n\n责任编辑：张明";
        let p = clean_text(t, true);
        assert_eq!(
            p.title.as_deref(),
            Some("吉林省代表团出席符拉迪沃斯托克经贸论坛")
        );
        assert_eq!(p.outlet.as_deref(), Some("吉林日报"));
        assert_eq!(p.authors, ["张明"]);
        assert_eq!(p.body, "5月19日，吉林省代表团出席论坛。");
    }

    #[test]
    fn header_above_the_headline_is_dropped() {
        let t = "Welcome to the Amur Herald\nWorld Business Sports\nNews / Regions\n\nHarbin and Khabarovsk open a new freight route\n2023-04-05 10:00\n\nA freight route between Harbin and Khabarovsk opened on Monday, officials of both cities said.\n\nThe route carries timber and grain.";
        let p = clean_text(t, true);
        assert_eq!(
            p.title.as_deref(),
            Some("Harbin and Khabarovsk open a new freight route")
        );
        assert_eq!(p.published, Some(PartialDate::ymd(2023, 4, 5)));
        assert!(p.body.starts_with("A freight route"), "{}", p.body);
        assert!(!p.body.contains("World Business"));
    }

    #[test]
    fn headline_above_standfirst_and_page_without_headline() {
        let t = "Bridge traffic grows\nTrucks cross the Amur bridge every hour as trade with China grows\n\nTrade across the Amur bridge grew by a third in May, the customs office said on Monday.";
        let p = clean_text(t, true);
        assert_eq!(p.title.as_deref(), Some("Bridge traffic grows"));
        assert!(p.body.starts_with("Trucks cross"), "{}", p.body);
        let t = "HARBIN, May 3 (Xinhua) -- Trade across the Amur bridge grew by a third in May, the customs office said.\n\nMore trucks are expected.";
        let p = clean_text(t, true);
        assert_eq!(p.title, None);
        assert_eq!(p.outlet.as_deref(), Some("Xinhua"));
        assert!(p.body.starts_with("HARBIN, May 3"));
    }

    #[test]
    fn scraper_date_header_and_title_tag() {
        let t = "date 2023-06-10 Мост через Амур открыт для грузовиков\n\nМост через Амур открыт для грузовиков - РИА Новости Приморье, 10.06.2023\n\nБЛАГОВЕЩЕНСК, 10 июн - РИА Новости Приморье. Движение грузовиков по мосту через Амур открыто, сообщили в правительстве области.";
        let p = clean_text(t, true);
        assert_eq!(
            p.title.as_deref(),
            Some("Мост через Амур открыт для грузовиков")
        );
        assert_eq!(p.published, Some(PartialDate::ymd(2023, 6, 10)));
        assert_eq!(p.outlet.as_deref(), Some("РИА Новости Приморье"));
        assert!(p.body.starts_with("БЛАГОВЕЩЕНСК"), "{}", p.body);
    }

    #[test]
    fn outlet_from_chinese_opener_and_footer_tail() {
        let t = "某某市代表团访问哈巴罗夫斯克\n\n新華網哈爾濱5月3日電 某某市代表團抵達哈巴羅夫斯克，雙方就口岸建設進行了會談。\n\n雙方簽署了合作備忘錄。\n\n責任編輯：王小明\n\n手機版\n掃一掃\n热门专题";
        let p = clean_text(t, true);
        assert_eq!(p.outlet.as_deref(), Some("新華網"));
        assert_eq!(
            p.body,
            "新華網哈爾濱5月3日電 某某市代表團抵達哈巴羅夫斯克，雙方就口岸建設進行了會談。\n\n雙方簽署了合作備忘錄。"
        );
    }

    #[test]
    fn agency_credit_after_a_standfirst() {
        let t = "某某大桥正式通车\n\n两岸居民期待已久的大桥今天正式通车，货车和客车都可以通行了。\n\n（某某新闻网）位于两国边境的大桥正式通车，首批货车顺利通关。";
        let p = clean_text(t, true);
        assert_eq!(p.outlet.as_deref(), Some("某某新闻网"));
        // Deep in the body a bracketed name is no credit.
        let t = "Bridge opens\n\nThe bridge opened on Friday, officials said.\n\nTrucks crossed in the morning.\n\nBuses followed at noon.\n\n(Amur Post) -- a local paper -- counted the first trucks.";
        assert_eq!(clean_text(t, true).outlet, None);
    }

    #[test]
    fn short_last_paragraph_of_the_body_survives() {
        let t = "Harbin fair opens\n\nThe Harbin fair opened on Monday with exhibitors from Russia and China, organisers said.\n\nIt runs until Friday.";
        let p = clean_text(t, true);
        assert!(p.body.ends_with("It runs until Friday."), "{}", p.body);
    }

    #[test]
    fn foreign_script_lines_and_comments() {
        let t = "Мост через Амур открыт\n\n大桥开通\n\nДвижение по мосту через Амур открыто, сообщили в правительстве области в понедельник.\n\nОставить комментарий\nДругая новость о ярмарке\nЕщё одна новость";
        let p = clean_text(t, true);
        assert_eq!(p.title.as_deref(), Some("Мост через Амур открыт"));
        assert_eq!(
            p.body,
            "Движение по мосту через Амур открыто, сообщили в правительстве области в понедельник."
        );
    }
}
