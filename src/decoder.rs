//! The error decoder's data and logic (no UI): which Outlook / Outlook Express / Windows Mail and Windows
//! Sockets error numbers exist, where each number's name is documented, which built-in scenarios show each
//! failure, and [`decode`], which reads a bare code or a whole pasted error message.
//!
//! The words (meaning, likely causes, what to check) are in [`crate::i18n::decoder`], so that both languages
//! live in one place; this module only holds facts that do not depend on the language.
//!
//! # Where the numbers come from
//!
//! - Outlook Express / Windows Mail / Outlook's Internet transport codes `IXP_E_*` are HRESULTs built as
//!   `HR_E(n)` = `MAKE_SCODE(SEVERITY_ERROR, FACILITY_INTERNET, n)`, with `FACILITY_INTERNET` = 12, so
//!   `HR_E(0xCC0E)` = `0x800CCC0E`. The general ones (`0xCC00`–`0xCC1A`) are listed in Wine's
//!   `include/imnxport.idl`; Wine's copy stops after the SMTP block, so the POP3 block (`0xCC90`–`0xCC97`) is
//!   taken from Microsoft's own `imnxport.h` (Platform SDK), section "POP3 Command Response Values". The same
//!   header gives the ranges of the other families (SMTP, IMAP, NNTP, RAS, HTTPMail), used to say what an
//!   unknown `0x800CCCxx` is about.
//! - Windows Sockets errors (`WSAE*`, `WSAHOST_NOT_FOUND`, …) are `WSABASEERR` (10000) plus an offset, as
//!   listed on Microsoft's "Windows Sockets Error Codes" page (and in Wine's `include/winsock.h`).
//!
//! # Why hand-written scanning
//!
//! The app's download size is watched, so no regex engine: the parser walks the bytes once, looks at runs of
//! letters, digits and `_` ("tokens") and at a few labels of Outlook's message (`Server response:`, `Port:`,
//! `Secure (SSL):`, in English and Polish). Input is cut at [`MAX_INPUT`] and the output at [`MAX_CODES`]
//! codes and [`MAX_RESPONSE_CHARS`] characters of response, so any paste costs bounded work and nothing
//! indexes out of range.

/// Bytes of input read; the rest of a longer paste is ignored (and [`Decoded::truncated`] says so).
pub const MAX_INPUT: usize = 64 * 1024;
/// Distinct codes reported at most; more set [`Decoded::more_codes`].
pub const MAX_CODES: usize = 20;
/// Characters of the quoted server response kept.
pub const MAX_RESPONSE_CHARS: usize = 500;
/// Bytes searched for the closing quote of a quoted field, so a stray quote cannot make the scan quadratic.
const MAX_QUOTED_BYTES: usize = 2048;

/// The built-in scenarios the decoder may point to: the troubleshooting library (ids are stable).
pub use pop3_sim::scenario::LIBRARY_IDS as SCENARIO_IDS;

/// Where a code's number-to-name mapping is documented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Wine's `include/imnxport.idl`, "General Error Codes".
    WineImnxport,
    /// Microsoft's `imnxport.h` (Platform SDK), "POP3 Command Response Values" (absent from Wine's copy).
    MicrosoftImnxport,
    /// Microsoft's "Windows Sockets Error Codes" page.
    MicrosoftWinsock,
}

impl Source {
    /// A public address of the source, where there is one.
    pub fn url(self) -> Option<&'static str> {
        match self {
            Source::WineImnxport => Some("https://gitlab.winehq.org/wine/wine/-/blob/master/include/imnxport.idl"),
            Source::MicrosoftImnxport => None,
            Source::MicrosoftWinsock => {
                Some("https://learn.microsoft.com/en-us/windows/win32/winsock/windows-sockets-error-codes-2")
            }
        }
    }
}

/// One documented error number.
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    /// The number: `0x800CCCxx` for Outlook's codes, 10000–11999 for Windows Sockets.
    pub code: u32,
    /// The symbolic name in its source.
    pub name: &'static str,
    /// Where the mapping is documented.
    pub source: Source,
    /// Built-in scenarios that show this failure, most typical first (from [`SCENARIO_IDS`]).
    pub scenarios: &'static [&'static str],
}

impl Entry {
    /// Whether it is one of Outlook's `IXP_E_*` codes (else a Windows Sockets error).
    pub fn is_outlook(&self) -> bool {
        is_hresult(self.code)
    }

    /// The number as Outlook prints it: `0x800CCC0E`, `10060`.
    pub fn display(&self) -> String {
        display_code(self.code)
    }
}

const fn e(code: u32, name: &'static str, source: Source, scenarios: &'static [&'static str]) -> Entry {
    Entry { code, name, source, scenarios }
}

use Source::{MicrosoftImnxport as MsIxp, MicrosoftWinsock as MsWsa, WineImnxport as Wine};

/// Every code the decoder explains: Outlook's first (by number), then Windows Sockets'. The scenarios follow
/// the `errors` each built-in scenario file lists (`crates/pop3-sim/scenarios/library/`), plus a few close
/// relatives (a refused SPA login and a cancelled password prompt lead to `wrong-password`, say).
pub const ENTRIES: &[Entry] = &[
    e(0x800C_CC01, "IXP_E_INVALID_CERT_CN", Wine, &[]),
    e(0x800C_CC02, "IXP_E_INVALID_CERT_DATE", Wine, &["expired-certificate"]),
    e(0x800C_CC0D, "IXP_E_CANT_FIND_HOST", Wine, &["dns-failure"]),
    e(0x800C_CC0E, "IXP_E_FAILED_TO_CONNECT", Wine, &["timeout-10060", "connection-refused", "too-many-failures"]),
    e(
        0x800C_CC0F,
        "IXP_E_CONNECTION_DROPPED",
        Wine,
        &["drop-during-retr", "firewall-blocks-110", "wrong-port-995", "server-busy"],
    ),
    e(0x800C_CC12, "IXP_E_SOCKET_READ_ERROR", Wine, &["drop-during-retr"]),
    e(0x800C_CC15, "IXP_E_SOCKET_CONNECT_ERROR", Wine, &["connection-refused", "timeout-10060"]),
    e(0x800C_CC17, "IXP_E_USER_CANCEL", Wine, &["wrong-password"]),
    e(0x800C_CC18, "IXP_E_SICILY_LOGON_FAILED", Wine, &["wrong-password"]),
    e(0x800C_CC19, "IXP_E_TIMEOUT", Wine, &["wrong-port-995"]),
    e(0x800C_CC1A, "IXP_E_SECURE_CONNECT_FAILED", Wine, &["expired-certificate", "tls-required"]),
    e(
        0x800C_CC90,
        "IXP_E_POP3_RESPONSE_ERROR",
        MsIxp,
        &["timeout-10060", "mailbox-locked", "server-busy", "tls-required"],
    ),
    e(0x800C_CC91, "IXP_E_POP3_INVALID_USER_NAME", MsIxp, &["tls-required"]),
    e(
        0x800C_CC92,
        "IXP_E_POP3_INVALID_PASSWORD",
        MsIxp,
        &["wrong-password", "mailbox-locked", "login-delay", "too-many-failures"],
    ),
    e(0x800C_CC93, "IXP_E_POP3_PARSE_FAILURE", MsIxp, &[]),
    e(10013, "WSAEACCES", MsWsa, &["firewall-blocks-110"]),
    e(10051, "WSAENETUNREACH", MsWsa, &[]),
    e(10053, "WSAECONNABORTED", MsWsa, &["drop-during-retr", "firewall-blocks-110"]),
    e(10054, "WSAECONNRESET", MsWsa, &["drop-during-retr", "firewall-blocks-110"]),
    e(10060, "WSAETIMEDOUT", MsWsa, &["timeout-10060", "too-many-failures"]),
    e(10061, "WSAECONNREFUSED", MsWsa, &["connection-refused"]),
    e(10065, "WSAEHOSTUNREACH", MsWsa, &["timeout-10060"]),
    e(11001, "WSAHOST_NOT_FOUND", MsWsa, &["dns-failure"]),
    e(11002, "WSATRY_AGAIN", MsWsa, &["dns-failure"]),
    e(11004, "WSANO_DATA", MsWsa, &["dns-failure"]),
];

/// Socket errors that mean "could not connect" (as opposed to a connection that broke later).
const CONNECT_ERRORS: [u32; 7] = [10051, 10060, 10061, 10065, 11001, 11002, 11004];

/// The entry for a number.
pub fn lookup(code: u32) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.code == code)
}

fn is_hresult(code: u32) -> bool {
    code >= 0x8000_0000
}

/// A number as Outlook prints it: HRESULTs as `0x800CCC0E`, socket errors in decimal.
pub fn display_code(code: u32) -> String {
    if is_hresult(code) {
        format!("0x{code:08X}")
    } else {
        code.to_string()
    }
}

/// Which part of Outlook Express's transport an `0x800CCCxx` code belongs to, from the ranges in Microsoft's
/// `imnxport.h`: lets the decoder say something useful about a code it does not list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `0x800CCC00`–`0x800CCC1F`: connecting, sockets, certificates.
    General,
    /// `0x800CCC30`–`0x800CCC3F`, `0x800CCCF0`–`0x800CCCFF`: HTTPMail (Hotmail over HTTP).
    HttpMail,
    /// `0x800CCC40`–`0x800CCC4F`: starting Windows Sockets.
    WinsockStartup,
    /// `0x800CCC60`–`0x800CCC7F`: SMTP, i.e. sending.
    Smtp,
    /// `0x800CCC90`–`0x800CCC9F`: POP3.
    Pop3,
    /// `0x800CCCA0`–`0x800CCCAF`: newsgroups (NNTP).
    Nntp,
    /// `0x800CCCC0`–`0x800CCCCF`: dial-up (RAS).
    Ras,
    /// `0x800CCCD0`–`0x800CCCEF`: IMAP.
    Imap,
    /// None of the ranges above.
    Other,
}

/// The family of an `0x800CCCxx` code.
pub fn family(code: u32) -> Family {
    match code & 0xFF {
        0x00..=0x1F => Family::General,
        0x30..=0x3F | 0xF0..=0xFF => Family::HttpMail,
        0x40..=0x4F => Family::WinsockStartup,
        0x60..=0x7F => Family::Smtp,
        0x90..=0x9F => Family::Pop3,
        0xA0..=0xAF => Family::Nntp,
        0xC0..=0xCF => Family::Ras,
        0xD0..=0xEF => Family::Imap,
        _ => Family::Other,
    }
}

/// A code found in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// One the table explains.
    Known(&'static Entry),
    /// An `0x800CCCxx` code not in the table (see [`family`]).
    UnknownOutlook(u32),
    /// Another HRESULT (`0x8…`): from some other part of Windows or Outlook.
    UnknownHresult(u32),
    /// A number in the Windows Sockets range (10000–11999) that the table does not explain.
    UnknownWinsock(u32),
}

impl Code {
    /// The number.
    pub fn number(self) -> u32 {
        match self {
            Code::Known(e) => e.code,
            Code::UnknownOutlook(n) | Code::UnknownHresult(n) | Code::UnknownWinsock(n) => n,
        }
    }
}

/// A code and where it was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// The code.
    pub code: Code,
    /// Whether it appeared only inside the quoted server response: then whatever sent the response met the
    /// error, not Outlook.
    pub in_response: bool,
}

/// A response code or wording in the server's reply that names the trouble.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// `[IN-USE]` (RFC 2449 §8.1.1): the mailbox is locked by another session.
    InUse,
    /// `[LOGIN-DELAY]` (RFC 2449 §8.1.2): logging in too often.
    LoginDelay,
    /// `[SYS/TEMP]` (RFC 3206 §4): a temporary problem on the server.
    SysTemp,
    /// `[SYS/PERM]` (RFC 3206 §4): a permanent problem on the server.
    SysPerm,
    /// `[AUTH]` (RFC 3206 §5) or words such as "login failed": the credentials were refused.
    Auth,
    /// Plain-text login is refused before encryption.
    TlsRequired,
}

impl Hint {
    /// Scenarios that show it.
    pub fn scenarios(self) -> &'static [&'static str] {
        match self {
            Hint::InUse => &["mailbox-locked"],
            Hint::LoginDelay => &["login-delay"],
            Hint::SysTemp => &["server-busy"],
            Hint::SysPerm => &[],
            Hint::Auth => &["wrong-password"],
            Hint::TlsRequired => &["tls-required"],
        }
    }
}

/// What the parts of a message say together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finding {
    /// The quoted `-ERR` reply itself reports failing to connect (with this socket error, if given): the reply
    /// came from something between Outlook and the real server (an antivirus mail scanner, a proxy) that
    /// could not reach the server. A real POP3 server does not report failing to connect to itself.
    ProxyCouldNotConnect {
        /// The socket error quoted in the reply.
        socket_error: Option<u32>,
    },
    /// Port 995 with SSL off: the server waits in silence for a TLS handshake that never comes.
    PlainOn995,
    /// Port 110 with SSL on: the server greets in plain text where Outlook expects a TLS handshake.
    SslOn110,
    /// A port used for sending (SMTP: 25, 465, 587) set for the incoming server.
    SendingPort(u16),
    /// Some other port than 110 or 995.
    UnusualPort(u16),
    /// The reply names its trouble.
    Reply(Hint),
}

impl Finding {
    /// Scenarios that show it.
    pub fn scenarios(self) -> &'static [&'static str] {
        match self {
            Finding::ProxyCouldNotConnect { .. } => &["timeout-10060"],
            Finding::PlainOn995 => &["wrong-port-995"],
            Finding::SslOn110 => &["seed"],
            Finding::SendingPort(_) | Finding::UnusualPort(_) => &[],
            Finding::Reply(h) => h.scenarios(),
        }
    }
}

/// What [`decode`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decoded {
    /// The codes, each once: those Outlook reported itself first, then those only quoted inside the server
    /// response, each group in order of appearance.
    pub codes: Vec<Found>,
    /// More than [`MAX_CODES`] distinct codes were present; the rest are not listed.
    pub more_codes: bool,
    /// The text of `Server response: '…'` (cut at [`MAX_RESPONSE_CHARS`] characters).
    pub response: Option<String>,
    /// The `Server: '…'` field: the incoming server in the account settings.
    pub server: Option<String>,
    /// The `Port:` field.
    pub port: Option<u16>,
    /// The `Secure (SSL):` field.
    pub ssl: Option<bool>,
    /// What the parts say together.
    pub findings: Vec<Finding>,
    /// Length of the whole input in bytes.
    pub input_bytes: usize,
    /// Only the first [`MAX_INPUT`] bytes were read.
    pub truncated: bool,
}

impl Decoded {
    /// Nothing worth showing was found.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty() && self.response.is_none() && self.port.is_none() && self.ssl.is_none()
    }

    /// The scenarios worth opening, each once: the findings' first (they are the most specific), then the
    /// codes', in order.
    pub fn scenarios(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        let from_findings = self.findings.iter().flat_map(|f| f.scenarios().iter());
        let from_codes = self.codes.iter().filter_map(|f| match f.code {
            Code::Known(e) => Some(e.scenarios.iter()),
            _ => None,
        });
        for id in from_findings.chain(from_codes.flatten()) {
            if !out.contains(id) {
                out.push(id);
            }
        }
        out
    }
}

/// Decodes a bare code in any usual spelling (`0x800CCC0E`, `800ccc0e`, `10060`, `WSAETIMEDOUT`,
/// `Socket Error: 10061`) or a whole pasted error message. Never panics; reads at most [`MAX_INPUT`] bytes.
pub fn decode(text: &str) -> Decoded {
    let mut end = text.len().min(MAX_INPUT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let s = &text.as_bytes()[..end];
    let mut out = Decoded { input_bytes: text.len(), truncated: end < text.len(), ..Decoded::default() };

    // The quoted response first: codes inside it are marked, and labels inside it are not the message's.
    let response = labelled(s, &[b"server response:", "odpowiedź serwera:".as_bytes()], &|_| true)
        .and_then(|at| quoted(s, at, MAX_QUOTED_BYTES, true));
    if let Some((from, to)) = response {
        let text = String::from_utf8_lossy(&s[from..to]);
        let text = text.trim();
        out.response = Some(match text.char_indices().nth(MAX_RESPONSE_CHARS) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.to_string(),
        });
    }
    let outside = |at: usize| !matches!(response, Some((from, to)) if at >= from && at < to);

    out.server = labelled(s, &[b"server:", b"serwer:"], &outside)
        .and_then(|at| quoted(s, at, 255, false))
        .map(|(from, to)| String::from_utf8_lossy(&s[from..to]).trim().to_string())
        .filter(|v| !v.is_empty());
    out.port = labelled(s, &[b"port:"], &outside).and_then(|at| {
        let digits: Vec<u8> =
            s[at..].iter().skip_while(|b| **b == b' ').take_while(|b| b.is_ascii_digit()).take(6).copied().collect();
        std::str::from_utf8(&digits).ok()?.parse::<u16>().ok().filter(|p| *p > 0)
    });
    out.ssl = labelled(s, &[b"(ssl):", b"(ssl) :", b"ssl:"], &outside).and_then(|at| {
        let word: Vec<u8> = s[at..]
            .iter()
            .skip_while(|b| **b == b' ')
            .take_while(|b| b.is_ascii_alphabetic())
            .take(6)
            .map(u8::to_ascii_lowercase)
            .collect();
        match word.as_slice() {
            b"yes" | b"tak" | b"true" => Some(true),
            b"no" | b"nie" | b"false" => Some(false),
            _ => None,
        }
    });

    scan_codes(s, response, &mut out);
    diagnose(&mut out);
    out
}

/// Finds every code token and records each distinct code once.
fn scan_codes(s: &[u8], response: Option<(usize, usize)>, out: &mut Decoded) {
    let whole = trim_ascii(s);
    let mut outside: Vec<Found> = Vec::new();
    let mut inside: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if !is_token_byte(s[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < s.len() && is_token_byte(s[i]) {
            i += 1;
        }
        let token = &s[start..i];
        let alone = token.len() == whole.len();
        let Some(code) = classify(token, &s[..start], &s[i..], alone) else { continue };
        let in_response = matches!(response, Some((from, to)) if start >= from && start < to);
        let number = code.number();
        if let Some(pos) = inside.iter().position(|f| f.code.number() == number) {
            if !in_response {
                inside.remove(pos);
            } else {
                continue;
            }
        } else if outside.iter().any(|f| f.code.number() == number) {
            continue;
        }
        if outside.len() + inside.len() >= MAX_CODES {
            out.more_codes = true;
            break;
        }
        if in_response { &mut inside } else { &mut outside }.push(Found { code, in_response });
    }
    out.codes = outside;
    out.codes.extend(inside);
}

/// What a token is, given the text before and after it; `alone` when it is the whole (trimmed) input.
fn classify(token: &[u8], before: &[u8], after: &[u8], alone: bool) -> Option<Code> {
    if token.len() > 40 {
        return None;
    }
    let lower: Vec<u8> = token.iter().map(u8::to_ascii_lowercase).collect();
    let hex = lower.strip_prefix(b"0x").map(|h| (h, true)).unwrap_or((&lower, false));
    if hex.0.len() == 8 && hex.0.iter().all(u8::is_ascii_hexdigit) {
        let n = u32::from_str_radix(std::str::from_utf8(hex.0).ok()?, 16).ok()?;
        return if n & 0xFFFF_FF00 == 0x800C_CC00 {
            Some(lookup(n).map_or(Code::UnknownOutlook(n), Code::Known))
        } else if hex.1 && is_hresult(n) {
            Some(Code::UnknownHresult(n))
        } else {
            None
        };
    }
    if token.len() == 5 && token.iter().all(u8::is_ascii_digit) {
        let n: u32 = std::str::from_utf8(token).ok()?.parse().ok()?;
        if !(10000..=11999).contains(&n) || part_of_address(before, after) {
            return None;
        }
        return match lookup(n) {
            Some(e) => Some(Code::Known(e)),
            None if alone || after_error_word(before) => Some(Code::UnknownWinsock(n)),
            None => None,
        };
    }
    ENTRIES.iter().find(|e| e.name.as_bytes().eq_ignore_ascii_case(token)).map(Code::Known)
}

/// A number inside an address or version (`10.0.10060.1`, `host:10060`) is not an error code.
fn part_of_address(before: &[u8], after: &[u8]) -> bool {
    let digit_before =
        |sep: u8| before.len() >= 2 && before[before.len() - 1] == sep && before[before.len() - 2].is_ascii_digit();
    let dotted_after = after.len() >= 2 && after[0] == b'.' && after[1].is_ascii_digit();
    digit_before(b'.') || digit_before(b':') || dotted_after
}

/// Whether the text before a number ends with a word that introduces an error number ("Socket Error: ",
/// "connect error ", "Błąd gniazda: ").
fn after_error_word(before: &[u8]) -> bool {
    let tail = &before[before.len().saturating_sub(32)..];
    let mut end = tail.len();
    while end > 0 && matches!(tail[end - 1], b' ' | b'\t' | b':' | b'=' | b'#' | b'-') {
        end -= 1;
    }
    let tail = &tail[..end];
    ["error", "errno", "socket", "winsock", "gniazda", "błąd", "błędu"].iter().any(|w| ends_with_ci(tail, w.as_bytes()))
}

/// Puts together what the fields and codes say.
fn diagnose(out: &mut Decoded) {
    let mut findings = Vec::new();
    if let Some(reply) = &out.response {
        // ASCII case folding is enough for the English phrases below and keeps Unicode's case tables out of
        // the download.
        let lower = reply.to_ascii_lowercase();
        let quoted_error =
            out.codes.iter().filter(|f| f.in_response).map(|f| f.code.number()).find(|n| CONNECT_ERRORS.contains(n));
        let says_cannot_connect = [
            "cannot connect",
            "can't connect",
            "could not connect",
            "unable to connect",
            "connect error",
            "connection refused",
            "connection timed out",
        ]
        .iter()
        .any(|p| lower.contains(p));
        if quoted_error.is_some() || says_cannot_connect {
            findings.push(Finding::ProxyCouldNotConnect { socket_error: quoted_error });
        }
        let hints: [(&[&str], Hint); 6] = [
            (&["[in-use]"], Hint::InUse),
            (&["[login-delay]"], Hint::LoginDelay),
            (&["[sys/temp]"], Hint::SysTemp),
            (&["[sys/perm]"], Hint::SysPerm),
            (
                &["plaintext authentication", "tls required", "ssl required", "must use stls", "encryption required"],
                Hint::TlsRequired,
            ),
            (
                &[
                    "[auth]",
                    "login failed",
                    "authentication failed",
                    "invalid password",
                    "bad password",
                    "logon failure",
                ],
                Hint::Auth,
            ),
        ];
        for (words, hint) in hints {
            // Dovecot's "[AUTH] Plaintext authentication disallowed" is about encryption, not the password.
            let shadowed = hint == Hint::Auth && findings.contains(&Finding::Reply(Hint::TlsRequired));
            if !shadowed && words.iter().any(|w| lower.contains(w)) {
                findings.push(Finding::Reply(hint));
            }
        }
    }
    match (out.port, out.ssl) {
        (Some(995), Some(false)) => findings.push(Finding::PlainOn995),
        (Some(110), Some(true)) => findings.push(Finding::SslOn110),
        (Some(p @ (25 | 465 | 587)), _) => findings.push(Finding::SendingPort(p)),
        (Some(p), _) if p != 110 && p != 995 => findings.push(Finding::UnusualPort(p)),
        _ => {}
    }
    out.findings = findings;
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn trim_ascii(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(s.len());
    let end = s.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |i| i + 1);
    &s[start..end.max(start)]
}

fn ends_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[hay.len() - needle.len()..].eq_ignore_ascii_case(needle)
}

/// Where the value after the first of `labels` starts (ASCII case-insensitive; the label must not follow a
/// letter, so `Port:` does not match `Support:`), skipping positions `keep` rejects.
fn labelled(s: &[u8], labels: &[&[u8]], keep: &dyn Fn(usize) -> bool) -> Option<usize> {
    let first = labels.iter().filter_map(|l| l.first()).map(u8::to_ascii_lowercase).collect::<Vec<_>>();
    (0..s.len()).find_map(|i| {
        let inside_word = i > 0 && s[i - 1].is_ascii_alphabetic() && s[i].is_ascii_alphabetic();
        if !first.contains(&s[i].to_ascii_lowercase()) || inside_word {
            return None;
        }
        if !keep(i) {
            return None;
        }
        labels.iter().find(|l| s.len() - i >= l.len() && s[i..i + l.len()].eq_ignore_ascii_case(l)).map(|l| i + l.len())
    })
}

/// The byte range of a quoted value starting at `at` (after spaces): `'…'`, `"…"` or `‘…’`. With `lenient`
/// the value may itself hold quotes (`-ERR Can't open`): the closing one is the first followed by the end of
/// the line or by `, Label:`. At most `limit` bytes are searched; an unclosed value runs to the end of the
/// line.
fn quoted(s: &[u8], at: usize, limit: usize, lenient: bool) -> Option<(usize, usize)> {
    let mut i = at;
    while i < s.len() && s[i] == b' ' {
        i += 1;
    }
    let rest = &s[i..];
    let (open_len, close): (usize, &[u8]) = if rest.starts_with(b"'") {
        (1, b"'")
    } else if rest.starts_with(b"\"") {
        (1, b"\"")
    } else if rest.starts_with("‘".as_bytes()) || rest.starts_with("’".as_bytes()) {
        (3, "’".as_bytes())
    } else {
        return None;
    };
    let from = i + open_len;
    let window = &s[from..s.len().min(from + limit)];
    let mut j = 0;
    while j < window.len() {
        if window[j] == b'\n' || window[j] == b'\r' {
            return Some((from, from + j));
        }
        if window[j..].starts_with(close) && (!lenient || closes_field(&window[j + close.len()..])) {
            return Some((from, from + j));
        }
        j += 1;
    }
    Some((from, from + window.len()))
}

/// Whether the text after a quote ends the field: end of text or line, or `, Label:` (a few words and a
/// colon).
fn closes_field(after: &[u8]) -> bool {
    let after = &after[..after.len().min(40)];
    let mut k = 0;
    while k < after.len() && after[k] == b' ' {
        k += 1;
    }
    match after.get(k) {
        None | Some(b'\r' | b'\n') => true,
        Some(b',') => {
            let label = trim_ascii(&after[k + 1..]);
            let colon = label.iter().position(|b| *b == b':');
            label.is_empty()
                || colon.is_some_and(|c| {
                    c > 1
                        && label[..c]
                            .iter()
                            .all(|b| b.is_ascii_alphabetic() || matches!(b, b' ' | b'(' | b')') || *b >= 0x80)
                })
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "Server returned an error. Account: 'pop3.outlook.pl', Server: 'pop.outlook.pl', Protocol: POP3, Server response: '-ERR Cannot connect to POP server pop.outlook.pl (193.143.77.12:110), connect error 10060', Port: 110, Secure (SSL): No, Server error: 0x800CCC90, Error number: 0x800CCC90";

    fn numbers(d: &Decoded) -> Vec<u32> {
        d.codes.iter().map(|f| f.code.number()).collect()
    }

    #[test]
    fn every_entry_decodes_from_its_bare_code_and_its_name() {
        for entry in ENTRIES {
            for spelling in
                [entry.display(), entry.display().to_lowercase(), entry.name.to_string(), entry.name.to_lowercase()]
            {
                let d = decode(&spelling);
                assert_eq!(d.codes, vec![Found { code: Code::Known(entry), in_response: false }], "{spelling}");
            }
        }
    }

    #[test]
    fn the_table_is_consistent() {
        for (i, entry) in ENTRIES.iter().enumerate() {
            assert!(ENTRIES[i + 1..].iter().all(|o| o.code != entry.code && o.name != entry.name), "{}", entry.name);
            assert_eq!(entry.is_outlook(), entry.name.starts_with("IXP_E_"), "{}", entry.name);
            if entry.is_outlook() {
                assert_eq!(entry.code & 0xFFFF_FF00, 0x800C_CC00);
                let pop3 = entry.name.starts_with("IXP_E_POP3_");
                assert_eq!(entry.source, if pop3 { Source::MicrosoftImnxport } else { Source::WineImnxport });
                assert_eq!(family(entry.code), if pop3 { Family::Pop3 } else { Family::General });
            } else {
                assert!((10000..=11999).contains(&entry.code) && entry.name.starts_with("WSA"));
                assert_eq!(entry.source, Source::MicrosoftWinsock);
            }
            for id in entry.scenarios {
                assert!(SCENARIO_IDS.contains(id), "{id}");
            }
        }
        // Spot checks against the sources (HR_E(n) = 0x800C0000 | n; WSABASEERR = 10000).
        assert_eq!(lookup(0x800C_CC0E).unwrap().name, "IXP_E_FAILED_TO_CONNECT");
        assert_eq!(lookup(0x800C_CC0F).unwrap().name, "IXP_E_CONNECTION_DROPPED");
        assert_eq!(lookup(0x800C_CC90).unwrap().name, "IXP_E_POP3_RESPONSE_ERROR");
        assert_eq!(lookup(0x800C_CC92).unwrap().name, "IXP_E_POP3_INVALID_PASSWORD");
        assert_eq!(lookup(10000 + 60).unwrap().name, "WSAETIMEDOUT");
        assert_eq!(lookup(10000 + 1001).unwrap().name, "WSAHOST_NOT_FOUND");
    }

    /// Each built-in scenario lists the errors it shows (`errors`); each of them must lead back to it.
    #[test]
    fn the_scenario_files_errors_lead_back_to_them() {
        for id in SCENARIO_IDS {
            let scenario = pop3_sim::scenario::builtin(id).unwrap();
            for code in &scenario.errors {
                let Some(Found { code: Code::Known(entry), .. }) = decode(code).codes.first().copied() else {
                    panic!("{id}: {code} is not in the table");
                };
                assert!(entry.scenarios.contains(&id), "{id} lists {code}, but {} does not lead to it", entry.name);
            }
        }
    }

    #[test]
    fn the_seed_message_decodes_whole() {
        let d = decode(SEED);
        assert_eq!(numbers(&d), [0x800C_CC90, 10060]);
        assert!(!d.codes[0].in_response && d.codes[1].in_response);
        assert!(matches!(d.codes[0].code, Code::Known(Entry { name: "IXP_E_POP3_RESPONSE_ERROR", .. })));
        assert!(matches!(d.codes[1].code, Code::Known(Entry { name: "WSAETIMEDOUT", .. })));
        assert_eq!(
            d.response.as_deref(),
            Some("-ERR Cannot connect to POP server pop.outlook.pl (193.143.77.12:110), connect error 10060")
        );
        assert_eq!(d.server.as_deref(), Some("pop.outlook.pl"));
        assert_eq!((d.port, d.ssl), (Some(110), Some(false)));
        assert_eq!(d.findings, [Finding::ProxyCouldNotConnect { socket_error: Some(10060) }]);
        assert!(!d.truncated && !d.more_codes);
        let scenarios = d.scenarios();
        assert_eq!(scenarios[0], "timeout-10060");
        assert!(scenarios.contains(&"mailbox-locked"));
        assert!(scenarios.iter().all(|id| SCENARIO_IDS.contains(id)));
    }

    #[test]
    fn polish_outlook_labels_and_line_breaks() {
        let d = decode(
            "Serwer zwrócił błąd. Konto: 'x', Serwer: 'pop.example.pl', Protokół: POP3,\r\nOdpowiedź serwera: '-ERR [IN-USE] Unable to lock maildrop',\r\nPort: 995, Bezpieczne (SSL): Nie, Błąd serwera: 0x800CCC92, Numer błędu: 0x800ccc92",
        );
        assert_eq!(numbers(&d), [0x800C_CC92]);
        assert_eq!(d.response.as_deref(), Some("-ERR [IN-USE] Unable to lock maildrop"));
        assert_eq!(d.server.as_deref(), Some("pop.example.pl"));
        assert_eq!((d.port, d.ssl), (Some(995), Some(false)));
        assert_eq!(d.findings, [Finding::Reply(Hint::InUse), Finding::PlainOn995]);
        assert_eq!(d.scenarios()[..2], ["mailbox-locked", "wrong-port-995"]);
    }

    #[test]
    fn spellings_of_a_code() {
        for text in ["0x800CCC0E", "800ccc0e", "0X800CCC0E", " 0x800ccc0E\n", "Error Number: 0x800CCC0E.", "(800CCC0E)"]
        {
            assert_eq!(numbers(&decode(text)), [0x800C_CC0E], "{text}");
        }
        for text in ["10060", "WSAETIMEDOUT", "wsaetimedout", "connect error 10060", "Socket Error: 10060,"] {
            assert_eq!(numbers(&decode(text)), [10060], "{text}");
        }
        assert_eq!(numbers(&decode("Socket Error: 10061, Error Number: 0x800CCC0E")), [10061, 0x800C_CC0E]);
        assert_eq!(numbers(&decode("ixp_e_timeout")), [0x800C_CC19]);
    }

    #[test]
    fn unknown_codes_are_reported_not_dropped() {
        let d = decode("0x800CCC6A and 0x800ccc99, 0x8004210A; Socket error 10099");
        assert_eq!(
            d.codes.iter().map(|f| f.code).collect::<Vec<_>>(),
            [
                Code::UnknownOutlook(0x800C_CC6A),
                Code::UnknownOutlook(0x800C_CC99),
                Code::UnknownHresult(0x8004_210A),
                Code::UnknownWinsock(10099)
            ]
        );
        assert_eq!(family(0x800C_CC6A), Family::Smtp);
        assert_eq!(family(0x800C_CC99), Family::Pop3);
        assert_eq!(numbers(&decode("10099")), [10099]);
    }

    #[test]
    fn empty_input_and_numbers_that_are_not_codes() {
        assert!(decode("").is_empty());
        assert!(decode(" \n\t ").is_empty());
        for text in [
            "hello",
            "12345",
            "99999",
            "deadbeef",
            "0x1234",
            "10.0.10060.1",
            "193.143.77.12:10060",
            "10099 unexplained",
        ] {
            assert!(decode(text).codes.is_empty(), "{text}");
        }
    }

    #[test]
    fn a_response_holding_quotes_and_ssl_on_110() {
        let d = decode("Server response: '-ERR Can't open the message file - it's gone!', Port: 110, Secure(SSL): Yes");
        assert_eq!(d.response.as_deref(), Some("-ERR Can't open the message file - it's gone!"));
        assert_eq!((d.port, d.ssl), (Some(110), Some(true)));
        assert_eq!(d.findings, [Finding::SslOn110]);
        let d = decode("Server response: '-ERR [AUTH] Authentication failed.'");
        assert_eq!(d.findings, [Finding::Reply(Hint::Auth)]);
        let d = decode(
            "Server response: '-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.'",
        );
        assert_eq!(d.findings, [Finding::Reply(Hint::TlsRequired)]);
        let d = decode("Server response: '-ERR unterminated");
        assert_eq!(d.response.as_deref(), Some("-ERR unterminated"));
        assert_eq!(decode("Port: 587").findings, [Finding::SendingPort(587)]);
        assert_eq!(decode("Port: 1110").findings, [Finding::UnusualPort(1110)]);
        assert_eq!(decode("Support: 995").port, None);
    }

    #[test]
    fn repeated_codes_are_listed_once_and_many_are_capped() {
        let d = decode("0x800CCC0E 0x800ccc0e 800CCC0E");
        assert_eq!(numbers(&d), [0x800C_CC0E]);
        let many: String = (0..=255u32).map(|n| format!("0x800CCC{n:02X} ")).collect();
        let d = decode(&many);
        assert_eq!(d.codes.len(), MAX_CODES);
        assert!(d.more_codes);
    }

    #[test]
    fn long_input_is_cut_and_long_responses_are_shortened() {
        let mut text = "x".repeat(MAX_INPUT - 1);
        text.push('ą'); // a two-byte character across the limit
        text.push_str(" 0x800CCC0E");
        let d = decode(&text);
        assert!(d.truncated && d.codes.is_empty());
        assert_eq!(d.input_bytes, text.len());
        let d = decode(&format!("Server response: '-ERR {}'", "y".repeat(5000)));
        assert_eq!(d.response.as_ref().map(|r| r.chars().count()), Some(MAX_RESPONSE_CHARS + 1));
    }

    /// A fuzz-ish run: pseudo-random mixes of code fragments, labels, quotes, multi-byte characters and
    /// arbitrary bytes (made into text the way a paste would be) must never panic, and the output stays
    /// bounded.
    #[test]
    fn arbitrary_input_never_panics() {
        let pieces: [&str; 24] = [
            "0x800CCC",
            "800ccc",
            "0E",
            "9",
            "10060",
            "1106",
            "'",
            "\"",
            "‘",
            "’",
            ",",
            ":",
            " ",
            "\n",
            "Port:",
            "Server response:",
            "Odpowiedź serwera:",
            "(SSL):",
            "Nie",
            "Yes",
            "Serwer:",
            "błąd",
            "-ERR",
            "ą",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let mut text = String::new();
            let len = next() % 60;
            for _ in 0..len {
                let r = next();
                if r % 5 == 0 {
                    let bytes: Vec<u8> = (0..(r % 7)).map(|_| next() as u8).collect();
                    text.push_str(&String::from_utf8_lossy(&bytes));
                } else {
                    text.push_str(pieces[(r % pieces.len() as u64) as usize]);
                }
            }
            let d = decode(&text);
            assert!(d.codes.len() <= MAX_CODES);
            assert!(d.response.as_ref().is_none_or(|r| r.chars().count() <= MAX_RESPONSE_CHARS + 1));
            let _ = d.scenarios();
        }
    }

    #[test]
    fn ten_megabytes_are_cheap() {
        let big = "Server response: '0x800CCC0E 10060 ".repeat(10 * 1024 * 1024 / 36);
        let started = std::time::Instant::now();
        let d = decode(&big);
        assert!(d.truncated && d.codes.len() <= MAX_CODES);
        assert!(started.elapsed().as_secs() < 5);
    }
}
