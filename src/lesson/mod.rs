//! Guided lessons: a lesson is data (`docs/lesson-format.md`, the built-in ones in `lessons/`), read by
//! [`Lesson::from_json`]; its steps' goals ([`goal`]) are checked against what the simulator did, read from
//! the console's log by the [`tracker`], which also notices the learner's mistakes ([`mistake`]).

pub mod goal;
pub mod message;
pub mod mistake;
pub mod observation;
pub mod progress;
pub mod text;
pub mod tracker;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use goal::Goal;

pub use tracker::Tracker;

/// The largest lesson file read (a lesson with an inline scenario may carry messages).
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// A text in both languages; neither may be empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    pub en: String,
    /// Polish.
    pub pl: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Pl => &self.pl,
        }
    }
}

/// Where a lesson's console is: a built-in scenario, or one given whole in the file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum ScenarioSource {
    /// A built-in scenario id.
    Builtin(String),
    /// A scenario object (the scenario format), kept as JSON and read by the scenario reader.
    Inline(serde_json::Value),
}

/// One step: an objective, the goal that says it is done, a hint and a solution.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Stable within the lesson.
    pub id: String,
    /// The objective.
    pub text: Text,
    /// What must have happened.
    pub goal: Goal,
    /// A hint.
    pub hint: Text,
    /// Lines that do the step.
    pub solution: Vec<String>,
}

/// A lesson, read and checked.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// `1`.
    pub version: u32,
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// One line for the list.
    pub summary: Text,
    /// The world the console opens.
    pub scenario: ScenarioSource,
    /// A built-in profile the lesson needs.
    #[serde(default)]
    pub profile: Option<String>,
    /// Before the first step.
    pub intro: Text,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// After the last step.
    pub finish: Text,
}

/// Why a lesson file was refused: the field, and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonError {
    /// Path of the field (`steps[2].hint.pl`); empty for the whole file.
    pub field: String,
    /// What is wrong.
    pub kind: LessonErrorKind,
}

/// What is wrong with a lesson file's field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LessonErrorKind {
    /// The file is larger than [`MAX_BYTES`].
    TooLarge,
    /// Not JSON, or not of the format's shape (a wrong type, an unknown field, a missing one, …), read by
    /// the scenario format's reader.
    Json(pop3_sim::scenario::ScenarioErrorKind),
    /// A version other than 1.
    Version(u32),
    /// A text is empty in one language.
    Empty,
    /// An id with characters other than `a-z`, `0-9`, `-`, or empty.
    BadId,
    /// Two steps (or two options) share an id.
    Duplicate(String),
    /// A list that needs at least one (or two) entries has fewer.
    TooFew,
    /// A built-in scenario or profile id, a reply meaning or a client topic that does not exist.
    Unknown(String),
    /// The `diagnosis` goal's answer is not one of its options.
    NoSuchOption(String),
    /// An inline scenario the scenario reader refused.
    Scenario(pop3_sim::ScenarioError),
}

impl std::fmt::Display for LessonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        match &self.kind {
            LessonErrorKind::TooLarge => write!(f, "the file is larger than {MAX_BYTES} octets"),
            LessonErrorKind::Json(kind) => {
                write!(f, "{}", pop3_sim::ScenarioError { field: String::new(), kind: kind.clone() })
            }
            LessonErrorKind::Version(v) => write!(f, "version {v} is not supported (1 is)"),
            LessonErrorKind::Empty => f.write_str("must not be empty"),
            LessonErrorKind::BadId => f.write_str("must be a-z, 0-9 and -"),
            LessonErrorKind::Duplicate(id) => write!(f, "`{id}` appears twice"),
            LessonErrorKind::TooFew => f.write_str("has too few entries"),
            LessonErrorKind::Unknown(id) => write!(f, "`{id}` is not one of the built-in names"),
            LessonErrorKind::NoSuchOption(id) => write!(f, "`{id}` is not one of the options"),
            LessonErrorKind::Scenario(e) => write!(f, "{e}"),
        }
    }
}

fn refuse(field: impl Into<String>, kind: LessonErrorKind) -> LessonError {
    LessonError { field: field.into(), kind }
}

fn check_id(field: String, id: &str) -> Result<(), LessonError> {
    let ok = !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(refuse(field, LessonErrorKind::BadId))
    }
}

fn check_text(field: String, text: &Text) -> Result<(), LessonError> {
    for (lang, t) in [("en", &text.en), ("pl", &text.pl)] {
        if t.trim().is_empty() {
            return Err(refuse(format!("{field}.{lang}"), LessonErrorKind::Empty));
        }
    }
    Ok(())
}

/// A list of names that must not be empty, each one of `known` (a misspelt meaning would never match).
fn check_names(field: String, names: &[String], known: &[&str]) -> Result<(), LessonError> {
    if names.is_empty() {
        return Err(refuse(field, LessonErrorKind::TooFew));
    }
    match names.iter().position(|n| !known.contains(&n.as_str())) {
        Some(i) => Err(refuse(format!("{field}[{i}]"), LessonErrorKind::Unknown(names[i].clone()))),
        None => Ok(()),
    }
}

fn check_goal(field: String, goal: &Goal) -> Result<(), LessonError> {
    match goal {
        Goal::All { goals } | Goal::Any { goals } => {
            if goals.is_empty() {
                return Err(refuse(format!("{field}.goals"), LessonErrorKind::TooFew));
            }
            for (i, g) in goals.iter().enumerate() {
                check_goal(format!("{field}.goals[{i}]"), g)?;
            }
        }
        Goal::Reply(p) => check_names(format!("{field}.meaning"), &p.meaning, &pop3_sim::Meaning::NAMES)?,
        Goal::Client { topic, .. } => check_names(format!("{field}.topic"), topic, &crate::console::Topic::NAMES)?,
        Goal::Diagnosis { options, answer } => {
            if options.len() < 2 {
                return Err(refuse(format!("{field}.options"), LessonErrorKind::TooFew));
            }
            for (i, o) in options.iter().enumerate() {
                check_id(format!("{field}.options[{i}].id"), &o.id)?;
                check_text(format!("{field}.options[{i}].text"), &o.text)?;
                if options[..i].iter().any(|p| p.id == o.id) {
                    return Err(refuse(format!("{field}.options[{i}].id"), LessonErrorKind::Duplicate(o.id.clone())));
                }
            }
            if !options.iter().any(|o| o.id == *answer) {
                return Err(refuse(format!("{field}.answer"), LessonErrorKind::NoSuchOption(answer.clone())));
            }
        }
        _ => {}
    }
    Ok(())
}

impl Lesson {
    /// Reads and checks a lesson file.
    pub fn from_json(json: &str) -> Result<Lesson, LessonError> {
        if json.len() > MAX_BYTES {
            return Err(refuse("", LessonErrorKind::TooLarge));
        }
        let lesson: Lesson =
            pop3_sim::scenario::read_json(json).map_err(|e| refuse(e.field, LessonErrorKind::Json(e.kind)))?;
        lesson.check()?;
        Ok(lesson)
    }

    fn check(&self) -> Result<(), LessonError> {
        if self.version != 1 {
            return Err(refuse("version", LessonErrorKind::Version(self.version)));
        }
        check_id("id".into(), &self.id)?;
        let texts =
            [("title", &self.title), ("summary", &self.summary), ("intro", &self.intro), ("finish", &self.finish)];
        for (field, text) in texts {
            check_text(field.into(), text)?;
        }
        // Ids are checked against the lists of ids: the lessons' module does not carry the built-in scenarios.
        if let Some(profile) = &self.profile {
            if !pop3_sim::profile::BUILTIN_IDS.contains(&profile.as_str()) {
                return Err(refuse("profile", LessonErrorKind::Unknown(profile.clone())));
            }
        }
        match &self.scenario {
            ScenarioSource::Builtin(id) if !pop3_sim::scenario::BUILTIN_IDS.contains(&id.as_str()) => {
                return Err(refuse("scenario", LessonErrorKind::Unknown(id.clone())));
            }
            ScenarioSource::Builtin(_) => {}
            // An inline scenario is read by the scenario reader when the tutor opens it ([`open_scenario`]).
            ScenarioSource::Inline(value) if !value.is_object() => {
                return Err(refuse("scenario", LessonErrorKind::Unknown(value.to_string())));
            }
            ScenarioSource::Inline(_) => {}
        }
        if self.steps.is_empty() {
            return Err(refuse("steps", LessonErrorKind::TooFew));
        }
        for (i, step) in self.steps.iter().enumerate() {
            let at = |f: &str| format!("steps[{i}].{f}");
            check_id(at("id"), &step.id)?;
            if self.steps[..i].iter().any(|s| s.id == step.id) {
                return Err(refuse(at("id"), LessonErrorKind::Duplicate(step.id.clone())));
            }
            check_text(at("text"), &step.text)?;
            check_text(at("hint"), &step.hint)?;
            check_goal(at("goal"), &step.goal)?;
            // A question has no line to type: its solution is the answer, which the panel reveals.
            if step.solution.is_empty() && step.goal.diagnosis().is_none() {
                return Err(refuse(at("solution"), LessonErrorKind::TooFew));
            }
        }
        Ok(())
    }

    /// The lesson's scenario as the tutor's [`open_scenario`] takes it: a built-in id, or a scenario's JSON.
    pub fn scenario_source(&self) -> String {
        match &self.scenario {
            ScenarioSource::Builtin(id) => id.clone(),
            ScenarioSource::Inline(value) => value.to_string(),
        }
    }

    /// The scenario the lesson's console opens.
    pub fn scenario(&self) -> Result<pop3_sim::Scenario, LessonError> {
        open_scenario(&self.scenario_source())
    }

    /// The reference solution's number of commands.
    pub fn reference_commands(&self) -> usize {
        self.steps.iter().map(|s| s.solution.len()).sum()
    }
}

/// A lesson's scenario from [`Lesson::scenario_source`]: a built-in id, or a scenario object read by the
/// scenario reader (a refusal names the field under `scenario`).
pub fn open_scenario(source: &str) -> Result<pop3_sim::Scenario, LessonError> {
    if !source.starts_with('{') {
        return pop3_sim::scenario::builtin(source)
            .ok_or_else(|| refuse("scenario", LessonErrorKind::Unknown(source.to_string())));
    }
    pop3_sim::Scenario::from_json(source).map_err(|e| {
        let field = if e.field.is_empty() { "scenario".to_string() } else { format!("scenario.{}", e.field) };
        refuse(field, LessonErrorKind::Scenario(e))
    })
}

#[cfg(test)]
mod tests;
