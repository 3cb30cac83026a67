//! The words for the core's explanations: what each [`Meaning`], [`Cause`] and [`NextStep`] says, in both
//! languages. The core gives keys and values; the sentences live here.

use pop3_sim::explain::LoginFailure;
use pop3_sim::{Cause, Explanation, Meaning, NextStep, Rfc, SessionState, Verb};

use super::{messages, number, octets, Lang};

/// A verb as the user types it.
pub fn verb_name(verb: &Verb) -> String {
    verb.name().to_string()
}

/// A state's RFC name.
pub fn state_name(state: SessionState) -> &'static str {
    match state {
        SessionState::Authorization => "AUTHORIZATION",
        SessionState::Transaction => "TRANSACTION",
        SessionState::Update => "UPDATE",
        SessionState::Closed => "CLOSED",
    }
}

/// "RFC 1939 §5 (STAT)".
pub fn rfc_label(rfc: Rfc) -> String {
    format!("RFC {} §{}", rfc.number, rfc.section)
}

/// The RFC Editor's address of the section.
pub fn rfc_url(rfc: Rfc) -> String {
    let section = rfc.section.split_whitespace().next().unwrap_or("");
    format!("https://www.rfc-editor.org/rfc/rfc{}#section-{}", rfc.number, section)
}

/// One sentence on what the reply means.
pub fn meaning(m: &Meaning, lang: Lang) -> String {
    use Lang::{En, Pl};
    let n = |v: u64| number(v, lang);
    match (m, lang) {
        (Meaning::Greeting { apop_timestamp: None }, En) => {
            "The server is ready and waits for you to log in (AUTHORIZATION state).".into()
        }
        (Meaning::Greeting { apop_timestamp: None }, Pl) => {
            "Serwer jest gotowy i czeka na zalogowanie (stan AUTHORIZATION).".into()
        }
        (Meaning::Greeting { apop_timestamp: Some(ts) }, En) => format!(
            "The server is ready. The {ts} at the end is an APOP challenge: a client that knows the secret can log in with APOP without sending the password."
        ),
        (Meaning::Greeting { apop_timestamp: Some(ts) }, Pl) => format!(
            "Serwer jest gotowy. {ts} na końcu to wyzwanie APOP: klient znający hasło może zalogować się przez APOP bez wysyłania hasła."
        ),
        (Meaning::UserAccepted, En) => {
            "The server noted the user name and now waits for PASS. It has not checked the name yet: most servers say +OK to any name, so as not to reveal which accounts exist.".into()
        }
        (Meaning::UserAccepted, Pl) => {
            "Serwer zapamiętał nazwę użytkownika i czeka na PASS. Jeszcze jej nie sprawdził: większość serwerów odpowiada +OK na każdą nazwę, żeby nie zdradzać, jakie konta istnieją.".into()
        }
        (Meaning::LoggedIn { messages: c, octets: o }, En) => format!(
            "Logged in: the session is now in the TRANSACTION state. The maildrop holds {} ({}), and it is locked for this session.",
            messages(*c as u64, lang), octets(*o, lang)
        ),
        (Meaning::LoggedIn { messages: c, octets: o }, Pl) => format!(
            "Zalogowano: sesja jest teraz w stanie TRANSACTION. Skrzynka zawiera {} ({}) i jest zablokowana dla tej sesji.",
            messages(*c as u64, lang), octets(*o, lang)
        ),
        (Meaning::LoginFailed { reason }, En) => format!(
            "Login refused. {}",
            match reason {
                LoginFailure::UnknownUser => "(The simulator knows why: there is no such user on this server. The real server does not say so.)",
                LoginFailure::WrongPassword => "(The simulator knows why: the user exists, the password is wrong. The real server does not say so.)",
                LoginFailure::MalformedCredentials => "(The SASL data did not hold a user name and a password.)",
            }
        ),
        (Meaning::LoginFailed { reason }, Pl) => format!(
            "Logowanie odrzucone. {}",
            match reason {
                LoginFailure::UnknownUser => "(Symulator wie dlaczego: na tym serwerze nie ma takiego użytkownika. Prawdziwy serwer tego nie mówi.)",
                LoginFailure::WrongPassword => "(Symulator wie dlaczego: użytkownik istnieje, hasło jest błędne. Prawdziwy serwer tego nie mówi.)",
                LoginFailure::MalformedCredentials => "(Dane SASL nie zawierały nazwy użytkownika i hasła.)",
            }
        ),
        (Meaning::PassWithoutUser, En) => "PASS came without a USER before it: the server does not know whose password this is.".into(),
        (Meaning::PassWithoutUser, Pl) => "PASS przyszło bez wcześniejszego USER: serwer nie wie, czyje to hasło.".into(),
        (Meaning::ApopMalformed, En) => "APOP needs a user name and a 32-digit hexadecimal MD5 digest.".into(),
        (Meaning::ApopMalformed, Pl) => "APOP wymaga nazwy użytkownika i 32-cyfrowego szesnastkowego skrótu MD5.".into(),
        (Meaning::ApopNotEnabled, En) => "This server does not offer APOP.".into(),
        (Meaning::ApopNotEnabled, Pl) => "Ten serwer nie oferuje APOP.".into(),
        (Meaning::SaslMechanisms { mechanisms }, En) => format!("The SASL mechanisms this server accepts: {}.", mechanisms.join(", ")),
        (Meaning::SaslMechanisms { mechanisms }, Pl) => format!("Mechanizmy SASL, które ten serwer przyjmuje: {}.", mechanisms.join(", ")),
        (Meaning::SaslChallenge { mechanism, decoded }, En) => format!(
            "A {mechanism} challenge: the server waits for your answer in base64. Decoded, it says “{decoded}”."
        ),
        (Meaning::SaslChallenge { mechanism, decoded }, Pl) => format!(
            "Wyzwanie {mechanism}: serwer czeka na odpowiedź w base64. Po zdekodowaniu brzmi „{decoded}”."
        ),
        (Meaning::SaslBadBase64, En) => "The data you sent during AUTH was not valid base64.".into(),
        (Meaning::SaslBadBase64, Pl) => "Dane wysłane w trakcie AUTH nie były poprawnym base64.".into(),
        (Meaning::SaslCancelled, En) => "You cancelled the AUTH exchange with “*”.".into(),
        (Meaning::SaslCancelled, Pl) => "Przerwano wymianę AUTH znakiem „*”.".into(),
        (Meaning::SaslUnknownMechanism { mechanism }, En) => format!("The server does not offer the SASL mechanism {mechanism}."),
        (Meaning::SaslUnknownMechanism { mechanism }, Pl) => format!("Serwer nie oferuje mechanizmu SASL {mechanism}."),
        (Meaning::MailboxInUse, En) => "Another session holds this mailbox, so the server will not open it twice.".into(),
        (Meaning::MailboxInUse, Pl) => "Inna sesja trzyma tę skrzynkę, więc serwer nie otworzy jej drugi raz.".into(),
        (Meaning::MailboxUnavailable, En) => "The password was right, but the server could not open the mailbox: a fault on the server.".into(),
        (Meaning::MailboxUnavailable, Pl) => "Hasło było dobre, ale serwer nie mógł otworzyć skrzynki: usterka po stronie serwera.".into(),
        (Meaning::UnknownCommand { verb }, En) if verb.is_empty() => {
            "The server found no command name: the line is empty, holds only blanks, or starts with a space this server does not skip.".into()
        }
        (Meaning::UnknownCommand { verb }, Pl) if verb.is_empty() => {
            "Serwer nie znalazł nazwy polecenia: wiersz jest pusty, zawiera same odstępy albo zaczyna się od spacji, której ten serwer nie pomija.".into()
        }
        (Meaning::UnknownCommand { verb }, En) if verb.starts_with(char::is_whitespace) => format!(
            "The server does not know the command “{}” with the blank in front of it: it splits words at spaces only, so a leading tab is part of the name.",
            verb.trim_start()
        ),
        (Meaning::UnknownCommand { verb }, Pl) if verb.starts_with(char::is_whitespace) => format!(
            "Serwer nie zna polecenia „{}” z odstępem na początku: dzieli wyrazy tylko spacjami, więc tabulator na początku należy do nazwy.",
            verb.trim_start()
        ),
        (Meaning::UnknownCommand { verb }, En) => format!("The server does not know the command “{verb}”."),
        (Meaning::UnknownCommand { verb }, Pl) => format!("Serwer nie zna polecenia „{verb}”."),
        (Meaning::WrongState { verb }, En) => format!(
            "{} is a real POP3 command, but not in this state: the server refuses it here even if its text just says “invalid”.",
            verb_name(verb)
        ),
        (Meaning::WrongState { verb }, Pl) => format!(
            "{} to prawdziwe polecenie POP3, ale nie w tym stanie: serwer odrzuca je tutaj, nawet jeśli jego tekst mówi tylko „nieprawidłowe”.",
            verb_name(verb)
        ),
        (Meaning::BadArguments { verb }, En) => format!("The arguments of {} are missing or malformed.", verb_name(verb)),
        (Meaning::BadArguments { verb }, Pl) => format!("Brakuje argumentów {} albo są błędne.", verb_name(verb)),
        (Meaning::TooManyBadCommands, En) => "Too many failed commands in a row: the server hangs up.".into(),
        (Meaning::TooManyBadCommands, Pl) => "Za dużo nieudanych poleceń z rzędu: serwer się rozłącza.".into(),
        (Meaning::LineTooLong, En) => "The command line was longer than the server accepts: it hangs up.".into(),
        (Meaning::LineTooLong, Pl) => "Wiersz polecenia był dłuższy, niż serwer przyjmuje: serwer się rozłącza.".into(),
        (Meaning::Capabilities { capabilities }, En) => format!(
            "What this server can do (RFC 2449): {}. The list ends with a line holding a single dot.",
            capabilities.join(", ")
        ),
        (Meaning::Capabilities { capabilities }, Pl) => format!(
            "Co potrafi ten serwer (RFC 2449): {}. Lista kończy się wierszem z samą kropką.",
            capabilities.join(", ")
        ),
        (Meaning::StlsBegin, En) => "The server now expects a TLS handshake on this connection. A plain telnet cannot do TLS.".into(),
        (Meaning::StlsBegin, Pl) => "Serwer oczekuje teraz negocjacji TLS na tym połączeniu. Zwykły telnet nie potrafi TLS.".into(),
        (Meaning::StlsAlreadyActive, En) => "TLS is already on for this connection.".into(),
        (Meaning::StlsAlreadyActive, Pl) => "TLS jest już włączony na tym połączeniu.".into(),
        (Meaning::StlsUnavailable, En) => "This server cannot switch to TLS here.".into(),
        (Meaning::StlsUnavailable, Pl) => "Ten serwer nie może tu przełączyć się na TLS.".into(),
        (Meaning::Utf8Enabled, En) => "UTF-8 mode is on: user names, passwords and messages may use UTF-8 (RFC 6856).".into(),
        (Meaning::Utf8Enabled, Pl) => "Tryb UTF-8 włączony: nazwy, hasła i wiadomości mogą używać UTF-8 (RFC 6856).".into(),
        (Meaning::Status { messages: c, octets: o }, En) => format!(
            "The maildrop holds {} taking {} together ({}). Messages marked deleted are not counted.",
            messages(*c as u64, lang), octets(*o, lang), kib(*o, lang)
        ),
        (Meaning::Status { messages: c, octets: o }, Pl) => format!(
            "W skrzynce jest {} o łącznym rozmiarze {} ({}). Wiadomości oznaczone do usunięcia nie są liczone.",
            messages(*c as u64, lang), octets(*o, lang), kib(*o, lang)
        ),
        (Meaning::ScanListing { messages: c, octets: o }, En) => format!(
            "A scan listing follows: one line per message, its number and size, {} and {} in all. A single dot ends it.",
            messages(*c as u64, lang), octets(*o, lang)
        ),
        (Meaning::ScanListing { messages: c, octets: o }, Pl) => format!(
            "Następuje lista: jeden wiersz na wiadomość, jej numer i rozmiar; razem {} i {}. Kończy ją sama kropka.",
            messages(*c as u64, lang), octets(*o, lang)
        ),
        (Meaning::ScanLine { number: num, octets: o }, En) => format!("Message {} has {}.", n(*num as u64), octets(*o, lang)),
        (Meaning::ScanLine { number: num, octets: o }, Pl) => format!("Wiadomość {} ma {}.", n(*num as u64), octets(*o, lang)),
        (Meaning::MessageFollows { number: num, octets: o }, En) => format!(
            "Message {} follows, {}: header, empty line, body. Lines starting with a dot get a second dot; a line with a single dot ends it.",
            n(*num as u64), octets(*o, lang)
        ),
        (Meaning::MessageFollows { number: num, octets: o }, Pl) => format!(
            "Następuje wiadomość {}, {}: nagłówek, pusty wiersz, treść. Wiersze zaczynające się od kropki dostają drugą kropkę; kończy ją wiersz z samą kropką.",
            n(*num as u64), octets(*o, lang)
        ),
        (Meaning::TopFollows { number: num, lines: l }, En) => format!(
            "The header of message {} follows, with the first {} of its body.",
            n(*num as u64), super::lines(*l, lang)
        ),
        (Meaning::TopFollows { number: num, lines: l }, Pl) => format!(
            "Następuje nagłówek wiadomości {} i {} treści (od początku).",
            n(*num as u64), super::lines(*l, lang)
        ),
        (Meaning::UidlListing { messages: c }, En) => format!(
            "Unique ids of {} follow. A client remembers them to know which messages it has already downloaded.",
            messages(*c as u64, lang)
        ),
        (Meaning::UidlListing { messages: c }, Pl) => format!(
            "Następują unikalne identyfikatory: {}. Klient je zapamiętuje, żeby wiedzieć, które wiadomości już pobrał.",
            messages(*c as u64, lang)
        ),
        (Meaning::UidlLine { number: num, uidl }, En) => format!("Message {}'s unique id is {uidl}.", n(*num as u64)),
        (Meaning::UidlLine { number: num, uidl }, Pl) => format!("Unikalny identyfikator wiadomości {} to {uidl}.", n(*num as u64)),
        (Meaning::NoSuchMessage { number: num }, En) => format!("There is no message number {} in this maildrop.", n(*num)),
        (Meaning::NoSuchMessage { number: num }, Pl) => format!("W tej skrzynce nie ma wiadomości o numerze {}.", n(*num)),
        (Meaning::MessageDeleted { number: num }, En) => format!("Message {} is marked deleted in this session.", n(*num as u64)),
        (Meaning::MessageDeleted { number: num }, Pl) => format!("Wiadomość {} jest w tej sesji oznaczona do usunięcia.", n(*num as u64)),
        (Meaning::InvalidMessageNumber { argument }, En) => format!("“{argument}” is not a message number."),
        (Meaning::InvalidMessageNumber { argument }, Pl) => format!("„{argument}” nie jest numerem wiadomości."),
        (Meaning::MessageNumberTooLarge { argument, limit }, En) => format!(
            "“{argument}” is larger than any message number this server can read (at most {}), so no such message can exist.",
            n(*limit)
        ),
        (Meaning::MessageNumberTooLarge { argument, limit }, Pl) => format!(
            "„{argument}” przekracza największy numer wiadomości, jaki ten serwer potrafi odczytać (najwyżej {}), więc takiej wiadomości nie może być.",
            n(*limit)
        ),
        (Meaning::InvalidLineCount { argument }, En) => format!("TOP needs a line count; “{argument}” is not one."),
        (Meaning::InvalidLineCount { argument }, Pl) => format!("TOP wymaga liczby wierszy; „{argument}” nią nie jest."),
        (Meaning::MarkedDeleted { number: num }, En) => format!(
            "Message {} is marked deleted. It goes away only if you end the session with QUIT; RSET unmarks it.",
            n(*num as u64)
        ),
        (Meaning::MarkedDeleted { number: num }, Pl) => format!(
            "Wiadomość {} jest oznaczona do usunięcia. Zniknie dopiero, gdy zakończysz sesję poleceniem QUIT; RSET cofa oznaczenie.",
            n(*num as u64)
        ),
        (Meaning::Reset { restored }, En) => format!("Deletion marks removed from {}.", messages(*restored as u64, lang)),
        (Meaning::Reset { restored }, Pl) => format!("Zdjęto oznaczenie usunięcia: {}.", messages(*restored as u64, lang)),
        (Meaning::Noop, En) => "Nothing happened, on purpose: NOOP keeps the connection alive.".into(),
        (Meaning::Noop, Pl) => "Nic się nie stało, celowo: NOOP podtrzymuje połączenie.".into(),
        (Meaning::LoggedOut { deleted }, En) => format!(
            "Goodbye. The session passed through the UPDATE state: {} removed for good, then the server closed the connection.",
            messages(*deleted as u64, lang)
        ),
        (Meaning::LoggedOut { deleted }, Pl) => format!(
            "Do widzenia. Sesja przeszła przez stan UPDATE: na dobre usunięto {}, potem serwer zamknął połączenie.",
            messages(*deleted as u64, lang)
        ),
        (Meaning::Goodbye, En) => "Goodbye before login: nothing changes, and the server closes the connection.".into(),
        (Meaning::Goodbye, Pl) => "Pożegnanie przed zalogowaniem: nic się nie zmienia, serwer zamyka połączenie.".into(),
        (Meaning::MessageGone { number: num }, En) => format!(
            "Message {} was removed by another session after this one logged in.",
            n(*num as u64)
        ),
        (Meaning::MessageGone { number: num }, Pl) => format!(
            "Wiadomość {} usunęła inna sesja już po zalogowaniu tej.",
            n(*num as u64)
        ),
        (Meaning::Inactivity, En) => "You were idle too long: the server ends the session.".into(),
        (Meaning::Inactivity, Pl) => "Zbyt długa bezczynność: serwer kończy sesję.".into(),
        (Meaning::Dropped { sent, total }, En) => format!(
            "The connection broke in the middle of this reply: {} of its {} arrived, and no final line with a dot. A mail client reports the connection as interrupted and will try the same message again next time.",
            octets(*sent, En),
            octets(*total, En)
        ),
        (Meaning::Dropped { sent, total }, Pl) => format!(
            "Połączenie zerwało się w połowie tej odpowiedzi: dotarło {} z {} i nie było końcowej linii z kropką. Program pocztowy zgłosi przerwane połączenie i następnym razem spróbuje pobrać tę samą wiadomość.",
            octets(*sent, Pl),
            octets(*total, Pl)
        ),
        (Meaning::PlaintextRefused, En) => {
            "This server accepts a password only over an encrypted connection: without TLS it refuses USER, PASS and AUTH PLAIN/LOGIN.".into()
        }
        (Meaning::PlaintextRefused, Pl) => {
            "Ten serwer przyjmuje hasło tylko przez połączenie szyfrowane: bez TLS odrzuca USER, PASS i AUTH PLAIN/LOGIN.".into()
        }
        (Meaning::Observed, En) => {
            "A real server's reply, read off the wire: +OK means it accepted the command, -ERR that it refused it; a response code in brackets, if any, says what kind of problem it is.".into()
        }
        (Meaning::Observed, Pl) => {
            "Odpowiedź prawdziwego serwera, odczytana z połączenia: +OK znaczy, że przyjął polecenie, -ERR, że je odrzucił; kod w nawiasach kwadratowych, jeśli jest, mówi, jakiego rodzaju to problem.".into()
        }
        (Meaning::Scripted { .. }, En) => {
            "Not the usual answer to this command: the response code in brackets, if any, says what kind of problem it is ([AUTH] the credentials, [SYS/TEMP] a passing problem of the server, [SYS/PERM] a lasting one, [IN-USE] a mailbox in use, [LOGIN-DELAY] logging in too often).".into()
        }
        (Meaning::Scripted { .. }, Pl) => {
            "To nie jest zwykła odpowiedź na to polecenie: kod w nawiasach kwadratowych, jeśli jest, mówi, jakiego rodzaju to problem ([AUTH] dane logowania, [SYS/TEMP] chwilowy problem serwera, [SYS/PERM] trwały, [IN-USE] skrzynka w użyciu, [LOGIN-DELAY] zbyt częste logowanie).".into()
        }
    }
}

/// "about 52.0 KiB" (integer arithmetic: no float formatting in the wasm).
fn kib(octets: u64, lang: Lang) -> String {
    let tenths = (octets * 10 + 512) / 1024;
    let (whole, tenth) = (tenths / 10, tenths % 10);
    match lang {
        Lang::En => format!("about {}.{tenth} KiB", number(whole, lang)),
        Lang::Pl => format!("około {},{tenth} KiB", number(whole, lang)),
    }
}

/// The numbers a reply carries, decoded: (label, value) pairs.
pub fn numbers(m: &Meaning, lang: Lang) -> Vec<(&'static str, String)> {
    let l = |en: &'static str, pl: &'static str| match lang {
        Lang::En => en,
        Lang::Pl => pl,
    };
    let n = |v: u64| number(v, lang);
    match m {
        Meaning::LoggedIn { messages: c, octets: o }
        | Meaning::Status { messages: c, octets: o }
        | Meaning::ScanListing { messages: c, octets: o } => {
            vec![(l("Messages", "Wiadomości"), n(*c as u64)), (l("Octets", "Oktety"), n(*o))]
        }
        Meaning::ScanLine { number: num, octets: o } | Meaning::MessageFollows { number: num, octets: o } => {
            vec![(l("Message number", "Numer wiadomości"), n(*num as u64)), (l("Octets", "Oktety"), n(*o))]
        }
        Meaning::TopFollows { number: num, lines } => vec![
            (l("Message number", "Numer wiadomości"), n(*num as u64)),
            (l("Body lines", "Wiersze treści"), n(*lines)),
        ],
        Meaning::UidlListing { messages: c } => vec![(l("Messages", "Wiadomości"), n(*c as u64))],
        Meaning::UidlLine { number: num, uidl } => {
            vec![(l("Message number", "Numer wiadomości"), n(*num as u64)), ("UIDL", uidl.clone())]
        }
        Meaning::NoSuchMessage { number: num } => vec![(l("Message number", "Numer wiadomości"), n(*num))],
        Meaning::MessageNumberTooLarge { limit, .. } => vec![(l("Largest number", "Największy numer"), n(*limit))],
        Meaning::MessageDeleted { number: num }
        | Meaning::MarkedDeleted { number: num }
        | Meaning::MessageGone { number: num } => vec![(l("Message number", "Numer wiadomości"), n(*num as u64))],
        Meaning::Reset { restored } => vec![(l("Unmarked", "Przywrócone"), n(*restored as u64))],
        Meaning::LoggedOut { deleted } => vec![(l("Removed", "Usunięte"), n(*deleted as u64))],
        Meaning::Greeting { apop_timestamp: Some(ts) } => vec![(l("APOP timestamp", "Znacznik APOP"), ts.clone())],
        _ => vec![],
    }
}

/// The likely cause, in words.
pub fn cause(c: Cause, lang: Lang) -> &'static str {
    let (en, pl) = match c {
        Cause::UnknownUser => ("The user name does not exist on this server (often: the address was typed without the domain, or with a typo).", "Ta nazwa użytkownika nie istnieje na serwerze (często: adres wpisany bez domeny albo z literówką)."),
        Cause::WrongPassword => ("The password is wrong.", "Hasło jest błędne."),
        Cause::CommandOrder => ("Commands in the wrong order: PASS must follow USER.", "Polecenia w złej kolejności: PASS musi iść po USER."),
        Cause::UnknownCommand => ("A typo, or a command this server does not implement.", "Literówka albo polecenie, którego ten serwer nie obsługuje."),
        Cause::WrongState => ("A command sent in the wrong state: mail commands need a login first, login commands are over after it.", "Polecenie wysłane w złym stanie: polecenia pocztowe wymagają zalogowania, polecenia logowania są już po nim zbędne."),
        Cause::NoSuchMessage => ("A message number that is not in the maildrop.", "Numer wiadomości, której nie ma w skrzynce."),
        Cause::AlreadyDeleted => ("The message was marked deleted earlier in this session.", "Wiadomość została wcześniej w tej sesji oznaczona do usunięcia."),
        Cause::Syntax => ("Missing or malformed arguments.", "Brakujące lub błędne argumenty."),
        Cause::TooManyErrors => ("The server's limit on failed commands.", "Limit nieudanych poleceń na serwerze."),
        Cause::LineTooLong => ("The line was too long.", "Wiersz był za długi."),
        Cause::MailboxLocked => ("Another mail client (often a phone, or a second Outlook) is reading this mailbox right now.", "Inny program pocztowy (często telefon albo drugi Outlook) właśnie czyta tę skrzynkę."),
        Cause::ServerFault => ("A problem on the server itself, not in your settings.", "Problem na samym serwerze, nie w Twoich ustawieniach."),
        Cause::NoTls => ("No TLS is available here.", "TLS nie jest tu dostępny."),
        Cause::Base64 => ("SASL data must be base64-encoded.", "Dane SASL muszą być zakodowane w base64."),
        Cause::Cancelled => ("The client gave up the SASL exchange.", "Klient zrezygnował z wymiany SASL."),
        Cause::MechanismUnsupported => ("The login mechanism is not offered by this server.", "Ten serwer nie oferuje tego mechanizmu logowania."),
        Cause::ExpungedElsewhere => ("Another session removed the message.", "Inna sesja usunęła wiadomość."),
        Cause::Idle => ("The session was idle for too long.", "Sesja była zbyt długo bezczynna."),
        Cause::TlsRequired => ("The server requires TLS before any password (Outlook: tick \"This server requires an encrypted connection\" or use port 995).", "Serwer wymaga TLS przed podaniem hasła (w Outlooku: zaznacz „Ten serwer wymaga zaszyfrowanego połączenia” albo użyj portu 995)."),
        Cause::AccountProblem => ("A permanent problem with the account or mailbox on the server ([SYS/PERM]): retrying will not help.", "Trwały problem z kontem lub skrzynką na serwerze ([SYS/PERM]): ponawianie nie pomoże."),
        Cause::ConnectionDropped => ("Something between the client and the server broke the connection: the network, a firewall, an antivirus program scanning mail, a router or VPN with a wrong MTU.", "Coś między klientem a serwerem zerwało połączenie: sieć, zapora, antywirus skanujący pocztę, router albo VPN ze złym MTU."),
        Cause::LoginTooSoon => ("Logged in again sooner than the server allows ([LOGIN-DELAY]); CAPA's LOGIN-DELAY says how long to wait.", "Ponowne logowanie szybciej, niż serwer pozwala ([LOGIN-DELAY]); LOGIN-DELAY w odpowiedzi na CAPA mówi, ile czekać."),
    };
    match lang {
        Lang::En => en,
        Lang::Pl => pl,
    }
}

/// What to try next, in words.
pub fn next_step(s: NextStep, lang: Lang) -> &'static str {
    let (en, pl) = match s {
        NextStep::SendPass => ("Send PASS followed by the password.", "Wyślij PASS, a po nim hasło."),
        NextStep::CheckCredentials => ("Check the user name (often the full e-mail address) and the password; mind the keyboard layout and Caps Lock.", "Sprawdź nazwę użytkownika (często pełny adres e-mail) i hasło; uważaj na układ klawiatury i Caps Lock."),
        NextStep::SendUserFirst => ("Log in: send USER followed by your user name.", "Zaloguj się: wyślij USER, a po nim nazwę użytkownika."),
        NextStep::CheckSpelling => ("Check the spelling; CAPA lists what the server supports.", "Sprawdź pisownię; CAPA pokazuje, co serwer obsługuje."),
        NextStep::LoginFirst => ("Log in first, with USER and PASS.", "Najpierw się zaloguj: USER i PASS."),
        NextStep::ListMessages => ("Use STAT or LIST to see which message numbers exist.", "Użyj STAT albo LIST, żeby zobaczyć, jakie numery wiadomości istnieją."),
        NextStep::UseRset => ("RSET removes the deletion marks; QUIT carries them out.", "RSET zdejmuje oznaczenia usunięcia; QUIT je wykonuje."),
        NextStep::CheckArguments => ("Check which arguments the command takes.", "Sprawdź, jakie argumenty przyjmuje polecenie."),
        NextStep::Reconnect => ("Connect again and try once more.", "Połącz się ponownie i spróbuj jeszcze raz."),
        NextStep::CloseOtherClient => ("Close the other mail client, or wait for it to finish, then log in again.", "Zamknij drugi program pocztowy albo poczekaj, aż skończy, i zaloguj się ponownie."),
        NextStep::ContactAdmin => ("Tell the server's administrator.", "Zgłoś to administratorowi serwera."),
        NextStep::UseTls => ("Use a client with TLS, or ask whether the server offers it on another port (995).", "Użyj klienta z TLS albo zapytaj, czy serwer oferuje go na innym porcie (995)."),
        NextStep::EncodeBase64 => ("Encode the data in base64.", "Zakoduj dane w base64."),
        NextStep::UseListedMechanism => ("Use a mechanism from CAPA's SASL line.", "Użyj mechanizmu z wiersza SASL odpowiedzi na CAPA."),
        NextStep::ReadMessages => ("You are in: try STAT, LIST, RETR 1, TOP 1 0 or UIDL.", "Jesteś w środku: spróbuj STAT, LIST, RETR 1, TOP 1 0 albo UIDL."),
        NextStep::Quit => ("Send more commands, or end the session with QUIT (which also carries out deletions).", "Wysyłaj kolejne polecenia albo zakończ sesję poleceniem QUIT (które też wykonuje usunięcia)."),
        NextStep::WaitBeforeLogin => ("Wait as long as CAPA's LOGIN-DELAY says (or set the mail client to check less often), then log in again.", "Odczekaj tyle, ile podaje LOGIN-DELAY w odpowiedzi na CAPA (albo ustaw rzadsze sprawdzanie poczty), i zaloguj się ponownie."),
        NextStep::StartTlsHandshake => ("A real mail client would start TLS now; telnet cannot, so whatever you type next ends the connection.", "Prawdziwy program pocztowy zacząłby teraz TLS; telnet nie potrafi, więc cokolwiek teraz wpiszesz, zakończy połączenie."),
    };
    match lang {
        Lang::En => en,
        Lang::Pl => pl,
    }
}

/// The explanation's command, for display.
pub fn command_of(e: &Explanation) -> Option<String> {
    e.command.as_ref().map(verb_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_gives_both_numbers_in_both_languages() {
        let m = Meaning::Status { messages: 2, octets: 53235 };
        assert!(meaning(&m, Lang::En).contains("2 messages"));
        assert!(meaning(&m, Lang::En).contains("53,235 octets"));
        assert!(meaning(&m, Lang::Pl).contains("2 wiadomości"));
        assert!(meaning(&m, Lang::Pl).contains("53\u{a0}235 oktetów"));
        assert!(meaning(&m, Lang::En).contains("about 52.0 KiB"));
        assert!(meaning(&m, Lang::Pl).contains("około 52,0 KiB"));
        assert_eq!(numbers(&m, Lang::En), vec![("Messages", "2".to_string()), ("Octets", "53,235".to_string())]);
    }

    #[test]
    fn a_command_line_without_a_name_is_worded_as_such() {
        let unknown = |verb: &str| Meaning::UnknownCommand { verb: verb.into() };
        for lang in [Lang::En, Lang::Pl] {
            assert!(!meaning(&unknown(""), lang).contains('“') && !meaning(&unknown(""), lang).contains('„'));
            let tab = meaning(&unknown("\tSTAT"), lang);
            assert!(tab.contains("STAT") && !tab.contains('\t'), "{tab}");
        }
        assert!(meaning(&unknown(""), Lang::En).contains("no command name"));
        assert!(meaning(&unknown("\tSTAT"), Lang::En).contains("leading tab is part of the name"));
        assert_eq!(meaning(&unknown("FOO"), Lang::En), "The server does not know the command “FOO”.");
        let too_large = Meaning::MessageNumberTooLarge { argument: "4294967296".into(), limit: 4_294_967_295 };
        assert!(meaning(&too_large, Lang::En).contains("“4294967296” is larger than any message number"));
        assert!(meaning(&too_large, Lang::En).contains("4,294,967,295"));
        assert!(meaning(&too_large, Lang::Pl).contains("4\u{a0}294\u{a0}967\u{a0}295"));
    }

    #[test]
    fn rfc_links() {
        let rfc = Rfc { number: 1939, section: "5 (STAT)" };
        assert_eq!(rfc_label(rfc), "RFC 1939 §5 (STAT)");
        assert_eq!(rfc_url(rfc), "https://www.rfc-editor.org/rfc/rfc1939#section-5");
    }
}
