//! Questions rules ask about commands: which program runs (through `sudo`,
//! `env` and friends), its subcommand, flags getopt-style, and its operands.
//!
//! # Wrappers
//! [`Command::name`] looks through commands that run another command given
//! as their arguments: `sudo`, `doas`, `env`, `nice`, `ionice`, `nohup`,
//! `time`, `exec`, `command` (but not `command -v`, which only looks a name
//! up), `builtin`, `timeout`, `stdbuf`, `eatmydata`, `gosu`, `su-exec` and
//! `chroot`. The wrappers stay visible through [`Command::wrappers`] and
//! [`Command::invokes`], so `sudo` can still be flagged.
//!
//! `xargs` is deliberately *not* a wrapper: the command it runs gets most of
//! its arguments from stdin, so judging `xargs apt-get install` by its
//! written arguments (no packages) would mislead pinning rules. Rules that
//! care can inspect `xargs` commands themselves.
//!
//! # Flags
//! Arguments are split the way getopt does: `-qy` is `-q` and `-y`,
//! `--opt=value` and `--opt value`, `-o value` and `-ovalue` (when `-o` takes
//! a value), `--` ends the options, and `-` alone is an operand. A
//! [`FlagSpec`] says which options take a value so that their values are not
//! mistaken for operands; [`FlagSpec::for_command`] knows the common tools.

use super::{Command, Script, Word};
use crate::text::TextRange;

/// Which options of a program take a value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FlagSpec {
    /// Short options that take a value, e.g. `"otc"` for apt-get.
    pub short_values: &'static str,
    /// Long options (without `--`) that take a value when not written `--name=value`.
    pub long_values: &'static [&'static str],
    /// Options are single-dash long names (`go build -ldflags x`, `find -name x`):
    /// `-name` is one option, never a cluster.
    pub single_dash_long: bool,
}

impl FlagSpec {
    /// No option takes a value.
    pub const NONE: FlagSpec = FlagSpec::new("", &[]);

    pub const fn new(short_values: &'static str, long_values: &'static [&'static str]) -> Self {
        Self {
            short_values,
            long_values,
            single_dash_long: false,
        }
    }

    fn short_takes_value(&self, c: char) -> bool {
        self.short_values.contains(c)
    }

    fn long_takes_value(&self, name: &str) -> bool {
        self.long_values.contains(&name)
    }

    /// The spec of a well-known program (by name, path stripped), or [`FlagSpec::NONE`].
    pub fn for_command(name: &str) -> &'static FlagSpec {
        use specs::*;
        match name {
            "apt-get" | "apt" | "apt-cache" | "aptitude" => &APT_GET,
            "apk" => &APK,
            "pip" | "pip2" | "pip3" | "uv" => &PIP,
            "npm" | "pnpm" => &NPM,
            "yarn" => &YARN,
            "yum" | "dnf" | "microdnf" | "tdnf" => &YUM,
            "zypper" => &ZYPPER,
            "gem" => &GEM,
            "go" => &GO,
            "curl" => &CURL,
            "wget" => &WGET,
            "useradd" | "adduser" | "usermod" | "groupadd" | "addgroup" => &USERADD,
            "tar" => &TAR,
            "git" => &GIT,
            "sh" | "bash" | "dash" | "ash" | "zsh" | "ksh" | "set" => &SHELL,
            "mkdir" | "install" => &MKDIR,
            _ => &FlagSpec::NONE,
        }
    }
}

/// Flag specs of common programs.
pub mod specs {
    use super::FlagSpec;

    pub const APT_GET: FlagSpec = FlagSpec::new(
        "otca",
        &[
            "option",
            "target-release",
            "default-release",
            "config-file",
            "host-architecture",
        ],
    );
    pub const APK: FlagSpec = FlagSpec::new(
        "Xpt",
        &[
            "repository",
            "root",
            "virtual",
            "cache-dir",
            "arch",
            "keys-dir",
            "repositories-file",
        ],
    );
    pub const PIP: FlagSpec = FlagSpec::new(
        "rceitfC",
        &[
            "requirement",
            "constraint",
            "index-url",
            "extra-index-url",
            "editable",
            "target",
            "find-links",
            "prefix",
            "root",
            "trusted-host",
            "platform",
            "python-version",
            "implementation",
            "abi",
            "src",
            "upgrade-strategy",
            "progress-bar",
            "cache-dir",
            "log",
            "proxy",
            "retries",
            "timeout",
            "exists-action",
            "cert",
            "client-cert",
            "only-binary",
            "no-binary",
            "config-settings",
            "python",
        ],
    );
    pub const NPM: FlagSpec = FlagSpec::new(
        "w",
        &[
            "registry",
            "prefix",
            "cache",
            "tag",
            "userconfig",
            "loglevel",
            "omit",
            "workspace",
        ],
    );
    pub const YARN: FlagSpec = FlagSpec::new(
        "",
        &[
            "cwd",
            "modules-folder",
            "cache-folder",
            "network-timeout",
            "registry",
            "mutex",
        ],
    );
    pub const YUM: FlagSpec = FlagSpec::new(
        "cdeRx",
        &[
            "config",
            "installroot",
            "releasever",
            "enablerepo",
            "disablerepo",
            "setopt",
            "exclude",
            "repo",
            "repoid",
            "rpmverbosity",
            "color",
            "downloaddir",
            "destdir",
            "forcearch",
            "setopt",
        ],
    );
    pub const ZYPPER: FlagSpec = FlagSpec::new(
        "cDRrt",
        &[
            "root",
            "config",
            "reposd-dir",
            "cache-dir",
            "repo",
            "type",
            "from",
        ],
    );
    pub const GEM: FlagSpec = FlagSpec::new(
        "vinsp",
        &[
            "version",
            "install-dir",
            "bindir",
            "source",
            "platform",
            "http-proxy",
        ],
    );
    pub const GO: FlagSpec = FlagSpec {
        short_values: "",
        long_values: &[
            "o",
            "ldflags",
            "gcflags",
            "asmflags",
            "tags",
            "mod",
            "modfile",
            "p",
            "C",
            "pkgdir",
            "toolexec",
            "overlay",
            "exec",
            "buildmode",
            "compiler",
            "installsuffix",
            "pgo",
            "covermode",
            "coverpkg",
        ],
        single_dash_long: true,
    };
    pub const CURL: FlagSpec = FlagSpec::new(
        "AbcCdDeEFHKmoPQrTuUwxXyYz",
        &[
            "output",
            "data",
            "data-raw",
            "data-binary",
            "data-urlencode",
            "header",
            "user",
            "request",
            "user-agent",
            "cookie",
            "cookie-jar",
            "continue-at",
            "dump-header",
            "referer",
            "cert",
            "form",
            "config",
            "max-time",
            "quote",
            "range",
            "upload-file",
            "proxy",
            "proxy-user",
            "write-out",
            "speed-limit",
            "speed-time",
            "time-cond",
            "connect-timeout",
            "retry",
            "retry-delay",
            "retry-max-time",
            "cacert",
            "capath",
            "resolve",
            "interface",
            "max-redirs",
            "limit-rate",
            "proto",
            "proto-redir",
            "url",
            "key",
            "pass",
            "netrc-file",
            "output-dir",
        ],
    );
    pub const WGET: FlagSpec = FlagSpec::new(
        "OoaPtTUiewQlARDIXB",
        &[
            "output-document",
            "output-file",
            "append-output",
            "directory-prefix",
            "tries",
            "timeout",
            "user-agent",
            "input-file",
            "execute",
            "header",
            "user",
            "password",
            "http-user",
            "http-password",
            "post-data",
            "post-file",
            "ca-certificate",
            "ca-directory",
            "certificate",
            "private-key",
            "wait",
            "quota",
            "level",
            "accept",
            "reject",
            "domains",
            "base",
        ],
    );
    pub const USERADD: FlagSpec = FlagSpec::new(
        "ugGdscefkKpRbh",
        &[
            "uid",
            "gid",
            "groups",
            "home-dir",
            "home",
            "shell",
            "comment",
            "gecos",
            "expiredate",
            "inactive",
            "skel",
            "key",
            "password",
            "root",
            "base-dir",
            "prefix",
            "ingroup",
            "selinux-user",
        ],
    );
    pub const TAR: FlagSpec = FlagSpec::new(
        "fCTXb",
        &[
            "file",
            "directory",
            "files-from",
            "exclude-from",
            "exclude",
            "strip-components",
            "transform",
            "owner",
            "group",
            "mode",
        ],
    );
    pub const GIT: FlagSpec = FlagSpec::new("Cc", &["git-dir", "work-tree", "namespace"]);
    pub const SHELL: FlagSpec = FlagSpec::new("oO", &["rcfile", "init-file"]);
    pub const MKDIR: FlagSpec = FlagSpec::new("mgo", &["mode", "group", "owner", "context"]);
}

/// One option occurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag<'a> {
    /// The word the option is written in.
    pub word: &'a Word,
    /// Set for `-x` (also when clustered: `-qy` yields `q` and `y`).
    pub short: Option<char>,
    /// Set for `--name` / `--name=value` (without the dashes), and for
    /// single-dash long options when the spec says so.
    pub long: Option<&'a str>,
    /// The option itself: the character inside a cluster when it can be
    /// located exactly, else the whole word.
    pub range: TextRange,
    pub value: Option<&'a str>,
    /// The value's own word when it was given separately (`-o value`), so
    /// callers can check [`Word::has_expansion`].
    pub value_word: Option<&'a Word>,
}

impl Flag<'_> {
    fn matches(&self, short: Option<char>, long: Option<&str>) -> bool {
        (short.is_some() && self.short == short)
            || long.is_some_and(|l| self.long == Some(l.trim_start_matches('-')))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg<'a> {
    Flag(Flag<'a>),
    Positional(&'a Word),
}

/// A command's arguments split into options and operands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Args<'a> {
    pub items: Vec<Arg<'a>>,
}

impl<'a> Args<'a> {
    /// Splits `words` (arguments, without the command name).
    pub fn parse(words: &'a [Word], spec: &FlagSpec) -> Self {
        Self::parse_with_extra(words, spec, None, None)
    }

    /// Like [`Args::parse`], with one more option read as taking a value.
    pub fn parse_with_extra(
        words: &'a [Word],
        spec: &FlagSpec,
        extra_short: Option<char>,
        extra_long: Option<&str>,
    ) -> Self {
        let short_takes_value = |c: char| spec.short_takes_value(c) || extra_short == Some(c);
        let long_takes_value = |l: &str| spec.long_takes_value(l) || extra_long == Some(l);
        let mut items = Vec::with_capacity(words.len());
        let mut i = 0;
        let mut options_done = false;
        while i < words.len() {
            let w = &words[i];
            i += 1;
            let v = w.value.as_str();
            if options_done
                || !v.starts_with('-')
                || v == "-"
                || (w.has_expansion && v.starts_with("-$"))
            {
                items.push(Arg::Positional(w));
                continue;
            }
            if v == "--" {
                options_done = true;
                continue;
            }
            let long_name = v.strip_prefix("--").or(if spec.single_dash_long {
                v.strip_prefix('-')
            } else {
                None
            });
            if let Some(body) = long_name {
                let (name, inline) = match body.split_once('=') {
                    Some((n, val)) => (n, Some(val)),
                    None => (body, None),
                };
                let mut flag = Flag {
                    word: w,
                    short: None,
                    long: Some(name),
                    range: w.range,
                    value: inline,
                    value_word: None,
                };
                if inline.is_none()
                    && long_takes_value(name)
                    && let Some(next) = words.get(i)
                {
                    flag.value = Some(next.value.as_str());
                    flag.value_word = Some(next);
                    i += 1;
                }
                items.push(Arg::Flag(flag));
                continue;
            }
            // A cluster of short options.
            let exact = !w.quoted && w.range.len() as usize == v.len();
            let cluster = &v[1..];
            for (off, c) in cluster.char_indices() {
                let at = 1 + off;
                let range = if exact {
                    TextRange::new(
                        w.range.start + at as u32,
                        w.range.start + (at + c.len_utf8()) as u32,
                    )
                } else {
                    w.range
                };
                let rest = &cluster[off + c.len_utf8()..];
                let mut flag = Flag {
                    word: w,
                    short: Some(c),
                    long: None,
                    range,
                    value: None,
                    value_word: None,
                };
                if short_takes_value(c) {
                    if !rest.is_empty() {
                        flag.value = Some(rest);
                    } else if let Some(next) = words.get(i) {
                        flag.value = Some(next.value.as_str());
                        flag.value_word = Some(next);
                        i += 1;
                    }
                    items.push(Arg::Flag(flag));
                    break;
                }
                // `-q=2` (apt-get): a value attached with `=`.
                if let Some(val) = rest.strip_prefix('=') {
                    flag.value = Some(val);
                    items.push(Arg::Flag(flag));
                    break;
                }
                items.push(Arg::Flag(flag));
            }
        }
        Self { items }
    }

    pub fn flags(&self) -> impl Iterator<Item = &Flag<'a>> {
        self.items.iter().filter_map(|a| match a {
            Arg::Flag(f) => Some(f),
            Arg::Positional(_) => None,
        })
    }

    /// Occurrences of `-short` or `--long` (either may be `None`; `long` may
    /// be given with or without its dashes).
    pub fn find(&self, short: Option<char>, long: Option<&str>) -> impl Iterator<Item = &Flag<'a>> {
        self.flags().filter(move |f| f.matches(short, long))
    }

    pub fn has(&self, short: Option<char>, long: Option<&str>) -> bool {
        self.find(short, long).next().is_some()
    }

    /// How many times the option is given (`-q -q`, `-qq`, `--quiet --quiet` count 2).
    pub fn count(&self, short: Option<char>, long: Option<&str>) -> usize {
        self.find(short, long).count()
    }

    /// The value of the last occurrence.
    pub fn value(&self, short: Option<char>, long: Option<&str>) -> Option<&'a str> {
        self.find(short, long).filter_map(|f| f.value).last()
    }

    pub fn values(&self, short: Option<char>, long: Option<&str>) -> Vec<&'a str> {
        self.find(short, long).filter_map(|f| f.value).collect()
    }

    /// Operands: everything that is neither an option nor an option's value.
    pub fn positionals(&self) -> impl Iterator<Item = &'a Word> + '_ {
        self.items.iter().filter_map(|a| match a {
            Arg::Positional(w) => Some(*w),
            Arg::Flag(_) => None,
        })
    }

    /// The first operand (`install` in `apt-get -o X=y install foo`).
    pub fn subcommand(&self) -> Option<&'a Word> {
        self.positionals().next()
    }

    /// Operands after the subcommand (the packages of `apt-get install`).
    pub fn after_subcommand(&self) -> Vec<&'a Word> {
        self.positionals().skip(1).collect()
    }
}

/// Basename of a command word: `/usr/bin/apt-get` → `apt-get`.
pub fn basename(name: &str) -> &str {
    // A plain byte loop: rules ask this for every command many times over,
    // and names are too short for `rsplit`'s searcher to pay off.
    match name.bytes().rposition(|b| b == b'/') {
        Some(slash) => &name[slash + 1..],
        None => name,
    }
}

/// How to step over a wrapper's own options and operands.
struct WrapperSpec {
    flags: FlagSpec,
    /// Operands the wrapper itself takes before the command (`timeout 10`, `gosu user`).
    operands: usize,
    /// `NAME=value` words before the command (`env A=1 cmd`, `sudo A=1 cmd`).
    assignments: bool,
}

fn wrapper_spec(name: &str) -> Option<WrapperSpec> {
    let w = |short, long, operands, assignments| WrapperSpec {
        flags: FlagSpec::new(short, long),
        operands,
        assignments,
    };
    Some(match name {
        "sudo" => w(
            "ugCDhprtUT",
            &[
                "user",
                "group",
                "close-from",
                "chdir",
                "host",
                "prompt",
                "role",
                "type",
                "other-user",
                "command-timeout",
            ],
            0,
            true,
        ),
        "doas" => w("uC", &[], 0, false),
        "env" => w("uCS", &["unset", "chdir", "split-string"], 0, true),
        "nice" => w("n", &["adjustment"], 0, false),
        "ionice" => w("cnp", &["class", "classdata", "pid"], 0, false),
        "nohup" | "builtin" | "eatmydata" => w("", &[], 0, false),
        "time" => w("fo", &["format", "output"], 0, false),
        "exec" => w("a", &[], 0, false),
        "command" => w("", &[], 0, false),
        "timeout" => w("sk", &["signal", "kill-after"], 1, false),
        "stdbuf" => w("ioe", &["input", "output", "error"], 0, false),
        "gosu" | "su-exec" => w("", &[], 1, false),
        "chroot" => w("", &["userspec", "groups"], 1, false),
        _ => return None,
    })
}

fn is_assignment_word(w: &Word) -> bool {
    let v = w.value.as_bytes();
    let n = v
        .iter()
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'_')
        .count();
    n > 0 && !v[0].is_ascii_digit() && v.get(n) == Some(&b'=')
}

/// Walks through wrappers; returns the wrapper positions and the position of
/// the effective command name (the last wrapper if nothing follows it).
fn walk_wrappers(words: &[Word]) -> (Vec<usize>, Option<usize>) {
    let mut wrappers = Vec::new();
    let mut i = 0;
    loop {
        let Some(w) = words.get(i) else {
            return (wrappers.clone(), wrappers.last().copied());
        };
        if w.has_expansion {
            return (wrappers, Some(i));
        }
        let name = basename(&w.value);
        let Some(spec) = wrapper_spec(name) else {
            return (wrappers, Some(i));
        };
        // `command -v x` looks `x` up instead of running it.
        if name == "command"
            && words
                .get(i + 1)
                .is_some_and(|n| matches!(n.value.as_str(), "-v" | "-V"))
        {
            return (wrappers, Some(i));
        }
        wrappers.push(i);
        i += 1;
        // Options, then the wrapper's own operands, then assignments.
        while let Some(w) = words.get(i) {
            let v = w.value.as_str();
            if v == "--" {
                i += 1;
                break;
            }
            if !v.starts_with('-') || v == "-" {
                break;
            }
            let takes_value = if let Some(long) = v.strip_prefix("--") {
                !long.contains('=') && spec.flags.long_takes_value(long)
            } else {
                v.chars()
                    .last()
                    .is_some_and(|c| spec.flags.short_takes_value(c))
                    && v.len() == 2
            };
            i += if takes_value { 2 } else { 1 };
        }
        i += spec.operands;
        if spec.assignments {
            while words.get(i).is_some_and(is_assignment_word) {
                i += 1;
            }
        }
    }
}

pub(crate) fn effective_name_index(words: &[Word]) -> Option<usize> {
    walk_wrappers(words).1
}

impl Command {
    /// The word naming the program that runs, after wrappers.
    pub fn name_word(&self) -> Option<&Word> {
        self.words.get(self.name_index?)
    }

    /// The program that runs, path stripped and wrappers looked through:
    /// `sudo -E /usr/bin/apt-get install x` → `apt-get`. `None` for
    /// assignment- or redirection-only commands.
    pub fn name(&self) -> Option<&str> {
        self.name_word().map(|w| basename(&w.value))
    }

    /// Whether the program that runs is `name`. A name that is itself an
    /// expansion (`$CMD`) never matches.
    pub fn is(&self, name: &str) -> bool {
        self.name_word().is_some_and(|w| !w.has_expansion) && self.name() == Some(name)
    }

    pub fn is_any(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.is(n))
    }

    /// The wrapper words before the program (`sudo`, `env`, …).
    pub fn wrappers(&self) -> impl Iterator<Item = &Word> {
        let (wrappers, name) = walk_wrappers(&self.words);
        // A wrapper with nothing after it is the program itself.
        wrappers
            .into_iter()
            .filter(move |&i| Some(i) != name)
            .filter_map(|i| self.words.get(i))
    }

    /// Whether `name` runs, either as the program or as a wrapper (`sudo`).
    pub fn invokes(&self, name: &str) -> bool {
        self.is(name) || self.wrappers().any(|w| basename(&w.value) == name)
    }

    /// The arguments after the program name.
    pub fn arguments(&self) -> &[Word] {
        match self.name_index {
            Some(i) => &self.words[i + 1..],
            None => &[],
        }
    }

    /// The arguments split with the spec of the program ([`FlagSpec::for_command`]).
    pub fn args(&self) -> Args<'_> {
        self.args_with(FlagSpec::for_command(self.name().unwrap_or("")))
    }

    pub fn args_with(&self, spec: &FlagSpec) -> Args<'_> {
        Args::parse(self.arguments(), spec)
    }

    /// `-short` or `--long` given (clusters such as `-qy` searched).
    pub fn has_flag(&self, short: Option<char>, long: Option<&str>) -> bool {
        self.args().has(short, long)
    }

    pub fn flag_count(&self, short: Option<char>, long: Option<&str>) -> usize {
        self.args().count(short, long)
    }

    /// The value of `flag` (`"--progress"`, `"-o"`); the flag is read as
    /// taking a value even if the program's spec does not say so.
    pub fn flag_value(&self, flag: &str) -> Option<&str> {
        let spec = FlagSpec::for_command(self.name().unwrap_or(""));
        let (short, long) = split_flag_name(flag);
        Args::parse_with_extra(self.arguments(), spec, short, long).value(short, long)
    }

    /// The first operand: `install` in `apt-get -o A=b install x`.
    pub fn subcommand(&self) -> Option<&Word> {
        self.args().subcommand()
    }

    pub fn has_subcommand(&self, name: &str) -> bool {
        self.subcommand().is_some_and(|w| w.value == name)
    }

    /// All operands (flags and their values removed).
    pub fn positional_args(&self) -> Vec<&Word> {
        self.args().positionals().collect()
    }

    /// Operands after the subcommand: the packages of `apt-get install`.
    pub fn args_after_subcommand(&self) -> Vec<&Word> {
        self.args().after_subcommand()
    }

    /// Environment set for this command: leading `NAME=value` assignments and
    /// those given to `env`/`sudo`.
    pub fn env(&self) -> Vec<(&str, &str)> {
        let mut env: Vec<(&str, &str)> = self
            .assignments
            .iter()
            .map(|a| (a.name.as_str(), a.value.value.as_str()))
            .collect();
        let end = self.name_index.unwrap_or(self.words.len());
        for w in &self.words[..end] {
            if is_assignment_word(w)
                && let Some((n, v)) = w.value.split_once('=')
            {
                env.push((n, v));
            }
        }
        env
    }
}

fn split_flag_name(flag: &str) -> (Option<char>, Option<&str>) {
    if let Some(long) = flag.strip_prefix("--") {
        return (None, Some(long));
    }
    let body = flag.strip_prefix('-').unwrap_or(flag);
    let mut chars = body.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => (Some(c), None),
        _ => (None, Some(body)),
    }
}

impl Script {
    pub fn iter(&self) -> std::slice::Iter<'_, Command> {
        self.commands.iter()
    }

    /// Commands whose program is `name`.
    pub fn named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Command> + 's {
        self.commands.iter().filter(move |c| c.is(name))
    }

    pub fn any(&self, pred: impl FnMut(&Command) -> bool) -> bool {
        self.commands.iter().any(pred)
    }

    /// Whether some command matching `a` comes (in source order) before some
    /// command matching `b`.
    pub fn comes_before(
        &self,
        mut a: impl FnMut(&Command) -> bool,
        mut b: impl FnMut(&Command) -> bool,
    ) -> bool {
        let Some(first_a) = self.commands.iter().position(&mut a) else {
            return false;
        };
        self.commands[first_a + 1..].iter().any(&mut b)
    }

    /// The simple commands of `cmd`'s pipeline, in order.
    pub fn pipeline_of(&self, cmd: &Command) -> impl Iterator<Item = &Command> {
        self.pipelines
            .get(cmd.pipeline)
            .into_iter()
            .flat_map(|p| p.commands.iter())
            .filter_map(|&i| self.commands.get(i))
    }

    /// The commands that read `cmd`'s output, directly or further down its pipeline.
    pub fn piped_into<'s>(&'s self, cmd: &'s Command) -> impl Iterator<Item = &'s Command> + 's {
        self.pipeline_of(cmd)
            .filter(move |c| c.index_in_pipeline > cmd.index_in_pipeline)
    }

    /// The command right after `cmd` in its pipeline, if it is a simple command.
    pub fn next_in_pipeline(&self, cmd: &Command) -> Option<&Command> {
        self.pipeline_of(cmd)
            .find(|c| c.index_in_pipeline == cmd.index_in_pipeline + 1)
    }

    /// Whether any pipeline has more than one element.
    pub fn has_pipe(&self) -> bool {
        self.pipelines.iter().any(|p| p.len > 1)
    }

    /// Whether a `set` command turns on `option` (`set -o pipefail`, `set -euxo pipefail`).
    pub fn sets_option(&self, option: &str) -> bool {
        self.named("set").any(|c| {
            c.args_with(&specs::SHELL)
                .values(Some('o'), None)
                .contains(&option)
        })
    }
}
