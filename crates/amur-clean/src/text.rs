//! Plain scraped text: split into lines, classify each (see `boilerplate`),
//! take the headline, dateline and bylines from the head of the page, drop
//! furniture and "Read also" blocks, keep every body paragraph.

use crate::boilerplate::{classify, LineClass, MetaLine};
use crate::normalise::{join_paragraphs, lines};
use amur_dates::PartialDate;

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

/// A headline is a short line that is not a sentence of the body.
fn headline_like(line: &str) -> bool {
    let n = line.chars().count();
    (3..=250).contains(&n) && !(n > 150 && line.ends_with(['.', '。']))
}

/// Longest line that can still be a "Read also" headline rather than body.
const LINK_LINE: usize = 140;

/// Cleans scraped text. `with_title`: the first headline-like line is the
/// title (plain text pages); HTML extractions pass false because the title
/// comes from the markup.
pub fn clean_text(text: &str, with_title: bool) -> TextParts {
    let lines = lines(text);
    let mut parts = TextParts::default();
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    let mut seen_body = false;
    let mut title_taken = !with_title;
    // Inside a "Read also" block: short link lines are dropped until body resumes.
    let mut in_links = false;
    let classes: Vec<LineClass> = lines.iter().map(|l| classify(l)).collect();
    for (i, line) in lines.iter().enumerate() {
        let class = &classes[i];
        if line.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
            continue;
        }
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
            LineClass::Clutter(_) => continue,
            LineClass::Meta(m) => {
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
        if !title_taken && headline_like(line) {
            parts.title = Some(line.clone());
            title_taken = true;
            continue;
        }
        title_taken = true;
        seen_body = true;
        if let Some(p) = paragraphs.last_mut() {
            p.push(line.clone());
        }
    }
    parts.body = join_paragraphs(&paragraphs);
    parts
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
}
