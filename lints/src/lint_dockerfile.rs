//! The Dockerfile path through the engine: parse, model, run the rules,
//! turn parse errors into `DL1000`, then apply suppressions.

use crate::build_context::BuildContext;
use crate::config::Config;
use crate::dockerfile::{self, Dockerfile, model::Model};
use crate::lint::LintedFile;
use crate::rules::support::check_directive::{CheckDirective, check_directive};
use crate::rules::{Check, DockerfileContext, Sink, engine};
use crate::rules::{Source, registry};
use crate::suppress::{self, Suppression};
use crate::text::TextRange;

pub(crate) fn lint(file: &mut LintedFile, config: &Config, build: Option<&BuildContext>) {
    let syntax = dockerfile::parse(&file.source);
    let model = Model::new(&syntax, &file.source);
    let ctx = DockerfileContext {
        path: &file.path,
        source: &file.source,
        syntax: &syntax,
        model: &model,
        settings: &config.settings,
        build,
    };
    let mut diagnostics = Vec::new();
    for rule in config.rules_to_run() {
        if let Check::Dockerfile(check) = rule.check {
            let mut sink = Sink::new(rule);
            check(&ctx, &mut sink);
            diagnostics.extend(sink.into_diagnostics());
        }
    }
    // Shell text nested beyond the tokenizer's budget is not analysed: say so.
    let limits: Vec<_> = model
        .runs
        .iter()
        .flat_map(|run| &run.pieces)
        .flat_map(|piece| {
            let errors = piece.script.errors.iter().filter(|e| e.limit);
            errors.map(|e| (piece.to_source(e.range), e.message.as_str()))
        })
        .collect();
    let errors = syntax.errors.iter().map(|e| (e.range, e.message.as_str()));
    let errors = errors.chain(limits);
    crate::lint::report_parse_errors(&engine::dl1000::RULE, errors, config, &mut diagnostics);
    if let Some(directive) = check_directive(&syntax) {
        apply_check_directive(&mut diagnostics, &directive);
    }
    crate::lint::finish(file, diagnostics, config, |source| {
        suppressions(&syntax, source)
    });
}

/// Suppression comments and the instruction each one governs: the first
/// instruction after it, with only comments or blank lines in between.
fn suppressions(syntax: &Dockerfile, source: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    for comment in syntax.comments.iter().filter(|c| !c.in_continuation) {
        let after_hash = TextRange::new(comment.range.start + 1, comment.range.end);
        let Some(mut s) =
            suppress::parse_comment(after_hash.slice(source), after_hash.start, comment.range)
        else {
            continue;
        };
        s.removal = suppress::comment_line(source, comment.range);
        if !s.global {
            let next = syntax
                .instructions
                .iter()
                .find(|i| i.range.start > comment.range.start);
            let between_is_comments = next.is_some_and(|i| {
                !syntax.instructions.iter().any(|other| {
                    other.range.start > comment.range.end && other.range.start < i.range.start
                })
            });
            match next {
                Some(i) if between_is_comments => s.scope = i.range,
                // A suppression before nothing suppresses nothing.
                _ => s.scope = TextRange::empty(u32::MAX),
            }
        }
        out.push(s);
    }
    out
}

/// BuildKit's `# check=skip=Name,…` directive: findings of the rules those
/// BuildKit checks correspond to are not reported, as `docker build` would
/// not report them; `skip=all` drops every rule that mirrors a BuildKit check.
fn apply_check_directive(
    diagnostics: &mut Vec<crate::diagnostic::Diagnostic>,
    directive: &CheckDirective,
) {
    diagnostics.retain(|d| {
        let Some(rule) = registry::find(d.code) else {
            return true;
        };
        let buildkit_names = rule
            .references
            .iter()
            .filter(|r| r.source == Source::BuildKit)
            .map(|r| r.id);
        let mut names = buildkit_names.chain(rule.aliases.iter().copied());
        if directive.skip_all {
            return !rule.references.iter().any(|r| r.source == Source::BuildKit);
        }
        !names.any(|name| directive.skips(name))
    });
}
