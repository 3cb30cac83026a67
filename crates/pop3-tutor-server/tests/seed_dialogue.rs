//! The help article's dialogue over TCP: the `seed` scenario (Courier at pop.outlook.pl), byte for byte,
//! with the UTF-8 password `moje_hasło` sent as its raw octets.

mod common;

use std::io::Write as _;

use common::{read_lines, read_to_close, Ending, ServerProcess};

#[test]
fn seed_dialogue_matches_the_article_byte_for_byte() {
    let server = ServerProcess::start(&["--scenario", "seed"]);
    let mut stream = server.connect();
    let mut out = Vec::new();
    read_lines(&mut stream, &mut out, 1);
    assert_eq!(out, b"+OK Hello there.\r\n");
    for (line, reply) in [
        ("USER tester@outlook.pl", "+OK Password required.\r\n"),
        ("PASS moje_hasło", "+OK logged in.\r\n"),
        ("STAT", "+OK 2 53235\r\n"),
        ("QUIT", "+OK Bye-bye.\r\n"),
    ] {
        let mut out = Vec::new();
        stream.write_all(format!("{line}\r\n").as_bytes()).unwrap();
        read_lines(&mut stream, &mut out, 1);
        assert_eq!(String::from_utf8_lossy(&out), reply, "after {line:?}");
    }
    let mut rest = Vec::new();
    assert_eq!(read_to_close(&mut stream, &mut rest), Ending::Eof, "the server closes after QUIT");
    assert!(rest.is_empty(), "nothing after the farewell: {:?}", String::from_utf8_lossy(&rest));
}

#[test]
fn stls_is_offered_unless_the_scenario_has_no_stls() {
    let server = ServerProcess::start(&["--scenario", "dovecot-reference"]);
    let mut stream = server.connect();
    common::greeting(&mut stream);
    let capa = common::capa(&mut stream);
    assert!(capa.starts_with("+OK\r\nCAPA\r\n") && capa.contains("\r\nSTLS\r\n"), "{capa}");

    let mut scenario = pop3_sim::scenario::builtin("dovecot-reference").unwrap();
    scenario.faults = vec![pop3_sim::scenario::Fault::NoStls];
    let server = ServerProcess::with_scenario(&scenario, &[]);
    let mut stream = server.connect();
    common::greeting(&mut stream);
    let capa = common::capa(&mut stream);
    assert!(capa.starts_with("+OK\r\nCAPA\r\n") && !capa.contains("STLS"), "{capa}");
    assert_eq!(common::command(&mut stream, b"STLS"), b"-ERR TLS support isn't enabled.\r\n");
}
