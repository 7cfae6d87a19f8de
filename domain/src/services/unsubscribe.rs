//! One-click unsubscribe: every notification email carries a link (and the `List-Unsubscribe`
//! headers) with a token of its own; using it, without signing in, stops that kind of email
//! (a digest's token: every kind gathered in digests), and using it again changes nothing.
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use strum::IntoEnumIterator;

use super::tokens::{new_token, token_hash};
use crate::entities::unsubscribe_token;
use crate::error::DomainResult;
use crate::types::{Delivery, NoticeKind};

/// The token's kind for a digest (every kind delivered daily).
const DIGEST: &str = "digest";

/// A new token stopping `kind` (`None`: the digest) for `user_id`, stored hashed.
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    kind: Option<NoticeKind>,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    let token = new_token();
    unsubscribe_token::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(user_id),
        kind: Set(kind.map_or(DIGEST.to_string(), |k| k.as_ref().to_string())),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// What a token stops, once used: the kinds now delivered to the page only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    pub kinds: Vec<NoticeKind>,
}

/// Uses `token`: the kinds it names are no longer emailed. `None` for an unknown token.
pub async fn use_token(db: &DatabaseConnection, token: &str) -> DomainResult<Option<Stopped>> {
    let Some(t) = unsubscribe_token::Entity::find_by_id(token_hash(token)).one(db).await? else {
        return Ok(None);
    };
    let current = super::notifications::choices(db, t.user_id).await?;
    let kinds: Vec<NoticeKind> = if t.kind == DIGEST {
        current.iter().filter(|(_, d)| *d == Delivery::Daily).map(|(k, _)| *k).collect()
    } else {
        NoticeKind::iter().filter(|k| k.as_ref() == t.kind).collect()
    };
    for k in &kinds {
        super::notifications::choose(db, t.user_id, *k, Delivery::Never).await?;
    }
    // what is still waiting for an email of these kinds is not sent either
    crate::entities::notification::Entity::update_many()
        .col_expr(
            crate::entities::notification::Column::Delivery,
            sea_orm::sea_query::Expr::value(Delivery::Never.as_ref()),
        )
        .filter(crate::entities::notification::Column::UserId.eq(t.user_id))
        .filter(crate::entities::notification::Column::Kind.is_in(kinds.iter().copied()))
        .filter(crate::entities::notification::Column::EmailedAt.is_null())
        .exec(db)
        .await?;
    Ok(Some(Stopped { kinds }))
}
