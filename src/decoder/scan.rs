//! Reading a bare code or a whole pasted error message: the codes in it, the server's response, and what the
//! findings say together (see the module doc of [`super`] for why the scan is hand-written).

use super::*;

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
