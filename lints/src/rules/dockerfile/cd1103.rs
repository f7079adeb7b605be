use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `ENV` and `LABEL` written in the legacy whitespace form,
    /// `ENV name value`, instead of `ENV name=value`.
    ///
    /// ## Why is this bad?
    /// In the legacy form the value is everything after the name, spaces
    /// included, and only one variable can be set per instruction. It is easy
    /// to misread `ENV PATH /opt/bin:$PATH EXTRA 1` as two variables when it
    /// is one long value. Docker documents the form as deprecated; the
    /// `name=value` form is unambiguous and lets related values share one
    /// instruction.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ENV LANG C.UTF-8
    /// LABEL description A small tool
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ENV LANG=C.UTF-8
    /// LABEL description="A small tool"
    /// ```
    ///
    /// ## Fix
    /// A safe fix replaces the blank between name and value with `=`, and
    /// wraps a value containing blanks in double quotes. Values that already
    /// hold quotes or escapes, or span several lines, are left for you to
    /// rewrite, since re-quoting them could change what they mean.
    pub static RULE = Rule {
        code: "CD1103",
        name: "legacy-key-value-format",
        summary: "ENV or LABEL uses the legacy `name value` form instead of `name=value`",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[Reference::new(Source::BuildKit, "LegacyKeyValueFormat")],
        aliases: &["LegacyKeyValueFormat"],
        fix: Some(Applicability::Safe),
        onbuild: true,
        check: Check::Dockerfile(check),
    };
}

fn check(ctx: &DockerfileContext, sink: &mut Sink) {
    for instruction in ctx.syntax.effective_instructions() {
        let pairs = match &instruction.kind {
            InstructionKind::Env(pairs) | InstructionKind::Label(pairs) => pairs,
            _ => continue,
        };
        for pair in pairs.iter().filter(|p| p.legacy) {
            let keyword = instruction.keyword.as_str();
            let diagnostic = sink.report(
                pair.key.range,
                format!(
                    "`{keyword} {} …` uses the legacy whitespace form; write `{keyword} {}=…`",
                    pair.key.value, pair.key.value
                ),
            );
            if let Some(edits) = fix_edits(ctx.source, pair) {
                diagnostic.fix(Fix::safe("Use the `name=value` form", edits));
            }
        }
    }
}

fn fix_edits(source: &str, pair: &crate::dockerfile::KeyValue) -> Option<Vec<Edit>> {
    let gap = TextRange::new(pair.key.range.end, pair.value.range.start);
    let value = pair.value.range.slice(source);
    if !gap.slice(source).chars().all(|c| c == ' ' || c == '\t') || value.contains(['\n', '\r']) {
        return None;
    }
    if !value.contains(char::is_whitespace) {
        return Some(vec![Edit::replace(gap, "=")]);
    }
    let quoted_whole = value.len() >= 2
        && [b'"', b'\''].iter().any(|&q| {
            value.as_bytes()[0] == q
                && value.as_bytes()[value.len() - 1] == q
                && !value[1..value.len() - 1].contains(q as char)
        });
    if quoted_whole && !value.contains('\\') {
        return Some(vec![Edit::replace(gap, "=")]);
    }
    // Anything else with quotes or escapes is ambiguous to re-quote.
    if value.contains(['"', '\'', '\\', '`']) {
        return None;
    }
    Some(vec![
        Edit::replace(gap, "=\""),
        Edit::insert(pair.value.range.end, "\""),
    ])
}
