//! Base-image lifecycle: which releases of which images are out of support.
//!
//! The data is `lints/data/lifecycle.yaml`, compiled by hand from the sources
//! named in its header, turned into Rust code at build time (`build.rs`, so
//! no run pays for parsing it) and built once on first use; caulk never
//! reaches the network. Configuration (`lifecycle:` in
//! `.caulk.yaml`) adds entries for internal base images.
//!
//! A tag is read the way official images write them: a leading version or
//! codename (`3.11-slim-bookworm`, `bookworm-20240110`, `18-alpine3.19`,
//! `1.20.5`, `8-jdk`) and, after it, parts naming the distribution the
//! image is built on (`bookworm`, `alpine3.19`). Unknown images, tags and
//! parts are never findings.

use crate::date::Date;
use crate::text::TextRange;
use serde::Deserialize;
use std::sync::OnceLock;

/// The data file as text; the build turns it into [`built_in`].
#[cfg(test)]
const DATA: &str = include_str!("../data/lifecycle.yaml");

/// The lifecycle data file.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Lifecycle {
    /// When the data was compiled.
    pub compiled: Date,
    pub products: Vec<Product>,
    /// Official images whose tags name their distribution, with no lifecycle of their own.
    #[serde(default)]
    pub distro_tagged_images: Vec<String>,
    #[serde(default)]
    pub deprecated: Vec<Deprecated>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Product {
    pub id: String,
    pub name: String,
    /// A distribution whose release names appear in other images' tags.
    #[serde(default)]
    pub distro: bool,
    /// Image names (`python`, `mcr.microsoft.com/dotnet/*`).
    pub images: Vec<String>,
    /// The prefix before a version in other images' tags (`alpine` in `alpine3.19`).
    #[serde(default)]
    pub tag_prefix: Option<String>,
    pub source: String,
    pub releases: Vec<Release>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Release {
    pub version: String,
    /// Codenames (`buster`) and other names used as tags (`centos7`).
    #[serde(default)]
    pub names: Vec<String>,
    /// Image names that are this release whatever the tag (`registry.access.redhat.com/ubi7`).
    #[serde(default)]
    pub images: Vec<String>,
    pub eol: Date,
}

/// An official image Docker has deprecated.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Deprecated {
    pub image: String,
    pub replacement: String,
    pub note: String,
    /// Tags still maintained (`openjdk:24-ea`).
    #[serde(default)]
    pub except_tags_containing: Vec<String>,
    pub source: String,
}

/// A lifecycle entry from configuration, for an internal base image.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CustomEntry {
    /// The image name without tag (`registry.example.com/base/python`; `*` at the end matches a path).
    pub image: String,
    /// The tag's leading version or a whole tag (`3.8` matches `3.8`, `3.8.19`, `3.8-slim`).
    pub release: String,
    pub eol: Date,
    /// What to call it in messages; the image and release when absent.
    #[serde(default)]
    pub name: Option<String>,
    /// Where the date comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// The embedded data, built on first use.
pub fn data() -> &'static Lifecycle {
    static BUILT: OnceLock<Lifecycle> = OnceLock::new();
    BUILT.get_or_init(built_in)
}

/// `data/lifecycle.yaml` as the build script generated it.
fn built_in() -> Lifecycle {
    include!(concat!(env!("OUT_DIR"), "/lifecycle_table.rs"))
}

/// Parses lifecycle data (the embedded file, or a candidate replacement).
pub fn parse(text: &str) -> Result<Lifecycle, String> {
    let stream = crate::yaml::load(text, &crate::yaml::Limits::default());
    if let Some(err) = stream.errors.first() {
        return Err(err.message.clone());
    }
    let doc = stream.documents.first().ok_or("empty lifecycle data")?;
    crate::yaml::de::from_node(&doc.root).map_err(|e| e.message)
}

/// The image name as lifecycle data writes it: no `docker.io/`, no `library/`.
pub fn normalize_name(registry: Option<&str>, repository: &str) -> String {
    let hub = registry.is_none_or(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "docker.io" | "index.docker.io" | "registry-1.docker.io" | "registry.hub.docker.com"
        )
    });
    let repository = repository.to_ascii_lowercase();
    if hub {
        repository
            .strip_prefix("library/")
            .map(str::to_string)
            .unwrap_or(repository)
    } else {
        format!(
            "{}/{}",
            registry.unwrap_or_default().to_ascii_lowercase(),
            repository
        )
    }
}

/// Whether `name` matches an image pattern (`*` at the end matches any path below).
fn name_matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_suffix('*') {
        // `name` starts with the lowercased prefix, compared byte by byte
        // without lowercasing a copy: every lookup tries every pattern.
        Some(prefix) => {
            name.len() >= prefix.len()
                && name
                    .bytes()
                    .zip(prefix.bytes())
                    .all(|(n, p)| n == p.to_ascii_lowercase())
        }
        None => pattern.eq_ignore_ascii_case(name),
    }
}

/// Where each image pattern of the built-in data is, so that a lookup
/// does not try every pattern of every product and release in turn.
/// Positions keep the data's order, so the smallest matching one is what a
/// scan in order would find first.
struct ImageIndex {
    /// Positions are product indices.
    products: Patterns<usize>,
    /// Positions are (product, release) indices.
    releases: Patterns<(usize, usize)>,
}

/// Image patterns and where each stands in the data: exact ones looked up
/// by lowercased name, the few `*` ones tried in order.
struct Patterns<K> {
    /// Lowercased exact pattern: the first position naming it.
    exact: std::collections::HashMap<String, K>,
    wildcards: Vec<(K, String)>,
}

impl<K: Copy + Ord> Patterns<K> {
    fn new() -> Self {
        Self {
            exact: Default::default(),
            wildcards: Vec::new(),
        }
    }

    fn add(&mut self, pattern: &str, at: K) {
        if pattern.ends_with('*') {
            self.wildcards.push((at, pattern.to_string()));
        } else {
            self.exact.entry(pattern.to_ascii_lowercase()).or_insert(at);
        }
    }

    /// The first position whose pattern matches the lowercase `name`.
    fn first(&self, name: &str) -> Option<K> {
        let wildcard = self
            .wildcards
            .iter()
            .find(|(_, pattern)| name_matches(pattern, name))
            .map(|&(at, _)| at);
        self.exact
            .get(name)
            .copied()
            .into_iter()
            .chain(wildcard)
            .min()
    }
}

impl ImageIndex {
    fn get() -> &'static ImageIndex {
        static BUILT: OnceLock<ImageIndex> = OnceLock::new();
        BUILT.get_or_init(|| Self::new(data()))
    }

    fn new(data: &Lifecycle) -> Self {
        let mut index = ImageIndex {
            products: Patterns::new(),
            releases: Patterns::new(),
        };
        for (p, product) in data.products.iter().enumerate() {
            for pattern in &product.images {
                index.products.add(pattern, p);
            }
            for (r, release) in product.releases.iter().enumerate() {
                for pattern in &release.images {
                    index.releases.add(pattern, (p, r));
                }
            }
        }
        index
    }

    /// The first product whose images match `name`, and the first release
    /// pinned by image name (`ubi7`), in data order.
    fn find<'d>(
        &self,
        data: &'d Lifecycle,
        name: &str,
    ) -> (Option<&'d Product>, Option<(&'d Product, &'d Release)>) {
        if name.bytes().any(|b| b.is_ascii_uppercase()) {
            // Not normalized: scan, as the index keys are lowercase.
            return scan(data, name);
        }
        (
            self.products.first(name).map(|p| &data.products[p]),
            self.releases
                .first(name)
                .map(|(p, r)| (&data.products[p], &data.products[p].releases[r])),
        )
    }
}

/// What [`ImageIndex::find`] finds, by trying every pattern in order.
fn scan<'d>(
    data: &'d Lifecycle,
    name: &str,
) -> (Option<&'d Product>, Option<(&'d Product, &'d Release)>) {
    let product = data
        .products
        .iter()
        .find(|p| p.images.iter().any(|pattern| name_matches(pattern, name)));
    // Releases pinned by image name (`ubi7`): the tag does not matter.
    let pinned = data.products.iter().find_map(|p| {
        p.releases
            .iter()
            .find(|r| r.images.iter().any(|pattern| name_matches(pattern, name)))
            .map(|r| (p, r))
    });
    (product, pinned)
}

/// A release an image reference resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// `Python 3.8`, `Debian 10 (buster)`.
    pub release: String,
    pub eol: Date,
    pub source: String,
    /// Byte range within the tag of the part that names the release; the
    /// whole tag (or empty at 0 with no tag) for image-level matches.
    pub tag_part: std::ops::Range<usize>,
}

/// The leading version of a tag part: `3.11` in `3.11-slim`, `1.20.5`,
/// `11.0.20_8`; `None` when the part does not start with a digit.
fn leading_version(part: &str) -> Option<&str> {
    let end = part
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(part.len());
    let version = part[..end].trim_end_matches('.');
    (!version.is_empty() && version.as_bytes()[0].is_ascii_digit()).then_some(version)
}

/// Whether a tag version is within release `version`: equal, or more precise.
fn version_within(tag_version: &str, version: &str) -> bool {
    tag_version == version
        || tag_version
            .strip_prefix(version)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// The release of `product` a tag part names (by version or codename), the
/// most precise match first.
fn release_for<'p>(product: &'p Product, part: &str) -> Option<&'p Release> {
    let lower = part.to_ascii_lowercase();
    if let Some(release) = product
        .releases
        .iter()
        .find(|r| r.names.iter().any(|n| n.eq_ignore_ascii_case(&lower)))
    {
        return Some(release);
    }
    let version = leading_version(part)?;
    product
        .releases
        .iter()
        .filter(|r| version_within(version, &r.version))
        .max_by_key(|r| r.version.len())
}

fn label(product: &Product, release: &Release) -> String {
    match release.names.first() {
        Some(name) if product.distro && !name.starts_with(&product.id) => {
            format!("{} {} ({name})", product.name, release.version)
        }
        _ => format!("{} {}", product.name, release.version),
    }
}

/// The tag's `-`-separated parts with their byte offsets.
fn parts(tag: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    tag.split('-').map(move |part| {
        let start = at;
        at += part.len() + 1;
        (start, part)
    })
}

/// The distribution release a non-leading tag part names (`bookworm`,
/// `alpine3.19`, `focal`).
fn distro_release<'d>(data: &'d Lifecycle, part: &str) -> Option<(&'d Product, &'d Release)> {
    for product in data.products.iter().filter(|p| p.distro) {
        let lower = part.to_ascii_lowercase();
        if let Some(release) = product
            .releases
            .iter()
            .find(|r| r.names.iter().any(|n| n.eq_ignore_ascii_case(&lower)))
        {
            return Some((product, release));
        }
        if let Some(prefix) = &product.tag_prefix
            && let Some(rest) = lower.strip_prefix(prefix.as_str())
            && let Some(version) = leading_version(rest)
            && version.len() == rest.len()
            && let Some(release) = product
                .releases
                .iter()
                .filter(|r| version_within(version, &r.version))
                .max_by_key(|r| r.version.len())
        {
            return Some((product, release));
        }
    }
    None
}

/// Every release `name:tag` resolves to, in tag order. `name` is normalized
/// with [`normalize_name`]. Configuration entries come first and replace the
/// built-in data for the image's own release.
pub fn lookup(name: &str, tag: Option<&str>, custom: &[CustomEntry]) -> Vec<Hit> {
    let data = data();
    let mut hits = Vec::new();
    let tag_len = tag.map_or(0, str::len);
    let first = tag.and_then(|t| parts(t).next());

    let custom_hit = custom.iter().find(|entry| {
        name_matches(&entry.image, name)
            && tag.is_some_and(|t| {
                t == entry.release
                    || first.is_some_and(|(_, part)| {
                        part == entry.release
                            || leading_version(part)
                                .is_some_and(|v| version_within(v, &entry.release))
                    })
            })
    });
    if let Some(entry) = custom_hit {
        let part_len = if tag == Some(entry.release.as_str()) {
            tag_len
        } else {
            first.map_or(0, |(_, p)| p.len())
        };
        hits.push(Hit {
            release: entry
                .name
                .clone()
                .unwrap_or_else(|| format!("{name} {}", entry.release)),
            eol: entry.eol,
            source: entry
                .source
                .clone()
                .unwrap_or_else(|| "the `lifecycle` configuration".to_string()),
            tag_part: 0..part_len,
        });
    }

    let (product, pinned) = ImageIndex::get().find(data, name);
    if custom_hit.is_none() {
        if let Some((product, release)) = pinned {
            hits.push(Hit {
                release: label(product, release),
                eol: release.eol,
                source: product.source.clone(),
                tag_part: 0..tag_len,
            });
        } else if let (Some(product), Some((start, part))) = (product, first)
            && let Some(release) = release_for(product, part)
        {
            let len = if release.names.iter().any(|n| n.eq_ignore_ascii_case(part)) {
                part.len()
            } else {
                leading_version(part).map_or(part.len(), str::len)
            };
            hits.push(Hit {
                release: label(product, release),
                eol: release.eol,
                source: product.source.clone(),
                tag_part: start..start + len,
            });
        }
    }

    // The distribution a language or tool image is built on, named later in the tag.
    let known = product.is_some_and(|p| !p.distro)
        || pinned.is_some()
        || custom_hit.is_some()
        || data
            .distro_tagged_images
            .iter()
            .any(|i| i.eq_ignore_ascii_case(name));
    if known && let Some(tag) = tag {
        for (start, part) in parts(tag).skip(1) {
            if let Some((distro, release)) = distro_release(data, part) {
                hits.push(Hit {
                    release: label(distro, release),
                    eol: release.eol,
                    source: distro.source.clone(),
                    tag_part: start..start + part.len(),
                });
            }
        }
    }
    hits
}

/// The deprecation notice for an image, if Docker has deprecated it.
pub fn deprecation(name: &str, tag: Option<&str>) -> Option<&'static Deprecated> {
    data().deprecated.iter().find(|d| {
        d.image.eq_ignore_ascii_case(name)
            && !tag.is_some_and(|t| {
                let t = t.to_ascii_lowercase();
                d.except_tags_containing
                    .iter()
                    .any(|e| t.contains(e.as_str()))
                    || t.split('-').any(|part| part == "ea")
            })
    })
}

/// Where a hit points in the source: the tag part when the tag was written
/// out literally, else the whole reference.
pub fn hit_range(
    hit: &Hit,
    tag_written: Option<(&str, TextRange)>,
    resolved_tag: Option<&str>,
    whole: TextRange,
    map: impl Fn(std::ops::Range<usize>) -> TextRange,
) -> TextRange {
    match (tag_written, resolved_tag) {
        (Some((written, _)), Some(resolved)) if written == resolved && !hit.tag_part.is_empty() => {
            map(hit.tag_part.clone())
        }
        (Some((_, range)), _) => range,
        _ => whole,
    }
}

/// The one-line status of a hit relative to `today`, and whether it is past.
pub fn status(hit: &Hit, today: Date) -> (bool, String) {
    let days = today.days_until(hit.eol);
    if days < 0 {
        (true, format!("reached end of life on {}", hit.eol))
    } else if days == 0 {
        (false, format!("reaches end of life today ({})", hit.eol))
    } else {
        (
            false,
            format!(
                "reaches end of life on {} (in {days} day{})",
                hit.eol,
                if days == 1 { "" } else { "s" }
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_patterns_match_names_below_the_lowercased_prefix() {
        assert!(name_matches("Registry.io/UBI*", "registry.io/ubi8/python"));
        assert!(name_matches("python*", "python"));
        assert!(!name_matches("python*", "pytho"));
        // The name is compared as it is: normalized names are lowercase.
        assert!(!name_matches("python*", "Python"));
        assert!(name_matches("Python", "python"));
        assert!(!name_matches("python", "python3"));
    }

    fn releases(image: &str) -> Vec<String> {
        let (name, tag) = match image.rsplit_once(':') {
            Some((n, t)) if !t.contains('/') => (n, Some(t)),
            _ => (image, None),
        };
        let (registry, repo) = match name.split_once('/') {
            Some((r, rest)) if r.contains('.') => (Some(r), rest),
            _ => (None, name),
        };
        lookup(&normalize_name(registry, repo), tag, &[])
            .into_iter()
            .map(|h| {
                let t = tag.unwrap_or_default();
                format!("{} [{}] {}", h.release, &t[h.tag_part.clone()], h.eol)
            })
            .collect()
    }

    /// The build script's reading of the data file is the loader's.
    #[test]
    fn generated_table_equals_loaded_data() {
        let loaded = parse(DATA).expect("lints/data/lifecycle.yaml parses");
        assert_eq!(built_in(), loaded);
        assert!(!loaded.products.is_empty() && !loaded.deprecated.is_empty());
    }

    #[test]
    fn embedded_data_parses_and_is_consistent() {
        let data = parse(DATA).expect("lints/data/lifecycle.yaml parses");
        assert!(data.products.len() >= 18, "{}", data.products.len());
        let mut ids = std::collections::BTreeSet::new();
        for product in &data.products {
            assert!(ids.insert(&product.id), "duplicate product {}", product.id);
            assert!(product.source.starts_with("https://"), "{}", product.id);
            let mut versions = std::collections::BTreeSet::new();
            for release in &product.releases {
                assert!(
                    versions.insert(&release.version),
                    "{} {}",
                    product.id,
                    release.version
                );
                assert!(
                    release.eol <= data.compiled.add_days(365 * 15),
                    "{} {}",
                    product.id,
                    release.version
                );
            }
        }
        for d in &data.deprecated {
            assert!(
                d.source.starts_with("https://hub.docker.com/_/"),
                "{}",
                d.image
            );
        }
    }

    #[test]
    fn tag_shapes() {
        assert_eq!(releases("python:3.8"), ["Python 3.8 [3.8] 2024-10-07"]);
        assert_eq!(
            releases("python:3.8.19-alpine"),
            ["Python 3.8 [3.8.19] 2024-10-07"]
        );
        assert_eq!(
            releases("python:3.12-slim-buster"),
            ["Debian 10 (buster) [buster] 2024-06-30"]
        );
        assert_eq!(
            releases("python:3.11-slim-bookworm"),
            ["Python 3.11 [3.11] 2027-10-31"]
        );
        assert_eq!(
            releases("node:18-alpine3.19"),
            [
                "Node.js 18 [18] 2025-04-30",
                "Alpine Linux 3.19 [alpine3.19] 2025-11-01"
            ]
        );
        assert_eq!(releases("debian:bookworm-20240110"), Vec::<String>::new());
        assert_eq!(
            releases("debian:buster-20240110"),
            ["Debian 10 (buster) [buster] 2024-06-30"]
        );
        assert_eq!(
            releases("debian:10.13-slim"),
            ["Debian 10 (buster) [10.13] 2024-06-30"]
        );
        assert_eq!(releases("golang:1.20.5"), ["Go 1.20 [1.20.5] 2024-02-06"]);
        assert_eq!(releases("golang:1.2"), Vec::<String>::new());
        assert_eq!(
            releases("ubuntu:bionic"),
            ["Ubuntu 18.04 (bionic) [bionic] 2023-05-31"]
        );
        assert_eq!(
            releases("ubuntu:18.04"),
            ["Ubuntu 18.04 (bionic) [18.04] 2023-05-31"]
        );
        assert_eq!(
            releases("centos:centos7"),
            ["CentOS Linux 7 [centos7] 2024-06-30"]
        );
        assert_eq!(
            releases("centos:7.9.2009"),
            ["CentOS Linux 7 [7.9.2009] 2024-06-30"]
        );
        assert_eq!(
            releases("alpine:3.15.4"),
            ["Alpine Linux 3.15 [3.15.4] 2023-11-01"]
        );
        assert_eq!(
            releases("docker.io/library/php:7.4-fpm-alpine3.12"),
            [
                "PHP 7.4 [7.4] 2022-11-28",
                "Alpine Linux 3.12 [alpine3.12] 2022-05-01"
            ]
        );
        assert_eq!(
            releases("mcr.microsoft.com/dotnet/aspnet:6.0-bullseye-slim"),
            [
                ".NET 6.0 [6.0] 2024-11-12",
                "Debian 11 (bullseye) [bullseye] 2026-08-31"
            ]
        );
        assert_eq!(
            releases("registry.access.redhat.com/ubi7/ubi-minimal:7.9"),
            ["Red Hat Universal Base Image 7 [7.9] 2024-06-30"]
        );
        assert_eq!(releases("amazonlinux:2"), ["Amazon Linux 2 [2] 2026-06-30"]);
        assert_eq!(
            releases("amazonlinux:2023.1.20230725.0"),
            ["Amazon Linux 2023 [2023.1.20230725.0] 2029-06-30"]
        );
        assert_eq!(
            releases("maven:3.8-openjdk-11-slim-buster"),
            ["Debian 10 (buster) [buster] 2024-06-30"]
        );
    }

    #[test]
    fn unknown_images_and_tags_are_nothing() {
        for image in [
            "python",
            "python:3",
            "python:latest",
            "python:slim-bookworm",
            "node:lts",
            "node:current-alpine",
            "mycorp/app:3.8-buster",
            "golang:1.99",
            "ubuntu:devel",
            "debian:stable-slim",
            "postgres:16",
            "example.com/python:3.8",
            "scratch",
        ] {
            assert_eq!(releases(image), Vec::<String>::new(), "{image}");
        }
    }

    #[test]
    fn configuration_entries_come_first() {
        let custom = [CustomEntry {
            image: "registry.example.com/base/*".into(),
            release: "2".into(),
            eol: "2025-01-31".parse().unwrap(),
            name: Some("Corp base 2".into()),
            source: None,
        }];
        let hits = lookup("registry.example.com/base/jdk", Some("2.4-buster"), &custom);
        let got: Vec<_> = hits
            .iter()
            .map(|h| (h.release.as_str(), h.tag_part.clone()))
            .collect();
        assert_eq!(got, [("Corp base 2", 0..3), ("Debian 10 (buster)", 4..10)]);
        assert!(lookup("registry.example.com/base/jdk", Some("3"), &custom).is_empty());
    }

    #[test]
    fn deprecations() {
        assert!(deprecation("centos", Some("7")).is_some());
        assert!(deprecation("openjdk", Some("11-jre-slim")).is_some());
        assert!(deprecation("openjdk", Some("24-ea-jdk")).is_none());
        assert!(deprecation("python", Some("3.12")).is_none());
    }

    /// The index finds what trying every pattern in order finds, for every
    /// pattern of the data and names near it.
    #[test]
    fn the_image_index_finds_what_a_scan_finds() {
        let data = data();
        let index = ImageIndex::get();
        let mut names: Vec<String> = vec![String::new(), "nginx".into(), "library/python".into()];
        for product in &data.products {
            for pattern in product
                .images
                .iter()
                .chain(product.releases.iter().flat_map(|r| &r.images))
            {
                let bare = pattern.trim_end_matches('*');
                names.push(bare.to_string());
                names.push(format!("{bare}x/y"));
                names.push(bare.to_ascii_uppercase());
                names.push(bare.get(..bare.len() / 2).unwrap_or("").to_string());
            }
        }
        assert!(names.len() > 20);
        let same = |a: (Option<&Product>, Option<(&Product, &Release)>),
                    b: (Option<&Product>, Option<(&Product, &Release)>)| {
            a.0.map(std::ptr::from_ref) == b.0.map(std::ptr::from_ref)
                && a.1
                    .map(|(p, r)| (std::ptr::from_ref(p), std::ptr::from_ref(r)))
                    == b.1
                        .map(|(p, r)| (std::ptr::from_ref(p), std::ptr::from_ref(r)))
        };
        for name in &names {
            assert!(same(index.find(data, name), scan(data, name)), "{name:?}");
        }
    }
}
