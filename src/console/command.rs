//! A line typed at the shell prompt, parsed once into a [`ShellCommand`] (the way mini-redis parses a frame
//! into a `Command` before applying it), and what the prompt itself prints for a command it does not know.
//! Running a command is the [`super::Shell`]'s job; what each program then prints lives with the program
//! ([`super::telnet`], [`super::openssl`]).

use super::openssl::Options;
use super::ClientStyle;

/// A command the prompt understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShellCommand {
    /// An empty line: the prompt comes back.
    Empty,
    /// `help`, `?`, `pomoc`: the tutor's help note.
    Help,
    /// `cls`, `clear`: empties the log.
    Clear,
    /// `telnet HOST [PORT]` (`telnet.exe` too); words after the port are ignored, as telnet ignores them.
    Telnet {
        /// The host as typed.
        host: String,
        /// The port as typed (a number or a service name); without one telnet uses its own port, 23.
        port: Option<String>,
    },
    /// `openssl s_client …` (`openssl.exe` too).
    SClient(Options),
    /// Any other first word, as typed.
    Unknown(String),
}

/// A known command given arguments it cannot work with: the tutor answers with a usage note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UsageError {
    /// `telnet` without a host.
    Telnet,
    /// `openssl` without `s_client -connect HOST:PORT`.
    OpenSsl,
}

impl ShellCommand {
    /// Reads a prompt line: the first word names the command (in any case), whitespace separates words.
    pub fn parse(line: &str) -> Result<ShellCommand, UsageError> {
        let mut words = line.split_whitespace();
        let Some(word) = words.next() else { return Ok(ShellCommand::Empty) };
        match word.to_ascii_lowercase().as_str() {
            "help" | "?" | "pomoc" => Ok(ShellCommand::Help),
            "clear" | "cls" => Ok(ShellCommand::Clear),
            "telnet" | "telnet.exe" => {
                let host = words.next().ok_or(UsageError::Telnet)?;
                Ok(ShellCommand::Telnet { host: host.to_string(), port: words.next().map(str::to_string) })
            }
            "openssl" | "openssl.exe" => {
                let args: Vec<&str> = words.collect();
                Options::parse(&args).map(ShellCommand::SClient).ok_or(UsageError::OpenSsl)
            }
            _ => Ok(ShellCommand::Unknown(word.to_string())),
        }
    }
}

/// What the prompt prints for a command it does not know: `cmd.exe`'s message in the Windows edition's
/// language, or bash's.
pub fn not_found(style: ClientStyle, word: &str) -> String {
    match style {
        ClientStyle::Unix => format!("{word}: command not found"),
        ClientStyle::WindowsEn => {
            format!("'{word}' is not recognized as an internal or external command,\noperable program or batch file.")
        }
        ClientStyle::WindowsPl => format!(
            "'{word}' nie jest rozpoznawane jako polecenie wewnętrzne lub zewnętrzne,\nprogram wykonywalny lub plik wsadowy."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn telnet(host: &str, port: Option<&str>) -> Result<ShellCommand, UsageError> {
        Ok(ShellCommand::Telnet { host: host.into(), port: port.map(Into::into) })
    }

    #[test]
    fn lines_become_commands() {
        let table: &[(&str, Result<ShellCommand, UsageError>)] = &[
            ("", Ok(ShellCommand::Empty)),
            ("   \t ", Ok(ShellCommand::Empty)),
            ("help", Ok(ShellCommand::Help)),
            ("POMOC", Ok(ShellCommand::Help)),
            ("?", Ok(ShellCommand::Help)),
            ("CLS", Ok(ShellCommand::Clear)),
            ("clear now", Ok(ShellCommand::Clear)),
            ("telnet pop.outlook.pl 110", telnet("pop.outlook.pl", Some("110"))),
            ("Telnet.exe  pop.outlook.pl\tpop3 extra", telnet("pop.outlook.pl", Some("pop3"))),
            ("telnet pop.outlook.pl", telnet("pop.outlook.pl", None)),
            ("telnet", Err(UsageError::Telnet)),
            ("openssl", Err(UsageError::OpenSsl)),
            ("openssl version", Err(UsageError::OpenSsl)),
            ("openssl s_client -connect nocolon", Err(UsageError::OpenSsl)),
            ("ping pop.outlook.pl", Ok(ShellCommand::Unknown("ping".into()))),
            ("Ping", Ok(ShellCommand::Unknown("Ping".into()))),
        ];
        for (line, expected) in table {
            assert_eq!(&ShellCommand::parse(line), expected, "{line:?}");
        }
        let Ok(ShellCommand::SClient(o)) = ShellCommand::parse("OPENSSL s_client -connect pop.outlook.pl:995 -crlf")
        else {
            panic!("s_client not read");
        };
        assert_eq!((o.host.as_str(), o.port.as_str(), o.crlf), ("pop.outlook.pl", "995", true));
    }

    #[test]
    fn unknown_commands_in_each_prompts_words() {
        assert_eq!(not_found(ClientStyle::Unix, "ping"), "ping: command not found");
        assert!(not_found(ClientStyle::WindowsEn, "ping").starts_with("'ping' is not recognized"));
        assert!(not_found(ClientStyle::WindowsPl, "ping").starts_with("'ping' nie jest rozpoznawane"));
    }
}
