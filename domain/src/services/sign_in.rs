//! Signing in: checks the password and limits failed attempts per account and per address,
//! counted in the database so the limit holds across server instances.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};

use super::users::{self, Account};
use crate::entities::login_failure;
use crate::error::DomainResult;

/// Failed attempts allowed per account within [`WINDOW_MINUTES`].
pub const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
/// Failed attempts allowed per network address within [`WINDOW_MINUTES`].
pub const MAX_FAILURES_PER_ADDRESS: u64 = 20;
pub const WINDOW_MINUTES: i64 = 15;

/// Why a sign-in did not succeed. Deliberately does not say whether the account exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Unknown email, wrong password, or a disabled account: one answer for all three.
    WrongCredentials,
    /// Too many failures lately for this account or this address.
    TooManyAttempts,
}

fn account_key(email: &str) -> String {
    format!("account:{}", email.trim().to_lowercase())
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

async fn failures(db: &DatabaseConnection, key: &str, since: DateTime<Utc>) -> DomainResult<u64> {
    Ok(login_failure::Entity::find()
        .filter(login_failure::Column::Key.eq(key))
        .filter(login_failure::Column::FailedAt.gt(since))
        .count(db)
        .await?)
}

async fn record_failure(db: &DatabaseConnection, key: String, at: DateTime<Utc>) -> DomainResult<()> {
    login_failure::Entity::insert(login_failure::ActiveModel {
        key: Set(key),
        failed_at: Set(at),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// Checks `email` and `password` for a sign-in from `address` at `now`.
pub async fn sign_in(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
    address: &str,
    now: DateTime<Utc>,
) -> DomainResult<Result<Account, Refusal>> {
    let since = now - Duration::minutes(WINDOW_MINUTES);
    let (by_account, by_address) = (account_key(email), address_key(address));
    if failures(db, &by_account, since).await? >= MAX_FAILURES_PER_ACCOUNT
        || failures(db, &by_address, since).await? >= MAX_FAILURES_PER_ADDRESS
    {
        return Ok(Err(Refusal::TooManyAttempts));
    }
    match users::authenticate(db, email, password).await? {
        Some(account) => {
            login_failure::Entity::delete_many().filter(login_failure::Column::Key.eq(&by_account)).exec(db).await?;
            Ok(Ok(account))
        }
        None => {
            record_failure(db, by_account, now).await?;
            record_failure(db, by_address, now).await?;
            Ok(Err(Refusal::WrongCredentials))
        }
    }
}

/// Forgets failures older than the window (housekeeping; the counts ignore them anyway).
pub async fn prune(db: &DatabaseConnection, now: DateTime<Utc>) -> DomainResult<u64> {
    let before = now - Duration::minutes(WINDOW_MINUTES);
    Ok(login_failure::Entity::delete_many()
        .filter(login_failure::Column::FailedAt.lte(before))
        .exec(db)
        .await?
        .rows_affected)
}
