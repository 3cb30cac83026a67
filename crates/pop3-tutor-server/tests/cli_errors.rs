//! Bad command lines fail cleanly: a clear message naming the problem, a non-zero exit, no panic.

mod common;

use std::process::Command;

fn run(args: &[&str]) -> (bool, String) {
    let output = Command::new(common::binary()).args(args).output().expect("running the binary");
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn unknown_scenario_and_profile_are_named() {
    let (ok, err) = run(&["pop3", "--listen", "127.0.0.1:0", "--scenario", "no-such-scenario"]);
    assert!(!ok && err.contains("no-such-scenario") && err.contains("dovecot-reference"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let (ok, err) = run(&["pop3", "--listen", "127.0.0.1:0", "--profile", "nosuch"]);
    assert!(!ok && err.contains("nosuch") && err.contains("courier, dovecot"), "{err}");
}

#[test]
fn an_invalid_scenario_file_names_the_field() {
    let mut scenario = pop3_sim::scenario::builtin("seed").unwrap();
    scenario.users.push(scenario.users[0].clone());
    let file = common::scenario_file(&scenario);
    let (ok, err) = run(&["pop3", "--listen", "127.0.0.1:0", "--scenario", file.to_str().unwrap()]);
    assert!(!ok && err.contains("users[1].name"), "{err}");

    std::fs::write(&file, "{ not json").unwrap();
    let (ok, err) = run(&["pop3", "--listen", "127.0.0.1:0", "--scenario", file.to_str().unwrap()]);
    assert!(!ok && err.contains("scenario file"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
