use crate::lifecycle::{self, Hit};
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks each `FROM` image against caulk's lifecycle data and reports a
    /// base image whose release is past its end of life, or will be within
    /// `eol-warning-days` (90 by default). It reads the release from the tag
    /// the way official images write them — `python:3.8`, `golang:1.20.5`,
    /// `debian:buster-slim`, `ubuntu:18.04`, `alpine:3.15` — and also the
    /// distribution a language image is built on, named later in the tag:
    /// `python:3.12-slim-buster` is built on Debian 10, `node:20-alpine3.18`
    /// on Alpine 3.18. `FROM ${BASE}` is resolved through the global `ARG`
    /// defaults.
    ///
    /// Images, tags and tag parts the data does not know are never
    /// findings: a moving tag such as `python:3` or `node:lts` is not judged.
    ///
    /// ## Why is this bad?
    /// A release past its end of life gets no more security fixes. Every
    /// rebuild of the image starts from the same unpatched packages, and
    /// image scanners report it only after the image is built. Moving to a
    /// supported release is the only fix.
    ///
    /// The dates come from the data file embedded in caulk
    /// (`lints/data/lifecycle.yaml`: endoflife.date, the projects' own
    /// release pages, Docker Hub notices; compiled on the date in its
    /// header). `today` is the system clock's date, or `today:` in the
    /// configuration, or `caulk check --today YYYY-MM-DD`, for reproducible
    /// runs. Entries for internal base images go under `lifecycle:` in the
    /// configuration:
    ///
    /// ```yaml
    /// eol-warning-days: 60
    /// lifecycle:
    ///   - image: registry.example.com/base/java
    ///     release: "11"
    ///     eol: 2026-09-30
    ///     source: https://wiki.example.com/base-images
    /// ```
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.8-slim-buster
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.13-slim-bookworm
    /// ```
    pub static RULE = Rule {
        code: "CD1401",
        name: "end-of-life-base-image",
        summary: "A base image's release is past (or near) its end of life",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default],
        references: &[Reference::new(Source::Url, "https://endoflife.date/")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let today = ctx.settings.today();
    for stage in &ctx.model.stages {
        let Base::Image(image) = &stage.base else { continue };
        let name = lifecycle::normalize_name(image.registry.as_deref(), &image.repository);
        let hits = lifecycle::lookup(&name, image.tag.as_deref(), &ctx.settings.lifecycle);
        for hit in hits {
            let Some(message) = message(&hit, &image.full, today, ctx.settings.eol_warning_days)
            else {
                continue;
            };
            sink.report(tag_part_range(stage, image, &hit), message);
        }
    }
}

/// The finding's message, or `None` when the release is further than the
/// warning window from its end of life.
pub(crate) fn message(
    hit: &Hit,
    image: &str,
    today: crate::date::Date,
    warning_days: u32,
) -> Option<String> {
    let (past, status) = lifecycle::status(hit, today);
    if !past && today.days_until(hit.eol) > i64::from(warning_days) {
        return None;
    }
    let consequence = if past {
        "and gets no more security fixes"
    } else {
        "and will then get no more security fixes"
    };
    Some(format!(
        "`{image}` is {}, which {status} {consequence}; move to a supported release (source: {})",
        hit.release, hit.source
    ))
}

/// The tag part naming the release when the tag is written out, else the
/// written tag, else the whole image reference (`FROM ${BASE}`).
fn tag_part_range(stage: &Stage, image: &ResolvedImage, hit: &Hit) -> TextRange {
    let word = &stage.from.image;
    let written = stage.from.image_ref();
    let whole = word.range;
    let Some(tag) = &written.tag else { return whole };
    let value = &word.value;
    let name_end = value.find('@').unwrap_or(value.len());
    let tag_start = name_end - tag.value.len();
    lifecycle::hit_range(
        hit,
        Some((&tag.value, tag.range)),
        image.tag.as_deref(),
        whole,
        |part| word.value_range(tag_start + part.start..tag_start + part.end),
    )
}
