//! A lesson text as the panel shows it: paragraphs (split at blank lines) of plain runs and `` `commands` ``,
//! which become chips that put the command into the command line; and which line of a step's solution
//! "Show solution" types.

use super::observation::Endpoint;

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

/// The line "Show solution" types: the solution's first line not done already, judged from where the console is
/// (`at`, and whether it is logged in there). A connect line (`telnet`, `openssl s_client`) is skipped while
/// connected to the same program, host and port; connected elsewhere, the next line is `QUIT`, to leave first; a
/// login line (`USER`, `PASS`, `APOP`, `AUTH`) is skipped while logged in. `None` only for an empty solution;
/// when every line is skipped it is the first line.
pub fn solution_line<'a>(solution: &'a [String], at: Option<&Endpoint>, logged_in: bool) -> Option<&'a str> {
    for line in solution {
        if let Some(target) = Endpoint::of_line(line) {
            match at {
                Some(here) if *here == target => continue,
                Some(_) => return Some("QUIT"),
                None => return Some(line),
            }
        }
        let verb = line.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
        if logged_in && at.is_some() && matches!(verb.as_str(), "user" | "pass" | "apop" | "auth") {
            continue;
        }
        return Some(line);
    }
    solution.first().map(String::as_str)
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
    fn the_solution_line_skips_what_is_done_where_the_console_is() {
        let lines = |l: &[&str]| l.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        let s = lines(&["telnet pop.outlook.pl 110", "USER a", "PASS b", "DELE 1"]);
        let telnet_110 = Endpoint::of_line("telnet POP.outlook.pl. pop3").unwrap();
        let telnet_995 = Endpoint::of_line("telnet pop.outlook.pl 995").unwrap();
        let sclient = Endpoint::of_line("openssl s_client -connect pop.outlook.pl:110 -starttls pop3").unwrap();
        assert_eq!(solution_line(&s, None, false), Some("telnet pop.outlook.pl 110"));
        assert_eq!(solution_line(&s, Some(&telnet_110), false), Some("USER a"));
        assert_eq!(solution_line(&s, Some(&telnet_110), true), Some("DELE 1"));
        // Connected elsewhere (another port, another program): leave first.
        assert_eq!(solution_line(&s, Some(&telnet_995), true), Some("QUIT"));
        assert_eq!(solution_line(&s, Some(&sclient), true), Some("QUIT"));
        // Lines before a reconnection are for the connection that is open.
        let renumber = lines(&["DELE 1", "QUIT", "telnet pop.outlook.pl 110", "USER a", "PASS b", "UIDL"]);
        assert_eq!(solution_line(&renumber, Some(&telnet_110), true), Some("DELE 1"));
        let only = lines(&["telnet h 110"]);
        assert_eq!(solution_line(&only, Endpoint::of_line("telnet h 110").as_ref(), false), Some("telnet h 110"));
        assert_eq!(solution_line(&[], None, false), None);
        assert_eq!(Endpoint::of_line("STAT"), None);
        assert_eq!(Endpoint::of_line("telnet"), None);
    }
}
