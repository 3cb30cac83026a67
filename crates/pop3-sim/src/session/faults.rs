//! Injected faults at the protocol stage: scripted replies from the scenario, checked before the command
//! runs, so the protocol code itself knows nothing of them.

use super::{Next, Session};
use crate::command::{Command, Strtok};
use crate::explain::Meaning;
use crate::scenario::Fault;

/// Counts the command and, if a scripted reply matches, sends it instead of running the command.
pub(super) fn scripted_reply(s: &mut Session, cmd: &Command<'_>) -> Option<Next> {
    if !s.faults.iter().any(|f| matches!(f, Fault::Reply(_))) {
        return None;
    }
    let count = match s.verb_counts.iter_mut().find(|(name, _)| *name == cmd.name) {
        Some((_, n)) => {
            *n = n.saturating_add(1);
            *n
        }
        None => {
            s.verb_counts.push((cmd.name.clone(), 1));
            1
        }
    };
    let argument = Strtok::new(cmd.args).next(b" \t\r").unwrap_or_default();
    let faults = std::sync::Arc::clone(&s.faults);
    let (index, fault) = faults.iter().enumerate().find_map(|(i, fault)| {
        let Fault::Reply(f) = fault else { return None };
        let verb = f.command.as_bytes().eq_ignore_ascii_case(&cmd.name);
        let arg = f.argument.as_ref().is_none_or(|a| a.as_bytes() == argument);
        (verb && arg && count >= f.from.unwrap_or(1)).then_some((i, f))
    })?;
    s.reply(fault.reply.clone().into_bytes(), Meaning::Scripted { fault: index });
    Some(if fault.close { Next::Close { via_update: false } } else { Next::Stay })
}
