//! Package-manager calls inside RUN: finding `apt-get install`, `apk add`,
//! `pip install`, … with their operands, and asking whether the same RUN also
//! cleans up after them.
//!
//! Everything here works on the parsed shell model, never on raw text, so
//! `echo "apt-get install x"` or `update-ca-trust` never count.

use crate::diagnostic::Edit;
use crate::dockerfile::model::{RunScript, ScriptPiece};
use crate::dockerfile::shell::command::basename;
use crate::dockerfile::shell::{Args, Command, FlagSpec, Word};
use crate::text::TextRange;

/// One call of a package manager with a subcommand (`apt-get -q install x`).
pub struct Call<'r, 'a> {
    pub piece: &'r ScriptPiece<'a>,
    pub cmd: &'r Command,
    /// The word naming the program (`python` for `python -m pip`).
    pub program: &'r Word,
    /// The arguments after the program (for `python -m pip`, after `pip`),
    /// split with the program's flag spec.
    pub args: Args<'r>,
    /// The subcommand word (`install`).
    pub sub: &'r Word,
}

impl Call<'_, '_> {
    /// The Dockerfile range of a range in the piece's text.
    pub fn map(&self, range: TextRange) -> TextRange {
        self.piece.to_source(range)
    }

    /// Operands after the subcommand: the packages of `apt-get install`.
    pub fn operands(&self) -> Vec<&Word> {
        self.args.after_subcommand()
    }

    /// Operands worth judging as package names: written out (no expansion,
    /// which may hide a version) and not empty.
    pub fn literal_operands(&self) -> Vec<&Word> {
        self.operands()
            .into_iter()
            .filter(|w| !w.has_expansion && !w.value.is_empty())
            .collect()
    }

    /// From the program word to the subcommand: `apt-get -q install`.
    pub fn head_range(&self) -> TextRange {
        self.map(self.program.range).cover(self.map(self.sub.range))
    }

    pub fn sub_range(&self) -> TextRange {
        self.map(self.sub.range)
    }

    /// An edit inserting `text` right after the subcommand word.
    pub fn insert_after_sub(&self, text: &str) -> Edit {
        Edit::insert(self.sub_range().end, text)
    }

    /// Whether `-short`/`--long` is given anywhere in the call.
    pub fn has(&self, short: Option<char>, long: Option<&str>) -> bool {
        self.args.has(short, long)
    }
}

/// Operands that name a package in their first characters: written out
/// (`curl`) or with a variable only after a literal name
/// (`client-${MAJOR}`, which names a package series but pins no version).
/// Words that start with an expansion (`$PKG`, `${deps}`, `$(cat list)`)
/// may carry a pin and are left to [`variable_packages`].
pub fn named_operands<'c>(call: &'c Call) -> impl Iterator<Item = &'c Word> {
    call.operands()
        .into_iter()
        .filter(|w| !w.value.is_empty() && !w.value.starts_with(['$', '`']))
}

/// The packages behind an operand that is exactly an unquoted `$name` or
/// `${name}`, when a plain assignment earlier in the same script gives
/// `name` a literal value (`deps='curl git' && apt-get install $deps`).
/// The shell splits the unquoted value on whitespace, so each word is a
/// package. `None` when the value is unknown: then the operand is not
/// judged at all.
pub fn variable_packages(call: &Call, word: &Word) -> Option<Vec<String>> {
    let [param] = word.params.as_slice() else {
        return None;
    };
    let name = param.name.as_str();
    if word.quoted || (word.value != format!("${name}") && word.value != format!("${{{name}}}")) {
        return None;
    }
    let assignment = call.piece.script.commands[..call.cmd.index]
        .iter()
        // Alone, or before a special builtin, an assignment stays set for
        // the rest of the script (POSIX `sh`, which RUN uses).
        .filter(|c| {
            c.words
                .first()
                .is_none_or(|w| matches!(w.literal(), Some("set" | ":" | "export" | "readonly")))
        })
        .flat_map(|c| c.assignments.iter())
        .rfind(|a| a.name == name)?;
    if assignment.append {
        return None;
    }
    let value = assignment.value.literal()?;
    Some(value.split_whitespace().map(str::to_owned).collect())
}

/// Reports every package of `call` that `is_pinned` rejects: the names
/// written out ([`named_operands`]) and the packages behind a list variable
/// set earlier in the same RUN ([`variable_packages`]).
pub fn report_unpinned(call: &Call, sink: &mut crate::rules::Sink, is_pinned: fn(&str) -> bool) {
    for word in named_operands(call) {
        if !is_pinned(&word.value) {
            sink.report(
                call.map(word.range),
                format!("pin `{0}` to a version: `{0}=<version>`", word.value),
            );
        }
    }
    for word in call.operands() {
        let Some(packages) = variable_packages(call, word) else {
            continue;
        };
        for package in packages.iter().filter(|p| !is_pinned(p)) {
            sink.report(
                call.map(word.range),
                format!(
                    "pin `{package}` (from `{}`) to a version: `{package}=<version>`",
                    word.value
                ),
            );
        }
    }
}

/// Calls of any of `programs` (looking through `sudo`/`env`) whose
/// subcommand is one of `subs` (any subcommand when `subs` is empty).
pub fn calls<'r, 'a>(
    run: &'r RunScript<'a>,
    programs: &[&str],
    subs: &[&str],
) -> Vec<Call<'r, 'a>> {
    run.commands()
        .filter(|(_, c)| c.is_any(programs))
        .filter_map(|(piece, cmd)| {
            let program = cmd.name_word()?;
            let args = cmd.args();
            let sub = args.subcommand()?;
            (subs.is_empty() || subs.contains(&sub.value.as_str())).then_some(Call {
                piece,
                cmd,
                program,
                args,
                sub,
            })
        })
        .collect()
}

/// Whether a program name is pip itself: `pip`, `pip3`, `pip3.12`.
pub fn is_pip_name(name: &str) -> bool {
    name.strip_prefix("pip")
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

fn is_python_name(name: &str) -> bool {
    name.strip_prefix("python")
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// `pip install …`, `pip3 install …` and `python3 -m pip install …` calls.
/// Wrappers around pip (`pipx`, `pipenv`) are not pip and do not count.
pub fn pip_calls<'r, 'a>(run: &'r RunScript<'a>, subs: &[&str]) -> Vec<Call<'r, 'a>> {
    let spec = FlagSpec::for_command("pip");
    run.commands()
        .filter_map(|(piece, cmd)| {
            let program = cmd.name_word()?;
            if program.has_expansion {
                return None;
            }
            let name = basename(&program.value);
            let rest: &[Word] = if is_pip_name(name) {
                cmd.arguments()
            } else if is_python_name(name) {
                python_module_args(cmd.arguments(), "pip")?
            } else {
                return None;
            };
            let args = Args::parse(rest, spec);
            let sub = args.subcommand()?;
            subs.contains(&sub.value.as_str()).then_some(Call {
                piece,
                cmd,
                program,
                args,
                sub,
            })
        })
        .collect()
}

/// The arguments after `-m <module>` in a python command line, if the
/// interpreter runs that module (`python3 -I -m pip install x`).
fn python_module_args<'w>(args: &'w [Word], module: &str) -> Option<&'w [Word]> {
    let mut i = 0;
    while let Some(w) = args.get(i) {
        if w.value == "-m" {
            let m = args.get(i + 1)?;
            return (m.value == module || (module == "pip" && is_pip_name(&m.value)))
                .then(|| &args[i + 2..]);
        }
        // Interpreter options come first; anything else is a script to run.
        if !w.value.starts_with('-') {
            return None;
        }
        i += 1;
    }
    None
}

/// Where a command sits in the RUN, for "comes after" questions.
pub fn position(run: &RunScript, piece: &ScriptPiece, cmd: &Command) -> (usize, usize) {
    let p = run
        .pieces
        .iter()
        .position(|x| std::ptr::eq(x, piece))
        .unwrap_or(0);
    (p, cmd.index)
}

/// Whether a command satisfying `pred` runs after `call` in the same RUN.
pub fn runs_after(run: &RunScript, call: &Call, mut pred: impl FnMut(&Command) -> bool) -> bool {
    let at = position(run, call.piece, call.cmd);
    run.commands()
        .any(|(piece, cmd)| position(run, piece, cmd) > at && pred(cmd))
}

/// Whether `cmd` is `<program> <sub> [<sub2>]`, e.g. `yum clean all`.
pub fn is_call(cmd: &Command, programs: &[&str], sub: &str, sub2: Option<&str>) -> bool {
    if !cmd.is_any(programs) {
        return false;
    }
    let args = cmd.args();
    let mut positionals = args.positionals();
    positionals.next().is_some_and(|w| w.value == sub)
        && sub2.is_none_or(|s| positionals.next().is_some_and(|w| w.value == s))
}

/// Whether `cmd` is an `rm` deleting a path for which `target` holds
/// (`rm -rf /var/lib/apt/lists/*`).
pub fn removes(cmd: &Command, target: impl Fn(&str) -> bool) -> bool {
    cmd.is("rm")
        && cmd
            .args_with(&FlagSpec::NONE)
            .positionals()
            .any(|w| target(&w.value))
}

/// Whether `path` is `dir` or something inside it (`dir/*`, `dir/x`).
pub fn is_under(path: &str, dir: &str) -> bool {
    let dir = dir.trim_end_matches('/');
    path.strip_prefix(dir)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Whether the RUN mounts a cache (or tmpfs, when `tmpfs` is set) on a path
/// for which `target` holds.
pub fn has_mount(run: &RunScript, tmpfs: bool, target: impl Fn(&str) -> bool) -> bool {
    let mut targets = run.mount_targets("cache");
    if tmpfs {
        targets.extend(run.mount_targets("tmpfs"));
    }
    targets.iter().any(|t| target(t.trim_end_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pip_names() {
        assert!(is_pip_name("pip"));
        assert!(is_pip_name("pip3"));
        assert!(is_pip_name("pip3.12"));
        assert!(!is_pip_name("pipx"));
        assert!(!is_pip_name("pipenv"));
        assert!(is_python_name("python3.11"));
        assert!(!is_python_name("python-config"));
    }

    #[test]
    fn under() {
        assert!(is_under("/var/lib/apt/lists/*", "/var/lib/apt/lists"));
        assert!(is_under("/var/lib/apt/lists", "/var/lib/apt/lists/"));
        assert!(!is_under("/var/lib/apt/listsx", "/var/lib/apt/lists"));
    }
}

/// What an rpm-family install call (yum, dnf, microdnf) installs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RpmInstall {
    /// `install`, `localinstall`, `reinstall`: packages.
    Packages,
    /// `module install`: module specs (`nodejs:20`).
    Modules,
    /// `groupinstall`, `group install`: package groups (no versions).
    Groups,
}

/// Install calls of `programs` (`yum`, `dnf`, `microdnf`), with what they
/// install.
pub fn rpm_installs<'r, 'a>(
    run: &'r RunScript<'a>,
    programs: &[&str],
) -> Vec<(Call<'r, 'a>, RpmInstall)> {
    calls(run, programs, &[])
        .into_iter()
        .filter_map(|call| {
            let second = call.operands().first().map(|w| w.value.as_str());
            let kind = match (call.sub.value.as_str(), second) {
                ("install" | "localinstall" | "reinstall", _) => RpmInstall::Packages,
                ("module", Some("install")) => RpmInstall::Modules,
                ("groupinstall", _) | ("group", Some("install")) => RpmInstall::Groups,
                _ => return None,
            };
            Some((call, kind))
        })
        .collect()
}

/// The written-out package (or module) words of an rpm-family install.
pub fn rpm_targets<'c>(call: &'c Call, kind: RpmInstall) -> Vec<&'c Word> {
    let skip = match kind {
        RpmInstall::Packages => 0,
        RpmInstall::Modules => 1,
        RpmInstall::Groups => return Vec::new(),
    };
    call.operands()
        .into_iter()
        .skip(skip)
        // A path names a file (a local package or a file some package
        // provides), not a versionable package name.
        .filter(|w| !w.has_expansion && !w.value.is_empty() && !w.value.starts_with(['/', '.']))
        .collect()
}

/// Whether an rpm package spec carries a version: `name-1.2.3`,
/// `name-1.2-3.el9`, a `.rpm` file. Everything after the first `-` must look
/// like version text and some part must start with a digit, so
/// `python3-pip` or `yum-utils` are not versions.
pub fn rpm_version_pinned(package: &str) -> bool {
    if package.ends_with(".rpm") {
        return true;
    }
    let mut parts = package.split('-');
    parts.next();
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && rest.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".~^_:+".contains(c))
        })
        && rest
            .iter()
            .any(|p| p.starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod rpm_tests {
    use super::rpm_version_pinned;

    #[test]
    fn rpm_versions() {
        for p in [
            "httpd-2.4.6",
            "epel-release-7-14",
            "python3-pip-9.0.3",
            "x.rpm",
            "nginx-1:1.20.1-14.el9",
        ] {
            assert!(rpm_version_pinned(p), "{p}");
        }
        for p in ["httpd", "python3-pip", "yum-utils", "epel-release"] {
            assert!(!rpm_version_pinned(p), "{p}");
        }
    }
}
