//! The editor's demo steps (the scenario's `demo`, which the embed plays): what "Record from the console" takes
//! from the console's log, what a new step says, and how typed texts are fitted to the format's limits.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use pop3_sim::scenario::{DemoStep, Scenario, MAX_DEMO_CAPTION, MAX_DEMO_LINE};

use crate::console::{Entry, EntryKind};

/// The lines typed into the console after log entry `after` (every one in the log when `None`), at most `room`
/// of them, as "Record from the console" turns them into demo steps: shell commands (`telnet …`, after a
/// prompt) and lines sent to the server (`USER …`) alike, in order. Blank lines, and lines no demo step can
/// hold (too long, control characters), are left out. Also gives the id of the last entry looked at, where the
/// next recording starts (`None`: nothing new); lines left over when `room` ran out wait for the next one.
pub(super) fn typed_lines<'a>(
    entries: impl Iterator<Item = &'a Entry>,
    after: Option<u64>,
    room: usize,
) -> (Vec<String>, Option<u64>) {
    let usable =
        |line: &str| !line.trim().is_empty() && line.len() <= MAX_DEMO_LINE && !line.chars().any(char::is_control);
    let (mut lines, mut last) = (Vec::new(), None);
    for entry in entries.filter(|e| after.is_none_or(|after| e.id > after)) {
        if let EntryKind::Input { text, .. } = &entry.kind {
            if usable(text) {
                if lines.len() == room {
                    break;
                }
                lines.push(text.clone());
            }
        }
        last = Some(entry.id);
    }
    (lines, last)
}

/// A new demo step: the first connects to the scenario's first host; later ones say NOOP until the trainer
/// types their line.
pub(super) fn new_step(scenario: &Scenario) -> DemoStep {
    let line = match (scenario.demo.is_empty(), scenario.hosts.first()) {
        (true, Some(host)) => format!("telnet {host} 110"),
        _ => "NOOP".to_string(),
    };
    DemoStep { line, ..DemoStep::default() }
}

/// `text` cut to at most `max` octets, at a character's boundary.
pub(super) fn cut(text: &str, max: usize) -> String {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

/// A caption as typed: cut to what a caption holds; none when blank.
pub(super) fn caption(text: &str) -> Option<String> {
    Some(cut(text, MAX_DEMO_CAPTION)).filter(|c| !c.trim().is_empty())
}

/// Where the last "Record from the console" stopped: the scenario whose console it read (every scenario opened
/// gets a console of its own, whose log starts afresh) and the last log entry it looked at. Kept by the
/// folded editor, so that closing it does not forget.
#[derive(Clone, Default)]
pub struct RecordMark(Rc<RefCell<Option<Recording>>>);

/// The scenario whose console was recorded, and the last log entry looked at.
type Recording = (Weak<Scenario>, u64);

impl PartialEq for RecordMark {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl RecordMark {
    /// The last entry recorded from the console of `scenario`.
    pub(super) fn after(&self, scenario: &Rc<Scenario>) -> Option<u64> {
        self.0.borrow().as_ref().filter(|(s, _)| s.as_ptr() == Rc::as_ptr(scenario)).map(|(_, id)| *id)
    }

    pub(super) fn set(&self, scenario: &Rc<Scenario>, last: u64) {
        *self.0.borrow_mut() = Some((Rc::downgrade(scenario), last));
    }
}

/// What the last recording did.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Recorded {
    /// Added this many steps.
    Steps(usize),
    /// Nothing new was typed.
    Nothing,
}

#[cfg(test)]
mod tests {
    use crate::console::{ClientStyle, Now, Shell};

    use super::*;
    use crate::components::editor::check;
    use crate::i18n;
    use pop3_sim::scenario::MAX_DEMO_STEPS;

    fn shell() -> Shell {
        Shell::new(pop3_sim::scenario::builtin("seed").unwrap(), None, ClientStyle::WindowsEn).unwrap()
    }

    fn typed(shell: &mut Shell, lines: &[&str], at: u64) {
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        shell.submit(&lines, Now { ms: at, unix: 1_700_000_000 });
    }

    fn record(shell: &Shell, after: Option<u64>, room: usize) -> (Vec<String>, Option<u64>) {
        typed_lines(shell.log().entries().map(|e| &**e), after, room)
    }

    #[test]
    fn recording_takes_the_typed_lines_in_order_then_only_new_ones() {
        let mut s = shell();
        typed(&mut s, &["telnet pop.outlook.pl 110"], 0);
        typed(&mut s, &["USER tester@outlook.pl"], 1_000);
        typed(&mut s, &["   "], 1_500);
        let (lines, last) = record(&s, None, MAX_DEMO_STEPS);
        // The shell command (after its prompt) and the line sent to the server; the greeting, the replies and
        // the tutor's notes are not typed lines, and a blank line is no step.
        assert_eq!(lines, ["telnet pop.outlook.pl 110", "USER tester@outlook.pl"]);
        assert_eq!(last, s.log().entries().last().map(|e| e.id));
        assert_eq!(record(&s, last, MAX_DEMO_STEPS), (vec![], None), "nothing new since");
        typed(&mut s, &["PASS moje_hasło"], 2_000);
        typed(&mut s, &["STAT"], 3_000);
        assert_eq!(record(&s, last, MAX_DEMO_STEPS).0, ["PASS moje_hasło", "STAT"]);
    }

    #[test]
    fn recording_stops_when_the_demo_is_full_and_the_rest_waits() {
        let mut s = shell();
        typed(&mut s, &["telnet pop.outlook.pl 110"], 0);
        typed(&mut s, &["USER tester@outlook.pl"], 1_000);
        typed(&mut s, &["PASS moje_hasło"], 2_000);
        let (lines, last) = record(&s, None, 2);
        assert_eq!(lines, ["telnet pop.outlook.pl 110", "USER tester@outlook.pl"]);
        assert_eq!(record(&s, last, 5).0, ["PASS moje_hasło"]);
        assert!(record(&s, None, 0).0.is_empty());
        // A log cleared (Ctrl+L) keeps counting from where it was.
        s.clear();
        typed(&mut s, &["QUIT"], 3_000);
        assert_eq!(record(&s, last, 5).0, ["QUIT"]);
    }

    #[test]
    fn lines_no_step_can_hold_are_left_out_and_the_steps_are_valid() {
        let mut s = shell();
        typed(&mut s, &["telnet pop.outlook.pl 110"], 0);
        typed(&mut s, &[&"X".repeat(MAX_DEMO_LINE + 1)], 1_000);
        typed(&mut s, &["NOOP"], 2_000);
        let (lines, _) = record(&s, None, MAX_DEMO_STEPS);
        assert_eq!(lines, ["telnet pop.outlook.pl 110", "NOOP"]);
        let mut scenario = pop3_sim::scenario::builtin("seed").unwrap();
        scenario.demo = lines.into_iter().map(|line| DemoStep { line, ..DemoStep::default() }).collect();
        assert!(check(&scenario.to_json()).is_ok());
    }

    #[test]
    fn a_new_step_is_valid_and_texts_are_cut_at_a_character() {
        let mut scenario = pop3_sim::scenario::builtin("seed").unwrap();
        scenario.demo.clear();
        assert_eq!(new_step(&scenario).line, "telnet pop.outlook.pl 110");
        scenario.demo.push(new_step(&scenario));
        assert_eq!(new_step(&scenario).line, "NOOP");
        scenario.demo.push(new_step(&scenario));
        assert!(check(&scenario.to_json()).is_ok());
        assert_eq!(cut("ąąą", 3), "ą");
        assert_eq!(cut("abc", 10), "abc");
        assert_eq!(caption("  "), None);
        assert_eq!(i18n::demo_recorded(2, crate::i18n::Lang::Pl), "Dodano 2 kroki z konsoli.");
        assert_eq!(i18n::demo_recorded(5, crate::i18n::Lang::Pl), "Dodano 5 kroków z konsoli.");
        assert_eq!(i18n::demo_recorded(1, crate::i18n::Lang::En), "Added 1 step from the console.");
        assert_eq!(caption(&"ł".repeat(MAX_DEMO_CAPTION)).map(|c| c.len()), Some(MAX_DEMO_CAPTION));
    }
}
