//! A civil (calendar) date in UTC, and the notion of "today" the engine runs with.
//!
//! Rules that compare against calendar dates (end-of-life base images,
//! suppression expiry) read today's date from [`crate::config::RuleSettings::today`],
//! which is the clock's date unless the configuration (`today:`) or the
//! command line (`--today`) fixes it — reproducible CI runs and tests need that.
//! A date is all they need, so this is a small type of our own rather than a
//! time-zone-aware date-time crate.

use std::fmt;
use std::str::FromStr;

/// A proleptic Gregorian calendar date (year 1 to 9999).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, when it exists (`2024-02-30` does not).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Today's date in UTC, from the system clock. A clock set before 1970
    /// reads as 1970-01-01.
    pub fn today_utc() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((secs / 86_400) as i64)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days from 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's `days_from_civil`: years start in March so the
        // leap day is the last day of the (shifted) year.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, clamped to years 1..=9999.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let min = Date {
            year: 1,
            month: 1,
            day: 1,
        };
        let max = Date {
            year: 9999,
            month: 12,
            day: 31,
        };
        if days <= min.days_since_epoch() {
            return min;
        }
        if days >= max.days_since_epoch() {
            return max;
        }
        // Hinnant's `civil_from_days`, the inverse of the above.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// This date moved by `days` (clamped to the supported range).
    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch().saturating_add(days))
    }

    /// Days from `self` to `other`: positive when `other` is later.
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Why a date string was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date in the form YYYY-MM-DD")]
    Format(String),
    #[error("`{0}` is not a day of the calendar")]
    NoSuchDay(String),
}

impl FromStr for Date {
    type Err = DateError;

    /// Exactly `YYYY-MM-DD` (ISO 8601 calendar date, four-digit year).
    fn from_str(s: &str) -> Result<Date, DateError> {
        let bytes = s.as_bytes();
        let shape = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape {
            return Err(DateError::Format(s.to_string()));
        }
        let num = |range: std::ops::Range<usize>| -> u16 {
            s[range].parse().expect("checked to be digits")
        };
        Date::new(num(0..4), num(5..7) as u8, num(8..10) as u8)
            .ok_or_else(|| DateError::NoSuchDay(s.to_string()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date in the form YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// In the configuration schema: a `YYYY-MM-DD` string.
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints() {
        assert_eq!(d("2024-06-30"), Date::new(2024, 6, 30).unwrap());
        assert_eq!(d("2024-02-29").to_string(), "2024-02-29");
        assert_eq!(d("0001-01-01").to_string(), "0001-01-01");
    }

    #[test]
    fn refuses_malformed_and_impossible_dates() {
        for bad in [
            "",
            "2024",
            "2024-6-30",
            "24-06-30",
            "2024/06/30",
            "2024-06-30T00:00",
            " 2024-06-30",
            "2024-06-3x",
            "+202-06-30",
            "２０２４-06-30",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::Format(_))),
                "{bad}"
            );
        }
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "0000-01-01",
            "2024-01-00",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::NoSuchDay(_))),
                "{bad}"
            );
        }
        assert!("2000-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn epoch_days_round_trip() {
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2000-03-01").days_since_epoch(), 11_017);
        assert_eq!(d("1969-12-31").days_since_epoch(), -1);
        // Every day across several leap and century years.
        let start = d("1896-01-01").days_since_epoch();
        let mut previous: Option<Date> = None;
        for days in start..start + 365 * 210 {
            let date = Date::from_days_since_epoch(days);
            assert_eq!(date.days_since_epoch(), days, "{date}");
            if let Some(p) = previous {
                assert!(p < date);
            }
            previous = Some(date);
        }
    }

    #[test]
    fn arithmetic() {
        assert_eq!(d("2024-02-28").add_days(1), d("2024-02-29"));
        assert_eq!(d("2023-12-31").add_days(1), d("2024-01-01"));
        assert_eq!(d("2024-06-30").days_until(d("2024-07-30")), 30);
        assert_eq!(d("2024-07-30").days_until(d("2024-06-30")), -30);
        assert_eq!(d("9999-12-31").add_days(5), d("9999-12-31"));
    }

    #[test]
    fn clock_gives_a_plausible_date() {
        let today = Date::today_utc();
        assert!(today >= d("2024-01-01"), "{today}");
    }
}
