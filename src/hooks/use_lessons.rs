//! The tutor's side of the lessons: the lesson panel is a module of its own, fetched the first time lessons are
//! opened (the "Show the lessons" button, or `?lesson=` in the address), so that the tutor's first load does
//! not carry it. This hook loads it, gives it the host object ([`crate::lesson::message`]: the element it
//! renders into, a line into the command line, a lesson's scenario opened, the lesson left), and after every
//! version of the console sends it what the console did ([`Observation`]) while the lesson's scenario is open.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use pop3_sim::Scenario;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::ConsoleHandle;
use crate::boot;
use crate::i18n::Lang;
use crate::lesson::message::{ToLessons, HOST_GLOBAL, MODULE_SCRIPT};
use crate::lesson::observation::Observation;
use crate::web;

/// Where the lessons' module is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LessonsLoad {
    /// Not asked for yet.
    Idle,
    /// Being fetched.
    Loading,
    /// Running: the panel is its own.
    Ready,
    /// It could not be fetched (offline, say): the button tries again.
    Failed,
}

struct Host {
    load: LessonsLoad,
    /// The element the module renders into (created once, kept across renders).
    root: Option<web_sys::Element>,
    deliver: Option<js_sys::Function>,
    /// The scenario the lesson opened, while the lesson is open.
    opened: Option<Rc<Scenario>>,
    /// The console the lesson follows, and the newest entry sent.
    following: Option<(ConsoleHandle, Option<u64>)>,
    /// The host object, made on the first load (a retry after a failed fetch gives the same one).
    object: Option<JsValue>,
    /// The host's functions, kept alive while the page is.
    closures: Vec<Closure<dyn FnMut(JsValue, JsValue) -> JsValue>>,
}

/// The lessons as the tutor sees them.
#[derive(Clone)]
pub struct LessonsHandle {
    host: Rc<RefCell<Host>>,
    rev: u64,
    counter: Rc<Cell<u64>>,
    update: UseForceUpdateHandle,
    deps: Rc<LessonsDeps>,
}

impl PartialEq for LessonsHandle {
    fn eq(&self, other: &Self) -> bool {
        self.rev == other.rev && Rc::ptr_eq(&self.host, &other.host)
    }
}

/// What [`use_lessons`] needs from the app.
pub struct LessonsDeps {
    /// The console.
    pub console: ConsoleHandle,
    /// Opens a scenario in the console.
    pub onscenario: Callback<Rc<Scenario>>,
    /// Sets (or clears) the profile a lesson needs.
    pub onprofile: Callback<Option<String>>,
    /// The page's language.
    pub lang: Lang,
}

impl LessonsHandle {
    /// Where the module is.
    pub fn load_state(&self) -> LessonsLoad {
        self.host.borrow().load
    }

    /// The element the module renders into.
    pub fn root(&self) -> Option<web_sys::Element> {
        self.host.borrow().root.clone()
    }

    fn bump(&self) {
        self.counter.set(self.counter.get() + 1);
        self.update.force_update();
    }

    fn send(&self, message: &ToLessons) {
        let Some(deliver) = self.host.borrow().deliver.clone() else { return };
        if let Ok(text) = serde_json::to_string(message) {
            let _ = deliver.call1(&JsValue::NULL, &JsValue::from_str(&text));
        }
    }

    /// Fetches and starts the module (once); it then opens `?lesson=` or the list.
    pub fn load(&self) {
        if matches!(self.load_state(), LessonsLoad::Loading | LessonsLoad::Ready) {
            return;
        }
        let Some(host) = self.host_object() else { return };
        self.host.borrow_mut().load = LessonsLoad::Loading;
        self.bump();
        let handle = self.clone();
        yew::platform::spawn_local(async move {
            let global = js_sys::global();
            let _ = js_sys::Reflect::set(&global, &HOST_GLOBAL.into(), &host);
            let started = web::start_module(MODULE_SCRIPT).await;
            let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &HOST_GLOBAL.into());
            let deliver = js_sys::Reflect::get(&host, &"deliver".into()).ok().and_then(|d| d.dyn_into().ok());
            let ready = started && deliver.is_some();
            {
                let mut inner = handle.host.borrow_mut();
                inner.deliver = deliver;
                inner.load = if ready { LessonsLoad::Ready } else { LessonsLoad::Failed };
            }
            if ready {
                let (search, _) = web::location_parts();
                let lesson = boot::lesson_param(&search).or(Some(String::new()));
                // The page's language now (it may have changed while the module was fetched).
                let lang = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.document_element())
                    .and_then(|e| e.get_attribute("lang"))
                    .unwrap_or_else(|| handle.deps.lang.tag().to_string());
                handle.send(&ToLessons::Start { lang, lesson });
            }
            handle.bump();
        });
    }

    /// The host object the module is given (made once, with its functions).
    fn host_object(&self) -> Option<JsValue> {
        if let Some(object) = self.host.borrow().object.clone() {
            return Some(object);
        }
        let root = self.host.borrow().root.clone()?;
        let object = js_sys::Object::new();
        let set = |name: &str, value: &JsValue| js_sys::Reflect::set(&object, &name.into(), value).is_ok();
        set("root", &root);
        let put = {
            let console = self.deps.console.clone();
            Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(move |line: JsValue, _: JsValue| {
                if let Some(line) = line.as_string() {
                    console.put_line(line);
                }
                JsValue::UNDEFINED
            })
        };
        let open =
            {
                let handle = self.clone();
                Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(move |source: JsValue, profile: JsValue| {
                    match handle.open(&source.as_string().unwrap_or_default(), profile.as_string()) {
                        Ok(()) => JsValue::UNDEFINED,
                        Err(field) => JsValue::from_str(&field),
                    }
                })
            };
        let leave = {
            let handle = self.clone();
            Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(move |_: JsValue, _: JsValue| {
                handle.leave();
                JsValue::UNDEFINED
            })
        };
        for (name, closure) in [("put", put), ("open", open), ("leave", leave)] {
            set(name, closure.as_ref());
            self.host.borrow_mut().closures.push(closure);
        }
        let object: JsValue = object.into();
        self.host.borrow_mut().object = Some(object.clone());
        Some(object)
    }

    /// The lesson opens its scenario (with its profile) in the console; `Err` names the field refused.
    fn open(&self, source: &str, profile: Option<String>) -> Result<(), String> {
        let scenario = Rc::new(crate::lesson::open_scenario(source).map_err(|e| e.field)?);
        {
            let mut host = self.host.borrow_mut();
            host.opened = Some(scenario.clone());
            host.following = None;
        }
        self.deps.onprofile.emit(profile);
        self.deps.onscenario.emit(scenario);
        Ok(())
    }

    /// The lesson closed: the console stays as it is, the settings' profile is back.
    fn leave(&self) {
        {
            let mut host = self.host.borrow_mut();
            host.opened = None;
            host.following = None;
        }
        self.deps.onprofile.emit(None);
    }

    /// After the console published a version: tells the module what happened, while its scenario is open.
    fn sync(&self, console: &ConsoleHandle, scenario: &Rc<Scenario>) {
        let message = {
            let mut host = self.host.borrow_mut();
            let Some(opened) = host.opened.clone() else { return };
            if !Rc::ptr_eq(&opened, scenario) {
                // Another scenario replaced the lesson's (once the lesson's had opened).
                if host.following.take().is_none() {
                    return;
                }
                host.opened = None;
                drop(host);
                self.deps.onprofile.emit(None);
                ToLessons::Replaced
            } else {
                match &mut host.following {
                    Some((followed, seen)) if followed == console => {
                        ToLessons::Observed(console.with_shell(|shell| Observation::read(shell, seen)))
                    }
                    _ => {
                        let mut seen = None;
                        let start = console.with_shell(|shell| Observation::start(shell, &mut seen));
                        host.following = Some((console.clone(), seen));
                        ToLessons::Started(start)
                    }
                }
            }
        };
        self.send(&message);
    }
}

/// The lessons' module, loaded when asked for (or at once for `?lesson=`), and fed with the console.
#[hook]
pub fn use_lessons(deps: LessonsDeps, scenario: Rc<Scenario>, version: Option<u64>) -> LessonsHandle {
    let lang = deps.lang;
    let console = deps.console.clone();
    let host = use_memo((), |_| {
        let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.create_element("div").ok());
        if let Some(root) = &root {
            root.set_class_name("lesson-root");
        }
        Rc::new(RefCell::new(Host {
            load: LessonsLoad::Idle,
            root,
            deliver: None,
            opened: None,
            following: None,
            object: None,
            closures: Vec::new(),
        }))
    });
    let counter = use_memo((), |_| Rc::new(Cell::new(0)));
    let handle = LessonsHandle {
        host: (*host).clone(),
        rev: counter.get(),
        counter: (*counter).clone(),
        update: use_force_update(),
        deps: Rc::new(deps),
    };
    {
        let handle = handle.clone();
        use_effect_with((), move |_| {
            let (search, fragment) = web::location_parts();
            if boot::asks_for_lessons(&search, &fragment) {
                handle.load();
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with(lang, move |lang| handle.send(&ToLessons::Lang(lang.tag().to_string())));
    }
    {
        let handle = handle.clone();
        use_effect_with((console, version), move |(console, _)| handle.sync(console, &scenario));
    }
    handle
}
