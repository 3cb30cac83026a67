//! The built-in scenarios: a few worlds built in code (their messages are files of their own), and the
//! troubleshooting library as ordinary scenario files in `scenarios/library/`, each built on a world. The
//! library files are the same format trainers write, so they double as its examples.

use std::sync::OnceLock;

mod files;

use super::{MessageSpec, ProfileRef, Scenario, User, VERSION};
use crate::secret::Secret;

/// The worlds a scenario's `base` may name.
pub const WORLD_IDS: [&str; 3] = ["seed", "dovecot-reference", "courier-reference"];

/// The troubleshooting library, in the order a picker shows it: the healthy `seed` first, then roughly
/// from the network up to the protocol. These ids are a contract (links, `--scenario`, scripts).
pub const LIBRARY_IDS: [&str; 14] = ids();

/// Every built-in scenario id: the library, then the recorded servers' maildrops.
pub const BUILTIN_IDS: [&str; FILES.len()] = ids();

/// The first `N` ids of [`FILES`].
const fn ids<const N: usize>() -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = FILES[i];
        i += 1;
    }
    out
}

/// The built-in files' ids: the library first, then the recorded servers' maildrops. Each is the JSON file
/// `scenarios/library/ID.json`, compiled in as a Rust value ([`files`]).
const FILES: [&str; 16] = [
    "seed",
    "dns-failure",
    "timeout-10060",
    "connection-refused",
    "firewall-blocks-110",
    "wrong-port-995",
    "tls-required",
    "expired-certificate",
    "wrong-password",
    "too-many-failures",
    "login-delay",
    "mailbox-locked",
    "server-busy",
    "drop-during-retr",
    "dovecot-reference",
    "courier-reference",
];

/// A built-in scenario by id, to open.
pub fn builtin(id: &str) -> Option<Scenario> {
    builtin_ref(id).cloned()
}

/// A built-in scenario by id, to look at (titles, comparisons) without copying its messages. Each is built
/// once per process: pickers and links ask often, and a world's messages are 53 KB to copy.
pub fn builtin_ref(id: &str) -> Option<&'static Scenario> {
    static BUILT: [OnceLock<Option<Scenario>>; FILES.len()] = [const { OnceLock::new() }; FILES.len()];
    let i = FILES.iter().position(|name| *name == id)?;
    BUILT[i].get_or_init(|| files::file(id)?.resolve().ok()).as_ref()
}

/// A built-in scenario's title in language `lang` (`en`, `pl`), as [`Scenario::title_in`] gives it, from its
/// file alone: a picker lists every built-in one, and building them all would copy a world's messages into
/// each (most of the library stands on the 53 KB `seed`), a 15 ms pause in the browser right after the console
/// appears.
pub fn builtin_title(id: &str, lang: &str) -> Option<String> {
    Some(files::file(id)?.title_in(lang))
}

/// A built-in world by id: what a scenario's `base` names. Built once per process.
pub(super) fn world(id: &str) -> Option<&'static Scenario> {
    static BUILT: [OnceLock<Scenario>; WORLD_IDS.len()] = [const { OnceLock::new() }; WORLD_IDS.len()];
    let i = WORLD_IDS.iter().position(|w| *w == id)?;
    Some(BUILT[i].get_or_init(|| match WORLD_IDS[i] {
        "seed" => seed(),
        other => reference(other, other.trim_end_matches("-reference")),
    }))
}

/// The help article's world: Courier at pop.outlook.pl, `tester@outlook.pl` / `moje_hasło`, two messages of
/// 53 235 octets together.
fn seed() -> Scenario {
    Scenario {
        version: VERSION,
        id: "seed".into(),
        title: "The help article's mailbox (Courier at pop.outlook.pl)".into(),
        base: None,
        about: Default::default(),
        errors: vec![],
        source: None,
        profile: ProfileRef::Builtin("courier".into()),
        lock_session: None,
        hosts: vec!["pop.outlook.pl".into(), "outlook.pl".into()],
        faults: vec![],
        demo: Vec::new(),
        users: vec![User {
            name: "tester@outlook.pl".into(),
            password: Secret::new("moje_hasło".into()),
            apop_secret: None,
            uid_validity: 1_173_081_600,
            path: Some("/home/vmail/outlook.pl/tester/Maildir".into()),
            unavailable: false,
            messages: vec![
                MessageSpec::text(include_str!("../../scenarios/seed/msg1.eml")),
                MessageSpec::text(include_str!("../../scenarios/seed/msg2.eml")),
            ],
        }],
    }
}

/// The maildrop the reference transcripts were recorded against (`../shared/reference/README.md`).
fn reference(id: &str, profile: &str) -> Scenario {
    let mailbox = |name: &str, messages: Vec<MessageSpec>| User {
        name: name.into(),
        password: Secret::new("secret".into()),
        apop_secret: None,
        uid_validity: 1_700_000_000,
        path: Some(format!("/srv/pop3ref/mail/{}/Maildir", name.split('@').next().unwrap_or(name))),
        unavailable: false,
        messages,
    };
    Scenario {
        version: VERSION,
        id: id.into(),
        title: format!("Reference maildrop ({profile})"),
        base: None,
        about: Default::default(),
        errors: vec![],
        source: None,
        profile: ProfileRef::Builtin(profile.into()),
        lock_session: None,
        hosts: vec!["pop3ref.example".into(), "127.0.0.1".into()],
        faults: vec![],
        demo: Vec::new(),
        users: vec![
            mailbox(
                "tester@example.com",
                vec![
                    MessageSpec::text(include_str!("../../scenarios/reference/msg1.eml")),
                    MessageSpec::text(include_str!("../../scenarios/reference/msg2.eml")),
                    MessageSpec::text(include_str!("../../scenarios/reference/msg3.eml")),
                ],
            ),
            mailbox("empty@example.com", vec![]),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in files are compiled in as Rust values (`library/files.rs`), so that a page that opens a
    /// built-in scenario needs no JSON reader (the embed's module leaves it out). This test writes that file
    /// from the JSON files, through the format's reader; run it with `BLESS=1` after editing one.
    #[test]
    fn the_compiled_in_files_are_the_json_files_read() {
        let mut unique = BUILTIN_IDS.to_vec();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), BUILTIN_IDS.len(), "an id appears twice");
        // After the library come the recorded servers' maildrops, which are worlds of their own.
        assert_eq!(BUILTIN_IDS[LIBRARY_IDS.len()..], WORLD_IDS[1..]);
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/library");
        let mut arms = Vec::new();
        let mut read_all = Vec::new();
        for id in FILES {
            let json = std::fs::read_to_string(format!("{dir}/{id}.json")).unwrap();
            let read = Scenario::from_json(&json).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(read.id, id);
            read_all.push(read);
            let file: super::super::file::ScenarioFile = crate::scenario::read_json(&json).unwrap();
            let value = databake::Bake::bake(&file, &Default::default());
            arms.push(databake::quote!(#id => #value,));
        }
        let code = databake::quote! {
            pub(super) fn file(id: &str) -> Option<crate::scenario::file::ScenarioFile> {
                Some(match id {
                    #(#arms)*
                    _ => return None,
                })
            }
        };
        let text = format!(
            "//! @generated from `scenarios/library/*.json` by the test \
             `scenario::library::tests::the_compiled_in_files_are_the_json_files_read`\n\
             //! (`BLESS=1 cargo test -p pop3-sim compiled_in`): edit the JSON files, not this one.\n\n{}",
            prettyplease::unparse(&syn::parse2(without_macros(code)).unwrap())
        );
        let text = rustfmt(&text);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/scenario/library/files.rs");
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(path, &text).unwrap();
        }
        assert!(
            std::fs::read_to_string(path).unwrap() == text,
            "src/scenario/library/files.rs is not what the JSON files say: run `BLESS=1 cargo test -p pop3-sim compiled_in`"
        );
        for (id, read) in FILES.into_iter().zip(read_all) {
            assert!(builtin(id) == Some(read), "{id}: the compiled-in scenario is not the file read");
        }
    }

    /// databake's code with `alloc::vec![…]` written `Vec::from([…])` and `alloc::` as `std::`: formatters
    /// leave a macro's insides as they are, and this crate has no `extern crate alloc`.
    fn without_macros(code: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
        use proc_macro2::{Delimiter, Group, Ident, TokenTree};
        let mut out = Vec::new();
        let mut tokens = code.into_iter().peekable();
        while let Some(token) = tokens.next() {
            match token {
                TokenTree::Ident(i) if i == "alloc" => out.push(TokenTree::Ident(Ident::new("std", i.span()))),
                TokenTree::Ident(i)
                    if i == "vec" && matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!') =>
                {
                    tokens.next();
                    let Some(TokenTree::Group(items)) = tokens.next() else { panic!("vec! without its items") };
                    // `std::vec![…]` → `std::vec::Vec::from([…])`.
                    out.extend(databake::quote!(vec::Vec::from));
                    let array = Group::new(Delimiter::Bracket, without_macros(items.stream()));
                    out.push(TokenTree::Group(Group::new(Delimiter::Parenthesis, TokenTree::Group(array).into())));
                }
                TokenTree::Group(g) => {
                    out.push(TokenTree::Group(Group::new(g.delimiter(), without_macros(g.stream()))));
                }
                other => out.push(other),
            }
        }
        out.into_iter().collect()
    }

    /// `text` as `cargo fmt` leaves it (the repository's rustfmt.toml applies).
    fn rustfmt(text: &str) -> String {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut child = Command::new("rustfmt")
            .args(["--edition", "2021", "--emit", "stdout"])
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("rustfmt (rustup component add rustfmt)");
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "rustfmt failed on the generated code");
        String::from_utf8(out.stdout).unwrap()
    }

    /// A secret is written as what makes it (its field is private).
    impl<T: databake::Bake> databake::Bake for Secret<T> {
        fn bake(&self, ctx: &databake::CrateEnv) -> databake::TokenStream {
            let value = self.expose().bake(ctx);
            databake::quote!(crate::secret::Secret::new(#value))
        }
    }

    /// Only what the library's files hold needs baking: each names a built-in profile.
    impl databake::Bake for ProfileRef {
        fn bake(&self, ctx: &databake::CrateEnv) -> databake::TokenStream {
            match self {
                ProfileRef::Builtin(id) => {
                    let id = id.bake(ctx);
                    databake::quote!(crate::scenario::ProfileRef::Builtin(#id))
                }
                ProfileRef::Custom(_) => panic!("a built-in scenario names a built-in profile"),
            }
        }
    }

    #[test]
    fn a_title_read_alone_is_the_built_scenarios_title() {
        for id in BUILTIN_IDS {
            for lang in ["en", "pl", "de"] {
                assert_eq!(builtin_title(id, lang), Some(builtin(id).unwrap().title_in(lang)), "{id} {lang}");
            }
        }
        assert_eq!(builtin_title("no-such-scenario", "en"), None);
    }

    #[test]
    fn the_library_is_described_in_english_and_polish() {
        for id in LIBRARY_IDS {
            let s = builtin(id).unwrap();
            for lang in ["en", "pl"] {
                let about = s.about.get(lang).unwrap_or_else(|| panic!("{id}: no `{lang}` description"));
                for (field, value) in [
                    ("title", &about.title),
                    ("symptom", &about.symptom),
                    ("client_error", &about.client_error),
                    ("diagnosis", &about.diagnosis),
                ] {
                    assert!(value.as_deref().is_some_and(|v| !v.trim().is_empty()), "{id}: about.{lang}.{field}");
                }
            }
            assert_ne!(s.about["en"], s.about["pl"], "{id}: Polish text equal to English");
        }
    }

    #[test]
    fn the_library_has_short_demos_captioned_in_english_and_polish() {
        for id in BUILTIN_IDS {
            let s = builtin(id).unwrap();
            assert!((1..=5).contains(&s.demo.len()), "{id}: {} demo steps", s.demo.len());
            assert!(s.demo.iter().any(|d| !d.caption.is_empty()), "{id}: no caption");
            for d in &s.demo {
                assert!(d.pause.is_some_and(|p| (1500..=2500).contains(&p)), "{id}: {:?}", d.line);
                if !d.caption.is_empty() {
                    for text in [&d.caption.en, &d.caption.pl] {
                        let text =
                            text.as_deref().unwrap_or_else(|| panic!("{id}: {:?} not in both languages", d.line));
                        assert!(text.chars().count() <= 120, "{id}: {text}");
                    }
                    assert_ne!(d.caption.en, d.caption.pl, "{id}: {:?}", d.line);
                }
            }
        }
    }
}
