//! The TCP mode against one hostile address: at most `--max-connections-per-address` connections from one
//! address (IPv6: one /64), the extra one told so with `-ERR [SYS/TEMP]` and closed while other addresses
//! are still served, connections to the implicit-TLS listener counting in the same share (an extra one there
//! is closed without a line: a TLS client could not read it); and a logged-in client that never reads is cut, its queued output dropped, after
//! `--write-timeout-secs`.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpSocket, TcpStream};

use common::{ServerProcess, DEADLINE};

/// Connects from `from` (an address of the loopback interface).
async fn connect_from(from: &str, to: SocketAddr, recv_buffer: Option<u32>) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    if let Some(size) = recv_buffer {
        socket.set_recv_buffer_size(size).unwrap();
    }
    socket.bind(format!("{from}:0").parse().unwrap()).unwrap();
    tokio::time::timeout(DEADLINE, socket.connect(to)).await.expect("connect in time").unwrap()
}

/// Reads one line.
async fn line(stream: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let mut byte = [0u8; 1];
    while !out.ends_with(b"\n") {
        match tokio::time::timeout(DEADLINE, stream.read(&mut byte)).await.expect("a line in time") {
            Ok(1) => out.push(byte[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Reads until EOF or an error (a reset); `true` if that happened before `limit`.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> (bool, usize) {
    let until = Instant::now() + limit;
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0;
    while Instant::now() < until {
        match tokio::time::timeout_at(until.into(), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (true, total),
            Ok(Ok(n)) => total += n,
            Err(_) => break,
        }
    }
    (false, total)
}

#[tokio::test]
async fn the_33rd_connection_from_one_address_is_refused_and_others_are_served() {
    let server = ServerProcess::start(&["--scenario", "seed", "--no-delays"]);
    let mut held = Vec::new();
    for i in 0..32 {
        let mut stream = connect_from("127.0.0.1", server.addr, None).await;
        let greeting = line(&mut stream).await;
        assert!(greeting.starts_with("+OK"), "connection {}: {greeting:?}", i + 1);
        held.push(stream);
    }
    let mut extra = connect_from("127.0.0.1", server.addr, None).await;
    let refusal = line(&mut extra).await;
    assert!(refusal.starts_with("-ERR [SYS/TEMP] "), "the 33rd connection: {refusal:?}");
    assert!(closed_within(&mut extra, DEADLINE).await.0, "the 33rd connection is closed");

    // Another address is served meanwhile.
    let mut other = connect_from("127.0.0.2", server.addr, None).await;
    assert!(line(&mut other).await.starts_with("+OK"));
    other.write_all(b"USER tester@outlook.pl\r\n").await.unwrap();
    assert!(line(&mut other).await.starts_with("+OK"));

    // A closed connection frees its address's slot.
    held.pop();
    let until = Instant::now() + DEADLINE;
    loop {
        let mut again = connect_from("127.0.0.1", server.addr, None).await;
        let greeting = line(&mut again).await;
        if greeting.starts_with("+OK") {
            break;
        }
        assert!(Instant::now() < until, "the freed slot was never reused: {greeting:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn implicit_tls_connections_count_in_the_same_share() {
    let server = ServerProcess::start(&["--scenario", "seed", "--no-delays"]);
    // Half the share in TLS handshakes, half in plain sessions.
    let mut held = Vec::new();
    for _ in 0..16 {
        held.push(connect_from("127.0.0.1", server.tls_addr, None).await);
        let mut plain = connect_from("127.0.0.1", server.addr, None).await;
        assert!(line(&mut plain).await.starts_with("+OK"));
        held.push(plain);
    }
    // The TLS connections say nothing, so nothing shows that the server has accepted (and counted) them yet.
    // It accepts a listener's connections in their order: once a later one, from another address, has had its
    // handshake, all sixteen are counted.
    let later = connect_from("127.0.0.3", server.tls_addr, None).await.into_std().unwrap();
    later.set_nonblocking(false).unwrap();
    let _later = common::tls_client(later, &server.ca(), "127.0.0.1");
    let mut extra = connect_from("127.0.0.1", server.addr, None).await;
    assert!(line(&mut extra).await.starts_with("-ERR [SYS/TEMP] "), "the 33rd connection, plain");
    let mut extra = connect_from("127.0.0.1", server.tls_addr, None).await;
    assert_eq!(closed_within(&mut extra, DEADLINE).await, (true, 0), "the 33rd connection, TLS: closed, nothing sent");
    // Another address is served on both.
    let mut other = connect_from("127.0.0.2", server.addr, None).await;
    assert!(line(&mut other).await.starts_with("+OK"));
    let mut other_tls = connect_from("127.0.0.2", server.tls_addr, None).await;
    assert!(!closed_within(&mut other_tls, Duration::from_millis(300)).await.0, "waits for a ClientHello");
}

#[tokio::test]
async fn a_client_that_never_reads_is_cut_after_the_write_deadline() {
    let server = ServerProcess::start(&["--scenario", "seed", "--no-delays", "--write-timeout-secs", "2"]);
    let mut stream = connect_from("127.0.0.1", server.addr, Some(4096)).await;
    assert!(line(&mut stream).await.starts_with("+OK"));
    stream.write_all(b"USER tester@outlook.pl\r\n").await.unwrap();
    assert!(line(&mut stream).await.starts_with("+OK"));
    stream.write_all("PASS moje_hasło\r\n".as_bytes()).await.unwrap();
    assert!(line(&mut stream).await.starts_with("+OK"));
    // 500 RETRs of the 52 KB message (some 25 MB of replies), never read.
    let retrs = "RETR 2\r\n".repeat(500);
    let _ = tokio::time::timeout(Duration::from_secs(2), stream.write_all(retrs.as_bytes())).await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    let (closed, received) = closed_within(&mut stream, Duration::from_secs(10)).await;
    assert!(closed, "the connection is still open 5 s after its output stalled ({received} octets read since)");
    assert!(received < 20 * 1024 * 1024, "the queued output was dropped with the connection ({received} octets)");
}
