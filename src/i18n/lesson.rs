//! What the lesson panel says about the learner's last move while a step is not done: the hint for a
//! mistake, or why the last reply did not count, in the learner's words. A server's refusal is worded by the
//! reply's own explanation ([`super::explain::meaning`]).

use super::{explain, number, Lang};
use crate::lesson::mistake::Mistake;
use crate::lesson::tracker::Feedback;

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
        Feedback::Refused(explanation) => match lang {
            Lang::En => format!("Not yet: the server said no. {}", explain::meaning(&explanation.meaning, lang)),
            Lang::Pl => format!("Jeszcze nie: serwer odmówił. {}", explain::meaning(&explanation.meaning, lang)),
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
