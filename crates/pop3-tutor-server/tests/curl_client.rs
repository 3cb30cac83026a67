//! A real client: curl's POP3 support. `pop3://host/` lists, `pop3://host/N` retrieves message N, which curl
//! returns un-dot-stuffed: message 2 has dot-stuffed lines on the wire and must come back as the original.

mod common;

use std::process::Command;

use common::{fixture, ServerProcess};

fn curl(server: &ServerProcess, path: &str) -> Vec<u8> {
    let url = format!("pop3://127.0.0.1:{}/{path}", server.port());
    let output = Command::new("curl")
        .args(["-s", "-S", "--max-time", "60", &url, "-u", "tester@example.com:secret"])
        .output()
        .expect("running curl");
    assert!(
        output.status.success(),
        "curl {url} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

#[test]
fn curl_lists_and_retrieves_byte_for_byte() {
    common::require_tool("curl", "curl");
    let server = ServerProcess::start(&["--scenario", "dovecot-reference", "--no-delays"]);
    let list = curl(&server, "");
    assert_eq!(String::from_utf8_lossy(&list), "1 361\r\n2 443\r\n3 49983\r\n");
    for n in 1..=3 {
        let message = curl(&server, &n.to_string());
        assert!(message == fixture(n), "message {n} differs:\n{}", String::from_utf8_lossy(&message));
    }
    assert!(fixture(2).windows(3).any(|w| w == b"\n.."), "msg2 has a line starting with dots");
}
