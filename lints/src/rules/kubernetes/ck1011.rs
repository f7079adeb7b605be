use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks `spec.securityContext.sysctls` for names outside the set of
    /// namespaced, "safe" sysctls of the latest Pod Security Standards.
    ///
    /// ## Why is this bad?
    /// Most kernel parameters are shared by every pod on the node, or let a
    /// pod starve its neighbours. Only a short list is known to be isolated
    /// per pod: `kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`,
    /// `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.tcp_syncookies`,
    /// `net.ipv4.ping_group_range`, `net.ipv4.ip_local_reserved_ports`
    /// (policy 1.27+), `net.ipv4.tcp_keepalive_time`,
    /// `net.ipv4.tcp_fin_timeout`, `net.ipv4.tcp_keepalive_intvl`,
    /// `net.ipv4.tcp_keepalive_probes` (1.29+), `net.ipv4.tcp_rmem`,
    /// `net.ipv4.tcp_wmem` (1.32+), `net.ipv4.tcp_slow_start_after_idle` and
    /// `net.ipv4.tcp_notsent_lowat` (1.37+). The Pod Security Standards allow
    /// only those at the Baseline level; a cluster enforcing an older policy
    /// version accepts fewer (set `pss-version` in `.caulk.yaml`). Only the
    /// name is checked, not the value.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: cache
    /// spec:
    ///   securityContext:
    ///     sysctls:
    ///       - name: net.core.somaxconn
    ///         value: "4096"
    ///   containers:
    ///     - name: cache
    ///       image: redis:7
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: cache
    /// spec:
    ///   securityContext:
    ///     sysctls:
    ///       - name: net.ipv4.tcp_keepalive_time
    ///         value: "600"
    ///   containers:
    ///     - name: cache
    ///       image: redis:7
    /// ```
    pub static RULE = Rule {
        code: "CK1011",
        name: "pss-sysctls",
        summary: "A pod sets a sysctl outside the safe set",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Baseline, Profile::Restricted, Profile::Cis],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Baseline: Sysctls"),
            Reference::new(Source::KubeLinter, "unsafe-sysctls"),
            Reference::new(Source::Trivy, "KSV-0026"),
        ],
        aliases: &["unsafe-sysctls", "KSV-0026"],
        check: Check::Kubernetes(check),
    };
}

/// The safe sysctls, each with the policy version that allowed it.
const SAFE: &[(u32, &str)] = &[
    (0, "kernel.shm_rmid_forced"),
    (0, "net.ipv4.ip_local_port_range"),
    (0, "net.ipv4.ip_unprivileged_port_start"),
    (0, "net.ipv4.tcp_syncookies"),
    (0, "net.ipv4.ping_group_range"),
    (27, "net.ipv4.ip_local_reserved_ports"),
    (29, "net.ipv4.tcp_keepalive_time"),
    (29, "net.ipv4.tcp_fin_timeout"),
    (29, "net.ipv4.tcp_keepalive_intvl"),
    (29, "net.ipv4.tcp_keepalive_probes"),
    (32, "net.ipv4.tcp_rmem"),
    (32, "net.ipv4.tcp_wmem"),
    (37, "net.ipv4.tcp_slow_start_after_idle"),
    (37, "net.ipv4.tcp_notsent_lowat"),
];

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        let Some(sysctls) = pod.security(&["sysctls"]).and_then(|n| n.as_sequence()) else {
            continue;
        };
        for sysctl in sysctls {
            let Some(node) = sysctl.get("name") else {
                continue;
            };
            let Some(name) = node.scalar_text().filter(|n| !n.is_empty()) else {
                continue;
            };
            let version = ctx.settings.pss_version;
            let since = SAFE.iter().find(|(_, safe)| *safe == name).map(|(v, _)| *v);
            let message = match since {
                Some(minor) if version.at_least(minor) => continue,
                Some(minor) => format!(
                    "{}: the sysctl `{name}` is safe only from policy version v1.{minor} \
                     (`pss-version` is {version})",
                    object.label()
                ),
                None => format!(
                    "{}: the sysctl `{name}` is not in the safe set",
                    object.label()
                ),
            };
            sink.report(node.range, message);
        }
    }
}
