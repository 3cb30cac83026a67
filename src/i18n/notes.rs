//! The tutor's remarks in the log, and what the explain pane says about the client programs' messages.

use super::{number, seconds, Lang};
use pop3_bridge_proto::{FailureKind, TlsFailureKind};
use pop3_sim::Timer;

use crate::console::{Note, Topic};

/// A note in the log.
pub fn note(n: &Note, lang: Lang) -> String {
    use Lang::{En, Pl};
    match (n, lang) {
        (Note::Welcome { host: Some(h) }, En) => format!(
            "This is a simulated command prompt. Type telnet {h} 110 and press Enter to talk to the mail server, or type help."
        ),
        (Note::Welcome { host: Some(h) }, Pl) => format!(
            "To jest symulowany wiersz poleceń. Wpisz telnet {h} 110 i naciśnij Enter, żeby porozmawiać z serwerem poczty, albo wpisz help."
        ),
        (Note::Welcome { host: None }, En) => "This is a simulated command prompt. Type help.".into(),
        (Note::Welcome { host: None }, Pl) => "To jest symulowany wiersz poleceń. Wpisz help.".into(),
        (Note::Help { hosts }, En) => format!(
            "Commands: telnet HOST PORT connects (port 110 is POP3, 995 is POP3 over TLS); openssl s_client -connect HOST:995 (or -connect HOST:110 -starttls pop3) connects with TLS and shows the server's certificate; cls or clear empties the screen; help shows this.\nThe server answers as: {}.\nOnce connected, type POP3 commands: USER name, PASS password, STAT, LIST, RETR n, DELE n, RSET, NOOP, TOP n lines, UIDL, CAPA, QUIT.",
            if hosts.is_empty() { "(no host)".to_string() } else { hosts.join(", ") }
        ),
        (Note::Help { hosts }, Pl) => format!(
            "Polecenia: telnet HOST PORT łączy (port 110 to POP3, 995 to POP3 przez TLS); openssl s_client -connect HOST:995 (albo -connect HOST:110 -starttls pop3) łączy przez TLS i pokazuje certyfikat serwera; cls lub clear czyści ekran; help pokazuje ten tekst.\nSerwer odpowiada jako: {}.\nPo połączeniu wpisuj polecenia POP3: USER nazwa, PASS hasło, STAT, LIST, RETR n, DELE n, RSET, NOOP, TOP n wiersze, UIDL, CAPA, QUIT.",
            if hosts.is_empty() { "(brak hosta)".to_string() } else { hosts.join(", ") }
        ),
        (Note::Cleared, En) => "The console was cleared.".into(),
        (Note::Cleared, Pl) => "Konsola została wyczyszczona.".into(),
        (Note::TelnetUsage, En) => "Give telnet a host and a port, for example: telnet pop.outlook.pl 110".into(),
        (Note::TelnetUsage, Pl) => "Podaj telnetowi host i port, na przykład: telnet pop.outlook.pl 110".into(),
        (Note::Busy, En) => "The connection attempt is still under way: wait, or press Esc to stop waiting.".into(),
        (Note::Busy, Pl) => "Próba połączenia wciąż trwa: poczekaj albo naciśnij Esc, żeby przestać czekać.".into(),
        (Note::PipelinedLost { count }, En) => format!(
            "{} sent in the same go as the successful login got no answer: this server's login program read them ahead and the mail program it hands over to never saw them (real Courier behaviour). Send them again, one at a time.",
            if *count == 1 { "1 command".to_string() } else { format!("{} commands", number(*count as u64, lang)) }
        ),
        (Note::PipelinedLost { count }, Pl) => format!(
            "Poleceń wysłanych razem z udanym logowaniem ({}) serwer nie obsłużył: jego program logowania wczytał je z wyprzedzeniem, a program pocztowy, któremu przekazał połączenie, nigdy ich nie zobaczył (tak naprawdę działa Courier). Wyślij je jeszcze raz, po jednym.",
            number(*count as u64, lang)
        ),
        (Note::ProfileChanged { title }, En) => format!("The server now speaks as {title}. Connect again to try it."),
        (Note::ProfileChanged { title }, Pl) => format!("Serwer mówi teraz jako {title}. Połącz się ponownie, żeby spróbować."),
        (Note::TlsExpected, En) => "Port 995 speaks TLS from the first byte (implicit TLS, RFC 8314): the server waits silently for a TLS handshake, and plain text typed here is not one.".into(),
        (Note::TlsExpected, Pl) => "Port 995 mówi TLS od pierwszego bajtu (niejawny TLS, RFC 8314): serwer w milczeniu czeka na negocjację TLS, a zwykły tekst wpisany tutaj nią nie jest.".into(),
        (Note::BridgeWelcome, En) => "Real-server mode: telnet HOST PORT and openssl s_client -connect HOST:PORT reach real mail servers through the bridge (those it allows). Be careful with real passwords: what you type goes to that server.".into(),
        (Note::BridgeWelcome, Pl) => "Tryb prawdziwego serwera: telnet HOST PORT i openssl s_client -connect HOST:PORT łączą się przez most z prawdziwymi serwerami poczty (tymi, na które pozwala). Uważaj z prawdziwymi hasłami: to, co wpiszesz, trafia do tego serwera.".into(),
        (Note::BridgeAwaitingAnswer, En) => "Real-server mode is waiting for your answer: this page's link names a bridge on another site, and nothing is sent to it until you say, at the top of the page, whether to use it. Until then nothing connects.".into(),
        (Note::BridgeAwaitingAnswer, Pl) => "Tryb prawdziwego serwera czeka na Twoją odpowiedź: odnośnik tej strony wskazuje most na innej stronie i nic do niego nie trafi, dopóki na górze strony nie zdecydujesz, czy go użyć. Do tego czasu nic się nie łączy.".into(),
        (Note::BridgeRefused { kind, detail }, En) => match kind {
            FailureKind::NotAllowed => format!("The bridge refused: its configuration does not allow this server (only the servers its operator listed are reachable, and never private addresses unless listed). {detail}"),
            FailureKind::TlsFailed(TlsFailureKind::StlsRefused) => format!("The server did not agree to STLS, so the bridge could not switch the connection to TLS: {detail}. Try the implicit-TLS port (995), or ask whether the server offers STLS (CAPA lists it)."),
            FailureKind::TlsFailed(_) => format!("The bridge could not set up TLS with the server: {detail}. An expired certificate, one from an unknown issuer or for another name is refused, as a careful mail client refuses it."),
            FailureKind::Busy => format!("The bridge is busy (it serves a limited number of sessions, and fewer per address): try again in a minute. {detail}"),
            FailureKind::Unreachable => format!("The bridge could not reach the server (no route to it, or the network is down on the bridge's side). {detail}"),
            other => format!("The bridge could not connect ({}). {detail}", other.as_str()),
        },
        (Note::BridgeRefused { kind, detail }, Pl) => match kind {
            FailureKind::NotAllowed => format!("Most odmówił: jego konfiguracja nie pozwala na ten serwer (dostępne są tylko serwery wpisane przez operatora, a adresy prywatne nigdy, chyba że je wpisano). {detail}"),
            FailureKind::TlsFailed(TlsFailureKind::StlsRefused) => format!("Serwer nie zgodził się na STLS, więc most nie mógł przełączyć połączenia na TLS: {detail}. Spróbuj portu z niejawnym TLS (995) albo sprawdź, czy serwer oferuje STLS (pokazuje to CAPA)."),
            FailureKind::TlsFailed(_) => format!("Most nie zdołał zestawić TLS z serwerem: {detail}. Certyfikat wygasły, od nieznanego wystawcy albo dla innej nazwy zostaje odrzucony, tak jak odrzuciłby go ostrożny program pocztowy."),
            FailureKind::Busy => format!("Most jest zajęty (obsługuje ograniczoną liczbę sesji, a z jednego adresu jeszcze mniej): spróbuj za minutę. {detail}"),
            FailureKind::Unreachable => format!("Most nie mógł dotrzeć do serwera (brak trasy albo sieć po stronie mostu nie działa). {detail}"),
            other => format!("Most nie mógł się połączyć ({}). {detail}", other.as_str()),
        },
        (Note::BridgeUnreachable, En) => "The bridge could not be reached, or it closed the connection before answering: real-server mode needs the network and a running bridge (pop3-tutor-server bridge) at the address in this page's link. Without them, open the page without ?bridge= to use the simulator, which works offline.".into(),
        (Note::BridgeUnreachable, Pl) => "Nie udało się połączyć z mostem albo zamknął on połączenie, zanim odpowiedział: tryb prawdziwego serwera potrzebuje sieci i działającego mostu (pop3-tutor-server bridge) pod adresem z odnośnika tej strony. Bez nich otwórz stronę bez ?bridge=, żeby użyć symulatora, który działa bez sieci.".into(),
        (Note::BridgeOffline, En) => "The browser is offline, so no connection to the bridge was tried: real-server mode needs the network to reach the bridge at the address in this page's link. Try again once the network is back, or open the page without ?bridge= to use the simulator, which works offline.".into(),
        (Note::BridgeOffline, Pl) => "Przeglądarka jest offline (bez dostępu do sieci), więc nie da się połączyć z mostem: tryb prawdziwego serwera potrzebuje sieci, żeby dotrzeć do mostu pod adresem z odnośnika tej strony. Spróbuj ponownie, gdy sieć wróci, albo otwórz stronę bez ?bridge=, żeby użyć symulatora, który działa bez sieci.".into(),
        (Note::BridgeBadAnswer, En) => "Something answered at the bridge's address, but not as a pop3-tutor bridge does: check the ?bridge= address (it ends in /bridge).".into(),
        (Note::BridgeBadAnswer, Pl) => "Pod adresem mostu coś odpowiedziało, ale nie tak, jak odpowiada most pop3-tutor: sprawdź adres w ?bridge= (kończy się na /bridge).".into(),
        (Note::OpenSslUsage, En) => "This console's openssl knows s_client: openssl s_client -connect HOST:995, or openssl s_client -connect HOST:110 -starttls pop3 (add -crlf to end lines with CRLF, -verify_hostname HOST to check the certificate's name).".into(),
        (Note::OpenSslUsage, Pl) => "openssl w tej konsoli zna s_client: openssl s_client -connect HOST:995 albo openssl s_client -connect HOST:110 -starttls pop3 (dodaj -crlf, by kończyć wiersze CRLF, i -verify_hostname HOST, by sprawdzić nazwę w certyfikacie).".into(),
        (Note::StlsNoTls, En) => "After +OK to STLS the server expects a TLS handshake. telnet cannot do one, so the next thing you type ends the connection.".into(),
        (Note::StlsNoTls, Pl) => "Po +OK na STLS serwer oczekuje negocjacji TLS. telnet jej nie potrafi, więc następna rzecz, którą wpiszesz, zakończy połączenie.".into(),
        (Note::ServerTimeout { timer, seconds: s }, En) => format!(
            "The server's {} ran out ({}) and it hung up. Deletions were not carried out.",
            match timer {
                Timer::Login => "timer for logging in",
                Timer::Idle => "inactivity timer",
                Timer::Autologout => "autologout timer (set short by this scenario)",
            },
            seconds(*s, lang)
        ),
        (Note::ServerTimeout { timer, seconds: s }, Pl) => format!(
            "Skończył się {} ({}) i serwer się rozłączył. Usunięcia nie zostały wykonane.",
            match timer {
                Timer::Login => "czas serwera na zalogowanie",
                Timer::Idle => "czas bezczynności serwera",
                Timer::Autologout => "czas autowylogowania serwera (skrócony w tym scenariuszu)",
            },
            seconds(*s, lang)
        ),
        (Note::WaitSkipped { millis }, En) => format!(
            "(Skipped a wait of {}: the real server would have stayed silent that long.)",
            seconds(millis.div_ceil(1000), lang)
        ),
        (Note::WaitSkipped { millis }, Pl) => format!(
            "(Pominięto czekanie: {}; prawdziwy serwer milczałby tak długo.)",
            seconds(millis.div_ceil(1000), lang)
        ),
    }
}

/// What the explain pane says about a client message.
pub fn topic(t: &Topic, lang: Lang) -> String {
    use Lang::{En, Pl};
    match (t, lang) {
        (Topic::Connected, En) => "The TCP connection is up: the server will greet you. Nothing is wrong with the network between you and the server.".into(),
        (Topic::Connected, Pl) => "Połączenie TCP działa: serwer zaraz się przywita. Sieć między Tobą a serwerem jest w porządku.".into(),
        (Topic::Unresolvable { host }, En) => format!(
            "The name {host} could not be turned into an address (DNS). Check the server name in the account settings: a typo here is a common cause of “cannot receive mail”. (Windows telnet reports this with the same words as any other connection failure.)"
        ),
        (Topic::Unresolvable { host }, Pl) => format!(
            "Nazwy {host} nie udało się zamienić na adres (DNS). Sprawdź nazwę serwera w ustawieniach konta: literówka tutaj to częsta przyczyna „nie mogę odebrać poczty”. (Telnet w Windows zgłasza to tymi samymi słowami co każdy inny błąd połączenia.)"
        ),
        (Topic::Refused { port }, En) => format!(
            "The host answered, but nothing listens on port {port} (the connection was refused). POP3 is on port 110, POP3 over TLS on 995; a firewall or antivirus may also reject the port."
        ),
        (Topic::Refused { port }, Pl) => format!(
            "Host odpowiedział, ale na porcie {port} nic nie nasłuchuje (połączenie odrzucone). POP3 działa na porcie 110, POP3 przez TLS na 995; port może też odrzucać zapora albo antywirus."
        ),
        (Topic::TimedOut, En) => "Nothing answered, so the attempt timed out: in Outlook this is socket error 10060 (WSAETIMEDOUT). A firewall dropping the packets, a wrong address or a network problem are the usual causes.".into(),
        (Topic::TimedOut, Pl) => "Nic nie odpowiedziało, więc próba przekroczyła limit czasu: w Outlooku to błąd gniazda 10060 (WSAETIMEDOUT). Zwykle winna jest zapora odrzucająca pakiety, zły adres albo problem z siecią.".into(),
        (Topic::BadPort { port }, En) => format!("“{port}” is neither a port number (1–65535) nor a known service name such as pop3."),
        (Topic::BadPort { port }, Pl) => format!("„{port}” nie jest ani numerem portu (1–65535), ani znaną nazwą usługi, jak pop3."),
        (Topic::ClosedByServer, En) => "The server closed the connection, and the telnet client says so. You are back at the command prompt.".into(),
        (Topic::ClosedByServer, Pl) => "Serwer zamknął połączenie, a klient telnet to zgłasza. Wracasz do wiersza poleceń.".into(),
        (Topic::Intercepted, En) => "The connection was accepted and closed before the server's greeting, without a single +OK: a POP3 server always greets first, so something in between (a firewall, an antivirus program's mail scanner) answered instead. In Outlook this is 0x800CCC0F, the connection was interrupted.".into(),
        (Topic::Intercepted, Pl) => "Połączenie zostało przyjęte i zamknięte przed powitaniem serwera, bez ani jednego +OK: serwer POP3 zawsze wita się pierwszy, więc odpowiedziało coś po drodze (zapora, skaner poczty w antywirusie). W Outlooku to 0x800CCC0F, połączenie przerwane.".into(),
        (Topic::Certificate { code: 0, name }, En) => format!("The TLS handshake succeeded and the certificate checks out (Verify return code: 0): issued to {name} by an authority the client trusts, and valid today. The POP3 session now runs inside TLS. (s_client checks the name only with -verify_hostname.)"),
        (Topic::Certificate { code: 0, name }, Pl) => format!("Negocjacja TLS się udała, a certyfikat jest w porządku (Verify return code: 0): wystawiony dla {name} przez zaufany urząd i ważny dziś. Sesja POP3 biegnie teraz wewnątrz TLS. (s_client sprawdza nazwę tylko z -verify_hostname.)"),
        (Topic::Certificate { code: 10, .. }, En) => "The certificate has expired (verify error 10): the connection is encrypted, but a careful client refuses it. Outlook shows a security alert (the security certificate has expired or is not yet valid); with TLS required, mail stops. The server's administrator must renew the certificate; also check the computer's date.".into(),
        (Topic::Certificate { code: 10, .. }, Pl) => "Certyfikat wygasł (błąd weryfikacji 10): połączenie jest szyfrowane, ale ostrożny klient go odrzuci. Outlook pokazuje alert zabezpieczeń (certyfikat wygasł lub nie jest jeszcze ważny); przy wymaganym TLS poczta przestaje przychodzić. Administrator serwera musi odnowić certyfikat; sprawdź też datę w komputerze.".into(),
        (Topic::Certificate { code: 18, .. }, En) => "The certificate is self-signed (verify error 18): no authority the client trusts vouches for it, so anyone in the middle could have made it. Outlook warns that the certificate cannot be verified. The administrator should install a certificate from a public authority.".into(),
        (Topic::Certificate { code: 18, .. }, Pl) => "Certyfikat jest samopodpisany (błąd weryfikacji 18): nie poręcza za niego żaden zaufany urząd, więc mógł go zrobić ktokolwiek po drodze. Outlook ostrzega, że certyfikatu nie można zweryfikować. Administrator powinien zainstalować certyfikat z publicznego urzędu.".into(),
        (Topic::Certificate { name, .. }, En) => format!("The certificate was issued to {name}, not to the name you connected to (verify error 62, hostname mismatch): typical of shared hosting, where the account should use the hosting's own server name. Outlook warns that the name on the certificate does not match the server."),
        (Topic::Certificate { name, .. }, Pl) => format!("Certyfikat wystawiono dla {name}, a nie dla nazwy, z którą się łączysz (błąd weryfikacji 62, niezgodna nazwa): typowe na współdzielonym hostingu, gdzie konto powinno używać nazwy serwera hostingu. Outlook ostrzega, że nazwa w certyfikacie nie pasuje do serwera."),
        (Topic::NotTls, En) => "s_client expected a TLS handshake but the server answered in plain text (wrong version number): port 110 speaks plain POP3 (use -starttls pop3 there), or the server refused STLS.".into(),
        (Topic::NotTls, Pl) => "s_client oczekiwał negocjacji TLS, a serwer odpowiedział zwykłym tekstem (wrong version number): port 110 mówi zwykłym POP3 (użyj tam -starttls pop3) albo serwer odrzucił STLS.".into(),
        (Topic::ClosedByClient, En) => "You closed the connection yourself with telnet's escape character. The server sees a dropped connection: deletions are not carried out.".into(),
        (Topic::ClosedByClient, Pl) => "Sam zamknąłeś połączenie znakiem ucieczki telnetu. Serwer widzi zerwane połączenie: usunięcia nie zostają wykonane.".into(),
        (Topic::UnknownShellCommand, En) => "This prompt knows only telnet, help and cls/clear.".into(),
        (Topic::UnknownShellCommand, Pl) => "Ten wiersz poleceń zna tylko telnet, help i cls/clear.".into(),
    }
}
