//! Arbitrary bytes from a (hostile) real server into the reply reader of the tutor's real-server mode, with
//! command lines interleaved: it must never panic, and the replies it returns must hold exactly the bytes it
//! was given, in order.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pop3_sim::client::ReplyReader;

fuzz_target!(|data: &[u8]| {
    let mut reader = ReplyReader::new();
    let mut given = Vec::new();
    let mut got = Vec::new();
    // A 0xff byte ends a chunk of server bytes; a chunk starting with 0xfe is a command line instead.
    for chunk in data.split(|&b| b == 0xff) {
        match chunk.split_first() {
            Some((0xfe, line)) => reader.sent(line),
            _ => {
                given.extend_from_slice(chunk);
                got.extend(reader.receive(chunk).into_iter().flat_map(|r| r.bytes));
            }
        }
    }
    assert!(given.starts_with(&got));
});
