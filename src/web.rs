//! Thin, panic-free access to the browser: clock, address, language, network state, localStorage, focus.
//!
//! Every function tolerates a missing `window` or a browser that refuses storage (private modes, quotas): it
//! returns `None` or does nothing.

use wasm_bindgen::JsCast;

use crate::console::Now;

/// The current time for the simulated session.
pub fn now() -> Now {
    let ms = js_sys::Date::now().max(0.0) as u64;
    Now { ms, unix: ms / 1000 }
}

/// The page address's query (`?…`) and fragment (`#…`).
pub fn location_parts() -> (String, String) {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return (String::new(), String::new()) };
    (location.search().unwrap_or_default(), location.hash().unwrap_or_default())
}

/// The page's own address without query and fragment (`https://host/path/`), for links to share.
pub fn page_base() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return String::new() };
    format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default())
}

/// The page's origin (`location.origin`: `https://host[:port]`, or `null`), to tell a bridge on it from one
/// elsewhere ([`crate::bridge_link`]).
pub fn page_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_else(|| "null".into())
}

/// Replaces the address's query and fragment (`address` starts with `?`) without reloading, so that a reload
/// or a bookmark opens what is open now.
pub fn replace_address(address: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(address));
    }
}

/// A `data:` URL holding `text` as a JSON file, for a download link.
pub fn json_data_url(text: &str) -> String {
    format!("data:application/json;charset=utf-8,{}", String::from(js_sys::encode_uri_component(text)))
}

/// A query parameter of the page's address, decoded (`?bridge=ws%3A%2F%2F…`).
pub fn search_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// Whether the browser believes it is online (`navigator.onLine`); `true` when it cannot tell. `false` is
/// reliable (no network at all), `true` is not (a network that reaches nothing).
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// The browser's preferred language tag.
pub fn browser_language() -> Option<String> {
    web_sys::window()?.navigator().language()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a localStorage value.
pub fn storage_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes a localStorage value (ignoring refusals).
pub fn storage_set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// Removes a localStorage value.
pub fn storage_remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Sets the page's `lang` attribute and title.
pub fn set_document_language(tag: &str, title: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", tag);
    }
    document.set_title(title);
}

/// Focuses an element by id.
pub fn focus_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(e) = element {
        let _ = e.focus();
    }
}

/// Reads a file the user picked, as text (`None` if the browser could not).
pub async fn read_file_text(file: web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text()).await.ok()?.as_string()
}

/// Copies text to the clipboard; `false` if the browser refused.
pub async fn copy_text(text: String) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let clipboard = window.navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await.is_ok()
}

/// Fetches a text file relative to the page (`lessons/index.json`); `None` if it cannot be had (offline, not
/// found, not text).
pub async fn fetch_text(url: &str) -> Option<String> {
    let window = web_sys::window()?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    wasm_bindgen_futures::JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = "export async function load_module(script) {
    const module = await import(new URL(script, document.baseURI).href);
    await module.default();
}")]
extern "C" {
    /// Imports a wasm-bindgen module's script (`--target web`) relative to the page and starts it.
    #[wasm_bindgen(catch)]
    async fn load_module(script: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}

/// Fetches and starts another module of the site (the lessons' module); `false` if it could not be had.
pub async fn start_module(script: &str) -> bool {
    load_module(script).await.is_ok()
}
