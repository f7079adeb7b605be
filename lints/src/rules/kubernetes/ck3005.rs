use crate::kubernetes::ContainerView;
use crate::rules::prelude::*;
use crate::yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Checks for container images without a tag, or tagged `latest`, in
    /// every container of a workload (init and ephemeral containers too).
    ///
    /// ## Why is this bad?
    /// `latest` (and an image without a tag, which means `latest`) names
    /// whatever was pushed last. Two nodes pulling at different times run
    /// different code, a rollback redeploys the same moving tag, and nobody
    /// can tell from the manifest what is running. Pin a version tag, or a
    /// digest.
    ///
    /// An image with a digest (`@sha256:…`) is pinned whatever its tag.
    /// Images written with template placeholders (`${IMAGE}`, `$(TAG)`) are
    /// not judged.
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
    ///       image: nginx:latest
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
    ///       image: nginx:1.27.3
    /// ```
    pub static RULE = Rule {
        code: "CK3005",
        name: "image-latest-or-untagged",
        summary: "A container image has no tag or uses `latest`",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::KubeLinter, "latest-tag"),
            Reference::new(Source::Checkov, "CKV_K8S_14"),
            Reference::new(Source::Trivy, "KSV-0013"),
            Reference::new(Source::KubeScore, "container-image-tag"),
            Reference::new(Source::Polaris, "tagNotSpecified"),
        ],
        aliases: &["latest-tag", "CKV_K8S_14", "KSV-0013"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for container in pod.containers() {
            let Some((node, image)) = image(container) else {
                continue;
            };
            if image.digest.is_some() {
                continue;
            }
            let message = match image.tag.as_deref() {
                None => format!(
                    "{} uses `{}` without a tag, which means `latest`",
                    container.describe(),
                    image.full
                ),
                Some(tag) if tag.eq_ignore_ascii_case("latest") => format!(
                    "{} uses the `{tag}` tag of `{}`",
                    container.describe(),
                    image.full.rsplit_once(':').map_or(image.full.as_str(), |(name, _)| name)
                ),
                Some(_) => continue,
            };
            sink.report(node.range, message);
        }
    }
}

/// The container's `image` node and its parsed reference; `None` when
/// missing, empty or written with template placeholders.
pub fn image<'a>(container: &ContainerView<'a>) -> Option<(&'a Node, ResolvedImage)> {
    let node = container.node.get("image")?;
    let text = node.as_str()?;
    if text.contains(['$', '{', '}', '<', '>']) {
        return None;
    }
    Some((node, ResolvedImage::parse(text)?))
}

/// Whether the image's pull policy defaults to `Always` (no tag or `latest`,
/// and no digest).
pub fn defaults_to_always(image: &ResolvedImage) -> bool {
    image.digest.is_none()
        && image
            .tag
            .as_deref()
            .is_none_or(|t| t.eq_ignore_ascii_case("latest"))
}
