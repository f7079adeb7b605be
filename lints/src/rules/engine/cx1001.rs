use crate::rules::{Category, Check, Target};
use crate::diagnostic::{Applicability, Severity};

crate::declare_rule! {
    /// ## What it does
    /// Reports an inline suppression comment (`# caulk ignore=…`,
    /// `# hadolint ignore=…`, or a suppression annotation) that suppresses
    /// nothing: no finding of the named rule occurs where it applies.
    ///
    /// ## Why is this bad?
    /// Suppressions outlive the problems they silenced. A stale one hides the
    /// next real finding of that rule at the same place, and tells readers
    /// something about the file that is no longer true.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// # caulk ignore=DL3018
    /// RUN echo "no apk here"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo "no apk here"
    /// ```
    ///
    /// ## Fix
    /// A safe fix removes the unused code from the comment, or the whole
    /// comment when nothing is left.
    pub static RULE = Rule {
        code: "CX1001",
        name: "unused-suppression",
        summary: "A suppression comment suppresses no finding",
        category: Category::Style,
        severity: Severity::Info,
        fix: Some(Applicability::Safe),
        check: Check::Engine(Target::Any),
    };
}
