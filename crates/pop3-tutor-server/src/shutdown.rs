//! Waiting for the signal to stop: Ctrl-C (SIGINT) or SIGTERM (what `kill`, systemd and container runtimes
//! send).
//!
//! Its own module because every subcommand stops the same way. The handlers are installed by [`Signals::new`],
//! synchronously, *before* the subcommand announces its address: a signal sent as soon as a client can
//! connect must already find them (installed lazily, on the first poll of the waiting future, a SIGTERM that
//! came first would kill the process with the default action instead of shutting it down).

use std::io;

/// Installed signal handlers.
pub struct Signals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl Signals {
    /// Installs the handlers now (needs a tokio runtime).
    pub fn new() -> io::Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Signals { interrupt: signal(SignalKind::interrupt())?, terminate: signal(SignalKind::terminate())? })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    /// Resolves at the first SIGINT or SIGTERM.
    pub async fn recv(mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.interrupt.recv() => tracing::info!("SIGINT: shutting down"),
            _ = self.terminate.recv() => tracing::info!("SIGTERM: shutting down"),
        }
        #[cfg(not(unix))]
        {
            let _ = &mut self;
            if tokio::signal::ctrl_c().await.is_ok() {
                tracing::info!("Ctrl-C: shutting down");
            } else {
                std::future::pending::<()>().await;
            }
        }
    }
}
