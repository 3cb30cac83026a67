//! Shared by the integration tests: start the real binary on `127.0.0.1:0`, read its port, talk to it with
//! blocking sockets and generous deadlines (the machine running the tests may be shared and slow), and
//! always kill it at the end (a `Drop` guard).

#![allow(dead_code)]

use std::io::{BufRead as _, BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use pop3_sim::Scenario;

/// The longest any single wait in a test may take before it fails.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// The path of the binary under test.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_pop3-tutor-server")
}

/// `crates/pop3-sim`.
pub fn sim_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../pop3-sim")
}

/// The reference fixture message `msg{n}.eml` (CRLF form, as the server serves it).
pub fn fixture(n: usize) -> Vec<u8> {
    let path = sim_dir().join(format!("scenarios/reference/msg{n}.eml"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Where a started server listens: `listening on ADDR`, and with `--tls-listen`,
/// `listening for implicit TLS on ADDR`.
pub struct Listening {
    pub child: Child,
    pub stdout: ChildStdout,
    pub addr: SocketAddr,
    pub tls_addr: Option<SocketAddr>,
}

/// Starts `pop3-tutor-server ARGS…` (which must listen on `127.0.0.1:0`) with `RUST_LOG` and `stderr`, and
/// waits for its first line, `listening on ADDR` (and with `--tls-listen`, the second, `listening for implicit
/// TLS on ADDR`). On failure it panics with `diagnose()` (the log, say).
pub fn spawn_listening(args: &[&str], rust_log: &str, stderr: Stdio, diagnose: impl FnOnce() -> String) -> Listening {
    let lines = if args.contains(&"--tls-listen") { 2 } else { 1 };
    let mut child = Command::new(binary())
        .args(args)
        .env("RUST_LOG", rust_log)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary()));
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut text = String::new();
        let mut result = Ok(());
        for _ in 0..lines {
            if let Err(e) = reader.read_line(&mut text) {
                result = Err(e);
                break;
            }
        }
        let _ = tx.send((result.map(|()| text), reader.into_inner()));
    });
    let line = match rx.recv_timeout(DEADLINE) {
        Ok((Ok(text), stdout)) => {
            let mut found = text.lines();
            let addr = found.next().and_then(|l| l.strip_prefix("listening on ")).and_then(|a| a.parse().ok());
            let tls_addr = found.next().and_then(|l| l.strip_prefix("listening for implicit TLS on ")?.parse().ok());
            match addr {
                Some(addr) if tls_addr.is_some() || lines == 1 => Ok((stdout, addr, tls_addr)),
                _ => Err(text),
            }
        }
        Ok((Err(e), _)) => Err(format!("(reading stdout: {e})")),
        Err(_) => Err(format!("(no line within {DEADLINE:?})")),
    };
    match line {
        Ok((stdout, addr, tls_addr)) => Listening { child, stdout, addr, tls_addr },
        Err(line) => {
            let status = child.try_wait();
            let _ = child.kill();
            let _ = child.wait();
            panic!("expected `listening on ADDR`, got {line:?} (status: {status:?}){}", diagnose())
        }
    }
}

/// A running `pop3-tutor-server pop3`, killed when dropped. It listens for implicit TLS too, and has written
/// the CA of the certificate it made to [`ServerProcess::ca`] (unless started with `--cert`).
pub struct ServerProcess {
    child: Child,
    _stdout: ChildStdout,
    pub addr: SocketAddr,
    pub tls_addr: SocketAddr,
    _scenario_file: Option<tempfile::TempPath>,
    dir: tempfile::TempDir,
}

impl ServerProcess {
    /// Starts `pop3 --listen 127.0.0.1:0 --tls-listen 127.0.0.1:0 --write-ca CA EXTRA…` and waits for its
    /// `listening` lines.
    pub fn start(extra: &[&str]) -> ServerProcess {
        Self::start_with(extra, None, None)
    }

    /// Starts the server with `RUST_LOG=rust_log`, its log kept for [`ServerProcess::log`].
    pub fn logging(extra: &[&str], rust_log: &str) -> ServerProcess {
        Self::start_with(extra, None, Some(rust_log))
    }

    /// Starts the server on a scenario written to a temporary file.
    pub fn with_scenario(scenario: &Scenario, extra: &[&str]) -> ServerProcess {
        let file = scenario_file(scenario);
        let path = file.to_str().expect("temp paths are UTF-8").to_string();
        let mut args = vec!["--scenario", path.as_str()];
        args.extend_from_slice(extra);
        Self::start_with(&args, Some(file), None)
    }

    fn start_with(extra: &[&str], scenario_file: Option<tempfile::TempPath>, logging: Option<&str>) -> ServerProcess {
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("ca.pem");
        let mut args = vec!["pop3", "--listen", "127.0.0.1:0", "--tls-listen", "127.0.0.1:0"];
        if !extra.contains(&"--cert") {
            args.extend(["--write-ca", ca.to_str().expect("temp paths are UTF-8")]);
        }
        args.extend_from_slice(extra);
        let log = dir.path().join("server.log");
        let started = match logging {
            Some(rust_log) => {
                let stderr = Stdio::from(std::fs::File::create(&log).unwrap());
                let diagnose = || format!("; log:\n{}", std::fs::read_to_string(&log).unwrap_or_default());
                spawn_listening(&args, rust_log, stderr, diagnose)
            }
            None => {
                let rust_log = std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".into());
                spawn_listening(&args, &rust_log, Stdio::inherit(), String::new)
            }
        };
        let tls_addr = started.tls_addr.expect("a TLS listener");
        ServerProcess {
            child: started.child,
            _stdout: started.stdout,
            addr: started.addr,
            tls_addr,
            _scenario_file: scenario_file,
            dir,
        }
    }

    /// The CA certificate (PEM) the server wrote with `--write-ca`.
    pub fn ca(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// What the server logged so far (started with [`ServerProcess::logging`]).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// Waits until the log contains `text` `count` times (or `DEADLINE`); the log.
    pub fn wait_for_log(&self, text: &str, count: usize) -> String {
        let until = Instant::now() + DEADLINE;
        loop {
            let log = self.log();
            if log.matches(text).count() >= count || Instant::now() >= until {
                return log;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A connection with a short read timeout (the helpers below loop until their own deadlines).
    pub fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect_timeout(&self.addr, DEADLINE)
            .unwrap_or_else(|e| panic!("connecting to {}: {e}", self.addr));
        stream.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        stream.set_write_timeout(Some(DEADLINE)).unwrap();
        stream.set_nodelay(true).unwrap();
        stream
    }

    /// Sends SIGTERM.
    pub fn terminate(&self) {
        // SAFETY: kill(2) with a pid this test spawned and has not reaped yet.
        let rc = unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM) };
        assert_eq!(rc, 0, "kill(SIGTERM) failed: {}", std::io::Error::last_os_error());
    }

    /// Waits for the process to exit, at most `limit`.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let until = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() >= until {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Resident memory of the server (VmRSS), in KiB.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("VmRSS in /proc/PID/status");
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Writes a scenario to a temporary JSON file.
pub fn scenario_file(scenario: &Scenario) -> tempfile::TempPath {
    let mut file = tempfile::Builder::new().prefix("pop3-scenario-").suffix(".json").tempfile().unwrap();
    file.write_all(scenario.to_json().as_bytes()).unwrap();
    file.into_temp_path()
}

/// How a read loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Still open.
    Open,
    /// EOF.
    Eof,
    /// ECONNRESET.
    Reset,
}

/// Reads into `out` until `done(out)` holds, the connection ends, or `limit` passes. `stream` is a
/// [`TcpStream`] with a short read timeout, or a [`TlsClient`] over one.
pub fn read_until(stream: &mut impl Read, out: &mut Vec<u8>, limit: Duration, done: impl Fn(&[u8]) -> bool) -> Ending {
    let until = Instant::now() + limit;
    let mut buf = [0u8; 16 * 1024];
    while !done(out) && Instant::now() < until {
        match stream.read(&mut buf) {
            Ok(0) => return Ending::Eof,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted) => {}
            Err(e) if e.kind() == ErrorKind::ConnectionReset => return Ending::Reset,
            Err(e) => panic!("read: {e}"),
        }
    }
    Ending::Open
}

/// Reads until the server closes the connection (or `DEADLINE`).
pub fn read_to_close(stream: &mut impl Read, out: &mut Vec<u8>) -> Ending {
    read_until(stream, out, DEADLINE, |_| false)
}

/// Reads until `n` more line ends arrived than `out` holds now.
pub fn read_lines(stream: &mut impl Read, out: &mut Vec<u8>, n: usize) -> Ending {
    let target = count_lines(out) + n;
    read_until(stream, out, DEADLINE, |o| count_lines(o) >= target)
}

/// Reads until the server has been quiet for `quiet` (or closed).
pub fn read_quiet(stream: &mut impl Read, out: &mut Vec<u8>, quiet: Duration) -> Ending {
    let until = Instant::now() + DEADLINE;
    loop {
        let before = out.len();
        let ending = read_until(stream, out, quiet, |_| false);
        if ending != Ending::Open || out.len() == before || Instant::now() >= until {
            return ending;
        }
    }
}

pub fn count_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Sends one command line and returns the one-line reply.
pub fn command(stream: &mut (impl Read + Write), line: &[u8]) -> Vec<u8> {
    stream.write_all(line).unwrap();
    stream.write_all(b"\r\n").unwrap();
    let mut out = Vec::new();
    read_lines(stream, &mut out, 1);
    out
}

/// Sends CAPA and returns its (multi-line) reply.
pub fn capa(stream: &mut (impl Read + Write)) -> String {
    stream.write_all(b"CAPA\r\n").unwrap();
    let mut out = Vec::new();
    read_until(stream, &mut out, DEADLINE, |o| o.ends_with(b"\r\n.\r\n"));
    String::from_utf8(out).unwrap()
}

/// Reads the greeting.
pub fn greeting(stream: &mut impl Read) -> Vec<u8> {
    let mut out = Vec::new();
    read_lines(stream, &mut out, 1);
    out
}

/// Logs in with USER/PASS (on a fresh connection: reads the greeting first); panics unless both succeed.
pub fn login(stream: &mut (impl Read + Write), user: &str, password: &str) {
    let hello = greeting(stream);
    assert!(hello.starts_with(b"+OK"), "greeting {:?}", String::from_utf8_lossy(&hello));
    let reply = command(stream, format!("USER {user}").as_bytes());
    assert!(reply.starts_with(b"+OK"), "USER: {:?}", String::from_utf8_lossy(&reply));
    let reply = command(stream, format!("PASS {password}").as_bytes());
    assert!(reply.starts_with(b"+OK"), "PASS: {:?}", String::from_utf8_lossy(&reply));
}

/// Whether an external tool can be run; the panic message says what to install.
pub fn require_tool(tool: &str, package: &str) {
    let found = Command::new(tool).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok();
    assert!(found, "`{tool}` is missing: install it (`apt-get install {package}`) to run this test");
}

/// Runs fetchmail (as the reference user, every message to its own file) against `port` with the rcfile's TLS `options`; returns its exit status, its log and the
/// messages it delivered.
pub fn fetchmail(port: u16, options: &str) -> (std::process::ExitStatus, String, Vec<Vec<u8>>) {
    require_tool("fetchmail", "fetchmail");
    let dir = tempfile::tempdir().unwrap();
    let mail = dir.path().join("mail");
    std::fs::create_dir(&mail).unwrap();
    let rcfile = dir.path().join("fetchmailrc");
    std::fs::write(
        &rcfile,
        format!(
            "poll localhost protocol pop3 service {port} auth password\n  user \"tester@example.com\" password \"secret\" is root here\n  {options}\n"
        ),
    )
    .unwrap();
    // fetchmail refuses an rcfile others can read.
    std::fs::set_permissions(&rcfile, <std::fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o600))
        .unwrap();
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
    let delivered =
        std::fs::read_dir(&mail).unwrap().map(|entry| std::fs::read(entry.unwrap().path()).unwrap()).collect();
    (output.status, log, delivered)
}

/// A TLS client connection (rustls, blocking) over a [`TcpStream`].
pub type TlsClient = rustls::StreamOwned<rustls::ClientConnection, TcpStream>;

/// Makes the TLS handshake on `stream` (after STLS, or at once for implicit TLS) as a client that trusts only
/// the CA in `ca` and expects the server to be `name`; panics if it fails.
pub fn tls_client(stream: TcpStream, ca: &Path, name: &str) -> TlsClient {
    use rustls::pki_types::pem::PemObject as _;
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls::pki_types::CertificateDer::pem_file_iter(ca).unwrap() {
        roots.add(cert.unwrap()).unwrap();
    }
    let config =
        rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from(name.to_string()).unwrap();
    let connection = rustls::ClientConnection::new(std::sync::Arc::new(config), name).unwrap();
    let mut tls = rustls::StreamOwned::new(connection, stream);
    let until = Instant::now() + DEADLINE;
    while tls.conn.is_handshaking() {
        match tls.conn.complete_io(&mut tls.sock) {
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) && Instant::now() < until => {}
            Err(e) => panic!("TLS handshake: {e}"),
        }
    }
    tls
}
