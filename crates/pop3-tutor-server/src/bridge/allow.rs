//! Which targets the bridge may connect to: the allowlist, host spellings, and addresses that are refused
//! unless allowlisted by address.
//!
//! The rules, in the order they are applied to a request `{host, port}`:
//!
//! 1. **Spelling.** `host` is read as exactly one of: a standard IPv4 address (four decimal parts, no leading
//!    zeros: Rust's strict parser), an IPv6 address (with or without brackets), or a host name (letters,
//!    digits, hyphens and dots; one trailing dot dropped; compared in lower case). Anything else is refused —
//!    in particular the forms that `inet_aton` and so `getaddrinfo` would quietly accept as addresses:
//!    `127.1`, `2130706433`, `0177.0.0.1`, `0x7f.0.0.1`: a name whose last label is a number (decimal, or hex
//!    with `0x`) is not a name. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is normalised to its IPv4 address
//!    before anything is compared.
//! 2. **Allowlist.** An address is allowed only by an entry naming that address and port; a name only by an
//!    entry naming that name and port. Nothing is allowed when the list is empty.
//! 3. **Resolution.** A name is resolved once, as an absolute name: `mail` is looked up as `mail.` and
//!    `mail.example.com` as `mail.example.com.`, never completed with resolv.conf's `search` or `domain`,
//!    whatever `ndots` says (a name with fewer dots than `ndots` too), so an allowlisted name cannot reach
//!    `mail.corp.internal`. `/etc/hosts` and resolv.conf's nameservers still answer ([`super::resolve`]).
//!    Every address it resolves to is checked, and only the checked addresses are connected to (no second
//!    lookup: no DNS rebinding between check and connect).
//! 4. **Special addresses.** Loopback, private, link-local, CGNAT, unspecified, multicast, broadcast,
//!    reserved, documentation and benchmarking ranges (IPv6 too: 2001:db8::/32, 3fff::/20, 2001:2::/48),
//!    Teredo (2001::/32), SRv6 segment identifiers (5f00::/16), cloud metadata endpoints, and IPv6 forms
//!    embedding such an IPv4 address (mapped, compatible, NAT64, 6to4), are refused when reached through a name, even an allowlisted
//!    one: they must be allowlisted by address (`127.0.0.1:21110`, not `localhost:21110`). So a name in the
//!    allowlist cannot be pointed at the bridge's own network by whoever controls its DNS.

use std::collections::HashSet;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A host as a request or an allowlist entry spells it, once read.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Host {
    /// An IP address (IPv4-mapped IPv6 already turned into IPv4).
    Addr(IpAddr),
    /// A host name, lower case, without a trailing dot.
    Name(String),
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Addr(IpAddr::V6(v6)) => write!(f, "[{v6}]"),
            Host::Addr(ip) => write!(f, "{ip}"),
            Host::Name(name) => f.write_str(name),
        }
    }
}

/// Why a host spelling was not accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadHost(pub String);

impl fmt::Display for BadHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads a host as described in the module documentation.
pub fn parse_host(raw: &str) -> Result<Host, BadHost> {
    let shown = printable(raw);
    if raw.is_empty() {
        return Err(BadHost("the host is empty".into()));
    }
    if raw.len() > 255 {
        return Err(BadHost("the host is longer than 255 characters".into()));
    }
    let unbracketed = raw.strip_prefix('[').and_then(|r| r.strip_suffix(']'));
    if let Some(inner) = unbracketed {
        return match inner.parse::<Ipv6Addr>() {
            // A zone (`%eth0`) does not parse, so link-local scopes cannot be smuggled in.
            Ok(v6) => Ok(Host::Addr(canonical(IpAddr::V6(v6)))),
            Err(_) => Err(BadHost(format!("`{shown}` is not an IPv6 address"))),
        };
    }
    if let Ok(ip) = raw.parse::<IpAddr>() {
        return Ok(Host::Addr(canonical(ip)));
    }
    if raw.contains(':') {
        return Err(BadHost(format!("`{shown}` is not an IPv6 address")));
    }
    let name = raw.strip_suffix('.').unwrap_or(raw).to_ascii_lowercase();
    if name.is_empty() || name.len() > 253 {
        return Err(BadHost(format!("`{shown}` is not a host name")));
    }
    let labels: Vec<&str> = name.split('.').collect();
    for label in &labels {
        let ldh = label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if label.is_empty() || label.len() > 63 || !ldh || label.starts_with('-') || label.ends_with('-') {
            return Err(BadHost(format!("`{shown}` is not a host name (letters, digits, hyphens and dots)")));
        }
    }
    let last = labels.last().copied().unwrap_or_default();
    if is_inet_aton_number(last) {
        return Err(BadHost(format!(
            "`{shown}` is neither a host name nor a standard IP address (write IPv4 as four decimal numbers)"
        )));
    }
    Ok(Host::Name(name))
}

/// Whether `label` is a number as `inet_aton` reads one (decimal, octal with a leading 0, hex with `0x`).
fn is_inet_aton_number(label: &str) -> bool {
    let hex = label.strip_prefix("0x").or_else(|| label.strip_prefix("0X"));
    match hex {
        Some(digits) => digits.bytes().all(|b| b.is_ascii_hexdigit()),
        None => !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit()),
    }
}

/// At most 100 characters of `raw`, control characters escaped: safe to put in a log or a reply.
pub fn printable(raw: &str) -> String {
    let mut out: String = raw.chars().take(100).flat_map(char::escape_debug).collect();
    if raw.chars().count() > 100 {
        out.push('…');
    }
    out
}

/// IPv4-mapped IPv6 (`::ffff:a.b.c.d`) as the IPv4 address it stands for; everything else unchanged.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        },
        v4 => v4,
    }
}

/// An allowlist entry: `HOST:PORT`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    pub host: Host,
    pub port: u16,
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.host, self.port)
    }
}

/// Reads `HOST:PORT` (`[V6]:PORT` for IPv6).
pub fn parse_entry(raw: &str) -> Result<Entry, String> {
    let raw = raw.trim();
    let (host, port) = raw.rsplit_once(':').ok_or_else(|| format!("`{}`: expected HOST:PORT", printable(raw)))?;
    if host.contains(':') && !host.starts_with('[') {
        return Err(format!("`{}`: write an IPv6 address in brackets, [::1]:110", printable(raw)));
    }
    let port = match port.parse::<u16>() {
        Ok(number) if number > 0 && !port.starts_with('0') => number,
        _ => return Err(format!("`{}`: the port must be 1 to 65535", printable(raw))),
    };
    let host = parse_host(host).map_err(|e| format!("`{}`: {e}", printable(raw)))?;
    Ok(Entry { host, port })
}

/// The configured targets.
#[derive(Debug, Default)]
pub struct Allowlist {
    entries: HashSet<Entry>,
}

impl Allowlist {
    /// Entries from `--allow` values and the lines of `--allow-file` contents (`#` starts a comment).
    pub fn new(entries: impl IntoIterator<Item = Entry>) -> Allowlist {
        Allowlist { entries: entries.into_iter().collect() }
    }

    /// Reads an allowlist file's text: one entry per line, blank lines and `#` comments ignored.
    pub fn parse_file(text: &str) -> Result<Vec<Entry>, String> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if !line.is_empty() {
                entries.push(parse_entry(line).map_err(|e| format!("line {}: {e}", n + 1))?);
            }
        }
        Ok(entries)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the request's host and port are allowlisted (rule 2). Resolved addresses are checked by
    /// [`Allowlist::may_connect`].
    pub fn allows(&self, host: &Host, port: u16) -> bool {
        self.entries.contains(&Entry { host: host.clone(), port })
    }

    /// Whether the bridge may connect to `ip:port`, which an allowlisted name resolved to (rule 4).
    pub fn may_connect(&self, ip: IpAddr, port: u16) -> Result<(), &'static str> {
        let ip = canonical(ip);
        match special(ip) {
            None => Ok(()),
            Some(_) if self.allows(&Host::Addr(ip), port) => Ok(()),
            Some(kind) => Err(kind),
        }
    }
}

/// What kind of special-purpose address `ip` is, if it is one (rule 4); `None` for ordinary public
/// addresses.
pub fn special(ip: IpAddr) -> Option<&'static str> {
    match canonical(ip) {
        IpAddr::V4(v4) => special_v4(v4),
        IpAddr::V6(v6) => special_v6(v6),
    }
}

fn special_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    let kind = match () {
        _ if ip == Ipv4Addr::new(169, 254, 169, 254) => "cloud metadata",
        // Azure's platform endpoint (wireserver) is a public address in every VM's network.
        _ if ip == Ipv4Addr::new(168, 63, 129, 16) => "cloud metadata",
        _ if ip.is_unspecified() => "unspecified",
        _ if ip.is_broadcast() => "broadcast",
        _ if a == 0 => "\"this network\" (0.0.0.0/8)",
        _ if a == 127 => "loopback",
        _ if a == 10 || (a == 172 && (16..32).contains(&b)) || (a == 192 && b == 168) => "private",
        _ if a == 100 && (64..128).contains(&b) => "shared address space (CGNAT, 100.64.0.0/10)",
        _ if a == 169 && b == 254 => "link-local",
        _ if a == 192 && b == 0 && c == 0 => "IETF protocol assignment (192.0.0.0/24)",
        _ if (a, b, c) == (192, 0, 2) || (a, b, c) == (198, 51, 100) || (a, b, c) == (203, 0, 113) => "documentation",
        _ if a == 198 && (b == 18 || b == 19) => "benchmarking (198.18.0.0/15)",
        _ if (224..240).contains(&a) => "multicast",
        _ if a >= 240 => "reserved",
        _ => return None,
    };
    Some(kind)
}

fn special_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let s = ip.segments();
    let embedded = |v4: Ipv4Addr| special_v4(v4).map(|_| "an IPv6 form of a special IPv4 address");
    let low_v4 = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    let kind = match () {
        _ if ip == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254) => "cloud metadata",
        _ if ip.is_unspecified() => "unspecified",
        _ if ip.is_loopback() => "loopback",
        // IPv4-compatible (::a.b.c.d, deprecated) and anything else in ::/96.
        _ if s[..6] == [0; 6] => "IPv4-compatible IPv6 (::/96)",
        // Mapped addresses are made IPv4 by `canonical`; this catches the SIIT form ::ffff:0:a.b.c.d.
        _ if s[..6] == [0, 0, 0, 0, 0xffff, 0] => "IPv4-translated IPv6 (::ffff:0:0:0/96)",
        // NAT64 (64:ff9b::/96): reaches the embedded IPv4 address through a translator.
        _ if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] => return embedded(low_v4),
        _ if s[0] == 0x64 && s[1] == 0xff9b && s[2] == 1 => "local-use NAT64 (64:ff9b:1::/48)",
        // 6to4 (2002::/16): the IPv4 address in the second and third groups.
        _ if s[0] == 0x2002 => {
            let v4 = Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8);
            return embedded(v4);
        }
        _ if s[0] == 0x100 && s[1..4] == [0, 0, 0] => "discard-only (100::/64)",
        _ if s[0] == 0x2001 && s[1] == 0xdb8 => "documentation",
        _ if s[0] == 0x3fff && s[1] & 0xf000 == 0 => "documentation (3fff::/20, RFC 9637)",
        // Teredo: a tunnel whose server and client addresses are embedded (obfuscated) in the address.
        _ if s[0] == 0x2001 && s[1] == 0 => "Teredo (2001::/32)",
        _ if s[0] == 0x2001 && s[1] == 2 && s[2] == 0 => "benchmarking (2001:2::/48)",
        _ if s[0] == 0x5f00 => "SRv6 segment identifiers (5f00::/16)",
        _ if s[0] & 0xfe00 == 0xfc00 => "private (unique local, fc00::/7)",
        _ if s[0] & 0xffc0 == 0xfe80 => "link-local",
        _ if s[0] & 0xffc0 == 0xfec0 => "site-local (deprecated)",
        _ if s[0] & 0xff00 == 0xff00 => "multicast",
        _ => return None,
    };
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn odd_spellings_are_refused() {
        for raw in [
            "127.1",
            "2130706433",
            "0177.0.0.1",
            "0x7f.0.0.1",
            "0x7f000001",
            "127.0.0.01",
            "127.000.000.001",
            "1.2.3.4.5",
            "localhost:110",
            "::ffff:127.0.0.1:110",
            "[::1",
            "[fe80::1%eth0]",
            "exa mple.com",
            "ex_ample.com",
            "-bad.com",
            "a..b",
            ".",
            "",
            "e\u{301}xample.com",
            "10.0.0.1.",
        ] {
            assert!(parse_host(raw).is_err(), "{raw:?} should be refused, got {:?}", parse_host(raw));
        }
    }

    #[test]
    fn standard_spellings_are_read() {
        assert_eq!(parse_host("127.0.0.1"), Ok(Host::Addr(addr("127.0.0.1"))));
        assert_eq!(parse_host("[::ffff:127.0.0.1]"), Ok(Host::Addr(addr("127.0.0.1"))));
        assert_eq!(parse_host("::ffff:7f00:1"), Ok(Host::Addr(addr("127.0.0.1"))));
        assert_eq!(parse_host("[::1]"), Ok(Host::Addr(addr("::1"))));
        assert_eq!(parse_host("::1"), Ok(Host::Addr(addr("::1"))));
        assert_eq!(parse_host("Pop.Example.COM."), Ok(Host::Name("pop.example.com".into())));
        assert_eq!(parse_host("localhost"), Ok(Host::Name("localhost".into())));
        assert_eq!(parse_host("1e100.net"), Ok(Host::Name("1e100.net".into())));
        assert_eq!(parse_host("0xbeef.example"), Ok(Host::Name("0xbeef.example".into())));
    }

    #[test]
    fn entries_parse() {
        assert_eq!(parse_entry("127.0.0.1:21110").unwrap().to_string(), "127.0.0.1:21110");
        assert_eq!(parse_entry("[::1]:110").unwrap().to_string(), "[::1]:110");
        assert_eq!(parse_entry("POP.example.com.:995").unwrap().to_string(), "pop.example.com:995");
        for bad in
            ["pop.example.com", "pop.example.com:0", "pop.example.com:65536", "::1:110", "127.1:110", ":110", "x:0110"]
        {
            assert!(parse_entry(bad).is_err(), "{bad}");
        }
        let entries = Allowlist::parse_file("# mail\n\npop.example.com:110  # plain\n[::1]:995\n").unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(Allowlist::parse_file("ok.example:1\nbad\n").unwrap_err(), "line 2: `bad`: expected HOST:PORT");
    }

    #[test]
    fn special_addresses() {
        for ip in [
            "127.0.0.1",
            "127.255.255.254",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "100.64.0.1",
            "100.127.255.255",
            "169.254.169.254",
            "169.254.1.1",
            "168.63.129.16",
            "0.0.0.0",
            "0.1.2.3",
            "255.255.255.255",
            "224.0.0.1",
            "240.0.0.1",
            "192.0.2.1",
            "198.18.0.1",
            "::",
            "::1",
            "::127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:0:127.0.0.1",
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::1",
            "2002:a9fe:a9fe::",
            "fc00::1",
            "fd00:ec2::254",
            "fe80::1",
            "febf::1",
            "ff02::1",
            "2001:db8::1",
            // RFC 9637's documentation range, Teredo, benchmarking, SRv6 segment identifiers (RFC 9602).
            "3fff::1",
            "3fff:fff:ffff::1",
            "2001::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "2001:2::1",
            "5f00::1",
            "5f00:ffff::1",
        ] {
            assert!(special(addr(ip)).is_some(), "{ip} should be special");
        }
        assert_eq!(special(addr("169.254.169.254")), Some("cloud metadata"));
        assert_eq!(special(addr("fd00:ec2::254")), Some("cloud metadata"));
        for ip in [
            "1.1.1.1",
            "172.32.0.1",
            "100.128.0.1",
            "8.8.8.8",
            "2a00:1450:4001::1",
            "64:ff9b::808:808",
            "2002:808:808::",
            "3fff:1000::1",
            "2001:4860:4860::8888",
            "2001:1::1:0:0:0",
            "5f01::1",
        ] {
            assert_eq!(special(addr(ip)), None, "{ip} is public");
        }
    }

    #[test]
    fn names_never_reach_special_addresses_unless_those_are_allowlisted() {
        let list = Allowlist::new([parse_entry("localhost:21110").unwrap(), parse_entry("127.0.0.1:21111").unwrap()]);
        assert!(list.allows(&parse_host("localhost.").unwrap(), 21110));
        assert!(!list.allows(&parse_host("localhost").unwrap(), 21111));
        assert!(list.may_connect(addr("127.0.0.1"), 21110).is_err());
        assert!(list.may_connect(addr("::ffff:127.0.0.1"), 21110).is_err());
        assert!(list.may_connect(addr("127.0.0.1"), 21111).is_ok());
        assert!(list.may_connect(addr("::ffff:127.0.0.1"), 21111).is_ok());
        assert!(list.may_connect(addr("::1"), 21111).is_err());
        assert!(list.may_connect(addr("93.184.215.14"), 21110).is_ok());
        assert!(Allowlist::default().len() == 0);
    }
}
