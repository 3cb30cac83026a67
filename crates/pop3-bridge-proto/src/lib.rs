//! The protocol of pop3-tutor's WebSocket bridge (`pop3-tutor-server bridge`), defined once for both ends: the
//! web app (the client, built for wasm32) and the bridge (the server) use these types, so a key cannot be
//! spelt differently on the two sides. The JSON shown here is the contract, byte for byte; the tests in
//! `tests/wire.rs` pin it. The README's "WebSocket bridge" section summarises it for operators.
//!
//! Browsers cannot open TCP sockets, so the app opens a WebSocket to the bridge's `/bridge` and the bridge
//! relays it to a POP3 server on its allowlist, doing TLS (implicit or STLS) on the browser's behalf.
//!
//! # The exchange
//!
//! ```text
//! client                                              bridge                       POP3 server
//!   | --- text: {"host":"pop.example.com","port":995,"tls":"implicit"} -->|                      |
//!   |                                                                    | --- TCP, TLS ------> |
//!   | <-- text: {"ok":true,"address":"192.0.2.7:995","tls_version":"TLSv1.3"}                   |
//!   | <-- binary: "+OK Dovecot ready.\r\n" ----------------------------- | <------------------- |
//!   | --- binary: "USER tester\r\n" ------------------------------------>| -------------------> |
//!   |                              …                                     |                      |
//!   | <-- close 1000 "server_closed" ----------------------------------- | <-- FIN ------------ |
//! ```
//!
//! 1. **The request** ([`Request`]). The client's first message is **text** naming the target:
//!    `{"host":"pop.example.com","port":995,"tls":"implicit"}`. `tls` ([`Tls`]) is `"none"` (the default when
//!    absent), `"implicit"` (TLS from the first byte, POP3S) or `"stls"`. Unknown fields are refused. It must
//!    arrive within 30 s (or the bridge's idle timeout, if shorter).
//! 2. **The status** ([`Status`]). The bridge answers with exactly one **text** message:
//!    - `{"ok":true,"address":"192.0.2.7:995","tls_version":"TLSv1.3"}` ([`Connected`]; `tls_version` only
//!      with TLS): connected; `address` is the address actually connected.
//!    - `{"ok":false,"error":E,"detail":"…"}` ([`Failure`]), and the connection closes. `E` is a
//!      [`FailureKind`]: `bad_request`, `busy`, `not_allowed`, `resolve_failed`, `refused`, `timed_out`,
//!      `unreachable` or `tls_failed`; a `tls_failed` answer also has `"tls_error"`, between `error` and
//!      `detail`, a [`TlsFailureKind`]: `certificate_expired`, `unknown_issuer`, `wrong_name`, `stls_refused`
//!      or `other`. `error` and `tls_error` are the stable keys, for programs; `detail` is English text for
//!      people and logs, and may change.
//! 3. **The relay.** Then bytes, both ways, unchanged: the server's as **binary** messages (what one read
//!    returned), the client's as binary (or text, sent as its UTF-8 octets) messages. The bridge sends no text
//!    message after the status.
//! 4. **The end** ([`CloseReason`]): a close frame from the bridge whose reason is a stable key:
//!    `server_closed` (1000: the server closed, after everything it sent was relayed), `server_error` (1000),
//!    `idle_timeout`, `line_too_long`, `session_limit` (1008), `frame_too_large` (1009), `shutdown` (1001);
//!    after a failure status, the status's `error` key (`bad_request` 1008, `busy` 1013, the others 1000). Or
//!    the client closes, which the bridge passes on to the server as the end of its input.
//!
//! **STLS.** With `"tls":"stls"` the bridge itself reads the server's greeting (it must be `+OK`), sends
//! `STLS`, expects `+OK`, does the TLS handshake, and only then sends the status; the first binary message is
//! the greeting read before the handshake. The client sees a plain POP3 session with the greeting, already
//! inside TLS (the `STLS` exchange is not shown; `CAPA` now answers as after STLS).
//!
//! # Reading what a newer bridge sends
//!
//! A newer bridge may add error keys, TLS keys, close reasons and status fields. An older client still reads
//! its answers: unknown fields are ignored, and an unknown key is kept as it was sent in an `Unknown` variant
//! ([`FailureKind::Unknown`], [`TlsFailureKind::Unknown`], [`CloseReason::Unknown`]), never mistaken for a
//! known one; the enums are `#[non_exhaustive]`, so code matching them already has an arm for what comes
//! later. Only a message that breaks the rules above (not JSON, no `ok`, `"ok":true` without an `address`,
//! `"ok":false` without an `error`) fails to parse ([`ParseError`]): what the client makes of that is its own
//! business, not a key the bridge sent.
//!
//! # Example
//!
//! ```
//! use pop3_bridge_proto::{FailureKind, Request, Status, Tls, TlsFailureKind};
//!
//! let hello = Request::new("pop.example.com", 995, Tls::Implicit).to_json();
//! assert_eq!(hello, r#"{"host":"pop.example.com","port":995,"tls":"implicit"}"#);
//!
//! let answer = r#"{"ok":false,"error":"tls_failed","tls_error":"unknown_issuer","detail":"invalid peer certificate: UnknownIssuer"}"#;
//! match Status::parse(answer).unwrap() {
//!     Status::Connected(connected) => println!("connected to {}", connected.address),
//!     Status::Failed(failure) => {
//!         assert_eq!(failure.kind, FailureKind::TlsFailed(TlsFailureKind::UnknownIssuer));
//!     }
//! }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod close;
mod request;
mod status;

use std::fmt;

pub use close::CloseReason;
pub use request::{Request, Tls};
pub use status::{Connected, Failure, FailureKind, Status, TlsFailureKind};

/// A message that does not follow the protocol: not JSON, or JSON that is not a [`Request`] (for the bridge)
/// or a [`Status`] (for the client). `Display` says what is wrong, in English.
#[derive(Debug)]
pub struct ParseError(serde_json::Error);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for ParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}
