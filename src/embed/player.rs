//! Playback of a scenario's demo, as a plain state machine: what to type, when to send it, when a step is
//! over and when the next one starts. The widget feeds it the time and whether the console is still busy (a
//! simulated wait), and carries out what it asks ([`Effect`]); nothing here touches the page, so the whole
//! playback is tested natively.

/// Milliseconds between two typed characters at speed 1.
pub const TYPE_MS: u64 = 60;
/// How long a simulated wait (a connection that times out, a login delay) runs before the player skips to its
/// end, as Esc does in the console, at speed 1: the reader sees the wait without sitting through 21 s of it.
pub const WAIT_CAP_MS: u64 = 2_500;
/// The reading pause after a step that gives none, at speed 1.
pub const DEFAULT_PAUSE_MS: u64 = 1_500;
/// Accepted `speed=` values.
pub const SPEEDS: std::ops::RangeInclusive<f64> = 0.25..=4.0;

/// One step as the player needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The line typed.
    pub line: String,
    /// The reading pause after it, in milliseconds at speed 1.
    pub pause: u64,
}

/// Where the player is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Phase {
    /// Between steps: waiting for play or "next step".
    Idle,
    /// Typing the next step's line: `typed` characters shown, the next one due at `at`.
    Typing {
        /// Characters shown.
        typed: usize,
        /// When the next character is due.
        at: u64,
    },
    /// The line was sent at `since`; waiting for the console to settle.
    Running {
        /// When the line was sent.
        since: u64,
    },
    /// The step is over and its caption shows; the next starts at `until` if playing.
    Reading {
        /// When the reading pause ends.
        until: u64,
    },
    /// Every step was played.
    Done,
}

/// What the widget does for the player.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Show this much of the line in the command line.
    Type(String),
    /// Send the line (and empty the command line).
    Send(String),
    /// End the console's simulated wait now.
    SkipWait,
    /// Step `index` (from 0) is over: caption it.
    Finished(usize),
}

/// See the module documentation.
#[derive(Clone, Debug)]
pub struct Player {
    steps: Vec<Step>,
    /// The step being played or the next to play.
    current: usize,
    phase: Phase,
    /// Whether steps follow one another (play) or wait for "next step".
    playing: bool,
    speed: f64,
    /// `prefers-reduced-motion`: lines appear at once, waits and pauses take no time.
    instant: bool,
}

impl Player {
    /// A player at the first step, paused. `speed` is clamped to [`SPEEDS`].
    pub fn new(steps: Vec<Step>, speed: f64, instant: bool) -> Player {
        let speed = if speed.is_finite() { speed.clamp(*SPEEDS.start(), *SPEEDS.end()) } else { 1.0 };
        let phase = if steps.is_empty() { Phase::Done } else { Phase::Idle };
        Player { steps, current: 0, phase, playing: false, speed, instant }
    }

    /// The phase.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Whether steps follow one another.
    pub fn is_playing(&self) -> bool {
        self.playing && self.phase != Phase::Done
    }

    /// The step being played or the next to play (from 0; the step count when done).
    pub fn current(&self) -> usize {
        self.current
    }

    /// How many steps there are.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether there are no steps.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Steps that are over.
    pub fn done(&self) -> usize {
        match self.phase {
            Phase::Reading { .. } => self.current + 1,
            Phase::Done => self.steps.len(),
            _ => self.current,
        }
    }

    fn scaled(&self, ms: u64) -> u64 {
        if self.instant {
            0
        } else {
            (ms as f64 / self.speed).round() as u64
        }
    }

    /// Plays from here on.
    pub fn play(&mut self, now: u64) -> Vec<Effect> {
        self.playing = true;
        self.advance(now, false)
    }

    /// Stops after the step under way.
    pub fn pause(&mut self) {
        self.playing = false;
    }

    /// Plays one step: the next one, or the rest of the one being typed at once.
    pub fn next_step(&mut self, now: u64) -> Vec<Effect> {
        match self.phase {
            Phase::Typing { .. } => {
                let line = self.steps[self.current].line.clone();
                self.phase = Phase::Running { since: now };
                vec![Effect::Type(line.clone()), Effect::Send(line)]
            }
            Phase::Reading { .. } => {
                self.current += 1;
                self.phase = Phase::Idle;
                self.start(now)
            }
            Phase::Idle => self.start(now),
            Phase::Running { .. } | Phase::Done => Vec::new(),
        }
    }

    /// Plays the first `n` steps at once (`step=N+1`): their lines sent without typing, waits skipped, no
    /// reading pauses. The widget carries the effects out in order, settling the console after each send.
    pub fn skip_to(&mut self, n: usize) -> Vec<Effect> {
        let mut effects = Vec::new();
        while self.current < n.min(self.steps.len()) && !matches!(self.phase, Phase::Done) {
            let line = self.steps[self.current].line.clone();
            effects.push(Effect::Send(line));
            effects.push(Effect::SkipWait);
            effects.push(Effect::Finished(self.current));
            self.current += 1;
        }
        self.phase = if self.current >= self.steps.len() { Phase::Done } else { Phase::Idle };
        effects
    }

    fn start(&mut self, now: u64) -> Vec<Effect> {
        if self.current >= self.steps.len() {
            self.phase = Phase::Done;
            return Vec::new();
        }
        if self.instant {
            let line = self.steps[self.current].line.clone();
            self.phase = Phase::Running { since: now };
            return vec![Effect::Send(line)];
        }
        self.phase = Phase::Typing { typed: 0, at: now };
        self.type_due(now)
    }

    fn type_due(&mut self, now: u64) -> Vec<Effect> {
        let Phase::Typing { typed, at } = self.phase else { return Vec::new() };
        if now < at {
            return Vec::new();
        }
        let line = &self.steps[self.current].line;
        let total = line.chars().count();
        if typed >= total {
            let line = line.clone();
            self.phase = Phase::Running { since: now };
            return vec![Effect::Send(line)];
        }
        let typed = typed + 1;
        self.phase = Phase::Typing { typed, at: now + self.scaled(TYPE_MS) };
        vec![Effect::Type(line.chars().take(typed).collect())]
    }

    /// Moves on: called when the time passes [`Player::deadline`] and whenever the console changes. `busy`:
    /// the console is in a simulated wait.
    pub fn tick(&mut self, now: u64, busy: bool) -> Vec<Effect> {
        self.advance(now, busy)
    }

    fn advance(&mut self, now: u64, busy: bool) -> Vec<Effect> {
        match self.phase {
            Phase::Idle if self.playing => self.start(now),
            Phase::Typing { .. } => self.type_due(now),
            Phase::Running { since } => {
                if !busy {
                    let finished = Effect::Finished(self.current);
                    if self.current + 1 >= self.steps.len() {
                        self.current = self.steps.len();
                        self.phase = Phase::Done;
                        return vec![finished];
                    }
                    let pause = self.scaled(self.steps[self.current].pause);
                    self.phase = Phase::Reading { until: now + pause };
                    let mut effects = vec![finished];
                    if self.playing && pause == 0 {
                        effects.extend(self.advance(now, false));
                    }
                    effects
                } else if now >= since + self.scaled(WAIT_CAP_MS) {
                    vec![Effect::SkipWait]
                } else {
                    Vec::new()
                }
            }
            Phase::Reading { until } if self.playing && now >= until => {
                self.current += 1;
                self.phase = Phase::Idle;
                self.start(now)
            }
            _ => Vec::new(),
        }
    }

    /// When [`Player::tick`] next has something to do by the clock alone (`None`: only a console change or the
    /// reader moves it on).
    pub fn deadline(&self) -> Option<u64> {
        match self.phase {
            Phase::Typing { at, .. } => Some(at),
            Phase::Running { since } => Some(since + self.scaled(WAIT_CAP_MS)),
            Phase::Reading { until } if self.playing => Some(until),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(lines: &[&str]) -> Vec<Step> {
        lines.iter().map(|l| Step { line: l.to_string(), pause: 1000 }).collect()
    }

    /// Ticks at every deadline until nothing is due, the console never busy; returns every effect.
    fn run(player: &mut Player, mut now: u64) -> Vec<Effect> {
        let mut all = Vec::new();
        for _ in 0..10_000 {
            all.extend(player.tick(now, false));
            match player.deadline() {
                Some(at) => now = at.max(now),
                None => break,
            }
        }
        all
    }

    #[test]
    fn autoplay_types_each_line_sends_it_and_captions_it_in_order() {
        let mut p = Player::new(steps(&["USER a", "STAT"]), 1.0, false);
        let mut effects = p.play(0);
        effects.extend(run(&mut p, 0));
        let sends: Vec<_> = effects.iter().filter(|e| matches!(e, Effect::Send(_) | Effect::Finished(_))).collect();
        assert_eq!(
            sends,
            [&Effect::Send("USER a".into()), &Effect::Finished(0), &Effect::Send("STAT".into()), &Effect::Finished(1)]
        );
        assert!(effects.contains(&Effect::Type("USE".into())));
        assert_eq!(p.phase(), Phase::Done);
        assert_eq!(p.done(), 2);
    }

    #[test]
    fn speed_scales_typing_and_pauses() {
        let time_to_finish = |speed: f64| {
            let mut p = Player::new(steps(&["RETR 1", "QUIT"]), speed, false);
            p.play(0);
            let mut now = 0;
            while p.phase() != Phase::Done {
                p.tick(now, false);
                now = p.deadline().unwrap_or(now + 1).max(now);
            }
            now
        };
        let (normal, fast) = (time_to_finish(1.0) as f64, time_to_finish(2.0) as f64);
        assert!((normal / fast - 2.0).abs() < 0.01, "{normal} ms at 1×, {fast} ms at 2×");
        assert_eq!(time_to_finish(100.0), time_to_finish(4.0), "speed is clamped to 4");
    }

    #[test]
    fn without_play_each_next_step_plays_one_step() {
        let mut p = Player::new(steps(&["USER a", "STAT"]), 1.0, false);
        assert!(run(&mut p, 0).is_empty(), "nothing plays by itself");
        p.next_step(0);
        let effects = run(&mut p, 0);
        assert!(effects.contains(&Effect::Finished(0)));
        assert!(!effects.iter().any(|e| e == &Effect::Send("STAT".into())), "the next step waits for the reader");
        let effects = p.next_step(10_000);
        assert_eq!(effects, [Effect::Type("S".into())]);
        // "Next step" while typing finishes the line at once.
        assert_eq!(p.next_step(10_001), [Effect::Type("STAT".into()), Effect::Send("STAT".into())]);
        p.tick(10_002, false);
        assert_eq!(p.phase(), Phase::Done);
    }

    #[test]
    fn a_long_wait_is_skipped_after_the_cap_and_the_step_ends_when_the_console_settles() {
        let line = "telnet pop.outlook.pl 110";
        let mut p = Player::new(steps(&[line]), 1.0, false);
        p.play(0);
        assert_eq!(p.next_step(0), [Effect::Type(line.into()), Effect::Send(line.into())]);
        assert!(p.tick(100, true).is_empty());
        assert_eq!(p.tick(WAIT_CAP_MS, true), [Effect::SkipWait]);
        assert_eq!(p.tick(WAIT_CAP_MS + 1, false), [Effect::Finished(0)]);
        // With reduced motion a wait is skipped at once.
        let mut p = Player::new(steps(&[line]), 1.0, true);
        assert_eq!(p.play(0), [Effect::Send(line.into())]);
        assert_eq!(p.tick(0, true), [Effect::SkipWait]);
    }

    #[test]
    fn reduced_motion_plays_the_whole_demo_at_once() {
        let mut p = Player::new(steps(&["USER a", "PASS b", "STAT"]), 1.0, true);
        let mut effects = p.play(0);
        // The widget ticks once per console change; each tick finishes a step and starts the next.
        for _ in 0..3 {
            effects.extend(p.tick(0, false));
        }
        assert_eq!(effects.iter().filter(|e| matches!(e, Effect::Send(_))).count(), 3);
        assert!(!effects.iter().any(|e| matches!(e, Effect::Type(_))), "nothing is typed");
        assert_eq!(p.phase(), Phase::Done);
    }

    #[test]
    fn pause_lets_the_step_under_way_finish_and_stops_there() {
        let mut p = Player::new(steps(&["USER a", "STAT"]), 1.0, false);
        p.play(0);
        p.tick(1, false);
        p.pause();
        let effects = run(&mut p, 2);
        assert!(effects.contains(&Effect::Send("USER a".into())));
        assert!(effects.contains(&Effect::Finished(0)));
        assert!(!effects.contains(&Effect::Send("STAT".into())));
        assert!(!p.is_playing());
    }

    #[test]
    fn skipping_to_a_step_sends_the_steps_before_it_and_stops() {
        let mut p = Player::new(steps(&["a", "b", "c"]), 1.0, false);
        let effects = p.skip_to(2);
        assert_eq!(
            effects,
            [
                Effect::Send("a".into()),
                Effect::SkipWait,
                Effect::Finished(0),
                Effect::Send("b".into()),
                Effect::SkipWait,
                Effect::Finished(1)
            ]
        );
        assert_eq!((p.current(), p.phase()), (2, Phase::Idle));
        assert_eq!(Player::new(steps(&["a"]), 1.0, false).skip_to(9).len(), 3, "past the end: every step");
    }

    #[test]
    fn a_demo_without_steps_is_done_from_the_start() {
        let mut p = Player::new(Vec::new(), f64::NAN, false);
        assert_eq!(p.phase(), Phase::Done);
        assert!(p.play(0).is_empty());
        assert!(!p.is_playing());
    }
}
