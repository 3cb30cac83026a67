//! The simulated server: one profile and the users' mailboxes, shared by all its sessions.
//!
//! Sessions do not own the server; every call that may touch a mailbox takes `&mut Server`. A driver with
//! many connections (the TCP mode) keeps the server behind one lock; the browser keeps it in its state.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::maildrop::{Listing, Mailbox, Message, SessionId};
use crate::profile::Profile;
use crate::scenario::{Fault, NetworkFault, Scenario, ScenarioError};
use crate::session::{Session, SessionConfig};

/// At most this many client addresses' failed logins are remembered: past it, the oldest records (by last
/// failure) are let go, so failures from many addresses cost bounded memory. An attacker with more addresses
/// than this can make the server forget an address's penalty or ban early; one with fewer cannot.
pub const MAX_FAILURE_RECORDS: usize = 10_000;
/// An address's record is forgotten this long after its last failure (Dovecot's anvil forgets an auth
/// penalty after an hour; fail2ban's default ban is shorter).
pub const FAILURE_RECORD_TTL_MS: u64 = 60 * 60 * 1000;

/// What the server remembers of one client address's failed logins.
#[derive(Debug, Default)]
struct Failures {
    /// Failed logins in a row.
    in_a_row: u32,
    /// The auth penalty level (an index into the profile's `penalty_ms`).
    level: usize,
    /// When the level was last raised, on the driver's clock.
    raised_at: u64,
    /// A fingerprint of the credential that failed last.
    last_credential: Option<u64>,
    /// When the last failure was, on the driver's clock.
    last_ms: u64,
}

/// A simulated POP3 server.
#[derive(Debug)]
pub struct Server {
    profile: Arc<Profile>,
    mailboxes: BTreeMap<String, Mailbox>,
    next_session: u64,
    /// Failed logins, per client address (the profile's auth penalty, `too_many_failures`).
    failures: HashMap<String, Failures>,
    /// When expired failure records were last let go ([`Server::expire_failures`]).
    failures_swept_ms: u64,
    /// The scenario's injected faults.
    faults: Arc<[Fault]>,
}

impl Server {
    /// A server for a scenario (validated first).
    pub fn new(scenario: &Scenario) -> Result<Server, ScenarioError> {
        scenario.validate()?;
        let profile = Arc::new(scenario.resolved_profile()?);
        let mut mailboxes = BTreeMap::new();
        for (i, user) in scenario.users.iter().enumerate() {
            let mut messages = Vec::with_capacity(user.messages.len());
            let mut uid = 0u32;
            for (j, spec) in user.messages.iter().enumerate() {
                uid = spec.uid.unwrap_or(uid.saturating_add(1));
                let raw = spec.raw().map_err(|kind| ScenarioError::new(format!("users[{i}].messages[{j}]"), kind))?;
                let uidl = spec.uidl.clone().unwrap_or_else(|| profile.uidl.format(uid, user.uid_validity));
                messages.push(Arc::new(Message::new(uid, uidl, &raw)));
            }
            let local = user.name.split('@').next().unwrap_or(&user.name);
            // A `mailbox_locked` fault: a session that is not there (the user's phone, another Outlook)
            // holds the lock from the start and never lets go.
            let locked = scenario.faults.iter().any(|f| match f {
                Fault::MailboxLocked { user: u } => u.as_ref().is_none_or(|u| *u == user.name),
                _ => false,
            });
            mailboxes.insert(
                user.name.clone(),
                Mailbox {
                    password: user.password.clone(),
                    apop_secret: user.apop_secret.clone().unwrap_or_else(|| user.password.clone()),
                    uid_validity: user.uid_validity,
                    messages,
                    locked_by: locked.then_some(SessionId::PHANTOM),
                    unavailable: user.unavailable,
                    path: user.path.clone().unwrap_or_else(|| format!("/home/{local}/Maildir")),
                },
            );
        }
        Ok(Server {
            profile,
            mailboxes,
            next_session: 1,
            failures: HashMap::new(),
            failures_swept_ms: 0,
            faults: scenario.faults.clone().into(),
        })
    }

    /// The profile every session of this server speaks.
    pub fn profile(&self) -> &Arc<Profile> {
        &self.profile
    }

    /// Accepts a connection: the new session has its greeting queued.
    pub fn connect(&mut self, config: SessionConfig) -> Session {
        let id = SessionId(self.next_session);
        self.next_session += 1;
        Session::new(id, Arc::clone(&self.profile), Arc::clone(&self.faults), config)
    }

    /// A user's mailbox.
    pub fn mailbox(&self, user: &str) -> Option<&Mailbox> {
        self.mailboxes.get(user)
    }

    /// The network-stage fault a connection from `peer` to `port` meets: the scenario's own (see
    /// [`Scenario::network_fault`]), else a ban earned by too many failed logins.
    pub fn network_fault(&self, peer: &str, port: u16) -> Option<NetworkFault> {
        self.faults.iter().find_map(|f| f.on_connect(port)).or_else(|| {
            self.faults.iter().find_map(|f| match f {
                Fault::TooManyFailures { after, ban: Some(ban) } if self.failures_from(peer) >= *after => {
                    Some((*ban).into())
                }
                _ => None,
            })
        })
    }

    /// Failed logins in a row from a client address.
    pub fn failures_from(&self, peer: &str) -> u32 {
        self.failures.get(peer).map_or(0, |f| f.in_a_row)
    }

    /// The auth penalty level of a client address at `now_ms`, decayed as Dovecot's `auth-penalty.c` does it:
    /// from the highest level down, one level is forgiven for each level's wait that has passed since the
    /// penalty was last raised.
    pub(crate) fn penalty_level(&self, peer: &str, now_ms: u64, penalty_ms: &[u64]) -> usize {
        let Some(f) = self.failures.get(peer) else { return 0 };
        let mut level = f.level;
        let mut drop = penalty_ms.len().saturating_sub(1);
        while level > 0 && now_ms.saturating_sub(f.raised_at) >= penalty_ms.get(drop).copied().unwrap_or(0) {
            drop = drop.saturating_sub(1);
            level -= 1;
        }
        level
    }

    /// A failed login from `peer` at `now_ms` with a credential whose fingerprint is `credential`: the count in
    /// a row grows; the penalty level is raised (up to the profile's highest) unless the credential is the one
    /// that failed last time — Dovecot does not punish a client for retrying the same wrong password.
    pub(crate) fn record_failure(&mut self, peer: &str, now_ms: u64, credential: u64, penalty_ms: &[u64]) {
        let level = self.penalty_level(peer, now_ms, penalty_ms);
        let f = self.failures.entry(peer.to_string()).or_default();
        f.last_ms = now_ms;
        f.in_a_row = f.in_a_row.saturating_add(1);
        if f.last_credential != Some(credential) {
            f.level = (level + 1).min(penalty_ms.len().saturating_sub(1));
            f.raised_at = now_ms;
            f.last_credential = Some(credential);
        }
        self.expire_failures(now_ms);
        if self.failures.len() > MAX_FAILURE_RECORDS {
            self.sweep_failures(now_ms);
        }
        if self.failures.len() > MAX_FAILURE_RECORDS {
            // Let the oldest eighth go at once, so the cost of the scan is shared by many failures.
            let mut ages: Vec<(u64, String)> = self.failures.iter().map(|(k, f)| (f.last_ms, k.clone())).collect();
            let cut = ages.len() - MAX_FAILURE_RECORDS * 7 / 8;
            ages.select_nth_unstable(cut - 1);
            for (_, peer) in &ages[..cut] {
                self.failures.remove(peer);
            }
        }
    }

    /// Lets go of the failure records older than [`FAILURE_RECORD_TTL_MS`] at `now_ms`, if the last sweep was
    /// a quarter of that ago or more (so calling it for every connection is cheap). A driver calls it before
    /// asking for a connection's [`Server::network_fault`], so that a ban ends.
    pub fn expire_failures(&mut self, now_ms: u64) {
        if now_ms.saturating_sub(self.failures_swept_ms) >= FAILURE_RECORD_TTL_MS / 4 {
            self.sweep_failures(now_ms);
        }
    }

    fn sweep_failures(&mut self, now_ms: u64) {
        self.failures.retain(|_, f| now_ms.saturating_sub(f.last_ms) <= FAILURE_RECORD_TTL_MS);
        self.failures_swept_ms = now_ms;
    }

    /// How many client addresses' failures are remembered.
    pub fn failure_records(&self) -> usize {
        self.failures.len()
    }

    /// A successful login clears the address's record.
    pub(crate) fn record_success(&mut self, peer: &str) {
        self.failures.remove(peer);
    }

    pub(crate) fn mailbox_mut(&mut self, user: &str) -> Option<&mut Mailbox> {
        self.mailboxes.get_mut(user)
    }

    /// The user names, sorted.
    pub fn users(&self) -> impl Iterator<Item = &str> {
        self.mailboxes.keys().map(String::as_str)
    }

    /// A mailbox's committed contents, for the inspector.
    pub fn listing(&self, user: &str) -> Option<Vec<Listing>> {
        let mailbox = self.mailboxes.get(user)?;
        Some(
            mailbox
                .messages
                .iter()
                .enumerate()
                .map(|(i, m)| Listing {
                    number: i + 1,
                    octets: m.size(),
                    uidl: m.uidl().to_string(),
                    deleted: false,
                    expunged: false,
                    subject: m.subject(),
                })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::builtin;

    #[test]
    fn the_failed_login_table_stays_bounded_and_forgets() {
        let mut server = Server::new(&builtin("dovecot-reference").unwrap()).unwrap();
        let penalty = [0, 4_000, 8_000];
        for i in 0..(3 * MAX_FAILURE_RECORDS as u32) {
            let peer = std::net::Ipv4Addr::from(0x0a00_0000 + i).to_string();
            server.record_failure(&peer, u64::from(i), 7, &penalty);
            assert!(server.failure_records() <= MAX_FAILURE_RECORDS, "{} records", server.failure_records());
        }
        let newest = std::net::Ipv4Addr::from(0x0a00_0000 + 3 * MAX_FAILURE_RECORDS as u32 - 1).to_string();
        assert_eq!(server.failures_from(&newest), 1, "the newest failures are kept");
        assert_eq!(server.failures_from("10.0.0.0"), 0, "the oldest were let go");
        // Failures older than the TTL are forgotten.
        server.record_failure("192.0.2.1", 10_000_000, 7, &penalty);
        server.expire_failures(10_000_000 + FAILURE_RECORD_TTL_MS + 1);
        assert_eq!(server.failure_records(), 0);
        assert_eq!(server.failures_from("192.0.2.1"), 0);
    }
}
