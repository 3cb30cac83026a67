//! Time in the console: simulated pauses (the server silent on purpose, a connection attempt that will time
//! out), which the learner may skip, and the simulated server's own timers. The shell keeps no clock: the page
//! asks [`Shell::next_deadline`] when to call [`Shell::tick`] next.

use super::connection::Program;
use super::net::Target;
use super::{Note, Now, Shell};
use crate::console::log::EntryKind;

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

/// A pause, and what happens at its end.
#[derive(Clone, Debug)]
pub(super) struct PendingWait {
    pub(super) wait: Wait,
    /// A connection attempt that times out at the end, and the program that made it.
    then_fail: Option<(Target, Program)>,
}

impl Shell {
    /// Begins a pause of `millis` from `now`; `then_fail`: the connection attempt that fails when it ends.
    pub(super) fn start_wait(
        &mut self,
        now: Now,
        millis: u64,
        reason: WaitReason,
        then_fail: Option<(Target, Program)>,
    ) {
        let wait = Wait { since_ms: now.ms, until_ms: now.ms.saturating_add(millis), millis, reason };
        self.wait = Some(PendingWait { wait, then_fail });
    }

    /// When [`Shell::tick`] should be called next: the end of a pause, the session's timer, or at once when
    /// work is left over from a large input.
    pub fn next_deadline(&self, now: Now) -> Option<u64> {
        if let Some(w) = &self.wait {
            return Some(w.wait.until_ms);
        }
        if self.is_busy() {
            Some(now.ms)
        } else {
            self.session_deadline()
        }
    }

    /// Whether the console is still working on what was typed: in a pause, or with output or input left over.
    pub fn is_busy(&self) -> bool {
        self.wait.is_some() || !self.queue.is_empty() || (!self.input.is_empty() && self.conn.is_some())
    }

    /// Lets time pass: ends a pause that is over, fires the session's timer, continues left-over work.
    pub fn tick(&mut self, now: Now) {
        if self.wait.as_ref().is_some_and(|w| now.ms >= w.wait.until_ms) {
            self.finish_wait();
        }
        if self.wait.is_none() {
            self.fire_session_timer(now);
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
            self.finish_wait();
            self.pump(now);
            self.changed();
        }
    }

    fn finish_wait(&mut self) {
        if let Some(PendingWait { then_fail: Some((target, program)), .. }) = self.wait.take() {
            self.connect_failed(&target, program);
        }
    }
}
