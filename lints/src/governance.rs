//! Governed suppressions: the configuration decides which inline
//! suppressions (comments and annotations) take effect, and every one it
//! refuses is itself a finding pointing at the suppression, so a waiver
//! never disappears silently.
//!
//! - `expires=YYYY-MM-DD` in the past or today (or not a date): the
//!   suppression no longer suppresses (CX1002); within
//!   `suppression-expiry-warning-days` of its date it is reported early (CX1003).
//! - `require-suppression-reason`: a suppression without `-- reason` is
//!   reported (CX1004) but still suppresses, so the finding is not shown twice.
//! - `unsuppressible` rules, or any suppression when `inline-suppressions`
//!   is off: the suppression (or that code of it) does nothing (CX1005).
//!
//! These findings are added after suppressions are applied, so no inline
//! suppression can silence them; only the configuration can turn them off.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Sink, engine};
use crate::suppress::Suppression;

/// The suppressions that take effect, and the findings about the others.
pub struct Review {
    pub effective: Vec<Suppression>,
    pub findings: Vec<Diagnostic>,
}

/// Checks `suppressions` against `config`'s policy and its date of today.
pub fn review(suppressions: Vec<Suppression>, config: &Config) -> Review {
    let policy = &config.suppressions;
    let today = config.settings.today();
    let mut expired = Sink::new(&engine::cx1002::RULE);
    let mut expiring = Sink::new(&engine::cx1003::RULE);
    let mut no_reason = Sink::new(&engine::cx1004::RULE);
    let mut forbidden = Sink::new(&engine::cx1005::RULE);
    let mut effective = Vec::with_capacity(suppressions.len());
    for mut s in suppressions {
        if !config.inline_suppressions {
            forbidden.report(
                s.comment,
                "inline suppressions are switched off by the configuration: this one suppresses nothing",
            );
            continue;
        }
        if policy.require_reason && s.reason.is_none() {
            no_reason.report(
                s.comment,
                "this suppression gives no reason; the configuration requires one (`-- why`)",
            );
        }
        if let Some(expiry) = &s.expires {
            match expiry.date {
                None => {
                    expired.report(
                        expiry.range,
                        format!(
                            "`{}` is not a date (YYYY-MM-DD): the suppression is treated as expired and suppresses nothing",
                            expiry.text
                        ),
                    );
                    continue;
                }
                Some(date) if date <= today => {
                    expired.report(
                        expiry.range,
                        format!(
                            "this suppression expired on {date} (today is {today}) and no longer suppresses anything"
                        ),
                    );
                    continue;
                }
                Some(date) => {
                    let days = today.days_until(date);
                    if policy
                        .expiry_warning_days
                        .is_some_and(|warn| days <= i64::from(warn))
                    {
                        let when = if days == 1 {
                            "tomorrow".to_string()
                        } else {
                            format!("in {days} days")
                        };
                        expiring.report(
                            expiry.range,
                            format!("this suppression expires on {date}, {when}"),
                        );
                    }
                }
            }
        }
        let before = s.codes.len();
        s.codes.retain(|code| {
            let Some(rule) = code.rule else {
                return true;
            };
            if !is_unsuppressible(&policy.unsuppressible, rule) {
                return true;
            }
            forbidden.report(
                code.range,
                format!(
                    "`{}` ({}) may not be suppressed: the configuration lists it as unsuppressible, so this has no effect",
                    rule.code, rule.name
                ),
            );
            false
        });
        // A suppression whose every code was refused suppresses nothing,
        // and is not also reported as unused.
        if before == 0 || !s.codes.is_empty() {
            effective.push(s);
        }
    }
    let findings = [expired, expiring, no_reason, forbidden]
        .into_iter()
        .flat_map(Sink::into_diagnostics)
        .collect();
    Review {
        effective,
        findings,
    }
}

fn is_unsuppressible(list: &[&'static Rule], rule: &Rule) -> bool {
    list.iter().any(|r| r.code == rule.code)
}
