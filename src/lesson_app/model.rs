//! The lessons' state and what the panel can do with it: fetches the lesson files served beside the app
//! (`lessons/index.json`, `lessons/ID.json`, relative to the page), asks the tutor to open a lesson's scenario,
//! follows the console through the [`Tracker`] (fed by the tutor's [`ToLessons`] messages), and keeps the
//! progress in localStorage ([`crate::lesson::progress`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use serde::Deserialize;
use yew::Callback;

use super::host::Host;
use crate::boot;
use crate::i18n::lesson::LessonProblem;
use crate::i18n::Lang;
use crate::lesson::goal::SessionStateName;
use crate::lesson::message::ToLessons;
use crate::lesson::observation::Observation;
use crate::lesson::progress::{Progress, STORAGE_KEY};
use crate::lesson::tracker::Feedback;
use crate::lesson::{Lesson, Tracker};
use crate::web;

/// What the panel's polite live region says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Announcement {
    /// Step `step` (from 1) of `of` is done.
    StepDone {
        /// The step done.
        step: usize,
        /// How many steps.
        of: usize,
    },
    /// The whole lesson is done.
    LessonDone,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Index {
    version: u32,
    lessons: Vec<String>,
}

/// An entry of the lesson list.
#[derive(Clone, Debug, PartialEq)]
pub struct ListEntry {
    /// The lesson's id.
    pub id: String,
    /// The lesson, once its file is fetched.
    pub lesson: Option<Rc<Lesson>>,
    /// Done before (in the saved progress).
    pub done: bool,
}

/// Everything the panel shows.
#[derive(Default)]
pub struct Model {
    /// The page's language.
    pub lang: Lang,
    /// The lesson list is shown.
    pub list: bool,
    /// A lesson being fetched.
    pub loading: Option<String>,
    /// The lesson open.
    pub lesson: Option<Rc<Lesson>>,
    /// Follows the learner once the lesson's scenario is in the console.
    pub tracker: Option<Tracker>,
    /// The console is connected (from the last observation).
    pub connected: bool,
    /// The session is logged in (from the last observation).
    pub logged_in: bool,
    /// The built-in lessons' ids, in order (`None` until fetched).
    index: Option<Rc<Vec<String>>>,
    /// The lesson files fetched.
    lessons: HashMap<String, Rc<Lesson>>,
    /// The lessons done.
    pub progress: Progress,
    /// What the live region says.
    pub announcement: Option<Announcement>,
    /// The last diagnosis picked was not the answer.
    pub wrong_choice: bool,
    /// Why the last lesson asked for did not open, or saved progress was unreadable.
    pub problem: Option<Problem>,
}

/// What the panel reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A lesson did not open.
    Lesson(LessonProblem),
    /// Saved progress could not be read (it was dropped).
    CorruptProgress,
}

/// The lessons, shared by the panel's components and the tutor's messages.
#[derive(Clone)]
pub struct Lessons {
    model: Rc<RefCell<Model>>,
    host: Rc<Host>,
    /// Re-renders the panel (set by the root component when it mounts).
    rerender: Rc<RefCell<Option<Callback<()>>>>,
}

impl PartialEq for Lessons {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.model, &other.model)
    }
}

impl Lessons {
    /// The lessons for `host`; saved progress is read now (unreadable progress is dropped and reported).
    pub fn new(host: Host) -> Lessons {
        let mut model = Model::default();
        match Progress::parse_saved(web::storage_get(STORAGE_KEY).as_deref()) {
            Ok(progress) => model.progress = progress,
            Err(_) => {
                web::storage_remove(STORAGE_KEY);
                model.progress = Progress::new();
                model.problem = Some(Problem::CorruptProgress);
            }
        }
        Lessons { model: Rc::new(RefCell::new(model)), host: Rc::new(host), rerender: Rc::default() }
    }

    /// Lets the tutor's messages reach [`Lessons::receive`].
    pub fn host_listen(&self, receive: impl Fn(ToLessons) + 'static) {
        self.host.listen(receive);
    }

    /// Reads the model.
    pub fn model(&self) -> std::cell::Ref<'_, Model> {
        self.model.borrow()
    }

    /// The root component's re-render.
    pub fn set_rerender(&self, rerender: Callback<()>) {
        *self.rerender.borrow_mut() = Some(rerender);
    }

    fn changed(&self) {
        if let Some(rerender) = self.rerender.borrow().as_ref() {
            rerender.emit(());
        }
    }

    /// A message from the tutor.
    pub fn receive(&self, message: ToLessons) {
        match message {
            ToLessons::Start { lang, lesson } => {
                self.model.borrow_mut().lang = Lang::from_tag(&lang).unwrap_or_default();
                match lesson {
                    Some(id) if !id.is_empty() => self.open(id),
                    _ => self.show_list(true),
                }
            }
            ToLessons::Lang(lang) => self.model.borrow_mut().lang = Lang::from_tag(&lang).unwrap_or_default(),
            ToLessons::Started(start) => {
                let mut model = self.model.borrow_mut();
                if let Some(lesson) = model.lesson.clone() {
                    model.tracker = Some(Tracker::new(lesson, &start));
                    model.note(&start);
                }
            }
            ToLessons::Observed(observation) => self.observed(&observation),
            ToLessons::Replaced => {
                self.close();
                return;
            }
        }
        self.changed();
    }

    fn observed(&self, observation: &Observation) {
        let mut model = self.model.borrow_mut();
        model.note(observation);
        let Some(tracker) = model.tracker.as_mut() else { return };
        let before = tracker.step_index();
        if tracker.observe(observation) > 0 {
            let after = tracker.step_index();
            model.completed(before, after);
        }
    }

    /// The built-in lessons before and after the open one.
    pub fn neighbours(&self) -> (Option<String>, Option<String>) {
        let model = self.model.borrow();
        let (Some(index), Some(lesson)) = (&model.index, &model.lesson) else { return (None, None) };
        let Some(i) = index.iter().position(|id| *id == lesson.id) else { return (None, None) };
        (i.checked_sub(1).map(|p| index[p].clone()), index.get(i + 1).cloned())
    }

    /// The list: every built-in lesson with what is known of it (empty until the index is fetched).
    pub fn entries(&self) -> Vec<ListEntry> {
        let model = self.model.borrow();
        let Some(index) = &model.index else { return Vec::new() };
        index
            .iter()
            .map(|id| ListEntry {
                id: id.clone(),
                lesson: model.lessons.get(id).cloned(),
                done: model.progress.is_done(id),
            })
            .collect()
    }

    /// Puts `line` into the command line (not run).
    pub fn put(&self, line: &str) {
        self.host.put(line);
    }

    /// Shows or hides the list (fetching what it needs).
    pub fn show_list(&self, shown: bool) {
        self.model.borrow_mut().list = shown;
        self.changed();
        if shown {
            let lessons = self.clone();
            yew::platform::spawn_local(async move { lessons.fetch_all().await });
        }
    }

    /// Opens a built-in lesson (`?lesson=ID`).
    pub fn open(&self, id: String) {
        {
            let mut model = self.model.borrow_mut();
            model.loading = Some(id.clone());
            model.list = false;
            model.problem = None;
        }
        self.changed();
        let lessons = self.clone();
        yew::platform::spawn_local(async move {
            let found = match lessons.index().await {
                None => Err(LessonProblem::Unavailable),
                Some(index) if !index.contains(&id) => Err(LessonProblem::Unknown { id: id.clone() }),
                Some(_) => lessons.fetch(&id).await,
            };
            lessons.model.borrow_mut().loading = None;
            match found.and_then(|lesson| lessons.start(lesson)) {
                Ok(()) => lessons.changed(),
                Err(problem) => {
                    lessons.model.borrow_mut().problem = Some(Problem::Lesson(problem));
                    lessons.show_list(true);
                }
            }
        });
    }

    /// Asks the tutor to open the lesson's scenario; the tracker starts when the tutor says it has.
    fn start(&self, lesson: Rc<Lesson>) -> Result<(), LessonProblem> {
        self.host
            .open(&lesson.scenario_source(), lesson.profile.as_deref())
            .map_err(|field| LessonProblem::Bad { id: lesson.id.clone(), field })?;
        let (search, _) = web::location_parts();
        web::replace_address(&boot::address_with_lesson(&search, Some(&lesson.id)));
        let mut model = self.model.borrow_mut();
        model.lesson = Some(lesson);
        model.tracker = None;
        model.announcement = None;
        model.wrong_choice = false;
        drop(model);
        // The index gives Previous/Next.
        let lessons = self.clone();
        yew::platform::spawn_local(async move {
            if lessons.model.borrow().index.is_none() && lessons.index().await.is_some() {
                lessons.changed();
            }
        });
        Ok(())
    }

    /// Back to the free console: the lesson closes, the tutor's profile is back, `?lesson` leaves the address.
    pub fn leave(&self) {
        self.host.leave();
        self.close();
    }

    fn close(&self) {
        {
            let mut model = self.model.borrow_mut();
            model.lesson = None;
            model.tracker = None;
            model.announcement = None;
        }
        let (search, _) = web::location_parts();
        let address = boot::address_with_lesson(&search, None);
        // No parameter left: the page's own address, without a bare `?`.
        web::replace_address(if address == "?" { web::page_base() } else { address }.as_str());
        self.changed();
    }

    /// The learner picked `option` in a diagnosis step.
    pub fn choose(&self, option: &str) {
        {
            let mut model = self.model.borrow_mut();
            let Some(tracker) = model.tracker.as_mut() else { return };
            let before = tracker.step_index();
            let right = tracker.choose(option);
            let after = tracker.step_index();
            model.wrong_choice = !right;
            if right {
                model.completed(before, after);
            }
        }
        self.changed();
    }

    /// Forgets which lessons were done.
    pub fn reset_progress(&self) {
        self.model.borrow_mut().progress = Progress::new();
        web::storage_remove(STORAGE_KEY);
        self.changed();
    }

    /// The built-in lessons' ids (fetched once).
    async fn index(&self) -> Option<Rc<Vec<String>>> {
        if let Some(index) = self.model.borrow().index.clone() {
            return Some(index);
        }
        let text = web::fetch_text("lessons/index.json").await?;
        let index: Index = serde_json::from_str(&text).ok().filter(|i: &Index| i.version == 1)?;
        let index = Rc::new(index.lessons);
        self.model.borrow_mut().index = Some(index.clone());
        Some(index)
    }

    /// A lesson file (fetched once).
    async fn fetch(&self, id: &str) -> Result<Rc<Lesson>, LessonProblem> {
        if let Some(lesson) = self.model.borrow().lessons.get(id).cloned() {
            return Ok(lesson);
        }
        let text = web::fetch_text(&format!("lessons/{id}.json")).await.ok_or(LessonProblem::Unavailable)?;
        let lesson = Lesson::from_json(&text).map_err(|e| LessonProblem::Bad { id: id.to_string(), field: e.field })?;
        let lesson = Rc::new(lesson);
        self.model.borrow_mut().lessons.insert(id.to_string(), lesson.clone());
        Ok(lesson)
    }

    /// Everything the list shows: the index and each lesson's title and summary.
    async fn fetch_all(&self) {
        let Some(index) = self.index().await else {
            self.model.borrow_mut().problem = Some(Problem::Lesson(LessonProblem::Unavailable));
            self.changed();
            return;
        };
        self.changed();
        for id in index.iter() {
            // A lesson that cannot be fetched is listed by its id.
            let _ = self.fetch(id).await;
        }
        self.changed();
    }
}

impl Model {
    /// Keeps what the solution line needs from an observation.
    fn note(&mut self, observation: &Observation) {
        self.connected = observation.connected;
        self.logged_in = observation.connected && observation.state == Some(SessionStateName::Transaction);
    }

    /// Steps `before..after` were completed: announce it, and record a finished lesson.
    fn completed(&mut self, before: usize, after: usize) {
        let Some(tracker) = &self.tracker else { return };
        let of = tracker.lesson().steps.len();
        if tracker.is_done() {
            let (id, commands, reference) =
                (tracker.lesson().id.clone(), tracker.commands(), tracker.lesson().reference_commands());
            self.announcement = Some(Announcement::LessonDone);
            self.progress.record(&id, commands, reference);
            web::storage_set(STORAGE_KEY, &self.progress.to_saved());
        } else if after > before {
            self.announcement = Some(Announcement::StepDone { step: after, of });
        }
    }

    /// What the tracker says about the learner's last move.
    pub fn feedback(&self) -> Option<&Feedback> {
        self.tracker.as_ref().and_then(Tracker::feedback)
    }

    /// The current step's index (0 before the tracker starts).
    pub fn step_index(&self) -> usize {
        self.tracker.as_ref().map_or(0, Tracker::step_index)
    }

    /// Whether the open lesson is done.
    pub fn is_done(&self) -> bool {
        self.tracker.as_ref().is_some_and(Tracker::is_done)
    }
}
