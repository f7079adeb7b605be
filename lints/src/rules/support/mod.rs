//! Helpers shared by several rules (one file per topic). Rules import them
//! as `crate::rules::support::<topic>`.
pub mod build_args;
pub mod check_directive;
pub mod commands;
pub mod copy_sources;
pub mod labels;
pub mod packages;
pub mod secrets;
