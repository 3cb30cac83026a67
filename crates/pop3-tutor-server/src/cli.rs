//! The command line: one subcommand per way of serving the simulator.
//!
//! Kept apart from `main` so each subcommand's options are declared (and documented in `--help`) in one
//! place, and so a sibling subcommand (the WebSocket bridge) is one more enum variant. The option names are
//! a contract: scripts and the tests call `pop3 --listen … --profile … --scenario …`.

use std::net::SocketAddr;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// pop3-tutor's native server: the POP3 simulator over real sockets.
#[derive(Debug, Parser)]
#[command(name = "pop3-tutor-server", version, about)]
pub struct Cli {
    /// How log lines (on stderr) look. The level comes from RUST_LOG (default: info).
    #[arg(long, value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
    #[command(subcommand)]
    pub command: Command,
}

/// Log line format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// What to serve.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the simulated POP3 server over plain TCP (no TLS: STLS is not offered).
    Pop3(Pop3Args),
}

/// Options of `pop3`.
#[derive(Debug, Args)]
pub struct Pop3Args {
    /// Address to listen on (port 0: any free port; the chosen one is printed).
    #[arg(long, default_value = "127.0.0.1:1110")]
    pub listen: SocketAddr,
    /// A built-in profile id (courier, dovecot, exchange, gmail) replacing the scenario's profile.
    #[arg(long)]
    pub profile: Option<String>,
    /// A built-in scenario id (seed, dovecot-reference, connection-refused, drop-during-retr, …) or a path to a
    /// scenario JSON file. Its faults apply; network ones (refused, timed_out, intercepted, a too_many_failures
    /// ban) as closely as a listening server can (see --as-port); name_not_found cannot be shown and is ignored.
    #[arg(long, default_value = "seed")]
    pub scenario: String,
    /// The server port this listener stands for in the scenario, whatever port --listen uses: a network fault
    /// with a `port` applies only when it is this one. Default 110 (plain POP3), so `--listen 127.0.0.1:11110`
    /// shows a fault for port 110; pass 995 to show the faults of port 995 instead.
    #[arg(long, default_value_t = 110, value_parser = clap::value_parser!(u16).range(1..))]
    pub as_port: u16,
    /// Skip the simulated pauses (failed-login delay, lock wait) instead of sleeping through them.
    #[arg(long)]
    pub no_delays: bool,
    /// At most this many connections at once; further clients wait to be accepted.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    /// Length of the kernel's queue of connections not yet accepted (capped by net.core.somaxconn).
    #[arg(long, default_value_t = 1024)]
    pub backlog: u32,
    /// On Ctrl-C/SIGTERM, how long busy connections may take to finish before they are cut (milliseconds).
    #[arg(long, default_value_t = 5_000)]
    pub shutdown_grace_ms: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn pop3_options_parse() {
        let cli = Cli::try_parse_from([
            "pop3-tutor-server",
            "pop3",
            "--listen",
            "127.0.0.1:0",
            "--profile",
            "dovecot",
            "--scenario",
            "x.json",
            "--no-delays",
        ])
        .unwrap();
        let Command::Pop3(args) = cli.command;
        assert_eq!(args.listen.port(), 0);
        assert_eq!(args.profile.as_deref(), Some("dovecot"));
        assert_eq!(args.scenario, "x.json");
        assert!(args.no_delays);
        assert_eq!(args.as_port, 110);
        assert_eq!(args.max_connections, 10_000);
        assert!(Cli::try_parse_from(["pop3-tutor-server", "pop3", "--max-connections", "0"]).is_err());
        let Command::Pop3(args) =
            Cli::try_parse_from(["pop3-tutor-server", "pop3", "--as-port", "995"]).unwrap().command;
        assert_eq!(args.as_port, 995);
        assert!(Cli::try_parse_from(["pop3-tutor-server", "pop3", "--as-port", "0"]).is_err());
    }
}
