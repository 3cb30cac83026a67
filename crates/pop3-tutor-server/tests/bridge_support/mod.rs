//! Shared by the bridge's integration tests: start the real binary (`bridge`, and `pop3` as a target) on
//! 127.0.0.1 with free ports, talk to the bridge with tokio-tungstenite and to targets over TCP, with the same
//! POP3 dialogue driver for both, and a TCP listener that counts the connections it accepts.

#![allow(dead_code)]

#[path = "../common/mod.rs"]
mod common;

#[allow(unused_imports)] // Used by some of the test binaries that include this module.
pub use common::scenario_file;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt as _, StreamExt as _};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// The longest any single wait may take.
pub const DEADLINE: Duration = Duration::from_secs(30);

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_pop3-tutor-server")
}

/// A running `pop3-tutor-server` subcommand, killed when dropped; its stderr goes to a file.
pub struct Process {
    child: Child,
    _stdout: std::process::ChildStdout,
    pub addr: SocketAddr,
    /// `pop3 --tls-listen`'s address.
    pub tls_addr: Option<SocketAddr>,
    log: tempfile::NamedTempFile,
}

impl Process {
    /// Starts `pop3-tutor-server ARGS…` (which must include `--listen 127.0.0.1:0`) and reads `listening on`.
    pub fn start(args: &[&str], rust_log: &str) -> Process {
        let log = tempfile::NamedTempFile::new().unwrap();
        let path = log.path().to_path_buf();
        let stderr = Stdio::from(log.reopen().unwrap());
        let diagnose = move || format!("; stderr:\n{}", std::fs::read_to_string(path).unwrap_or_default());
        let started = common::spawn_listening(args, rust_log, stderr, diagnose);
        Process { child: started.child, _stdout: started.stdout, addr: started.addr, tls_addr: started.tls_addr, log }
    }

    /// The simulator as a target: `pop3 --scenario dovecot-reference --no-delays`.
    pub fn simulator() -> Process {
        Process::simulator_with(&[])
    }

    /// The simulator with `EXTRA` options (`--scenario FILE` replaces the default one).
    pub fn simulator_with(extra: &[&str]) -> Process {
        let mut args = vec!["pop3", "--listen", "127.0.0.1:0", "--no-delays"];
        if !extra.contains(&"--scenario") {
            args.extend(["--scenario", "dovecot-reference"]);
        }
        args.extend_from_slice(extra);
        Process::start(&args, "info")
    }

    /// A bridge with `EXTRA` options.
    pub fn bridge(extra: &[&str]) -> Process {
        Process::bridge_logging(extra, "info")
    }

    pub fn bridge_logging(extra: &[&str], rust_log: &str) -> Process {
        let mut args = vec!["bridge", "--listen", "127.0.0.1:0"];
        args.extend_from_slice(extra);
        Process::start(&args, rust_log)
    }

    /// Everything the process logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log.path()).unwrap()
    }

    pub fn url(&self) -> String {
        format!("ws://{}/bridge", self.addr)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("--- log of {} ---\n{}", self.addr, self.log());
        }
    }
}

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens a WebSocket to the bridge, with these extra request headers (`Origin`, `X-Forwarded-For`).
pub async fn ws_connect(
    bridge: &Process,
    headers: &[(&'static str, &str)],
) -> Result<Ws, tokio_tungstenite::tungstenite::Error> {
    let mut request = bridge.url().into_client_request().unwrap();
    for (name, value) in headers {
        request.headers_mut().append(*name, HeaderValue::from_str(value).unwrap());
    }
    let (ws, _) =
        tokio::time::timeout(DEADLINE, tokio_tungstenite::connect_async(request)).await.expect("handshake")?;
    Ok(ws)
}

/// Opens a session: sends `request` and returns the socket and the parsed status.
pub async fn open(bridge: &Process, request: serde_json::Value) -> (Ws, serde_json::Value) {
    let mut ws = ws_connect(bridge, &[]).await.expect("WebSocket handshake");
    ws.send(Message::text(request.to_string())).await.unwrap();
    let status = next_status(&mut ws).await;
    (ws, status)
}

/// The next message, which must be the text status.
pub async fn next_status(ws: &mut Ws) -> serde_json::Value {
    serde_json::from_str(&next_status_text(ws).await).expect("status is JSON")
}

/// The next message, which must be the text status, as sent.
pub async fn next_status_text(ws: &mut Ws) -> String {
    loop {
        match tokio::time::timeout(DEADLINE, ws.next()).await.expect("status in time") {
            Some(Ok(Message::Text(text))) => return text.as_str().to_owned(),
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            other => panic!("expected a text status, got {other:?}"),
        }
    }
}

/// `{"host": H, "port": P, "tls": T}`.
pub fn target(host: &str, port: u16, tls: &str) -> serde_json::Value {
    serde_json::json!({"host": host, "port": port, "tls": tls})
}

/// How a read ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Closed {
    /// A close frame with this code and reason.
    Frame(u16, String),
    /// The connection ended without a close frame (or with an error).
    Abrupt(String),
}

/// A POP3 connection either direct or through the bridge.
pub enum Conn {
    Tcp(TcpStream),
    Ws(Box<Ws>),
}

impl Conn {
    pub async fn send(&mut self, bytes: &[u8]) {
        match self {
            Conn::Tcp(stream) => stream.write_all(bytes).await.unwrap(),
            Conn::Ws(ws) => ws.send(Message::binary(bytes.to_vec())).await.unwrap(),
        }
    }

    /// The next bytes from the server; `Err` once the connection is closed.
    pub async fn recv(&mut self) -> Result<Vec<u8>, Closed> {
        match self {
            Conn::Tcp(stream) => {
                let mut buf = vec![0u8; 64 * 1024];
                match stream.read(&mut buf).await {
                    Ok(0) => Err(Closed::Abrupt("EOF".into())),
                    Ok(n) => Ok(buf[..n].to_vec()),
                    Err(e) => Err(Closed::Abrupt(e.to_string())),
                }
            }
            Conn::Ws(ws) => loop {
                match ws.next().await {
                    Some(Ok(Message::Binary(data))) => return Ok(data.to_vec()),
                    Some(Ok(Message::Text(text))) => panic!("unexpected text message after the status: {text}"),
                    Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => continue,
                    Some(Ok(Message::Close(Some(CloseFrame { code, reason })))) => {
                        return Err(Closed::Frame(code.into(), reason.to_string()))
                    }
                    Some(Ok(Message::Close(None))) => return Err(Closed::Frame(1005, String::new())),
                    Some(Err(e)) => return Err(Closed::Abrupt(e.to_string())),
                    None => return Err(Closed::Abrupt("end of stream".into())),
                }
            },
        }
    }

    /// Reads into `out` until `done(out)` or the close; panics after `DEADLINE`.
    pub async fn read_until(&mut self, out: &mut Vec<u8>, done: impl Fn(&[u8]) -> bool) -> Option<Closed> {
        while !done(out) {
            match tokio::time::timeout(DEADLINE, self.recv()).await.expect("the server answers in time") {
                Ok(bytes) => out.extend_from_slice(&bytes),
                Err(closed) => return Some(closed),
            }
        }
        None
    }
}

/// One reply: a line, or for multi-line commands up to the terminating `.` line.
fn reply_done(multi: bool) -> impl Fn(&[u8]) -> bool {
    move |out: &[u8]| {
        if multi && out.starts_with(b"+OK") {
            out.ends_with(b"\r\n.\r\n")
        } else {
            out.ends_with(b"\r\n")
        }
    }
}

/// Runs a dialogue: greeting, then each command waiting for its reply, and after the last (QUIT) the close.
/// Returns everything the server sent, and how the connection ended.
pub async fn dialogue(conn: &mut Conn, commands: &[(&str, bool)]) -> (Vec<u8>, Option<Closed>) {
    let mut transcript = Vec::new();
    let mut reply = Vec::new();
    conn.read_until(&mut reply, reply_done(false)).await;
    transcript.extend_from_slice(&reply);
    for (command, multi) in commands {
        conn.send(format!("{command}\r\n").as_bytes()).await;
        let mut reply = Vec::new();
        if let Some(closed) = conn.read_until(&mut reply, reply_done(*multi)).await {
            transcript.extend_from_slice(&reply);
            return (transcript, Some(closed));
        }
        transcript.extend_from_slice(&reply);
    }
    let mut rest = Vec::new();
    let closed = conn.read_until(&mut rest, |_| false).await;
    transcript.extend_from_slice(&rest);
    (transcript, closed)
}

/// The USER/PASS/STAT/RETR/QUIT dialogue of the tests.
pub const FULL_SESSION: [(&str, bool); 6] = [
    ("USER tester@example.com", false),
    ("PASS secret", false),
    ("STAT", false),
    ("LIST", true),
    ("RETR 1", true),
    ("QUIT", false),
];

/// Runs [`FULL_SESSION`] through `bridge` to `127.0.0.1:port` with `tls` (`none`, `stls`, `implicit`) and
/// asserts it gives `expected` (the same session over direct TCP), timestamps masked; returns the status.
pub async fn bridged_equals_direct(bridge: &Process, port: u16, tls: &str, expected: &[u8]) -> serde_json::Value {
    let (ws, status) = open(bridge, target("127.0.0.1", port, tls)).await;
    assert_eq!(status["ok"], true, "{tls}: {status}");
    let mut conn = Conn::Ws(Box::new(ws));
    let (got, closed) = dialogue(&mut conn, &FULL_SESSION).await;
    assert_eq!(closed, Some(Closed::Frame(1000, "server_closed".into())), "{tls}");
    assert_eq!(
        String::from_utf8_lossy(&mask_timestamp(&got)),
        String::from_utf8_lossy(&mask_timestamp(expected)),
        "{tls}: the bridged session differs from direct TCP"
    );
    status
}

/// The transcript with the greeting's APOP timestamp `<…>` replaced (it differs per connection).
pub fn mask_timestamp(transcript: &[u8]) -> Vec<u8> {
    let end = transcript.iter().position(|&b| b == b'\n').map_or(transcript.len(), |i| i + 1);
    let (first, rest) = transcript.split_at(end);
    let first = String::from_utf8_lossy(first);
    let masked = match (first.find('<'), first.rfind('>')) {
        (Some(start), Some(stop)) if start < stop => format!("{}<…>{}", &first[..start], &first[stop + 1..]),
        _ => first.into_owned(),
    };
    let mut out = masked.into_bytes();
    out.extend_from_slice(rest);
    out
}

/// A TCP listener on 127.0.0.1 that accepts and counts connections (and closes them at once).
pub struct CountingListener {
    pub port: u16,
    count: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl CountingListener {
    pub fn start() -> CountingListener {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let count = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (count, stop) = (Arc::clone(&count), Arc::clone(&stop));
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match listener.accept() {
                        Ok(_) => {
                            count.fetch_add(1, Ordering::SeqCst);
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
            })
        };
        CountingListener { port, count, stop, thread: Some(thread) }
    }

    pub fn count(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }
}

impl Drop for CountingListener {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Whether this test process runs as root.
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// The workspace's `crates/pop3-tutor-server` directory.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
