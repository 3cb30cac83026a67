//! Session behaviour the transcripts cannot show: timers, TLS hand-over, locks, concurrent sessions, APOP
//! and CRAM-MD5 that really verify.

use super::*;
use crate::scenario;
use md5::{Digest, Md5};

fn server(id: &str) -> Server {
    Server::new(&scenario::builtin(id).unwrap()).unwrap()
}

fn replies(s: &mut Session) -> Vec<String> {
    std::iter::from_fn(|| s.poll_event())
        .map(|e| match e {
            Event::Reply(r) => String::from_utf8_lossy(&r.bytes).trim_end().to_string(),
            Event::Pause { millis } => format!("<pause {millis}>"),
            Event::StartTls => "<starttls>".into(),
            Event::Close { reset } => format!("<close reset={reset}>"),
        })
        .collect()
}

fn send(s: &mut Session, server: &mut Server, now: u64, line: &str) -> Vec<String> {
    let bytes = format!("{line}\r\n");
    assert_eq!(s.receive(bytes.as_bytes(), now, server), bytes.len());
    replies(s)
}

fn login(s: &mut Session, server: &mut Server) {
    send(s, server, 0, "USER tester@example.com");
    let r = send(s, server, 0, "PASS secret");
    assert!(r.last().unwrap().starts_with("+OK"), "{r:?}");
}

#[test]
fn dovecot_login_timer_runs_from_connect_and_is_not_reset_by_commands() {
    let mut srv = server("dovecot-reference");
    let mut s = srv.connect(SessionConfig { now_ms: 1_000, ..SessionConfig::default() });
    replies(&mut s);
    assert_eq!(s.poll_timeout(), Some(181_000));
    send(&mut s, &mut srv, 170_000, "CAPA");
    assert_eq!(s.poll_timeout(), Some(181_000));
    s.handle_timeout(180_999, &mut srv);
    assert!(replies(&mut s).is_empty());
    s.handle_timeout(181_000, &mut srv);
    assert_eq!(replies(&mut s), ["-ERR Disconnected for inactivity.", "<close reset=false>"]);
    assert_eq!(s.state(), SessionState::Closed);
    assert_eq!(s.poll_timeout(), None);
}

/// A session of a built-in scenario with a custom `profile` and these faults, its greeting polled.
fn session_with(profile: &str, faults: Vec<scenario::Fault>, now_ms: u64) -> (Server, Session) {
    let mut world = scenario::builtin("dovecot-reference").unwrap();
    world.profile = scenario::ProfileRef::Builtin(profile.into());
    world.faults = faults;
    let mut srv = Server::new(&world).unwrap();
    let mut s = srv.connect(SessionConfig { now_ms, ..SessionConfig::default() });
    replies(&mut s);
    (srv, s)
}

fn armed(timer: Timer, deadline_ms: u64, length_ms: u64) -> Option<ArmedTimer> {
    Some(ArmedTimer { timer, deadline_ms, length_ms })
}

#[test]
fn the_armed_timer_is_the_profiles_login_then_idle_timer() {
    for (profile, login_ms, idle_ms) in [("dovecot", 180_000, 600_000), ("courier", 60_000, 300_000)] {
        let (mut srv, mut s) = session_with(profile, vec![], 1_000);
        assert_eq!(s.timer(), armed(Timer::Login, 1_000 + login_ms, login_ms), "{profile}");
        // Commands do not restart the login timer.
        send(&mut s, &mut srv, 5_000, "USER tester@example.com");
        assert_eq!(s.timer(), armed(Timer::Login, 1_000 + login_ms, login_ms), "{profile}");
        assert!(send(&mut s, &mut srv, 5_000, "PASS secret").last().unwrap().starts_with("+OK"), "{profile}");
        assert_eq!(s.timer(), armed(Timer::Idle, 5_000 + idle_ms, idle_ms), "{profile}");
        assert_eq!(s.poll_timeout(), Some(5_000 + idle_ms), "{profile}");
        assert_eq!(s.handle_timeout(5_000 + idle_ms - 1, &mut srv), None, "{profile}");
        assert!(!s.is_closed(), "{profile}");
        assert_eq!(s.handle_timeout(5_000 + idle_ms, &mut srv), armed(Timer::Idle, 5_000 + idle_ms, idle_ms));
        assert!(replies(&mut s).ends_with(&["<close reset=false>".to_string()]), "{profile}");
        assert_eq!(s.timer(), None, "{profile}");
        assert_eq!(s.handle_timeout(u64::MAX, &mut srv), None, "{profile}");
    }
}

#[test]
fn an_autologout_fault_replaces_both_timers_and_is_named_when_it_fires() {
    let (mut srv, mut s) = session_with("dovecot", vec![scenario::Fault::Autologout { seconds: 30 }], 1_000);
    assert_eq!(s.timer(), armed(Timer::Autologout, 31_000, 30_000));
    send(&mut s, &mut srv, 10_000, "USER tester@example.com");
    assert_eq!(s.timer(), armed(Timer::Autologout, 40_000, 30_000));
    send(&mut s, &mut srv, 20_000, "PASS secret");
    assert_eq!(s.state(), SessionState::Transaction);
    assert_eq!(s.timer(), armed(Timer::Autologout, 50_000, 30_000));
    assert_eq!(s.poll_timeout(), Some(50_000));
    assert_eq!(s.handle_timeout(50_000, &mut srv), armed(Timer::Autologout, 50_000, 30_000));
    assert_eq!(replies(&mut s), ["-ERR Disconnected for inactivity.", "<close reset=false>"]);
    assert_eq!(s.timer(), None);
}

#[test]
fn timers_are_named_for_logs() {
    let names: Vec<String> = [Timer::Login, Timer::Idle, Timer::Autologout].iter().map(|t| t.to_string()).collect();
    assert_eq!(names, ["login", "idle", "autologout"]);
    let json = serde_json::to_string(&armed(Timer::Autologout, 31_000, 30_000)).unwrap();
    assert_eq!(json, r#"{"timer":"autologout","deadline_ms":31000,"length_ms":30000}"#);
}

#[test]
fn the_allowed_verbs_table_and_the_session_agree_in_every_profile() {
    use crate::command::known;
    let unknown = Verb::Unknown("LAST".into());
    let verbs: Vec<Verb> = known().cloned().chain([unknown.clone()]).collect();
    for profile in crate::profile::BUILTIN_IDS {
        for state in [SessionState::Authorization, SessionState::Transaction] {
            for verb in &verbs {
                let (mut srv, mut s) = session_with(profile, vec![], 0);
                if state == SessionState::Transaction {
                    login(&mut s, &mut srv);
                }
                s.receive(format!("{}\r\n", verb.name()).as_bytes(), 0, &mut srv);
                let reply = std::iter::from_fn(|| s.poll_event())
                    .find_map(|e| match e {
                        Event::Reply(r) => Some(r),
                        _ => None,
                    })
                    .unwrap_or_else(|| panic!("{profile} {state:?} {verb:?}: no reply"));
                let exp = &reply.explanation;
                let context = format!("{profile} {state:?} {verb:?}: {:?}", String::from_utf8_lossy(&reply.bytes));
                assert_eq!(exp.state, state, "{context}");
                let refused_for_state = matches!(&exp.meaning, Meaning::WrongState { verb: v } if v == verb);
                let wrong_state = !state.allows(verb) && *verb != unknown;
                assert_eq!(state.is_wrong_state(verb), wrong_state, "{context}");
                // A mail process that answers a login command as its login process does (Courier's UTF8) is
                // outside the RFC's table, but it does not refuse.
                let answered_anyway = state == SessionState::Transaction
                    && *verb == Verb::Utf8
                    && crate::profile::builtin(profile).unwrap().mail.utf8_after_login;
                assert_eq!(refused_for_state, wrong_state && !answered_anyway, "{context}");
                if wrong_state && !answered_anyway {
                    assert_eq!(exp.status, crate::Status::Err, "{context}");
                }
            }
        }
    }
    for state in [SessionState::Update, SessionState::Closed] {
        assert!(state.allowed_verbs().is_empty(), "{state:?}");
    }
    // After the session ends nothing is answered, whatever the verb.
    let (mut srv, mut s) = session_with("dovecot", vec![], 0);
    login(&mut s, &mut srv);
    send(&mut s, &mut srv, 0, "QUIT");
    assert_eq!(s.state(), SessionState::Update);
    for verb in known() {
        assert!(send(&mut s, &mut srv, 0, verb.name()).is_empty(), "{verb:?}");
    }
}

#[test]
fn verb_kinds_are_read_from_the_table() {
    use crate::command::known;
    let transaction_only: Vec<&str> = known().filter(|v| v.is_transaction_verb()).map(Verb::name).collect();
    assert_eq!(transaction_only, ["STAT", "LIST", "RETR", "DELE", "NOOP", "RSET", "TOP", "UIDL"]);
    let authorization_only: Vec<&str> = known().filter(|v| v.is_authorization_verb()).map(Verb::name).collect();
    assert_eq!(authorization_only, ["USER", "PASS", "APOP", "AUTH", "STLS", "UTF8"]);
    let names = |state: SessionState| state.allowed_verbs().iter().map(Verb::name).collect::<Vec<_>>();
    assert_eq!(names(SessionState::Authorization), ["USER", "PASS", "APOP", "AUTH", "STLS", "CAPA", "UTF8", "QUIT"]);
    assert_eq!(
        names(SessionState::Transaction),
        ["STAT", "LIST", "RETR", "DELE", "NOOP", "RSET", "TOP", "UIDL", "CAPA", "QUIT"]
    );
}

#[test]
fn dovecot_says_during_authentication_when_idle_in_sasl() {
    let mut srv = server("dovecot-reference");
    let mut s = srv.connect(SessionConfig::default());
    replies(&mut s);
    send(&mut s, &mut srv, 0, "AUTH LOGIN");
    s.handle_timeout(180_000, &mut srv);
    assert_eq!(replies(&mut s), ["-ERR Disconnected for inactivity during authentication.", "<close reset=false>"]);
}

#[test]
fn idle_timer_after_login_is_reset_by_input_and_commits_nothing() {
    let mut srv = server("dovecot-reference");
    let mut s = srv.connect(SessionConfig::default());
    replies(&mut s);
    login(&mut s, &mut srv);
    send(&mut s, &mut srv, 100_000, "DELE 1");
    assert_eq!(s.poll_timeout(), Some(700_000));
    s.handle_timeout(700_000, &mut srv);
    assert_eq!(replies(&mut s), ["-ERR Disconnected for inactivity.", "<close reset=false>"]);
    assert_eq!(srv.mailbox("tester@example.com").unwrap().messages().len(), 3);
}

#[test]
fn courier_times_out_silently() {
    let mut srv = server("courier-reference");
    let mut s = srv.connect(SessionConfig::default());
    replies(&mut s);
    s.handle_timeout(60_000, &mut srv);
    assert_eq!(replies(&mut s), ["<close reset=false>"]);
    let mut s = srv.connect(SessionConfig::default());
    replies(&mut s);
    login(&mut s, &mut srv);
    send(&mut s, &mut srv, 10_000, "NOOP");
    assert_eq!(s.poll_timeout(), Some(310_000));
}

#[test]
fn stls_hands_over_and_capa_stops_offering_it() {
    let mut srv = server("dovecot-reference");
    let mut s = srv.connect(SessionConfig::default());
    replies(&mut s);
    assert!(send(&mut s, &mut srv, 0, "CAPA")[0].contains("STLS"));
    // Input pipelined behind STLS, before the handshake, is not read as commands.
    assert_eq!(s.receive(b"STLS\r\nCAPA\r\n", 0, &mut srv), 12);
    assert_eq!(replies(&mut s), ["+OK Begin TLS negotiation now.", "<starttls>"]);
    assert!(!s.tls_active());
    assert_eq!(s.receive(b"garbage", 0, &mut srv), 7);
    assert!(replies(&mut s).is_empty());
    s.tls_established();
    assert!(s.tls_active());
    let capa = send(&mut s, &mut srv, 0, "CAPA");
    assert!(!capa[0].contains("STLS") && capa[0].contains("USER"), "{capa:?}");
    assert_eq!(send(&mut s, &mut srv, 0, "STLS"), ["-ERR TLS is already active."]);
}

#[test]
fn a_server_without_tls_neither_offers_nor_starts_it() {
    for (id, text) in [
        ("dovecot-reference", "-ERR TLS support isn't enabled."),
        ("courier-reference", "-ERR TLS support not available."),
    ] {
        let mut srv = server(id);
        let mut s = srv.connect(SessionConfig { tls_available: false, ..SessionConfig::default() });
        replies(&mut s);
        assert!(!send(&mut s, &mut srv, 0, "CAPA")[0].contains("STLS"), "{id}");
        assert_eq!(send(&mut s, &mut srv, 0, "STLS"), [text], "{id}");
    }
}

#[test]
fn locks_are_released_by_quit_hangup_and_timeout() {
    let mut scenario = scenario::builtin("dovecot-reference").unwrap();
    scenario.lock_session = Some(true);
    let mut srv = Server::new(&scenario).unwrap();
    for end in ["quit", "hangup", "timeout"] {
        let mut a = srv.connect(SessionConfig::default());
        replies(&mut a);
        login(&mut a, &mut srv);
        let mut b = srv.connect(SessionConfig::default());
        replies(&mut b);
        send(&mut b, &mut srv, 0, "USER tester@example.com");
        assert_eq!(
            send(&mut b, &mut srv, 0, "PASS secret"),
            ["<pause 10000>", "-ERR [IN-USE] Mailbox is locked by another POP3 session.", "<close reset=false>"],
            "{end}"
        );
        match end {
            "quit" => drop(send(&mut a, &mut srv, 0, "QUIT")),
            "hangup" => a.hangup(&mut srv),
            _ => assert_eq!(a.handle_timeout(u64::MAX, &mut srv).map(|t| t.timer), Some(Timer::Idle)),
        }
        assert_eq!(srv.mailbox("tester@example.com").unwrap().locked_by(), None, "{end}");
    }
}

#[test]
fn a_second_session_keeps_its_snapshot_and_finds_expunged_text_gone() {
    let mut srv = server("dovecot-reference");
    let mut a = srv.connect(SessionConfig::default());
    let mut b = srv.connect(SessionConfig::default());
    replies(&mut a);
    replies(&mut b);
    login(&mut a, &mut srv);
    login(&mut b, &mut srv);
    send(&mut a, &mut srv, 0, "DELE 1");
    send(&mut a, &mut srv, 0, "QUIT");
    assert_eq!(send(&mut b, &mut srv, 0, "STAT"), ["+OK 3 50787"]);
    assert_eq!(send(&mut b, &mut srv, 0, "RETR 1"), ["-ERR Message 1 expunged."]);
    let listing = b.listing(&srv).unwrap();
    assert!(listing[0].expunged && !listing[1].expunged);
    // Deleting it again and quitting is harmless.
    send(&mut b, &mut srv, 0, "DELE 1");
    assert_eq!(send(&mut b, &mut srv, 0, "QUIT"), ["+OK Logging out, messages deleted.", "<close reset=false>"]);
    assert_eq!(srv.mailbox("tester@example.com").unwrap().messages().len(), 2);
}

#[test]
fn apop_verifies_against_the_greetings_timestamp() {
    let mut srv = server("dovecot-reference");
    let mut s = srv.connect(SessionConfig { seed: 42, ..SessionConfig::default() });
    let greeting = replies(&mut s).remove(0);
    let ts = s.apop_timestamp().unwrap().to_string();
    assert!(greeting.ends_with(&format!(" {ts}")));
    assert!(ts.starts_with('<') && ts.ends_with('>') && ts.contains('@'));
    let digest: String = Md5::digest(format!("{ts}secret")).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(send(&mut s, &mut srv, 0, &format!("APOP tester@example.com {digest}")), ["+OK Logged in."]);
    // The same seed gives the same timestamp; another seed another one.
    let mut again = srv.connect(SessionConfig { seed: 42, ..SessionConfig::default() });
    assert_eq!(again.apop_timestamp(), Some(ts.as_str()));
    let other = srv.connect(SessionConfig { seed: 43, ..SessionConfig::default() });
    assert_ne!(other.apop_timestamp(), Some(ts.as_str()));
    replies(&mut again);
    let wrong: String = Md5::digest(format!("{ts}wrong")).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        send(&mut again, &mut srv, 0, &format!("APOP tester@example.com {wrong}")),
        ["<pause 2000>", "-ERR [AUTH] Authentication failed."]
    );
}

#[test]
fn courier_cram_md5_really_verifies() {
    let mut srv = server("courier-reference");
    let mut s = srv.connect(SessionConfig::default());
    replies(&mut s);
    let challenge_line = send(&mut s, &mut srv, 0, "AUTH CRAM-MD5").remove(0);
    let challenge =
        base64::engine::general_purpose::STANDARD.decode(challenge_line.strip_prefix("+ ").unwrap()).unwrap();
    let digest: String = sasl::cram_md5(b"secret", &challenge).iter().map(|b| format!("{b:02x}")).collect();
    let response = base64::engine::general_purpose::STANDARD.encode(format!("tester@example.com {digest}"));
    assert_eq!(send(&mut s, &mut srv, 0, &response), ["+OK logged in."]);
    assert_eq!(s.state(), SessionState::Transaction);
}

#[test]
fn explanations_follow_the_session() {
    let mut srv = server("courier-reference");
    let mut s = srv.connect(SessionConfig::default());
    let greeting = match s.poll_event() {
        Some(Event::Reply(r)) => r,
        other => panic!("{other:?}"),
    };
    assert_eq!(greeting.explanation.meaning, Meaning::Greeting { apop_timestamp: None });
    s.receive(b"STAT\n", 0, &mut srv);
    let Some(Event::Reply(r)) = s.poll_event() else { panic!() };
    assert_eq!(r.explanation.meaning, Meaning::WrongState { verb: Verb::Stat });
    assert_eq!(r.explanation.state, SessionState::Authorization);
    assert_eq!(r.explanation.ending, Some(LineEnding::Lf));
    assert_eq!(r.explanation.cause(), Some(crate::Cause::WrongState));
    assert_eq!(r.explanation.next_step(), Some(crate::NextStep::LoginFirst));
    login(&mut s, &mut srv);
    s.receive(b"LIST\r\n", 0, &mut srv);
    let Some(Event::Reply(r)) = s.poll_event() else { panic!() };
    assert_eq!(r.explanation.meaning, Meaning::ScanListing { messages: 3, octets: 50_787 });
    assert_eq!(r.explanation.state, SessionState::Transaction);
    assert_eq!(r.explanation.rfc().number, 1939);
}

#[test]
fn mailbox_unavailable_is_reported_in_each_profiles_words() {
    for (id, want) in [
        ("dovecot-reference", vec!["+OK Logged in.", "-ERR [SYS/TEMP] Internal error occurred. Refer to server log for more information. [2023-11-14 22:13:20]"]),
        ("courier-reference", vec!["-ERR chdir /srv/pop3ref/mail/tester/Maildir failed"]),
    ] {
        let mut sc = scenario::builtin(id).unwrap();
        sc.users[0].unavailable = true;
        let mut srv = Server::new(&sc).unwrap();
        let mut s = srv.connect(SessionConfig::default());
        replies(&mut s);
        send(&mut s, &mut srv, 0, "USER tester@example.com");
        let mut got = send(&mut s, &mut srv, 0, "PASS secret");
        assert_eq!(got.pop().as_deref(), Some("<close reset=false>"), "{id}");
        assert_eq!(got, want, "{id}");
    }
}

#[test]
fn dovecot_penalises_an_address_that_keeps_failing() {
    let mut srv = server("dovecot-reference");
    let attempt = |srv: &mut Server, peer: &str, password: &str, at: u64| {
        let mut s = srv.connect(SessionConfig { peer: peer.into(), now_ms: at, ..SessionConfig::default() });
        replies(&mut s);
        send(&mut s, srv, at, "USER tester@example.com");
        send(&mut s, srv, at, &format!("PASS {password}"))
    };
    // Different wrong passwords: 2 s failure delay on top of 0, 4, 8, 15, 15 s of penalty.
    let pauses: Vec<String> =
        (0..5).map(|i| attempt(&mut srv, "192.0.2.7", &format!("wrong{i}"), 0).remove(0)).collect();
    assert_eq!(pauses, ["<pause 2000>", "<pause 6000>", "<pause 10000>", "<pause 17000>", "<pause 17000>"]);
    // Another address is not penalised; the right password still waits, then the record is cleared.
    assert_eq!(attempt(&mut srv, "192.0.2.8", "wrong", 0)[0], "<pause 2000>");
    assert_eq!(attempt(&mut srv, "192.0.2.7", "secret", 0), ["<pause 15000>", "+OK Logged in."]);
    assert_eq!(attempt(&mut srv, "192.0.2.7", "wrong", 0)[0], "<pause 2000>");
}

#[test]
fn dovecot_does_not_raise_the_penalty_for_the_same_password_and_forgives_with_time() {
    // As measured against Dovecot 2.3.19: the same wrong password six times, about 2 s apart.
    let mut srv = server("dovecot-reference");
    let mut at = 0;
    let mut pauses = Vec::new();
    for _ in 0..6 {
        let mut s = srv.connect(SessionConfig { peer: "192.0.2.7".into(), now_ms: at, ..SessionConfig::default() });
        replies(&mut s);
        send(&mut s, &mut srv, at, "USER tester@example.com");
        let reply = send(&mut s, &mut srv, at, "PASS wrong");
        let pause: u64 = reply[0].trim_start_matches("<pause ").trim_end_matches('>').parse().unwrap();
        pauses.push(pause);
        at += pause;
    }
    // Level 1 (4 s) stays while the same password is retried; 15 s after it was raised it is forgiven.
    assert_eq!(pauses, [2000, 6000, 6000, 6000, 2000, 2000]);
}

#[test]
fn courier_has_no_penalty_only_its_fixed_delay() {
    let mut srv = server("courier-reference");
    for _ in 0..4 {
        let mut s = srv.connect(SessionConfig::default());
        replies(&mut s);
        send(&mut s, &mut srv, 0, "USER tester@example.com");
        assert_eq!(send(&mut s, &mut srv, 0, "PASS wrong"), ["<pause 5000>", "-ERR Login failed."]);
    }
}

#[test]
fn scripted_replies_replace_the_servers_answer() {
    use crate::scenario::{Fault, ReplyFault};
    let mut sc = scenario::builtin("dovecot-reference").unwrap();
    let fault = |command: &str, argument: Option<&str>, from: Option<u32>, reply: &str, close: bool| {
        Fault::Reply(ReplyFault {
            command: command.into(),
            argument: argument.map(Into::into),
            from,
            reply: reply.into(),
            close,
        })
    };
    sc.faults = vec![
        fault("retr", Some("2"), Some(2), "-ERR [SYS/TEMP] Message temporarily unavailable", false),
        fault("STAT", None, None, "-ERR [SYS/PERM] Mailbox is read-only", true),
    ];
    let mut srv = Server::new(&sc).unwrap();
    let mut s = srv.connect(SessionConfig::default());
    replies(&mut s);
    login(&mut s, &mut srv);
    // RETR 2 works the first time, fails from the second on; RETR 1 is never touched.
    assert!(send(&mut s, &mut srv, 0, "RETR 2")[0].starts_with("+OK 443 octets"));
    assert_eq!(send(&mut s, &mut srv, 0, "RETR 2"), ["-ERR [SYS/TEMP] Message temporarily unavailable"]);
    assert!(send(&mut s, &mut srv, 0, "RETR 1")[0].starts_with("+OK 361 octets"));
    s.receive(b"STAT\r\n", 0, &mut srv);
    let Some(Event::Reply(r)) = s.poll_event() else { panic!() };
    assert_eq!(r.bytes, b"-ERR [SYS/PERM] Mailbox is read-only\r\n");
    assert_eq!(r.explanation.meaning, Meaning::Scripted { fault: 1 });
    assert_eq!(r.explanation.code.as_deref(), Some("SYS/PERM"));
    assert_eq!(r.explanation.cause(), Some(crate::Cause::AccountProblem));
    assert_eq!(s.poll_event(), Some(Event::Close { reset: false }));
    assert_eq!(srv.mailbox("tester@example.com").unwrap().messages().len(), 3);
}

#[test]
fn a_login_delay_fault_is_explained_by_its_code() {
    use crate::scenario::{Fault, ReplyFault};
    let mut sc = scenario::builtin("courier-reference").unwrap();
    sc.faults = vec![Fault::Reply(ReplyFault {
        command: "PASS".into(),
        argument: None,
        from: None,
        reply: "-ERR [LOGIN-DELAY] Minimum time between mail checks violation".into(),
        close: false,
    })];
    let mut srv = Server::new(&sc).unwrap();
    let mut s = srv.connect(SessionConfig::default());
    replies(&mut s);
    send(&mut s, &mut srv, 0, "USER tester@example.com");
    s.receive(b"PASS secret\r\n", 0, &mut srv);
    let Some(Event::Reply(r)) = s.poll_event() else { panic!() };
    assert_eq!(r.explanation.code.as_deref(), Some("LOGIN-DELAY"));
    assert_eq!(r.explanation.cause(), Some(crate::Cause::LoginTooSoon));
    assert_eq!(r.explanation.next_step(), Some(crate::NextStep::WaitBeforeLogin));
    assert_eq!(r.explanation.rfc().number, 2449);
    assert_eq!(s.state(), SessionState::Authorization);
}

fn tls_required(id: &str) -> Server {
    let mut sc = scenario::builtin(id).unwrap();
    sc.faults = vec![crate::scenario::Fault::TlsRequired];
    Server::new(&sc).unwrap()
}

#[test]
fn dovecot_refuses_plaintext_login_until_stls() {
    let mut srv = tls_required("dovecot-reference");
    let mut s = srv.connect(SessionConfig::default());
    replies(&mut s);
    let refused = "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.";
    // As a real Dovecot with disable_plaintext_auth answers `user www-data` on port 110.
    assert_eq!(send(&mut s, &mut srv, 0, "user www-data"), [refused]);
    assert_eq!(send(&mut s, &mut srv, 0, "PASS secret"), [refused]);
    assert_eq!(send(&mut s, &mut srv, 0, "AUTH PLAIN AHRlc3RlckBleGFtcGxlLmNvbQBzZWNyZXQ="), [refused]);
    let capa = send(&mut s, &mut srv, 0, "CAPA").remove(0);
    assert!(capa.contains("STLS\r\nSASL\r\n.") && !capa.contains("USER"), "{capa:?}");
    send(&mut s, &mut srv, 0, "STLS");
    s.tls_established();
    assert!(send(&mut s, &mut srv, 0, "CAPA")[0].contains("USER\r\nSASL PLAIN LOGIN\r\n"));
    login(&mut s, &mut srv);
}

#[test]
fn courier_refuses_user_and_auth_until_stls() {
    let mut srv = tls_required("courier-reference");
    let mut s = srv.connect(SessionConfig::default());
    replies(&mut s);
    assert_eq!(send(&mut s, &mut srv, 0, "USER tester@example.com"), ["-ERR TLS required to log in."]);
    assert_eq!(send(&mut s, &mut srv, 0, "PASS secret"), ["-ERR USER/PASS required."]);
    assert_eq!(send(&mut s, &mut srv, 0, "AUTH LOGIN"), ["-ERR TLS required to log in."]);
    // CRAM-MD5 sends no password, so it is not refused.
    assert!(send(&mut s, &mut srv, 0, "AUTH CRAM-MD5")[0].starts_with("+ "));
    send(&mut s, &mut srv, 0, "*");
    s.receive(b"USER x\r\n", 0, &mut srv);
    let Some(Event::Reply(r)) = s.poll_event() else { panic!() };
    assert_eq!(r.explanation.meaning, Meaning::PlaintextRefused);
    assert_eq!(r.explanation.cause(), Some(crate::Cause::TlsRequired));
    assert_eq!(r.explanation.next_step(), Some(crate::NextStep::UseTls));
    send(&mut s, &mut srv, 0, "STLS");
    s.tls_established();
    login(&mut s, &mut srv);
}
