//! The client's address behind reverse proxies (`--trust-proxy`).
//!
//! Behind nginx or a load balancer every WebSocket comes from the proxy's address, so the per-address session
//! limit would count all learners as one and the logs would name the proxy. A proxy that appends the address
//! it received the connection from to `X-Forwarded-For` (nginx: `proxy_set_header X-Forwarded-For
//! $proxy_add_x_forwarded_for;`) tells the bridge who the client is, but anyone can send that header, so it
//! is read only when the connection itself comes from a trusted proxy, and only as far as trusted proxies
//! wrote it: the list is read from its right end (the entry the nearest proxy added), skipping addresses
//! that are themselves trusted proxies; the first address that is not is the client (nginx's
//! `real_ip_recursive on`). Anything a client put in front of that is ignored. An entry that is not an
//! address (`unknown`, an obfuscated name) stops the walk at the last address read, so a session is then
//! counted against a proxy rather than against an address nobody vouched for.
//!
//! Without `--trust-proxy` the header is ignored entirely.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The header proxies append the client's address to.
const HEADER: &str = "x-forwarded-for";

/// The addresses and ranges of `--trust-proxy`.
#[derive(Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// From `--trust-proxy` values: an address (`10.0.0.5`, `::1`) or a range (`10.0.0.0/8`, `fd00::/8`).
    pub fn new(values: &[String]) -> Result<TrustedProxies, String> {
        let mut nets = Vec::new();
        for value in values {
            let net = match value.parse::<IpAddr>() {
                Ok(ip) => IpNet::from(ip),
                Err(_) => value.parse::<IpNet>().map_err(|_| {
                    format!("--trust-proxy {value}: expected an IP address or a range such as 10.0.0.0/8 or fd00::/8")
                })?,
            };
            nets.push(net.trunc());
        }
        Ok(TrustedProxies(nets))
    }

    /// Whether `ip` is a trusted proxy.
    pub fn trusts(&self, ip: IpAddr) -> bool {
        let ip = super::allow::canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address for a connection from `peer` with these request headers.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = super::allow::canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        // Several header lines are one comma-separated list, in order; a line that is not text is one bad entry.
        let lines: Vec<&str> = headers.get_all(HEADER).iter().map(|v| v.to_str().unwrap_or("?")).collect();
        for entry in lines.iter().rev().flat_map(|line| line.rsplit(',')) {
            match parse_entry(entry) {
                Some(ip) => {
                    client = ip;
                    if !self.trusts(ip) {
                        break;
                    }
                }
                None => break,
            }
        }
        client
    }
}

/// One `X-Forwarded-For` entry: an address, possibly with a port (`192.0.2.7:51000`, `[2001:db8::7]:51000`),
/// as some proxies write it.
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    let ip = entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| entry.strip_prefix('[')?.strip_suffix(']')?.parse::<IpAddr>().ok())?;
    Some(super::allow::canonical(ip))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(lines: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for line in lines {
            headers.append(HEADER, HeaderValue::from_str(line).unwrap());
        }
        headers
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn trusted(values: &[&str]) -> TrustedProxies {
        TrustedProxies::new(&values.iter().map(|v| v.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy() {
        let proxies = trusted(&["10.0.0.0/8"]);
        let xff = headers(&["198.51.100.9"]);
        assert_eq!(proxies.client(ip("10.1.2.3"), &xff), ip("198.51.100.9"));
        assert_eq!(proxies.client(ip("203.0.113.5"), &xff), ip("203.0.113.5"), "a client sent it itself");
        assert_eq!(trusted(&[]).client(ip("10.1.2.3"), &xff), ip("10.1.2.3"), "no --trust-proxy: ignored");
        assert_eq!(proxies.client(ip("10.1.2.3"), &HeaderMap::new()), ip("10.1.2.3"), "no header: the proxy");
    }

    #[test]
    fn the_rightmost_untrusted_address_is_the_client() {
        let proxies = trusted(&["10.0.0.0/8", "192.0.2.1"]);
        // The client forged the first entry; a CDN (192.0.2.1) and an inner proxy (10.0.0.2) appended theirs.
        let xff = headers(&["1.2.3.4, 198.51.100.9, 192.0.2.1", "10.0.0.2"]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &xff), ip("198.51.100.9"));
        // Only trusted hops: the farthest of them.
        assert_eq!(proxies.client(ip("10.0.0.1"), &headers(&["10.0.0.3, 10.0.0.2"])), ip("10.0.0.3"));
    }

    #[test]
    fn ports_brackets_and_mapped_addresses_are_read() {
        let proxies = trusted(&["::1"]);
        assert_eq!(proxies.client(ip("::1"), &headers(&["192.0.2.7:51000"])), ip("192.0.2.7"));
        assert_eq!(proxies.client(ip("::1"), &headers(&["[2001:db8::7]:51000"])), ip("2001:db8::7"));
        assert_eq!(proxies.client(ip("::1"), &headers(&["[2001:db8::8]"])), ip("2001:db8::8"));
        assert_eq!(proxies.client(ip("::1"), &headers(&[" ::ffff:192.0.2.9 "])), ip("192.0.2.9"));
        let v4 = trusted(&["127.0.0.1"]);
        assert_eq!(v4.client(ip("::ffff:127.0.0.1"), &headers(&["192.0.2.7"])), ip("192.0.2.7"));
    }

    #[test]
    fn a_malformed_entry_stops_at_the_last_address_read() {
        let proxies = trusted(&["10.0.0.0/8"]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &headers(&["198.51.100.9, unknown"])), ip("10.0.0.1"));
        assert_eq!(proxies.client(ip("10.0.0.1"), &headers(&["garbage, 10.0.0.2"])), ip("10.0.0.2"));
        assert_eq!(proxies.client(ip("10.0.0.1"), &headers(&[""])), ip("10.0.0.1"));
    }

    #[test]
    fn bad_values_are_refused_with_the_option_named() {
        let error = TrustedProxies::new(&["10.0.0.0/33".into()]).unwrap_err();
        assert!(error.starts_with("--trust-proxy 10.0.0.0/33:"), "{error}");
        assert!(TrustedProxies::new(&["proxy.example.com".into()]).is_err());
        assert!(trusted(&["10.1.2.3/8"]).trusts(ip("10.200.0.1")), "host bits are dropped");
    }
}
