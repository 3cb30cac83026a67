//! The session's timers, named, so that a driver never has to work out from the profile why its session was
//! closed (the way quinn-proto's `connection/timer.rs` names a connection's timers).
//!
//! RFC 1939 §3: "A POP3 server MAY have an inactivity autologout timer. [...] The receipt of any command from
//! the client during that interval should suffice to reset the autologout timer. When the timer expires, the
//! session does NOT enter the UPDATE state". Real servers keep two such timers, one per state, and a scenario
//! can replace both with its own: at most one is armed at a time, and [`Session::timer`] says which.
//!
//! [`Session::timer`]: super::Session::timer

use std::fmt;

use serde::Serialize;

/// Which of the session's timers is armed (or fired).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timer {
    /// AUTHORIZATION may last this long from connect, whatever the client sends (Dovecot's login process
    /// gives up on a client that has not logged in after 3 minutes, Courier's after 1). Length: the profile's
    /// [`Timing::login_timeout_ms`](crate::profile::Timing::login_timeout_ms).
    Login,
    /// RFC 1939 §3's autologout timer in TRANSACTION: restarted by every input. Length: the profile's
    /// [`Timing::idle_timeout_ms`](crate::profile::Timing::idle_timeout_ms).
    Idle,
    /// A scenario's `autologout` fault ([`Fault::Autologout`](crate::scenario::Fault::Autologout)): an
    /// autologout timer shorter than the profile's, restarted by every input, in any state. While the fault
    /// is there it replaces both timers above.
    Autologout,
}

impl Timer {
    /// The timer's name, as the TCP server logs it (`login`, `idle`, `autologout`).
    pub fn name(self) -> &'static str {
        match self {
            Timer::Login => "login",
            Timer::Idle => "idle",
            Timer::Autologout => "autologout",
        }
    }
}

/// For logs: the timer's [name](Timer::name).
impl fmt::Display for Timer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A timer as it is armed: which one, when it fires and how long it is, so that a driver can both wait for
/// it and tell the learner "the 30 s autologout timer ran out" without reading the profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct ArmedTimer {
    /// Which timer.
    pub timer: Timer,
    /// When it fires, on the driver's clock (the `now_ms` the driver passes in), in milliseconds.
    pub deadline_ms: u64,
    /// Its whole length in milliseconds: from connect ([`Timer::Login`]) or from the last input (the
    /// others) to the deadline.
    pub length_ms: u64,
}
