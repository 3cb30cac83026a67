use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::use_app;
use crate::boot::{FileError, Notice};
use crate::console::ClientStyle;
use crate::i18n::{self, Key, Lang};
use crate::settings::Theme;
use crate::state::Action;

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

fn lang_name(l: Lang) -> Key {
    match l {
        Lang::En => Key::LangNameEn,
        Lang::Pl => Key::LangNamePl,
    }
}

fn theme_name(theme: Theme) -> Key {
    match theme {
        Theme::Classic => Key::ThemeClassic,
        Theme::Light => Key::ThemeLight,
        Theme::Contrast => Key::ThemeContrast,
    }
}

fn client_name(style: ClientStyle) -> Key {
    match style {
        ClientStyle::WindowsEn => Key::ClientWindowsEn,
        ClientStyle::WindowsPl => Key::ClientWindowsPl,
        ClientStyle::Unix => Key::ClientUnix,
    }
}

/// Language, theme, client style and server profile; plus the scenario's facts and the keyboard shortcuts.
#[function_component(SettingsPanel)]
pub fn settings_panel() -> Html {
    let app = use_app();
    // The built-in profiles' titles, built once rather than on every render.
    let profile_titles = use_memo((), |_| {
        pop3_sim::profile::BUILTIN_IDS
            .map(|id| (id, pop3_sim::profile::builtin(id).map(|p| p.title).unwrap_or_else(|| id.to_string())))
    });
    let lang = app.lang();
    let t = |k: Key| k.text(lang);
    let state = &app.state;
    let dispatch = state.dispatcher();

    let onlang = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            d.dispatch(Action::SetLang(Lang::from_tag(&select_value(&e)).unwrap_or_default()))
        })
    };
    let ontheme = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            d.dispatch(Action::SetTheme(Theme::from_id(&select_value(&e)).unwrap_or_default()))
        })
    };
    let onclient = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| d.dispatch(Action::SetClient(ClientStyle::from_id(&select_value(&e)))))
    };
    let onprofile = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            d.dispatch(Action::SetProfile(if v.is_empty() { None } else { Some(v) }))
        })
    };

    let onfile = {
        let d = dispatch.clone();
        let onopen = app.onopen.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let (d, onopen) = (d.clone(), onopen.clone());
            yew::platform::spawn_local(async move {
                let octets = file.size().max(0.0) as u64;
                let opened = if octets > pop3_sim::scenario::MAX_BYTES as u64 {
                    Err(FileError::TooLarge { octets })
                } else {
                    match crate::web::read_file_text(file).await {
                        None => Err(FileError::NotText),
                        Some(text) => pop3_sim::Scenario::from_json(&text)
                            .and_then(|s| pop3_sim::Server::new(&s).map(|_| s))
                            .map_err(|e| FileError::Invalid(e.to_string().chars().take(500).collect())),
                    }
                };
                match opened {
                    Ok(s) => {
                        d.dispatch(Action::Notify(Notice::FileOpened { title: s.title.chars().take(200).collect() }));
                        onopen.emit(s);
                    }
                    Err(why) => d.dispatch(Action::Notify(Notice::BadScenarioFile(why))),
                }
            });
        })
    };

    let theme_value = state.settings.theme.id();
    let client_value = state.settings.client.map_or("", ClientStyle::id);
    let profile_value = state.settings.profile.clone().unwrap_or_default();
    let scenario_profile_title = app.scenario.resolved_profile().map(|p| p.title).unwrap_or_default();
    let option = |value: &str, label: String, current: &str| {
        html! { <option value={value.to_string()} selected={value == current}>{ label }</option> }
    };

    html! {
        <section class="settings" aria-labelledby="settings-heading">
            <h2 id="settings-heading">{ t(Key::SettingsHeading) }</h2>
            <div class="settings-grid">
                <label for="setting-lang">{ t(Key::SettingLanguage) }</label>
                <select id="setting-lang" onchange={onlang}>
                    { for Lang::ALL.into_iter().map(|l| option(l.tag(), t(lang_name(l)).into(), lang.tag())) }
                </select>
                <label for="setting-theme">{ t(Key::SettingTheme) }</label>
                <select id="setting-theme" onchange={ontheme}>
                    { for Theme::ALL.into_iter().map(|th| option(th.id(), t(theme_name(th)).into(), theme_value)) }
                </select>
                <label for="setting-client">{ t(Key::SettingClient) }</label>
                <select id="setting-client" onchange={onclient}>
                    { option("", t(Key::ClientAuto).into(), client_value) }
                    { for ClientStyle::ALL.into_iter().map(|c| option(c.id(), t(client_name(c)).into(), client_value)) }
                </select>
                <label for="setting-profile">{ t(Key::SettingProfile) }</label>
                <select id="setting-profile" onchange={onprofile}>
                    { option("", i18n::profile_from_scenario(lang, &scenario_profile_title), &profile_value) }
                    { for profile_titles.iter().map(|(id, title)| option(id, title.clone(), &profile_value)) }
                </select>
            </div>
            <p class="settings-saved">{ t(Key::SettingsSaved) }</p>
            <p class="settings-open">
                <label for="setting-scenario-file">{ t(Key::OpenScenario) }</label>
                <input id="setting-scenario-file" type="file" accept=".json,application/json" onchange={onfile} />
            </p>
            <dl class="settings-scenario">
                <dt>{ t(Key::ScenarioLabel) }</dt>
                <dd>{ crate::console::display::display_text(&crate::i18n::scenario_title(lang, &app.scenario)) }{ format!(" ({})", app.scenario.id) }</dd>
                <dt>{ t(Key::HostsLabel) }</dt>
                <dd>{ crate::console::display::display_text(&app.scenario.hosts.join(", ")) }</dd>
            </dl>
            <h3>{ t(Key::ShortcutsHeading) }</h3>
            <ul class="settings-shortcuts">
                { for [Key::ShortcutEnter, Key::ShortcutHistory, Key::ShortcutExplain, Key::ShortcutClear,
                       Key::ShortcutEscape, Key::ShortcutHangup, Key::ShortcutPaste]
                    .iter().map(|k| html! { <li>{ t(*k) }</li> }) }
            </ul>
        </section>
    }
}
