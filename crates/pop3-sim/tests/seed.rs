//! The help article's dialogue (`../shared/seed-notes.md`) under the Courier profile, byte for byte.

mod common;

use common::Client;
use pop3_sim::{Meaning, SessionState};

#[test]
fn the_seed_dialogue_byte_for_byte() {
    let mut c = Client::new("seed");
    assert_eq!(c.greeting.bytes, b"+OK Hello there.\r\n");
    assert_eq!(c.wire("USER tester@outlook.pl"), b"+OK Password required.\r\n");
    assert_eq!(c.wire("PASS moje_hasło"), b"+OK logged in.\r\n");
    assert_eq!(c.session.state(), SessionState::Transaction);
    let stat = c.send("STAT");
    assert_eq!(stat[0].bytes, b"+OK 2 53235\r\n");
    assert_eq!(stat[0].explanation.meaning, Meaning::Status { messages: 2, octets: 53_235 });
    assert_eq!(c.wire("QUIT"), b"+OK Bye-bye.\r\n");
    assert_eq!(c.closed, Some(false));
    assert_eq!(c.session.state(), SessionState::Update);
}

#[test]
fn the_seed_password_is_utf8_and_a_latin2_spelling_fails() {
    let mut c = Client::new("seed");
    c.send("USER tester@outlook.pl");
    // "moje_hasło" typed on a terminal set to ISO-8859-2: ł is 0xB3, not UTF-8.
    let replies = c.send_bytes(b"PASS moje_has\xb3o\r\n");
    assert_eq!(replies[0].bytes, b"-ERR Login failed.\r\n");
    assert_eq!(c.pauses, vec![5_000]);
    // Courier keeps the USER: the right password now logs in.
    assert_eq!(c.wire("PASS moje_hasło"), b"+OK logged in.\r\n");
}

#[test]
fn the_seed_messages_sum_to_the_articles_total() {
    let mut c = Client::new("seed");
    c.login("tester@outlook.pl", "moje_hasło");
    let list = c.wire("LIST");
    let text = String::from_utf8(list).unwrap();
    let sizes: Vec<u64> =
        text.lines().skip(1).take_while(|l| *l != ".").map(|l| l.split(' ').nth(1).unwrap().parse().unwrap()).collect();
    assert_eq!(sizes.len(), 2);
    assert_eq!(sizes.iter().sum::<u64>(), 53_235);
    // Each RETR announces the octets it then sends (un-stuffed, without the terminator).
    for (n, size) in sizes.iter().enumerate() {
        let wire = c.wire(&format!("RETR {}", n + 1));
        let body_start = wire.windows(2).position(|w| w == b"\r\n").unwrap() + 2;
        let body = &wire[body_start..wire.len() - 3];
        assert_eq!(body.len() as u64, *size, "message {}", n + 1);
    }
}
