use crate::rules::{Category, Check, Target};
use crate::diagnostic::Severity;

crate::declare_rule! {
    /// ## What it does
    /// Reports an inline suppression the configuration forbids: one naming a
    /// rule listed in `unsuppressible` (at that code), or any suppression
    /// when `inline-suppressions: false` (or hadolint's
    /// `disable-ignore-pragma: true`) switches them off (at the comment).
    /// A forbidden suppression has no effect: the finding is still reported.
    ///
    /// ## Why is this bad?
    /// Some rules are policy: a platform team decides that a root container
    /// or a secret in an image is never waived in a pull request. A comment
    /// that tries anyway misleads its reader into thinking the finding is
    /// accepted; reporting it says plainly that it is not.
    ///
    /// ## Example
    /// With `unsuppressible: [DL3002]`:
    /// ```dockerfile
    /// FROM debian:12
    /// # caulk ignore=DL3002 -- needs root for now
    /// USER root
    /// ```
    ///
    /// Use instead: fix the finding; an exception is a change to the
    /// configuration, reviewed by its owners.
    ///
    /// ## Fix
    /// None. No inline suppression can silence this rule; only the configuration can.
    pub static RULE = Rule {
        code: "CX1005",
        name: "forbidden-suppression",
        summary: "An inline suppression the configuration forbids",
        category: Category::Correctness,
        severity: Severity::Warning,
        check: Check::Engine(Target::Any),
    };
}
