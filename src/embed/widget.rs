//! The widget: the tutor's console, the demo's controls, and the loop that plays the demo into the console.
//!
//! Everything that moves the demo (a control, the player's clock, a console change, the widget coming on
//! screen) ends in one effect that asks the [`Player`] what is due and carries it out on the console of this
//! render: a restart gives the widget a new console, and no callback is left holding the old one.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use pop3_sim::scenario::DemoStep;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::frame::{self, FrameEvent};
use super::player::{Effect, Phase, Player, Step, DEFAULT_PAUSE_MS};
use super::Start;
use crate::boot::ReadShared;
use crate::components::{Captions, Console, Notices, COMMAND_INPUT_ID};
use crate::console::{EntryKind, Log};
use crate::hooks::{use_console, ConsoleHandle};
use crate::i18n::{self, Key, Lang};
use crate::state::State;
use crate::web;

/// What the reader asked of the player, carried out by the widget's effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Command {
    Play,
    Pause,
    Next,
    /// A new console was made: start the demo over on it.
    Restart,
}

/// The player's side of the widget, kept across renders.
struct Playback {
    player: Player,
    /// Commands not yet carried out.
    commands: VecDeque<Command>,
    /// The newest log entry before the current step's line was sent: the step's output comes after it.
    step_start: u64,
    /// The timer for the player's next deadline (dropping it cancels it).
    timer: Option<Timeout>,
}

fn steps(demo: &[DemoStep]) -> Vec<Step> {
    demo.iter().map(|s| Step { line: s.line.clone(), pause: s.pause.map_or(DEFAULT_PAUSE_MS, u64::from) }).collect()
}

/// The player for the widget's demo, at its first step.
fn new_player(start: &Start) -> Player {
    Player::new(steps(&start.scenario.demo), start.params.speed, reduced_motion())
}

fn reduced_motion() -> bool {
    frame::media_matches("(prefers-reduced-motion: reduce)")
}

/// The id of the newest entry in the log (0 for an empty log).
fn newest_entry(log: &Log) -> u64 {
    log.entries().next_back().map_or(0, |e| e.id)
}

/// The caption for a step whose output is the entries after `start`: the step's own, or (with `explain`) the
/// meaning of the last reply it drew. Placed under the step's last entry.
fn caption(log: &Log, start: u64, step: &DemoStep, lang: Lang, explain: bool) -> Option<(u64, String)> {
    let entries: Vec<_> = log.entries().filter(|e| e.id > start).collect();
    let last = entries.last()?.id;
    if let Some(text) = step.caption.in_lang(lang.tag()) {
        return Some((last, text.to_string()));
    }
    if !explain {
        return None;
    }
    entries.iter().rev().find_map(|e| match &e.kind {
        EntryKind::Reply { explanation, .. } => Some((last, i18n::explain::meaning(&explanation.meaning, lang))),
        _ => None,
    })
}

/// What the module gives the widget: how it reads `#s=`.
#[derive(Properties)]
pub struct EmbedProps {
    /// See [`super::start`].
    pub read_shared: ReadShared,
}

/// Rendered once, at start, with props that never change.
impl PartialEq for EmbedProps {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The widget. Reads its address once ([`Start`]).
#[function_component(Embed)]
pub fn embed(props: &EmbedProps) -> Html {
    let start = use_memo((), |_| Start::read(props.read_shared));
    let state = use_reducer({
        let start = start.clone();
        move || State::new(Default::default(), start.lang, start.browser_lang, start.notices.clone())
    });
    let lang = state.lang();
    let t = |k: Key| k.text(lang);
    let params = &start.params;
    // A restart is a new console on a fresh copy of the scenario.
    let scenario = use_state(|| Rc::new(start.scenario.clone()));
    let generation = use_state(|| 0_u64);
    let console =
        use_console((*scenario).clone(), None, state.client_style(), Default::default(), None, state.dispatcher());
    let view = console.view_in(&state);
    let live = use_state(|| false);
    let captions = use_state(|| Rc::new(Captions::new()));
    let clock = use_state(|| 0_u64);
    let playback =
        use_mut_ref(|| Playback { player: new_player(&start), commands: VecDeque::new(), step_start: 0, timer: None });
    let root = use_node_ref();
    let on_screen = frame::use_on_screen(root.clone());
    frame::use_report_height(root.clone());
    let dark = frame::use_media("(prefers-color-scheme: dark)");
    let rev = use_state(|| 0_u64);
    let command = {
        let (playback, rev) = (playback.clone(), rev.clone());
        Callback::from(move |c: Command| {
            playback.borrow_mut().commands.push_back(c);
            rev.set(*rev + 1);
        })
    };

    // The steps before `step=N`, at once, and the `ready` event, when the widget first appears.
    {
        let (console, playback, captions, start) = (console.clone(), playback.clone(), captions.clone(), start.clone());
        use_effect_with((), move |_| {
            let effects = playback.borrow_mut().player.skip_to(start.params.step - 1);
            let mut table = Captions::new();
            carry_out(&console, &playback, &start, lang, effects, &mut table);
            captions.set(Rc::new(table));
            frame::post(&FrameEvent::Ready {
                scenario: start.scenario.id.clone(),
                steps: start.scenario.demo.len(),
                lang: lang.tag(),
            });
        });
    }

    // The demo's loop (see the module documentation).
    {
        let (console, playback, captions, start, clock) =
            (console.clone(), playback.clone(), captions.clone(), start.clone(), clock.clone());
        let taken_over = *live;
        let deps = (view.version, *clock, *rev, *generation, on_screen, taken_over);
        use_effect_with(deps, move |_| {
            let mut table = (**captions).clone();
            let mut pb = playback.borrow_mut();
            pb.timer = None;
            if taken_over {
                return;
            }
            let now = web::now().ms;
            let mut effects = Vec::new();
            while let Some(c) = pb.commands.pop_front() {
                match c {
                    Command::Play => effects.extend(pb.player.play(now)),
                    Command::Pause => pb.player.pause(),
                    Command::Next => effects.extend(pb.player.next_step(now)),
                    Command::Restart => {
                        let playing = pb.player.is_playing();
                        pb.player = new_player(&start);
                        table.clear();
                        // Whatever was in the command line (a line half typed, or the reader's) goes too.
                        effects.push(Effect::Type(String::new()));
                        if playing {
                            effects.extend(pb.player.play(now));
                        }
                    }
                }
            }
            // Off screen or in a hidden tab the demo holds still; it goes on where it was when it comes back.
            if on_screen || !pb.player.is_playing() {
                let busy = console.with_shell(|s| s.is_busy());
                effects.extend(pb.player.tick(now, busy));
            }
            drop(pb);
            carry_out(&console, &playback, &start, lang, effects, &mut table);
            let mut pb = playback.borrow_mut();
            if on_screen || !pb.player.is_playing() {
                pb.timer = pb.player.deadline().map(|at| {
                    let clock = clock.clone();
                    Timeout::new(at.saturating_sub(now).min(60_000) as u32, move || clock.set(web::now().ms))
                });
            }
            if table != **captions {
                captions.set(Rc::new(table));
            }
        });
    }

    // The session's state, for the host page.
    {
        let state_now = (view.session_state.map(frame::state_name), view.connection.is_some());
        use_effect_with(state_now, |(state, connected)| {
            frame::post(&FrameEvent::State { state: *state, connected: *connected });
        });
    }

    let (player_done, player_len, playing, phase) = {
        let pb = playback.borrow();
        (pb.player.done(), pb.player.len(), pb.player.is_playing(), pb.player.phase())
    };
    // Autoplay: once, when the widget is first on screen.
    {
        let command = command.clone();
        let autoplay = params.autoplay;
        let started = use_mut_ref(|| false);
        use_effect_with(on_screen, move |on| {
            if autoplay && *on && !std::mem::replace(&mut *started.borrow_mut(), true) {
                command.emit(Command::Play);
            }
        });
    }

    let onplay = {
        let command = command.clone();
        Callback::from(move |_| command.emit(if playing { Command::Pause } else { Command::Play }))
    };
    let onnext = {
        let command = command.clone();
        Callback::from(move |_| command.emit(Command::Next))
    };
    let onrestart = {
        let (scenario, generation, command, live) =
            (scenario.clone(), generation.clone(), command.clone(), live.clone());
        let start = start.clone();
        Callback::from(move |_| {
            scenario.set(Rc::new(start.scenario.clone()));
            generation.set(*generation + 1);
            live.set(false);
            command.emit(Command::Restart);
        })
    };
    let ontry = {
        let (live, playback) = (live.clone(), playback.clone());
        let console = console.clone();
        Callback::from(move |_| {
            {
                let mut pb = playback.borrow_mut();
                pb.player.pause();
                pb.timer = None;
            }
            console.put_line(String::new());
            live.set(true);
            frame::post(&FrameEvent::Takeover);
            Timeout::new(0, || web::focus_id(COMMAND_INPUT_ID)).forget();
        })
    };
    let onkeydown = {
        let command = command.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Keys typed into a field or pressed on a control are theirs.
            let own = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "BUTTON" | "A" | "TEXTAREA"));
            if own || e.ctrl_key() || e.alt_key() || e.meta_key() {
                return;
            }
            match e.key().as_str() {
                " " => {
                    e.prevent_default();
                    command.emit(if playing { Command::Pause } else { Command::Play });
                }
                "ArrowRight" => {
                    e.prevent_default();
                    command.emit(Command::Next);
                }
                _ => {}
            }
        })
    };

    let title = i18n::scenario_title(&start.scenario, lang);
    // In a frame embed.js sizes to its content the widget takes its natural height; in a plain iframe it fills
    // the frame's (see styles/embed.css).
    let sizing = if start.sized_by_host { "embed-fit-content" } else { "embed-fill" };
    let demo = player_len > 0;
    let finished = phase == Phase::Done;
    html! {
        <div ref={root} class={classes!("app", "embed", sizing, params.theme.class(dark))} lang={lang.tag()}>
            <section class="embed-widget" tabindex="0" aria-labelledby="embed-title" aria-describedby="embed-keys" {onkeydown}>
                <header class="embed-header">
                    <h1 id="embed-title" class="embed-title">{ title }</h1>
                    if demo && !*live {
                        <span class="embed-progress">{ i18n::embed_progress(player_done, player_len, lang) }</span>
                    }
                </header>
                <Notices state={state.clone()} />
                <Console console={console.clone()} state={state.clone()} live={*live} autofocus={false} captions={Some((*captions).clone())} />
                <div class="embed-controls" role="group" aria-label={t(Key::EmbedControls)}>
                    if demo && !*live {
                        <button type="button" onclick={onplay} disabled={finished}>
                            { t(if playing { Key::EmbedPause } else { Key::EmbedPlay }) }
                        </button>
                        <button type="button" onclick={onnext} disabled={finished}>{ t(Key::EmbedNext) }</button>
                    }
                    if demo {
                        <button type="button" onclick={onrestart}>{ t(Key::EmbedRestart) }</button>
                    }
                    if params.live && !*live {
                        <button type="button" class="embed-try" onclick={ontry}>{ t(Key::EmbedTry) }</button>
                    }
                    <a class="embed-open" href={start.tutor.clone()} target="_blank" rel="noopener">{ t(Key::EmbedOpenTutor) }</a>
                </div>
                <p id="embed-keys" class="embed-keys">
                    { t(if *live { Key::EmbedLiveHint } else if demo { Key::EmbedKeys } else { Key::EmbedNoDemo }) }
                </p>
            </section>
        </div>
    }
}

/// Carries out the player's effects on `console`, captioning finished steps into `table`.
fn carry_out(
    console: &ConsoleHandle,
    playback: &Rc<RefCell<Playback>>,
    start: &Start,
    lang: Lang,
    effects: Vec<Effect>,
    table: &mut Captions,
) {
    for effect in effects {
        match effect {
            Effect::Type(text) => console.put_line(text),
            Effect::Send(line) => {
                playback.borrow_mut().step_start = console.with_shell(|s| newest_entry(s.log()));
                console.put_line(String::new());
                console.submit(vec![line]);
            }
            Effect::SkipWait => console.settle(),
            Effect::Finished(i) => {
                let step_start = playback.borrow().step_start;
                if let Some(step) = start.scenario.demo.get(i) {
                    let explain = start.params.explain;
                    if let Some((id, text)) = console.with_shell(|s| caption(s.log(), step_start, step, lang, explain))
                    {
                        table.insert(id, text);
                    }
                }
                frame::post(&FrameEvent::Step { step: i + 1, steps: start.scenario.demo.len() });
            }
        }
    }
}
