//! Escaping for each output channel. Findings quote text from the files they
//! are about, and those files may be hostile: a control sequence in a message
//! must not reach a terminal, a newline must not start a second GitHub
//! workflow command, and nothing may break the XML or JSON around it.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Characters that change how a terminal or an editor shows text rather
/// than showing as themselves: C0 and C1 controls, DEL, and the Unicode
/// direction overrides used to make code read differently than it runs.
fn is_hazard(ch: char) -> bool {
    ch.is_control() || is_bidi_control(ch)
}

fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A message or path for a terminal, on one line: every hazard, newlines and
/// tabs included, is written as a visible Rust-style escape (`\n`, `\u{1b}`).
pub fn terminal_line(text: &str) -> Cow<'_, str> {
    // Printable ASCII, the usual message, checked bytewise first.
    if text.bytes().all(|b| matches!(b, b' '..=b'~')) || !text.chars().any(is_hazard) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ch if is_hazard(ch) => {
                let _ = write!(out, "\\u{{{:x}}}", ch as u32);
            }
            ch => out.push(ch),
        }
    }
    Cow::Owned(out)
}

/// Source text for a terminal snippet. Byte offsets into the result must
/// stay valid, so each hazard is replaced by a visible character of the same
/// UTF-8 length (`?` for one byte, `¿` for two, `�` for three) and line
/// structure (`\n`, `\r\n`, tabs) is kept.
pub fn terminal_source(text: &str) -> Cow<'_, str> {
    if !has_source_hazard(text) {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, ch) in text.char_indices() {
        let keep = match ch {
            '\n' | '\t' => true,
            '\r' => bytes.get(i + 1) == Some(&b'\n'),
            ch => !is_hazard(ch),
        };
        if keep {
            out.push(ch);
        } else {
            out.push(match ch.len_utf8() {
                1 => '?',
                2 => '¿',
                3 => '\u{FFFD}',
                // No hazard is four bytes long; keep the length anyway.
                _ => '\u{1F5CB}',
            });
        }
    }
    debug_assert_eq!(out.len(), text.len());
    Cow::Owned(out)
}

/// Whether [`terminal_source`] must replace anything. A whole file's text
/// is scanned when a finding in it is shown: a large one in parallel parts.
fn has_source_hazard(text: &str) -> bool {
    use rayon::prelude::*;
    const PART: usize = 1 << 20;
    if text.len() <= 2 * PART {
        return scan_for_hazard(text);
    }
    // Parts end just after a `\n`, so no character and no `\r\n` is cut.
    let bytes = text.as_bytes();
    let mut bounds = vec![0];
    let mut at = PART;
    while at < bytes.len() {
        match memchr::memchr(b'\n', &bytes[at..]) {
            Some(i) if at + i + 1 < bytes.len() => {
                bounds.push(at + i + 1);
                at += i + 1 + PART;
            }
            _ => break,
        }
    }
    bounds.push(bytes.len());
    bounds
        .par_windows(2)
        .any(|w| scan_for_hazard(&text[w[0]..w[1]]))
}

/// [`has_source_hazard`] for one part: printable ASCII, `\n` and tabs are
/// skipped eight bytes at a time; other bytes are looked at one character
/// at a time.
fn scan_for_hazard(text: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // The high bit of each byte that equals the byte `b`: exact, unlike the
    // usual zero-byte test whose borrows can mark a neighbour.
    let equal = |word: u64, b: u8| {
        let x = word ^ (ONES * u64::from(b));
        !(((x & LOW7) + LOW7) | x) & HIGH
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Bytes up to `slow_end` are looked at one by one: a word with a
        // control character (`\r` included) or a non-ASCII character, or the
        // last few bytes.
        let mut slow_end = bytes.len();
        if let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            // Exactly the bytes below 0x20 (ASCII ones: the high bit is clear).
            let control = !(((word & LOW7) + ONES * 0x60) | word) & HIGH;
            let control = control & !equal(word, b'\n') & !equal(word, b'\t');
            // Bytes at or above 0x7f, and perhaps a neighbour: only a false alarm.
            let high = (word.wrapping_add(ONES) | word) & HIGH;
            if control | high == 0 {
                at += 8;
                continue;
            }
            slow_end = at + 8;
        }
        while at < slow_end {
            let b = bytes[at];
            if b < 0x80 {
                let safe = matches!(b, b' '..=b'~' | b'\n' | b'\t')
                    || (b == b'\r' && bytes.get(at + 1) == Some(&b'\n'));
                if !safe {
                    return true;
                }
                at += 1;
            } else {
                let ch = text[at..].chars().next().expect("a character starts here");
                if is_hazard(ch) {
                    return true;
                }
                at += ch.len_utf8();
            }
        }
    }
    false
}

/// Whether XML 1.0 allows `ch` at all (even as a character reference).
fn xml_allowed(ch: char) -> bool {
    matches!(ch, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text for an XML attribute value or element content. Characters XML 1.0
/// forbids are written as visible escapes (`\u{1b}`); line breaks and tabs
/// become character references so that attribute normalisation keeps them.
pub fn xml(text: &str) -> Cow<'_, str> {
    let needs = |ch: char| {
        matches!(ch, '&' | '<' | '>' | '"' | '\'' | '\n' | '\r' | '\t') || !xml_allowed(ch)
    };
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            ch if !xml_allowed(ch) => {
                let _ = write!(out, "\\u{{{:x}}}", ch as u32);
            }
            ch => out.push(ch),
        }
    }
    Cow::Owned(out)
}

/// The message part of a GitHub workflow command (after `::`). GitHub
/// decodes `%25`, `%0D` and `%0A`; other controls are made visible so they
/// reach neither the log's terminal emulation nor the annotation.
pub fn github_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ch if is_hazard(ch) => {
                let _ = write!(out, "\\u{{{:x}}}", ch as u32);
            }
            ch => out.push(ch),
        }
    }
    out
}

/// A property value of a GitHub workflow command (`file=…,title=…`): as
/// [`github_data`], plus `:` and `,`, which would end the value.
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_line_makes_controls_visible() {
        assert_eq!(terminal_line("plain"), "plain");
        assert_eq!(
            terminal_line("a\x1b[31mb\nc\u{202E}d"),
            "a\\u{1b}[31mb\\nc\\u{202e}d"
        );
        assert_eq!(terminal_line("\u{9b}x"), "\\u{9b}x");
    }

    #[test]
    fn terminal_source_keeps_byte_offsets() {
        let text = "a\x1bb\u{9b}c\u{202E}d\r\ne\rf\tg\n";
        let clean = terminal_source(text);
        assert_eq!(clean.len(), text.len());
        assert_eq!(clean, "a?b¿c\u{FFFD}d\r\ne?f\tg\n");
        assert!(matches!(terminal_source("FROM x\r\n"), Cow::Borrowed(_)));
    }

    /// The word-at-a-time scan agrees with a character-by-character one
    /// wherever the odd character sits in or across an eight-byte word.
    #[test]
    fn source_hazard_scan_matches_the_plain_definition() {
        let plain = |text: &str| {
            let bytes = text.as_bytes();
            text.char_indices().any(|(i, ch)| match ch {
                '\n' | '\t' => false,
                '\r' => bytes.get(i + 1) != Some(&b'\n'),
                ch => is_hazard(ch),
            })
        };
        let odd = [
            "\x00", "\x1b", "\x1f", " ", "~", "\x7f", "\u{80}", "\u{9f}", "é", "\r", "\r\n", "\n",
            "\t", "\u{202E}", "日", "🎉", "\u{FFFD}", "\x0b", "\x08", "\n\x0b", "\t\x01", "\n\n",
        ];
        for a in odd {
            for b in odd {
                for pad in 0..18 {
                    let text = format!("{}{a}{}{b}x", "a".repeat(pad), "b".repeat(pad % 9));
                    assert_eq!(has_source_hazard(&text), plain(&text), "{text:?}");
                }
            }
        }
    }

    /// A large text is scanned in parts cut after line ends: a hazard is
    /// found in any part, and a `\r\n` or a character at a cut is not one.
    #[test]
    fn large_texts_are_scanned_in_parts() {
        let line = "key: value with é and 日本 and a tab\there\r\n";
        let clean = line.repeat(5 << 20 >> 5);
        assert!(clean.len() > 4 << 20);
        assert!(!has_source_hazard(&clean));
        for at in [0, 1 << 20, (1 << 20) + 1, clean.len() / 2, clean.len() - 3] {
            let at = (0..=at).rev().find(|&i| clean.is_char_boundary(i)).unwrap();
            let mut dirty = clean.clone();
            dirty.insert(at, '\x1b');
            assert!(has_source_hazard(&dirty), "hazard at {at}");
        }
        let lone_cr = format!("{clean}\r");
        assert!(has_source_hazard(&lone_cr));
    }

    #[test]
    fn xml_escapes_markup_and_forbidden_characters() {
        assert_eq!(
            xml(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(xml("a\x1bb\nc\u{FFFE}"), "a\\u{1b}b&#10;c\\u{fffe}");
    }

    #[test]
    fn github_escapes_data_and_properties() {
        assert_eq!(github_data("100%\r\nnext::x,y"), "100%25%0D%0Anext::x,y");
        assert_eq!(github_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(github_data("\x1b[2J"), "\\u{1b}[2J");
    }
}
