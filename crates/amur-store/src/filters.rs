//! Validation of filter values: every value a caller passes (event types,
//! statuses, dates, ISO codes, languages) is checked here, and a wrong one is
//! an [`Error::Invalid`] naming the accepted values, never an empty answer.

use crate::{Error, Result};
use amur_refdata::RefData;

fn invalid(what: &'static str, value: &str, accepted: String) -> Error {
    Error::Invalid {
        what,
        value: value.to_string(),
        accepted,
    }
}

fn one_of<T: Copy + std::fmt::Display>(
    what: &'static str,
    value: &str,
    all: &[T],
    parse: fn(&str) -> Option<T>,
) -> Result<T> {
    parse(value).ok_or_else(|| {
        let names: Vec<String> = all.iter().map(|x| x.to_string()).collect();
        invalid(what, value, format!("one of {}", names.join(", ")))
    })
}

/// An event type (`visit`, `meeting`, …).
pub fn event_type(v: &str) -> Result<amur_record::EventType> {
    use amur_record::EventType as T;
    one_of("event type", v, T::ALL, T::parse)
}

/// An event status (`occurred`, `planned`).
pub fn status(v: &str) -> Result<amur_record::Status> {
    use amur_record::Status as T;
    one_of("status", v, T::ALL, T::parse)
}

/// An agreement kind (`agreement`, `memorandum`, …).
pub fn agreement_kind(v: &str) -> Result<amur_record::AgreementKind> {
    use amur_record::AgreementKind as T;
    one_of("agreement kind", v, T::ALL, T::parse)
}

/// A figure kind (`trade`, `investment`, …).
pub fn figure_kind(v: &str) -> Result<amur_record::FigureKind> {
    use amur_record::FigureKind as T;
    one_of("figure kind", v, T::ALL, T::parse)
}

/// A trade flow (`turnover`, `export`, `import`).
pub fn flow(v: &str) -> Result<amur_record::Flow> {
    use amur_record::Flow as T;
    one_of("flow", v, T::ALL, T::parse)
}

/// A language code (`en`, `ru`, `zh`).
pub fn language(v: &str) -> Result<String> {
    match v {
        "en" | "ru" | "zh" => Ok(v.to_string()),
        _ => Err(invalid("language", v, "one of en, ru, zh".into())),
    }
}

/// Which end of a day, month or year a date filter means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The first day (`--from`).
    First,
    /// The last day (`--to`).
    Last,
}

/// A date filter: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar day), as
/// the ISO day it starts or ends on.
pub fn date(what: &'static str, v: &str, end: End) -> Result<String> {
    let bad = || invalid(what, v, "a date YYYY-MM-DD (or YYYY-MM, YYYY)".into());
    let parts: Vec<&str> = v.split('-').collect();
    let shape_ok = match parts.as_slice() {
        [y] => y.len() == 4,
        [y, m] => y.len() == 4 && m.len() == 2,
        [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
        _ => false,
    } && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shape_ok {
        return Err(bad());
    }
    let prefix = if parts.len() == 3 {
        format!("{}-{}", parts[0], parts[1])
    } else {
        v.to_string()
    };
    let (first, last) = crate::day_span(&prefix).ok_or_else(bad)?;
    if parts.len() == 3 {
        // The day must exist in that month.
        if v > last.as_str() || v < first.as_str() {
            return Err(bad());
        }
        return Ok(v.to_string());
    }
    Ok(match end {
        End::First => first,
        End::Last => last,
    })
}

/// A first-level region code known to the reference data (`RU-AMU`, `CN-HL`).
pub fn region(v: &str, refdata: &RefData) -> Result<String> {
    let code = v.to_ascii_uppercase();
    let known = refdata
        .entities()
        .iter()
        .any(|e| e.kind == amur_record::EntityType::Region && e.code.as_deref() == Some(&code));
    if known {
        return Ok(code);
    }
    let mut near: Vec<(f64, &str)> = refdata
        .entities()
        .iter()
        .filter(|e| e.kind == amur_record::EntityType::Region)
        .filter_map(|e| e.code.as_deref())
        .map(|c| (strsim::normalized_levenshtein(c, &code), c))
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    let hint = near
        .first()
        .filter(|n| n.0 >= 0.5)
        .map(|n| format!(" (did you mean {}?)", n.1))
        .unwrap_or_default();
    Err(invalid(
        "region code",
        v,
        format!(
            "an ISO 3166-2 code of a Chinese province or Russian region, e.g. CN-HL, RU-AMU{hint}"
        ),
    ))
}

/// A region pair `A:B` (`CN-HL:RU-AMU`).
pub fn pair(v: &str, refdata: &RefData) -> Result<(String, String)> {
    let Some((a, b)) = v.split_once(':') else {
        return Err(invalid(
            "region pair",
            v,
            "two region codes joined by a colon, e.g. CN-HL:RU-AMU".into(),
        ));
    };
    Ok((region(a, refdata)?, region(b, refdata)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonsense_filters_are_refused_with_the_accepted_values() {
        let e = event_type("meetings").unwrap_err().to_string();
        assert!(e.contains("meeting, signing"), "{e}");
        assert!(status("future")
            .unwrap_err()
            .to_string()
            .contains("occurred"));
        assert!(date("--from", "2024/01/01", End::First).is_err());
        assert!(date("--from", "2024-02-30", End::First).is_err());
        assert_eq!(date("--to", "2024-02", End::Last).unwrap(), "2024-02-29");
        assert_eq!(date("--from", "2024", End::First).unwrap(), "2024-01-01");
        let r = RefData::embedded().unwrap();
        assert!(pair("CN-XX:RU-YY", &r).is_err());
        assert_eq!(
            pair("cn-hl:RU-AMU", &r).unwrap(),
            ("CN-HL".into(), "RU-AMU".into())
        );
        assert!(language("de").is_err());
    }
}
