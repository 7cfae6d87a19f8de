//! The scorecard's counts are kept with every write that moves a score, and a check made
//! from the rows finds no difference: after the seed, after each kind of write, after
//! concurrent writes, after an import and after a synthetic load.
mod common;

use domain::audit::Audit;
use domain::services::{assessments, demands, drafts, position_editing, scorecard, tallies};
use domain::types::{AssessmentFields, DraftFields, PositionStatus, Rating, ScorecardFilter, TextFormat};

use common::builders::worklist as on;

fn fields(rating: Rating, section: &str) -> AssessmentFields {
    common::builders::rating(rating, section, "a few words of the draft")
}

/// A section the draft has (ratings cite one).
async fn section(t: &common::TestDb, draft: &str) -> String {
    let id = drafts::id_of(&t.db, draft).await.expect("draft");
    let mut keys: Vec<String> = drafts::section_keys(&t.db, id).await.expect("sections").into_iter().collect();
    keys.sort();
    keys.into_iter().next().expect("a known section")
}

async fn assert_true(t: &common::TestDb, after: &str) {
    let problems = tallies::check(&t.db).await.expect("the check runs");
    assert!(problems.is_empty(), "after {after} on {}: {problems:#?}", t.backend);
}

/// Demands the draft counts and nobody rated yet (slugs).
async fn pending(t: &common::TestDb, c: &Audit, draft: &str) -> Vec<String> {
    let list = assessments::worklist(&t.db, c, draft, &on(draft)).await.expect("worklist");
    list.items.items.iter().map(|i| i.demand.slug.clone()).collect()
}

#[tokio::test]
async fn every_kind_of_write_keeps_the_counts_equal_to_the_rows() {
    let t = common::seeded().await;
    assert_true(&t, "the seed").await;
    let c = common::coordinator(&t).await;
    let overall = |draft: &'static str| {
        let db = t.db.clone();
        async move { scorecard::overview(&db, &on(draft)).await.expect("overview").overall }
    };

    // a new rating: one demand leaves "not assessed"
    let before = overall("revision-3").await;
    let demand = pending(&t, &c, "revision-3").await.into_iter().next().expect("a demand to rate");
    let cite = section(&t, "revision-3").await;
    assessments::assess(&t.db, &c, "revision-3", &demand, 0, fields(Rating::PartlyMet, &cite), false)
        .await
        .expect("rated");
    let after = overall("revision-3").await;
    assert_eq!(after.not_assessed + 1, before.not_assessed);
    assert_eq!(after.partly_met, before.partly_met + 1);
    assert_true(&t, "a rating").await;

    // the same rating changed: it moves from one count to another
    assessments::assess(&t.db, &c, "revision-3", &demand, 1, fields(Rating::Contradicted, &cite), false)
        .await
        .expect("re-rated");
    let again = overall("revision-3").await;
    assert_eq!((again.partly_met, again.contradicted), (before.partly_met, before.contradicted + 1));
    assert_true(&t, "a changed rating").await;

    // the demand mapped to other elements
    let stored = demands::stored(&t.db, &demand).await.expect("stored demand");
    let mut mapped = stored.fields.clone();
    mapped.elements.reverse();
    mapped.elements.truncate(1);
    demands::update(&t.db, &c, &demand, stored.version, mapped).await.expect("remapped");
    assert_true(&t, "a demand's elements changed").await;

    // its position withdrawn, then published again: the counts leave and come back
    let position = stored.position_slug.clone();
    let p = position_editing::stored(&t.db, &position).await.expect("position");
    position_editing::set_status(&t.db, &c, &position, p.version, PositionStatus::Draft).await.expect("withdrawn");
    let withdrawn = overall("revision-3").await;
    assert!(withdrawn.demands() < again.demands(), "its demands left the scorecard");
    assert_true(&t, "a position withdrawn").await;
    let p = position_editing::stored(&t.db, &position).await.expect("position");
    position_editing::set_status(&t.db, &c, &position, p.version, PositionStatus::Published).await.expect("published");
    assert_eq!(overall("revision-3").await, again);
    assert_true(&t, "a position published").await;

    // a new draft counts every demand it may as not assessed; its release moved, again
    let draft = DraftFields {
        slug: "revision-4".into(),
        label: "Revision 4".into(),
        released_on: common::date(2018, 7, 20),
        objective_count: None,
        source_url: "https://example.org/rev4".into(),
        note: String::new(),
        format: TextFormat::Markdown,
        text: String::new(),
    };
    drafts::create(&t.db, &c, draft.clone()).await.expect("a new draft");
    let fresh = overall("revision-4").await;
    assert!(fresh.demands() > 0 && fresh.not_assessed == fresh.demands(), "{fresh:?}");
    assert_true(&t, "a new draft").await;
    let moved = DraftFields { released_on: common::date(2017, 1, 1), ..draft };
    let version = drafts::get(&t.db, "revision-4").await.expect("draft").version;
    drafts::update(&t.db, &c, "revision-4", version, moved).await.expect("release moved");
    assert!(overall("revision-4").await.demands() < fresh.demands(), "fewer positions predate it");
    assert_true(&t, "a draft's release moved").await;

    // a demand deleted
    let stored = demands::stored(&t.db, &demand).await.expect("stored demand");
    demands::delete(&t.db, &c, &demand, stored.version).await.expect("deleted");
    assert_true(&t, "a demand deleted").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_ratings_and_publications_lose_no_count() {
    let t = common::seeded().await;
    let c = common::coordinator(&t).await;
    let slugs = pending(&t, &c, "agreed-text").await;
    assert!(slugs.len() >= 12, "enough demands to rate at once");
    let cite = section(&t, "agreed-text").await;
    let mut tasks = Vec::new();
    for (i, slug) in slugs.into_iter().take(12).enumerate() {
        let (db, c, cite) = (t.db.clone(), c.clone(), cite.clone());
        tasks.push(tokio::spawn(async move {
            let rating = Rating::ALL[i % Rating::ALL.len()];
            assessments::assess(&db, &c, "agreed-text", &slug, 0, fields(rating, &cite), false).await.map(|_| ())
        }));
    }
    // meanwhile a position is withdrawn and published again
    let position = "simn-rev2-round-5";
    let (db, c2) = (t.db.clone(), c.clone());
    tasks.push(tokio::spawn(async move {
        for status in [PositionStatus::Draft, PositionStatus::Published] {
            let p = position_editing::stored(&db, position).await?;
            position_editing::set_status(&db, &c2, position, p.version, status).await?;
        }
        Ok(())
    }));
    for task in tasks {
        task.await.expect("the task ran").expect("the write succeeded");
    }
    assert_true(&t, "concurrent writes").await;
}

#[tokio::test]
async fn an_import_counts_its_rows_and_a_synthetic_load_too() {
    let source = common::seeded().await;
    let mut bytes = Vec::new();
    domain::backup::export(&source.db, &mut bytes).await.expect("export");
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("record.jsonl");
    std::fs::write(&path, &bytes).expect("write the export");
    let target = common::fresh().await;
    domain::backup::import(&target.db, &path).await.expect("import");
    assert_true(&target, "an import").await;
    let view = |db: sea_orm::DatabaseConnection| async move {
        scorecard::overview(&db, &ScorecardFilter { page: 1, ..Default::default() }).await.expect("overview")
    };
    let (a, b) = (view(source.db.clone()).await, view(target.db.clone()).await);
    assert_eq!((a.overall, a.elements, a.trend), (b.overall, b.elements, b.trend));

    domain::synthetic::generate(&target.db, domain::synthetic::Scale { organisations: 40, seed: 7 })
        .await
        .expect("a synthetic record");
    assert_true(&target, "a synthetic load").await;
}

#[tokio::test]
async fn the_check_finds_a_count_that_differs_from_the_rows() {
    use sea_orm::{ConnectionTrait, Statement};
    let t = common::seeded().await;
    let backend = t.db.get_database_backend();
    t.db.execute_raw(Statement::from_string(
        backend,
        "UPDATE score_tallies SET met = met + 1 WHERE organisation_id = 0 AND element_id = 0".to_string(),
    ))
    .await
    .expect("tamper");
    let problems = tallies::check(&t.db).await.expect("the check runs");
    assert!(!problems.is_empty() && problems.iter().all(|p| p.contains("element 0")), "{problems:#?}");
}

/// Lists read a page at a time by stepping through the positions in record order: every page
/// full but the last, no demand twice, as many in all as the counts say, on a record of more
/// positions than the first step takes.
#[tokio::test]
async fn lists_in_record_order_give_every_demand_once_across_pages() {
    let t = common::seeded().await;
    domain::synthetic::generate(&t.db, domain::synthetic::Scale { organisations: 60, seed: 11 })
        .await
        .expect("a synthetic record");
    let draft = scorecard::overview(&t.db, &ScorecardFilter { page: 1, ..Default::default() })
        .await
        .expect("overview")
        .head
        .draft
        .slug
        .clone();

    let mut seen = std::collections::BTreeSet::new();
    let mut page = 1;
    let total = loop {
        let view = scorecard::demands(&t.db, &ScorecardFilter { page, ..on(&draft) }).await.expect("drill-down");
        let n = view.demands.items.len();
        for d in &view.demands.items {
            assert!(seen.insert(d.demand.slug.clone()), "{} listed twice (page {page})", d.demand.slug);
        }
        if page < view.demands.pages() {
            assert_eq!(n, domain::types::DEMANDS_PER_PAGE as usize, "page {page} is full");
            page += 1;
        } else {
            break view.demands.total;
        }
    };
    assert!(page > 1, "the record has several pages");
    assert_eq!(seen.len(), total as usize, "every counted demand listed once");

    let first = scorecard::change(&t.db, &ScorecardFilter { page: 1, ..Default::default() }).await.expect("change");
    let backwards =
        ScorecardFilter { from: Some(first.to.slug.clone()), to: Some(first.from.slug.clone()), ..Default::default() };
    let mut lists = Vec::new();
    for (filter, way, total) in [
        (ScorecardFilter::default(), "improved", first.overall.improved),
        (ScorecardFilter::default(), "regressed", first.overall.regressed),
        (backwards.clone(), "improved", first.overall.regressed),
        (backwards, "regressed", first.overall.improved),
    ] {
        let mut seen = Vec::new();
        for moved_page in 1..=(total as usize).div_ceil(domain::types::MOVED_PER_PAGE).max(1) {
            let view =
                scorecard::change(&t.db, &ScorecardFilter { page: 1, moved_page: moved_page as u32, ..filter.clone() })
                    .await
                    .expect("change");
            let list = if way == "improved" { &view.improved } else { &view.regressed };
            for m in list {
                assert!(!seen.contains(&m.demand.slug), "{way}: {} listed twice", m.demand.slug);
                assert_ne!(m.from.half_points(), m.to.half_points(), "{way}: {} did not move", m.demand.slug);
                assert_eq!(m.to.half_points() > m.from.half_points(), way == "improved", "{}", m.demand.slug);
                seen.push(m.demand.slug.clone());
            }
        }
        assert_eq!(seen.len(), total as usize, "every {way} demand listed once");
        lists.push(seen);
    }
    // from the latest draft back to the first, what improved regressed, in the same order
    assert!(!lists[0].is_empty() && !lists[1].is_empty());
    assert_eq!(lists[0], lists[3]);
    assert_eq!(lists[1], lists[2]);
}
