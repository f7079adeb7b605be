//! Helpers shared by the end-to-end tests of the binary.
// Each test crate includes this module and uses only part of it.
#![allow(dead_code)]

use std::process::{Command, Output};

/// The binary, with colour off whatever the environment says.
pub fn caulk() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_caulk"));
    cmd.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    cmd
}

/// Exit code, stdout and stderr. Both streams must be UTF-8 whatever the input.
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("caulk runs");
    (
        status.code().expect("exited normally, not by a signal"),
        String::from_utf8(stdout).expect("UTF-8 stdout"),
        String::from_utf8(stderr).expect("UTF-8 stderr"),
    )
}
