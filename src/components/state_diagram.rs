use pop3_sim::SessionState;
use yew::prelude::*;

use crate::i18n::explain::state_name;
use crate::i18n::{Key, Lang};

/// Props of [`StateDiagram`].
#[derive(Properties, Clone, PartialEq)]
pub struct StateDiagramProps {
    /// The state: live, or the last one after a close; `None` before any session.
    pub state: Option<SessionState>,
    /// Whether the session is still open.
    pub live: bool,
    /// The UI language.
    pub lang: Lang,
}

/// AUTHORIZATION → TRANSACTION → UPDATE, the current state lit, and the commands it allows.
#[function_component(StateDiagram)]
pub fn state_diagram(props: &StateDiagramProps) -> Html {
    let lang = props.lang;
    let steps = [
        (SessionState::Authorization, Key::StateAuthorizationHint),
        (SessionState::Transaction, Key::StateTransactionHint),
        (SessionState::Update, Key::StateUpdateHint),
    ];
    let items = steps.iter().map(|(state, hint)| {
        let current = props.state == Some(*state);
        html! {
            <li class={classes!("state-step", current.then_some("is-current"))} aria-current={current.then_some("step")}>
                <span class="state-name">{ state_name(*state) }</span>
                <span class="state-hint">{ hint.text(lang) }</span>
                if current {
                    <span class="visually-hidden">{ format!(" ({})", Key::CurrentState.text(lang)) }</span>
                }
            </li>
        }
    });
    let allowed = match props.state {
        Some(s) if props.live => s.allowed_verbs(),
        _ => &[],
    };
    html! {
        <section class="state-diagram" aria-labelledby="state-heading">
            <h3 id="state-heading">{ Key::StateHeading.text(lang) }</h3>
            <ol class="state-steps">{ for items }</ol>
            if props.state.is_none() {
                <p class="state-note">{ Key::StateNone.text(lang) }</p>
            } else if !props.live {
                <p class="state-note">{ Key::StateLast.text(lang) }</p>
                if props.state == Some(SessionState::Closed) {
                    <p class="state-note">{ Key::StateClosedWithoutUpdate.text(lang) }</p>
                }
            }
            if props.state.is_some() {
                <p class="state-allowed">
                    <span class="state-allowed-label">{ Key::AllowedCommands.text(lang) }{ ": " }</span>
                    if allowed.is_empty() {
                        { Key::NoCommandsAllowed.text(lang) }
                    } else {
                        { for allowed.iter().map(|v| html! { <code class="state-verb">{ v.name() }</code> }) }
                    }
                </p>
            }
        </section>
    }
}
