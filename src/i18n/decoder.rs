//! The error decoder's sentences built from values: about unknown codes, findings, sources and scenarios, in
//! English and Polish side by side. Each code's own words (title, meaning, likely causes, what to check) sit
//! beside it in the decoder's table, [`crate::decoder::ENTRIES`]. Outlook's own wording of its settings is
//! quoted as the Polish Outlook shows it, so a reader can find the box to tick.

use super::{count, number, Key, Lang};
use crate::decoder::{display_code, lookup, Code, Entry, Family, Finding, Hint, Source, MAX_INPUT};

/// Where the code's number is documented, in words.
pub fn source(entry: &Entry, lang: Lang) -> String {
    let low = entry.code & 0xFFFF;
    match (entry.source, lang) {
        (Source::WineImnxport, Lang::En) => format!(
            "Wine, include/imnxport.idl: {} = HR_E(0x{low:04X}); HR_E adds the error bit and FACILITY_INTERNET (12), giving {}.",
            entry.name,
            entry.display()
        ),
        (Source::WineImnxport, Lang::Pl) => format!(
            "Wine, plik include/imnxport.idl: {} = HR_E(0x{low:04X}); HR_E dodaje bit błędu i FACILITY_INTERNET (12), co daje {}.",
            entry.name,
            entry.display()
        ),
        (Source::MicrosoftImnxport, Lang::En) => format!(
            "Microsoft's imnxport.h (Platform SDK), “POP3 Command Response Values”: {} = HR_E(0x{low:04X}) = {}. Wine's imnxport.idl ends before the POP3 codes.",
            entry.name,
            entry.display()
        ),
        (Source::MicrosoftImnxport, Lang::Pl) => format!(
            "Plik imnxport.h Microsoftu (Platform SDK), sekcja „POP3 Command Response Values”: {} = HR_E(0x{low:04X}) = {}. Plik imnxport.idl z Wine kończy się przed kodami POP3.",
            entry.name,
            entry.display()
        ),
        (Source::MicrosoftWinsock, Lang::En) => {
            format!("Microsoft, “Windows Sockets Error Codes”: {} = {}.", entry.name, entry.code)
        }
        (Source::MicrosoftWinsock, Lang::Pl) => {
            format!("Microsoft, strona „Windows Sockets Error Codes”: {} = {}.", entry.name, entry.code)
        }
    }
}

/// What can be said about a code the table does not explain.
pub fn unknown(code: Code, lang: Lang) -> String {
    use Lang::{En, Pl};
    let n = display_code(code.number());
    let what = match (code, lang) {
        (Code::UnknownOutlook(c), _) => match (crate::decoder::family(c), lang) {
            (Family::General, En) => "one of the general connection errors (0x800CCC00–0x800CCC1F)",
            (Family::General, Pl) => "jeden z ogólnych błędów połączenia (0x800CCC00–0x800CCC1F)",
            (Family::HttpMail, En) => "an HTTPMail error (Hotmail accounts over HTTP), not POP3",
            (Family::HttpMail, Pl) => "błąd HTTPMail (konta Hotmail przez HTTP), nie POP3",
            (Family::WinsockStartup, En) => "an error starting Windows Sockets: the network layer of Windows itself failed",
            (Family::WinsockStartup, Pl) => "błąd uruchamiania Windows Sockets: zawiodła sama warstwa sieciowa Windows",
            (Family::Smtp, En) => "an SMTP error: it comes from sending mail, not from receiving it with POP3 — check the outgoing server (SMTP) settings",
            (Family::Smtp, Pl) => "błąd SMTP: dotyczy wysyłania poczty, a nie odbierania przez POP3 — sprawdź ustawienia serwera poczty wychodzącej (SMTP)",
            (Family::Pop3, En) => "a POP3 error",
            (Family::Pop3, Pl) => "błąd POP3",
            (Family::Nntp, En) => "a newsgroup (NNTP) error, not POP3",
            (Family::Nntp, Pl) => "błąd grup dyskusyjnych (NNTP), nie POP3",
            (Family::Ras, En) => "a dial-up networking (RAS) error",
            (Family::Ras, Pl) => "błąd połączenia telefonicznego (RAS)",
            (Family::Imap, En) => "an IMAP error: this account uses IMAP, not POP3",
            (Family::Imap, Pl) => "błąd IMAP: to konto używa IMAP, nie POP3",
            (Family::Other, En) => "in none of the ranges Outlook Express's header defines",
            (Family::Other, Pl) => "spoza zakresów zdefiniowanych w nagłówku Outlook Express",
        },
        (Code::UnknownHresult(_), En) => {
            "an error code from another part of Windows or Outlook, not one of the Outlook Express / Windows Mail transport codes"
        }
        (Code::UnknownHresult(_), Pl) => {
            "kod błędu z innej części Windows lub Outlooka, a nie jeden z kodów transportu Outlook Express / Poczty systemu Windows"
        }
        (Code::UnknownWinsock(_), En) => {
            "a Windows Sockets error; Microsoft's “Windows Sockets Error Codes” page lists them all"
        }
        (Code::UnknownWinsock(_), Pl) => {
            "błąd Windows Sockets; wszystkie wymienia strona Microsoftu „Windows Sockets Error Codes”"
        }
        (Code::Known(e), _) => return e.text(lang).meaning.to_string(),
    };
    match lang {
        En => format!("{n} is not in this decoder's table. It is {what}."),
        Pl => format!("Kodu {n} nie ma w tabeli dekodera. To {what}."),
    }
}

/// What a finding means, in a few sentences.
pub fn finding(f: Finding, lang: Lang) -> String {
    use Lang::{En, Pl};
    match (f, lang) {
        (Finding::ProxyCouldNotConnect { socket_error }, En) => {
            let which = match socket_error.and_then(lookup) {
                Some(e) => format!(" (socket error {}: {})", e.code, e.text(lang).title),
                None => String::new(),
            };
            format!(
                "Outlook did connect, and what answered spoke POP3: it replied -ERR, hence 0x800CCC90. But that reply says it could not connect to the POP server itself{which}. A mail server does not report failing to connect to itself: the reply came from a program between Outlook and the real server — typically an antivirus that scans mail (it takes over port 110) or a proxy — and that program could not reach the real server. Check that program (turn its e-mail scanning off, or let it reach the network) and whether the real server can be reached at all."
            )
        }
        (Finding::ProxyCouldNotConnect { socket_error }, Pl) => {
            let which = match socket_error.and_then(lookup) {
                Some(e) => format!(" (błąd gniazda {}: {})", e.code, e.text(lang).title),
                None => String::new(),
            };
            format!(
                "Outlook połączył się, a to, co odpowiedziało, mówiło w POP3: odpowiedziało -ERR, stąd 0x800CCC90. Ale ta odpowiedź mówi, że samo nie mogło połączyć się z serwerem POP{which}. Serwer poczty nie zgłasza, że nie może połączyć się sam ze sobą: odpowiedź przyszła od programu między Outlookiem a prawdziwym serwerem — zwykle antywirusa skanującego pocztę (przejmuje port 110) albo serwera pośredniczącego — i to ten program nie mógł dotrzeć do prawdziwego serwera. Sprawdź ten program (wyłącz w nim skanowanie poczty albo pozwól mu łączyć się z siecią) oraz czy prawdziwy serwer jest w ogóle osiągalny."
            )
        }
        (Finding::PlainOn995, En) => "Port 995 with SSL off: port 995 is POP3 over SSL/TLS, where the server says nothing until a TLS handshake. Outlook, not encrypting, waits for a greeting that never comes: expect a timeout (0x800CCC19) or a dropped connection. Tick “This server requires an encrypted connection (SSL)”, or use port 110.".into(),
        (Finding::PlainOn995, Pl) => "Port 995 bez SSL: port 995 to POP3 przez SSL/TLS, gdzie serwer milczy aż do negocjacji TLS. Outlook, nie szyfrując, czeka na powitanie, które nie przychodzi: skończy się przekroczeniem czasu (0x800CCC19) albo zerwaniem połączenia. Zaznacz „Ten serwer wymaga zaszyfrowanego połączenia (SSL)” albo użyj portu 110.".into(),
        (Finding::SslOn110, En) => "Port 110 with SSL on: port 110 is plain POP3, so the server greets in plain text while Outlook starts a TLS handshake; the handshake fails (0x800CCC1A) or times out. Use port 995 with SSL, or port 110 without it.".into(),
        (Finding::SslOn110, Pl) => "Port 110 z SSL: port 110 to zwykły POP3, więc serwer wita się jawnym tekstem, a Outlook zaczyna negocjację TLS; negocjacja się nie udaje (0x800CCC1A) albo kończy przekroczeniem czasu. Użyj portu 995 z SSL albo portu 110 bez SSL.".into(),
        (Finding::SendingPort(p), En) => format!("Port {p} is for sending mail (SMTP), not for receiving it with POP3: the incoming server normally uses 110, or 995 with SSL."),
        (Finding::SendingPort(p), Pl) => format!("Port {p} służy do wysyłania poczty (SMTP), a nie do odbierania przez POP3: serwer poczty przychodzącej używa zwykle portu 110 albo 995 z SSL."),
        (Finding::UnusualPort(p), En) => format!("Port {p} is neither 110 (POP3) nor 995 (POP3 over SSL): make sure the provider really uses it."),
        (Finding::UnusualPort(p), Pl) => format!("Port {p} to ani 110 (POP3), ani 995 (POP3 przez SSL): upewnij się, że dostawca naprawdę go używa."),
        (Finding::Reply(h), _) => hint(h, lang).into(),
    }
}

fn hint(h: Hint, lang: Lang) -> &'static str {
    use Lang::{En, Pl};
    match (h, lang) {
        (Hint::InUse, En) => "The reply carries [IN-USE] (RFC 2449): the mailbox is locked by another session — another computer or phone is reading it, or an earlier session has not ended yet.",
        (Hint::InUse, Pl) => "Odpowiedź zawiera [IN-USE] (RFC 2449): skrzynkę blokuje inna sesja — czyta ją inny komputer lub telefon albo wcześniejsza sesja jeszcze się nie skończyła.",
        (Hint::LoginDelay, En) => "The reply carries [LOGIN-DELAY] (RFC 2449): the server allows a login only every so often; check for mail less frequently.",
        (Hint::LoginDelay, Pl) => "Odpowiedź zawiera [LOGIN-DELAY] (RFC 2449): serwer pozwala logować się tylko co jakiś czas; sprawdzaj pocztę rzadziej.",
        (Hint::SysTemp, En) => "The reply carries [SYS/TEMP] (RFC 3206): a temporary problem on the server; try again later.",
        (Hint::SysTemp, Pl) => "Odpowiedź zawiera [SYS/TEMP] (RFC 3206): chwilowy problem po stronie serwera; spróbuj później.",
        (Hint::SysPerm, En) => "The reply carries [SYS/PERM] (RFC 3206): a lasting problem on the server's side, such as a disabled account; contact the provider.",
        (Hint::SysPerm, Pl) => "Odpowiedź zawiera [SYS/PERM] (RFC 3206): trwały problem po stronie serwera, np. wyłączone konto; skontaktuj się z dostawcą.",
        (Hint::Auth, En) => "The reply says the login failed ([AUTH], RFC 3206, or in its own words): the user name or password is wrong, or this way of logging in is not allowed.",
        (Hint::Auth, Pl) => "Odpowiedź mówi, że logowanie się nie udało ([AUTH], RFC 3206, albo własnymi słowami): nazwa użytkownika lub hasło są błędne albo ten sposób logowania jest niedozwolony.",
        (Hint::TlsRequired, En) => "The reply says plain-text login is not allowed: the server wants the connection encrypted first (SSL on port 995, or STLS on port 110).",
        (Hint::TlsRequired, Pl) => "Odpowiedź mówi, że logowanie jawnym hasłem jest niedozwolone: serwer chce najpierw szyfrowanego połączenia (SSL na porcie 995 albo STLS na porcie 110).",
    }
}

/// The text of the link that opens a scenario; it names the id too.
pub fn scenario_link(id: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Open the scenario “{}” ({id})", super::builtin_scenario_title(id, lang)),
        Lang::Pl => format!("Otwórz scenariusz „{}” ({id})", super::builtin_scenario_title(id, lang)),
    }
}

/// A picker option: "0x800CCC0E — cannot connect to the server".
pub fn pick_option(entry: &Entry, lang: Lang) -> String {
    format!("{} — {}", entry.display(), entry.text(lang).title)
}

/// The notice under a paste longer than the decoder reads.
pub fn truncated(input_bytes: usize, lang: Lang) -> String {
    let read = number(MAX_INPUT as u64 / 1024, lang);
    let all = count(input_bytes as u64, lang, ("byte", "bytes"), ("bajt", "bajty", "bajtów"));
    match lang {
        Lang::En => format!("Only the first {read} KiB of the pasted text were read; it has {all}."),
        Lang::Pl => format!("Przeczytano tylko pierwsze {read} KiB wklejonego tekstu, który ma {all}."),
    }
}

/// "yes" / "no" for the SSL field.
pub fn yes_no(v: bool) -> Key {
    if v {
        Key::DecoderYes
    } else {
        Key::DecoderNo
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decoder::{ENTRIES, SCENARIO_IDS};

    use crate::i18n::assert_translated as translated;

    /// Each code's own words are checked beside the table (`decoder/entries.rs`); its source is worded here.
    #[test]
    fn every_code_has_its_source_in_both_languages() {
        for entry in ENTRIES {
            translated(&source(entry, Lang::En), &source(entry, Lang::Pl), entry.name);
            assert!(source(entry, Lang::En).contains(entry.name));
        }
        assert_eq!(lookup(0x800C_CC6A), None);
    }

    #[test]
    fn unknown_codes_findings_and_scenarios_are_translated() {
        let codes = [
            Code::UnknownOutlook(0x800C_CC6A),
            Code::UnknownOutlook(0x800C_CC99),
            Code::UnknownOutlook(0x800C_CC05),
            Code::UnknownOutlook(0x800C_CCD1),
            Code::UnknownOutlook(0x800C_CC50),
            Code::UnknownHresult(0x8004_210A),
            Code::UnknownWinsock(10099),
        ];
        for c in codes {
            translated(&unknown(c, Lang::En), &unknown(c, Lang::Pl), "unknown");
            assert!(unknown(c, Lang::En).contains(&display_code(c.number())));
        }
        assert!(unknown(Code::UnknownOutlook(0x800C_CC6A), Lang::En).contains("SMTP"));
        let findings = [
            Finding::ProxyCouldNotConnect { socket_error: Some(10060) },
            Finding::ProxyCouldNotConnect { socket_error: None },
            Finding::PlainOn995,
            Finding::SslOn110,
            Finding::SendingPort(25),
            Finding::UnusualPort(1110),
            Finding::Reply(Hint::InUse),
            Finding::Reply(Hint::LoginDelay),
            Finding::Reply(Hint::SysTemp),
            Finding::Reply(Hint::SysPerm),
            Finding::Reply(Hint::Auth),
            Finding::Reply(Hint::TlsRequired),
        ];
        for f in findings {
            translated(&finding(f, Lang::En), &finding(f, Lang::Pl), "finding");
        }
        assert!(finding(findings[0], Lang::En).contains("10060"));
        for id in SCENARIO_IDS {
            // Every scenario the decoder links to exists, with a title in both languages.
            let (en, pl) = (
                super::super::builtin_scenario_title(id, Lang::En),
                super::super::builtin_scenario_title(id, Lang::Pl),
            );
            translated(&en, &pl, id);
            assert_ne!(en, *id);
            assert!(scenario_link(id, Lang::Pl).contains(id));
        }
        translated(&truncated(10_485_760, Lang::En), &truncated(10_485_760, Lang::Pl), "truncated");
        assert!(truncated(10_485_760, Lang::Pl).contains("10\u{a0}485\u{a0}760 bajtów"));
    }
}
