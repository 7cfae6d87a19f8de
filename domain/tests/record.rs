//! The record's editing on the real database: members draft positions for their own
//! organisation (private until published), coordinators publish and edit; demands carry their
//! element mappings; organisations and coalition memberships; revisions and conflicts.
mod common;

use common::builders::person;
use domain::audit::{Actor, Audit};
use domain::services::{demands, organisations, position_editing, positions, revisions};
use domain::types::*;
use domain::DomainError;

fn fields(slug: &str) -> PositionFields {
    PositionFields {
        slug: slug.into(),
        title: "Firewall now".into(),
        published: Some(DateSpan::month(2018, 3).expect("span")),
        addresses: domain::types::Addresses::Negotiation,
        addressee: String::new(),
        responds_to: None,
        summary: "Services must not report migrants.".into(),
        source: None,
        source_locator: String::new(),
        presented_at: Some("stocktaking-puerto-vallarta".into()),
    }
}

fn demand(slug: &str) -> DemandFields {
    let letter = |c| ElementLetter::new(c).expect("letter");
    DemandFields {
        slug: slug.into(),
        text: "A firewall between public services and immigration enforcement.".into(),
        quote: String::new(),
        elements: vec![(letter('i'), Stance::Advance), (letter('s'), Stance::Limit)],
    }
}

#[tokio::test]
async fn a_members_draft_stays_private_until_a_coordinator_publishes_it() {
    let t = common::seeded().await;
    let member = person(&t, "ana@example.org", Role::Member, Some("picum")).await;
    let other = person(&t, "ben@example.org", Role::Member, Some("global-coalition-on-migration")).await;
    let coordinator = person(&t, "coord@example.org", Role::Coordinator, None).await;
    let (m, o, c) = (Audit::now(member.clone()), Audit::now(other.clone()), Audit::now(coordinator.clone()));

    let refused = position_editing::create_unpublished(&t.db, &o, "picum", fields("x")).await;
    assert!(matches!(refused, Err(DomainError::Forbidden)), "only for one's own organisation");
    let anonymous =
        position_editing::create_unpublished(&t.db, &Audit::now(Actor::Anonymous), "picum", fields("x")).await;
    assert!(matches!(anonymous, Err(DomainError::Forbidden)));
    let slug =
        position_editing::create_unpublished(&t.db, &m, "picum", fields("picum-firewall-2018")).await.expect("draft");
    demands::create(&t.db, &m, &slug, demand("picum-firewall-2018-1")).await.expect("demand");

    // Invisible to the public, to other organisations, and in the organisation's public page.
    assert!(matches!(positions::page(&t.db, &Actor::Anonymous, &slug).await, Err(DomainError::NotFound(_))));
    assert!(matches!(positions::page(&t.db, &other, &slug).await, Err(DomainError::NotFound(_))));
    let public = organisations::get(&t.db, "picum").await.expect("organisation");
    assert!(public.positions.iter().all(|p| p.slug != slug));
    let own = positions::page(&t.db, &member, &slug).await.expect("its organisation sees it");
    assert_eq!(own.position.status, PositionStatus::Draft);
    assert_eq!(own.position.demands[0].elements.len(), 2);
    assert!(positions::page(&t.db, &coordinator, &slug).await.is_ok());

    // Members cannot publish; coordinators do; then members no longer edit it.
    let stored = position_editing::stored(&t.db, &slug).await.expect("stored");
    let by_member = position_editing::set_status(&t.db, &m, &slug, stored.version, PositionStatus::Published).await;
    assert!(matches!(by_member, Err(DomainError::Forbidden)));
    position_editing::set_status(&t.db, &c, &slug, stored.version, PositionStatus::Published).await.expect("published");
    let page = positions::page(&t.db, &Actor::Anonymous, &slug).await.expect("public now");
    assert_eq!(page.position.status, PositionStatus::Published);
    assert!(organisations::get(&t.db, "picum").await.expect("org").positions.iter().any(|p| p.slug == slug));
    let late = position_editing::update(&t.db, &m, &slug, stored.version + 1, fields(&slug)).await;
    assert!(matches!(late, Err(DomainError::Forbidden)), "published positions are the coalition's record");
    let history = revisions::history(&t.db, EntityType::Position, stored.id).await.expect("history");
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].changes[0].to.as_deref(), Some("published"));
}

#[tokio::test]
async fn demands_keep_their_mappings_and_refuse_stale_or_empty_edits() {
    let t = common::seeded().await;
    let coordinator = Audit::now(person(&t, "coord@example.org", Role::Coordinator, None).await);
    let slug =
        position_editing::create_unpublished(&t.db, &coordinator, "picum", fields("p-2018")).await.expect("draft");
    demands::create(&t.db, &coordinator, &slug, demand("p-2018-1")).await.expect("demand");
    let taken = demands::create(&t.db, &coordinator, &slug, demand("p-2018-1")).await;
    assert!(matches!(taken, Err(DomainError::Invalid(ref i)) if i.field == "slug"));
    let stored = demands::stored(&t.db, "p-2018-1").await.expect("stored");
    let mut changed = stored.fields.clone();
    changed.elements.retain(|(l, _)| l.as_char() == 'i');
    demands::update(&t.db, &coordinator, "p-2018-1", stored.version, changed.clone()).await.expect("saved");
    let stale = demands::update(&t.db, &coordinator, "p-2018-1", stored.version, changed).await;
    assert!(matches!(stale, Err(DomainError::Conflict { .. })));
    let after = demands::stored(&t.db, "p-2018-1").await.expect("stored");
    assert_eq!(after.fields.elements.len(), 1);
    let history = revisions::history(&t.db, EntityType::Demand, after.id).await.expect("history");
    assert_eq!(history.last().map(|r| r.changes[0].to.clone()), Some(Some("i:advance".to_string())));
    demands::delete(&t.db, &coordinator, "p-2018-1", after.version).await.expect("deleted");
    assert!(matches!(demands::stored(&t.db, "p-2018-1").await, Err(DomainError::NotFound(_))));
}

#[tokio::test]
async fn coordinators_edit_organisations_and_their_coalitions() {
    let t = common::seeded().await;
    let coordinator = Audit::now(person(&t, "coord@example.org", Role::Coordinator, None).await);
    let member = Audit::now(person(&t, "ana@example.org", Role::Member, Some("picum")).await);
    let (id, version, mut input, coalitions) = organisations::input_of(&t.db, "picum").await.expect("input");
    let gcm = organisations::choices(&t.db)
        .await
        .expect("choices")
        .into_iter()
        .find(|c| c.1 == "global-coalition-on-migration");
    let gcm = gcm.expect("the GCM").0;
    input.country = "Belgium (Brussels)".into();
    let refused = organisations::update(&t.db, &member, id, version, input.clone(), coalitions.clone()).await;
    assert!(matches!(refused, Err(DomainError::Forbidden)));
    let new_coalitions = if coalitions.contains(&gcm) { vec![] } else { vec![gcm] };
    organisations::update(&t.db, &coordinator, id, version, input.clone(), new_coalitions.clone())
        .await
        .expect("saved");
    let stale = organisations::update(&t.db, &coordinator, id, version, input.clone(), vec![]).await;
    assert!(matches!(stale, Err(DomainError::Conflict { .. })));
    let (_, new_version, saved, memberships) = organisations::input_of(&t.db, "picum").await.expect("input");
    assert_eq!((new_version, saved.country.as_str(), memberships), (version + 1, "Belgium (Brussels)", new_coalitions));
    let history = revisions::history(&t.db, EntityType::Organisation, id).await.expect("history");
    let fields: Vec<&str> = history.last().expect("revision").changes.iter().map(|c| c.field.as_str()).collect();
    assert!(fields.contains(&"country") && fields.contains(&"coalitions"), "{fields:?}");
    input.website = "javascript:alert(1)".into();
    let bad = organisations::update(&t.db, &coordinator, id, new_version, input, vec![]).await;
    assert!(matches!(bad, Err(DomainError::Invalid(ref i)) if i.field == "website"));
}
