//! Following: a signed-in person follows an organisation, an element, a consultation, a
//! position or a draft, named as its page names it (a slug; an element by its letter). What
//! then changes there becomes a notification (`notifications::announce`).
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::audit::{Actor, Audit};
use crate::entities::{consultation, draft, element, follow, organisation, position};
use crate::error::{DomainError, DomainResult};
use crate::types::{EntityType, FollowKind, PositionStatus};

/// Following is for people with an account.
pub fn can_follow(actor: &Actor) -> bool {
    actor.user_id().is_some()
}

/// The id of what `kind` and `key` name, if the actor may read it (a position still in draft
/// only for those who may see it).
pub async fn target<C: ConnectionTrait>(db: &C, actor: &Actor, kind: FollowKind, key: &str) -> DomainResult<i32> {
    let missing = |e| DomainError::NotFound(e);
    Ok(match kind {
        FollowKind::Organisation => {
            organisation::Entity::find()
                .filter(organisation::Column::Slug.eq(key))
                .one(db)
                .await?
                .ok_or(missing(EntityType::Organisation))?
                .id
        }
        FollowKind::Element => {
            element::Entity::find()
                .filter(element::Column::Letter.eq(key))
                .one(db)
                .await?
                .ok_or(missing(EntityType::Element))?
                .id
        }
        FollowKind::Consultation => {
            consultation::Entity::find()
                .filter(consultation::Column::Slug.eq(key))
                .one(db)
                .await?
                .ok_or(missing(EntityType::Consultation))?
                .id
        }
        FollowKind::Draft => {
            draft::Entity::find()
                .filter(draft::Column::Slug.eq(key))
                .one(db)
                .await?
                .ok_or(missing(EntityType::Draft))?
                .id
        }
        FollowKind::Position => {
            let p = position::Entity::find()
                .filter(position::Column::Slug.eq(key))
                .one(db)
                .await?
                .ok_or(missing(EntityType::Position))?;
            if p.status != PositionStatus::Published {
                // the same answer as for a position that does not exist
                super::comments::visible_position(db, actor, key).await?;
            }
            p.id
        }
    })
}

/// Whether the actor follows it.
pub async fn follows<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    kind: FollowKind,
    target_id: i32,
) -> DomainResult<bool> {
    let Some(user_id) = actor.user_id() else { return Ok(false) };
    Ok(follow::Entity::find()
        .filter(follow::Column::UserId.eq(user_id))
        .filter(follow::Column::TargetKind.eq(kind))
        .filter(follow::Column::TargetId.eq(target_id))
        .one(db)
        .await?
        .is_some())
}

/// Follows (or, `on` false, stops following) what `kind` and `key` name. Following twice is
/// following once.
pub async fn set(db: &DatabaseConnection, audit: &Audit, kind: FollowKind, key: &str, on: bool) -> DomainResult<()> {
    let Some(user_id) = audit.actor.user_id().filter(|_| can_follow(&audit.actor)) else {
        return Err(DomainError::Forbidden);
    };
    let target_id = target(db, &audit.actor, kind, key).await?;
    let existing = follow::Entity::find()
        .filter(follow::Column::UserId.eq(user_id))
        .filter(follow::Column::TargetKind.eq(kind))
        .filter(follow::Column::TargetId.eq(target_id))
        .one(db)
        .await?;
    match (on, existing) {
        (true, None) => {
            let inserted = follow::ActiveModel {
                user_id: Set(user_id),
                target_kind: Set(kind),
                target_id: Set(target_id),
                created_at: Set(audit.at),
                ..Default::default()
            }
            .insert(db)
            .await;
            match inserted {
                // followed meanwhile (another tab): the same outcome
                Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => Ok(()),
                Err(e) => Err(e.into()),
                Ok(_) => Ok(()),
            }
        }
        (false, Some(f)) => {
            follow::Entity::delete_by_id(f.id).exec(db).await?;
            Ok(())
        }
        _ => Ok(()),
    }
}
