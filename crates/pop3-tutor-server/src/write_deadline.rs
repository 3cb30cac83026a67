//! A write deadline for a socket: a write (or flush) that makes no progress for the limit fails with
//! `TimedOut`, so a peer that stops reading cannot hold a connection, and what is queued for it, for ever.
//!
//! hyper has a deadline for reading a request's head but none for writing a response; wrapping the socket
//! gives one to every write hyper makes. The deadline can be switched off ([`WriteDeadline::switch`]) when
//! the connection becomes something with limits of its own (a WebSocket session, with its idle timeout).

use std::future::Future as _;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{sleep, Sleep};

/// `inner` with a write deadline.
#[derive(Debug)]
pub struct WriteDeadline<T> {
    inner: T,
    limit: Duration,
    on: Arc<AtomicBool>,
    /// Armed when a write first waits; disarmed by any progress.
    timer: Option<Pin<Box<Sleep>>>,
}

impl<T> WriteDeadline<T> {
    /// Writes to `inner` must make progress within `limit`.
    pub fn new(inner: T, limit: Duration) -> WriteDeadline<T> {
        WriteDeadline { inner, limit, on: Arc::new(AtomicBool::new(true)), timer: None }
    }

    /// Stores `false` here to switch the deadline off.
    pub fn switch(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.on)
    }

    fn check<R>(&mut self, cx: &mut Context<'_>, result: Poll<io::Result<R>>) -> Poll<io::Result<R>> {
        match result {
            Poll::Pending if self.on.load(Ordering::Relaxed) => {
                let limit = self.limit;
                let timer = self.timer.get_or_insert_with(|| Box::pin(sleep(limit)));
                if timer.as_mut().poll(cx).is_ready() {
                    self.timer = None;
                    let message = format!("no write progress for {limit:?}: the peer does not read");
                    return Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, message)));
                }
                Poll::Pending
            }
            Poll::Pending => {
                self.timer = None;
                Poll::Pending
            }
            ready => {
                self.timer = None;
                ready
            }
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for WriteDeadline<T> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for WriteDeadline<T> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.check(cx, result)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.check(cx, result)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_flush(cx);
        this.check(cx, result)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_shutdown(cx);
        this.check(cx, result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    #[tokio::test]
    async fn a_peer_that_does_not_read_fails_the_write() {
        let (near, mut far) = tokio::io::duplex(1024);
        let mut near = WriteDeadline::new(near, Duration::from_millis(100));
        let error = near.write_all(&[0u8; 64 * 1024]).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::TimedOut);

        // A reader, however slow, that keeps making progress is served.
        let (near, mut far2) = tokio::io::duplex(1024);
        let mut near = WriteDeadline::new(near, Duration::from_millis(200));
        let reader = tokio::spawn(async move {
            let mut got = 0;
            let mut buf = [0u8; 512];
            while got < 8 * 1024 {
                tokio::time::sleep(Duration::from_millis(20)).await;
                got += far2.read(&mut buf).await.unwrap();
            }
        });
        near.write_all(&[0u8; 8 * 1024]).await.unwrap();
        reader.await.unwrap();

        // Switched off: waits like the plain stream.
        let (near, _far3) = tokio::io::duplex(16);
        let mut near = WriteDeadline::new(near, Duration::from_millis(50));
        near.switch().store(false, Ordering::Relaxed);
        let waited = tokio::time::timeout(Duration::from_millis(300), near.write_all(&[0u8; 1024])).await;
        assert!(waited.is_err(), "no deadline once switched off");
        drop(far.read(&mut [0u8; 1]).await);
    }
}
