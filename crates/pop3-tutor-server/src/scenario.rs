//! Turning `--scenario` and `--profile` into a [`Scenario`].
//!
//! `--scenario` is a built-in id first and a file path otherwise, so `seed` never needs a file; a built-in
//! id wins over a file of the same name in the working directory. Every refusal names what was wrong
//! (the core's [`pop3_sim::ScenarioError`] carries the offending field), so a typo in a scenario file is
//! reported, not a panic.

use anyhow::{anyhow, Context as _};
use pop3_sim::scenario::{self, ProfileRef};
use pop3_sim::{profile, Scenario};

/// Loads the scenario named by `spec` (built-in id or JSON file) and applies the `profile` override.
pub fn load(spec: &str, profile: Option<&str>) -> anyhow::Result<Scenario> {
    let mut scenario = match scenario::builtin(spec) {
        Some(s) => s,
        None => {
            let text = std::fs::read_to_string(spec).with_context(|| {
                format!(
                    "--scenario `{spec}` is not a built-in scenario ({}) nor a readable file",
                    scenario::BUILTIN_IDS.join(", ")
                )
            })?;
            Scenario::from_json(&text).map_err(|e| anyhow!("scenario file `{spec}`: {e}"))?
        }
    };
    if let Some(id) = profile {
        if profile::builtin(id).is_none() {
            return Err(anyhow!(
                "--profile `{id}` is not a built-in profile; use one of {}",
                profile::BUILTIN_IDS.join(", ")
            ));
        }
        scenario.profile = ProfileRef::Builtin(id.to_string());
    }
    scenario.validate().map_err(|e| anyhow!("scenario `{spec}`: {e}"))?;
    Ok(scenario)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_load_and_profiles_override() {
        for id in scenario::BUILTIN_IDS {
            load(id, None).unwrap();
        }
        let s = load("seed", Some("dovecot")).unwrap();
        assert_eq!(s.resolved_profile().unwrap().id, "dovecot");
    }

    #[test]
    fn refusals_name_the_problem() {
        let e = load("no-such-scenario", None).unwrap_err().to_string();
        assert!(e.contains("no-such-scenario") && e.contains("seed"), "{e}");
        let e = load("seed", Some("nosuch")).unwrap_err().to_string();
        assert!(e.contains("nosuch") && e.contains("dovecot"), "{e}");
        let dir = std::env::temp_dir().join(format!("pop3-tutor-server-scenario-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("bad.json");
        std::fs::write(&file, r#"{"version":2,"id":"x","title":"","profile":"courier","users":[]}"#).unwrap();
        let e = format!("{:#}", load(file.to_str().unwrap(), None).unwrap_err());
        assert!(e.contains("version"), "{e}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
