//! Faults a scenario injects, as data beside the protocol code: the session applies the protocol-stage ones,
//! the driver (the browser console, the TCP mode) the network-stage ones.

use serde::{de, Deserialize, Deserializer, Serialize};

use super::ScenarioErrorKind;

/// One injected fault (`{"kind": "…", …}` in a scenario file's `faults`). Read and written through a flat
/// struct of every kind's fields (`FaultFields`), which refuses a field the kind does not have.
#[cfg_attr(test, derive(databake::Bake), databake(path = crate::scenario))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(into = "FaultFields")]
pub enum Fault {
    /// Protocol stage, a scripted reply: when the client sends `command`, the server answers `reply` instead
    /// of its own answer — `PASS` → `-ERR [SYS/PERM] Account disabled`, `RETR 2` → `-ERR [SYS/TEMP] …`.
    Reply(ReplyFault),
    /// Protocol stage: plaintext login (USER/PASS, AUTH PLAIN or LOGIN) is refused until TLS is on, with the
    /// profile's text (Dovecot's `disable_plaintext_auth`, Courier's `POP3_TLS_REQUIRED`); CAPA stops
    /// offering USER and the plaintext SASL mechanisms meanwhile.
    TlsRequired,
    /// Protocol stage: the server has no TLS on its plain port: CAPA does not offer STLS, and STLS is
    /// answered with the profile's "no TLS" text (a client set to STARTTLS then fails).
    NoStls,
    /// TLS stage: the server's certificate has a problem a TLS-aware client reports (`openssl s_client` in
    /// the console; Outlook's security alert). Plain telnet never sees it.
    Certificate {
        /// What is wrong with the certificate.
        problem: CertProblem,
    },
    /// Protocol stage: another session (the user's phone, a second Outlook) holds the mailbox, so a login
    /// is refused with the profile's `[IN-USE]` text. `user`: only this mailbox (all when absent).
    MailboxLocked {
        /// The locked mailbox's user; every mailbox when absent.
        user: Option<String>,
    },
    /// Protocol stage: after `after` failed logins in a row from one client address the server answers
    /// the failure and hangs up; with `ban`, later connections from that address meet a network fault (an
    /// intrusion-prevention tool such as fail2ban adding a firewall rule). A successful login resets the
    /// count, as it resets the profile's own penalty.
    TooManyFailures {
        /// Failed logins in a row that end the session (1 or more).
        after: u32,
        /// What later connections from the banned address meet.
        ban: Option<Ban>,
    },
    /// Protocol stage: the server hangs up after `seconds` without input, in any state (an autologout
    /// timer much shorter than the profile's), with the profile's inactivity text if it has one.
    Autologout {
        /// Seconds of silence before the server hangs up.
        seconds: u64,
    },
    /// Network stage, seen as a slow server: every reply, the greeting included, arrives `ms` later.
    Latency {
        /// Milliseconds before each reply.
        ms: u64,
    },
    /// Network stage: the connection drops after `after_octets` octets of the reply to `command` (of the
    /// server's whole output when absent): the client gets the start of the reply, then the close.
    Drop {
        /// Octets of the reply (or of the session's output) that still arrive.
        after_octets: u64,
        /// The command whose reply is cut (`RETR`); the session's whole output when absent.
        command: Option<String>,
    },
    /// Network stage: the server's host names do not resolve (a DNS failure; Windows socket error 11001).
    NameNotFound,
    /// Network stage: nothing listens on `port` (every port when absent): the connection attempt is refused
    /// (TCP RST; Windows socket error 10061).
    Refused {
        /// The port; all ports when absent.
        port: Option<u16>,
    },
    /// Network stage: nothing answers on `port` (every port when absent), as when a firewall drops the
    /// packets: the connection attempt times out (Windows socket error 10060).
    TimedOut {
        /// The port; all ports when absent.
        port: Option<u16>,
    },
    /// Network stage: something between the client and the server (a firewall, an antivirus program's mail
    /// scanner) accepts the connection on `port` (every port when absent) and, instead of the server,
    /// sends `banner` (nothing when absent) and closes it.
    Intercepted {
        /// The port; all ports when absent.
        port: Option<u16>,
        /// The one line the interceptor sends before closing, without CRLF.
        banner: Option<String>,
    },
}

/// See [`Fault::Reply`].
#[cfg_attr(test, derive(databake::Bake), databake(path = crate::scenario))]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyFault {
    /// The command's verb (any case).
    pub command: String,
    /// Only when the command's argument is exactly this (e.g. `2` for `RETR 2`); any argument when absent.
    pub argument: Option<String>,
    /// From the n-th time the command is sent in a session on (1, the default: every time).
    pub from: Option<u32>,
    /// The reply line, without CRLF: `+OK …`, `-ERR …` (with an RFC 2449/3206 code if you like).
    pub reply: String,
    /// Close the connection after the reply.
    pub close: bool,
}

/// The kinds of [`Fault`], as files name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum FaultKind {
    Reply,
    TlsRequired,
    NoStls,
    Certificate,
    MailboxLocked,
    TooManyFailures,
    Autologout,
    Latency,
    Drop,
    NameNotFound,
    Refused,
    TimedOut,
    Intercepted,
}

/// A fault as a file writes it: its kind and every field any kind has (each field's meaning is on the
/// [`Fault`] variant that has it). Faults are read through this rather than as an internally tagged enum so
/// that a field the kind does not have is refused — serde's tagged enums skip unknown fields, and a typo such
/// as `"prot": 110` would silently make a fault apply to every port — and because one flat struct is a far
/// smaller deserializer in the web app than a tagged enum's buffering.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultFields {
    kind: Option<FaultKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    command: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    argument: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reply: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    close: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    problem: Option<CertProblem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ban: Option<Ban>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seconds: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after_octets: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    port: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    banner: Option<String>,
}

impl FaultKind {
    /// Every kind with its name in files (the serde names; a test holds them equal).
    #[cfg(test)]
    const NAMES: [(FaultKind, &'static str); 13] = [
        (FaultKind::Reply, "reply"),
        (FaultKind::TlsRequired, "tls_required"),
        (FaultKind::NoStls, "no_stls"),
        (FaultKind::Certificate, "certificate"),
        (FaultKind::MailboxLocked, "mailbox_locked"),
        (FaultKind::TooManyFailures, "too_many_failures"),
        (FaultKind::Autologout, "autologout"),
        (FaultKind::Latency, "latency"),
        (FaultKind::Drop, "drop"),
        (FaultKind::NameNotFound, "name_not_found"),
        (FaultKind::Refused, "refused"),
        (FaultKind::TimedOut, "timed_out"),
        (FaultKind::Intercepted, "intercepted"),
    ];
}

impl FaultFields {
    /// The names of the fields that are present.
    fn present(&self) -> impl Iterator<Item = &'static str> {
        [
            ("command", self.command.is_some()),
            ("argument", self.argument.is_some()),
            ("from", self.from.is_some()),
            ("reply", self.reply.is_some()),
            ("close", self.close.is_some()),
            ("problem", self.problem.is_some()),
            ("user", self.user.is_some()),
            ("after", self.after.is_some()),
            ("ban", self.ban.is_some()),
            ("seconds", self.seconds.is_some()),
            ("ms", self.ms.is_some()),
            ("after_octets", self.after_octets.is_some()),
            ("port", self.port.is_some()),
            ("banner", self.banner.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
    }
}

/// Reads the fields, then makes the fault, inside the visitor: a refusal raised there has the visitor's error
/// type, which the scenario reader keeps typed.
impl<'de> Deserialize<'de> for Fault {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Fault, D::Error> {
        struct FaultVisitor;
        impl<'de> de::Visitor<'de> for FaultVisitor {
            type Value = Fault;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a fault (an object with a `kind`)")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Fault, A::Error> {
                Fault::from_fields(FaultFields::deserialize(de::value::MapAccessDeserializer::new(map))?)
            }
        }
        deserializer.deserialize_map(FaultVisitor)
    }
}

impl Fault {
    /// The fault a file's fields make. A missing or foreign field is refused through serde's own
    /// `missing_field` and `unknown_field`, so that the scenario reader reports it typed, at its path.
    fn from_fields<E: de::Error>(f: FaultFields) -> Result<Fault, E> {
        let kind = f.kind.ok_or_else(|| E::missing_field("kind"))?;
        let need = |field: &'static str| E::missing_field(field);
        // The fields this kind has; any other present field is refused below.
        let (fault, has): (Fault, &'static [&'static str]) = match kind {
            FaultKind::Reply => (
                Fault::Reply(ReplyFault {
                    command: f.command.clone().ok_or_else(|| need("command"))?,
                    argument: f.argument.clone(),
                    from: f.from,
                    reply: f.reply.clone().ok_or_else(|| need("reply"))?,
                    close: f.close.unwrap_or(false),
                }),
                &["kind", "command", "argument", "from", "reply", "close"],
            ),
            FaultKind::TlsRequired => (Fault::TlsRequired, &["kind"]),
            FaultKind::NoStls => (Fault::NoStls, &["kind"]),
            FaultKind::Certificate => {
                (Fault::Certificate { problem: f.problem.ok_or_else(|| need("problem"))? }, &["kind", "problem"])
            }
            FaultKind::MailboxLocked => (Fault::MailboxLocked { user: f.user.clone() }, &["kind", "user"]),
            FaultKind::TooManyFailures => (
                Fault::TooManyFailures { after: f.after.ok_or_else(|| need("after"))?, ban: f.ban },
                &["kind", "after", "ban"],
            ),
            FaultKind::Autologout => {
                (Fault::Autologout { seconds: f.seconds.ok_or_else(|| need("seconds"))? }, &["kind", "seconds"])
            }
            FaultKind::Latency => (Fault::Latency { ms: f.ms.ok_or_else(|| need("ms"))? }, &["kind", "ms"]),
            FaultKind::Drop => (
                Fault::Drop {
                    after_octets: f.after_octets.ok_or_else(|| need("after_octets"))?,
                    command: f.command.clone(),
                },
                &["kind", "after_octets", "command"],
            ),
            FaultKind::NameNotFound => (Fault::NameNotFound, &["kind"]),
            FaultKind::Refused => (Fault::Refused { port: f.port }, &["kind", "port"]),
            FaultKind::TimedOut => (Fault::TimedOut { port: f.port }, &["kind", "port"]),
            FaultKind::Intercepted => {
                (Fault::Intercepted { port: f.port, banner: f.banner.clone() }, &["kind", "port", "banner"])
            }
        };
        match f.present().find(|field| !has.contains(field)) {
            Some(field) => Err(E::unknown_field(field, has)),
            None => Ok(fault),
        }
    }
}

impl From<Fault> for FaultFields {
    fn from(fault: Fault) -> FaultFields {
        let with = |kind| FaultFields { kind: Some(kind), ..FaultFields::default() };
        match fault {
            Fault::Reply(r) => FaultFields {
                command: Some(r.command),
                argument: r.argument,
                from: r.from,
                reply: Some(r.reply),
                close: r.close.then_some(true),
                ..with(FaultKind::Reply)
            },
            Fault::TlsRequired => with(FaultKind::TlsRequired),
            Fault::NoStls => with(FaultKind::NoStls),
            Fault::Certificate { problem } => FaultFields { problem: Some(problem), ..with(FaultKind::Certificate) },
            Fault::MailboxLocked { user } => FaultFields { user, ..with(FaultKind::MailboxLocked) },
            Fault::TooManyFailures { after, ban } => {
                FaultFields { after: Some(after), ban, ..with(FaultKind::TooManyFailures) }
            }
            Fault::Autologout { seconds } => FaultFields { seconds: Some(seconds), ..with(FaultKind::Autologout) },
            Fault::Latency { ms } => FaultFields { ms: Some(ms), ..with(FaultKind::Latency) },
            Fault::Drop { after_octets, command } => {
                FaultFields { after_octets: Some(after_octets), command, ..with(FaultKind::Drop) }
            }
            Fault::NameNotFound => with(FaultKind::NameNotFound),
            Fault::Refused { port } => FaultFields { port, ..with(FaultKind::Refused) },
            Fault::TimedOut { port } => FaultFields { port, ..with(FaultKind::TimedOut) },
            Fault::Intercepted { port, banner } => FaultFields { port, banner, ..with(FaultKind::Intercepted) },
        }
    }
}

/// What is wrong with a server's certificate (see [`Fault::Certificate`]).
#[cfg_attr(test, derive(databake::Bake), databake(path = crate::scenario))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertProblem {
    /// Its validity ended.
    Expired,
    /// Signed by itself, not by an authority the client trusts.
    SelfSigned,
    /// Issued for another host name (a shared hosting's certificate): [`CertProblem::WRONG_NAME_HOST`].
    WrongName,
}

impl CertProblem {
    /// The host a wrong-name certificate was issued for (a shared hosting's), the same in the browser's
    /// `openssl s_client` and in the TCP mode's real certificate.
    pub const WRONG_NAME_HOST: &'static str = "mail.hosting.example";
}

/// How a banned address's connection attempts end (see [`Fault::TooManyFailures`]).
#[cfg_attr(test, derive(databake::Bake), databake(path = crate::scenario))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ban {
    /// Refused (a REJECT rule).
    Refused,
    /// Timed out (a DROP rule: fail2ban's usual one).
    TimedOut,
}

/// What a connection attempt meets before any POP3 is spoken, when a network-stage fault applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkFault {
    /// The name does not resolve.
    NameNotFound,
    /// The attempt is refused.
    Refused,
    /// The attempt times out.
    TimedOut,
    /// Something else accepts the connection, sends `banner` (if any) and closes it.
    Intercepted {
        /// The line sent before closing, without CRLF.
        banner: Option<String>,
    },
}

impl From<Ban> for NetworkFault {
    fn from(ban: Ban) -> NetworkFault {
        match ban {
            Ban::Refused => NetworkFault::Refused,
            Ban::TimedOut => NetworkFault::TimedOut,
        }
    }
}

impl Fault {
    /// The network-stage fault this one puts on a connection to `port`, if it is one and applies there.
    pub fn on_connect(&self, port: u16) -> Option<NetworkFault> {
        let here = |p: &Option<u16>| p.is_none_or(|p| p == port);
        match self {
            Fault::NameNotFound => Some(NetworkFault::NameNotFound),
            Fault::Refused { port: p } if here(p) => Some(NetworkFault::Refused),
            Fault::TimedOut { port: p } if here(p) => Some(NetworkFault::TimedOut),
            Fault::Intercepted { port: p, banner } if here(p) => {
                Some(NetworkFault::Intercepted { banner: banner.clone() })
            }
            _ => None,
        }
    }

    /// Checks what serde cannot; `Err((field, kind))` with the field relative to the fault.
    pub(super) fn check(&self) -> Result<(), (&'static str, ScenarioErrorKind)> {
        use ScenarioErrorKind as K;
        let port = |p: &Option<u16>| match p {
            Some(0) => Err(("port", K::OutOfRange { min: 1, max: u16::MAX.into() })),
            _ => Ok(()),
        };
        let one_line = |s: &str| !s.contains(['\r', '\n']);
        let verb = |c: &str| !c.is_empty() && c.bytes().all(|b| b.is_ascii_alphanumeric());
        match self {
            Fault::Reply(f) => {
                if !verb(&f.command) {
                    return Err(("command", K::NotAVerb));
                }
                if !one_line(&f.reply) {
                    return Err(("reply", K::NotOneLine));
                }
                if !(f.reply.starts_with("+OK") || f.reply.starts_with("-ERR")) {
                    return Err(("reply", K::NotAStatusLine));
                }
                if f.from == Some(0) {
                    return Err(("from", K::AtLeast { min: 1 }));
                }
                Ok(())
            }
            Fault::Refused { port: p } | Fault::TimedOut { port: p } => port(p),
            Fault::Intercepted { port: p, banner } => {
                port(p)?;
                match banner {
                    Some(b) if !one_line(b) => Err(("banner", K::NotOneLine)),
                    Some(b) if b.len() > 512 => Err(("banner", K::TooLong { max: 512 })),
                    _ => Ok(()),
                }
            }
            Fault::TooManyFailures { after: 0, .. } => Err(("after", K::AtLeast { min: 1 })),
            Fault::Autologout { seconds: 0 } => Err(("seconds", K::AtLeast { min: 1 })),
            Fault::Latency { ms } if *ms > 600_000 => Err(("ms", K::AtMost { max: 600_000 })),
            Fault::Drop { command: Some(c), .. } if !verb(c) => Err(("command", K::NotAVerb)),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Fault, String> {
        serde_json::from_str::<Fault>(json).map_err(|e| e.to_string())
    }

    /// Read as the scenario reader does: a typed refusal at a path.
    fn refusal(json: &str) -> (String, ScenarioErrorKind) {
        let e = super::super::read::from_str::<Fault>(json).unwrap_err();
        (e.field, e.kind)
    }

    #[test]
    fn kind_names_are_the_serde_names() {
        for (kind, name) in FaultKind::NAMES {
            assert_eq!(serde_json::to_value(kind).unwrap(), name);
        }
    }

    #[test]
    fn every_kind_reads_back_what_it_writes() {
        let faults = [
            Fault::Reply(ReplyFault {
                command: "RETR".into(),
                argument: Some("2".into()),
                from: Some(2),
                reply: "-ERR [SYS/TEMP] busy".into(),
                close: true,
            }),
            Fault::TlsRequired,
            Fault::NoStls,
            Fault::Certificate { problem: CertProblem::WrongName },
            Fault::MailboxLocked { user: Some("a".into()) },
            Fault::TooManyFailures { after: 3, ban: Some(Ban::TimedOut) },
            Fault::Autologout { seconds: 30 },
            Fault::Latency { ms: 2000 },
            Fault::Drop { after_octets: 100, command: Some("RETR".into()) },
            Fault::NameNotFound,
            Fault::Refused { port: Some(110) },
            Fault::TimedOut { port: None },
            Fault::Intercepted { port: Some(110), banner: Some("220 scanner".into()) },
        ];
        assert_eq!(faults.len(), FaultKind::NAMES.len());
        for fault in faults {
            let json = serde_json::to_string(&fault).unwrap();
            assert_eq!(read(&json), Ok(fault), "{json}");
        }
        assert_eq!(
            serde_json::to_string(&Fault::TooManyFailures { after: 3, ban: None }).unwrap(),
            r#"{"kind":"too_many_failures","after":3}"#
        );
    }

    #[test]
    fn a_misspelt_or_foreign_field_is_refused() {
        use ScenarioErrorKind::UnknownField;
        // `prot` would otherwise leave `port` absent: the fault would apply to every port.
        let (field, kind) = refusal(r#"{"kind":"refused","prot":110}"#);
        assert_eq!(field, "prot");
        assert!(matches!(kind, UnknownField { ref name, expected } if name == "prot" && expected.contains(&"port")));
        // A field of another kind: the fields this kind has are the expected ones.
        let (field, kind) = refusal(r#"{"kind":"latency","ms":100,"port":110}"#);
        assert_eq!((field.as_str(), kind), ("port", UnknownField { name: "port".into(), expected: &["kind", "ms"] }));
        let (field, kind) = refusal(r#"{"kind":"name_not_found","banner":"x"}"#);
        assert_eq!((field.as_str(), kind), ("banner", UnknownField { name: "banner".into(), expected: &["kind"] }));
        // serde_json's own text still says which field.
        assert!(read(r#"{"kind":"refused","prot":110}"#).unwrap_err().contains("unknown field `prot`"));
    }

    #[test]
    fn missing_fields_and_kinds_are_named() {
        assert_eq!(refusal(r#"{"kind":"too_many_failures"}"#), ("after".into(), ScenarioErrorKind::Missing));
        assert_eq!(refusal(r#"{"kind":"reply","command":"PASS"}"#), ("reply".into(), ScenarioErrorKind::Missing));
        assert_eq!(refusal(r#"{"port":110}"#), ("kind".into(), ScenarioErrorKind::Missing));
        let (field, kind) = refusal(r#"{"kind":"meteor"}"#);
        assert_eq!(field, "kind");
        assert!(matches!(kind, ScenarioErrorKind::UnknownValue { ref value, expected }
            if value == "meteor" && expected.len() == FaultKind::NAMES.len()));
        assert!(read(r#"{"kind":"reply","command":"PASS","reply":"-ERR x","close":false}"#).is_ok());
    }
}
