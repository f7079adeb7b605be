use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every volume of a pod spec is of a type the Restricted
    /// level allows: `configMap`, `csi`, `downwardAPI`, `emptyDir`,
    /// `ephemeral`, `image`, `persistentVolumeClaim`, `projected` or `secret`.
    ///
    /// ## Why is this bad?
    /// The other volume sources (`nfs`, `iscsi`, `rbd`, `cephfs`,
    /// `awsElasticBlockStore`, `gitRepo`, `flexVolume`…) let the pod spec
    /// itself name storage outside the cluster's control, or run node-side
    /// code to mount it, bypassing the PersistentVolume machinery where
    /// administrators decide what storage exists. The Pod Security Standards'
    /// Restricted level allows only the listed types; unknown sources are
    /// rejected too. Use a PersistentVolumeClaim for external storage.
    ///
    /// `hostPath` volumes are CK1005's (Baseline) and are not reported again
    /// here. A volume with a `name` only is an `emptyDir` once defaulted.
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
    ///   volumes:
    ///     - name: shared
    ///       nfs:
    ///         server: nfs.example.com
    ///         path: /exports/web
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
    ///   volumes:
    ///     - name: shared
    ///       persistentVolumeClaim:
    ///         claimName: web-shared
    /// ```
    pub static RULE = Rule {
        code: "CK1101",
        name: "pss-volume-types",
        summary: "A pod uses a volume type outside the Restricted allow-list",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Restricted],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Restricted: Volume Types"),
            Reference::new(Source::Trivy, "KSV-0028"),
        ],
        aliases: &["KSV-0028"],
        check: Check::Kubernetes(check),
    };
}

const ALLOWED: &[&str] = &[
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "image",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for volume in pod.volumes() {
            let name = volume.get("name").and_then(|n| n.scalar_text());
            for entry in volume.as_mapping().unwrap_or(&[]) {
                let Some(key) = entry.key_str() else { continue };
                if key == "name"
                    || key == "hostPath"
                    || ALLOWED.contains(&key)
                    || entry.value.is_null()
                {
                    continue;
                }
                let volume =
                    name.map_or_else(|| "a volume".to_string(), |n| format!("volume `{n}`"));
                sink.report(
                    entry.key.range,
                    format!(
                        "{}: {volume} is of type `{key}`, outside the Restricted allow-list",
                        object.label()
                    ),
                );
            }
        }
    }
}
