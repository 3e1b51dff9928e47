//! Spreadsheet formula neutralisation: a cell a spreadsheet would run as a formula is written
//! with a leading `'`, and reading strips exactly that `'`, so a round trip is lossless.
//!
//! A cell is risky when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return. To keep
//! the round trip lossless for every text, a cell already made of `'`s before a risky start
//! (`'=x`) gets one more `'` too: writing adds one `'` to any cell matching `'*[=+\-@\t\r]…`,
//! and reading removes one from any cell matching `'+[=+\-@\t\r]…`. Other cells, `'` or not,
//! pass untouched both ways.

use std::borrow::Cow;

/// Characters that make a spreadsheet read a cell as a formula.
fn is_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// True when the cell, after any leading `'`s, starts with a trigger.
fn risky_after_quotes(cell: &str) -> bool {
    cell.trim_start_matches('\'')
        .chars()
        .next()
        .is_some_and(is_trigger)
}

/// The cell as written to a CSV file.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if risky_after_quotes(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as it was before [`neutralise`].
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if risky_after_quotes(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn risky_cells_get_one_quote() {
        assert_eq!(neutralise("=SUM(A1:A9)"), "'=SUM(A1:A9)");
        assert_eq!(neutralise("+1 555"), "'+1 555");
        assert_eq!(neutralise("-2"), "'-2");
        assert_eq!(neutralise("@cmd"), "'@cmd");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("'=already"), "''=already");
        assert_eq!(neutralise("Ana"), "Ana");
        assert_eq!(neutralise("'quoted'"), "'quoted'");
        assert_eq!(neutralise(""), "");
        assert_eq!(restore("'=SUM(A1:A9)"), "=SUM(A1:A9)");
        assert_eq!(restore("''=already"), "'=already");
        assert_eq!(restore("'quoted'"), "'quoted'");
        assert_eq!(restore("'"), "'");
    }

    proptest! {
        #[test]
        fn any_cell_survives_the_round_trip(cell in "['=+@\\t\\r -]{0,3}[a-z'=+ -]{0,6}") {
            let written = neutralise(&cell);
            prop_assert_eq!(restore(&written), cell.as_str());
            let first = written.trim_start_matches('\'').chars().next();
            if first.is_some_and(is_trigger) {
                prop_assert!(written.starts_with('\''), "{:?} left risky", written);
            }
        }

        #[test]
        fn any_unicode_cell_survives_the_round_trip(cell in any::<String>()) {
            let written = neutralise(&cell);
            prop_assert_eq!(restore(&written), cell.as_str());
        }
    }
}
