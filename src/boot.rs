//! What the page address asks for: `?scenario=ID` (a built-in scenario), `#s=…` (a shared scenario, see
//! [`crate::share`]), `?lang=en|pl` and `?challenge=1` (hide what the scenario is about until the learner
//! gives a diagnosis). Plain functions of the address's parts, so they are tested natively.

use pop3_sim::{scenario, Scenario, ScenarioError, Server};

use crate::i18n::Lang;
use crate::share::{self, ShareError};

/// The scenario opened when the address names none.
pub const DEFAULT_SCENARIO: &str = "seed";

/// Something to tell the user in the notice area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Saved settings could not be read.
    CorruptSettings,
    /// `?scenario=` named no built-in scenario.
    UnknownScenario {
        /// The id asked for (cut to 64 characters).
        id: String,
    },
    /// A `#s=` link could not be opened.
    BadShareLink(ShareError),
    /// A `#s=` link was opened.
    SharedOpened {
        /// Its title.
        title: String,
    },
    /// A challenge was opened (its title stays hidden).
    ChallengeOpened,
    /// Real-server mode (`?bridge=`) is on.
    BridgeMode {
        /// The bridge's address.
        url: String,
    },
    /// `?bridge=` was not a WebSocket address the page can use (see [`crate::bridge_link`]): the simulator is
    /// used.
    BadBridge {
        /// What was given (cut, control characters dropped).
        given: String,
    },
    /// The learner said not to use the link's bridge: the simulator is used, nothing was sent.
    BridgeDeclined,
    /// A scenario file was opened.
    FileOpened {
        /// Its title.
        title: String,
    },
    /// A scenario file could not be opened.
    BadScenarioFile(FileError),
    /// The transcript was copied.
    Copied,
    /// The transcript could not be copied.
    CopyFailed,
    /// A share link was copied.
    LinkCopied,
    /// An edited scenario was applied.
    ScenarioApplied,
    /// The embed's address gave parameters values it cannot use (their defaults are used instead): the
    /// parameter (`speed`) and its value, cut to 40 characters. One notice for all: one of each kind shows.
    BadEmbedParams(Vec<(&'static str, String)>),
}

/// Why a scenario file could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// Larger than the core accepts.
    TooLarge {
        /// Its size.
        octets: u64,
    },
    /// Not UTF-8 text.
    NotText,
    /// Not a valid scenario: the core's typed refusal, naming the field (worded by
    /// [`crate::i18n::scenario_error`]).
    Invalid(ScenarioError),
}

/// The page's starting point.
#[derive(Clone, Debug)]
pub struct Boot {
    /// The scenario to open.
    pub scenario: Scenario,
    /// What to tell the user.
    pub notices: Vec<Notice>,
    /// `?lang=`, which wins over saved settings for this visit.
    pub url_lang: Option<Lang>,
    /// `?challenge=1`: the scenario is a puzzle for the learner.
    pub challenge: bool,
}

pub(crate) fn query_param<'a>(search: &'a str, name: &str) -> Option<&'a str> {
    let search = search.strip_prefix('?').unwrap_or(search);
    search.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then_some(v)
    })
}

fn default_scenario() -> Scenario {
    scenario::builtin(DEFAULT_SCENARIO).expect("the default scenario is built in")
}

/// `?lesson=`: `None` if absent, `Some("")` for the lesson list, `Some(id)` for a lesson.
pub fn lesson_param(search: &str) -> Option<String> {
    query_param(search, "lesson").map(|v| v.chars().take(64).collect())
}

/// Whether the address asks for the lessons: `?lesson=`, or a fragment carrying a lesson (`#lesson=1.…`) or
/// progress to import (`#progress=1.…`).
pub fn asks_for_lessons(search: &str, fragment: &str) -> bool {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    lesson_param(search).is_some()
        || fragment.split('&').any(|part| part.starts_with("lesson=") || part.starts_with("progress="))
}

/// The address's query with `?lesson=` set to `lesson` (or removed), other parameters kept; a lesson opens its
/// own scenario, so `scenario` and `challenge` go.
pub fn address_with_lesson(search: &str, lesson: Option<&str>) -> String {
    let search = search.strip_prefix('?').unwrap_or(search);
    let mut pairs: Vec<String> = search
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let k = p.split_once('=').map_or(*p, |(k, _)| k);
            k != "lesson" && (lesson.is_none() || (k != "scenario" && k != "challenge"))
        })
        .map(str::to_string)
        .collect();
    if let Some(id) = lesson {
        pairs.push(format!("lesson={id}"));
    }
    format!("?{}", pairs.join("&"))
}

/// How a page reads a scenario carried whole in its fragment (`#s=…`): [`share::decode`], or
/// [`no_shared_scenarios`] in a module built without the scenario format's reader.
pub type ReadShared = fn(&str) -> Option<Result<Scenario, ShareError>>;

/// For a module that opens built-in scenarios only (the embed's smaller module, which its start script loads
/// only for an address without `#s=`): a `#s=` link is refused, not read.
pub fn no_shared_scenarios(fragment: &str) -> Option<Result<Scenario, ShareError>> {
    share::decode_text(fragment, "s").map(|_| Err(ShareError::NotInThisModule))
}

/// Reads the address's query (`?…`) and fragment (`#…`).
pub fn boot(search: &str, fragment: &str) -> Boot {
    boot_with(search, fragment, share::decode)
}

/// [`boot`], reading `#s=` with `read_shared`.
pub fn boot_with(search: &str, fragment: &str, read_shared: ReadShared) -> Boot {
    let mut notices = Vec::new();
    let url_lang = query_param(search, "lang").and_then(Lang::from_tag);
    let challenge = matches!(query_param(search, "challenge"), Some("1" | "true" | "yes"));
    let shared = read_shared(fragment).and_then(|result| {
        match result.and_then(|s| Server::new(&s).map(|_| s).map_err(ShareError::Scenario)) {
            Ok(s) => {
                notices.push(if challenge {
                    Notice::ChallengeOpened
                } else {
                    Notice::SharedOpened { title: s.title.chars().take(200).collect() }
                });
                Some(s)
            }
            Err(e) => {
                notices.push(Notice::BadShareLink(e));
                None
            }
        }
    });
    let scenario = shared.unwrap_or_else(|| match query_param(search, "scenario") {
        Some(id) if !id.is_empty() => scenario::builtin(id).unwrap_or_else(|| {
            notices.push(Notice::UnknownScenario { id: id.chars().take(64).collect() });
            default_scenario()
        }),
        _ => default_scenario(),
    });
    Boot { scenario, notices, url_lang, challenge }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lesson_parameter_and_the_address_with_a_lesson() {
        assert_eq!(lesson_param("?lang=pl&lesson=login"), Some("login".into()));
        assert_eq!(lesson_param("?lesson"), Some(String::new()));
        assert_eq!(lesson_param("?lang=pl"), None);
        assert_eq!(address_with_lesson("?lang=pl&scenario=seed", Some("login")), "?lang=pl&lesson=login");
        assert_eq!(address_with_lesson("?lesson=login&lang=pl", None), "?lang=pl");
        assert_eq!(address_with_lesson("", Some("connect")), "?lesson=connect");
        assert_eq!(address_with_lesson("?lesson=x", None), "?");
        assert!(asks_for_lessons("?lesson", ""));
        assert!(asks_for_lessons("", "#lesson=1.e30"));
        assert!(asks_for_lessons("?lang=pl", "#progress=1.e30"));
        assert!(!asks_for_lessons("?lang=pl&scenario=seed", "#s=1.e30"));
    }

    #[test]
    fn defaults_to_the_seed() {
        let b = boot("", "");
        assert_eq!(b.scenario.id, "seed");
        assert!(b.notices.is_empty());
        assert_eq!(b.url_lang, None);
    }

    #[test]
    fn scenario_and_language_from_the_query() {
        let b = boot("?lang=pl&scenario=dovecot-reference", "");
        assert_eq!(b.scenario.id, "dovecot-reference");
        assert_eq!(b.url_lang, Some(Lang::Pl));
        assert_eq!(boot("?lang=xx", "").url_lang, None);
    }

    #[test]
    fn challenges_hide_the_title_of_a_shared_scenario() {
        let s = scenario::builtin("wrong-password").unwrap();
        let b = boot("?challenge=1", &format!("#{}", share::encode(&s)));
        assert!(b.challenge);
        assert_eq!(b.notices, vec![Notice::ChallengeOpened]);
        assert!(boot("?scenario=login-delay&challenge=1", "").challenge);
        assert!(!boot("?scenario=login-delay&challenge=0", "").challenge);
    }

    #[test]
    fn unknown_scenario_says_so_and_opens_the_seed() {
        let b = boot("?scenario=nosuch", "");
        assert_eq!(b.scenario.id, "seed");
        assert_eq!(b.notices, vec![Notice::UnknownScenario { id: "nosuch".into() }]);
    }

    #[test]
    fn shared_scenarios_win_and_bad_links_are_reported() {
        let mut s = scenario::builtin("courier-reference").unwrap();
        s.title = "Mine".into();
        let b = boot("?scenario=seed", &format!("#{}", share::encode(&s)));
        assert_eq!(b.scenario.id, "courier-reference");
        assert_eq!(b.notices, vec![Notice::SharedOpened { title: "Mine".into() }]);
        let b = boot("", "#s=1.!!!");
        assert_eq!(b.scenario.id, "seed");
        assert_eq!(b.notices, vec![Notice::BadShareLink(ShareError::NotBase64)]);
    }

    #[test]
    fn a_shared_scenario_that_does_not_fit_its_types_is_refused_in_the_pages_language() {
        use base64::Engine as _;
        let json = r#"{"version":1,"id":"x","title":"x","base":"seed","faults":[{"kind":"refused","port":70000}]}"#;
        let link = format!("#s=1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json));
        let b = boot("?lang=pl", &link);
        assert_eq!(b.scenario.id, "seed");
        let [Notice::BadShareLink(ShareError::Scenario(e))] = b.notices.as_slice() else { panic!("{:?}", b.notices) };
        assert_eq!(e.field, "faults[0].port");
        assert_eq!(e.kind, scenario::ScenarioErrorKind::OutOfRange { min: 0, max: 65535 });
        let pl = crate::i18n::notice(&b.notices[0], Lang::Pl);
        assert!(pl.contains("faults[0].port: musi być liczbą całkowitą od 0 do 65535"), "{pl}");
        assert!(!pl.contains("expected u16") && !pl.contains("invalid value"), "{pl}");
        let en = crate::i18n::notice(&b.notices[0], Lang::En);
        assert!(en.contains("faults[0].port: must be a whole number from 0 to 65535"), "{en}");
    }
}
