//! The scenario file as written: like [`Scenario`], except that with a `base` the profile, hosts and users
//! may be left out. Reading fills them in from the base world; writing leaves out whatever still equals the
//! base, so a scenario built on `seed` travels in a link as a few hundred octets, not the seed's 53 KB. The
//! `demo` is always the file's own.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{error, library, About, DemoStep, Fault, ProfileRef, Scenario, ScenarioError, ScenarioErrorKind, User};

/// See the module documentation.
#[cfg_attr(test, derive(databake::Bake), databake(path = crate::scenario::file))]
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ScenarioFile {
    pub(super) version: u32,
    pub(super) id: String,
    pub(super) title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) base: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(super) about: BTreeMap<String, About>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) errors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) profile: Option<ProfileRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) lock_session: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) hosts: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) users: Option<Vec<User>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) faults: Vec<Fault>,
    /// The scenario's own, never its base's: a base is a world, and a world has no demo.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) demo: Vec<DemoStep>,
}

impl ScenarioFile {
    /// The title in language `lang`, as the scenario read from this file gives it (its base has no say).
    pub(super) fn title_in(&self, lang: &str) -> String {
        super::title_in(&self.about, &self.title, lang)
    }

    /// Fills in what the file leaves to its base.
    pub(super) fn resolve(self) -> Result<Scenario, ScenarioError> {
        let base = match &self.base {
            None => None,
            Some(id) => Some(library::world(id).ok_or_else(|| {
                error("base", ScenarioErrorKind::UnknownValue { value: id.clone(), expected: &library::WORLD_IDS })
            })?),
        };
        let profile = match (self.profile, &base) {
            (Some(p), _) => p,
            (None, Some(b)) => b.profile.clone(),
            (None, None) => return Err(error("profile", ScenarioErrorKind::NoProfile)),
        };
        Ok(Scenario {
            version: self.version,
            id: self.id,
            title: self.title,
            about: self.about,
            errors: self.errors,
            source: self.source,
            profile,
            lock_session: self.lock_session.or_else(|| base.as_ref().and_then(|b| b.lock_session)),
            hosts: self.hosts.or_else(|| base.as_ref().map(|b| b.hosts.clone())).unwrap_or_default(),
            users: match (self.users, &base) {
                (Some(users), Some(b)) => users.into_iter().map(|u| inherit_messages(u, &b.users)).collect(),
                (Some(users), None) => users,
                (None, Some(b)) => b.users.clone(),
                (None, None) => Vec::new(),
            },
            faults: self.faults,
            demo: self.demo,
            base: self.base,
        })
    }
}

/// With a base, a user given without messages keeps the messages of the base's user of the same name (the
/// same mailbox with another password, say).
fn inherit_messages(mut user: User, base_users: &[User]) -> User {
    if user.messages.is_empty() {
        if let Some(b) = base_users.iter().find(|b| b.name == user.name) {
            user.messages = b.messages.clone();
        }
    }
    user
}

impl From<&Scenario> for ScenarioFile {
    fn from(s: &Scenario) -> ScenarioFile {
        // A mailbox emptied that the base fills cannot be written with the base (a user without messages
        // inherits them), so such a scenario is written out whole.
        let base = s.base.as_deref().and_then(library::world).filter(|b| {
            !s.users
                .iter()
                .any(|u| u.messages.is_empty() && b.users.iter().any(|bu| bu.name == u.name && !bu.messages.is_empty()))
        });
        // A part equal to the base's is inherited, not written.
        fn own<T: PartialEq + Clone>(mine: &T, base: Option<&T>) -> Option<T> {
            (base != Some(mine)).then(|| mine.clone())
        }
        ScenarioFile {
            version: s.version,
            id: s.id.clone(),
            title: s.title.clone(),
            base: base.and(s.base.clone()),
            about: s.about.clone(),
            errors: s.errors.clone(),
            source: s.source.clone(),
            profile: own(&s.profile, base.as_ref().map(|b| &b.profile)),
            lock_session: own(&s.lock_session, base.as_ref().map(|b| &b.lock_session)).flatten(),
            hosts: own(&s.hosts, base.as_ref().map(|b| &b.hosts)),
            users: own(&s.users, base.as_ref().map(|b| &b.users)).map(|users| {
                let base_users = base.as_ref().map(|b| b.users.as_slice()).unwrap_or_default();
                users.into_iter().map(|u| leave_inherited_messages(u, base_users)).collect()
            }),
            faults: s.faults.clone(),
            demo: s.demo.clone(),
        }
    }
}

/// The reverse of [`inherit_messages`]: messages equal to the base user's are left out.
fn leave_inherited_messages(mut user: User, base_users: &[User]) -> User {
    if base_users.iter().any(|b| b.name == user.name && b.messages == user.messages) {
        user.messages.clear();
    }
    user
}
