//! Kubernetes' YAML 1.1 scalar rules, in one place.
//!
//! saphyr follows YAML 1.2, but kubectl reads manifests through go-yaml v2
//! (YAML 1.1): plain `yes`/`on`/`y` are booleans and `0644` is octal there.
//! Every rule asks these helpers (through [`super::Node`]) instead of
//! comparing raw strings, so the two readings never drift apart.

/// What a scalar means once YAML 1.1 resolution is applied.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Resolved<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
}

impl Resolved<'_> {
    /// "a boolean", "a string"…, for messages such as "a string where a boolean is expected".
    pub fn type_name(&self) -> &'static str {
        match self {
            Resolved::Null => "null",
            Resolved::Bool(_) => "a boolean",
            Resolved::Int(_) => "an integer",
            Resolved::Float(_) => "a number",
            Resolved::Str(_) => "a string",
        }
    }
}

/// Resolves a plain (unquoted, untagged) scalar the way go-yaml v2 does.
pub fn resolve_plain(raw: &str) -> Resolved<'_> {
    if is_null(raw) {
        Resolved::Null
    } else if let Some(b) = parse_bool(raw) {
        Resolved::Bool(b)
    } else if let Some(i) = parse_int(raw) {
        Resolved::Int(i)
    } else if let Some(f) = parse_float(raw) {
        Resolved::Float(f)
    } else {
        Resolved::Str(raw)
    }
}

/// Resolves a scalar carrying an explicit core-schema tag (`!!str 8080`,
/// `!!int "3"`); `None` for other tags, which leave the value as written.
pub fn resolve_tagged<'a>(tag: &str, raw: &'a str) -> Option<Resolved<'a>> {
    let resolved = match tag {
        "!!str" | "!!binary" | "!!timestamp" => Resolved::Str(raw),
        "!!null" => Resolved::Null,
        "!!bool" => parse_bool(raw).map_or(Resolved::Str(raw), Resolved::Bool),
        "!!int" => parse_int(raw).map_or(Resolved::Str(raw), Resolved::Int),
        "!!float" => parse_float(raw)
            .or_else(|| parse_int(raw).map(|i| i as f64))
            .map_or(Resolved::Str(raw), Resolved::Float),
        _ => return None,
    };
    Some(resolved)
}

/// `~`, `null` in its three spellings, or nothing at all.
pub fn is_null(raw: &str) -> bool {
    matches!(raw, "" | "~" | "null" | "Null" | "NULL")
}

/// YAML 1.1 booleans, in every spelling the 1.1 type repository allows.
pub fn parse_bool(raw: &str) -> Option<bool> {
    match raw {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Some(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Some(false)
        }
        _ => None,
    }
}

/// YAML 1.1 integers: decimal, `0b` binary, leading-zero octal (`0644`, file
/// modes), `0o` octal (YAML 1.2, which Go's number parsing also takes), `0x`
/// hex, with `_` separators anywhere after the sign. Sexagesimal `1:30` is
/// left out because go-yaml does not read it either.
pub fn parse_int(raw: &str) -> Option<i64> {
    let (negative, body) = match raw.as_bytes().first()? {
        b'-' => (true, &raw[1..]),
        b'+' => (false, &raw[1..]),
        _ => (false, raw),
    };
    let (radix, digits) = if let Some(d) = body.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = body.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = body.strip_prefix("0b") {
        (2, d)
    } else if body.len() > 1 && body.starts_with('0') {
        (8, &body[1..])
    } else {
        (10, body)
    };
    // A leading `_` is not a number in any reading; `1__000` is, in 1.1.
    if digits.is_empty() || digits.starts_with('_') {
        return None;
    }
    let mut value: i64 = 0;
    let mut any_digit = false;
    for c in digits.chars() {
        if c == '_' {
            continue;
        }
        let d = c.to_digit(radix)? as i64;
        any_digit = true;
        // Accumulate negatively so that i64::MIN is representable.
        value = value.checked_mul(radix as i64)?.checked_sub(d)?;
    }
    if !any_digit {
        return None;
    }
    if negative {
        Some(value)
    } else {
        value.checked_neg()
    }
}

/// YAML 1.1 floats: `1.5`, `1e3`, `6.8523015e+5`, `.inf`, `-.Inf`, `.nan`.
pub fn parse_float(raw: &str) -> Option<f64> {
    let unsigned = raw.trim_start_matches(['-', '+']);
    let negative = raw.starts_with('-');
    if raw.len() - unsigned.len() > 1 {
        return None;
    }
    match unsigned {
        ".inf" | ".Inf" | ".INF" => {
            return Some(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            });
        }
        ".nan" | ".NaN" | ".NAN" if raw == unsigned => return Some(f64::NAN),
        _ => {}
    }
    let first = unsigned.chars().next()?;
    if !(first.is_ascii_digit() || first == '.') {
        return None;
    }
    // Only digits, one dot, `_` and an exponent: rejects `1.2.3` or `0x1`.
    let cleaned: String = raw.chars().filter(|&c| c != '_').collect();
    if !cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
    {
        return None;
    }
    if !unsigned.contains(['.', 'e', 'E']) {
        return None;
    }
    cleaned.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_follow_yaml_1_1() {
        for t in [
            "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE",
        ] {
            assert_eq!(parse_bool(t), Some(true), "{t}");
        }
        for f in [
            "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE",
        ] {
            assert_eq!(parse_bool(f), Some(false), "{f}");
        }
        for s in ["yEs", "tRUE", "1", "", "enabled"] {
            assert_eq!(parse_bool(s), None, "{s}");
        }
    }

    #[test]
    fn integers_in_every_base() {
        assert_eq!(parse_int("0644"), Some(0o644));
        assert_eq!(parse_int("0o17"), Some(15));
        assert_eq!(parse_int("017"), Some(15));
        assert_eq!(parse_int("0x1F"), Some(31));
        assert_eq!(parse_int("0b101"), Some(5));
        assert_eq!(parse_int("1_000"), Some(1000));
        assert_eq!(parse_int("-42"), Some(-42));
        assert_eq!(parse_int("+7"), Some(7));
        assert_eq!(parse_int("0"), Some(0));
        assert_eq!(parse_int("-9223372036854775808"), Some(i64::MIN));
        assert_eq!(parse_int("9223372036854775808"), None);
        for s in ["08", "1e3", "1.5", "0x", "_1", "12a", "-", "", "8080/tcp"] {
            assert_eq!(parse_int(s), None, "{s}");
        }
    }

    #[test]
    fn floats_and_resolution() {
        assert_eq!(parse_float("1e3"), Some(1000.0));
        assert_eq!(parse_float("-.inf"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_float("1.5"), Some(1.5));
        assert_eq!(parse_float("1.2.3"), None);
        assert_eq!(parse_float("100"), None);
        assert_eq!(resolve_plain("~"), Resolved::Null);
        assert_eq!(resolve_plain("on"), Resolved::Bool(true));
        assert_eq!(resolve_plain("0644"), Resolved::Int(420));
        assert_eq!(resolve_plain("1e3"), Resolved::Float(1000.0));
        assert_eq!(resolve_plain("nginx:1.25"), Resolved::Str("nginx:1.25"));
        assert_eq!(resolve_tagged("!!str", "8080"), Some(Resolved::Str("8080")));
        assert_eq!(resolve_tagged("!Ref", "x"), None);
    }
}
