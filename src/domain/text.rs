//! Cleaning untrusted text: names, notes and anything else a person typed or a file carried.
//!
//! One rule serves import and render alike: control characters, bidi overrides and
//! zero-width characters never survive, so terminal escape sequences are inert.

/// True for characters that may move the cursor, reorder text or hide themselves.
fn is_hazard(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{061C}'
        )
}

/// One-line text: hazards dropped (tabs and newlines become spaces), runs of spaces kept,
/// surrounding white space trimmed.
pub fn clean_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c == '\t' || c == '\n' || c == '\r' {
            out.push(' ');
        } else if !is_hazard(c) {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// Multi-line text: like [`clean_line`] but keeps `\n` (a `\r\n` pair becomes `\n`).
pub fn clean_multiline(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if is_hazard(c) => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Text cleaned as a single line, or `None` when nothing is left (an unknown value).
pub fn optional_line(raw: &str) -> Option<String> {
    let cleaned = clean_line(raw);
    (!cleaned.is_empty()).then_some(cleaned)
}

/// Multi-line text cleaned, or `None` when nothing is left.
pub fn optional_multiline(raw: &str) -> Option<String> {
    let cleaned = clean_multiline(raw);
    (!cleaned.is_empty()).then_some(cleaned)
}

/// True when rendering `raw` would change nothing: it holds no hazard.
pub fn is_clean_line(raw: &str) -> bool {
    !raw.chars().any(is_hazard)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_inert() {
        assert_eq!(clean_line("Ana\u{1b}[31m Ruiz\u{7}"), "Ana[31m Ruiz");
    }

    #[test]
    fn bidi_and_zero_width_are_dropped() {
        assert_eq!(clean_line("a\u{202E}b\u{200B}c\u{FEFF}"), "abc");
    }

    #[test]
    fn multiline_keeps_newlines_only() {
        assert_eq!(
            clean_multiline("one\r\ntwo\rthree\u{1b}"),
            "one\ntwo\nthree"
        );
        assert_eq!(clean_line("one\ntwo"), "one two");
    }

    #[test]
    fn empty_is_unknown() {
        assert_eq!(optional_line("  \u{200B} "), None);
        assert_eq!(optional_line(" x "), Some("x".into()));
    }
}

/// `n` and the noun, singular for one: "1 record", "5 records".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod counted_tests {
    #[test]
    fn one_is_singular() {
        assert_eq!(super::counted(1, "record", "records"), "1 record");
        assert_eq!(super::counted(0, "record", "records"), "0 records");
        assert_eq!(super::counted(5, "record", "records"), "5 records");
    }
}
