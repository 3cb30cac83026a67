//! Lessons done, kept in localStorage under [`STORAGE_KEY`] as
//! `{"version":1,"done":{"connect":{"commands":4,"reference":3}}}`: for each lesson done, the fewest commands
//! the learner used and the reference solution's count. Plain functions of the stored text, tested natively;
//! the hook (`crate::hooks::use_lesson`) reads and writes the storage.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The localStorage key (versioned: a new shape gets a new key).
pub const STORAGE_KEY: &str = "pop3-tutor/lessons/v1";

/// The largest progress text read (a file or a link to import): thousands of lessons' worth.
pub const MAX_BYTES: usize = 256 * 1024;

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
        if text.len() > MAX_BYTES {
            return Err(Unreadable);
        }
        let id_ok = |id: &str| {
            (1..=64).contains(&id.len())
                && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        match serde_json::from_str::<Progress>(text) {
            Ok(p) if p.version == 1 && p.done.keys().all(|id| id_ok(id)) => Ok(p),
            _ => Err(Unreadable),
        }
    }

    /// Adds `other`'s lessons (an import): a lesson done in either is done, with the fewer commands. Returns
    /// how many lessons were not done here before. Nothing is lost.
    pub fn merge(&mut self, other: &Progress) -> usize {
        let new = other.done.keys().filter(|id| !self.done.contains_key(*id)).count();
        for (id, r) in &other.done {
            self.record(id, r.commands, r.reference);
        }
        new
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
        let huge =
            format!(r#"{{"version":1,"done":{{"a":{{"commands":1,"reference":1}}}},"x":"{}"}}"#, "a".repeat(MAX_BYTES));
        for bad in [
            "",
            "nope",
            "[]",
            r#"{"version":2,"done":{}}"#,
            r#"{"version":1,"done":{"a":1}}"#,
            r#"{"version":1}"#,
            r#"{"version":1,"done":{"../x":{"commands":1,"reference":1}}}"#,
            &huge,
        ] {
            assert_eq!(Progress::parse_saved(Some(bad)), Err(Unreadable), "{:.60}", bad);
        }
    }

    #[test]
    fn an_import_adds_lessons_and_keeps_the_fewer_commands() {
        let mut here = Progress::new();
        here.record("connect", 5, 3);
        here.record("login", 4, 4);
        let mut other = Progress::new();
        other.record("connect", 3, 3);
        other.record("login", 9, 4);
        other.record("uidl", 7, 6);
        assert_eq!(here.merge(&other), 1, "one lesson new here");
        assert_eq!(here.done["connect"].commands, 3);
        assert_eq!(here.done["login"].commands, 4);
        assert!(here.is_done("uidl"));
        assert_eq!(here.merge(&other), 0, "importing twice changes nothing");
    }
}
