//! Syntax: turning one command line into a verb and its arguments, the way a profile's server does it.
//!
//! Real servers disagree on the details, and learners meet the differences, so they are reproduced here:
//!
//! * [`Dialect::Strict`] (Dovecot): the verb runs to the first space (`UIDL\t1` is one unknown verb, a leading
//!   space makes an empty verb); before login the arguments are the rest of the line as it is, after login
//!   leading spaces are skipped.
//! * [`Dialect::Lenient`] (Courier): words are cut at spaces, tabs and CRs as C's `strtok` does; before login
//!   only the characters before the first space or tab are upper-cased, so ` user x` stays lower case and is
//!   not recognised. `USER` and `PASS` take the rest of the line after the verb's delimiter.
//!
//! Both stop reading a line at the first NUL octet, as their C string handling does.
//!
//! Each command's own arguments (message numbers, SASL data) are read by the session; this module only knows
//! the verbs and how to cut words.

use serde::{Deserialize, Serialize};

use crate::profile::Dialect;
use crate::session::SessionState;

/// The verbs the simulator knows, with the RFC that defines each and the states that allow it (the rule
/// itself is one table: [`SessionState::allowed_verbs`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Verb {
    /// RFC 1939 §7: name the mailbox (AUTHORIZATION).
    User,
    /// RFC 1939 §7: the password (AUTHORIZATION, after USER).
    Pass,
    /// RFC 1939 §7: digest login against the greeting's timestamp (AUTHORIZATION).
    Apop,
    /// RFC 5034: SASL login (AUTHORIZATION).
    Auth,
    /// RFC 2595 §4: switch to TLS (AUTHORIZATION).
    Stls,
    /// RFC 2449 §5: list capabilities (any state).
    Capa,
    /// RFC 6856 §3: enable UTF-8 (AUTHORIZATION).
    Utf8,
    /// RFC 1939 §5/§6: end the session (any state).
    Quit,
    /// RFC 1939 §5: count and size of the maildrop (TRANSACTION).
    Stat,
    /// RFC 1939 §5: scan listing (TRANSACTION).
    List,
    /// RFC 1939 §5: retrieve a message (TRANSACTION).
    Retr,
    /// RFC 1939 §5: mark a message deleted (TRANSACTION).
    Dele,
    /// RFC 1939 §5: do nothing (TRANSACTION).
    Noop,
    /// RFC 1939 §5: unmark deletions (TRANSACTION).
    Rset,
    /// RFC 1939 §7: headers and the first lines of a message (TRANSACTION).
    Top,
    /// RFC 1939 §7: unique-id listing (TRANSACTION).
    Uidl,
    /// Anything else, upper-cased as the server saw it (e.g. RFC 1725's `LAST`).
    Unknown(String),
}

/// Every verb the simulator knows: those some state allows (the one table, [`SessionState::allowed_verbs`]),
/// each once.
pub(crate) fn known() -> impl Iterator<Item = &'static Verb> {
    let authorization = SessionState::Authorization.allowed_verbs();
    let transaction_only = SessionState::Transaction.allowed_verbs().iter().filter(|v| !authorization.contains(v));
    authorization.iter().chain(transaction_only)
}

impl Verb {
    /// The verb for an upper-cased name.
    pub fn from_name(name: &[u8]) -> Verb {
        known()
            .find(|v| v.name().as_bytes() == name)
            .cloned()
            .unwrap_or_else(|| Verb::Unknown(String::from_utf8_lossy(name).into_owned()))
    }

    /// The verb as written on the wire (upper case); an unknown one as the server saw it.
    pub fn name(&self) -> &str {
        match self {
            Verb::User => "USER",
            Verb::Pass => "PASS",
            Verb::Apop => "APOP",
            Verb::Auth => "AUTH",
            Verb::Stls => "STLS",
            Verb::Capa => "CAPA",
            Verb::Utf8 => "UTF8",
            Verb::Quit => "QUIT",
            Verb::Stat => "STAT",
            Verb::List => "LIST",
            Verb::Retr => "RETR",
            Verb::Dele => "DELE",
            Verb::Noop => "NOOP",
            Verb::Rset => "RSET",
            Verb::Top => "TOP",
            Verb::Uidl => "UIDL",
            Verb::Unknown(name) => name,
        }
    }

    /// Whether RFC 1939 puts this verb in TRANSACTION state only (a mail command: "log in first" when sent
    /// before login). Read from [`SessionState::allowed_verbs`].
    pub fn is_transaction_verb(&self) -> bool {
        SessionState::Transaction.allows(self) && !SessionState::Authorization.allows(self)
    }

    /// Whether RFC 1939/2449/5034/2595/6856 put this verb in AUTHORIZATION state only. Read from
    /// [`SessionState::allowed_verbs`].
    pub fn is_authorization_verb(&self) -> bool {
        SessionState::Authorization.allows(self) && !SessionState::Transaction.allows(self)
    }
}

/// A command line cut into its verb and the raw rest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command<'a> {
    /// The verb, recognised case-insensitively.
    pub verb: Verb,
    /// The upper-cased verb name as the server saw it (echoed by Dovecot's "Unknown command: …").
    pub name: Vec<u8>,
    /// Everything after the verb, as the dialect hands it to the command (see the module docs).
    pub args: &'a [u8],
}

/// Which of the server's two processes reads the line: they split lines differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// AUTHORIZATION (Dovecot's `pop3-login`, Courier's `courierpop3login`).
    Login,
    /// TRANSACTION (Dovecot's `pop3`, Courier's `courierpop3d`).
    Mail,
}

/// Cuts a line at its first NUL, as C string handling does.
pub fn until_nul(line: &[u8]) -> &[u8] {
    line.iter().position(|&b| b == 0).map_or(line, |p| &line[..p])
}

/// Splits a command line into verb and arguments in the profile's dialect.
pub fn parse(line: &[u8], dialect: Dialect, phase: Phase) -> Command<'_> {
    let line = until_nul(line);
    match dialect {
        Dialect::Strict => {
            let (name, args) = match line.iter().position(|&b| b == b' ') {
                Some(sp) => (&line[..sp], &line[sp + 1..]),
                None => (line, &line[line.len()..]),
            };
            let args = match phase {
                Phase::Login => args,
                Phase::Mail => trim_leading(args, b" "),
            };
            let name = name.to_ascii_uppercase();
            Command { verb: Verb::from_name(&name), name, args }
        }
        Dialect::Lenient => {
            // Courier's login process upper-cases only up to the first space or tab; its mail process
            // upper-cases the whole first word.
            let upper_until = match phase {
                Phase::Login => line.iter().position(|&b| b == b' ' || b == b'\t').unwrap_or(line.len()),
                Phase::Mail => line.len(),
            };
            let mut words = Strtok::new(line);
            let Some(word) = words.next(b" \t\r") else {
                return Command { verb: Verb::Unknown(String::new()), name: Vec::new(), args: &line[line.len()..] };
            };
            let start = word.as_ptr() as usize - line.as_ptr() as usize;
            let name: Vec<u8> = word
                .iter()
                .enumerate()
                .map(|(i, &b)| if start + i < upper_until || phase == Phase::Mail { b.to_ascii_uppercase() } else { b })
                .collect();
            Command { verb: Verb::from_name(&name), name, args: words.rest() }
        }
    }
}

fn trim_leading<'a>(s: &'a [u8], set: &[u8]) -> &'a [u8] {
    let start = s.iter().position(|b| !set.contains(b)).unwrap_or(s.len());
    &s[start..]
}

/// C's `strtok` over a byte string, without modifying it: each call skips leading delimiters, returns the
/// next word, and steps over the one delimiter that ended it.
#[derive(Clone, Debug)]
pub struct Strtok<'a> {
    rest: &'a [u8],
}

impl<'a> Strtok<'a> {
    /// Starts at the beginning of `s`.
    pub fn new(s: &'a [u8]) -> Self {
        Strtok { rest: s }
    }

    /// The next word, or `None` when only delimiters remain.
    pub fn next(&mut self, delims: &[u8]) -> Option<&'a [u8]> {
        let s = trim_leading(self.rest, delims);
        if s.is_empty() {
            self.rest = s;
            return None;
        }
        let end = s.iter().position(|b| delims.contains(b)).unwrap_or(s.len());
        self.rest = if end < s.len() { &s[end + 1..] } else { &s[end..] };
        Some(&s[..end])
    }

    /// What has not been read yet.
    pub fn rest(&self) -> &'a [u8] {
        self.rest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strict(line: &str, phase: Phase) -> (Verb, String) {
        let c = parse(line.as_bytes(), Dialect::Strict, phase);
        (c.verb, String::from_utf8(c.args.to_vec()).unwrap())
    }

    fn lenient(line: &str, phase: Phase) -> (Verb, String) {
        let c = parse(line.as_bytes(), Dialect::Lenient, phase);
        (c.verb, String::from_utf8(c.args.to_vec()).unwrap())
    }

    #[test]
    fn strict_dialect_table() {
        use Phase::*;
        let table: &[(&str, Phase, Verb, &str)] = &[
            ("USER tester", Login, Verb::User, "tester"),
            ("USER  tester", Login, Verb::User, " tester"),
            ("uSeR tester ", Login, Verb::User, "tester "),
            (" USER tester", Login, Verb::Unknown(String::new()), "USER tester"),
            ("USER", Login, Verb::User, ""),
            ("", Login, Verb::Unknown(String::new()), ""),
            ("LIST  1", Mail, Verb::List, "1"),
            ("LIST 1 ", Mail, Verb::List, "1 "),
            ("UIDL\t1", Mail, Verb::Unknown("UIDL\t1".into()), ""),
            ("foo bar", Mail, Verb::Unknown("FOO".into()), "bar"),
            ("STAT\0junk", Mail, Verb::Stat, ""),
        ];
        for (line, phase, verb, args) in table {
            assert_eq!(strict(line, *phase), (verb.clone(), args.to_string()), "{line:?}");
        }
    }

    #[test]
    fn lenient_dialect_table() {
        use Phase::*;
        let table: &[(&str, Phase, Verb, &str)] = &[
            ("USER tester", Login, Verb::User, "tester"),
            ("USER  tester", Login, Verb::User, " tester"),
            (" USER tester", Login, Verb::User, "tester"),
            (" user tester", Login, Verb::Unknown("user".into()), "tester"),
            ("user\ttester", Login, Verb::User, "tester"),
            ("", Login, Verb::Unknown(String::new()), ""),
            ("LIST  1", Mail, Verb::List, " 1"),
            ("uidl\t1", Mail, Verb::Uidl, "1"),
            (" stat", Mail, Verb::Stat, ""),
        ];
        for (line, phase, verb, args) in table {
            assert_eq!(lenient(line, *phase), (verb.clone(), args.to_string()), "{line:?}");
        }
    }

    #[test]
    fn strtok_like_c() {
        let mut t = Strtok::new(b"  RETR \t 1 2\r");
        assert_eq!(t.next(b" \t\r"), Some(&b"RETR"[..]));
        assert_eq!(t.next(b" \t\r"), Some(&b"1"[..]));
        assert_eq!(t.next(b" \t\r"), Some(&b"2"[..]));
        assert_eq!(t.next(b" \t\r"), None);
    }
}
