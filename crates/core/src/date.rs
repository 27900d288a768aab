//! Calendar dates: the one parser of the `YYYY-MM-DD` form that a charter's
//! `date:` is written in, used by loading (`Y028`), the build record and
//! the diff's draft information. Impossible dates (2023-02-29, 2021-04-31)
//! are rejected; the Gregorian leap-year rule is applied.

use std::fmt;

/// A valid Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date from its parts, if it exists in the calendar (years 1–9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parse exactly `YYYY-MM-DD` (four, two and two ASCII digits) naming
    /// a day that exists.
    pub fn parse_iso(s: &str) -> Option<Date> {
        Date::check_iso(s).ok()
    }

    /// [`Date::parse_iso`], saying why a text is not a date.
    pub fn check_iso(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(DateError::Form);
        }
        let digits = |r: std::ops::Range<usize>| {
            b[r.clone()].iter().all(u8::is_ascii_digit).then(|| s[r].parse::<u16>().ok()).flatten()
        };
        let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
            return Err(DateError::Form);
        };
        let (m, d) = (u8::try_from(m).map_err(|_| DateError::Form)?, u8::try_from(d).map_err(|_| DateError::Form)?);
        if y == 0 || !(1..=12).contains(&m) {
            return Err(DateError::NoSuchMonth);
        }
        Date::new(y, m, d).ok_or(DateError::NoSuchDay { days: days_in_month(y, m) })
    }

    /// 2021年11月24日.
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// Why a text is not a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not `YYYY-MM-DD`.
    Form,
    /// Month 0 or above 12 (or year 0).
    NoSuchMonth,
    /// The month has only `days` days.
    NoSuchDay { days: u8 },
}

/// `YYYY-MM-DD`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap_year(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_dates() {
        assert_eq!(Date::parse_iso("2021-11-24"), Some(Date { year: 2021, month: 11, day: 24 }));
        assert_eq!(Date::parse_iso("2024-02-29").map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
        assert_eq!(Date::parse_iso("2000-02-29").map(|d| d.chinese()).as_deref(), Some("2000年2月29日"));
        assert!(Date::parse_iso("2021-12-31").is_some());
        assert!(Date::parse_iso("2021-01-01").is_some());
    }

    #[test]
    fn rejects_impossible_dates() {
        for s in ["2023-02-29", "1900-02-29", "2100-02-29", "2021-02-30", "2021-04-31", "2021-06-31", "2021-13-01"] {
            assert_eq!(Date::parse_iso(s), None, "{s}");
        }
        for s in ["2021-00-10", "2021-01-00", "0000-01-01", "2021-01-32"] {
            assert_eq!(Date::parse_iso(s), None, "{s}");
        }
    }

    #[test]
    fn rejects_other_forms() {
        for s in [
            "2021.11",
            "2021-1-2",
            "21-11-24",
            "2021/11/24",
            "2021-11-24 ",
            "+021-11-24",
            "2021-+1-24",
            "２０２１-11-24",
            "",
        ] {
            assert_eq!(Date::parse_iso(s), None, "{s:?}");
        }
    }

    #[test]
    fn says_why() {
        assert_eq!(Date::check_iso("2023-02-29"), Err(DateError::NoSuchDay { days: 28 }));
        assert_eq!(Date::check_iso("2021-04-31"), Err(DateError::NoSuchDay { days: 30 }));
        assert_eq!(Date::check_iso("2021-13-01"), Err(DateError::NoSuchMonth));
        assert_eq!(Date::check_iso("2021-1-2"), Err(DateError::Form));
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2024));
        assert!(is_leap_year(2000));
        assert!(!is_leap_year(1900));
        assert!(!is_leap_year(2023));
    }
}
