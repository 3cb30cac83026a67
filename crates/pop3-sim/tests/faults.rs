//! The fault library, byte for byte: what each built-in troubleshooting scenario makes the server do, and
//! the scenario file's `base` inheritance.

mod common;

use common::Client;
use pop3_sim::scenario::{self, NetworkFault};
use pop3_sim::{ArmedTimer, Meaning, Scenario, SessionState, Timer};

fn text(replies: &[pop3_sim::Reply]) -> String {
    replies.iter().map(|r| String::from_utf8_lossy(&r.bytes).into_owned()).collect()
}

/// RETR 2's whole reply in the seed world: status line, the message (dot-stuffed: it has no line starting
/// with a dot), the terminating dot line.
fn two_total() -> u64 {
    let mut c = Client::new("seed");
    c.login("tester@outlook.pl", "moje_hasło");
    c.wire("RETR 2").len() as u64
}

#[test]
fn drop_during_retr_cuts_the_big_message_after_20000_octets_and_closes() {
    let mut c = Client::new("drop-during-retr");
    c.login("tester@outlook.pl", "moje_hasło");
    // The small message still arrives whole.
    let one = c.wire("RETR 1");
    assert!(one.starts_with(b"+OK 654 octets follow.\r\n") && one.ends_with(b"\r\n.\r\n"));
    let two = c.send("RETR 2");
    assert_eq!(two.len(), 1);
    let bytes = &two[0].bytes;
    assert_eq!(bytes.len(), 20_000);
    assert!(bytes.starts_with(b"+OK 52581 octets follow.\r\n"));
    assert!(!bytes.ends_with(b"\r\n.\r\n"));
    assert_eq!(two[0].explanation.meaning, Meaning::Dropped { sent: 20_000, total: two_total() });
    assert_eq!(c.closed, Some(false));
    assert_eq!(c.session.state(), SessionState::Closed);
    // The connection is gone: nothing more is read or sent.
    assert!(c.send("QUIT").is_empty());
}

#[test]
fn a_drop_without_a_command_counts_the_whole_output() {
    let mut s = scenario::builtin("seed").unwrap();
    s.faults = serde_json::from_str(r#"[{"kind":"drop","after_octets":30}]"#).unwrap();
    let mut c = Client::with_scenario(&s);
    assert_eq!(c.greeting.bytes, b"+OK Hello there.\r\n");
    let r = c.send("USER tester@outlook.pl");
    assert_eq!(text(&r), "+OK Password");
    assert_eq!(c.closed, Some(false));
}

#[test]
fn latency_pauses_before_every_reply() {
    let mut s = scenario::builtin("seed").unwrap();
    s.faults = serde_json::from_str(r#"[{"kind":"latency","ms":1500}]"#).unwrap();
    let mut c = Client::with_scenario(&s);
    assert_eq!(c.pauses, [1500]);
    c.send("USER tester@outlook.pl");
    c.send("NOOP");
    assert_eq!(c.pauses, [1500, 1500, 1500]);
}

#[test]
fn mailbox_locked_waits_for_the_lock_then_answers_in_use_and_closes() {
    let mut c = Client::new("mailbox-locked");
    assert!(c.greeting.bytes.starts_with(b"+OK Dovecot (Debian) ready."));
    assert_eq!(c.first("USER tester@outlook.pl"), "+OK");
    let r = c.send("PASS moje_hasło");
    assert_eq!(text(&r), "-ERR [IN-USE] Mailbox is locked by another POP3 session.\r\n");
    assert_eq!(r[0].explanation.meaning, Meaning::MailboxInUse);
    assert_eq!(c.pauses, [10_000]);
    assert_eq!(c.closed, Some(false));
    // The phantom never lets go: a second connection to the same server meets the same lock.
    let session = c.connect_again();
    let mut again = Client::attach(c.server, session);
    again.send("USER tester@outlook.pl");
    assert!(text(&again.send("PASS moje_hasło")).contains("[IN-USE]"));
}

#[test]
fn too_many_failures_hang_up_and_ban_the_address() {
    let s = scenario::builtin("too-many-failures").unwrap();
    let mut c = Client::with_scenario(&s);
    for attempt in 1..=3 {
        c.send("USER tester@outlook.pl");
        assert_eq!(text(&c.send("PASS stare_hasło")), "-ERR Login failed.\r\n", "attempt {attempt}");
        assert_eq!(c.closed.is_some(), attempt == 3, "attempt {attempt}");
    }
    // Courier's own 5 s delay before each failure.
    assert_eq!(c.pauses, [5_000, 5_000, 5_000]);
    // SessionConfig::default() has an empty peer: that address is now banned, on every port.
    assert_eq!(c.server.network_fault("", 110), Some(NetworkFault::TimedOut));
    assert_eq!(c.server.network_fault("", 995), Some(NetworkFault::TimedOut));
    assert_eq!(c.server.network_fault("198.51.100.7", 110), None);
}

#[test]
fn a_good_login_before_the_limit_resets_the_count() {
    let mut c = Client::new("too-many-failures");
    for _ in 0..2 {
        c.send("USER tester@outlook.pl");
        c.send("PASS stare_hasło");
    }
    c.login("tester@outlook.pl", "moje_hasło");
    assert_eq!(c.closed, None);
    assert_eq!(c.server.network_fault("", 110), None);
}

#[test]
fn autologout_hangs_up_after_the_given_silence_in_any_state() {
    let mut s = scenario::builtin("seed").unwrap();
    s.faults = serde_json::from_str(r#"[{"kind":"autologout","seconds":30}]"#).unwrap();
    let mut c = Client::with_scenario(&s);
    assert_eq!(c.session.poll_timeout(), Some(30_000));
    c.now_ms = 10_000;
    c.send("USER tester@outlook.pl");
    assert_eq!(c.session.poll_timeout(), Some(40_000));
    assert_eq!(c.session.handle_timeout(39_999, &mut c.server), None);
    assert!(!c.session.is_closed());
    let fired = c.session.handle_timeout(40_000, &mut c.server);
    assert_eq!(fired, Some(ArmedTimer { timer: Timer::Autologout, deadline_ms: 40_000, length_ms: 30_000 }));
    // Courier hangs up without a word.
    assert!(c.drain().is_empty());
    assert_eq!(c.closed, Some(false));
}

#[test]
fn wrong_password_is_refused_by_dovecot_after_its_delay() {
    let mut c = Client::new("wrong-password");
    assert_eq!(c.first("USER tester@outlook.pl"), "+OK");
    let r = c.send("PASS moje_hasło");
    assert_eq!(text(&r), "-ERR [AUTH] Authentication failed.\r\n");
    assert_eq!(c.pauses, [2_000]);
    assert_eq!(c.closed, None);
    c.login("tester@outlook.pl", "Nowe-Hasło-2026");
    // The mailbox is the seed's: the file gives the user without messages, so they are inherited.
    assert_eq!(c.first("STAT"), "+OK 2 53235");
}

#[test]
fn server_busy_logs_in_then_reports_sys_temp_and_closes() {
    let mut c = Client::new("server-busy");
    c.send("USER tester@outlook.pl");
    let r = c.send("PASS moje_hasło");
    let all = text(&r);
    assert!(all.starts_with("+OK Logged in.\r\n-ERR [SYS/TEMP] Internal error occurred."), "{all}");
    assert_eq!(c.closed, Some(false));
}

#[test]
fn login_delay_answers_pass_with_the_scripted_code() {
    let mut c = Client::new("login-delay");
    c.send("USER tester@outlook.pl");
    let r = c.send("PASS moje_hasło");
    assert_eq!(text(&r), "-ERR [LOGIN-DELAY] Logins must be at least 15 minutes apart\r\n");
    assert_eq!(r[0].explanation.code.as_deref(), Some("LOGIN-DELAY"));
    assert_eq!(r[0].explanation.next_step(), Some(pop3_sim::NextStep::WaitBeforeLogin));
}

#[test]
fn network_stage_library_faults() {
    let fault = |id: &str, port| scenario::builtin(id).unwrap().network_fault(port);
    assert_eq!(fault("dns-failure", 110), Some(NetworkFault::NameNotFound));
    assert_eq!(fault("timeout-10060", 110), Some(NetworkFault::TimedOut));
    assert_eq!(fault("timeout-10060", 995), None);
    assert_eq!(fault("connection-refused", 110), Some(NetworkFault::Refused));
    assert_eq!(fault("firewall-blocks-110", 110), Some(NetworkFault::Intercepted { banner: None }));
    assert_eq!(fault("firewall-blocks-110", 995), None);
    for id in ["seed", "wrong-port-995", "wrong-password"] {
        assert_eq!(fault(id, 110), None, "{id}");
    }
}

#[test]
fn a_scenario_on_a_base_writes_only_what_it_changes() {
    let s = scenario::builtin("drop-during-retr").unwrap();
    assert_eq!(s.hosts, ["pop.outlook.pl", "outlook.pl"]);
    assert_eq!(s.users[0].messages.len(), 2);
    let compact = s.to_json_compact();
    assert!(compact.len() < 4_000, "{} octets", compact.len());
    assert!(!compact.contains("\"users\"") && !compact.contains("\"hosts\""), "{compact}");
    assert_eq!(Scenario::from_json(&compact).unwrap(), s);
    // A change to an inherited part is written out, and survives.
    let mut changed = s.clone();
    changed.hosts.push("pop3.outlook.pl".into());
    assert!(changed.to_json_compact().contains("pop3.outlook.pl"));
    assert_eq!(Scenario::from_json(&changed.to_json_compact()).unwrap(), changed);
}

#[test]
fn base_and_profile_refusals_name_the_field() {
    let e = Scenario::from_json(r#"{"version":1,"id":"x","title":"x","base":"nowhere"}"#).unwrap_err();
    assert_eq!(e.field, "base");
    let e = Scenario::from_json(r#"{"version":1,"id":"x","title":"x"}"#).unwrap_err();
    assert_eq!(e.field, "profile");
    for (fault, field) in [
        (r#"{"kind":"too_many_failures","after":0}"#, "faults[0].after"),
        (r#"{"kind":"autologout","seconds":0}"#, "faults[0].seconds"),
        (r#"{"kind":"latency","ms":700000}"#, "faults[0].ms"),
        (r#"{"kind":"drop","after_octets":5,"command":"RE TR"}"#, "faults[0].command"),
        (r#"{"kind":"intercepted","port":0}"#, "faults[0].port"),
        (r#"{"kind":"intercepted","banner":"-ERR a\r\n+OK b"}"#, "faults[0].banner"),
    ] {
        let json = format!(r#"{{"version":1,"id":"x","title":"x","base":"seed","faults":[{fault}]}}"#);
        assert_eq!(Scenario::from_json(&json).unwrap_err().field, field, "{fault}");
    }
}

#[test]
fn descriptions_fall_back_to_english_then_the_title() {
    let s = scenario::builtin("dovecot-reference").unwrap();
    assert_eq!(s.title_in("pl"), "Skrzynka wzorcowa (Dovecot)");
    assert_eq!(s.title_in("en"), "Reference maildrop (Dovecot)");
    let t = scenario::builtin("timeout-10060").unwrap();
    assert!(t.about("pl").diagnosis.unwrap().contains("zapor"));
    assert_eq!(t.about("de").title, t.about("en").title);
}

#[test]
fn no_stls_hides_stls_and_refuses_it_in_the_profiles_words() {
    let mut s = scenario::builtin("seed").unwrap();
    s.faults = serde_json::from_str(r#"[{"kind":"no_stls"},{"kind":"certificate","problem":"expired"}]"#).unwrap();
    assert_eq!(s.certificate_problem(), Some(scenario::CertProblem::Expired));
    let mut c = Client::with_scenario(&s);
    assert!(!text(&c.send("CAPA")).contains("STLS"));
    assert_eq!(text(&c.send("STLS")), "-ERR TLS support not available.\r\n");
    let mut healthy = Client::new("seed");
    assert!(text(&healthy.send("CAPA")).contains("STLS\r\n"));
    assert_eq!(scenario::builtin("seed").unwrap().certificate_problem(), None);
}
