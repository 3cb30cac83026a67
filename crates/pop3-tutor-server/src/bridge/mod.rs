//! `bridge`: the browser console's way to real POP3 servers. Browsers cannot open TCP sockets, so the app
//! opens a WebSocket to `/bridge` and the bridge relays it to a POP3 server on its allowlist, doing TLS
//! (implicit or STLS) on the browser's behalf.
//!
//! ```text
//! pop3-tutor-server bridge --listen 0.0.0.0:8110 --allow pop.example.com:995 --allow pop.example.com:110 --static dist
//! ```
//!
//! # Protocol
//!
//! The protocol (the request, the one status message, the relay, the close reasons, STLS) is documented, and
//! its messages defined, in [`pop3_bridge_proto`], which the web app uses too: one definition for both ends.
//! Here, `session` reads the [`Request`](pop3_bridge_proto::Request), has `target` check it and connect,
//! answers with the [`Status`](pop3_bridge_proto::Status) and relays until a
//! [`CloseReason`](pop3_bridge_proto::CloseReason); a [`Failure`](pop3_bridge_proto::Failure) is a status
//! message and a close whose reason is its key.
//!
//! # Safety
//!
//! Nothing is allowed until configured; [`allow`] has the rules (names and addresses, odd spellings, special
//! addresses reachable only when allowlisted by address, one resolution per session, as an absolute name:
//! [`resolve`]). `Origin` is checked
//! ([`web`]), and `Host` against DNS rebinding ([`host`]). Behind reverse proxies the client's address comes from `X-Forwarded-For` only as far as
//! `--trust-proxy` vouches for it ([`proxy`]). Certificates are verified against the built-in web PKI roots
//! ([`tls`]). [`Limits`] bound what one client and all of them can take; the bridge keeps no state between
//! sessions, so several can run behind one load balancer.

mod allow;
mod host;
mod proxy;
mod resolve;
mod session;
mod target;
#[cfg(test)]
mod test_dns;
mod tls;
mod web;

use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::cli::BridgeArgs;
use crate::shares::{Burst, Shares};
use crate::write_deadline::WriteDeadline;
use allow::Allowlist;
use target::Connector;

/// The limits, from the command line; the defaults are `cli::BridgeArgs`'s.
#[derive(Debug)]
pub struct Limits {
    /// Sessions at once (`--max-sessions`, default 1000, lowered to fit the open-files limit).
    pub max_sessions: usize,
    /// Sessions at once per client address or IPv6 /64 (`--max-sessions-per-address`, default 32: a class
    /// behind one NAT shares an address).
    pub max_sessions_per_address: usize,
    /// Sessions at once per IPv6 /48 (`--max-sessions-per-network`, default four times the per-address cap:
    /// a subscriber's /56 or /48 holds hundreds of /64s).
    pub max_sessions_per_network: usize,
    /// HTTP connections at once not (yet) upgraded (`--max-http-connections`, default 1024, lowered to fit
    /// the open-files limit).
    pub max_http: usize,
    /// Of those, per client address or IPv6 /64 (`--max-http-connections-per-address`, default 128: a class
    /// behind one NAT, six connections per browser).
    pub max_http_per_address: usize,
    /// Of those, per IPv6 /48 (`--max-http-connections-per-network`, default four times the per-address share).
    pub max_http_per_network: usize,
    /// A response making no progress for this long closes its HTTP connection (`--http-write-timeout-secs`,
    /// default 30).
    pub http_write_timeout: Duration,
    /// An HTTP connection not upgraded is closed this long after it was accepted (`--http-lifetime-secs`,
    /// default 300).
    pub http_lifetime: Duration,
    /// No octet relayed either way for this long closes the session (`--idle-timeout-secs`, default 600:
    /// POP3 servers' own autologout is at least 10 minutes, RFC 1939 §3).
    pub idle: Duration,
    /// Largest client message or frame (`--max-frame-bytes`, default 64 KiB).
    pub max_frame: usize,
    /// Longest client line towards the server, CRLF included (`--max-line-bytes`, default 8 KiB: POP3 lines
    /// are at most 255 octets, SASL responses such as XOAUTH2 a few KiB).
    pub max_line: usize,
    /// Octets relayed per session, both ways (`--max-session-bytes`, default 256 MiB).
    pub max_session_bytes: u64,
}

/// What all sessions share.
pub struct Bridge {
    connector: Connector,
    limits: Limits,
    origins: web::Origins,
    /// The `Host` names answered (`host`); `None`: any (`--origin` given, no `--public-host`).
    hosts: Option<host::AllowedHosts>,
    proxies: proxy::TrustedProxies,
    /// Canonical path of `--static`.
    static_dir: Option<PathBuf>,
    sessions: Arc<Semaphore>,
    /// Each client's share of `sessions`.
    session_shares: Arc<Shares>,
    /// Each client's share of the HTTP connections not upgraded.
    http_shares: Arc<Shares>,
    shutdown: CancellationToken,
    tracker: TaskTracker,
    next_id: AtomicU64,
}

/// Runs `bridge` until Ctrl-C or SIGTERM.
pub fn main(args: BridgeArgs) -> anyhow::Result<()> {
    let mut entries = Vec::new();
    for raw in &args.allow {
        entries.push(allow::parse_entry(raw).map_err(|e| anyhow::anyhow!("--allow {e}"))?);
    }
    if let Some(path) = &args.allow_file {
        let text = std::fs::read_to_string(path).with_context(|| format!("--allow-file {}", path.display()))?;
        let from_file =
            Allowlist::parse_file(&text).map_err(|e| anyhow::anyhow!("--allow-file {}: {e}", path.display()))?;
        entries.extend(from_file);
    }
    let allow = Allowlist::new(entries);
    let (resolver, resolver_warning) = resolve::Resolver::system();
    if let Some(warning) = resolver_warning {
        tracing::warn!("{warning}");
    }
    let tls = tls::client_config(args.trust_ca.as_deref())?;
    let origins = web::Origins::new(&args.origins).map_err(anyhow::Error::msg)?;
    let hosts = host::AllowedHosts::new(&args.public_hosts, !args.origins.is_empty()).map_err(anyhow::Error::msg)?;
    let proxies = proxy::TrustedProxies::new(&args.trust_proxies).map_err(anyhow::Error::msg)?;
    let static_dir = match &args.static_dir {
        Some(dir) => {
            let dir = std::fs::canonicalize(dir).with_context(|| format!("--static {}", dir.display()))?;
            anyhow::ensure!(dir.is_dir(), "--static {}: not a directory", dir.display());
            Some(dir)
        }
        None => None,
    };
    let fit = fit_open_files(args.max_http_connections, args.max_sessions);
    let limits = Limits {
        max_sessions: fit.sessions,
        max_http: fit.http,
        max_http_per_address: args.max_http_connections_per_address as usize,
        max_http_per_network: args
            .max_http_connections_per_network
            .map_or(args.max_http_connections_per_address.saturating_mul(4), |n| n)
            as usize,
        http_write_timeout: Duration::from_secs(args.http_write_timeout_secs),
        http_lifetime: Duration::from_secs(args.http_lifetime_secs),
        max_sessions_per_address: args.max_sessions_per_address as usize,
        max_sessions_per_network: args
            .max_sessions_per_network
            .map_or(args.max_sessions_per_address.saturating_mul(4), |n| n) as usize,
        idle: Duration::from_secs(args.idle_timeout_secs),
        max_frame: args.max_frame_bytes as usize,
        max_line: args.max_line_bytes as usize,
        max_session_bytes: args.max_session_bytes,
    };
    let bridge = Bridge {
        http_shares: Shares::new(limits.max_http_per_address, limits.max_http_per_network),
        connector: Connector { allow, resolver, tls, timeout: Duration::from_secs(args.connect_timeout_secs) },
        sessions: Arc::new(Semaphore::new(limits.max_sessions)),
        session_shares: Shares::new(limits.max_sessions_per_address, limits.max_sessions_per_network),
        limits,
        origins,
        hosts,
        proxies,
        static_dir,
        shutdown: CancellationToken::new(),
        tracker: TaskTracker::new(),
        next_id: AtomicU64::new(1),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting tokio")?;
    runtime.block_on(serve(args, Arc::new(bridge), fit))
}

async fn serve(args: BridgeArgs, bridge: Arc<Bridge>, fit: Fit) -> anyhow::Result<()> {
    let signals = crate::shutdown::Signals::new().context("installing signal handlers")?;
    let listener =
        crate::pop3::bind(args.listen, args.backlog).with_context(|| format!("cannot listen on {}", args.listen))?;
    let local = listener.local_addr().context("reading the bound address")?;
    if bridge.connector.allow.len() == 0 {
        tracing::warn!("the allowlist is empty: every target will be refused (use --allow or --allow-file)");
    }
    tracing::info!(
        addr = %local,
        allowlist = bridge.connector.allow.len(),
        static_dir = ?bridge.static_dir,
        origins = ?bridge.origins,
        hosts = ?bridge.hosts,
        trusted_proxies = ?bridge.proxies,
        trust_ca = ?args.trust_ca,
        limits = ?bridge.limits,
        "WebSocket bridge started"
    );
    fit.log();
    {
        use std::io::Write as _;
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "listening on {local}").context("writing to stdout")?;
        stdout.flush().context("flushing stdout")?;
    }

    let http = tokio::spawn(accept(listener, Arc::clone(&bridge)));
    signals.recv().await;
    bridge.shutdown.cancel();
    bridge.tracker.close();
    let grace = Duration::from_millis(args.shutdown_grace_ms);
    let open = bridge.tracker.len();
    if open > 0 {
        tracing::info!(open, "closing open sessions");
    }
    if tokio::time::timeout(grace, bridge.tracker.wait()).await.is_err() {
        tracing::warn!(open = bridge.tracker.len(), "grace period over: cutting the remaining sessions");
    }
    // Plain HTTP connections were told to finish at shutdown; the runtime's end cuts what is left.
    let _ = tokio::time::timeout(Duration::from_secs(1), http).await;
    tracing::info!("WebSocket bridge stopped");
    Ok(())
}

/// A client must send a request's headers within this time (no slow-loris connections).
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Descriptors kept for everything but connections: the listener, stdio, the runtime, DNS lookups, the
/// connections being refused.
const FD_RESERVE: u64 = 256;
/// Refused connections being answered (503) at once; beyond that they are closed without an answer.
const MAX_REFUSING: usize = 64;
/// How long a refused connection is given to read its 503.
const REFUSAL_TIME: Duration = Duration::from_secs(2);
/// The answer to a connection over its address's share.
const BUSY_RESPONSE: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
Content-Length: 44\r\nRetry-After: 10\r\nConnection: close\r\n\r\ntoo many connections from this address, wait\n";

/// The HTTP connections and sessions the open-files limit can hold.
#[derive(Debug)]
struct Fit {
    http: usize,
    sessions: usize,
    /// The soft limit, raised to the hard limit if it was lower: (before, after).
    open_files: Option<(u64, u64)>,
    /// Defaults lowered to fit.
    lowered: bool,
    /// Even so (values given on the command line), more descriptors may be needed than the limit allows.
    short: Option<u64>,
}

/// Raises the open-files soft limit to the hard limit and sizes the HTTP connection and session caps not
/// given on the command line to fit in it: two descriptors per HTTP connection (the socket and the file being
/// sent) and two per session (the client's and the server's), plus [`FD_RESERVE`].
fn fit_open_files(http: Option<u32>, sessions: Option<u32>) -> Fit {
    const HTTP_DEFAULT: u64 = 1024;
    const SESSIONS_DEFAULT: u64 = 1000;
    let before = rlimit::getrlimit(rlimit::Resource::NOFILE).ok().map(|(soft, _)| soft);
    let after = rlimit::increase_nofile_limit(u64::MAX).ok();
    let limit = after.or(before).unwrap_or(1024);
    let given = 2 * (http.map_or(0, u64::from) + sessions.map_or(0, u64::from));
    let wanted = 2 * (http.map_or(HTTP_DEFAULT, |_| 0) + sessions.map_or(SESSIONS_DEFAULT, |_| 0));
    let room = limit.saturating_sub(FD_RESERVE).saturating_sub(given);
    let lowered = wanted > room;
    let size = |value: Option<u32>, default: u64| -> usize {
        let n = match value {
            Some(n) => u64::from(n),
            None if lowered => (default * room / wanted).max(1),
            None => default,
        };
        usize::try_from(n).unwrap_or(usize::MAX)
    };
    let (http, sessions) = (size(http, HTTP_DEFAULT), size(sessions, SESSIONS_DEFAULT));
    let needed = 2 * (http + sessions) as u64 + FD_RESERVE;
    Fit { http, sessions, open_files: before.zip(after), lowered, short: (needed > limit).then_some(needed) }
}

impl Fit {
    fn log(&self) {
        match self.open_files {
            Some((before, after)) if after > before => {
                tracing::info!(from = before, to = after, "open-files limit raised to the hard limit");
            }
            Some((_, after)) => tracing::info!(limit = after, "open-files limit"),
            None => tracing::warn!("the open-files limit could not be read or raised"),
        }
        if self.lowered {
            tracing::warn!(
                http_connections = self.http,
                sessions = self.sessions,
                "the open-files limit is too low for the default limits: lowered to fit (raise the hard limit, \
                 e.g. LimitNOFILE= or ulimit -Hn, for more)"
            );
        }
        if let Some(needed) = self.short {
            tracing::warn!(
                needed,
                "--max-http-connections and --max-sessions may need more open files than the limit allows: \
                 connections beyond it will fail to be accepted"
            );
        }
    }
}

/// One HTTP connection's switch for its write deadline, turned off when it becomes a WebSocket session (which
/// has its own limits).
#[derive(Clone)]
pub struct WriteDeadlineSwitch(Arc<std::sync::atomic::AtomicBool>);

impl WriteDeadlineSwitch {
    pub fn off(&self) {
        self.0.store(false, std::sync::atomic::Ordering::Relaxed);
    }
}

/// The accept loop: HTTP/1.1 with upgrades, at most `max_http` connections at once (further clients wait in
/// the kernel's backlog) and `max_http_per_address` per client (a further one gets 503 at once), each with
/// [`HEADER_READ_TIMEOUT`], the write deadline and the lifetime, and the client's address for the session
/// limits. Accept errors (out of descriptors) back off up to a second and are logged once per burst.
async fn accept(listener: TcpListener, bridge: Arc<Bridge>) {
    let router = web::router(Arc::clone(&bridge));
    let limit = Arc::new(Semaphore::new(bridge.limits.max_http));
    let refusing = Arc::new(Semaphore::new(MAX_REFUSING));
    let refusals = Burst::new(Duration::from_secs(10));
    let mut acceptor = crate::accept::Acceptor::new(listener);
    loop {
        let permit = tokio::select! {
            permit = Arc::clone(&limit).acquire_owned() => permit.expect("the semaphore is never closed"),
            () = bridge.shutdown.cancelled() => return,
        };
        let Some((tcp, peer)) = acceptor.next(&bridge.shutdown).await else { return };
        // A reverse proxy carries many clients: it is trusted to limit them itself.
        let share = if bridge.proxies.trusts(peer.ip()) {
            None
        } else {
            match bridge.http_shares.take(peer.ip()) {
                Ok(share) => Some(share),
                Err(over) => {
                    if let Some(skipped) = refusals.note() {
                        tracing::info!(%peer, skipped, "HTTP connection refused: the address is over its share ({over} connections)");
                    }
                    drop(permit);
                    if let Ok(slot) = Arc::clone(&refusing).try_acquire_owned() {
                        tokio::spawn(refuse(tcp, slot));
                    }
                    continue;
                }
            }
        };
        // Frames are written whole; Nagle would hold the greeting behind the status until the client's
        // delayed ACK (40 ms).
        let _ = tcp.set_nodelay(true);
        let io = WriteDeadline::new(tcp, bridge.limits.http_write_timeout);
        let switch = WriteDeadlineSwitch(io.switch());
        let service = TowerToHyperService::new(
            router.clone().layer(axum::Extension(ConnectInfo(peer))).layer(axum::Extension(switch)),
        );
        let shutdown = bridge.shutdown.clone();
        let lifetime = bridge.limits.http_lifetime;
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(HEADER_READ_TIMEOUT);
            let connection = builder.serve_connection(TokioIo::new(io), service).with_upgrades();
            tokio::pin!(connection);
            tokio::select! {
                // An upgrade ends this future (the session goes on, with its own limits).
                result = tokio::time::timeout(lifetime, connection.as_mut()) => match result {
                    Ok(Ok(())) => {}
                    Ok(Err(error)) => tracing::debug!(%peer, %error, "HTTP connection ended with an error"),
                    Err(_) => tracing::debug!(%peer, "HTTP connection closed: its lifetime is over"),
                },
                () = shutdown.cancelled() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(Duration::from_secs(1), connection).await;
                }
            }
            drop(share);
            drop(permit);
        });
    }
}

/// Answers a connection over its share with 503 and closes it, within [`REFUSAL_TIME`]; what the client sent
/// is read and dropped meanwhile, so that the close is not a reset that could discard the answer.
async fn refuse(mut tcp: tokio::net::TcpStream, _slot: tokio::sync::OwnedSemaphorePermit) {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let _ = tokio::time::timeout(REFUSAL_TIME, async {
        tcp.write_all(BUSY_RESPONSE).await?;
        tcp.shutdown().await?;
        let mut sink = [0u8; 4096];
        while tcp.read(&mut sink).await? > 0 {}
        Ok::<(), std::io::Error>(())
    })
    .await;
}
