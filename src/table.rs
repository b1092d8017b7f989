//! Rendering rows as aligned tables, CSV, Markdown, JSON and JSON Lines.
//!
//! Tables fit the terminal's width when stdout is a terminal (or `COLUMNS` when set):
//! long cells wrap onto more lines, and when even wrapping cannot fit, the columns a
//! table names as optional are dropped in its order. Piped output is never cut to a
//! width. Control characters in cells (ESC, BEL, C1, DEL, …) are shown as visible
//! escapes, so text from an article cannot drive the terminal. Colour is used only when
//! stdout is a terminal and `NO_COLOR` is not set.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::str::FromStr;

use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
    Markdown,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "jsonl" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            "markdown" | "md" => Ok(Format::Markdown),
            _ => Err(format!(
                "unknown format {s:?}; valid formats: table, json, jsonl, csv, markdown"
            )),
        }
    }
}

/// Whether to colour output on stdout.
pub fn use_colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// The width tables fit: `COLUMNS` when set, else the width of the terminal stdout is,
/// else none (piped output keeps every character).
pub fn terminal_width() -> Option<usize> {
    if let Some(w) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return Some(w);
    }
    let stdout = std::io::stdout();
    if !stdout.is_terminal() {
        return None;
    }
    terminal_size::terminal_size_of(&stdout).map(|(terminal_size::Width(w), _)| w as usize)
}

/// `s` with every control character shown as a visible escape: C0 controls and DEL as
/// `\xNN`, C1 controls as `\u{NN}`. With `keep_layout`, newlines and tabs stay (for
/// views that print text as lines); otherwise they are escaped too.
pub fn escape_controls_in(s: &str, keep_layout: bool) -> String {
    let is_escaped = |c: char| {
        let keep = keep_layout && (c == '\n' || c == '\t');
        c.is_control() && !keep
    };
    if !s.chars().any(is_escaped) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !is_escaped(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    out
}

/// `s` safe to print on a terminal inside a line: every control character escaped.
pub fn escape_controls(s: &str) -> String {
    escape_controls_in(s, false)
}

/// A table: headers plus rows of cells.
pub struct Table {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    /// Columns that may be left out when the table is too wide, the first to go first.
    optional: Vec<usize>,
}

/// The narrowest a wrapped column gets, and the narrowest the last column (the text a
/// reader reads) gets.
const MIN_WRAPPED: usize = 12;
const MIN_LAST: usize = 40;
/// A column this narrow is never wrapped (ids, counts, statuses).
const SHORT: usize = 12;

impl Table {
    pub fn new(headers: Vec<&'static str>) -> Table {
        Table {
            headers,
            rows: Vec::new(),
            optional: Vec::new(),
        }
    }

    /// Names the columns that may be dropped to fit a narrow terminal, first to go first.
    pub fn optional(mut self, columns: &[&str]) -> Table {
        self.optional = columns
            .iter()
            .filter_map(|c| self.headers.iter().position(|h| h == c))
            .collect();
        self
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Aligned plain text, fitted to `width` when given.
    pub fn render_text(&self, width: Option<usize>, colour: bool) -> String {
        let mut measure = Widths::new(&self.headers);
        for r in &self.rows {
            measure.add(r);
        }
        let layout = TextLayout::new(measure, width, &self.optional);
        let mut out = String::new();
        layout.write_row(&self.headers, colour, &mut out);
        for r in &self.rows {
            layout.write_row(r, false, &mut out);
        }
        out
    }

    pub fn render_csv(&self) -> String {
        let mut out = String::new();
        let headers: Vec<String> = self.headers.iter().map(|h| csv_cell(h)).collect();
        let _ = writeln!(out, "{}", headers.join(","));
        for r in &self.rows {
            let cells: Vec<String> = r.iter().map(|c| csv_cell(c)).collect();
            let _ = writeln!(out, "{}", cells.join(","));
        }
        out
    }

    pub fn render_markdown(&self) -> String {
        let esc = markdown_cell;
        let mut out = String::new();
        let _ = writeln!(out, "| {} |", self.headers.join(" | "));
        let _ = writeln!(
            out,
            "|{}|",
            self.headers
                .iter()
                .map(|_| "---")
                .collect::<Vec<_>>()
                .join("|")
        );
        for r in &self.rows {
            let cells: Vec<String> = r.iter().map(|c| esc(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out
    }
}

/// A table cell as one line of a terminal: line breaks as spaces, controls escaped.
fn text_cell(s: &str) -> String {
    escape_controls(&s.replace(['\n', '\r', '\t'], " "))
}

/// The natural width of each column: its widest cell, header included.
pub struct Widths {
    natural: Vec<usize>,
}

impl Widths {
    pub fn new<S: AsRef<str>>(headers: &[S]) -> Widths {
        Widths {
            natural: headers.iter().map(|h| h.as_ref().chars().count()).collect(),
        }
    }

    pub fn add<S: AsRef<str>>(&mut self, cells: &[S]) {
        for (w, c) in self.natural.iter_mut().zip(cells) {
            *w = (*w).max(text_cell(c.as_ref()).chars().count());
        }
    }
}

/// The columns a text table shows and their widths.
struct TextLayout {
    shown: Vec<usize>,
    widths: Vec<usize>,
}

impl TextLayout {
    fn new(measure: Widths, width: Option<usize>, optional: &[usize]) -> TextLayout {
        let (shown, widths) = layout(&measure.natural, width, optional);
        TextLayout { shown, widths }
    }

    /// Appends one row, its long cells wrapped onto as many lines as they need.
    fn write_row<S: AsRef<str>>(&self, cells: &[S], bold: bool, out: &mut String) {
        let wrapped: Vec<Vec<String>> = self
            .shown
            .iter()
            .zip(&self.widths)
            .map(|(&i, &w)| wrap(&text_cell(cells.get(i).map(AsRef::as_ref).unwrap_or("")), w))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for line_no in 0..height {
            let mut text = String::new();
            for (k, (lines, &w)) in wrapped.iter().zip(&self.widths).enumerate() {
                let cell = lines.get(line_no).map(String::as_str).unwrap_or("");
                if k > 0 {
                    text.push_str("  ");
                }
                text.push_str(cell);
                if k + 1 < self.widths.len() {
                    let pad = w.saturating_sub(cell.chars().count());
                    text.extend(std::iter::repeat_n(' ', pad));
                }
            }
            let text = text.trim_end();
            if bold {
                let _ = writeln!(out, "\x1b[1m{text}\x1b[0m");
            } else {
                let _ = writeln!(out, "{text}");
            }
        }
    }
}

/// Writes rows in a format as they come and keeps none of them, so a report of any size
/// takes the memory of one row. A text table needs its column widths before its first
/// line: measure every row into [`Widths`] first (a first pass over the data).
pub struct RowWriter<W: std::io::Write> {
    format: Format,
    out: W,
    text: Option<TextLayout>,
    rows: usize,
    line: String,
}

impl<W: std::io::Write> RowWriter<W> {
    /// Starts the output (the header line of a table, CSV or Markdown). `widths` is
    /// needed for a text table only.
    pub fn new(
        format: Format,
        table: &Table,
        widths: Option<Widths>,
        out: W,
    ) -> std::io::Result<RowWriter<W>> {
        let text = (format == Format::Table).then(|| {
            TextLayout::new(
                widths.unwrap_or_else(|| Widths::new(&table.headers)),
                terminal_width(),
                &table.optional,
            )
        });
        let mut w = RowWriter {
            format,
            out,
            text,
            rows: 0,
            line: String::new(),
        };
        match format {
            Format::Table => {
                if let Some(layout) = &w.text {
                    layout.write_row(&table.headers, use_colour(), &mut w.line);
                }
            }
            Format::Csv => {
                let cells: Vec<String> = table.headers.iter().map(|h| csv_cell(h)).collect();
                let _ = writeln!(w.line, "{}", cells.join(","));
            }
            Format::Markdown => {
                let _ = writeln!(w.line, "| {} |", table.headers.join(" | "));
                let rule = vec!["---"; table.headers.len()].join("|");
                let _ = writeln!(w.line, "|{rule}|");
            }
            Format::Json | Format::Jsonl => {}
        }
        w.flush_line()?;
        Ok(w)
    }

    /// Writes one row: `cells` for the table, CSV and Markdown, `record` for JSON.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S], record: &Value) -> std::io::Result<()> {
        match self.format {
            Format::Table => {
                if let Some(layout) = &self.text {
                    layout.write_row(cells, false, &mut self.line);
                }
            }
            Format::Csv => {
                let cells: Vec<String> = cells.iter().map(|c| csv_cell(c.as_ref())).collect();
                let _ = writeln!(self.line, "{}", cells.join(","));
            }
            Format::Markdown => {
                let cells: Vec<String> = cells.iter().map(|c| markdown_cell(c.as_ref())).collect();
                let _ = writeln!(self.line, "| {} |", cells.join(" | "));
            }
            Format::Jsonl => {
                let _ = writeln!(self.line, "{record}");
            }
            Format::Json => {
                // As serde_json pretty-prints an array: elements indented by two spaces.
                let pretty = serde_json::to_string_pretty(record).unwrap_or_default();
                self.line
                    .push_str(if self.rows == 0 { "[\n  " } else { ",\n  " });
                self.line.push_str(&pretty.replace('\n', "\n  "));
            }
        }
        self.rows += 1;
        self.flush_line()
    }

    /// Ends the output (closes a JSON array) and flushes it.
    pub fn finish(mut self) -> std::io::Result<()> {
        if self.format == Format::Json {
            self.line
                .push_str(if self.rows == 0 { "[]\n" } else { "\n]\n" });
        }
        self.flush_line()?;
        self.out.flush()
    }

    fn flush_line(&mut self) -> std::io::Result<()> {
        self.out.write_all(self.line.as_bytes())?;
        self.line.clear();
        Ok(())
    }
}

/// Which columns to show and how wide: every column at its natural width when that
/// fits; else short columns keep theirs and long ones share the rest (wrapping), down to
/// their minimum; below that, optional columns are dropped in order. Without a width,
/// every column is shown at its natural width.
fn layout(natural: &[usize], width: Option<usize>, optional: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut shown: Vec<usize> = (0..natural.len()).collect();
    let Some(limit) = width else {
        return (shown, natural.to_vec());
    };
    let total = |cols: &[usize], w: &dyn Fn(usize) -> usize| {
        cols.iter().map(|&i| w(i)).sum::<usize>() + 2 * cols.len().saturating_sub(1)
    };
    if total(&shown, &|i| natural[i]) <= limit {
        return (shown.clone(), natural.to_vec());
    }
    let last = natural.len().saturating_sub(1);
    let min = |i: usize| {
        let floor = if i == last { MIN_LAST } else { MIN_WRAPPED };
        if natural[i] <= SHORT {
            natural[i]
        } else {
            natural[i].min(floor)
        }
    };
    let mut to_drop = optional.iter();
    while total(&shown, &min) > limit {
        match to_drop.next() {
            Some(&d) => shown.retain(|&i| i != d),
            None => break,
        }
    }
    let mut widths: Vec<usize> = shown.iter().map(|&i| min(i)).collect();
    // Nothing left to drop: the last column gives up its comfort first.
    let over = total(&shown, &min).saturating_sub(limit);
    if let Some(w) = widths.last_mut().filter(|_| shown.last() == Some(&last)) {
        *w = w.saturating_sub(over).max(MIN_WRAPPED.min(*w));
    }
    // Share what is left among the wrapped columns, the narrowest first, so that
    // they grow evenly.
    let mut spare =
        limit.saturating_sub(widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1));
    while spare > 0 {
        let Some(k) = (0..shown.len())
            .filter(|&k| widths[k] < natural[shown[k]])
            .min_by_key(|&k| (widths[k], std::cmp::Reverse(k)))
        else {
            break;
        };
        widths[k] += 1;
        spare -= 1;
    }
    (shown, widths)
}

/// `cell` as lines of at most `width` characters, broken at spaces where it can be.
fn wrap(cell: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    if cell.chars().count() <= width {
        return vec![cell.to_string()];
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in cell.split(' ') {
        let mut word: Vec<char> = word.chars().collect();
        if len > 0 && len + 1 + word.len() <= width {
            line.push(' ');
            line.extend(&word);
            len += 1 + word.len();
            continue;
        }
        if len > 0 {
            lines.push(std::mem::take(&mut line));
        }
        // A word longer than the column is cut into pieces.
        while word.len() > width {
            lines.push(word.drain(..width).collect());
        }
        line.extend(&word);
        len = word.len();
    }
    if len > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// One CSV cell: RFC 4180 quoting, and no formula a spreadsheet would run.
///
/// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by
/// Excel, LibreOffice and Google Sheets as a formula (`=HYPERLINK(…)`, `@SUM(…)`), so
/// a crafted article could run one in a desk's spreadsheet; such a cell gets a leading
/// `'`, as OWASP recommends (<https://owasp.org/www-community/attacks/CSV_Injection>).
/// A negative number (`-3.5`) and the lone `-` of an empty column are left as they are:
/// neither is a formula, and a number stays a number.
pub fn csv_cell(s: &str) -> String {
    let formula =
        s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s != "-" && !is_negative_number(s);
    let s = if formula {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// `-` then digits, with at most one decimal point between digits.
fn is_negative_number(s: &str) -> bool {
    let Some(digits) = s.strip_prefix('-') else {
        return false;
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

/// One Markdown table cell: `|` escaped, line breaks as spaces, and `<`, `>` and `&` as
/// HTML entities, so that text from an article (`<script>`, `<img onerror=…>`) renders
/// as text and never as HTML in a viewer that allows inline HTML.
pub fn markdown_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// Prints records in `format`: `table` builds the table view, `records` the JSON view.
pub fn print(format: Format, table: &Table, records: &[Value]) -> String {
    match format {
        Format::Table => table.render_text(terminal_width(), use_colour()),
        Format::Csv => table.render_csv(),
        Format::Markdown => table.render_markdown(),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(records).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Jsonl => records.iter().map(|r| format!("{r}\n")).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A streamed table prints what the whole table prints, in every format.
    #[test]
    fn streamed_rows_print_as_the_whole_table_does() {
        let rows = [
            ["1", "Exports rose 12% in 2024, \"a record\"."],
            ["22", "Imports | fell by $3 billion."],
        ];
        let mut t = Table::new(vec!["id", "text"]);
        let records: Vec<Value> = rows
            .iter()
            .map(|r| serde_json::json!({"id": r[0], "text": r[1]}))
            .collect();
        for r in &rows {
            t.push(r.iter().map(|c| c.to_string()).collect());
        }
        for format in [Format::Csv, Format::Markdown, Format::Json, Format::Jsonl] {
            let mut out = Vec::new();
            let mut w = RowWriter::new(format, &t, None, &mut out).unwrap();
            for (r, rec) in rows.iter().zip(&records) {
                w.row(r, rec).unwrap();
            }
            w.finish().unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                print(format, &t, &records),
                "{format:?}"
            );
        }
        let mut out = Vec::new();
        RowWriter::new(Format::Json, &t, None, &mut out)
            .unwrap()
            .finish()
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            print(Format::Json, &t, &[])
        );
        let mut widths = Widths::new(&t.headers);
        for r in &rows {
            widths.add(r);
        }
        let mut out = Vec::new();
        let mut w = RowWriter::new(Format::Table, &t, Some(widths), &mut out).unwrap();
        for (r, rec) in rows.iter().zip(&records) {
            w.row(r, rec).unwrap();
        }
        w.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            t.render_text(terminal_width(), false)
        );
    }

    #[test]
    fn csv_quotes_commas_and_quotes() {
        assert_eq!(csv_cell("600,000"), "\"600,000\"");
        assert_eq!(csv_cell("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(csv_cell("plain"), "plain");
    }

    #[test]
    fn a_long_claim_wraps_within_the_width_and_keeps_every_word() {
        let sentence = "According to the 2010 and 2020 censuses, there were about 600,000 \
                        Azerbaijanis living in Russia.";
        let mut t = Table::new(vec!["id", "text"]);
        t.push(vec!["1".into(), sentence.into()]);
        t.push(vec!["22".into(), "short".into()]);
        let out = t.render_text(Some(40), false);
        for line in out.lines() {
            assert!(line.chars().count() <= 40, "{line}");
        }
        let words: Vec<&str> = out
            .lines()
            .skip(1)
            .flat_map(|l| l.split_whitespace())
            .filter(|w| *w != "1" && *w != "22" && *w != "short")
            .collect();
        assert_eq!(words.join(" "), sentence);
        // Continuation lines start under the text column.
        assert!(out.lines().nth(2).unwrap().starts_with("    "));
        assert!(out.lines().last().unwrap().starts_with("22  short"));
    }

    #[test]
    fn optional_columns_go_first_at_80_columns() {
        let mut t = Table::new(vec!["id", "status", "source", "components", "text"])
            .optional(&["components", "source"]);
        t.push(vec![
            "64".into(),
            "unverified".into(),
            "the 2010 and 2020 censuses of the Russian Federation".into(),
            "the first half of 2025=2025-H1; $2 billion=2000000000 USD; 2020=2020".into(),
            "In the first half of 2025 alone, exports almost reached $2 billion, which is \
             as much as for the entire year of 2020."
                .into(),
        ]);
        let out = t.render_text(Some(80), false);
        let header = out.lines().next().unwrap();
        assert!(!header.contains("components"), "{out}");
        assert!(header.contains("source"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
        assert!(out.contains("entire year"), "{out}");
    }

    #[test]
    fn piped_tables_keep_every_character() {
        let mut t = Table::new(vec!["id", "text"]);
        t.push(vec!["1".into(), "x".repeat(300)]);
        let out = t.render_text(None, false);
        assert!(out.contains(&"x".repeat(300)));
    }

    #[test]
    fn esc_bel_and_osc_sequences_in_an_article_are_shown_not_obeyed() {
        let hostile = "Prices \x1b]0;pwned\x07rose \x1b[2J5%\u{9b}31m\x7f";
        let shown = escape_controls(hostile);
        assert_eq!(
            shown,
            "Prices \\x1b]0;pwned\\x07rose \\x1b[2J5%\\u{9b}31m\\x7f"
        );
        assert!(!shown.chars().any(char::is_control));
        assert_eq!(escape_controls_in("a\tb\nc\rd", true), "a\tb\nc\\x0dd");
        let mut t = Table::new(vec!["text"]);
        t.push(vec![hostile.into()]);
        assert!(!t.render_text(Some(80), false).contains('\x1b'));
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_start_with_a_quote() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("\t=1"), "'\t=1");
        assert_eq!(csv_cell("\r=1"), "\"'\r=1\"");
        assert_eq!(csv_cell("-"), "-");
        assert_eq!(csv_cell("--"), "'--");
        // Negative numbers stay numbers; text with a sign inside is untouched.
        assert_eq!(csv_cell("-3.5"), "-3.5");
        assert_eq!(csv_cell("-40"), "-40");
        assert_eq!(csv_cell("a=b"), "a=b");
        assert_eq!(csv_cell("-.5"), "'-.5");
    }

    #[test]
    fn markdown_cells_carry_no_html() {
        assert_eq!(
            markdown_cell("<img src=x onerror=alert(1)> & <script>"),
            "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;"
        );
    }

    #[test]
    fn markdown_escapes_pipes() {
        let mut t = Table::new(vec!["a"]);
        t.push(vec!["x|y".into()]);
        assert!(t.render_markdown().contains("x\\|y"));
    }
}
