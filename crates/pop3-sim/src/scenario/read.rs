//! Reading a scenario file's JSON into typed refusals that name the field.
//!
//! serde_json words what went wrong in English and names no field ("invalid value: integer `70000`, expected
//! u16 at line 1 column 104"). This adapter sits between serde_json and the derived readers, like dtolnay's
//! `serde_path_to_error` (which keeps the path but leaves the error as serde_json's text), and turns every
//! refusal into a [`ScenarioError`]: the path of the value being read (`faults[0].port`) and a
//! [`ScenarioErrorKind`] with its payload (`OutOfRange { min: 0, max: 65535 }`).
//!
//! How. Each layer (deserializer, visitor, sequence, map) forwards to serde_json's and remembers where it is
//! (a chain of [`Path`] segments on the stack) and what it was asked for ([`Want`]: `deserialize_u16` wants
//! a whole number from 0 to 65535). The readers' visitors see this module's error type, [`Raw`]: serde_json's
//! error in a wrapper whose constructors (serde's `invalid_value`, `unknown_field`, `missing_field`, …) also
//! keep what they were told, typed ([`Typed`], kept aside until placed). The visitor layer, which knows the
//! place, turns it into a `ScenarioError` and keeps it in the [`Track`]; serde_json meanwhile unwinds with
//! its own error as usual. Errors serde_json raises itself (a syntax error, the end of the input, a token of
//! the wrong type) have the place where they were first seen noted beside them, and are classified at the
//! top with [`serde_json::Error::classify`], [`line`](serde_json::Error::line) and
//! [`column`](serde_json::Error::column).
//!
//! No layer converts or moves a value on its way back (`Raw` is serde_json's error, unwrapped for free): each
//! only notes, on an error, where it is. That keeps the adapter's share of the web app small. A
//! `Deserialize` impl that refuses outside a visitor uses serde_json's error itself, and its text becomes
//! [`ScenarioErrorKind::Other`]: the profile's line limits do (`line.rs`); the faults refuse inside a
//! visitor, typed.
//!
//! The format's enums are all names (JSON strings), so an enum is read as a string: a number there is a
//! wrong type, not a syntax error as serde_json's own enum reading would say.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::Deserialize;
use serde_json::error::Category;

#[cfg(doc)]
use super::ScenarioErrorKind;
use super::{JsonType, ScenarioError, ScenarioErrorKind as Kind};

/// Reads a `T` from JSON text, the whole text.
pub(super) fn from_str<'de, T: Deserialize<'de>>(json: &'de str) -> Result<T, ScenarioError> {
    let track = Track::default();
    take_caught();
    let mut de = serde_json::Deserializer::from_str(json);
    let read = T::deserialize(Wrap { de: &mut de, at: &Path::Root, track: &track, key: false });
    let read = read.and_then(|value| de.end().map(|()| value)).map_err(|e| track.finish(e));
    take_caught();
    read
}

thread_local! {
    /// What the last of [`Raw`]'s constructors was told, until a layer that knows the place takes it.
    static CAUGHT: RefCell<Option<Typed>> = const { RefCell::new(None) };
}

fn catch(t: Typed) {
    CAUGHT.with(|c| *c.borrow_mut() = Some(t));
}

fn take_caught() -> Option<Typed> {
    CAUGHT.with(|c| c.borrow_mut().take())
}

/// Where a value is, as a chain of segments on the stack: `faults`, then `[0]`, then `port`.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The path to a field of the object here.
    fn join(&self, name: &str) -> String {
        match self {
            Path::Root => name.to_string(),
            _ => format!("{self}.{name}"),
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

/// What a layer was asked to read, from the `deserialize_*` method called.
#[derive(Clone, Copy, Debug)]
enum Want {
    /// `deserialize_any`: in this format only `profile` (a built-in id or a profile object) asks for it.
    Any,
    Bool,
    Int {
        min: i64,
        max: u64,
    },
    Number,
    Str,
    Seq,
    Map,
}

impl Want {
    fn int<T: TryInto<i64> + TryInto<u64>>(min: T, max: T) -> Want {
        Want::Int { min: min.try_into().unwrap_or(i64::MIN), max: max.try_into().unwrap_or(u64::MAX) }
    }

    fn json_type(self) -> JsonType {
        match self {
            Want::Any => JsonType::StringOrObject,
            Want::Bool => JsonType::Bool,
            Want::Int { .. } => JsonType::Integer,
            Want::Number => JsonType::Number,
            Want::Str => JsonType::String,
            Want::Seq => JsonType::Array,
            Want::Map => JsonType::Object,
        }
    }
}

/// The read's memory: the refusal once placed; where serde_json's own error was first seen and what was
/// asked for there (`None`: a `Deserialize` impl refused after reading); the last map key.
#[derive(Default)]
struct Track {
    placed: RefCell<Option<ScenarioError>>,
    native: RefCell<Option<(String, Option<Want>)>>,
    key: RefCell<Option<String>>,
}

impl Track {
    /// An error leaving a visitor: what serde's constructors were told, if anything, is placed here (unless
    /// a deeper layer placed a refusal already).
    #[inline(never)]
    fn placed_here(&self, at: &Path, want: Want) {
        if let Some(t) = take_caught() {
            self.keep(t, at, want);
        }
    }

    fn keep(&self, t: Typed, at: &Path, want: Want) {
        self.placed.borrow_mut().get_or_insert_with(|| t.place(at, want));
    }

    /// Notes where serde_json's own error was first (deepest) seen, and what was asked for there.
    #[inline(never)]
    fn seen(&self, at: &Path, want: Option<Want>) {
        if self.placed.borrow().is_none() {
            self.native.borrow_mut().get_or_insert_with(|| (at.to_string(), want));
        }
    }

    /// The refusal, at the top.
    fn finish(&self, e: serde_json::Error) -> ScenarioError {
        if let Some(t) = take_caught() {
            // Told to a constructor outside any visitor: the whole file.
            self.keep(t, &Path::Root, Want::Any);
        }
        if let Some(placed) = self.placed.take() {
            return placed;
        }
        let (field, want) = self.native.take().unwrap_or((String::new(), None));
        let (line, column) = (e.line(), e.column());
        let kind = match (e.classify(), want) {
            (Category::Syntax, _) => Kind::Syntax { line, column },
            (Category::Eof, _) => Kind::UnexpectedEnd { line, column },
            // serde_json's own `invalid_type`: the token is not what the reader asked for.
            (Category::Data, Some(want)) => Kind::WrongType { expected: want.json_type() },
            // A `Deserialize` impl's own words, without serde_json's position.
            (Category::Data | Category::Io, _) => {
                let text = e.to_string();
                let position = format!(" at line {line} column {column}");
                Kind::Other(text.strip_suffix(&position).unwrap_or(&text).to_string())
            }
        };
        ScenarioError { field, kind }
    }
}

/// The error type the readers' visitors see: serde_json's, whose constructors also [`catch`] what they are
/// told.
#[derive(Debug)]
struct Raw<N>(N);

/// What serde's error constructors say, kept typed.
#[derive(Debug)]
enum Typed {
    /// `invalid_type`; `huge`: the value was a whole number too large for any integer type.
    WrongType {
        huge: bool,
    },
    /// `invalid_value`; `number`: the value was a number.
    BadValue {
        number: bool,
    },
    UnknownField {
        name: String,
        expected: &'static [&'static str],
    },
    UnknownValue {
        value: String,
        expected: &'static [&'static str],
    },
    Missing(&'static str),
    Repeated(&'static str),
    Other(String),
}

impl Typed {
    fn place(self, at: &Path, want: Want) -> ScenarioError {
        if let Want::Int { min, max } = want {
            if matches!(self, Typed::WrongType { huge: true } | Typed::BadValue { number: true }) {
                return ScenarioError { field: at.to_string(), kind: Kind::OutOfRange { min, max } };
            }
        }
        let (field, kind) = match self {
            Typed::WrongType { .. } => (at.to_string(), Kind::WrongType { expected: want.json_type() }),
            // Not a number out of range: no value of this format can be (a `char` of two letters could).
            Typed::BadValue { .. } => (at.to_string(), Kind::Other("invalid value".into())),
            Typed::Other(text) => (at.to_string(), Kind::Other(text)),
            Typed::UnknownField { name, expected } => (at.join(&name), Kind::UnknownField { name, expected }),
            Typed::UnknownValue { value, expected } => (at.to_string(), Kind::UnknownValue { value, expected }),
            Typed::Missing(name) => (at.join(name), Kind::Missing),
            Typed::Repeated(name) => (at.join(name), Kind::Repeated),
        };
        ScenarioError { field, kind }
    }
}

impl<N: fmt::Display> fmt::Display for Raw<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<N: std::error::Error> std::error::Error for Raw<N> {}

impl<N: de::Error> Raw<N> {
    fn caught(t: Typed) -> Self {
        catch(t);
        Raw(N::custom(""))
    }
}

impl<N: de::Error> de::Error for Raw<N> {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Raw::caught(Typed::Other(msg.to_string()))
    }

    fn invalid_type(unexp: Unexpected<'_>, _exp: &dyn de::Expected) -> Self {
        let huge = matches!(unexp, Unexpected::Float(f) if f.fract() == 0.0 && f.abs() >= 9.0e18);
        Raw::caught(Typed::WrongType { huge })
    }

    fn invalid_value(unexp: Unexpected<'_>, _exp: &dyn de::Expected) -> Self {
        let number = matches!(unexp, Unexpected::Unsigned(_) | Unexpected::Signed(_) | Unexpected::Float(_));
        Raw::caught(Typed::BadValue { number })
    }

    fn invalid_length(len: usize, _exp: &dyn de::Expected) -> Self {
        Raw::caught(Typed::Other(format!("{len} elements is not the right number")))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Raw::caught(Typed::UnknownValue { value: variant.to_string(), expected })
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Raw::caught(Typed::UnknownField { name: field.to_string(), expected })
    }

    fn missing_field(field: &'static str) -> Self {
        Raw::caught(Typed::Missing(field))
    }

    fn duplicate_field(field: &'static str) -> Self {
        Raw::caught(Typed::Repeated(field))
    }
}

/// A deserializer that forwards to serde_json's, knowing where it reads; `key`: it reads a map's key. Its
/// errors are serde_json's: it only notes where one of serde_json's own was first seen.
struct Wrap<'a, D> {
    de: D,
    at: &'a Path<'a>,
    track: &'a Track,
    key: bool,
}

impl<'a, D> Wrap<'a, D> {
    fn visitor<V>(&self, inner: V, want: Want) -> WrapVisitor<'a, V> {
        WrapVisitor { inner, at: self.at, track: self.track, want, key: self.key }
    }
}

macro_rules! forward {
    ($($method:ident => $want:expr;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            let (at, track, want) = (self.at, self.track, $want);
            let visitor = self.visitor(visitor, want);
            self.de.$method(visitor).inspect_err(|_| track.seen(at, Some(want)))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Wrap<'_, D> {
    type Error = D::Error;

    forward! {
        deserialize_any => Want::Any;
        deserialize_bool => Want::Bool;
        deserialize_i8 => Want::int(i8::MIN, i8::MAX);
        deserialize_i16 => Want::int(i16::MIN, i16::MAX);
        deserialize_i32 => Want::int(i32::MIN, i32::MAX);
        deserialize_i64 => Want::int(i64::MIN, i64::MAX);
        deserialize_u8 => Want::int(u8::MIN, u8::MAX);
        deserialize_u16 => Want::int(u16::MIN, u16::MAX);
        deserialize_u32 => Want::int(u32::MIN, u32::MAX);
        deserialize_u64 => Want::int(u64::MIN, u64::MAX);
        deserialize_f32 => Want::Number;
        deserialize_f64 => Want::Number;
        deserialize_char => Want::Str;
        deserialize_str => Want::Str;
        deserialize_string => Want::Str;
        deserialize_bytes => Want::Str;
        deserialize_byte_buf => Want::Str;
        deserialize_option => Want::Any;
        deserialize_unit => Want::Any;
        deserialize_seq => Want::Seq;
        deserialize_map => Want::Map;
        deserialize_identifier => Want::Str;
        deserialize_ignored_any => Want::Any;
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        let (at, track, want) = (self.at, self.track, Want::Any);
        let visitor = self.visitor(visitor, want);
        self.de.deserialize_unit_struct(name, visitor).inspect_err(|_| track.seen(at, Some(want)))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        let (at, track, want) = (self.at, self.track, Want::Any);
        let visitor = self.visitor(visitor, want);
        self.de.deserialize_newtype_struct(name, visitor).inspect_err(|_| track.seen(at, Some(want)))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, D::Error> {
        let (at, track, want) = (self.at, self.track, Want::Seq);
        let visitor = self.visitor(visitor, want);
        self.de.deserialize_tuple(len, visitor).inspect_err(|_| track.seen(at, Some(want)))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let (at, track, want) = (self.at, self.track, Want::Seq);
        let visitor = self.visitor(visitor, want);
        self.de.deserialize_tuple_struct(name, len, visitor).inspect_err(|_| track.seen(at, Some(want)))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let (at, track, want) = (self.at, self.track, Want::Map);
        let visitor = self.visitor(visitor, want);
        self.de.deserialize_struct(name, fields, visitor).inspect_err(|_| track.seen(at, Some(want)))
    }

    /// An enum is a name: read as a string and handed to the enum's visitor as a unit variant.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let (at, track) = (self.at, self.track);
        let visitor = EnumByName { inner: visitor, at, track };
        self.de.deserialize_str(visitor).inspect_err(|_| track.seen(at, Some(Want::Str)))
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// A visitor that forwards to the reader's, giving it [`Raw`] errors, and places them.
struct WrapVisitor<'a, V> {
    inner: V,
    at: &'a Path<'a>,
    track: &'a Track,
    want: Want,
    key: bool,
}

macro_rules! visit_scalar {
    ($($method:ident($ty:ty);)*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            let (at, track, want) = (self.at, self.track, self.want);
            self.inner.$method(v).map_err(|Raw(e)| e).inspect_err(|_| track.placed_here(at, want))
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for WrapVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    visit_scalar! {
        visit_bool(bool);
        visit_i64(i64);
        visit_u64(u64);
        visit_f64(f64);
        visit_char(char);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.note_key(v);
        let (at, track, want) = (self.at, self.track, self.want);
        self.inner.visit_str(v).map_err(|Raw(e)| e).inspect_err(|_| track.placed_here(at, want))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.note_key(v);
        let (at, track, want) = (self.at, self.track, self.want);
        self.inner.visit_borrowed_str(v).map_err(|Raw(e)| e).inspect_err(|_| track.placed_here(at, want))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.note_key(&v);
        let (at, track, want) = (self.at, self.track, self.want);
        self.inner.visit_string(v).map_err(|Raw(e)| e).inspect_err(|_| track.placed_here(at, want))
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        let (at, track, want) = (self.at, self.track, self.want);
        self.inner.visit_unit().map_err(|Raw(e)| e).inspect_err(|_| track.placed_here(at, want))
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        let (at, track, want) = (self.at, self.track, self.want);
        self.inner.visit_none().map_err(|Raw(e)| e).inspect_err(|_| track.placed_here(at, want))
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(Wrap { de, at: self.at, track: self.track, key: self.key })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(Wrap { de, at: self.at, track: self.track, key: self.key })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        let (at, track, want) = (self.at, self.track, self.want);
        if let Want::Map = want {
            // serde_json would read a struct from an array of its fields in order; the format has objects.
            track.keep(Typed::WrongType { huge: false }, at, want);
            return Err(de::Error::custom(""));
        }
        self.inner
            .visit_seq(WrapSeq { seq, at, track, index: 0 })
            .map_err(|Raw(e)| e)
            .inspect_err(|_| track.placed_here(at, want))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let (at, track, want) = (self.at, self.track, self.want);
        self.inner
            .visit_map(WrapMap { map, at, track })
            .map_err(|Raw(e)| e)
            .inspect_err(|_| track.placed_here(at, want))
    }
}

impl<V> WrapVisitor<'_, V> {
    /// A map's key is kept for the path of its value.
    fn note_key(&self, key: &str) {
        if self.key {
            *self.track.key.borrow_mut() = Some(key.to_string());
        }
    }
}

/// Reads an enum's name and hands it to the enum's visitor.
struct EnumByName<'a, V> {
    inner: V,
    at: &'a Path<'a>,
    track: &'a Track,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for EnumByName<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<V::Value, E> {
        let (at, track) = (self.at, self.track);
        let name: de::value::StrDeserializer<'_, Raw<E>> = name.into_deserializer();
        self.inner.visit_enum(name).map_err(|Raw(e)| e).inspect_err(|_| track.placed_here(at, Want::Str))
    }
}

/// A sequence whose elements know their index.
struct WrapSeq<'a, A> {
    seq: A,
    at: &'a Path<'a>,
    track: &'a Track,
    index: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for WrapSeq<'_, A> {
    type Error = Raw<A::Error>;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Self::Error> {
        let (at, track) = (Path::Index(self.at, self.index), self.track);
        self.index += 1;
        self.seq
            .next_element_seed(WrapSeed { seed, at: &at, track, key: false })
            .map_err(Raw)
            .inspect_err(|_| track.seen(&at, None))
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// A map whose values know their key.
struct WrapMap<'a, A> {
    map: A,
    at: &'a Path<'a>,
    track: &'a Track,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for WrapMap<'_, A> {
    type Error = Raw<A::Error>;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Self::Error> {
        let (at, track) = (self.at, self.track);
        self.map
            .next_key_seed(WrapSeed { seed, at, track, key: true })
            .map_err(Raw)
            .inspect_err(|_| track.seen(at, None))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Self::Error> {
        let key = self.track.key.take().unwrap_or_default();
        let (at, track) = (Path::Key(self.at, &key), self.track);
        self.map
            .next_value_seed(WrapSeed { seed, at: &at, track, key: false })
            .map_err(Raw)
            .inspect_err(|_| track.seen(&at, None))
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A seed that reads through a [`Wrap`] (its errors are serde_json's).
struct WrapSeed<'a, S> {
    seed: S,
    at: &'a Path<'a>,
    track: &'a Track,
    key: bool,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for WrapSeed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Wrap { de, at: self.at, track: self.track, key: self.key })
    }
}
