//! A real client: curl's POP3 support. `pop3://host/` lists, `pop3://host/N` retrieves message N, which curl
//! returns un-dot-stuffed: message 2 has dot-stuffed lines on the wire and must come back as the original.
//! The same over implicit TLS (`pop3s://`) and STLS (`--ssl-reqd pop3://`), trusting the written CA.

mod common;

use std::process::Command;

use common::{fixture, ServerProcess};

/// `curl [OPTIONS…] URL` as the reference user; its output, which must be a success.
fn curl(url: &str, options: &[&str]) -> Vec<u8> {
    let output = Command::new("curl")
        .args(["-s", "-S", "--max-time", "60"])
        .args(options)
        .args([url, "-u", "tester@example.com:secret"])
        .output()
        .expect("running curl");
    assert!(
        output.status.success(),
        "curl {options:?} {url} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Lists and retrieves every message at `base` (`pop3://HOST:PORT`), comparing with the fixtures.
fn lists_and_retrieves(base: &str, options: &[&str]) {
    let list = curl(&format!("{base}/"), options);
    assert_eq!(String::from_utf8_lossy(&list), "1 361\r\n2 443\r\n3 49983\r\n");
    for n in 1..=3 {
        let message = curl(&format!("{base}/{n}"), options);
        assert!(message == fixture(n), "message {n} differs:\n{}", String::from_utf8_lossy(&message));
    }
}

#[test]
fn curl_lists_and_retrieves_byte_for_byte() {
    common::require_tool("curl", "curl");
    let server = ServerProcess::start(&["--scenario", "dovecot-reference", "--no-delays"]);
    lists_and_retrieves(&format!("pop3://127.0.0.1:{}", server.port()), &[]);
    assert!(fixture(2).windows(3).any(|w| w == b"\n.."), "msg2 has a line starting with dots");
}

#[test]
fn curl_over_implicit_tls_and_stls_lists_and_retrieves_byte_for_byte() {
    common::require_tool("curl", "curl");
    let server = ServerProcess::start(&["--scenario", "dovecot-reference", "--no-delays"]);
    let ca = server.ca();
    let cacert = ["--cacert", ca.to_str().unwrap()];
    lists_and_retrieves(&format!("pop3s://localhost:{}", server.tls_addr.port()), &cacert);
    lists_and_retrieves(&format!("pop3://localhost:{}", server.port()), &[&cacert[..], &["--ssl-reqd"]].concat());
}
