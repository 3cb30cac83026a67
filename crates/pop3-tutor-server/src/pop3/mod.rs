//! `pop3`: the simulator as a POP3 server over TCP, with STLS and (`--tls-listen`) implicit TLS.
//!
//! One [`pop3_sim::Server`] (the users' mailboxes, locks and committed deletions) is shared by every
//! connection behind a `std::sync::Mutex`: the core is synchronous and quick, so each connection locks it only
//! around one core call and never across an `.await`. The [`listener`] accepts connections (bounded by a
//! semaphore, and per client address by [`per_address`]) and the [`connection`] handler drives one [`pop3_sim::Session`] per socket, unless the scenario
//! has a network-stage fault for the connection, which [`network_fault`] acts out instead.
//!
//! TLS is the core's model driven for real: sessions are created with `tls_available` (the core hides STLS
//! under the scenario's `no_stls` fault, and answers it in the profile's words), on the TLS listener with
//! `tls_active`; the core's `StartTls` event starts the handshake ([`tls`]) and `tls_established` ends it, so
//! CAPA, `tls_required` and the STLS replies follow the profile as in the browser. The certificate is made
//! at start ([`certs`]), with the scenario's `certificate` fault, unless `--cert`/`--key` are given.
//!
//! Shutdown has two steps, each a cancellation token: `shutdown` stops the accept loop and closes every
//! connection that is waiting for input (hung up: nothing is committed); `abort`, fired after the grace
//! period, also cuts connections that are still writing or sleeping through a simulated pause.

mod certs;
mod connection;
mod listener;
mod network_fault;
mod per_address;
pub(crate) mod redact;
mod stream;
mod tls;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use anyhow::Context as _;
use pop3_sim::{Scenario, Server};
use tokio::net::{TcpListener, TcpSocket};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::cli::Pop3Args;

/// Runs `pop3` until Ctrl-C or SIGTERM.
pub fn main(args: Pop3Args) -> anyhow::Result<()> {
    let scenario = crate::scenario::load(&args.scenario, args.profile.as_deref())?;
    let mut ports = vec![args.as_port];
    if args.tls_listen.is_some() && args.as_port != listener::IMPLICIT_TLS_PORT {
        ports.push(listener::IMPLICIT_TLS_PORT);
    }
    let scenario = network_fault::prepare(scenario, &ports);
    let server = Server::new(&scenario).map_err(|e| anyhow::anyhow!("scenario `{}`: {e}", args.scenario))?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting tokio")?;
    runtime.block_on(serve(args, server, &scenario))
}

async fn serve(args: Pop3Args, server: Server, scenario: &Scenario) -> anyhow::Result<()> {
    let signals = crate::shutdown::Signals::new().context("installing signal handlers")?;
    let listener = bind(args.listen, args.backlog).with_context(|| format!("cannot listen on {}", args.listen))?;
    let local = listener.local_addr().context("reading the bound address")?;
    let tls_listener = match args.tls_listen {
        Some(addr) => Some(bind(addr, args.backlog).with_context(|| format!("cannot listen on {addr}"))?),
        None => None,
    };
    let tls_local =
        tls_listener.as_ref().map(TcpListener::local_addr).transpose().context("reading the bound address")?;
    let tls = tls::Tls::new(&args, scenario)?;
    tracing::info!(
        addr = %local,
        tls_addr = tls_local.map(tracing::field::display),
        profile = %server.profile().id,
        scenario = %args.scenario,
        as_port = args.as_port,
        no_delays = args.no_delays,
        max_connections = args.max_connections,
        max_connections_per_address = args.max_connections_per_address,
        write_timeout_secs = args.write_timeout_secs,
        "POP3 server started"
    );
    {
        use std::io::Write as _;
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "listening on {local}").context("writing to stdout")?;
        if let Some(tls_local) = tls_local {
            writeln!(stdout, "listening for implicit TLS on {tls_local}").context("writing to stdout")?;
        }
        stdout.flush().context("flushing stdout")?;
    }

    let shared = Arc::new(Shared {
        server: Mutex::new(server),
        clock: Clock::new(),
        no_delays: args.no_delays,
        as_port: args.as_port,
        tls,
        write_timeout: Duration::from_secs(args.write_timeout_secs),
        shutdown: CancellationToken::new(),
        abort: CancellationToken::new(),
    });
    let tracker = TaskTracker::new();
    let accept = listener::Listener::new(
        Arc::clone(&shared),
        args.max_connections as usize,
        args.max_connections_per_address as usize,
        tracker.clone(),
    );
    let implicit = async {
        match tls_listener {
            Some(tls_listener) => accept.run(tls_listener, true).await,
            None => std::future::pending().await,
        }
    };

    tokio::select! {
        () = accept.run(listener, false) => {}
        () = implicit => {}
        () = signals.recv() => {}
    }
    shared.shutdown.cancel();
    tracker.close();
    let open = tracker.len();
    if open > 0 {
        tracing::info!(open, "closing open connections");
    }
    if tokio::time::timeout(Duration::from_millis(args.shutdown_grace_ms), tracker.wait()).await.is_err() {
        tracing::warn!(open = tracker.len(), "grace period over: cutting the remaining connections");
        shared.abort.cancel();
        // Every await in a connection also watches `abort`, so this is quick; the bound is a safety net.
        let _ = tokio::time::timeout(Duration::from_secs(2), tracker.wait()).await;
    }
    tracing::info!("POP3 server stopped");
    Ok(())
}

/// Binds the listening socket. `TcpListener::bind` would use a backlog of 128, which a burst of clients
/// overflows (their SYNs are dropped and retried a second later); the kernel caps `backlog` at somaxconn.
pub(crate) fn bind(addr: SocketAddr, backlog: u32) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() { TcpSocket::new_v4()? } else { TcpSocket::new_v6()? };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(backlog)
}

/// What all connections share.
pub(crate) struct Shared {
    server: Mutex<Server>,
    clock: Clock,
    no_delays: bool,
    /// The scenario port the plain listener stands for (`--as-port`).
    as_port: u16,
    /// The certificate and the handshake, for STLS and implicit TLS.
    tls: tls::Tls,
    /// How long one write may wait for a client that does not read (`--write-timeout-secs`).
    write_timeout: Duration,
    /// Stop accepting; close connections waiting for input.
    shutdown: CancellationToken,
    /// The grace period is over: close every connection now.
    abort: CancellationToken,
}

impl Shared {
    /// The simulated server, for one synchronous core call. A panic in another connection's core call
    /// (a core bug) poisons the lock; the state is still the core's own, so later connections go on.
    fn server(&self) -> MutexGuard<'_, Server> {
        self.server.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The driver's clock for the core: milliseconds since the process started (tokio's monotonic clock).
pub(crate) struct Clock {
    start: Instant,
}

impl Clock {
    fn new() -> Clock {
        Clock { start: Instant::now() }
    }

    /// Milliseconds since start.
    pub(crate) fn now_ms(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// The instant for a time in the core's milliseconds.
    fn instant(&self, ms: u64) -> Instant {
        // Far-future deadlines (a profile with no timeout uses u64::MAX) are clamped to a year.
        self.start + Duration::from_millis(ms.min(self.now_ms().saturating_add(365 * 24 * 3600 * 1000)))
    }
}
