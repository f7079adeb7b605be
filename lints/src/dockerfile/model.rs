//! The semantic model of a Dockerfile: build stages, their base images with
//! variables resolved, and which stages are final or reused. Built once per
//! file; every rule reads it instead of walking instructions itself.

use super::shell;
use super::source_map::ShellText;
use super::syntax::{Command, Dockerfile, From, Heredoc, Instruction, InstructionKind, Word};
use crate::text::TextRange;

/// A parsed Dockerfile and what it means.
pub struct Model<'a> {
    pub syntax: &'a Dockerfile,
    pub source: &'a str,
    pub stages: Vec<Stage<'a>>,
    /// Instructions before the first FROM (global ARGs, or misplaced ones).
    pub preamble: &'a [Instruction],
    /// The shell scripts of every RUN (ONBUILD ones included), in file order.
    pub runs: Vec<RunScript<'a>>,
}

/// What runs a RUN's shell-form text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShellKind {
    /// `sh`, `bash`, `dash`, `ash`, `zsh`, `ksh`, `busybox sh`: POSIX shell rules apply.
    Posix,
    PowerShell,
    Cmd,
    /// Another interpreter (a heredoc for `python3`, a SHELL of something else).
    Other(String),
}

impl ShellKind {
    pub fn from_program(program: &str) -> ShellKind {
        let base = program
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(program)
            .to_ascii_lowercase();
        let base = base.strip_suffix(".exe").unwrap_or(&base);
        match base {
            "sh" | "bash" | "dash" | "ash" | "zsh" | "ksh" | "mksh" | "busybox" => ShellKind::Posix,
            "powershell" | "pwsh" => ShellKind::PowerShell,
            "cmd" => ShellKind::Cmd,
            other => ShellKind::Other(other.to_string()),
        }
    }

    pub fn is_posix(&self) -> bool {
        *self == ShellKind::Posix
    }
}

/// One RUN instruction's shell code: the shell-form command line and any
/// heredoc bodies a POSIX shell runs, each parsed into commands.
pub struct RunScript<'a> {
    /// The RUN itself (the inner instruction for `ONBUILD RUN`).
    pub instruction: &'a Instruction,
    /// Whether it sits inside ONBUILD.
    pub onbuild: bool,
    /// The stage it belongs to (`None` before the first FROM).
    pub stage: Option<usize>,
    /// The shell in effect for it (SHELL instruction, Windows default, pragma).
    pub shell: ShellKind,
    /// The arguments of the SHELL in effect (e.g. `["/bin/bash", "-o", "pipefail", "-c"]`);
    /// empty for the default `/bin/sh -c`.
    pub shell_args: Vec<String>,
    /// Shell code pieces; empty for the exec form or a non-POSIX shell.
    pub pieces: Vec<ScriptPiece<'a>>,
}

/// A piece of shell code and how its ranges map back to the Dockerfile.
pub struct ScriptPiece<'a> {
    pub script: shell::Script,
    pub text: &'a str,
    origin: PieceOrigin<'a>,
}

enum PieceOrigin<'a> {
    Line(&'a ShellText),
    Heredoc(&'a Heredoc),
}

impl ScriptPiece<'_> {
    /// The Dockerfile range of a range within this piece's text.
    pub fn to_source(&self, range: TextRange) -> TextRange {
        match self.origin {
            PieceOrigin::Line(text) => text.to_source(range.as_usize()),
            PieceOrigin::Heredoc(h) => range.offset_by(h.body_range.start),
        }
    }

    /// Whether the piece is a heredoc body (rather than the RUN's command line).
    pub fn is_heredoc(&self) -> bool {
        matches!(self.origin, PieceOrigin::Heredoc(_))
    }
}

impl<'a> RunScript<'a> {
    /// Every command of every piece, with the piece that maps its ranges.
    pub fn commands(&self) -> impl Iterator<Item = (&ScriptPiece<'a>, &shell::Command)> {
        self.pieces
            .iter()
            .flat_map(|p| p.script.commands.iter().map(move |c| (p, c)))
    }

    /// Commands invoking `name` (after wrappers such as `sudo` and `env`).
    pub fn invocations<'s>(
        &'s self,
        name: &'s str,
    ) -> impl Iterator<Item = (&'s ScriptPiece<'a>, &'s shell::Command)> {
        self.commands().filter(move |(_, c)| c.is(name))
    }

    /// Whether any command satisfies `pred`.
    pub fn any(&self, mut pred: impl FnMut(&shell::Command) -> bool) -> bool {
        self.commands().any(|(_, c)| pred(c))
    }

    /// The mounts of `RUN --mount=…` with their options, e.g. to exempt cache mounts.
    pub fn mount_targets(&self, kind: &str) -> Vec<String> {
        self.instruction
            .flags
            .iter()
            .filter(|f| f.name == "mount")
            .filter_map(|f| {
                let options = f.mount_options();
                let ty = options
                    .iter()
                    .find(|o| o.key.value == "type")
                    .and_then(|o| o.value.as_ref())
                    .map_or("bind", |v| v.value.as_str());
                if ty != kind {
                    return None;
                }
                options
                    .iter()
                    .find(|o| matches!(o.key.value.as_str(), "target" | "dst" | "destination"))
                    .and_then(|o| o.value.as_ref())
                    .map(|v| v.value.clone())
            })
            .collect()
    }
}

/// One build stage: a FROM and the instructions up to the next FROM.
pub struct Stage<'a> {
    pub index: usize,
    pub from_instruction: &'a Instruction,
    pub from: &'a From,
    /// The stage name after `AS`, lower-cased (Docker matches names case-insensitively).
    pub name: Option<String>,
    /// Instructions after the FROM, up to the next FROM.
    pub instructions: &'a [Instruction],
    pub base: Base,
    /// The last stage: what `docker build` produces without `--target`.
    pub is_last: bool,
    /// A later stage builds `FROM` this one.
    pub used_as_base: bool,
}

/// What a stage builds on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base {
    /// `FROM scratch`.
    Scratch,
    /// An earlier stage, by index.
    Stage(usize),
    /// An image from a registry.
    Image(ResolvedImage),
    /// The reference holds a variable with no known value.
    Unresolved,
}

/// `[registry/]repository[:tag][@digest]`, after variable substitution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedImage {
    /// The whole reference as resolved.
    pub full: String,
    /// The registry host, when the first path component names one.
    pub registry: Option<String>,
    /// Repository path without registry, tag or digest (`library/` is not added).
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl ResolvedImage {
    pub fn parse(reference: &str) -> Option<ResolvedImage> {
        let reference = reference.trim();
        if reference.is_empty() || reference.contains(char::is_whitespace) {
            return None;
        }
        let (rest, digest) = match reference.split_once('@') {
            Some((r, d)) => (r, Some(d.to_string())),
            None => (reference, None),
        };
        // A tag is after the last `:` that follows the last `/` (a registry port is not a tag).
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => (
                &rest[..last_slash + i],
                Some(rest[last_slash + i + 1..].to_string()),
            ),
            None => (rest, None),
        };
        let (registry, repository) = match name.split_once('/') {
            Some((first, path))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                (Some(first.to_string()), path.to_string())
            }
            _ => (None, name.to_string()),
        };
        Some(ResolvedImage {
            full: reference.to_string(),
            registry,
            repository,
            tag,
            digest,
        })
    }

    /// The registry images come from when none is named.
    pub fn registry_or_default(&self) -> &str {
        self.registry.as_deref().unwrap_or("docker.io")
    }
}

impl<'a> Model<'a> {
    pub fn new(syntax: &'a Dockerfile, source: &'a str) -> Self {
        let all = &syntax.instructions[..];
        let from_positions: Vec<usize> = all
            .iter()
            .enumerate()
            .filter(|(_, i)| matches!(i.kind, InstructionKind::From(_)))
            .map(|(n, _)| n)
            .collect();
        let preamble = &all[..from_positions.first().copied().unwrap_or(all.len())];
        let global_args = |name: &str| -> Option<String> {
            preamble.iter().rev().find_map(|i| match &i.kind {
                InstructionKind::Arg(decls) => {
                    decls.iter().rev().find(|d| d.name.value == name).map(|d| {
                        d.default
                            .as_ref()
                            .map(|w| w.value.clone())
                            .unwrap_or_default()
                    })
                }
                _ => None,
            })
        };
        let mut stages: Vec<Stage<'a>> = Vec::with_capacity(from_positions.len());
        for (index, &at) in from_positions.iter().enumerate() {
            let end = from_positions.get(index + 1).copied().unwrap_or(all.len());
            let InstructionKind::From(from) = &all[at].kind else {
                unreachable!("filtered above")
            };
            let name = from
                .alias
                .as_ref()
                .map(|a| a.name.value.to_ascii_lowercase());
            let base = match expand(&from.image, &global_args) {
                None => Base::Unresolved,
                Some(image) if image.eq_ignore_ascii_case("scratch") => Base::Scratch,
                Some(image) => match stages
                    .iter()
                    .rev()
                    .find(|s| s.name.as_deref() == Some(image.to_ascii_lowercase().as_str()))
                {
                    Some(stage) => Base::Stage(stage.index),
                    None => ResolvedImage::parse(&image).map_or(Base::Unresolved, Base::Image),
                },
            };
            if let Base::Stage(i) = base {
                stages[i].used_as_base = true;
            }
            stages.push(Stage {
                index,
                from_instruction: &all[at],
                from,
                name,
                instructions: &all[at + 1..end],
                base,
                is_last: index + 1 == from_positions.len(),
                used_as_base: false,
            });
        }
        let runs = build_runs(syntax, source, &stages);
        Model {
            syntax,
            source,
            stages,
            preamble,
            runs,
        }
    }

    /// The parsed script of a RUN instruction.
    pub fn run(&self, instruction: &Instruction) -> Option<&RunScript<'a>> {
        self.runs.iter().find(|r| {
            std::ptr::eq(r.instruction, instruction) || r.instruction.range == instruction.range
        })
    }

    /// The stage a `--from=` value names: a stage name or index defined
    /// before stage `before` (None for images or unknown names).
    pub fn stage_ref(&self, value: &str, before: usize) -> Option<&Stage<'a>> {
        let earlier = &self.stages[..before.min(self.stages.len())];
        match value.parse::<usize>() {
            Ok(n) => earlier.get(n),
            Err(_) => {
                let lower = value.to_ascii_lowercase();
                earlier
                    .iter()
                    .rev()
                    .find(|s| s.name.as_deref() == Some(lower.as_str()))
            }
        }
    }

    /// The last stage, if the file has any FROM.
    pub fn last_stage(&self) -> Option<&Stage<'a>> {
        self.stages.last()
    }

    /// The stage containing the instruction that starts at `range.start`.
    pub fn stage_at(&self, offset: u32) -> Option<&Stage<'a>> {
        self.stages
            .iter()
            .rev()
            .find(|s| s.from_instruction.range.start <= offset)
    }

    /// The default of a global ARG (declared before the first FROM).
    pub fn global_arg(&self, name: &str) -> Option<Option<&'a Word>> {
        self.preamble.iter().rev().find_map(|i| match &i.kind {
            InstructionKind::Arg(decls) => decls
                .iter()
                .rev()
                .find(|d| d.name.value == name)
                .map(|d| d.default.as_ref()),
            _ => None,
        })
    }
}

impl<'a> Stage<'a> {
    /// The range to report problems with the whole stage at: its FROM.
    pub fn range(&self) -> TextRange {
        self.from_instruction.range
    }

    /// Instructions of this stage with `ONBUILD` unwrapped.
    pub fn effective_instructions(&self) -> impl Iterator<Item = &'a Instruction> {
        self.instructions.iter().map(Instruction::effective)
    }
}

fn build_runs<'a>(
    syntax: &'a Dockerfile,
    source: &'a str,
    stages: &[Stage<'a>],
) -> Vec<RunScript<'a>> {
    // `# hadolint shell=powershell` sets the shell for the whole file.
    let pragma_shell = syntax.comments.iter().find_map(|c| {
        let rest = c.text.strip_prefix("hadolint")?.trim_start();
        rest.strip_prefix("shell=")
            .map(|s| ShellKind::from_program(s.trim()))
    });
    let mut runs = Vec::new();
    // Per stage: the SHELL in effect, inherited from a base stage.
    let mut stage_shells: Vec<(ShellKind, Vec<String>)> = Vec::with_capacity(stages.len());
    let mut current: (ShellKind, Vec<String>) = (ShellKind::Posix, Vec::new());
    let mut stage_index: Option<usize> = None;
    for instruction in &syntax.instructions {
        if let InstructionKind::From(_) = instruction.kind {
            let i = stage_index.map_or(0, |i| i + 1);
            stage_index = Some(i);
            // Remember the finished stage's shell for stages built on it.
            if i > 0 && stage_shells.len() == i - 1 {
                stage_shells.push(current.clone());
            }
            current = match stages.get(i).map(|s| &s.base) {
                Some(Base::Stage(b)) => stage_shells
                    .get(*b)
                    .cloned()
                    .unwrap_or((ShellKind::Posix, Vec::new())),
                Some(Base::Image(image)) if is_windows_image(image) => (ShellKind::Cmd, Vec::new()),
                _ => (ShellKind::Posix, Vec::new()),
            };
            continue;
        }
        let (effective, onbuild) = match &instruction.kind {
            InstructionKind::Onbuild(_) => (instruction.effective(), true),
            _ => (instruction, false),
        };
        match &effective.kind {
            InstructionKind::Shell(exec) if !onbuild => {
                let args: Vec<String> = exec.args.iter().map(|w| w.value.clone()).collect();
                let kind = args
                    .first()
                    .map_or(ShellKind::Posix, |p| ShellKind::from_program(p));
                current = (kind, args);
            }
            InstructionKind::Run(command) => {
                let shell = pragma_shell.clone().unwrap_or_else(|| current.0.clone());
                let pieces = if shell.is_posix() {
                    pieces(effective, command, source)
                } else {
                    Vec::new()
                };
                runs.push(RunScript {
                    instruction: effective,
                    onbuild,
                    stage: stage_index,
                    shell,
                    shell_args: current.1.clone(),
                    pieces,
                });
            }
            _ => {}
        }
    }
    runs
}

fn is_windows_image(image: &ResolvedImage) -> bool {
    let text = image.full.to_ascii_lowercase();
    ["servercore", "nanoserver", "windows"]
        .iter()
        .any(|w| text.contains(w))
}

/// The shell pieces of a RUN: its command line, and heredoc bodies that a
/// POSIX shell runs (the RUN is just the heredoc, or feeds it to `sh`/`bash`).
fn pieces<'a>(
    instruction: &'a Instruction,
    command: &'a Command,
    _source: &'a str,
) -> Vec<ScriptPiece<'a>> {
    let Command::Shell(line) = command else {
        return Vec::new();
    };
    let script = shell::parse(line.as_str());
    let mut out = Vec::new();
    for heredoc in &instruction.heredocs {
        // Which command reads this heredoc: the one whose words include the opener.
        let opener = heredoc.opener_range;
        let reader = script.commands.iter().find(|c| {
            let range = line.to_source(c.range.as_usize());
            range.start <= opener.start && opener.end <= range.end
        });
        let runs_as_shell = match reader.and_then(|c| c.name()) {
            // `RUN <<EOF` alone: the body is the script of the default shell.
            None => true,
            Some(name) => ShellKind::from_program(name).is_posix(),
        };
        let shebang_ok = match heredoc.body.strip_prefix("#!") {
            Some(rest) => {
                let program = rest.split_whitespace().collect::<Vec<_>>();
                let program = match program.as_slice() {
                    [env, prog, ..] if env.ends_with("/env") => *prog,
                    [prog, ..] => *prog,
                    [] => "sh",
                };
                ShellKind::from_program(program).is_posix()
            }
            None => true,
        };
        if runs_as_shell && shebang_ok {
            out.push(ScriptPiece {
                script: shell::parse(&heredoc.body),
                text: &heredoc.body,
                origin: PieceOrigin::Heredoc(heredoc),
            });
        }
    }
    out.insert(
        0,
        ScriptPiece {
            script,
            text: line.as_str(),
            origin: PieceOrigin::Line(line),
        },
    );
    out
}

/// Expands `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
/// `${VAR:+alt}` and `${VAR+alt}` in a word's value using `lookup`; `None`
/// when a variable has no known value and no default.
pub fn expand(word: &Word, lookup: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    if word.vars.is_empty() {
        return Some(word.value.clone());
    }
    expand_str(&word.value, lookup, 0)
}

fn expand_str(text: &str, lookup: &dyn Fn(&str) -> Option<String>, depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(body) = after.strip_prefix('{') {
            let close = matching_brace(body)?;
            let inner = &body[..close];
            let name_len = inner
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(inner.len());
            let (name, op) = inner.split_at(name_len);
            let value = lookup(name);
            let set_nonempty = value.as_deref().is_some_and(|v| !v.is_empty());
            let piece = if let Some(d) = op.strip_prefix(":-") {
                if set_nonempty {
                    value
                } else {
                    expand_str(d, lookup, depth + 1)
                }
            } else if let Some(d) = op.strip_prefix('-') {
                if value.is_some() {
                    value
                } else {
                    expand_str(d, lookup, depth + 1)
                }
            } else if let Some(a) = op.strip_prefix(":+") {
                if set_nonempty {
                    expand_str(a, lookup, depth + 1)
                } else {
                    Some(String::new())
                }
            } else if let Some(a) = op.strip_prefix('+') {
                if value.is_some() {
                    expand_str(a, lookup, depth + 1)
                } else {
                    Some(String::new())
                }
            } else if op.is_empty() {
                value
            } else {
                None
            };
            out.push_str(&piece?);
            rest = &body[close + 1..];
        } else {
            let name_len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if name_len == 0 {
                out.push('$');
                rest = after;
                continue;
            }
            out.push_str(&lookup(&after[..name_len])?);
            rest = &after[name_len..];
        }
    }
    out.push_str(rest);
    Some(out)
}

fn matching_brace(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_image_references() {
        let r = ResolvedImage::parse("registry.example.com:5000/team/app:1.2@sha256:abc").unwrap();
        assert_eq!(r.registry.as_deref(), Some("registry.example.com:5000"));
        assert_eq!(r.repository, "team/app");
        assert_eq!(r.tag.as_deref(), Some("1.2"));
        assert_eq!(r.digest.as_deref(), Some("sha256:abc"));
        let r = ResolvedImage::parse("python").unwrap();
        assert_eq!((r.registry, r.tag), (None, None));
        let r = ResolvedImage::parse("localhost/app").unwrap();
        assert_eq!(r.registry.as_deref(), Some("localhost"));
        let r = ResolvedImage::parse("library/nginx:1.27-alpine").unwrap();
        assert_eq!(r.repository, "library/nginx");
        assert_eq!(r.tag.as_deref(), Some("1.27-alpine"));
    }

    fn model_of(text: &str, f: impl FnOnce(&Model)) {
        let syntax = crate::dockerfile::parse(text);
        let model = Model::new(&syntax, text);
        f(&model);
    }

    #[test]
    fn run_scripts_map_commands_back_to_the_dockerfile() {
        let text = "FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\nRUN <<EOF\nset -e\nsudo ls\nEOF\nRUN python3 <<PY\nimport os\nPY\nRUN [\"sh\", \"-c\", \"x\"]\n";
        model_of(text, |m| {
            assert_eq!(m.runs.len(), 4);
            let install: Vec<_> = m.runs[0].invocations("apt-get").collect();
            assert_eq!(install.len(), 2);
            let (piece, cmd) = install[1];
            assert_eq!(
                piece.to_source(cmd.range).slice(text),
                "apt-get install -y curl"
            );
            let sudo: Vec<_> = m.runs[1]
                .commands()
                .filter(|(_, c)| c.invokes("sudo") || c.is("ls"))
                .collect();
            assert!(!sudo.is_empty());
            let (piece, cmd) = sudo[0];
            assert!(piece.is_heredoc());
            assert_eq!(piece.to_source(cmd.range).slice(text), "sudo ls");
            // A python heredoc is not shell code; only the command line is.
            assert_eq!(m.runs[2].pieces.len(), 1);
            assert!(m.runs[3].pieces.is_empty());
        });
    }

    #[test]
    fn shell_follows_shell_instructions_and_stages() {
        let text = "FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nRUN dir\nSHELL [\"powershell\", \"-Command\"]\nRUN Get-Item x\nFROM win\nRUN y\nFROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n";
        model_of(text, |m| {
            let kinds: Vec<_> = m.runs.iter().map(|r| r.shell.clone()).collect();
            assert_eq!(
                kinds,
                [
                    ShellKind::Cmd,
                    ShellKind::PowerShell,
                    ShellKind::PowerShell,
                    ShellKind::Posix
                ]
            );
            assert_eq!(m.runs[3].shell_args, ["/bin/bash", "-o", "pipefail", "-c"]);
            assert!(m.runs[0].pieces.is_empty());
        });
    }

    #[test]
    fn expands_variables_with_defaults() {
        let lookup = |n: &str| match n {
            "BASE" => Some("alpine".to_string()),
            "EMPTY" => Some(String::new()),
            _ => None,
        };
        assert_eq!(
            expand_str("${BASE}:3", &lookup, 0).as_deref(),
            Some("alpine:3")
        );
        assert_eq!(expand_str("$BASE", &lookup, 0).as_deref(), Some("alpine"));
        assert_eq!(
            expand_str("${TAG:-latest}", &lookup, 0).as_deref(),
            Some("latest")
        );
        assert_eq!(expand_str("${EMPTY:-x}", &lookup, 0).as_deref(), Some("x"));
        assert_eq!(expand_str("${EMPTY-x}", &lookup, 0).as_deref(), Some(""));
        assert_eq!(
            expand_str("${BASE:+set}", &lookup, 0).as_deref(),
            Some("set")
        );
        assert_eq!(expand_str("${NOPE}", &lookup, 0), None);
    }
}
