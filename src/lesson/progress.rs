//! Lessons done, kept in localStorage under [`STORAGE_KEY`] as
//! `{"version":1,"done":{"connect":{"commands":4,"reference":3}}}`: for each lesson done, the fewest commands
//! the learner used and the reference solution's count. Plain functions of the stored text, tested natively;
//! the hook (`crate::hooks::use_lesson`) reads and writes the storage.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The localStorage key (versioned: a new shape gets a new key).
pub const STORAGE_KEY: &str = "pop3-tutor/lessons/v1";

/// One lesson done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The fewest commands the learner used to complete it.
    pub commands: usize,
    /// The reference solution's number of commands.
    pub reference: usize,
}

/// The lessons done.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// `1`.
    pub version: u32,
    /// By lesson id.
    pub done: BTreeMap<String, Record>,
}

/// Saved progress that could not be read (not JSON, another shape or version).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unreadable;

impl Progress {
    /// Reads saved progress; nothing saved is no progress.
    pub fn parse_saved(saved: Option<&str>) -> Result<Progress, Unreadable> {
        let Some(text) = saved else { return Ok(Progress::new()) };
        match serde_json::from_str::<Progress>(text) {
            Ok(p) if p.version == 1 => Ok(p),
            _ => Err(Unreadable),
        }
    }

    /// No lesson done.
    pub fn new() -> Progress {
        Progress { version: 1, done: BTreeMap::new() }
    }

    /// The text to save.
    pub fn to_saved(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether lesson `id` is done.
    pub fn is_done(&self, id: &str) -> bool {
        self.done.contains_key(id)
    }

    /// Lesson `id` was completed with `commands` commands; the fewest is kept.
    pub fn record(&mut self, id: &str, commands: usize, reference: usize) {
        let best = self.done.get(id).map_or(commands, |r| r.commands.min(commands));
        self.done.insert(id.to_string(), Record { commands: best, reference });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_keeps_the_fewest_commands() {
        let mut p = Progress::parse_saved(None).unwrap();
        assert!(!p.is_done("connect"));
        p.record("connect", 5, 3);
        p.record("connect", 4, 3);
        p.record("connect", 9, 3);
        let saved = p.to_saved();
        assert_eq!(saved, r#"{"version":1,"done":{"connect":{"commands":4,"reference":3}}}"#);
        let back = Progress::parse_saved(Some(&saved)).unwrap();
        assert!(back.is_done("connect"));
        assert_eq!(back, p);
    }

    #[test]
    fn unreadable_data_is_refused_not_a_panic() {
        for bad in
            ["", "nope", "[]", r#"{"version":2,"done":{}}"#, r#"{"version":1,"done":{"a":1}}"#, r#"{"version":1}"#]
        {
            assert_eq!(Progress::parse_saved(Some(bad)), Err(Unreadable), "{bad}");
        }
    }
}
