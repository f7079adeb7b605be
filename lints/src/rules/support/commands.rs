//! Walking the commands of RUN instructions, and small questions several
//! RUN rules ask about them.

use crate::dockerfile::model::{RunScript, ScriptPiece};
use crate::dockerfile::shell::{Command, Word};
use crate::rules::DockerfileContext;
use crate::text::TextRange;

/// One command of one RUN, with what is needed to map its ranges back.
pub struct RunCommand<'m, 'a> {
    pub run: &'m RunScript<'a>,
    pub piece: &'m ScriptPiece<'a>,
    pub command: &'m Command,
}

impl RunCommand<'_, '_> {
    /// The Dockerfile range of a range inside this command's piece.
    pub fn source(&self, range: TextRange) -> TextRange {
        self.piece.to_source(range)
    }

    /// The Dockerfile range of a word of this command.
    pub fn word_range(&self, word: &Word) -> TextRange {
        self.piece.to_source(word.range)
    }

    /// The Dockerfile range of the program name (after wrappers), or of the
    /// whole command when it has none.
    pub fn name_range(&self) -> TextRange {
        self.piece.to_source(
            self.command
                .name_word()
                .map_or(self.command.range, |w| w.range),
        )
    }
}

/// Every command of every RUN in file order; ONBUILD RUNs only when
/// `onbuild` is set (the rule's `onbuild` metadata).
pub fn run_commands<'m, 'a>(
    ctx: &'m DockerfileContext<'a>,
    onbuild: bool,
) -> impl Iterator<Item = RunCommand<'m, 'a>> + 'm {
    ctx.model
        .runs
        .iter()
        .filter(move |run| onbuild || !run.onbuild)
        .flat_map(|run| {
            run.commands().map(move |(piece, command)| RunCommand {
                run,
                piece,
                command,
            })
        })
}

/// Whether `word`'s literal value is exactly one of `names`.
pub fn word_is(word: &Word, names: &[&str]) -> bool {
    word.literal().is_some_and(|v| names.contains(&v))
}

/// POSIX-style shells that run a script from stdin or `-c`.
pub const SHELLS: &[&str] = &["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"];

/// Whether `cmd` is `curl` or `wget` writing the download to stdout
/// (`curl URL`, `wget -O- URL`), where a pipe or `$( … )` can pick it up.
pub fn downloads_to_stdout(cmd: &Command) -> bool {
    if cmd.is("curl") {
        let args = cmd.args();
        let to_file = args
            .find(Some('o'), Some("output"))
            .any(|f| f.value != Some("-"));
        return !to_file
            && !args.has(Some('O'), Some("remote-name"))
            && !args.has(None, Some("remote-name-all"));
    }
    if cmd.is("wget") {
        let args = cmd.args();
        return args.value(Some('O'), Some("output-document")) == Some("-");
    }
    false
}

/// A configuration value that turns a check off: `false`, `0`, `no`, `off`.
pub fn is_off(value: &str) -> bool {
    let v = value.trim().trim_matches(|c| c == '"' || c == '\'');
    ["false", "0", "no", "off"]
        .iter()
        .any(|off| v.eq_ignore_ascii_case(off))
}
