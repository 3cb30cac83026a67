//! Logging setup: `tracing` to stderr, level from `RUST_LOG`.
//!
//! Stdout is reserved for the one `listening on ADDR` line that scripts and tests read, so every log line
//! goes to stderr. What gets logged is decided where it happens: connection spans carry the peer and a
//! connection id, commands are logged by verb only, and passwords or SASL data never reach a log (see
//! `pop3::redact`).

use tracing_subscriber::EnvFilter;

use crate::cli::LogFormat;

/// Libraries that log the bytes they carry at DEBUG or TRACE (tungstenite: every WebSocket frame, so a
/// password the bridge relays): capped at INFO whatever `RUST_LOG` says.
const PAYLOAD_LOGGERS: [&str; 2] = ["tungstenite=info", "tokio_tungstenite=info"];

/// Installs the global subscriber.
pub fn init(format: LogFormat) {
    let mut filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    for directive in PAYLOAD_LOGGERS {
        filter = filter.add_directive(directive.parse().expect("a valid directive"));
    }
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}
