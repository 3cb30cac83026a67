//! Step 1 of the protocol: the client's first message, naming the target.

use serde::{Deserialize, Serialize};

use crate::ParseError;

/// The client's first message (a WebSocket **text** message): the POP3 server to reach and how.
///
/// On the wire, fields in this order, `tls` always written: `{"host":"pop.example.com","port":995,"tls":"implicit"}`.
/// Read strictly: unknown fields, a port over 65535 or an unknown `tls` are refused; a missing `tls` is
/// [`Tls::None`]. (README, "WebSocket bridge", protocol step 1.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// A host name, an IPv4 address or an IPv6 address (without brackets), as the learner typed it: the
    /// bridge checks it against its allowlist.
    pub host: String,
    /// The TCP port.
    pub port: u16,
    /// How the bridge reaches the server.
    #[serde(default)]
    pub tls: Tls,
}

impl Request {
    /// A request for `host:port`.
    pub fn new(host: impl Into<String>, port: u16, tls: Tls) -> Request {
        Request { host: host.into(), port, tls }
    }

    /// The message to send: `{"host":"…","port":…,"tls":"…"}`, the host quoted as a JSON string.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a request always serialises")
    }

    /// Reads a client's first message, strictly (see [`Request`]).
    pub fn parse(text: &str) -> Result<Request, ParseError> {
        serde_json::from_str(text).map_err(ParseError)
    }
}

/// How the bridge reaches the server: the request's `tls` field.
///
/// Not `#[non_exhaustive]`: the bridge must handle every mode the client can ask for, so a new mode is a
/// change both ends make together (an older bridge answers an unknown mode with `bad_request`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tls {
    /// `"none"`: plain TCP (`telnet`).
    #[default]
    None,
    /// `"implicit"`: TLS from the first byte (POP3S, port 995; `openssl s_client -connect`).
    Implicit,
    /// `"stls"`: plain TCP, then the bridge sends `STLS` and does the TLS handshake before relaying
    /// (`openssl s_client -starttls pop3`).
    Stls,
}

impl Tls {
    /// The key on the wire: `none`, `implicit` or `stls`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tls::None => "none",
            Tls::Implicit => "implicit",
            Tls::Stls => "stls",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_str_is_the_serialised_key() {
        for tls in [Tls::None, Tls::Implicit, Tls::Stls] {
            assert_eq!(serde_json::to_string(&tls).unwrap(), format!("\"{}\"", tls.as_str()));
        }
    }
}
