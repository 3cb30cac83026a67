//! The reply reader against the simulator as oracle: every profile's replies to a long dialogue, sent as one
//! stream cut at arbitrary points, come out as the same replies (same octets, status and code), with the
//! numbers of STAT, LIST and RETR read back.

mod common;

use common::Client;
use pop3_sim::client::ReplyReader;
use pop3_sim::{profile, scenario, Meaning, Reply};
use proptest::prelude::*;

const DIALOGUE: [&str; 16] = [
    "CAPA",
    "USER tester@example.com",
    "PASS wrong",
    "USER tester@example.com",
    "PASS secret",
    "STAT",
    "LIST",
    "LIST 2",
    "UIDL",
    "UIDL 1",
    "RETR 3",
    "TOP 1 2",
    "RETR 9",
    "DELE 1",
    "NOOP",
    "QUIT",
];

/// What the simulator sends for the dialogue, reply by reply, in `profile`.
fn oracle(profile: &str) -> Vec<Reply> {
    let mut s = scenario::builtin("dovecot-reference").unwrap();
    s.profile = scenario::ProfileRef::Builtin(profile.into());
    let mut c = Client::with_scenario(&s);
    let mut replies = vec![c.greeting.clone()];
    for line in DIALOGUE {
        replies.extend(c.send(line));
    }
    replies
}

fn read(stream: &[u8], cuts: &[usize]) -> Vec<Reply> {
    let mut reader = ReplyReader::new();
    for line in DIALOGUE {
        reader.sent(line.as_bytes());
    }
    let mut out = Vec::new();
    let mut at = 0;
    for &cut in cuts.iter().chain(std::iter::once(&stream.len())) {
        let cut = cut.clamp(at, stream.len());
        out.extend(reader.receive(&stream[at..cut]));
        at = cut;
    }
    out
}

#[test]
fn every_profile_reads_back_reply_by_reply() {
    for id in profile::BUILTIN_IDS {
        let expected = oracle(id);
        let stream: Vec<u8> = expected.iter().flat_map(|r| r.bytes.clone()).collect();
        let got = read(&stream, &[]);
        assert_eq!(got.len(), expected.len(), "{id}");
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!(g.bytes, e.bytes, "{id}");
            assert_eq!(
                (g.explanation.status, &g.explanation.code),
                (e.explanation.status, &e.explanation.code),
                "{id}"
            );
            // Where the wire carries the numbers, they are read back as the simulator meant them.
            if matches!(e.explanation.meaning, Meaning::Status { .. } | Meaning::ScanListing { .. }) {
                assert_eq!(g.explanation.meaning, e.explanation.meaning, "{id}");
            }
        }
    }
}

proptest! {
    #[test]
    fn cutting_the_stream_anywhere_changes_nothing(cuts in proptest::collection::vec(0usize..60_000, 0..12)) {
        let expected = oracle("dovecot");
        let stream: Vec<u8> = expected.iter().flat_map(|r| r.bytes.clone()).collect();
        let mut cuts = cuts;
        cuts.sort_unstable();
        let got = read(&stream, &cuts);
        prop_assert_eq!(got.iter().map(|r| r.bytes.clone()).collect::<Vec<_>>(), expected.iter().map(|r| r.bytes.clone()).collect::<Vec<_>>());
    }
}
