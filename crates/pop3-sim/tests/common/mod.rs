//! An in-process client for tests: sends lines to a simulated server and collects the replies.

#![allow(dead_code)]

use pop3_sim::{scenario, Event, Reply, Scenario, Server, Session, SessionConfig};

pub struct Client {
    pub server: Server,
    pub session: Session,
    pub pauses: Vec<u64>,
    pub closed: Option<bool>,
    pub greeting: Reply,
    pub now_ms: u64,
}

impl Client {
    pub fn new(scenario_id: &str) -> Client {
        Client::with_scenario(&scenario::builtin(scenario_id).expect("built-in scenario"))
    }

    pub fn with_scenario(scenario: &Scenario) -> Client {
        let mut server = Server::new(scenario).expect("valid scenario");
        let session = server.connect(SessionConfig::default());
        Client::attach(server, session)
    }

    /// A client for an existing server's new session.
    pub fn attach(server: Server, session: Session) -> Client {
        let mut c = Client {
            server,
            session,
            pauses: vec![],
            closed: None,
            greeting: Reply { bytes: vec![], explanation: dummy() },
            now_ms: 0,
        };
        let replies = c.drain();
        c.greeting = replies.into_iter().next().expect("greeting");
        c
    }

    /// A second connection to the same server (for locking and concurrency tests).
    pub fn connect_again(&mut self) -> Session {
        self.server.connect(SessionConfig { seed: 99, ..SessionConfig::default() })
    }

    pub fn drain(&mut self) -> Vec<Reply> {
        let mut out = vec![];
        while let Some(e) = self.session.poll_event() {
            match e {
                Event::Reply(r) => out.push(r),
                Event::Pause { millis } => self.pauses.push(millis),
                Event::Close { reset } => self.closed = Some(reset),
                Event::StartTls => {}
            }
        }
        out
    }

    /// Sends raw bytes (all of them, polling as the session asks) and returns the replies.
    pub fn send_bytes(&mut self, bytes: &[u8]) -> Vec<Reply> {
        let mut out = vec![];
        let mut rest = bytes;
        loop {
            let used = self.session.receive(rest, self.now_ms, &mut self.server);
            rest = &rest[used..];
            out.extend(self.drain());
            if rest.is_empty() {
                return out;
            }
        }
    }

    /// Sends one line with CRLF.
    pub fn send(&mut self, line: &str) -> Vec<Reply> {
        self.send_bytes(format!("{line}\r\n").as_bytes())
    }

    /// The first line of the (single) reply to a command.
    pub fn first(&mut self, line: &str) -> String {
        let replies = self.send(line);
        assert_eq!(replies.len(), 1, "{line:?} gave {} replies", replies.len());
        String::from_utf8_lossy(replies[0].first_line()).into_owned()
    }

    /// The kind of meaning of the (single) reply to a command, as the JSON tag names it.
    pub fn meaning(&mut self, line: &str) -> (String, String) {
        let replies = self.send(line);
        assert_eq!(replies.len(), 1, "{line:?}");
        let kind = serde_json::to_value(&replies[0].explanation.meaning).unwrap()["kind"].as_str().unwrap().to_string();
        (String::from_utf8_lossy(replies[0].first_line()).into_owned(), kind)
    }

    pub fn login(&mut self, user: &str, password: &str) {
        self.send(&format!("USER {user}"));
        let r = self.send(&format!("PASS {password}"));
        assert!(
            r.last().unwrap().first_line().starts_with(b"+OK"),
            "login failed: {:?}",
            String::from_utf8_lossy(&r[0].bytes)
        );
    }

    /// All bytes of all replies to a command.
    pub fn wire(&mut self, line: &str) -> Vec<u8> {
        self.send(line).into_iter().flat_map(|r| r.bytes).collect()
    }
}

fn dummy() -> pop3_sim::Explanation {
    pop3_sim::Explanation {
        command: None,
        state: pop3_sim::SessionState::Authorization,
        status: pop3_sim::Status::Ok,
        code: None,
        meaning: pop3_sim::Meaning::Noop,
        ending: None,
        truncated: false,
    }
}
