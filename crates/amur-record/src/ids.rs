//! Identifiers: document content hashes and entity ids.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

/// Stable id of a document: the first 16 hex digits of the SHA-256 of its text.
pub fn doc_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// Lower-case ASCII slug with hyphens ("Hao Peng" → "hao-peng").
///
/// Non-ASCII letters are dropped, so callers romanise first.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Id of an entity: `type:key`, e.g. `region:RU-PRI`, `person:hao-peng`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(pub String);

impl EntityId {
    /// An id from its prefix and key.
    pub fn new(prefix: &str, key: &str) -> Self {
        EntityId(format!("{prefix}:{key}"))
    }

    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for EntityId {
    fn from(s: &str) -> Self {
        EntityId(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Hao Peng"), "hao-peng");
        assert_eq!(
            slug("  Dalian Port Yidu Co., Ltd. "),
            "dalian-port-yidu-co-ltd"
        );
    }

    #[test]
    fn doc_ids_are_stable() {
        assert_eq!(doc_id("abc"), doc_id("abc"));
        assert_eq!(doc_id("abc").len(), 16);
        assert_ne!(doc_id("abc"), doc_id("abd"));
    }
}
