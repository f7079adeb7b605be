use crate::rules::prelude::*;
use crate::rules::support::secrets::secret_name;

crate::declare_rule! {
    /// ## What it does
    /// Checks for environment variables whose name says they hold a secret
    /// (`DB_PASSWORD`, `API_KEY`, `GITHUB_TOKEN`, `clientSecret`…) and whose
    /// value is written in the manifest (`value:`), in every container of a
    /// workload.
    ///
    /// ## Why is this bad?
    /// The secret is then stored in plain text wherever the manifest goes:
    /// the Git history, CI logs, `kubectl get -o yaml` output and the
    /// `last-applied-configuration` annotation, readable by anyone who can
    /// read the workload. Put it in a Secret (or an external secret store)
    /// and mount it.
    ///
    /// Names that describe a secret rather than hold one (`PASSWORD_FILE`,
    /// `TOKEN_PATH`, `SECRET_NAME`) and public material (`GPG_KEY`) are not
    /// reported, nor are empty values.
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
    ///           value: hunter2
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
        code: "CK2102",
        name: "env-secret-literal",
        summary: "An environment variable named like a secret has its value in the manifest",
        category: Category::Security,
        severity: Severity::Error,
        references: &[
            Reference::new(Source::KubeLinter, "env-var-secret"),
            Reference::new(Source::Polaris, "sensitiveContainerEnvVar"),
            Reference::new(Source::Trivy, "KSV-0109"),
        ],
        aliases: &["env-var-secret"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for container in pod.containers() {
            let Some(env) = container.node.get("env").and_then(|n| n.as_sequence()) else {
                continue;
            };
            for item in env {
                let Some(name) = item.get("name").and_then(|n| n.scalar_text()) else {
                    continue;
                };
                let Some(value) = item.get("value") else {
                    continue;
                };
                if value.scalar_text().is_none_or(|v| v.trim().is_empty()) {
                    continue;
                }
                if secret_name(name).is_some() {
                    sink.report(
                        value.range,
                        format!(
                            "{} sets `{name}` to a value written in the manifest; use a Secret",
                            container.describe()
                        ),
                    );
                }
            }
        }
    }
}
