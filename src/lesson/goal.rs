//! Goals, and the facts they are checked against. A goal never looks at what was typed: it asks what the
//! simulator did (the replies it sent, the state its session reached, the messages it really removed) and what
//! the client program printed, so every correct path passes (Learn Git Branching compares the repository, not
//! the commands; so do we). Facts are gathered from the console's log by [`super::tracker`].

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// What must have happened for a step to be done (`docs/lesson-format.md`, "Goals").
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Goal {
    /// The server sent a reply like this one.
    Reply(ReplyPattern),
    /// The session is, or since the step began was, in this state.
    State {
        /// `authorization` or `transaction`.
        state: SessionStateName,
    },
    /// The client program printed a message of one of these kinds.
    Client {
        /// Topic names (`timed_out`, `refused`, …).
        topic: Vec<String>,
        /// A certificate's OpenSSL verify code.
        #[serde(default)]
        code: Option<u32>,
    },
    /// Message `number` was marked deleted and then removed by the UPDATE state.
    Removed {
        /// As numbered in the session that deleted it.
        number: usize,
    },
    /// Message `number` was marked deleted and the mark was dropped (RSET, or no QUIT).
    Kept {
        /// As numbered in the session that marked it.
        number: usize,
    },
    /// The learner picked the right option in the lesson panel.
    Diagnosis {
        /// The choices.
        options: Vec<DiagnosisOption>,
        /// The right option's id.
        answer: String,
    },
    /// Every goal, in any order.
    All {
        /// The goals.
        goals: Vec<Goal>,
    },
    /// One of the goals.
    Any {
        /// The goals.
        goals: Vec<Goal>,
    },
}

/// The states a goal can name (UPDATE is met through the `removed` goal or a `logged_out` reply).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStateName {
    /// Before login.
    Authorization,
    /// Logged in.
    Transaction,
}

/// A reply a `reply` goal waits for: its meaning is one of `meaning`, and every part given matches.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyPattern {
    /// Names of `pop3_sim::Meaning` variants (`message_follows`, …).
    pub meaning: Vec<String>,
    /// The message number the reply is about.
    #[serde(default)]
    pub number: Option<u64>,
    /// TOP's line count.
    #[serde(default)]
    pub lines: Option<u64>,
    /// The RFC 2449 response code (`IN-USE`).
    #[serde(default)]
    pub code: Option<String>,
    /// `ok` or `err`.
    #[serde(default)]
    pub status: Option<StatusName>,
    /// The verb the reply answers (`TOP`), in any case.
    #[serde(default)]
    pub command: Option<String>,
}

/// A reply's status as a goal names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusName {
    /// `+OK`.
    Ok,
    /// `-ERR`.
    Err,
}

/// One choice of a `diagnosis` goal.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiagnosisOption {
    /// Stable within the goal.
    pub id: String,
    /// What the learner reads.
    pub text: super::Text,
}

/// A reply as the facts keep it: the parts a goal can name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyFact {
    /// The meaning's name (`marked_deleted`).
    pub meaning: String,
    /// Its `number`, if it has one.
    pub number: Option<u64>,
    /// Its `lines`, if it has them.
    pub lines: Option<u64>,
    /// The response code.
    pub code: Option<String>,
    /// `+OK` (`Some(true)`), `-ERR` (`Some(false)`), other (`None`).
    pub ok: Option<bool>,
    /// The verb it answers, upper-case.
    pub command: Option<String>,
}

/// What happened since a step began, and the session's state now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Replies shown.
    pub replies: Vec<ReplyFact>,
    /// Client messages shown: topic name and verify code.
    pub topics: Vec<(String, Option<u32>)>,
    /// States the session was in (live) at some check since the step began.
    pub states: BTreeSet<SessionStateName>,
    /// Messages removed by an UPDATE.
    pub removed: BTreeSet<usize>,
    /// Messages whose deletion mark was dropped.
    pub kept: BTreeSet<usize>,
    /// The option the learner picked last, if any.
    pub diagnosis: Option<String>,
}

impl ReplyPattern {
    fn matches(&self, r: &ReplyFact) -> bool {
        self.meaning.contains(&r.meaning)
            && self.number.is_none_or(|n| r.number == Some(n))
            && self.lines.is_none_or(|n| r.lines == Some(n))
            && self.code.as_ref().is_none_or(|c| r.code.as_ref().is_some_and(|rc| rc.eq_ignore_ascii_case(c)))
            && self.status.is_none_or(|s| r.ok == Some(s == StatusName::Ok))
            && self.command.as_ref().is_none_or(|c| r.command.as_ref().is_some_and(|rc| rc.eq_ignore_ascii_case(c)))
    }

    /// A reply of the wanted kind that missed only on its message number (`RETR 2` for message 1).
    pub fn other_number(&self, r: &ReplyFact) -> Option<(u64, u64)> {
        let wanted = self.number?;
        let got = r.number?;
        let same_kind = self.meaning.contains(&r.meaning);
        (same_kind && got != wanted && r.ok != Some(false)).then_some((wanted, got))
    }
}

impl Goal {
    /// Whether `facts` meet the goal.
    pub fn met(&self, facts: &Facts) -> bool {
        match self {
            Goal::Reply(pattern) => facts.replies.iter().any(|r| pattern.matches(r)),
            Goal::State { state } => facts.states.contains(state),
            Goal::Client { topic, code } => facts
                .topics
                .iter()
                .any(|(name, c)| topic.iter().any(|t| t == name) && code.is_none_or(|code| *c == Some(code))),
            Goal::Removed { number } => facts.removed.contains(number),
            Goal::Kept { number } => facts.kept.contains(number),
            Goal::Diagnosis { answer, .. } => facts.diagnosis.as_deref() == Some(answer.as_str()),
            Goal::All { goals } => goals.iter().all(|g| g.met(facts)),
            Goal::Any { goals } => goals.iter().any(|g| g.met(facts)),
        }
    }

    /// The `diagnosis` goal inside this one, if any: the lesson panel shows its options.
    pub fn diagnosis(&self) -> Option<(&[DiagnosisOption], &str)> {
        match self {
            Goal::Diagnosis { options, answer } => Some((options, answer)),
            Goal::All { goals } | Goal::Any { goals } => goals.iter().find_map(Goal::diagnosis),
            _ => None,
        }
    }

    /// Every reply pattern in this goal (for "why not yet").
    pub fn reply_patterns(&self) -> Vec<&ReplyPattern> {
        match self {
            Goal::Reply(p) => vec![p],
            Goal::All { goals } | Goal::Any { goals } => goals.iter().flat_map(Goal::reply_patterns).collect(),
            _ => vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(meaning: &str, number: Option<u64>) -> ReplyFact {
        ReplyFact { meaning: meaning.into(), number, lines: None, code: None, ok: Some(true), command: None }
    }

    fn goal(json: &str) -> Goal {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn either_retr_or_top_shows_the_headers_of_message_one() {
        let g = goal(
            r#"{"kind":"any","goals":[{"kind":"reply","meaning":["message_follows"],"number":1},
                {"kind":"reply","meaning":["top_follows"],"number":1}]}"#,
        );
        let mut facts = Facts::default();
        assert!(!g.met(&facts));
        facts.replies.push(reply("message_follows", Some(2)));
        assert!(!g.met(&facts), "message 2 is not message 1");
        facts.replies.push(reply("top_follows", Some(1)));
        assert!(g.met(&facts));
        let Goal::Any { goals } = &g else { unreachable!() };
        let Goal::Reply(p) = &goals[0] else { unreachable!() };
        assert_eq!(p.other_number(&reply("message_follows", Some(2))), Some((1, 2)));
    }

    #[test]
    fn all_is_met_in_any_order_and_parts_stay_met() {
        let g =
            goal(r#"{"kind":"all","goals":[{"kind":"state","state":"transaction"},{"kind":"removed","number":2}]}"#);
        let mut facts = Facts::default();
        facts.removed.insert(2);
        assert!(!g.met(&facts));
        facts.states.insert(SessionStateName::Transaction);
        assert!(g.met(&facts));
    }

    #[test]
    fn codes_and_commands_match_in_any_case() {
        let g = goal(r#"{"kind":"reply","meaning":["login_failed","mailbox_in_use"],"code":"in-use","status":"err"}"#);
        let mut r = reply("mailbox_in_use", None);
        r.code = Some("IN-USE".into());
        r.ok = Some(false);
        assert!(g.met(&Facts { replies: vec![r.clone()], ..Facts::default() }));
        r.ok = Some(true);
        assert!(!g.met(&Facts { replies: vec![r], ..Facts::default() }));
    }

    #[test]
    fn unknown_goal_fields_are_refused() {
        assert!(serde_json::from_str::<Goal>(r#"{"kind":"removed","numbr":2}"#).is_err());
        assert!(serde_json::from_str::<Goal>(r#"{"kind":"replay","meaning":[]}"#).is_err());
        assert!(serde_json::from_str::<Goal>(r#"{"kind":"state","state":"update"}"#).is_err());
    }
}
