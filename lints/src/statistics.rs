//! `caulk check --statistics`: per rule, how many findings were reported
//! and how many were waived, and by what, so a team sees what is being
//! suppressed across its repositories.

use crate::lint::LintedFile;
use crate::suppress::Dialect;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// What kept a finding out of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WaiverKind {
    /// An inline comment (`# caulk ignore=…`, `# hadolint ignore=…`).
    Comment,
    /// A Kubernetes annotation.
    Annotation,
    /// The configuration's `ignore` or severity `off` (counted only when
    /// ignored rules are run for statistics).
    ConfigIgnore,
    /// A baseline file entry.
    Baseline,
}

impl WaiverKind {
    /// How a suppression written in `dialect` is counted.
    pub fn of(dialect: Dialect) -> WaiverKind {
        match dialect {
            Dialect::Caulk | Dialect::Hadolint => WaiverKind::Comment,
            Dialect::Annotation | Dialect::KubeLinter => WaiverKind::Annotation,
        }
    }
}

/// One finding that was found but not reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Waiver {
    pub code: &'static str,
    pub kind: WaiverKind,
}

/// The counts for one rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct RuleStatistics {
    pub code: &'static str,
    pub name: &'static str,
    /// Findings in the report.
    pub reported: usize,
    /// Findings suppressed by inline comments.
    pub comment: usize,
    pub annotation: usize,
    pub config_ignore: usize,
    pub baseline: usize,
}

impl RuleStatistics {
    /// Every finding of the rule, reported or waived.
    pub fn found(&self) -> usize {
        self.reported + self.waived()
    }

    pub fn waived(&self) -> usize {
        self.comment + self.annotation + self.config_ignore + self.baseline
    }
}

/// Per-rule counts over `files`, in code order; rules with nothing to count are left out.
pub fn statistics(files: &[LintedFile]) -> Vec<RuleStatistics> {
    let mut by_code: BTreeMap<&'static str, RuleStatistics> = BTreeMap::new();
    let mut bump = |code: &'static str, count: &dyn Fn(&mut RuleStatistics)| {
        let stats = by_code.entry(code).or_insert_with(|| RuleStatistics {
            code,
            name: crate::rules::registry::find(code).map_or("", |r| r.name),
            ..RuleStatistics::default()
        });
        count(stats);
    };
    for file in crate::report::linted(files) {
        for d in &file.diagnostics {
            bump(d.code, &|s| s.reported += 1);
        }
        for w in &file.waived {
            bump(w.code, &|s| match w.kind {
                WaiverKind::Comment => s.comment += 1,
                WaiverKind::Annotation => s.annotation += 1,
                WaiverKind::ConfigIgnore => s.config_ignore += 1,
                WaiverKind::Baseline => s.baseline += 1,
            });
        }
    }
    by_code.into_values().collect()
}

/// The statistics as a table, with a total row:
///
/// ```text
/// Rule      Found  Reported  Comment  Annotation  Config  Baseline  Name
/// DL3008        3         1        1           0       0         1  apt-unpinned-package
/// Total         3         1        1           0       0         1
/// ```
pub fn render_table(stats: &[RuleStatistics], out: &mut dyn Write) -> io::Result<()> {
    let header = [
        "Rule",
        "Found",
        "Reported",
        "Comment",
        "Annotation",
        "Config",
        "Baseline",
    ];
    let row = |s: &RuleStatistics| {
        [
            s.found(),
            s.reported,
            s.comment,
            s.annotation,
            s.config_ignore,
            s.baseline,
        ]
    };
    let mut total = [0usize; 6];
    for s in stats {
        for (t, n) in total.iter_mut().zip(row(s)) {
            *t += n;
        }
    }
    let code_width = stats
        .iter()
        .map(|s| s.code.len())
        .chain([header[0].len(), "Total".len()])
        .max()
        .unwrap_or(0);
    write!(out, "{:<code_width$}", header[0])?;
    for h in &header[1..] {
        write!(out, "  {h}")?;
    }
    writeln!(out, "  Name")?;
    let numbers = |out: &mut dyn Write, values: [usize; 6]| -> io::Result<()> {
        for (h, n) in header[1..].iter().zip(values) {
            write!(out, "  {n:>width$}", width = h.len())?;
        }
        Ok(())
    };
    for s in stats {
        write!(out, "{:<code_width$}", s.code)?;
        numbers(out, row(s))?;
        writeln!(out, "  {}", s.name)?;
    }
    write!(out, "{:<code_width$}", "Total")?;
    numbers(out, total)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_counts_under_their_headers_and_totals_them() {
        let stats = vec![
            RuleStatistics {
                code: "DL3008",
                name: "apt-unpinned-package",
                reported: 1,
                comment: 12,
                baseline: 1,
                ..RuleStatistics::default()
            },
            RuleStatistics {
                code: "CD1001",
                name: "no-user",
                config_ignore: 3,
                ..RuleStatistics::default()
            },
        ];
        let mut out = Vec::new();
        render_table(&stats, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "Rule    Found  Reported  Comment  Annotation  Config  Baseline  Name\n\
             DL3008     14         1       12           0       0         1  apt-unpinned-package\n\
             CD1001      3         0        0           0       3         0  no-user\n\
             Total      17         1       12           0       3         1\n"
        );
    }
}
