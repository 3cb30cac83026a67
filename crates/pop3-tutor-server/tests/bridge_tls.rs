//! TLS through the bridge against a small POP3-like TLS server in the test (rustls, certificates made with
//! rcgen, the CA trusted through `--trust-ca`): implicit TLS, STLS done by the bridge (the browser sees the
//! greeting, then a session already inside TLS), and the failures the console explains: `unknown_issuer`,
//! `wrong_name`, `certificate_expired`, `stls_refused` (the simulator under `no_stls`), and `other` for a
//! server that does not speak TLS.
//! The same with a real Dovecot is in `bridge_dovecot.rs`.

mod bridge_support;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use bridge_support::{open, target, Closed, Conn, Process};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncBufReadExt as _, AsyncRead, AsyncWrite, AsyncWriteExt as _, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A test CA and a server certificate it signed.
struct Pki {
    ca_pem: String,
    chain: Vec<CertificateDer<'static>>,
    key: PrivatePkcs8KeyDer<'static>,
}

fn pki(names: &[&str], ips: &[IpAddr], expired: bool) -> Pki {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, "pop3-tutor test CA");
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca, ca_key);

    let key = KeyPair::generate().unwrap();
    let mut leaf = CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>()).unwrap();
    leaf.subject_alt_names.extend(ips.iter().map(|ip| SanType::IpAddress(*ip)));
    leaf.distinguished_name.push(DnType::CommonName, names.first().copied().unwrap_or("pop3 test server"));
    if expired {
        leaf.not_before = rcgen::date_time_ymd(2019, 1, 1);
        leaf.not_after = rcgen::date_time_ymd(2020, 1, 1);
    }
    let cert = leaf.signed_by(&key, &issuer).unwrap();
    Pki {
        ca_pem: ca_cert.pem(),
        chain: vec![cert.der().clone(), ca_cert.der().clone()],
        key: PrivatePkcs8KeyDer::from(key.serialize_der()),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Implicit,
    Stls,
}

/// Serves a tiny POP3 dialogue over TLS: greeting, `+OK tls got LINE` for every line, `+OK bye` to QUIT.
async fn tls_server(pki: &Pki, mode: Mode) -> SocketAddr {
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(pki.chain.clone(), PrivateKeyDer::Pkcs8(pki.key.clone_key()))
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let _ = serve_one(tcp, acceptor, mode).await;
            });
        }
    });
    addr
}

async fn serve_one(mut tcp: TcpStream, acceptor: tokio_rustls::TlsAcceptor, mode: Mode) -> std::io::Result<()> {
    if mode == Mode::Stls {
        tcp.write_all(b"+OK test ready <1.2@test>\r\n").await?;
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while !line.ends_with(b"\n") {
            if tokio::io::AsyncReadExt::read(&mut tcp, &mut byte).await? == 0 {
                return Ok(());
            }
            line.push(byte[0]);
        }
        if line != b"STLS\r\n" {
            tcp.write_all(b"-ERR expected STLS\r\n").await?;
            return Ok(());
        }
        tcp.write_all(b"+OK Begin TLS negotiation now.\r\n").await?;
        let tls = acceptor.accept(tcp).await?;
        echo(tls, None).await
    } else {
        let tls = acceptor.accept(tcp).await?;
        echo(tls, Some(b"+OK test ready over TLS\r\n")).await
    }
}

async fn echo<S: AsyncRead + AsyncWrite + Unpin>(stream: S, greeting: Option<&[u8]>) -> std::io::Result<()> {
    let mut stream = BufReader::new(stream);
    if let Some(greeting) = greeting {
        stream.get_mut().write_all(greeting).await?;
    }
    loop {
        let mut line = String::new();
        if stream.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let line = line.trim_end();
        if line.eq_ignore_ascii_case("QUIT") {
            stream.get_mut().write_all(b"+OK bye\r\n").await?;
            stream.get_mut().shutdown().await?;
            return Ok(());
        }
        stream.get_mut().write_all(format!("+OK tls got {line}\r\n").as_bytes()).await?;
    }
}

const LOCAL: [IpAddr; 1] = [IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)];

fn ca_file(pki: &Pki) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &pki.ca_pem).unwrap();
    file
}

async fn session(bridge: &Process, addr: SocketAddr, tls: &str) -> (Conn, serde_json::Value) {
    let (ws, status) = open(bridge, target("127.0.0.1", addr.port(), tls)).await;
    (Conn::Ws(Box::new(ws)), status)
}

#[tokio::test]
async fn implicit_tls_and_stls_are_done_by_the_bridge() {
    let pki = pki(&["pop3.test"], &LOCAL, false);
    let ca = ca_file(&pki);
    let implicit = tls_server(&pki, Mode::Implicit).await;
    let stls = tls_server(&pki, Mode::Stls).await;
    let bridge = Process::bridge(&[
        "--allow",
        &implicit.to_string(),
        "--allow",
        &stls.to_string(),
        "--trust-ca",
        ca.path().to_str().unwrap(),
    ]);

    let (mut conn, status) = session(&bridge, implicit, "implicit").await;
    assert_eq!(status, serde_json::json!({"ok": true, "address": implicit.to_string(), "tls_version": "TLSv1.3"}));
    let (transcript, closed) = bridge_support::dialogue(&mut conn, &[("NOOP", false), ("QUIT", false)]).await;
    assert_eq!(String::from_utf8_lossy(&transcript), "+OK test ready over TLS\r\n+OK tls got NOOP\r\n+OK bye\r\n");
    assert_eq!(closed, Some(Closed::Frame(1000, "server_closed".into())));

    let (mut conn, status) = session(&bridge, stls, "stls").await;
    assert_eq!(status["ok"], true, "{status}");
    assert_eq!(status["tls_version"], "TLSv1.3");
    let (transcript, closed) = bridge_support::dialogue(&mut conn, &[("CAPA", false), ("QUIT", false)]).await;
    assert_eq!(
        String::from_utf8_lossy(&transcript),
        "+OK test ready <1.2@test>\r\n+OK tls got CAPA\r\n+OK bye\r\n",
        "the greeting first, then the session inside TLS; the STLS exchange is not shown"
    );
    assert_eq!(closed, Some(Closed::Frame(1000, "server_closed".into())));
}

#[tokio::test]
async fn certificate_failures_have_stable_names() {
    // Not trusted: the default roots are the web PKI's.
    let good = pki(&["pop3.test"], &LOCAL, false);
    let server = tls_server(&good, Mode::Implicit).await;
    let bridge = Process::bridge(&["--allow", &server.to_string()]);
    let (_, status) = session(&bridge, server, "implicit").await;
    assert_eq!(
        (status["error"].as_str(), status["tls_error"].as_str()),
        (Some("tls_failed"), Some("unknown_issuer")),
        "{status}"
    );

    // Trusted CA, but the certificate names another host.
    let other_name = pki(&["mail.example.test"], &[], false);
    let ca = ca_file(&other_name);
    let server = tls_server(&other_name, Mode::Stls).await;
    let bridge = Process::bridge(&["--allow", &server.to_string(), "--trust-ca", ca.path().to_str().unwrap()]);
    let (_, status) = session(&bridge, server, "stls").await;
    assert_eq!(
        (status["error"].as_str(), status["tls_error"].as_str()),
        (Some("tls_failed"), Some("wrong_name")),
        "{status}"
    );

    // Trusted CA, right name, expired.
    let expired = pki(&["pop3.test"], &LOCAL, true);
    let ca = ca_file(&expired);
    let server = tls_server(&expired, Mode::Implicit).await;
    let bridge = Process::bridge(&["--allow", &server.to_string(), "--trust-ca", ca.path().to_str().unwrap()]);
    let (_, status) = session(&bridge, server, "implicit").await;
    assert_eq!(
        (status["error"].as_str(), status["tls_error"].as_str()),
        (Some("tls_failed"), Some("certificate_expired")),
        "{status}"
    );
}

#[tokio::test]
async fn stls_refused_and_a_plain_server_on_implicit_tls() {
    // The simulator's TCP mode under the `no_stls` fault: STLS gets the profile's "-ERR" reply.
    let mut scenario = pop3_sim::scenario::builtin("dovecot-reference").unwrap();
    scenario.faults = vec![pop3_sim::scenario::Fault::NoStls];
    let file = bridge_support::scenario_file(&scenario);
    let sim = Process::simulator_with(&["--scenario", file.to_str().unwrap()]);
    let bridge = Process::bridge(&["--allow", &sim.addr.to_string()]);
    let (_, status) = open(&bridge, target("127.0.0.1", sim.addr.port(), "stls")).await;
    assert_eq!(
        (status["error"].as_str(), status["tls_error"].as_str()),
        (Some("tls_failed"), Some("stls_refused")),
        "{status}"
    );
    assert!(status["detail"].as_str().unwrap().contains("-ERR"), "{status}");
    let (_, status) = open(&bridge, target("127.0.0.1", sim.addr.port(), "implicit")).await;
    assert_eq!(
        (status["error"].as_str(), status["tls_error"].as_str()),
        (Some("tls_failed"), Some("other")),
        "{status}"
    );
}
