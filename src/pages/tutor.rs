use yew::prelude::*;

use crate::app::use_app;
use crate::components::decoder::ErrorDecoder;
use crate::components::{Console, ExplainPane, Inspector, Notices, ScenarioPanel, SettingsPanel};
use crate::i18n::Key;

/// The tutor's screen: console on the left; inspector, explanation and settings on the right.
#[function_component(Tutor)]
pub fn tutor() -> Html {
    let app = use_app();
    let lang = app.lang();
    let t = |k: Key| k.text(lang);
    html! {
        <div class={classes!("app", app.state.settings.theme.class())} lang={lang.tag()}>
            <a class="skip-link" href="#command-input">{ t(Key::SkipToConsole) }</a>
            <header class="app-header">
                <h1>{ t(Key::AppTitle) }</h1>
                <p class="app-tagline">{ t(Key::AppTagline) }</p>
            </header>
            <Notices />
            <main class="app-main">
                <div class="app-console-column">
                    <Console />
                </div>
                <div class="app-side">
                    <ExplainPane />
                    <ScenarioPanel />
                    <Inspector />
                    <SettingsPanel />
                    <ErrorDecoder />
                </div>
            </main>
            <footer class="app-footer">{ t(Key::Footer) }</footer>
        </div>
    }
}
