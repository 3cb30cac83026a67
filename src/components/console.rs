use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use super::{LogView, WaitIndicator};
use crate::app::use_app;
use crate::boot::Notice;
use crate::i18n::{self, Key};
use crate::state::Action;
use crate::web;

/// The id of the command line (the skip link's target).
pub const COMMAND_INPUT_ID: &str = "command-input";

/// Lines typed before, for ↑ and ↓.
#[derive(Default)]
struct History {
    lines: std::collections::VecDeque<String>,
    /// Where ↑/↓ stand: `lines.len()` is the fresh line.
    at: usize,
    /// What was typed before ↑ was first pressed.
    draft: String,
}

const HISTORY_MAX: usize = 500;

impl History {
    fn push(&mut self, line: &str) {
        if !line.is_empty() && self.lines.back().map(String::as_str) != Some(line) {
            self.lines.push_back(line.chars().take(10_000).collect());
            if self.lines.len() > HISTORY_MAX {
                self.lines.pop_front();
            }
        }
        self.at = self.lines.len();
        self.draft.clear();
    }

    fn up(&mut self, current: &str) -> Option<String> {
        if self.at == self.lines.len() {
            self.draft = current.to_string();
        }
        self.at = self.at.checked_sub(1)?;
        self.lines.get(self.at).cloned()
    }

    fn down(&mut self) -> Option<String> {
        if self.at >= self.lines.len() {
            return None;
        }
        self.at += 1;
        Some(self.lines.get(self.at).cloned().unwrap_or_else(|| self.draft.clone()))
    }
}

/// Splits pasted text into complete lines and the unfinished rest (which stays in the command line).
pub fn split_paste(before: &str, pasted: &str) -> (Vec<String>, String) {
    let text = format!("{before}{pasted}").replace("\r\n", "\n").replace('\r', "\n");
    let mut parts: Vec<String> = text.split('\n').map(str::to_string).collect();
    let rest = parts.pop().unwrap_or_default();
    (parts, rest)
}

/// The terminal: output log, waiting indicator, command line, suggestions, tools.
#[function_component(Console)]
pub fn console() -> Html {
    let app = use_app();
    let lang = app.lang();
    let t = |k: Key| k.text(lang);
    let value = use_state(String::new);
    let history = use_mut_ref(History::default);
    let input_ref = use_node_ref();
    let view = Some(app.view());
    let connected = view.as_ref().and_then(|v| v.connection.clone());
    let wait = view.as_ref().and_then(|v| v.wait);
    let prompt = view.as_ref().and_then(|v| v.prompt).unwrap_or("");

    let onselect = {
        let dispatch = app.state.dispatcher();
        use_callback((), move |id: Option<u64>, _| dispatch.dispatch(Action::Select(id)))
    };
    let onstep = {
        let dispatch = app.state.dispatcher();
        use_callback((), move |forward: bool, _| dispatch.dispatch(Action::SelectStep(forward)))
    };

    let send = {
        let console = app.console.clone();
        let history = history.clone();
        let value = value.clone();
        Callback::from(move |lines: Vec<String>| {
            // Only the last lines of a large paste can stay in the history anyway.
            for line in &lines[lines.len().saturating_sub(HISTORY_MAX)..] {
                history.borrow_mut().push(line);
            }
            console.submit(lines);
            value.set(String::new());
        })
    };

    let oninput = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| value.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };

    let onkeydown = {
        let value = value.clone();
        let history = history.clone();
        let send = send.clone();
        let console = app.console.clone();
        let dispatch = app.state.dispatcher();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            match key.as_str() {
                "Enter" if !e.is_composing() => {
                    e.prevent_default();
                    send.emit(vec![(*value).clone()]);
                }
                "ArrowUp" | "ArrowDown" if e.alt_key() => {
                    e.prevent_default();
                    dispatch.dispatch(Action::SelectStep(key == "ArrowDown"));
                }
                "ArrowUp" => {
                    e.prevent_default();
                    if let Some(line) = history.borrow_mut().up(&value) {
                        value.set(line);
                    }
                }
                "ArrowDown" => {
                    e.prevent_default();
                    if let Some(line) = history.borrow_mut().down() {
                        value.set(line);
                    }
                }
                "l" | "L" if e.ctrl_key() => {
                    e.prevent_default();
                    console.clear();
                }
                _ => {}
            }
        })
    };

    // Shortcuts that work anywhere in the console (also with focus on the log).
    let onkeydown_console = {
        let console = app.console.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                console.skip_wait();
            } else if e.ctrl_key() && (e.key() == "]" || e.code() == "BracketRight") {
                e.prevent_default();
                console.hangup();
            }
        })
    };

    let onpaste = {
        let value = value.clone();
        let send = send.clone();
        Callback::from(move |e: Event| {
            let Some(text) =
                e.dyn_ref::<ClipboardEvent>().and_then(|c| c.clipboard_data()).and_then(|d| d.get_data("text").ok())
            else {
                return;
            };
            if !text.contains(['\n', '\r']) {
                return;
            }
            e.prevent_default();
            let (lines, rest) = split_paste(&value, &text);
            value.set(rest);
            if !lines.is_empty() {
                send.emit(lines);
            }
        })
    };

    let oncopy = {
        let console = app.console.clone();
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
        let console = app.console.clone();
        let input_ref = input_ref.clone();
        Callback::from(move |_| {
            console.clear();
            if let Some(i) = input_ref.cast::<HtmlInputElement>() {
                let _ = i.focus();
            }
        })
    };
    let onhangup = {
        let console = app.console.clone();
        Callback::from(move |_| console.hangup())
    };
    let onskip = {
        let console = app.console.clone();
        Callback::from(move |_| console.skip_wait())
    };

    // The command line has the focus from the start. The `autofocus` attribute is not applied to elements
    // inserted after the page loaded, and focusing during the first render would force a synchronous layout
    // before the first paint: focus right after that paint.
    {
        let input_ref = input_ref.clone();
        use_effect_with((), move |_| {
            let frame = gloo_render::request_animation_frame(move |_| {
                gloo_timers::callback::Timeout::new(0, move || {
                    if let Some(i) = input_ref.cast::<HtmlInputElement>() {
                        let _ = i.focus();
                    }
                })
                .forget();
            });
            move || drop(frame)
        });
    }

    let suggestions = view.as_ref().map(|v| v.suggestions.clone()).unwrap_or_default();
    let suggestion_buttons = suggestions
        .into_iter()
        .map(|s| {
            let value = value.clone();
            let input_ref = input_ref.clone();
            let text = s.clone();
            let onclick = Callback::from(move |_| {
                value.set(text.clone());
                if let Some(i) = input_ref.cast::<HtmlInputElement>() {
                    let _ = i.focus();
                }
            });
            html! { <li><button type="button" class="console-suggestion" {onclick}>{ s }</button></li> }
        })
        .collect::<Vec<_>>();

    let status = match &connected {
        Some(c) => i18n::connected_to(lang, &c.host, c.port),
        None => t(Key::NotConnected).to_string(),
    };
    let label = if connected.is_some() { Key::CommandLabelConnected } else { Key::CommandLabelShell };
    let placeholder = if connected.is_some() { Key::CommandPlaceholderConnected } else { Key::CommandPlaceholderShell };
    let explained = app.state.explained_id();

    html! {
        <section class="console" aria-labelledby="console-heading" onkeydown={onkeydown_console}>
            <div class="console-toolbar">
                <h2 id="console-heading" class="console-heading">{ t(Key::ConsoleHeading) }</h2>
                <span class={classes!("console-status", connected.is_some().then_some("is-connected"))}>{ status }</span>
                <div class="console-tools">
                    <button type="button" onclick={oncopy}>{ t(Key::CopyTranscript) }</button>
                    <button type="button" onclick={onclear}>{ t(Key::ClearLog) }</button>
                    if connected.is_some() {
                        <button type="button" onclick={onhangup}>{ t(Key::Hangup) }</button>
                    }
                </div>
            </div>
            if let Some(view) = view.clone() {
                <LogView view={view} lang={lang} selected={explained} onselect={onselect} onstep={onstep} />
            }
            if let Some(wait) = wait {
                <WaitIndicator wait={wait} lang={lang} onskip={onskip} />
            }
            <div class="console-input-row">
                <label for={COMMAND_INPUT_ID} class="visually-hidden">{ t(label) }</label>
                <span class="console-prompt" aria-hidden="true">{ if prompt.is_empty() { ">" } else { prompt } }</span>
                <input
                    id={COMMAND_INPUT_ID}
                    ref={input_ref}
                    class="console-input"
                    type="text"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    autofocus=true
                    placeholder={t(placeholder)}
                    value={(*value).clone()}
                    {oninput}
                    {onkeydown}
                    {onpaste}
                />
                <button type="button" class="console-send" onclick={{
                    let send = send.clone();
                    let value = value.clone();
                    Callback::from(move |_| send.emit(vec![(*value).clone()]))
                }}>{ t(Key::Send) }</button>
            </div>
            <div class="console-suggestions">
                <span class="console-suggestions-label" id="suggestions-label">{ t(Key::TryLabel) }</span>
                <ul aria-labelledby="suggestions-label" title={t(Key::SuggestionsLabel)}>
                    { for suggestion_buttons }
                </ul>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paste_splits_into_lines_and_keeps_the_unfinished_rest() {
        assert_eq!(split_paste("", "USER a\r\nPASS b\r\n"), (vec!["USER a".into(), "PASS b".into()], String::new()));
        assert_eq!(split_paste("US", "ER a\nST"), (vec!["USER a".into()], "ST".into()));
        assert_eq!(split_paste("", "\n"), (vec!["".into()], String::new()));
    }

    #[test]
    fn history_walks_back_and_forth() {
        let mut h = History::default();
        h.push("one");
        h.push("two");
        assert_eq!(h.up("draft").as_deref(), Some("two"));
        assert_eq!(h.up("").as_deref(), Some("one"));
        assert_eq!(h.up(""), None);
        assert_eq!(h.down().as_deref(), Some("two"));
        assert_eq!(h.down().as_deref(), Some("draft"));
        assert_eq!(h.down(), None);
    }
}
