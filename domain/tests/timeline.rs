mod common;

use common::date;
use domain::audit::{Actor, Audit};
use domain::services::{consultations, elements, organisations, timeline};
use domain::types::*;

fn find<'a>(t: &'a TimelineView, slug: &str) -> Option<&'a ConsultationSummary> {
    t.phases.iter().flat_map(|p| p.consultations.iter()).chain(t.unphased.iter()).find(|c| c.slug == slug)
}

#[tokio::test]
async fn dates_are_shown_as_precisely_as_known_and_ordered() {
    let t = common::seeded().await;
    let view = timeline::timeline(&t.db, TimelineFilter::default()).await.expect("timeline");
    let vallarta = find(&view, "stocktaking-puerto-vallarta").expect("stocktaking");
    assert_eq!(vallarta.span.to_string(), "4-6 Dec 2017");
    let unece = find(&view, "regional-unece").expect("unece");
    assert_eq!(unece.span.to_string(), "2017");
    let hearing = find(&view, "hearing-2017-10-geneva").expect("hearing");
    assert_eq!(hearing.span.to_string(), "Oct 2017");
    // phases in order, each one's consultations in timeline order
    let ordinals: Vec<i32> = view.phases.iter().map(|p| p.phase.ordinal).collect();
    assert_eq!(ordinals, vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 9], "the negotiation, then the follow-up and review");
    for group in &view.phases {
        for pair in group.consultations.windows(2) {
            assert_ne!(
                pair[0].span.timeline_cmp(&pair[1].span),
                std::cmp::Ordering::Greater,
                "{} before {}",
                pair[0].slug,
                pair[1].slug
            );
        }
    }
    let phase1: Vec<&str> = view.phases[1].consultations.iter().map(|c| c.slug.as_str()).collect();
    let pos = |s: &str| phase1.iter().position(|x| *x == s).expect(s);
    assert!(pos("thematic-session-1") < pos("thematic-session-2"));
    assert!(pos("hearing-2017-10-geneva") < pos("thematic-session-6"), "Oct 2017 sorts by its first possible day");
    assert_eq!(view.total, 34);
    let imrf = find(&view, "imrf-2022").expect("the first International Migration Review Forum");
    assert_eq!(imrf.span.to_string(), "17-20 May 2022");
    assert_eq!(find(&view, "imrf-2026").expect("the next forum").span.to_string(), "2026");
}

#[tokio::test]
async fn the_current_phase_follows_the_as_of_date() {
    let t = common::seeded().await;
    let home = timeline::home(&t.db, date(2017, 10, 1)).await.expect("home");
    match &home.status {
        ProcessStatus::InProgress { phase } => assert_eq!(phase.slug, "consultations"),
        other => panic!("expected phase I in progress, got {other:?}"),
    }
    assert!(home.next_events.iter().any(|c| c.slug == "thematic-session-6"));
    assert!(home.next_events.iter().all(|c| c.span.end >= date(2017, 10, 1)));
    assert!(home.latest_changes.iter().all(|r| r.changed_at.date_naive() <= date(2017, 10, 1)));
    assert!(!home.latest_changes.is_empty());

    // the follow-up and review goes on: the second Forum is planned for 2026
    let today = timeline::home(&t.db, date(2026, 11, 23)).await.expect("home");
    assert!(matches!(today.status, ProcessStatus::InProgress { ref phase } if phase.slug == "second-imrf"));
    let after = timeline::home(&t.db, date(2027, 6, 1)).await.expect("home");
    assert!(matches!(after.status, ProcessStatus::Concluded { ref last } if last.slug == "second-imrf"));
    let forum = timeline::home(&t.db, date(2022, 5, 18)).await.expect("home");
    assert!(matches!(forum.status, ProcessStatus::InProgress { ref phase } if phase.slug == "first-imrf"));
    let between = timeline::home(&t.db, date(2018, 9, 1)).await.expect("home");
    assert!(matches!(between.status, ProcessStatus::Between { ref previous, ref next }
        if previous.slug == "intergovernmental-negotiations" && next.slug == "adoption"));
    let before = timeline::home(&t.db, date(2015, 1, 1)).await.expect("home");
    assert!(matches!(before.status, ProcessStatus::NotStarted { .. }));
}

#[tokio::test]
async fn filters_narrow_the_timeline() {
    let t = common::seeded().await;
    let q = |kind: &str, region: &str, status: &str, element: &str| TimelineQuery {
        kind: Some(kind.into()),
        region: Some(region.into()),
        status: Some(status.into()),
        element: Some(element.into()),
    };
    let africa = timeline::timeline(&t.db, q("", "africa", "", "").parse().expect("valid")).await.expect("filter");
    assert_eq!(africa.total, 2, "the 2017 consultation and the 2021 regional review");
    assert!(find(&africa, "regional-review-africa").is_some());
    assert!(find(&africa, "regional-africa-addis-ababa").is_some());
    let rounds =
        timeline::timeline(&t.db, q("negotiation_round", "", "", "").parse().expect("valid")).await.expect("filter");
    assert_eq!(rounds.total, 6);
    let element_i = timeline::timeline(&t.db, q("", "", "", "i").parse().expect("valid")).await.expect("filter");
    assert_eq!(element_i.total, 1);
    assert!(find(&element_i, "thematic-session-1").is_some());
    let planned =
        timeline::timeline(&t.db, q("", "europe", "planned", "").parse().expect("valid")).await.expect("filter");
    assert_eq!(planned.total, 1);
    let none =
        timeline::timeline(&t.db, q("thematic", "africa", "", "").parse().expect("valid")).await.expect("filter");
    assert_eq!(none.total, 0);
    assert!(q("", "atlantis", "", "").parse().is_err());
}

#[tokio::test]
async fn the_april_2017_plan_and_its_changes_are_in_the_history() {
    let t = common::seeded().await;
    let vallarta = consultations::get(&t.db, "stocktaking-puerto-vallarta").await.expect("consultation");
    let created = &vallarta.history[0];
    assert_eq!(created.action, RevisionAction::Created);
    assert_eq!(created.changed_at.date_naive(), date(2017, 4, 12));
    let moved = vallarta
        .history
        .iter()
        .find(|r| r.action == RevisionAction::Updated && r.changes.iter().any(|c| c.field == "venue_city"))
        .expect("a revision moving the venue");
    let city = moved.changes.iter().find(|c| c.field == "venue_city").expect("city change");
    assert_eq!((city.from.as_deref(), city.to.as_deref()), (Some("Cancún"), Some("Puerto Vallarta")));
    let dates = moved.changes.iter().find(|c| c.field == "dates").expect("date change");
    let from = DateSpan::from_storage(dates.from.as_deref().unwrap_or_default()).expect("span");
    assert_eq!(from.to_string(), "Nov 2017");

    let marrakech = consultations::get(&t.db, "adoption-marrakech").await.expect("conference");
    let moved = marrakech
        .history
        .iter()
        .find(|r| r.changes.iter().any(|c| c.field == "venue_city" && c.from.as_deref() == Some("New York")))
        .expect("moved from New York");
    assert!(moved.changes.iter().any(|c| c.field == "venue_city" && c.to.as_deref() == Some("Marrakech")));
    assert!(moved.note.contains("A/RES/72/244"));
    // by key: slug or numeric id
    let by_id = consultations::get(&t.db, &vallarta.summary.id.to_string()).await.expect("by id");
    assert_eq!(by_id.summary.slug, "stocktaking-puerto-vallarta");
    assert!(matches!(consultations::get(&t.db, "nowhere").await, Err(domain::DomainError::NotFound(_))));
}

#[tokio::test]
async fn a_stale_edit_is_refused_and_the_public_cannot_edit() {
    let t = common::seeded().await;
    let (id, version, input) = consultations::input_of(&t.db, "regional-unece").await.expect("input");
    let user_id = common::user(&t.db, "coordinator").await;
    let coordinator = Audit::now(Actor::Coordinator { user_id });
    let first = ConsultationInputExt::with_city(&input, "Geneva");
    let saved = consultations::update(&t.db, &coordinator, id, version, first).await.expect("save");
    assert!(matches!(saved, consultations::SaveOutcome::Saved(ref d) if d.version == version + 1));
    let stale = ConsultationInputExt::with_city(&input, "Vienna");
    match consultations::update(&t.db, &coordinator, id, version, stale).await.expect("answer") {
        consultations::SaveOutcome::Conflict { theirs } => assert_eq!(theirs.summary.venue_city, "Geneva"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    let member = Audit::now(Actor::Member { user_id: 2, organisation_id: None });
    let refused = consultations::update(&t.db, &member, id, version + 1, input.clone()).await;
    assert!(matches!(refused, Err(domain::DomainError::Forbidden)));
    let anonymous = Audit::now(Actor::Anonymous);
    assert!(matches!(consultations::create(&t.db, &anonymous, input).await, Err(domain::DomainError::Forbidden)));
    let after = consultations::get(&t.db, "regional-unece").await.expect("get");
    assert_eq!(after.summary.venue_city, "Geneva");
    assert_eq!(after.history.last().map(|r| r.actor_role.as_str()), Some("coordinator"));
}

#[tokio::test]
async fn two_concurrent_saves_from_the_same_version_give_one_save_and_one_conflict() {
    let t = common::seeded().await;
    let (id, version, input) = consultations::input_of(&t.db, "regional-unece").await.expect("input");
    let before = consultations::get(&t.db, "regional-unece").await.expect("get").history.len();
    let user_id = common::user(&t.db, "coordinator").await;
    let (a, b) = (Audit::now(Actor::Coordinator { user_id }), Audit::now(Actor::Coordinator { user_id }));
    let (first, second) = tokio::join!(
        consultations::update(&t.db, &a, id, version, input.with_city("Geneva")),
        consultations::update(&t.db, &b, id, version, input.with_city("Vienna")),
    );
    let outcomes = [first.expect("first answers"), second.expect("second answers")];
    let saved: Vec<_> = outcomes
        .iter()
        .filter_map(|o| match o {
            consultations::SaveOutcome::Saved(d) => Some(d.summary.venue_city.clone()),
            consultations::SaveOutcome::Conflict { .. } => None,
        })
        .collect();
    assert_eq!(saved.len(), 1, "exactly one save wins: {outcomes:?}");
    let after = consultations::get(&t.db, "regional-unece").await.expect("get");
    assert_eq!(after.summary.venue_city, saved[0], "the winner's value is stored");
    assert_eq!(after.version, version + 1);
    assert_eq!(after.history.len(), before + 1, "one revision, written with the winning save");
}

#[tokio::test]
async fn deleting_a_consultation_keeps_its_revision_and_checks_the_version() {
    let t = common::seeded().await;
    let (id, version, _) = consultations::input_of(&t.db, "regional-unece").await.expect("input");
    let user_id = common::user(&t.db, "coordinator").await;
    let coordinator = Audit::now(Actor::Coordinator { user_id });
    let stale = consultations::delete(&t.db, &coordinator, id, version - 1).await;
    assert!(matches!(stale, Err(domain::DomainError::Conflict { .. })));
    let member = Audit::now(Actor::Member { user_id, organisation_id: None });
    assert!(matches!(consultations::delete(&t.db, &member, id, version).await, Err(domain::DomainError::Forbidden)));
    consultations::delete(&t.db, &coordinator, id, version).await.expect("deleted");
    assert!(matches!(consultations::get(&t.db, "regional-unece").await, Err(domain::DomainError::NotFound(_))));
    let changes =
        domain::services::revisions::latest_timeline_changes(&t.db, chrono::Utc::now(), 1).await.expect("feed");
    assert_eq!(changes[0].action, domain::types::RevisionAction::Deleted);
    assert_eq!(changes[0].entity_id, id);
}

trait ConsultationInputExt {
    fn with_city(&self, city: &str) -> consultations::ConsultationInput;
}

impl ConsultationInputExt for consultations::ConsultationInput {
    fn with_city(&self, city: &str) -> consultations::ConsultationInput {
        consultations::ConsultationInput { venue_city: city.to_string(), ..self.clone() }
    }
}

#[tokio::test]
async fn elements_and_organisations_read_the_record() {
    let t = common::seeded().await;
    let list = elements::list(&t.db).await.expect("elements");
    assert_eq!(list.len(), 24);
    assert_eq!(list[0].letter, 'a');
    assert_eq!(list[8].thematic_session.as_ref().map(|s| s.number), Some(1));
    let i = elements::get(&t.db, ElementLetter::new('i').expect("letter"), 1).await.expect("element i");
    assert!(i.summary.organisation_count >= 5, "element (i) is addressed by several organisations");
    assert_eq!(i.organisations.len(), i.summary.organisation_count);
    // The list counts in the database (GROUP BY); each element's page counts its own demands:
    // the two agree for every element.
    for e in &list {
        let detail = elements::get(&t.db, ElementLetter::new(e.letter).expect("letter"), 1).await.expect("element");
        assert_eq!(&detail.summary, e, "element ({}) is counted alike by the list and its page", e.letter);
    }
    assert!(list.iter().any(|e| e.limit_count > 0), "some demands limit an element");
    let orgs = organisations::list(&t.db).await.expect("organisations");
    assert!(orgs.len() >= 20);
    let gcm = organisations::get(&t.db, "global-coalition-on-migration").await.expect("gcm");
    assert!(!gcm.positions.is_empty());
    assert!(gcm.positions.iter().all(|p| p.source.is_some()), "every position cites its source");
    assert!(gcm.positions.iter().flat_map(|p| &p.demands).all(|d| !d.elements.is_empty()));
    assert!(matches!(organisations::get(&t.db, "nobody").await, Err(domain::DomainError::NotFound(_))));
}

#[tokio::test]
async fn coordinators_edit_and_delete_phases_with_revisions() {
    use domain::services::phases;
    let t = common::seeded().await;
    let user_id = common::user(&t.db, "coordinator").await;
    let coordinator = Audit::now(Actor::Coordinator { user_id });
    let first = phases::list(&t.db).await.expect("phases").remove(0);
    let mut input = domain::types::PhaseInput {
        slug: first.slug.clone(),
        ordinal: first.ordinal,
        name: format!("{} (renamed)", first.name),
        span: first.span,
        note: first.note.clone(),
    };
    let saved = phases::update(&t.db, &coordinator, first.id, first.version, input.clone()).await.expect("saved");
    assert_eq!(saved.version, first.version + 1);
    let stale = phases::update(&t.db, &coordinator, first.id, first.version, input.clone()).await;
    assert!(matches!(stale, Err(domain::DomainError::Conflict { .. })));
    input.slug = phases::list(&t.db).await.expect("phases")[1].slug.clone();
    let taken = phases::update(&t.db, &coordinator, first.id, saved.version, input).await;
    assert!(matches!(taken, Err(domain::DomainError::Invalid(ref i)) if i.field == "slug"));

    let member = Audit::now(Actor::Member { user_id, organisation_id: None });
    assert!(matches!(
        phases::delete(&t.db, &member, first.id, saved.version).await,
        Err(domain::DomainError::Forbidden)
    ));
    let in_phase = consultations::list(&t.db, &Default::default())
        .await
        .expect("list")
        .into_iter()
        .filter(|c| c.phase_id == Some(first.id))
        .count();
    let before = consultations::list(&t.db, &Default::default()).await.expect("list").len();
    phases::delete(&t.db, &coordinator, first.id, saved.version).await.expect("deleted");
    let after = consultations::list(&t.db, &Default::default()).await.expect("list");
    assert_eq!(after.len(), before, "its {in_phase} consultations stay on the timeline");
    assert!(after.iter().all(|c| c.phase_id != Some(first.id)));
    let changes =
        domain::services::revisions::latest_timeline_changes(&t.db, chrono::Utc::now(), 2).await.expect("feed");
    assert_eq!(
        (changes[0].action, changes[0].entity_type),
        (domain::types::RevisionAction::Deleted, domain::types::EntityType::Phase)
    );
}
