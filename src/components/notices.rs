use yew::prelude::*;

use crate::i18n::{self, Key};
use crate::state::{Action, State};

/// Props of [`Notices`].
#[derive(Properties, Clone, PartialEq)]
pub struct NoticesProps {
    /// The reducer's state, whose notices are shown.
    pub state: UseReducerHandle<State>,
}

/// Messages for the user (unknown scenario, unreadable settings, copied transcript), each dismissable.
#[function_component(Notices)]
pub fn notices(props: &NoticesProps) -> Html {
    let state = &props.state;
    let lang = state.lang();
    let items = state.notices.iter().map(|(id, notice)| {
        let id = *id;
        let dispatch = state.dispatcher();
        let onclick = Callback::from(move |_| dispatch.dispatch(Action::Dismiss(id)));
        html! {
            <li key={id} class="notice">
                <span class="notice-text">{ i18n::notice(notice, lang) }</span>
                <button type="button" class="notice-dismiss" {onclick}>{ Key::Dismiss.text(lang) }</button>
            </li>
        }
    });
    html! {
        <div class="notices" role="status" aria-label={Key::NoticesLabel.text(lang)}>
            <ul>{ for items }</ul>
        </div>
    }
}
