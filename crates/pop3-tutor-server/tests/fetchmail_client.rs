//! A real client: fetchmail retrieves every message of the dovecot-reference scenario through an MDA that
//! writes each message to its own file: in plain text (fetchmail 6.4 refuses to send a password over a
//! connection without TLS unless told otherwise: `sslproto ''` in the rcfile allows it), over implicit TLS
//! (`ssl`) and with STLS (`sslproto tls1.2+`), checking the certificate against the written CA (`sslcertck`).
//! fetchmail hands the MDA LF line ends and prepends a `Received:` header; the rest must be the fixture.

mod common;

use common::{fixture, ServerProcess};

fn lf(bytes: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(bytes).replace("\r\n", "\n").into_bytes()
}

/// fetchmail succeeds and delivers the three fixtures.
fn retrieves_every_message(port: u16, options: &str) {
    let (status, log, mut delivered) = common::fetchmail(port, options);
    assert!(status.success(), "fetchmail ({options}) failed ({status}):\n{log}");
    assert_eq!(delivered.len(), 3, "three messages delivered:\n{log}");
    delivered.sort_by_key(Vec::len);
    for (n, got) in (1..=3).zip(&delivered) {
        let want = lf(&fixture(n));
        assert!(got.starts_with(b"Received: "), "message {n}: fetchmail's Received header first");
        assert!(got.ends_with(&want), "message {n} differs from the fixture:\n{}", String::from_utf8_lossy(got));
    }
}

#[test]
fn fetchmail_retrieves_every_message() {
    let server = ServerProcess::start(&["--scenario", "dovecot-reference", "--no-delays"]);
    retrieves_every_message(server.port(), "sslproto ''");
}

#[test]
fn fetchmail_over_implicit_tls_and_stls_checks_the_certificate() {
    let server = ServerProcess::start(&["--scenario", "dovecot-reference", "--no-delays"]);
    let ca = server.ca();
    retrieves_every_message(server.tls_addr.port(), &format!("ssl sslcertck sslcertfile {}", ca.display()));
    retrieves_every_message(server.port(), &format!("sslproto tls1.2+ sslcertck sslcertfile {}", ca.display()));
}
