//! What the lessons learn from the console. The lesson panel runs in its own module, fetched when lessons are
//! opened (`crate::lesson_app`), so it cannot read the tutor's [`Shell`]: after every change of the console the
//! tutor reads the entries the lesson has not seen into an [`Observation`] ([`Observation::read`]) and sends it
//! as JSON. An observation carries facts, not text: a reply's meaning by its name (`pop3_sim::Meaning::name`, the
//! names lesson goals use), the client program's messages by topic, the session's live state; and, for
//! a refusal, the reply's explanation in both languages, which the tutor has already and the lesson shows as
//! "why not yet".

use pop3_sim::{Explanation, Meaning, SessionState, Status};
use serde::{Deserialize, Serialize};

use super::goal::{ReplyFact, SessionStateName};
use super::Text;
use crate::console::command::ShellCommand;
use crate::console::connection::Program;
use crate::console::net::parse_port;
use crate::console::{EntryKind, Shell, Topic};
use crate::i18n::{explain, Lang};

/// The console since the last observation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    /// The new log entries that matter to lessons, in order.
    pub events: Vec<Event>,
    /// The live session's state (`None` when no session is open, or it is in UPDATE or closed).
    pub state: Option<SessionStateName>,
    /// A connection is open (the solution line skips `telnet` then).
    pub connected: bool,
    /// Where it goes, and with which program (the solution line skips a connect line to the same place only).
    pub endpoint: Option<Endpoint>,
    /// The host names the scenario's server answers at (a misspelt host's hint names the nearest); in the
    /// first observation of a lesson only ([`Observation::start`]), since they do not change.
    pub hosts: Vec<String>,
}

/// Where a connection goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    /// `telnet` or `openssl`.
    pub program: String,
    /// The host as typed, lower-case.
    pub host: String,
    /// The port.
    pub port: u16,
}

impl Endpoint {
    /// Where a shell line connects to (`telnet HOST PORT`, `openssl s_client -connect HOST:PORT`); `None` for
    /// any other line.
    pub fn of_line(line: &str) -> Option<Endpoint> {
        let (program, host, port) = match ShellCommand::parse(line).ok()? {
            ShellCommand::Telnet { host, port } => ("telnet", host, port.as_deref().map_or(Some(23), parse_port)?),
            ShellCommand::SClient(o) => ("openssl", o.host, parse_port(&o.port)?),
            _ => return None,
        };
        Some(Endpoint { program: program.into(), host: host.trim_end_matches('.').to_ascii_lowercase(), port })
    }
}

/// One log entry, as lessons see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// The learner entered a line.
    Input,
    /// The server replied.
    Reply(ReplyEvent),
    /// The client program printed something with a topic.
    Client(ClientEvent),
}

/// A reply, as lessons see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyEvent {
    /// What a goal can name.
    pub fact: ReplyFact,
    /// The state the session was in when the command arrived.
    pub state: Option<SessionStateName>,
    /// A wrong-state reply's verb, upper-case (`RETR` before login).
    pub wrong_state_verb: Option<String>,
    /// An unknown command's verb, as the server read it.
    pub unknown_verb: Option<String>,
    /// For a `-ERR`: what the reply means, from its explanation.
    pub why: Option<Text>,
}

/// A client program's message, as lessons see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientEvent {
    /// The topic's name (`timed_out`, `refused`, `closed_by_client`, …).
    pub topic: String,
    /// A certificate's OpenSSL verify code.
    pub code: Option<u32>,
    /// The host name that did not resolve.
    pub host: Option<String>,
    /// The port that refused.
    pub port: Option<String>,
}

impl Observation {
    /// What `shell` logged after entry `seen` (everything when `None`), and its state now; `seen` moves to
    /// the newest entry. Only the newest entries are read, from the end back: a long log costs nothing.
    pub fn read(shell: &Shell, seen: &mut Option<u64>) -> Observation {
        let mut new: Vec<_> = shell.log().entries().rev().take_while(|e| seen.is_none_or(|s| e.id > s)).collect();
        new.reverse();
        if let Some(last) = new.last() {
            *seen = Some(last.id);
        }
        let (state, live) = shell.session_state();
        // Read from the shell directly: its whole view (the log's chunks) is not needed here.
        let connection = shell.connection();
        Observation {
            events: new.iter().filter_map(|e| event(&e.kind)).collect(),
            state: state.filter(|_| live).and_then(state_name),
            connected: connection.is_some(),
            endpoint: connection.map(|c| Endpoint {
                program: match c.program {
                    Program::Telnet => "telnet",
                    Program::OpenSsl { .. } => "openssl",
                }
                .into(),
                host: c.host.trim_end_matches('.').to_ascii_lowercase(),
                port: c.port,
            }),
            hosts: Vec::new(),
        }
    }

    /// The console as it is, without its past: where a lesson starts. `seen` moves to the newest entry.
    pub fn start(shell: &Shell, seen: &mut Option<u64>) -> Observation {
        *seen = shell.log().entries().next_back().map(|e| e.id);
        Observation { hosts: shell.scenario().hosts.clone(), ..Observation::read(shell, seen) }
    }
}

/// The states a goal can name.
pub fn state_name(state: SessionState) -> Option<SessionStateName> {
    match state {
        SessionState::Authorization => Some(SessionStateName::Authorization),
        SessionState::Transaction => Some(SessionStateName::Transaction),
        SessionState::Update | SessionState::Closed => None,
    }
}

fn event(kind: &EntryKind) -> Option<Event> {
    match kind {
        EntryKind::Input { .. } => Some(Event::Input),
        EntryKind::Reply { explanation, .. } => Some(Event::Reply(reply(explanation))),
        EntryKind::Client { topic: Some(topic), .. } => Some(Event::Client(client(topic))),
        EntryKind::Client { topic: None, .. } | EntryKind::Note(_) => None,
    }
}

/// The parts of a reply a goal or a hint can name; the meaning by its name (`docs/lesson-format.md`).
fn reply(e: &Explanation) -> ReplyEvent {
    ReplyEvent {
        fact: ReplyFact {
            meaning: e.meaning.name().to_string(),
            number: e.meaning.number(),
            lines: e.meaning.lines(),
            code: e.code.clone(),
            ok: match e.status {
                Status::Ok => Some(true),
                Status::Err => Some(false),
                Status::Continuation | Status::Other => None,
            },
            command: e.command.as_ref().map(|v| v.name().to_ascii_uppercase()),
        },
        state: state_name(e.state),
        wrong_state_verb: match &e.meaning {
            Meaning::WrongState { verb } if verb.is_transaction_verb() => Some(verb.name().to_ascii_uppercase()),
            _ => None,
        },
        unknown_verb: match &e.meaning {
            Meaning::UnknownCommand { verb } => Some(verb.clone()),
            _ => None,
        },
        why: (e.status == Status::Err)
            .then(|| Text { en: explain::meaning(&e.meaning, Lang::En), pl: explain::meaning(&e.meaning, Lang::Pl) }),
    }
}

fn client(topic: &Topic) -> ClientEvent {
    let (code, host, port) = match topic {
        Topic::Certificate { code, .. } => (Some(*code), None, None),
        Topic::Unresolvable { host } => (None, Some(host.clone()), None),
        Topic::Refused { port } => (None, None, Some(port.clone())),
        _ => (None, None, None),
    };
    ClientEvent { topic: topic.name().to_string(), code, host, port }
}
