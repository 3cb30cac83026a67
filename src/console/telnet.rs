//! The telnet client: `telnet HOST [PORT]` run at the prompt, and everything the client prints. Its texts
//! follow the client style, not the UI language: a Polish Windows prints Polish whatever the page's language
//! is, so they live here and not in `crate::i18n`.
//!
//! Sources: the netkit telnet client's `commands.cc` (`Trying %s...`, `telnet: could not resolve %s/%s: %s`,
//! `telnet: Unable to connect to remote host: …` via `perror`, `Connection closed by foreign host.`) with glibc's
//! `gai_strerror` and `strerror` texts; the Windows texts as the help article quotes them (the connect failure in
//! both languages) and Windows telnet's own "Connection to host lost." (Polish: "Utracono połączenie z
//! hostem."); `cmd.exe`'s unknown-command message in both languages.

use super::connection::{Conn, ConnInfo, Program};
use super::log::EntryKind;
use super::net::{self, Route, Target};
use super::wait::WaitReason;
use super::{ClientStyle, Note, Now, Shell, Topic};

/// How long a connection attempt to an address that never answers lasts before the client gives up.
pub fn connect_timeout_ms(style: ClientStyle) -> u64 {
    match style {
        // Windows: two SYN retransmissions (3 s, 6 s, 12 s).
        ClientStyle::WindowsEn | ClientStyle::WindowsPl => 21_000,
        // Linux: tcp_syn_retries = 6 (1 + 2 + … + 64 s).
        ClientStyle::Unix => 127_000,
    }
}

impl Shell {
    /// `telnet HOST [PORT]` against the simulated network.
    pub(super) fn telnet(&mut self, host: &str, port: Option<&str>, now: Now) {
        let target = net::resolve(&self.scenario.hosts, &self.server, host, port);
        let print = |shell: &mut Shell, text: Option<String>, topic: Option<Topic>| {
            if let Some(text) = text {
                shell.log.push(EntryKind::Client { text, topic });
            }
        };
        match target.route {
            Route::Pop3 | Route::ImplicitTls => {
                print(self, connected(self.style, &target), Some(Topic::Connected));
                let info = ConnInfo {
                    host: target.host.clone(),
                    port: target.port.unwrap_or(110),
                    expects_tls: target.route == Route::ImplicitTls,
                    program: Program::Telnet,
                };
                if target.route == Route::ImplicitTls {
                    self.await_handshake(info);
                } else {
                    let session = self.open_session(false, now);
                    self.attach(session, info, now);
                }
            }
            Route::TimedOut => {
                print(self, connect_attempt(self.style, &target), None);
                let millis = connect_timeout_ms(self.style);
                self.start_wait(now, millis, WaitReason::Connect, Some((target, Program::Telnet)));
            }
            Route::Intercepted => {
                print(self, connected(self.style, &target), Some(Topic::Connected));
                print(self, target.banner.clone(), Some(Topic::Intercepted));
                print(self, Some(closed_by_server(self.style)), Some(Topic::Intercepted));
            }
            Route::Refused | Route::Unresolvable | Route::BadPort => self.connect_failed(&target, Program::Telnet),
        }
    }

    /// Connected to the implicit-TLS port with a client that speaks plain text: the server waits.
    pub(super) fn await_handshake(&mut self, info: ConnInfo) {
        self.connections += 1;
        self.last_user_accepted = false;
        self.conn = Some(Conn::AwaitingHandshake { info });
        self.last_state = None;
        self.log.push(EntryKind::Note(Note::TlsExpected));
    }
}

/// What the client prints when the TCP connection is up (`None`: Windows telnet clears the screen and prints
/// nothing).
pub(super) fn connected(style: ClientStyle, target: &Target) -> Option<String> {
    match style {
        ClientStyle::Unix => {
            Some(format!("Trying {}...\nConnected to {}.\nEscape character is '^]'.", target.address, target.host))
        }
        ClientStyle::WindowsEn | ClientStyle::WindowsPl => None,
    }
}

/// What the client prints while an attempt is under way (before a timeout).
fn connect_attempt(style: ClientStyle, target: &Target) -> Option<String> {
    match style {
        ClientStyle::Unix => Some(format!("Trying {}...", target.address)),
        ClientStyle::WindowsEn | ClientStyle::WindowsPl => None,
    }
}

/// What the client prints when the connection cannot be made.
pub fn connect_failed(style: ClientStyle, target: &Target) -> String {
    match style {
        ClientStyle::WindowsEn => format!(
            "Connecting To {}...Could not open connection to the host, on port {}: Connect failed",
            target.host, target.port_arg
        ),
        ClientStyle::WindowsPl => format!(
            "Łączenie z {}...Nie można nawiązać połączenia z hostem na porcie {}: Połączenie nie powiodło się",
            target.host, target.port_arg
        ),
        ClientStyle::Unix => match target.route {
            Route::Unresolvable => {
                format!("telnet: could not resolve {}/{}: Name or service not known", target.host, target.port_arg)
            }
            Route::BadPort => format!(
                "telnet: could not resolve {}/{}: Servname not supported for ai_socktype",
                target.host, target.port_arg
            ),
            Route::TimedOut => "telnet: Unable to connect to remote host: Connection timed out".to_string(),
            _ => format!("Trying {}...\ntelnet: Unable to connect to remote host: Connection refused", target.address),
        },
    }
}

/// What the client prints when the server closes the connection.
pub fn closed_by_server(style: ClientStyle) -> String {
    match style {
        ClientStyle::Unix => "Connection closed by foreign host.".into(),
        ClientStyle::WindowsEn => "\nConnection to host lost.".into(),
        ClientStyle::WindowsPl => "\nUtracono połączenie z hostem.".into(),
    }
}

/// What the client prints when the user closes the connection with the escape character.
pub fn closed_by_client(style: ClientStyle) -> String {
    match style {
        ClientStyle::Unix => "^]\ntelnet> quit\nConnection closed.".into(),
        ClientStyle::WindowsEn | ClientStyle::WindowsPl => "Microsoft Telnet> quit".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::net::resolve;

    #[test]
    fn the_articles_failure_lines() {
        let server = pop3_sim::Server::new(&pop3_sim::scenario::builtin("seed").unwrap()).unwrap();
        let t = resolve(&["pop.outlook.pl".to_string()], &server, "outlook.pl", Some("110"));
        assert_eq!(
            connect_failed(ClientStyle::WindowsEn, &t),
            "Connecting To outlook.pl...Could not open connection to the host, on port 110: Connect failed"
        );
        assert_eq!(
            connect_failed(ClientStyle::WindowsPl, &t),
            "Łączenie z outlook.pl...Nie można nawiązać połączenia z hostem na porcie 110: Połączenie nie powiodło się"
        );
        assert_eq!(
            connect_failed(ClientStyle::Unix, &t),
            "telnet: could not resolve outlook.pl/110: Name or service not known"
        );
    }
}
