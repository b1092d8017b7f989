//! Rendering rows as aligned tables, CSV, Markdown, JSON and JSON Lines.
//!
//! Tables fit the terminal width (the widest column is shortened with "…"); colour is used
//! only when stdout is a terminal and `NO_COLOR` is not set.

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

/// Terminal width, from the terminal, then `COLUMNS`, else unlimited.
pub fn terminal_width() -> Option<usize> {
    if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
        return Some(w as usize);
    }
    std::env::var("COLUMNS").ok()?.parse().ok()
}

/// A table: headers plus rows of cells, and the JSON records behind the rows.
pub struct Table {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: Vec<&'static str>) -> Table {
        Table {
            headers,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Aligned plain text, shortened to `width` when given.
    pub fn render_text(&self, width: Option<usize>, colour: bool) -> String {
        let n = self.headers.len();
        let clean = |s: &str| s.replace(['\n', '\r', '\t'], " ");
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(|c| clean(c)).collect())
            .collect();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for r in &rows {
            for (i, c) in r.iter().enumerate().take(n) {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
        if let Some(limit) = width {
            // Shrink the widest columns until the row fits, keeping each at least 8 wide.
            let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
            while total(&widths) > limit {
                let (i, &w) = match widths.iter().enumerate().max_by_key(|(_, &w)| w) {
                    Some(x) => x,
                    None => break,
                };
                if w <= 8 {
                    break;
                }
                widths[i] = w - 1;
            }
        }
        let mut out = String::new();
        let line = |cells: &[String], out: &mut String, bold: bool| {
            let mut parts = Vec::with_capacity(n);
            for (i, w) in widths.iter().enumerate() {
                let cell = cells.get(i).map(String::as_str).unwrap_or("");
                parts.push(fit(cell, *w, i + 1 == n));
            }
            let text = parts.join("  ");
            let text = text.trim_end();
            if bold {
                let _ = writeln!(out, "\x1b[1m{text}\x1b[0m");
            } else {
                let _ = writeln!(out, "{text}");
            }
        };
        let headers: Vec<String> = self.headers.iter().map(|h| h.to_string()).collect();
        line(&headers, &mut out, colour);
        for r in &rows {
            line(r, &mut out, false);
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

/// Pads or shortens `cell` to `width` characters.
fn fit(cell: &str, width: usize, last: bool) -> String {
    let len = cell.chars().count();
    if len > width {
        let mut s: String = cell.chars().take(width.saturating_sub(1)).collect();
        s.push('…');
        s
    } else if last {
        cell.to_string()
    } else {
        format!("{cell}{}", " ".repeat(width - len))
    }
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

    #[test]
    fn csv_quotes_commas_and_quotes() {
        assert_eq!(csv_cell("600,000"), "\"600,000\"");
        assert_eq!(csv_cell("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(csv_cell("plain"), "plain");
    }

    #[test]
    fn table_fits_width_and_aligns() {
        let mut t = Table::new(vec!["id", "text"]);
        t.push(vec!["1".into(), "x".repeat(100)]);
        t.push(vec!["22".into(), "short".into()]);
        let out = t.render_text(Some(40), false);
        for line in out.lines() {
            assert!(line.chars().count() <= 40, "{line}");
        }
        assert!(out.contains('…'));
        assert!(out.lines().nth(2).unwrap().starts_with("22  short"));
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
