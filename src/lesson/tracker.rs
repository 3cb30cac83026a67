//! Following a learner through a lesson: the [`Tracker`] reads each [`Observation`] of the console (the entries
//! it has not seen, one at a time), turns each event into facts (a reply's meaning, a client message, a deletion
//! mark that was committed or dropped), and checks the current step's goal after each, so a paste of several
//! commands completes several steps in order. It also keeps the feedback the lesson panel shows when a step is
//! not done yet: the learner's mistake, or why the last reply did not count.

use std::collections::BTreeSet;
use std::rc::Rc;

use super::goal::{Facts, SessionStateName};
use super::mistake::{self, Mistake};
use super::observation::{ClientEvent, Event, Observation, ReplyEvent};
use super::{Lesson, Step, Text};

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
    Refused(Text),
}

/// A learner's way through one lesson.
#[derive(Clone, Debug)]
pub struct Tracker {
    lesson: Rc<Lesson>,
    /// The current step's index; `steps.len()` once the lesson is done.
    step: usize,
    /// What happened since the current step began.
    facts: Facts,
    /// Deletion marks of the open connection.
    marks: BTreeSet<usize>,
    /// Lines the learner entered during the lesson.
    commands: usize,
    feedback: Option<Feedback>,
    /// The host names the lesson's server answers at.
    hosts: Vec<String>,
}

impl Tracker {
    /// Starts `lesson` in front of the console as `start` shows it (its events, if any, do not count).
    pub fn new(lesson: Rc<Lesson>, start: &Observation) -> Tracker {
        let mut tracker = Tracker {
            lesson,
            step: 0,
            facts: Facts::default(),
            marks: BTreeSet::new(),
            commands: 0,
            feedback: None,
            hosts: start.hosts.clone(),
        };
        tracker.note_state(start);
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

    /// Reads what the console did since the last observation; returns how many steps were completed by it.
    pub fn observe(&mut self, observation: &Observation) -> usize {
        let before = self.step;
        for event in &observation.events {
            if self.is_done() {
                break;
            }
            self.read(event);
            self.advance();
        }
        if !self.is_done() {
            self.note_state(observation);
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
    fn note_state(&mut self, observation: &Observation) {
        if let Some(state) = observation.state {
            self.facts.states.insert(state);
        }
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

    /// Turns one event into facts and feedback.
    fn read(&mut self, event: &Event) {
        match event {
            Event::Input => self.commands += 1,
            Event::Reply(reply) => self.read_reply(reply),
            Event::Client(client) => self.read_client(client),
        }
    }

    fn read_reply(&mut self, reply: &ReplyEvent) {
        if let Some(state) = reply.state {
            self.facts.states.insert(state);
        }
        match (reply.fact.meaning.as_str(), reply.fact.number) {
            ("logged_in", _) => {
                self.facts.states.insert(SessionStateName::Transaction);
            }
            ("marked_deleted", Some(n)) => {
                self.marks.insert(n as usize);
            }
            ("reset", _) => self.facts.kept.extend(std::mem::take(&mut self.marks)),
            ("logged_out", _) => self.facts.removed.extend(std::mem::take(&mut self.marks)),
            _ => {}
        }
        let fact = reply.fact.clone();
        let step_goal = self.lesson.steps.get(self.step).map(|s| &s.goal);
        let patterns = step_goal.map(|g| g.reply_patterns()).unwrap_or_default();
        let other = patterns.iter().find_map(|p| p.other_number(&fact));
        self.facts.replies.push(fact);
        if step_goal.is_some_and(|g| g.met(&self.facts)) {
            return;
        }
        self.feedback = match (mistake::in_reply(reply), other) {
            (Some(m), _) => Some(Feedback::Mistake(m)),
            (None, Some((wanted, got))) => Some(Feedback::WrongNumber { wanted, got }),
            (None, None) => match &reply.why {
                Some(why) => Some(Feedback::Refused(why.clone())),
                None => self.feedback.take(),
            },
        };
    }

    fn read_client(&mut self, client: &ClientEvent) {
        let closed = matches!(client.topic.as_str(), "closed_by_server" | "closed_by_client");
        if closed && !self.marks.is_empty() {
            let kept = std::mem::take(&mut self.marks);
            if client.topic == "closed_by_client" {
                self.feedback = Some(Feedback::Mistake(Mistake::DroppedWithDeletions { count: kept.len() }));
            }
            self.facts.kept.extend(kept);
        }
        self.facts.topics.push((client.topic.clone(), client.code));
        if let Some(m) = mistake::in_client(client, &self.hosts) {
            self.feedback = Some(Feedback::Mistake(m));
        }
    }
}
