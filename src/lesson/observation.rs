//! What the lessons learn from the console. The lesson panel runs in its own module, fetched when lessons are
//! opened (`crate::lesson_app`), so it cannot read the tutor's [`Shell`]: after every change of the console the
//! tutor reads the entries the lesson has not seen into an [`Observation`] ([`Observation::read`]) and sends it
//! as JSON. An observation carries facts, not text: a reply's meaning by its name (as the simulator serialises
//! it, the names lesson goals use), the client program's messages by topic, the session's live state; and, for
//! a refusal, the reply's explanation in both languages, which the tutor has already and the lesson shows as
//! "why not yet".

use pop3_sim::{Explanation, Meaning, SessionState, Status};
use serde::{Deserialize, Serialize};

use super::goal::SessionStateName;
use super::Text;
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
    /// The host names the scenario's server answers at (a misspelt host's hint names the nearest).
    pub hosts: Vec<String>,
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
    /// The meaning's name (`marked_deleted`).
    pub meaning: String,
    /// The meaning's message number, if it has one.
    pub number: Option<u64>,
    /// The meaning's line count (TOP), if it has one.
    pub lines: Option<u64>,
    /// The RFC 2449 response code.
    pub code: Option<String>,
    /// `+OK` (`Some(true)`), `-ERR` (`Some(false)`), other (`None`).
    pub ok: Option<bool>,
    /// The verb it answers, upper-case.
    pub command: Option<String>,
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
        Observation {
            events: new.iter().filter_map(|e| event(&e.kind)).collect(),
            state: state.filter(|_| live).and_then(state_name),
            connected: shell.view().connection.is_some(),
            hosts: shell.scenario().hosts.clone(),
        }
    }

    /// The console as it is, without its past: where a lesson starts. `seen` moves to the newest entry.
    pub fn start(shell: &Shell, seen: &mut Option<u64>) -> Observation {
        *seen = shell.log().entries().next_back().map(|e| e.id);
        Observation::read(shell, seen)
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

/// The parts of a reply a goal or a hint can name; the meaning's name and numbers as the simulator serialises
/// them (the names `docs/lesson-format.md` lists).
fn reply(e: &Explanation) -> ReplyEvent {
    let meaning = serde_json::to_value(&e.meaning).unwrap_or_default();
    let field = |name: &str| meaning.get(name).and_then(|v| v.as_u64());
    ReplyEvent {
        meaning: meaning.get("kind").and_then(|k| k.as_str()).unwrap_or_default().to_string(),
        number: field("number"),
        lines: field("lines"),
        code: e.code.clone(),
        ok: match e.status {
            Status::Ok => Some(true),
            Status::Err => Some(false),
            Status::Continuation | Status::Other => None,
        },
        command: e.command.as_ref().map(|v| v.name().to_ascii_uppercase()),
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
    let value = serde_json::to_value(topic).unwrap_or_default();
    ClientEvent {
        topic: value.get("kind").and_then(|k| k.as_str()).unwrap_or_default().to_string(),
        code: value.get("code").and_then(|c| c.as_u64()).and_then(|c| u32::try_from(c).ok()),
        host: match topic {
            Topic::Unresolvable { host } => Some(host.clone()),
            _ => None,
        },
        port: match topic {
            Topic::Refused { port } => Some(port.clone()),
            _ => None,
        },
    }
}
