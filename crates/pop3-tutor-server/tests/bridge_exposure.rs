//! The bridge against one hostile address (issue 15): a per-address share of the HTTP connections, a write
//! deadline and a lifetime for plain HTTP connections, static files streamed (bounded memory with many slow
//! readers), IPv6 sessions capped per /48 as well as per /64, and an idle timer that empty frames and pings do
//! not reset.
//!
//! Clients use several loopback source addresses (127.0.0.1, 127.0.0.2, 127.0.1.x): Linux routes all of
//! 127.0.0.0/8 to the loopback interface, so each is a different client address for the bridge.

mod bridge_support;

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::time::{Duration, Instant};

use bridge_support::{target, Process};
use futures_util::SinkExt as _;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::Message;

/// The test process opens more than a thousand sockets: its open-files limit raised to the hard limit.
fn raise_open_files(needed: u64) {
    let soft = rlimit::increase_nofile_limit(u64::MAX).expect("raising RLIMIT_NOFILE");
    assert!(soft >= needed, "this test needs {needed} open files; the hard limit allows {soft} (ulimit -Hn)");
}

/// A connection from `source` (a loopback address) to `addr`; its receive buffer small, so that a client that
/// does not read stalls the server's writes quickly.
async fn connect_from(source: &str, addr: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.set_recv_buffer_size(4096)?;
    socket.bind(SocketAddr::new(source.parse::<IpAddr>().unwrap(), 0))?;
    socket.connect(addr).await
}

/// A static directory with an `index.html` and an `app.wasm` of `wasm_bytes`.
fn static_dir(wasm_bytes: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html><title>pop3-tutor</title>\n").unwrap();
    let wasm: Vec<u8> = (0..wasm_bytes).map(|i| (i % 251) as u8).collect();
    std::fs::write(dir.path().join("app.wasm"), wasm).unwrap();
    dir
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Opens `n` connections from `source`, each sending `requests` pipelined `GET`s of `path` and never reading.
async fn slow_readers(source: &str, addr: SocketAddr, n: usize, path: &str, requests: usize) -> Vec<TcpStream> {
    let pipelined = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").repeat(requests);
    let mut held = Vec::with_capacity(n);
    for _ in 0..n {
        let mut stream = connect_from(source, addr).await.expect("connect");
        // A connection the bridge refused may already be closed: that is fine.
        let _ = stream.write_all(pipelined.as_bytes()).await;
        held.push(stream);
    }
    held
}

/// Resident memory of a process (VmRSS), in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("VmRSS in /proc/PID/status");
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_slow_readers_of_the_largest_file_do_not_hold_a_copy_each() {
    const FILE: usize = 4 * 1024 * 1024;
    raise_open_files(2200);
    let dir = static_dir(FILE);
    let bridge = Process::bridge(&["--static", path_str(dir.path())]);

    // The file is served whole, and HEAD gives its length with no body.
    let whole = tokio::time::timeout(Duration::from_secs(20), async {
        let mut stream = connect_from("127.0.0.1", bridge.addr).await.unwrap();
        let request = format!("GET /app.wasm HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", bridge.addr);
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await.unwrap();
        response
    })
    .await
    .unwrap();
    let head_end = whole.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let head = String::from_utf8_lossy(&whole[..head_end]).to_ascii_lowercase();
    assert!(head.contains(&format!("content-length: {FILE}")), "{head}");
    assert_eq!(whole.len() - head_end, FILE);
    assert!(whole[head_end..].iter().enumerate().all(|(i, &b)| b == (i % 251) as u8));
    let mut stream = connect_from("127.0.0.1", bridge.addr).await.unwrap();
    let request = format!("HEAD /app.wasm HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", bridge.addr);
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut response)).await.unwrap().unwrap();
    let response = String::from_utf8_lossy(&response).to_ascii_lowercase();
    assert!(response.contains(&format!("content-length: {FILE}")) && response.ends_with("\r\n\r\n"), "{response}");

    let before = rss_kib(bridge.pid());
    // 1 000 readers that never read, spread over ten addresses (each within its per-address share).
    let mut held = Vec::new();
    for i in 1..=10 {
        held.extend(slow_readers(&format!("127.0.1.{i}"), bridge.addr, 100, "/app.wasm", 1).await);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let during = rss_kib(bridge.pid());
    let growth_mib = during.saturating_sub(before) / 1024;
    eprintln!("VmRSS before {before} KiB, with 1000 slow readers {during} KiB (+{growth_mib} MiB)");
    // A copy each would be 1000 × 4 MiB; a few buffers each is a few tens of MiB.
    assert!(growth_mib < 256, "RSS grew by {growth_mib} MiB with 1000 slow readers of a 4 MiB file");
    drop(held);
}

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
