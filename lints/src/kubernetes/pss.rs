//! The Pod Security Standards policy version (`pss-version` in `.caulk.yaml`),
//! as Pod Security Admission's `enforce-version` label: `latest` or `v1.N`.
//!
//! The controls whose meaning changed between versions ask
//! [`PssVersion::at_least`] for the version that introduced the change.

use std::fmt;

/// The oldest version modelled: seccomp moved from annotations to fields in v1.19.
pub const OLDEST_MINOR: u32 = 19;

/// A policy version. Ordered: every `v1.N` is older than `latest`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PssVersion {
    /// `v1.N`.
    V1(u32),
    /// The newest rules caulk knows.
    #[default]
    Latest,
}

impl PssVersion {
    /// Whether the policy includes the behaviour introduced in `v1.minor`.
    pub fn at_least(self, minor: u32) -> bool {
        match self {
            PssVersion::Latest => true,
            PssVersion::V1(m) => m >= minor,
        }
    }

    /// From v1.25 the Linux-only Restricted controls (privilege escalation,
    /// seccomp, capabilities) exempt pods with `spec.os.name: windows`.
    pub fn windows_exempt(self, pod: &super::PodView) -> bool {
        self.at_least(25) && pod.is_windows()
    }

    /// From v1.35 a user-namespaced pod (`spec.hostUsers: false`) may run as
    /// root and, at Baseline, unmask /proc.
    pub fn user_namespace_exempt(self, pod: &super::PodView) -> bool {
        self.at_least(35) && pod.host_users_false()
    }
}

impl fmt::Display for PssVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PssVersion::Latest => f.write_str("latest"),
            PssVersion::V1(minor) => write!(f, "v1.{minor}"),
        }
    }
}

impl std::str::FromStr for PssVersion {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "latest" {
            return Ok(PssVersion::Latest);
        }
        let minor = s
            .strip_prefix('v')
            .unwrap_or(s)
            .strip_prefix("1.")
            .filter(|m| !m.is_empty() && m.len() <= 3 && m.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|m| m.parse::<u32>().ok())
            .ok_or_else(|| {
                format!("`{s}` is not a Pod Security Standards version (`latest` or `v1.N`, e.g. `v1.30`)")
            })?;
        if minor < OLDEST_MINOR {
            return Err(format!(
                "`{s}` is older than v1.{OLDEST_MINOR}, the oldest policy version caulk models"
            ));
        }
        Ok(PssVersion::V1(minor))
    }
}

impl<'de> serde::Deserialize<'de> for PssVersion {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = PssVersion;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`latest` or a version such as `v1.30`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PssVersion, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// In the configuration schema: `latest` or `v1.N`.
impl schemars::JsonSchema for PssVersion {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PssVersion".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "`latest`, or a Pod Security Admission version such as `v1.30`.",
            "type": "string",
            "pattern": "^(latest|v?1\\.[0-9]{1,3})$"
        })
    }
}

impl serde::Serialize for PssVersion {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_latest_and_minor_versions() {
        assert_eq!("latest".parse(), Ok(PssVersion::Latest));
        assert_eq!("v1.30".parse(), Ok(PssVersion::V1(30)));
        assert_eq!("1.25".parse(), Ok(PssVersion::V1(25)));
        for bad in [
            "", "v2.1", "v1.", "v1.x", "v1.30.1", "LATEST", "v1.18", "v1.1000",
        ] {
            assert!(bad.parse::<PssVersion>().is_err(), "{bad}");
        }
    }

    #[test]
    fn orders_versions() {
        assert!(PssVersion::V1(30).at_least(30));
        assert!(!PssVersion::V1(29).at_least(30));
        assert!(PssVersion::Latest.at_least(99));
        assert!(PssVersion::V1(99) < PssVersion::Latest);
    }
}
