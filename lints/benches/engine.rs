//! Micro-benchmarks of the engine's stages over the real-world corpus
//! (`../shared/corpus`, or `CAULK_CORPUS`): the Dockerfile parser, the
//! Dockerfile model, the YAML loader, the Kubernetes object view, the rule
//! pass of each kind on an already parsed file, and the whole engine per
//! file. A benchmark, not a test:
//!
//! ```sh
//! cargo bench -p caulk-lints --bench engine            # every stage
//! cargo bench -p caulk-lints --bench engine -- yaml    # stages whose name contains "yaml"
//! ```
//!
//! Each sample runs the stage once over every corpus file of its kind;
//! samples are taken for about `CAULK_BENCH_SECONDS` (default 1) per stage,
//! and the median, the fastest sample and the throughput are printed.
//! Whole-process figures (start-up, discovery, rendering, threads) come from
//! `scripts/bench.sh`.

use caulk_lints::config::Config;
use caulk_lints::dockerfile::{self, model::Model};
use caulk_lints::rules::{Check, DockerfileContext, KubernetesContext, Sink};
use caulk_lints::yaml::{self, Limits};
use caulk_lints::{FileKind, kubernetes, lint};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

struct Corpus {
    dockerfiles: Vec<(PathBuf, String)>,
    manifests: Vec<(PathBuf, String)>,
}

impl Corpus {
    fn load() -> Option<Corpus> {
        let root = std::env::var_os("CAULK_CORPUS")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"));
        let read = |part: &str| -> Option<Vec<(PathBuf, String)>> {
            let mut files = Vec::new();
            collect(&root.join(part), &mut files).ok()?;
            files.sort();
            Some(
                files
                    .into_iter()
                    .filter_map(|p| {
                        let text = std::fs::read_to_string(&p).ok()?;
                        Some((p, text))
                    })
                    .collect(),
            )
        };
        Some(Corpus {
            dockerfiles: read("dockerfiles")?,
            manifests: read("k8s")?,
        })
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn bytes(files: &[(PathBuf, String)]) -> usize {
    files.iter().map(|(_, t)| t.len()).sum()
}

/// Runs `stage` over and over for about the time budget and prints its
/// median sample time and throughput.
fn bench(filter: Option<&str>, name: &str, files: usize, size: usize, mut stage: impl FnMut()) {
    if filter.is_some_and(|f| !name.contains(f)) {
        return;
    }
    let budget = std::env::var("CAULK_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .map_or(Duration::from_secs(1), Duration::from_secs_f64);
    stage(); // warm up caches and lazily built tables
    let started = Instant::now();
    let mut samples = Vec::new();
    while samples.len() < 5 || (started.elapsed() < budget && samples.len() < 10_000) {
        let t = Instant::now();
        stage();
        samples.push(t.elapsed());
    }
    samples.sort();
    let median = samples[samples.len() / 2];
    let secs = median.as_secs_f64();
    println!(
        "{name:<34} {:>9.3} ms median {:>9.3} ms min  {:>8.0} files/s {:>8.1} MB/s  ({} samples, {files} files)",
        secs * 1e3,
        samples[0].as_secs_f64() * 1e3,
        files as f64 / secs,
        size as f64 / 1e6 / secs,
        samples.len(),
    );
}

fn main() {
    // `cargo bench` passes `--bench`; the first other argument filters by name.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let filter = filter.as_deref();
    let Some(corpus) = Corpus::load() else {
        eprintln!("no corpus at ../shared/corpus (set CAULK_CORPUS): nothing to measure");
        return;
    };
    let config = Config::default();
    let docker = &corpus.dockerfiles;
    let k8s = &corpus.manifests;
    let (dn, ds, kn, ks) = (docker.len(), bytes(docker), k8s.len(), bytes(k8s));

    bench(filter, "dockerfile/parse", dn, ds, || {
        for (_, text) in docker {
            black_box(dockerfile::parse(text));
        }
    });
    let parsed: Vec<_> = docker.iter().map(|(_, t)| dockerfile::parse(t)).collect();
    bench(filter, "dockerfile/model", dn, ds, || {
        for ((_, text), syntax) in docker.iter().zip(&parsed) {
            black_box(Model::new(syntax, text));
        }
    });
    let models: Vec<_> = docker
        .iter()
        .zip(&parsed)
        .map(|((_, t), s)| Model::new(s, t))
        .collect();
    bench(filter, "dockerfile/rules", dn, ds, || {
        for (((path, text), syntax), model) in docker.iter().zip(&parsed).zip(&models) {
            let ctx = DockerfileContext {
                path,
                source: text,
                syntax,
                model,
                settings: &config.settings,
                // The `.dockerignore` rules read the disk; the rule pass here does not.
                build: None,
            };
            for rule in config.enabled_rules() {
                if let Check::Dockerfile(check) = rule.check {
                    let mut sink = Sink::new(rule);
                    check(&ctx, &mut sink);
                    black_box(sink.into_diagnostics());
                }
            }
        }
    });
    bench(filter, "dockerfile/lint (whole engine)", dn, ds, || {
        for (path, text) in docker {
            black_box(lint::lint_source(
                path,
                text.clone(),
                FileKind::Dockerfile,
                &config,
            ));
        }
    });

    let limits = Limits::default();
    bench(filter, "yaml/load", kn, ks, || {
        for (_, text) in k8s {
            black_box(yaml::load(text, &limits));
        }
    });
    let streams: Vec<_> = k8s.iter().map(|(_, t)| yaml::load(t, &limits)).collect();
    bench(filter, "kubernetes/objects", kn, ks, || {
        for stream in &streams {
            black_box(kubernetes::objects(stream));
        }
    });
    bench(filter, "kubernetes/rules", kn, ks, || {
        for ((path, text), stream) in k8s.iter().zip(&streams) {
            let objects = kubernetes::objects(stream);
            let ctx = KubernetesContext::new(path, text, stream, &objects, &config.settings);
            for rule in config.enabled_rules() {
                if let Check::Kubernetes(check) = rule.check {
                    let mut sink = Sink::new(rule);
                    check(&ctx, &mut sink);
                    black_box(sink.into_diagnostics());
                }
            }
        }
    });
    bench(filter, "kubernetes/lint (whole engine)", kn, ks, || {
        for (path, text) in k8s {
            black_box(lint::lint_source(
                path,
                text.clone(),
                FileKind::Kubernetes,
                &config,
            ));
        }
    });
}
