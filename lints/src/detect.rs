//! Deciding what kind of file a path holds, from its name.

use std::path::Path;

/// The kinds of file caulk lints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Dockerfile,
    /// YAML or JSON that may hold Kubernetes objects; the content decides.
    Kubernetes,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Dockerfile => "dockerfile",
            FileKind::Kubernetes => "kubernetes",
        }
    }
}

/// The kind a file name suggests: Dockerfiles and Containerfiles by their
/// usual names, `*.yaml`/`*.yml`/`*.json` as possible manifests.
pub fn kind_from_path(path: &Path) -> Option<FileKind> {
    // Lossy: a name that is not UTF-8 (`Dockerfile.\xff`) is still recognised
    // by its readable part, so the file is linted rather than silently passed over.
    let name = path.file_name()?.to_string_lossy();
    if is_dockerfile_name(&name) {
        return Some(FileKind::Dockerfile);
    }
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".yaml") || lower.ends_with(".yml") || lower.ends_with(".json") {
        return Some(FileKind::Kubernetes);
    }
    None
}

/// `Dockerfile`, `Containerfile`, `Dockerfile.*`, `Dockerfile-*`,
/// `*.Dockerfile`, `*.dockerfile`, `*.Containerfile` (and the same in any
/// letter case), but not `Dockerfile.dockerignore`-style companion files.
pub fn is_dockerfile_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".dockerignore") || lower.ends_with(".md") {
        return false;
    }
    for stem in ["dockerfile", "containerfile"] {
        if lower == stem
            || lower.ends_with(&format!(".{stem}"))
            || lower
                .strip_prefix(stem)
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('-'))
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_dockerfile_names() {
        for name in [
            "Dockerfile",
            "Containerfile",
            "Dockerfile.alpine",
            "Dockerfile-nginx-proxy-tester",
            "app.Dockerfile",
            "app.dockerfile",
            "base.Containerfile",
            "dockerfile",
        ] {
            assert!(is_dockerfile_name(name), "{name}");
        }
        for name in [
            "Dockerfile.dockerignore",
            "README.md",
            "Dockerfile.md",
            "mydockerfile",
            "docker-compose.yml",
        ] {
            assert!(!is_dockerfile_name(name), "{name}");
        }
        assert_eq!(
            kind_from_path(Path::new("k8s/deploy.YAML")),
            Some(FileKind::Kubernetes)
        );
        assert_eq!(kind_from_path(Path::new("main.rs")), None);
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_recognised_by_their_readable_part() {
        use std::os::unix::ffi::OsStrExt;
        let name = |bytes: &[u8]| Path::new(std::ffi::OsStr::from_bytes(bytes)).to_path_buf();
        assert_eq!(
            kind_from_path(&name(b"Dockerfile.\xff")),
            Some(FileKind::Dockerfile)
        );
        assert_eq!(
            kind_from_path(&name(b"\xfe\xff.yaml")),
            Some(FileKind::Kubernetes)
        );
        assert_eq!(kind_from_path(&name(b"\xff")), None);
    }
}
