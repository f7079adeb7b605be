//! What every rule declares about itself.

use super::{DockerfileContext, KubernetesContext, Sink};
use crate::diagnostic::{Applicability, Severity};

/// What kind of problem a rule finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Weakens the security of the image or workload.
    Security,
    /// Will not work as written, or works by accident.
    Correctness,
    /// Works, but makes images or workloads larger, slower, flakier or harder to run.
    BestPractice,
    /// Consistency and readability.
    Style,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Security => "security",
            Category::Correctness => "correctness",
            Category::BestPractice => "best-practice",
            Category::Style => "style",
        }
    }
}

/// Named rule sets. A rule runs when any profile it belongs to is active
/// (plus `select`/`ignore` in configuration). `strict` turns on every rule.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// What a team can adopt on day one.
    Default,
    /// CIS Docker Benchmark section 4 and CIS Kubernetes Benchmark section 5.
    Cis,
    /// Pod Security Standards, Baseline level.
    Baseline,
    /// Pod Security Standards, Restricted level (includes Baseline).
    Restricted,
    /// Every rule.
    Strict,
}

impl Profile {
    pub const ALL: [Profile; 5] = [
        Profile::Default,
        Profile::Cis,
        Profile::Baseline,
        Profile::Restricted,
        Profile::Strict,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Default => "default",
            Profile::Cis => "cis",
            Profile::Baseline => "baseline",
            Profile::Restricted => "restricted",
            Profile::Strict => "strict",
        }
    }
}

impl std::str::FromStr for Profile {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Profile::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!(
                    "unknown profile `{s}` (expected default, cis, baseline, restricted or strict)"
                )
            })
    }
}

/// The body of knowledge a reference points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    Hadolint,
    BuildKit,
    CisDocker,
    CisKubernetes,
    Owasp,
    PodSecurityStandards,
    KubeLinter,
    Checkov,
    Trivy,
    KubeScore,
    Polaris,
    /// Any other document; the id is its URL.
    Url,
}

/// A pointer from a rule to the standard or tool it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    pub source: Source,
    pub id: &'static str,
}

impl Reference {
    pub const fn new(source: Source, id: &'static str) -> Self {
        Self { source, id }
    }

    pub fn source_name(&self) -> &'static str {
        match self.source {
            Source::Hadolint => "hadolint",
            Source::BuildKit => "Docker build checks",
            Source::CisDocker => "CIS Docker Benchmark 1.6",
            Source::CisKubernetes => "CIS Kubernetes Benchmark",
            Source::Owasp => "OWASP Docker Security Cheat Sheet",
            Source::PodSecurityStandards => "Pod Security Standards",
            Source::KubeLinter => "kube-linter",
            Source::Checkov => "Checkov",
            Source::Trivy => "Trivy",
            Source::KubeScore => "kube-score",
            Source::Polaris => "Polaris",
            Source::Url => "see",
        }
    }

    /// A link to the referenced text, where one is stable enough to print.
    pub fn url(&self) -> Option<String> {
        Some(match self.source {
            Source::Hadolint => format!("https://github.com/hadolint/hadolint/wiki/{}", self.id),
            Source::BuildKit => {
                let mut slug = String::new();
                for (i, ch) in self.id.chars().enumerate() {
                    if ch.is_ascii_uppercase() && i > 0 {
                        slug.push('-');
                    }
                    slug.push(ch.to_ascii_lowercase());
                }
                format!("https://docs.docker.com/reference/build-checks/{slug}/")
            }
            Source::Owasp => {
                format!(
                    "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#{}",
                    self.id
                )
            }
            Source::PodSecurityStandards => {
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/".to_string()
            }
            Source::KubeLinter => "https://docs.kubelinter.io/#/generated/checks".to_string(),
            Source::Url => self.id.to_string(),
            _ => return None,
        })
    }
}

/// How a rule inspects its input. The engine parses and models each file
/// once; every rule reads the same model.
#[derive(Clone, Copy)]
pub enum Check {
    Dockerfile(fn(&DockerfileContext<'_>, &mut Sink)),
    Kubernetes(fn(&KubernetesContext<'_>, &mut Sink)),
    /// A Kubernetes rule that needs every linted file at once; run by
    /// [`crate::project::lint_project`] after the files are linted.
    Project(fn(&crate::project::ProjectContext<'_>, &mut crate::project::ProjectSink)),
    /// Findings produced by the engine itself (parse errors, unused
    /// suppressions) for the given kind of file.
    Engine(Target),
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Check::Dockerfile(_) => "Dockerfile",
            Check::Kubernetes(_) => "Kubernetes",
            Check::Project(_) => "Project",
            Check::Engine(_) => "Engine",
        })
    }
}

/// Which kind of file a rule applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    Dockerfile,
    Kubernetes,
    Any,
}

/// A rule's metadata and check. Declared with [`crate::declare_rule!`].
#[derive(Debug)]
pub struct Rule {
    /// Stable code, never reused: hadolint's `DLxxxx` where hadolint has the rule.
    pub code: &'static str,
    /// Kebab-case name, usable wherever a code is.
    pub name: &'static str,
    /// One sentence saying what the rule finds.
    pub summary: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// Profiles that turn the rule on; `strict` turns on every rule.
    pub profiles: &'static [Profile],
    pub references: &'static [Reference],
    /// Other tools' names for this rule, accepted in configuration and suppressions.
    pub aliases: &'static [&'static str],
    /// The strongest fix the rule can offer, if any.
    pub fix: Option<Applicability>,
    /// Whether hadolint also checks inside `ONBUILD` (Dockerfile rules only).
    pub onbuild: bool,
    /// Markdown documentation: the doc comment of the rule's declaration.
    pub doc: &'static str,
    pub check: Check,
}

impl Rule {
    pub const DEFAULT: Rule = Rule {
        code: "",
        name: "",
        summary: "",
        category: Category::BestPractice,
        severity: Severity::Warning,
        profiles: &[Profile::Default],
        references: &[],
        aliases: &[],
        fix: None,
        onbuild: false,
        doc: "",
        check: Check::Engine(Target::Any),
    };

    pub fn target(&self) -> Target {
        match self.check {
            Check::Dockerfile(_) => Target::Dockerfile,
            Check::Kubernetes(_) | Check::Project(_) => Target::Kubernetes,
            Check::Engine(target) => target,
        }
    }

    pub fn in_profile(&self, profile: Profile) -> bool {
        profile == Profile::Strict || self.profiles.contains(&profile)
    }

    /// The documentation with the one-space indent of `///` comments removed.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.doc.len());
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }

    /// Whether `key` (a code, name or alias, any letter case) names this rule.
    pub fn is_named(&self, key: &str) -> bool {
        self.code.eq_ignore_ascii_case(key)
            || self.name.eq_ignore_ascii_case(key)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(key))
    }
}
