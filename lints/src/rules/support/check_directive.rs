//! BuildKit's `# check=` parser directive, which configures Docker's build
//! checks: `# check=skip=JSONArgsRecommended,StageNameCasing;error=true`.
//! caulk honours its `skip` list as file-wide suppressions (BuildKit check
//! names are aliases of caulk rules).

use crate::dockerfile::{Directive, Dockerfile};
use crate::text::TextRange;

/// A check name listed in `skip=`, with its source range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedCheck {
    pub name: String,
    pub range: TextRange,
}

/// What a `# check=` directive says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckDirective {
    /// Names in `skip=` (empty with `skip=all`).
    pub skip: Vec<SkippedCheck>,
    /// `skip=all`: every check is off.
    pub skip_all: bool,
    /// `error=true`: BuildKit fails the build on a check violation.
    pub error: bool,
    /// Names in `experimental=` (experimental checks to turn on).
    pub experimental: Vec<String>,
    /// Options BuildKit would reject, as `(range, message)`.
    pub problems: Vec<(TextRange, String)>,
}

impl CheckDirective {
    /// Whether `name` (a BuildKit check name, matched case-insensitively) is skipped.
    pub fn skips(&self, name: &str) -> bool {
        self.skip_all || self.skip.iter().any(|s| s.name.eq_ignore_ascii_case(name))
    }
}

/// The parsed `# check=` directive of a Dockerfile, if it has one.
pub fn check_directive(dockerfile: &Dockerfile) -> Option<CheckDirective> {
    dockerfile.directive("check").map(parse_directive)
}

/// Parses a `# check=` directive with ranges into the source.
pub fn parse_directive(directive: &Directive) -> CheckDirective {
    parse(&directive.value, directive.value_range.start)
}

/// Parses the value of a `check` directive that starts at source offset `at`.
pub fn parse(value: &str, at: u32) -> CheckDirective {
    let mut out = CheckDirective::default();
    let range = |start: usize, end: usize| TextRange::new(at + start as u32, at + end as u32);
    let mut offset = 0usize;
    for option in value.split(';') {
        let option_start = offset;
        offset += option.len() + 1;
        if option.trim().is_empty() {
            continue;
        }
        let Some((key, val)) = option.split_once('=') else {
            out.problems.push((
                range(option_start, option_start + option.len()),
                format!(
                    "invalid check option `{}`: expected `name=value`",
                    option.trim()
                ),
            ));
            continue;
        };
        let value_start = option_start + key.len() + 1;
        match key.trim().to_ascii_lowercase().as_str() {
            "skip" => {
                if val.trim().eq_ignore_ascii_case("all") {
                    out.skip_all = true;
                    continue;
                }
                let mut item_offset = value_start;
                for item in val.split(',') {
                    let item_start = item_offset;
                    item_offset += item.len() + 1;
                    let name = item.trim();
                    if name.is_empty() {
                        continue;
                    }
                    let lead = item.len() - item.trim_start().len();
                    out.skip.push(SkippedCheck {
                        name: name.to_string(),
                        range: range(item_start + lead, item_start + lead + name.len()),
                    });
                }
            }
            "error" => match val.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "t" => out.error = true,
                "false" | "0" | "f" => out.error = false,
                other => out.problems.push((
                    range(value_start, value_start + val.len()),
                    format!(
                        "invalid value `{other}` for check option `error`: expected true or false"
                    ),
                )),
            },
            "experimental" => {
                out.experimental.extend(
                    val.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                );
            }
            other => out.problems.push((
                range(option_start, option_start + key.len()),
                format!("unknown check option `{other}`: expected skip, error or experimental"),
            )),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_skip_and_error() {
        let value = "skip=JSONArgsRecommended, StageNameCasing;error=true";
        let d = parse(value, 8);
        let names: Vec<_> = d.skip.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["JSONArgsRecommended", "StageNameCasing"]);
        assert_eq!(d.skip[1].range, TextRange::new(8 + 26, 8 + 41));
        assert!(d.error && !d.skip_all && d.problems.is_empty());
        assert!(d.skips("stagenamecasing"));
        assert!(!d.skips("FromAsCasing"));
    }

    #[test]
    fn parses_skip_all_and_reports_bad_options() {
        let d = parse(" skip = all ; experimental=InvalidDefinitionDescription", 0);
        assert!(d.skip_all && d.skips("Anything"));
        assert_eq!(d.experimental, ["InvalidDefinitionDescription"]);
        let d = parse("skip;error=maybe;color=red", 0);
        assert_eq!(d.problems.len(), 3);
        assert!(d.skip.is_empty());
    }

    #[test]
    fn reads_the_directive_from_a_dockerfile() {
        let text =
            "# syntax=docker/dockerfile:1\n# check=skip=FromAsCasing\nFROM alpine as build\n";
        let dockerfile = crate::dockerfile::parse(text);
        let d = check_directive(&dockerfile).expect("directive");
        assert_eq!(d.skip.len(), 1);
        assert_eq!(d.skip[0].range.slice(text), "FromAsCasing");
        assert!(check_directive(&crate::dockerfile::parse("FROM alpine\n")).is_none());
    }
}
