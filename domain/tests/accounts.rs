//! Sign-in limits, password changes, role changes, invitations and session records, on the
//! real database (SQLite, and PostgreSQL when TEST_DATABASE_URL says so).
mod common;

use chrono::{Duration, Utc};
use domain::audit::{Actor, Audit};
use domain::services::invitations::{self, NewInvitation};
use domain::services::sign_in::{self, Refusal, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS};
use domain::services::users::{self, AccountChange, NewUser};
use domain::services::{organisations, sessions};
use domain::types::{InvalidReason, Role};
use domain::DomainError;

const PASSWORD: &str = "correct horse battery staple";

async fn account(t: &common::TestDb, email: &str, role: Role) -> users::Account {
    let organisation = match role {
        Role::Member => Some(organisations::list(&t.db).await.expect("organisations")[0].slug.clone()),
        Role::Coordinator => None,
    };
    let input = NewUser { email: email.into(), name: "Test".into(), role, organisation, password: PASSWORD.into() };
    users::create(&t.db, &Audit::now(Actor::System), input).await.expect("account")
}

fn reason<T: std::fmt::Debug>(r: Result<T, DomainError>) -> (String, InvalidReason) {
    match r {
        Err(DomainError::Invalid(i)) => (i.field, i.reason),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_account_and_per_address() {
    let t = common::seeded().await;
    account(&t, "ana@example.org", Role::Coordinator).await;
    let now = Utc::now();
    for _ in 0..MAX_FAILURES_PER_ACCOUNT {
        let r = sign_in::sign_in(&t.db, "ana@example.org", "wrong password!", "10.0.0.1", now).await.expect("db");
        assert_eq!(r.err(), Some(Refusal::WrongCredentials));
    }
    // Even the right password is refused while the account is locked, from any address.
    let locked = sign_in::sign_in(&t.db, "ana@example.org", PASSWORD, "10.0.0.2", now).await.expect("db");
    assert_eq!(locked.err(), Some(Refusal::TooManyAttempts));
    // After the window, the right password works again.
    let later = now + Duration::minutes(sign_in::WINDOW_MINUTES + 1);
    let ok = sign_in::sign_in(&t.db, "ana@example.org", PASSWORD, "10.0.0.2", later).await.expect("db");
    assert!(ok.is_ok());

    // One address trying many accounts is stopped too; unknown accounts answer like wrong passwords.
    for i in 0..MAX_FAILURES_PER_ADDRESS {
        let email = format!("nobody{i}@example.org");
        let r = sign_in::sign_in(&t.db, &email, "whatever password", "10.0.0.9", now).await.expect("db");
        assert_eq!(r.err(), Some(Refusal::WrongCredentials));
    }
    let r = sign_in::sign_in(&t.db, "ana@example.org", PASSWORD, "10.0.0.9", now + Duration::minutes(1)).await;
    assert_eq!(r.expect("db").err(), Some(Refusal::TooManyAttempts));
}

#[tokio::test]
async fn a_password_change_needs_the_current_one_and_changes_the_session_stamp() {
    let t = common::seeded().await;
    let ana = account(&t, "ana@example.org", Role::Member).await;
    let audit = Audit::now(ana.actor());
    let wrong =
        users::change_password(&t.db, &audit, "not my password", "a new long passphrase", "a new long passphrase");
    assert_eq!(reason(wrong.await), ("current_password".into(), InvalidReason::WrongPassword));
    let short = users::change_password(&t.db, &audit, PASSWORD, "short", "short").await;
    assert_eq!(reason(short), ("new_password".into(), InvalidReason::TooShort { min: 12 }));
    let differ = users::change_password(&t.db, &audit, PASSWORD, "a new long passphrase", "another long one!");
    assert_eq!(reason(differ.await), ("confirmation".into(), InvalidReason::Mismatch));
    let changed = users::change_password(&t.db, &audit, PASSWORD, "a new long passphrase", "a new long passphrase")
        .await
        .expect("changed");
    assert_ne!(changed.session_stamp, ana.session_stamp, "old sessions no longer match");
    assert!(users::authenticate(&t.db, "ana@example.org", PASSWORD).await.expect("db").is_none());
    assert!(users::authenticate(&t.db, "ana@example.org", "a new long passphrase").await.expect("db").is_some());
    let anonymous = users::change_password(&t.db, &Audit::now(Actor::Anonymous), PASSWORD, "x", "x").await;
    assert!(matches!(anonymous, Err(DomainError::Forbidden)));
}

#[tokio::test]
async fn coordinators_change_roles_and_disable_accounts() {
    let t = common::seeded().await;
    let coordinator = account(&t, "coord@example.org", Role::Coordinator).await;
    let member = account(&t, "member@example.org", Role::Member).await;
    let audit = Audit::now(coordinator.actor());
    let promote = AccountChange { role: Role::Coordinator, organisation_id: None, disabled: false };
    let promoted = users::change_account(&t.db, &audit, member.id, member.version, promote.clone()).await.expect("ok");
    assert_eq!(promoted.role, Role::Coordinator);
    assert_eq!(promoted.organisation_id, None);
    // A stale version is a conflict, not a silent overwrite.
    let stale = users::change_account(&t.db, &audit, member.id, member.version, promote.clone()).await;
    assert!(matches!(stale, Err(DomainError::Conflict { .. })));
    let disable = AccountChange { role: Role::Coordinator, organisation_id: None, disabled: true };
    let disabled = users::change_account(&t.db, &audit, member.id, promoted.version, disable.clone()).await;
    assert!(disabled.expect("disabled").disabled);
    assert!(users::active(&t.db, member.id).await.expect("db").is_none(), "a disabled account has no session");
    assert!(users::authenticate(&t.db, "member@example.org", PASSWORD).await.expect("db").is_none());
    // Nobody locks themselves out, and members cannot manage accounts.
    let myself = users::change_account(&t.db, &audit, coordinator.id, coordinator.version, disable).await;
    assert!(matches!(myself, Err(DomainError::Invalid(_))));
    let member_audit = Audit::now(Actor::Member { user_id: 99, organisation_id: Some(1) });
    let by_member = users::change_account(&t.db, &member_audit, coordinator.id, coordinator.version, promote);
    assert!(matches!(by_member.await, Err(DomainError::Forbidden)));
}

#[tokio::test]
async fn an_invitation_sets_a_password_once_and_expires() {
    let t = common::seeded().await;
    let coordinator = account(&t, "coord@example.org", Role::Coordinator).await;
    let audit = Audit::now(coordinator.actor());
    let org = organisations::list(&t.db).await.expect("organisations")[0].slug.clone();
    let invite = |email: &str| NewInvitation {
        email: email.into(),
        name: "Invitee".into(),
        role: Role::Member,
        organisation: Some(org.clone()),
    };
    let issued = invitations::create(&t.db, &audit, invite("new@example.org")).await.expect("invited");
    assert_eq!(issued.token.len(), 64);
    let now = Utc::now();
    assert!(invitations::is_open(&t.db, &issued.token, now).await.expect("db"));
    let mismatch = invitations::accept(&t.db, &issued.token, PASSWORD, "something else entirely", now).await;
    assert_eq!(reason(mismatch), ("confirmation".into(), InvalidReason::Mismatch));
    let created = invitations::accept(&t.db, &issued.token, PASSWORD, PASSWORD, now).await.expect("accepted");
    assert_eq!((created.email.as_str(), created.role), ("new@example.org", Role::Member));
    assert!(created.organisation_id.is_some());
    let again = invitations::accept(&t.db, &issued.token, PASSWORD, PASSWORD, now).await;
    assert_eq!(reason(again), ("token".into(), InvalidReason::Expired), "a link works once");

    let late = invitations::create(&t.db, &audit, invite("late@example.org")).await.expect("invited");
    let after = now + Duration::days(invitations::VALID_DAYS) + Duration::minutes(1);
    assert!(!invitations::is_open(&t.db, &late.token, after).await.expect("db"));
    let expired = invitations::accept(&t.db, &late.token, PASSWORD, PASSWORD, after).await;
    assert_eq!(reason(expired), ("token".into(), InvalidReason::Expired));
    assert!(users::authenticate(&t.db, "late@example.org", PASSWORD).await.expect("db").is_none());
    let unknown = invitations::accept(&t.db, "not-a-token", PASSWORD, PASSWORD, now).await;
    assert_eq!(reason(unknown), ("token".into(), InvalidReason::Expired), "same answer as an expired link");

    let taken = invitations::create(&t.db, &audit, invite("coord@example.org")).await;
    assert_eq!(reason(taken), ("email".into(), InvalidReason::AlreadyTaken));
    let by_member = invitations::create(&t.db, &Audit::now(created.actor()), invite("x@example.org")).await;
    assert!(matches!(by_member, Err(DomainError::Forbidden)));
    let listed = invitations::list(&t.db, &Audit::now(coordinator.actor())).await.expect("list");
    assert_eq!(listed.len(), 2);
}

#[tokio::test]
async fn session_records_expire() {
    let t = common::fresh().await;
    let now = Utc::now();
    sessions::save(&t.db, "abc", "{\"k\":1}", now + Duration::hours(1)).await.expect("save");
    assert_eq!(sessions::load(&t.db, "abc", now).await.expect("load").map(|s| s.0).as_deref(), Some("{\"k\":1}"));
    sessions::save(&t.db, "abc", "{\"k\":2}", now + Duration::hours(2)).await.expect("replace");
    assert_eq!(sessions::load(&t.db, "abc", now).await.expect("load").map(|s| s.0).as_deref(), Some("{\"k\":2}"));
    assert_eq!(sessions::load(&t.db, "abc", now + Duration::hours(3)).await.expect("load"), None);

    // A request moves the expiry forward; the row is rewritten only when it moved far enough
    // (or the data changed), so page views are not database writes.
    let expiry = |s: Option<(String, chrono::DateTime<Utc>)>| s.expect("session").1.timestamp();
    let stored = expiry(sessions::load(&t.db, "abc", now).await.expect("load"));
    let nudged = now + Duration::hours(2) + Duration::minutes(1);
    sessions::save(&t.db, "abc", "{\"k\":2}", nudged).await.expect("touch");
    assert_eq!(expiry(sessions::load(&t.db, "abc", now).await.expect("load")), stored, "a small move is not written");
    let moved = now + Duration::hours(2) + sessions::TOUCH_INTERVAL + Duration::minutes(1);
    sessions::save(&t.db, "abc", "{\"k\":2}", moved).await.expect("touch");
    assert_eq!(expiry(sessions::load(&t.db, "abc", now).await.expect("load")), moved.timestamp(), "a larger one is");
    sessions::save(&t.db, "abc", "{\"k\":3}", moved).await.expect("change");
    assert_eq!(sessions::load(&t.db, "abc", now).await.expect("load").map(|s| s.0).as_deref(), Some("{\"k\":3}"));
    assert_eq!(sessions::delete_expired(&t.db, now + Duration::hours(3)).await.expect("prune"), 1);
    assert!(!sessions::exists(&t.db, "abc").await.expect("exists"));
}
