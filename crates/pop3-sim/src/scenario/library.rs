//! The built-in scenarios: a few worlds built in code (their messages are files of their own), and the
//! troubleshooting library as ordinary scenario files in `scenarios/library/`, each built on a world. The
//! library files are the same format trainers write, so they double as its examples.

use std::sync::OnceLock;

use super::file::ScenarioFile;
use super::{MessageSpec, ProfileRef, Scenario, User, VERSION};
use crate::secret::Secret;

/// The worlds a scenario's `base` may name.
pub const WORLD_IDS: [&str; 3] = ["seed", "dovecot-reference", "courier-reference"];

/// The troubleshooting library, in the order a picker shows it: the healthy `seed` first, then roughly
/// from the network up to the protocol. These ids are a contract (links, `--scenario`, scripts).
pub const LIBRARY_IDS: [&str; 14] = ids();

/// Every built-in scenario id: the library, then the recorded servers' maildrops.
pub const BUILTIN_IDS: [&str; FILES.len()] = ids();

/// The first `N` ids of [`FILES`].
const fn ids<const N: usize>() -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = FILES[i].0;
        i += 1;
    }
    out
}

/// The built-in files, by id: the library first, then the recorded servers' maildrops.
const FILES: [(&str, &str); 16] = [
    ("seed", include_str!("../../scenarios/library/seed.json")),
    ("dns-failure", include_str!("../../scenarios/library/dns-failure.json")),
    ("timeout-10060", include_str!("../../scenarios/library/timeout-10060.json")),
    ("connection-refused", include_str!("../../scenarios/library/connection-refused.json")),
    ("firewall-blocks-110", include_str!("../../scenarios/library/firewall-blocks-110.json")),
    ("wrong-port-995", include_str!("../../scenarios/library/wrong-port-995.json")),
    ("tls-required", include_str!("../../scenarios/library/tls-required.json")),
    ("expired-certificate", include_str!("../../scenarios/library/expired-certificate.json")),
    ("wrong-password", include_str!("../../scenarios/library/wrong-password.json")),
    ("too-many-failures", include_str!("../../scenarios/library/too-many-failures.json")),
    ("login-delay", include_str!("../../scenarios/library/login-delay.json")),
    ("mailbox-locked", include_str!("../../scenarios/library/mailbox-locked.json")),
    ("server-busy", include_str!("../../scenarios/library/server-busy.json")),
    ("drop-during-retr", include_str!("../../scenarios/library/drop-during-retr.json")),
    ("dovecot-reference", include_str!("../../scenarios/library/dovecot-reference.json")),
    ("courier-reference", include_str!("../../scenarios/library/courier-reference.json")),
];

/// A built-in scenario by id, to open (`None` also if a built-in file were invalid; the tests read every one).
pub fn builtin(id: &str) -> Option<Scenario> {
    builtin_ref(id).cloned()
}

/// A built-in scenario by id, to look at (titles, comparisons) without copying its messages. Each file is
/// read once per process: pickers and links ask often, and a world's messages are 53 KB to build.
pub fn builtin_ref(id: &str) -> Option<&'static Scenario> {
    static READ: [OnceLock<Option<Scenario>>; FILES.len()] = [const { OnceLock::new() }; FILES.len()];
    let i = FILES.iter().position(|(name, _)| *name == id)?;
    READ[i].get_or_init(|| Scenario::from_json(FILES[i].1).ok()).as_ref()
}

/// A built-in scenario's title in language `lang` (`en`, `pl`), as [`Scenario::title_in`] gives it, read from
/// its file without building the scenario: a picker lists every built-in one, and building them all would copy
/// a world's messages into each (most of the library stands on the 53 KB `seed`), a 15 ms pause in the browser
/// right after the console appears.
pub fn builtin_title(id: &str, lang: &str) -> Option<String> {
    let (_, json) = FILES.iter().find(|(name, _)| *name == id)?;
    let file: ScenarioFile = super::read::from_str(json).ok()?;
    Some(file.title_in(lang))
}

/// A built-in world by id: what a scenario's `base` names. Built once per process.
pub(super) fn world(id: &str) -> Option<&'static Scenario> {
    static BUILT: [OnceLock<Scenario>; WORLD_IDS.len()] = [const { OnceLock::new() }; WORLD_IDS.len()];
    let i = WORLD_IDS.iter().position(|w| *w == id)?;
    Some(BUILT[i].get_or_init(|| match WORLD_IDS[i] {
        "seed" => seed(),
        other => reference(other, other.trim_end_matches("-reference")),
    }))
}

/// The help article's world: Courier at pop.outlook.pl, `tester@outlook.pl` / `moje_hasło`, two messages of
/// 53 235 octets together.
fn seed() -> Scenario {
    Scenario {
        version: VERSION,
        id: "seed".into(),
        title: "The help article's mailbox (Courier at pop.outlook.pl)".into(),
        base: None,
        about: Default::default(),
        errors: vec![],
        source: None,
        profile: ProfileRef::Builtin("courier".into()),
        lock_session: None,
        hosts: vec!["pop.outlook.pl".into(), "outlook.pl".into()],
        faults: vec![],
        demo: Vec::new(),
        users: vec![User {
            name: "tester@outlook.pl".into(),
            password: Secret::new("moje_hasło".into()),
            apop_secret: None,
            uid_validity: 1_173_081_600,
            path: Some("/home/vmail/outlook.pl/tester/Maildir".into()),
            unavailable: false,
            messages: vec![
                MessageSpec::text(include_str!("../../scenarios/seed/msg1.eml")),
                MessageSpec::text(include_str!("../../scenarios/seed/msg2.eml")),
            ],
        }],
    }
}

/// The maildrop the reference transcripts were recorded against (`../shared/reference/README.md`).
fn reference(id: &str, profile: &str) -> Scenario {
    let mailbox = |name: &str, messages: Vec<MessageSpec>| User {
        name: name.into(),
        password: Secret::new("secret".into()),
        apop_secret: None,
        uid_validity: 1_700_000_000,
        path: Some(format!("/srv/pop3ref/mail/{}/Maildir", name.split('@').next().unwrap_or(name))),
        unavailable: false,
        messages,
    };
    Scenario {
        version: VERSION,
        id: id.into(),
        title: format!("Reference maildrop ({profile})"),
        base: None,
        about: Default::default(),
        errors: vec![],
        source: None,
        profile: ProfileRef::Builtin(profile.into()),
        lock_session: None,
        hosts: vec!["pop3ref.example".into(), "127.0.0.1".into()],
        faults: vec![],
        demo: Vec::new(),
        users: vec![
            mailbox(
                "tester@example.com",
                vec![
                    MessageSpec::text(include_str!("../../scenarios/reference/msg1.eml")),
                    MessageSpec::text(include_str!("../../scenarios/reference/msg2.eml")),
                    MessageSpec::text(include_str!("../../scenarios/reference/msg3.eml")),
                ],
            ),
            mailbox("empty@example.com", vec![]),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_file_reads_and_ids_match() {
        let mut unique = BUILTIN_IDS.to_vec();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), BUILTIN_IDS.len(), "an id appears twice");
        // After the library come the recorded servers' maildrops, which are worlds of their own.
        assert_eq!(BUILTIN_IDS[LIBRARY_IDS.len()..], WORLD_IDS[1..]);
        for (id, json) in FILES {
            let s = Scenario::from_json(json).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(s.id, id);
        }
    }

    #[test]
    fn a_title_read_alone_is_the_built_scenarios_title() {
        for id in BUILTIN_IDS {
            for lang in ["en", "pl", "de"] {
                assert_eq!(builtin_title(id, lang), Some(builtin(id).unwrap().title_in(lang)), "{id} {lang}");
            }
        }
        assert_eq!(builtin_title("no-such-scenario", "en"), None);
    }

    #[test]
    fn the_library_is_described_in_english_and_polish() {
        for id in LIBRARY_IDS {
            let s = builtin(id).unwrap();
            for lang in ["en", "pl"] {
                let about = s.about.get(lang).unwrap_or_else(|| panic!("{id}: no `{lang}` description"));
                for (field, value) in [
                    ("title", &about.title),
                    ("symptom", &about.symptom),
                    ("client_error", &about.client_error),
                    ("diagnosis", &about.diagnosis),
                ] {
                    assert!(value.as_deref().is_some_and(|v| !v.trim().is_empty()), "{id}: about.{lang}.{field}");
                }
            }
            assert_ne!(s.about["en"], s.about["pl"], "{id}: Polish text equal to English");
        }
    }

    #[test]
    fn the_library_has_short_demos_captioned_in_english_and_polish() {
        for id in BUILTIN_IDS {
            let s = builtin(id).unwrap();
            assert!((1..=5).contains(&s.demo.len()), "{id}: {} demo steps", s.demo.len());
            assert!(s.demo.iter().any(|d| !d.caption.is_empty()), "{id}: no caption");
            for d in &s.demo {
                assert!(d.pause.is_some_and(|p| (1500..=2500).contains(&p)), "{id}: {:?}", d.line);
                if !d.caption.is_empty() {
                    for text in [&d.caption.en, &d.caption.pl] {
                        let text =
                            text.as_deref().unwrap_or_else(|| panic!("{id}: {:?} not in both languages", d.line));
                        assert!(text.chars().count() <= 120, "{id}: {text}");
                    }
                    assert_ne!(d.caption.en, d.caption.pl, "{id}: {:?}", d.line);
                }
            }
        }
    }
}
