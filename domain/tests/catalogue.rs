//! The open-data catalogue on the real database: pages that add up to the record, filters,
//! assessments draft by draft, and drafted positions kept out of every list.
mod common;

use std::collections::HashSet;

use domain::audit::{Actor, Audit};
use domain::services::users::{self, NewUser};
use domain::services::{catalogue, demands, organisations, position_editing};
use domain::types::*;
use domain::DomainError;

fn filter(q: CatalogueQuery) -> CatalogueFilter {
    q.parse().expect("a valid query")
}

#[tokio::test]
async fn pages_cover_the_record_once_and_drafts_stay_out() {
    let t = common::seeded().await;
    let db = &t.db;

    // Organisations: every one exactly once across the pages, with the same counts as the list.
    let all = organisations::list(db).await.expect("list");
    let first = catalogue::organisations(db, &filter(CatalogueQuery::default())).await.expect("page");
    assert_eq!(first.total as usize, all.len());
    assert_eq!(first.items, all.iter().take(CATALOGUE_PER_PAGE as usize).cloned().collect::<Vec<_>>());
    let europe =
        catalogue::organisations(db, &filter(CatalogueQuery { region: Some("europe".into()), ..Default::default() }))
            .await
            .expect("europe");
    assert_eq!(europe.total as usize, all.iter().filter(|o| o.region == Region::Europe).count());
    assert!(europe.items.iter().all(|o| o.region == Region::Europe));
    let beyond = catalogue::organisations(db, &filter(CatalogueQuery { page: Some("9".into()), ..Default::default() }))
        .await
        .expect("beyond the end");
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, first.total);

    // Demands: the built-in ones (the five source documents' 121, the responses to drafts'
    // 82, the follow-up and review's 22), each once; an organisation's and an element's subsets.
    let demands_page = catalogue::demands(db, &filter(CatalogueQuery::default())).await.expect("demands");
    assert_eq!(demands_page.total, 225);
    let second = catalogue::demands(db, &filter(CatalogueQuery { page: Some("2".into()), ..Default::default() }))
        .await
        .expect("page 2");
    let third = catalogue::demands(db, &filter(CatalogueQuery { page: Some("3".into()), ..Default::default() }))
        .await
        .expect("page 3");
    let slugs: HashSet<String> =
        demands_page.items.iter().chain(&second.items).chain(&third.items).map(|d| d.demand.slug.clone()).collect();
    assert_eq!(slugs.len(), 225, "three pages hold every demand once");
    let simn = "scalabrini-international-migration-network";
    let signed =
        catalogue::demands(db, &filter(CatalogueQuery { organisation: Some(simn.into()), ..Default::default() }))
            .await
            .expect("an organisation's demands");
    assert!(signed.total > 0);
    assert!(signed.items.iter().all(|d| d.organisations.iter().any(|o| o.slug == simn)));
    let on_i = catalogue::demands(db, &filter(CatalogueQuery { element: Some("i".into()), ..Default::default() }))
        .await
        .expect("element i");
    assert!(on_i.total > 0 && on_i.items.iter().all(|d| d.elements.contains(&'i')));

    // One demand in full: its ratings are the assessments listed for it, oldest draft first,
    // and what its position addresses.
    let rated = catalogue::assessments(db, &filter(CatalogueQuery::default())).await.expect("assessments");
    let slug = rated.items[0].demand.slug.clone();
    let record = catalogue::demand(db, &slug).await.expect("demand");
    assert_eq!(record.addressing.addresses, domain::types::Addresses::Negotiation);
    assert!(rated.items.iter().all(|a| a.assessment.basis == domain::types::EvidenceBasis::PublicSource));
    let listed =
        catalogue::assessments(db, &filter(CatalogueQuery { demand: Some(slug.clone()), ..Default::default() }))
            .await
            .expect("its assessments");
    assert_eq!(record.assessments.len(), listed.total as usize);
    assert!(!record.assessments.is_empty(), "the built-in demands carry by_tracker ratings");
    for (a, b) in record.assessments.iter().zip(&listed.items) {
        assert_eq!((&a.draft, &a.assessment), (&b.draft, &b.assessment));
    }
    assert!(record.assessments.windows(2).all(|w| w[0].draft.released_on <= w[1].draft.released_on));
    let agreed =
        catalogue::assessments(db, &filter(CatalogueQuery { draft: Some("agreed-text".into()), ..Default::default() }))
            .await
            .expect("on the agreed text");
    assert!(agreed.items.iter().all(|a| a.draft.slug == "agreed-text"));

    // A member's draft position and its demand appear in no list and are not found by address.
    let member = users::create(
        db,
        &Audit::now(Actor::System),
        NewUser {
            email: "member@example.org".into(),
            name: "Member".into(),
            role: Role::Member,
            organisation: Some("picum".into()),
            password: "correct horse battery staple".into(),
        },
    )
    .await
    .expect("member")
    .actor();
    let audit = Audit::now(member);
    let fields = PositionFields {
        slug: "picum-unpublished".into(),
        title: "Not yet agreed".into(),
        published: Some(DateSpan::month(2018, 3).expect("span")),
        addresses: domain::types::Addresses::Negotiation,
        addressee: String::new(),
        responds_to: None,
        summary: "Still being argued.".into(),
        source: None,
        source_locator: String::new(),
        presented_at: None,
    };
    position_editing::create_unpublished(db, &audit, "picum", fields).await.expect("draft");
    let demand = DemandFields {
        slug: "picum-unpublished-1".into(),
        text: "Something the organisation has not agreed yet.".into(),
        quote: String::new(),
        elements: vec![(ElementLetter::new('i').expect("i"), Stance::Advance)],
    };
    demands::create(db, &audit, "picum-unpublished", demand).await.expect("demand");
    let positions =
        catalogue::positions(db, &filter(CatalogueQuery { organisation: Some("picum".into()), ..Default::default() }))
            .await
            .expect("positions");
    assert!(positions.items.iter().all(|p| p.slug != "picum-unpublished" && p.status == PositionStatus::Published));
    assert!(matches!(catalogue::position(db, "picum-unpublished").await, Err(DomainError::NotFound(_))));
    assert!(matches!(catalogue::demand(db, "picum-unpublished-1").await, Err(DomainError::NotFound(_))));
    let after = catalogue::demands(db, &filter(CatalogueQuery::default())).await.expect("demands");
    assert_eq!(after.total, 225, "the drafted demand is not counted");

    // Unknown items are named.
    for q in [
        CatalogueQuery { organisation: Some("nobody".into()), ..Default::default() },
        CatalogueQuery { draft: Some("no-such-draft".into()), ..Default::default() },
        CatalogueQuery { demand: Some("no-such-demand".into()), ..Default::default() },
    ] {
        assert!(matches!(catalogue::assessments(db, &filter(q)).await, Err(DomainError::NotFound(_))));
    }
}
