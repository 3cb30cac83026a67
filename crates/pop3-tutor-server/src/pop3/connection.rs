//! One client connection: a socket (plain, or TLS: [`Stream`]) driving one [`Session`] of the shared
//! simulated server.
//!
//! The loop, in order:
//!
//! 1. **Write** every event the session has queued, in order: replies (coalesced into one write per batch),
//!    pauses (slept through unless `--no-delays`), the close.
//! 2. **Feed** input left over from the last read. `Session::receive` takes less than it is given when
//!    [`pop3_sim::session::MAX_PENDING_OCTETS`] of replies wait to be written; then back to 1.
//! 3. **Wait** for input, the session's timer (`poll_timeout`: the profile's login or idle timer, or a
//!    scenario's autologout; the core names the one that fired, logged at INFO as `timer fired`) or
//!    shutdown. Input is read into a per-thread 16 KiB scratch buffer and fed at once; only what the session
//!    did not take is kept (at most 16 KiB). Nothing more is read while replies are unwritten, so a client that
//!    pipelines megabytes and never reads costs bounded memory: the kernel's buffers fill and TCP flow
//!    control stops it. An idle connection holds no buffer at all.
//!
//! STLS: after the `+OK`, the session stops reading ([`Event::StartTls`]); input the client sent after the
//! STLS line before the handshake is discarded (plaintext must not be taken as commands sent under TLS), the
//! handshake runs ([`super::tls`]), and the session is told TLS is on. A failed handshake ends the connection.
//!
//! Ends: the session's `Close` (after QUIT, limits, timeouts), or the client's EOF / a socket error /
//! shutdown, which [`Session::hangup`]: locks are released and deletions are not committed, as when a real
//! server sees a dropped connection. A [`Drop`] guard hangs up any session not closed, so a panic or a
//! cancelled task cannot leave a mailbox locked. Each write (a batch of at most about 64 KiB of replies) must
//! complete within `--write-timeout-secs` (default 60, as nginx's `send_timeout`): a client that stops
//! reading is cut then, with an RST so that the output queued for it in the kernel is dropped too.
//!
//! Closing. Every close sends the final replies, then a FIN (`shutdown` of the write side), then reads and
//! discards what the client still sends for a moment (a "lingering close"): closing a socket that has unread
//! input makes the kernel send an RST, which may destroy the final reply still in flight. For
//! `Close { reset: true }` (Dovecot answers an over-long line with an RST, because it closes with the rest of
//! the line unread), the RST is emulated after that: the final bytes and the FIN go first, the drain is short
//! ([`RESET_DRAIN`]), then `SO_LINGER` 0 makes the close an RST. The client therefore always gets the final
//! reply and then sees EOF or `ECONNRESET`, depending on timing.

use std::cell::RefCell;
use std::io;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pop3_sim::{Event, Session, SessionConfig};
use tokio::time::{sleep, sleep_until, Instant};
use tokio_util::sync::CancellationToken;

use super::redact::{verb_name, Redactor};
use super::stream::Stream;
use super::Shared;

/// Size of a read.
const READ_BUF: usize = 16 * 1024;
/// Replies are coalesced into writes of about this size.
const WRITE_BATCH: usize = 64 * 1024;
/// How long a normal close keeps reading (and discarding) after its FIN.
pub(crate) const CLOSE_DRAIN: Duration = Duration::from_secs(2);
/// How long a `reset` close reads after its FIN before the RST.
pub(crate) const RESET_DRAIN: Duration = Duration::from_millis(200);

thread_local! {
    /// Reads land here and are fed to the session before the next `.await`, so one buffer per worker thread
    /// serves every connection.
    static SCRATCH: RefCell<Box<[u8]>> = RefCell::new(vec![0; READ_BUF].into_boxed_slice());
}

/// Why the loop ended.
#[derive(Debug)]
enum End {
    /// The session closed (its `Close` event).
    Closed {
        reset: bool,
    },
    /// The client closed its side.
    ClientEof,
    ReadError(io::Error),
    WriteError(io::Error),
    /// The client did not take our replies before the session's deadline.
    WriteStalled,
    /// Shutdown while waiting for input.
    Shutdown,
    /// The shutdown grace period ended.
    Aborted,
    /// The TLS handshake after STLS failed (logged by [`super::tls`]).
    TlsFailed,
    /// The session took no input although all its replies were written (would be a core bug).
    Stuck,
}

/// A client connection.
pub(crate) struct Connection {
    stream: Stream,
    shared: Arc<Shared>,
    session: Session,
    /// Input the session has not taken yet (only under backpressure).
    leftover: Vec<u8>,
    redact: Redactor,
}

impl Connection {
    /// Greets: creates the session (its greeting is queued). `peer` is the client's address as the core
    /// counts failed logins by (`network_fault::client_address`). On a TLS stream (implicit TLS), the
    /// session starts with TLS on.
    pub(crate) fn new(id: u64, stream: Stream, peer: String, shared: Arc<Shared>) -> Connection {
        // Replies are coalesced per batch already; Nagle would only delay them.
        if let Some(tcp) = stream.tcp() {
            let _ = tcp.set_nodelay(true);
        }
        let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        let config = SessionConfig {
            now_ms: shared.clock.now_ms(),
            unix_time: since_epoch.as_secs(),
            seed: mix(id, since_epoch.as_nanos() as u64),
            tls_available: true,
            tls_active: matches!(stream, Stream::Tls { .. }),
            peer,
        };
        let session = shared.server().connect(config);
        Connection { stream, shared, session, leftover: Vec::new(), redact: Redactor::new() }
    }

    /// Serves the connection to its end.
    pub(crate) async fn run(mut self) {
        tracing::info!("connected");
        let end = self.drive().await;
        match &end {
            End::Closed { reset } => tracing::info!(reset, state = ?self.session.state(), "closed by the server"),
            End::ClientEof => tracing::info!(state = ?self.session.state(), "closed by the client"),
            End::Shutdown => tracing::info!("closed for shutdown"),
            End::Aborted => tracing::info!("cut: shutdown grace period over"),
            End::ReadError(error) | End::WriteError(error) => tracing::info!(%error, "connection failed"),
            End::WriteStalled => tracing::info!(
                timeout_secs = self.shared.write_timeout.as_secs(),
                "client stopped reading: cut, its queued output dropped"
            ),
            End::TlsFailed => {}
            End::Stuck => tracing::error!("the session takes no more input: closed"),
        }
        match end {
            End::Closed { reset } => self.close(reset).await,
            End::Shutdown | End::Stuck => {
                self.hangup();
                let _ = tokio::time::timeout(Duration::from_secs(1), self.stream.shutdown()).await;
            }
            End::WriteStalled => {
                self.hangup();
                // Closing with SO_LINGER 0 sends an RST and frees what the kernel still holds for the client.
                let _ = self.stream.set_zero_linger();
            }
            _ => self.hangup(),
        }
    }

    async fn drive(&mut self) -> End {
        let mut stuck = 0;
        loop {
            if let Err(end) = self.write_events().await {
                return end;
            }
            if !self.leftover.is_empty() {
                let used = {
                    let now = self.shared.clock.now_ms();
                    self.session.receive(&self.leftover, now, &mut self.shared.server())
                };
                self.leftover.drain(..used);
                if self.leftover.is_empty() {
                    self.leftover = Vec::new();
                }
                stuck = if used == 0 { stuck + 1 } else { 0 };
                if stuck > 1 {
                    return End::Stuck;
                }
                continue;
            }
            let deadline = self.session.poll_timeout().map(|ms| self.shared.clock.instant(ms));
            tokio::select! {
                biased;
                () = self.shared.shutdown.cancelled() => return End::Shutdown,
                ready = self.stream.readable() => {
                    if let Err(error) = ready {
                        return End::ReadError(error);
                    }
                    if let Some(end) = self.read_and_feed() {
                        return end;
                    }
                }
                () = sleep_until_some(deadline) => {
                    let now = self.shared.clock.now_ms();
                    let fired = self.session.handle_timeout(now, &mut self.shared.server());
                    if let Some(fired) = fired {
                        // The core names the timer: an autologout fault is told apart from the profile's own.
                        let seconds = fired.length_ms as f64 / 1000.0;
                        tracing::info!(timer = %fired.timer, %seconds, "timer fired");
                    }
                }
            }
        }
    }

    /// Reads what is there and feeds it; keeps what the session does not take.
    fn read_and_feed(&mut self) -> Option<End> {
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            match self.stream.try_read(&mut scratch) {
                Ok(0) => Some(End::ClientEof),
                Ok(n) => {
                    let input = &scratch[..n];
                    self.redact.input(input);
                    let now = self.shared.clock.now_ms();
                    let used = self.session.receive(input, now, &mut self.shared.server());
                    self.leftover.extend_from_slice(&input[used..]);
                    None
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => None,
                Err(e) => Some(End::ReadError(e)),
            }
        })
    }

    /// Performs the queued events. `Err` ends the connection (including the session's own close).
    async fn write_events(&mut self) -> Result<(), End> {
        let mut batch: Vec<u8> = Vec::new();
        while let Some(event) = self.session.poll_event() {
            match event {
                Event::Reply(reply) => {
                    let exp = &reply.explanation;
                    tracing::debug!(verb = verb_name(exp.command.as_ref()), status = ?exp.status, octets = reply.bytes.len(), "reply");
                    self.redact.reply(exp.status);
                    if batch.is_empty() {
                        batch = reply.bytes;
                    } else {
                        batch.extend_from_slice(&reply.bytes);
                    }
                    if batch.len() >= WRITE_BATCH {
                        self.send(&std::mem::take(&mut batch)).await?;
                    }
                }
                Event::Pause { millis } => {
                    self.send(&std::mem::take(&mut batch)).await?;
                    if !self.shared.no_delays {
                        tracing::debug!(millis, "pause");
                        tokio::select! {
                            () = sleep(Duration::from_millis(millis)) => {}
                            () = self.shared.abort.cancelled() => return Err(End::Aborted),
                        }
                    }
                }
                Event::StartTls => {
                    self.send(&std::mem::take(&mut batch)).await?;
                    self.start_tls().await?;
                }
                Event::Close { reset } => {
                    self.send(&batch).await?;
                    return Err(End::Closed { reset });
                }
            }
        }
        self.send(&batch).await
    }

    /// STLS was accepted and its `+OK` written: the handshake, then TLS from here on.
    async fn start_tls(&mut self) -> Result<(), End> {
        if !self.leftover.is_empty() {
            tracing::debug!(octets = self.leftover.len(), "input sent before the TLS handshake discarded");
            self.leftover = Vec::new();
        }
        let tcp = match std::mem::replace(&mut self.stream, Stream::Detached) {
            Stream::Plain(tcp) => tcp,
            other => {
                // The core offers STLS only before TLS; were it asked again, the connection ends.
                self.stream = other;
                return Err(End::TlsFailed);
            }
        };
        let tls = self.shared.tls.handshake(tcp, &self.shared.shutdown).await.ok_or(End::TlsFailed)?;
        self.stream = Stream::tls(tls);
        self.session.tls_established();
        self.redact = Redactor::new();
        Ok(())
    }

    /// Writes all of `bytes` within `--write-timeout-secs`.
    async fn send(&mut self, bytes: &[u8]) -> Result<(), End> {
        if bytes.is_empty() {
            return Ok(());
        }
        let deadline = Instant::now() + self.shared.write_timeout;
        tokio::select! {
            written = self.stream.write_all(bytes) => written.map_err(End::WriteError),
            () = sleep_until(deadline) => Err(End::WriteStalled),
            () = self.shared.abort.cancelled() => Err(End::Aborted),
        }
    }

    /// The session closed: FIN after the final replies, a short lingering drain, then (for `reset`) an RST.
    async fn close(&mut self, reset: bool) {
        lingering_close(&mut self.stream, if reset { RESET_DRAIN } else { CLOSE_DRAIN }, &self.shared.abort).await;
        if reset {
            if let Err(error) = self.stream.set_zero_linger() {
                tracing::debug!(%error, "cannot set SO_LINGER 0; closing with FIN");
            }
        }
    }

    /// The connection ends without the session's close: release locks, commit nothing.
    fn hangup(&mut self) {
        if !self.session.is_closed() {
            self.session.hangup(&mut self.shared.server());
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.hangup();
    }
}

/// FIN after the last bytes written, then read and discard for up to `drain` or until the client's EOF:
/// closing with unread input would send an RST, which may destroy the last bytes still in flight.
pub(crate) async fn lingering_close(stream: &mut Stream, drain: Duration, abort: &CancellationToken) {
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.shutdown()).await;
    let until = Instant::now() + drain;
    loop {
        tokio::select! {
            ready = stream.readable() => {
                if ready.is_err() {
                    break;
                }
                let read = SCRATCH.with(|scratch| stream.try_read(&mut scratch.borrow_mut()));
                match read {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(_) => break,
                }
            }
            () = sleep_until(until) => break,
            () = abort.cancelled() => break,
        }
    }
}

async fn sleep_until_some(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

/// SplitMix64 of the connection number and the time: distinct seeds for APOP and CRAM-MD5 challenges.
fn mix(id: u64, nanos: u64) -> u64 {
    let mut z = id.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ nanos;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
