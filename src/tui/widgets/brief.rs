//! Label–value lines with a hanging indent, for the briefs of people and pairings. Unknown
//! values read "unknown" so the coordinator sees what to ask.

use ratatui::text::{Line, Span};

use super::{safe, wrap};
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
    // A word wider than the value column (a long zone, a desk's name) would overflow it and
    // the box would wrap it back to its left edge; such a value goes under its label
    // instead, at the box's whole width.
    let full = usize::from(width).max(8);
    if text.split_whitespace().any(|w| w.chars().count() > room) {
        let mut lines = vec![Line::from(Span::styled(label.to_string(), theme.dim))];
        lines.extend(wrap(&text, full).into_iter().map(Line::from));
        return lines;
    }
    wrap(&text, room)
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
    fn a_word_wider_than_the_value_column_puts_the_value_under_its_label() {
        let theme = Theme::monochrome();
        let lines = field("written by", Some("mentor:M0388 at 19:16"), 22, &theme);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, vec!["written by", "mentor:M0388 at 19:16"]);
        let lines = field("zone", Some("America/Argentina/Buenos_Aires"), 22, &theme);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, vec!["zone", "America/Argentina/Buen", "os_Aires"]);
    }

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
