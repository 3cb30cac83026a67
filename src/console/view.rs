//! The view model: everything the page shows about the console (the log's chunks, the connection, the
//! session state, the inspector's maildrops, a pause, the suggested commands), taken from the [`Shell`] as one
//! value that is cheap to clone and compare.

use std::rc::Rc;

use pop3_sim::{Listing, SessionState};

use super::connection::{Conn, ConnInfo};
use super::{Chunk, ClientStyle, Shell, Wait};

/// One mailbox as the inspector shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailboxView {
    /// The user.
    pub user: String,
    /// `true`: the logged-in session's view (numbers and deletion marks of this session); `false`: the
    /// server's committed contents.
    pub session_view: bool,
    /// The messages.
    pub rows: Vec<Listing>,
}

/// Everything the UI shows about the console, cheap to clone.
#[derive(Clone, Debug, PartialEq)]
pub struct ShellView {
    /// Bumped on every change.
    pub version: u64,
    /// The log's chunks.
    pub chunks: Vec<Rc<Chunk>>,
    /// Entries no longer kept.
    pub dropped: u64,
    /// The open connection.
    pub connection: Option<ConnInfo>,
    /// The shell prompt, when not connected.
    pub prompt: Option<&'static str>,
    /// The session state: live while connected, the last one after a close, `None` before any connection.
    pub session_state: Option<SessionState>,
    /// Whether `session_state` is live.
    pub live: bool,
    /// The maildrops.
    pub maildrops: Rc<Vec<MailboxView>>,
    /// A pause in progress.
    pub wait: Option<Wait>,
    /// The newest explainable entry.
    pub last_explainable: Option<u64>,
    /// Commands worth trying next.
    pub suggestions: Vec<String>,
    /// The client style.
    pub style: ClientStyle,
    /// The profile's title.
    pub profile_title: String,
    /// The profile's id.
    pub profile_id: String,
}

impl Shell {
    /// Reads the maildrops again for the inspector: the logged-in session's view while there is one, the
    /// server's committed contents otherwise.
    pub(super) fn refresh_maildrops(&mut self) {
        self.maildrops_dirty = false;
        let live = match &self.conn {
            Some(Conn::Sim { session, .. }) => session
                .user()
                .map(str::to_string)
                .zip(session.listing(&self.server))
                .map(|(user, rows)| MailboxView { user, session_view: true, rows }),
            _ => None,
        };
        let views = match live {
            Some(view) => vec![view],
            None => self
                .server
                .users()
                .map(|u| MailboxView {
                    user: u.to_string(),
                    session_view: false,
                    rows: self.server.listing(u).unwrap_or_default(),
                })
                .collect(),
        };
        self.maildrops = Rc::new(views);
    }

    /// The session's state, and whether it is live: live while connected, the last one after a close,
    /// `None` before any connection.
    pub fn session_state(&self) -> (Option<SessionState>, bool) {
        match &self.conn {
            Some(Conn::Sim { session, .. }) => (Some(session.state()), true),
            Some(Conn::Remote { reader, open: true, .. }) => (Some(reader.state()), true),
            _ => (self.last_state, false),
        }
    }

    /// The open connection: where it goes and with which program.
    pub fn connection(&self) -> Option<&ConnInfo> {
        self.conn.as_ref().map(|c| c.info())
    }

    /// What the UI shows.
    pub fn view(&self) -> ShellView {
        let (session_state, live) = self.session_state();
        ShellView {
            version: self.version,
            chunks: self.log.chunks().to_vec(),
            dropped: self.log.dropped(),
            connection: self.connection().cloned(),
            prompt: if self.conn.is_none() { Some(self.style.prompt()) } else { None },
            session_state,
            live,
            maildrops: Rc::clone(&self.maildrops),
            wait: self.wait.as_ref().map(|w| w.wait),
            last_explainable: self.log.last_explainable().map(|e| e.id),
            suggestions: self.suggestions(),
            style: self.style,
            profile_title: self.server.profile().title.clone(),
            profile_id: self.server.profile().id.clone(),
        }
    }

    /// Commands worth trying next, for the suggestion buttons.
    pub fn suggestions(&self) -> Vec<String> {
        let user = self.scenario.users.first();
        match &self.conn {
            None => match self.scenario.hosts.first() {
                Some(host) => vec![format!("telnet {host} 110")],
                None => vec!["help".into()],
            },
            Some(Conn::AwaitingHandshake { .. }) => vec![],
            Some(Conn::Sim { session, info }) if !info.expects_tls => match session.state() {
                SessionState::Authorization => {
                    let mut out = Vec::new();
                    if let Some(u) = user {
                        let user_line = format!("USER {}", u.name);
                        let pass_line = format!("PASS {}", u.password.expose());
                        if self.last_user_accepted {
                            out.push(pass_line);
                            out.push(user_line);
                        } else {
                            out.push(user_line);
                            out.push(pass_line);
                        }
                    }
                    out.push("CAPA".into());
                    out.push("QUIT".into());
                    out
                }
                SessionState::Transaction => {
                    ["STAT", "LIST", "UIDL", "RETR 1", "TOP 1 0", "DELE 1", "RSET", "QUIT"].map(String::from).to_vec()
                }
                _ => vec![],
            },
            Some(_) => vec![],
        }
    }
}
