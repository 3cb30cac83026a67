//! The console: output log, waiting indicator, command line, suggestions, tools. [`Console`] takes the
//! console and the reducer's state as props (the tutor and the embed both render it) and wires the hooks
//! ([`use_command_line`] for what is typed, its history and keys; [`use_after_first_paint`] for the first
//! focus).

use std::rc::Rc;

use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::log::Captions;
use super::{LogView, WaitIndicator};
use crate::boot::Notice;
use crate::hooks::{use_after_first_paint, use_command_line, CommandLineActions, ConsoleHandle};
use crate::i18n::{self, Key};
use crate::state::{Action, State};
use crate::web;

/// The id of the command line (the skip link's target).
pub const COMMAND_INPUT_ID: &str = "command-input";

/// Props of [`Console`].
#[derive(Properties, Clone, PartialEq)]
pub struct ConsoleProps {
    /// The console.
    pub console: ConsoleHandle,
    /// The reducer's state (the console's latest view, the language, the explained entry).
    pub state: UseReducerHandle<State>,
    /// Whether the command line takes what is typed. The embed's replay types its lines into a read-only
    /// command line until the reader takes over.
    #[prop_or(true)]
    pub live: bool,
    /// Whether the command line has the focus from the start (the tutor's page is the console; an embedded
    /// widget must not pull the focus into an article).
    #[prop_or(true)]
    pub autofocus: bool,
    /// Lines shown under entries (the embed's demo captions).
    #[prop_or_default]
    pub captions: Option<Rc<Captions>>,
}

/// The terminal: output log, waiting indicator, command line, suggestions, tools.
#[function_component(Console)]
pub fn console(props: &ConsoleProps) -> Html {
    let state = &props.state;
    let lang = state.lang();
    let t = |k: Key| k.text(lang);
    let console = &props.console;
    let view = console.view_in(state);

    let onselect = {
        let dispatch = state.dispatcher();
        use_callback((), move |id: Option<u64>, _| dispatch.dispatch(Action::Select(id)))
    };
    let onstep = {
        let dispatch = state.dispatcher();
        use_callback((), move |forward: bool, _| dispatch.dispatch(Action::SelectStep(forward)))
    };
    let line = use_command_line(CommandLineActions {
        onsubmit: {
            let console = console.clone();
            Callback::from(move |lines| console.submit(lines))
        },
        onstep: onstep.clone(),
        onclear: {
            let console = console.clone();
            Callback::from(move |()| console.clear())
        },
    });
    {
        let (line, live) = (line.clone(), props.live);
        console.set_typer(Callback::from(move |text| if live { line.set(text) } else { line.show(text) }));
    }
    // The command line has the focus from the start.
    {
        let line = line.clone();
        let autofocus = props.autofocus;
        use_after_first_paint(move || {
            if autofocus {
                line.focus()
            }
        });
    }

    let oncopy = {
        let console = console.clone();
        let dispatch = state.dispatcher();
        Callback::from(move |_| {
            let text = console.transcript();
            let dispatch = dispatch.clone();
            yew::platform::spawn_local(async move {
                let ok = web::copy_text(text).await;
                dispatch.dispatch(Action::Notify(if ok { Notice::Copied } else { Notice::CopyFailed }));
            });
        })
    };
    let onclear = {
        let (console, line) = (console.clone(), line.clone());
        Callback::from(move |_| {
            console.clear();
            line.focus();
        })
    };
    let onhangup = {
        let console = console.clone();
        Callback::from(move |_| console.hangup())
    };
    let onskip = {
        let console = console.clone();
        Callback::from(move |_| console.skip_wait())
    };
    let suggestion = |s: &String| {
        let onclick = {
            let (line, text) = (line.clone(), s.clone());
            Callback::from(move |_| line.set(text.clone()))
        };
        html! { <li><button type="button" class="console-suggestion" {onclick}>{ s.clone() }</button></li> }
    };

    let connected = view.connection.is_some();
    let status = match &view.connection {
        Some(c) => i18n::connected_to(&c.host, c.port, lang),
        None => t(Key::NotConnected).to_string(),
    };
    let label = if connected { Key::CommandLabelConnected } else { Key::CommandLabelShell };
    let placeholder = if connected { Key::CommandPlaceholderConnected } else { Key::CommandPlaceholderShell };
    let prompt = view.prompt.filter(|p| !p.is_empty()).unwrap_or(">");
    let explained = state.explained_id();
    let live = props.live;

    html! {
        <section class="console" aria-labelledby="console-heading" onkeydown={shortcuts(console)}>
            <div class="console-toolbar">
                <h2 id="console-heading" class="console-heading">{ t(Key::ConsoleHeading) }</h2>
                <span class={classes!("console-status", connected.then_some("is-connected"))}>{ status }</span>
                <div class="console-tools">
                    <button type="button" onclick={oncopy}>{ t(Key::CopyTranscript) }</button>
                    if live {
                        <button type="button" onclick={onclear}>{ t(Key::ClearLog) }</button>
                    }
                    if connected && live {
                        <button type="button" onclick={onhangup}>{ t(Key::Hangup) }</button>
                    }
                </div>
            </div>
            <LogView view={view.clone()} {lang} selected={explained} {onselect} {onstep} captions={props.captions.clone()} />
            if let Some(wait) = view.wait {
                <WaitIndicator {wait} {lang} {onskip} />
            }
            <div class="console-input-row">
                <label for={COMMAND_INPUT_ID} class="visually-hidden">{ t(label) }</label>
                <span class="console-prompt" aria-hidden="true">{ prompt }</span>
                <input
                    id={COMMAND_INPUT_ID}
                    ref={line.input_ref.clone()}
                    class="console-input"
                    type="text"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    autofocus={props.autofocus}
                    readonly={!live}
                    placeholder={t(placeholder)}
                    value={line.value().to_string()}
                    oninput={live.then(|| line.oninput.clone())}
                    onkeydown={live.then(|| line.onkeydown.clone())}
                    onpaste={live.then(|| line.onpaste.clone())}
                />
                if live {
                    <button type="button" class="console-send" onclick={line.onsend.clone()}>{ t(Key::Send) }</button>
                }
            </div>
            if live {
                <div class="console-suggestions">
                    <span class="console-suggestions-label" id="suggestions-label">{ t(Key::TryLabel) }</span>
                    <ul aria-labelledby="suggestions-label" title={t(Key::SuggestionsLabel)}>
                        { for view.suggestions.iter().map(suggestion) }
                    </ul>
                </div>
            }
        </section>
    }
}

/// Shortcuts that work anywhere in the console (also with focus on the log): Esc skips a wait, Ctrl+] hangs up.
fn shortcuts(console: &ConsoleHandle) -> Callback<KeyboardEvent> {
    let console = console.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            console.skip_wait();
        } else if e.ctrl_key() && (e.key() == "]" || e.code() == "BracketRight") {
            e.prevent_default();
            console.hangup();
        }
    })
}
