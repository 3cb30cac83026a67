//! `pop3-tutor-bench relay`: one POP3 client, three ways to the same server — direct TCP, through
//! `pop3-tutor-server bridge` (JSON target request first), through websockify (raw bytes from the first
//! frame) — so the relays' costs can be compared with the same client code (see `bench/bridge.sh`).
//!
//! Per run: a session logs in, sends `--noops` NOOPs one at a time (round-trip time of each), then
//! `RETR --retr` (time from the command to the terminating `.` line; octets / time), then QUIT. Prints the
//! medians over `--runs` sessions: `median_noop_us=…`, `median_retr_mib_per_s=…`, `retr_octets=…`.
//!
//! `hold`: opens `--sessions` logged-in sessions at once, keeps them while the relay's memory is read, and
//! prints `rss_per_session_kib=…`.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use clap::{Args, ValueEnum};
use futures_util::{SinkExt as _, StreamExt as _};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

/// How the client reaches the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Via {
    /// TCP to `--addr` (the POP3 server).
    Direct,
    /// WebSocket to `--addr`'s `/bridge`, target `--target`.
    Bridge,
    /// WebSocket to websockify at `--addr` (its target is fixed on its command line).
    Websockify,
}

/// How both subcommands reach the server and log in.
#[derive(Args)]
pub struct Connection {
    #[arg(long, value_enum)]
    via: Via,
    /// The POP3 server (direct), the bridge, or websockify.
    #[arg(long)]
    addr: SocketAddr,
    /// With `--via bridge`: the POP3 server the bridge is asked for.
    #[arg(long)]
    target: Option<SocketAddr>,
    #[arg(long, default_value = "tester@example.com")]
    user: String,
    #[arg(long, default_value = "secret")]
    password: String,
}

impl Connection {
    /// A logged-in client.
    async fn client(&self) -> anyhow::Result<Client> {
        let mut client = Client::connect(self.via, self.addr, self.target).await?;
        client.login(&self.user, &self.password).await?;
        Ok(client)
    }
}

#[derive(Args)]
pub struct RelayArgs {
    #[command(flatten)]
    conn: Connection,
    /// NOOPs per run (their round trips are the latency samples).
    #[arg(long, default_value_t = 200)]
    noops: usize,
    /// The message to RETR (0: none).
    #[arg(long, default_value_t = 0)]
    retr: u32,
    /// Measured runs (after one warm-up).
    #[arg(long, default_value_t = 5)]
    runs: usize,
}

#[derive(Args)]
pub struct HoldArgs {
    #[command(flatten)]
    conn: Connection,
    /// Sessions to open and hold.
    #[arg(long, default_value_t = 1000)]
    sessions: usize,
    /// Processes whose resident memory is summed (repeatable); `--children-of` adds their children.
    #[arg(long)]
    pid: Vec<u32>,
    /// Also count the child processes of these (websockify serves each client in a child).
    #[arg(long)]
    children_of: Vec<u32>,
}

/// Time allowed for one step (a reply, a connect); RETR of a large message gets a minute.
const STEP: Duration = Duration::from_secs(30);

enum Conn {
    Tcp(TcpStream),
    Ws(Box<WebSocketStream<TcpStream>>),
}

/// A POP3 client over either transport, with its own input buffer.
struct Client {
    conn: Conn,
    buf: Vec<u8>,
}

impl Client {
    async fn connect(via: Via, addr: SocketAddr, target: Option<SocketAddr>) -> anyhow::Result<Client> {
        let tcp = timeout(STEP, TcpStream::connect(addr)).await.context("connect timed out")??;
        tcp.set_nodelay(true)?;
        let conn = match via {
            Via::Direct => Conn::Tcp(tcp),
            Via::Bridge | Via::Websockify => {
                let path = if via == Via::Bridge { "/bridge" } else { "/" };
                let url = format!("ws://{addr}{path}");
                let (mut ws, _) = timeout(STEP, tokio_tungstenite::client_async(url, tcp))
                    .await
                    .context("WebSocket handshake timed out")??;
                if via == Via::Bridge {
                    let target = target.context("--target is needed with --via bridge")?;
                    let request = format!(r#"{{"host": "{}", "port": {}, "tls": "none"}}"#, target.ip(), target.port());
                    ws.send(Message::text(request)).await?;
                    match timeout(STEP, ws.next()).await.context("no status from the bridge")? {
                        Some(Ok(Message::Text(status))) if status.as_str().contains(r#""ok":true"#) => {}
                        other => bail!("the bridge refused: {other:?}"),
                    }
                }
                Conn::Ws(Box::new(ws))
            }
        };
        Ok(Client { conn, buf: Vec::with_capacity(64 * 1024) })
    }

    async fn send(&mut self, line: &str) -> anyhow::Result<()> {
        match &mut self.conn {
            Conn::Tcp(tcp) => tcp.write_all(line.as_bytes()).await?,
            Conn::Ws(ws) => ws.send(Message::binary(line.as_bytes().to_vec())).await?,
        }
        Ok(())
    }

    /// Reads more input into the buffer.
    async fn fill(&mut self) -> anyhow::Result<()> {
        match &mut self.conn {
            Conn::Tcp(tcp) => {
                let start = self.buf.len();
                self.buf.resize(start + 64 * 1024, 0);
                let n = tcp.read(&mut self.buf[start..]).await?;
                self.buf.truncate(start + n);
                if n == 0 {
                    bail!("connection closed");
                }
            }
            Conn::Ws(ws) => loop {
                match ws.next().await {
                    Some(Ok(Message::Binary(data))) => {
                        self.buf.extend_from_slice(&data);
                        break;
                    }
                    // websockify may send text frames (base64 subprotocol) only when asked to; not here.
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                    other => bail!("connection ended: {other:?}"),
                }
            },
        }
        Ok(())
    }

    /// Reads one single-line reply (must be `+OK`); returns its length.
    async fn line(&mut self, what: &str) -> anyhow::Result<usize> {
        let read = async {
            loop {
                if let Some(end) = self.buf.iter().position(|&b| b == b'\n') {
                    let line: Vec<u8> = self.buf.drain(..=end).collect();
                    if !line.starts_with(b"+OK") {
                        bail!("{what}: {:?}", String::from_utf8_lossy(&line));
                    }
                    return Ok(line.len());
                }
                self.fill().await?;
            }
        };
        timeout(STEP, read).await.with_context(|| format!("{what}: timed out"))?
    }

    /// Reads a multi-line reply to its `.` line; returns its length.
    async fn multiline(&mut self, what: &str) -> anyhow::Result<usize> {
        let read = async {
            let mut scanned: usize = 0;
            loop {
                if !self.buf.is_empty() && !self.buf.starts_with(b"+OK") && self.buf.contains(&b'\n') {
                    bail!("{what}: {:?}", String::from_utf8_lossy(&self.buf[..self.buf.len().min(200)]));
                }
                // The terminator is "\r\n.\r\n"; look only at what arrived since the last look (plus 4 octets).
                let from = scanned.saturating_sub(4);
                if let Some(at) = self.buf[from..].windows(5).position(|w| w == b"\r\n.\r\n") {
                    let end = from + at + 5;
                    self.buf.drain(..end);
                    return Ok(end);
                }
                scanned = self.buf.len();
                self.fill().await?;
            }
        };
        timeout(STEP * 2, read).await.with_context(|| format!("{what}: timed out"))?
    }

    async fn login(&mut self, user: &str, password: &str) -> anyhow::Result<()> {
        self.line("greeting").await?;
        self.send(&format!("USER {user}\r\n")).await?;
        self.line("USER").await?;
        self.send(&format!("PASS {password}\r\n")).await?;
        self.line("PASS").await?;
        Ok(())
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

pub async fn relay(args: RelayArgs) -> anyhow::Result<()> {
    let mut noop_medians = Vec::new();
    let mut rates = Vec::new();
    let mut octets = 0;
    for run in 0..=args.runs {
        let mut client = args.conn.client().await?;
        let mut samples = Vec::with_capacity(args.noops);
        for _ in 0..args.noops {
            let start = Instant::now();
            client.send("NOOP\r\n").await?;
            client.line("NOOP").await?;
            samples.push(start.elapsed().as_secs_f64() * 1e6);
        }
        let mut rate = None;
        if args.retr > 0 {
            let start = Instant::now();
            client.send(&format!("RETR {}\r\n", args.retr)).await?;
            octets = client.multiline("RETR").await?;
            rate = Some(octets as f64 / start.elapsed().as_secs_f64() / (1024.0 * 1024.0));
        }
        client.send("QUIT\r\n").await?;
        client.line("QUIT").await?;
        if run == 0 {
            continue; // warm-up
        }
        let noop = if samples.is_empty() { 0.0 } else { median(&mut samples) };
        println!(
            "run {run}: NOOP median {noop:.0} µs{}",
            rate.map(|r| format!(", RETR {r:.1} MiB/s ({octets} octets)")).unwrap_or_default()
        );
        noop_medians.push(noop);
        rates.extend(rate);
    }
    println!("median_noop_us={:.1}", median(&mut noop_medians));
    if !rates.is_empty() {
        println!("median_retr_mib_per_s={:.1}", median(&mut rates));
        println!("retr_octets={octets}");
    }
    Ok(())
}

pub async fn hold(args: HoldArgs) -> anyhow::Result<()> {
    let before = rss_kib(&args)?;
    let mut clients = Vec::with_capacity(args.sessions);
    // In batches, so the server's accept queue and login processes keep up.
    for chunk in 0..args.sessions.div_ceil(50) {
        let n = 50.min(args.sessions - chunk * 50);
        let opened = futures_util::future::join_all((0..n).map(|_| args.conn.client())).await;
        for client in opened {
            clients.push(client.context("opening a session")?);
        }
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let after = rss_kib(&args)?;
    println!("sessions={} rss_before_kib={before} rss_after_kib={after}", clients.len());
    println!("rss_per_session_kib={:.1}", (after.saturating_sub(before)) as f64 / clients.len().max(1) as f64);
    Ok(())
}

/// Resident memory (VmRSS) of `--pid` and of the children of `--children-of`, in KiB.
fn rss_kib(args: &HoldArgs) -> anyhow::Result<u64> {
    let mut pids = args.pid.clone();
    for parent in &args.children_of {
        pids.push(*parent);
        let children = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")).unwrap_or_default();
        pids.extend(children.split_whitespace().filter_map(|p| p.parse::<u32>().ok()));
    }
    let mut total = 0;
    for pid in pids {
        let status =
            std::fs::read_to_string(format!("/proc/{pid}/status")).with_context(|| format!("process {pid}"))?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).context("VmRSS")?;
        total += line.split_whitespace().nth(1).context("VmRSS value")?.parse::<u64>()?;
    }
    Ok(total)
}
