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

use yew::function_component;

/// Starts the panel in the element the tutor gave; does nothing if the tutor left no host.
pub fn start() {
    let Some(host) = host::Host::from_global() else { return };
    let Some(root) = host.root() else { return };
    step_past_the_tutors_tree_ids();
    let lessons = model::Lessons::new(host);
    // Messages that arrive before the panel's first render are applied to the model, which it then shows.
    let receiver = lessons.clone();
    lessons.host_listen(move |message| receiver.receive(message));
    yew::Renderer::<panel::LessonPanel>::with_root_and_props(root, panel::LessonPanelProps { lessons }).render();
}

/// How many tree numbers the tutor may use (it uses one: its app, no portals).
const TUTOR_TREES: usize = 16;

/// Two Yew runtimes share the page, and each numbers the DOM trees it controls from 1, marking their roots with
/// that number (`__yew_subtree_id`) and each element with a listener with a number of its own. Both listen for
/// events in the capture phase, the tutor's at `<body>`: seeing a click inside the panel whose nearest mark is its
/// own tree's number, the tutor would run one of its own handlers for the panel's button (a click on "Show
/// solution" cleared the console). Creating and dropping empty apps first gives the panel's tree a number the
/// tutor's cannot have, so each runtime handles only its own events.
fn step_past_the_tutors_tree_ids() {
    #[function_component(Nothing)]
    fn nothing() -> yew::Html {
        yew::Html::default()
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    for _ in 0..TUTOR_TREES {
        if let Ok(detached) = document.create_element("div") {
            yew::Renderer::<Nothing>::with_root(detached).render().destroy();
        }
    }
}
