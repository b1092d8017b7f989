//! `--max-document-size`: the largest document `extract` and `ingest` analyse.
//!
//! The pipeline's cost is linear in a document's size and its memory a small multiple
//! of it, so the limit is not about speed: it keeps one stray file (a database dump, a
//! log, a whole archive concatenated into one line) from holding a batch run for
//! minutes and gigabytes. A larger document is refused with one line naming it.

use std::path::Path;

use anyhow::bail;
use clap::Args;

/// The default limit, 50 MB: news articles are kilobytes; a book is a few megabytes.
pub const DEFAULT_MAX_DOCUMENT_SIZE: &str = "50MB";

#[derive(Args, Debug, Clone, Copy)]
pub struct SizeLimit {
    /// Refuse any document larger than SIZE (bytes, or with a unit: 500KB, 50MB, 1GB;
    /// KiB, MiB and GiB for powers of 1024); 0 for no limit
    #[arg(long, value_name = "SIZE", default_value = DEFAULT_MAX_DOCUMENT_SIZE, value_parser = parse_size)]
    pub max_document_size: u64,
}

impl SizeLimit {
    /// Refuses a file larger than the limit before it is read.
    pub fn check_file(&self, path: &Path) -> anyhow::Result<()> {
        // A file that cannot be read is reported by whoever reads it.
        let Ok(meta) = std::fs::metadata(path) else {
            return Ok(());
        };
        self.check(&path.display().to_string(), meta.len())
    }

    /// Refuses a document of `len` bytes, named `what` in the message.
    pub fn check(&self, what: &str, len: u64) -> anyhow::Result<()> {
        if let Some(msg) = self.refusal(len) {
            bail!("{what}: {msg}");
        }
        Ok(())
    }

    /// How many bytes to read of a stream at most: one past the limit is enough to know
    /// the document is too large.
    pub fn read_cap(&self) -> u64 {
        match self.max_document_size {
            0 => u64::MAX,
            n => n.saturating_add(1),
        }
    }

    /// Why a document of `len` bytes is refused, if it is.
    pub fn refusal(&self, len: u64) -> Option<String> {
        (self.max_document_size > 0 && len > self.max_document_size).then(|| {
            format!(
                "{len} bytes is larger than --max-document-size ({} bytes); split the \
                 document or raise the limit (e.g. --max-document-size {}MB)",
                self.max_document_size,
                len.div_ceil(1_000_000)
            )
        })
    }
}

/// A size: a number of bytes with an optional unit (`KB`, `MB`, `GB` for powers of
/// 1000, `KiB`, `MiB`, `GiB` for powers of 1024, case-insensitive, `B` optional).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let bad = || format!("{s:?} is not a size; write e.g. 50MB, 500KB or 1048576");
    let n: u64 = number.parse().map_err(|_| bad())?;
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "m" | "mb" => 1_000_000,
        "g" | "gb" => 1_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => return Err(bad()),
    };
    n.checked_mul(scale).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_decimal_and_binary_units() {
        assert_eq!(parse_size("50MB"), Ok(50_000_000));
        assert_eq!(parse_size("50 mb"), Ok(50_000_000));
        assert_eq!(parse_size("1MiB"), Ok(1 << 20));
        assert_eq!(parse_size("1234"), Ok(1234));
        assert_eq!(parse_size("0"), Ok(0));
        assert!(parse_size("50 megabytes").is_err());
        assert!(parse_size("-5MB").is_err());
        assert!(parse_size("MB").is_err());
        assert!(parse_size("99999999999GB").is_err());
    }

    #[test]
    fn a_document_over_the_limit_is_refused_and_zero_means_none() {
        let limit = SizeLimit {
            max_document_size: 10,
        };
        assert!(limit.check("a.txt", 10).is_ok());
        let err = limit.check("a.txt", 11).unwrap_err().to_string();
        assert!(err.starts_with("a.txt: 11 bytes is larger than --max-document-size"));
        let none = SizeLimit {
            max_document_size: 0,
        };
        assert!(none.check("a.txt", u64::MAX).is_ok());
    }
}
