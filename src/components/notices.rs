use yew::prelude::*;

use crate::app::use_app;
use crate::i18n::{self, Key};
use crate::state::Action;

/// Messages for the user (unknown scenario, unreadable settings, copied transcript), each dismissable.
#[function_component(Notices)]
pub fn notices() -> Html {
    let app = use_app();
    let lang = app.lang();
    let items = app.state.notices.iter().map(|(id, notice)| {
        let id = *id;
        let dispatch = app.state.dispatcher();
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
