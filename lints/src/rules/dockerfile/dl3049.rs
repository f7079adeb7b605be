use crate::rules::prelude::*;
use std::collections::HashSet;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every label in `label-schema` is set on each image the
    /// file produces: every stage that is neither the base of a later stage
    /// nor copied from with `COPY --from`.
    ///
    /// ## Why is this bad?
    /// A label schema is an organisation's promise that images carry their
    /// source, version, owner and so on. An image without them cannot be
    /// traced or audited.
    ///
    /// Labels of the earlier stage a stage is built `FROM` count, as in
    /// hadolint. Labels inherited from the base *image* cannot be seen and
    /// do not count. Configure the schema in `.caulk.yaml`:
    ///
    /// ```yaml
    /// label-schema:
    ///   org.opencontainers.image.source: url
    ///   org.opencontainers.image.version: semver
    /// ```
    ///
    /// Unlike hadolint, a stage that only serves as the base of a later
    /// stage is not reported: the later stage is.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/example/app"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/example/app" \
    ///       org.opencontainers.image.version="1.4.2"
    /// ```
    pub static RULE = Rule {
        code: "DL3049",
        name: "missing-label",
        summary: "A label required by `label-schema` is missing",
        category: Category::BestPractice,
        severity: Severity::Info,
        references: &[Reference::new(Source::Hadolint, "DL3049")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    let schema = &ctx.settings.label_schema;
    if schema.is_empty() {
        return;
    }
    let stages = &ctx.model.stages;
    let mut copied_from = vec![false; stages.len()];
    for stage in stages {
        for instruction in stage.instructions {
            let Some(word) = instruction.flag("from").and_then(|f| f.value.as_ref()) else {
                continue;
            };
            if let Some(source) = ctx.model.stage_ref(&word.value, stage.index) {
                copied_from[source.index] = true;
            }
        }
    }
    // Label keys set by each stage, its own and those of the stage it is built on.
    let mut keys: Vec<HashSet<&str>> = Vec::with_capacity(stages.len());
    for stage in stages {
        let mut set = match stage.base {
            Base::Stage(i) => keys.get(i).cloned().unwrap_or_default(),
            _ => HashSet::new(),
        };
        for instruction in stage.instructions {
            if let InstructionKind::Label(pairs) = &instruction.kind {
                set.extend(pairs.iter().map(|p| p.key.value.as_str()));
            }
        }
        keys.push(set);
    }
    for stage in stages {
        if stage.used_as_base || copied_from[stage.index] {
            continue;
        }
        for label in schema.keys() {
            if !keys[stage.index].contains(label.as_str()) {
                sink.report(
                    stage.from_instruction.keyword_range,
                    format!(
                        "label `{label}` required by the label schema is missing from this image"
                    ),
                );
            }
        }
    }
}
