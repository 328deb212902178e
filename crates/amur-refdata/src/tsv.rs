//! The one reader of Amur's data files: `#` comment lines, a header row,
//! tab-separated cells. A row with the wrong number of cells is a
//! `file:line` [`Problem`], never a silent skip.

use crate::{Office, OrgKind, Problem, RefEntity};
use amur_record::{EntityId, EntityType, Names};

/// One data row with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Line in the file.
    pub line: usize,
    cells: Vec<String>,
}

/// A parsed file: its path, column names and rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    file: String,
    columns: Vec<String>,
    rows: Vec<Row>,
}

impl Table {
    /// A table with no columns and no rows.
    pub const fn empty() -> Self {
        Table {
            file: String::new(),
            columns: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// The file's path relative to `data/` (`lexicon/titles.tsv`).
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Column names from the header row.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// Data rows in file order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// A cell by column name; `None` when the column is absent or the cell
    /// is empty or `-` (the files' mark for "no value").
    pub fn get<'a>(&self, row: &'a Row, col: &str) -> Option<&'a str> {
        let i = self.columns.iter().position(|c| c == col)?;
        row.cells
            .get(i)
            .map(String::as_str)
            .filter(|v| !v.is_empty() && *v != "-")
    }

    /// A cell by column name as written (`-` kept); `""` when absent.
    pub fn raw<'a>(&self, row: &'a Row, col: &str) -> &'a str {
        self.columns
            .iter()
            .position(|c| c == col)
            .and_then(|i| row.cells.get(i))
            .map_or("", String::as_str)
    }

    /// A fatal problem at a row of this file.
    pub fn problem(&self, row: &Row, message: String) -> Problem {
        Problem {
            file: self.file.clone(),
            line: row.line,
            message,
            fatal: true,
        }
    }
}

/// Parses one data file; `file` names it in problems.
pub fn parse(file: &str, text: &str, problems: &mut Vec<Problem>) -> Table {
    let mut t = Table {
        file: file.to_string(),
        columns: Vec::new(),
        rows: Vec::new(),
    };
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cells: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
        if t.columns.is_empty() {
            t.columns = cells;
            continue;
        }
        if cells.len() != t.columns.len() {
            problems.push(Problem {
                file: file.to_string(),
                line: n,
                message: format!("{} cells, the header has {}", cells.len(), t.columns.len()),
                fatal: true,
            });
            continue;
        }
        t.rows.push(Row { line: n, cells });
    }
    if t.columns.is_empty() {
        problems.push(Problem {
            file: file.to_string(),
            line: 0,
            message: "no header row".into(),
            fatal: true,
        });
    }
    t
}

fn list(v: Option<&str>) -> Vec<String> {
    v.map(|s| {
        s.split('|')
            .map(str::trim)
            .filter(|x| !x.is_empty() && *x != "-")
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

/// Which file holds which type of entity.
const ENTITY_FILES: &[(&str, EntityType)] = &[
    ("reference/countries.tsv", EntityType::Country),
    ("reference/regions.tsv", EntityType::Region),
    ("reference/macro_regions.tsv", EntityType::MacroRegion),
    ("reference/cities.tsv", EntityType::City),
    ("reference/facilities.tsv", EntityType::Facility),
    ("reference/organizations.tsv", EntityType::Organization),
    ("reference/persons.tsv", EntityType::Person),
];

fn kind_of(file: &str) -> Option<EntityType> {
    ENTITY_FILES
        .iter()
        .find(|(f, _)| *f == file)
        .map(|(_, k)| *k)
}

/// The file an entity type is read from.
pub(crate) fn file_of(kind: EntityType) -> &'static str {
    ENTITY_FILES
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or("reference", |(f, _)| *f)
}

pub(crate) fn entities(t: &Table, problems: &mut Vec<Problem>) -> Vec<RefEntity> {
    let Some(kind) = kind_of(&t.file) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in &t.rows {
        let line = &row.line;
        let Some(id) = t.get(row, "id") else {
            problems.push(Problem {
                file: t.file.clone(),
                line: *line,
                message: "missing id".into(),
                fatal: true,
            });
            continue;
        };
        let prefix = id.split(':').next().unwrap_or("");
        if prefix != kind.as_str() {
            problems.push(Problem {
                file: t.file.clone(),
                line: *line,
                message: format!("id {id} should start with {}:", kind.as_str()),
                fatal: true,
            });
            continue;
        }
        let id_ref = |col: &str| t.get(row, col).map(EntityId::from);
        let (parent, country) = match kind {
            EntityType::Region | EntityType::Person => (id_ref("country"), None),
            EntityType::Organization => (
                id_ref("region").or_else(|| id_ref("country")),
                id_ref("country"),
            ),
            EntityType::City | EntityType::Facility => (id_ref("region"), None),
            _ => (None, None),
        };
        let mut related = Vec::new();
        for col in ["members", "counterpart"] {
            related.extend(list(t.get(row, col)).into_iter().map(EntityId));
        }
        for col in ["capital", "city"] {
            related.extend(id_ref(col));
        }
        let org_kind = match (kind, t.get(row, "kind")) {
            (EntityType::Organization, Some(k)) => {
                let parsed = OrgKind::parse(k);
                if parsed.is_none() {
                    problems.push(t.problem(row, format!("{id}: unknown organisation kind {k:?}")));
                }
                parsed
            }
            _ => None,
        };
        let subtype = t
            .get(row, "kind")
            .or_else(|| t.get(row, "role"))
            .map(str::to_string);
        out.push(RefEntity {
            id: EntityId::from(id),
            kind,
            code: t.get(row, "code").map(str::to_string),
            names: Names {
                en: t.get(row, "name_en").map(str::to_string),
                ru: t.get(row, "name_ru").map(str::to_string),
                zh: t.get(row, "name_zh").map(str::to_string),
            },
            aliases: list(t.get(row, "aliases")),
            parent,
            country,
            subtype,
            org_kind,
            related,
        });
    }
    out
}

fn year_month(s: Option<&str>) -> Option<(i32, Option<u32>)> {
    let s = s?;
    let mut parts = s.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next().and_then(|m| m.parse().ok());
    Some((y, m))
}

pub(crate) fn offices(t: &Table, problems: &mut Vec<Problem>) -> Vec<Office> {
    let mut out = Vec::new();
    for row in &t.rows {
        let line = &row.line;
        let (Some(person), Some(of)) = (t.get(row, "person"), t.get(row, "of")) else {
            problems.push(Problem {
                file: t.file.clone(),
                line: *line,
                message: "office without person or of".into(),
                fatal: true,
            });
            continue;
        };
        out.push(Office {
            person: EntityId::from(person),
            title: Names {
                en: t.get(row, "office_en").map(str::to_string),
                ru: t.get(row, "office_ru").map(str::to_string),
                zh: t.get(row, "office_zh").map(str::to_string),
            },
            of: EntityId::from(of),
            from: year_month(t.get(row, "from")),
            to: year_month(t.get(row, "to")),
        });
    }
    out
}
