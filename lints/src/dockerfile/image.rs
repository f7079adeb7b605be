//! Image references (`registry/repository:tag@digest`) split into parts.

use super::syntax::{From, Word};
use crate::text::Spanned;

/// The parts of an image reference, each with its source range. Parts are
/// split on the written value, so `${IMG}:${TAG}` gives repository `${IMG}`
/// and tag `${TAG}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// A first path component that looks like a host (`ghcr.io`, `localhost:5000`).
    pub registry: Option<Spanned<String>>,
    /// The repository path without the registry (`library/python`, `python`).
    pub repository: Spanned<String>,
    pub tag: Option<Spanned<String>>,
    /// The digest after `@` (`sha256:…`).
    pub digest: Option<Spanned<String>>,
}

impl ImageRef {
    pub fn parse(word: &Word) -> ImageRef {
        let value = word.value.as_str();
        let part = |range: std::ops::Range<usize>| {
            Spanned::new(value[range.clone()].to_owned(), word.value_range(range))
        };
        let (name_end, digest) = match value.find('@') {
            Some(at) => (at, Some(part(at + 1..value.len()))),
            None => (value.len(), None),
        };
        let name = &value[..name_end];
        let last_slash = name.rfind('/').map_or(0, |s| s + 1);
        let (repo_end, tag) = match name[last_slash..].rfind(':') {
            Some(colon) => {
                let colon = last_slash + colon;
                (colon, Some(part(colon + 1..name_end)))
            }
            None => (name_end, None),
        };
        let registry_end = name[..repo_end].find('/').filter(|&slash| {
            let host = &name[..slash];
            host.contains(['.', ':']) || host == "localhost"
        });
        let (registry, repo_start) = match registry_end {
            Some(slash) => (Some(part(0..slash)), slash + 1),
            None => (None, 0),
        };
        ImageRef {
            registry,
            repository: part(repo_start..repo_end),
            tag,
            digest,
        }
    }
}

impl From {
    /// The image reference split into registry, repository, tag and digest.
    pub fn image_ref(&self) -> ImageRef {
        ImageRef::parse(&self.image)
    }
}
