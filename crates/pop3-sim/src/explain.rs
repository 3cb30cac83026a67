//! Explanations as data: what each reply means, for the tutor's explain pane.
//!
//! Every [`crate::Reply`] carries an [`Explanation`]: the command and state that produced it, the decoded
//! numbers, and a [`Meaning`]. From the meaning come the RFC section ([`Explanation::rfc`]) and, for errors,
//! the likely [`Cause`] and the [`NextStep`] to try. The core gives only keys and values; the app holds the
//! English and Polish sentences for them.
//!
//! The simulator knows more than the wire shows: Courier answers `-ERR Invalid message number.` for a
//! message that does not exist, one that is deleted and one that is not a number alike, and the meaning
//! still tells them apart. A server that answers `-ERR Invalid command.` to `STAT` before login is refusing
//! a valid command in the wrong state, and the meaning says [`Meaning::WrongState`].

use serde::Serialize;

use crate::command::Verb;
use crate::line::LineEnding;
use crate::session::SessionState;

/// The reply's status indicator (RFC 1939 §3, RFC 5034 §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// `+OK`.
    Ok,
    /// `-ERR`.
    Err,
    /// `+ ` (a SASL continuation).
    Continuation,
    /// Anything else (a server that breaks the protocol).
    Other,
}

/// Why a login failed, as the simulator knows it (the server's text rarely says).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginFailure {
    /// No such user on this server.
    UnknownUser,
    /// The user exists, the password (or digest) is wrong.
    WrongPassword,
    /// The SASL data did not hold a user name and password.
    MalformedCredentials,
}

/// What a reply means. (Field names say what they hold; each variant's doc says what it means.)
#[allow(missing_docs)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Meaning {
    /// The server is ready; `apop_timestamp` is the APOP challenge if the greeting has one.
    Greeting { apop_timestamp: Option<String> },
    /// USER accepted; the server now waits for PASS (it has not checked the name).
    UserAccepted,
    /// Logged in; the maildrop holds `messages` messages of `octets` octets.
    LoggedIn { messages: usize, octets: u64 },
    /// Login refused.
    LoginFailed { reason: LoginFailure },
    /// PASS came without a USER before it.
    PassWithoutUser,
    /// APOP's arguments are not a name and a 32-digit hex digest.
    ApopMalformed,
    /// The server does not offer APOP.
    ApopNotEnabled,
    /// Plaintext login refused until TLS is on (STLS, or port 995).
    PlaintextRefused,
    /// The list of SASL mechanisms (AUTH without a mechanism).
    SaslMechanisms { mechanisms: Vec<String> },
    /// A SASL challenge; `decoded` is its base64 decoded (e.g. `Username:`).
    SaslChallenge { mechanism: String, decoded: String },
    /// The client's SASL data was not valid base64.
    SaslBadBase64,
    /// The client cancelled SASL with `*`.
    SaslCancelled,
    /// The server does not offer this SASL mechanism.
    SaslUnknownMechanism { mechanism: String },
    /// Another session holds the mailbox.
    MailboxInUse,
    /// The server cannot open the mailbox (a server-side fault).
    MailboxUnavailable,
    /// The server does not know this command.
    UnknownCommand { verb: String },
    /// A valid POP3 command sent in a state that does not allow it.
    WrongState { verb: Verb },
    /// The command's arguments are missing or malformed.
    BadArguments { verb: Verb },
    /// Too many failed commands in a row: the server hangs up.
    TooManyBadCommands,
    /// The command line was longer than the server accepts: it hangs up.
    LineTooLong,
    /// The capability list.
    Capabilities { capabilities: Vec<String> },
    /// STLS accepted: TLS negotiation starts now.
    StlsBegin,
    /// STLS while TLS is already active.
    StlsAlreadyActive,
    /// The server has no TLS.
    StlsUnavailable,
    /// UTF-8 mode on.
    Utf8Enabled,
    /// STAT: `messages` messages, `octets` octets (deleted ones excluded).
    Status { messages: usize, octets: u64 },
    /// LIST: a scan listing of `messages` messages follows.
    ScanListing { messages: usize, octets: u64 },
    /// LIST n: message `number` has `octets` octets.
    ScanLine { number: usize, octets: u64 },
    /// RETR: message `number` follows, `octets` octets.
    MessageFollows { number: usize, octets: u64 },
    /// TOP: the header and `lines` body lines of message `number` follow.
    TopFollows { number: usize, lines: u64 },
    /// UIDL: unique ids of `messages` messages follow.
    UidlListing { messages: usize },
    /// UIDL n: message `number`'s unique id.
    UidlLine { number: usize, uidl: String },
    /// No message with this number (0, or more than the maildrop holds).
    NoSuchMessage { number: u64 },
    /// The message is marked deleted in this session.
    MessageDeleted { number: usize },
    /// The message number is not a number; `argument` is what was given.
    InvalidMessageNumber { argument: String },
    /// The message number, `argument` as given, is larger than the server can read: its message numbers go
    /// up to `limit` (Dovecot: 32 bits).
    MessageNumberTooLarge { argument: String, limit: u64 },
    /// TOP's line count is missing or not a number.
    InvalidLineCount { argument: String },
    /// Message `number` is marked deleted; QUIT will remove it.
    MarkedDeleted { number: usize },
    /// RSET: `restored` messages unmarked.
    Reset { restored: usize },
    /// NOOP.
    Noop,
    /// QUIT in TRANSACTION: the UPDATE state removed `deleted` messages; the session ends.
    LoggedOut { deleted: usize },
    /// QUIT in AUTHORIZATION: the session ends; nothing changes.
    Goodbye,
    /// The message was removed by another session after this one logged in.
    MessageGone { number: usize },
    /// The server closes an idle session.
    Inactivity,
    /// The connection dropped part-way through this reply: `sent` of its `total` octets arrived (a scenario
    /// fault: a flaky link, a middlebox that gives up).
    Dropped { sent: u64, total: u64 },
    /// A real server's reply, read off the wire (the tutor's real-server mode): what it means comes from its
    /// status, its response code and the command it answers.
    Observed,
    /// A reply the scenario scripts (fault number `fault` of the scenario): what it means is in its
    /// response code.
    Scripted { fault: usize },
}

impl Meaning {
    /// Every meaning's [`name`](Meaning::name).
    pub const NAMES: [&'static str; 47] = [
        "greeting",
        "user_accepted",
        "logged_in",
        "login_failed",
        "pass_without_user",
        "apop_malformed",
        "apop_not_enabled",
        "plaintext_refused",
        "sasl_mechanisms",
        "sasl_challenge",
        "sasl_bad_base64",
        "sasl_cancelled",
        "sasl_unknown_mechanism",
        "mailbox_in_use",
        "mailbox_unavailable",
        "unknown_command",
        "wrong_state",
        "bad_arguments",
        "too_many_bad_commands",
        "line_too_long",
        "capabilities",
        "stls_begin",
        "stls_already_active",
        "stls_unavailable",
        "utf8_enabled",
        "status",
        "scan_listing",
        "scan_line",
        "message_follows",
        "top_follows",
        "uidl_listing",
        "uidl_line",
        "no_such_message",
        "message_deleted",
        "invalid_message_number",
        "message_number_too_large",
        "invalid_line_count",
        "marked_deleted",
        "reset",
        "noop",
        "logged_out",
        "goodbye",
        "message_gone",
        "inactivity",
        "dropped",
        "observed",
        "scripted",
    ];

    /// The meaning's name, as it is serialised (`marked_deleted`): the names lesson goals use
    /// (`docs/lesson-format.md`). Written out rather than read back from the serialisation, so a page that only
    /// needs the name does not carry the serialiser; a test checks that both agree.
    pub fn name(&self) -> &'static str {
        match self {
            Meaning::Greeting { .. } => "greeting",
            Meaning::UserAccepted => "user_accepted",
            Meaning::LoggedIn { .. } => "logged_in",
            Meaning::LoginFailed { .. } => "login_failed",
            Meaning::PassWithoutUser => "pass_without_user",
            Meaning::ApopMalformed => "apop_malformed",
            Meaning::ApopNotEnabled => "apop_not_enabled",
            Meaning::PlaintextRefused => "plaintext_refused",
            Meaning::SaslMechanisms { .. } => "sasl_mechanisms",
            Meaning::SaslChallenge { .. } => "sasl_challenge",
            Meaning::SaslBadBase64 => "sasl_bad_base64",
            Meaning::SaslCancelled => "sasl_cancelled",
            Meaning::SaslUnknownMechanism { .. } => "sasl_unknown_mechanism",
            Meaning::MailboxInUse => "mailbox_in_use",
            Meaning::MailboxUnavailable => "mailbox_unavailable",
            Meaning::UnknownCommand { .. } => "unknown_command",
            Meaning::WrongState { .. } => "wrong_state",
            Meaning::BadArguments { .. } => "bad_arguments",
            Meaning::TooManyBadCommands => "too_many_bad_commands",
            Meaning::LineTooLong => "line_too_long",
            Meaning::Capabilities { .. } => "capabilities",
            Meaning::StlsBegin => "stls_begin",
            Meaning::StlsAlreadyActive => "stls_already_active",
            Meaning::StlsUnavailable => "stls_unavailable",
            Meaning::Utf8Enabled => "utf8_enabled",
            Meaning::Status { .. } => "status",
            Meaning::ScanListing { .. } => "scan_listing",
            Meaning::ScanLine { .. } => "scan_line",
            Meaning::MessageFollows { .. } => "message_follows",
            Meaning::TopFollows { .. } => "top_follows",
            Meaning::UidlListing { .. } => "uidl_listing",
            Meaning::UidlLine { .. } => "uidl_line",
            Meaning::NoSuchMessage { .. } => "no_such_message",
            Meaning::MessageDeleted { .. } => "message_deleted",
            Meaning::InvalidMessageNumber { .. } => "invalid_message_number",
            Meaning::MessageNumberTooLarge { .. } => "message_number_too_large",
            Meaning::InvalidLineCount { .. } => "invalid_line_count",
            Meaning::MarkedDeleted { .. } => "marked_deleted",
            Meaning::Reset { .. } => "reset",
            Meaning::Noop => "noop",
            Meaning::LoggedOut { .. } => "logged_out",
            Meaning::Goodbye => "goodbye",
            Meaning::MessageGone { .. } => "message_gone",
            Meaning::Inactivity => "inactivity",
            Meaning::Dropped { .. } => "dropped",
            Meaning::Observed => "observed",
            Meaning::Scripted { .. } => "scripted",
        }
    }

    /// The message number the reply is about, if it is about one.
    pub fn number(&self) -> Option<u64> {
        match self {
            Meaning::ScanLine { number, .. }
            | Meaning::MessageFollows { number, .. }
            | Meaning::TopFollows { number, .. }
            | Meaning::UidlLine { number, .. }
            | Meaning::MessageDeleted { number }
            | Meaning::MarkedDeleted { number }
            | Meaning::MessageGone { number } => Some(*number as u64),
            Meaning::NoSuchMessage { number } => Some(*number),
            _ => None,
        }
    }

    /// TOP's line count.
    pub fn lines(&self) -> Option<u64> {
        match self {
            Meaning::TopFollows { lines, .. } => Some(*lines),
            _ => None,
        }
    }
}

/// A reference into the RFCs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Rfc {
    /// RFC number.
    pub number: u16,
    /// Section.
    pub section: &'static str,
}

/// Likely causes of an error, as keys for the app's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// The user name does not exist on this server.
    UnknownUser,
    /// The password or digest is wrong.
    WrongPassword,
    /// Commands out of order (PASS before USER).
    CommandOrder,
    /// A typo, or a command this server does not implement.
    UnknownCommand,
    /// A command that needs login sent before it, or a login command after it.
    WrongState,
    /// A message number that is not in the maildrop.
    NoSuchMessage,
    /// The message was marked deleted earlier in the session.
    AlreadyDeleted,
    /// Malformed arguments.
    Syntax,
    /// The server's limit on failed commands.
    TooManyErrors,
    /// The line was too long.
    LineTooLong,
    /// Another client (often a phone or a second Outlook) holds the mailbox.
    MailboxLocked,
    /// A problem on the server itself.
    ServerFault,
    /// The server has no TLS on this port.
    NoTls,
    /// The server accepts passwords only over TLS.
    TlsRequired,
    /// SASL data not base64-encoded.
    Base64,
    /// The client gave up the SASL exchange.
    Cancelled,
    /// The mechanism is not offered.
    MechanismUnsupported,
    /// Another session expunged the message.
    ExpungedElsewhere,
    /// The session was idle too long.
    Idle,
    /// A permanent problem with the account or mailbox (`[SYS/PERM]`).
    AccountProblem,
    /// Logged in again too soon (`[LOGIN-DELAY]`).
    LoginTooSoon,
    /// The connection broke in the middle of a reply (the network, a firewall or antivirus program).
    ConnectionDropped,
}

/// What to try next, as keys for the app's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NextStep {
    /// Send PASS with the password.
    SendPass,
    /// Check the user name (often the full address) and the password; mind the keyboard layout and Caps Lock.
    CheckCredentials,
    /// Send USER first.
    SendUserFirst,
    /// Check the spelling; CAPA lists what the server supports.
    CheckSpelling,
    /// Log in first (USER and PASS).
    LoginFirst,
    /// Use STAT or LIST to see which numbers exist.
    ListMessages,
    /// RSET unmarks deleted messages.
    UseRset,
    /// Check the arguments the command takes.
    CheckArguments,
    /// Reconnect and try again.
    Reconnect,
    /// Close the other mail client, or wait for it to finish, then log in again.
    CloseOtherClient,
    /// Tell the server's administrator.
    ContactAdmin,
    /// Use a client with TLS, or ask whether the server offers it on another port.
    UseTls,
    /// Encode the data in base64.
    EncodeBase64,
    /// Use a mechanism from CAPA's SASL line.
    UseListedMechanism,
    /// Use RETR, TOP, LIST or UIDL now.
    ReadMessages,
    /// QUIT to end the session (and commit deletions).
    Quit,
    /// Negotiate TLS now.
    StartTlsHandshake,
    /// Wait the time the server asks (CAPA's LOGIN-DELAY), then log in again.
    WaitBeforeLogin,
}

/// Everything the tutor knows about one reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The command that produced the reply; `None` for the greeting and for replies the server sends on its own.
    pub command: Option<Verb>,
    /// The state the session was in when the command arrived.
    pub state: SessionState,
    /// `+OK`, `-ERR` or `+ `.
    pub status: Status,
    /// The RFC 2449 extended response code, e.g. `AUTH`, `IN-USE`, `SYS/TEMP`.
    pub code: Option<String>,
    /// What the reply means.
    pub meaning: Meaning,
    /// How the client ended the command line (a bare LF is worth pointing out).
    pub ending: Option<LineEnding>,
    /// The server dropped the end of an over-long command line.
    pub truncated: bool,
}

impl Explanation {
    /// Where the RFCs describe this reply.
    pub fn rfc(&self) -> Rfc {
        let (number, section) = match &self.meaning {
            Meaning::Greeting { apop_timestamp: Some(_) } => (1939, "7 (APOP)"),
            Meaning::Greeting { .. } => (1939, "4"),
            Meaning::UserAccepted | Meaning::PassWithoutUser => (1939, "7 (USER, PASS)"),
            Meaning::LoggedIn { .. } | Meaning::LoginFailed { .. } => match self.command {
                Some(Verb::Apop) => (1939, "7 (APOP)"),
                Some(Verb::Auth) => (5034, "4"),
                _ => (1939, "7 (PASS)"),
            },
            Meaning::ApopMalformed | Meaning::ApopNotEnabled => (1939, "7 (APOP)"),
            Meaning::PlaintextRefused => (2595, "4"),
            Meaning::SaslMechanisms { .. }
            | Meaning::SaslChallenge { .. }
            | Meaning::SaslBadBase64
            | Meaning::SaslCancelled
            | Meaning::SaslUnknownMechanism { .. } => (5034, "4"),
            Meaning::MailboxInUse => (2449, "8.1.2 (IN-USE)"),
            Meaning::MailboxUnavailable => (3206, "4 (SYS/TEMP)"),
            Meaning::UnknownCommand { .. } | Meaning::BadArguments { .. } => (1939, "3"),
            Meaning::WrongState { .. } => (1939, "3"),
            Meaning::TooManyBadCommands | Meaning::LineTooLong => (1939, "3"),
            Meaning::Capabilities { .. } => (2449, "5"),
            Meaning::StlsBegin | Meaning::StlsAlreadyActive | Meaning::StlsUnavailable => (2595, "4"),
            Meaning::Utf8Enabled => (6856, "3"),
            Meaning::Status { .. } => (1939, "5 (STAT)"),
            Meaning::ScanListing { .. } | Meaning::ScanLine { .. } => (1939, "5 (LIST)"),
            Meaning::MessageFollows { .. } => (1939, "5 (RETR)"),
            Meaning::TopFollows { .. } | Meaning::InvalidLineCount { .. } => (1939, "7 (TOP)"),
            Meaning::UidlListing { .. } | Meaning::UidlLine { .. } => (1939, "7 (UIDL)"),
            Meaning::NoSuchMessage { .. }
            | Meaning::MessageDeleted { .. }
            | Meaning::InvalidMessageNumber { .. }
            | Meaning::MessageNumberTooLarge { .. }
            | Meaning::MessageGone { .. } => (1939, "5"),
            Meaning::MarkedDeleted { .. } => (1939, "5 (DELE)"),
            Meaning::Reset { .. } => (1939, "5 (RSET)"),
            Meaning::Noop => (1939, "5 (NOOP)"),
            Meaning::LoggedOut { .. } => (1939, "6"),
            Meaning::Goodbye => (1939, "4 (QUIT)"),
            Meaning::Inactivity => (1939, "3 (autologout timer)"),
            Meaning::Dropped { .. } => (1939, "3 (multi-line responses)"),
            Meaning::Scripted { .. } | Meaning::Observed => match self.code.as_deref() {
                Some("SYS/TEMP" | "SYS/PERM" | "AUTH") => (3206, "4"),
                Some("IN-USE") => (2449, "8.1.2 (IN-USE)"),
                Some("LOGIN-DELAY") => (2449, "8.1.1 (LOGIN-DELAY)"),
                _ => (1939, "3"),
            },
        };
        Rfc { number, section }
    }

    /// The likely cause, for error replies.
    pub fn cause(&self) -> Option<Cause> {
        Some(match &self.meaning {
            Meaning::LoginFailed { reason: LoginFailure::UnknownUser } => Cause::UnknownUser,
            Meaning::LoginFailed { .. } => Cause::WrongPassword,
            Meaning::PassWithoutUser => Cause::CommandOrder,
            Meaning::PlaintextRefused => Cause::TlsRequired,
            Meaning::ApopMalformed | Meaning::BadArguments { .. } | Meaning::InvalidLineCount { .. } => Cause::Syntax,
            Meaning::InvalidMessageNumber { .. } => Cause::Syntax,
            Meaning::ApopNotEnabled | Meaning::SaslUnknownMechanism { .. } => Cause::MechanismUnsupported,
            Meaning::SaslBadBase64 => Cause::Base64,
            Meaning::SaslCancelled => Cause::Cancelled,
            Meaning::MailboxInUse => Cause::MailboxLocked,
            Meaning::MailboxUnavailable => Cause::ServerFault,
            Meaning::UnknownCommand { .. } => Cause::UnknownCommand,
            Meaning::WrongState { .. } => Cause::WrongState,
            Meaning::TooManyBadCommands => Cause::TooManyErrors,
            Meaning::LineTooLong => Cause::LineTooLong,
            Meaning::StlsAlreadyActive | Meaning::StlsUnavailable => Cause::NoTls,
            Meaning::NoSuchMessage { .. } | Meaning::MessageNumberTooLarge { .. } => Cause::NoSuchMessage,
            Meaning::MessageDeleted { .. } => Cause::AlreadyDeleted,
            Meaning::MessageGone { .. } => Cause::ExpungedElsewhere,
            Meaning::Inactivity => Cause::Idle,
            Meaning::Dropped { .. } => Cause::ConnectionDropped,
            Meaning::Observed if self.status == Status::Err && self.code.is_none() => match self.command {
                Some(Verb::User | Verb::Pass | Verb::Apop | Verb::Auth) => Cause::WrongPassword,
                Some(Verb::Retr | Verb::Top | Verb::List | Verb::Dele | Verb::Uidl) => Cause::NoSuchMessage,
                _ => Cause::UnknownCommand,
            },
            Meaning::Scripted { .. } | Meaning::Observed if self.status == Status::Err => match self.code.as_deref() {
                Some("AUTH") => Cause::WrongPassword,
                Some("IN-USE") => Cause::MailboxLocked,
                Some("SYS/PERM") => Cause::AccountProblem,
                Some("LOGIN-DELAY") => Cause::LoginTooSoon,
                _ => Cause::ServerFault,
            },
            _ => return None,
        })
    }

    /// What to try next.
    pub fn next_step(&self) -> Option<NextStep> {
        Some(match &self.meaning {
            Meaning::Greeting { .. } => NextStep::SendUserFirst,
            Meaning::UserAccepted => NextStep::SendPass,
            Meaning::LoggedIn { .. } => NextStep::ReadMessages,
            Meaning::LoginFailed { .. } => NextStep::CheckCredentials,
            Meaning::PassWithoutUser => NextStep::SendUserFirst,
            Meaning::ApopMalformed | Meaning::BadArguments { .. } | Meaning::InvalidLineCount { .. } => {
                NextStep::CheckArguments
            }
            Meaning::ApopNotEnabled | Meaning::SaslUnknownMechanism { .. } => NextStep::UseListedMechanism,
            Meaning::SaslBadBase64 => NextStep::EncodeBase64,
            Meaning::MailboxInUse => NextStep::CloseOtherClient,
            Meaning::MailboxUnavailable => NextStep::ContactAdmin,
            Meaning::UnknownCommand { .. } => NextStep::CheckSpelling,
            Meaning::WrongState { verb } if verb.is_transaction_verb() => NextStep::LoginFirst,
            Meaning::WrongState { .. } => NextStep::ReadMessages,
            Meaning::TooManyBadCommands | Meaning::LineTooLong | Meaning::Inactivity | Meaning::Dropped { .. } => {
                NextStep::Reconnect
            }
            Meaning::StlsBegin => NextStep::StartTlsHandshake,
            Meaning::StlsAlreadyActive => NextStep::SendUserFirst,
            Meaning::StlsUnavailable | Meaning::PlaintextRefused => NextStep::UseTls,
            Meaning::NoSuchMessage { .. }
            | Meaning::InvalidMessageNumber { .. }
            | Meaning::MessageNumberTooLarge { .. }
            | Meaning::MessageGone { .. } => NextStep::ListMessages,
            Meaning::MessageDeleted { .. } | Meaning::MarkedDeleted { .. } => NextStep::UseRset,
            Meaning::Status { .. }
            | Meaning::ScanListing { .. }
            | Meaning::ScanLine { .. }
            | Meaning::MessageFollows { .. }
            | Meaning::TopFollows { .. }
            | Meaning::UidlListing { .. }
            | Meaning::UidlLine { .. }
            | Meaning::Reset { .. }
            | Meaning::Noop => NextStep::Quit,
            Meaning::Observed if self.status == Status::Err && self.code.is_none() => match self.command {
                Some(Verb::User | Verb::Pass | Verb::Apop | Verb::Auth) => NextStep::CheckCredentials,
                Some(Verb::Retr | Verb::Top | Verb::List | Verb::Dele | Verb::Uidl) => NextStep::ListMessages,
                _ => NextStep::CheckSpelling,
            },
            Meaning::Observed if self.status == Status::Ok => match self.command {
                Some(Verb::Pass | Verb::Apop | Verb::Auth) => NextStep::ReadMessages,
                _ => return None,
            },
            Meaning::Scripted { .. } | Meaning::Observed if self.status == Status::Err => match self.code.as_deref() {
                Some("AUTH") => NextStep::CheckCredentials,
                Some("IN-USE") => NextStep::CloseOtherClient,
                Some("LOGIN-DELAY") => NextStep::WaitBeforeLogin,
                Some("SYS/TEMP") => NextStep::Reconnect,
                _ => NextStep::ContactAdmin,
            },
            _ => return None,
        })
    }
}

/// Reads the status indicator and the RFC 2449 response code from a reply's first line.
pub(crate) fn status_and_code(first_line: &[u8]) -> (Status, Option<String>) {
    if first_line.starts_with(b"+OK") {
        (Status::Ok, None)
    } else if first_line.starts_with(b"-ERR") {
        let rest = first_line[4..].strip_prefix(b" ").unwrap_or(&[]);
        let code = rest
            .strip_prefix(b"[")
            .and_then(|r| r.iter().position(|&b| b == b']').map(|end| &r[..end]))
            .map(|c| String::from_utf8_lossy(c).into_owned());
        (Status::Err, code)
    } else if first_line.starts_with(b"+") {
        (Status::Continuation, None)
    } else {
        (Status::Other, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every meaning (the match in [`Meaning::name`] has no catch-all, so a new meaning is named there;
    /// add it here too).
    fn every_meaning() -> Vec<Meaning> {
        let s = || "x".to_string();
        vec![
            Meaning::Greeting { apop_timestamp: Some(s()) },
            Meaning::UserAccepted,
            Meaning::LoggedIn { messages: 2, octets: 9 },
            Meaning::LoginFailed { reason: LoginFailure::WrongPassword },
            Meaning::PassWithoutUser,
            Meaning::ApopMalformed,
            Meaning::ApopNotEnabled,
            Meaning::PlaintextRefused,
            Meaning::SaslMechanisms { mechanisms: vec![s()] },
            Meaning::SaslChallenge { mechanism: s(), decoded: s() },
            Meaning::SaslBadBase64,
            Meaning::SaslCancelled,
            Meaning::SaslUnknownMechanism { mechanism: s() },
            Meaning::MailboxInUse,
            Meaning::MailboxUnavailable,
            Meaning::UnknownCommand { verb: s() },
            Meaning::WrongState { verb: Verb::Retr },
            Meaning::BadArguments { verb: Verb::Retr },
            Meaning::TooManyBadCommands,
            Meaning::LineTooLong,
            Meaning::Capabilities { capabilities: vec![s()] },
            Meaning::StlsBegin,
            Meaning::StlsAlreadyActive,
            Meaning::StlsUnavailable,
            Meaning::Utf8Enabled,
            Meaning::Status { messages: 2, octets: 9 },
            Meaning::ScanListing { messages: 2, octets: 9 },
            Meaning::ScanLine { number: 3, octets: 9 },
            Meaning::MessageFollows { number: 3, octets: 9 },
            Meaning::TopFollows { number: 3, lines: 7 },
            Meaning::UidlListing { messages: 2 },
            Meaning::UidlLine { number: 3, uidl: s() },
            Meaning::NoSuchMessage { number: 4_294_967_296 },
            Meaning::MessageDeleted { number: 3 },
            Meaning::InvalidMessageNumber { argument: s() },
            Meaning::MessageNumberTooLarge { argument: s(), limit: 4_294_967_295 },
            Meaning::InvalidLineCount { argument: s() },
            Meaning::MarkedDeleted { number: 3 },
            Meaning::Reset { restored: 1 },
            Meaning::Noop,
            Meaning::LoggedOut { deleted: 1 },
            Meaning::Goodbye,
            Meaning::MessageGone { number: 3 },
            Meaning::Inactivity,
            Meaning::Dropped { sent: 1, total: 2 },
            Meaning::Observed,
            Meaning::Scripted { fault: 0 },
        ]
    }

    #[test]
    fn a_meanings_name_number_and_lines_are_those_it_is_serialised_with() {
        let all = every_meaning();
        let mut names: Vec<&str> = all.iter().map(Meaning::name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len(), "every meaning is listed once");
        let mut listed = Meaning::NAMES.to_vec();
        listed.sort_unstable();
        assert_eq!(names, listed, "NAMES lists every meaning");
        for m in &all {
            let v = serde_json::to_value(m).unwrap();
            assert_eq!(v["kind"], m.name(), "{m:?}");
            assert_eq!(v.get("number").and_then(|n| n.as_u64()), m.number(), "{m:?}");
            assert_eq!(v.get("lines").and_then(|n| n.as_u64()), m.lines(), "{m:?}");
        }
    }

    #[test]
    fn status_and_response_codes() {
        assert_eq!(status_and_code(b"+OK 2 53235"), (Status::Ok, None));
        assert_eq!(status_and_code(b"-ERR [AUTH] Authentication failed."), (Status::Err, Some("AUTH".into())));
        assert_eq!(status_and_code(b"-ERR [SYS/TEMP] Internal error"), (Status::Err, Some("SYS/TEMP".into())));
        assert_eq!(status_and_code(b"-ERR Login failed."), (Status::Err, None));
        assert_eq!(status_and_code(b"+ VXNlcm5hbWU6"), (Status::Continuation, None));
    }
}
