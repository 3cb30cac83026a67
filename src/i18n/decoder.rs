//! The error decoder's words: for each code in [`crate::decoder::ENTRIES`] a short title, its meaning, likely
//! causes and what to check, in English and Polish side by side; and the sentences about unknown codes,
//! findings, sources and scenarios. Outlook's own wording of its settings is quoted as the Polish Outlook shows
//! it, so a reader can find the box to tick.

use super::{count, number, Key, Lang};
use crate::decoder::{display_code, Code, Entry, Family, Finding, Hint, Source, MAX_INPUT};

/// What the decoder says about one code.
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

const fn t(
    title: &'static str,
    meaning: &'static str,
    causes: &'static [&'static str],
    checks: &'static [&'static str],
) -> Text {
    Text { title, meaning, causes, checks }
}

/// The words for a code of the table; `None` for a number the table does not hold.
pub fn text(code: u32, lang: Lang) -> Option<Text> {
    use Lang::{En, Pl};
    Some(match (code, lang) {
        (0x800C_CC01, En) => t(
            "the server's certificate is for another name",
            "The encrypted (SSL/TLS) connection was made, but the certificate the server showed is issued for a different host name than the incoming server in the account settings.",
            &[
                "The account uses another name for the server (say mail.your-domain.pl) while the certificate is issued for the provider's own name.",
                "An antivirus or proxy that inspects encrypted mail shows its own certificate.",
            ],
            &[
                "Use exactly the server name the provider gives for SSL.",
                "Open the certificate from the warning and compare its name with the account's incoming server.",
            ],
        ),
        (0x800C_CC01, Pl) => t(
            "certyfikat serwera wystawiono na inną nazwę",
            "Połączenie szyfrowane (SSL/TLS) zostało nawiązane, ale certyfikat pokazany przez serwer jest wystawiony na inną nazwę hosta niż serwer poczty przychodzącej w ustawieniach konta.",
            &[
                "Konto używa innej nazwy serwera (np. mail.twoja-domena.pl), a certyfikat jest wystawiony na nazwę dostawcy.",
                "Program antywirusowy lub serwer pośredniczący, który zagląda do szyfrowanej poczty, pokazuje własny certyfikat.",
            ],
            &[
                "Wpisz dokładnie tę nazwę serwera, którą dostawca podaje dla SSL.",
                "Otwórz certyfikat z ostrzeżenia i porównaj jego nazwę z serwerem poczty przychodzącej w koncie.",
            ],
        ),
        (0x800C_CC02, En) => t(
            "the server's certificate has expired or is not valid yet",
            "The server's SSL/TLS certificate is outside its validity dates, as judged by this computer's clock.",
            &[
                "The certificate really expired: the provider did not renew it.",
                "This computer's date, time or time zone is wrong.",
            ],
            &["Check the computer's date, time and time zone.", "Ask the provider whether the certificate was renewed."],
        ),
        (0x800C_CC02, Pl) => t(
            "certyfikat serwera wygasł albo jeszcze nie obowiązuje",
            "Certyfikat SSL/TLS serwera jest poza okresem ważności — według zegara tego komputera.",
            &[
                "Certyfikat naprawdę wygasł: dostawca go nie odnowił.",
                "Data, godzina lub strefa czasowa tego komputera są błędne.",
            ],
            &["Sprawdź datę, godzinę i strefę czasową komputera.", "Zapytaj dostawcę, czy certyfikat został odnowiony."],
        ),
        (0x800C_CC0D, En) => t(
            "server name not found",
            "Outlook could not turn the incoming server's name into an address: the DNS lookup failed, so no connection was even tried.",
            &[
                "The server name is misspelt in the account settings.",
                "DNS does not work: no network, a wrong DNS server, a hotel or airport login page.",
                "The provider no longer uses that name.",
            ],
            &[
                "Compare the server name letter by letter with the provider's instructions.",
                "Run nslookup followed by the server name on the same computer.",
            ],
        ),
        (0x800C_CC0D, Pl) => t(
            "nie znaleziono nazwy serwera",
            "Outlook nie zamienił nazwy serwera poczty przychodzącej na adres: zapytanie DNS się nie udało, więc nawet nie próbował się łączyć.",
            &[
                "Nazwa serwera w ustawieniach konta ma literówkę.",
                "DNS nie działa: brak sieci, zły serwer DNS, strona logowania do sieci w hotelu lub na lotnisku.",
                "Dostawca nie używa już tej nazwy.",
            ],
            &[
                "Porównaj nazwę serwera litera po literze z instrukcją dostawcy.",
                "Uruchom na tym komputerze nslookup z nazwą serwera.",
            ],
        ),
        (0x800C_CC0E, En) => t(
            "cannot connect to the server",
            "The TCP connection to the incoming server could not be made. The socket error that usually comes with this code says why: 10060 no answer, 10061 refused, 11001 name not found.",
            &[
                "A wrong server name or port in the account settings.",
                "The server is down or does not offer POP3.",
                "A firewall — on the computer, in the router or at the provider — blocks the port.",
            ],
            &[
                "Decode the socket error number from the same message too.",
                "On the same computer, run telnet with the server name and port (110): does a +OK greeting appear?",
                "Compare server name and port with the provider's instructions.",
            ],
        ),
        (0x800C_CC0E, Pl) => t(
            "nie można połączyć się z serwerem",
            "Nie udało się nawiązać połączenia TCP z serwerem poczty przychodzącej. Dlaczego — mówi błąd gniazda, który zwykle towarzyszy temu kodowi: 10060 brak odpowiedzi, 10061 odmowa, 11001 nieznana nazwa.",
            &[
                "Błędna nazwa serwera lub numer portu w ustawieniach konta.",
                "Serwer nie działa albo nie udostępnia POP3.",
                "Zapora — na komputerze, w routerze albo u dostawcy — blokuje port.",
            ],
            &[
                "Zdekoduj też numer błędu gniazda z tego samego komunikatu.",
                "Na tym samym komputerze uruchom telnet z nazwą serwera i portem (110): czy pojawia się powitanie +OK?",
                "Porównaj nazwę serwera i port z instrukcją dostawcy.",
            ],
        ),
        (0x800C_CC0F, En) => t(
            "the connection was interrupted",
            "The connection was made, but it was closed or broken before Outlook finished: the other side hung up, or something on the way cut it.",
            &[
                "The server ended the session: an idle timeout, too many failed commands, a message it could not send.",
                "An antivirus mail scanner or a firewall cut the connection, often while a large message was downloading.",
                "An unstable network link.",
            ],
            &[
                "Does it always stop at the same message? Delete or move that message through webmail.",
                "Turn the antivirus's e-mail scanning off for a moment and try again.",
                "Raise the server timeout in the account's advanced settings.",
            ],
        ),
        (0x800C_CC0F, Pl) => t(
            "połączenie zostało przerwane",
            "Połączenie zostało nawiązane, ale zamknięto je lub zerwało się, zanim Outlook skończył: druga strona się rozłączyła albo coś po drodze je przecięło.",
            &[
                "Serwer zakończył sesję: przekroczony czas bezczynności, za dużo błędnych poleceń, wiadomość, której nie mógł wysłać.",
                "Skaner poczty w programie antywirusowym albo zapora przerwały połączenie, często w trakcie pobierania dużej wiadomości.",
                "Niestabilne łącze.",
            ],
            &[
                "Czy zawsze staje na tej samej wiadomości? Usuń ją lub przenieś przez pocztę w przeglądarce.",
                "Wyłącz na chwilę skanowanie poczty w programie antywirusowym i spróbuj ponownie.",
                "Zwiększ limit czasu serwera w zaawansowanych ustawieniach konta.",
            ],
        ),
        (0x800C_CC12, En) => t(
            "error while receiving data",
            "Reading from the connection failed while Outlook waited for the server's data: the connection broke in the middle of a transfer.",
            &[
                "The server, or a firewall or proxy in between, reset the connection.",
                "An antivirus mail scanner interfered with the download.",
                "An unstable network link.",
            ],
            &[
                "Try again; if it stops at the same message every time, remove that message through webmail.",
                "Turn the antivirus's e-mail scanning off for a moment and try again.",
            ],
        ),
        (0x800C_CC12, Pl) => t(
            "błąd podczas odbierania danych",
            "Odczyt z połączenia nie powiódł się, gdy Outlook czekał na dane od serwera: połączenie zerwało się w trakcie przesyłania.",
            &[
                "Serwer albo zapora lub serwer pośredniczący po drodze zresetowały połączenie.",
                "Skaner poczty w programie antywirusowym zakłócił pobieranie.",
                "Niestabilne łącze.",
            ],
            &[
                "Spróbuj ponownie; jeśli za każdym razem staje na tej samej wiadomości, usuń ją przez pocztę w przeglądarce.",
                "Wyłącz na chwilę skanowanie poczty w programie antywirusowym i spróbuj ponownie.",
            ],
        ),
        (0x800C_CC15, En) => t(
            "the socket connection failed",
            "Windows Sockets could not set up the connection to the server; the socket error number that comes with it says why.",
            &["Nothing listens on that port, or a firewall blocks it.", "There is no route to the server."],
            &[
                "Decode the socket error number given with it.",
                "Run telnet with the server name and port on the same computer.",
            ],
        ),
        (0x800C_CC15, Pl) => t(
            "nie udało się połączyć gniazda",
            "Windows Sockets nie zestawił połączenia z serwerem; dlaczego — mówi numer błędu gniazda podany razem z tym kodem.",
            &["Na tym porcie nic nie nasłuchuje albo blokuje go zapora.", "Nie ma trasy do serwera."],
            &[
                "Zdekoduj numer błędu gniazda podany razem z tym kodem.",
                "Uruchom na tym komputerze telnet z nazwą serwera i portem.",
            ],
        ),
        (0x800C_CC17, En) => t(
            "cancelled on this computer",
            "The operation was cancelled on the client side — by clicking Cancel, or by closing the password prompt. It says nothing about the server.",
            &[
                "You, or another program, cancelled the send/receive.",
                "The password prompt that Outlook shows after a refused login was closed with Cancel.",
            ],
            &["If the password prompt keeps coming back, the server refuses the password: see 0x800CCC92."],
        ),
        (0x800C_CC17, Pl) => t(
            "anulowano na tym komputerze",
            "Operację anulowano po stronie klienta — przyciskiem Anuluj albo zamykając okno z pytaniem o hasło. Nie mówi to nic o serwerze.",
            &[
                "Ty lub inny program przerwaliście wysyłanie/odbieranie.",
                "Okno z pytaniem o hasło, które Outlook pokazuje po odrzuconym logowaniu, zamknięto przyciskiem Anuluj.",
            ],
            &["Jeśli pytanie o hasło wciąż wraca, serwer odrzuca hasło: zobacz 0x800CCC92."],
        ),
        (0x800C_CC18, En) => t(
            "Secure Password Authentication (SPA) failed",
            "Logging in with Secure Password Authentication (SPA, Microsoft's NTLM-based login, called \"Sicily\" in the code) failed.",
            &[
                "The account is set to log on with SPA, but the server does not support it.",
                "The user name or password is wrong.",
            ],
            &[
                "Untick \"Log on using Secure Password Authentication (SPA)\" unless the provider asks for it.",
                "Check the user name and password.",
            ],
        ),
        (0x800C_CC18, Pl) => t(
            "nie powiodło się bezpieczne uwierzytelnianie hasła (SPA)",
            "Logowanie przez bezpieczne uwierzytelnianie hasła (SPA, logowanie Microsoftu oparte na NTLM, w kodzie zwane „Sicily”) nie powiodło się.",
            &[
                "Konto ma ustawione logowanie przez SPA, a serwer go nie obsługuje.",
                "Nazwa użytkownika lub hasło są błędne.",
            ],
            &[
                "Odznacz logowanie przy użyciu bezpiecznego uwierzytelniania hasła (SPA), chyba że dostawca go wymaga.",
                "Sprawdź nazwę użytkownika i hasło.",
            ],
        ),
        (0x800C_CC19, En) => t(
            "the server did not answer in time",
            "The connection was made, but the server — or whatever answered — sent nothing within Outlook's server timeout.",
            &[
                "Plain POP3 sent to port 995, where the server waits in silence for an SSL/TLS handshake.",
                "A slow or overloaded server, or a deliberate pause after a failed login.",
                "An antivirus scanner holding the data while it checks a large message.",
            ],
            &[
                "Check port and SSL together: 995 with SSL, 110 without.",
                "Raise the server timeout in the account's advanced settings.",
                "Run telnet with the server name and port: does the greeting come at once?",
            ],
        ),
        (0x800C_CC19, Pl) => t(
            "serwer nie odpowiedział na czas",
            "Połączenie zostało nawiązane, ale serwer — albo to, co odebrało połączenie — nic nie wysłał w czasie ustawionym w Outlooku jako limit czasu serwera.",
            &[
                "Zwykły POP3 wysłany na port 995, gdzie serwer w milczeniu czeka na negocjację SSL/TLS.",
                "Wolny lub przeciążony serwer albo celowa przerwa po nieudanym logowaniu.",
                "Skaner antywirusowy wstrzymuje dane, sprawdzając dużą wiadomość.",
            ],
            &[
                "Sprawdź port i SSL razem: 995 z SSL, 110 bez.",
                "Zwiększ limit czasu serwera w zaawansowanych ustawieniach konta.",
                "Uruchom telnet z nazwą serwera i portem: czy powitanie przychodzi od razu?",
            ],
        ),
        (0x800C_CC1A, En) => t(
            "the encrypted (SSL/TLS) connection failed",
            "Outlook started SSL/TLS on the connection and the handshake failed.",
            &[
                "SSL is ticked for a port that speaks plain POP3 (110): the server sends a plain-text greeting instead of a TLS handshake.",
                "The server and this Windows have no TLS version or cipher in common (an old Windows against a modern server).",
            ],
            &[
                "Check port and SSL together: 995 with SSL, 110 without.",
                "Update Windows and Outlook if the server requires TLS 1.2 or newer.",
            ],
        ),
        (0x800C_CC1A, Pl) => t(
            "nie udało się nawiązać połączenia szyfrowanego (SSL/TLS)",
            "Outlook rozpoczął SSL/TLS na połączeniu, ale negocjacja się nie powiodła.",
            &[
                "SSL jest zaznaczone dla portu ze zwykłym POP3 (110): serwer wysyła jawne powitanie zamiast negocjacji TLS.",
                "Serwer i ten Windows nie mają wspólnej wersji TLS ani szyfru (stary Windows i nowoczesny serwer).",
            ],
            &[
                "Sprawdź port i SSL razem: 995 z SSL, 110 bez.",
                "Zaktualizuj Windows i Outlooka, jeśli serwer wymaga TLS 1.2 lub nowszego.",
            ],
        ),
        (0x800C_CC90, En) => t(
            "the POP3 server answered with an error (-ERR)",
            "The connection worked and something answered in POP3, but it replied -ERR to one of Outlook's commands. The text after -ERR — the \"Server response\" in the message — is the real message: read it.",
            &[
                "The mailbox is locked by another session: another computer or phone is checking the same mailbox.",
                "The server is temporarily unavailable or overloaded.",
                "The server requires an encrypted connection before login.",
                "A program between Outlook and the server (an antivirus mail scanner, a proxy) answers in the server's name and reports its own trouble.",
            ],
            &[
                "Read the server response quoted in the message.",
                "Close other mail programs that use this mailbox and try again in a few minutes.",
                "If the response talks about connecting to a server, it came from a proxy or antivirus, not from the mail server.",
            ],
        ),
        (0x800C_CC90, Pl) => t(
            "serwer POP3 odpowiedział błędem (-ERR)",
            "Połączenie działa i coś odpowiedziało w POP3, ale na jedno z poleceń Outlooka odpowiedziało -ERR. Właściwym komunikatem jest tekst po -ERR — „odpowiedź serwera” w komunikacie: przeczytaj go.",
            &[
                "Skrzynka jest zablokowana przez inną sesję: inny komputer lub telefon sprawdza tę samą skrzynkę.",
                "Serwer jest chwilowo niedostępny lub przeciążony.",
                "Serwer wymaga szyfrowanego połączenia przed zalogowaniem.",
                "Program między Outlookiem a serwerem (skaner poczty w antywirusie, serwer pośredniczący) odpowiada w imieniu serwera i zgłasza własny kłopot.",
            ],
            &[
                "Przeczytaj odpowiedź serwera zacytowaną w komunikacie.",
                "Zamknij inne programy pocztowe korzystające z tej skrzynki i spróbuj ponownie za kilka minut.",
                "Jeśli odpowiedź mówi o łączeniu się z serwerem, pochodzi od serwera pośredniczącego lub antywirusa, a nie od serwera poczty.",
            ],
        ),
        (0x800C_CC91, En) => t(
            "the POP3 server refused the user name",
            "The server answered -ERR to USER, the command that sends the user name.",
            &[
                "The user name is wrong: many providers want the whole e-mail address.",
                "The server refuses plain-text login on an unencrypted connection and says so already at USER.",
            ],
            &[
                "Check the user name in the account settings: the full address?",
                "Try SSL on port 995, or ask the provider whether encryption is required.",
            ],
        ),
        (0x800C_CC91, Pl) => t(
            "serwer POP3 odrzucił nazwę użytkownika",
            "Serwer odpowiedział -ERR na USER, polecenie przesyłające nazwę użytkownika.",
            &[
                "Nazwa użytkownika jest błędna: wielu dostawców wymaga pełnego adresu e-mail.",
                "Serwer nie pozwala logować się jawnym hasłem przez nieszyfrowane połączenie i mówi to już przy USER.",
            ],
            &[
                "Sprawdź nazwę użytkownika w ustawieniach konta: czy to pełny adres?",
                "Spróbuj SSL na porcie 995 albo zapytaj dostawcę, czy szyfrowanie jest wymagane.",
            ],
        ),
        (0x800C_CC92, En) => t(
            "the POP3 server refused the password",
            "The server answered -ERR to PASS: the login failed. Outlook calls it a password problem, but any -ERR to PASS gives this code.",
            &[
                "A wrong password — or a wrong user name: many servers check both only at PASS.",
                "The mailbox is locked by another session: some servers refuse the login with -ERR [IN-USE].",
                "Logging in too often: the server answers -ERR [LOGIN-DELAY] although the password is right.",
                "The account is blocked after too many failed attempts.",
            ],
            &[
                "Type the password again (mind Caps Lock and the keyboard layout).",
                "Log in to webmail with the same name and password.",
                "Close other programs that check this mailbox.",
            ],
        ),
        (0x800C_CC92, Pl) => t(
            "serwer POP3 odrzucił hasło",
            "Serwer odpowiedział -ERR na PASS: logowanie się nie udało. Outlook nazywa to problemem z hasłem, ale ten kod daje każde -ERR w odpowiedzi na PASS.",
            &[
                "Błędne hasło — albo błędna nazwa użytkownika: wiele serwerów sprawdza obie dopiero przy PASS.",
                "Skrzynka jest zablokowana przez inną sesję: niektóre serwery odrzucają wtedy logowanie z -ERR [IN-USE].",
                "Zbyt częste logowanie: serwer odpowiada -ERR [LOGIN-DELAY], choć hasło jest dobre.",
                "Konto zablokowano po zbyt wielu nieudanych próbach.",
            ],
            &[
                "Wpisz hasło ponownie (uważaj na Caps Lock i układ klawiatury).",
                "Zaloguj się do poczty w przeglądarce tą samą nazwą i hasłem.",
                "Zamknij inne programy sprawdzające tę skrzynkę.",
            ],
        ),
        (0x800C_CC93, En) => t(
            "the server's reply could not be understood",
            "Outlook received a reply it could not read as POP3, for example a STAT or LIST line in an unexpected form.",
            &[
                "The port belongs to another service, not POP3.",
                "A proxy or scanner in between changes the replies.",
                "A server that does not follow the POP3 standard.",
            ],
            &[
                "Run telnet with the server name and port and look at what answers: a POP3 server greets with +OK.",
                "Try with the antivirus's e-mail scanning turned off.",
            ],
        ),
        (0x800C_CC93, Pl) => t(
            "nie udało się zrozumieć odpowiedzi serwera",
            "Outlook dostał odpowiedź, której nie umiał odczytać jako POP3, np. wiersz STAT lub LIST w nieoczekiwanej postaci.",
            &[
                "Port należy do innej usługi, nie do POP3.",
                "Serwer pośredniczący lub skaner po drodze zmienia odpowiedzi.",
                "Serwer, który nie trzyma się standardu POP3.",
            ],
            &[
                "Uruchom telnet z nazwą serwera i portem i zobacz, co odpowiada: serwer POP3 wita się przez +OK.",
                "Spróbuj z wyłączonym skanowaniem poczty w programie antywirusowym.",
            ],
        ),
        (10013, En) => t(
            "permission denied",
            "Windows refused the program access to the network socket.",
            &[
                "A firewall or antivirus does not let Outlook make connections.",
                "A security policy limits outgoing connections.",
            ],
            &[
                "Check the firewall's and antivirus's rules for Outlook.",
                "Test with telnet to the server's port from the same computer.",
            ],
        ),
        (10013, Pl) => t(
            "odmowa dostępu",
            "Windows nie dał programowi dostępu do gniazda sieciowego.",
            &[
                "Zapora lub antywirus nie pozwala Outlookowi nawiązywać połączeń.",
                "Zasady zabezpieczeń ograniczają połączenia wychodzące.",
            ],
            &[
                "Sprawdź reguły zapory i antywirusa dla Outlooka.",
                "Sprawdź telnetem port serwera z tego samego komputera.",
            ],
        ),
        (10051, En) => t(
            "the network is unreachable",
            "This computer has no route to the server's network: the connection attempt could not even leave.",
            &["No network connection, or it is down.", "A wrong default gateway, or a VPN that captures the traffic."],
            &["Check the network connection: do web pages open?", "Check ipconfig and the VPN settings."],
        ),
        (10051, Pl) => t(
            "sieć jest nieosiągalna",
            "Ten komputer nie ma trasy do sieci serwera: próba połączenia nawet nie wyszła z komputera.",
            &["Brak połączenia z siecią albo sieć nie działa.", "Zła brama domyślna albo VPN przechwytujący ruch."],
            &["Sprawdź połączenie z siecią: czy strony WWW się otwierają?", "Sprawdź ipconfig i ustawienia VPN."],
        ),
        (10053, En) => t(
            "connection aborted on this computer",
            "Software on this computer aborted the connection — not the server: typically a timeout or a security program.",
            &["An antivirus or firewall cut the connection.", "Windows gave up after a data transmission timeout."],
            &["Turn e-mail scanning off for a moment and try again.", "Look at the firewall's log."],
        ),
        (10053, Pl) => t(
            "połączenie przerwane na tym komputerze",
            "Połączenie przerwało oprogramowanie na tym komputerze, a nie serwer: zwykle przekroczenie czasu albo program zabezpieczający.",
            &["Antywirus lub zapora przerwały połączenie.", "Windows zrezygnował po przekroczeniu czasu przesyłania danych."],
            &["Wyłącz na chwilę skanowanie poczty i spróbuj ponownie.", "Zajrzyj do dziennika zapory."],
        ),
        (10054, En) => t(
            "connection reset by the other side",
            "The other side forcibly closed the connection: it sent a TCP reset.",
            &[
                "The server ended the session abruptly: a restart, overload, a line too long, too many errors.",
                "A firewall or proxy in between reset it.",
            ],
            &[
                "Try again; if it always happens at the same message, remove that message through webmail.",
                "Check the firewalls and proxies between you and the server.",
            ],
        ),
        (10054, Pl) => t(
            "połączenie zresetowane przez drugą stronę",
            "Druga strona przerwała połączenie siłą: wysłała reset TCP.",
            &[
                "Serwer gwałtownie zakończył sesję: restart, przeciążenie, za długi wiersz, za dużo błędów.",
                "Zapora lub serwer pośredniczący po drodze zresetowały połączenie.",
            ],
            &[
                "Spróbuj ponownie; jeśli zawsze dzieje się to przy tej samej wiadomości, usuń ją przez pocztę w przeglądarce.",
                "Sprawdź zapory i serwery pośredniczące między tobą a serwerem.",
            ],
        ),
        (10060, En) => t(
            "connection timed out",
            "The connection attempt got no answer at all within the time limit: the packets went out and nothing came back.",
            &[
                "A firewall silently drops the packets to that port — on the computer, in the router or at the provider (port 110 is often blocked).",
                "A wrong server address: the name leads to an address where nobody answers.",
                "The server is down or unreachable.",
                "After too many failed logins the server's intrusion prevention drops your address (a colleague elsewhere can still connect).",
            ],
            &[
                "On the same computer, run telnet with the server name and 110: does it hang and then fail?",
                "Try from another network, for example a phone's hotspot.",
                "Check the firewalls and the server address.",
            ],
        ),
        (10060, Pl) => t(
            "przekroczono limit czasu połączenia",
            "Próba połączenia w wyznaczonym czasie nie dostała żadnej odpowiedzi: pakiety wyszły, nic nie wróciło.",
            &[
                "Zapora po cichu odrzuca pakiety na ten port — na komputerze, w routerze albo u dostawcy (port 110 bywa blokowany).",
                "Błędny adres serwera: nazwa prowadzi pod adres, pod którym nikt nie odpowiada.",
                "Serwer nie działa lub jest nieosiągalny.",
                "Po zbyt wielu nieudanych logowaniach ochrona serwera przed włamaniami odrzuca twój adres (kolega z innej sieci nadal się łączy).",
            ],
            &[
                "Na tym samym komputerze uruchom telnet z nazwą serwera i portem 110: czy zawiesza się, a potem zgłasza błąd?",
                "Spróbuj z innej sieci, np. z hotspotu w telefonie.",
                "Sprawdź zapory i adres serwera.",
            ],
        ),
        (10061, En) => t(
            "connection refused",
            "The server's computer answered, but actively refused the connection: nothing listens on that port.",
            &[
                "A wrong port in the account settings.",
                "The POP3 service on the server is stopped or turned off.",
                "A firewall that rejects connections instead of dropping them.",
            ],
            &[
                "Check the port: 110 for POP3, 995 for POP3 over SSL.",
                "Ask the provider whether POP3 is enabled for the account.",
            ],
        ),
        (10061, Pl) => t(
            "odmowa połączenia",
            "Komputer serwera odpowiedział, ale aktywnie odmówił połączenia: na tym porcie nic nie nasłuchuje.",
            &[
                "Błędny port w ustawieniach konta.",
                "Usługa POP3 na serwerze jest zatrzymana lub wyłączona.",
                "Zapora, która odrzuca połączenia z odpowiedzią, zamiast je po cichu porzucać.",
            ],
            &[
                "Sprawdź port: 110 dla POP3, 995 dla POP3 przez SSL.",
                "Zapytaj dostawcę, czy POP3 jest włączony dla tego konta.",
            ],
        ),
        (10065, En) => t(
            "no route to the host",
            "The server's computer could not be reached: a router on the way reported it unreachable.",
            &["The server is down or its address is wrong.", "A routing or firewall problem on the way."],
            &["Run ping and tracert to the server.", "Check the server name and the address it leads to."],
        ),
        (10065, Pl) => t(
            "brak trasy do hosta",
            "Nie udało się dotrzeć do komputera serwera: router po drodze zgłosił, że jest nieosiągalny.",
            &["Serwer nie działa albo jego adres jest błędny.", "Problem z trasowaniem lub zaporą po drodze."],
            &["Uruchom ping i tracert do serwera.", "Sprawdź nazwę serwera i adres, pod który prowadzi."],
        ),
        (11001, En) => t(
            "host not found",
            "DNS says there is no host with this name: the server name could not be turned into an address.",
            &["The server name is misspelt.", "DNS is not available: no network, a wrong DNS server."],
            &[
                "Compare the server name with the provider's instructions.",
                "Run nslookup followed by the server name on the same computer.",
            ],
        ),
        (11001, Pl) => t(
            "nie znaleziono hosta",
            "DNS odpowiada, że nie ma hosta o tej nazwie: nazwy serwera nie udało się zamienić na adres.",
            &["Nazwa serwera ma literówkę.", "DNS jest niedostępny: brak sieci, zły serwer DNS."],
            &["Porównaj nazwę serwera z instrukcją dostawcy.", "Uruchom na tym komputerze nslookup z nazwą serwera."],
        ),
        (11002, En) => t(
            "the name lookup failed for now",
            "The DNS server could not get an authoritative answer for the name this time; trying again later may work.",
            &["A DNS server problem or a network hiccup."],
            &["Try again in a while.", "Try another DNS server."],
        ),
        (11002, Pl) => t(
            "wyszukanie nazwy chwilowo się nie udało",
            "Serwer DNS tym razem nie uzyskał wiążącej odpowiedzi dla tej nazwy; ponowna próba później może się udać.",
            &["Kłopot z serwerem DNS albo chwilowa przerwa w sieci."],
            &["Spróbuj ponownie za jakiś czas.", "Spróbuj innego serwera DNS."],
        ),
        (11004, En) => t(
            "the name exists but has no address",
            "DNS knows the name, but it has no record of the requested type: no address to connect to.",
            &[
                "The server name is a bare domain without an address, e.g. your-domain.pl instead of pop.your-domain.pl.",
                "A DNS configuration error at the provider.",
            ],
            &[
                "Use the full server name the provider gives (often with pop. or mail. in front).",
                "Run nslookup followed by the server name.",
            ],
        ),
        (11004, Pl) => t(
            "nazwa istnieje, ale nie ma adresu",
            "DNS zna tę nazwę, ale nie ma dla niej rekordu żądanego typu: nie ma adresu, z którym można się połączyć.",
            &[
                "Nazwa serwera to sama domena bez adresu, np. twoja-domena.pl zamiast pop.twoja-domena.pl.",
                "Błąd w konfiguracji DNS u dostawcy.",
            ],
            &[
                "Wpisz pełną nazwę serwera podaną przez dostawcę (często z pop. lub mail. na początku).",
                "Uruchom nslookup z nazwą serwera.",
            ],
        ),
        _ => return None,
    })
}

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
        (Code::Known(e), _) => return text(e.code, lang).map(|t| t.meaning.to_string()).unwrap_or_default(),
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
            let which = match socket_error.and_then(|c| text(c, lang).map(|t| (c, t.title))) {
                Some((c, title)) => format!(" (socket error {c}: {title})"),
                None => String::new(),
            };
            format!(
                "Outlook did connect, and what answered spoke POP3: it replied -ERR, hence 0x800CCC90. But that reply says it could not connect to the POP server itself{which}. A mail server does not report failing to connect to itself: the reply came from a program between Outlook and the real server — typically an antivirus that scans mail (it takes over port 110) or a proxy — and that program could not reach the real server. Check that program (turn its e-mail scanning off, or let it reach the network) and whether the real server can be reached at all."
            )
        }
        (Finding::ProxyCouldNotConnect { socket_error }, Pl) => {
            let which = match socket_error.and_then(|c| text(c, lang).map(|t| (c, t.title))) {
                Some((c, title)) => format!(" (błąd gniazda {c}: {title})"),
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
    format!("{} — {}", entry.display(), text(entry.code, lang).map_or("", |t| t.title))
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

    fn translated(en: &str, pl: &str, what: &str) {
        assert!(!en.trim().is_empty() && !pl.trim().is_empty(), "{what}");
        assert_ne!(en, pl, "{what} is not translated");
    }

    #[test]
    fn every_code_has_words_in_both_languages() {
        for entry in ENTRIES {
            let (en, pl) = (text(entry.code, Lang::En).unwrap(), text(entry.code, Lang::Pl).unwrap());
            translated(en.title, pl.title, entry.name);
            translated(en.meaning, pl.meaning, entry.name);
            assert!(!en.causes.is_empty() && !en.checks.is_empty(), "{}", entry.name);
            assert_eq!((en.causes.len(), en.checks.len()), (pl.causes.len(), pl.checks.len()), "{}", entry.name);
            for (a, b) in en.causes.iter().zip(pl.causes).chain(en.checks.iter().zip(pl.checks)) {
                translated(a, b, entry.name);
            }
            translated(&source(entry, Lang::En), &source(entry, Lang::Pl), entry.name);
            assert!(source(entry, Lang::En).contains(entry.name));
        }
        assert_eq!(text(0x800C_CC6A, Lang::En), None);
    }

    #[test]
    fn the_words_say_what_the_brief_says() {
        let meaning = |c: u32| text(c, Lang::En).unwrap().meaning.to_lowercase();
        assert!(meaning(0x800C_CC0E).contains("could not be made"));
        assert!(meaning(0x800C_CC0F).contains("broken"));
        assert!(meaning(0x800C_CC90).contains("-err"));
        assert!(meaning(0x800C_CC91).contains("user"));
        assert!(meaning(0x800C_CC92).contains("pass"));
        assert!(meaning(10060).contains("no answer"));
        assert!(meaning(10061).contains("refused"));
        assert!(meaning(11001).contains("dns"));
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
