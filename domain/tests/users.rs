mod common;

use domain::audit::{Actor, Audit};
use domain::services::users::{self, NewUser};
use domain::types::{InvalidReason, Role};
use domain::DomainError;

fn new_user(email: &str, role: Role, organisation: Option<&str>) -> NewUser {
    NewUser {
        email: email.to_string(),
        name: "Ana Pereira".to_string(),
        role,
        organisation: organisation.map(str::to_string),
        password: "correct horse battery staple".to_string(),
    }
}

fn invalid_reason(r: Result<users::Account, DomainError>) -> (String, InvalidReason) {
    match r {
        Err(DomainError::Invalid(i)) => (i.field, i.reason),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn accounts_are_created_with_hashed_passwords_and_sign_in() {
    let t = common::seeded().await;
    let system = Audit::now(Actor::System);
    let coordinator =
        users::create(&t.db, &system, new_user(" Ana@Example.org ", Role::Coordinator, None)).await.expect("create");
    assert_eq!(coordinator.email, "ana@example.org");
    assert_eq!(coordinator.actor(), Actor::Coordinator { user_id: coordinator.id });
    let stored = <domain::entities::user::Entity as sea_orm::EntityTrait>::find_by_id(coordinator.id);
    let row = stored.one(&t.db).await.expect("query").expect("row");
    assert!(row.password_hash.starts_with("$argon2id$"), "stored as an Argon2id hash");
    assert!(!row.password_hash.contains("horse"));

    let signed_in = users::authenticate(&t.db, "ANA@example.org", "correct horse battery staple").await.expect("auth");
    assert_eq!(signed_in.map(|a| a.id), Some(coordinator.id));
    assert_eq!(users::authenticate(&t.db, "ana@example.org", "wrong password!!").await.expect("auth"), None);
    assert_eq!(
        users::authenticate(&t.db, "nobody@example.org", "correct horse battery staple").await.expect("auth"),
        None
    );

    let member = users::create(
        &t.db,
        &Audit::now(coordinator.actor()),
        new_user("member@example.org", Role::Member, Some("global-coalition-on-migration")),
    )
    .await
    .expect("a coordinator creates a member");
    assert!(matches!(member.actor(), Actor::Member { organisation_id: Some(_), .. }));
}

#[tokio::test]
async fn bad_accounts_are_refused_with_the_field_and_reason() {
    let t = common::seeded().await;
    let system = Audit::now(Actor::System);
    users::create(&t.db, &system, new_user("ana@example.org", Role::Coordinator, None)).await.expect("first");
    let (field, reason) =
        invalid_reason(users::create(&t.db, &system, new_user("ANA@example.org", Role::Coordinator, None)).await);
    assert_eq!((field.as_str(), reason), ("email", InvalidReason::AlreadyTaken));
    let (field, _) =
        invalid_reason(users::create(&t.db, &system, new_user("not-an-email", Role::Coordinator, None)).await);
    assert_eq!(field, "email");
    let (field, reason) =
        invalid_reason(users::create(&t.db, &system, new_user("m@example.org", Role::Member, None)).await);
    assert_eq!((field.as_str(), reason), ("organisation", InvalidReason::Required));
    let (field, _) = invalid_reason(
        users::create(&t.db, &system, new_user("m@example.org", Role::Member, Some("no-such-org"))).await,
    );
    assert_eq!(field, "organisation");
    let short = NewUser { password: "short".into(), ..new_user("s@example.org", Role::Coordinator, None) };
    let (field, reason) = invalid_reason(users::create(&t.db, &system, short).await);
    assert_eq!((field.as_str(), reason), ("password", InvalidReason::TooShort { min: users::MIN_PASSWORD_CHARS }));

    for actor in [Actor::Anonymous, Actor::Member { user_id: 1, organisation_id: None }] {
        let refused =
            users::create(&t.db, &Audit::now(actor), new_user("x@example.org", Role::Coordinator, None)).await;
        assert!(matches!(refused, Err(DomainError::Forbidden)));
    }
}

#[tokio::test]
async fn a_corrupt_stored_role_is_an_error_not_a_panic() {
    use sea_orm::ConnectionTrait;
    let t = common::fresh().await;
    let id = common::user(&t.db, "member").await;
    t.db.execute_unprepared(&format!("UPDATE users SET role = 'emperor' WHERE id = {id}")).await.expect("update");
    match users::get(&t.db, id).await {
        Err(DomainError::Db(e)) => assert!(e.to_string().contains("emperor"), "the error names the value: {e}"),
        other => panic!("a stored value outside the vocabulary must be an error, got {other:?}"),
    }
}
