//! Meaning: the POP3 session state machine (RFC 1939 §3–§6).
//!
//! ```text
//!              connect
//!                 │  greeting (+OK …)
//!                 ▼
//!        ┌─────────────────┐  USER/PASS, APOP or AUTH ok   ┌─────────────┐  QUIT   ┌────────┐
//!        │  AUTHORIZATION  │ ─────────────────────────────▶│ TRANSACTION │───────▶ │ UPDATE │──▶ closed
//!        └─────────────────┘                               └─────────────┘         └────────┘
//!          │ QUIT, limits, timeout                            │ timeout, limits, dropped connection
//!          ▼                                                  ▼
//!        closed (nothing changes)                           closed (deletions NOT committed)
//! ```
//!
//! A [`Session`] is driven by pushing the client's bytes in ([`Session::receive`]) and pulling [`Event`]s out
//! ([`Session::poll_event`]): replies with their explanations, simulated pauses, the STLS hand-over, the
//! close. It does no I/O, reads no clock and draws no random numbers of its own: the time comes in as
//! arguments, the seed in [`SessionConfig`]. Commands valid in another state are refused the way the
//! profile's server refuses them, and explained as [`crate::Meaning::WrongState`].
//!
//! Where each command lives: AUTHORIZATION commands (USER, PASS, APOP, AUTH, STLS, UTF8, CAPA, QUIT) in
//! `session/authorization.rs`, SASL exchanges in `session/sasl.rs`, TRANSACTION commands (STAT, LIST, RETR,
//! DELE, NOOP, RSET, TOP, UIDL, CAPA, QUIT) in `session/transaction.rs`, injected faults in
//! `session/faults.rs`, the named timers ([`Timer`]: login, idle, a scenario's autologout) in
//! `session/timer.rs`.

mod authorization;
mod faults;
mod sasl;
mod timer;
mod transaction;

use std::collections::VecDeque;
use std::sync::Arc;

use base64::Engine as _;
use serde::Serialize;

use crate::command::{self, Verb};
use crate::explain::{status_and_code, Explanation, Meaning};
use crate::line::{Framed, Line, LineEnding, LineLimit, LineReader};
use crate::maildrop::{Listing, SessionId};
use crate::profile::{render, Profile};
use crate::scenario::Fault;
use crate::server::Server;
use crate::wire::{self, Reply};

use authorization::Authorization;
use transaction::Transaction;

pub use timer::{ArmedTimer, Timer};

/// `receive` stops taking input while this many reply octets wait to be polled (backpressure: a client that
/// pipelines 10 MB of commands and never reads cannot make the session buffer unbounded output).
pub const MAX_PENDING_OCTETS: usize = 256 * 1024;

/// What the driver knows at connect time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionConfig {
    /// The driver's clock at connect, in milliseconds (any epoch: only differences matter).
    pub now_ms: u64,
    /// Wall-clock Unix time at connect, in seconds (the APOP timestamp, error time stamps).
    pub unix_time: u64,
    /// Seed for the session's random parts (APOP and CRAM-MD5 challenges).
    pub seed: u64,
    /// The server can do TLS: STLS is offered.
    pub tls_available: bool,
    /// TLS is already on (implicit TLS on port 995: the driver finished the handshake before connecting).
    pub tls_active: bool,
    /// The client's address, as the server would log it; failed logins are counted per address (Dovecot's
    /// auth penalty). Empty when unknown: all such clients then count as one.
    pub peer: String,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            now_ms: 0,
            unix_time: 1_700_000_000,
            seed: 0,
            tls_available: true,
            tls_active: false,
            peer: String::new(),
        }
    }
}

/// The RFC 1939 session states, plus the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SessionState {
    /// Before login.
    Authorization,
    /// Logged in.
    Transaction,
    /// QUIT from TRANSACTION: deletions committed, the session has ended.
    Update,
    /// The session ended without UPDATE.
    Closed,
}

/// The verbs RFC 1939 (and RFCs 2449, 2595, 5034, 6856) allow in AUTHORIZATION, in the order the tutor shows
/// them.
static AUTHORIZATION_VERBS: [Verb; 8] =
    [Verb::User, Verb::Pass, Verb::Apop, Verb::Auth, Verb::Stls, Verb::Capa, Verb::Utf8, Verb::Quit];

/// The verbs RFC 1939 (and RFC 2449's CAPA) allow in TRANSACTION.
static TRANSACTION_VERBS: [Verb; 10] = [
    Verb::Stat,
    Verb::List,
    Verb::Retr,
    Verb::Dele,
    Verb::Noop,
    Verb::Rset,
    Verb::Top,
    Verb::Uidl,
    Verb::Capa,
    Verb::Quit,
];

impl SessionState {
    /// The commands RFC 1939 (and RFCs 2449, 2595, 5034, 6856) allow in this state: the one table the
    /// session's "wrong state" refusals ([`SessionState::is_wrong_state`]) and [`Verb::is_transaction_verb`]
    /// are derived from.
    ///
    /// These are the RFCs' rules, the same for every profile: a profile's server may still answer `-ERR` to
    /// a verb allowed here when it lacks the extension (APOP, UTF8 or STLS turned off), but as an unknown or
    /// refused command, not as one sent in the wrong state.
    pub fn allowed_verbs(self) -> &'static [Verb] {
        match self {
            SessionState::Authorization => &AUTHORIZATION_VERBS,
            SessionState::Transaction => &TRANSACTION_VERBS,
            SessionState::Update | SessionState::Closed => &[],
        }
    }

    /// Whether [`SessionState::allowed_verbs`] has `verb`.
    pub fn allows(self, verb: &Verb) -> bool {
        self.allowed_verbs().contains(verb)
    }

    /// Whether `verb` is a command of another state, not of this one: the session refuses it as the
    /// profile's server refuses an unknown command, and explains it as [`crate::Meaning::WrongState`]
    /// (RFC 1939 §3: a command "issued when the session is in an incorrect state" gets a negative reply).
    pub fn is_wrong_state(self, verb: &Verb) -> bool {
        !self.allows(verb) && [SessionState::Authorization, SessionState::Transaction].iter().any(|s| s.allows(verb))
    }
}

/// What a session asks its driver to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// Send these octets.
    Reply(Reply),
    /// The real server stays silent this long before what follows (the failed-login delay, waiting for a
    /// lock). Drivers may wait or skip it.
    Pause {
        /// Milliseconds.
        millis: u64,
    },
    /// After `+OK` to STLS: negotiate TLS now, then call [`Session::tls_established`].
    StartTls,
    /// Close the connection; `reset` if the real server's close comes as a TCP RST.
    Close {
        /// Close with RST.
        reset: bool,
    },
}

/// Where the session is.
#[derive(Debug)]
enum Phase {
    Authorization(Authorization),
    Transaction(Box<Transaction>),
    Closed { via_update: bool },
}

/// The command being handled, for its replies' explanations.
#[derive(Clone, Debug)]
struct Current {
    verb: Option<Verb>,
    state: SessionState,
    ending: Option<LineEnding>,
    truncated: bool,
}

/// One client connection to a simulated server.
#[derive(Debug)]
pub struct Session {
    id: SessionId,
    profile: Arc<Profile>,
    faults: Arc<[Fault]>,
    /// How often each verb was sent (for faults that start at the n-th time).
    verb_counts: Vec<(Vec<u8>, u32)>,
    reader: LineReader,
    phase: Phase,
    events: VecDeque<Event>,
    pending_octets: usize,
    bad_commands: u32,
    tls_available: bool,
    tls_active: bool,
    awaiting_tls: bool,
    connected_at: u64,
    last_input: u64,
    unix_time: u64,
    rng: u64,
    apop_timestamp: Option<String>,
    peer: String,
    current: Current,
    /// Set by a login on a profile that loses pipelined input: the rest of the current input is dropped.
    drop_input: bool,
    /// The `Close` event is queued: nothing is sent after it.
    hung_up: bool,
    /// Octets of replies queued so far (for a `drop` fault on the whole output).
    output_octets: u64,
}

impl Session {
    pub(crate) fn new(id: SessionId, profile: Arc<Profile>, faults: Arc<[Fault]>, config: SessionConfig) -> Session {
        let no_stls = faults.iter().any(|f| matches!(f, Fault::NoStls));
        let mut session = Session {
            id,
            profile,
            faults,
            verb_counts: Vec::new(),
            reader: LineReader::default(),
            phase: Phase::Authorization(Authorization::default()),
            events: VecDeque::new(),
            pending_octets: 0,
            bad_commands: 0,
            tls_available: config.tls_available && !no_stls,
            tls_active: config.tls_active,
            awaiting_tls: false,
            connected_at: config.now_ms,
            last_input: config.now_ms,
            unix_time: config.unix_time,
            rng: config.seed,
            apop_timestamp: None,
            peer: config.peer,
            drop_input: false,
            hung_up: false,
            output_octets: 0,
            current: Current { verb: None, state: SessionState::Authorization, ending: None, truncated: false },
        };
        session.greet();
        if session.hung_up {
            session.phase = Phase::Closed { via_update: false };
        }
        session
    }

    fn greet(&mut self) {
        let apop = if self.profile.apop {
            let mut random = [0u8; 16];
            for chunk in random.chunks_mut(8) {
                chunk.copy_from_slice(&self.next_random().to_le_bytes());
            }
            let pid = 0x1000 + (self.next_random() % 0xe000);
            let connect_uid = 1 + self.next_random() % 0x40;
            let ts = format!(
                "<{pid:x}.{connect_uid:x}.{:x}.{}@{}>",
                self.unix_time,
                base64::engine::general_purpose::STANDARD.encode(random),
                self.profile.apop_host
            );
            self.apop_timestamp = Some(ts);
            self.apop_timestamp.as_ref().map(|t| format!(" {t}")).unwrap_or_default()
        } else {
            String::new()
        };
        let line = render(&self.profile.replies.greeting, &[("apop", apop.as_bytes())]);
        let meaning = Meaning::Greeting { apop_timestamp: self.apop_timestamp.clone() };
        self.reply(line, meaning);
    }

    /// SplitMix64: deterministic from the configured seed.
    fn next_random(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// The APOP timestamp of the greeting, if the profile sends one.
    pub fn apop_timestamp(&self) -> Option<&str> {
        self.apop_timestamp.as_deref()
    }

    /// The session's state.
    pub fn state(&self) -> SessionState {
        match &self.phase {
            Phase::Authorization(_) => SessionState::Authorization,
            Phase::Transaction(_) => SessionState::Transaction,
            Phase::Closed { via_update: true } => SessionState::Update,
            Phase::Closed { via_update: false } => SessionState::Closed,
        }
    }

    /// Whether the session has ended (a `Close` event is queued or was polled).
    pub fn is_closed(&self) -> bool {
        matches!(self.phase, Phase::Closed { .. })
    }

    /// Whether TLS is on.
    pub fn tls_active(&self) -> bool {
        self.tls_active
    }

    /// The logged-in user, in TRANSACTION.
    pub fn user(&self) -> Option<&str> {
        match &self.phase {
            Phase::Transaction(t) => Some(t.user()),
            _ => None,
        }
    }

    /// The maildrop as this session sees it (numbers, sizes, UIDLs, deletion marks), in TRANSACTION.
    pub fn listing(&self, server: &Server) -> Option<Vec<Listing>> {
        match &self.phase {
            Phase::Transaction(t) => Some(t.listing(server)),
            _ => None,
        }
    }

    /// Feeds the client's bytes. Returns how many were consumed: fewer than given when
    /// [`MAX_PENDING_OCTETS`] of replies wait to be polled; poll, then feed the rest.
    pub fn receive(&mut self, input: &[u8], now_ms: u64, server: &mut Server) -> usize {
        if self.is_closed() || self.awaiting_tls {
            // After the close, or between `+OK` to STLS and the handshake, plaintext input is not read.
            return input.len();
        }
        if !input.is_empty() {
            self.last_input = now_ms;
        }
        let mut used = 0;
        while used < input.len() && !self.is_closed() && !self.awaiting_tls {
            if self.pending_octets >= MAX_PENDING_OCTETS {
                return used;
            }
            let (n, framed) = self.reader.read(&input[used..], self.line_limit());
            used += n;
            debug_assert!(n > 0 || framed != Framed::NeedMore, "the line reader must make progress");
            match framed {
                Framed::NeedMore => {}
                Framed::TooLong => self.line_too_long(server),
                Framed::Line(line) => self.handle_line(line, server),
            }
            if std::mem::take(&mut self.drop_input) {
                self.reader.clear();
                return input.len();
            }
        }
        if self.is_closed() || self.awaiting_tls {
            return input.len();
        }
        used
    }

    /// The next event for the driver.
    pub fn poll_event(&mut self) -> Option<Event> {
        let event = self.events.pop_front()?;
        if let Event::Reply(r) = &event {
            self.pending_octets = self.pending_octets.saturating_sub(r.bytes.len());
        }
        Some(event)
    }

    /// The timer armed now: which one, when it fires on the driver's clock, and its length; `None` once
    /// closed. A scenario's `autologout` fault replaces the profile's timers in every state.
    pub fn timer(&self) -> Option<ArmedTimer> {
        let timing = &self.profile.timing;
        let autologout = self.faults.iter().find_map(|f| match f {
            Fault::Autologout { seconds } => Some(seconds.saturating_mul(1000)),
            _ => None,
        });
        let (timer, since, length_ms) = match (&self.phase, autologout) {
            (Phase::Closed { .. }, _) => return None,
            (_, Some(ms)) => (Timer::Autologout, self.last_input, ms),
            (Phase::Authorization(_), None) => (Timer::Login, self.connected_at, timing.login_timeout_ms),
            (Phase::Transaction(_), None) => (Timer::Idle, self.last_input, timing.idle_timeout_ms),
        };
        Some(ArmedTimer { timer, deadline_ms: since.saturating_add(length_ms), length_ms })
    }

    /// When the session's timer fires, on the driver's clock; `None` once closed. The deadline of
    /// [`Session::timer`], for drivers that only need to know when to call [`Session::handle_timeout`].
    pub fn poll_timeout(&self) -> Option<u64> {
        self.timer().map(|t| t.deadline_ms)
    }

    /// Lets the timer fire if `now_ms` has reached [`Session::poll_timeout`]: the server hangs up (with the
    /// profile's inactivity message, if it has one). Deletions are not committed.
    ///
    /// Returns the timer that fired, so the driver can say which one ran out (its `Close` event is queued
    /// as for any other close); `None` if it was not due yet or the session had already ended.
    pub fn handle_timeout(&mut self, now_ms: u64, server: &mut Server) -> Option<ArmedTimer> {
        let fired = self.timer().filter(|t| now_ms >= t.deadline_ms)?;
        let in_sasl = matches!(&self.phase, Phase::Authorization(a) if a.in_sasl());
        let replies = &self.profile.replies;
        let text = if in_sasl { replies.inactivity_during_auth.clone() } else { replies.inactivity.clone() };
        self.current = Current { verb: None, state: self.state(), ending: None, truncated: false };
        if let Some(text) = text {
            self.reply(text.into_bytes(), Meaning::Inactivity);
        }
        self.close(false, server);
        Some(fired)
    }

    /// The driver finished the TLS handshake that [`Event::StartTls`] asked for.
    pub fn tls_established(&mut self) {
        if self.awaiting_tls {
            self.awaiting_tls = false;
            self.tls_active = true;
            self.reader.clear();
        }
    }

    /// The client dropped the connection: locks are released, deletions are not committed.
    pub fn hangup(&mut self, server: &mut Server) {
        if let Phase::Transaction(tx) = &self.phase {
            tx.release(self.id, server);
        }
        if !self.is_closed() {
            self.phase = Phase::Closed { via_update: false };
        }
    }

    fn line_limit(&self) -> LineLimit {
        let limits = &self.profile.limits;
        match &self.phase {
            Phase::Authorization(a) if a.in_sasl() => limits.line_sasl,
            Phase::Transaction(_) => limits.line_after_login,
            _ => limits.line_before_login,
        }
    }

    fn line_too_long(&mut self, server: &mut Server) {
        let replies = &self.profile.replies;
        let text = match &self.phase {
            Phase::Authorization(a) if a.in_sasl() => None,
            Phase::Authorization(_) => replies.line_too_long_before_login.clone(),
            _ => replies.line_too_long_after_login.clone(),
        };
        self.current = Current { verb: None, state: self.state(), ending: None, truncated: false };
        if let Some(text) = text {
            self.reply(text.into_bytes(), Meaning::LineTooLong);
        }
        self.close(true, server);
    }

    fn handle_line(&mut self, line: Line, server: &mut Server) {
        let state = self.state();
        self.current = Current { verb: None, state, ending: Some(line.ending), truncated: line.truncated };
        // The phase is taken out while a command runs, so handlers get it and the session separately;
        // they say what comes next instead of changing the phase themselves.
        match std::mem::replace(&mut self.phase, Phase::Closed { via_update: false }) {
            Phase::Authorization(mut auth) => {
                let next = if auth.in_sasl() {
                    self.current.verb = Some(Verb::Auth);
                    sasl::respond(self, &mut auth, &line.bytes, server)
                } else {
                    let cmd = command::parse(&line.bytes, self.profile.dialect, command::Phase::Login);
                    self.current.verb = Some(cmd.verb.clone());
                    match faults::scripted_reply(self, &cmd) {
                        Some(next) => next,
                        None => authorization::handle(self, &mut auth, cmd, server),
                    }
                };
                match self.after_hangup(next, server) {
                    Next::Stay => self.phase = Phase::Authorization(auth),
                    next => self.apply(next),
                }
            }
            Phase::Transaction(mut tx) => {
                let cmd = command::parse(&line.bytes, self.profile.dialect, command::Phase::Mail);
                self.current.verb = Some(cmd.verb.clone());
                let next = match faults::scripted_reply(self, &cmd) {
                    Some(next) => next,
                    None => transaction::handle(self, &mut tx, cmd, server),
                };
                match self.after_hangup(next, server) {
                    Next::Stay => self.phase = Phase::Transaction(tx),
                    next => {
                        tx.release(self.id, server);
                        self.apply(next);
                    }
                }
            }
            closed @ Phase::Closed { .. } => self.phase = closed,
        }
    }

    /// A handler's verdict, unless the connection dropped while it replied: then the session ends.
    fn after_hangup(&mut self, next: Next, server: &mut Server) -> Next {
        match next {
            Next::Login(tx) if self.hung_up => {
                tx.release(self.id, server);
                Next::Close { via_update: false }
            }
            Next::Stay if self.hung_up => Next::Close { via_update: false },
            next => next,
        }
    }

    fn apply(&mut self, next: Next) {
        match next {
            Next::Stay => {}
            Next::Login(tx) => {
                self.phase = Phase::Transaction(tx);
                self.drop_input = self.profile.login.pipelined_input_lost_at_login;
            }
            Next::Close { via_update } => {
                self.phase = Phase::Closed { via_update };
                self.reader.clear();
                self.push_close(false);
            }
        }
    }

    /// Queues a one-line reply.
    fn reply(&mut self, line: Vec<u8>, meaning: Meaning) {
        self.push_reply(wire::single(line), meaning);
    }

    /// Queues a reply already in wire form, through the scenario's network-stage faults on replies (latency,
    /// a connection dropped part-way).
    fn push_reply(&mut self, mut bytes: Vec<u8>, mut meaning: Meaning) {
        if self.hung_up {
            return;
        }
        for fault in self.faults.iter() {
            if let Fault::Latency { ms } = fault {
                self.events.push_back(Event::Pause { millis: *ms });
            }
        }
        let cut = self.drop_point(bytes.len() as u64);
        if let Some(sent) = cut {
            meaning = Meaning::Dropped { sent, total: bytes.len() as u64 };
            bytes.truncate(usize::try_from(sent).unwrap_or(usize::MAX));
        }
        if !bytes.is_empty() {
            self.queue_reply(bytes, meaning);
        }
        if cut.is_some() {
            self.push_close(false);
        }
    }

    /// Where a `drop` fault cuts a reply of `len` octets: `Some(octets still sent)`, or `None`.
    fn drop_point(&mut self, len: u64) -> Option<u64> {
        let before = self.output_octets;
        self.output_octets = before.saturating_add(len);
        let verb = self.current.verb.as_ref().map(|v| v.name());
        self.faults.iter().find_map(|f| match f {
            Fault::Drop { after_octets, command: None } if before.saturating_add(len) > *after_octets => {
                Some(after_octets.saturating_sub(before))
            }
            Fault::Drop { after_octets, command: Some(c) }
                if len > *after_octets && verb.is_some_and(|v| v.eq_ignore_ascii_case(c)) =>
            {
                Some(*after_octets)
            }
            _ => None,
        })
    }

    /// Queues the `Close` event, once.
    fn push_close(&mut self, reset: bool) {
        if !std::mem::replace(&mut self.hung_up, true) {
            self.events.push_back(Event::Close { reset });
        }
    }

    fn queue_reply(&mut self, bytes: Vec<u8>, meaning: Meaning) {
        let first_end = bytes.iter().position(|&b| b == b'\r' || b == b'\n').unwrap_or(bytes.len());
        let (status, code) = status_and_code(&bytes[..first_end]);
        let explanation = Explanation {
            command: self.current.verb.clone(),
            state: self.current.state,
            status,
            code,
            meaning,
            ending: self.current.ending,
            truncated: self.current.truncated,
        };
        self.pending_octets += bytes.len();
        self.events.push_back(Event::Reply(Reply { bytes, explanation }));
    }

    fn pause(&mut self, millis: u64) {
        if millis > 0 && !self.hung_up {
            self.events.push_back(Event::Pause { millis });
        }
    }

    /// Ends the session without UPDATE (timeouts, over-long lines).
    fn close(&mut self, reset: bool, server: &mut Server) {
        if let Phase::Transaction(tx) = &self.phase {
            tx.release(self.id, server);
        }
        self.phase = Phase::Closed { via_update: false };
        self.reader.clear();
        self.push_close(reset);
    }

    /// Counts a failed command against a limit. When the limit is reached (`at_limit`) or passed, queues the
    /// profile's farewell and returns true: the caller then closes.
    fn count_bad(&mut self, limit: Option<u32>, text: Option<String>, at_limit: bool) -> bool {
        self.bad_commands += 1;
        let Some(limit) = limit else { return false };
        let over = if at_limit { self.bad_commands >= limit } else { self.bad_commands > limit };
        if over {
            if let Some(text) = text {
                self.reply(text.into_bytes(), Meaning::TooManyBadCommands);
            }
        }
        over
    }

    /// Whether plaintext login is refused now: the scenario requires TLS and it is not on yet.
    fn plaintext_refused(&self) -> bool {
        !self.tls_active && self.faults.iter().any(|f| matches!(f, Fault::TlsRequired))
    }

    /// The server's wall clock now, from the connect time and the last input.
    fn unix_now(&self) -> u64 {
        self.unix_time + self.last_input.saturating_sub(self.connected_at) / 1000
    }
}

/// What a command handler wants to happen to the session.
#[derive(Debug)]
enum Next {
    /// Stay in the current state.
    Stay,
    /// Logged in: enter TRANSACTION.
    Login(Box<Transaction>),
    /// End the session (after UPDATE when `via_update`).
    Close { via_update: bool },
}

#[cfg(test)]
mod tests;
