//! The lesson panel's words: its fixed strings ([`LessonKey`], a table apart from the tutor's [`super::Key`] so
//! that only the lessons' module carries them), why a lesson did not open, and what the panel says about the
//! learner's last move while a step is not done: the hint for a mistake, or why the last reply did not count,
//! in the learner's words. A server's refusal is worded by the
//! reply's own explanation ([`super::explain::meaning`], which the tutor sends with the observation).

use super::{keys, number, plural_pl, Lang};
use crate::lesson::mistake::Mistake;
use crate::lesson::tracker::Feedback;

keys! { LessonKey;
    LessonsHide => "Hide the lessons", "Ukryj lekcje";
    LessonsListLabel => "All lessons", "Wszystkie lekcje";
    LessonDoneMark => "done", "ukończona";
    StepDone => "Done.", "Zrobione.";
    LessonHint => "Hint", "Podpowiedź";
    LessonShowSolution => "Show solution", "Pokaż rozwiązanie";
    LessonSolutionQuestion => "Type the solution into the command line? Try the hint first: you learn more by finding it.",
        "Wpisać rozwiązanie do wiersza poleceń? Najpierw spróbuj podpowiedzi: samodzielnie nauczysz się więcej.";
    LessonSolutionConfirm => "Yes, type it", "Tak, wpisz je";
    LessonCancel => "Cancel", "Anuluj";
    LessonSolutionTyped => "The next line of the solution is in the command line, not sent: press Enter to send it. The whole solution:",
        "Następny wiersz rozwiązania jest w wierszu poleceń, niewysłany: naciśnij Enter, aby go wysłać. Całe rozwiązanie:";
    LessonChipTitle => "Puts the command into the command line (it does not run it)",
        "Wstawia polecenie do wiersza poleceń (nie uruchamia go)";
    LessonChoose => "Your answer", "Twoja odpowiedź";
    LessonWrongChoice => "Not this one. Look at the console again: where does the conversation stop, and who says what?",
        "To nie to. Spójrz jeszcze raz na konsolę: gdzie urywa się rozmowa i kto co mówi?";
    LessonPrevious => "Previous lesson", "Poprzednia lekcja";
    LessonNext => "Next lesson", "Następna lekcja";
    LessonLeave => "Leave the lesson", "Opuść lekcję";
    LessonFinished => "Lesson done.", "Lekcja ukończona.";
    LessonStepsDone => "Steps done", "Wykonane kroki";
    LessonResetProgress => "Reset progress", "Wyzeruj postępy";
    LessonResetQuestion => "Forget which lessons you finished in this browser?",
        "Zapomnieć, które lekcje ukończono w tej przeglądarce?";
    LessonResetConfirm => "Yes, forget them", "Tak, zapomnij";
    LessonProgressNote => "Lessons you finish are remembered in this browser.",
        "Ukończone lekcje są zapamiętywane w tej przeglądarce.";
    DownloadProgress => "Download progress", "Pobierz postępy";
    CopyProgressLink => "Copy a link to your progress", "Kopiuj link do postępów";
    ImportProgress => "Import progress from a file", "Importuj postępy z pliku";
    OpenLessonFile => "Open a lesson file (JSON)", "Otwórz plik lekcji (JSON)";
    CopyLessonLink => "Copy a link to this lesson", "Kopiuj link do tej lekcji";
    LessonLinkCopied => "Link copied to the clipboard.", "Link skopiowano do schowka.";
    LessonCopyFailed => "The clipboard refused. Copy the link by hand:", "Schowek odmówił. Skopiuj link ręcznie:";
    ImportConfirm => "Add it to mine", "Dodaj do moich";
    NotProgress => "That is not lesson progress (a file saved with “Download progress”, or its link). Nothing was changed.",
        "To nie są postępy w lekcjach (plik zapisany przyciskiem „Pobierz postępy” lub link do niego). Nic nie zmieniono.";
    ProgressTools => "Your progress", "Twoje postępy";
    CorruptLessonProgress => "Saved lesson progress could not be read, so it starts afresh.",
        "Nie udało się odczytać zapisanych postępów w lekcjach, więc zaczynają się od nowa.";
}

/// Why a lesson did not open, said in the panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LessonProblem {
    /// `?lesson=` named no built-in lesson.
    Unknown {
        /// The id asked for.
        id: String,
    },
    /// The lesson files could not be fetched.
    Unavailable,
    /// A `#lesson=` link is damaged or cut short.
    BadLink,
    /// A lesson file (or its scenario) was refused; `field` names what.
    Bad {
        /// The lesson's id, or the file's name.
        id: String,
        /// The field refused.
        field: String,
    },
}

/// What a progress link offers: "This link carries progress in 3 lessons. Add it to yours?"
pub fn import_question(lessons: usize, lang: Lang) -> String {
    let n = lessons as u64;
    match lang {
        Lang::En => format!(
            "This link carries progress in {} {}. Add it to yours? Nothing you have done is lost.",
            number(n, lang),
            if n == 1 { "lesson" } else { "lessons" }
        ),
        Lang::Pl => format!(
            "Ten link zawiera postępy w {} {}. Dodać je do Twoich? Nic, co już zrobiono, nie przepadnie.",
            number(n, lang),
            plural_pl(n, "lekcji", "lekcjach", "lekcjach")
        ),
    }
}

/// After an import: "Progress imported: 2 lessons new."
pub fn imported(new: usize, lang: Lang) -> String {
    let n = new as u64;
    match lang {
        Lang::En => {
            format!("Progress imported: {} {} new.", number(n, lang), if n == 1 { "lesson" } else { "lessons" })
        }
        Lang::Pl => format!(
            "Zaimportowano postępy: {} {}.",
            number(n, lang),
            plural_pl(n, "nowa lekcja", "nowe lekcje", "nowych lekcji")
        ),
    }
}

/// The panel's line for a problem.
pub fn problem(p: &LessonProblem, lang: Lang) -> String {
    match (p, lang) {
        (LessonProblem::Unknown { id }, Lang::En) => format!("There is no lesson “{id}”. Pick one from the list."),
        (LessonProblem::Unknown { id }, Lang::Pl) => format!("Nie ma lekcji „{id}”. Wybierz lekcję z listy."),
        (LessonProblem::Unavailable, _) => super::Key::LessonsUnavailable.text(lang).to_string(),
        (LessonProblem::BadLink, Lang::En) => {
            "The lesson link is damaged or incomplete: ask for it again, or for the lesson's file.".to_string()
        }
        (LessonProblem::BadLink, Lang::Pl) => {
            "Link do lekcji jest uszkodzony lub niepełny: poproś o niego ponownie albo o plik lekcji.".to_string()
        }
        (LessonProblem::Bad { id, field }, Lang::En) if field.is_empty() => {
            format!("“{id}” could not be opened: it is not a lesson file (JSON).")
        }
        (LessonProblem::Bad { id, field }, Lang::Pl) if field.is_empty() => {
            format!("Nie udało się otworzyć „{id}”: to nie jest plik lekcji (JSON).")
        }
        (LessonProblem::Bad { id, field }, Lang::En) => {
            format!("The lesson “{id}” could not be opened: its file is not valid (field {field}).")
        }
        (LessonProblem::Bad { id, field }, Lang::Pl) => {
            format!("Nie udało się otworzyć lekcji „{id}”: jej plik jest niepoprawny (pole {field}).")
        }
    }
}

/// The heading of a lesson's current step: "Step 2 of 3".
pub fn step_of(step: usize, of: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Step {step} of {of}"),
        Lang::Pl => format!("Krok {step} z {of}"),
    }
}

/// What the live region says when a step is done: "Step 2 of 3 done."
pub fn step_done(step: usize, of: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Step {step} of {of} done."),
        Lang::Pl => format!("Krok {step} z {of} wykonany."),
    }
}

/// A finished lesson's count: "You used 5 commands; the reference solution uses 3."
pub fn commands_used(commands: usize, reference: usize, lang: Lang) -> String {
    let (c, r) = (commands as u64, reference as u64);
    match lang {
        Lang::En => format!(
            "You used {} {}; the reference solution uses {}.",
            number(c, lang),
            if c == 1 { "command" } else { "commands" },
            number(r, lang)
        ),
        Lang::Pl => format!(
            "Użyto {} {}; rozwiązanie wzorcowe używa {}.",
            number(c, lang),
            plural_pl(c, "polecenia", "poleceń", "poleceń"),
            number(r, lang)
        ),
    }
}

/// The panel's line for `feedback`.
pub fn feedback(feedback: &Feedback, lang: Lang) -> String {
    match feedback {
        Feedback::Mistake(m) => mistake(m, lang),
        Feedback::WrongNumber { wanted, got } => match lang {
            Lang::En => format!(
                "That reply was about message {}; this step asks for message {}.",
                number(*got, lang),
                number(*wanted, lang)
            ),
            Lang::Pl => format!(
                "Ta odpowiedź dotyczyła wiadomości nr {}, a ten krok prosi o wiadomość nr {}.",
                number(*got, lang),
                number(*wanted, lang)
            ),
        },
        Feedback::Refused(why) => match lang {
            Lang::En => format!("Not yet: the server said no. {}", why.get(lang)),
            Lang::Pl => format!("Jeszcze nie: serwer odmówił. {}", why.get(lang)),
        },
    }
}

/// The hint for a mistake.
pub fn mistake(m: &Mistake, lang: Lang) -> String {
    use Lang::{En, Pl};
    match (m, lang) {
        (Mistake::LoginFirst { verb }, En) => format!(
            "{verb} works only after logging in: the server is still in the AUTHORIZATION state. Send USER with the name, then PASS with the password, and try {verb} again."
        ),
        (Mistake::LoginFirst { verb }, Pl) => format!(
            "{verb} działa dopiero po zalogowaniu: serwer jest wciąż w stanie AUTHORIZATION. Wyślij USER z nazwą, potem PASS z hasłem i spróbuj {verb} jeszcze raz."
        ),
        (Mistake::PassBeforeUser, En) => {
            "PASS came before USER: the server does not know whose password this is. Send USER with the name first, then PASS.".into()
        }
        (Mistake::PassBeforeUser, Pl) => {
            "PASS przyszło przed USER: serwer nie wie, czyje to hasło. Najpierw wyślij USER z nazwą, potem PASS.".into()
        }
        (Mistake::Typo { typed, meant: Some(meant) }, En) => {
            format!("The server does not know {typed}. Did you mean {meant}? Check the spelling and send it again.")
        }
        (Mistake::Typo { typed, meant: Some(meant) }, Pl) => {
            format!("Serwer nie zna polecenia {typed}. Czy chodziło o {meant}? Sprawdź pisownię i wyślij jeszcze raz.")
        }
        (Mistake::Typo { typed, meant: None }, En) => format!(
            "The server does not know {typed}. POP3 commands are four letters or fewer (USER, PASS, STAT, LIST, RETR, DELE, QUIT, …)."
        ),
        (Mistake::Typo { typed, meant: None }, Pl) => format!(
            "Serwer nie zna polecenia {typed}. Polecenia POP3 mają najwyżej cztery litery (USER, PASS, STAT, LIST, RETR, DELE, QUIT, …)."
        ),
        (Mistake::WrongHost { host, right: Some(right) }, En) => {
            format!("The name {host} does not resolve: check it letter by letter. This lesson's server is {right}.")
        }
        (Mistake::WrongHost { host, right: Some(right) }, Pl) => {
            format!("Nazwa {host} się nie rozwiązuje: sprawdź ją litera po literze. Serwer tej lekcji to {right}.")
        }
        (Mistake::WrongHost { host, right: None }, En) => format!("The name {host} does not resolve: check it letter by letter."),
        (Mistake::WrongHost { host, right: None }, Pl) => format!("Nazwa {host} się nie rozwiązuje: sprawdź ją litera po literze."),
        (Mistake::WrongPort { port }, En) => format!(
            "Nothing answers on port {port}. POP3 listens on port 110 (995 for POP3 over TLS): put the port after the host name."
        ),
        (Mistake::WrongPort { port }, Pl) => format!(
            "Na porcie {port} nic nie odpowiada. POP3 nasłuchuje na porcie 110 (995 dla POP3 przez TLS): wpisz port po nazwie hosta."
        ),
        (Mistake::DroppedWithDeletions { count }, En) => format!(
            "The connection ended without QUIT, so the {} marked for deletion {} still on the server: only QUIT (the UPDATE state) really deletes.",
            if *count == 1 { "message".to_string() } else { format!("{} messages", number(*count as u64, lang)) },
            if *count == 1 { "is" } else { "are" }
        ),
        (Mistake::DroppedWithDeletions { count }, Pl) => format!(
            "Połączenie skończyło się bez QUIT, więc oznaczone do usunięcia wiadomości ({}) wciąż są na serwerze: naprawdę usuwa tylko QUIT (stan UPDATE).",
            number(*count as u64, lang)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_key_has_both_texts_and_polish_is_translated() {
        for &key in LessonKey::ALL {
            crate::i18n::assert_translated(key.text(Lang::En), key.text(Lang::Pl), &format!("{key:?}"));
        }
        for p in [
            LessonProblem::Unknown { id: "x".into() },
            LessonProblem::Unavailable,
            LessonProblem::BadLink,
            LessonProblem::Bad { id: "x".into(), field: "steps[0].goal".into() },
            LessonProblem::Bad { id: "x".into(), field: String::new() },
        ] {
            crate::i18n::assert_translated(&problem(&p, Lang::En), &problem(&p, Lang::Pl), &format!("{p:?}"));
        }
        for n in [0, 1, 2, 5, 22] {
            crate::i18n::assert_translated(&imported(n, Lang::En), &imported(n, Lang::Pl), "imported");
            crate::i18n::assert_translated(&import_question(n, Lang::En), &import_question(n, Lang::Pl), "question");
        }
        assert_eq!(imported(1, Lang::Pl), "Zaimportowano postępy: 1 nowa lekcja.");
        assert_eq!(imported(3, Lang::Pl), "Zaimportowano postępy: 3 nowe lekcje.");
        assert_eq!(imported(5, Lang::En), "Progress imported: 5 lessons new.");
    }

    #[test]
    fn every_mistake_has_its_own_words_in_both_languages() {
        let all = [
            Mistake::LoginFirst { verb: "RETR".into() },
            Mistake::PassBeforeUser,
            Mistake::Typo { typed: "RETRR".into(), meant: Some("RETR".into()) },
            Mistake::Typo { typed: "HELLO".into(), meant: None },
            Mistake::WrongHost { host: "pop.outlok.pl".into(), right: Some("pop.outlook.pl".into()) },
            Mistake::WrongHost { host: "x".into(), right: None },
            Mistake::WrongPort { port: "25".into() },
            Mistake::DroppedWithDeletions { count: 2 },
        ];
        for m in &all {
            let (en, pl) = (mistake(m, Lang::En), mistake(m, Lang::Pl));
            assert!(!en.is_empty() && en != pl, "{m:?}");
        }
        assert!(mistake(&all[0], Lang::Pl).contains("RETR"));
        let wrong = feedback(&Feedback::WrongNumber { wanted: 1, got: 2 }, Lang::Pl);
        assert!(wrong.contains("nr 2") && wrong.contains("nr 1"), "{wrong}");
    }
}
