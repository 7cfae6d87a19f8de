//! Writing positions: members draft them for their own organisation (invisible to the public),
//! coordinators record and publish them. Their demands are edited in `demands`.
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::editing::{self, Editable, Stored, StoredOf};
use super::revisions;
use super::tallies::Touch;
use crate::audit::{Actor, Audit};
use crate::entities::{consultation, draft, organisation, position, position_signatory, source};
use crate::error::{DomainError, DomainResult};
use crate::permissions::ensure;
use crate::permissions::record::{can_edit_position, can_prepare_for, can_publish};
use crate::types::fields::PositionField;
use crate::types::*;

/// A position as its editor starts: the entered fields, its status, signatories and version.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPosition {
    pub id: i32,
    pub fields: PositionFields,
    pub status: PositionStatus,
    pub signatories: Vec<i32>,
    pub version: i32,
}

/// The organisations signing the position `position_id`.
pub(crate) async fn signatories<C: ConnectionTrait>(db: &C, position_id: i32) -> DomainResult<Vec<i32>> {
    Ok(position_signatory::Entity::find()
        .filter(position_signatory::Column::PositionId.eq(position_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.organisation_id)
        .collect())
}

/// The stored position `slug`, whoever asks (the callers check who may see or change it).
pub async fn stored<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<StoredPosition> {
    let p = position::Entity::find()
        .filter(position::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Position))?;
    let source = match p.source_id {
        Some(id) => source::Entity::find_by_id(id).one(db).await?.map(|s| s.slug),
        None => None,
    };
    let presented_at = match p.presented_at_id {
        Some(id) => consultation::Entity::find_by_id(id).one(db).await?.map(|c| c.slug),
        None => None,
    };
    let responds_to = match p.responds_to_id {
        Some(id) => draft::Entity::find_by_id(id).one(db).await?.map(|d| d.slug),
        None => None,
    };
    Ok(StoredPosition {
        id: p.id,
        status: p.status,
        signatories: signatories(db, p.id).await?,
        version: p.version,
        fields: PositionFields {
            published: super::convert::stored_span(p.published_on, &p.date_precision)?,
            addresses: p.addresses,
            addressee: p.addressee,
            responds_to,
            slug: p.slug,
            title: p.title,
            summary: p.summary,
            source,
            source_locator: p.source_locator,
            presented_at,
        },
    })
}

/// The stored position `slug` if `audit`'s actor may edit it; "not found" for a draft they
/// may not see, "forbidden" for one they may see but not change.
pub async fn editable<C: ConnectionTrait>(db: &C, audit: &Audit, slug: &str) -> DomainResult<StoredPosition> {
    super::comments::visible_position(db, &audit.actor, slug).await?;
    let p = stored(db, slug).await?;
    ensure(can_edit_position(&audit.actor, &p.signatories, p.status))?;
    Ok(p)
}

/// The ids behind a position's slugs: its source, the consultation it was presented at and
/// the draft it responds to (which must be released no later than the position's last day).
struct Resolved {
    source_id: Option<i32>,
    presented_at_id: Option<i32>,
    responds_to_id: Option<i32>,
}

async fn resolve<C: ConnectionTrait>(db: &C, fields: &PositionFields) -> DomainResult<Resolved> {
    if let Some(e) = fields.check().into_iter().next() {
        return Err(e.into());
    }
    let (source_id, presented_at_id) = resolve_record(db, fields).await?;
    let responds_to_id = match &fields.responds_to {
        None => None,
        Some(slug) => {
            let d = draft::Entity::find()
                .filter(draft::Column::Slug.eq(slug))
                .one(db)
                .await?
                .ok_or_else(|| Invalid::new("responds_to", InvalidReason::UnknownValue(slug.clone())))?;
            super::positions::check_responds_to(db, d.id, fields.published).await?;
            Some(d.id)
        }
    };
    Ok(Resolved { source_id, presented_at_id, responds_to_id })
}

async fn resolve_record<C: ConnectionTrait>(
    db: &C,
    fields: &PositionFields,
) -> DomainResult<(Option<i32>, Option<i32>)> {
    let source_id = match &fields.source {
        None => None,
        Some(slug) => Some(
            source::Entity::find()
                .filter(source::Column::Slug.eq(slug))
                .one(db)
                .await?
                .ok_or_else(|| Invalid::new("source", InvalidReason::UnknownValue(slug.clone())))?
                .id,
        ),
    };
    let presented_at_id = match &fields.presented_at {
        None => None,
        Some(slug) => Some(
            consultation::Entity::find()
                .filter(consultation::Column::Slug.eq(slug))
                .one(db)
                .await?
                .ok_or_else(|| Invalid::new("presented_at", InvalidReason::UnknownValue(slug.clone())))?
                .id,
        ),
    };
    Ok((source_id, presented_at_id))
}

async fn slug_taken<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<bool> {
    Ok(position::Entity::find().filter(position::Column::Slug.eq(slug)).one(db).await?.is_some())
}

/// Starts an unpublished position for the organisation `organisation_slug`. Members of that
/// organisation and coordinators; it stays invisible to the public until published.
pub async fn create_unpublished(
    db: &DatabaseConnection,
    audit: &Audit,
    organisation_slug: &str,
    fields: PositionFields,
) -> DomainResult<String> {
    let org = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(organisation_slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Organisation))?;
    ensure(can_prepare_for(&audit.actor, org.id))?;
    let txn = crate::db::begin_write(db).await?;
    if slug_taken(&txn, &fields.slug).await? {
        return Err(Invalid::new("slug", InvalidReason::AlreadyTaken).into());
    }
    let ids = resolve(&txn, &fields).await?;
    let p = position::ActiveModel {
        slug: Set(fields.slug.clone()),
        title: Set(fields.title.clone()),
        status: Set(PositionStatus::Draft),
        source_id: Set(ids.source_id),
        source_locator: Set(fields.source_locator.clone()),
        presented_at_id: Set(ids.presented_at_id),
        summary: Set(fields.summary.clone()),
        created_by: Set(audit.actor.user_id()),
        version: Set(1),
        updated_at: Set(audit.at),
        ..super::positions::dated_and_addressed(
            fields.published,
            fields.addresses,
            &fields.addressee,
            ids.responds_to_id,
        )
    }
    .insert(&txn)
    .await?;
    position_signatory::ActiveModel { position_id: Set(p.id), organisation_id: Set(org.id) }.insert(&txn).await?;
    let context = PositionContext { status: PositionStatus::Draft, signatories: vec![org.id] };
    let changes = editing::all_set(PositionRecord::values(&txn, &fields, &context).await?, true);
    revisions::record(&txn, audit, EntityType::Position, p.id, &fields.title, RevisionAction::Created, changes).await?;
    txn.commit().await?;
    Ok(fields.slug)
}

/// What a position's save needs besides its fields: its status and signatories (who may edit).
#[derive(Debug, Clone, PartialEq)]
pub struct PositionContext {
    pub status: PositionStatus,
    pub signatories: Vec<i32>,
}

async fn load_stored<C: ConnectionTrait, I>(
    db: &C,
    slug: &str,
    input: impl FnOnce(&StoredPosition) -> I,
) -> DomainResult<Option<Stored<I, PositionContext>>> {
    match stored(db, slug).await {
        Ok(p) => Ok(Some(Stored {
            id: p.id,
            version: p.version,
            input: input(&p),
            context: PositionContext { status: p.status, signatories: p.signatories },
        })),
        Err(DomainError::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The signatories' names, sorted, as a revision records them.
async fn signatory_names<C: ConnectionTrait>(db: &C, ids: &[i32]) -> DomainResult<String> {
    if ids.is_empty() {
        return Ok(String::new());
    }
    let mut names: Vec<String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.name)
        .collect();
    names.sort();
    Ok(names.join("; "))
}

/// A position's fields, described for the versioned save.
pub struct PositionRecord;

impl Editable for PositionRecord {
    const KIND: EntityType = EntityType::Position;
    type Field = PositionField;
    type Key = str;
    type Input = PositionFields;
    type Context = PositionContext;

    async fn load<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<Option<StoredOf<Self>>> {
        load_stored(db, slug, |p| p.fields.clone()).await
    }

    async fn permit<C: ConnectionTrait>(db: &C, actor: &Actor, stored: &StoredOf<Self>) -> DomainResult<()> {
        super::comments::visible_position(db, actor, &stored.input.slug).await?;
        ensure(can_edit_position(actor, &stored.context.signatories, stored.context.status))
    }

    fn check(input: &PositionFields) -> Result<(), Invalid> {
        input.check().into_iter().next().map_or(Ok(()), Err)
    }

    async fn values<C: ConnectionTrait>(
        db: &C,
        input: &PositionFields,
        context: &PositionContext,
    ) -> DomainResult<Vec<(PositionField, String)>> {
        use PositionField as F;
        let PositionFields {
            slug,
            title,
            published,
            addresses,
            addressee,
            responds_to,
            summary,
            source,
            source_locator,
            presented_at,
        } = input;
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        Ok(vec![
            (F::Slug, slug.clone()),
            (F::Title, title.clone()),
            (F::Published, published.map(|s| s.to_storage()).unwrap_or_default()),
            (F::Addresses, addresses.to_string()),
            (F::Addressee, addressee.clone()),
            (F::RespondsTo, text(responds_to)),
            (F::Summary, summary.clone()),
            (F::Source, text(source)),
            (F::SourceLocator, source_locator.clone()),
            (F::PresentedAt, text(presented_at)),
            (F::Status, context.status.to_string()),
            (F::Signatories, signatory_names(db, &context.signatories).await?),
        ])
    }

    fn label(input: &PositionFields, _: &PositionContext) -> String {
        input.title.clone()
    }

    fn slug(input: &PositionFields) -> Option<&str> {
        Some(&input.slug)
    }

    async fn slug_taken<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<bool> {
        slug_taken(db, slug).await
    }

    async fn write<C: ConnectionTrait>(
        db: &C,
        audit: &Audit,
        stored: &StoredOf<Self>,
        fields: &PositionFields,
    ) -> DomainResult<bool> {
        let ids = resolve(db, fields).await?;
        let touch = Touch::position(db, stored.id).await?;
        let saved = position::Entity::update_many()
            .set(position::ActiveModel {
                slug: Set(fields.slug.clone()),
                title: Set(fields.title.clone()),
                source_id: Set(ids.source_id),
                source_locator: Set(fields.source_locator.clone()),
                presented_at_id: Set(ids.presented_at_id),
                summary: Set(fields.summary.clone()),
                version: Set(stored.version + 1),
                updated_at: Set(audit.at),
                ..super::positions::dated_and_addressed(
                    fields.published,
                    fields.addresses,
                    &fields.addressee,
                    ids.responds_to_id,
                )
            })
            .filter(position::Column::Id.eq(stored.id))
            .filter(position::Column::Version.eq(stored.version))
            .exec(db)
            .await?;
        if saved.rows_affected != 1 {
            return Ok(false);
        }
        touch.settle(db).await?;
        Ok(true)
    }
}

/// A position's status (draft or published), described for the versioned save: coordinators
/// publish, and take a published position back to draft.
pub struct PositionStatusRecord;

impl Editable for PositionStatusRecord {
    const KIND: EntityType = EntityType::Position;
    type Field = PositionField;
    type Key = str;
    type Input = PositionStatus;
    /// The position's title (its name in histories).
    type Context = String;

    async fn load<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<Option<StoredOf<Self>>> {
        Ok(load_stored(db, slug, |p| (p.status, p.fields.title.clone())).await?.map(|s| Stored {
            id: s.id,
            version: s.version,
            input: s.input.0,
            context: s.input.1,
        }))
    }

    async fn permit<C: ConnectionTrait>(_db: &C, actor: &Actor, _stored: &StoredOf<Self>) -> DomainResult<()> {
        ensure(can_publish(actor))
    }

    fn check(_input: &PositionStatus) -> Result<(), Invalid> {
        Ok(())
    }

    async fn values<C: ConnectionTrait>(
        _db: &C,
        input: &PositionStatus,
        _: &String,
    ) -> DomainResult<Vec<(PositionField, String)>> {
        Ok(vec![(PositionField::Status, input.to_string())])
    }

    fn label(_input: &PositionStatus, title: &String) -> String {
        title.clone()
    }

    async fn write<C: ConnectionTrait>(
        db: &C,
        audit: &Audit,
        stored: &StoredOf<Self>,
        status: &PositionStatus,
    ) -> DomainResult<bool> {
        let touch = Touch::position(db, stored.id).await?;
        let saved = position::Entity::update_many()
            .set(position::ActiveModel {
                status: Set(*status),
                version: Set(stored.version + 1),
                updated_at: Set(audit.at),
                ..Default::default()
            })
            .filter(position::Column::Id.eq(stored.id))
            .filter(position::Column::Version.eq(stored.version))
            .exec(db)
            .await?;
        if saved.rows_affected != 1 {
            return Ok(false);
        }
        if *status == PositionStatus::Published && stored.input != PositionStatus::Published {
            let event = super::notifications::Event::Published { position_id: stored.id };
            super::notifications::announce(db, audit, event).await?;
        }
        touch.settle(db).await?;
        Ok(true)
    }
}

/// Saves an edit of a position's fields from `expected_version`; returns its slug.
pub async fn update(
    db: &DatabaseConnection,
    audit: &Audit,
    slug: &str,
    expected_version: i32,
    fields: PositionFields,
) -> DomainResult<String> {
    let saved = editing::save::<PositionRecord>(db, audit, slug, expected_version, fields).await?.or_conflict()?;
    Ok(saved.input.slug)
}

/// Publishes a draft (or takes a published position back to draft). Coordinators only.
pub async fn set_status(
    db: &DatabaseConnection,
    audit: &Audit,
    slug: &str,
    expected_version: i32,
    status: PositionStatus,
) -> DomainResult<()> {
    editing::save::<PositionStatusRecord>(db, audit, slug, expected_version, status).await?.or_conflict()?;
    Ok(())
}

/// The draft positions `actor` may see, newest first: all of them for coordinators, their
/// organisation's for members, none for the public; optionally of one organisation only.
pub async fn drafts(
    db: &DatabaseConnection,
    actor: &crate::audit::Actor,
    organisation_id: Option<i32>,
) -> DomainResult<Vec<PositionRef>> {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    use sea_orm::QueryOrder;
    use std::collections::HashMap;
    // A fixed number of queries whatever the size of the record: the drafts (of one
    // organisation, when asked), their signatories, and those organisations.
    let mut select = position::Entity::find().filter(position::Column::Status.eq(PositionStatus::Draft));
    if let Some(org) = organisation_id {
        let mut signed = Query::select();
        signed
            .column(position_signatory::Column::PositionId)
            .from(position_signatory::Entity)
            .and_where(Expr::col(position_signatory::Column::OrganisationId).eq(org));
        select = select.filter(Expr::col((position::Entity, position::Column::Id)).in_subquery(signed));
    }
    let rows = select.order_by_desc(position::Column::UpdatedAt).all(db).await?;
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let mut signed_by: HashMap<i32, Vec<i32>> = HashMap::new();
    if !ids.is_empty() {
        for s in
            position_signatory::Entity::find().filter(position_signatory::Column::PositionId.is_in(ids)).all(db).await?
        {
            signed_by.entry(s.position_id).or_default().push(s.organisation_id);
        }
    }
    let mut org_ids: Vec<i32> = signed_by.values().flatten().copied().collect();
    org_ids.sort_unstable();
    org_ids.dedup();
    let organisations: HashMap<i32, organisation::Model> = if org_ids.is_empty() {
        HashMap::new()
    } else {
        organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(org_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect()
    };
    let mut out = Vec::new();
    for p in rows {
        let signed = signed_by.remove(&p.id).unwrap_or_default();
        if crate::permissions::record::can_see_draft_position(actor, &signed) {
            out.push(PositionRef {
                published: super::convert::stored_span(p.published_on, &p.date_precision)?,
                signatories: signed
                    .iter()
                    .filter_map(|o| organisations.get(o))
                    .map(super::convert::organisation_ref)
                    .collect(),
                slug: p.slug,
                title: p.title,
            });
        }
    }
    Ok(out)
}
