//! The bridge's limits and its logs, with the simulator as the target: the idle timeout, the per-address and
//! global session caps, oversize frames and lines, the bytes per session, a client that never names its
//! target, a slow reader; the client's address behind a trusted proxy (`--trust-proxy`); and no password, APOP digest or SASL data in the logs at DEBUG or TRACE.

mod bridge_support;

use std::time::{Duration, Instant};

use bridge_support::{dialogue, next_status, open, target, ws_connect, Closed, Conn, Process};
use futures_util::SinkExt as _;
use tokio_tungstenite::tungstenite::Message;

/// A bridge to a fresh simulator, with `extra` options.
fn bridge_to_simulator(extra: &[&str]) -> (Process, Process) {
    let sim = Process::simulator();
    let allow = sim.addr.to_string();
    let mut args = vec!["--allow", allow.as_str()];
    args.extend_from_slice(extra);
    let bridge = Process::bridge(&args);
    (sim, bridge)
}

/// A session to the simulator, status checked, greeting not read yet (as `dialogue` expects).
async fn open_fresh(bridge: &Process, sim: &Process) -> Conn {
    let (ws, status) = open(bridge, target("127.0.0.1", sim.addr.port(), "none")).await;
    assert_eq!(status["ok"], true, "{status}");
    Conn::Ws(Box::new(ws))
}

/// A session to the simulator, greeting read.
async fn open_sim(bridge: &Process, sim: &Process) -> Conn {
    let mut conn = open_fresh(bridge, sim).await;
    let mut greeting = Vec::new();
    assert_eq!(conn.read_until(&mut greeting, |o| o.ends_with(b"\r\n")).await, None);
    conn
}

#[tokio::test]
async fn an_idle_session_is_closed() {
    let (sim, bridge) = bridge_to_simulator(&["--idle-timeout-secs", "1"]);
    let mut conn = open_sim(&bridge, &sim).await;
    let start = Instant::now();
    // Activity keeps it open (USER: Dovecot hangs up after three unknown commands before login).
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        conn.send(b"USER tester@example.com\r\n").await;
        let mut reply = Vec::new();
        assert_eq!(conn.read_until(&mut reply, |o| o.ends_with(b"\r\n")).await, None);
    }
    let mut rest = Vec::new();
    let closed = conn.read_until(&mut rest, |_| false).await;
    assert_eq!(closed, Some(Closed::Frame(1008, "idle_timeout".into())));
    assert!(start.elapsed() >= Duration::from_millis(2400), "closed too early: {:?}", start.elapsed());
    assert!(rest.is_empty());

    // A client that never names its target gets `bad_request` (within the idle timeout here).
    let mut ws = ws_connect(&bridge, &[]).await.unwrap();
    let status = next_status(&mut ws).await;
    assert_eq!(status["error"], "bad_request", "{status}");
}

#[tokio::test]
async fn the_per_address_cap_refuses_the_extra_session() {
    let (sim, bridge) = bridge_to_simulator(&["--max-sessions-per-address", "2"]);
    let first = open_sim(&bridge, &sim).await;
    let _second = open_sim(&bridge, &sim).await;
    let (mut ws, status) = open(&bridge, target("127.0.0.1", sim.addr.port(), "none")).await;
    assert_eq!(status["error"], "busy", "{status}");
    assert!(status["detail"].as_str().unwrap().contains("maximum of 2"), "{status}");
    let mut conn = Conn::Ws(Box::new(ws));
    assert_eq!(conn.read_until(&mut Vec::new(), |_| false).await, Some(Closed::Frame(1013, "busy".into())));
    let Conn::Ws(closed) = conn else { unreachable!() };
    ws = *closed;
    drop(ws);

    // A slot frees when a session ends.
    drop(first);
    let until = Instant::now() + bridge_support::DEADLINE;
    loop {
        let (_, status) = open(&bridge, target("127.0.0.1", sim.addr.port(), "none")).await;
        if status["ok"] == true {
            break;
        }
        assert!(Instant::now() < until, "the slot was never freed: {status}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A session opened with an `X-Forwarded-For` header; its status.
async fn open_forwarded(
    bridge: &Process,
    sim: &Process,
    forwarded_for: &str,
) -> (bridge_support::Ws, serde_json::Value) {
    let mut ws = ws_connect(bridge, &[("X-Forwarded-For", forwarded_for)]).await.expect("handshake");
    ws.send(Message::text(target("127.0.0.1", sim.addr.port(), "none").to_string())).await.unwrap();
    let status = next_status(&mut ws).await;
    (ws, status)
}

#[tokio::test]
async fn behind_a_trusted_proxy_sessions_are_counted_by_the_forwarded_address() {
    // The test connects from 127.0.0.1: the proxy, as far as the bridge can tell.
    let sim = Process::simulator();
    let allow = sim.addr.to_string();
    let bridge = Process::bridge_logging(
        &["--allow", &allow, "--max-sessions-per-address", "1", "--trust-proxy", "127.0.0.0/8"],
        "info",
    );
    let (_a, status) = open_forwarded(&bridge, &sim, "198.51.100.1").await;
    assert_eq!(status["ok"], true, "{status}");
    // A second learner behind the same proxy has a slot of their own, whatever they put in front.
    let (_b, status) = open_forwarded(&bridge, &sim, "198.51.100.1, 198.51.100.2").await;
    assert_eq!(status["ok"], true, "{status}");
    // The first learner again: over their cap.
    let (_c, status) = open_forwarded(&bridge, &sim, "203.0.113.9, 198.51.100.1").await;
    assert_eq!(status["error"], "busy", "{status}");
    let log = bridge.log();
    assert!(log.contains("client=198.51.100.2") && log.contains("proxy=127.0.0.1:"), "{log}");

    // Without --trust-proxy, the header is anybody's word: every session is 127.0.0.1's.
    let plain = Process::bridge(&["--allow", &allow, "--max-sessions-per-address", "1"]);
    let (_d, status) = open_forwarded(&plain, &sim, "198.51.100.1").await;
    assert_eq!(status["ok"], true, "{status}");
    let (_e, status) = open_forwarded(&plain, &sim, "198.51.100.2").await;
    assert_eq!(status["error"], "busy", "{status}");
}

#[tokio::test]
async fn the_global_cap_refuses_the_extra_session() {
    let (sim, bridge) = bridge_to_simulator(&["--max-sessions", "1"]);
    let _only = open_sim(&bridge, &sim).await;
    let (_, status) = open(&bridge, target("127.0.0.1", sim.addr.port(), "none")).await;
    assert_eq!(status["error"], "busy", "{status}");
    assert!(status["detail"].as_str().unwrap().contains("maximum of 1 sessions"), "{status}");
}

#[tokio::test]
async fn an_oversize_frame_closes_the_session() {
    let (sim, bridge) = bridge_to_simulator(&["--max-frame-bytes", "1024"]);
    let mut conn = open_sim(&bridge, &sim).await;
    conn.send(&[b'N'; 1000]).await; // within the limit (and within a line)
    conn.send(&vec![b'x'; 4096]).await;
    let closed = conn.read_until(&mut Vec::new(), |_| false).await;
    match closed {
        Some(Closed::Frame(1009, reason)) => assert_eq!(reason, "frame_too_large"),
        // tungstenite may answer a protocol-level refusal by dropping the connection.
        Some(Closed::Abrupt(_)) => {}
        other => panic!("expected a close, got {other:?}"),
    }
    assert!(bridge.log().contains("FrameTooLarge"), "{}", bridge.log());
}

#[tokio::test]
async fn an_overlong_line_closes_the_session() {
    let (sim, bridge) = bridge_to_simulator(&["--max-line-bytes", "100"]);
    let mut conn = open_sim(&bridge, &sim).await;
    conn.send(b"NOOP\r\n").await;
    let mut reply = Vec::new();
    assert_eq!(conn.read_until(&mut reply, |o| o.ends_with(b"\r\n")).await, None);
    // Split over frames: the line is counted across them.
    conn.send(&[b'a'; 60]).await;
    conn.send(&[b'b'; 60]).await;
    let closed = conn.read_until(&mut Vec::new(), |_| false).await;
    assert_eq!(closed, Some(Closed::Frame(1008, "line_too_long".into())));
}

#[tokio::test]
async fn the_bytes_per_session_are_capped() {
    let (sim, bridge) = bridge_to_simulator(&["--max-session-bytes", "20000"]);
    let mut conn = open_fresh(&bridge, &sim).await;
    let (transcript, closed) =
        dialogue(&mut conn, &[("USER tester@example.com", false), ("PASS secret", false), ("RETR 3", true)]).await;
    assert_eq!(closed, Some(Closed::Frame(1008, "session_limit".into())));
    assert!(transcript.len() <= 20_000 + 16 * 1024, "{} octets relayed", transcript.len());
}

#[tokio::test]
async fn a_slow_reader_gets_every_octet() {
    let (sim, bridge) = bridge_to_simulator(&[]);
    let mut direct = Conn::Tcp(tokio::net::TcpStream::connect(sim.addr).await.unwrap());
    let (expected, _) = dialogue(&mut direct, &bridge_support::FULL_SESSION).await;

    let (ws, _) = open(&bridge, target("127.0.0.1", sim.addr.port(), "none")).await;
    let mut conn = Conn::Ws(Box::new(ws));
    let mut got = Vec::new();
    conn.read_until(&mut got, |o| o.ends_with(b"\r\n")).await;
    // Everything pipelined at once, then read slowly: the bridge must hold back, not drop or reorder.
    conn.send(b"USER tester@example.com\r\nPASS secret\r\nSTAT\r\nLIST\r\nRETR 1\r\nQUIT\r\n").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    loop {
        match tokio::time::timeout(bridge_support::DEADLINE, conn.recv()).await.unwrap() {
            Ok(bytes) => got.extend_from_slice(&bytes),
            Err(closed) => {
                assert_eq!(closed, Closed::Frame(1000, "server_closed".into()));
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    assert_eq!(bridge_support::mask_timestamp(&got), bridge_support::mask_timestamp(&expected));
}

#[tokio::test]
async fn credentials_never_reach_the_logs() {
    for level in ["debug", "trace"] {
        let sim = Process::simulator();
        let bridge = Process::bridge_logging(&["--allow", &sim.addr.to_string()], level);
        // USER/PASS, a password typed at the wrong prompt, then AUTH PLAIN with an initial response.
        let mut conn = open_fresh(&bridge, &sim).await;
        let (_, closed) = dialogue(
            &mut conn,
            &[
                ("hunter2-typed-alone", false),
                ("USER tester@example.com", false),
                ("PASS secret", false),
                ("STAT", false),
                ("QUIT", false),
            ],
        )
        .await;
        assert!(closed.is_some());
        let mut conn = open_fresh(&bridge, &sim).await;
        // "\0tester@example.com\0secret"
        let plain = "AHRlc3RlckBleGFtcGxlLmNvbQBzZWNyZXQ=";
        let (transcript, _) = dialogue(&mut conn, &[(&format!("AUTH PLAIN {plain}"), false), ("QUIT", false)]).await;
        assert!(
            String::from_utf8_lossy(&transcript).contains("+OK Logged in."),
            "{}",
            String::from_utf8_lossy(&transcript)
        );
        let mut conn = open_fresh(&bridge, &sim).await;
        let (transcript, _) =
            dialogue(&mut conn, &[("AUTH PLAIN", false), (plain, false), ("STAT", false), ("QUIT", false)]).await;
        assert!(
            String::from_utf8_lossy(&transcript).contains("+OK Logged in."),
            "{}",
            String::from_utf8_lossy(&transcript)
        );

        let log = bridge.log();
        assert!(log.contains("PASS [masked]"), "{level}: client lines are logged:\n{log}");
        assert!(log.contains("USER tester@example.com"), "{level}:\n{log}");
        for secret in ["secret", plain, "hunter2"] {
            assert!(!log.contains(secret), "{level}: {secret:?} in the log:\n{log}");
        }
        assert!(!log.contains("Logged in"), "{level}: server replies are not logged:\n{log}");
    }
}

#[tokio::test]
async fn shutdown_closes_sessions_with_going_away() {
    let (sim, bridge) = bridge_to_simulator(&[]);
    let mut conn = open_sim(&bridge, &sim).await;
    // SAFETY: kill(2) on the child this test started.
    assert_eq!(unsafe { libc::kill(bridge.pid() as libc::pid_t, libc::SIGTERM) }, 0);
    let closed = conn.read_until(&mut Vec::new(), |_| false).await;
    assert_eq!(closed, Some(Closed::Frame(1001, "shutdown".into())));
    let Conn::Ws(ws) = &mut conn else { unreachable!() };
    let _ = ws.send(Message::Close(None)).await;
}

#[test]
fn a_client_that_never_finishes_its_request_headers_is_cut() {
    use std::io::{Read as _, Write as _};
    let bridge = Process::bridge(&[]);
    let mut stream = std::net::TcpStream::connect(bridge.addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
    let start = Instant::now();
    stream.write_all(b"GET /bridge HTTP/1.1\r\nHost: x\r\n").unwrap();
    let mut buf = [0u8; 1024];
    let n = stream.read(&mut buf).unwrap_or(0);
    let elapsed = start.elapsed();
    assert!(n == 0 || String::from_utf8_lossy(&buf[..n]).contains("408"), "{:?}", String::from_utf8_lossy(&buf[..n]));
    assert!(elapsed >= Duration::from_secs(8) && elapsed < Duration::from_secs(30), "cut after {elapsed:?}");
}
