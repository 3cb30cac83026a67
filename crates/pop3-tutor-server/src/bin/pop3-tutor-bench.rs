//! # pop3-tutor-bench: load generator for POP3 servers (a tool, not a test)
//!
//! Drives any POP3 server on this machine, so `pop3-tutor-server` and a real Dovecot can be measured with the
//! same client (see `crates/pop3-tutor-server/bench/run.sh`, which runs both and prints the ratio).
//!
//! ```text
//! # N clients doing connect–USER–PASS–STAT–QUIT in a loop for D seconds, R runs: sessions/s (median)
//! pop3-tutor-bench load --addr 127.0.0.1:21110 --clients 64 --seconds 5 --runs 5
//! # K idle connections (greeting read, then held): the server's resident memory per connection
//! pop3-tutor-bench idle --addr 127.0.0.1:21110 --connections 10000 --pid 1234
//! # the same over implicit TLS, trusting the server's CA
//! pop3-tutor-bench load --addr 127.0.0.1:21995 --tls-ca ca.pem
//! ```
//!
//! `relay` and `hold` compare WebSocket relays (the bridge, websockify) with direct TCP: see `bench_relay` and
//! `bench/bridge.sh`.
//!
//! Memory comes from `/proc/PID/status` (VmRSS) of `--pid`, or summed over every process named
//! `--proc-name` (Dovecot serves pre-login connections in its `pop3-login` processes). Loopback only.

mod bench_relay;
mod bench_tls;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context as _};
use clap::{Args, Parser, Subcommand};
use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::time::timeout;

use bench_tls::{Dialer, Stream};

#[derive(Parser)]
#[command(name = "pop3-tutor-bench", about = "Load generator for POP3 servers on this machine")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Concurrent login–STAT–QUIT sessions: sessions per second, median of several runs.
    Load(LoadArgs),
    /// Many idle connections: the server's memory per connection.
    Idle(IdleArgs),
    /// One client direct or through a WebSocket relay: NOOP round trips and RETR throughput, medians.
    Relay(bench_relay::RelayArgs),
    /// Many logged-in sessions through a relay: its memory per session.
    Hold(bench_relay::HoldArgs),
}

#[derive(Args)]
struct LoadArgs {
    #[arg(long)]
    addr: SocketAddr,
    /// Concurrent clients.
    #[arg(long, default_value_t = 32)]
    clients: usize,
    /// Length of one run.
    #[arg(long, default_value_t = 5.0)]
    seconds: f64,
    /// Measured runs (after a one-second warm-up).
    #[arg(long, default_value_t = 5)]
    runs: usize,
    #[arg(long, default_value = "tester@example.com")]
    user: String,
    #[arg(long, default_value = "secret")]
    password: String,
    /// The exact STAT reply expected (without CRLF); any `+OK` when absent.
    #[arg(long)]
    expect_stat: Option<String>,
    /// Print only `median_sessions_per_s=X`.
    #[arg(long)]
    quiet: bool,
    /// Implicit TLS, trusting only the CA certificates in this PEM file.
    #[arg(long, value_name = "FILE")]
    tls_ca: Option<PathBuf>,
}

#[derive(Args)]
struct IdleArgs {
    #[arg(long)]
    addr: SocketAddr,
    /// How many connections to open and hold.
    #[arg(long, default_value_t = 10_000)]
    connections: usize,
    /// The server's process id (repeatable: RSS is summed).
    #[arg(long)]
    pid: Vec<u32>,
    /// Also sum the RSS of every process with this name (repeatable).
    #[arg(long)]
    proc_name: Vec<String>,
    /// Wait this long after the last connection before measuring.
    #[arg(long, default_value_t = 2_000)]
    settle_ms: u64,
    /// Implicit TLS, trusting only the CA certificates in this PEM file.
    #[arg(long, value_name = "FILE")]
    tls_ca: Option<PathBuf>,
}

const STEP: Duration = Duration::from_secs(10);

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    match cli.command {
        Command::Load(args) => runtime.block_on(load(args)),
        Command::Idle(args) => runtime.block_on(idle(args)),
        Command::Relay(args) => runtime.block_on(bench_relay::relay(args)),
        Command::Hold(args) => runtime.block_on(bench_relay::hold(args)),
    }
}

async fn load(args: LoadArgs) -> anyhow::Result<()> {
    let dialer = Arc::new(Dialer::new(args.addr, args.tls_ca.as_deref())?);
    let args = Arc::new(args);
    // Fail fast with a clear message if the server is not there or refuses the login.
    session(&args, &dialer).await.with_context(|| format!("a first session against {}", args.addr))?;
    run_once(&args, &dialer, 1.0).await;
    let mut rates = Vec::new();
    for run in 1..=args.runs {
        let (rate, errors) = run_once(&args, &dialer, args.seconds).await;
        if !args.quiet {
            println!("run {run}: {rate:.0} sessions/s ({errors} failed)");
        }
        rates.push(rate);
    }
    rates.sort_by(f64::total_cmp);
    let median = rates[rates.len() / 2];
    println!("median_sessions_per_s={median:.0}");
    Ok(())
}

/// One timed run: (sessions per second, failed sessions).
async fn run_once(args: &Arc<LoadArgs>, dialer: &Arc<Dialer>, seconds: f64) -> (f64, u64) {
    let ok = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let stop = start + Duration::from_secs_f64(seconds);
    let tasks: Vec<_> = (0..args.clients)
        .map(|_| {
            let (args, dialer) = (Arc::clone(args), Arc::clone(dialer));
            let (ok, failed) = (Arc::clone(&ok), Arc::clone(&failed));
            tokio::spawn(async move {
                while Instant::now() < stop {
                    match session(&args, &dialer).await {
                        Ok(()) => ok.fetch_add(1, Ordering::Relaxed),
                        Err(error) => {
                            if failed.fetch_add(1, Ordering::Relaxed) == 0 {
                                eprintln!("first failure: {error:#}");
                            }
                            tokio::time::sleep(Duration::from_millis(10)).await;
                            0
                        }
                    };
                }
            })
        })
        .collect();
    for task in tasks {
        let _ = task.await;
    }
    let elapsed = start.elapsed().as_secs_f64();
    (ok.load(Ordering::Relaxed) as f64 / elapsed, failed.load(Ordering::Relaxed))
}

/// connect, greeting, USER, PASS, STAT, QUIT, and the server's close.
async fn session(args: &LoadArgs, dialer: &Dialer) -> anyhow::Result<()> {
    let mut read = BufReader::new(dialer.connect().await?);
    let mut line = Vec::with_capacity(128);
    expect_ok(&mut read, &mut line, "greeting").await?;
    for (command, what) in [
        (format!("USER {}\r\n", args.user), "USER"),
        (format!("PASS {}\r\n", args.password), "PASS"),
        ("STAT\r\n".to_string(), "STAT"),
        ("QUIT\r\n".to_string(), "QUIT"),
    ] {
        let write = read.get_mut();
        write.write_all(command.as_bytes()).await?;
        write.flush().await?;
        expect_ok(&mut read, &mut line, what).await?;
        if what == "STAT" {
            if let Some(want) = &args.expect_stat {
                if line.strip_suffix(b"\r\n") != Some(want.as_bytes()) {
                    bail!("STAT: {:?}, expected {want:?}", String::from_utf8_lossy(&line));
                }
            }
        }
    }
    let mut rest = [0u8; 64];
    match timeout(STEP, read.read(&mut rest)).await {
        Ok(Ok(0)) | Ok(Err(_)) => Ok(()),
        Ok(Ok(n)) => Err(anyhow!("{n} unexpected octets after QUIT")),
        Err(_) => Err(anyhow!("the server did not close after QUIT")),
    }
}

async fn expect_ok(read: &mut BufReader<Box<dyn Stream>>, line: &mut Vec<u8>, what: &str) -> anyhow::Result<()> {
    line.clear();
    let n = timeout(STEP, read.read_until(b'\n', line)).await.with_context(|| format!("{what}: timed out"))??;
    if n == 0 {
        bail!("{what}: connection closed");
    }
    if !line.starts_with(b"+OK") {
        bail!("{what}: {:?}", String::from_utf8_lossy(line));
    }
    Ok(())
}

async fn idle(args: IdleArgs) -> anyhow::Result<()> {
    if args.pid.is_empty() && args.proc_name.is_empty() {
        bail!("give --pid or --proc-name: whose memory to measure");
    }
    let dialer = Arc::new(Dialer::new(args.addr, args.tls_ca.as_deref())?);
    let before = rss_kib(&args)?;
    let started = Instant::now();
    let mut held = Vec::with_capacity(args.connections);
    let mut failures = 0usize;
    // Open in waves so the listener's backlog is never the limit.
    for wave in (0..args.connections).collect::<Vec<_>>().chunks(200) {
        let opened = futures_join(wave.len(), &dialer).await;
        for conn in opened {
            match conn {
                Ok(stream) => held.push(stream),
                Err(error) => {
                    if failures == 0 {
                        eprintln!("first failure: {error:#}");
                    }
                    failures += 1;
                }
            }
        }
    }
    let opened_in = started.elapsed();
    tokio::time::sleep(Duration::from_millis(args.settle_ms)).await;
    let after = rss_kib(&args)?;
    let n = held.len();
    println!("idle_connections={n} failed={failures} opened_in_s={:.1}", opened_in.as_secs_f64());
    println!("rss_before_kib={before} rss_after_kib={after}");
    if n > 0 {
        println!("rss_per_connection_kib={:.2}", after.saturating_sub(before) as f64 / n as f64);
    }
    drop(held);
    Ok(())
}

/// Opens `n` connections at once; each has read its greeting.
async fn futures_join(n: usize, dialer: &Arc<Dialer>) -> Vec<anyhow::Result<Box<dyn Stream>>> {
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let dialer = Arc::clone(dialer);
            tokio::spawn(async move {
                let mut stream = dialer.connect().await?;
                let mut greeting = [0u8; 512];
                let got = timeout(STEP, stream.read(&mut greeting)).await.context("greeting timed out")??;
                if !greeting[..got].starts_with(b"+OK") {
                    bail!("greeting: {:?}", String::from_utf8_lossy(&greeting[..got]));
                }
                Ok(stream)
            })
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    for task in tasks {
        out.push(task.await.unwrap_or_else(|e| Err(anyhow!("task: {e}"))));
    }
    out
}

/// VmRSS of the given pids plus every process with one of the given names.
fn rss_kib(args: &IdleArgs) -> anyhow::Result<u64> {
    let mut pids: Vec<u32> = args.pid.clone();
    if !args.proc_name.is_empty() {
        for entry in std::fs::read_dir("/proc")? {
            let Ok(pid) = entry?.file_name().to_string_lossy().parse::<u32>() else { continue };
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            if args.proc_name.iter().any(|name| comm.trim() == name) {
                pids.push(pid);
            }
        }
    }
    let mut total = 0;
    for pid in pids {
        let status =
            std::fs::read_to_string(format!("/proc/{pid}/status")).with_context(|| format!("reading /proc/{pid}"))?;
        let kib = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| anyhow!("no VmRSS for pid {pid}"))?;
        total += kib;
    }
    Ok(total)
}
