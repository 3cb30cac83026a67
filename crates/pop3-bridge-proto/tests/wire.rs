//! The protocol's bytes, pinned: every message as the bridge and the app have always written it. These
//! strings are the contract; a change here is a protocol change both ends (and deployed bridges) must make.

use pop3_bridge_proto::{CloseReason, Connected, Failure, FailureKind, Request, Status, Tls, TlsFailureKind};

#[test]
fn requests_are_written_as_the_app_always_has() {
    let table = [
        (
            Request::new("pop.example.com", 995, Tls::Implicit),
            r#"{"host":"pop.example.com","port":995,"tls":"implicit"}"#,
        ),
        (Request::new("pop.example.com", 110, Tls::Stls), r#"{"host":"pop.example.com","port":110,"tls":"stls"}"#),
        (Request::new("a\"b", 110, Tls::None), r#"{"host":"a\"b","port":110,"tls":"none"}"#),
        (Request::new("2001:db8::7", 995, Tls::Implicit), r#"{"host":"2001:db8::7","port":995,"tls":"implicit"}"#),
        (Request::new("zażółć\\\u{7}", 1, Tls::None), r#"{"host":"zażółć\\\u0007","port":1,"tls":"none"}"#),
    ];
    for (request, json) in table {
        assert_eq!(request.to_json(), json);
        assert_eq!(Request::parse(json).unwrap(), request, "{json}");
    }
}

#[test]
fn requests_are_read_strictly() {
    let r = Request::parse(r#"{"host": "pop.example.com", "port": 995, "tls": "implicit"}"#).unwrap();
    assert_eq!(r, Request::new("pop.example.com", 995, Tls::Implicit));
    assert_eq!(Request::parse(r#"{"host": "h", "port": 110}"#).unwrap().tls, Tls::None, "tls defaults to none");
    assert_eq!(Request::parse(r#"{"tls": "stls", "port": 110, "host": "h"}"#).unwrap().tls, Tls::Stls, "any order");
    for bad in [
        r#"{"host": "h", "port": 70000}"#,
        r#"{"host": "h", "port": -1}"#,
        r#"{"host": "h", "port": "110"}"#,
        r#"{"host": "h", "port": 110, "tls": "ssl"}"#,
        r#"{"host": "h", "port": 110, "tls": "Implicit"}"#,
        r#"{"host": "h", "port": 110, "via": "x"}"#,
        r#"{"port": 110}"#,
        r#"{"host": "h"}"#,
        "USER tester",
        "",
    ] {
        assert!(Request::parse(bad).is_err(), "{bad}");
    }
}

/// Every status the bridge can send, as it sends it (`detail` texts are examples of the bridge's).
fn statuses() -> Vec<(Status, &'static str)> {
    let failed = |kind: FailureKind, detail: &str| Status::Failed(Failure::new(kind, detail));
    let tls = |kind: TlsFailureKind, detail: &str| Status::Failed(Failure::tls(kind, detail));
    vec![
        (
            Status::Connected(Connected { address: "192.0.2.7:110".parse().unwrap(), tls_version: None }),
            r#"{"ok":true,"address":"192.0.2.7:110"}"#,
        ),
        (
            Status::Connected(Connected {
                address: "192.0.2.7:995".parse().unwrap(),
                tls_version: Some("TLSv1.3".into()),
            }),
            r#"{"ok":true,"address":"192.0.2.7:995","tls_version":"TLSv1.3"}"#,
        ),
        (
            Status::Connected(Connected {
                address: "[2001:db8::7]:995".parse().unwrap(),
                tls_version: Some("TLSv1.2".into()),
            }),
            r#"{"ok":true,"address":"[2001:db8::7]:995","tls_version":"TLSv1.2"}"#,
        ),
        (
            failed(FailureKind::BadRequest, "the first message must be a text message naming the target"),
            r#"{"ok":false,"error":"bad_request","detail":"the first message must be a text message naming the target"}"#,
        ),
        (
            failed(FailureKind::Busy, "this bridge's maximum of 2 sessions per address is reached"),
            r#"{"ok":false,"error":"busy","detail":"this bridge's maximum of 2 sessions per address is reached"}"#,
        ),
        (
            failed(FailureKind::NotAllowed, "pop.example.com:110 is not on this bridge's allowlist"),
            r#"{"ok":false,"error":"not_allowed","detail":"pop.example.com:110 is not on this bridge's allowlist"}"#,
        ),
        (
            failed(FailureKind::ResolveFailed, "nonexistent.invalid has no address"),
            r#"{"ok":false,"error":"resolve_failed","detail":"nonexistent.invalid has no address"}"#,
        ),
        (
            failed(FailureKind::Refused, "127.0.0.1:9: connection refused"),
            r#"{"ok":false,"error":"refused","detail":"127.0.0.1:9: connection refused"}"#,
        ),
        (
            failed(FailureKind::TimedOut, "192.0.2.7:110: no answer within 10s"),
            r#"{"ok":false,"error":"timed_out","detail":"192.0.2.7:110: no answer within 10s"}"#,
        ),
        (
            failed(FailureKind::Unreachable, "192.0.2.7:110: Network is unreachable (os error 101)"),
            r#"{"ok":false,"error":"unreachable","detail":"192.0.2.7:110: Network is unreachable (os error 101)"}"#,
        ),
        (
            tls(TlsFailureKind::CertificateExpired, "invalid peer certificate: Expired"),
            r#"{"ok":false,"error":"tls_failed","tls_error":"certificate_expired","detail":"invalid peer certificate: Expired"}"#,
        ),
        (
            tls(TlsFailureKind::UnknownIssuer, "invalid peer certificate: UnknownIssuer"),
            r#"{"ok":false,"error":"tls_failed","tls_error":"unknown_issuer","detail":"invalid peer certificate: UnknownIssuer"}"#,
        ),
        (
            tls(TlsFailureKind::WrongName, "invalid peer certificate: NotValidForName"),
            r#"{"ok":false,"error":"tls_failed","tls_error":"wrong_name","detail":"invalid peer certificate: NotValidForName"}"#,
        ),
        (
            tls(TlsFailureKind::StlsRefused, "the server answered STLS with \"-ERR no\""),
            r#"{"ok":false,"error":"tls_failed","tls_error":"stls_refused","detail":"the server answered STLS with \"-ERR no\""}"#,
        ),
        (
            tls(TlsFailureKind::Other, "the server closed before the greeting"),
            r#"{"ok":false,"error":"tls_failed","tls_error":"other","detail":"the server closed before the greeting"}"#,
        ),
    ]
}

#[test]
fn statuses_are_written_as_the_bridge_always_has() {
    for (status, json) in statuses() {
        assert_eq!(status.to_json(), json);
        assert_eq!(serde_json::to_string(&status).unwrap(), json, "serde and to_json agree");
    }
}

#[test]
fn statuses_round_trip() {
    for (status, json) in statuses() {
        let parsed = Status::parse(json).unwrap();
        assert_eq!(parsed, status, "{json}");
        assert_eq!(parsed.to_json(), json);
        assert_eq!(parsed.is_ok(), json.starts_with(r#"{"ok":true"#));
    }
}

#[test]
fn statuses_from_a_newer_bridge_are_read() {
    // Unknown keys are kept as sent, and written back unchanged.
    let json = r#"{"ok":false,"error":"quota","detail":"x"}"#;
    let status = Status::parse(json).unwrap();
    assert_eq!(status, Status::Failed(Failure::new(FailureKind::Unknown("quota".into()), "x")));
    assert_eq!(status.to_json(), json);
    let json = r#"{"ok":false,"error":"tls_failed","tls_error":"revoked","detail":"x"}"#;
    let status = Status::parse(json).unwrap();
    assert_eq!(status, Status::Failed(Failure::tls(TlsFailureKind::Unknown("revoked".into()), "x")));
    assert_eq!(status.to_json(), json);
    // Unknown fields are ignored, in any order.
    let status = Status::parse(r#"{"server":"x","address":"192.0.2.7:110","ok":true,"alpn":null}"#).unwrap();
    assert_eq!(status, Status::Connected(Connected { address: "192.0.2.7:110".parse().unwrap(), tls_version: None }));
    // Spacing is the sender's business.
    let status = Status::parse("{ \"ok\" : false , \"error\" : \"busy\" , \"detail\" : \"full\" }\n").unwrap();
    assert_eq!(status, Status::Failed(Failure::new(FailureKind::Busy, "full")));
    // What the protocol leaves unsaid is read the plain way.
    assert_eq!(
        Status::parse(r#"{"ok":false,"error":"refused"}"#).unwrap(),
        Status::Failed(Failure::new(FailureKind::Refused, ""))
    );
    assert_eq!(
        Status::parse(r#"{"ok":false,"error":"tls_failed","detail":"x"}"#).unwrap(),
        Status::Failed(Failure::tls(TlsFailureKind::Other, "x"))
    );
}

#[test]
fn what_is_not_a_status_does_not_parse() {
    for bad in [
        "",
        "<html>",
        "+OK ready",
        "[]",
        "{}",
        r#"{"ok":"true","address":"192.0.2.7:110"}"#,
        r#"{"ok":true}"#,
        r#"{"ok":true,"address":"pop.example.com:110"}"#,
        r#"{"ok":true,"address":"192.0.2.7"}"#,
        r#"{"ok":false,"detail":"x"}"#,
        r#"{"ok":false,"error":7,"detail":"x"}"#,
        r#"{"ok":false,"error":"busy","detail":"x"} trailing"#,
    ] {
        let error = Status::parse(bad).unwrap_err();
        assert!(!error.to_string().is_empty(), "{bad}");
    }
    let error = Status::parse(r#"{"ok":true}"#).unwrap_err().to_string();
    assert!(error.contains("\"address\""), "{error}");
}

#[test]
fn close_reasons_and_codes() {
    let table = [
        (CloseReason::ServerClosed, 1000, "server_closed"),
        (CloseReason::ServerError, 1000, "server_error"),
        (CloseReason::IdleTimeout, 1008, "idle_timeout"),
        (CloseReason::LineTooLong, 1008, "line_too_long"),
        (CloseReason::SessionLimit, 1008, "session_limit"),
        (CloseReason::FrameTooLarge, 1009, "frame_too_large"),
        (CloseReason::Shutdown, 1001, "shutdown"),
        (CloseReason::Refused(FailureKind::BadRequest), 1008, "bad_request"),
        (CloseReason::Refused(FailureKind::Busy), 1013, "busy"),
        (CloseReason::Refused(FailureKind::NotAllowed), 1000, "not_allowed"),
        (CloseReason::Refused(FailureKind::ResolveFailed), 1000, "resolve_failed"),
        (CloseReason::Refused(FailureKind::Refused), 1000, "refused"),
        (CloseReason::Refused(FailureKind::TimedOut), 1000, "timed_out"),
        (CloseReason::Refused(FailureKind::Unreachable), 1000, "unreachable"),
        (CloseReason::Refused(FailureKind::TlsFailed(TlsFailureKind::Other)), 1000, "tls_failed"),
    ];
    for (reason, code, text) in table {
        assert_eq!((reason.code(), reason.as_str()), (code, text));
        assert_eq!(CloseReason::from_frame(code, text), reason);
    }
    // Every TLS kind closes with the one key.
    let expired = CloseReason::Refused(FailureKind::TlsFailed(TlsFailureKind::CertificateExpired));
    assert_eq!((expired.code(), expired.as_str()), (1000, "tls_failed"));
    assert_eq!(expired.to_string(), "tls_failed (1000)");
    // The reason decides; an unknown one keeps its code.
    assert_eq!(CloseReason::from_frame(1011, "idle_timeout"), CloseReason::IdleTimeout);
    let unknown = CloseReason::from_frame(4000, "maintenance");
    assert_eq!(unknown, CloseReason::Unknown { code: 4000, reason: "maintenance".into() });
    assert_eq!((unknown.code(), unknown.as_str()), (4000, "maintenance"));
    assert_eq!(CloseReason::from_frame(1006, ""), CloseReason::Unknown { code: 1006, reason: String::new() });
}
