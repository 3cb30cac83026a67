//! Accepting connections with back-off, for both listeners (the TCP mode's and the bridge's). An accept that
//! fails — out of file descriptors, a connection reset before it was accepted — is retried after a pause that
//! doubles from 10 ms up to a second, and logged once per burst (the first failure, then "accept works again"
//! with their number): a descriptor shortage must neither spin nor flood the log.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;

const FIRST_PAUSE: Duration = Duration::from_millis(10);
const LONGEST_PAUSE: Duration = Duration::from_secs(1);

/// A listener and its current burst of failed accepts.
pub struct Acceptor {
    listener: TcpListener,
    failures: u64,
}

impl Acceptor {
    /// Accepts from `listener`.
    pub fn new(listener: TcpListener) -> Acceptor {
        Acceptor { listener, failures: 0 }
    }

    /// The next connection, or `None` once `shutdown` is cancelled.
    pub async fn next(&mut self, shutdown: &CancellationToken) -> Option<(TcpStream, SocketAddr)> {
        let mut pause = FIRST_PAUSE;
        loop {
            let accepted = tokio::select! {
                accepted = self.listener.accept() => accepted,
                () = shutdown.cancelled() => return None,
            };
            match accepted {
                Ok(accepted) => {
                    if self.failures > 0 {
                        tracing::info!(failures = self.failures, "accept works again");
                        self.failures = 0;
                    }
                    return Some(accepted);
                }
                Err(error) => {
                    self.failures += 1;
                    if self.failures == 1 {
                        tracing::warn!(%error, "accept failed; retrying with back-off (not logged again until it works)");
                    }
                    tokio::select! {
                        () = tokio::time::sleep(pause) => {}
                        () = shutdown.cancelled() => return None,
                    }
                    pause = (pause * 2).min(LONGEST_PAUSE);
                }
            }
        }
    }
}
