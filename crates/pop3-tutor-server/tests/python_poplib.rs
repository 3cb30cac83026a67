//! A real client: Python's `poplib` logs in, lists, retrieves every message of the dovecot-reference
//! scenario (compared with the fixture files), deletes one, and a second login sees the deletion.

mod common;

use std::process::Command;

use common::ServerProcess;

#[test]
fn python_poplib_retrieves_deletes_and_sees_the_deletion() {
    common::require_tool("python3", "python3");
    let server = ServerProcess::start(&["--scenario", "dovecot-reference", "--no-delays"]);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/poplib_client.py");
    let fixtures = common::sim_dir().join("scenarios/reference");
    let output = Command::new("python3")
        .arg(script)
        .arg(server.port().to_string())
        .arg(&fixtures)
        .output()
        .expect("running python3");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "poplib client failed ({}):\n{stdout}\n{stderr}", output.status);
    assert!(stdout.contains("+OK Marked to be deleted."), "{stdout}");
    assert!(stdout.contains("+OK Logging out, messages deleted."), "{stdout}");
    assert!(stdout.trim_end().ends_with("poplib ok"), "{stdout}");
}
