//! The bridge speaks `pop3-bridge-proto`, byte for byte: the app's request as the crate writes it is accepted,
//! each status arrives exactly as the crate writes it (and reads back to the same value), and each close frame
//! is the crate's [`CloseReason`] with its code.

mod bridge_support;

use bridge_support::{next_status_text, ws_connect, Closed, Conn, Process};
use futures_util::SinkExt as _;
use pop3_bridge_proto::{CloseReason, Connected, FailureKind, Request, Status, Tls};
use tokio_tungstenite::tungstenite::Message;

/// Sends `first` as the first message; returns the status text and the connection.
async fn ask(bridge: &Process, first: String) -> (String, Conn) {
    let mut ws = ws_connect(bridge, &[]).await.expect("WebSocket handshake");
    ws.send(Message::text(first)).await.unwrap();
    let text = next_status_text(&mut ws).await;
    (text, Conn::Ws(Box::new(ws)))
}

/// Reads to the end, which must be a close frame, as the crate reads it (checking the code it gives).
async fn close_reason(conn: &mut Conn) -> CloseReason {
    match conn.read_until(&mut Vec::new(), |_| false).await {
        Some(Closed::Frame(code, reason)) => {
            let read = CloseReason::from_frame(code, &reason);
            assert_eq!((read.code(), read.as_str()), (code, reason.as_str()), "{read:?}");
            read
        }
        other => panic!("expected a close frame, got {other:?}"),
    }
}

#[tokio::test]
async fn the_bridge_speaks_the_protocol_crate() {
    let sim = Process::simulator();
    let refused_port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let (allow_sim, allow_refused) = (sim.addr.to_string(), format!("127.0.0.1:{refused_port}"));
    let bridge = Process::bridge(&["--allow", &allow_sim, "--allow", &allow_refused]);

    let (text, mut conn) = ask(&bridge, Request::new("127.0.0.1", sim.addr.port(), Tls::None).to_json()).await;
    assert_eq!(text, format!(r#"{{"ok":true,"address":"{allow_sim}"}}"#));
    let status = Status::parse(&text).unwrap();
    assert_eq!(status, Status::Connected(Connected { address: sim.addr, tls_version: None }));
    assert_eq!(status.to_json(), text);
    let mut greeting = Vec::new();
    assert_eq!(conn.read_until(&mut greeting, |o| o.ends_with(b"\r\n")).await, None);
    conn.send(b"QUIT\r\n").await;
    assert_eq!(close_reason(&mut conn).await, CloseReason::ServerClosed);

    let refusals = [
        (Request::new("192.0.2.1", 110, Tls::Implicit).to_json(), FailureKind::NotAllowed),
        (Request::new("127.0.0.1", refused_port, Tls::None).to_json(), FailureKind::Refused),
        ("telnet pop.example.com 110".to_owned(), FailureKind::BadRequest),
        (r#"{"host":"127.0.0.1","port":110,"tls":"ssl"}"#.to_owned(), FailureKind::BadRequest),
    ];
    for (first, kind) in refusals {
        let (text, mut conn) = ask(&bridge, first.clone()).await;
        let status = Status::parse(&text).unwrap_or_else(|e| panic!("{first}: {text}: {e}"));
        assert_eq!(status.to_json(), text, "{first}");
        let Status::Failed(failure) = status else { panic!("{first}: {text}") };
        assert_eq!(failure.kind, kind, "{first}: {text}");
        assert!(text.starts_with(&format!(r#"{{"ok":false,"error":"{}","detail":""#, kind.as_str())), "{text}");
        assert_eq!(close_reason(&mut conn).await, CloseReason::Refused(kind), "{first}");
    }
}
