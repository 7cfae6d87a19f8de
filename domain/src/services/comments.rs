//! Comments on positions and on single demands: threads with replies, written in Markdown,
//! edited and deleted by their authors, hidden (with a reason) and restored by coordinators,
//! reported by members. A hidden or deleted comment leaves a placeholder in its thread.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::changes::Topic;
use super::comment_limit::{self, CommentLimit};
use super::editing::{self, Editable, Stored, StoredOf};
use super::markdown::to_safe_html;
use super::revisions::{self, Diff};
use crate::audit::{Actor, Audit};
use crate::entities::{comment, comment_report, demand, organisation, position, position_signatory, user};
use crate::error::{DomainError, DomainResult};
use crate::permissions::comments::{can_change_comment, can_comment, can_moderate, can_report};
use crate::permissions::ensure;
use crate::permissions::record::can_see_draft_position;
use crate::types::fields::CommentField;
use crate::types::*;

/// The longest comment accepted, in characters.
pub const MAX_COMMENT_CHARS: usize = 5000;
/// The longest hiding reason or report reason.
pub const MAX_REASON_CHARS: usize = 500;

#[derive(Debug, Clone)]
pub struct NewComment {
    pub position_slug: String,
    /// A demand of that position (its slug), for a thread on one demand.
    pub demand_slug: Option<String>,
    /// The comment this one answers.
    pub parent_id: Option<i32>,
    pub body: String,
}

fn check_body(body: &str) -> Result<String, Invalid> {
    let body = body.trim().to_string();
    if body.is_empty() {
        return Err(Invalid::new("body", InvalidReason::Required));
    }
    if body.chars().count() > MAX_COMMENT_CHARS {
        return Err(Invalid::new("body", InvalidReason::TooLong { max: MAX_COMMENT_CHARS }));
    }
    Ok(body)
}

fn check_reason(field: &str, reason: &str) -> Result<String, Invalid> {
    let reason = reason.trim().to_string();
    if reason.is_empty() {
        return Err(Invalid::new(field, InvalidReason::Required));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(Invalid::new(field, InvalidReason::TooLong { max: MAX_REASON_CHARS }));
    }
    Ok(reason)
}

/// The position `slug` if `actor` may see it (a draft only by its organisations and
/// coordinators); otherwise "not found", so drafts are not revealed.
pub async fn visible_position<C: ConnectionTrait>(db: &C, actor: &Actor, slug: &str) -> DomainResult<position::Model> {
    let found = position::Entity::find().filter(position::Column::Slug.eq(slug)).one(db).await?;
    let p = found.ok_or(DomainError::NotFound(crate::types::EntityType::Position))?;
    if p.status == PositionStatus::Published {
        return Ok(p);
    }
    let signatories: Vec<i32> = position_signatory::Entity::find()
        .filter(position_signatory::Column::PositionId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.organisation_id)
        .collect();
    if can_see_draft_position(actor, &signatories) {
        Ok(p)
    } else {
        Err(DomainError::NotFound(crate::types::EntityType::Position))
    }
}

async fn find(db: &DatabaseConnection, id: i32) -> DomainResult<comment::Model> {
    comment::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound(crate::types::EntityType::Comment))
}

/// Posts a comment or a reply. Members and coordinators, on positions they can see, within
/// the flood limit.
pub async fn post(db: &DatabaseConnection, audit: &Audit, limit: CommentLimit, input: NewComment) -> DomainResult<i32> {
    ensure(can_comment(&audit.actor))?;
    let body = check_body(&input.body)?;
    comment_limit::check(db, audit, limit).await?;
    let p = visible_position(db, &audit.actor, &input.position_slug).await?;
    let demand_id = match input.demand_slug.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(slug) => Some(
            demand::Entity::find()
                .filter(demand::Column::Slug.eq(slug))
                .filter(demand::Column::PositionId.eq(p.id))
                .one(db)
                .await?
                .ok_or_else(|| Invalid::new("demand", InvalidReason::UnknownValue(slug.to_string())))?
                .id,
        ),
    };
    let (parent_id, demand_id, replied_to) = match input.parent_id {
        None => (None, demand_id, None),
        Some(parent) => {
            let parent = find(db, parent).await?;
            if parent.position_id != p.id {
                return Err(Invalid::new("parent", InvalidReason::UnknownValue(parent.id.to_string())).into());
            }
            // A reply belongs to its parent's thread.
            (Some(parent.id), parent.demand_id, parent.author_id)
        }
    };
    let m = comment::ActiveModel {
        position_id: Set(p.id),
        demand_id: Set(demand_id),
        parent_id: Set(parent_id),
        author_id: Set(audit.actor.user_id()),
        body: Set(body),
        status: Set(CommentStatus::Visible),
        hidden_reason: Set(String::new()),
        moderated_by: Set(None),
        created_at: Set(audit.at),
        updated_at: Set(audit.at),
        version: Set(1),
        ..Default::default()
    };
    let txn = crate::db::begin_write(db).await?;
    let m = m.insert(&txn).await?;
    if let Some(to) = replied_to {
        let event = super::notifications::Event::Replied { comment_id: m.id, position_id: p.id, to };
        super::notifications::announce(&txn, audit, event).await?;
    }
    super::changes::note(&txn, vec![Topic::comments(&p.slug)]).await?;
    txn.commit().await?;
    Ok(m.id)
}

/// What a comment's save needs: its author (who may change it), its status and position.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentContext {
    pub author_id: Option<i32>,
    pub status: CommentStatus,
    pub position_id: i32,
}

/// A comment's text, described for the versioned save: its author changes it while it is
/// visible. Comments keep no revisions; their thread is noted as changed.
pub struct CommentRecord;

impl Editable for CommentRecord {
    const KIND: EntityType = EntityType::Comment;
    const REVISED: bool = false;
    type Field = CommentField;
    type Key = i32;
    type Input = String;
    type Context = CommentContext;

    async fn load<C: ConnectionTrait>(db: &C, id: &i32) -> DomainResult<Option<StoredOf<Self>>> {
        Ok(comment::Entity::find_by_id(*id).one(db).await?.map(|c| Stored {
            id: c.id,
            version: c.version,
            input: c.body,
            context: CommentContext { author_id: c.author_id, status: c.status, position_id: c.position_id },
        }))
    }

    /// A hidden or deleted comment is no longer its author's to change: a conflict.
    async fn permit<C: ConnectionTrait>(_db: &C, actor: &Actor, stored: &StoredOf<Self>) -> DomainResult<()> {
        ensure(can_change_comment(actor, stored.context.author_id))?;
        if stored.context.status != CommentStatus::Visible {
            return Err(DomainError::Conflict { current_version: stored.version });
        }
        Ok(())
    }

    fn check(body: &String) -> Result<(), Invalid> {
        check_body(body).map(|_| ())
    }

    fn complete(_stored: &StoredOf<Self>, body: String) -> DomainResult<String> {
        Ok(check_body(&body)?)
    }

    async fn values<C: ConnectionTrait>(
        _db: &C,
        body: &String,
        _: &CommentContext,
    ) -> DomainResult<Vec<(CommentField, String)>> {
        Ok(vec![(CommentField::Body, body.clone())])
    }

    fn label(_body: &String, _: &CommentContext) -> String {
        String::new()
    }

    async fn write<C: ConnectionTrait>(
        db: &C,
        audit: &Audit,
        stored: &StoredOf<Self>,
        body: &String,
    ) -> DomainResult<bool> {
        let updated = comment::Entity::update_many()
            .set(comment::ActiveModel {
                body: Set(body.clone()),
                updated_at: Set(audit.at),
                version: Set(stored.version + 1),
                ..Default::default()
            })
            .filter(comment::Column::Id.eq(stored.id))
            .filter(comment::Column::Version.eq(stored.version))
            .exec(db)
            .await?;
        if updated.rows_affected != 1 {
            return Ok(false);
        }
        note_comments_of(db, stored.context.position_id).await?;
        Ok(true)
    }
}

/// Saves a new text for the author's own comment, from `expected_version`.
pub async fn edit(
    db: &DatabaseConnection,
    audit: &Audit,
    id: i32,
    expected_version: i32,
    body: &str,
) -> DomainResult<()> {
    editing::save::<CommentRecord>(db, audit, &id, expected_version, body.to_string()).await?.or_conflict()?;
    Ok(())
}

/// The author deletes their comment: its text goes, a placeholder keeps the thread's replies.
pub async fn delete(db: &DatabaseConnection, audit: &Audit, id: i32, expected_version: i32) -> DomainResult<()> {
    let c = find(db, id).await?;
    ensure(can_change_comment(&audit.actor, c.author_id))?;
    let txn = crate::db::begin_write(db).await?;
    let updated = comment::Entity::update_many()
        .set(comment::ActiveModel {
            body: Set(String::new()),
            status: Set(CommentStatus::Deleted),
            updated_at: Set(audit.at),
            version: Set(expected_version + 1),
            ..Default::default()
        })
        .filter(comment::Column::Id.eq(id))
        .filter(comment::Column::Version.eq(expected_version))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(DomainError::Conflict { current_version: c.version });
    }
    note_comments_of(&txn, c.position_id).await?;
    txn.commit().await?;
    Ok(())
}

/// Notes, in the transaction, that the comments of a position changed.
async fn note_comments_of<C: ConnectionTrait>(db: &C, position_id: i32) -> DomainResult<()> {
    let slug = position::Entity::find_by_id(position_id).one(db).await?.map(|p| p.slug);
    let topic = slug.map(|s| Topic::comments(&s)).unwrap_or_else(|| Topic::ANY.to_string());
    super::changes::note(db, vec![topic]).await
}

async fn moderate(
    db: &DatabaseConnection,
    audit: &Audit,
    id: i32,
    status: CommentStatus,
    reason: String,
) -> DomainResult<()> {
    ensure(can_moderate(&audit.actor))?;
    let c = find(db, id).await?;
    if c.status == CommentStatus::Deleted {
        return Err(DomainError::NotFound(crate::types::EntityType::Comment));
    }
    let txn = crate::db::begin_write(db).await?;
    let mut m: comment::ActiveModel = c.clone().into();
    m.status = Set(status);
    m.hidden_reason = Set(reason.clone());
    m.moderated_by = Set(audit.actor.user_id());
    m.version = Set(c.version + 1);
    m.update(&txn).await?;
    comment_report::Entity::update_many()
        .col_expr(comment_report::Column::ResolvedAt, sea_orm::sea_query::Expr::value(Some(audit.at)))
        .filter(comment_report::Column::CommentId.eq(id))
        .filter(comment_report::Column::ResolvedAt.is_null())
        .exec(&txn)
        .await?;
    let mut diff = Diff::new();
    diff.field("status", c.status, status).field("hidden_reason", &c.hidden_reason, &reason);
    let label = format!("comment {id}");
    revisions::record(&txn, audit, EntityType::Comment, id, &label, RevisionAction::Updated, diff.into_changes())
        .await?;
    txn.commit().await?;
    Ok(())
}

/// A coordinator hides a comment, saying why (the reason shows in its placeholder).
pub async fn hide(db: &DatabaseConnection, audit: &Audit, id: i32, reason: &str) -> DomainResult<()> {
    ensure(can_moderate(&audit.actor))?;
    let reason = check_reason("reason", reason)?;
    moderate(db, audit, id, CommentStatus::Hidden, reason).await
}

/// A coordinator shows a hidden comment again (or keeps a reported one, closing its reports).
pub async fn restore(db: &DatabaseConnection, audit: &Audit, id: i32) -> DomainResult<()> {
    moderate(db, audit, id, CommentStatus::Visible, String::new()).await
}

/// A member reports a comment to the coordinators.
pub async fn report(db: &DatabaseConnection, audit: &Audit, id: i32, reason: &str) -> DomainResult<()> {
    ensure(can_report(&audit.actor))?;
    let reason = check_reason("report_reason", reason)?;
    let c = find(db, id).await?;
    visible_position(db, &audit.actor, &position_slug(db, c.position_id).await?).await?;
    comment_report::ActiveModel {
        comment_id: Set(id),
        reporter_id: Set(audit.actor.user_id()),
        reason: Set(reason),
        created_at: Set(audit.at),
        resolved_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn position_slug(db: &DatabaseConnection, id: i32) -> DomainResult<String> {
    Ok(position::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Position))?
        .slug)
}

/// The position a comment belongs to (its slug), to send the reader back there.
pub async fn position_of(db: &DatabaseConnection, comment_id: i32) -> DomainResult<String> {
    position_slug(db, find(db, comment_id).await?.position_id).await
}

/// The comments on a position (all its threads, oldest first), as `actor` may see them.
pub async fn thread(db: &DatabaseConnection, actor: &Actor, position_id: i32) -> DomainResult<Vec<CommentView>> {
    let rows = comment::Entity::find()
        .filter(comment::Column::PositionId.eq(position_id))
        .order_by_asc(comment::Column::CreatedAt)
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await?;
    let author_ids: Vec<i32> = rows.iter().filter_map(|c| c.author_id).collect();
    let authors: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(author_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let organisation_ids: Vec<i32> = authors.values().filter_map(|u| u.organisation_id).collect();
    let organisations: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(organisation_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let demand_slugs: HashMap<i32, String> = demand::Entity::find()
        .filter(demand::Column::PositionId.eq(position_id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.slug))
        .collect();
    let moderator = can_moderate(actor);
    let mut reports: HashMap<i32, usize> = HashMap::new();
    if moderator {
        let ids: Vec<i32> = rows.iter().map(|c| c.id).collect();
        for r in comment_report::Entity::find()
            .filter(comment_report::Column::CommentId.is_in(ids))
            .filter(comment_report::Column::ResolvedAt.is_null())
            .all(db)
            .await?
        {
            *reports.entry(r.comment_id).or_default() += 1;
        }
    }
    rows.into_iter()
        .map(|c| {
            let status: CommentStatus = c.status;
            let mine = c.author_id.is_some() && c.author_id == actor.user_id();
            let author = c.author_id.and_then(|id| authors.get(&id));
            let readable = status == CommentStatus::Visible || (status == CommentStatus::Hidden && moderator);
            Ok(CommentView {
                id: c.id,
                parent_id: c.parent_id,
                demand_slug: c.demand_id.and_then(|d| demand_slugs.get(&d).cloned()),
                author: author.map(|u| u.name.clone()).unwrap_or_default(),
                author_organisation: author
                    .and_then(|u| u.organisation_id)
                    .and_then(|o| organisations.get(&o).cloned()),
                created_at: c.created_at,
                edited: c.updated_at > c.created_at && status == CommentStatus::Visible,
                status,
                body_html: if readable { to_safe_html(&c.body) } else { String::new() },
                body_source: if mine && status == CommentStatus::Visible { c.body.clone() } else { String::new() },
                hidden_reason: c.hidden_reason,
                version: c.version,
                mine,
                open_reports: reports.get(&c.id).copied().unwrap_or(0),
            })
        })
        .collect()
}

/// Open reports, oldest first: the coordinators' moderation queue.
pub async fn open_reports(db: &DatabaseConnection, audit: &Audit) -> DomainResult<Vec<ReportView>> {
    ensure(can_moderate(&audit.actor))?;
    let reports = comment_report::Entity::find()
        .filter(comment_report::Column::ResolvedAt.is_null())
        .order_by_asc(comment_report::Column::CreatedAt)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(reports.len());
    for r in reports {
        let c = find(db, r.comment_id).await?;
        let p = position::Entity::find_by_id(c.position_id)
            .one(db)
            .await?
            .ok_or(DomainError::NotFound(crate::types::EntityType::Position))?;
        out.push(ReportView {
            id: r.id,
            comment_id: c.id,
            position_slug: p.slug,
            position_title: p.title,
            reason: r.reason,
            created_at: r.created_at,
            comment_excerpt: c.body.chars().take(200).collect(),
        });
    }
    Ok(out)
}
