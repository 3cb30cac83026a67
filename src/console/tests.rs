//! The shell driven as the UI drives it: lines in, log entries out.

use std::rc::Rc;

use pop3_sim::{scenario, SessionState, Timer};

use pop3_bridge_proto::FailureKind;

use crate::i18n::Lang;

use super::*;

fn now(ms: u64) -> Now {
    Now { ms, unix: 1_700_000_000 + ms / 1000 }
}

fn shell(style: ClientStyle) -> Shell {
    Shell::new(scenario::builtin("seed").unwrap(), None, style).unwrap()
}

fn typed(s: &mut Shell, line: &str, at: u64) {
    s.submit(&[line.to_string()], now(at));
}

fn texts(s: &Shell) -> Vec<String> {
    s.log()
        .entries()
        .filter_map(|e| match &e.kind {
            EntryKind::Reply { bytes, .. } => Some(format!("S: {}", String::from_utf8_lossy(bytes).trim_end())),
            EntryKind::Client { text, .. } => Some(format!("C: {text}")),
            EntryKind::Input { prompt, text } => Some(format!("> {prompt}{text}")),
            EntryKind::Note(_) => None,
        })
        .collect()
}

fn notes(s: &Shell) -> Vec<Note> {
    s.log()
        .entries()
        .filter_map(|e| match &e.kind {
            EntryKind::Note(n) => Some(n.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_articles_dialogue_typed_line_by_line() {
    let mut s = shell(ClientStyle::WindowsPl);
    typed(&mut s, "telnet pop.outlook.pl 110", 0);
    assert!(s.is_connected());
    assert_eq!(s.view().session_state, Some(SessionState::Authorization));
    typed(&mut s, "USER tester@outlook.pl", 1000);
    typed(&mut s, "PASS moje_hasło", 2000);
    assert_eq!(s.view().session_state, Some(SessionState::Transaction));
    typed(&mut s, "STAT", 3000);
    typed(&mut s, "QUIT", 4000);
    assert_eq!(
        texts(&s),
        vec![
            "> C:\\>telnet pop.outlook.pl 110",
            "S: +OK Hello there.",
            "> USER tester@outlook.pl",
            "S: +OK Password required.",
            "> PASS moje_hasło",
            "S: +OK logged in.",
            "> STAT",
            "S: +OK 2 53235",
            "> QUIT",
            "S: +OK Bye-bye.",
            "C: \nUtracono połączenie z hostem.",
        ]
    );
    let v = s.view();
    assert!(!s.is_connected());
    assert_eq!(v.prompt, Some("C:\\>"));
    assert_eq!((v.session_state, v.live), (Some(SessionState::Update), false));
}

#[test]
fn unix_telnet_prints_its_connection_lines() {
    let mut s = shell(ClientStyle::Unix);
    typed(&mut s, "telnet pop.outlook.pl 110", 0);
    typed(&mut s, "QUIT", 10);
    assert_eq!(
        texts(&s),
        vec![
            "> $telnet pop.outlook.pl 110",
            "C: Trying 192.0.2.10...\nConnected to pop.outlook.pl.\nEscape character is '^]'.",
            "S: +OK Hello there.",
            "> QUIT",
            "S: +OK Better luck next time.",
            "C: Connection closed by foreign host.",
        ]
    );
}

#[test]
fn failures_as_each_client_prints_them() {
    let mut s = shell(ClientStyle::WindowsEn);
    typed(&mut s, "telnet pop.outlok.pl 110", 0);
    assert_eq!(
        texts(&s)[1],
        "C: Connecting To pop.outlok.pl...Could not open connection to the host, on port 110: Connect failed"
    );
    let mut s = shell(ClientStyle::Unix);
    typed(&mut s, "telnet pop.outlok.pl 110", 0);
    typed(&mut s, "telnet outlook.pl 25", 0);
    let t = texts(&s);
    assert_eq!(t[1], "C: telnet: could not resolve pop.outlok.pl/110: Name or service not known");
    assert_eq!(t[3], "C: Trying 192.0.2.10...\ntelnet: Unable to connect to remote host: Connection refused");
    typed(&mut s, "dir", 0);
    assert_eq!(texts(&s)[5], "C: dir: command not found");
    assert!(!s.is_connected());
}

#[test]
fn an_address_that_never_answers_times_out_after_a_skippable_wait() {
    let mut s = shell(ClientStyle::WindowsEn);
    typed(&mut s, "telnet 203.0.113.9 110", 0);
    let wait = s.view().wait.expect("waiting");
    assert_eq!(wait.reason, WaitReason::Connect);
    assert_eq!(s.next_deadline(now(0)), Some(wait.until_ms));
    typed(&mut s, "USER x", 5);
    assert!(notes(&s).contains(&Note::Busy));
    s.tick(now(wait.until_ms - 1));
    assert!(s.view().wait.is_some());
    s.tick(now(wait.until_ms));
    assert!(s.view().wait.is_none());
    assert!(texts(&s).last().unwrap().ends_with("on port 110: Connect failed"));
}

#[test]
fn port_995_is_silent_and_closes_on_plain_text() {
    let mut s = shell(ClientStyle::Unix);
    typed(&mut s, "telnet pop.outlook.pl 995", 0);
    assert!(s.is_connected());
    assert!(s.view().connection.unwrap().expects_tls);
    assert!(!texts(&s).iter().any(|t| t.starts_with("S:")));
    typed(&mut s, "USER tester@outlook.pl", 10);
    assert!(!s.is_connected());
    assert_eq!(texts(&s).last().unwrap(), "C: Connection closed by foreign host.");
}

#[test]
fn a_failed_login_waits_five_seconds_unless_skipped() {
    let mut s = shell(ClientStyle::Unix);
    typed(&mut s, "telnet pop.outlook.pl 110", 0);
    typed(&mut s, "USER tester@outlook.pl", 0);
    typed(&mut s, "PASS wrong", 1000);
    let wait = s.view().wait.expect("Courier's failed-login delay");
    assert_eq!((wait.millis, wait.reason), (5000, WaitReason::Server));
    assert!(!texts(&s).iter().any(|t| t.contains("Login failed")));
    // Typed during the wait: sent, answered after the delay, in order.
    typed(&mut s, "NOOP", 2000);
    s.tick(now(3000));
    assert!(s.view().wait.is_some());
    s.skip_wait(now(3500));
    let t = texts(&s);
    let at = t.iter().position(|l| l == "S: -ERR Login failed.").expect("the refusal");
    assert_eq!(t[at + 1], "S: -ERR Invalid command.");
    assert!(notes(&s).contains(&Note::WaitSkipped { millis: 5000 }));
    let mut s2 = shell(ClientStyle::Unix);
    typed(&mut s2, "telnet pop.outlook.pl 110", 0);
    typed(&mut s2, "PASS x", 0);
    typed(&mut s2, "USER tester@outlook.pl", 0);
    typed(&mut s2, "PASS wrong", 0);
    s2.tick(now(5000));
    assert!(texts(&s2).iter().any(|t| t == "S: -ERR Login failed."));
}

#[test]
fn pasting_the_dialogue_loses_what_follows_the_login_as_courier_does() {
    let mut s = shell(ClientStyle::WindowsEn);
    let paste: Vec<String> = ["telnet pop.outlook.pl 110", "USER tester@outlook.pl", "PASS moje_hasło", "STAT", "QUIT"]
        .map(String::from)
        .to_vec();
    s.submit(&paste, now(0));
    let t = texts(&s);
    assert!(t.contains(&"S: +OK logged in.".to_string()));
    assert!(!t.iter().any(|l| l.starts_with("S: +OK 2 ")));
    assert!(notes(&s).contains(&Note::PipelinedLost { count: 2 }));
    assert!(s.is_connected());
    assert_eq!(s.view().session_state, Some(SessionState::Transaction));
    typed(&mut s, "STAT", 10);
    assert_eq!(texts(&s).last().unwrap(), "S: +OK 2 53235");
}

#[test]
fn dovecot_answers_pipelined_commands() {
    let mut s = Shell::new(scenario::builtin("seed").unwrap(), Some("dovecot".into()), ClientStyle::Unix).unwrap();
    let paste: Vec<String> =
        ["telnet pop.outlook.pl 110", "USER tester@outlook.pl", "PASS moje_hasło", "STAT"].map(String::from).to_vec();
    s.submit(&paste, now(0));
    assert!(texts(&s).last().unwrap().starts_with("S: +OK 2 53235"));
    assert!(!notes(&s).iter().any(|n| matches!(n, Note::PipelinedLost { .. })));
}

#[test]
fn the_inspector_sees_deletion_marks_and_the_commit() {
    let mut s = shell(ClientStyle::Unix);
    assert_eq!(s.view().maildrops[0].rows.len(), 2);
    assert!(!s.view().maildrops[0].session_view);
    for line in ["telnet pop.outlook.pl 110", "USER tester@outlook.pl", "PASS moje_hasło", "DELE 1"] {
        typed(&mut s, line, 0);
    }
    let v = s.view();
    assert!(v.maildrops[0].session_view);
    assert!(v.maildrops[0].rows[0].deleted);
    typed(&mut s, "QUIT", 0);
    let v = s.view();
    assert!(!v.maildrops[0].session_view);
    assert_eq!(v.maildrops[0].rows.len(), 1);
}

#[test]
fn the_server_timer_hangs_up() {
    let mut s = shell(ClientStyle::Unix);
    typed(&mut s, "telnet pop.outlook.pl 110", 0);
    let deadline = s.next_deadline(now(0)).expect("login timer");
    assert_eq!(deadline, 60_000);
    s.tick(now(deadline));
    assert!(!s.is_connected());
    assert!(notes(&s).contains(&Note::ServerTimeout { timer: Timer::Login, seconds: 60 }));
    assert_eq!(texts(&s).last().unwrap(), "C: Connection closed by foreign host.");
}

/// A scenario's autologout replaces the profile's timers: the note names it with its own length (a Dovecot
/// scenario with a 30 s autologout used to say that the 180 s login timer ran out).
#[test]
fn a_scenarios_autologout_is_the_timer_that_runs_out() {
    let json = r#"{"version": 1, "id": "short-autologout", "title": "Short autologout", "base": "seed", "profile": "dovecot",
                   "faults": [{"kind": "autologout", "seconds": 30}]}"#;
    let scenario = pop3_sim::Scenario::from_json(json).unwrap();
    let mut s = Shell::new(scenario, None, ClientStyle::Unix).unwrap();
    typed(&mut s, "telnet pop.outlook.pl 110", 0);
    typed(&mut s, "USER tester@outlook.pl", 10_000);
    assert_eq!(s.next_deadline(now(10_000)), Some(40_000));
    s.tick(now(40_000));
    assert!(!s.is_connected());
    assert!(notes(&s).contains(&Note::ServerTimeout { timer: Timer::Autologout, seconds: 30 }), "{:?}", notes(&s));
    let words = crate::i18n::notes::note(&Note::ServerTimeout { timer: Timer::Autologout, seconds: 30 }, Lang::En);
    assert!(words.contains("autologout") && words.contains("30"), "{words}");

    // Without the fault, the same server's login timer is Dovecot's 180 s.
    let mut plain = Shell::new(scenario::builtin("seed").unwrap(), Some("dovecot".into()), ClientStyle::Unix).unwrap();
    typed(&mut plain, "telnet pop.outlook.pl 110", 0);
    plain.tick(now(180_000));
    assert!(notes(&plain).contains(&Note::ServerTimeout { timer: Timer::Login, seconds: 180 }));
}

#[test]
fn hangup_with_the_escape_character() {
    let mut s = shell(ClientStyle::Unix);
    typed(&mut s, "telnet pop.outlook.pl 110", 0);
    s.hangup();
    assert!(!s.is_connected());
    assert_eq!(texts(&s).last().unwrap(), "C: ^]\ntelnet> quit\nConnection closed.");
    assert_eq!(s.view().session_state, Some(SessionState::Closed));
}

#[test]
fn a_ten_megabyte_paste_neither_panics_nor_grows_without_bound() {
    let mut s = shell(ClientStyle::Unix);
    typed(&mut s, "telnet pop.outlook.pl 110", 0);
    typed(&mut s, "USER tester@outlook.pl", 0);
    typed(&mut s, "PASS moje_hasło", 0);
    let lines: Vec<String> = std::iter::repeat_n("RETR 1".to_string(), 10 * 1024 * 1024 / 8).collect();
    s.submit(&lines, now(1));
    let mut rounds = 0;
    while s.next_deadline(now(1)) == Some(1) && rounds < 10_000 {
        s.tick(now(1));
        rounds += 1;
    }
    assert!(s.log().len() <= log::MAX_ENTRIES);
    let one_line = vec!["x".repeat(10 * 1024 * 1024)];
    s.submit(&one_line, now(2));
    s.submit(&["\u{1b}[2J<script>alert(1)</script>\u{0}".to_string()], now(3));
}

#[test]
fn help_clear_and_transcript() {
    let mut s = shell(ClientStyle::WindowsEn);
    typed(&mut s, "help", 0);
    assert!(notes(&s).iter().any(|n| matches!(n, Note::Help { .. })));
    typed(&mut s, "telnet pop.outlook.pl 110", 0);
    typed(&mut s, "NOOP", 0);
    let transcript = s.transcript();
    assert!(transcript.contains("C:\\> telnet pop.outlook.pl 110\n+OK Hello there.\nNOOP\n-ERR Invalid command.\n"));
    s.clear();
    assert!(s.log().is_empty());
    assert!(s.is_connected());
}

#[test]
fn changing_the_profile_closes_the_connection_and_renames_the_server() {
    let mut s = shell(ClientStyle::Unix);
    typed(&mut s, "telnet pop.outlook.pl 110", 0);
    s.set_profile(Some("dovecot".into())).unwrap();
    assert!(!s.is_connected());
    typed(&mut s, "telnet pop.outlook.pl 110", 2);
    assert!(texts(&s).last().unwrap().contains("Dovecot"));
    assert!(s.set_profile(Some("nosuch".into())).is_err());
}

#[test]
fn suggestions_lead_through_the_dialogue() {
    let mut s = shell(ClientStyle::WindowsEn);
    assert_eq!(s.suggestions()[0], "telnet pop.outlook.pl 110");
    typed(&mut s, "telnet pop.outlook.pl 110", 0);
    assert_eq!(s.suggestions()[0], "USER tester@outlook.pl");
    typed(&mut s, "USER tester@outlook.pl", 0);
    assert_eq!(s.suggestions()[0], "PASS moje_hasło");
    typed(&mut s, "PASS moje_hasło", 0);
    assert_eq!(s.suggestions()[0], "STAT");
}

#[test]
fn built_in_scenario_titles_are_translated_and_custom_ones_kept() {
    use crate::i18n::{scenario_title, Lang};
    let mut seed = pop3_sim::scenario::builtin("seed").unwrap();
    assert_eq!(scenario_title(&seed, Lang::Pl), "Skrzynka z poradnika (Courier na pop.outlook.pl)");
    assert_eq!(scenario_title(&seed, Lang::En), seed.title);
    seed.about.clear();
    seed.title = "Nasz serwer".into();
    assert_eq!(scenario_title(&seed, Lang::En), "Nasz serwer");
    assert_eq!(scenario_title(&seed, Lang::Pl), "Nasz serwer");
    for id in pop3_sim::scenario::BUILTIN_IDS {
        let s = pop3_sim::scenario::builtin(id).unwrap();
        assert_ne!(scenario_title(&s, Lang::Pl), scenario_title(&s, Lang::En), "{id} has no Polish title");
    }
}

#[test]
fn a_firewall_that_accepts_and_closes_shows_no_greeting() {
    let mut s = Shell::new(scenario::builtin("firewall-blocks-110").unwrap(), None, ClientStyle::Unix).unwrap();
    typed(&mut s, "telnet pop.outlook.pl 110", 0);
    assert!(!s.is_connected());
    let t = texts(&s);
    assert_eq!(t[0], "> $telnet pop.outlook.pl 110");
    assert!(t.iter().all(|l| !l.starts_with("S: ")), "{t:?}");
    assert!(t.last().unwrap().contains("Connection closed by foreign host."), "{t:?}");
    // Port 995 is not behind the rule.
    typed(&mut s, "telnet pop.outlook.pl 995", 1000);
    assert!(s.is_connected());
}

#[test]
fn too_many_failed_logins_end_in_a_ban_that_times_out() {
    let mut s = Shell::new(scenario::builtin("too-many-failures").unwrap(), None, ClientStyle::WindowsEn).unwrap();
    typed(&mut s, "telnet pop.outlook.pl 110", 0);
    let mut at = 1_000;
    for _ in 0..3 {
        typed(&mut s, "USER tester@outlook.pl", at);
        typed(&mut s, "PASS zle_haslo", at + 10);
        s.skip_wait(now(at + 20));
        at += 1_000;
    }
    assert!(!s.is_connected(), "{:?}", texts(&s));
    assert_eq!(texts(&s).iter().filter(|l| *l == "S: -ERR Login failed.").count(), 3);
    // Banned: the next attempt waits for a connection that never comes.
    typed(&mut s, "telnet pop.outlook.pl 110", at);
    assert!(!s.is_connected());
    s.skip_wait(now(at + 10));
    assert!(texts(&s).last().unwrap().contains("Could not open connection to the host"), "{:?}", texts(&s));
}

fn with_faults(faults: &str) -> Shell {
    let mut s = scenario::builtin("seed").unwrap();
    s.faults = serde_json::from_str(faults).unwrap();
    Shell::new(s, None, ClientStyle::Unix).unwrap()
}

#[test]
fn openssl_s_client_shows_the_certificate_then_pop3_inside_tls() {
    let mut s = shell(ClientStyle::WindowsEn);
    typed(&mut s, "openssl s_client -connect pop.outlook.pl:995 -crlf", 0);
    assert!(s.is_connected());
    let t = texts(&s);
    assert!(t[1].starts_with("C: CONNECTED(00000003)\ndepth=1 O = Simulated Trust Services"), "{}", t[1]);
    assert!(t[1].ends_with("Verify return code: 0 (ok)\n---"), "{}", t[1]);
    assert_eq!(t[2], "S: +OK Hello there.");
    typed(&mut s, "USER tester@outlook.pl", 1000);
    typed(&mut s, "PASS moje_hasło", 2000);
    typed(&mut s, "STAT", 3000);
    typed(&mut s, "QUIT", 4000);
    let t = texts(&s);
    assert!(t.contains(&"S: +OK 2 53235".to_string()), "{t:?}");
    assert_eq!(t.last().unwrap(), "C: closed");
}

#[test]
fn s_client_with_starttls_hides_the_greeting_and_sends_bare_line_feeds() {
    let mut s = shell(ClientStyle::Unix);
    typed(&mut s, "openssl s_client -connect pop.outlook.pl:110 -starttls pop3", 0);
    assert!(s.is_connected());
    assert!(texts(&s).iter().all(|l| !l.contains("Hello there")), "{:?}", texts(&s));
    typed(&mut s, "USER tester@outlook.pl", 1000);
    let last = s.log().entries().last().unwrap().clone();
    match &last.kind {
        EntryKind::Reply { bytes, explanation, .. } => {
            assert_eq!(bytes, b"+OK Password required.\r\n");
            assert_eq!(explanation.ending, Some(pop3_sim::LineEnding::Lf));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn s_client_reports_certificate_problems_and_plain_text_servers() {
    let mut s = with_faults(r#"[{"kind":"certificate","problem":"expired"}]"#);
    typed(&mut s, "openssl s_client -connect pop.outlook.pl:995", 0);
    assert!(texts(&s)[1].contains("verify error:num=10:certificate has expired\nnotAfter="));
    let mut s = with_faults(r#"[{"kind":"certificate","problem":"wrong_name"}]"#);
    typed(&mut s, "openssl s_client -connect pop.outlook.pl:995 -verify_hostname pop.outlook.pl", 0);
    assert!(texts(&s)[1].contains("Verify return code: 62 (hostname mismatch)"));
    // A plain port without -starttls, and STLS refused: TLS meets plain text.
    let mut s = shell(ClientStyle::Unix);
    typed(&mut s, "openssl s_client -connect pop.outlook.pl:110", 0);
    assert!(!s.is_connected());
    assert!(texts(&s)[1].contains(":wrong version number:"), "{:?}", texts(&s));
    let mut s = with_faults(r#"[{"kind":"no_stls"}]"#);
    typed(&mut s, "openssl s_client -connect pop.outlook.pl:110 -starttls pop3", 0);
    assert!(!s.is_connected());
    assert!(texts(&s)[1].contains("SSL handshake has read 56 bytes and written 326 bytes"));
    // Network faults in OpenSSL's words.
    let mut s = with_faults(r#"[{"kind":"refused"}]"#);
    typed(&mut s, "openssl s_client -connect pop.outlook.pl:995", 0);
    assert!(texts(&s)[1].ends_with("connect:errno=111"));
    let mut s = shell(ClientStyle::Unix);
    typed(&mut s, "openssl version", 0);
    assert_eq!(notes(&s).last(), Some(&Note::OpenSslUsage));
}

#[test]
fn a_bridge_awaiting_the_learners_answer_connects_nowhere() {
    use crate::console::remote::Outgoing;
    let mut s = shell(ClientStyle::Unix);
    s.set_bridge_pending(true);
    assert_eq!(notes(&s), vec![Note::BridgeAwaitingAnswer]);
    typed(&mut s, "telnet mail.example.net 110", 0);
    typed(&mut s, "openssl s_client -connect mail.example.net:995", 10);
    // Neither the bridge nor the simulator: nothing connects, and the console says why.
    assert!(s.take_outbox().is_empty());
    assert!(!s.is_connected());
    assert_eq!(notes(&s), vec![Note::BridgeAwaitingAnswer; 3]);
    // Yes: real-server mode begins, said in the log.
    s.set_bridge_pending(false);
    s.set_bridge(Some("ws://bridge.example:8110/bridge".into()));
    assert_eq!(notes(&s).last(), Some(&Note::BridgeWelcome));
    typed(&mut s, "telnet mail.example.net 110", 20);
    assert!(matches!(s.take_outbox().as_slice(), [Outgoing::Open { .. }]));
    // No, on a fresh console: the simulator's welcome comes back, and telnet reaches the simulator.
    let mut s = shell(ClientStyle::Unix);
    s.set_bridge_pending(true);
    s.set_bridge_pending(false);
    assert!(matches!(notes(&s).as_slice(), [Note::Welcome { .. }]));
    typed(&mut s, "telnet pop.outlook.pl 110", 0);
    assert!(s.take_outbox().is_empty());
    assert!(s.is_connected() || s.is_busy());
}

#[test]
fn real_server_mode_goes_through_the_bridge() {
    use crate::console::remote::Outgoing;
    let mut s = shell(ClientStyle::Unix);
    s.set_bridge(Some("ws://127.0.0.1:8081/bridge".into()));
    assert_eq!(notes(&s), vec![Note::BridgeWelcome]);
    typed(&mut s, "telnet mail.example.net 110", 0);
    assert_eq!(
        s.take_outbox(),
        vec![Outgoing::Open { hello: r#"{"host":"mail.example.net","port":110,"tls":"none"}"#.into() }]
    );
    s.bridge_opened(r#"{"ok":true,"address":"198.51.100.4:110"}"#);
    s.bridge_data(b"+OK Dovecot ready.\r\n+O");
    typed(&mut s, "USER anna", 1000);
    assert_eq!(s.take_outbox(), vec![Outgoing::Send(b"USER anna\r\n".to_vec())]);
    s.bridge_data(b"K\r\n");
    typed(&mut s, "CAPA", 2000);
    s.bridge_data(b"+OK\r\nUSER\r\n.\r\n");
    s.bridge_closed();
    assert_eq!(
        texts(&s),
        vec![
            "> $telnet mail.example.net 110",
            "C: Trying 198.51.100.4:110...\nConnected to mail.example.net.\nEscape character is '^]'.",
            "S: +OK Dovecot ready.",
            "> USER anna",
            "S: +OK",
            "> CAPA",
            "S: +OK\r\nUSER\r\n.",
            "C: Connection closed by foreign host.",
        ]
    );
    assert!(!s.is_connected());
}

#[test]
fn bridge_refusals_are_explained() {
    let mut s = shell(ClientStyle::WindowsEn);
    s.set_bridge(Some("ws://bridge".into()));
    typed(&mut s, "openssl s_client -connect 10.0.0.1:995", 0);
    s.bridge_opened(r#"{"ok":false,"error":"not_allowed","detail":"10.0.0.1 is a private address"}"#);
    assert!(matches!(notes(&s).last(), Some(Note::BridgeRefused { kind: FailureKind::NotAllowed, .. })));
    assert!(!s.is_connected());
    typed(&mut s, "telnet pop.example.org 110", 0);
    s.bridge_opened(r#"{"ok":false,"error":"refused"}"#);
    assert!(texts(&s).last().unwrap().contains("Could not open connection to the host, on port 110"));
    // A key from a newer bridge is kept as sent, and worded as a failure to connect.
    typed(&mut s, "telnet pop.example.org 110", 0);
    s.bridge_opened(r#"{"ok":false,"error":"quota_exceeded","detail":"x"}"#);
    let Some(Note::BridgeRefused { kind, .. }) = notes(&s).last().cloned() else { panic!("{:?}", notes(&s)) };
    assert_eq!(kind.as_str(), "quota_exceeded");
}

/// What is not a bridge's answer is the page's own state, not a forged server key: no bridge at the address
/// (the socket could not open, or closed before answering), or an answer that is not a status.
#[test]
fn no_bridge_at_the_address_is_said_as_such() {
    use crate::console::remote::Outgoing;
    let mut s = shell(ClientStyle::Unix);
    s.set_bridge(Some("ws://127.0.0.1:9/bridge".into()));
    typed(&mut s, "telnet pop.example.org 110", 0);
    s.bridge_closed();
    assert_eq!(notes(&s).last(), Some(&Note::BridgeUnreachable));
    assert!(!s.is_connected());
    assert_eq!(s.take_outbox().last(), Some(&Outgoing::Close));

    typed(&mut s, "telnet pop.example.org 110", 0);
    s.bridge_unreachable();
    assert_eq!(notes(&s).last(), Some(&Note::BridgeUnreachable));

    typed(&mut s, "telnet pop.example.org 110", 0);
    s.bridge_opened("<html>404</html>");
    assert_eq!(notes(&s).last(), Some(&Note::BridgeBadAnswer));
    assert!(!s.is_connected());
    // Once the bridge has answered, a close is the server's: telnet says so.
    typed(&mut s, "telnet pop.example.org 110", 0);
    s.bridge_opened(r#"{"ok":true,"address":"198.51.100.4:110"}"#);
    s.bridge_closed();
    assert_eq!(texts(&s).last().unwrap(), "C: Connection closed by foreign host.");
    for lang in Lang::ALL {
        assert!(crate::i18n::notes::note(&Note::BridgeUnreachable, lang).contains("?bridge="));
    }
}

/// Offline, the page does not try the bridge: the attempt ends as for an unreachable bridge (the connection is
/// over, the prompt is back), with a note that names the cause and the simulator as the way to work offline.
#[test]
fn an_offline_browser_is_told_that_real_server_mode_needs_the_network() {
    use crate::console::remote::Outgoing;
    let mut s = shell(ClientStyle::Unix);
    s.set_bridge(Some("ws://bridge.example/bridge".into()));
    typed(&mut s, "telnet pop.example.org 110", 0);
    assert!(matches!(s.take_outbox().as_slice(), [Outgoing::Open { .. }]));
    s.bridge_offline();
    assert_eq!(notes(&s).last(), Some(&Note::BridgeOffline));
    assert!(!s.is_connected());
    assert_eq!(s.take_outbox(), vec![Outgoing::Close]);
    // Nothing is waiting: the next line is a shell command again, and a late report changes nothing.
    s.bridge_closed();
    s.bridge_offline();
    assert_eq!(notes(&s).iter().filter(|n| **n == Note::BridgeOffline).count(), 1);
    typed(&mut s, "help", 0);
    assert!(matches!(notes(&s).last(), Some(Note::Help { .. })));
    // Back online, connecting works again.
    typed(&mut s, "openssl s_client -connect pop.example.org:995", 0);
    s.bridge_opened(r#"{"ok":true,"address":"198.51.100.4:995"}"#);
    assert!(s.is_connected());
    for lang in Lang::ALL {
        let text = crate::i18n::notes::note(&Note::BridgeOffline, lang);
        assert!(text.contains("?bridge="), "{text}");
        assert_ne!(text, crate::i18n::notes::note(&Note::BridgeUnreachable, lang));
    }
}

#[test]
fn a_bridge_tls_failure_is_explained_as_the_certificate_problem() {
    let mut s = shell(ClientStyle::Unix);
    s.set_bridge(Some("ws://bridge".into()));
    typed(&mut s, "openssl s_client -connect pop.example.org:995", 0);
    s.bridge_opened(r#"{"ok":false,"error":"tls_failed","tls_error":"certificate_expired","detail":"invalid peer certificate: Expired"}"#);
    let last = s.log().entries().last().unwrap().clone();
    assert!(
        matches!(&last.kind, EntryKind::Client { topic: Some(Topic::Certificate { code: 10, .. }), .. }),
        "{last:?}"
    );
    assert!(!s.is_connected());
}

/// Random use of the console must never panic (in the browser a panic stops the app): any mix of shell
/// commands, POP3 lines, odd bytes and very long tokens, typed or pasted, with time passing, waits skipped,
/// hang-ups, clears, style and profile changes, in every built-in scenario; and in real-server mode, any
/// answer or data a bridge might send. Afterwards the transcript and the view can still be made.
mod random_use {
    use proptest::prelude::*;

    use super::*;

    const WORDS: &[&str] = &[
        "telnet",
        "openssl",
        "s_client",
        "-connect",
        "-starttls",
        "pop3",
        "-crlf",
        "help",
        "cls",
        "exit",
        "quit",
        "pop.outlook.pl",
        "outlook.pl",
        "pop.outlook.pl:995",
        "pop.outlook.pl:110",
        "localhost",
        "127.0.0.1",
        "[::1]:995",
        "110",
        "995",
        "0",
        "65536",
        "-1",
        "99999999999999999999",
        "USER",
        "PASS",
        "tester@outlook.pl",
        "moje_hasło",
        "STAT",
        "LIST",
        "RETR",
        "TOP",
        "DELE",
        "RSET",
        "NOOP",
        "UIDL",
        "CAPA",
        "STLS",
        "AUTH",
        "PLAIN",
        "APOP",
        "QUIT",
        "1",
        "2",
        "*",
        "=",
        ":",
        "\t",
        "\u{1b}[2J",
        "\0",
        "\r",
        "ą",
        "😀",
        "<script>",
    ];

    #[derive(Debug, Clone)]
    enum Action {
        /// `telnet` or `openssl s_client` to the scenario's first host, on one of its usual ports.
        Connect(usize, usize),
        /// USER and PASS of the scenario's first user, pipelined or not, then a few commands.
        Login(bool),
        Type(Vec<String>),
        Wait(u64),
        SkipWait,
        Hangup,
        Clear,
        Style(usize),
        Profile(Option<usize>),
        Bridge(Option<String>),
        BridgeAnswer(String),
        BridgeData(Vec<u8>),
        BridgeClosed,
    }

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => prop::collection::vec(prop::sample::select(WORDS), 0..6).prop_map(|w| w.join(" ")),
            1 => ".{0,40}",
            1 => (prop::sample::select(WORDS), 1usize..20_000).prop_map(|(w, n)| w.repeat(n.min(20_000 / w.len().max(1)))),
        ]
    }

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            3 => (0usize..3, 0usize..3).prop_map(|(p, q)| Action::Connect(p, q)),
            2 => any::<bool>().prop_map(Action::Login),
            8 => prop::collection::vec(line(), 1..4).prop_map(Action::Type),
            2 => (0u64..200_000).prop_map(Action::Wait),
            1 => Just(Action::SkipWait),
            1 => Just(Action::Hangup),
            1 => Just(Action::Clear),
            1 => (0usize..3).prop_map(Action::Style),
            1 => prop::option::of(0usize..5).prop_map(Action::Profile),
            1 => prop::option::of(Just("ws://bridge.test/bridge".to_string())).prop_map(Action::Bridge),
            1 => prop_oneof![
                Just(r#"{"ok":true,"address":"198.51.100.4:110"}"#.to_string()),
                Just(r#"{"ok":true,"address":"198.51.100.4:995","tls_version":"TLSv1.3"}"#.to_string()),
                Just(r#"{"ok":false,"error":"tls_failed","tls_error":"certificate_expired","detail":"x"}"#.to_string()),
                ".{0,60}",
            ]
            .prop_map(Action::BridgeAnswer),
            2 => prop_oneof![
                Just(b"+OK ready\r\n".to_vec()),
                Just(b"+OK 2 messages\r\n1 10\r\n.\r\n".to_vec()),
                prop::collection::vec(any::<u8>(), 0..300),
            ]
            .prop_map(Action::BridgeData),
            1 => Just(Action::BridgeClosed),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
        #[test]
        fn never_panics(
            scenario in prop::sample::select(&pop3_sim::scenario::BUILTIN_IDS[..]),
            actions in prop::collection::vec(action(), 1..40),
        ) {
            let mut s = Shell::new(pop3_sim::scenario::builtin(scenario).unwrap(), None, ClientStyle::WindowsEn).unwrap();
            let mut t = 0u64;
            for a in actions {
                match a {
                    Action::Connect(program, port) => {
                        let host = s.scenario().hosts.first().cloned().unwrap_or_default();
                        let port = [110, 995, 25][port];
                        let line = match program {
                            0 => format!("telnet {host} {port}"),
                            1 => format!("openssl s_client -connect {host}:{port}"),
                            _ => format!("openssl s_client -connect {host}:{port} -starttls pop3 -crlf"),
                        };
                        s.submit(&[line], now(t));
                    }
                    Action::Login(pipelined) => {
                        let lines: Vec<String> = s.scenario().users.first().map(|u| {
                            vec![format!("USER {}", u.name), format!("PASS {}", u.password.expose()), "STAT".into(), "RETR 1".into()]
                        }).unwrap_or_default();
                        if pipelined {
                            s.submit(&lines, now(t));
                        } else {
                            for line in lines {
                                s.submit(&[line], now(t));
                            }
                        }
                    }
                    Action::Type(lines) => s.submit(&lines, now(t)),
                    Action::Wait(ms) => {
                        t += ms;
                        // What the page's timer does: tick at each deadline that has come.
                        for _ in 0..1000 {
                            match s.next_deadline(now(t)) {
                                Some(d) if d <= t => s.tick(now(t)),
                                _ => break,
                            }
                        }
                    }
                    Action::SkipWait => s.skip_wait(now(t)),
                    Action::Hangup => s.hangup(),
                    Action::Clear => s.clear(),
                    Action::Style(i) => s.set_style(ClientStyle::ALL[i]),
                    Action::Profile(p) => {
                        let id = p.and_then(|i| ["courier", "dovecot", "exchange", "gmail", "nosuch"].get(i)).map(|p| p.to_string());
                        let _ = s.set_profile(id);
                    }
                    Action::Bridge(url) => s.set_bridge(url),
                    Action::BridgeAnswer(answer) => s.bridge_opened(&answer),
                    Action::BridgeData(bytes) => s.bridge_data(&bytes),
                    Action::BridgeClosed => s.bridge_closed(),
                }
                let _ = s.take_outbox();
            }
            let _ = s.view();
            let _ = s.suggestions();
            let transcript = s.transcript();
            prop_assert!(transcript.len() < 64 * 1024 * 1024);
        }
    }
}

/// Plays `id`'s demo, in the scenario's own profile, as the embed widget does: each line typed at the prompt,
/// time moving on by the step's pause, simulated waits (a connection attempt that times out, a server's delay)
/// skipped as a reader skips them. Returns the shell and the log entries each step added.
fn play_demo(id: &str, style: ClientStyle) -> (Shell, Vec<Vec<Rc<Entry>>>) {
    let scenario = scenario::builtin(id).unwrap();
    let demo = scenario.demo.clone();
    let mut s = Shell::new(scenario, None, style).unwrap();
    let (mut t, mut steps) = (0, Vec::new());
    for step in &demo {
        let before = s.log().len();
        typed(&mut s, &step.line, t);
        for _ in 0..1000 {
            if s.view().wait.is_some() {
                s.skip_wait(now(t));
            } else if s.next_deadline(now(t)).is_some_and(|d| d <= t) {
                s.tick(now(t));
            } else {
                break;
            }
        }
        steps.push(s.log().entries().skip(before).cloned().collect());
        t += u64::from(step.pause.unwrap_or(2000));
    }
    (s, steps)
}

/// The server's replies among a step's entries, as text.
fn replies(step: &[Rc<Entry>]) -> Vec<String> {
    step.iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Reply { bytes, .. } => Some(String::from_utf8_lossy(bytes).into_owned()),
            _ => None,
        })
        .collect()
}

/// What the client programs printed in a step, with the explain pane's topic.
fn client(step: &[Rc<Entry>]) -> Vec<(String, Option<Topic>)> {
    step.iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Client { text, topic } => Some((text.clone(), topic.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn every_built_in_demo_plays_without_a_refused_line() {
    for id in scenario::BUILTIN_IDS {
        let demo = scenario::builtin(id).unwrap().demo;
        assert!(!demo.is_empty() || !scenario::LIBRARY_IDS.contains(&id), "{id}: the library scenario has no demo");
        for style in ClientStyle::ALL {
            let (s, steps) = play_demo(id, style);
            assert_eq!(steps.len(), demo.len());
            for (step, entries) in demo.iter().zip(&steps) {
                assert!(!entries.is_empty(), "{id} {style:?}: {:?} did nothing", step.line);
                for e in entries {
                    let refused = match &e.kind {
                        EntryKind::Client { topic, .. } => {
                            matches!(topic, Some(Topic::UnknownShellCommand | Topic::BadPort { .. }))
                        }
                        EntryKind::Note(n) => matches!(n, Note::TelnetUsage | Note::OpenSslUsage | Note::Busy),
                        _ => false,
                    };
                    assert!(!refused, "{id} {style:?}: {:?} was refused: {e:?}", step.line);
                }
            }
            // A demo leaves the console at rest: no wait under way.
            assert!(s.view().wait.is_none(), "{id} {style:?}");
        }
    }
}

#[test]
fn the_seed_demo_is_the_articles_dialogue() {
    let (s, steps) = play_demo("seed", ClientStyle::WindowsPl);
    let lines: Vec<&str> = s.scenario().demo.iter().map(|d| d.line.as_str()).collect();
    assert_eq!(lines, ["telnet pop.outlook.pl 110", "USER tester@outlook.pl", "PASS moje_hasło", "STAT", "QUIT"]);
    let got: Vec<Vec<String>> = steps.iter().map(|step| replies(step)).collect();
    let want = [
        "+OK Hello there.\r\n",
        "+OK Password required.\r\n",
        "+OK logged in.\r\n",
        "+OK 2 53235\r\n",
        "+OK Bye-bye.\r\n",
    ];
    assert_eq!(got, want.map(|r| vec![r.to_string()]));
    assert!(s.transcript().contains(
        "C:\\> telnet pop.outlook.pl 110\n+OK Hello there.\nUSER tester@outlook.pl\n+OK Password required.\nPASS moje_hasło\n\
         +OK logged in.\nSTAT\n+OK 2 53235\nQUIT\n+OK Bye-bye.\n"
    ));
    for step in &s.scenario().demo {
        for lang in ["en", "pl"] {
            assert!(step.caption.in_lang(lang).is_some_and(|c| c.chars().count() <= 120), "{:?} {lang}", step.line);
        }
        assert!(step.pause.is_some_and(|p| (1500..=2500).contains(&p)), "{:?}", step.line);
    }
}

/// Each fault scenario's demo shows the fault it is about, as Windows telnet (English) prints it.
#[test]
fn each_fault_demo_shows_its_fault() {
    const LOST: &str = "\nConnection to host lost.";
    const CONNECT_FAILED: &str = "Could not open connection to the host, on port 110: Connect failed";
    for id in scenario::LIBRARY_IDS.into_iter().filter(|id| *id != "seed") {
        let (s, steps) = play_demo(id, ClientStyle::WindowsEn);
        let step = |i: usize| steps[i].as_slice();
        let all: Vec<String> = steps.iter().flat_map(|step| replies(step)).collect();
        let context = format!("{id}:\n{}", s.transcript());
        match id {
            "dns-failure" => {
                assert!(all.is_empty(), "{context}");
                let (text, topic) = &client(step(0))[0];
                assert!(text.ends_with(CONNECT_FAILED), "{context}");
                assert_eq!(topic, &Some(Topic::Unresolvable { host: "pop.outlook.pl".into() }), "{context}");
            }
            "timeout-10060" => {
                assert!(all.is_empty(), "{context}");
                let (text, topic) = &client(step(0))[0];
                assert_eq!(text, &format!("Connecting To pop.outlook.pl...{CONNECT_FAILED}"), "{context}");
                assert_eq!(topic, &Some(Topic::TimedOut), "{context}");
            }
            "connection-refused" => {
                assert_eq!(client(step(0))[0].1, Some(Topic::Refused { port: "110".into() }), "{context}");
                assert!(replies(step(0)).is_empty(), "{context}");
                assert_eq!(replies(step(1)), ["+OK Hello there.\r\n"], "{context}");
            }
            "firewall-blocks-110" => {
                assert!(replies(step(0)).is_empty(), "{context}");
                assert_eq!(client(step(0)), [(LOST.to_string(), Some(Topic::Intercepted))], "{context}");
                assert_eq!(replies(step(1)), ["+OK Hello there.\r\n"], "{context}");
            }
            "wrong-port-995" => {
                assert!(replies(step(0)).is_empty() && replies(step(1)).is_empty(), "{context}");
                assert!(notes_in(step(0)).contains(&Note::TlsExpected), "{context}");
                assert_eq!(client(step(1))[0].0, LOST, "{context}");
                assert_eq!(replies(step(2)), ["+OK Hello there.\r\n"], "{context}");
            }
            "tls-required" => {
                assert_eq!(replies(step(1)), ["-ERR TLS required to log in.\r\n"], "{context}");
                let capa = &replies(step(2))[0];
                assert!(capa.contains("\r\nSTLS\r\n") && !capa.contains("\r\nUSER\r\n"), "{context}");
            }
            "expired-certificate" => {
                let (text, topic) = &client(step(0))[0];
                assert!(text.contains("verify error:num=10:certificate has expired"), "{context}");
                assert!(matches!(topic, Some(Topic::Certificate { code: 10, .. })), "{context}");
                assert_eq!(replies(step(0)), ["+OK Hello there.\r\n"], "{context}");
            }
            "wrong-password" => {
                assert_eq!(s.scenario().demo[2].line, "PASS moje_hasło");
                assert_eq!(replies(step(2)), ["-ERR [AUTH] Authentication failed.\r\n"], "{context}");
            }
            "too-many-failures" => {
                let failed = all.iter().filter(|r| *r == "-ERR Authentication failed.\r\n").count();
                assert_eq!(failed, 3, "{context}");
                assert_eq!(client(step(3)), [(LOST.to_string(), Some(Topic::ClosedByServer))], "{context}");
                let (text, topic) = &client(step(4))[0];
                assert!(text.ends_with(CONNECT_FAILED) && *topic == Some(Topic::TimedOut), "{context}");
            }
            "login-delay" => {
                let want = "-ERR [LOGIN-DELAY] Logins must be at least 15 minutes apart\r\n";
                assert_eq!(replies(step(2)), [want], "{context}");
            }
            "mailbox-locked" => {
                assert_eq!(
                    replies(step(2)),
                    ["-ERR [IN-USE] Mailbox is locked by another POP3 session.\r\n"],
                    "{context}"
                );
                assert_eq!(client(step(2))[0].0, LOST, "{context}");
            }
            "server-busy" => {
                let r = replies(step(2));
                assert!(r.len() == 2 && r[1].starts_with("-ERR [SYS/TEMP] Internal error occurred."), "{context}");
            }
            "drop-during-retr" => {
                assert_eq!(s.scenario().demo[3].line, "RETR 2");
                let cut = step(3).iter().find_map(|e| match &e.kind {
                    EntryKind::Reply { bytes, explanation, .. } => Some((bytes.clone(), explanation.meaning.clone())),
                    _ => None,
                });
                let (bytes, meaning) = cut.expect("the start of the message");
                assert!(
                    bytes.starts_with(b"+OK 52581 octets follow.\r\n") && !bytes.ends_with(b"\r\n.\r\n"),
                    "{context}"
                );
                assert!(matches!(meaning, pop3_sim::Meaning::Dropped { .. }), "{meaning:?}");
                assert_eq!(client(step(3))[0].0, LOST, "{context}");
            }
            other => panic!("{other}: the demo's fault is not checked here"),
        }
        // A demo leaves no connection behind.
        assert!(!s.is_connected(), "{context}");
    }
}

fn notes_in(step: &[Rc<Entry>]) -> Vec<Note> {
    step.iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Note(n) => Some(n.clone()),
            _ => None,
        })
        .collect()
}
