//! Hostile text: what an attacker or a careless export puts in a name, a reason, a note or a
//! file name, and the scanner that says whether any of it reached what a terminal shows.
//!
//! Shared by the hostile-text harness (`tests/hostile_text.rs`) and the parser fuzz tests.

#![allow(dead_code)]

/// A 10,000-character value: messages must cut it, tables must cut it.
pub const LONG_CHARS: usize = 10_000;

/// Each sample with a short name saying what it tries.
pub fn samples() -> Vec<(&'static str, String)> {
    vec![
        ("csi colour", "Ana\u{1b}[31mRed\u{1b}[0m".into()),
        ("clear screen", "\u{1b}[2J\u{1b}[Hwiped".into()),
        ("osc title", "Bo\u{1b}]0;pwned title\u{7}b".into()),
        (
            "osc 8 link",
            "\u{1b}]8;;http://evil.example/\u{1b}\\click\u{1b}]8;;\u{1b}\\".into(),
        ),
        ("dcs and st", "x\u{1b}P1$r\u{1b}\\y".into()),
        ("c1 csi", "Cy\u{9b}31mred".into()),
        ("c1 osc nel", "Di\u{9d}0;t\u{9c}\u{85}next".into()),
        ("bidi override", "Eve\u{202E}gnp.exe\u{202C}".into()),
        ("bidi embeds", "F\u{202A}a\u{202B}b\u{202D}c\u{202C}".into()),
        (
            "bidi isolates",
            "G\u{2066}x\u{2067}y\u{2068}z\u{2069}".into(),
        ),
        ("arabic letter mark", "H\u{061C}i".into()),
        ("line separators", "Ivo\u{2028}Line\u{2029}Para".into()),
        ("nul bell backspace", "Jo\u{0}a\u{7}b\u{8}c".into()),
        ("zero width", "Ka\u{200B}t\u{200D}e\u{FEFF}\u{2060}".into()),
        ("carriage return", "visible\rhidden".into()),
        ("tab and newline", "Lu\tcy\nnext line".into()),
        ("delete", "Mo\u{7f}x".into()),
        ("very long", format!("N{}", "x".repeat(LONG_CHARS))),
        (
            "everything",
            "O\u{1b}[1m\u{9b}2J\u{202E}\u{2066}\u{2028}\u{200B}\u{0}\u{7}end".into(),
        ),
    ]
}

/// True for a character that must never reach a terminal: C0 controls other than `\n`, DEL,
/// C1 controls, bidi embeddings, overrides and isolates, zero-width characters and the
/// Unicode line and paragraph separators.
pub fn is_hazard(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{061C}'
        )
}

/// Every hazard in `text` with its position, empty when the text is safe to show.
pub fn hazards(text: &str) -> Vec<(usize, char)> {
    text.char_indices().filter(|(_, c)| is_hazard(*c)).collect()
}

/// Panics, naming `what` and showing where, when `text` holds a hazard.
pub fn assert_inert(what: &str, text: &str) {
    let found = hazards(text);
    if let Some(&(at, c)) = found.first() {
        let before: String = text[..at].chars().rev().take(40).collect();
        let before: String = before.chars().rev().collect();
        let after: String = text[at..].chars().take(40).collect();
        panic!(
            "{what}: {} hazard(s), the first U+{:04X} at byte {at}: {:?}",
            found.len(),
            c as u32,
            format!("{before}{after}")
        );
    }
}

/// Panics when a line of `text` is longer than `max` characters (a long value echoed whole).
pub fn assert_lines_within(what: &str, text: &str, max: usize) {
    for line in text.lines() {
        let n = line.chars().count();
        assert!(
            n <= max,
            "{what}: a line of {n} characters (at most {max}): {:?}…",
            line.chars().take(120).collect::<String>()
        );
    }
}

#[test]
fn the_scanner_sees_every_sample() {
    for (name, sample) in samples() {
        if name == "very long" {
            continue;
        }
        assert!(!hazards(&sample).is_empty(), "{name} holds no hazard");
    }
    assert!(hazards("Ana Ruiz\nline two é ✓ …").is_empty());
}
