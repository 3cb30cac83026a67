//! The command line's history: lines sent before, recalled with ↑ and ↓.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use yew::prelude::*;

/// Lines kept at most; older ones are forgotten.
pub const HISTORY_MAX: usize = 500;

/// Characters of a line kept in the history.
const LINE_MAX_CHARS: usize = 10_000;

/// Lines typed before, for ↑ and ↓ (no UI: tested as plain Rust).
#[derive(Debug, Default)]
pub struct History {
    lines: VecDeque<String>,
    /// Where ↑/↓ stand: `lines.len()` is the fresh line.
    at: usize,
    /// What was typed before ↑ was first pressed.
    draft: String,
}

impl History {
    /// Remembers a line sent (not an empty one, nor the same line twice in a row) and goes back to the fresh
    /// line.
    pub fn push(&mut self, line: &str) {
        if !line.is_empty() && self.lines.back().map(String::as_str) != Some(line) {
            self.lines.push_back(line.chars().take(LINE_MAX_CHARS).collect());
            if self.lines.len() > HISTORY_MAX {
                self.lines.pop_front();
            }
        }
        self.at = self.lines.len();
        self.draft.clear();
    }

    /// ↑: the line before, keeping `current` as the draft when leaving the fresh line; `None` at the oldest.
    pub fn up(&mut self, current: &str) -> Option<String> {
        if self.at == self.lines.len() {
            self.draft = current.to_string();
        }
        self.at = self.at.checked_sub(1)?;
        self.lines.get(self.at).cloned()
    }

    /// ↓: the line after, or the draft when arriving back at the fresh line; `None` on the fresh line.
    pub fn down(&mut self) -> Option<String> {
        if self.at >= self.lines.len() {
            return None;
        }
        self.at += 1;
        Some(self.lines.get(self.at).cloned().unwrap_or_else(|| self.draft.clone()))
    }
}

/// A component's [`History`], kept across renders (changing it does not re-render).
#[derive(Clone)]
pub struct HistoryHandle(Rc<RefCell<History>>);

impl HistoryHandle {
    /// Remembers lines sent together. Only the last [`HISTORY_MAX`] of a large paste could stay anyway.
    pub fn push_all(&self, lines: &[String]) {
        let mut history = self.0.borrow_mut();
        for line in &lines[lines.len().saturating_sub(HISTORY_MAX)..] {
            history.push(line);
        }
    }

    /// See [`History::up`].
    pub fn up(&self, current: &str) -> Option<String> {
        self.0.borrow_mut().up(current)
    }

    /// See [`History::down`].
    pub fn down(&self) -> Option<String> {
        self.0.borrow_mut().down()
    }
}

/// The command history of the calling component.
#[hook]
pub fn use_history() -> HistoryHandle {
    HistoryHandle(use_mut_ref(History::default))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_walks_back_and_forth() {
        let mut h = History::default();
        h.push("one");
        h.push("two");
        assert_eq!(h.up("draft").as_deref(), Some("two"));
        assert_eq!(h.up("").as_deref(), Some("one"));
        assert_eq!(h.up(""), None);
        assert_eq!(h.down().as_deref(), Some("two"));
        assert_eq!(h.down().as_deref(), Some("draft"));
        assert_eq!(h.down(), None);
    }
}
