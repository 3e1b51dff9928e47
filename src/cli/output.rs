//! Data a command hands to standard output whole (an export, a report): written as is into a
//! pipe or file, so it stays exactly the data, and cleaned when a person reads it in a
//! terminal, where a hostile value could otherwise talk to the terminal.
//!
//! Owns: that one choice. May use: `domain::text`.

use std::io::{IsTerminal, Write};

/// Writes `bytes` to stdout; through `text::for_terminal` when stdout is a terminal.
pub fn print_data(bytes: &[u8]) -> std::io::Result<()> {
    let mut stdout = std::io::stdout();
    if stdout.is_terminal() {
        let text = String::from_utf8_lossy(bytes);
        stdout.write_all(crate::domain::text::for_terminal(&text).as_bytes())
    } else {
        stdout.write_all(bytes)
    }
}
