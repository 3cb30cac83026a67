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
use crate::lesson::observation::{Endpoint, Observation};
use crate::lesson::progress::{Progress, STORAGE_KEY};
use crate::lesson::tracker::Feedback;
use crate::lesson::{Lesson, Tracker};
use crate::share;
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
    /// Where the console is connected (from the last observation).
    pub endpoint: Option<Endpoint>,
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
    /// Where the open lesson came from.
    pub origin: Origin,
    /// Progress from a `#progress=` link, waiting for the learner to accept it.
    pub pending_import: Option<Progress>,
    /// The last thing done with progress or links, said in a status line.
    pub status: Option<Status>,
}

/// Where the open lesson came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Origin {
    /// A built-in lesson (`?lesson=ID`).
    #[default]
    Builtin,
    /// A trainer's lesson from a file or a `#lesson=` link: its JSON, for its own link.
    Trainer(Rc<str>),
}

/// What the status line says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// A progress import added this many lessons.
    Imported(usize),
    /// A link was copied to the clipboard.
    LinkCopied,
    /// The clipboard refused; the link is shown to copy by hand.
    CopyFailed(String),
}

/// What the panel reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A lesson did not open.
    Lesson(LessonProblem),
    /// Saved progress could not be read (it was dropped).
    CorruptProgress,
    /// A file or link to import is not lesson progress (nothing was changed).
    NotProgress,
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
                let (_, fragment) = web::location_parts();
                self.read_fragment(&fragment);
                match lesson {
                    Some(id) if !id.is_empty() => self.open(id),
                    _ if self.model.borrow().lesson.is_some() => {}
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
        let (Some(index), Some(lesson), Origin::Builtin) = (&model.index, &model.lesson, &model.origin) else {
            return (None, None);
        };
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
            model.clear_problem();
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
            match found.and_then(|lesson| lessons.start(lesson, Origin::Builtin)) {
                Ok(()) => lessons.changed(),
                Err(problem) => {
                    lessons.model.borrow_mut().problem = Some(Problem::Lesson(problem));
                    lessons.show_list(true);
                }
            }
        });
    }

    /// Asks the tutor to open the lesson's scenario; the tracker starts when the tutor says it has. The address
    /// then opens the lesson again: `?lesson=ID` for a built-in one, `#lesson=1.…` for a trainer's.
    fn start(&self, lesson: Rc<Lesson>, origin: Origin) -> Result<(), LessonProblem> {
        self.host
            .open(&lesson.scenario_source(), lesson.profile.as_deref())
            .map_err(|field| LessonProblem::Bad { id: lesson.id.clone(), field })?;
        let (search, _) = web::location_parts();
        web::replace_address(&match &origin {
            Origin::Builtin => boot::address_with_lesson(&search, Some(&lesson.id)),
            Origin::Trainer(json) => {
                format!("{}#{}", boot::address_with_lesson(&search, None), share::encode_text("lesson", json))
            }
        });
        let mut model = self.model.borrow_mut();
        model.origin = origin;
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
            model.origin = Origin::Builtin;
        }
        let (search, _) = web::location_parts();
        let address = boot::address_with_lesson(&search, None);
        // No parameter left: the page's own address, without a bare `?`.
        web::replace_address(if address == "?" { web::page_base() } else { address }.as_str());
        self.changed();
    }

    /// Opens a trainer's lesson from its file's text (`name` names the file in a refusal).
    pub fn open_text(&self, name: &str, json: &str) {
        let opened = Lesson::from_json(json)
            .map_err(|e| LessonProblem::Bad { id: name.chars().take(100).collect(), field: e.field })
            .and_then(|lesson| self.start(Rc::new(lesson), Origin::Trainer(json.into())));
        let mut model = self.model.borrow_mut();
        match opened {
            Ok(()) => {
                model.clear_problem();
                model.list = false;
            }
            Err(problem) => model.problem = Some(Problem::Lesson(problem)),
        }
        drop(model);
        self.changed();
    }

    /// A `#lesson=` link opens a trainer's lesson; a `#progress=` link offers its progress for import.
    fn read_fragment(&self, fragment: &str) {
        if let Some(text) = share::decode_text(fragment, "lesson") {
            match text {
                Ok(json) => self.open_text("#lesson", &json),
                Err(_) => self.model.borrow_mut().problem = Some(Problem::Lesson(LessonProblem::BadLink)),
            }
        }
        if let Some(text) = share::decode_text(fragment, "progress") {
            let progress = text.ok().and_then(|t| Progress::parse_saved(Some(&t)).ok());
            let mut model = self.model.borrow_mut();
            match progress {
                Some(progress) => model.pending_import = Some(progress),
                None => model.problem = Some(Problem::NotProgress),
            }
            // The link has done its work: a reload does not offer it again.
            let (search, _) = web::location_parts();
            let address = boot::address_with_lesson(&search, None);
            drop(model);
            if self.model.borrow().lesson.is_none() {
                web::replace_address(if address == "?" { web::page_base() } else { address }.as_str());
            }
        }
    }

    /// Adds progress from a file's text (`None`: the progress a link offered, accepted); text that is not
    /// progress changes nothing and is reported.
    pub fn import_progress(&self, text: Option<&str>) {
        let mut model = self.model.borrow_mut();
        let imported = match text {
            Some(text) => Progress::parse_saved(Some(text)).ok(),
            None => model.pending_import.take(),
        };
        match imported {
            Some(other) => {
                let added = model.progress.merge(&other);
                web::storage_set(STORAGE_KEY, &model.progress.to_saved());
                model.status = Some(Status::Imported(added));
                model.clear_problem();
            }
            None => model.problem = Some(Problem::NotProgress),
        }
        drop(model);
        self.changed();
    }

    /// Drops the progress a link offered.
    pub fn decline_import(&self) {
        self.model.borrow_mut().pending_import = None;
        self.changed();
    }

    /// The progress as a file's text (what "Download progress" saves and "Import progress" reads).
    pub fn progress_text(&self) -> String {
        self.model.borrow().progress.to_saved()
    }

    /// A link that offers this progress to another browser.
    pub fn progress_link(&self) -> String {
        let lang = self.model.borrow().lang;
        format!(
            "{}?lesson&lang={}#{}",
            web::page_base(),
            lang.tag(),
            share::encode_text("progress", &self.progress_text())
        )
    }

    /// A link to the open lesson: `?lesson=ID` for a built-in one, the whole file for a trainer's.
    pub fn lesson_link(&self) -> Option<String> {
        let model = self.model.borrow();
        let lesson = model.lesson.as_ref()?;
        let lang = model.lang.tag();
        Some(match &model.origin {
            Origin::Builtin => format!("{}?lesson={}&lang={lang}", web::page_base(), lesson.id),
            Origin::Trainer(json) => format!("{}?lang={lang}#{}", web::page_base(), share::encode_text("lesson", json)),
        })
    }

    /// Copies `link` to the clipboard and says so (or shows it, if the clipboard refuses).
    pub fn copy_link(&self, link: String) {
        let lessons = self.clone();
        yew::platform::spawn_local(async move {
            let copied = web::copy_text(link.clone()).await;
            lessons.model.borrow_mut().status =
                Some(if copied { Status::LinkCopied } else { Status::CopyFailed(link) });
            lessons.changed();
        });
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
    /// Something worked: a problem it answers goes. Unreadable saved progress stays said (a lesson opened at
    /// once would otherwise hide it).
    fn clear_problem(&mut self) {
        if self.problem != Some(Problem::CorruptProgress) {
            self.problem = None;
        }
    }

    /// Keeps what the solution line needs from an observation.
    fn note(&mut self, observation: &Observation) {
        self.endpoint = observation.endpoint.clone();
        self.logged_in = observation.connected && observation.state == Some(SessionStateName::Transaction);
    }

    /// Steps `before..after` were completed: announce it, and record a finished built-in lesson.
    fn completed(&mut self, before: usize, after: usize) {
        let Some(tracker) = &self.tracker else { return };
        let of = tracker.lesson().steps.len();
        if tracker.is_done() {
            let (id, commands, reference) =
                (tracker.lesson().id.clone(), tracker.commands(), tracker.lesson().reference_commands());
            self.announcement = Some(Announcement::LessonDone);
            // Progress is the built-in track's: a trainer's lesson may reuse a built-in id, and is not listed.
            if self.origin == Origin::Builtin {
                self.progress.record(&id, commands, reference);
                web::storage_set(STORAGE_KEY, &self.progress.to_saved());
            }
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
