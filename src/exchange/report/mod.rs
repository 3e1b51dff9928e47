//! Reports a stakeholder can read: the program's metrics as text, JSON or one self-contained
//! HTML page, named or anonymised.
//!
//! Owns: what a report may show. Every format renders the same [`Model`], built here once,
//! so the rules hold in all three: a mentor is named only if their record says they agreed
//! to be recognised (others are counted), named mentors are listed by name, never ranked;
//! no learner is ever named. In [`Mode::Anonymized`] the model holds aggregates only — no
//! names, ids, e-mails or free text (end reasons in a coordinator's own words become
//! "other reason") — and every count below 5 is `<5`, every figure worked out from fewer
//! than 5 values is withheld. May use: `domain`, `desk`.

mod figure;
mod html;
mod json;
mod model;
mod reflection;
mod text;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};

pub use figure::{Count, Stat, Unit};
pub use model::{
    Attention, Change, Counted, Load, Model, NamedMentor, Part, Recognition, Times, Week,
};
pub use reflection::{ReflectionSection, Reflections, SelfChange};

use crate::desk::Insight;

/// Who the report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// For the program: mentors who agreed are named.
    Named,
    /// To send outside the program: aggregates only, small counts hidden.
    Anonymized,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Named => "named",
            Mode::Anonymized => "anonymized",
        }
    }

    /// The line every report's header carries.
    pub fn note(self) -> &'static str {
        match self {
            Mode::Named => {
                "Named report: for the program team. Mentors are named only if they agreed to \
                 be recognised; learners are never named."
            }
            Mode::Anonymized => {
                "Anonymised report: aggregates only, no names, ids, e-mails or free text; \
                 counts below 5 are shown as <5 and figures from fewer than 5 values are \
                 withheld."
            }
        }
    }
}

/// The formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Html,
}

/// Writes the report of `insight` in `format`.
pub fn render(insight: &Insight, mode: Mode, format: Format, generated: DateTime<Utc>) -> String {
    let model = Model::build(insight, mode, generated);
    match format {
        Format::Text => text::render(&model),
        Format::Json => json::render(&model),
        Format::Html => html::render(&model),
    }
}

/// The metrics of `insight` as plain text, without a report's header and recognition section
/// (what `mentordesk metrics` prints).
pub fn metrics_text(insight: &Insight) -> String {
    let model = Model::build(insight, Mode::Named, insight.metrics.to);
    let mut out = format!(
        "Program metrics, {}{}\n",
        model.period,
        model
            .from
            .as_ref()
            .map(|from| format!(" ({from} to {})", model.to))
            .unwrap_or_default()
    );
    out.push_str(&text::metrics(&model));
    out
}
