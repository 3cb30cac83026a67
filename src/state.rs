//! The app's state and its pure reducer (`use_reducer`): settings, notices, which reply is explained, and the
//! latest view of the console. Side effects (localStorage, timers, the clipboard, feeding the simulated
//! session) live in hooks; they report back through [`Action`]s.

use std::rc::Rc;

use yew::Reducible;

use crate::boot::Notice;
use crate::console::{ClientStyle, Entry, ShellView};
use crate::i18n::Lang;
use crate::settings::{Settings, Theme};

/// Everything the UI renders from.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// What the user chose.
    pub settings: Settings,
    /// `?lang=`, winning over the saved language until the user picks one.
    pub url_lang: Option<Lang>,
    /// The browser's language, when it is one of ours.
    pub browser_lang: Option<Lang>,
    /// Notices on screen, with ids.
    pub notices: Vec<(u64, Notice)>,
    next_notice: u64,
    /// The entry the user chose to explain; `None` follows the latest.
    pub selected: Option<u64>,
    /// The console as last drawn.
    pub console: Option<Rc<ShellView>>,
}

/// What can happen.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The user picked a language.
    SetLang(Lang),
    /// The user picked a theme.
    SetTheme(Theme),
    /// The user picked a client style (`None`: Windows in the UI language).
    SetClient(Option<ClientStyle>),
    /// The user picked a server profile (`None`: the scenario's).
    SetProfile(Option<String>),
    /// Explain this entry (`None`: follow the latest).
    Select(Option<u64>),
    /// Explain the previous (`false`) or next explainable entry.
    SelectStep(bool),
    /// The console changed.
    Console(Rc<ShellView>),
    /// Show a notice.
    Notify(Notice),
    /// Remove a notice.
    Dismiss(u64),
}

impl State {
    /// The starting state.
    pub fn new(settings: Settings, url_lang: Option<Lang>, browser_lang: Option<Lang>, notices: Vec<Notice>) -> State {
        let mut s = State {
            settings,
            url_lang,
            browser_lang,
            notices: Vec::new(),
            next_notice: 0,
            selected: None,
            console: None,
        };
        for n in notices {
            s.push_notice(n);
        }
        s
    }

    fn push_notice(&mut self, n: Notice) {
        // One of each kind at a time: a repeated copy does not stack up.
        self.notices.retain(|(_, old)| std::mem::discriminant(old) != std::mem::discriminant(&n));
        self.notices.push((self.next_notice, n));
        self.next_notice += 1;
    }

    /// The UI language in effect.
    pub fn lang(&self) -> Lang {
        self.url_lang.or(self.settings.lang).or(self.browser_lang).unwrap_or_default()
    }

    /// The client style in effect.
    pub fn client_style(&self) -> ClientStyle {
        self.settings.client_style(self.lang())
    }

    /// The id of the entry the explain pane shows.
    pub fn explained_id(&self) -> Option<u64> {
        self.selected.or_else(|| self.console.as_ref().and_then(|c| c.last_explainable))
    }

    /// The entry the explain pane shows.
    pub fn explained(&self) -> Option<Rc<Entry>> {
        let id = self.explained_id()?;
        let console = self.console.as_ref()?;
        let i = console.chunks.partition_point(|c| c.id <= id).checked_sub(1)?;
        console.chunks[i].entries.iter().find(|e| e.id == id).cloned()
    }

    fn step(&self, forward: bool) -> Option<u64> {
        let console = self.console.as_ref()?;
        let current = self.explained_id();
        let mut entries = console.chunks.iter().flat_map(|c| c.entries.iter()).filter(|e| e.is_explainable());
        match (current, forward) {
            (None, _) => console.last_explainable,
            (Some(id), true) => entries.find(|e| e.id > id).map(|e| e.id).or(Some(id)),
            (Some(id), false) => entries.rev().find(|e| e.id < id).map(|e| e.id).or(Some(id)),
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(lang) => {
                s.settings.lang = Some(lang);
                s.url_lang = None;
            }
            Action::SetTheme(theme) => s.settings.theme = theme,
            Action::SetClient(client) => s.settings.client = client,
            Action::SetProfile(profile) => s.settings.profile = profile,
            Action::Select(id) => {
                let latest = s.console.as_ref().and_then(|c| c.last_explainable);
                s.selected = if id == latest { None } else { id };
            }
            Action::SelectStep(forward) => {
                let id = s.step(forward);
                let latest = s.console.as_ref().and_then(|c| c.last_explainable);
                s.selected = if id == latest { None } else { id };
            }
            Action::Console(view) => {
                let before = s.console.as_ref().and_then(|c| c.last_explainable);
                if view.last_explainable != before {
                    // A new reply arrived: explain it.
                    s.selected = None;
                }
                s.console = Some(view);
            }
            Action::Notify(n) => s.push_notice(n),
            Action::Dismiss(id) => s.notices.retain(|(i, _)| *i != id),
        }
        Rc::new(s)
    }
}
