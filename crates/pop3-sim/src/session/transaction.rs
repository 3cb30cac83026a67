//! TRANSACTION state: STAT, LIST, RETR, DELE, NOOP, RSET, TOP, UIDL, CAPA, and QUIT with its UPDATE; UTF8 too
//! where the profile's mail process answers it ([`crate::profile::MailRules`]).
//!
//! The session works on the snapshot it took at login: numbers, sizes and UIDLs stay as they were even if
//! another session expunges messages meanwhile (both real servers behave so); only RETR and TOP notice, when
//! the message text is gone.

use std::sync::Arc;

use super::authorization::{capa, utf8};
use super::{Next, Session};
use crate::command::{Command, Strtok, Verb};
use crate::explain::Meaning;
use crate::maildrop::{Listing, Message, SessionId};
use crate::number::{self, NumberError};
use crate::profile::{render, Dialect, Profile};
use crate::server::Server;
use crate::wire;

/// A logged-in session's view of its maildrop.
#[derive(Debug)]
pub(in crate::session) struct Transaction {
    user: String,
    messages: Vec<Arc<Message>>,
    deleted: Vec<bool>,
    /// DELE was used since login or the last RSET (Dovecot's "messages deleted." on QUIT).
    dele_used: bool,
    /// Dovecot counts a repeated fetch of an expunged message as a failed command.
    highest_gone_fetch: usize,
}

impl Transaction {
    pub(super) fn new(user: String, messages: Vec<Arc<Message>>) -> Transaction {
        let deleted = vec![false; messages.len()];
        Transaction { user, messages, deleted, dele_used: false, highest_gone_fetch: 0 }
    }

    pub(super) fn user(&self) -> &str {
        &self.user
    }

    /// Releases the mailbox lock if this session holds it.
    pub(super) fn release(&self, id: SessionId, server: &mut Server) {
        if let Some(mailbox) = server.mailbox_mut(&self.user) {
            if mailbox.locked_by == Some(id) {
                mailbox.locked_by = None;
            }
        }
    }

    fn still_on_server(&self, index: usize, server: &Server) -> bool {
        server.mailbox(&self.user).is_some_and(|m| m.messages().iter().any(|x| Arc::ptr_eq(x, &self.messages[index])))
    }

    pub(super) fn listing(&self, server: &Server) -> Vec<Listing> {
        self.messages
            .iter()
            .enumerate()
            .map(|(i, m)| Listing {
                number: i + 1,
                octets: m.size(),
                uidl: m.uidl().to_string(),
                deleted: self.deleted[i],
                expunged: !self.still_on_server(i, server),
                subject: m.subject(),
            })
            .collect()
    }

    fn live(&self) -> impl Iterator<Item = (usize, &Arc<Message>)> {
        self.messages.iter().enumerate().filter(|(i, _)| !self.deleted[*i])
    }
}

/// Whether a command succeeded, for the bad-command count.
type Ok = bool;

/// The largest message number the Strict dialect reads: Dovecot's `get_msgnum` parses into an `unsigned int`
/// (`src/pop3/pop3-commands.c`), 32 bits.
const STRICT_MESSAGE_NUMBER_MAX: u64 = u32::MAX as u64;

pub(super) fn handle(s: &mut Session, tx: &mut Transaction, cmd: Command<'_>, server: &mut Server) -> Next {
    let profile = Arc::clone(&s.profile);
    let replies = &profile.replies;
    let ok: Ok = match &cmd.verb {
        Verb::Stat => {
            let (count, octets) = tx.live().fold((0, 0), |(c, o), (_, m)| (c + 1, o + m.size()));
            let line = render(
                &replies.stat,
                &[("count", count.to_string().as_bytes()), ("octets", octets.to_string().as_bytes())],
            );
            s.reply(line, Meaning::Status { messages: count, octets });
            true
        }
        Verb::List => list(s, tx, &profile, cmd.args),
        Verb::Uidl => uidl(s, tx, &profile, cmd.args),
        Verb::Retr => match message_number(s, tx, &profile, cmd.args, false) {
            Some((index, _)) => fetch(s, tx, &profile, index, None, server),
            None => false,
        },
        Verb::Top => top(s, tx, &profile, cmd, server),
        Verb::Dele => match message_number(s, tx, &profile, cmd.args, false) {
            Some((index, _)) => {
                tx.deleted[index] = true;
                tx.dele_used = true;
                let n = (index + 1).to_string();
                s.reply(render(&replies.dele, &[("n", n.as_bytes())]), Meaning::MarkedDeleted { number: index + 1 });
                true
            }
            None => false,
        },
        Verb::Rset => {
            let restored = tx.deleted.iter().filter(|d| **d).count();
            tx.deleted.iter_mut().for_each(|d| *d = false);
            tx.dele_used = false;
            s.reply(replies.rset.clone().into_bytes(), Meaning::Reset { restored });
            true
        }
        Verb::Noop => {
            s.reply(replies.noop.clone().into_bytes(), Meaning::Noop);
            true
        }
        Verb::Capa => {
            capa(s, &profile.capabilities.after_login);
            true
        }
        Verb::Quit => return quit(s, tx, &profile, server),
        Verb::Utf8 if profile.mail.utf8_after_login && profile.replies.utf8.is_some() => utf8(s, &profile),
        verb => {
            let meaning = if s.current.state.is_wrong_state(verb) {
                Meaning::WrongState { verb: verb.clone() }
            } else {
                Meaning::UnknownCommand { verb: String::from_utf8_lossy(&cmd.name).into_owned() }
            };
            s.reply(render(&replies.unknown_after_login, &[("verb", &cmd.name)]), meaning);
            false
        }
    };
    if ok {
        s.bad_commands = 0;
        return Next::Stay;
    }
    let limit = profile.limits.bad_commands_after_login;
    if s.count_bad(limit, replies.too_many_bad_after_login.clone(), false) {
        Next::Close { via_update: false }
    } else {
        Next::Stay
    }
}

/// QUIT: the UPDATE state removes the messages marked deleted (those still on the server), then the session
/// ends.
fn quit(s: &mut Session, tx: &mut Transaction, profile: &Profile, server: &mut Server) -> Next {
    let doomed: Vec<Arc<Message>> =
        tx.messages.iter().zip(&tx.deleted).filter(|(_, d)| **d).map(|(m, _)| Arc::clone(m)).collect();
    if let Some(mailbox) = server.mailbox_mut(&tx.user) {
        mailbox.messages.retain(|m| !doomed.iter().any(|d| Arc::ptr_eq(d, m)));
    }
    let text = if tx.dele_used { &profile.replies.quit_deleted } else { &profile.replies.quit };
    s.reply(text.clone().into_bytes(), Meaning::LoggedOut { deleted: doomed.len() });
    Next::Close { via_update: true }
}

fn list(s: &mut Session, tx: &Transaction, profile: &Profile, args: &[u8]) -> Ok {
    if !has_argument(args, profile.dialect) {
        let (count, octets) = tx.live().fold((0, 0), |(c, o), (_, m)| (c + 1, o + m.size()));
        let header = render(
            &profile.replies.list_header,
            &[("count", count.to_string().as_bytes()), ("octets", octets.to_string().as_bytes())],
        );
        let lines = tx.live().map(|(i, m)| format!("{} {}", i + 1, m.size()).into_bytes());
        s.push_reply(wire::listing(header, lines), Meaning::ScanListing { messages: count, octets });
        return true;
    }
    let Some((index, _)) = message_number(s, tx, profile, args, false) else { return false };
    let octets = tx.messages[index].size();
    let line = render(
        &profile.replies.list_one,
        &[("n", (index + 1).to_string().as_bytes()), ("octets", octets.to_string().as_bytes())],
    );
    s.reply(line, Meaning::ScanLine { number: index + 1, octets });
    true
}

fn uidl(s: &mut Session, tx: &Transaction, profile: &Profile, args: &[u8]) -> Ok {
    if !has_argument(args, profile.dialect) {
        let count = tx.live().count();
        let lines = tx.live().map(|(i, m)| format!("{} {}", i + 1, m.uidl()).into_bytes());
        s.push_reply(
            wire::listing(profile.replies.uidl_header.clone().into_bytes(), lines),
            Meaning::UidlListing { messages: count },
        );
        return true;
    }
    let Some((index, _)) = message_number(s, tx, profile, args, false) else { return false };
    let uidl = tx.messages[index].uidl().to_string();
    let line =
        render(&profile.replies.uidl_one, &[("n", (index + 1).to_string().as_bytes()), ("uidl", uidl.as_bytes())]);
    s.reply(line, Meaning::UidlLine { number: index + 1, uidl });
    true
}

fn top(s: &mut Session, tx: &mut Transaction, profile: &Profile, cmd: Command<'_>, server: &mut Server) -> Ok {
    let Some((index, rest)) = message_number(s, tx, profile, cmd.args, true) else { return false };
    let replies = &profile.replies;
    let lines = match profile.dialect {
        Dialect::Strict => match number::strict(rest, false, u64::MAX) {
            Ok((lines, _)) => lines,
            Err(e) => {
                let (template, var, value) = match e {
                    NumberError::Invalid(a) => (&replies.invalid_size, "arg", a),
                    NumberError::TooLarge { echo, .. } => (&replies.size_too_large, "arg", echo),
                    NumberError::Noise(r) => (&replies.noise_after_size, "rest", r),
                };
                let argument = String::from_utf8_lossy(value).into_owned();
                s.reply(render(template, &[(var, value)]), Meaning::InvalidLineCount { argument });
                return false;
            }
        },
        Dialect::Lenient => match Strtok::new(rest).next(b" \t\r") {
            // Courier reads the count with atoi into an unsigned int: -1 means "all of it".
            Some(word) => u64::from(number::c_atoi(word) as u32),
            None => {
                s.reply(
                    render(&replies.unknown_after_login, &[("verb", &cmd.name)]),
                    Meaning::BadArguments { verb: Verb::Top },
                );
                return false;
            }
        },
    };
    fetch(s, tx, profile, index, Some(lines), server)
}

/// RETR (`lines` = None) or TOP.
fn fetch(
    s: &mut Session,
    tx: &mut Transaction,
    profile: &Profile,
    index: usize,
    lines: Option<u64>,
    server: &Server,
) -> Ok {
    let number = index + 1;
    if !tx.still_on_server(index, server) {
        let line = render(&profile.replies.message_gone, &[("n", number.to_string().as_bytes())]);
        s.reply(line, Meaning::MessageGone { number });
        // Dovecot lets the first such fetch pass, and counts repeats (of this or a lower number) as failures.
        if index <= tx.highest_gone_fetch {
            return false;
        }
        tx.highest_gone_fetch = index;
        return true;
    }
    let message = Arc::clone(&tx.messages[index]);
    let octets = message.size().to_string();
    let (first, body, meaning) = match lines {
        None => (&profile.replies.retr, message.data(), Meaning::MessageFollows { number, octets: message.size() }),
        Some(n) => (&profile.replies.top, message.top(n), Meaning::TopFollows { number, lines: n }),
    };
    s.push_reply(wire::message(render(first, &[("octets", octets.as_bytes())]), body), meaning);
    true
}

fn has_argument(args: &[u8], dialect: Dialect) -> bool {
    match dialect {
        Dialect::Strict => !args.is_empty(),
        Dialect::Lenient => Strtok::new(args).next(b" \t\r").is_some(),
    }
}

/// Reads a message number and checks it names a message not marked deleted; on failure the reply is queued
/// and `None` returned. With `then_space` (TOP) the rest of the arguments is returned too.
fn message_number<'a>(
    s: &mut Session,
    tx: &Transaction,
    profile: &Profile,
    args: &'a [u8],
    then_space: bool,
) -> Option<(usize, &'a [u8])> {
    let replies = &profile.replies;
    let (number, rest) = match profile.dialect {
        Dialect::Strict => match number::strict(args, then_space, STRICT_MESSAGE_NUMBER_MAX) {
            Ok(found) => found,
            Err(e) => {
                let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
                let (template, var, value, meaning) = match e {
                    NumberError::Invalid(a) => {
                        (&replies.invalid_number, "arg", a, Meaning::InvalidMessageNumber { argument: lossy(a) })
                    }
                    NumberError::TooLarge { digits, echo } => (
                        &replies.number_too_large,
                        "arg",
                        echo,
                        Meaning::MessageNumberTooLarge { argument: lossy(digits), limit: STRICT_MESSAGE_NUMBER_MAX },
                    ),
                    NumberError::Noise(r) => {
                        (&replies.noise_after_number, "rest", r, Meaning::InvalidMessageNumber { argument: lossy(r) })
                    }
                };
                s.reply(render(template, &[(var, value)]), meaning);
                return None;
            }
        },
        Dialect::Lenient => {
            let mut words = Strtok::new(args);
            let word = words.next(b" \t\r").unwrap_or_default();
            let value = number::c_atoi(word) as u32;
            if value == 0 && !word.iter().any(u8::is_ascii_digit) {
                let argument = String::from_utf8_lossy(word).into_owned();
                s.reply(replies.invalid_number.clone().into_bytes(), Meaning::InvalidMessageNumber { argument });
                return None;
            }
            (u64::from(value), words.rest())
        }
    };
    let n = number.to_string();
    if number == 0 || number > tx.messages.len() as u64 {
        s.reply(render(&replies.no_such_message, &[("n", n.as_bytes())]), Meaning::NoSuchMessage { number });
        return None;
    }
    let index = (number - 1) as usize;
    if tx.deleted[index] {
        s.reply(
            render(&replies.message_deleted, &[("n", n.as_bytes())]),
            Meaning::MessageDeleted { number: index + 1 },
        );
        return None;
    }
    Some((index, rest))
}
