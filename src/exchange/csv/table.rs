//! Reading a CSV file into rows addressed by column name, with the problems of the file as a
//! whole (encoding, emptiness, quotes, header) caught before any row is looked at.
//!
//! Knows nothing about learners or mentors: a [`TableSpec`] lists the columns of one kind of
//! file, and [`Row`] hands cells to the caller together with where they came from. Writing
//! lives here too so that both directions agree on the dialect (comma, `"` quoting).

use std::collections::HashMap;

use ::csv::{ReaderBuilder, StringRecord};

use super::error::{CsvError, CsvIssue};
use super::formula::{neutralise, restore};
use crate::domain::DomainError;
use crate::domain::text::{clean_line, quoted, shown};

/// Most row problems listed in one error; the rest are only counted (never kept, so a junk
/// file with millions of problems costs no memory for them), because a file with hundreds of
/// problems usually has one cause and a screenful is enough to see it.
pub const MAX_ISSUES: usize = 50;

/// Most data rows one file may hold (a program of 10–2,000 learners, a platform of tens of
/// thousands, fits many times over); past it the file is refused whole.
pub const MAX_ROWS: usize = 200_000;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Delimiters people export by mistake, with the words used to name them.
const OTHER_DELIMITERS: [(char, &str); 3] = [(';', "';'"), ('\t', "tabs"), ('|', "'|'")];

/// The columns one kind of file takes, in the order export writes them.
pub(super) struct TableSpec {
    pub columns: &'static [&'static str],
    /// Columns that must be present in the header (their values are checked by the caller).
    pub required: &'static [&'static str],
}

impl TableSpec {
    pub(super) fn header_line(&self) -> String {
        self.columns.join(",")
    }
}

/// A file whose encoding, quoting and header are sound; its rows are still unchecked and are
/// read one at a time by [`Table::each_row`], so a big file is never held twice in memory.
pub(super) struct Table<'spec, 'text> {
    spec: &'spec TableSpec,
    file: String,
    text: &'text str,
    /// For each column of the spec, the field index it has in this file, if present.
    field_of_column: Vec<Option<usize>>,
    header_len: usize,
    /// Positioned just after the header.
    reader: ::csv::Reader<&'text [u8]>,
}

impl<'spec, 'text> Table<'spec, 'text> {
    /// Reads `bytes` as a comma-separated file with a header line: encoding, quotes and the
    /// header are checked here, the rows when [`Table::each_row`] walks them.
    pub(super) fn read(
        file: &str,
        bytes: &'text [u8],
        spec: &'spec TableSpec,
    ) -> Result<Table<'spec, 'text>, CsvError> {
        let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| CsvError::NotUtf8 {
            file: file.to_string(),
            line: line_at(&bytes[..e.valid_up_to()]),
        })?;
        if text.trim().is_empty() {
            return Err(CsvError::Empty {
                file: file.to_string(),
                expected_header: spec.header_line(),
            });
        }
        // The csv crate reads an unclosed quote to the end of the file without complaint,
        // which would turn the rest of the file into one cell; find it first.
        if let Some(line) = unclosed_quote_line(text) {
            return Err(CsvError::UnterminatedQuote {
                file: file.to_string(),
                line,
            });
        }

        let mut reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut header = StringRecord::new();
        let found = reader
            .read_record(&mut header)
            .map_err(|e| malformed(file, &e))?;
        if !found {
            return Err(CsvError::Empty {
                file: file.to_string(),
                expected_header: spec.header_line(),
            });
        }
        let header_line = header
            .position()
            .map_or(0, |p| first_line_of_record(text.as_bytes(), p));
        let field_of_column = map_header(&header, spec).map_err(|problem| CsvError::Header {
            file: file.to_string(),
            line: header_line,
            problem,
        })?;
        Ok(Table {
            spec,
            file: file.to_string(),
            text,
            field_of_column,
            header_len: header.len(),
            reader,
        })
    }

    /// Hands every data row, with its line, to `take`, in file order. Rows of bare commas
    /// (spreadsheets export them) are skipped; rows whose field count differs from the
    /// header's are reported to `issues` and left out, since their cells cannot be trusted
    /// to be in the right columns. More than [`MAX_ROWS`] rows refuse the whole file.
    pub(super) fn each_row(
        mut self,
        issues: &mut Issues,
        mut take: impl FnMut(&Row<'_>, &mut Issues),
    ) -> Result<(), CsvError> {
        let mut record = StringRecord::new();
        let mut rows = 0usize;
        while self
            .reader
            .read_record(&mut record)
            .map_err(|e| malformed(&self.file, &e))?
        {
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            rows += 1;
            if rows > MAX_ROWS {
                return Err(CsvError::TooManyRows {
                    file: self.file,
                    max: MAX_ROWS,
                });
            }
            let line = record
                .position()
                .map_or(0, |p| first_line_of_record(self.text.as_bytes(), p));
            if record.len() != self.header_len {
                issues.push(
                    line,
                    None,
                    None,
                    format!(
                        "this row has {} fields but the header has {} \
                         (a missing or extra comma, or a value with a comma that is not quoted)",
                        record.len(),
                        self.header_len
                    ),
                );
                continue;
            }
            let row = Row {
                line,
                record: &record,
                spec: self.spec,
                field_of_column: &self.field_of_column,
            };
            take(&row, issues);
        }
        Ok(())
    }
}

fn malformed(file: &str, error: &::csv::Error) -> CsvError {
    CsvError::Malformed {
        file: file.to_string(),
        line: error.position().map_or(0, |p| p.line()),
        problem: error.to_string(),
    }
}

/// One data row of a [`Table`].
pub(super) struct Row<'t> {
    pub line: u64,
    record: &'t StringRecord,
    spec: &'t TableSpec,
    field_of_column: &'t [Option<usize>],
}

impl Row<'_> {
    /// The raw cell of `column` (with the `'` an export put before a formula removed);
    /// empty when the file has no such column.
    pub(super) fn cell(&self, column: &str) -> &str {
        let position = self.spec.columns.iter().position(|c| *c == column);
        debug_assert!(position.is_some(), "column {column} is not in the spec");
        position
            .and_then(|p| self.field_of_column.get(p).copied().flatten())
            .and_then(|field| self.record.get(field))
            .map_or("", restore)
    }

    /// Parses the cell of `column`; on failure records an issue naming the column and the
    /// value, and returns `None`.
    pub(super) fn parse<T>(
        &self,
        issues: &mut Issues,
        column: &'static str,
        parse: impl FnOnce(&str) -> Result<T, DomainError>,
    ) -> Option<T> {
        let raw = self.cell(column);
        match parse(raw) {
            Ok(value) => Some(value),
            Err(error) => {
                issues.push(self.line, Some(column), Some(raw), error.to_string());
                None
            }
        }
    }
}

/// Row problems found so far in one file: the first [`MAX_ISSUES`] kept, the rest counted.
pub(super) struct Issues {
    file: String,
    found: Vec<CsvIssue>,
    /// Problems found beyond the ones kept.
    more: usize,
    /// First line each id was seen on, to name both lines of a duplicate.
    first_line_of_id: HashMap<String, u64>,
}

impl Issues {
    pub(super) fn new(file: &str) -> Self {
        Issues {
            file: file.to_string(),
            found: Vec::new(),
            more: 0,
            first_line_of_id: HashMap::new(),
        }
    }

    pub(super) fn push(
        &mut self,
        line: u64,
        column: Option<&str>,
        value: Option<&str>,
        problem: String,
    ) {
        if self.found.len() >= MAX_ISSUES {
            self.more += 1;
            return;
        }
        self.found.push(CsvIssue {
            file: self.file.clone(),
            line,
            column: column.map(str::to_string),
            value: value.map(str::to_string),
            problem,
        });
    }

    /// Records that `id` is on `line`; returns false (and records an issue) when an earlier
    /// line already had it.
    pub(super) fn note_id(&mut self, id: &str, line: u64) -> bool {
        match self.first_line_of_id.get(id) {
            Some(&first) => {
                let problem = format!("duplicate id {} (also on line {first})", quoted(id));
                self.push(line, Some("id"), Some(id), problem);
                false
            }
            None => {
                self.first_line_of_id.insert(id.to_string(), line);
                true
            }
        }
    }

    /// True once any problem was found: the file will be refused, so callers stop keeping
    /// what its rows build.
    pub(super) fn any(&self) -> bool {
        !self.found.is_empty()
    }

    /// `value` when no problem was found, else every problem (the first [`MAX_ISSUES`]
    /// listed in file order, the rest counted).
    pub(super) fn finish<T>(self, value: T) -> Result<T, CsvError> {
        if self.found.is_empty() {
            return Ok(value);
        }
        Err(CsvError::Rows {
            file: self.file,
            issues: self.found,
            more: self.more,
        })
    }
}

/// Writes `columns` as the header and then `rows`, quoting only where a cell needs it and
/// neutralising every cell a spreadsheet would run as a formula (see `formula`).
pub(super) fn write_table<'r, W: std::io::Write>(
    out: W,
    columns: &[&str],
    rows: impl Iterator<Item = &'r [String]>,
) -> Result<(), CsvError> {
    let as_io = |error: ::csv::Error| CsvError::Io {
        source: error.into(),
    };
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(columns).map_err(as_io)?;
    for row in rows {
        let cells = row.iter().map(|cell| neutralise(cell).into_owned());
        writer.write_record(cells).map_err(as_io)?;
    }
    writer.flush()?;
    Ok(())
}

/// Maps the header onto the spec's columns: names are trimmed and compared case-insensitively.
fn map_header(header: &StringRecord, spec: &TableSpec) -> Result<Vec<Option<usize>>, String> {
    let mut field_of_column = vec![None; spec.columns.len()];
    let mut unknown = Vec::new();
    let mut problems = Vec::new();
    for (field, raw) in header.iter().enumerate() {
        let name = clean_line(raw).to_lowercase();
        if name.is_empty() {
            problems.push(format!(
                "column {} has no name (name it or remove it)",
                field + 1
            ));
            continue;
        }
        match spec.columns.iter().position(|c| *c == name) {
            Some(column) => match field_of_column[column] {
                Some(earlier) => problems.push(format!(
                    "column {name:?} appears twice (columns {} and {})",
                    earlier + 1,
                    field + 1
                )),
                None => field_of_column[column] = Some(field),
            },
            // The raw cell, not the cleaned name: cleaning turns tabs into spaces, and a tab
            // is what tells a tab-separated file apart.
            None => unknown.push(raw.trim().to_lowercase()),
        }
    }
    if let Some(hint) = delimiter_hint(&unknown, spec) {
        return Err(hint);
    }
    if !unknown.is_empty() {
        let names = unknown
            .iter()
            .map(|raw| quoted(raw))
            .collect::<Vec<_>>()
            .join(", ");
        let noun = if unknown.len() == 1 {
            "column"
        } else {
            "columns"
        };
        problems.push(format!(
            "unknown {noun} {names} (known columns: {})",
            spec.header_line()
        ));
    }
    for required in spec.required {
        let column = spec.columns.iter().position(|c| c == required);
        if column.and_then(|c| field_of_column[c]).is_none() {
            problems.push(format!("missing required column {required:?}"));
        }
    }
    if problems.is_empty() {
        Ok(field_of_column)
    } else {
        Err(problems.join("; "))
    }
}

/// When an unknown header name splits on another common delimiter into known column names,
/// the file was saved with that delimiter (a spreadsheet in a non-English locale writes `;`).
fn delimiter_hint(unknown: &[String], spec: &TableSpec) -> Option<String> {
    OTHER_DELIMITERS.iter().find_map(|(delimiter, word)| {
        unknown
            .iter()
            .find(|name| {
                name.contains(*delimiter)
                    && name
                        .split(*delimiter)
                        .any(|part| spec.columns.contains(&part.trim()))
            })
            .map(|name| {
                format!(
                    "looks like the file is separated by {word}, expected ',' \
                     (the header reads as one column \"{}\"); \
                     save it as comma-separated CSV",
                    // The tab is what tells the reader which delimiter it was: keep it seen.
                    shown(&name.replace('\t', "\\t"))
                )
            })
    })
}

/// The physical line a record starts on. The csv crate places a record where its reader
/// stood after the previous one, before any blank lines it skipped; step over those.
fn first_line_of_record(text: &[u8], position: &::csv::Position) -> u64 {
    let start = usize::try_from(position.byte()).unwrap_or(usize::MAX);
    let blank_lines = text
        .get(start..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .filter(|b| **b == b'\n')
        .count();
    position.line() + blank_lines as u64
}

/// 1-based line number of the position just after `before`.
fn line_at(before: &[u8]) -> u64 {
    before.iter().filter(|b| **b == b'\n').count() as u64 + 1
}

/// The line where a quoted field opens and never closes, following the csv crate's rules:
/// a quote opens a field only as its first character, and `""` inside one is a literal quote.
fn unclosed_quote_line(text: &str) -> Option<u64> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let mut line = 1;
    let mut opened_on = 1;
    for byte in text.bytes() {
        state = match (state, byte) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::FieldStart, b'"') => {
                opened_on = line;
                State::Quoted
            }
            (_, b',' | b'\n' | b'\r') => State::FieldStart,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            _ => State::Unquoted,
        };
        if byte == b'\n' {
            line += 1;
        }
    }
    (state == State::Quoted).then_some(opened_on)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_of_an_unclosed_quote() {
        assert_eq!(unclosed_quote_line("a,b\n\"x,y\n1,2\n"), Some(2));
        assert_eq!(unclosed_quote_line("a,\"b\"\"c\"\n1,2\n"), None);
        assert_eq!(unclosed_quote_line("a,b\"c\n"), None);
        assert_eq!(unclosed_quote_line("a,\"multi\nline\"\n"), None);
        assert_eq!(unclosed_quote_line("a,\"x\"\"\n"), Some(1));
    }

    #[test]
    fn counts_lines_before_a_position() {
        assert_eq!(line_at(b""), 1);
        assert_eq!(line_at(b"a\nb\n"), 3);
    }
}
