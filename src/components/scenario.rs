use std::rc::Rc;

use pop3_sim::scenario::{self, Scenario, LIBRARY_IDS};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::{Challenge, EmbedSnippet, ScenarioEditor};
use crate::app::use_app;
use crate::boot::{FileError, Notice};
use crate::console::display::display_text;
use crate::i18n::{self, Key, Lang};
use crate::state::Action;
use crate::{share, web};

/// The recorded servers' maildrops: built in, but not troubleshooting lessons.
const REFERENCE_IDS: [&str; 2] = ["dovecot-reference", "courier-reference"];

/// Which scenario is open and what it is about; picking another, sharing it, opening a file, editing it. In
/// challenge mode ([`Challenge`]) what the scenario is about stays hidden.
#[function_component(ScenarioPanel)]
pub fn scenario_panel() -> Html {
    let app = use_app();
    if app.challenge {
        return html! { <Challenge /> };
    }
    let lang = app.lang();
    let t = |k: Key| k.text(lang);
    let scenario = app.scenario.clone();
    // Titles of the built-in scenarios in the UI language, read once per language.
    let titles = use_memo(lang, |lang| {
        LIBRARY_IDS
            .iter()
            .chain(REFERENCE_IDS.iter())
            .map(|id| (*id, i18n::builtin_scenario_title(id, *lang)))
            .collect::<Vec<_>>()
    });
    let builtin = use_memo(Rc::as_ptr(&scenario) as usize, {
        let scenario = scenario.clone();
        move |_| scenario::builtin_ref(&scenario.id).is_some_and(|b| *b == *scenario)
    });

    let onpick = {
        let onopen = app.onopen.clone();
        Callback::from(move |e: Event| {
            let id = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(s) = scenario::builtin(&id) {
                remember_in_address(&s, lang);
                onopen.emit(s);
            }
        })
    };
    let option = |id: &str, title: &str| {
        html! { <option value={id.to_string()} selected={*builtin && id == scenario.id}>{ display_text(title) }</option> }
    };
    let (library, reference) = titles.split_at(LIBRARY_IDS.len());

    html! {
        <section class="scenario-panel" aria-labelledby="scenario-heading">
            <h2 id="scenario-heading">{ t(Key::ScenarioHeading) }</h2>
            <p class="scenario-pick">
                <label for="scenario-picker">{ t(Key::ScenarioPick) }</label>
                <select id="scenario-picker" onchange={onpick}>
                    if !*builtin {
                        <option value="" selected=true>
                            { format!("{}: {}", t(Key::ScenarioYours), display_text(&scenario.title_in(lang.tag()))) }
                        </option>
                    }
                    <optgroup label={t(Key::ScenarioGroupLibrary)}>
                        { for library.iter().map(|(id, title)| option(id, title)) }
                    </optgroup>
                    <optgroup label={t(Key::ScenarioGroupReference)}>
                        { for reference.iter().map(|(id, title)| option(id, title)) }
                    </optgroup>
                </select>
            </p>
            { about(&scenario, lang, Show::Folded) }
            <ShareBox />
            <EmbedSnippet />
            <OpenFile />
            <ScenarioEditor />
        </section>
    }
}

/// Puts the scenario in the page address, so that a reload or a bookmark opens it again; one too large for
/// an address (a scenario file with big messages) leaves only the language there.
pub fn remember_in_address(scenario: &Scenario, lang: Lang) {
    let address = share::address(scenario, lang.tag(), false);
    if address.len() <= share::MAX_LINK_CHARS {
        web::replace_address(&address);
    } else {
        web::replace_address(&format!("?lang={}", lang.tag()));
    }
}

/// How much of a scenario's description to show.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// What a user would report: no diagnosis, no sources (a challenge).
    Public,
    /// The diagnosis folded away.
    Folded,
    /// Everything (a revealed challenge).
    Open,
}

/// What a scenario is about: the symptom, what the client shows, the hosts; then, as `show` says, the
/// diagnosis and where the texts come from.
pub fn about(scenario: &Scenario, lang: Lang, show: Show) -> Html {
    let t = |k: Key| k.text(lang);
    let about = scenario.about(lang.tag());
    let row = |label: Key, text: Option<String>| match text {
        Some(text) => html! { <><dt>{ t(label) }</dt><dd>{ display_text(&text) }</dd></> },
        None => html! {},
    };
    html! {
        <div class="scenario-about">
            <dl>
                { row(Key::AboutSymptom, about.symptom) }
                { row(Key::AboutClientError, about.client_error) }
                { row(Key::HostsLabel, Some(scenario.hosts.join(", "))) }
            </dl>
            if let (Some(diagnosis), false) = (about.diagnosis, show == Show::Public) {
                <details class="scenario-diagnosis" open={show == Show::Open}>
                    <summary>{ t(if show == Show::Open { Key::AboutDiagnosis } else { Key::AboutShowDiagnosis }) }</summary>
                    <p>{ display_text(&diagnosis) }</p>
                </details>
            }
            if let (Some(source), false) = (&scenario.source, show == Show::Public) {
                <p class="scenario-source">{ format!("{}: ", t(Key::AboutSource)) }{ display_text(source) }</p>
            }
        </div>
    }
}

/// The link that opens the scenario (a built-in by id, any other in the fragment), optionally as a
/// challenge, and the scenario as a JSON file.
#[function_component(ShareBox)]
fn share_box() -> Html {
    let app = use_app();
    let lang = app.lang();
    let t = |k: Key| k.text(lang);
    let as_challenge = use_state(|| false);
    let scenario = app.scenario.clone();
    let key = (Rc::as_ptr(&scenario) as usize, lang, *as_challenge);
    // `None`: too large for an address (a scenario file with big messages).
    let link = use_memo(key, {
        let scenario = scenario.clone();
        move |(_, lang, challenge)| {
            let address = share::address(&scenario, lang.tag(), *challenge);
            (address.len() <= share::MAX_LINK_CHARS).then(|| format!("{}{address}", web::page_base()))
        }
    });
    // The file is made when the link is clicked, not at every render: it may be megabytes.
    let ondownload = Callback::from(move |e: MouseEvent| {
        let a = e.target_unchecked_into::<web_sys::Element>();
        let _ = a.set_attribute("href", &web::json_data_url(&scenario.to_json()));
    });
    let ontoggle = {
        let as_challenge = as_challenge.clone();
        Callback::from(move |e: Event| as_challenge.set(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let oncopy = {
        let link = link.clone();
        let d = app.state.dispatcher();
        Callback::from(move |_| {
            let Some(link) = (*link).clone() else { return };
            let d = d.clone();
            yew::platform::spawn_local(async move {
                let ok = web::copy_text(link).await;
                d.dispatch(Action::Notify(if ok { Notice::LinkCopied } else { Notice::CopyFailed }));
            });
        })
    };
    html! {
        <div class="share">
            <h3>{ t(Key::ShareHeading) }</h3>
            <label for="share-link">{ t(Key::ShareLink) }</label>
            <input id="share-link" class="share-link" type="text" readonly=true
                value={(*link).clone().unwrap_or_else(|| t(Key::ShareTooLarge).to_string())} />
            <label class="share-challenge">
                <input id="share-challenge" type="checkbox" checked={*as_challenge} onchange={ontoggle} />
                { t(Key::ShareAsChallenge) }
            </label>
            <p class="share-actions">
                <button type="button" onclick={oncopy}>{ t(Key::CopyLink) }</button>
                <a href="#" download={format!("{}.json", app.scenario.id)} onclick={ondownload}>{ t(Key::DownloadJson) }</a>
            </p>
        </div>
    }
}

/// Opening a scenario file from the computer.
#[function_component(OpenFile)]
fn open_file() -> Html {
    let app = use_app();
    let lang = app.lang();
    let onfile = {
        let d = app.state.dispatcher();
        let onopen = app.onopen.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let (d, onopen) = (d.clone(), onopen.clone());
            yew::platform::spawn_local(async move {
                let octets = file.size().max(0.0) as u64;
                let opened = if octets > scenario::MAX_BYTES as u64 {
                    Err(FileError::TooLarge { octets })
                } else {
                    match web::read_file_text(file).await {
                        None => Err(FileError::NotText),
                        Some(text) => Scenario::from_json(&text)
                            .and_then(|s| pop3_sim::Server::new(&s).map(|_| s))
                            .map_err(FileError::Invalid),
                    }
                };
                match opened {
                    Ok(s) => {
                        d.dispatch(Action::Notify(Notice::FileOpened { title: s.title.chars().take(200).collect() }));
                        remember_in_address(&s, lang);
                        onopen.emit(s);
                    }
                    Err(why) => d.dispatch(Action::Notify(Notice::BadScenarioFile(why))),
                }
            });
        })
    };
    html! {
        <p class="scenario-open">
            // The browser's own file control speaks the browser's language ("Choose File", "No file chosen"),
            // not the page's: the input is hidden and its label, in the page's language, looks like a button.
            // The input keeps the focus and the keyboard (Enter or Space opens the file picker).
            <input id="setting-scenario-file" class="visually-hidden" type="file" accept=".json,application/json" onchange={onfile} />
            <label for="setting-scenario-file" class="file-button">{ Key::OpenScenario.text(lang) }</label>
        </p>
    }
}
