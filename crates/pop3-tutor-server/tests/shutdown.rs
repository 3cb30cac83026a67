//! Graceful shutdown: on SIGTERM the server stops accepting, closes its idle connections (a logged-in one
//! too: hung up, nothing committed) and exits with status 0.

mod common;

use std::time::Duration;

use common::{login, read_to_close, Ending, ServerProcess};

#[test]
fn sigterm_closes_connections_and_exits_zero() {
    let mut server = ServerProcess::start(&["--scenario", "dovecot-reference", "--no-delays"]);
    let mut idle = server.connect();
    common::greeting(&mut idle);
    let mut logged_in = server.connect();
    login(&mut logged_in, "tester@example.com", "secret");

    server.terminate();
    for stream in [&mut idle, &mut logged_in] {
        let mut out = Vec::new();
        let ending = read_to_close(stream, &mut out);
        assert_ne!(ending, Ending::Open, "the connection stays open after SIGTERM");
        assert!(out.is_empty(), "unexpected bytes: {:?}", String::from_utf8_lossy(&out));
    }
    let status = server.wait_exit(Duration::from_secs(30)).expect("the server did not exit within 30 s");
    assert!(status.success(), "exit status {status}");
}

#[test]
fn a_busy_connection_finishes_its_reply_within_the_grace_period() {
    // With delays on, a failed login pauses 2 s (Dovecot's auth_failure_delay) before its reply.
    let mut server = ServerProcess::start(&["--scenario", "dovecot-reference", "--shutdown-grace-ms", "15000"]);
    let mut busy = server.connect();
    common::greeting(&mut busy);
    assert_eq!(common::command(&mut busy, b"USER tester@example.com"), b"+OK\r\n");
    std::io::Write::write_all(&mut busy, b"PASS wrong\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(300)); // the server is now inside the pause
    server.terminate();
    let mut out = Vec::new();
    let ending = read_to_close(&mut busy, &mut out);
    assert_eq!(String::from_utf8_lossy(&out), "-ERR [AUTH] Authentication failed.\r\n");
    assert_ne!(ending, Ending::Open);
    let status = server.wait_exit(Duration::from_secs(30)).expect("the server did not exit within 30 s");
    assert!(status.success(), "exit status {status}");
}
