//! A client that pipelines 10 MB of garbage lines and never reads must not grow the server's memory: the
//! server stops reading while its replies are unwritten, TCP flow control stops the client, and other
//! clients are served meanwhile. (Courier answers every garbage line with `-ERR Invalid command.` and has no
//! bad-command limit, so replies pile up as fast as the client sends.)

mod common;

use std::io::Write as _;
use std::time::Duration;

use common::{command, login, ServerProcess};

const TEN_MB: usize = 10 * 1024 * 1024;

#[test]
fn a_client_that_never_reads_costs_bounded_memory() {
    let server = ServerProcess::start(&["--scenario", "seed", "--no-delays"]);
    // Warm up (runtime threads, first allocations) before the baseline.
    let mut warm = server.connect();
    login(&mut warm, "tester@outlook.pl", "moje_hasło");
    drop(warm);
    std::thread::sleep(Duration::from_millis(200));
    let before = server.rss_kib();

    let mut flood = server.connect();
    flood.set_write_timeout(Some(Duration::from_secs(3))).unwrap();
    let line = b"xyzzy plugh garbage line\r\n";
    let chunk: Vec<u8> = line.iter().copied().cycle().take(64 * 1024 - 64 * 1024 % line.len()).collect();
    let mut sent = 0;
    while sent < TEN_MB {
        match flood.write(&chunk) {
            Ok(n) => sent += n,
            Err(_) => break, // blocked for 3 s: the server has stopped reading, as it should
        }
    }
    let after = server.rss_kib();
    eprintln!("flood sent {sent} octets; server RSS {before} KiB -> {after} KiB");
    assert!(
        after < before + 50 * 1024,
        "server RSS grew from {before} KiB to {after} KiB while a client flooded it ({sent} octets sent)"
    );

    // Another client is served while the flood is still connected.
    let mut other = server.connect();
    login(&mut other, "tester@outlook.pl", "moje_hasło");
    assert_eq!(command(&mut other, b"STAT"), b"+OK 2 53235\r\n");
    assert_eq!(command(&mut other, b"QUIT"), b"+OK Bye-bye.\r\n");
    assert!(server.rss_kib() < before + 50 * 1024);
    let _ = flood.flush();
}
