//! A lesson text as the panel shows it: paragraphs (split at blank lines) of plain runs and `` `commands` ``,
//! which become chips that put the command into the command line; and which line of a step's solution
//! "Show solution" types.

/// A run of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Plain text.
    Text(&'a str),
    /// A command written between backticks.
    Command(&'a str),
}

/// The paragraphs of `text`, each cut into runs. An unpaired backtick is plain text.
pub fn paragraphs(text: &str) -> Vec<Vec<Segment<'_>>> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(segments).collect()
}

/// One paragraph's runs.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else { break };
        if open > 0 {
            out.push(Segment::Text(&rest[..open]));
        }
        let command = &rest[open + 1..open + 1 + len];
        if command.is_empty() {
            out.push(Segment::Text("``"));
        } else {
            out.push(Segment::Command(command));
        }
        rest = &rest[open + len + 2..];
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest));
    }
    out
}

/// `text` without its backticks (a done step's short line).
pub fn plain(text: &str) -> String {
    text.replace('`', "")
}

/// The line "Show solution" types: the solution's first line that is not done already, judged from the
/// console — a `telnet`/`openssl` line is skipped while connected, a login line (`USER`, `PASS`, `APOP`,
/// `AUTH`) once logged in. `None` if every line is skipped; the panel then offers the first line.
pub fn solution_line(solution: &[String], connected: bool, logged_in: bool) -> Option<&str> {
    solution
        .iter()
        .map(String::as_str)
        .find(|line| {
            let verb = line.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
            let connects = matches!(verb.as_str(), "telnet" | "openssl");
            let logs_in = matches!(verb.as_str(), "user" | "pass" | "apop" | "auth");
            !(connected && connects || logged_in && (connects || logs_in))
        })
        .or_else(|| solution.first().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Segment::{Command, Text};

    #[test]
    fn backticks_become_commands() {
        assert_eq!(
            segments("Type `telnet pop.outlook.pl 110` and press Enter."),
            vec![Text("Type "), Command("telnet pop.outlook.pl 110"), Text(" and press Enter.")]
        );
        assert_eq!(segments("`STAT`"), vec![Command("STAT")]);
        assert_eq!(segments("a `b` c `d"), vec![Text("a "), Command("b"), Text(" c `d")]);
        assert_eq!(segments("``"), vec![Text("``")]);
        assert_eq!(segments("no code"), vec![Text("no code")]);
        assert_eq!(paragraphs("one `A`\n\n\n\ntwo").len(), 2);
        assert_eq!(plain("Type `QUIT`."), "Type QUIT.");
    }

    #[test]
    fn the_solution_line_skips_what_is_done() {
        let s: Vec<String> =
            ["telnet pop.outlook.pl 110", "USER a", "PASS b", "DELE 1"].iter().map(|l| l.to_string()).collect();
        assert_eq!(solution_line(&s, false, false), Some("telnet pop.outlook.pl 110"));
        assert_eq!(solution_line(&s, true, false), Some("USER a"));
        assert_eq!(solution_line(&s, true, true), Some("DELE 1"));
        let only: Vec<String> = vec!["telnet h 110".into()];
        assert_eq!(solution_line(&only, true, false), Some("telnet h 110"));
        assert_eq!(solution_line(&[], false, false), None);
    }
}
