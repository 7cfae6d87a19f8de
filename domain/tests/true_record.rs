//! The true record, on the real database (SQLite, and PostgreSQL when TEST_DATABASE_URL says
//! so): the scorecard's rule (a draft counts a demand only when its position addresses the
//! negotiation and was made no later than the draft's release, or responds to that draft),
//! refused ratings with their reason, the views' counts under the rule, the drafts as they
//! were with the changes documented between them, and the follow-up and review.
mod common;

use std::collections::{HashMap, HashSet};

use domain::audit::{Actor, Audit};
use domain::entities::{assessment, demand, draft, position};
use domain::services::scorecard;
use domain::services::{assessments, draft_changes, drafts, position_editing, positions, timeline};
use domain::types::*;
use domain::DomainError;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use common::builders::worklist as on;

fn fields(rating: Rating, section: &str) -> AssessmentFields {
    common::builders::rating(rating, section, "work to end the practice of child detention")
}

/// Every published position's addressing, by id, read through the pure rule's own type.
async fn addressing(t: &common::TestDb) -> HashMap<i32, Addressing> {
    let mut out = HashMap::new();
    for p in position::Entity::find().filter(position::Column::Status.eq("published")).all(&t.db).await.expect("rows") {
        out.insert(p.id, positions::addressing(&t.db, &p).await.expect("addressing"));
    }
    out
}

#[tokio::test]
async fn no_built_in_rating_rates_a_demand_against_a_draft_released_before_it_was_made() {
    let t = common::seeded().await;
    let addressing = addressing(&t).await;
    let drafts: HashMap<i32, draft::Model> =
        draft::Entity::find().all(&t.db).await.expect("drafts").into_iter().map(|d| (d.id, d)).collect();
    let demands: HashMap<i32, demand::Model> =
        demand::Entity::find().all(&t.db).await.expect("demands").into_iter().map(|d| (d.id, d)).collect();
    let rows = assessment::Entity::find().all(&t.db).await.expect("assessments");
    assert!(rows.len() >= 100, "{} built-in ratings", rows.len());
    let mut rated_drafts = HashSet::new();
    for a in &rows {
        let d = &drafts[&a.draft_id];
        let made = &addressing[&demands[&a.demand_id].position_id];
        assert_eq!(made.scored_against(&d.slug, d.released_on), Ok(()), "{} on {}", demands[&a.demand_id].slug, d.slug);
        assert!(a.by_tracker, "every built-in rating is labelled as the tracker's");
        assert!(a.source_url.starts_with("http"), "every built-in rating cites the source of the draft's wording");
        assert!(!a.section_ref.is_empty());
        rated_drafts.insert(a.draft_id);
    }
    assert_eq!(rated_drafts.len(), drafts.len(), "every draft carries ratings");
    // the record holds positions that are never scored: the follow-up and other addressees
    let kinds: HashSet<Addresses> = addressing.values().map(|a| a.addresses).collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
}

#[tokio::test]
async fn each_view_counts_exactly_the_demands_the_rule_gives_each_draft() {
    let t = common::seeded().await;
    let addressing = addressing(&t).await;
    let demands = demand::Entity::find().all(&t.db).await.expect("demands");
    for d in drafts::list(&t.db).await.expect("drafts") {
        let counted = demands
            .iter()
            .filter(|x| {
                addressing.get(&x.position_id).is_some_and(|a| a.scored_against(&d.slug, d.released_on).is_ok())
            })
            .count() as u32;
        let view = scorecard::overview(&t.db, &on(&d.slug)).await.expect("overview");
        assert_eq!(view.overall.demands(), counted, "{}: the overview counts the rule's demands", d.slug);
        let point = view.trend.iter().find(|p| p.draft.slug == d.slug).expect("trend point");
        assert_eq!(point.counts, view.overall, "{}: the trend agrees with the draft's own scorecard", d.slug);
        let gaps = scorecard::gaps(&t.db, &on(&d.slug)).await.expect("gaps");
        assert_eq!(gaps.not_assessed_here, view.overall.not_assessed);
        let listed = scorecard::demands(&t.db, &on(&d.slug)).await.expect("demands");
        assert_eq!(listed.counts, view.overall, "{}: the drill-down agrees", d.slug);
    }
    // the zero draft counts fewer demands than the agreed text: later positions join later
    let zero = scorecard::overview(&t.db, &on("zero-draft")).await.expect("zero");
    let agreed = scorecard::overview(&t.db, &on("agreed-text")).await.expect("agreed");
    assert!(zero.overall.demands() < agreed.overall.demands());
    assert!(zero.overall.demands() > 0);
}

#[tokio::test]
async fn the_coalitions_score_moves_between_drafts_with_reasons_to_follow() {
    let t = common::seeded().await;
    let agreed = scorecard::overview(&t.db, &on("agreed-text")).await.expect("overview");
    let scores: Vec<i64> =
        agreed.trend.iter().filter_map(|p| p.counts.score()).map(|s| (s.value() * 1000.0).round() as i64).collect();
    let distinct: HashSet<i64> = scores.iter().copied().collect();
    assert!(distinct.len() >= 4, "the score differs between at least four drafts: {scores:?}");
    // the change from the zero draft to the agreed text shows movement both ways
    let change =
        scorecard::change(&t.db, &common::builders::comparing("zero-draft", "agreed-text")).await.expect("change");
    assert!(!change.regressed.is_empty(), "demands regressed from the zero draft to the agreed text");
    // every rating behind the agreed text's scorecard carries its section and its source
    let behind = scorecard::demands(&t.db, &on("agreed-text")).await.expect("demands");
    for d in behind.demands.items.iter().filter_map(|d| d.assessment.as_ref()) {
        assert_eq!(d.basis, EvidenceBasis::PublicSource);
        assert!(!d.section.is_empty() && d.source_url.starts_with("http"));
    }
}

#[tokio::test]
async fn a_rating_the_rule_forbids_is_refused_with_its_reason_and_saves_nothing() {
    let t = common::seeded().await;
    let c = common::coordinator(&t).await;
    let before = assessment::Entity::find().all(&t.db).await.expect("rows").len();
    // a statement of 5 June 2018 responding to Revision 2, rated against the zero draft
    let early = assessments::assess(
        &t.db,
        &c,
        "zero-draft",
        "simn-rev2-child-detention-asap",
        0,
        fields(Rating::PartlyMet, "objective-13"),
        false,
    )
    .await;
    match early {
        Err(DomainError::Invalid(e)) => {
            assert_eq!(e.field, "draft");
            assert!(
                matches!(e.reason, InvalidReason::NotScored(NotScored::MadeAfter { released, .. }) if released == common::date(2018, 2, 5)),
                "{:?}",
                e.reason
            );
        }
        other => panic!("refused, got {other:?}"),
    }
    // but against the draft it responds to, it is accepted (its rating exists or is saved)
    let current = assessments::get(&t.db, "revision-2", "simn-rev2-child-detention-asap").await.expect("get");
    let version = current.map(|a| a.version).unwrap_or(0);
    assessments::assess(
        &t.db,
        &c,
        "revision-2",
        "simn-rev2-child-detention-asap",
        version,
        fields(Rating::PartlyMet, "objective-13"),
        false,
    )
    .await
    .expect("a response is rated against the draft it responds to");

    // a position addressing the follow-up and review is never rated against a draft
    let follow_up = assessments::assess(
        &t.db,
        &c,
        "agreed-text",
        "simn-pd-measurable-goals",
        0,
        fields(Rating::Met, "objective-23"),
        false,
    )
    .await;
    assert!(
        matches!(&follow_up, Err(DomainError::Invalid(e)) if e.reason == InvalidReason::NotScored(NotScored::FollowUp)),
        "{follow_up:?}"
    );
    // nor one addressed to a government
    let other = assessments::assess(
        &t.db,
        &c,
        "agreed-text",
        "uscri-credible-fear-custody",
        0,
        fields(Rating::Met, "objective-13"),
        false,
    )
    .await;
    assert!(
        matches!(&other, Err(DomainError::Invalid(e)) if matches!(e.reason, InvalidReason::NotScored(NotScored::OtherAddressee { .. }))),
        "{other:?}"
    );
    // where the draft's text is not held, the public source of its wording is required
    let no_source = assessments::assess(
        &t.db,
        &c,
        "revision-3",
        "simn-rev2-child-detention-asap",
        assessments::get(&t.db, "revision-3", "simn-rev2-child-detention-asap")
            .await
            .expect("get")
            .map_or(0, |a| a.version),
        AssessmentFields { source_url: String::new(), ..fields(Rating::Met, "objective-13") },
        false,
    )
    .await;
    assert!(matches!(&no_source, Err(DomainError::Invalid(e)) if e.field == "source_url"), "{no_source:?}");
    assert_eq!(assessment::Entity::find().all(&t.db).await.expect("rows").len(), before, "nothing refused was saved");
}

#[tokio::test]
async fn changing_what_a_position_addresses_moves_its_demands_in_and_out_of_the_scorecard() {
    let t = common::seeded().await;
    let c = common::coordinator(&t).await;
    let slug = "simn-rev2-round-5";
    let stored = position_editing::stored(&t.db, slug).await.expect("stored");
    assert_eq!(stored.fields.responds_to.as_deref(), Some("revision-2"));
    let counted = |v: &ScorecardOverview| v.overall.demands();
    let before = scorecard::overview(&t.db, &on("agreed-text")).await.expect("overview");
    let mut context = stored.fields.clone();
    context.addresses = Addresses::Other;
    context.addressee = "Member States at the fifth round".into();
    // a position addressing someone else responds to no draft: refused while it says it does
    let refused = position_editing::update(&t.db, &c, slug, stored.version, context.clone()).await;
    assert!(matches!(&refused, Err(DomainError::Invalid(e)) if e.field == "responds_to"), "{refused:?}");
    context.responds_to = None;
    position_editing::update(&t.db, &c, slug, stored.version, context).await.expect("saved");
    let after = scorecard::overview(&t.db, &on("agreed-text")).await.expect("overview");
    let demands =
        domain::services::positions::page(&t.db, &Actor::System, slug).await.expect("page").position.demands.len();
    assert_eq!(counted(&after) + demands as u32, counted(&before), "its demands left the scorecard");
    // dated after a draft it says it responds to: refused with the draft's release
    let again = position_editing::stored(&t.db, slug).await.expect("stored");
    let mut wrong = again.fields.clone();
    wrong.addresses = Addresses::Negotiation;
    wrong.addressee = String::new();
    wrong.responds_to = Some("agreed-text".into());
    let refused = position_editing::update(&t.db, &c, slug, again.version, wrong).await;
    assert!(
        matches!(&refused, Err(DomainError::Invalid(e)) if matches!(e.reason, InvalidReason::BeforeRelease { .. })),
        "{refused:?}"
    );
    // back to what it was: the same counts as before
    let mut back = again.fields.clone();
    back.addresses = Addresses::Negotiation;
    back.addressee = String::new();
    back.responds_to = Some("revision-2".into());
    position_editing::update(&t.db, &c, slug, again.version, back).await.expect("restored");
    let restored = scorecard::overview(&t.db, &on("agreed-text")).await.expect("overview");
    assert_eq!(restored.overall, before.overall);
}

#[tokio::test]
async fn comparing_the_zero_draft_with_the_agreed_text_lists_what_is_known_to_have_changed() {
    let t = common::seeded().await;
    let cmp = drafts::compare(&t.db, Some("zero-draft"), Some("agreed-text")).await.expect("compare");
    assert!(cmp.documented.len() >= 25, "{} documented changes", cmp.documented.len());
    assert!(cmp.documented.iter().all(|c| c.source_url.starts_with("http") && !c.summary.is_empty()));
    assert!(cmp.documented.iter().any(|c| c.draft.slug == "revision-2" && c.section == "objective-13"));
    // the word-level comparison: objective 23 added, objective 21's title reworded, and what
    // the zero draft's known sections do not show is "not held", not "added"
    assert_eq!(cmp.tally.added, 1, "{:?}", cmp.tally);
    assert!(cmp.tally.reworded >= 1, "{:?}", cmp.tally);
    assert!(cmp.tally.not_held > 0);
    assert!(cmp.sections.iter().any(|s| s.number == "21" && s.change == SectionChange::Reworded));
    // two neighbouring drafts list only what was first documented in the later one
    let step = drafts::compare(&t.db, Some("revision-1"), Some("revision-2")).await.expect("compare");
    assert!(!step.documented.is_empty());
    assert!(step.documented.iter().all(|c| c.draft.slug == "revision-2"));
    // backwards lists nothing
    let back = drafts::compare(&t.db, Some("agreed-text"), Some("zero-draft")).await.expect("compare");
    assert!(back.documented.is_empty());
    // earlier drafts keep their own titles, not the final ones
    let zero = drafts::get(&t.db, "zero-draft").await.expect("zero");
    let o21 = zero.sections.iter().find(|s| s.key.as_deref() == Some("objective-21")).expect("objective 21");
    assert!(o21.heading.contains("dignified and sustainable return"), "{}", o21.heading);
    assert!(!o21.source_url.is_empty());
    assert!(zero.sections.iter().filter(|s| s.kind == SectionKind::Objective).count() == 22);
    let untitled = zero.sections.iter().filter(|s| s.kind == SectionKind::Objective && s.heading.is_empty()).count();
    assert!(untitled >= 20, "titles not known stay unknown ({untitled})");
}

#[tokio::test]
async fn a_coordinator_records_and_removes_a_documented_change() {
    let t = common::seeded().await;
    let c = common::coordinator(&t).await;
    let member = Audit::now(Actor::Member { user_id: 999, organisation_id: None });
    let change = DraftChangeFields {
        earlier: Some("revision-1".into()),
        section: "objective-7".into(),
        locator: "Objective 7".into(),
        summary: "A test change".into(),
        before: String::new(),
        after: String::new(),
        source_url: "https://example.org/x".into(),
    };
    let refused = draft_changes::create(&t.db, &member, "revision-2", change.clone()).await;
    assert!(matches!(refused, Err(DomainError::Forbidden)));
    let bad_section = DraftChangeFields { section: "objective-99".into(), ..change.clone() };
    assert!(draft_changes::create(&t.db, &c, "revision-2", bad_section).await.is_err());
    let later_earlier = DraftChangeFields { earlier: Some("agreed-text".into()), ..change.clone() };
    let refused = draft_changes::create(&t.db, &c, "revision-2", later_earlier).await;
    assert!(matches!(&refused, Err(DomainError::Invalid(e)) if e.field == "earlier"), "{refused:?}");
    let before = drafts::get(&t.db, "revision-2").await.expect("draft").changes.len();
    let id = draft_changes::create(&t.db, &c, "revision-2", change).await.expect("recorded");
    let detail = drafts::get(&t.db, "revision-2").await.expect("draft");
    assert_eq!(detail.changes.len(), before + 1);
    let cmp = drafts::compare(&t.db, Some("revision-1"), Some("revision-2")).await.expect("compare");
    assert!(cmp.documented.iter().any(|x| x.id == id));
    let stale = draft_changes::delete(&t.db, &c, id, 7).await;
    assert!(matches!(stale, Err(DomainError::Conflict { .. })));
    draft_changes::delete(&t.db, &c, id, 1).await.expect("removed");
    assert_eq!(drafts::get(&t.db, "revision-2").await.expect("draft").changes.len(), before);
}

#[tokio::test]
async fn the_follow_up_and_review_is_on_the_timeline_and_its_positions_outside_the_drafts_scorecard() {
    let t = common::seeded().await;
    let view = timeline::timeline(&t.db, TimelineFilter::default()).await.expect("timeline");
    let slugs: Vec<String> = view.phases.iter().flat_map(|p| p.consultations.iter().map(|c| c.slug.clone())).collect();
    for s in ["regional-review-africa", "imrf-2022", "progress-declaration-endorsement", "imrf-2026"] {
        assert!(slugs.iter().any(|x| x == s), "{s} on the timeline");
    }
    // the organisation of a follow-up position shows it, saying why it is not scored
    let org =
        domain::services::organisations::get(&t.db, "civil-society-action-committee").await.expect("organisation");
    let follow = org.positions.iter().find(|p| p.addresses == Addresses::FollowUp).expect("a follow-up position");
    assert!(follow.addressing().scored_against("agreed-text", common::date(2018, 7, 13)).is_err());
    // and the drafts' scorecard does not count its demands
    let behind = scorecard::demands(
        &t.db,
        &ScorecardFilter { organisation: Some("civil-society-action-committee".into()), ..on("agreed-text") },
    )
    .await
    .expect("demands");
    assert!(behind.demands.items.iter().all(|d| d.demand.position_addresses == Addresses::Negotiation));
    assert!(behind.demands.items.iter().all(|d| d.demand.position_slug != follow.slug));
}

#[tokio::test]
async fn the_coalition_is_spelled_out_and_undated_items_keep_no_date() {
    let t = common::seeded().await;
    for o in domain::services::organisations::list(&t.db).await.expect("organisations") {
        assert_ne!(o.acronym, "GCM", "{}: the compact's acronym is not the coalition's", o.slug);
    }
    let undated =
        position::Entity::find().filter(position::Column::PublishedOn.is_null()).all(&t.db).await.expect("rows");
    assert!(!undated.is_empty(), "undated statements are kept undated");
    assert!(undated.iter().all(|p| p.latest_on.is_none() && p.date_precision.is_empty()));
}
