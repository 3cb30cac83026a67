//! The app's root: reads the page address and the saved settings, owns the reducer and the console, shares
//! them through a context, and keeps the page's `lang` attribute and the saved settings in step. There is one
//! screen ([`crate::pages::Tutor`]), so no router.

use std::rc::Rc;

use pop3_sim::Scenario;
use yew::prelude::*;

use crate::boot::{self, Notice};
use crate::bridge_link::{self, BridgeLink};
use crate::hooks::{
    load_settings, use_console, use_lessons, use_persist_settings, BridgeSetting, ConsoleHandle, LessonsDeps,
    LessonsHandle,
};
use crate::i18n::{Key, Lang};
use crate::pages::Tutor;
use crate::state::{Action, State};
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
    /// `?bridge=ws://…/bridge`: real-server mode through that bridge (once the learner agreed, for a bridge
    /// on another origin than the page's).
    pub bridge: Option<String>,
    /// A bridge on another origin waits for the learner's answer: its host, for the question.
    pub bridge_question: Option<AttrValue>,
    /// The learner's answer to that question (`true`: use the bridge).
    pub onbridge: Callback<bool>,
    /// The guided lessons (`?lesson=ID`), whose panel is a module fetched when first opened.
    pub lessons: LessonsHandle,
}

impl PartialEq for AppContext {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
            && self.console == other.console
            && Rc::ptr_eq(&self.scenario, &other.scenario)
            && self.lessons == other.lessons
            && self.bridge == other.bridge
            && self.bridge_question == other.bridge_question
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

/// Real-server mode's bridge, as the page stands with it. Held in memory only: a reload asks again.
#[derive(Clone, Debug, PartialEq)]
enum BridgeUse {
    /// A bridge on another origin than the page's, until the learner answers: nothing is sent to it.
    Asking {
        /// Its address.
        url: String,
        /// Its host, for the question.
        host: AttrValue,
    },
    /// In use: on the page's own origin, or agreed to.
    On(String),
}

struct Start {
    scenario: Rc<Scenario>,
    state: State,
    challenge: bool,
    bridge: Option<BridgeUse>,
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
    // A bridge on the page's own origin is used at once; another one only once the learner says yes (a
    // crafted link must not send their password to someone else's bridge); anything else is refused.
    let bridge = web::search_param("bridge").filter(|b| !b.is_empty()).and_then(|given| {
        match bridge_link::classify(&given, &web::page_origin()) {
            BridgeLink::Own { url } => {
                notices.push(Notice::BridgeMode { url: url.chars().take(200).collect() });
                Some(BridgeUse::On(url))
            }
            BridgeLink::Foreign { url, host } => Some(BridgeUse::Asking { url, host: host.into() }),
            BridgeLink::Malformed { given } => {
                notices.push(Notice::BadBridge { given });
                None
            }
        }
    });
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
    let bridge = use_state({
        let start = start.clone();
        move || start.bridge.clone()
    });
    let onbridge = {
        let bridge = bridge.clone();
        let dispatch = state.dispatcher();
        Callback::from(move |yes: bool| {
            let Some(BridgeUse::Asking { url, .. }) = (*bridge).clone() else { return };
            if yes {
                dispatch.dispatch(Action::Notify(Notice::BridgeMode { url: url.chars().take(200).collect() }));
                bridge.set(Some(BridgeUse::On(url)));
            } else {
                // The address no longer names the bridge: a reload or a bookmark opens the simulator.
                let (search, fragment) = web::location_parts();
                web::replace_address(&format!("{}{fragment}", bridge_link::query_without(&search, "bridge")));
                dispatch.dispatch(Action::Notify(Notice::BridgeDeclined));
                bridge.set(None);
            }
            // The question goes away with the answer: the keyboard goes on at the command line.
            web::focus_id(crate::components::COMMAND_INPUT_ID);
        })
    };
    let (bridge_url, bridge_question) = match &*bridge {
        Some(BridgeUse::On(url)) => (Some(url.clone()), None),
        Some(BridgeUse::Asking { host, .. }) => (None, Some(host.clone())),
        None => (None, None),
    };
    let console = use_console(
        scenario.clone(),
        (*lesson_profile).clone().or_else(|| state.settings.profile.clone()),
        state.client_style(),
        BridgeSetting { url: bridge_url.clone(), pending: bridge_question.is_some() },
        Some(ConsoleHandle::carry_out_bridge_requests),
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
        bridge: bridge_url,
        bridge_question,
        onbridge,
        lessons,
    };
    html! {
        <ContextProvider<AppContext> context={context}>
            <Tutor />
        </ContextProvider<AppContext>>
    }
}
