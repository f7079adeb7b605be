use crate::rules::{Category, Check, Target};
use crate::diagnostic::Severity;

crate::declare_rule! {
    /// ## What it does
    /// When the configuration sets `require-suppression-reason: true`,
    /// reports an inline suppression that gives no reason after ` -- `.
    /// The suppression still takes effect; only the missing reason is reported.
    ///
    /// ## Why is this bad?
    /// A waiver without a reason cannot be reviewed: nobody can tell later
    /// whether the exception still holds, or why it was granted.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// # caulk ignore=DL3008
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// # caulk ignore=DL3008 -- versions pinned by renovate's lock file
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// ## Fix
    /// None: only a person can give the reason. No inline suppression can
    /// silence this rule; only the configuration can.
    pub static RULE = Rule {
        code: "CX1004",
        name: "suppression-without-reason",
        summary: "An inline suppression gives no reason, and the configuration requires one",
        category: Category::Style,
        severity: Severity::Warning,
        check: Check::Engine(Target::Any),
    };
}
