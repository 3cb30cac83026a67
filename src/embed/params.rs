//! The embed's URL parameters (a contract: help articles carry them in their snippets, and `embed.js` maps each
//! `data-` attribute of the same name onto one). The scenario (`scenario=ID` or a `#s=1.` payload) and `lang`
//! are read as the tutor reads them ([`crate::boot::boot`]); the rest are the widget's own. A value that cannot
//! be used is said in the widget and its default used instead: an article with a typo still plays.

use crate::boot::query_param;

use super::player::SPEEDS;

/// `theme=`: the tutor's themes, and `auto`, which follows `prefers-color-scheme`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EmbedTheme {
    /// The help article's green on black.
    #[default]
    Classic,
    /// Dark text on white.
    Light,
    /// Light text on a dark grey, for articles with a dark page.
    Dark,
    /// Light or dark as the reader's system prefers (and follows it when it changes).
    Auto,
    /// The tutor's high-contrast theme.
    Contrast,
}

impl EmbedTheme {
    const NAMES: [(&'static str, EmbedTheme); 5] = [
        ("classic", EmbedTheme::Classic),
        ("light", EmbedTheme::Light),
        ("dark", EmbedTheme::Dark),
        ("auto", EmbedTheme::Auto),
        ("contrast", EmbedTheme::Contrast),
    ];

    /// The theme's `theme=` value.
    pub fn name(self) -> &'static str {
        EmbedTheme::NAMES.iter().find(|(_, t)| *t == self).map_or("classic", |(n, _)| n)
    }

    /// The CSS class for the theme; `dark_preferred` says what `auto` resolves to.
    pub fn class(self, dark_preferred: bool) -> &'static str {
        match self {
            EmbedTheme::Classic => "theme-classic",
            EmbedTheme::Light => "theme-light",
            EmbedTheme::Dark => "theme-dark",
            EmbedTheme::Contrast => "theme-contrast",
            EmbedTheme::Auto if dark_preferred => "theme-dark",
            EmbedTheme::Auto => "theme-light",
        }
    }
}

/// What the address asks of the widget, beside the scenario and the language.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedParams {
    /// `theme=`.
    pub theme: EmbedTheme,
    /// `autoplay=1`: play when the widget is first visible.
    pub autoplay: bool,
    /// `speed=` (0.25 to 4): scales every delay.
    pub speed: f64,
    /// `step=N`: the steps before N are played at once when the widget opens; N is the next (from 1).
    pub step: usize,
    /// `live=0`: no "Try it yourself".
    pub live: bool,
    /// `explain=0`: a step without its own caption gets none (instead of the reply's explanation).
    pub explain: bool,
    /// Parameters whose values could not be used, and those values (cut).
    pub bad: Bad,
}

impl Default for EmbedParams {
    fn default() -> EmbedParams {
        EmbedParams {
            theme: EmbedTheme::Classic,
            autoplay: false,
            speed: 1.0,
            step: 1,
            live: true,
            explain: true,
            bad: Vec::new(),
        }
    }
}

/// The longest value quoted back in a notice.
const QUOTED_CHARS: usize = 40;

impl EmbedParams {
    /// Reads the query (`?…`, with or without the `?`).
    pub fn read(search: &str) -> EmbedParams {
        let d = EmbedParams::default();
        let mut bad = Vec::new();
        let names = &EmbedTheme::NAMES;
        let theme = param(search, "theme", &|v| names.iter().find(|(n, _)| *n == v).map(|t| t.1), &mut bad);
        let autoplay = param(search, "autoplay", &flag, &mut bad);
        let live = param(search, "live", &flag, &mut bad);
        let explain = param(search, "explain", &flag, &mut bad);
        let speed = param(search, "speed", &|v| v.parse().ok().filter(|s| SPEEDS.contains(s)), &mut bad);
        let step = param(search, "step", &|v| v.parse().ok().filter(|n| *n >= 1), &mut bad);
        EmbedParams {
            theme: theme.unwrap_or(d.theme),
            autoplay: autoplay.unwrap_or(d.autoplay),
            speed: speed.unwrap_or(d.speed),
            step: step.unwrap_or(d.step),
            live: live.unwrap_or(d.live),
            explain: explain.unwrap_or(d.explain),
            bad,
        }
    }
}

/// Parameters that could not be used, with their values.
type Bad = Vec<(&'static str, String)>;

/// The parameter `name` read by `parse`, or `None` (absent, or noted in `bad` when it cannot be used).
fn param<T>(search: &str, name: &'static str, parse: &dyn Fn(&str) -> Option<T>, bad: &mut Bad) -> Option<T> {
    let value = query_param(search, name)?;
    let parsed = parse(value);
    if parsed.is_none() {
        bad.push((name, value.chars().take(QUOTED_CHARS).collect()));
    }
    parsed
}

/// `1`/`true`/`yes` or `0`/`false`/`no`.
fn flag(value: &str) -> Option<bool> {
    match value {
        "1" | "true" | "yes" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_when_nothing_is_asked() {
        assert_eq!(EmbedParams::read(""), EmbedParams::default());
        assert_eq!(EmbedParams::read("?scenario=seed&lang=pl"), EmbedParams::default());
    }

    #[test]
    fn every_parameter_is_read() {
        let p = EmbedParams::read("?theme=dark&autoplay=1&speed=2&step=3&live=0&explain=0");
        assert_eq!(p.theme, EmbedTheme::Dark);
        assert!(p.autoplay && !p.live && !p.explain);
        assert_eq!((p.speed, p.step), (2.0, 3));
        assert!(p.bad.is_empty());
        assert_eq!(EmbedParams::read("theme=auto&autoplay=true").theme, EmbedTheme::Auto);
    }

    #[test]
    fn auto_follows_the_systems_preference() {
        assert_eq!(EmbedTheme::Auto.class(true), "theme-dark");
        assert_eq!(EmbedTheme::Auto.class(false), "theme-light");
        assert_eq!(EmbedTheme::Classic.class(true), "theme-classic");
    }

    #[test]
    fn unusable_values_are_said_and_the_defaults_used() {
        let p = EmbedParams::read("?theme=pink&speed=10&step=0&autoplay=maybe&live=&explain=2");
        assert_eq!(p.theme, EmbedTheme::Classic);
        assert_eq!((p.speed, p.step, p.autoplay, p.live, p.explain), (1.0, 1, false, true, true));
        let names: Vec<_> = p.bad.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["theme", "autoplay", "live", "explain", "speed", "step"]);
        assert_eq!(p.bad[0], ("theme", "pink".to_string()));
        let long = format!("?speed={}", "9".repeat(10_000));
        assert_eq!(EmbedParams::read(&long).bad[0].1.chars().count(), QUOTED_CHARS, "a long value is quoted cut");
        assert_eq!(EmbedParams::read("?speed=NaN").speed, 1.0);
    }
}
