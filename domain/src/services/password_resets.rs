//! Password reset by email: a person who forgot their password asks for a link; the link
//! carries a random one-time token (only its SHA-256 is stored), works for an hour, and sets a
//! new password once. Asking never says whether an account exists: the answer and the work are
//! the same either way, and the email goes out only for an enabled account. Setting the new
//! password changes the account's session stamp, which ends every session it had.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::tokens::{new_token, token_hash};
use super::users::{self, check_password};
use crate::entities::{password_reset, user};
use crate::error::{DomainError, DomainResult};
use crate::types::{Invalid, InvalidReason};

/// How long a reset link works.
pub const VALID_MINUTES: i64 = 60;

/// The person a reset link is for, and the link's token (to be emailed, never stored).
#[derive(Debug, Clone)]
pub struct Issued {
    pub email: String,
    pub name: String,
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// Records a reset for the enabled account of `email`, if there is one, and returns what the
/// email needs; `None` otherwise. Call it inside the transaction that also queues the email.
pub async fn request<C: ConnectionTrait>(db: &C, email: &str, now: DateTime<Utc>) -> DomainResult<Option<Issued>> {
    let token = new_token();
    let Ok(email) = users::normalise_email(email) else { return Ok(None) };
    let found = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(db).await?;
    let Some(account) = found.filter(|u| !u.disabled) else { return Ok(None) };
    let expires_at = now + Duration::minutes(VALID_MINUTES);
    password_reset::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(account.id),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Some(Issued { email: account.email, name: account.name, token, expires_at }))
}

/// Asks for a reset link for `email`: when an enabled account uses it, records the reset and
/// queues the email `compose` writes for it, in one transaction. The outcome is the same
/// either way, so the caller cannot tell (and must not say) whether an account exists.
pub async fn ask(
    db: &DatabaseConnection,
    email: &str,
    now: DateTime<Utc>,
    compose: impl FnOnce(&Issued) -> super::outbox::Mail,
) -> DomainResult<()> {
    let txn = crate::db::begin_write(db).await?;
    if let Some(issued) = request(&txn, email, now).await? {
        super::outbox::enqueue(&txn, compose(&issued)).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Whether a reset link still works (for the form's page).
pub async fn is_open(db: &DatabaseConnection, token: &str, now: DateTime<Utc>) -> DomainResult<bool> {
    Ok(open(db, token, now).await?.is_some())
}

async fn open<C: ConnectionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> DomainResult<Option<password_reset::Model>> {
    let found =
        password_reset::Entity::find().filter(password_reset::Column::TokenHash.eq(token_hash(token))).one(db).await?;
    Ok(found.filter(|r| r.used_at.is_none() && r.expires_at > now))
}

/// Sets a new password with a reset link, once: the link is used up, every other open link of
/// the account too, and the account's sessions end.
pub async fn reset(
    db: &DatabaseConnection,
    token: &str,
    password: &str,
    confirmation: &str,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    check_password(password).map_err(|e| Invalid::new("password", e.reason))?;
    if password != confirmation {
        return Err(Invalid::new("confirmation", InvalidReason::Mismatch).into());
    }
    let txn = crate::db::begin_write(db).await?;
    let Some(reset) = open(&txn, token, now).await? else {
        return Err(Invalid::new("token", InvalidReason::Expired).into());
    };
    let stored = user::Entity::find_by_id(reset.user_id)
        .one(&txn)
        .await?
        .filter(|u| !u.disabled)
        .ok_or(DomainError::Invalid(Invalid::new("token", InvalidReason::Expired)))?;
    users::set_password(&txn, stored, password).await?;
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, sea_orm::sea_query::Expr::value(now))
        .filter(password_reset::Column::UserId.eq(reset.user_id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
