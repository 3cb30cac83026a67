//! Real-server mode: `telnet` and `openssl s_client` go through the WebSocket bridge (`pop3-tutor-server
//! bridge`) to a real POP3 server instead of the simulator. The shell stays sans-IO: it queues
//! [`Outgoing`] requests for the page to carry out, and the page feeds the bridge's answers back
//! ([`crate::console::Shell::bridge_opened`], `bridge_data`, `bridge_closed`).
//!
//! The bridge's protocol: the first (text) message names the target, `{"host": …, "port": …, "tls":
//! "none" | "implicit" | "stls"}`; the bridge answers with one text message, `{"ok": true, "address":
//! "ip:port"}` or `{"ok": false, "error": "not_allowed" | "resolve_failed" | "refused" | "timed_out" |
//! "tls_failed", "detail": …}`; then bytes flow both ways as binary messages.

use serde::Deserialize;

/// How the bridge reaches the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tls {
    /// Plain TCP (telnet).
    None,
    /// TLS from the first byte (port 995).
    Implicit,
    /// STLS on the plain port first.
    Stls,
}

/// What the page must do for the shell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outgoing {
    /// Open a bridge connection and send this first message.
    Open {
        /// The target message (JSON).
        hello: String,
    },
    /// Send these bytes to the server.
    Send(Vec<u8>),
    /// Close the bridge connection.
    Close,
}

/// The first message: the target.
pub fn hello(host: &str, port: u16, tls: Tls) -> String {
    let tls = match tls {
        Tls::None => "none",
        Tls::Implicit => "implicit",
        Tls::Stls => "stls",
    };
    let host = serde_json::to_string(host).unwrap_or_else(|_| "\"\"".into());
    format!(r#"{{"host":{host},"port":{port},"tls":"{tls}"}}"#)
}

/// The bridge's answer to the first message.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Status {
    /// Connected.
    pub ok: bool,
    /// The address connected to.
    #[serde(default)]
    pub address: Option<String>,
    /// Why not: `not_allowed`, `resolve_failed`, `refused`, `timed_out`, `tls_failed`.
    #[serde(default)]
    pub error: Option<String>,
    /// For `tls_failed`: `certificate_expired`, `unknown_issuer` (self-signed too), `wrong_name`,
    /// `stls_refused` or `other`.
    #[serde(default)]
    pub tls_error: Option<String>,
    /// More about it, in English, for people.
    #[serde(default)]
    pub detail: Option<String>,
}

impl Status {
    /// A certificate problem as OpenSSL's verify code (what the explain pane explains), if it is one.
    pub fn verify_code(&self) -> Option<u32> {
        match self.tls_error.as_deref()? {
            "certificate_expired" => Some(10),
            "unknown_issuer" => Some(18),
            "wrong_name" => Some(62),
            _ => None,
        }
    }
}

impl Status {
    /// Reads the bridge's answer; anything unreadable is a failure of its own.
    pub fn parse(text: &str) -> Status {
        serde_json::from_str(text).unwrap_or(Status {
            ok: false,
            address: None,
            error: Some("bad_answer".into()),
            tls_error: None,
            detail: Some(text.chars().take(200).collect()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_message_quotes_the_host() {
        assert_eq!(
            hello("pop.example.com", 995, Tls::Implicit),
            r#"{"host":"pop.example.com","port":995,"tls":"implicit"}"#
        );
        assert_eq!(hello("a\"b", 110, Tls::None), r#"{"host":"a\"b","port":110,"tls":"none"}"#);
    }

    #[test]
    fn answers() {
        assert_eq!(Status::parse(r#"{"ok":true,"address":"127.0.0.1:110"}"#).address.as_deref(), Some("127.0.0.1:110"));
        let no = Status::parse(r#"{"ok":false,"error":"not_allowed","detail":"x"}"#);
        assert_eq!((no.ok, no.error.as_deref()), (false, Some("not_allowed")));
        assert_eq!(Status::parse("<html>").error.as_deref(), Some("bad_answer"));
        let tls = Status::parse(r#"{"ok":false,"error":"tls_failed","tls_error":"certificate_expired","detail":"x"}"#);
        assert_eq!(tls.verify_code(), Some(10));
    }
}
