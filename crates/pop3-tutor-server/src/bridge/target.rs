//! A session's target: the checks on the client's [`Request`], the connection (TCP, then TLS for
//! `implicit`, or the STLS exchange and TLS for `stls`), and what the status message says about it
//! ([`Connected::status`], or a [`Failure`]). The messages themselves are [`pop3_bridge_proto`]'s.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use pop3_bridge_proto::{self as proto, Failure, FailureKind, Request, Tls, TlsFailureKind};
use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWrite, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio::time::timeout;

use super::allow::{self, Allowlist, Host};
use super::resolve::Resolver;
use super::tls;

/// A byte stream to the server (TCP or TLS over TCP).
pub trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// A connection to the server, ready to relay.
pub struct Connected {
    pub stream: Box<dyn Io>,
    pub address: SocketAddr,
    pub tls_version: Option<&'static str>,
    /// For STLS: the greeting the bridge read before the handshake, to be forwarded to the client first.
    pub greeting: Option<Vec<u8>>,
}

impl Connected {
    /// The status message that says so.
    pub fn status(&self) -> proto::Status {
        proto::Status::Connected(proto::Connected {
            address: self.address,
            tls_version: self.tls_version.map(str::to_owned),
        })
    }
}

/// What connecting needs.
pub struct Connector {
    pub allow: Allowlist,
    /// Looks names up as absolute names (see `resolve`).
    pub resolver: Resolver,
    pub tls: Arc<rustls::ClientConfig>,
    pub timeout: Duration,
}

/// Addresses tried per name, at most.
const MAX_ADDRESSES: usize = 4;
/// The longest greeting or STLS reply line read before TLS.
const MAX_PRE_TLS_LINE: usize = 4096;

impl Connector {
    /// Checks the request and connects (see `allow` for the rules).
    pub async fn connect(&self, request: &Request) -> Result<Connected, Failure> {
        let port = request.port;
        let host = allow::parse_host(&request.host).map_err(|e| Failure::new(FailureKind::NotAllowed, e.0))?;
        if !self.allow.allows(&host, port) {
            return Err(Failure::new(
                FailureKind::NotAllowed,
                format!("{host}:{port} is not on this bridge's allowlist"),
            ));
        }
        let candidates = match &host {
            Host::Addr(ip) => vec![SocketAddr::new(*ip, port)],
            Host::Name(name) => self.resolve(name, port).await?,
        };
        let (tcp, address) = self.connect_tcp(&candidates).await?;
        let _ = tcp.set_nodelay(true);
        let server_name = match &host {
            Host::Addr(ip) => ServerName::IpAddress((*ip).into()),
            Host::Name(name) => ServerName::try_from(name.clone())
                .map_err(|e| Failure::tls(TlsFailureKind::Other, format!("{name} cannot be a TLS server name: {e}")))?,
        };
        match request.tls {
            Tls::None => Ok(Connected { stream: Box::new(tcp), address, tls_version: None, greeting: None }),
            Tls::Implicit => {
                let (stream, version) = self.handshake(tcp, server_name).await?;
                Ok(Connected { stream, address, tls_version: Some(version), greeting: None })
            }
            Tls::Stls => {
                let mut tcp = tcp;
                let greeting = self.starttls(&mut tcp).await?;
                let (stream, version) = self.handshake(tcp, server_name).await?;
                Ok(Connected { stream, address, tls_version: Some(version), greeting: Some(greeting) })
            }
        }
    }

    /// Resolves once, as an absolute name, and keeps the addresses the bridge may connect to.
    async fn resolve(&self, name: &str, port: u16) -> Result<Vec<SocketAddr>, Failure> {
        let resolved = match timeout(self.timeout, self.resolver.lookup(name)).await {
            Ok(Ok(addresses)) => addresses,
            Ok(Err(detail)) => return Err(Failure::new(FailureKind::ResolveFailed, detail)),
            Err(_) => {
                return Err(Failure::new(
                    FailureKind::ResolveFailed,
                    format!("{name}: no answer within {:?}", self.timeout),
                ))
            }
        };
        if resolved.is_empty() {
            return Err(Failure::new(FailureKind::ResolveFailed, format!("{name} has no address")));
        }
        let mut allowed: Vec<SocketAddr> = Vec::new();
        let mut refused: Vec<String> = Vec::new();
        for ip in resolved {
            let ip = allow::canonical(ip);
            match self.allow.may_connect(ip, port) {
                Ok(()) => {
                    let address = SocketAddr::new(ip, port);
                    if !allowed.contains(&address) {
                        allowed.push(address);
                    }
                }
                Err(kind) => refused.push(format!("{ip} ({kind})")),
            }
        }
        if allowed.is_empty() {
            refused.dedup();
            return Err(Failure::new(
                FailureKind::NotAllowed,
                format!(
                    "{name} resolves to {}: such addresses are reached only when allowlisted by address",
                    refused.join(", ")
                ),
            ));
        }
        allowed.truncate(MAX_ADDRESSES);
        Ok(allowed)
    }

    /// Connects to the first address that answers.
    async fn connect_tcp(&self, candidates: &[SocketAddr]) -> Result<(TcpStream, SocketAddr), Failure> {
        let mut last = Failure::new(FailureKind::Unreachable, "no address to connect to");
        for &address in candidates {
            debug_assert!(address.ip() == allow::canonical(address.ip()));
            match timeout(self.timeout, TcpStream::connect(address)).await {
                Ok(Ok(stream)) => return Ok((stream, address)),
                Ok(Err(error)) if error.kind() == std::io::ErrorKind::ConnectionRefused => {
                    last = Failure::new(FailureKind::Refused, format!("{address}: connection refused"));
                }
                Ok(Err(error)) if error.kind() == std::io::ErrorKind::TimedOut => {
                    last = Failure::new(FailureKind::TimedOut, format!("{address}: {error}"));
                }
                Ok(Err(error)) => last = Failure::new(FailureKind::Unreachable, format!("{address}: {error}")),
                Err(_) => {
                    last =
                        Failure::new(FailureKind::TimedOut, format!("{address}: no answer within {:?}", self.timeout))
                }
            }
        }
        Err(last)
    }

    async fn handshake(
        &self,
        tcp: TcpStream,
        name: ServerName<'static>,
    ) -> Result<(Box<dyn Io>, &'static str), Failure> {
        let connector = tokio_rustls::TlsConnector::from(Arc::clone(&self.tls));
        match timeout(self.timeout, connector.connect(name, tcp)).await {
            Ok(Ok(stream)) => {
                let version = match stream.get_ref().1.protocol_version() {
                    Some(rustls::ProtocolVersion::TLSv1_3) => "TLSv1.3",
                    Some(rustls::ProtocolVersion::TLSv1_2) => "TLSv1.2",
                    _ => "TLS",
                };
                Ok((Box::new(stream), version))
            }
            Ok(Err(error)) => Err(Failure::tls(tls::failure_kind(&error), error.to_string())),
            Err(_) => Err(Failure::new(FailureKind::TimedOut, format!("no TLS handshake within {:?}", self.timeout))),
        }
    }

    /// Reads the greeting, sends `STLS`, expects `+OK`. Returns the greeting.
    async fn starttls(&self, tcp: &mut TcpStream) -> Result<Vec<u8>, Failure> {
        let greeting = self.read_line(tcp, "the greeting").await?;
        if !greeting.starts_with(b"+OK") {
            return Err(Failure::tls(
                TlsFailureKind::StlsRefused,
                format!("the server greeted with {}", shown(&greeting)),
            ));
        }
        match timeout(self.timeout, tcp.write_all(b"STLS\r\n")).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => return Err(Failure::new(FailureKind::Unreachable, format!("sending STLS: {error}"))),
            Err(_) => return Err(Failure::new(FailureKind::TimedOut, "sending STLS took too long")),
        }
        let reply = self.read_line(tcp, "the reply to STLS").await?;
        if !reply.starts_with(b"+OK") {
            return Err(Failure::tls(
                TlsFailureKind::StlsRefused,
                format!("the server answered STLS with {}", shown(&reply)),
            ));
        }
        Ok(greeting)
    }

    /// Reads one line, and nothing past it (what follows belongs to TLS).
    async fn read_line(&self, tcp: &mut TcpStream, what: &str) -> Result<Vec<u8>, Failure> {
        let mut line = Vec::new();
        let read = async {
            let mut byte = [0u8; 1];
            while !line.ends_with(b"\n") {
                if line.len() >= MAX_PRE_TLS_LINE {
                    return Err(Failure::tls(
                        TlsFailureKind::Other,
                        format!("{what} is longer than {MAX_PRE_TLS_LINE} octets"),
                    ));
                }
                // One octet at a time: this is two short lines per session, and no byte of the TLS stream
                // that follows may be consumed here.
                match tcp.read(&mut byte).await {
                    Ok(0) => {
                        return Err(Failure::tls(TlsFailureKind::Other, format!("the server closed before {what}")))
                    }
                    Ok(_) => line.push(byte[0]),
                    Err(error) => {
                        return Err(Failure::new(FailureKind::Unreachable, format!("reading {what}: {error}")))
                    }
                }
            }
            Ok(())
        };
        match timeout(self.timeout, read).await {
            Ok(Ok(())) => Ok(line),
            Ok(Err(failure)) => Err(failure),
            Err(_) => Err(Failure::new(FailureKind::TimedOut, format!("no {what} within {:?}", self.timeout))),
        }
    }
}

/// A server line for a status detail: at most 200 characters, control characters escaped.
fn shown(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line);
    let text = text.trim_end_matches(['\r', '\n']);
    let mut out: String = text.chars().take(200).flat_map(char::escape_debug).collect();
    if text.chars().count() > 200 {
        out.push('…');
    }
    format!("\"{out}\"")
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::super::test_dns::TestDns;
    use super::*;

    #[test]
    fn a_connection_reads_as_its_status() {
        let (stream, _) = tokio::io::duplex(16);
        let mut connected = Connected {
            stream: Box::new(stream),
            address: "192.0.2.7:995".parse().unwrap(),
            tls_version: Some("TLSv1.3"),
            greeting: None,
        };
        assert_eq!(connected.status().to_json(), r#"{"ok":true,"address":"192.0.2.7:995","tls_version":"TLSv1.3"}"#);
        connected.tls_version = None;
        assert_eq!(connected.status().to_json(), r#"{"ok":true,"address":"192.0.2.7:995"}"#);
    }

    #[test]
    fn server_lines_are_shown_escaped() {
        assert_eq!(shown(b"-ERR no\x07\r\n"), r#""-ERR no\u{7}""#);
    }

    /// A server on 127.0.0.2 that never accepts: a connection the bridge made waits in its queue, to be seen.
    fn listener() -> std::net::TcpListener {
        let listener = std::net::TcpListener::bind("127.0.0.2:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        listener
    }

    fn connector(resolver: Resolver, allow: &[String], timeout: Duration) -> Connector {
        let allow = Allowlist::new(allow.iter().map(|entry| allow::parse_entry(entry).unwrap()));
        Connector { allow, resolver, tls: tls::client_config(None).unwrap(), timeout }
    }

    fn request(host: &str, port: u16) -> Request {
        Request { host: host.into(), port, tls: Tls::None }
    }

    const SEARCH: &str = "corp.test";

    /// Each name is allowlisted, and so is the address its search-domain expansion has (so no SSRF rule
    /// stands in the way): only the name as written, absolute, is asked, and as it does not exist the
    /// session is refused without connecting, even with `ndots` above the name's dots.
    #[tokio::test]
    async fn an_allowlisted_name_is_never_completed_with_a_search_domain() {
        let server = listener();
        let port = server.local_addr().unwrap().port();
        let expansion = Ipv4Addr::new(127, 0, 0, 2);
        for (name, ndots) in [("mail", 1), ("mail.example.test", 5)] {
            let expanded = format!("{name}.{SEARCH}.");
            let dns = TestDns::start(&[(&expanded, expansion)]).await;
            let allow = [format!("{name}:{port}"), format!("{expansion}:{port}")];
            let bridge = connector(dns.resolver(SEARCH, ndots, ""), &allow, Duration::from_secs(10));
            let failure = bridge.connect(&request(name, port)).await.err().expect("refused");
            assert_eq!(failure, Failure::new(FailureKind::ResolveFailed, format!("{name}: no such name")), "{name}");
            assert!(dns.asked().iter().all(|asked| *asked == format!("{name}.")), "{name}: {:?}", dns.asked());
            assert!(server.accept().is_err(), "{name}: the bridge connected to the expansion's address");
        }
    }

    #[tokio::test]
    async fn an_absolute_name_that_exists_is_reached_and_its_addresses_checked() {
        let server = listener();
        let port = server.local_addr().unwrap().port();
        let name = "mail.example.test";
        // A trap: with the search list applied first (ndots 5), the expansion's address would be used.
        let records = [
            ("mail.example.test.", Ipv4Addr::new(127, 0, 0, 2)),
            ("mail.example.test.corp.test.", Ipv4Addr::new(127, 0, 0, 3)),
        ];
        let dns = TestDns::start(&records).await;
        let allow = [format!("{name}:{port}"), format!("127.0.0.2:{port}"), format!("127.0.0.3:{port}")];
        let bridge = connector(dns.resolver(SEARCH, 5, ""), &allow, Duration::from_secs(10));
        let connected = bridge.connect(&request(name, port)).await.map_err(|f| f.detail).expect("connected");
        assert_eq!(connected.address, SocketAddr::from(([127, 0, 0, 2], port)));
        assert!(server.accept().is_ok());

        // Every resolved address is still checked: without the address entry, loopback is refused.
        let bridge = connector(dns.resolver(SEARCH, 5, ""), &[format!("{name}:{port}")], Duration::from_secs(10));
        let failure = bridge.connect(&request(name, port)).await.err().expect("refused");
        assert_eq!(failure.kind, FailureKind::NotAllowed, "{}", failure.detail);
        assert!(dns.asked().iter().all(|asked| !asked.contains(SEARCH)), "{:?}", dns.asked());
    }

    #[tokio::test]
    async fn a_name_only_in_the_hosts_file_is_found_and_not_completed_either() {
        let server = listener();
        let port = server.local_addr().unwrap().port();
        let dns = TestDns::start(&[("classroom.corp.test.", Ipv4Addr::new(127, 0, 0, 3))]).await;
        let resolver = dns.resolver(SEARCH, 1, "127.0.0.2 classroom # the lab's server\n");
        let allow = [format!("classroom:{port}"), format!("127.0.0.2:{port}"), format!("127.0.0.3:{port}")];
        let bridge = connector(resolver, &allow, Duration::from_secs(10));
        let connected = bridge.connect(&request("Classroom.", port)).await.map_err(|f| f.detail).expect("connected");
        assert_eq!(connected.address, SocketAddr::from(([127, 0, 0, 2], port)));
        // Both families are looked up: the hosts file has the A record, and the DNS may be asked for AAAA,
        // under the absolute name only.
        assert!(dns.asked().iter().all(|asked| asked == "classroom."), "{:?}", dns.asked());
    }

    #[tokio::test(start_paused = true)]
    async fn a_lookup_that_gets_no_answer_ends_at_the_deadline() {
        let dns = TestDns::silent().await;
        let bridge = connector(dns.resolver(SEARCH, 1, ""), &["mail.example.test:110".into()], Duration::from_secs(7));
        let failure = bridge.connect(&request("mail.example.test", 110)).await.err().expect("no answer");
        assert_eq!(failure, Failure::new(FailureKind::ResolveFailed, "mail.example.test: no answer within 7s"));
        assert_eq!(dns.asked().first().map(String::as_str), Some("mail.example.test."));
    }
}
