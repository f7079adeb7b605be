use crate::kubernetes::Object;
use crate::rules::prelude::*;
use crate::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Checks Roles and ClusterRoles for `*` in `verbs`, `resources` or
    /// `apiGroups`.
    ///
    /// ## Why is this bad?
    /// A wildcard grants everything that exists today and everything added
    /// later: new resource types, new subresources, new verbs. A role meant
    /// to read deployments with `resources: ["*"]` can also read secrets and
    /// create pods. List what the subject needs instead, so the grant stays
    /// as small as intended (least privilege).
    ///
    /// Each `*` item is reported where it is written. The rules for
    /// specific permissions (secrets, pod creation, exec, nodes/proxy) only
    /// report resources named explicitly, so a wildcard is reported here.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata:
    ///   name: deployer
    /// rules:
    ///   - apiGroups: ["apps"]
    ///     resources: ["*"]
    ///     verbs: ["*"]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata:
    ///   name: deployer
    /// rules:
    ///   - apiGroups: ["apps"]
    ///     resources: ["deployments"]
    ///     verbs: ["get", "list", "watch", "update", "patch"]
    /// ```
    pub static RULE = Rule {
        code: "CK2002",
        name: "rbac-wildcard",
        summary: "A Role or ClusterRole uses `*` in verbs, resources or apiGroups",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::CisKubernetes, "5.1.3 (1.12)"),
            Reference::new(Source::KubeLinter, "wildcard-in-rules"),
            Reference::new(Source::Checkov, "CKV_K8S_49"),
            Reference::new(Source::Trivy, "KSV-0044"),
            Reference::new(Source::Trivy, "KSV-0045"),
            Reference::new(Source::Trivy, "KSV-0046"),
        ],
        aliases: &["wildcard-in-rules", "CKV_K8S_49"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        for rule in policy_rules(object) {
            for (field, items) in [
                ("apiGroups", &rule.api_groups),
                ("resources", &rule.resources),
                ("verbs", &rule.verbs),
            ] {
                for item in items.iter().filter(|n| n.as_str() == Some("*")) {
                    sink.report(
                        item.range,
                        format!(
                            "`*` in `{field}` of {} grants every {}",
                            object.label(),
                            what(field)
                        ),
                    );
                }
            }
        }
    }
}

fn what(field: &str) -> &'static str {
    match field {
        "apiGroups" => "API group, including ones added later",
        "resources" => "resource, secrets included",
        _ => "verb, including escalate, bind and impersonate",
    }
}

/// One entry of a Role's or ClusterRole's `rules`.
pub struct PolicyRule<'a> {
    pub api_groups: Vec<&'a Node>,
    pub resources: Vec<&'a Node>,
    pub verbs: Vec<&'a Node>,
}

impl<'a> PolicyRule<'a> {
    /// Whether the rule applies to API group `group` (`""` is the core group).
    pub fn has_group(&self, group: &str) -> bool {
        self.api_groups
            .iter()
            .any(|g| matches!(g.as_str(), Some(s) if s == "*" || s == group))
    }

    /// The `resources` item naming `resource` exactly, or through a
    /// `name/*` subresource wildcard; `*` alone is left to `rbac-wildcard`.
    pub fn named_resource(&self, resource: &str) -> Option<&'a Node> {
        self.resources.iter().copied().find(|r| match r.as_str() {
            Some(s) if s == resource => true,
            Some(s) => s.strip_suffix("/*").is_some_and(|base| {
                resource
                    .strip_prefix(base)
                    .is_some_and(|rest| rest.starts_with('/'))
            }),
            None => false,
        })
    }

    /// The `verbs` item granting `verb`, explicitly or through `*`.
    pub fn grants_verb(&self, verb: &str) -> Option<&'a Node> {
        self.verbs
            .iter()
            .copied()
            .find(|v| matches!(v.as_str(), Some(s) if s == "*" || s.eq_ignore_ascii_case(verb)))
    }

    pub fn grants_any_verb(&self, verbs: &[&str]) -> Option<&'a Node> {
        verbs.iter().find_map(|v| self.grants_verb(v))
    }
}

/// The rules of a Role or ClusterRole (nothing for any other kind).
pub fn policy_rules<'a>(object: &Object<'a>) -> Vec<PolicyRule<'a>> {
    if !is_rbac(object) || !matches!(object.kind, "Role" | "ClusterRole") {
        return Vec::new();
    }
    let Some(rules) = object.node.get("rules").and_then(|n| n.as_sequence()) else {
        return Vec::new();
    };
    let list = |rule: &'a Node, key: &str| -> Vec<&'a Node> {
        match rule.get(key) {
            Some(n) => match n.as_sequence() {
                Some(items) => items.iter().collect(),
                // A single string where a list belongs: read it as one item.
                None if n.as_str().is_some() => vec![n],
                None => Vec::new(),
            },
            None => Vec::new(),
        }
    };
    rules
        .iter()
        .filter(|r| r.is_mapping())
        .map(|r| PolicyRule {
            api_groups: list(r, "apiGroups"),
            resources: list(r, "resources"),
            verbs: list(r, "verbs"),
        })
        .collect()
}

/// Whether the object belongs to the RBAC API group.
pub fn is_rbac(object: &Object) -> bool {
    object.group() == "rbac.authorization.k8s.io"
}
