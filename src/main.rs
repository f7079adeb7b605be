//! The `caulk` command line: `caulk check`, `caulk rule`, `caulk rules`,
//! `caulk server`. Everything here gathers input and presents results; the
//! work is done by the `caulk-lints` library.

mod check;
mod cli;
mod config_cmd;
mod fixing;
mod rules_cmd;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let code = match cli.command {
        cli::Command::Check(args) => check::run(args),
        cli::Command::Rule(args) => rules_cmd::rule(&args),
        cli::Command::Config(args) => config_cmd::run(&args),
        cli::Command::Rules(args) => rules_cmd::rules(&args),
        cli::Command::Server => match caulk_lsp::run_stdio() {
            Ok(()) => 0,
            Err(err) => {
                eprintln!("caulk server: {err}");
                // The LSP specification asks for exit code 1 when the server
                // ends without a `shutdown` request first (and that is the only
                // way it ends with an error).
                1
            }
        },
        cli::Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cli::Cli::command(), "caulk", &mut script);
            emit(&script)
        }
    };
    ExitCode::from(code)
}

/// Writes a command's whole output to stdout. A reader that stops early
/// (`caulk rules | head`) is not an error; any other write failure is.
fn emit(bytes: &[u8]) -> u8 {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            2
        }
    }
}
