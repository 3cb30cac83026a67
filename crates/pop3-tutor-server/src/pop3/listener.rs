//! Accepting connections on the plain listener and the implicit-TLS one (`--tls-listen`), at most `--max-connections` at once and `--max-connections-per-address` from one
//! address (IPv6: per /64, and four times that per /48; [`crate::shares`]); what an address over its share is
//! told is [`per_address`]'s. Refusals are logged at most once per 10 s, with the count left out.
//!
//! As in tokio's and mini-redis's servers, a permit from a [`Semaphore`] is taken *before* `accept`, so when
//! the limit is reached the listener stops accepting and new clients wait in the kernel's backlog instead of
//! costing memory here. Each connection runs in its own task, tracked so shutdown can wait for them; the task
//! first asks whether the scenario has a network fault for it (a `timed_out` one holds its permit too), then,
//! on the TLS listener, makes the handshake (within its deadline: [`super::tls`]) before the session starts.
//! Both listeners count against the same limits.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::accept::Acceptor;
use crate::shares::{Burst, Shares};
use tokio_util::task::TaskTracker;
use tracing::Instrument as _;

use super::connection::Connection;
use super::per_address;
use super::stream::Stream;
use super::{network_fault, Shared};

/// The scenario port the implicit-TLS listener stands for (its network faults).
pub(crate) const IMPLICIT_TLS_PORT: u16 = 995;

/// The accept loops' shared limits.
pub(crate) struct Listener {
    shared: Arc<Shared>,
    limit: Arc<Semaphore>,
    per_address: Arc<Shares>,
    refusals: Burst,
    tracker: TaskTracker,
    next_id: AtomicU64,
}

impl Listener {
    pub(crate) fn new(shared: Arc<Shared>, max: usize, max_per_address: usize, tracker: TaskTracker) -> Listener {
        Listener {
            shared,
            limit: Arc::new(Semaphore::new(max)),
            per_address: Shares::new(max_per_address, max_per_address.saturating_mul(4)),
            refusals: Burst::new(Duration::from_secs(10)),
            tracker,
            next_id: AtomicU64::new(1),
        }
    }

    /// Accepts on `listener` until shutdown; with `implicit_tls`, each connection begins with a TLS handshake.
    pub(crate) async fn run(&self, listener: TcpListener, implicit_tls: bool) {
        let as_port = if implicit_tls { IMPLICIT_TLS_PORT } else { self.shared.as_port };
        let mut acceptor = Acceptor::new(listener);
        loop {
            let permit = tokio::select! {
                permit = Arc::clone(&self.limit).acquire_owned() => permit.expect("the semaphore is never closed"),
                () = self.shared.shutdown.cancelled() => return,
            };
            let Some((socket, peer)) = acceptor.next(&self.shared.shutdown).await else { return };
            let slot = match self.per_address.take(peer.ip()) {
                Ok(slot) => slot,
                Err(over) => {
                    if let Some(left_out) = self.refusals.note() {
                        tracing::info!(%peer, left_out, "connection refused: {over}");
                    }
                    per_address::refuse(socket, implicit_tls);
                    continue;
                }
            };
            let id = self.next_id.fetch_add(1, Ordering::Relaxed);
            let span = tracing::info_span!("conn", id, %peer, implicit_tls);
            let shared = Arc::clone(&self.shared);
            self.tracker.spawn(
                async move {
                    let address = network_fault::client_address(peer);
                    let fault = {
                        let mut server = shared.server();
                        // Old failed-login records (and so old bans) are let go; cheap unless a sweep is due.
                        server.expire_failures(shared.clock.now_ms());
                        network_fault::decide(&server, &address, as_port)
                    };
                    match fault {
                        Some(fault) => network_fault::act_out(fault, socket, &shared).await,
                        None if implicit_tls => {
                            if let Some(tls) = shared.tls.handshake(socket, &shared.shutdown).await {
                                Connection::new(id, Stream::tls(tls), address, shared).run().await;
                            }
                        }
                        None => Connection::new(id, Stream::Plain(socket), address, shared).run().await,
                    }
                    drop((slot, permit));
                }
                .instrument(span),
            );
        }
    }
}
