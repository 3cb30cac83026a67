//! The bridge relays byte for byte: the simulator (`pop3 --scenario dovecot-reference`) as the target,
//! allowlisted by address; the same USER/PASS/STAT/LIST/RETR/QUIT session through the bridge and over direct
//! TCP gives the same bytes (the greeting's APOP timestamp masked: it differs per connection). Also: the
//! status message, text frames, the end of a session, the `Origin` check and the static files.

mod bridge_support;

use std::io::{Read as _, Write as _};

use bridge_support::{
    bridged_equals_direct, dialogue, mask_timestamp, open, target, ws_connect, Closed, Conn, CountingListener, Process,
    FULL_SESSION,
};
use futures_util::SinkExt as _;
use tokio_tungstenite::tungstenite::Message;

fn fixture(n: usize) -> Vec<u8> {
    let path = bridge_support::crate_dir().join(format!("../pop3-sim/scenarios/reference/msg{n}.eml"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[tokio::test]
async fn a_session_through_the_bridge_equals_direct_tcp_byte_for_byte() {
    let sim = Process::simulator();
    let allow = sim.addr.to_string();
    let bridge = Process::bridge(&["--allow", &allow]);

    let mut direct = Conn::Tcp(tokio::net::TcpStream::connect(sim.addr).await.unwrap());
    let (expected, direct_end) = dialogue(&mut direct, &FULL_SESSION).await;
    assert_eq!(direct_end, Some(Closed::Abrupt("EOF".into())));

    let (ws, status) = open(&bridge, target("127.0.0.1", sim.addr.port(), "none")).await;
    assert_eq!(status, serde_json::json!({"ok": true, "address": allow}));
    let mut bridged = Conn::Ws(Box::new(ws));
    let (got, bridged_end) = dialogue(&mut bridged, &FULL_SESSION).await;
    assert_eq!(bridged_end, Some(Closed::Frame(1000, "server_closed".into())));

    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("+OK Dovecot (Debian) ready. <"), "{text:.200}");
    assert!(text.contains("+OK 3 50787\r\n"), "STAT through the bridge");
    let message = fixture(1);
    assert!(got.windows(message.len()).any(|w| w == message.as_slice()), "RETR 1 carries msg1.eml unchanged");
    assert!(text.ends_with("+OK Logging out.\r\n"), "{}", &text[text.len().saturating_sub(200)..]);
    assert_eq!(mask_timestamp(&got), mask_timestamp(&expected), "bridged and direct transcripts differ");
}

/// The TCP mode with TLS as the bridge's target, its written CA given to `--trust-ca`: through STLS and
/// implicit TLS the session is the plain one, byte for byte.
#[tokio::test]
async fn the_bridge_reaches_the_tcp_mode_over_stls_and_implicit_tls() {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    let sim = Process::simulator_with(&["--tls-listen", "127.0.0.1:0", "--write-ca", ca.to_str().unwrap()]);
    let tls_addr = sim.tls_addr.unwrap();
    let bridge = Process::bridge(&[
        "--allow",
        &sim.addr.to_string(),
        "--allow",
        &tls_addr.to_string(),
        "--trust-ca",
        ca.to_str().unwrap(),
    ]);
    let mut direct = Conn::Tcp(tokio::net::TcpStream::connect(sim.addr).await.unwrap());
    let (expected, _) = dialogue(&mut direct, &FULL_SESSION).await;
    assert!(String::from_utf8_lossy(&expected).contains("\r\n+OK 3 50787\r\n"));

    for (port, tls) in [(sim.addr.port(), "stls"), (tls_addr.port(), "implicit")] {
        let status = bridged_equals_direct(&bridge, port, tls, &expected).await;
        assert_eq!(status["tls_version"], "TLSv1.3", "{tls}: {status}");
    }
    assert_eq!(sim.log().matches("TLS established").count(), 2, "{}", sim.log());

    // A bridge that does not trust the written CA refuses the certificate, with the name the console explains.
    let untrusting = Process::bridge(&["--allow", &tls_addr.to_string()]);
    let (_, status) = open(&untrusting, target("127.0.0.1", tls_addr.port(), "implicit")).await;
    assert_eq!(status["tls_error"], "unknown_issuer", "{status}");
}

#[tokio::test]
async fn text_frames_are_relayed_as_their_octets_and_the_client_may_close_first() {
    let sim = Process::simulator();
    let bridge = Process::bridge(&["--allow", &sim.addr.to_string()]);
    let (ws, status) = open(&bridge, target("127.0.0.1", sim.addr.port(), "none")).await;
    assert_eq!(status["ok"], true);
    let mut conn = Conn::Ws(Box::new(ws));
    let mut greeting = Vec::new();
    conn.read_until(&mut greeting, |o| o.ends_with(b"\r\n")).await;
    let Conn::Ws(ws) = &mut conn else { unreachable!() };
    ws.send(Message::text("CAPA\r\n")).await.unwrap();
    let mut reply = Vec::new();
    conn.read_until(&mut reply, |o| o.ends_with(b"\r\n.\r\n")).await;
    assert!(reply.starts_with(b"+OK\r\nCAPA\r\n"), "{}", String::from_utf8_lossy(&reply));
    let Conn::Ws(ws) = &mut conn else { unreachable!() };
    ws.send(Message::Close(None)).await.unwrap();
    let log_until = std::time::Instant::now() + bridge_support::DEADLINE;
    while !bridge.log().contains("ClientClosed") && std::time::Instant::now() < log_until {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(bridge.log().contains("ClientClosed"), "{}", bridge.log());
}

#[tokio::test]
async fn refusals_name_their_reason() {
    let closed = CountingListener::start();
    let free_port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let refused_target = format!("127.0.0.1:{free_port}");
    let bridge = Process::bridge(&["--allow", &refused_target, "--allow", "no-such-host.invalid:110"]);

    let (_, status) = open(&bridge, target("127.0.0.1", free_port, "none")).await;
    assert_eq!((status["ok"].as_bool(), status["error"].as_str()), (Some(false), Some("refused")), "{status}");
    let (_, status) = open(&bridge, target("no-such-host.invalid", 110, "none")).await;
    assert_eq!(status["error"], "resolve_failed", "{status}");

    let mut ws = ws_connect(&bridge, &[]).await.unwrap();
    ws.send(Message::text("telnet pop.example.com 110")).await.unwrap();
    let status = bridge_support::next_status(&mut ws).await;
    assert_eq!(status["error"], "bad_request", "{status}");
    let mut ws = ws_connect(&bridge, &[]).await.unwrap();
    ws.send(Message::text(r#"{"host": "127.0.0.1", "port": 110, "tls": "ssl"}"#)).await.unwrap();
    assert_eq!(bridge_support::next_status(&mut ws).await["error"], "bad_request");
    assert_eq!(closed.count(), 0);
}

#[tokio::test]
async fn pages_from_other_origins_are_refused() {
    let bridge = Process::bridge(&["--origin", "https://tutor.example.com"]);
    let error = ws_connect(&bridge, &[("Origin", "https://evil.example")]).await.unwrap_err().to_string();
    assert!(error.contains("403"), "{error}");
    ws_connect(&bridge, &[("Origin", "https://tutor.example.com")]).await.expect("the configured origin");
    ws_connect(&bridge, &[]).await.expect("no Origin: not a browser page");

    // Default: the bridge's own origin only.
    let bridge = Process::bridge(&[]);
    let own = format!("http://{}", bridge.addr);
    ws_connect(&bridge, &[("Origin", &own)]).await.expect("same origin");
    let error = ws_connect(&bridge, &[("Origin", "http://localhost:1")]).await.unwrap_err().to_string();
    assert!(error.contains("403"), "{error}");
}

fn http_get(addr: std::net::SocketAddr, path: &str) -> (String, Vec<u8>) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(bridge_support::DEADLINE)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").expect("a header");
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    (head, response[split + 4..].to_vec())
}

#[test]
fn static_files_are_served_without_listings_or_escapes() {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    std::fs::create_dir_all(dist.join("pkg")).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>tutor</title>").unwrap();
    std::fs::write(dist.join("pkg/app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dist.join("app.js"), "export {}").unwrap();
    std::fs::write(dist.join("style.css"), "body{}").unwrap();
    std::fs::write(dist.join(".secret"), "no").unwrap();
    std::fs::write(root.path().join("outside.txt"), "no").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.path().join("outside.txt"), dist.join("link.txt")).unwrap();
    let bridge = Process::bridge(&["--static", dist.to_str().unwrap()]);

    for (path, content_type, body) in [
        ("/", "text/html", b"<!doctype html><title>tutor</title>".to_vec()),
        ("/index.html", "text/html", b"<!doctype html><title>tutor</title>".to_vec()),
        ("/pkg/app_bg.wasm", "application/wasm", b"\0asm\x01\0\0\0".to_vec()),
        ("/app.js", "text/javascript", b"export {}".to_vec()),
        ("/style.css", "text/css", b"body{}".to_vec()),
    ] {
        let (head, got) = http_get(bridge.addr, path);
        assert!(head.starts_with("http/1.1 200"), "{path}: {head}");
        assert!(head.contains(&format!("content-type: {content_type}")), "{path}: {head}");
        assert!(head.contains("x-content-type-options: nosniff"), "{path}: {head}");
        assert_eq!(got, body, "{path}");
    }
    for path in [
        "/pkg",
        "/pkg/",
        "/../outside.txt",
        "/%2e%2e/outside.txt",
        "/pkg/%2e%2e/%2e%2e/outside.txt",
        "/.secret",
        "/link.txt",
        "/missing.js",
        "/%00",
    ] {
        let (head, _) = http_get(bridge.addr, path);
        assert!(head.starts_with("http/1.1 404") || head.starts_with("http/1.1 400"), "{path}: {head}");
    }
    // Without --static nothing but /bridge is served.
    let bare = Process::bridge(&[]);
    let (head, _) = http_get(bare.addr, "/");
    assert!(head.starts_with("http/1.1 404"), "{head}");
}

/// The Content-Security-Policy every static response carries (README, "Content Security Policy"): no inline
/// script or style, wasm compiled from 'self' only, WebSocket bridges anywhere; the tutor's own pages framed
/// only by the same origin, the embed page (`embed.html`) by any site.
/// The offline copy (README, "Offline and installable"): the browser must check the worker's script with the
/// server on every visit, or a new release is missed; the manifest goes out with its own type.
#[test]
fn static_files_serve_the_offline_copy_as_browsers_need_it() {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("sw.js"), "const BUILD = {};").unwrap();
    std::fs::write(dist.join("manifest.webmanifest"), "{}").unwrap();
    let bridge = Process::bridge(&["--static", dist.to_str().unwrap()]);
    let (head, _) = http_get(bridge.addr, "/sw.js");
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("cache-control: no-cache"), "{head}");
    assert!(head.contains("content-type: text/javascript"), "{head}");
    let (head, _) = http_get(bridge.addr, "/manifest.webmanifest");
    assert!(head.contains("content-type: application/manifest+json"), "{head}");
}

#[test]
fn static_files_carry_the_content_security_policy() {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    std::fs::create_dir_all(dist.join("pkg")).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>tutor</title>").unwrap();
    std::fs::write(dist.join("embed.html"), "<!doctype html><title>embed</title>").unwrap();
    std::fs::write(dist.join("pkg/app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dist.join("app.js"), "export {}").unwrap();
    let bridge = Process::bridge(&["--static", dist.to_str().unwrap()]);

    let policy = |head: &str| {
        head.lines()
            .find_map(|line| line.strip_prefix("content-security-policy: "))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no content-security-policy in {head}"))
    };
    for (path, frame_ancestors) in [
        ("/", "'self'"),
        ("/index.html", "'self'"),
        ("/pkg/app_bg.wasm", "'self'"),
        ("/app.js", "'self'"),
        ("/embed.html", "*"),
    ] {
        let (head, _) = http_get(bridge.addr, path);
        assert!(head.starts_with("http/1.1 200"), "{path}: {head}");
        assert!(head.contains("x-content-type-options: nosniff"), "{path}: {head}");
        let directives: Vec<String> = policy(&head).split(';').map(|d| d.trim().to_string()).collect();
        for expected in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            &format!("frame-ancestors {frame_ancestors}"),
        ] {
            assert!(directives.iter().any(|d| d == expected), "{path}: no `{expected}` in {directives:?}");
        }
        assert_eq!(directives.iter().filter(|d| d.starts_with("frame-ancestors")).count(), 1, "{path}");
    }
}
