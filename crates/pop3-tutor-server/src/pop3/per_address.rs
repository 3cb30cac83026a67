//! What the TCP mode says to a connection over its address's share of `--max-connections` (the shares are
//! counted by [`crate::shares`], as the bridge's are: per IPv4 address or IPv6 /64, with a cap per IPv6 /48
//! of four times that).
//!
//! The connection is accepted (the kernel has completed the handshake already), told
//! `-ERR [SYS/TEMP] Too many connections from your address` — RFC 3206's code for "try again later", which
//! mail clients show — and closed at once, without reading anything and without a task of its own. On the
//! implicit-TLS listener the line is left out (a TLS client would take it for a broken handshake, and making
//! a handshake for a refusal would spend on the client that is over its share): the connection is closed.

use std::net::Shutdown;

use tokio::net::TcpStream;

/// The refusal line.
pub(crate) const REFUSAL: &[u8] = b"-ERR [SYS/TEMP] Too many connections from your address, try again later\r\n";

/// Sends [`REFUSAL`] (unless `implicit_tls`) if the socket takes it at once (a new socket's send buffer is
/// empty), then closes with a FIN. Never waits.
pub(crate) fn refuse(stream: TcpStream, implicit_tls: bool) {
    if !implicit_tls {
        let _ = stream.try_write(REFUSAL);
    }
    if let Ok(stream) = stream.into_std() {
        let _ = stream.shutdown(Shutdown::Write);
    }
}
