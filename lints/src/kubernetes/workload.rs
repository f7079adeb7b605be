//! A typed view over the pod template of every workload kind: where the pod
//! spec sits, its containers of all three kinds, and the effective security
//! settings of a container (container level over pod level), every value
//! still a node of the position-keeping tree so findings point at it.

use super::Object;
use crate::text::TextRange;
use crate::yaml::Node;
use std::fmt;

/// The pod template (or the pod itself) of a workload object.
#[derive(Clone, Copy, Debug)]
pub struct PodView<'a> {
    pub object: &'a Object<'a>,
    /// The pod template's `metadata` (the object's own for a Pod).
    pub metadata: Option<&'a Node>,
    /// The PodSpec mapping.
    pub spec: &'a Node,
    /// The `spec` key of the PodSpec, for findings about a missing pod-level field.
    pub spec_key: &'a Node,
    /// See [`PodView::containers`].
    containers: &'a [ContainerView<'a>],
}

/// What [`PodView`] shows, found once per object by [`objects`](super::objects)
/// and kept in the [`Object`] (a view cannot be kept there: it points at the object).
#[derive(Debug)]
pub(crate) struct PodParts<'a> {
    metadata: Option<&'a Node>,
    spec: &'a Node,
    spec_key: &'a Node,
    containers: Vec<ContainerView<'a>>,
}

/// Which list of the PodSpec a container comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerKind {
    Init,
    Regular,
    Ephemeral,
}

impl ContainerKind {
    /// The PodSpec field holding containers of this kind.
    pub fn field(self) -> &'static str {
        match self {
            ContainerKind::Init => "initContainers",
            ContainerKind::Regular => "containers",
            ContainerKind::Ephemeral => "ephemeralContainers",
        }
    }
}

/// One container of a pod spec.
#[derive(Clone, Copy, Debug)]
pub struct ContainerView<'a> {
    pub node: &'a Node,
    pub kind: ContainerKind,
    pub name: Option<&'a str>,
    pub name_node: Option<&'a Node>,
    /// The container's `securityContext` when it is a mapping.
    pub security_context: Option<&'a Node>,
    /// The `securityContext` key, whatever its value (`securityContext: null` too).
    pub security_context_key: Option<&'a Node>,
    /// The pod-level `securityContext` when it is a mapping.
    pub pod_security_context: Option<&'a Node>,
}

/// [`ContainerView::describe`]: written straight into a message (see [`Label`](super::Label)).
#[derive(Clone, Copy, Debug)]
pub struct Description<'a> {
    kind: ContainerKind,
    name: Option<&'a str>,
}

impl fmt::Display for Description<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            ContainerKind::Init => "init container",
            ContainerKind::Regular => "container",
            ContainerKind::Ephemeral => "ephemeral container",
        };
        // Pieces rather than `write!`: this runs for most findings' messages.
        match self.name {
            Some(name) => {
                f.write_str(kind)?;
                f.write_str(" `")?;
                f.write_str(name)?;
                f.write_str("`")
            }
            None => {
                f.write_str("an unnamed ")?;
                f.write_str(kind)
            }
        }
    }
}

/// A security setting and where it came from.
#[derive(Clone, Copy, Debug)]
pub struct Setting<'a> {
    pub node: &'a Node,
    /// Set in the pod's `securityContext`, not overridden by the container.
    pub from_pod: bool,
}

/// `securityContext` fields that exist on both the pod and the container;
/// the container's value wins.
pub const POD_AND_CONTAINER_FIELDS: &[&str] = &[
    "runAsNonRoot",
    "runAsUser",
    "runAsGroup",
    "seccompProfile",
    "seLinuxOptions",
    "appArmorProfile",
    "windowsOptions",
];

impl<'a> Object<'a> {
    /// The pod template of a workload kind, or the spec of a Pod.
    /// `None` for every other kind (custom resources included).
    pub fn pod(&'a self) -> Option<PodView<'a>> {
        let parts = self.pod.as_ref()?;
        Some(PodView {
            object: self,
            metadata: parts.metadata,
            spec: parts.spec,
            spec_key: parts.spec_key,
            containers: &parts.containers,
        })
    }
}

/// The pod template of a workload kind, or the spec of a Pod; see [`Object::pod`].
pub fn pod<'a>(object: &'a Object<'a>) -> Option<PodView<'a>> {
    object.pod()
}

/// The pod template of the object at `node` (of `kind` in API `group`, with
/// `metadata`), for [`Object::pod`].
pub(crate) fn pod_parts<'a>(
    node: &'a Node,
    kind: &str,
    group: &str,
    metadata: Option<&'a Node>,
) -> Option<PodParts<'a>> {
    let template_path: &[&str] = match (kind, group) {
        ("Pod", "") => {
            let entry = node.entry("spec")?;
            return parts(metadata, entry);
        }
        ("PodTemplate", "") => &["template"],
        ("ReplicationController", "")
        | ("ReplicaSet" | "Deployment" | "DaemonSet", "apps" | "extensions")
        | ("StatefulSet", "apps")
        | ("Job", "batch")
        | ("DeploymentConfig", "apps.openshift.io" | "") => &["spec", "template"],
        ("CronJob", "batch") => &["spec", "jobTemplate", "spec", "template"],
        _ => return None,
    };
    let template = node.get_path(template_path)?;
    let entry = template.entry("spec")?;
    parts(template.get("metadata"), entry)
}

fn parts<'a>(metadata: Option<&'a Node>, entry: &'a crate::yaml::Entry) -> Option<PodParts<'a>> {
    let spec = &entry.value;
    spec.is_mapping().then(|| PodParts {
        metadata: metadata.filter(|m| m.is_mapping()),
        spec,
        spec_key: &entry.key,
        containers: containers(spec),
    })
}

/// Every container of the PodSpec `spec`: `initContainers`, `containers`,
/// then `ephemeralContainers`.
fn containers(spec: &Node) -> Vec<ContainerView<'_>> {
    let pod_security_context = spec.get("securityContext").filter(|n| n.is_mapping());
    let mut out = Vec::new();
    for kind in [
        ContainerKind::Init,
        ContainerKind::Regular,
        ContainerKind::Ephemeral,
    ] {
        let Some(items) = spec.get(kind.field()).and_then(|n| n.as_sequence()) else {
            continue;
        };
        for node in items.iter().filter(|n| n.is_mapping()) {
            let name_node = node.get("name");
            let sc = node.entry("securityContext");
            out.push(ContainerView {
                node,
                kind,
                name: name_node.and_then(|n| n.scalar_text()),
                name_node,
                security_context: sc.map(|e| &e.value).filter(|n| n.is_mapping()),
                security_context_key: sc.map(|e| &e.key),
                pod_security_context,
            });
        }
    }
    out
}

impl<'a> PodView<'a> {
    /// A field of the PodSpec.
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.spec.get(key)
    }

    /// The pod template's `metadata.annotations` mapping.
    pub fn annotations(&self) -> Option<&'a Node> {
        self.metadata?.get("annotations").filter(|n| n.is_mapping())
    }

    /// The pod template's `metadata.annotations[key]`.
    pub fn annotation(&self, key: &str) -> Option<&'a Node> {
        self.annotations()?.get(key)
    }

    /// The pod template's `metadata.labels` mapping.
    pub fn labels(&self) -> Option<&'a Node> {
        self.metadata?.get("labels").filter(|n| n.is_mapping())
    }

    /// The pod-level `securityContext` when it is a mapping.
    pub fn security_context(&self) -> Option<&'a Node> {
        self.spec.get("securityContext").filter(|n| n.is_mapping())
    }

    /// A pod-level `securityContext` field: `security(&["seccompProfile", "type"])`.
    pub fn security(&self, path: &[&str]) -> Option<&'a Node> {
        self.security_context()?
            .get_path(path)
            .filter(|n| !n.is_null())
    }

    /// Where to report a pod-level field that is missing: the pod's
    /// `securityContext` key when present, else the PodSpec's `spec` key.
    pub fn security_anchor(&self) -> TextRange {
        self.spec
            .entry("securityContext")
            .map_or(self.spec_key.range, |e| e.key.range)
    }

    /// `spec.hostNetwork`, the value node.
    pub fn host_network(&self) -> Option<&'a Node> {
        self.spec.get("hostNetwork")
    }

    /// `spec.hostPID`, the value node.
    pub fn host_pid(&self) -> Option<&'a Node> {
        self.spec.get("hostPID")
    }

    /// `spec.hostIPC`, the value node.
    pub fn host_ipc(&self) -> Option<&'a Node> {
        self.spec.get("hostIPC")
    }

    /// `spec.volumes`, the mapping items.
    pub fn volumes(&self) -> impl Iterator<Item = &'a Node> + use<'a> {
        self.spec
            .get("volumes")
            .and_then(|n| n.as_sequence())
            .unwrap_or(&[])
            .iter()
            .filter(|n| n.is_mapping())
    }

    /// `spec.os.name: windows`: exempt from the Linux-only restricted controls.
    pub fn is_windows(&self) -> bool {
        self.spec.get_path(&["os", "name"]).and_then(|n| n.as_str()) == Some("windows")
    }

    /// `spec.hostUsers: false`: a user-namespaced pod.
    pub fn host_users_false(&self) -> bool {
        self.spec.get("hostUsers").and_then(|n| n.as_bool()) == Some(false)
    }

    /// Every container: `initContainers`, `containers`, then `ephemeralContainers`.
    pub fn containers(&self) -> &'a [ContainerView<'a>] {
        self.containers
    }
}

impl<'a> ContainerView<'a> {
    /// Where to report problems with the container: its `name` value, else the item.
    pub fn anchor(&self) -> TextRange {
        self.name_node.map_or(self.node.range, |n| n.range)
    }

    /// Where to report a security field the container lacks: its
    /// `securityContext` key when present, else [`ContainerView::anchor`].
    pub fn security_anchor(&self) -> TextRange {
        self.security_context_key
            .map_or_else(|| self.anchor(), |k| k.range)
    }

    /// "container `web`", "init container `setup`", "ephemeral container `debug`".
    pub fn describe(&self) -> Description<'a> {
        Description {
            kind: self.kind,
            name: self.name,
        }
    }

    /// A field of the container's own `securityContext` (null values are unset).
    pub fn security(&self, path: &[&str]) -> Option<&'a Node> {
        self.security_context?
            .get_path(path)
            .filter(|n| !n.is_null())
    }

    /// The effective value of a `securityContext` field: the container's when
    /// it sets the field, else the pod's for the fields that exist at both
    /// levels ([`POD_AND_CONTAINER_FIELDS`]). A container's field replaces the
    /// pod's as a whole (`seccompProfile`, `seLinuxOptions`…), except
    /// `windowsOptions`, whose members are merged one by one as the kubelet does.
    pub fn effective(&self, path: &[&str]) -> Option<Setting<'a>> {
        let (&first, _) = path.split_first()?;
        let container = |p: &[&str]| self.security(p);
        let pod = |p: &[&str]| {
            self.pod_security_context?
                .get_path(p)
                .filter(|n| !n.is_null())
        };
        let own = if first == "windowsOptions" {
            container(path)
        } else if container(&[first]).is_some() {
            // The container's field wins even when it lacks the member asked for.
            return container(path).map(|node| Setting {
                node,
                from_pod: false,
            });
        } else {
            None
        };
        if let Some(node) = own {
            return Some(Setting {
                node,
                from_pod: false,
            });
        }
        if !POD_AND_CONTAINER_FIELDS.contains(&first) {
            return None;
        }
        pod(path).map(|node| Setting {
            node,
            from_pod: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubernetes::objects;
    use crate::yaml::{Limits, load};

    fn with_pods(text: &str, f: impl FnOnce(Vec<PodView<'_>>)) {
        let stream = load(text, &Limits::default());
        assert!(stream.errors.is_empty(), "{:?}", stream.errors);
        let objects = objects(&stream);
        let pods = objects.iter().filter_map(|o| o.pod()).collect();
        f(pods);
    }

    fn slice(text: &str, range: TextRange) -> &str {
        range.slice(text)
    }

    #[test]
    fn cronjob_nesting_and_metadata() {
        let text = "apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: '0 0 * * *'
  jobTemplate:
    spec:
      template:
        metadata:
          annotations: {a: b}
          labels: {app: nightly}
        spec:
          hostNetwork: true
          containers:
            - name: run
              image: busybox
";
        with_pods(text, |pods| {
            assert_eq!(pods.len(), 1);
            let pod = &pods[0];
            assert_eq!(pod.object.label().to_string(), "CronJob/nightly");
            assert_eq!(pod.annotation("a").and_then(|n| n.as_str()), Some("b"));
            assert!(pod.labels().unwrap().get("app").is_some());
            assert_eq!(pod.host_network().and_then(|n| n.as_bool()), Some(true));
            assert_eq!(slice(text, pod.spec_key.range), "spec");
            assert_eq!(
                pod.spec_key.range.start as usize,
                text.find("        spec:").unwrap() + 8
            );
            let containers = pod.containers();
            assert_eq!(containers.len(), 1);
            assert_eq!(containers[0].name, Some("run"));
            assert_eq!(slice(text, containers[0].anchor()), "run");
        });
    }

    #[test]
    fn workload_kinds_and_non_workloads() {
        let text = "apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    spec: {template: {spec: {containers: [{name: a}]}}}
  - apiVersion: v1
    kind: Pod
    spec: {containers: [{name: b}]}
  - apiVersion: v1
    kind: PodTemplate
    template: {spec: {containers: [{name: c}]}}
  - apiVersion: apps.openshift.io/v1
    kind: DeploymentConfig
    spec: {template: {spec: {containers: [{name: d}]}}}
  - apiVersion: example.com/v1
    kind: Deployment
    spec: {template: {spec: {containers: [{name: custom}]}}}
  - apiVersion: v1
    kind: Service
    spec: {containers: [{name: svc}]}
  - apiVersion: apps/v1
    kind: StatefulSet
    spec: {template: {spec: null}}
";
        with_pods(text, |pods| {
            let names: Vec<_> = pods
                .iter()
                .flat_map(|p| p.containers())
                .filter_map(|c| c.name)
                .collect();
            assert_eq!(names, ["a", "b", "c", "d"]);
            assert_eq!(pods[0].object.label().to_string(), "Deployment");
        });
    }

    #[test]
    fn every_container_kind() {
        let text = "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  ephemeralContainers:
    - name: debug
  containers:
    - name: app
      securityContext: null
    - image: nameless
  initContainers:
    - name: setup
      securityContext: {privileged: true}
";
        with_pods(text, |pods| {
            let cs = pods[0].containers();
            let kinds: Vec<_> = cs.iter().map(|c| (c.kind, c.name)).collect();
            assert_eq!(
                kinds,
                [
                    (ContainerKind::Init, Some("setup")),
                    (ContainerKind::Regular, Some("app")),
                    (ContainerKind::Regular, None),
                    (ContainerKind::Ephemeral, Some("debug")),
                ]
            );
            assert_eq!(
                cs[0].security(&["privileged"]).and_then(|n| n.as_bool()),
                Some(true)
            );
            assert!(cs[1].security_context.is_none());
            assert_eq!(slice(text, cs[1].security_anchor()), "securityContext");
            assert_eq!(slice(text, cs[2].anchor()), "image: nameless");
            assert_eq!(cs[3].describe().to_string(), "ephemeral container `debug`");
            assert_eq!(cs[2].describe().to_string(), "an unnamed container");
        });
    }

    #[test]
    fn pod_level_override() {
        let text = "apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      os: {name: windows}
      hostUsers: no
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        seccompProfile: {type: RuntimeDefault}
        windowsOptions: {hostProcess: true, runAsUserName: a}
      containers:
        - name: a
          securityContext:
            runAsNonRoot: false
            seccompProfile: {localhostProfile: x.json}
            windowsOptions: {runAsUserName: b}
            allowPrivilegeEscalation: false
        - name: b
";
        with_pods(text, |pods| {
            let pod = &pods[0];
            assert!(pod.is_windows());
            assert!(pod.host_users_false());
            let cs = pod.containers();
            let a = &cs[0];
            let non_root = a.effective(&["runAsNonRoot"]).unwrap();
            assert!(!non_root.from_pod);
            assert_eq!(non_root.node.as_bool(), Some(false));
            let user = a.effective(&["runAsUser"]).unwrap();
            assert!(user.from_pod);
            assert_eq!(user.node.as_i64(), Some(1000));
            // The container's seccompProfile replaces the pod's as a whole.
            assert!(a.effective(&["seccompProfile", "type"]).is_none());
            // windowsOptions merge member by member.
            let hp = a.effective(&["windowsOptions", "hostProcess"]).unwrap();
            assert!(hp.from_pod);
            let name = a.effective(&["windowsOptions", "runAsUserName"]).unwrap();
            assert_eq!((name.node.as_str(), name.from_pod), (Some("b"), false));
            // Container-only fields never come from the pod.
            assert!(cs[1].effective(&["allowPrivilegeEscalation"]).is_none());
            let b = cs[1].effective(&["seccompProfile", "type"]).unwrap();
            assert_eq!(
                (b.node.as_str(), b.from_pod),
                (Some("RuntimeDefault"), true)
            );
            assert_eq!(slice(text, pod.security_anchor()), "securityContext");
        });
    }
}
