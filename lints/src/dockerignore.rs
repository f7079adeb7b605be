//! `.dockerignore` files, read and matched exactly as Docker does (moby's
//! `patternmatcher` and its `ignorefile` reader, which BuildKit and the
//! Docker CLI share):
//!
//! - a line starting with `#` is a comment (checked before trimming, so an
//!   indented `#` is a pattern); lines are trimmed and blank ones skipped;
//! - `!` makes an exception; every pattern is cleaned like Go's
//!   `filepath.Clean` and a leading `/` is dropped, so `/foo`, `./foo` and
//!   `foo/` all mean `foo`;
//! - `*` and `?` never cross `/`, `[…]` is a character class (negated by
//!   `^`), `\` escapes the next character, `**` matches any number of
//!   directories (even none) and a trailing `**` anything;
//! - a path is excluded when a pattern matches it or any of its parent
//!   directories, and the last pattern that matches decides (so a later `!`
//!   line re-includes).
//!
//! Patterns become the same regular expressions moby builds. Two deliberate
//! differences, both in corners Docker gets wrong: `\` before a letter is that
//! letter (moby's regex would read `\d` as "a digit", unlike `filepath.Match`),
//! and a class the Rust regex engine reads differently from Go's (`[[]`,
//! `[a&&b]`) makes the file invalid rather than matching something else.

use std::fmt;

/// A parsed `.dockerignore`.
#[derive(Clone, Debug)]
pub struct DockerIgnore {
    patterns: Vec<Pattern>,
}

/// One pattern of the file.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The cleaned pattern, without the `!`.
    pub text: String,
    /// A `!` line: re-includes what it matches.
    pub exception: bool,
    /// 1-based line in the file.
    pub line: u32,
    dirs: usize,
    matcher: Matcher,
}

#[derive(Clone, Debug)]
enum Matcher {
    Exact,
    /// A trailing `**`: everything starting with the text before it.
    Prefix,
    /// A leading `**` and no other wildcard: everything ending with the rest.
    Suffix,
    Regex(regex::Regex),
}

/// A line Docker would refuse (the build fails with it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    pub line: u32,
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for PatternError {}

impl DockerIgnore {
    /// Reads a `.dockerignore` file's text the way Docker's reader does.
    pub fn parse(text: &str) -> Result<Self, PatternError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut patterns = Vec::new();
        for (index, line) in text.split('\n').enumerate() {
            let line_no = index as u32 + 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.starts_with('#') {
                continue;
            }
            let mut pattern = line.trim();
            if pattern.is_empty() {
                continue;
            }
            let exception = pattern.starts_with('!');
            if exception {
                pattern = pattern[1..].trim();
                if pattern.is_empty() {
                    return Err(PatternError {
                        line: line_no,
                        message: "illegal exclusion pattern: \"!\"".into(),
                    });
                }
            }
            let mut cleaned = clean(pattern);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            validate(&cleaned).map_err(|message| PatternError {
                line: line_no,
                message: format!("bad pattern `{cleaned}`: {message}"),
            })?;
            let matcher = compile(&cleaned).map_err(|message| PatternError {
                line: line_no,
                message: format!("bad pattern `{cleaned}`: {message}"),
            })?;
            patterns.push(Pattern {
                dirs: cleaned.split('/').count(),
                text: cleaned,
                exception,
                line: line_no,
                matcher,
            });
        }
        Ok(Self { patterns })
    }

    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Whether any pattern is a `!` exception.
    pub fn has_exceptions(&self) -> bool {
        self.patterns.iter().any(|p| p.exception)
    }

    /// Whether `path` (relative to the context, `/`-separated, cleaned) is
    /// left out of the build context: moby's `MatchesOrParentMatches`.
    pub fn excludes(&self, path: &str) -> bool {
        self.excluded_by(path).is_some()
    }

    /// The pattern that excludes `path`, if it is excluded: the last one
    /// that matched it or a parent directory.
    pub fn excluded_by(&self, path: &str) -> Option<&Pattern> {
        let parents: Vec<&str> = match path.rfind('/') {
            Some(at) => path[..at].split('/').collect(),
            None => Vec::new(),
        };
        let mut decided: Option<&Pattern> = None;
        for pattern in &self.patterns {
            // An inclusion cannot change an excluded path, nor an exception
            // an included one: moby skips them the same way.
            if pattern.exception != decided.is_some() {
                continue;
            }
            let matched = pattern.matches(path)
                || (1..=parents.len()).any(|n| pattern.matches(&parents[..n].join("/")));
            if matched {
                decided = if pattern.exception {
                    None
                } else {
                    Some(pattern)
                };
            }
        }
        decided
    }

    /// Whether some `!` exception could re-include a path below the
    /// directory `dir` (so copying `dir` may still copy something even when
    /// `dir` itself is excluded).
    pub fn may_reinclude_below(&self, dir: &str) -> bool {
        let depth = dir.split('/').count();
        self.patterns.iter().filter(|p| p.exception).any(|p| {
            if p.dirs <= depth {
                return false;
            }
            let head: Vec<&str> = p.text.split('/').take(depth).collect();
            if head.iter().any(|c| c.contains("**")) {
                return true;
            }
            compile(&head.join("/")).is_ok_and(|m| {
                Pattern {
                    text: head.join("/"),
                    exception: true,
                    line: p.line,
                    dirs: depth,
                    matcher: m,
                }
                .matches(dir)
            })
        })
    }
}

impl Pattern {
    fn matches(&self, path: &str) -> bool {
        match &self.matcher {
            Matcher::Exact => path == self.text,
            Matcher::Prefix => path.starts_with(&self.text[..self.text.len() - 2]),
            Matcher::Suffix => {
                let suffix = &self.text[2..];
                path.ends_with(suffix) || suffix.strip_prefix('/').is_some_and(|rest| path == rest)
            }
            Matcher::Regex(re) => re.is_match(path),
        }
    }
}

/// moby's `Pattern.compile`: the same regular expression and the same
/// shortcuts (exact, prefix, suffix) chosen the same way.
fn compile(pattern: &str) -> Result<Matcher, String> {
    #[derive(PartialEq)]
    enum Kind {
        Exact,
        Prefix,
        Suffix,
        Regex,
    }
    let mut re = String::from("^");
    let mut kind = Kind::Exact;
    let mut chars = pattern.chars().peekable();
    let mut i = 0;
    while let Some(ch) = chars.next() {
        match ch {
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                if chars.peek() == Some(&'/') {
                    chars.next();
                }
                if chars.peek().is_none() {
                    if kind == Kind::Exact {
                        kind = Kind::Prefix;
                    } else {
                        re.push_str(".*");
                        kind = Kind::Regex;
                    }
                } else {
                    re.push_str("(.*/)?");
                    kind = Kind::Regex;
                }
                if i == 0 {
                    kind = Kind::Suffix;
                }
            }
            '*' => {
                re.push_str("[^/]*");
                kind = Kind::Regex;
            }
            '?' => {
                re.push_str("[^/]");
                kind = Kind::Regex;
            }
            '.' | '+' | '(' | ')' | '|' | '{' | '}' | '$' => {
                re.push('\\');
                re.push(ch);
            }
            '\\' => match chars.next() {
                Some(next) => {
                    if next.is_ascii_punctuation() {
                        re.push('\\');
                        re.push(next);
                    } else {
                        re.push_str(&regex::escape(&next.to_string()));
                    }
                    kind = Kind::Regex;
                }
                None => re.push_str("\\\\"),
            },
            '[' | ']' => {
                re.push(ch);
                kind = Kind::Regex;
            }
            _ => re.push(ch),
        }
        i += 1;
    }
    Ok(match kind {
        Kind::Exact => Matcher::Exact,
        Kind::Prefix => Matcher::Prefix,
        Kind::Suffix => Matcher::Suffix,
        Kind::Regex => {
            re.push('$');
            Matcher::Regex(regex::Regex::new(&re).map_err(|e| match e {
                regex::Error::Syntax(_) => "not a valid character class".to_string(),
                other => other.to_string(),
            })?)
        }
    })
}

/// The syntax errors of Go's `filepath.Match`, which Docker checks every
/// pattern with: a trailing `\`, and a malformed `[…]` class.
fn validate(pattern: &str) -> Result<(), &'static str> {
    let mut chars = pattern.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' if chars.next().is_none() => return Err("a `\\` ends the pattern"),
            '[' => {
                if chars.peek() == Some(&'^') {
                    chars.next();
                }
                let mut ranges = 0;
                loop {
                    if chars.peek() == Some(&']') && ranges > 0 {
                        chars.next();
                        break;
                    }
                    class_char(&mut chars)?;
                    if chars.peek() == Some(&'-') {
                        chars.next();
                        class_char(&mut chars)?;
                    }
                    ranges += 1;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Go's `getEsc`: one (possibly escaped) character of a class, which must
/// be followed by more of the pattern.
fn class_char(chars: &mut std::iter::Peekable<std::str::Chars>) -> Result<(), &'static str> {
    const UNTERMINATED: &str = "a `[` class is not closed or is malformed";
    match chars.next() {
        None | Some('-') | Some(']') => return Err(UNTERMINATED),
        Some('\\') => {
            if chars.next().is_none() {
                return Err(UNTERMINATED);
            }
        }
        Some(_) => {}
    }
    if chars.peek().is_none() {
        return Err(UNTERMINATED);
    }
    Ok(())
}

/// Go's `path.Clean` for `/`-separated paths: collapse `//`, drop `.`
/// elements, resolve `..` against the element before it, drop a trailing
/// `/`; an empty result is `.`.
pub fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            _ => parts.push(part),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

#[cfg(test)]
mod tests;
