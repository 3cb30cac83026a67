use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::use_app;
use crate::embed::snippet::{self, Options, Source};
use crate::embed::EmbedTheme;
use crate::hooks::use_details;
use crate::i18n::{self, Key, Lang};
use crate::web;

/// The themes offered, with their names in the list.
const THEMES: [(EmbedTheme, Key); 4] = [
    (EmbedTheme::Classic, Key::EmbedSnippetThemeClassic),
    (EmbedTheme::Light, Key::EmbedSnippetThemeLight),
    (EmbedTheme::Dark, Key::EmbedSnippetThemeDark),
    (EmbedTheme::Auto, Key::EmbedSnippetThemeAuto),
];

/// "Embed this in an article", folded away: its body (the payload, and the preview's frame, which loads the
/// embed's own module) exists only while it is open.
#[function_component(EmbedSnippet)]
pub fn embed_snippet() -> Html {
    let app = use_app();
    let (open, ontoggle) = use_details(false);
    html! {
        <details class="embed-snippet" {open} {ontoggle}>
            <summary>{ Key::EmbedSnippetHeading.text(app.lang()) }</summary>
            if open { <EmbedSnippetBody /> }
        </details>
    }
}

/// The options, the two snippets with their copy buttons, and a live preview of the same embed.
#[function_component(EmbedSnippetBody)]
fn embed_snippet_body() -> Html {
    let app = use_app();
    let ui = app.lang();
    let t = |k: Key| k.text(ui);
    let chosen_lang = use_state(|| None::<Lang>);
    let autoplay = use_state(|| false);
    let theme = use_state(|| EmbedTheme::Classic);
    // Whether the last copy worked.
    let copied = use_state(|| None::<bool>);
    let scenario = app.scenario.clone();
    // The payload is made once per scenario (the scenario may be large).
    let source = {
        let scenario = scenario.clone();
        use_memo(Rc::as_ptr(&app.scenario) as usize, move |_| Source::of(&scenario))
    };

    let lang = (*chosen_lang).unwrap_or(ui);
    let options = Options {
        lang,
        autoplay: *autoplay,
        theme: *theme,
        title: i18n::embed_frame_title(&i18n::scenario_title(&scenario, lang), lang),
    };

    let onlang = {
        let chosen_lang = chosen_lang.clone();
        Callback::from(move |e: Event| {
            chosen_lang.set(Lang::from_tag(&e.target_unchecked_into::<HtmlSelectElement>().value()));
        })
    };
    let ontheme = {
        let theme = theme.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some((t, _)) = THEMES.iter().find(|(t, _)| t.name() == value) {
                theme.set(*t);
            }
        })
    };
    let onautoplay = {
        let autoplay = autoplay.clone();
        Callback::from(move |e: Event| autoplay.set(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let copy = |text: String| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let (copied, text) = (copied.clone(), text.clone());
            yew::platform::spawn_local(async move {
                let ok = web::copy_text(text).await;
                copied.set(Some(ok));
            });
        })
    };
    // The whole snippet is selected when its box takes the focus, ready for Ctrl+C.
    let onfocus = Callback::from(|e: FocusEvent| e.target_unchecked_into::<HtmlTextAreaElement>().select());

    let Some(source) = (*source).clone() else {
        return html! { <p class="embed-snippet-intro">{ t(Key::EmbedSnippetTooLarge) }</p> };
    };
    let base = snippet::base_dir(&web::page_base());
    let iframe = snippet::iframe_snippet(&base, &source, &options);
    let script = snippet::script_snippet(&base, &source, &options);
    let preview = format!("embed.html{}", snippet::embed_query(&source, &options));
    let preview_title = format!("{}: {}", t(Key::EmbedSnippetPreview), options.title);
    let lang_option = |l: Lang, name: Key| {
        html! { <option value={l.tag()} selected={l == lang}>{ name.text(ui) }</option> }
    };

    html! {
        <div class="embed-snippet-body">
            <p class="embed-snippet-intro">{ t(Key::EmbedSnippetIntro) }</p>
            if scenario.demo.is_empty() {
                <p class="embed-snippet-no-demo">{ t(Key::EmbedSnippetNoDemo) }</p>
            }
            <div class="embed-snippet-options">
                <label for="embed-snippet-lang">{ t(Key::EmbedSnippetLang) }</label>
                <select id="embed-snippet-lang" onchange={onlang}>
                    { lang_option(Lang::En, Key::LangNameEn) }
                    { lang_option(Lang::Pl, Key::LangNamePl) }
                </select>
                <label for="embed-snippet-theme">{ t(Key::EmbedSnippetTheme) }</label>
                <select id="embed-snippet-theme" onchange={ontheme}>
                    { for THEMES.iter().map(|(th, key)| html! {
                        <option value={th.name()} selected={*th == *theme}>{ t(*key) }</option>
                    }) }
                </select>
            </div>
            <label class="embed-snippet-autoplay">
                <input id="embed-snippet-autoplay" type="checkbox" checked={*autoplay} onchange={onautoplay} />
                { t(Key::EmbedSnippetAutoplay) }
            </label>
            <label for="embed-snippet-iframe">{ t(Key::EmbedSnippetIframe) }</label>
            <textarea id="embed-snippet-iframe" class="embed-snippet-code" readonly=true rows="4" spellcheck="false"
                value={iframe.clone()} onfocus={onfocus.clone()} />
            <p class="embed-snippet-actions">
                <button type="button" onclick={copy(iframe)}>{ t(Key::EmbedSnippetCopyIframe) }</button>
            </p>
            <label for="embed-snippet-script">{ t(Key::EmbedSnippetScript) }</label>
            <textarea id="embed-snippet-script" class="embed-snippet-code" readonly=true rows="4" spellcheck="false"
                value={script.clone()} {onfocus} />
            <p class="embed-snippet-actions">
                <button type="button" onclick={copy(script)}>{ t(Key::EmbedSnippetCopyScript) }</button>
            </p>
            <p class="embed-snippet-status" role="status">
                { match *copied {
                    Some(true) => t(Key::EmbedSnippetCopied),
                    Some(false) => t(Key::EmbedSnippetCopyFailed),
                    None => "",
                } }
            </p>
            <p class="embed-snippet-preview-label">{ t(Key::EmbedSnippetPreview) }</p>
            <iframe class="embed-snippet-preview" title={preview_title} src={preview}></iframe>
        </div>
    }
}
