//! Colours and emphasis. Meaning never rides on colour alone: every style that signals
//! something is paired with a word or symbol by the code that uses it, so `NO_COLOR` (which
//! keeps only bold, reverse and underline) reads the same.

use ratatui::style::{Color, Modifier, Style};

/// The palettes a person can pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub selected: Style,
    pub dim: Style,
    pub good: Style,
    pub warn: Style,
    pub bad: Style,
    pub accent: Style,
    pub border: Style,
    pub key: Style,
    pub bar: Style,
}

impl Theme {
    /// The theme to use: `name`, stripped of colour when `no_color` is set.
    pub fn pick(name: ThemeName, no_color: bool) -> Theme {
        match (name, no_color) {
            (_, true) => Theme::monochrome(),
            (ThemeName::Default, false) => Theme::standard(),
            (ThemeName::HighContrast, false) => Theme::high_contrast(),
        }
    }

    /// True when the environment asks for no colour (`NO_COLOR` set and not empty).
    pub fn no_color_requested() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    pub fn standard() -> Theme {
        Theme {
            base: Style::default(),
            title: Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            tab: Style::default().fg(Color::Gray),
            tab_active: Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            selected: Style::default()
                .bg(Color::DarkGray)
                .add_modifier(Modifier::BOLD),
            dim: Style::default().fg(Color::DarkGray),
            good: Style::default().fg(Color::Green),
            warn: Style::default().fg(Color::Yellow),
            bad: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            accent: Style::default().fg(Color::Magenta),
            border: Style::default().fg(Color::DarkGray),
            key: Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            bar: Style::default().fg(Color::Cyan),
        }
    }

    pub fn high_contrast() -> Theme {
        Theme {
            base: Style::default().fg(Color::White).bg(Color::Black),
            title: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            tab: Style::default().fg(Color::White),
            tab_active: Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            selected: Style::default()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(Modifier::BOLD),
            dim: Style::default().fg(Color::White),
            good: Style::default()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            warn: Style::default()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            bad: Style::default()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            accent: Style::default().fg(Color::LightCyan),
            border: Style::default().fg(Color::White),
            key: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            bar: Style::default().fg(Color::White),
        }
    }

    pub fn monochrome() -> Theme {
        let plain = Style::default();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            base: plain,
            title: bold,
            tab: plain,
            tab_active: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            dim: plain,
            good: plain,
            warn: bold,
            bad: bold.add_modifier(Modifier::UNDERLINED),
            accent: plain,
            border: plain,
            key: bold,
            bar: plain,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_has_no_colours() {
        let t = Theme::pick(ThemeName::HighContrast, true);
        for style in [
            t.base, t.title, t.selected, t.good, t.warn, t.bad, t.key, t.bar,
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
    }
}
