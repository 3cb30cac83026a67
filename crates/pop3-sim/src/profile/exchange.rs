//! Microsoft Exchange Server 2016 (the "Microsoft Exchange POP3" service of an on-premises Client Access
//! front end), configured the way a working POP3 setup is: plaintext login allowed (over TLS, or with
//! `LoginType PlainTextLogin`), `EnableGSSAPIAndNTLMAuth $false`, default timeouts and command size.
//! Exchange 2019 runs the same POP3 code base; its texts are believed identical but were not checked.
//!
//! Nothing here was recorded from a server of ours. The texts come from, group by group:
//!
//! - **Public transcripts.**
//!   - Greeting, `CAPA` (`+OK` / `TOP` / `UIDL` / `SASL PLAIN` / `USER`), `USER` → `+OK`,
//!     `+OK User successfully logged on.`, `STAT` → `+OK 0 0` and
//!     `+OK Microsoft Exchange Server 2016 POP3 server signing off.`: a `fetchmail -v` log against
//!     outlook.office365.com (2016) in docker-mailserver's docs
//!     (`docker-mailserver/docker-mailserver`, `docs/content/config/advanced/mail-fetchmail.md`).
//!   - `+OK Begin TLS negotiation.` and a CAPA with `STLS` last: MailKit issue #119
//!     (<https://github.com/jstedfast/MailKit/issues/119>), an on-premises Exchange.
//!   - `-ERR Logon failure: unknown user name or bad password.`: rust-pop3 issue #17
//!     (<https://github.com/mattnenterprise/rust-pop3/issues/17>) and MailKit issue #391 (Exchange 2003, same
//!     text); `-ERR Command is not valid in this state.` also in MailKit issue #391.
//!   - `-ERR Protocol error. 19` for a command Exchange does not know: freescout issue #2810
//!     (<https://github.com/freescout-help-desk/freescout/issues/2810>, `TAG1 LOGOUT` sent to port 110 of
//!     Office 365).
//!   - `-ERR Protocol error. Connection is closed. 10` for a line longer than the command limit: a one-line
//!     `AUTH XOAUTH2 <token>` sent to outlook.office365.com, reported in the AutoJs6 Angus Mail plugin's notes
//!     (`SuperMonster003/AutoJs6-Plugin-Angus-Mail`).
//!   - Decimal UIDs in the `UIDL` listing (`1 6499`): MailKit's Exchange fixture
//!     (`jstedfast/MailKit`, `UnitTests/Net/Pop3/Resources/exchange/uidl.txt`).
//! - **Vendor documentation.**
//!   - The default banner `The Microsoft Exchange POP3 service is ready.`, `MaxCommandSize` 512 (default),
//!     `LoginType SecureLogin` (default) and `EnableGSSAPIAndNTLMAuth`: the Set-PopSettings reference
//!     (`MicrosoftDocs/office-docs-powershell`, `exchange/exchange-ps/ExchangePowerShell/Set-PopSettings.md`).
//!   - Timeouts: "Set connection time-out limits for POP3" (learn.microsoft.com, Exchange 2013 and later):
//!     1,800 s idle after login, 60 s before; [MS-STANXPOP3] adds that commands do not reset the
//!     unauthenticated timer. [MS-STANXPOP3] 2.2.10 (V0012): Exchange does not support APOP.
//! - **Exchange's own strings.** The remaining texts are string constants of the `Microsoft.Exchange.Pop3`
//!   assembly of Exchange 2013 CU23 (build 15.00.1497), read in a decompiled copy published on GitHub (the
//!   search index did not record the repository's name). Only reply texts were taken: `+OK Begin TLS
//!   negotiation.`, `-ERR The specified message is out of range.`, `-ERR The requested message is no longer
//!   available; it may have been deleted.`, `-ERR Protocol error. 14` (bad argument), `… 16` (wrong number
//!   of arguments), `… 20` (third unknown command, then the connection closes), `-ERR Authentication
//!   failure: unknown user name or bad password.`, `-ERR The AUTH protocol exchange was canceled by the
//!   client.`, `-ERR Connection is closed. 12` (timeout), `-ERR Message corrupted`, `-ERR Server Unavailable.
//!   21`, the `+ ` continuation, the bare `+OK` of `DELE`, `RSET`, `NOOP`, `RETR`, `TOP` and `UIDL`, `+OK
//!   count octets` as the `LIST` header, and the bare-`AUTH` list (`+OK` / `PLAIN` / `.`). The same code gives
//!   the rules: `USER` needs an argument, `PASS` is only valid right after `USER` (a failed `PASS` needs a new
//!   `USER`), numbers go through .NET `int.TryParse`, extra words are refused, the third bad command closes
//!   the session, `STLS` and `CAPA`'s `STLS` line exist only before TLS.
//!
//! **Not attested, chosen by analogy** (say so if a tutor shows them): the failed-login delay (none is
//! documented; 0 here), the SASL line limit (only known to be above 512, since Outlook.com takes a two-line
//! `AUTH XOAUTH2` with a 1 KB+ token), `-ERR Authentication failure: …` for bad base64 (the AUTH failure
//! text reused), `-ERR Message corrupted` for a message another session expunged (the code path that
//! answers when a message's content cannot be read), `-ERR Server Unavailable. 21` for a mailbox that cannot
//! be opened (Exchange's generic exception reply), the inactivity text during AUTH (the timeout text
//! reused), and the texts of situations Exchange cannot reach (LOGIN and CRAM-MD5 prompts, `[IN-USE]`).
//!
//! **How it differs from a default install.** Out of the box `LoginType` is `SecureLogin`: on port 110
//! before `STLS`, `CAPA` lists only `TOP`, `UIDL`, `STLS`, and `USER`, `PASS` and `AUTH PLAIN` answer
//! `-ERR Command is not valid in this state.`; the simulator shows that through its own "plaintext login
//! refused" switch (the `{USER}` and `{STLS}` lines), not through this profile. With
//! `EnableGSSAPIAndNTLMAuth $true` (the default) the SASL line reads `SASL NTLM GSSAPI PLAIN`; the simulator
//! has no NTLM or GSSAPI, so only `PLAIN` is offered, as on Exchange Online.

use super::*;

/// The `exchange` profile.
pub fn profile() -> Profile {
    // Exchange answers every bad argument with a numbered "Protocol error" and no echo of the argument.
    let bad_argument = "-ERR Protocol error. 14".to_string();
    let wrong_argument_count = "-ERR Protocol error. 16".to_string();
    let not_valid_in_state = "-ERR Command is not valid in this state.".to_string();
    let unknown_command = "-ERR Protocol error. 19".to_string();
    let auth_failure = "-ERR Authentication failure: unknown user name or bad password.".to_string();
    let timeout = "-ERR Connection is closed. 12".to_string();
    let line_too_long = "-ERR Protocol error. Connection is closed. 10".to_string();
    let too_many_bad = "-ERR Protocol error. 20".to_string();
    Profile {
        id: "exchange".into(),
        title: "Microsoft Exchange Server 2016".into(),
        source: "Public transcripts (fetchmail log of outlook.office365.com in docker-mailserver's docs, MailKit \
                 and rust-pop3 issues, MailKit's Exchange fixtures), Microsoft's Set-PopSettings reference, \
                 POP3 time-out docs and [MS-STANXPOP3], and the reply strings of Exchange 2013's \
                 Microsoft.Exchange.Pop3 assembly; a few texts chosen by analogy (see exchange.rs)."
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
            mechanisms: vec!["PLAIN".into()],
            hidden_mechanisms: vec![],
            list_on_bare_auth: true,
            delay_unknown_mechanism: false,
            challenge_host: "localhost".into(),
        },
        capabilities: Capabilities {
            header: "+OK".into(),
            before_login: ["TOP", "UIDL", "{SASL}", "{USER}", "{STLS}"].map(String::from).to_vec(),
            after_login: ["TOP", "UIDL", "{SASL}", "{USER}", "{STLS}"].map(String::from).to_vec(),
        },
        limits: Limits {
            // MaxCommandSize 512 (documented default); whether the CRLF counts is not documented: assumed not.
            line_before_login: LineLimit::Whole { max: 514 },
            line_after_login: LineLimit::Whole { max: 514 },
            // Unattested: only known to be larger than MaxCommandSize.
            line_sasl: LineLimit::Whole { max: 8192 },
            // The third unknown command gets "Protocol error. 20" and the connection closes.
            bad_commands_before_login: Some(3),
            bad_commands_after_login: Some(2),
        },
        timing: Timing {
            failed_login_delay_ms: 0,
            penalty_ms: vec![],
            lock_wait_ms: 0,
            login_timeout_ms: 60_000,
            idle_timeout_ms: 1_800_000,
        },
        lock_session: false,
        uidl: UidlFormat::Decimal,
        replies: Replies {
            greeting: "+OK The Microsoft Exchange POP3 service is ready.".into(),
            user_ok: "+OK".into(),
            logged_in: "+OK User successfully logged on.".into(),
            login_failed: "-ERR Logon failure: unknown user name or bad password.".into(),
            sasl_failed: auth_failure.clone(),
            pass_without_user: not_valid_in_state.clone(),
            unknown_before_login: unknown_command.clone(),
            unknown_after_login: unknown_command.clone(),
            too_many_bad_before_login: Some(too_many_bad.clone()),
            too_many_bad_after_login: Some(too_many_bad),
            line_too_long_before_login: Some(line_too_long.clone()),
            line_too_long_after_login: Some(line_too_long),
            stat: "+OK {count} {octets}".into(),
            list_header: "+OK {count} {octets}".into(),
            list_one: "+OK {n} {octets}".into(),
            retr: "+OK".into(),
            top: "+OK".into(),
            uidl_header: "+OK".into(),
            uidl_one: "+OK {n} {uidl}".into(),
            dele: "+OK".into(),
            rset: "+OK".into(),
            noop: "+OK".into(),
            quit_before_login: "+OK Microsoft Exchange Server 2016 POP3 server signing off.".into(),
            quit: "+OK Microsoft Exchange Server 2016 POP3 server signing off.".into(),
            quit_deleted: "+OK Microsoft Exchange Server 2016 POP3 server signing off.".into(),
            no_such_message: "-ERR The specified message is out of range.".into(),
            message_deleted: "-ERR The requested message is no longer available; it may have been deleted.".into(),
            invalid_number: bad_argument.clone(),
            number_too_large: bad_argument.clone(),
            noise_after_number: wrong_argument_count.clone(),
            invalid_size: bad_argument.clone(),
            size_too_large: bad_argument.clone(),
            noise_after_size: wrong_argument_count,
            message_gone: "-ERR Message corrupted".into(),
            sasl_list_header: "+OK".into(),
            sasl_plain_prompt: "+ ".into(),
            // Unreachable: Exchange offers neither LOGIN nor CRAM-MD5; the usual prompts stand in.
            sasl_login_user_prompt: "+ VXNlcm5hbWU6".into(),
            sasl_login_pass_prompt: "+ UGFzc3dvcmQ6".into(),
            sasl_cram_prompt: "+ {challenge}".into(),
            sasl_bad_base64_initial: auth_failure.clone(),
            sasl_bad_base64_response: auth_failure,
            sasl_cancelled: "-ERR The AUTH protocol exchange was canceled by the client.".into(),
            sasl_unknown_mechanism: bad_argument,
            // Exchange has no APOP: the verb is an unknown command.
            apop_not_enabled: None,
            apop_invalid_parameters: unknown_command.clone(),
            apop_invalid_digest: unknown_command,
            stls_ok: "+OK Begin TLS negotiation.".into(),
            stls_active: not_valid_in_state.clone(),
            stls_unavailable: not_valid_in_state,
            utf8: None,
            // Unreachable (lock_session is false): Exchange lets several sessions open one mailbox.
            plaintext_refused: "-ERR Command is not valid in this state.".into(),
            in_use: "-ERR Server Unavailable. 21".into(),
            mailbox_unavailable: UnavailableReply {
                after_login_ok: false,
                text: "-ERR Server Unavailable. 21".into(),
                eol: "\r\n".into(),
            },
            inactivity: Some(timeout.clone()),
            inactivity_during_auth: Some(timeout),
        },
    }
}
