//! Build arguments BuildKit defines without an `ARG` declaration.

/// Set automatically by BuildKit (platform arguments) or accepted without a
/// declaration (proxy arguments).
pub const PREDEFINED_ARGS: &[&str] = &[
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

pub fn is_predefined(name: &str) -> bool {
    PREDEFINED_ARGS.contains(&name)
}

/// Whether a variable reference supplies its own value when the variable is
/// unset (`${X:-d}`, `${X-d}`, `${X:+a}`, `${X+a}`) or fails on purpose
/// (`${X:?msg}`), so an undefined name is intended.
pub fn has_fallback(var: &crate::dockerfile::VarRef) -> bool {
    use crate::dockerfile::VarOperator as Op;
    var.modifier.as_ref().is_some_and(|m| {
        matches!(
            m.operator,
            Op::ColonDash | Op::Dash | Op::ColonPlus | Op::Plus | Op::ColonQuestion | Op::Question
        )
    })
}

/// The closest of `candidates` to `name` (same name in another case, or a
/// small typo), for "did you mean" hints.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let distance = if candidate.eq_ignore_ascii_case(name) {
            0
        } else if name.len() >= 4 {
            levenshtein(&name.to_ascii_uppercase(), &candidate.to_ascii_uppercase())
        } else {
            continue;
        };
        if distance <= 2 && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        assert_eq!(suggest("VERSON", ["VERSION", "NAME"]), Some("VERSION"));
        assert_eq!(suggest("version", ["VERSION"]), Some("VERSION"));
        assert_eq!(suggest("TAG", ["TAR"]), None);
        assert_eq!(suggest("APP_DIR", ["OTHER_THING"]), None);
    }
}
