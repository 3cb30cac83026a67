//! Logging setup: `tracing` to stderr, level from `RUST_LOG`.
//!
//! Stdout is reserved for the one `listening on ADDR` line that scripts and tests read, so every log line
//! goes to stderr. What gets logged is decided where it happens: connection spans carry the peer and a
//! connection id, commands are logged by verb only, and passwords or SASL data never reach a log (see
//! `pop3::redact`).
//!
//! Two guards hold whatever `RUST_LOG` says:
//!
//! - **No payload logging.** The WebSocket library logs every frame it reads or writes at TRACE (a `PASS`
//!   line the bridge relays, in hex) and close frames at DEBUG. An `EnvFilter` directive such as
//!   `tungstenite=info` does not stop that: a span directive (`RUST_LOG='[bridge]=trace'`) enables every
//!   event inside the span, the library's too. So [`PayloadGuard`], a layer of its own after the `EnvFilter`,
//!   drops any event from [`PAYLOAD_LOGGERS`] below INFO, and no directive can reach past it.
//! - **Client text is escaped.** A value logged with `%` (a refusal's detail quoting serde's "unknown field"
//!   message, an origin, a host) may carry CR, LF, ESC or other control characters. In text format every
//!   field and message is written through [`escape_controls`]: a forged `\n` shows as `\n` and cannot start
//!   a log line of its own, nor can a terminal escape sequence reach the terminal. (The JSON format escapes
//!   control characters as JSON requires.)

use std::fmt;

use tracing::level_filters::LevelFilter;
use tracing::{Metadata, Subscriber};
use tracing_subscriber::field::MakeExt as _;
use tracing_subscriber::fmt::format::{self, Writer};
use tracing_subscriber::layer::{Context, SubscriberExt as _};
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::{EnvFilter, Layer};

use crate::cli::LogFormat;

/// Libraries that log the bytes they carry below INFO (tungstenite: every WebSocket frame, so a password
/// the bridge relays; axum's WebSocket module, should it ever log). Matched as target prefixes.
const PAYLOAD_LOGGERS: [&str; 3] = ["tungstenite", "tokio_tungstenite", "axum::extract::ws"];

/// Installs the global subscriber.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let registry = tracing_subscriber::registry().with(filter).with(PayloadGuard);
    let fmt = tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_ansi(ansi);
    match format {
        LogFormat::Text => registry.with(fmt.fmt_fields(escaping_fields())).init(),
        LogFormat::Json => registry.with(fmt.json()).init(),
    }
}

/// Whether an event with this metadata could carry a payload: below INFO from a [`PAYLOAD_LOGGERS`] target.
fn is_payload(metadata: &Metadata<'_>) -> bool {
    *metadata.level() > LevelFilter::INFO
        && PAYLOAD_LOGGERS.iter().any(|prefix| {
            metadata.target().strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with("::"))
        })
}

/// Drops payload-logging events whatever the other filters enabled (see the module's description).
/// Events that come through the `log` crate (tungstenite logs with it) are asked about with their real
/// target, so `enabled` sees them too.
struct PayloadGuard;

impl<S: Subscriber> Layer<S> for PayloadGuard {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> tracing::subscriber::Interest {
        if is_payload(metadata) {
            tracing::subscriber::Interest::never()
        } else {
            tracing::subscriber::Interest::always()
        }
    }

    fn enabled(&self, metadata: &Metadata<'_>, _: Context<'_, S>) -> bool {
        !is_payload(metadata)
    }
}

/// The text format's field formatter: like the default (`name=value`, the message bare), every value
/// written through [`escape_controls`].
fn escaping_fields() -> impl for<'w> format::FormatFields<'w> + Send + Sync + 'static {
    format::debug_fn(|writer: &mut Writer<'_>, field: &tracing::field::Field, value: &dyn fmt::Debug| {
        let name = field.name();
        if name.starts_with("log.") {
            return Ok(()); // the `log` crate's metadata, shown as the event's target already
        }
        let text = format!("{value:?}");
        if name == "message" {
            writer.write_str(&escape_controls(&text))
        } else {
            write!(writer, "{}={}", name.strip_prefix("r#").unwrap_or(name), escape_controls(&text))
        }
    })
    .delimited(" ")
}

/// `text` with every character that is not printable (control characters such as CR, LF, ESC and DEL, line
/// and paragraph separators, bidirectional overrides) written as Rust writes it in a string literal
/// (`\n`, `\r`, `\u{1b}`); everything else, quotes and backslashes included, as it is.
fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let escaped = c.escape_debug();
        if escaped.len() > 1 && !matches!(c, '\\' | '"' | '\'') {
            out.extend(escaped);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_controls("a\r\nb\u{1b}[31m\u{7f}"), "a\\r\\nb\\u{1b}[31m\\u{7f}");
        assert_eq!(escape_controls("\u{2028}\u{202e}\u{85}\t"), "\\u{2028}\\u{202e}\\u{85}\\t");
        assert_eq!(escape_controls(r#"say "hi" \ 'x' zażółć ✓"#), r#"say "hi" \ 'x' zażółć ✓"#);
    }

    #[test]
    fn payload_targets() {
        use tracing::callsite::Identifier;
        use tracing::metadata::Kind;
        struct Cs;
        impl tracing::Callsite for Cs {
            fn set_interest(&self, _: tracing::subscriber::Interest) {}
            fn metadata(&self) -> &Metadata<'_> {
                unreachable!()
            }
        }
        static CS: Cs = Cs;
        let meta = |target: &'static str, level| {
            Metadata::new(
                "e",
                target,
                level,
                None,
                None,
                None,
                tracing::field::FieldSet::new(&[], Identifier(&CS)),
                Kind::EVENT,
            )
        };
        assert!(is_payload(&meta("tungstenite::protocol", tracing::Level::TRACE)));
        assert!(is_payload(&meta("tungstenite", tracing::Level::DEBUG)));
        assert!(is_payload(&meta("tokio_tungstenite::compat", tracing::Level::TRACE)));
        assert!(!is_payload(&meta("tungstenite::protocol", tracing::Level::INFO)));
        assert!(!is_payload(&meta("tungstenite_like", tracing::Level::TRACE)));
        assert!(!is_payload(&meta("pop3_tutor_server::bridge", tracing::Level::TRACE)));
    }
}
