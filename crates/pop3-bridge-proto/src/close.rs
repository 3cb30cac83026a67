//! Step 4 of the protocol: the bridge's close frame.

use std::fmt;

use crate::FailureKind;

/// 1000: a normal end.
const NORMAL: u16 = 1000;
/// 1001: the bridge is going away (shutting down).
const GOING_AWAY: u16 = 1001;
/// 1008: a policy (a limit, or a request that breaks the protocol).
const POLICY: u16 = 1008;
/// 1009: a message too big to process.
const TOO_BIG: u16 = 1009;
/// 1013: try again later.
const TRY_AGAIN_LATER: u16 = 1013;

/// Why the bridge ended a session: the reason of its WebSocket close frame (a stable key, [`as_str`]) and
/// the close code that goes with it ([`code`]). (README, "WebSocket bridge", protocol step 4.) A session the
/// client closes gets no close reason from the bridge.
///
/// A newer bridge may add reasons, which an older client reads as [`CloseReason::Unknown`].
///
/// [`as_str`]: CloseReason::as_str
/// [`code`]: CloseReason::code
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CloseReason {
    /// `server_closed` (1000): the server closed the connection, after everything it sent was relayed.
    ServerClosed,
    /// `server_error` (1000): the connection to the server failed (a read or write error).
    ServerError,
    /// `idle_timeout` (1008): no octet relayed either way for the bridge's idle timeout.
    IdleTimeout,
    /// `line_too_long` (1008): a client line towards the server over the bridge's limit.
    LineTooLong,
    /// `session_limit` (1008): the octets relayed in this session (both ways) reached the bridge's limit.
    SessionLimit,
    /// `frame_too_large` (1009): a client message or frame over the bridge's limit.
    FrameTooLarge,
    /// `shutdown` (1001): the bridge is shutting down.
    Shutdown,
    /// After a failure [`Status`](crate::Status): the reason is its `error` key (`tls_failed` for every TLS
    /// kind); the code 1008 for `bad_request`, 1013 for `busy`, 1000 for the others.
    Refused(FailureKind),
    /// A reason this version does not know, as received.
    Unknown {
        /// The close code.
        code: u16,
        /// The reason, as sent.
        reason: String,
    },
}

impl CloseReason {
    /// The reason string: `server_closed`, `server_error`, `idle_timeout`, `line_too_long`, `session_limit`,
    /// `frame_too_large`, `shutdown`, a failure's `error` key, or an unknown one as received.
    pub fn as_str(&self) -> &str {
        match self {
            CloseReason::ServerClosed => "server_closed",
            CloseReason::ServerError => "server_error",
            CloseReason::IdleTimeout => "idle_timeout",
            CloseReason::LineTooLong => "line_too_long",
            CloseReason::SessionLimit => "session_limit",
            CloseReason::FrameTooLarge => "frame_too_large",
            CloseReason::Shutdown => "shutdown",
            CloseReason::Refused(kind) => kind.as_str(),
            CloseReason::Unknown { reason, .. } => reason,
        }
    }

    /// The close code the bridge sends with this reason.
    pub fn code(&self) -> u16 {
        match self {
            CloseReason::ServerClosed | CloseReason::ServerError => NORMAL,
            CloseReason::IdleTimeout | CloseReason::LineTooLong | CloseReason::SessionLimit => POLICY,
            CloseReason::FrameTooLarge => TOO_BIG,
            CloseReason::Shutdown => GOING_AWAY,
            CloseReason::Refused(FailureKind::BadRequest) => POLICY,
            CloseReason::Refused(FailureKind::Busy) => TRY_AGAIN_LATER,
            CloseReason::Refused(_) => NORMAL,
            CloseReason::Unknown { code, .. } => *code,
        }
    }

    /// Reads a received close frame. The reason decides (it is the stable key); the code is kept only for an
    /// unknown reason. A failure key reads as [`CloseReason::Refused`] (`tls_failed` with
    /// [`TlsFailureKind::Other`](crate::TlsFailureKind::Other), since the close frame does not say which: the
    /// status did).
    pub fn from_frame(code: u16, reason: &str) -> CloseReason {
        match reason {
            "server_closed" => CloseReason::ServerClosed,
            "server_error" => CloseReason::ServerError,
            "idle_timeout" => CloseReason::IdleTimeout,
            "line_too_long" => CloseReason::LineTooLong,
            "session_limit" => CloseReason::SessionLimit,
            "frame_too_large" => CloseReason::FrameTooLarge,
            "shutdown" => CloseReason::Shutdown,
            _ => match FailureKind::from_keys(reason, None) {
                FailureKind::Unknown(_) => CloseReason::Unknown { code, reason: reason.to_owned() },
                kind => CloseReason::Refused(kind),
            },
        }
    }
}

/// For logs: the reason and the code, `idle_timeout (1008)`.
impl fmt::Display for CloseReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.as_str(), self.code())
    }
}
