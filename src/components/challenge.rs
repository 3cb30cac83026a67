use pop3_sim::scenario::LIBRARY_IDS;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::scenario::{about, Show};
use crate::app::use_app;
use crate::console::display::display_text;
use crate::i18n::{self, Key};

/// Challenge mode (`?challenge=1`): the learner sees only what a user would report (the symptom, the client's
/// error, the server's names), investigates in the console and picks a diagnosis among the library's; "reveal"
/// shows the answer, the scenario's faults and the session annotated reply by reply.
#[function_component(Challenge)]
pub fn challenge() -> Html {
    let app = use_app();
    let lang = app.lang();
    let t = |k: Key| k.text(lang);
    let scenario = app.scenario.clone();
    let choice = use_state(|| None::<String>);
    let verdict = use_state(|| None::<Key>);
    let revealed = use_state(|| false);

    // The library's diagnoses, and the scenario's own if it is not one of them (a trainer's scenario).
    let mut options: Vec<(String, String)> = LIBRARY_IDS
        .iter()
        .map(|id| match *id {
            "seed" => (id.to_string(), t(Key::ChallengeNothingWrong).to_string()),
            _ => (id.to_string(), i18n::builtin_scenario_title(id, lang)),
        })
        .collect();
    if !LIBRARY_IDS.contains(&scenario.id.as_str()) {
        options.push((scenario.id.clone(), scenario.title_in(lang.tag())));
    }
    let onsubmit = {
        let (choice, verdict, id) = (choice.clone(), verdict.clone(), scenario.id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            verdict.set(Some(match choice.as_deref() {
                None => Key::ChallengeChooseFirst,
                Some(c) if c == id => Key::ChallengeRight,
                Some(_) => Key::ChallengeWrong,
            }));
        })
    };
    let onreveal = {
        let revealed = revealed.clone();
        Callback::from(move |_| revealed.set(true))
    };
    let radio = |(id, title): &(String, String)| {
        let onchange = {
            let (choice, verdict) = (choice.clone(), verdict.clone());
            Callback::from(move |e: Event| {
                choice.set(Some(e.target_unchecked_into::<HtmlInputElement>().value()));
                verdict.set(None);
            })
        };
        html! {
            <label class="challenge-option">
                <input type="radio" name="diagnosis" value={id.clone()} checked={choice.as_deref() == Some(id.as_str())} {onchange} />
                { display_text(title) }
            </label>
        }
    };
    html! {
        <section class="scenario-panel challenge" aria-labelledby="challenge-heading">
            <h2 id="challenge-heading">{ t(Key::ChallengeHeading) }</h2>
            <p>{ t(Key::ChallengeIntro) }</p>
            { about(&scenario, lang, if *revealed { Show::Open } else { Show::Public }) }
            <form class="challenge-form" {onsubmit}>
                <fieldset>
                    <legend>{ t(Key::ChallengeLegend) }</legend>
                    { for options.iter().map(radio) }
                </fieldset>
                <button type="submit">{ t(Key::ChallengeCheck) }</button>
            </form>
            <p class="challenge-verdict" aria-live="polite">{ verdict.map(|k| k.text(lang)).unwrap_or_default() }</p>
            if !*revealed {
                <button type="button" class="challenge-reveal" onclick={onreveal}>{ t(Key::ChallengeReveal) }</button>
            } else {
                <div class="challenge-answer">
                    <h3>{ t(Key::ChallengeAnswer) }</h3>
                    <p class="challenge-answer-title">{ display_text(&scenario.title_in(lang.tag())) }</p>
                    <h3>{ t(Key::ChallengeFaults) }</h3>
                    <pre class="challenge-faults">{ display_text(&serde_json::to_string_pretty(&scenario.faults).unwrap_or_default()) }</pre>
                    <h3>{ t(Key::ChallengeTranscript) }</h3>
                    <pre class="challenge-transcript">{ annotated(&app, lang) }</pre>
                </div>
            }
        </section>
    }
}

/// The console's transcript with each reply's meaning under it.
fn annotated(app: &crate::app::AppContext, lang: i18n::Lang) -> String {
    let text = app.console.transcript_with(|e| Some(i18n::explain::meaning(&e.meaning, lang)));
    if text.trim().is_empty() {
        Key::ChallengeNoSession.text(lang).to_string()
    } else {
        display_text(&text)
    }
}
