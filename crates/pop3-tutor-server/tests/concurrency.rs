//! Many clients, one simulated server: 50 concurrent logins all see the maildrop; a QUIT's deletions are seen
//! by the next login; a connection dropped without QUIT commits nothing and releases its lock.

mod common;

use std::net::Shutdown;
use std::time::{Duration, Instant};

use common::{command, login, read_to_close, ServerProcess, DEADLINE};
use pop3_sim::scenario;

#[test]
fn fifty_concurrent_sessions_log_in_and_stat() {
    // All from 127.0.0.1: over the default share of one address (32), so the share is raised.
    let server = ServerProcess::start(&[
        "--scenario",
        "dovecot-reference",
        "--no-delays",
        "--max-connections-per-address",
        "50",
    ]);
    let streams: Vec<_> = (0..50).map(|_| server.connect()).collect();
    let handles: Vec<_> = streams
        .into_iter()
        .map(|mut stream| {
            std::thread::spawn(move || {
                login(&mut stream, "tester@example.com", "secret");
                let stat = command(&mut stream, b"STAT");
                let quit = command(&mut stream, b"QUIT");
                (stat, quit)
            })
        })
        .collect();
    for handle in handles {
        let (stat, quit) = handle.join().expect("a client thread panicked");
        assert_eq!(String::from_utf8_lossy(&stat), "+OK 3 50787\r\n");
        assert_eq!(String::from_utf8_lossy(&quit), "+OK Logging out.\r\n");
    }
}

#[test]
fn quit_commits_and_a_dropped_connection_does_not() {
    let server = ServerProcess::start(&["--scenario", "dovecot-reference", "--no-delays"]);
    let mut a = server.connect();
    login(&mut a, "tester@example.com", "secret");
    assert_eq!(command(&mut a, b"DELE 1"), b"+OK Marked to be deleted.\r\n");
    assert_eq!(command(&mut a, b"QUIT"), b"+OK Logging out, messages deleted.\r\n");

    let mut b = server.connect();
    login(&mut b, "tester@example.com", "secret");
    assert_eq!(command(&mut b, b"STAT"), b"+OK 2 50426\r\n", "the QUIT's deletion is committed");
    assert_eq!(command(&mut b, b"DELE 1"), b"+OK Marked to be deleted.\r\n");
    // Drop without QUIT; half-close and wait for the server's close, so it has seen the EOF.
    b.shutdown(Shutdown::Write).unwrap();
    read_to_close(&mut b, &mut Vec::new());
    drop(b);

    let mut c = server.connect();
    login(&mut c, "tester@example.com", "secret");
    assert_eq!(command(&mut c, b"STAT"), b"+OK 2 50426\r\n", "the dropped session committed nothing");
}

#[test]
fn a_dropped_connection_releases_its_lock() {
    let mut scenario = scenario::builtin("dovecot-reference").unwrap();
    scenario.lock_session = Some(true);
    let server = ServerProcess::with_scenario(&scenario, &["--no-delays"]);
    let mut a = server.connect();
    login(&mut a, "tester@example.com", "secret");
    assert_eq!(command(&mut a, b"DELE 1"), b"+OK Marked to be deleted.\r\n");

    let mut b = server.connect();
    common::greeting(&mut b);
    command(&mut b, b"USER tester@example.com");
    let in_use = command(&mut b, b"PASS secret");
    assert_eq!(String::from_utf8_lossy(&in_use), "-ERR [IN-USE] Mailbox is locked by another POP3 session.\r\n");

    drop(a); // no QUIT, no half-close: a plain drop
    let until = Instant::now() + DEADLINE;
    loop {
        let mut c = server.connect();
        common::greeting(&mut c);
        command(&mut c, b"USER tester@example.com");
        let reply = command(&mut c, b"PASS secret");
        if reply == b"+OK Logged in.\r\n" {
            assert_eq!(command(&mut c, b"STAT"), b"+OK 3 50787\r\n", "the dropped session committed nothing");
            break;
        }
        assert!(reply.starts_with(b"-ERR [IN-USE]"), "{:?}", String::from_utf8_lossy(&reply));
        assert!(Instant::now() < until, "the lock was never released");
        std::thread::sleep(Duration::from_millis(50));
    }
}
