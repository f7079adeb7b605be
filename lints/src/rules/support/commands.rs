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
