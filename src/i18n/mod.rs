//! Every string the app shows, in English and Polish, in one place.
//!
//! Fixed strings are [`Key`]s (the lesson panel's are [`lesson::LessonKey`], made the same way): the table below
//! gives each key both texts side by side, so a key cannot exist in
//! one language only, and a test checks that no Polish text was left equal to the English one (apart from a
//! short list of words that are the same in both). Strings with values in them are functions in this module
//! and its children ([`explain`] for the core's explanations, [`notes`] for the tutor's remarks in the log).
//! What the emulated programs print is not UI text (it follows the client style, not the page's language: a
//! Polish Windows prints Polish on an English page), so it lives beside each emulation in
//! [`crate::console::telnet`], [`crate::console::openssl`] and [`crate::console::command`].
//!
//! One convention everywhere: a function that words something takes what it words first and the language
//! last, `(value, lang)`, like [`Key::text`].

pub mod decoder;
pub mod explain;
pub mod lesson;
pub mod notes;
pub mod scenario_error;

/// A UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Polish.
    Pl,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Pl];

    /// The BCP 47 tag for the page's `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Pl => "pl",
        }
    }

    /// A language from a tag such as `pl`, `pl-PL` or `en-GB`; `None` for other languages.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("").trim().to_ascii_lowercase();
        match primary.as_str() {
            "pl" => Some(Lang::Pl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A table of fixed strings: `keys! { Enum; Name => "English", "Polish"; … }` makes the enum and its `text`.
/// The tutor's strings are [`Key`]; the lesson panel's, which only the lessons' module uses, are
/// [`lesson::LessonKey`], so that the tutor's first load does not carry them.
macro_rules! keys {
    ($enum:ident; $($(#[$doc:meta])* $name:ident => $en:expr, $pl:expr;)*) => {
        /// A fixed UI string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $enum {
            $($(#[$doc])* $name,)*
        }

        impl $enum {
            /// Every key.
            pub const ALL: &'static [$enum] = &[$($enum::$name,)*];

            /// The text in a language.
            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $($enum::$name => match lang { Lang::En => $en, Lang::Pl => $pl },)*
                }
            }
        }
    };
}
pub(crate) use keys;

keys! { Key;
    AppTitle => "POP3 tutor", "Samouczek POP3";
    AppTagline => "Talk to a simulated mail server the way the help desk taught: telnet, USER, PASS, STAT, QUIT.",
        "Porozmawiaj z symulowanym serwerem poczty tak jak w poradniku: telnet, USER, PASS, STAT, QUIT.";
    SkipToConsole => "Skip to the command line", "Przejdź do wiersza poleceń";
    BridgeUse => "Use this bridge", "Użyj tego mostu";
    BridgeDontUse => "Don't use it", "Nie używaj go";
    BridgeDeclined => "The link's bridge is not used: nothing was sent to it, and the simulator answers instead.",
        "Most z odnośnika nie jest używany: nic do niego nie wysłano, a odpowiada symulator.";
    EmbedControls => "Demo controls", "Sterowanie pokazem";
    EmbedPlay => "Play", "Odtwórz";
    EmbedPause => "Pause", "Wstrzymaj";
    EmbedNext => "Next step", "Następny krok";
    EmbedRestart => "Restart", "Od początku";
    EmbedTry => "Try it yourself", "Spróbuj sam";
    EmbedOpenTutor => "Open in the POP3 tutor", "Otwórz w samouczku POP3";
    EmbedKeys => "Space plays or pauses, → plays the next step. Tab moves on.",
        "Spacja odtwarza lub wstrzymuje, → odtwarza następny krok. Tab przechodzi dalej.";
    EmbedLiveHint => "Your turn: type a command and press Enter. Esc, then Tab leaves the console.",
        "Twoja kolej: wpisz polecenie i naciśnij Enter. Esc, potem Tab opuszcza konsolę.";
    EmbedNoDemo => "This scenario has no demo: try it yourself.", "Ten scenariusz nie ma pokazu: spróbuj sam.";
    ConsoleHeading => "Console", "Konsola";
    CommandLabelShell => "Command", "Polecenie";
    CommandLabelConnected => "Command to the POP3 server", "Polecenie dla serwera POP3";
    CommandPlaceholderShell => "e.g. telnet pop.outlook.pl 110", "np. telnet pop.outlook.pl 110";
    CommandPlaceholderConnected => "type a POP3 command and press Enter", "wpisz polecenie POP3 i naciśnij Enter";
    LogLabel => "Console output", "Wyjście konsoli";
    Send => "Send", "Wyślij";
    CopyTranscript => "Copy transcript", "Kopiuj zapis";
    Copied => "Transcript copied to the clipboard.", "Zapis skopiowano do schowka.";
    CopyFailed => "Could not copy: select the text in the console and copy it by hand.",
        "Nie udało się skopiować: zaznacz tekst w konsoli i skopiuj go ręcznie.";
    ClearLog => "Clear (Ctrl+L)", "Wyczyść (Ctrl+L)";
    Hangup => "Disconnect (Ctrl+])", "Rozłącz (Ctrl+])";
    SkipWait => "Skip the wait (Esc)", "Pomiń czekanie (Esc)";
    TryLabel => "Try:", "Spróbuj:";
    SuggestionsLabel => "Suggested commands (a click puts one in the command line)",
        "Podpowiedzi (kliknięcie wstawia polecenie do wiersza poleceń)";
    NotConnected => "Not connected", "Brak połączenia";
    WaitServer => "The server is silent on purpose", "Serwer celowo milczy";
    WaitConnect => "Trying to connect", "Próba połączenia";
    InspectorHeading => "Inspector", "Inspektor";
    MaildropHeading => "Maildrop", "Skrzynka pocztowa";
    MaildropCommitted => "as stored on the server", "tak jak zapisana na serwerze";
    MaildropSession => "as this session sees it (deletions are only marks until QUIT)",
        "tak jak widzi ją ta sesja (usunięcia to tylko znaczniki aż do QUIT)";
    ColNumber => "No.", "Nr";
    ColOctets => "Octets", "Oktety";
    ColUidl => "UIDL", "UIDL";
    ColSubject => "Subject", "Temat";
    ColMark => "Mark", "Znacznik";
    MarkDeleted => "deleted", "usunięta";
    MarkExpunged => "gone", "zniknęła";
    NoMessages => "No messages.", "Brak wiadomości.";
    StateHeading => "Session state", "Stan sesji";
    StateNone => "No session yet: connect with telnet first.", "Brak sesji: najpierw połącz się przez telnet.";
    StateLast => "The connection is closed; this was its last state.",
        "Połączenie jest zamknięte; to był jego ostatni stan.";
    StateClosedWithoutUpdate => "The session ended without the UPDATE state: nothing was changed.",
        "Sesja skończyła się bez stanu UPDATE: nic nie zostało zmienione.";
    AllowedCommands => "Commands allowed now", "Polecenia dozwolone teraz";
    NoCommandsAllowed => "none: the session has ended", "żadne: sesja się zakończyła";
    StateAuthorizationHint => "logging in", "logowanie";
    StateTransactionHint => "reading and marking mail", "czytanie i oznaczanie poczty";
    StateUpdateHint => "deletions carried out, goodbye", "wykonanie usunięć, pożegnanie";
    CurrentState => "current state", "bieżący stan";
    ExplainHeading => "Explanation", "Objaśnienie";
    ExplainEmpty => "Select a server reply to see what it means.", "Wybierz odpowiedź serwera, aby zobaczyć, co oznacza.";
    ExplainLatest => "the latest reply", "ostatnia odpowiedź";
    ExplainChosen => "the reply you selected", "wybrana odpowiedź";
    ExplainFollowLatest => "Back to the latest reply", "Wróć do ostatniej odpowiedzi";
    LabelReply => "Reply", "Odpowiedź";
    LabelCommand => "Command", "Polecenie";
    LabelState => "State", "Stan";
    LabelStatus => "Status", "Wynik";
    LabelMeaning => "Meaning", "Znaczenie";
    LabelNumbers => "Numbers in the reply", "Liczby w odpowiedzi";
    LabelRfc => "Where the RFC says so", "Gdzie mówi o tym RFC";
    LabelCause => "Likely cause", "Prawdopodobna przyczyna";
    LabelNext => "Try next", "Co dalej";
    LabelCode => "Response code", "Kod odpowiedzi";
    LabelClient => "Client message", "Komunikat klienta";
    NoCommandGreeting => "none: the server speaks first", "brak: serwer odzywa się pierwszy";
    NoCommandOwn => "none: the server said this on its own", "brak: serwer powiedział to sam z siebie";
    StatusOk => "+OK: the command succeeded", "+OK: polecenie się udało";
    StatusErr => "-ERR: the command failed", "-ERR: polecenie się nie udało";
    StatusContinuation => "+ : the server waits for more SASL data", "+ : serwer czeka na dalsze dane SASL";
    StatusOther => "not a POP3 status indicator", "to nie jest wskaźnik statusu POP3";
    EndingLf => "Your line ended with a bare LF instead of CRLF, which RFC 1939 asks for; this server let it pass.",
        "Twój wiersz kończył się samym LF zamiast CRLF, którego wymaga RFC 1939; ten serwer to przepuścił.";
    Truncated => "Your line was longer than the server reads: it kept only the beginning.",
        "Twój wiersz był dłuższy, niż serwer czyta: wziął tylko jego początek.";
    SettingsHeading => "Settings", "Ustawienia";
    SettingLanguage => "Language", "Język";
    SettingTheme => "Theme", "Motyw";
    ThemeClassic => "Classic terminal (green on black)", "Klasyczny terminal (zielony na czarnym)";
    ThemeLight => "Light", "Jasny";
    ThemeContrast => "High contrast", "Wysoki kontrast";
    SettingClient => "Client style", "Styl klienta";
    ClientAuto => "Windows, in the page's language", "Windows, w języku strony";
    ClientWindowsEn => "Windows telnet (English)", "Windows telnet (angielski)";
    ClientWindowsPl => "Windows telnet (Polish)", "Windows telnet (polski)";
    ClientUnix => "Linux / macOS telnet", "telnet w Linuksie / macOS";
    SettingProfile => "Server profile", "Profil serwera";
    ScenarioLabel => "Scenario", "Scenariusz";
    OpenScenario => "Open a scenario file (JSON)", "Otwórz plik scenariusza (JSON)";
    HostsLabel => "Hosts that reach the server", "Nazwy hostów, pod którymi działa serwer";
    SettingsSaved => "Settings are remembered in this browser.", "Ustawienia są zapamiętywane w tej przeglądarce.";
    CorruptSettings => "Saved settings could not be read, so the defaults are used.",
        "Nie udało się odczytać zapisanych ustawień, więc użyto domyślnych.";
    Dismiss => "Dismiss", "Zamknij";
    NoticesLabel => "Messages", "Komunikaty";
    ShortcutsHeading => "Keyboard shortcuts", "Skróty klawiszowe";
    ShortcutEnter => "Enter: send the line", "Enter: wyślij wiersz";
    ShortcutHistory => "↑ / ↓: earlier and later lines you typed", "↑ / ↓: wcześniejsze i późniejsze wpisane wiersze";
    ShortcutExplain => "Alt+↑ / Alt+↓: explain the previous or next reply (also ↑ / ↓ on a reply in the log)",
        "Alt+↑ / Alt+↓: objaśnij poprzednią lub następną odpowiedź (także ↑ / ↓ na odpowiedzi w konsoli)";
    ShortcutClear => "Ctrl+L: clear the console", "Ctrl+L: wyczyść konsolę";
    ShortcutEscape => "Esc: skip a simulated wait", "Esc: pomiń symulowane czekanie";
    ShortcutHangup => "Ctrl+]: disconnect, as telnet's escape character does",
        "Ctrl+]: rozłącz, jak znak ucieczki telnetu";
    ShortcutPaste => "Pasting several lines sends them in one go (pipelining)",
        "Wklejenie kilku wierszy wysyła je naraz (pipelining)";
    Footer => "Everything is simulated in your browser: no mail server is contacted.",
        "Wszystko jest symulowane w przeglądarce: żaden serwer poczty nie jest kontaktowany.";
    // The offline copy
    OfflineReady => "Available offline", "Dostępne offline";
    UpdateWaiting => "A new version is available.", "Dostępna jest nowa wersja.";
    UpdateReload => "Reload", "Wczytaj ponownie";
    // Error decoder
    DecoderHeading => "Error decoder", "Dekoder błędów";
    DecoderIntro => "Paste an error from Outlook, Outlook Express or Windows Mail (the whole message or just its code), or pick a common one.",
        "Wklej błąd z programu Outlook, Outlook Express lub Poczta systemu Windows (cały komunikat albo sam kod) albo wybierz jeden z częstych.";
    DecoderInputLabel => "Error message or code", "Komunikat błędu lub kod";
    DecoderPickLabel => "Common error codes", "Częste kody błędów";
    DecoderPickNone => "Choose a code…", "Wybierz kod…";
    DecoderPickOutlook => "Outlook, Outlook Express, Windows Mail", "Outlook, Outlook Express, Poczta systemu Windows";
    DecoderPickSockets => "Windows Sockets (socket errors)", "Windows Sockets (błędy gniazd)";
    DecoderEmpty => "Paste an error above or pick a code to see what it means.",
        "Wklej błąd powyżej albo wybierz kod, aby zobaczyć, co oznacza.";
    DecoderNothing => "No Outlook or Windows Sockets error code was found in this text.",
        "W tym tekście nie znaleziono kodu błędu programu Outlook ani Windows Sockets.";
    DecoderResponse => "The server (or something between Outlook and the server) answered:",
        "Serwer (albo coś między Outlookiem a serwerem) odpowiedział:";
    DecoderInResponse => "Quoted inside that answer: whatever sent the answer met this error, not Outlook.",
        "Zacytowany w tej odpowiedzi: ten błąd napotkał nadawca odpowiedzi, a nie Outlook.";
    DecoderCauses => "Likely causes", "Prawdopodobne przyczyny";
    DecoderChecks => "What to check", "Co sprawdzić";
    DecoderSource => "Source of the number", "Źródło numeru";
    DecoderSettings => "Account settings in the message", "Ustawienia konta z komunikatu";
    DecoderServerName => "Incoming server", "Serwer poczty przychodzącej";
    DecoderPortLabel => "Port number", "Numer portu";
    DecoderSslLabel => "Encrypted connection (SSL)", "Połączenie szyfrowane (SSL)";
    DecoderYes => "yes", "tak";
    DecoderNo => "no", "nie";
    DecoderTogether => "How it fits together", "Jak to się łączy";
    DecoderScenarios => "See it in the simulator", "Zobacz to w symulatorze";
    DecoderNoScenario => "None of the built-in scenarios shows these errors.",
        "Żaden z wbudowanych scenariuszy nie pokazuje tych błędów.";
    DecoderMoreCodes => "More codes were found than are listed here.", "Znaleziono więcej kodów, niż tu wymieniono.";
    // Scenario panel: picker, description, sharing
    ScenarioHeading => "Scenario", "Scenariusz";
    ScenarioPick => "Open a scenario", "Otwórz scenariusz";
    ScenarioGroupLibrary => "Troubleshooting", "Diagnozowanie usterek";
    ScenarioGroupReference => "Recorded servers", "Nagrane serwery";
    ScenarioYours => "Your scenario", "Twój scenariusz";
    AboutSymptom => "What the user reports", "Co zgłasza użytkownik";
    AboutClientError => "What the mail client shows", "Co pokazuje program pocztowy";
    AboutDiagnosis => "Diagnosis", "Diagnoza";
    AboutShowDiagnosis => "Show the diagnosis", "Pokaż diagnozę";
    AboutSource => "Where the texts come from", "Skąd pochodzą teksty";
    ShareHeading => "Share", "Udostępnij";
    ShareLink => "Link to this scenario", "Link do tego scenariusza";
    ShareAsChallenge => "As a challenge: the learner has to find the fault",
        "Jako wyzwanie: uczący się ma znaleźć usterkę";
    CopyLink => "Copy link", "Kopiuj link";
    ShareTooLarge => "Too large for a link: download it as a JSON file instead.",
        "Za duży na link: pobierz go jako plik JSON.";
    LinkCopied => "Link copied to the clipboard.", "Link skopiowano do schowka.";
    DownloadJson => "Download as a JSON file", "Pobierz jako plik JSON";
    // Scenario editor
    EditorHeading => "Edit this scenario", "Edytuj ten scenariusz";
    EditorIntro => "Change the form or the JSON below, then apply. A scenario built on a base (\"base\": \"seed\") keeps the base's server, hosts and mailboxes unless it says otherwise.",
        "Zmień formularz albo poniższy JSON, potem zastosuj. Scenariusz zbudowany na bazie (\"base\": \"seed\") zachowuje serwer, hosty i skrzynki bazy, chyba że podaje własne.";
    EditorTitle => "Title", "Tytuł";
    EditorFaults => "Faults", "Usterki";
    EditorNoFaults => "No injected faults.", "Brak wstrzykniętych usterek.";
    EditorAddFault => "Add a fault", "Dodaj usterkę";
    EditorAddFaultNone => "Choose a fault…", "Wybierz usterkę…";
    EditorRemove => "Remove", "Usuń";
    EditorJson => "The scenario as JSON (the file format)", "Scenariusz jako JSON (format pliku)";
    EditorApply => "Apply", "Zastosuj";
    EditorDraftRestored => "Your unapplied changes from before are back.", "Wróciły Twoje niezastosowane wcześniej zmiany.";
    EditorDiscardDraft => "Discard them", "Odrzuć je";
    EditorValid => "Valid: apply to open it in the console.", "Poprawny: zastosuj, aby otworzyć go w konsoli.";
    EditorFormDisabled => "The form follows the JSON again once the JSON is valid.",
        "Formularz znów pokaże JSON, gdy JSON będzie poprawny.";
    // Scenario editor: the demo
    EditorDemo => "Demo", "Pokaz";
    EditorDemoIntro => "The steps the embed plays in a help article: each line is typed at the console, then its caption is shown under the reply (a step without a caption gets the reply's explanation).",
        "Kroki, które osadzenie odtwarza w artykule pomocy: każdy wiersz jest wpisywany w konsoli, a pod odpowiedzią pojawia się jego podpis (krok bez podpisu dostaje objaśnienie odpowiedzi).";
    EditorDemoNone => "No demo steps yet.", "Brak kroków pokazu.";
    EditorDemoStep => "Step", "Krok";
    EditorDemoLine => "Line typed", "Wpisywany wiersz";
    EditorDemoCaptionEn => "Caption in English", "Podpis po angielsku";
    EditorDemoCaptionPl => "Caption in Polish", "Podpis po polsku";
    EditorDemoPause => "Pause after it (ms, empty: the player's own)", "Przerwa po nim (ms, puste: domyślna)";
    EditorDemoRemove => "Remove step", "Usuń krok";
    EditorDemoAdd => "Add a step", "Dodaj krok";
    EditorDemoRecord => "Record from the console", "Nagraj z konsoli";
    EditorDemoRecordHint => "Recording adds, as steps, the lines typed in the console since the last recording (the first time: all of its log).",
        "Nagrywanie dodaje jako kroki wiersze wpisane w konsoli od ostatniego nagrania (za pierwszym razem: cały jej zapis).";
    EditorDemoNothing => "Nothing new was typed in the console since the last recording.",
        "Od ostatniego nagrania nic nowego nie wpisano w konsoli.";
    // Scenario panel: embedding in an article
    EmbedSnippetHeading => "Embed this in an article", "Osadź w artykule";
    EmbedSnippetIntro => "Put this session in a help article: paste one of the snippets into the article's HTML. A built-in scenario is named by its id; any other travels whole in the address.",
        "Wstaw tę sesję do artykułu pomocy: wklej jeden z fragmentów do kodu HTML artykułu. Wbudowany scenariusz jest wskazany identyfikatorem, każdy inny jest zapisany w całości w adresie.";
    EmbedSnippetLang => "Widget language", "Wersja językowa widżetu";
    EmbedSnippetTheme => "Widget look", "Wygląd widżetu";
    EmbedSnippetThemeClassic => "Classic (green on black)", "Klasyczny (zielony na czarnym)";
    EmbedSnippetThemeLight => "Light", "Jasny";
    EmbedSnippetThemeDark => "Dark", "Ciemny";
    EmbedSnippetThemeAuto => "Automatic (as the reader's system prefers)", "Automatyczny (jak woli system czytelnika)";
    EmbedSnippetAutoplay => "Play by itself when it comes into view", "Odtwarzaj samoczynnie, gdy pojawi się na ekranie";
    EmbedSnippetIframe => "HTML with a plain iframe (for sites that strip scripts)",
        "HTML ze zwykłym iframe (dla stron, które usuwają skrypty)";
    EmbedSnippetScript => "HTML with embed.js (the frame takes the widget's height)",
        "HTML z embed.js (ramka dopasowuje się do wysokości widżetu)";
    EmbedSnippetCopyIframe => "Copy the iframe code", "Kopiuj kod z iframe";
    EmbedSnippetCopyScript => "Copy the embed.js code", "Kopiuj kod z embed.js";
    EmbedSnippetCopied => "Copied to the clipboard.", "Skopiowano do schowka.";
    EmbedSnippetCopyFailed => "Could not copy: select the code in the box and copy it by hand (Ctrl+C).",
        "Nie udało się skopiować: zaznacz kod w polu i skopiuj go ręcznie (Ctrl+C).";
    EmbedSnippetNoDemo => "This scenario has no demo: the embed opens with “Try it yourself” only. Add demo steps in “Edit this scenario” below (Demo), then apply.",
        "Ten scenariusz nie ma pokazu: osadzenie otworzy się od razu z przyciskiem „Spróbuj sam”. Dodaj kroki pokazu w sekcji „Edytuj ten scenariusz” poniżej (Pokaz), potem zastosuj.";
    EmbedSnippetTooLarge => "This scenario is too large to travel in an address, so it cannot be embedded. Build it on a base (\"base\": \"seed\") to keep it small.",
        "Ten scenariusz jest za duży, by zmieścić się w adresie, więc nie można go osadzić. Zbuduj go na bazie (\"base\": \"seed\"), aby był mały.";
    EmbedSnippetPreview => "Preview", "Podgląd";
    ScenarioApplied => "The edited scenario is open; the address now holds it, ready to share.",
        "Zmieniony scenariusz jest otwarty; adres strony go zawiera i można go udostępnić.";
    FaultReply => "a scripted reply to a command", "ustalona odpowiedź na polecenie";
    FaultTlsRequired => "plaintext login refused until STLS", "logowanie jawnym hasłem odrzucane do czasu STLS";
    FaultMailboxLocked => "the mailbox locked by another session", "skrzynka zablokowana przez inną sesję";
    FaultTooManyFailures => "hang up (and ban) after failed logins", "rozłączenie (i blokada) po nieudanych logowaniach";
    FaultAutologout => "hang up after a short silence", "rozłączenie po krótkiej ciszy";
    FaultLatency => "a slow server: every reply late", "wolny serwer: każda odpowiedź spóźniona";
    FaultDrop => "the connection drops part-way through a reply", "połączenie zrywa się w trakcie odpowiedzi";
    FaultNameNotFound => "the host name does not resolve", "nazwa hosta się nie rozwiązuje";
    FaultRefused => "connections refused", "połączenia odrzucane";
    FaultTimedOut => "connections time out", "połączenia przekraczają limit czasu";
    FaultIntercepted => "a firewall or antivirus accepts and closes", "zapora lub antywirus przyjmuje i zamyka połączenie";
    // Challenge mode
    ChallengeHeading => "Challenge: what is wrong?", "Wyzwanie: co jest nie tak?";
    ChallengeIntro => "A user reports the problem below. Investigate in the console (telnet, USER, PASS, STAT…), then choose your diagnosis.",
        "Użytkownik zgłasza poniższy problem. Zbadaj go w konsoli (telnet, USER, PASS, STAT…), potem wybierz diagnozę.";
    ChallengeLegend => "Your diagnosis", "Twoja diagnoza";
    ChallengeNothingWrong => "Nothing is wrong: the server and the network work", "Nic nie jest zepsute: serwer i sieć działają";
    ChallengeCheck => "Check my diagnosis", "Sprawdź diagnozę";
    ChallengeChooseFirst => "Choose a diagnosis first.", "Najpierw wybierz diagnozę.";
    ChallengeRight => "Right! That is the fault. Reveal the answer to compare your session with the explanation.",
        "Dobrze! To jest ta usterka. Pokaż rozwiązanie, aby porównać swoją sesję z objaśnieniem.";
    ChallengeWrong => "Not this one. Look at the console again: where does the dialogue stop, and who says what?",
        "To nie to. Spójrz jeszcze raz na konsolę: gdzie kończy się rozmowa i kto co mówi?";
    ChallengeReveal => "Reveal the answer", "Pokaż rozwiązanie";
    ChallengeAnswer => "The fault", "Usterka";
    ChallengeTranscript => "Your session, with each reply explained", "Twoja sesja z objaśnieniem każdej odpowiedzi";
    ChallengeNoSession => "(You have not connected yet.)", "(Jeszcze się nie połączyłeś.)";
    ChallengeFaults => "The scenario's faults, as written in its file", "Usterki scenariusza, tak jak zapisano je w pliku";
    ChallengeOpened => "A challenge is open: find out what is wrong, then give your diagnosis in the Scenario panel.",
        "Otwarto wyzwanie: ustal, co jest nie tak, potem podaj diagnozę w panelu Scenariusz.";
    // Lessons
    LessonsHeading => "Lessons", "Lekcje";
    LessonsIntro => "New to POP3? Guided lessons take you from telnet to troubleshooting, step by step.",
        "Pierwszy raz z POP3? Lekcje z przewodnikiem prowadzą krok po kroku od telnetu do diagnozowania usterek.";
    LessonsShow => "Show the lessons", "Pokaż lekcje";
    LessonsLoading => "Loading…", "Wczytywanie…";
    LessonsUnavailable => "The lessons could not be loaded. Check the connection and try again.",
        "Nie udało się wczytać lekcji. Sprawdź połączenie i spróbuj ponownie.";
    LangNameEn => "English", "English";
    LangNamePl => "Polski", "Polski";
}

/// Keys whose Polish text is rightly the same as the English one.
pub const SAME_IN_BOTH: &[Key] = &[Key::ColUidl, Key::LangNameEn, Key::LangNamePl];

/// For tests of texts built from values: `en` and `pl` are both there and differ (`what` names the text).
#[cfg(test)]
pub fn assert_translated(en: &str, pl: &str, what: &str) {
    assert!(!en.trim().is_empty() && !pl.trim().is_empty(), "{what}");
    assert_ne!(en, pl, "{what} is not translated");
}

/// Formats an integer the way the language groups digits: `53,235` in English, `53 235` (no-break space) in
/// Polish.
pub fn number(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::En => ",",
        Lang::Pl => "\u{a0}",
    };
    // Polish leaves four-digit numbers ungrouped.
    if lang == Lang::Pl && digits.len() <= 4 {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// Picks the Polish plural form: `one` (1), `few` (2–4, 22–24, …) or `many` (0, 5–21, 25–31, …).
pub fn plural_pl<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let (d, dd) = (n % 10, n % 100);
    if n == 1 {
        one
    } else if (2..=4).contains(&d) && !(12..=14).contains(&dd) {
        few
    } else {
        many
    }
}

/// `n` and a noun in the right form: `2 messages`, `2 wiadomości`, `53 235 oktetów`.
pub fn count(n: u64, lang: Lang, en: (&str, &str), pl: (&str, &str, &str)) -> String {
    let num = number(n, lang);
    match lang {
        Lang::En => format!("{num} {}", if n == 1 { en.0 } else { en.1 }),
        Lang::Pl => format!("{num} {}", plural_pl(n, pl.0, pl.1, pl.2)),
    }
}

/// "2 messages".
pub fn messages(n: u64, lang: Lang) -> String {
    count(n, lang, ("message", "messages"), ("wiadomość", "wiadomości", "wiadomości"))
}

/// "53,235 octets".
pub fn octets(n: u64, lang: Lang) -> String {
    count(n, lang, ("octet", "octets"), ("oktet", "oktety", "oktetów"))
}

/// "5 seconds".
pub fn seconds(n: u64, lang: Lang) -> String {
    count(n, lang, ("second", "seconds"), ("sekunda", "sekundy", "sekund"))
}

/// "120 lines".
pub fn lines(n: u64, lang: Lang) -> String {
    count(n, lang, ("line", "lines"), ("wiersz", "wiersze", "wierszy"))
}

/// The waiting indicator: "The server is silent on purpose: 4 s left".
pub fn wait_left(reason: Key, left_ms: u64, lang: Lang) -> String {
    let secs = left_ms.div_ceil(1000);
    match lang {
        Lang::En => format!("{}… {} s left", reason.text(lang), secs),
        Lang::Pl => format!("{}… zostało {} s", reason.text(lang), secs),
    }
}

/// The expander under a long reply.
pub fn show_more_lines(next: u64, hidden: u64, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Show {} more {} ({} hidden)",
            number(next, lang),
            if next == 1 { "line" } else { "lines" },
            number(hidden, lang)
        ),
        Lang::Pl => format!("Pokaż {} więcej (ukryto {})", lines(next, lang), number(hidden, lang)),
    }
}

/// The marker after a cut line.
pub fn hidden_chars(n: u64, lang: Lang) -> String {
    match lang {
        Lang::En => format!(" … [{} more characters; the transcript has them all]", number(n, lang)),
        Lang::Pl => format!(" … [jeszcze {} znaków; zapis zawiera wszystkie]", number(n, lang)),
    }
}

/// The line at the top of a log whose oldest entries were dropped.
pub fn dropped_entries(n: u64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} earlier entries are no longer shown.", number(n, lang)),
        Lang::Pl => format!("Wcześniejsze wpisy ({}) nie są już pokazywane.", number(n, lang)),
    }
}

/// The status line while connected.
pub fn connected_to(host: &str, port: u16, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Connected to {host}, port {port}"),
        Lang::Pl => format!("Połączono z {host}, port {port}"),
    }
}

/// More rows than the inspector lists.
pub fn more_rows(n: u64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("… and {} more {}", number(n, lang), if n == 1 { "message" } else { "messages" }),
        Lang::Pl => format!("… i jeszcze {}", messages(n, lang)),
    }
}

/// The maildrop's total.
pub fn maildrop_total(user: &str, n: u64, size: u64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{user}: {}, {}", messages(n, lang), octets(size, lang)),
        Lang::Pl => format!("{user}: {}, {}", messages(n, lang), octets(size, lang)),
    }
}

/// The profile picker's first option.
pub fn profile_from_scenario(title: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("As the scenario says ({title})"),
        Lang::Pl => format!("Jak w scenariuszu ({title})"),
    }
}

/// A scenario's title in the UI language: from its own `about` descriptions (the built-in ones have both
/// languages), else as its author wrote it.
pub fn scenario_title(scenario: &pop3_sim::Scenario, lang: Lang) -> String {
    scenario.title_in(lang.tag())
}

/// A built-in scenario's title in a language, from its file (the id if there is no such scenario).
pub fn builtin_scenario_title(id: &str, lang: Lang) -> String {
    pop3_sim::scenario::builtin_title(id, lang.tag()).unwrap_or_else(|| id.to_string())
}

/// `?scenario=` named no built-in scenario.
pub fn unknown_scenario(id: &str, fallback: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("There is no built-in scenario “{id}”; “{fallback}” is open instead."),
        Lang::Pl => format!("Nie ma wbudowanego scenariusza „{id}”; otwarto „{fallback}”."),
    }
}

/// A `#s=` share link could not be read.
pub fn bad_share_link(why: &str, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("The shared scenario in this link could not be opened: {why}. The default scenario is open.")
        }
        Lang::Pl => {
            format!("Nie udało się otworzyć scenariusza z tego linku: {why}. Otwarto scenariusz domyślny.")
        }
    }
}

/// The question asked before using a bridge on another origin than the page's (`host`: its host, see
/// [`crate::bridge_link`]).
pub fn bridge_question(host: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Use the bridge at {host}?"),
        Lang::Pl => format!("Użyć mostu na {host}?"),
    }
}

/// What the question about a bridge on another origin means for the learner's passwords.
pub fn bridge_question_detail(host: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("This link asks the tutor to reach real mail servers through a bridge at {host}, which is not this page's own site. Passwords you type in the console will pass through that bridge: it sees them before it encrypts the connection to the mail server. Use it only if you trust whoever runs {host}; otherwise the simulator is used. Nothing is sent until you answer."),
        Lang::Pl => format!("Ten odnośnik każe samouczkowi łączyć się z prawdziwymi serwerami poczty przez most na {host}, który nie należy do tej strony. Hasła wpisane w konsoli przejdą przez ten most: widzi je, zanim zaszyfruje połączenie z serwerem poczty. Użyj go tylko wtedy, gdy ufasz temu, kto prowadzi {host}; w przeciwnym razie używany jest symulator. Nic nie zostanie wysłane, zanim odpowiesz."),
    }
}

/// A `#s=` share link was opened.
pub fn shared_scenario_opened(title: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Opened the shared scenario “{title}”."),
        Lang::Pl => format!("Otwarto udostępniony scenariusz „{title}”."),
    }
}

/// Why a share link failed, in words.
pub fn share_error(e: &crate::share::ShareError, lang: Lang) -> String {
    use crate::share::ShareError;
    match (e, lang) {
        (ShareError::TooLong { chars }, Lang::En) => {
            format!("it is too long ({} characters)", number(*chars as u64, lang))
        }
        (ShareError::TooLong { chars }, Lang::Pl) => format!("jest za długi ({} znaków)", number(*chars as u64, lang)),
        (ShareError::Version { found }, Lang::En) => {
            format!("its format version “{found}” is not one this app reads (it reads {})", crate::share::VERSION)
        }
        (ShareError::Version { found }, Lang::Pl) => {
            format!("wersja formatu „{found}” nie jest obsługiwana (obsługiwana: {})", crate::share::VERSION)
        }
        (ShareError::NotBase64, Lang::En) => "it is damaged (not base64url)".into(),
        (ShareError::NotBase64, Lang::Pl) => "jest uszkodzony (to nie jest base64url)".into(),
        (ShareError::NotText, Lang::En) => "it is damaged (not UTF-8 text)".into(),
        (ShareError::NotText, Lang::Pl) => "jest uszkodzony (to nie jest tekst UTF-8)".into(),
        (ShareError::Scenario(err), Lang::En) => {
            format!("the scenario is not valid: {}", scenario_error::scenario_error(err, lang))
        }
        (ShareError::Scenario(err), Lang::Pl) => {
            format!("scenariusz jest niepoprawny: {}", scenario_error::scenario_error(err, lang))
        }
        (ShareError::NotInThisModule, Lang::En) => "this page opens built-in scenarios only: reload it".into(),
        (ShareError::NotInThisModule, Lang::Pl) => {
            "ta strona otwiera tylko wbudowane scenariusze: wczytaj ją ponownie".into()
        }
    }
}

/// The accessible name of an embedded session's frame: "POP3 session: {scenario's title}".
pub fn embed_frame_title(title: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("POP3 session: {title}"),
        Lang::Pl => format!("Sesja POP3: {title}"),
    }
}

/// The editor's demo after recording from the console: "Added 2 steps from the console."
pub fn demo_recorded(n: usize, lang: Lang) -> String {
    let steps = count(n as u64, lang, ("step", "steps"), ("krok", "kroki", "kroków"));
    match lang {
        Lang::En => format!("Added {steps} from the console."),
        Lang::Pl => format!("Dodano {steps} z konsoli."),
    }
}

/// The editor's demo is full.
pub fn demo_full(max: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("The demo has the most steps it can have ({max})."),
        Lang::Pl => format!("Pokaz ma już największą dopuszczalną liczbę kroków ({max})."),
    }
}

/// The embed's progress: "Step 2 of 5".
pub fn embed_progress(done: usize, steps: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Step {done} of {steps}"),
        Lang::Pl => format!("Krok {done} z {steps}"),
    }
}

/// A notice, in words.
pub fn notice(n: &crate::boot::Notice, lang: Lang) -> String {
    use crate::boot::Notice;
    match n {
        Notice::CorruptSettings => Key::CorruptSettings.text(lang).to_string(),
        Notice::UnknownScenario { id } => unknown_scenario(id, crate::boot::DEFAULT_SCENARIO, lang),
        Notice::BadShareLink(e) => bad_share_link(&share_error(e, lang), lang),
        Notice::SharedOpened { title } => shared_scenario_opened(title, lang),
        Notice::ChallengeOpened => Key::ChallengeOpened.text(lang).to_string(),
        Notice::BridgeMode { url } => match lang {
            Lang::En => format!("Real-server mode: telnet and openssl s_client go through the bridge {url} to real mail servers (those its operator allows). Replies are explained from what the server sends."),
            Lang::Pl => format!("Tryb prawdziwego serwera: telnet i openssl s_client łączą się przez most {url} z prawdziwymi serwerami poczty (tymi, na które pozwala operator). Odpowiedzi są objaśniane na podstawie tego, co wysyła serwer."),
        },
        Notice::BadBridge { given } => match lang {
            Lang::En => format!("The bridge address in this link, “{given}”, is not one this page can use (ws://HOST[:PORT]/… or wss://…, with a host name of letters, digits, - and . or an IP address, and no user name): the simulator is used."),
            Lang::Pl => format!("Adres mostu w tym odnośniku, „{given}”, nie nadaje się do użycia (ws://HOST[:PORT]/… albo wss://…, z nazwą hosta z liter, cyfr, - i . albo adresem IP, bez nazwy użytkownika): używany jest symulator."),
        },
        Notice::BridgeDeclined => Key::BridgeDeclined.text(lang).to_string(),
        Notice::LinkCopied => Key::LinkCopied.text(lang).to_string(),
        Notice::ScenarioApplied => Key::ScenarioApplied.text(lang).to_string(),
        Notice::FileOpened { title } => match lang {
            Lang::En => format!("Opened the scenario file “{title}”. Connect with telnet to one of its hosts."),
            Lang::Pl => format!("Otwarto plik scenariusza „{title}”. Połącz się telnetem z jednym z jego hostów."),
        },
        Notice::BadScenarioFile(why) => {
            use crate::boot::FileError;
            let why = match (why, lang) {
                (FileError::TooLarge { octets }, Lang::En) => format!(
                    "it has {} octets, more than the {} accepted",
                    number(*octets, lang),
                    number(pop3_sim::scenario::MAX_BYTES as u64, lang)
                ),
                (FileError::TooLarge { octets }, Lang::Pl) => format!(
                    "ma {} oktetów, więcej niż dopuszczalne {}",
                    number(*octets, lang),
                    number(pop3_sim::scenario::MAX_BYTES as u64, lang)
                ),
                (FileError::NotText, Lang::En) => "it is not UTF-8 text".to_string(),
                (FileError::NotText, Lang::Pl) => "to nie jest tekst UTF-8".to_string(),
                (FileError::Invalid(e), Lang::En) => {
                    format!("it is not a valid scenario: {}", scenario_error::scenario_error(e, lang))
                }
                (FileError::Invalid(e), Lang::Pl) => {
                    format!("to nie jest poprawny scenariusz: {}", scenario_error::scenario_error(e, lang))
                }
            };
            match lang {
                Lang::En => format!("The scenario file could not be opened: {why}."),
                Lang::Pl => format!("Nie udało się otworzyć pliku scenariusza: {why}."),
            }
        }
        Notice::Copied => Key::Copied.text(lang).to_string(),
        Notice::CopyFailed => Key::CopyFailed.text(lang).to_string(),
        Notice::BadEmbedParams(bad) => {
            let sentence = |(name, value): &(&str, String)| {
                let expected = match (*name, lang) {
                    ("theme", Lang::En) => "classic, light, dark, auto or contrast",
                    ("theme", Lang::Pl) => "classic, light, dark, auto lub contrast",
                    ("speed", Lang::En) => "a number from 0.25 to 4",
                    ("speed", Lang::Pl) => "liczba od 0.25 do 4",
                    ("step", Lang::En) => "a step number from 1",
                    ("step", Lang::Pl) => "numer kroku od 1",
                    (_, Lang::En) => "1 or 0",
                    (_, Lang::Pl) => "1 lub 0",
                };
                match lang {
                    Lang::En => format!("“{name}={value}” cannot be used ({name} takes {expected}): the default applies."),
                    Lang::Pl => format!(
                        "Nie można użyć „{name}={value}” ({name} przyjmuje: {expected}); obowiązuje wartość domyślna."
                    ),
                }
            };
            bad.iter().map(sentence).collect::<Vec<_>>().join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_texts_and_polish_is_translated() {
        for &key in Key::ALL {
            let (en, pl) = (key.text(Lang::En), key.text(Lang::Pl));
            assert!(!en.trim().is_empty() && !pl.trim().is_empty(), "{key:?}");
            if !SAME_IN_BOTH.contains(&key) {
                assert_ne!(en, pl, "{key:?} is not translated");
            }
        }
    }

    #[test]
    fn the_command_input_is_named_command() {
        assert!(Key::CommandLabelShell.text(Lang::En).to_lowercase().contains("command"));
        assert!(Key::CommandLabelConnected.text(Lang::En).to_lowercase().contains("command"));
        assert!(Key::CommandLabelShell.text(Lang::Pl).to_lowercase().contains("polecenie"));
    }

    #[test]
    fn numbers_and_plurals() {
        assert_eq!(number(53235, Lang::En), "53,235");
        assert_eq!(number(53235, Lang::Pl), "53\u{a0}235");
        assert_eq!(number(1234, Lang::Pl), "1234");
        assert_eq!(number(1234567, Lang::En), "1,234,567");
        assert_eq!(number(0, Lang::En), "0");
        assert_eq!(messages(2, Lang::Pl), "2 wiadomości");
        assert_eq!(messages(1, Lang::Pl), "1 wiadomość");
        assert_eq!(octets(53235, Lang::Pl), "53\u{a0}235 oktetów");
        assert_eq!(octets(22, Lang::Pl), "22 oktety");
        assert_eq!(octets(12, Lang::Pl), "12 oktetów");
        assert_eq!(octets(1, Lang::En), "1 octet");
        assert_eq!(messages(2, Lang::En), "2 messages");
    }

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("pl-PL"), Some(Lang::Pl));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(Lang::from_tag(""), None);
    }
}
