//! The fuzz targets' checks in the normal test suite: every seed of the
//! fuzz corpus (`corpus/`, `../shared/corpus` when present), every input the
//! fuzzer ever crashed on (`fuzz/regressions/<target>/`), and a fixed-seed
//! run of generated inputs (seeds mutated with the tokens that break
//! parsers) through the same harness `cargo fuzz` runs. Bounded: the counts
//! below, about 40 s in a debug build on one core.

#[path = "../fuzz/harness.rs"]
mod harness;

use caulk_lints::FileKind;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, sorted (missing directories give none).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(t) if t.is_file() => out.push(path),
                _ => {}
            }
        }
    }
    out.sort();
    out
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Seed {
    Dockerfile,
    Yaml,
    Config,
}

fn seeds() -> Vec<(Seed, Vec<u8>)> {
    let mut dirs = vec![repo().join("corpus")];
    let shared = repo().join("../shared/corpus");
    if shared.is_dir() {
        dirs.push(shared);
    } else {
        eprintln!("../shared/corpus is absent: replaying the repository's corpus only");
    }
    let mut seeds = Vec::new();
    for dir in dirs {
        for path in files_under(&dir) {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let seed = if name == ".caulk.yaml" || name == ".hadolint.yaml" {
                Seed::Config
            } else {
                match caulk_lints::detect::kind_from_path(&path) {
                    Some(FileKind::Dockerfile) => Seed::Dockerfile,
                    Some(FileKind::Kubernetes) => Seed::Yaml,
                    None => continue,
                }
            };
            seeds.push((
                seed,
                std::fs::read(&path).expect("corpus files are readable"),
            ));
        }
    }
    seeds
}

fn run(seed: Seed, data: &[u8]) {
    match seed {
        Seed::Dockerfile => {
            harness::dockerfile_parse(data);
            harness::lint_file(data, FileKind::Dockerfile);
        }
        Seed::Yaml => {
            harness::yaml_load(data);
            harness::lint_file(data, FileKind::Kubernetes);
        }
        Seed::Config => harness::config_and_suppressions(data),
    }
}

/// Runs `f` on `data` and names the input (saved to a file) when it panics.
fn guarded(what: &str, data: &[u8], f: impl FnOnce() + std::panic::UnwindSafe) {
    if let Err(panic) = std::panic::catch_unwind(f) {
        let saved = std::env::temp_dir().join(format!("caulk-fuzz-replay-{what}"));
        let _ = std::fs::write(&saved, data);
        eprintln!("{what}: the input is saved in {}", saved.display());
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn every_seed_passes_every_check() {
    let seeds = seeds();
    assert!(
        seeds.iter().filter(|(s, _)| *s == Seed::Dockerfile).count() > 50
            && seeds.iter().filter(|(s, _)| *s == Seed::Yaml).count() > 20,
        "the repository's corpus holds Dockerfiles and manifests"
    );
    for (i, (seed, data)) in seeds.iter().enumerate() {
        guarded(&format!("seed-{i}"), data, || run(*seed, data));
    }
}

#[test]
fn every_input_the_fuzzer_crashed_on_is_handled() {
    let dir = repo().join("fuzz/regressions");
    let mut count = 0;
    for path in files_under(&dir) {
        let target = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .expect("regressions/<target>/<input>")
            .to_string();
        let data = std::fs::read(&path).expect("readable");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        guarded(&name, &data.clone(), move || match target.as_str() {
            "dockerfile_parse" => harness::dockerfile_parse(&data),
            "yaml_load" => harness::yaml_load(&data),
            "lint_dockerfile" => harness::lint_file(&data, FileKind::Dockerfile),
            "lint_kubernetes" => harness::lint_file(&data, FileKind::Kubernetes),
            "config" => harness::config_and_suppressions(&data),
            "lsp" => harness::lsp_session(&data),
            other => panic!("no fuzz target named {other}"),
        });
        count += 1;
    }
    eprintln!("{count} regression inputs replayed");
}

/// xorshift64*: a fixed sequence, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What breaks parsers: continuations, quotes, substitutions, heredocs,
/// flow brackets, anchors, document markers, tabs, BOMs, NULs, invalid
/// UTF-8, and text that tries to escape its output format.
const TOKENS: &[&[u8]] = &[
    b"\\\n",
    b"\\\r\n",
    b"$(",
    b"${",
    b":-",
    b"`",
    b"'",
    b"\"",
    b"&&",
    b"||",
    b";",
    b"|",
    b"<<EOF\n",
    b"\nEOF\n",
    b"# escape=`\n",
    b"# syntax=x\n",
    b"# caulk ignore=",
    b"# hadolint global ignore=DL3007\n",
    b"\nFROM ",
    b"\nRUN ",
    b" AS ",
    b"--mount=type=cache,target=",
    b"[\"",
    b"\n---\n",
    b"...\n",
    b"&a ",
    b"*a",
    b"<<: *a",
    b"[",
    b"]",
    b"{",
    b"}",
    b": ",
    b"- ",
    b"? ",
    b"!!str ",
    b"|-\n",
    b">\n",
    b"\t",
    b"\r",
    b"\0",
    b"\xEF\xBB\xBF",
    b"\xFF",
    b"\xC3",
    b"\x1b[31m",
    b"\x1b]8;;http://x\x07",
    b"\n::error::injected\n",
    b"%0A",
    b"]]>",
    b"</file>",
    b"\xE2\x80\xAE",
    b"\xF0\x9F\x90\xB3",
];

fn mutate(rng: &mut Rng, data: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = data.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(7) {
            0 | 1 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
            2 if at < out.len() => out[at] ^= 1 << rng.below(8),
            3 => {
                let end = (at + rng.below(64)).min(out.len());
                out.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(64)).min(out.len());
                let copy = out[at..end].repeat(1 + rng.below(8));
                out.splice(at..at, copy);
            }
            5 => out.truncate(at),
            _ => {
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(256)).min(other.len());
                out.splice(at..at, other[from..end].iter().copied());
            }
        }
    }
    out
}

fn generated(kind: Seed, cases: usize, seed: u64) {
    let seeds: Vec<Vec<u8>> = seeds()
        .into_iter()
        .filter(|(s, _)| *s == kind)
        // Small seeds mutate into interesting inputs fastest.
        .filter(|(_, d)| d.len() <= 8 * 1024)
        .map(|(_, d)| d)
        .collect();
    assert!(!seeds.is_empty());
    let mut rng = Rng(seed);
    for case in 0..cases {
        let data = &seeds[rng.below(seeds.len())];
        let other = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, data, other);
        guarded(&format!("{kind:?}-{seed}-{case}"), &input, || {
            run(kind, &input)
        });
    }
}

#[test]
fn generated_dockerfiles() {
    generated(Seed::Dockerfile, 600, 0x0D0C_4E12);
}

#[test]
fn generated_manifests() {
    generated(Seed::Yaml, 400, 0x6B38_5E55);
}

#[test]
fn generated_configurations() {
    generated(Seed::Config, 150, 0xCA01_C0DE);
}

#[test]
fn generated_language_server_sessions() {
    let mut rng = Rng(0x15E4_0E55);
    let docs: Vec<Vec<u8>> = seeds()
        .into_iter()
        .filter(|(s, d)| *s == Seed::Dockerfile && d.len() < 2048)
        .map(|(_, d)| d)
        .collect();
    for case in 0..25 {
        let mut session = Vec::new();
        for _ in 0..1 + rng.below(8) {
            // A selector byte (method and document), then text or JSON.
            session.push(rng.next() as u8);
            match rng.below(3) {
                0 => {
                    let doc = &docs[rng.below(docs.len())];
                    let text = mutate(&mut rng, doc, doc);
                    session.extend(text.iter().map(|&b| if b == b'\n' { b'\r' } else { b }));
                }
                1 => session.extend_from_slice(
                    br#"{"textDocument":{"uri":42},"position":{"line":-1,"character":"x"}}"#,
                ),
                _ => session.extend_from_slice(b"{\"jsonrpc\":\"2.0\",\"method\":"),
            }
            session.push(b'\n');
        }
        guarded(&format!("lsp-{case}"), &session.clone(), move || {
            harness::lsp_session(&session)
        });
    }
}
