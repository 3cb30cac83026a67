//! A real Dovecot (Debian's `dovecot-pop3d`) on loopback high ports behind the bridge: the same
//! USER/PASS/STAT/LIST/RETR/QUIT session over direct TCP, through the bridge in plain TCP, with STLS and with
//! implicit TLS (a CA and server certificate made here with rcgen, the CA trusted through `--trust-ca`), and
//! the bytes must be equal (the greeting's APOP timestamp masked: it differs per connection).
//!
//! Dovecot is set up with `bench/dovecot/setup.sh` (the reference maildrop and configuration, with TLS turned
//! on here) and needs root: without root or without `dovecot` the test prints why and passes without running.

mod bridge_support;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use bridge_support::{bridged_equals_direct, dialogue, open, target, Conn, Process, FULL_SESSION};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType};

/// A Dovecot instance in a scratch directory, stopped when dropped.
struct Dovecot {
    config: PathBuf,
    _root: tempfile::TempDir,
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let _ = Command::new("dovecot")
            .arg("-c")
            .arg(&self.config)
            .arg("stop")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_for_port(port: u16) {
    let until = Instant::now() + bridge_support::DEADLINE;
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < until, "Dovecot does not listen on port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Why the test cannot run here, if it cannot.
fn skip_reason() -> Option<String> {
    if !bridge_support::is_root() {
        return Some("not root (Dovecot's master process must start as root)".into());
    }
    if Command::new("dovecot").arg("--version").output().is_err() {
        return Some("`dovecot` is not installed (apt-get install dovecot-pop3d)".into());
    }
    None
}

/// Writes the CA (returned as PEM) and a server certificate for 127.0.0.1 into `dir`.
fn make_certificates(dir: &Path) -> String {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, "pop3-tutor Dovecot test CA");
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca, ca_key);
    let key = KeyPair::generate().unwrap();
    let mut leaf = CertificateParams::new(vec!["pop3ref.example".to_string()]).unwrap();
    leaf.subject_alt_names.push(SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)));
    leaf.distinguished_name.push(DnType::CommonName, "pop3ref.example");
    let cert = leaf.signed_by(&key, &issuer).unwrap();
    std::fs::write(dir.join("cert.pem"), cert.pem()).unwrap();
    std::fs::write(dir.join("key.pem"), key.serialize_pem()).unwrap();
    ca_cert.pem()
}

/// Starts Dovecot with a plain (STLS-capable) listener and an implicit-TLS one.
fn start_dovecot(plain: u16, implicit: u16) -> (Dovecot, String) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("dovecot");
    let setup = bridge_support::crate_dir().join("bench/dovecot/setup.sh");
    let status = Command::new("sh").arg(&setup).arg(&dir).arg(plain.to_string()).status().unwrap();
    assert!(status.success(), "setup.sh failed");
    std::fs::set_permissions(root.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let ca_pem = make_certificates(&dir);
    let config_path = dir.join("dovecot.conf");
    let config = std::fs::read_to_string(&config_path).unwrap();
    assert!(
        config.contains("ssl = no\n") && config.contains("inet_listener pop3s {\n    port = 0\n"),
        "bench config changed"
    );
    let config = config
        .replace("ssl = no\n", &format!("ssl = yes\nssl_cert = <{0}/cert.pem\nssl_key = <{0}/key.pem\n", dir.display()))
        .replace(
            "inet_listener pop3s {\n    port = 0\n",
            &format!("inet_listener pop3s {{\n    address = 127.0.0.1\n    port = {implicit}\n    ssl = yes\n"),
        )
        // A distinct instance name, so a benchmark's Dovecot running at the same time is not disturbed.
        .replace("instance_name = pop3bench", "instance_name = pop3bridgetest");
    std::fs::write(&config_path, config).unwrap();
    // Dovecot daemonises: its standard streams go to a file, not to pipes that would stay open.
    let log = std::fs::File::create(dir.join("start.log")).unwrap();
    let status = Command::new("dovecot")
        .arg("-c")
        .arg(&config_path)
        .stdin(std::process::Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .status()
        .unwrap();
    let start_log = std::fs::read_to_string(dir.join("start.log")).unwrap_or_default();
    let dovecot = Dovecot { config: config_path, _root: root };
    assert!(status.success(), "dovecot did not start: {start_log}");
    wait_for_port(plain);
    wait_for_port(implicit);
    (dovecot, ca_pem)
}

#[tokio::test]
async fn a_real_dovecot_through_the_bridge_plain_stls_and_implicit_tls() {
    if let Some(reason) = skip_reason() {
        eprintln!("skipped: {reason}");
        return;
    }
    let (plain, implicit) = (free_port(), free_port());
    let (_dovecot, ca_pem) = start_dovecot(plain, implicit);
    let ca = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(ca.path(), ca_pem).unwrap();
    let plain_addr = SocketAddr::from((Ipv4Addr::LOCALHOST, plain));
    let implicit_addr = SocketAddr::from((Ipv4Addr::LOCALHOST, implicit));
    let bridge = Process::bridge(&[
        "--allow",
        &plain_addr.to_string(),
        "--allow",
        &implicit_addr.to_string(),
        "--trust-ca",
        ca.path().to_str().unwrap(),
    ]);

    let mut direct = Conn::Tcp(tokio::net::TcpStream::connect(plain_addr).await.unwrap());
    let (expected, _) = dialogue(&mut direct, &FULL_SESSION).await;
    let text = String::from_utf8_lossy(&expected);
    assert!(text.starts_with("+OK Dovecot (Debian) ready. <"), "{text:.300}");
    assert!(text.contains("\r\n+OK 3 50787\r\n"), "{text:.300}");
    assert!(text.ends_with("+OK Logging out.\r\n"), "{}", &text[text.len().saturating_sub(300)..]);

    for (port, tls, version) in
        [(plain, "none", None), (plain, "stls", Some("TLSv1.3")), (implicit, "implicit", Some("TLSv1.3"))]
    {
        let status = bridged_equals_direct(&bridge, port, tls, &expected).await;
        assert_eq!(status["address"], format!("127.0.0.1:{port}"));
        assert_eq!(status["tls_version"].as_str(), version, "{tls}: {status}");
    }

    // Without the test CA, Dovecot's certificate is refused with a name the console explains.
    let untrusting = Process::bridge(&["--allow", &implicit_addr.to_string()]);
    let (_, status) = open(&untrusting, target("127.0.0.1", implicit, "implicit")).await;
    assert_eq!(status["tls_error"], "unknown_issuer", "{status}");
}
