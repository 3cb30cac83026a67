//! The lessons' place in the side column: its heading, and the element the lessons' module renders into
//! (`crate::lesson_app`, fetched on first use). Until the module runs, the tutor itself offers it: one line on
//! what lessons are and "Show the lessons", then "Loading…", or why it could not be fetched.

use yew::prelude::*;

use crate::app::use_app;
use crate::hooks::LessonsLoad;
use crate::i18n::Key;

/// The lessons section.
#[function_component(LessonsPanel)]
pub fn lessons_panel() -> Html {
    let app = use_app();
    let t = |k: Key| app.t(k);
    let lessons = app.lessons.clone();
    let load = lessons.load_state();
    let onclick = {
        let lessons = lessons.clone();
        Callback::from(move |_| lessons.load())
    };
    // The module's element is the same node on every render: what the module drew in it stays.
    let root = lessons.root().map_or_else(Html::default, |root| Html::VRef(root.into()));
    html! {
        <section class="lesson" aria-labelledby="lesson-heading">
            <h2 id="lesson-heading">{ t(Key::LessonsHeading) }</h2>
            { root }
            if load != LessonsLoad::Ready {
                <p class="lesson-lead">{ t(Key::LessonsIntro) }</p>
                if load == LessonsLoad::Failed {
                    <p class="lesson-problem" role="alert">{ t(Key::LessonsUnavailable) }</p>
                }
                if load == LessonsLoad::Loading {
                    <p class="lesson-loading" role="status">{ t(Key::LessonsLoading) }</p>
                } else {
                    <button type="button" class="lesson-toggle" aria-expanded="false" {onclick}>{ t(Key::LessonsShow) }</button>
                }
            }
        </section>
    }
}
