//! The rule catalogue: rule metadata, the table of every rule, and the sink
//! rules report into.
//!
//! One rule is one file under `rules/dockerfile/` or `rules/kubernetes/`. The
//! file declares a `pub static RULE: Rule` with [`declare_rule!`], whose doc
//! comment is the rule's documentation (`caulk rule CODE`, SARIF help, LSP
//! hover all read it), and the check function. `build.rs` finds the files and
//! generates the table in [`registry`], so adding a rule is adding a file.

mod context;
pub mod meta;
pub mod prelude;
pub mod registry;
pub mod support;

pub(crate) use context::Elsewhere;
pub use context::{DockerfileContext, KubernetesContext};
pub use meta::{Category, Check, Profile, Reference, Rule, Source, Target};

use crate::diagnostic::Diagnostic;
use crate::text::TextRange;

/// Declares a rule: the doc comment becomes [`Rule::doc`], the fields are
/// those of [`Rule`] (optional ones default as in [`Rule::DEFAULT`]).
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        pub static $id:ident = Rule {
            $($field:ident : $value:expr),* $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub static $id: $crate::rules::Rule = $crate::rules::Rule {
            doc: concat!($($doc, "\n"),*),
            $($field: $value,)*
            ..$crate::rules::Rule::DEFAULT
        };
    };
}

/// Where a running rule puts its findings. The engine gives each rule its own
/// sink, so a rule only says where and what; code, name and default severity
/// come from its metadata.
pub struct Sink {
    rule: &'static Rule,
    diagnostics: Vec<Diagnostic>,
}

impl Sink {
    pub fn new(rule: &'static Rule) -> Self {
        Self {
            rule,
            diagnostics: Vec::new(),
        }
    }

    pub fn rule(&self) -> &'static Rule {
        self.rule
    }

    /// Reports a finding at `range`; chain `.fix(…)` or `.label(…)` on the result.
    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic {
            code: self.rule.code,
            name: self.rule.name,
            severity: self.rule.severity,
            message: message.into(),
            range,
            labels: Vec::new(),
            fix: None,
        });
        self.diagnostics.last_mut().expect("just pushed")
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }
}

// The rule files, found by `build.rs`: `pub mod engine { pub mod … }`,
// `pub mod dockerfile { … }`, `pub mod kubernetes { … }`.
include!(concat!(env!("OUT_DIR"), "/rule_modules.rs"));
