//! The semantic model of a Dockerfile: build stages, their base images with
//! variables resolved, and which stages are final or reused. Built once per
//! file; every rule reads it instead of walking instructions itself.

use super::syntax::{Dockerfile, From, Instruction, InstructionKind, Word};
use crate::text::TextRange;

/// A parsed Dockerfile and what it means.
pub struct Model<'a> {
    pub syntax: &'a Dockerfile,
    pub source: &'a str,
    pub stages: Vec<Stage<'a>>,
    /// Instructions before the first FROM (global ARGs, or misplaced ones).
    pub preamble: &'a [Instruction],
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
            Some(i) => (&rest[..last_slash + i], Some(rest[last_slash + i + 1..].to_string())),
            None => (rest, None),
        };
        let (registry, repository) = match name.split_once('/') {
            Some((first, path)) if first.contains('.') || first.contains(':') || first == "localhost" => {
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
                InstructionKind::Arg(decls) => decls
                    .iter()
                    .rev()
                    .find(|d| d.name.value == name)
                    .map(|d| d.default.as_ref().map(|w| w.value.clone()).unwrap_or_default()),
                _ => None,
            })
        };
        let mut stages: Vec<Stage<'a>> = Vec::with_capacity(from_positions.len());
        for (index, &at) in from_positions.iter().enumerate() {
            let end = from_positions.get(index + 1).copied().unwrap_or(all.len());
            let InstructionKind::From(from) = &all[at].kind else { unreachable!("filtered above") };
            let name = from.alias.as_ref().map(|a| a.name.value.to_ascii_lowercase());
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
        Model {
            syntax,
            source,
            stages,
            preamble,
        }
    }

    /// The stage a `--from=` value names: a stage name or index defined
    /// before stage `before` (None for images or unknown names).
    pub fn stage_ref(&self, value: &str, before: usize) -> Option<&Stage<'a>> {
        let earlier = &self.stages[..before.min(self.stages.len())];
        match value.parse::<usize>() {
            Ok(n) => earlier.get(n),
            Err(_) => {
                let lower = value.to_ascii_lowercase();
                earlier.iter().rev().find(|s| s.name.as_deref() == Some(lower.as_str()))
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
                if set_nonempty { value } else { expand_str(d, lookup, depth + 1) }
            } else if let Some(d) = op.strip_prefix('-') {
                if value.is_some() { value } else { expand_str(d, lookup, depth + 1) }
            } else if let Some(a) = op.strip_prefix(":+") {
                if set_nonempty { expand_str(a, lookup, depth + 1) } else { Some(String::new()) }
            } else if let Some(a) = op.strip_prefix('+') {
                if value.is_some() { expand_str(a, lookup, depth + 1) } else { Some(String::new()) }
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

    #[test]
    fn expands_variables_with_defaults() {
        let lookup = |n: &str| match n {
            "BASE" => Some("alpine".to_string()),
            "EMPTY" => Some(String::new()),
            _ => None,
        };
        assert_eq!(expand_str("${BASE}:3", &lookup, 0).as_deref(), Some("alpine:3"));
        assert_eq!(expand_str("$BASE", &lookup, 0).as_deref(), Some("alpine"));
        assert_eq!(expand_str("${TAG:-latest}", &lookup, 0).as_deref(), Some("latest"));
        assert_eq!(expand_str("${EMPTY:-x}", &lookup, 0).as_deref(), Some("x"));
        assert_eq!(expand_str("${EMPTY-x}", &lookup, 0).as_deref(), Some(""));
        assert_eq!(expand_str("${BASE:+set}", &lookup, 0).as_deref(), Some("set"));
        assert_eq!(expand_str("${NOPE}", &lookup, 0), None);
    }
}
