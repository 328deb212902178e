//! Language identification with `whatlang`, mapped to ISO 639-1 codes.

use amur_record::Lang;
use whatlang::Lang as W;

/// Characters looked at: whatlang's trigram scoring is linear in them, and a
/// few paragraphs decide the language of a news article.
const SAMPLE: usize = 1000;

/// Detects the language of `text`; `hint` (an HTML `lang` attribute) breaks
/// ties on short or unreliable samples.
pub fn detect(text: &str, hint: Option<&str>) -> Lang {
    let sample = amur_record::chars::head(text, SAMPLE);
    let han = sample
        .chars()
        .filter(|c| crate::boilerplate::is_han(*c))
        .count();
    let letters = sample
        .chars()
        .filter(|c| amur_record::chars::is_alphabetic(*c))
        .count()
        .max(1);
    // Chinese text is recognised by script; whatlang confuses short zh with ja.
    if han * 10 > letters * 3 {
        let kana = sample
            .chars()
            .filter(|c| ('\u{3040}'..='\u{30FF}').contains(c))
            .count();
        return if kana * 20 > han {
            Lang::Other("ja".into())
        } else {
            Lang::Zh
        };
    }
    let hinted = hint.map(Lang::from_code);
    match whatlang::detect(sample) {
        Some(info) if info.is_reliable() || hinted.is_none() => to_lang(info.lang()),
        Some(info) => {
            let guess = to_lang(info.lang());
            match hinted {
                Some(h) if h != Lang::Other("und".into()) => h,
                _ => guess,
            }
        }
        None => hinted.unwrap_or(Lang::Other("und".into())),
    }
}

fn to_lang(l: W) -> Lang {
    match l {
        W::Eng => Lang::En,
        W::Rus => Lang::Ru,
        W::Cmn => Lang::Zh,
        other => Lang::from_code(iso639_1(other)),
    }
}

/// ISO 639-1 code of a whatlang language (`und` when it has none).
fn iso639_1(l: W) -> &'static str {
    match l {
        W::Spa => "es",
        W::Por => "pt",
        W::Ita => "it",
        W::Fra => "fr",
        W::Deu => "de",
        W::Ukr => "uk",
        W::Kat => "ka",
        W::Ara => "ar",
        W::Hin => "hi",
        W::Jpn => "ja",
        W::Heb => "he",
        W::Yid => "yi",
        W::Pol => "pl",
        W::Amh => "am",
        W::Jav => "jv",
        W::Kor => "ko",
        W::Nob => "nb",
        W::Dan => "da",
        W::Swe => "sv",
        W::Fin => "fi",
        W::Tur => "tr",
        W::Nld => "nl",
        W::Hun => "hu",
        W::Ces => "cs",
        W::Ell => "el",
        W::Bul => "bg",
        W::Bel => "be",
        W::Mar => "mr",
        W::Kan => "kn",
        W::Ron => "ro",
        W::Slv => "sl",
        W::Hrv => "hr",
        W::Srp => "sr",
        W::Mkd => "mk",
        W::Lit => "lt",
        W::Lav => "lv",
        W::Est => "et",
        W::Tam => "ta",
        W::Vie => "vi",
        W::Urd => "ur",
        W::Tha => "th",
        W::Guj => "gu",
        W::Uzb => "uz",
        W::Pan => "pa",
        W::Aze => "az",
        W::Ind => "id",
        W::Tel => "te",
        W::Pes => "fa",
        W::Mal => "ml",
        W::Ori => "or",
        W::Mya => "my",
        W::Nep => "ne",
        W::Sin => "si",
        W::Khm => "km",
        W::Tuk => "tk",
        W::Aka => "ak",
        W::Zul => "zu",
        W::Sna => "sn",
        W::Afr => "af",
        W::Lat => "la",
        W::Slk => "sk",
        W::Cat => "ca",
        W::Tgl => "tl",
        W::Hye => "hy",
        W::Ben => "bn",
        W::Eng => "en",
        W::Rus => "ru",
        W::Cmn => "zh",
        W::Epo => "eo",
        W::Cym => "cy",
        #[allow(unreachable_patterns)]
        _ => "und",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_languages() {
        assert_eq!(detect("The governor met the delegation from Heilongjiang province in Vladivostok on Monday.", None), Lang::En);
        assert_eq!(
            detect(
                "Губернатор встретился с делегацией провинции Хэйлунцзян во Владивостоке.",
                None
            ),
            Lang::Ru
        );
        assert_eq!(detect("黑龙江省代表团访问符拉迪沃斯托克。", None), Lang::Zh);
        assert_eq!(
            detect(
                "Der Gouverneur traf sich am Montag mit der Delegation aus der Provinz.",
                None
            ),
            Lang::Other("de".into())
        );
    }
}
