//! caulk's engine: parsers, models, rules, suppressions, configuration and
//! report formats for Dockerfiles and Kubernetes manifests.
//!
//! Data flows one way: discover files → detect kind → parse to a syntax tree
//! with byte spans → model → rules → diagnostics → config and suppressions →
//! render. The `caulk` command line and the language server are thin
//! front-ends over this crate.

pub mod baseline;
pub mod build_context;
pub mod build_files;
pub mod config;
pub mod date;
pub mod detect;
pub mod diagnostic;
pub mod discover;
pub mod dockerfile;
pub mod dockerignore;
pub mod fix;
pub mod governance;
pub mod kubernetes;
pub mod lifecycle;
pub mod lint;
mod lint_dockerfile;
mod lint_kubernetes;
pub mod project;
pub mod report;
pub mod rules;
pub mod statistics;
pub mod suppress;
pub mod text;
pub mod yaml;

pub use detect::FileKind;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use lint::{LintedFile, lint_source};
#[doc(hidden)]
pub use lint_kubernetes::Chunking;
pub use lint_kubernetes::PieceCache;
pub use text::{LineCol, LineIndex, TextRange};
