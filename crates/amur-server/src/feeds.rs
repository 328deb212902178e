//! Atom watchlists: the newest events matching the filters of `/api/events`
//! (type, entity, region, pair, status), and the newest articles matching a
//! search, as feeds readers can subscribe to.
//! The XML is written by hand with every text escaped and characters XML
//! forbids removed, since article text can contain anything.

use crate::api::{EventParams, SearchParams};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use amur_store::query::{EventRow, Hit};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::fmt::Write;
use std::sync::Arc;

/// Entries per feed.
const ENTRIES: usize = 50;
/// Rows looked at to find the newest: the store's timeline is oldest first.
const WINDOW: usize = 2000;

/// Escapes text for XML content and attributes, dropping characters XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 3339 timestamp of an event's first day (None when undated).
fn timestamp(date: Option<&str>) -> Option<String> {
    let (first, _) = amur_store::day_span(date?)?;
    Some(format!("{first}T00:00:00Z"))
}

/// A one-line summary from the structured fields: type, status, who, where.
pub fn summary(e: &EventRow) -> String {
    let mut s = e.kind.replace('_', " ");
    if e.status != "occurred" {
        let _ = write!(s, " ({})", e.status);
    }
    if !e.participants.is_empty() {
        let _ = write!(s, ": {}", e.participants.join(", "));
    }
    if let Some(l) = &e.location {
        let _ = write!(s, " in {l}");
    }
    if let Some(d) = &e.date {
        let _ = write!(s, ", {d}");
    }
    s
}

/// The current time as Atom writes it.
fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A feed's opening: declaration, id (from its path), title, last update,
/// author and self link.
fn feed_head(title: &str, self_path: &str, updated: String) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(
        x,
        "  <id>urn:amur:feed:{}</id>",
        escape(&urn_part(self_path))
    );
    let _ = writeln!(x, "  <title>{}</title>", escape(title));
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    let _ = writeln!(x, "  <author><name>amur</name></author>");
    let _ = writeln!(x, "  <link rel=\"self\" href=\"{}\"/>", escape(self_path));
    x
}

// `write!` into a String cannot fail, so its results are ignored here.
fn feed_xml(title: &str, self_path: &str, rows: &[EventRow]) -> String {
    let now = now();
    let stamps = rows.iter().filter_map(|e| timestamp(e.date.as_deref()));
    let mut x = feed_head(
        title,
        self_path,
        stamps.max().unwrap_or_else(|| now.clone()),
    );
    for e in rows {
        let when = timestamp(e.date.as_deref()).unwrap_or_else(|| now.clone());
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <id>urn:amur:{}</id>", escape(&urn_part(&e.id)));
        let _ = writeln!(x, "    <title>{}</title>", escape(&summary(e)));
        let _ = writeln!(x, "    <updated>{when}</updated>");
        let _ = writeln!(
            x,
            "    <link href=\"/#/show/{}\"/>",
            escape(&percent(&e.id))
        );
        let evidence: Vec<String> = e
            .sources
            .iter()
            .map(|s| format!("{} ({})", s.evidence, s.source))
            .collect();
        let _ = writeln!(
            x,
            "    <summary type=\"text\">{}</summary>",
            escape(&evidence.join("\n"))
        );
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// Percent-encodes everything but unreserved URI characters.
fn percent(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A URN-safe form of an id or path.
fn urn_part(s: &str) -> String {
    percent(s)
}

/// The feed's own path and query, for its id and self link.
fn self_path(uri: &axum::http::Uri) -> String {
    uri.path_and_query()
        .map_or_else(|| uri.path().to_string(), |pq| pq.as_str().to_string())
}

/// An Atom document as a response.
fn atom(xml: String) -> Response {
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response()
}

/// `GET /feeds/events.atom`: the newest events matching the filters.
pub async fn events(
    State(s): State<Arc<AppState>>,
    p: Result<Query<EventParams>, QueryRejection>,
    uri: axum::http::Uri,
) -> ApiResult<Response> {
    let Query(p) = p.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let self_path = self_path(&uri);
    let xml = s
        .read(move |store, st| {
            let mut q = p.to_query(store, st, WINDOW)?;
            let mut list = store.events(&q)?;
            if list.total > WINDOW && q.from.is_none() {
                // Too many to reach the newest: look at the last year only.
                let year_ago = chrono::Utc::now() - chrono::Duration::days(365);
                q.from = Some(year_ago.format("%Y-%m-%d").to_string());
                list = store.events(&q)?;
            }
            let mut rows = list.rows;
            // Newest first; past the window the feed shows the window's end.
            rows.reverse();
            rows.truncate(ENTRIES);
            let mut what = vec!["Amur events".to_string()];
            for (k, v) in [
                ("type", &p.kind),
                ("status", &p.status),
                ("entity", &p.entity),
                ("region", &p.region),
                ("pair", &p.pair),
            ] {
                if let Some(v) = v {
                    what.push(format!("{k} {v}"));
                }
            }
            Ok(feed_xml(&what.join(", "), &self_path, &rows))
        })
        .await?;
    Ok(atom(xml))
}

/// `GET /feeds/search.atom`: the newest articles matching a search (the
/// query and filters of `/api/search`), one entry per article.
pub async fn search(
    State(s): State<Arc<AppState>>,
    p: Result<Query<SearchParams>, QueryRejection>,
    uri: axum::http::Uri,
) -> ApiResult<Response> {
    let Query(p) = p.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let q = p.text()?;
    let self_path = self_path(&uri);
    let xml = s
        .read(move |store, st| {
            let filters = p.filters(store, st)?;
            let hits = store.search_newest(&q, &filters, ENTRIES)?;
            Ok(articles_xml(
                &format!("Amur search: {q}"),
                &self_path,
                &hits,
            ))
        })
        .await?;
    Ok(atom(xml))
}

// `write!` into a String cannot fail, so its results are ignored here.
fn articles_xml(title: &str, self_path: &str, hits: &[Hit]) -> String {
    let now = now();
    let stamp = |h: &Hit| timestamp(h.published.as_deref());
    let updated = hits.iter().filter_map(stamp).max();
    let mut x = feed_head(title, self_path, updated.unwrap_or_else(|| now.clone()));
    for h in hits {
        let when = stamp(h).unwrap_or_else(|| now.clone());
        x.push_str("  <entry>\n");
        let _ = writeln!(
            x,
            "    <id>urn:amur:article:{}</id>",
            escape(&urn_part(&h.doc_id))
        );
        let title = h.title.as_deref().unwrap_or(&h.source);
        let _ = writeln!(x, "    <title>{}</title>", escape(title));
        let _ = writeln!(x, "    <updated>{when}</updated>");
        if let Some(p) = stamp(h) {
            let _ = writeln!(x, "    <published>{p}</published>");
        }
        let _ = writeln!(
            x,
            "    <link href=\"/#/article/{}\"/>",
            escape(&percent(&h.doc_id))
        );
        let _ = writeln!(
            x,
            "    <summary type=\"text\">{} · {}</summary>",
            escape(&h.language),
            escape(&h.source)
        );
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_removes_markup_and_forbidden_characters() {
        assert_eq!(
            escape("<script>a&b\"'\u{1}</script>"),
            "&lt;script&gt;a&amp;b&quot;&apos;&lt;/script&gt;"
        );
    }

    #[test]
    fn timestamps_start_on_the_first_day() {
        assert_eq!(
            timestamp(Some("2024-06")).as_deref(),
            Some("2024-06-01T00:00:00Z")
        );
        assert_eq!(timestamp(None), None);
    }
}
