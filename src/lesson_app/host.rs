//! The lessons' module's side of the host object the tutor gives it (`crate::lesson::message` describes it).
//! A host without the expected functions (a tutor of another version) makes these calls do nothing.

use wasm_bindgen::{JsCast, JsValue};

use crate::lesson::message::{ToLessons, HOST_GLOBAL};

/// The tutor, as the lessons' module reaches it.
pub struct Host {
    object: JsValue,
}

impl Host {
    /// The host object the tutor left for this module while it starts.
    pub fn from_global() -> Option<Host> {
        let object = js_sys::Reflect::get(&js_sys::global(), &HOST_GLOBAL.into()).ok()?;
        object.is_object().then_some(Host { object })
    }

    /// The element the panel renders into.
    pub fn root(&self) -> Option<web_sys::Element> {
        js_sys::Reflect::get(&self.object, &"root".into()).ok()?.dyn_into().ok()
    }

    /// Gives the tutor the function through which it sends messages (JSON of [`ToLessons`]).
    pub fn listen(&self, receive: impl Fn(ToLessons) + 'static) {
        let deliver = wasm_bindgen::closure::Closure::<dyn Fn(String)>::new(move |text: String| {
            // A message this module does not understand is dropped (never a panic).
            if let Ok(message) = serde_json::from_str::<ToLessons>(&text) {
                receive(message);
            }
        });
        let _ = js_sys::Reflect::set(&self.object, &"deliver".into(), deliver.as_ref());
        // The function lives as long as the page.
        deliver.forget();
    }

    fn call(&self, name: &str, a: &JsValue, b: &JsValue) -> JsValue {
        let function = js_sys::Reflect::get(&self.object, &name.into()).ok().and_then(|f| f.dyn_into().ok());
        function.and_then(|f: js_sys::Function| f.call2(&JsValue::NULL, a, b).ok()).unwrap_or(JsValue::UNDEFINED)
    }

    /// Puts `line` into the command line without running it.
    pub fn put(&self, line: &str) {
        self.call("put", &line.into(), &JsValue::UNDEFINED);
    }

    /// Opens a lesson's scenario (a built-in id or a scenario's JSON) with `profile`; `Err` names the field the
    /// scenario reader refused.
    pub fn open(&self, source: &str, profile: Option<&str>) -> Result<(), String> {
        let profile = profile.map_or(JsValue::NULL, JsValue::from_str);
        match self.call("open", &source.into(), &profile).as_string() {
            Some(field) => Err(field),
            None => Ok(()),
        }
    }

    /// The lesson closed.
    pub fn leave(&self) {
        self.call("leave", &JsValue::UNDEFINED, &JsValue::UNDEFINED);
    }
}
