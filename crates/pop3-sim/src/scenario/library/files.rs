//! @generated from `scenarios/library/*.json` by the test `scenario::library::tests::the_compiled_in_files_are_the_json_files_read`
//! (`BLESS=1 cargo test -p pop3-sim compiled_in`): edit the JSON files, not this one.

pub(super) fn file(id: &str) -> Option<crate::scenario::file::ScenarioFile> {
    Some(
        match id {
            "seed" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "seed".to_owned(),
                    title: "The help article's mailbox (Courier at pop.outlook.pl)"
                        .to_owned(),
                    base: Some("seed".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "en".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "The help article's mailbox (Courier at pop.outlook.pl)"
                                        .to_owned(),
                                ),
                                symptom: Some(
                                    "Nothing is wrong: this is the healthy server the help article talks to. Use it to learn the dialogue before you meet the faults."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "None: Outlook receives mail.".to_owned(),
                                ),
                                diagnosis: Some(
                                    "telnet pop.outlook.pl 110 connects, USER and PASS log in, STAT answers +OK 2 53235. When telnet works like this but Outlook still fails, look at Outlook's account settings."
                                        .to_owned(),
                                ),
                            },
                        ),
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Skrzynka z poradnika (Courier na pop.outlook.pl)"
                                        .to_owned(),
                                ),
                                symptom: Some(
                                    "Wszystko działa: to zdrowy serwer, z którym rozmawia poradnik. Naucz się na nim rozmowy, zanim spotkasz usterki."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Brak: Outlook odbiera pocztę.".to_owned(),
                                ),
                                diagnosis: Some(
                                    "telnet pop.outlook.pl 110 łączy się, USER i PASS logują, STAT odpowiada +OK 2 53235. Jeśli telnet tak działa, a Outlook nadal nie, sprawdź ustawienia konta w Outlooku."
                                        .to_owned(),
                                ),
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from([]),
                    source: None,
                    profile: None,
                    lock_session: None,
                    hosts: None,
                    users: None,
                    faults: std::vec::Vec::from([]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "The server answers at once with +OK: the network and port 110 are fine."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Serwer od razu odpowiada +OK: sieć i port 110 działają."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2000u32),
                        },
                        crate::scenario::DemoStep {
                            line: "USER tester@outlook.pl".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "+OK: the server takes the user name and waits for the password."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "+OK: serwer przyjmuje nazwę użytkownika i czeka na hasło."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "PASS moje_hasło".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "Logged in: the name and the password are right.".to_owned(),
                                ),
                                pl: Some(
                                    "Zalogowano: nazwa użytkownika i hasło są poprawne."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2000u32),
                        },
                        crate::scenario::DemoStep {
                            line: "STAT".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "2 messages, 53,235 octets in all: the mailbox works, so Outlook's settings are the place to look."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "2 wiadomości, razem 53 235 oktetów: skrzynka działa, więc przyczyny szukaj w ustawieniach Outlooka."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "QUIT".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "The server says goodbye and closes the connection; nothing was deleted."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Serwer się żegna i zamyka połączenie; nic nie zostało usunięte."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(1500u32),
                        },
                    ]),
                }
            }
            "dns-failure" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "dns-failure".to_owned(),
                    title: "The server's name does not resolve".to_owned(),
                    base: Some("seed".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "en".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "The server's name does not resolve (DNS)".to_owned(),
                                ),
                                symptom: Some(
                                    "Outlook cannot find the mail server; web pages by name may fail too."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC0D, \"Cannot find the server\" (socket error 11001, host not found)."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "The name pop.outlook.pl does not turn into an address: telnet fails before it even tries to connect. Check the spelling of the server name in the account, then the computer's DNS (ipconfig /all, nslookup pop.outlook.pl)."
                                        .to_owned(),
                                ),
                            },
                        ),
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Nazwa serwera się nie rozwiązuje (DNS)".to_owned(),
                                ),
                                symptom: Some(
                                    "Outlook nie może znaleźć serwera poczty; strony WWW podane nazwą też mogą nie działać."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC0D, „Nie można odnaleźć serwera” (błąd gniazda 11001, nie znaleziono hosta)."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Nazwa pop.outlook.pl nie zamienia się na adres: telnet kończy się, zanim spróbuje się połączyć. Sprawdź pisownię nazwy serwera w koncie, potem DNS komputera (ipconfig /all, nslookup pop.outlook.pl)."
                                        .to_owned(),
                                ),
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from([
                        "0x800CCC0D".to_owned(),
                        "11001".to_owned(),
                    ]),
                    source: None,
                    profile: None,
                    lock_session: None,
                    hosts: None,
                    users: None,
                    faults: std::vec::Vec::from([crate::scenario::Fault::NameNotFound]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "telnet fails before it even tries to connect: the name pop.outlook.pl does not resolve to an address."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "telnet kończy się, zanim spróbuje się połączyć: nazwa pop.outlook.pl nie zamienia się na adres."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                    ]),
                }
            }
            "timeout-10060" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "timeout-10060".to_owned(),
                    title: "The connection times out (socket error 10060)".to_owned(),
                    base: Some("seed".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "en".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "The connection times out (socket error 10060)".to_owned(),
                                ),
                                symptom: Some(
                                    "Outlook has stopped receiving mail; it thinks for a long time, then shows an error. This is the help article's case."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC0E with socket error 10060; with an antivirus program scanning mail, 0x800CCC90 with the scanner's own reply '-ERR Cannot connect to POP server pop.outlook.pl (…:110), connect error 10060'."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Nothing answers on port 110: telnet waits, then reports that it could not connect. Packets are dropped on the way, usually by a firewall or antivirus program on the computer or in the network, sometimes because the server is down. Outlook is not the culprit: check the firewall and antivirus, then try from another network."
                                        .to_owned(),
                                ),
                            },
                        ),
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Przekroczony czas połączenia (błąd gniazda 10060)"
                                        .to_owned(),
                                ),
                                symptom: Some(
                                    "Outlook przestał odbierać pocztę; długo myśli, potem pokazuje błąd. To przypadek z poradnika."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC0E z błędem gniazda 10060; gdy pocztę skanuje program antywirusowy, 0x800CCC90 z jego własną odpowiedzią '-ERR Cannot connect to POP server pop.outlook.pl (…:110), connect error 10060'."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Na porcie 110 nic nie odpowiada: telnet czeka, potem zgłasza, że nie mógł się połączyć. Pakiety giną po drodze, zwykle przez zaporę albo antywirusa na komputerze lub w sieci, czasem dlatego, że serwer nie działa. To nie wina Outlooka: sprawdź zaporę i antywirusa, potem spróbuj z innej sieci."
                                        .to_owned(),
                                ),
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from([
                        "0x800CCC0E".to_owned(),
                        "10060".to_owned(),
                        "0x800CCC90".to_owned(),
                    ]),
                    source: None,
                    profile: None,
                    lock_session: None,
                    hosts: None,
                    users: None,
                    faults: std::vec::Vec::from([
                        crate::scenario::Fault::TimedOut {
                            port: Some(110u16),
                        },
                    ]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "telnet waits, then gives up: nothing answers on port 110 (error 10060, the help article's case)."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "telnet czeka, a potem się poddaje: na porcie 110 nic nie odpowiada (błąd 10060, przypadek z poradnika)."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                    ]),
                }
            }
            "connection-refused" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "connection-refused".to_owned(),
                    title: "The connection is refused (socket error 10061)".to_owned(),
                    base: Some("seed".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "en".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "The connection is refused (socket error 10061)".to_owned(),
                                ),
                                symptom: Some(
                                    "Outlook fails at once, without the long wait of a time-out."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC0E, \"Cannot connect to the server\" (socket error 10061, connection refused)."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "The server's machine answers, but nothing listens on port 110: the POP3 service is stopped, or the provider offers POP3 only on another port (995, with SSL). telnet fails immediately. Check the port in the account settings and ask the provider whether plain POP3 is still offered."
                                        .to_owned(),
                                ),
                            },
                        ),
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Połączenie odrzucone (błąd gniazda 10061)".to_owned(),
                                ),
                                symptom: Some(
                                    "Outlook zgłasza błąd od razu, bez długiego czekania jak przy przekroczeniu czasu."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC0E, „Nie można połączyć się z serwerem” (błąd gniazda 10061, połączenie odrzucone)."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Komputer serwera odpowiada, ale na porcie 110 nic nie nasłuchuje: usługa POP3 jest zatrzymana albo dostawca udostępnia POP3 tylko na innym porcie (995, z SSL). telnet kończy się natychmiast. Sprawdź port w ustawieniach konta i zapytaj dostawcę, czy zwykły POP3 jest jeszcze dostępny."
                                        .to_owned(),
                                ),
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from([
                        "0x800CCC0E".to_owned(),
                        "10061".to_owned(),
                    ]),
                    source: None,
                    profile: None,
                    lock_session: None,
                    hosts: None,
                    users: None,
                    faults: std::vec::Vec::from([
                        crate::scenario::Fault::Refused {
                            port: Some(110u16),
                        },
                    ]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "Refused at once, without a wait: the machine answers, but nothing listens on port 110."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Odmowa od razu, bez czekania: komputer serwera odpowiada, ale na porcie 110 nic nie nasłuchuje."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "openssl s_client -connect pop.outlook.pl:995 -crlf"
                                .to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "Port 995 with SSL answers +OK: POP3 is still there, only not on port 110."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Port 995 z SSL odpowiada +OK: POP3 nadal działa, tylko nie na porcie 110."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "QUIT".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "So the fix is in the account settings: port 995 with SSL turned on."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Rozwiązanie leży więc w ustawieniach konta: port 995 z włączonym SSL."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(1500u32),
                        },
                    ]),
                }
            }
            "firewall-blocks-110" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "firewall-blocks-110".to_owned(),
                    title: "A firewall or antivirus program cuts port 110".to_owned(),
                    base: Some("seed".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "en".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "A firewall or antivirus program cuts port 110".to_owned(),
                                ),
                                symptom: Some(
                                    "Outlook connects but immediately loses the connection; other programs reach the Internet."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC0F, \"The connection to the server was interrupted\"."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Something between Outlook and the server accepts the connection and closes it at once, before the server's greeting: a firewall rule or an antivirus program's mail scanner. telnet connects, then reports the lost connection without a single +OK. Turn the mail scanning off for a test, check the firewall's rules for port 110, or try from another network."
                                        .to_owned(),
                                ),
                            },
                        ),
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Zapora lub antywirus przecina port 110".to_owned(),
                                ),
                                symptom: Some(
                                    "Outlook łączy się, ale od razu traci połączenie; inne programy mają dostęp do Internetu."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC0F, „Połączenie z serwerem zostało przerwane”."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Coś między Outlookiem a serwerem przyjmuje połączenie i od razu je zamyka, przed powitaniem serwera: reguła zapory albo skaner poczty w programie antywirusowym. telnet się łączy, potem zgłasza utratę połączenia bez ani jednego +OK. Na próbę wyłącz skanowanie poczty, sprawdź reguły zapory dla portu 110 albo spróbuj z innej sieci."
                                        .to_owned(),
                                ),
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from(["0x800CCC0F".to_owned()]),
                    source: None,
                    profile: None,
                    lock_session: None,
                    hosts: None,
                    users: None,
                    faults: std::vec::Vec::from([
                        crate::scenario::Fault::Intercepted {
                            port: Some(110u16),
                            banner: None,
                        },
                    ]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "Connected, then cut off before any +OK: something on the way closes port 110, not the server."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "telnet się łączy, ale połączenie zrywa się przed jakimkolwiek +OK: port 110 zamyka coś po drodze, nie serwer."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "openssl s_client -connect pop.outlook.pl:995 -crlf"
                                .to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "Port 995 is not behind the rule: the server greets with +OK."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Port 995 nie jest objęty regułą: serwer wita się odpowiedzią +OK."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2000u32),
                        },
                        crate::scenario::DemoStep {
                            line: "QUIT".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "Look at the firewall's rules for port 110 and the antivirus program's mail scanning."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Sprawdź reguły zapory dla portu 110 i skanowanie poczty w programie antywirusowym."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(1500u32),
                        },
                    ]),
                }
            }
            "wrong-port-995" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "wrong-port-995".to_owned(),
                    title: "Port 995 without SSL".to_owned(),
                    base: Some("seed".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "en".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Port 995 without SSL in the account settings".to_owned(),
                                ),
                                symptom: Some(
                                    "After someone changed the account's port to 995, Outlook waits and waits, then gives up."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC19, the server timed out (sometimes 0x800CCC0F, the connection was interrupted)."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Port 995 is POP3 inside TLS: the server waits for a TLS handshake and says nothing, while a client without SSL waits for +OK. telnet pop.outlook.pl 995 shows the same silence, and only noise after you type; port 110 answers normally. Either tick \"This server requires an encrypted connection (SSL)\" with 995, or use 110."
                                        .to_owned(),
                                ),
                            },
                        ),
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Port 995 bez SSL w ustawieniach konta".to_owned(),
                                ),
                                symptom: Some(
                                    "Odkąd ktoś zmienił port konta na 995, Outlook czeka i czeka, potem się poddaje."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC19, upłynął limit czasu serwera (czasem 0x800CCC0F, połączenie przerwane)."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Port 995 to POP3 wewnątrz TLS: serwer czeka na uzgodnienie TLS i nic nie mówi, a klient bez SSL czeka na +OK. telnet pop.outlook.pl 995 pokazuje tę samą ciszę, a po wpisaniu czegoś tylko śmieci; port 110 odpowiada normalnie. Zaznacz „Ten serwer wymaga zaszyfrowanego połączenia (SSL)” przy porcie 995 albo użyj portu 110."
                                        .to_owned(),
                                ),
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from([
                        "0x800CCC19".to_owned(),
                        "0x800CCC0F".to_owned(),
                    ]),
                    source: None,
                    profile: None,
                    lock_session: None,
                    hosts: None,
                    users: None,
                    faults: std::vec::Vec::from([]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 995".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "Connected, but silent: on port 995 the server waits for a TLS handshake, not for text."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "telnet się łączy, ale panuje cisza: na porcie 995 serwer czeka na uzgodnienie TLS, a nie na tekst."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "USER tester@outlook.pl".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "Plain text is not TLS: the server gives up and closes the connection."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Zwykły tekst to nie TLS: serwer rezygnuje i zamyka połączenie."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2000u32),
                        },
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "Port 110 answers +OK at once: use 110, or keep 995 and turn SSL on."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Port 110 od razu odpowiada +OK: użyj portu 110 albo zostaw 995 i włącz SSL."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2000u32),
                        },
                        crate::scenario::DemoStep {
                            line: "QUIT".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                    ]),
                }
            }
            "tls-required" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "tls-required".to_owned(),
                    title: "The server wants TLS before the password".to_owned(),
                    base: Some("seed".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "en".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "The server wants TLS before the password".to_owned(),
                                ),
                                symptom: Some(
                                    "Since the provider's security update, Outlook asks for the password again and again."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC91 or 0x800CCC90 with the server's reply '-ERR TLS required to log in.'"
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "The server refuses a plaintext login on an unencrypted connection. telnet shows the greeting, then -ERR on USER; CAPA offers STLS but no longer USER. Turn on encryption in the account (STARTTLS on 110, or SSL on 995)."
                                        .to_owned(),
                                ),
                            },
                        ),
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some("Serwer chce TLS przed hasłem".to_owned()),
                                symptom: Some(
                                    "Od aktualizacji bezpieczeństwa u dostawcy Outlook w kółko pyta o hasło."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC91 albo 0x800CCC90 z odpowiedzią serwera '-ERR TLS required to log in.'"
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Serwer odmawia logowania jawnym hasłem przez nieszyfrowane połączenie. telnet pokazuje powitanie, potem -ERR na USER; CAPA oferuje STLS, ale już nie USER. Włącz szyfrowanie w koncie (STARTTLS na porcie 110 albo SSL na 995)."
                                        .to_owned(),
                                ),
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from([
                        "0x800CCC91".to_owned(),
                        "0x800CCC90".to_owned(),
                    ]),
                    source: Some(
                        "Courier's POP3_TLS_REQUIRED (pop3login.c) gives the reply text."
                            .to_owned(),
                    ),
                    profile: None,
                    lock_session: None,
                    hosts: None,
                    users: None,
                    faults: std::vec::Vec::from([crate::scenario::Fault::TlsRequired]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "The server greets as usual: the network and the port are fine."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Serwer wita się jak zwykle: sieć i port są w porządku."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2000u32),
                        },
                        crate::scenario::DemoStep {
                            line: "USER tester@outlook.pl".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "-ERR before the password is even asked: this server logs nobody in without TLS."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "-ERR, zanim padnie pytanie o hasło: bez TLS ten serwer nikogo nie zaloguje."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "CAPA".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "CAPA offers STLS but no longer USER: turn encryption on in the account (STARTTLS or SSL)."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "CAPA oferuje STLS, ale już nie USER: włącz szyfrowanie w koncie (STARTTLS albo SSL)."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "QUIT".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                    ]),
                }
            }
            "expired-certificate" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "expired-certificate".to_owned(),
                    title: "The server's certificate has expired".to_owned(),
                    base: Some("seed".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "en".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "The server's certificate has expired".to_owned(),
                                ),
                                symptom: Some(
                                    "Since Monday Outlook shows a security warning about the mail server at every check; after \"No\" nothing arrives, after \"Yes\" mail comes in."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: a security alert (the certificate has expired or is not yet valid); refused, 0x800CCC1A (the secure connection failed); Outlook Express: 0x800CCC02 (invalid certificate date)."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "The server wants TLS, and its certificate's validity has ended. telnet cannot see it: -ERR on USER says only that TLS is required. openssl s_client -connect pop.outlook.pl:995 shows verify error:num=10:certificate has expired and the date it ended. The administrator must renew the certificate; until then, do not teach users to click \"Yes\" (check the computer's date first: a wrong clock looks the same)."
                                        .to_owned(),
                                ),
                            },
                        ),
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some("Certyfikat serwera wygasł".to_owned()),
                                symptom: Some(
                                    "Od poniedziałku Outlook przy każdym sprawdzaniu poczty pokazuje ostrzeżenie o certyfikacie serwera; po „Nie” nic nie przychodzi, po „Tak” poczta dochodzi."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: alert zabezpieczeń (certyfikat wygasł lub nie jest jeszcze ważny); po odmowie 0x800CCC1A (nie udało się nawiązać bezpiecznego połączenia); Outlook Express: 0x800CCC02 (nieprawidłowa data certyfikatu)."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Serwer wymaga TLS, a ważność jego certyfikatu się skończyła. telnet tego nie zobaczy: -ERR na USER mówi tylko, że TLS jest wymagany. openssl s_client -connect pop.outlook.pl:995 pokazuje verify error:num=10:certificate has expired i datę końca ważności. Administrator musi odnowić certyfikat; do tego czasu nie uczmy użytkowników klikać „Tak” (najpierw sprawdź datę w komputerze: zły zegar wygląda tak samo)."
                                        .to_owned(),
                                ),
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from([
                        "0x800CCC1A".to_owned(),
                        "0x800CCC02".to_owned(),
                    ]),
                    source: Some(
                        "The s_client texts were recorded from OpenSSL 3.0.19; the reply to USER is Courier's POP3_TLS_REQUIRED text."
                            .to_owned(),
                    ),
                    profile: None,
                    lock_session: None,
                    hosts: None,
                    users: None,
                    faults: std::vec::Vec::from([
                        crate::scenario::Fault::TlsRequired,
                        crate::scenario::Fault::Certificate {
                            problem: crate::scenario::CertProblem::Expired,
                        },
                    ]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "openssl s_client -connect pop.outlook.pl:995 -crlf"
                                .to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "verify error:num=10, the certificate has expired: that is what Outlook's security alert is about."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "verify error:num=10, certyfikat wygasł: o tym właśnie mówi alert zabezpieczeń Outlooka."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "QUIT".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "The server itself works; only its certificate is out of date, and the administrator must renew it."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Sam serwer działa; nieaktualny jest tylko jego certyfikat, który administrator musi odnowić."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2000u32),
                        },
                    ]),
                }
            }
            "wrong-password" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "wrong-password".to_owned(),
                    title: "The password was changed".to_owned(),
                    base: Some("seed".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "en".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "The password was changed (Dovecot)".to_owned(),
                                ),
                                symptom: Some(
                                    "Outlook keeps asking for the password; the user is sure it is right."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC92, \"Your e-mail server rejected your login\" (the password was refused)."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "The server knows the user but not this password: USER gets +OK, PASS moje_hasło gets -ERR [AUTH] Authentication failed. after a pause. The [AUTH] code says the credentials are wrong, not the server. Someone changed the password (webmail, an administrator); type the current one, and mind Caps Lock and Polish letters."
                                        .to_owned(),
                                ),
                            },
                        ),
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Hasło zostało zmienione (Dovecot)".to_owned(),
                                ),
                                symptom: Some(
                                    "Outlook ciągle pyta o hasło; użytkownik jest pewien, że je zna."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC92, „Serwer poczty odrzucił logowanie” (hasło nie zostało przyjęte)."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Serwer zna użytkownika, ale nie to hasło: USER dostaje +OK, PASS moje_hasło po chwili dostaje -ERR [AUTH] Authentication failed. Kod [AUTH] mówi, że złe są dane logowania, a nie serwer. Ktoś zmienił hasło (poczta przez WWW, administrator); wpisz aktualne i uważaj na Caps Lock i polskie litery."
                                        .to_owned(),
                                ),
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from(["0x800CCC92".to_owned()]),
                    source: None,
                    profile: Some(
                        crate::scenario::ProfileRef::Builtin("dovecot".to_owned()),
                    ),
                    lock_session: None,
                    hosts: None,
                    users: Some(
                        std::vec::Vec::from([
                            crate::scenario::User {
                                name: "tester@outlook.pl".to_owned(),
                                password: crate::secret::Secret::new(
                                    "Nowe-Hasło-2026".to_owned(),
                                ),
                                apop_secret: None,
                                uid_validity: 1173081600u32,
                                path: Some(
                                    "/home/vmail/outlook.pl/tester/Maildir".to_owned(),
                                ),
                                unavailable: false,
                                messages: std::vec::Vec::from([]),
                            },
                        ]),
                    ),
                    faults: std::vec::Vec::from([]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "Dovecot greets: the network, the port and the server are fine."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Dovecot się wita: sieć, port i serwer działają."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2000u32),
                        },
                        crate::scenario::DemoStep {
                            line: "USER tester@outlook.pl".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "+OK to USER says little: Dovecot answers so to any name."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "+OK na USER niewiele znaczy: Dovecot tak odpowiada na każdą nazwę."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "PASS moje_hasło".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "After a pause, -ERR [AUTH]: the password is wrong, not the server. Someone changed it."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Po chwili -ERR [AUTH]: złe jest hasło, a nie serwer. Ktoś je zmienił."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "QUIT".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                    ]),
                }
            }
            "too-many-failures" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "too-many-failures".to_owned(),
                    title: "Locked out after too many failed logins".to_owned(),
                    base: Some("seed".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "en".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Locked out after too many failed logins".to_owned(),
                                ),
                                symptom: Some(
                                    "First Outlook asked for the password; now it cannot connect at all, while a colleague in another office can."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC92 at first, then 0x800CCC0E with socket error 10060."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "After three wrong passwords in a row the server hangs up, and its intrusion prevention (fail2ban, say) then drops every connection from your address: telnet times out as if the server were gone. Wait for the ban to expire or ask the administrator to lift it, and fix the stored password first, or Outlook will earn a new ban."
                                        .to_owned(),
                                ),
                            },
                        ),
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Blokada po zbyt wielu nieudanych logowaniach".to_owned(),
                                ),
                                symptom: Some(
                                    "Najpierw Outlook pytał o hasło; teraz w ogóle nie może się połączyć, choć kolega z innego biura może."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: najpierw 0x800CCC92, potem 0x800CCC0E z błędem gniazda 10060."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Po trzech złych hasłach z rzędu serwer się rozłącza, a jego ochrona przed włamaniami (np. fail2ban) odrzuca potem każde połączenie z twojego adresu: telnet przekracza czas, jakby serwera nie było. Poczekaj, aż blokada wygaśnie, albo poproś administratora o jej zdjęcie, i najpierw popraw zapisane hasło, bo inaczej Outlook zarobi nową blokadę."
                                        .to_owned(),
                                ),
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from([
                        "0x800CCC92".to_owned(),
                        "0x800CCC0E".to_owned(),
                        "10060".to_owned(),
                    ]),
                    source: Some(
                        "Courier and Dovecot keep answering wrong passwords (recorded); the hang-up and the ban are what fail2ban-style tools add in front of them."
                            .to_owned(),
                    ),
                    profile: None,
                    lock_session: None,
                    hosts: None,
                    users: None,
                    faults: std::vec::Vec::from([
                        crate::scenario::Fault::TooManyFailures {
                            after: 3u32,
                            ban: Some(crate::scenario::Ban::TimedOut),
                        },
                    ]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "AUTH PLAIN AHRlc3RlckBvdXRsb29rLnBsAHpsZV9oYXNsbw=="
                                .to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "AUTH PLAIN sends the name and a wrong password in one line (base64): refused."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "AUTH PLAIN wysyła nazwę i złe hasło w jednym wierszu (base64): odmowa."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "AUTH PLAIN AHRlc3RlckBvdXRsb29rLnBsAHpsZV9oYXNsbw=="
                                .to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some("The second failure in a row.".to_owned()),
                                pl: Some("Druga nieudana próba z rzędu.".to_owned()),
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "AUTH PLAIN AHRlc3RlckBvdXRsb29rLnBsAHpsZV9oYXNsbw=="
                                .to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "The third: the server refuses and hangs up.".to_owned(),
                                ),
                                pl: Some(
                                    "Trzecia: serwer odmawia i się rozłącza.".to_owned(),
                                ),
                            },
                            pause: Some(2000u32),
                        },
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "Now your address is banned: telnet waits and times out, as if the server were gone."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Teraz twój adres jest zablokowany: telnet czeka, aż minie limit czasu, jakby serwera nie było."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                    ]),
                }
            }
            "login-delay" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "login-delay".to_owned(),
                    title: "Logging in too often ([LOGIN-DELAY])".to_owned(),
                    base: Some("seed".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "en".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Logging in too often ([LOGIN-DELAY])".to_owned(),
                                ),
                                symptom: Some(
                                    "Outlook, set to check mail every minute, asks for the password now and then."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC92 with the server's reply '-ERR [LOGIN-DELAY] Logins must be at least 15 minutes apart'."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "The password is right: the server allows a login only every 15 minutes, and says so with the [LOGIN-DELAY] code (RFC 2449). Outlook takes every -ERR after PASS for a wrong password. Make Outlook check mail less often (Send/Receive groups), and do not change the password."
                                        .to_owned(),
                                ),
                            },
                        ),
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Zbyt częste logowanie ([LOGIN-DELAY])".to_owned(),
                                ),
                                symptom: Some(
                                    "Outlook sprawdzający pocztę co minutę od czasu do czasu prosi o hasło."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC92 z odpowiedzią serwera '-ERR [LOGIN-DELAY] Logins must be at least 15 minutes apart'."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Hasło jest dobre: serwer pozwala logować się tylko co 15 minut i mówi o tym kodem [LOGIN-DELAY] (RFC 2449). Outlook każde -ERR po PASS uznaje za złe hasło. Ustaw rzadsze sprawdzanie poczty (grupy wysyłania/odbierania) i nie zmieniaj hasła."
                                        .to_owned(),
                                ),
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from(["0x800CCC92".to_owned()]),
                    source: Some(
                        "The reply text is Cyrus IMAP popd's (its popminpoll option); Courier announces LOGIN-DELAY in CAPA, and this scenario enforces one."
                            .to_owned(),
                    ),
                    profile: None,
                    lock_session: None,
                    hosts: None,
                    users: None,
                    faults: std::vec::Vec::from([
                        crate::scenario::Fault::Reply(crate::scenario::ReplyFault {
                            command: "PASS".to_owned(),
                            argument: None,
                            from: None,
                            reply: "-ERR [LOGIN-DELAY] Logins must be at least 15 minutes apart"
                                .to_owned(),
                            close: false,
                        }),
                    ]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "USER tester@outlook.pl".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "PASS moje_hasło".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "-ERR [LOGIN-DELAY]: the password is right, but logins must be 15 minutes apart. Outlook checks too often."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "-ERR [LOGIN-DELAY]: hasło jest dobre, ale logowania muszą dzielić 15 minut. Outlook sprawdza pocztę za często."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "QUIT".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                    ]),
                }
            }
            "mailbox-locked" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "mailbox-locked".to_owned(),
                    title: "The mailbox is locked by another session".to_owned(),
                    base: Some("seed".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "en".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "The mailbox is locked by another session (Dovecot)"
                                        .to_owned(),
                                ),
                                symptom: Some(
                                    "Outlook on the office PC says the password is wrong, but only while the user's phone is fetching mail."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC92 or 0x800CCC90 with the server's reply '-ERR [IN-USE] Mailbox is locked by another POP3 session.'"
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Another POP3 session (the phone, a second Outlook, a stuck connection) holds the mailbox. The password is accepted, but after about ten seconds of waiting for the lock the server answers [IN-USE] and hangs up. Close the other client or let it finish, use IMAP on the phone, or wait for the stuck session to time out."
                                        .to_owned(),
                                ),
                            },
                        ),
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Skrzynka zablokowana przez inną sesję (Dovecot)"
                                        .to_owned(),
                                ),
                                symptom: Some(
                                    "Outlook na komputerze w biurze twierdzi, że hasło jest złe, ale tylko wtedy, gdy telefon użytkownika pobiera pocztę."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC92 albo 0x800CCC90 z odpowiedzią serwera '-ERR [IN-USE] Mailbox is locked by another POP3 session.'"
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Inna sesja POP3 (telefon, drugi Outlook, zawieszone połączenie) trzyma skrzynkę. Hasło jest przyjęte, ale po około dziesięciu sekundach czekania na blokadę serwer odpowiada [IN-USE] i się rozłącza. Zamknij drugi program albo pozwól mu skończyć, użyj IMAP w telefonie albo poczekaj, aż zawieszona sesja wygaśnie."
                                        .to_owned(),
                                ),
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from([
                        "0x800CCC92".to_owned(),
                        "0x800CCC90".to_owned(),
                    ]),
                    source: Some(
                        "The [IN-USE] text and the wait for the lock are Dovecot's with pop3_lock_session = yes (recorded)."
                            .to_owned(),
                    ),
                    profile: Some(
                        crate::scenario::ProfileRef::Builtin("dovecot".to_owned()),
                    ),
                    lock_session: Some(true),
                    hosts: None,
                    users: None,
                    faults: std::vec::Vec::from([
                        crate::scenario::Fault::MailboxLocked {
                            user: None,
                        },
                    ]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "USER tester@outlook.pl".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "PASS moje_hasło".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "A long wait, then -ERR [IN-USE] and a hang-up: another session holds the mailbox."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Długie czekanie, potem -ERR [IN-USE] i rozłączenie: skrzynkę trzyma inna sesja."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                    ]),
                }
            }
            "server-busy" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "server-busy".to_owned(),
                    title: "The server has a temporary problem ([SYS/TEMP])".to_owned(),
                    base: Some("seed".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "en".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "The server has a temporary problem ([SYS/TEMP], Dovecot)"
                                        .to_owned(),
                                ),
                                symptom: Some(
                                    "Everybody in the company gets the same error since this morning; webmail is slow or down too."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC90 with the server's reply '-ERR [SYS/TEMP] Internal error occurred. Refer to server log for more information. […]', or 0x800CCC0F."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "The login succeeds, but the server cannot open the mailbox (a full disk, a broken storage mount, wrong permissions) and says so with [SYS/TEMP]: a temporary problem on the server, not the user's. Nothing on the computer fixes it: tell the server's administrator, with the time from the reply; they will find the reason in the server's log."
                                        .to_owned(),
                                ),
                            },
                        ),
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Chwilowy problem serwera ([SYS/TEMP], Dovecot)".to_owned(),
                                ),
                                symptom: Some(
                                    "Od rana wszyscy w firmie dostają ten sam błąd; poczta przez WWW też działa wolno albo wcale."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC90 z odpowiedzią serwera '-ERR [SYS/TEMP] Internal error occurred. Refer to server log for more information. […]' albo 0x800CCC0F."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Logowanie się udaje, ale serwer nie może otworzyć skrzynki (pełny dysk, odłączony magazyn, złe uprawnienia) i mówi o tym kodem [SYS/TEMP]: to chwilowy problem serwera, nie użytkownika. Nic na komputerze tego nie naprawi: zgłoś to administratorowi serwera z godziną z odpowiedzi; przyczynę znajdzie w logu serwera."
                                        .to_owned(),
                                ),
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from([
                        "0x800CCC90".to_owned(),
                        "0x800CCC0F".to_owned(),
                    ]),
                    source: Some(
                        "Dovecot's reply to a login whose mailbox cannot be opened (recorded)."
                            .to_owned(),
                    ),
                    profile: Some(
                        crate::scenario::ProfileRef::Builtin("dovecot".to_owned()),
                    ),
                    lock_session: None,
                    hosts: None,
                    users: Some(
                        std::vec::Vec::from([
                            crate::scenario::User {
                                name: "tester@outlook.pl".to_owned(),
                                password: crate::secret::Secret::new(
                                    "moje_hasło".to_owned(),
                                ),
                                apop_secret: None,
                                uid_validity: 1173081600u32,
                                path: Some(
                                    "/home/vmail/outlook.pl/tester/Maildir".to_owned(),
                                ),
                                unavailable: true,
                                messages: std::vec::Vec::from([]),
                            },
                        ]),
                    ),
                    faults: std::vec::Vec::from([]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "USER tester@outlook.pl".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "PASS moje_hasło".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "-ERR [SYS/TEMP]: the login is fine, but the server cannot open the mailbox. Tell its administrator."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "-ERR [SYS/TEMP]: logowanie jest w porządku, ale serwer nie może otworzyć skrzynki. Zgłoś to administratorowi."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                    ]),
                }
            }
            "drop-during-retr" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "drop-during-retr".to_owned(),
                    title: "The connection drops while a message downloads".to_owned(),
                    base: Some("seed".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "en".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "The connection drops while a message downloads".to_owned(),
                                ),
                                symptom: Some(
                                    "Small messages arrive; the one with the large attachment never does, and Outlook tries it again at every check."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC0F, \"The connection to the server was interrupted\"."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Logging in, STAT and LIST work, and RETR 1 too; RETR 2 starts (+OK 52581 octets follow.) but the connection breaks after about 20 000 octets, before the final dot. Something on the way gives up on long transfers: an antivirus program scanning the attachment, a router or VPN with a broken MTU. Test from another network, turn the mail scanning off for a test, or ask the sender to share the file another way."
                                        .to_owned(),
                                ),
                            },
                        ),
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some(
                                    "Połączenie zrywa się w trakcie pobierania wiadomości"
                                        .to_owned(),
                                ),
                                symptom: Some(
                                    "Małe wiadomości przychodzą; ta z dużym załącznikiem nigdy, a Outlook próbuje ją pobrać przy każdym sprawdzaniu."
                                        .to_owned(),
                                ),
                                client_error: Some(
                                    "Outlook: 0x800CCC0F, „Połączenie z serwerem zostało przerwane”."
                                        .to_owned(),
                                ),
                                diagnosis: Some(
                                    "Logowanie, STAT i LIST działają, RETR 1 też; RETR 2 się zaczyna (+OK 52581 octets follow.), ale połączenie zrywa się po około 20 000 oktetów, przed końcową kropką. Coś po drodze nie wytrzymuje długich transmisji: antywirus skanujący załącznik, router albo VPN z błędnym MTU. Sprawdź z innej sieci, na próbę wyłącz skanowanie poczty albo poproś nadawcę o przesłanie pliku inaczej."
                                        .to_owned(),
                                ),
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from(["0x800CCC0F".to_owned()]),
                    source: None,
                    profile: None,
                    lock_session: None,
                    hosts: None,
                    users: None,
                    faults: std::vec::Vec::from([
                        crate::scenario::Fault::Drop {
                            after_octets: 20000u64,
                            command: Some("RETR".to_owned()),
                        },
                    ]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop.outlook.pl 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "USER tester@outlook.pl".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "PASS moje_hasło".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "Logged in: the server and the password are fine."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Zalogowano: serwer i hasło są w porządku.".to_owned(),
                                ),
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "RETR 2".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "The big message starts (+OK 52581 octets follow.), then the connection breaks before the final dot."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Duża wiadomość zaczyna płynąć (+OK 52581 octets follow.), ale połączenie zrywa się przed końcową kropką."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2500u32),
                        },
                    ]),
                }
            }
            "dovecot-reference" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "dovecot-reference".to_owned(),
                    title: "Reference maildrop (Dovecot)".to_owned(),
                    base: Some("dovecot-reference".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some("Skrzynka wzorcowa (Dovecot)".to_owned()),
                                symptom: None,
                                client_error: None,
                                diagnosis: None,
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from([]),
                    source: None,
                    profile: None,
                    lock_session: None,
                    hosts: None,
                    users: None,
                    faults: std::vec::Vec::from([]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop3ref.example 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "The server greets in the words of the real server it was recorded from."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Serwer wita się słowami prawdziwego serwera, z którego go nagrano."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2000u32),
                        },
                        crate::scenario::DemoStep {
                            line: "USER tester@example.com".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "PASS secret".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some("Logged in.".to_owned()),
                                pl: Some("Zalogowano.".to_owned()),
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "STAT".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "3 messages, 50 787 octets in all: the maildrop the reference transcripts were recorded against."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "3 wiadomości, razem 50 787 oktetów: skrzynka, na której nagrano transkrypcje wzorcowe."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2000u32),
                        },
                        crate::scenario::DemoStep {
                            line: "QUIT".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                    ]),
                }
            }
            "courier-reference" => {
                crate::scenario::file::ScenarioFile {
                    version: 1u32,
                    id: "courier-reference".to_owned(),
                    title: "Reference maildrop (Courier)".to_owned(),
                    base: Some("courier-reference".to_owned()),
                    about: std::collections::BTreeMap::from([
                        (
                            "pl".to_owned(),
                            crate::scenario::About {
                                title: Some("Skrzynka wzorcowa (Courier)".to_owned()),
                                symptom: None,
                                client_error: None,
                                diagnosis: None,
                            },
                        ),
                    ]),
                    errors: std::vec::Vec::from([]),
                    source: None,
                    profile: None,
                    lock_session: None,
                    hosts: None,
                    users: None,
                    faults: std::vec::Vec::from([]),
                    demo: std::vec::Vec::from([
                        crate::scenario::DemoStep {
                            line: "telnet pop3ref.example 110".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "The server greets in the words of the real server it was recorded from."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "Serwer wita się słowami prawdziwego serwera, z którego go nagrano."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2000u32),
                        },
                        crate::scenario::DemoStep {
                            line: "USER tester@example.com".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "PASS secret".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some("Logged in.".to_owned()),
                                pl: Some("Zalogowano.".to_owned()),
                            },
                            pause: Some(1500u32),
                        },
                        crate::scenario::DemoStep {
                            line: "STAT".to_owned(),
                            caption: crate::scenario::Caption {
                                en: Some(
                                    "3 messages, 50 787 octets in all: the maildrop the reference transcripts were recorded against."
                                        .to_owned(),
                                ),
                                pl: Some(
                                    "3 wiadomości, razem 50 787 oktetów: skrzynka, na której nagrano transkrypcje wzorcowe."
                                        .to_owned(),
                                ),
                            },
                            pause: Some(2000u32),
                        },
                        crate::scenario::DemoStep {
                            line: "QUIT".to_owned(),
                            caption: crate::scenario::Caption {
                                en: None,
                                pl: None,
                            },
                            pause: Some(1500u32),
                        },
                    ]),
                }
            }
            _ => return None,
        },
    )
}
