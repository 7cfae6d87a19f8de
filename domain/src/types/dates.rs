//! Dates known only as precisely as the record knows them.
//!
//! A [`DateSpan`] is the range of days an event may fall on (or does span) plus the precision
//! it is known to. "Sept 2017" is the whole of September with month precision; "4-6 Dec 2017"
//! is three days with day precision; "2017" is the whole year with year precision. It is shown
//! only as precisely as it is known, and ordered by the earliest day it can be.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    AsRefStr,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Quarter,
    Year,
}

impl DatePrecision {
    /// Finer precisions rank lower, so that among events starting the same day the better-known sorts first.
    pub fn rank(self) -> u8 {
        match self {
            DatePrecision::Day => 0,
            DatePrecision::Month => 1,
            DatePrecision::Quarter => 2,
            DatePrecision::Year => 3,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DateSpan {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub precision: DatePrecision,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateSpanError {
    #[error("the end date is before the start date")]
    EndBeforeStart,
    #[error("the dates do not line up with the precision")]
    NotAligned,
    #[error("not a valid date")]
    Malformed,
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

impl DateSpan {
    /// A span, checked: the end is not before the start, and coarse precisions start on the
    /// first day of their month, quarter or year.
    pub fn new(start: NaiveDate, end: NaiveDate, precision: DatePrecision) -> Result<Self, DateSpanError> {
        if end < start {
            return Err(DateSpanError::EndBeforeStart);
        }
        // The start lines up with the precision; the end is the latest day known (a phase
        // known as "Feb-July 2018" may still have ended on 13 July).
        let aligned = match precision {
            DatePrecision::Day => true,
            DatePrecision::Month => start.day() == 1,
            DatePrecision::Quarter => start.day() == 1 && (start.month() - 1).is_multiple_of(3),
            DatePrecision::Year => start.ordinal() == 1,
        };
        if !aligned {
            return Err(DateSpanError::NotAligned);
        }
        Ok(DateSpan { start, end, precision })
    }

    pub fn day(date: NaiveDate) -> Self {
        DateSpan { start: date, end: date, precision: DatePrecision::Day }
    }

    pub fn days(start: NaiveDate, end: NaiveDate) -> Result<Self, DateSpanError> {
        Self::new(start, end, DatePrecision::Day)
    }

    pub fn month(year: i32, month: u32) -> Result<Self, DateSpanError> {
        let start = NaiveDate::from_ymd_opt(year, month, 1).ok_or(DateSpanError::Malformed)?;
        let end = last_day_of_month(year, month).ok_or(DateSpanError::Malformed)?;
        Ok(DateSpan { start, end, precision: DatePrecision::Month })
    }

    pub fn year(year: i32) -> Result<Self, DateSpanError> {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(DateSpanError::Malformed)?;
        let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(DateSpanError::Malformed)?;
        Ok(DateSpan { start, end, precision: DatePrecision::Year })
    }

    /// The span of `precision` that holds `date`: its day, month, quarter or year.
    pub fn containing(date: NaiveDate, precision: DatePrecision) -> Result<Self, DateSpanError> {
        match precision {
            DatePrecision::Day => Ok(Self::day(date)),
            DatePrecision::Month => Self::month(date.year(), date.month()),
            DatePrecision::Quarter => {
                let first_month = (date.month() - 1) / 3 * 3 + 1;
                let start = NaiveDate::from_ymd_opt(date.year(), first_month, 1).ok_or(DateSpanError::Malformed)?;
                let end = last_day_of_month(date.year(), first_month + 2).ok_or(DateSpanError::Malformed)?;
                Self::new(start, end, DatePrecision::Quarter)
            }
            DatePrecision::Year => Self::year(date.year()),
        }
    }

    /// Whether `date` falls inside the span.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// The order of the timeline: earliest possible day first, then finer precision, then earliest end.
    pub fn timeline_cmp(&self, other: &Self) -> Ordering {
        self.start
            .cmp(&other.start)
            .then(self.precision.rank().cmp(&other.precision.rank()))
            .then(self.end.cmp(&other.end))
    }

    /// The span as shown to people, only as precise as it is known.
    pub fn label(&self) -> DateLabel {
        let (s, e) = (self.start, self.end);
        match self.precision {
            DatePrecision::Day if s == e => DateLabel::Day { day: s.day(), month: s.month(), year: s.year() },
            DatePrecision::Day if s.year() == e.year() && s.month() == e.month() => {
                DateLabel::DaysInMonth { from: s.day(), to: e.day(), month: s.month(), year: s.year() }
            }
            DatePrecision::Day if s.year() == e.year() => {
                DateLabel::DaysInYear { from: (s.day(), s.month()), to: (e.day(), e.month()), year: s.year() }
            }
            DatePrecision::Day => {
                DateLabel::Days { from: (s.day(), s.month(), s.year()), to: (e.day(), e.month(), e.year()) }
            }
            DatePrecision::Month if (s.year(), s.month()) == (e.year(), e.month()) => {
                DateLabel::Month { month: s.month(), year: s.year() }
            }
            DatePrecision::Month => DateLabel::Months { from: (s.month(), s.year()), to: (e.month(), e.year()) },
            DatePrecision::Quarter => DateLabel::Quarter { quarter: (s.month() - 1) / 3 + 1, year: s.year() },
            DatePrecision::Year if s.year() == e.year() => DateLabel::Year { year: s.year() },
            DatePrecision::Year => DateLabel::Years { from: s.year(), to: e.year() },
        }
    }

    /// Formats the label with the month abbreviations of a language (`months[0]` is January).
    /// Day, month and year come in that order in every language the product speaks.
    pub fn format_with(&self, months: &[&str; 12]) -> String {
        let m = |n: u32| months[(n as usize).saturating_sub(1).min(11)];
        match self.label() {
            DateLabel::Day { day, month, year } => format!("{day} {} {year}", m(month)),
            DateLabel::DaysInMonth { from, to, month, year } => format!("{from}-{to} {} {year}", m(month)),
            DateLabel::DaysInYear { from, to, year } => format!("{} {}-{} {} {year}", from.0, m(from.1), to.0, m(to.1)),
            DateLabel::Days { from, to } => {
                format!("{} {} {} - {} {} {}", from.0, m(from.1), from.2, to.0, m(to.1), to.2)
            }
            DateLabel::Month { month, year } => format!("{} {year}", m(month)),
            DateLabel::Months { from, to } if from.1 == to.1 => format!("{}-{} {}", m(from.0), m(to.0), to.1),
            DateLabel::Months { from, to } => format!("{} {}-{} {}", m(from.0), from.1, m(to.0), to.1),
            DateLabel::Quarter { quarter, year } => format!("Q{quarter} {year}"),
            DateLabel::Year { year } => year.to_string(),
            DateLabel::Years { from, to } => format!("{from}-{to}"),
        }
    }

    /// The storage form used in revisions: `start/end/precision`.
    pub fn to_storage(&self) -> String {
        format!("{}/{}/{}", self.start, self.end, self.precision)
    }

    pub fn from_storage(s: &str) -> Result<Self, DateSpanError> {
        let mut parts = s.split('/');
        let start = parts.next().and_then(|p| p.parse().ok()).ok_or(DateSpanError::Malformed)?;
        let end = parts.next().and_then(|p| p.parse().ok()).ok_or(DateSpanError::Malformed)?;
        let precision = parts.next().and_then(|p| p.parse().ok()).ok_or(DateSpanError::Malformed)?;
        Self::new(start, end, precision)
    }
}

impl fmt::Display for DateSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format_with(&ENGLISH_MONTHS))
    }
}

/// English month abbreviations in the house style ("Sept", not "Sep").
pub const ENGLISH_MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"];

/// What a span looks like once its precision is taken into account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLabel {
    Day { day: u32, month: u32, year: i32 },
    DaysInMonth { from: u32, to: u32, month: u32, year: i32 },
    DaysInYear { from: (u32, u32), to: (u32, u32), year: i32 },
    Days { from: (u32, u32, i32), to: (u32, u32, i32) },
    Month { month: u32, year: i32 },
    Months { from: (u32, i32), to: (u32, i32) },
    Quarter { quarter: u32, year: i32 },
    Year { year: i32 },
    Years { from: i32, to: i32 },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date in test")
    }

    #[test]
    fn shows_only_what_is_known() {
        assert_eq!(DateSpan::days(d(2017, 12, 4), d(2017, 12, 6)).map(|s| s.to_string()), Ok("4-6 Dec 2017".into()));
        assert_eq!(DateSpan::month(2017, 9).map(|s| s.to_string()), Ok("Sept 2017".into()));
        assert_eq!(DateSpan::year(2017).map(|s| s.to_string()), Ok("2017".into()));
        assert_eq!(DateSpan::day(d(2017, 7, 26)).to_string(), "26 July 2017");
        assert_eq!(
            DateSpan::days(d(2017, 8, 30), d(2017, 9, 1)).map(|s| s.to_string()),
            Ok("30 Aug-1 Sept 2017".into())
        );
        let phase = DateSpan::new(d(2017, 12, 1), d(2018, 1, 31), DatePrecision::Month).map(|s| s.to_string());
        assert_eq!(phase, Ok("Dec 2017-Jan 2018".into()));
        let q = DateSpan::new(d(2017, 7, 1), d(2017, 9, 30), DatePrecision::Quarter).map(|s| s.to_string());
        assert_eq!(q, Ok("Q3 2017".into()));
    }

    #[test]
    fn refuses_misaligned_or_reversed_spans() {
        assert_eq!(DateSpan::days(d(2017, 12, 6), d(2017, 12, 4)), Err(DateSpanError::EndBeforeStart));
        assert_eq!(DateSpan::new(d(2017, 9, 2), d(2017, 9, 30), DatePrecision::Month), Err(DateSpanError::NotAligned));
        assert_eq!(DateSpan::new(d(2017, 2, 1), d(2017, 12, 31), DatePrecision::Year), Err(DateSpanError::NotAligned));
    }

    #[test]
    fn orders_by_earliest_day_then_precision() {
        let year = DateSpan::year(2017).expect("year");
        let jan = DateSpan::month(2017, 1).expect("month");
        let first = DateSpan::day(d(2017, 1, 1));
        let mut v = [year, jan, first];
        v.sort_by(|a, b| a.timeline_cmp(b));
        assert_eq!(v, [first, jan, year]);
    }

    #[test]
    fn storage_round_trip() {
        let s = DateSpan::days(d(2017, 12, 4), d(2017, 12, 6)).expect("span");
        assert_eq!(DateSpan::from_storage(&s.to_storage()), Ok(s));
        assert_eq!(DateSpan::from_storage("2017-13-01/x/day"), Err(DateSpanError::Malformed));
    }
}

#[cfg(test)]
mod containing_tests {
    use super::*;

    #[test]
    fn a_day_is_placed_in_the_span_of_its_precision() {
        let d = NaiveDate::from_ymd_opt(2018, 11, 14).expect("date");
        let q = DateSpan::containing(d, DatePrecision::Quarter).expect("quarter");
        assert_eq!((q.start.to_string(), q.end.to_string()), ("2018-10-01".into(), "2018-12-31".into()));
        let m = DateSpan::containing(d, DatePrecision::Month).expect("month");
        assert_eq!(m.end.to_string(), "2018-11-30");
        assert_eq!(DateSpan::containing(d, DatePrecision::Day).expect("day").end, d);
        assert_eq!(DateSpan::containing(d, DatePrecision::Year).expect("year").start.to_string(), "2018-01-01");
    }
}
