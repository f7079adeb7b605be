use crate::rules::prelude::*;
use std::collections::HashSet;

crate::declare_rule! {
    /// ## What it does
    /// Checks for an `ENV` that uses a variable it defines itself, in another
    /// of its `key=value` pairs.
    ///
    /// ## Why is this bad?
    /// All pairs of one `ENV` are expanded before any of them is set, so
    /// `ENV A=1 B=$A` gives `B` the value `A` had *before* this line (usually
    /// empty), not `1`.
    ///
    /// A variable already defined by an earlier `ENV` or `ARG` is not
    /// reported: it has a value (though the earlier one). As in hadolint,
    /// only plain `$A` and `${A}` count; `${A:-x}` is not judged.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/opt/app
    /// ENV APP_BIN=$APP_HOME/bin
    /// ```
    pub static RULE = Rule {
        code: "DL3044",
        name: "env-self-reference",
        summary: "ENV refers to a variable defined in the same ENV",
        category: Category::Correctness,
        severity: Severity::Error,
        references: &[Reference::new(Source::Hadolint, "DL3044")],
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    // Like hadolint, names stay known across stages.
    let mut known: HashSet<&str> = HashSet::new();
    for instruction in &ctx.syntax.instructions {
        match &instruction.kind {
            InstructionKind::Arg(decls) => {
                known.extend(decls.iter().map(|d| d.name.value.as_str()))
            }
            InstructionKind::Env(pairs) => {
                for (i, pair) in pairs.iter().enumerate() {
                    let name = pair.key.value.as_str();
                    if known.contains(name) {
                        continue;
                    }
                    for (j, other) in pairs.iter().enumerate() {
                        if i == j {
                            continue;
                        }
                        for var in other
                            .value
                            .vars
                            .iter()
                            .filter(|v| v.name == name && v.modifier.is_none())
                        {
                            sink.report(
                                var.range,
                                format!("`{name}` is defined in this same ENV, so this sees its previous value; split the ENV"),
                            )
                            .label(pair.key.range, "defined here");
                        }
                    }
                }
                known.extend(pairs.iter().map(|p| p.key.value.as_str()));
            }
            _ => {}
        }
    }
}
