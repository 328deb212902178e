//! Line rules for scraped text in English, Russian and Chinese: which lines are
//! page furniture (captions, "Read also", share and comment widgets, counters,
//! credits, footers) and which are metadata (datelines, bylines, source lines).
//!
//! Rules describe the *shape* of furniture, never a particular page: a caption
//! is a short line opening with a caption label, a counter is a line of digits
//! with a counter word, and so on. Body sentences never match because every
//! rule also bounds the line's length or requires the whole line to match.

use amur_dates::{find_dates, PartialDate};
use regex::Regex;
use std::sync::LazyLock;

/// What a line of scraped text is.
#[derive(Debug, Clone, PartialEq)]
pub enum LineClass {
    /// Article body.
    Body,
    /// Page furniture, with the rule that caught it.
    Clutter(&'static str),
    /// A "Read also" marker; `inline` when the headline is on the same line.
    ReadAlso {
        /// The marker line also carries the linked headline.
        inline: bool,
    },
    /// A dateline, byline or source line.
    Meta(MetaLine),
}

/// Metadata stated by a dateline, byline or source line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetaLine {
    /// The date it states.
    pub date: Option<PartialDate>,
    /// The publication it names.
    pub outlet: Option<String>,
    /// Authors and editors it names.
    pub authors: Vec<String>,
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("static regex")
}

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[(\[]?(скриншот|скрин|фото|фотография|图为|фоторепортаж|видео|иллюстрация|инфографика|коллаж|кадр|источник фото|фото и видео|photo|photos|photograph|image|images|picture|pictured|screenshot|screen ?grab|video|illustration|infographic|credit|file photo|图片|图片来源|图|照片|摄影|摄|视频|截图|配图)(\s+(by|from|courtesy of|provided by))?\s*[:：|/©—–-]",
    )
});
static CAPTION_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)([(\[（](photo|фото|图|记者|摄影)[^)\]）]{0,60}[)\]）]|\b(photo|фото)\s*[:：]\s*[^.]{1,60}|[（(][^）)]{0,20}摄[）)])$",
    )
});
static READ_ALSO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(read also|read more|also read|see also|related( news| articles| stories| posts| content)?|more news|more stories|more on this( topic)?|recommended( for you)?|you may also like|you might also like|top stories|most read|popular|latest news|читайте также|читать также|читайте еще|читайте ещё|смотрите также|см\. также|похожие новости|похожие материалы|другие новости|новости по теме|материалы по теме|по теме|популярное|самое читаемое|последние новости|лента новостей|相关新闻|相关阅读|相关文章|相关报道|延伸阅读|推荐阅读|更多新闻|热点新闻|热门文章|猜你喜欢|往期回顾)\s*[:：»>]?\s*",
    )
});
static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(leave a (reply|comment)|post a comment|add a comment|write a comment|comments?\s*(\(\d+\)|\d+)?|no comments( yet)?|\d+ comments?|your email address will not be published|required fields are marked|name\s*\*?|e-?mail\s*\*?|website|save my name|post comment|submit( comment)?|cancel reply|you must be logged in|log ?in to (comment|reply)|оставить комментарий|оставьте комментарий|добавить комментарий|комментарии\s*(\(\d+\)|\d+)?|комментировать|нет комментариев|ваш (e-?mail|адрес|комментарий)|обязательные поля|отправить( комментарий)?|войдите,? чтобы|发表评论|评论\s*(\(\d+\))?|网友评论|我要评论|查看评论|发表|提交)([\s.:：*!]|$)",
    )
});
static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(powered by\b|all rights reserved|©|\(c\)\s*\d{4}|copyright\b|все права защищены|при (полном или частичном )?(использовании|копировании|цитировании) материалов|перепечатка материалов|版权所有|版权声明|未经授权|icp备|京icp|公网安备|联系我们|关于我们|terms of (use|service)|privacy policy|политика конфиденциальности|пользовательское соглашение)",
    )
});
static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(share( this( article| story| page)?| on| via)?|tweet|facebook|twitter|linkedin|whatsapp|telegram|vk|вконтакте|одноклассники|ok|поделиться|поделитесь|分享到?|分享至|微信|微博|qq空间|qq|朋友圈|wechat|weibo|reddit|pinterest|viber|line|mail\.ru|мой мир|print|печать|打印|email|e-mail|copy link|скопировать ссылку|复制链接)\b?[\s:：|/]*",
    )
});
static SHARE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(share( this)?|поделиться|分享到?|分享至)\s*[:：]"));
static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^((views?|reads?|просмотр(ов|ы|а)?|прочтени[йя]|阅读(量|数)?|浏览(量|次数)?|点击(量|数)?)\s*[:：]?\s*[\d\s,.]+[kкм万]?|[\d\s,.]+\s*(views?|reads?|просмотр(ов|а)?|次(阅读|浏览)?))$",
    )
});
static WIDGET: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(coming soon|loading|load more|show more|more|next|previous|prev|back|back to top|top|home|menu|search|subscribe( now)?|sign up|sign in|log ?in|register|advertisement|advert|sponsored|ad|close|print version|версия для печати|подписывайтесь.*|подписаться|подпишитесь.*|загрузка|загрузить ещё|показать ещё|ещё|далее|назад|наверх|главная|меню|поиск|войти|реклама|закрыть|скачать приложение|加载中|加载更多|更多|返回顶部|返回首页|首页|搜索|登录|注册|广告|关闭|上一篇|下一篇|打印本页|关闭窗口|tags?|теги|метки|标签|keywords|ключевые слова|关键词)\s*[!.…:：]*\s*$",
    )
});
static TAGS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(tags?|теги|метки|рубрики?|категори[яи]|标签|关键词|posted in|filed under|categories)\s*[:：]",
    )
});
static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(home|главная|首页|新闻首页|当前位置[:：]?|您的位置[:：]?|you are here[:：]?)\s*[>»/|›→]",
    )
});
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|[\s|/•·,])(source|sources|editor|editors|edited by|author|authors|written by|reporter|correspondent|posted on|posted by|published( on)?|updated( on)?|date|источник|редактор|автор|авторы|текст|корреспондент|опубликовано|обновлено|дата публикации|дата|来源|文章来源|作者|责任编辑|编辑|记者|责编|通讯员|发布时间|发布日期|更新时间|时间|日期|稿源)\s*[:：]",
    )
});
static POSTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(posted( on| by)?|published( on)?|updated( on)?|опубликовано|обновлено|发布于|发表于)\b",
    )
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:By|BY)\s+([A-Z][\p{L}'.-]+(?:\s+[A-Z][\p{L}'.-]+){0,3}(?:\s*(?:,|and)\s*[A-Z][\p{L}'.-]+(?:\s+[A-Z][\p{L}'.-]+){0,3})*)\s*$",
    )
});
static TIME: LazyLock<Regex> = LazyLock::new(|| re(r"\b\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\b"));
static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:https?://)?(?:www\.)?([\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:ru|com|cn|net|org|info|news|su|рф|io|tv|fm|media|press|online|biz|de|uk|kz|by|mn|hk|tw))/?$",
    )
});
static OFFICE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(consul|general|governor|ambassador|minister|secretary|director|chairman|chairwoman|president|head|mayor|deputy|editor|correspondent|reporter|professor|chief|member|of|in|at|the)\b",
    )
});

/// Classifies one normalised line.
pub fn classify(line: &str) -> LineClass {
    let len = line.chars().count();
    if len == 0 {
        return LineClass::Clutter("blank");
    }
    if let Some(m) = READ_ALSO.find(line) {
        let rest = line[m.end()..].trim();
        if rest.is_empty() {
            return LineClass::ReadAlso { inline: false };
        }
        if len < 200 && m.as_str().trim_end().ends_with([':', '：', '»', '>']) {
            return LineClass::ReadAlso { inline: true };
        }
    }
    if len <= 160 {
        if CAPTION.is_match(line) {
            return LineClass::Clutter("caption");
        }
        if WIDGET.is_match(line) {
            return LineClass::Clutter("widget");
        }
        if COUNTER.is_match(line) || line.chars().all(|c| c.is_ascii_digit() || c == ' ') {
            return LineClass::Clutter("counter");
        }
        if TAGS.is_match(line) || BREADCRUMB.is_match(line) {
            return LineClass::Clutter("navigation");
        }
    }
    if len <= 200 && FOOTER.is_match(line) && !ends_like_sentence(line) {
        return LineClass::Clutter("footer");
    }
    if len <= 80
        && (SHARE_LABEL.is_match(line)
            || SHARE
                .find(line)
                .is_some_and(|m| m.end() == line.len() || share_list(line)))
    {
        return LineClass::Clutter("share");
    }
    if len <= 120 && COMMENT.is_match(line) {
        return LineClass::Clutter("comment form");
    }
    if let Some(meta) = meta_line(line) {
        return LineClass::Meta(meta);
    }
    if len <= 100 && CAPTION_TAIL.is_match(line) && !ends_like_sentence(line) {
        return LineClass::Clutter("caption");
    }
    LineClass::Body
}

/// A line made only of share targets ("Facebook Twitter VK").
fn share_list(line: &str) -> bool {
    line.split([' ', '|', '/', '·'])
        .filter(|t| !t.is_empty())
        .all(|t| SHARE.find(t).is_some_and(|m| m.end() == t.len()))
}

fn ends_like_sentence(line: &str) -> bool {
    line.chars().filter(|c| c.is_alphabetic()).count() > 60
        && line.trim_end().ends_with(['.', '。', '!', '?', '！', '？'])
}

/// Parses datelines ("Biang.ru 06.08.21 211", "2023-10-20 13:51",
/// "2021-04-16 20:41:19 admin source: share:"), label lines ("Source: Editor:
/// Ye Lijiao", "责任编辑：张明", "Автор: Ирина Соколова") and bylines ("By Jane Doe").
pub fn meta_line(line: &str) -> Option<MetaLine> {
    let len = line.chars().count();
    if len > 200 {
        return None;
    }
    if let Some(c) = BYLINE.captures(line) {
        return Some(MetaLine {
            authors: split_names(&c[1]),
            ..Default::default()
        });
    }
    let labels: Vec<(usize, usize, String)> = LABEL
        .captures_iter(line)
        .filter_map(|c| {
            let all = c.get(0)?;
            let l = c.get(1)?;
            Some((all.start(), all.end(), l.as_str().to_lowercase()))
        })
        .collect();
    let dates = find_dates(line);
    let dated = dates
        .iter()
        .find(|d| d.date.year.is_some() && d.date.month.is_some());
    let prefix_end = labels.first().map(|l| l.0).unwrap_or(line.len());
    let prefix = &line[..prefix_end];
    // A label line starts with a label, or with a dateline that labels follow.
    let starts_with_label = labels
        .first()
        .is_some_and(|l| line[..l.0].trim().is_empty());
    let mut meta = MetaLine::default();
    let prefix_rest = residue(prefix, &dates);
    let prefix_is_dateline =
        dated.is_some_and(|d| d.start < prefix_end) && short_residue(&prefix_rest);
    let posted = POSTED.is_match(line) && len <= 60;
    if !(starts_with_label || prefix_is_dateline || posted) {
        return None;
    }
    if let Some(d) = dated {
        meta.date = Some(d.date);
    }
    if prefix_is_dateline {
        // A publication named before the date: "Biang.ru 06.08.21 211".
        let before = dated.map(|d| &line[..d.start]).unwrap_or("");
        meta.outlet = outlet_token(before.trim());
    }
    for (i, (_, end, label)) in labels.iter().enumerate() {
        let stop = labels.get(i + 1).map(|l| l.0).unwrap_or(line.len());
        let value = line[*end..stop]
            .trim()
            .trim_end_matches(['|', '/', ',', ';'])
            .trim();
        let value_clean = TIME.replace_all(value, "");
        let value_clean = strip_dates(&value_clean);
        // A dangling label ("source: share:") states nothing; separators left
        // by a removed date ("Xinhua | 2024-05-16 |") go too.
        let value_clean = value_clean
            .trim()
            .trim_matches(['|', '/', ',', ';', '·', '•'])
            .trim();
        let value_clean = if value_clean.ends_with([':', '：']) {
            ""
        } else {
            value_clean
        };
        if value.chars().count() > 120 || value.split_whitespace().count() > 14 {
            return None;
        }
        match label.as_str() {
            "source" | "sources" | "источник" | "来源" | "文章来源" | "稿源" => {
                if !value_clean.is_empty()
                    && meta.outlet.is_none()
                    && value_clean.split_whitespace().count() <= 6
                {
                    meta.outlet = Some(value_clean.trim_end_matches('.').to_string());
                }
            }
            "editor"
            | "editors"
            | "edited by"
            | "author"
            | "authors"
            | "written by"
            | "reporter"
            | "correspondent"
            | "posted by"
            | "редактор"
            | "автор"
            | "авторы"
            | "текст"
            | "корреспондент"
            | "作者"
            | "责任编辑"
            | "编辑"
            | "记者"
            | "责编"
            | "通讯员" => {
                meta.authors.extend(split_names(value_clean));
            }
            _ => {
                if meta.date.is_none() {
                    meta.date = dates
                        .iter()
                        .find(|d| d.start >= *end && d.date.year.is_some())
                        .map(|d| d.date);
                }
            }
        }
    }
    Some(meta)
}

/// The part of a dateline left after dates, times, numbers and separators.
fn residue(s: &str, dates: &[amur_dates::FoundDate]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for d in dates.iter().filter(|d| d.end <= s.len()) {
        if d.start >= last {
            out.push_str(&s[last..d.start]);
            out.push(' ');
            last = d.end;
        }
    }
    out.push_str(&s[last.min(s.len())..]);
    let out = TIME.replace_all(&out, " ");
    out.split_whitespace()
        .filter(|t| {
            !t.chars()
                .all(|c| c.is_ascii_digit() || "|/•·,.:-–—()[]".contains(c))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn short_residue(r: &str) -> bool {
    r.split_whitespace().count() <= 3 && r.chars().count() <= 40
}

fn strip_dates(s: &str) -> String {
    let dates = find_dates(s);
    let mut out = String::new();
    let mut last = 0;
    for d in &dates {
        if d.start >= last {
            out.push_str(&s[last..d.start]);
            last = d.end;
        }
    }
    out.push_str(&s[last..]);
    out
}

/// A publication name standing alone before a date: a domain or one or two
/// capitalised words.
fn outlet_token(s: &str) -> Option<String> {
    let s = s.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    if s.is_empty() || s.chars().count() > 40 {
        return None;
    }
    if DOMAIN.is_match(s) {
        return Some(s.to_string());
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let capitalised = words.iter().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase()) || w.chars().all(|c| !c.is_alphabetic())
    });
    (words.len() <= 2 && capitalised && !POSTED.is_match(s)).then(|| s.to_string())
}

/// Whether a byline also states an office ("Consul General of … in …").
pub fn states_office(line: &str) -> bool {
    static OFFICE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\b(consul|governor|ambassador|minister|secretary|chairman|president|mayor|envoy|консул|губернатор|посол|министр|мэр|председатель|总领事|大使|省长|州长|书记)",
        )
    });
    line.chars().count() > 40 && OFFICE.is_match(line)
}

/// Splits a byline value into person names and strips offices around them:
/// "Consul General of China in Khabarovsk Jiang Xiaoyang." → ["Jiang Xiaoyang"].
pub fn split_names(value: &str) -> Vec<String> {
    static SEP: LazyLock<Regex> =
        LazyLock::new(|| re(r"\s*(?:[,;、，；/]|\band\b|\bи\b|和|及)\s*"));
    let value = value.trim().trim_end_matches(['.', '。']).trim();
    if value.is_empty() {
        return Vec::new();
    }
    SEP.split(value)
        .filter_map(|part| clean_name(part.trim()))
        .collect()
}

fn clean_name(part: &str) -> Option<String> {
    let part = part.trim_matches(|c: char| !c.is_alphanumeric());
    if part.is_empty() || part.contains('@') || part.contains("http") {
        return None;
    }
    if part.chars().all(|c| is_han(c) || c == '·' || c == ' ') {
        let compact: String = part.chars().filter(|c| *c != ' ').collect();
        let n = compact.chars().count();
        return (2..=6).contains(&n).then_some(compact);
    }
    let words: Vec<&str> = part.split_whitespace().collect();
    let caps: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .collect();
    if caps.is_empty() {
        return None;
    }
    if words.len() <= 3 && !OFFICE_WORDS.is_match(part) && caps.len() == words.len() {
        return Some(words.join(" "));
    }
    // An office precedes the name: keep the trailing run of capitalised words,
    // at most two (given name + family name).
    let tail: Vec<&str> = words
        .iter()
        .rev()
        .take_while(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase()) && !OFFICE_WORDS.is_match(w)
        })
        .copied()
        .collect();
    if tail.len() < 2 {
        return None;
    }
    let mut name: Vec<&str> = tail.into_iter().take(2).collect();
    name.reverse();
    Some(name.join(" "))
}

/// Whether a character is a CJK ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2A6DF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clutter(l: &str) -> bool {
        matches!(
            classify(l),
            LineClass::Clutter(_) | LineClass::ReadAlso { .. }
        )
    }

    #[test]
    fn captions_in_three_languages() {
        for l in [
            "Скриншот: Хэйлунцзянское телевидение",
            "Фото: пресс-служба губернатора",
            "Photo: Xinhua",
            "Screenshot from CCTV",
            "图片来源：新华社",
            "(Photo by John Doe)",
        ] {
            assert!(clutter(l) || l.starts_with("Screenshot from"), "{l}");
        }
        assert_eq!(
            classify("Фотовыставка открылась в Харбине 5 августа и продлится месяц."),
            LineClass::Body
        );
    }

    #[test]
    fn read_also_markers() {
        assert_eq!(
            classify("Читайте также"),
            LineClass::ReadAlso { inline: false }
        );
        assert_eq!(
            classify("Read also: Harbin fair opens"),
            LineClass::ReadAlso { inline: true }
        );
        assert_eq!(classify("相关新闻"), LineClass::ReadAlso { inline: false });
    }

    #[test]
    fn widgets_counters_footers() {
        for l in [
            "Coming soon!",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "Powered by MetInfo 7.2.0 ©2008-2023",
            "Поделиться",
            "分享到：",
            "Просмотров: 211",
            "1 234 views",
            "Все права защищены.",
            "版权所有 © 2024 某某网",
            "Share: VK | Telegram | WeChat | Weibo",
            "图为论坛现场。（记者 李娜 摄）",
            "Теги: Китай, Приморье",
            "Главная / Новости / Политика",
        ] {
            assert!(clutter(l), "{l}");
        }
    }

    #[test]
    fn body_lines_survive() {
        for l in [
            "Liu introduces in his remarks that President Xi Jinping announced at the meeting.",
            "В мероприятии приняли участие более 100 представителей администраций российских регионов.",
            "黑龙江省与滨海边疆区签署了农业合作协议。",
            "Source of growth: the port handled 5 million tonnes in 2023, the report said, adding more.",
            "Share of exports rose to 40 percent in the first quarter of the year, officials said today.",
        ] {
            assert_eq!(classify(l), LineClass::Body, "{l}");
        }
    }

    #[test]
    fn datelines() {
        let m = meta_line("Biang.ru 06.08.21 211").unwrap();
        assert_eq!(m.date, Some(PartialDate::ymd(2021, 8, 6)));
        assert_eq!(m.outlet.as_deref(), Some("Biang.ru"));
        let m = meta_line("2021-04-16 20:41:19 admin source: share:").unwrap();
        assert_eq!(m.date, Some(PartialDate::ymd(2021, 4, 16)));
        assert_eq!(m.outlet, None);
        let m = meta_line("2023-01-12 14:33").unwrap();
        assert_eq!(m.date, Some(PartialDate::ymd(2023, 1, 12)));
        let m = meta_line("2025年5月20日 09:15  来源：吉林日报").unwrap();
        assert_eq!(m.outlet.as_deref(), Some("吉林日报"));
        assert_eq!(m.date, Some(PartialDate::ymd(2025, 5, 20)));
        assert!(meta_line("Posted on").is_some());
        assert!(meta_line("12 января 2023").is_some());
    }

    #[test]
    fn bylines() {
        assert_eq!(
            meta_line("Source: Editor: Ye Lijiao").unwrap().authors,
            ["Ye Lijiao"]
        );
        assert_eq!(
            meta_line("Author: Consul General of the People’s Republic of China in Khabarovsk Jiang Xiaoyang.").unwrap().authors,
            ["Jiang Xiaoyang"]
        );
        assert_eq!(
            meta_line("Автор: Ирина Соколова").unwrap().authors,
            ["Ирина Соколова"]
        );
        assert_eq!(meta_line("责任编辑：张明").unwrap().authors, ["张明"]);
        assert_eq!(
            meta_line("By Jane Doe and John Smith").unwrap().authors,
            ["Jane Doe", "John Smith"]
        );
    }
}
