//! The lessons' module: the lesson panel, built as its own wasm module (the `pop3-lessons` binary) and fetched
//! the first time lessons are opened, so that the tutor's first load does not carry the panel, the lesson
//! reader and the tracker. It renders into an element the tutor gives it and talks to the tutor through the
//! host object ([`crate::lesson::message`]); everything it knows of the console comes as observations.
//!
//! | file | what |
//! | --- | --- |
//! | [`host`] | the host object: messages in, a line / a scenario / leaving out |
//! | [`model`] | the lessons' state: fetching lesson files, the tracker, progress |
//! | [`panel`] | the views: the list, the open lesson, the current step |

pub mod host;
pub mod model;
pub mod panel;

/// Starts the panel in the element the tutor gave; does nothing if the tutor left no host.
pub fn start() {
    let Some(host) = host::Host::from_global() else { return };
    let Some(root) = host.root() else { return };
    let lessons = model::Lessons::new(host);
    // Messages that arrive before the panel's first render are applied to the model, which it then shows.
    let receiver = lessons.clone();
    lessons.host_listen(move |message| receiver.receive(message));
    yew::Renderer::<panel::LessonPanel>::with_root_and_props(root, panel::LessonPanelProps { lessons }).render();
}
