use std::rc::Rc;

use pop3_sim::{LineEnding, Status};
use yew::prelude::*;

use crate::app::use_app;
use crate::console::display::{display_line, reply_lines};
use crate::console::{Entry, EntryKind};
use crate::i18n::explain::{cause, command_of, meaning, next_step, numbers, rfc_label, rfc_url, state_name};
use crate::i18n::{notes, Key, Lang};
use crate::state::Action;

/// Props of [`ExplainView`].
#[derive(Properties, Clone)]
pub struct ExplainViewProps {
    /// The entry explained, if any.
    pub entry: Option<Rc<Entry>>,
    /// Whether it is the latest (followed automatically) rather than one the user picked.
    pub latest: bool,
    /// The UI language.
    pub lang: Lang,
    /// "Back to the latest reply".
    #[prop_or_default]
    pub onfollow: Callback<()>,
}

impl PartialEq for ExplainViewProps {
    fn eq(&self, other: &Self) -> bool {
        let same_entry = match (&self.entry, &other.entry) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_entry && self.latest == other.latest && self.lang == other.lang && self.onfollow == other.onfollow
    }
}

/// The explanation of one entry, from the core's explanation data.
#[function_component(ExplainView)]
pub fn explain_view(props: &ExplainViewProps) -> Html {
    let lang = props.lang;
    let t = |k: Key| k.text(lang);
    let which = if props.latest { t(Key::ExplainLatest) } else { t(Key::ExplainChosen) };
    let body = match props.entry.as_deref().map(|e| &e.kind) {
        Some(EntryKind::Reply { bytes, explanation: e, .. }) => {
            let first = reply_lines(bytes).next().map(display_line).map(|l| l.text).unwrap_or_default();
            let status = match e.status {
                Status::Ok => Key::StatusOk,
                Status::Err => Key::StatusErr,
                Status::Continuation => Key::StatusContinuation,
                Status::Other => Key::StatusOther,
            };
            let command = command_of(e).unwrap_or_else(|| {
                if matches!(e.meaning, pop3_sim::Meaning::Greeting { .. }) {
                    t(Key::NoCommandGreeting).to_string()
                } else {
                    t(Key::NoCommandOwn).to_string()
                }
            });
            let rfc = e.rfc();
            let nums = numbers(&e.meaning, lang);
            html! {
                <>
                    <p class="explain-reply"><code>{ first }</code></p>
                    <p class="explain-meaning">{ meaning(&e.meaning, lang) }</p>
                    <dl class="explain-facts">
                        <dt>{ t(Key::LabelStatus) }</dt><dd>{ t(status) }</dd>
                        if let Some(code) = &e.code {
                            <dt>{ t(Key::LabelCode) }</dt><dd><code>{ format!("[{code}]") }</code></dd>
                        }
                        <dt>{ t(Key::LabelCommand) }</dt><dd>{ command }</dd>
                        <dt>{ t(Key::LabelState) }</dt><dd>{ state_name(e.state) }</dd>
                        if !nums.is_empty() {
                            <dt>{ t(Key::LabelNumbers) }</dt>
                            <dd>
                                <ul class="explain-numbers">
                                    { for nums.into_iter().map(|(label, value)| html! {
                                        <li><span class="explain-number-label">{ label }{ ": " }</span><strong>{ value }</strong></li>
                                    }) }
                                </ul>
                            </dd>
                        }
                        if let Some(c) = e.cause() {
                            <dt>{ t(Key::LabelCause) }</dt><dd>{ cause(c, lang) }</dd>
                        }
                        if let Some(s) = e.next_step() {
                            <dt>{ t(Key::LabelNext) }</dt><dd>{ next_step(s, lang) }</dd>
                        }
                        <dt>{ t(Key::LabelRfc) }</dt>
                        <dd><a href={rfc_url(rfc)} target="_blank" rel="noopener noreferrer">{ rfc_label(rfc) }</a></dd>
                    </dl>
                    if e.ending == Some(LineEnding::Lf) {
                        <p class="explain-warning">{ t(Key::EndingLf) }</p>
                    }
                    if e.truncated {
                        <p class="explain-warning">{ t(Key::Truncated) }</p>
                    }
                </>
            }
        }
        Some(EntryKind::Client { text, topic: Some(topic) }) => html! {
            <>
                <p class="explain-reply"><code>{ display_line(text.trim().as_bytes()).text }</code></p>
                <dl class="explain-facts">
                    <dt>{ t(Key::LabelClient) }</dt><dd>{ notes::topic(topic, lang) }</dd>
                </dl>
            </>
        },
        _ => html! { <p class="explain-empty">{ t(Key::ExplainEmpty) }</p> },
    };
    let onclick = {
        let onfollow = props.onfollow.clone();
        Callback::from(move |_| onfollow.emit(()))
    };
    html! {
        <section class="explain" aria-labelledby="explain-heading">
            <h2 id="explain-heading">
                { t(Key::ExplainHeading) }
                if props.entry.is_some() {
                    <span class="explain-which">{ " — " }{ which }</span>
                }
            </h2>
            { body }
            if !props.latest && props.entry.is_some() {
                <button type="button" class="explain-follow" {onclick}>{ t(Key::ExplainFollowLatest) }</button>
            }
        </section>
    }
}

/// The explain pane: the selected entry, or the latest reply.
#[function_component(ExplainPane)]
pub fn explain_pane() -> Html {
    let app = use_app();
    let entry = app.state.explained();
    let latest = app.state.selected.is_none();
    let onfollow = {
        let dispatch = app.state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Select(None)))
    };
    html! { <ExplainView {entry} {latest} lang={app.lang()} {onfollow} /> }
}
