//! Colours for those who have them. Every state that colour marks (focus, selection,
//! overdue, due soon, errors) also has a marker or a border, so `NO_COLOR` loses nothing.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    palette: Palette,
    /// False under `NO_COLOR`: emphasis (bold, reversed) stays, colours go.
    color: bool,
}

/// The colours of one theme. `muted` is `None` where dimmed text would be too faint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Palette {
    focus: Color,
    unfocused: Option<Color>,
    muted: Option<Color>,
    overdue: Color,
    due_soon: Color,
    ok: Color,
    key: Color,
    /// Extra weight for text that must stand out; the high-contrast theme bolds more.
    emphasis: Modifier,
}

const DARK: Palette = Palette {
    focus: Color::Cyan,
    unfocused: Some(Color::DarkGray),
    muted: Some(Color::DarkGray),
    overdue: Color::Red,
    due_soon: Color::Yellow,
    ok: Color::Green,
    key: Color::Cyan,
    emphasis: Modifier::empty(),
};

/// Yellow and light grey vanish on white, so "due soon" is magenta and muted text is the
/// terminal's dark grey, which light themes draw darker than their background.
const LIGHT: Palette = Palette {
    focus: Color::Blue,
    unfocused: Some(Color::DarkGray),
    muted: Some(Color::DarkGray),
    overdue: Color::Red,
    due_soon: Color::Magenta,
    ok: Color::Green,
    key: Color::Blue,
    emphasis: Modifier::empty(),
};

/// Bright colours only and nothing dimmed: unfocused borders and muted text keep the
/// terminal's own foreground, the strongest contrast it has.
const HIGH_CONTRAST: Palette = Palette {
    focus: Color::LightYellow,
    unfocused: None,
    muted: None,
    overdue: Color::LightRed,
    due_soon: Color::LightYellow,
    ok: Color::LightGreen,
    key: Color::LightCyan,
    emphasis: Modifier::BOLD,
};

impl Theme {
    pub const fn new(name: ThemeName, color: bool) -> Theme {
        let palette = match name {
            ThemeName::Dark => DARK,
            ThemeName::Light => LIGHT,
            ThemeName::HighContrast => HIGH_CONTRAST,
        };
        Theme { palette, color }
    }

    /// The configured theme, with colour off when `NO_COLOR` has any non-empty value.
    pub fn from_env(name: ThemeName) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(name, !no_color)
    }

    /// No colour at all, as under `NO_COLOR`: what tests compare screens with.
    pub const fn plain() -> Theme {
        Theme::new(ThemeName::Dark, false)
    }

    fn fg(&self, color: Option<Color>) -> Style {
        match color {
            Some(color) if self.color => Style::new().fg(color),
            _ => Style::new(),
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Some(self.palette.focus))
                .add_modifier(Modifier::BOLD)
        } else {
            self.fg(self.palette.unfocused)
        }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | self.palette.emphasis)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn muted(&self) -> Style {
        self.fg(self.palette.muted)
    }

    pub fn overdue(&self) -> Style {
        self.fg(Some(self.palette.overdue))
            .add_modifier(Modifier::BOLD)
    }

    pub fn due_soon(&self) -> Style {
        self.fg(Some(self.palette.due_soon))
            .add_modifier(self.palette.emphasis)
    }

    pub fn error(&self) -> Style {
        self.fg(Some(self.palette.overdue))
            .add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Some(self.palette.ok))
            .add_modifier(self.palette.emphasis)
    }

    pub fn key(&self) -> Style {
        self.fg(Some(self.palette.key)).add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast];

    #[test]
    fn without_colour_every_theme_keeps_focus_and_selection_by_emphasis() {
        for name in ALL {
            let theme = Theme::new(name, false);
            for style in [theme.border(true), theme.overdue(), theme.key()] {
                assert_eq!(style.fg, None, "{name:?}");
                assert!(style.add_modifier.contains(Modifier::BOLD), "{name:?}");
            }
            assert!(theme.selected().add_modifier.contains(Modifier::REVERSED));
        }
    }

    #[test]
    fn the_light_theme_draws_nothing_in_yellow_or_light_grey() {
        let theme = Theme::new(ThemeName::Light, true);
        for style in [
            theme.border(true),
            theme.border(false),
            theme.muted(),
            theme.overdue(),
            theme.due_soon(),
            theme.error(),
            theme.ok(),
            theme.key(),
        ] {
            assert!(
                !matches!(
                    style.fg,
                    Some(Color::Yellow | Color::LightYellow | Color::Gray | Color::White)
                ),
                "{style:?}"
            );
        }
    }

    #[test]
    fn high_contrast_dims_nothing() {
        let theme = Theme::new(ThemeName::HighContrast, true);
        for style in [theme.muted(), theme.border(false)] {
            assert!(!matches!(style.fg, Some(Color::DarkGray | Color::Gray)));
            assert!(!style.add_modifier.contains(Modifier::DIM));
        }
    }
}
