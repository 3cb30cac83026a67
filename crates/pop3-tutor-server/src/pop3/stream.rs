//! A client's byte stream: plain TCP, or TLS over it (implicit, or after STLS), behind the few operations a
//! connection needs.
//!
//! Reading is "wait until readable, then read what is there without waiting" for both, so that an idle
//! connection holds no read buffer of its own and input is read into the caller's per-thread scratch buffer
//! (see [`super::connection`]). For TLS, rustls may hold plaintext that the socket no longer shows as
//! readable: records that came with the client's last handshake message, or the rest of what one read
//! decrypted (a read hands out one record's worth). So after the handshake and after every read that gave
//! something, the next wait returns at once and the read is tried again; only a read that found nothing
//! waits for the socket.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use tokio::io::{AsyncRead, AsyncWriteExt as _, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::server::TlsStream;

/// A client connection's stream.
pub(crate) enum Stream {
    Plain(TcpStream),
    Tls {
        stream: Box<TlsStream<TcpStream>>,
        /// rustls may hold plaintext: read before waiting for the socket.
        more: bool,
    },
    /// Between STLS's `+OK` and the end of the handshake, which has the socket. Reads and writes fail.
    Detached,
}

impl Stream {
    pub(crate) fn tls(stream: Box<TlsStream<TcpStream>>) -> Stream {
        Stream::Tls { stream, more: true }
    }

    /// The TCP socket underneath.
    pub(crate) fn tcp(&self) -> Option<&TcpStream> {
        match self {
            Stream::Plain(tcp) => Some(tcp),
            Stream::Tls { stream, .. } => Some(stream.get_ref().0),
            Stream::Detached => None,
        }
    }

    /// Waits until [`Stream::try_read`] may return something.
    pub(crate) async fn readable(&self) -> io::Result<()> {
        match self {
            Stream::Tls { more: true, .. } => Ok(()),
            _ => self.tcp().ok_or_else(detached)?.readable().await,
        }
    }

    /// Reads what is there without waiting (`WouldBlock` when nothing is).
    pub(crate) fn try_read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(tcp) => tcp.try_read(buf),
            Stream::Tls { stream, more } => {
                // One poll with a no-op waker: `readable` is what waits, on the socket's readiness.
                let mut read = ReadBuf::new(buf);
                let polled = Pin::new(&mut **stream).poll_read(&mut Context::from_waker(Waker::noop()), &mut read);
                match polled {
                    Poll::Ready(Ok(())) => {
                        let n = read.filled().len();
                        *more = n > 0;
                        Ok(n)
                    }
                    // Most clients close without TLS's close_notify; POP3's own framing shows a cut reply, so
                    // this is the client's EOF, as over plain TCP.
                    Poll::Ready(Err(error)) if error.kind() == io::ErrorKind::UnexpectedEof => Ok(0),
                    Poll::Ready(Err(error)) => Err(error),
                    Poll::Pending => {
                        *more = false;
                        Err(io::ErrorKind::WouldBlock.into())
                    }
                }
            }
            Stream::Detached => Err(detached()),
        }
    }

    /// Writes all of `bytes` and flushes them to the socket (TLS buffers its records until flushed).
    pub(crate) async fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Stream::Plain(tcp) => tcp.write_all(bytes).await,
            Stream::Tls { stream, .. } => {
                stream.write_all(bytes).await?;
                stream.flush().await
            }
            Stream::Detached => Err(detached()),
        }
    }

    /// Closes the sending side: a FIN, after TLS's close_notify.
    pub(crate) async fn shutdown(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(tcp) => tcp.shutdown().await,
            Stream::Tls { stream, .. } => stream.shutdown().await,
            Stream::Detached => Ok(()),
        }
    }

    /// Makes the close an RST (`SO_LINGER` 0).
    pub(crate) fn set_zero_linger(&self) -> io::Result<()> {
        self.tcp().ok_or_else(detached)?.set_zero_linger()
    }
}

fn detached() -> io::Error {
    io::Error::new(io::ErrorKind::NotConnected, "the socket is in a TLS handshake")
}
