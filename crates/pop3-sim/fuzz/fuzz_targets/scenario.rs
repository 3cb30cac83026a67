//! Arbitrary bytes as a scenario file: reading (and writing back what was read) must never panic, and what
//! was read must read back the same.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pop3_sim::{Scenario, Server};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(scenario) = Scenario::from_json(text) else { return };
    assert_eq!(Scenario::from_json(&scenario.to_json_compact()).as_ref(), Ok(&scenario));
    let _ = Server::new(&scenario);
});
