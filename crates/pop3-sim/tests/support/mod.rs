//! Reading the reference transcripts (`tests/reference/*.json`, copied from `../shared/reference/`) and
//! checking a server's bytes against them.
//!
//! Shared by the in-process replay here and the TCP replay in `pop3-tutor-server` (included by path).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use md5::{Digest, Md5};
use serde::Deserialize;

/// One recorded session.
#[derive(Clone, Debug, Deserialize)]
pub struct Transcript {
    pub name: String,
    pub description: String,
    pub client_lines: Vec<String>,
    pub exchange: Vec<Entry>,
}

/// One entry of a transcript's exchange.
#[derive(Clone, Debug, Deserialize)]
pub struct Entry {
    pub dir: String,
    pub event: Option<String>,
    pub line: Option<String>,
    pub eol: Option<String>,
    #[serde(default)]
    pub masked: bool,
    pub conn: Option<u32>,
    #[serde(default)]
    pub reset: bool,
}

impl Entry {
    pub fn conn(&self) -> u32 {
        self.conn.unwrap_or(1)
    }
}

/// The reference directory of the pop3-sim crate, whichever crate of the workspace includes this file.
pub fn reference_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let own = manifest.join("tests/reference");
    if own.is_dir() {
        own
    } else {
        manifest.join("../pop3-sim/tests/reference")
    }
}

/// Loads a transcript file by name (`dovecot-shared.json`, …).
pub fn load(file: &str) -> Vec<Transcript> {
    let path = reference_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The transcripts' text is latin-1: one char per octet.
pub fn latin1(s: &str) -> Vec<u8> {
    s.chars().map(|c| c as u32 as u8).collect()
}

/// The octets a client line puts on the wire. A masked APOP digest is computed from the session's real
/// timestamp (or, with no timestamp, from the made-up one the recorder used).
pub fn client_bytes(entry: &Entry, apop_timestamp: Option<&str>, password: &str) -> Vec<u8> {
    let line = entry.line.as_deref().unwrap_or_default();
    let line = if entry.masked && line.contains("{APOP-DIGEST}") {
        let ts = apop_timestamp.unwrap_or("<no-timestamp-in-greeting@invalid>");
        let digest = Md5::digest(format!("{ts}{password}").as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        line.replace("{APOP-DIGEST}", &hex)
    } else {
        line.to_string()
    };
    let mut bytes = latin1(&line);
    bytes.extend_from_slice(entry.eol.as_deref().unwrap_or("\r\n").as_bytes());
    bytes
}

/// What one connection is expected to receive: a pattern over its whole byte stream, and how it ends.
#[derive(Debug, Default)]
pub struct Expected {
    pattern: String,
    pub lines: Vec<String>,
    /// `Some(reset)` if the server closes.
    pub close: Option<bool>,
}

impl Expected {
    /// Whether `actual` is exactly what was recorded (masked parts matched by their documented form).
    pub fn matches(&self, actual: &[u8]) -> bool {
        let re = regex::bytes::Regex::new(&format!("(?s-u)^{}$", self.pattern));
        re.unwrap_or_else(|e| panic!("pattern {:?}: {e}", self.pattern)).is_match(actual)
    }
}

/// Regex for a masked line: literal text, with each `{PLACEHOLDER}` replaced by the form the README gives.
fn line_pattern(line: &str, masked: bool) -> String {
    let mut out = regex::escape(line);
    if masked {
        for (mask, form) in [
            (r"\{APOP\-TIMESTAMP\}", r"[0-9a-f]+\.[0-9a-f]+\.[0-9a-f]+\.[A-Za-z0-9+/]+=*@[^<>@\s]+"),
            (r"\{TIMESTAMP\}", r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}"),
            (r"\{CRAM\-MD5\-CHALLENGE\}", r"[A-Za-z0-9+/]+=*"),
            (r"\{ROOT\}", r"/[!-~]*"),
        ] {
            out = out.replace(mask, form);
        }
    }
    out
}

/// Per connection, what the server is expected to send.
pub fn expected(t: &Transcript) -> BTreeMap<u32, Expected> {
    let mut out: BTreeMap<u32, Expected> = BTreeMap::new();
    for e in t.exchange.iter().filter(|e| e.dir == "S") {
        let exp = out.entry(e.conn()).or_default();
        match (&e.event, &e.line) {
            (Some(ev), _) if ev == "close" => exp.close = Some(e.reset),
            (None, Some(line)) => {
                let eol = e.eol.as_deref().unwrap_or("\r\n");
                exp.pattern.push_str(&line_pattern(line, e.masked));
                exp.pattern.push_str(&regex::escape(eol).replace('\n', r"\n").replace('\r', r"\r"));
                exp.lines.push(line.clone());
            }
            other => panic!("{}: unexpected server entry {other:?}", t.name),
        }
    }
    out
}

/// Whether a connection starts with implicit TLS (a `tls-handshake` right after `connect`).
pub fn implicit_tls(t: &Transcript, conn: u32) -> bool {
    let mut entries = t.exchange.iter().filter(|e| e.conn() == conn);
    entries.next().is_some_and(|e| e.event.as_deref() == Some("connect"))
        && entries.next().is_some_and(|e| e.event.as_deref() == Some("tls-handshake"))
}

/// Whether any connection of the transcript negotiates TLS.
pub fn uses_tls(t: &Transcript) -> bool {
    t.exchange.iter().any(|e| e.event.as_deref() == Some("tls-handshake"))
}

/// The failure message when a connection's bytes differ from the recording, or `None` if they match.
pub fn mismatch(t: &Transcript, conn: u32, exp: &Expected, got: &[u8]) -> Option<String> {
    (!exp.matches(got)).then(|| {
        format!(
            "{} conn {conn}: bytes differ\n--- expected lines:\n{}\n--- got:\n{}",
            t.name,
            exp.lines.join("\n"),
            show(got)
        )
    })
}

/// Replays each transcript with `replay` (which returns its failures) and fails with all of them at once.
pub fn assert_replays(file: &str, transcripts: &[&Transcript], replay: impl Fn(&Transcript) -> Vec<String>) {
    assert!(!transcripts.is_empty(), "{file}: no sessions to replay");
    let failures: Vec<String> = transcripts.iter().flat_map(|t| replay(t)).collect();
    assert!(
        failures.is_empty(),
        "{} failure(s) in {} sessions of {file}:\n{}",
        failures.len(),
        transcripts.len(),
        failures.join("\n\n")
    );
}

/// Readable form of a byte stream for failure messages.
pub fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace('\r', "\\r").replace('\n', "\\n\n")
}

/// Whether client line `i` went out in one write with the next entry: the next entry is a client line of the
/// same connection, with no server line in between (how the recorder pipelined).
pub fn sent_together_with_next(t: &Transcript, i: usize) -> bool {
    let (this, next) = (&t.exchange[i], t.exchange.get(i + 1));
    next.is_some_and(|n| n.dir == "C" && n.event.is_none() && n.conn() == this.conn())
}
