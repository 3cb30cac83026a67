//! The connection the console has open: which client program made it, to where, and what stands at the
//! other end (the simulated server, a port that waits for a TLS handshake, or a real server through the
//! bridge). Sending lines to it and ending it, by either side, are here; what each end does with the lines is
//! in [`super::sim`] and [`super::remote`].

use pop3_sim::client::ReplyReader;
use pop3_sim::{Session, SessionState};

use super::log::EntryKind;
use super::net::{Route, Target};
use super::remote::Outgoing;
use super::{openssl, telnet, ClientStyle, Note, Now, Shell, Topic};

/// The client program talking to the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Program {
    /// telnet: the client style's texts, CRLF line ends.
    Telnet,
    /// `openssl s_client`: OpenSSL's texts, TLS, a bare LF per line unless `-crlf`.
    OpenSsl {
        /// `-crlf` was given.
        crlf: bool,
    },
}

impl Program {
    /// What ends each line the program sends.
    pub fn line_end(self) -> &'static [u8] {
        match self {
            Program::Telnet | Program::OpenSsl { crlf: true } => b"\r\n",
            Program::OpenSsl { crlf: false } => b"\n",
        }
    }

    /// What the program prints when the connection cannot be made.
    pub(super) fn connect_failed(self, style: ClientStyle, target: &Target) -> String {
        match self {
            Program::Telnet => telnet::connect_failed(style, target),
            Program::OpenSsl { .. } => openssl::connect_failed(target.route),
        }
    }

    /// What the program prints when the server closes the connection.
    pub(super) fn closed_by_server(self, style: ClientStyle) -> String {
        match self {
            Program::Telnet => telnet::closed_by_server(style),
            Program::OpenSsl { .. } => openssl::CLOSED.to_string(),
        }
    }
}

/// The connection the console has open, as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnInfo {
    /// The host as typed.
    pub host: String,
    /// The port.
    pub port: u16,
    /// The server expects a TLS handshake (port 995, or after STLS).
    pub expects_tls: bool,
    /// The client program.
    pub program: Program,
}

/// What stands at the other end of the open connection.
pub(super) enum Conn {
    /// The simulated server's session.
    Sim { session: Box<Session>, info: ConnInfo },
    /// telnet reached an implicit-TLS port (995): the server waits for a handshake telnet cannot make, so
    /// nothing it types gets an answer.
    AwaitingHandshake { info: ConnInfo },
    /// A real server through the bridge; `open` once the bridge has connected.
    Remote { reader: Box<ReplyReader>, info: ConnInfo, open: bool },
}

impl Conn {
    pub(super) fn info(&self) -> &ConnInfo {
        match self {
            Conn::Sim { info, .. } | Conn::AwaitingHandshake { info } | Conn::Remote { info, .. } => info,
        }
    }
}

impl Shell {
    /// Lines for the open connection, sent in one write (each with the program's line end).
    pub(super) fn send(&mut self, lines: &[String], now: Now) {
        for line in lines {
            self.log.push(EntryKind::Input { prompt: "", text: line.clone() });
        }
        match &mut self.conn {
            Some(Conn::AwaitingHandshake { .. }) => self.server_closed(Some(Note::TlsExpected)),
            Some(Conn::Sim { session, info }) if info.expects_tls => {
                session.hangup(&mut self.server);
                self.server_closed(Some(Note::StlsNoTls));
            }
            Some(Conn::Remote { reader, info, .. }) => {
                let end = info.program.line_end();
                for line in lines {
                    reader.sent(line.as_bytes());
                    let mut bytes = line.as_bytes().to_vec();
                    bytes.extend_from_slice(end);
                    self.outbox.push(Outgoing::Send(bytes));
                }
            }
            Some(Conn::Sim { info, .. }) => {
                let end = info.program.line_end();
                for line in lines {
                    self.input.extend_from_slice(line.as_bytes());
                    self.input.extend_from_slice(end);
                }
                self.pump(now);
            }
            None => {}
        }
    }

    /// A connection attempt failed: the program says so, and the explain pane says why.
    pub(super) fn connect_failed(&mut self, target: &Target, program: Program) {
        let topic = match target.route {
            Route::Refused => Topic::Refused { port: target.port_arg.clone() },
            Route::Unresolvable => Topic::Unresolvable { host: target.host.clone() },
            Route::BadPort => Topic::BadPort { port: target.port_arg.clone() },
            _ => Topic::TimedOut,
        };
        self.log.push(EntryKind::Client { text: program.connect_failed(self.style, target), topic: Some(topic) });
    }

    /// Forgets the open connection and everything pending for it (queued events, unread input, a pause);
    /// returns it so the caller can end its session as the side that closed it would.
    pub(super) fn end_connection(&mut self) -> Option<Conn> {
        self.queue.clear();
        self.input.clear();
        self.wait = None;
        self.maildrops_dirty = true;
        self.conn.take()
    }

    /// The server ended the connection (after `note`, if any): the program says so and the prompt returns.
    pub(super) fn server_closed(&mut self, note: Option<Note>) {
        if let Some(Conn::Sim { session, .. }) = &self.conn {
            self.last_state = Some(session.state());
        }
        let program = self.end_connection().map_or(Program::Telnet, |c| c.info().program);
        if let Some(note) = note {
            self.log.push(EntryKind::Note(note));
        }
        self.log
            .push(EntryKind::Client { text: program.closed_by_server(self.style), topic: Some(Topic::ClosedByServer) });
    }

    /// The user closes the connection (telnet's escape character, Ctrl+]).
    pub fn hangup(&mut self) {
        let Some(conn) = self.end_connection() else { return };
        match conn {
            Conn::Sim { mut session, .. } => {
                session.hangup(&mut self.server);
                self.last_state = Some(SessionState::Closed);
            }
            Conn::Remote { .. } => self.outbox.push(Outgoing::Close),
            Conn::AwaitingHandshake { .. } => {}
        }
        self.log
            .push(EntryKind::Client { text: telnet::closed_by_client(self.style), topic: Some(Topic::ClosedByClient) });
        self.changed();
    }
}
