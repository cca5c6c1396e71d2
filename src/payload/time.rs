//! Date-times as the servers read them: Django 3.2's `parse_datetime` (what DRF's
//! `DateTimeField` uses for ISO 8601), with `datetime`'s range checks.

use std::fmt;

/// A calendar date-time and, when written, its UTC offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub microsecond: u32,
    /// Minutes east of UTC; `None` for a time written without a zone.
    pub offset: Option<i32>,
}

/// Asia/Shanghai, the servers' `TIME_ZONE`: UTC+8 (no daylight saving since 1991).
pub const SHANGHAI: i32 = 8 * 60;

fn digits(b: &[u8], at: &mut usize, min: usize, max: usize) -> Option<u32> {
    let start = *at;
    while *at < b.len() && *at - start < max && b[*at].is_ascii_digit() {
        *at += 1;
    }
    if *at - start < min {
        return None;
    }
    std::str::from_utf8(&b[start..*at]).ok()?.parse().ok()
}

fn expect(b: &[u8], at: &mut usize, c: u8) -> Option<()> {
    (b.get(*at) == Some(&c)).then(|| *at += 1)
}

/// Python's `str.isspace()` for the characters a date-time text may hold.
fn space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn month_days(y: i32, m: u32) -> u32 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

/// Why a text is not a date-time: what is wrong, and the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeError(Why, String);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Why {
    Format,
    Offset,
    Month,
    Day,
    Time,
}

impl TimeError {
    /// What is wrong, in English and in Chinese.
    pub fn texts(&self) -> (String, String) {
        let t = &self.1;
        let (en, zh) = match self.0 {
            Why::Format => {
                return (
                    format!("{t:?} is not YYYY-MM-DD HH:MM:SS+ZZZZ"),
                    format!("{t:?} 不是 YYYY-MM-DD HH:MM:SS+ZZZZ 格式"),
                )
            }
            Why::Offset => (
                "the offset must be less than 24 hours",
                "时区偏移须小于 24 小时",
            ),
            Why::Month => (
                "month must be in 1..12 (and the year at least 1)",
                "月份须在 1 到 12 之间（年份至少为 1）",
            ),
            Why::Day => ("day is out of range for month", "日期超出该月的天数"),
            Why::Time => (
                "hour, minute or second is out of range",
                "时、分或秒超出范围",
            ),
        };
        (format!("{t:?}: {en}"), format!("{t:?}：{zh}"))
    }
}

impl DateTime {
    /// Reads `YYYY-MM-DD[T ]HH:MM[:SS[.ffffff]][ ][Z|±HH[[:]MM]]` as Django does; the error says
    /// what is wrong ([`TimeError`]).
    pub fn parse(text: &str) -> Result<DateTime, TimeError> {
        // `$` also matches before a final newline.
        let s = text.strip_suffix('\n').unwrap_or(text);
        let b = s.as_bytes();
        let bad = || TimeError(Why::Format, text.to_owned());
        let mut at = 0;
        let year = digits(b, &mut at, 4, 4).ok_or_else(bad)? as i32;
        expect(b, &mut at, b'-').ok_or_else(bad)?;
        let month = digits(b, &mut at, 1, 2).ok_or_else(bad)?;
        expect(b, &mut at, b'-').ok_or_else(bad)?;
        let day = digits(b, &mut at, 1, 2).ok_or_else(bad)?;
        if !matches!(b.get(at), Some(b'T' | b' ')) {
            return Err(bad());
        }
        at += 1;
        let hour = digits(b, &mut at, 1, 2).ok_or_else(bad)?;
        expect(b, &mut at, b':').ok_or_else(bad)?;
        let minute = digits(b, &mut at, 1, 2).ok_or_else(bad)?;
        let (mut second, mut microsecond) = (0, 0);
        if b.get(at) == Some(&b':') && b.get(at + 1).is_some_and(u8::is_ascii_digit) {
            at += 1;
            second = digits(b, &mut at, 1, 2).ok_or_else(bad)?;
            if matches!(b.get(at), Some(b'.' | b','))
                && b.get(at + 1).is_some_and(u8::is_ascii_digit)
            {
                at += 1;
                let start = at;
                let us = digits(b, &mut at, 1, 6).ok_or_else(bad)?;
                microsecond = us * 10u32.pow((6 - (at - start)) as u32);
                digits(b, &mut at, 0, 6);
            }
        }
        let rest = &s[at..];
        let rest = rest.trim_start_matches(space);
        let offset = match rest.as_bytes() {
            [] => None,
            [b'Z'] => Some(0),
            [sign @ (b'+' | b'-'), tail @ ..] => {
                let t = std::str::from_utf8(tail).map_err(|_| bad())?;
                let all_digits = |x: &str| x.bytes().all(|c| c.is_ascii_digit());
                let (h, m) = match t.len() {
                    2 if all_digits(t) => (&t[..2], "0"),
                    4 if all_digits(t) => (&t[..2], &t[2..]),
                    5 if t.as_bytes()[2] == b':' && all_digits(&t[..2]) && all_digits(&t[3..]) => {
                        (&t[..2], &t[3..])
                    }
                    _ => return Err(bad()),
                };
                let minutes = 60 * h.parse::<i32>().map_err(|_| bad())?
                    + m.parse::<i32>().map_err(|_| bad())?;
                if minutes >= 24 * 60 {
                    return Err(TimeError(Why::Offset, text.to_owned()));
                }
                Some(if *sign == b'-' { -minutes } else { minutes })
            }
            _ => return Err(bad()),
        };
        if year < 1 || !(1..=12).contains(&month) {
            return Err(TimeError(Why::Month, text.to_owned()));
        }
        if day < 1 || day > month_days(year, month) {
            return Err(TimeError(Why::Day, text.to_owned()));
        }
        if hour > 23 || minute > 59 || second > 59 {
            return Err(TimeError(Why::Time, text.to_owned()));
        }
        Ok(DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
            microsecond,
            offset,
        })
    }

    /// Microseconds since the Unix epoch; a time without zone is read at `default_offset`.
    pub fn epoch_micros(&self, default_offset: i32) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        let secs = days * 86_400 + i64::from(self.hour * 3600 + self.minute * 60 + self.second)
            - 60 * i64::from(self.offset.unwrap_or(default_offset));
        secs * 1_000_000 + i64::from(self.microsecond)
    }

    /// The instant `millis` after the epoch, shown at `offset`.
    pub fn from_epoch_millis(millis: i64, offset: i32) -> DateTime {
        let local = millis.div_euclid(1000) + 60 * i64::from(offset);
        let (year, month, day) = civil_from_days(local.div_euclid(86_400));
        let s = local.rem_euclid(86_400) as u32;
        DateTime {
            year,
            month,
            day,
            hour: s / 3600,
            minute: s / 60 % 60,
            second: s % 60,
            microsecond: (millis.rem_euclid(1000) * 1000) as u32,
            offset: Some(offset),
        }
    }

    /// The same time with `offset` written when it had none.
    pub fn with_default_offset(self, offset: i32) -> DateTime {
        DateTime {
            offset: Some(self.offset.unwrap_or(offset)),
            ..self
        }
    }
}

/// `%Y-%m-%d %H:%M:%S%z` (the servers' own format), with `.ffffff` when there are
/// microseconds.
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )?;
        if self.microsecond != 0 {
            write!(f, ".{:06}", self.microsecond)?;
        }
        if let Some(o) = self.offset {
            let sign = if o < 0 { '-' } else { '+' };
            write!(f, "{sign}{:02}{:02}", o.abs() / 60, o.abs() % 60)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn django_forms() {
        let t = DateTime::parse("2022-05-16 20:26:40+0800").unwrap();
        assert_eq!(
            (t.year, t.month, t.day, t.hour, t.minute, t.second, t.offset),
            (2022, 5, 16, 20, 26, 40, Some(480))
        );
        assert_eq!(t.to_string(), "2022-05-16 20:26:40+0800");
        assert_eq!(DateTime::parse("2022-05-16T20:26:40+08:00").unwrap(), t);
        assert_eq!(
            DateTime::parse("2022-5-6 2:6").unwrap().to_string(),
            "2022-05-06 02:06:00"
        );
        assert_eq!(
            DateTime::parse("2022-05-16 20:26:40.5 Z")
                .unwrap()
                .to_string(),
            "2022-05-16 20:26:40.500000+0000"
        );
        assert_eq!(
            DateTime::parse("2022-05-16 20:26:40-0330").unwrap().offset,
            Some(-210)
        );
        assert_eq!(
            DateTime::parse("2022-05-16 20:26:40+08").unwrap().offset,
            Some(480)
        );
        assert!(DateTime::parse("2022-05-16 20:26:40\n")
            .unwrap()
            .offset
            .is_none());
        for bad in [
            "2022-02-30 00:00:00",
            "2022-13-01 00:00",
            "2022-05-16 24:00",
            "2022/05/16 20:26",
            "20220516",
            "2022-05-16 20:26:40+2400",
            "2022-05-16 20:26:40 CST",
            "0000-01-01 00:00",
        ] {
            assert!(DateTime::parse(bad).is_err(), "{bad}");
        }
        assert!(DateTime::parse("2024-02-29 00:00").is_ok());
    }

    #[test]
    fn instants() {
        let t = DateTime::parse("1970-01-01 08:00:00+0800").unwrap();
        assert_eq!(t.epoch_micros(0), 0);
        let naive = DateTime::parse("1970-01-01 08:00:00").unwrap();
        assert_eq!(naive.epoch_micros(SHANGHAI), 0);
        let back = DateTime::from_epoch_millis(1_652_703_999_123, SHANGHAI);
        assert_eq!(back.to_string(), "2022-05-16 20:26:39.123000+0800");
        assert_eq!(back.epoch_micros(0), 1_652_703_999_123_000);
        assert_eq!(
            DateTime::from_epoch_millis(-1, 0).to_string(),
            "1969-12-31 23:59:59.999000+0000"
        );
    }
}
