//! Dates as news articles write them, in English, Russian and Chinese (and the
//! month names of a few other European languages for web-page metadata).
//!
//! Place in the pipeline: used by `clean` (publication dates) and by
//! `recognise` (event and figure dates). No crate parses Russian and Chinese
//! news dates well, so the rules live here, on top of `chrono`.
//!
//! A [`PartialDate`] keeps only what the text states: a date without a year
//! stays without one rather than being guessed.
//!
//! ```
//! use amur_dates::{find_dates, PartialDate};
//! let found = find_dates("Встреча прошла 12 января 2023 года в Харбине.");
//! assert_eq!(found[0].date, PartialDate::ymd(2023, 1, 12));
//! assert_eq!(found[0].date.iso().as_deref(), Some("2023-01-12"));
//! ```
#![warn(missing_docs)]

mod months;
mod patterns;
mod relative;
pub mod words;

pub use months::month_from_word;
pub use patterns::{find_dates, parse_date, FoundDate};
pub use relative::{date_expressions, DateExpr};

use chrono::{Datelike, NaiveDate};

/// A calendar date with possibly unknown parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct PartialDate {
    /// Year, when stated.
    pub year: Option<i32>,
    /// Month 1–12, when stated.
    pub month: Option<u32>,
    /// Day of month, when stated.
    pub day: Option<u32>,
}

impl PartialDate {
    /// A full date.
    pub fn ymd(year: i32, month: u32, day: u32) -> Self {
        PartialDate {
            year: Some(year),
            month: Some(month),
            day: Some(day),
        }
    }

    /// A year and month.
    pub fn ym(year: i32, month: u32) -> Self {
        PartialDate {
            year: Some(year),
            month: Some(month),
            day: None,
        }
    }

    /// A year.
    pub fn y(year: i32) -> Self {
        PartialDate {
            year: Some(year),
            month: None,
            day: None,
        }
    }

    /// From a chrono date.
    pub fn from_naive(d: NaiveDate) -> Self {
        PartialDate::ymd(d.year(), d.month(), d.day())
    }

    /// The chrono date, when the date is complete and valid.
    pub fn to_naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)
    }

    /// Whether the parts form a valid (possibly partial) date.
    pub fn is_valid(&self) -> bool {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d).is_some(),
            (_, Some(m), Some(d)) => NaiveDate::from_ymd_opt(2000, m, d).is_some(),
            (_, Some(m), None) => (1..=12).contains(&m),
            (_, None, Some(_)) => false,
            (_, None, None) => true,
        }
    }

    /// ISO form of what is known: `2023-10-20`, `2023-10` or `2023`; `None`
    /// when the year is unknown.
    pub fn iso(&self) -> Option<String> {
        let y = self.year?;
        Some(match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{y:04}-{m:02}"),
            _ => format!("{y:04}"),
        })
    }

    /// Fills a missing year from a reference date: the year that puts the
    /// date nearest to `reference` when `nearest`, else the reference's year.
    pub fn with_year_from(&self, reference: NaiveDate) -> PartialDate {
        if self.year.is_some() {
            return *self;
        }
        let mut d = *self;
        d.year = Some(reference.year());
        d
    }
}

/// Expands a two-digit year: 00–69 → 2000s, 70–99 → 1900s.
pub fn expand_year(y: i32) -> i32 {
    match y {
        0..=69 => 2000 + y,
        70..=99 => 1900 + y,
        _ => y,
    }
}
