//! DNS rebinding: a page on a name the attacker controls, its name then pointed at the bridge's address,
//! sends matching `Host` and `Origin` headers (`evil.example:PORT`). Without `--origin`, the bridge answers
//! only requests whose `Host` is an IP address, `localhost`, or a name given with `--public-host`; others get
//! 421 Misdirected Request, for the WebSocket handshake and the static files alike.

mod bridge_support;

use std::io::{Read as _, Write as _};
use std::net::SocketAddr;
use std::time::Duration;

use bridge_support::Process;

/// Sends one request with this `Host` and `Origin` to `path` (`/bridge`: a WebSocket handshake) and returns
/// the status code.
fn status(addr: SocketAddr, path: &str, host: &str) -> u16 {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let upgrade = if path == "/bridge" {
        "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
         Sec-WebSocket-Version: 13\r\n"
    } else {
        "Connection: close\r\n"
    };
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\n{upgrade}\r\n").unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            other => panic!("{path} with Host {host}: no status line ({other:?}, {head:?})"),
        }
    }
    let line = String::from_utf8_lossy(&head);
    line.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or_else(|| panic!("status line {line:?}"))
}

fn dist() -> tempfile::TempDir {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html><title>tutor</title>").unwrap();
    dist
}

#[test]
fn a_rebinding_pair_is_refused_and_the_bridges_own_names_pass() {
    let dist = dist();
    let bridge = Process::bridge(&["--static", dist.path().to_str().unwrap()]);
    let port = bridge.addr.port();
    for path in ["/bridge", "/index.html", "/"] {
        for host in [format!("evil.example:{port}"), "evil.example".into(), format!("127.0.0.1.nip.io:{port}")] {
            assert_eq!(status(bridge.addr, path, &host), 421, "{path} with Host {host}");
        }
        let expected = if path == "/bridge" { 101 } else { 200 };
        for host in [
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("LocalHost.:{port}"),
            format!("[::1]:{port}"),
        ] {
            assert_eq!(status(bridge.addr, path, &host), expected, "{path} with Host {host}");
        }
    }
    assert!(bridge.log().contains("evil.example"), "the refusal is logged:\n{}", bridge.log());
}

#[test]
fn public_host_admits_a_name() {
    let dist = dist();
    let bridge = Process::bridge(&[
        "--static",
        dist.path().to_str().unwrap(),
        "--public-host",
        "Tutor.Example",
        "--public-host",
        ".class.example",
    ]);
    let port = bridge.addr.port();
    for (host, bridge_code, file_code) in [
        (format!("tutor.example:{port}"), 101, 200),
        (format!("tutor.example.:{port}"), 101, 200),
        (format!("room1.class.example:{port}"), 101, 200),
        (format!("class.example:{port}"), 101, 200),
        (format!("127.0.0.1:{port}"), 101, 200),
        (format!("evil.example:{port}"), 421, 421),
        (format!("eviltutor.example:{port}"), 421, 421),
        (format!("tutor.example.evil:{port}"), 421, 421),
    ] {
        assert_eq!(status(bridge.addr, "/bridge", &host), bridge_code, "/bridge with Host {host}");
        assert_eq!(status(bridge.addr, "/index.html", &host), file_code, "/index.html with Host {host}");
    }
}

#[test]
fn bad_public_hosts_stop_the_bridge() {
    for bad in ["tutor.example:8110", "http://tutor.example", "", "a b"] {
        let output = std::process::Command::new(bridge_support::binary())
            .args(["bridge", "--listen", "127.0.0.1:0", "--public-host", bad])
            .output()
            .unwrap();
        assert!(!output.status.success(), "--public-host {bad:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("--public-host"), "{bad:?}");
    }
}
