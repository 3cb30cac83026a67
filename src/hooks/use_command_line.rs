//! The console's command line: what is typed, its history and its keys, apart from how it looks.

use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use super::use_history::{use_history, HistoryHandle};

/// Splits pasted text into complete lines and the unfinished rest (which stays in the command line).
pub fn split_paste(before: &str, pasted: &str) -> (Vec<String>, String) {
    let text = format!("{before}{pasted}").replace("\r\n", "\n").replace('\r', "\n");
    let mut parts: Vec<String> = text.split('\n').map(str::to_string).collect();
    let rest = parts.pop().unwrap_or_default();
    (parts, rest)
}

/// What the command line does besides keeping its text: the calling component's answers to the user's keys.
pub struct CommandLineActions {
    /// Lines to send: one typed (Enter, the Send button) or the complete lines of a paste.
    pub onsubmit: Callback<Vec<String>>,
    /// Alt+↓ (`true`) or Alt+↑ (`false`): explain the next or previous reply.
    pub onstep: Callback<bool>,
    /// Ctrl+L: clear the log.
    pub onclear: Callback<()>,
}

/// The command line's state and event handlers, for a props-only view to wire to its `<input>`.
#[derive(Clone)]
pub struct CommandLineHandle {
    value: UseStateHandle<String>,
    /// The `<input>` element, to focus it.
    pub input_ref: NodeRef,
    /// Keeps the typed text.
    pub oninput: Callback<InputEvent>,
    /// Enter sends the line, ↑/↓ walk the history, Alt+↑/↓ step through the replies, Ctrl+L clears.
    pub onkeydown: Callback<KeyboardEvent>,
    /// A paste holding line breaks sends its complete lines at once and keeps the unfinished rest.
    pub onpaste: Callback<Event>,
    /// The Send button: sends the line as it is.
    pub onsend: Callback<MouseEvent>,
}

impl CommandLineHandle {
    /// The text in the command line.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Puts `text` in the command line (a suggestion picked) and gives it the focus.
    pub fn set(&self, text: String) {
        self.show(text);
        self.focus();
    }

    /// Puts `text` in the command line and leaves the focus where it is (the embed's replay types into a
    /// command line that is not the reader's yet: taking the focus would scroll the article to the widget).
    pub fn show(&self, text: String) {
        self.value.set(text);
    }

    /// Gives the command line the focus.
    pub fn focus(&self) {
        if let Some(input) = self.input_ref.cast::<HtmlInputElement>() {
            let _ = input.focus();
        }
    }
}

/// The command line of the calling component: its text, its history (↑/↓), and what its keys and pastes do.
/// Lines sent are remembered in the history, handed to `actions.onsubmit`, and the line is emptied.
#[hook]
pub fn use_command_line(actions: CommandLineActions) -> CommandLineHandle {
    let CommandLineActions { onsubmit, onstep, onclear } = actions;
    let value = use_state(String::new);
    let history = use_history();
    let input_ref = use_node_ref();

    let send = {
        let (history, value) = (history.clone(), value.clone());
        Callback::from(move |lines: Vec<String>| {
            history.push_all(&lines);
            onsubmit.emit(lines);
            value.set(String::new());
        })
    };
    let oninput = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| value.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onkeydown = {
        let (value, send) = (value.clone(), send.clone());
        Callback::from(move |e: KeyboardEvent| on_key(&e, &value, &history, &send, &onstep, &onclear))
    };
    let onpaste = {
        let (value, send) = (value.clone(), send.clone());
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
    let onsend = {
        let value = value.clone();
        Callback::from(move |_| send.emit(vec![(*value).clone()]))
    };
    CommandLineHandle { value, input_ref, oninput, onkeydown, onpaste, onsend }
}

/// A key pressed in the command line.
fn on_key(
    e: &KeyboardEvent,
    value: &UseStateHandle<String>,
    history: &HistoryHandle,
    send: &Callback<Vec<String>>,
    onstep: &Callback<bool>,
    onclear: &Callback<()>,
) {
    let key = e.key();
    match key.as_str() {
        "Enter" if !e.is_composing() => {
            e.prevent_default();
            send.emit(vec![(**value).clone()]);
        }
        "ArrowUp" | "ArrowDown" if e.alt_key() => {
            e.prevent_default();
            onstep.emit(key == "ArrowDown");
        }
        "ArrowUp" => {
            e.prevent_default();
            if let Some(line) = history.up(value) {
                value.set(line);
            }
        }
        "ArrowDown" => {
            e.prevent_default();
            if let Some(line) = history.down() {
                value.set(line);
            }
        }
        "l" | "L" if e.ctrl_key() => {
            e.prevent_default();
            onclear.emit(());
        }
        _ => {}
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
}
