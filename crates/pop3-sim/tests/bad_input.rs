//! Bad input gets what the profile's real server does, never a panic, never unbounded memory.

mod common;

use common::Client;
use pop3_sim::session::MAX_PENDING_OCTETS;
use pop3_sim::{Event, Meaning};

const TEN_MB: usize = 10 * 1024 * 1024;

fn garbage_lines(total: usize) -> Vec<u8> {
    b"garbage line\r\n".iter().copied().cycle().take(total).collect()
}

#[test]
fn dovecot_hangs_up_on_pipelined_garbage_after_three_lines() {
    let mut c = Client::new("dovecot-reference");
    let input = garbage_lines(TEN_MB);
    let replies = c.send_bytes(&input);
    let text: Vec<_> = replies.iter().map(|r| String::from_utf8_lossy(&r.bytes).into_owned()).collect();
    assert_eq!(
        text,
        ["-ERR Unknown command.\r\n"; 3]
            .iter()
            .map(|s| s.to_string())
            .chain(["-ERR Too many invalid bad commands.\r\n".to_string()])
            .collect::<Vec<_>>()
    );
    assert_eq!(c.closed, Some(false));
}

#[test]
fn courier_answers_every_garbage_line_with_bounded_pending_output() {
    let mut c = Client::new("courier-reference");
    let input = garbage_lines(TEN_MB);
    let mut rest = &input[..];
    let (mut replies, mut calls, mut max_batch) = (0usize, 0usize, 0usize);
    while !rest.is_empty() {
        let used = c.session.receive(rest, 0, &mut c.server);
        rest = &rest[used..];
        calls += 1;
        let mut batch = 0;
        while let Some(e) = c.session.poll_event() {
            if let Event::Reply(r) = e {
                assert_eq!(r.bytes, b"-ERR Invalid command.\r\n");
                batch += r.bytes.len();
                replies += 1;
            }
        }
        max_batch = max_batch.max(batch);
    }
    assert_eq!(replies, TEN_MB / 14, "one reply per complete line; the partial last line waits for its LF");
    assert!(calls > 1, "a client that never reads cannot make the session take everything at once");
    assert!(max_batch <= MAX_PENDING_OCTETS + 64, "pending output {max_batch}");
}

#[test]
fn dovecot_aborts_an_endless_line_before_it_ends() {
    for login_first in [false, true] {
        let mut c = Client::new("dovecot-reference");
        if login_first {
            c.login("tester@example.com", "secret");
        }
        let endless = vec![b'x'; TEN_MB];
        let used = c.session.receive(&endless, 0, &mut c.server);
        assert_eq!(used, endless.len(), "a closed session swallows the rest");
        let replies = c.drain();
        let want: &[u8] =
            if login_first { b"-ERR Input line too long.\r\n" } else { b"-ERR Input buffer full, aborting\r\n" };
        assert_eq!(replies[0].bytes, want);
        assert_eq!(replies[0].explanation.meaning, Meaning::LineTooLong);
        assert_eq!(c.closed, Some(true), "Dovecot closes with a reset");
    }
}

#[test]
fn courier_cuts_an_endless_line_and_goes_on() {
    let mut c = Client::new("courier-reference");
    let mut input = b"NOOP ".to_vec();
    input.extend(std::iter::repeat_n(b'x', TEN_MB));
    input.extend_from_slice(b"\r\nQUIT\r\n");
    let replies = c.send_bytes(&input);
    assert_eq!(replies.len(), 2);
    assert_eq!(replies[0].bytes, b"-ERR Invalid command.\r\n");
    assert!(replies[0].explanation.truncated);
    assert_eq!(replies[1].bytes, b"+OK Better luck next time.\r\n");
}

#[test]
fn nul_ends_the_line_for_both_servers() {
    let mut d = Client::new("dovecot-reference");
    assert_eq!(d.send_bytes(b"US\0ER tester@example.com\r\n")[0].bytes, b"-ERR Unknown command.\r\n");
    d.send_bytes(b"USER tester@example.com\0junk\r\n");
    assert_eq!(d.send("PASS secret")[0].bytes, b"+OK Logged in.\r\n");
    let mut c = Client::new("courier-reference");
    c.send_bytes(b"USER tester@example.com\0junk\r\n");
    assert_eq!(c.send_bytes(b"PASS secret\0\r\n")[0].bytes, b"+OK logged in.\r\n");
}

#[test]
fn non_utf8_names_and_passwords_fail_like_unknown_users() {
    for id in ["dovecot-reference", "courier-reference"] {
        let mut c = Client::new(id);
        c.send_bytes(b"USER \xff\xfe\x80\r\n");
        let r = c.send_bytes(b"PASS \xc3\x28\r\n");
        assert!(r[0].first_line().starts_with(b"-ERR"), "{id}");
        assert!(matches!(r[0].explanation.meaning, Meaning::LoginFailed { .. }));
        let r = c.send_bytes(b"\xff\xff\xff\r\n");
        assert!(r[0].first_line().starts_with(b"-ERR"), "{id}");
    }
}

#[test]
fn bad_base64_everywhere_in_sasl() {
    let mut c = Client::new("dovecot-reference");
    for (send, want) in [
        ("AUTH PLAIN ====", "-ERR [AUTH] Invalid base64 data in initial response"),
        ("AUTH LOGIN ***", "-ERR [AUTH] Invalid base64 data in initial response"),
        ("AUTH LOGIN", "+ VXNlcm5hbWU6"),
        ("@@@", "-ERR [AUTH] Invalid base64 in response"),
        ("AUTH LOGIN", "+ VXNlcm5hbWU6"),
        ("dGVzdGVyQGV4YW1wbGUuY29t", "+ UGFzc3dvcmQ6"),
        ("*", "-ERR Authentication aborted by client."),
        ("AUTH PLAIN", "+ "),
        ("bm8gbnVscyBoZXJl", "-ERR [AUTH] Authentication failed."),
    ] {
        assert_eq!(c.first(send), want, "{send}");
    }
}

#[test]
fn the_rest_of_a_too_long_sasl_response_closes_dovecot_silently() {
    let mut c = Client::new("dovecot-reference");
    c.send("AUTH PLAIN");
    let replies = c.send_bytes(&vec![b'A'; 20_000]);
    assert!(replies.is_empty());
    assert_eq!(c.closed, Some(true));
}
