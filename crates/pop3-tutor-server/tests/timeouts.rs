//! The profile's timeouts, on the real clock: a scenario embedding a custom Dovecot profile with 300 ms
//! login and idle timeouts. An idle client gets Dovecot's inactivity message and the connection closes.
//! Only generous upper bounds are asserted. A scenario's autologout fault (1 s, the shortest the format
//! takes) fires instead of the profile's timer, and the log names it.

mod common;

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{login, read_to_close, Ending, ServerProcess};
use pop3_sim::profile;
use pop3_sim::scenario::{self, Fault, ProfileRef};

fn quick_timeouts() -> ServerProcess {
    let mut dovecot = profile::builtin("dovecot").unwrap();
    dovecot.timing.login_timeout_ms = 300;
    dovecot.timing.idle_timeout_ms = 300;
    let mut scenario = scenario::builtin("dovecot-reference").unwrap();
    scenario.profile = ProfileRef::Custom(Box::new(dovecot));
    ServerProcess::with_scenario(&scenario, &["--no-delays"])
}

#[test]
fn an_idle_client_is_disconnected_before_login() {
    let server = quick_timeouts();
    let start = Instant::now();
    let mut stream = server.connect();
    let mut out = Vec::new();
    let ending = read_to_close(&mut stream, &mut out);
    let text = String::from_utf8_lossy(&out);
    assert!(text.starts_with("+OK Dovecot (Debian) ready."), "{text}");
    assert!(text.ends_with("\r\n-ERR Disconnected for inactivity.\r\n"), "{text}");
    assert_eq!(ending, Ending::Eof);
    assert!(start.elapsed() < Duration::from_secs(20), "took {:?}", start.elapsed());
}

#[test]
fn an_idle_client_is_disconnected_after_login() {
    let server = quick_timeouts();
    let mut stream = server.connect();
    login(&mut stream, "tester@example.com", "secret");
    let mut out = Vec::new();
    assert_eq!(read_to_close(&mut stream, &mut out), Ending::Eof);
    assert_eq!(String::from_utf8_lossy(&out), "-ERR Disconnected for inactivity.\r\n");
}

/// A server started by a test, killed when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_log_names_the_autologout_timer_and_its_length() {
    let mut scenario = scenario::builtin("dovecot-reference").unwrap();
    scenario.faults = vec![Fault::Autologout { seconds: 1 }];
    let file = common::scenario_file(&scenario);
    let log = tempfile::NamedTempFile::new().unwrap();
    let read_log = || std::fs::read_to_string(log.path()).unwrap();
    let args = ["pop3", "--listen", "127.0.0.1:0", "--scenario", file.to_str().unwrap(), "--no-delays"];
    let stderr = Stdio::from(log.reopen().unwrap());
    let started = common::spawn_listening(&args, "info", stderr, || format!("; log:\n{}", read_log()));
    let (_server, addr) = (Killed(started.child), started.addr);

    let start = Instant::now();
    let mut stream = std::net::TcpStream::connect_timeout(&addr, common::DEADLINE).unwrap();
    stream.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    let mut out = Vec::new();
    assert_eq!(read_to_close(&mut stream, &mut out), Ending::Eof);
    // Dovecot's 180 s login timer would still be running: this is the fault's.
    let took = start.elapsed();
    assert!(took >= Duration::from_secs(1) && took < Duration::from_secs(20), "closed after {took:?}");
    assert!(String::from_utf8_lossy(&out).ends_with("\r\n-ERR Disconnected for inactivity.\r\n"));

    let until = Instant::now() + common::DEADLINE;
    while !read_log().contains("timer fired") && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
    }
    let log_text = read_log();
    let line =
        log_text.lines().find(|l| l.contains("timer fired")).unwrap_or_else(|| panic!("no `timer fired`:\n{log_text}"));
    // `… INFO conn{id=1 peer=…}: pop3_tutor_server::pop3::connection: timer fired timer=autologout seconds=1`
    assert!(line.contains(" INFO "), "{line}");
    assert!(line.ends_with("timer fired timer=autologout seconds=1"), "{line}");
}
