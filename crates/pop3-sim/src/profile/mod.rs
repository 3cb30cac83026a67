//! Server profiles: everything that makes one POP3 server sound different from another, as data.
//!
//! A [`Profile`] holds the greeting, every reply text, the capability lists, the limits, the timing and the few
//! behavioural switches in which real servers disagree. The session code reads these fields and never asks
//! "is this Dovecot?": to add a personality, write a new profile (in Rust, as the built-ins below do, or as
//! JSON inside a scenario), not new branches.
//!
//! Reply texts are full lines without the CRLF (`"-ERR There's no message {n}."`). Placeholders in braces are
//! filled by the session; each field's doc lists the ones it may use.
//!
//! Built-in profiles ([`builtin`]): `dovecot` (Dovecot 2.3 on Debian), `courier` (Courier 1.0), `exchange` and
//! `gmail`, one file each beside this one, with the sources of their texts. The first two are checked byte for
//! byte against recorded transcripts.

mod courier;
mod dovecot;
mod exchange;
mod gmail;

use serde::{Deserialize, Serialize};

use crate::line::LineLimit;

/// The ids of the built-in profiles, in the order a picker shows them.
pub const BUILTIN_IDS: [&str; 4] = ["courier", "dovecot", "exchange", "gmail"];

/// A built-in profile by id.
pub fn builtin(id: &str) -> Option<Profile> {
    match id {
        "courier" => Some(courier::profile()),
        "dovecot" => Some(dovecot::profile()),
        "exchange" => Some(exchange::profile()),
        "gmail" => Some(gmail::profile()),
        _ => None,
    }
}

/// One server personality.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Stable id (`dovecot`, `courier`, …).
    pub id: String,
    /// Human name, e.g. "Dovecot 2.3 (Debian)".
    pub title: String,
    /// Where the texts and rules come from (a recording, the server's source, public transcripts).
    pub source: String,
    /// How command lines are split into words and how message numbers are read.
    pub dialect: Dialect,
    /// Whether the greeting carries an RFC 1939 APOP timestamp and APOP is accepted.
    pub apop: bool,
    /// The host name inside the APOP timestamp (`<…@HOST>`).
    pub apop_host: String,
    /// Behaviour during AUTHORIZATION.
    pub login: LoginRules,
    /// Behaviour during TRANSACTION beyond RFC 1939's commands. Optional in a file (all off).
    #[serde(default)]
    pub mail: MailRules,
    /// SASL (the AUTH command, RFC 5034).
    pub sasl: SaslRules,
    /// Capability lists (CAPA, RFC 2449).
    pub capabilities: Capabilities,
    /// Input limits.
    pub limits: Limits,
    /// Delays and timeouts (simulated: the session reports them, the driver decides whether to wait).
    pub timing: Timing,
    /// Whether a second login to a mailbox in use is refused with `[IN-USE]` (Dovecot's `pop3_lock_session`).
    pub lock_session: bool,
    /// How UIDL strings are made from a message's UID and the mailbox's UIDVALIDITY.
    pub uidl: UidlFormat,
    /// Every reply text.
    pub replies: Replies,
}

/// The two families of command-line handling seen in real servers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    /// Dovecot: the verb ends at the first space (a tab is part of it), arguments are parsed strictly
    /// (`+1`, `1.0` and huge numbers are refused with a reason).
    Strict,
    /// Courier: words are split on spaces and tabs like C's `strtok`, numbers are read with `atoi`
    /// (`+1`, `01`, `1.0` and `4294967297` all mean 1), extra words are ignored.
    Lenient,
}

/// AUTHORIZATION-state rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRules {
    /// `USER` with no argument is refused as an invalid command (Courier) instead of being accepted (Dovecot).
    pub user_requires_argument: bool,
    /// `PASS` with no argument is answered like PASS without USER (Courier).
    pub pass_requires_argument: bool,
    /// The name given by USER is forgotten after every PASS, right or wrong (Dovecot); otherwise it is kept and
    /// a second PASS tries again (Courier).
    pub forget_user_after_pass: bool,
    /// Commands the client pipelined behind a successful login are lost: Courier's login process reads
    /// ahead into its stdio buffer, then hands the connection to the mail process, which never sees them.
    pub pipelined_input_lost_at_login: bool,
    /// When plaintext login is refused (scenario fault `tls_required`), PASS is refused with the same text
    /// (Dovecot checks before looking for a USER); otherwise PASS goes its usual way (Courier).
    pub plaintext_check_on_pass: bool,
}

/// TRANSACTION-state rules: which AUTHORIZATION commands the server's mail process (the one that runs after
/// login) answers as its login process does, instead of refusing them as commands of the wrong state.
///
/// Only UTF8 varies among the servers modelled: CAPA and QUIT are valid in both states anyway, and USER, PASS,
/// APOP, AUTH and STLS are refused after login by every one of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailRules {
    /// `UTF8` after login gets [`Replies::utf8`], as before login (Courier: `courierpop3d`'s command loop,
    /// `loop()` in `imap/pop3dserver.c`, answers it "as a workaround for MS Outlook", although RFC 6856 allows
    /// it in AUTHORIZATION only).
    pub utf8_after_login: bool,
}

/// SASL rules (RFC 5034).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaslRules {
    /// Mechanisms advertised in CAPA's `SASL` line and accepted, upper case (`PLAIN`, `LOGIN`).
    pub mechanisms: Vec<String>,
    /// Mechanisms accepted although not advertised (Courier answers `AUTH CRAM-MD5` with a challenge).
    pub hidden_mechanisms: Vec<String>,
    /// `AUTH` with no mechanism lists the mechanisms (the pre-RFC 5034 discovery Outlook uses, Dovecot);
    /// otherwise it is an invalid command.
    pub list_on_bare_auth: bool,
    /// An unsupported mechanism is refused only after the failed-login delay (Courier).
    pub delay_unknown_mechanism: bool,
    /// The host name inside a CRAM-MD5 challenge.
    pub challenge_host: String,
}

/// CAPA replies. Lines may be the placeholders `{STLS}` (shown only while STLS can be used), `{USER}` (shown
/// while plaintext login is allowed) and `{SASL}` (the `SASL` line with the advertised mechanisms).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capabilities {
    /// The first line, e.g. `+OK` or `+OK Here's what I can do:`.
    pub header: String,
    /// Capability lines in AUTHORIZATION state.
    pub before_login: Vec<String>,
    /// Capability lines in TRANSACTION state.
    pub after_login: Vec<String>,
}

/// Input limits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Line rule in AUTHORIZATION state.
    pub line_before_login: LineLimit,
    /// Line rule in TRANSACTION state.
    pub line_after_login: LineLimit,
    /// Line rule for SASL responses.
    pub line_sasl: LineLimit,
    /// Before login, the session ends after this many unknown commands in a row (any known command resets
    /// the count). `None`: no limit.
    pub bad_commands_before_login: Option<u32>,
    /// After login, the session ends when more than this many commands in a row failed (unknown or `-ERR`).
    /// `None`: no limit.
    pub bad_commands_after_login: Option<u32>,
}

/// Delays and timeouts, in milliseconds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timing {
    /// How long a failed login (PASS, APOP, AUTH) waits before its `-ERR`.
    pub failed_login_delay_ms: u64,
    /// Dovecot's auth penalty, per client address: entry N is the wait before any login attempt (right or
    /// wrong) is looked at while the address's penalty level is N. A failure raises the level by one (up to
    /// the last entry) unless it repeats the credential that failed last; the level falls by one for each
    /// entry's wait, from the highest down, that passes after the last raise; a successful login clears it.
    /// Empty: no penalty.
    pub penalty_ms: Vec<u64>,
    /// How long a login to a locked mailbox waits before `[IN-USE]` (Dovecot waits for the lock first).
    pub lock_wait_ms: u64,
    /// AUTHORIZATION may last this long from connect, whatever the client sends.
    pub login_timeout_ms: u64,
    /// In TRANSACTION the session ends after this long without input.
    pub idle_timeout_ms: u64,
}

/// UIDL formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UidlFormat {
    /// Dovecot's default `%08Xu%08Xv`: UID then UIDVALIDITY, each 8 lower-case hex digits.
    HexUidValidity,
    /// Courier's `UID<uid>-<uidvalidity>`.
    UidDashValidity,
    /// The UID in decimal (servers that keep their own ids, when a scenario gives none).
    Decimal,
}

impl UidlFormat {
    /// The UIDL string for a message.
    pub fn format(self, uid: u32, uid_validity: u32) -> String {
        match self {
            UidlFormat::HexUidValidity => format!("{uid:08x}{uid_validity:08x}"),
            UidlFormat::UidDashValidity => format!("UID{uid}-{uid_validity}"),
            UidlFormat::Decimal => uid.to_string(),
        }
    }
}

/// How the server answers a login to a mailbox it cannot open (a scenario fault).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnavailableReply {
    /// Send the normal login success line first (Dovecot opens the mailbox after saying `+OK Logged in.`).
    pub after_login_ok: bool,
    /// The error line; `{path}` is the mailbox path, `{timestamp}` the server's local time.
    pub text: String,
    /// The line terminator actually sent (`"\r\n"`; Courier really sends a bare `"\n"` here).
    pub eol: String,
}

/// Every reply text of a profile. `None` means the server has no such reply (the situation cannot arise or
/// the command is unknown to it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replies {
    /// Greeting; `{apop}` becomes ` <timestamp>` when APOP is on, nothing otherwise.
    pub greeting: String,
    /// USER accepted.
    pub user_ok: String,
    /// Login succeeded (PASS, APOP, AUTH).
    pub logged_in: String,
    /// PASS or APOP with wrong credentials or an unknown user.
    pub login_failed: String,
    /// AUTH with wrong credentials.
    pub sasl_failed: String,
    /// PASS before any USER.
    pub pass_without_user: String,
    /// Unknown command (or one not valid in this state) before login.
    pub unknown_before_login: String,
    /// Unknown command after login; `{verb}` is the verb as the server saw it.
    pub unknown_after_login: String,
    /// Sent before closing when the bad-command limit before login is reached.
    pub too_many_bad_before_login: Option<String>,
    /// Sent before closing when the bad-command limit after login is passed.
    pub too_many_bad_after_login: Option<String>,
    /// Sent before closing when a line breaks the limit before login.
    pub line_too_long_before_login: Option<String>,
    /// Sent before closing when a line breaks the limit after login.
    pub line_too_long_after_login: Option<String>,
    /// STAT; `{count}`, `{octets}`.
    pub stat: String,
    /// First line of LIST without argument; `{count}`, `{octets}`.
    pub list_header: String,
    /// LIST n; `{n}`, `{octets}`.
    pub list_one: String,
    /// First line of RETR; `{octets}`.
    pub retr: String,
    /// First line of TOP; `{octets}`.
    pub top: String,
    /// First line of UIDL without argument.
    pub uidl_header: String,
    /// UIDL n; `{n}`, `{uidl}`.
    pub uidl_one: String,
    /// DELE accepted; `{n}`.
    pub dele: String,
    /// RSET.
    pub rset: String,
    /// NOOP.
    pub noop: String,
    /// QUIT in AUTHORIZATION.
    pub quit_before_login: String,
    /// QUIT in TRANSACTION without deletions.
    pub quit: String,
    /// QUIT in TRANSACTION after DELE.
    pub quit_deleted: String,
    /// A message number that does not exist; `{n}`.
    pub no_such_message: String,
    /// A message marked deleted; `{n}`.
    pub message_deleted: String,
    /// A message number missing or not a number; `{arg}` is what was given (Strict dialect).
    pub invalid_number: String,
    /// A message number too large for its 32 bits; `{arg}` is what Dovecot's parser left unread: what follows
    /// the digits when they fit 64 bits, the whole argument when they do not (Strict dialect; see
    /// [`crate::number::strict`]).
    pub number_too_large: String,
    /// Text after the message number; `{rest}` (Strict dialect).
    pub noise_after_number: String,
    /// TOP's line count missing or not a number; `{arg}` (Strict dialect).
    pub invalid_size: String,
    /// TOP's line count overflows; `{arg}` (Strict dialect).
    pub size_too_large: String,
    /// Text after TOP's line count; `{rest}` (Strict dialect).
    pub noise_after_size: String,
    /// RETR or TOP of a message another session has expunged; `{n}`.
    pub message_gone: String,
    /// AUTH with no mechanism, when mechanisms are listed: the first line.
    pub sasl_list_header: String,
    /// The empty continuation for AUTH PLAIN without an initial response.
    pub sasl_plain_prompt: String,
    /// AUTH LOGIN's user-name prompt.
    pub sasl_login_user_prompt: String,
    /// AUTH LOGIN's password prompt.
    pub sasl_login_pass_prompt: String,
    /// CRAM-MD5 challenge; `{challenge}` is its base64.
    pub sasl_cram_prompt: String,
    /// Bad base64 in AUTH's initial response.
    pub sasl_bad_base64_initial: String,
    /// Bad base64 in a continuation response.
    pub sasl_bad_base64_response: String,
    /// The client answered a challenge with `*`.
    pub sasl_cancelled: String,
    /// A mechanism the server does not offer.
    pub sasl_unknown_mechanism: String,
    /// APOP when the server offers no APOP. `None`: APOP is an unknown command.
    pub apop_not_enabled: Option<String>,
    /// APOP without a name and a 32-character digest.
    pub apop_invalid_parameters: String,
    /// APOP with a digest that is not hex.
    pub apop_invalid_digest: String,
    /// STLS accepted.
    pub stls_ok: String,
    /// STLS while TLS is already on.
    pub stls_active: String,
    /// STLS where the server has no TLS.
    pub stls_unavailable: String,
    /// UTF8 (RFC 6856) accepted before login. `None`: unknown command.
    pub utf8: Option<String>,
    /// USER, PASS or AUTH with a plaintext mechanism while the scenario requires TLS first.
    pub plaintext_refused: String,
    /// Login refused because another session holds the mailbox.
    pub in_use: String,
    /// Login to a mailbox the server cannot open.
    pub mailbox_unavailable: UnavailableReply,
    /// Sent before closing an idle session. `None`: the server closes silently.
    pub inactivity: Option<String>,
    /// Sent before closing a session idle in the middle of AUTH.
    pub inactivity_during_auth: Option<String>,
}

/// Fills `{name}` placeholders in a template with raw bytes (arguments echoed back may not be UTF-8).
pub fn render(template: &str, vars: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.extend_from_slice(&rest.as_bytes()[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match vars.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.extend_from_slice(value),
                    None => out.extend_from_slice(&rest.as_bytes()[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.extend_from_slice(&rest.as_bytes()[open..]);
                rest = "";
            }
        }
    }
    out.extend_from_slice(rest.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_fills_known_placeholders_and_keeps_others() {
        assert_eq!(render("+OK {n} {octets}", &[("n", b"2"), ("octets", b"443")]), b"+OK 2 443");
        assert_eq!(render("-ERR {x} {", &[]), b"-ERR {x} {");
        assert_eq!(render("{arg}", &[("arg", &[0xff, b'a'])]), vec![0xff, b'a']);
    }

    #[test]
    fn builtins_round_trip_through_json() {
        for id in BUILTIN_IDS {
            let p = builtin(id).unwrap();
            assert_eq!(p.id, id);
            let json = serde_json::to_string(&p).unwrap();
            let back: Profile = serde_json::from_str(&json).unwrap();
            assert_eq!(back, p);
        }
        assert!(builtin("nosuch").is_none());
    }

    #[test]
    fn uidl_formats_match_the_recordings() {
        assert_eq!(UidlFormat::HexUidValidity.format(1, 1_700_000_000), "000000016553f100");
        assert_eq!(UidlFormat::UidDashValidity.format(3, 1_700_000_000), "UID3-1700000000");
    }
}
