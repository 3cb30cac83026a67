//! Real-server mode: `telnet` and `openssl s_client` go through the WebSocket bridge (`pop3-tutor-server
//! bridge`) to a real POP3 server instead of the simulator. The shell stays sans-IO: it queues
//! [`Outgoing`] requests for the page to carry out, and the page feeds back what happened
//! ([`Shell::bridge_opened`], [`Shell::bridge_data`], [`Shell::bridge_closed`], [`Shell::bridge_unreachable`],
//! [`Shell::bridge_offline`]).
//! The messages on the wire are `pop3_bridge_proto`'s, the one definition the bridge uses too; what is not a
//! bridge's answer (no bridge could be reached, an answer that is not a status) is this side's own state.

use std::rc::Rc;

use pop3_bridge_proto::{FailureKind, Request, Status, TlsFailureKind};

pub use pop3_bridge_proto::Tls;

use super::connection::{Conn, ConnInfo, Program};
use super::log::{count_lines, EntryKind, Log};
use super::net::{self, Route, Target};
use super::{telnet, Note, Shell, Topic};

/// What the page must do for the shell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outgoing {
    /// Open a bridge connection and send this first message (a [`Request`] as JSON).
    Open {
        /// The request, as sent.
        hello: String,
    },
    /// Send these bytes to the server.
    Send(Vec<u8>),
    /// Close the bridge connection.
    Close,
}

/// A certificate problem the bridge reported, as OpenSSL's verify code (what the explain pane explains for
/// `openssl s_client` on the simulator too).
fn verify_code(kind: &FailureKind) -> Option<u32> {
    match kind.tls()? {
        TlsFailureKind::CertificateExpired => Some(10),
        TlsFailureKind::UnknownIssuer => Some(18),
        TlsFailureKind::WrongName => Some(62),
        _ => None,
    }
}

/// The client programs' failure for the same refusal on a real network, where there is one.
fn route(kind: &FailureKind) -> Option<Route> {
    match kind {
        FailureKind::ResolveFailed => Some(Route::Unresolvable),
        FailureKind::TimedOut => Some(Route::TimedOut),
        FailureKind::Refused => Some(Route::Refused),
        _ => None,
    }
}

impl Shell {
    /// Real-server mode: `telnet` and `openssl s_client` go through the bridge at `url` to real servers.
    pub fn set_bridge(&mut self, url: Option<String>) {
        // A fresh console greets for real-server mode instead of naming the scenario's host; a used one says
        // that real-server mode begins.
        if url.is_some() && self.bridge.is_none() {
            if self.log.len() == 1 {
                self.log = Log::default();
            }
            self.log.push(EntryKind::Note(Note::BridgeWelcome));
        }
        self.bridge = url;
        self.changed();
    }

    /// Whether the link's bridge waits for the learner's answer (a bridge on another origin than the page's,
    /// see `crate::bridge_link`): until then `telnet` and `openssl s_client` connect nowhere and say why. A
    /// fresh console says so instead of its welcome (and gets the welcome back when the wait ends without a
    /// bridge).
    pub fn set_bridge_pending(&mut self, pending: bool) {
        if self.bridge_pending == pending {
            return;
        }
        self.bridge_pending = pending;
        let fresh = self.log.len() == 1;
        if fresh && pending {
            self.log = Log::default();
            self.log.push(EntryKind::Note(Note::BridgeAwaitingAnswer));
        } else if fresh && self.bridge.is_none() {
            let waiting = self.log.entries().any(|e| e.kind == EntryKind::Note(Note::BridgeAwaitingAnswer));
            if waiting {
                self.log = Log::default();
                self.log.push(EntryKind::Note(Note::Welcome { host: self.scenario.hosts.first().cloned() }));
            }
        }
        self.changed();
    }

    /// Whether the link's bridge waits for the learner's answer.
    pub fn bridge_pending(&self) -> bool {
        self.bridge_pending
    }

    /// The bridge in use, in real-server mode.
    pub fn bridge(&self) -> Option<&str> {
        self.bridge.as_deref()
    }

    /// What the page must do for the bridge, in order (real-server mode).
    pub fn take_outbox(&mut self) -> Vec<Outgoing> {
        std::mem::take(&mut self.outbox)
    }

    /// Asks the page to open a bridge connection to `host:port`.
    pub(super) fn remote_connect(&mut self, host: &str, port: Option<&str>, tls: Tls, program: Program) {
        let port_arg = port.unwrap_or("telnet");
        let Some(port) = net::parse_port(port_arg) else {
            self.connect_failed(&Target::unreached(host, port_arg, None, Route::BadPort), program);
            return;
        };
        self.outbox.push(Outgoing::Open { hello: Request::new(host, port, tls).to_json() });
        let info = ConnInfo { host: host.to_string(), port, expects_tls: false, program };
        self.conn = Some(Conn::Remote { reader: Box::default(), info, open: false });
        self.connections += 1;
    }

    /// The bridge answered the first message.
    pub fn bridge_opened(&mut self, answer: &str) {
        let Some(Conn::Remote { info, open, .. }) = &mut self.conn else { return };
        match Status::parse(answer) {
            Ok(Status::Connected(connected)) => {
                *open = true;
                let target = Target {
                    address: connected.address.to_string(),
                    ..Target::unreached(&info.host, &info.port.to_string(), Some(info.port), Route::Pop3)
                };
                if let (Program::Telnet, Some(text)) = (info.program, telnet::connected(self.style, &target)) {
                    self.log.push(EntryKind::Client { text, topic: Some(Topic::Connected) });
                }
            }
            Ok(Status::Failed(failure)) => {
                let (host, port, program) = (info.host.clone(), info.port, info.program);
                self.close_remote();
                self.bridge_refused(failure.kind, failure.detail, &host, port, program);
            }
            Err(_) => {
                self.close_remote();
                self.log.push(EntryKind::Note(Note::BridgeBadAnswer));
            }
        }
        self.changed();
    }

    /// The page could not reach the bridge at all (no network, a wrong address, nothing listening), or the
    /// socket closed before the bridge answered.
    pub fn bridge_unreachable(&mut self) {
        self.bridge_not_reached(Note::BridgeUnreachable);
    }

    /// The browser is offline, so the page did not try to reach the bridge: the attempt ends as for an
    /// unreachable bridge, with a note that says why.
    pub fn bridge_offline(&mut self) {
        self.bridge_not_reached(Note::BridgeOffline);
    }

    /// Ends a connection attempt the bridge never answered, with `note`.
    fn bridge_not_reached(&mut self, note: Note) {
        if let Some(Conn::Remote { open: false, .. }) = &self.conn {
            self.close_remote();
            self.log.push(EntryKind::Note(note));
            self.changed();
        }
    }

    /// Forgets the bridge connection and asks the page to close its socket.
    fn close_remote(&mut self) {
        self.conn = None;
        self.outbox.push(Outgoing::Close);
    }

    /// The bridge could not reach the server: what the program prints for the same failure on a real
    /// network where there is one, the tutor's note otherwise.
    fn bridge_refused(&mut self, kind: FailureKind, detail: String, host: &str, port: u16, program: Program) {
        if let Some(code) = verify_code(&kind) {
            self.log.push(EntryKind::Client {
                text: format!("TLS: {detail}"),
                topic: Some(Topic::Certificate { code, name: host.to_string() }),
            });
        } else if let Some(route) = route(&kind) {
            self.connect_failed(&Target::unreached(host, &port.to_string(), Some(port), route), program);
        } else {
            self.log.push(EntryKind::Note(Note::BridgeRefused { kind, detail }));
        }
    }

    /// Bytes from the real server.
    pub fn bridge_data(&mut self, bytes: &[u8]) {
        let Some(Conn::Remote { reader, .. }) = &mut self.conn else { return };
        for reply in reader.receive(bytes) {
            let lines = count_lines(&reply.bytes);
            self.log.push(EntryKind::Reply { bytes: reply.bytes, lines, explanation: Rc::new(reply.explanation) });
        }
        self.changed();
    }

    /// The bridge connection ended (the server closed, or the bridge). Before the bridge answered, it was
    /// never reached.
    pub fn bridge_closed(&mut self) {
        match &self.conn {
            Some(Conn::Remote { open: false, .. }) => self.bridge_unreachable(),
            Some(Conn::Remote { reader, .. }) => {
                self.last_state = Some(reader.state());
                self.server_closed(None);
                self.changed();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_is_the_protocols_json() {
        assert_eq!(
            Request::new("pop.example.com", 995, Tls::Implicit).to_json(),
            r#"{"host":"pop.example.com","port":995,"tls":"implicit"}"#
        );
        assert_eq!(Request::new("a\"b", 110, Tls::None).to_json(), r#"{"host":"a\"b","port":110,"tls":"none"}"#);
    }

    #[test]
    fn certificate_kinds_are_openssls_verify_codes() {
        let tls = |k| FailureKind::TlsFailed(k);
        assert_eq!(verify_code(&tls(TlsFailureKind::CertificateExpired)), Some(10));
        assert_eq!(verify_code(&tls(TlsFailureKind::UnknownIssuer)), Some(18));
        assert_eq!(verify_code(&tls(TlsFailureKind::WrongName)), Some(62));
        assert_eq!(verify_code(&tls(TlsFailureKind::StlsRefused)), None);
        assert_eq!(verify_code(&FailureKind::Refused), None);
        assert_eq!(route(&FailureKind::Refused), Some(Route::Refused));
        assert_eq!(route(&FailureKind::NotAllowed), None);
    }
}
