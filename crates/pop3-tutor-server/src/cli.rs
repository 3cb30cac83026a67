//! The command line: one subcommand per way of serving the simulator.
//!
//! Kept apart from `main` so each subcommand's options are declared (and documented in `--help`) in one
//! place, and so a sibling subcommand (the WebSocket bridge) is one more enum variant. The option names are
//! a contract: scripts and the tests call `pop3 --listen … --profile … --scenario …`.

use std::net::SocketAddr;
use std::path::PathBuf;

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
    /// Serve the simulated POP3 server over TCP: plain with STLS, and implicit TLS with --tls-listen.
    Pop3(Pop3Args),
    /// Relay WebSockets from the browser console to real POP3 servers on an allowlist (and optionally serve
    /// the built app).
    Bridge(BridgeArgs),
}

/// Options of `pop3`.
#[derive(Debug, Args)]
pub struct Pop3Args {
    /// Address to listen on (port 0: any free port; the chosen one is printed).
    #[arg(long, default_value = "127.0.0.1:1110")]
    pub listen: SocketAddr,
    /// Also listen for implicit TLS here (POP3S, port 995's way: TLS from the first byte). This listener
    /// stands for scenario port 995 (its network faults), and shares the connection limits with --listen.
    #[arg(long, value_name = "ADDR")]
    pub tls_listen: Option<SocketAddr>,
    /// The server's certificate chain (PEM), for STLS and --tls-listen. Without it, a CA and a certificate
    /// for the scenario's host names, localhost and the listening addresses are made at start (with the
    /// scenario's certificate fault, if any).
    #[arg(long, value_name = "FILE", requires = "key")]
    pub cert: Option<PathBuf>,
    /// The private key of --cert (PEM: PKCS#8, PKCS#1 or SEC1).
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub key: Option<PathBuf>,
    /// Write the CA certificate made at start (PEM) to this file, for a client to trust. The CA is new at
    /// every start, unless --ca-key keeps it.
    #[arg(long, value_name = "FILE", conflicts_with = "cert")]
    pub write_ca: Option<PathBuf>,
    /// Keep the CA's private key in this file (made, readable by the owner only, if absent; reused if
    /// present), so that the CA stays the same across starts and a client that trusts it keeps trusting the
    /// server when the scenario changes. Whoever can read the file can impersonate any server to that client.
    #[arg(long, value_name = "FILE", conflicts_with = "cert")]
    pub ca_key: Option<PathBuf>,
    /// A TLS handshake (implicit, or after STLS) not finished within this many seconds is dropped.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub tls_handshake_timeout_secs: u64,
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
    /// At most this many connections at once from one client address (IPv6: one /64; one /48 gets four times
    /// this). A further one is told
    /// `-ERR [SYS/TEMP] Too many connections from your address, try again later` and closed.
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections_per_address: u32,
    /// A client that takes none of a reply for this many seconds (it stopped reading) is cut, and the output
    /// queued for it dropped (an RST).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub write_timeout_secs: u64,
    /// Length of the kernel's queue of connections not yet accepted (capped by net.core.somaxconn).
    #[arg(long, default_value_t = 1024)]
    pub backlog: u32,
    /// On Ctrl-C/SIGTERM, how long busy connections may take to finish before they are cut (milliseconds).
    #[arg(long, default_value_t = 5_000)]
    pub shutdown_grace_ms: u64,
}

/// Options of `bridge`. Limits and their defaults are documented in `bridge::Limits`.
#[derive(Debug, Args)]
pub struct BridgeArgs {
    /// Address to listen on for HTTP and WebSocket (port 0: any free port; the chosen one is printed).
    #[arg(long, default_value = "127.0.0.1:8110")]
    pub listen: SocketAddr,
    /// A target the bridge may connect to: HOST:PORT, with a host name or an IP address (`[::1]:995` for IPv6).
    /// Loopback, private, link-local and other special addresses are reached only when allowlisted by address,
    /// never through a name. Repeatable; nothing is allowed without --allow or --allow-file.
    #[arg(long = "allow", value_name = "HOST:PORT")]
    pub allow: Vec<String>,
    /// A file of allowlist entries, one HOST:PORT per line (`#` starts a comment).
    #[arg(long, value_name = "FILE")]
    pub allow_file: Option<PathBuf>,
    /// Serve the built app (trunk's dist/) from this directory: files only, no directory listings.
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
    /// A web origin whose pages may open the bridge (`scheme://host[:port]`); `*` allows any. Repeatable. Without
    /// it, only pages from the bridge's own origin may (requests without an Origin header are not from a browser
    /// page and are not restricted by it).
    #[arg(long = "origin", value_name = "ORIGIN")]
    pub origins: Vec<String>,
    /// A host name the bridge and its static files answer to, besides IP addresses and `localhost` (against
    /// DNS rebinding: a request whose `Host` is another name gets 421 Misdirected Request). `.NAME` also admits
    /// every name under NAME. Repeatable. Give the name a class uses to reach the bridge (the machine's name
    /// with `--listen 0.0.0.0:8110`, the public name behind a reverse proxy). With --origin and no
    /// --public-host, `Host` is not checked (--origin already names the pages that may use the bridge).
    #[arg(long = "public-host", value_name = "NAME")]
    pub public_hosts: Vec<String>,
    /// A reverse proxy (an address, or a range such as 10.0.0.0/8) whose `X-Forwarded-For` names the client:
    /// for connections from it, the rightmost address in that header that is not itself a trusted proxy is the
    /// client's, for the per-address limit and the logs. Repeatable; without it the header is ignored.
    #[arg(long = "trust-proxy", value_name = "ADDRESS[/PREFIX]")]
    pub trust_proxies: Vec<String>,
    /// Trust only the CA certificates in this PEM file instead of the built-in web PKI roots (for tests and
    /// private CAs).
    #[arg(long, value_name = "FILE")]
    pub trust_ca: Option<PathBuf>,
    /// At most this many bridge sessions at once. Default: 1000, lowered at start if the open-files limit
    /// cannot hold it with the HTTP connections (each session takes two descriptors; the log says so).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_sessions: Option<u32>,
    /// At most this many sessions at once from one client address (IPv6: one /64).
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_sessions_per_address: u32,
    /// At most this many sessions at once from one IPv6 /48, whatever its /64s (a /56 holds 256 of them).
    /// Default: four times --max-sessions-per-address.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_sessions_per_network: Option<u32>,
    /// At most this many HTTP connections at once that are not (yet) WebSocket sessions: page loads and
    /// handshakes (further clients wait in the kernel's backlog). Default: 1024, lowered at start if the
    /// open-files limit cannot hold it with the sessions (the log says so).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_http_connections: Option<u32>,
    /// At most this many of those HTTP connections from one client address (IPv6: one /64); a further one
    /// gets HTTP 503 at once. Connections from a --trust-proxy address are not counted per address.
    #[arg(long, default_value_t = 128, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_http_connections_per_address: u32,
    /// At most this many HTTP connections from one IPv6 /48. Default: four times
    /// --max-http-connections-per-address.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_http_connections_per_network: Option<u32>,
    /// Close an HTTP connection (not a WebSocket session) whose response makes no progress for this many
    /// seconds: a client that sends requests but never reads the responses.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub http_write_timeout_secs: u64,
    /// Close an HTTP connection (not a WebSocket session) this many seconds after it was accepted, whatever
    /// it is doing; the browser reconnects if it needs more.
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..))]
    pub http_lifetime_secs: u64,
    /// Close a session after this many seconds with no bytes relayed either way.
    #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout_secs: u64,
    /// Give up resolving, connecting, or completing TLS with a target after this many seconds.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub connect_timeout_secs: u64,
    /// Largest WebSocket message (and frame) a client may send, in octets; a larger one closes the session.
    #[arg(long, default_value_t = 65_536, value_parser = clap::value_parser!(u32).range(64..))]
    pub max_frame_bytes: u32,
    /// Longest line a client may send towards the server, in octets including CRLF; a longer one closes the
    /// session.
    #[arg(long, default_value_t = 8_192, value_parser = clap::value_parser!(u32).range(64..))]
    pub max_line_bytes: u32,
    /// Most octets one session may relay, both directions together; then it is closed.
    #[arg(long, default_value_t = 256 * 1024 * 1024, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_session_bytes: u64,
    /// Length of the kernel's queue of connections not yet accepted (capped by net.core.somaxconn).
    #[arg(long, default_value_t = 1024)]
    pub backlog: u32,
    /// On Ctrl-C/SIGTERM, how long sessions may take to close before they are cut (milliseconds).
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
        let Command::Pop3(args) = cli.command else { panic!("pop3 expected") };
        assert_eq!(args.listen.port(), 0);
        assert_eq!(args.profile.as_deref(), Some("dovecot"));
        assert_eq!(args.scenario, "x.json");
        assert!(args.no_delays);
        assert_eq!(args.as_port, 110);
        assert_eq!(args.max_connections, 10_000);
        assert_eq!((args.max_connections_per_address, args.write_timeout_secs), (32, 60));
        assert!(Cli::try_parse_from(["pop3-tutor-server", "pop3", "--max-connections-per-address", "0"]).is_err());
        assert!(Cli::try_parse_from(["pop3-tutor-server", "pop3", "--max-connections", "0"]).is_err());
        let Command::Pop3(args) =
            Cli::try_parse_from(["pop3-tutor-server", "pop3", "--as-port", "995"]).unwrap().command
        else {
            panic!("pop3 expected")
        };
        assert_eq!(args.as_port, 995);
        assert!(Cli::try_parse_from(["pop3-tutor-server", "pop3", "--as-port", "0"]).is_err());
        assert_eq!((args.tls_listen, args.tls_handshake_timeout_secs), (None, 10));
        let tls = ["pop3-tutor-server", "pop3", "--tls-listen", "127.0.0.1:0", "--write-ca", "ca.pem"];
        let Command::Pop3(args) = Cli::try_parse_from(tls).unwrap().command else { panic!("pop3 expected") };
        assert_eq!(args.tls_listen.map(|a| a.port()), Some(0));
        assert_eq!(args.write_ca.as_deref(), Some(std::path::Path::new("ca.pem")));
        assert!(Cli::try_parse_from(["pop3-tutor-server", "pop3", "--cert", "c.pem"]).is_err(), "--cert needs --key");
        let both = ["pop3-tutor-server", "pop3", "--cert", "c.pem", "--key", "k.pem", "--write-ca", "ca.pem"];
        assert!(Cli::try_parse_from(both).is_err(), "no CA is made with --cert");
    }

    #[test]
    fn bridge_options_parse() {
        let cli = Cli::try_parse_from([
            "pop3-tutor-server",
            "bridge",
            "--listen",
            "127.0.0.1:0",
            "--allow",
            "pop.example.com:995",
            "--allow",
            "127.0.0.1:21110",
            "--static",
            "dist",
            "--origin",
            "https://tutor.example.com",
        ])
        .unwrap();
        let Command::Bridge(args) = cli.command else { panic!("bridge expected") };
        assert_eq!(args.allow, ["pop.example.com:995", "127.0.0.1:21110"]);
        assert_eq!(args.static_dir.as_deref(), Some(std::path::Path::new("dist")));
        assert_eq!(args.origins, ["https://tutor.example.com"]);
        assert_eq!((args.max_sessions, args.max_sessions_per_address, args.idle_timeout_secs), (None, 32, 600));
        assert_eq!((args.max_http_connections, args.max_http_connections_per_address), (None, 128));
        assert_eq!((args.http_write_timeout_secs, args.http_lifetime_secs), (30, 300));
        assert_eq!((args.max_frame_bytes, args.max_line_bytes, args.max_session_bytes), (65_536, 8_192, 256 << 20));
        assert_eq!(args.max_sessions_per_network, None);
        assert!(Cli::try_parse_from(["pop3-tutor-server", "bridge", "--max-sessions", "0"]).is_err());
    }
}
