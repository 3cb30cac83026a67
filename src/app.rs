//! The app's root: reads the page address and the saved settings, owns the reducer and the console, shares
//! them through a context, and keeps the page's `lang` attribute and the saved settings in step. There is one
//! screen ([`crate::pages::Tutor`]), so no router.

use std::rc::Rc;

use pop3_sim::Scenario;
use yew::prelude::*;

use crate::boot::{self, Notice};
use crate::hooks::{
    load_settings, use_console, use_lessons, use_persist_settings, ConsoleHandle, LessonsDeps, LessonsHandle,
};
use crate::i18n::{Key, Lang};
use crate::pages::Tutor;
use crate::state::State;
use crate::web;

/// What every component may read: the state (with its dispatcher), the console, the scenario.
#[derive(Clone)]
pub struct AppContext {
    /// The reducer's state.
    pub state: UseReducerHandle<State>,
    /// The console.
    pub console: ConsoleHandle,
    /// The scenario opened.
    pub scenario: Rc<Scenario>,
    /// Opens another scenario (picked, edited, or a file).
    pub onopen: Callback<Scenario>,
    /// `?challenge=1`: what the scenario is about stays hidden until the learner answers or gives up.
    pub challenge: bool,
    /// `?bridge=ws://…/bridge`: real-server mode through that bridge.
    pub bridge: Option<String>,
    /// The guided lessons (`?lesson=ID`), whose panel is a module fetched when first opened.
    pub lessons: LessonsHandle,
}

impl PartialEq for AppContext {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
            && self.console == other.console
            && Rc::ptr_eq(&self.scenario, &other.scenario)
            && self.lessons == other.lessons
    }
}

impl AppContext {
    /// The UI language.
    pub fn lang(&self) -> Lang {
        self.state.lang()
    }

    /// The console's view: the reducer's copy, or (on the very first render) the shell's own.
    pub fn view(&self) -> Rc<crate::console::ShellView> {
        self.console.view_in(&self.state)
    }

    /// A fixed string in the UI language.
    pub fn t(&self, key: Key) -> &'static str {
        key.text(self.lang())
    }
}

/// The app's context; components call this instead of `use_context` directly.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("components are rendered inside App")
}

struct Start {
    scenario: Rc<Scenario>,
    state: State,
    challenge: bool,
    bridge: Option<String>,
}

fn start() -> Start {
    let (search, fragment) = web::location_parts();
    let boot = boot::boot(&search, &fragment);
    let mut notices = boot.notices;
    let settings = load_settings().unwrap_or_else(|_| {
        notices.insert(0, Notice::CorruptSettings);
        Default::default()
    });
    let browser = web::browser_language().as_deref().and_then(Lang::from_tag);
    // Only WebSocket addresses: anything else would fail later with a less clear message.
    let bridge = web::search_param("bridge").filter(|b| b.starts_with("ws://") || b.starts_with("wss://"));
    if let Some(url) = &bridge {
        notices.push(Notice::BridgeMode { url: url.chars().take(200).collect() });
    }
    Start {
        bridge,
        scenario: Rc::new(boot.scenario),
        state: State::new(settings, boot.url_lang, browser, notices),
        challenge: boot.challenge,
    }
}

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let start = use_memo((), |_| start());
    let state = use_reducer({
        let start = start.clone();
        move || start.state.clone()
    });
    let scenario = use_state({
        let start = start.clone();
        move || start.scenario.clone()
    });
    let onopen = {
        let scenario = scenario.clone();
        Callback::from(move |s: Scenario| scenario.set(Rc::new(s)))
    };
    let onscenario = {
        let scenario = scenario.clone();
        Callback::from(move |s: Rc<Scenario>| scenario.set(s))
    };
    let scenario = (*scenario).clone();
    // A lesson that needs a profile has it while it is open, whatever the settings say.
    let lesson_profile = use_state(|| None::<String>);
    let onprofile = {
        let lesson_profile = lesson_profile.clone();
        Callback::from(move |p: Option<String>| lesson_profile.set(p))
    };
    let console = use_console(
        scenario.clone(),
        (*lesson_profile).clone().or_else(|| state.settings.profile.clone()),
        state.client_style(),
        start.bridge.clone(),
        state.dispatcher(),
    );
    let lessons = use_lessons(
        LessonsDeps { console: console.clone(), onscenario, onprofile, lang: state.lang() },
        scenario.clone(),
        state.console.as_ref().map(|v| v.version),
    );
    use_persist_settings(&state.settings);
    let lang = state.lang();
    use_effect_with(lang, |lang| web::set_document_language(lang.tag(), Key::AppTitle.text(*lang)));
    let context = AppContext {
        state,
        console,
        scenario,
        onopen,
        challenge: start.challenge,
        bridge: start.bridge.clone(),
        lessons,
    };
    html! {
        <ContextProvider<AppContext> context={context}>
            <Tutor />
        </ContextProvider<AppContext>>
    }
}
