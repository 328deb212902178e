//! Exports: JSON Lines of records, CSV tables (documents, entities, events,
//! event sources, agreements, figures, relations) and a GEXF graph of who
//! took part in events with whom, for pandas, R and Gephi.

use crate::{Error, Result, Store};
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source: e,
    }
}

/// A CSV field, quoted when needed.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl Store {
    /// Every stored record as JSON Lines.
    pub fn export_jsonl(&self, out: &mut dyn Write) -> Result<usize> {
        let recs = self.records_where("1=1")?;
        for r in &recs {
            serde_json::to_writer(&mut *out, r)?;
            out.write_all(b"\n").map_err(|e| io(Path::new("-"), e))?;
        }
        Ok(recs.len())
    }

    /// CSV files, one per table, into `dir`. Returns the files written.
    pub fn export_csv(&self, dir: &Path) -> Result<Vec<String>> {
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        let tables: &[(&str, &str)] = &[
            ("documents", "SELECT doc_id, source, title, published, language, outlet, near_dup_of FROM documents ORDER BY rowid"),
            ("entities", "SELECT id, type, name, code, name_en, name_ru, name_zh, regions FROM entities ORDER BY id"),
            ("mentions", "SELECT doc_id, entity_id, start, end, text, office FROM mentions ORDER BY doc_id, start"),
            (
                "events",
                "SELECT e.event_id, e.type, e.status, e.mode, e.date, e.location, (SELECT group_concat(entity_id, ' ') FROM event_participants p WHERE p.event_id=e.event_id),
                 (SELECT COUNT(*) FROM event_sources s WHERE s.event_id=e.event_id) FROM events e ORDER BY e.date_start, e.event_id",
            ),
            ("event_sources", "SELECT event_id, doc_id, start, end, evidence FROM event_sources ORDER BY event_id"),
            ("agreements", "SELECT doc_id, kind, sector, date, parties, start, end FROM agreements"),
            ("figures", "SELECT doc_id, kind, flow, value, unit, change_pct, period, target, reporter, partner, start, end FROM figures"),
            ("relations", "SELECT doc_id, type, mode, a, b, start, end FROM relations"),
        ];
        let mut written = Vec::new();
        for (name, sql) in tables {
            let path = dir.join(format!("{name}.csv"));
            let mut f =
                std::io::BufWriter::new(std::fs::File::create(&path).map_err(|e| io(&path, e))?);
            let mut st = self.conn.prepare(sql)?;
            let cols: Vec<String> = st
                .column_names()
                .map(|c| c.split('.').next_back().unwrap_or(c).to_string())
                .collect();
            let header: Vec<String> = cols
                .iter()
                .enumerate()
                .map(|(i, c)| match (*name, i) {
                    ("events", 6) => "participants".to_string(),
                    ("events", 7) => "sources".to_string(),
                    _ => c.clone(),
                })
                .collect();
            writeln!(f, "{}", header.join(",")).map_err(|e| io(&path, e))?;
            let n = cols.len();
            let mut rows = st.query([])?;
            while let Some(row) = rows.next()? {
                let mut cells = Vec::with_capacity(n);
                for i in 0..n {
                    let v: rusqlite::types::Value = row.get(i)?;
                    cells.push(match v {
                        rusqlite::types::Value::Null => String::new(),
                        rusqlite::types::Value::Integer(x) => x.to_string(),
                        rusqlite::types::Value::Real(x) => x.to_string(),
                        rusqlite::types::Value::Text(s) => csv_field(&s),
                        rusqlite::types::Value::Blob(_) => String::new(),
                    });
                }
                writeln!(f, "{}", cells.join(",")).map_err(|e| io(&path, e))?;
            }
            f.flush().map_err(|e| io(&path, e))?;
            written.push(path.display().to_string());
        }
        Ok(written)
    }

    /// A GEXF graph: entities as nodes, co-participation in events as weighted edges.
    pub fn export_gexf(&self, out: &mut dyn Write) -> Result<(usize, usize)> {
        let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n<graph defaultedgetype=\"undirected\">\n<attributes class=\"node\"><attribute id=\"0\" title=\"type\" type=\"string\"/></attributes>\n<nodes>\n");
        let mut st = self
            .conn
            .prepare("SELECT id, name, type FROM entities ORDER BY id")?;
        let nodes: Vec<(String, String, String)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<std::result::Result<_, _>>()?;
        for (id, name, kind) in &nodes {
            let _ = writeln!(s, "<node id=\"{}\" label=\"{}\"><attvalues><attvalue for=\"0\" value=\"{}\"/></attvalues></node>", xml(id), xml(name), xml(kind));
        }
        s.push_str("</nodes>\n<edges>\n");
        let mut st = self.conn.prepare(
            "SELECT a.entity_id, b.entity_id, COUNT(*) FROM event_participants a JOIN event_participants b ON a.event_id=b.event_id AND a.entity_id<b.entity_id GROUP BY a.entity_id, b.entity_id",
        )?;
        let edges: Vec<(String, String, i64)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<std::result::Result<_, _>>()?;
        for (i, (a, b, w)) in edges.iter().enumerate() {
            let _ = writeln!(
                s,
                "<edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{w}\"/>",
                xml(a),
                xml(b)
            );
        }
        s.push_str("</edges>\n</graph>\n</gexf>\n");
        out.write_all(s.as_bytes())
            .map_err(|e| io(Path::new("-"), e))?;
        Ok((nodes.len(), edges.len()))
    }
}
