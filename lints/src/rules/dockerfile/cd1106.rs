use crate::rules::prelude::*;
use crate::rules::support::build_args::is_predefined;

crate::declare_rule! {
    /// ## What it does
    /// Checks that the defaults of the global `ARG`s used in a `FROM` give a
    /// valid image reference, e.g. that `ARG TAG` (no default) followed by
    /// `FROM alpine:${TAG}` does not leave `alpine:`.
    ///
    /// ## Why is this bad?
    /// A build that does not pass `--build-arg` uses the defaults. If they
    /// expand to an empty or malformed reference, `docker build` without
    /// arguments fails, and tools that read the Dockerfile (scanners,
    /// Renovate, caulk's own base-image rules) cannot tell which image is
    /// meant. Give every such `ARG` a working default.
    ///
    /// References using variables that are not global `ARG`s are left to
    /// CD1105, and platform arguments such as `TARGETARCH` are assumed to
    /// have a value.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG TAG
    /// FROM alpine:${TAG}
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG TAG=3.20
    /// FROM alpine:${TAG}
    /// ```
    pub static RULE = Rule {
        code: "CD1106",
        name: "invalid-default-arg-in-from",
        summary: "The default values of global ARGs make a FROM image reference empty or invalid",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[Reference::new(Source::BuildKit, "InvalidDefaultArgInFrom")],
        aliases: &["InvalidDefaultArgInFrom"],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for stage in &ctx.model.stages {
        let image = &stage.from.image;
        if !image.has_vars() {
            continue;
        }
        let mut unknown = false;
        let lookup = |name: &str| -> Option<String> {
            match ctx.model.global_arg(name) {
                Some(Some(default)) if !default.has_vars() => Some(default.value.clone()),
                Some(None) => Some(String::new()),
                _ => None,
            }
        };
        // A value we cannot know (predefined, undeclared, or a default built
        // from other variables) means there is nothing to judge.
        for var in &image.vars {
            if is_predefined(&var.name)
                || !matches!(ctx.model.global_arg(&var.name), Some(None) | Some(Some(_)))
            {
                unknown = true;
            }
            if let Some(Some(default)) = ctx.model.global_arg(&var.name)
                && default.has_vars()
            {
                unknown = true;
            }
        }
        if unknown {
            continue;
        }
        let Some(expanded) = crate::dockerfile::model::expand(image, &lookup) else {
            continue;
        };
        let lower = expanded.to_ascii_lowercase();
        if ctx
            .model
            .stages
            .iter()
            .any(|s| s.name.as_deref() == Some(lower.as_str()))
        {
            continue;
        }
        let Some(problem) = reference_problem(&expanded) else {
            continue;
        };
        let empty: Vec<&str> = image
            .vars
            .iter()
            .filter(|v| matches!(ctx.model.global_arg(&v.name), Some(None)))
            .map(|v| v.name.as_str())
            .collect();
        let hint = if empty.is_empty() {
            String::new()
        } else {
            format!("; give `ARG {}` a default", empty.join("`, `ARG "))
        };
        let shown = if expanded.is_empty() {
            "an empty string".to_string()
        } else {
            format!("`{expanded}`")
        };
        sink.report(
            image.range,
            format!(
                "with the ARG defaults, `{}` becomes {shown}, {problem}{hint}",
                image.value
            ),
        );
    }
}

/// Why `reference` is not a valid image reference, if it is not.
pub fn reference_problem(reference: &str) -> Option<&'static str> {
    if reference.is_empty() {
        return Some("which names no image");
    }
    if reference.contains(char::is_whitespace) {
        return Some("which contains blanks");
    }
    let (name_tag, digest) = match reference.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (reference, None),
    };
    let last_slash = name_tag.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match name_tag[last_slash..].rfind(':') {
        Some(i) => (
            &name_tag[..last_slash + i],
            Some(&name_tag[last_slash + i + 1..]),
        ),
        None => (name_tag, None),
    };
    if name.is_empty() {
        return Some("which has no repository name");
    }
    let mut components: Vec<&str> = name.split('/').collect();
    if components.len() > 1 {
        let first = components[0];
        if first.contains(['.', ':']) || first == "localhost" {
            if first.is_empty()
                || !first
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
            {
                return Some("which has an invalid registry host");
            }
            components.remove(0);
        }
    }
    for component in components {
        if component.is_empty() {
            return Some("which has an empty path component");
        }
        if component.chars().any(|c| c.is_ascii_uppercase()) {
            return Some("which has upper-case letters in the repository name");
        }
        let valid_chars = component
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
        let alnum_ends = component.starts_with(|c: char| c.is_ascii_alphanumeric())
            && component.ends_with(|c: char| c.is_ascii_alphanumeric());
        if !valid_chars || !alnum_ends {
            return Some("which is not a valid repository name");
        }
    }
    if let Some(tag) = tag {
        if tag.is_empty() {
            return Some("which has an empty tag");
        }
        let valid = tag.len() <= 128
            && tag.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            && tag
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if !valid {
            return Some("which has an invalid tag");
        }
    }
    if let Some(digest) = digest {
        let valid = digest.split_once(':').is_some_and(|(algorithm, hex)| {
            !algorithm.is_empty() && hex.len() >= 32 && hex.chars().all(|c| c.is_ascii_hexdigit())
        });
        if !valid {
            return Some("which has an invalid digest");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::reference_problem;

    #[test]
    fn validates_references() {
        for ok in [
            "alpine",
            "alpine:3.20",
            "ghcr.io/org/app:v1",
            "localhost:5000/a/b",
            "python:3.12-slim@sha256:2b0079146a74e23bf4ae8f6a28e1b484c6292f6fb904cbb51825b4a19812fcd8",
        ] {
            assert_eq!(reference_problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            "alpine:",
            "Alpine",
            "/alpine",
            "org//app",
            "alpine@sha256:",
            "alpine:-x",
            "-x",
        ] {
            assert!(reference_problem(bad).is_some(), "{bad}");
        }
    }
}
