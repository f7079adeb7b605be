//! caulk's engine: parsers, models, rules, suppressions, configuration and
//! report formats for Dockerfiles and Kubernetes manifests.
//!
//! Data flows one way: discover files → detect kind → parse to a syntax tree
//! with byte spans → model → rules → diagnostics → config and suppressions →
//! render. The `caulk` command line and the language server are thin
//! front-ends over this crate.

pub mod diagnostic;
pub mod config;
pub mod dockerfile;
pub mod rules;
pub mod suppress;
pub mod text;
pub mod yaml;
