//! Plain-text tables for people and screen readers: aligned columns, a header, no colour.

/// Widest a cell may grow before it is cut with `…`.
const MAX_CELL: usize = 40;

/// A table built row by row, printed with columns padded to their widest cell.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells.into_iter().map(|c| cut(&c)).collect());
    }

    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(cell.chars().count());
                }
            }
        }
        let line = |cells: &[String]| {
            let padded: Vec<String> = cells
                .iter()
                .zip(&widths)
                .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - cell.chars().count())))
                .collect();
            padded.join("  ").trim_end().to_string()
        };
        let mut out = line(&self.header);
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
            out.push('\n');
        }
        out
    }
}

fn cut(cell: &str) -> String {
    let clean = crate::domain::text::clean_line(cell);
    if clean.chars().count() <= MAX_CELL {
        clean
    } else {
        let mut short: String = clean.chars().take(MAX_CELL - 1).collect();
        short.push('…');
        short
    }
}

/// A value or the word `unknown`, so gaps are visible.
pub fn or_unknown(value: Option<impl ToString>) -> String {
    value
        .map(|v| v.to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_and_cuts() {
        let mut t = Table::new(&["ID", "NAME"]);
        t.row(vec!["L1".into(), "Ana".into()]);
        t.row(vec!["L22".into(), "x".repeat(50)]);
        let out = t.render();
        assert!(out.starts_with("ID   NAME\nL1   Ana\n"), "{out}");
        assert!(out.contains('…'));
        assert_eq!(or_unknown(None::<String>), "unknown");
    }
}
