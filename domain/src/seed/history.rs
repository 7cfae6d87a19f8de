//! The April 2017 plan and what became of it. The Global Coalition on Migration's FAQ of
//! 12 April 2017 set out the plan; the record shows each planned item as first entered then,
//! and each later change (new dates, new venue) as a revision on the day it is known to have
//! taken effect, with a note saying how that day is known.
use chrono::{DateTime, NaiveDate, Utc};

use crate::types::{DatePrecision, DateSpan};

/// The day the April 2017 plan was published (the FAQ's date).
pub const PLAN_PUBLISHED: (i32, u32, u32) = (2017, 4, 12);
pub const PLAN_NOTE: &str = "As planned in April 2017 (Global Coalition on Migration, FAQ of 12 April 2017)";

/// How an item looked in the April 2017 plan, and when and why it changed.
pub struct Planned {
    pub slug: &'static str,
    pub city: &'static str,
    pub country: &'static str,
    /// (year, month) for a month-precision plan; `None` when the plan gave the same days as held.
    pub month: Option<(i32, u32)>,
    /// When the change to the actual dates or venue is known to have taken effect.
    pub changed_on: (i32, u32, u32),
    pub change_note: &'static str,
}

pub const PLANNED_CONSULTATIONS: &[Planned] = &[
    Planned { slug: "thematic-session-1", city: "Geneva", country: "Switzerland", month: None, changed_on: (2017, 5, 8), change_note: "" },
    Planned { slug: "thematic-session-2", city: "New York", country: "United States", month: None, changed_on: (2017, 5, 22), change_note: "" },
    Planned { slug: "thematic-session-3", city: "Geneva", country: "Switzerland", month: None, changed_on: (2017, 6, 19), change_note: "" },
    Planned { slug: "thematic-session-4", city: "New York", country: "United States", month: None, changed_on: (2017, 7, 24), change_note: "" },
    Planned {
        slug: "thematic-session-5",
        city: "Vienna",
        country: "Austria",
        month: Some((2017, 9)),
        changed_on: (2017, 9, 4),
        change_note: "Exact days confirmed; the sources give the days held, not the day they were announced",
    },
    Planned {
        slug: "thematic-session-6",
        city: "Geneva",
        country: "Switzerland",
        month: Some((2017, 10)),
        changed_on: (2017, 10, 12),
        change_note: "Exact days confirmed; the sources give the days held, not the day they were announced",
    },
    Planned {
        slug: "stocktaking-puerto-vallarta",
        city: "Cancún",
        country: "Mexico",
        month: Some((2017, 11)),
        changed_on: (2017, 12, 4),
        change_note: "Moved from Cancún (late November) to Puerto Vallarta, 4-6 December; recorded on the opening day, as the sources do not date the announcement",
    },
    Planned {
        slug: "adoption-marrakech",
        city: "New York",
        country: "United States",
        month: Some((2018, 9)),
        changed_on: (2017, 12, 24),
        change_note: "Moved from New York, September 2018, to Marrakech, 10-11 December 2018, by General Assembly resolution A/RES/72/244",
    },
];

/// The phases the April 2017 plan set out (the others are recorded from later sources).
pub const PLANNED_PHASES: &[&str] = &["consultations", "stocktaking", "intergovernmental-negotiations", "adoption"];

/// What the plan said of a phase's dates.
pub enum PlannedSpan {
    /// The whole of a month (year, month).
    Month(i32, u32),
    /// The actual start, but a planned end (year, month, day).
    EndingOn(i32, u32, u32),
}

/// A phase whose planned dates changed: what was planned, and when and why it changed.
pub struct PhaseChange {
    pub slug: &'static str,
    pub planned: PlannedSpan,
    pub changed_on: (i32, u32, u32),
    pub note: &'static str,
}

pub const PLANNED_PHASE_CHANGES: &[PhaseChange] = &[
    // "an intergovernmental stock-taking conference in Cancún, Mexico, in late November"
    PhaseChange {
        slug: "stocktaking",
        planned: PlannedSpan::Month(2017, 11),
        changed_on: (2017, 12, 4),
        note: "Held in Puerto Vallarta, 4-6 December 2017, not in Cancún in late November; recorded on the opening day, as the sources do not date the announcement",
    },
    // "Negotiations should be concluded by the end of July"
    PhaseChange {
        slug: "intergovernmental-negotiations",
        planned: PlannedSpan::EndingOn(2018, 7, 31),
        changed_on: (2018, 7, 13),
        note: "Text agreed at the close of round 6, 13 July 2018",
    },
    // "ahead of the September conference" (New York)
    PhaseChange {
        slug: "adoption",
        planned: PlannedSpan::Month(2018, 9),
        changed_on: (2017, 12, 24),
        note: "Adoption moved from September 2018 to December 2018 by General Assembly resolution A/RES/72/244",
    },
];

pub fn day(ymd: (i32, u32, u32)) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(ymd.0, ymd.1, ymd.2)
}

/// Noon UTC on a day: the moment a historical revision is dated.
pub fn noon(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc()
}

pub fn planned_span(p: &Planned, actual: DateSpan) -> DateSpan {
    match p.month.and_then(|(y, m)| DateSpan::month(y, m).ok()) {
        Some(span) => span,
        None => actual,
    }
}

pub fn month_span(y: i32, m: u32) -> Option<DateSpan> {
    DateSpan::month(y, m).ok().filter(|s| s.precision == DatePrecision::Month)
}
