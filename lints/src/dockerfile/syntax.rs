//! The Dockerfile syntax tree. Every node carries the byte range of the source
//! text it came from.

use super::source_map::{LogicalText, ShellText};
use crate::text::{Spanned, TextRange};

/// A parsed Dockerfile. Parsing never fails: problems are in `errors`.
#[derive(Clone, Debug, Default)]
pub struct Dockerfile {
    pub directives: Vec<Directive>,
    /// The escape and line-continuation character (`\`, or `` ` `` after `# escape=``).
    pub escape: char,
    pub instructions: Vec<Instruction>,
    /// Every comment line, including those inside continuations (not directives).
    pub comments: Vec<Comment>,
    pub errors: Vec<ParseError>,
}

impl Dockerfile {
    /// The directive named `name` (`syntax`, `escape` or `check`), if present.
    pub fn directive(&self, name: &str) -> Option<&Directive> {
        self.directives.iter().find(|d| d.name == name)
    }

    /// Instructions with `ONBUILD` unwrapped: `ONBUILD RUN x` yields the `RUN`.
    pub fn effective_instructions(&self) -> impl Iterator<Item = &Instruction> {
        self.instructions.iter().map(Instruction::effective)
    }
}

/// A parser directive such as `# syntax=docker/dockerfile:1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub range: TextRange,
    /// Lower-cased: `syntax`, `escape` or `check`.
    pub name: String,
    pub name_range: TextRange,
    pub value: String,
    pub value_range: TextRange,
}

/// A comment line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// From `#` to the end of the line (without the line break).
    pub range: TextRange,
    /// The text after `#`, with surrounding whitespace trimmed.
    pub text: String,
    /// The comment sits inside an instruction's line continuation.
    pub in_continuation: bool,
}

/// A syntax error; parsing went on after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub range: TextRange,
    pub message: String,
}

/// The instructions Docker knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Keyword {
    From,
    Run,
    Cmd,
    Entrypoint,
    Shell,
    Copy,
    Add,
    Env,
    Label,
    Arg,
    Expose,
    Workdir,
    User,
    Volume,
    Stopsignal,
    Healthcheck,
    Onbuild,
    Maintainer,
}

impl Keyword {
    pub const ALL: [Keyword; 18] = [
        Keyword::From,
        Keyword::Run,
        Keyword::Cmd,
        Keyword::Entrypoint,
        Keyword::Shell,
        Keyword::Copy,
        Keyword::Add,
        Keyword::Env,
        Keyword::Label,
        Keyword::Arg,
        Keyword::Expose,
        Keyword::Workdir,
        Keyword::User,
        Keyword::Volume,
        Keyword::Stopsignal,
        Keyword::Healthcheck,
        Keyword::Onbuild,
        Keyword::Maintainer,
    ];

    /// The canonical (upper-case) spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::From => "FROM",
            Keyword::Run => "RUN",
            Keyword::Cmd => "CMD",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Shell => "SHELL",
            Keyword::Copy => "COPY",
            Keyword::Add => "ADD",
            Keyword::Env => "ENV",
            Keyword::Label => "LABEL",
            Keyword::Arg => "ARG",
            Keyword::Expose => "EXPOSE",
            Keyword::Workdir => "WORKDIR",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Maintainer => "MAINTAINER",
        }
    }

    /// Case-insensitive lookup.
    pub fn from_name(name: &str) -> Option<Keyword> {
        Keyword::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(name))
    }

    /// BuildKit reads heredocs only for these.
    pub fn allows_heredocs(self) -> bool {
        matches!(self, Keyword::Run | Keyword::Copy | Keyword::Add)
    }
}

impl std::fmt::Display for Keyword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One instruction, with its continuation lines and heredoc bodies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// From the keyword to the end of the last line (heredoc terminators included).
    pub range: TextRange,
    pub keyword: Keyword,
    /// The keyword as written (`from`, `Run`), for casing checks.
    pub keyword_spelling: String,
    pub keyword_range: TextRange,
    pub flags: Vec<Flag>,
    /// Everything after the keyword (flags included), continuations removed,
    /// heredoc bodies excluded; `args.source_range()` is its source range.
    pub args: LogicalText,
    pub kind: InstructionKind,
    pub heredocs: Vec<Heredoc>,
}

impl Instruction {
    /// The instruction `ONBUILD` wraps (recursively), or this one.
    pub fn effective(&self) -> &Instruction {
        match &self.kind {
            InstructionKind::Onbuild(inner) => inner.effective(),
            _ => self,
        }
    }

    /// The first flag named `name` (without `--`).
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name == name)
    }

    /// The source range of the arguments (flags included, heredoc bodies excluded).
    pub fn args_range(&self) -> TextRange {
        self.args.source_range()
    }

    /// The arguments as written in the source, continuations included.
    pub fn args_source<'a>(&self, source: &'a str) -> &'a str {
        self.args_range().slice(source)
    }

    /// Whether the command or argument list is in JSON (exec) form, for the
    /// instructions that have one.
    pub fn is_exec_form(&self) -> bool {
        match &self.kind {
            InstructionKind::Run(c) | InstructionKind::Cmd(c) | InstructionKind::Entrypoint(c) => {
                c.is_exec()
            }
            InstructionKind::Healthcheck(Healthcheck::Cmd { command, .. }) => command.is_exec(),
            InstructionKind::Copy(c) | InstructionKind::Add(c) => c.json,
            InstructionKind::Volume(v) => v.json,
            InstructionKind::Shell(_) => true,
            _ => false,
        }
    }

    /// Whether the command is in shell form (RUN/CMD/ENTRYPOINT/HEALTHCHECK CMD).
    pub fn is_shell_form(&self) -> bool {
        self.command().is_some_and(|c| !c.is_exec())
    }

    /// The command of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD.
    pub fn command(&self) -> Option<&Command> {
        match &self.kind {
            InstructionKind::Run(c) | InstructionKind::Cmd(c) | InstructionKind::Entrypoint(c) => {
                Some(c)
            }
            InstructionKind::Healthcheck(Healthcheck::Cmd { command, .. }) => Some(command),
            _ => None,
        }
    }
}

/// What an instruction says, by keyword.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InstructionKind {
    From(From),
    Run(Command),
    Cmd(Command),
    Entrypoint(Command),
    /// The JSON array of the shell and its arguments.
    Shell(ExecForm),
    Copy(Copy),
    Add(Copy),
    Env(Vec<KeyValue>),
    Label(Vec<KeyValue>),
    Arg(Vec<ArgDecl>),
    Expose(Vec<Port>),
    Workdir(Word),
    User(User),
    Volume(Volume),
    Stopsignal(Word),
    Healthcheck(Healthcheck),
    Onbuild(Box<Instruction>),
    /// The text after `MAINTAINER`.
    Maintainer(Word),
}

/// A `--name[=value]` option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    pub range: TextRange,
    /// Without the leading `--`.
    pub name: String,
    pub name_range: TextRange,
    pub value: Option<Word>,
}

/// One `key[=value]` item of a `--mount` flag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountOption {
    pub range: TextRange,
    pub key: Spanned<String>,
    pub value: Option<Spanned<String>>,
}

impl Flag {
    /// Splits a `--mount=type=cache,target=/x` value into its options.
    pub fn mount_options(&self) -> Vec<MountOption> {
        let Some(word) = &self.value else {
            return Vec::new();
        };
        let mut options = Vec::new();
        let mut start = 0;
        for part in word.value.split(',') {
            let end = start + part.len();
            if !part.is_empty() {
                let (key, value) = match part.find('=') {
                    Some(eq) => (
                        Spanned::new(part[..eq].to_owned(), word.value_range(start..start + eq)),
                        Some(Spanned::new(
                            part[eq + 1..].to_owned(),
                            word.value_range(start + eq + 1..end),
                        )),
                    ),
                    None => (
                        Spanned::new(part.to_owned(), word.value_range(start..end)),
                        None,
                    ),
                };
                options.push(MountOption {
                    range: word.value_range(start..end),
                    key,
                    value,
                });
            }
            start = end + 1;
        }
        options
    }
}

/// An argument word: quotes, escapes and continuations removed from `value`;
/// variable references are listed in `vars` but not expanded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// The source range, quotes included.
    pub range: TextRange,
    pub value: String,
    pub vars: Vec<VarRef>,
    pub(crate) value_map: ValueMap,
}

/// Where the bytes of a word's value come from in the source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum ValueMap {
    /// Value byte `i` is source byte `start + i`.
    Contiguous(u32),
    /// The source offset of every value byte (after quote removal across pieces).
    Bytes(Box<[u32]>),
    #[default]
    Unknown,
}

impl Word {
    /// Whether the value holds a variable reference.
    pub fn has_vars(&self) -> bool {
        !self.vars.is_empty()
    }

    /// The source range of the value bytes `range` (exact through quotes,
    /// escapes and continuations).
    pub fn value_range(&self, range: std::ops::Range<usize>) -> TextRange {
        let end = range.end.min(self.value.len());
        let start = range.start.min(end);
        match &self.value_map {
            ValueMap::Contiguous(s) => TextRange::new(s + start as u32, s + end as u32),
            ValueMap::Bytes(offsets) => {
                if start == end {
                    let at = offsets.get(start).copied().unwrap_or(self.range.end);
                    TextRange::empty(at)
                } else {
                    TextRange::new(offsets[start], offsets[end - 1] + 1)
                }
            }
            ValueMap::Unknown => self.range,
        }
    }
}

/// A variable reference: `$VAR`, `${VAR}`, `${VAR:-default}`, …
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef {
    pub range: TextRange,
    pub name: String,
    pub name_range: TextRange,
    pub modifier: Option<VarModifier>,
}

/// The operator and word of `${VAR<op>word}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarModifier {
    pub operator: VarOperator,
    pub operator_range: TextRange,
    /// The word after the operator (may itself reference variables).
    pub word: Word,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarOperator {
    /// `:-` default if unset or empty
    ColonDash,
    /// `-` default if unset
    Dash,
    /// `:+` alternative if set and not empty
    ColonPlus,
    /// `+` alternative if set
    Plus,
    /// `:?` error if unset or empty
    ColonQuestion,
    /// `?` error if unset
    Question,
    /// `#` remove shortest prefix
    Hash,
    /// `##` remove longest prefix
    HashHash,
    /// `%` remove shortest suffix
    Percent,
    /// `%%` remove longest suffix
    PercentPercent,
    /// `/` replace first match
    Slash,
    /// `//` replace all matches
    SlashSlash,
}

impl VarOperator {
    pub fn as_str(self) -> &'static str {
        match self {
            VarOperator::ColonDash => ":-",
            VarOperator::Dash => "-",
            VarOperator::ColonPlus => ":+",
            VarOperator::Plus => "+",
            VarOperator::ColonQuestion => ":?",
            VarOperator::Question => "?",
            VarOperator::Hash => "#",
            VarOperator::HashHash => "##",
            VarOperator::Percent => "%",
            VarOperator::PercentPercent => "%%",
            VarOperator::Slash => "/",
            VarOperator::SlashSlash => "//",
        }
    }
}

/// `FROM [--platform=…] image [AS name]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct From {
    pub image: Word,
    pub alias: Option<StageAlias>,
}

/// The `AS name` of a FROM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageAlias {
    /// The `AS` keyword as written.
    pub as_spelling: String,
    pub as_range: TextRange,
    pub name: Word,
}

/// A RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// A valid JSON array of strings.
    Exec(ExecForm),
    /// Anything else (including invalid JSON, as Docker does).
    Shell(ShellText),
}

impl Command {
    pub fn is_exec(&self) -> bool {
        matches!(self, Command::Exec(_))
    }

    pub fn shell(&self) -> Option<&ShellText> {
        match self {
            Command::Shell(s) => Some(s),
            Command::Exec(_) => None,
        }
    }

    pub fn exec(&self) -> Option<&ExecForm> {
        match self {
            Command::Exec(e) => Some(e),
            Command::Shell(_) => None,
        }
    }
}

/// A JSON array of strings; each element's range includes its quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecForm {
    /// From `[` to `]`.
    pub range: TextRange,
    pub args: Vec<Word>,
}

/// COPY or ADD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copy {
    /// Sources; a heredoc source is a word like `<<EOF` (see [`Instruction::heredocs`]).
    pub sources: Vec<Word>,
    pub destination: Word,
    /// Written as a JSON array.
    pub json: bool,
}

/// A `key=value` item of ENV or LABEL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    pub range: TextRange,
    pub key: Word,
    pub value: Word,
    /// Written `ENV key value` (the value is the rest of the line).
    pub legacy: bool,
}

/// `ARG name[=default]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArgDecl {
    pub range: TextRange,
    pub name: Word,
    pub default: Option<Word>,
}

/// An EXPOSE item: `80`, `80/tcp`, `8000-8010`, `${PORT}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Port {
    pub word: Word,
    /// First and last port when the item is literal numbers.
    pub ports: Option<(u16, u16)>,
    pub ports_range: TextRange,
    pub protocol: Option<Spanned<String>>,
}

/// `USER user[:group]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub word: Word,
    pub user: Spanned<String>,
    pub group: Option<Spanned<String>>,
}

/// VOLUME paths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Volume {
    pub paths: Vec<Word>,
    pub json: bool,
}

/// HEALTHCHECK (its options are the instruction's flags).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Healthcheck {
    None {
        none_range: TextRange,
    },
    Cmd {
        cmd_range: TextRange,
        command: Command,
    },
}

/// A heredoc read by RUN, COPY or ADD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// From the body's first byte to the end of the terminator line.
    pub range: TextRange,
    /// The opener as written in the instruction line, e.g. `<<-"EOF"`.
    pub opener_range: TextRange,
    /// The delimiter with quotes removed.
    pub delimiter: String,
    /// The delimiter inside the opener, quotes included.
    pub delimiter_range: TextRange,
    /// `<<-`: leading tabs are stripped from body lines and the terminator.
    pub strip_tabs: bool,
    /// The delimiter was quoted or escaped: the body is not expanded.
    pub quoted: bool,
    /// A file descriptor before `<<` (`3<<EOF`).
    pub fd: Option<u32>,
    /// The body exactly as in the source (`body_range`), terminator excluded.
    pub body: String,
    pub body_range: TextRange,
    /// The closing delimiter line; `None` when the file ended first.
    pub terminator_range: Option<TextRange>,
}
