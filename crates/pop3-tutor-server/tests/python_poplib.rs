//! A real client: Python's `poplib` logs in, lists, retrieves every message of the dovecot-reference
//! scenario (compared with the fixture files), deletes one, and a second login sees the deletion: in plain
//! text, over implicit TLS (`POP3_SSL`) and after `stls()`, verifying the certificate against the written CA.

mod common;

use std::process::Command;

use common::ServerProcess;

/// Runs `poplib_client.py` against `port` with `extra` arguments (the mode and the CA); returns its stdout.
fn poplib(port: u16, extra: &[&std::ffi::OsStr]) -> String {
    common::require_tool("python3", "python3");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/poplib_client.py");
    let fixtures = common::sim_dir().join("scenarios/reference");
    let output = Command::new("python3")
        .arg(script)
        .arg(port.to_string())
        .arg(&fixtures)
        .args(extra)
        .output()
        .expect("running python3");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "poplib client {extra:?} failed ({}):\n{stdout}\n{stderr}", output.status);
    assert!(stdout.contains("+OK Marked to be deleted."), "{stdout}");
    assert!(stdout.contains("+OK Logging out, messages deleted."), "{stdout}");
    assert!(stdout.trim_end().ends_with("poplib ok"), "{stdout}");
    stdout
}

#[test]
fn python_poplib_retrieves_deletes_and_sees_the_deletion() {
    let server = ServerProcess::start(&["--scenario", "dovecot-reference", "--no-delays"]);
    poplib(server.port(), &[]);
}

#[test]
fn python_poplib_over_implicit_tls_and_stls_verifies_the_written_ca() {
    let ca = |server: &ServerProcess| server.ca().into_os_string();
    let server = ServerProcess::start(&["--scenario", "dovecot-reference", "--no-delays"]);
    poplib(server.tls_addr.port(), &["ssl".as_ref(), &ca(&server)]);
    let server = ServerProcess::start(&["--scenario", "dovecot-reference", "--no-delays"]);
    let stdout = poplib(server.port(), &["stls".as_ref(), &ca(&server)]);
    assert_eq!(stdout.matches("+OK Begin TLS negotiation now.").count(), 2, "{stdout}");
}
