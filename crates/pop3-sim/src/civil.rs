//! Calendar dates from Unix time, for the texts servers and clients print (Dovecot's error time stamps,
//! certificate validity in `openssl s_client`). UTC only; no clock is read here.

/// A UTC date and time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    /// Year, e.g. 2026.
    pub year: u64,
    /// Month, 1–12.
    pub month: u64,
    /// Day of the month, 1–31.
    pub day: u64,
    /// Hour, 0–23.
    pub hour: u64,
    /// Minute, 0–59.
    pub minute: u64,
    /// Second, 0–59.
    pub second: u64,
}

impl Civil {
    /// The date and time of a Unix timestamp (seconds since 1970, UTC), by Howard Hinnant's civil-from-days.
    pub fn from_unix(unix: u64) -> Civil {
        let days = unix / 86_400;
        let secs = unix % 86_400;
        let z = days + 719_468;
        let era = z / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + u64::from(month <= 2);
        Civil { year, month, day, hour: secs / 3600, minute: secs / 60 % 60, second: secs % 60 }
    }

    /// `2026-11-27 13:22:26`.
    pub fn iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// OpenSSL's `ASN1_TIME_print` form: `Nov 27 13:22:26 2026 GMT` (the day padded with a space).
    pub fn openssl(&self) -> String {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let month = MONTHS[(self.month.clamp(1, 12) - 1) as usize];
        format!("{month} {:>2} {:02}:{:02}:{:02} {} GMT", self.day, self.hour, self.minute, self.second, self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(Civil::from_unix(0).iso(), "1970-01-01 00:00:00");
        assert_eq!(Civil::from_unix(1_700_000_000).iso(), "2023-11-14 22:13:20");
        assert_eq!(Civil::from_unix(951_782_400).iso(), "2000-02-29 00:00:00");
        assert_eq!(Civil::from_unix(1_735_689_600).openssl(), "Jan  1 00:00:00 2025 GMT");
    }
}
