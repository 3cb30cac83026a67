//! The SSRF battery: a listener on 127.0.0.1 counts the connections it accepts; a bridge whose allowlist
//! names that port only through names (`localhost`, and any other name of this machine that resolves to
//! loopback) is asked for every spelling of loopback and for private, link-local, metadata and other special
//! addresses. Every request gets `not_allowed`, and the listener sees no connection. Then the positive control:
//! allowlisted by address, the same listener is reached (so the counter does count).

mod bridge_support;

use std::net::{IpAddr, ToSocketAddrs as _};
use std::time::Duration;

use bridge_support::{open, target, CountingListener, Process};

/// Names of this machine that resolve only to loopback addresses (`localhost` at least).
fn loopback_names() -> Vec<String> {
    let mut names = vec!["localhost".to_string()];
    let hostname = std::process::Command::new("hostname")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    for name in ["ip6-localhost", "ip6-loopback", "localhost.localdomain"].map(String::from).into_iter().chain(hostname)
    {
        let resolved: Vec<IpAddr> =
            (name.as_str(), 1).to_socket_addrs().map(|a| a.map(|s| s.ip()).collect()).unwrap_or_default();
        if !name.is_empty() && !resolved.is_empty() && resolved.iter().all(IpAddr::is_loopback) {
            names.push(name);
        }
    }
    names
}

#[tokio::test]
async fn special_targets_are_refused_and_never_connected() {
    let counter = CountingListener::start();
    let port = counter.port;
    let names = loopback_names();
    let mut args: Vec<String> = Vec::new();
    for name in &names {
        args.extend(["--allow".into(), format!("{name}:{port}")]);
    }
    // Public-looking entries on other ports: an address entry does not open the same address on another port.
    args.extend(["--allow".into(), "127.0.0.1:1".into(), "--allow".into(), "[::1]:1".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let bridge = Process::bridge(&args);

    let mut hosts: Vec<String> = [
        // Loopback through allowlisted names (resolved, then refused by address).
        "localhost",
        "LOCALHOST.",
        "Localhost",
        // Not allowlisted at all.
        "127.0.0.1",
        "pop.example.com",
        // Loopback spellings.
        "127.1",
        "127.0.1",
        "2130706433",
        "0177.0.0.1",
        "0177.1",
        "0x7f.0.0.1",
        "0x7f000001",
        "017700000001",
        "127.0.0.1.",
        "127.000.000.001",
        "[::1]",
        "::1",
        "[0:0:0:0:0:0:0:1]",
        "[::ffff:127.0.0.1]",
        "::ffff:127.0.0.1",
        "[::ffff:7f00:1]",
        "[::127.0.0.1]",
        "[64:ff9b::7f00:1]",
        "[2002:7f00:1::]",
        "0.0.0.0",
        "0",
        "[::]",
        // Cloud metadata, private, link-local, CGNAT, broadcast, multicast.
        "169.254.169.254",
        "[::ffff:169.254.169.254]",
        "[fd00:ec2::254]",
        "10.0.0.1",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.0.1",
        "[fe80::1]",
        "[fc00::1]",
        "100.64.0.1",
        "255.255.255.255",
        "224.0.0.1",
        // Documentation (RFC 9637), Teredo, benchmarking, SRv6 segment identifiers.
        "[3fff::1]",
        "[2001::1]",
        "[2001:0:4136:e378:8000:63bf:3fff:fdd2]",
        "[2001:2::1]",
        "[5f00::1]",
        // Junk.
        "",
        " 127.0.0.1",
        "127.0.0.1:110",
        "localhost\u{0}.example.com",
        "１２７.0.0.1",
        "[fe80::1%lo]",
    ]
    .map(String::from)
    .to_vec();
    hosts.extend(names.iter().cloned());
    hosts.push("x".repeat(300));

    for host in &hosts {
        for tls in ["none", "implicit", "stls"] {
            let (_, status) = open(&bridge, target(host, port, tls)).await;
            assert_eq!(status["ok"], false, "{host:?} {tls}: {status}");
            assert_eq!(status["error"], "not_allowed", "{host:?} {tls}: {status}");
        }
    }
    // The address entries do not open other ports, and the names are refused on the entries' port too.
    for (host, p) in [("127.0.0.1", port), ("[::1]", port), ("localhost", 1), ("[::ffff:127.0.0.1]", port + 1)] {
        let (_, status) = open(&bridge, target(host, p, "none")).await;
        assert_eq!(status["error"], "not_allowed", "{host}:{p}: {status}");
    }
    let (_, status) = open(&bridge, target("localhost", port, "none")).await;
    let detail = status["detail"].as_str().unwrap();
    assert!(detail.contains("127.0.0.1 (loopback)") && detail.contains("allowlisted by address"), "{detail}");

    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(counter.count(), 0, "the bridge connected to the counting listener");
    let log = bridge.log();
    assert!(!log.contains("connected address"), "{log}");

    // Positive control: allowlisted by address (and by name plus address), the same listener is reached.
    let allowed = Process::bridge(&["--allow", &format!("127.0.0.1:{port}"), "--allow", &format!("localhost:{port}")]);
    let (_, status) = open(&allowed, target("127.0.0.1", port, "none")).await;
    assert_eq!(status, serde_json::json!({"ok": true, "address": format!("127.0.0.1:{port}")}));
    let (_, status) = open(&allowed, target("[::ffff:127.0.0.1]", port, "none")).await;
    assert_eq!(status["ok"], true, "the mapped form is the same address: {status}");
    let (_, status) = open(&allowed, target("localhost", port, "none")).await;
    assert_eq!(status["ok"], true, "{status}");
    let until = std::time::Instant::now() + bridge_support::DEADLINE;
    while counter.count() < 3 && std::time::Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(counter.count(), 3);
}

#[tokio::test]
async fn nothing_is_allowed_until_configured() {
    let counter = CountingListener::start();
    let bridge = Process::bridge(&[]);
    for host in ["127.0.0.1", "localhost", "example.com"] {
        let (_, status) = open(&bridge, target(host, counter.port, "none")).await;
        assert_eq!(status["error"], "not_allowed", "{host}: {status}");
    }
    assert!(bridge.log().contains("the allowlist is empty"), "{}", bridge.log());
    assert_eq!(counter.count(), 0);
}

#[test]
fn bad_allowlist_entries_stop_the_bridge_with_a_clear_message() {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), "# targets\npop.example.com:110\n2130706433:110\n").unwrap();
    for (args, expected) in [
        (vec!["--allow", "127.1:110"], "standard IP address"),
        (vec!["--allow", "pop.example.com"], "expected HOST:PORT"),
        (vec!["--allow", "::1:110"], "brackets"),
        (vec!["--allow-file", file.path().to_str().unwrap()], "line 3"),
        (vec!["--origin", "tutor.example.com"], "scheme://host"),
    ] {
        let output = std::process::Command::new(bridge_support::binary())
            .args(["bridge", "--listen", "127.0.0.1:0"])
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?}");
        assert!(stderr.contains(expected) && !stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?} must fail before listening");
    }
}
