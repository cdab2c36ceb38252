//! Virtual time. Only [`crate::sim::World::step`] advances it; the page and the command-line tool
//! decide how many steps to run, and wall-clock time never enters the engine.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, Sub};

/// A moment on the simulated clock, in whole milliseconds since the run started.
///
/// Integer milliseconds keep every comparison exact and identical on every target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SimTime(pub u64);

/// A span of simulated time in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SimDuration(pub u64);

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);

    pub const fn from_millis(ms: u64) -> Self {
        SimTime(ms)
    }

    pub const fn from_secs(s: u64) -> Self {
        SimTime(s * 1000)
    }

    pub const fn as_millis(self) -> u64 {
        self.0
    }

    /// Whole seconds, rounded down: what `kubectl` and the per-second samples use.
    pub const fn whole_secs(self) -> u64 {
        self.0 / 1000
    }

    /// The moment as Go's `time.RFC3339` writes it in UTC, whole seconds
    /// (`1970-01-01T00:01:23Z`): how kubectl stamps `restartedAt`. The engine's clock counts
    /// from the Unix epoch (a run read from a real cluster keeps the cluster's times).
    pub fn rfc3339(self) -> String {
        let secs = self.0 / 1000;
        let (days, in_day) = (secs / 86_400, secs % 86_400);
        // `civil_from_days` (Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms"):
        // the proleptic Gregorian date of a day count, by 400-year eras.
        let z = days + 719_468;
        let era = z / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + u64::from(month <= 2);
        let (h, m, s) = (in_day / 3_600, in_day % 3_600 / 60, in_day % 60);
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z")
    }

    /// The span from `earlier` to `self`, or zero if `earlier` is later.
    pub fn saturating_since(self, earlier: SimTime) -> SimDuration {
        SimDuration(self.0.saturating_sub(earlier.0))
    }
}

impl SimDuration {
    pub const ZERO: SimDuration = SimDuration(0);

    pub const fn from_millis(ms: u64) -> Self {
        SimDuration(ms)
    }

    pub const fn from_secs(s: u64) -> Self {
        SimDuration(s * 1000)
    }

    pub const fn as_millis(self) -> u64 {
        self.0
    }

    /// Parses a duration as Go's `time.ParseDuration` writes one and kubectl's `--timeout` takes
    /// it: `30s`, `1m30s`, `500ms`, `1.5m`, `2h`; a bare number is seconds. Whole milliseconds.
    pub fn parse(s: &str) -> Result<SimDuration, String> {
        let text = s.trim();
        let bad = || format!("invalid duration {s:?}: use a number with a unit, such as 30s, 1m30s or 500ms");
        if text.is_empty() {
            return Err(bad());
        }
        if let Ok(secs) = text.parse::<f64>() {
            return match Self::from_secs_f64(secs) {
                Some(d) if d > MAX_DURATION => Err(longer_than_a_run(s)),
                Some(d) => Ok(d),
                None if secs.is_finite() && secs > 0.0 => Err(longer_than_a_run(s)),
                None => Err(bad()),
            };
        }
        let (mut total, mut rest) = (0f64, text);
        while !rest.is_empty() {
            let digits = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).ok_or_else(bad)?;
            let value: f64 = rest[..digits].parse().map_err(|_| bad())?;
            rest = &rest[digits..];
            let unit_len = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
            let ms_per = match &rest[..unit_len] {
                "ms" => 1.0,
                "s" => 1_000.0,
                "m" => 60_000.0,
                "h" => 3_600_000.0,
                _ => return Err(bad()),
            };
            total += value * ms_per;
            rest = &rest[unit_len..];
        }
        let d = Self::from_secs_f64(total / 1000.0).ok_or_else(|| {
            if total.is_finite() && total > 0.0 {
                longer_than_a_run(s)
            } else {
                bad()
            }
        })?;
        if d > MAX_DURATION {
            return Err(longer_than_a_run(s));
        }
        Ok(d)
    }

    fn from_secs_f64(secs: f64) -> Option<SimDuration> {
        // Up to a year (refused later with the simulator's own limit); more is no duration at all.
        (secs.is_finite() && (0.0..=31_536_000.0).contains(&secs)).then(|| SimDuration((secs * 1000.0).round() as u64))
    }
}

/// The longest run of simulated time: a day is more than any lesson or rollout needs, and what a
/// run keeps (a sample a second, its events) grows with it.
pub const MAX_DURATION: SimDuration = SimDuration::from_secs(24 * 3600);

fn longer_than_a_run(s: &str) -> String {
    format!("duration {s:?} is longer than the simulator runs: at most {}", MAX_DURATION.in_words())
}

impl Add<SimDuration> for SimTime {
    type Output = SimTime;
    fn add(self, rhs: SimDuration) -> SimTime {
        SimTime(self.0.saturating_add(rhs.0))
    }
}

impl Sub<SimTime> for SimTime {
    type Output = SimDuration;
    fn sub(self, rhs: SimTime) -> SimDuration {
        self.saturating_since(rhs)
    }
}

/// Shown as seconds with one decimal, the unit of the trace legend: `12.3s`.
impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}s", self.0 / 1000, (self.0 % 1000) / 100)
    }
}

impl SimDuration {
    /// As a learner writes it: `24h`, `90m`, else seconds (`12.5s`).
    pub fn in_words(self) -> String {
        match self.0 {
            ms if ms > 0 && ms % 3_600_000 == 0 => format!("{}h", ms / 3_600_000),
            ms if ms > 0 && ms % 60_000 == 0 => format!("{}m", ms / 60_000),
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for SimDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        SimTime(self.0).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_as_go_writes_them() {
        let ms = |s: &str| SimDuration::parse(s).map(SimDuration::as_millis);
        assert_eq!(ms("30s"), Ok(30_000));
        assert_eq!(ms("1m30s"), Ok(90_000));
        assert_eq!(ms("500ms"), Ok(500));
        assert_eq!(ms("1.5m"), Ok(90_000));
        assert_eq!(ms("2h"), Ok(7_200_000));
        assert_eq!(ms("45"), Ok(45_000));
        for bad in ["", "s", "10x", "-5s", "1e400", "ten seconds", "9999h"] {
            assert!(SimDuration::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn display_is_seconds_with_one_decimal() {
        assert_eq!(SimTime::from_millis(12_345).to_string(), "12.3s");
        assert_eq!(SimTime::ZERO.to_string(), "0.0s");
        assert_eq!(SimDuration::from_secs(600).to_string(), "600.0s");
    }

    #[test]
    fn rfc3339_writes_utc_dates_as_go_does() {
        assert_eq!(SimTime::ZERO.rfc3339(), "1970-01-01T00:00:00Z");
        assert_eq!(SimTime::from_millis(83_999).rfc3339(), "1970-01-01T00:01:23Z");
        // 2000-02-29 (a leap day of a year divisible by 400) and the day after.
        assert_eq!(SimTime::from_secs(951_782_400).rfc3339(), "2000-02-29T00:00:00Z");
        assert_eq!(SimTime::from_secs(951_868_799).rfc3339(), "2000-02-29T23:59:59Z");
        assert_eq!(SimTime::from_secs(951_868_800).rfc3339(), "2000-03-01T00:00:00Z");
        assert_eq!(SimTime::from_secs(1_796_419_639).rfc3339(), "2026-12-04T21:27:19Z");
    }

    #[test]
    fn arithmetic_saturates_instead_of_wrapping() {
        let t = SimTime::from_secs(5);
        assert_eq!(t + SimDuration::from_millis(250), SimTime::from_millis(5_250));
        assert_eq!(SimTime::from_secs(1) - t, SimDuration::ZERO);
        assert_eq!(SimTime(u64::MAX) + SimDuration::from_secs(1), SimTime(u64::MAX));
    }
}
