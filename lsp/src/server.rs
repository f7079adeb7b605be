//! The server loop: one thread reads messages in order, keeps the open
//! documents, lints them with the engine and answers requests.
//!
//! Linting is synchronous and fast enough to run between messages. Changes
//! only mark a document dirty; dirty documents are linted when no message is
//! waiting, so a burst of keystrokes costs one lint of the latest version.

use crate::code_actions;
use crate::convert::{self, Encoding};
use crate::documents::{Document, Documents};
use crate::hover;
use crate::transport::Output;
use caulk_lints::config::{
    CONFIG_FILE_NAMES, ConfigError, ConfigResolver, HADOLINT_FILE_NAMES, Overrides,
};
use caulk_lints::{LineIndex, TextRange};
use crossbeam_channel::{Receiver, TryRecvError};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProvider,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidChangeWorkspaceFoldersParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, HoverParams, HoverProvider, InitializeParams, InitializeResult,
    MessageType, PublishDiagnosticsParams, Registration, RegistrationParams, Save, SaveOptions,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSync, TextDocumentSyncKind,
    TextDocumentSyncOptions, Uri, WorkspaceFolders, WorkspaceFoldersServerCapabilities,
    WorkspaceOptions,
};
use serde::de::DeserializeOwned;
use std::collections::{BTreeSet, HashSet};
use std::error::Error;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

pub type ServerResult<T> = Result<T, Box<dyn Error + Send + Sync>>;

/// Runs the protocol over an in-memory `connection` (tests, embedders)
/// until `shutdown` and `exit`. `caulk server` uses [`crate::serve`].
pub fn run(connection: Connection) -> ServerResult<()> {
    run_with(&connection.receiver, &connection.sender)
}

/// The server's whole life: initialization, the main loop, shutdown.
pub(crate) fn run_with(receiver: &Receiver<Message>, out: &dyn Output) -> ServerResult<()> {
    let params = initialize(receiver, out)?;
    let mut server = Server::new(receiver, out, &params);
    server.register_config_watchers();
    server.main_loop()
}

/// Waits for `initialize` and answers it. Until then requests get
/// `ServerNotInitialized` and notifications are dropped, as the
/// specification says; an `initialize` whose parameters do not parse gets
/// `InvalidParams`, and the server waits for a better one.
fn initialize(receiver: &Receiver<Message>, out: &dyn Output) -> ServerResult<InitializeParams> {
    loop {
        let Ok(message) = receiver.recv() else {
            return Err("the client disconnected before initializing the server".into());
        };
        let request = match message {
            Message::Request(request) => request,
            Message::Notification(n) if n.method == "exit" => {
                return Err("exit notification before initialization".into());
            }
            Message::Notification(_) | Message::Response(_) => continue,
        };
        if request.method != "initialize" {
            let response = Response::new_err(
                request.id,
                ErrorCode::ServerNotInitialized as i32,
                format!("{} before initialize", request.method),
            );
            out.send(response.into());
            continue;
        }
        match serde_json::from_value::<InitializeParams>(request.params) {
            Ok(params) => {
                let encoding = Encoding::negotiate(
                    params
                        .capabilities
                        .general
                        .as_ref()
                        .and_then(|g| g.position_encodings.as_deref()),
                );
                let result = InitializeResult {
                    capabilities: capabilities(encoding),
                    server_info: Some(ServerInfo {
                        name: "caulk".to_string(),
                        version: Some(env!("CARGO_PKG_VERSION").to_string()),
                    }),
                };
                out.send(Response::new_ok(request.id, result).into());
                return Ok(params);
            }
            Err(e) => {
                let response = Response::new_err(
                    request.id,
                    ErrorCode::InvalidParams as i32,
                    format!("invalid initialize parameters: {e}"),
                );
                out.send(response.into());
            }
        }
    }
}

pub fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSync::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::Incremental),
            save: Some(Save::SaveOptions(SaveOptions {
                include_text: Some(false),
            })),
            ..Default::default()
        })),
        code_action_provider: Some(CodeActionProvider::CodeActionOptions(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QuickFix,
                CodeActionKind::SourceFixAll,
                code_actions::fix_all_kind(),
            ]),
            ..Default::default()
        })),
        hover_provider: Some(HoverProvider::Bool(true)),
        workspace: Some(WorkspaceOptions {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(lsp_types::ChangeNotifications::Bool(true)),
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Why a handler could not answer: becomes an error response.
struct HandlerError {
    code: ErrorCode,
    message: String,
}

impl HandlerError {
    fn invalid_params(method: &str, e: serde_json::Error) -> Self {
        Self {
            code: ErrorCode::InvalidParams,
            message: format!("invalid parameters for {method}: {e}"),
        }
    }
}

struct Server<'a> {
    receiver: &'a Receiver<Message>,
    out: &'a dyn Output,
    /// `shutdown` was answered: only `exit` is expected now.
    shutting_down: bool,
    encoding: Encoding,
    documents: Documents,
    resolver: ConfigResolver,
    /// Documents changed since they were last published.
    dirty: BTreeSet<Uri>,
    /// Broken configuration files already announced, so a message shows once per file.
    announced_config_errors: HashSet<String>,
    /// Configuration files holding a published diagnostic, to clear on reload.
    config_error_uris: BTreeSet<Uri>,
    watch_dynamically: bool,
    workspace_folders: Vec<Uri>,
    next_request_id: i32,
}

impl<'a> Server<'a> {
    fn new(
        receiver: &'a Receiver<Message>,
        out: &'a dyn Output,
        params: &InitializeParams,
    ) -> Self {
        let caps = &params.capabilities;
        let encoding = Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let watch_dynamically = caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let workspace_folders = match &params.workspace_folders_initialize_params.workspace_folders
        {
            Some(WorkspaceFolders::WorkspaceFolderList(list)) => {
                list.iter().map(|f| f.uri.clone()).collect()
            }
            _ => Vec::new(),
        };
        Self {
            receiver,
            out,
            shutting_down: false,
            encoding,
            documents: Documents::default(),
            resolver: ConfigResolver::new(None, Overrides::default()),
            dirty: BTreeSet::new(),
            announced_config_errors: HashSet::new(),
            config_error_uris: BTreeSet::new(),
            watch_dynamically,
            workspace_folders,
            next_request_id: 0,
        }
    }

    fn main_loop(&mut self) -> ServerResult<()> {
        loop {
            let message = match self.receiver.try_recv() {
                Ok(message) => message,
                Err(TryRecvError::Empty) => {
                    self.publish_dirty();
                    match self.receiver.recv() {
                        Ok(message) => message,
                        Err(_) => return self.disconnected(),
                    }
                }
                Err(TryRecvError::Disconnected) => return self.disconnected(),
            };
            match message {
                Message::Request(request) => self.dispatch_request(request),
                Message::Notification(notification) => {
                    if notification.method == "exit" {
                        return if self.shutting_down {
                            Ok(())
                        } else {
                            Err("exit notification before shutdown".into())
                        };
                    }
                    // After shutdown only `exit` means anything.
                    if !self.shutting_down {
                        self.guarded_notification(notification);
                    }
                }
                Message::Response(response) => {
                    if let Err(e) = response.response_result {
                        log(&format!(
                            "the client answered request {} with an error: {}",
                            response.id, e.message
                        ));
                    }
                }
            }
        }
    }

    /// The client closed the connection: fine after `shutdown`, otherwise
    /// the session ended without the protocol's goodbye.
    fn disconnected(&self) -> ServerResult<()> {
        if self.shutting_down {
            Ok(())
        } else {
            Err("the client disconnected without shutting the server down".into())
        }
    }

    fn dispatch_request(&mut self, request: Request) {
        let refuse = |message: String| {
            Response::new_err(
                request.id.clone(),
                ErrorCode::InvalidRequest as i32,
                message,
            )
        };
        let response = if self.shutting_down {
            refuse(format!("{} after shutdown", request.method))
        } else if request.method == "shutdown" {
            self.shutting_down = true;
            self.dirty.clear();
            Response::new_ok(request.id, serde_json::Value::Null)
        } else if request.method == "initialize" {
            refuse("the server is already initialized".to_string())
        } else {
            return self.guarded_request(request);
        };
        self.send(response.into());
    }

    /// A bug in one handler must not take the editor's linter down: the
    /// panic is logged and the request answered with an internal error.
    fn guarded_request(&mut self, request: Request) {
        let id = request.id.clone();
        let method = request.method.clone();
        let outcome = catch_unwind(AssertUnwindSafe(|| self.handle_request(request)));
        let response = match outcome {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(e)) => Response::new_err(id, e.code as i32, e.message),
            Err(_) => {
                log(&format!("panic while handling {method}"));
                Response::new_err(
                    id,
                    ErrorCode::InternalError as i32,
                    format!("internal error while handling {method}"),
                )
            }
        };
        self.send(response.into());
    }

    fn guarded_notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        match catch_unwind(AssertUnwindSafe(|| self.handle_notification(notification))) {
            Ok(Ok(())) => {}
            Ok(Err(e)) => log(&e.message),
            Err(_) => log(&format!("panic while handling {method}")),
        }
    }

    fn handle_request(&mut self, request: Request) -> Result<serde_json::Value, HandlerError> {
        let method = request.method.as_str();
        match method {
            "textDocument/codeAction" => {
                let params: CodeActionParams = parse(method, request.params)?;
                Ok(serde_json::to_value(self.code_actions(params)).unwrap_or_default())
            }
            "textDocument/hover" => {
                let params: HoverParams = parse(method, request.params)?;
                Ok(serde_json::to_value(self.hover(params)).unwrap_or_default())
            }
            _ => Err(HandlerError {
                code: ErrorCode::MethodNotFound,
                message: format!("unknown request {method}"),
            }),
        }
    }

    fn handle_notification(&mut self, notification: Notification) -> Result<(), HandlerError> {
        let method = notification.method.as_str();
        match method {
            "textDocument/didOpen" => {
                let params: DidOpenTextDocumentParams = parse(method, notification.params)?;
                let item = params.text_document;
                let uri = item.uri.clone();
                self.documents.open(Document::new(
                    item.uri,
                    item.language_id.as_str().to_string(),
                    item.version,
                    item.text,
                ));
                self.dirty.insert(uri);
            }
            "textDocument/didChange" => {
                let params: DidChangeTextDocumentParams = parse(method, notification.params)?;
                let uri = params.text_document.text_document_identifier.uri;
                match self.documents.get_mut(&uri) {
                    Some(doc) => {
                        doc.apply_changes(
                            params.text_document.version,
                            params.content_changes,
                            self.encoding,
                        );
                        self.dirty.insert(uri);
                    }
                    None => log(&format!("change to a document that is not open: {uri}")),
                }
            }
            "textDocument/didSave" => {
                let params: DidSaveTextDocumentParams = parse(method, notification.params)?;
                let uri = params.text_document.uri;
                // Clients without file watchers still tell us when a config file they edit is saved.
                if uri.to_file_path().is_ok_and(|p| is_config_file(&p)) {
                    self.reload_configuration();
                } else if let Some(doc) = self.documents.get_mut(&uri) {
                    doc.linted = None;
                    self.dirty.insert(uri);
                }
            }
            "textDocument/didClose" => {
                let params: DidCloseTextDocumentParams = parse(method, notification.params)?;
                let uri = params.text_document.uri;
                self.dirty.remove(&uri);
                if self.documents.close(&uri).is_some() {
                    self.publish(uri, None, Vec::new());
                }
            }
            "workspace/didChangeWatchedFiles" => {
                let params: DidChangeWatchedFilesParams = parse(method, notification.params)?;
                let touches_config = params
                    .changes
                    .iter()
                    .any(|c| c.uri.to_file_path().is_ok_and(|p| is_config_file(&p)));
                if touches_config {
                    self.reload_configuration();
                }
            }
            "workspace/didChangeWorkspaceFolders" => {
                let params: DidChangeWorkspaceFoldersParams = parse(method, notification.params)?;
                self.workspace_folders
                    .retain(|f| !params.event.removed.iter().any(|r| &r.uri == f));
                self.workspace_folders
                    .extend(params.event.added.into_iter().map(|f| f.uri));
                // Configuration is found per file, so new folders need no other work.
            }
            // Settings live in configuration files, exactly as for `caulk check`.
            "workspace/didChangeConfiguration" | "initialized" => {}
            _ if method.starts_with("$/") => {}
            _ => log(&format!("ignoring unknown notification {method}")),
        }
        Ok(())
    }

    fn send(&self, message: Message) {
        self.out.send(message);
    }

    fn notify<P: serde::Serialize>(&self, method: &str, params: P) {
        match serde_json::to_value(params) {
            Ok(params) => self.send(
                Notification {
                    method: method.to_string(),
                    params,
                }
                .into(),
            ),
            Err(e) => log(&format!("cannot serialize {method}: {e}")),
        }
    }

    fn request<P: serde::Serialize>(&mut self, method: &str, params: P) {
        self.next_request_id += 1;
        let id = RequestId::from(format!("caulk-{}", self.next_request_id));
        self.send(Request::new(id, method.to_string(), params).into());
    }

    /// Asks the client to tell us when a configuration file changes anywhere
    /// in the workspace; without this, a change is noticed on save only.
    fn register_config_watchers(&mut self) {
        if !self.watch_dynamically {
            return;
        }
        let watchers = CONFIG_FILE_NAMES
            .iter()
            .chain(HADOLINT_FILE_NAMES)
            .map(|name| FileSystemWatcher {
                glob_pattern: GlobPattern::Pattern(format!("**/{name}")),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "caulk-config-watcher".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.request("client/registerCapability", params);
    }

    fn reload_configuration(&mut self) {
        self.resolver.clear();
        self.announced_config_errors.clear();
        for uri in std::mem::take(&mut self.config_error_uris) {
            self.publish(uri, None, Vec::new());
        }
        for uri in self.documents.uris() {
            if let Some(doc) = self.documents.get_mut(&uri) {
                doc.linted = None;
                doc.pieces.clear();
            }
            self.dirty.insert(uri);
        }
    }

    /// Publishes the findings of every changed document. The notification
    /// is serialised straight from the engine's findings: on a large
    /// manifest, building `lsp_types` values first cost more than the lint.
    fn publish_dirty(&mut self) {
        for uri in std::mem::take(&mut self.dirty) {
            self.ensure_linted(&uri);
            let Some(doc) = self.documents.get(&uri) else {
                continue;
            };
            let findings = match &doc.linted {
                Some(linted) if linted.skipped.is_none() => linted.diagnostics.as_slice(),
                _ => &[],
            };
            match convert::publish_diagnostics_json(doc, findings, self.encoding) {
                Ok(text) => self.out.send_text(text),
                Err(e) => log(&format!("cannot serialize diagnostics for {uri}: {e}")),
            }
        }
    }

    fn publish(&self, uri: Uri, version: Option<i32>, diagnostics: Vec<lsp_types::Diagnostic>) {
        self.notify(
            "textDocument/publishDiagnostics",
            PublishDiagnosticsParams {
                uri,
                version,
                diagnostics,
            },
        );
    }

    /// Lints the current version of a document unless that was done already.
    /// Documents of no kind caulk lints get an empty result.
    fn ensure_linted(&mut self, uri: &Uri) {
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        if doc.linted.is_some() {
            return;
        }
        let Some(kind) = doc.kind() else { return };
        // A Dockerfile on disk is built from its own directory, or the one a
        // Compose or Bake file above it names; the ignore file is re-read on
        // every lint, so edits to it show on the next change.
        let build = match (kind, doc.file_path()) {
            (caulk_lints::FileKind::Dockerfile, Some(path)) => {
                Some(caulk_lints::discover::build_context_of(&path))
            }
            _ => None,
        };
        let config = match doc.file_path() {
            Some(path) => match self.resolver.for_file(&path) {
                Ok(config) => config,
                Err(error) => {
                    self.announce_config_error(&error);
                    self.resolver.default_config()
                }
            },
            None => self.resolver.default_config(),
        };
        let Some(doc) = self.documents.get_mut(uri) else {
            return;
        };
        let path = doc.lint_path();
        doc.linted = Some(match kind {
            // Only the documents an edit touched are linted again.
            caulk_lints::FileKind::Kubernetes => caulk_lints::lint::lint_manifest_with_cache(
                &path,
                doc.text.clone(),
                doc.line_index.clone(),
                &config,
                &mut doc.pieces,
            ),
            caulk_lints::FileKind::Dockerfile => caulk_lints::lint::lint_source_in(
                &path,
                doc.text.clone(),
                kind,
                false,
                &config,
                build.as_ref(),
            ),
        });
    }

    /// A broken configuration file is shown once (until configuration is
    /// reloaded), and as a diagnostic on the file itself; linting goes on with the defaults.
    fn announce_config_error(&mut self, error: &ConfigError) {
        if !self.announced_config_errors.insert(error.path.clone()) {
            return;
        }
        self.notify(
            "window/showMessage",
            ShowMessageParams {
                kind: MessageType::Error,
                message: format!("caulk: {error}. Linting with the default configuration."),
            },
        );
        let path = PathBuf::from(&error.path);
        let Ok(uri) = Uri::from_file_path(std::path::absolute(&path).unwrap_or(path.clone()))
        else {
            return;
        };
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let index = LineIndex::new(&text);
        let range = error.range.unwrap_or(TextRange::empty(0));
        let diagnostic = lsp_types::Diagnostic {
            range: convert::range(&text, &index, range, self.encoding),
            severity: Some(lsp_types::DiagnosticSeverity::Error),
            source: Some(convert::SOURCE.to_string()),
            message: lsp_types::Message::String(error.message.clone()),
            ..Default::default()
        };
        self.config_error_uris.insert(uri.clone());
        self.publish(uri, None, vec![diagnostic]);
    }

    fn code_actions(&mut self, params: CodeActionParams) -> Vec<lsp_types::CodeAction> {
        let uri = params.text_document.uri;
        self.ensure_linted(&uri);
        let Some(doc) = self.documents.get(&uri) else {
            return Vec::new();
        };
        let Some(linted) = doc.linted.as_ref().filter(|l| l.skipped.is_none()) else {
            return Vec::new();
        };
        code_actions::actions(
            doc,
            &linted.diagnostics,
            params.range,
            params.context.only.as_deref(),
            self.encoding,
        )
    }

    fn hover(&mut self, params: HoverParams) -> Option<lsp_types::Hover> {
        let at = params.text_document_position_params;
        let uri = at.text_document.uri;
        self.ensure_linted(&uri);
        let doc = self.documents.get(&uri)?;
        let offset = convert::offset(&doc.text, &doc.line_index, at.position, self.encoding);
        let diagnostics = doc
            .linted
            .as_ref()
            .map(|l| l.diagnostics.as_slice())
            .unwrap_or_default();
        hover::hover(doc, diagnostics, offset, self.encoding)
    }
}

fn parse<P: DeserializeOwned>(method: &str, params: serde_json::Value) -> Result<P, HandlerError> {
    serde_json::from_value(params).map_err(|e| HandlerError::invalid_params(method, e))
}

fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|name| {
            CONFIG_FILE_NAMES.contains(&name) || HADOLINT_FILE_NAMES.contains(&name)
        })
}

/// stderr is the client's log channel for a stdio server.
pub(crate) fn log(message: &str) {
    eprintln!("caulk server: {message}");
}
