//! The certificate real clients meet: `openssl s_client` (implicit TLS and `-starttls pop3`) verifies the
//! made certificate with the written CA (return code 0) and not without it; and each of the scenario's
//! `certificate` faults gives each real client its own error, the one a help desk hears about: OpenSSL's
//! verify error number, curl's exit code 60 and message, Python's `ssl` message, fetchmail's.

mod common;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use common::ServerProcess;
use pop3_sim::scenario::{self, CertProblem, Fault};

/// How a client reaches the server.
#[derive(Clone, Copy, Debug)]
enum Way {
    Implicit,
    Stls,
}

impl Way {
    fn port(self, server: &ServerProcess) -> u16 {
        match self {
            Way::Implicit => server.tls_addr.port(),
            Way::Stls => server.port(),
        }
    }
}

/// `openssl s_client` to `localhost` with `-verify_return_error` and `-verify_hostname localhost`, trusting
/// `ca` (the system's store when `None`), sending QUIT (`-nocommands`: not s_client's own `Q`); whether it succeeded, and what it printed.
fn s_client(server: &ServerProcess, way: Way, ca: Option<&Path>) -> (bool, String) {
    common::require_tool("openssl", "openssl");
    let mut command = Command::new("openssl");
    command.args(["s_client", "-connect", &format!("localhost:{}", way.port(server))]);
    command.args(["-verify_return_error", "-verify_hostname", "localhost", "-crlf", "-ign_eof", "-nocommands"]);
    if let Way::Stls = way {
        command.args(["-starttls", "pop3"]);
    }
    if let Some(ca) = ca {
        command.arg("-CAfile").arg(ca);
    }
    let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"QUIT\n").unwrap();
    let output = child.wait_with_output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

#[test]
fn openssl_verifies_the_certificate_with_the_written_ca_and_not_without() {
    let server = ServerProcess::start(&["--scenario", "dovecot-reference", "--no-delays"]);
    for way in [Way::Implicit, Way::Stls] {
        let (ok, text) = s_client(&server, way, Some(&server.ca()));
        assert!(ok, "{way:?}: {text}");
        assert!(text.contains("Verify return code: 0 (ok)"), "{way:?}: {text}");
        assert!(text.contains("+OK Logging out\r\n"), "{way:?}: QUIT is answered inside TLS: {text}");
        if let Way::Implicit = way {
            assert!(text.contains("+OK Dovecot (Debian) ready. <"), "{text}");
        }
        // The system's store does not hold the CA made for this run.
        let (ok, text) = s_client(&server, way, None);
        assert!(!ok, "{way:?}: {text}");
        assert!(text.contains("verify error:num=20:unable to get local issuer certificate"), "{way:?}: {text}");
    }
}

#[test]
fn a_certificate_of_its_own_is_presented_with_cert_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    let (cert_arg, key_arg) = (cert.to_str().unwrap(), key.to_str().unwrap());
    let server = ServerProcess::start(&["--scenario", "dovecot-reference", "--cert", cert_arg, "--key", key_arg]);
    for way in [Way::Implicit, Way::Stls] {
        let (ok, text) = s_client(&server, way, Some(&cert));
        assert!(ok && text.contains("Verify return code: 0 (ok)"), "{way:?}: {text}");
    }
}

/// A server whose scenario has the certificate fault `problem`.
fn faulty(problem: CertProblem, extra: &[&str]) -> ServerProcess {
    let mut scenario = scenario::builtin("dovecot-reference").unwrap();
    scenario.faults = vec![Fault::Certificate { problem }];
    ServerProcess::with_scenario(&scenario, &[&["--no-delays"], extra].concat())
}

/// The trainer's demonstration: a client trusts the CA written at one start; after a restart with an expired
/// certificate (the same `--ca-key`), it meets the expired certificate, not an unknown authority.
#[test]
fn a_kept_ca_key_keeps_the_ca_across_starts() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("ca-key.pem");
    let trusted = dir.path().join("trusted.pem");
    let key_arg = ["--ca-key", key.to_str().unwrap()];
    let server = ServerProcess::start(&[&["--scenario", "dovecot-reference"], &key_arg[..]].concat());
    std::fs::copy(server.ca(), &trusted).unwrap();
    drop(server);
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&key).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600, "the kept key is the owner's only");

    let server = faulty(CertProblem::Expired, &key_arg);
    let (ok, text) = s_client(&server, Way::Implicit, Some(&trusted));
    assert!(!ok && text.contains("verify error:num=10:certificate has expired"), "{text}");
    let server = ServerProcess::start(&key_arg);
    let (ok, text) = s_client(&server, Way::Stls, Some(&trusted));
    assert!(ok && text.contains("Verify return code: 0 (ok)"), "{text}");
}

/// Each fault: OpenSSL's verify error, curl's message (exit code 60), Python's and fetchmail's messages.
const FAULTS: [(CertProblem, &str, &str, &str, &str); 3] = [
    (
        CertProblem::Expired,
        "verify error:num=10:certificate has expired",
        "curl: (60) SSL certificate problem: certificate has expired",
        "certificate verify failed: certificate has expired",
        "Server certificate verification error: certificate has expired",
    ),
    (
        CertProblem::SelfSigned,
        "verify error:num=18:self-signed certificate",
        "curl: (60) SSL certificate problem: self-signed certificate",
        "certificate verify failed: self-signed certificate",
        "Server certificate verification error: self-signed certificate",
    ),
    (
        CertProblem::WrongName,
        "verify error:num=62:hostname mismatch",
        "curl: (60) SSL: no alternative certificate subject name matches target host name 'localhost'",
        "certificate verify failed: Hostname mismatch, certificate is not valid for 'localhost'.",
        "Server CommonName mismatch: mail.hosting.example != localhost",
    ),
];

#[test]
fn each_certificate_fault_gives_each_client_its_own_error() {
    common::require_tool("curl", "curl");
    common::require_tool("python3", "python3");
    for (problem, openssl, curl, python, fetchmail) in FAULTS {
        let server = faulty(problem, &[]);
        let ca = server.ca();
        for way in [Way::Implicit, Way::Stls] {
            let port = way.port(&server);
            let what = format!("{problem:?} over {way:?}");

            let (ok, text) = s_client(&server, way, Some(&ca));
            assert!(!ok && text.contains(openssl), "openssl, {what}: {text}");

            let url = match way {
                Way::Implicit => format!("pop3s://localhost:{port}/"),
                Way::Stls => format!("pop3://localhost:{port}/"),
            };
            let output = Command::new("curl")
                .args(["-s", "-S", "--max-time", "60", "--ssl-reqd", "--cacert"])
                .arg(&ca)
                .args([&url, "-u", "tester@example.com:secret"])
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(60), "curl, {what}: {text}");
            assert!(text.contains(curl), "curl, {what}: {text}");

            let script = "import poplib, ssl, sys\n\
                          context = ssl.create_default_context(cafile=sys.argv[3])\n\
                          try:\n    \
                              if sys.argv[1] == 'Implicit': poplib.POP3_SSL('localhost', int(sys.argv[2]), timeout=30, context=context)\n    \
                              else: poplib.POP3('localhost', int(sys.argv[2]), timeout=30).stls(context=context)\n\
                          except ssl.SSLCertVerificationError as e: print(e)\n";
            let output = Command::new("python3")
                .args(["-c", script, &format!("{way:?}"), &port.to_string()])
                .arg(&ca)
                .output()
                .unwrap();
            let text =
                format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
            assert!(text.contains(python), "python, {what}: {text}");

            let options = match way {
                Way::Implicit => format!("ssl sslcertck sslcertfile {}", ca.display()),
                Way::Stls => format!("sslproto tls1.2+ sslcertck sslcertfile {}", ca.display()),
            };
            let (status, log, delivered) = common::fetchmail(port, &options);
            assert!(!status.success() && delivered.is_empty(), "fetchmail, {what}: {log}");
            assert!(log.contains(fetchmail), "fetchmail, {what}: {log}");
        }
    }
}
