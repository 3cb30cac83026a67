//! The widget and the page around it: the events it posts to the host page (a contract, documented in the
//! README: `embed.js` listens to them, and so may an article's own script), the frame's height, whether the
//! widget is on screen, and the reader's media preferences. Every call tolerates a missing `window` and a
//! browser without the API: the widget then plays as if visible and never posts.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Every message the widget posts carries this `source`, so a host page tells them from other frames'.
pub const SOURCE: &str = "pop3-tutor-embed";

/// What the widget tells the host page. Serialised as `{"source": "pop3-tutor-embed", "type": "step", …}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum FrameEvent {
    /// The widget is drawn and its demo loaded.
    Ready {
        /// The scenario's id.
        scenario: String,
        /// The demo's step count.
        steps: usize,
        /// The UI language (`en`, `pl`).
        lang: &'static str,
    },
    /// The widget's content is this many CSS pixels high (the host sets the frame's height).
    Resize {
        /// The height.
        height: i32,
    },
    /// A demo step is over.
    Step {
        /// Steps over so far (1 after the first).
        step: usize,
        /// The demo's step count.
        steps: usize,
    },
    /// The simulated session changed state.
    State {
        /// `authorization`, `transaction`, `update`, `closed`, or `null` before the first connection.
        state: Option<&'static str>,
        /// Whether a connection is open.
        connected: bool,
    },
    /// The reader took over the console ("Try it yourself").
    Takeover,
}

#[derive(Serialize)]
struct Envelope<'a> {
    source: &'static str,
    #[serde(flatten)]
    event: &'a FrameEvent,
}

/// Posts `event` to the host page (nothing when the widget is not in a frame). The target origin is `*`: the
/// widget does not know its host, and says nothing a host could not see on screen.
pub fn post(event: &FrameEvent) {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    if parent == window {
        return;
    }
    let Ok(text) = serde_json::to_string(&Envelope { source: SOURCE, event }) else { return };
    // An object, not a string: a host's script reads `event.data.type`.
    let Ok(message) = js_sys::JSON::parse(&text) else { return };
    let _ = parent.post_message(&message, "*");
}

/// The state names the `state` event uses.
pub fn state_name(state: pop3_sim::SessionState) -> &'static str {
    match state {
        pop3_sim::SessionState::Authorization => "authorization",
        pop3_sim::SessionState::Transaction => "transaction",
        pop3_sim::SessionState::Update => "update",
        pop3_sim::SessionState::Closed => "closed",
    }
}

/// Posts a `resize` event whenever the element's height changes (a ResizeObserver; no polling).
#[hook]
pub fn use_report_height(node: NodeRef) {
    use_effect_with((), move |_| {
        let observer = node.cast::<web_sys::Element>().and_then(|element| {
            let last = Rc::new(RefCell::new(-1));
            let callback = Closure::<dyn FnMut()>::new({
                let element = element.clone();
                move || {
                    let height = element.scroll_height();
                    if std::mem::replace(&mut *last.borrow_mut(), height) != height {
                        post(&FrameEvent::Resize { height });
                    }
                }
            });
            let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
            observer.observe(&element);
            Some((observer, callback))
        });
        move || {
            if let Some((observer, _callback)) = observer {
                observer.disconnect();
            }
        }
    });
}

/// Whether the element is on screen and its tab shown (an IntersectionObserver and `visibilitychange`). Not
/// on screen until the observer has said so (a widget below the fold must not start playing); on screen where
/// the browser has no observer.
#[hook]
pub fn use_on_screen(node: NodeRef) -> bool {
    let intersecting = use_state(|| None::<bool>);
    let shown = use_state(|| !document_hidden());
    {
        let intersecting = intersecting.clone();
        use_effect_with((), move |_| {
            let report = intersecting.clone();
            let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                if let Some(entry) = entries.iter().last() {
                    let entry: web_sys::IntersectionObserverEntry = entry.unchecked_into();
                    report.set(Some(entry.is_intersecting()));
                }
            });
            let observer = node.cast::<web_sys::Element>().and_then(|element| {
                let observer = web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some(observer)
            });
            if observer.is_none() {
                intersecting.set(Some(true));
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(callback);
            }
        });
    }
    {
        let shown = shown.clone();
        use_effect_with((), move |_| {
            let document = web_sys::window().and_then(|w| w.document());
            let callback = Closure::<dyn FnMut()>::new(move || shown.set(!document_hidden()));
            if let Some(d) = &document {
                let _ = d.add_event_listener_with_callback("visibilitychange", callback.as_ref().unchecked_ref());
            }
            move || {
                if let Some(d) = &document {
                    let _ =
                        d.remove_event_listener_with_callback("visibilitychange", callback.as_ref().unchecked_ref());
                }
            }
        });
    }
    intersecting.unwrap_or(false) && *shown
}

fn document_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

/// Whether a media query matches now (`false` where it cannot be asked).
pub fn media_matches(query: &str) -> bool {
    web_sys::window().and_then(|w| w.match_media(query).ok().flatten()).is_some_and(|m| m.matches())
}

/// Whether a media query matches, following its changes (the system's dark mode switched on).
#[hook]
pub fn use_media(query: &'static str) -> bool {
    let matches = use_state(|| media_matches(query));
    {
        let matches = matches.clone();
        use_effect_with(query, move |query| {
            let list = web_sys::window().and_then(|w| w.match_media(query).ok().flatten());
            let callback =
                Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(move |e: web_sys::MediaQueryListEvent| {
                    matches.set(e.matches())
                });
            if let Some(l) = &list {
                let _ = l.add_event_listener_with_callback("change", callback.as_ref().unchecked_ref());
            }
            move || {
                if let Some(l) = &list {
                    let _ = l.remove_event_listener_with_callback("change", callback.as_ref().unchecked_ref());
                }
            }
        });
    }
    *matches
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_posted_as_documented() {
        let json = |e: &FrameEvent| serde_json::to_string(&Envelope { source: SOURCE, event: e }).unwrap();
        assert_eq!(
            json(&FrameEvent::Ready { scenario: "seed".into(), steps: 5, lang: "pl" }),
            r#"{"source":"pop3-tutor-embed","type":"ready","scenario":"seed","steps":5,"lang":"pl"}"#
        );
        assert_eq!(
            json(&FrameEvent::Resize { height: 420 }),
            r#"{"source":"pop3-tutor-embed","type":"resize","height":420}"#
        );
        assert_eq!(
            json(&FrameEvent::Step { step: 2, steps: 5 }),
            r#"{"source":"pop3-tutor-embed","type":"step","step":2,"steps":5}"#
        );
        assert_eq!(
            json(&FrameEvent::State { state: Some("transaction"), connected: true }),
            r#"{"source":"pop3-tutor-embed","type":"state","state":"transaction","connected":true}"#
        );
        assert_eq!(json(&FrameEvent::Takeover), r#"{"source":"pop3-tutor-embed","type":"takeover"}"#);
    }
}
