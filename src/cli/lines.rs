//! JSON Lines input, one line a document, read in chunks for the analysis threads
//! ([`claimtrace::parallel`]): `extract`'s stream and `ingest --analysed` read it so.

use std::io::{BufRead, Read};

/// A numbered input line without its newline, or the error that ended the input.
pub type InputLine = (usize, std::io::Result<Vec<u8>>);

/// The most lines, and about the most bytes, in one chunk of a JSON Lines input.
const CHUNK_LINES: usize = 64;
const CHUNK_BYTES: usize = 1 << 20;

/// The lines of a JSON Lines input as `BufRead::split(b'\n')` gives them, numbered from
/// 1, blank and white-space lines skipped (still counted), in chunks: each chunk is one
/// line and then the lines already read into the buffer, so a chunk never waits for
/// input that a caller may only send once it has the records of the lines before. A
/// read error is the last item.
pub struct InputLines<R> {
    input: std::io::BufReader<R>,
    line_no: usize,
    failed: bool,
}

impl<R: Read> InputLines<R> {
    pub fn new(input: R) -> InputLines<R> {
        InputLines {
            input: std::io::BufReader::with_capacity(1 << 18, input),
            line_no: 0,
            failed: false,
        }
    }
}

impl<R: Read> InputLines<R> {
    /// The next line (waiting for it), or `Some(None)` for a blank line.
    fn read_line(&mut self) -> Option<Option<InputLine>> {
        if self.failed {
            return None;
        }
        let mut bytes = Vec::new();
        match self.input.read_until(b'\n', &mut bytes) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                // One error, then the end.
                self.failed = true;
                return Some(Some((self.line_no + 1, Err(e))));
            }
        }
        self.line_no += 1;
        if bytes.last() == Some(&b'\n') {
            bytes.pop();
        }
        Some((!bytes.iter().all(u8::is_ascii_whitespace)).then_some((self.line_no, Ok(bytes))))
    }
}

impl<R: Read> Iterator for InputLines<R> {
    type Item = Vec<InputLine>;

    fn next(&mut self) -> Option<Vec<InputLine>> {
        let first = loop {
            if let Some(line) = self.read_line()? {
                break line;
            }
        };
        let mut size = first.1.as_ref().map_or(0, Vec::len);
        let mut chunk = vec![first];
        // Only whole lines already read: never wait with lines in hand.
        while chunk.len() < CHUNK_LINES
            && size < CHUNK_BYTES
            && self.input.buffer().contains(&b'\n')
        {
            match self.read_line() {
                Some(Some(line)) => {
                    size += line.1.as_ref().map_or(0, Vec::len);
                    chunk.push(line);
                }
                Some(None) => {}
                None => break,
            }
        }
        Some(chunk)
    }
}
