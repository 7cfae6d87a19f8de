//! The synthetic record for benchmarks, on the real database: its proportions, its
//! determinism, and that the product reads it like any other record.
mod common;

use domain::services::{catalogue, scorecard};
use domain::synthetic::{generate, Scale};
use domain::types::{CatalogueQuery, ScorecardQuery};

#[tokio::test]
async fn a_synthetic_record_has_the_promised_proportions_and_is_the_same_for_the_same_seed() {
    let a = common::seeded().await;
    let b = common::seeded().await;
    let scale = Scale { organisations: 40, seed: 7 };
    // built-in demands the catalogue lists but no draft's scorecard counts (the follow-up and
    // review, other addressees, later statements)
    let all_drafts = ScorecardQuery::default().parse().expect("query");
    let listed = catalogue::demands(&a.db, &CatalogueQuery::default().parse().expect("query")).await.expect("demands");
    let counted = scorecard::overview(&a.db, &all_drafts).await.expect("overview").overall.demands();
    let outside = listed.total - counted;
    let first = generate(&a.db, scale).await.expect("generated");
    let second = generate(&b.db, scale).await.expect("generated again");
    assert_eq!(
        (first.positions, first.demands, first.mappings, first.assessments, first.comments),
        (second.positions, second.demands, second.mappings, second.assessments, second.comments),
        "the same seed gives the same record"
    );
    assert_eq!((first.organisations, first.positions, first.consultations), (40, 80, 200));
    let per_org = first.demands as f64 / 40.0;
    assert!((18.0..=24.0).contains(&per_org), "about 20 demands per organisation, got {per_org}");
    let per_demand = first.mappings as f64 / first.demands as f64;
    assert!((2.0..=3.0).contains(&per_demand), "1 to 4 elements a demand (2.5 on average), got {per_demand}");
    let per_demand = first.assessments as f64 / first.demands as f64;
    assert!(per_demand > 6.0, "nearly every demand rated on the 7 drafts, got {per_demand}");
    let comments = first.comments as f64 / first.positions as f64;
    assert!((8.0..=12.0).contains(&comments), "about 10 comments a position, got {comments}");

    // The product reads it: the scorecard and the catalogue count the new demands.
    let overview =
        scorecard::overview(&a.db, &ScorecardQuery::default().parse().expect("query")).await.expect("overview");
    assert!(overview.overall.demands() as usize > first.demands * 9 / 10, "published synthetic demands are counted");
    let page = catalogue::demands(&a.db, &CatalogueQuery::default().parse().expect("query")).await.expect("demands");
    assert_eq!(page.total as u64, (overview.overall.demands() + outside) as u64, "every synthetic demand is scored");

    // A second run into the same database is refused and adds nothing.
    assert!(generate(&a.db, scale).await.is_err());
    let again = catalogue::demands(&a.db, &CatalogueQuery::default().parse().expect("query")).await.expect("demands");
    assert_eq!(again.total, page.total);

    // Ordinary writes still get fresh ids afterwards (PostgreSQL's sequences moved past the
    // generated rows).
    let audit = domain::audit::Audit::now(domain::audit::Actor::System);
    let input = domain::services::users::NewUser {
        email: "after-the-generator@example.org".into(),
        name: "After".into(),
        role: domain::types::Role::Coordinator,
        organisation: None,
        password: "correct horse battery staple".into(),
    };
    domain::services::users::create(&a.db, &audit, input).await.expect("a new account after the generator");
}

#[tokio::test]
async fn an_elements_organisations_come_a_page_at_a_time_each_once_with_all_their_demands() {
    use domain::services::elements::{self, ORGANISATIONS_PER_PAGE};
    use domain::types::ElementLetter;
    let t = common::seeded().await;
    generate(&t.db, Scale { organisations: 120, seed: 3 }).await.expect("generated");
    let letter = ElementLetter::new('i').expect("letter");
    let first = elements::get(&t.db, letter, 1).await.expect("page 1");
    let total = first.summary.organisation_count;
    assert!(total > ORGANISATIONS_PER_PAGE as usize, "enough organisations for several pages: {total}");
    assert_eq!(first.organisations.len(), ORGANISATIONS_PER_PAGE as usize);
    let mut names = Vec::new();
    let mut demands = std::collections::HashSet::new();
    for page in 1..=first.pages() {
        let detail = elements::get(&t.db, letter, page).await.expect("page");
        assert_eq!(detail.summary, first.summary, "every page carries the same counts");
        for o in &detail.organisations {
            assert!(!o.demands.is_empty(), "{} is listed with its demands", o.organisation.name);
            names.push(o.organisation.name.clone());
            demands.extend(o.demands.iter().map(|d| d.slug.clone()));
        }
    }
    assert_eq!(names.len(), total, "the pages list every organisation");
    // (In the database's collation order, which differs between SQLite and PostgreSQL.)
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), total, "each once");
    assert_eq!(demands.len(), first.summary.demand_count, "every demand mapped to the element is shown");
    let beyond = elements::get(&t.db, letter, first.pages() + 1).await.expect("beyond the last page");
    assert!(beyond.organisations.is_empty());
}
