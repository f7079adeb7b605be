//! What rule files import: `use crate::rules::prelude::*;`.

pub use crate::diagnostic::{Applicability, Edit, Fix, Severity};
pub use crate::dockerfile::model::{Base, Model, ResolvedImage, Stage};
pub use crate::dockerfile::{Instruction, InstructionKind, Keyword, Word};
pub use crate::project::{ProjectContext, ProjectSink, Workload, same_namespace};
pub use crate::rules::{
    Category, Check, DockerfileContext, KubernetesContext, Profile, Reference, Sink, Source,
};
pub use crate::text::TextRange;
