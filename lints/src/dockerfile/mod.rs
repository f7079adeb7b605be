//! Dockerfiles: syntax tree, parser and semantic model.
//!
//! [`parse`] first splits the file into directives, comments and logical
//! instructions (continuations joined, heredoc bodies attached), then parses
//! each instruction's arguments with nom. A bad instruction becomes one
//! [`ParseError`] and parsing goes on with the next.

mod heredoc;
mod image;
mod instructions;
mod logical;
pub mod model;
mod source_map;
mod syntax;
mod words;

#[cfg(test)]
mod tests;

pub use image::ImageRef;
pub use source_map::{LogicalText, ShellText};
pub use syntax::*;

/// Parses a Dockerfile. Never fails: errors are collected in
/// [`Dockerfile::errors`] and every other instruction is still parsed.
pub fn parse(text: &str) -> Dockerfile {
    let split = logical::split(text);
    let mut errors = split.errors;
    let mut instructions = Vec::with_capacity(split.instructions.len());
    for raw in split.instructions {
        match instructions::parse(raw, split.escape) {
            Ok(instruction) => instructions.push(instruction),
            Err(error) => errors.push(error),
        }
    }
    errors.sort_by_key(|e| e.range);
    Dockerfile {
        directives: split.directives,
        escape: split.escape,
        instructions,
        comments: split.comments,
        errors,
    }
}
pub mod shell;
