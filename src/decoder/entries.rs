//! The decoder's table: every error number it explains, each with its facts (name, source, scenarios) and its
//! words in English and Polish side by side. Both languages are fields of [`Entry`], so an entry missing one
//! does not compile; a test checks that each Polish text is really translated and lists as many causes and
//! checks as the English one. Outlook's own wording of its settings is quoted as the Polish Outlook shows it, so
//! a reader can find the box to tick.

use super::Source::{MicrosoftImnxport as MsIxp, MicrosoftWinsock as MsWsa, WineImnxport as Wine};
use super::{Entry, Text};

const fn t(
    title: &'static str,
    meaning: &'static str,
    causes: &'static [&'static str],
    checks: &'static [&'static str],
) -> Text {
    Text { title, meaning, causes, checks }
}

/// Every code the decoder explains: Outlook's first (by number), then Windows Sockets'. The scenarios follow
/// the `errors` each built-in scenario file lists (`crates/pop3-sim/scenarios/library/`), plus a few close
/// relatives (a refused SPA login and a cancelled password prompt lead to `wrong-password`, say).
pub static ENTRIES: &[Entry] = &[
    Entry {
        code: 0x800C_CC01,
        name: "IXP_E_INVALID_CERT_CN",
        source: Wine,
        scenarios: &[],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 0x800C_CC02,
        name: "IXP_E_INVALID_CERT_DATE",
        source: Wine,
        scenarios: &["expired-certificate"],
        en: t(
            "the server's certificate has expired or is not valid yet",
            "The server's SSL/TLS certificate is outside its validity dates, as judged by this computer's clock.",
            &[
                "The certificate really expired: the provider did not renew it.",
                "This computer's date, time or time zone is wrong.",
            ],
            &[
                "Check the computer's date, time and time zone.",
                "Ask the provider whether the certificate was renewed.",
            ],
        ),
        pl: t(
            "certyfikat serwera wygasł albo jeszcze nie obowiązuje",
            "Certyfikat SSL/TLS serwera jest poza okresem ważności — według zegara tego komputera.",
            &[
                "Certyfikat naprawdę wygasł: dostawca go nie odnowił.",
                "Data, godzina lub strefa czasowa tego komputera są błędne.",
            ],
            &[
                "Sprawdź datę, godzinę i strefę czasową komputera.",
                "Zapytaj dostawcę, czy certyfikat został odnowiony.",
            ],
        ),
    },
    Entry {
        code: 0x800C_CC0D,
        name: "IXP_E_CANT_FIND_HOST",
        source: Wine,
        scenarios: &["dns-failure"],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 0x800C_CC0E,
        name: "IXP_E_FAILED_TO_CONNECT",
        source: Wine,
        scenarios: &["timeout-10060", "connection-refused", "too-many-failures"],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 0x800C_CC0F,
        name: "IXP_E_CONNECTION_DROPPED",
        source: Wine,
        scenarios: &["drop-during-retr", "firewall-blocks-110", "wrong-port-995", "server-busy"],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 0x800C_CC12,
        name: "IXP_E_SOCKET_READ_ERROR",
        source: Wine,
        scenarios: &["drop-during-retr"],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 0x800C_CC15,
        name: "IXP_E_SOCKET_CONNECT_ERROR",
        source: Wine,
        scenarios: &["connection-refused", "timeout-10060"],
        en: t(
            "the socket connection failed",
            "Windows Sockets could not set up the connection to the server; the socket error number that comes with it says why.",
            &[
                "Nothing listens on that port, or a firewall blocks it.",
                "There is no route to the server.",
            ],
            &[
                "Decode the socket error number given with it.",
                "Run telnet with the server name and port on the same computer.",
            ],
        ),
        pl: t(
            "nie udało się połączyć gniazda",
            "Windows Sockets nie zestawił połączenia z serwerem; dlaczego — mówi numer błędu gniazda podany razem z tym kodem.",
            &[
                "Na tym porcie nic nie nasłuchuje albo blokuje go zapora.",
                "Nie ma trasy do serwera.",
            ],
            &[
                "Zdekoduj numer błędu gniazda podany razem z tym kodem.",
                "Uruchom na tym komputerze telnet z nazwą serwera i portem.",
            ],
        ),
    },
    Entry {
        code: 0x800C_CC17,
        name: "IXP_E_USER_CANCEL",
        source: Wine,
        scenarios: &["wrong-password"],
        en: t(
            "cancelled on this computer",
            "The operation was cancelled on the client side — by clicking Cancel, or by closing the password prompt. It says nothing about the server.",
            &[
                "You, or another program, cancelled the send/receive.",
                "The password prompt that Outlook shows after a refused login was closed with Cancel.",
            ],
            &[
                "If the password prompt keeps coming back, the server refuses the password: see 0x800CCC92.",
            ],
        ),
        pl: t(
            "anulowano na tym komputerze",
            "Operację anulowano po stronie klienta — przyciskiem Anuluj albo zamykając okno z pytaniem o hasło. Nie mówi to nic o serwerze.",
            &[
                "Ty lub inny program przerwaliście wysyłanie/odbieranie.",
                "Okno z pytaniem o hasło, które Outlook pokazuje po odrzuconym logowaniu, zamknięto przyciskiem Anuluj.",
            ],
            &[
                "Jeśli pytanie o hasło wciąż wraca, serwer odrzuca hasło: zobacz 0x800CCC92.",
            ],
        ),
    },
    Entry {
        code: 0x800C_CC18,
        name: "IXP_E_SICILY_LOGON_FAILED",
        source: Wine,
        scenarios: &["wrong-password"],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 0x800C_CC19,
        name: "IXP_E_TIMEOUT",
        source: Wine,
        scenarios: &["wrong-port-995"],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 0x800C_CC1A,
        name: "IXP_E_SECURE_CONNECT_FAILED",
        source: Wine,
        scenarios: &["expired-certificate", "tls-required"],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 0x800C_CC90,
        name: "IXP_E_POP3_RESPONSE_ERROR",
        source: MsIxp,
        scenarios: &["timeout-10060", "mailbox-locked", "server-busy", "tls-required"],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 0x800C_CC91,
        name: "IXP_E_POP3_INVALID_USER_NAME",
        source: MsIxp,
        scenarios: &["tls-required"],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 0x800C_CC92,
        name: "IXP_E_POP3_INVALID_PASSWORD",
        source: MsIxp,
        scenarios: &["wrong-password", "mailbox-locked", "login-delay", "too-many-failures"],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 0x800C_CC93,
        name: "IXP_E_POP3_PARSE_FAILURE",
        source: MsIxp,
        scenarios: &[],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 10013,
        name: "WSAEACCES",
        source: MsWsa,
        scenarios: &["firewall-blocks-110"],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 10051,
        name: "WSAENETUNREACH",
        source: MsWsa,
        scenarios: &[],
        en: t(
            "the network is unreachable",
            "This computer has no route to the server's network: the connection attempt could not even leave.",
            &[
                "No network connection, or it is down.",
                "A wrong default gateway, or a VPN that captures the traffic.",
            ],
            &[
                "Check the network connection: do web pages open?",
                "Check ipconfig and the VPN settings.",
            ],
        ),
        pl: t(
            "sieć jest nieosiągalna",
            "Ten komputer nie ma trasy do sieci serwera: próba połączenia nawet nie wyszła z komputera.",
            &[
                "Brak połączenia z siecią albo sieć nie działa.",
                "Zła brama domyślna albo VPN przechwytujący ruch.",
            ],
            &[
                "Sprawdź połączenie z siecią: czy strony WWW się otwierają?",
                "Sprawdź ipconfig i ustawienia VPN.",
            ],
        ),
    },
    Entry {
        code: 10053,
        name: "WSAECONNABORTED",
        source: MsWsa,
        scenarios: &["drop-during-retr", "firewall-blocks-110"],
        en: t(
            "connection aborted on this computer",
            "Software on this computer aborted the connection — not the server: typically a timeout or a security program.",
            &[
                "An antivirus or firewall cut the connection.",
                "Windows gave up after a data transmission timeout.",
            ],
            &[
                "Turn e-mail scanning off for a moment and try again.",
                "Look at the firewall's log.",
            ],
        ),
        pl: t(
            "połączenie przerwane na tym komputerze",
            "Połączenie przerwało oprogramowanie na tym komputerze, a nie serwer: zwykle przekroczenie czasu albo program zabezpieczający.",
            &[
                "Antywirus lub zapora przerwały połączenie.",
                "Windows zrezygnował po przekroczeniu czasu przesyłania danych.",
            ],
            &[
                "Wyłącz na chwilę skanowanie poczty i spróbuj ponownie.",
                "Zajrzyj do dziennika zapory.",
            ],
        ),
    },
    Entry {
        code: 10054,
        name: "WSAECONNRESET",
        source: MsWsa,
        scenarios: &["drop-during-retr", "firewall-blocks-110"],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 10060,
        name: "WSAETIMEDOUT",
        source: MsWsa,
        scenarios: &["timeout-10060", "too-many-failures"],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 10061,
        name: "WSAECONNREFUSED",
        source: MsWsa,
        scenarios: &["connection-refused"],
        en: t(
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
        pl: t(
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
    },
    Entry {
        code: 10065,
        name: "WSAEHOSTUNREACH",
        source: MsWsa,
        scenarios: &["timeout-10060"],
        en: t(
            "no route to the host",
            "The server's computer could not be reached: a router on the way reported it unreachable.",
            &[
                "The server is down or its address is wrong.",
                "A routing or firewall problem on the way.",
            ],
            &[
                "Run ping and tracert to the server.",
                "Check the server name and the address it leads to.",
            ],
        ),
        pl: t(
            "brak trasy do hosta",
            "Nie udało się dotrzeć do komputera serwera: router po drodze zgłosił, że jest nieosiągalny.",
            &[
                "Serwer nie działa albo jego adres jest błędny.",
                "Problem z trasowaniem lub zaporą po drodze.",
            ],
            &[
                "Uruchom ping i tracert do serwera.",
                "Sprawdź nazwę serwera i adres, pod który prowadzi.",
            ],
        ),
    },
    Entry {
        code: 11001,
        name: "WSAHOST_NOT_FOUND",
        source: MsWsa,
        scenarios: &["dns-failure"],
        en: t(
            "host not found",
            "DNS says there is no host with this name: the server name could not be turned into an address.",
            &[
                "The server name is misspelt.",
                "DNS is not available: no network, a wrong DNS server.",
            ],
            &[
                "Compare the server name with the provider's instructions.",
                "Run nslookup followed by the server name on the same computer.",
            ],
        ),
        pl: t(
            "nie znaleziono hosta",
            "DNS odpowiada, że nie ma hosta o tej nazwie: nazwy serwera nie udało się zamienić na adres.",
            &[
                "Nazwa serwera ma literówkę.",
                "DNS jest niedostępny: brak sieci, zły serwer DNS.",
            ],
            &[
                "Porównaj nazwę serwera z instrukcją dostawcy.",
                "Uruchom na tym komputerze nslookup z nazwą serwera.",
            ],
        ),
    },
    Entry {
        code: 11002,
        name: "WSATRY_AGAIN",
        source: MsWsa,
        scenarios: &["dns-failure"],
        en: t(
            "the name lookup failed for now",
            "The DNS server could not get an authoritative answer for the name this time; trying again later may work.",
            &[
                "A DNS server problem or a network hiccup.",
            ],
            &[
                "Try again in a while.",
                "Try another DNS server.",
            ],
        ),
        pl: t(
            "wyszukanie nazwy chwilowo się nie udało",
            "Serwer DNS tym razem nie uzyskał wiążącej odpowiedzi dla tej nazwy; ponowna próba później może się udać.",
            &[
                "Kłopot z serwerem DNS albo chwilowa przerwa w sieci.",
            ],
            &[
                "Spróbuj ponownie za jakiś czas.",
                "Spróbuj innego serwera DNS.",
            ],
        ),
    },
    Entry {
        code: 11004,
        name: "WSANO_DATA",
        source: MsWsa,
        scenarios: &["dns-failure"],
        en: t(
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
        pl: t(
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
    },
];

#[cfg(test)]
mod tests {
    use super::ENTRIES;
    use crate::decoder::lookup;
    use crate::i18n::Lang;

    use crate::i18n::assert_translated as translated;

    #[test]
    fn every_code_has_words_in_both_languages() {
        for entry in ENTRIES {
            let (en, pl) = (entry.text(Lang::En), entry.text(Lang::Pl));
            translated(en.title, pl.title, entry.name);
            translated(en.meaning, pl.meaning, entry.name);
            assert!(!en.causes.is_empty() && !en.checks.is_empty(), "{}", entry.name);
            assert_eq!((en.causes.len(), en.checks.len()), (pl.causes.len(), pl.checks.len()), "{}", entry.name);
            for (a, b) in en.causes.iter().zip(pl.causes).chain(en.checks.iter().zip(pl.checks)) {
                translated(a, b, entry.name);
            }
        }
    }

    #[test]
    fn the_words_say_what_the_brief_says() {
        let meaning = |c: u32| lookup(c).unwrap().text(Lang::En).meaning.to_lowercase();
        assert!(meaning(0x800C_CC0E).contains("could not be made"));
        assert!(meaning(0x800C_CC0F).contains("broken"));
        assert!(meaning(0x800C_CC90).contains("-err"));
        assert!(meaning(0x800C_CC91).contains("user"));
        assert!(meaning(0x800C_CC92).contains("pass"));
        assert!(meaning(10060).contains("no answer"));
        assert!(meaning(10061).contains("refused"));
        assert!(meaning(11001).contains("dns"));
    }
}
