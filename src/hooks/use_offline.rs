//! The offline copy (README, "Offline and installable"): registers the service worker that the build writes
//! (`sw.js`, see `offline/sw.js` and `scripts/offline.mjs`) and says what the page should tell the learner:
//! that everything is cached, and that a new version waits for a reload. The worker's events are handled in
//! `use_offline.js`; only the tutor's page calls this (the embed stays out of it: it writes no storage).

use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen(module = "/src/hooks/use_offline.js")]
extern "C" {
    fn watch(url: &str, report: &js_sys::Function);
    #[wasm_bindgen(js_name = applyUpdate)]
    fn apply_update();
}

/// The worker's file, beside the page (so a site served from a sub-path has its own).
pub const WORKER_SCRIPT: &str = "sw.js";

/// What the page says about its offline copy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Offline {
    /// Every file of this build is cached: the tutor works with no network.
    pub ready: bool,
    /// A newer build is installed and waits: "Reload" switches to it.
    pub update: bool,
}

impl Offline {
    /// Switches to the waiting version: the page reloads when the new worker has taken over (the address
    /// keeps the open scenario and lesson).
    pub fn reload(&self) {
        apply_update();
    }
}

/// Registers the worker once, after the page has loaded, and follows it.
#[hook]
pub fn use_offline() -> Offline {
    let ready = use_state(|| false);
    let update = use_state(|| false);
    {
        let (ready, update) = (ready.setter(), update.setter());
        use_effect_with((), move |_| {
            // The page follows the worker for its whole life: the handler is handed to JavaScript for good.
            let report = Closure::<dyn Fn(String)>::new(move |what: String| match what.as_str() {
                "ready" => ready.set(true),
                "update" => update.set(true),
                _ => {}
            })
            .into_js_value();
            watch(WORKER_SCRIPT, report.unchecked_ref());
        });
    }
    Offline { ready: *ready, update: *update }
}
