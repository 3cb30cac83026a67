//! Arbitrary bytes into a session of every built-in scenario (the troubleshooting library's faults included)
//! and every built-in profile, cut into chunks the input itself chooses, with timers and TLS hand-overs in
//! between: the session must never panic, and its pending output and the events it queues must stay bounded.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pop3_sim::session::MAX_PENDING_OCTETS;
use pop3_sim::{profile, scenario, Event, Server, SessionConfig};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Some((&world, rest)) = rest.split_first() else { return };
    let mut sc = scenario::builtin(scenario::BUILTIN_IDS[world as usize % scenario::BUILTIN_IDS.len()]).unwrap();
    let ids = profile::BUILTIN_IDS;
    sc.profile = scenario::ProfileRef::Builtin(ids[(selector as usize >> 1) % ids.len()].to_string());
    sc.lock_session = Some(selector & 0x40 != 0);
    let mut server = Server::new(&sc).unwrap();
    let mut session = server.connect(SessionConfig { seed: u64::from(selector), ..SessionConfig::default() });
    let mut now = 0u64;
    // Each 0xff byte ends a chunk (a separate read on the wire) and lets the clock move on.
    for chunk in rest.split(|&b| b == 0xff) {
        now += 1_000;
        let mut input = chunk;
        while !input.is_empty() {
            let used = session.receive(input, now, &mut server);
            assert!(used <= input.len());
            input = &input[used..];
            let mut queued = 0usize;
            while let Some(event) = session.poll_event() {
                match event {
                    Event::Reply(r) => {
                        assert!(r.is_consistent());
                        queued += r.bytes.len();
                    }
                    Event::StartTls => session.tls_established(),
                    Event::Pause { .. } | Event::Close { .. } => {}
                }
            }
            // Replies are bounded by the backpressure limit plus one message (the fixtures are < 64 KiB).
            assert!(queued <= MAX_PENDING_OCTETS + 128 * 1024, "{queued}");
        }
        if chunk.len() % 7 == 3 {
            session.handle_timeout(now + 1_000_000, &mut server);
        }
    }
    session.hangup(&mut server);
});
