//! The local sources of `COPY`/`ADD`, as paths in the build context.

use crate::dockerfile::{Instruction, InstructionKind, Word};
use crate::dockerignore::clean;

/// A `COPY`/`ADD` source that names files of the build context.
pub struct ContextSource<'a> {
    pub instruction: &'a Instruction,
    pub word: &'a Word,
    /// Relative to the context root, cleaned (`/app/` and `./app` are `app`;
    /// the whole context is `.`).
    pub path: String,
}

/// Every source of `COPY`/`ADD` read from the build context: not
/// `--from=` copies, heredocs, URLs, Git sources or paths holding variables.
/// `ONBUILD` instructions are left out: they run in another build's context.
pub fn context_sources(instructions: &[Instruction]) -> Vec<ContextSource<'_>> {
    let mut out = Vec::new();
    for instruction in instructions {
        let (InstructionKind::Copy(copy) | InstructionKind::Add(copy)) = &instruction.kind else {
            continue;
        };
        if instruction.flag("from").is_some() {
            continue;
        }
        for word in &copy.sources {
            let value = word.value.as_str();
            if word.has_vars()
                || value.contains('$')
                || value.starts_with("<<")
                || value.contains("://")
                || value.starts_with("git@")
                || value.is_empty()
            {
                continue;
            }
            // A leading `/` is the context root, as in Docker.
            let path = clean(value.trim_start_matches('/'));
            out.push(ContextSource {
                instruction,
                word,
                path,
            });
        }
    }
    out
}
