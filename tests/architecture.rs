//! The dependency rule of `src/lib.rs`, checked on the source text: a module may name only
//! the crate modules and outside libraries its row allows.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

/// (module, crate modules it may use)
const RULES: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("matching", &["domain"]),
    ("store", &["domain"]),
    ("desk", &["domain", "matching", "store"]),
    ("exchange", &["domain", "desk"]),
    ("demo", &["domain"]),
    ("cli", &["desk", "exchange", "demo", "domain"]),
    ("tui", &["desk", "domain"]),
    (
        "launch",
        &["cli", "desk", "demo", "domain", "exchange", "tui"],
    ),
];

/// Outside crates that only one module may name.
const OWNED_CRATES: &[(&str, &str)] = &[
    ("rusqlite", "store"),
    ("ratatui", "tui"),
    ("crossterm", "tui"),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_files(module: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join(module), &mut files);
    let single = src.join(format!("{module}.rs"));
    if single.exists() {
        files.push(single);
    }
    files
}

/// Lines of code with `//` comments removed, so docs may mention any module.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.split("//").next().unwrap_or("")))
}

#[test]
fn modules_use_only_what_they_may() {
    let mut breaches = Vec::new();
    let all: Vec<&str> = RULES.iter().map(|(m, _)| *m).collect();
    for (module, allowed) in RULES {
        for file in module_files(module) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in code_lines(&text) {
                for other in &all {
                    if other == module || allowed.contains(other) {
                        continue;
                    }
                    if line.contains(&format!("crate::{other}::"))
                        || line.contains(&format!("crate::{other};"))
                        || line.contains(&format!("crate::{other}}}"))
                    {
                        breaches.push(format!("{}:{n}: {module} names {other}", file.display()));
                    }
                }
                for (krate, owner) in OWNED_CRATES {
                    if owner != module && line.contains(&format!("{krate}::")) {
                        breaches.push(format!("{}:{n}: {module} names {krate}", file.display()));
                    }
                }
            }
        }
    }
    assert!(
        breaches.is_empty(),
        "dependency rule broken:\n{}",
        breaches.join("\n")
    );
}

#[test]
fn the_rule_catches_a_breach() {
    let sample = "use crate::store::Store; // fine in a comment: crate::tui::\nlet x = rusqlite::Connection;";
    let lines: Vec<_> = code_lines(sample).collect();
    assert!(lines[0].1.contains("crate::store::"));
    assert!(!lines[0].1.contains("crate::tui::"));
    assert!(lines[1].1.contains("rusqlite::"));
}
