//! Framing: cutting the client's byte stream into command lines.
//!
//! This is the first of the simulator's three layers (framing here, syntax in [`crate::command`], meaning in
//! [`crate::session`]). It knows nothing of POP3 commands; it only finds line ends and enforces the profile's
//! line-length rule. Like imap-codec's fragmentizer it keeps "need more bytes" ([`Framed::NeedMore`]) apart from
//! "too long" ([`Framed::TooLong`]), and it remembers how each line ended so the tutor can point out a bare LF.
//!
//! Memory is bounded: a partial line is never buffered beyond the limit, whatever the client sends.

use serde::{Deserialize, Serialize};

/// How a line was terminated on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineEnding {
    /// `CR LF`, as RFC 1939 requires.
    CrLf,
    /// A bare `LF`: accepted by Dovecot and Courier alike, but not what the RFC asks for.
    Lf,
}

/// One complete line, without its terminator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The octets of the line; a CR right before the LF is removed.
    pub bytes: Vec<u8>,
    /// How the line ended.
    pub ending: LineEnding,
    /// The line was longer than the profile keeps, and its tail was dropped (Courier's `fgets` behaviour).
    pub truncated: bool,
}

/// A profile's rule for over-long lines (`{"kind": "whole", "max": 2048}` in a file; read and written through
/// the flat `LimitFields`, which refuses a field the kind does not have).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "LimitFields", into = "LimitFields")]
pub enum LineLimit {
    /// The whole line, terminator included, holds at most `max` octets; a longer one aborts the session.
    /// (Dovecot's `pop3` process: 2048.)
    Whole {
        /// Largest allowed line, terminator included.
        max: usize,
    },
    /// The command name must end (at a space, CR or LF) within `name_max` octets, and what follows its
    /// separator, terminator included, may hold at most `rest_max` octets; otherwise the session aborts.
    /// (Dovecot's `pop3-login`, whose 1 KiB input buffer is filled after the command name is consumed.)
    AfterName {
        /// Octets within which the command name must end.
        name_max: usize,
        /// Largest allowed remainder after the name's separator, terminator included.
        rest_max: usize,
    },
    /// The first `keep` octets of a line are used and the rest of it is silently dropped. (Courier: `fgets`
    /// into an 8 KiB buffer.)
    Truncate {
        /// Octets kept of each line.
        keep: usize,
    },
}

/// The kinds of [`LineLimit`], as files name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum LimitKind {
    Whole,
    AfterName,
    Truncate,
}

/// A line rule as a file writes it: its kind and every field any kind has. A flat struct rather than an
/// internally tagged enum, as for scenario faults: a field the kind does not have is refused instead of skipped,
/// and the web app carries a much smaller deserializer.
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LimitFields {
    kind: LimitKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name_max: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rest_max: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    keep: Option<usize>,
}

impl TryFrom<LimitFields> for LineLimit {
    type Error = String;

    fn try_from(f: LimitFields) -> Result<LineLimit, String> {
        let (rule, name) = match (f.kind, f.max, f.name_max, f.rest_max, f.keep) {
            (LimitKind::Whole, Some(max), None, None, None) => return Ok(LineLimit::Whole { max }),
            (LimitKind::AfterName, None, Some(name_max), Some(rest_max), None) => {
                return Ok(LineLimit::AfterName { name_max, rest_max })
            }
            (LimitKind::Truncate, None, None, None, Some(keep)) => return Ok(LineLimit::Truncate { keep }),
            (LimitKind::Whole, ..) => ("whole", "`max`"),
            (LimitKind::AfterName, ..) => ("after_name", "`name_max` and `rest_max`"),
            (LimitKind::Truncate, ..) => ("truncate", "`keep`"),
        };
        Err(format!("a line limit of kind `{rule}` has exactly the field(s) {name}"))
    }
}

impl From<LineLimit> for LimitFields {
    fn from(rule: LineLimit) -> LimitFields {
        let none = LimitFields { kind: LimitKind::Whole, max: None, name_max: None, rest_max: None, keep: None };
        match rule {
            LineLimit::Whole { max } => LimitFields { max: Some(max), ..none },
            LineLimit::AfterName { name_max, rest_max } => {
                LimitFields { kind: LimitKind::AfterName, name_max: Some(name_max), rest_max: Some(rest_max), ..none }
            }
            LineLimit::Truncate { keep } => LimitFields { kind: LimitKind::Truncate, keep: Some(keep), ..none },
        }
    }
}

impl LineLimit {
    /// The most octets of one line this rule ever needs to hold.
    fn capacity(self) -> usize {
        match self {
            LineLimit::Whole { max } => max,
            LineLimit::AfterName { name_max, rest_max } => name_max + 1 + rest_max,
            LineLimit::Truncate { keep } => keep,
        }
    }

    /// Whether a (possibly still partial) line already breaks an aborting rule. `complete` says whether
    /// `buf` ends with the LF.
    fn broken_by(self, buf: &[u8], complete: bool) -> bool {
        match self {
            LineLimit::Whole { max } => buf.len() > max,
            LineLimit::AfterName { name_max, rest_max } => {
                match buf.iter().position(|&b| b == b' ' || b == b'\r' || b == b'\n') {
                    None => buf.len() >= name_max,
                    Some(sep) if sep >= name_max => true,
                    Some(sep) => {
                        let rest = buf.len() - sep - 1;
                        rest > rest_max || (!complete && rest == rest_max)
                    }
                }
            }
            LineLimit::Truncate { .. } => false,
        }
    }
}

/// What one call to [`LineReader::read`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Framed {
    /// A complete line.
    Line(Line),
    /// The input ended inside a line: call again with more bytes.
    NeedMore,
    /// The line breaks an aborting [`LineLimit`]; the session must end.
    TooLong,
}

/// Collects bytes until a line is complete.
#[derive(Clone, Debug, Default)]
pub struct LineReader {
    buf: Vec<u8>,
    /// In `Truncate` mode: the kept part is full and the rest of the line is being skipped.
    skipping: bool,
}

impl LineReader {
    /// Takes bytes from `input` until one line is complete or the input runs out. Returns how many bytes
    /// were consumed and what was found. Bytes after a complete line are left for the next call. It always
    /// makes progress: `NeedMore` means all of `input` was taken.
    pub fn read(&mut self, input: &[u8], limit: LineLimit) -> (usize, Framed) {
        let lf = input.iter().position(|&b| b == b'\n');
        let chunk_len = lf.map_or(input.len(), |p| p + 1);
        let complete = lf.is_some();
        if self.skipping {
            if complete {
                self.skipping = false;
                return (chunk_len, Framed::Line(self.take_line(true)));
            }
            return (chunk_len, Framed::NeedMore);
        }
        // Never buffer more than the rule can hold (plus one octet to notice a violation).
        let room = limit.capacity() + 1 - self.buf.len().min(limit.capacity() + 1);
        let take = chunk_len.min(room);
        self.buf.extend_from_slice(&input[..take]);
        let complete = complete && take == chunk_len;
        if let LineLimit::Truncate { keep } = limit {
            if self.buf.len() > keep || (self.buf.len() == keep && !complete) {
                // The tail is dropped: up to the LF if it is in this input, else until it arrives.
                self.buf.truncate(keep);
                if lf.is_some() {
                    return (chunk_len, Framed::Line(self.take_line(true)));
                }
                self.skipping = true;
                return (chunk_len, Framed::NeedMore);
            }
        } else if limit.broken_by(&self.buf, complete) {
            self.buf.clear();
            return (take, Framed::TooLong);
        }
        if complete {
            (take, Framed::Line(self.take_line(false)))
        } else {
            (take, Framed::NeedMore)
        }
    }

    /// Drops whatever partial line is buffered (after STLS, or when the session ends).
    pub fn clear(&mut self) {
        self.buf.clear();
        self.skipping = false;
    }

    fn take_line(&mut self, truncated: bool) -> Line {
        let mut bytes = std::mem::take(&mut self.buf);
        let mut ending = LineEnding::Lf;
        if bytes.last() == Some(&b'\n') {
            bytes.pop();
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
                ending = LineEnding::CrLf;
            }
        } else if bytes.last() == Some(&b'\r') {
            // A truncated line whose kept part happens to end in CR.
            bytes.pop();
            ending = LineEnding::CrLf;
        }
        Line { bytes, ending, truncated }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_limits_read_back_and_refuse_fields_of_other_kinds() {
        for rule in [
            LineLimit::Whole { max: 2048 },
            LineLimit::AfterName { name_max: 1024, rest_max: 1026 },
            LineLimit::Truncate { keep: 8191 },
        ] {
            let json = serde_json::to_string(&rule).unwrap();
            assert_eq!(serde_json::from_str::<LineLimit>(&json).unwrap(), rule, "{json}");
        }
        assert_eq!(serde_json::to_string(&LineLimit::Whole { max: 10 }).unwrap(), r#"{"kind":"whole","max":10}"#);
        let read = |json: &str| serde_json::from_str::<LineLimit>(json).unwrap_err().to_string();
        assert!(read(r#"{"kind":"whole","max":10,"keep":5}"#).contains("kind `whole` has exactly the field(s) `max`"));
        assert!(read(r#"{"kind":"after_name","name_max":10}"#).contains("`name_max` and `rest_max`"));
        assert!(read(r#"{"kind":"truncate","kepe":5}"#).contains("unknown field `kepe`"));
    }

    const WHOLE: LineLimit = LineLimit::Whole { max: 16 };

    fn read_all(reader: &mut LineReader, mut input: &[u8], limit: LineLimit) -> Vec<Framed> {
        let mut out = Vec::new();
        while !input.is_empty() {
            let (used, f) = reader.read(input, limit);
            assert!(used > 0 || f != Framed::NeedMore, "no progress");
            input = &input[used..];
            let stop = f == Framed::TooLong;
            if f != Framed::NeedMore {
                out.push(f);
            }
            if stop {
                break;
            }
        }
        out
    }

    fn line(s: &str, ending: LineEnding) -> Framed {
        Framed::Line(Line { bytes: s.as_bytes().to_vec(), ending, truncated: false })
    }

    #[test]
    fn crlf_and_bare_lf_are_told_apart() {
        let mut r = LineReader::default();
        let got = read_all(&mut r, b"USER a\r\nPASS b\nSTAT\r\n", WHOLE);
        assert_eq!(
            got,
            vec![line("USER a", LineEnding::CrLf), line("PASS b", LineEnding::Lf), line("STAT", LineEnding::CrLf)]
        );
    }

    #[test]
    fn every_prefix_is_incomplete_not_malformed() {
        let input = b"RETR 1\r\n";
        for cut in 0..input.len() {
            let mut r = LineReader::default();
            let (used, f) = r.read(&input[..cut], WHOLE);
            assert_eq!((used, f), (cut, Framed::NeedMore), "prefix {cut}");
            let (used, f) = r.read(&input[cut..], WHOLE);
            assert_eq!(used, input.len() - cut);
            assert_eq!(f, line("RETR 1", LineEnding::CrLf));
        }
    }

    #[test]
    fn whole_limit_counts_the_terminator() {
        let ok = format!("{}\r\n", "x".repeat(14));
        let mut r = LineReader::default();
        assert!(matches!(read_all(&mut r, ok.as_bytes(), WHOLE)[0], Framed::Line(_)));
        let long = format!("{}\r\n", "x".repeat(15));
        let mut r = LineReader::default();
        assert_eq!(read_all(&mut r, long.as_bytes(), WHOLE), vec![Framed::TooLong]);
    }

    #[test]
    fn whole_limit_fires_before_the_line_ends_and_buffers_little() {
        let mut r = LineReader::default();
        let garbage = vec![b'x'; 10_000_000];
        let (used, f) = r.read(&garbage, WHOLE);
        assert_eq!(f, Framed::TooLong);
        assert!(used <= 17, "consumed {used}");
        assert!(r.buf.capacity() < 1024);
    }

    #[test]
    fn after_name_limit_like_dovecot_login() {
        let limit = LineLimit::AfterName { name_max: 1024, rest_max: 1026 };
        let fits = format!("NOOP {}\r\n", "x".repeat(1024));
        let mut r = LineReader::default();
        assert!(matches!(read_all(&mut r, fits.as_bytes(), limit)[0], Framed::Line(_)));
        let long = format!("NOOP {}\r\n", "x".repeat(1025));
        let mut r = LineReader::default();
        assert_eq!(read_all(&mut r, long.as_bytes(), limit), vec![Framed::TooLong]);
        let no_name_end = "x".repeat(2000);
        let mut r = LineReader::default();
        assert_eq!(read_all(&mut r, no_name_end.as_bytes(), limit), vec![Framed::TooLong]);
        // Found by fuzzing: a name that ends only after the name limit, in a line that fills the buffer,
        // once made the reader stop taking input without saying why.
        let late_name_end = format!("{} {}", "x".repeat(1500), "y".repeat(600));
        let mut r = LineReader::default();
        assert_eq!(read_all(&mut r, late_name_end.as_bytes(), limit), vec![Framed::TooLong]);
    }

    #[test]
    fn truncate_keeps_the_head_and_drops_the_tail() {
        let limit = LineLimit::Truncate { keep: 8 };
        let mut r = LineReader::default();
        let got = read_all(&mut r, b"NOOP xxxxxxxxxxxx\r\nSTAT\r\n", limit);
        assert_eq!(
            got,
            vec![
                Framed::Line(Line { bytes: b"NOOP xxx".to_vec(), ending: LineEnding::Lf, truncated: true }),
                line("STAT", LineEnding::CrLf)
            ]
        );
        // The line after a long one, given separately, is read whole.
        let mut r = LineReader::default();
        let long = format!("NOOP {}\r\n", "x".repeat(100));
        assert!(matches!(&read_all(&mut r, long.as_bytes(), limit)[..], [Framed::Line(l)] if l.truncated));
        assert_eq!(read_all(&mut r, b"CAPA\r\n", limit), vec![line("CAPA", LineEnding::CrLf)]);
        // A line that fits exactly, terminator included, is not truncated.
        let mut r = LineReader::default();
        assert_eq!(read_all(&mut r, b"NOOP x\r\n", limit), vec![line("NOOP x", LineEnding::CrLf)]);
    }

    proptest::proptest! {
        /// Every call makes progress and the buffer stays within the rule's capacity, for every rule and any
        /// input cut anywhere.
        #[test]
        fn reading_always_progresses_and_stays_bounded(
            runs in proptest::collection::vec((proptest::sample::select(vec![b' ', b'\r', b'\n', b'x']), 1usize..30), 0..40),
            cuts in proptest::collection::vec(1usize..50, 1..20),
            which in 0usize..3,
        ) {
            let limit = [
                LineLimit::Whole { max: 16 },
                LineLimit::AfterName { name_max: 8, rest_max: 10 },
                LineLimit::Truncate { keep: 12 },
            ][which];
            let bytes: Vec<u8> = runs.iter().flat_map(|&(b, n)| std::iter::repeat_n(b, n)).collect();
            let mut r = LineReader::default();
            let mut rest = &bytes[..];
            let mut cut = cuts.iter().cycle();
            while !rest.is_empty() {
                let chunk = &rest[..rest.len().min(*cut.next().unwrap())];
                let (used, f) = r.read(chunk, limit);
                proptest::prop_assert!(used > 0 || f != Framed::NeedMore);
                proptest::prop_assert!(r.buf.len() <= limit.capacity() + 1);
                rest = &rest[used..];
                if f == Framed::TooLong {
                    break;
                }
            }
        }
    }
}
