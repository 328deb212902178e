//! Reference data: what Amur knows about the domain before reading an article.
//!
//! Place in the pipeline: `data/{reference,lexicon,rules}/*.tsv` → **[`RefData`]** →
//! recognise, resolve, facts.
//!
//! This crate is the only code that reads the data files, all through one
//! reader ([`tsv::parse`]) that reports problems as `file:line`. The files are
//! embedded in the binary ([`RefData::embedded`]) so Amur works on a fresh
//! machine; [`RefData::load`] reads another copy (`--refdata DIR`).
//! [`RefData::check`] validates them: unique ids, ISO code shapes, every city
//! in a known region, every office holder known, aliases owned by one entity,
//! and the kinds and required cells of every lexicon and rules row.
//!
//! ```
//! let data = amur_refdata::RefData::embedded().unwrap();
//! let pri = data.get("region:RU-PRI").unwrap();
//! assert_eq!(pri.names.en.as_deref(), Some("Primorsky Krai"));
//! assert_eq!(pri.code.as_deref(), Some("RU-PRI"));
//! ```
#![warn(missing_docs)]

mod files;
mod kinds;
pub mod tsv;

pub use kinds::{MarkerKind, OrgKind};
pub use tsv::{Row, Table};

use amur_record::{EntityId, EntityType, Names};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

/// Every data file, relative to `data/`, in load order.
pub fn files() -> impl Iterator<Item = &'static str> {
    files::EMBEDDED.iter().map(|(path, _)| *path)
}

/// The embedded text of a data file, by its path under `data/`.
pub fn embedded_text(path: &str) -> Option<&'static str> {
    files::EMBEDDED
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}

/// One known thing: a country, region, macro-region, city, facility,
/// organisation or person.
#[derive(Debug, Clone, PartialEq)]
pub struct RefEntity {
    /// Its id (`region:RU-PRI`).
    pub id: EntityId,
    /// Its type.
    pub kind: EntityType,
    /// ISO code (countries, regions).
    pub code: Option<String>,
    /// Canonical names.
    pub names: Names,
    /// Other surface forms.
    pub aliases: Vec<String>,
    /// Where it belongs: the region of a city, facility or organisation; the
    /// country of a region, organisation or person.
    pub parent: Option<EntityId>,
    /// The country, when `parent` is a region.
    pub country: Option<EntityId>,
    /// Finer kind: region kind, city role, facility kind, organisation kind.
    pub subtype: Option<String>,
    /// The organisation kind, typed (organisations only).
    pub org_kind: Option<OrgKind>,
    /// Related ids: macro-region members, a facility's counterpart and city, a region's capital.
    pub related: Vec<EntityId>,
}

impl RefEntity {
    /// The canonical English name (falls back to Russian, then Chinese, then the id).
    pub fn name(&self) -> &str {
        self.names
            .en
            .as_deref()
            .or(self.names.ru.as_deref())
            .or(self.names.zh.as_deref())
            .unwrap_or(self.id.as_str())
    }

    /// Every surface form: the three names and the aliases.
    pub fn surface_forms(&self) -> impl Iterator<Item = &str> {
        [&self.names.en, &self.names.ru, &self.names.zh]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// A term of office.
#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    /// The office holder.
    pub person: EntityId,
    /// The office in English, Russian and Chinese.
    pub title: Names,
    /// The region, country, city or organisation the office is of.
    pub of: EntityId,
    /// First year (and month) in office.
    pub from: Option<(i32, Option<u32>)>,
    /// Last year (and month) in office; `None` while in office.
    pub to: Option<(i32, Option<u32>)>,
}

impl Office {
    /// Whether the term covers the given year.
    pub fn covers_year(&self, year: i32) -> bool {
        self.from.is_none_or(|(y, _)| y <= year) && self.to.is_none_or(|(y, _)| year <= y)
    }
}

/// A problem found in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file.
    pub file: String,
    /// 1-based line, 0 for the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// Whether it makes the data unusable (vs. a warning).
    pub fatal: bool,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = if self.fatal { "error" } else { "warning" };
        write!(f, "{}:{}: {level}: {}", self.file, self.line, self.message)
    }
}

/// Why reference data could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The folder is neither `data/` nor `data/reference/`.
    #[error("{0}: not a data folder (expected reference/, lexicon/ and rules/ in it)")]
    NotData(String),
    /// The files have fatal problems.
    #[error("invalid reference data:\n{}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
}

/// All reference data, indexed by id.
#[derive(Debug, Clone)]
pub struct RefData {
    entities: Vec<RefEntity>,
    index: HashMap<EntityId, usize>,
    offices: Vec<Office>,
    /// The lexicon and rules files, parsed.
    tables: Vec<Table>,
    problems: Vec<Problem>,
    /// Where the data came from (`embedded` or a folder).
    pub origin: String,
    /// SHA-256 (16 hex digits) of the files' contents, recorded with every ingest.
    pub hash: String,
}

impl RefData {
    /// The data embedded in the binary.
    pub fn embedded() -> Result<Self, Error> {
        Self::from_files(
            files::EMBEDDED
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            "embedded",
        )
    }

    /// Reads every data file from a `data/` folder. The older form, a
    /// `data/reference/` folder, is accepted too: its lexicon and rules are
    /// then read from the folders beside it.
    pub fn load(dir: &Path) -> Result<Self, Error> {
        let (root, reference) = if dir.join("reference").is_dir() {
            (dir, dir.join("reference"))
        } else if dir.join("countries.tsv").is_file() {
            let parent = dir
                .parent()
                .ok_or_else(|| Error::NotData(dir.display().to_string()))?;
            (parent, dir.to_path_buf())
        } else {
            return Err(Error::NotData(dir.display().to_string()));
        };
        let mut files = Vec::new();
        for name in self::files() {
            let path = match name.strip_prefix("reference/") {
                Some(rest) => reference.join(rest),
                None => root.join(name),
            };
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
                path: path.display().to_string(),
                source,
            })?;
            files.push((name.to_string(), text));
        }
        Self::from_files(files, &dir.display().to_string())
    }

    fn from_files(files: Vec<(String, String)>, origin: &str) -> Result<Self, Error> {
        let mut hasher = Sha256::new();
        let mut problems = Vec::new();
        let mut entities = Vec::new();
        let mut offices = Vec::new();
        let mut tables = Vec::new();
        for (name, text) in &files {
            hasher.update(name.as_bytes());
            hasher.update(text.as_bytes());
            let table = tsv::parse(name, text, &mut problems);
            if name == "reference/offices.tsv" {
                offices.extend(tsv::offices(&table, &mut problems));
            } else if name.starts_with("reference/") {
                entities.extend(tsv::entities(&table, &mut problems));
            } else {
                files::check(&table, &mut problems);
                tables.push(table);
            }
        }
        let mut index = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            if index.insert(e.id.clone(), i).is_some() {
                problems.push(Problem {
                    file: "reference".into(),
                    line: 0,
                    message: format!("duplicate id {}", e.id),
                    fatal: true,
                });
            }
        }
        let digest = hasher.finalize();
        let data = RefData {
            entities,
            index,
            offices,
            tables,
            problems,
            origin: origin.to_string(),
            hash: digest[..8].iter().map(|b| format!("{b:02x}")).collect(),
        };
        let fatal: Vec<Problem> = data.check().into_iter().filter(|p| p.fatal).collect();
        if !fatal.is_empty() {
            return Err(Error::Invalid(fatal));
        }
        Ok(data)
    }

    /// A lexicon or rules file by its path under `data/`
    /// (`lexicon/titles.tsv`). Every path of [`files`] outside `reference/`
    /// is present; another path gives an empty table.
    pub fn table(&self, path: &str) -> &Table {
        static EMPTY: Table = Table::empty();
        self.tables
            .iter()
            .find(|t| t.file() == path)
            .unwrap_or(&EMPTY)
    }

    /// The lexicon and rules files, in load order.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&RefEntity> {
        self.index
            .get(&EntityId(id.to_string()))
            .map(|&i| &self.entities[i])
    }

    /// Every entity, in file order.
    pub fn entities(&self) -> &[RefEntity] {
        &self.entities
    }

    /// Every term of office.
    pub fn offices(&self) -> &[Office] {
        &self.offices
    }

    /// Terms of office of one person.
    pub fn offices_of<'a>(&'a self, person: &'a EntityId) -> impl Iterator<Item = &'a Office> + 'a {
        self.offices.iter().filter(move |o| &o.person == person)
    }

    /// The region an entity lies in (itself for a region).
    pub fn region_of(&self, id: &EntityId) -> Option<&EntityId> {
        let e = self.get(id.as_str())?;
        match e.kind {
            EntityType::Region => Some(&e.id),
            _ => e
                .parent
                .as_ref()
                .filter(|p| p.as_str().starts_with("region:")),
        }
    }

    /// The country an entity lies in.
    pub fn country_of(&self, id: &EntityId) -> Option<EntityId> {
        let e = self.get(id.as_str())?;
        if e.kind == EntityType::Country {
            return Some(e.id.clone());
        }
        if let Some(c) = &e.country {
            return Some(c.clone());
        }
        let parent = e.parent.as_ref()?;
        if parent.as_str().starts_with("country:") {
            return Some(parent.clone());
        }
        self.country_of(parent)
    }

    /// Validates the data: every problem, fatal and warning.
    pub fn check(&self) -> Vec<Problem> {
        let mut out = self.problems.clone();
        // Country abbreviations name countries the data knows.
        let abbr = self.table("lexicon/zh_country_abbreviations.tsv");
        for row in abbr.rows() {
            if abbr.get(row, "role") == Some("abbr") {
                let country = abbr.get(row, "country").unwrap_or("-");
                if self.get(country).is_none() {
                    out.push(problem(
                        "lexicon/zh_country_abbreviations.tsv",
                        format!("unknown country {country}"),
                        true,
                    ));
                }
            }
        }
        let mut owner: HashMap<String, &EntityId> = HashMap::new();
        for e in &self.entities {
            let file = tsv::file_of(e.kind);
            if let Some(code) = &e.code {
                let ok = match e.kind {
                    EntityType::Country => {
                        code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase())
                    }
                    EntityType::Region => {
                        let (cc, sub) = code.split_once('-').unwrap_or(("", ""));
                        cc.len() == 2
                            && (1..=3).contains(&sub.len())
                            && sub.chars().all(|c| c.is_ascii_alphanumeric())
                    }
                    _ => true,
                };
                if !ok {
                    out.push(problem(
                        file,
                        format!("{}: malformed ISO code {code}", e.id),
                        true,
                    ));
                }
            }
            for r in e.parent.iter().chain(&e.related).chain(&e.country) {
                if !self.index.contains_key(r) && !r.as_str().ends_with(":-") {
                    // Foreign subdivisions (MN-049) and cities of other countries are allowed to be absent.
                    let foreign = r.as_str().starts_with("region:")
                        && !r.as_str()[7..].starts_with("CN-")
                        && !r.as_str()[7..].starts_with("RU-");
                    if !foreign {
                        out.push(problem(
                            file,
                            format!("{}: unknown reference {r}", e.id),
                            e.kind == EntityType::City,
                        ));
                    }
                }
            }
            if e.kind == EntityType::City && e.parent.is_none() {
                out.push(problem(
                    file,
                    format!("{}: city without a region", e.id),
                    true,
                ));
            }
            for form in e.surface_forms() {
                let key = form.to_lowercase();
                if let Some(prev) = owner.get(&key) {
                    if *prev != &e.id {
                        out.push(problem(
                            file,
                            format!("{}: name {form:?} also belongs to {prev}", e.id),
                            false,
                        ));
                    }
                } else {
                    owner.insert(key, &e.id);
                }
            }
        }
        for o in &self.offices {
            if !self.index.contains_key(&o.person) {
                out.push(problem(
                    "reference/offices.tsv",
                    format!("unknown person {}", o.person),
                    true,
                ));
            }
        }
        out
    }
}

fn problem(file: &str, message: String, fatal: bool) -> Problem {
    Problem {
        file: file.to_string(),
        line: 0,
        message,
        fatal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_is_valid_and_complete() {
        let d = RefData::embedded().unwrap();
        let fatal: Vec<_> = d.check().into_iter().filter(|p| p.fatal).collect();
        assert!(fatal.is_empty(), "{fatal:?}");
        let regions = |cc: &str| {
            d.entities()
                .iter()
                .filter(|e| {
                    e.kind == EntityType::Region
                        && e.code.as_deref().is_some_and(|c| c.starts_with(cc))
                })
                .count()
        };
        assert_eq!(
            regions("CN-"),
            34,
            "every Chinese provincial-level division"
        );
        assert!(regions("RU-") >= 83, "every Russian federal subject");
        for id in [
            "region:CN-HL",
            "region:CN-JL",
            "region:CN-LN",
            "region:CN-NM",
            "region:RU-PRI",
            "region:RU-KHA",
            "region:RU-AMU",
            "region:RU-YEV",
            "region:RU-SA",
            "region:RU-ZAB",
        ] {
            assert!(d.get(id).is_some(), "{id}");
        }
        for id in [
            "city:suifenhe",
            "city:heihe",
            "city:fuyuan",
            "city:tongjiang",
            "city:hunchun",
            "city:dongning",
            "city:manzhouli",
            "city:blagoveshchensk",
            "city:pogranichny",
            "city:grodekovo",
            "city:zabaykalsk",
            "city:kraskino",
            "city:nizhneleninskoye",
        ] {
            assert!(d.get(id).is_some(), "{id}");
        }
    }

    #[test]
    fn every_city_has_a_known_region_and_country() {
        let d = RefData::embedded().unwrap();
        for e in d.entities().iter().filter(|e| e.kind == EntityType::City) {
            assert!(d.country_of(&e.id).is_some(), "{}", e.id);
        }
        assert_eq!(
            d.country_of(&EntityId::from("city:vladivostok")),
            Some(EntityId::from("country:RU"))
        );
        assert_eq!(
            d.region_of(&EntityId::from("city:harbin")),
            Some(&EntityId::from("region:CN-HL"))
        );
    }

    #[test]
    fn office_terms() {
        let d = RefData::embedded().unwrap();
        let k = EntityId::from("person:oleg-kozhemyako");
        assert!(d
            .offices_of(&k)
            .any(|o| o.of.as_str() == "region:RU-PRI" && o.covers_year(2023)));
    }

    #[test]
    fn bad_rows_are_reported_with_lines() {
        let files = vec![(
            "reference/cities.tsv".to_string(),
            "# x\nid\tregion\tname_en\tname_ru\tname_zh\taliases\trole\ncity:a\tregion:RU-PRI\tA\n"
                .to_string(),
        )];
        let err = RefData::from_files(files, "test").unwrap_err();
        assert!(err.to_string().contains("reference/cities.tsv:3:"), "{err}");
    }

    #[test]
    fn lexicon_and_rules_have_no_problems() {
        let d = RefData::embedded().unwrap();
        let found: Vec<_> = d
            .check()
            .into_iter()
            .filter(|p| !p.file.starts_with("reference"))
            .collect();
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(d.tables().len(), files().count() - 8);
        assert!(d.table("rules/markers.tsv").rows().len() > 500);
    }

    #[test]
    fn the_real_data_folder_loads_in_both_forms() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let a = RefData::load(&data).unwrap();
        let b = RefData::load(&data.join("reference")).unwrap();
        let e = RefData::embedded().unwrap();
        assert_eq!(a.hash, e.hash);
        assert_eq!(b.hash, e.hash);
        assert!(RefData::load(&data.join("lexicon")).is_err());
    }

    #[test]
    fn bad_lexicon_rows_are_reported_with_lines() {
        let files = vec![(
            "rules/markers.tsv".to_string(),
            "# x\nkind\tlang\tterm\nplanned\ten\twill\nsoon\ten\tsoon\nplanned\ten\n".to_string(),
        )];
        let err = RefData::from_files(files, "test").unwrap_err().to_string();
        assert!(
            err.contains("rules/markers.tsv:4: error: kind \"soon\""),
            "{err}"
        );
        assert!(err.contains("rules/markers.tsv:5: error: 2 cells"), "{err}");
    }
}
