//! A scenario's network-stage faults, acted out on real connections.
//!
//! The core applies the protocol-stage faults inside the session, but it only *describes* what a connection
//! attempt meets before any POP3 is spoken ([`Server::network_fault`]): the browser console acts that out
//! itself, and over TCP this module does. For each accepted connection it decides whether a fault applies
//! ([`decide`]) and, if so, acts it out instead of starting a session ([`act_out`]). A listening server
//! cannot do everything a network can, so each fault is the closest equivalent:
//!
//! - `refused` (and a `too_many_failures` ban `refused`): accepted, then closed at once with an RST
//!   (`SO_LINGER` 0). The client sees "connection reset" just after connecting. A true refusal (an RST
//!   answering the SYN, socket error 10061) needs a port with no listener: the kernel completes the
//!   handshake before the server can decide anything.
//! - `timed_out` (and a ban `timed_out`, fail2ban's usual DROP): accepted, then nothing is sent until the
//!   client gives up, at most [`MAX_HOLD`], or until shutdown. The client times out waiting for the greeting
//!   rather than while connecting. What it sends is read only to notice that it hung up, and discarded.
//! - `intercepted`: accepted; the banner line (if any) is sent, then the connection is closed (FIN).
//! - `name_not_found`: a server cannot make its name fail to resolve. [`prepare`] removes the fault from the
//!   scenario with a warning, and connections are served normally.
//!
//! Which port: a trainer listens on a high port (`--listen 127.0.0.1:11110`) while the scenario speaks of
//! port 110, so the listening port means nothing to the scenario. `--as-port` (default 110, plain POP3)
//! names the scenario port this listener stands for, and a fault with a `port` applies only when it is that
//! one (a fault without a `port` applies everywhere).
//!
//! Bans are per client address: the core is given the peer's IP address without its port
//! ([`client_address`]), the same for every connection from one host.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use pop3_sim::scenario::{Fault, NetworkFault};
use pop3_sim::{Scenario, Server};
use tokio::io::AsyncWriteExt as _;
use tokio::net::TcpStream;
use tokio::time::{sleep, sleep_until, Instant};

use super::connection::{lingering_close, CLOSE_DRAIN};
use super::stream::Stream;
use super::Shared;

/// The longest a `timed_out` connection is held (mail clients give up after 30 to 60 s).
pub(crate) const MAX_HOLD: Duration = Duration::from_secs(600);
/// The longest writing an interceptor's banner may take.
const WRITE_TIME: Duration = Duration::from_secs(30);

/// Removes the faults TCP cannot show (`name_not_found`, with a warning) and logs what connections to
/// `ports` (the scenario ports the listeners stand for) will meet, so a trainer sees at once whether the
/// fault applies to a listener.
pub(crate) fn prepare(mut scenario: Scenario, ports: &[u16]) -> Scenario {
    let before = scenario.faults.len();
    scenario.faults.retain(|f| !matches!(f, Fault::NameNotFound));
    if scenario.faults.len() < before {
        tracing::warn!(
            "the scenario's name_not_found fault cannot be shown over TCP (a server cannot make its name fail \
             to resolve): connections are served normally"
        );
    }
    for &as_port in ports {
        if let Some(fault) = scenario.network_fault(as_port) {
            tracing::info!(?fault, as_port, "every connection meets the scenario's network fault");
        }
    }
    let elsewhere: Vec<u16> = scenario
        .faults
        .iter()
        .filter_map(|f| match f {
            Fault::Refused { port: Some(p) }
            | Fault::TimedOut { port: Some(p) }
            | Fault::Intercepted { port: Some(p), .. } => Some(*p),
            _ => None,
        })
        .filter(|p| !ports.contains(p))
        .collect();
    if !elsewhere.is_empty() {
        tracing::warn!(?elsewhere, ?ports, "some of the scenario's network faults are for other ports (see --as-port)");
    }
    scenario
}

/// The address the core counts failed logins (bans, the auth penalty) by: the peer's IP without its port,
/// an IPv4 client of an IPv6 socket as plain IPv4.
pub(crate) fn client_address(peer: SocketAddr) -> String {
    peer.ip().to_canonical().to_string()
}

/// The network fault a connection from `peer` (a [`client_address`]) to this listener, standing for
/// scenario port `as_port`, meets; `None`: serve it.
pub(crate) fn decide(server: &Server, peer: &str, as_port: u16) -> Option<NetworkFault> {
    // `prepare` removed name_not_found; were one left, serving the connection is all TCP can do.
    server.network_fault(peer, as_port).filter(|f| *f != NetworkFault::NameNotFound)
}

/// Acts out `fault` on an accepted connection (see the module's description) and closes it.
pub(crate) async fn act_out(fault: NetworkFault, mut stream: TcpStream, shared: &Shared) {
    match fault {
        NetworkFault::Refused => {
            tracing::info!("network fault: refused (closed with an RST)");
            if let Err(error) = stream.set_zero_linger() {
                tracing::debug!(%error, "cannot set SO_LINGER 0; closing with FIN");
            }
        }
        NetworkFault::TimedOut => {
            tracing::info!("network fault: timed out (silent until the client gives up)");
            let end = hold(&mut stream, shared).await;
            tracing::info!("timed-out connection closed: {end}");
        }
        NetworkFault::Intercepted { banner } => {
            tracing::info!(banner = banner.is_some(), "network fault: intercepted");
            if let Some(banner) = banner {
                let line = format!("{banner}\r\n");
                let written = tokio::select! {
                    written = stream.write_all(line.as_bytes()) => written.is_ok(),
                    () = sleep(WRITE_TIME) => false,
                    () = shared.abort.cancelled() => false,
                };
                if !written {
                    return;
                }
            }
            lingering_close(&mut Stream::Plain(stream), CLOSE_DRAIN, &shared.abort).await;
        }
        NetworkFault::NameNotFound => {} // never passed: see `decide`
    }
}

/// Sends nothing until the client hangs up, [`MAX_HOLD`] passes or shutdown; says which.
async fn hold(stream: &mut TcpStream, shared: &Shared) -> &'static str {
    let until = Instant::now() + MAX_HOLD;
    loop {
        tokio::select! {
            () = shared.shutdown.cancelled() => return "shutdown",
            () = sleep_until(until) => return "held for the maximum time",
            ready = stream.readable() => {
                if ready.is_err() {
                    return "the client gave up";
                }
                let mut discard = [0u8; 1024];
                match stream.try_read(&mut discard) {
                    Ok(0) => return "the client gave up",
                    Ok(_) => {}
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(_) => return "the client gave up",
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pop3_sim::scenario::builtin;
    use pop3_sim::{Event, SessionConfig};

    fn server(id: &str) -> Server {
        Server::new(&prepare(builtin(id).unwrap(), &[110])).unwrap()
    }

    #[test]
    fn a_fault_for_a_port_applies_to_the_listener_standing_for_it() {
        let refused = server("connection-refused"); // refused on port 110
        assert_eq!(decide(&refused, "127.0.0.1", 110), Some(NetworkFault::Refused));
        assert_eq!(decide(&refused, "127.0.0.1", 995), None);
        assert_eq!(decide(&server("timeout-10060"), "127.0.0.1", 110), Some(NetworkFault::TimedOut));
        assert_eq!(
            decide(&server("firewall-blocks-110"), "127.0.0.1", 110),
            Some(NetworkFault::Intercepted { banner: None })
        );
        assert_eq!(decide(&server("seed"), "127.0.0.1", 110), None);
    }

    #[test]
    fn name_not_found_is_removed_and_served() {
        let mut scenario = builtin("dns-failure").unwrap();
        scenario.faults.push(Fault::TimedOut { port: Some(995) });
        let scenario = prepare(scenario, &[110]);
        assert_eq!(scenario.faults, [Fault::TimedOut { port: Some(995) }]);
        let server = Server::new(&scenario).unwrap();
        assert_eq!(decide(&server, "127.0.0.1", 110), None);
        assert_eq!(decide(&server, "127.0.0.1", 995), Some(NetworkFault::TimedOut));
    }

    #[test]
    fn a_ban_is_per_client_address() {
        let mut server = server("too-many-failures"); // 3 failures, then ban: timed_out
        let config = SessionConfig {
            now_ms: 0,
            unix_time: 0,
            seed: 1,
            tls_available: true,
            tls_active: false,
            peer: client_address("[::ffff:192.0.2.7]:40000".parse().unwrap()),
        };
        assert_eq!(config.peer, "192.0.2.7");
        let mut session = server.connect(config);
        let input = b"USER tester@outlook.pl\r\nPASS a\r\nUSER tester@outlook.pl\r\nPASS b\r\nUSER tester@outlook.pl\r\nPASS c\r\n";
        assert_eq!(session.receive(input, 0, &mut server), input.len());
        let mut closed = false;
        while let Some(event) = session.poll_event() {
            closed |= matches!(event, Event::Close { .. });
        }
        assert!(closed, "the third failure hangs up");
        assert_eq!(decide(&server, "192.0.2.7", 110), Some(NetworkFault::TimedOut));
        assert_eq!(decide(&server, "192.0.2.7", 995), Some(NetworkFault::TimedOut), "a ban is for every port");
        assert_eq!(decide(&server, "192.0.2.8", 110), None);
    }
}
