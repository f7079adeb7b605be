//! Fingerprints: an id for a finding that survives unrelated edits, so code
//! scanning and GitLab can tell a new finding from one that moved.
//!
//! The id is made of what the finding is about, never of where it is: the
//! rule code, the file's path, the text the range covers and the text of the
//! line it starts on (both with whitespace collapsed), plus how many
//! identical findings came before it in the file. Line numbers, columns,
//! severity and message are left out: inserting a line above, changing a
//! rule's severity in configuration or rewording a message keeps the id.

use super::slash_path;
use crate::diagnostic::Diagnostic;
use crate::lint::LintedFile;
use std::collections::HashMap;

/// The fingerprint of `diagnostic`, one of `file`'s findings: 16 hex digits.
///
/// To fingerprint every finding of a file, [`fingerprints`] does it in one pass.
pub fn fingerprint(file: &LintedFile, diagnostic: &Diagnostic) -> String {
    let key = key(file, diagnostic);
    let occurrence = file
        .diagnostics
        .iter()
        .take_while(|d| !std::ptr::eq(*d, diagnostic))
        .filter(|d| d.code == diagnostic.code && self::key(file, d) == key)
        .count();
    hex(hash_key(&key, occurrence))
}

/// The fingerprints of all of `file`'s findings, in order.
pub fn fingerprints(file: &LintedFile) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    file.diagnostics
        .iter()
        .map(|d| {
            let key = key(file, d);
            let id = hash_key(&key, seen.get(&key).copied().unwrap_or(0));
            *seen.entry(key).or_insert(0) += 1;
            hex(id)
        })
        .collect()
}

fn key(file: &LintedFile, diagnostic: &Diagnostic) -> String {
    let line = file
        .line_index
        .line_of(diagnostic.range.start.min(file.source.len() as u32));
    let line_text = file
        .line_index
        .line_range(line, &file.source)
        .slice(&file.source);
    let mut key = String::new();
    for part in [
        diagnostic.code,
        &slash_path(&file.path),
        &collapse_whitespace(diagnostic.range.slice(&file.source)),
        &collapse_whitespace(line_text),
    ] {
        key.push_str(part);
        // A separator no path or source text can hold unescaped keeps
        // ("ab", "c") and ("a", "bc") apart.
        key.push('\0');
    }
    key
}

fn hash_key(key: &str, occurrence: usize) -> u64 {
    let mut hash = Fnv1a::new();
    hash.write(key.as_bytes());
    hash.write(&(occurrence as u64).to_le_bytes());
    hash.finish()
}

fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// Words joined by single spaces: indentation and line continuations do
/// not change what a finding is about.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 64-bit FNV-1a. Written out because its output must never change between
/// releases, which `std`'s `DefaultHasher` does not promise.
struct Fnv1a(u64);

impl Fnv1a {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn new() -> Self {
        Self(Self::OFFSET_BASIS)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_published_vectors() {
        let hash = |s: &str| {
            let mut h = Fnv1a::new();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_eq!(hash(""), 0xcbf29ce484222325);
        assert_eq!(hash("a"), 0xaf63dc4c8601ec8c);
        assert_eq!(hash("foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(
            collapse_whitespace("  RUN  apt-get \\\n\t install x "),
            "RUN apt-get \\ install x"
        );
    }
}
