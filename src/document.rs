//! Documents: reading an article, its metadata and its content hash.
//!
//! Input is UTF-8 plain text or Markdown. A leading byte-order mark is dropped and the
//! rest is stored exactly as read: every span refers to that text. Metadata comes from a
//! sidecar file `NAME.meta.json` beside `NAME.txt` (or `NAME.md`) so that the article file
//! stays byte-identical to its source, and can be overridden on the command line.
//!
//! A stored article is identified by its URL when it has one, else by its file's
//! canonical path relative to the corpus root (the database's directory), never by the
//! path as typed: `/abs/dir/a.txt`, `a.txt` and `./a.txt` are one document.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: the file is empty; give it the article text")]
    Empty { path: PathBuf },
    #[error("{path}: looks like a binary file (NUL byte at byte offset {offset}); give a UTF-8 text or Markdown article")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: not valid UTF-8 (first bad byte sequence at byte offset {offset}); convert it with e.g. `iconv -f LATIN1 -t UTF-8`")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: bad metadata: {reason}")]
    Metadata { path: PathBuf, reason: String },
}

/// Metadata of an article. Every field is optional; `published` anchors relative dates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

impl Metadata {
    /// Fields set in `other` replace those of `self`.
    pub fn overridden_by(mut self, other: &Metadata) -> Metadata {
        macro_rules! take {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = other.$f.clone(); } )* };
        }
        take!(title, outlet, url, language, published, author);
        self
    }
}

/// An article ready for the pipeline.
#[derive(Debug, Clone)]
pub struct Document {
    /// Identifies the document across versions: its URL when known, else its path.
    pub key: String,
    pub path: Option<PathBuf>,
    pub text: String,
    pub meta: Metadata,
    /// Hex SHA-256 of the text, computed on first use (`extract` never needs it).
    hash: OnceLock<String>,
}

impl Document {
    pub fn from_text(key: impl Into<String>, text: String, meta: Metadata) -> Document {
        Document {
            key: key.into(),
            path: None,
            text,
            meta,
            hash: OnceLock::new(),
        }
    }

    /// Hex SHA-256 of the text.
    pub fn hash(&self) -> &str {
        self.hash.get_or_init(|| content_hash(&self.text))
    }

    /// Reads an article file and its sidecar metadata, then applies `overrides`.
    pub fn load(path: &Path, overrides: &Metadata) -> Result<Document, DocumentError> {
        let bytes = fs::read(path).map_err(|source| DocumentError::Read {
            path: path.to_owned(),
            source,
        })?;
        let text = decode(path, bytes)?;
        let meta = read_sidecar(path)?.overridden_by(overrides);
        let key = meta
            .url
            .clone()
            .unwrap_or_else(|| path.to_string_lossy().into_owned());
        let mut doc = Document::from_text(key, text, meta);
        doc.path = Some(path.to_owned());
        Ok(doc)
    }
}

impl Document {
    /// [`Document::load`] for storing: the path is the file's identity under `root`
    /// ([`file_identity`]), and so is the key when no URL is given.
    pub fn load_in(
        path: &Path,
        overrides: &Metadata,
        root: Option<&Path>,
    ) -> Result<Document, DocumentError> {
        let mut doc = Document::load(path, overrides)?;
        let identity = file_identity(path, root)?;
        if doc.meta.url.is_none() {
            doc.key = identity.clone();
        }
        doc.path = Some(PathBuf::from(identity));
        Ok(doc)
    }
}

/// The corpus root of a database file: its directory, canonical.
pub fn corpus_root(db: &Path) -> Option<PathBuf> {
    let dir = match db.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    dir.canonicalize().ok()
}

/// The identity of an article file: its canonical path (symbolic links and `.`/`..`
/// resolved) relative to `root` with `/` separators when it lies under `root`, else the
/// absolute canonical path.
pub fn file_identity(path: &Path, root: Option<&Path>) -> Result<String, DocumentError> {
    let canonical = path.canonicalize().map_err(|source| DocumentError::Read {
        path: path.to_owned(),
        source,
    })?;
    let shown = match root.and_then(|r| canonical.strip_prefix(r).ok()) {
        Some(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        None => canonical.to_string_lossy().into_owned(),
    };
    Ok(shown)
}

/// Where a stored path is now: its identity under `root` when the file exists, `None`
/// when it is gone. Stored paths are relative to `root`, or absolute.
pub fn stored_identity(stored: &str, root: Option<&Path>) -> Option<String> {
    let plain = Path::new(stored)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if let (Some(root), true) = (root, plain) {
        // Already an identity under the root (as claimtrace stores them): whether the
        // file is there is all there is to know, without resolving it again.
        return root.join(stored).is_file().then(|| stored.to_string());
    }
    let path = match root {
        Some(r) if Path::new(stored).is_relative() => r.join(stored),
        _ => PathBuf::from(stored),
    };
    path.is_file()
        .then(|| file_identity(&path, root).ok())
        .flatten()
}

/// Checks and decodes the bytes of an article: UTF-8, not binary, not empty, BOM dropped.
pub fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, DocumentError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(DocumentError::Binary {
            path: path.to_owned(),
            offset,
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| DocumentError::NotUtf8 {
        path: path.to_owned(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.trim().is_empty() {
        return Err(DocumentError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(text)
}

/// The sidecar metadata path of an article: `a/b.txt` → `a/b.meta.json`.
pub fn sidecar_path(path: &Path) -> PathBuf {
    path.with_extension("meta.json")
}

fn read_sidecar(path: &Path) -> Result<Metadata, DocumentError> {
    let meta_path = sidecar_path(path);
    let raw = match fs::read_to_string(&meta_path) {
        Ok(raw) => raw,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Metadata::default()),
        Err(source) => {
            return Err(DocumentError::Read {
                path: meta_path,
                source,
            })
        }
    };
    serde_json::from_str(&raw).map_err(|e| DocumentError::Metadata {
        path: meta_path,
        reason: format!("line {}, column {}: {e}", e.line(), e.column()),
    })
}

/// Is this a file the corpus walker treats as an article?
pub fn is_article(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    (name.ends_with(".txt") || name.ends_with(".md")) && !name.starts_with('.')
}

/// Expands files and directories (recursively, sorted) into article paths.
/// A directory with no articles is an error, so that a typo is not a silent no-op.
pub fn collect_articles(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, DocumentError> {
    let mut out = Vec::new();
    for input in inputs {
        let meta = fs::metadata(input).map_err(|source| DocumentError::Read {
            path: input.clone(),
            source,
        })?;
        if meta.is_dir() {
            let before = out.len();
            walk(input, &mut out)?;
            if out.len() == before {
                return Err(DocumentError::Read {
                    path: input.clone(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "no .txt or .md articles in this directory",
                    ),
                });
            }
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), DocumentError> {
    let read_err = |source| DocumentError::Read {
        path: dir.to_owned(),
        source,
    };
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(read_err)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if is_article(&p) {
            out.push(p);
        }
    }
    Ok(())
}

pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut s = String::with_capacity(64);
    for b in digest {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped_and_hash_is_of_the_text() {
        let t = decode(Path::new("a.txt"), b"\xEF\xBB\xBFBaku".to_vec()).unwrap();
        assert_eq!(t, "Baku");
        assert_eq!(content_hash("Baku").len(), 64);
    }

    #[test]
    fn latin1_is_refused_with_offset() {
        let err = decode(Path::new("a.txt"), b"caf\xe9 au lait".to_vec()).unwrap_err();
        assert!(err.to_string().contains("byte offset 3"), "{err}");
    }

    #[test]
    fn nul_byte_means_binary_and_blank_means_empty() {
        assert!(matches!(
            decode(Path::new("x"), b"ab\0c".to_vec()),
            Err(DocumentError::Binary { offset: 2, .. })
        ));
        assert!(matches!(
            decode(Path::new("x"), b" \n ".to_vec()),
            Err(DocumentError::Empty { .. })
        ));
    }

    #[test]
    fn a_txt_typed_three_ways_is_one_identity() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("news")).unwrap();
        std::fs::write(root.join("news/a.txt"), "Baku").unwrap();
        let ids = [
            root.join("news/a.txt"),
            root.join("news/./a.txt"),
            root.join("news/../news/a.txt"),
        ]
        .map(|p| file_identity(&p, Some(&root)).unwrap());
        assert_eq!(ids, ["news/a.txt", "news/a.txt", "news/a.txt"]);
        let outside = file_identity(&root.join("news/a.txt"), Some(&root.join("news/x")));
        assert_eq!(
            outside.unwrap(),
            root.join("news/a.txt").to_string_lossy().as_ref()
        );
        assert_eq!(
            stored_identity("news/a.txt", Some(&root)).as_deref(),
            Some("news/a.txt")
        );
        assert_eq!(stored_identity("news/gone.txt", Some(&root)), None);
    }

    #[test]
    fn overrides_replace_only_given_fields() {
        let base = Metadata {
            title: Some("T".into()),
            language: Some("en".into()),
            ..Metadata::default()
        };
        let over = Metadata {
            title: Some("New".into()),
            ..Metadata::default()
        };
        let m = base.overridden_by(&over);
        assert_eq!(m.title.as_deref(), Some("New"));
        assert_eq!(m.language.as_deref(), Some("en"));
    }
}
