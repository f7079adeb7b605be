//! Checks across the whole linted set: rules that can only judge a file
//! together with the others (is this workload's namespace covered by a
//! NetworkPolicy in some other file? does any file define the pods this
//! Service selects?).
//!
//! While a Kubernetes file is linted, the engine keeps a small [`Inventory`]
//! of what such rules need (workload labels, NetworkPolicy and Service
//! selectors, each with its namespace and position) and the file's reviewed
//! suppressions. After every file is linted — in parallel — the caller runs
//! [`lint_project`] once: every [`Check::Project`] rule reads the inventories
//! of all files and reports each finding in the file and at the span it
//! concerns; that file's configuration (enabled rules, severities) and
//! suppressions (comments and annotations) then apply exactly as for any
//! other rule, and suppressions naming a project rule that suppressed
//! nothing are reported then, not before.
//!
//! The language server lints one open document at a time and does not run
//! these rules: a NetworkPolicy or workload in a file that is not open would
//! otherwise make every document look wrong.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::kubernetes::Object;
use crate::lint::LintedFile;
use crate::rules::{Check, Rule, Sink, registry};
use crate::suppress::Suppression;
use crate::text::TextRange;
use crate::yaml::Node;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// What one file contributes to the project-level checks.
#[derive(Clone, Debug, Default)]
pub struct Inventory {
    pub workloads: Vec<Workload>,
    pub network_policies: Vec<NetworkPolicy>,
    pub services: Vec<Service>,
}

/// A workload with a pod template (PodTemplate objects excluded: they run nothing).
#[derive(Clone, Debug)]
pub struct Workload {
    /// `Deployment/web`.
    pub label: String,
    pub namespace: Option<String>,
    /// The pod template's `metadata.labels` mapping.
    pub pod_labels: Option<Node>,
    /// Where to report: the object's name.
    pub anchor: TextRange,
}

/// A `networking.k8s.io` NetworkPolicy.
#[derive(Clone, Debug)]
pub struct NetworkPolicy {
    pub namespace: Option<String>,
    /// `spec.podSelector` when it is a mapping; `None` selects every pod.
    pub pod_selector: Option<Node>,
}

/// A `v1` Service with a non-empty selector (not `ExternalName`).
#[derive(Clone, Debug)]
pub struct Service {
    pub label: String,
    pub namespace: Option<String>,
    /// `spec.selector`, key and value pairs as written.
    pub selector: Vec<(String, String)>,
    /// The `selector` key.
    pub anchor: TextRange,
}

impl Inventory {
    /// The inventory of a file's objects.
    pub fn of(objects: &[Object<'_>]) -> Self {
        let mut out = Inventory::default();
        for object in objects {
            let namespace = || object.namespace.map(str::to_string);
            if object.kind == "NetworkPolicy" && object.group() == "networking.k8s.io" {
                out.network_policies.push(NetworkPolicy {
                    namespace: namespace(),
                    pod_selector: object
                        .node
                        .get_path(&["spec", "podSelector"])
                        .filter(|n| n.is_mapping())
                        .cloned(),
                });
            } else if object.kind == "Service" && object.api_version == "v1" {
                if let Some(service) = service(object) {
                    out.services.push(service);
                }
            } else if object.kind != "PodTemplate"
                && let Some(pod) = object.pod()
            {
                out.workloads.push(Workload {
                    label: object.label().to_string(),
                    namespace: namespace(),
                    pod_labels: pod.labels().cloned(),
                    anchor: object.anchor(),
                });
            }
        }
        out
    }
}

fn service(object: &Object<'_>) -> Option<Service> {
    let spec = object.node.get("spec")?;
    if spec.get("type").and_then(|n| n.as_str()) == Some("ExternalName") {
        return None;
    }
    let entry = spec.entry("selector")?;
    let pairs = entry.value.as_mapping().filter(|m| !m.is_empty())?;
    let selector = pairs
        .iter()
        .map(|e| {
            (
                e.key.scalar_text().unwrap_or_default().to_string(),
                e.value.scalar_text().unwrap_or_default().to_string(),
            )
        })
        .collect();
    Some(Service {
        label: object.label().to_string(),
        namespace: object.namespace.map(str::to_string),
        selector,
        anchor: entry.key.range,
    })
}

/// Whether two objects may share a namespace: equal, or either unset (the
/// namespace is then chosen at deploy time, usually the same for a set).
pub fn same_namespace(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// What the engine keeps of a linted Kubernetes file for the project pass.
#[derive(Debug, Default)]
pub struct ProjectFacts {
    pub inventory: Inventory,
    /// The project rules the file's configuration enables: a rule no file
    /// enables is not run (its findings would all be dropped).
    pub(crate) enabled: Vec<&'static Rule>,
    /// The file's suppressions after review against its configuration.
    pub(crate) suppressions: Vec<Suppression>,
}

/// One linted file as a project rule sees it.
pub struct ProjectFile<'a> {
    pub path: &'a Path,
    pub inventory: &'a Inventory,
}

/// Everything a project rule may read: every linted Kubernetes file.
pub struct ProjectContext<'a> {
    /// Indexed by [`ProjectSink::report`]'s `file`.
    pub files: Vec<ProjectFile<'a>>,
}

/// Where a project rule puts its findings: a file (index into
/// [`ProjectContext::files`]) and a range in it.
pub struct ProjectSink {
    rule: &'static Rule,
    by_file: BTreeMap<usize, Sink>,
}

impl ProjectSink {
    pub fn new(rule: &'static Rule) -> Self {
        Self {
            rule,
            by_file: BTreeMap::new(),
        }
    }

    pub fn report(
        &mut self,
        file: usize,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let rule = self.rule;
        self.by_file
            .entry(file)
            .or_insert_with(|| Sink::new(rule))
            .report(range, message)
    }
}

/// Whether a rule runs in the project pass.
pub fn is_project_rule(rule: &Rule) -> bool {
    matches!(rule.check, Check::Project(_))
}

/// Runs every project rule over `files` and adds the findings to the files
/// they concern, under each file's configuration (`config_for`) and
/// suppressions. Call it once, after every file is linted.
pub fn lint_project(files: &mut [LintedFile], config_for: impl Fn(&Path) -> Arc<Config>) {
    let members: Vec<usize> = (0..files.len())
        .filter(|&i| files[i].project.is_some())
        .collect();
    if members.is_empty() {
        return;
    }
    let mut found: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
    {
        let ctx = ProjectContext {
            files: members
                .iter()
                .map(|&i| ProjectFile {
                    path: &files[i].path,
                    inventory: &files[i].project.as_ref().expect("member").inventory,
                })
                .collect(),
        };
        for &rule in registry::all() {
            let Check::Project(check) = rule.check else {
                continue;
            };
            let wanted = members.iter().any(|&i| {
                let facts = files[i].project.as_ref().expect("member");
                facts.enabled.iter().any(|r| std::ptr::eq(*r, rule))
            });
            if !wanted {
                continue;
            }
            let mut sink = ProjectSink::new(rule);
            check(&ctx, &mut sink);
            for (at, sink) in sink.by_file {
                found
                    .entry(members[at])
                    .or_default()
                    .extend(sink.into_diagnostics());
            }
        }
    }
    for &i in &members {
        let file = &mut files[i];
        let config = config_for(&file.path);
        let diagnostics = found.remove(&i).unwrap_or_default();
        let facts = file.project.as_ref().expect("member");
        let has_project_codes = facts
            .suppressions
            .iter()
            .any(|s| s.codes.iter().any(|c| c.rule.is_some_and(is_project_rule)));
        if diagnostics.is_empty() && !has_project_codes {
            continue;
        }
        crate::lint::finish_project(file, diagnostics, &config);
    }
}
