//! What the tutor says to the lessons' module. The lesson panel is a module of its own (`crate::lesson_app`,
//! built as the `pop3-lessons` binary), fetched when lessons are first opened, so the tutor's first load does
//! not carry it. The two meet through one JavaScript object, the host (`crate::hooks::use_lessons`):
//!
//! - the tutor puts on it `root` (the element the panel renders into) and three functions the panel calls:
//!   `put(line)` (a line into the command line, not run), `open(source, profile)` (opens a lesson's scenario,
//!   [`super::Lesson::scenario_source`], with a built-in profile or `null`; returns `undefined`, or the field
//!   the scenario reader refused) and `leave()` (the lesson closed: the settings' profile is back);
//! - the module, when it starts, puts on it `deliver(text)`, through which the tutor sends each
//!   [`ToLessons`] as JSON.

use serde::{Deserialize, Serialize};

use super::observation::Observation;

/// The global name the host object has while the module starts (it reads it once).
pub const HOST_GLOBAL: &str = "pop3TutorLessonsHost";

/// The module's script, relative to the page (trunk builds it beside the tutor's).
pub const MODULE_SCRIPT: &str = "pop3-lessons.js";

/// A message from the tutor to the lessons' module.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToLessons {
    /// Sent once, first: the page's language, and `?lesson=` (`Some("")` asks for the list).
    Start {
        /// `en` or `pl`.
        lang: String,
        /// The address's `?lesson=` value.
        lesson: Option<String>,
    },
    /// The page's language changed.
    Lang(String),
    /// The lesson's scenario has opened in a new console: the lesson starts from here.
    Started(Observation),
    /// The console changed.
    Observed(Observation),
    /// Another scenario was opened in the console (the picker, a file, the editor): the lesson ends.
    Replaced,
}
