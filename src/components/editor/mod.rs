//! The scenario editor: a small form over the scenario's JSON (title, profile, faults from templates, the demo's
//! steps) and the JSON itself, checked as it is typed; [`demo`] holds what the demo's steps need beside the view.

mod demo;

use std::rc::Rc;

use pop3_sim::scenario::{
    Ban, DemoStep, Fault, ProfileRef, ReplyFault, Scenario, MAX_DEMO_LINE, MAX_DEMO_PAUSE_MS, MAX_DEMO_STEPS,
};
use pop3_sim::{ScenarioError, Server};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use self::demo::{caption, cut, new_step, typed_lines, RecordMark, Recorded};
use super::scenario::remember_in_address;
use crate::app::use_app;
use crate::boot::Notice;
use crate::hooks::use_details;
use crate::i18n::scenario_error::scenario_error;
use crate::i18n::{self, Key};
use crate::state::Action;

/// A change the form makes to the parsed draft, given the control's value.
type Change = Rc<dyn Fn(&mut Scenario, String)>;

/// Drafts longer than this are checked only when applied, not at every keystroke.
const LIVE_CHECK_OCTETS: usize = 256 * 1024;

/// Where an unapplied draft is kept, so that a reload or a closed tab does not lose a trainer's work. It is
/// the draft's text exactly (any text is a valid thing to keep: the editor checks it when it is shown).
const DRAFT_KEY: &str = "pop3-tutor/editor-draft/v1";
/// Larger drafts (a scenario file with big messages) are not kept: localStorage holds about 5 MB per site,
/// shared with the settings.
const DRAFT_KEEP_OCTETS: usize = 2 * 1024 * 1024;
/// A draft is kept once typing pauses this long, not at every keystroke.
const DRAFT_SAVE_DELAY_MS: u32 = 400;

/// The kept draft, if any.
fn kept_draft() -> Option<String> {
    crate::web::storage_get(DRAFT_KEY).filter(|d| !d.is_empty())
}

/// Keeps a draft (or forgets it once it is the scenario again, or too large to keep).
fn keep_draft(text: &str, unchanged: bool) {
    if unchanged || text.len() > DRAFT_KEEP_OCTETS {
        crate::web::storage_remove(DRAFT_KEY);
    } else {
        crate::web::storage_set(DRAFT_KEY, text);
    }
}

/// The faults the form offers, as templates a trainer then adjusts in the JSON.
fn templates() -> [(&'static str, Key, Fault); 11] {
    [
        (
            "reply",
            Key::FaultReply,
            Fault::Reply(ReplyFault {
                command: "PASS".into(),
                argument: None,
                from: None,
                reply: "-ERR [SYS/PERM] Account disabled".into(),
                close: false,
            }),
        ),
        ("tls_required", Key::FaultTlsRequired, Fault::TlsRequired),
        ("mailbox_locked", Key::FaultMailboxLocked, Fault::MailboxLocked { user: None }),
        ("too_many_failures", Key::FaultTooManyFailures, Fault::TooManyFailures { after: 3, ban: Some(Ban::TimedOut) }),
        ("autologout", Key::FaultAutologout, Fault::Autologout { seconds: 30 }),
        ("latency", Key::FaultLatency, Fault::Latency { ms: 2_000 }),
        ("drop", Key::FaultDrop, Fault::Drop { after_octets: 20_000, command: Some("RETR".into()) }),
        ("name_not_found", Key::FaultNameNotFound, Fault::NameNotFound),
        ("refused", Key::FaultRefused, Fault::Refused { port: Some(110) }),
        ("timed_out", Key::FaultTimedOut, Fault::TimedOut { port: Some(110) }),
        ("intercepted", Key::FaultIntercepted, Fault::Intercepted { port: Some(110), banner: None }),
    ]
}

/// A fault's kind, as the file names it, and its description.
fn kind(fault: &Fault) -> (&'static str, Key) {
    let (name, key, _) = templates().into_iter().find(|(_, _, t)| same_kind(t, fault)).unwrap_or((
        "reply",
        Key::FaultReply,
        Fault::TlsRequired,
    ));
    (name, key)
}

fn same_kind(a: &Fault, b: &Fault) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Reads a draft the way opening it would: the scenario, then the server it makes.
pub(super) fn check(draft: &str) -> Result<Scenario, ScenarioError> {
    Scenario::from_json(draft).and_then(|s| Server::new(&s).map(|_| s))
}

/// The scenario editor, folded away: its body (and the draft, which may be megabytes for a scenario file
/// with big messages) exists only while it is open. It opens by itself when a draft was kept from before.
#[function_component(ScenarioEditor)]
pub fn scenario_editor() -> Html {
    let app = use_app();
    let (open, ontoggle) = use_details(kept_draft().is_some());
    let mark = use_memo((), |_| RecordMark::default());
    html! {
        <details class="editor" {open} {ontoggle}>
            <summary>{ Key::EditorHeading.text(app.lang()) }</summary>
            if open { <EditorBody mark={(*mark).clone()} /> }
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct EditorBodyProps {
    /// Where the last recording from the console stopped.
    mark: RecordMark,
}

/// A small form (title, profile, faults, demo steps) and the raw JSON, one draft behind both. The JSON text is
/// the draft; the form reads it when it is valid and writes it back, so the two never disagree. Every refusal names the
/// field, in the page's language (`faults[0].port: must be a whole number from 1 to 65535`).
#[function_component(EditorBody)]
fn editor_body(props: &EditorBodyProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let t = |k: Key| k.text(lang);
    // The opened scenario as JSON, made once per scenario (it may be megabytes).
    let scenario_json = {
        let scenario = app.scenario.clone();
        use_memo(Rc::as_ptr(&app.scenario) as usize, move |_| scenario.to_json())
    };
    // A draft kept from before (a reload, a closed tab) comes back, unless it is the scenario itself.
    let restored = use_state(|| kept_draft().filter(|d| *d != *scenario_json));
    let draft = use_state(|| (*restored).clone().unwrap_or_else(|| (*scenario_json).clone()));
    {
        // Another scenario was opened: start from it (not at the first render, which may have restored a draft).
        let (draft, restored, scenario_json) = (draft.clone(), restored.clone(), scenario_json.clone());
        let first = use_mut_ref(|| true);
        use_effect_with(Rc::as_ptr(&app.scenario) as usize, move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                draft.set((*scenario_json).clone());
                restored.set(None);
            }
        });
    }
    {
        // Keep the draft while it differs from the scenario; forget it once it is applied or undone. A save
        // still waiting when the editor is folded is made then (a step just recorded is not lost).
        let unchanged = *draft == *scenario_json;
        let pending = use_mut_ref(|| None::<(UseStateHandle<String>, bool)>);
        {
            let pending = pending.clone();
            use_effect_with((draft.clone(), unchanged), move |(text, unchanged)| {
                *pending.borrow_mut() = Some((text.clone(), *unchanged));
                let save = gloo_timers::callback::Timeout::new(DRAFT_SAVE_DELAY_MS, move || {
                    if let Some((text, unchanged)) = pending.borrow_mut().take() {
                        keep_draft(&text, unchanged);
                    }
                });
                move || drop(save)
            });
        }
        use_effect_with((), move |_| {
            move || {
                if let Some((text, unchanged)) = pending.borrow_mut().take() {
                    keep_draft(&text, unchanged);
                }
            }
        });
    }
    let ondiscard = {
        let (draft, restored, scenario_json) = (draft.clone(), restored.clone(), scenario_json.clone());
        Callback::from(move |_: MouseEvent| {
            crate::web::storage_remove(DRAFT_KEY);
            draft.set((*scenario_json).clone());
            restored.set(None);
        })
    };
    let live = draft.len() <= LIVE_CHECK_OCTETS;
    let checked = live.then(|| check(&draft));
    let parsed = checked.as_ref().and_then(|r| r.as_ref().ok()).cloned();

    // Applies a change to the parsed draft and writes it back as JSON.
    let edit = |change: Change| {
        let (draft, parsed) = (draft.clone(), parsed.clone());
        Callback::from(move |value: String| {
            if let Some(mut s) = parsed.clone() {
                change(&mut s, value);
                draft.set(s.to_json());
            }
        })
    };
    let ontitle = edit(Rc::new(move |s: &mut Scenario, v: String| {
        if let Some(about) = s.about.get_mut(lang.tag()) {
            about.title = Some(v.clone());
        }
        s.title = v;
    }))
    .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let onprofile = edit(Rc::new(|s: &mut Scenario, v: String| s.profile = ProfileRef::Builtin(v)))
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let onadd = edit(Rc::new(|s: &mut Scenario, v: String| {
        if let Some((_, _, fault)) = templates().into_iter().find(|(name, _, _)| *name == v) {
            s.faults.push(fault);
        }
    }))
    .reform(|e: Event| {
        let select = e.target_unchecked_into::<HtmlSelectElement>();
        let v = select.value();
        select.set_value("");
        v
    });
    let remove = edit(Rc::new(|s: &mut Scenario, v: String| {
        if let Ok(i) = v.parse::<usize>() {
            if i < s.faults.len() {
                s.faults.remove(i);
            }
        }
    }));
    // The demo's steps: each field of each step, by its index.
    let step_edit = |i: usize, change: fn(&mut DemoStep, String)| {
        edit(Rc::new(move |s: &mut Scenario, v: String| {
            if let Some(step) = s.demo.get_mut(i) {
                change(step, v);
            }
        }))
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value())
    };
    // Where the focus goes once a step is added (its line, selected, ready to be typed over) or removed (the
    // next step's line, or "Add a step"): the control the keyboard was on is gone.
    let focus_to = use_state(|| None::<(String, bool)>);
    {
        let focus_to = focus_to.clone();
        use_effect_with((*focus_to).clone(), move |to| {
            if let Some((id, select)) = to {
                let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
                if let Some(e) = element.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                    let _ = e.focus();
                    if let (true, Some(input)) = (*select, wasm_bindgen::JsCast::dyn_ref::<HtmlInputElement>(&e)) {
                        input.select();
                    }
                }
                focus_to.set(None);
            }
        });
    }
    let demo_len = parsed.as_ref().map_or(0, |s| s.demo.len());
    let onadd_step = {
        let add = edit(Rc::new(|s: &mut Scenario, _| {
            if s.demo.len() < MAX_DEMO_STEPS {
                let step = new_step(s);
                s.demo.push(step);
            }
        }));
        let focus_to = focus_to.clone();
        Callback::from(move |_: MouseEvent| {
            add.emit(String::new());
            focus_to.set(Some((format!("editor-demo-{demo_len}-line"), true)));
        })
    };
    let remove_step = {
        let remove = edit(Rc::new(|s: &mut Scenario, v: String| {
            if let Ok(i) = v.parse::<usize>() {
                if i < s.demo.len() {
                    s.demo.remove(i);
                }
            }
        }));
        let focus_to = focus_to.clone();
        Callback::from(move |i: usize| {
            remove.emit(i.to_string());
            let next = if i + 1 < demo_len { format!("editor-demo-{i}-line") } else { "editor-demo-add".into() };
            focus_to.set(Some((next, false)));
        })
    };
    let recorded = use_state(|| None::<Recorded>);
    let onrecord = {
        let (draft, parsed, recorded) = (draft.clone(), parsed.clone(), recorded.clone());
        let (console, scenario, mark) = (app.console.clone(), app.scenario.clone(), props.mark.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(mut s) = parsed.clone() else { return };
            let room = MAX_DEMO_STEPS.saturating_sub(s.demo.len());
            let after = mark.after(&scenario);
            let (lines, last) =
                console.with_shell(|shell| typed_lines(shell.log().entries().map(|e| &**e), after, room));
            if let Some(last) = last {
                mark.set(&scenario, last);
            }
            recorded.set(Some(if lines.is_empty() { Recorded::Nothing } else { Recorded::Steps(lines.len()) }));
            if !lines.is_empty() {
                s.demo.extend(lines.into_iter().map(|line| DemoStep { line, ..DemoStep::default() }));
                draft.set(s.to_json());
            }
        })
    };
    let onjson = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let onapply = {
        let (draft, onopen, d) = (draft.clone(), app.onopen.clone(), app.state.dispatcher());
        Callback::from(move |_| match check(&draft) {
            Ok(s) => {
                remember_in_address(&s, lang);
                onopen.emit(s);
                d.dispatch(Action::Notify(Notice::ScenarioApplied));
            }
            Err(why) => d.dispatch(Action::Notify(Notice::BadScenarioFile(crate::boot::FileError::Invalid(why)))),
        })
    };

    let disabled = parsed.is_none();
    let profile_id = match parsed.as_ref().map(|s| &s.profile) {
        Some(ProfileRef::Builtin(id)) => id.clone(),
        _ => String::new(),
    };
    let status = match &checked {
        Some(Ok(_)) => html! { <p class="editor-status is-valid" id="editor-status">{ t(Key::EditorValid) }</p> },
        Some(Err(why)) => html! {
            <p class="editor-status is-invalid" id="editor-status">
                { scenario_error(why, lang) }{ " " }{ t(Key::EditorFormDisabled) }
            </p>
        },
        None => html! {},
    };
    let faults = parsed.as_ref().map(|s| s.faults.clone()).unwrap_or_default();
    let demo = parsed.as_ref().map(|s| s.demo.clone()).unwrap_or_default();
    let full = demo.len() >= MAX_DEMO_STEPS;
    let step_view = |(i, step): (usize, &DemoStep)| {
        let id = |field: &str| format!("editor-demo-{i}-{field}");
        let name = format!("{} {}", t(Key::EditorDemoStep), i + 1);
        let online = step_edit(i, |step, v| {
            // A line cannot be blank: clearing it to type another keeps the last one until then.
            if !v.trim().is_empty() {
                step.line = cut(&v, MAX_DEMO_LINE);
            }
        });
        let onen = step_edit(i, |step, v| step.caption.en = caption(&v));
        let onpl = step_edit(i, |step, v| step.caption.pl = caption(&v));
        let onpause =
            step_edit(i, |step, v| step.pause = v.trim().parse::<u32>().ok().map(|ms| ms.min(MAX_DEMO_PAUSE_MS)));
        let onremove = remove_step.reform(move |_: MouseEvent| i);
        html! {
            <li class="editor-demo-step">
                <fieldset>
                    <legend>{ name.clone() }</legend>
                    <div class="editor-form">
                        <label for={id("line")}>{ t(Key::EditorDemoLine) }</label>
                        <input id={id("line")} type="text" class="editor-demo-line" spellcheck="false" {disabled}
                            value={step.line.clone()} oninput={online} />
                        <label for={id("en")}>{ t(Key::EditorDemoCaptionEn) }</label>
                        <input id={id("en")} type="text" lang="en" {disabled}
                            value={step.caption.en.clone().unwrap_or_default()} oninput={onen} />
                        <label for={id("pl")}>{ t(Key::EditorDemoCaptionPl) }</label>
                        <input id={id("pl")} type="text" lang="pl" {disabled}
                            value={step.caption.pl.clone().unwrap_or_default()} oninput={onpl} />
                        <label for={id("pause")}>{ t(Key::EditorDemoPause) }</label>
                        <input id={id("pause")} type="number" min="0" max={MAX_DEMO_PAUSE_MS.to_string()} step="100"
                            {disabled} value={step.pause.map(|ms| ms.to_string()).unwrap_or_default()}
                            oninput={onpause} />
                    </div>
                    <button type="button" onclick={onremove} {disabled}
                        aria-label={format!("{} {}", t(Key::EditorDemoRemove), i + 1)}>
                        { t(Key::EditorRemove) }
                    </button>
                </fieldset>
            </li>
        }
    };

    html! {
        <>
            <p class="editor-intro">{ t(Key::EditorIntro) }</p>
            if restored.is_some() {
                <p class="editor-restored" role="status">
                    { t(Key::EditorDraftRestored) }{ " " }
                    <button type="button" onclick={ondiscard}>{ t(Key::EditorDiscardDraft) }</button>
                </p>
            }
            <div class="editor-form">
                <label for="editor-title">{ t(Key::EditorTitle) }</label>
                <input id="editor-title" type="text" {disabled}
                    value={parsed.as_ref().map(|s| s.title_in(lang.tag())).unwrap_or_default()} oninput={ontitle} />
                <label for="editor-profile">{ t(Key::SettingProfile) }</label>
                <select id="editor-profile" {disabled} onchange={onprofile}>
                    if profile_id.is_empty() { <option value="" selected=true>{ "—" }</option> }
                    { for pop3_sim::profile::BUILTIN_IDS.iter().map(|id| html! {
                        <option value={*id} selected={*id == profile_id}>{ *id }</option>
                    }) }
                </select>
            </div>
            <h3 id="editor-faults-heading">{ t(Key::EditorFaults) }</h3>
            <ul class="editor-faults" aria-labelledby="editor-faults-heading">
                if faults.is_empty() { <li>{ t(Key::EditorNoFaults) }</li> }
                { for faults.iter().enumerate().map(|(i, f)| {
                    let (name, key) = kind(f);
                    let onclick = remove.reform(move |_: MouseEvent| i.to_string());
                    html! {
                        <li>
                            <code>{ name }</code>{ format!(": {} ", t(key)) }
                            <button type="button" {onclick} {disabled} aria-label={format!("{} {name}", t(Key::EditorRemove))}>
                                { t(Key::EditorRemove) }
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <p class="editor-add">
                <label for="editor-add-fault">{ t(Key::EditorAddFault) }</label>
                <select id="editor-add-fault" {disabled} onchange={onadd}>
                    <option value="" selected=true>{ t(Key::EditorAddFaultNone) }</option>
                    { for templates().iter().map(|(name, key, _)| html! {
                        <option value={*name}>{ format!("{name}: {}", t(*key)) }</option>
                    }) }
                </select>
            </p>
            <h3 id="editor-demo-heading">{ t(Key::EditorDemo) }</h3>
            <p class="editor-intro">{ t(Key::EditorDemoIntro) }</p>
            if demo.is_empty() { <p>{ t(Key::EditorDemoNone) }</p> }
            <ol class="editor-demo" aria-labelledby="editor-demo-heading">
                { for demo.iter().enumerate().map(step_view) }
            </ol>
            <p class="editor-demo-actions">
                <button type="button" id="editor-demo-add" onclick={onadd_step} disabled={disabled || full}>{ t(Key::EditorDemoAdd) }</button>
                <button type="button" onclick={onrecord} disabled={disabled || full}
                    aria-describedby="editor-demo-record-hint">{ t(Key::EditorDemoRecord) }</button>
            </p>
            <p class="editor-intro" id="editor-demo-record-hint">{ t(Key::EditorDemoRecordHint) }</p>
            <p class="editor-demo-status" role="status">
                { match *recorded {
                    _ if full => i18n::demo_full(MAX_DEMO_STEPS, lang),
                    Some(Recorded::Steps(n)) => i18n::demo_recorded(n, lang),
                    Some(Recorded::Nothing) => t(Key::EditorDemoNothing).to_string(),
                    None => String::new(),
                } }
            </p>
            <label for="scenario-json">{ t(Key::EditorJson) }</label>
            <textarea id="scenario-json" class="editor-json" spellcheck="false" rows="14"
                aria-describedby="editor-status" value={(*draft).clone()} oninput={onjson} />
            { status }
            <button type="button" class="editor-apply" onclick={onapply}>{ t(Key::EditorApply) }</button>
        </>
    }
}
