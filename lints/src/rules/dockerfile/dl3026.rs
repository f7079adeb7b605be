use crate::dockerfile::ImageRef;
use crate::dockerfile::model::ResolvedImage;
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every base image, and every image a `COPY --from=`
    /// copies files out of, comes from a registry listed in
    /// `trusted-registries`.
    ///
    /// ## Why is this bad?
    /// A base image is code you run with full trust. Restricting base images
    /// to registries your organisation controls or vets (a mirror, a vendor
    /// registry) keeps look-alike and abandoned images out of your builds.
    ///
    /// The rule is silent until `trusted-registries` is configured:
    ///
    /// ```yaml
    /// trusted-registries:
    ///   - registry.example.com
    ///   - "*.corp.example"   # any subdomain of corp.example
    ///   - docker.io          # images without a registry come from here
    /// ```
    ///
    /// An image without a registry host (`python:3.12`) comes from
    /// `docker.io`; listing `docker.io` or `hub.docker.com` allows them.
    /// `scratch` and earlier build stages are always allowed. References
    /// whose variables cannot be resolved from global `ARG` defaults are not
    /// judged.
    ///
    /// ## Example
    /// With `trusted-registries: [registry.example.com]`:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM registry.example.com/mirror/python:3.12-slim
    /// ```
    pub static RULE = Rule {
        code: "DL3026",
        name: "untrusted-registry",
        summary: "A base image comes from a registry not in `trusted-registries`",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::Hadolint, "DL3026"),
            Reference::new(Source::CisDocker, "4.2"),
        ],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let trusted = &ctx.settings.trusted_registries;
    if trusted.is_empty() {
        return;
    }
    for stage in &ctx.model.stages {
        if let Base::Image(image) = &stage.base {
            judge(sink, trusted, image, &stage.from.image);
        }
        // `COPY --from=<image>` pulls an image just as FROM does.
        for instruction in stage.instructions {
            if instruction.keyword != Keyword::Copy {
                continue;
            }
            let Some(word) = instruction.flag("from").and_then(|f| f.value.as_ref()) else {
                continue;
            };
            if word.has_vars() || ctx.model.stage_ref(&word.value, stage.index).is_some() {
                continue;
            }
            if let Some(image) = ResolvedImage::parse(&word.value) {
                judge(sink, trusted, &image, word);
            }
        }
    }
}

fn judge(sink: &mut Sink, trusted: &[String], image: &ResolvedImage, written: &Word) {
    let allowed = match &image.registry {
        Some(registry) => is_trusted(registry, trusted),
        None => trusted.iter().any(|t| {
            t.eq_ignore_ascii_case("docker.io") || t.eq_ignore_ascii_case("hub.docker.com")
        }),
    };
    if allowed {
        return;
    }
    let range = match ImageRef::parse(written).registry {
        Some(registry) if !written.has_vars() => registry.range,
        _ => written.range,
    };
    sink.report(
        range,
        format!(
            "`{}` comes from `{}`, which is not a trusted registry",
            image.full,
            image.registry_or_default()
        ),
    );
}

/// Whether `registry` is listed, exactly or through a `*.domain` wildcard.
pub fn is_trusted(registry: &str, trusted: &[String]) -> bool {
    let registry = registry.to_ascii_lowercase();
    trusted.iter().any(|entry| {
        let entry = entry.to_ascii_lowercase();
        match entry.strip_prefix("*.") {
            Some(domain) => registry
                .strip_suffix(domain)
                .is_some_and(|head| head.ends_with('.') && head.len() > 1),
            None => registry == entry,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::is_trusted;

    #[test]
    fn wildcards_match_subdomains_only() {
        let list = vec!["*.corp.example".to_string(), "ghcr.io".to_string()];
        assert!(is_trusted("registry.corp.example", &list));
        assert!(is_trusted("a.b.corp.example", &list));
        assert!(!is_trusted("corp.example", &list));
        assert!(!is_trusted("evilcorp.example", &list));
        assert!(is_trusted("GHCR.io", &list));
        assert!(!is_trusted("ghcr.io.evil", &list));
    }
}
