//! Writing notes in the person's own editor (`$VISUAL`, else `$EDITOR`, else `vi`) on a
//! private temporary file. The event loop suspends the desk around [`edit`]; nothing here
//! touches the terminal.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::Command;

/// How an editor session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorOutcome {
    /// The file's text after the editor exited successfully.
    Saved(String),
    /// The editor exited unsuccessfully (its exit status, in words); the text is not taken.
    Failed(String),
}

/// The editor command the environment names.
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// A new file only the owner can read, in the temporary folder.
fn private_file(text: &str) -> io::Result<PathBuf> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let path = std::env::temp_dir().join(format!(
        "mentordesk-notes-{}-{nanos}.md",
        std::process::id()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&path)?;
    file.write_all(text.as_bytes())?;
    Ok(path)
}

/// Runs `command` (through `sh`, so `code -w` works) on a temporary file holding `text`
/// and returns what it left there, without trailing line breaks (the file is written with
/// one, as editors expect). The file is removed afterwards.
pub fn edit(command: &str, text: &str) -> io::Result<EditorOutcome> {
    let path = private_file(&format!("{}\n", text.trim_end_matches('\n')))?;
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{command} \"$1\""))
        .arg("mentordesk-editor")
        .arg(&path)
        .status();
    let outcome = match status {
        Ok(status) if status.success() => std::fs::read_to_string(&path)
            .map(|text| EditorOutcome::Saved(text.trim_end_matches('\n').to_string())),
        Ok(status) => Ok(EditorOutcome::Failed(status.to_string())),
        Err(e) => Err(e),
    };
    let _ = std::fs::remove_file(&path);
    outcome
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn saved_text_comes_back_and_failures_say_so() {
        let saved = edit("sh -c 'printf \"line one\\nline two\\n\" > \"$0\"'", "old").unwrap();
        assert_eq!(saved, EditorOutcome::Saved("line one\nline two".into()));
        let appended = edit("sh -c 'echo more >> \"$0\"'", "first").unwrap();
        assert_eq!(appended, EditorOutcome::Saved("first\nmore".into()));
        let failed = edit("false", "old").unwrap();
        assert!(matches!(failed, EditorOutcome::Failed(_)), "{failed:?}");
    }
}
