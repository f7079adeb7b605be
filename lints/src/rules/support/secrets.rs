//! What looks like a secret: variable names (split into tokens) and
//! well-known credential formats in text.

/// The upper-cased tokens of a name: split on `_`, `-` and `.`, and where a
/// lower-case letter or digit is followed by an upper-case one (`apiKey`).
pub fn name_tokens(name: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut previous: Option<char> = None;
    for c in name.chars() {
        if matches!(c, '_' | '-' | '.') {
            if !current.is_empty() {
                tokens.push(std::mem::take(&mut current));
            }
            previous = None;
            continue;
        }
        if c.is_ascii_uppercase()
            && previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
        {
            tokens.push(std::mem::take(&mut current));
        }
        current.push(c.to_ascii_uppercase());
        previous = Some(c);
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// Tokens that name a password.
const PASSWORD_TOKENS: &[&str] = &["PASSWORD", "PASSWD", "PASS", "PWD", "PASSPHRASE"];

/// Tokens that name a credential on their own.
const SECRET_TOKENS: &[&str] = &[
    "SECRET",
    "SECRETS",
    "TOKEN",
    "CREDENTIAL",
    "CREDENTIALS",
    "APIKEY",
    "ACCESSKEY",
    "SECRETKEY",
    "PRIVATEKEY",
    "AUTHTOKEN",
];

/// Qualifiers that make a following `KEY` a credential (`API_KEY`,
/// `PRIVATE_KEY`); a bare `KEY` (`CACHE_KEY`, `GPG_KEY`) is not one.
const KEY_QUALIFIERS: &[&str] = &[
    "API",
    "PRIVATE",
    "ACCESS",
    "SECRET",
    "SIGNING",
    "ENCRYPTION",
    "MASTER",
    "LICENSE",
    "SSH",
    "AUTH",
    "APP",
    "CLIENT",
    "SERVICE",
    "ACCOUNT",
];

/// Tokens anywhere in the name that mark public material: key fingerprints
/// for verifying downloads (`GPG_KEY`, `NODE_GPG_KEYS`) and public keys.
const PUBLIC_TOKENS: &[&str] = &[
    "PUBLIC",
    "PUB",
    "GPG",
    "PGP",
    "FINGERPRINT",
    "FINGERPRINTS",
    "KEYSERVER",
];

/// Last tokens that describe something about a credential rather than the
/// credential itself (`PASSWORD_FILE`, `TOKEN_URL`, `PASSWORD_LENGTH`).
const DESCRIPTIVE_SUFFIXES: &[&str] = &[
    "FILE",
    "FILES",
    "PATH",
    "PATHS",
    "DIR",
    "DIRECTORY",
    "URL",
    "URI",
    "ENDPOINT",
    "HOST",
    "PORT",
    "NAME",
    "ID",
    "IDS",
    "LENGTH",
    "LEN",
    "MIN",
    "MAX",
    "SIZE",
    "TYPE",
    "FORMAT",
    "HEADER",
    "ENABLED",
    "DISABLED",
    "ENABLE",
    "DISABLE",
    "REQUIRED",
    "MODE",
    "FIELD",
    "PARAM",
    "PROVIDER",
    "LOCATION",
    "ALGORITHM",
    "ALG",
    "EXPIRY",
    "EXPIRES",
    "EXPIRATION",
    "TTL",
    "TIMEOUT",
    "LIFETIME",
    "VERSION",
    "SERVER",
    "SERVICE",
    "COMMAND",
    "CMD",
    "HELPER",
    "STORE",
    "ROTATION",
    "POLICY",
    "PREFIX",
    "SUFFIX",
    "COUNT",
    "HASH",
    "ENV",
    "VAR",
    "KEYRING",
    "SOURCE",
    "REF",
    "ROLE",
    "ISSUER",
    "AUDIENCE",
    "SCOPE",
    "SCOPES",
];

/// What a name suggests it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretName {
    Password,
    Secret,
}

/// Whether a variable name looks like it holds a credential.
pub fn secret_name(name: &str) -> Option<SecretName> {
    let tokens = name_tokens(name);
    if tokens.len() == 1 && matches!(tokens[0].as_str(), "PWD" | "PASS") {
        // `PWD` is the shell's working directory.
        return None;
    }
    if tokens.iter().any(|t| PUBLIC_TOKENS.contains(&t.as_str())) {
        return None;
    }
    if tokens
        .last()
        .is_some_and(|t| DESCRIPTIVE_SUFFIXES.contains(&t.as_str()))
    {
        return None;
    }
    let mut found = None;
    for (i, token) in tokens.iter().enumerate() {
        let t = token.as_str();
        if PASSWORD_TOKENS.contains(&t) || t.ends_with("PASSWORD") || t.ends_with("PASSWD") {
            return Some(SecretName::Password);
        }
        let qualified_key = matches!(t, "KEY" | "KEYS")
            && i > 0
            && KEY_QUALIFIERS.contains(&tokens[i - 1].as_str());
        if SECRET_TOKENS.contains(&t)
            || t.ends_with("SECRET")
            || t.ends_with("TOKEN")
            || qualified_key
        {
            found = Some(SecretName::Secret);
        }
    }
    found
}

/// A well-known credential format found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretMatch {
    /// Byte range in the scanned text.
    pub range: std::ops::Range<usize>,
    /// What it is, for the message.
    pub kind: &'static str,
    /// A prefix safe to print.
    pub shown: String,
}

fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Finds private-key headers and tokens of well-known services in `text`.
pub fn scan_text(text: &str) -> Vec<SecretMatch> {
    // The first byte of every pattern `match_at` knows: other positions are
    // passed over without a closer look (most of a file's bytes).
    const FIRST_BYTES: &[u8] = b"-Agrsx";
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if !FIRST_BYTES.contains(&bytes[i]) || !text.is_char_boundary(i) {
            i += 1;
        } else if let Some(found) = match_at(text, i) {
            i = found.range.end;
            out.push(found);
        } else {
            i += 1;
        }
    }
    out
}

/// Length of the run of bytes from `at` satisfying `pred`.
fn run_len(bytes: &[u8], at: usize, pred: impl Fn(u8) -> bool) -> usize {
    bytes[at.min(bytes.len())..]
        .iter()
        .take_while(|&&b| pred(b))
        .count()
}

fn match_at(text: &str, at: usize) -> Option<SecretMatch> {
    let bytes = text.as_bytes();
    let rest = &text[at..];
    // Tokens must not be the tail of a longer word.
    let boundary_before = at == 0 || !(is_alnum(bytes[at - 1]) || bytes[at - 1] == b'_');
    let make = |len: usize, kind: &'static str, shown_len: usize| SecretMatch {
        range: at..at + len,
        kind,
        shown: text[at..at + shown_len].to_string(),
    };
    if rest.starts_with("-----BEGIN ") {
        let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let header = &rest[..line_end];
        let close = header[11..].find("-----")? + 11;
        let label = &header[11..close];
        if label.ends_with("PRIVATE KEY") && label.len() <= 40 {
            let len = close + 5;
            return Some(SecretMatch {
                range: at..at + len,
                kind: "a private key",
                shown: rest[..len].to_string(),
            });
        }
        return None;
    }
    if !boundary_before {
        return None;
    }
    let word_end = |len: usize| {
        bytes
            .get(at + len)
            .is_none_or(|&b| !(is_alnum(b) || b == b'_'))
    };
    if (rest.starts_with("AKIA") || rest.starts_with("ASIA"))
        && run_len(bytes, at + 4, |b| {
            b.is_ascii_uppercase() || b.is_ascii_digit()
        }) == 16
        && word_end(20)
        && !rest[..20].ends_with("EXAMPLE")
    {
        return Some(make(20, "an AWS access key id", 4));
    }
    for prefix in ["ghp_", "gho_", "ghs_", "ghu_", "ghr_"] {
        if rest.starts_with(prefix) && run_len(bytes, at + 4, is_alnum) >= 36 {
            let len = 4 + run_len(bytes, at + 4, is_alnum);
            return Some(make(len, "a GitHub token", 4));
        }
    }
    if rest.starts_with("github_pat_") {
        let n = run_len(bytes, at + 11, |b| is_alnum(b) || b == b'_');
        if n >= 22 {
            return Some(make(11 + n, "a GitHub token", 11));
        }
    }
    if rest.len() > 5
        && rest.starts_with("xox")
        && b"baprs".contains(&bytes[at + 3])
        && bytes[at + 4] == b'-'
    {
        let n = run_len(bytes, at + 5, |b| is_alnum(b) || b == b'-');
        if n >= 10 {
            return Some(make(5 + n, "a Slack token", 5));
        }
    }
    if rest.starts_with("AIza") {
        let n = run_len(bytes, at + 4, |b| is_alnum(b) || b == b'_' || b == b'-');
        if n == 35 {
            return Some(make(39, "a Google API key", 4));
        }
    }
    for prefix in ["sk_live_", "rk_live_"] {
        if rest.starts_with(prefix) {
            let n = run_len(bytes, at + 8, is_alnum);
            if n >= 24 {
                return Some(make(8 + n, "a Stripe live key", 8));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_names() {
        assert_eq!(
            name_tokens("AWS_SECRET_ACCESS_KEY"),
            ["AWS", "SECRET", "ACCESS", "KEY"]
        );
        assert_eq!(name_tokens("apiKey"), ["API", "KEY"]);
        assert_eq!(name_tokens("db.password"), ["DB", "PASSWORD"]);
    }

    #[test]
    fn recognises_secret_names() {
        for name in [
            "DB_PASSWORD",
            "MYSQL_ROOT_PASSWORD",
            "GITHUB_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "API_KEY",
            "apiKey",
            "PRIVATE_KEY",
            "LICENSE_KEY",
            "NPM_AUTHTOKEN",
            "SECRET_KEY_BASE",
            "DB_PASS",
            "ROOTPASSWORD",
        ] {
            assert!(secret_name(name).is_some(), "{name}");
        }
        for name in [
            "GPG_KEY",
            "NODE_GPG_KEYS",
            "PUBLIC_KEY",
            "PASSWORD_FILE",
            "TOKEN_URL",
            "PASSWORD_LENGTH",
            "AWS_ACCESS_KEY_ID",
            "KEY_ID",
            "CACHE_KEY",
            "PWD",
            "PASSTHROUGH",
            "KEEPASSXC_VERSION",
            "OAUTH2_PROXY_VERSION",
            "DOCKER_AUTH_VERSION",
            "TOKENIZERS_PARALLELISM",
            "SECRETS_DIR",
            "SSH_KEY_PATH",
        ] {
            assert_eq!(secret_name(name), None, "{name}");
        }
    }

    #[test]
    fn finds_token_formats() {
        let text = "x AKIAABCDEFGHIJKLMNOP ghp_0123456789abcdefghijABCDEFGHIJ012345 -----BEGIN OPENSSH PRIVATE KEY-----";
        let kinds: Vec<_> = scan_text(text).into_iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            ["an AWS access key id", "a GitHub token", "a private key"]
        );
        assert!(
            scan_text("AKIAIOSFODNN7EXAMPLE -----BEGIN PUBLIC KEY----- xAKIAABCDEFGHIJKLMNOP")
                .is_empty()
        );
    }
}
