//! SASL in POP3 (RFC 5034): AUTH with PLAIN (RFC 4616), LOGIN and CRAM-MD5 (RFC 2195), initial responses,
//! continuations and the `*` cancel.

use std::sync::Arc;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use md5::Md5;

use super::authorization::{decode_hex16, login, login_failed, Authorization, Credential};
use super::{Next, Session};
use crate::command::Strtok;
use crate::explain::{LoginFailure, Meaning};
use crate::profile::{render, Dialect, Profile};
use crate::server::Server;
use crate::wire;

/// Base64 as login servers read it: the standard alphabet, padding optional.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A SASL exchange waiting for the client's next line.
#[derive(Debug)]
pub(in crate::session) enum Exchange {
    /// PLAIN, after the empty challenge.
    Plain,
    /// LOGIN, after the user-name prompt.
    LoginUser,
    /// LOGIN, after the password prompt.
    LoginPass { user: Vec<u8> },
    /// CRAM-MD5, after the challenge.
    CramMd5 { challenge: String },
}

/// AUTH: returns `None` when this server treats the line as an invalid command (Courier's bare AUTH).
pub(super) fn start(
    s: &mut Session,
    auth: &mut Authorization,
    profile: &Profile,
    args: &[u8],
    server: &mut Server,
) -> Option<Next> {
    let (mechanism, initial) = split_arguments(args, profile.dialect);
    let Some(mechanism) = mechanism else {
        if !profile.sasl.list_on_bare_auth {
            return None;
        }
        let mechanisms = profile.sasl.mechanisms.clone();
        let bytes = wire::listing(
            profile.replies.sasl_list_header.clone().into_bytes(),
            mechanisms.iter().map(|m| m.clone().into_bytes()),
        );
        s.push_reply(bytes, Meaning::SaslMechanisms { mechanisms });
        return Some(Next::Stay);
    };
    let mechanism = String::from_utf8_lossy(mechanism).to_ascii_uppercase();
    if is_plaintext(&mechanism) && super::authorization::refuse_plaintext(s, profile) {
        return Some(Next::Stay);
    }
    let offered = profile.sasl.mechanisms.iter().chain(&profile.sasl.hidden_mechanisms).any(|m| *m == mechanism);
    let initial = match initial.map(|ir| BASE64.decode(ir)) {
        Some(Err(_)) if offered => {
            s.reply(profile.replies.sasl_bad_base64_initial.clone().into_bytes(), Meaning::SaslBadBase64);
            return Some(Next::Stay);
        }
        Some(decoded) => decoded.ok(),
        None => None,
    };
    Some(match (offered, mechanism.as_str(), initial) {
        (true, "PLAIN", Some(data)) => plain(s, &data, server),
        (true, "PLAIN", None) => prompt(s, auth, "PLAIN", profile.replies.sasl_plain_prompt.clone(), Exchange::Plain),
        (true, "LOGIN", Some(user)) => {
            prompt(s, auth, "LOGIN", profile.replies.sasl_login_pass_prompt.clone(), Exchange::LoginPass { user })
        }
        (true, "LOGIN", None) => {
            prompt(s, auth, "LOGIN", profile.replies.sasl_login_user_prompt.clone(), Exchange::LoginUser)
        }
        (true, "CRAM-MD5", _) => {
            let challenge =
                format!("<{:016x}{:016x}@{}>", s.next_random(), s.next_random(), profile.sasl.challenge_host);
            let encoded = BASE64.encode(&challenge);
            let text = String::from_utf8_lossy(&render(
                &profile.replies.sasl_cram_prompt,
                &[("challenge", encoded.as_bytes())],
            ))
            .into_owned();
            prompt(s, auth, "CRAM-MD5", text, Exchange::CramMd5 { challenge })
        }
        _ => {
            if profile.sasl.delay_unknown_mechanism {
                s.pause(profile.timing.failed_login_delay_ms);
            }
            s.reply(
                profile.replies.sasl_unknown_mechanism.clone().into_bytes(),
                Meaning::SaslUnknownMechanism { mechanism },
            );
            Next::Stay
        }
    })
}

/// The mechanism and the initial response. Dovecot: the mechanism runs to the first space and the rest is the
/// response (none if empty; `=` is an empty one). Courier: two `strtok` words, `=` meaning empty.
fn split_arguments(args: &[u8], dialect: Dialect) -> (Option<&[u8]>, Option<&[u8]>) {
    let (mechanism, initial) = match dialect {
        Dialect::Strict => {
            let end = args.iter().position(|&b| b == b' ').unwrap_or(args.len());
            let initial = args.get(end + 1..).filter(|ir| !ir.is_empty());
            ((end > 0).then(|| &args[..end]), initial)
        }
        Dialect::Lenient => {
            let mut words = Strtok::new(args);
            let mechanism = words.next(b" \t\r");
            (mechanism, words.next(b" \t\r"))
        }
    };
    (mechanism, initial.map(|ir| if ir == b"=" { &ir[..0] } else { ir }))
}

fn prompt(s: &mut Session, auth: &mut Authorization, mechanism: &str, text: String, next: Exchange) -> Next {
    let decoded = text.strip_prefix("+ ").and_then(|b| BASE64.decode(b).ok()).unwrap_or_default();
    let meaning = Meaning::SaslChallenge {
        mechanism: mechanism.to_string(),
        decoded: String::from_utf8_lossy(&decoded).into_owned(),
    };
    s.reply(text.into_bytes(), meaning);
    auth.sasl = Some(next);
    Next::Stay
}

/// The client's answer to a challenge.
pub(super) fn respond(s: &mut Session, auth: &mut Authorization, line: &[u8], server: &mut Server) -> Next {
    let profile = Arc::clone(&s.profile);
    let Some(exchange) = auth.sasl.take() else { return Next::Stay };
    let line = crate::command::until_nul(line);
    if line == b"*" {
        s.reply(profile.replies.sasl_cancelled.clone().into_bytes(), Meaning::SaslCancelled);
        return Next::Stay;
    }
    let Ok(data) = BASE64.decode(line) else {
        s.reply(profile.replies.sasl_bad_base64_response.clone().into_bytes(), Meaning::SaslBadBase64);
        return Next::Stay;
    };
    match exchange {
        Exchange::Plain => plain(s, &data, server),
        Exchange::LoginUser => {
            prompt(s, auth, "LOGIN", profile.replies.sasl_login_pass_prompt.clone(), Exchange::LoginPass { user: data })
        }
        Exchange::LoginPass { user } => login(s, &user, Credential::Password(&data), server),
        Exchange::CramMd5 { challenge } => {
            let split = data.iter().rposition(|&b| b == b' ');
            match split.and_then(|p| Some((&data[..p], decode_hex16(&data[p + 1..])?))) {
                Some((user, digest)) => login(s, user, Credential::CramMd5 { challenge: &challenge, digest }, server),
                None => login_failed(s, LoginFailure::MalformedCredentials, 0, server),
            }
        }
    }
}

/// PLAIN's message: `authzid NUL authcid NUL passwd`; an authorization id other than the user's is refused.
fn plain(s: &mut Session, data: &[u8], server: &mut Server) -> Next {
    let parts: Vec<&[u8]> = data.split(|&b| b == 0).collect();
    match parts[..] {
        [authzid, user, password] if authzid.is_empty() || authzid == user => {
            login(s, user, Credential::Password(password), server)
        }
        _ => login_failed(s, LoginFailure::MalformedCredentials, 0, server),
    }
}

/// Mechanisms that carry the password itself (refused while plaintext login is).
pub(super) fn is_plaintext(mechanism: &str) -> bool {
    matches!(mechanism, "PLAIN" | "LOGIN")
}

/// HMAC-MD5 (RFC 2104) of a CRAM-MD5 challenge.
pub(super) fn cram_md5(key: &[u8], challenge: &[u8]) -> [u8; 16] {
    let mut mac = <Hmac<Md5> as Mac>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(challenge);
    mac.finalize().into_bytes().into()
}
