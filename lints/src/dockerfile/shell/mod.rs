//! The shell inside `RUN`: a POSIX-shell tokenizer and a flat model of the
//! simple commands a script runs.
//!
//! Rules ask questions such as "does `apt-get install` get `-y`", "is `curl`'s
//! output piped into `sh`" or "is `rm -rf /var/lib/apt/lists/*` in the same
//! RUN". They need commands, arguments and flags, not a full syntax tree, so
//! [`parse`] returns every simple command of the script — wherever it sits:
//! lists, pipelines, subshells, groups, `if`/`for`/`while`/`case`, function
//! bodies and command substitutions — each with its words, redirections,
//! leading assignments and enough context (pipeline, connectors, nesting) to
//! answer those questions. The query helpers live in [`command`].
//!
//! Input is the logical text of a shell-form RUN (continuations already
//! joined by the Dockerfile parser) or a heredoc body. Every range is relative
//! to that `&str`; the Dockerfile parser maps it back through its source map.
//!
//! Parsing never fails: half-typed input (unterminated quotes, unbalanced
//! parentheses, a missing `fi`) is read as far as it sensibly goes and noted
//! in [`Script::errors`]. Nothing recurses on the input's nesting, so deeply
//! nested text cannot overflow the stack.

pub mod command;
mod lexer;
mod parser;
mod word;

#[cfg(test)]
mod tests;

pub use command::{Arg, Args, FlagSpec, specs};
pub use word::{Param, SubstKind, Substitution};

use crate::text::TextRange;

/// Parses a shell script. Never panics; problems are reported in `errors`.
pub fn parse(script: &str) -> Script {
    parser::parse(script)
}

/// The simple commands of one script, in source order.
#[derive(Clone, Debug, Default)]
pub struct Script {
    pub commands: Vec<Command>,
    pub pipelines: Vec<Pipeline>,
    /// Redirections attached to compound commands (`( … ) >log`, `done <file`).
    pub compound_redirects: Vec<Redirect>,
    pub errors: Vec<ParseError>,
}

/// A pipeline: `a | b | c`, or a single command. Compound commands (`( … )`,
/// `if … fi`) count as elements but their own commands sit in inner pipelines.
#[derive(Clone, Debug, Default)]
pub struct Pipeline {
    /// Indices into [`Script::commands`], in pipeline order.
    pub commands: Vec<usize>,
    /// Number of elements, compound ones included.
    pub len: usize,
    /// Whether it was negated with `!`.
    pub negated: bool,
}

/// A simple command: `[assignments] [words] [redirections]`.
#[derive(Clone, Debug, Default)]
pub struct Command {
    /// From the first assignment, word or redirection to the last.
    pub range: TextRange,
    /// Position of this command in [`Script::commands`].
    pub index: usize,
    /// `DEBIAN_FRONTEND=noninteractive` in `DEBIAN_FRONTEND=noninteractive apt-get …`.
    pub assignments: Vec<Assignment>,
    /// The command name and its arguments, as written (wrappers such as `sudo`
    /// included; see [`Command::name`] for the effective command).
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
    /// Index into [`Script::pipelines`].
    pub pipeline: usize,
    /// Element position within its pipeline (compound elements count).
    pub index_in_pipeline: usize,
    pub pipeline_len: usize,
    /// What joins this command to the one before it.
    pub before: Connector,
    /// What joins this command to the one after it.
    pub after: Connector,
    pub context: Context,
    /// Position of the effective command name in `words`, after wrappers.
    pub(crate) name_index: Option<usize>,
}

/// Where a command sits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// How many command substitutions (`$( … )`, backticks, `<( … )`) enclose it.
    pub substitution_depth: u32,
    pub in_subshell: bool,
    pub in_group: bool,
    /// In the condition of an `if`/`elif`/`while`/`until`.
    pub in_condition: bool,
    /// In the body of a `for`/`while`/`until` loop.
    pub in_loop: bool,
    /// In a branch of an `if` or an arm of a `case`: it may not run.
    pub in_branch: bool,
    pub in_function: bool,
}

impl Context {
    /// Whether the command runs unconditionally as part of the main script
    /// (not in a branch, loop body, condition, function or substitution).
    pub fn is_top_level(&self) -> bool {
        *self == Context::default()
    }
}

/// What separates two commands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Connector {
    /// Start of the script or of a block (`(`, `{`, `then`, `do`, a case arm).
    #[default]
    Start,
    /// End of the script or of a block.
    End,
    And,
    Or,
    Semi,
    Newline,
    /// `&`: the command before it runs in the background.
    Background,
    Pipe,
    /// `|&`: stdout and stderr piped.
    PipeAll,
    /// `;;`, `;&` or `;;&`.
    CaseBreak,
}

/// A word with quotes removed and escapes resolved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// The raw token in the script, quotes included.
    pub range: TextRange,
    /// `"a b"` → `a b`, `'x'` → `x`, `\-y` → `-y`. Expansions are kept as
    /// written: `foo=$VERSION` stays `foo=$VERSION`.
    pub value: String,
    /// Whether any part was quoted or escaped.
    pub quoted: bool,
    /// Contains `$VAR`, `${…}`, `$(…)`, `$((…))` or backticks.
    pub has_expansion: bool,
    /// Contains an unquoted `*`, `?` or `[`.
    pub has_glob: bool,
    /// Parameter expansions at the word's own level (not inside `$( … )`).
    pub params: Vec<Param>,
    /// Command substitutions at the word's own level; their commands are also
    /// in [`Script::commands`].
    pub substitutions: Vec<Substitution>,
}

impl Word {
    /// The value, if nothing in it is expanded at run time.
    pub fn literal(&self) -> Option<&str> {
        (!self.has_expansion).then_some(self.value.as_str())
    }
}

/// `NAME=value` before a command name, or alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assignment {
    pub range: TextRange,
    pub name: String,
    pub name_range: TextRange,
    /// The part after `=` (or `+=`), as a word of its own.
    pub value: Word,
    /// `NAME+=value`.
    pub append: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedirectOp {
    /// `<`
    Input,
    /// `>`
    Output,
    /// `>>`
    Append,
    /// `>|`
    Clobber,
    /// `<>`
    ReadWrite,
    /// `<&`
    DupInput,
    /// `>&` (`2>&1`)
    DupOutput,
    /// `&>`
    OutputAll,
    /// `&>>`
    AppendAll,
    /// `<<` or `<<-`
    HereDoc { strip_tabs: bool },
    /// `<<<`
    HereString,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    /// From the fd number or operator to the end of the target.
    pub range: TextRange,
    /// The explicit descriptor (`2` in `2>/dev/null`).
    pub fd: Option<u32>,
    pub op: RedirectOp,
    pub op_range: TextRange,
    /// The file, descriptor or here-document delimiter.
    pub target: Option<Word>,
    /// The here-document body (the lines between the operator's line and the
    /// delimiter line).
    pub heredoc_body: Option<TextRange>,
}

impl Redirect {
    /// Whether this sends output to `/dev/null`.
    pub fn discards_output(&self) -> bool {
        matches!(
            self.op,
            RedirectOp::Output
                | RedirectOp::Append
                | RedirectOp::OutputAll
                | RedirectOp::AppendAll
                | RedirectOp::Clobber
        ) && self.target.as_ref().is_some_and(|t| t.value == "/dev/null")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub range: TextRange,
    pub message: String,
    /// A budget ran out (nesting too deep): the text is valid as far as we
    /// know, but part of it was not analysed. The engine reports these.
    pub limit: bool,
}

impl ParseError {
    pub(crate) fn new(range: TextRange, message: impl Into<String>) -> Self {
        Self {
            range,
            message: message.into(),
            limit: false,
        }
    }

    pub(crate) fn limit(range: TextRange, message: impl Into<String>) -> Self {
        Self {
            limit: true,
            ..Self::new(range, message)
        }
    }
}
