//! The build context of a Dockerfile: the directory `docker build` sends,
//! and the ignore file that filters it.
//!
//! Docker reads `<Dockerfile>.dockerignore` beside the Dockerfile when it
//! exists (`app.Dockerfile.dockerignore` for `app.Dockerfile`), and otherwise
//! `.dockerignore` at the root of the context.

use crate::dockerignore::{DockerIgnore, PatternError};
use std::path::{Path, PathBuf};

/// An ignore file larger than this is not read (a real one is a few KiB).
const MAX_IGNORE_FILE: u64 = 1 << 20;

/// Where a Dockerfile is built from.
#[derive(Clone, Debug)]
pub struct BuildContext {
    /// The context directory.
    pub dir: PathBuf,
    pub ignore: Ignore,
}

/// The ignore file that applies to a build.
#[derive(Clone, Debug)]
pub enum Ignore {
    /// Neither `<Dockerfile>.dockerignore` nor `<context>/.dockerignore` exists.
    Missing,
    Loaded {
        path: PathBuf,
        file: DockerIgnore,
    },
    /// The file exists but Docker would refuse it (or it cannot be read):
    /// rules that need it say nothing rather than guess.
    Invalid {
        path: PathBuf,
        message: String,
    },
}

impl BuildContext {
    /// The context of a Dockerfile built from its own directory, the
    /// default of `docker build -f DIR/Dockerfile DIR`.
    pub fn for_dockerfile(dockerfile: &Path) -> Self {
        Self::load(dockerfile, &parent_dir(dockerfile))
    }

    /// The context `dir` for `dockerfile`, with its ignore file read.
    pub fn load(dockerfile: &Path, dir: &Path) -> Self {
        let specific = dockerfile.file_name().map(|name| {
            let mut name = name.to_os_string();
            name.push(".dockerignore");
            parent_dir(dockerfile).join(name)
        });
        let candidates = specific.into_iter().chain([dir.join(".dockerignore")]);
        let mut ignore = Ignore::Missing;
        for path in candidates {
            if let Some(found) = read_ignore(&path) {
                ignore = found;
                break;
            }
        }
        Self {
            dir: dir.to_path_buf(),
            ignore,
        }
    }

    /// The parsed ignore file, when there is a valid one.
    pub fn ignore_file(&self) -> Option<(&Path, &DockerIgnore)> {
        match &self.ignore {
            Ignore::Loaded { path, file } => Some((path, file)),
            _ => None,
        }
    }

    /// The ignore file's name for messages (`.dockerignore`,
    /// `app.Dockerfile.dockerignore`).
    pub fn ignore_name(&self) -> String {
        let path = match &self.ignore {
            Ignore::Loaded { path, .. } | Ignore::Invalid { path, .. } => path,
            Ignore::Missing => return ".dockerignore".into(),
        };
        path.file_name().map_or_else(
            || ".dockerignore".into(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `None` when there is no file at `path`.
fn read_ignore(path: &Path) -> Option<Ignore> {
    let invalid = |message: String| {
        Some(Ignore::Invalid {
            path: path.to_path_buf(),
            message,
        })
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => meta,
        Ok(_) => return None,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => return invalid(crate::discover::describe_io_error(&e)),
    };
    if meta.len() > MAX_IGNORE_FILE {
        return invalid(format!("larger than {MAX_IGNORE_FILE} bytes"));
    }
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => return invalid("not UTF-8 text".into()),
        },
        Err(e) => return invalid(crate::discover::describe_io_error(&e)),
    };
    Some(match DockerIgnore::parse(&text) {
        Ok(file) => Ignore::Loaded {
            path: path.to_path_buf(),
            file,
        },
        Err(PatternError { line, message }) => Ignore::Invalid {
            path: path.to_path_buf(),
            message: format!("line {line}: {message}"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("caulk-ctx-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn dockerfile_specific_ignore_file_wins() {
        let dir = temp_dir("specific");
        std::fs::create_dir_all(dir.join("build")).unwrap();
        std::fs::write(dir.join(".dockerignore"), "root-pattern\n").unwrap();
        std::fs::write(dir.join("build/app.Dockerfile.dockerignore"), "own\n").unwrap();
        let ctx = BuildContext::load(&dir.join("build/app.Dockerfile"), &dir);
        let (path, file) = ctx.ignore_file().unwrap();
        assert!(path.ends_with("build/app.Dockerfile.dockerignore"));
        assert!(file.excludes("own") && !file.excludes("root-pattern"));
        assert_eq!(ctx.ignore_name(), "app.Dockerfile.dockerignore");

        // Without it, the context root's file applies, not one beside the Dockerfile.
        let ctx = BuildContext::load(&dir.join("build/other.Dockerfile"), &dir);
        assert!(ctx.ignore_file().unwrap().1.excludes("root-pattern"));
        std::fs::write(dir.join("build/.dockerignore"), "beside\n").unwrap();
        let ctx = BuildContext::load(&dir.join("build/other.Dockerfile"), &dir);
        assert!(ctx.ignore_file().unwrap().1.excludes("root-pattern"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn missing_and_invalid_ignore_files() {
        let dir = temp_dir("missing");
        let ctx = BuildContext::for_dockerfile(&dir.join("Dockerfile"));
        assert!(matches!(ctx.ignore, Ignore::Missing));
        assert_eq!(ctx.dir, dir);
        std::fs::write(dir.join(".dockerignore"), "ok\n[\n").unwrap();
        let ctx = BuildContext::for_dockerfile(&dir.join("Dockerfile"));
        match &ctx.ignore {
            Ignore::Invalid { message, .. } => assert!(message.starts_with("line 2:"), "{message}"),
            other => panic!("{other:?}"),
        }
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(
            BuildContext::for_dockerfile(Path::new("Dockerfile")).dir,
            PathBuf::from(".")
        );
    }
}
