//! The LSP boundary: byte offsets inside caulk, line/character positions in
//! the negotiated encoding outside, and engine findings as LSP diagnostics.

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
