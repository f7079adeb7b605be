use crate::kubernetes::edit;
use crate::rules::Elsewhere;
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that pods opt out of mounting a service account token
    /// (`automountServiceAccountToken: false` in the pod spec), and that
    /// ServiceAccounts set it to `false` as their default.
    ///
    /// ## Why is this bad?
    /// Unless told otherwise, Kubernetes mounts a token for the pod's
    /// service account into every container. Most applications never call
    /// the Kubernetes API, but anyone who compromises them gets the token,
    /// and with it whatever RBAC grants that account (often more than
    /// intended). Mount it only where it is used.
    ///
    /// A pod that leaves the field unset inherits the value of its
    /// ServiceAccount; when that ServiceAccount is in the same file and sets
    /// `false`, the pod is not reported. The rule is off by default (it
    /// belongs to the `cis` profile): many workloads do need their token.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   containers:
    ///     - name: web
    ///       image: nginx:1.27
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   automountServiceAccountToken: false
    ///   containers:
    ///     - name: web
    ///       image: nginx:1.27
    /// ```
    ///
    /// ## Fix
    /// An unsafe fix sets `automountServiceAccountToken: false` on the
    /// ServiceAccount or the pod spec: a program that calls the Kubernetes API
    /// with the mounted token then needs the token mounted explicitly.
    pub static RULE = Rule {
        code: "CK2105",
        name: "service-account-token-automount",
        summary: "A pod or ServiceAccount does not disable service account token mounting",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Cis],
        references: &[
            Reference::new(Source::CisKubernetes, "5.1.6 (1.12)"),
            Reference::new(Source::Checkov, "CKV_K8S_38"),
            Reference::new(Source::Trivy, "KSV-0036"),
            Reference::new(Source::Polaris, "automountServiceAccountToken"),
        ],
        aliases: &["CKV_K8S_38"],
        fix: Some(Applicability::Unsafe),
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        if object.kind == "ServiceAccount" && object.api_version == "v1" {
            match object
                .node
                .get("automountServiceAccountToken")
                .filter(|n| !n.is_null())
            {
                Some(value) if value.as_bool() == Some(false) => {}
                Some(value) => {
                    let d = sink.report(
                        value.range,
                        format!(
                            "{} mounts its token into every pod by default",
                            object.label()
                        ),
                    );
                    fix(ctx, object.node, d);
                }
                None => {
                    let d = sink.report(
                        object.anchor(),
                        format!(
                            "{} does not set automountServiceAccountToken: false",
                            object.label()
                        ),
                    );
                    fix(ctx, object.node, d);
                }
            }
            continue;
        }
        if object.kind == "PodTemplate" {
            continue;
        }
        let Some(pod) = object.pod() else { continue };
        match pod
            .get("automountServiceAccountToken")
            .filter(|n| !n.is_null())
        {
            Some(value) if value.as_bool() == Some(false) => {}
            Some(value) => {
                let d = sink.report(
                    value.range,
                    match value.as_bool() {
                        Some(_) => format!("the pods of {} mount a service account token", object.label()),
                        None => format!(
                            "automountServiceAccountToken of {} is {}, not false, so the token is mounted",
                            object.label(),
                            value.type_name()
                        ),
                    },
                );
                fix(ctx, pod.spec, d);
            }
            None if account_disables_automount(ctx, object, &pod) => {}
            None => {
                let d = sink.report(
                    pod.spec_key.range,
                    format!(
                        "the pods of {} mount a service account token; set automountServiceAccountToken: false",
                        object.label()
                    ),
                );
                fix(ctx, pod.spec, d);
                // The account may be in another piece of a large file.
                if let Some(notes) = ctx.elsewhere {
                    notes.borrow_mut().push(Elsewhere::AutomountOffAccount {
                        finding: pod.spec_key.range,
                        account: account_name(&pod).to_string(),
                        namespace: object.namespace.map(str::to_string),
                    });
                }
            }
        }
    }
}

/// `automountServiceAccountToken: false` in `owner` (a ServiceAccount or a PodSpec).
fn fix(ctx: &KubernetesContext, owner: &crate::yaml::Node, d: &mut crate::diagnostic::Diagnostic) {
    if let Some(e) = edit::set_path(ctx.source, owner, &["automountServiceAccountToken"], "false") {
        d.fix(Fix::unsafe_("Set `automountServiceAccountToken: false`", vec![e]));
    }
}

/// Whether the pod's ServiceAccount is in the file and disables automounting.
fn account_disables_automount(
    ctx: &KubernetesContext,
    object: &crate::kubernetes::Object,
    pod: &crate::kubernetes::PodView,
) -> bool {
    let account = account_name(pod);
    ctx.objects.iter().any(|sa| {
        disables_automount(sa) == Some(account)
            && crate::project::same_namespace(sa.namespace, object.namespace)
    })
}

/// The name of the pod's ServiceAccount.
fn account_name<'a>(pod: &crate::kubernetes::PodView<'a>) -> &'a str {
    pod.get("serviceAccountName")
        .or_else(|| pod.get("serviceAccount"))
        .and_then(|n| n.as_str())
        .unwrap_or("default")
}

/// The name of a ServiceAccount that sets `automountServiceAccountToken: false`.
pub(crate) fn disables_automount<'a>(object: &crate::kubernetes::Object<'a>) -> Option<&'a str> {
    (object.kind == "ServiceAccount"
        && object
            .node
            .get("automountServiceAccountToken")
            .and_then(|n| n.as_bool())
            == Some(false))
    .then_some(object.name)
    .flatten()
}
