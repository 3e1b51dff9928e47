//! Label–value lines with a hanging indent, for the briefs of people and pairings. Unknown
//! values read "unknown" so the coordinator sees what to ask.

use ratatui::text::{Line, Span};

use super::safe;
use crate::tui::theme::Theme;

/// Width of the label column.
const LABEL: usize = 13;

/// Lines for `label: value`, the value wrapped at word (or `;`) boundaries to `width` columns
/// and continued under itself.
pub fn field(label: &str, value: Option<&str>, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    field_or(label, value, "unknown", width, theme)
}

/// As [`field`], with `missing` said when there is no value (a check-in's "none" is not a
/// person's "unknown").
pub fn field_or(
    label: &str,
    value: Option<&str>,
    missing: &'static str,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let room = usize::from(width).saturating_sub(LABEL).max(8);
    let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
        return vec![Line::from(vec![
            Span::styled(format!("{label:<LABEL$}"), theme.dim),
            Span::styled(missing, theme.dim),
        ])];
    };
    let text = safe(value).replace(';', "; ");
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let needed =
            current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if needed > room && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    lines.push(current);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let head = if i == 0 {
                format!("{label:<LABEL$}")
            } else {
                " ".repeat(LABEL)
            };
            Line::from(vec![Span::styled(head, theme.dim), Span::raw(chunk)])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_under_the_value() {
        let theme = Theme::monochrome();
        let lines = field(
            "availability",
            Some("Mon 18:00-20:00;Wed 18:00-20:00"),
            30,
            &theme,
        );
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            text,
            vec![
                "availability Mon 18:00-20:00;",
                "             Wed 18:00-20:00"
            ]
        );
        let unknown = field("track", None, 30, &theme);
        assert_eq!(unknown[0].to_string(), "track        unknown");
    }
}
