use crate::lifecycle;
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks every container image (init and ephemeral containers too)
    /// against caulk's lifecycle data, like `end-of-life-base-image`
    /// (CD1401) does for Dockerfiles: a release past its end of life, or
    /// within `eol-warning-days` (90 by default) of it, is reported —
    /// `postgres:12`, `redis:6.0-alpine`, `nginx:1.20`,
    /// `python:3.12-slim-buster` (built on Debian 10).
    ///
    /// Images, tags and tag parts the data does not know are never
    /// findings; nor are images written with template placeholders.
    ///
    /// ## Why is this bad?
    /// A release past its end of life gets no more security fixes: the
    /// workload runs known, never-to-be-fixed vulnerabilities until the
    /// image moves to a supported release.
    ///
    /// `today` is the clock's date, `today:` in the configuration, or
    /// `caulk check --today YYYY-MM-DD`; `lifecycle:` in the configuration
    /// adds internal images (see CD1401).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: db
    /// spec:
    ///   containers:
    ///     - name: db
    ///       image: postgres:12.19
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///       image: postgres:17.2
    /// ```
    pub static RULE = Rule {
        code: "CK3017",
        name: "end-of-life-container-image",
        summary: "A container image's release is past (or near) its end of life",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default],
        references: &[Reference::new(Source::Url, "https://endoflife.date/")],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    let today = ctx.settings.today();
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for container in pod.containers() {
            let Some((node, image)) = super::ck3005::image(container) else {
                continue;
            };
            let name = lifecycle::normalize_name(image.registry.as_deref(), &image.repository);
            for hit in lifecycle::lookup(&name, image.tag.as_deref(), &ctx.settings.lifecycle) {
                let Some(message) = crate::rules::dockerfile::cd1401::message(
                    &hit,
                    &image.full,
                    today,
                    ctx.settings.eol_warning_days,
                ) else {
                    continue;
                };
                let range = tag_part_range(ctx.source, node.range, &image, &hit);
                sink.report(range, format!("{}: {message}", container.describe()));
            }
        }
    }
}

/// The tag part in the YAML scalar when it is written plainly or in simple
/// quotes, else the whole value.
fn tag_part_range(
    source: &str,
    value: TextRange,
    image: &ResolvedImage,
    hit: &lifecycle::Hit,
) -> TextRange {
    let raw = value.slice(source);
    let Some(tag) = image.tag.as_deref().filter(|_| !raw.is_empty()) else {
        return value;
    };
    let inner = match raw.as_bytes().first() {
        Some(b'"' | b'\'') if raw.len() >= 2 => &raw[1..raw.len() - 1],
        _ => raw,
    };
    let quote = (raw.len() - inner.len()) / 2;
    if inner != image.full || hit.tag_part.is_empty() {
        return value;
    }
    let name_end = inner.find('@').unwrap_or(inner.len());
    let tag_start = value.start as usize + quote + name_end - tag.len();
    TextRange::new(
        (tag_start + hit.tag_part.start) as u32,
        (tag_start + hit.tag_part.end) as u32,
    )
}
