//! The learner's mistakes, read from what the simulator and the client program said (never from the typed
//! text alone): the hints that react to them. Users of tutors ask for hints that get more specific after a
//! mistake; the simulator knows exactly which mistake it was.

use pop3_sim::{SessionState, Verb};

use super::goal::SessionStateName;
use super::observation::{ClientEvent, ReplyEvent};

/// A mistake worth a hint of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mistake {
    /// A mail command (`RETR`, `STAT`, …) before logging in.
    LoginFirst {
        /// The command, upper-case.
        verb: String,
    },
    /// `PASS` with no `USER` before it.
    PassBeforeUser,
    /// A command the server does not know, and the one the learner probably meant.
    Typo {
        /// What was typed (the server's reading of it).
        typed: String,
        /// The nearest POP3 command, if one is close.
        meant: Option<String>,
    },
    /// `telnet` to a name that does not resolve, while the scenario's hosts do.
    WrongHost {
        /// The name typed.
        host: String,
        /// A name that works.
        right: Option<String>,
    },
    /// A port with nothing listening (POP3 is 110, POP3 over TLS 995).
    WrongPort {
        /// The port typed.
        port: String,
    },
    /// The connection ended without QUIT while messages were marked deleted: they stay.
    DroppedWithDeletions {
        /// How many marks were dropped.
        count: usize,
    },
}

/// The mistake a reply shows, if any.
pub fn in_reply(reply: &ReplyEvent) -> Option<Mistake> {
    if reply.fact.meaning == "pass_without_user" {
        return Some(Mistake::PassBeforeUser);
    }
    if let (Some(verb), Some(SessionStateName::Authorization)) = (&reply.wrong_state_verb, reply.state) {
        return Some(Mistake::LoginFirst { verb: verb.clone() });
    }
    let typed = reply.unknown_verb.as_ref()?;
    Some(Mistake::Typo { typed: typed.clone(), meant: nearest_verb(typed) })
}

/// The mistake a client program's message shows, if any, in a world whose server answers at `hosts`.
pub fn in_client(client: &ClientEvent, hosts: &[String]) -> Option<Mistake> {
    if let Some(host) = &client.host {
        let right = hosts.iter().min_by_key(|h| distance(&h.to_ascii_lowercase(), &host.to_ascii_lowercase()));
        return Some(Mistake::WrongHost { host: host.clone(), right: right.cloned() });
    }
    client.port.as_ref().map(|port| Mistake::WrongPort { port: port.clone() })
}

/// The POP3 command at most two edits away from `typed` (`RETRR` → `RETR`, `LSIT` → `LIST`).
fn nearest_verb(typed: &str) -> Option<String> {
    let typed = typed.to_ascii_uppercase();
    let verbs = SessionState::Authorization
        .allowed_verbs()
        .iter()
        .chain(SessionState::Transaction.allowed_verbs())
        .map(Verb::name);
    if verbs.clone().any(|name| name == typed) {
        return None;
    }
    verbs.map(|name| (distance(name, &typed), name)).filter(|(d, _)| *d <= 2).min().map(|(_, name)| name.to_string())
}

/// The edit distance between two words, a swap of neighbours counting as one edit (optimal string
/// alignment), so `LSIT` is one edit from `LIST`.
fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_point_at_the_command_meant() {
        assert_eq!(nearest_verb("RETRR").as_deref(), Some("RETR"));
        assert_eq!(nearest_verb("lsit").as_deref(), Some("LIST"));
        assert_eq!(nearest_verb("STAT"), None, "not a typo");
        assert_eq!(nearest_verb("HELLO"), None, "too far from any command");
        assert_eq!(nearest_verb(&"X".repeat(10_000)), None);
    }

    #[test]
    fn a_misspelt_host_points_at_the_right_one() {
        let hosts = vec!["pop.outlook.pl".to_string(), "outlook.pl".to_string()];
        let client =
            ClientEvent { topic: "unresolvable".into(), code: None, host: Some("pop.outlok.pl".into()), port: None };
        let m = in_client(&client, &hosts);
        assert_eq!(m, Some(Mistake::WrongHost { host: "pop.outlok.pl".into(), right: Some("pop.outlook.pl".into()) }));
    }
}
