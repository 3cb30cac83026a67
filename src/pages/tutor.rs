use yew::prelude::*;

use crate::app::use_app;
use crate::components::decoder::ErrorDecoder;
use crate::components::{
    BridgeConfirm, Console, ExplainPane, Inspector, LessonsPanel, Notices, OfflineStatus, ScenarioPanel, SettingsPanel,
};
use crate::hooks::{use_after_first_paint, use_offline};
use crate::i18n::Key;

/// The tutor's screen: console on the left; explanation, scenario, inspector, settings and the error decoder
/// on the right. The console comes first: the side column is rendered in the frame after the console's first
/// paint, so a learner can type while it is laid out (it is most of the page's layout work).
#[function_component(Tutor)]
pub fn tutor() -> Html {
    let app = use_app();
    let lang = app.lang();
    let t = |k: Key| k.text(lang);
    let side = use_state(|| false);
    let offline = use_offline();
    {
        let side = side.clone();
        use_after_first_paint(move || side.set(true));
    }
    html! {
        <div class={classes!("app", app.state.settings.theme.class())} lang={lang.tag()}>
            <a class="skip-link" href="#command-input">{ t(Key::SkipToConsole) }</a>
            <header class="app-header">
                <h1>{ t(Key::AppTitle) }</h1>
                <p class="app-tagline">{ t(Key::AppTagline) }</p>
                <OfflineStatus {offline} {lang} />
            </header>
            if let Some(host) = app.bridge_question.clone() {
                <BridgeConfirm {host} {lang} onanswer={app.onbridge.clone()} />
            }
            <Notices state={app.state.clone()} />
            <main class="app-main">
                <div class="app-console-column">
                    <Console console={app.console.clone()} state={app.state.clone()} />
                </div>
                <div class="app-side">
                    if *side {
                        <LessonsPanel />
                        <ExplainPane />
                        <ScenarioPanel />
                        <Inspector />
                        <SettingsPanel />
                        <ErrorDecoder />
                    }
                </div>
            </main>
            <footer class="app-footer">{ t(Key::Footer) }</footer>
        </div>
    }
}
