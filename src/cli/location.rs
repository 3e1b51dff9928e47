//! Where the database lives: `--db`, else `MENTORDESK_DB`, else the platform data folder.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The file name inside the data folder.
const FILE_NAME: &str = "desk.sqlite3";

/// Picks the database path. `explicit` carries `--db` or `MENTORDESK_DB` (clap reads both).
/// Only the default folder is created here (private, 0700); a folder the person named must
/// exist already.
pub fn database_path(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = explicit.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(path.to_path_buf());
    }
    let dirs = directories::ProjectDirs::from("org", "mentordesk", "mentordesk")
        .context("could not find a home folder for the data; pass --db PATH")?;
    let folder = dirs.data_dir();
    create_private_dir(folder)
        .with_context(|| format!("could not create the data folder {}", folder.display()))?;
    Ok(folder.join(FILE_NAME))
}

/// Reads `--db` or `MENTORDESK_DB`. An empty value (`MENTORDESK_DB=` left in a shell
/// profile) means unset, as it does for most tools, rather than refusing every command.
pub fn path_or_unset(raw: &str) -> Result<PathBuf, std::convert::Infallible> {
    Ok(PathBuf::from(raw))
}

/// The platform config folder (`~/.config/mentordesk` on Linux), where a user's `keymap.toml`
/// and `intro.txt` live; not created here.
pub fn config_folder() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("org", "mentordesk", "mentordesk")?;
    Some(dirs.config_dir().to_path_buf())
}

/// `mentordesk.log` in the platform data folder (created private like the database's).
pub fn log_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("org", "mentordesk", "mentordesk")?;
    let folder = dirs.data_dir();
    create_private_dir(folder).ok()?;
    Some(folder.join("mentordesk.log"))
}

#[cfg(unix)]
fn create_private_dir(folder: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)
}

#[cfg(not(unix))]
fn create_private_dir(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)
}
