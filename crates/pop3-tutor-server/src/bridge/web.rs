//! HTTP: the WebSocket endpoint `/bridge` (with the `Origin` check and the session limits) and, with
//! `--static DIR`, the built app's files.
//!
//! **Origin.** Browsers send the page's origin with every WebSocket handshake; a page from another site must
//! not be able to use a visitor's browser (and so their network position) to reach the bridge. Without
//! `--origin`, only the bridge's own origin is accepted (the `Origin` header's host and port equal the `Host`
//! header's: the app served by `--static`, or the same host behind a reverse proxy that keeps `Host`). With
//! `--origin URL…`, exactly those origins are (`*`: any). A handshake without `Origin` is not from a browser
//! page and is let through (a non-browser client can send any header it likes; the allowlist and limits are
//! what bound it). A refused origin gets HTTP 403 before the upgrade.
//!
//! **Static files.** `GET`/`HEAD` of a file under `DIR`; `/` is `index.html`. Files are streamed from disk in
//! [`STREAM_CHUNK`]s (a slow reader holds one chunk, not a copy of the file); `HEAD` reads nothing. The path is percent-decoded,
//! then refused (404) if it has a `..` or `.` segment, a segment starting with `.` (hidden files), a
//! backslash or a NUL; the file's canonical path must lie under `DIR`'s (no symlink escapes), and it must be a
//! regular file: directories are never listed. Content types by extension (`.html`, `.js`, `.wasm`, `.css`,
//! …), `X-Content-Type-Options: nosniff`, `Cache-Control: no-cache` (every file is checked with the server before use: the service worker's
//! `sw.js` must be, so that a new release is never missed), and the Content-Security-Policy
//! ([`POLICY`]): no inline script or style, wasm compiled from the site's own files only
//! (`'wasm-unsafe-eval'`), WebSockets to any bridge (`?bridge=` may name another host); framed only by the same
//! origin, except a page named `embed.html`, which any site may frame.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse as _, Response};
use axum::routing::get;
use axum::Extension;
use axum::Router;
use pop3_bridge_proto::{Failure, FailureKind};
use tokio::io::AsyncReadExt as _;
use tokio_util::io::ReaderStream;
use tracing::Instrument as _;

use super::{session, Bridge};

/// The application: `/bridge` and, if configured, the static files; both behind the `Host` check
/// ([`super::host`]).
pub fn router(bridge: Arc<Bridge>) -> Router {
    let host_check = axum::middleware::from_fn_with_state(Arc::clone(&bridge), super::host::check);
    Router::new().route("/bridge", get(bridge_endpoint)).fallback(static_file).layer(host_check).with_state(bridge)
}

async fn bridge_endpoint(
    State(bridge): State<Arc<Bridge>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Extension(write_deadline): Extension<super::WriteDeadlineSwitch>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    if let Err(origin) = bridge.origins.check(&headers) {
        tracing::info!(%peer, origin = %origin, "WebSocket refused: origin not allowed");
        return (StatusCode::FORBIDDEN, "origin not allowed\n").into_response();
    }
    let id = bridge.next_id.fetch_add(1, Ordering::Relaxed);
    let client = bridge.proxies.client(peer.ip(), &headers);
    let span = if client == super::allow::canonical(peer.ip()) {
        tracing::info_span!("bridge", id, client = %peer)
    } else {
        tracing::info_span!("bridge", id, %client, proxy = %peer)
    };
    let admission = bridge.admit(client);
    let max = bridge.limits.max_frame;
    // Clients send short commands: a small read buffer keeps idle sessions cheap (tungstenite's default is
    // 128 KiB per connection); it grows for a larger frame, up to the limit.
    let upgrade = upgrade.max_frame_size(max).max_message_size(max).read_buffer_size(4096);
    let tracker = bridge.tracker.clone();
    upgrade.on_upgrade(move |ws| {
        // A session has its own limits (the idle timeout): the HTTP write deadline no longer applies.
        write_deadline.off();
        tracker.track_future(
            async move {
                match admission {
                    Ok(_permit) => {
                        tracing::info!("session opened");
                        session::run(ws, &bridge.connector, &bridge.limits, &bridge.shutdown).await;
                    }
                    Err(detail) => {
                        tracing::info!(%detail, "session refused: busy");
                        session::refuse(ws, Failure::new(FailureKind::Busy, detail)).await;
                    }
                }
            }
            .instrument(span),
        )
    })
}

/// The origins allowed to open `/bridge`.
#[derive(Debug)]
pub enum Origins {
    /// Only the bridge's own (the `Host` header's).
    Same,
    Any,
    /// Exactly these (normalised: lower case, no default port, no trailing slash).
    List(Vec<String>),
}

impl Origins {
    /// From `--origin` values.
    pub fn new(values: &[String]) -> Result<Origins, String> {
        if values.is_empty() {
            return Ok(Origins::Same);
        }
        if values.iter().any(|v| v == "*") {
            return Ok(Origins::Any);
        }
        let mut list = Vec::new();
        for value in values {
            let trimmed = value.trim_end_matches('/');
            match normalise_origin(trimmed) {
                Some((scheme, authority)) => list.push(format!("{scheme}://{authority}")),
                None => {
                    return Err(format!(
                        "--origin {value}: expected scheme://host[:port], e.g. https://tutor.example.com"
                    ))
                }
            }
        }
        Ok(Origins::List(list))
    }

    /// `Ok` if the handshake may go on; `Err` carries the refused origin for the log.
    fn check(&self, headers: &HeaderMap) -> Result<(), String> {
        let Some(origin) = headers.get(header::ORIGIN) else { return Ok(()) };
        let origin_text = String::from_utf8_lossy(origin.as_bytes()).into_owned();
        let shown = super::allow::printable(&origin_text);
        let Some((scheme, authority)) = normalise_origin(&origin_text) else { return Err(shown) };
        let allowed = match self {
            Origins::Any => true,
            Origins::List(list) => list.contains(&format!("{scheme}://{authority}")),
            Origins::Same => headers
                .get(header::HOST)
                .and_then(|host| host.to_str().ok())
                .is_some_and(|host| normalise_authority(&scheme, host).as_deref() == Some(authority.as_str())),
        };
        if allowed {
            Ok(())
        } else {
            Err(shown)
        }
    }
}

/// `scheme://host[:port]` as (scheme, authority) in lower case, the scheme's default port dropped.
fn normalise_origin(origin: &str) -> Option<(String, String)> {
    let (scheme, authority) = origin.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https") {
        return None;
    }
    let authority = normalise_authority(&scheme, authority)?;
    Some((scheme, authority))
}

fn normalise_authority(scheme: &str, authority: &str) -> Option<String> {
    if authority.is_empty() || authority.contains(['/', '?', '#', '@', ' ']) || !authority.is_ascii() {
        return None;
    }
    let authority = authority.to_ascii_lowercase();
    let default = if scheme == "https" { ":443" } else { ":80" };
    Some(authority.strip_suffix(default).unwrap_or(&authority).to_string())
}

/// The Content-Security-Policy of a static response, framed by the sites `frame_ancestors` names.
macro_rules! policy {
    ($frame_ancestors:literal) => {
        concat!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; ",
            "connect-src 'self' ws: wss:; frame-ancestors ",
            $frame_ancestors
        )
    };
}

/// The Content-Security-Policy of every static response but `embed.html`'s.
pub const POLICY: &str = policy!("'self'");
/// The embed page's (a file named `embed.html`): the same, but any site may frame it.
pub const POLICY_EMBED: &str = policy!("*");

async fn static_file(State(bridge): State<Arc<Bridge>>, method: Method, uri: Uri) -> Response {
    let Some(root) = &bridge.static_dir else { return not_found() };
    let (mut response, policy) = match static_response(root, &method, &uri).await {
        Ok((response, path)) if path.file_name().is_some_and(|name| name == "embed.html") => (response, POLICY_EMBED),
        Ok((response, _)) | Err(response) => (response, POLICY),
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// A static file's response and its canonical path, or the refusal.
async fn static_response(root: &Path, method: &Method, uri: &Uri) -> Result<(Response, PathBuf), Response> {
    if method != Method::GET && method != Method::HEAD {
        return Err((StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")], "").into_response());
    }
    let relative = safe_relative_path(uri.path()).ok_or_else(not_found)?;
    let path = tokio::fs::canonicalize(root.join(&relative)).await.map_err(|_| not_found())?;
    if !path.starts_with(root) {
        return Err(not_found());
    }
    // Checked before opening: opening a FIFO would block.
    let length = match tokio::fs::metadata(&path).await {
        Ok(meta) if meta.is_file() => meta.len(),
        _ => return Err(not_found()),
    };
    let (body, length) = if method == Method::HEAD {
        (Body::empty(), length)
    } else {
        // Streamed: a slow reader holds one chunk, not the file. The length is the open file's (it may have
        // been replaced since the check).
        let file = tokio::fs::File::open(&path).await.map_err(|_| not_found())?;
        let length = match file.metadata().await {
            Ok(meta) if meta.is_file() => meta.len(),
            _ => return Err(not_found()),
        };
        let stream = ReaderStream::with_capacity(file.take(length), STREAM_CHUNK);
        (Body::from_stream(stream), length)
    };
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(&path)));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok((response, path))
}

/// The size of the chunks a static file is read and sent in: what one response holds in memory.
const STREAM_CHUNK: usize = 16 * 1024;

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found\n").into_response()
}

/// The path below the static root for a request path, or `None` if it must not be served.
fn safe_relative_path(path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    if decoded.contains(['\0', '\\']) {
        return None;
    }
    let mut relative = PathBuf::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') {
            return None;
        }
        relative.push(segment);
    }
    if relative.as_os_str().is_empty() {
        relative.push("index.html");
    }
    Some(relative)
}

/// `%XX` escapes decoded; `None` for a bad escape or a result that is not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The session counters: one permit of `--max-sessions` and one of the client's share of them.
pub struct Permit {
    _global: tokio::sync::OwnedSemaphorePermit,
    _share: crate::shares::Share,
}

impl Bridge {
    /// Takes a session slot for a client, or says why there is none.
    fn admit(&self, client: IpAddr) -> Result<Permit, String> {
        let Ok(global) = Arc::clone(&self.sessions).try_acquire_owned() else {
            return Err(format!("the bridge already relays its maximum of {} sessions", self.limits.max_sessions));
        };
        match self.session_shares.take(client) {
            Ok(share) => Ok(Permit { _global: global, _share: share }),
            Err(over) => Err(format!("{over} sessions")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_root() {
        assert_eq!(safe_relative_path("/"), Some(PathBuf::from("index.html")));
        assert_eq!(safe_relative_path("/pkg/app_bg.wasm"), Some(PathBuf::from("pkg/app_bg.wasm")));
        assert_eq!(safe_relative_path("//a%20b.css"), Some(PathBuf::from("a b.css")));
        for bad in [
            "/../etc/passwd",
            "/a/../../b",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/.git/config",
            "/a\\..\\b",
            "/a%00",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(safe_relative_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn origins() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("tutor.example.com"));
        assert!(Origins::Same.check(&headers).is_ok(), "no Origin: not a browser page");
        headers.insert(header::ORIGIN, HeaderValue::from_static("https://Tutor.example.com"));
        assert!(Origins::Same.check(&headers).is_ok());
        headers.insert(header::ORIGIN, HeaderValue::from_static("http://tutor.example.com:80"));
        assert!(Origins::Same.check(&headers).is_ok());
        headers.insert(header::ORIGIN, HeaderValue::from_static("https://evil.example"));
        assert!(Origins::Same.check(&headers).is_err());
        headers.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(Origins::Same.check(&headers).is_err());
        assert!(Origins::Any.check(&headers).is_err(), "`null` is no origin");
        let list = Origins::new(&["https://tutor.example.com/".into()]).unwrap();
        headers.insert(header::ORIGIN, HeaderValue::from_static("https://tutor.example.com:443"));
        assert!(list.check(&headers).is_ok());
        headers.insert(header::ORIGIN, HeaderValue::from_static("http://tutor.example.com"));
        assert!(list.check(&headers).is_err());
        assert!(Origins::new(&["tutor.example.com".into()]).is_err());
        assert!(matches!(Origins::new(&["*".into()]), Ok(Origins::Any)));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type(Path::new("index.html")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("a.JS")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("a.css")), "text/css; charset=utf-8");
        assert_eq!(content_type(Path::new("manifest.webmanifest")), "application/manifest+json");
        assert_eq!(content_type(Path::new("a")), "application/octet-stream");
    }
}
