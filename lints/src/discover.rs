//! Finding the files to lint: named files as given, directories walked in
//! parallel with `.gitignore` honoured. Hidden folders such as
//! `.devcontainer/` and `.github/` are walked (they hold real Dockerfiles and
//! workflows); only version-control folders are skipped.

use crate::detect::{FileKind, kind_from_path};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A file to lint and how it was found.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    pub path: PathBuf,
    pub kind: FileKind,
    /// Named on the command line (rather than found in a walk): a file that
    /// turns out not to be lintable gets a note instead of silence.
    pub explicit: bool,
    /// The build context a Compose or Bake file gives this Dockerfile;
    /// `None` means its own directory.
    pub context: Option<PathBuf>,
}

impl Candidate {
    /// The build context of a Dockerfile (its directory and ignore file),
    /// read from disk; `None` for other kinds of file.
    pub fn build_context(&self) -> Option<crate::build_context::BuildContext> {
        use crate::build_context::BuildContext;
        (self.kind == FileKind::Dockerfile).then(|| match &self.context {
            Some(dir) => BuildContext::load(&self.path, dir),
            None => BuildContext::for_dockerfile(&self.path),
        })
    }
}

/// A path that could not be examined.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<Candidate>,
    pub errors: Vec<WalkError>,
}

/// Finds the files under `paths`. `forced` (from `--kind`) overrides the
/// kind detected from file names; in a walk it also restricts which files are
/// taken (only those whose names fit that kind).
pub fn discover(paths: &[PathBuf], forced: Option<FileKind>) -> Discovered {
    let mut found = Discovered::default();
    let mut roots = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => roots.push(path.clone()),
            Ok(_) => match forced.or_else(|| kind_from_path(path)) {
                Some(kind) => found.files.push(Candidate {
                    path: path.clone(),
                    kind,
                    explicit: true,
                    context: None,
                }),
                None => found.errors.push(WalkError {
                    path: path.clone(),
                    message: "cannot tell what kind of file this is from its name; pass --kind dockerfile or --kind kubernetes".into(),
                }),
            },
            Err(e) => found.errors.push(WalkError {
                path: path.clone(),
                message: describe_io_error(&e),
            }),
        }
    }
    if forced != Some(FileKind::Kubernetes) {
        // Named Dockerfiles (as pre-commit passes them) get their context
        // from a Compose or Bake file in their directory or one above it.
        let named: Vec<PathBuf> = found.files.iter().map(|c| c.path.clone()).collect();
        let build_files = build_files_above(&named);
        apply_build_targets(&[], &build_files, &mut found.files);
    }
    if !roots.is_empty() {
        walk(&roots, forced, &mut found);
    }
    sort_candidates(&mut found.files);
    found.files.dedup_by(|a, b| a.path == b.path);
    found.errors.sort();
    found
}

/// Sorts as `files.sort()` does, faster: this runs on one thread before any
/// linting, and comparing two `Path`s splits both into components again
/// each time (about 60 M instructions for 6,000 files). Each path is turned
/// once into a byte key whose plain byte order is the components' order,
/// and the keys are compared with `memcmp`.
fn sort_candidates(files: &mut Vec<Candidate>) {
    let keys: Vec<Vec<u8>> = files.iter().map(|c| component_key(&c.path)).collect();
    let mut order: Vec<usize> = (0..files.len()).collect();
    // `Path`'s order is its components' order; the rest of a candidate
    // breaks ties exactly as `Candidate::cmp` would.
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then_with(|| files[a].cmp(&files[b])));
    drop(keys);
    let mut taken: Vec<Option<Candidate>> = std::mem::take(files).into_iter().map(Some).collect();
    files.extend(
        order
            .into_iter()
            .map(|i| taken[i].take().expect("each index once")),
    );
}

/// A key whose byte order is `path.components()`'s order: each component
/// is a tag byte in the order of `Component`'s variants, and a normal
/// component's bytes follow its tag, closed by a NUL (which no component
/// holds), so a name sorts before every longer name it begins.
fn component_key(path: &Path) -> Vec<u8> {
    use std::path::Component;
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for component in path.components() {
        match component {
            Component::Prefix(prefix) => {
                key.push(1);
                key.extend_from_slice(prefix.as_os_str().as_encoded_bytes());
                key.push(0);
            }
            Component::RootDir => key.push(2),
            Component::CurDir => key.push(3),
            Component::ParentDir => key.push(4),
            Component::Normal(name) => {
                key.push(5);
                key.extend_from_slice(name.as_encoded_bytes());
                key.push(0);
            }
        }
    }
    key
}

fn walk(roots: &[PathBuf], forced: Option<FileKind>, found: &mut Discovered) {
    let mut builder = ignore::WalkBuilder::new(&roots[0]);
    for root in &roots[1..] {
        builder.add(root);
    }
    builder
        // As many walker threads as linting threads: `--threads` and
        // RAYON_NUM_THREADS bound the whole run.
        .threads(rayon::current_num_threads())
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|entry| !is_vcs_dir(entry.file_name()));
    let files = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    let build_files = Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            match entry {
                Ok(entry) => {
                    if entry.file_type().is_some_and(|t| t.is_file()) {
                        let path = entry.into_path();
                        if crate::build_files::is_build_file(&path) {
                            build_files.lock().expect("not poisoned").push(path.clone());
                        }
                        let detected = kind_from_path(&path);
                        let kind = match (forced, detected) {
                            (Some(f), Some(d)) if f == d => Some(f),
                            (Some(_), _) => None,
                            (None, d) => d,
                        };
                        if let Some(kind) = kind {
                            files.lock().expect("not poisoned").push(Candidate {
                                path,
                                kind,
                                explicit: false,
                                context: None,
                            });
                        }
                    }
                }
                Err(err) => errors.lock().expect("not poisoned").push(walk_error(err)),
            }
            ignore::WalkState::Continue
        })
    });
    found
        .files
        .extend(files.into_inner().expect("not poisoned"));
    found
        .errors
        .extend(errors.into_inner().expect("not poisoned"));
    if forced != Some(FileKind::Kubernetes) {
        let build_files = build_files.into_inner().expect("not poisoned");
        apply_build_targets(roots, &build_files, &mut found.files);
    }
}

/// Gives the Dockerfiles that Compose and Bake files build their context,
/// and adds those the walk did not recognise by name (`build/app.docker`).
/// Only Dockerfiles inside the walked directories are added; when several
/// build files name one Dockerfile, the first (in path order) wins.
fn apply_build_targets(roots: &[PathBuf], build_files: &[PathBuf], files: &mut Vec<Candidate>) {
    use crate::build_files::{normalize, read_build_files};
    let mut build_files = build_files.to_vec();
    build_files.sort();
    let targets = read_build_files(&build_files);
    if targets.is_empty() {
        return;
    }
    let roots: Vec<PathBuf> = roots.iter().map(|r| normalize(r)).collect();
    let mut index: std::collections::HashMap<PathBuf, usize> = files
        .iter()
        .enumerate()
        .map(|(i, c)| (normalize(&c.path), i))
        .collect();
    for target in targets {
        match index.get(&target.dockerfile) {
            Some(&i) => {
                let candidate = &mut files[i];
                if candidate.kind == FileKind::Dockerfile && candidate.context.is_none() {
                    candidate.context = Some(target.context);
                }
            }
            None => {
                let inside = roots.iter().any(|r| is_inside(r, &target.dockerfile));
                if inside && target.dockerfile.is_file() {
                    index.insert(target.dockerfile.clone(), files.len());
                    files.push(Candidate {
                        path: target.dockerfile,
                        kind: FileKind::Dockerfile,
                        explicit: false,
                        context: Some(target.context),
                    });
                }
            }
        }
    }
}

/// The build context of one Dockerfile linted on its own (a file the
/// language server has open): the context a Compose or Bake file in its
/// directory or above gives it, else its own directory.
pub fn build_context_of(path: &Path) -> crate::build_context::BuildContext {
    let mut files = vec![Candidate {
        path: path.to_path_buf(),
        kind: FileKind::Dockerfile,
        explicit: true,
        context: None,
    }];
    let build_files = build_files_above(&[path.to_path_buf()]);
    apply_build_targets(&[], &build_files, &mut files);
    files[0]
        .build_context()
        .unwrap_or_else(|| crate::build_context::BuildContext::for_dockerfile(path))
}

/// The Compose and Bake files in the directories of `paths` and their
/// ancestors, up to the current directory or a repository root (a
/// directory holding `.git`), or the file system root.
fn build_files_above(paths: &[PathBuf]) -> Vec<PathBuf> {
    let cwd = std::env::current_dir().ok();
    let mut dirs = std::collections::BTreeSet::new();
    for path in paths {
        let mut dir = path.parent().map(Path::to_path_buf);
        while let Some(d) = dir {
            if !dirs.insert(d.clone()) {
                break;
            }
            // Stop at the current directory or a repository root.
            let listing = if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d.as_path()
            };
            if d.as_os_str().is_empty()
                || cwd.as_deref() == Some(d.as_path())
                || listing.join(".git").exists()
            {
                break;
            }
            dir = d.parent().map(Path::to_path_buf);
        }
    }
    let mut found = Vec::new();
    for dir in dirs {
        let listing = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir.as_path()
        };
        let Ok(entries) = std::fs::read_dir(listing) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = dir.join(entry.file_name());
            if crate::build_files::is_build_file(&path) {
                found.push(path);
            }
        }
    }
    found
}

/// Whether `path` is below `root` (both normalized, `.` the current directory).
fn is_inside(root: &Path, path: &Path) -> bool {
    if root == Path::new(".") {
        path.is_relative() && !path.starts_with("..")
    } else {
        path.starts_with(root)
    }
}

fn is_vcs_dir(name: &std::ffi::OsStr) -> bool {
    matches!(
        name.to_str(),
        Some(".git" | ".hg" | ".svn" | ".jj" | ".bzr" | "_darcs")
    )
}

fn walk_error(err: ignore::Error) -> WalkError {
    // ignore::Error nests the path and the cause; dig both out for one line.
    fn parts(err: &ignore::Error, path: &mut Option<PathBuf>) -> String {
        match err {
            ignore::Error::WithPath { path: p, err } => {
                path.get_or_insert_with(|| p.clone());
                parts(err, path)
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                parts(err, path)
            }
            ignore::Error::Loop { ancestor, child } => {
                path.get_or_insert_with(|| child.clone());
                format!("symbolic link loop back to {}", ancestor.display())
            }
            ignore::Error::Io(io) => describe_io_error(io),
            other => other.to_string(),
        }
    }
    let mut path = None;
    let message = parts(&err, &mut path);
    WalkError {
        path: path.unwrap_or_default(),
        message,
    }
}

/// An I/O error in plain words, without Rust's `(os error N)` suffix.
pub fn describe_io_error(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = err.to_string();
            let text = match text.find(" (os error") {
                Some(i) => &text[..i],
                None => &text,
            };
            // Lower-case like the messages above ("Too many levels of…").
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => String::new(),
            }
        }
    }
}

/// Displays `path` relative to the current directory when it is below it.
pub fn display_path(path: &Path) -> PathBuf {
    path.strip_prefix("./").unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod sort_tests {
    use super::*;

    /// The same order as `sort()`, on paths whose byte order and component
    /// order differ (`a/b` and `a-b`), with `.`, repeated and trailing
    /// separators, and ties broken by the other fields.
    #[test]
    fn candidates_sort_as_their_derived_order() {
        let paths = [
            "a/b",
            "a-b",
            "a",
            "a/b/c",
            "./a/b",
            "a//b",
            "a/./b",
            "/a/b",
            "../a",
            "a/b/",
            "b.yaml",
            "a.b/c",
            "a/B",
            "z",
            "a/b-c",
            "a/b/c.yaml",
            "-x",
            "./-x",
            "..",
            "a/../b",
            "\u{e9}/x",
            "e/x",
            "a/.hidden",
            "/",
        ];
        let mut files = Vec::new();
        for (i, path) in paths.iter().enumerate() {
            for kind in [FileKind::Kubernetes, FileKind::Dockerfile] {
                files.push(Candidate {
                    path: PathBuf::from(path),
                    kind,
                    explicit: i % 2 == 0,
                    context: (i % 3 == 0).then(|| PathBuf::from(paths[(i * 7) % paths.len()])),
                });
            }
        }
        files.reverse();
        let mut expected = files.clone();
        expected.sort();
        sort_candidates(&mut files);
        assert_eq!(files, expected);
    }
}
