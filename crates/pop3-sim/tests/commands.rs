//! Tables per command: every wrong state, wrong argument, out-of-range and deleted-message case, for the
//! recorded profiles, with the reply text and what the tutor says it means.
//!
//! Rows run against the reference maildrop (3 messages). `login` rows log in first; `dele2` rows also mark
//! message 2 deleted first.

mod common;

use common::Client;

#[derive(Clone, Copy, PartialEq)]
enum Setup {
    Fresh,
    Login,
    Dele2,
}
use Setup::*;

fn client(scenario: &str, setup: Setup) -> Client {
    let mut c = Client::new(scenario);
    if setup != Fresh {
        c.login("tester@example.com", "secret");
    }
    if setup == Dele2 {
        c.send("DELE 2");
    }
    c
}

fn check(scenario: &str, rows: &[(Setup, &str, &str, &str)]) {
    let mut failures = vec![];
    for (setup, command, reply, meaning) in rows {
        let mut c = client(scenario, *setup);
        let (got_reply, got_meaning) = c.meaning(command);
        if got_reply != *reply || got_meaning != *meaning {
            failures.push(format!("{command:?}: got {got_reply:?} ({got_meaning}), want {reply:?} ({meaning})"));
        }
    }
    assert!(failures.is_empty(), "{scenario}:\n{}", failures.join("\n"));
}

#[test]
fn dovecot_transaction_commands() {
    check(
        "dovecot-reference",
        &[
            // Wrong state: transaction commands before login.
            (Fresh, "STAT", "-ERR Unknown command.", "wrong_state"),
            (Fresh, "LIST", "-ERR Unknown command.", "wrong_state"),
            (Fresh, "RETR 1", "-ERR Unknown command.", "wrong_state"),
            (Fresh, "DELE 1", "-ERR Unknown command.", "wrong_state"),
            (Fresh, "NOOP", "-ERR Unknown command.", "wrong_state"),
            (Fresh, "RSET", "-ERR Unknown command.", "wrong_state"),
            (Fresh, "TOP 1 0", "-ERR Unknown command.", "wrong_state"),
            (Fresh, "UIDL", "-ERR Unknown command.", "wrong_state"),
            (Fresh, "LAST", "-ERR Unknown command.", "unknown_command"),
            // Wrong state: login commands after login; the verb is echoed upper-cased.
            (Login, "USER tester@example.com", "-ERR Unknown command: USER", "wrong_state"),
            (Login, "pass secret", "-ERR Unknown command: PASS", "wrong_state"),
            (Login, "APOP a b", "-ERR Unknown command: APOP", "wrong_state"),
            (Login, "AUTH PLAIN", "-ERR Unknown command: AUTH", "wrong_state"),
            (Login, "STLS", "-ERR Unknown command: STLS", "wrong_state"),
            (Login, "foo", "-ERR Unknown command: FOO", "unknown_command"),
            (Login, "", "-ERR Unknown command: ", "unknown_command"),
            (Login, "UIDL\t1", "-ERR Unknown command: UIDL\t1", "unknown_command"),
            // Arguments, ranges, deleted messages.
            (Login, "STAT", "+OK 3 50787", "status"),
            (Login, "STAT junk", "+OK 3 50787", "status"),
            (Login, "LIST 3", "+OK 3 49983", "scan_line"),
            (Login, "LIST 01", "+OK 1 361", "scan_line"),
            (Login, "LIST  2", "+OK 2 443", "scan_line"),
            (Login, "LIST 0", "-ERR There's no message 0.", "no_such_message"),
            (Login, "LIST 4", "-ERR There's no message 4.", "no_such_message"),
            (Login, "LIST 4294967295", "-ERR There's no message 4294967295.", "no_such_message"),
            // 32 bits overflow, 64 do not: Dovecot echoes what follows the digits (here nothing).
            (Login, "LIST 4294967296", "-ERR Message number too large: ", "message_number_too_large"),
            (
                Login,
                "LIST 99999999999999999999",
                "-ERR Message number too large: 99999999999999999999",
                "message_number_too_large",
            ),
            (Login, "LIST +1", "-ERR Invalid message number: +1", "invalid_message_number"),
            (Login, "LIST -1", "-ERR Invalid message number: -1", "invalid_message_number"),
            (Login, "LIST 1.0", "-ERR Noise after message number: .0", "invalid_message_number"),
            (Login, "LIST 1 ", "-ERR Noise after message number:  ", "invalid_message_number"),
            (Dele2, "LIST 2", "-ERR Message is deleted.", "message_deleted"),
            (Login, "RETR", "-ERR Invalid message number: ", "invalid_message_number"),
            (Login, "RETR x", "-ERR Invalid message number: x", "invalid_message_number"),
            (Login, "RETR 1 2", "-ERR Noise after message number:  2", "invalid_message_number"),
            (Login, "RETR 4", "-ERR There's no message 4.", "no_such_message"),
            (Dele2, "RETR 2", "-ERR Message is deleted.", "message_deleted"),
            (Login, "DELE 0", "-ERR There's no message 0.", "no_such_message"),
            (Login, "DELE 1", "+OK Marked to be deleted.", "marked_deleted"),
            (Dele2, "DELE 2", "-ERR Message is deleted.", "message_deleted"),
            (Dele2, "RSET", "+OK", "reset"),
            (Login, "NOOP x", "+OK", "noop"),
            (Login, "TOP 1", "-ERR Noise after message number: ", "invalid_message_number"),
            (Login, "TOP 1 x", "-ERR Invalid size: x", "invalid_line_count"),
            (Login, "TOP 1 -1", "-ERR Invalid size: -1", "invalid_line_count"),
            (Login, "TOP 1 1 1", "-ERR Noise after size:  1", "invalid_line_count"),
            (Login, "TOP 1 99999999999999999999", "-ERR Size too large: 99999999999999999999", "invalid_line_count"),
            (Login, "TOP 9 0", "-ERR There's no message 9.", "no_such_message"),
            (Dele2, "TOP 2 0", "-ERR Message is deleted.", "message_deleted"),
            (Login, "UIDL 2", "+OK 2 000000026553f100", "uidl_line"),
            (Login, "UIDL 4", "-ERR There's no message 4.", "no_such_message"),
            (Dele2, "UIDL 2", "-ERR Message is deleted.", "message_deleted"),
            (Dele2, "STAT", "+OK 2 50344", "status"),
        ],
    );
}

#[test]
fn courier_transaction_commands() {
    check(
        "courier-reference",
        &[
            (Fresh, "STAT", "-ERR Invalid command.", "wrong_state"),
            (Fresh, "LIST", "-ERR Invalid command.", "wrong_state"),
            (Fresh, "RETR 1", "-ERR Invalid command.", "wrong_state"),
            (Fresh, "DELE 1", "-ERR Invalid command.", "wrong_state"),
            (Fresh, "NOOP", "-ERR Invalid command.", "wrong_state"),
            (Fresh, "RSET", "-ERR Invalid command.", "wrong_state"),
            (Fresh, "TOP 1 0", "-ERR Invalid command.", "wrong_state"),
            (Fresh, "UIDL", "-ERR Invalid command.", "wrong_state"),
            (
                Fresh,
                "APOP tester@example.com 0123456789abcdef0123456789abcdef",
                "-ERR Invalid command.",
                "unknown_command",
            ),
            (Fresh, "UTF8", "+OK UTF8 enabled", "utf8_enabled"),
            (Login, "USER tester@example.com", "-ERR Invalid command.", "wrong_state"),
            (Login, "PASS secret", "-ERR Invalid command.", "wrong_state"),
            (Login, "STLS", "-ERR Invalid command.", "wrong_state"),
            // courierpop3d answers UTF8 as courierpop3login does.
            (Login, "UTF8", "+OK UTF8 enabled", "utf8_enabled"),
            (Login, "LAST", "-ERR Invalid command.", "unknown_command"),
            (Login, "stat", "+OK 3 50787", "status"),
            (Login, " stat", "+OK 3 50787", "status"),
            (Login, "LIST\t3", "+OK 3 49983", "scan_line"),
            (Login, "LIST +1", "+OK 1 361", "scan_line"),
            (Login, "LIST 1.0", "+OK 1 361", "scan_line"),
            (Login, "LIST 4294967297", "+OK 1 361", "scan_line"),
            (Login, "LIST 0", "-ERR Invalid message number.", "no_such_message"),
            (Login, "LIST 4", "-ERR Invalid message number.", "no_such_message"),
            (Login, "LIST -1", "-ERR Invalid message number.", "no_such_message"),
            (Login, "LIST x", "-ERR Invalid message number.", "invalid_message_number"),
            (Dele2, "LIST 2", "-ERR Invalid message number.", "message_deleted"),
            (Login, "RETR", "-ERR Invalid message number.", "invalid_message_number"),
            (Dele2, "RETR 2", "-ERR Invalid message number.", "message_deleted"),
            (Login, "DELE 1", "+OK Deleted.", "marked_deleted"),
            (Dele2, "DELE 2", "-ERR Invalid message number.", "message_deleted"),
            (Dele2, "RSET", "+OK Resurrected.", "reset"),
            (Login, "NOOP", "+OK Yup.", "noop"),
            (Login, "TOP 1", "-ERR Invalid command.", "bad_arguments"),
            (Login, "TOP x 1", "-ERR Invalid message number.", "invalid_message_number"),
            (Login, "TOP 4 1", "-ERR Invalid message number.", "no_such_message"),
            (Dele2, "TOP 2 1", "-ERR Invalid message number.", "message_deleted"),
            (Login, "UIDL 3", "+OK 3 UID3-1700000000", "uidl_line"),
            (Dele2, "UIDL 2", "-ERR Invalid message number.", "message_deleted"),
        ],
    );
}

#[test]
fn courier_top_reads_the_line_count_with_atoi() {
    let mut c = client("courier-reference", Login);
    let all = c.wire("RETR 1");
    let minus_one = c.wire("TOP 1 -1");
    let headers = c.wire("TOP 1 abc");
    // -1 as unsigned is "everything"; "abc" is 0 lines: the header and its empty line.
    assert_eq!(
        &minus_one[minus_one.iter().position(|&b| b == b'\n').unwrap()..],
        &all[all.iter().position(|&b| b == b'\n').unwrap()..]
    );
    assert!(headers.ends_with(b"charset=us-ascii\r\n\r\n.\r\n"), "{}", String::from_utf8_lossy(&headers));
}

#[test]
fn dovecot_login_commands() {
    check(
        "dovecot-reference",
        &[
            (Fresh, "USER", "+OK", "user_accepted"),
            (Fresh, "PASS secret", "-ERR No username given.", "pass_without_user"),
            (Fresh, "APOP", "-ERR Invalid parameters.", "apop_malformed"),
            (
                Fresh,
                "APOP tester@example.com 0123456789abcdef0123456789abcdeX",
                "-ERR Invalid characters in MD5 response.",
                "apop_malformed",
            ),
            (
                Fresh,
                "APOP tester@example.com 0123456789abcdef0123456789abcdef",
                "-ERR [AUTH] Authentication failed.",
                "login_failed",
            ),
            (Fresh, "AUTH CRAM-MD5", "-ERR [AUTH] Unsupported authentication mechanism.", "sasl_unknown_mechanism"),
            (Fresh, "AUTH PLAIN =", "-ERR [AUTH] Authentication failed.", "login_failed"),
            (Fresh, "AUTH LOGIN", "+ VXNlcm5hbWU6", "sasl_challenge"),
            (Fresh, "STLS", "+OK Begin TLS negotiation now.", "stls_begin"),
            (Fresh, "UTF8", "-ERR Unknown command.", "unknown_command"),
            (Fresh, " USER x", "-ERR Unknown command.", "unknown_command"),
            (Fresh, "QUIT", "+OK Logging out", "goodbye"),
            (Login, "QUIT", "+OK Logging out.", "logged_out"),
            (Dele2, "QUIT", "+OK Logging out, messages deleted.", "logged_out"),
        ],
    );
}

#[test]
fn courier_login_commands() {
    check(
        "courier-reference",
        &[
            (Fresh, "USER", "-ERR Invalid command.", "unknown_command"),
            (Fresh, "PASS secret", "-ERR USER/PASS required.", "pass_without_user"),
            (Fresh, "AUTH", "-ERR Invalid command.", "unknown_command"),
            (Fresh, "AUTH FOOBAR", "-ERR Authentication failed.", "sasl_unknown_mechanism"),
            (Fresh, "AUTH PLAIN !!!", "-ERR Authentication aborted.", "sasl_bad_base64"),
            (Fresh, "AUTH LOGIN", "+ VXNlcm5hbWU6", "sasl_challenge"),
            (Fresh, " user x", "-ERR Invalid command.", "unknown_command"),
            (Fresh, "user\ttester@example.com", "+OK Password required.", "user_accepted"),
            (Fresh, "STLS", "+OK Begin SSL/TLS negotiation now.", "stls_begin"),
            (Fresh, "QUIT", "+OK Better luck next time.", "goodbye"),
            (Login, "QUIT", "+OK Bye-bye.", "logged_out"),
            (Dele2, "QUIT", "+OK Bye-bye.", "logged_out"),
        ],
    );
}
