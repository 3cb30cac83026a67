//! `?bridge=`: whether the page may use the bridge a link names without asking. In real-server mode the
//! learner's password goes to the bridge in clear (the bridge does the TLS with the mail server), so a crafted
//! link to someone else's bridge would receive it. A bridge on the page's own origin (the same scheme — `ws:`
//! for an `http:` page, `wss:` for `https:` —, host and port) is the page's own operator's and is used at once;
//! any other is used only after the learner says yes to a question naming its host (never remembered); an
//! address that is not a usable WebSocket address is refused.
//!
//! The parse is deliberately narrower than a URL parser: it must never call "same origin" an address that the
//! browser would connect elsewhere. Whitespace, control characters and backslashes (which browsers read as `/`)
//! are refused outright; a host is ASCII letters, digits, `-`, `.`, `_`, or an IPv6 address in brackets; a
//! user name (`ws://user@host/`) makes the address foreign and is never shown as part of the host. A host the
//! browser would write another way (`127.1`, `[0::1]`, a trailing dot) is simply not equal, so it is asked
//! about: the error is always on the side of asking.

/// What a `?bridge=` address is, for this page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BridgeLink {
    /// On the page's own origin: used without asking.
    Own {
        /// The address, as given.
        url: String,
    },
    /// On another origin: used only after the learner says yes.
    Foreign {
        /// The address, as given.
        url: String,
        /// Whose bridge it is: its host (lower case), with the port when it is not the scheme's default
        /// (`bridge.example`, `203.0.113.5:8110`, `[2001:db8::1]:8110`); never a user name.
        host: String,
    },
    /// Not a WebSocket address this page can use.
    Malformed {
        /// What was given, cut to 100 characters, control characters dropped (for the notice).
        given: String,
    },
}

/// Longest host accepted (a DNS name is at most 253 characters).
const MAX_HOST: usize = 253;

#[derive(Debug, PartialEq, Eq)]
struct Endpoint {
    secure: bool,
    /// Lower case; IPv6 in brackets.
    host: String,
    port: u16,
    user: bool,
}

impl Endpoint {
    fn default_port(&self) -> u16 {
        if self.secure {
            443
        } else {
            80
        }
    }

    fn shown(&self) -> String {
        if self.port == self.default_port() {
            self.host.clone()
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

/// Splits `url` as `scheme://authority…` with one of the two schemes given (insecure, secure), compared
/// without case.
fn endpoint(url: &str, schemes: [&str; 2]) -> Option<Endpoint> {
    if url.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return None;
    }
    let (scheme, rest) = url.split_once("://")?;
    let secure = schemes.iter().position(|s| s.eq_ignore_ascii_case(scheme))? == 1;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (user, host_port) = match authority.rsplit_once('@') {
        Some((_, host_port)) => (true, host_port),
        None => (false, authority),
    };
    let (host, port) = if let Some(inner) = host_port.strip_prefix('[') {
        let (address, after) = inner.split_once(']')?;
        let ipv6 = !address.is_empty() && address.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        if !ipv6 || !address.contains(':') {
            return None;
        }
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        (format!("[{}]", address.to_ascii_lowercase()), port)
    } else {
        let (host, port) = match host_port.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        };
        let name = host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
        if host.is_empty() || !name || host.len() > MAX_HOST {
            return None;
        }
        (host.to_ascii_lowercase(), port)
    };
    let default = if secure { 443 } else { 80 };
    let port = match port {
        None | Some("") => default,
        Some(p) if p.bytes().all(|b| b.is_ascii_digit()) => p.parse::<u16>().ok()?,
        Some(_) => return None,
    };
    Some(Endpoint { secure, host, port, user })
}

/// What `url` (the decoded `?bridge=`) is for a page whose origin is `page_origin` (`location.origin`:
/// `http://127.0.0.1:8080`, `https://tutor.example`; `null` or anything not `http(s)` makes every bridge
/// foreign).
pub fn classify(url: &str, page_origin: &str) -> BridgeLink {
    let Some(bridge) = endpoint(url, ["ws", "wss"]) else {
        return BridgeLink::Malformed { given: url.chars().filter(|c| !c.is_control()).take(100).collect() };
    };
    let page = endpoint(page_origin, ["http", "https"]);
    let own = page.is_some_and(|p| {
        !bridge.user && !p.user && p.secure == bridge.secure && p.host == bridge.host && p.port == bridge.port
    });
    if own {
        BridgeLink::Own { url: url.to_string() }
    } else {
        BridgeLink::Foreign { url: url.to_string(), host: bridge.shown() }
    }
}

/// The address's query (`?…`) without the parameter `name`, other parameters kept as they are.
pub fn query_without(search: &str, name: &str) -> String {
    let search = search.strip_prefix('?').unwrap_or(search);
    let kept: Vec<&str> =
        search.split('&').filter(|p| !p.is_empty() && p.split_once('=').map_or(*p, |(k, _)| k) != name).collect();
    format!("?{}", kept.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn foreign(host: &str, url: &str) -> BridgeLink {
        BridgeLink::Foreign { url: url.into(), host: host.into() }
    }

    #[test]
    fn a_bridge_on_the_pages_own_origin_is_used_without_asking() {
        for (url, page) in [
            ("ws://127.0.0.1:8110/bridge", "http://127.0.0.1:8110"),
            ("ws://LocalHost:8110/bridge", "http://localhost:8110"),
            ("wss://tutor.example/bridge", "https://tutor.example"),
            ("wss://tutor.example:443/bridge", "https://tutor.example"),
            ("WS://tutor.example:80/bridge?x=1", "http://tutor.example"),
            ("ws://tutor.example:/bridge", "http://tutor.example"),
            ("ws://[::1]:8110/bridge", "http://[::1]:8110"),
            ("ws://[2001:DB8::1]/bridge", "http://[2001:db8::1]"),
            ("ws://tutor.example:0080/bridge", "http://tutor.example"),
        ] {
            assert_eq!(classify(url, page), BridgeLink::Own { url: url.into() }, "{url} on {page}");
        }
    }

    #[test]
    fn a_bridge_on_another_origin_is_asked_about_naming_its_host() {
        let url = "ws://127.0.0.1:9000/bridge";
        assert_eq!(classify(url, "http://127.0.0.1:8110"), foreign("127.0.0.1:9000", url));
        let url = "wss://Bridge.Example/bridge";
        assert_eq!(classify(url, "https://tutor.example"), foreign("bridge.example", url));
        // Another scheme on the same host and port: not the same origin.
        let url = "wss://tutor.example:80/bridge";
        assert_eq!(classify(url, "http://tutor.example"), foreign("tutor.example:80", url));
        let url = "ws://tutor.example/bridge";
        assert_eq!(classify(url, "https://tutor.example"), foreign("tutor.example", url));
        // Default ports: ws 80, wss 443.
        let url = "ws://tutor.example/bridge";
        assert_eq!(classify(url, "http://tutor.example:8080"), foreign("tutor.example", url));
        let url = "wss://tutor.example:8443/bridge";
        assert_eq!(classify(url, "https://tutor.example"), foreign("tutor.example:8443", url));
        // IPv6 in brackets, shown with them.
        let url = "ws://[2001:db8::5]:8110/bridge";
        assert_eq!(classify(url, "http://[::1]:8110"), foreign("[2001:db8::5]:8110", url));
        // A page without an http(s) origin (a file, an opaque origin): every bridge is foreign.
        let url = "ws://127.0.0.1:8110/bridge";
        assert_eq!(classify(url, "null"), foreign("127.0.0.1:8110", url));
        assert_eq!(classify(url, "file://"), foreign("127.0.0.1:8110", url));
        // Another way of writing the page's host is not taken for it: asked about.
        let url = "ws://127.1:8110/bridge";
        assert_eq!(classify(url, "http://127.0.0.1:8110"), foreign("127.1:8110", url));
        let url = "ws://localhost.:8110/bridge";
        assert_eq!(classify(url, "http://localhost:8110"), foreign("localhost.:8110", url));
    }

    #[test]
    fn a_user_name_makes_the_bridge_foreign_and_only_the_host_is_shown() {
        let url = "ws://user@127.0.0.1:8110/bridge";
        assert_eq!(classify(url, "http://127.0.0.1:8110"), foreign("127.0.0.1:8110", url));
        // The host is what follows the last @, as browsers read it: the name before it is not shown.
        let url = "wss://school.example@evil.example/bridge";
        assert_eq!(classify(url, "https://school.example"), foreign("evil.example", url));
        let url = "wss://a:b@c@evil.example:444/bridge";
        assert_eq!(classify(url, "https://evil.example"), foreign("evil.example:444", url));
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for url in [
            "",
            "http://127.0.0.1:8110/bridge",
            "javascript:alert(1)",
            "ws:/127.0.0.1/bridge",
            "ws://",
            "ws:///bridge",
            "ws://127.0.0.1:99999/bridge",
            "ws://127.0.0.1:-1/bridge",
            "ws://127.0.0.1:80a/bridge",
            "ws://a:1:2/bridge",
            "ws://[::1/bridge",
            "ws://[::1]x/bridge",
            "ws://[]/bridge",
            "ws://[1.2.3.4]/bridge",
            "ws://[fe80::1%25eth0]/bridge",
            // Browsers read a backslash as a slash: `evil.example` would be the host.
            "ws://evil.example\\@127.0.0.1:8110/bridge",
            "ws://127.0.0.1:8110\t/bridge",
            " ws://127.0.0.1:8110/bridge",
            "ws://bücher.example/bridge",
            "ws://%31%32%37.0.0.1/bridge",
            "ws://user@/bridge",
        ] {
            assert!(matches!(classify(url, "http://127.0.0.1:8110"), BridgeLink::Malformed { .. }), "{url:?}");
        }
        let long = format!("ws://{}/bridge", "a".repeat(300));
        assert!(matches!(classify(&long, "http://127.0.0.1"), BridgeLink::Malformed { .. }));
        let BridgeLink::Malformed { given } = classify(&format!("x\u{7}{}", "y".repeat(300)), "null") else { panic!() };
        assert_eq!(given, "y".repeat(99).replacen('y', "xy", 1));
    }

    #[test]
    fn the_address_without_the_bridge() {
        assert_eq!(query_without("?lang=pl&bridge=ws%3A%2F%2Fx&scenario=seed", "bridge"), "?lang=pl&scenario=seed");
        assert_eq!(query_without("?bridge=ws%3A%2F%2Fx", "bridge"), "?");
        assert_eq!(query_without("", "bridge"), "?");
        assert_eq!(query_without("?bridges=1&bridge", "bridge"), "?bridges=1");
    }
}
