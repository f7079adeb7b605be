//! The date rules treat as today: `--today` beats `today:` in the
//! configuration, which beats the clock; bad values are configuration errors
//! that point at the key.

use caulk_lints::config::{ConfigResolver, Overrides, load_config_file};
use caulk_lints::date::Date;
use std::path::PathBuf;

/// A scratch directory of our own, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("caulk-today-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn config(&self, text: &str) -> PathBuf {
        let path = self.0.join(".caulk.yaml");
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn with_today(today: Option<&str>) -> Overrides {
    Overrides {
        today: today.map(date),
        ..Overrides::default()
    }
}

#[test]
fn config_key_fixes_today() {
    let dir = Scratch::new("key");
    // Plain (a YAML 1.1 timestamp to some parsers) and quoted forms both work.
    for text in ["today: 2024-06-30\n", "today: '2024-06-30'\n"] {
        let config = load_config_file(&dir.config(text), &with_today(None)).unwrap();
        assert_eq!(config.settings.today, Some(date("2024-06-30")));
        assert_eq!(config.settings.today(), date("2024-06-30"));
    }
}

#[test]
fn command_line_beats_config_file() {
    let dir = Scratch::new("precedence");
    let path = dir.config("today: 2024-06-30\n");
    let config = load_config_file(&path, &with_today(Some("2030-01-02"))).unwrap();
    assert_eq!(config.settings.today(), date("2030-01-02"));

    // The same through the resolver, as `caulk check --config` uses it.
    let resolver = ConfigResolver::new(Some(&path), with_today(Some("2030-01-02")));
    let config = resolver.for_file(&dir.0.join("Dockerfile")).unwrap();
    assert_eq!(config.settings.today(), date("2030-01-02"));
    // And with no file at all, the flag still sets it.
    let resolver = ConfigResolver::new(None, with_today(Some("2030-01-02")));
    assert_eq!(
        resolver.default_config().settings.today(),
        date("2030-01-02")
    );
}

#[test]
fn clock_is_the_default() {
    let dir = Scratch::new("clock");
    let config =
        load_config_file(&dir.config("strict-labels: false\n"), &with_today(None)).unwrap();
    assert_eq!(config.settings.today, None);
    let before = Date::today_utc();
    let today = config.settings.today();
    let after = Date::today_utc();
    assert!(before <= today && today <= after, "{today}");
}

#[test]
fn bad_dates_are_errors_at_the_value() {
    let dir = Scratch::new("bad");
    for (text, expect) in [
        (
            "today: 2024-02-30\n",
            "`2024-02-30` is not a day of the calendar",
        ),
        (
            "today: 30/06/2024\n",
            "`30/06/2024` is not a date in the form YYYY-MM-DD",
        ),
        ("today: [2024]\n", "YYYY-MM-DD"),
    ] {
        let path = dir.config(text);
        let err = load_config_file(&path, &with_today(None)).unwrap_err();
        assert!(err.message.contains(expect), "{text}: {}", err.message);
        let range = err.range.expect("the error points into the file");
        assert_eq!(range.start, 7, "{text}: {range:?}");
        assert!(err.to_string().contains(":1:8"), "{err}");
    }
}
