use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::console::{Wait, WaitReason};
use crate::i18n::{self, Key, Lang};
use crate::web;

/// Props of [`WaitIndicator`].
#[derive(Properties, Clone, PartialEq)]
pub struct WaitIndicatorProps {
    /// The pause.
    pub wait: Wait,
    /// The UI language.
    pub lang: Lang,
    /// The "skip" button was pressed.
    pub onskip: Callback<()>,
}

/// "Waiting… 4 s left [Skip the wait (Esc)]", counting down.
#[function_component(WaitIndicator)]
pub fn wait_indicator(props: &WaitIndicatorProps) -> Html {
    let now = use_state(|| web::now().ms);
    {
        let now = now.clone();
        use_effect_with(props.wait, move |_| {
            let interval = Interval::new(250, move || now.set(web::now().ms));
            move || drop(interval)
        });
    }
    let left = props.wait.until_ms.saturating_sub(*now);
    let reason = match props.wait.reason {
        WaitReason::Server => Key::WaitServer,
        WaitReason::Connect => Key::WaitConnect,
    };
    let done = props.wait.millis.saturating_sub(left);
    let onclick = {
        let onskip = props.onskip.clone();
        Callback::from(move |_| onskip.emit(()))
    };
    html! {
        <div class="wait" role="status">
            <span class="wait-spinner" aria-hidden="true"></span>
            <span class="wait-text">{ i18n::wait_left(reason, left, props.lang) }</span>
            <progress class="wait-progress" max={props.wait.millis.to_string()} value={done.to_string()} aria-hidden="true"></progress>
            <button type="button" class="wait-skip" {onclick}>{ Key::SkipWait.text(props.lang) }</button>
        </div>
    }
}
