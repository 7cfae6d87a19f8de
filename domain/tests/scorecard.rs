//! The scorecard on the real database (SQLite, and PostgreSQL when TEST_DATABASE_URL says so):
//! the score rules against an independent count, drafts entered with their text, assessments
//! with their evidence and history, the change between drafts, the gaps, the cache, and the
//! number of queries a view costs.
mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use domain::audit::{Actor, Audit};
use domain::entities::{assessment, demand, demand_element, element, organisation, position, position_signatory};
use domain::services::scorecard::{self, ScorecardCache};
use domain::services::{assessments, demands, drafts, organisations, position_editing};
use domain::types::*;
use domain::DomainError;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use common::builders::{rating as rating_fields, worklist as filter};

/// The counts per organisation on one draft, computed in the test from the rows themselves.
async fn independent_counts(
    t: &common::TestDb,
    draft_slug: &str,
) -> (HashMap<String, RatingCounts>, HashMap<char, RatingCounts>) {
    let draft = domain::entities::draft::Entity::find()
        .filter(domain::entities::draft::Column::Slug.eq(draft_slug))
        .one(&t.db)
        .await
        .expect("query")
        .expect("draft");
    let draft_id = draft.id;
    // the published positions this draft counts, by the scorecard's rule (the pure function)
    let mut published: HashMap<i32, position::Model> = HashMap::new();
    for p in position::Entity::find().filter(position::Column::Status.eq("published")).all(&t.db).await.expect("rows") {
        let addressing = domain::services::positions::addressing(&t.db, &p).await.expect("addressing");
        if addressing.scored_against(&draft.slug, draft.released_on).is_ok() {
            published.insert(p.id, p);
        }
    }
    let ratings: HashMap<i32, Rating> = assessment::Entity::find()
        .filter(assessment::Column::DraftId.eq(draft_id))
        .all(&t.db)
        .await
        .expect("assessments")
        .into_iter()
        .map(|a| (a.demand_id, a.rating))
        .collect();
    let orgs: HashMap<i32, String> =
        organisation::Entity::find().all(&t.db).await.expect("orgs").into_iter().map(|o| (o.id, o.slug)).collect();
    let letters: HashMap<i32, char> = element::Entity::find()
        .all(&t.db)
        .await
        .expect("elements")
        .into_iter()
        .map(|e| (e.id, e.letter.chars().next().expect("letter")))
        .collect();
    let signatories = position_signatory::Entity::find().all(&t.db).await.expect("signatories");
    let mappings = demand_element::Entity::find().all(&t.db).await.expect("mappings");
    let mut by_org: HashMap<String, RatingCounts> = HashMap::new();
    let mut by_element: HashMap<char, RatingCounts> = HashMap::new();
    for d in demand::Entity::find().all(&t.db).await.expect("demands") {
        if !published.contains_key(&d.position_id) {
            continue;
        }
        let r = ratings.get(&d.id).copied();
        for s in signatories.iter().filter(|s| s.position_id == d.position_id) {
            by_org.entry(orgs[&s.organisation_id].clone()).or_default().add(r, 1);
        }
        for m in mappings.iter().filter(|m| m.demand_id == d.id) {
            by_element.entry(letters[&m.element_id]).or_default().add(r, 1);
        }
    }
    (by_org, by_element)
}

#[tokio::test]
async fn the_built_in_ratings_are_the_trackers_and_not_assessed_stays_apart() {
    let t = common::seeded().await;
    let agreed = scorecard::overview(&t.db, &filter("agreed-text")).await.expect("overview");
    assert_eq!(agreed.head.draft.label, "Agreed text");
    assert_eq!(agreed.head.by_tracker, agreed.overall.assessed(), "every built-in rating is the tracker's");
    assert!(agreed.overall.score().is_some());
    // demands without a documented answer in the draft stay "not assessed", apart from the score
    assert!(agreed.overall.not_assessed > 0);
    let only_assessed = RatingCounts { not_assessed: 0, ..agreed.overall };
    assert_eq!(agreed.overall.score(), only_assessed.score());

    // the latest draft is the default, and the trend has one point per draft, each with the
    // demands that draft counts (fewer on the zero draft: later statements join later)
    let default =
        scorecard::overview(&t.db, &ScorecardFilter { page: 1, ..Default::default() }).await.expect("default");
    assert_eq!(default.head.draft, agreed.head.draft);
    assert_eq!(agreed.trend.len(), 7);
    let zero = scorecard::overview(&t.db, &filter("zero-draft")).await.expect("overview");
    assert_eq!(agreed.trend.last().map(|p| p.counts), Some(agreed.overall));
    assert_eq!(agreed.trend.first().map(|p| p.counts), Some(zero.overall));
    assert!(zero.overall.demands() < agreed.overall.demands());
    for pair in agreed.trend.windows(2) {
        assert!(pair[0].counts.demands() <= pair[1].counts.demands(), "a later draft counts every earlier demand");
    }

    let unknown = scorecard::overview(&t.db, &filter("revision-9")).await;
    assert!(matches!(unknown, Err(DomainError::NotFound(domain::types::EntityType::Draft))));
}

#[tokio::test]
async fn every_view_gives_the_numbers_an_independent_count_gives() {
    let t = common::seeded().await;
    let (by_org, by_element) = independent_counts(&t, "revision-1").await;
    let view = scorecard::overview(&t.db, &filter("revision-1")).await.expect("overview");
    for e in &view.elements {
        assert_eq!(e.counts, by_element.get(&e.letter).copied().unwrap_or_default(), "element ({})", e.letter);
    }
    assert_eq!(view.organisations.total as usize, by_org.len());
    let mut pages = Vec::new();
    for page in 1..=view.organisations.pages() {
        let f = ScorecardFilter { page, ..filter("revision-1") };
        pages.extend(scorecard::overview(&t.db, &f).await.expect("page").organisations.items);
    }
    assert_eq!(pages.len(), by_org.len());
    for o in &pages {
        assert_eq!(Some(&o.counts), by_org.get(&o.slug), "{}", o.slug);
    }
    // the matrix's cells add up, per organisation, to at least its total (a demand may map to
    // several elements), and each cell is the organisation's demands on that element
    let matrix = scorecard::matrix(&t.db, &filter("revision-1")).await.expect("matrix");
    assert_eq!(matrix.elements.len(), 24);
    for row in &matrix.rows.items {
        let drill = scorecard::demands(
            &t.db,
            &ScorecardFilter { organisation: Some(row.organisation.slug.clone()), ..filter("revision-1") },
        )
        .await
        .expect("drill-down");
        assert_eq!(drill.counts, row.organisation.counts);
        for (e, cell) in matrix.elements.iter().zip(&row.cells) {
            if let Some(cell) = cell {
                let f = ScorecardFilter {
                    organisation: Some(row.organisation.slug.clone()),
                    element: ElementLetter::new(e.letter),
                    ..filter("revision-1")
                };
                let behind = scorecard::demands(&t.db, &f).await.expect("cell");
                assert_eq!(behind.counts, *cell, "{} ({})", row.organisation.slug, e.letter);
                assert_eq!(behind.demands.items.len() as u32, cell.demands());
                assert!(behind.demands.items.iter().all(|d| d.elements.contains(&e.letter)));
            }
        }
    }
    // filters narrow the organisations
    let africa = scorecard::matrix(&t.db, &ScorecardFilter { region: Some(Region::Africa), ..filter("revision-1") })
        .await
        .expect("filtered");
    assert!(africa.rows.items.iter().all(|r| r.organisation.region == Region::Africa));
    assert!(africa.rows.total < matrix.rows.total);
}

#[tokio::test]
async fn rating_a_demand_moves_the_scores_it_counts_in_and_keeps_its_history() {
    let t = common::seeded().await;
    let c = common::coordinator(&t).await;
    let cache = ScorecardCache::default();
    let f = filter("agreed-text");
    let before = cache.get_or_compute("overview".into(), || scorecard::overview(&t.db, &f)).await.expect("view");
    let again = cache.get_or_compute("overview".into(), || scorecard::overview(&t.db, &f)).await.expect("view");
    assert!(Arc::ptr_eq(&before, &again), "unchanged data is not recomputed");

    let org = "scalabrini-international-migration-network";
    let org_before = scorecard::organisation_ratings(&t.db, org).await.expect("ratings");
    let target = org_before
        .demands
        .iter()
        .find(|d| matches!(d.ratings.last(), Some(Some(r)) if *r != Rating::Met))
        .expect("a demand rated on the agreed text, not met");
    let slug = target.demand.slug.clone();
    let current = assessments::get(&t.db, "agreed-text", &slug).await.expect("get").expect("rated");
    let (saved, topics) = domain::services::changes::collecting(assessments::assess(
        &t.db,
        &c,
        "agreed-text",
        &slug,
        current.version,
        rating_fields(Rating::Met, "objective-15", "Provide access to basic services for migrants"),
        false,
    ))
    .await;
    let saved = saved.expect("re-rated");
    assert!(!saved.by_tracker, "a coordinator's rating is no longer by_tracker");
    // the rating names what it changed: its draft's scores (the latest draft's), the trend,
    // its position and signatories' pages; not the timeline
    for topic in
        ["scores:agreed-text", "scores:latest", "trend", "organisation:scalabrini-international-migration-network"]
    {
        assert!(topics.iter().any(|t| t == topic), "{topic} in {topics:?}");
    }
    assert!(!topics.iter().any(|t| t == "timeline" || t == "record"), "{topics:?}");
    // the server forgets the scorecard's views when a change names the scores
    cache.clear();

    let after = cache.get_or_compute("overview".into(), || scorecard::overview(&t.db, &f)).await.expect("view");
    assert!(!Arc::ptr_eq(&before, &after), "a change is visible on the next request");
    let (b, a) = (before.overall.score().expect("score"), after.overall.score().expect("score"));
    assert!(a.value() > b.value(), "{} -> {}", b.value(), a.value());
    assert_eq!(after.overall.met, before.overall.met + 1);
    let org_after = scorecard::organisation_ratings(&t.db, org).await.expect("ratings");
    let last = |r: &OrganisationRatings| r.trend.last().and_then(|p| p.counts.score()).map(|s| s.value());
    assert!(last(&org_after) > last(&org_before));

    let history = assessments::history(&t.db, "agreed-text", &slug).await.expect("history");
    assert_eq!(history.len(), 2, "created by the seed, then changed");
    assert!(history[1].changes.iter().any(|ch| ch.field == "rating" && ch.to.as_deref() == Some("met")));

    // a stale save is a conflict and changes nothing
    let stale = assessments::assess(
        &t.db,
        &c,
        "agreed-text",
        &slug,
        current.version,
        rating_fields(Rating::Contradicted, "objective-15", "Provide access"),
        false,
    )
    .await;
    assert!(matches!(stale, Err(DomainError::Conflict { .. })));
    assert_eq!(assessments::get(&t.db, "agreed-text", &slug).await.expect("get").map(|a| a.rating), Some(Rating::Met));
}

#[tokio::test]
async fn assessments_need_evidence_a_known_section_a_published_demand_and_a_coordinator() {
    let t = common::seeded().await;
    let c = common::coordinator(&t).await;
    let demand = "coalition-faq-no-return-deals";
    let before = assessments::get(&t.db, "agreed-text", demand).await.expect("get").expect("rated");
    let try_with = |fields: AssessmentFields, audit: Audit| {
        let db = t.db.clone();
        async move { assessments::assess(&db, &audit, "agreed-text", demand, before.version, fields, false).await }
    };
    let no_evidence = try_with(rating_fields(Rating::Met, "", ""), c.clone()).await;
    assert!(matches!(&no_evidence, Err(DomainError::Invalid(e)) if e.field == "section"), "{no_evidence:?}");
    let no_quote = try_with(rating_fields(Rating::Met, "objective-21", " "), c.clone()).await;
    assert!(matches!(&no_quote, Err(DomainError::Invalid(e)) if e.field == "quote"));
    let unknown = try_with(rating_fields(Rating::Met, "objective-40", "x"), c.clone()).await;
    assert!(
        matches!(&unknown, Err(DomainError::Invalid(e)) if e.reason == InvalidReason::UnknownSection("objective-40".into()))
    );
    let member = Audit::now(Actor::Member { user_id: 99, organisation_id: None });
    assert!(matches!(
        try_with(rating_fields(Rating::Met, "objective-21", "x"), member).await,
        Err(DomainError::Forbidden)
    ));
    let public = Audit::now(Actor::Anonymous);
    assert!(matches!(
        try_with(rating_fields(Rating::Met, "objective-21", "x"), public).await,
        Err(DomainError::Forbidden)
    ));
    let unknown_draft =
        assessments::assess(&t.db, &c, "revision-9", demand, 0, rating_fields(Rating::Met, "objective-21", "x"), false)
            .await;
    assert!(matches!(unknown_draft, Err(DomainError::NotFound(domain::types::EntityType::Draft))));
    assert_eq!(
        assessments::get(&t.db, "agreed-text", demand).await.expect("get"),
        Some(before.clone()),
        "nothing saved"
    );

    // a demand of an unpublished position cannot be rated
    let org = organisation::Entity::find().filter(organisation::Column::Slug.eq("picum")).one(&t.db).await.expect("q");
    assert!(org.is_some());
    let fields = PositionFields {
        slug: "picum-draft-2018".into(),
        title: "A draft".into(),
        published: Some(DateSpan::month(2018, 3).expect("span")),
        addresses: domain::types::Addresses::Negotiation,
        addressee: String::new(),
        responds_to: None,
        summary: String::new(),
        source: None,
        source_locator: String::new(),
        presented_at: None,
    };
    let position = position_editing::create_unpublished(&t.db, &c, "picum", fields).await.expect("draft position");
    let demand_fields = DemandFields {
        slug: "picum-draft-2018-1".into(),
        text: "Firewalls.".into(),
        quote: String::new(),
        elements: vec![(ElementLetter::new('i').expect("i"), Stance::Advance)],
    };
    demands::create(&t.db, &c, &position, demand_fields).await.expect("demand");
    let unpublished = assessments::assess(
        &t.db,
        &c,
        "revision-2",
        "picum-draft-2018-1",
        0,
        rating_fields(Rating::Met, "objective-15", "basic services"),
        false,
    )
    .await;
    assert!(
        matches!(&unpublished, Err(DomainError::Invalid(e)) if e.reason == InvalidReason::NotPublished),
        "{unpublished:?}"
    );
    assert_eq!(assessments::get(&t.db, "revision-2", "picum-draft-2018-1").await.expect("get"), None);
}

const TEXT: &str = "\
# Revision 4

## Objectives

Objective 1: Collect and utilize accurate and disaggregated data

17. We commit to strengthen the global evidence base on international migration.

Objective 2: Minimize the adverse drivers

18. We commit to create conducive political, economic, social and environmental conditions.
";

fn draft_fields(slug: &str, text: &str) -> DraftFields {
    DraftFields {
        slug: slug.into(),
        label: "Revision 4".into(),
        released_on: common::date(2018, 7, 20),
        objective_count: None,
        source_url: "https://example.org/rev4".into(),
        note: String::new(),
        format: TextFormat::Markdown,
        text: text.into(),
    }
}

#[tokio::test]
async fn a_draft_is_entered_with_its_text_split_into_numbered_sections() {
    let t = common::seeded().await;
    let c = common::coordinator(&t).await;
    let member = Audit::now(Actor::Member { user_id: 5, organisation_id: None });
    assert!(matches!(drafts::create(&t.db, &member, draft_fields("rev-4", TEXT)).await, Err(DomainError::Forbidden)));

    // bad texts: named, nothing saved
    let none = drafts::create(&t.db, &c, draft_fields("rev-4", "Just prose, no numbers.")).await;
    assert!(
        matches!(&none, Err(DomainError::Invalid(e)) if e.field == "text" && e.reason == InvalidReason::NoSections)
    );
    let twice = drafts::create(&t.db, &c, draft_fields("rev-4", "Objective 1: A\n17. x\nObjective 1: B")).await;
    assert!(
        matches!(&twice, Err(DomainError::Invalid(e)) if e.reason == InvalidReason::DuplicateSection { section: "objective-1".into(), first_line: 1, line: 3 }),
        "{twice:?}"
    );
    assert!(!drafts::exists(&t.db, "rev-4").await.expect("q"), "nothing partially saved");

    let slug = drafts::create(&t.db, &c, draft_fields("rev-4", TEXT)).await.expect("created");
    let d = drafts::get(&t.db, &slug).await.expect("draft");
    assert!(d.has_full_text);
    assert_eq!(d.objective_count, Some(2));
    let keys: Vec<String> = d.sections.iter().filter_map(|s| s.key.clone()).collect();
    assert_eq!(keys, ["objective-1", "paragraph-17", "objective-2", "paragraph-18"]);
    let p18 = d.sections.iter().find(|s| s.key.as_deref() == Some("paragraph-18")).expect("18");
    assert_eq!(p18.parent.as_deref(), Some("objective-2"));

    // a demand can now be rated citing a paragraph of it
    assessments::assess(
        &t.db,
        &c,
        &slug,
        "coalition-faq-no-return-deals",
        0,
        rating_fields(Rating::NotAddressed, "paragraph-18", "conducive political conditions"),
        false,
    )
    .await
    .expect("rated");

    // replacing the text needs the version read; a stale one is a conflict
    let replaced = format!("{TEXT}\nObjective 3: Provide accurate and timely information\n");
    drafts::update(&t.db, &c, &slug, d.version, draft_fields(&slug, &replaced)).await.expect("updated");
    let stale = drafts::update(&t.db, &c, &slug, d.version, draft_fields(&slug, TEXT)).await;
    assert!(matches!(stale, Err(DomainError::Conflict { .. })));
    let d2 = drafts::get(&t.db, &slug).await.expect("draft");
    assert_eq!(d2.objective_count, Some(3));
    assert_eq!(drafts::text(&t.db, &slug).await.expect("text").map(|(_, t)| t), Some(replaced));
}

#[tokio::test]
async fn comparing_two_drafts_names_what_changed_and_the_demands_that_moved() {
    let t = common::seeded().await;
    let c = common::coordinator(&t).await;
    // In the built-in data, the zero draft holds objectives 1-22 and the agreed text 1-23.
    let cmp =
        scorecard::change(&t.db, &common::builders::comparing("zero-draft", "agreed-text")).await.expect("change");
    // the built-in record moves both ways from the zero draft to the agreed text, and demands
    // rated on one of the two only (or counted by one only) are not comparable
    assert!(cmp.overall.regressed > 0 && cmp.overall.improved > 0, "{:?}", cmp.overall);
    assert!(cmp.overall.not_comparable > 0);
    let before = cmp.overall;
    let before_s = cmp.elements.iter().find(|e| e.letter == 's').map(|e| e.movements.regressed).unwrap_or(0);

    let zero =
        assessments::get(&t.db, "zero-draft", "coalition-faq-no-return-deals").await.expect("get").expect("rated");
    assessments::assess(
        &t.db,
        &c,
        "zero-draft",
        "coalition-faq-no-return-deals",
        zero.version,
        rating_fields(Rating::Met, "objective-21", "safe and dignified return"),
        false,
    )
    .await
    .expect("re-rated");
    let cmp =
        scorecard::change(&t.db, &common::builders::comparing("zero-draft", "agreed-text")).await.expect("change");
    assert_eq!(cmp.overall.regressed, before.regressed + 1);
    let moved = cmp.regressed.iter().find(|d| d.demand.slug == "coalition-faq-no-return-deals").expect("listed");
    assert_eq!((moved.from, moved.to), (Rating::Met, Rating::Contradicted));
    assert!(moved.organisations.iter().any(|o| o.slug == "global-coalition-on-migration"));
    let s = cmp.elements.iter().find(|e| e.letter == 's').expect("element s");
    assert_eq!(s.movements.regressed, before_s + 1);
    let coalition = cmp.organisations.items.iter().find(|o| o.organisation.slug == "global-coalition-on-migration");
    assert_eq!(coalition.map(|o| o.movements.regressed), Some(1));

    let unknown =
        scorecard::change(&t.db, &ScorecardFilter { from: Some("nope".into()), page: 1, ..Default::default() }).await;
    assert!(matches!(unknown, Err(DomainError::NotFound(domain::types::EntityType::Draft))));
}

#[tokio::test]
async fn gaps_name_uncovered_elements_unmapped_and_never_assessed_demands() {
    let t = common::seeded().await;
    let gaps = scorecard::gaps(&t.db, &filter("agreed-text")).await.expect("gaps");
    let mapped: std::collections::HashSet<i32> =
        demand_element::Entity::find().all(&t.db).await.expect("mappings").into_iter().map(|m| m.element_id).collect();
    let letters: HashMap<i32, char> = element::Entity::find()
        .all(&t.db)
        .await
        .expect("elements")
        .into_iter()
        .map(|e| (e.id, e.letter.chars().next().expect("letter")))
        .collect();
    let uncovered: Vec<char> = gaps.uncovered_elements.iter().map(|e| e.letter).collect();
    let mut expected: Vec<char> = letters.iter().filter(|(id, _)| !mapped.contains(id)).map(|(_, l)| *l).collect();
    expected.sort_unstable();
    assert_eq!(uncovered, expected);
    assert_eq!(gaps.unmapped_total, 0, "every built-in demand maps to an element");
    // never assessed: demands addressing the negotiation with no rating on any draft
    let rated: std::collections::HashSet<i32> =
        assessment::Entity::find().all(&t.db).await.expect("rows").into_iter().map(|a| a.demand_id).collect();
    let negotiation: std::collections::HashSet<i32> = position::Entity::find()
        .filter(position::Column::Addresses.eq("negotiation"))
        .filter(position::Column::Status.eq("published"))
        .all(&t.db)
        .await
        .expect("rows")
        .into_iter()
        .map(|p| p.id)
        .collect();
    let never = demand::Entity::find()
        .all(&t.db)
        .await
        .expect("demands")
        .into_iter()
        .filter(|d| negotiation.contains(&d.position_id) && !rated.contains(&d.id))
        .count();
    assert_eq!(gaps.never_assessed_total as usize, never);
    let agreed = scorecard::overview(&t.db, &filter("agreed-text")).await.expect("overview");
    assert_eq!(gaps.not_assessed_here, agreed.overall.not_assessed);
    let zero = scorecard::gaps(&t.db, &filter("zero-draft")).await.expect("gaps");
    assert!(zero.not_assessed_here > 0);
}

/// Adds `n` organisations, each with a published position of two demands.
async fn grow(t: &common::TestDb, c: &Audit, n: usize) {
    for i in 0..n {
        let slug = format!("grown-{i}");
        organisations::create(
            &t.db,
            c,
            OrganisationInput {
                slug: slug.clone(),
                name: format!("Grown organisation {i}"),
                acronym: String::new(),
                kind: OrganisationKind::Ngo,
                country: String::new(),
                region: Region::Europe,
                website: String::new(),
                description: String::new(),
            },
        )
        .await
        .expect("organisation");
        let position = position_editing::create_unpublished(
            &t.db,
            c,
            &slug,
            PositionFields {
                slug: format!("{slug}-asks"),
                title: "Asks".into(),
                published: Some(DateSpan::month(2018, 3).expect("span")),
                addresses: domain::types::Addresses::Negotiation,
                addressee: String::new(),
                responds_to: None,
                summary: String::new(),
                source: None,
                source_locator: String::new(),
                presented_at: None,
            },
        )
        .await
        .expect("position");
        for k in 0..2 {
            let letter = ElementLetter::new(['a', 'i'][k]).expect("letter");
            demands::create(
                &t.db,
                c,
                &position,
                DemandFields {
                    slug: format!("{slug}-{k}"),
                    text: "An ask.".into(),
                    quote: String::new(),
                    elements: vec![(letter, Stance::Advance)],
                },
            )
            .await
            .expect("demand");
        }
        let version = position_editing::stored(&t.db, &position).await.expect("stored").version;
        position_editing::set_status(&t.db, c, &position, version, PositionStatus::Published).await.expect("published");
    }
}

#[tokio::test]
async fn a_view_costs_the_same_number_of_queries_whatever_the_number_of_organisations() {
    let mut t = common::seeded().await;
    let c = common::coordinator(&t).await;
    let queries = Arc::new(AtomicUsize::new(0));
    let counter = queries.clone();
    t.db.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let cost = || {
        let db = t.db.clone();
        let queries = queries.clone();
        async move {
            let mut costs = Vec::new();
            for view in 0..4 {
                queries.store(0, Ordering::SeqCst);
                let f = filter("agreed-text");
                match view {
                    0 => drop(scorecard::overview(&db, &f).await.expect("overview")),
                    1 => drop(scorecard::matrix(&db, &f).await.expect("matrix")),
                    2 => drop(scorecard::gaps(&db, &f).await.expect("gaps")),
                    _ => drop(
                        scorecard::change(&db, &ScorecardFilter { from: Some("zero-draft".into()), ..f })
                            .await
                            .expect("change"),
                    ),
                }
                costs.push(queries.load(Ordering::SeqCst));
            }
            costs
        }
    };
    let small = cost().await;
    grow(&t, &c, 60).await;
    let large = cost().await;
    assert_eq!(small[..3], large[..3], "queries per view (overview, matrix, gaps) with 60 more organisations");
    // the change's lists of moved demands step through the positions in record order, a
    // hundred first and twice as many each further step, until a page is full: a record
    // past a hundred positions may take a step more per list (two or three queries each),
    // a record a thousand times larger about ten more, never a query per demand
    assert!(large[3] <= small[3] + 6, "the change with 60 more organisations: {small:?} then {large:?}");
    assert!(small[..3].iter().all(|n| *n <= 20) && small[3] <= 24, "{small:?}");
}
