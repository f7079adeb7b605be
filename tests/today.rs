//! End-to-end: `caulk check --today`, the date date-dependent rules compare against.

use std::process::{Command, Stdio};

fn check_stdin(args: &[&str], input: &[u8]) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_caulk"))
        .env("NO_COLOR", "1")
        .arg("check")
        .args(args)
        .args(["--stdin-filename", "Dockerfile", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A usage error exits before reading standard input.
    let _ = child.stdin.take().unwrap().write_all(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn malformed_today_is_a_usage_error() {
    for bad in ["2024-02-30", "tomorrow", "2024-6-1"] {
        let (code, _, stderr) = check_stdin(&["--today", bad], b"FROM scratch\n");
        assert_eq!(code, 2, "{bad}: {stderr}");
        assert!(stderr.contains("--today"), "{stderr}");
        assert!(stderr.contains(bad), "{stderr}");
    }
    let (code, _, stderr) = check_stdin(&["--today", "2024-02-29", "-q"], b"FROM scratch\n");
    assert_ne!(code, 2, "{stderr}");
}
