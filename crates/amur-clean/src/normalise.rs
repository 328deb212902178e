//! Whitespace normalisation: non-breaking and exotic spaces become plain
//! spaces, invisible characters go, lines are trimmed, runs of spaces and of
//! blank lines collapse.

/// Normalises one line: exotic spaces → space, invisible characters removed,
/// runs of spaces collapsed, ends trimmed.
pub fn normalise_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        let c = match c {
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => {
                ' '
            }
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => continue,
            c if c.is_control() => ' ',
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Splits text into normalised lines (CRLF, CR and U+2028/2029 are line breaks).
pub fn lines(text: &str) -> Vec<String> {
    text.split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .map(normalise_line)
        .collect()
}

/// Joins paragraphs (each a list of lines) into the record's text form:
/// lines of a paragraph by `\n`, paragraphs by a blank line.
pub fn join_paragraphs(paragraphs: &[Vec<String>]) -> String {
    paragraphs
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Normalises a block of text: every line normalised, blank runs collapsed.
pub fn normalise_text(text: &str) -> String {
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in lines(text) {
        if line.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
        } else if let Some(p) = paragraphs.last_mut() {
            p.push(line);
        }
    }
    join_paragraphs(&paragraphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_and_blank_lines() {
        assert_eq!(
            normalise_line("  a\u{00A0}\u{00A0}b\u{200B}c\t d  "),
            "a bc d"
        );
        assert_eq!(normalise_text("a\r\n\r\n\r\nb\n c \n\n\n"), "a\n\nb\nc");
    }
}
