//! The console: output log, waiting indicator, command line, suggestions, tools. [`Console`] reads the app's
//! context and wires the hooks ([`use_command_line`] for what is typed, its history and keys;
//! [`use_after_first_paint`] for the first focus).

use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::{LogView, WaitIndicator};
use crate::app::use_app;
use crate::boot::Notice;
use crate::hooks::{use_after_first_paint, use_command_line, CommandLineActions, ConsoleHandle};
use crate::i18n::{self, Key};
use crate::state::Action;
use crate::web;

/// The id of the command line (the skip link's target).
pub const COMMAND_INPUT_ID: &str = "command-input";

/// The terminal: output log, waiting indicator, command line, suggestions, tools.
#[function_component(Console)]
pub fn console() -> Html {
    let app = use_app();
    let lang = app.lang();
    let t = |k: Key| k.text(lang);
    let view = app.view();
    let console = &app.console;

    let onselect = {
        let dispatch = app.state.dispatcher();
        use_callback((), move |id: Option<u64>, _| dispatch.dispatch(Action::Select(id)))
    };
    let onstep = {
        let dispatch = app.state.dispatcher();
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
        let line = line.clone();
        console.set_typer(Callback::from(move |text| line.set(text)));
    }
    // The command line has the focus from the start.
    {
        let line = line.clone();
        use_after_first_paint(move || line.focus());
    }

    let oncopy = {
        let console = console.clone();
        let dispatch = app.state.dispatcher();
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
    let explained = app.state.explained_id();

    html! {
        <section class="console" aria-labelledby="console-heading" onkeydown={shortcuts(console)}>
            <div class="console-toolbar">
                <h2 id="console-heading" class="console-heading">{ t(Key::ConsoleHeading) }</h2>
                <span class={classes!("console-status", connected.then_some("is-connected"))}>{ status }</span>
                <div class="console-tools">
                    <button type="button" onclick={oncopy}>{ t(Key::CopyTranscript) }</button>
                    <button type="button" onclick={onclear}>{ t(Key::ClearLog) }</button>
                    if connected {
                        <button type="button" onclick={onhangup}>{ t(Key::Hangup) }</button>
                    }
                </div>
            </div>
            <LogView view={view.clone()} {lang} selected={explained} {onselect} {onstep} />
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
                    autofocus=true
                    placeholder={t(placeholder)}
                    value={line.value().to_string()}
                    oninput={line.oninput.clone()}
                    onkeydown={line.onkeydown.clone()}
                    onpaste={line.onpaste.clone()}
                />
                <button type="button" class="console-send" onclick={line.onsend.clone()}>{ t(Key::Send) }</button>
            </div>
            <div class="console-suggestions">
                <span class="console-suggestions-label" id="suggestions-label">{ t(Key::TryLabel) }</span>
                <ul aria-labelledby="suggestions-label" title={t(Key::SuggestionsLabel)}>
                    { for view.suggestions.iter().map(suggestion) }
                </ul>
            </div>
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
