//! Labels and the label schema (`label-schema` / `strict-labels` settings):
//! where labels are set, and the value formats the schema can require.

use crate::config::LabelType;
use crate::dockerfile::{InstructionKind, KeyValue};
use crate::rules::{DockerfileContext, Sink};
use crate::text::TextRange;

/// Every `key=value` pair of every LABEL (not those inside ONBUILD, which
/// label a later image), in file order.
pub fn pairs<'a>(ctx: &DockerfileContext<'a>) -> impl Iterator<Item = &'a KeyValue> {
    ctx.syntax.instructions.iter().flat_map(|i| match &i.kind {
        InstructionKind::Label(pairs) => pairs.as_slice(),
        _ => &[],
    })
}

/// Where to report a bad value: the value, or the key when the value is empty.
pub fn value_range(pair: &KeyValue) -> TextRange {
    if pair.value.range.is_empty() {
        pair.key.range
    } else {
        pair.value.range
    }
}

/// Reports every label the schema types as `ty` whose value `valid` rejects.
/// Values holding variables are filled in at build time and not judged.
pub fn check_typed(
    ctx: &DockerfileContext,
    sink: &mut Sink,
    ty: LabelType,
    valid: fn(&str) -> bool,
    what: &str,
) {
    for pair in pairs(ctx) {
        if ctx.settings.label_schema.get(&pair.key.value) != Some(&ty) || pair.value.has_vars() {
            continue;
        }
        if !valid(&pair.value.value) {
            sink.report(
                value_range(pair),
                format!(
                    "label `{}` must be {what}; `{}` is not",
                    pair.key.value, pair.value.value
                ),
            );
        }
    }
}

/// An absolute URI (`scheme:rest`) made of characters RFC 3986 allows.
pub fn is_url(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return false;
    }
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).is_some_and(|h| h.is_ascii_hexdigit());
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b)) {
            return false;
        }
        i += 1;
    }
    true
}

/// `2024-05-01T12:30:00Z`, `2024-05-01t12:30:00.5+02:00`, `2024-05-01 12:30:00-05:00`.
pub fn is_rfc3339(value: &str) -> bool {
    let b = value.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let s = value.get(range)?;
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return false;
    }
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        num(0..4),
        num(5..7),
        num(8..10),
        num(11..13),
        num(14..16),
        num(17..19),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &value[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &frac[digits..];
    }
    match rest {
        "Z" | "z" => true,
        offset if offset.len() == 6 && (offset.starts_with('+') || offset.starts_with('-')) => {
            let o = offset.as_bytes();
            o[3] == b':'
                && offset[1..3]
                    .bytes()
                    .chain(offset[4..6].bytes())
                    .all(|c| c.is_ascii_digit())
                && offset[1..3].parse::<u32>().is_ok_and(|h| h < 24)
                && offset[4..6].parse::<u32>().is_ok_and(|m| m < 60)
        }
        _ => false,
    }
}

/// A short (7) or full (40) lower-case hexadecimal git commit hash.
pub fn is_git_hash(value: &str) -> bool {
    (value.len() == 7 || value.len() == 40)
        && value
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// `MAJOR.MINOR.PATCH[-pre][+build]` as semver.org defines it (no `v` prefix).
pub fn is_semver(value: &str) -> bool {
    let (rest, build) = match value.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (value, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let numeric = |s: &str| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    };
    let ident =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| numeric(p))
        && pre.is_none_or(|p| {
            p.split('.')
                .all(|id| ident(id) && (!id.bytes().all(|b| b.is_ascii_digit()) || numeric(id)))
        })
        && build.is_none_or(|b| b.split('.').all(ident))
}

/// An addr-spec of RFC 5322: `local@domain`, each a dot-atom (or a quoted
/// local part / bracketed domain literal).
pub fn is_email(value: &str) -> bool {
    let Some(at) = value.rfind('@') else {
        return false;
    };
    let (local, domain) = (&value[..at], &value[at + 1..]);
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    let dot_atom = |s: &str| {
        !s.is_empty()
            && s.split('.')
                .all(|part| !part.is_empty() && part.chars().all(atext))
    };
    let quoted = |s: &str| {
        s.len() >= 2
            && s.starts_with('"')
            && s.ends_with('"')
            && s[1..s.len() - 1]
                .chars()
                .all(|c| c.is_ascii() && !c.is_ascii_control())
    };
    let literal = |s: &str| {
        s.len() >= 2
            && s.starts_with('[')
            && s.ends_with(']')
            && !s[1..s.len() - 1].contains(['[', ']', '\\'])
    };
    (dot_atom(local) || quoted(local)) && (dot_atom(domain) || literal(domain))
}

/// A license identifier from the SPDX list (common ones embedded here), a
/// `LicenseRef-…`, or an expression joining them with `AND`, `OR`, `WITH`
/// (an exception) and parentheses.
pub fn is_spdx(value: &str) -> bool {
    let mut tokens = Vec::new();
    for word in value.split_whitespace() {
        let mut rest = word;
        while let Some(r) = rest.strip_prefix('(') {
            tokens.push("(");
            rest = r;
        }
        let mut closing = 0;
        while let Some(r) = rest.strip_suffix(')') {
            closing += 1;
            rest = r;
        }
        if !rest.is_empty() {
            tokens.push(rest);
        }
        tokens.extend(std::iter::repeat_n(")", closing));
    }
    let mut pos = 0;
    expression(&tokens, &mut pos) && pos == tokens.len()
}

fn expression(tokens: &[&str], pos: &mut usize) -> bool {
    if !term(tokens, pos) {
        return false;
    }
    while let Some(op) = tokens.get(*pos) {
        if !(op.eq_ignore_ascii_case("and") || op.eq_ignore_ascii_case("or")) {
            break;
        }
        *pos += 1;
        if !term(tokens, pos) {
            return false;
        }
    }
    true
}

fn term(tokens: &[&str], pos: &mut usize) -> bool {
    match tokens.get(*pos) {
        Some(&"(") => {
            *pos += 1;
            if !expression(tokens, pos) || tokens.get(*pos) != Some(&")") {
                return false;
            }
            *pos += 1;
            true
        }
        Some(id) if is_license_id(id) => {
            *pos += 1;
            if tokens
                .get(*pos)
                .is_some_and(|t| t.eq_ignore_ascii_case("with"))
            {
                *pos += 1;
                let ok = tokens.get(*pos).is_some_and(|e| {
                    SPDX_EXCEPTIONS.iter().any(|x| x.eq_ignore_ascii_case(e))
                        || is_ref(e, "AdditionRef-")
                });
                *pos += 1;
                return ok;
            }
            true
        }
        _ => false,
    }
}

fn is_ref(token: &str, prefix: &str) -> bool {
    let token = token
        .strip_prefix("DocumentRef-")
        .and_then(|t| t.split_once(':'))
        .map_or(token, |(_, r)| r);
    token.strip_prefix(prefix).is_some_and(|id| {
        !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    })
}

fn is_license_id(token: &str) -> bool {
    let id = token.strip_suffix('+').unwrap_or(token);
    SPDX_LICENSES.iter().any(|l| l.eq_ignore_ascii_case(id)) || is_ref(token, "LicenseRef-")
}

/// Common SPDX license identifiers (a subset of the SPDX License List).
const SPDX_LICENSES: &[&str] = &[
    "0BSD",
    "AFL-3.0",
    "AGPL-1.0-only",
    "AGPL-1.0-or-later",
    "AGPL-3.0",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "Apache-1.0",
    "Apache-1.1",
    "Apache-2.0",
    "APSL-2.0",
    "Artistic-1.0",
    "Artistic-2.0",
    "BlueOak-1.0.0",
    "BSD-1-Clause",
    "BSD-2-Clause",
    "BSD-2-Clause-Patent",
    "BSD-3-Clause",
    "BSD-3-Clause-Clear",
    "BSD-4-Clause",
    "BSL-1.0",
    "BUSL-1.1",
    "CC-BY-3.0",
    "CC-BY-4.0",
    "CC-BY-SA-3.0",
    "CC-BY-SA-4.0",
    "CC-BY-NC-4.0",
    "CC-BY-NC-SA-4.0",
    "CC-BY-ND-4.0",
    "CC0-1.0",
    "CDDL-1.0",
    "CDDL-1.1",
    "CECILL-2.1",
    "CPL-1.0",
    "ECL-2.0",
    "EFL-2.0",
    "EPL-1.0",
    "EPL-2.0",
    "EUPL-1.1",
    "EUPL-1.2",
    "GFDL-1.3-only",
    "GFDL-1.3-or-later",
    "GPL-1.0-only",
    "GPL-1.0-or-later",
    "GPL-2.0",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "HPND",
    "ICU",
    "IJG",
    "ISC",
    "LGPL-2.0-only",
    "LGPL-2.0-or-later",
    "LGPL-2.1",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "Libpng",
    "libtiff",
    "MIT",
    "MIT-0",
    "MIT-CMU",
    "MPL-1.0",
    "MPL-1.1",
    "MPL-2.0",
    "MPL-2.0-no-copyleft-exception",
    "MS-PL",
    "MS-RL",
    "MulanPSL-2.0",
    "NCSA",
    "ODbL-1.0",
    "OFL-1.1",
    "OpenSSL",
    "OSL-3.0",
    "PHP-3.01",
    "PostgreSQL",
    "PSF-2.0",
    "Python-2.0",
    "Ruby",
    "SISSL",
    "Sleepycat",
    "SSPL-1.0",
    "Unicode-DFS-2016",
    "Unicode-3.0",
    "Unlicense",
    "UPL-1.0",
    "Vim",
    "W3C",
    "WTFPL",
    "X11",
    "XFree86-1.1",
    "Zlib",
    "zlib-acknowledgement",
    "ZPL-2.0",
    "ZPL-2.1",
];

/// Common SPDX license exception identifiers.
const SPDX_EXCEPTIONS: &[&str] = &[
    "Autoconf-exception-2.0",
    "Autoconf-exception-3.0",
    "Bison-exception-2.2",
    "Classpath-exception-2.0",
    "FLTK-exception",
    "Font-exception-2.0",
    "GCC-exception-2.0",
    "GCC-exception-3.1",
    "LLVM-exception",
    "OCaml-LGPL-linking-exception",
    "OpenJDK-assembly-exception-1.0",
    "openvpn-openssl-exception",
    "Qt-GPL-exception-1.0",
    "Qt-LGPL-exception-1.1",
    "u-boot-exception-2.0",
    "Universal-FOSS-exception-1.0",
    "WxWindows-exception-3.1",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spdx_ids_and_expressions() {
        for ok in [
            "MIT",
            "apache-2.0",
            "GPL-2.0-or-later",
            "GPL-2.0+",
            "MIT OR Apache-2.0",
            "(MIT OR Apache-2.0) AND BSD-3-Clause",
            "GPL-2.0-only WITH Classpath-exception-2.0",
            "LicenseRef-Proprietary",
            "Apache-2.0 WITH LLVM-exception",
        ] {
            assert!(is_spdx(ok), "{ok}");
        }
        for bad in [
            "",
            "Apache 2.0",
            "MIT OR",
            "(MIT",
            "GPL",
            "MIT WITH Foo",
            "proprietary",
            "MIT AND AND BSD-3-Clause",
        ] {
            assert!(!is_spdx(bad), "{bad}");
        }
    }

    #[test]
    fn formats() {
        assert!(is_url("https://example.com/x?y=1#z"));
        assert!(is_url("mailto:team@example.com"));
        assert!(!is_url("example.com"));
        assert!(!is_url("https://exa mple.com"));
        assert!(!is_url("https://example.com/%zz"));
        assert!(is_rfc3339("2024-05-01T12:30:00Z"));
        assert!(is_rfc3339("2024-02-29t12:30:00.123+02:00"));
        assert!(!is_rfc3339("2023-02-29T12:30:00Z"));
        assert!(!is_rfc3339("2024-05-01"));
        assert!(!is_rfc3339("2024-05-01T12:30:00"));
        assert!(is_git_hash("0a1b2c3"));
        assert!(!is_git_hash("0A1B2C3"));
        assert!(!is_git_hash("0a1b2c3d"));
        assert!(is_semver("1.2.3"));
        assert!(is_semver("1.0.0-rc.1+build.5"));
        assert!(!is_semver("v1.2.3"));
        assert!(!is_semver("1.2"));
        assert!(!is_semver("01.2.3"));
        assert!(is_email("team@example.com"));
        assert!(is_email("first.last+tag@sub.example.org"));
        assert!(!is_email("team.example.com"));
        assert!(!is_email("team@"));
        assert!(!is_email(".team@example.com"));
    }
}
