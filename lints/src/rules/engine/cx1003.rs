use crate::rules::{Category, Check, Target};
use crate::diagnostic::Severity;

crate::declare_rule! {
    /// ## What it does
    /// Reports an inline suppression whose `expires=YYYY-MM-DD` date is
    /// near: within `suppression-expiry-warning-days` days of today. It
    /// reports nothing unless the configuration sets that number; the
    /// suppression keeps working until it expires (then `CX1002` reports it).
    ///
    /// ## Why is this bad?
    /// An expiring waiver will start failing builds on its date. A warning
    /// ahead of time lets the team fix the finding or renew the waiver
    /// before it becomes a surprise in someone else's pull request.
    ///
    /// ## Example
    /// With `suppression-expiry-warning-days: 30` and today 2027-03-15:
    /// ```dockerfile
    /// FROM debian:12
    /// # caulk ignore=DL3008 -- pinned by renovate, expires=2027-03-31
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// Use instead: pin the package, or move the date after a review.
    ///
    /// ## Fix
    /// None. No inline suppression can silence this rule; only the configuration can.
    pub static RULE = Rule {
        code: "CX1003",
        name: "expiring-suppression",
        summary: "An inline suppression expires soon",
        category: Category::Style,
        severity: Severity::Info,
        check: Check::Engine(Target::Any),
    };
}
