//! Guides from files: a coordinator (or a mentor) adds a guide, or replaces a built-in one, by
//! putting `NAME.md` in the `guides` folder of the config folder (the folder that holds
//! `keymap.toml` and `intro.txt`).
//!
//! Owns: reading that folder (each file size-capped, a bad one named with the reason) and
//! putting together the library a desk shows: built in, then the guides of the pack this
//! desk was made from, then the folder's. May use: `domain`, `desk`.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::file::{GUIDE, read_capped};
use crate::desk::{Desk, DeskError};
use crate::domain::guide::{Guide, GuideLibrary, GuideName, GuideSource};
use crate::domain::text::shown_path;

/// The folder inside the config folder that holds a person's guides.
pub const GUIDES_FOLDER: &str = "guides";
/// Most guide files read from the folder; a folder with more is a mistake (a wrong folder).
pub const MAX_FOLDER_GUIDES: usize = 200;

/// A guide file the desk could not use, named with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}: {problem}", shown_path(path))]
pub struct GuideFileError {
    pub path: PathBuf,
    pub problem: String,
}

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum GuideError {
    #[error(transparent)]
    Desk(#[from] DeskError),
    /// The first bad file, and how many more there are.
    #[error("{first}{}", more_words(*.more))]
    BadFiles { first: GuideFileError, more: usize },
}

fn more_words(more: usize) -> String {
    match more {
        0 => String::new(),
        1 => " (and 1 more guide file with a problem)".into(),
        n => format!(" (and {n} more guide files with a problem)"),
    }
}

impl GuideError {
    /// True when what the person gave was at fault (exit code 2).
    pub fn is_user_error(&self) -> bool {
        match self {
            GuideError::Desk(e) => e.is_user_error(),
            GuideError::BadFiles { .. } => true,
        }
    }
}

/// The guides of a folder: those that read well, and the files refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderGuides {
    pub guides: Vec<Guide>,
    pub refused: Vec<GuideFileError>,
}

/// Reads every `NAME.md` in `config_folder/guides` (none when there is no such folder),
/// in name order. Other files are left alone.
pub fn read_folder(config_folder: Option<&Path>) -> FolderGuides {
    let mut out = FolderGuides::default();
    let Some(folder) = config_folder.map(|c| c.join(GUIDES_FOLDER)) else {
        return out;
    };
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return out,
        Err(e) => {
            out.refused.push(GuideFileError {
                path: folder,
                problem: format!("cannot read the folder: {e}"),
            });
            return out;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    paths.sort();
    if paths.len() > MAX_FOLDER_GUIDES {
        out.refused.push(GuideFileError {
            path: folder,
            problem: format!(
                "holds {} guide files; the desk reads at most {MAX_FOLDER_GUIDES}",
                paths.len()
            ),
        });
        paths.truncate(MAX_FOLDER_GUIDES);
    }
    for path in paths {
        match read_one(&path) {
            Ok(guide) => out.guides.push(guide),
            Err(problem) => out.refused.push(GuideFileError { path, problem }),
        }
    }
    out
}

/// One guide file: its name from the file name, its text size-capped and UTF-8.
fn read_one(path: &Path) -> Result<Guide, String> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = GuideName::parse(&stem).map_err(|e| {
        format!(
            "{e}; name the file after the guide, as first-session.md (the name a check-in records)"
        )
    })?;
    let bytes = read_capped(path, GUIDE).map_err(|e| match e {
        // The error already names the file; the caller names it once more.
        super::file::FileError::TooLarge { .. } => {
            format!(
                "larger than {} (the limit for a guide file)",
                super::file::size_words(GUIDE.max_bytes)
            )
        }
        other => other.to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| "is not UTF-8 text".to_string())?;
    Guide::parse(name, &text, GuideSource::Folder)
}

/// The library this desk shows, with the folder's files that were refused: built in, the
/// pack's guides (a mentor desk), the folder's.
pub fn library(
    desk: &mut Desk,
    config_folder: Option<&Path>,
) -> Result<(GuideLibrary, Vec<GuideFileError>), DeskError> {
    let pack = desk.pack_guides()?;
    let folder = read_folder(config_folder);
    Ok((
        GuideLibrary::built_in()
            .overlaid(pack)
            .overlaid(folder.guides),
        folder.refused,
    ))
}

/// The library, refusing every guide when a file in the folder is bad: what a command uses,
/// so a mistake in a guide is seen at once rather than a guide silently missing.
pub fn strict_library(
    desk: &mut Desk,
    config_folder: Option<&Path>,
) -> Result<GuideLibrary, GuideError> {
    let (library, mut refused) = library(desk, config_folder)?;
    if refused.is_empty() {
        return Ok(library);
    }
    let more = refused.len() - 1;
    Err(GuideError::BadFiles {
        first: refused.remove(0),
        more,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(folder: &Path, name: &str, text: &str) {
        let guides = folder.join(GUIDES_FOLDER);
        std::fs::create_dir_all(&guides).unwrap();
        std::fs::write(guides.join(name), text).unwrap();
    }

    #[test]
    fn no_folder_means_no_guides_and_no_problem() {
        assert_eq!(read_folder(None), FolderGuides::default());
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_folder(Some(dir.path())), FolderGuides::default());
    }

    #[test]
    fn folder_guides_override_and_add_and_bad_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "first-session.md",
            "# Our first session\nWhen to use: always\n\n1. Hello\n2. Goals",
        );
        write(
            dir.path(),
            "portfolio.md",
            "# Portfolio review\nWhen to use: late\n- a",
        );
        write(dir.path(), "Broken Name.md", "# T\nWhen to use: x\n- a");
        write(dir.path(), "no-title.md", "When to use: x\n- a");
        write(dir.path(), "notes.txt", "not a guide");
        write(dir.path(), "huge.md", &"x".repeat(70_000));
        let folder = read_folder(Some(dir.path()));
        let names: Vec<_> = folder.guides.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["first-session", "portfolio"]);
        let problems: Vec<String> = folder.refused.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems[0].contains("Broken Name.md: guide name"),
            "{problems:?}"
        );
        assert!(
            problems[1].contains("huge.md: larger than 64 KB"),
            "{problems:?}"
        );
        assert!(
            problems[2].contains("no-title.md: the first line must be"),
            "{problems:?}"
        );
        let library = GuideLibrary::built_in().overlaid(folder.guides);
        let first = library.get("first-session").unwrap();
        assert_eq!(
            (first.title.as_str(), first.source),
            ("Our first session", GuideSource::Folder)
        );
        assert_eq!(
            library.get("portfolio").unwrap().source,
            GuideSource::Folder
        );
        assert_eq!(library.get("closing").unwrap().source, GuideSource::BuiltIn);
    }
}
