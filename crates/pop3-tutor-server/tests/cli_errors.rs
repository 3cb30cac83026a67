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

#[test]
fn bad_certificate_options_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.pem");
    let missing = missing.to_str().unwrap();
    let (ok, err) = run(&["pop3", "--listen", "127.0.0.1:0", "--cert", missing, "--key", missing]);
    assert!(!ok && err.contains(&format!("--cert {missing}: cannot read the file")), "{err}");

    let junk = dir.path().join("junk.pem");
    std::fs::write(&junk, "not a certificate\n").unwrap();
    let junk = junk.to_str().unwrap();
    let (ok, err) = run(&["pop3", "--listen", "127.0.0.1:0", "--cert", junk, "--key", junk]);
    assert!(!ok && err.contains(&format!("--cert {junk}: no CERTIFICATE in the file")), "{err}");

    // A certificate fault needs the certificate the server makes.
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    let mut scenario = pop3_sim::scenario::builtin("dovecot-reference").unwrap();
    scenario.faults =
        vec![pop3_sim::scenario::Fault::Certificate { problem: pop3_sim::scenario::CertProblem::Expired }];
    let file = common::scenario_file(&scenario);
    let (cert, key, file) = (cert.to_str().unwrap(), key.to_str().unwrap(), file.to_str().unwrap());
    let (ok, err) = run(&["pop3", "--listen", "127.0.0.1:0", "--cert", cert, "--key", key, "--scenario", file]);
    assert!(!ok && err.contains("leave out --cert and --key to show it"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
