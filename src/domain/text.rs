//! Cleaning untrusted text: names, notes and anything else a person typed or a file carried.
//!
//! One rule serves import and render alike: control characters (C0 and C1), bidi overrides
//! and isolates and zero-width characters never survive, so terminal escape sequences are
//! inert; the Unicode line and paragraph separators (U+2028, U+2029) become spaces, so a name
//! never breaks a row. Messages quote values through [`quoted`] and paths through
//! [`shown_path`], which clean and cut them, and every line a command prints passes
//! [`for_terminal`].

use std::borrow::Cow;
use std::path::Path;

/// Most characters of a value quoted in a message; longer ones are cut with `…` so a
/// 10,000-character name gives a short message, not a screenful.
pub const MESSAGE_VALUE_CHARS: usize = 80;

/// Most characters of a path shown in a message; a longer one keeps its end (the file name).
pub const MESSAGE_PATH_CHARS: usize = 160;

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

/// True for the Unicode line and paragraph separators, which some terminals and widgets
/// treat as a line break: they become spaces.
fn is_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// One-line text: hazards dropped (tabs, newlines and U+2028/U+2029 become spaces), runs of
/// spaces kept, surrounding white space trimmed.
pub fn clean_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c == '\t' || c == '\n' || c == '\r' || is_separator(c) {
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
            c if is_separator(c) => out.push(' '),
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
    !raw.chars().any(|c| is_hazard(c) || is_separator(c))
}

/// Text about to be written to a terminal (a command's output, an error message): newlines
/// and layout kept, everything else that could move the cursor, reorder or hide text, or
/// talk to the terminal (ESC, CSI, OSC, C1, bidi, zero-width) dropped; tabs become four
/// spaces and U+2028/U+2029 a space. Borrowed when nothing needs to change.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c != '\n' && (is_hazard(c) || is_separator(c)))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if is_separator(c) => out.push(' '),
            c if is_hazard(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text as typed into a one-line field, made safe to draw without moving anything: hazards
/// dropped, tabs and U+2028/U+2029 shown as spaces, nothing trimmed (so the cursor still
/// sits where the person typed).
pub fn typed_line(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            if c == '\t' || c == '\n' || c == '\r' || is_separator(c) {
                Some(' ')
            } else if is_hazard(c) {
                None
            } else {
                Some(c)
            }
        })
        .collect()
}

/// `text` cut to `max` characters, its last one `…` when anything was cut.
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some(_) => {
            let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
            short.push('…');
            Cow::Owned(short)
        }
    }
}

/// A message made of text the desk did not write whole (clap's, a library's): every run of
/// more than [`MESSAGE_PATH_CHARS`] characters without a space is cut to
/// [`MESSAGE_VALUE_CHARS`] with `…`, so a value echoed whole cannot fill the screen. Short
/// messages come back borrowed.
pub fn cut_long_words(text: &str) -> Cow<'_, str> {
    let too_long = text
        .split(char::is_whitespace)
        .any(|word| word.len() > MESSAGE_PATH_CHARS && word.chars().count() > MESSAGE_PATH_CHARS);
    if !too_long {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(64 * 1024));
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.chars().count() > MESSAGE_PATH_CHARS {
            out.push_str(&cut(word, MESSAGE_VALUE_CHARS));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    Cow::Owned(out)
}

/// A value as a message shows it: cleaned to one line and cut to [`MESSAGE_VALUE_CHARS`].
pub fn shown(value: &str) -> String {
    cut(&clean_line(value), MESSAGE_VALUE_CHARS).into_owned()
}

/// A value in double quotes as a message quotes it: cleaned, cut, and its own `"` and `\`
/// escaped so the quotes still show where it starts and ends.
pub fn quoted(value: &str) -> String {
    let shown = shown(value);
    let mut out = String::with_capacity(shown.len() + 2);
    out.push('"');
    for c in shown.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// A path as a message shows it: cleaned to one line (a hostile file name cannot talk to the
/// terminal) and, past [`MESSAGE_PATH_CHARS`], cut at the front so the file name stays.
pub fn shown_path(path: &Path) -> String {
    let clean = clean_line(&path.to_string_lossy());
    let count = clean.chars().count();
    if count <= MESSAGE_PATH_CHARS {
        return clean;
    }
    let tail: String = clean
        .chars()
        .skip(count - (MESSAGE_PATH_CHARS - 1))
        .collect();
    format!("…{tail}")
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
    fn line_separators_become_spaces_and_c1_goes() {
        assert_eq!(clean_line("Ana\u{2028}Ruiz\u{2029}!"), "Ana Ruiz !");
        assert_eq!(clean_multiline("a\u{2028}b\nc"), "a b\nc");
        assert_eq!(clean_line("a\u{85}b\u{9b}31mc"), "ab31mc");
        assert!(!is_clean_line("a\u{2028}b"));
    }

    #[test]
    fn terminal_text_keeps_lines_and_drops_escapes() {
        assert!(matches!(for_terminal("plain\ntwo"), Cow::Borrowed(_)));
        assert_eq!(
            for_terminal("a\u{1b}]0;title\u{7}b\r\n\u{202E}c\u{2066}\td"),
            "a]0;titleb\nc    d"
        );
    }

    #[test]
    fn messages_cut_long_values_and_keep_quotes_visible() {
        let long = "x".repeat(10_000);
        let q = quoted(&long);
        assert_eq!(q.chars().count(), MESSAGE_VALUE_CHARS + 2);
        assert!(q.ends_with("…\""));
        assert_eq!(quoted("say \"hi\"\u{1b}[2J"), r#""say \"hi\"[2J""#);
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("abcd", 3), "ab…");
    }

    #[test]
    fn paths_are_cleaned_and_keep_their_file_name() {
        assert_eq!(
            shown_path(Path::new("/tmp/\u{1b}]0;pwned\u{7}x.csv")),
            "/tmp/]0;pwnedx.csv"
        );
        let deep = format!("/{}/learners.csv", "d/".repeat(200));
        let shown = shown_path(Path::new(&deep));
        assert_eq!(shown.chars().count(), MESSAGE_PATH_CHARS);
        assert!(shown.starts_with('…') && shown.ends_with("/learners.csv"));
    }

    #[test]
    fn long_words_in_foreign_messages_are_cut() {
        let msg = format!(
            "error: unexpected argument '--{}' found\n",
            "x".repeat(5000)
        );
        let cut = cut_long_words(&msg);
        assert!(cut.len() < 200, "{cut}");
        assert!(cut.starts_with("error: unexpected argument '--x") && cut.ends_with("… found\n"));
        assert!(matches!(
            cut_long_words("short words only"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn typed_text_keeps_its_spaces() {
        assert_eq!(typed_line(" a\u{1b}[1m\u{2028}b "), " a[1m b ");
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
