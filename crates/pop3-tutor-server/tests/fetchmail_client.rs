//! A real client: fetchmail retrieves every message of the dovecot-reference scenario through an MDA that
//! writes each message to its own file. fetchmail 6.4 refuses to send a password over a connection without
//! TLS unless told otherwise: `sslproto ''` in the rcfile allows plain text (our TCP mode has no TLS).
//! fetchmail hands the MDA LF line ends and prepends a `Received:` header; the rest must be the fixture.

mod common;

use std::os::unix::fs::PermissionsExt as _;
use std::process::Command;

use common::{fixture, ServerProcess};

fn lf(bytes: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(bytes).replace("\r\n", "\n").into_bytes()
}

#[test]
fn fetchmail_retrieves_every_message() {
    common::require_tool("fetchmail", "fetchmail");
    let server = ServerProcess::start(&["--scenario", "dovecot-reference", "--no-delays"]);
    let dir = tempfile::tempdir().unwrap();
    let mail = dir.path().join("mail");
    std::fs::create_dir(&mail).unwrap();
    let rcfile = dir.path().join("fetchmailrc");
    std::fs::write(
        &rcfile,
        format!(
            "poll 127.0.0.1 protocol pop3 service {} auth password\n  user \"tester@example.com\" password \"secret\" is root here\n  sslproto ''\n",
            server.port()
        ),
    )
    .unwrap();
    // fetchmail refuses an rcfile others can read.
    std::fs::set_permissions(&rcfile, std::fs::Permissions::from_mode(0o600)).unwrap();
    // fetchmail expands %-sequences in the MDA command, so the file name comes from mktemp.
    let mda = format!("sh -c 'cat > \"$(mktemp {}/msg.XXXXXX)\"'", mail.display());
    let output = Command::new("fetchmail")
        .arg("-f")
        .arg(&rcfile)
        .args(["--nosyslog", "--norewrite", "--keep", "--fetchall", "--mda", &mda])
        .arg("--idfile")
        .arg(dir.path().join("fetchids"))
        .arg("--pidfile")
        .arg(dir.path().join("fetchmail.pid"))
        .env("FETCHMAILHOME", dir.path())
        .env("HOME", dir.path())
        .output()
        .expect("running fetchmail");
    let log = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "fetchmail failed ({}):\n{log}", output.status);

    let mut delivered: Vec<Vec<u8>> =
        std::fs::read_dir(&mail).unwrap().map(|entry| std::fs::read(entry.unwrap().path()).unwrap()).collect();
    assert_eq!(delivered.len(), 3, "three messages delivered:\n{log}");
    delivered.sort_by_key(Vec::len);
    for (n, got) in (1..=3).zip(&delivered) {
        let want = lf(&fixture(n));
        assert!(got.starts_with(b"Received: "), "message {n}: fetchmail's Received header first");
        assert!(got.ends_with(&want), "message {n} differs from the fixture:\n{}", String::from_utf8_lossy(got));
    }
}
