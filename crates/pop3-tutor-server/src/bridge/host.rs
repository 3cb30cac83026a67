//! The `Host` check against DNS rebinding, like Vite's `server.allowedHosts` and Jupyter's
//! `allow_remote_access`.
//!
//! A page on a name the attacker controls (`evil.example`) can have that name re-pointed at the bridge's
//! address once loaded. Its requests then reach the bridge with `Host: evil.example:PORT` and a matching
//! `Origin`, so the same-origin rule alone would let it drive a bridge only its visitor can reach (one on
//! 127.0.0.1, or on a class network) and every allowlisted target from there. So, unless `--origin` names the
//! pages allowed (and no `--public-host` is given), every request — the WebSocket handshake and the static
//! files — must carry a `Host` that is one of:
//!
//! - an IP address (IPv4, or IPv6 in brackets): a page can be served from an address only by whoever has
//!   that address, and rebinding needs a name;
//! - `localhost` or a name under `.localhost` (browsers resolve those to loopback themselves, RFC 6761);
//! - a name given with `--public-host NAME` (repeatable; `.NAME` also admits every name under NAME), e.g. the
//!   machine's name when a class opens `http://tutor-pc.lab:8110/`.
//!
//! The port and a trailing dot are ignored, case too. Others get **421 Misdirected Request** (RFC 9110
//! §15.5.20: "not able to produce a response for this target"), before anything else is done. A request
//! without `Host` (HTTP/1.0) is not from a browser and passes, as a WebSocket handshake without `Origin` does.

use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};

use super::allow::{self, Host};
use super::Bridge;

/// The names `Host` may carry besides IP addresses and `localhost`.
#[derive(Debug)]
pub struct AllowedHosts {
    /// Exact names, lower case, no trailing dot.
    names: Vec<String>,
    /// Names whose subdomains are admitted too (from `.NAME`).
    suffixes: Vec<String>,
}

impl AllowedHosts {
    /// From `--public-host` values; `None` when nothing is checked (`--origin` given and no `--public-host`).
    pub fn new(public_hosts: &[String], origins_given: bool) -> Result<Option<AllowedHosts>, String> {
        let mut hosts = AllowedHosts { names: Vec::new(), suffixes: Vec::new() };
        for value in public_hosts {
            let (subdomains, raw) = match value.strip_prefix('.') {
                Some(rest) => (true, rest),
                None => (false, value.as_str()),
            };
            let name = match allow::parse_host(raw) {
                Ok(Host::Name(name)) => name,
                Ok(Host::Addr(_)) => continue, // addresses always pass
                Err(e) => {
                    return Err(format!(
                        "--public-host {}: {e} (expected a host name without port, e.g. tutor.example.com)",
                        allow::printable(value)
                    ))
                }
            };
            if subdomains {
                hosts.suffixes.push(name);
            } else {
                hosts.names.push(name);
            }
        }
        if origins_given && public_hosts.is_empty() {
            return Ok(None);
        }
        Ok(Some(hosts))
    }

    /// Whether a `Host` header value (`name[:port]`, `[v6][:port]`) may be answered.
    pub fn allows(&self, value: &str) -> bool {
        let host = match value.strip_prefix('[') {
            Some(rest) => return rest.split_once(']').is_some_and(|(v6, _)| v6.parse::<std::net::Ipv6Addr>().is_ok()),
            None => match value.rsplit_once(':') {
                Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
                Some(_) => return false,
                None => value,
            },
        };
        if host.parse::<IpAddr>().is_ok() {
            return true;
        }
        let name = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
        let under = |parent: &str| name == parent || name.strip_suffix(parent).is_some_and(|r| r.ends_with('.'));
        under("localhost") || self.names.contains(&name) || self.suffixes.iter().any(|s| under(s))
    }
}

/// The middleware: refuses a request whose `Host` (or absolute-form target) is not allowed.
pub async fn check(State(bridge): State<Arc<Bridge>>, request: Request, next: Next) -> Response {
    let Some(hosts) = &bridge.hosts else { return next.run(request).await };
    let host = request.headers().get(header::HOST).map(|v| v.as_bytes().to_vec());
    let authority = request.uri().authority().map(|a| a.as_str().as_bytes().to_vec());
    for value in [host, authority].into_iter().flatten() {
        let text = String::from_utf8_lossy(&value);
        if !value.is_ascii() || !hosts.allows(&text) {
            tracing::info!(
                host = %allow::printable(&text),
                path = %allow::printable(request.uri().path()),
                "request refused: Host not served here (see --public-host)"
            );
            let body = "421 Misdirected Request: this bridge does not answer to that host name \
                        (its operator may add it with --public-host)\n";
            return (StatusCode::MISDIRECTED_REQUEST, body).into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let hosts = AllowedHosts::new(&["Tutor.Example.".into(), ".class.example".into()], false).unwrap().unwrap();
        for ok in [
            "127.0.0.1",
            "127.0.0.1:8110",
            "192.168.1.20:8110",
            "[::1]:8110",
            "[2001:db8::1]",
            "localhost",
            "LOCALHOST.:80",
            "app.localhost:8110",
            "tutor.example:8110",
            "TUTOR.EXAMPLE.",
            "class.example",
            "a.b.class.example:1",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8110",
            "localhost.evil.example",
            "evillocalhost",
            "xtutor.example",
            "tutor.example.evil",
            "xclass.example",
            "[::1",
            "[evil.example]:80",
            "tutor.example:80x",
            "",
            "127.0.0.1.nip.io",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
        assert!(AllowedHosts::new(&[], true).unwrap().is_none(), "--origin alone: not checked");
        assert!(AllowedHosts::new(&["t.example".into()], true).unwrap().is_some());
        for bad in ["t.example:8110", "http://t.example", "", "a b", "."] {
            assert!(AllowedHosts::new(&[bad.into()], false).is_err(), "{bad}");
        }
    }
}
