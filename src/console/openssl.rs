//! `openssl s_client`, the help desk's TLS probe: its options, the simulated handshake with the scenario's
//! certificate, and what it prints. Like telnet's, its texts are the program's own (OpenSSL's English), not UI
//! text.
//!
//! The texts were recorded from OpenSSL 3.0.19's `s_client` on Debian (terminal order; the certificate's PEM
//! block, the per-process error-queue address and the TLS 1.3 session tickets are left out). The handshake
//! itself is simulated: the certificate is the scenario's (see `pop3_sim::scenario::Fault::Certificate`),
//! issued for the server's first host name by a simulated authority the client trusts.

use pop3_sim::civil::Civil;
use pop3_sim::scenario::CertProblem;
use pop3_sim::{Event, Session};

use super::connection::{ConnInfo, Program};
use super::log::EntryKind;
use super::net::{self, Route};
use super::telnet::connect_timeout_ms;
use super::wait::WaitReason;
use super::{ClientStyle, Now, Shell, Topic};

/// The authority that signs the simulated servers' certificates (trusted by the simulated client).
const ISSUER: &str = "O = Simulated Trust Services, CN = Simulated CA R1";
/// OpenSSL's error-queue prefix (a thread id in a real run).
const QUEUE: &str = "40F72A03DA7F0000";
const DAY: u64 = 86_400;

/// `openssl s_client` options the console understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// `-connect HOST:PORT`: the host.
    pub host: String,
    /// … and the port as typed.
    pub port: String,
    /// `-starttls pop3`: STLS on the plain port first.
    pub starttls: bool,
    /// `-crlf`: send CRLF line ends (without it, a bare LF).
    pub crlf: bool,
    /// `-verify_hostname NAME`: check the certificate's name.
    pub verify_hostname: Option<String>,
}

impl Options {
    /// Reads `s_client` and its arguments (after `openssl`); `None` for anything else, which the shell
    /// answers with a usage note. Unknown flags that change nothing here (`-quiet`, `-servername`,
    /// `-CAfile` with its value, …) are accepted.
    pub fn parse(args: &[&str]) -> Option<Options> {
        let (first, rest) = args.split_first()?;
        if *first != "s_client" {
            return None;
        }
        let mut options =
            Options { host: String::new(), port: String::new(), starttls: false, crlf: false, verify_hostname: None };
        let mut it = rest.iter();
        while let Some(arg) = it.next() {
            match *arg {
                "-connect" => {
                    let (host, port) = it.next()?.rsplit_once(':')?;
                    options.host = host.to_string();
                    options.port = port.to_string();
                }
                "-starttls" => options.starttls = it.next()?.eq_ignore_ascii_case("pop3"),
                "-crlf" => options.crlf = true,
                "-verify_hostname" => options.verify_hostname = Some(it.next()?.to_string()),
                "-servername" | "-CAfile" | "-CApath" | "-verify" | "-connect_timeout" => {
                    it.next()?;
                }
                other if other.starts_with('-') => {}
                _ => return None,
            }
        }
        (!options.host.is_empty()).then_some(options)
    }
}

impl Shell {
    /// `openssl s_client -connect HOST:PORT [-starttls pop3]` against the simulated network: a TLS handshake
    /// with the scenario's certificate, then the POP3 session inside TLS.
    pub(super) fn s_client(&mut self, options: Options, now: Now) {
        let program = Program::OpenSsl { crlf: options.crlf };
        let target = net::resolve(&self.scenario.hosts, &self.server, &options.host, Some(&options.port));
        let print = |shell: &mut Shell, text: String, topic: Topic| {
            shell.log.push(EntryKind::Client { text, topic: Some(topic) });
        };
        let info =
            ConnInfo { host: target.host.clone(), port: target.port.unwrap_or(995), expects_tls: false, program };
        match (target.route, options.starttls) {
            (Route::TimedOut, _) => {
                // s_client runs where the help desk runs it: on Linux, with Linux's SYN retries.
                let millis = connect_timeout_ms(ClientStyle::Unix);
                self.start_wait(now, millis, WaitReason::Connect, Some((target, program)));
            }
            (Route::Refused | Route::Unresolvable | Route::BadPort, _) => self.connect_failed(&target, program),
            (Route::Intercepted, _) => print(self, reset(), Topic::Intercepted),
            (Route::ImplicitTls, true) => self.await_handshake(ConnInfo { expects_tls: true, ..info }),
            (Route::Pop3, false) => print(self, not_tls(false), Topic::NotTls),
            (Route::ImplicitTls, false) => {
                let session = self.open_session(true, now);
                self.tls_up(session, info, options.verify_hostname.as_deref(), now);
            }
            (Route::Pop3, true) => {
                // s_client reads the greeting, sends STLS and reads the answer without showing either.
                let mut session = self.open_session(false, now);
                session.receive(b"STLS\r\n", now.ms, &mut self.server);
                let mut accepted = false;
                while let Some(event) = session.poll_event() {
                    accepted |= event == Event::StartTls;
                }
                if accepted {
                    session.tls_established();
                    self.tls_up(session, info, options.verify_hostname.as_deref(), now);
                } else {
                    session.hangup(&mut self.server);
                    print(self, not_tls(true), Topic::NotTls);
                }
            }
        }
    }

    /// The handshake succeeded: its report, then the session's events (the greeting, with implicit TLS).
    fn tls_up(&mut self, session: Session, info: ConnInfo, hostname: Option<&str>, now: Now) {
        let host = self.scenario.hosts.first().map_or(info.host.as_str(), String::as_str);
        let cert = Certificate::new(host, self.scenario.certificate_problem(), now.unix);
        let code = cert.verify(hostname).0;
        self.log.push(EntryKind::Client {
            text: handshake(&cert, hostname),
            topic: Some(Topic::Certificate { code, name: cert.name.clone() }),
        });
        self.attach(session, info, now);
    }
}

/// The certificate a simulated server presents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    /// Its subject's common name.
    pub name: String,
    /// Its issuer (itself when self-signed).
    pub issuer: String,
    /// Validity, Unix time.
    pub not_before: u64,
    /// Validity, Unix time.
    pub not_after: u64,
    /// What the scenario made wrong with it.
    pub problem: Option<CertProblem>,
}

impl Certificate {
    /// The certificate of a server known as `host`, with the scenario's `problem`, as seen at `now` (Unix).
    pub fn new(host: &str, problem: Option<CertProblem>, now: u64) -> Certificate {
        let name =
            if problem == Some(CertProblem::WrongName) { CertProblem::WRONG_NAME_HOST } else { host }.to_string();
        let issuer = if problem == Some(CertProblem::SelfSigned) { format!("CN = {name}") } else { ISSUER.to_string() };
        // A year's validity, begun a month ago; an expired one ended a month ago.
        let (not_before, not_after) = match problem {
            Some(CertProblem::Expired) => (now.saturating_sub(395 * DAY), now.saturating_sub(30 * DAY)),
            _ => (now.saturating_sub(30 * DAY), now + 335 * DAY),
        };
        Certificate { name, issuer, not_before, not_after, problem }
    }

    /// OpenSSL's verify result: `(code, text)`; `(0, "ok")` when nothing is wrong. The name is checked only
    /// when asked (`-verify_hostname`), as `s_client` does.
    pub fn verify(&self, hostname: Option<&str>) -> (u32, &'static str) {
        match self.problem {
            Some(CertProblem::Expired) => (10, "certificate has expired"),
            Some(CertProblem::SelfSigned) => (18, "self-signed certificate"),
            _ if hostname.is_some_and(|h| !h.trim_end_matches('.').eq_ignore_ascii_case(&self.name)) => {
                (62, "hostname mismatch")
            }
            _ => (0, "ok"),
        }
    }
}

/// What `s_client` prints for a completed handshake, from `CONNECTED` to the session's summary.
pub fn handshake(cert: &Certificate, hostname: Option<&str>) -> String {
    let (code, reason) = cert.verify(hostname);
    let leaf = format!("depth=0 CN = {}", cert.name);
    let not_after = format!("notAfter={}", Civil::from_unix(cert.not_after).openssl());
    let chain: Vec<String> = match (cert.problem, code) {
        (Some(CertProblem::SelfSigned), _) => {
            vec![
                leaf.clone(),
                format!("verify error:num={code}:{reason}"),
                "verify return:1".into(),
                leaf,
                "verify return:1".into(),
            ]
        }
        (_, 10) => vec![
            format!("depth=1 {ISSUER}"),
            "verify return:1".into(),
            leaf.clone(),
            format!("verify error:num={code}:{reason}"),
            not_after.clone(),
            "verify return:1".into(),
            leaf,
            not_after,
            "verify return:1".into(),
        ],
        (_, 62) => vec![
            leaf.clone(),
            format!("verify error:num={code}:{reason}"),
            "verify return:1".into(),
            format!("depth=1 {ISSUER}"),
            "verify return:1".into(),
            leaf,
            "verify return:1".into(),
        ],
        _ => vec![format!("depth=1 {ISSUER}"), "verify return:1".into(), leaf, "verify return:1".into()],
    };
    let read = match cert.problem {
        Some(CertProblem::SelfSigned) => 1347,
        _ => 1374 + cert.name.len().saturating_sub("pop.outlook.pl".len()) * 2,
    };
    let verification = if code == 0 { "Verification: OK".to_string() } else { format!("Verification error: {reason}") };
    let mut out = vec!["CONNECTED(00000003)".to_string()];
    out.extend(chain);
    out.extend([
        "---".into(),
        "Certificate chain".into(),
        format!(" 0 s:CN = {}", cert.name),
        format!("   i:{}", cert.issuer),
        "   a:PKEY: rsaEncryption, 2048 (bit); sigalg: RSA-SHA256".into(),
        format!(
            "   v:NotBefore: {}; NotAfter: {}",
            Civil::from_unix(cert.not_before).openssl(),
            Civil::from_unix(cert.not_after).openssl()
        ),
        "---".into(),
        "Server certificate".into(),
        format!("subject=CN = {}", cert.name),
        format!("issuer={}", cert.issuer),
        "---".into(),
        "No client certificate CA names sent".into(),
        "Peer signing digest: SHA256".into(),
        "Peer signature type: RSA-PSS".into(),
        "Server Temp Key: X25519, 253 bits".into(),
        "---".into(),
        format!("SSL handshake has read {read} bytes and written 377 bytes"),
        verification,
        "---".into(),
        "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384".into(),
        "Server public key is 2048 bit".into(),
        "Secure Renegotiation IS NOT supported".into(),
        "Compression: NONE".into(),
        "Expansion: NONE".into(),
        "No ALPN negotiated".into(),
        "Early data was not sent".into(),
        format!("Verify return code: {code} ({reason})"),
        "---".into(),
    ]);
    out.join("\n")
}

/// The summary of a handshake that never happened, after `first` (the error line).
fn no_handshake(first: String, read: u32, written: u32) -> String {
    [
        first,
        "CONNECTED(00000003)".into(),
        "---".into(),
        "no peer certificate available".into(),
        "---".into(),
        "No client certificate CA names sent".into(),
        "---".into(),
        format!("SSL handshake has read {read} bytes and written {written} bytes"),
        "Verification: OK".into(),
        "---".into(),
        "New, (NONE), Cipher is (NONE)".into(),
        "Secure Renegotiation IS NOT supported".into(),
        "Compression: NONE".into(),
        "Expansion: NONE".into(),
        "No ALPN negotiated".into(),
        "Early data was not sent".into(),
        "Verify return code: 0 (ok)".into(),
        "---".into(),
    ]
    .join("\n")
}

/// The server answered in plain text where TLS was expected (a plain port without `-starttls`, or STLS
/// refused): `wrong version number`. `after_stls`: the client sent STLS first.
fn not_tls(after_stls: bool) -> String {
    let line = format!(
        "{QUEUE}:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../ssl/record/ssl3_record.c:350:"
    );
    if after_stls {
        no_handshake(line, 56, 326)
    } else {
        no_handshake(line, 5, 320)
    }
}

/// Something accepted the connection and reset it before any TLS (a firewall, an antivirus program).
fn reset() -> String {
    no_handshake("write:errno=104".into(), 0, 320)
}

/// What `s_client` prints when the connection cannot be made.
pub fn connect_failed(route: Route) -> String {
    match route {
        Route::Unresolvable => unresolvable(),
        Route::TimedOut => timed_out(),
        _ => refused(),
    }
}

/// The connection was refused.
fn refused() -> String {
    format!(
        "{QUEUE}:error:8000006F:system library:BIO_connect:Connection refused:../crypto/bio/bio_sock2.c:117:calling connect()\n\
         {QUEUE}:error:10000067:BIO routines:BIO_connect:connect error:../crypto/bio/bio_sock2.c:119:\n\
         connect:errno=111"
    )
}

/// The connection attempt timed out.
fn timed_out() -> String {
    format!(
        "{QUEUE}:error:8000006E:system library:BIO_connect:Connection timed out:../crypto/bio/bio_sock2.c:117:calling connect()\n\
         {QUEUE}:error:10000067:BIO routines:BIO_connect:connect error:../crypto/bio/bio_sock2.c:119:\n\
         connect:errno=110"
    )
}

/// The name did not resolve.
fn unresolvable() -> String {
    format!(
        "{QUEUE}:error:10080002:BIO routines:BIO_lookup_ex:system lib:../crypto/bio/bio_addr.c:746:Name or service not known\n\
         connect:errno=22"
    )
}

/// What `s_client` prints when the server closes the TLS connection.
pub const CLOSED: &str = "closed";

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_795_785_746; // 2026-11-27 13:22:26 UTC

    #[test]
    fn options() {
        let o = Options::parse(&["s_client", "-connect", "pop.outlook.pl:995", "-crlf", "-servername", "x"]).unwrap();
        assert_eq!((o.host.as_str(), o.port.as_str(), o.crlf, o.starttls), ("pop.outlook.pl", "995", true, false));
        let o =
            Options::parse(&["s_client", "-starttls", "pop3", "-connect", "h:110", "-verify_hostname", "h"]).unwrap();
        assert!(o.starttls && o.verify_hostname.as_deref() == Some("h"));
        assert_eq!(Options::parse(&["version"]), None);
        assert_eq!(Options::parse(&["s_client"]), None);
        assert_eq!(Options::parse(&["s_client", "-connect"]), None);
        assert_eq!(Options::parse(&["s_client", "-connect", "nocolon"]), None);
    }

    #[test]
    fn the_recorded_expired_certificate() {
        let cert = Certificate::new("pop.outlook.pl", Some(CertProblem::Expired), NOW);
        let out = handshake(&cert, None);
        assert!(out.starts_with("CONNECTED(00000003)\ndepth=1 O = Simulated Trust Services, CN = Simulated CA R1\nverify return:1\ndepth=0 CN = pop.outlook.pl\nverify error:num=10:certificate has expired\nnotAfter=Oct 28 13:22:26 2026 GMT\n"), "{out}");
        assert!(out.contains("\nVerification error: certificate has expired\n"));
        assert!(out.ends_with("\nVerify return code: 10 (certificate has expired)\n---"));
    }

    #[test]
    fn names_are_checked_only_when_asked() {
        let cert = Certificate::new("pop.outlook.pl", Some(CertProblem::WrongName), NOW);
        assert_eq!(cert.verify(None), (0, "ok"));
        assert_eq!(cert.verify(Some("pop.outlook.pl")), (62, "hostname mismatch"));
        assert!(handshake(&cert, None).contains(" 0 s:CN = mail.hosting.example\n"));
        let healthy = Certificate::new("pop.outlook.pl", None, NOW);
        assert_eq!(healthy.verify(Some("POP.outlook.pl.")), (0, "ok"));
        let own = Certificate::new("pop.outlook.pl", Some(CertProblem::SelfSigned), NOW);
        assert!(handshake(&own, None).contains("   i:CN = pop.outlook.pl\n"));
        assert_eq!(own.verify(None), (18, "self-signed certificate"));
    }
}
