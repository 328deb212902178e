//! Inputs: expand paths into files, open them (gzip-aware) and dispatch on format.

use crate::sniff::{self, Format};
use crate::{decode, Error, Limits, PageKind, RawPage, Result};
use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One thing to read: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Input {
    /// How the input is named in records and messages.
    pub fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// Expands paths into inputs: files as given, folders recursively (sorted,
/// hidden entries skipped), `-` as standard input. A path that cannot be
/// listed is returned as an error in place, so the rest still runs.
pub fn expand_inputs(paths: &[PathBuf]) -> Vec<Result<Input>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(Input::Stdin));
        } else if p.is_dir() {
            walk(p, &mut out);
        } else if p.exists() {
            out.push(Ok(Input::File(p.clone())));
        } else {
            out.push(Err(Error::Io {
                path: p.display().to_string(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            }));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<Input>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.push(Err(Error::Io {
                path: dir.display().to_string(),
                source,
            }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(Ok(Input::File(p)));
        }
    }
}

/// Reads one input into pages. The outer error is for the whole file; inner
/// errors are for single records of a container (a bad JSON line, a bad WARC
/// record) and leave the other records readable.
pub fn read_input(input: &Input, limits: &Limits) -> Result<Vec<Result<RawPage>>> {
    let name = input.name();
    match input {
        Input::File(path) => {
            let file = File::open(path).map_err(|source| Error::Io {
                path: name.clone(),
                source,
            })?;
            read_reader(&name, file, limits)
        }
        Input::Stdin => read_reader(&name, std::io::stdin().lock(), limits),
    }
}

/// Reads from any reader; `name` gives the extension hint and the page source.
pub(crate) fn read_reader<R: Read>(
    name: &str,
    reader: R,
    limits: &Limits,
) -> Result<Vec<Result<RawPage>>> {
    let mut buf = BufReader::with_capacity(64 * 1024, reader);
    let head = buf.fill_buf().map_err(|source| io_err(name, source))?;
    if sniff::is_gzip(head) {
        let gz = BufReader::with_capacity(64 * 1024, MultiGzDecoder::new(buf));
        return read_plain(name, gz, limits, true);
    }
    read_plain(name, buf, limits, false)
}

fn io_err(name: &str, source: std::io::Error) -> Error {
    Error::Io {
        path: name.to_string(),
        source,
    }
}

fn read_plain<R: BufRead>(
    name: &str,
    mut r: R,
    limits: &Limits,
    gz: bool,
) -> Result<Vec<Result<RawPage>>> {
    let wrap = |source: std::io::Error| {
        if gz {
            Error::Gzip {
                path: name.to_string(),
                source,
            }
        } else {
            io_err(name, source)
        }
    };
    let head = r.fill_buf().map_err(wrap)?.to_vec();
    match sniff::detect(name, &head) {
        Format::Warc => crate::warc::read(name, r, limits).map_err(|e| match e {
            Error::Io { source, .. } if gz => Error::Gzip {
                path: name.to_string(),
                source,
            },
            other => other,
        }),
        Format::JsonLines => crate::jsonl::read(name, r, limits),
        format => {
            let bytes = read_limited(r, limits.max_page_bytes).map_err(wrap)?;
            let bytes = match bytes {
                Ok(b) => b,
                Err(size) => {
                    return Err(Error::TooLarge {
                        path: name.to_string(),
                        size,
                        limit: limits.max_page_bytes,
                    })
                }
            };
            let kind = if format == Format::Html {
                PageKind::Html
            } else {
                PageKind::Text
            };
            Ok(vec![page_from_bytes(name, &bytes, kind, None, limits)])
        }
    }
}

/// Reads at most `limit` bytes; `Err(n)` when there was more.
pub(crate) fn read_limited<R: Read>(
    r: R,
    limit: usize,
) -> std::io::Result<std::result::Result<Vec<u8>, usize>> {
    let mut bytes = Vec::new();
    r.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Ok(Err(bytes.len()));
    }
    Ok(Ok(bytes))
}

/// Decodes one page's bytes, refusing binary and empty content.
pub(crate) fn page_from_bytes(
    source: &str,
    bytes: &[u8],
    kind: PageKind,
    charset: Option<&str>,
    limits: &Limits,
) -> Result<RawPage> {
    if let Some(what) = sniff::binary_kind(bytes) {
        return Err(Error::Binary {
            path: source.to_string(),
            what,
        });
    }
    let (content, enc) = decode::decode(bytes, charset, kind == PageKind::Html, limits.lossy)
        .map_err(|e| Error::Encoding {
            path: source.to_string(),
            reason: e.0,
        })?;
    if content.trim().is_empty() {
        return Err(Error::Empty {
            path: source.to_string(),
        });
    }
    Ok(RawPage {
        source: source.to_string(),
        kind,
        content,
        encoding: enc.name(),
        declared: Default::default(),
    })
}
