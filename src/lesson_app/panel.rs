//! The lesson panel: the lesson list, and the open lesson — its introduction, the steps done, the current
//! step (its `` `commands` `` are chips that put the command into the command line), a hint, the solution
//! (typed into the command line after a confirmation, never run), the tracker's feedback, a diagnosis's
//! options, and the finish with Previous/Next. [`LessonPanel`] reads the [`Lessons`]; [`LessonList`] and
//! [`StepCard`] take props only. The section and its heading are the tutor's (`crate::components::LessonsPanel`).

use std::rc::Rc;

use web_sys::MouseEvent;
use yew::prelude::*;

use super::model::{Announcement, Lessons, ListEntry, Problem, Status};
use crate::i18n::lesson::{self as words, LessonKey as Key};
use crate::i18n::{Key as TutorKey, Lang};
use crate::lesson::observation::Endpoint;
use crate::lesson::text::{self, Segment};
use crate::lesson::tracker::Feedback;
use crate::lesson::Lesson;

/// The address of lesson `id` in the page's language (a real link: it opens in a new tab too).
fn lesson_href(id: &str, lang: Lang) -> String {
    format!("?lesson={id}&lang={}", lang.tag())
}

/// A click on a lesson link: a plain click opens the lesson in place; a click with a modifier (new tab,
/// new window) is left to the browser.
fn link_click(id: &str, onopen: &Callback<String>) -> Callback<MouseEvent> {
    let (id, onopen) = (id.to_string(), onopen.clone());
    Callback::from(move |e: MouseEvent| {
        if e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key()) {
            e.prevent_default();
            onopen.emit(id.clone());
        }
    })
}

/// A text's paragraphs with its commands as chips.
fn rich(text: &str, lang: Lang, onput: &Callback<String>) -> Html {
    let paragraph = |runs: Vec<Segment<'_>>| {
        let runs = runs.into_iter().map(|run| match run {
            Segment::Text(t) => html! { { t.to_string() } },
            Segment::Command(c) => {
                let onclick = {
                    let (onput, c) = (onput.clone(), c.to_string());
                    Callback::from(move |_| onput.emit(c.clone()))
                };
                html! {
                    <button type="button" class="lesson-chip" title={Key::LessonChipTitle.text(lang)} {onclick}>
                        <code>{ c.to_string() }</code>
                    </button>
                }
            }
        });
        html! { <p>{ for runs }</p> }
    };
    html! { for text::paragraphs(text).into_iter().map(paragraph) }
}

/// Props of [`LessonPanel`].
#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    /// The lessons.
    pub lessons: Lessons,
}

/// The lesson panel.
#[function_component(LessonPanel)]
pub fn lesson_panel(props: &LessonPanelProps) -> Html {
    let handle = props.lessons.clone();
    let update = use_force_update();
    handle.set_rerender(Callback::from(move |()| update.force_update()));
    let model = handle.model();
    let lang = model.lang;
    let t = |k: Key| k.text(lang);

    let onopen = {
        let handle = handle.clone();
        Callback::from(move |id: String| handle.open(id))
    };
    let onput = {
        let handle = handle.clone();
        Callback::from(move |line: String| handle.put(&line))
    };
    let list_shown = model.list;
    let ontoggle = {
        let handle = handle.clone();
        Callback::from(move |_| handle.show_list(!list_shown))
    };

    let announcement = model.announcement.map(|a| match a {
        Announcement::StepDone { step, of } => words::step_done(step, of, lang),
        Announcement::LessonDone => t(Key::LessonFinished).to_string(),
    });
    let problem = model.problem.as_ref().map(|p| match p {
        Problem::Lesson(p) => words::problem(p, lang),
        Problem::CorruptProgress => t(Key::CorruptLessonProgress).to_string(),
        Problem::NotProgress => t(Key::NotProgress).to_string(),
    });
    let status = model.status.as_ref().map(|s| match s {
        Status::Imported(n) => html! { { words::imported(*n, lang) } },
        Status::LinkCopied => html! { { t(Key::LessonLinkCopied) } },
        Status::CopyFailed(link) => {
            html! { <>{ t(Key::LessonCopyFailed) }{ " " }<code class="lesson-link">{ link.clone() }</code></> }
        }
    });
    let pending = model.pending_import.as_ref().map(|p| {
        let onyes = {
            let handle = handle.clone();
            Callback::from(move |_| handle.import_progress(None))
        };
        let onno = {
            let handle = handle.clone();
            Callback::from(move |_| handle.decline_import())
        };
        let question = words::import_question(p.done.len(), lang);
        confirm(t(Key::ProgressTools), &question, t(Key::ImportConfirm), lang, onyes, onno)
    });

    let body = match model.lesson.clone() {
        Some(lesson) => {
            let step_index = model.step_index();
            let done = model.is_done();
            let (previous, next) = handle.neighbours();
            let onleave = {
                let handle = handle.clone();
                Callback::from(move |_| handle.leave())
            };
            let onchoose = {
                let handle = handle.clone();
                Callback::from(move |option: String| handle.choose(&option))
            };
            let oncopylesson = {
                let handle = handle.clone();
                Callback::from(move |_| {
                    if let Some(link) = handle.lesson_link() {
                        handle.copy_link(link);
                    }
                })
            };
            let done_steps = lesson.steps[..step_index.min(lesson.steps.len())].iter().map(|s| {
                let first = text::paragraphs(s.text.get(lang)).into_iter().next().unwrap_or_default();
                let line: String = first
                    .iter()
                    .map(|r| match r {
                        Segment::Text(t) | Segment::Command(t) => *t,
                    })
                    .collect();
                html! {
                    <li>
                        <span class="lesson-check" aria-hidden="true">{ "✓ " }</span>
                        <span class="lesson-done-text">{ line }</span>
                        { " " }<strong class="lesson-done-line">{ t(Key::StepDone) }</strong>
                    </li>
                }
            });
            let nav_link = |id: &Option<String>, key: Key, class: &'static str| match id {
                Some(id) => html! {
                    <a class={classes!("lesson-nav-link", class)} href={lesson_href(id, lang)} onclick={link_click(id, &onopen)}>
                        { t(key) }
                    </a>
                },
                None => html! {},
            };
            let commands = model.tracker.as_ref().map_or(0, |t| t.commands());
            html! {
                <>
                    <h3 class="lesson-title">{ lesson.title.get(lang).to_string() }</h3>
                    <div class="lesson-intro">{ rich(lesson.intro.get(lang), lang, &onput) }</div>
                    if step_index > 0 {
                        <h4 class="lesson-subheading">{ t(Key::LessonStepsDone) }</h4>
                        <ol class="lesson-done">{ for done_steps }</ol>
                    }
                    if done {
                        <div class="lesson-finish">
                            <p class="lesson-finished"><span aria-hidden="true">{ "✓ " }</span>{ t(Key::LessonFinished) }</p>
                            { rich(lesson.finish.get(lang), lang, &onput) }
                            <p>{ words::commands_used(commands, lesson.reference_commands(), lang) }</p>
                        </div>
                    } else if let Some(step) = lesson.steps.get(step_index) {
                        <StepCard
                            key={format!("{}/{}", lesson.id, step_index)}
                            lesson={lesson.clone()}
                            index={step_index}
                            {lang}
                            at={model.endpoint.clone()}
                            logged_in={model.logged_in}
                            feedback={model.feedback().cloned()}
                            wrong_choice={model.wrong_choice && step.goal.diagnosis().is_some()}
                            onput={onput.clone()}
                            {onchoose}
                        />
                    }
                    <nav class="lesson-nav" aria-label={TutorKey::LessonsHeading.text(lang)}>
                        { nav_link(&previous, Key::LessonPrevious, "is-previous") }
                        { nav_link(&next, Key::LessonNext, "is-next") }
                        <button type="button" class="lesson-copy-link" onclick={oncopylesson}>{ t(Key::CopyLessonLink) }</button>
                        <button type="button" class="lesson-leave" onclick={onleave}>{ t(Key::LessonLeave) }</button>
                    </nav>
                </>
            }
        }
        None => html! { <p class="lesson-lead">{ TutorKey::LessonsIntro.text(lang) }</p> },
    };

    let loading = model.loading.is_some();
    drop(model);

    html! {
        <>
            <p class="lesson-announce" aria-live="polite">{ announcement.unwrap_or_default() }</p>
            if let Some(problem) = problem {
                <p class="lesson-problem" role="alert">{ problem }</p>
            }
            <p class="lesson-status" role="status">{ status.unwrap_or_default() }</p>
            if let Some(pending) = pending {
                { pending }
            }
            if loading {
                <p class="lesson-loading" role="status">{ TutorKey::LessonsLoading.text(lang) }</p>
            }
            { body }
            <button type="button" class="lesson-toggle" aria-expanded={list_shown.to_string()} onclick={ontoggle}>
                { if list_shown { t(Key::LessonsHide) } else { TutorKey::LessonsShow.text(lang) } }
            </button>
            if list_shown {
                <LessonList
                    entries={handle.entries()}
                    {lang}
                    current={handle.model().lesson.as_ref().map(|l| l.id.clone())}
                    onopen={onopen.clone()}
                />
                <ProgressTools
                    lessons={handle.clone()}
                    {lang}
                    saved={handle.progress_text()}
                    has_progress={!handle.model().progress.done.is_empty()}
                />
            }
        </>
    }
}

/// A question asked before something is done, as one group named `label`: the question, `yes` and Cancel.
fn confirm(
    label: &str,
    question: &str,
    yes: &str,
    lang: Lang,
    onyes: Callback<MouseEvent>,
    onno: Callback<MouseEvent>,
) -> Html {
    html! {
        <div class="lesson-confirm" role="group" aria-label={label.to_string()}>
            <p>{ question.to_string() }</p>
            <button type="button" onclick={onyes}>{ yes.to_string() }</button>
            <button type="button" onclick={onno}>{ Key::LessonCancel.text(lang) }</button>
        </div>
    }
}

/// A file picker in the page's language: the browser's own file control speaks the browser's language
/// ("Choose File"), so the input is hidden and its label looks like a button; the input keeps the focus and the
/// keyboard (Enter or Space opens the picker). `onfile` gets the file's name and text, or `None` for a file
/// that is not text or larger than `max` octets.
fn file_button(id: &'static str, label: &'static str, max: usize, onfile: Callback<(String, Option<String>)>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let onfile = onfile.clone();
        yew::platform::spawn_local(async move {
            let text = if file.size() > max as f64 { None } else { crate::web::read_file_text(file.clone()).await };
            onfile.emit((file.name(), text));
        });
    });
    html! {
        <>
            <input {id} class="visually-hidden" type="file" accept=".json,application/json" {onchange} />
            <label for={id} class="file-button">{ label }</label>
        </>
    }
}

/// Props of [`ProgressTools`].
#[derive(Properties, PartialEq)]
pub struct ProgressToolsProps {
    /// The lessons (what the buttons act on).
    pub lessons: Lessons,
    /// The page's language.
    pub lang: Lang,
    /// The progress as saved (`Lessons` compares by identity: this is what changes).
    pub saved: String,
    /// Whether any lesson is done.
    pub has_progress: bool,
}

/// Under the list: the progress kept in this browser, taken elsewhere (a file, a link) or brought in (a file),
/// reset (asked first); and a trainer's lesson opened from a file.
#[function_component(ProgressTools)]
pub fn progress_tools(props: &ProgressToolsProps) -> Html {
    let handle = props.lessons.clone();
    let lang = props.lang;
    let t = |k: Key| k.text(lang);
    let asking_reset = use_state(|| false);
    let has_progress = props.has_progress;
    let download = crate::web::json_data_url(&props.saved);
    let oncopy = {
        let handle = handle.clone();
        Callback::from(move |_| handle.copy_link(handle.progress_link()))
    };
    let onimport = {
        let handle = handle.clone();
        Callback::from(move |(_, text): (String, Option<String>)| {
            handle.import_progress(Some(text.as_deref().unwrap_or("")))
        })
    };
    let onlesson = {
        let handle = handle.clone();
        Callback::from(move |(name, text): (String, Option<String>)| {
            handle.open_text(&name, text.as_deref().unwrap_or(""))
        })
    };
    let reset = if !has_progress {
        html! {}
    } else if *asking_reset {
        let onyes = {
            let (handle, asking) = (handle.clone(), asking_reset.clone());
            Callback::from(move |_| {
                handle.reset_progress();
                asking.set(false);
            })
        };
        let onno = {
            let asking = asking_reset.clone();
            Callback::from(move |_| asking.set(false))
        };
        let question = t(Key::LessonResetQuestion);
        confirm(t(Key::LessonResetProgress), question, t(Key::LessonResetConfirm), lang, onyes, onno)
    } else {
        let onclick = {
            let asking = asking_reset.clone();
            Callback::from(move |_| asking.set(true))
        };
        html! { <button type="button" class="lesson-reset" {onclick}>{ t(Key::LessonResetProgress) }</button> }
    };
    html! {
        <>
            <p class="lesson-note">{ t(Key::LessonProgressNote) }</p>
            <div class="lesson-tools" role="group" aria-label={t(Key::ProgressTools)}>
                if has_progress {
                    <a class="file-button" href={download} download="pop3-tutor-progress.json">{ t(Key::DownloadProgress) }</a>
                    <button type="button" onclick={oncopy}>{ t(Key::CopyProgressLink) }</button>
                }
                { file_button("lesson-import-progress", t(Key::ImportProgress), crate::lesson::progress::MAX_BYTES, onimport) }
                { reset }
            </div>
            <p class="lesson-tools">
                { file_button("lesson-open-file", t(Key::OpenLessonFile), crate::lesson::MAX_BYTES, onlesson) }
            </p>
        </>
    }
}

/// Props of [`LessonList`].
#[derive(Properties, PartialEq)]
pub struct LessonListProps {
    /// The lessons, in order.
    pub entries: Vec<ListEntry>,
    /// The page's language.
    pub lang: Lang,
    /// The lesson open.
    pub current: Option<String>,
    /// A lesson link clicked (plainly).
    pub onopen: Callback<String>,
}

/// The lesson list: each lesson a link to its own address, with ✓ for those done.
#[function_component(LessonList)]
pub fn lesson_list(props: &LessonListProps) -> Html {
    let lang = props.lang;
    if props.entries.is_empty() {
        return html! { <p class="lesson-loading">{ TutorKey::LessonsLoading.text(lang) }</p> };
    }
    let item = |e: &ListEntry| {
        let current = props.current.as_deref() == Some(e.id.as_str());
        let title = e.lesson.as_ref().map_or_else(|| e.id.clone(), |l| l.title.get(lang).to_string());
        html! {
            <li key={e.id.clone()} class={classes!("lesson-item", e.done.then_some("is-done"))}>
                <a
                    href={lesson_href(&e.id, lang)}
                    aria-current={current.then_some("page")}
                    onclick={link_click(&e.id, &props.onopen)}
                >
                    { title }
                </a>
                if e.done {
                    <span class="lesson-check">{ " ✓" }<span class="visually-hidden">{ format!(" ({})", Key::LessonDoneMark.text(lang)) }</span></span>
                }
                if let Some(l) = &e.lesson {
                    <span class="lesson-summary">{ l.summary.get(lang).to_string() }</span>
                }
            </li>
        }
    };
    html! {
        <ol class="lesson-list" aria-label={Key::LessonsListLabel.text(lang)}>
            { for props.entries.iter().map(item) }
        </ol>
    }
}

/// Props of [`StepCard`].
#[derive(Properties, PartialEq)]
pub struct StepCardProps {
    /// The lesson.
    pub lesson: Rc<Lesson>,
    /// The step's index.
    pub index: usize,
    /// The page's language.
    pub lang: Lang,
    /// Where the console is connected (the solution skips a connect line to there).
    pub at: Option<Endpoint>,
    /// The session is logged in (the solution skips login lines).
    pub logged_in: bool,
    /// What the tracker says about the last move.
    pub feedback: Option<Feedback>,
    /// The last diagnosis picked was wrong.
    pub wrong_choice: bool,
    /// Puts a line into the command line.
    pub onput: Callback<String>,
    /// A diagnosis option picked.
    pub onchoose: Callback<String>,
}

/// The current step: its text with chips, a hint, the solution (confirmed first), feedback, and a diagnosis's
/// options. Keyed by lesson and step, so what it revealed resets with the next step.
#[function_component(StepCard)]
pub fn step_card(props: &StepCardProps) -> Html {
    let lang = props.lang;
    let t = |k: Key| k.text(lang);
    let hint = use_state(|| false);
    // 0: the button; 1: asking for confirmation; 2: the solution typed.
    let solution = use_state(|| 0u8);
    let Some(step) = props.lesson.steps.get(props.index) else { return html! {} };

    let onhint = {
        let hint = hint.clone();
        Callback::from(move |_| hint.set(!*hint))
    };
    let onask = {
        let solution = solution.clone();
        Callback::from(move |_| solution.set(1))
    };
    let oncancel = {
        let solution = solution.clone();
        Callback::from(move |_| solution.set(0))
    };
    let line = text::solution_line(&step.solution, props.at.as_ref(), props.logged_in).map(str::to_string);
    let onconfirm = {
        let (solution, onput) = (solution.clone(), props.onput.clone());
        Callback::from(move |_| {
            solution.set(2);
            if let Some(line) = &line {
                onput.emit(line.clone());
            }
        })
    };
    let diagnosis = step.goal.diagnosis();
    let options = diagnosis.map(|(options, _)| {
        let option = |o: &crate::lesson::goal::DiagnosisOption| {
            let onclick = {
                let (onchoose, id) = (props.onchoose.clone(), o.id.clone());
                Callback::from(move |_| onchoose.emit(id.clone()))
            };
            html! { <li><button type="button" class="lesson-option" {onclick}>{ o.text.get(lang).to_string() }</button></li> }
        };
        html! {
            <fieldset class="lesson-options">
                <legend>{ t(Key::LessonChoose) }</legend>
                <ul>{ for options.iter().map(option) }</ul>
            </fieldset>
        }
    });
    let answer = diagnosis
        .and_then(|(options, answer)| options.iter().find(|o| o.id == answer))
        .map(|o| o.text.get(lang).to_string());
    let solution_lines = step.solution.iter().map(|l| {
        let onclick = {
            let (onput, l) = (props.onput.clone(), l.clone());
            Callback::from(move |_| onput.emit(l.clone()))
        };
        html! {
            <li><button type="button" class="lesson-chip" title={t(Key::LessonChipTitle)} {onclick}><code>{ l.clone() }</code></button></li>
        }
    });

    html! {
        <div class="lesson-step">
            <h4 class="lesson-subheading">{ words::step_of(props.index + 1, props.lesson.steps.len(), lang) }</h4>
            <div class="lesson-step-text">{ rich(step.text.get(lang), lang, &props.onput) }</div>
            if let Some(options) = options {
                { options }
            }
            if props.wrong_choice {
                <p class="lesson-feedback">{ t(Key::LessonWrongChoice) }</p>
            } else if let Some(feedback) = &props.feedback {
                <p class="lesson-feedback">{ words::feedback(feedback, lang) }</p>
            }
            <div class="lesson-help">
                <button type="button" aria-expanded={hint.to_string()} onclick={onhint}>{ t(Key::LessonHint) }</button>
                if *solution == 0 {
                    <button type="button" onclick={onask}>{ t(Key::LessonShowSolution) }</button>
                }
            </div>
            if *hint {
                <div class="lesson-hint">{ rich(step.hint.get(lang), lang, &props.onput) }</div>
            }
            if *solution == 1 {
                { confirm(t(Key::LessonShowSolution), t(Key::LessonSolutionQuestion), t(Key::LessonSolutionConfirm), lang, onconfirm, oncancel) }
            }
            if *solution == 2 {
                <div class="lesson-solution">
                    <p>{ t(Key::LessonSolutionTyped) }</p>
                    <ol>{ for solution_lines }</ol>
                    if let Some(answer) = answer {
                        <p><strong>{ t(Key::LessonChoose) }{ ": " }</strong>{ answer }</p>
                    }
                </div>
            }
        </div>
    }
}
