use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for Secrets passed to containers as environment variables:
    /// `env[].valueFrom.secretKeyRef` and `envFrom[].secretRef`, in every
    /// container of a workload.
    ///
    /// ## Why is this bad?
    /// Environment variables leak: applications print them in crash reports
    /// and debug pages, child processes inherit them, and they show up in
    /// `/proc/<pid>/environ` and in container inspection output. They are
    /// also fixed for the life of the process, so a rotated secret needs a
    /// restart. A Secret mounted as a file has none of these problems and is
    /// updated in place.
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
    ///       image: app:1.0
    ///       env:
    ///         - name: DB_PASSWORD
    ///           valueFrom:
    ///             secretKeyRef: {name: db, key: password}
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
    ///       image: app:1.0
    ///       env:
    ///         - name: DB_PASSWORD_FILE
    ///           value: /etc/db/password
    ///       volumeMounts:
    ///         - {name: db, mountPath: /etc/db, readOnly: true}
    ///   volumes:
    ///     - name: db
    ///       secret: {secretName: db}
    /// ```
    pub static RULE = Rule {
        code: "CK2101",
        name: "secret-in-env",
        summary: "A Secret is passed to a container as environment variables",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::CisKubernetes, "5.4.1 (1.12)"),
            Reference::new(Source::KubeLinter, "read-secret-from-env-var"),
            Reference::new(Source::Checkov, "CKV_K8S_35"),
        ],
        aliases: &["read-secret-from-env-var", "CKV_K8S_35"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for container in pod.containers() {
            let items = |key: &str| {
                container
                    .node
                    .get(key)
                    .and_then(|n| n.as_sequence())
                    .unwrap_or(&[])
            };
            for item in items("env") {
                let Some(entry) = item.get("valueFrom").and_then(|v| v.entry("secretKeyRef"))
                else {
                    continue;
                };
                let var = item
                    .get("name")
                    .and_then(|n| n.scalar_text())
                    .unwrap_or("?");
                let secret = entry
                    .value
                    .get("name")
                    .and_then(|n| n.scalar_text())
                    .unwrap_or("?");
                sink.report(
                    entry.key.range,
                    format!(
                        "{} reads Secret `{secret}` into the environment variable `{var}`",
                        container.describe()
                    ),
                );
            }
            for item in items("envFrom") {
                let Some(entry) = item.entry("secretRef") else {
                    continue;
                };
                let secret = entry
                    .value
                    .get("name")
                    .and_then(|n| n.scalar_text())
                    .unwrap_or("?");
                sink.report(
                    entry.key.range,
                    format!(
                        "{} loads every key of Secret `{secret}` into its environment",
                        container.describe()
                    ),
                );
            }
        }
    }
}
