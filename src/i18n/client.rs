//! What the emulated client programs print. These follow the client style, not the UI language: a Polish
//! Windows prints Polish whatever the page's language is.
//!
//! Sources: the netkit telnet client's `commands.cc` (`Trying %s...`, `telnet: could not resolve %s/%s: %s`,
//! `telnet: Unable to connect to remote host: …` via `perror`, `Connection closed by foreign host.`) with glibc's
//! `gai_strerror` and `strerror` texts; the Windows texts as the help article quotes them (the connect failure in
//! both languages) and Windows telnet's own "Connection to host lost." (Polish: "Utracono połączenie z
//! hostem."); `cmd.exe`'s unknown-command message in both languages.

use crate::console::net::Target;
use crate::console::ClientStyle;

/// What the client prints when the TCP connection is up (`None`: Windows telnet clears the screen and prints
/// nothing).
pub fn connected(style: ClientStyle, target: &Target) -> Option<String> {
    match style {
        ClientStyle::Unix => {
            Some(format!("Trying {}...\nConnected to {}.\nEscape character is '^]'.", target.address, target.host))
        }
        ClientStyle::WindowsEn | ClientStyle::WindowsPl => None,
    }
}

/// What the client prints while an attempt is under way (before a timeout).
pub fn connect_attempt(style: ClientStyle, target: &Target) -> Option<String> {
    match style {
        ClientStyle::Unix => Some(format!("Trying {}...", target.address)),
        ClientStyle::WindowsEn | ClientStyle::WindowsPl => None,
    }
}

/// What the client prints when the connection cannot be made.
pub fn connect_failed(style: ClientStyle, target: &Target) -> String {
    use crate::console::net::Route;
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

/// What the shell prints for a command it does not know.
pub fn unknown_command(style: ClientStyle, cmd: &str) -> String {
    match style {
        ClientStyle::Unix => format!("{cmd}: command not found"),
        ClientStyle::WindowsEn => {
            format!("'{cmd}' is not recognized as an internal or external command,\noperable program or batch file.")
        }
        ClientStyle::WindowsPl => format!(
            "'{cmd}' nie jest rozpoznawane jako polecenie wewnętrzne lub zewnętrzne,\nprogram wykonywalny lub plik wsadowy."
        ),
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
