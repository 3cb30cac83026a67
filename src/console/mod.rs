//! The console's logic, free of any UI: a tiny shell with `help` and `telnet HOST PORT`, the emulated network,
//! the telnet client's own messages in the chosen client style, and the connection to the simulated server
//! (feeding the sans-IO [`pop3_sim::Session`], honouring its pauses and timeouts, turning its events into log
//! entries). Everything here is plain Rust, tested natively with `cargo test -p pop3-tutor`.

pub mod display;
pub mod log;
pub mod net;
pub mod remote;
pub mod sclient;
mod shell;

pub use log::{Chunk, Entry, EntryKind, Log};
pub use shell::{ConnInfo, MailboxView, Now, Program, Shell, ShellView, Wait, WaitReason};

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
    /// The bridge refused the connection (real-server mode): its `error` and `detail`.
    BridgeRefused {
        /// `not_allowed`, `tls_failed`, …
        error: String,
        /// More about it.
        detail: String,
    },
    /// The server closed the connection because its timer ran out.
    ServerTimeout {
        /// The timer, in seconds.
        seconds: u64,
    },
    /// A simulated pause was skipped.
    WaitSkipped {
        /// How long it would have lasted.
        millis: u64,
    },
}

/// What the explain pane says about a client program's message.
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
    /// Connected to an implicit-TLS port: the server waits for a handshake.
    TlsPort,
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
#[cfg(test)]
mod tests;
