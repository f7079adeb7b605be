//! caulk's language server: diagnostics, fixes, suppressions and rule
//! documentation for Dockerfiles and Kubernetes manifests in any LSP editor.
//!
//! A thin front-end over `caulk-lints`, like the command line: it keeps the
//! editor's text, finds configuration exactly as `caulk check` does, and
//! converts byte ranges to the client's position encoding at the boundary.
//! `caulk server` calls [`run_stdio`]; [`serve`] runs the same server over
//! any pair of byte streams, with a transport that survives malformed input.

mod code_actions;
mod convert;
mod documents;
mod hover;
mod server;
mod transport;

pub use convert::DOCS_BASE_URL;
pub use server::{ServerResult, run};
pub use transport::serve;

/// Serves the protocol on stdin/stdout until the client shuts the server down.
pub fn run_stdio() -> ServerResult<()> {
    serve(std::io::stdin(), std::io::stdout())
}
