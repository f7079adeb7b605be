//! Helpers shared by several rules (one file per topic). Rules import them
//! as `crate::rules::support::<topic>`.
