//! Why a scenario was refused, in words: the core's typed [`ScenarioError`] (a field path and a kind) worded in
//! the page's language, naming the field. The core's `Display` is English for the command line; the page
//! never shows it, except for a kind added to the core after this table (it then shows in English until it is
//! worded here, and the test below fails).

use pop3_sim::scenario::{JsonType, ScenarioErrorKind as K};
use pop3_sim::ScenarioError;

use super::{count, number, octets, Lang};

/// Longest user-given text (a field path, a name, a value) quoted in a refusal, in characters.
const QUOTE_CHARS: usize = 80;

/// A refusal in words: `faults[0].port: must be a whole number from 0 to 65535`.
pub fn scenario_error(e: &ScenarioError, lang: Lang) -> String {
    let what = kind(&e.kind, lang);
    let field = short(&e.field);
    match (&e.kind, lang) {
        _ if e.field.is_empty() => what,
        // A syntax error is about a place in the text; the field is where it was being read.
        (K::Syntax { .. } | K::UnexpectedEnd { .. }, Lang::En) => format!("{what} (in {field})"),
        (K::Syntax { .. } | K::UnexpectedEnd { .. }, Lang::Pl) => format!("{what} (w polu {field})"),
        _ => format!("{field}: {what}"),
    }
}

/// A user-given text, cut to [`QUOTE_CHARS`].
fn short(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// Names for a list: `kind, port`.
fn list(names: &[&str]) -> String {
    names.join(", ")
}

/// What a value must be, after "must be" / "musi być".
fn json_type(t: JsonType, lang: Lang) -> &'static str {
    use Lang::{En, Pl};
    match (t, lang) {
        (JsonType::Bool, En) => "true or false",
        (JsonType::Bool, Pl) => "wartością true albo false",
        (JsonType::Integer, En) => "a whole number",
        (JsonType::Integer, Pl) => "liczbą całkowitą",
        (JsonType::Number, En) => "a number",
        (JsonType::Number, Pl) => "liczbą",
        (JsonType::String, En) => "a string (text in quotes)",
        (JsonType::String, Pl) => "tekstem w cudzysłowie",
        (JsonType::Array, En) => "a list in [ ]",
        (JsonType::Array, Pl) => "listą w nawiasach [ ]",
        (JsonType::Object, En) => "an object in { }",
        (JsonType::Object, Pl) => "obiektem w nawiasach { }",
        (JsonType::StringOrObject, En) => "a built-in id (text in quotes) or an object in { }",
        (JsonType::StringOrObject, Pl) => {
            "identyfikatorem wbudowanego (tekstem w cudzysłowie) albo obiektem w nawiasach { }"
        }
        (_, En) => "of another type",
        (_, Pl) => "innego typu",
    }
}

/// "64 entries", "64 elementy".
fn entries(n: usize, lang: Lang) -> String {
    count(n as u64, lang, ("entry", "entries"), ("element", "elementy", "elementów"))
}

/// What is wrong, without the field.
fn kind(k: &K, lang: Lang) -> String {
    use Lang::{En, Pl};
    match (k, lang) {
        (K::TooLarge { octets: n, max }, En) => {
            format!("the file has {}; at most {} are accepted", octets(*n as u64, lang), number(*max as u64, lang))
        }
        (K::TooLarge { octets: n, max }, Pl) => {
            format!("plik ma {}, a dopuszczalne jest najwyżej {}", octets(*n as u64, lang), number(*max as u64, lang))
        }
        (K::Syntax { line, column }, En) => format!("the JSON is malformed at line {line}, column {column}"),
        (K::Syntax { line, column }, Pl) => format!("błąd składni JSON w wierszu {line}, kolumnie {column}"),
        (K::UnexpectedEnd { line, column }, En) => {
            format!("the JSON ends too early, at line {line}, column {column}")
        }
        (K::UnexpectedEnd { line, column }, Pl) => {
            format!("JSON kończy się za wcześnie, w wierszu {line}, kolumnie {column}")
        }
        (K::WrongType { expected }, En) => format!("must be {}", json_type(*expected, lang)),
        (K::WrongType { expected }, Pl) => format!("musi być {}", json_type(*expected, lang)),
        (K::OutOfRange { min, max }, En) => format!("must be a whole number from {min} to {max}"),
        (K::OutOfRange { min, max }, Pl) => format!("musi być liczbą całkowitą od {min} do {max}"),
        (K::AtLeast { min }, En) => format!("must be {min} or more"),
        (K::AtLeast { min }, Pl) => format!("musi wynosić co najmniej {min}"),
        (K::AtMost { max }, En) => format!("must be at most {max}"),
        (K::AtMost { max }, Pl) => format!("może wynosić najwyżej {max}"),
        (K::UnknownField { expected, .. }, En) => {
            format!("there is no such field here; the fields are: {}", list(expected))
        }
        (K::UnknownField { expected, .. }, Pl) => format!("nie ma tu takiego pola; dozwolone pola: {}", list(expected)),
        (K::UnknownValue { value, expected }, En) => format!("“{}” is not one of: {}", short(value), list(expected)),
        (K::UnknownValue { value, expected }, Pl) => {
            format!("„{}” nie jest żadną z dozwolonych wartości: {}", short(value), list(expected))
        }
        (K::Missing, En) => "is missing".into(),
        (K::Missing, Pl) => "brakuje tego pola".into(),
        (K::Repeated, En) => "appears twice".into(),
        (K::Repeated, Pl) => "występuje dwa razy".into(),
        (K::UnsupportedVersion { found, supported }, En) => format!("is {found}; this app reads version {supported}"),
        (K::UnsupportedVersion { found, supported }, Pl) => {
            format!("ma wartość {found}; ta aplikacja czyta wersję {supported}")
        }
        (K::Empty, En) => "is empty".into(),
        (K::Empty, Pl) => "jest puste".into(),
        (K::DuplicateName { name }, En) => format!("“{}” appears twice", short(name)),
        (K::DuplicateName { name }, Pl) => format!("„{}” występuje dwa razy", short(name)),
        (K::UidNotIncreasing { uid, previous }, En) => {
            format!("is {uid}; UIDs must grow (the previous message has {previous})")
        }
        (K::UidNotIncreasing { uid, previous }, Pl) => {
            format!("ma wartość {uid}; UID-y muszą rosnąć (poprzednia wiadomość ma {previous})")
        }
        (K::NotBase64, En) => "is not valid base64".into(),
        (K::NotBase64, Pl) => "nie jest poprawnym base64".into(),
        (K::BothTextAndBase64, En) => "has both “text” and “base64”; give one of them".into(),
        (K::BothTextAndBase64, Pl) => "ma jednocześnie „text” i „base64”; podaj tylko jedno".into(),
        (K::NeitherTextNorBase64, En) => "has neither “text” nor “base64”".into(),
        (K::NeitherTextNorBase64, Pl) => "nie ma ani „text”, ani „base64”".into(),
        (K::NoProfile, En) => "is missing: give a profile, or a base to take it from".into(),
        (K::NoProfile, Pl) => "brakuje profilu: podaj „profile” albo „base”, z którego zostanie przejęty".into(),
        (K::NotAVerb, En) => "must be a command verb such as PASS or RETR".into(),
        (K::NotAVerb, Pl) => "musi być nazwą polecenia, np. PASS albo RETR".into(),
        (K::NotAStatusLine, En) => "must start with +OK or -ERR".into(),
        (K::NotAStatusLine, Pl) => "musi zaczynać się od +OK albo -ERR".into(),
        (K::NotOneLine, En) => "must be one line (no line breaks)".into(),
        (K::NotOneLine, Pl) => "musi być jednym wierszem (bez znaków końca wiersza)".into(),
        (K::TooLong { max }, En) => format!("may be at most {} long", octets(*max as u64, lang)),
        (K::TooLong { max }, Pl) => format!("może mieć najwyżej {}", octets(*max as u64, lang)),
        (K::TooMany { max }, En) => format!("may have at most {}", entries(*max, lang)),
        (K::TooMany { max }, Pl) => format!("może mieć najwyżej {}", entries(*max, lang)),
        (K::ControlCharacter, En) => "must not contain control characters (such as a tab, NUL or ESC)".into(),
        (K::ControlCharacter, Pl) => "nie może zawierać znaków sterujących (np. tabulatora, NUL, ESC)".into(),
        (K::Other(text), En) => short(text),
        (K::Other(text), Pl) => format!("niepoprawna wartość ({})", short(text)),
        // A kind newer than this table: the core's English until it is worded here (a test checks every kind).
        (k, _) => k.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(field: &str, kind: K) -> ScenarioError {
        ScenarioError::new(field, kind)
    }

    #[test]
    fn every_kind_is_worded_in_both_languages_naming_the_field() {
        for kind in K::examples() {
            let e = at("faults[0].port", kind.clone());
            let (en, pl) = (scenario_error(&e, Lang::En), scenario_error(&e, Lang::Pl));
            assert!(en.contains("faults[0].port") && pl.contains("faults[0].port"), "{kind:?}: {en} / {pl}");
            assert_ne!(en, pl, "{kind:?} is not translated");
            // Not the core's English (the fallback for a kind not in the table).
            assert_ne!(pl, e.to_string(), "{kind:?} is not worded for the page");
            assert!(pl.len() > "faults[0].port: ".len() + 5, "{kind:?}: {pl}");
        }
    }

    #[test]
    fn every_json_type_is_worded_in_both_languages() {
        for t in JsonType::ALL {
            let (en, pl) = (json_type(t, Lang::En), json_type(t, Lang::Pl));
            assert_ne!(en, pl, "{t:?}");
            assert!(en != "of another type" && pl != "innego typu", "{t:?} is not worded");
        }
    }

    #[test]
    fn a_port_that_does_not_fit_reads_in_polish() {
        let e = pop3_sim::Scenario::from_json(
            r#"{"version":1,"id":"x","title":"x","base":"seed","faults":[{"kind":"refused","port":70000}]}"#,
        )
        .unwrap_err();
        assert_eq!(scenario_error(&e, Lang::Pl), "faults[0].port: musi być liczbą całkowitą od 0 do 65535");
        assert_eq!(scenario_error(&e, Lang::En), "faults[0].port: must be a whole number from 0 to 65535");
    }

    #[test]
    fn syntax_errors_give_the_place_and_the_whole_file_has_no_field() {
        let e = at("title", K::Syntax { line: 3, column: 10 });
        assert_eq!(scenario_error(&e, Lang::Pl), "błąd składni JSON w wierszu 3, kolumnie 10 (w polu title)");
        let e = at("", K::UnexpectedEnd { line: 1, column: 0 });
        assert_eq!(scenario_error(&e, Lang::En), "the JSON ends too early, at line 1, column 0");
    }

    #[test]
    fn user_given_text_is_cut() {
        let long = "x".repeat(10_000);
        let e = at(&format!("about.{long}"), K::UnknownValue { value: long.clone(), expected: &["a"] });
        for lang in Lang::ALL {
            let text = scenario_error(&e, lang);
            assert!(text.chars().count() < 300, "{}", text.len());
        }
    }
}
