//! A table ready to hand out: named columns and text rows, written as CSV (formulas
//! neutralised) or as JSON objects (one per row, empty cells as `null`).

use serde_json::{Map, Value};

use super::error::CsvError;
use super::table::write_table;

/// Columns and rows of one export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub columns: &'static [&'static str],
    /// Each row has one cell per column.
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    pub fn write_csv<W: std::io::Write>(&self, out: W) -> Result<(), CsvError> {
        write_table(out, self.columns, self.rows.iter().map(Vec::as_slice))
    }

    /// The rows as JSON objects keyed by column; an empty cell is `null`.
    pub fn to_json(&self) -> Value {
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let object: Map<String, Value> = self
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(column, cell)| {
                        let value = if cell.is_empty() {
                            Value::Null
                        } else {
                            Value::String(cell.clone())
                        };
                        (column.to_string(), value)
                    })
                    .collect();
                Value::Object(object)
            })
            .collect();
        Value::Array(rows)
    }
}

/// An instant as RFC 3339 UTC to the second.
pub fn instant(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// An optional value as text, empty when absent.
pub fn or_empty<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}
