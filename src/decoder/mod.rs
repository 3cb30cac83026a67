//! The error decoder's data and logic (no UI): which Outlook / Outlook Express / Windows Mail and Windows
//! Sockets error numbers exist, where each number's name is documented, which built-in scenarios show each
//! failure, and [`decode`], which reads a bare code or a whole pasted error message.
//!
//! The table itself is in `entries.rs` ([`ENTRIES`]): each entry holds its facts and, beside them, its words
//! (title, meaning, likely causes, what to check) in English and in Polish, so an entry without either language
//! does not compile. The sentences built from values (unknown codes, findings, sources, scenario links) are in
//! [`crate::i18n::decoder`].
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

mod entries;
mod scan;

#[cfg(test)]
mod tests;

pub use entries::ENTRIES;
/// The built-in scenarios the decoder may point to: the troubleshooting library (ids are stable).
pub use pop3_sim::scenario::LIBRARY_IDS as SCENARIO_IDS;
pub use scan::{decode, Code, Decoded, Finding, Found, Hint};

use crate::i18n::Lang;

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

/// One documented error number, with its words in both languages.
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
    /// What the decoder says about it in English.
    pub en: Text,
    /// What the decoder says about it in Polish.
    pub pl: Text,
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

    /// What the decoder says about it in a language.
    pub fn text(&self, lang: Lang) -> &Text {
        match lang {
            Lang::En => &self.en,
            Lang::Pl => &self.pl,
        }
    }
}

/// What the decoder says about one code, in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    /// A few words, for the picker: "cannot connect to the server".
    pub title: &'static str,
    /// What the code means.
    pub meaning: &'static str,
    /// Likely causes, most common first.
    pub causes: &'static [&'static str],
    /// What to check.
    pub checks: &'static [&'static str],
}

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
