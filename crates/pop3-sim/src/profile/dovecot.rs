//! Dovecot 2.3.19 on Debian with its defaults (`pop3-login` before login, `pop3` after).
//!
//! Every text here was recorded byte for byte from a real server (`tests/reference/dovecot-*.json`) or, where
//! the recording holds no case, taken from Dovecot 2.3's `src/pop3-login` and `src/pop3` sources: the
//! inactivity texts, `Invalid characters in MD5 response.`, `APOP not enabled.`, the size-parsing errors
//! and `TLS support isn't enabled.`.
//!
//! Rules read from those sources rather than from a recorded case:
//!
//! * A line whose verb is empty. `pop3-login` (`src/pop3-login/client.c`, `client_read_cmd_name`) ends the
//!   name at the first space, CR or LF and answers any name it does not know, the empty one included,
//!   `-ERR Unknown command.`. After login `pop3` (`src/pop3/pop3-client.c`, `client_handle_input`) cuts the
//!   line at its first space only, and `client_command_execute` (`src/pop3/pop3-commands.c`) upper-cases the
//!   name and echoes an unknown one: an empty line or one that starts with a space gets
//!   `-ERR Unknown command: ` with nothing after it, one that starts with a tab echoes the tab and the rest of
//!   the name (the [`Dialect::Strict`] split, [`Replies::unknown_after_login`]).
//! * A message number too large: `get_msgnum` reads it into an `unsigned int` with `str_parse_uint`
//!   (`src/lib/strnum.c`), whose end pointer has already moved past digits that fit 64 bits when the 32-bit
//!   check refuses them; see [`crate::number::strict`] for every width and form.

use super::*;

/// The `dovecot` profile.
pub fn profile() -> Profile {
    Profile {
        id: "dovecot".into(),
        title: "Dovecot 2.3 (Debian)".into(),
        source: "Recorded from Dovecot 2.3.19.1 on Debian 12 (defaults, APOP on); rules beyond the recording \
                 from Dovecot 2.3's pop3-login and pop3 sources."
            .into(),
        dialect: Dialect::Strict,
        apop: true,
        apop_host: "pop3ref".into(),
        login: LoginRules {
            user_requires_argument: false,
            pass_requires_argument: false,
            forget_user_after_pass: true,
            pipelined_input_lost_at_login: false,
            plaintext_check_on_pass: true,
        },
        // pop3's client_command_execute (src/pop3/pop3-commands.c) knows CAPA, DELE, LIST, NOOP, QUIT, RETR,
        // RSET, STAT, TOP and UIDL (LAST only with pop3_enable_last); every login command, UTF8 included, is
        // `-ERR Unknown command: <VERB>` after login.
        mail: MailRules::default(),
        sasl: SaslRules {
            mechanisms: vec!["PLAIN".into(), "LOGIN".into()],
            hidden_mechanisms: vec![],
            list_on_bare_auth: true,
            delay_unknown_mechanism: false,
            challenge_host: "pop3ref".into(),
        },
        capabilities: Capabilities {
            header: "+OK".into(),
            before_login: [
                "CAPA",
                "TOP",
                "UIDL",
                "RESP-CODES",
                "PIPELINING",
                "AUTH-RESP-CODE",
                "{STLS}",
                "{USER}",
                "{SASL}",
            ]
            .map(String::from)
            .to_vec(),
            after_login: ["CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE"]
                .map(String::from)
                .to_vec(),
        },
        limits: Limits {
            line_before_login: LineLimit::AfterName { name_max: 1024, rest_max: 1026 },
            line_after_login: LineLimit::Whole { max: 2048 },
            line_sasl: LineLimit::Whole { max: 8192 },
            bad_commands_before_login: Some(3),
            bad_commands_after_login: Some(20),
        },
        timing: Timing {
            failed_login_delay_ms: 2_000,
            // src/auth/auth-penalty.{h,c}: level N waits 2·2^N s, at most 15 s; at most level 4. Measured
            // against Dovecot 2.3.19 (the same wrong password six times: 1.5, 6, 6, 6, 2, 2 s — the failure
            // delay is really flushed on a 2 s timer, modelled as 2 s).
            penalty_ms: vec![0, 4_000, 8_000, 15_000, 15_000],
            lock_wait_ms: 10_000,
            login_timeout_ms: 180_000,
            idle_timeout_ms: 600_000,
        },
        lock_session: false,
        uidl: UidlFormat::HexUidValidity,
        replies: Replies {
            greeting: "+OK Dovecot (Debian) ready.{apop}".into(),
            user_ok: "+OK".into(),
            logged_in: "+OK Logged in.".into(),
            login_failed: "-ERR [AUTH] Authentication failed.".into(),
            sasl_failed: "-ERR [AUTH] Authentication failed.".into(),
            pass_without_user: "-ERR No username given.".into(),
            unknown_before_login: "-ERR Unknown command.".into(),
            unknown_after_login: "-ERR Unknown command: {verb}".into(),
            too_many_bad_before_login: Some("-ERR Too many invalid bad commands.".into()),
            too_many_bad_after_login: Some("-ERR Too many bad commands.".into()),
            line_too_long_before_login: Some("-ERR Input buffer full, aborting".into()),
            line_too_long_after_login: Some("-ERR Input line too long.".into()),
            stat: "+OK {count} {octets}".into(),
            list_header: "+OK {count} messages:".into(),
            list_one: "+OK {n} {octets}".into(),
            retr: "+OK {octets} octets".into(),
            top: "+OK".into(),
            uidl_header: "+OK".into(),
            uidl_one: "+OK {n} {uidl}".into(),
            dele: "+OK Marked to be deleted.".into(),
            rset: "+OK".into(),
            noop: "+OK".into(),
            quit_before_login: "+OK Logging out".into(),
            quit: "+OK Logging out.".into(),
            quit_deleted: "+OK Logging out, messages deleted.".into(),
            no_such_message: "-ERR There's no message {n}.".into(),
            message_deleted: "-ERR Message is deleted.".into(),
            invalid_number: "-ERR Invalid message number: {arg}".into(),
            number_too_large: "-ERR Message number too large: {arg}".into(),
            noise_after_number: "-ERR Noise after message number: {rest}".into(),
            invalid_size: "-ERR Invalid size: {arg}".into(),
            size_too_large: "-ERR Size too large: {arg}".into(),
            noise_after_size: "-ERR Noise after size: {rest}".into(),
            message_gone: "-ERR Message {n} expunged.".into(),
            sasl_list_header: "+OK".into(),
            sasl_plain_prompt: "+ ".into(),
            sasl_login_user_prompt: "+ VXNlcm5hbWU6".into(),
            sasl_login_pass_prompt: "+ UGFzc3dvcmQ6".into(),
            sasl_cram_prompt: "+ {challenge}".into(),
            sasl_bad_base64_initial: "-ERR [AUTH] Invalid base64 data in initial response".into(),
            sasl_bad_base64_response: "-ERR [AUTH] Invalid base64 in response".into(),
            sasl_cancelled: "-ERR Authentication aborted by client.".into(),
            sasl_unknown_mechanism: "-ERR [AUTH] Unsupported authentication mechanism.".into(),
            apop_not_enabled: Some("-ERR APOP not enabled.".into()),
            apop_invalid_parameters: "-ERR Invalid parameters.".into(),
            apop_invalid_digest: "-ERR Invalid characters in MD5 response.".into(),
            stls_ok: "+OK Begin TLS negotiation now.".into(),
            stls_active: "-ERR TLS is already active.".into(),
            stls_unavailable: "-ERR TLS support isn't enabled.".into(),
            utf8: None,
            plaintext_refused: "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections."
                .into(),
            in_use: "-ERR [IN-USE] Mailbox is locked by another POP3 session.".into(),
            mailbox_unavailable: UnavailableReply {
                after_login_ok: true,
                text:
                    "-ERR [SYS/TEMP] Internal error occurred. Refer to server log for more information. [{timestamp}]"
                        .into(),
                eol: "\r\n".into(),
            },
            inactivity: Some("-ERR Disconnected for inactivity.".into()),
            inactivity_during_auth: Some("-ERR Disconnected for inactivity during authentication.".into()),
        },
    }
}
