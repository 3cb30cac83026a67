//! The profile's timeouts, on the real clock: a scenario embedding a custom Dovecot profile with 300 ms
//! login and idle timeouts. An idle client gets Dovecot's inactivity message and the connection closes.
//! Only generous upper bounds are asserted.

mod common;

use std::time::{Duration, Instant};

use common::{login, read_to_close, Ending, ServerProcess};
use pop3_sim::profile;
use pop3_sim::scenario::{self, ProfileRef};

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
