//! Following a learner through a lesson: after every change of the console, the [`Tracker`] reads the log
//! entries it has not seen, one at a time, turns each into facts (a reply's meaning, a client message, a
//! deletion mark that was committed or dropped), and checks the current step's goal after each, so a paste
//! of several commands completes several steps in order. It also keeps the feedback the lesson panel shows
//! when a step is not done yet: the learner's mistake, or why the last reply did not count.

use std::collections::BTreeSet;
use std::rc::Rc;

use pop3_sim::{Explanation, Meaning, SessionState, Status};

use super::goal::{Facts, ReplyFact, SessionStateName};
use super::mistake::{self, Mistake};
use super::{Lesson, Step};
use crate::console::{EntryKind, Shell, Topic};

/// What the lesson panel says about the last thing that happened, while the step is not done.
#[derive(Clone, Debug, PartialEq)]
pub enum Feedback {
    /// A mistake the learner made (a hint that reacts to it).
    Mistake(Mistake),
    /// The right kind of reply, for another message.
    WrongNumber {
        /// The message the step is about.
        wanted: u64,
        /// The one the reply was about.
        got: u64,
    },
    /// The server refused: its explanation says why.
    Refused(Rc<Explanation>),
}

/// A learner's way through one lesson.
#[derive(Clone, Debug)]
pub struct Tracker {
    lesson: Rc<Lesson>,
    /// The current step's index; `steps.len()` once the lesson is done.
    step: usize,
    /// The newest log entry read.
    seen: Option<u64>,
    /// What happened since the current step began.
    facts: Facts,
    /// Deletion marks of the open connection.
    marks: BTreeSet<usize>,
    /// Lines the learner entered during the lesson.
    commands: usize,
    feedback: Option<Feedback>,
}

impl Tracker {
    /// Starts `lesson` in front of `shell`: what the log holds already does not count.
    pub fn new(lesson: Rc<Lesson>, shell: &Shell) -> Tracker {
        let seen = shell.log().entries().next_back().map(|e| e.id);
        let mut tracker = Tracker {
            lesson,
            step: 0,
            seen,
            facts: Facts::default(),
            marks: BTreeSet::new(),
            commands: 0,
            feedback: None,
        };
        tracker.note_state(shell);
        tracker.advance();
        tracker
    }

    /// The lesson.
    pub fn lesson(&self) -> &Rc<Lesson> {
        &self.lesson
    }

    /// The current step's index (`steps.len()` when the lesson is done).
    pub fn step_index(&self) -> usize {
        self.step
    }

    /// The current step, while the lesson is not done.
    pub fn step(&self) -> Option<&Step> {
        self.lesson.steps.get(self.step)
    }

    /// Whether every step is done.
    pub fn is_done(&self) -> bool {
        self.step >= self.lesson.steps.len()
    }

    /// Lines the learner entered since the lesson began.
    pub fn commands(&self) -> usize {
        self.commands
    }

    /// What the panel says while the step is not done.
    pub fn feedback(&self) -> Option<&Feedback> {
        self.feedback.as_ref()
    }

    /// Reads what the console did since the last call; returns how many steps were completed by it.
    pub fn observe(&mut self, shell: &Shell) -> usize {
        let before = self.step;
        // Only the newest entries are read (from the end back to the last one seen): a long log costs nothing.
        let mut new: Vec<_> =
            shell.log().entries().rev().take_while(|e| self.seen.is_none_or(|seen| e.id > seen)).cloned().collect();
        new.reverse();
        for entry in new {
            self.seen = Some(entry.id);
            if self.is_done() {
                continue;
            }
            self.read(&entry.kind, shell);
            self.advance();
        }
        if !self.is_done() {
            self.note_state(shell);
            self.advance();
        }
        self.step - before
    }

    /// The learner picked `option` in a `diagnosis` goal; `true` if that completed the step.
    pub fn choose(&mut self, option: &str) -> bool {
        if self.is_done() {
            return false;
        }
        let before = self.step;
        self.facts.diagnosis = Some(option.to_string());
        self.advance();
        self.step > before
    }

    /// The live session's state counts for `state` goals.
    fn note_state(&mut self, shell: &Shell) {
        if let (Some(state), true) = shell.session_state() {
            self.add_state(state);
        }
    }

    fn add_state(&mut self, state: SessionState) {
        match state {
            SessionState::Authorization => self.facts.states.insert(SessionStateName::Authorization),
            SessionState::Transaction => self.facts.states.insert(SessionStateName::Transaction),
            SessionState::Update | SessionState::Closed => false,
        };
    }

    /// Completes every step whose goal the facts meet; a new step starts with the live state only.
    fn advance(&mut self) {
        while let Some(step) = self.lesson.steps.get(self.step) {
            if !step.goal.met(&self.facts) {
                break;
            }
            self.step += 1;
            self.feedback = None;
            // What counted for this step does not count again; the live state is noted again after the
            // entries being read (see `observe`).
            self.facts = Facts::default();
        }
    }

    /// Turns one log entry into facts and feedback.
    fn read(&mut self, kind: &EntryKind, shell: &Shell) {
        match kind {
            EntryKind::Input { .. } => self.commands += 1,
            EntryKind::Reply { explanation, .. } => self.read_reply(explanation),
            EntryKind::Client { topic: Some(topic), .. } => self.read_client(topic, shell),
            EntryKind::Client { topic: None, .. } | EntryKind::Note(_) => {}
        }
    }

    fn read_reply(&mut self, explanation: &Rc<Explanation>) {
        self.add_state(explanation.state);
        match &explanation.meaning {
            Meaning::LoggedIn { .. } => self.add_state(SessionState::Transaction),
            Meaning::MarkedDeleted { number } => {
                self.marks.insert(*number);
            }
            Meaning::Reset { .. } => self.facts.kept.extend(std::mem::take(&mut self.marks)),
            Meaning::LoggedOut { .. } => self.facts.removed.extend(std::mem::take(&mut self.marks)),
            _ => {}
        }
        let fact = reply_fact(explanation);
        let step_goal = self.lesson.steps.get(self.step).map(|s| &s.goal);
        let mistake = mistake::in_reply(explanation);
        let patterns = step_goal.map(|g| g.reply_patterns()).unwrap_or_default();
        let other = patterns.iter().find_map(|p| p.other_number(&fact));
        self.facts.replies.push(fact);
        if step_goal.is_some_and(|g| g.met(&self.facts)) {
            return;
        }
        self.feedback = match (mistake, other) {
            (Some(m), _) => Some(Feedback::Mistake(m)),
            (None, Some((wanted, got))) => Some(Feedback::WrongNumber { wanted, got }),
            (None, None) if explanation.status == Status::Err => Some(Feedback::Refused(Rc::clone(explanation))),
            (None, None) => self.feedback.take(),
        };
    }

    fn read_client(&mut self, topic: &Topic, shell: &Shell) {
        if matches!(topic, Topic::ClosedByServer | Topic::ClosedByClient) && !self.marks.is_empty() {
            let kept = std::mem::take(&mut self.marks);
            if *topic == Topic::ClosedByClient {
                self.feedback = Some(Feedback::Mistake(Mistake::DroppedWithDeletions { count: kept.len() }));
            }
            self.facts.kept.extend(kept);
        }
        let value = serde_json::to_value(topic).unwrap_or_default();
        let name = value.get("kind").and_then(|k| k.as_str()).unwrap_or_default().to_string();
        let code = value.get("code").and_then(|c| c.as_u64()).and_then(|c| u32::try_from(c).ok());
        self.facts.topics.push((name, code));
        if let Some(m) = mistake::in_client(topic, &shell.scenario().hosts) {
            self.feedback = Some(Feedback::Mistake(m));
        }
    }
}

/// The parts of a reply a goal can name; the meaning's name and numbers as the simulator serialises them.
fn reply_fact(e: &Explanation) -> ReplyFact {
    let meaning = serde_json::to_value(&e.meaning).unwrap_or_default();
    let field = |name: &str| meaning.get(name).and_then(|v| v.as_u64());
    ReplyFact {
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
    }
}
