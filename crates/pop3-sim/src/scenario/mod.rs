//! Scenarios: the documented file format that describes one simulated world, and the built-in ones.
//!
//! A scenario names a profile (or embeds a whole custom [`Profile`]), the host names that reach the server,
//! the users with their passwords and messages, and the faults a trainer injects. It is JSON:
//!
//! ```json
//! {
//!   "version": 1,
//!   "id": "my-office",
//!   "title": "Our office server",
//!   "profile": "dovecot",
//!   "lock_session": true,
//!   "hosts": ["pop.example.com"],
//!   "users": [
//!     { "name": "anna@example.com", "password": "secret",
//!       "messages": [ { "text": "Subject: hi\n\nHello!\n" },
//!                     { "uid": 7, "uidl": "custom-id", "base64": "U3ViamVjdDogeA0KDQp4DQo=" } ] }
//!   ],
//!   "faults": [ { "kind": "reply", "command": "PASS", "reply": "-ERR [SYS/PERM] Account disabled" } ]
//! }
//! ```
//!
//! or, reusing a built-in world (here the help article's) and changing only what the lesson needs:
//!
//! ```json
//! { "version": 1, "id": "slow", "title": "A slow server", "base": "seed",
//!   "faults": [ { "kind": "latency", "ms": 3000 } ] }
//! ```
//!
//! The whole format, field by field, is `docs/scenario-format.md`; [`Fault`] lists the faults. Reading
//! checks everything serde cannot (see [`Scenario::validate`]) and every refusal names the field
//! (`users[0].messages[2].uid`, `faults[1].port`).

mod fault;
mod file;
mod library;

use std::collections::BTreeMap;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

pub use fault::{Ban, CertProblem, Fault, NetworkFault, ReplyFault};
pub use library::{builtin, builtin_ref, builtin_title, BUILTIN_IDS, LIBRARY_IDS, WORLD_IDS};

use crate::profile::{self, Profile};
use crate::secret::Secret;

/// The scenario format version this crate reads and writes.
pub const VERSION: u32 = 1;

/// The largest scenario file accepted, in octets.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// A simulated world, as read from a scenario file with its `base` filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// Format version; must be [`VERSION`].
    pub version: u32,
    /// Stable id.
    pub id: String,
    /// Title, in the author's language (see [`Scenario::title_in`]).
    pub title: String,
    /// The built-in world ([`WORLD_IDS`]) whose profile, hosts and users this scenario uses where its file
    /// gives none. Kept so that writing the scenario out again leaves the inherited parts out.
    pub base: Option<String>,
    /// What the scenario is about, per language tag (`en`, `pl`): for pickers, trainers and challenges.
    pub about: BTreeMap<String, About>,
    /// The error codes the fault makes a mail client show (`0x800CCC0E`, `10061`), for the error decoder.
    pub errors: Vec<String>,
    /// Where the fault's texts and behaviour come from (a server's source, a recording, a public transcript).
    pub source: Option<String>,
    /// The server profile.
    pub profile: ProfileRef,
    /// Overrides the profile's `lock_session`.
    pub lock_session: Option<bool>,
    /// Host names (and addresses) that reach this server.
    pub hosts: Vec<String>,
    /// The users and their mailboxes.
    pub users: Vec<User>,
    /// Faults a trainer injects (see [`Fault`]).
    pub faults: Vec<Fault>,
}

/// A scenario's description in one language. Every field is optional: what is missing falls back to
/// English, then to the scenario's `title`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct About {
    /// The title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the user reports ("Outlook cannot receive mail since this morning").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symptom: Option<String>,
    /// What the mail client shows: the error's number and text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_error: Option<String>,
    /// The diagnosis: what is wrong and what fixes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagnosis: Option<String>,
}

/// A built-in profile by id (a JSON string), or a whole custom profile (a JSON object).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ProfileRef {
    /// A built-in profile id (`dovecot`, `courier`, …).
    Builtin(String),
    /// A custom profile.
    Custom(Box<Profile>),
}

/// Reads a string or an object without serde's untagged buffering, which would double the size of the
/// profile reader in the web app and blur its error messages.
impl<'de> Deserialize<'de> for ProfileRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = ProfileRef;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a built-in profile id or a profile object")
            }
            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<ProfileRef, E> {
                Ok(ProfileRef::Builtin(id.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<ProfileRef, A::Error> {
                let profile = Profile::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(ProfileRef::Custom(Box::new(profile)))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// One user and their mailbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    /// Login name, exactly as typed after USER.
    pub name: String,
    /// Password.
    pub password: Secret<String>,
    /// APOP shared secret; the password when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apop_secret: Option<Secret<String>>,
    /// The mailbox's UIDVALIDITY.
    #[serde(default = "default_uid_validity")]
    pub uid_validity: u32,
    /// The mailbox path, as a server may quote it in errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The server cannot open this mailbox (a fault: logins fail with the profile's internal error).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unavailable: bool,
    /// The messages, in maildrop order. In a scenario with a `base`, a user without messages keeps those of
    /// the base's user of the same name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<MessageSpec>,
}

fn default_uid_validity() -> u32 {
    1
}

/// One message in a scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageSpec {
    /// UID; one more than the previous message's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<u32>,
    /// UIDL string; made by the profile's format when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uidl: Option<String>,
    /// The message as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The message as base64 of its octets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base64: Option<String>,
}

impl MessageSpec {
    /// A message given as text.
    pub fn text(text: impl Into<String>) -> MessageSpec {
        MessageSpec { uid: None, uidl: None, text: Some(text.into()), base64: None }
    }

    /// The message's octets.
    pub fn raw(&self) -> Result<Vec<u8>, String> {
        match (&self.text, &self.base64) {
            (Some(t), None) => Ok(t.as_bytes().to_vec()),
            (None, Some(b)) => base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .map_err(|e| format!("is not valid base64: {e}")),
            (Some(_), Some(_)) => Err("has both `text` and `base64`; give one".into()),
            (None, None) => Err("has neither `text` nor `base64`".into()),
        }
    }
}

/// Why a scenario was refused. `field` names the place (`users[0].messages[2].uid`), empty for the whole file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioError {
    /// Path of the offending field.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

/// A title in language `lang` from a scenario's `about` and `title` (see [`Scenario::title_in`]); also for a
/// file read without its base.
fn title_in(about: &BTreeMap<String, About>, title: &str, lang: &str) -> String {
    let of = |lang: &str| about.get(lang).and_then(|a| a.title.clone());
    of(lang).or_else(|| of("en")).unwrap_or_else(|| title.to_string())
}

fn error(field: impl Into<String>, message: impl Into<String>) -> ScenarioError {
    ScenarioError { field: field.into(), message: message.into() }
}

impl Scenario {
    /// The network-stage fault a connection to one of this scenario's host names on `port` meets, if any
    /// (the first that applies, in the order the scenario lists them). Faults that depend on what happened
    /// before (a ban after failed logins) are the server's: see [`crate::Server::network_fault`].
    pub fn network_fault(&self, port: u16) -> Option<NetworkFault> {
        self.faults.iter().find_map(|f| f.on_connect(port))
    }

    /// The certificate problem a TLS-aware client meets, if the scenario has one.
    pub fn certificate_problem(&self) -> Option<CertProblem> {
        self.faults.iter().find_map(|f| match f {
            Fault::Certificate { problem } => Some(*problem),
            _ => None,
        })
    }

    /// Reads and validates a scenario from JSON.
    pub fn from_json(json: &str) -> Result<Scenario, ScenarioError> {
        if json.len() > MAX_BYTES {
            return Err(error("", format!("the file is {} octets; at most {MAX_BYTES} are accepted", json.len())));
        }
        let file: file::ScenarioFile = serde_json::from_str(json).map_err(|e| error("", e.to_string()))?;
        let scenario = file.resolve()?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// The scenario as pretty JSON, for a file (what it inherits from its `base` is left out).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&file::ScenarioFile::from(self)).unwrap_or_default()
    }

    /// The scenario as compact JSON, for a link: the pretty form without its layout (one serializer instead
    /// of two keeps the web app smaller).
    pub fn to_json_compact(&self) -> String {
        let pretty = self.to_json();
        let mut out = String::with_capacity(pretty.len());
        let (mut in_string, mut escaped) = (false, false);
        for c in pretty.chars() {
            if in_string {
                out.push(c);
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
            } else if c == '"' {
                in_string = true;
                out.push(c);
            } else if !c.is_ascii_whitespace() {
                out.push(c);
            }
        }
        out
    }

    /// The description in language `lang` (a tag such as `pl`), field by field falling back to English.
    pub fn about(&self, lang: &str) -> About {
        let mine = self.about.get(lang);
        let en = self.about.get("en");
        let pick = |f: fn(&About) -> &Option<String>| {
            mine.and_then(|a| f(a).clone()).or_else(|| en.and_then(|a| f(a).clone()))
        };
        About {
            title: pick(|a| &a.title),
            symptom: pick(|a| &a.symptom),
            client_error: pick(|a| &a.client_error),
            diagnosis: pick(|a| &a.diagnosis),
        }
    }

    /// The title in language `lang`: its `about` title (English's if `lang` has none), else the scenario's
    /// `title`.
    pub fn title_in(&self, lang: &str) -> String {
        title_in(&self.about, &self.title, lang)
    }

    /// Checks what serde cannot: version, profile id, faults, unique names and UIDs, message bodies.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.version != VERSION {
            return Err(error("version", format!("is {}; this simulator reads version {VERSION}", self.version)));
        }
        self.resolved_profile()?;
        for (i, fault) in self.faults.iter().enumerate() {
            fault.check().map_err(|(field, message)| error(format!("faults[{i}].{field}"), message))?;
        }
        for (i, user) in self.users.iter().enumerate() {
            let at = format!("users[{i}]");
            if user.name.is_empty() {
                return Err(error(format!("{at}.name"), "is empty"));
            }
            if self.users[..i].iter().any(|u| u.name == user.name) {
                return Err(error(format!("{at}.name"), format!("`{}` appears twice", user.name)));
            }
            let mut last_uid = 0u32;
            for (j, m) in user.messages.iter().enumerate() {
                let at = format!("{at}.messages[{j}]");
                m.raw().map_err(|e| error(at.clone(), e))?;
                let uid = m.uid.unwrap_or(last_uid.saturating_add(1));
                if uid <= last_uid {
                    return Err(error(format!("{at}.uid"), format!("is {uid}; UIDs must grow (previous: {last_uid})")));
                }
                last_uid = uid;
            }
        }
        Ok(())
    }

    /// The profile this scenario runs, with its overrides applied.
    pub fn resolved_profile(&self) -> Result<Profile, ScenarioError> {
        let mut p = match &self.profile {
            ProfileRef::Builtin(id) => profile::builtin(id).ok_or_else(|| {
                error("profile", format!("`{id}` is not a profile; use one of {:?}", profile::BUILTIN_IDS))
            })?,
            ProfileRef::Custom(p) => (**p).clone(),
        };
        if let Some(lock) = self.lock_session {
            p.lock_session = lock;
        }
        Ok(p)
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_are_valid_and_round_trip() {
        for id in BUILTIN_IDS {
            let s = builtin(id).unwrap();
            s.validate().unwrap();
            assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s, "{id}");
        }
    }

    #[test]
    fn an_emptied_base_mailbox_survives_a_round_trip() {
        // A user without messages inherits the base's, so an emptied mailbox is written without the base.
        let mut s = builtin("seed").unwrap();
        s.users[0].messages.clear();
        let json = s.to_json();
        assert!(!json.contains("\"base\""), "{json}");
        let back = Scenario::from_json(&json).unwrap();
        assert!(back.users[0].messages.is_empty());
        assert_eq!(Scenario { base: Some("seed".into()), ..back }, s);
        // Another change keeps the short form built on the base.
        let mut s = builtin("seed").unwrap();
        s.users[0].password = Secret::new("changed".into());
        let json = s.to_json();
        assert!(json.contains("\"base\": \"seed\"") && json.len() < 2000, "{json}");
        assert_eq!(Scenario::from_json(&json).unwrap(), s);
    }

    #[test]
    fn errors_name_the_field() {
        let base = builtin("seed").unwrap();
        let mut s = base.clone();
        s.version = 2;
        assert_eq!(s.validate().unwrap_err().field, "version");
        let mut s = base.clone();
        s.profile = ProfileRef::Builtin("nosuch".into());
        assert_eq!(s.validate().unwrap_err().field, "profile");
        let mut s = base.clone();
        s.users.push(s.users[0].clone());
        assert_eq!(s.validate().unwrap_err().field, "users[1].name");
        let mut s = base.clone();
        s.users[0].messages[1].uid = Some(1);
        assert_eq!(s.validate().unwrap_err().field, "users[0].messages[1].uid");
        let mut s = base.clone();
        s.users[0].messages[0].base64 = Some("AAAA".into());
        assert_eq!(s.validate().unwrap_err().field, "users[0].messages[0]");
        let fault =
            ReplyFault { command: "PASS".into(), argument: None, from: None, reply: "-ERR x".into(), close: false };
        for (bad, field) in [
            (ReplyFault { command: "PA SS".into(), ..fault.clone() }, "faults[0].command"),
            (ReplyFault { reply: "oops".into(), ..fault.clone() }, "faults[0].reply"),
            (ReplyFault { reply: "-ERR a\r\n+OK b".into(), ..fault.clone() }, "faults[0].reply"),
            (ReplyFault { from: Some(0), ..fault.clone() }, "faults[0].from"),
        ] {
            let mut s = base.clone();
            s.faults = vec![Fault::Reply(bad)];
            assert_eq!(s.validate().unwrap_err().field, field);
        }
    }

    #[test]
    fn a_custom_profile_reads_from_an_object() {
        let mut s = builtin("seed").unwrap();
        let mut p = profile::builtin("dovecot").unwrap();
        p.replies.greeting = "+OK Our server".into();
        s.profile = ProfileRef::Custom(Box::new(p.clone()));
        let back = Scenario::from_json(&s.to_json()).unwrap();
        assert_eq!(back.resolved_profile().unwrap(), p);
        let err = Scenario::from_json(&s.to_json().replace("\"greeting\"", "\"greting\"")).unwrap_err();
        assert!(err.message.contains("greting"), "{err}");
    }

    #[test]
    fn network_faults_apply_by_port_in_order() {
        let json = r#"{"version":1,"id":"t","title":"","profile":"courier","users":[],
            "faults":[{"kind":"timed_out","port":110},{"kind":"refused"}]}"#;
        let s = Scenario::from_json(json).unwrap();
        assert_eq!(s.network_fault(110), Some(NetworkFault::TimedOut));
        assert_eq!(s.network_fault(995), Some(NetworkFault::Refused));
        assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
        let dns =
            r#"{"version":1,"id":"t","title":"","profile":"courier","users":[],"faults":[{"kind":"name_not_found"}]}"#;
        assert_eq!(Scenario::from_json(dns).unwrap().network_fault(110), Some(NetworkFault::NameNotFound));
        assert_eq!(builtin("seed").unwrap().network_fault(110), None);
        let zero = r#"{"version":1,"id":"t","title":"","profile":"courier","users":[],"faults":[{"kind":"refused","port":0}]}"#;
        assert_eq!(Scenario::from_json(zero).unwrap_err().field, "faults[0].port");
        let unknown =
            r#"{"version":1,"id":"t","title":"","profile":"courier","users":[],"faults":[{"kind":"meteor"}]}"#;
        assert!(Scenario::from_json(unknown).unwrap_err().message.contains("meteor"));
    }

    #[test]
    fn the_compact_form_is_serde_jsons() {
        for id in BUILTIN_IDS {
            let s = builtin(id).unwrap();
            assert_eq!(s.to_json_compact(), serde_json::to_string(&file::ScenarioFile::from(&s)).unwrap(), "{id}");
        }
        let mut s = builtin("seed").unwrap();
        s.title = "a \"quoted\" \\ title\twith  spaces\n".into();
        assert_eq!(s.to_json_compact(), serde_json::to_string(&file::ScenarioFile::from(&s)).unwrap());
    }

    #[test]
    fn malformed_json_is_an_error_not_a_panic() {
        for bad in
            ["", "{", "[]", "{\"version\":1}", "{\"version\":1,\"id\":\"x\",\"title\":\"\",\"profile\":1,\"users\":[]}"]
        {
            assert!(Scenario::from_json(bad).is_err(), "{bad:?}");
        }
        let unknown = r#"{"version":1,"id":"x","title":"","profile":"courier","users":[],"colour":"red"}"#;
        assert!(Scenario::from_json(unknown).unwrap_err().message.contains("colour"));
    }
}
