//! The console's scrollback: entries kept in small immutable chunks so that the view re-renders only the chunk
//! that changed, and bounded so that a long session cannot grow without limit.

use std::rc::Rc;

use pop3_sim::Explanation;

use super::{Note, Topic};

/// Entries per chunk. A sealed chunk never changes, so its rendering is reused as is.
pub const CHUNK: usize = 64;
/// At most this many entries are kept; the oldest chunks are dropped first.
pub const MAX_ENTRIES: usize = 40_000;
/// At most this many octets of text are kept (replies count their raw size).
pub const MAX_BYTES: usize = 48 * 1024 * 1024;

/// One thing shown in the log.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Unique within a shell, increasing.
    pub id: u64,
    /// What it is.
    pub kind: EntryKind,
}

/// The kinds of log entry, each drawn differently.
#[derive(Clone, Debug, PartialEq)]
pub enum EntryKind {
    /// What the user typed: a shell command after its prompt, or a line sent to the server (empty prompt).
    Input {
        /// The shell prompt (`C:\>`, `$`), empty for a line sent to the server.
        prompt: &'static str,
        /// The line, as typed.
        text: String,
    },
    /// What the client program (cmd, telnet) printed, in its own language.
    Client {
        /// The text; may hold several lines.
        text: String,
        /// What the explain pane says about it.
        topic: Option<Topic>,
    },
    /// A reply from the simulated server, exactly as sent, with the core's explanation.
    Reply {
        /// The octets as sent, CRLFs included.
        bytes: Vec<u8>,
        /// Number of lines.
        lines: usize,
        /// What it means.
        explanation: Rc<Explanation>,
    },
    /// A remark by the tutor (not part of the dialogue), rendered in the UI language.
    Note(Note),
}

impl Entry {
    /// Whether the explain pane has something to say about this entry.
    pub fn is_explainable(&self) -> bool {
        matches!(self.kind, EntryKind::Reply { .. } | EntryKind::Client { topic: Some(_), .. })
    }

    fn weight(&self) -> usize {
        match &self.kind {
            EntryKind::Input { text, .. } => text.len() + 16,
            EntryKind::Client { text, .. } => text.len() + 16,
            EntryKind::Reply { bytes, .. } => bytes.len() + 64,
            EntryKind::Note(_) => 64,
        }
    }
}

/// A run of up to [`CHUNK`] consecutive entries.
#[derive(Clone, Debug, PartialEq)]
pub struct Chunk {
    /// The id of its first entry (a stable key for the view).
    pub id: u64,
    /// The entries.
    pub entries: Vec<Rc<Entry>>,
}

/// The scrollback.
#[derive(Clone, Debug, Default)]
pub struct Log {
    chunks: Vec<Rc<Chunk>>,
    next_id: u64,
    entries: usize,
    bytes: usize,
    dropped: u64,
}

impl Log {
    /// Appends an entry; returns its id.
    pub fn push(&mut self, kind: EntryKind) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        let entry = Rc::new(Entry { id, kind });
        self.entries += 1;
        self.bytes += entry.weight();
        match self.chunks.last_mut() {
            Some(last) if last.entries.len() < CHUNK => Rc::make_mut(last).entries.push(entry),
            _ => self.chunks.push(Rc::new(Chunk { id, entries: vec![entry] })),
        }
        self.enforce_bounds();
        id
    }

    fn enforce_bounds(&mut self) {
        while self.chunks.len() > 1 && (self.entries > MAX_ENTRIES || self.bytes > MAX_BYTES) {
            let first = self.chunks.remove(0);
            self.entries -= first.entries.len();
            self.bytes -= first.entries.iter().map(|e| e.weight()).sum::<usize>();
            self.dropped += first.entries.len() as u64;
        }
    }

    /// Removes every entry (Ctrl+L).
    pub fn clear(&mut self) {
        self.dropped += self.entries as u64;
        self.chunks.clear();
        self.entries = 0;
        self.bytes = 0;
    }

    /// The chunks, oldest first.
    pub fn chunks(&self) -> &[Rc<Chunk>] {
        &self.chunks
    }

    /// All entries, oldest first.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &Rc<Entry>> {
        self.chunks.iter().flat_map(|c| c.entries.iter())
    }

    /// The number of entries kept.
    pub fn len(&self) -> usize {
        self.entries
    }

    /// Whether the log is empty.
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// How many entries were dropped (cleared or beyond the bounds).
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// An entry by id.
    pub fn get(&self, id: u64) -> Option<&Rc<Entry>> {
        let i = self.chunks.partition_point(|c| c.id <= id).checked_sub(1)?;
        self.chunks[i].entries.iter().find(|e| e.id == id)
    }

    /// The newest entry the explain pane can explain.
    pub fn last_explainable(&self) -> Option<&Rc<Entry>> {
        self.entries().rev().find(|e| e.is_explainable())
    }

    /// The explainable entry before (`forward == false`) or after `id`.
    pub fn neighbour_explainable(&self, id: u64, forward: bool) -> Option<&Rc<Entry>> {
        if forward {
            self.entries().find(|e| e.id > id && e.is_explainable())
        } else {
            self.entries().rev().find(|e| e.id < id && e.is_explainable())
        }
    }

    /// The transcript as a terminal would show it: prompts and typed lines, client output, server output.
    pub fn transcript(&self) -> String {
        self.transcript_with(|_| None)
    }

    /// The transcript with a remark after each server reply (`annotate`: its explanation in words), each
    /// remark on a line of its own starting with `  ↳ `: the "reveal" of a challenge.
    pub fn transcript_with(&self, annotate: impl Fn(&Explanation) -> Option<String>) -> String {
        let mut out = String::new();
        for entry in self.entries() {
            match &entry.kind {
                EntryKind::Input { prompt: "", text } => out.push_str(text),
                EntryKind::Input { prompt, text } => {
                    out.push_str(prompt);
                    out.push(' ');
                    out.push_str(text);
                }
                EntryKind::Client { text, .. } => out.push_str(text),
                EntryKind::Reply { bytes, explanation, .. } => {
                    let text = String::from_utf8_lossy(bytes);
                    let text = text.strip_suffix('\n').unwrap_or(&text);
                    for (i, line) in text.split('\n').enumerate() {
                        if i > 0 {
                            out.push('\n');
                        }
                        out.push_str(line.strip_suffix('\r').unwrap_or(line));
                    }
                    if let Some(remark) = annotate(explanation) {
                        out.push_str("\n  ↳ ");
                        out.push_str(&remark);
                    }
                }
                EntryKind::Note(_) => continue,
            }
            out.push('\n');
        }
        out
    }
}

/// Counts the lines of a reply as the view shows them (the final CRLF does not start a new line).
pub fn count_lines(bytes: &[u8]) -> usize {
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    1 + body.iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note() -> EntryKind {
        EntryKind::Note(Note::Cleared)
    }

    #[test]
    fn chunks_seal_and_ids_grow() {
        let mut log = Log::default();
        for _ in 0..(CHUNK * 2 + 1) {
            log.push(note());
        }
        assert_eq!(log.chunks().len(), 3);
        assert_eq!(log.chunks()[1].id, CHUNK as u64);
        assert_eq!(log.get(CHUNK as u64 + 3).map(|e| e.id), Some(CHUNK as u64 + 3));
        assert_eq!(log.len(), CHUNK * 2 + 1);
    }

    #[test]
    fn sealed_chunks_are_shared_not_copied() {
        let mut log = Log::default();
        for _ in 0..CHUNK {
            log.push(note());
        }
        let before = log.chunks()[0].clone();
        log.push(note());
        assert!(Rc::ptr_eq(&before, &log.chunks()[0]));
    }

    #[test]
    fn bounded_by_entries() {
        let mut log = Log::default();
        for _ in 0..(MAX_ENTRIES + CHUNK * 3) {
            log.push(note());
        }
        assert!(log.len() <= MAX_ENTRIES);
        assert!(log.dropped() > 0);
        assert_eq!(log.len() as u64 + log.dropped(), (MAX_ENTRIES + CHUNK * 3) as u64);
    }

    #[test]
    fn line_counts() {
        assert_eq!(count_lines(b"+OK\r\n"), 1);
        assert_eq!(count_lines(b"+OK\r\na\r\n.\r\n"), 3);
        assert_eq!(count_lines(b"no newline"), 1);
    }
}
