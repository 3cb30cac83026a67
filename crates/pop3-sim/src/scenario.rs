//! Scenarios: the documented file format that describes one simulated server, and the built-in ones.
//!
//! A scenario names a profile (or embeds a whole custom [`Profile`]), the host names that reach the server,
//! and the users with their passwords and messages. It is JSON:
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
//!   ]
//! }
//! ```
//!
//! Fields: `version` (must be 1), `id`, `title`, `profile` (a built-in id or a profile object), optional
//! `lock_session` (overrides the profile's), optional `hosts`, `users`. A user has `name`, `password`,
//! optional `apop_secret` (defaults to the password), `uid_validity` (default 1), `path` (the mailbox path a
//! server may quote in errors), `unavailable` (the server cannot open the mailbox: a fault), and `messages`.
//! A message has exactly one of `text` (UTF-8; bare LFs become CRLF) or `base64` (raw octets), an optional
//! `uid` (default: one more than the previous) and an optional `uidl` (default: the profile's format).
//!
//! `faults` lists injected faults. Protocol stage: scripted replies (`{"kind": "reply", "command": "PASS",
//! "reply": "-ERR [SYS/PERM] Account disabled", "close": false}`, with optional `argument` and `from`).
//! `{"kind": "tls_required"}` refuses plaintext login until STLS. Network stage: `{"kind": "name_not_found"}`, `{"kind": "refused", "port": 110}`, `{"kind": "timed_out",
//! "port": 110}` (without `port`: every port).
//!
//! Built-in scenarios: `seed` (the help article's world), `dovecot-reference` and `courier-reference` (the
//! recorded servers' maildrop).

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::profile::{self, Profile};
use crate::secret::Secret;

/// The scenario format version this crate reads and writes.
pub const VERSION: u32 = 1;

/// The largest scenario file accepted, in octets.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// The ids of the built-in scenarios.
pub const BUILTIN_IDS: [&str; 3] = ["seed", "dovecot-reference", "courier-reference"];

/// A simulated server's description.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; must be [`VERSION`].
    pub version: u32,
    /// Stable id.
    pub id: String,
    /// Human title.
    pub title: String,
    /// The server profile.
    pub profile: ProfileRef,
    /// Overrides the profile's `lock_session`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lock_session: Option<bool>,
    /// Host names (and addresses) that reach this server.
    #[serde(default)]
    pub hosts: Vec<String>,
    /// The users and their mailboxes.
    pub users: Vec<User>,
    /// Faults a trainer injects (see [`Fault`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faults: Vec<Fault>,
}

/// A fault injected into the simulated world, as data beside the protocol code: the session applies the
/// protocol-stage ones, the driver (the browser console, the TCP mode) the network-stage ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// A scripted reply (protocol stage): when the client sends `command`, the server answers `reply` instead
    /// of its own answer — `PASS` → `-ERR [SYS/PERM] Account disabled`, `RETR 2` → `-ERR [SYS/TEMP] …`.
    Reply(ReplyFault),
    /// Protocol stage: plaintext login (USER/PASS, AUTH PLAIN or LOGIN) is refused until TLS is on, with the
    /// profile's text (Dovecot's `disable_plaintext_auth`, Courier's `POP3_TLS_REQUIRED`); CAPA stops
    /// offering USER and the plaintext SASL mechanisms meanwhile.
    TlsRequired,
    /// Network stage: the server's host names do not resolve (a DNS failure; Windows socket error 11001).
    NameNotFound,
    /// Network stage: nothing listens on `port` (every port when absent): the connection attempt is refused
    /// (TCP RST; Windows socket error 10061).
    Refused {
        /// The port; all ports when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        port: Option<u16>,
    },
    /// Network stage: nothing answers on `port` (every port when absent), as when a firewall drops the
    /// packets: the connection attempt times out (Windows socket error 10060).
    TimedOut {
        /// The port; all ports when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        port: Option<u16>,
    },
}

/// What a connection attempt meets before any POP3 is spoken, when a network-stage fault applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkFault {
    /// The name does not resolve.
    NameNotFound,
    /// The attempt is refused.
    Refused,
    /// The attempt times out.
    TimedOut,
}

/// See [`Fault::Reply`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyFault {
    /// The command's verb (any case).
    pub command: String,
    /// Only when the command's argument is exactly this (e.g. `2` for `RETR 2`); any argument when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub argument: Option<String>,
    /// From the n-th time the command is sent in a session on (1, the default: every time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<u32>,
    /// The reply line, without CRLF: `+OK …`, `-ERR …` (with an RFC 2449/3206 code if you like).
    pub reply: String,
    /// Close the connection after the reply.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub close: bool,
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
    /// The messages, in maildrop order.
    #[serde(default)]
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

fn error(field: impl Into<String>, message: impl Into<String>) -> ScenarioError {
    ScenarioError { field: field.into(), message: message.into() }
}

impl Scenario {
    /// The network-stage fault a connection to one of this scenario's host names on `port` meets, if any
    /// (the first that applies, in the order the scenario lists them).
    pub fn network_fault(&self, port: u16) -> Option<NetworkFault> {
        self.faults.iter().find_map(|f| match f {
            Fault::NameNotFound => Some(NetworkFault::NameNotFound),
            Fault::Refused { port: p } if p.is_none_or(|p| p == port) => Some(NetworkFault::Refused),
            Fault::TimedOut { port: p } if p.is_none_or(|p| p == port) => Some(NetworkFault::TimedOut),
            _ => None,
        })
    }

    /// Reads and validates a scenario from JSON.
    pub fn from_json(json: &str) -> Result<Scenario, ScenarioError> {
        if json.len() > MAX_BYTES {
            return Err(error("", format!("the file is {} octets; at most {MAX_BYTES} are accepted", json.len())));
        }
        let scenario: Scenario = serde_json::from_str(json).map_err(|e| error("", e.to_string()))?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// The scenario as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("scenarios always serialise")
    }

    /// Checks what serde cannot: version, profile id, unique names and UIDs, message bodies.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.version != VERSION {
            return Err(error("version", format!("is {}; this simulator reads version {VERSION}", self.version)));
        }
        self.resolved_profile()?;
        for (i, fault) in self.faults.iter().enumerate() {
            let at = format!("faults[{i}]");
            let f = match fault {
                Fault::Reply(f) => f,
                Fault::Refused { port: Some(0) } | Fault::TimedOut { port: Some(0) } => {
                    return Err(error(format!("{at}.port"), "must be 1 to 65535"));
                }
                Fault::TlsRequired | Fault::NameNotFound | Fault::Refused { .. } | Fault::TimedOut { .. } => continue,
            };
            if f.command.is_empty() || !f.command.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(error(format!("{at}.command"), "must be a command verb such as PASS or RETR"));
            }
            if !(f.reply.starts_with("+OK") || f.reply.starts_with("-ERR")) || f.reply.contains(['\r', '\n']) {
                return Err(error(format!("{at}.reply"), "must be one line starting with +OK or -ERR"));
            }
            if f.from == Some(0) {
                return Err(error(format!("{at}.from"), "counts from 1"));
            }
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

/// A built-in scenario by id.
pub fn builtin(id: &str) -> Option<Scenario> {
    match id {
        "seed" => Some(seed()),
        "dovecot-reference" => Some(reference("dovecot-reference", "dovecot")),
        "courier-reference" => Some(reference("courier-reference", "courier")),
        _ => None,
    }
}

/// The help article's world: Courier at pop.outlook.pl, `tester@outlook.pl` / `moje_hasło`, two messages of
/// 53 235 octets together.
fn seed() -> Scenario {
    Scenario {
        version: VERSION,
        id: "seed".into(),
        title: "The help article's mailbox (Courier at pop.outlook.pl)".into(),
        profile: ProfileRef::Builtin("courier".into()),
        lock_session: None,
        hosts: vec!["pop.outlook.pl".into(), "outlook.pl".into()],
        faults: vec![],
        users: vec![User {
            name: "tester@outlook.pl".into(),
            password: Secret::new("moje_hasło".into()),
            apop_secret: None,
            uid_validity: 1_173_081_600,
            path: Some("/home/vmail/outlook.pl/tester/Maildir".into()),
            unavailable: false,
            messages: vec![
                MessageSpec::text(include_str!("../scenarios/seed/msg1.eml")),
                MessageSpec::text(include_str!("../scenarios/seed/msg2.eml")),
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
        profile: ProfileRef::Builtin(profile.into()),
        lock_session: None,
        hosts: vec!["pop3ref.example".into(), "127.0.0.1".into()],
        faults: vec![],
        users: vec![
            mailbox(
                "tester@example.com",
                vec![
                    MessageSpec::text(include_str!("../scenarios/reference/msg1.eml")),
                    MessageSpec::text(include_str!("../scenarios/reference/msg2.eml")),
                    MessageSpec::text(include_str!("../scenarios/reference/msg3.eml")),
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
    fn builtins_are_valid_and_round_trip() {
        for id in BUILTIN_IDS {
            let s = builtin(id).unwrap();
            s.validate().unwrap();
            assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s, "{id}");
        }
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
