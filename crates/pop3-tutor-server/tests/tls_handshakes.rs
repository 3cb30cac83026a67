//! TLS handshakes as an attacker and as the log see them, on the implicit-TLS listener and after STLS: a
//! client that sends garbage instead of a ClientHello is dropped at once, one that stalls mid-handshake at
//! `--tls-handshake-timeout-secs`, one that sends a handshake that never ends is cut before the server has
//! taken more than a bounded amount of it, and stalled handshakes cost bounded memory each. The outcome of
//! each handshake is logged at INFO (version and cipher suite, or the reason); a session's password never
//! reaches the log, even at TRACE.

mod common;

use std::io::{ErrorKind, Write as _};
use std::net::TcpStream;
use std::time::Duration;

use common::{command, greeting, read_to_close, tls_client, Ending, ServerProcess, DEADLINE};

#[derive(Clone, Copy, Debug)]
enum Way {
    Implicit,
    Stls,
}

/// A connection ready for the client's first handshake byte: on the TLS listener, or after `+OK` to STLS.
fn ready_for_tls(server: &ServerProcess, way: Way) -> TcpStream {
    match way {
        Way::Implicit => {
            let stream = TcpStream::connect_timeout(&server.tls_addr, DEADLINE).unwrap();
            stream.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
            stream.set_write_timeout(Some(DEADLINE)).unwrap();
            stream
        }
        Way::Stls => {
            let mut stream = server.connect();
            greeting(&mut stream);
            assert_eq!(command(&mut stream, b"STLS"), b"+OK Begin TLS negotiation now.\r\n");
            stream
        }
    }
}

/// A TLS record header for a handshake record of `len` octets.
fn record_header(len: u16) -> [u8; 5] {
    let [hi, lo] = len.to_be_bytes();
    [0x16, 0x03, 0x01, hi, lo]
}

#[test]
fn garbage_instead_of_a_client_hello_is_dropped_at_once_and_logged() {
    let server = ServerProcess::logging(&["--scenario", "dovecot-reference", "--no-delays"], "info");
    for way in [Way::Implicit, Way::Stls] {
        let mut stream = ready_for_tls(&server, way);
        stream.write_all(b"USER tester@example.com\r\n").unwrap();
        let mut out = Vec::new();
        assert_ne!(read_to_close(&mut stream, &mut out), Ending::Open, "{way:?}: the server closes");
        assert!(out.len() <= 7, "{way:?}: at most a TLS alert comes back: {out:?}");
    }
    let log = server.wait_for_log("TLS handshake failed", 2);
    assert_eq!(log.matches("TLS handshake failed").count(), 2, "{log}");
    assert!(log.contains("reason=received corrupt message"), "{log}");
}

#[test]
fn a_stalled_handshake_is_dropped_at_the_deadline() {
    let server = ServerProcess::logging(
        &["--scenario", "dovecot-reference", "--no-delays", "--tls-handshake-timeout-secs", "1"],
        "info",
    );
    for way in [Way::Implicit, Way::Stls] {
        let mut stream = ready_for_tls(&server, way);
        // The start of a ClientHello of 512 octets, and then nothing.
        stream.write_all(&record_header(512)).unwrap();
        stream.write_all(&[0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]).unwrap();
        let mut out = Vec::new();
        assert_ne!(read_to_close(&mut stream, &mut out), Ending::Open, "{way:?}: dropped within {DEADLINE:?}");
        assert!(out.is_empty(), "{way:?}: {out:?}");
    }
    let log = server.wait_for_log("TLS handshake timed out", 2);
    assert_eq!(log.matches("TLS handshake timed out: dropped timeout_secs=1").count(), 2, "{log}");
}

#[test]
fn a_handshake_that_never_ends_is_cut_before_much_of_it_is_taken() {
    let server = ServerProcess::start(&["--scenario", "dovecot-reference", "--no-delays"]);
    for way in [Way::Implicit, Way::Stls] {
        let mut stream = ready_for_tls(&server, way);
        stream.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
        // A ClientHello that claims 16 MiB, sent as full records until the server stops taking them. A server
        // that buffered it would take it all (or block us: a write timeout); this one closes the connection.
        let mut record = record_header(16_384).to_vec();
        record.extend_from_slice(&[0x01, 0xff, 0xff, 0xff]);
        record.resize(5 + 16_384, 0x42);
        let mut sent = 0;
        let error = loop {
            if let Err(error) = stream.write_all(&record) {
                break error;
            }
            sent += record.len();
            assert!(sent < 16 << 20, "{way:?}: the server took 16 MiB of a handshake");
            record[5..9].fill(0x42);
        };
        assert!(
            matches!(error.kind(), ErrorKind::BrokenPipe | ErrorKind::ConnectionReset),
            "{way:?}: the server closed the connection after {sent} octets, rather than {error}"
        );
    }
}

#[test]
fn stalled_handshakes_cost_bounded_memory_each() {
    const CONNECTIONS: usize = 200;
    let server = ServerProcess::start(&[
        "--scenario",
        "dovecot-reference",
        "--no-delays",
        "--max-connections-per-address",
        "1000",
        "--tls-handshake-timeout-secs",
        "600",
    ]);
    // Warm up (the runtime's threads and the first connection's allocations), then measure.
    let _first = ready_for_tls(&server, Way::Implicit);
    std::thread::sleep(Duration::from_millis(200));
    let before = server.rss_kib();
    let mut held = Vec::new();
    for _ in 0..CONNECTIONS {
        let mut stream = ready_for_tls(&server, Way::Implicit);
        // All of a 16 KiB record but its last octets: rustls holds it, waiting for the rest.
        let mut partial = record_header(16_384).to_vec();
        partial.extend_from_slice(&[0x01, 0x00, 0x3f, 0xfc]);
        partial.resize(5 + 16_000, 0x42);
        stream.write_all(&partial).unwrap();
        held.push(stream);
    }
    std::thread::sleep(Duration::from_millis(500));
    let per_connection = server.rss_kib().saturating_sub(before) / CONNECTIONS as u64;
    println!("RSS per stalled handshake holding 16 000 octets: {per_connection} KiB");
    assert!(per_connection < 64, "{per_connection} KiB per stalled handshake");
}

#[test]
fn handshakes_are_logged_and_passwords_never_are() {
    const PASSWORD: &str = "secret";
    let server = ServerProcess::logging(&["--scenario", "dovecot-reference", "--no-delays"], "trace");
    for way in [Way::Implicit, Way::Stls] {
        let stream = ready_for_tls(&server, way);
        let mut tls = tls_client(stream, &server.ca(), "localhost");
        if let Way::Implicit = way {
            greeting(&mut tls);
        }
        assert_eq!(command(&mut tls, b"USER tester@example.com"), b"+OK\r\n");
        assert_eq!(command(&mut tls, format!("PASS {PASSWORD}").as_bytes()), b"+OK Logged in.\r\n");
        assert_eq!(command(&mut tls, b"QUIT"), b"+OK Logging out.\r\n");
    }
    let log = server.wait_for_log("closed by the server", 2);
    let established: Vec<&str> = log.lines().filter(|l| l.contains("TLS established")).collect();
    assert_eq!(established.len(), 2, "{log}");
    for line in established {
        assert!(line.contains("version=Some(TLSv1_3)") && line.contains("cipher_suite=Some(TLS13_"), "{line}");
        assert!(line.contains("server_name=\"localhost\""), "{line}");
    }
    assert_eq!(log.matches("PASS [masked]").count(), 2, "{log}");
    assert!(!log.contains(PASSWORD), "the password reached the log:\n{log}");
}
