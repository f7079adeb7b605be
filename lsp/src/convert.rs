//! The LSP boundary: byte offsets inside caulk, line/character positions in
//! the negotiated encoding outside, and engine findings as LSP diagnostics.

use crate::documents::Document;
use caulk_lints::rules::registry;
use caulk_lints::text::ColumnEncoding;
use caulk_lints::{Diagnostic, LineIndex, Severity, TextRange};
use lsp_types::{
    Code, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, Position,
    PositionEncodingKind, Range, Uri,
};

/// Where each rule's documentation lives; a rule's page is this plus its code.
pub const DOCS_BASE_URL: &str = "https://caulk.dev/rules/";

/// The `source` of every diagnostic caulk publishes.
pub const SOURCE: &str = "caulk";

/// How the client counts characters in a line. caulk speaks UTF-8 bytes
/// internally, so UTF-8 is preferred when the client offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it, otherwise the protocol's mandatory UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn columns(self) -> ColumnEncoding {
        match self {
            Encoding::Utf8 => ColumnEncoding::Utf8,
            Encoding::Utf16 => ColumnEncoding::Utf16,
        }
    }
}

/// Byte offset of an editor position. Positions past the end of a line or
/// of the text are clamped, as the specification asks, instead of failing.
pub fn offset(text: &str, index: &LineIndex, position: Position, encoding: Encoding) -> u32 {
    index.offset_of(text, position.line, position.character, encoding.columns())
}

pub fn position(text: &str, index: &LineIndex, offset: u32, encoding: Encoding) -> Position {
    let at = index.line_col(text, offset, encoding.columns());
    Position {
        line: at.line - 1,
        character: at.column - 1,
    }
}

pub fn range(text: &str, index: &LineIndex, range: TextRange, encoding: Encoding) -> Range {
    Range {
        start: position(text, index, range.start, encoding),
        end: position(text, index, range.end, encoding),
    }
}

/// Byte range of an editor range; a reversed range is put in order.
pub fn text_range(text: &str, index: &LineIndex, range: Range, encoding: Encoding) -> TextRange {
    let a = offset(text, index, range.start, encoding);
    let b = offset(text, index, range.end, encoding);
    TextRange::new(a.min(b), a.max(b))
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::Error,
        Severity::Warning => DiagnosticSeverity::Warning,
        Severity::Info => DiagnosticSeverity::Information,
        Severity::Style => DiagnosticSeverity::Hint,
    }
}

pub fn docs_url(code: &str) -> Option<Uri> {
    Uri::parse(&format!("{DOCS_BASE_URL}{code}")).ok()
}

/// What travels in a published diagnostic's `data`: enough for a client to
/// know a fix exists without asking. Code actions use the server's own copy
/// of the findings, so nothing is trusted from what a client sends back.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct DiagnosticData<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<FixData<'a>>,
}

#[derive(Debug, serde::Serialize)]
struct FixData<'a> {
    title: &'a str,
    applicability: caulk_lints::Applicability,
}

pub fn diagnostic(
    text: &str,
    index: &LineIndex,
    uri: &Uri,
    d: &Diagnostic,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: range(text, index, label.range, encoding),
            },
            message: label.message.clone(),
        })
        .collect();
    let data = DiagnosticData {
        name: d.name,
        fix: d.fix.as_ref().map(|f| FixData {
            title: &f.title,
            applicability: f.applicability,
        }),
    };
    lsp_types::Diagnostic {
        range: range(text, index, d.range, encoding),
        severity: Some(severity(d.severity)),
        code: Some(Code::String(d.code.to_string())),
        code_description: registry::find(d.code)
            .and_then(|rule| docs_url(rule.code))
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: lsp_types::Message::String(d.message.clone()),
        related_information: (!related.is_empty()).then_some(related),
        data: serde_json::to_value(data).ok(),
        ..Default::default()
    }
}

/// The `textDocument/publishDiagnostics` notification for `doc`, as the
/// JSON text of a complete message. Same shape as [`diagnostic`] gives, but
/// serialised from borrowed findings in one pass: on a large manifest,
/// building `lsp_types` values and then a `serde_json::Value` tree cost
/// more than linting it.
pub fn publish_diagnostics_json(
    doc: &Document,
    findings: &[Diagnostic],
    encoding: Encoding,
) -> serde_json::Result<String> {
    let (text, index) = (doc.text.as_str(), &doc.line_index);
    let diagnostics: Vec<PublishedDiagnostic> = findings
        .iter()
        .map(|d| PublishedDiagnostic {
            range: range(text, index, d.range, encoding),
            severity: severity_number(d.severity),
            code: d.code,
            code_description: registry::find(d.code).map(|rule| Href {
                href: DocsUrl(rule.code),
            }),
            source: SOURCE,
            message: &d.message,
            related_information: d
                .labels
                .iter()
                .map(|label| Related {
                    location: RelatedLocation {
                        uri: &doc.uri,
                        range: range(text, index, label.range, encoding),
                    },
                    message: &label.message,
                })
                .collect(),
            data: DiagnosticData {
                name: d.name,
                fix: d.fix.as_ref().map(|f| FixData {
                    title: &f.title,
                    applicability: f.applicability,
                }),
            },
        })
        .collect();
    let message = PublishMessage {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: PublishParams {
            uri: &doc.uri,
            version: doc.version,
            diagnostics,
        },
    };
    // Roughly what one finding takes, so the buffer rarely grows.
    let mut out = Vec::with_capacity(256 + findings.len() * 400);
    serde_json::to_writer(&mut out, &message)?;
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

fn severity_number(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Info => 3,
        Severity::Style => 4,
    }
}

#[derive(serde::Serialize)]
struct PublishMessage<'a> {
    jsonrpc: &'static str,
    method: &'static str,
    params: PublishParams<'a>,
}

#[derive(serde::Serialize)]
struct PublishParams<'a> {
    uri: &'a Uri,
    version: i32,
    diagnostics: Vec<PublishedDiagnostic<'a>>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct PublishedDiagnostic<'a> {
    range: Range,
    severity: u8,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_description: Option<Href>,
    source: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_information: Vec<Related<'a>>,
    data: DiagnosticData<'a>,
}

#[derive(serde::Serialize)]
struct Href {
    href: DocsUrl,
}

/// A rule's documentation address, written without building a `Uri`.
struct DocsUrl(&'static str);

impl serde::Serialize for DocsUrl {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{DOCS_BASE_URL}{}", self.0))
    }
}

#[derive(serde::Serialize)]
struct Related<'a> {
    location: RelatedLocation<'a>,
    message: &'a str,
}

#[derive(serde::Serialize)]
struct RelatedLocation<'a> {
    uri: &'a Uri,
    range: Range,
}
