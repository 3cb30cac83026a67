//! One WebSocket session: the target request, the status, then the relay until one side ends or a limit
//! is hit.
//!
//! The two directions run concurrently in one task (so a server sending a large RETR never waits for the
//! client's next command, nor the other way round), each with its own back-pressure: a frame for the client is
//! sent before the next read from the server, a client frame is written to the server before the next one is
//! read. Frames to the client carry what one read returned: the read buffer starts at 4 KiB and doubles
//! while reads fill it, up to 128 KiB (an idle session holds little; a RETR moves in large frames).
//!
//! Logging: the session's span carries its id and the client's address; the target, the address connected
//! and the end (with octets each way) are logged at INFO. At DEBUG each client line is logged through the
//! POP3 mode's [`Redactor`]: verbs with harmless arguments are shown, `PASS`, `APOP` and `AUTH` lose their
//! arguments, SASL data and unrecognised lines (a password typed at the wrong prompt) are octet counts. What
//! the server sends (mail) is never logged, only counted.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::{SinkExt as _, StreamExt as _};
use pop3_bridge_proto::{CloseReason, Failure, FailureKind, Request, Status, TlsFailureKind};
use pop3_sim::Status as ReplyStatus;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::time::{sleep, timeout, Instant};
use tokio_util::sync::CancellationToken;

use super::target::{Connected, Connector};
use super::Limits;
use crate::pop3::redact::Redactor;

/// First size of the buffer for reads from the server: small, so an idle session costs little.
const READ_BUF_MIN: usize = 4 * 1024;
/// The buffer doubles each time a read fills it (a RETR in progress), up to this: the largest frame sent to
/// the client.
const READ_BUF_MAX: usize = 128 * 1024;
/// The client's target request must arrive within this (or the idle timeout, if shorter).
const HELLO_TIMEOUT: Duration = Duration::from_secs(30);
/// After our close frame, how long the client's closing frames are waited for.
const CLOSE_DRAIN: Duration = Duration::from_secs(1);

/// Why the relay ended.
#[derive(Debug)]
enum End {
    /// The server closed its side (the reason's `server_closed`).
    ServerClosed,
    ServerError(std::io::Error),
    /// The client sent a close frame or went away.
    ClientClosed,
    ClientError(String),
    /// A client frame or message over `--max-frame-bytes`.
    FrameTooLarge,
    LineTooLong,
    SessionBytes,
    Idle,
    Shutdown,
}

impl End {
    /// The close frame's reason, if the client is still there to get one.
    fn close_reason(&self) -> Option<CloseReason> {
        Some(match self {
            End::ServerClosed => CloseReason::ServerClosed,
            End::ServerError(_) => CloseReason::ServerError,
            End::ClientClosed | End::ClientError(_) => return None,
            End::FrameTooLarge => CloseReason::FrameTooLarge,
            End::LineTooLong => CloseReason::LineTooLong,
            End::SessionBytes => CloseReason::SessionLimit,
            End::Idle => CloseReason::IdleTimeout,
            End::Shutdown => CloseReason::Shutdown,
        })
    }
}

/// Runs a session whose limits admitted it.
pub async fn run(mut ws: WebSocket, connector: &Connector, limits: &Limits, shutdown: &CancellationToken) {
    let started = Instant::now();
    let hello_timeout = HELLO_TIMEOUT.min(limits.idle);
    let request = tokio::select! {
        request = timeout(hello_timeout, read_request(&mut ws)) => match request {
            Ok(Ok(request)) => request,
            Ok(Err(Some(failure))) => {
                tracing::info!(error = failure.kind.as_str(), detail = %failure.detail, "bad request");
                refuse(ws, failure).await;
                return;
            }
            Ok(Err(None)) => {
                tracing::info!("the client left before naming a target");
                return;
            }
            Err(_) => {
                tracing::info!("no target request in time");
                let failure =
                    Failure::new(FailureKind::BadRequest, format!("no target request within {hello_timeout:?}"));
                refuse(ws, failure).await;
                return;
            }
        },
        () = shutdown.cancelled() => {
            finish(ws, Some(CloseReason::Shutdown)).await;
            return;
        }
    };
    let host = super::allow::printable(&request.host);
    tracing::info!(%host, port = request.port, tls = ?request.tls, "target requested");
    let connected = tokio::select! {
        connected = connector.connect(&request) => connected,
        () = shutdown.cancelled() => {
            finish(ws, Some(CloseReason::Shutdown)).await;
            return;
        }
    };
    let connected = match connected {
        Ok(connected) => connected,
        Err(failure) => {
            let (error, tls_error) = (failure.kind.as_str(), failure.kind.tls().map(TlsFailureKind::as_str));
            tracing::info!(%host, port = request.port, error, tls_error, detail = %failure.detail, "target refused");
            refuse(ws, failure).await;
            return;
        }
    };
    tracing::info!(address = %connected.address, tls = connected.tls_version, "connected");
    if ws.send(Message::Text(connected.status().to_json().into())).await.is_err() {
        tracing::info!("the client left before the status");
        return;
    }
    let meter = Meter::new(limits.max_session_bytes);
    let end = relay(&mut ws, connected, limits, &meter, shutdown).await;
    let (up, down) = (meter.up.load(Ordering::Relaxed), meter.down.load(Ordering::Relaxed));
    let seconds = started.elapsed().as_secs_f64();
    match &end {
        End::ServerError(error) => tracing::info!(%error, up, down, seconds, "ended: server connection failed"),
        End::ClientError(error) => tracing::info!(%error, up, down, seconds, "ended: client connection failed"),
        other => tracing::info!(end = ?other, up, down, seconds, "ended"),
    }
    finish(ws, end.close_reason()).await;
}

/// Sends a failure status and closes, the failure's key as the reason ([`CloseReason::Refused`]).
pub async fn refuse(mut ws: WebSocket, failure: Failure) {
    let reason = CloseReason::Refused(failure.kind.clone());
    let status = Status::Failed(failure).to_json();
    if ws.send(Message::Text(status.into())).await.is_ok() {
        finish(ws, Some(reason)).await;
    }
}

/// Waits for the first text message and reads it as a [`Request`]. `Err(None)`: the client left.
async fn read_request(ws: &mut WebSocket) -> Result<Request, Option<Failure>> {
    loop {
        let message = match ws.recv().await {
            None | Some(Ok(Message::Close(_))) => return Err(None),
            Some(Err(error)) => {
                return Err(Some(Failure::new(
                    FailureKind::BadRequest,
                    format!("WebSocket error before the request: {error}"),
                )))
            }
            Some(Ok(message)) => message,
        };
        return match message {
            Message::Text(text) => Request::parse(text.as_str()).map_err(|e| {
                Some(Failure::new(
                    FailureKind::BadRequest,
                    format!("the first message must be {{\"host\": …, \"port\": …, \"tls\": \"none\"|\"implicit\"|\"stls\"}}: {e}"),
                ))
            }),
            Message::Binary(_) => {
                Err(Some(Failure::new(
                    FailureKind::BadRequest,
                    "the first message must be a text message naming the target",
                )))
            }
            Message::Ping(_) | Message::Pong(_) => continue,
            Message::Close(_) => Err(None),
        };
    }
}

/// Sends a close frame (if any) and waits briefly for the client's side of the closing handshake.
async fn finish(mut ws: WebSocket, reason: Option<CloseReason>) {
    if let Some(reason) = reason {
        let close = Message::Close(Some(CloseFrame { code: reason.code(), reason: reason.as_str().into() }));
        if timeout(CLOSE_DRAIN, ws.send(close)).await.is_err() {
            return;
        }
    }
    let _ = timeout(CLOSE_DRAIN, async {
        while let Some(Ok(message)) = ws.recv().await {
            if matches!(message, Message::Close(_)) {
                break;
            }
        }
    })
    .await;
}

/// Octets relayed, and when the last ones were.
struct Meter {
    start: Instant,
    last_ms: AtomicU64,
    up: AtomicU64,
    down: AtomicU64,
    max: u64,
}

impl Meter {
    fn new(max: u64) -> Meter {
        Meter { start: Instant::now(), last_ms: AtomicU64::new(0), up: AtomicU64::new(0), down: AtomicU64::new(0), max }
    }

    /// Counts `n` octets in one direction; `false` when the session is over its limit. Only octets are
    /// activity: `n == 0` does not reset the idle timer.
    fn add(&self, counter: &AtomicU64, n: usize) -> bool {
        if n > 0 {
            self.last_ms.store(self.elapsed_ms(), Ordering::Relaxed);
        }
        counter.fetch_add(n as u64, Ordering::Relaxed);
        self.up.load(Ordering::Relaxed) + self.down.load(Ordering::Relaxed) <= self.max
    }

    fn elapsed_ms(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// Resolves once nothing has been relayed for `idle`.
    async fn idle(&self, idle: Duration) {
        loop {
            let quiet = Duration::from_millis(self.elapsed_ms().saturating_sub(self.last_ms.load(Ordering::Relaxed)));
            if quiet >= idle {
                return;
            }
            sleep(idle - quiet).await;
        }
    }
}

/// Tracks the length of the client's current line.
struct LineGuard {
    current: usize,
    max: usize,
}

impl LineGuard {
    /// `false` if `data` makes a line longer than the limit.
    fn accept(&mut self, data: &[u8]) -> bool {
        for piece in data.split_inclusive(|&b| b == b'\n') {
            self.current += piece.len();
            if self.current > self.max {
                return false;
            }
            if piece.ends_with(b"\n") {
                self.current = 0;
            }
        }
        true
    }
}

async fn relay(
    ws: &mut WebSocket,
    connected: Connected,
    limits: &Limits,
    meter: &Meter,
    shutdown: &CancellationToken,
) -> End {
    let Connected { stream, greeting, .. } = connected;
    let (mut from_server, mut to_server) = tokio::io::split(stream);
    let (mut to_client, mut from_client) = ws.split();
    let redactor = Mutex::new(Redactor::new());
    let log_lines = tracing::enabled!(tracing::Level::DEBUG);

    let upstream = async {
        let mut lines = LineGuard { current: 0, max: limits.max_line };
        loop {
            let data: Bytes = match from_client.next().await {
                None | Some(Ok(Message::Close(_))) => return End::ClientClosed,
                Some(Ok(Message::Binary(data))) => data,
                Some(Ok(Message::Text(text))) => Bytes::copy_from_slice(text.as_str().as_bytes()),
                // Pings and empty frames carry nothing for the server: they are not activity (a client could
                // otherwise hold a session that relays nothing for ever).
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                Some(Err(error)) => {
                    let error = error.into_inner();
                    if let Some(tungstenite::Error::Capacity(_)) = error.downcast_ref::<tungstenite::Error>() {
                        return End::FrameTooLarge;
                    }
                    return End::ClientError(error.to_string());
                }
            };
            if data.is_empty() {
                continue;
            }
            if !lines.accept(&data) {
                return End::LineTooLong;
            }
            if !meter.add(&meter.up, data.len()) {
                return End::SessionBytes;
            }
            if log_lines {
                let mut redactor = redactor.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                for piece in data.split_inclusive(|&b| b == b'\n') {
                    tracing::debug!(line = %redactor.describe(piece), "client");
                }
            }
            if let Err(error) = to_server.write_all(&data).await {
                return End::ServerError(error);
            }
        }
    };

    let downstream = async {
        let mut at_line_start = true;
        if let Some(greeting) = greeting {
            if !meter.add(&meter.down, greeting.len()) {
                return End::SessionBytes;
            }
            if let Err(error) = to_client.send(Message::Binary(greeting.into())).await {
                return End::ClientError(error.to_string());
            }
        }
        let mut buf = vec![0u8; READ_BUF_MIN];
        loop {
            let n = match from_server.read(&mut buf).await {
                Ok(0) => return End::ServerClosed,
                Ok(n) => n,
                Err(error) => return End::ServerError(error),
            };
            let full = n == buf.len();
            let data = &buf[..n];
            if log_lines {
                // Only the status of lines that start a reply reaches the redactor (to know when SASL data
                // is due); the contents are not logged.
                let mut redactor = redactor.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                for piece in data.split_inclusive(|&b| b == b'\n') {
                    if at_line_start {
                        if piece.starts_with(b"+OK") {
                            redactor.reply(ReplyStatus::Ok);
                        } else if piece.starts_with(b"-ERR") {
                            redactor.reply(ReplyStatus::Err);
                        } else if piece.starts_with(b"+ ") || piece.starts_with(b"+\r") || piece == b"+" {
                            redactor.reply(ReplyStatus::Continuation);
                        }
                    }
                    at_line_start = piece.ends_with(b"\n");
                }
            }
            if !meter.add(&meter.down, n) {
                return End::SessionBytes;
            }
            if let Err(error) = to_client.send(Message::Binary(Bytes::copy_from_slice(data))).await {
                return End::ClientError(error.to_string());
            }
            if full && buf.len() < READ_BUF_MAX {
                buf.resize(buf.len() * 2, 0);
            }
        }
    };

    let end = tokio::select! {
        end = upstream => end,
        end = downstream => end,
        () = meter.idle(limits.idle) => End::Idle,
        () = shutdown.cancelled() => End::Shutdown,
    };
    if matches!(end, End::ClientClosed) {
        // Tell the server the client is done (FIN; over TLS, close_notify first).
        let _ = timeout(Duration::from_secs(1), to_server.shutdown()).await;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_guard_counts_across_frames() {
        let mut guard = LineGuard { current: 0, max: 10 };
        assert!(guard.accept(b"USER a\r\n"));
        assert!(guard.accept(b"PASS "));
        assert!(guard.accept(b"abc\r\n"));
        assert!(guard.accept(b"012345678\nQUIT\r\n"));
        assert!(guard.accept(b"12345"));
        assert!(!guard.accept(b"678901"));
    }

    #[test]
    fn the_meter_enforces_the_session_limit() {
        let meter = Meter::new(100);
        assert!(meter.add(&meter.up, 60));
        assert!(meter.add(&meter.down, 40));
        assert!(!meter.add(&meter.down, 1));
    }
}
