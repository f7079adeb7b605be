//! Compose and Bake files, read only for what they say about builds: which
//! Dockerfile each service or target builds, and from which context. A
//! directory walk uses this to lint Dockerfiles with non-standard names, and
//! every Dockerfile with the right build context and ignore file.
//!
//! Compose: `services.<name>.build` as a string (the context) or a mapping
//! with `context` (default `.`) and `dockerfile` (default `Dockerfile`,
//! relative to the context); `dockerfile_inline` is skipped. Override files
//! (`compose.override.yaml`, `docker-compose.prod.yml`, …) are merged into
//! the base file of their directory service by service.
//!
//! Bake: `docker-bake.json` (`{"target": {"<name>": {"context", "dockerfile"}}}`)
//! and the subset of HCL that `docker-bake.hcl` uses for the same fields:
//! `target "<name>" { context = "…"  dockerfile = "…" }` with literal string
//! values. Variables, functions, `inherits` and interpolated values are not
//! evaluated: a target whose paths are not literal is skipped.
//!
//! Paths with variables (`${APP_DIR}`) and remote contexts (URLs, Git) are
//! skipped. Nothing here fails: an unreadable or malformed file yields no
//! targets.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// A Dockerfile and the directory it is built from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildTarget {
    pub dockerfile: PathBuf,
    pub context: PathBuf,
}

/// Build files larger than this are not read.
const MAX_BUILD_FILE: u64 = 4 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Family {
    Compose,
    Bake,
}

/// Whether a file name is a Compose or Bake file, and whether it is a base
/// file (read first) rather than an override.
fn classify(name: &str) -> Option<(Family, bool)> {
    // Called for every file a walk meets and every entry of the directories
    // above a named Dockerfile: no formatting, one allocation.
    let lower = name.to_ascii_lowercase();
    // `stem` + `ext` exactly, or `stem.` … `ext`.
    let named = |stem: &str, ext: &str| match lower.strip_prefix(stem) {
        Some(rest) if rest == ext => Some(true),
        Some(rest) if rest.starts_with('.') && lower.ends_with(ext) => Some(false),
        _ => None,
    };
    for stem in ["compose", "docker-compose"] {
        for ext in [".yaml", ".yml"] {
            if let Some(primary) = named(stem, ext) {
                return Some((Family::Compose, primary));
            }
        }
    }
    for ext in [".hcl", ".json"] {
        if let Some(primary) = named("docker-bake", ext) {
            return Some((Family::Bake, primary));
        }
    }
    None
}

/// Whether `path` names a Compose or Bake file.
pub fn is_build_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| classify(n).is_some())
}

/// What one service or target says; later files fill in or override.
#[derive(Clone, Debug, Default)]
struct Partial {
    context: Option<Value>,
    dockerfile: Option<Value>,
}

/// A path value: literal, or something not evaluated here.
#[derive(Clone, Debug)]
enum Value {
    Literal(String),
    Unknown,
}

impl Partial {
    fn merge(&mut self, later: Partial) {
        if later.context.is_some() {
            self.context = later.context;
        }
        if later.dockerfile.is_some() {
            self.dockerfile = later.dockerfile;
        }
    }
}

/// The build targets of the given Compose and Bake files (others are
/// ignored). Files of one directory and family are merged: base files
/// first, then overrides in name order.
pub fn read_build_files(paths: &[PathBuf]) -> Vec<BuildTarget> {
    let mut groups: BTreeMap<(PathBuf, Family), Vec<(bool, &PathBuf)>> = BTreeMap::new();
    for path in paths {
        let Some((family, base)) = path.file_name().and_then(|n| n.to_str()).and_then(classify)
        else {
            continue;
        };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        groups.entry((dir, family)).or_default().push((base, path));
    }
    let mut targets = Vec::new();
    for ((dir, family), mut files) in groups {
        // Base files first (`false` < `true` after negation), then by name.
        files.sort_by(|a, b| (!a.0, a.1).cmp(&(!b.0, b.1)));
        let mut merged: BTreeMap<String, Partial> = BTreeMap::new();
        for (_, path) in files {
            let Some(text) = read_text(path) else {
                continue;
            };
            let parsed = match family {
                Family::Compose => compose_services(&text),
                Family::Bake if path.extension().is_some_and(|e| e == "json") => bake_json(&text),
                Family::Bake => bake_hcl(&text),
            };
            for (name, partial) in parsed {
                merged.entry(name).or_default().merge(partial);
            }
        }
        for partial in merged.into_values() {
            if let Some(target) = resolve(&dir, partial) {
                targets.push(target);
            }
        }
    }
    targets
}

fn read_text(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_BUILD_FILE {
        return None;
    }
    String::from_utf8(std::fs::read(path).ok()?).ok()
}

fn resolve(dir: &Path, partial: Partial) -> Option<BuildTarget> {
    let context = match partial.context {
        None => ".".to_string(),
        Some(Value::Literal(c)) => c,
        Some(Value::Unknown) => return None,
    };
    let dockerfile = match partial.dockerfile {
        None => "Dockerfile".to_string(),
        Some(Value::Literal(d)) => d,
        Some(Value::Unknown) => return None,
    };
    if !is_local_path(&context) || !is_local_path(&dockerfile) {
        return None;
    }
    let context = normalize(&dir.join(&context));
    let dockerfile = normalize(&context.join(&dockerfile));
    Some(BuildTarget {
        dockerfile,
        context,
    })
}

/// Not a URL, a Git source, another build's output (`target:`, `service:`)
/// or a path with variables.
fn is_local_path(value: &str) -> bool {
    !(value.is_empty()
        || value.contains('$')
        || value.contains("://")
        || value.starts_with("git@")
        || value.starts_with("github.com/")
        || (value.contains(':') && !value.starts_with('/') && !value.starts_with('.')))
}

/// Removes `.` components and resolves `..` against the component before
/// it, without touching the file system (the paths may not exist).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

fn compose_services(text: &str) -> Vec<(String, Partial)> {
    let stream = crate::yaml::load(text, &crate::yaml::Limits::default());
    let mut out = Vec::new();
    let Some(doc) = stream.documents.first() else {
        return out;
    };
    let Some(services) = doc.root.get("services").and_then(|s| s.as_mapping()) else {
        return out;
    };
    for entry in services {
        let (Some(name), Some(build)) = (entry.key_str(), entry.value.get("build")) else {
            continue;
        };
        let partial = if let Some(context) = build.scalar_text() {
            Partial {
                context: Some(Value::Literal(context.to_string())),
                dockerfile: None,
            }
        } else if build.is_mapping() {
            if build.get("dockerfile_inline").is_some() {
                continue;
            }
            let field = |key: &str| {
                build.get(key).map(|v| match v.as_str() {
                    Some(s) => Value::Literal(s.to_string()),
                    None => Value::Unknown,
                })
            };
            Partial {
                context: field("context"),
                dockerfile: field("dockerfile"),
            }
        } else {
            continue;
        };
        out.push((name.to_string(), partial));
    }
    out
}

fn bake_json(text: &str) -> Vec<(String, Partial)> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let Some(targets) = value.get("target").and_then(|t| t.as_object()) else {
        return Vec::new();
    };
    let field = |target: &serde_json::Value, key: &str| {
        target.get(key).map(|v| match v.as_str() {
            Some(s) => Value::Literal(s.to_string()),
            None => Value::Unknown,
        })
    };
    targets
        .iter()
        .filter(|(_, t)| t.is_object())
        .map(|(name, t)| {
            (
                name.clone(),
                Partial {
                    context: field(t, "context"),
                    dockerfile: field(t, "dockerfile"),
                },
            )
        })
        .collect()
}

/// HCL tokens, as far as Bake files need them.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    Ident(String),
    /// A quoted string; `None` when it interpolates (`${…}`).
    Str(Option<String>),
    Open,
    Close,
    Equals,
    Newline,
    Other,
}

fn hcl_tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\n' => tokens.push(Token::Newline),
            c if c.is_whitespace() => {}
            '#' => {
                while chars.peek().is_some_and(|&c| c != '\n') {
                    chars.next();
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                while chars.peek().is_some_and(|&c| c != '\n') {
                    chars.next();
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '"' => {
                let mut value = String::new();
                let mut literal = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some('n') => value.push('\n'),
                            Some('t') => value.push('\t'),
                            Some(other) => value.push(other),
                            None => break,
                        },
                        '$' | '%' if chars.peek() == Some(&'{') => {
                            literal = false;
                            value.push(c);
                        }
                        '\n' => break,
                        other => value.push(other),
                    }
                }
                tokens.push(Token::Str(literal.then_some(value)));
            }
            '{' => tokens.push(Token::Open),
            '}' => tokens.push(Token::Close),
            '=' if chars.peek() != Some(&'=') => tokens.push(Token::Equals),
            c if c.is_alphabetic() || c == '_' => {
                let mut ident = c.to_string();
                while let Some(&c) = chars.peek() {
                    if c.is_alphanumeric() || c == '_' || c == '-' {
                        ident.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(Token::Ident(ident));
            }
            _ => tokens.push(Token::Other),
        }
    }
    tokens
}

/// `target "name" { context = "…" dockerfile = "…" }` blocks at the top
/// level of a Bake HCL file.
fn bake_hcl(text: &str) -> Vec<(String, Partial)> {
    let tokens = hcl_tokens(text);
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Open => depth += 1,
            Token::Close => depth = depth.saturating_sub(1),
            Token::Ident(kw) if depth == 0 && kw == "target" => {
                if let (Some(Token::Str(Some(name))), Some(Token::Open)) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                {
                    let (partial, end) = hcl_target_body(&tokens, i + 3);
                    out.push((name.clone(), partial));
                    i = end;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Reads a target's attributes from just inside its `{` to just after its
/// `}`; returns them and the index after the block.
fn hcl_target_body(tokens: &[Token], start: usize) -> (Partial, usize) {
    let mut partial = Partial::default();
    let mut depth = 1usize;
    let mut i = start;
    let mut line_start = true;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Open => depth += 1,
            Token::Close => {
                depth -= 1;
                if depth == 0 {
                    return (partial, i + 1);
                }
            }
            Token::Newline => {
                line_start = true;
                i += 1;
                continue;
            }
            Token::Ident(key)
                if depth == 1
                    && line_start
                    && (key == "context" || key == "dockerfile")
                    && tokens.get(i + 1) == Some(&Token::Equals) =>
            {
                // The value is literal only when one string ends the line.
                let value = match (tokens.get(i + 2), tokens.get(i + 3)) {
                    (Some(Token::Str(Some(s))), None | Some(Token::Newline | Token::Close)) => {
                        Value::Literal(s.clone())
                    }
                    _ => Value::Unknown,
                };
                if key == "context" {
                    partial.context = Some(value);
                } else {
                    partial.dockerfile = Some(value);
                }
                i += 2;
                line_start = false;
                continue;
            }
            _ => {}
        }
        line_start = false;
        i += 1;
    }
    (partial, i)
}

#[cfg(test)]
mod tests;
