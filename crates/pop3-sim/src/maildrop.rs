//! The maildrop model: messages and the mailboxes that hold them.
//!
//! Messages are kept in their CRLF form, the form POP3 counts octets over (RFC 1939 §11): a bare LF in the
//! scenario's text becomes CRLF when the message is loaded, as Dovecot and Courier both present maildir files.
//! A message is shared (`Arc`) between the mailbox and the sessions that took a snapshot of it at login, so a
//! second session keeps seeing what it logged in to after the first one expunged it, as both real servers do.

use std::sync::Arc;

use serde::Serialize;

use crate::secret::Secret;

/// One message.
#[derive(Debug, PartialEq, Eq)]
pub struct Message {
    uid: u32,
    uidl: String,
    data: Vec<u8>,
}

impl Message {
    /// A message from raw RFC 5322 bytes; bare LFs become CRLF.
    pub fn new(uid: u32, uidl: String, raw: &[u8]) -> Message {
        Message { uid, uidl, data: to_crlf(raw) }
    }

    /// The message's UID within its mailbox.
    pub fn uid(&self) -> u32 {
        self.uid
    }

    /// The unique-id string UIDL shows.
    pub fn uidl(&self) -> &str {
        &self.uidl
    }

    /// The message in CRLF form.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// Its size in octets, as LIST, STAT and RETR report it.
    pub fn size(&self) -> u64 {
        self.data.len() as u64
    }

    /// The part TOP sends: the header, the empty line that ends it, and at most `lines` lines of the body.
    /// A message without an empty line is all header.
    pub fn top(&self, lines: u64) -> &[u8] {
        let data = &self.data[..];
        let mut pos = 0;
        let mut in_header = true;
        let mut body_lines = 0u64;
        while pos < data.len() {
            if !in_header {
                if body_lines == lines {
                    break;
                }
                body_lines += 1;
            }
            let end = data[pos..].iter().position(|&b| b == b'\n').map_or(data.len(), |p| pos + p + 1);
            if in_header && (&data[pos..end] == b"\r\n" || &data[pos..end] == b"\n") {
                in_header = false;
            }
            pos = end;
        }
        &data[..pos]
    }

    /// The subject header, for the inspector (lossy, unfolded, at most 200 characters).
    pub fn subject(&self) -> Option<String> {
        let header_end = self.data.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(self.data.len());
        let header = String::from_utf8_lossy(&self.data[..header_end]);
        let mut lines = header.split("\r\n").peekable();
        while let Some(line) = lines.next() {
            if line.len() >= 8 && line[..8].eq_ignore_ascii_case("subject:") {
                let mut value = line[8..].trim().to_string();
                while let Some(next) = lines.peek().filter(|l| l.starts_with([' ', '\t'])) {
                    value.push(' ');
                    value.push_str(next.trim());
                    lines.next();
                }
                return Some(value.chars().take(200).collect());
            }
        }
        None
    }
}

/// Inserts a CR before every LF that lacks one. Copies line by line rather than byte by byte: the browser runs
/// this on the page's start path (the seed's 53 KB) in its baseline compiler, where a push per byte costs
/// several times a search and a block copy.
fn to_crlf(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 32);
    let mut rest = raw;
    while let Some(lf) = rest.iter().position(|&b| b == b'\n') {
        out.extend_from_slice(&rest[..lf]);
        if lf == 0 || rest[lf - 1] != b'\r' {
            out.push(b'\r');
        }
        out.push(b'\n');
        rest = &rest[lf + 1..];
    }
    out.extend_from_slice(rest);
    out
}

/// Identifies one session within its server (for mailbox locks).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SessionId(pub u64);

impl SessionId {
    /// The session that holds a mailbox locked by a scenario fault: no real session has this id (the
    /// server numbers them from 1).
    pub const PHANTOM: SessionId = SessionId(0);
}

/// A user's mailbox on the simulated server.
#[derive(Debug)]
pub struct Mailbox {
    pub(crate) password: Secret<String>,
    pub(crate) apop_secret: Secret<String>,
    pub(crate) uid_validity: u32,
    pub(crate) messages: Vec<Arc<Message>>,
    pub(crate) locked_by: Option<SessionId>,
    pub(crate) unavailable: bool,
    pub(crate) path: String,
}

impl Mailbox {
    /// The messages now in the mailbox (committed state, not a session's view).
    pub fn messages(&self) -> &[Arc<Message>] {
        &self.messages
    }

    /// The mailbox's UIDVALIDITY.
    pub fn uid_validity(&self) -> u32 {
        self.uid_validity
    }

    /// Which session holds the lock, if the profile locks.
    pub fn locked_by(&self) -> Option<SessionId> {
        self.locked_by
    }
}

/// One row of a maildrop listing, for the inspector.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Listing {
    /// Message number as the session numbers it (1-based).
    pub number: usize,
    /// Size in octets.
    pub octets: u64,
    /// UIDL string.
    pub uidl: String,
    /// Marked deleted in this session.
    pub deleted: bool,
    /// Gone from the server since this session logged in (another session expunged it).
    pub expunged: bool,
    /// Subject header, if any.
    pub subject: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_lf_becomes_crlf_and_counts() {
        let m = Message::new(1, "1".into(), b"Subject: a\nb: c\r\n\nbody\n");
        assert_eq!(m.data(), b"Subject: a\r\nb: c\r\n\r\nbody\r\n");
        assert_eq!(m.size(), 26);
        assert_eq!(m.subject().as_deref(), Some("a"));
    }

    #[test]
    fn only_lfs_without_a_cr_get_one() {
        for (raw, crlf) in [
            (&b""[..], &b""[..]),
            (b"\n", b"\r\n"),
            (b"\n\n", b"\r\n\r\n"),
            (b"\r\n\n", b"\r\n\r\n"),
            (b"\r\r\n", b"\r\r\n"),
            (b"a\rb\n", b"a\rb\r\n"),
            (b"no line end", b"no line end"),
            (b"\r", b"\r"),
            (b"x\r\ny\nz", b"x\r\ny\r\nz"),
        ] {
            assert_eq!(to_crlf(raw), crlf, "{:?}", String::from_utf8_lossy(raw));
        }
    }

    #[test]
    fn top_counts_body_lines_after_the_empty_line() {
        let m = Message::new(1, "1".into(), b"A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\nl3");
        assert_eq!(m.top(0), b"A: 1\r\nB: 2\r\n\r\n");
        assert_eq!(m.top(2), b"A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\n");
        assert_eq!(m.top(99), m.data());
        let headers_only = Message::new(2, "2".into(), b"A: 1\r\nB: 2\r\n");
        assert_eq!(headers_only.top(0), headers_only.data());
        let no_header = Message::new(3, "3".into(), b"\r\nbody\r\n");
        assert_eq!(no_header.top(0), b"\r\n");
    }

    #[test]
    fn folded_subject_is_unfolded() {
        let m = Message::new(1, "1".into(), b"Subject: one\r\n two\r\nX: y\r\n\r\n");
        assert_eq!(m.subject().as_deref(), Some("one two"));
    }
}
