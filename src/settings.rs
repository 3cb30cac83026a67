//! The settings a user chooses, and how they are remembered in localStorage under a versioned key.
//!
//! Saved data that cannot be read (not JSON, wrong types, from a future version) is reported once and replaced
//! by the defaults; it never stops the app.

use serde::{Deserialize, Serialize};

use crate::console::ClientStyle;
use crate::i18n::Lang;

/// The localStorage key. The `v1` changes when the format does.
pub const STORAGE_KEY: &str = "pop3-tutor/settings/v1";

/// The largest saved value read (anything bigger is not ours).
const MAX_SAVED: usize = 16 * 1024;

/// A colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// The help article's look: green on black.
    #[default]
    Classic,
    /// Dark text on white.
    Light,
    /// Maximum contrast: white and yellow on black.
    Contrast,
}

impl Theme {
    /// All themes, in picker order.
    pub const ALL: [Theme; 3] = [Theme::Classic, Theme::Light, Theme::Contrast];

    /// The CSS class on the app's root.
    pub fn class(self) -> &'static str {
        match self {
            Theme::Classic => "theme-classic",
            Theme::Light => "theme-light",
            Theme::Contrast => "theme-contrast",
        }
    }
}

/// What the user chose. `None` fields follow the defaults (browser language, Windows in the UI language, the
/// scenario's profile).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The UI language.
    pub lang: Option<Lang>,
    /// The colour theme.
    pub theme: Theme,
    /// The telnet client imitated.
    pub client: Option<ClientStyle>,
    /// A built-in server profile id replacing the scenario's.
    pub profile: Option<String>,
}

/// Why saved settings were not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corrupt(pub String);

impl Settings {
    /// Reads a saved value: `Ok(None)` when nothing was saved, `Err` when something unreadable was.
    pub fn parse_saved(raw: Option<&str>) -> Result<Option<Settings>, Corrupt> {
        let Some(raw) = raw else { return Ok(None) };
        if raw.len() > MAX_SAVED {
            return Err(Corrupt(format!("{} octets", raw.len())));
        }
        if !raw.trim_start().starts_with('{') {
            return Err(Corrupt("not a JSON object".into()));
        }
        let mut s: Settings = serde_json::from_str(raw).map_err(|e| Corrupt(e.to_string()))?;
        if s.profile.as_deref().is_some_and(|p| pop3_sim::profile::builtin(p).is_none()) {
            s.profile = None;
        }
        Ok(Some(s))
    }

    /// The value to save.
    pub fn to_saved(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The client style in effect: the chosen one, or Windows in the UI language.
    pub fn client_style(&self, lang: Lang) -> ClientStyle {
        self.client.unwrap_or(match lang {
            Lang::En => ClientStyle::WindowsEn,
            Lang::Pl => ClientStyle::WindowsPl,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = Settings {
            lang: Some(Lang::Pl),
            theme: Theme::Contrast,
            client: Some(ClientStyle::Unix),
            profile: Some("dovecot".into()),
        };
        assert_eq!(Settings::parse_saved(Some(&s.to_saved())), Ok(Some(s)));
        assert_eq!(Settings::parse_saved(None), Ok(None));
    }

    #[test]
    fn corrupt_values_are_errors_not_panics() {
        for bad in ["", "{", "null", "[]", "42", "{\"lang\":7}", "{\"theme\":\"neon\"}", "\u{0}\u{ffff}"] {
            assert!(Settings::parse_saved(Some(bad)).is_err(), "{bad:?}");
        }
        let huge = "x".repeat(MAX_SAVED + 1);
        assert!(Settings::parse_saved(Some(&huge)).is_err());
    }

    #[test]
    fn partial_and_unknown_values_are_tolerated() {
        assert_eq!(Settings::parse_saved(Some("{}")), Ok(Some(Settings::default())));
        let s = Settings::parse_saved(Some("{\"theme\":\"light\",\"future\":1,\"profile\":\"nosuch\"}")).unwrap();
        assert_eq!(s, Some(Settings { theme: Theme::Light, ..Settings::default() }));
    }

    #[test]
    fn client_style_follows_the_language_by_default() {
        let s = Settings::default();
        assert_eq!(s.client_style(Lang::Pl), ClientStyle::WindowsPl);
        assert_eq!(s.client_style(Lang::En), ClientStyle::WindowsEn);
    }
}
