//! The TCP mode's TLS: the server configuration (rustls, the `ring` provider) and the handshake, for implicit
//! TLS on `--tls-listen` and for STLS on the plain listener.
//!
//! The certificate is `--cert`/`--key` (PEM files), or one made at start ([`super::certs`]) with its CA,
//! which `--write-ca` writes out for clients to trust; `--ca-key` keeps the CA's key for later starts. A scenario's `certificate` fault needs the made one:
//! it is refused beside `--cert` rather than silently not shown.
//!
//! A handshake is an attacker's cheapest way to hold a connection, so it has a deadline
//! (`--tls-handshake-timeout-secs`), and what it buffers is bounded by rustls (one handshake message at most):
//! a client that sends garbage instead of a ClientHello fails at once, one that stalls is dropped at the
//! deadline. Its outcome is logged at INFO: the protocol version and cipher suite, or why it failed (the reason
//! may quote the client's server name: the log escapes every field, see [`crate::logging`]).

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use pop3_sim::Scenario;
use rcgen::KeyPair;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::ServerConfig;
use tokio::net::TcpStream;
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;
use tokio_util::sync::CancellationToken;

use super::certs::{self, Names};
use crate::cli::Pop3Args;

/// The server's TLS: what it presents, and how long a handshake may take.
pub(crate) struct Tls {
    acceptor: TlsAcceptor,
    handshake_timeout: Duration,
}

impl Tls {
    /// Loads `--cert`/`--key`, or makes a certificate for the scenario (with its `certificate` fault) and the
    /// listening addresses, writing its CA to `--write-ca`.
    pub(crate) fn new(args: &Pop3Args, scenario: &Scenario) -> anyhow::Result<Tls> {
        let problem = scenario.certificate_problem();
        let (chain, key) = match (&args.cert, &args.key) {
            (Some(cert), Some(key)) => {
                anyhow::ensure!(
                    problem.is_none(),
                    "the scenario's certificate fault ({problem:?}) needs the certificate the server makes: \
                     leave out --cert and --key to show it"
                );
                (read_chain(cert)?, read_key(key)?)
            }
            _ => {
                let listening: Vec<_> = std::iter::once(args.listen).chain(args.tls_listen).collect();
                let names = Names::new(&scenario.hosts, &listening);
                let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
                let ca_key = match &args.ca_key {
                    Some(path) => kept_ca_key(path)?,
                    None => KeyPair::generate().context("generating the CA's key")?,
                };
                let made = certs::generate(&names, problem, now, &ca_key)?;
                tracing::info!(dns = ?names.dns, ips = ?names.ips, ?problem, "certificate made for this run");
                if let Some(path) = &args.write_ca {
                    std::fs::write(path, &made.ca_pem)
                        .with_context(|| format!("--write-ca {}: cannot write the file", path.display()))?;
                    tracing::info!(path = %path.display(), "CA certificate written");
                }
                (made.chain, made.key)
            }
        };
        let config = ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .context("TLS protocol versions")?
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .context("the certificate does not match the key, or is unusable")?;
        Ok(Tls {
            acceptor: TlsAcceptor::from(Arc::new(config)),
            handshake_timeout: Duration::from_secs(args.tls_handshake_timeout_secs),
        })
    }

    /// The server's side of a handshake on `tcp`, within the deadline and until `shutdown`; logs the outcome.
    /// `None`: it failed, and the connection is dropped.
    pub(crate) async fn handshake(
        &self,
        tcp: TcpStream,
        shutdown: &CancellationToken,
    ) -> Option<Box<TlsStream<TcpStream>>> {
        let outcome = tokio::select! {
            outcome = tokio::time::timeout(self.handshake_timeout, self.acceptor.accept(tcp)) => outcome,
            () = shutdown.cancelled() => {
                tracing::info!("TLS handshake cut for shutdown");
                return None;
            }
        };
        match outcome {
            Ok(Ok(stream)) => {
                let (_, connection) = stream.get_ref();
                tracing::info!(
                    version = ?connection.protocol_version(),
                    cipher_suite = ?connection.negotiated_cipher_suite().map(|s| s.suite()),
                    server_name = connection.server_name(),
                    "TLS established"
                );
                Some(Box::new(stream))
            }
            Ok(Err(error)) => {
                tracing::info!(reason = %error, "TLS handshake failed");
                None
            }
            Err(_) => {
                tracing::info!(timeout_secs = self.handshake_timeout.as_secs(), "TLS handshake timed out: dropped");
                None
            }
        }
    }
}

/// The CA key kept in `path`, made and written there (readable by the owner only) if the file is absent.
fn kept_ca_key(path: &Path) -> anyhow::Result<KeyPair> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    match std::fs::read_to_string(path) {
        Ok(pem) => KeyPair::from_pem(&pem)
            .with_context(|| format!("--ca-key {}: not a PEM private key rcgen can use", path.display())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let key = KeyPair::generate().context("generating the CA's key")?;
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)
                .with_context(|| format!("--ca-key {}: cannot create the file", path.display()))?;
            file.write_all(key.serialize_pem().as_bytes())
                .with_context(|| format!("--ca-key {}: cannot write the file", path.display()))?;
            tracing::info!(path = %path.display(), "CA key made and kept");
            Ok(key)
        }
        Err(error) => Err(error).with_context(|| format!("--ca-key {}: cannot read the file", path.display())),
    }
}

fn read_chain(path: &Path) -> anyhow::Result<Vec<CertificateDer<'static>>> {
    let chain = CertificateDer::pem_file_iter(path)
        .with_context(|| format!("--cert {}: cannot read the file", path.display()))?
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("--cert {}: not a PEM certificate file", path.display()))?;
    anyhow::ensure!(!chain.is_empty(), "--cert {}: no CERTIFICATE in the file", path.display());
    Ok(chain)
}

fn read_key(path: &Path) -> anyhow::Result<PrivateKeyDer<'static>> {
    PrivateKeyDer::from_pem_file(path)
        .with_context(|| format!("--key {}: no PEM private key (PKCS#8, PKCS#1 or SEC1) in the file", path.display()))
}
