//! Gmail's POP3 service ("Gpop", `pop.gmail.com:995`, implicit TLS), as seen by clients from 2007 to today.
//!
//! Google publishes no POP3 reply texts, so every text comes from client logs and fixtures, group by group:
//!
//! - **Greeting.** `+OK Gpop ready for requests from <client IP> <session id>`: MailKit's fixture
//!   (`jstedfast/MailKit`, `UnitTests/Net/Pop3/Resources/gmail/greeting.txt`), node-poplib's README
//!   (`ditesh/node-poplib`, `README.md`) and `fetchmail -v` logs quoted in forum posts (2007, 2012). The
//!   template has no placeholder for the client's address or the session id, so a fixed address from the
//!   documentation range 192.0.2.0/24 and a fixed id shaped like the recorded ones (`hv19mb95710270qab`,
//!   `s71mb147807938ios`) are written in.
//! - **Login and logout.** `+OK send PASS`, `+OK Welcome.`, `-ERR [AUTH] Username and password not
//!   accepted.` and `+OK Farewell.` (also after a failed login): node-poplib's README demo against
//!   pop.gmail.com; `+OK send PASS`, `+OK Welcome.`, `+OK Farewell.` again in the fetchmail logs (forum
//!   posts of 2007-10-10 and 2012-04-02 archived in a public repository). `AUTH PLAIN` answered by `+ ` then
//!   `+OK Welcome.`: MailKit's fixtures `gmail/plus.txt` and `gmail/auth.txt`.
//! - **CAPA.** Before login `+OK Capability list follows` / `USER` / `RESP-CODES` / `EXPIRE 0` /
//!   `LOGIN-DELAY 300` / `TOP` / `UIDL` / `X-GOOGLE-RICO` / `SASL PLAIN XOAUTH2`, after login the same without
//!   `SASL` and with `PIPELINING` after `RESP-CODES`: MailKit's `gmail/capa1.txt` and `gmail/capa2.txt` (its
//!   Gmail test sends the second CAPA after `AUTH PLAIN`); the 2012 fetchmail log shows the same list before
//!   login (with `X-GOOGLE-VERHOEVEN`, since retired). `SASL PLAIN XOAUTH2 OAUTHBEARER`, the current line, is
//!   only seen in test doubles of Gmail, not in a transcript. The simulator implements neither XOAUTH2 nor
//!   OAUTHBEARER, so `{SASL}` here reads `SASL PLAIN`.
//! - **Transaction.** `+OK count octets` for STAT (fetchmail logs, MailKit `gmail/stat.txt`); `+OK n octets`
//!   for `LIST n` and `+OK message follows` for RETR (2007 fetchmail log); `+OK message follows` for TOP
//!   (MailKit `gmail/top.txt`); a bare `+OK` before the UIDL listing (2007 fetchmail log); `+OK 8 messages
//!   (87440 bytes)` before the LIST listing (an `openssl s_client -connect pop.gmail.com:995` session kept in
//!   a public course-notes repository); `+OK marked for deletion` for DELE (an `expect` script in a public
//!   repository that drives pop.gmail.com and waits for exactly that line); `-ERR Not supported` for `LAST`
//!   (2007 fetchmail log), used here for every unknown command after login.
//! - **Mailbox fault.** `+OK [SYS/TEMP] Due to a temporary system problem, this mailbox will seem empty.` in
//!   answer to PASS (a fetchmail log quoted in a German blog post kept in a public repository): Gmail logs
//!   the user in and shows an empty mailbox rather than refusing.
//! - **UIDL strings.** Real ones are `GmailId` and 16 lower-case hex digits (`GmailId149d8bf73becbfe0`,
//!   `GmailId12f79852626270cc` in database dumps of public projects that poll Gmail). The profile has no way
//!   to add the prefix, so the 16-hex-digit format is used without it.
//! - **Timing.** Google's "IMAP, POP, and SMTP" page (developers.google.com/gmail/imap/imap-smtp): POP
//!   sessions last about 7 days at most, POP needs SSL on port 995.
//!
//! **Reported second hand, not from a transcript:** `-ERR bad command` for an unknown command before login,
//! from the comments of a test double in the AutoJs6 Angus Mail plugin (`SuperMonster003/AutoJs6-Plugin-Angus-Mail`)
//! whose author describes Gmail's answers.
//!
//! **Not attested, chosen by analogy:** every other error text. `PASS` without `USER`, argument errors, STLS
//! and APOP (Gmail offers neither) reuse `-ERR bad command`; SASL failures, bad base64 and `*` reuse the PASS
//! failure text; a missing message and an already deleted one use RFC 1939's example wording (`-ERR no such
//! message`, `-ERR message 2 already deleted`); `[IN-USE]` borrows RFC 2449's response code (unreachable
//! here: Gmail does not lock). Also unattested: RSET's and NOOP's bare `+OK`, the `UIDL n` line, the
//! dialect (strict), the line limit (8 KiB, large enough for XOAUTH2 tokens), no bad-command limit, no
//! failed-login delay, bare `AUTH` refused, the 10-minute timeouts (RFC 1939's minimum for the autologout
//! timer) and closing without a message.

use super::*;

/// The `gmail` profile.
pub fn profile() -> Profile {
    let bad_command = "-ERR bad command".to_string();
    let not_accepted = "-ERR [AUTH] Username and password not accepted.".to_string();
    let farewell = "+OK Farewell.".to_string();
    Profile {
        id: "gmail".into(),
        title: "Gmail (pop.gmail.com)".into(),
        source: "Public client logs and fixtures (MailKit's Gmail fixtures, node-poplib's README, fetchmail logs \
                 in forum posts, openssl s_client and expect sessions) and Google's IMAP/POP/SMTP page; most \
                 error texts chosen by analogy (see gmail.rs)."
            .into(),
        dialect: Dialect::Strict,
        apop: false,
        apop_host: "localhost".into(),
        login: LoginRules {
            user_requires_argument: true,
            pass_requires_argument: false,
            forget_user_after_pass: true,
            pipelined_input_lost_at_login: false,
            plaintext_check_on_pass: true,
        },
        mail: MailRules::default(),
        sasl: SaslRules {
            // Gmail also offers XOAUTH2 and OAUTHBEARER, which the simulator does not implement.
            mechanisms: vec!["PLAIN".into()],
            hidden_mechanisms: vec![],
            list_on_bare_auth: false,
            delay_unknown_mechanism: false,
            challenge_host: "localhost".into(),
        },
        capabilities: Capabilities {
            header: "+OK Capability list follows".into(),
            before_login: [
                "{USER}",
                "RESP-CODES",
                "EXPIRE 0",
                "LOGIN-DELAY 300",
                "TOP",
                "UIDL",
                "X-GOOGLE-RICO",
                "{SASL}",
            ]
            .map(String::from)
            .to_vec(),
            after_login: [
                "USER",
                "RESP-CODES",
                "PIPELINING",
                "EXPIRE 0",
                "LOGIN-DELAY 300",
                "TOP",
                "UIDL",
                "X-GOOGLE-RICO",
            ]
            .map(String::from)
            .to_vec(),
        },
        limits: Limits {
            line_before_login: LineLimit::Whole { max: 8192 },
            line_after_login: LineLimit::Whole { max: 8192 },
            line_sasl: LineLimit::Whole { max: 8192 },
            bad_commands_before_login: None,
            bad_commands_after_login: None,
        },
        timing: Timing {
            failed_login_delay_ms: 0,
            penalty_ms: vec![],
            lock_wait_ms: 0,
            login_timeout_ms: 600_000,
            idle_timeout_ms: 600_000,
        },
        lock_session: false,
        uidl: UidlFormat::HexUidValidity,
        replies: Replies {
            greeting: "+OK Gpop ready for requests from 192.0.2.10 k12mb345678901xyz".into(),
            user_ok: "+OK send PASS".into(),
            logged_in: "+OK Welcome.".into(),
            login_failed: not_accepted.clone(),
            sasl_failed: not_accepted.clone(),
            pass_without_user: bad_command.clone(),
            unknown_before_login: bad_command.clone(),
            unknown_after_login: "-ERR Not supported".into(),
            too_many_bad_before_login: None,
            too_many_bad_after_login: None,
            line_too_long_before_login: None,
            line_too_long_after_login: None,
            stat: "+OK {count} {octets}".into(),
            list_header: "+OK {count} messages ({octets} bytes)".into(),
            list_one: "+OK {n} {octets}".into(),
            retr: "+OK message follows".into(),
            top: "+OK message follows".into(),
            uidl_header: "+OK".into(),
            uidl_one: "+OK {n} {uidl}".into(),
            dele: "+OK marked for deletion".into(),
            rset: "+OK".into(),
            noop: "+OK".into(),
            quit_before_login: farewell.clone(),
            quit: farewell.clone(),
            quit_deleted: farewell,
            no_such_message: "-ERR no such message".into(),
            message_deleted: "-ERR message {n} already deleted".into(),
            invalid_number: bad_command.clone(),
            number_too_large: bad_command.clone(),
            noise_after_number: bad_command.clone(),
            invalid_size: bad_command.clone(),
            size_too_large: bad_command.clone(),
            noise_after_size: bad_command.clone(),
            message_gone: "-ERR no such message".into(),
            // Unused: bare AUTH is refused.
            sasl_list_header: "+OK".into(),
            sasl_plain_prompt: "+ ".into(),
            // Unreachable: Gmail offers neither LOGIN nor CRAM-MD5; the usual prompts stand in.
            sasl_login_user_prompt: "+ VXNlcm5hbWU6".into(),
            sasl_login_pass_prompt: "+ UGFzc3dvcmQ6".into(),
            sasl_cram_prompt: "+ {challenge}".into(),
            sasl_bad_base64_initial: not_accepted.clone(),
            sasl_bad_base64_response: not_accepted.clone(),
            sasl_cancelled: not_accepted,
            sasl_unknown_mechanism: bad_command.clone(),
            // Gmail has no APOP: the verb is an unknown command.
            apop_not_enabled: None,
            apop_invalid_parameters: bad_command.clone(),
            apop_invalid_digest: bad_command.clone(),
            // Gmail has no STLS (TLS from the first byte on port 995); the OK text is RFC 2595's.
            stls_ok: "+OK Begin TLS negotiation".into(),
            stls_active: bad_command.clone(),
            stls_unavailable: bad_command.clone(),
            utf8: None,
            // Gmail has no plaintext port (TLS from the first byte): the generic error stands in.
            plaintext_refused: bad_command,
            in_use: "-ERR [IN-USE] Mailbox in use.".into(),
            mailbox_unavailable: UnavailableReply {
                after_login_ok: false,
                text: "+OK [SYS/TEMP] Due to a temporary system problem, this mailbox will seem empty.".into(),
                eol: "\r\n".into(),
            },
            inactivity: None,
            inactivity_during_auth: None,
        },
    }
}
