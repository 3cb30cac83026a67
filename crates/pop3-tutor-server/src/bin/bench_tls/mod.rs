//! How `load` and `idle` reach the server under test: plain TCP, or implicit TLS (POP3S) trusting only the CA
//! in `--tls-ca`, so pop3-tutor-server and Dovecot are measured over TLS with the same client.
//!
//! Session resumption is off: every session pays a full handshake, with either server (a client that
//! resumed with one and not the other would measure the cache, not the server).

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_rustls::TlsConnector;

use super::STEP;

/// A connection to the server: TCP or TLS over it.
pub trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

/// Opens connections to one server.
pub struct Dialer {
    addr: SocketAddr,
    tls: Option<TlsConnector>,
}

impl Dialer {
    /// Plain TCP to `addr`, or implicit TLS with the CA in `tls_ca` (the server's certificate must name
    /// `addr`'s IP address).
    pub fn new(addr: SocketAddr, tls_ca: Option<&Path>) -> anyhow::Result<Dialer> {
        let Some(ca) = tls_ca else { return Ok(Dialer { addr, tls: None }) };
        let mut roots = rustls::RootCertStore::empty();
        for cert in CertificateDer::pem_file_iter(ca).with_context(|| format!("--tls-ca {}", ca.display()))? {
            roots.add(cert.with_context(|| format!("--tls-ca {}: not PEM", ca.display()))?)?;
        }
        let mut config =
            rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
                .with_safe_default_protocol_versions()?
                .with_root_certificates(roots)
                .with_no_client_auth();
        config.resumption = rustls::client::Resumption::disabled();
        Ok(Dialer { addr, tls: Some(TlsConnector::from(Arc::new(config))) })
    }

    /// Connects (and makes the TLS handshake).
    pub async fn connect(&self) -> anyhow::Result<Box<dyn Stream>> {
        let stream = timeout(STEP, TcpStream::connect(self.addr)).await.context("connect timed out")??;
        stream.set_nodelay(true)?;
        let Some(tls) = &self.tls else { return Ok(Box::new(stream)) };
        let name = ServerName::IpAddress(self.addr.ip().into());
        let stream = timeout(STEP, tls.connect(name, stream)).await.context("TLS handshake timed out")??;
        Ok(Box::new(stream))
    }
}
