//! TLS towards the mail server: rustls (the `ring` provider), certificates verified against the Mozilla root
//! store compiled into the binary (`webpki-roots`: the bridge reads nothing from the system, so it behaves the
//! same on every machine and in a container without a CA bundle), or, with `--trust-ca FILE`, against the CA
//! certificates in that PEM file only (for tests and for a trainer's own private CA).
//!
//! Handshake failures are reported to the console with a stable key the tutor explains ([`failure_kind`]).

use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use pop3_bridge_proto::TlsFailureKind;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::CertificateDer;
use rustls::{CertificateError, ClientConfig, RootCertStore};

/// The client configuration shared by every session.
pub fn client_config(trust_ca: Option<&Path>) -> anyhow::Result<Arc<ClientConfig>> {
    let mut roots = RootCertStore::empty();
    match trust_ca {
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        Some(path) => {
            let mut found = 0;
            for cert in CertificateDer::pem_file_iter(path)
                .with_context(|| format!("--trust-ca {}: cannot read the file", path.display()))?
            {
                let cert =
                    cert.with_context(|| format!("--trust-ca {}: not a PEM certificate file", path.display()))?;
                roots.add(cert).with_context(|| format!("--trust-ca {}: unusable CA certificate", path.display()))?;
                found += 1;
            }
            anyhow::ensure!(found > 0, "--trust-ca {}: no CERTIFICATE in the file", path.display());
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .context("TLS protocol versions")?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// The kind of a handshake failure, for the console: `certificate_expired`, `unknown_issuer`, `wrong_name`
/// or `other` (`stls_refused` is the STLS exchange's, before any handshake). `error` is what tokio-rustls
/// returned (a rustls error wrapped in an I/O error, or a plain I/O error when the connection broke).
pub fn failure_kind(error: &std::io::Error) -> TlsFailureKind {
    let Some(rustls_error) = error.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) else {
        return TlsFailureKind::Other;
    };
    match rustls_error {
        rustls::Error::InvalidCertificate(cert) => match cert {
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => TlsFailureKind::CertificateExpired,
            CertificateError::UnknownIssuer => TlsFailureKind::UnknownIssuer,
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                TlsFailureKind::WrongName
            }
            _ => TlsFailureKind::Other,
        },
        _ => TlsFailureKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(e: rustls::Error) -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::InvalidData, e)
    }

    #[test]
    fn failures_have_stable_names() {
        let cert = |c| wrap(rustls::Error::InvalidCertificate(c));
        assert_eq!(failure_kind(&cert(CertificateError::Expired)), TlsFailureKind::CertificateExpired);
        assert_eq!(failure_kind(&cert(CertificateError::UnknownIssuer)), TlsFailureKind::UnknownIssuer);
        assert_eq!(failure_kind(&cert(CertificateError::NotValidForName)), TlsFailureKind::WrongName);
        assert_eq!(failure_kind(&cert(CertificateError::BadSignature)), TlsFailureKind::Other);
        assert_eq!(failure_kind(&wrap(rustls::Error::HandshakeNotComplete)), TlsFailureKind::Other);
        assert_eq!(failure_kind(&std::io::Error::from(std::io::ErrorKind::UnexpectedEof)), TlsFailureKind::Other);
    }

    #[test]
    fn the_default_roots_load() {
        client_config(None).unwrap();
        let file = std::env::temp_dir().join(format!("pop3-tutor-no-cert-{}.pem", std::process::id()));
        std::fs::write(&file, "nothing here\n").unwrap();
        let error = client_config(Some(&file)).unwrap_err().to_string();
        std::fs::remove_file(&file).unwrap();
        assert!(error.contains("no CERTIFICATE"), "{error}");
    }
}
