//! [`Secret`]: a value that never shows itself in `Debug` output.
//!
//! Passwords and APOP secrets live in scenarios, sessions and logs' neighbourhood; wrapping them means a
//! stray `{:?}` in a log line or a panic message cannot leak them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A value hidden from `Debug`. Read it with [`Secret::expose`].
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Secret(value)
    }

    /// The hidden value, for the code that really needs it (credential checks).
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> From<T> for Secret<T> {
    fn from(value: T) -> Self {
        Secret(value)
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let s = Secret::new(String::from("moje_hasło"));
        let shown = format!("{s:?} {:?}", Some(&s));
        assert!(!shown.contains("moje"), "{shown}");
        assert_eq!(s.expose(), "moje_hasło");
    }
}
