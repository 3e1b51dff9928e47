//! `intro`: the introduction of a new pair, as text or an e-mail draft.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::IntroFormatArg;
use crate::desk::Desk;
use crate::domain::PairingId;
use crate::exchange::file::write_private;
use crate::exchange::guides::strict_library;
use crate::exchange::intro::{Template, missing_emails, render_eml, render_text};

pub fn intro(
    desk: &mut Desk,
    pairing: i64,
    format: IntroFormatArg,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let intro = desk.introduction(PairingId(pairing))?;
    let config = super::config_folder();
    let (template, _) = Template::load(config.as_deref())?;
    let guides = strict_library(desk, config.as_deref())?;
    let bytes = match format {
        IntroFormatArg::Text => render_text(&intro, &template, &guides).into_bytes(),
        IntroFormatArg::Eml => render_eml(&intro, &template, &guides)?,
    };
    match output {
        None => {
            use std::io::Write as _;
            std::io::stdout().write_all(&bytes)?;
        }
        Some(path) => {
            write_private(path, &bytes)?;
            say!(
                "wrote the introduction of pairing {pairing} to {}",
                path.display()
            );
            for missing in missing_emails(&intro) {
                say!("note: {missing}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
