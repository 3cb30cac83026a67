//! AUTHORIZATION state: USER, PASS, APOP, STLS, UTF8, CAPA, QUIT, and the login itself (shared with AUTH).

use std::sync::Arc;

use md5::{Digest, Md5};

use super::sasl::{self, Exchange};
use super::transaction::Transaction;
use super::{Event, Next, Session};
use crate::command::{Command, Strtok, Verb};
use crate::explain::{LoginFailure, Meaning};
use crate::maildrop::Mailbox;
use crate::profile::{render, Dialect, Profile};
use crate::scenario::Fault;
use crate::server::Server;
use crate::wire;

/// What the login process remembers between commands.
#[derive(Debug, Default)]
pub(super) struct Authorization {
    /// The name given by the last USER.
    user: Option<Vec<u8>>,
    /// A SASL exchange waiting for the client's response.
    pub(super) sasl: Option<Exchange>,
}

impl Authorization {
    pub(super) fn in_sasl(&self) -> bool {
        self.sasl.is_some()
    }
}

/// Proof of identity offered by a login command.
pub(super) enum Credential<'a> {
    /// USER/PASS, AUTH PLAIN, AUTH LOGIN.
    Password(&'a [u8]),
    /// APOP: MD5 of the greeting's timestamp and the secret.
    Apop([u8; 16]),
    /// AUTH CRAM-MD5: HMAC-MD5 of the challenge keyed with the password.
    CramMd5 { challenge: &'a str, digest: [u8; 16] },
}

pub(super) fn handle(s: &mut Session, auth: &mut Authorization, cmd: Command<'_>, server: &mut Server) -> Next {
    let profile = Arc::clone(&s.profile);
    let handled = match cmd.verb {
        Verb::User => user(s, auth, &profile, cmd.args),
        Verb::Pass => return pass(s, auth, &profile, cmd.args, server),
        Verb::Apop => match apop(s, &profile, cmd.args) {
            Apop::Try { user, digest } => return login(s, &user, Credential::Apop(digest), server),
            Apop::Refused => true,
            Apop::Unknown => false,
        },
        Verb::Auth => match sasl::start(s, auth, &profile, cmd.args, server) {
            Some(next) => return next,
            None => false,
        },
        Verb::Stls => {
            stls(s, &profile);
            true
        }
        Verb::Capa => {
            capa(s, &profile.capabilities.before_login);
            true
        }
        Verb::Utf8 => utf8(s, &profile),
        Verb::Quit => {
            s.reply(profile.replies.quit_before_login.clone().into_bytes(), Meaning::Goodbye);
            return Next::Close { via_update: false };
        }
        _ => false,
    };
    if handled {
        s.bad_commands = 0;
        return Next::Stay;
    }
    let meaning = if s.current.state.is_wrong_state(&cmd.verb) {
        Meaning::WrongState { verb: cmd.verb }
    } else {
        Meaning::UnknownCommand { verb: String::from_utf8_lossy(&cmd.name).into_owned() }
    };
    s.reply(profile.replies.unknown_before_login.clone().into_bytes(), meaning);
    let limit = profile.limits.bad_commands_before_login;
    if s.count_bad(limit, profile.replies.too_many_bad_before_login.clone(), true) {
        Next::Close { via_update: false }
    } else {
        Next::Stay
    }
}

/// The rest of the line after USER or PASS: verbatim (Strict), or up to CR/LF as Courier's `strtok(0, "\r\n")`.
fn rest_argument(args: &[u8], dialect: Dialect) -> Option<&[u8]> {
    match dialect {
        Dialect::Strict => Some(args),
        Dialect::Lenient => Strtok::new(args).next(b"\r\n"),
    }
}

/// Refuses plaintext login while the scenario requires TLS first; returns whether it did.
pub(super) fn refuse_plaintext(s: &mut Session, profile: &Profile) -> bool {
    if s.plaintext_refused() {
        s.reply(profile.replies.plaintext_refused.clone().into_bytes(), Meaning::PlaintextRefused);
    }
    s.plaintext_refused()
}

fn user(s: &mut Session, auth: &mut Authorization, profile: &Profile, args: &[u8]) -> bool {
    if refuse_plaintext(s, profile) {
        return true;
    }
    let name = rest_argument(args, profile.dialect).filter(|a| !a.is_empty() || !profile.login.user_requires_argument);
    let Some(name) = name else { return false };
    auth.user = Some(name.to_vec());
    s.reply(profile.replies.user_ok.clone().into_bytes(), Meaning::UserAccepted);
    true
}

fn pass(s: &mut Session, auth: &mut Authorization, profile: &Profile, args: &[u8], server: &mut Server) -> Next {
    s.bad_commands = 0;
    if profile.login.plaintext_check_on_pass && refuse_plaintext(s, profile) {
        return Next::Stay;
    }
    let password = rest_argument(args, profile.dialect);
    let password = if profile.login.pass_requires_argument { password } else { password.or(Some(b"")) };
    let user = if profile.login.forget_user_after_pass { auth.user.take() } else { auth.user.clone() };
    match (user, password) {
        (Some(user), Some(password)) => login(s, &user, Credential::Password(password), server),
        _ => {
            s.reply(profile.replies.pass_without_user.clone().into_bytes(), Meaning::PassWithoutUser);
            Next::Stay
        }
    }
}

/// What to do with an APOP command.
enum Apop {
    /// This server does not know APOP: an unknown command.
    Unknown,
    /// Refused; the reply is queued.
    Refused,
    /// Well-formed: try the login.
    Try { user: Vec<u8>, digest: [u8; 16] },
}

/// APOP's arguments, Dovecot's way: `<name> <32 hex digits>`.
fn apop(s: &mut Session, profile: &Profile, args: &[u8]) -> Apop {
    if !profile.apop {
        let Some(text) = profile.replies.apop_not_enabled.clone() else { return Apop::Unknown };
        s.reply(text.into_bytes(), Meaning::ApopNotEnabled);
        return Apop::Refused;
    }
    let split = args.iter().position(|&b| b == b' ');
    let Some((name, hex)) = split.map(|p| (&args[..p], &args[p + 1..])).filter(|(_, hex)| hex.len() == 32) else {
        s.reply(profile.replies.apop_invalid_parameters.clone().into_bytes(), Meaning::ApopMalformed);
        return Apop::Refused;
    };
    let Some(digest) = decode_hex16(hex) else {
        s.reply(profile.replies.apop_invalid_digest.clone().into_bytes(), Meaning::ApopMalformed);
        return Apop::Refused;
    };
    Apop::Try { user: name.to_vec(), digest }
}

/// Sixteen octets from 32 hex digits (either case).
pub(super) fn decode_hex16(hex: &[u8]) -> Option<[u8; 16]> {
    if hex.len() != 32 {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, pair) in hex.chunks(2).enumerate() {
        let digit = |c: u8| (c as char).to_digit(16);
        out[i] = (digit(pair[0])? * 16 + digit(pair[1])?) as u8;
    }
    Some(out)
}

/// UTF8 (RFC 6856): the profile's reply, if it has one; returns whether it did.
pub(super) fn utf8(s: &mut Session, profile: &Profile) -> bool {
    let Some(text) = &profile.replies.utf8 else { return false };
    s.reply(text.clone().into_bytes(), Meaning::Utf8Enabled);
    true
}

fn stls(s: &mut Session, profile: &Profile) {
    let replies = &profile.replies;
    if s.tls_active {
        s.reply(replies.stls_active.clone().into_bytes(), Meaning::StlsAlreadyActive);
    } else if !s.tls_available {
        s.reply(replies.stls_unavailable.clone().into_bytes(), Meaning::StlsUnavailable);
    } else {
        s.reply(replies.stls_ok.clone().into_bytes(), Meaning::StlsBegin);
        s.events.push_back(Event::StartTls);
        s.awaiting_tls = true;
        s.reader.clear();
    }
}

/// CAPA in either state: the profile's lines with `{STLS}`, `{USER}` and `{SASL}` filled in.
pub(super) fn capa(s: &mut Session, lines: &[String]) {
    let profile = Arc::clone(&s.profile);
    let stls = s.tls_available && !s.tls_active;
    let plaintext = !s.plaintext_refused();
    let capabilities: Vec<String> = lines
        .iter()
        .filter_map(|line| match line.as_str() {
            "{STLS}" => stls.then(|| "STLS".to_string()),
            "{USER}" => plaintext.then(|| "USER".to_string()),
            "{SASL}" => Some(
                std::iter::once("SASL")
                    .chain(
                        profile
                            .sasl
                            .mechanisms
                            .iter()
                            .map(String::as_str)
                            .filter(|m| plaintext || !sasl::is_plaintext(m)),
                    )
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            other => Some(other.to_string()),
        })
        .collect();
    let bytes = wire::listing(
        profile.capabilities.header.clone().into_bytes(),
        capabilities.iter().map(|c| c.clone().into_bytes()),
    );
    s.push_reply(bytes, Meaning::Capabilities { capabilities });
}

/// Checks credentials and, if they hold, opens the mailbox: the one path every login command takes.
pub(super) fn login(s: &mut Session, user: &[u8], credential: Credential<'_>, server: &mut Server) -> Next {
    let profile = Arc::clone(&s.profile);
    let name = std::str::from_utf8(user).ok();
    let verdict = match name.and_then(|n| server.mailbox(n)) {
        None => Err(LoginFailure::UnknownUser),
        Some(mailbox) if credential_holds(mailbox, &credential, s.apop_timestamp()) => Ok(()),
        Some(_) => Err(LoginFailure::WrongPassword),
    };
    let (Ok(()), Some(name)) = (verdict, name) else {
        let reason = verdict.err().unwrap_or(LoginFailure::UnknownUser);
        return login_failed(s, reason, fingerprint(&credential), server);
    };
    s.pause(penalty(s, server));
    server.record_success(&s.peer);
    let unix_now = s.unix_now();
    let Some(mailbox) = server.mailbox_mut(name) else {
        return login_failed(s, LoginFailure::UnknownUser, fingerprint(&credential), server);
    };
    let replies = &profile.replies;
    // Only sessions of a locking profile and a scenario's phantom ever hold a lock.
    if mailbox.locked_by.is_some() {
        s.pause(profile.timing.lock_wait_ms);
        s.reply(replies.in_use.clone().into_bytes(), Meaning::MailboxInUse);
        return Next::Close { via_update: false };
    }
    let messages = mailbox.messages.clone();
    let octets = messages.iter().map(|m| m.size()).sum();
    let logged_in = Meaning::LoggedIn { messages: messages.len(), octets };
    if mailbox.unavailable {
        let fault = &replies.mailbox_unavailable;
        if fault.after_login_ok {
            s.reply(replies.logged_in.clone().into_bytes(), logged_in);
        }
        let stamp = crate::civil::Civil::from_unix(unix_now).iso();
        let mut line = render(&fault.text, &[("path", mailbox.path.as_bytes()), ("timestamp", stamp.as_bytes())]);
        line.extend_from_slice(fault.eol.as_bytes());
        s.push_reply(line, Meaning::MailboxUnavailable);
        return Next::Close { via_update: false };
    }
    if profile.lock_session {
        mailbox.locked_by = Some(s.id);
    }
    s.reply(replies.logged_in.clone().into_bytes(), logged_in);
    Next::Login(Box::new(Transaction::new(name.to_string(), messages)))
}

/// The auth penalty this login attempt waits before it is looked at (Dovecot's, from the address's record).
fn penalty(s: &Session, server: &Server) -> u64 {
    let table = &s.profile.timing.penalty_ms;
    table.get(server.penalty_level(&s.peer, s.last_input, table)).copied().unwrap_or(0)
}

/// A credential's fingerprint (FNV-1a), so that a retry of the same wrong password can be told apart.
fn fingerprint(credential: &Credential<'_>) -> u64 {
    let bytes: &[u8] = match credential {
        Credential::Password(p) => p,
        Credential::Apop(digest) | Credential::CramMd5 { digest, .. } => digest,
    };
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A refused login: the auth penalty and the profile's delay, then its error. `credential`: the failed
/// credential's fingerprint (0 when there was none to read).
pub(super) fn login_failed(s: &mut Session, reason: LoginFailure, credential: u64, server: &mut Server) -> Next {
    let profile = Arc::clone(&s.profile);
    s.pause(penalty(s, server) + profile.timing.failed_login_delay_ms);
    server.record_failure(&s.peer, s.last_input, credential, &profile.timing.penalty_ms);
    let text =
        if s.current.verb == Some(Verb::Auth) { &profile.replies.sasl_failed } else { &profile.replies.login_failed };
    s.reply(text.clone().into_bytes(), Meaning::LoginFailed { reason });
    let limit = s.faults.iter().find_map(|f| match f {
        Fault::TooManyFailures { after, .. } => Some(*after),
        _ => None,
    });
    if limit.is_some_and(|after| server.failures_from(&s.peer) >= after) {
        return Next::Close { via_update: false };
    }
    Next::Stay
}

fn credential_holds(mailbox: &Mailbox, credential: &Credential<'_>, apop_timestamp: Option<&str>) -> bool {
    match credential {
        Credential::Password(given) => mailbox.password.expose().as_bytes() == *given,
        Credential::Apop(digest) => apop_timestamp.is_some_and(|ts| {
            let mut md5 = Md5::new();
            md5.update(ts.as_bytes());
            md5.update(mailbox.apop_secret.expose().as_bytes());
            md5.finalize().as_slice() == digest
        }),
        Credential::CramMd5 { challenge, digest } => {
            sasl::cram_md5(mailbox.password.expose().as_bytes(), challenge.as_bytes()) == *digest
        }
    }
}

/// `YYYY-MM-DD HH:MM:SS` (UTC) for a Unix time: the stamp Dovecot puts in internal-error replies.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_digests() {
        assert_eq!(decode_hex16(b"000102030405060708090a0B0c0d0e0F").unwrap()[15], 15);
        assert!(decode_hex16(b"nothexnothexnothexnothexnothexno").is_none());
        assert!(decode_hex16(b"00").is_none());
    }
}
