//! Source documents that positions and demands cite.
use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::convert::{stored_span, DateColumns};
use crate::audit::Audit;
use crate::entities::source;
use crate::error::DomainResult;
use crate::permissions::{ensure, record::can_edit_record};
use crate::types::{DateSpan, Invalid, InvalidReason, SourceView};

#[derive(Debug, Clone)]
pub struct SourceInput {
    pub slug: String,
    pub title: String,
    pub publisher: String,
    /// `None` when the source gives no date.
    pub published: Option<DateSpan>,
    pub url: String,
    pub description: String,
}

pub async fn create<C: ConnectionTrait>(db: &C, audit: &Audit, input: SourceInput) -> DomainResult<i32> {
    ensure(can_edit_record(&audit.actor))?;
    if input.title.trim().is_empty() {
        return Err(Invalid::new("title", InvalidReason::Required).into());
    }
    let dates = DateColumns::of(input.published);
    let m = source::ActiveModel {
        slug: Set(input.slug),
        title: Set(input.title),
        publisher: Set(input.publisher),
        published_on: Set(dates.first),
        date_precision: Set(dates.precision),
        url: Set(input.url),
        description: Set(input.description),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

pub async fn id_by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<Option<i32>> {
    Ok(source::Entity::find().filter(source::Column::Slug.eq(slug)).one(db).await?.map(|s| s.id))
}

pub async fn titles<C: ConnectionTrait>(db: &C) -> DomainResult<HashMap<i32, String>> {
    Ok(source::Entity::find().all(db).await?.into_iter().map(|s| (s.id, s.title)).collect())
}

pub async fn views<C: ConnectionTrait>(db: &C) -> DomainResult<HashMap<i32, SourceView>> {
    source::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            Ok((
                s.id,
                SourceView {
                    published: stored_span(s.published_on, &s.date_precision)?,
                    slug: s.slug,
                    title: s.title,
                    publisher: s.publisher,
                    url: s.url,
                    description: s.description,
                },
            ))
        })
        .collect()
}
