//! Byte-exact tables per command, for both recorded servers and both states: every verb, the odd line forms
//! (empty, leading space, leading tab) and every width and form of message number, with the exact octets of the
//! reply, CRLFs included.
//!
//! Where the recordings hold no case, the rows follow the servers' sources (cited in the profiles and in
//! `number.rs`): Dovecot's `pop3-login` `client.c` and `pop3` `pop3-client.c`/`pop3-commands.c` with
//! `lib/strnum.c`; Courier's `pop3login.c` and `pop3dserver.c`. Each row runs on a fresh connection against the
//! reference maildrop (3 messages of 361, 443 and 49983 octets).

mod common;

use common::Client;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Setup {
    /// AUTHORIZATION, just after the greeting.
    Fresh,
    /// TRANSACTION, logged in as tester.
    Login,
}
use Setup::*;

/// What a row expects: the exact reply, or (for a message body) the exact first line of a reply that ends with
/// the multi-line terminator.
#[derive(Clone, Copy, Debug)]
enum Want {
    Exact(&'static str),
    Body(&'static str),
}
use Want::*;

fn reply_to(scenario: &str, setup: Setup, line: &str) -> Vec<u8> {
    let mut c = Client::new(scenario);
    if setup == Login {
        c.login("tester@example.com", "secret");
    }
    c.wire(line)
}

/// Runs every row on its own connection and reports all the rows that differ.
fn check<L: AsRef<str>>(scenario: &str, rows: &[(Setup, L, Want)]) {
    let mut failures = vec![];
    for (setup, line, want) in rows {
        let line = line.as_ref();
        let got = reply_to(scenario, *setup, line);
        let ok = match want {
            Exact(bytes) => got == bytes.as_bytes(),
            Body(first) => got.starts_with(first.as_bytes()) && got.ends_with(b"\r\n.\r\n"),
        };
        if !ok {
            failures.push(format!("{setup:?} {line:?}: got {:?}, want {want:?}", String::from_utf8_lossy(&got)));
        }
    }
    assert!(failures.is_empty(), "{scenario}:\n{}", failures.join("\n"));
}

const DOVECOT_CAPA_BEFORE: &str =
    "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nSTLS\r\nUSER\r\n\
                                   SASL PLAIN LOGIN\r\n.\r\n";
const DOVECOT_CAPA_AFTER: &str = "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\n.\r\n";
const COURIER_CAPA: &str = "+OK Here's what I can do:\r\nSASL PLAIN LOGIN\r\nSTLS\r\nTOP\r\nUSER\r\nLOGIN-DELAY 10\r\n\
                            PIPELINING\r\nUIDL\r\nUTF8 USER\r\nIMPLEMENTATION Courier Mail Server\r\n.\r\n";

#[test]
fn dovecot_every_verb_in_both_states() {
    check(
        "dovecot-reference",
        &[
            // pop3-login: its own commands; anything else is "-ERR Unknown command." (client_command_execute).
            (Fresh, "USER tester@example.com", Exact("+OK\r\n")),
            (Fresh, "PASS secret", Exact("-ERR No username given.\r\n")),
            (Fresh, "APOP tester@example.com", Exact("-ERR Invalid parameters.\r\n")),
            (Fresh, "AUTH", Exact("+OK\r\nPLAIN\r\nLOGIN\r\n.\r\n")),
            (Fresh, "AUTH PLAIN", Exact("+ \r\n")),
            (Fresh, "STLS", Exact("+OK Begin TLS negotiation now.\r\n")),
            (Fresh, "CAPA", Exact(DOVECOT_CAPA_BEFORE)),
            (Fresh, "UTF8", Exact("-ERR Unknown command.\r\n")),
            (Fresh, "STAT", Exact("-ERR Unknown command.\r\n")),
            (Fresh, "LIST", Exact("-ERR Unknown command.\r\n")),
            (Fresh, "RETR 1", Exact("-ERR Unknown command.\r\n")),
            (Fresh, "DELE 1", Exact("-ERR Unknown command.\r\n")),
            (Fresh, "NOOP", Exact("-ERR Unknown command.\r\n")),
            (Fresh, "RSET", Exact("-ERR Unknown command.\r\n")),
            (Fresh, "TOP 1 0", Exact("-ERR Unknown command.\r\n")),
            (Fresh, "UIDL", Exact("-ERR Unknown command.\r\n")),
            (Fresh, "LAST", Exact("-ERR Unknown command.\r\n")),
            (Fresh, "QUIT", Exact("+OK Logging out\r\n")),
            // pop3: its own commands; anything else is "-ERR Unknown command: " and the verb upper-cased.
            (Login, "USER tester@example.com", Exact("-ERR Unknown command: USER\r\n")),
            (Login, "PASS secret", Exact("-ERR Unknown command: PASS\r\n")),
            (Login, "APOP tester@example.com", Exact("-ERR Unknown command: APOP\r\n")),
            (Login, "AUTH", Exact("-ERR Unknown command: AUTH\r\n")),
            (Login, "AUTH PLAIN", Exact("-ERR Unknown command: AUTH\r\n")),
            (Login, "STLS", Exact("-ERR Unknown command: STLS\r\n")),
            (Login, "CAPA", Exact(DOVECOT_CAPA_AFTER)),
            (Login, "utf8", Exact("-ERR Unknown command: UTF8\r\n")),
            (Login, "STAT", Exact("+OK 3 50787\r\n")),
            (Login, "LIST", Exact("+OK 3 messages:\r\n1 361\r\n2 443\r\n3 49983\r\n.\r\n")),
            (Login, "RETR 1", Body("+OK 361 octets\r\nReturn-Path: <alice@example.com>\r\n")),
            (Login, "DELE 1", Exact("+OK Marked to be deleted.\r\n")),
            (Login, "NOOP", Exact("+OK\r\n")),
            (Login, "RSET", Exact("+OK\r\n")),
            (Login, "TOP 1 0", Body("+OK\r\nReturn-Path: <alice@example.com>\r\n")),
            (Login, "UIDL", Exact("+OK\r\n1 000000016553f100\r\n2 000000026553f100\r\n3 000000036553f100\r\n.\r\n")),
            (Login, "LAST", Exact("-ERR Unknown command: LAST\r\n")),
            (Login, "QUIT", Exact("+OK Logging out.\r\n")),
        ],
    );
}

#[test]
fn courier_every_verb_in_both_states() {
    check(
        "courier-reference",
        &[
            // courierpop3login: QUIT, UTF8, USER, CAPA, STLS, AUTH, PASS; anything else "-ERR Invalid command.".
            (Fresh, "USER tester@example.com", Exact("+OK Password required.\r\n")),
            (Fresh, "PASS secret", Exact("-ERR USER/PASS required.\r\n")),
            (Fresh, "APOP tester@example.com 0123456789abcdef0123456789abcdef", Exact("-ERR Invalid command.\r\n")),
            (Fresh, "AUTH", Exact("-ERR Invalid command.\r\n")),
            (Fresh, "AUTH PLAIN", Exact("+ \r\n")),
            (Fresh, "STLS", Exact("+OK Begin SSL/TLS negotiation now.\r\n")),
            (Fresh, "CAPA", Exact(COURIER_CAPA)),
            (Fresh, "UTF8", Exact("+OK UTF8 enabled\r\n")),
            (Fresh, "STAT", Exact("-ERR Invalid command.\r\n")),
            (Fresh, "LIST", Exact("-ERR Invalid command.\r\n")),
            (Fresh, "RETR 1", Exact("-ERR Invalid command.\r\n")),
            (Fresh, "DELE 1", Exact("-ERR Invalid command.\r\n")),
            (Fresh, "NOOP", Exact("-ERR Invalid command.\r\n")),
            (Fresh, "RSET", Exact("-ERR Invalid command.\r\n")),
            (Fresh, "TOP 1 0", Exact("-ERR Invalid command.\r\n")),
            (Fresh, "UIDL", Exact("-ERR Invalid command.\r\n")),
            (Fresh, "LAST", Exact("-ERR Invalid command.\r\n")),
            (Fresh, "QUIT", Exact("+OK Better luck next time.\r\n")),
            // courierpop3d's loop(): of the login commands, QUIT, CAPA and UTF8 are answered as before login.
            (Login, "USER tester@example.com", Exact("-ERR Invalid command.\r\n")),
            (Login, "PASS secret", Exact("-ERR Invalid command.\r\n")),
            (Login, "APOP tester@example.com 0123456789abcdef0123456789abcdef", Exact("-ERR Invalid command.\r\n")),
            (Login, "AUTH", Exact("-ERR Invalid command.\r\n")),
            (Login, "AUTH PLAIN", Exact("-ERR Invalid command.\r\n")),
            (Login, "STLS", Exact("-ERR Invalid command.\r\n")),
            (Login, "CAPA", Exact(COURIER_CAPA)),
            (Login, "UTF8", Exact("+OK UTF8 enabled\r\n")),
            (Login, "utf8", Exact("+OK UTF8 enabled\r\n")),
            (Login, "STAT", Exact("+OK 3 50787\r\n")),
            (
                Login,
                "LIST",
                Exact("+OK POP3 clients that break here, they violate STD53.\r\n1 361\r\n2 443\r\n3 49983\r\n.\r\n"),
            ),
            (Login, "RETR 1", Body("+OK 361 octets follow.\r\nReturn-Path: <alice@example.com>\r\n")),
            (Login, "DELE 1", Exact("+OK Deleted.\r\n")),
            (Login, "NOOP", Exact("+OK Yup.\r\n")),
            (Login, "RSET", Exact("+OK Resurrected.\r\n")),
            (Login, "TOP 1 0", Body("+OK headers follow.\r\nReturn-Path: <alice@example.com>\r\n")),
            (Login, "UIDL", Exact("+OK\r\n1 UID1-1700000000\r\n2 UID2-1700000000\r\n3 UID3-1700000000\r\n.\r\n")),
            (Login, "LAST", Exact("-ERR Invalid command.\r\n")),
            (Login, "QUIT", Exact("+OK Bye-bye.\r\n")),
        ],
    );
}

#[test]
fn dovecot_lines_with_an_empty_verb() {
    // pop3-login cuts the name at the first space, CR or LF; pop3 at the first space. A tab is part of the
    // name in both, so only a leading space (or nothing at all) leaves the verb empty. Before login every
    // unknown name gets the same words; after login the name is echoed, upper-cased, even when empty.
    check(
        "dovecot-reference",
        &[
            (Fresh, "", Exact("-ERR Unknown command.\r\n")),
            (Fresh, " ", Exact("-ERR Unknown command.\r\n")),
            (Fresh, "\t", Exact("-ERR Unknown command.\r\n")),
            (Fresh, " USER tester@example.com", Exact("-ERR Unknown command.\r\n")),
            (Fresh, "\tUSER tester@example.com", Exact("-ERR Unknown command.\r\n")),
            (Fresh, " QUIT", Exact("-ERR Unknown command.\r\n")),
            (Login, "", Exact("-ERR Unknown command: \r\n")),
            (Login, " ", Exact("-ERR Unknown command: \r\n")),
            (Login, "  ", Exact("-ERR Unknown command: \r\n")),
            (Login, " STAT", Exact("-ERR Unknown command: \r\n")),
            (Login, " \tSTAT", Exact("-ERR Unknown command: \r\n")),
            (Login, " LIST 1", Exact("-ERR Unknown command: \r\n")),
            (Login, "\t", Exact("-ERR Unknown command: \t\r\n")),
            (Login, "\tSTAT", Exact("-ERR Unknown command: \tSTAT\r\n")),
            (Login, "\tstat", Exact("-ERR Unknown command: \tSTAT\r\n")),
            (Login, "\t LIST 1", Exact("-ERR Unknown command: \t\r\n")),
            (Login, "STAT\t", Exact("-ERR Unknown command: STAT\t\r\n")),
            (Login, " QUIT", Exact("-ERR Unknown command: \r\n")),
        ],
    );
}

#[test]
fn courier_lines_with_an_empty_verb() {
    // Both processes cut words at spaces, tabs and CRs (strtok " \t\r"); a line of only those has no verb.
    // courierpop3login upper-cases only up to the first space or tab, so a leading blank hides a lower-case
    // verb; courierpop3d upper-cases the whole first word.
    check(
        "courier-reference",
        &[
            (Fresh, "", Exact("-ERR Invalid command.\r\n")),
            (Fresh, " ", Exact("-ERR Invalid command.\r\n")),
            (Fresh, "\t", Exact("-ERR Invalid command.\r\n")),
            (Fresh, " USER tester@example.com", Exact("+OK Password required.\r\n")),
            (Fresh, "\tUSER tester@example.com", Exact("+OK Password required.\r\n")),
            (Fresh, " user tester@example.com", Exact("-ERR Invalid command.\r\n")),
            (Fresh, "\tquit", Exact("-ERR Invalid command.\r\n")),
            (Fresh, " QUIT", Exact("+OK Better luck next time.\r\n")),
            (Login, "", Exact("-ERR Invalid command.\r\n")),
            (Login, " ", Exact("-ERR Invalid command.\r\n")),
            (Login, " \t ", Exact("-ERR Invalid command.\r\n")),
            (Login, " STAT", Exact("+OK 3 50787\r\n")),
            (Login, "\tstat", Exact("+OK 3 50787\r\n")),
            (Login, " \tLIST 1", Exact("+OK 1 361\r\n")),
            (Login, " UTF8", Exact("+OK UTF8 enabled\r\n")),
            (Login, "\tquit", Exact("+OK Bye-bye.\r\n")),
        ],
    );
}

/// The message-number forms every numbered command is tried with.
const NUMBERS: [&str; 16] = [
    "0",
    "1",
    "0001",
    "4294967295",
    "4294967296",
    "4294967297",
    "0004294967296",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999",
    "+1",
    "-1",
    "1x",
    "4294967296x",
    "18446744073709551616x",
];

/// The reply to `verb n` for a number that names message 1, per verb.
fn success(verb: &str, dovecot: bool) -> Want {
    match (verb, dovecot) {
        ("LIST", true) => Exact("+OK 1 361\r\n"),
        ("LIST", false) => Exact("+OK 1 361\r\n"),
        ("UIDL", true) => Exact("+OK 1 000000016553f100\r\n"),
        ("UIDL", false) => Exact("+OK 1 UID1-1700000000\r\n"),
        ("DELE", true) => Exact("+OK Marked to be deleted.\r\n"),
        ("DELE", false) => Exact("+OK Deleted.\r\n"),
        ("RETR", true) => Body("+OK 361 octets\r\n"),
        ("RETR", false) => Body("+OK 361 octets follow.\r\n"),
        _ => unreachable!("{verb}"),
    }
}

/// Dovecot's `get_msgnum` for each form: Invalid unless it starts with a digit; "too large" echoing what
/// follows the digits when they fit 64 bits but not 32, the whole argument when they do not fit 64; then noise.
fn dovecot_number(n: &str) -> Option<&'static str> {
    Some(match n {
        "1" | "0001" => return None,
        "0" => "-ERR There's no message 0.\r\n",
        "4294967295" => "-ERR There's no message 4294967295.\r\n",
        "4294967296" | "4294967297" | "0004294967296" | "9223372036854775808" | "18446744073709551615" => {
            "-ERR Message number too large: \r\n"
        }
        "18446744073709551616" => "-ERR Message number too large: 18446744073709551616\r\n",
        "99999999999999999999" => "-ERR Message number too large: 99999999999999999999\r\n",
        "+1" => "-ERR Invalid message number: +1\r\n",
        "-1" => "-ERR Invalid message number: -1\r\n",
        "1x" => "-ERR Noise after message number: x\r\n",
        "4294967296x" => "-ERR Message number too large: x\r\n",
        "18446744073709551616x" => "-ERR Message number too large: 18446744073709551616x\r\n",
        _ => unreachable!("{n}"),
    })
}

/// Courier's `getmsgnum`: `atoi` into an unsigned int (a value past `long` saturates, then keeps its low 32
/// bits), refused unless it is 1 to 3.
fn courier_number(n: &str) -> Option<&'static str> {
    match n {
        "1" | "0001" | "4294967297" | "+1" | "1x" => None,
        _ => Some("-ERR Invalid message number.\r\n"),
    }
}

fn numbered_rows(dovecot: bool) -> Vec<(Setup, String, Want)> {
    let mut rows = vec![];
    for verb in ["LIST", "UIDL", "DELE", "RETR"] {
        for n in NUMBERS {
            let refusal = if dovecot { dovecot_number(n) } else { courier_number(n) };
            rows.push((Login, format!("{verb} {n}"), refusal.map_or_else(|| success(verb, dovecot), Exact)));
        }
    }
    rows
}

#[test]
fn dovecot_message_numbers_of_every_width_and_form() {
    check("dovecot-reference", &numbered_rows(true));
}

#[test]
fn courier_message_numbers_of_every_width_and_form() {
    check("courier-reference", &numbered_rows(false));
}

#[test]
fn dovecot_top_numbers_and_line_counts() {
    // TOP's message number must be followed by a space, and the echo of a refused one runs to the end of the
    // line. The line count is a 64-bit uoff_t: any 64-bit value is a count, only a longer one is "too large",
    // echoed whole.
    check(
        "dovecot-reference",
        &[
            (Login, "TOP 1 0", Body("+OK\r\n")),
            (Login, "TOP 0001 0", Body("+OK\r\n")),
            (Login, "TOP 0 0", Exact("-ERR There's no message 0.\r\n")),
            (Login, "TOP 4294967295 0", Exact("-ERR There's no message 4294967295.\r\n")),
            (Login, "TOP 4294967296 0", Exact("-ERR Message number too large:  0\r\n")),
            (Login, "TOP 9223372036854775808 0", Exact("-ERR Message number too large:  0\r\n")),
            (Login, "TOP 18446744073709551616 0", Exact("-ERR Message number too large: 18446744073709551616 0\r\n")),
            (Login, "TOP 99999999999999999999 0", Exact("-ERR Message number too large: 99999999999999999999 0\r\n")),
            (Login, "TOP +1 0", Exact("-ERR Invalid message number: +1 0\r\n")),
            (Login, "TOP -1 0", Exact("-ERR Invalid message number: -1 0\r\n")),
            (Login, "TOP 1x 0", Exact("-ERR Noise after message number: x 0\r\n")),
            (Login, "TOP 1", Exact("-ERR Noise after message number: \r\n")),
            (Login, "TOP 1 4294967296", Body("+OK\r\n")),
            (Login, "TOP 1 18446744073709551615", Body("+OK\r\n")),
            (Login, "TOP 1 18446744073709551616", Exact("-ERR Size too large: 18446744073709551616\r\n")),
            (Login, "TOP 1 99999999999999999999", Exact("-ERR Size too large: 99999999999999999999\r\n")),
            (Login, "TOP 1 +1", Exact("-ERR Invalid size: +1\r\n")),
            (Login, "TOP 1 -1", Exact("-ERR Invalid size: -1\r\n")),
            (Login, "TOP 1 1x", Exact("-ERR Noise after size: x\r\n")),
        ],
    );
}

#[test]
fn courier_top_numbers_and_line_counts() {
    check(
        "courier-reference",
        &[
            (Login, "TOP 1 0", Body("+OK headers follow.\r\n")),
            (Login, "TOP 0001 0", Body("+OK headers follow.\r\n")),
            (Login, "TOP +1 0", Body("+OK headers follow.\r\n")),
            (Login, "TOP 4294967297 0", Body("+OK headers follow.\r\n")),
            (Login, "TOP 0 0", Exact("-ERR Invalid message number.\r\n")),
            (Login, "TOP 4294967296 0", Exact("-ERR Invalid message number.\r\n")),
            (Login, "TOP 18446744073709551616 0", Exact("-ERR Invalid message number.\r\n")),
            (Login, "TOP -1 0", Exact("-ERR Invalid message number.\r\n")),
            (Login, "TOP 1", Exact("-ERR Invalid command.\r\n")),
            (Login, "TOP 1 99999999999999999999", Body("+OK headers follow.\r\n")),
            (Login, "TOP 1 x", Body("+OK headers follow.\r\n")),
        ],
    );
}
