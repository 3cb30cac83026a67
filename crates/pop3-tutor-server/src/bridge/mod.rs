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
//! addresses reachable only when allowlisted by address, one resolution per session). `Origin` is checked
//! ([`web`]), and `Host` against DNS rebinding ([`host`]). Behind reverse proxies the client's address comes from `X-Forwarded-For` only as far as
//! `--trust-proxy` vouches for it ([`proxy`]). Certificates are verified against the built-in web PKI roots
//! ([`tls`]). [`Limits`] bound what one client and all of them can take; the bridge keeps no state between
//! sessions, so several can run behind one load balancer.

mod allow;
mod host;
mod proxy;
mod session;
mod target;
mod tls;
mod web;

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
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
use allow::Allowlist;
use target::Connector;

/// The limits, from the command line; the defaults are `cli::BridgeArgs`'s.
#[derive(Debug)]
pub struct Limits {
    /// Sessions at once (`--max-sessions`, default 1000).
    pub max_sessions: usize,
    /// Sessions at once per client address or IPv6 /64 (`--max-sessions-per-address`, default 32: a class
    /// behind one NAT shares an address).
    pub max_sessions_per_address: usize,
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
    per_address: Mutex<HashMap<IpAddr, usize>>,
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
    let limits = Limits {
        max_sessions: args.max_sessions as usize,
        max_sessions_per_address: args.max_sessions_per_address as usize,
        idle: Duration::from_secs(args.idle_timeout_secs),
        max_frame: args.max_frame_bytes as usize,
        max_line: args.max_line_bytes as usize,
        max_session_bytes: args.max_session_bytes,
    };
    let bridge = Bridge {
        connector: Connector { allow, tls, timeout: Duration::from_secs(args.connect_timeout_secs) },
        sessions: Arc::new(Semaphore::new(limits.max_sessions)),
        limits,
        origins,
        hosts,
        proxies,
        static_dir,
        per_address: Mutex::new(HashMap::new()),
        shutdown: CancellationToken::new(),
        tracker: TaskTracker::new(),
        next_id: AtomicU64::new(1),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting tokio")?;
    runtime.block_on(serve(args, Arc::new(bridge)))
}

async fn serve(args: BridgeArgs, bridge: Arc<Bridge>) -> anyhow::Result<()> {
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

/// HTTP connections at once that are not (yet) WebSocket sessions: static file downloads and handshakes. A
/// connection leaves this count when it is upgraded (sessions have their own limits).
const MAX_HTTP_CONNECTIONS: usize = 1024;
/// A client must send a request's headers within this time (no slow-loris connections).
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The accept loop: HTTP/1.1 with upgrades, at most [`MAX_HTTP_CONNECTIONS`] at once (further clients wait in
/// the kernel's backlog), each with [`HEADER_READ_TIMEOUT`], and the client's address for the session limits.
async fn accept(listener: TcpListener, bridge: Arc<Bridge>) {
    let router = web::router(Arc::clone(&bridge));
    let limit = Arc::new(Semaphore::new(MAX_HTTP_CONNECTIONS));
    loop {
        let permit = tokio::select! {
            permit = Arc::clone(&limit).acquire_owned() => permit.expect("the semaphore is never closed"),
            () = bridge.shutdown.cancelled() => return,
        };
        let (tcp, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, or a connection reset before accept: wait a little, go on.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = bridge.shutdown.cancelled() => return,
        };
        // Frames are written whole; Nagle would hold the greeting behind the status until the client's
        // delayed ACK (40 ms).
        let _ = tcp.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone().layer(axum::Extension(ConnectInfo(peer))));
        let shutdown = bridge.shutdown.clone();
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(HEADER_READ_TIMEOUT);
            let connection = builder.serve_connection(TokioIo::new(tcp), service).with_upgrades();
            tokio::pin!(connection);
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(error) = result {
                        tracing::debug!(%peer, %error, "HTTP connection ended with an error");
                    }
                }
                () = shutdown.cancelled() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(Duration::from_secs(1), connection).await;
                }
            }
            drop(permit);
        });
    }
}
