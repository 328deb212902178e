//! Line rules for scraped text in English, Russian and Chinese: which lines are
//! page furniture (captions, "Read also", share and comment widgets, counters,
//! credits, footers) and which are metadata (datelines, bylines, source lines).
//!
//! Rules describe the *shape* of furniture, never a particular page: a caption
//! is a short line opening with a caption label, a counter is a line of digits
//! with a counter word, and so on. Body sentences never match because every
//! rule also bounds the line's length or requires the whole line to match.

use crate::lexicon::{Kind, FURNITURE_LEXICON, OUTLET_TABLE};
use amur_dates::words::is_word_match;
use amur_dates::{find_dates, PartialDate};
use amur_record::chars::ToLower;
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
        r"(?i)^[(\[]?(скриншот|скрин|фото|фотография|图为|фоторепортаж|видео|иллюстрация|инфографика|коллаж|кадр|источник фото|фото и видео|photo|photos|photograph|image|images|picture|pictured|screenshot|screen ?grab|video|illustration|infographic|credit|file photo|图片|图片来源|图|照片|摄影|摄|视频|截图|配图|圖片|圖片來源|圖|攝影|攝|視頻|截圖|配圖)(\s+(by|from|courtesy of|provided by))?\s*[:：|/©—–-]",
    )
});
static CAPTION_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)([(\[（](photo|фото|图|记者|摄影)[^)\]）]{0,60}[)\]）]|(photo|picture|фото|credit)\s*[:：]\s*[^.]{1,60}|[（(][^）)]{0,20}摄[）)])$",
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
        r"(?i)(powered by(?-u:\b)|all rights reserved|©|\(c\)\s*\d{4}|copyright(?-u:\b)|все права защищены|при (полном или частичном )?(использовании|копировании|цитировании) материалов|перепечатка материалов|版权所有|版权声明|未经授权|icp备|京icp|公网安备|联系我们|关于我们|terms of (use|service)|privacy policy|политика конфиденциальности|пользовательское соглашение)",
    )
});
static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(share( this( article| story| page)?| on| via)?|tweet|facebook|twitter|linkedin|whatsapp|telegram|vk|вконтакте|одноклассники|ok|поделиться|поделитесь|分享到?|分享至|微信|微博|qq空间|qq|朋友圈|wechat|weibo|reddit|pinterest|viber|line|mail\.ru|мой мир|print|печать|打印|email|e-mail|copy link|скопировать ссылку|复制链接)[\s:：|/]*",
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
/// Credit and date labels from `page_furniture.tsv`, longest first, each
/// followed by a colon.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let lex = &*FURNITURE_LEXICON;
    let mut words: Vec<&String> = [Kind::Source, Kind::Credit, Kind::Date]
        .iter()
        .flat_map(|k| lex.phrases(*k))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    let alts: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    re(&format!(
        r"(?i)(?:^|[\s|/•·,(（])({})\s*[:：]",
        alts.join("|")
    ))
});
static POSTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(posted( on| by)?|published( on)?|updated( on)?|modified|created|changed|edited|опубликовано|обновлено|изменено|发布于|发表于)(?:[^\w]|$)",
    )
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:By|BY)\s+([A-Z][\p{L}'.-]+(?:\s+[A-Z][\p{L}'.-]+){0,3}(?:\s*(?:,|and)\s*[A-Z][\p{L}'.-]+(?:\s+[A-Z][\p{L}'.-]+){0,3})*)\s*$",
    )
});
static TIME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?-u:\b)"));
static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:https?://)?(?:www\.)?([\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:ru|com|cn|net|org|info|news|su|рф|io|tv|fm|media|press|online|biz|de|uk|kz|by|mn|hk|tw))/?$",
    )
});
static OFFICE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(consul|general|governor|ambassador|minister|secretary|director|chairman|chairwoman|president|head|mayor|deputy|editor|correspondent|reporter|professor|chief|member|of|in|at|the)(?-u:\b)",
    )
});

static NAV_SEP: LazyLock<Regex> = LazyLock::new(|| re(r"\s*(?:>>|[>»›|]|\s/\s)\s*"));
static BRACKET_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)[\[【]\s*(photo|picture|pic|image|фото|图|圖|摄影|攝影)[^\]】]{0,80}[\]】]$")
});
static HAN_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\s\p{Han}{2,4}\s*(摄|攝)$|(图片|圖片)由.{1,30}提供$|(图片来源|圖片來源)\s*[:：].{1,100}$)",
    )
});
static FOOTER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(all rights reserved|все права защищены|版权所有|版權所有|copyright|(?-u:\b)(19|20)\d{2}(?-u:\b))",
    )
});
static CAPS_CREDIT: LazyLock<Regex> = LazyLock::new(|| re(r"\([A-Z][A-Z .'-]{3,40}\)$"));
static CAPS_LEAD: LazyLock<Regex> = LazyLock::new(|| re(r"^[A-Z][A-Z' -]{2,40}:\s"));
static POSITION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\((left|right|center|centre|front|middle|[1-9](st|nd|rd|th) [lr])\)")
});
static NUMBERED_PHOTO: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(^|\s)(фото|photo|图|圖)\s*(№|#|no\.?)\s*\d+$"));
static SHORT_COUNT: LazyLock<Regex> = LazyLock::new(|| re(r"^\d+(?:[.,]\d+)?\s*[kKmMкКмМ万萬]$"));
static LINK_LIST: LazyLock<Regex> = LazyLock::new(|| re(r"\s[•|·]\s"));
static BARE_BY: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:By|BY)\s"));

/// Navigation: two or more short capitalised segments joined by menu
/// separators ("News / Politics", "人民網>>新疆頻道").
pub fn nav_segments(line: &str) -> bool {
    if line.chars().count() > 150 {
        return false;
    }
    let segs: Vec<&str> = NAV_SEP
        .split(line)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    segs.len() >= 2
        && NAV_SEP.find_iter(line).count() >= 1
        && segs.iter().all(|s| {
            s.chars().count() <= 40
                && s.split_whitespace().count() <= 6
                && !s.chars().any(|c| c.is_ascii_digit())
                && !s.ends_with(['.', '。', '!', '?', '！', '？', ','])
                && s.chars().next().is_some_and(|c| {
                    c.is_uppercase() || is_han(c) || !amur_record::chars::is_alphabetic(c)
                })
        })
}

/// A line of link titles joined by bullets or bars: three separators or
/// more, short items, and no closing full stop.
fn link_list(line: &str, len: usize) -> bool {
    let seps = LINK_LIST.find_iter(line).count();
    seps >= 3
        && len <= 600
        && len / (seps + 1) <= 70
        && !line.ends_with(['.', '。', '!', '！', '?', '？'])
}

/// A caption identified by its credit or layout rather than a label.
fn caption_shape(line: &str, len: usize) -> bool {
    if len <= 400 && BRACKET_CREDIT.is_match(line) {
        return true;
    }
    if len <= 300 && CAPS_CREDIT.is_match(line) {
        let bare = line.starts_with('(') && len <= 45;
        if bare || CAPS_LEAD.is_match(line) || POSITION.is_match(line) {
            return true;
        }
    }
    len <= 160 && (HAN_CAPTION.is_match(line) || NUMBERED_PHOTO.is_match(line))
}

/// Whether a line opens with a phrase of `kind`.
fn starts_with_phrase(kind: Kind, line: &str) -> bool {
    let lower = line.to_lower();
    FURNITURE_LEXICON
        .phrases(kind)
        .iter()
        .any(|p| lower.starts_with(p.as_str()))
}

/// A breadcrumb: a "you are here" phrase, then a separator or a path with
/// no sentence punctuation.
fn crumb_line(line: &str) -> bool {
    let lower = line.to_lower();
    FURNITURE_LEXICON.phrases(Kind::Crumb).iter().any(|p| {
        lower.strip_prefix(p.as_str()).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with([':', '：', '>', '»', '/', '|', '›', '→'])
                || !rest.contains([',', '，', '。', '.'])
        })
    })
}

/// A short line opening with a "follow us" phrase.
fn follow_line(line: &str) -> bool {
    let han = line.chars().next().is_some_and(is_han);
    let limit = if han { 8 } else { 40 };
    line.chars().count() <= limit
        && !line.ends_with(['.', '。'])
        && starts_with_phrase(Kind::Follow, line)
}

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
    let lex = &*FURNITURE_LEXICON;
    if len <= 60 {
        if lex.whole_line(Kind::Block, line) {
            return LineClass::ReadAlso { inline: false };
        }
        if lex.whole_line(Kind::Widget, line) {
            return LineClass::Clutter("widget");
        }
        if lex.whole_line(Kind::End, line) {
            return LineClass::Clutter("end mark");
        }
        if starts_with_phrase(Kind::Banner, line) {
            return LineClass::Clutter("banner");
        }
        if follow_line(line) {
            return LineClass::Clutter("follow");
        }
        if SHORT_COUNT.is_match(line) {
            return LineClass::Clutter("counter");
        }
        if BARE_BY.is_match(line) && BYLINE.captures(line).is_none() && !line.ends_with('.') {
            return LineClass::Clutter("byline");
        }
    }
    let lower = line.to_lower();
    if lex
        .phrases(Kind::Teaser)
        .iter()
        .any(|t| lower.ends_with(t.as_str()))
    {
        return LineClass::ReadAlso { inline: false };
    }
    if link_list(line, len) {
        return LineClass::Clutter("navigation");
    }
    // A line opening with © is a picture credit; a footer's © is caught below.
    if len <= 150 && crumb_line(line) {
        return LineClass::Clutter("navigation");
    }
    if caption_shape(line, len)
        || (line.starts_with('©') && len <= 300 && !FOOTER_WORDS.is_match(line))
    {
        return LineClass::Clutter("caption");
    }
    if nav_segments(line) {
        return LineClass::Clutter("navigation");
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
    if len <= 100 && is_word_match(&CAPTION_TAIL, line) && !ends_like_sentence(line) {
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
    line.chars()
        .filter(|c| amur_record::chars::is_alphabetic(*c))
        .count()
        > 60
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
            Some((all.start(), all.end(), l.as_str().to_lower()))
        })
        .collect();
    let dates = find_dates(line);
    let dated = dates
        .iter()
        .find(|d| d.date.year.is_some() && d.date.month.is_some());
    let prefix_end = labels.first().map(|l| l.0).unwrap_or(line.len());
    let prefix = &line[..prefix_end];
    // A label line starts with a label, or with a dateline that labels follow.
    // "(Xinhua) Updated: …": an agency credit may precede the first label.
    let lead_agency = labels
        .first()
        .and_then(|l| paren_agency(line[..l.0].trim()));
    let starts_with_label = labels
        .first()
        .is_some_and(|l| line[..l.0].trim().is_empty())
        || lead_agency.is_some();
    let mut meta = MetaLine {
        outlet: lead_agency,
        ..Default::default()
    };
    let prefix_rest = residue(prefix, &dates);
    // "… Xinhua, June 03, 2018 …": a known agency right before the date.
    let agency_dated = dated
        .filter(|_| len <= 80)
        .and_then(|d| agency_before(&line[..d.start]));
    let prefix_is_dateline = dated.is_some_and(|d| d.start < prefix_end)
        && (short_residue(&prefix_rest) || agency_dated.is_some());
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
        meta.outlet = agency_dated.or_else(|| outlet_token(before.trim()));
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
        let lex = &*FURNITURE_LEXICON;
        if lex.phrases(Kind::Source).contains(label) {
            // Chinese outlet names hold no spaces: what follows a space is
            // another widget ("来源：某某网 参与互动").
            let v = if value_clean.chars().next().is_some_and(is_han) {
                value_clean.split_whitespace().next().unwrap_or("")
            } else {
                value_clean
            };
            if !v.is_empty() && meta.outlet.is_none() && v.split_whitespace().count() <= 6 {
                meta.outlet = Some(v.trim_end_matches(['.', '。']).to_string());
            }
        } else if lex.phrases(Kind::Credit).contains(label) {
            meta.authors.extend(split_names(value_clean));
        } else if meta.date.is_none() {
            meta.date = dates
                .iter()
                .find(|d| d.start >= *end && d.date.year.is_some())
                .map(|d| d.date);
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
    // Chinese runs words together: count its characters, not its words.
    r.split_whitespace().count() <= 3
        && r.chars().count() <= 40
        && r.chars().filter(|c| is_han(*c)).count() <= 12
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

/// A publication name standing alone before a date: a domain, a known
/// outlet, a Chinese name ending in an outlet word (网, 报, 社, 台), or one or
/// two capitalised words not followed by a comma (that is a weekday).
fn outlet_token(before: &str) -> Option<String> {
    let comma = before.trim_end().ends_with([',', '，']);
    let s = before.trim_matches(|c: char| !amur_record::chars::is_alphanumeric(c) && c != '.');
    if s.is_empty() || s.chars().count() > 40 || !s.chars().any(amur_record::chars::is_alphabetic) {
        return None;
    }
    if DOMAIN.is_match(s) || OUTLET_TABLE.agencies.iter().any(|a| a == s) {
        return Some(s.to_string());
    }
    if s.chars().all(is_han) {
        let n = s.chars().count();
        let outlet_word = s.ends_with(['网', '網', '报', '報', '社', '台']);
        return ((3..=10).contains(&n) && outlet_word).then(|| s.to_string());
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let capitalised = words.iter().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            || w.chars().all(|c| !amur_record::chars::is_alphabetic(c))
    });
    (words.len() <= 2 && capitalised && !comma && !POSTED.is_match(s)).then(|| s.to_string())
}

/// A known agency ending the text before a date ("… Xinhua, ").
fn agency_before(before: &str) -> Option<String> {
    let b = before
        .trim_end()
        .trim_end_matches([',', '，', '|', '/'])
        .trim_end();
    OUTLET_TABLE
        .agencies
        .iter()
        .find(|a| {
            b.ends_with(a.as_str())
                && b[..b.len() - a.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !amur_record::chars::is_alphanumeric(c))
        })
        .cloned()
}

/// An agency credit in brackets: "(Xinhua)", "（中新社）".
pub fn paren_agency(s: &str) -> Option<String> {
    let inner = s
        .strip_prefix(['(', '（'])?
        .strip_suffix([')', '）'])?
        .trim();
    let known = OUTLET_TABLE.agencies.iter().any(|a| a == inner);
    let words: Vec<&str> = inner.split_whitespace().collect();
    let shaped = (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    (known || shaped).then(|| inner.to_string())
}

/// Whether a byline also states an office ("Consul General of … in …").
pub fn states_office(line: &str) -> bool {
    static OFFICE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)(consul|governor|ambassador|minister|secretary|chairman|president|mayor|envoy|консул|губернатор|посол|министр|мэр|председатель|总领事|大使|省长|州长|书记)",
        )
    });
    line.chars().count() > 40 && is_word_match(&OFFICE, line)
}

/// Splits a byline value into person names and strips offices around them:
/// "Consul General of China in Khabarovsk Jiang Xiaoyang." → ["Jiang Xiaoyang"].
pub fn split_names(value: &str) -> Vec<String> {
    static SEP: LazyLock<Regex> =
        LazyLock::new(|| re(r"\s*(?:[,;、，；/]|(?-u:\b)and(?-u:\b)|(?:^|\s)и(?:\s|$)|和|及)\s*"));
    let value = value.trim().trim_end_matches(['.', '。']).trim();
    if value.is_empty() {
        return Vec::new();
    }
    SEP.split(value)
        .filter_map(|part| clean_name(part.trim()))
        .collect()
}

fn clean_name(part: &str) -> Option<String> {
    let part = part.trim_matches(|c: char| !amur_record::chars::is_alphanumeric(c));
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

pub use amur_dates::words::is_han;

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

    #[test]
    fn furniture_from_the_lexicon() {
        for l in [
            "Adjust font size:",
            "Subscribe Now >>",
            "搜 索",
            "小字號",
            "關注",
            "关注某某网",
            "Follow us on Telegram",
            "Welcome to the Harbin Daily website",
            "歡迎訪問黑河新聞網",
            "Enditem",
            "（完）",
            "8.03K",
            "By 0 and 0",
        ] {
            assert!(clutter(l), "{l}");
        }
        assert_eq!(
            classify("新聞時間線"),
            LineClass::ReadAlso { inline: false }
        );
        assert!(matches!(
            classify("© 2024 Harbin Daily"),
            LineClass::Clutter("footer")
        ));
        assert_eq!(
            classify("Editor's Picks"),
            LineClass::ReadAlso { inline: false }
        );
        assert_eq!(
            classify("Ports in the south handle more grain than before.【detailed】"),
            LineClass::ReadAlso { inline: false }
        );
        // Body sentences that open with the same words survive.
        for l in [
            "关注中俄地方合作的企业越来越多，双方贸易额持续增长。",
            "Welcome to the new era of cooperation, the governor told the forum on Monday.",
            "By 2030 the two regions plan to double their trade turnover, officials said.",
            "Editor's picks of the year included a report on the new bridge over the Amur.",
        ] {
            assert_eq!(classify(l), LineClass::Body, "{l}");
        }
    }

    #[test]
    fn navigation_and_link_lists() {
        for l in [
            "News / Economy",
            "Новости / Регионы",
            "新闻频道>>国际新闻",
            "Home » World » Asia",
            "Bridge opens • Port grows • Fair ends • Train resumes",
            "您當前的位置：首頁 新聞 國際",
            "当前位置: 首页>> 工作动态",
            "Вы находитесь: Главная Новости",
        ] {
            assert!(clutter(l), "{l}");
        }
        let long = "The fair showed timber | grain | seafood | machinery from both sides of the border, and the organisers said that more than two hundred companies from Russia and China took part in the three days of talks, tastings and contract signings.";
        assert_eq!(classify(long), LineClass::Body);
        for l in [
            "Harbin / Heihe trade rose 12% in May.",
            "Exports/imports grew in the first quarter of 2024, the customs office said.",
            "The route Harbin – Vladivostok opened in 2023.",
            "当前位置优越的口岸吸引了大量企业入驻，贸易额不断增长，成为两国合作的重要窗口。这一趋势预计将在未来几年持续下去，双方都对此表示欢迎，并计划进一步扩大合作范围和领域，推动更多项目落地实施，惠及两国人民和企业，促进区域经济的发展和繁荣。",
        ] {
            assert_eq!(classify(l), LineClass::Body, "{l}");
        }
    }

    #[test]
    fn captions_by_credit_and_layout() {
        for l in [
            "Delegates at the opening ceremony in Harbin, May 3 [Photo by Li Ming/example.com.cn]",
            "The governor (left) talks with the visitors in Heihe (WANG LEI)",
            "BRIDGE OPENS: Trucks cross the new bridge over the Amur (ZHANG WEI)",
            "(ZHANG WEI)",
            "口岸通关现场 李明 摄",
            "口岸全景。圖片由黑河市政府提供",
            "Делегация на открытии выставки Фото №2",
            "Exhibition hall in Harbin. Picture: Organisers",
            "圖片來源: Press Service",
            "大桥横跨两岸图片来源：某某通讯社/Press Service",
            "© Press service of the governor / Photo bank. The bridge over the Amur.",
        ] {
            assert!(clutter(l), "{l}");
        }
        for l in [
            "The governor (left the meeting early) said trade would grow by 10 percent this year.",
            "记者在口岸看到，货车正在有序通关。",
            "图片来源是当地政府提供的资料，记者核实了数据。",
            "The picture is clear: trade between the two provinces keeps growing this year.",
        ] {
            assert_eq!(classify(l), LineClass::Body, "{l}");
        }
    }

    #[test]
    fn credits_in_both_chinese_scripts() {
        assert_eq!(meta_line("責任編輯：王小明").unwrap().authors, ["王小明"]);
        assert_eq!(meta_line("二审：李华").unwrap().authors, ["李华"]);
        assert_eq!(
            meta_line("2022年09月22日14:55 | 來源：某某日報")
                .unwrap()
                .outlet
                .as_deref(),
            Some("某某日報")
        );
        assert_eq!(
            meta_line("稿件来源：某某网 参与互动")
                .unwrap()
                .outlet
                .as_deref(),
            Some("某某网")
        );
        assert_eq!(
            meta_line("轉自：某某網").unwrap().outlet.as_deref(),
            Some("某某網")
        );
        // A sentence mentioning an editor or a source is not a credit line.
        assert_eq!(
            classify(
                "The editor of the local paper said the source of growth was cross-border trade."
            ),
            LineClass::Body
        );
        assert_eq!(
            classify("编辑部收到了许多读者来信，询问口岸开放时间。"),
            LineClass::Body
        );
    }

    #[test]
    fn datelines_with_agencies() {
        let m = meta_line("(Xinhua) Updated: 2023-05-04 10:12").unwrap();
        assert_eq!(m.outlet.as_deref(), Some("Xinhua"));
        assert_eq!(m.date, Some(PartialDate::ymd(2023, 5, 4)));
        let m = meta_line("Print E-mail Xinhua, June 03, 2018 Adjust font size:").unwrap();
        assert_eq!(m.outlet.as_deref(), Some("Xinhua"));
        assert_eq!(m.date, Some(PartialDate::ymd(2018, 6, 3)));
        let m = meta_line("某某网 2024-04-01 14:10:14").unwrap();
        assert_eq!(m.outlet.as_deref(), Some("某某网"));
        // A weekday or a label word before the date is not an outlet.
        assert_eq!(meta_line("Friday, Mar 01 2024").unwrap().outlet, None);
        assert_eq!(
            meta_line("Modified 31 августа 2022, 05:09").unwrap().outlet,
            None
        );
        assert_eq!(meta_line("11:36, 25 мая 2023").unwrap().outlet, None);
        // A body sentence naming an agency before a date is not a dateline.
        assert_eq!(
            classify("The agreement was first reported by Xinhua, May 3, 2019, and confirmed by officials of both provinces."),
            LineClass::Body
        );
        // A Chinese headline holding a date is not a dateline.
        assert!(meta_line("黑龙江省代表团将于2026年9月访问哈巴罗夫斯克边疆区").is_none());
    }
}
