use yew::prelude::*;

use crate::i18n::{self, Key, Lang};

/// Props of [`BridgeConfirm`].
#[derive(Properties, Clone, PartialEq)]
pub struct BridgeConfirmProps {
    /// Whose bridge it is: its host (see [`crate::bridge_link::BridgeLink::Foreign`]).
    pub host: AttrValue,
    /// The page's language.
    pub lang: Lang,
    /// The learner's answer: `true` for "Use this bridge".
    pub onanswer: Callback<bool>,
}

/// The question asked before real-server mode uses a bridge on another origin than the page's: a region at
/// the top of the page naming the bridge's host and saying that passwords typed will pass through it, with
/// two buttons. Nothing is sent to the bridge before "Use this bridge", and the answer is not remembered.
#[function_component(BridgeConfirm)]
pub fn bridge_confirm(props: &BridgeConfirmProps) -> Html {
    let lang = props.lang;
    let answer = |yes: bool| {
        let onanswer = props.onanswer.clone();
        Callback::from(move |_: MouseEvent| onanswer.emit(yes))
    };
    html! {
        <section class="bridge-confirm" aria-labelledby="bridge-confirm-question"
            aria-describedby="bridge-confirm-detail">
            <h2 id="bridge-confirm-question">{ i18n::bridge_question(&props.host, lang) }</h2>
            <p id="bridge-confirm-detail">{ i18n::bridge_question_detail(&props.host, lang) }</p>
            <div class="bridge-confirm-actions">
                <button type="button" class="bridge-confirm-yes" onclick={answer(true)}>
                    { Key::BridgeUse.text(lang) }
                </button>
                <button type="button" class="bridge-confirm-no" onclick={answer(false)}>
                    { Key::BridgeDontUse.text(lang) }
                </button>
            </div>
        </section>
    }
}
