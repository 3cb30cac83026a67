//! Faults a scenario injects, as data beside the protocol code: the session applies the protocol-stage ones,
//! the driver (the browser console, the TCP mode) the network-stage ones.

use serde::{Deserialize, Serialize};

/// One injected fault (`{"kind": "…", …}` in a scenario file's `faults`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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
        #[serde(default, skip_serializing_if = "Option::is_none")]
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
        #[serde(default, skip_serializing_if = "Option::is_none")]
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
        #[serde(default, skip_serializing_if = "Option::is_none")]
        command: Option<String>,
    },
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
    /// Network stage: something between the client and the server (a firewall, an antivirus program's mail
    /// scanner) accepts the connection on `port` (every port when absent) and, instead of the server,
    /// sends `banner` (nothing when absent) and closes it.
    Intercepted {
        /// The port; all ports when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        port: Option<u16>,
        /// The one line the interceptor sends before closing, without CRLF.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        banner: Option<String>,
    },
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

/// What is wrong with a server's certificate (see [`Fault::Certificate`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertProblem {
    /// Its validity ended.
    Expired,
    /// Signed by itself, not by an authority the client trusts.
    SelfSigned,
    /// Issued for another host name (a shared hosting's certificate).
    WrongName,
}

/// How a banned address's connection attempts end (see [`Fault::TooManyFailures`]).
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

    /// Checks what serde cannot; `Err((field, message))` with the field relative to the fault.
    pub(super) fn check(&self) -> Result<(), (&'static str, String)> {
        let port =
            |p: &Option<u16>| if *p == Some(0) { Err(("port", "must be 1 to 65535".to_string())) } else { Ok(()) };
        let line = |s: &str| !s.contains(['\r', '\n']);
        match self {
            Fault::Reply(f) => {
                if f.command.is_empty() || !f.command.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    return Err(("command", "must be a command verb such as PASS or RETR".into()));
                }
                if !(f.reply.starts_with("+OK") || f.reply.starts_with("-ERR")) || !line(&f.reply) {
                    return Err(("reply", "must be one line starting with +OK or -ERR".into()));
                }
                if f.from == Some(0) {
                    return Err(("from", "counts from 1".into()));
                }
                Ok(())
            }
            Fault::Refused { port: p } | Fault::TimedOut { port: p } => port(p),
            Fault::Intercepted { port: p, banner } => {
                port(p)?;
                match banner {
                    Some(b) if !line(b) || b.len() > 512 => {
                        Err(("banner", "must be one line of at most 512 octets".into()))
                    }
                    _ => Ok(()),
                }
            }
            Fault::TooManyFailures { after: 0, .. } => Err(("after", "must be 1 or more".into())),
            Fault::Autologout { seconds: 0 } => Err(("seconds", "must be 1 or more".into())),
            Fault::Latency { ms } if *ms > 600_000 => Err(("ms", "must be at most 600000 (ten minutes)".into())),
            Fault::Drop { command: Some(c), .. } if c.is_empty() || !c.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                Err(("command", "must be a command verb such as RETR".into()))
            }
            _ => Ok(()),
        }
    }
}
