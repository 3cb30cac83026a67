//! The simulated server's side of a connection: the console drives the sans-IO [`pop3_sim::Session`] as the
//! TCP mode does, feeding it the typed bytes and the time, and turns its events into log entries, honouring
//! its pauses, its timers and a budget of output per call (a 5 MB RETR does not freeze the page).

use std::rc::Rc;

use pop3_sim::{Event, Meaning, Session, SessionConfig, SessionState};

use super::connection::{Conn, ConnInfo};
use super::log::{count_lines, EntryKind};
use super::net;
use super::wait::WaitReason;
use super::{Note, Now, Shell};

/// At most this many reply octets are produced by one call before the shell yields to the UI.
const OUTPUT_BUDGET: usize = 16 * 1024 * 1024;

/// What waits to be shown: the session's events, and the tutor's notes placed among them.
#[derive(Debug)]
pub(super) enum Item {
    Event(Event),
    Note(Note),
}

impl Shell {
    /// A new session on the simulated server, from the learner's address; `tls`: the handshake is done
    /// (implicit TLS).
    pub(super) fn open_session(&mut self, tls: bool, now: Now) -> Session {
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

    /// Makes `session` the open connection and shows what it has said so far (its greeting).
    pub(super) fn attach(&mut self, mut session: Session, info: ConnInfo, now: Now) {
        while let Some(event) = session.poll_event() {
            self.queue.push_back(Item::Event(event));
        }
        self.conn = Some(Conn::Sim { session: Box::new(session), info });
        self.pump(now);
    }

    /// Moves events to the log and input to the session until a pause, the end of the input, or the output
    /// budget of this call.
    pub(super) fn pump(&mut self, now: Now) {
        let mut budget = OUTPUT_BUDGET;
        loop {
            self.drain(now, &mut budget);
            if self.wait.is_some() || budget == 0 {
                break;
            }
            let Some(Conn::Sim { session, info }) = &mut self.conn else {
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
                        self.start_wait(now, millis, WaitReason::Server, None);
                    }
                }
                Item::Event(Event::StartTls) => {
                    if let Some(Conn::Sim { info, .. }) = &mut self.conn {
                        info.expects_tls = true;
                    }
                    self.log.push(EntryKind::Note(Note::StlsNoTls));
                }
                Item::Event(Event::Close { .. }) => self.server_closed(None),
            }
        }
    }

    /// When the simulated session's timer fires, if one is armed.
    pub(super) fn session_deadline(&self) -> Option<u64> {
        match &self.conn {
            Some(Conn::Sim { session, .. }) => session.poll_timeout(),
            _ => None,
        }
    }

    /// Fires the session's timer if it is due: the server hangs up, and the tutor says which of its timers
    /// ran out and how long it was (as the core armed it: a scenario's autologout replaces the profile's).
    pub(super) fn fire_session_timer(&mut self, now: Now) {
        let Some(Conn::Sim { session, .. }) = &mut self.conn else { return };
        let Some(fired) = session.handle_timeout(now.ms, &mut self.server) else { return };
        while let Some(event) = session.poll_event() {
            self.queue.push_back(Item::Event(event));
        }
        let note = Note::ServerTimeout { timer: fired.timer, seconds: fired.length_ms.div_ceil(1000) };
        let close_at = self.queue.iter().position(|i| matches!(i, Item::Event(Event::Close { .. })));
        self.queue.insert(close_at.unwrap_or(self.queue.len()), Item::Note(note));
    }
}
