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
//! checks everything serde cannot (see [`Scenario::validate`]) and every refusal is a typed
//! [`ScenarioError`]: the field (`users[0].messages[2].uid`, `faults[1].port`) and a [`ScenarioErrorKind`]
//! with its payload, which the web app words in the page's language. Its `Display` is English, for logs and
//! the command line (`faults[0].port: must be 0 to 65535`).

mod fault;
mod file;
mod library;
mod read;

use std::collections::BTreeMap;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

pub use fault::{Ban, CertProblem, Fault, NetworkFault, ReplyFault};

/// Reads JSON into any `T` with this format's refusals: every failure is a [`ScenarioError`] naming the
/// field and its kind (see `read.rs`). Other files that follow the scenario format's rules use it too (a
/// lesson file embeds a scenario).
pub fn read_json<'de, T: serde::Deserialize<'de>>(json: &'de str) -> Result<T, ScenarioError> {
    read::from_str(json)
}
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
    /// A demo script: lines to type at the console, one after another, each with what to say under its
    /// reply (the embed widget plays it). A scenario's own: not inherited from its `base`.
    pub demo: Vec<DemoStep>,
}

/// The most steps a scenario's [`demo`](Scenario::demo) has.
pub const MAX_DEMO_STEPS: usize = 64;
/// The longest [`DemoStep::line`], in octets.
pub const MAX_DEMO_LINE: usize = 1000;
/// The longest caption text of a demo step, in octets.
pub const MAX_DEMO_CAPTION: usize = 300;
/// The longest [`DemoStep::pause`], in milliseconds.
pub const MAX_DEMO_PAUSE_MS: u32 = 60_000;

/// One step of a scenario's demo: a line typed at the console, what to say under its reply, how long to let
/// the reader read it.
#[cfg_attr(test, derive(databake::Bake), databake(path = crate::scenario))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoStep {
    /// The line typed at the console's prompt (`telnet pop.outlook.pl 110`) or sent to the server (`STAT`):
    /// one line, without its line end.
    pub line: String,
    /// What to say under the reply, per language.
    #[serde(default, skip_serializing_if = "Caption::is_empty")]
    pub caption: Caption,
    /// How long to let the reader read, in milliseconds (0 to [`MAX_DEMO_PAUSE_MS`]); the player's own
    /// default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pause: Option<u32>,
}

/// A demo step's caption, in English and Polish; each one line, both optional.
#[cfg_attr(test, derive(databake::Bake), databake(path = crate::scenario))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caption {
    /// In English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// In Polish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pl: Option<String>,
}

impl Caption {
    /// Whether there is no text in any language.
    pub fn is_empty(&self) -> bool {
        self.en.is_none() && self.pl.is_none()
    }

    /// The caption in `lang` (`en`, `pl`), falling back to English (and, for a caption given only in
    /// Polish, to Polish).
    pub fn in_lang(&self, lang: &str) -> Option<&str> {
        let own = match lang {
            "pl" => self.pl.as_deref(),
            "en" => self.en.as_deref(),
            _ => None,
        };
        own.or(self.en.as_deref()).or(self.pl.as_deref())
    }
}

impl DemoStep {
    /// Checks what serde cannot: `(field under the step, what is wrong)`.
    fn check(&self) -> Result<(), (&'static str, ScenarioErrorKind)> {
        use ScenarioErrorKind as K;
        one_line_text(&self.line, MAX_DEMO_LINE).map_err(|k| ("line", k))?;
        for (field, text) in [("caption.en", &self.caption.en), ("caption.pl", &self.caption.pl)] {
            if let Some(text) = text {
                one_line_text(text, MAX_DEMO_CAPTION).map_err(|k| (field, k))?;
            }
        }
        match self.pause {
            Some(ms) if ms > MAX_DEMO_PAUSE_MS => Err(("pause", K::AtMost { max: MAX_DEMO_PAUSE_MS.into() })),
            _ => Ok(()),
        }
    }
}

/// A text that must be one line of at most `max` octets, not blank, without control characters.
fn one_line_text(text: &str, max: usize) -> Result<(), ScenarioErrorKind> {
    use ScenarioErrorKind as K;
    if text.trim().is_empty() {
        Err(K::Empty)
    } else if text.contains(['\r', '\n']) {
        Err(K::NotOneLine)
    } else if text.chars().any(char::is_control) {
        Err(K::ControlCharacter)
    } else if text.len() > max {
        Err(K::TooLong { max })
    } else {
        Ok(())
    }
}

/// A scenario's description in one language. Every field is optional: what is missing falls back to
/// English, then to the scenario's `title`.
#[cfg_attr(test, derive(databake::Bake), databake(path = crate::scenario))]
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
#[cfg_attr(test, derive(databake::Bake), databake(path = crate::scenario))]
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
#[cfg_attr(test, derive(databake::Bake), databake(path = crate::scenario))]
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

    /// The message's octets, or why there are none ([`ScenarioErrorKind::NotBase64`],
    /// [`BothTextAndBase64`](ScenarioErrorKind::BothTextAndBase64),
    /// [`NeitherTextNorBase64`](ScenarioErrorKind::NeitherTextNorBase64)).
    pub fn raw(&self) -> Result<Vec<u8>, ScenarioErrorKind> {
        match (&self.text, &self.base64) {
            (Some(t), None) => Ok(t.as_bytes().to_vec()),
            (None, Some(b)) => {
                base64::engine::general_purpose::STANDARD.decode(b.trim()).map_err(|_| ScenarioErrorKind::NotBase64)
            }
            (Some(_), Some(_)) => Err(ScenarioErrorKind::BothTextAndBase64),
            (None, None) => Err(ScenarioErrorKind::NeitherTextNorBase64),
        }
    }
}

/// Why a scenario was refused: the place and what is wrong there. A typed value, so that a user interface
/// words it in its own language; `Display` is English, for logs and the command line
/// (`faults[0].port: must be 0 to 65535`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioError {
    /// Path of the offending field, as the file spells it: `faults[0].port`, `users[1].name`,
    /// `about.pl.title`. Empty for the file as a whole (too large, or a syntax error outside any field).
    pub field: String,
    /// What is wrong with it.
    pub kind: ScenarioErrorKind,
}

impl ScenarioError {
    /// A refusal of `field` (a path such as `faults[0].port`).
    pub fn new(field: impl Into<String>, kind: ScenarioErrorKind) -> ScenarioError {
        ScenarioError { field: field.into(), kind }
    }
}

/// What is wrong with a scenario's field (see [`ScenarioError`]). New kinds may be added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ScenarioErrorKind {
    /// The file is larger than [`MAX_BYTES`].
    TooLarge {
        /// Its size.
        octets: usize,
        /// The largest accepted.
        max: usize,
    },
    /// The text is not JSON: a syntax error here (lines and columns count from 1).
    Syntax {
        /// Line.
        line: usize,
        /// Column.
        column: usize,
    },
    /// The JSON ends before its value does (a file cut short); where it ends.
    UnexpectedEnd {
        /// Line.
        line: usize,
        /// Column.
        column: usize,
    },
    /// A value of the wrong JSON type (a string where a number belongs).
    WrongType {
        /// The type the field takes.
        expected: JsonType,
    },
    /// A whole number outside its range (`"port": 70000`, `"port": 0`, `"uid": -1`).
    OutOfRange {
        /// The smallest allowed.
        min: i64,
        /// The largest allowed.
        max: u64,
    },
    /// A number below its minimum (`"after": 0`).
    AtLeast {
        /// The smallest allowed.
        min: u64,
    },
    /// A number above its maximum (`"ms": 700000`).
    AtMost {
        /// The largest allowed.
        max: u64,
    },
    /// A field the object does not have (`"prot": 110`, or `port` in a fault of kind `latency`). The
    /// error's `field` is the path to it.
    UnknownField {
        /// The field's name.
        name: String,
        /// The fields the object has.
        expected: &'static [&'static str],
    },
    /// A name that is not one of the allowed ones (a fault's `kind`, a `profile` or `base` id).
    UnknownValue {
        /// The name given.
        value: String,
        /// The names allowed.
        expected: &'static [&'static str],
    },
    /// A required field is absent (a fault of kind `latency` without `ms`).
    Missing,
    /// The same field twice in one object.
    Repeated,
    /// `version` is not [`VERSION`].
    UnsupportedVersion {
        /// The version in the file.
        found: u32,
        /// The version this crate reads.
        supported: u32,
    },
    /// A text that must not be empty is (a user's `name`).
    Empty,
    /// Two users have the same name.
    DuplicateName {
        /// The name.
        name: String,
    },
    /// A message's UID is not greater than the previous message's.
    UidNotIncreasing {
        /// The UID.
        uid: u32,
        /// The previous message's UID.
        previous: u32,
    },
    /// A message's `base64` is not valid base64.
    NotBase64,
    /// A message has both `text` and `base64`.
    BothTextAndBase64,
    /// A message has neither `text` nor `base64`.
    NeitherTextNorBase64,
    /// No `profile`, and no `base` to take one from.
    NoProfile,
    /// Not a command verb (letters and digits, such as `PASS` or `RETR`).
    NotAVerb,
    /// A reply that does not start with `+OK` or `-ERR`.
    NotAStatusLine,
    /// A text that must be one line has a CR or LF.
    NotOneLine,
    /// A text longer than allowed.
    TooLong {
        /// The most octets allowed.
        max: usize,
    },
    /// A list with more entries than allowed (a `demo` of more than 64 steps).
    TooMany {
        /// The most entries allowed.
        max: usize,
    },
    /// A text that must not hold control characters does (a tab, NUL or ESC in a demo's `line`).
    ControlCharacter,
    /// A refusal worded by code outside the scenario reader, in English (a custom profile's line-limit rule).
    /// The last resort: every refusal the reader makes itself has its own kind.
    Other(String),
}

/// The JSON types a field can take, for [`ScenarioErrorKind::WrongType`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum JsonType {
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array (a list).
    Array,
    /// An object.
    Object,
    /// A string or an object (`profile`: a built-in id or a whole profile).
    StringOrObject,
}

impl ScenarioErrorKind {
    /// One value of every kind, for tests that check each kind is worded (in every language of a UI).
    pub fn examples() -> Vec<ScenarioErrorKind> {
        use ScenarioErrorKind::*;
        vec![
            TooLarge { octets: MAX_BYTES + 1, max: MAX_BYTES },
            Syntax { line: 3, column: 14 },
            UnexpectedEnd { line: 9, column: 1 },
            WrongType { expected: JsonType::Integer },
            OutOfRange { min: 0, max: 65535 },
            AtLeast { min: 1 },
            AtMost { max: 600_000 },
            UnknownField { name: "prot".into(), expected: &["kind", "port"] },
            UnknownValue { value: "meteor".into(), expected: &["reply", "latency"] },
            Missing,
            Repeated,
            UnsupportedVersion { found: 2, supported: VERSION },
            Empty,
            DuplicateName { name: "anna@example.com".into() },
            UidNotIncreasing { uid: 3, previous: 5 },
            NotBase64,
            BothTextAndBase64,
            NeitherTextNorBase64,
            NoProfile,
            NotAVerb,
            NotAStatusLine,
            NotOneLine,
            TooLong { max: 512 },
            TooMany { max: MAX_DEMO_STEPS },
            ControlCharacter,
            Other("a line limit of kind `whole` has exactly the field(s) `max`".into()),
        ]
    }
}

impl JsonType {
    /// Every type.
    pub const ALL: [JsonType; 7] = [
        JsonType::Bool,
        JsonType::Integer,
        JsonType::Number,
        JsonType::String,
        JsonType::Array,
        JsonType::Object,
        JsonType::StringOrObject,
    ];
}

impl std::fmt::Display for JsonType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            JsonType::Bool => "true or false",
            JsonType::Integer => "a whole number",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
            JsonType::StringOrObject => "a string (a built-in id) or an object",
        })
    }
}

/// `a`, `b` or `c`: a list of names for an English sentence.
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => "nothing".into(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

impl std::fmt::Display for ScenarioErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use ScenarioErrorKind::*;
        match self {
            TooLarge { octets, max } => write!(f, "the file is {octets} octets; at most {max} are accepted"),
            Syntax { line, column } => write!(f, "the JSON is malformed at line {line}, column {column}"),
            UnexpectedEnd { line, column } => write!(f, "the JSON ends too early, at line {line}, column {column}"),
            WrongType { expected } => write!(f, "must be {expected}"),
            OutOfRange { min, max } => write!(f, "must be {min} to {max}"),
            AtLeast { min } => write!(f, "must be {min} or more"),
            AtMost { max } => write!(f, "must be at most {max}"),
            UnknownField { expected, .. } => write!(f, "no such field; expected {}", one_of(expected)),
            UnknownValue { value, expected } => write!(f, "`{value}` is not one of {}", one_of(expected)),
            Missing => f.write_str("is missing"),
            Repeated => f.write_str("is given twice"),
            UnsupportedVersion { found, supported } => {
                write!(f, "is {found}; this simulator reads version {supported}")
            }
            Empty => f.write_str("is empty"),
            DuplicateName { name } => write!(f, "`{name}` appears twice"),
            UidNotIncreasing { uid, previous } => write!(f, "is {uid}; UIDs must grow (previous: {previous})"),
            NotBase64 => f.write_str("is not valid base64"),
            BothTextAndBase64 => f.write_str("has both `text` and `base64`; give one"),
            NeitherTextNorBase64 => f.write_str("has neither `text` nor `base64`"),
            NoProfile => f.write_str("is missing: give a profile, or a base to take it from"),
            NotAVerb => f.write_str("must be a command verb such as PASS or RETR"),
            NotAStatusLine => f.write_str("must start with +OK or -ERR"),
            NotOneLine => f.write_str("must be one line (no CR or LF)"),
            TooLong { max } => write!(f, "must be at most {max} octets"),
            TooMany { max } => write!(f, "must have at most {max} entries"),
            ControlCharacter => f.write_str("must not contain control characters (tab, NUL, ESC, …)"),
            Other(text) => f.write_str(text),
        }
    }
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kind {
            _ if self.field.is_empty() => self.kind.fmt(f),
            // A syntax error is about a place in the text; the field is where it was being read.
            ScenarioErrorKind::Syntax { .. } | ScenarioErrorKind::UnexpectedEnd { .. } => {
                write!(f, "{} (in {})", self.kind, self.field)
            }
            _ => write!(f, "{}: {}", self.field, self.kind),
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

fn error(field: impl Into<String>, kind: ScenarioErrorKind) -> ScenarioError {
    ScenarioError::new(field, kind)
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
            return Err(error("", ScenarioErrorKind::TooLarge { octets: json.len(), max: MAX_BYTES }));
        }
        let file: file::ScenarioFile = read::from_str(json)?;
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

    /// Checks what serde cannot: version, profile id, faults, the demo, unique names and UIDs, message bodies.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.version != VERSION {
            let kind = ScenarioErrorKind::UnsupportedVersion { found: self.version, supported: VERSION };
            return Err(error("version", kind));
        }
        self.resolved_profile()?;
        for (i, fault) in self.faults.iter().enumerate() {
            fault.check().map_err(|(field, kind)| error(format!("faults[{i}].{field}"), kind))?;
        }
        if self.demo.len() > MAX_DEMO_STEPS {
            return Err(error("demo", ScenarioErrorKind::TooMany { max: MAX_DEMO_STEPS }));
        }
        for (i, step) in self.demo.iter().enumerate() {
            step.check().map_err(|(field, kind)| error(format!("demo[{i}].{field}"), kind))?;
        }
        for (i, user) in self.users.iter().enumerate() {
            let at = format!("users[{i}]");
            if user.name.is_empty() {
                return Err(error(format!("{at}.name"), ScenarioErrorKind::Empty));
            }
            if self.users[..i].iter().any(|u| u.name == user.name) {
                return Err(error(format!("{at}.name"), ScenarioErrorKind::DuplicateName { name: user.name.clone() }));
            }
            let mut last_uid = 0u32;
            for (j, m) in user.messages.iter().enumerate() {
                let at = format!("{at}.messages[{j}]");
                m.raw().map_err(|kind| error(at.clone(), kind))?;
                let uid = m.uid.unwrap_or(last_uid.saturating_add(1));
                if uid <= last_uid {
                    let kind = ScenarioErrorKind::UidNotIncreasing { uid, previous: last_uid };
                    return Err(error(format!("{at}.uid"), kind));
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
                error("profile", ScenarioErrorKind::UnknownValue { value: id.clone(), expected: &profile::BUILTIN_IDS })
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
        // (Its own descriptions and demo, not the world's 53 KB of messages.)
        assert!(json.contains("\"base\": \"seed\"") && json.len() < 5000, "{json}");
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
        assert_eq!(err.field, "profile.replies.greting", "{err}");
        assert!(matches!(err.kind, ScenarioErrorKind::UnknownField { ref name, .. } if name == "greting"), "{err}");
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
        let err = Scenario::from_json(unknown).unwrap_err();
        assert_eq!(err.field, "faults[0].kind");
        assert!(matches!(err.kind, ScenarioErrorKind::UnknownValue { ref value, .. } if value == "meteor"), "{err}");
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
        let err = Scenario::from_json(unknown).unwrap_err();
        assert_eq!(err.field, "colour");
        assert!(matches!(err.kind, ScenarioErrorKind::UnknownField { ref name, .. } if name == "colour"), "{err}");
    }
}
