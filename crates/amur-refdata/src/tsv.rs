//! Parsing of the reference TSV files into typed rows.

use crate::{Office, Problem, RefEntity};
use amur_record::{EntityId, EntityType, Names};

/// A parsed file: column names and rows (with their 1-based line numbers).
pub(crate) struct Table {
    file: String,
    columns: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    fn get<'a>(&self, row: &'a [String], col: &str) -> Option<&'a str> {
        let i = self.columns.iter().position(|c| c == col)?;
        row.get(i)
            .map(String::as_str)
            .filter(|v| !v.is_empty() && *v != "-")
    }
}

pub(crate) fn parse(file: &str, text: &str, problems: &mut Vec<Problem>) -> Table {
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
        t.rows.push((n, cells));
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
    ("countries.tsv", EntityType::Country),
    ("regions.tsv", EntityType::Region),
    ("macro_regions.tsv", EntityType::MacroRegion),
    ("cities.tsv", EntityType::City),
    ("facilities.tsv", EntityType::Facility),
    ("organizations.tsv", EntityType::Organization),
    ("persons.tsv", EntityType::Person),
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

pub(crate) fn entities(file: &str, t: &Table, problems: &mut Vec<Problem>) -> Vec<RefEntity> {
    let Some(kind) = kind_of(file) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (line, row) in &t.rows {
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
    for (line, row) in &t.rows {
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
