//! # pop3-tutor-server: pop3-tutor's simulator for real mail clients
//!
//! The browser tutor runs the simulated POP3 server in the page. This binary runs the very same
//! [`pop3_sim`] core behind real sockets, so Thunderbird, fetchmail, curl or Python's `poplib` can talk to
//! a simulated Dovecot or Courier and get the bytes the real server would send.
//!
//! ```text
//! cargo run -p pop3-tutor-server -- pop3 --listen 127.0.0.1:1110 --scenario dovecot-reference
//! curl -s pop3://127.0.0.1:1110/ -u tester@example.com:secret      # LIST
//! curl -s pop3://127.0.0.1:1110/1 -u tester@example.com:secret     # RETR 1
//! ```
//!
//! `pop3` prints one line, `listening on ADDR`, to stdout once it accepts connections (pass port 0 to get a
//! free port), and logs to stderr (`RUST_LOG=debug` for each command's verb and status; `--log-format
//! json`). `--scenario` takes a built-in id (`seed`, `dovecot-reference`, the troubleshooting library such as
//! `drop-during-retr`) or a scenario JSON file, and its faults apply: the network-stage ones (refused, timed
//! out, intercepted, a ban) are acted out per connection for the port named by `--as-port` (default 110);
//! `--profile` swaps in a built-in profile (`courier`, `dovecot`, `exchange`, `gmail`);
//! `--no-delays` skips the simulated pauses (failed-login delay, lock wait). Ctrl-C or SIGTERM stops
//! accepting, closes idle connections, gives busy ones a short grace period and exits 0. `--tls-listen ADDR`
//! adds implicit TLS (a second stdout line, `listening for implicit TLS on ADDR`) and STLS is offered on the
//! plain listener as the profile says, with a certificate made at start for the scenario (its CA written by
//! `--write-ca FILE`, kept across starts with `--ca-key FILE`) or `--cert FILE --key FILE`.
//!
//! `bridge` relays WebSockets from the browser console to real POP3 servers on an allowlist, with TLS done by
//! the bridge (see the `bridge` module for the protocol and the safety rules).
//!
//! `main` only parses the command line and dispatches; each subcommand lives in its own module.

#![forbid(unsafe_code)]

mod accept;
mod bridge;
mod cli;
mod logging;
mod pop3;
mod scenario;
mod shares;
mod shutdown;
mod write_deadline;

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    logging::init(cli.log_format);
    let result = match cli.command {
        cli::Command::Pop3(args) => pop3::main(args),
        cli::Command::Bridge(args) => bridge::main(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
