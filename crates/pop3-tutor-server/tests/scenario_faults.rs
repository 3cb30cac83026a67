//! The troubleshooting scenarios over TCP, met by real clients: Python's `poplib` and `curl`, as a trainer
//! would show them. Protocol-stage faults come from the core's session (a wrong password, a connection
//! dropped during RETR, a hang-up after too many failures); network-stage ones are acted out by the server
//! for each connection (refused: an RST; timed out: silence; intercepted: a close before any greeting).
//! Client timeouts are kept short (2 s) where the fault is a timeout. `tls_required` is met over STLS and
//! implicit TLS with the written CA.

mod common;

use std::net::TcpStream;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{capa, command, greeting, read_to_close, tls_client, Ending, ServerProcess, DEADLINE};
use pop3_sim::scenario::{self, Fault};

/// The seed world's user (every library scenario is built on it).
const USER: &str = "tester@outlook.pl";
const PASSWORD: &str = "moje_hasło";

/// Runs a Python snippet with `sys.argv[1]` the server's port (and `args` after it).
fn python(server: &ServerProcess, script: &str, args: &[&str]) -> (String, Output) {
    common::require_tool("python3", "python3");
    let output = Command::new("python3")
        .args(["-c", script, &server.port().to_string()])
        .args(args)
        .output()
        .expect("running python3");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (text, output)
}

/// Runs `curl pop3://127.0.0.1:PORT/PATH` as the seed user; at most `max_time` seconds.
fn curl(server: &ServerProcess, path: &str, password: &str, max_time: u32) -> Output {
    common::require_tool("curl", "curl");
    let url = format!("pop3://127.0.0.1:{}/{path}", server.port());
    Command::new("curl")
        .args(["-s", "-S", "--max-time", &max_time.to_string(), &url, "-u", &format!("{USER}:{password}")])
        .output()
        .expect("running curl")
}

fn seed_message(n: usize) -> Vec<u8> {
    let path = common::sim_dir().join(format!("scenarios/seed/msg{n}.eml"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn drop_during_retr_poplib_gets_the_start_of_the_message_then_an_error() {
    // The fault: the reply to RETR stops after 20 000 octets (status line included), then the connection closes.
    let server = ServerProcess::start(&["--scenario", "drop-during-retr", "--no-delays"]);
    let message = common::sim_dir().join("scenarios/seed/msg2.eml");
    let script = r#"
import poplib, sys

class Recorder:
    """Keeps every octet poplib reads."""
    def __init__(self, file):
        self.file, self.raw = file, b""
    def readline(self, *args):
        line = self.file.readline(*args)
        self.raw += line
        return line
    def close(self):
        self.file.close()

message = open(sys.argv[2], "rb").read()
pop = poplib.POP3("127.0.0.1", int(sys.argv[1]), timeout=30)
pop.user("tester@outlook.pl")
print(pop.pass_("moje_hasło").decode())
pop.file = Recorder(pop.file)
try:
    pop.retr(2)
    sys.exit("retr(2) succeeded")
except (poplib.error_proto, ConnectionError) as error:
    print("retr failed:", type(error).__name__, error)
status, _, body = pop.file.raw.partition(b"\r\n")
assert status.startswith(b"+OK"), status
assert len(pop.file.raw) == 20000, len(pop.file.raw)
assert body and message.startswith(body), "the octets received are not the start of the message"
print("ok")
"#;
    let (text, output) = python(&server, script, &[message.to_str().unwrap()]);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("+OK logged in."), "{text}");
    assert!(text.contains("retr failed: error_proto -ERR EOF"), "{text}");
}

#[test]
fn drop_during_retr_curl_gets_only_the_start_of_the_message() {
    let server = ServerProcess::start(&["--scenario", "drop-during-retr", "--no-delays"]);
    let output = curl(&server, "2", PASSWORD, 60);
    let message = seed_message(2);
    // curl (7.88) takes the close for the end of the message and exits 0; what it saved is cut short all
    // the same: the 20 000 octets of the reply minus the status line `+OK 52581 octets follow.`.
    let status_line = format!("+OK {} octets follow.\r\n", message.len());
    assert_eq!(output.stdout.len(), 20_000 - status_line.len(), "curl exited with {}", output.status);
    assert!(message.starts_with(&output.stdout), "curl saved something else than the start of the message");
}

#[test]
fn wrong_password_poplib_gets_the_auth_error() {
    let server = ServerProcess::start(&["--scenario", "wrong-password", "--no-delays"]);
    let script = r#"
import poplib, sys
pop = poplib.POP3("127.0.0.1", int(sys.argv[1]), timeout=30)
pop.user("tester@outlook.pl")
try:
    pop.pass_("moje_hasło")
    sys.exit("the old password was accepted")
except poplib.error_proto as error:
    print(error.args[0].decode())
"#;
    let (text, output) = python(&server, script, &[]);
    assert!(output.status.success(), "{text}");
    assert_eq!(text.trim_end(), "-ERR [AUTH] Authentication failed.");
}

#[test]
fn wrong_password_curl_reports_login_denied() {
    let server = ServerProcess::start(&["--scenario", "wrong-password", "--no-delays"]);
    let output = curl(&server, "", PASSWORD, 60);
    assert_eq!(output.status.code(), Some(67), "{}", String::from_utf8_lossy(&output.stderr));
    // CURLE_LOGIN_DENIED
}

/// A snippet that connects with poplib (timeout `sys.argv[2]` seconds) and prints how the greeting fails.
const CONNECT: &str = r#"
import poplib, socket, sys
try:
    pop = poplib.POP3("127.0.0.1", int(sys.argv[1]), timeout=float(sys.argv[2]))
    sys.exit("greeted: %r" % pop.welcome)
except socket.timeout:
    print("timeout")
except (ConnectionResetError, ConnectionRefusedError) as error:
    print("reset:", type(error).__name__)
except poplib.error_proto as error:
    print("protocol error:", error)
"#;

#[test]
fn connection_refused_resets_the_connection() {
    let server = ServerProcess::start(&["--scenario", "connection-refused", "--no-delays"]);
    let (text, output) = python(&server, CONNECT, &["30"]);
    assert!(output.status.success(), "{text}");
    assert!(text.starts_with("reset:") || text.starts_with("protocol error: -ERR EOF"), "{text}");

    let output = curl(&server, "", PASSWORD, 60);
    assert!(!output.status.success(), "curl succeeded");
    assert!(output.stdout.is_empty());

    // The RST may come so quickly that connecting itself fails; otherwise the first read ends, empty.
    if let Ok(mut stream) = TcpStream::connect_timeout(&server.addr, common::DEADLINE) {
        stream.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        let mut got = Vec::new();
        assert_ne!(read_to_close(&mut stream, &mut got), Ending::Open);
        assert!(got.is_empty(), "{:?}", String::from_utf8_lossy(&got));
    }
}

#[test]
fn a_fault_for_port_110_does_not_apply_to_a_listener_standing_for_995() {
    let server = ServerProcess::start(&["--scenario", "connection-refused", "--no-delays", "--as-port", "995"]);
    let mut stream = server.connect();
    assert_eq!(common::greeting(&mut stream), b"+OK Hello there.\r\n");
}

#[test]
fn firewall_blocks_110_closes_before_the_greeting() {
    let server = ServerProcess::start(&["--scenario", "firewall-blocks-110", "--no-delays"]);
    let (text, output) = python(&server, CONNECT, &["30"]);
    assert!(output.status.success(), "{text}");
    assert_eq!(text.trim_end(), "protocol error: -ERR EOF");

    let output = curl(&server, "", PASSWORD, 60);
    assert!(!output.status.success(), "curl succeeded");
}

#[test]
fn an_interceptor_sends_its_banner_then_closes() {
    let mut scenario = scenario::builtin("seed").unwrap();
    scenario.faults = vec![Fault::Intercepted { port: None, banner: Some("554 Access denied by policy".into()) }];
    let server = ServerProcess::with_scenario(&scenario, &["--no-delays"]);
    let mut stream = server.connect();
    let mut got = Vec::new();
    assert_eq!(read_to_close(&mut stream, &mut got), Ending::Eof);
    assert_eq!(String::from_utf8_lossy(&got), "554 Access denied by policy\r\n");
}

#[test]
fn too_many_failures_hangs_up_then_bans_the_address() {
    let server = ServerProcess::start(&["--scenario", "too-many-failures", "--no-delays"]);
    let script = r#"
import poplib, socket, sys, time
port = int(sys.argv[1])
pop = poplib.POP3("127.0.0.1", port, timeout=30)
for password in ("one", "two", "three"):
    pop.user("tester@outlook.pl")
    try:
        pop.pass_(password)
        sys.exit("a wrong password was accepted")
    except poplib.error_proto as error:
        print(error.args[0].decode())
try:
    pop.noop()
    sys.exit("still connected after three failures")
except (poplib.error_proto, ConnectionError, BrokenPipeError) as error:
    print("closed:", type(error).__name__)
start = time.monotonic()
try:
    poplib.POP3("127.0.0.1", port, timeout=2)
    sys.exit("the banned address was greeted")
except socket.timeout:
    print("banned: timeout after %.1f s" % (time.monotonic() - start))
"#;
    let (text, output) = python(&server, script, &[]);
    assert!(output.status.success(), "{text}");
    assert_eq!(text.matches("-ERR Login failed.").count(), 3, "{text}");
    assert!(text.contains("closed:"), "{text}");
    assert!(text.contains("banned: timeout after 2."), "{text}");
}

#[test]
fn timeout_10060_poplib_times_out() {
    let server = ServerProcess::start(&["--scenario", "timeout-10060", "--no-delays"]);
    let start = Instant::now();
    let (text, output) = python(&server, CONNECT, &["2"]);
    assert!(output.status.success(), "{text}");
    assert_eq!(text.trim_end(), "timeout");
    assert!(start.elapsed() >= Duration::from_secs(2), "{:?}", start.elapsed());

    let output = curl(&server, "", PASSWORD, 2);
    assert_eq!(output.status.code(), Some(28), "{}", String::from_utf8_lossy(&output.stderr));
    // timed out
}

#[test]
fn a_held_connection_ends_at_shutdown() {
    let mut server = ServerProcess::start(&["--scenario", "timeout-10060", "--no-delays"]);
    let mut stream = server.connect();
    std::thread::sleep(Duration::from_millis(200));
    server.terminate();
    let mut got = Vec::new();
    assert_ne!(read_to_close(&mut stream, &mut got), Ending::Open);
    assert!(got.is_empty());
    let status = server.wait_exit(Duration::from_secs(10)).expect("the server did not exit within 10 s");
    assert!(status.success(), "exit status {status}");
}

#[test]
fn latency_is_slept_through_unless_no_delays() {
    let mut scenario = scenario::builtin("seed").unwrap();
    scenario.faults = vec![Fault::Latency { ms: 1500 }];
    for (flags, slow) in [(&[][..], true), (&["--no-delays"][..], false)] {
        let server = ServerProcess::with_scenario(&scenario, flags);
        let start = Instant::now();
        let mut stream = server.connect();
        assert_eq!(common::greeting(&mut stream), b"+OK Hello there.\r\n");
        let took = start.elapsed();
        assert_eq!(took >= Duration::from_millis(1500), slow, "{flags:?}: the greeting took {took:?}");
    }
}

#[test]
fn tls_required_refuses_pass_before_stls_and_accepts_it_after() {
    let mut scenario = scenario::builtin("dovecot-reference").unwrap();
    scenario.faults = vec![Fault::TlsRequired];
    let server = ServerProcess::with_scenario(&scenario, &["--no-delays"]);
    let refused = "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.\r\n";
    let text = |reply: Vec<u8>| String::from_utf8(reply).unwrap();

    let mut plain = server.connect();
    assert!(greeting(&mut plain).starts_with(b"+OK Dovecot (Debian) ready."));
    assert_eq!(text(command(&mut plain, b"USER tester@example.com")), refused);
    assert_eq!(text(command(&mut plain, b"PASS secret")), refused);
    let before = capa(&mut plain);
    assert!(before.contains("\r\nSTLS\r\n") && !before.contains("USER"), "{before}");
    assert_eq!(text(command(&mut plain, b"STLS")), "+OK Begin TLS negotiation now.\r\n");
    let mut tls = tls_client(plain, &server.ca(), "localhost");
    let after = capa(&mut tls);
    assert!(after.contains("\r\nUSER\r\n") && !after.contains("STLS"), "{after}");
    assert_eq!(text(command(&mut tls, b"USER tester@example.com")), "+OK\r\n");
    assert_eq!(text(command(&mut tls, b"PASS secret")), "+OK Logged in.\r\n");
    assert_eq!(text(command(&mut tls, b"STAT")), "+OK 3 50787\r\n");
    assert_eq!(text(command(&mut tls, b"QUIT")), "+OK Logging out.\r\n");

    // On the implicit-TLS listener TLS is on from the start: no STLS to offer, and the login is accepted.
    let stream = TcpStream::connect_timeout(&server.tls_addr, DEADLINE).unwrap();
    stream.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    let mut tls = tls_client(stream, &server.ca(), "127.0.0.1");
    assert!(greeting(&mut tls).starts_with(b"+OK Dovecot (Debian) ready."));
    assert!(!capa(&mut tls).contains("STLS"));
    assert_eq!(text(command(&mut tls, b"STLS")), "-ERR TLS is already active.\r\n");
    assert_eq!(text(command(&mut tls, b"USER tester@example.com")), "+OK\r\n");
    assert_eq!(text(command(&mut tls, b"PASS secret")), "+OK Logged in.\r\n");
}
