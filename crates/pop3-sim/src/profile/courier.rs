//! Courier 1.0.16 (`courierpop3login` before login, `courierpop3d` after).
//!
//! Texts recorded byte for byte from a real server (`tests/reference/courier-shared.json`); the rules beyond
//! the recording (how lines are split, `atoi`, `fgets` truncation, timeouts) come from courier-libs'
//! `imap/pop3login.c` and `imap/pop3dserver.c`. Courier has no APOP, no response codes, no bad-command limit.
//!
//! After login the mail process's command loop (`pop3dserver.c`, `loop()`) answers QUIT, STAT, LIST, RETR,
//! CAPA, DELE, NOOP, RSET, TOP, UIDL and UTF8; the login process's loop (`pop3login.c`, `main()`) answers QUIT,
//! UTF8, USER, CAPA, STLS, AUTH and PASS. So of the login commands QUIT, CAPA and UTF8 get the same reply in
//! both states ([`MailRules::utf8_after_login`]), and USER, PASS, AUTH and STLS get `-ERR Invalid command.` after
//! login, as APOP does everywhere. (UTF8 is in the login loop of courier-libs' `pop3login.C`; the older
//! `pop3login.c` lacks it, but Courier 1.0.16 advertises `UTF8 USER`.)

use super::*;

/// The `courier` profile.
pub fn profile() -> Profile {
    let invalid_number = "-ERR Invalid message number.".to_string();
    Profile {
        id: "courier".into(),
        title: "Courier 1.0".into(),
        source: "Recorded from Courier 1.0.16 POP3 (POP3AUTH=\"PLAIN LOGIN\", POP3_STARTTLS=YES); rules beyond the \
                 recording from courier-libs' pop3login.c and pop3dserver.c."
            .into(),
        dialect: Dialect::Lenient,
        apop: false,
        apop_host: "localhost".into(),
        login: LoginRules {
            user_requires_argument: true,
            pass_requires_argument: true,
            forget_user_after_pass: false,
            pipelined_input_lost_at_login: true,
            plaintext_check_on_pass: false,
        },
        // courierpop3d's loop() (imap/pop3dserver.c) answers QUIT, STAT, LIST, RETR, CAPA, DELE, NOOP, RSET,
        // TOP, UIDL and UTF8; of the commands courierpop3login also answers (QUIT, UTF8, USER, CAPA, STLS,
        // AUTH, PASS), QUIT, CAPA and UTF8 get the same reply after login, the rest `-ERR Invalid command.`.
        mail: MailRules { utf8_after_login: true },
        sasl: SaslRules {
            mechanisms: vec!["PLAIN".into(), "LOGIN".into()],
            hidden_mechanisms: vec!["CRAM-MD5".into()],
            list_on_bare_auth: false,
            delay_unknown_mechanism: true,
            challenge_host: "localhost".into(),
        },
        capabilities: Capabilities {
            header: "+OK Here's what I can do:".into(),
            before_login: caps(),
            after_login: caps(),
        },
        limits: Limits {
            line_before_login: LineLimit::Truncate { keep: 8191 },
            line_after_login: LineLimit::Truncate { keep: 8191 },
            line_sasl: LineLimit::Truncate { keep: 8191 },
            bad_commands_before_login: None,
            bad_commands_after_login: None,
        },
        timing: Timing {
            failed_login_delay_ms: 5_000,
            penalty_ms: vec![],
            lock_wait_ms: 0,
            login_timeout_ms: 60_000,
            idle_timeout_ms: 300_000,
        },
        lock_session: false,
        uidl: UidlFormat::UidDashValidity,
        replies: Replies {
            greeting: "+OK Hello there.".into(),
            user_ok: "+OK Password required.".into(),
            logged_in: "+OK logged in.".into(),
            login_failed: "-ERR Login failed.".into(),
            sasl_failed: "-ERR Authentication failed.".into(),
            pass_without_user: "-ERR USER/PASS required.".into(),
            unknown_before_login: "-ERR Invalid command.".into(),
            unknown_after_login: "-ERR Invalid command.".into(),
            too_many_bad_before_login: None,
            too_many_bad_after_login: None,
            line_too_long_before_login: None,
            line_too_long_after_login: None,
            stat: "+OK {count} {octets}".into(),
            list_header: "+OK POP3 clients that break here, they violate STD53.".into(),
            list_one: "+OK {n} {octets}".into(),
            retr: "+OK {octets} octets follow.".into(),
            top: "+OK headers follow.".into(),
            uidl_header: "+OK".into(),
            uidl_one: "+OK {n} {uidl}".into(),
            dele: "+OK Deleted.".into(),
            rset: "+OK Resurrected.".into(),
            noop: "+OK Yup.".into(),
            quit_before_login: "+OK Better luck next time.".into(),
            quit: "+OK Bye-bye.".into(),
            quit_deleted: "+OK Bye-bye.".into(),
            no_such_message: invalid_number.clone(),
            message_deleted: invalid_number.clone(),
            invalid_number: invalid_number.clone(),
            number_too_large: invalid_number.clone(),
            noise_after_number: invalid_number.clone(),
            invalid_size: invalid_number.clone(),
            size_too_large: invalid_number.clone(),
            noise_after_size: invalid_number,
            message_gone: "-ERR Can't open the message file - it's gone!".into(),
            sasl_list_header: "+OK".into(),
            sasl_plain_prompt: "+ ".into(),
            sasl_login_user_prompt: "+ VXNlcm5hbWU6".into(),
            sasl_login_pass_prompt: "+ UGFzc3dvcmQ6".into(),
            sasl_cram_prompt: "+ {challenge}".into(),
            sasl_bad_base64_initial: "-ERR Authentication aborted.".into(),
            sasl_bad_base64_response: "-ERR Authentication aborted.".into(),
            sasl_cancelled: "-ERR Authentication aborted.".into(),
            sasl_unknown_mechanism: "-ERR Authentication failed.".into(),
            apop_not_enabled: None,
            apop_invalid_parameters: "-ERR Invalid command.".into(),
            apop_invalid_digest: "-ERR Invalid command.".into(),
            stls_ok: "+OK Begin SSL/TLS negotiation now.".into(),
            stls_active: "-ERR TLS support not available.".into(),
            stls_unavailable: "-ERR TLS support not available.".into(),
            utf8: Some("+OK UTF8 enabled".into()),
            plaintext_refused: "-ERR TLS required to log in.".into(),
            in_use: "-ERR Your account is temporarily unavailable (+t bit set on home directory).".into(),
            mailbox_unavailable: UnavailableReply {
                after_login_ok: false,
                text: "-ERR chdir {path} failed".into(),
                eol: "\n".into(),
            },
            inactivity: None,
            inactivity_during_auth: None,
        },
    }
}

fn caps() -> Vec<String> {
    [
        "{SASL}",
        "{STLS}",
        "TOP",
        "{USER}",
        "LOGIN-DELAY 10",
        "PIPELINING",
        "UIDL",
        "UTF8 USER",
        "IMPLEMENTATION Courier Mail Server",
    ]
    .map(String::from)
    .to_vec()
}
