//! What the bridge's log may hold, whatever `RUST_LOG` says: never a relayed password (the WebSocket
//! library's frame logging stays off even when a span directive such as `[bridge]=trace` enables everything
//! in a session's span), and client text quoted in a log line cannot start a line of its own.

mod bridge_support;

use std::time::{Duration, Instant};

use bridge_support::{dialogue, open, target, ws_connect, Conn, Process};
use futures_util::SinkExt as _;
use tokio_tungstenite::tungstenite::Message;

const PASSWORD: &str = "secret-password";

/// Waits until the log contains `needle` (or the deadline), and returns it.
async fn log_with(bridge: &Process, needle: &str) -> String {
    let until = Instant::now() + bridge_support::DEADLINE;
    loop {
        let log = bridge.log();
        if log.contains(needle) || Instant::now() >= until {
            return log;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn no_rust_log_value_logs_a_relayed_password() {
    let sim = Process::simulator();
    let hex: String = PASSWORD.bytes().map(|b| format!("{b:02x}")).collect();
    for rust_log in ["[bridge]=trace", "trace", "tungstenite=trace,tokio_tungstenite=trace,[bridge]=trace"] {
        let bridge = Process::bridge_logging(&["--allow", &sim.addr.to_string()], rust_log);
        let (ws, status) = open(&bridge, target("127.0.0.1", sim.addr.port(), "none")).await;
        assert_eq!(status["ok"], true, "{status}");
        let mut conn = Conn::Ws(Box::new(ws));
        let pass = format!("PASS {PASSWORD}");
        let (transcript, _) =
            dialogue(&mut conn, &[("USER tester@example.com", false), (&pass, false), ("QUIT", false)]).await;
        assert!(String::from_utf8_lossy(&transcript).contains("-ERR"), "the login fails, as it should");
        let log = log_with(&bridge, "ended").await;
        assert!(log.contains("ended"), "RUST_LOG={rust_log}: the session's end is logged:\n{log}");
        assert!(log.contains("PASS [masked]"), "RUST_LOG={rust_log}: the bridge's own masked line:\n{log}");
        assert!(!log.contains(PASSWORD), "RUST_LOG={rust_log}: the password reached the log:\n{log}");
        assert!(!log.contains(&hex), "RUST_LOG={rust_log}: the password reached the log in hex:\n{log}");
    }
}

#[tokio::test]
async fn a_forged_newline_in_a_refusal_does_not_start_a_log_line() {
    let bridge = Process::bridge(&[]);
    let mut ws = ws_connect(&bridge, &[]).await.expect("handshake");
    // serde's unknown-field error quotes the field's name: the bridge logs it in the refusal's detail.
    let forged = "x\r\n2099-01-01T00:00:00.000000Z  INFO FORGED: admin logged in\u{1b}[2J";
    let request = serde_json::json!({"host": "pop.example.com", "port": 110, "tls": "none", forged: 1});
    ws.send(Message::text(request.to_string())).await.unwrap();
    let status = bridge_support::next_status(&mut ws).await;
    assert_eq!(status["error"], "bad_request", "{status}");
    let log = log_with(&bridge, "bad request").await;
    assert!(log.contains("bad request"), "{log}");
    for line in log.lines() {
        assert!(!line.starts_with("2099-01-01") && !line.contains("\r"), "a forged log line:\n{log}");
    }
    assert!(!log.contains('\u{1b}'), "an escape sequence reached the log:\n{log}");
    assert!(log.contains(r"x\r\n2099-01-01"), "the forged text shows escaped:\n{log}");
}
