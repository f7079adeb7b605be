//! `junit` (being written).

use super::RenderOptions;
use crate::lint::LintedFile;
use std::io::{self, Write};

pub fn render(
    _files: &[LintedFile],
    _options: &RenderOptions,
    _out: &mut dyn Write,
) -> io::Result<()> {
    Err(io::Error::other("the junit format is not implemented yet"))
}
