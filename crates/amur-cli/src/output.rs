//! Query output: aligned tables (display width, so Chinese lines up; long
//! cells end with "…"), CSV with a header, JSON; and evidence marked in bold
//! on a terminal, plain when piped.

use crate::args::TableFormat;
use std::io::{IsTerminal, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Widest table cell, in terminal columns.
const MAX_CELL: usize = 60;

/// A cell cut to `width` columns, ending with "…" when cut.
fn fit(cell: &str, width: usize) -> String {
    if cell.width() <= width {
        return cell.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in cell.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// A CSV field, quoted when needed.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Prints rows as an aligned table, JSON (of `items`) or CSV.
pub fn print_rows<T: serde::Serialize>(
    format: TableFormat,
    header: &[&str],
    rows: &[Vec<String>],
    items: &[T],
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut out, items)?;
            writeln!(out)?;
        }
        TableFormat::Csv => {
            writeln!(out, "{}", header.join(","))?;
            for r in rows {
                let cells: Vec<String> = r.iter().map(|c| csv_field(c)).collect();
                writeln!(out, "{}", cells.join(","))?;
            }
        }
        TableFormat::Table => {
            let widths: Vec<usize> = (0..header.len())
                .map(|i| {
                    rows.iter()
                        .map(|r| r.get(i).map_or(0, |c| c.width()))
                        .chain([header[i].width()])
                        .max()
                        .unwrap_or(0)
                        .min(MAX_CELL)
                })
                .collect();
            let line = |cells: &[String]| -> String {
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| {
                        let t = fit(c, *w);
                        let pad = w.saturating_sub(t.width());
                        format!("{t}{}", " ".repeat(pad))
                    })
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            };
            let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
            writeln!(out, "{}", line(&head))?;
            for r in rows {
                writeln!(out, "{}", line(r))?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// Says on stderr when a limit cut a list.
pub fn truncation_notice(shown: usize, total: usize) {
    if total > shown {
        eprintln!("amur: {shown} of {total} shown; use --limit {total} to see all");
    }
}

/// `text` with `spans` (character offsets) in bold on a terminal, or between
/// `**` when piped, so the evidence stays visible in plain text.
pub fn marked(text: &str, spans: &[(usize, usize)]) -> String {
    let (on, off) = if std::io::stdout().is_terminal() {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    let mut out = String::new();
    let mut opens: Vec<usize> = spans.iter().map(|s| s.0).collect();
    let mut closes: Vec<usize> = spans.iter().map(|s| s.1).collect();
    opens.sort_unstable();
    closes.sort_unstable();
    let mut depth = 0usize;
    let n = text.chars().count();
    for (i, c) in text.chars().chain(std::iter::once('\0')).enumerate() {
        while closes.first() == Some(&i) {
            closes.remove(0);
            depth = depth.saturating_sub(1);
            if depth == 0 {
                out.push_str(off);
                out.push_str(if on.is_empty() { "]]" } else { "" });
            }
        }
        while opens.first() == Some(&i) {
            opens.remove(0);
            if depth == 0 {
                out.push_str(if on.is_empty() { "[[" } else { on });
            }
            depth += 1;
        }
        if i < n {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_end_with_an_ellipsis_and_cjk_counts_double() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("黑河大桥开通", 7), "黑河大…");
        assert_eq!(fit("short", 10), "short");
    }

    #[test]
    fn evidence_is_bracketed_when_piped() {
        // Tests run with stdout captured, not a terminal.
        assert_eq!(marked("ab cd ef", &[(3, 5)]), "ab [[cd]] ef");
    }
}
