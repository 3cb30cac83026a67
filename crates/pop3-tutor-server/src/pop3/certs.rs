//! The TCP mode's certificates, made at start with rcgen: a CA, and a server certificate it signs for the
//! names a client may use to reach the server (the scenario's host names, `localhost` and the listening
//! addresses), or the scenario's faulty certificate instead.
//!
//! Why made here: a trainer has no certificate for `pop.outlook.pl`, and the scenario's `certificate` fault
//! must reach real clients as the very defect it names, so that each shows its own real error. The defects
//! are those of the browser's `openssl s_client` emulation (`src/console/openssl.rs`), made real:
//!
//! - `expired`: signed by the CA, valid for the right names, but its validity ended 30 days ago (it began
//!   395 days ago). OpenSSL: verify error 10, "certificate has expired".
//! - `self_signed`: for the right names, but signed by its own key rather than the CA. OpenSSL: 18,
//!   "self-signed certificate".
//! - `wrong_name`: signed by the CA, valid, but only for [`CertProblem::WRONG_NAME_HOST`]. OpenSSL with
//!   `-verify_hostname`: 62, "hostname mismatch".
//!
//! The CA is new at every start and its private key never leaves the process, so a client told to trust it
//! (`--write-ca`) trusts nothing once the server has stopped; unless `--ca-key FILE` keeps the CA's key, so
//! that a client that trusts the CA keeps trusting the server after a restart with another scenario (the
//! trainer's "now the certificate has expired"). The CA's name is derived from its key, so the CA made again
//! from a kept key has the name the client knows, and the server sends only its own certificate: the client
//! finds the CA in its own store, by that name and key. Keys are ECDSA P-256 (rcgen's default).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use anyhow::Context as _;
use pop3_sim::civil::Civil;
use pop3_sim::scenario::CertProblem;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    SanType,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

const DAY: u64 = 86_400;

/// A server certificate with its chain and key, and the CA a client may be told to trust.
pub(crate) struct Generated {
    /// The CA's certificate (PEM), for `--write-ca`.
    pub(crate) ca_pem: String,
    /// What the server presents: its own certificate only.
    pub(crate) chain: Vec<CertificateDer<'static>>,
    pub(crate) key: PrivateKeyDer<'static>,
}

/// The names a server certificate is for: DNS names and IP addresses.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Names {
    pub(crate) dns: Vec<String>,
    pub(crate) ips: Vec<IpAddr>,
}

impl Names {
    /// The scenario's `hosts` first (the first one is the subject's common name, as in the browser), then
    /// `localhost` and the loopback addresses, then each listening address that is a specific one (not
    /// `0.0.0.0` or `::`), so that a local client can verify whichever it connects to.
    pub(crate) fn new(hosts: &[String], listening: &[SocketAddr]) -> Names {
        let mut names =
            Names { dns: Vec::new(), ips: vec![IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(Ipv6Addr::LOCALHOST)] };
        for host in hosts.iter().map(String::as_str).chain(["localhost"]) {
            match host.parse::<IpAddr>() {
                // A scenario may name its server by address (the reference worlds' `127.0.0.1`).
                Ok(ip) => names.add_ip(ip),
                Err(_) if !names.dns.iter().any(|d| d.eq_ignore_ascii_case(host)) => names.dns.push(host.to_string()),
                Err(_) => {}
            }
        }
        for ip in listening.iter().map(|a| a.ip()).filter(|ip| !ip.is_unspecified()) {
            names.add_ip(ip);
        }
        names
    }

    fn add_ip(&mut self, ip: IpAddr) {
        if !self.ips.contains(&ip) {
            self.ips.push(ip);
        }
    }
}

/// Makes the CA (with `ca_key`) and the server certificate for `names`, with the scenario's `problem`, at
/// `now` (Unix time).
pub(crate) fn generate(
    names: &Names,
    problem: Option<CertProblem>,
    now: u64,
    ca_key: &KeyPair,
) -> anyhow::Result<Generated> {
    let mut ca = CertificateParams::new(Vec::<String>::new()).context("the CA's parameters")?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca.distinguished_name.push(DnType::OrganizationName, "pop3-tutor");
    ca.distinguished_name.push(DnType::CommonName, ca_name(ca_key));
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    validity(&mut ca, now.saturating_sub(31 * DAY), now + 2 * 365 * DAY);
    let ca_cert = ca.self_signed(ca_key).context("signing the CA's certificate")?;

    let key = KeyPair::generate().context("generating the server's key")?;
    let leaf_names: Vec<String> = match problem {
        Some(CertProblem::WrongName) => vec![CertProblem::WRONG_NAME_HOST.to_string()],
        _ => names.dns.clone(),
    };
    let mut leaf = CertificateParams::new(leaf_names.clone()).context("the server certificate's names")?;
    if problem != Some(CertProblem::WrongName) {
        leaf.subject_alt_names.extend(names.ips.iter().map(|ip| SanType::IpAddress(*ip)));
    }
    leaf.distinguished_name.push(DnType::CommonName, leaf_names.first().map_or("localhost", String::as_str));
    leaf.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    // A year's validity begun a month ago; an expired one ended a month ago (as the browser's).
    match problem {
        Some(CertProblem::Expired) => validity(&mut leaf, now.saturating_sub(395 * DAY), now.saturating_sub(30 * DAY)),
        _ => validity(&mut leaf, now.saturating_sub(30 * DAY), now + 335 * DAY),
    }
    let chain = if problem == Some(CertProblem::SelfSigned) {
        vec![leaf.self_signed(&key).context("signing the self-signed certificate")?.der().clone()]
    } else {
        let issuer = Issuer::new(ca, ca_key);
        vec![leaf.signed_by(&key, &issuer).context("signing the server certificate")?.der().clone()]
    };
    Ok(Generated {
        ca_pem: ca_cert.pem(),
        chain,
        key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
    })
}

/// The CA's common name: the same for the same key, and telling one CA from another in a client's
/// certificate manager (the last octets of its public key).
fn ca_name(key: &KeyPair) -> String {
    let raw = key.public_key_raw();
    let tag: String = raw[raw.len().saturating_sub(4)..].iter().map(|b| format!("{b:02X}")).collect();
    format!("pop3-tutor training CA {tag}")
}

/// Valid from the start of the day of Unix time `from` to the start of the day of `until`.
fn validity(params: &mut CertificateParams, from: u64, until: u64) {
    let day = |unix| {
        let civil = Civil::from_unix(unix);
        // Civil's fields are in range by construction (month 1–12, day 1–31, a year of u64 seconds / 365 days).
        rcgen::date_time_ymd(i32::try_from(civil.year).unwrap_or(9999), civil.month as u8, civil.day as u8)
    };
    params.not_before = day(from);
    params.not_after = day(until);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_hosts_then_loopback_then_specific_listening_addresses() {
        let hosts = ["pop.example.com".to_string(), "127.0.0.1".to_string(), "POP.example.com".to_string()];
        let listening = ["0.0.0.0:110".parse().unwrap(), "192.0.2.1:995".parse().unwrap()];
        let names = Names::new(&hosts, &listening);
        assert_eq!(names.dns, ["pop.example.com", "localhost"]);
        let ips: Vec<IpAddr> = ["127.0.0.1", "::1", "192.0.2.1"].iter().map(|ip| ip.parse().unwrap()).collect();
        assert_eq!(names.ips, ips);
    }
}
