use crate::rules::{Category, Check, Target};
use crate::diagnostic::Severity;

crate::declare_rule! {
    /// ## What it does
    /// Reports an inline suppression whose `expires=YYYY-MM-DD` date has
    /// come (the suppression works until the day before it), or whose
    /// `expires=` value is not a date. Such a suppression no longer
    /// suppresses anything: the findings it silenced are reported again.
    ///
    /// "Today" is the system's UTC date, or the configured `today:` or
    /// `caulk check --today`, so CI runs can be reproduced.
    ///
    /// ## Why is this bad?
    /// A waiver with a date is a promise to revisit it. When the date passes,
    /// the exception should be renewed with a new reason or the finding fixed;
    /// reporting it keeps the promise honest instead of letting it rot.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// # caulk ignore=DL3008 -- pinned by renovate, expires=2026-03-31
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// Use instead (fix the finding, or renew the waiver deliberately):
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8
    /// ```
    ///
    /// ## Fix
    /// None: renewing or removing a waiver is a decision for a person.
    /// No inline suppression can silence this rule; only the configuration can.
    pub static RULE = Rule {
        code: "CX1002",
        name: "expired-suppression",
        summary: "An inline suppression has expired and no longer suppresses",
        category: Category::Correctness,
        severity: Severity::Warning,
        check: Check::Engine(Target::Any),
    };
}
