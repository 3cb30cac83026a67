//! Commands per second through the core, with no I/O: `cargo bench -p pop3-sim`.
//!
//! Each sample runs whole sessions (greeting, USER, PASS, STAT, LIST, UIDL, TOP 1 0, RETR 1, NOOP, QUIT) on
//! the reference maildrop and counts commands; the figure printed is the median of the samples, so a noisy
//! neighbour on a shared machine moves it less.

use std::hint::black_box;
use std::time::{Duration, Instant};

use pop3_sim::{scenario, Event, Server, SessionConfig};

const COMMANDS: &[&[u8]] = &[
    b"USER tester@example.com\r\n",
    b"PASS secret\r\n",
    b"STAT\r\n",
    b"LIST\r\n",
    b"UIDL\r\n",
    b"TOP 1 0\r\n",
    b"RETR 1\r\n",
    b"NOOP\r\n",
    b"QUIT\r\n",
];

fn sample(scenario_id: &str, budget: Duration) -> f64 {
    let mut server = Server::new(&scenario::builtin(scenario_id).unwrap()).unwrap();
    let start = Instant::now();
    let mut commands = 0u64;
    let mut octets = 0usize;
    while start.elapsed() < budget {
        let mut session = server.connect(SessionConfig::default());
        for cmd in COMMANDS {
            session.receive(cmd, 0, &mut server);
            while let Some(e) = session.poll_event() {
                if let Event::Reply(r) = e {
                    octets += r.bytes.len();
                }
            }
            commands += 1;
        }
    }
    black_box(octets);
    commands as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let samples = 7;
    for id in ["dovecot-reference", "courier-reference"] {
        let mut rates: Vec<f64> = (0..samples).map(|_| sample(id, Duration::from_millis(300))).collect();
        rates.sort_by(f64::total_cmp);
        println!(
            "core {id}: {:.0} commands/s (median of {samples}; min {:.0}, max {:.0})",
            rates[samples / 2],
            rates[0],
            rates[samples - 1]
        );
    }
}
