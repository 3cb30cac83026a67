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

/// A simulated POP3 server.
#[derive(Debug)]
pub struct Server {
    profile: Arc<Profile>,
    mailboxes: BTreeMap<String, Mailbox>,
    next_session: u64,
    /// Failed logins in a row, per client address (for the profile's auth penalty).
    failures: HashMap<String, u32>,
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
                let raw = spec
                    .raw()
                    .map_err(|message| ScenarioError { field: format!("users[{i}].messages[{j}]"), message })?;
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
        self.failures.get(peer).copied().unwrap_or(0)
    }

    pub(crate) fn record_login(&mut self, peer: &str, succeeded: bool) {
        if succeeded {
            self.failures.remove(peer);
        } else {
            let count = self.failures.entry(peer.to_string()).or_insert(0);
            *count = count.saturating_add(1);
        }
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
