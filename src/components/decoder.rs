//! The error decoder panel: paste an Outlook / Outlook Express / Windows Mail error (or pick a common code) and
//! read what each code means, what the quoted server response and the port/SSL fields say together, and links
//! that open the matching built-in scenarios. The logic and each code's words are [`crate::decoder`]; the
//! sentences built from values are [`crate::i18n::decoder`].

use std::rc::Rc;

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::use_app;
use crate::console::display::display_text;
use crate::decoder::{decode, Code, Decoded, Entry, Found, ENTRIES};
use crate::i18n::decoder as words;
use crate::i18n::{Key, Lang};

/// The panel. The textarea is left uncontrolled: a 10 MB paste stays in the browser, and only the first
/// [`crate::decoder::MAX_INPUT`] bytes are decoded, on every input (decoding is cheap).
#[function_component(ErrorDecoder)]
pub fn error_decoder() -> Html {
    let app = use_app();
    let lang = app.lang();
    let t = |k: Key| k.text(lang);
    let decoded = use_state(|| Rc::new(decode("")));
    let picked = use_state(String::new);
    let input = use_node_ref();

    let oninput = {
        let (decoded, picked) = (decoded.clone(), picked.clone());
        Callback::from(move |e: InputEvent| {
            decoded.set(Rc::new(decode(&e.target_unchecked_into::<HtmlTextAreaElement>().value())));
            picked.set(String::new());
        })
    };
    let onpick = {
        let (decoded, picked, input) = (decoded.clone(), picked.clone(), input.clone());
        Callback::from(move |e: Event| {
            let code = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(field) = input.cast::<HtmlTextAreaElement>() {
                field.set_value(&code);
            }
            decoded.set(Rc::new(decode(&code)));
            picked.set(code);
        })
    };
    let option = |entry: &Entry| {
        let value = entry.display();
        html! { <option selected={*picked == value} value={value.clone()}>{ words::pick_option(entry, lang) }</option> }
    };

    html! {
        <section class="decoder" aria-labelledby="decoder-heading">
            <h2 id="decoder-heading">{ t(Key::DecoderHeading) }</h2>
            <p id="decoder-intro" class="decoder-intro">{ t(Key::DecoderIntro) }</p>
            <label for="decoder-input">{ t(Key::DecoderInputLabel) }</label>
            <textarea id="decoder-input" class="decoder-input" ref={input} rows="5" spellcheck="false"
                autocomplete="off" aria-describedby="decoder-intro" {oninput} />
            <p class="decoder-pick">
                <label for="decoder-pick">{ t(Key::DecoderPickLabel) }</label>
                <select id="decoder-pick" onchange={onpick}>
                    <option value="" selected={picked.is_empty()}>{ t(Key::DecoderPickNone) }</option>
                    <optgroup label={t(Key::DecoderPickOutlook)}>
                        { for ENTRIES.iter().filter(|e| e.is_outlook()).map(option) }
                    </optgroup>
                    <optgroup label={t(Key::DecoderPickSockets)}>
                        { for ENTRIES.iter().filter(|e| !e.is_outlook()).map(option) }
                    </optgroup>
                </select>
            </p>
            <div class="decoder-result" aria-live="polite">
                { result(&decoded, lang) }
            </div>
        </section>
    }
}

/// A paragraph. Helpers like this one are kept out of line: each `html!` expands to a fair amount of code,
/// and the app's download size is watched.
#[inline(never)]
fn para(class: &'static str, text: String) -> Html {
    html! { <p class={class}>{ text }</p> }
}

#[inline(never)]
fn heading(text: &'static str) -> Html {
    html! { <h3>{ text }</h3> }
}

#[inline(never)]
fn fact(label: &'static str, value: Html) -> Html {
    html! { <><dt>{ label }</dt><dd>{ value }</dd></> }
}

#[inline(never)]
fn list(class: &'static str, items: Vec<Html>) -> Html {
    html! { <ul class={class}>{ for items }</ul> }
}

/// The decoded message: the server's answer and settings, how they fit together, each code, the scenarios.
fn result(d: &Decoded, lang: Lang) -> Html {
    let t = |k: Key| k.text(lang);
    let mut out = Vec::new();
    if d.truncated {
        out.push(para("decoder-notice", words::truncated(d.input_bytes, lang)));
    }
    if d.is_empty() {
        let empty = if d.input_bytes == 0 { Key::DecoderEmpty } else { Key::DecoderNothing };
        out.push(para("decoder-empty", t(empty).into()));
        return out.into_iter().collect();
    }
    if let Some(response) = &d.response {
        out.push(para("decoder-response-label", t(Key::DecoderResponse).into()));
        out.push(html! { <p class="decoder-response"><code>{ display_text(response) }</code></p> });
    }
    let mut settings = Vec::new();
    if let Some(server) = &d.server {
        settings.push(fact(t(Key::DecoderServerName), display_text(server).into()));
    }
    if let Some(port) = d.port {
        settings.push(fact(t(Key::DecoderPortLabel), port.to_string().into()));
    }
    if let Some(ssl) = d.ssl {
        settings.push(fact(t(Key::DecoderSslLabel), t(words::yes_no(ssl)).into()));
    }
    if !settings.is_empty() {
        out.push(heading(t(Key::DecoderSettings)));
        out.push(html! { <dl class="decoder-facts">{ for settings }</dl> });
    }
    if !d.findings.is_empty() {
        out.push(heading(t(Key::DecoderTogether)));
        out.extend(d.findings.iter().map(|f| para("decoder-finding", words::finding(*f, lang))));
    }
    out.extend(d.codes.iter().map(|f| code_card(f, lang)));
    if d.more_codes {
        out.push(para("decoder-notice", t(Key::DecoderMoreCodes).into()));
    }
    let scenarios = d.scenarios();
    out.push(heading(t(Key::DecoderScenarios)));
    if scenarios.is_empty() {
        out.push(para("", t(Key::DecoderNoScenario).into()));
    } else {
        let link = |id: &&str| {
            let href = format!("?scenario={id}&lang={}", lang.tag());
            html! { <li><a {href}>{ words::scenario_link(id, lang) }</a></li> }
        };
        out.push(list("decoder-scenarios", scenarios.iter().map(link).collect()));
    }
    out.into_iter().collect()
}

/// One code: its meaning, causes, checks and source; or, for a code the table lacks, what its range says.
fn code_card(found: &Found, lang: Lang) -> Html {
    let t = |k: Key| k.text(lang);
    let number = crate::decoder::display_code(found.code.number());
    let quoted = found.in_response.then(|| para("decoder-quoted", t(Key::DecoderInResponse).into()));
    let Code::Known(entry) = found.code else {
        return html! {
            <article class="decoder-code">
                <h3><code>{ number }</code></h3>
                { para("", words::unknown(found.code, lang)) }
                { quoted }
            </article>
        };
    };
    let text = entry.text(lang);
    let items = |items: &[&'static str]| list("", items.iter().map(|i| html! { <li>{ *i }</li> }).collect());
    let link =
        entry.source.url().map(|url| html! { <>{ " " }<a href={url} target="_blank" rel="noopener">{ url }</a></> });
    html! {
        <article class="decoder-code">
            <h3><code>{ number }</code>{ " — " }{ text.title }</h3>
            <p class="decoder-name"><code>{ entry.name }</code></p>
            { para("decoder-meaning", text.meaning.into()) }
            { quoted }
            <dl class="decoder-details">
                { fact(t(Key::DecoderCauses), items(text.causes)) }
                { fact(t(Key::DecoderChecks), items(text.checks)) }
                { fact(t(Key::DecoderSource), html! { <span class="decoder-source">{ words::source(entry, lang) }{ link }</span> }) }
            </dl>
        </article>
    }
}
