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

/// The exported tables and the queries that produce them. Every fact row
/// carries its stable id and its evidence sentence.
const TABLES: &[(&str, &str)] = &[
            ("documents", "SELECT doc_id, source, title, published, language, outlet, near_dup_of FROM documents ORDER BY rowid"),
            ("entities", "SELECT id, type, name, code, name_en, name_ru, name_zh, regions FROM entities ORDER BY id"),
            ("mentions", "SELECT doc_id, entity_id, start, end, text, office FROM mentions ORDER BY doc_id, start"),
            (
                "events",
                "SELECT (SELECT 'event:' || s.doc_id || '#' || s.idx FROM event_sources s JOIN documents d ON d.doc_id=s.doc_id WHERE s.event_id=e.event_id ORDER BY d.rowid, s.idx LIMIT 1) AS id,
                 e.event_id, e.type, e.status, e.mode, e.date, e.location, (SELECT group_concat(entity_id, ' ') FROM event_participants p WHERE p.event_id=e.event_id),
                 (SELECT group_concat(doc_id || '#' || idx, ' ') FROM event_sources s WHERE s.event_id=e.event_id) FROM events e ORDER BY e.date_start, e.event_id",
            ),
            ("event_sources", "SELECT event_id, doc_id || '#' || idx AS key, doc_id, start, end, evidence FROM event_sources ORDER BY event_id"),
            ("agreements", "SELECT 'agreement:' || a.doc_id || '#' || a.idx AS id, a.doc_id, a.kind, a.sector, a.date, a.parties, a.start, a.end,
             substr(json_extract(d.record, '$.text'), a.start + 1, a.end - a.start) AS evidence FROM agreements a JOIN documents d ON d.doc_id=a.doc_id ORDER BY d.rowid, a.idx"),
            ("figures", "SELECT 'figure:' || f.doc_id || '#' || f.idx AS id, f.doc_id, f.kind, f.flow, f.value, f.unit, f.change_pct, f.period, f.target, f.reporter, f.partner, f.start, f.end,
             substr(json_extract(d.record, '$.text'), f.start + 1, f.end - f.start) AS evidence FROM figures f JOIN documents d ON d.doc_id=f.doc_id ORDER BY d.rowid, f.idx"),
            ("relations", "SELECT doc_id, type, mode, a, b, start, end FROM relations"),
];

/// Column names of a table's query (the two computed list columns of events named).
fn column_names(name: &str, st: &rusqlite::Statement) -> Vec<String> {
    st.column_names()
        .enumerate()
        .map(|(i, c)| match (name, i) {
            ("events", 7) => "participants".to_string(),
            ("events", 8) => "sources".to_string(),
            _ => c.split('.').next_back().unwrap_or(c).to_string(),
        })
        .collect()
}

/// Columns that hold lists (space-separated in SQL and CSV, lists in Parquet).
#[cfg_attr(not(feature = "parquet"), allow(dead_code))]
fn is_list(table: &str, column: &str) -> bool {
    matches!(
        (table, column),
        ("events", "participants") | ("events", "sources") | ("agreements", "parties")
    )
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
        let tables = TABLES;
        let mut written = Vec::new();
        for (name, sql) in tables {
            let path = dir.join(format!("{name}.csv"));
            let mut f =
                std::io::BufWriter::new(std::fs::File::create(&path).map_err(|e| io(&path, e))?);
            let mut st = self.conn.prepare(sql)?;
            let cols = column_names(name, &st);
            writeln!(f, "{}", cols.join(",")).map_err(|e| io(&path, e))?;
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

    /// Parquet files, one per table, into `dir` (integers as INT64, reals as
    /// DOUBLE, everything else as UTF-8 strings; all columns nullable).
    #[cfg(feature = "parquet")]
    pub fn export_parquet(&self, dir: &Path) -> Result<Vec<String>> {
        use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
        use parquet::file::properties::WriterProperties;
        use parquet::file::writer::SerializedFileWriter;
        use parquet::schema::parser::parse_message_type;
        use rusqlite::types::Value as V;
        use std::sync::Arc;
        let pq = |e: parquet::errors::ParquetError| Error::Export(format!("parquet: {e}"));
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        let mut written = Vec::new();
        for (name, sql) in TABLES {
            let mut st = self.conn.prepare(sql)?;
            let names = column_names(name, &st);
            let cols: Vec<(String, String)> = st
                .columns()
                .zip(names)
                .map(|(c, n)| {
                    let t = if is_list(name, &n) {
                        "LIST".to_string()
                    } else {
                        c.decl_type().unwrap_or("TEXT").to_uppercase()
                    };
                    (n, t)
                })
                .collect();
            let n = cols.len();
            let mut data: Vec<Vec<V>> = vec![Vec::new(); n];
            let mut rows = st.query([])?;
            while let Some(row) = rows.next()? {
                for (i, col) in data.iter_mut().enumerate() {
                    col.push(row.get(i)?);
                }
            }
            let fields: Vec<String> = cols
                .iter()
                .map(|(c, t)| match t.as_str() {
                    "LIST" => format!(
                        "OPTIONAL group {c} (LIST) {{ REPEATED group list {{ OPTIONAL BYTE_ARRAY element (UTF8); }} }}"
                    ),
                    "INTEGER" => format!("OPTIONAL INT64 {c};"),
                    "REAL" => format!("OPTIONAL DOUBLE {c};"),
                    _ => format!("OPTIONAL BYTE_ARRAY {c} (UTF8);"),
                })
                .collect();
            let schema = Arc::new(
                parse_message_type(&format!("message {name} {{ {} }}", fields.join(" ")))
                    .map_err(pq)?,
            );
            let path = dir.join(format!("{name}.parquet"));
            let file = std::fs::File::create(&path).map_err(|e| io(&path, e))?;
            let mut w = SerializedFileWriter::new(
                file,
                schema,
                Arc::new(WriterProperties::builder().build()),
            )
            .map_err(pq)?;
            let mut rg = w.next_row_group().map_err(pq)?;
            let mut i = 0;
            while let Some(mut cw) = rg.next_column().map_err(pq)? {
                let col = &data[i];
                let def: Vec<i16> = col
                    .iter()
                    .map(|v| i16::from(!matches!(v, V::Null)))
                    .collect();
                match cols[i].1.as_str() {
                    "LIST" => {
                        // Levels: 0 null, 1 empty list, 3 an element; repetition 1 continues a list.
                        let (mut vals, mut defs, mut reps) = (Vec::new(), Vec::new(), Vec::new());
                        for v in col {
                            match v {
                                V::Text(s) if !s.trim().is_empty() => {
                                    for (j, item) in s.split_whitespace().enumerate() {
                                        vals.push(ByteArray::from(item.as_bytes().to_vec()));
                                        defs.push(3);
                                        reps.push(i16::from(j > 0));
                                    }
                                }
                                V::Text(_) => {
                                    defs.push(1);
                                    reps.push(0);
                                }
                                _ => {
                                    defs.push(0);
                                    reps.push(0);
                                }
                            }
                        }
                        cw.typed::<ByteArrayType>()
                            .write_batch(&vals, Some(&defs), Some(&reps))
                            .map_err(pq)?;
                    }
                    "INTEGER" => {
                        let vals: Vec<i64> = col
                            .iter()
                            .filter_map(|v| {
                                if let V::Integer(x) = v {
                                    Some(*x)
                                } else {
                                    None
                                }
                            })
                            .collect();
                        cw.typed::<Int64Type>()
                            .write_batch(&vals, Some(&def), None)
                            .map_err(pq)?;
                    }
                    "REAL" => {
                        let vals: Vec<f64> = col
                            .iter()
                            .filter_map(|v| match v {
                                V::Real(x) => Some(*x),
                                V::Integer(x) => Some(*x as f64),
                                _ => None,
                            })
                            .collect();
                        let def: Vec<i16> = col
                            .iter()
                            .map(|v| i16::from(matches!(v, V::Real(_) | V::Integer(_))))
                            .collect();
                        cw.typed::<DoubleType>()
                            .write_batch(&vals, Some(&def), None)
                            .map_err(pq)?;
                    }
                    _ => {
                        let vals: Vec<ByteArray> = col
                            .iter()
                            .filter_map(|v| match v {
                                V::Text(s) => Some(ByteArray::from(s.as_bytes().to_vec())),
                                V::Integer(x) => Some(ByteArray::from(x.to_string().into_bytes())),
                                V::Real(x) => Some(ByteArray::from(x.to_string().into_bytes())),
                                _ => None,
                            })
                            .collect();
                        let def: Vec<i16> = col
                            .iter()
                            .map(|v| {
                                i16::from(matches!(v, V::Text(_) | V::Integer(_) | V::Real(_)))
                            })
                            .collect();
                        cw.typed::<ByteArrayType>()
                            .write_batch(&vals, Some(&def), None)
                            .map_err(pq)?;
                    }
                }
                cw.close().map_err(pq)?;
                i += 1;
            }
            rg.close().map_err(pq)?;
            w.close().map_err(pq)?;
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

#[cfg(all(test, feature = "parquet"))]
mod tests {
    use crate::Store;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;

    #[test]
    fn parquet_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(&dir.path().join("kb")).unwrap();
        store
            .conn
            .execute_batch(
                "INSERT INTO entities(id, type, name, regions) VALUES('region:RU-PRI', 'region', 'Primorsky Krai', 'RU-PRI');
                 INSERT INTO documents(doc_id, source, language, record, ingested_at) VALUES('d1', 'a.txt', 'en', '{\"text\":\"Trade grew. Next one.\"}', '0');
                 INSERT INTO figures(doc_id, kind, flow, value, unit, change_pct, period, target, start, end, idx)
                 VALUES('d1', 'trade', 'turnover', 3.2e9, 'USD', NULL, '2023', 0, 0, 11, 0);
                 INSERT INTO events(event_id, type, status) VALUES(1, 'meeting', 'occurred');
                 INSERT INTO event_sources(event_id, doc_id, start, end, evidence, idx) VALUES(1, 'd1', 0, 11, 'Trade grew.', 0);
                 INSERT INTO event_participants(event_id, entity_id, role) VALUES(1, 'region:RU-PRI', 'party'), (1, 'person:x', 'guest');",
            )
            .unwrap();
        let out = dir.path().join("pq");
        let files = store.export_parquet(&out).unwrap();
        assert_eq!(files.len(), 8);
        let r =
            SerializedFileReader::new(std::fs::File::open(out.join("figures.parquet")).unwrap())
                .unwrap();
        assert_eq!(r.metadata().file_metadata().num_rows(), 1);
        let row = r.get_row_iter(None).unwrap().next().unwrap().unwrap();
        assert_eq!(row.get_string(0).unwrap(), "figure:d1#0");
        assert_eq!(row.get_double(4).unwrap(), 3.2e9);
        assert_eq!(row.get_string(13).unwrap(), "Trade grew.");
        // List columns are Parquet lists, not joined strings.
        let r = SerializedFileReader::new(std::fs::File::open(out.join("events.parquet")).unwrap())
            .unwrap();
        let row = r.get_row_iter(None).unwrap().next().unwrap().unwrap();
        assert_eq!(row.get_string(0).unwrap(), "event:d1#0");
        let parts = row.get_list(7).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(row.get_list(8).unwrap().len(), 1);
        let r =
            SerializedFileReader::new(std::fs::File::open(out.join("entities.parquet")).unwrap())
                .unwrap();
        let row = r.get_row_iter(None).unwrap().next().unwrap().unwrap();
        assert_eq!(row.get_string(2).unwrap(), "Primorsky Krai");
    }
}
