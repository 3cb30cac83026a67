//! Turning octets from the wire into inert, visible text: invalid UTF-8 becomes U+FFFD, control characters
//! (ANSI escapes included) become their Unicode control pictures, bidirectional overrides are shown as code
//! points, and very long lines are cut for display (the transcript keeps them whole).

/// Characters of one line shown before the rest is summarised.
pub const MAX_LINE_CHARS: usize = 4_000;

/// One line of a reply, made safe to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayLine {
    /// The visible text.
    pub text: String,
    /// Characters not shown (beyond [`MAX_LINE_CHARS`]).
    pub hidden_chars: usize,
}

/// Makes one line (without its terminator) safe to show.
pub fn display_line(bytes: &[u8]) -> DisplayLine {
    let lossy = String::from_utf8_lossy(bytes);
    let mut text = String::with_capacity(lossy.len().min(MAX_LINE_CHARS * 4));
    let mut shown = 0usize;
    let mut hidden = 0usize;
    for c in lossy.chars() {
        if shown >= MAX_LINE_CHARS {
            hidden += 1;
            continue;
        }
        shown += 1;
        push_visible(&mut text, c);
    }
    DisplayLine { text, hidden_chars: hidden }
}

/// Makes a typed or printed string safe to show (same rules, no length cap).
pub fn display_text(s: &str) -> String {
    let mut text = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\n' {
            text.push(c);
        } else {
            push_visible(&mut text, c);
        }
    }
    text
}

fn push_visible(out: &mut String, c: char) {
    match c {
        '\t' => out.push(c),
        '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
        '\u{7f}' => out.push('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            out.push_str(&format!("<U+{:04X}>", c as u32))
        }
        _ => out.push(c),
    }
}

/// The lines of a reply, terminators removed (the final CRLF does not make an empty last line).
pub fn reply_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    body.split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_pictures() {
        let l = display_line(b"\x1b[31mred\x1b[0m\x07");
        assert_eq!(l.text, "\u{241b}[31mred\u{241b}[0m\u{2407}");
        assert!(!l.text.contains('\u{1b}'));
    }

    #[test]
    fn markup_stays_text_and_invalid_utf8_is_replaced() {
        assert_eq!(display_line(b"<script>alert(1)</script>").text, "<script>alert(1)</script>");
        assert_eq!(display_line(&[0xff, b'a']).text, "\u{fffd}a");
        assert_eq!(display_line("a\u{202e}b".as_bytes()).text, "a<U+202E>b");
    }

    #[test]
    fn long_lines_are_cut_for_display() {
        let long = vec![b'x'; 100_000];
        let l = display_line(&long);
        assert_eq!(l.text.len(), MAX_LINE_CHARS);
        assert_eq!(l.hidden_chars, 100_000 - MAX_LINE_CHARS);
    }

    #[test]
    fn lines_without_terminators() {
        let lines: Vec<_> = reply_lines(b"+OK\r\na\r\n.\r\n").collect();
        assert_eq!(lines, vec![&b"+OK"[..], b"a", b"."]);
        let lines: Vec<_> = reply_lines(b"+OK\n").collect();
        assert_eq!(lines, vec![&b"+OK"[..]]);
    }
}

/// Decodes RFC 2047 encoded-words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in a header value for display. Charsets
/// other than UTF-8 and US-ASCII are left encoded; so is anything malformed.
pub fn decode_header(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    let mut last_was_word = false;
    while let Some(start) = rest.find("=?") {
        let (before, after) = rest.split_at(start);
        match decode_word(after) {
            Some((decoded, used)) => {
                // Whitespace between two encoded-words is dropped (RFC 2047 §6.2).
                if !(last_was_word && before.trim().is_empty()) {
                    out.push_str(before);
                }
                out.push_str(&decoded);
                rest = &after[used..];
                last_was_word = true;
            }
            None => {
                out.push_str(before);
                out.push_str("=?");
                rest = &after[2..];
                last_was_word = false;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_word(s: &str) -> Option<(String, usize)> {
    use base64::Engine as _;
    let inner = s.strip_prefix("=?")?;
    let (charset, rest) = inner.split_once('?')?;
    let (encoding, rest) = rest.split_once('?')?;
    let end = rest.find("?=")?;
    let text = &rest[..end];
    let used = 2 + charset.len() + 1 + encoding.len() + 1 + end + 2;
    let charset = charset.split('*').next().unwrap_or("").to_ascii_lowercase();
    if charset != "utf-8" && charset != "us-ascii" {
        return None;
    }
    let bytes = match encoding {
        "Q" | "q" => {
            let mut out = Vec::with_capacity(text.len());
            let b = text.as_bytes();
            let mut i = 0;
            while i < b.len() {
                match b[i] {
                    b'_' => out.push(b' '),
                    b'=' if i + 2 < b.len() => {
                        let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok()?;
                        out.push(u8::from_str_radix(hex, 16).ok()?);
                        i += 2;
                    }
                    c => out.push(c),
                }
                i += 1;
            }
            out
        }
        "B" | "b" => base64::engine::general_purpose::STANDARD.decode(text).ok()?,
        _ => return None,
    };
    Some((String::from_utf8_lossy(&bytes).into_owned(), used))
}

#[cfg(test)]
mod header_tests {
    use super::decode_header;

    #[test]
    fn encoded_words() {
        assert_eq!(decode_header("=?UTF-8?Q?Faktura_za_marzec_/_March_invoice?="), "Faktura za marzec / March invoice");
        assert_eq!(decode_header("=?utf-8?B?WmHFvMOzxYLEhw==?= x"), "Zażółć x");
        assert_eq!(decode_header("=?UTF-8?Q?a?= =?UTF-8?Q?b?="), "ab");
        assert_eq!(decode_header("plain"), "plain");
        assert_eq!(decode_header("=?ISO-8859-2?Q?x?="), "=?ISO-8859-2?Q?x?=");
        assert_eq!(decode_header("=?UTF-8?Q?bad=Z?= =?"), "bad=Z =?");
        assert_eq!(decode_header("=?UTF-8?Q?=ZZ?="), "=?UTF-8?Q?=ZZ?=");
        assert_eq!(decode_header("=?UTF-8?Q?end="), "=?UTF-8?Q?end=");
    }
}
