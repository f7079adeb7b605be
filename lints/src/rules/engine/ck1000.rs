use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Target};

crate::declare_rule! {
    /// ## What it does
    /// Reports YAML that cannot be loaded: a syntax error (such as a tab in
    /// indentation or an unterminated quote), a duplicate key, an alias that
    /// expands beyond the budget, or nesting deeper than the limit.
    ///
    /// ## Why is this bad?
    /// `kubectl apply` rejects a manifest it cannot parse, and a duplicate key
    /// silently keeps only one of its values, so the object deployed is not the
    /// one written. caulk reports the problem where it is and still lints the
    /// other documents of the file.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   name: api
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: api
    /// ```
    pub static RULE = Rule {
        code: "CK1000",
        name: "yaml-parse-error",
        summary: "The manifest is not valid YAML",
        category: Category::Correctness,
        severity: Severity::Error,
        check: Check::Engine(Target::Kubernetes),
    };
}
