//! Invitations: a coordinator invites a person by email; the link carries a random one-time
//! token (only its SHA-256 is stored) that lets the invitee set a password once, until it expires.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};

use super::tokens::{new_token, token_hash};
use super::users::{self, check_password, Account};
use crate::audit::Audit;
use crate::entities::invitation;
use crate::error::DomainResult;
use crate::permissions::{accounts::can_manage_accounts, ensure};
use crate::types::{Invalid, InvalidReason, InvitationView, Role};

/// How long an invitation link works.
pub const VALID_DAYS: i64 = crate::types::INVITATION_VALID_DAYS;

#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organisation: Option<String>,
}

/// A created invitation and its token: shown once to the coordinator, never stored.
#[derive(Debug, Clone)]
pub struct Issued {
    pub invitation: InvitationView,
    pub token: String,
}

fn view(m: invitation::Model, now: DateTime<Utc>) -> DomainResult<InvitationView> {
    Ok(InvitationView {
        id: m.id,
        email: m.email,
        name: m.name,
        role: m.role,
        expires_at: m.expires_at,
        accepted: m.accepted_at.is_some(),
        expired: m.accepted_at.is_none() && m.expires_at <= now,
    })
}

/// Invites a person; coordinators only. The email must not belong to an account yet.
pub async fn create(db: &DatabaseConnection, audit: &Audit, input: NewInvitation) -> DomainResult<Issued> {
    create_in(db, audit, input).await
}

/// Creates an invitation and queues the email `compose` writes for it, in one transaction.
pub async fn create_and_send(
    db: &DatabaseConnection,
    audit: &Audit,
    input: NewInvitation,
    compose: impl FnOnce(&Issued) -> super::outbox::Mail,
) -> DomainResult<Issued> {
    let txn = crate::db::begin_write(db).await?;
    let issued = create_in(&txn, audit, input).await?;
    super::outbox::enqueue(&txn, compose(&issued)).await?;
    txn.commit().await?;
    Ok(issued)
}

async fn create_in<C: sea_orm::ConnectionTrait>(db: &C, audit: &Audit, input: NewInvitation) -> DomainResult<Issued> {
    ensure(can_manage_accounts(&audit.actor))?;
    let who = users::check_identity(db, &input.email, &input.name, input.role, input.organisation.as_deref()).await?;
    let token = new_token();
    let m = invitation::ActiveModel {
        token_hash: Set(token_hash(&token)),
        email: Set(who.email),
        name: Set(who.name),
        role: Set(who.role),
        organisation_id: Set(who.organisation_id),
        invited_by: Set(audit.actor.user_id()),
        created_at: Set(audit.at),
        expires_at: Set(audit.at + Duration::days(VALID_DAYS)),
        accepted_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Issued { invitation: view(m, audit.at)?, token })
}

/// Invitations, newest first, for the coordinators' accounts page.
pub async fn list(db: &DatabaseConnection, audit: &Audit) -> DomainResult<Vec<InvitationView>> {
    ensure(can_manage_accounts(&audit.actor))?;
    invitation::Entity::find()
        .order_by_desc(invitation::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|m| view(m, audit.at))
        .collect()
}

/// Whether `token` is a valid, unused invitation at `now` (the set-password page asks first).
pub async fn is_open(db: &DatabaseConnection, token: &str, now: DateTime<Utc>) -> DomainResult<bool> {
    Ok(find_open(db, token, now).await?.is_some())
}

async fn find_open<C: sea_orm::ConnectionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> DomainResult<Option<invitation::Model>> {
    Ok(invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(token_hash(token)))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .one(db)
        .await?)
}

/// Sets the invitee's password and creates the account, once. An unknown, used or expired
/// token gets the same answer.
pub async fn accept(
    db: &DatabaseConnection,
    token: &str,
    password: &str,
    confirmation: &str,
    now: DateTime<Utc>,
) -> DomainResult<Account> {
    check_password(password)?;
    if password != confirmation {
        return Err(Invalid::new("confirmation", InvalidReason::Mismatch).into());
    }
    let txn = crate::db::begin_write(db).await?;
    let Some(inv) = find_open(&txn, token, now).await? else {
        return Err(Invalid::new("token", InvalidReason::Expired).into());
    };
    let claimed = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, sea_orm::sea_query::Expr::value(Some(now)))
        .filter(invitation::Column::Id.eq(inv.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(Invalid::new("token", InvalidReason::Expired).into());
    }
    let role: Role = inv.role;
    let slug = match inv.organisation_id {
        Some(id) => crate::entities::organisation::Entity::find_by_id(id).one(&txn).await?.map(|o| o.slug),
        None => None,
    };
    let who = users::check_identity(&txn, &inv.email, &inv.name, role, slug.as_deref())
        .await
        .map_err(|_| Invalid::new("token", InvalidReason::Expired))?;
    let account = users::insert(&txn, who, password, now).await?;
    txn.commit().await?;
    Ok(account)
}
