//! `caulk rule CODE` and `caulk rules`.

use crate::cli::{RuleArgs, RulesArgs};
use caulk_lints::rules::{Rule, registry};
use std::fmt::Write as _;

pub fn rule(args: &RuleArgs) -> u8 {
    match registry::find(&args.code) {
        Some(rule) => crate::emit(describe(rule).as_bytes()),
        None => {
            eprintln!(
                "error: no rule has the code, name or alias `{}`; `caulk rules` lists them",
                args.code
            );
            2
        }
    }
}

/// The rule's page: header, metadata, documentation and references.
pub fn describe(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} ({})\n", rule.name, rule.code);
    let _ = writeln!(out, "{}\n", rule.summary);
    let profiles: Vec<_> = rule.profiles.iter().map(|p| p.as_str()).collect();
    let _ = writeln!(
        out,
        "Category: {}. Default severity: {}. Profiles: {}. Fix: {}.",
        rule.category.as_str(),
        rule.severity,
        if profiles.is_empty() {
            "strict".to_string()
        } else {
            profiles.join(", ")
        },
        match rule.fix {
            None => "none",
            Some(caulk_lints::Applicability::Safe) => "safe",
            Some(caulk_lints::Applicability::Unsafe) => "unsafe",
            Some(caulk_lints::Applicability::DisplayOnly) => "suggestion only",
        }
    );
    if !rule.aliases.is_empty() {
        let _ = writeln!(out, "Also known as: {}.", rule.aliases.join(", "));
    }
    let _ = writeln!(out, "\n{}", rule.documentation());
    if !rule.references.is_empty() {
        let _ = writeln!(out, "## References");
        for r in rule.references {
            match r.url() {
                Some(url) => {
                    let _ = writeln!(out, "- {} {}: <{}>", r.source_name(), r.id, url);
                }
                None => {
                    let _ = writeln!(out, "- {} {}", r.source_name(), r.id);
                }
            }
        }
    }
    out
}

pub fn rules(args: &RulesArgs) -> u8 {
    let all = registry::all();
    if args.json {
        let list: Vec<_> = all
            .iter()
            .map(|r| {
                serde_json::json!({
                    "code": r.code,
                    "name": r.name,
                    "summary": r.summary,
                    "category": r.category.as_str(),
                    "severity": r.severity.as_str(),
                    "target": r.target(),
                    "profiles": r.profiles.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
                    "aliases": r.aliases,
                    "fix": r.fix,
                })
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&list).expect("serialisable");
        text.push('\n');
        crate::emit(text.as_bytes())
    } else {
        let width = all.iter().map(|r| r.name.len()).max().unwrap_or(0);
        let mut text = String::new();
        for r in all {
            let _ = writeln!(
                text,
                "{:<7} {:<width$}  {:<7}  {:<13}  {}",
                r.code,
                r.name,
                r.severity.as_str(),
                r.category.as_str(),
                r.summary
            );
        }
        crate::emit(text.as_bytes())
    }
}
