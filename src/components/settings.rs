use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::app::use_app;
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

/// Language, theme, client style and server profile; plus the keyboard shortcuts.
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
                    { option("", i18n::profile_from_scenario(&scenario_profile_title, lang), &profile_value) }
                    { for profile_titles.iter().map(|(id, title)| option(id, title.clone(), &profile_value)) }
                </select>
            </div>
            <p class="settings-saved">{ t(Key::SettingsSaved) }</p>
            <h3>{ t(Key::ShortcutsHeading) }</h3>
            <ul class="settings-shortcuts">
                { for [Key::ShortcutEnter, Key::ShortcutHistory, Key::ShortcutExplain, Key::ShortcutClear,
                       Key::ShortcutEscape, Key::ShortcutHangup, Key::ShortcutPaste]
                    .iter().map(|k| html! { <li>{ t(*k) }</li> }) }
            </ul>
        </section>
    }
}
