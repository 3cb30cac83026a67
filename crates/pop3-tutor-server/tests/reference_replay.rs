//! Byte-exact replay of the recorded Dovecot and Courier sessions over real TCP.
//!
//! Every session in `crates/pop3-sim/tests/reference/{dovecot-shared,courier-shared,dovecot-lock-session}.json`
//! is replayed against a fresh server process (fresh maildrops) with `--no-delays`; a recorded TLS handshake
//! is a real one (after STLS, or at once on the implicit-TLS listener), the client trusting the CA the server
//! wrote. Client lines the recorder pipelined go out in one write; the others one at a time, each waiting for
//! its reply; connections interleave in the recorded order.
//!
//! The TCP mode offers STLS as the recorded servers did, so CAPA's recorded `STLS` line is expected too.
//! Everything must match byte for byte (masked parts matched by their documented form; APOP digests are
//! computed from the greeting this server sent).

#[path = "../../pop3-sim/tests/support/mod.rs"]
mod support;

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

use common::{read_lines, read_quiet, read_to_close, tls_client, Ending, ServerProcess, TlsClient, DEADLINE};
use pop3_sim::scenario;
use support::{
    assert_replays, client_bytes, expected, implicit_tls, load, mismatch, sent_together_with_next, Transcript,
};

/// A replayed connection's stream: plain until its recorded handshake.
enum Client {
    Plain(TcpStream),
    Tls(Box<TlsClient>),
}

impl Client {
    fn tcp(&self) -> &TcpStream {
        match self {
            Client::Plain(tcp) => tcp,
            Client::Tls(tls) => &tls.sock,
        }
    }
}

impl Read for Client {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Client::Plain(tcp) => tcp.read(buf),
            Client::Tls(tls) => tls.read(buf),
        }
    }
}

impl Write for Client {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Client::Plain(tcp) => tcp.write(buf),
            Client::Tls(tls) => tls.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Client::Plain(tcp) => tcp.flush(),
            Client::Tls(tls) => tls.flush(),
        }
    }
}

struct Conn {
    stream: Option<Client>,
    out: Vec<u8>,
    /// How the server ended the connection (`None`: open, or closed by the client).
    server_close: Option<Ending>,
}

impl Conn {
    fn apop_timestamp(&self) -> Option<String> {
        let first = self.out.split(|&b| b == b'\n').next()?;
        let first = String::from_utf8_lossy(first);
        let start = first.find('<')?;
        let end = start + first[start..].find('>')?;
        Some(first[start..=end].to_string())
    }
}

/// The server side of the exchange right after client entry `i`: per connection, lines and whether it closes.
fn segment(t: &Transcript, i: usize) -> BTreeMap<u32, (usize, bool)> {
    let mut out: BTreeMap<u32, (usize, bool)> = BTreeMap::new();
    for e in t.exchange[i + 1..].iter().take_while(|e| e.dir == "S") {
        let slot = out.entry(e.conn()).or_default();
        if e.event.as_deref() == Some("close") {
            slot.1 = true;
        } else {
            slot.0 += 1;
        }
    }
    out
}

fn wait_for(t: &Transcript, i: usize, conns: &mut BTreeMap<u32, Conn>) {
    for (n, (lines, close)) in segment(t, i) {
        let conn = conns.get_mut(&n).unwrap_or_else(|| panic!("{}: server entry for unknown conn {n}", t.name));
        let Some(stream) = conn.stream.as_mut() else { continue };
        if conn.server_close.is_some() {
            continue;
        }
        let mut ending = read_lines(stream, &mut conn.out, lines);
        if close && ending == Ending::Open {
            ending = read_to_close(stream, &mut conn.out);
        }
        if ending != Ending::Open {
            conn.server_close = Some(ending);
        }
    }
}

fn replay(t: &Transcript, scenario_id: &str, lock: bool) -> Vec<String> {
    let mut scenario = scenario::builtin(scenario_id).unwrap();
    if lock {
        scenario.lock_session = Some(true);
    }
    if t.name == "mailbox_unavailable" {
        scenario.users[0].unavailable = true;
    }
    let server = ServerProcess::with_scenario(&scenario, &["--no-delays"]);
    let mut conns: BTreeMap<u32, Conn> = BTreeMap::new();
    let mut pending = Vec::new();
    for (i, e) in t.exchange.iter().enumerate().filter(|(_, e)| e.dir == "C") {
        let n = e.conn();
        match (e.event.as_deref(), &e.line) {
            (Some("connect"), _) => {
                let stream = if implicit_tls(t, n) {
                    let stream = TcpStream::connect_timeout(&server.tls_addr, DEADLINE).unwrap();
                    stream.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
                    stream
                } else {
                    server.connect()
                };
                conns.insert(n, Conn { stream: Some(Client::Plain(stream)), out: Vec::new(), server_close: None });
            }
            (Some("tls-handshake"), _) => {
                let conn = conns.get_mut(&n).unwrap();
                if let Some(Client::Plain(stream)) = conn.stream.take() {
                    conn.stream = Some(Client::Tls(Box::new(tls_client(stream, &server.ca(), "localhost"))));
                }
            }
            (Some("close"), _) => {
                // The client drops the connection. Half-close first and read until the server closes: the
                // server hangs the session up (releasing its lock) before closing, so what comes next in the
                // transcript sees the lock released, as in the recording.
                let conn = conns.get_mut(&n).unwrap();
                if let Some(mut stream) = conn.stream.take() {
                    let _ = stream.tcp().shutdown(Shutdown::Write);
                    let _ = read_to_close(&mut stream, &mut conn.out);
                }
            }
            (None, Some(_)) => {
                let conn = conns.get_mut(&n).unwrap();
                pending.extend_from_slice(&client_bytes(e, conn.apop_timestamp().as_deref(), "secret"));
                if sent_together_with_next(t, i) {
                    continue;
                }
                if let Some(stream) = conn.stream.as_mut() {
                    if let Err(err) = stream.write_all(&pending) {
                        return vec![format!("{} conn {n}: write failed: {err}", t.name)];
                    }
                }
                pending.clear();
            }
            other => panic!("{}: unexpected client entry {other:?}", t.name),
        }
        wait_for(t, i, &mut conns);
    }

    let mut failures = Vec::new();
    for (n, exp) in expected(t) {
        let conn = conns.get_mut(&n).unwrap();
        if let (Some(stream), None) = (conn.stream.as_mut(), conn.server_close) {
            // Catch anything extra, and a close that comes a little late.
            let ending = if exp.close.is_some() {
                read_to_close(stream, &mut conn.out)
            } else {
                read_quiet(stream, &mut conn.out, Duration::from_millis(300))
            };
            if ending != Ending::Open {
                conn.server_close = Some(ending);
            }
        }
        failures.extend(mismatch(t, n, &exp, &conn.out));
        let ok = matches!(
            (exp.close, conn.server_close),
            (None, None) | (Some(false), Some(Ending::Eof)) | (Some(true), Some(Ending::Eof | Ending::Reset))
        );
        if !ok {
            failures.push(format!(
                "{} conn {n}: server close {:?}, expected {:?} (Some(reset))",
                t.name, conn.server_close, exp.close
            ));
        }
    }
    failures
}

fn replay_file(file: &str, scenario_id: &str, lock: bool) {
    let transcripts = load(file);
    let all: Vec<&Transcript> = transcripts.iter().collect();
    assert!(all.iter().any(|t| support::uses_tls(t)) || lock, "{file}: its TLS sessions are replayed too");
    assert_replays(file, &all, |t| replay(t, scenario_id, lock));
}

#[test]
fn dovecot_sessions_replay_byte_for_byte_over_tcp() {
    replay_file("dovecot-shared.json", "dovecot-reference", false);
}

#[test]
fn courier_sessions_replay_byte_for_byte_over_tcp() {
    replay_file("courier-shared.json", "courier-reference", false);
}

#[test]
fn dovecot_lock_sessions_replay_byte_for_byte_over_tcp() {
    replay_file("dovecot-lock-session.json", "dovecot-reference", true);
}
