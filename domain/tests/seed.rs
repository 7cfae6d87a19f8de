mod common;

use domain::entities::{demand, demand_element, element, organisation, phase, revision};
use domain::seed;
use sea_orm::{EntityTrait, PaginatorTrait};

async fn counts(db: &sea_orm::DatabaseConnection) -> [u64; 5] {
    [
        phase::Entity::find().count(db).await.expect("count"),
        element::Entity::find().count(db).await.expect("count"),
        organisation::Entity::find().count(db).await.expect("count"),
        demand::Entity::find().count(db).await.expect("count"),
        revision::Entity::find().count(db).await.expect("count"),
    ]
}

#[tokio::test]
async fn the_seed_loads_the_reference_and_civil_society_data() {
    let t = common::fresh().await;
    assert!(seed::is_empty(&t.db).await.expect("query"));
    let report = seed::run(&t.db).await.expect("seed");
    assert!(report.created > 100, "created {report:?}");
    let [phases, elements, orgs, demands, _] = counts(&t.db).await;
    assert_eq!(phases, 10, "the five phases of the negotiation and five of the follow-up and review");
    assert_eq!(elements, 24);
    assert!(orgs >= 20, "{orgs} organisations");
    assert!(demands >= 80, "{demands} demands");
    // every demand is mapped to at least one element
    let mapped: std::collections::HashSet<i32> =
        demand_element::Entity::find().all(&t.db).await.expect("mappings").into_iter().map(|m| m.demand_id).collect();
    assert_eq!(mapped.len() as u64, demands, "every demand maps to an element");
}

#[tokio::test]
async fn the_seed_is_idempotent_and_reset_starts_over() {
    let t = common::seeded().await;
    let before = counts(&t.db).await;
    let again = seed::run(&t.db).await.expect("second seed");
    assert_eq!(again.created, 0, "a second run creates nothing");
    assert_eq!(counts(&t.db).await, before, "a second run changes no count");
    seed::reset(&t.db).await.expect("reset");
    assert_eq!(counts(&t.db).await, [0, 0, 0, 0, 0]);
    seed::run(&t.db).await.expect("seed after reset");
    assert_eq!(counts(&t.db).await, before, "reset then seed gives the same record");
}
