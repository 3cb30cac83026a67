//! # pop3-sim: a sans-IO POP3 server simulator
//!
//! The simulated server behind pop3-tutor. It answers byte for byte like the real servers its
//! [profiles](profile) describe (Dovecot 2.3 and Courier 1.0 are checked against recorded transcripts), and
//! explains every reply as data for the tutor's UI.
//!
//! It does no I/O, reads no clock and draws no random numbers of its own: the browser console, the TCP server
//! (`pop3-tutor-server`), the tests and the fuzzer all drive the same [`Session`] by pushing bytes in and
//! pulling [`Event`]s out, passing time and seeds as arguments.
//!
//! ```
//! use pop3_sim::{scenario, Event, Server, SessionConfig};
//!
//! let mut server = Server::new(&scenario::builtin("seed").unwrap()).unwrap();
//! let mut session = server.connect(SessionConfig::default());
//! let mut wire = Vec::new();
//! // One line at a time, as a person types: Courier loses commands pipelined behind a login.
//! for line in ["USER tester@outlook.pl\r\n", "PASS moje_hasło\r\n", "STAT\r\n"] {
//!     session.receive(line.as_bytes(), 0, &mut server);
//!     while let Some(event) = session.poll_event() {
//!         if let Event::Reply(reply) = event {
//!             wire.extend_from_slice(&reply.bytes);
//!         }
//!     }
//! }
//! assert_eq!(wire, b"+OK Hello there.\r\n+OK Password required.\r\n+OK logged in.\r\n+OK 2 53235\r\n");
//! ```
//!
//! ## Where things live
//!
//! | module | layer | what |
//! | --- | --- | --- |
//! | [`line`](mod@line) | framing | cutting bytes into lines, line-length limits, CRLF vs bare LF |
//! | [`command`] | syntax | verbs and how each dialect splits a line |
//! | [`number`] | syntax | message numbers: strict (Dovecot) or `atoi` (Courier) |
//! | [`session`] | meaning | the state machine; `session/authorization.rs`, `session/sasl.rs`, `session/transaction.rs` hold each command's behaviour |
//! | [`profile`] | data | greeting, reply texts, limits, timing of each server personality |
//! | [`maildrop`], [`server`] | model | messages, mailboxes, locks; the server shared by sessions |
//! | [`scenario`] | data | the scenario file format and the built-in scenarios |
//! | [`explain`] | data | what each reply means: RFC section, decoded values, cause, next step |
//! | [`wire`] | encoding | CRLF, dot-stuffing, multi-line termination |
//! | [`client`] | the other side | reading a real server's replies (the tutor's real-server mode) |
//!
//! The session state diagram is in [`session`]'s documentation.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod civil;
pub mod client;
pub mod command;
pub mod explain;
pub mod line;
pub mod maildrop;
pub mod number;
pub mod profile;
pub mod scenario;
pub mod secret;
pub mod server;
pub mod session;
pub mod wire;

pub use command::Verb;
pub use explain::{Cause, Explanation, Meaning, NextStep, Rfc, Status};
pub use line::LineEnding;
pub use maildrop::Listing;
pub use profile::Profile;
pub use scenario::{Scenario, ScenarioError};
pub use secret::Secret;
pub use server::Server;
pub use session::{ArmedTimer, Event, Session, SessionConfig, SessionState, Timer};
pub use wire::Reply;
