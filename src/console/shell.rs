use std::borrow::Cow;
use std::collections::VecDeque;
use std::rc::Rc;

use pop3_sim::scenario::ProfileRef;
use pop3_sim::{Event, Listing, Meaning, Scenario, ScenarioError, Server, Session, SessionConfig, SessionState};

use super::log::{count_lines, EntryKind, Log};
use super::net::{self, Route, Target};
use super::remote::{self, Outgoing, Tls};
use super::sclient;
use super::{ClientStyle, Note, Topic};
use crate::i18n::client;

/// How long a connection attempt to an address that never answers lasts before the client gives up.
fn connect_timeout_ms(style: ClientStyle) -> u64 {
    match style {
        // Windows: two SYN retransmissions (3 s, 6 s, 12 s).
        ClientStyle::WindowsEn | ClientStyle::WindowsPl => 21_000,
        // Linux: tcp_syn_retries = 6 (1 + 2 + … + 64 s).
        ClientStyle::Unix => 127_000,
    }
}

/// At most this many reply octets are produced by one call before the shell yields to the UI.
const OUTPUT_BUDGET: usize = 16 * 1024 * 1024;

/// The current time, passed in by the driver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    /// A millisecond clock (any epoch).
    pub ms: u64,
    /// Unix time in seconds.
    pub unix: u64,
}

/// Why the console is waiting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitReason {
    /// The server is silent on purpose (the failed-login delay, a lock).
    Server,
    /// A connection attempt to an address that does not answer.
    Connect,
}

/// A simulated pause in progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wait {
    /// When it began.
    pub since_ms: u64,
    /// When it ends.
    pub until_ms: u64,
    /// Its length.
    pub millis: u64,
    /// Why.
    pub reason: WaitReason,
}

/// What waits to be shown: the session's events, and the tutor's notes placed among them.
#[derive(Debug)]
enum Item {
    Event(Event),
    Note(Note),
}

#[derive(Clone, Debug)]
struct PendingWait {
    wait: Wait,
    /// A connection attempt that times out at the end, and the program that made it.
    then_fail: Option<(Target, Program)>,
}

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

/// The connection the console has open.
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

/// One mailbox as the inspector shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailboxView {
    /// The user.
    pub user: String,
    /// `true`: the logged-in session's view (numbers and deletion marks of this session); `false`: the
    /// server's committed contents.
    pub session_view: bool,
    /// The messages.
    pub rows: Vec<Listing>,
}

/// Everything the UI shows about the console, cheap to clone.
#[derive(Clone, Debug, PartialEq)]
pub struct ShellView {
    /// Bumped on every change.
    pub version: u64,
    /// The log's chunks.
    pub chunks: Vec<Rc<super::Chunk>>,
    /// Entries no longer kept.
    pub dropped: u64,
    /// The open connection.
    pub connection: Option<ConnInfo>,
    /// The shell prompt, when not connected.
    pub prompt: Option<&'static str>,
    /// The session state: live while connected, the last one after a close, `None` before any connection.
    pub session_state: Option<SessionState>,
    /// Whether `session_state` is live.
    pub live: bool,
    /// The maildrops.
    pub maildrops: Rc<Vec<MailboxView>>,
    /// A pause in progress.
    pub wait: Option<Wait>,
    /// The newest explainable entry.
    pub last_explainable: Option<u64>,
    /// Commands worth trying next.
    pub suggestions: Vec<String>,
    /// The client style.
    pub style: ClientStyle,
    /// The profile's title.
    pub profile_title: String,
    /// The profile's id.
    pub profile_id: String,
}

enum Conn {
    Pop3 {
        session: Box<Session>,
        info: ConnInfo,
    },
    Tls {
        info: ConnInfo,
    },
    /// Through the bridge to a real server; `open` once the bridge connected.
    Remote {
        reader: Box<pop3_sim::client::ReplyReader>,
        info: ConnInfo,
        open: bool,
    },
}

impl Conn {
    fn info(&self) -> &ConnInfo {
        match self {
            Conn::Pop3 { info, .. } | Conn::Tls { info } | Conn::Remote { info, .. } => info,
        }
    }
}

/// The console: a shell before connecting, a telnet session after.
pub struct Shell {
    scenario: Scenario,
    profile_override: Option<String>,
    server: Server,
    style: ClientStyle,
    conn: Option<Conn>,
    queue: VecDeque<Item>,
    input: Vec<u8>,
    wait: Option<PendingWait>,
    log: Log,
    last_state: Option<SessionState>,
    connections: u64,
    version: u64,
    maildrops: Rc<Vec<MailboxView>>,
    maildrops_dirty: bool,
    last_user_accepted: bool,
    /// Real-server mode: the bridge's address (`ws://…/bridge`).
    bridge: Option<String>,
    /// Requests for the page (real-server mode).
    outbox: Vec<Outgoing>,
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
            outbox: Vec::new(),
        };
        shell.log.push(EntryKind::Note(Note::Welcome { host: shell.scenario.hosts.first().cloned() }));
        shell.refresh_maildrops();
        Ok(shell)
    }

    /// Real-server mode: `telnet` and `openssl s_client` go through the bridge at `url` to real servers.
    pub fn set_bridge(&mut self, url: Option<String>) {
        // A fresh console greets for real-server mode instead of naming the scenario's host.
        if url.is_some() && self.log.len() == 1 {
            self.log = Log::default();
            self.log.push(EntryKind::Note(Note::BridgeWelcome));
        }
        self.bridge = url;
        self.changed();
    }

    /// The bridge in use, in real-server mode.
    pub fn bridge(&self) -> Option<&str> {
        self.bridge.as_deref()
    }

    /// What the page must do for the bridge, in order (real-server mode).
    pub fn take_outbox(&mut self) -> Vec<Outgoing> {
        std::mem::take(&mut self.outbox)
    }

    /// The bridge answered the first message.
    pub fn bridge_opened(&mut self, answer: &str) {
        let status = remote::Status::parse(answer);
        let Some(Conn::Remote { info, open, .. }) = &mut self.conn else { return };
        if status.ok {
            *open = true;
            let target = Target {
                host: info.host.clone(),
                port_arg: info.port.to_string(),
                port: Some(info.port),
                address: status.address.unwrap_or_default(),
                route: Route::Pop3,
                banner: None,
            };
            if let (Program::Telnet, Some(text)) = (info.program, client::connected(self.style, &target)) {
                self.log.push(EntryKind::Client { text, topic: Some(Topic::Connected) });
            }
        } else {
            let (host, port, program) = (info.host.clone(), info.port, info.program);
            self.conn = None;
            self.outbox.push(Outgoing::Close);
            if let Some(code) = status.verify_code() {
                let detail = status.detail.clone().unwrap_or_default();
                self.log.push(EntryKind::Client {
                    text: format!("TLS: {detail}"),
                    topic: Some(Topic::Certificate { code, name: host.clone() }),
                });
                self.changed();
                return;
            }
            let error = status.error.unwrap_or_default();
            let route = match error.as_str() {
                "resolve_failed" => Route::Unresolvable,
                "timed_out" => Route::TimedOut,
                "refused" => Route::Refused,
                _ => {
                    self.log.push(EntryKind::Note(Note::BridgeRefused {
                        error,
                        detail: status.detail.unwrap_or_default(),
                    }));
                    self.changed();
                    return;
                }
            };
            let target = Target {
                host,
                port_arg: port.to_string(),
                port: Some(port),
                address: String::new(),
                route,
                banner: None,
            };
            self.connect_failed(&target, program);
        }
        self.changed();
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

    /// The bridge connection ended (the server closed, or the bridge).
    pub fn bridge_closed(&mut self) {
        if let Some(Conn::Remote { reader, .. }) = &self.conn {
            self.last_state = Some(reader.state());
            self.server_closed(None);
            self.changed();
        }
    }

    /// Real-server mode: asks the page to open a bridge connection to `host:port`.
    fn remote_connect(&mut self, host: &str, port: Option<&str>, tls: Tls, program: Program) {
        let port_arg = port.unwrap_or("telnet").to_string();
        let Some(port) = net::parse_port(&port_arg) else {
            let target = Target {
                host: host.into(),
                port_arg,
                port: None,
                address: String::new(),
                route: Route::BadPort,
                banner: None,
            };
            self.connect_failed(&target, program);
            return;
        };
        self.outbox.push(Outgoing::Open { hello: remote::hello(host, port, tls) });
        let info = ConnInfo { host: host.to_string(), port, expects_tls: false, program };
        self.conn = Some(Conn::Remote { reader: Box::default(), info, open: false });
        self.connections += 1;
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
    pub fn set_profile(&mut self, profile: Option<String>, _now: Now) -> Result<(), ScenarioError> {
        if profile == self.profile_override {
            return Ok(());
        }
        let server = Server::new(&with_profile(&self.scenario, profile.as_deref()))?;
        if let Some(Conn::Pop3 { session, .. }) = &mut self.conn {
            session.hangup(&mut self.server);
        }
        if self.conn.take().is_some() {
            self.last_state = Some(SessionState::Closed);
            self.log.push(EntryKind::Client {
                text: client::closed_by_server(self.style),
                topic: Some(Topic::ClosedByServer),
            });
        }
        self.queue.clear();
        self.input.clear();
        self.wait = None;
        self.server = server;
        self.profile_override = profile;
        self.log.push(EntryKind::Note(Note::ProfileChanged { title: self.server.profile().title.clone() }));
        self.maildrops_dirty = true;
        self.changed();
        Ok(())
    }

    fn changed(&mut self) {
        self.version += 1;
        if self.maildrops_dirty {
            self.refresh_maildrops();
        }
    }

    fn refresh_maildrops(&mut self) {
        self.maildrops_dirty = false;
        let live = match &self.conn {
            Some(Conn::Pop3 { session, .. }) => session
                .user()
                .map(str::to_string)
                .zip(session.listing(&self.server))
                .map(|(user, rows)| MailboxView { user, session_view: true, rows }),
            _ => None,
        };
        let views = match live {
            Some(view) => vec![view],
            None => self
                .server
                .users()
                .map(|u| MailboxView {
                    user: u.to_string(),
                    session_view: false,
                    rows: self.server.listing(u).unwrap_or_default(),
                })
                .collect(),
        };
        self.maildrops = Rc::new(views);
    }

    /// Goes up with every change the UI shows.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// What the UI shows.
    pub fn view(&self) -> ShellView {
        let (session_state, live) = match &self.conn {
            Some(Conn::Pop3 { session, .. }) => (Some(session.state()), true),
            Some(Conn::Remote { reader, open: true, .. }) => (Some(reader.state()), true),
            _ => (self.last_state, false),
        };
        ShellView {
            version: self.version,
            chunks: self.log.chunks().to_vec(),
            dropped: self.log.dropped(),
            connection: self.conn.as_ref().map(|c| c.info().clone()),
            prompt: if self.conn.is_none() { Some(self.style.prompt()) } else { None },
            session_state,
            live,
            maildrops: Rc::clone(&self.maildrops),
            wait: self.wait.as_ref().map(|w| w.wait),
            last_explainable: self.log.last_explainable().map(|e| e.id),
            suggestions: self.suggestions(),
            style: self.style,
            profile_title: self.server.profile().title.clone(),
            profile_id: self.server.profile().id.clone(),
        }
    }

    /// Commands worth trying next, for the suggestion buttons.
    pub fn suggestions(&self) -> Vec<String> {
        let user = self.scenario.users.first();
        match &self.conn {
            None => match self.scenario.hosts.first() {
                Some(host) => vec![format!("telnet {host} 110")],
                None => vec!["help".into()],
            },
            Some(Conn::Tls { .. }) => vec![],
            Some(Conn::Pop3 { session, info }) if !info.expects_tls => match session.state() {
                SessionState::Authorization => {
                    let mut out = Vec::new();
                    if let Some(u) = user {
                        let user_line = format!("USER {}", u.name);
                        let pass_line = format!("PASS {}", u.password.expose());
                        if self.last_user_accepted {
                            out.push(pass_line);
                            out.push(user_line);
                        } else {
                            out.push(user_line);
                            out.push(pass_line);
                        }
                    }
                    out.push("CAPA".into());
                    out.push("QUIT".into());
                    out
                }
                SessionState::Transaction => {
                    ["STAT", "LIST", "UIDL", "RETR 1", "TOP 1 0", "DELE 1", "RSET", "QUIT"].map(String::from).to_vec()
                }
                _ => vec![],
            },
            Some(_) => vec![],
        }
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

    fn run_command(&mut self, line: &str, now: Now) {
        self.log.push(EntryKind::Input { prompt: self.style.prompt(), text: line.to_string() });
        let mut words = line.split_whitespace();
        let Some(cmd) = words.next() else { return };
        match cmd.to_ascii_lowercase().as_str() {
            "help" | "?" | "pomoc" => {
                self.log.push(EntryKind::Note(Note::Help { hosts: self.scenario.hosts.clone() }));
            }
            "clear" | "cls" => self.log.clear(),
            "telnet" | "telnet.exe" => {
                let args: Vec<&str> = words.collect();
                match (args.as_slice(), self.bridge.is_some()) {
                    ([], _) => {
                        self.log.push(EntryKind::Note(Note::TelnetUsage));
                    }
                    ([host], true) => self.remote_connect(host, None, Tls::None, Program::Telnet),
                    ([host, port, ..], true) => self.remote_connect(host, Some(port), Tls::None, Program::Telnet),
                    ([host], false) => self.connect(host, None, now),
                    ([host, port, ..], false) => self.connect(host, Some(port), now),
                };
            }
            "openssl" | "openssl.exe" => {
                let args: Vec<&str> = words.collect();
                match sclient::Options::parse(&args) {
                    Some(o) if self.bridge.is_some() => {
                        let tls = if o.starttls { Tls::Stls } else { Tls::Implicit };
                        self.remote_connect(&o.host, Some(&o.port), tls, Program::OpenSsl { crlf: o.crlf });
                    }
                    Some(options) => self.s_client(options, now),
                    None => {
                        self.log.push(EntryKind::Note(Note::OpenSslUsage));
                    }
                }
            }
            _ => {
                self.log.push(EntryKind::Client {
                    text: client::unknown_command(self.style, cmd),
                    topic: Some(Topic::UnknownShellCommand),
                });
            }
        }
    }

    fn connect(&mut self, host: &str, port: Option<&str>, now: Now) {
        let target = net::resolve(&self.scenario.hosts, &self.server, host, port);
        match target.route {
            Route::Pop3 | Route::ImplicitTls => {
                if let Some(text) = client::connected(self.style, &target) {
                    self.log.push(EntryKind::Client { text, topic: Some(Topic::Connected) });
                }
                let info = ConnInfo {
                    host: target.host.clone(),
                    port: target.port.unwrap_or(110),
                    expects_tls: target.route == Route::ImplicitTls,
                    program: Program::Telnet,
                };
                if target.route == Route::ImplicitTls {
                    self.wait_for_tls(info);
                } else {
                    let mut session = self.open_session(false, now);
                    while let Some(event) = session.poll_event() {
                        self.queue.push_back(Item::Event(event));
                    }
                    self.conn = Some(Conn::Pop3 { session: Box::new(session), info });
                    self.pump(now);
                }
            }
            Route::TimedOut => {
                if let Some(text) = client::connect_attempt(self.style, &target) {
                    self.log.push(EntryKind::Client { text, topic: None });
                }
                let millis = connect_timeout_ms(self.style);
                self.wait = Some(PendingWait {
                    wait: Wait { since_ms: now.ms, until_ms: now.ms + millis, millis, reason: WaitReason::Connect },
                    then_fail: Some((target, Program::Telnet)),
                });
            }
            Route::Intercepted => {
                if let Some(text) = client::connected(self.style, &target) {
                    self.log.push(EntryKind::Client { text, topic: Some(Topic::Connected) });
                }
                if let Some(banner) = &target.banner {
                    self.log.push(EntryKind::Client { text: banner.clone(), topic: Some(Topic::Intercepted) });
                }
                self.log.push(EntryKind::Client {
                    text: client::closed_by_server(self.style),
                    topic: Some(Topic::Intercepted),
                });
            }
            Route::Refused | Route::Unresolvable | Route::BadPort => self.connect_failed(&target, Program::Telnet),
        }
    }

    /// A new session on the simulated server, from the learner's address; `tls`: the handshake is done
    /// (implicit TLS).
    fn open_session(&mut self, tls: bool, now: Now) -> Session {
        self.connections += 1;
        self.last_user_accepted = false;
        self.maildrops_dirty = true;
        self.server.connect(SessionConfig {
            now_ms: now.ms,
            unix_time: now.unix,
            seed: now.ms ^ self.connections.wrapping_mul(0x9e37_79b9_7f4a_7c15),
            tls_available: true,
            tls_active: tls,
            // The learner's computer: one address, so repeated failures are penalised.
            peer: net::CLIENT_ADDRESS.to_string(),
        })
    }

    /// Connected to the implicit-TLS port with a client that speaks plain text: the server waits.
    fn wait_for_tls(&mut self, info: ConnInfo) {
        self.connections += 1;
        self.last_user_accepted = false;
        self.conn = Some(Conn::Tls { info });
        self.last_state = None;
        self.log.push(EntryKind::Note(Note::TlsExpected));
    }

    fn connect_failed(&mut self, target: &Target, program: Program) {
        let topic = match target.route {
            Route::Refused => Topic::Refused { port: target.port_arg.clone() },
            Route::Unresolvable => Topic::Unresolvable { host: target.host.clone() },
            Route::BadPort => Topic::BadPort { port: target.port_arg.clone() },
            _ => Topic::TimedOut,
        };
        let text = match (program, target.route) {
            (Program::Telnet, _) => client::connect_failed(self.style, target),
            (Program::OpenSsl { .. }, Route::Unresolvable) => sclient::unresolvable(),
            (Program::OpenSsl { .. }, Route::TimedOut) => sclient::timed_out(),
            (Program::OpenSsl { .. }, _) => sclient::refused(),
        };
        self.log.push(EntryKind::Client { text, topic: Some(topic) });
    }

    /// `openssl s_client -connect HOST:PORT [-starttls pop3]`: a TLS handshake with the scenario's
    /// certificate, then the POP3 session inside TLS.
    fn s_client(&mut self, options: sclient::Options, now: Now) {
        let program = Program::OpenSsl { crlf: options.crlf };
        let target = net::resolve(&self.scenario.hosts, &self.server, &options.host, Some(&options.port));
        let print = |shell: &mut Shell, text: String, topic: Topic| {
            shell.log.push(EntryKind::Client { text, topic: Some(topic) });
        };
        let info =
            ConnInfo { host: target.host.clone(), port: target.port.unwrap_or(995), expects_tls: false, program };
        match (target.route, options.starttls) {
            (Route::TimedOut, _) => {
                let millis = connect_timeout_ms(ClientStyle::Unix);
                self.wait = Some(PendingWait {
                    wait: Wait { since_ms: now.ms, until_ms: now.ms + millis, millis, reason: WaitReason::Connect },
                    then_fail: Some((target, program)),
                });
            }
            (Route::Refused | Route::Unresolvable | Route::BadPort, _) => self.connect_failed(&target, program),
            (Route::Intercepted, _) => print(self, sclient::reset(), Topic::Intercepted),
            (Route::ImplicitTls, true) => self.wait_for_tls(ConnInfo { expects_tls: true, ..info }),
            (Route::Pop3, false) => print(self, sclient::not_tls(false), Topic::NotTls),
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
                    print(self, sclient::not_tls(true), Topic::NotTls);
                }
            }
        }
    }

    /// The handshake succeeded: its report, then the session's events (the greeting, with implicit TLS).
    fn tls_up(&mut self, mut session: Session, info: ConnInfo, hostname: Option<&str>, now: Now) {
        let host = self.scenario.hosts.first().map_or(info.host.as_str(), String::as_str);
        let cert = sclient::Certificate::new(host, self.scenario.certificate_problem(), now.unix);
        let code = cert.verify(hostname).0;
        self.log.push(EntryKind::Client {
            text: sclient::handshake(&cert, hostname),
            topic: Some(Topic::Certificate { code, name: cert.name.clone() }),
        });
        while let Some(event) = session.poll_event() {
            self.queue.push_back(Item::Event(event));
        }
        self.conn = Some(Conn::Pop3 { session: Box::new(session), info });
        self.pump(now);
    }

    fn send(&mut self, lines: &[String], now: Now) {
        for line in lines {
            self.log.push(EntryKind::Input { prompt: "", text: line.clone() });
        }
        match &self.conn {
            Some(Conn::Tls { .. }) => {
                self.server_closed(Some(Note::TlsExpected));
            }
            Some(Conn::Pop3 { info, .. }) if info.expects_tls => {
                if let Some(Conn::Pop3 { session, .. }) = &mut self.conn {
                    session.hangup(&mut self.server);
                }
                self.server_closed(Some(Note::StlsNoTls));
            }
            Some(Conn::Remote { .. }) => {
                let Some(Conn::Remote { reader, info, .. }) = &mut self.conn else { return };
                let end: &[u8] = if info.program == (Program::OpenSsl { crlf: false }) { b"\n" } else { b"\r\n" };
                for line in lines {
                    reader.sent(line.as_bytes());
                    let mut bytes = line.as_bytes().to_vec();
                    bytes.extend_from_slice(end);
                    self.outbox.push(Outgoing::Send(bytes));
                }
            }
            Some(Conn::Pop3 { info, .. }) => {
                let end: &[u8] = match info.program {
                    Program::Telnet | Program::OpenSsl { crlf: true } => b"\r\n",
                    Program::OpenSsl { crlf: false } => b"\n",
                };
                for line in lines {
                    self.input.extend_from_slice(line.as_bytes());
                    self.input.extend_from_slice(end);
                }
                self.pump(now);
            }
            None => {}
        }
    }

    /// Moves events to the log and input to the session until a pause, the end of the input, or the output
    /// budget of this call.
    fn pump(&mut self, now: Now) {
        let mut budget = OUTPUT_BUDGET;
        loop {
            self.drain(now, &mut budget);
            if self.wait.is_some() || budget == 0 {
                break;
            }
            let Some(Conn::Pop3 { session, info }) = &mut self.conn else {
                self.input.clear();
                break;
            };
            if self.input.is_empty() {
                break;
            }
            if info.expects_tls {
                // After STLS, whatever follows is taken as a broken TLS handshake.
                self.input.clear();
                session.hangup(&mut self.server);
                self.server_closed(Some(Note::StlsNoTls));
                break;
            }
            let before = session.state();
            let used = session.receive(&self.input, now.ms, &mut self.server);
            let consumed_lines = self.input[..used].iter().filter(|&&b| b == b'\n').count();
            self.input.drain(..used);
            let mut replies = 0usize;
            let mut login: Option<(usize, usize)> = None;
            let mut pulled = false;
            while let Some(event) = session.poll_event() {
                pulled = true;
                if let Event::Reply(r) = &event {
                    replies += 1;
                    if login.is_none() && matches!(r.explanation.meaning, Meaning::LoggedIn { .. }) {
                        login = Some((replies, self.queue.len() + 1));
                    }
                }
                self.queue.push_back(Item::Event(event));
            }
            let loses_input = self.server.profile().login.pipelined_input_lost_at_login;
            if let (Some((at, index)), true, SessionState::Authorization) = (login, loses_input, before) {
                if consumed_lines > at {
                    self.queue.insert(index, Item::Note(Note::PipelinedLost { count: consumed_lines - at }));
                }
            }
            if used == 0 && !pulled {
                break;
            }
        }
    }

    /// Shows queued events until a pause or the budget runs out.
    fn drain(&mut self, now: Now, budget: &mut usize) {
        while self.wait.is_none() && *budget > 0 {
            let Some(item) = self.queue.pop_front() else { break };
            match item {
                Item::Note(note) => {
                    self.log.push(EntryKind::Note(note));
                }
                Item::Event(Event::Reply(reply)) => {
                    *budget = budget.saturating_sub(reply.bytes.len());
                    let meaning = &reply.explanation.meaning;
                    self.last_user_accepted = matches!(meaning, Meaning::UserAccepted);
                    if matches!(
                        meaning,
                        Meaning::LoggedIn { .. }
                            | Meaning::MarkedDeleted { .. }
                            | Meaning::Reset { .. }
                            | Meaning::LoggedOut { .. }
                    ) {
                        self.maildrops_dirty = true;
                    }
                    let lines = count_lines(&reply.bytes);
                    self.log.push(EntryKind::Reply {
                        bytes: reply.bytes,
                        lines,
                        explanation: Rc::new(reply.explanation),
                    });
                }
                Item::Event(Event::Pause { millis }) => {
                    if millis > 0 {
                        self.wait = Some(PendingWait {
                            wait: Wait {
                                since_ms: now.ms,
                                until_ms: now.ms.saturating_add(millis),
                                millis,
                                reason: WaitReason::Server,
                            },
                            then_fail: None,
                        });
                    }
                }
                Item::Event(Event::StartTls) => {
                    if let Some(Conn::Pop3 { info, .. }) = &mut self.conn {
                        info.expects_tls = true;
                    }
                    self.log.push(EntryKind::Note(Note::StlsNoTls));
                }
                Item::Event(Event::Close { .. }) => {
                    self.server_closed(None);
                }
            }
        }
    }

    /// The server ended the connection: the client says so and the shell prompt returns.
    fn server_closed(&mut self, note: Option<Note>) {
        if let Some(Conn::Pop3 { session, .. }) = &self.conn {
            self.last_state = Some(session.state());
        }
        let program = self.conn.as_ref().map_or(Program::Telnet, |c| c.info().program);
        self.conn = None;
        self.queue.clear();
        self.input.clear();
        self.wait = None;
        self.maildrops_dirty = true;
        if let Some(note) = note {
            self.log.push(EntryKind::Note(note));
        }
        let text = match program {
            Program::Telnet => client::closed_by_server(self.style),
            Program::OpenSsl { .. } => sclient::CLOSED.to_string(),
        };
        self.log.push(EntryKind::Client { text, topic: Some(Topic::ClosedByServer) });
    }

    /// The user closes the connection (telnet's escape character, Ctrl+]).
    pub fn hangup(&mut self) {
        let Some(conn) = self.conn.take() else { return };
        match conn {
            Conn::Pop3 { mut session, .. } => {
                session.hangup(&mut self.server);
                self.last_state = Some(SessionState::Closed);
            }
            Conn::Remote { .. } => self.outbox.push(Outgoing::Close),
            Conn::Tls { .. } => {}
        }
        self.queue.clear();
        self.input.clear();
        self.wait = None;
        self.maildrops_dirty = true;
        self.log
            .push(EntryKind::Client { text: client::closed_by_client(self.style), topic: Some(Topic::ClosedByClient) });
        self.changed();
    }

    /// When [`Shell::tick`] should be called next: the end of a pause, the session's timer, or at once when
    /// work is left over from a large input.
    pub fn next_deadline(&self, now: Now) -> Option<u64> {
        if let Some(w) = &self.wait {
            return Some(w.wait.until_ms);
        }
        let busy = !self.queue.is_empty() || (!self.input.is_empty() && self.conn.is_some());
        let timer = match &self.conn {
            Some(Conn::Pop3 { session, .. }) => session.poll_timeout(),
            _ => None,
        };
        match (busy, timer) {
            (true, _) => Some(now.ms),
            (false, t) => t,
        }
    }

    /// Lets time pass: ends a pause that is over, fires the session's timer, continues left-over work.
    pub fn tick(&mut self, now: Now) {
        if self.wait.as_ref().is_some_and(|w| now.ms >= w.wait.until_ms) {
            self.finish_wait(now);
        }
        if self.wait.is_none() {
            if let Some(Conn::Pop3 { session, .. }) = &mut self.conn {
                if session.poll_timeout().is_some_and(|deadline| now.ms >= deadline) {
                    let seconds = {
                        let timing = &self.server.profile().timing;
                        match session.state() {
                            SessionState::Authorization => timing.login_timeout_ms,
                            _ => timing.idle_timeout_ms,
                        }
                    } / 1000;
                    session.handle_timeout(now.ms, &mut self.server);
                    while let Some(event) = session.poll_event() {
                        self.queue.push_back(Item::Event(event));
                    }
                    let close_at = self.queue.iter().position(|i| matches!(i, Item::Event(Event::Close { .. })));
                    self.queue
                        .insert(close_at.unwrap_or(self.queue.len()), Item::Note(Note::ServerTimeout { seconds }));
                }
            }
            self.pump(now);
        }
        self.changed();
    }

    /// Ends a pause now (the "skip wait" control).
    pub fn skip_wait(&mut self, now: Now) {
        if let Some(w) = &self.wait {
            let millis = w.wait.millis;
            if w.then_fail.is_none() {
                self.log.push(EntryKind::Note(Note::WaitSkipped { millis }));
            }
            self.finish_wait(now);
            self.pump(now);
            self.changed();
        }
    }

    fn finish_wait(&mut self, _now: Now) {
        if let Some(w) = self.wait.take() {
            if let Some((target, program)) = w.then_fail {
                self.connect_failed(&target, program);
            }
        }
    }

    /// Whether a connection is open.
    pub fn is_connected(&self) -> bool {
        self.conn.is_some()
    }
}
