//! The open documents: their text as the editor has it, kept in step with
//! incremental edits, and the findings of their latest version.

use crate::convert::{self, Encoding};
use caulk_lints::detect::{is_dockerfile_name, kind_from_path};
use caulk_lints::{FileKind, LineIndex, LintedFile};
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::collections::HashMap;
use std::path::PathBuf;

pub struct Document {
    pub uri: Uri,
    pub language_id: String,
    pub version: i32,
    pub text: String,
    pub line_index: LineIndex,
    /// The engine's result for `version`; `None` until linted or after an edit.
    pub linted: Option<LintedFile>,
    /// The pieces of the last lint of a manifest, so that an edit re-lints
    /// only the documents it touched. Cleared when the configuration changes.
    pub pieces: caulk_lints::PieceCache,
}

impl Document {
    pub fn new(uri: Uri, language_id: String, version: i32, text: String) -> Self {
        Self {
            line_index: LineIndex::new(&text),
            uri,
            language_id,
            version,
            text,
            linted: None,
            pieces: caulk_lints::PieceCache::default(),
        }
    }

    /// The file on disk, for configuration lookup; `None` for `untitled:` buffers.
    pub fn file_path(&self) -> Option<PathBuf> {
        (self.uri.scheme() == "file")
            .then(|| self.uri.to_file_path().ok())
            .flatten()
    }

    /// The name the engine sees: the real path, or the URI's last segment.
    pub fn lint_path(&self) -> PathBuf {
        self.file_path().unwrap_or_else(|| {
            let name = self
                .uri
                .path_segments()
                .and_then(|mut s| s.next_back())
                .unwrap_or("");
            PathBuf::from(name)
        })
    }

    /// The editor's language wins (a `Dockerfile.prod` the user marked as
    /// `dockerfile`); the file name decides for plain text and unknown languages.
    pub fn kind(&self) -> Option<FileKind> {
        match self.language_id.to_ascii_lowercase().as_str() {
            "dockerfile" | "containerfile" => Some(FileKind::Dockerfile),
            "yaml" | "json" => Some(FileKind::Kubernetes),
            _ => {
                let path = self.lint_path();
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if is_dockerfile_name(name) {
                    Some(FileKind::Dockerfile)
                } else {
                    kind_from_path(&path)
                }
            }
        }
    }

    /// Applies the editor's changes in order; each range refers to the text
    /// as left by the change before it.
    pub fn apply_changes(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            match change {
                TextDocumentContentChangeEvent::TextDocumentContentChangeWholeDocument(whole) => {
                    self.text = whole.text;
                    self.line_index = LineIndex::new(&self.text);
                }
                TextDocumentContentChangeEvent::TextDocumentContentChangePartial(partial) => {
                    let range =
                        convert::text_range(&self.text, &self.line_index, partial.range, encoding);
                    self.text.replace_range(range.as_usize(), &partial.text);
                    self.line_index.replace(range, &partial.text);
                }
            }
        }
        self.version = version;
        self.linted = None;
    }
}

#[derive(Default)]
pub struct Documents {
    open: HashMap<Uri, Document>,
}

impl Documents {
    pub fn open(&mut self, doc: Document) {
        self.open.insert(doc.uri.clone(), doc);
    }

    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.open.remove(uri)
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.open.get_mut(uri)
    }

    /// Open documents in a stable order, so re-linting publishes deterministically.
    pub fn uris(&self) -> Vec<Uri> {
        let mut uris: Vec<Uri> = self.open.keys().cloned().collect();
        uris.sort();
        uris
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range, TextDocumentContentChangePartial};

    fn edit(sl: u32, sc: u32, el: u32, ec: u32, text: &str) -> TextDocumentContentChangeEvent {
        #[allow(deprecated)]
        TextDocumentContentChangeEvent::TextDocumentContentChangePartial(
            TextDocumentContentChangePartial {
                range: Range {
                    start: Position {
                        line: sl,
                        character: sc,
                    },
                    end: Position {
                        line: el,
                        character: ec,
                    },
                },
                range_length: None,
                text: text.to_string(),
            },
        )
    }

    fn doc(text: &str) -> Document {
        Document::new(
            Uri::parse("file:///w/Dockerfile").unwrap(),
            "dockerfile".into(),
            1,
            text.into(),
        )
    }

    #[test]
    fn edits_after_astral_characters_count_utf16_units_or_bytes() {
        // `😀` is two UTF-16 units and four UTF-8 bytes: the same edit lands
        // on `x` only when columns are counted in the negotiated encoding.
        let mut d = doc("LABEL a=\"😀x\"\nRUN é\n");
        d.apply_changes(2, vec![edit(0, 11, 0, 12, "y")], Encoding::Utf16);
        assert_eq!(d.text, "LABEL a=\"😀y\"\nRUN é\n");
        d.apply_changes(3, vec![edit(0, 13, 0, 14, "z")], Encoding::Utf8);
        assert_eq!(d.text, "LABEL a=\"😀z\"\nRUN é\n");
        assert_eq!(d.version, 3);
    }

    #[test]
    fn sequential_edits_see_each_others_results_and_clamp() {
        let mut d = doc("FROM a\nRUN b\n");
        d.apply_changes(
            2,
            vec![
                edit(1, 0, 1, 3, "CMD"),
                edit(0, 5, 0, 6, "alpine:3.20"),
                // Past the end of the line and of the file: clamped, not a crash.
                edit(1, 99, 9, 0, "\nUSER nobody\n"),
            ],
            Encoding::Utf16,
        );
        assert_eq!(d.text, "FROM alpine:3.20\nCMD b\nUSER nobody\n");
        assert_eq!(d.line_index.line_count(), 4);
    }

    #[test]
    fn kind_prefers_language_then_name() {
        let mut d = doc("");
        assert_eq!(d.kind(), Some(FileKind::Dockerfile));
        d.language_id = "yaml".into();
        assert_eq!(d.kind(), Some(FileKind::Kubernetes));
        d.language_id = "plaintext".into();
        assert_eq!(d.kind(), Some(FileKind::Dockerfile));
        d.uri = Uri::parse("file:///w/notes.txt").unwrap();
        assert_eq!(d.kind(), None);
    }
}
