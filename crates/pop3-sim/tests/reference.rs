//! Byte-exact replay of every recorded session in `tests/reference/` against its profile, in process.
//!
//! Each transcript's client lines are fed to a fresh simulated server (one per transcript, so connections of a
//! transcript share maildrops), and each connection's output must equal the recording byte for byte, masked
//! parts aside (the APOP timestamp must still have RFC 1939's `<…@…>` form, and APOP digests are computed
//! from the simulator's own timestamp so APOP really verifies). TLS handshakes are simulated.

mod support;

use std::collections::BTreeMap;

use pop3_sim::{scenario, Event, Server, Session, SessionConfig};
use support::*;

struct Conn {
    session: Session,
    out: Vec<u8>,
    close: Option<bool>,
    pauses: Vec<u64>,
}

fn drain(conn: &mut Conn) {
    while let Some(event) = conn.session.poll_event() {
        match event {
            Event::Reply(r) => {
                assert!(r.is_consistent(), "explanation disagrees with {:?}", String::from_utf8_lossy(r.first_line()));
                conn.out.extend_from_slice(&r.bytes);
            }
            Event::Close { reset } => conn.close = Some(reset),
            Event::Pause { millis } => conn.pauses.push(millis),
            Event::StartTls => {}
        }
    }
}

fn server_for(scenario_id: &str, transcript: &Transcript, lock: bool) -> Server {
    let mut s = scenario::builtin(scenario_id).unwrap();
    if lock {
        s.lock_session = Some(true);
    }
    if transcript.name == "mailbox_unavailable" {
        s.users[0].unavailable = true;
    }
    Server::new(&s).unwrap()
}

/// Replays one transcript; returns the failures found.
fn replay(scenario_id: &str, t: &Transcript, lock: bool) -> Vec<String> {
    let mut server = server_for(scenario_id, t, lock);
    let mut conns: BTreeMap<u32, Conn> = BTreeMap::new();
    let mut pending = Vec::new();
    for (i, e) in t.exchange.iter().enumerate().filter(|(_, e)| e.dir == "C") {
        let n = e.conn();
        match (e.event.as_deref(), &e.line) {
            (Some("connect"), _) => {
                let config = SessionConfig {
                    seed: u64::from(n) * 7919 + i as u64,
                    tls_active: implicit_tls(t, n),
                    ..SessionConfig::default()
                };
                let session = server.connect(config);
                let mut conn = Conn { session, out: Vec::new(), close: None, pauses: Vec::new() };
                drain(&mut conn);
                conns.insert(n, conn);
            }
            (Some("tls-handshake"), _) => {
                let conn = conns.get_mut(&n).unwrap();
                conn.session.tls_established();
            }
            (Some("close"), _) => {
                let conn = conns.get_mut(&n).unwrap();
                conn.session.hangup(&mut server);
            }
            (None, Some(_)) => {
                let conn = conns.get_mut(&n).unwrap();
                let mut bytes = client_bytes(e, conn.session.apop_timestamp(), "secret");
                if !sent_together_with_next(t, i) {
                    pending.extend_from_slice(&bytes);
                    bytes = std::mem::take(&mut pending);
                } else {
                    pending.extend_from_slice(&bytes);
                    continue;
                }
                let mut rest = &bytes[..];
                while !rest.is_empty() {
                    let used = conn.session.receive(rest, 0, &mut server);
                    rest = &rest[used..];
                    drain(conn);
                }
            }
            other => panic!("{}: unexpected client entry {other:?}", t.name),
        }
    }
    let mut failures = Vec::new();
    for (n, exp) in expected(t) {
        let conn = &conns[&n];
        failures.extend(mismatch(t, n, &exp, &conn.out));
        if exp.close != conn.close {
            failures.push(format!("{} conn {n}: close {:?}, expected {:?}", t.name, conn.close, exp.close));
        }
    }
    failures
}

fn replay_file(file: &str, scenario_id: &str, lock: bool) {
    let transcripts = load(file);
    assert_replays(file, &transcripts.iter().collect::<Vec<_>>(), |t| replay(scenario_id, t, lock));
}

#[test]
fn dovecot_reference_sessions_replay_byte_for_byte() {
    replay_file("dovecot-shared.json", "dovecot-reference", false);
}

#[test]
fn dovecot_lock_session_replays_byte_for_byte() {
    replay_file("dovecot-lock-session.json", "dovecot-reference", true);
}

#[test]
fn courier_reference_sessions_replay_byte_for_byte() {
    replay_file("courier-shared.json", "courier-reference", false);
}

#[test]
fn failed_logins_pause_as_the_profiles_say() {
    for (id, pause) in [("dovecot-reference", 2_000), ("courier-reference", 5_000)] {
        let t = load(if id.starts_with("dovecot") { "dovecot-shared.json" } else { "courier-shared.json" });
        let bad = t.iter().find(|t| t.name == "user_pass_bad_password").unwrap();
        let mut server = server_for(id, bad, false);
        let mut conn =
            Conn { session: server.connect(SessionConfig::default()), out: vec![], close: None, pauses: vec![] };
        conn.session.receive(b"USER tester@example.com\r\nPASS wrong\r\n", 0, &mut server);
        drain(&mut conn);
        assert_eq!(conn.pauses, vec![pause], "{id}");
    }
}
