//! Reading message numbers and line counts, as each dialect's server does.
//!
//! Dovecot ([`strict`]) refuses anything but plain decimal digits and says why (`Invalid message number: +1`,
//! `Noise after message number: .0`, `Message number too large: …`). Courier ([`c_atoi`]) uses C's `atoi`:
//! leading blanks and a sign are accepted, reading stops at the first non-digit, and an overflowing value
//! saturates to `LONG_MAX` before being cut to a 32-bit `int`, which is how `4294967297` comes to mean 1.

/// Why a strict number was refused. Each variant carries the text the server echoes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError<'a> {
    /// The argument does not start with a digit; carries the whole argument.
    Invalid(&'a [u8]),
    /// The digits name a number larger than the type it is read into.
    TooLarge {
        /// The digits as the client sent them (leading zeros kept).
        digits: &'a [u8],
        /// What the server echoes: the whole argument when the digits overflow even 64 bits, otherwise only
        /// what follows the digits (see [`strict`]).
        echo: &'a [u8],
    },
    /// Something follows the digits where it should not; carries what follows.
    Noise(&'a [u8]),
}

/// Reads a decimal number at the start of `args` the way Dovecot's `get_msgnum`/`get_size` do
/// (`src/pop3/pop3-commands.c`), into a type whose largest value is `max`. With `then_space` the number must
/// be followed by a space (TOP's message number), otherwise by the end of the line. Returns the number and the
/// rest after any spaces.
///
/// A number too large is refused in one of two words, because of how Dovecot's `src/lib/strnum.c` parses:
/// `str_parse_uintmax` reads the digits into 64 bits and moves the caller's end pointer past them only when
/// they fit; `str_parse_uint` (the `STR_PARSE_U__TEMPLATE` wrappers) then refuses a value over the narrower
/// type's maximum *after* that pointer has moved, and `get_msgnum` echoes the argument from where the pointer
/// stands. So for a 32-bit message number, `4294967296` (fits 64 bits) is answered
/// `-ERR Message number too large: ` with nothing after it (`4294967296 2` echoes ` 2`), while
/// `18446744073709551616` (does not) echoes itself whole. Leading zeros never overflow; a sign is not a digit.
/// TOP's line count is a 64-bit `uoff_t` (`get_size`, `str_parse_uoff`): it can only overflow 64 bits, so its
/// refusal always echoes the whole argument.
pub fn strict(args: &[u8], then_space: bool, max: u64) -> Result<(u64, &[u8]), NumberError<'_>> {
    if !args.first().is_some_and(u8::is_ascii_digit) {
        return Err(NumberError::Invalid(args));
    }
    let len = args.iter().take_while(|b| b.is_ascii_digit()).count();
    let (digits, rest) = args.split_at(len);
    let value = digits
        .iter()
        .try_fold(0u64, |v, &d| v.checked_mul(10).and_then(|v| v.checked_add(u64::from(d - b'0'))))
        .ok_or(NumberError::TooLarge { digits, echo: args })?;
    if value > max {
        return Err(NumberError::TooLarge { digits, echo: rest });
    }
    let ok = if then_space { rest.first() == Some(&b' ') } else { rest.is_empty() };
    if !ok {
        return Err(NumberError::Noise(rest));
    }
    let skip = rest.iter().take_while(|&&b| b == b' ').count();
    Ok((value, &rest[skip..]))
}

/// C's `atoi` on glibc: `(int) strtol(s, NULL, 10)`.
pub fn c_atoi(s: &[u8]) -> i32 {
    let mut i = s.iter().take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')).count();
    let negative = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let mut value: i64 = 0;
    let mut saturated = false;
    for &d in s[i..].iter().take_while(|b| b.is_ascii_digit()) {
        match value.checked_mul(10).and_then(|v| v.checked_add(i64::from(d - b'0'))) {
            Some(v) => value = v,
            None => {
                saturated = true;
                break;
            }
        }
    }
    let long = match (saturated, negative) {
        (true, false) => i64::MAX,
        (true, true) => i64::MIN,
        (false, false) => value,
        (false, true) => -value,
    };
    // The cut to `int` keeps the low 32 bits.
    long as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_table() {
        use NumberError::*;
        let max = u64::from(u32::MAX);
        let too_large =
            |digits: &'static str, echo: &'static str| TooLarge { digits: digits.as_bytes(), echo: echo.as_bytes() };
        type Row<'a> = (&'a str, bool, Result<(u64, &'a str), NumberError<'a>>);
        let cases: &[Row] = &[
            ("1", false, Ok((1, ""))),
            ("01", false, Ok((1, ""))),
            ("0", false, Ok((0, ""))),
            ("+1", false, Err(Invalid(b"+1"))),
            ("-1", false, Err(Invalid(b"-1"))),
            ("abc", false, Err(Invalid(b"abc"))),
            ("", false, Err(Invalid(b""))),
            (" 1", false, Err(Invalid(b" 1"))),
            ("1.0", false, Err(Noise(b".0"))),
            ("1x", false, Err(Noise(b"x"))),
            ("1 2", false, Err(Noise(b" 2"))),
            ("1 ", false, Err(Noise(b" "))),
            ("4294967295", false, Ok((4294967295, ""))),
            ("00000000000000000000004294967295", false, Ok((4294967295, ""))),
            // Over 32 bits but within 64: the echo is what follows the digits.
            ("4294967296", false, Err(too_large("4294967296", ""))),
            ("04294967296", false, Err(too_large("04294967296", ""))),
            ("4294967296x", false, Err(too_large("4294967296", "x"))),
            ("4294967296 5", true, Err(too_large("4294967296", " 5"))),
            ("9223372036854775808", false, Err(too_large("9223372036854775808", ""))),
            ("18446744073709551615", false, Err(too_large("18446744073709551615", ""))),
            // Over 64 bits: the whole argument.
            ("18446744073709551616", false, Err(too_large("18446744073709551616", "18446744073709551616"))),
            ("99999999999999999999 1", true, Err(too_large("99999999999999999999", "99999999999999999999 1"))),
            ("1 5", true, Ok((1, "5"))),
            ("1   5", true, Ok((1, "5"))),
            ("1", true, Err(Noise(b""))),
        ];
        for (input, then_space, want) in cases {
            let got = strict(input.as_bytes(), *then_space, max).map(|(n, r)| (n, std::str::from_utf8(r).unwrap()));
            assert_eq!(&got, want, "{input:?}");
        }
        // A 64-bit type (TOP's line count) has only the second kind.
        assert_eq!(strict(b"18446744073709551615", false, u64::MAX), Ok((u64::MAX, &b""[..])));
        assert_eq!(
            strict(b"18446744073709551616", false, u64::MAX),
            Err(too_large("18446744073709551616", "18446744073709551616"))
        );
    }

    #[test]
    fn atoi_table() {
        let cases: &[(&str, i32)] = &[
            ("1", 1),
            ("01", 1),
            ("+1", 1),
            ("1.0", 1),
            (" 7x", 7),
            ("-1", -1),
            ("abc", 0),
            ("", 0),
            ("4294967297", 1),
            ("11111111111111111111111111111111", -1),
            ("-99999999999999999999999", 0),
        ];
        for (input, want) in cases {
            assert_eq!(c_atoi(input.as_bytes()), *want, "{input:?}");
        }
    }
}
