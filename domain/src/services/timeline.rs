//! The timeline as the public reads it: the phases in order, the consultations inside them,
//! and where the process stood on any given day.
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use sea_orm::ConnectionTrait;

use super::{consultations, phases, revisions};
use crate::error::DomainResult;
use crate::types::*;

/// Where the process stands on `date`. The current phase is the latest one that has started;
/// once it has ended and the next has not begun, the process is between the two.
pub fn process_status(phases: &[PhaseView], date: NaiveDate) -> ProcessStatus {
    let mut ordered: Vec<&PhaseView> = phases.iter().collect();
    ordered.sort_by(|a, b| a.span.timeline_cmp(&b.span).then(a.ordinal.cmp(&b.ordinal)));
    let Some(first) = ordered.first() else {
        return ProcessStatus::Unknown;
    };
    if date < first.span.start {
        return ProcessStatus::NotStarted { next: (*first).clone() };
    }
    let started = ordered.iter().rposition(|p| p.span.start <= date).unwrap_or(0);
    let current = ordered[started];
    if current.span.contains(date) {
        return ProcessStatus::InProgress { phase: current.clone() };
    }
    match ordered.get(started + 1) {
        Some(next) => ProcessStatus::Between { previous: current.clone(), next: (*next).clone() },
        None => ProcessStatus::Concluded { last: current.clone() },
    }
}

/// The home page as of a day: the status, the phases, what came next, and the latest changes
/// to the timeline that had been recorded by then.
pub async fn home<C: ConnectionTrait>(db: &C, as_of: NaiveDate) -> DomainResult<HomeView> {
    let phases = phases::list(db).await?;
    let status = process_status(&phases, as_of);
    let all = consultations::list(db, &TimelineFilter::default()).await?;
    let next_events = all.into_iter().filter(|c| c.span.end >= as_of).take(5).collect();
    let end_of_day = as_of.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN));
    let latest_changes = revisions::latest_timeline_changes(db, Utc.from_utc_datetime(&end_of_day), 6).await?;
    Ok(HomeView { as_of, status, phases, next_events, latest_changes })
}

/// The phases in order, each with its consultations matching the filter.
pub async fn timeline<C: ConnectionTrait>(db: &C, filter: TimelineFilter) -> DomainResult<TimelineView> {
    let phases = phases::list(db).await?;
    let consultations = consultations::list(db, &filter).await?;
    let total = consultations.len();
    let mut groups: Vec<PhaseWithConsultations> =
        phases.into_iter().map(|phase| PhaseWithConsultations { phase, consultations: Vec::new() }).collect();
    let mut unphased = Vec::new();
    for c in consultations {
        match groups.iter_mut().find(|g| Some(g.phase.id) == c.phase_id) {
            Some(g) => g.consultations.push(c),
            None => unphased.push(c),
        }
    }
    Ok(TimelineView { filter, phases: groups, unphased, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn phase(ordinal: i32, start: NaiveDate, end: NaiveDate) -> PhaseView {
        PhaseView {
            id: ordinal,
            slug: format!("p{ordinal}"),
            ordinal,
            name: format!("P{ordinal}"),
            span: DateSpan::days(start, end).expect("span"),
            note: String::new(),
            version: 1,
        }
    }

    #[test]
    fn the_current_phase_follows_the_date() {
        let phases = vec![
            phase(1, d(2017, 4, 1), d(2017, 11, 30)),
            phase(2, d(2017, 12, 1), d(2018, 1, 31)),
            phase(3, d(2018, 2, 1), d(2018, 7, 13)),
            phase(4, d(2018, 12, 10), d(2018, 12, 19)),
        ];
        assert!(
            matches!(process_status(&phases, d(2016, 1, 1)), ProcessStatus::NotStarted { next } if next.ordinal == 1)
        );
        assert!(
            matches!(process_status(&phases, d(2017, 10, 1)), ProcessStatus::InProgress { phase } if phase.ordinal == 1)
        );
        assert!(matches!(process_status(&phases, d(2018, 9, 1)),
            ProcessStatus::Between { previous, next } if previous.ordinal == 3 && next.ordinal == 4));
        assert!(
            matches!(process_status(&phases, d(2026, 11, 23)), ProcessStatus::Concluded { last } if last.ordinal == 4)
        );
        assert_eq!(process_status(&[], d(2017, 1, 1)), ProcessStatus::Unknown);
    }
}
