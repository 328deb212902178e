//! Character-set detection and decoding: BOM, then the declared charset, then
//! the content (valid UTF-8, UTF-16 without BOM, `chardetng` for legacy
//! encodings such as windows-1251, KOI8-R, GBK/GB18030 and Big5).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

/// Decodes `bytes`. `declared` is a charset label from outside the content
/// (an HTTP header); for HTML the page's own `<meta charset>` is read too.
/// With `lossy`, malformed sequences become U+FFFD instead of an error.
pub fn decode(
    bytes: &[u8],
    declared: Option<&str>,
    html: bool,
    lossy: bool,
) -> Result<(String, &'static Encoding), DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..], lossy);
    }
    let utf8 = utf8_health(bytes);
    if utf8.bad == 0 && utf8.good_multibyte > 0 {
        // Valid non-ASCII UTF-8 is UTF-8 whatever a (often stale) label says.
        return finish(UTF_8, bytes, lossy);
    }
    let label = declared
        .map(str::to_string)
        .or_else(|| if html { meta_charset(bytes) } else { None });
    if let Some(enc) = label
        .as_deref()
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
    {
        let enc = enc.output_encoding();
        if enc != UTF_8 && enc != UTF_16LE && enc != UTF_16BE {
            if let Ok(ok) = finish(enc, bytes, false) {
                return Ok(ok);
            }
        }
    }
    if utf8.bad == 0 {
        return finish(UTF_8, bytes, lossy);
    }
    if crate::sniff::looks_like_utf16(&bytes[..bytes.len().min(8192)]) {
        let le = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count()
            >= bytes.iter().step_by(2).filter(|&&b| b == 0).count();
        return finish(if le { UTF_16LE } else { UTF_16BE }, bytes, lossy);
    }
    // Mostly valid UTF-8 with a few bad bytes is damaged UTF-8, not a legacy page.
    if utf8.good_multibyte >= 8 && utf8.bad * 20 < utf8.good_multibyte {
        if lossy {
            return finish(UTF_8, bytes, true);
        }
        return Err(DecodeError(format!(
            "invalid UTF-8: {} bad byte(s), first at byte {} (use --lossy to replace them)",
            utf8.bad, utf8.first_bad
        )));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    finish(enc, bytes, lossy)
}

fn finish(
    enc: &'static Encoding,
    bytes: &[u8],
    lossy: bool,
) -> Result<(String, &'static Encoding), DecodeError> {
    let (text, malformed) = enc.decode_without_bom_handling(bytes);
    if malformed && !lossy {
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        // A stray bad sequence in a long legacy page is tolerated; a broken file is not.
        if bad * 1000 > text.chars().count().max(1) || enc == UTF_8 {
            return Err(DecodeError(format!(
                "malformed {} ({bad} bad sequence(s); use --lossy to replace them)",
                enc.name()
            )));
        }
    }
    Ok((text.into_owned(), enc))
}

struct Utf8Health {
    good_multibyte: usize,
    bad: usize,
    first_bad: usize,
}

fn utf8_health(bytes: &[u8]) -> Utf8Health {
    let mut h = Utf8Health {
        good_multibyte: 0,
        bad: 0,
        first_bad: 0,
    };
    let mut rest = bytes;
    let mut offset = 0;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                h.good_multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                return h;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // Safe: valid_up_to marks a valid prefix.
                if let Ok(s) = std::str::from_utf8(&rest[..good]) {
                    h.good_multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                }
                if h.bad == 0 {
                    h.first_bad = offset + good;
                }
                h.bad += 1;
                let skip = good + e.error_len().unwrap_or(rest.len() - good);
                offset += skip;
                rest = &rest[skip..];
                if rest.is_empty() {
                    return h;
                }
            }
        }
    }
}

/// The charset an HTML page declares in its first 4 KB (`<meta charset>`,
/// `http-equiv` content type, or the XML declaration).
pub fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: String = head
        .iter()
        .map(|&b| {
            if b.is_ascii() {
                (b as char).to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    for key in ["charset=", "encoding="] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(key) {
            let start = from + at + key.len();
            let rest = lower[start..].trim_start_matches(['"', '\'', ' ']);
            let label: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if !label.is_empty() && Encoding::for_label(label.as_bytes()).is_some() {
                return Some(label);
            }
            from = start;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(name: &str, text: &str) -> Vec<u8> {
        let e = Encoding::for_label(name.as_bytes()).unwrap();
        e.encode(text).0.into_owned()
    }

    const RU: &str = "Губернатор Приморского края провёл переговоры с делегацией провинции Хэйлунцзян во Владивостоке.";
    const ZH: &str = "黑龙江省代表团访问符拉迪沃斯托克，双方就口岸建设和经贸合作进行了会谈。";
    const ZH_TW: &str = "黑龍江省代表團訪問海參崴，雙方就口岸建設和經貿合作進行了會談。";

    #[test]
    fn legacy_cyrillic_by_content() {
        let (t, e) = decode(&enc("windows-1251", RU), None, false, false).unwrap();
        assert_eq!(t, RU);
        assert_eq!(e.name(), "windows-1251");
        let (t, e) = decode(&enc("koi8-r", RU), None, false, false).unwrap();
        assert_eq!(t, RU);
        // chardetng reports KOI8-U, a superset that decodes Russian identically.
        assert!(e.name().starts_with("KOI8"), "{}", e.name());
    }

    #[test]
    fn legacy_chinese_by_content() {
        let (t, _) = decode(&enc("gb18030", ZH), None, false, false).unwrap();
        assert_eq!(t, ZH);
        let (t, e) = decode(&enc("big5", ZH_TW), None, false, false).unwrap();
        assert_eq!(t, ZH_TW);
        assert_eq!(e.name(), "Big5");
    }

    #[test]
    fn declared_charset_wins_over_guessing() {
        let mut page = b"<html><head><meta charset=\"windows-1251\"></head><body>".to_vec();
        page.extend(enc("windows-1251", "Привет"));
        let (t, e) = decode(&page, None, true, false).unwrap();
        assert!(t.contains("Привет"));
        assert_eq!(e.name(), "windows-1251");
    }

    #[test]
    fn boms() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend(RU.as_bytes());
        assert_eq!(decode(&b, None, false, false).unwrap().0, RU);
        let mut b = vec![0xFF, 0xFE];
        b.extend(RU.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&b, None, false, false).unwrap().0, RU);
        let mut b = vec![0xFE, 0xFF];
        b.extend(ZH.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&b, None, false, false).unwrap().0, ZH);
    }

    #[test]
    fn damaged_utf8_is_an_error_unless_lossy() {
        let mut b = RU.as_bytes().to_vec();
        b[10] = 0xFF;
        let err = decode(&b, None, false, false).unwrap_err();
        assert!(err.0.contains("invalid UTF-8"), "{}", err.0);
        let (t, _) = decode(&b, None, false, true).unwrap();
        assert!(t.contains('\u{FFFD}'));
    }
}
