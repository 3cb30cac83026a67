//! The [`Shell`]: everything the console holds (the scenario's server, the open connection, the log, the
//! pending work) and how a line typed at the prompt is run. Before a connection each line is a
//! [`ShellCommand`]; once connected, lines go to the server ([`super::connection`]). The connection's own
//! work lives in the modules beside this one, each an `impl Shell` block of its own.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::rc::Rc;

use pop3_sim::scenario::ProfileRef;
use pop3_sim::{Scenario, ScenarioError, Server, SessionState};

use super::command::{self, ShellCommand, UsageError};
use super::connection::{Conn, Program};
use super::log::{EntryKind, Log};
use super::remote::{Outgoing, Tls};
use super::sim::Item;
use super::view::MailboxView;
use super::wait::PendingWait;
use super::{ClientStyle, Note, Topic};

/// The current time, passed in by the driver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    /// A millisecond clock (any epoch).
    pub ms: u64,
    /// Unix time in seconds.
    pub unix: u64,
}

/// The console: a shell before connecting, a client program's session after.
pub struct Shell {
    pub(super) scenario: Scenario,
    pub(super) profile_override: Option<String>,
    pub(super) server: Server,
    pub(super) style: ClientStyle,
    pub(super) conn: Option<Conn>,
    /// What waits to be shown (the simulated session's events and notes among them).
    pub(super) queue: VecDeque<Item>,
    /// What the simulated server has not read yet.
    pub(super) input: Vec<u8>,
    pub(super) wait: Option<PendingWait>,
    pub(super) log: Log,
    /// The state of the last connection, once it is closed.
    pub(super) last_state: Option<SessionState>,
    /// Connections made so far (seeds each session).
    pub(super) connections: u64,
    pub(super) version: u64,
    pub(super) maildrops: Rc<Vec<MailboxView>>,
    pub(super) maildrops_dirty: bool,
    /// The last reply accepted a USER (the suggestions offer PASS first).
    pub(super) last_user_accepted: bool,
    /// Real-server mode: the bridge's address (`ws://…/bridge`).
    pub(super) bridge: Option<String>,
    /// The link names a bridge the learner has not agreed to yet: connecting waits for the answer.
    pub(super) bridge_pending: bool,
    /// Requests for the page (real-server mode).
    pub(super) outbox: Vec<Outgoing>,
}

impl std::fmt::Debug for Shell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shell").field("scenario", &self.scenario.id).field("version", &self.version).finish()
    }
}

/// `scenario` with its server speaking `profile` instead, if given (borrowed as is otherwise: a copy would
/// duplicate every message).
fn with_profile<'a>(scenario: &'a Scenario, profile: Option<&str>) -> Cow<'a, Scenario> {
    match profile {
        None => Cow::Borrowed(scenario),
        Some(id) => {
            let mut s = scenario.clone();
            s.profile = ProfileRef::Builtin(id.to_string());
            Cow::Owned(s)
        }
    }
}

impl Shell {
    /// A shell in front of `scenario`'s world, its server speaking `profile` (a built-in profile id) or the
    /// scenario's own.
    pub fn new(scenario: Scenario, profile: Option<String>, style: ClientStyle) -> Result<Shell, ScenarioError> {
        let server = Server::new(&with_profile(&scenario, profile.as_deref()))?;
        let mut shell = Shell {
            scenario,
            profile_override: profile,
            server,
            style,
            conn: None,
            queue: VecDeque::new(),
            input: Vec::new(),
            wait: None,
            log: Log::default(),
            last_state: None,
            connections: 0,
            version: 0,
            maildrops: Rc::new(Vec::new()),
            maildrops_dirty: true,
            last_user_accepted: false,
            bridge: None,
            bridge_pending: false,
            outbox: Vec::new(),
        };
        shell.log.push(EntryKind::Note(Note::Welcome { host: shell.scenario.hosts.first().cloned() }));
        shell.refresh_maildrops();
        Ok(shell)
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The log.
    pub fn log(&self) -> &Log {
        &self.log
    }

    /// The client style.
    pub fn style(&self) -> ClientStyle {
        self.style
    }

    /// Changes the client style (takes effect for what is printed from now on).
    pub fn set_style(&mut self, style: ClientStyle) {
        if self.style != style {
            self.style = style;
            self.version += 1;
        }
    }

    /// Changes the server profile: the server is rebuilt (mailboxes as the scenario gives them), an open
    /// connection is closed.
    pub fn set_profile(&mut self, profile: Option<String>) -> Result<(), ScenarioError> {
        if profile == self.profile_override {
            return Ok(());
        }
        let server = Server::new(&with_profile(&self.scenario, profile.as_deref()))?;
        if let Some(conn) = self.end_connection() {
            if let Conn::Sim { mut session, .. } = conn {
                session.hangup(&mut self.server);
            }
            self.last_state = Some(SessionState::Closed);
            self.log.push(EntryKind::Client {
                text: Program::Telnet.closed_by_server(self.style),
                topic: Some(Topic::ClosedByServer),
            });
        }
        self.server = server;
        self.profile_override = profile;
        self.log.push(EntryKind::Note(Note::ProfileChanged { title: self.server.profile().title.clone() }));
        self.changed();
        Ok(())
    }

    /// Records a change the UI must show.
    pub(super) fn changed(&mut self) {
        self.version += 1;
        if self.maildrops_dirty {
            self.refresh_maildrops();
        }
    }

    /// Goes up with every change the UI shows.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Clears the log (Ctrl+L); the connection stays.
    pub fn clear(&mut self) {
        self.log.clear();
        self.changed();
    }

    /// The transcript as plain text.
    pub fn transcript(&self) -> String {
        self.log.transcript()
    }

    /// The transcript with each server reply's meaning after it (see [`super::log::Log::transcript_with`]).
    pub fn transcript_with(&self, annotate: impl Fn(&pop3_sim::Explanation) -> Option<String>) -> String {
        self.log.transcript_with(annotate)
    }

    /// Whether a connection is open.
    pub fn is_connected(&self) -> bool {
        self.conn.is_some()
    }

    /// Lines the user entered: one typed line, or several pasted at once. Before a connection each line is a
    /// shell command; once connected, the remaining lines go to the server in one write, as a paste into a
    /// terminal sends them (pipelining).
    pub fn submit(&mut self, lines: &[String], now: Now) {
        let mut i = 0;
        while i < lines.len() {
            if self.conn.is_some() {
                self.send(&lines[i..], now);
                break;
            }
            let line = &lines[i];
            if self.wait.is_some() {
                self.log.push(EntryKind::Input { prompt: "", text: line.clone() });
                self.log.push(EntryKind::Note(Note::Busy));
            } else {
                self.run_command(line, now);
            }
            i += 1;
        }
        self.changed();
    }

    /// Runs one line typed at the prompt.
    fn run_command(&mut self, line: &str, now: Now) {
        self.log.push(EntryKind::Input { prompt: self.style.prompt(), text: line.to_string() });
        let remote = self.bridge.is_some();
        match ShellCommand::parse(line) {
            Ok(ShellCommand::Empty) => {}
            Ok(ShellCommand::Help) => {
                self.log.push(EntryKind::Note(Note::Help { hosts: self.scenario.hosts.clone() }));
            }
            Ok(ShellCommand::Clear) => self.log.clear(),
            Ok(ShellCommand::Telnet { .. } | ShellCommand::SClient(_)) if self.bridge_pending => {
                self.log.push(EntryKind::Note(Note::BridgeAwaitingAnswer));
            }
            Ok(ShellCommand::Telnet { host, port }) if remote => {
                self.remote_connect(&host, port.as_deref(), Tls::None, Program::Telnet);
            }
            Ok(ShellCommand::Telnet { host, port }) => self.telnet(&host, port.as_deref(), now),
            Ok(ShellCommand::SClient(options)) if remote => {
                let tls = if options.starttls { Tls::Stls } else { Tls::Implicit };
                self.remote_connect(&options.host, Some(&options.port), tls, Program::OpenSsl { crlf: options.crlf });
            }
            Ok(ShellCommand::SClient(options)) => self.s_client(options, now),
            Ok(ShellCommand::Unknown(word)) => {
                self.log.push(EntryKind::Client {
                    text: command::not_found(self.style, &word),
                    topic: Some(Topic::UnknownShellCommand),
                });
            }
            Err(UsageError::Telnet) => {
                self.log.push(EntryKind::Note(Note::TelnetUsage));
            }
            Err(UsageError::OpenSsl) => {
                self.log.push(EntryKind::Note(Note::OpenSslUsage));
            }
        }
    }
}
