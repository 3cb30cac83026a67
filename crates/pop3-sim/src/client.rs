//! The client's side: reading a real server's replies, for the tutor's real-server mode (the WebSocket
//! bridge), where the simulator is not the one answering.
//!
//! A POP3 reply is one line or, for some commands, a multi-line block ending in a line with a single dot
//! (RFC 1939 §3); which one depends on the command it answers. So the [`ReplyReader`] is told each command
//! line the client sends and cuts the server's byte stream into [`Reply`]s, explained from what can be read
//! off the wire: the status, the RFC 2449/3206 response code, the numbers of STAT, LIST, RETR and UIDL, the
//! capability list, and the session state the replies imply.

use std::collections::VecDeque;

use crate::command::{self, Verb};
use crate::explain::{status_and_code, Explanation, Meaning, Status};
use crate::profile::Dialect;
use crate::session::SessionState;
use crate::wire::Reply;

/// A line longer than this without an end is cut into a reply of its own, so a server that never sends a
/// line end cannot make the reader buffer without bound.
pub const MAX_LINE: usize = 64 * 1024;

/// A multi-line reply longer than this is handed over in parts.
pub const MAX_REPLY: usize = 16 * 1024 * 1024;

/// A command the client sent, waiting for its reply.
#[derive(Clone, Debug)]
struct Sent {
    verb: Verb,
    /// The first two arguments, read as numbers where they are.
    args: [Option<u64>; 2],
    /// The first argument as sent (UIDL's, say).
    bare: bool,
}

/// Cuts a server's byte stream into replies. See the module documentation.
#[derive(Debug, Default)]
pub struct ReplyReader {
    buf: Vec<u8>,
    sent: VecDeque<Sent>,
    greeted: bool,
    state: Option<SessionState>,
    /// A multi-line reply being collected, and the command it answers.
    block: Option<(Sent, Vec<u8>)>,
}

impl ReplyReader {
    /// A reader for a new connection.
    pub fn new() -> ReplyReader {
        ReplyReader::default()
    }

    /// The session's state as the replies so far imply it.
    pub fn state(&self) -> SessionState {
        self.state.unwrap_or(SessionState::Authorization)
    }

    /// The client sent this command line (without its line end).
    pub fn sent(&mut self, line: &[u8]) {
        let phase =
            if self.state() == SessionState::Transaction { command::Phase::Mail } else { command::Phase::Login };
        let cmd = command::parse(line, Dialect::Lenient, phase);
        let mut words = cmd.args.split(|&b| b == b' ' || b == b'\t').filter(|w| !w.is_empty());
        let mut number = || words.next().and_then(|w| std::str::from_utf8(w).ok()?.parse().ok());
        let args = [number(), number()];
        let bare = cmd.args.iter().all(|b| b.is_ascii_whitespace());
        self.sent.push_back(Sent { verb: cmd.verb, args, bare });
    }

    /// Reads server bytes; returns the replies they complete.
    pub fn receive(&mut self, bytes: &[u8]) -> Vec<Reply> {
        self.buf.extend_from_slice(bytes);
        let mut out = Vec::new();
        let mut start = 0;
        while let Some(len) = self.buf[start..].iter().position(|&b| b == b'\n').map(|i| i + 1) {
            let line = self.buf[start..start + len].to_vec();
            start += len;
            self.line(line, &mut out);
        }
        self.buf.drain(..start);
        if self.buf.len() > MAX_LINE {
            let line = std::mem::take(&mut self.buf);
            self.line(line, &mut out);
        }
        out
    }

    fn line(&mut self, line: Vec<u8>, out: &mut Vec<Reply>) {
        if let Some((sent, mut body)) = self.block.take() {
            body.extend_from_slice(&line);
            if line == b".\r\n" || line == b".\n" || body.len() > MAX_REPLY {
                out.push(self.finish(Some(sent), body));
            } else {
                self.block = Some((sent, body));
            }
            return;
        }
        if !std::mem::replace(&mut self.greeted, true) {
            let greeting = self.finish(None, line);
            self.state = Some(SessionState::Authorization);
            out.push(greeting);
            return;
        }
        let sent = self.sent.pop_front();
        let multi = line.starts_with(b"+OK")
            && sent.as_ref().is_some_and(|s| match s.verb {
                Verb::Retr | Verb::Top | Verb::Capa => true,
                Verb::List | Verb::Uidl | Verb::Auth => s.bare,
                _ => false,
            });
        match sent {
            Some(s) if multi => self.block = Some((s, line)),
            sent => out.push(self.finish(sent, line)),
        }
    }

    /// Explains a complete reply and moves the state on.
    fn finish(&mut self, sent: Option<Sent>, bytes: Vec<u8>) -> Reply {
        let first_end = bytes.iter().position(|&b| b == b'\r' || b == b'\n').unwrap_or(bytes.len());
        let (status, code) = status_and_code(&bytes[..first_end]);
        // The state the command met: the one the replies before it left (right for pipelined commands too).
        let state = self.state();
        let meaning = match &sent {
            None if self.state.is_none() => Meaning::Greeting { apop_timestamp: apop(&bytes[..first_end]) },
            Some(s) if status == Status::Ok => self.ok_meaning(s, state, &bytes),
            _ => Meaning::Observed,
        };
        if status == Status::Ok {
            if let Some(s) = &sent {
                match s.verb {
                    Verb::Pass | Verb::Apop | Verb::Auth if !(s.verb == Verb::Auth && s.bare) => {
                        self.state = Some(SessionState::Transaction)
                    }
                    Verb::Quit if state == SessionState::Transaction => self.state = Some(SessionState::Update),
                    Verb::Quit => self.state = Some(SessionState::Closed),
                    _ => {}
                }
            }
        }
        let explanation =
            Explanation { command: sent.map(|s| s.verb), state, status, code, meaning, ending: None, truncated: false };
        Reply { bytes, explanation }
    }

    fn ok_meaning(&mut self, s: &Sent, state: SessionState, bytes: &[u8]) -> Meaning {
        let first = first_line(bytes);
        let numbers = numbers_after_ok(first);
        let body: Vec<&[u8]> = body_lines(bytes);
        let n = |i: usize| s.args[i].unwrap_or(0);
        match s.verb {
            Verb::User => Meaning::UserAccepted,
            Verb::Stat if numbers.len() >= 2 => Meaning::Status { messages: numbers[0] as usize, octets: numbers[1] },
            Verb::List if s.bare => Meaning::ScanListing {
                messages: body.len(),
                octets: body.iter().filter_map(|l| numbers_in(l).get(1).copied()).sum(),
            },
            Verb::List if numbers.len() >= 2 => Meaning::ScanLine { number: numbers[0] as usize, octets: numbers[1] },
            Verb::Retr => Meaning::MessageFollows {
                number: n(0) as usize,
                octets: numbers.first().copied().unwrap_or_else(|| unstuffed_len(&body)),
            },
            Verb::Top => Meaning::TopFollows { number: n(0) as usize, lines: n(1) },
            Verb::Uidl if s.bare => Meaning::UidlListing { messages: body.len() },
            Verb::Uidl => Meaning::UidlLine {
                number: n(0) as usize,
                uidl: first
                    .split(|&b| b == b' ')
                    .nth(2)
                    .map(|u| String::from_utf8_lossy(u).into_owned())
                    .unwrap_or_default(),
            },
            Verb::Dele => Meaning::MarkedDeleted { number: n(0) as usize },
            Verb::Noop => Meaning::Noop,
            Verb::Quit if state != SessionState::Transaction => Meaning::Goodbye,
            Verb::Capa => Meaning::Capabilities {
                capabilities: body.iter().map(|l| String::from_utf8_lossy(l).into_owned()).collect(),
            },
            Verb::Stls => Meaning::StlsBegin,
            Verb::Utf8 => Meaning::Utf8Enabled,
            _ => Meaning::Observed,
        }
    }
}

fn first_line(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().position(|&b| b == b'\r' || b == b'\n').unwrap_or(bytes.len());
    &bytes[..end]
}

/// The lines between the first line and the terminating dot, terminators and dot-stuffing removed.
fn body_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l)).collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    if lines.last() == Some(&&b"."[..]) && lines.len() > 1 {
        lines.pop();
        lines.drain(..1);
        lines.into_iter().map(|l| l.strip_prefix(b".").unwrap_or(l)).collect()
    } else {
        Vec::new()
    }
}

fn unstuffed_len(body: &[&[u8]]) -> u64 {
    body.iter().map(|l| l.len() as u64 + 2).sum()
}

/// The numbers of a line, word by word (words that are not numbers are skipped).
fn numbers_in(line: &[u8]) -> Vec<u64> {
    line.split(|&b| b == b' ').filter_map(|w| std::str::from_utf8(w).ok()?.parse().ok()).collect()
}

/// The numbers right after `+OK` (`+OK 2 53235`, `+OK 654 octets`), up to the first word that is not one.
fn numbers_after_ok(line: &[u8]) -> Vec<u64> {
    line.split(|&b| b == b' ').skip(1).map_while(|w| std::str::from_utf8(w).ok()?.parse().ok()).collect()
}

/// The APOP timestamp `<…@…>` of a greeting.
fn apop(line: &[u8]) -> Option<String> {
    let start = line.iter().position(|&b| b == b'<')?;
    let end = start + line[start..].iter().position(|&b| b == b'>')?;
    let ts = &line[start..=end];
    ts.contains(&b'@').then(|| String::from_utf8_lossy(ts).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_courier_dialogue_cut_anywhere() {
        let stream = b"+OK Hello there.\r\n+OK Password required.\r\n+OK logged in.\r\n+OK 2 53235\r\n+OK POP3 clients that break here, they violate STD53.\r\n1 654\r\n2 52581\r\n.\r\n+OK Bye-bye.\r\n";
        for chunk in [1, 2, 7, stream.len()] {
            let mut r = ReplyReader::new();
            for line in ["USER tester@outlook.pl", "PASS x", "STAT", "LIST", "QUIT"] {
                r.sent(line.as_bytes());
            }
            let replies: Vec<Reply> = stream.chunks(chunk).flat_map(|c| r.receive(c)).collect();
            let meanings: Vec<&Meaning> = replies.iter().map(|r| &r.explanation.meaning).collect();
            assert_eq!(meanings.len(), 6, "chunk {chunk}");
            assert!(matches!(meanings[0], Meaning::Greeting { apop_timestamp: None }));
            assert_eq!(meanings[1], &Meaning::UserAccepted);
            assert_eq!(meanings[2], &Meaning::Observed);
            assert_eq!(meanings[3], &Meaning::Status { messages: 2, octets: 53_235 });
            assert_eq!(meanings[4], &Meaning::ScanListing { messages: 2, octets: 53_235 });
            assert_eq!(replies[4].bytes.len(), 74);
            assert_eq!(replies[5].explanation.state, SessionState::Transaction);
            assert_eq!(r.state(), SessionState::Update);
        }
    }

    #[test]
    fn errors_are_single_lines_even_for_multi_line_commands() {
        let mut r = ReplyReader::new();
        r.receive(b"+OK Dovecot (Debian) ready. <1.2.3@host>\r\n");
        r.sent(b"RETR 9");
        r.sent(b"CAPA");
        let replies = r.receive(b"-ERR [AUTH] Authentication failed.\r\n+OK\r\nTOP\r\n.\r\n");
        assert_eq!(replies.len(), 2);
        assert_eq!(replies[0].explanation.code.as_deref(), Some("AUTH"));
        assert_eq!(replies[1].explanation.meaning, Meaning::Capabilities { capabilities: vec!["TOP".into()] });
    }

    #[test]
    fn an_endless_line_is_cut() {
        let mut r = ReplyReader::new();
        let replies = r.receive(&vec![b'x'; MAX_LINE + 1]);
        assert_eq!(replies.len(), 1);
        assert_eq!(replies[0].bytes.len(), MAX_LINE + 1);
    }
}
