use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use pop3_sim::Scenario;
use yew::prelude::*;

use crate::console::{ClientStyle, Shell};
use crate::state::{Action, State};
use crate::web;

/// The console's shell, and the methods the UI calls on it. Every call feeds the shell with the current time,
/// publishes the new view to the reducer, and arms the one timer the shell needs next (the end of a simulated
/// pause, the server's timeout, or more work from a large paste).
#[derive(Clone)]
pub struct ConsoleHandle {
    shell: Rc<RefCell<Shell>>,
    dispatch: UseReducerDispatcher<State>,
    timer: Rc<RefCell<Option<Timeout>>>,
    /// Real-server mode's bridge connection.
    socket: Rc<RefCell<Option<super::bridge::Socket>>>,
    /// Whether a view has reached the reducer yet (until then the page renders the shell's own view).
    published: Rc<Cell<bool>>,
    /// What puts a line into the command line (registered by the console component on each render).
    typer: Rc<RefCell<Option<Callback<String>>>>,
    /// See [`BridgeClient`].
    bridge_client: BridgeClient,
}

/// What carries out the shell's requests to a bridge in real-server mode: on the tutor's page
/// [`ConsoleHandle::carry_out_bridge_requests`]. The embed passes `None`: its console never uses a bridge, and
/// a function no code names is left out of the module, with the bridge's client (the WebSocket, the reading of
/// the bridge's replies) behind it.
pub type BridgeClient = Option<fn(&ConsoleHandle)>;

impl PartialEq for ConsoleHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.shell, &other.shell)
    }
}

impl ConsoleHandle {
    /// Lines typed (one) or pasted (several).
    pub fn submit(&self, lines: Vec<String>) {
        self.shell.borrow_mut().submit(&lines, web::now());
        self.publish();
    }

    /// Ends a simulated pause now.
    pub fn skip_wait(&self) {
        self.shell.borrow_mut().skip_wait(web::now());
        self.publish();
    }

    /// Works through what was typed at once: pauses are skipped, left-over output is shown (the embed's
    /// `step=N` plays the steps before N this way). Gives up after a bounded number of rounds.
    pub fn settle(&self) {
        {
            let mut shell = self.shell.borrow_mut();
            for _ in 0..SETTLE_ROUNDS {
                if !shell.is_busy() {
                    break;
                }
                let now = web::now();
                shell.skip_wait(now);
                shell.tick(now);
            }
        }
        self.publish();
    }

    /// Closes the connection from the client side.
    pub fn hangup(&self) {
        self.shell.borrow_mut().hangup();
        self.publish();
    }

    /// Clears the log.
    pub fn clear(&self) {
        self.shell.borrow_mut().clear();
        self.publish();
    }

    /// Reads the shell (the lesson tracker observes it after every published version).
    pub fn with_shell<R>(&self, f: impl FnOnce(&Shell) -> R) -> R {
        f(&self.shell.borrow())
    }

    /// Puts `line` into the command line without running it (a lesson's command chip, its solution).
    pub fn put_line(&self, line: String) {
        if let Some(typer) = self.typer.borrow().as_ref() {
            typer.emit(line);
        }
    }

    /// The console component registers what [`ConsoleHandle::put_line`] calls.
    pub fn set_typer(&self, typer: Callback<String>) {
        *self.typer.borrow_mut() = Some(typer);
    }

    /// The console's current view (before the first publish reaches the reducer).
    pub fn view(&self) -> crate::console::ShellView {
        self.shell.borrow().view()
    }

    /// The view to render from `state`: the reducer's copy, or (until a view is published, on the very first
    /// render) the shell's own.
    pub fn view_in(&self, state: &State) -> Rc<crate::console::ShellView> {
        state.console.clone().unwrap_or_else(|| Rc::new(self.view()))
    }

    /// The transcript as text.
    pub fn transcript(&self) -> String {
        self.shell.borrow().transcript()
    }

    /// The transcript with each server reply's meaning after it.
    pub fn transcript_with(&self, annotate: impl Fn(&pop3_sim::Explanation) -> Option<String>) -> String {
        self.shell.borrow().transcript_with(annotate)
    }

    fn publish(&self) {
        self.published.set(true);
        if let Some(carry_out) = self.bridge_client {
            carry_out(self);
        }
        let view = self.shell.borrow().view();
        self.dispatch.dispatch(Action::Console(Rc::new(view)));
        self.schedule();
    }

    /// Real-server mode: performs what the shell asked of the bridge (the tutor's [`BridgeClient`]).
    pub fn carry_out_bridge_requests(&self) {
        let (url, requests) = {
            let mut shell = self.shell.borrow_mut();
            (shell.bridge().map(str::to_string), shell.take_outbox())
        };
        let Some(url) = url else { return };
        for request in requests {
            let handle = self.clone();
            let report: Rc<dyn Fn(super::bridge::Incoming)> = Rc::new(move |incoming| {
                {
                    let mut shell = handle.shell.borrow_mut();
                    match incoming {
                        super::bridge::Incoming::Answer(text) => shell.bridge_opened(&text),
                        super::bridge::Incoming::Data(bytes) => shell.bridge_data(&bytes),
                        super::bridge::Incoming::Closed => shell.bridge_closed(),
                        super::bridge::Incoming::Unreachable => shell.bridge_unreachable(),
                        super::bridge::Incoming::Offline => shell.bridge_offline(),
                    }
                }
                handle.publish();
            });
            super::bridge::carry_out(&url, request, &self.socket, report);
        }
    }

    fn schedule(&self) {
        let now = web::now();
        let deadline = self.shell.borrow().next_deadline(now);
        let timer = deadline.map(|at| {
            let delay = at.saturating_sub(now.ms).min(i32::MAX as u64) as u32;
            let handle = self.clone();
            Timeout::new(delay, move || {
                handle.shell.borrow_mut().tick(web::now());
                handle.publish();
            })
        });
        // Dropping the previous Timeout cancels it.
        *self.timer.borrow_mut() = timer;
    }
}

/// Rounds of [`ConsoleHandle::settle`]: a step's chain of pauses is a few long (a connection attempt, a login
/// delay, a reply's latency).
const SETTLE_ROUNDS: usize = 64;

/// Real-server mode as the page stands with it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BridgeSetting {
    /// The bridge in use (`ws://…/bridge`), if any.
    pub url: Option<String>,
    /// The link names a bridge the learner has not agreed to yet: nothing connects.
    pub pending: bool,
}

/// The console for a scenario. The profile, client style and bridge follow the settings and the page.
#[hook]
pub fn use_console(
    scenario: Rc<Scenario>,
    profile: Option<String>,
    style: ClientStyle,
    bridge: BridgeSetting,
    bridge_client: BridgeClient,
    dispatch: UseReducerDispatcher<State>,
) -> ConsoleHandle {
    let shell = use_memo(ScenarioRef(scenario.clone()), {
        let profile = profile.clone();
        let bridge = bridge.clone();
        move |ScenarioRef(scenario)| {
            let scenario = scenario.clone();
            let shell = Shell::new((*scenario).clone(), profile, style)
                .or_else(|_| Shell::new((*scenario).clone(), None, style))
                .or_else(|_| {
                    let seed = pop3_sim::scenario::builtin(crate::boot::DEFAULT_SCENARIO).ok_or(())?;
                    Shell::new(seed, None, style).map_err(|_| ())
                })
                .expect("the built-in scenario always opens");
            let mut shell = shell;
            shell.set_bridge(bridge.url);
            shell.set_bridge_pending(bridge.pending);
            Rc::new(RefCell::new(shell))
        }
    });
    let timer = use_memo((), |_| Rc::new(RefCell::new(None)));
    let socket = use_memo((), |_| Rc::new(RefCell::new(None)));
    let published = use_memo((), |_| Rc::new(Cell::new(false)));
    let typer = use_memo((), |_| Rc::new(RefCell::new(None)));
    let handle = ConsoleHandle {
        shell: (*shell).clone(),
        dispatch,
        timer: (*timer).clone(),
        socket: (*socket).clone(),
        published: (*published).clone(),
        typer: (*typer).clone(),
        bridge_client,
    };
    {
        let handle = handle.clone();
        let shell_ref = ShellRef(handle.shell.clone());
        use_effect_with((profile, style, bridge, shell_ref), move |(profile, style, bridge, _)| {
            let changed = {
                let mut shell = handle.shell.borrow_mut();
                let before = shell.version();
                shell.set_style(*style);
                let _ = shell.set_profile(profile.clone());
                shell.set_bridge_pending(bridge.pending);
                if shell.bridge() != bridge.url.as_deref() {
                    shell.set_bridge(bridge.url.clone());
                }
                shell.version() != before
            };
            // Until a view is published the page renders the shell's own (`AppContext::view`), so a shell
            // unchanged since that render needs no publish: on the page's first render it would render
            // everything a second time before the first paint.
            if changed || handle.published.get() {
                handle.publish();
            }
        });
    }
    {
        let timer = handle.timer.clone();
        use_effect_with((), move |_| move || drop(timer.borrow_mut().take()));
    }
    handle
}

/// A scenario compared by identity (a 5 MB scenario is not compared field by field on every render).
#[derive(Clone)]
struct ScenarioRef(Rc<Scenario>);

impl PartialEq for ScenarioRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Clone)]
struct ShellRef(Rc<RefCell<Shell>>);

impl PartialEq for ShellRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
