//! Network emulation: which host names and ports reach the scenario's server, and what happens otherwise.
//!
//! The scenario lists the host names that reach its server. Those resolve to the documentation address
//! 192.0.2.10 (RFC 5737); port 110 answers POP3, port 995 answers as an implicit-TLS port does (RFC 8314), any
//! other port refuses. A name not in the list does not resolve; an IPv4 address not in the list never answers
//! (the connection attempt times out). The network-stage faults (a DNS failure, a refused or timed-out port,
//! a firewall that accepts and closes, a ban after failed logins) change what the scenario's own hosts do.

use pop3_sim::scenario::NetworkFault;
use pop3_sim::Server;

/// The address every scenario host resolves to (TEST-NET-1, RFC 5737).
pub const SERVER_ADDRESS: &str = "192.0.2.10";

/// The learner's own address, as the simulated server sees it (TEST-NET-1, RFC 5737).
pub const CLIENT_ADDRESS: &str = "192.0.2.99";

/// What a connection attempt meets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// The POP3 server on port 110.
    Pop3,
    /// Port 995: the server expects a TLS handshake first.
    ImplicitTls,
    /// The host answers but nothing listens on the port (TCP RST).
    Refused,
    /// The name does not resolve.
    Unresolvable,
    /// Nothing answers: the attempt times out.
    TimedOut,
    /// Something (a firewall, an antivirus program) accepts the connection, sends the target's `banner` if
    /// any, and closes it.
    Intercepted,
    /// The port is neither a number in range nor a known service name.
    BadPort,
}

/// A resolved connection attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The host as typed.
    pub host: String,
    /// The port as typed (`telnet` when none was given, as netkit telnet names it).
    pub port_arg: String,
    /// The port number, when it is one.
    pub port: Option<u16>,
    /// The address connected to.
    pub address: String,
    /// What happens.
    pub route: Route,
    /// What an interceptor sends before closing ([`Route::Intercepted`]).
    pub banner: Option<String>,
}

impl Target {
    /// A target met without the simulated network (real-server mode: what the bridge reported, or a port
    /// that is not one): no address, no banner.
    pub fn unreached(host: &str, port_arg: &str, port: Option<u16>, route: Route) -> Target {
        Target {
            host: host.to_string(),
            port_arg: port_arg.to_string(),
            port,
            address: String::new(),
            route,
            banner: None,
        }
    }
}

/// Reads a port: a number, or one of the service names a telnet client looks up in /etc/services.
pub fn parse_port(arg: &str) -> Option<u16> {
    match arg.to_ascii_lowercase().as_str() {
        "telnet" => Some(23),
        "pop3" | "pop-3" => Some(110),
        "pop3s" => Some(995),
        "smtp" => Some(25),
        "imap" | "imap2" => Some(143),
        "imaps" => Some(993),
        s => s.parse::<u16>().ok().filter(|&p| p > 0),
    }
}

fn is_ipv4(host: &str) -> bool {
    host.parse::<std::net::Ipv4Addr>().is_ok()
}

/// Where `telnet HOST [PORT]` goes in the world of `hosts` and `server` (whose faults apply to those hosts).
pub fn resolve(hosts: &[String], server: &Server, host: &str, port: Option<&str>) -> Target {
    let port_arg = port.unwrap_or("telnet").to_string();
    let port = parse_port(&port_arg);
    let wanted = host.trim_end_matches('.');
    let known = !wanted.is_empty() && hosts.iter().any(|h| h.trim_end_matches('.').eq_ignore_ascii_case(wanted));
    let address = if is_ipv4(host) { host.to_string() } else { SERVER_ADDRESS.to_string() };
    let fault = port.filter(|_| known).and_then(|p| server.network_fault(CLIENT_ADDRESS, p));
    let banner = match &fault {
        Some(NetworkFault::Intercepted { banner }) => banner.clone(),
        _ => None,
    };
    let route = match (known, port, fault) {
        (_, None, _) => Route::BadPort,
        (true, Some(_), Some(NetworkFault::NameNotFound)) if !is_ipv4(host) => Route::Unresolvable,
        (true, Some(_), Some(NetworkFault::Refused)) => Route::Refused,
        (true, Some(_), Some(NetworkFault::TimedOut)) => Route::TimedOut,
        (true, Some(_), Some(NetworkFault::Intercepted { .. })) => Route::Intercepted,
        (true, Some(110), _) => Route::Pop3,
        (true, Some(995), _) => Route::ImplicitTls,
        (true, Some(_), _) => Route::Refused,
        (false, Some(_), _) if is_ipv4(host) => Route::TimedOut,
        (false, Some(_), _) => Route::Unresolvable,
    };
    Target { host: host.to_string(), port_arg, port, address, route, banner }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A world: its host names and a server with the given faults.
    struct World(Vec<String>, Server);

    fn world(hosts: &[&str], faults: &str) -> World {
        let mut s = pop3_sim::scenario::builtin("seed").unwrap();
        s.faults = serde_json::from_str(faults).unwrap();
        World(hosts.iter().map(|h| h.to_string()).collect(), Server::new(&s).unwrap())
    }

    fn seed_hosts() -> World {
        world(&["pop.outlook.pl", "outlook.pl"], "[]")
    }

    fn resolve(w: &World, host: &str, port: Option<&str>) -> Target {
        super::resolve(&w.0, &w.1, host, port)
    }

    #[test]
    fn scenario_hosts_and_ports() {
        let h = seed_hosts();
        assert_eq!(resolve(&h, "pop.outlook.pl", Some("110")).route, Route::Pop3);
        assert_eq!(resolve(&h, "OUTLOOK.PL.", Some("pop3")).route, Route::Pop3);
        assert_eq!(resolve(&h, "outlook.pl", Some("995")).route, Route::ImplicitTls);
        assert_eq!(resolve(&h, "outlook.pl", Some("25")).route, Route::Refused);
        assert_eq!(resolve(&h, "outlook.pl", None).route, Route::Refused);
        assert_eq!(resolve(&h, "outlook.pl", None).port_arg, "telnet");
        assert_eq!(resolve(&h, "pop.outlok.pl", Some("110")).route, Route::Unresolvable);
        assert_eq!(resolve(&h, "203.0.113.5", Some("110")).route, Route::TimedOut);
        assert_eq!(resolve(&h, "outlook.pl", Some("abc")).route, Route::BadPort);
        assert_eq!(resolve(&h, "outlook.pl", Some("0")).route, Route::BadPort);
        assert_eq!(resolve(&h, "outlook.pl", Some("70000")).route, Route::BadPort);
        assert_eq!(resolve(&h, "pop.outlook.pl", Some("110")).address, SERVER_ADDRESS);
    }

    #[test]
    fn address_literals_in_the_scenario_connect() {
        let h = world(&["127.0.0.1"], "[]");
        let t = resolve(&h, "127.0.0.1", Some("110"));
        assert_eq!((t.route, t.address.as_str()), (Route::Pop3, "127.0.0.1"));
    }

    #[test]
    fn network_faults_change_what_the_scenarios_hosts_do() {
        let timeout = world(&["pop.outlook.pl"], r#"[{"kind":"timed_out","port":110}]"#);
        assert_eq!(resolve(&timeout, "pop.outlook.pl", Some("110")).route, Route::TimedOut);
        assert_eq!(resolve(&timeout, "pop.outlook.pl", Some("995")).route, Route::ImplicitTls);
        let refused = world(&["pop.outlook.pl"], r#"[{"kind":"refused"}]"#);
        assert_eq!(resolve(&refused, "pop.outlook.pl", Some("110")).route, Route::Refused);
        let dns = world(&["pop.outlook.pl", "192.0.2.10"], r#"[{"kind":"name_not_found"}]"#);
        assert_eq!(resolve(&dns, "pop.outlook.pl", Some("110")).route, Route::Unresolvable);
        // An address literal needs no name lookup.
        assert_eq!(resolve(&dns, "192.0.2.10", Some("110")).route, Route::Pop3);
        // Hosts outside the scenario are not touched by its faults.
        assert_eq!(resolve(&timeout, "example.org", Some("110")).route, Route::Unresolvable);
    }
}
