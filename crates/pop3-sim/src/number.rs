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
    /// The digits overflow; carries the whole argument.
    TooLarge(&'a [u8]),
    /// Something follows the digits where it should not; carries what follows.
    Noise(&'a [u8]),
}

/// Reads a decimal number at the start of `args` the way Dovecot's `get_msgnum`/`get_size` do. With
/// `then_space` the number must be followed by a space (TOP's message number), otherwise by the end of the
/// line. Returns the number and the rest after any spaces.
pub fn strict(args: &[u8], then_space: bool, max: u64) -> Result<(u64, &[u8]), NumberError<'_>> {
    if !args.first().is_some_and(u8::is_ascii_digit) {
        return Err(NumberError::Invalid(args));
    }
    let digits = args.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut value: u64 = 0;
    for &d in &args[..digits] {
        value = match value.checked_mul(10).and_then(|v| v.checked_add(u64::from(d - b'0'))) {
            Some(v) if v <= max => v,
            _ => return Err(NumberError::TooLarge(args)),
        };
    }
    let rest = &args[digits..];
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
        type Row<'a> = (&'a str, bool, Result<(u64, &'a str), NumberError<'a>>);
        let cases: &[Row] = &[
            ("1", false, Ok((1, ""))),
            ("01", false, Ok((1, ""))),
            ("+1", false, Err(Invalid(b"+1"))),
            ("-1", false, Err(Invalid(b"-1"))),
            ("abc", false, Err(Invalid(b"abc"))),
            ("", false, Err(Invalid(b""))),
            ("1.0", false, Err(Noise(b".0"))),
            ("1 2", false, Err(Noise(b" 2"))),
            ("1 ", false, Err(Noise(b" "))),
            ("4294967295", false, Ok((4294967295, ""))),
            ("4294967296", false, Err(TooLarge(b"4294967296"))),
            ("1 5", true, Ok((1, "5"))),
            ("1   5", true, Ok((1, "5"))),
            ("1", true, Err(Noise(b""))),
        ];
        for (input, then_space, want) in cases {
            let got = strict(input.as_bytes(), *then_space, max).map(|(n, r)| (n, std::str::from_utf8(r).unwrap()));
            assert_eq!(&got, want, "{input:?}");
        }
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
