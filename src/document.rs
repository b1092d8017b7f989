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

use std::collections::HashSet;
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
    #[error("{path}: a JSON file holds records, not an article: give records on standard input (`claimtrace extract --format jsonl < {path}`); to store them, add `--with-text` and pipe into `claimtrace ingest --analysed -`")]
    Records { path: PathBuf },
    #[error("{path}: the metadata of an article, not an article: give the article ({article}), which reads it")]
    Sidecar { path: PathBuf, article: PathBuf },
}

/// Metadata of an article. Every field is optional; `published` anchors relative dates.
/// Read from a JSON object only (see the `Deserialize` impl below).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, remote = "Self")]
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

impl Serialize for Metadata {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Metadata::serialize(self, s)
    }
}

/// Metadata is read from an object only: serde reads a struct from a JSON array too,
/// field by position, and `["A title", "An outlet"]` in a sidecar file, a JSON Lines
/// `meta` or an annotation file would set fields nobody named.
impl<'de> Deserialize<'de> for Metadata {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ObjectOnly;
        impl<'de> serde::de::Visitor<'de> for ObjectOnly {
            type Value = Metadata;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a JSON object such as {\"title\": \"…\", \"published\": \"2025-07-10\"}",
                )
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Metadata, A::Error> {
                Metadata::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(ObjectOnly)
    }
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
    let body = raw.trim_start_matches('\u{feff}');
    let meta: Metadata = serde_json::from_str(body).map_err(|e| DocumentError::Metadata {
        path: meta_path.clone(),
        // serde_json says where: "... at line 1 column 2".
        reason: e.to_string(),
    })?;
    if let Some(date) = meta.published {
        check_published(date).map_err(|reason| DocumentError::Metadata {
            path: meta_path,
            reason: format!("\"published\": {reason}"),
        })?;
    }
    Ok(meta)
}

/// The earliest publication date accepted: the first printed newspapers (1605).
const EARLIEST_PUBLISHED: (i32, u32, u32) = (1600, 1, 1);

/// Checks that a publication date is one a news article can have: from 1600 to a
/// year from now (an embargoed article may carry a date ahead). A placeholder
/// (`0000-01-01`, `9999-12-31`) would otherwise anchor every relative date in the
/// article ("last year") on it.
pub fn check_published(date: NaiveDate) -> Result<NaiveDate, String> {
    let (y, m, d) = EARLIEST_PUBLISHED;
    let earliest = NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    let latest = chrono::Utc::now().date_naive() + chrono::Days::new(366);
    if date < earliest || date > latest {
        return Err(format!(
            "{date} is not a publication date claimtrace accepts (from {earliest} to a year from now)"
        ));
    }
    Ok(date)
}

/// Is this a file the corpus walker treats as an article?
pub fn is_article(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    (name.ends_with(".txt") || name.ends_with(".md")) && !name.starts_with('.')
}

/// Expands files and directories (recursively, sorted) into article paths.
/// A directory with no articles is an error, so that a typo is not a silent no-op.
/// Links to directories inside a directory are followed only with `follow_links`;
/// see [`Walk`] for how loops and repeated files are avoided.
pub fn collect_articles(
    inputs: &[PathBuf],
    follow_links: bool,
) -> Result<Vec<PathBuf>, DocumentError> {
    let mut walk = Walk::new(follow_links);
    let mut out = Vec::new();
    let named: HashSet<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    for input in inputs {
        match named_json(input, &named) {
            Some(Named::Records) => {
                return Err(DocumentError::Records {
                    path: input.clone(),
                })
            }
            Some(Named::Sidecar {
                article,
                named: false,
            }) => {
                return Err(DocumentError::Sidecar {
                    path: input.clone(),
                    article,
                })
            }
            // Read with its article, named beside it (`claimtrace ingest corpus/*`).
            Some(Named::Sidecar { named: true, .. }) => continue,
            None => {}
        }
        if let Reached::Directory { wanted: 0 } =
            walk.input(input, &mut out, &is_article, &|_| true)?
        {
            return Err(DocumentError::Read {
                path: input.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no .txt or .md articles in this directory",
                ),
            });
        }
    }
    Ok(out)
}

/// A JSON file named as an input: records, or an article's sidecar metadata.
enum Named {
    Records,
    /// `NAME.meta.json`: its article (`NAME.txt` or `NAME.md`), and whether that is
    /// named too.
    Sidecar {
        article: PathBuf,
        named: bool,
    },
}

/// What a file named as an input is when its name says JSON (`.json`, `.jsonl`,
/// `.ndjson`, any case): a shell glob over a corpus folder names the sidecars beside
/// the articles, and records are read from standard input, not as one article.
fn named_json(input: &Path, inputs: &HashSet<&Path>) -> Option<Named> {
    let original = input.file_name()?.to_str()?;
    let name = original.to_ascii_lowercase();
    // The name first: only a JSON name costs a look at the file system.
    let json = [".json", ".jsonl", ".ndjson"]
        .iter()
        .any(|ext| name.ends_with(ext));
    if !json || !input.is_file() {
        return None;
    }
    let Some(stem) = name.strip_suffix(".meta.json") else {
        return Some(Named::Records);
    };
    let stem = original.get(..stem.len())?;
    let articles: Vec<PathBuf> = ["txt", "md"]
        .iter()
        .map(|ext| input.with_file_name(format!("{stem}.{ext}")))
        .collect();
    let named = articles.iter().find(|a| inputs.contains(a.as_path()));
    let article = named
        .or_else(|| articles.iter().find(|a| a.is_file()))
        .unwrap_or(&articles[0])
        .clone();
    Some(Named::Sidecar {
        named: named.is_some(),
        article,
    })
}

/// What a walk found at one input path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reached {
    /// A file (taken whatever its name, since it was asked for).
    File,
    /// A directory, with the number of wanted files met in it (each counted even when
    /// an earlier input already yielded it).
    Directory { wanted: usize },
    /// A directory an earlier input already covered.
    Repeated,
}

/// The identity of a file or directory whatever the path that reaches it: device and
/// inode where the platform has them, else the canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[allow(dead_code)]
    Path(PathBuf),
}

impl FileId {
    fn of(path: &Path, meta: &fs::Metadata) -> FileId {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            FileId::Inode(meta.dev(), meta.ino())
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            FileId::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()))
        }
    }
}

/// A walk over files and directories that never loops and never yields one file twice.
///
/// Directories are recorded by device and inode when entered, so a link back to an
/// ancestor (`ln -s . d/self`, or two links to each other) is entered at most once;
/// files are recorded the same way, so a file reached by two paths (a link, `a.txt` and
/// `./a.txt`, a directory and a file inside it both given) is yielded once, under the
/// first path met. Inside a directory, links to directories are skipped unless
/// `follow_links` (as `find` does without `-L`); links to files are followed. A path
/// given on the command line is always followed.
pub struct Walk {
    follow_links: bool,
    dirs: std::collections::HashSet<FileId>,
    files: std::collections::HashSet<FileId>,
}

impl Walk {
    pub fn new(follow_links: bool) -> Walk {
        Walk {
            follow_links,
            dirs: Default::default(),
            files: Default::default(),
        }
    }

    /// Adds the files under `input` (itself when a file) to `out`, in sorted order:
    /// files that `wanted` accepts, in directories `enter` accepts.
    pub fn input(
        &mut self,
        input: &Path,
        out: &mut Vec<PathBuf>,
        wanted: &dyn Fn(&Path) -> bool,
        enter: &dyn Fn(&Path) -> bool,
    ) -> Result<Reached, DocumentError> {
        let read_err = |path: &Path| {
            let path = path.to_owned();
            move |source| DocumentError::Read { path, source }
        };
        let meta = fs::metadata(input).map_err(read_err(input))?;
        if !meta.is_dir() {
            if self.files.insert(FileId::of(input, &meta)) {
                out.push(input.to_owned());
            }
            return Ok(Reached::File);
        }
        if self.dirs.contains(&FileId::of(input, &meta)) {
            return Ok(Reached::Repeated);
        }
        let mut found = 0;
        // Depth first, entries sorted: a stack of paths, each directory's entries
        // pushed in reverse. No recursion, so no depth limit.
        let mut stack = vec![(input.to_owned(), meta)];
        while let Some((path, meta)) = stack.pop() {
            if !meta.is_dir() {
                if wanted(&path) {
                    found += 1;
                    if self.files.insert(FileId::of(&path, &meta)) {
                        out.push(path);
                    }
                }
                continue;
            }
            if !self.dirs.insert(FileId::of(&path, &meta)) {
                continue;
            }
            let mut entries = Vec::new();
            for entry in fs::read_dir(&path).map_err(read_err(&path))? {
                let entry = entry.map_err(read_err(&path))?;
                let p = entry.path();
                let link = entry.file_type().map_err(read_err(&p))?.is_symlink();
                // A broken link, or one to something unreadable, is not an article.
                let Ok(target) = fs::metadata(&p) else {
                    continue;
                };
                if target.is_dir() && ((link && !self.follow_links) || !enter(&p)) {
                    continue;
                }
                entries.push((p, target));
            }
            entries.sort_by(|a, b| b.0.cmp(&a.0));
            stack.extend(entries);
        }
        Ok(Reached::Directory { wanted: found })
    }
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

    /// `d/a.txt`, `d/sub/b.md`, and the links `d/self -> .`, `d/sub/up -> ..`,
    /// `d/alias.txt -> a.txt`.
    #[cfg(unix)]
    fn linked_corpus() -> tempfile::TempDir {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("d");
        fs::create_dir_all(d.join("sub")).unwrap();
        fs::write(d.join("a.txt"), "GDP grew 3% in 2024.").unwrap();
        fs::write(d.join("sub/b.md"), "Sales rose 5% in 2023.").unwrap();
        symlink(".", d.join("self")).unwrap();
        symlink("..", d.join("sub/up")).unwrap();
        symlink("a.txt", d.join("alias.txt")).unwrap();
        dir
    }

    #[cfg(unix)]
    #[test]
    fn ln_s_dot_d_self_yields_each_article_once() {
        let dir = linked_corpus();
        let d = dir.path().join("d");
        for follow in [false, true] {
            let got = collect_articles(std::slice::from_ref(&d), follow).unwrap();
            assert_eq!(got, vec![d.join("a.txt"), d.join("sub/b.md")], "{follow}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn two_directories_linked_to_each_other_end_with_follow_links() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let (x, y) = (dir.path().join("x"), dir.path().join("y"));
        fs::create_dir(&x).unwrap();
        fs::create_dir(&y).unwrap();
        symlink(&y, x.join("to-y")).unwrap();
        symlink(&x, y.join("to-x")).unwrap();
        fs::write(y.join("c.txt"), "Prices fell 2%.").unwrap();
        let got = collect_articles(std::slice::from_ref(&x), true).unwrap();
        assert_eq!(got, vec![x.join("to-y/c.txt")]);
        // Not followed by default: x holds no article of its own.
        assert!(collect_articles(std::slice::from_ref(&x), false).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn the_same_file_given_by_two_paths_is_taken_once() {
        let dir = linked_corpus();
        let d = dir.path().join("d");
        let inputs = [
            d.join("a.txt"),
            d.join("./a.txt"),
            d.join("alias.txt"),
            d.clone(),
        ];
        let got = collect_articles(&inputs, false).unwrap();
        assert_eq!(got, vec![d.join("a.txt"), d.join("sub/b.md")]);
        // A directory given twice is walked once, and is no error the second time.
        let got = collect_articles(&[d.clone(), d.join("sub"), d.clone()], false).unwrap();
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn a_meta_json_array_is_refused_and_an_object_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        fs::write(&article, "GDP grew 3% in 2024.").unwrap();
        fs::write(
            sidecar_path(&article),
            r#"["Title", "Outlet", "https://x", "en", "2025-07-10", "Ana"]"#,
        )
        .unwrap();
        let err = Document::load(&article, &Metadata::default()).unwrap_err();
        assert!(err.to_string().contains("a.meta.json"), "{err}");
        assert!(err.to_string().contains("JSON object"), "{err}");
        fs::write(sidecar_path(&article), r#"{"published": "2025-07-10"}"#).unwrap();
        let doc = Document::load(&article, &Metadata::default()).unwrap();
        assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2025, 7, 10));
    }

    /// `"meta": ["A title", "An outlet"]` in a JSON Lines record or an analysed record
    /// is no metadata: only an object names its fields, wherever metadata is read.
    #[test]
    fn metadata_that_is_a_json_array_is_refused_wherever_it_is_read() {
        let array = r#"["A title", "An outlet"]"#;
        let err = serde_json::from_str::<Metadata>(array).unwrap_err();
        assert!(err.to_string().contains("JSON object"), "{err}");
        let value: serde_json::Value = serde_json::from_str(array).unwrap();
        assert!(serde_json::from_value::<Metadata>(value).is_err());
        #[derive(Deserialize)]
        struct Record {
            #[serde(default)]
            meta: Metadata,
        }
        let line = r#"{"meta": ["A title", "An outlet"]}"#;
        assert!(serde_json::from_str::<Record>(line).is_err());
        // An object reads as before, and unknown fields are still refused.
        let meta: Metadata =
            serde_json::from_str(r#"{"title": "A title", "published": "2025-07-10"}"#).unwrap();
        assert_eq!(meta.title.as_deref(), Some("A title"));
        assert_eq!(
            serde_json::to_string(&meta).unwrap(),
            r#"{"title":"A title","published":"2025-07-10"}"#
        );
        assert!(serde_json::from_str::<Metadata>(r#"{"titel": "x"}"#).is_err());
        assert_eq!(
            serde_json::from_str::<Record>("{}").unwrap().meta,
            Metadata::default()
        );
    }

    #[test]
    fn published_0000_01_01_and_9999_12_31_are_refused() {
        for bad in ["0000-01-01", "9999-12-31", "1066-10-14"] {
            let date = NaiveDate::parse_from_str(bad, "%Y-%m-%d").unwrap();
            assert!(check_published(date).is_err(), "{bad}");
        }
        let ok = NaiveDate::from_ymd_opt(2025, 7, 10).unwrap();
        assert_eq!(check_published(ok), Ok(ok));
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        fs::write(&article, "GDP grew 3% in 2024.").unwrap();
        fs::write(sidecar_path(&article), r#"{"published": "0000-01-01"}"#).unwrap();
        let err = Document::load(&article, &Metadata::default()).unwrap_err();
        assert!(err.to_string().contains("0000-01-01"), "{err}");
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
