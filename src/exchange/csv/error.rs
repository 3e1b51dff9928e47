//! What can go wrong with a CSV file, said so that a coordinator can fix the file: every
//! problem names the file, the physical line, and where it applies the column and the value.

use std::fmt;

use thiserror::Error;

/// One problem in one row: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvIssue {
    pub file: String,
    /// 1-based physical line where the row starts (the header is line 1).
    pub line: u64,
    /// Canonical (lower-case) column name, when the problem belongs to one column.
    pub column: Option<String>,
    /// The cell as the file has it, when the problem belongs to one value.
    pub value: Option<String>,
    /// What is wrong; it quotes the bad value itself, so it reads well alone.
    pub problem: String,
}

impl fmt::Display for CsvIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if let Some(column) = &self.column {
            write!(f, "column {column}: ")?;
        }
        f.write_str(&self.problem)
    }
}

/// Why a CSV file could not be read. Nothing in the file is usable when this is returned:
/// callers import all of a file or none of it.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum CsvError {
    #[error(
        "{file}:{line}: the file is not valid UTF-8 text \
         (save it as \"CSV UTF-8\" from your spreadsheet)"
    )]
    NotUtf8 { file: String, line: u64 },
    #[error("{file}: file is empty (expected a header line: {expected_header})")]
    Empty {
        file: String,
        /// The full header this kind of file takes, comma-separated.
        expected_header: String,
    },
    #[error("{file}:{line}: header: {problem}")]
    Header {
        file: String,
        /// Physical line of the header: 1 unless blank lines come first.
        line: u64,
        problem: String,
    },
    #[error(
        "{file}:{line}: a quoted value starts here and is never closed \
         (a '\"' is missing, or a '\"' inside a value is not doubled as '\"\"')"
    )]
    UnterminatedQuote { file: String, line: u64 },
    #[error("{file}:{line}: {problem}")]
    Malformed {
        file: String,
        line: u64,
        problem: String,
    },
    #[error(
        "{file}: more than {max} rows; a file this long is refused whole \
         (split it, or import in parts)"
    )]
    TooManyRows { file: String, max: usize },
    #[error("{}", describe_rows(file, issues, *more))]
    Rows {
        file: String,
        /// The first problems found, in file order.
        issues: Vec<CsvIssue>,
        /// How many more problems were found beyond `issues`.
        more: usize,
    },
    #[error("could not write CSV: {source}")]
    Io {
        #[from]
        source: std::io::Error,
    },
}

impl CsvError {
    /// True when the file itself is at fault (the person must fix it), false when writing
    /// failed underneath (a full disk, a closed pipe).
    pub fn is_user_error(&self) -> bool {
        !matches!(self, CsvError::Io { .. })
    }

    /// Every row problem, for callers that show them one per line or as JSON; empty for
    /// errors about the file as a whole.
    pub fn issues(&self) -> &[CsvIssue] {
        match self {
            CsvError::Rows { issues, .. } => issues,
            _ => &[],
        }
    }
}

fn describe_rows(file: &str, issues: &[CsvIssue], more: usize) -> String {
    let total = issues.len() + more;
    let noun = if total == 1 { "problem" } else { "problems" };
    let mut text = format!("{file}: {total} {noun} found; the file was not accepted:");
    for issue in issues {
        text.push_str("\n  ");
        text.push_str(&issue.to_string());
    }
    if more > 0 {
        text.push_str(&format!("\n  ... and {more} more"));
    }
    text
}
