//! The console's logic, free of any UI and of any I/O: plain Rust, tested natively with
//! `cargo test -p pop3-tutor`. The page drives a [`Shell`] with lines, the time and (in real-server mode) the
//! bridge's answers, and renders its [`ShellView`].
//!
//! One job per module:
//! - [`shell`]: the [`Shell`] itself, what it holds, and how a line at the prompt is run;
//! - [`command`]: a prompt line parsed once into a typed [`command::ShellCommand`], and what the prompt
//!   prints for a command it does not know;
//! - [`telnet`]: the telnet client: connecting, and everything it prints (in the client style's words);
//! - [`openssl`]: `openssl s_client`: its options, the simulated handshake and certificate, its texts;
//! - [`connection`]: the open connection (which program, to where), sending lines to it and ending it;
//! - [`sim`]: the simulated server's side: driving the sans-IO [`pop3_sim::Session`], its events into the log;
//! - [`remote`]: real-server mode: the same programs through the WebSocket bridge;
//! - [`wait`]: simulated pauses, connection attempts that time out, and the server's timers;
//! - [`view`]: the view model the page renders (log, inspector, state, suggestions);
//! - [`net`]: which hosts and ports reach the server; [`log`] and [`display`]: the log and how its bytes are
//!   shown; [`Note`] and [`Topic`] (below): the tutor's remarks, worded by `crate::i18n::notes`.

pub mod command;
pub mod connection;
pub mod display;
pub mod log;
pub mod net;
pub mod openssl;
pub mod remote;
pub mod shell;
pub mod sim;
pub mod telnet;
pub mod view;
pub mod wait;

pub use connection::{ConnInfo, Program};
pub use log::{Chunk, Entry, EntryKind, Log};
pub use shell::{Now, Shell};
pub use view::{MailboxView, ShellView};
pub use wait::{Wait, WaitReason};

/// Which telnet client the console imitates (its messages, its prompt).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClientStyle {
    /// Windows `cmd` and `telnet.exe`, English edition.
    WindowsEn,
    /// Windows `cmd` and `telnet.exe`, Polish edition (the help article's).
    WindowsPl,
    /// netkit telnet on Linux (macOS's BSD telnet prints the same lines).
    Unix,
}

impl ClientStyle {
    /// All styles, in the order a picker shows them.
    pub const ALL: [ClientStyle; 3] = [ClientStyle::WindowsEn, ClientStyle::WindowsPl, ClientStyle::Unix];

    /// The id saved in the settings and used as the picker's value.
    pub fn id(self) -> &'static str {
        match self {
            ClientStyle::WindowsEn => "windows_en",
            ClientStyle::WindowsPl => "windows_pl",
            ClientStyle::Unix => "unix",
        }
    }

    /// A style by [`id`](Self::id).
    pub fn from_id(id: &str) -> Option<ClientStyle> {
        ClientStyle::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The shell prompt.
    pub fn prompt(self) -> &'static str {
        match self {
            ClientStyle::WindowsEn | ClientStyle::WindowsPl => "C:\\>",
            ClientStyle::Unix => "$",
        }
    }

    /// Whether this is a Windows client.
    pub fn is_windows(self) -> bool {
        !matches!(self, ClientStyle::Unix)
    }
}

/// A remark by the tutor in the log (not part of the dialogue), rendered in the UI language when shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// How to begin: the first host of the scenario.
    Welcome {
        /// A host that reaches the server.
        host: Option<String>,
    },
    /// The `help` command's text.
    Help {
        /// The hosts that reach the server.
        hosts: Vec<String>,
    },
    /// The log was cleared.
    Cleared,
    /// `telnet` without a host.
    TelnetUsage,
    /// Input typed while a connection attempt is still under way.
    Busy,
    /// Commands sent in the same write as a successful login were lost (Courier's read-ahead).
    PipelinedLost {
        /// How many lines.
        count: usize,
    },
    /// The user changed the server profile; the connection (if any) was closed.
    ProfileChanged {
        /// The new profile's title.
        title: String,
    },
    /// Text typed into a port that expects TLS: the server gave up.
    TlsExpected,
    /// After `+OK` to STLS the server expects a TLS handshake, which telnet cannot do.
    StlsNoTls,
    /// `openssl` with arguments the console does not understand: how to call `s_client`.
    OpenSslUsage,
    /// The first note in real-server mode.
    BridgeWelcome,
    /// The link names a bridge on another origin, and the learner has not said yet whether to use it: nothing
    /// is sent (`telnet` and `openssl s_client` say so instead of connecting).
    BridgeAwaitingAnswer,
    /// The bridge refused the connection (real-server mode) for a reason that no client program reports on
    /// its own (the client's failures, such as a refused port, are shown as the program prints them).
    BridgeRefused {
        /// Why, as the bridge said it.
        kind: pop3_bridge_proto::FailureKind,
        /// More about it, in the bridge's English.
        detail: String,
    },
    /// No bridge answered (real-server mode): the page could not open the WebSocket (no network, a wrong
    /// address, nothing listening), or it closed before the bridge's first answer.
    BridgeUnreachable,
    /// The browser was offline when a connection was to be opened (real-server mode): no WebSocket was
    /// tried, since the bridge cannot be reached without the network.
    BridgeOffline,
    /// The bridge's first answer was not a status message: the address is not a pop3-tutor bridge.
    BridgeBadAnswer,
    /// The server closed the connection because one of its timers ran out.
    ServerTimeout {
        /// Which timer, as the simulator armed it.
        timer: pop3_sim::Timer,
        /// Its length, in seconds.
        seconds: u64,
    },
    /// A simulated pause was skipped.
    WaitSkipped {
        /// How long it would have lasted.
        millis: u64,
    },
}

/// What the explain pane says about a client program's message. Lessons' `client` goals name topics by
/// [`Topic::name`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Topic {
    /// The TCP connection is up.
    Connected,
    /// The host name does not resolve.
    Unresolvable {
        /// The name.
        host: String,
    },
    /// Nothing listens on the port.
    Refused {
        /// The port.
        port: String,
    },
    /// Nothing answered.
    TimedOut,
    /// The port is not a number or a service name.
    BadPort {
        /// The port as typed.
        port: String,
    },
    /// The server closed the connection.
    ClosedByServer,
    /// The connection was accepted and closed before any greeting: not the POP3 server's doing.
    Intercepted,
    /// A TLS handshake's result (`openssl s_client`): OpenSSL's verify `code` (0: fine) for a certificate
    /// issued to `name`.
    Certificate {
        /// OpenSSL's verify return code.
        code: u32,
        /// The certificate's subject name.
        name: String,
    },
    /// TLS was expected and the server answered in plain text (`wrong version number`).
    NotTls,
    /// The user closed the connection (Ctrl+]).
    ClosedByClient,
    /// A command the shell does not know.
    UnknownShellCommand,
}

impl Topic {
    /// Every topic's [`name`](Topic::name).
    pub const NAMES: [&'static str; 11] = [
        "connected",
        "unresolvable",
        "refused",
        "timed_out",
        "bad_port",
        "closed_by_server",
        "intercepted",
        "certificate",
        "not_tls",
        "closed_by_client",
        "unknown_shell_command",
    ];

    /// The topic's name in lesson files (`timed_out`; `docs/lesson-format.md`).
    pub fn name(&self) -> &'static str {
        match self {
            Topic::Connected => "connected",
            Topic::Unresolvable { .. } => "unresolvable",
            Topic::Refused { .. } => "refused",
            Topic::TimedOut => "timed_out",
            Topic::BadPort { .. } => "bad_port",
            Topic::ClosedByServer => "closed_by_server",
            Topic::Intercepted => "intercepted",
            Topic::Certificate { .. } => "certificate",
            Topic::NotTls => "not_tls",
            Topic::ClosedByClient => "closed_by_client",
            Topic::UnknownShellCommand => "unknown_shell_command",
        }
    }
}
#[cfg(test)]
mod tests;
