//! Every refusal of a scenario file is typed and placed: a table of (file, field path, kind), one row or more
//! per kind, serde's refusals (numbers that do not fit, wrong JSON types, syntax errors, unknown and missing
//! fields) as much as the reader's own checks; and `Display`, the English of the command line.

use pop3_sim::scenario::{JsonType, ScenarioErrorKind as K, MAX_BYTES, VERSION};
use pop3_sim::{Scenario, ScenarioError, Server};

/// A scenario built on the seed world with `rest` (fields after `base`, each with a leading comma).
fn on_seed(rest: &str) -> String {
    format!(r#"{{"version":1,"id":"x","title":"x","base":"seed"{rest}}}"#)
}

/// The same with one fault.
fn fault(fault: &str) -> String {
    on_seed(&format!(r#","faults":[{fault}]"#))
}

/// The same with a demo of `steps`.
fn demo(steps: &str) -> String {
    on_seed(&format!(r#","demo":[{steps}]"#))
}

/// A scenario of its own (no base) with one user whose messages are `messages`.
fn messages(messages: &str) -> String {
    format!(
        r#"{{"version":1,"id":"x","title":"x","profile":"dovecot",
            "users":[{{"name":"a","password":"p","messages":[{messages}]}}]}}"#
    )
}

/// A scenario whose custom profile is the Dovecot profile with `change` made to its JSON.
fn custom_profile(change: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut profile = serde_json::to_value(pop3_sim::profile::builtin("dovecot").unwrap()).unwrap();
    change(&mut profile);
    format!(r#"{{"version":1,"id":"x","title":"x","profile":{profile}}}"#)
}

/// Reads `json` as opening it would: the scenario, then its server.
fn refusal(json: &str) -> ScenarioError {
    match Scenario::from_json(json).and_then(|s| Server::new(&s).map(|_| s)) {
        Ok(_) => panic!("accepted: {json}"),
        Err(e) => e,
    }
}

fn unknown_field(name: &str, expected: &'static [&'static str]) -> K {
    K::UnknownField { name: name.into(), expected }
}

#[test]
fn serdes_refusals_are_typed_and_placed() {
    const FAULT_FIELDS: [&str; 15] = [
        "kind",
        "command",
        "argument",
        "from",
        "reply",
        "close",
        "problem",
        "user",
        "after",
        "ban",
        "seconds",
        "ms",
        "after_octets",
        "port",
        "banner",
    ];
    let table: Vec<(String, &str, K)> = vec![
        // Numbers that do not fit their type.
        (fault(r#"{"kind":"refused","port":70000}"#), "faults[0].port", K::OutOfRange { min: 0, max: 65535 }),
        (fault(r#"{"kind":"latency","ms":-5}"#), "faults[0].ms", K::OutOfRange { min: 0, max: u64::MAX }),
        (fault(r#"{"kind":"latency","ms":1e30}"#), "faults[0].ms", K::OutOfRange { min: 0, max: u64::MAX }),
        (demo(r#"{"line":"STAT","pause":-1}"#), "demo[0].pause", K::OutOfRange { min: 0, max: u32::MAX.into() }),
        (
            String::from(r#"{"version":4294967296,"id":"x","title":"x","base":"seed"}"#),
            "version",
            K::OutOfRange { min: 0, max: u32::MAX.into() },
        ),
        (
            messages(r#"{"uid":-1,"text":"x"}"#),
            "users[0].messages[0].uid",
            K::OutOfRange { min: 0, max: u32::MAX.into() },
        ),
        // Wrong JSON types.
        (fault(r#"{"kind":"refused","port":"110"}"#), "faults[0].port", K::WrongType { expected: JsonType::Integer }),
        (fault(r#"{"kind":"latency","ms":1.5}"#), "faults[0].ms", K::WrongType { expected: JsonType::Integer }),
        (
            String::from(r#"{"version":"1","id":"x","title":"x","base":"seed"}"#),
            "version",
            K::WrongType { expected: JsonType::Integer },
        ),
        (
            String::from(r#"{"version":1,"id":"x","title":5,"base":"seed"}"#),
            "title",
            K::WrongType { expected: JsonType::String },
        ),
        (on_seed(r#","lock_session":"yes""#), "lock_session", K::WrongType { expected: JsonType::Bool }),
        (on_seed(r#","hosts":"pop.example.com""#), "hosts", K::WrongType { expected: JsonType::Array }),
        (on_seed(r#","hosts":["a",7]"#), "hosts[1]", K::WrongType { expected: JsonType::String }),
        (on_seed(r#","about":[]"#), "about", K::WrongType { expected: JsonType::Object }),
        (on_seed(r#","faults":[7]"#), "faults[0]", K::WrongType { expected: JsonType::Object }),
        (on_seed(r#","demo":{"line":"STAT"}"#), "demo", K::WrongType { expected: JsonType::Array }),
        (demo(r#""STAT""#), "demo[0]", K::WrongType { expected: JsonType::Object }),
        (demo(r#"{"line":7}"#), "demo[0].line", K::WrongType { expected: JsonType::String }),
        (demo(r#"{"line":"STAT","caption":"x"}"#), "demo[0].caption", K::WrongType { expected: JsonType::Object }),
        (demo(r#"{"line":"STAT","pause":"1s"}"#), "demo[0].pause", K::WrongType { expected: JsonType::Integer }),
        (demo(r#"{"line":"STAT","pause":1.5}"#), "demo[0].pause", K::WrongType { expected: JsonType::Integer }),
        (on_seed(r#","profile":1"#), "profile", K::WrongType { expected: JsonType::StringOrObject }),
        (fault(r#"{"kind":5}"#), "faults[0].kind", K::WrongType { expected: JsonType::String }),
        (fault(r#"{"kind":"certificate","problem":null}"#), "faults[0].problem", K::Missing),
        (
            messages(r#"{"uid":"7","text":"x"}"#),
            "users[0].messages[0].uid",
            K::WrongType { expected: JsonType::Integer },
        ),
        (
            on_seed(r#","users":[{"name":"a","password":null}]"#),
            "users[0].password",
            K::WrongType { expected: JsonType::String },
        ),
        // Unknown fields, at the path of the field.
        (
            String::from(r#"{"version":1,"id":"x","title":"x","base":"seed","colour":"red"}"#),
            "colour",
            unknown_field(
                "colour",
                &[
                    "version",
                    "id",
                    "title",
                    "base",
                    "about",
                    "errors",
                    "source",
                    "profile",
                    "lock_session",
                    "hosts",
                    "users",
                    "faults",
                    "demo",
                ],
            ),
        ),
        (
            on_seed(r#","about":{"pl":{"titel":"x"}}"#),
            "about.pl.titel",
            unknown_field("titel", &["title", "symptom", "client_error", "diagnosis"]),
        ),
        (fault(r#"{"kind":"refused","prot":110}"#), "faults[0].prot", unknown_field("prot", &FAULT_FIELDS)),
        (demo(r#"{"line":"STAT","wait":100}"#), "demo[0].wait", unknown_field("wait", &["line", "caption", "pause"])),
        (demo(r#"{"line":"STAT","caption":{"de":"x"}}"#), "demo[0].caption.de", unknown_field("de", &["en", "pl"])),
        (fault(r#"{"kind":"latency","ms":100,"port":110}"#), "faults[0].port", unknown_field("port", &["kind", "ms"])),
        // Names that are not one of the allowed ones.
        (fault(r#"{"kind":"meteor"}"#), "faults[0].kind", K::UnknownValue { value: "meteor".into(), expected: &[] }),
        (
            fault(r#"{"kind":"certificate","problem":"old"}"#),
            "faults[0].problem",
            K::UnknownValue { value: "old".into(), expected: &["expired", "self_signed", "wrong_name"] },
        ),
        (
            fault(r#"{"kind":"too_many_failures","after":3,"ban":"forever"}"#),
            "faults[0].ban",
            K::UnknownValue { value: "forever".into(), expected: &["refused", "timed_out"] },
        ),
        // Missing and repeated fields.
        (r#"{"version":1,"title":"x","base":"seed"}"#.into(), "id", K::Missing),
        (fault(r#"{"port":110}"#), "faults[0].kind", K::Missing),
        (fault(r#"{"kind":"too_many_failures"}"#), "faults[0].after", K::Missing),
        (demo(r#"{"line":"STAT"},{"caption":{"en":"x"}}"#), "demo[1].line", K::Missing),
        (r#"{"version":1,"id":"x","id":"y","title":"x","base":"seed"}"#.into(), "id", K::Repeated),
        (on_seed(r#","version":1"#), "version", K::Repeated),
        // Syntax errors and cut-off files: the place, and the field where it is known.
        ("{\"version\":1,\n\"id\":\"x\",\n\"title\": }".into(), "title", K::Syntax { line: 3, column: 10 }),
        ("{\"version\":1 \"id\":\"x\"}".into(), "", K::Syntax { line: 1, column: 14 }),
        (format!("{} x", on_seed("")), "", K::Syntax { line: 1, column: 50 }),
        ("{\"version\":1,\"id\":\"x\"".into(), "", K::UnexpectedEnd { line: 1, column: 21 }),
        ("".into(), "", K::UnexpectedEnd { line: 1, column: 0 }),
        ("[]".into(), "", K::WrongType { expected: JsonType::Object }),
        // In a custom profile: the same kinds, deeper.
        (
            custom_profile(|p| p["dialect"] = "weird".into()),
            "profile.dialect",
            K::UnknownValue { value: "weird".into(), expected: &["strict", "lenient"] },
        ),
        (
            custom_profile(|p| p["limits"]["bad_commands_before_login"] = (-1).into()),
            "profile.limits.bad_commands_before_login",
            K::OutOfRange { min: 0, max: u32::MAX.into() },
        ),
        (
            custom_profile(|p| p["timing"]["penalty_ms"][1] = "soon".into()),
            "profile.timing.penalty_ms[1]",
            K::WrongType { expected: JsonType::Integer },
        ),
        (
            custom_profile(|p| {
                p["replies"].as_object_mut().unwrap().remove("greeting");
            }),
            "profile.replies.greeting",
            K::Missing,
        ),
        (
            custom_profile(|p| p["limits"]["line_before_login"] = serde_json::json!({"kind": "whole", "keep": 5})),
            "profile.limits.line_before_login",
            K::Other("a line limit of kind `whole` has exactly the field(s) `max`".into()),
        ),
    ];
    for (json, field, kind) in table {
        let e = refusal(&json);
        assert_eq!(e.field, field, "{json}\n{e}");
        match (&e.kind, &kind) {
            // The full list of fault kinds is checked once, beside their names.
            (K::UnknownValue { value, .. }, K::UnknownValue { value: want, expected: [] }) => {
                assert_eq!(value, want, "{json}")
            }
            _ => assert_eq!(e.kind, kind, "{json}\n{e}"),
        }
    }
}

#[test]
fn the_readers_own_checks_are_typed_and_placed() {
    let banner = "x".repeat(513);
    let table: Vec<(String, &str, K)> = vec![
        (
            String::from(r#"{"version":2,"id":"x","title":"x","base":"seed"}"#),
            "version",
            K::UnsupportedVersion { found: 2, supported: VERSION },
        ),
        (
            on_seed(r#","profile":"nosuch""#),
            "profile",
            K::UnknownValue { value: "nosuch".into(), expected: &pop3_sim::profile::BUILTIN_IDS },
        ),
        (
            r#"{"version":1,"id":"x","title":"x","base":"nowhere"}"#.into(),
            "base",
            K::UnknownValue { value: "nowhere".into(), expected: &pop3_sim::scenario::WORLD_IDS },
        ),
        (r#"{"version":1,"id":"x","title":"x"}"#.into(), "profile", K::NoProfile),
        (fault(r#"{"kind":"refused","port":0}"#), "faults[0].port", K::OutOfRange { min: 1, max: 65535 }),
        (fault(r#"{"kind":"intercepted","port":0}"#), "faults[0].port", K::OutOfRange { min: 1, max: 65535 }),
        (fault(r#"{"kind":"too_many_failures","after":0}"#), "faults[0].after", K::AtLeast { min: 1 }),
        (fault(r#"{"kind":"autologout","seconds":0}"#), "faults[0].seconds", K::AtLeast { min: 1 }),
        (
            fault(r#"{"kind":"reply","command":"PASS","from":0,"reply":"-ERR x"}"#),
            "faults[0].from",
            K::AtLeast { min: 1 },
        ),
        (fault(r#"{"kind":"latency","ms":700000}"#), "faults[0].ms", K::AtMost { max: 600_000 }),
        (fault(r#"{"kind":"reply","command":"PA SS","reply":"-ERR x"}"#), "faults[0].command", K::NotAVerb),
        (fault(r#"{"kind":"drop","after_octets":5,"command":"RE TR"}"#), "faults[0].command", K::NotAVerb),
        (fault(r#"{"kind":"reply","command":"PASS","reply":"oops"}"#), "faults[0].reply", K::NotAStatusLine),
        (fault(r#"{"kind":"reply","command":"PASS","reply":"-ERR a\r\n+OK b"}"#), "faults[0].reply", K::NotOneLine),
        (fault(r#"{"kind":"intercepted","banner":"-ERR a\r\n+OK b"}"#), "faults[0].banner", K::NotOneLine),
        (
            fault(&format!(r#"{{"kind":"intercepted","banner":"{banner}"}}"#)),
            "faults[0].banner",
            K::TooLong { max: 512 },
        ),
        (on_seed(r#","users":[{"name":"","password":"p"}]"#), "users[0].name", K::Empty),
        (
            on_seed(r#","users":[{"name":"a","password":"p"},{"name":"a","password":"q"}]"#),
            "users[1].name",
            K::DuplicateName { name: "a".into() },
        ),
        (
            messages(r#"{"uid":5,"text":"x"},{"uid":3,"text":"y"}"#),
            "users[0].messages[1].uid",
            K::UidNotIncreasing { uid: 3, previous: 5 },
        ),
        (messages(r#"{"base64":"not base64!"}"#), "users[0].messages[0]", K::NotBase64),
        (messages(r#"{"text":"x","base64":"eA=="}"#), "users[0].messages[0]", K::BothTextAndBase64),
        (messages(r#"{"uid":1}"#), "users[0].messages[0]", K::NeitherTextNorBase64),
        // A demo: at most 64 steps, each a line of one line, captions of one line, a pause of at most a minute.
        (demo(&vec![r#"{"line":"NOOP"}"#; 65].join(",")), "demo", K::TooMany { max: 64 }),
        (demo(r#"{"line":"STAT"},{"line":"STAT"},{"line":""}"#), "demo[2].line", K::Empty),
        (demo(r#"{"line":"   "}"#), "demo[0].line", K::Empty),
        (demo(r#"{"line":"USER a\r\nPASS b"}"#), "demo[0].line", K::NotOneLine),
        (demo(r#"{"line":"STAT\n"}"#), "demo[0].line", K::NotOneLine),
        (demo(r#"{"line":"RETR\t1"}"#), "demo[0].line", K::ControlCharacter),
        (demo(r#"{"line":"STAT\u0000"}"#), "demo[0].line", K::ControlCharacter),
        (demo(r#"{"line":"\u001b[2J"}"#), "demo[0].line", K::ControlCharacter),
        (demo(&format!(r#"{{"line":"{}"}}"#, "x".repeat(1001))), "demo[0].line", K::TooLong { max: 1000 }),
        (demo(r#"{"line":"STAT","caption":{"en":""}}"#), "demo[0].caption.en", K::Empty),
        (demo(r#"{"line":"STAT","caption":{"en":"ok","pl":"dwa\nwiersze"}}"#), "demo[0].caption.pl", K::NotOneLine),
        (demo(r#"{"line":"STAT","caption":{"pl":"tab\tulator"}}"#), "demo[0].caption.pl", K::ControlCharacter),
        (
            demo(&format!(r#"{{"line":"STAT","caption":{{"en":"{}"}}}}"#, "x".repeat(301))),
            "demo[0].caption.en",
            K::TooLong { max: 300 },
        ),
        (demo(r#"{"line":"STAT","pause":60001}"#), "demo[0].pause", K::AtMost { max: 60_000 }),
    ];
    for (json, field, kind) in table {
        let e = refusal(&json);
        assert_eq!((e.field.as_str(), &e.kind), (field, &kind), "{json}\n{e}");
    }
}

#[test]
fn a_file_too_large_is_refused_before_it_is_read() {
    let huge = " ".repeat(MAX_BYTES + 1);
    assert_eq!(refusal(&huge), ScenarioError::new("", K::TooLarge { octets: MAX_BYTES + 1, max: MAX_BYTES }));
}

#[test]
fn every_kind_has_an_example_and_reads_in_english() {
    let examples = K::examples();
    // One example per kind: no two of the same variant.
    for (i, a) in examples.iter().enumerate() {
        for b in &examples[..i] {
            assert_ne!(std::mem::discriminant(a), std::mem::discriminant(b), "{a:?} twice");
        }
    }
    for kind in examples {
        let text = ScenarioError::new("faults[0].port", kind.clone()).to_string();
        assert!(text.contains("faults[0].port") && text.len() > "faults[0].port: ".len() + 5, "{text}");
        assert!(!text.contains("Some(") && !text.contains('{'), "{text}");
    }
}

#[test]
fn display_reads_as_a_sentence_for_the_command_line() {
    let shown = |json: &str| refusal(json).to_string();
    assert_eq!(shown(&fault(r#"{"kind":"refused","port":70000}"#)), "faults[0].port: must be 0 to 65535");
    assert_eq!(shown(&fault(r#"{"kind":"refused","port":0}"#)), "faults[0].port: must be 1 to 65535");
    assert_eq!(shown(&fault(r#"{"kind":"refused","port":"110"}"#)), "faults[0].port: must be a whole number");
    assert_eq!(
        shown(&fault(r#"{"kind":"latency","ms":100,"port":110}"#)),
        "faults[0].port: no such field; expected `kind` or `ms`"
    );
    assert_eq!(
        shown(&on_seed(r#","profile":"nosuch""#)),
        "profile: `nosuch` is not one of `courier`, `dovecot`, `exchange` or `gmail`"
    );
    assert_eq!(
        shown("{\"version\":1,\n\"id\":\"x\",\n\"title\": }"),
        "the JSON is malformed at line 3, column 10 (in title)"
    );
    assert_eq!(shown("{\"version\":1"), "the JSON ends too early, at line 1, column 12");
    assert_eq!(shown(&fault(r#"{"kind":"too_many_failures"}"#)), "faults[0].after: is missing");
    assert_eq!(shown(&demo(r#"{"line":"STAT"},{"line":"STAT"},{"line":""}"#)), "demo[2].line: is empty");
    assert_eq!(shown(&demo(r#"{"pause":100}"#)), "demo[0].line: is missing");
    assert_eq!(shown(&demo(&vec![r#"{"line":"NOOP"}"#; 65].join(","))), "demo: must have at most 64 entries");
    assert_eq!(shown(&demo(r#"{"line":"STAT","pause":70000}"#)), "demo[0].pause: must be at most 60000");
    assert_eq!(
        shown(&on_seed(r#","users":[{"name":"a","password":"p"},{"name":"a","password":"q"}]"#)),
        "users[1].name: `a` appears twice"
    );
}

#[test]
fn a_demo_is_read_written_and_read_back_and_never_inherited() {
    use pop3_sim::scenario::{builtin, Caption, DemoStep};
    let json = demo(
        r#"{"line":"telnet pop.outlook.pl 110","caption":{"en":"The greeting","pl":"Powitanie"},"pause":2000},
           {"line":"STAT","caption":{"pl":"Tylko po polsku"}},{"line":"QUIT","pause":0}"#,
    );
    let s = Scenario::from_json(&json).unwrap();
    let greeting = Caption { en: Some("The greeting".into()), pl: Some("Powitanie".into()) };
    assert_eq!(
        s.demo,
        vec![
            DemoStep { line: "telnet pop.outlook.pl 110".into(), caption: greeting, pause: Some(2000) },
            DemoStep {
                line: "STAT".into(),
                caption: Caption { en: None, pl: Some("Tylko po polsku".into()) },
                pause: None
            },
            DemoStep { line: "QUIT".into(), caption: Caption::default(), pause: Some(0) },
        ]
    );
    assert_eq!(s.demo[0].caption.in_lang("pl"), Some("Powitanie"));
    assert_eq!(s.demo[0].caption.in_lang("de"), Some("The greeting"));
    assert_eq!(s.demo[1].caption.in_lang("en"), Some("Tylko po polsku"));
    assert_eq!(s.demo[2].caption.in_lang("pl"), None);
    // Written out with its base, as the file has it: the demo kept whole, empty parts left out.
    let written = s.to_json();
    assert!(written.contains(r#""base": "seed""#) && written.contains(r#""demo": ["#), "{written}");
    assert!(!written.contains(r#""caption": {}"#) && !written.contains("null"), "{written}");
    assert_eq!(Scenario::from_json(&written).unwrap(), s);
    assert_eq!(Scenario::from_json(&s.to_json_compact()).unwrap(), s);
    // Without a base too.
    let mut whole = s.clone();
    whole.base = None;
    assert_eq!(Scenario::from_json(&whole.to_json()).unwrap(), whole);
    // A scenario built on the seed world does not get the seed scenario's demo, and one without a demo
    // writes none.
    assert!(!builtin("seed").unwrap().demo.is_empty());
    let plain = Scenario::from_json(&on_seed("")).unwrap();
    assert!(plain.demo.is_empty());
    assert!(!plain.to_json().contains("demo"));
}
