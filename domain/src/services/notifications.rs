//! Notifications: what a change tells the people following what it touched. `announce` writes
//! them in the change's own transaction (so a change and its notifications are saved together
//! or not at all); each carries the delivery its reader chose for its kind. The mail worker then
//! turns those to be emailed at once into outbox messages (`take_immediate`) and, once a day,
//! gathers each reader's daily ones into one digest (`take_digests`): each notification is
//! marked in the transaction that queues its email, so none is emailed twice, whatever the
//! number of instances.
use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::audit::{Actor, Audit};
use crate::entities::{
    consultation, consultation_element, demand, demand_element, draft, follow, notification, notification_choice,
    organisation, position, user,
};
use crate::error::{DomainError, DomainResult};
use crate::types::{Delivery, EntityType, FollowKind, NoticeKind, PositionStatus, Rating};

/// What happened, as the change that did it knows it.
#[derive(Debug, Clone)]
pub enum Event {
    /// A demand rated (or its rating changed) against a draft.
    Rated { demand_id: i32, draft_id: i32, rating: Rating },
    /// A position published.
    Published { position_id: i32 },
    /// A consultation's dates, place or status changed; `detail` says what it is now.
    Rescheduled { consultation_id: i32, detail: String },
    /// A new draft of the compact.
    NewDraft { draft_id: i32 },
    /// A reply (`comment_id`) to a comment by `to`.
    Replied { comment_id: i32, position_id: i32, to: i32 },
}

/// The delivery a kind has until its reader chooses: a reply at once, the rest in the digest.
pub fn default_delivery(kind: NoticeKind) -> Delivery {
    match kind {
        NoticeKind::Reply => Delivery::Immediate,
        _ => Delivery::Daily,
    }
}

/// What a notification says, ready to write.
struct Notice {
    kind: NoticeKind,
    subject: String,
    detail: String,
    href: String,
    rating: Option<Rating>,
}

#[derive(Debug, FromQueryResult)]
struct UserId {
    user_id: i32,
}

/// The people following any of `targets` (kind, id), but not `actor`.
async fn followers<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    targets: &[(FollowKind, i32)],
) -> DomainResult<BTreeSet<i32>> {
    if targets.is_empty() {
        return Ok(BTreeSet::new());
    }
    let mut condition = sea_orm::Condition::any();
    for (kind, id) in targets {
        condition = condition.add(
            sea_orm::Condition::all().add(follow::Column::TargetKind.eq(*kind)).add(follow::Column::TargetId.eq(*id)),
        );
    }
    let rows = follow::Entity::find()
        .select_only()
        .column(follow::Column::UserId)
        .distinct()
        .filter(condition)
        .into_model::<UserId>()
        .all(db)
        .await?;
    let me = actor.user_id();
    Ok(rows.into_iter().map(|r| r.user_id).filter(|id| Some(*id) != me).collect())
}

/// Writes what `event` tells each person it concerns, in the caller's transaction.
pub async fn announce<C: ConnectionTrait>(db: &C, audit: &Audit, event: Event) -> DomainResult<usize> {
    let (notice, recipients) = match event {
        Event::Rated { demand_id, draft_id, rating } => {
            let d = demand::Entity::find_by_id(demand_id)
                .one(db)
                .await?
                .ok_or(DomainError::NotFound(EntityType::Demand))?;
            let p = position_of(db, d.position_id).await?;
            if p.status != PositionStatus::Published {
                return Ok(0);
            }
            let dr =
                draft::Entity::find_by_id(draft_id).one(db).await?.ok_or(DomainError::NotFound(EntityType::Draft))?;
            let mut targets = vec![(FollowKind::Position, p.id), (FollowKind::Draft, dr.id)];
            targets.extend(elements_of_demands(db, &[d.id]).await?.into_iter().map(|e| (FollowKind::Element, e)));
            targets.extend(
                super::position_editing::signatories(db, p.id)
                    .await?
                    .into_iter()
                    .map(|o| (FollowKind::Organisation, o)),
            );
            let notice = Notice {
                kind: NoticeKind::Rating,
                subject: p.title.clone(),
                detail: format!("{} · {}", dr.label, d.text),
                href: format!("/positions/{}#{}", p.slug, d.slug),
                rating: Some(rating),
            };
            (notice, followers(db, &audit.actor, &targets).await?)
        }
        Event::Published { position_id } => {
            let p = position_of(db, position_id).await?;
            let orgs = super::position_editing::signatories(db, p.id).await?;
            let demand_ids: Vec<i32> = demand::Entity::find()
                .filter(demand::Column::PositionId.eq(p.id))
                .all(db)
                .await?
                .into_iter()
                .map(|d| d.id)
                .collect();
            let mut targets = vec![(FollowKind::Position, p.id)];
            targets.extend(orgs.iter().map(|o| (FollowKind::Organisation, *o)));
            targets.extend(elements_of_demands(db, &demand_ids).await?.into_iter().map(|e| (FollowKind::Element, e)));
            let names: Vec<String> = organisation::Entity::find()
                .filter(organisation::Column::Id.is_in(orgs))
                .order_by_asc(organisation::Column::Name)
                .all(db)
                .await?
                .into_iter()
                .map(|o| o.name)
                .collect();
            let notice = Notice {
                kind: NoticeKind::Published,
                subject: p.title.clone(),
                detail: names.join(", "),
                href: format!("/positions/{}", p.slug),
                rating: None,
            };
            (notice, followers(db, &audit.actor, &targets).await?)
        }
        Event::Rescheduled { consultation_id, detail } => {
            let c = consultation::Entity::find_by_id(consultation_id)
                .one(db)
                .await?
                .ok_or(DomainError::NotFound(EntityType::Consultation))?;
            let mut targets = vec![(FollowKind::Consultation, c.id)];
            let elements = consultation_element::Entity::find()
                .filter(consultation_element::Column::ConsultationId.eq(c.id))
                .all(db)
                .await?;
            targets.extend(elements.into_iter().map(|e| (FollowKind::Element, e.element_id)));
            let notice = Notice {
                kind: NoticeKind::Rescheduled,
                subject: c.title.clone(),
                detail,
                href: format!("/consultations/{}", c.slug),
                rating: None,
            };
            (notice, followers(db, &audit.actor, &targets).await?)
        }
        Event::NewDraft { draft_id } => {
            let dr =
                draft::Entity::find_by_id(draft_id).one(db).await?.ok_or(DomainError::NotFound(EntityType::Draft))?;
            // whoever follows any draft follows the drafts
            let users = follow::Entity::find()
                .select_only()
                .column(follow::Column::UserId)
                .distinct()
                .filter(follow::Column::TargetKind.eq(FollowKind::Draft))
                .into_model::<UserId>()
                .all(db)
                .await?;
            let me = audit.actor.user_id();
            let notice = Notice {
                kind: NoticeKind::NewDraft,
                subject: dr.label.clone(),
                detail: String::new(),
                href: format!("/drafts/{}", dr.slug),
                rating: None,
            };
            (notice, users.into_iter().map(|u| u.user_id).filter(|id| Some(*id) != me).collect())
        }
        Event::Replied { comment_id, position_id, to } => {
            let p = position_of(db, position_id).await?;
            let notice = Notice {
                kind: NoticeKind::Reply,
                subject: p.title.clone(),
                detail: String::new(),
                href: format!("/positions/{}#comment-{comment_id}", p.slug),
                rating: None,
            };
            let recipients = if audit.actor.user_id() == Some(to) { BTreeSet::new() } else { BTreeSet::from([to]) };
            (notice, recipients)
        }
    };
    write(db, audit.at, &notice, &recipients).await
}

async fn position_of<C: ConnectionTrait>(db: &C, id: i32) -> DomainResult<position::Model> {
    position::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound(EntityType::Position))
}

async fn elements_of_demands<C: ConnectionTrait>(db: &C, demand_ids: &[i32]) -> DomainResult<BTreeSet<i32>> {
    if demand_ids.is_empty() {
        return Ok(BTreeSet::new());
    }
    Ok(demand_element::Entity::find()
        .filter(demand_element::Column::DemandId.is_in(demand_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.element_id)
        .collect())
}

/// One notification per active account in `recipients`, each with the delivery it chose.
async fn write<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
    notice: &Notice,
    recipients: &BTreeSet<i32>,
) -> DomainResult<usize> {
    if recipients.is_empty() {
        return Ok(0);
    }
    let active: Vec<i32> = user::Entity::find()
        .filter(user::Column::Id.is_in(recipients.iter().copied()))
        .filter(user::Column::Disabled.eq(false))
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    let chosen = notification_choice::Entity::find()
        .filter(notification_choice::Column::Kind.eq(notice.kind))
        .filter(notification_choice::Column::UserId.is_in(active.iter().copied()))
        .all(db)
        .await?;
    let rows: Vec<notification::ActiveModel> = active
        .iter()
        .map(|id| {
            let delivery =
                chosen.iter().find(|c| c.user_id == *id).map_or_else(|| default_delivery(notice.kind), |c| c.delivery);
            notification::ActiveModel {
                user_id: Set(*id),
                kind: Set(notice.kind),
                subject: Set(notice.subject.clone()),
                detail: Set(notice.detail.clone()),
                href: Set(notice.href.clone()),
                rating: Set(notice.rating),
                created_at: Set(at),
                read_at: Set(None),
                delivery: Set(delivery),
                emailed_at: Set(None),
                ..Default::default()
            }
        })
        .collect();
    let n = rows.len();
    if n > 0 {
        notification::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(n)
}

/// A page of one person's notifications, newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    page: u64,
    per_page: u64,
) -> DomainResult<(Vec<notification::Model>, u64)> {
    let query = notification::Entity::find().filter(notification::Column::UserId.eq(user_id));
    let total = query.clone().count(db).await?;
    let items = query
        .order_by_desc(notification::Column::Id)
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    Ok((items, total))
}

/// How many of one person's notifications are unread (the header's count).
pub async fn unread<C: ConnectionTrait>(db: &C, user_id: i32) -> DomainResult<u64> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Marks every notification of the person acting as read.
pub async fn mark_all_read(db: &DatabaseConnection, audit: &Audit) -> DomainResult<u64> {
    let user_id = audit.actor.user_id().ok_or(DomainError::Forbidden)?;
    let done = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(audit.at))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// Each kind with the delivery the person chose (or its default).
pub async fn choices<C: ConnectionTrait>(db: &C, user_id: i32) -> DomainResult<Vec<(NoticeKind, Delivery)>> {
    use strum::IntoEnumIterator;
    let chosen =
        notification_choice::Entity::find().filter(notification_choice::Column::UserId.eq(user_id)).all(db).await?;
    Ok(NoticeKind::iter()
        .map(|k| (k, chosen.iter().find(|c| c.kind == k).map_or_else(|| default_delivery(k), |c| c.delivery)))
        .collect())
}

/// Sets how the person acting wants `kind` delivered; `None` for every kind.
pub async fn choose<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    kind: NoticeKind,
    delivery: Delivery,
) -> DomainResult<()> {
    notification_choice::Entity::delete_many()
        .filter(notification_choice::Column::UserId.eq(user_id))
        .filter(notification_choice::Column::Kind.eq(kind))
        .exec(db)
        .await?;
    notification_choice::ActiveModel { user_id: Set(user_id), kind: Set(kind), delivery: Set(delivery) }
        .insert(db)
        .await?;
    Ok(())
}

/// Whom an email goes to, in their language.
#[derive(Debug, Clone)]
pub struct Reader {
    pub user_id: i32,
    pub email: String,
    pub name: String,
    pub language: String,
}

/// What the mail worker composes a message from: its reader and what it tells them, with a
/// token to stop such emails (`unsubscribe::use_token`) issued in the same transaction.
pub struct Emailed<'a> {
    pub reader: &'a Reader,
    pub notifications: &'a [notification::Model],
    pub unsubscribe_token: &'a str,
}

async fn reader<C: ConnectionTrait>(db: &C, user_id: i32) -> DomainResult<Option<Reader>> {
    Ok(user::Entity::find_by_id(user_id).one(db).await?.filter(|u| !u.disabled).map(|u| Reader {
        user_id: u.id,
        email: u.email,
        name: u.name,
        language: u.language,
    }))
}

/// Takes the notifications `query` finds in the caller's write transaction: on PostgreSQL,
/// locked (`skip`: those another instance holds are left to it; otherwise waited for, then read
/// again, so rows it has just marked are not taken twice).
async fn claim<C: ConnectionTrait>(
    txn: &C,
    query: sea_orm::Select<notification::Entity>,
    limit: Option<u64>,
    skip: bool,
) -> DomainResult<Vec<notification::Model>> {
    use sea_orm::sea_query::{LockBehavior, LockType};
    let mut q = query.order_by_asc(notification::Column::Id).limit(limit);
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q = if skip {
            q.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        } else {
            q.lock(LockType::Update)
        };
    }
    Ok(q.all(txn).await?)
}

async fn mark_emailed<C: ConnectionTrait>(
    txn: &C,
    notes: &[notification::Model],
    now: DateTime<Utc>,
) -> DomainResult<()> {
    if notes.is_empty() {
        return Ok(());
    }
    notification::Entity::update_many()
        .col_expr(notification::Column::EmailedAt, Expr::value(now))
        .filter(notification::Column::Id.is_in(notes.iter().map(|n| n.id)))
        .exec(txn)
        .await?;
    Ok(())
}

/// The composer of an email from what it tells (the server's, in the reader's language).
pub type Compose = dyn Fn(Emailed<'_>) -> super::outbox::Mail + Send + Sync;

/// Queues an email for each notification to be sent at once not yet queued (at most `limit`),
/// marking each in the transaction that queues it. Returns how many were queued.
pub async fn take_immediate(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    limit: u64,
    compose: &Compose,
) -> DomainResult<usize> {
    let txn = crate::db::begin_write(db).await?;
    let due = notification::Entity::find()
        .filter(notification::Column::Delivery.eq(Delivery::Immediate))
        .filter(notification::Column::EmailedAt.is_null());
    let notes = claim(&txn, due, Some(limit), true).await?;
    let mut queued = 0;
    for n in &notes {
        if let Some(r) = reader(&txn, n.user_id).await? {
            let token = super::unsubscribe::issue(&txn, r.user_id, Some(n.kind), now).await?;
            let mail =
                compose(Emailed { reader: &r, notifications: std::slice::from_ref(n), unsubscribe_token: &token });
            super::outbox::enqueue(&txn, mail).await?;
            queued += 1;
        }
    }
    mark_emailed(&txn, &notes, now).await?;
    txn.commit().await?;
    Ok(queued)
}

/// The moment digests are gathered up to: the last `hour` o'clock (UTC) before `now`.
pub fn digest_cutoff(now: DateTime<Utc>, hour: u32) -> DateTime<Utc> {
    let today = now.date_naive().and_hms_opt(hour.min(23), 0, 0).unwrap_or_default().and_utc();
    if today <= now {
        today
    } else {
        today - chrono::Duration::days(1)
    }
}

/// Gathers, for each person, the daily notifications written before `cutoff` and not yet
/// emailed into one digest, each person in a transaction of their own that marks what it
/// gathered (another instance gathering at once finds nothing left). Returns the digests queued.
pub async fn take_digests(
    db: &DatabaseConnection,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
    compose: &Compose,
) -> DomainResult<usize> {
    let due = || {
        notification::Entity::find()
            .filter(notification::Column::Delivery.eq(Delivery::Daily))
            .filter(notification::Column::EmailedAt.is_null())
            .filter(notification::Column::CreatedAt.lt(cutoff))
    };
    let pending =
        due().select_only().column(notification::Column::UserId).distinct().into_model::<UserId>().all(db).await?;
    let mut queued = 0;
    for UserId { user_id } in pending {
        let txn = crate::db::begin_write(db).await?;
        let gathered = claim(&txn, due().filter(notification::Column::UserId.eq(user_id)), None, false).await?;
        if let (Some(r), false) = (reader(&txn, user_id).await?, gathered.is_empty()) {
            let token = super::unsubscribe::issue(&txn, user_id, None, now).await?;
            super::outbox::enqueue(
                &txn,
                compose(Emailed { reader: &r, notifications: &gathered, unsubscribe_token: &token }),
            )
            .await?;
            queued += 1;
        }
        mark_emailed(&txn, &gathered, now).await?;
        txn.commit().await?;
    }
    Ok(queued)
}

/// The languages emails are written in.
pub const LANGUAGES: &[&str] = &["en", "fr", "es"];

/// Saves how the person acting wants each kind delivered and the language of their emails.
pub async fn save_choices(
    db: &DatabaseConnection,
    audit: &Audit,
    choices: &[(NoticeKind, Delivery)],
    language: &str,
) -> DomainResult<()> {
    let user_id = audit.actor.user_id().ok_or(DomainError::Forbidden)?;
    if !LANGUAGES.contains(&language) {
        return Err(crate::types::Invalid::new(
            "language",
            crate::types::InvalidReason::UnknownValue(language.to_string()),
        )
        .into());
    }
    let txn = crate::db::begin_write(db).await?;
    for (kind, delivery) in choices {
        choose(&txn, user_id, *kind, *delivery).await?;
    }
    user::Entity::update_many()
        .col_expr(user::Column::Language, Expr::value(language))
        .filter(user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Notifications a page shows.
pub const PER_PAGE: u32 = 20;

/// The notifications page of the person acting: page `page` of theirs (newest first), how
/// many are unread, their choices and language.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    page: u32,
) -> DomainResult<crate::types::NotificationsPage> {
    let user_id = actor.user_id().ok_or(DomainError::Forbidden)?;
    let page = page.max(1);
    let (items, total) = list(db, user_id, u64::from(page), u64::from(PER_PAGE)).await?;
    let language = user::Entity::find_by_id(user_id).one(db).await?.map_or_else(|| "en".to_string(), |u| u.language);
    Ok(crate::types::NotificationsPage {
        items: items
            .into_iter()
            .map(|n| crate::types::NotificationView {
                kind: n.kind,
                subject: n.subject,
                detail: n.detail,
                href: n.href,
                rating: n.rating,
                created_at: n.created_at,
                read: n.read_at.is_some(),
            })
            .collect(),
        page,
        per_page: PER_PAGE,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        unread: u32::try_from(unread(db, user_id).await?).unwrap_or(u32::MAX),
        choices: choices(db, user_id).await?,
        language,
    })
}
