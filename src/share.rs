//! Share links: a scenario carried in the page address's fragment, `#s=1.<base64url of the scenario JSON>`
//! (and, in the same form, a lesson file `#lesson=1.…` and lesson progress `#progress=1.…`).
//!
//! The fragment never reaches a server. `1` is the format version; the payload is the scenario file (see
//! `pop3_sim::scenario`) as compact JSON, base64url-encoded without padding. Links longer than
//! [`MAX_LINK_CHARS`] are refused, and the scenario is validated like any other.

use base64::Engine as _;
use pop3_sim::{Scenario, ScenarioError};

/// The format version this app writes and reads.
pub const VERSION: &str = "1";

/// The longest payload accepted (Chromium's address limit is 2 MB).
pub const MAX_LINK_CHARS: usize = 2 * 1024 * 1024;

/// Why a share link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Longer than [`MAX_LINK_CHARS`].
    TooLong {
        /// Its length.
        chars: usize,
    },
    /// A version this app does not read.
    Version {
        /// The version found.
        found: String,
    },
    /// Not base64url.
    NotBase64,
    /// Not UTF-8 text.
    NotText,
    /// Not a valid scenario.
    Scenario(ScenarioError),
    /// Read by a module built without the scenario format's reader (see [`crate::boot::no_shared_scenarios`]).
    NotInThisModule,
}

/// The fragment (`#s=…`, with or without the `#`) for a scenario.
pub fn encode(scenario: &Scenario) -> String {
    encode_text("s", &scenario.to_json_compact())
}

/// `key=1.<base64url of text>`: a fragment part carrying a file (`s` a scenario; the lessons' `lesson` and
/// `progress`).
pub fn encode_text(key: &str, text: &str) -> String {
    format!("{key}={VERSION}.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text))
}

/// Reads a fragment: `None` when it carries no scenario (`#s=` absent), otherwise the scenario or why not.
pub fn decode(fragment: &str) -> Option<Result<Scenario, ShareError>> {
    let text = decode_text(fragment, "s")?;
    Some(text.and_then(|json| Scenario::from_json(&json).map_err(ShareError::Scenario)))
}

/// The text carried by `key=` in a fragment (with or without the `#`): `None` when absent.
pub fn decode_text(fragment: &str, key: &str) -> Option<Result<String, ShareError>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let payload = fragment.split('&').find_map(|part| part.strip_prefix(key)?.strip_prefix('='))?;
    Some(decode_payload(payload))
}

fn decode_payload(payload: &str) -> Result<String, ShareError> {
    if payload.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong { chars: payload.len() });
    }
    let (version, data) = payload.split_once('.').unwrap_or(("", payload));
    if version != VERSION {
        let found: String = version.chars().take(16).collect();
        return Err(ShareError::Version { found });
    }
    let data = data.trim_end_matches('=');
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(data).map_err(|_| ShareError::NotBase64)?;
    String::from_utf8(bytes).map_err(|_| ShareError::NotText)
}

/// The address (query and fragment) that opens `scenario`: a built-in one unchanged is `?scenario=ID`, any
/// other travels whole in the fragment. `challenge` asks for challenge mode; `lang` fixes the language.
pub fn address(scenario: &Scenario, lang: &str, challenge: bool) -> String {
    let challenge = if challenge { "&challenge=1" } else { "" };
    match pop3_sim::scenario::builtin_ref(&scenario.id) {
        Some(b) if b == scenario => format!("?scenario={}&lang={lang}{challenge}", scenario.id),
        _ => format!("?lang={lang}{challenge}#{}", encode(scenario)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let seed = pop3_sim::scenario::builtin("seed").expect("seed");
        let link = encode(&seed);
        assert!(link.starts_with("s=1."));
        assert_eq!(decode(&format!("#{link}")), Some(Ok(seed)));
    }

    #[test]
    fn addresses_name_built_ins_and_carry_the_rest() {
        let mut s = pop3_sim::scenario::builtin("timeout-10060").unwrap();
        assert_eq!(address(&s, "pl", true), "?scenario=timeout-10060&lang=pl&challenge=1");
        s.faults.clear();
        let a = address(&s, "en", false);
        let (query, fragment) = a.split_once('#').unwrap();
        assert_eq!(query, "?lang=en");
        assert_eq!(decode(fragment), Some(Ok(s)));
        // Built on the seed, it stays short: the seed's 53 KB of messages are not in it.
        assert!(a.len() < 4_000, "{}", a.len());
    }

    #[test]
    fn a_megabyte_of_hostile_payload_is_refused_with_a_reason() {
        let garbage = format!("#s=1.{}", "A".repeat(1024 * 1024));
        assert!(matches!(decode(&garbage), Some(Err(ShareError::Scenario(_)))));
        let markup = r#"{"version":1,"id":"x","title":"<script>alert(1)</script>","base":"seed"}"#;
        let link = format!("#s=1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(markup));
        // Markup is kept as text: the UI shows it inert.
        assert_eq!(decode(&link).unwrap().unwrap().title, "<script>alert(1)</script>");
    }

    #[test]
    fn no_payload_is_not_an_error() {
        assert_eq!(decode(""), None);
        assert_eq!(decode("#section"), None);
    }

    #[test]
    fn errors() {
        assert_eq!(decode("#s=2.abc"), Some(Err(ShareError::Version { found: "2".into() })));
        assert_eq!(decode("#s=abc"), Some(Err(ShareError::Version { found: "".into() })));
        assert_eq!(decode("#s=1.%%%"), Some(Err(ShareError::NotBase64)));
        assert_eq!(decode("#s=1.__8"), Some(Err(ShareError::NotText)));
        let not_scenario = format!("#s=1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("{}"));
        assert!(matches!(decode(&not_scenario), Some(Err(ShareError::Scenario(_)))));
        let long = format!("#s=1.{}", "A".repeat(MAX_LINK_CHARS + 1));
        assert!(matches!(decode(&long), Some(Err(ShareError::TooLong { .. }))));
    }
}
