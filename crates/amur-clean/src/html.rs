//! Main text of an HTML page.
//!
//! Two well-kept extractors, chosen by the page's language: `trafilatura`
//! (best on the English-heavy article-extraction benchmark) and `dom_smoothie`
//! (a Readability port, clearly better on Russian and Chinese news pages). If
//! the first returns next to nothing the other is tried, then the page's
//! visible text.

use crate::normalise::normalise_text;
use amur_record::Lang;

/// Which main-text extractor to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Extractor {
    /// `dom_smoothie` for Russian and Chinese pages, `trafilatura` otherwise.
    #[default]
    Auto,
    /// Always `trafilatura`.
    Trafilatura,
    /// Always `dom_smoothie` (Readability).
    Readability,
}

impl Extractor {
    /// Parses a command-line name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "auto" => Some(Extractor::Auto),
            "trafilatura" => Some(Extractor::Trafilatura),
            "readability" | "dom_smoothie" => Some(Extractor::Readability),
            _ => None,
        }
    }
}

/// Shortest extraction accepted before the fallback is tried.
const MIN_CHARS: usize = 150;

/// The main text of `html`, paragraphs separated by blank lines.
pub fn main_text(html: &str, lang: &Lang, extractor: Extractor) -> String {
    main_text_of(html, None, lang, extractor)
}

/// [`main_text`], given the page's parsed `dom` if the caller has one: the
/// Readability extractor reads it instead of parsing the page again.
pub fn main_text_of(
    html: &str,
    mut dom: Option<dom_query::Document>,
    lang: &Lang,
    extractor: Extractor,
) -> String {
    let readability_first = match extractor {
        Extractor::Auto => {
            matches!(lang, Lang::Ru | Lang::Zh | Lang::Other(_))
                && *lang != Lang::Other("und".into())
        }
        Extractor::Trafilatura => false,
        Extractor::Readability => true,
    };
    let order = if readability_first {
        [Kind::Readability, Kind::Trafilatura]
    } else {
        [Kind::Trafilatura, Kind::Readability]
    };
    let mut best = String::new();
    for kind in order {
        let found = match kind {
            Kind::Trafilatura => with_trafilatura(html),
            Kind::Readability => with_readability(
                dom.take()
                    .unwrap_or_else(|| dom_query::Document::from(html)),
            ),
        };
        if let Some(t) = found {
            let t = normalise_text(&t);
            if t.chars().count() >= MIN_CHARS {
                return t;
            }
            if t.chars().count() > best.chars().count() {
                best = t;
            }
        }
        if extractor != Extractor::Auto {
            break;
        }
    }
    if best.is_empty() {
        best = normalise_text(&trafilatura::html2txt(html));
    }
    best
}

fn with_trafilatura(html: &str) -> Option<String> {
    let opts = trafilatura::Options::default()
        .with_html_date_mode(trafilatura::HtmlDateMode::Disabled)
        .with_exclude_comments(true);
    let r = trafilatura::extract(html, &opts).ok()?;
    Some(r.content_text)
}

/// The two extractors, in the order a page tries them.
#[derive(Clone, Copy)]
enum Kind {
    Trafilatura,
    Readability,
}

fn with_readability(dom: dom_query::Document) -> Option<String> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let mut r = dom_smoothie::Readability::with_document(dom, None, Some(cfg)).ok()?;
    let a = r.parse().ok()?;
    Some(a.text_content.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head><title>T</title></head><body>
      <nav><a href="/">Главная</a> <a href="/news">Новости</a></nav>
      <article><h1>Губернатор встретился с делегацией</h1>
      <p>Губернатор Приморского края провёл переговоры с делегацией провинции Хэйлунцзян во Владивостоке. Стороны обсудили модернизацию пункта пропуска.</p>
      <p>По итогам встречи стороны подписали соглашение о сотрудничестве в сельском хозяйстве и договорились о новых авиарейсах.</p>
      </article>
      <div class="share">Поделиться</div><footer>© 2024 Все права защищены</footer></body></html>"#;

    #[test]
    fn keeps_paragraphs_drops_furniture() {
        for ex in [Extractor::Trafilatura, Extractor::Readability] {
            let t = main_text(PAGE, &Lang::Ru, ex);
            assert!(t.contains("провёл переговоры"), "{ex:?}: {t}");
            assert!(t.contains("сельском хозяйстве"), "{ex:?}");
            assert!(!t.contains("Все права защищены"), "{ex:?}: {t}");
            assert!(!t.contains("Главная"), "{ex:?}: {t}");
        }
    }
}
