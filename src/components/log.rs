use std::rc::Rc;

use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::console::display::{display_line, reply_lines};
use crate::console::{Chunk, Entry, EntryKind, ShellView};
use crate::i18n::{self, notes, Key, Lang};
use crate::web;

/// Lines of one reply shown at first; the expander shows [`MORE_LINES`] more at a time.
pub const FIRST_LINES: usize = 200;
/// Lines added by one click on the expander.
pub const MORE_LINES: usize = 2_000;

/// Lines shown under entries, by entry id: the embed's demo captions (one under the last entry of each step).
pub type Captions = std::collections::BTreeMap<u64, String>;

/// The DOM id of an entry (for focus).
pub fn entry_dom_id(id: u64) -> String {
    format!("entry-{id}")
}

/// Props of [`LogView`].
#[derive(Properties, Clone)]
pub struct LogViewProps {
    /// The console's view.
    pub view: Rc<ShellView>,
    /// The UI language.
    pub lang: Lang,
    /// The entry being explained.
    pub selected: Option<u64>,
    /// An entry was clicked or focused.
    pub onselect: Callback<Option<u64>>,
    /// ↑ (`false`) or ↓ on an entry.
    pub onstep: Callback<bool>,
    /// Captions under entries.
    #[prop_or_default]
    pub captions: Option<Rc<Captions>>,
}

/// Whether two optional caption tables are the same one.
fn same_captions(a: &Option<Rc<Captions>>, b: &Option<Rc<Captions>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

impl PartialEq for LogViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view)
            && same_captions(&self.captions, &other.captions)
            && self.lang == other.lang
            && self.selected == other.selected
            && self.onselect == other.onselect
            && self.onstep == other.onstep
    }
}

/// The output log: a live region (`role="log"`) of chunks of entries, scrolled to the end as output arrives.
#[function_component(LogView)]
pub fn log_view(props: &LogViewProps) -> Html {
    let node = use_node_ref();
    let stick_to_bottom = use_mut_ref(|| true);
    {
        let node = node.clone();
        let stick = stick_to_bottom.clone();
        let mounted = use_mut_ref(|| false);
        use_effect_with(props.view.version, move |_| {
            // At mount the log shows its first lines from the top: reading `scrollHeight` there would force a
            // synchronous layout of the page before its first paint.
            if std::mem::replace(&mut *mounted.borrow_mut(), true) && *stick.borrow() {
                if let Some(el) = node.cast::<HtmlElement>() {
                    el.set_scroll_top(el.scroll_height());
                }
            }
        });
    }
    let onscroll = {
        let node = node.clone();
        let stick = stick_to_bottom.clone();
        Callback::from(move |_: Event| {
            if let Some(el) = node.cast::<HtmlElement>() {
                *stick.borrow_mut() = el.scroll_height() - el.scroll_top() - el.client_height() < 40;
            }
        })
    };
    let onkeydown = {
        let onstep = props.onstep.clone();
        let view = props.view.clone();
        let selected = props.selected;
        Callback::from(move |e: KeyboardEvent| {
            let forward = match e.key().as_str() {
                "ArrowDown" => true,
                "ArrowUp" => false,
                _ => return,
            };
            e.prevent_default();
            onstep.emit(forward);
            // Move the focus along with the selection, once it is rendered.
            if let Some(next) = neighbour(&view, selected, forward) {
                gloo_timers::callback::Timeout::new(0, move || web::focus_id(&entry_dom_id(next))).forget();
            }
        })
    };
    let lang = props.lang;
    let selected = props.selected;
    let chunks = props.view.chunks.iter().map(|chunk| {
        let inside = selected.filter(|id| *id >= chunk.id && chunk.entries.last().is_some_and(|e| e.id >= *id));
        html! {
            <LogChunk key={chunk.id} chunk={chunk.clone()} {lang} selected={inside} onselect={props.onselect.clone()} captions={props.captions.clone()} />
        }
    });
    html! {
        <div
            ref={node}
            class="console-log"
            role="log"
            aria-live="polite"
            aria-relevant="additions"
            aria-label={Key::LogLabel.text(lang)}
            {onscroll}
            {onkeydown}
        >
            if props.view.dropped > 0 {
                <p class="log-dropped">{ i18n::dropped_entries(props.view.dropped, lang) }</p>
            }
            // The chunks in a list of their own: beside the optional line above they would make the element's
            // children a list with an unkeyed member, which Yew reconciles by position from the end, so a new
            // chunk would shift every chunk onto its neighbour's entries and rebuild the whole log (200 ms at
            // 10 000 lines, once every 32 commands). Alone, they are fully keyed: a new chunk is one insertion.
            <>{ for chunks }</>
        </div>
    }
}

fn neighbour(view: &ShellView, from: Option<u64>, forward: bool) -> Option<u64> {
    let from = from.or(view.last_explainable)?;
    let mut entries = view.chunks.iter().flat_map(|c| c.entries.iter()).filter(|e| e.is_explainable());
    if forward {
        entries.find(|e| e.id > from).map(|e| e.id)
    } else {
        entries.rev().find(|e| e.id < from).map(|e| e.id)
    }
}

#[derive(Properties, Clone)]
struct LogChunkProps {
    chunk: Rc<Chunk>,
    lang: Lang,
    selected: Option<u64>,
    onselect: Callback<Option<u64>>,
    captions: Option<Rc<Captions>>,
}

impl PartialEq for LogChunkProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.chunk, &other.chunk)
            && same_captions(&self.captions, &other.captions)
            && self.lang == other.lang
            && self.selected == other.selected
            && self.onselect == other.onselect
    }
}

/// A run of entries; re-rendered only when it changed (sealed chunks never do).
#[function_component(LogChunk)]
fn log_chunk(props: &LogChunkProps) -> Html {
    let lang = props.lang;
    let caption = |id: u64| props.captions.as_ref().and_then(|c| c.get(&id)).cloned();
    html! {
        <div class="log-chunk">
            { for props.chunk.entries.iter().map(|e| html! {
                <LogEntry key={e.id} entry={e.clone()} {lang} selected={props.selected == Some(e.id)} onselect={props.onselect.clone()} caption={caption(e.id)} />
            }) }
        </div>
    }
}

/// Props of [`LogEntry`].
#[derive(Properties, Clone)]
pub struct LogEntryProps {
    /// The entry.
    pub entry: Rc<Entry>,
    /// The UI language.
    pub lang: Lang,
    /// Whether it is the explained entry.
    pub selected: bool,
    /// Clicked or focused.
    pub onselect: Callback<Option<u64>>,
    /// A line shown under the entry (the embed's demo caption).
    #[prop_or_default]
    pub caption: Option<String>,
}

impl PartialEq for LogEntryProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.entry, &other.entry)
            && self.caption == other.caption
            && self.lang == other.lang
            && self.selected == other.selected
            && self.onselect == other.onselect
    }
}

fn capped(text: &str, lang: Lang) -> Html {
    let line = display_line(text.as_bytes());
    html! {
        <>
            { line.text }
            if line.hidden_chars > 0 {
                <span class="log-cut">{ i18n::hidden_chars(line.hidden_chars as u64, lang) }</span>
            }
        </>
    }
}

/// One entry: a typed line, a client message, a server reply (long ones behind an expander) or a note; and
/// its caption, if it has one.
#[function_component(LogEntry)]
pub fn log_entry(props: &LogEntryProps) -> Html {
    let shown = use_state(|| FIRST_LINES);
    // Always the same shape, the caption or nothing after the entry: a caption arriving is then one node added
    // to the live log, and the entry above it is not rebuilt (and announced) again.
    html! {
        <>
            { entry_body(props, shown) }
            if let Some(caption) = &props.caption {
                <p class="log-caption">{ caption.clone() }</p>
            }
        </>
    }
}

fn entry_body(props: &LogEntryProps, shown: UseStateHandle<usize>) -> Html {
    let lang = props.lang;
    let entry = &props.entry;
    let id = entry.id;
    let select = {
        let onselect = props.onselect.clone();
        Callback::from(move |_: FocusEvent| onselect.emit(Some(id)))
    };
    let click = {
        let onselect = props.onselect.clone();
        Callback::from(move |_: MouseEvent| onselect.emit(Some(id)))
    };
    let tabindex = if props.selected { "0" } else { "-1" };
    let selected_class = props.selected.then_some("is-selected");
    match &entry.kind {
        EntryKind::Input { prompt, text } => html! {
            <div class={classes!("log-entry", "log-input")}>
                if !prompt.is_empty() {
                    <span class="log-prompt">{ *prompt }{ " " }</span>
                }
                <span class="log-typed">{ capped(text, lang) }</span>
            </div>
        },
        EntryKind::Client { text, topic } => {
            let lines = text.split('\n').map(|l| html! { <div class="log-line">{ capped(l, lang) }</div> });
            if topic.is_some() {
                html! {
                    <div id={entry_dom_id(id)} class={classes!("log-entry", "log-client", "is-explainable", selected_class)}
                        tabindex={tabindex} aria-current={props.selected.then_some("true")}
                        onfocus={select} onclick={click}>
                        { for lines }
                    </div>
                }
            } else {
                html! { <div class={classes!("log-entry", "log-client")}>{ for lines }</div> }
            }
        }
        EntryKind::Reply { bytes, lines, explanation } => {
            let status_class = match explanation.status {
                pop3_sim::Status::Ok => "reply-ok",
                pop3_sim::Status::Err => "reply-err",
                pop3_sim::Status::Continuation => "reply-cont",
                pop3_sim::Status::Other => "reply-other",
            };
            let visible = (*shown).min(*lines);
            let hidden = lines - visible;
            // Keyed by position, in a list of their own (see the log's chunks): "show more" then inserts the new
            // lines instead of rewriting every line already shown.
            let rendered = reply_lines(bytes).take(visible).enumerate().map(|(i, l)| {
                let line = display_line(l);
                html! {
                    <div class="log-line" key={i}>
                        { line.text }
                        if line.hidden_chars > 0 {
                            <span class="log-cut">{ i18n::hidden_chars(line.hidden_chars as u64, lang) }</span>
                        }
                    </div>
                }
            });
            let more = {
                let shown = shown.clone();
                Callback::from(move |e: MouseEvent| {
                    e.stop_propagation();
                    shown.set(*shown + MORE_LINES);
                })
            };
            html! {
                <div id={entry_dom_id(id)} class={classes!("log-entry", "log-reply", "is-explainable", status_class, selected_class)}
                    tabindex={tabindex} aria-current={props.selected.then_some("true")}
                    onfocus={select} onclick={click}>
                    <>{ for rendered }</>
                    if hidden > 0 {
                        <button type="button" class="log-more" onclick={more}>
                            { i18n::show_more_lines(hidden.min(MORE_LINES) as u64, hidden as u64, lang) }
                        </button>
                    }
                </div>
            }
        }
        EntryKind::Note(note) => html! {
            <div class={classes!("log-entry", "log-note")}>
                { for notes::note(note, lang).split('\n').map(|l| html! { <div class="log-line">{ l.to_string() }</div> }) }
            </div>
        },
    }
}
