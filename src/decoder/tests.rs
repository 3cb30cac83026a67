//! The decoder against real messages (the seed's, Outlook's in both languages) and hostile pastes.

use super::*;

const SEED: &str = "Server returned an error. Account: 'pop3.outlook.pl', Server: 'pop.outlook.pl', Protocol: POP3, Server response: '-ERR Cannot connect to POP server pop.outlook.pl (193.143.77.12:110), connect error 10060', Port: 110, Secure (SSL): No, Server error: 0x800CCC90, Error number: 0x800CCC90";

fn numbers(d: &Decoded) -> Vec<u32> {
    d.codes.iter().map(|f| f.code.number()).collect()
}

#[test]
fn every_entry_decodes_from_its_bare_code_and_its_name() {
    for entry in ENTRIES {
        for spelling in
            [entry.display(), entry.display().to_lowercase(), entry.name.to_string(), entry.name.to_lowercase()]
        {
            let d = decode(&spelling);
            assert_eq!(d.codes, vec![Found { code: Code::Known(entry), in_response: false }], "{spelling}");
        }
    }
}

#[test]
fn the_table_is_consistent() {
    for (i, entry) in ENTRIES.iter().enumerate() {
        assert!(ENTRIES[i + 1..].iter().all(|o| o.code != entry.code && o.name != entry.name), "{}", entry.name);
        assert_eq!(entry.is_outlook(), entry.name.starts_with("IXP_E_"), "{}", entry.name);
        if entry.is_outlook() {
            assert_eq!(entry.code & 0xFFFF_FF00, 0x800C_CC00);
            let pop3 = entry.name.starts_with("IXP_E_POP3_");
            assert_eq!(entry.source, if pop3 { Source::MicrosoftImnxport } else { Source::WineImnxport });
            assert_eq!(family(entry.code), if pop3 { Family::Pop3 } else { Family::General });
        } else {
            assert!((10000..=11999).contains(&entry.code) && entry.name.starts_with("WSA"));
            assert_eq!(entry.source, Source::MicrosoftWinsock);
        }
        for id in entry.scenarios {
            assert!(SCENARIO_IDS.contains(id), "{id}");
        }
    }
    // Spot checks against the sources (HR_E(n) = 0x800C0000 | n; WSABASEERR = 10000).
    assert_eq!(lookup(0x800C_CC0E).unwrap().name, "IXP_E_FAILED_TO_CONNECT");
    assert_eq!(lookup(0x800C_CC0F).unwrap().name, "IXP_E_CONNECTION_DROPPED");
    assert_eq!(lookup(0x800C_CC90).unwrap().name, "IXP_E_POP3_RESPONSE_ERROR");
    assert_eq!(lookup(0x800C_CC92).unwrap().name, "IXP_E_POP3_INVALID_PASSWORD");
    assert_eq!(lookup(10000 + 60).unwrap().name, "WSAETIMEDOUT");
    assert_eq!(lookup(10000 + 1001).unwrap().name, "WSAHOST_NOT_FOUND");
}

/// Each built-in scenario lists the errors it shows (`errors`); each of them must lead back to it.
#[test]
fn the_scenario_files_errors_lead_back_to_them() {
    for id in SCENARIO_IDS {
        let scenario = pop3_sim::scenario::builtin(id).unwrap();
        for code in &scenario.errors {
            let Some(Found { code: Code::Known(entry), .. }) = decode(code).codes.first().copied() else {
                panic!("{id}: {code} is not in the table");
            };
            assert!(entry.scenarios.contains(&id), "{id} lists {code}, but {} does not lead to it", entry.name);
        }
    }
}

#[test]
fn the_seed_message_decodes_whole() {
    let d = decode(SEED);
    assert_eq!(numbers(&d), [0x800C_CC90, 10060]);
    assert!(!d.codes[0].in_response && d.codes[1].in_response);
    assert!(matches!(d.codes[0].code, Code::Known(Entry { name: "IXP_E_POP3_RESPONSE_ERROR", .. })));
    assert!(matches!(d.codes[1].code, Code::Known(Entry { name: "WSAETIMEDOUT", .. })));
    assert_eq!(
        d.response.as_deref(),
        Some("-ERR Cannot connect to POP server pop.outlook.pl (193.143.77.12:110), connect error 10060")
    );
    assert_eq!(d.server.as_deref(), Some("pop.outlook.pl"));
    assert_eq!((d.port, d.ssl), (Some(110), Some(false)));
    assert_eq!(d.findings, [Finding::ProxyCouldNotConnect { socket_error: Some(10060) }]);
    assert!(!d.truncated && !d.more_codes);
    let scenarios = d.scenarios();
    assert_eq!(scenarios[0], "timeout-10060");
    assert!(scenarios.contains(&"mailbox-locked"));
    assert!(scenarios.iter().all(|id| SCENARIO_IDS.contains(id)));
}

#[test]
fn polish_outlook_labels_and_line_breaks() {
    let d = decode(
        "Serwer zwrócił błąd. Konto: 'x', Serwer: 'pop.example.pl', Protokół: POP3,\r\nOdpowiedź serwera: '-ERR [IN-USE] Unable to lock maildrop',\r\nPort: 995, Bezpieczne (SSL): Nie, Błąd serwera: 0x800CCC92, Numer błędu: 0x800ccc92",
    );
    assert_eq!(numbers(&d), [0x800C_CC92]);
    assert_eq!(d.response.as_deref(), Some("-ERR [IN-USE] Unable to lock maildrop"));
    assert_eq!(d.server.as_deref(), Some("pop.example.pl"));
    assert_eq!((d.port, d.ssl), (Some(995), Some(false)));
    assert_eq!(d.findings, [Finding::Reply(Hint::InUse), Finding::PlainOn995]);
    assert_eq!(d.scenarios()[..2], ["mailbox-locked", "wrong-port-995"]);
}

#[test]
fn spellings_of_a_code() {
    for text in ["0x800CCC0E", "800ccc0e", "0X800CCC0E", " 0x800ccc0E\n", "Error Number: 0x800CCC0E.", "(800CCC0E)"] {
        assert_eq!(numbers(&decode(text)), [0x800C_CC0E], "{text}");
    }
    for text in ["10060", "WSAETIMEDOUT", "wsaetimedout", "connect error 10060", "Socket Error: 10060,"] {
        assert_eq!(numbers(&decode(text)), [10060], "{text}");
    }
    assert_eq!(numbers(&decode("Socket Error: 10061, Error Number: 0x800CCC0E")), [10061, 0x800C_CC0E]);
    assert_eq!(numbers(&decode("ixp_e_timeout")), [0x800C_CC19]);
}

#[test]
fn unknown_codes_are_reported_not_dropped() {
    let d = decode("0x800CCC6A and 0x800ccc99, 0x8004210A; Socket error 10099");
    assert_eq!(
        d.codes.iter().map(|f| f.code).collect::<Vec<_>>(),
        [
            Code::UnknownOutlook(0x800C_CC6A),
            Code::UnknownOutlook(0x800C_CC99),
            Code::UnknownHresult(0x8004_210A),
            Code::UnknownWinsock(10099)
        ]
    );
    assert_eq!(family(0x800C_CC6A), Family::Smtp);
    assert_eq!(family(0x800C_CC99), Family::Pop3);
    assert_eq!(numbers(&decode("10099")), [10099]);
}

#[test]
fn empty_input_and_numbers_that_are_not_codes() {
    assert!(decode("").is_empty());
    assert!(decode(" \n\t ").is_empty());
    for text in
        ["hello", "12345", "99999", "deadbeef", "0x1234", "10.0.10060.1", "193.143.77.12:10060", "10099 unexplained"]
    {
        assert!(decode(text).codes.is_empty(), "{text}");
    }
}

#[test]
fn a_response_holding_quotes_and_ssl_on_110() {
    let d = decode("Server response: '-ERR Can't open the message file - it's gone!', Port: 110, Secure(SSL): Yes");
    assert_eq!(d.response.as_deref(), Some("-ERR Can't open the message file - it's gone!"));
    assert_eq!((d.port, d.ssl), (Some(110), Some(true)));
    assert_eq!(d.findings, [Finding::SslOn110]);
    let d = decode("Server response: '-ERR [AUTH] Authentication failed.'");
    assert_eq!(d.findings, [Finding::Reply(Hint::Auth)]);
    let d = decode(
        "Server response: '-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.'",
    );
    assert_eq!(d.findings, [Finding::Reply(Hint::TlsRequired)]);
    let d = decode("Server response: '-ERR unterminated");
    assert_eq!(d.response.as_deref(), Some("-ERR unterminated"));
    assert_eq!(decode("Port: 587").findings, [Finding::SendingPort(587)]);
    assert_eq!(decode("Port: 1110").findings, [Finding::UnusualPort(1110)]);
    assert_eq!(decode("Support: 995").port, None);
}

#[test]
fn repeated_codes_are_listed_once_and_many_are_capped() {
    let d = decode("0x800CCC0E 0x800ccc0e 800CCC0E");
    assert_eq!(numbers(&d), [0x800C_CC0E]);
    let many: String = (0..=255u32).map(|n| format!("0x800CCC{n:02X} ")).collect();
    let d = decode(&many);
    assert_eq!(d.codes.len(), MAX_CODES);
    assert!(d.more_codes);
}

#[test]
fn long_input_is_cut_and_long_responses_are_shortened() {
    let mut text = "x".repeat(MAX_INPUT - 1);
    text.push('ą'); // a two-byte character across the limit
    text.push_str(" 0x800CCC0E");
    let d = decode(&text);
    assert!(d.truncated && d.codes.is_empty());
    assert_eq!(d.input_bytes, text.len());
    let d = decode(&format!("Server response: '-ERR {}'", "y".repeat(5000)));
    assert_eq!(d.response.as_ref().map(|r| r.chars().count()), Some(MAX_RESPONSE_CHARS + 1));
}

/// A fuzz-ish run: pseudo-random mixes of code fragments, labels, quotes, multi-byte characters and
/// arbitrary bytes (made into text the way a paste would be) must never panic, and the output stays
/// bounded.
#[test]
fn arbitrary_input_never_panics() {
    let pieces: [&str; 24] = [
        "0x800CCC",
        "800ccc",
        "0E",
        "9",
        "10060",
        "1106",
        "'",
        "\"",
        "‘",
        "’",
        ",",
        ":",
        " ",
        "\n",
        "Port:",
        "Server response:",
        "Odpowiedź serwera:",
        "(SSL):",
        "Nie",
        "Yes",
        "Serwer:",
        "błąd",
        "-ERR",
        "ą",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..3000 {
        let mut text = String::new();
        let len = next() % 60;
        for _ in 0..len {
            let r = next();
            if r % 5 == 0 {
                let bytes: Vec<u8> = (0..(r % 7)).map(|_| next() as u8).collect();
                text.push_str(&String::from_utf8_lossy(&bytes));
            } else {
                text.push_str(pieces[(r % pieces.len() as u64) as usize]);
            }
        }
        let d = decode(&text);
        assert!(d.codes.len() <= MAX_CODES);
        assert!(d.response.as_ref().is_none_or(|r| r.chars().count() <= MAX_RESPONSE_CHARS + 1));
        let _ = d.scenarios();
    }
}

#[test]
fn ten_megabytes_are_cheap() {
    let big = "Server response: '0x800CCC0E 10060 ".repeat(10 * 1024 * 1024 / 36);
    let started = std::time::Instant::now();
    let d = decode(&big);
    assert!(d.truncated && d.codes.len() <= MAX_CODES);
    assert!(started.elapsed().as_secs() < 5);
}
