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

use bridge_support::{dialogue, target, Closed, Conn, Process, FULL_SESSION};
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

/// `GET path` from `source` with `Connection: close`: the whole response, or `None` if none came within
/// `limit`.
async fn get_from(source: &str, addr: SocketAddr, path: &str, limit: Duration) -> Option<String> {
    tokio::time::timeout(limit, async {
        let mut stream = connect_from(source, addr).await.ok()?;
        let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.ok()?;
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response).await;
        (!response.is_empty()).then(|| String::from_utf8_lossy(&response).into_owned())
    })
    .await
    .ok()
    .flatten()
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

/// Opens `n` keep-alive connections from `source` at once, each asking for `/`, and counts those whose page
/// came (within 5 s) while all were open.
async fn whole_share_served(source: &str, addr: SocketAddr, n: usize) -> usize {
    let mut held = Vec::with_capacity(n);
    let mut served = 0;
    for _ in 0..n {
        let Ok(mut stream) = connect_from(source, addr).await else { continue };
        let request = format!("GET / HTTP/1.1\r\nHost: {addr}\r\n\r\n");
        if stream.write_all(request.as_bytes()).await.is_err() {
            continue;
        }
        let mut response = Vec::new();
        let mut buf = [0u8; 4096];
        let page = tokio::time::timeout(Duration::from_secs(5), async {
            while !String::from_utf8_lossy(&response).contains("</title>") {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => return false,
                    Ok(k) => response.extend_from_slice(&buf[..k]),
                }
            }
            response.starts_with(b"HTTP/1.1 200")
        })
        .await;
        if page == Ok(true) {
            served += 1;
        }
        held.push(stream);
    }
    served
}

/// Resident memory of a process (VmRSS), in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("VmRSS in /proc/PID/status");
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_with_1100_slow_readers_cannot_deny_the_page_or_the_bridge() {
    raise_open_files(2600);
    let dir = static_dir(512 * 1024);
    let sim = Process::simulator();
    let allow = sim.addr.to_string();
    // The global cap pinned below the attack's size (its default is sized from the open-files limit, which may
    // be far larger here): only the per-address share can leave room for 127.0.0.2.
    let bridge = Process::bridge(&[
        "--allow",
        &allow,
        "--static",
        path_str(dir.path()),
        "--max-http-connections",
        "1024",
        "--http-write-timeout-secs",
        "5",
    ]);

    // 1 100 connections from 127.0.0.1, each with 64 pipelined GETs of the wasm (32 MiB of responses: more
    // than the kernel's socket buffers take, up to 4 MiB, so the bridge's writes stall), never reading.
    let attack = slow_readers("127.0.0.1", bridge.addr, 1100, "/app.wasm", 64).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Another address still loads the page…
    let page = get_from("127.0.0.2", bridge.addr, "/", Duration::from_secs(5)).await;
    let page = page.expect("127.0.0.2 got no answer to GET / while 127.0.0.1 held the HTTP slots");
    assert!(page.starts_with("HTTP/1.1 200") && page.contains("<title>pop3-tutor</title>"), "{page}");

    // …while the attacker's own address is over its share: refused at once (a 503, or under a flood of
    // refusals a bare close), not queued.
    let probe = tokio::time::timeout(Duration::from_secs(5), async {
        let mut stream = connect_from("127.0.0.1", bridge.addr).await.unwrap();
        let request = format!("GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", bridge.addr);
        let _ = stream.write_all(request.as_bytes()).await;
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response).await;
        String::from_utf8_lossy(&response).into_owned()
    })
    .await
    .expect("a connection over the address's share is closed at once");
    assert!(probe.is_empty() || probe.starts_with("HTTP/1.1 503"), "{probe}");

    // …and completes a bridge session.
    let stream = connect_from("127.0.0.2", bridge.addr).await.unwrap();
    let (mut ws, _) = tokio::time::timeout(
        Duration::from_secs(5),
        tokio_tungstenite::client_async(
            format!("ws://{}/bridge", bridge.addr),
            tokio_tungstenite::MaybeTlsStream::Plain(stream),
        ),
    )
    .await
    .expect("127.0.0.2's WebSocket handshake in time")
    .expect("127.0.0.2's WebSocket handshake");
    ws.send(Message::text(target("127.0.0.1", sim.addr.port(), "none").to_string())).await.unwrap();
    let status = bridge_support::next_status(&mut ws).await;
    assert_eq!(status["ok"], true, "{status}");
    let mut conn = Conn::Ws(Box::new(ws));
    let (transcript, closed) = dialogue(&mut conn, &FULL_SESSION).await;
    assert_eq!(closed, Some(Closed::Frame(1000, "server_closed".into())));
    assert!(String::from_utf8_lossy(&transcript).ends_with("+OK Logging out.\r\n"));

    // Connections that never read lose their slots at the write deadline: 127.0.0.1 gets its whole share
    // (128 by default) back, each connection held open until all have their page.
    let until = Instant::now() + Duration::from_secs(20);
    loop {
        let served = whole_share_served("127.0.0.1", bridge.addr, 128).await;
        if served == 128 {
            break;
        }
        assert!(Instant::now() < until, "the slow readers kept their slots past the write deadline: {served} of 128");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    drop(attack);
    let log = bridge.log();
    assert!(log.contains("over its share"), "{log:.2000}");
}

#[tokio::test]
async fn a_plain_http_connection_ends_at_its_lifetime() {
    let dir = static_dir(1024);
    let bridge = Process::bridge(&["--static", path_str(dir.path()), "--http-lifetime-secs", "1"]);
    let mut stream = connect_from("127.0.0.1", bridge.addr).await.unwrap();
    let start = Instant::now();
    // A keep-alive client that reads its responses and keeps asking: still cut at the lifetime.
    let request = format!("GET / HTTP/1.1\r\nHost: {}\r\n\r\n", bridge.addr);
    let mut buf = vec![0u8; 64 * 1024];
    let ended = loop {
        if stream.write_all(request.as_bytes()).await.is_err() {
            break start.elapsed();
        }
        match tokio::time::timeout(Duration::from_secs(8), stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => break start.elapsed(),
            Ok(Ok(_)) => {}
            Err(_) => panic!("no answer within 8 s"),
        }
        assert!(start.elapsed() < Duration::from_secs(6), "the connection outlived its 1 s lifetime");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(ended >= Duration::from_millis(900), "cut too early: {ended:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_slow_readers_of_the_largest_file_do_not_hold_a_copy_each() {
    const FILE: usize = 4 * 1024 * 1024;
    raise_open_files(2200);
    let dir = static_dir(FILE);
    let bridge = Process::bridge(&["--static", path_str(dir.path()), "--max-http-connections", "1024"]);

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
