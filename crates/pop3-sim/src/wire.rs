//! Wire encoding of replies: CRLF line ends, multi-line termination and dot-stuffing (RFC 1939 §3).

use serde::Serialize;

use crate::explain::{status_and_code, Explanation};

/// A line plus CRLF.
pub(crate) fn single(mut line: Vec<u8>) -> Vec<u8> {
    line.extend_from_slice(b"\r\n");
    line
}

/// A multi-line reply whose body lines never start with a dot (CAPA, LIST, UIDL, the SASL list).
pub(crate) fn listing(first: Vec<u8>, lines: impl IntoIterator<Item = Vec<u8>>) -> Vec<u8> {
    let mut out = single(first);
    for line in lines {
        if line.first() == Some(&b'.') {
            out.push(b'.');
        }
        out.extend_from_slice(&line);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// A multi-line reply carrying message text (RETR, TOP): every line that starts with a dot gets another one,
/// a missing final CRLF is added, and the reply ends with `.` CRLF.
pub(crate) fn message(first: Vec<u8>, body: &[u8]) -> Vec<u8> {
    let mut out = single(first);
    out.reserve(body.len() + body.len() / 64 + 8);
    let mut at_line_start = true;
    for &b in body {
        if at_line_start && b == b'.' {
            out.push(b'.');
        }
        out.push(b);
        at_line_start = b == b'\n';
    }
    if !at_line_start || body.is_empty() {
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// One reply as sent on the wire, with what it means.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reply {
    /// The exact octets sent, terminators included.
    pub bytes: Vec<u8>,
    /// What the reply means.
    pub explanation: Explanation,
}

impl Reply {
    /// The first line, without its terminator.
    pub fn first_line(&self) -> &[u8] {
        let end = self.bytes.iter().position(|&b| b == b'\n').unwrap_or(self.bytes.len());
        let line = &self.bytes[..end];
        line.strip_suffix(b"\r").unwrap_or(line)
    }

    /// The reply's lines as sent (dot-stuffing kept), without terminators.
    pub fn lines(&self) -> impl Iterator<Item = &[u8]> {
        let body = self.bytes.strip_suffix(b"\n").unwrap_or(&self.bytes);
        body.split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l))
    }

    /// Whether the first line's status and code agree with the explanation (a self-check used in tests).
    pub fn is_consistent(&self) -> bool {
        status_and_code(self.first_line()) == (self.explanation.status, self.explanation.code.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_stuffing_and_termination() {
        let body = b"a\r\n.b\r\n..c\r\n.\r\nend";
        assert_eq!(message(b"+OK".to_vec(), body), b"+OK\r\na\r\n..b\r\n...c\r\n..\r\nend\r\n.\r\n".to_vec());
        assert_eq!(message(b"+OK".to_vec(), b""), b"+OK\r\n\r\n.\r\n".to_vec());
        assert_eq!(message(b"+OK".to_vec(), b".x\r\n"), b"+OK\r\n..x\r\n.\r\n".to_vec());
    }

    #[test]
    fn listings_end_with_a_dot_line() {
        let out = listing(b"+OK".to_vec(), vec![b"1 361".to_vec(), b"2 443".to_vec()]);
        assert_eq!(out, b"+OK\r\n1 361\r\n2 443\r\n.\r\n".to_vec());
    }
}
