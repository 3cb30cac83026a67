//! The settings a user chooses, and how they are remembered in localStorage under a versioned key.
//!
//! Saved data that cannot be read (not JSON, wrong types, from a future version) is reported once and replaced
//! by the defaults; it never stops the app.
//!
//! The value is a flat JSON object (`{"lang":"pl","theme":"light","client":null,"profile":"dovecot"}`; absent
//! or `null` fields follow the defaults, unknown fields are skipped). Its fields are the [`Field`] enum: each
//! field's name, how its value is written and how it is read are in one place. It is read and written by the
//! small reader below rather than by serde: the derived code cost the web app about 4 KB of gzipped wasm.

use crate::console::ClientStyle;
use crate::i18n::Lang;

/// The localStorage key. The `v1` changes when the format does.
pub const STORAGE_KEY: &str = "pop3-tutor/settings/v1";

/// The largest saved value read (anything bigger is not ours).
const MAX_SAVED: usize = 16 * 1024;

/// A colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    /// The help article's look: green on black.
    #[default]
    Classic,
    /// Dark text on white.
    Light,
    /// Maximum contrast: white and yellow on black.
    Contrast,
}

impl Theme {
    /// All themes, in picker order.
    pub const ALL: [Theme; 3] = [Theme::Classic, Theme::Light, Theme::Contrast];

    /// The id saved and used as the picker's value.
    pub fn id(self) -> &'static str {
        match self {
            Theme::Classic => "classic",
            Theme::Light => "light",
            Theme::Contrast => "contrast",
        }
    }

    /// A theme by [`id`](Self::id).
    pub fn from_id(id: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.id() == id)
    }

    /// The CSS class on the app's root.
    pub fn class(self) -> &'static str {
        match self {
            Theme::Classic => "theme-classic",
            Theme::Light => "theme-light",
            Theme::Contrast => "theme-contrast",
        }
    }
}

/// What the user chose. `None` fields follow the defaults (browser language, Windows in the UI language, the
/// scenario's profile).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// The UI language.
    pub lang: Option<Lang>,
    /// The colour theme.
    pub theme: Theme,
    /// The telnet client imitated.
    pub client: Option<ClientStyle>,
    /// A built-in server profile id replacing the scenario's.
    pub profile: Option<String>,
}

/// Why saved settings were not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corrupt(pub String);

impl Settings {
    /// Reads a saved value: `Ok(None)` when nothing was saved, `Err` when something unreadable was.
    pub fn parse_saved(raw: Option<&str>) -> Result<Option<Settings>, Corrupt> {
        let Some(raw) = raw else { return Ok(None) };
        if raw.len() > MAX_SAVED {
            return Err(Corrupt(format!("{} octets", raw.len())));
        }
        if !raw.trim_start().starts_with('{') {
            return Err(Corrupt("not a JSON object".into()));
        }
        let mut s = json::read(raw).map_err(|at| Corrupt(format!("not valid settings at octet {at}")))?;
        if s.profile.as_deref().is_some_and(|p| pop3_sim::profile::builtin(p).is_none()) {
            s.profile = None;
        }
        Ok(Some(s))
    }

    /// The value to save: every [`Field`], in order.
    pub fn to_saved(&self) -> String {
        let mut out = String::from("{");
        for f in Field::ALL {
            json::field(&mut out, f.name(), f.saved(self));
        }
        out.pop();
        out.push('}');
        out
    }

    /// The client style in effect: the chosen one, or Windows in the UI language.
    pub fn client_style(&self, lang: Lang) -> ClientStyle {
        self.client.unwrap_or(match lang {
            Lang::En => ClientStyle::WindowsEn,
            Lang::Pl => ClientStyle::WindowsPl,
        })
    }
}

/// A field of the saved object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// `"lang"`: a language tag ([`Lang::tag`]) or `null`.
    Lang,
    /// `"theme"`: a theme id ([`Theme::id`]); never `null`.
    Theme,
    /// `"client"`: a client style id ([`ClientStyle::id`]) or `null`.
    Client,
    /// `"profile"`: a server profile id or `null`.
    Profile,
}

impl Field {
    /// Every field, in the order they are written.
    pub const ALL: [Field; 4] = [Field::Lang, Field::Theme, Field::Client, Field::Profile];

    /// The field's name in the saved object.
    pub fn name(self) -> &'static str {
        match self {
            Field::Lang => "lang",
            Field::Theme => "theme",
            Field::Client => "client",
            Field::Profile => "profile",
        }
    }

    /// The field named `name`, if it is one of ours.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The field's value in `s` as saved: a string, or `None` for `null`.
    fn saved(self, s: &Settings) -> Option<&str> {
        match self {
            Field::Lang => s.lang.map(Lang::tag),
            Field::Theme => Some(s.theme.id()),
            Field::Client => s.client.map(ClientStyle::id),
            Field::Profile => s.profile.as_deref(),
        }
    }
}

/// The settings' JSON: a strict reader of one object (any JSON is accepted and skipped in unknown fields) and
/// the writer of a field.
mod json {
    use super::{ClientStyle, Field, Lang, Settings, Theme};

    /// Nesting deeper than this in an unknown field is refused (serde_json's limit is 128).
    const MAX_DEPTH: u32 = 128;

    /// Writes `"name":value,` (a JSON string or `null`).
    pub fn field(out: &mut String, name: &str, value: Option<&str>) {
        out.push('"');
        out.push_str(name);
        out.push_str("\":");
        match value {
            None => out.push_str("null"),
            Some(v) => {
                out.push('"');
                for c in v.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        c if c < ' ' => {
                            out.push_str("\\u00");
                            out.push(char::from(b"0123456789abcdef"[c as usize >> 4]));
                            out.push(char::from(b"0123456789abcdef"[c as usize & 15]));
                        }
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
        }
        out.push(',');
    }

    fn lang_from_id(id: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.tag() == id)
    }

    /// Reads the value of `field` into `out`; `Err` holds the offset of a value that is not one of its ids.
    fn read_field(r: &mut Reader, field: Field, out: &mut Settings) -> Result<(), usize> {
        let at = r.at;
        match field {
            Field::Lang => out.lang = r.nullable()?.map(|v| lang_from_id(&v).ok_or(at)).transpose()?,
            Field::Theme => out.theme = Theme::from_id(&r.string()?).ok_or(at)?,
            Field::Client => out.client = r.nullable()?.map(|v| ClientStyle::from_id(&v).ok_or(at)).transpose()?,
            Field::Profile => out.profile = r.nullable()?,
        }
        Ok(())
    }

    /// Reads saved settings; `Err` holds the octet offset where reading failed.
    pub fn read(raw: &str) -> Result<Settings, usize> {
        let mut r = Reader { text: raw, s: raw.as_bytes(), at: 0 };
        let mut out = Settings::default();
        let mut seen = [false; Field::ALL.len()];
        r.expect(b'{')?;
        if !r.eat(b'}') {
            loop {
                let key = r.string()?;
                r.expect(b':')?;
                match Field::from_name(&key) {
                    Some(field) => {
                        // A field given twice is not ours to choose between.
                        if std::mem::replace(&mut seen[field as usize], true) {
                            return Err(r.at);
                        }
                        read_field(&mut r, field, &mut out)?;
                    }
                    None => r.skip_value(0)?,
                }
                if r.eat(b'}') {
                    break;
                }
                r.expect(b',')?;
            }
        }
        r.ws();
        if r.at == r.s.len() {
            Ok(out)
        } else {
            Err(r.at)
        }
    }

    struct Reader<'a> {
        text: &'a str,
        s: &'a [u8],
        at: usize,
    }

    impl Reader<'_> {
        fn ws(&mut self) {
            while matches!(self.s.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                self.at += 1;
            }
        }

        /// Skips white space, then consumes `b` if it is next.
        fn eat(&mut self, b: u8) -> bool {
            self.ws();
            let found = self.s.get(self.at) == Some(&b);
            self.at += usize::from(found);
            found
        }

        fn expect(&mut self, b: u8) -> Result<(), usize> {
            if self.eat(b) {
                Ok(())
            } else {
                Err(self.at)
            }
        }

        fn literal(&mut self, word: &[u8]) -> Result<(), usize> {
            if self.s[self.at..].starts_with(word) {
                self.at += word.len();
                Ok(())
            } else {
                Err(self.at)
            }
        }

        /// `null` or a string.
        fn nullable(&mut self) -> Result<Option<String>, usize> {
            self.ws();
            if self.s.get(self.at) == Some(&b'n') {
                self.literal(b"null").map(|_| None)
            } else {
                self.string().map(Some)
            }
        }

        fn hex4(&mut self) -> Result<u32, usize> {
            let digits = self.s.get(self.at..self.at + 4).and_then(|d| std::str::from_utf8(d).ok());
            let value = digits.and_then(|d| u32::from_str_radix(d, 16).ok()).ok_or(self.at)?;
            self.at += 4;
            Ok(value)
        }

        fn string(&mut self) -> Result<String, usize> {
            self.expect(b'"')?;
            let mut out = String::new();
            loop {
                let start = self.at;
                while let Some(&b) = self.s.get(self.at) {
                    if b == b'"' || b == b'\\' || b < 0x20 {
                        break;
                    }
                    self.at += 1;
                }
                // The run starts and stops at ASCII, so it is whole characters.
                out.push_str(self.text.get(start..self.at).ok_or(start)?);
                let at = self.at;
                match self.s.get(at) {
                    Some(b'"') => {
                        self.at += 1;
                        return Ok(out);
                    }
                    Some(b'\\') => {
                        self.at += 2;
                        let c = match self.s.get(at + 1) {
                            Some(b'"') => '"',
                            Some(b'\\') => '\\',
                            Some(b'/') => '/',
                            Some(b'b') => '\u{8}',
                            Some(b'f') => '\u{c}',
                            Some(b'n') => '\n',
                            Some(b'r') => '\r',
                            Some(b't') => '\t',
                            Some(b'u') => {
                                let mut code = self.hex4()?;
                                if (0xd800..0xdc00).contains(&code) {
                                    self.literal(b"\\u")?;
                                    let low = self.hex4()?;
                                    if !(0xdc00..0xe000).contains(&low) {
                                        return Err(at);
                                    }
                                    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                                }
                                char::from_u32(code).ok_or(at)?
                            }
                            _ => return Err(at),
                        };
                        out.push(c);
                    }
                    _ => return Err(at),
                }
            }
        }

        /// Skips any JSON value.
        fn skip_value(&mut self, depth: u32) -> Result<(), usize> {
            self.ws();
            let (at, close) = (self.at, if self.s.get(self.at) == Some(&b'{') { b'}' } else { b']' });
            match self.s.get(at) {
                Some(b'"') => self.string().map(drop),
                Some(b't') => self.literal(b"true"),
                Some(b'f') => self.literal(b"false"),
                Some(b'n') => self.literal(b"null"),
                Some(b'{' | b'[') if depth < MAX_DEPTH => {
                    self.at += 1;
                    if self.eat(close) {
                        return Ok(());
                    }
                    loop {
                        if close == b'}' {
                            self.string()?;
                            self.expect(b':')?;
                        }
                        self.skip_value(depth + 1)?;
                        if self.eat(close) {
                            return Ok(());
                        }
                        self.expect(b',')?;
                    }
                }
                Some(b'-' | b'0'..=b'9') => {
                    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
                    self.at += usize::from(self.s[at] == b'-');
                    let int = self.digits();
                    if int == 0 || (int > 1 && self.s[self.at - int] == b'0') {
                        return Err(at);
                    }
                    if self.s.get(self.at) == Some(&b'.') {
                        self.at += 1;
                        if self.digits() == 0 {
                            return Err(at);
                        }
                    }
                    if matches!(self.s.get(self.at), Some(b'e' | b'E')) {
                        self.at += 1;
                        self.at += usize::from(matches!(self.s.get(self.at), Some(b'+' | b'-')));
                        if self.digits() == 0 {
                            return Err(at);
                        }
                    }
                    Ok(())
                }
                _ => Err(at),
            }
        }

        fn digits(&mut self) -> usize {
            let start = self.at;
            while self.s.get(self.at).is_some_and(u8::is_ascii_digit) {
                self.at += 1;
            }
            self.at - start
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = Settings {
            lang: Some(Lang::Pl),
            theme: Theme::Contrast,
            client: Some(ClientStyle::Unix),
            profile: Some("dovecot".into()),
        };
        assert_eq!(Settings::parse_saved(Some(&s.to_saved())), Ok(Some(s)));
        assert_eq!(Settings::parse_saved(None), Ok(None));
    }

    #[test]
    fn corrupt_values_are_errors_not_panics() {
        for bad in ["", "{", "null", "[]", "42", "{\"lang\":7}", "{\"theme\":\"neon\"}", "\u{0}\u{ffff}"] {
            assert!(Settings::parse_saved(Some(bad)).is_err(), "{bad:?}");
        }
        let huge = "x".repeat(MAX_SAVED + 1);
        assert!(Settings::parse_saved(Some(&huge)).is_err());
    }

    #[test]
    fn partial_and_unknown_values_are_tolerated() {
        assert_eq!(Settings::parse_saved(Some("{}")), Ok(Some(Settings::default())));
        let s = Settings::parse_saved(Some("{\"theme\":\"light\",\"future\":1,\"profile\":\"nosuch\"}")).unwrap();
        assert_eq!(s, Some(Settings { theme: Theme::Light, ..Settings::default() }));
    }

    #[test]
    fn the_reader_follows_json() {
        let read = |raw: &str| Settings::parse_saved(Some(raw));
        let ok = read(
            r#" { "future" : { "a" : [1, -2.5e+3, 0, true, false, null, "x\"\u00e9\ud83d\ude00"] },
            "lang" : null , "profile" : "dove\u0063ot", "client" : "unix" } "#,
        );
        let want = Settings { client: Some(ClientStyle::Unix), profile: Some("dovecot".into()), ..Settings::default() };
        assert_eq!(ok, Ok(Some(want)));
        for bad in [
            "{} x",
            "{\"theme\":null}",
            "{\"lang\":\"pl-PL\"}",
            "{\"lang\":\"en\",\"lang\":\"pl\"}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":-}",
            "{\"a\":1e}",
            "{\"a\":[1,]}",
            "{\"a\":{}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\\ud800\"}",
            "{\"a\":\"\u{1}\"}",
            "{\"a\":tru}",
            "{\"a\":1,}",
            "{,}",
            "{\"a\"}",
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(200), "]".repeat(200));
        assert!(read(&deep).is_err());
        assert!(read(&format!("{{\"a\":{}{}}}", "[".repeat(100), "]".repeat(100))).is_ok());
    }

    #[test]
    fn saved_values_escape_and_read_back() {
        let s = Settings { profile: Some("a\"b\\c\u{1}ż".into()), ..Settings::default() };
        assert_eq!(s.to_saved(), r#"{"lang":null,"theme":"classic","client":null,"profile":"a\"b\\c\u0001ż"}"#);
        // The reader keeps any profile string; parse_saved drops ids that are not built in.
        assert_eq!(json::read(&s.to_saved()), Ok(s));
        let all =
            Settings { lang: Some(Lang::En), theme: Theme::Light, client: Some(ClientStyle::WindowsPl), profile: None };
        assert_eq!(Settings::parse_saved(Some(&all.to_saved())), Ok(Some(all)));
    }

    #[test]
    fn every_field_is_written_once_in_order_and_read_back_by_name() {
        let saved = Settings::default().to_saved();
        let mut from = 0;
        for (i, f) in Field::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i, "{f:?}");
            assert_eq!(Field::from_name(f.name()), Some(f));
            let at = saved[from..].find(&format!("\"{}\":", f.name())).unwrap_or_else(|| panic!("{f:?}"));
            from += at + 1;
        }
        assert_eq!(Field::from_name("future"), None);
    }

    #[test]
    fn client_style_follows_the_language_by_default() {
        let s = Settings::default();
        assert_eq!(s.client_style(Lang::Pl), ClientStyle::WindowsPl);
        assert_eq!(s.client_style(Lang::En), ClientStyle::WindowsEn);
    }
}
