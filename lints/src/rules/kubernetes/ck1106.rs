use crate::kubernetes::edit;
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every container (init and ephemeral containers too)
    /// drops all capabilities with `securityContext.capabilities.drop: [ALL]`
    /// and adds back at most `NET_BIND_SERVICE`. Pods with
    /// `spec.os.name: windows` are exempt.
    ///
    /// ## Why is this bad?
    /// Container runtimes grant a default set of capabilities (`CHOWN`,
    /// `DAC_OVERRIDE`, `FOWNER`, `SETUID`, `MKNOD`…) that few applications
    /// need and that an attacker inside the container can use. The Pod
    /// Security Standards' Restricted level requires dropping `ALL` and allows
    /// adding back only `NET_BIND_SERVICE` (to bind ports below 1024).
    ///
    /// `ALL` is compared exactly, as Pod Security Admission does. A missing
    /// `ALL` is reported at the `drop` list, else at the `capabilities` key,
    /// else at the container's `securityContext` key or `name`. Added
    /// capabilities outside the default set are CK1004's (Baseline), so only
    /// added default-set capabilities other than `NET_BIND_SERVICE` are
    /// reported here.
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
    ///       image: example/web:1.0
    ///       securityContext:
    ///         capabilities:
    ///           drop: [NET_RAW]
    ///           add: [CHOWN]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   containers:
    ///     - name: web
    ///       image: example/web:1.0
    ///       securityContext:
    ///         capabilities:
    ///           drop: [ALL]
    ///           add: [NET_BIND_SERVICE]
    /// ```
    ///
    /// ## Fix
    /// An unsafe fix adds `ALL` to `capabilities.drop`, creating `drop`,
    /// `capabilities` and `securityContext` as needed; capabilities the container
    /// still needs must then be listed under `add`. Added capabilities are not
    /// removed.
    pub static RULE = Rule {
        code: "CK1106",
        name: "pss-capabilities-restricted",
        summary: "A container does not drop all capabilities, or adds back more than NET_BIND_SERVICE",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Restricted],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Restricted: Capabilities"),
            Reference::new(Source::CisKubernetes, "5.2.9 (1.12)"),
            Reference::new(Source::Trivy, "KSV-0106"),
            Reference::new(Source::Trivy, "KSV-0003"),
            Reference::new(Source::Checkov, "CKV_K8S_37"),
            Reference::new(Source::KubeLinter, "drop-net-raw-capability"),
        ],
        aliases: &["drop-net-raw-capability", "KSV-0106"],
        fix: Some(Applicability::Unsafe),
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    if !ctx.settings.pss_version.at_least(22) {
        return;
    }
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        if ctx.settings.pss_version.windows_exempt(&pod) {
            continue;
        }
        for container in pod.containers() {
            let capabilities = container
                .security_context
                .and_then(|sc| sc.entry("capabilities"));
            let drop = container.security(&["capabilities", "drop"]);
            let drops_all = drop
                .and_then(|n| n.as_sequence())
                .is_some_and(|items| items.iter().any(|i| i.as_str() == Some("ALL")));
            if !drops_all {
                let at = drop
                    .map(|n| n.range)
                    .or(capabilities.map(|e| e.key.range))
                    .unwrap_or_else(|| container.security_anchor());
                let d = sink.report(
                    at,
                    format!(
                        "{}: {} does not drop all capabilities (`capabilities.drop: [ALL]`)",
                        object.label(),
                        container.describe()
                    ),
                );
                let drop_entry = container
                    .security_context
                    .and_then(|sc| sc.get("capabilities"))
                    .and_then(|c| c.entry("drop"));
                let e = match drop_entry {
                    Some(entry) if entry.value.is_sequence() => {
                        edit::append_item(ctx.source, &entry.value, "ALL")
                    }
                    Some(entry) => edit::set_value(ctx.source, entry, "[ALL]"),
                    None => edit::ensure(
                        ctx.source,
                        container.node,
                        &["securityContext", "capabilities", "drop"],
                        edit::Value::Seq(vec!["ALL"]),
                    ),
                };
                if let Some(e) = e {
                    d.fix(Fix::unsafe_("Drop all capabilities (`drop: [ALL]`)", vec![e]));
                }
            }
            let added = container
                .security(&["capabilities", "add"])
                .and_then(|n| n.as_sequence())
                .unwrap_or(&[]);
            for item in added {
                let Some(name) = item.scalar_text() else {
                    continue;
                };
                if name != "NET_BIND_SERVICE" && super::ck1004::DEFAULT_CAPABILITIES.contains(&name)
                {
                    sink.report(
                        item.range,
                        format!(
                            "{}: {} adds the capability `{name}`; only `NET_BIND_SERVICE` may be added",
                            object.label(),
                            container.describe()
                        ),
                    );
                }
            }
        }
    }
}
