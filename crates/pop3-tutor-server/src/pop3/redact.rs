//! What may be logged of a client's input and of the core's replies: verbs and statuses, never credentials.
//!
//! At DEBUG each reply is logged with the verb of the command it answers; an unrecognised verb is logged as
//! `unknown`, not echoed, because a password typed at the wrong prompt arrives as an "unknown command". At
//! TRACE the client's lines themselves are logged, masked: only lines starting with a harmless verb are shown;
//! `PASS`, `APOP` and `AUTH` keep their verb (and AUTH its mechanism) and lose their arguments; SASL
//! responses (any line after an `AUTH` or after a `+ ` continuation, until the next final reply) and anything
//! unrecognised are shown as an octet count only.

use pop3_sim::{Status, Verb};

/// The verbs whose arguments are harmless to log.
const SHOWN: [&[u8]; 14] = [
    b"USER", b"STAT", b"LIST", b"RETR", b"DELE", b"NOOP", b"RSET", b"TOP", b"UIDL", b"CAPA", b"QUIT", b"STLS", b"UTF8",
    b"LAST",
];

/// The name to log for a reply's verb.
pub(crate) fn verb_name(verb: Option<&Verb>) -> &'static str {
    match verb {
        None => "-",
        Some(Verb::User) => "USER",
        Some(Verb::Pass) => "PASS",
        Some(Verb::Apop) => "APOP",
        Some(Verb::Auth) => "AUTH",
        Some(Verb::Stls) => "STLS",
        Some(Verb::Capa) => "CAPA",
        Some(Verb::Utf8) => "UTF8",
        Some(Verb::Quit) => "QUIT",
        Some(Verb::Stat) => "STAT",
        Some(Verb::List) => "LIST",
        Some(Verb::Retr) => "RETR",
        Some(Verb::Dele) => "DELE",
        Some(Verb::Noop) => "NOOP",
        Some(Verb::Rset) => "RSET",
        Some(Verb::Top) => "TOP",
        Some(Verb::Uidl) => "UIDL",
        Some(Verb::Unknown(_)) => "unknown",
    }
}

/// Masks a client's input line by line; remembers where lines start and whether SASL data is due.
#[derive(Debug)]
pub(crate) struct Redactor {
    at_line_start: bool,
    secret_follows: bool,
}

impl Redactor {
    pub(crate) fn new() -> Redactor {
        Redactor { at_line_start: true, secret_follows: false }
    }

    /// A reply went out: after a `+ ` continuation the client's next lines are SASL data; after a final
    /// reply they are commands again.
    pub(crate) fn reply(&mut self, status: Status) {
        self.secret_follows = status == Status::Continuation;
    }

    /// Logs `input` at TRACE, one masked event per line (or piece of a line).
    pub(crate) fn input(&mut self, input: &[u8]) {
        let trace = tracing::enabled!(tracing::Level::TRACE);
        for piece in input.split_inclusive(|&b| b == b'\n') {
            let shown = self.describe(piece);
            if trace {
                tracing::trace!(line = %shown, "client");
            }
        }
    }

    /// The loggable form of one line or piece of a line.
    pub(crate) fn describe(&mut self, piece: &[u8]) -> String {
        let starts_line = std::mem::replace(&mut self.at_line_start, piece.ends_with(b"\n"));
        let n = piece.len();
        if !starts_line {
            return format!("[{n} more octets]");
        }
        if self.secret_follows {
            return format!("[{n} octets of SASL data]");
        }
        let line = trim_eol(piece);
        let mut words = line.split(|&b| b == b' ');
        let verb = words.next().unwrap_or_default().to_ascii_uppercase();
        match verb.as_slice() {
            b"PASS" | b"APOP" => format!("{} [masked]", String::from_utf8_lossy(&verb)),
            b"AUTH" => {
                self.secret_follows = true;
                let mechanism = words.next().filter(|m| {
                    !m.is_empty() && m.len() <= 20 && m.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
                });
                let masked = if words.next().is_some() { " [masked]" } else { "" };
                match mechanism {
                    Some(m) => format!("AUTH {}{masked}", String::from_utf8_lossy(m)),
                    None if line.len() > 4 => "AUTH [masked]".to_string(),
                    None => "AUTH".to_string(),
                }
            }
            v if SHOWN.contains(&v) => {
                let shown: String =
                    line.iter().take(100).flat_map(|&b| std::ascii::escape_default(b)).map(char::from).collect();
                if line.len() > 100 {
                    format!("{shown}… ({} octets)", line.len())
                } else {
                    shown
                }
            }
            _ => format!("[unrecognised line, {n} octets]"),
        }
    }
}

fn trim_eol(piece: &[u8]) -> &[u8] {
    let piece = piece.strip_suffix(b"\n").unwrap_or(piece);
    piece.strip_suffix(b"\r").unwrap_or(piece)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(r: &mut Redactor, input: &[u8]) -> Vec<String> {
        input.split_inclusive(|&b| b == b'\n').map(|p| r.describe(p)).collect()
    }

    #[test]
    fn credentials_never_show() {
        let mut r = Redactor::new();
        let shown = all(&mut r, b"USER anna\r\npass s3cret\r\nAPOP anna 0123456789abcdef0123456789abcdef\r\n");
        assert_eq!(shown, ["USER anna", "PASS [masked]", "APOP [masked]"]);
        let shown = all(&mut r, b"AUTH PLAIN AGFubmEAczNjcmV0\r\n");
        assert_eq!(shown, ["AUTH PLAIN [masked]"]);
        r.reply(Status::Ok);
        let shown = all(&mut r, b"AUTH LOGIN\r\nYW5uYQ==\r\nczNjcmV0\r\n");
        assert_eq!(shown, ["AUTH LOGIN", "[10 octets of SASL data]", "[10 octets of SASL data]"]);
        r.reply(Status::Continuation);
        assert_eq!(all(&mut r, b"QUIT\r\n"), ["[6 octets of SASL data]"]);
        r.reply(Status::Err);
        assert_eq!(all(&mut r, b"s3cret\r\nQUIT\r\n"), ["[unrecognised line, 8 octets]", "QUIT"]);
    }

    #[test]
    fn pieces_of_a_line_are_not_taken_for_commands() {
        let mut r = Redactor::new();
        assert_eq!(r.describe(b"PASS abc"), "PASS [masked]");
        assert_eq!(r.describe(b"USER secret-tail\r\n"), "[18 more octets]");
        assert_eq!(r.describe(b"list 1\r\n"), "list 1");
    }

    #[test]
    fn unknown_verbs_are_not_echoed() {
        assert_eq!(verb_name(Some(&Verb::Unknown("HUNTER2".into()))), "unknown");
        assert_eq!(verb_name(Some(&Verb::Retr)), "RETR");
    }
}
