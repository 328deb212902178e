//! Format detection by content first, extension second.

/// What a (decompressed) file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A WARC archive.
    Warc,
    /// JSON Lines of scraped articles (or one JSON object / array of them).
    JsonLines,
    /// One HTML page.
    Html,
    /// One plain-text article.
    Text,
}

/// The extension of `name` without a trailing `.gz`, lower-cased.
pub(crate) fn extension(name: &str) -> String {
    let base = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_ascii_lowercase();
    let base = base.strip_suffix(".gz").unwrap_or(&base);
    match base.rsplit_once('.') {
        Some((_, ext)) => ext.to_string(),
        None => String::new(),
    }
}

/// Whether the bytes start with the gzip magic number.
pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

/// Detects the format from the first bytes and the file name.
pub(crate) fn detect(name: &str, head: &[u8]) -> Format {
    let ext = extension(name);
    let trimmed = skip_bom_and_space(head);
    if trimmed.starts_with(b"WARC/") || ext == "warc" {
        return Format::Warc;
    }
    if matches!(ext.as_str(), "jsonl" | "ndjson" | "json") {
        return Format::JsonLines;
    }
    if matches!(ext.as_str(), "html" | "htm" | "xhtml" | "shtml") {
        return Format::Html;
    }
    if matches!(ext.as_str(), "txt" | "text") {
        return Format::Text;
    }
    if trimmed.first() == Some(&b'{') && looks_like_json_article(trimmed) {
        return Format::JsonLines;
    }
    if looks_like_html(trimmed) {
        return Format::Html;
    }
    Format::Text
}

fn skip_bom_and_space(head: &[u8]) -> &[u8] {
    let mut s = head;
    for bom in [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"] {
        if let Some(rest) = s.strip_prefix(bom) {
            s = rest;
            break;
        }
    }
    let start = s
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(s.len());
    &s[start..]
}

fn looks_like_json_article(s: &[u8]) -> bool {
    let line = s.split(|&b| b == b'\n').next().unwrap_or(s);
    let probe = &line[..line.len().min(4096)];
    let text = String::from_utf8_lossy(probe);
    ["\"text\"", "\"html\"", "\"url\""]
        .iter()
        .any(|k| text.contains(k))
}

fn looks_like_html(s: &[u8]) -> bool {
    let probe = &s[..s.len().min(2048)];
    let lower = String::from_utf8_lossy(probe).to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<?xml")
    {
        return true;
    }
    [
        "<html", "<head", "<body", "<meta ", "<title", "<div", "<p>", "<article",
    ]
    .iter()
    .filter(|t| lower.contains(*t))
    .count()
        >= 2
}

/// Signatures of common binary formats.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x7FELF", "executable"),
    (b"MZ", "executable"),
    (b"RIFF", "RIFF media"),
    (b"BZh", "bzip2 archive"),
    (b"\xFD7zXZ", "xz archive"),
    (b"7z\xBC\xAF", "7z archive"),
    (b"\x28\xB5\x2F\xFD", "zstd archive"),
    (b"SQLite format 3", "SQLite database"),
];

/// `Some(kind)` when the bytes are not text: a known binary signature, NUL
/// bytes outside UTF-16, or mostly control characters.
pub(crate) fn binary_kind(bytes: &[u8]) -> Option<Option<&'static str>> {
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(Some(what));
        }
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return None;
    }
    let probe = &bytes[..bytes.len().min(8192)];
    if probe.is_empty() {
        return None;
    }
    let nul = probe.iter().filter(|&&b| b == 0).count();
    if nul > 0 && !looks_like_utf16(probe) {
        return Some(None);
    }
    let control = probe
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B | 0))
        .count();
    (control * 10 > probe.len()).then_some(None)
}

/// UTF-16 without a BOM: NULs at every other byte.
pub(crate) fn looks_like_utf16(probe: &[u8]) -> bool {
    let n = probe.len() / 2;
    if n < 4 {
        return false;
    }
    let even = probe.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = probe.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    even * 10 > n * 4 || odd * 10 > n * 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content_and_extension() {
        assert_eq!(detect("a.bin", b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(detect("x.html.gz", b"hello"), Format::Html);
        assert_eq!(detect("x", b"  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(
            detect("x", b"{\"url\": \"u\", \"text\": \"t\"}\n"),
            Format::JsonLines
        );
        assert_eq!(detect("x.txt", b"<html>"), Format::Text);
        assert_eq!(detect("seed", b"Title\n2023-10-20\n\nBody."), Format::Text);
        assert_eq!(extension("dir/a.warc.gz"), "warc");
    }

    #[test]
    fn binary_signatures() {
        assert_eq!(binary_kind(b"%PDF-1.4 ..."), Some(Some("PDF")));
        assert_eq!(
            binary_kind(b"\x00\x01\x02\x03\x04binary\x00\x00"),
            Some(None)
        );
        assert_eq!(binary_kind("Привет".as_bytes()), None);
        assert_eq!(binary_kind(b"\xFF\xFEH\x00i\x00"), None);
    }
}
