//! The bridge against one hostile address (issue 15): a per-address share of the HTTP connections, a write
//! deadline and a lifetime for plain HTTP connections, static files streamed (bounded memory with many slow
//! readers), IPv6 sessions capped per /48 as well as per /64, and an idle timer that empty frames and pings do
//! not reset.
//!
//! Clients use several loopback source addresses (127.0.0.1, 127.0.0.2, 127.0.1.x): Linux routes all of
//! 127.0.0.0/8 to the loopback interface, so each is a different client address for the bridge.

mod bridge_support;

use std::time::{Duration, Instant};

use bridge_support::{target, Process};
use futures_util::SinkExt as _;
use tokio_tungstenite::tungstenite::Message;

#[tokio::test]
async fn empty_frames_and_pings_do_not_keep_a_session_open() {
    let sim = Process::simulator();
    let bridge = Process::bridge(&["--allow", &sim.addr.to_string(), "--idle-timeout-secs", "1"]);
    let (mut ws, status) = bridge_support::open(&bridge, target("127.0.0.1", sim.addr.port(), "none")).await;
    assert_eq!(status["ok"], true, "{status}");
    let start = Instant::now();
    let closed = tokio::time::timeout(Duration::from_secs(6), async {
        use futures_util::StreamExt as _;
        let mut tick = tokio::time::interval(Duration::from_millis(100));
        let mut n = 0u32;
        loop {
            tokio::select! {
                _ = tick.tick() => {
                    n += 1;
                    let frame = match n % 3 {
                        0 => Message::Ping(Vec::new().into()),
                        1 => Message::binary(Vec::new()),
                        _ => Message::text(""),
                    };
                    if ws.send(frame).await.is_err() {
                        return None;
                    }
                }
                message = ws.next() => match message {
                    Some(Ok(Message::Close(Some(frame)))) => return Some((u16::from(frame.code), frame.reason.to_string())),
                    Some(Ok(_)) => {}
                    _ => return None,
                },
            }
        }
    })
    .await
    .expect("a session that relays nothing but empty frames and pings was still open after 6 s");
    assert_eq!(closed, Some((1008, "idle_timeout".to_string())));
    assert!(start.elapsed() >= Duration::from_millis(900), "closed too early: {:?}", start.elapsed());
}

/// A session opened with `X-Forwarded-For: client`; its status.
async fn open_as(bridge: &Process, sim: &Process, client: &str) -> (bridge_support::Ws, serde_json::Value) {
    let mut ws = bridge_support::ws_connect(bridge, &[("X-Forwarded-For", client)]).await.expect("handshake");
    ws.send(Message::text(target("127.0.0.1", sim.addr.port(), "none").to_string())).await.unwrap();
    let status = bridge_support::next_status(&mut ws).await;
    (ws, status)
}

#[tokio::test]
async fn ipv6_sessions_are_capped_per_48_as_well_as_per_64() {
    let sim = Process::simulator();
    let allow = sim.addr.to_string();
    // One session per /64; the /48's cap defaults to four times that.
    let bridge =
        Process::bridge(&["--allow", &allow, "--max-sessions-per-address", "1", "--trust-proxy", "127.0.0.0/8"]);
    let mut open = Vec::new();
    for subnet in 1..=4 {
        let (ws, status) = open_as(&bridge, &sim, &format!("2001:db8:0:{subnet}::1")).await;
        assert_eq!(status["ok"], true, "/64 number {subnet}: {status}");
        open.push(ws);
    }
    // A fifth /64 of the same /48 (a /56 holds 256 of them): refused.
    let (_, status) = open_as(&bridge, &sim, "2001:db8:0:5::1").await;
    assert_eq!(status["error"], "busy", "{status}");
    assert!(status["detail"].as_str().unwrap().contains("/48"), "{status}");
    // Another /48 is another network; IPv4 addresses have no network cap.
    let (_other, status) = open_as(&bridge, &sim, "2001:db8:1:1::1").await;
    assert_eq!(status["ok"], true, "{status}");
    let mut v4 = Vec::new();
    for i in 1..=5 {
        let (ws, status) = open_as(&bridge, &sim, &format!("198.51.100.{i}")).await;
        assert_eq!(status["ok"], true, "{status}");
        v4.push(ws);
    }
}
