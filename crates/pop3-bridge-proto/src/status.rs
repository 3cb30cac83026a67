//! Step 2 of the protocol: the bridge's one status message, and the failure keys.

use std::borrow::Cow;
use std::fmt;
use std::net::SocketAddr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ParseError;

/// The bridge's answer to the [`Request`](crate::Request): one WebSocket **text** message, before any byte of
/// the server's. (README, "WebSocket bridge", protocol step 2.)
///
/// On the wire, fields in this order, absent ones omitted:
///
/// - connected: `{"ok":true,"address":"192.0.2.7:995"}`, with TLS
///   `{"ok":true,"address":"192.0.2.7:995","tls_version":"TLSv1.3"}`;
/// - failed: `{"ok":false,"error":"refused","detail":"…"}`, for TLS
///   `{"ok":false,"error":"tls_failed","tls_error":"unknown_issuer","detail":"…"}`.
///
/// Reading is lenient where the protocol lets a newer bridge grow (unknown fields are ignored, unknown keys
/// kept in `Unknown` variants, a missing `detail` is empty) and strict where a client could only guess: `ok`
/// is required, `"ok":true` needs an `address` (`ip:port`), `"ok":false` needs an `error`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// `"ok": true`.
    Connected(Connected),
    /// `"ok": false`: the bridge closes the connection after this message.
    Failed(Failure),
}

impl Status {
    /// Reads the bridge's status message. An error means the message is not a status at all (see
    /// [`Status`]); the client decides what to make of that.
    pub fn parse(text: &str) -> Result<Status, ParseError> {
        serde_json::from_str(text).map_err(ParseError)
    }

    /// The message to send, exactly as the bridge always has (see [`Status`]).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a status always serialises")
    }

    /// `true` for [`Status::Connected`] (the `ok` field).
    pub fn is_ok(&self) -> bool {
        matches!(self, Status::Connected(_))
    }
}

impl From<Connected> for Status {
    fn from(connected: Connected) -> Status {
        Status::Connected(connected)
    }
}

impl From<Failure> for Status {
    fn from(failure: Failure) -> Status {
        Status::Failed(failure)
    }
}

/// A connection to the server, ready to relay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connected {
    /// `address`: the address actually connected (`192.0.2.7:995`, `[2001:db8::7]:995`), which a name was
    /// resolved to.
    pub address: SocketAddr,
    /// `tls_version`: the TLS version in use (`TLSv1.3`, `TLSv1.2`) when the bridge speaks TLS to the server,
    /// for people (not a key).
    pub tls_version: Option<String>,
}

/// Why there is no connection: `{"ok":false,"error":…,"tls_error":…,"detail":…}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// `error` and, for TLS, `tls_error`: the stable keys.
    pub kind: FailureKind,
    /// `detail`: English text for people and logs (it may change; programs read [`Failure::kind`]).
    pub detail: String,
}

impl Failure {
    /// A failure of this kind.
    pub fn new(kind: FailureKind, detail: impl Into<String>) -> Failure {
        Failure { kind, detail: detail.into() }
    }

    /// A `tls_failed` failure of this TLS kind.
    pub fn tls(kind: TlsFailureKind, detail: impl Into<String>) -> Failure {
        Failure::new(FailureKind::TlsFailed(kind), detail)
    }
}

/// For logs: `refused: 192.0.2.7:110: connection refused`.
impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.detail)
    }
}

impl std::error::Error for Failure {}

/// The status's `error` key (with `tls_error` inside [`FailureKind::TlsFailed`]). These are every key the
/// bridge sends; a newer bridge may add keys, which an older client reads as [`FailureKind::Unknown`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FailureKind {
    /// `bad_request`: the first message is not a [`Request`](crate::Request) (not text, not the JSON, an
    /// unknown field or `tls`), or it did not come in time. Closed with 1008.
    BadRequest,
    /// `busy`: a session limit (all sessions, or this client address's) is reached; try again later. Closed
    /// with 1013.
    Busy,
    /// `not_allowed`: the target is not on the bridge's allowlist, its host is an odd spelling of an address
    /// (`127.1`, `0x7f.0.0.1`, …), or a name resolves only to special addresses (loopback, private, …) that
    /// are reached only when allowlisted by address.
    NotAllowed,
    /// `resolve_failed`: the name does not resolve (no such name, no address, no answer in time).
    ResolveFailed,
    /// `refused`: the server's host refused the TCP connection (nothing listens on that port).
    Refused,
    /// `timed_out`: no answer in time: connecting, the TLS handshake or the STLS exchange.
    TimedOut,
    /// `unreachable`: another error connecting or talking before the relay (no route, network down, a reset).
    Unreachable,
    /// `tls_failed`, with `tls_error`: TLS with the server could not be set up.
    TlsFailed(TlsFailureKind),
    /// An `error` key this version does not know (from a newer bridge), as sent. Never holds a known key:
    /// build kinds from keys with [`FailureKind::from_keys`].
    Unknown(String),
}

impl FailureKind {
    /// The `error` key: `bad_request`, `busy`, `not_allowed`, `resolve_failed`, `refused`, `timed_out`,
    /// `unreachable`, `tls_failed`, or an unknown one as sent.
    pub fn as_str(&self) -> &str {
        match self {
            FailureKind::BadRequest => "bad_request",
            FailureKind::Busy => "busy",
            FailureKind::NotAllowed => "not_allowed",
            FailureKind::ResolveFailed => "resolve_failed",
            FailureKind::Refused => "refused",
            FailureKind::TimedOut => "timed_out",
            FailureKind::Unreachable => "unreachable",
            FailureKind::TlsFailed(_) => "tls_failed",
            FailureKind::Unknown(key) => key,
        }
    }

    /// The kind an `error` key (and `tls_error`, read only for `tls_failed`) names. `tls_failed` without a
    /// `tls_error` is [`TlsFailureKind::Other`], the key for a TLS failure with no more specific name.
    pub fn from_keys(error: &str, tls_error: Option<&str>) -> FailureKind {
        match error {
            "bad_request" => FailureKind::BadRequest,
            "busy" => FailureKind::Busy,
            "not_allowed" => FailureKind::NotAllowed,
            "resolve_failed" => FailureKind::ResolveFailed,
            "refused" => FailureKind::Refused,
            "timed_out" => FailureKind::TimedOut,
            "unreachable" => FailureKind::Unreachable,
            "tls_failed" => FailureKind::TlsFailed(tls_error.map_or(TlsFailureKind::Other, TlsFailureKind::from_key)),
            other => FailureKind::Unknown(other.to_owned()),
        }
    }

    /// The `tls_error` of a `tls_failed` failure.
    pub fn tls(&self) -> Option<&TlsFailureKind> {
        match self {
            FailureKind::TlsFailed(kind) => Some(kind),
            _ => None,
        }
    }
}

/// For logs: the key, and for TLS both keys (`tls_failed (unknown_issuer)`).
impl fmt::Display for FailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FailureKind::TlsFailed(tls) => write!(f, "tls_failed ({})", tls.as_str()),
            other => f.write_str(other.as_str()),
        }
    }
}

/// The status's `tls_error` key, with `"error":"tls_failed"`. A newer bridge may add keys, which an older
/// client reads as [`TlsFailureKind::Unknown`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TlsFailureKind {
    /// `certificate_expired`: the server's certificate has expired (or is not valid yet).
    CertificateExpired,
    /// `unknown_issuer`: the certificate does not chain to a CA the bridge trusts (a self-signed one too).
    UnknownIssuer,
    /// `wrong_name`: the certificate is not for the host name (or address) asked for.
    WrongName,
    /// `stls_refused`: with `"tls":"stls"`, the server greeted with something else than `+OK`, or answered
    /// `STLS` with something else than `+OK`.
    StlsRefused,
    /// `other`: any other TLS failure (a handshake error, a certificate problem without a name of its own, a
    /// connection closed during the handshake).
    Other,
    /// A `tls_error` key this version does not know (from a newer bridge), as sent. Never holds a known key:
    /// build kinds from keys with [`TlsFailureKind::from_key`].
    Unknown(String),
}

impl TlsFailureKind {
    /// The `tls_error` key: `certificate_expired`, `unknown_issuer`, `wrong_name`, `stls_refused`, `other`,
    /// or an unknown one as sent.
    pub fn as_str(&self) -> &str {
        match self {
            TlsFailureKind::CertificateExpired => "certificate_expired",
            TlsFailureKind::UnknownIssuer => "unknown_issuer",
            TlsFailureKind::WrongName => "wrong_name",
            TlsFailureKind::StlsRefused => "stls_refused",
            TlsFailureKind::Other => "other",
            TlsFailureKind::Unknown(key) => key,
        }
    }

    /// The kind a `tls_error` key names.
    pub fn from_key(key: &str) -> TlsFailureKind {
        match key {
            "certificate_expired" => TlsFailureKind::CertificateExpired,
            "unknown_issuer" => TlsFailureKind::UnknownIssuer,
            "wrong_name" => TlsFailureKind::WrongName,
            "stls_refused" => TlsFailureKind::StlsRefused,
            "other" => TlsFailureKind::Other,
            other => TlsFailureKind::Unknown(other.to_owned()),
        }
    }
}

/// For logs: the key.
impl fmt::Display for TlsFailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The status as it is on the wire: the one place that fixes the fields' names and order.
#[derive(Serialize, Deserialize)]
struct Wire<'a> {
    ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    address: Option<SocketAddr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tls_version: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tls_error: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    detail: Option<Cow<'a, str>>,
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let wire = match self {
            Status::Connected(Connected { address, tls_version }) => Wire {
                ok: true,
                address: Some(*address),
                tls_version: tls_version.as_deref().map(Cow::Borrowed),
                error: None,
                tls_error: None,
                detail: None,
            },
            Status::Failed(Failure { kind, detail }) => Wire {
                ok: false,
                address: None,
                tls_version: None,
                error: Some(Cow::Borrowed(kind.as_str())),
                tls_error: kind.tls().map(|tls| Cow::Borrowed(tls.as_str())),
                detail: Some(Cow::Borrowed(detail)),
            },
        };
        wire.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Status, D::Error> {
        use serde::de::Error as _;
        let wire = Wire::deserialize(deserializer)?;
        if wire.ok {
            let address =
                wire.address.ok_or_else(|| D::Error::custom("a status with \"ok\": true must have an \"address\""))?;
            Ok(Status::Connected(Connected { address, tls_version: wire.tls_version.map(Cow::into_owned) }))
        } else {
            let error =
                wire.error.ok_or_else(|| D::Error::custom("a status with \"ok\": false must have an \"error\""))?;
            Ok(Status::Failed(Failure {
                kind: FailureKind::from_keys(&error, wire.tls_error.as_deref()),
                detail: wire.detail.map(Cow::into_owned).unwrap_or_default(),
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for key in ["bad_request", "busy", "not_allowed", "resolve_failed", "refused", "timed_out", "unreachable"] {
            let kind = FailureKind::from_keys(key, None);
            assert!(!matches!(kind, FailureKind::Unknown(_)), "{key}");
            assert_eq!(kind.as_str(), key);
            assert_eq!(kind.tls(), None);
        }
        for key in ["certificate_expired", "unknown_issuer", "wrong_name", "stls_refused", "other"] {
            let tls = TlsFailureKind::from_key(key);
            assert!(!matches!(tls, TlsFailureKind::Unknown(_)), "{key}");
            assert_eq!(tls.as_str(), key);
            let kind = FailureKind::from_keys("tls_failed", Some(key));
            assert_eq!((kind.as_str(), kind.tls()), ("tls_failed", Some(&tls)));
        }
        assert_eq!(FailureKind::from_keys("tls_failed", None), FailureKind::TlsFailed(TlsFailureKind::Other));
        assert_eq!(FailureKind::from_keys("not_allowed", Some("wrong_name")), FailureKind::NotAllowed);
    }

    #[test]
    fn unknown_keys_are_kept_as_sent() {
        assert_eq!(FailureKind::from_keys("quota", None), FailureKind::Unknown("quota".into()));
        assert_eq!(FailureKind::Unknown("quota".into()).as_str(), "quota");
        assert_eq!(TlsFailureKind::from_key("revoked"), TlsFailureKind::Unknown("revoked".into()));
        assert_eq!(TlsFailureKind::Unknown("revoked".into()).as_str(), "revoked");
    }

    #[test]
    fn display_is_for_logs() {
        let failure = Failure::tls(TlsFailureKind::WrongName, "invalid peer certificate: NotValidForName");
        assert_eq!(failure.to_string(), "tls_failed (wrong_name): invalid peer certificate: NotValidForName");
        assert_eq!(Failure::new(FailureKind::Busy, "full").to_string(), "busy: full");
    }
}
