//! Lessons replayed against the simulator, as the learner's console runs them: every built-in lesson's
//! reference solution completes every step (under each of the four profiles when the lesson fixes none), wrong
//! paths do not, mistakes get their hint, and the reader refuses bad files naming the field.

use std::path::PathBuf;
use std::rc::Rc;

use super::goal::Goal;
use super::mistake::Mistake;
use super::observation::Observation;
use super::text::solution_line;
use super::tracker::{Feedback, Tracker};
use super::{Lesson, LessonErrorKind};
use crate::console::{ClientStyle, Now, Shell};
use pop3_sim::scenario::ScenarioErrorKind;

const PROFILES: [&str; 4] = ["courier", "dovecot", "exchange", "gmail"];

fn lessons_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("lessons")
}

/// The built-in lessons, in the order of `lessons/index.json`.
fn builtin_lessons() -> Vec<Lesson> {
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(lessons_dir().join("index.json")).unwrap()).unwrap();
    index["lessons"]
        .as_array()
        .expect("index.json lists the lessons")
        .iter()
        .map(|id| {
            let id = id.as_str().unwrap();
            let json = std::fs::read_to_string(lessons_dir().join(format!("{id}.json"))).unwrap();
            let lesson = Lesson::from_json(&json).unwrap_or_else(|e| panic!("lessons/{id}.json: {e}"));
            assert_eq!(lesson.id, id, "lessons/{id}.json has another id");
            lesson
        })
        .collect()
}

/// A console in front of the lesson's world, as the page opens it.
fn console(lesson: &Lesson, profile: Option<&str>) -> Shell {
    let profile = lesson.profile.as_deref().or(profile).map(str::to_string);
    Shell::new(lesson.scenario().unwrap(), profile, ClientStyle::Unix).unwrap()
}

/// A tracker fed as the page feeds it: each observation of the console read after the last one seen, and sent
/// through JSON (it crosses from the tutor's module to the lessons' module).
struct Following {
    tracker: Tracker,
    seen: Option<u64>,
}

fn through_json(o: Observation) -> Observation {
    let back: Observation = serde_json::from_str(&serde_json::to_string(&o).unwrap()).unwrap();
    assert_eq!(back, o, "an observation survives its way through JSON");
    back
}

impl Following {
    fn start(lesson: &Lesson, shell: &Shell) -> Following {
        let mut seen = None;
        let start = through_json(Observation::start(shell, &mut seen));
        Following { tracker: Tracker::new(Rc::new(lesson.clone()), &start), seen }
    }

    fn observe(&mut self, shell: &Shell) -> usize {
        let observation = through_json(Observation::read(shell, &mut self.seen));
        self.tracker.observe(&observation)
    }
}

impl std::ops::Deref for Following {
    type Target = Tracker;
    fn deref(&self) -> &Tracker {
        &self.tracker
    }
}

impl std::ops::DerefMut for Following {
    fn deref_mut(&mut self) -> &mut Tracker {
        &mut self.tracker
    }
}

/// Types `line` at `at` ms, lets every simulated wait pass, and lets the tracker read what happened.
fn type_line(shell: &mut Shell, tracker: &mut Following, line: &str, at: &mut u64) {
    *at += 1_000;
    shell.submit(&[line.to_string()], now(*at));
    for _ in 0..100 {
        if shell.view().wait.is_none() && shell.next_deadline(now(*at)) != Some(now(*at).ms) {
            break;
        }
        shell.skip_wait(now(*at));
        shell.tick(now(*at));
    }
    tracker.observe(shell);
}

fn now(ms: u64) -> Now {
    Now { ms, unix: 1_780_000_000 + ms / 1000 }
}

/// How a replay does each step.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    /// Every line of the step's solution, in order.
    WholeSolution,
    /// As a learner who gives up on the step does in the panel: "Show solution" types the line
    /// [`solution_line`] picks (where the console is), the learner sends it, then the solution's lines after it
    /// (all of them after a `QUIT` that left another connection), stopping once the step is done. The servers
    /// lesson's first four steps ask the learner to switch the server profile in Settings first: done here too.
    AsThePanelOffers,
}

/// Replays a lesson; returns the number of steps done, or the first step left undone and the transcript.
fn replay(lesson: &Lesson, profile: Option<&str>, way: Way) -> Result<usize, (usize, String)> {
    let mut shell = console(lesson, profile);
    let mut tracker = Following::start(lesson, &shell);
    let mut at = 0;
    while let Some(step) = tracker.step().cloned() {
        let i = tracker.step_index();
        let lines: Vec<&str> = match way {
            Way::WholeSolution => step.solution.iter().map(String::as_str).collect(),
            Way::AsThePanelOffers => {
                if lesson.id == "servers" && i < 4 {
                    shell.set_profile(Some(PROFILES[i].to_string())).unwrap();
                    tracker.observe(&shell);
                }
                let here = Observation::start(&shell, &mut None);
                let logged_in = here.connected && here.state == Some(super::goal::SessionStateName::Transaction);
                let first = solution_line(&step.solution, here.endpoint.as_ref(), logged_in);
                let from = first.and_then(|f| step.solution.iter().position(|l| l == f)).map_or(0, |p| p + 1);
                first.into_iter().chain(step.solution[from..].iter().map(String::as_str)).collect()
            }
        };
        for line in lines {
            if way == Way::AsThePanelOffers && tracker.step_index() > i {
                break;
            }
            type_line(&mut shell, &mut tracker, line, &mut at);
        }
        if let Some((_, answer)) = step.goal.diagnosis() {
            tracker.choose(answer);
        }
        if tracker.step_index() <= i {
            return Err((i, shell.transcript()));
        }
    }
    Ok(tracker.step_index())
}

/// Every built-in lesson replayed `way`, under each profile when the lesson fixes none.
fn replay_every_lesson(way: Way) {
    let lessons = builtin_lessons();
    assert!(lessons.len() >= 12, "the track has at least 12 lessons");
    for lesson in &lessons {
        let profiles: Vec<Option<&str>> =
            if lesson.profile.is_some() { vec![None] } else { PROFILES.iter().map(|p| Some(*p)).collect() };
        for profile in profiles {
            match replay(lesson, profile, way) {
                Ok(done) => assert_eq!(done, lesson.steps.len()),
                Err((step, transcript)) => panic!(
                    "lesson {} under {:?}: step {} ({}) not done\n{}",
                    lesson.id,
                    profile,
                    step,
                    lesson.steps[step].id,
                    &transcript[transcript.len().saturating_sub(1500)..]
                ),
            }
        }
    }
}

#[test]
fn every_built_in_lessons_solution_completes_every_step() {
    replay_every_lesson(Way::WholeSolution);
}

#[test]
fn every_built_in_lesson_is_done_by_following_the_panels_solutions() {
    replay_every_lesson(Way::AsThePanelOffers);
}

/// A small lesson written here, so the wrong paths are tested whatever the built-in files say.
fn lesson(steps: &str) -> Lesson {
    let json = format!(
        r#"{{"version": 1, "id": "t", "title": {{"en": "T", "pl": "T"}}, "summary": {{"en": "S", "pl": "S"}},
            "scenario": "seed", "intro": {{"en": "I", "pl": "I"}}, "finish": {{"en": "F", "pl": "F"}},
            "steps": {steps}}}"#
    );
    Lesson::from_json(&json).unwrap()
}

fn run(lesson: &Lesson, lines: &[&str]) -> Following {
    let mut shell = console(lesson, None);
    let mut tracker = Following::start(lesson, &shell);
    let mut at = 0;
    for line in lines {
        type_line(&mut shell, &mut tracker, line, &mut at);
    }
    tracker
}

const LOGIN: [&str; 3] = ["telnet pop.outlook.pl 110", "USER tester@outlook.pl", "PASS moje_hasło"];

#[test]
fn a_dele_then_a_dropped_connection_is_not_a_removal() {
    let removed = lesson(
        r#"[{"id": "a", "text": {"en": "x", "pl": "x"}, "hint": {"en": "x", "pl": "x"}, "solution": ["DELE 2"],
             "goal": {"kind": "removed", "number": 2}}]"#,
    );
    let kept = lesson(
        r#"[{"id": "a", "text": {"en": "x", "pl": "x"}, "hint": {"en": "x", "pl": "x"}, "solution": ["DELE 2"],
             "goal": {"kind": "kept", "number": 2}}]"#,
    );
    let mut shell = console(&removed, None);
    let mut tracker = Following::start(&removed, &shell);
    let mut kept_tracker = Following::start(&kept, &shell);
    let mut at = 0;
    for line in LOGIN.iter().chain(&["DELE 2"]) {
        type_line(&mut shell, &mut tracker, line, &mut at);
        kept_tracker.observe(&shell);
    }
    shell.hangup();
    tracker.observe(&shell);
    kept_tracker.observe(&shell);
    assert!(!tracker.is_done(), "a dropped connection deletes nothing");
    assert_eq!(tracker.feedback(), Some(&Feedback::Mistake(Mistake::DroppedWithDeletions { count: 1 })));
    assert!(kept_tracker.is_done());
    // The same marks committed by QUIT are a removal.
    for line in LOGIN.iter().chain(&["DELE 2", "QUIT"]) {
        type_line(&mut shell, &mut tracker, line, &mut at);
    }
    assert!(tracker.is_done());
}

#[test]
fn reading_the_wrong_message_does_not_count_and_says_why() {
    let read_one = lesson(
        r#"[{"id": "a", "text": {"en": "x", "pl": "x"}, "hint": {"en": "x", "pl": "x"}, "solution": ["RETR 1"],
             "goal": {"kind": "any", "goals": [{"kind": "reply", "meaning": ["message_follows"], "number": 1},
                                                {"kind": "reply", "meaning": ["top_follows"], "number": 1}]}}]"#,
    );
    let mut lines = LOGIN.to_vec();
    lines.push("RETR 2");
    let tracker = run(&read_one, &lines);
    assert!(!tracker.is_done());
    assert_eq!(tracker.feedback(), Some(&Feedback::WrongNumber { wanted: 1, got: 2 }));
    lines.push("top 1 0");
    assert!(run(&read_one, &lines).is_done(), "TOP 1 0 shows message 1's headers too");
}

#[test]
fn a_paste_completes_several_steps_in_order_and_commands_are_counted() {
    let two = lesson(
        r#"[{"id": "login", "text": {"en": "x", "pl": "x"}, "hint": {"en": "x", "pl": "x"}, "solution": ["x"],
             "goal": {"kind": "state", "state": "transaction"}},
            {"id": "stat", "text": {"en": "x", "pl": "x"}, "hint": {"en": "x", "pl": "x"}, "solution": ["STAT"],
             "goal": {"kind": "reply", "meaning": ["status"]}}]"#,
    );
    // Dovecot answers commands pasted behind the login (Courier's login process loses them).
    let mut shell = console(&two, Some("dovecot"));
    let mut tracker = Following::start(&two, &shell);
    shell.submit(&["telnet pop.outlook.pl 110".to_string()], now(0));
    let paste: Vec<String> = ["user tester@outlook.pl", "pass moje_hasło", "stat"].map(String::from).to_vec();
    shell.submit(&paste, now(1_000));
    assert_eq!(tracker.observe(&shell), 2);
    assert!(tracker.is_done());
    assert_eq!(tracker.commands(), 4);
}

#[test]
fn mistakes_get_their_own_hint() {
    let login = lesson(
        r#"[{"id": "a", "text": {"en": "x", "pl": "x"}, "hint": {"en": "x", "pl": "x"}, "solution": ["x"],
             "goal": {"kind": "state", "state": "transaction"}}]"#,
    );
    let feedback = |lines: &[&str]| run(&login, lines).feedback().cloned();
    assert_eq!(
        feedback(&["telnet pop.outlook.pl 110", "RETR 1"]),
        Some(Feedback::Mistake(Mistake::LoginFirst { verb: "RETR".into() }))
    );
    assert_eq!(feedback(&["telnet pop.outlook.pl 110", "PASS x"]), Some(Feedback::Mistake(Mistake::PassBeforeUser)));
    assert_eq!(
        feedback(&["telnet pop.outlok.pl 110"]),
        Some(Feedback::Mistake(Mistake::WrongHost {
            host: "pop.outlok.pl".into(),
            right: Some("pop.outlook.pl".into())
        }))
    );
    assert_eq!(
        feedback(&["telnet pop.outlook.pl 25"]),
        Some(Feedback::Mistake(Mistake::WrongPort { port: "25".into() }))
    );
    assert!(matches!(
        feedback(&["telnet pop.outlook.pl 110", "USRE tester@outlook.pl"]),
        Some(Feedback::Mistake(Mistake::Typo { meant: Some(m), .. })) if m == "USER"
    ));
    // A refusal that is no mistake of its own is explained by the reply.
    assert!(matches!(
        feedback(&["telnet pop.outlook.pl 110", "USER tester@outlook.pl", "PASS wrong"]),
        Some(Feedback::Refused(_))
    ));
}

#[test]
fn the_reader_names_the_field() {
    let base = r#"{"version": 1, "id": "t", "title": {"en": "T", "pl": "T"}, "summary": {"en": "S", "pl": "S"},
        "scenario": "seed", "intro": {"en": "I", "pl": "I"}, "finish": {"en": "F", "pl": "F"},
        "steps": [{"id": "a", "text": {"en": "x", "pl": "x"}, "hint": {"en": "x", "pl": "x"}, "solution": ["x"],
                   "goal": {"kind": "state", "state": "transaction"}}]}"#;
    assert!(Lesson::from_json(base).is_ok());
    let refused = |from: &str, to: &str| {
        assert!(base.contains(from), "{from}");
        Lesson::from_json(&base.replacen(from, to, 1)).unwrap_err()
    };
    let e = refused(r#""scenario": "seed""#, r#""scenario": "nope""#);
    assert_eq!((e.field.as_str(), &e.kind), ("scenario", &LessonErrorKind::Unknown("nope".into())));
    let e = refused(r#""hint": {"en": "x", "pl": "x"}"#, r#""hint": {"en": "x", "pl": " "}"#);
    assert_eq!((e.field.as_str(), &e.kind), ("steps[0].hint.pl", &LessonErrorKind::Empty));
    let e = refused(r#""summary""#, r#""sumary""#);
    assert_eq!(e.field, "sumary", "{e}");
    assert!(matches!(e.kind, LessonErrorKind::Json(ScenarioErrorKind::UnknownField { .. })), "{e}");
    let e = refused(r#""hint": {"en": "x", "pl": "x"}"#, r#""hint": {"en": "x"}"#);
    assert_eq!((e.field.as_str(), &e.kind), ("steps[0].hint.pl", &LessonErrorKind::Json(ScenarioErrorKind::Missing)));
    let e = refused(r#"{"kind": "state", "state": "transaction"}"#, r#"{"kind": "removed", "numbr": 2}"#);
    assert!(e.field.starts_with("steps[0].goal"), "{e}");
    let e = refused(
        r#"{"kind": "state", "state": "transaction"}"#,
        r#"{"kind": "reply", "meaning": ["logged_in", "loged_out"]}"#,
    );
    assert_eq!(
        (e.field.as_str(), &e.kind),
        ("steps[0].goal.meaning[1]", &LessonErrorKind::Unknown("loged_out".into()))
    );
    let e = refused(r#"{"kind": "state", "state": "transaction"}"#, r#"{"kind": "client", "topic": ["timedout"]}"#);
    assert_eq!(e.field, "steps[0].goal.topic[0]", "{e}");
    let e = refused(r#""version": 1"#, r#""version": 2"#);
    assert_eq!(e.field, "version");
    let e = refused(r#""id": "a""#, r#""id": "A b""#);
    assert_eq!(e.field, "steps[0].id");
    let e = refused(r#""solution": ["x"]"#, r#""solution": []"#);
    assert_eq!(e.field, "steps[0].solution");
    // An inline scenario is read by the scenario reader when the tutor opens it (the lessons' module does not
    // carry the reader); its refusal names the field under `scenario`.
    let inline = base.replacen(
        r#""scenario": "seed""#,
        r#""scenario": {"version": 1, "id": "x", "title": "x", "base": "seed", "faults": [{"kind": "refused", "port": 70000}]}"#,
        1,
    );
    let e = Lesson::from_json(&inline).unwrap().scenario().unwrap_err();
    assert!(e.field.starts_with("scenario.faults[0]"), "{e}");
    let e = refused(r#""scenario": "seed""#, r#""scenario": 7"#);
    assert_eq!(e.field, "scenario", "{e}");
    let diagnosis = r#"{"kind": "diagnosis", "answer": "c", "options": [{"id": "a", "text": {"en": "A", "pl": "A"}},
        {"id": "b", "text": {"en": "B", "pl": "B"}}]}"#;
    let e = refused(r#"{"kind": "state", "state": "transaction"}"#, diagnosis);
    assert_eq!((e.field.as_str(), &e.kind), ("steps[0].goal.answer", &LessonErrorKind::NoSuchOption("c".into())));
    assert!(Lesson::from_json(&"x".repeat(super::MAX_BYTES + 1)).is_err());
}

#[test]
fn a_diagnosis_is_chosen_in_the_panel() {
    let diagnose = lesson(
        r#"[{"id": "a", "text": {"en": "x", "pl": "x"}, "hint": {"en": "x", "pl": "x"}, "solution": [],
             "goal": {"kind": "diagnosis", "answer": "net", "options": [
                {"id": "net", "text": {"en": "The network", "pl": "Sieć"}},
                {"id": "pw", "text": {"en": "The password", "pl": "Hasło"}}]}}]"#,
    );
    let mut tracker = run(&diagnose, &[]);
    assert!(matches!(&diagnose.steps[0].goal, Goal::Diagnosis { .. }));
    assert!(!tracker.choose("pw"));
    assert!(tracker.choose("net"));
    assert!(tracker.is_done());
}
